//! Interval constraint propagation over one connected network of quantities.
//!
//! Every quantity starts as "any value" and is narrowed by the claims that state it
//! (facts) and by the relations between quantities: sums (shares and total blocks) and
//! comparisons (asserts). Each relation narrows its quantities to what the others still
//! allow (for a sum, the exact projection; for an assert, an HC4 forward-backward pass
//! over its expression tree), and every relation of a quantity that moved is revised
//! again, until nothing moves by more than [`EPSILON`] of its size or [`ROUNDS`] revisions
//! per relation have run. Narrowing only ever removes values that cannot satisfy the
//! relations, so an empty interval is a proof of contradiction; stopping early can only
//! miss one. Closed intervals stand in for strict `>` and `<`, which is also safe.

use super::expr::{approximately, widened, Compiled, Failure, Node, Reading, Side};
use super::units::Unit;
use crate::source::Span;
use crate::syntax::ast::Cmp;
use crate::value::number::{int, Q};
use crate::value::Interval;
use num_traits::{One, Signed, Zero};
use std::collections::VecDeque;

/// A bound that moves by less than this share of its size does not wake other relations.
const EPSILON: (i64, i64) = (1, 1_000_000_000);
/// Revisions allowed per relation, so that slowly converging cycles stop.
const ROUNDS: usize = 64;
/// Unbounded parts a sum rounded past any finite bound counts as (see [`Total`]): more than
/// one, so that the sum of the other parts is unbounded for every part.
const LOST: usize = 2;

pub type Var = usize;

/// A claim's own interval for its quantity.
#[derive(Clone, Debug)]
pub struct Fact {
    pub var: Var,
    pub interval: Interval,
}

/// The sum of the terms lies in `sum`, and the quantity of each bounded term in `each`
/// (every member of a shares block lies in 0–100 %; a `?` of a total of amounts is at
/// least 0).
#[derive(Clone, Debug)]
pub struct Sum {
    pub terms: Vec<Term>,
    pub sum: Interval,
    pub each: Option<Interval>,
}

/// A quantity of a sum, negated when `negated` is set (a total is its parts minus itself,
/// which is 0), and held within the sum's `each` when `bounded` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    pub var: Var,
    pub negated: bool,
    pub bounded: bool,
}

#[derive(Clone, Debug)]
pub enum Relation<'a> {
    Sum(Box<Sum>),
    /// An assert; `vars[i]` is the quantity of its i-th reference.
    Compare {
        assert: &'a Compiled,
        vars: Vec<Var>,
    },
}

impl Relation<'_> {
    /// Its quantities as it names them, in order (a quantity named twice comes twice).
    pub fn named_vars(&self) -> impl Iterator<Item = Var> + '_ {
        let (terms, vars) = match self {
            Relation::Sum(sum) => (Some(sum.terms.iter().map(|t| t.var)), None),
            Relation::Compare { vars, .. } => (None, Some(vars.iter().copied())),
        };
        terms.into_iter().flatten().chain(vars.into_iter().flatten())
    }

    /// Its quantities, sorted, each once.
    pub fn vars(&self) -> Vec<Var> {
        let mut vars: Vec<Var> = match self {
            Relation::Sum(sum) => sum.terms.iter().map(|t| t.var).collect(),
            Relation::Compare { vars, .. } => vars.clone(),
        };
        vars.sort_unstable();
        vars.dedup();
        vars
    }
}

#[derive(Clone, Debug, Default)]
pub struct Net<'a> {
    pub vars: usize,
    pub facts: Vec<Fact>,
    pub relations: Vec<Relation<'a>>,
}

/// What became empty.
#[derive(Clone, Debug)]
pub enum Emptied {
    /// A quantity: the relation needed `needed`, the others had left only `had`.
    Var { var: Var, had: Interval, needed: Interval },
    /// A part of an assert (in the unit given) can have none of the values it would need.
    Part { span: Span, unit: Unit },
    /// An assert divides by this part, which can only be zero.
    ZeroDivisor { span: Span },
    /// The facts of one quantity disagree among themselves.
    Facts { var: Var },
    /// Nothing empties on its own: only the constraints and claims taken together, each
    /// quantity one value and `>` strict, leave no values (see `engine::linear`).
    Jointly,
}

