//! The claims of the series in one table, sorted by series and date: `trend` walks each series
//! in it, `conflict` and the siblings of [`super::Siblings`] find the claims of each quantity
//! (one series at one written date) as neighbours in it. Built once a run (see
//! [`crate::checks::Context::dated`]).

use super::same_series;
use crate::model::{ClaimId, MeasureId, Model};
use crate::value::date::Day;
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

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
/// vectors.
pub(crate) fn dated(model: &Model, claims: &[ClaimId], members: &[ClaimId]) -> Vec<Dated> {
    // A claim's id fits in 32 bits: four billion claims would take terabytes first.
    let entry = move |id: ClaimId, series: u32| {
        let range = model.claims[id].date.range();
        Dated { series, last: range.last, first: range.first, claim: u32::try_from(id).unwrap_or(u32::MAX) }
    };
    // The series of the claim before, and its hash: files write a series' claims together, so
    // nearly every claim's series is the one before's, which a comparison of addresses tells
    // (equal series hash alike).
    let mut before: Option<(SeriesKey, u32)> = None;
    let entries = claims.iter().chain(members).map(move |&id| {
        let claim = &model.claims[id];
        let key = (claim.measure(), claim.item.as_deref());
        let series = match before {
            Some((series, hash)) if same_series(series, key) => hash,
            // The high bits: FxHash mixes its last input into them.
            _ => (FxBuildHasher.hash_one(key) >> 32) as u32,
        };
        before = Some((key, series));
        entry(id, series)
    });
    let at = |place: usize, series: u32| {
        let id = match claims.get(place) {
            Some(&id) => id,
            None => members[place - claims.len()],
        };
        entry(id, series)
    };
    sorted(claims.len() + members.len(), entries, at)
}

/// A series: a measure and an item.
type SeriesKey<'m> = (Option<MeasureId>, Option<&'m str>);

/// The `len` `entries` sorted, as `sort_unstable` sorts them (no two are equal: each is
/// another claim). Files list a series' claims together and in date order, so the entries come
/// in rising runs of one series: a first pass finds the runs, which are sorted by their first
/// entry, and a second lays each run out after the one before, reading its entries again
/// (`at(place, its series' hash)`, the entry at that place); only where runs overlap (a series
/// written in several places, its dates interleaved) are their entries sorted. A table of few
/// long runs is sorted in a few instructions an entry rather than some 250, never holds the
/// entries twice, and reads them a run at a time: moving each to its place in a table already
/// laid out took a cache miss an entry at 1M claims.
fn sorted(len: usize, entries: impl Iterator<Item = Dated> + Clone, at: impl Fn(usize, u32) -> Dated) -> Vec<Dated> {
    // Each run's first entry, and where it starts and ends.
    let mut runs: Vec<(Dated, u32, u32)> = Vec::new();
    // Entries in no order at all: runs would only add to the sort (and their table to the peak
    // memory), so there are no more of them than a quarter of the entries.
    let most_runs = len / 4;
    // The open run's first entry, where it starts, and its last entry so far.
    let mut open: Option<(Dated, usize, Dated)> = None;
    for (place, entry) in entries.clone().enumerate() {
        open = match open {
            Some((first, start, last)) if !entry.same_series_hash(&last) || entry < last => {
                if runs.len() == most_runs {
                    return all_sorted(entries);
                }
                // An entry's place fits in 32 bits, as its claim does.
                runs.push((first, start as u32, place as u32));
                Some((entry, place, entry))
            }
            Some((first, start, _)) => Some((first, start, entry)),
            None => Some((entry, place, entry)),
        };
    }
    if let Some((first, start, _)) = open {
        if runs.len() == most_runs {
            return all_sorted(entries);
        }
        runs.push((first, start as u32, len as u32));
    }
    runs.sort_unstable_by_key(|&(first, ..)| first);
    // The runs laid out in order; and the stretches of overlapping runs, to be sorted once in
    // place.
    let mut laid: Vec<Dated> = Vec::with_capacity(len);
    let mut overlapping: Vec<(usize, usize)> = Vec::new();
    let (mut cluster, mut greatest) = (0, None);
    for (first, start, end) in runs {
        if greatest.is_some_and(|greatest| greatest > first) {
            let stretch = (cluster, laid.len() + (end - start) as usize);
            match overlapping.last_mut() {
                Some(last) if last.0 == cluster => *last = stretch,
                _ => overlapping.push(stretch),
            }
        } else {
            cluster = laid.len();
        }
        laid.extend((start..end).map(|place| at(place as usize, first.series)));
        greatest = greatest.max(laid.last().copied());
    }
    for (from, to) in overlapping {
        laid[from..to].sort_unstable();
    }
    laid
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
        sorted(table.len(), table.iter().copied(), |place, series| {
            assert_eq!(table[place].series, series, "a run's entries have its series' hash");
            table[place]
        })
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
