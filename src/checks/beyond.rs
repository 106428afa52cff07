//! Which claims lie beyond a record, for the `record` check: for `max`/`min`, any claim of the
//! same series (measure and item, at any date); for `largest`/`smallest`, any claim of the
//! measure dated strictly earlier. Only a claim forced beyond the record counts: every value
//! it allows lies beyond every value the record allows.
//!
//! A file may hold a hundred thousand claims of one measure, so nothing here compares every
//! claim with every record. A series is ranked once per side; each record's claims beyond it
//! are a prefix of that ranking. Claims of a measure are sorted by end date, with running
//! leaders; one sweep answers every `largest`/`smallest` record of a side, keeping the most
//! extreme claims so far and counts by rank. Claims are read through [`Claims`], where a `?`
//! that its block determines holds the values derived for it.

use super::latest::Claims;
use crate::finding::LISTED;
use crate::model::{Claim, ClaimId};
use crate::value::{Bounds, Q};

/// Which way a record points: nothing may be forced above it (`max`, `largest`) or below it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Above,
    Below,
}

/// A claim's values as claimed, or as written.
pub(crate) type View = fn(&Claim) -> Bounds<'_>;

/// The values as claimed (0) and as written (1).
pub(crate) const VIEWS: [View; 2] = [CLAIMED, |c| c.value.nominal.bounds()];

/// The values as claimed, rounding and tolerance included.
const CLAIMED: View = |c| c.value.interval.bounds();

/// How far a claim reaches to `side` in a view, as a key that orders further last for
/// `Above` and first for `Below`: its lowest value, or its highest, and whether `>` or `<`
/// excludes that bound (`> $5bn` reaches just past 4.5bn, further than `$4bn` at 4.5bn).
fn reach(side: Side, view: View, claim: &Claim) -> Option<(&Q, bool)> {
    let (bounds, value) = (view(claim), &claim.value);
    match side {
        Side::Above => bounds.lo.map(|lo| (lo, value.excludes_lo())),
        Side::Below => bounds.hi.map(|hi| (hi, !value.excludes_hi())),
    }
}

/// True when reach `a` goes strictly further to `side` than reach `b`.
fn beats(side: Side, a: (&Q, bool), b: (&Q, bool)) -> bool {
    match side {
        Side::Above => a > b,
        Side::Below => a < b,
    }
}

/// True when `other` reaches further to `side` than `than`; a leader unbounded on that side
/// gives way to any bounded claim (and, below, harmlessly to another unbounded one).
fn further(side: Side, view: View, other: &Claim, than: &Claim) -> bool {
    match (reach(side, view, other), reach(side, view, than)) {
        (Some(o), Some(t)) => beats(side, o, t),
        (Some(_), None) => true,
        (None, None) => side == Side::Below,
        (None, Some(_)) => false,
    }
}

/// True when every value of `other` lies beyond every value of `record` on `side`; a bound
/// that `>` or `<` excludes on either makes touching values apart.
pub(crate) fn forced_beyond(side: Side, view: View, record: &Claim, other: &Claim) -> bool {
    let (r, o) = (view(record), view(other));
    let (record, other) = (&record.value, &other.value);
    match side {
        Side::Above => {
            matches!((o.lo, r.hi), (Some(o), Some(r)) if o > r || (o == r && (other.excludes_lo() || record.excludes_hi())))
        }
        Side::Below => {
            matches!((o.hi, r.lo), (Some(o), Some(r)) if o < r || (o == r && (other.excludes_hi() || record.excludes_lo())))
        }
    }
}

/// For each side and view, the claim reaching furthest.
#[derive(Clone, Copy)]
pub(crate) struct Leaders([[ClaimId; 2]; 2]);

impl Leaders {
    fn new(id: ClaimId) -> Self {
        Leaders([[id; 2]; 2])
    }

    fn add(&mut self, model: Claims, id: ClaimId) {
        for (side, leaders) in [Side::Above, Side::Below].into_iter().zip(&mut self.0) {
            for (&view, leader) in VIEWS.iter().zip(leaders.iter_mut()) {
                if further(side, view, model.get(id), model.get(*leader)) {
                    *leader = id;
                }
            }
        }
    }

