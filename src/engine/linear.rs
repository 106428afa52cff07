//! Exact reasoning over linear constraints, for the contradictions interval propagation
//! cannot see. Interval arithmetic lets every occurrence of a quantity take its own value,
//! so `assert a > a` or `a + b > b + a` looks possible; and closed intervals stand in for
//! `>`, so `assert a > b` with `assert b > a` looks possible too. Here each quantity is one
//! unknown and `>` stays strict: asserts whose sides are linear (sums and differences of
//! quantities, amounts and numbers, multiplied or divided by numbers) or that compare a ratio
//! of such sides with a constant, multiplied out by a divisor whose sign the claims fix (see
//! [`super::forms`]), share blocks, totals and the claims' intervals become inequalities,
//! and Fourier–Motzkin elimination over exact rationals decides whether any values satisfy
//! them all. What it decides is exact, so a contradiction it finds is real; past a budget of
//! rows it decides nothing, which can only miss one.

use super::expr::{reference_interval, Compiled, Reading};
use super::forms::{difference, linearise, Ratio};
use super::system::{one_quantity, same_quantity};
use crate::model::{ClaimId, Model};
use crate::syntax::ast::Cmp;
use crate::value::number::{MAX_BITS, Q};
use crate::value::Interval;
use num_traits::{One, Signed, Zero};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

/// Rows the decisions about one network may create together before they give up: enough
/// for networks of dozens of constraints, and a bound on the time a hostile one takes.
pub const BUDGET: usize = 100_000;

/// `Σ coefficient × unknown ≤ bound`, or `<` when `strict`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Sorted by unknown, without zero coefficients.
    pub terms: Vec<(usize, Q)>,
    pub bound: Q,
    pub strict: bool,
}

impl Row {
    /// `Σ terms ≤ bound` (`<` when strict), its terms merged and ordered.
    pub(super) fn new(terms: impl IntoIterator<Item = (usize, Q)>, bound: Q, strict: bool) -> Row {
        let mut merged: BTreeMap<usize, Q> = BTreeMap::new();
        for (unknown, coefficient) in terms {
            *merged.entry(unknown).or_insert_with(Q::zero) += coefficient;
        }
        let terms = merged.into_iter().filter(|(_, c)| !c.is_zero()).collect();
        Row { terms, bound, strict }
    }

    /// The same row over other unknowns: `to[i]` stands for unknown `i` (two unknowns mapped to
    /// one add up).
    pub fn renumbered(&self, to: &[usize]) -> Row {
        Row::new(self.terms.iter().map(|(u, c)| (to[*u], c.clone())), self.bound.clone(), self.strict)
    }

    /// `value ∈ interval` for one unknown, as at most two rows.
    pub fn within(unknown: usize, interval: &Interval) -> Vec<Row> {
        Row::stated(unknown, interval, Cmp::Eq)
    }

    /// What a claim's value states about one unknown: its interval, whose lower bound is
    /// excluded for `>` and upper bound for `<` (`> $5bn` is above 4.5bn, not at it).
    pub fn stated(unknown: usize, interval: &Interval, cmp: Cmp) -> Vec<Row> {
        let term = |sign: Q| [(unknown, sign)];
        let mut rows = Vec::with_capacity(2);
        if let Some(lo) = &interval.lo {
            rows.push(Row::new(term(-Q::one()), -lo, cmp == Cmp::Gt));
        }
        if let Some(hi) = &interval.hi {
            rows.push(Row::new(term(Q::one()), hi.clone(), cmp == Cmp::Lt));
        }
        rows
    }

    /// `Σ terms ∈ sum`, as at most two rows.
    pub fn sum_within(terms: &[(usize, Q)], sum: &Interval) -> Vec<Row> {
        let mut rows = Vec::with_capacity(2);
        if let Some(lo) = &sum.lo {
            rows.push(Row::new(terms.iter().map(|(u, c)| (*u, -c)), -lo, false));
        }
        if let Some(hi) = &sum.hi {
            rows.push(Row::new(terms.iter().cloned(), hi.clone(), false));
        }
        rows
    }
}

