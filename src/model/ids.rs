//! The id table: what each label names. An entry holds what the id names (4 bytes) and the
//! hash of its name (4 bytes); the name and its place are read from the statement it names,
//! so a large file's table takes 8 bytes a label (at a million labels, 10 MiB with its
//! index).
//!
//! The table is laid out once, when every statement is in: while the model is built a label
//! is only noted, in order ([`Ids::define`]); [`Ids::lay_out`] then groups the notes by hash
//! with a counting sort, each group in the order its labels were written, so the first label
//! of a name is the first of its group, and every later one is a duplicate. Inserting each
//! label into a hash table as it came cost the model's thread a miss or two in memory per
//! label once the table outgrew the caches: at a million labels a fifth of that thread's time
//! (32 times what 100k labels took). The counting sort's short loops keep many of those misses
//! in flight at once.

use super::shared_text::same_text;
use super::{Assert, Block, Claim, Duplicate, Event, FileInfo, Labelled, Loc, NameKind, Target};
use crate::source::Span;
use compact_str::CompactString;
use rustc_hash::FxHashMap;
use std::hash::BuildHasher;

#[derive(Clone, Debug, Default)]
pub struct Ids {
    /// While the model is built, the labels defined, in order; once laid out, the first
    /// definition of each name, grouped by [`Ids::bucket`].
    entries: Vec<Entry>,
    /// Where each bucket's entries start in `entries`, and their end: empty until laid out.
    starts: Vec<u32>,
    /// The labels of statements with an impossible date, noted while the model is built.
    undated: Vec<Undated>,
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    hash: u32,
    labelled: Labelled,
}

/// The label of a statement with an impossible date: it names nothing checkable, but it is a
/// definition all the same (a later label of its name is a duplicate).
#[derive(Clone, Debug)]
struct Undated {
    name: CompactString,
    loc: Loc,
    /// How many labels of checkable statements were defined before it.
    after: usize,
}

/// A second definition of a name, and what it would have named (nothing checkable when its
/// statement's date is impossible).
pub struct Redefined {
    pub duplicate: Duplicate,
    pub target: Option<Target>,
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

fn hash(name: &str) -> u32 {
    // The high half: FxHash mixes its last word into its top bits best.
    (rustc_hash::FxBuildHasher.hash_one(name) >> 32) as u32
}

/// Takes the entries at `places` (in order) out of `table`, whose buckets start at `starts`.
fn drop_entries(table: &mut Vec<Entry>, starts: &mut [u32], places: &[usize]) {
    let mut places = places.iter().peekable();
    let mut kept = 0;
    for b in 0..starts.len() - 1 {
        let (start, end) = (starts[b] as usize, starts[b + 1] as usize);
        starts[b] = kept as u32;
        for i in start..end {
            if places.next_if_eq(&&i).is_none() {
                table[kept] = table[i];
                kept += 1;
            }
        }
    }
    starts[starts.len() - 1] = kept as u32;
    table.truncate(kept);
    table.shrink_to_fit();
}

/// Whether `name` is defined first at `loc` (noted in `firsts`); if not, a duplicate of the
/// first, noted in `redefined`.
fn first_of_name<'a>(
    firsts: &mut std::collections::HashMap<&'a str, Loc>,
    redefined: &mut Vec<Redefined>,
    name: &'a str,
    loc: Loc,
    target: Option<Target>,
) -> bool {
    match firsts.get(name) {
        Some(&first) => {
            let duplicate = Duplicate { kind: NameKind::Id, name: name.into(), first, second: loc };
            redefined.push(Redefined { duplicate, target });
            false
        }
        None => {
            firsts.insert(name, loc);
            true
        }
    }
}

/// How the laid-out table is grouped: by the top bits of each entry's hash into buckets (about
/// two entries each), and the buckets by the first [`Layout::PARTITION_BITS`] of those bits
/// into partitions.
///
/// The entries are sorted in two passes: into the partitions (256 places written at a time,
/// each in order), then each partition into its buckets, within a part of the table small
/// enough to stay in the caches. One pass straight into the buckets wrote each entry to a
/// place of its own all over the table: at a million labels an 8 MiB table, a miss in memory
/// an entry, 28–39 ms of the 40–50 the layout took on the model's thread (the parser's thread
/// idle meanwhile); the two passes take 21–28 ms in the same hour (about 10 of them the first,
/// which faults in the partitions' room), 16–24 with the second on two threads.
struct Layout {
    /// Bits of the hash that choose the bucket.
    bucket_bits: u32,
    /// Bits of the hash that choose the partition: [`Layout::PARTITION_BITS`] or fewer.
    partition_bits: u32,
}