    /// The claim reaching furthest to `side`, in each view.
    pub(crate) fn of(&self, side: Side) -> [ClaimId; 2] {
        self.0[side as usize]
    }
}

/// The claims whose claimed values are forced beyond a record: the most extreme first (at most
/// `LISTED + 1` of them: the one a message names, and those it lists), and how many in all.
#[derive(Clone, Default)]
pub(crate) struct Beyond {
    pub(crate) extreme: Vec<ClaimId>,
    pub(crate) count: usize,
}

/// A series' claims (one measure and item, at any date), for `max` and `min`.
pub(crate) struct Series<'m> {
    model: Claims<'m>,
    claims: &'m [ClaimId],
    pub(crate) leaders: Leaders,
    /// For each side, the claims bounded there, the most extreme first; ranked on first use.
    ranked: [Option<Vec<ClaimId>>; 2],
}

impl<'m> Series<'m> {
    pub(crate) fn new(model: impl Into<Claims<'m>>, claims: &'m [ClaimId]) -> Self {
        let model = model.into();
        let mut leaders = Leaders::new(claims[0]);
        claims.iter().for_each(|&id| leaders.add(model, id));
        Series { model, claims, leaders, ranked: [None, None] }
    }

    /// The series' claims forced beyond `record` on `side`: a prefix of the ranking.
    pub(crate) fn beyond(&mut self, side: Side, record: &Claim) -> Beyond {
        let (model, claims) = (self.model, self.claims);
        let ranked = self.ranked[side as usize].get_or_insert_with(|| {
            let mut ranked: Vec<ClaimId> =
                claims.iter().copied().filter(|&c| reach(side, CLAIMED, model.get(c)).is_some()).collect();
            // Ties stay in model order.
            ranked.sort_by(|&a, &b| {
                let (a, b) = (reach(side, CLAIMED, model.get(a)), reach(side, CLAIMED, model.get(b)));
                match side {
                    Side::Above => b.cmp(&a),
                    Side::Below => a.cmp(&b),
                }
            });
            ranked
        });
        let count = ranked.partition_point(|&c| forced_beyond(side, CLAIMED, record, model.get(c)));
        Beyond { extreme: ranked[..count.min(LISTED + 1)].to_vec(), count }
    }
}

/// A measure's claims (any item) sorted by end date, for `largest` and `smallest`.
pub(crate) struct AsOf<'m> {
    model: Claims<'m>,
    claims: Vec<ClaimId>,
    /// The leaders among the claims up to each one.
    running: Vec<Leaders>,
}

impl<'m> AsOf<'m> {
    pub(crate) fn new(model: impl Into<Claims<'m>>, mut claims: Vec<ClaimId>) -> Self {
        let model = model.into();
        claims.sort_by_key(|&id| (model.get(id).date.range().last, model.get(id).date.range().first, id));
        let (mut leaders, mut running) = (Leaders::new(claims[0]), Vec::with_capacity(claims.len()));
        for &id in &claims {
            leaders.add(model, id);
            running.push(leaders);
        }
        AsOf { model, claims, running }
    }

    /// Each record on `side` (each claim `wanted`, in end-date order) that some claim ends
    /// before: the record, the leaders among the claims ending before it starts, and those of
    /// them forced beyond it.
    pub(crate) fn beyond(&self, side: Side, wanted: impl Fn(&Claim) -> bool) -> Vec<(&'m Claim, &Leaders, Beyond)> {
        let (model, claims) = (self.model, &self.claims);
        // Each record's place, and how many claims end before it starts.
        let queries: Vec<(usize, usize)> = (0..claims.len())
            .filter(|&index| wanted(model.get(claims[index])))
            .map(|index| {
                let start = model.get(claims[index]).date.range().first;
                (index, claims.partition_point(|&other| model.get(other).date.range().last < start))
            })
            .filter(|&(_, earlier)| earlier > 0)
            .collect();
        if queries.is_empty() {
            return Vec::new();
        }
        let answers = self.sweep(side, &queries);
        let answer = |(&(index, earlier), beyond)| (model.get(claims[index]), &self.running[earlier - 1], beyond);
        queries.iter().zip(answers).map(answer).collect()
    }