/// For each reference of the assert, its unknown: references to one quantity (`a` twice, `a`
/// and a `MEASURE@DATE` of it, or `a` and `b` claiming the same measure, item and date) are
/// one unknown, as in the network (see [`same_quantity`]).
pub(crate) fn unknowns(model: &Model, compiled: &Compiled) -> (Vec<usize>, usize) {
    // Each unknown's first claim stands for its quantity; a reference to no claim is its own.
    let mut distinct: Vec<Option<ClaimId>> = Vec::new();
    let unknown_of = compiled
        .references
        .iter()
        .map(|reference| {
            let first = reference.claims.first().copied();
            let same = |d: &Option<ClaimId>| matches!((d, first), (Some(d), Some(f)) if same_quantity(model, *d, f));
            distinct.iter().position(same).unwrap_or_else(|| {
                distinct.push(first);
                distinct.len() - 1
            })
        })
        .collect();
    (unknown_of, distinct.len())
}

/// Whether the assert cannot hold with the intervals of the claims it names, each quantity
/// being one value however often it is named, and `>` and `<` strict in claims as in the
/// assert. (Closed intervals otherwise decide an assert that names each quantity once
/// exactly, in `expr::judge`.)
pub fn impossible_alone(model: &Model, compiled: &Compiled) -> bool {
    if !compiled.references.iter().all(|r| one_quantity(model, &r.claims)) {
        return false;
    }
    // Claims that disagree are a `conflict`, and the assert is left undecided.
    let Some(bounds) = bounds(model, compiled) else { return false };
    let Some(linear) = linearise(compiled, &bounds) else { return false };
    let (unknown_of, count) = unknowns(model, compiled);
    let mut all: Vec<Row> = linear.rows.iter().map(|r| r.renumbered(&unknown_of)).collect();
    for unknown in 0..count {
        let Some(first) = unknown_of.iter().position(|&u| u == unknown) else { continue };
        for &claim in &compiled.references[first].claims {
            let value = &model.claims[claim].value;
            all.extend(Row::stated(unknown, &value.interval, value.cmp));
        }
    }
    decide(all, &mut { BUDGET }) == Decision::Impossible
}

/// What each reference's claims allow (see [`reference_interval`]); `None` when the claims
/// of one disagree.
fn bounds(model: &Model, compiled: &Compiled) -> Option<Vec<Interval>> {
    compiled.references.iter().map(|r| reference_interval(model, r, Reading::Rounded)).collect()
}

/// Whether interval arithmetic can only over-approximate the assert: it multiplies or divides
/// quantities and names one of them more than once (`cn * t > ru * t`), so that each naming
/// may take another value of its claims, and exact reasoning cannot take it either (it is
/// neither linear nor a ratio compared with a constant whose divisor keeps one sign). It
/// then cannot tell whether the claims' rounding is what lets the assert hold.
pub fn loose(model: &Model, compiled: &Compiled) -> bool {
    let exact = bounds(model, compiled).and_then(|bounds| linearise(compiled, &bounds)).is_some();
    !exact && unknowns(model, compiled).1 < compiled.references.len()
}

/// What the assert comes down to when every quantity it names cancels out (`a + b > b + a`
/// is `0 > 0`): the values the right side's numbers minus the left side's may take.
pub fn cancelled(model: &Model, compiled: &Compiled) -> Option<Interval> {
    let difference = difference(compiled)?;
    let (unknown_of, _) = unknowns(model, compiled);
    let row = Row::new(difference.terms.into_iter().map(|(r, c)| (unknown_of[r], c)), Q::zero(), false);
    row.terms.is_empty().then(|| difference.constant.neg())
}