/// The entries grouped by bucket (each in the order written), where each bucket starts (and
/// past the last, the end), and the buckets that may hold two entries of one name, in order.
type Sorted = (Vec<Entry>, Vec<u32>, Vec<usize>);

impl Layout {
    /// 256 partitions: their next places are 256 cache lines, well within the first-level cache.
    const PARTITION_BITS: u32 = 8;
    /// From this many labels on, a layout on two threads sorts the partitions' two halves into
    /// their buckets at once (100k labels: about a millisecond of sorting).
    const HALVES_FROM: usize = 1 << 16;

    fn new(entries: usize) -> Layout {
        let bucket_bits = (entries / 2).next_power_of_two().trailing_zeros();
        Layout { bucket_bits, partition_bits: bucket_bits.min(Self::PARTITION_BITS) }
    }

    fn bucket(&self, hash: u32) -> usize {
        (u64::from(hash) >> (32 - self.bucket_bits)) as usize
    }

    fn partition(&self, hash: u32) -> usize {
        (u64::from(hash) >> (32 - self.partition_bits)) as usize
    }

    /// Sorts `entries` (in the order written) into buckets, keeping that order within each, and
    /// finds the buckets that may hold two of one name.
    fn sort(&self, entries: Vec<Entry>, two_threads: bool) -> Sorted {
        let partitions = 1 << self.partition_bits;
        // Counted into the next partition's start, then summed: `bounds[p]` is where
        // partition `p` starts.
        let mut bounds = vec![0_u32; partitions + 1];
        for entry in &entries {
            bounds[self.partition(entry.hash) + 1] += 1;
        }
        for p in 0..partitions {
            bounds[p + 1] += bounds[p];
        }
        let mut partitioned = vec![Entry { hash: 0, labelled: Labelled::new(Target::Claim(0)) }; entries.len()];
        let mut next = bounds.clone();
        for entry in &entries {
            let place = &mut next[self.partition(entry.hash)];
            partitioned[*place as usize] = *entry;
            *place += 1;
        }
        // Every place of the table is written once below: the entries' own room serves,
        // already faulted in.
        let mut table = entries;
        let buckets = 1 << self.bucket_bits;
        let mut starts = vec![0_u32; buckets + 1];
        let suspects = match two_threads && table.len() >= Self::HALVES_FROM {
            // The partitions' two halves fill two parts of the table (and of `starts`) apart.
            true => {
                let middle = partitions / 2;
                let (low, high) = table.split_at_mut(bounds[middle] as usize);
                let (low_starts, high_starts) = starts[..buckets].split_at_mut(middle << self.per_partition_bits());
                std::thread::scope(|scope| {
                    let high =
                        scope.spawn(|| self.fill_buckets(&partitioned, &bounds, middle..partitions, high, high_starts));
                    let mut suspects = self.fill_buckets(&partitioned, &bounds, 0..middle, low, low_starts);
                    suspects.extend(high.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
                    suspects
                })
            }
            false => self.fill_buckets(&partitioned, &bounds, 0..partitions, &mut table, &mut starts[..buckets]),
        };
        starts[buckets] = table.len() as u32;
        (table, starts, suspects)
    }

    /// Bits of the hash, past the partition's, that choose a bucket within its partition.
    fn per_partition_bits(&self) -> u32 {
        self.bucket_bits - self.partition_bits
    }

    /// Sorts the partitions `range` of `partitioned` (partition `p` starts at `bounds[p]`) into
    /// their buckets: into `table`, the table's part from the range's first partition on, and
    /// `starts`, where each of the range's buckets starts in the whole table. Returns the
    /// buckets that may hold two entries of one name, in order.
    fn fill_buckets(
        &self,
        partitioned: &[Entry],
        bounds: &[u32],
        range: std::ops::Range<usize>,
        table: &mut [Entry],
        starts: &mut [u32],
    ) -> Vec<usize> {
        let per_partition = 1 << self.per_partition_bits();
        let base = bounds[range.start] as usize;
        let mut suspects = Vec::new();
        let mut places = vec![0_u32; per_partition];
        for (p, starts) in range.zip(starts.chunks_mut(per_partition)) {
            let (from, to) = (bounds[p] as usize, bounds[p + 1] as usize);
            let first = p * per_partition;
            // Each bucket's entries counted, then its start and the next place in it.
            places.fill(0);
            for entry in &partitioned[from..to] {
                places[self.bucket(entry.hash) - first] += 1;
            }
            let mut start = from as u32;
            for (bucket_start, place) in starts.iter_mut().zip(&mut places) {
                *bucket_start = start;
                start += std::mem::replace(place, start);
            }
            for entry in &partitioned[from..to] {
                let place = &mut places[self.bucket(entry.hash) - first];
                table[*place as usize - base] = *entry;
                *place += 1;
            }
            suspects.extend(self.suspects(&table[from - base..to - base], first, starts, from));
        }
        suspects
    }

    /// The buckets of one partition, laid out in `part` (which starts at `from` in the table;
    /// its buckets start at `starts`), that may hold two entries of one name, in order.
    ///
    /// Two labels of one name share a hash, and so a bucket, which holds two entries or so:
    /// comparing each entry's hash with the three before it finds every two of one hash in
    /// buckets of up to four, and longer buckets are searched whole. Walking every bucket
    /// for duplicates cost more in mispredicted branches than the rest of the layout.
    fn suspects(&self, part: &[Entry], first: usize, starts: &[u32], from: usize) -> Vec<usize> {
        let mut suspects: Vec<usize> = (1..part.len())
            .filter(|&i| part[i.saturating_sub(3)..i].iter().any(|before| before.hash == part[i].hash))
            .map(|i| self.bucket(part[i].hash))
            .collect();
        let ends = starts.iter().skip(1).map(|&end| end as usize - from).chain([part.len()]);
        suspects.extend(starts.iter().zip(ends).enumerate().filter_map(|(b, (&start, end))| {
            let entries = &part[start as usize - from..end];
            let long =
                entries.len() > 4 && (1..entries.len()).any(|i| entries[..i].iter().any(|e| e.hash == entries[i].hash));
            long.then_some(first + b)
        }));
        suspects.sort_unstable();
        suspects.dedup();
        suspects
    }
}

impl Ids {
    pub fn reserve(&mut self, additional: usize) {
        self.entries.reserve(additional);
    }

