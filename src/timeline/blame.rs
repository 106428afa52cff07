//! Which constraints a violated network is blamed on, and the chain shown for each.
//!
//! Every negative cycle of the network is a set of constraints that cannot all hold. One
//! wrong statement usually closes several such cycles: an event dated a year late clashes
//! with the event before it and with the one after it, and a date or relation that clashes
//! with one event also carries that clash along every relation leading away from it. So the
//! constraints to blame are a smallest set meeting every cycle (a minimum correction set:
//! drop them and the rest holds), and each of them is one violation, explained by the cycle
//! with fewest steps it closes among the constraints that are not blamed (see
//! [`super::fewest`]). So a clash already reported is not carried on to statements that fit
//! everything else, and the count of violations does not depend on which cycle the search
//! happens to meet first, that is, on the names and the order of the lines. (Blaming one
//! constraint of each cycle as the search met it, as before, made an event dated before the
//! event it follows also flag a third event dated from that one: whichever of the two cycles
//! the search met first got a constraint of its own blamed.)
//!
//! The search meets cycles one at a time: each is shortened (see [`Arcs::shortcut`]), kept,
//! and one of its constraints (the one in most cycles met so far, then the preferred one) is
//! disabled so that the search goes on. When it ends, a smallest set meeting every cycle kept
//! is computed ([`super::hitting`]); if that is not the set disabled, the search starts again
//! (from the labels it reached) with just that set disabled, and any cycle it meets is kept
//! too, until a search meets none. Each round meets at least one new cycle, and the smallest
//! set meeting the cycles kept is never larger than the smallest set meeting all cycles; so
//! when a round meets none, the set is a smallest correction set of the whole network.
//! Among equally small sets, dates go before relations and later lines before earlier ones
//! (see `schedule::preference`).

use super::fewest::{grouped, Fewest, Incoming};
use super::hitting::hitting_set;
use super::network::{ArcId, Network, NodeId, Solver};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Searches that may start with a fresh set of blamed constraints; past them, the smallest set
/// that a search ended with is blamed. (Timelines with a dozen clashes among a dozen events
/// settle within 20.)
const ROUNDS: usize = 64;

/// Further cycles shown through one blamed constraint, beside the one that explains it.
const OTHER_CYCLES: usize = 3;

/// A constraint blamed for a violation and a negative cycle through it: the other
/// constraints on it hold together, as far as the other blamed constraints are concerned.
#[derive(Debug)]
pub(crate) struct Blamed {
    pub cycle: Vec<ArcId>,
    pub constraint: usize,
    /// Other cycles through it that share no other constraint with `cycle` or each other (a
    /// date that clashes with two events each dated after it): every statement involved is
    /// labelled, not only those of the chain that explains it.
    pub others: Vec<Vec<ArcId>>,
}

pub(crate) struct Blame {
    /// With the blamed constraints disabled; every other constraint holds (unless `complete`
    /// is false).
    pub solver: Solver,
    /// One for each blamed constraint, in the order of the constraints.
    pub blamed: Vec<Blamed>,
    /// False when the first search met more than `limit` cycles: `blamed` then holds the first
    /// `limit`, each with the constraint disabled for it, and the solver is left unfinished.
    pub complete: bool,
}

/// Cycles met so far: each one's arcs, its constraints (sorted), and the constraint disabled
/// when it was met.
#[derive(Default)]
struct Met {
    cycles: Vec<Vec<ArcId>>,
    sets: Vec<Vec<usize>>,
    disabled: Vec<usize>,
    /// How many of them each constraint lies on.
    count: HashMap<usize, u32>,
}

