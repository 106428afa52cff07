//! One checked file set: the findings (exactly what `claimcheck check` reports for these
//! files) and, built on first use, the trees and model that hover, go-to-definition and
//! completion read.

use super::load::{self, Origin};
use super::position::{Encoding, LineIndex};
use super::uri;
use crate::model::{self, Loc, Model, NameKind};
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::ast::{Citation, Directive, Entry, Expr, Ident, ParsedFile};
use crate::value::number::Q;
use crate::Outcome;
use lsp_types::{Location, Uri};
use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// The trees and model of a file set.
pub struct Index {
    pub trees: Vec<ParsedFile>,
    pub model: Model,
}

pub struct Analysis {
    /// The set's claims files: `FileId(i)` is `uris[i]`.
    pub uris: Vec<Uri>,
    pub outcome: Outcome,
    /// The broken `claimcheck.toml` files met; their files were checked without them.
    config_errors: Vec<String>,
    /// The configured tolerance of each file that has one, for the model hover reads.
    tolerances: HashMap<FileId, Q>,
    index: OnceCell<Index>,
}

impl Analysis {
    /// Checks the files as one file set, as `claimcheck check` would: each file under its
    /// `claimcheck.toml`, and a file from disk only if that configuration selects it.
    pub fn new(files: &[(Uri, Arc<String>, Origin)]) -> Analysis {
        let loaded = load::load(files);
        let tolerances = loaded.configs.iter().filter_map(|(file, c)| Some((*file, c.tolerance.clone()?))).collect();
        let options = crate::RunOptions { configs: loaded.configs, ..Default::default() };
        let outcome = crate::check_sources_with(loaded.sources, &options);
        Analysis { uris: loaded.uris, outcome, config_errors: loaded.errors, tolerances, index: OnceCell::new() }
    }

    /// What `claimcheck check` would call a failed run (exit 2): broken configurations, and
    /// manuscripts or bibliographies that cannot be read.
    pub fn run_errors(&self) -> impl Iterator<Item = &String> {
        self.config_errors.iter().chain(self.outcome.run_errors.iter().map(|e| &e.message))
    }

    pub fn file_of(&self, uri: &Uri) -> Option<FileId> {
        self.uris.iter().position(|u| u == uri).map(|i| FileId(i as u32))
    }

    /// The URI of any file the run loaded: a claims file of the set, or a manuscript or
    /// bibliography the pipeline read by path.
    pub fn uri_of(&self, file: FileId) -> Option<Uri> {
        if let Some(uri) = self.uris.get(file.0 as usize) {
            return Some(uri.clone());
        }
        if file.0 as usize >= self.outcome.sources.len() {
            return None;
        }
        // Named as reports name files: relative to the current folder, as the check read it.
        let path = Path::new(&self.outcome.sources.get(file).name);
        match path.is_absolute() {
            true => uri::from_path(path),
            false => uri::from_path(&std::env::current_dir().ok()?.join(path)),
        }
    }

    pub fn text(&self, file: FileId) -> &str {
        &self.outcome.sources.get(file).text
    }