    /// Notes that `name` labels `labelled`: [`Ids::lay_out`] tells whether it is the first.
    pub fn define(&mut self, name: &str, labelled: Labelled) {
        debug_assert!(self.starts.is_empty(), "a label defined once the table is laid out");
        self.entries.push(Entry { hash: hash(name), labelled });
    }

    /// Notes the label of a statement with an impossible date.
    pub fn define_undated(&mut self, name: &str, loc: Loc) {
        self.undated.push(Undated { name: name.into(), loc, after: self.entries.len() });
    }

    /// Lays the table out once every label is defined: keeps each name's first definition,
    /// puts the first labels of statements with an impossible date in `undated_ids`, and
    /// returns every later definition, in the order written.
    pub fn lay_out(
        &mut self,
        named: Named,
        undated_ids: &mut FxHashMap<CompactString, Loc>,
        two_threads: bool,
    ) -> Vec<Redefined> {
        let mut redefined = match self.undated.is_empty() {
            true => Vec::new(),
            false => self.first_among_undated(named, undated_ids),
        };
        let layout = Layout::new(self.entries.len());
        let (mut table, mut starts, suspects) = layout.sort(std::mem::take(&mut self.entries), two_threads);
        let mut later = Vec::new();
        for b in suspects {
            let start = starts[b] as usize;
            for i in start + 1..starts[b + 1] as usize {
                let entry = table[i];
                // Names are read (from the statements, all over memory) only when hashes
                // match. The first entry of the name is the earliest: never itself a duplicate.
                let name = || named.name(&entry.labelled);
                let earlier = &table[start..i];
                if let Some(first) = earlier
                    .iter()
                    .find(|first| first.hash == entry.hash && same_text(named.name(&first.labelled), name()))
                {
                    let (first, second) = (named.label(&first.labelled), named.label(&entry.labelled));
                    let duplicate = Duplicate { kind: NameKind::Id, name: name().into(), first, second };
                    redefined.push(Redefined { duplicate, target: Some(entry.labelled.target()) });
                    later.push(i);
                }
            }
        }
        if !later.is_empty() {
            drop_entries(&mut table, &mut starts, &later);
        }
        self.entries = table;
        self.starts = starts;
        redefined.sort_by_key(|r| (r.duplicate.second.file, r.duplicate.second.span.start));
        redefined
    }

