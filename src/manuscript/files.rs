//! The files a claims file names: its manuscript (or `--manuscript`) and its bibliographies.
//! Paths are relative to the claims file's own path as given; each file is read once per
//! run, added to the source map so findings can point into it, and a file that cannot be
//! read is a run error (exit 2) naming its path.

use crate::finding::Finding;
use crate::model::Source;
use crate::source::{FileId, SourceFile, SourceMap, Span};
use crate::syntax::ast::{Directive, ParsedFile};
use crate::RunError;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Reads a text file: its contents, or why it cannot be read.
pub type Reader<'a> = &'a dyn Fn(&Path) -> Result<String, String>;

/// Reads regular files only (never a device or a pipe), as UTF-8 text.
pub fn read_from_disk(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() > crate::source::MAX_FILE_BYTES as u64 {
        return Err(crate::cli::too_large(&crate::cli::display_name(path), meta.len()).message);
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    crate::cli::decode(&crate::cli::display_name(path), bytes).map_err(|e| e.message)
}

/// `relative` as seen from the claims file called `claims_name`.
pub fn resolve(claims_name: &str, relative: &str) -> PathBuf {
    let relative = Path::new(relative);
    match Path::new(claims_name).parent() {
        Some(dir) if relative.is_relative() => dir.join(relative),
        _ => relative.to_path_buf(),
    }
}

/// ` (named in `a.claims:3:12`)`: where a claims file names a path, so that an editor can
/// jump to the line to fix when the file cannot be read.
fn named_at(claims: &SourceFile, path: Span) -> String {
    let (line, column) = claims.line_col(path.start as usize);
    format!(" (named in `{}:{line}:{column}`)", claims.name)
}

/// What the claims files' `manuscript` and `bibliography` lines brought in.
#[derive(Default)]
pub struct Attached {
    /// One source per bibliography entry.
    pub sources: Vec<Source>,
    /// The manuscript each claims file's quotes are checked against.
    pub manuscripts: HashMap<FileId, FileId>,
    /// Broken bibliography entries.
    pub findings: Vec<Finding>,
    /// Files that could not be read.
    pub errors: Vec<RunError>,
}

/// Loads every manuscript and bibliography the claims files name; `--manuscript` (relative
/// to the working folder) replaces every `manuscript` line.
pub fn attach(
    sources: &mut SourceMap,
    claim_files: &[FileId],
    trees: &[ParsedFile],
    manuscript_override: Option<&Path>,
    read: Reader,
) -> Attached {
    let mut attached = Attached::default();
    let mut loaded: HashMap<String, Option<FileId>> = HashMap::new();
    // `origin` says where the path came from, for the error when it cannot be read.
    let mut load = |sources: &mut SourceMap, path: PathBuf, what: &str, origin: &str, errors: &mut Vec<RunError>| {
        let name = crate::cli::display_name(&path);
        if let Some(&known) = loaded.get(&name) {
            return known.map(|id| (id, false));
        }
        let id = match read(&path) {
            Ok(text) => Some(sources.add(SourceFile::new(name.clone(), text))),
            Err(why) => {
                // An absolute path is echoed as written; a relative one as resolved from
                // the claims file, where it was looked for.
                let shown = if path.is_absolute() { path.display().to_string() } else { name.clone() };
                errors.push(RunError::new(&name, format!("cannot read the {what} `{shown}`{origin}: {why}")));
                None
            }
        };
        loaded.insert(name, id);
        id.map(|id| (id, true))
    };
    let overridden = manuscript_override.and_then(|path| {
        load(sources, path.to_path_buf(), "manuscript", " (given with `--manuscript`)", &mut attached.errors)
    });
    for (&file, tree) in claim_files.iter().zip(trees) {
        let claims_name = sources.get(file).name.clone();
        for entry in &tree.entries {
            match &entry.directive {
                Directive::Manuscript(path) if manuscript_override.is_none() => {
                    // The parser keeps one `manuscript` line per file (a second is a syntax error).
                    let origin = named_at(sources.get(file), path.span);
                    let path = resolve(&claims_name, &path.text);
                    if let Some((id, _)) = load(sources, path, "manuscript", &origin, &mut attached.errors) {
                        attached.manuscripts.insert(file, id);
                    }
                }
                Directive::Bibliography(path) => {
                    let origin = named_at(sources.get(file), path.span);
                    let path = resolve(&claims_name, &path.text);
                    let bibliography = load(sources, path, "bibliography", &origin, &mut attached.errors);
                    if let Some((id, true)) = bibliography {
                        let source = sources.get(id);
                        let (entries, findings) = crate::bibliography::parse(id, &source.name, &source.text);
                        attached.sources.extend(entries);
                        attached.findings.extend(findings);
                    }
                }
                _ => {}
            }
        }
        if let Some((id, _)) = overridden {
            attached.manuscripts.insert(file, id);
        }
    }
    attached
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_claims_file() {
        assert_eq!(resolve("claims/a.claims", "paper.md"), PathBuf::from("claims/paper.md"));
        assert_eq!(resolve("a.claims", "refs/x.bib"), PathBuf::from("refs/x.bib"));
        assert_eq!(resolve("claims/a.claims", "/abs/p.md"), PathBuf::from("/abs/p.md"));
        assert_eq!(crate::cli::display_name(Path::new("./claims/../p.md")), "claims/../p.md");
        assert_eq!(crate::cli::display_name(Path::new("mix//./a.claims")), "mix/a.claims");
        assert_eq!(crate::cli::display_name(Path::new("../../a.claims")), "../../a.claims");
    }

    #[test]
    fn each_file_is_read_once_and_failures_name_the_path() {
        let mut sources = SourceMap::default();
        let text = "manuscript \"paper.md\"\nbibliography \"missing.bib\"\n";
        let a = sources.add(SourceFile::new("dir/a.claims", text));
        let b = sources.add(SourceFile::new("dir/b.claims", text));
        let trees: Vec<ParsedFile> = [a, b].iter().map(|&f| crate::syntax::parse(f, text).0).collect();
        let reads = std::cell::Cell::new(0);
        let read = |path: &Path| {
            reads.set(reads.get() + 1);
            match path.to_str() {
                Some("dir/paper.md") => Ok("Trade.".to_string()),
                _ => Err("no such file".to_string()),
            }
        };
        let attached = attach(&mut sources, &[a, b], &trees, None, &read);
        assert_eq!(reads.get(), 2);
        assert_eq!(attached.manuscripts[&a], attached.manuscripts[&b]);
        let message = "cannot read the bibliography `dir/missing.bib` (named in `dir/a.claims:2:14`): no such file";
        assert_eq!(attached.errors, vec![RunError::new("dir/missing.bib", message)]);
    }
}