    pub fn line_index(&self, file: FileId, encoding: Encoding) -> LineIndex<'_> {
        let source = self.outcome.sources.get(file);
        LineIndex::with_line_starts(&source.text, source.line_starts(), encoding)
    }

    pub fn location(&self, loc: Loc, encoding: Encoding) -> Option<Location> {
        let uri = self.uri_of(loc.file)?;
        Some(Location { uri, range: self.line_index(loc.file, encoding).range(loc.span) })
    }

    pub fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let trees: Vec<ParsedFile> =
                (0..self.uris.len() as u32).map(|i| crate::syntax::parse(FileId(i), self.text(FileId(i))).0).collect();
            let files: Vec<(FileId, Arc<String>)> = (0..self.uris.len() as u32)
                .map(|i| (FileId(i), Arc::clone(&self.outcome.sources.get(FileId(i)).text)))
                .collect();
            // `model::build` with the configured tolerances, which widen `~` values here as
            // in the check, so hover shows the intervals the findings were drawn from; whole
            // trees serve as their own declarations, as in `model::build`.
            let settings = model::build::Settings {
                default_tolerance: self.tolerances.clone(),
                bibliography: self.bibliography(&trees),
                fault_ahead: None,
                source_keys_to: None,
                two_threads: false,
            };
            let (model, _) =
                model::build::build_streaming(&files, &trees, Default::default(), settings, |file, _, lowerer, add| {
                    for mut entry in trees[file.0 as usize].entries.iter().cloned() {
                        add(lowerer.lower(&mut entry));
                    }
                });
            Index { trees, model }
        })
    }

    /// The sources the files' `bibliography` lines declare, from the bibliographies the check
    /// read: attached again, in the same order, to a map of the claims files alone, so that
    /// each gets the file id it has in the check's map (where go-to-definition finds it).
    fn bibliography(&self, trees: &[ParsedFile]) -> Vec<model::Source> {
        let loaded = &self.outcome.sources;
        let mut claims = SourceMap::default();
        let claim_files: Vec<FileId> =
            (0..self.uris.len() as u32).map(|i| claims.add_shared(loaded.get_arc(FileId(i)))).collect();
        let read = |path: &Path| {
            let name = crate::cli::display_name(path);
            let file = loaded.ids().skip(claim_files.len()).find(|&f| loaded.get(f).name == name);
            file.map(|f| loaded.get(f).text.to_string()).ok_or_else(|| "not read by the check".to_string())
        };
        crate::manuscript::files::attach(&mut claims, &claim_files, trees, None, &read).sources
    }

    /// The name (id, source key or measure) under a byte offset of a file, if any.
    pub fn name_at(&self, file: FileId, offset: usize) -> Option<(NameKind, &Ident)> {
        let tree = self.index().trees.get(file.0 as usize)?;
        let entry = entry_at(tree, offset)?;
        names(entry).into_iter().find(|(_, ident)| touches(ident.span, offset))
    }

    /// The entry (claim, event, block member, …) whose first line holds a byte offset.
    pub fn thing_at(&self, file: FileId, offset: usize) -> Option<Thing> {
        let index = self.index();
        let entry = entry_at(index.trees.get(file.0 as usize)?, offset)?;
        let model = &index.model;
        let at = |span: Span| Loc { file, span };
        let claim = |span: Span| model.claims.iter().position(|c| c.loc == at(span)).map(Thing::Claim);
        match &entry.directive {
            Directive::Claim(_) => claim(entry.span),
            Directive::Event(_) => model.events.iter().position(|e| e.loc == at(entry.span)).map(Thing::Event),
            Directive::Assert { .. } => model.asserts.iter().position(|a| a.loc == at(entry.span)).map(Thing::Assert),
            Directive::Block(block) => match block.members.iter().find(|m| touches(m.span, offset)) {
                Some(member) => claim(member.span),
                None => claim(entry.span)
                    .or_else(|| model.blocks.iter().position(|b| b.loc == at(entry.span)).map(Thing::Block)),
            },
            _ => None,
        }
    }
}

/// What an entry of the model is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Thing {
    Claim(model::ClaimId),
    Event(model::EventId),
    Block(model::BlockId),
    Assert(model::AssertId),
}

impl From<model::Target> for Thing {
    fn from(target: model::Target) -> Thing {
        match target {
            model::Target::Claim(c) => Thing::Claim(c),
            model::Target::Event(e) => Thing::Event(e),
            model::Target::Block(b) => Thing::Block(b),
            model::Target::Assert(a) => Thing::Assert(a),
        }
    }
}

/// A cursor right after a word still counts as on it (where completion and hover land).
fn touches(span: Span, offset: usize) -> bool {
    span.range().contains(&offset) || offset == span.end as usize
}

/// The entry whose first line, or one of whose block members, holds the offset.
fn entry_at(tree: &ParsedFile, offset: usize) -> Option<&Entry> {
    tree.entries.iter().find(|entry| {
        let members = match &entry.directive {
            Directive::Block(block) => block.members.iter().any(|m| touches(m.span, offset)),
            _ => false,
        };
        touches(entry.span, offset) || members
    })
}