/// Solves `network`, blaming a smallest set of constraints for its negative cycles; among
/// equally small sets, the constraints that `prefer` ranks higher. `circle` gives the circle of
/// relations a node lies on, if any (see [`explain`]).
pub(crate) fn blame<K: Ord>(
    network: &Network,
    origin: NodeId,
    initial: Vec<i64>,
    prefer: impl Fn(usize) -> K,
    circle: &dyn Fn(NodeId) -> Option<u32>,
    limit: usize,
) -> Blame {
    let mut solver = Solver::new(network, initial);
    let Some(first) = solver.next_cycle() else {
        return Blame { solver, blamed: Vec::new(), complete: true };
    };
    let constraints = (0..solver.arc_count()).map(|a| solver.arc(a).constraint + 1).max().unwrap_or(0);
    let arcs = Arcs::new(&solver, origin, constraints);
    let mut met = Met::default();
    let mut blamed: Vec<usize> = Vec::new();
    // The smallest set a search ended with (every constraint but these holds) and its labels.
    let mut best: Option<(Vec<usize>, Vec<i64>)> = None;
    let mut pending = Some(first);
    for round in 0..ROUNDS {
        let mut disabled_now = Vec::new();
        while let Some(cycle) = pending.take().or_else(|| solver.next_cycle()) {
            if round == 0 && met.cycles.len() == limit {
                let first = met.cycles.into_iter().zip(met.disabled);
                let blamed =
                    first.map(|(cycle, constraint)| Blamed { cycle, constraint, others: Vec::new() }).collect();
                return Blame { solver, blamed, complete: false };
            }
            let cycle = arcs.shortcut(&solver, cycle, None, |a| !solver.is_disabled(a));
            let mut set: Vec<usize> = cycle.iter().map(|&a| solver.arc(a).constraint).collect();
            set.sort_unstable();
            set.dedup();
            for &c in &set {
                *met.count.entry(c).or_default() += 1;
            }
            let chosen = set.iter().copied().max_by_key(|&c| (met.count[&c], prefer(c), c)).unwrap_or(0);
            arcs.disable(&mut solver, chosen);
            disabled_now.push(chosen);
            met.cycles.push(cycle);
            met.sets.push(set);
            met.disabled.push(chosen);
        }
        if disabled_now.is_empty() {
            best = None;
            break;
        }
        let mut disabled: Vec<usize> = blamed.iter().chain(&disabled_now).copied().collect();
        disabled.sort_unstable();
        disabled.dedup();
        let smallest = hitting_set(&met.sets, &prefer);
        if smallest == disabled {
            blamed = disabled;
            best = None;
            break;
        }
        if best.as_ref().is_none_or(|(set, _)| disabled.len() < set.len()) {
            best = Some((disabled, solver.labels().to_vec()));
        }
        blamed = smallest;
        solver = Solver::new(network, solver.labels().to_vec());
        for &c in &blamed {
            arcs.disable(&mut solver, c);
        }
    }
    if let Some((set, labels)) = best {
        // Out of rounds: the smallest set a search ended with, whose labels already fit.
        blamed = set;
        solver = Solver::new(network, labels);
        for &c in &blamed {
            arcs.disable(&mut solver, c);
        }
        while let Some(cycle) = solver.next_cycle() {
            // Not expected, as the labels held once; blame on rather than loop.
            if let Some(&id) = cycle.first() {
                let c = solver.arc(id).constraint;
                arcs.disable(&mut solver, c);
                blamed.push(c);
            }
        }
        blamed.sort_unstable();
        blamed.dedup();
    }
    let mut fewest = Fewest::new(solver.labels().len());
    let shown = blamed.iter().filter_map(|&c| explain(&solver, &arcs, &met, &blamed, circle, &mut fewest, c));
    let blamed = shown.collect();
    Blame { solver, blamed, complete: true }
}

/// The cycle that shows why `constraint` is blamed (see [`chain`]), and up to
/// [`OTHER_CYCLES`] more through it, each avoiding the constraints of those found before.
fn explain(
    solver: &Solver,
    arcs: &Arcs,
    met: &Met,
    blamed: &[usize],
    circle: &dyn Fn(NodeId) -> Option<u32>,
    fewest: &mut Fewest,
    constraint: usize,
) -> Option<Blamed> {
    let cycle = chain(solver, arcs, met, blamed, circle, fewest, constraint)?;
    let mut shown: HashSet<usize> = cycle.iter().map(|&a| solver.arc(a).constraint).collect();
    let mut others = Vec::new();
    while others.len() < OTHER_CYCLES {
        let avoided = |c: usize| c != constraint && (shown.contains(&c) || blamed.binary_search(&c).is_ok());
        let Some(other) = arcs.fewest_steps(solver, fewest, constraint, &avoided, &|_| true) else { break };
        shown.extend(other.iter().map(|&a| solver.arc(a).constraint));
        others.push(other);
    }
    Some(Blamed { cycle, constraint, others })
}