#[derive(Clone, Debug)]
pub struct Clash {
    /// The relation whose revision emptied something (`None` for disagreeing facts).
    pub relation: Option<usize>,
    pub emptied: Emptied,
    /// Relations that narrowed anything on the way.
    pub active: Vec<bool>,
}

/// Narrows the quantities of the relations and facts switched on; `work` counts the terms
/// visited. Returns the final intervals, or how the network contradicts itself.
pub fn propagate(
    net: &Net,
    facts_on: &[bool],
    relations_on: &[bool],
    work: &mut u64,
) -> Result<Vec<Interval>, Box<Clash>> {
    let mut active = vec![false; net.relations.len()];
    let mut domains = vec![Interval::everything(); net.vars];
    let mut stated = vec![false; net.vars];
    for fact in net.facts.iter().zip(facts_on).filter(|(_, on)| **on).map(|(f, _)| f) {
        stated[fact.var] = true;
        match domains[fact.var].intersect(&fact.interval) {
            Some(d) => domains[fact.var] = d,
            None => return Err(Box::new(Clash { relation: None, emptied: Emptied::Facts { var: fact.var }, active })),
        }
    }
    let on: Vec<usize> = (0..net.relations.len()).filter(|&r| relations_on[r]).collect();
    let watchers = Watchers::new(net, &on);
    // Bounds on each quantity of a sum hold once and for all.
    for &r in &on {
        let Relation::Sum(sum) = &net.relations[r] else { continue };
        let Some(each) = &sum.each else { continue };
        for term in sum.terms.iter().filter(|t| t.bounded) {
            if let Err(emptied) = narrow(&mut domains, term.var, each, &mut Vec::new()) {
                active[r] = true;
                return Err(Box::new(Clash { relation: Some(r), emptied: *emptied, active }));
            }
        }
    }
    let mut queued = relations_on.to_vec();
    let mut queue: VecDeque<usize> = on.iter().copied().collect();
    let mut revisions = ROUNDS * on.len() + ROUNDS;
    let mut changed = Vec::new();
    while let Some(r) = queue.pop_front() {
        queued[r] = false;
        revisions = match revisions.checked_sub(1) {
            Some(left) => left,
            None => break,
        };
        let relation = &net.relations[r];
        changed.clear();
        if let Err(emptied) = revise(relation, &stated, &mut domains, &mut changed, work) {
            active[r] = true;
            return Err(Box::new(Clash { relation: Some(r), emptied: *emptied, active }));
        }
        active[r] |= !changed.is_empty();
        let wakes_itself = matches!(relation, Relation::Compare { .. });
        for &(var, significant) in &changed {
            for &w in watchers.of(var).iter().filter(|_| significant) {
                if !queued[w] && (w != r || wakes_itself) {
                    queued[w] = true;
                    queue.push_back(w);
                }
            }
        }
    }
    Ok(domains)
}

/// The relations switched on that name each quantity, in order, in one table rather than a
/// vector for each quantity.
struct Watchers {
    relations: Vec<usize>,
    /// Where each quantity's relations start in `relations`; the last entry is where they end.
    starts: Vec<usize>,
}

impl Watchers {
    fn new(net: &Net, on: &[usize]) -> Watchers {
        let vars_of: Vec<Vec<Var>> = on.iter().map(|&r| net.relations[r].vars()).collect();
        let mut starts = vec![0; net.vars + 1];
        for &var in vars_of.iter().flatten() {
            starts[var + 1] += 1;
        }
        for var in 0..net.vars {
            starts[var + 1] += starts[var];
        }
        let mut next = starts.clone();
        let mut relations = vec![0; starts[net.vars]];
        for (&r, vars) in on.iter().zip(&vars_of) {
            for &var in vars {
                relations[next[var]] = r;
                next[var] += 1;
            }
        }
        Watchers { relations, starts }
    }

