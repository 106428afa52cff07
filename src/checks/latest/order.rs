//! The claims of the series in one table, sorted by series and date: `trend` walks each series
//! in it, `conflict` and the siblings of [`super::Siblings`] find the claims of each quantity
//! (one series at one written date) as neighbours in it. Built once a run (see
//! [`crate::checks::Context::dated`]).

use super::same_series;
use crate::checks::halves::join;
use crate::model::{ClaimId, MeasureId, Model};
use crate::value::date::Day;
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;
use std::mem::MaybeUninit;
use std::ops::Range;

/// A claim of a series: its series' hash, its end and start days, and the claim, in 16 bytes
/// (a table of them covers every claim a series check weighs). The order of the fields is the
/// table's order. A 32-bit hash groups series as well as a wider one: series that share it are
/// told apart by their keys wherever a run is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Dated {
    series: u32,
    pub(crate) last: Day,
    pub(crate) first: Day,
    claim: u32,
}

impl Dated {
    pub(crate) fn id(&self) -> ClaimId {
        self.claim as ClaimId
    }

    pub(super) fn same_series_hash(&self, other: &Dated) -> bool {
        self.series == other.series
    }

    /// Whether two claims of one series cover the same days: the claims of one quantity do.
    fn same_days(&self, other: &Dated) -> bool {
        self.same_series_hash(other) && (self.last, self.first) == (other.last, other.first)
    }
}

/// The claims (`claims`, then `members`) sorted by (hash of the series, end, start, claim):
/// each series in date order in one vector, read from the claims without a table of small
/// vectors; on `two_threads`, each half of the work on a thread of its own (see [`sorted`]).
pub(crate) fn dated(model: &Model, claims: &[ClaimId], members: &[ClaimId], two_threads: bool) -> Vec<Dated> {
    // A claim's id fits in 32 bits: four billion claims would take terabytes first.
    let entry = move |id: ClaimId, series: u32| {
        let range = model.claims[id].date.range();
        Dated { series, last: range.last, first: range.first, claim: u32::try_from(id).unwrap_or(u32::MAX) }
    };
    let id_at = move |place: usize| match claims.get(place) {
        Some(&id) => id,
        None => members[place - claims.len()],
    };
    // The series of the claim before, and its hash: files write a series' claims together, so
    // nearly every claim's series is the one before's, which a comparison of addresses tells
    // (equal series hash alike).
    let entries = move |places: Range<usize>| {
        let mut before: Option<(SeriesKey, u32)> = None;
        places.map(move |place| {
            let id = id_at(place);
            let claim = &model.claims[id];
            let key = (claim.measure(), claim.item.as_deref());
            let series = match before {
                Some((series, hash)) if same_series(series, key) => hash,
                // The high bits: FxHash mixes its last input into them.
                _ => (FxBuildHasher.hash_one(key) >> 32) as u32,
            };
            before = Some((key, series));
            entry(id, series)
        })
    };
    sorted(claims.len() + members.len(), entries, |place, series| entry(id_at(place), series), two_threads)
}

/// A series: a measure and an item.
type SeriesKey<'m> = (Option<MeasureId>, Option<&'m str>);

/// A run of entries: its first entry, and the places it starts at and ends before.
type Run = (Dated, u32, u32);