/// The cycle that shows why `constraint` is blamed: the one with fewest steps through it and
/// no other blamed constraint (see [`Arcs::fewest_steps`]); if that search runs out of budget,
/// the shortest cycle met through it (avoiding the others if one does), shortened among the
/// constraints not blamed. A relation on a circle of relations is shown going round that
/// circle when the circle's own offsets close a negative cycle through it: the violation then
/// stands for the circle as well, which is not reported again.
fn chain(
    solver: &Solver,
    arcs: &Arcs,
    met: &Met,
    blamed: &[usize],
    circle: &dyn Fn(NodeId) -> Option<u32>,
    fewest: &mut Fewest,
    constraint: usize,
) -> Option<Vec<ArcId>> {
    let other = |c: usize| c != constraint && blamed.binary_search(&c).is_ok();
    let ends = arcs.of(constraint).iter().flat_map(|&a| [solver.arc(a).from, solver.arc(a).to]);
    let mut on = ends.map(circle);
    if let Some(Some(c)) = on.next().filter(|first| first.is_some() && on.all(|o| o == *first)) {
        let within = |node: NodeId| circle(node) == Some(c);
        if let Some(cycle) = arcs.fewest_steps(solver, fewest, constraint, &other, &within) {
            return Some(cycle);
        }
    }
    if let Some(cycle) = arcs.fewest_steps(solver, fewest, constraint, &other, &|_| true) {
        return Some(cycle);
    }
    let on = |i: &usize| met.sets[*i].binary_search(&constraint).is_ok();
    let alone = |i: &usize| met.sets[*i].iter().all(|&c| !other(c));
    let key = |i: &usize| (met.sets[*i].len(), met.cycles[*i].len(), *i);
    let through = (0..met.cycles.len()).filter(on);
    let i = through.clone().filter(alone).min_by_key(key).or_else(|| through.min_by_key(key))?;
    let kept = met.cycles[i].iter().copied().find(|&a| solver.arc(a).constraint == constraint);
    Some(arcs.shortcut(solver, met.cycles[i].clone(), kept, |a| !other(solver.arc(a).constraint)))
}

/// The arcs of each constraint, and of each node's written date.
struct Arcs {
    origin: NodeId,
    /// The arcs of constraint `c` are `of[at[c]..at[c + 1]]`.
    at: Vec<usize>,
    of: Vec<ArcId>,
    /// The arc from day 0 to each node (its date's last day), and back (its first day).
    upper: Vec<Option<ArcId>>,
    lower: Vec<Option<ArcId>>,
    incoming: Incoming,
}

impl Arcs {
    fn new(solver: &Solver, origin: NodeId, constraints: usize) -> Arcs {
        let nodes = solver.labels().len();
        let (mut upper, mut lower) = (vec![None; nodes], vec![None; nodes]);
        for id in 0..solver.arc_count() {
            let arc = solver.arc(id);
            if arc.from == origin {
                upper[arc.to] = Some(id);
            } else if arc.to == origin {
                lower[arc.from] = Some(id);
            }
        }
        let (at, of) = grouped(constraints, solver.arc_count(), |id| solver.arc(id).constraint);
        Arcs { origin, at, of, upper, lower, incoming: Incoming::new(solver) }
    }

    /// The negative cycle through an arc of `constraint` with the fewest steps (then the
    /// lowest weight) among the arcs of constraints that `excluded` does not name, between
    /// nodes `inside` accepts (see [`super::fewest`]). `None` when there is none, or when the
    /// search would relax more arcs than a few passes over the network.
    fn fewest_steps(
        &self,
        solver: &Solver,
        fewest: &mut Fewest,
        constraint: usize,
        excluded: &dyn Fn(usize) -> bool,
        inside: &dyn Fn(NodeId) -> bool,
    ) -> Option<Vec<ArcId>> {
        let usable = |a: ArcId| {
            let arc = solver.arc(a);
            arc.constraint != constraint && !excluded(arc.constraint) && inside(arc.from) && inside(arc.to)
        };
        let mut budget = 4 * solver.arc_count() + 100_000;
        let mut best: Option<(usize, i64, Vec<ArcId>)> = None;
        for &first in self.of(constraint) {
            let found = fewest.through(solver, &self.incoming, self.origin, first, &usable, &mut budget);
            if budget == 0 {
                return None;
            }
            if found.as_ref().is_some_and(|f| best.as_ref().is_none_or(|b| (f.0, f.1) < (b.0, b.1))) {
                best = found;
            }
        }
        best.map(|(_, _, cycle)| cycle)
    }

    /// The arcs of a constraint.
    fn of(&self, constraint: usize) -> &[ArcId] {
        &self.of[self.at[constraint]..self.at[constraint + 1]]
    }

    /// Stops enforcing every arc of a constraint.
    fn disable(&self, solver: &mut Solver, constraint: usize) {
        for &id in self.of(constraint) {
            solver.disable(id);
        }
    }