    fn of(&self, var: Var) -> &[usize] {
        &self.relations[self.starts[var]..self.starts[var + 1]]
    }
}

/// Narrows the quantities of one relation; `stated[v]` tells whether a fact states `v`.
fn revise(
    relation: &Relation,
    stated: &[bool],
    domains: &mut [Interval],
    changed: &mut Vec<(Var, bool)>,
    work: &mut u64,
) -> Result<(), Box<Emptied>> {
    match relation {
        Relation::Sum(relation) => {
            let Sum { terms, sum, each } = relation.as_ref();
            *work += terms.len() as u64 + 1;
            let signed = |interval: &Interval, negated: bool| if negated { interval.neg() } else { interval.clone() };
            let parts: Vec<Interval> = terms.iter().map(|t| signed(&domains[t.var], t.negated)).collect();
            let total = Total::of(&parts);
            // Every term is narrowed from the same sums, so when several fail, the one to
            // report may be chosen: a derived quantity (no claim states it) says most.
            let mut failed: Option<(Box<Emptied>, bool)> = None;
            let slack = total.slack(sum);
            for (&Term { var, negated, bounded }, part) in terms.iter().zip(&parts) {
                if let (Some(slack), Some(lo), Some(hi)) = (&slack, &part.lo, &part.hi) {
                    if hi - lo <= *slack {
                        continue;
                    }
                }
                let needed = signed(&sum.sub(&total.without(part)), negated);
                let bound = each.as_ref().filter(|_| bounded);
                let needed = bound.and_then(|e| needed.intersect(e)).unwrap_or(needed);
                if let Err(emptied) = narrow(domains, var, &needed, changed) {
                    if failed.as_ref().is_none_or(|(_, derived)| !derived && !stated[var]) {
                        failed = Some((emptied, !stated[var]));
                    }
                }
            }
            failed.map_or(Ok(()), |(emptied, _)| Err(emptied))
        }
        Relation::Compare { assert, vars } => {
            *work += (assert.lhs.nodes.len() + assert.rhs.nodes.len()) as u64;
            let references: Vec<Interval> = vars.iter().map(|v| domains[*v].clone()).collect();
            let zero = |side: &Side, node: usize| Box::new(Emptied::ZeroDivisor { span: side.spans[node] });
            let forward_lhs = assert.lhs.evaluate(&references, Reading::Rounded).map_err(|n| zero(&assert.lhs, n))?;
            let forward_rhs = assert.rhs.evaluate(&references, Reading::Rounded).map_err(|n| zero(&assert.rhs, n))?;
            let (Some(lhs), Some(rhs)) = (forward_lhs.last(), forward_rhs.last()) else { return Ok(()) };
            let (for_lhs, for_rhs) = targets(assert.cmp, lhs, rhs, &assert.tolerance, assert.written_rhs.as_ref());
            let failed = |side: &Side, f: Box<Failure>| {
                Box::new(match &side.nodes[f.node] {
                    Node::Ref { reference, factor } => {
                        let var = vars[*reference];
                        Emptied::Var { var, had: domains[var].clone(), needed: unscale(&f.needed, factor) }
                    }
                    _ => Emptied::Part { span: side.spans[f.node], unit: side.units[f.node].clone() },
                })
            };
            let narrowed_lhs = assert.lhs.project(&forward_lhs, &for_lhs).map_err(|f| failed(&assert.lhs, f))?;
            let narrowed_rhs = assert.rhs.project(&forward_rhs, &for_rhs).map_err(|f| failed(&assert.rhs, f))?;
            for (reference, needed) in narrowed_lhs.into_iter().chain(narrowed_rhs) {
                narrow(domains, vars[reference], &needed, changed)?;
            }
            Ok(())
        }
    }
}

/// An interval of a unit's numbers back in the written numbers (× 100 for `%`).
fn unscale(interval: &Interval, factor: &Q) -> Interval {
    if factor.is_one() {
        interval.clone()
    } else {
        interval.scale(&factor.recip())
    }
}