    /// The claims beyond each queried record among those ending before it starts. One sweep
    /// over the claims answers every query, keeping the most extreme claims so far and counts by
    /// rank.
    fn sweep(&self, side: Side, queries: &[(usize, usize)]) -> Vec<Beyond> {
        let (model, claims) = (self.model, &self.claims);
        let mut keys: Vec<(&Q, bool)> = claims.iter().filter_map(|&c| reach(side, CLAIMED, model.get(c))).collect();
        keys.sort_unstable();
        keys.dedup();
        let mut counts = Counts(vec![0; keys.len() + 1]);
        let (mut swept, mut bounded, mut extreme) = (0, 0, Vec::with_capacity(LISTED + 2));
        let mut order: Vec<usize> = (0..queries.len()).collect();
        order.sort_by_key(|&q| queries[q].1);
        let mut answers: Vec<Beyond> = (0..queries.len()).map(|_| Beyond::default()).collect();
        for q in order {
            let (index, earlier) = queries[q];
            for &c in &claims[swept..earlier.max(swept)] {
                let Some(key) = reach(side, CLAIMED, model.get(c)) else { continue };
                counts.add(keys.partition_point(|k| *k < key));
                bounded += 1;
                // Among equals the claim swept first stays ahead, as `Leaders` keeps it.
                let at = extreme
                    .iter()
                    .position(|&e| reach(side, CLAIMED, model.get(e)).is_some_and(|e| beats(side, key, e)))
                    .unwrap_or(extreme.len());
                if at <= LISTED {
                    extreme.insert(at, c);
                    extreme.truncate(LISTED + 1);
                }
            }
            swept = swept.max(earlier);
            let record = model.get(claims[index]);
            // Keys up to the first forced beyond the record are not; an excluded bound on the
            // record (`< X max`) also puts a claim reaching just to it beyond.
            let excluded = if side == Side::Above { record.value.excludes_hi() } else { record.value.excludes_lo() };
            let count = match (side, &record.value.interval.hi, &record.value.interval.lo) {
                (Side::Above, Some(hi), _) if excluded => {
                    bounded - counts.below(keys.partition_point(|k| *k < (hi, false)))
                }
                (Side::Above, Some(hi), _) => bounded - counts.below(keys.partition_point(|k| *k <= (hi, false))),
                (Side::Below, _, Some(lo)) if excluded => counts.below(keys.partition_point(|k| *k <= (lo, true))),
                (Side::Below, _, Some(lo)) => counts.below(keys.partition_point(|k| *k < (lo, true))),
                _ => 0,
            };
            let shown = extreme.iter().take_while(|&&c| forced_beyond(side, CLAIMED, record, model.get(c)));
            answers[q] = Beyond { extreme: shown.copied().collect(), count };
        }
        answers
    }
}

/// Counts of values by rank (a Fenwick tree): how many of the claims swept so far reach at
/// most so far, in logarithmic time.
struct Counts(Vec<usize>);

impl Counts {
    fn add(&mut self, rank: usize) {
        let mut i = rank + 1;
        while i < self.0.len() {
            self.0[i] += 1;
            i += i & i.wrapping_neg();
        }
    }