/// For an assert that compares a ratio with a constant (`cn / (cn + ru) > 0.39`) and cannot
/// hold: both sides and the right side as compared, as [`Compiled::never`] takes them, the
/// ratio taking the values it can with each quantity one value, when those values alone show
/// it (a strict claim at a bound, which closed intervals cannot see, may not).
pub fn exact_ratio(model: &Model, compiled: &Compiled) -> Option<[Interval; 3]> {
    let ratio = Ratio::of(compiled)?;
    ratio.divides().then_some(())?;
    let bounds = bounds(model, compiled)?;
    ratio.sign(&bounds)?;
    let range = ratio.range(&unknowns(model, compiled).0, &bounds)?;
    ratio.never(compiled, range)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Possible,
    Impossible,
    /// The budget ran out.
    Undecided,
}

/// Whether some values satisfy every row (Fourier–Motzkin elimination); each row it makes
/// is taken from `budget`.
pub fn decide(rows: Vec<Row>, budget: &mut usize) -> Decision {
    match eliminate(rows, None, budget) {
        Ok(_) => Decision::Possible,
        Err(decision) => decision,
    }
}

/// The values an unknown may take, each bound with whether it is excluded (`> 5` is
/// `(5, true)`); `None` is unbounded on that side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bounds {
    pub lo: Option<(Q, bool)>,
    pub hi: Option<(Q, bool)>,
}

impl Bounds {
    /// Whether no value lies within both.
    pub fn disjoint(&self, other: &Bounds) -> bool {
        // `below` ends before `above` begins.
        let apart = |below: &Bounds, above: &Bounds| match (&below.hi, &above.lo) {
            (Some((hi, open_hi)), Some((lo, open_lo))) => hi < lo || (hi == lo && (*open_hi || *open_lo)),
            _ => false,
        };
        apart(self, other) || apart(other, self)
    }
}

/// The values `target` takes over all values that satisfy every row: every other unknown
/// eliminated (Fourier–Motzkin, so exact), then `target`'s own rows read. `None` when no
/// values satisfy them, or when the budget or the size of exact numbers runs out.
pub fn project(rows: Vec<Row>, target: usize, budget: &mut usize) -> Option<Bounds> {
    let left = eliminate(rows, Some(target), budget).ok()?;
    let mut bounds = Bounds { lo: None, hi: None };
    // Each row left is `±target ≤ bound` (its coefficient scaled to 1); keep the tightest.
    for row in left.rows.into_iter().flatten() {
        let [(unknown, coefficient)] = &row.terms[..] else { return None };
        if *unknown != target {
            return None;
        }
        let tighter = |kept: &Option<(Q, bool)>, value: &Q, below: bool| match kept {
            None => true,
            Some((k, open)) => (if below { value < k } else { value > k }) || (value == k && row.strict && !open),
        };
        if coefficient.is_positive() {
            if tighter(&bounds.hi, &row.bound, true) {
                bounds.hi = Some((row.bound.clone(), row.strict));
            }
        } else {
            let lo = -row.bound.clone();
            if tighter(&bounds.lo, &lo, false) {
                bounds.lo = Some((lo, row.strict));
            }
        }
    }
    let empty = match (&bounds.lo, &bounds.hi) {
        (Some((lo, open_lo)), Some((hi, open_hi))) => lo > hi || (lo == hi && (*open_lo || *open_hi)),
        _ => false,
    };
    (!empty).then_some(bounds)
}