/// The `len` entries sorted, as `sort_unstable` sorts them (no two are equal: each is
/// another claim); `entries(places)` reads those at `places` in order. Files list a series'
/// claims together and in date order, so the entries come in rising runs of one series: a
/// first pass finds the runs, which are sorted by their first entry, and a second lays each
/// run out after the one before, reading its entries again (`at(place, its series' hash)`, the
/// entry at that place); only where runs overlap (a series written in several places, its
/// dates interleaved) are their entries sorted. A table of few long runs is sorted in a few
/// instructions an entry rather than some 250, never holds the entries twice, and reads them a
/// run at a time: moving each to its place in a table already laid out took a cache miss an
/// entry at 1M claims. On `two_threads`, each pass is cut in two halves done at once.
fn sorted<E: Iterator<Item = Dated>>(
    len: usize,
    entries: impl Fn(Range<usize>) -> E + Sync,
    at: impl Fn(usize, u32) -> Dated + Sync,
    two_threads: bool,
) -> Vec<Dated> {
    // Entries in no order at all: runs would only add to the sort (and their table to the peak
    // memory), so there are no more of them than a quarter of the entries.
    let most_runs = len / 4;
    let runs_in = |places: Range<usize>| runs(places.start, entries(places), most_runs);
    let (first, second) = join(two_threads, || runs_in(0..len / 2), || runs_in(len / 2..len));
    let mut runs = match (first, second) {
        (Some(mut first), Some(second)) if first.len() + second.len() <= most_runs => {
            first.extend(second);
            first
        }
        _ => return all_sorted(entries(0..len)),
    };
    runs.sort_unstable_by_key(|&(first, ..)| first);
    // The runs laid out in order, those before the middle run and the rest each by a thread.
    let mut laid: Vec<Dated> = Vec::with_capacity(len);
    let (mut before, mut middle) = (0, runs.len());
    for (index, (_, start, end)) in runs.iter().enumerate() {
        if before >= len / 2 {
            middle = index;
            break;
        }
        before += (end - start) as usize;
    }
    let (first_slots, second_slots) = laid.spare_capacity_mut()[..len].split_at_mut(before);
    // How many slots it wrote: all of them, as the runs cover every place once.
    let lay = |runs: &[Run], slots: &mut [MaybeUninit<Dated>]| {
        let places = runs.iter().flat_map(|&(first, start, end)| (start..end).map(move |place| (place, first.series)));
        let (len, mut written) = (slots.len(), 0);
        slots.iter_mut().zip(places).for_each(|(slot, (place, series))| {
            slot.write(at(place as usize, series));
            written += 1;
        });
        written == len
    };
    let written = join(two_threads, || lay(&runs[..middle], first_slots), || lay(&runs[middle..], second_slots));
    assert!(written == (true, true), "the runs cover every place once");
    // SAFETY: every one of the `len` slots is written (checked above).
    unsafe { laid.set_len(len) };
    // The stretches of overlapping runs, each sorted once in place.
    let (mut cluster, mut greatest, mut at) = (0, None, 0);
    let mut overlapping: Vec<(usize, usize)> = Vec::new();
    for (first, start, end) in runs {
        let end_at = at + (end - start) as usize;
        if greatest.is_some_and(|greatest| greatest > first) {
            match overlapping.last_mut() {
                Some(last) if last.0 == cluster => *last = (cluster, end_at),
                _ => overlapping.push((cluster, end_at)),
            }
        } else {
            cluster = at;
        }
        greatest = greatest.max(laid[..end_at].last().copied());
        at = end_at;
    }
    for (from, to) in overlapping {
        laid[from..to].sort_unstable();
    }
    laid
}

/// The rising runs of one series among `entries` (from place `start` on), or `None` when
/// there are more than `most_runs`.
fn runs(start: usize, entries: impl Iterator<Item = Dated>, most_runs: usize) -> Option<Vec<Run>> {
    let mut runs: Vec<Run> = Vec::new();
    // The open run's first entry, where it starts, and its last entry so far.
    let mut open: Option<(Dated, usize, Dated)> = None;
    let mut end = start;
    for (place, entry) in entries.enumerate().map(|(at, entry)| (start + at, entry)) {
        open = match open {
            Some((first, from, last)) if !entry.same_series_hash(&last) || entry < last => {
                // An entry's place fits in 32 bits, as its claim does.
                runs.push((first, from as u32, place as u32));
                Some((entry, place, entry))
            }
            Some((first, from, _)) => Some((first, from, entry)),
            None => Some((entry, place, entry)),
        };
        if runs.len() > most_runs {
            return None;
        }
        end = place + 1;
    }
    if let Some((first, from, _)) = open {
        runs.push((first, from as u32, end as u32));
    }
    (runs.len() <= most_runs).then_some(runs)
}

fn all_sorted(entries: impl Iterator<Item = Dated>) -> Vec<Dated> {
    let mut all: Vec<Dated> = entries.collect();
    all.sort_unstable();
    all
}