/// What each side of a comparison may be, given the other; `written` is, for `~`, the right
/// side as written, whose size the tolerance is taken of (see [`widened`]).
fn targets(
    cmp: Cmp,
    lhs: &Interval,
    rhs: &Interval,
    tolerance: &Q,
    written: Option<&Interval>,
) -> (Interval, Interval) {
    let at_least = |i: &Interval| Interval { lo: i.lo.clone(), hi: None };
    let at_most = |i: &Interval| Interval { lo: None, hi: i.hi.clone() };
    match cmp {
        Cmp::Eq => (rhs.clone(), lhs.clone()),
        Cmp::Gt | Cmp::Ge => (at_least(rhs), at_most(lhs)),
        Cmp::Lt | Cmp::Le => (at_most(rhs), at_least(lhs)),
        Cmp::Approx if written.is_some() => {
            // Widened by fixed amounts, the tolerance of each written bound: the right side
            // reaches lhs when it lies within those amounts of it.
            let by = widened(&Interval::point(Q::zero()), written.unwrap_or(rhs), tolerance);
            let lo = lhs.lo.as_ref().zip(by.hi.as_ref()).map(|(y, above)| y - above);
            let hi = lhs.hi.as_ref().zip(by.lo.as_ref()).map(|(y, below)| y - below);
            (widened(rhs, written.unwrap_or(rhs), tolerance), Interval { lo, hi })
        }
        // The inversion below needs 0 <= tolerance < 1; other tolerances narrow nothing here.
        Cmp::Approx if tolerance.is_negative() || *tolerance >= Q::one() => {
            (approximately(rhs, tolerance), Interval::everything())
        }
        Cmp::Approx => {
            // The right side r reaches lhs when r − tol·|r| ≤ lhs.hi and r + tol·|r| ≥ lhs.lo;
            // both ends are increasing in r, so inverting them bounds r.
            let (up, down) = (Q::one() + tolerance, Q::one() - tolerance);
            let lo = lhs.lo.as_ref().map(|y| if y.is_negative() { y / &down } else { y / &up });
            let hi = lhs.hi.as_ref().map(|y| if y.is_negative() { y / &up } else { y / &down });
            (approximately(rhs, tolerance), Interval { lo, hi })
        }
    }
}

fn narrow(
    domains: &mut [Interval],
    var: Var,
    needed: &Interval,
    changed: &mut Vec<(Var, bool)>,
) -> Result<(), Box<Emptied>> {
    let current = &domains[var];
    let Some(new) = current.intersect(needed) else {
        return Err(Box::new(Emptied::Var { var, had: current.clone(), needed: needed.clone() }));
    };
    if new != *current {
        let significant = moved(&current.lo, &new.lo) || moved(&current.hi, &new.hi);
        changed.push((var, significant));
        domains[var] = new;
    }
    Ok(())
}

fn moved(old: &Option<Q>, new: &Option<Q>) -> bool {
    match (old, new) {
        (Some(old), Some(new)) => {
            let size = old.abs().max(new.abs());
            (old - new).abs() * int(EPSILON.1) > size * int(EPSILON.0)
        }
        (old, new) => old.is_some() != new.is_some(),
    }
}

/// The sum of the parts, kept as finite sums and counts of infinite bounds so that the sum
/// of all parts but one costs O(1). The finite sums are rounded outward as interval bounds
/// are ([`Interval::bounded`]): a block of many parts whose fractions have no common
/// denominator would otherwise build sums of millions of digits. A sum rounded past any
/// finite bound counts as [`LOST`] unbounded parts, so that no part's projection is bounded.
struct Total {
    lo: Q,
    lo_unbounded: usize,
    hi: Q,
    hi_unbounded: usize,
}

