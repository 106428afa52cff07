//! The id table: what each label names. An entry holds only what the id names (4 bytes); its
//! name and place are read from the statement it names, so a large file's table takes 0.6
//! MiB a hundred thousand labels rather than 5 (at a million labels, 10 MiB rather than 36).

use super::shared_text::same_text;
use super::{Assert, Block, Claim, Event, FileInfo, Labelled, Loc, Target};
use crate::source::Span;
use hashbrown::hash_table::{Entry, HashTable};
use std::hash::BuildHasher;

#[derive(Clone, Debug, Default)]
pub struct Ids {
    table: HashTable<Labelled>,
}

/// The statements the table's entries point into, for their names.
#[derive(Clone, Copy)]
pub struct Named<'m> {
    /// The files' texts, which claims' ids are read from.
    pub files: &'m [FileInfo],
    pub claims: &'m [Claim],
    pub events: &'m [Event],
    pub asserts: &'m [Assert],
    pub blocks: &'m [Block],
}

impl<'m> Named<'m> {
    /// The id of the statement an entry names (a statement is added before its label is
    /// defined, so it is always there).
    pub fn name(&self, labelled: &Labelled) -> &'m str {
        let id = match labelled.target() {
            Target::Claim(c) => self.claims.get(c).and_then(|c| super::claim_id(self.files, c)),
            Target::Event(e) => self.events.get(e).and_then(|e| e.id.as_deref()),
            Target::Assert(a) => self.asserts.get(a).and_then(|a| a.id.as_deref()),
            Target::Block(b) => self.blocks.get(b).and_then(|b| b.id.as_deref()),
        };
        id.unwrap_or_default()
    }

    /// Where an entry's label is written: a label opens the line (or member line) of the
    /// statement it names, whose span starts with it.
    pub fn label(&self, labelled: &Labelled) -> Loc {
        let loc = match labelled.target() {
            Target::Claim(c) => self.claims.get(c).map(|c| c.loc),
            Target::Event(e) => self.events.get(e).map(|e| e.loc),
            Target::Assert(a) => self.asserts.get(a).map(|a| a.loc),
            Target::Block(b) => self.blocks.get(b).map(|b| b.loc),
        }
        .unwrap_or_default();
        let start = loc.span.start as usize;
        Loc { file: loc.file, span: Span::new(start, start + self.name(labelled).len()) }
    }
}

fn hash(name: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(name)
}

impl Ids {
    pub fn reserve(&mut self, additional: usize, named: Named) {
        self.table.reserve(additional, |l| hash(named.name(l)));
    }

    pub fn get(&self, named: Named, name: &str) -> Option<&Labelled> {
        self.table.find(hash(name), |l| same_text(named.name(l), name))
    }

    /// Adds `name` for `labelled` unless it names something already: then that first entry.
    pub fn define(&mut self, named: Named, name: &str, labelled: Labelled) -> Option<Labelled> {
        match self.table.entry(hash(name), |l| same_text(named.name(l), name), |l| hash(named.name(l))) {
            Entry::Occupied(first) => Some(*first.get()),
            Entry::Vacant(slot) => {
                slot.insert(labelled);
                None
            }
        }
    }

    /// Every id with what it names, in no particular order.
    pub fn iter<'a>(&'a self, named: Named<'a>) -> impl Iterator<Item = (&'a str, &'a Labelled)> + 'a {
        self.table.iter().map(move |l| (named.name(l), l))
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{build, NameKind, Target};
    use crate::source::FileId;

    #[test]
    fn every_kind_of_statement_is_found_by_its_label_and_the_first_label_wins() {
        let text = "source s \"S\"\nmeasure m \"M\" unit %\nmeasure t \"T\" unit USD\n\
            b: 2000 shares m [@s]\n    b: A 50%\n    c: B 20%\n\
            e: 2001 event \"E\" [@s]\nk: assert c < 30% [@s]\n\
            tot: 2000 total t = $5bn [@s]\n    x: X $1bn\n    Y ?\nc: 2002 t = $1bn [@s]\n";
        let tree = crate::syntax::parse(FileId(0), text).0;
        let model = build::build(&[build::Parsed { file: FileId(0), text, tree: &tree }]);
        assert_eq!(model.target("b"), Some(Target::Block(0)));
        assert_eq!(model.target("c"), Some(Target::Claim(1)), "the first `c`, a member");
        assert_eq!(model.target("e"), Some(Target::Event(0)));
        assert_eq!(model.target("k"), Some(Target::Assert(0)));
        assert!(
            matches!(model.target("tot"), Some(Target::Claim(t)) if model.claim_id(&model.claims[t]) == Some("tot"))
        );
        assert!(matches!(model.target("x"), Some(Target::Claim(_))));
        assert_eq!(model.target("nothing"), None);
        let duplicates: Vec<&str> =
            model.duplicates.iter().filter(|d| d.kind == NameKind::Id).map(|d| d.name.as_str()).collect();
        assert_eq!(duplicates, ["b", "c"]);
        let mut names: Vec<&str> = model.id_names().map(|(name, _)| name).collect();
        names.sort_unstable();
        assert_eq!(names, ["b", "c", "e", "k", "tot", "x"]);
    }
}