/// Eliminates every unknown but `keep`, and returns the rows left (over `keep` alone); `Err`
/// when the rows are decided impossible, or nothing can be decided.
fn eliminate(rows: Vec<Row>, keep: Option<usize>, budget: &mut usize) -> Result<Rows, Decision> {
    let mut live = Rows::default();
    // A row that fails outright decides; numbers grown past the size exact values keep
    // (elimination multiplies coefficients) only give up once the rows of a step are in.
    let mut oversized = false;
    for row in rows {
        if live.insert(row, &mut oversized).is_err() {
            return Err(Decision::Impossible);
        }
    }
    loop {
        if oversized {
            return Err(Decision::Undecided);
        }
        let Some(unknown) = live.next_unknown(keep) else { return Ok(live) };
        let (above, below) = live.take(unknown);
        let Some(left) = budget.checked_sub(above.len() * below.len()) else { return Err(Decision::Undecided) };
        *budget = left;
        for (a, upper) in &above {
            for (b, lower) in &below {
                // upper/a + lower/b: the unknown's coefficients cancel.
                let (by_a, by_b) = (a.recip(), b.recip());
                let terms = scaled(&upper.terms, &by_a).chain(scaled(&lower.terms, &by_b));
                let bound = upper.bound.clone() / a.clone() + lower.bound.clone() / b.clone();
                if live.insert(Row::new(terms, bound, upper.strict || lower.strict), &mut oversized).is_err() {
                    return Err(Decision::Impossible);
                }
            }
        }
    }
}

fn scaled<'a>(terms: &'a [(usize, Q)], k: &'a Q) -> impl Iterator<Item = (usize, Q)> + 'a {
    terms.iter().map(move |(u, c)| (*u, c.clone() * k.clone()))
}

/// A row with the size of one unknown's coefficient in it.
type Bounding = (Q, Row);

/// The rows left to eliminate from, each scaled so its first coefficient is ±1 and only the
/// tightest of rows with the same terms kept, with which rows each unknown is in and with
/// which signs: an elimination touches only the rows of its unknown, however many others
/// there are (a network of thousands of asserts made a pass over all of them per unknown).
#[derive(Default)]
struct Rows {
    rows: Vec<Option<Row>>,
    by_terms: HashMap<Vec<(usize, Q)>, usize>,
    /// For each unknown, the rows it is in (some since taken) and how many of those left have
    /// it with a positive and with a negative coefficient.
    unknowns: HashMap<usize, (Vec<usize>, usize, usize)>,
}

impl Rows {
    /// Adds a row; `Err` for a row without unknowns that fails (`0 ≤ -1`, `0 < 0`). A row
    /// whose numbers are past the size exact values keep sets `oversized`.
    fn insert(&mut self, row: Row, oversized: &mut bool) -> Result<(), ()> {
        let Some((_, first)) = row.terms.first() else {
            let holds = if row.strict { row.bound.is_positive() } else { !row.bound.is_negative() };
            return if holds { Ok(()) } else { Err(()) };
        };
        let k = first.abs().recip();
        let terms: Vec<(usize, Q)> = scaled(&row.terms, &k).collect();
        let bound = row.bound * k;
        // Only a row that is kept can be too large: a looser twin of a kept row is dropped.
        let big =
            |terms: &[(usize, Q)], bound: &Q| terms.iter().map(|(_, c)| c).chain([bound]).any(|q| q.bits() > MAX_BITS);
        if let Some(&at) = self.by_terms.get(&terms) {
            if let Some(kept) = self.rows[at].as_mut() {
                if bound < kept.bound || (bound == kept.bound && row.strict) {
                    *oversized |= big(&terms, &bound);
                    (kept.bound, kept.strict) = (bound, row.strict);
                }
            }
            return Ok(());
        }
        *oversized |= big(&terms, &bound);
        let at = self.rows.len();
        for (unknown, c) in &terms {
            let (rows, above, below) = self.unknowns.entry(*unknown).or_default();
            rows.push(at);
            *if c.is_positive() { above } else { below } += 1;
        }
        self.by_terms.insert(terms.clone(), at);
        self.rows.push(Some(Row { terms, bound, strict: row.strict }));
        Ok(())
    }

    /// The unknown whose elimination makes the fewest rows (one that appears with a single
    /// sign makes none: its rows can always be satisfied and go), the lowest of equals; never
    /// `keep`.
    fn next_unknown(&self, keep: Option<usize>) -> Option<usize> {
        let counts = self.unknowns.iter().filter(|(u, (_, above, below))| Some(**u) != keep && above + below > 0);
        counts.map(|(&unknown, (_, above, below))| (above * below, unknown)).min().map(|(_, unknown)| unknown)
    }