impl Total {
    fn of(parts: &[Interval]) -> Total {
        let mut total = Total { lo: Q::zero(), lo_unbounded: 0, hi: Q::zero(), hi_unbounded: 0 };
        for part in parts {
            match &part.lo {
                Some(lo) => match (&total.lo + lo).round_down() {
                    Some(sum) => total.lo = sum,
                    None => total.lo_unbounded = total.lo_unbounded.saturating_add(LOST),
                },
                None => total.lo_unbounded += 1,
            }
            match &part.hi {
                Some(hi) => match (&total.hi + hi).round_up() {
                    Some(sum) => total.hi = sum,
                    None => total.hi_unbounded = total.hi_unbounded.saturating_add(LOST),
                },
                None => total.hi_unbounded += 1,
            }
        }
        total
    }

    /// How far the sum may move before it leaves `bound`: a part no wider than this cannot
    /// be narrowed (its projection covers it). `None` when unbounded parts leave it open,
    /// or when the sum already misses the bound.
    fn slack(&self, bound: &Interval) -> Option<Q> {
        if self.lo_unbounded > 0 || self.hi_unbounded > 0 {
            return None;
        }
        let above = bound.hi.as_ref().map(|hi| hi - &self.lo);
        let below = bound.lo.as_ref().map(|lo| &self.hi - lo);
        let slack = match (above, below) {
            (Some(a), Some(b)) => a.min(b),
            (Some(s), None) | (None, Some(s)) => s,
            (None, None) => return None,
        };
        (!slack.is_negative()).then_some(slack)
    }

