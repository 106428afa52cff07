//! claimcheck finds the places where the claims of a document cannot all be true at once.
//!
//! The pipeline runs one way: [`syntax`] (text to tree, recovering at every line) →
//! [`model`] (names, units and dates resolved into exact intervals) → [`checks`] (pure
//! functions from the model to [`finding::Finding`]s) → [`report`] (renderers that
//! only print).

pub mod bibliography;
pub mod checks;
pub mod cli;
pub mod config;
pub mod coverage;
pub mod engine;
pub mod finding;
pub mod fmt;
pub mod lsp;
pub mod manuscript;
pub mod model;
pub mod registry;
pub mod report;
pub mod source;
pub mod suggest;
pub mod suppress;
pub mod syntax;
pub mod timeline;
pub mod value;

use finding::Finding;
use source::{FileId, SourceFile, SourceMap};
use std::collections::HashMap;

/// The result of checking a set of claims files.
pub struct Outcome {
    pub sources: SourceMap,
    /// The claims files checked (the source map may hold other files too).
    pub claim_files: Vec<FileId>,
    /// Sorted by file, position and code.
    pub findings: Vec<Finding>,
    /// Claims, events and asserts in the model.
    pub statements: usize,
    /// Files the claims name that could not be read (a manuscript, a bibliography): the run
    /// itself failed, and the CLI exits 2.
    pub run_errors: Vec<String>,
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
    /// The `claimcheck.toml` that governs each claims file, if any.
    pub configs: Vec<(FileId, std::sync::Arc<config::Config>)>,
}

/// Parses, models and checks every file of `sources` as one file set.
pub fn check_sources(sources: SourceMap) -> Outcome {
    check_sources_with(sources, &RunOptions::default())
}

/// [`check_sources`] with run options. A claims file's `manuscript` and `bibliography`
/// paths are relative to its name (the path it was given as), so an in-memory file named
/// `fixtures/x/a.claims` finds `fixtures/x/refs.bib`.
pub fn check_sources_with(sources: SourceMap, options: &RunOptions) -> Outcome {
    check_sources_read(sources, options, &manuscript::files::read_from_disk)
}

/// [`check_sources_with`] reading manuscripts and bibliographies through `read`.
pub(crate) fn check_sources_read(
    mut sources: SourceMap,
    options: &RunOptions,
    read: manuscript::files::Reader,
) -> Outcome {
    let claim_files: Vec<FileId> = sources.ids().collect();
    let mut findings = Vec::new();
    let mut trees = Vec::with_capacity(claim_files.len());
    for &file in &claim_files {
        let (tree, syntax_findings) = syntax::parse(file, &sources.get(file).text);
        findings.extend(syntax_findings);
        trees.push(tree);
    }
    let attached = manuscript::files::attach(&mut sources, &claim_files, &trees, options.manuscript.as_deref(), read);
    findings.extend(attached.findings);
    let files: Vec<(FileId, &str)> = claim_files.iter().map(|&file| (file, &*sources.get(file).text)).collect();
    let configs: HashMap<FileId, &config::Config> = options.configs.iter().map(|(f, c)| (*f, c.as_ref())).collect();
    let default_tolerance = configs.iter().filter_map(|(file, c)| c.tolerance.clone().map(|t| (*file, t))).collect();
    let settings = model::build::Settings { bibliography: attached.sources, default_tolerance };
    let mut model = model::build::build_taking(&files, &mut trees, settings);
    for info in &mut model.files {
        info.manuscript_file = attached.manuscripts.get(&info.file).copied();
    }
    findings.extend(checks::run(&checks::Context::new(&model, &sources)));
    let allows: Vec<(FileId, &[syntax::ast::Allow])> =
        claim_files.iter().zip(&trees).map(|(&file, tree)| (file, tree.allows.as_slice())).collect();
    suppress::apply(&mut findings, &allows, &sources);
    if !configs.is_empty() {
        findings = findings
            .into_iter()
            .filter_map(|f| match configs.get(&f.primary.file) {
                Some(config) => config.apply(f),
                None => Some(f),
            })
            .collect();
    }
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let run_errors = attached.errors;
    Outcome { statements: model.statement_count(), sources, claim_files, findings, run_errors }
}

/// Checks one in-memory file.
pub fn check_text(name: &str, text: &str) -> Outcome {
    let mut sources = SourceMap::default();
    sources.add(SourceFile::new(name, text));
    check_sources(sources)
}
