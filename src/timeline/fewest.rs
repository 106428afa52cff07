//! The negative cycle with the fewest steps through a given arc: how a blamed constraint is
//! shown (see [`super::blame`]). With the other blamed constraints left out, and this one too,
//! the network holds; adding back one arc `tail → head` of weight `w` closes a negative cycle
//! exactly where a path from `head` back to `tail` weighs less than `-w`. The fewest steps
//! such a path can take is found by a breadth-first Bellman–Ford (the best weight within one
//! step, two steps, …). Its first negative cycle is simple: a repeated node would mean a cycle
//! of the remaining network, which weighs at least zero and could be cut out for fewer steps.
//!
//! Day 0 is an end of every written date, so a search that went through it would spread to
//! every dated node at once. It is never gone through: a path through day 0 is searched as two
//! halves meeting there, one forwards from `head` and one backwards from `tail`, each stopping
//! at day 0, and the fewest steps in all is the smallest sum of the two halves' steps that
//! closes a negative cycle.

use super::network::{ArcId, NodeId, Solver};

const ROOT: u32 = u32::MAX;

/// The arcs into each node: `into[at[n]..at[n + 1]]`.
pub(crate) struct Incoming {
    at: Vec<usize>,
    into: Vec<ArcId>,
}

impl Incoming {
    pub(crate) fn new(solver: &Solver) -> Incoming {
        let (at, into) = grouped(solver.labels().len(), solver.arc_count(), |id| solver.arc(id).to);
        Incoming { at, into }
    }
}

/// Items `0..items` grouped by `key` (below `keys`), by counting: the items of key `k` are
/// `members[at[k]..at[k + 1]]`, in order.
pub(crate) fn grouped(keys: usize, items: usize, key: impl Fn(usize) -> usize) -> (Vec<usize>, Vec<usize>) {
    let mut at = vec![0; keys + 1];
    for item in 0..items {
        at[key(item) + 1] += 1;
    }
    for k in 0..keys {
        at[k + 1] += at[k];
    }
    let mut next = at.clone();
    let mut members = vec![0; items];
    for item in 0..items {
        let k = key(item);
        members[next[k]] = item;
        next[k] += 1;
    }
    (at, members)
}

/// One half of the search: the best weight of a path from (forwards) or to (backwards) its
/// start within the steps taken so far, and how each node was last improved.
struct Sweep {
    forward: bool,
    distance: Vec<i64>,
    latest: Vec<u32>,
    /// This step's improvements, applied together so that each step adds one arc.
    pending: Vec<Option<(i64, ArcId, u32)>>,
    /// Each improvement: the node, the arc that improved it and the improvement before it
    /// along the path (towards the start).
    log: Vec<(NodeId, ArcId, u32)>,
    frontier: Vec<NodeId>,
    changed: Vec<NodeId>,
    /// Every node given a distance, to reset.
    reached: Vec<NodeId>,
}

impl Sweep {
    fn new(nodes: usize, forward: bool) -> Sweep {
        Sweep {
            forward,
            distance: vec![i64::MAX; nodes],
            latest: vec![ROOT; nodes],
            pending: vec![None; nodes],
            log: Vec::new(),
            frontier: Vec::new(),
            changed: Vec::new(),
            reached: Vec::new(),
        }
    }

    fn start(&mut self, node: NodeId, origin: NodeId) {
        for n in self.reached.drain(..) {
            self.distance[n] = i64::MAX;
            self.latest[n] = ROOT;
        }
        self.log.clear();
        self.frontier.clear();
        self.distance[node] = 0;
        self.reached.push(node);
        if node != origin {
            self.frontier.push(node);
        }
    }

    /// The best weight to or from `node` so far, and the improvement that gave it.
    fn at(&self, node: NodeId) -> (i64, u32) {
        (self.distance[node], self.latest[node])
    }

    /// One more step from the frontier (day 0 is reached but never left). False when the
    /// budget runs out.
    fn step(
        &mut self,
        solver: &Solver,
        incoming: &Incoming,
        usable: &dyn Fn(ArcId) -> bool,
        hopeful: &dyn Fn(NodeId, i64) -> bool,
        origin: NodeId,
        budget: &mut usize,
    ) -> bool {
        for i in 0..self.frontier.len() {
            let node = self.frontier[i];
            let arcs: &[ArcId] =
                if self.forward { &[] } else { &incoming.into[incoming.at[node]..incoming.at[node + 1]] };
            let forward = solver.arcs_from(node).filter(|_| self.forward);
            for id in forward.chain(arcs.iter().copied()) {
                if !usable(id) {
                    continue;
                }
                let Some(left) = budget.checked_sub(1) else { return false };
                *budget = left;
                let arc = solver.arc(id);
                let next = if self.forward { arc.to } else { arc.from };
                let candidate = self.distance[node].saturating_add(arc.ceil);
                let best = self.pending[next].map_or(self.distance[next], |(d, _, _)| d);
                if candidate < best && hopeful(next, candidate) {
                    if self.pending[next].is_none() {
                        self.changed.push(next);
                    }
                    self.pending[next] = Some((candidate, id, self.latest[node]));
                }
            }
        }
        self.frontier.clear();
        for node in std::mem::take(&mut self.changed) {
            let Some((distance, id, previous)) = self.pending[node].take() else { continue };
            if self.distance[node] == i64::MAX {
                self.reached.push(node);
            }
            self.distance[node] = distance;
            self.log.push((node, id, previous));
            self.latest[node] = u32::try_from(self.log.len() - 1).unwrap_or(ROOT);
            if node != origin {
                self.frontier.push(node);
            }
        }
        true
    }

