//! claimcheck finds the places where the claims of a document cannot all be true at once.
//!
//! The pipeline runs one way: [`syntax`] (text to tree, recovering at every line) →
//! [`model`] (names, units and dates resolved into exact intervals) → [`checks`] (pure
//! functions from the model to [`finding::Finding`]s) → [`report`] (renderers that
//! only print).

pub mod checks;
pub mod cli;
pub mod coverage;
pub mod finding;
pub mod model;
pub mod registry;
pub mod report;
pub mod source;
pub mod suggest;
pub mod syntax;
pub mod timeline;
pub mod value;

use finding::Finding;
use source::{FileId, SourceFile, SourceMap};
use std::collections::HashSet;

/// The result of checking a set of claims files.
pub struct Outcome {
    pub sources: SourceMap,
    /// The claims files checked (the source map may hold other files too).
    pub claim_files: Vec<FileId>,
    /// Sorted by file, position and code.
    pub findings: Vec<Finding>,
    /// Claims, events and asserts in the model.
    pub statements: usize,
}

impl Outcome {
    pub fn count(&self, severity: finding::Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }
}

/// Settings of one run that do not come from the claims files.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// `--manuscript PATH`: overrides the files' `manuscript` directives.
    pub manuscript: Option<std::path::PathBuf>,
}

/// Parses, models and checks every file of `sources` as one file set.
pub fn check_sources(sources: SourceMap) -> Outcome {
    check_sources_with(sources, &RunOptions::default())
}

/// [`check_sources`] with run options.
pub fn check_sources_with(sources: SourceMap, _options: &RunOptions) -> Outcome {
    let claim_files: Vec<FileId> = sources.ids().collect();
    let mut findings = Vec::new();
    let mut trees = Vec::with_capacity(claim_files.len());
    for &file in &claim_files {
        let (tree, syntax_findings) = syntax::parse(file, &sources.get(file).text);
        findings.extend(syntax_findings);
        trees.push(tree);
    }
    let parsed: Vec<model::build::Parsed> = claim_files
        .iter()
        .zip(&trees)
        .map(|(&file, tree)| model::build::Parsed { file, text: &sources.get(file).text, tree })
        .collect();
    let model = model::build(&parsed);
    findings.extend(checks::run(&checks::Context { model: &model, sources: &sources }));
    let allowed: HashSet<(FileId, usize, &str)> = claim_files
        .iter()
        .zip(&trees)
        .flat_map(|(&file, tree)| tree.allows.iter().map(move |a| (file, a.line, a.code.as_str())))
        .collect();
    findings.retain(|f| {
        let (line, _) = sources.get(f.primary.file).line_col(f.primary.span.start);
        !allowed.contains(&(f.primary.file, line - 1, f.code()))
    });
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Outcome { statements: model.statement_count(), sources, claim_files, findings }
}

/// Checks one in-memory file.
pub fn check_text(name: &str, text: &str) -> Outcome {
    let mut sources = SourceMap::default();
    sources.add(SourceFile::new(name, text));
    check_sources(sources)
}