    /// How many added ranks are below `rank`.
    fn below(&self, rank: usize) -> usize {
        let (mut i, mut sum) = (rank, 0);
        while i > 0 {
            sum += self.0[i];
            i &= i - 1;
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::{AsOf, Beyond, Series, Side};
    use crate::checks::test_support::codes;
    use crate::finding::LISTED;
    use crate::model::{ClaimId, Model};
    use crate::source::FileId;

    /// A model of `deal` claims, one a line, and the claims.
    fn deals(lines: &[impl std::fmt::Display]) -> (Model, Vec<ClaimId>) {
        let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        let text = format!("measure deal \"Deal\" unit USD\n{text}");
        let (tree, _) = crate::syntax::parse(FileId(0), &text);
        let model = crate::model::build(&[crate::model::build::Parsed { file: FileId(0), text: &text, tree: &tree }]);
        let claims = (0..model.claims.len()).collect();
        (model, claims)
    }

    /// The dates of the claims beyond a record, the most extreme first, and how many there are.
    fn dates(model: &Model, beyond: &Beyond) -> (Vec<String>, usize) {
        (beyond.extreme.iter().map(|&c| model.claims[c].date.text.to_string()).collect(), beyond.count)
    }

    #[test]
    fn a_series_ranks_its_claims_beyond_a_record() {
        let (model, claims) =
            deals(&["2012 deal = $24bn", "2014 deal = $26bn", "2015 deal = $27bn", "2013 deal = $24bn"]);
        let mut series = Series::new(&model, &claims);
        assert_eq!(
            dates(&model, &series.beyond(Side::Above, &model.claims[0])),
            (vec!["2015".into(), "2014".into()], 2)
        );
        assert_eq!(series.leaders.of(Side::Above), [2, 2]);
        let (model, claims) = deals(&["2011 deal = $1bn", "2012 deal = $5bn", "2013 deal = $3bn", "2014 deal = $2bn"]);
        let beyond = Series::new(&model, &claims).beyond(Side::Below, &model.claims[1]);
        assert_eq!(dates(&model, &beyond), (vec!["2011".into(), "2014".into(), "2013".into()], 3));
    }

    #[test]
    fn as_of_a_date_only_claims_ending_before_it_count() {
        let values =
            "1990 $5bn, 1991 $6bn, 1993 $7bn, 1995 $4bn, 1996 $9bn, 1997 $0.5bn, 1998 $2.0bn, 1992 $1.0bn, 1999 $0.1bn";
        let (model, claims) = deals(&values.split(", ").map(|v| v.replace(' ', " deal = ")).collect::<Vec<_>>());
        let as_of = AsOf::new(&model, claims);
        // $5bn (4.5–5.5) can equal $4bn (3.5–4.5); $9bn is later.
        let found = as_of.beyond(Side::Above, |c| c.date.text == "1995");
        assert_eq!(dates(&model, &found[0].2), (vec!["1993".into(), "1991".into()], 2));
        assert_eq!(found[0].1.of(Side::Above)[0], 2);
        let found = as_of.beyond(Side::Below, |c| c.date.text == "1998");
        assert_eq!(dates(&model, &found[0].2), (vec!["1997".into(), "1992".into()], 2));
        // A record of the same year has nothing strictly earlier.
        let (model, claims) = deals(&["1997 deal = $4.3bn", "1997-06 deal = $4.18bn"]);
        assert!(AsOf::new(&model, claims).beyond(Side::Above, |c| c.date.text == "1997-06").is_empty());
    }

    #[test]
    fn claims_past_the_most_extreme_dozen_are_counted() {
        let mut lines = vec!["2000 deal = $24bn".to_string(), "2001 deal = $1bn".to_string()];
        lines.extend((0..5_000).map(|i| format!("{} deal = ${}bn", 1001 + i % 999, 30 + i % 7)));
        lines.extend((0..5_000).map(|i| format!("{} deal = ${}bn", 1001 + i % 999, 2 + i % 7)));
        let (model, claims) = deals(&lines);
        let extreme = |beyond: &Beyond| {
            beyond.extreme.len() == LISTED + 1
                && beyond.extreme.iter().all(|&c| model.written(&model.claims[c]) == "$36bn")
        };
        let beyond = Series::new(&model, &claims).beyond(Side::Above, &model.claims[0]);
        assert!(beyond.count == 5_000 && extreme(&beyond));
        // Every earlier claim but the $2bn ones (1.5–2.5) is forced above $1bn (0.5–1.5).
        let as_of = AsOf::new(&model, claims);
        let found = as_of.beyond(Side::Above, |c| c.date.text == "2001");
        assert!(found[0].2.count == 1 + 5_000 + (0..5_000).filter(|i| i % 7 > 0).count() && extreme(&found[0].2));
    }

    #[test]
    fn a_bound_that_greater_than_excludes_is_beyond_one_that_touches_it() {
        // `> $5bn` is above 4.5bn; a `max` of $4bn reaches 4.5bn: every value of one is above
        // every value of the other, in a series and as of a later date.
        let lines =
            ["2010 deal > $5bn", "2011 deal = $4bn", "2012 deal >= $5bn", "2013 deal < $1bn", "2014 deal = $2bn"];
        let (model, claims) = deals(&lines);
        let mut series = Series::new(&model, &claims);
        assert_eq!(dates(&model, &series.beyond(Side::Above, &model.claims[1])), (vec!["2010".into()], 1));
        assert_eq!(series.leaders.of(Side::Above), [0, 0]);
        // `< $1bn` is below 1.5bn, where `$2bn` starts.
        assert_eq!(dates(&model, &series.beyond(Side::Below, &model.claims[4])), (vec!["2013".into()], 1));
        let as_of = AsOf::new(&model, claims);
        assert_eq!(dates(&model, &as_of.beyond(Side::Above, |c| c.date.text == "2011")[0].2), (vec!["2010".into()], 1));
        assert_eq!(dates(&model, &as_of.beyond(Side::Below, |c| c.date.text == "2014")[0].2), (vec!["2013".into()], 1));
        let text = record_claims(&["2010 deal > $5bn", "2011 deal = $4bn largest", "2012 deal = $4bn max"]);
        assert_eq!(codes(&text), vec![("record", 5), ("record", 6)]);
    }

    /// Claims of `deal` (by item) and `trade`, each citing one source, from line 4 on, as the
    /// `record` check reads them.
    fn record_claims(lines: &[&str]) -> String {
        let body: Vec<String> = lines.iter().map(|l| format!("{l} [@s]\n")).collect();
        format!("source s \"S\"\nmeasure deal \"Deal\" unit USD\nmeasure trade \"Trade\" unit USD\n{}", body.concat())
    }

    #[test]
    fn largest_looks_only_at_strictly_earlier_claims() {
        let same_year = ["1997 deal a = $4.3bn", "1997-06 deal b = $4.18bn largest", "2005 deal c = $9bn"];
        assert!(codes(&record_claims(&same_year)).is_empty());
        let plan = ["1996 deal a = $4.3bn target", "1997 deal b = $4.18bn largest"];
        assert!(codes(&record_claims(&plan)).is_empty());
        let rounded = ["1996 deal a = $4.2bn", "1997 deal b = $4.18bn largest", "1990 deal c = $0.1bn smallest"];
        assert_eq!(codes(&record_claims(&rounded)), vec![("rounding", 5)]);
        assert_eq!(
            codes(&record_claims(&["1996 deal a = $0.5bn", "1997 deal b = $0.60bn smallest"])),
            vec![("record", 5)]
        );
    }

    #[test]
    fn max_and_min_over_the_whole_series() {
        // 1.55–1.65 touches 1.45–1.55: equal at 1.55 is no contradiction; 1.65–1.75 is.
        assert_eq!(codes(&record_claims(&["2000 trade = $1.5bn max", "2005 trade = $1.6bn"])), vec![("rounding", 4)]);
        assert_eq!(codes(&record_claims(&["2000 trade = $1.5bn max", "2005 trade = $1.7bn"])), vec![("record", 4)]);
        let other_item = ["2000 trade = $1.5bn max", "2005 trade = $1.55bn", "2001 trade oil = $9bn"];
        assert_eq!(codes(&record_claims(&other_item)), vec![("rounding", 4)]);
        assert_eq!(codes(&record_claims(&["2000 trade = $1.5bn min", "1995 trade < $1.3bn"])), vec![("record", 4)]);
        assert!(codes(&record_claims(&["2000 trade = $1.5bn min", "1995 trade = $1.4bn estimate"])).is_empty());
    }
}