    /// The arcs of the path an improvement ends, in the order walked: from the start to the
    /// node (forwards), or from the node to the start (backwards).
    fn path(&self, mut entry: u32) -> Vec<ArcId> {
        let mut path = Vec::new();
        while entry != ROOT {
            let (_, id, previous) = self.log[entry as usize];
            path.push(id);
            entry = previous;
        }
        if self.forward {
            path.reverse();
        }
        path
    }
}

/// When a half's best weight to (or from) day 0 improved: the steps taken, the weight and the
/// improvement.
type Improved = (usize, i64, u32);

/// Scratch space for [`Fewest::through`], reused from one search to the next.
pub(crate) struct Fewest {
    ahead: Sweep,
    behind: Sweep,
}

impl Fewest {
    pub(crate) fn new(nodes: usize) -> Fewest {
        Fewest { ahead: Sweep::new(nodes, true), behind: Sweep::new(nodes, false) }
    }

    /// The negative cycle through `first` with the fewest steps, then the lowest weight, over
    /// the arcs `usable` accepts (`first` aside), whose ends the solver's labels (a feasible
    /// potential of those arcs) bound: a path from `u` to `v` weighs at least
    /// `label[v] - label[u]`, so a partial path that cannot be completed below `-w` is
    /// dropped, and an arc whose reduced cost is not negative closes no negative cycle at all.
    /// `None` if there is none, or when the search would relax more than `budget` arcs.
    pub(crate) fn through(
        &mut self,
        solver: &Solver,
        incoming: &Incoming,
        origin: NodeId,
        first: ArcId,
        usable: &dyn Fn(ArcId) -> bool,
        budget: &mut usize,
    ) -> Option<(usize, i64, Vec<ArcId>)> {
        let (tail, head, weight) = (solver.arc(first).from, solver.arc(first).to, solver.arc(first).ceil);
        let label = solver.labels();
        let closes = |total: i64| total.saturating_add(weight) < 0;
        if !closes(label[tail].saturating_sub(label[head])) {
            return None;
        }
        let ahead_hopeful = |node: NodeId, d: i64| closes(d.saturating_add(label[tail]).saturating_sub(label[node]));
        let behind_hopeful = |node: NodeId, d: i64| closes(d.saturating_add(label[node]).saturating_sub(label[head]));
        let (ahead, behind) = (&mut self.ahead, &mut self.behind);
        ahead.start(head, origin);
        behind.start(tail, origin);
        // Each time a half's best weight to (or from) day 0 improves: the steps, the weight and
        // the improvement. The weights fall as the steps grow.
        let mut to_origin: Vec<Improved> = Vec::new();
        let mut from_origin: Vec<Improved> = Vec::new();
        let mut straight = i64::MAX;
        // The best cycle so far: its steps (after `first`), weight, and how to walk it: the
        // improvement ending the half from `head`, and the one starting the half to `tail`.
        type Found = (usize, i64, u32, Option<u32>);
        let mut best: Option<Found> = None;
        fn offer(found: Found, best: &mut Option<Found>) {
            if best.is_none_or(|b| (found.0, found.1) < (b.0, b.1)) {
                *best = Some(found);
            }
        }
        for steps in 0.. {
            let (there, entry) = ahead.at(origin);
            if there != i64::MAX && to_origin.last().is_none_or(|l| there < l.1) {
                to_origin.push((steps, there, entry));
                let fitting = from_origin.partition_point(|b| !closes(there.saturating_add(b.1)));
                if let Some(&(back_steps, back, rest)) = from_origin.get(fitting) {
                    offer((steps + back_steps, there.saturating_add(back), entry, Some(rest)), &mut best);
                }
            }
            let (back, rest) = behind.at(origin);
            if back != i64::MAX && from_origin.last().is_none_or(|l| back < l.1) {
                from_origin.push((steps, back, rest));
                let fitting = to_origin.partition_point(|a| !closes(a.1.saturating_add(back)));
                if let Some(&(there_steps, there, entry)) = to_origin.get(fitting) {
                    offer((steps + there_steps, there.saturating_add(back), entry, Some(rest)), &mut best);
                }
            }
            let (direct, entry) = ahead.at(tail);
            if tail != origin && direct < straight {
                straight = direct;
                if closes(direct) {
                    offer((steps, direct, entry, None), &mut best);
                }
            }
            // Cycles not yet found take more steps than this one.
            if best.is_some_and(|b| b.0 <= steps) || (ahead.frontier.is_empty() && behind.frontier.is_empty()) {
                break;
            }
            if !ahead.step(solver, incoming, usable, &ahead_hopeful, origin, budget)
                || !behind.step(solver, incoming, usable, &behind_hopeful, origin, budget)
            {
                return None;
            }
        }
        let (steps, total, entry, rest) = best?;
        let mut cycle = vec![first];
        cycle.extend(ahead.path(entry));
        if let Some(rest) = rest {
            cycle.extend(behind.path(rest));
        }
        Some((steps, total.saturating_add(weight), cycle))
    }
}