    /// A shorter negative cycle within a dated one, if the dates of the nodes it passes close
    /// one: the cycle leaves day 0 for the last day of a node x₀, carries that bound along its
    /// relations to x₁, x₂, … and comes back at the first day of the last node. When the bound
    /// carried to some xⱼ already lies before xⱼ's own first day, the chain can stop there, and
    /// another can start later, at a node whose last day is tighter. Of all the chains from
    /// the last day of some xₚ along the cycle to the first day of some x_q (each date usable),
    /// the one with fewest steps that is still negative, and that keeps the arc `kept`.
    /// Cycles that do not pass day 0 are returned as they are; dated ones start at day 0.
    fn shortcut(
        &self,
        solver: &Solver,
        mut cycle: Vec<ArcId>,
        kept: Option<ArcId>,
        usable: impl Fn(ArcId) -> bool,
    ) -> Vec<ArcId> {
        let Some(start) = cycle.iter().position(|&a| solver.arc(a).from == self.origin) else { return cycle };
        cycle.rotate_left(start);
        let len = cycle.len();
        if len < 4 {
            return cycle;
        }
        // x_j is where arc j leads; arc j + 1 goes from x_j to x_{j+1}; the last arc goes home.
        let nodes = len - 1;
        let node = |j: usize| solver.arc(cycle[j]).to;
        let mut prefix = vec![0i64; nodes];
        for j in 1..nodes {
            prefix[j] = prefix[j - 1].saturating_add(solver.arc(cycle[j]).ceil);
        }
        let date = |bound: &[Option<ArcId>], j: usize| bound[node(j)].filter(|&a| usable(a));
        let (mut p_last, mut q_first) = (nodes - 1, 0);
        match kept.and_then(|k| cycle.iter().position(|&a| a == k)) {
            Some(0) => p_last = 0,
            Some(t) if t == len - 1 => q_first = nodes - 1,
            Some(t) => (p_last, q_first) = (t - 1, t),
            None => {}
        }
        // Starts worth trying, nearest last: each start's last day less the steps before it,
        // increasing upwards (a start farther back and no tighter is never better).
        let mut starts: Vec<(i64, usize)> = Vec::new();
        let mut next = 0;
        let mut best: Option<(usize, usize)> = None;
        for q in q_first..nodes {
            while next <= q.min(p_last) {
                if let Some(upper) = date(&self.upper, next) {
                    let key = solver.arc(upper).ceil.saturating_sub(prefix[next]);
                    while starts.last().is_some_and(|&(top, _)| top >= key) {
                        starts.pop();
                    }
                    starts.push((key, next));
                }
                next += 1;
            }
            let Some(lower) = date(&self.lower, q) else { continue };
            let need = prefix[q].saturating_add(solver.arc(lower).ceil).saturating_neg();
            let fitting = starts.partition_point(|&(key, _)| key < need);
            if let Some(&(_, p)) = fitting.checked_sub(1).map(|i| &starts[i]) {
                if best.is_none_or(|(bp, bq)| q - p < bq - bp) {
                    best = Some((p, q));
                }
            }
        }
        match best {
            Some((p, q)) if q - p + 2 < len => {
                let (Some(upper), Some(lower)) = (self.upper[node(p)], self.lower[node(q)]) else { return cycle };
                let mut short = Vec::with_capacity(q - p + 2);
                short.push(upper);
                short.extend_from_slice(&cycle[p + 1..=q]);
                short.push(lower);
                short
            }
            _ => cycle,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Arcs, Network, Solver};

    #[test]
    fn a_chain_is_cut_where_the_bound_it_carries_first_misses_a_date() {
        // a: 2000, b: 1999 after a, c: 2000-03-20 after a by 10d (days since 1970).
        let (a, b, c) = (1, 2, 3);
        let mut network = Network::new(4);
        network.require(0, a, Some(10957), Some(11322), 0);
        network.require(0, b, Some(10592), Some(10956), 1);
        network.require(0, c, Some(11036), Some(11036), 2);
        network.require(a, b, Some(0), None, 3);
        network.require(a, c, Some(9), Some(11), 4);
        let solver = Solver::new(&network, Vec::new());
        let arc = |from, to| (0..solver.arc_count()).find(|&id| (solver.arc(id).from, solver.arc(id).to) == (from, to));
        let arcs = Arcs::new(&solver, 0, 5);
        let long: Vec<usize> = [(a, c), (c, 0), (0, b), (b, a)].into_iter().filter_map(|(f, t)| arc(f, t)).collect();
        let whole: Vec<usize> = [(0, b), (b, a), (a, c), (c, 0)].into_iter().filter_map(|(f, t)| arc(f, t)).collect();
        let short: Vec<usize> = [(0, b), (b, a), (a, 0)].into_iter().filter_map(|(f, t)| arc(f, t)).collect();
        assert_eq!((long.len(), short.len()), (4, 3));
        // `b`'s last day carried to `a` already misses `a`'s first day: the chain stops there.
        assert_eq!(arcs.shortcut(&solver, long.clone(), None, |_| true), short);
        assert_eq!(arcs.shortcut(&solver, long.clone(), arc(0, b), |_| true), short);
        // Keeping `c`'s date or `c`'s offset, or without `a`'s date, it is only rotated.
        assert_eq!(arcs.shortcut(&solver, long.clone(), arc(c, 0), |_| true), whole);
        assert_eq!(arcs.shortcut(&solver, long.clone(), arc(a, c), |_| true), whole);
        assert_eq!(arcs.shortcut(&solver, long, None, |id| solver.arc(id).constraint != 0), whole);
    }
}