    /// Goes through every definition in the order written, labels of statements with an
    /// impossible date among them, to keep each name's first: the table's entries are left
    /// the first of each name that names a checkable statement.
    fn first_among_undated(&mut self, named: Named, undated_ids: &mut FxHashMap<CompactString, Loc>) -> Vec<Redefined> {
        let undated = std::mem::take(&mut self.undated);
        let mut firsts: std::collections::HashMap<&str, Loc> = std::collections::HashMap::new();
        let mut redefined = Vec::new();
        let mut define = |name, loc, target| first_of_name(&mut firsts, &mut redefined, name, loc, target);
        let mut undated_in_order = undated.iter().peekable();
        let mut kept = Vec::with_capacity(self.entries.len());
        for (i, entry) in self.entries.iter().enumerate() {
            for u in std::iter::from_fn(|| undated_in_order.next_if(|u| u.after <= i)) {
                if define(&u.name, u.loc, None) {
                    undated_ids.insert(u.name.clone(), u.loc);
                }
            }
            if define(named.name(&entry.labelled), named.label(&entry.labelled), Some(entry.labelled.target())) {
                kept.push(*entry);
            }
        }
        for u in undated_in_order {
            if define(&u.name, u.loc, None) {
                undated_ids.insert(u.name.clone(), u.loc);
            }
        }
        self.entries = kept;
        redefined
    }

    /// Where entries of `hash` are, once laid out.
    fn bucket(&self, hash: u32) -> &[Entry] {
        let buckets = self.starts.len().saturating_sub(1);
        if buckets == 0 {
            return &[];
        }
        let b = (u64::from(hash) >> (32 - buckets.trailing_zeros())) as usize;
        &self.entries[self.starts[b] as usize..self.starts[b + 1] as usize]
    }

    pub fn get(&self, named: Named, name: &str) -> Option<&Labelled> {
        let hash = hash(name);
        self.bucket(hash)
            .iter()
            .find(|entry| entry.hash == hash && same_text(named.name(&entry.labelled), name))
            .map(|entry| &entry.labelled)
    }