#[cfg(test)]
mod tests {
    use super::{Fewest, Incoming};
    use crate::timeline::network::{Network, Solver};

    /// Solves with the constraints listed left out, and finds the arc `from → to`.
    fn solved(network: &Network, without: &[usize]) -> Solver {
        let mut solver = Solver::new(network, Vec::new());
        for id in 0..solver.arc_count() {
            if without.contains(&solver.arc(id).constraint) {
                solver.disable(id);
            }
        }
        assert!(solver.next_cycle().is_none());
        solver
    }

    fn arc(solver: &Solver, from: usize, to: usize) -> usize {
        (0..solver.arc_count()).find(|&id| (solver.arc(id).from, solver.arc(id).to) == (from, to)).unwrap_or(usize::MAX)
    }

    #[test]
    fn the_cycle_with_fewest_steps_through_an_arc() {
        // Day 0, a ∈ [100, 200], b ∈ [0, 50] after a, c = 210 with c − a ∈ [10, 12].
        let (a, b, c) = (1, 2, 3);
        let mut network = Network::new(4);
        network.require(0, a, Some(100), Some(200), 0);
        network.require(0, b, Some(0), Some(50), 1);
        network.require(a, b, Some(0), None, 2);
        network.require(0, c, Some(210), Some(210), 3);
        network.require(a, c, Some(10), Some(12), 4);
        let solver = solved(&network, &[1]);
        let incoming = Incoming::new(&solver);
        let mut fewest = Fewest::new(4);
        let usable = |id: usize| solver.arc(id).constraint != 1;
        // b ≤ 50 closes b → a → day 0 (weight −50) and b → a → c → day 0 (−148): fewest steps.
        let mut budget = 1000;
        let found = fewest.through(&solver, &incoming, 0, arc(&solver, 0, b), &usable, &mut budget);
        let cycle = [arc(&solver, 0, b), arc(&solver, b, a), arc(&solver, a, 0)];
        assert_eq!(found, Some((2, -50, cycle.to_vec())));
        // b ≥ 0 closes nothing; a budget too small gives up.
        assert_eq!(fewest.through(&solver, &incoming, 0, arc(&solver, b, 0), &usable, &mut budget), None);
        let mut budget = 1;
        assert_eq!(fewest.through(&solver, &incoming, 0, arc(&solver, 0, b), &usable, &mut budget), None);
        // Without a's date, the way back to day 0 goes on through c.
        let without_a = |id: usize| !matches!(solver.arc(id).constraint, 0 | 1);
        let mut budget = 1000;
        let found = fewest.through(&solver, &incoming, 0, arc(&solver, 0, b), &without_a, &mut budget);
        assert_eq!(found.map(|(steps, weight, _)| (steps, weight)), Some((3, -148)));
    }

    #[test]
    fn a_cycle_away_from_day_0_and_one_through_it_in_two_halves() {
        // a, b dated [100, 200]; b − a ≥ 5 and a − b ≥ 0 (b after a): a loop without day 0.
        let (a, b) = (1, 2);
        let mut network = Network::new(3);
        network.require(0, a, Some(100), Some(200), 0);
        network.require(0, b, Some(100), Some(200), 1);
        network.require(a, b, Some(5), None, 2);
        network.require(b, a, Some(0), None, 3);
        let solver = solved(&network, &[2]);
        let incoming = Incoming::new(&solver);
        let mut fewest = Fewest::new(3);
        let usable = |id: usize| solver.arc(id).constraint != 2;
        let mut budget = 1000;
        let found = fewest.through(&solver, &incoming, 0, arc(&solver, b, a), &usable, &mut budget);
        assert_eq!(found, Some((1, -5, vec![arc(&solver, b, a), arc(&solver, a, b)])));
        // a ≤ 150 instead: a relation from a to b that, through day 0, needs b's first day.
        let mut network = Network::new(3);
        network.require(0, a, Some(100), Some(150), 0);
        network.require(0, b, Some(160), Some(200), 1);
        network.require(b, a, Some(0), None, 2);
        let solver = solved(&network, &[2]);
        let incoming = Incoming::new(&solver);
        let usable = |id: usize| solver.arc(id).constraint != 2;
        let mut budget = 1000;
        // a ≥ b: from a back to b through day 0 (a ≤ 150, b ≥ 160).
        let found = fewest.through(&solver, &incoming, 0, arc(&solver, a, b), &usable, &mut budget);
        assert_eq!(found, Some((2, -10, vec![arc(&solver, a, b), arc(&solver, b, 0), arc(&solver, 0, a)])));
    }
}