    /// Takes out the rows `unknown` is in, as the coefficient's size with the row, split by
    /// its sign: those it bounds from above, and from below.
    fn take(&mut self, unknown: usize) -> (Vec<Bounding>, Vec<Bounding>) {
        let (ids, _, _) = self.unknowns.remove(&unknown).unwrap_or_default();
        let (mut above, mut below) = (Vec::new(), Vec::new());
        for at in ids {
            let Some(row) = self.rows[at].take() else { continue };
            self.by_terms.remove(&row.terms);
            let mut coefficient = None;
            for (other, c) in &row.terms {
                if *other == unknown {
                    coefficient = Some(c.clone());
                } else if let Some((_, plus, minus)) = self.unknowns.get_mut(other) {
                    *if c.is_positive() { plus } else { minus } -= 1;
                }
            }
            match coefficient {
                Some(c) if c.is_positive() => above.push((c, row)),
                Some(c) => below.push((-c, row)),
                None => {}
            }
        }
        (above, below)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::number::{int, ratio};

    fn decide(rows: Vec<Row>) -> Decision {
        super::decide(rows, &mut { BUDGET })
    }

    fn row(terms: &[(usize, i64)], bound: i64, strict: bool) -> Row {
        Row::new(terms.iter().map(|&(u, c)| (u, int(c))), int(bound), strict)
    }

    #[test]
    fn strict_comparisons_in_a_circle_are_impossible() {
        // x > y and y > x: no values, though x = y satisfies both with ≥.
        let strict = vec![row(&[(1, 1), (0, -1)], 0, true), row(&[(0, 1), (1, -1)], 0, true)];
        assert_eq!(decide(strict), Decision::Impossible);
        let loose = vec![row(&[(1, 1), (0, -1)], 0, false), row(&[(0, 1), (1, -1)], 0, false)];
        assert_eq!(decide(loose), Decision::Possible);
    }

    #[test]
    fn bounds_and_sums_are_decided_exactly() {
        // x, y in [0, 1/3]: x + y ≥ 2/3 just holds, x + y > 2/3 does not.
        let mut rows = Row::within(0, &Interval::closed(int(0), ratio(1, 3)).unwrap());
        rows.extend(Row::within(1, &Interval::closed(int(0), ratio(1, 3)).unwrap()));
        let sum = |strict| Row::new([(0, -int(1)), (1, -int(1))], -ratio(2, 3), strict);
        assert_eq!(decide([rows.clone(), vec![sum(false)]].concat()), Decision::Possible);
        assert_eq!(decide([rows.clone(), vec![sum(true)]].concat()), Decision::Impossible);
        let whole = Row::sum_within(&[(0, int(1)), (1, int(1))], &Interval::point(int(1)));
        assert_eq!(decide([rows, whole].concat()), Decision::Impossible);
    }

    #[test]
    fn a_long_chain_is_eliminated_a_row_at_a_time() {
        // x0 < x1 < … < x3999 < x0 in [0, 1]: each elimination touches two rows, not all of
        // them (it took seconds per thousand), and the circle is still found.
        let n = 4000;
        let mut rows: Vec<Row> =
            (0..n).flat_map(|i| Row::within(i, &Interval::closed(int(0), int(1)).unwrap())).collect();
        rows.extend((0..n).map(|i| row(&[(i, 1), ((i + 1) % n, -1)], 0, true)));
        assert_eq!(super::decide(rows.clone(), &mut { BUDGET }), Decision::Impossible);
        rows.pop();
        assert_eq!(super::decide(rows, &mut { BUDGET }), Decision::Possible);
    }

    #[test]
    fn unknowns_mapped_to_one_add_up() {
        // u0 - u1 ≤ -1 with both standing for one quantity is 0 ≤ -1.
        let r = row(&[(0, 1), (1, -1)], -1, false).renumbered(&[5, 5]);
        assert!(r.terms.is_empty());
        assert_eq!(decide(vec![r]), Decision::Impossible);
    }

    #[test]
    fn a_long_chain_is_decided_within_the_budget() {
        // x0 < x1 < … < x200 < x0.
        let n = 200;
        let mut rows: Vec<Row> = (0..n).map(|i| row(&[(i, 1), ((i + 1) % n, -1)], 0, true)).collect();
        assert_eq!(decide(rows.clone()), Decision::Impossible);
        rows.pop();
        assert_eq!(decide(rows), Decision::Possible);
    }

    #[test]
    fn coefficients_past_the_exact_size_decide_nothing() {
        // x0 + 2^5000·x1 ≤ 0 with x0 ≥ 1 and x1 ≥ 0 is impossible, but elimination would carry
        // 5000-bit numbers: it gives up instead (never a wrong answer, only none).
        let huge = Q::from_integer(num_bigint::BigInt::from(2).pow(5000));
        let rows = vec![
            Row::new([(0, int(1)), (1, huge)], int(0), false),
            row(&[(0, -1)], -1, false),
            row(&[(1, -1)], 0, false),
        ];
        assert_eq!(decide(rows), Decision::Undecided);
    }

    #[test]
    fn projection_keeps_exact_and_strict_bounds() {
        let open = |q: i64, strict: bool| Some((int(q), strict));
        // z = x + y with x + y − t = 0, t in 9–11, x, y ≥ 0: z is exactly 9–11.
        let mut rows = Row::sum_within(&[(0, int(1)), (1, int(1)), (2, -int(1))], &Interval::point(int(0)));
        rows.extend(Row::within(2, &Interval::closed(int(9), int(11)).unwrap()));
        rows.extend([row(&[(0, -1)], 0, false), row(&[(1, -1)], 0, false)]);
        rows.extend(Row::sum_within(&[(3, int(1)), (0, -int(1)), (1, -int(1))], &Interval::point(int(0))));
        let z = super::project(rows.clone(), 3, &mut { BUDGET }).unwrap();
        assert_eq!(z, Bounds { lo: open(9, false), hi: open(11, false) });
        // x > 2 (strict) and x ≤ 5: 2 is excluded, 5 is not; nothing above.
        let strict = vec![row(&[(0, -1)], -2, true), row(&[(0, 1)], 5, false), row(&[(0, 1), (1, -1)], 0, true)];
        assert_eq!(
            super::project(strict.clone(), 0, &mut { BUDGET }).unwrap(),
            Bounds { lo: open(2, true), hi: open(5, false) }
        );
        assert_eq!(super::project(strict, 1, &mut { BUDGET }).unwrap(), Bounds { lo: open(2, true), hi: None });
        // No values at all: nothing to project.
        assert_eq!(
            super::project(vec![row(&[(0, 1)], 1, false), row(&[(0, -1)], -2, false)], 0, &mut { BUDGET }),
            None
        );
        // Touching bounds are disjoint only when one of them is excluded.
        let below = Bounds { lo: None, hi: open(2, false) };
        assert!(!below.disjoint(&Bounds { lo: open(2, false), hi: None }));
        assert!(below.disjoint(&Bounds { lo: open(2, true), hi: None }));
        assert!(Bounds { lo: open(3, false), hi: open(4, false) }.disjoint(&below));
    }

    #[test]
    fn a_spent_budget_decides_nothing() {
        // The circle x0 < x1 < … < x199 < x0 takes one row per unknown eliminated.
        let n = 200;
        let rows: Vec<Row> = (0..n).map(|i| row(&[(i, 1), ((i + 1) % n, -1)], 0, true)).collect();
        let mut budget = 50;
        assert_eq!(super::decide(rows.clone(), &mut budget), Decision::Undecided);
        let mut budget = BUDGET;
        assert_eq!(super::decide(rows, &mut budget), Decision::Impossible);
        assert!(BUDGET - budget < 2 * n, "{} rows made", BUDGET - budget);
    }
}