/// Every name written in an entry, with what kind of thing it names.
fn names(entry: &Entry) -> Vec<(NameKind, &Ident)> {
    let mut found = Vec::new();
    if let Some(label) = &entry.label {
        found.push((NameKind::Id, label));
    }
    found.extend(cite_keys(&entry.citation).map(|key| (NameKind::Source, key)));
    match &entry.directive {
        Directive::Source { key, .. } => found.push((NameKind::Source, key)),
        Directive::Measure { name, .. } => found.push((NameKind::Measure, name)),
        Directive::Claim(line) => found.push((NameKind::Measure, &line.measure)),
        Directive::Event(line) => found.extend(line.relative.iter().map(|r| (NameKind::Id, &r.anchor))),
        Directive::Block(block) => {
            found.push((NameKind::Measure, &block.measure));
            for member in &block.members {
                found.extend(member.label.iter().map(|label| (NameKind::Id, label)));
                found.extend(cite_keys(&member.citation).map(|key| (NameKind::Source, key)));
            }
        }
        Directive::Assert { lhs, rhs, .. } => {
            expr_names(lhs, &mut found);
            expr_names(rhs, &mut found);
        }
        Directive::Order(ids) => found.extend(ids.iter().map(|id| (NameKind::Id, id))),
        Directive::AsOf(_) | Directive::Tolerance(_) | Directive::Manuscript(_) | Directive::Bibliography(_) => {}
    }
    found
}

fn cite_keys(citation: &Option<Citation>) -> impl Iterator<Item = &Ident> {
    citation.iter().flat_map(|c| c.cites.iter().map(|cite| &cite.key))
}

fn expr_names<'a>(expr: &'a Expr, found: &mut Vec<(NameKind, &'a Ident)>) {
    match expr {
        Expr::Id(id) => found.push((NameKind::Id, id)),
        Expr::MeasureAt(measure, _, _) => found.push((NameKind::Measure, measure)),
        Expr::Quantity(_) | Expr::Exact(..) => {}
        Expr::Neg(inner, _) | Expr::Paren(inner, _) => expr_names(inner, found),
        Expr::Binary(lhs, _, rhs, _) => {
            expr_names(lhs, found);
            expr_names(rhs, found);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    const TEXT: &str = "source xing \"Xing\" 2001\nmeasure trade \"Trade\" unit USD\n\
        t2000: 2000 trade = $1.5bn [@xing]\n2000 shares trade [@xing]\n    China 60%\nassert t2000 < trade@2000 * 2\n";

    fn analysis() -> Analysis {
        Analysis::new(&[(Uri::from_str("file:///w/a.claims").unwrap(), Arc::new(TEXT.to_string()), Origin::Open)])
    }

    fn offset_of(needle: &str, nth: usize) -> usize {
        TEXT.match_indices(needle).nth(nth).unwrap().0
    }

    #[test]
    fn finds_each_kind_of_name() {
        let a = analysis();
        let at = |needle, nth| a.name_at(FileId(0), offset_of(needle, nth)).map(|(k, i)| (k, i.name.clone()));
        assert_eq!(at("xing", 2), Some((NameKind::Source, "xing".into())), "a citation key");
        assert_eq!(at("trade", 1), Some((NameKind::Measure, "trade".into())), "a claim's measure");
        assert_eq!(at("t2000", 1), Some((NameKind::Id, "t2000".into())), "an assert's id");
        assert_eq!(at("trade@", 0), Some((NameKind::Measure, "trade".into())), "MEASURE@DATE");
        assert_eq!(at("= $1.5bn", 0), None);
    }

    #[test]
    fn finds_claims_and_block_members() {
        let a = analysis();
        let model = &a.index().model;
        let Some(Thing::Claim(claim)) = a.thing_at(FileId(0), offset_of("$1.5bn", 0)) else { panic!() };
        assert_eq!(model.claim_id(&model.claims[claim]), Some("t2000"));
        let Some(Thing::Claim(member)) = a.thing_at(FileId(0), offset_of("60%", 0)) else { panic!() };
        assert_eq!(model.claims[member].item.as_deref(), Some("China"));
        assert!(matches!(a.thing_at(FileId(0), offset_of("shares", 0)), Some(Thing::Block(_))));
        assert_eq!(a.uri_of(FileId(0)).map(|u| u.as_str().to_string()).as_deref(), Some("file:///w/a.claims"));
    }
}