    /// Every id with what it names, in no particular order.
    pub fn iter<'a>(&'a self, named: Named<'a>) -> impl Iterator<Item = (&'a str, &'a Labelled)> + 'a {
        self.entries.iter().map(move |entry| (named.name(&entry.labelled), &entry.labelled))
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

    /// The model's duplicates of ids, as (name, first line, second line).
    fn duplicate_lines(model: &crate::model::Model, text: &str) -> Vec<(String, usize, usize)> {
        let line = |loc: crate::model::Loc| text[..loc.span.start as usize].matches('\n').count() + 1;
        let ids = model.duplicates.iter().filter(|d| d.kind == NameKind::Id);
        ids.map(|d| (d.name.to_string(), line(d.first), line(d.second))).collect()
    }

    #[test]
    fn a_label_of_a_statement_with_an_impossible_date_is_a_definition_too() {
        let text = "source s \"S\"\nmeasure n \"N\" unit USD\n\
            a: 2013-13 n = $1 [@s]\na: 2001 n = $2 [@s]\n\
            b: 2001 n = $3 [@s]\nb: 2013-13 n = $4 [@s]\n\
            c: 2013-13 n = $5 [@s]\nc: 2001-02-30 event \"C\" [@s]\n\
            d: 2002 n = $6 [@s]\nd: 2002 shares n [@s]\n    x: A 50%\n";
        let tree = crate::syntax::parse(FileId(0), text).0;
        let model = build::build(&[build::Parsed { file: FileId(0), text, tree: &tree }]);
        let expected = [("a", 3, 4), ("b", 5, 6), ("c", 7, 8), ("d", 9, 10)].map(|(n, a, b)| (n.to_string(), a, b));
        assert_eq!(duplicate_lines(&model, text), expected);
        assert_eq!(model.target("a"), None, "an impossible date came first");
        assert!(matches!(model.target("b"), Some(Target::Claim(_))));
        assert_eq!(model.target("c"), None);
        let mut undated: Vec<&str> = model.undated_ids.keys().map(|k| k.as_str()).collect();
        undated.sort_unstable();
        assert_eq!(undated, ["a", "c"]);
        // The block's label was taken: the block keeps no id, the label names the claim.
        assert!(matches!(model.target("d"), Some(Target::Claim(_))));
        assert_eq!(model.blocks[0].id, None);
        assert!(matches!(model.target("x"), Some(Target::Claim(_))));
    }

    /// Thousands of labels drawn from a few names, some on statements with an impossible date:
    /// the laid-out table keeps each name's first definition, and the duplicates are every
    /// later one, as going through the labels in order finds them.
    #[test]
    fn the_laid_out_table_keeps_the_first_definition_of_every_name() {
        let mut rng = fastrand::Rng::with_seed(0x1d5);
        let sizes = [(0, 1), (1, 1), (3, 2), (40, 8), (3000, 500), (3000, 4000)];
        // Without impossible dates the table finds the duplicates itself; with them, they are
        // found going through the labels in order.
        for ((lines, names), impossible) in sizes.into_iter().flat_map(|size| [(size, false), (size, true)]) {
            let mut text = String::from("source s \"S\"\nmeasure n \"N\" unit USD\n");
            // Each name's first line, and whether its date was possible.
            let mut firsts: std::collections::HashMap<String, (usize, bool)> = Default::default();
            let mut expected = Vec::new();
            let mut line = 3;
            for _ in 0..lines {
                let name = format!("id{}", rng.usize(..names));
                let dated = !impossible || rng.u8(..10) > 0;
                let date = if dated { "2001" } else { "2013-13" };
                let (statement, taking) = match rng.u8(..3) {
                    0 => (format!("{name}: {date} n = $1 [@s]\n"), 1),
                    1 => (format!("{name}: {date} event \"E\" [@s]\n"), 1),
                    _ => (format!("{name}: {date} shares n [@s]\n    A 50%\n"), 2),
                };
                text.push_str(&statement);
                match firsts.get(&name) {
                    Some(&(first, _)) => expected.push((name, first, line)),
                    None => {
                        firsts.insert(name, (line, dated));
                    }
                }
                line += taking;
            }
            let tree = crate::syntax::parse(FileId(0), &text).0;
            let model = build::build(&[build::Parsed { file: FileId(0), text: &text, tree: &tree }]);
            assert_eq!(duplicate_lines(&model, &text), expected, "{lines} lines of {names} names, {impossible}");
            let line = |loc: crate::model::Loc| text[..loc.span.start as usize].matches('\n').count() + 1;
            for (name, &(first, dated)) in &firsts {
                assert_eq!(model.label_of(name).map(line), dated.then_some(first), "{name}");
                assert_eq!(model.undated_ids.get(name.as_str()).map(|&loc| line(loc)), (!dated).then_some(first));
            }
            assert_eq!(model.id_names().count(), firsts.values().filter(|(_, dated)| *dated).count());
            assert_eq!(model.target("nothing"), None);
        }
    }

    #[test]
    fn the_buckets_sorted_on_two_threads_are_those_of_one() {
        use super::{Entry, Layout};
        use crate::model::Labelled;
        let mut rng = fastrand::Rng::with_seed(0x2a7);
        // Hashes drawn from few values, so that buckets hold several (some more than four).
        for (entries, hashes) in [(Layout::HALVES_FROM, 1 << 30), (Layout::HALVES_FROM + 777, 9000)] {
            let hash_of: Vec<u32> = (0..hashes.min(entries)).map(|_| rng.u32(..)).collect();
            let table: Vec<Entry> = (0..entries)
                .map(|i| Entry { hash: hash_of[rng.usize(..hash_of.len())], labelled: Labelled::new(Target::Claim(i)) })
                .collect();
            let layout = Layout::new(table.len());
            let (one, one_starts, one_suspects) = layout.sort(table.clone(), false);
            let (two, two_starts, two_suspects) = layout.sort(table.clone(), true);
            assert_eq!(one_starts, two_starts);
            assert_eq!(one_suspects, two_suspects);
            let index = |entry: &Entry| match entry.labelled.target() {
                Target::Claim(i) => i,
                other => panic!("{other:?}"),
            };
            assert!(one.iter().zip(&two).all(|(a, b)| a.hash == b.hash && index(a) == index(b)));
            // Each bucket holds its entries in the order given, and every entry is in its own.
            for b in 0..one_starts.len() - 1 {
                let bucket = &one[one_starts[b] as usize..one_starts[b + 1] as usize];
                assert!(bucket.iter().all(|entry| layout.bucket(entry.hash) == b));
                assert!(bucket.windows(2).all(|w| index(&w[0]) < index(&w[1])));
            }
            assert_eq!(one_starts.last().copied(), Some(entries as u32));
        }
    }
}