/// Calls `each` with the comparable (written) claims of each quantity — one measure and item at
/// one written date — that has two or more, in model order; the `?` members in `dated` are
/// passed over. The claims of a quantity have one series and one date's days: they are
/// neighbours in `dated`. Quantities come by series hash and days, then by their keys.
pub(crate) fn each_quantity(model: &Model, dated: &[Dated], mut each: impl FnMut(&[ClaimId])) {
    let claim = |id: &ClaimId| &model.claims[*id];
    let key = |id: &ClaimId| (claim(id).measure(), claim(id).item.as_deref(), claim(id).date.written());
    for run in dated.chunk_by(Dated::same_days).filter(|run| run.len() > 1) {
        let mut ids: Vec<ClaimId> = run.iter().map(Dated::id).filter(|c| !claim(c).value.unknown).collect();
        // Apart: series that share a hash, dates of the same days written differently.
        ids.sort_by_key(key);
        ids.chunk_by(|a, b| key(a) == key(b)).filter(|group| group.len() > 1).for_each(&mut each);
    }
}

#[cfg(test)]
mod tests {
    use super::{sorted, Dated};

    /// Claims of `series` series on rising days, each series' claims together and in date order
    /// (as files write them) when `together`, then `moved` pairs of claims swapped.
    fn table(seed: u64, len: usize, series: u32, together: bool, moved: usize) -> Vec<Dated> {
        let mut state = seed;
        let mut next = move || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) as u32
        };
        let mut table: Vec<Dated> = (0..len)
            .map(|i| {
                let day = (i as i32 / 3) - 50 + (next() % 3) as i32;
                Dated { series: next() % series, last: day + (next() % 2) as i32, first: day, claim: i as u32 }
            })
            .collect();
        if together {
            table.sort_by_key(|d| (d.series, d.last, d.first));
        }
        for _ in 0..moved {
            let (a, b) = (next() as usize % len, next() as usize % len);
            table.swap(a, b);
        }
        table
    }

    /// `table` sorted, each entry read in order and again by its place (checking the series
    /// hash it is read again with).
    fn sorted_table(table: &[Dated]) -> Vec<Dated> {
        let at = |place: usize, series| {
            assert_eq!(table[place].series, series, "a run's entries have its series' hash");
            table[place]
        };
        let one = sorted(table.len(), |places| table[places].iter().copied(), at, false);
        let halves = sorted(table.len(), |places| table[places].iter().copied(), at, true);
        assert_eq!(halves, one, "in halves, the table is sorted as on one thread");
        one
    }

    #[test]
    fn runs_sort_as_a_sort_does() {
        for seed in 0..400 {
            let len = 1 + (seed as usize * 7) % 500;
            let table = table(seed, len, 1 + (seed as u32 % 9), seed % 2 == 0, seed as usize % 6);
            let mut expected = table.clone();
            expected.sort_unstable();
            assert_eq!(sorted_table(&table), expected, "seed {seed}");
        }
    }

    /// The claims of a model, read in halves at once, make the table they make on one thread:
    /// series written together, in pieces and interleaved, and `?` members.
    #[test]
    fn the_table_of_a_model_is_the_same_in_halves() {
        let mut text = "source s \"S\"\nmeasure m \"M\"\nmeasure n \"N\"\n".to_string();
        for i in 0..60 {
            let (measure, item) = (["m", "n"][i % 2], ["a", "b", "c"][i / 7 % 3]);
            text.push_str(&format!("{} {measure} {item} = {i} [@s]\n", 2000 + (i * 37) % 23));
            if i % 11 == 0 {
                text.push_str(&format!("{} total n = 9 [@s]\n    x ?\n    y 1\n", 2000 + i));
            }
        }
        let file = crate::source::FileId::default();
        let tree = crate::syntax::parse(file, &text).0;
        let model = crate::model::build(&[crate::model::build::Parsed { file, text: &text, tree: &tree }]);
        let series = crate::checks::series_claims::series_claims(&model);
        let (claims, members) = (&series.comparable, &series.derived_members);
        assert!(claims.len() > 60 && !members.is_empty());
        assert_eq!(super::dated(&model, claims, members, true), super::dated(&model, claims, members, false));
    }

    #[test]
    fn series_in_pieces_are_sorted_where_they_overlap() {
        let at = |series, day, claim| Dated { series, last: day, first: day, claim };
        let mut table = Vec::new();
        // Each series written in two places: the second overlaps the first for even series.
        for piece in 0..2 {
            for series in 0..50 {
                let from = if piece == 0 { 0 } else { 10 + 10 * (series as i32 % 2) };
                for day in from..from + 20 {
                    let claim = table.len() as u32;
                    table.push(at(series, day, claim));
                }
            }
        }
        let mut expected = table.clone();
        expected.sort_unstable();
        assert_eq!(sorted_table(&table), expected);
    }
}