    fn without(&self, part: &Interval) -> Interval {
        let side = |sum: &Q, unbounded: usize, bound: &Option<Q>| match bound {
            Some(b) => (unbounded == 0).then(|| sum - b),
            None => (unbounded == 1).then(|| sum.clone()),
        };
        Interval { lo: side(&self.lo, self.lo_unbounded, &part.lo), hi: side(&self.hi, self.hi_unbounded, &part.hi) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::number::{ratio, MAX_BITS};

    fn iv(lo: i64, hi: i64) -> Interval {
        Interval::closed(int(lo), int(hi)).unwrap_or_else(Interval::everything)
    }

    /// A sum whose terms are all held within `each`, if given.
    fn sum(terms: &[(Var, bool)], bound: Interval, each: Option<Interval>) -> Relation<'static> {
        let bounded = each.is_some();
        let terms = terms.iter().map(|&(var, negated)| Term { var, negated, bounded }).collect();
        Relation::Sum(Box::new(Sum { terms, sum: bound, each }))
    }

    fn run(net: &Net) -> Result<Vec<Interval>, Box<Clash>> {
        propagate(net, &vec![true; net.facts.len()], &vec![true; net.relations.len()], &mut 0)
    }

    #[test]
    fn a_sum_narrows_each_part_to_what_the_others_leave() {
        // a + b − t = 0 with t in 29–31, b in 11–13: a is 16–20, and nothing else moves.
        let facts = vec![Fact { var: 1, interval: iv(11, 13) }, Fact { var: 2, interval: iv(29, 31) }];
        let net = Net { vars: 3, facts, relations: vec![sum(&[(0, false), (1, false), (2, true)], iv(0, 0), None)] };
        assert_eq!(run(&net).unwrap(), vec![iv(16, 20), iv(11, 13), iv(29, 31)]);
    }

    #[test]
    fn shares_stay_within_the_whole_and_chains_of_sums_meet() {
        // Two blocks share `x`: one leaves it at most 40, the other needs at least 45.
        let facts = vec![Fact { var: 1, interval: iv(60, 61) }, Fact { var: 2, interval: iv(55, 56) }];
        let first = sum(&[(0, false), (1, false)], iv(0, 100), Some(iv(0, 100)));
        let second = sum(&[(0, false), (2, false)], iv(100, 100), Some(iv(0, 100)));
        let net = Net { vars: 3, facts, relations: vec![first, second] };
        let clash = run(&net).unwrap_err();
        let Emptied::Var { var: 0, had, needed } = clash.emptied else { panic!("{clash:?}") };
        assert_eq!((had, needed), (iv(0, 40), iv(44, 45)));
    }

    #[test]
    fn only_bounded_terms_are_held_within_each() {
        // a + b − t = 0 with a in 115–125 and t in 95–105: b is −30…−10 when free, and
        // nothing when it is an amount (at least 0); the total term is not bounded.
        let facts = vec![Fact { var: 0, interval: iv(115, 125) }, Fact { var: 2, interval: iv(95, 105) }];
        let total = |bounded: bool| {
            let terms = vec![
                Term { var: 0, negated: false, bounded: false },
                Term { var: 1, negated: false, bounded },
                Term { var: 2, negated: true, bounded: false },
            ];
            Relation::Sum(Box::new(Sum { terms, sum: iv(0, 0), each: Some(Interval::at_least(int(0))) }))
        };
        let free = Net { vars: 3, facts: facts.clone(), relations: vec![total(false)] };
        assert_eq!(run(&free).unwrap()[1], iv(-30, -10));
        let amounts = Net { vars: 3, facts, relations: vec![total(true)] };
        let clash = run(&amounts).unwrap_err();
        let Emptied::Var { var: 1, had, needed } = clash.emptied else { panic!("{clash:?}") };
        assert_eq!((had, needed), (Interval::at_least(int(0)), iv(-30, -10)));
    }

    #[test]
    fn the_approximate_inverse_is_exact() {
        // r within 10 % reaches 0.9–1.1 (lhs): r − r/10 ≤ 1.1 and r + r/10 ≥ 0.9.
        let lhs = Interval::closed(ratio(9, 10), ratio(11, 10)).unwrap();
        let (_, for_rhs) = targets(Cmp::Approx, &lhs, &Interval::everything(), &ratio(1, 10), None);
        assert_eq!(for_rhs, Interval::closed(ratio(9, 11), ratio(11, 9)).unwrap());
        let negative = Interval::closed(int(-11), int(-9)).unwrap();
        let (_, for_rhs) = targets(Cmp::Approx, &negative, &Interval::everything(), &ratio(1, 10), None);
        assert_eq!(for_rhs, Interval::closed(ratio(-110, 9), ratio(-90, 11)).unwrap());
    }

    #[test]
    fn long_sums_are_rounded_outward() {
        // a + Σ parts − t = 0, the parts 1/(10^99 + i): fractions without a common
        // denominator, whose exact sum has 100,000 digits. What `a` is left holds the exact
        // answer, t − the sum, within bounds of at most `MAX_BITS` bits.
        let n = 300;
        let part = |i: usize| Q::one() / (Q::pow10(99) + int(i as i64));
        let mut facts: Vec<Fact> = (0..n).map(|i| Fact { var: i + 2, interval: Interval::point(part(i)) }).collect();
        facts.push(Fact { var: 1, interval: iv(10, 11) });
        let terms: Vec<(Var, bool)> =
            [(0, false), (1, true)].into_iter().chain((0..n).map(|i| (i + 2, false))).collect();
        let net = Net { vars: n + 2, facts, relations: vec![sum(&terms, iv(0, 0), None)] };
        let a = run(&net).unwrap()[0].clone();
        let exact = (0..n).map(part).fold(Q::zero(), |total, p| total + p);
        assert!(exact.bits() > 20 * MAX_BITS);
        let expected = Interval::closed(int(10) - &exact, int(11) - &exact).unwrap();
        assert!(expected.within(&a), "{a:?}");
        let (lo, hi) = (a.lo.unwrap(), a.hi.unwrap());
        assert!(lo.bits() <= MAX_BITS && hi.bits() <= MAX_BITS);
        assert!(&hi - &lo < int(1) + ratio(1, 1_000_000), "{lo:?}–{hi:?} is barely wider than exact");
    }

    #[test]
    fn tiny_moves_do_not_wake_other_relations() {
        assert!(!moved(&Some(int(1_000_000_000)), &Some(int(1_000_000_000) - ratio(1, 2))));
        assert!(moved(&Some(int(10)), &Some(int(9))));
        assert!(moved(&None, &Some(int(0))));
    }
}
