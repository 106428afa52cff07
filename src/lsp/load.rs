//! The files of a file set as `claimcheck check` loads them: each under the nearest
//! `claimcheck.toml` in its folder or a folder above, which also chooses among the files a
//! folder walk found.

use super::uri;
use crate::config::{self, Config};
use crate::source::{FileId, SourceFile, SourceMap};
use lsp_types::Uri;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How a file came into a file set. `claimcheck check` always checks a file it is named but
/// takes a file it finds in a folder only where that file's `claimcheck.toml` selects it; an
/// open document is the one, a file read from disk the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Open,
    Walked,
}

/// The files a check takes, with what governs them.
pub struct Loaded {
    pub sources: SourceMap,
    /// `FileId(i)` is `uris[i]`.
    pub uris: Vec<Uri>,
    pub configs: Vec<(FileId, Arc<Config>)>,
    /// The broken configurations met, each once; their files are checked without them.
    pub errors: Vec<String>,
}

/// Loads the files in their order, leaving out the walked files their configuration does
/// not select.
pub fn load(files: &[(Uri, Arc<String>, Origin)]) -> Loaded {
    let mut found = Configs::default();
    let mut loaded =
        Loaded { sources: SourceMap::default(), uris: Vec::new(), configs: Vec::new(), errors: Vec::new() };
    for (uri, text, origin) in files {
        let path = uri::to_path(uri);
        let config = path.as_deref().and_then(|path| found.of(path, &mut loaded.errors));
        let excluded = matches!((&path, &config), (Some(path), Some(c)) if !c.selects(path));
        if *origin == Origin::Walked && excluded {
            continue;
        }
        let file = loaded.sources.add(SourceFile::shared(file_name(uri), Arc::clone(text)));
        loaded.configs.extend(config.map(|c| (file, c)));
        loaded.uris.push(uri.clone());
    }
    loaded
}

/// The configurations found during one check, by the folder each search started from: the
/// files of a folder share one search, and an edit to a `claimcheck.toml` counts at the
/// next check.
#[derive(Default)]
struct Configs(HashMap<PathBuf, Option<Arc<Config>>>);

impl Configs {
    /// The configuration governing the file at `path`. `claimcheck check` stops at a broken
    /// one; the server reports it (in `errors`) and checks without it, so the editor still
    /// shows findings.
    fn of(&mut self, path: &Path, errors: &mut Vec<String>) -> Option<Arc<Config>> {
        let dir = path.parent()?;
        if let Some(found) = self.0.get(dir) {
            return found.clone();
        }
        let found = config::discover(dir).unwrap_or_else(|e| {
            if !errors.contains(&e.message) {
                errors.push(e.message);
            }
            None
        });
        let found = found.map(Arc::new);
        self.0.insert(dir.to_path_buf(), found.clone());
        found
    }
}

/// The name a file is known by in the run: its path, so that `manuscript` and
/// `bibliography` lines resolve beside it; the URI itself for unsaved buffers.
fn file_name(uri: &Uri) -> String {
    match uri::to_path(uri) {
        Some(path) => path.to_string_lossy().into_owned(),
        None => uri.as_str().to_string(),
    }
}
