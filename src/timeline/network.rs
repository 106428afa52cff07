//! A simple temporal network: integer variables tied by difference constraints
//! `to − from ∈ [floor, ceil]`. Each bound is an arc of the constraint graph (`to − from ≤ ceil`
//! is the arc from → to weighing `ceil`); the constraints can all hold exactly when the graph has
//! no negative cycle. The solver is a FIFO label-correcting search (Bellman–Ford with a queue)
//! that looks for a cycle among the parent pointers after every `node count` relaxations, so a
//! negative cycle is caught in amortised linear time; once it is reported and some arcs disabled
//! (every arc of a blamed constraint, see `super::blame`), the search resumes where it stopped.
//! With no negative cycle left, the labels are a feasible potential, and Dijkstra on the
//! reduced costs gives every variable's tightest bounds.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

pub type NodeId = usize;
pub type ArcId = usize;

/// Offsets beyond this many days (about 46 000 years, more than the whole four-digit calendar)
/// are clamped, so sums along any path stay far from `i64` overflow.
pub const HORIZON: i64 = 1 << 24;

/// One bound of a constraint: `to − from ≤ ceil`, with the constraint's other bound `floor`
/// (`to − from ≥ floor`) kept for explanations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arc {
    pub from: NodeId,
    pub to: NodeId,
    pub ceil: i64,
    pub floor: Option<i64>,
    /// The caller's constraint this arc comes from.
    pub constraint: usize,
}

/// The constraints, before solving.
#[derive(Clone, Debug, Default)]
pub struct Network {
    nodes: usize,
    arcs: Vec<Arc>,
}

fn clamp(days: i64) -> i64 {
    days.clamp(-HORIZON, HORIZON)
}

impl Network {
    pub fn new(nodes: usize) -> Self {
        Network { nodes, arcs: Vec::new() }
    }

    /// Adds a node and returns it.
    pub fn add_node(&mut self) -> NodeId {
        self.nodes += 1;
        self.nodes - 1
    }

    pub fn node_count(&self) -> usize {
        self.nodes
    }

    /// Requires `to − from ∈ [floor, ceil]`; `None` leaves that side open.
    pub fn require(&mut self, from: NodeId, to: NodeId, floor: Option<i64>, ceil: Option<i64>, constraint: usize) {
        let (floor, ceil) = (floor.map(clamp), ceil.map(clamp));
        if let Some(ceil) = ceil {
            self.arcs.push(Arc { from, to, ceil, floor, constraint });
        }
        if let Some(floor) = floor {
            self.arcs.push(Arc { from: to, to: from, ceil: -floor, floor: ceil.map(|c| -c), constraint });
        }
    }
}

/// The search state: labels, parent arcs and the queue of nodes to scan.
pub struct Solver {
    arcs: Vec<Arc>,
    /// Arcs leaving node `n` are `arcs[out[n]..out[n + 1]]`.
    out: Vec<usize>,
    disabled: Vec<bool>,
    label: Vec<i64>,
    parent: Vec<Option<ArcId>>,
    queue: VecDeque<NodeId>,
    queued: Vec<bool>,
    relaxed_since_check: usize,
    walk: Vec<u32>,
}

impl Solver {
    /// Starts from the given labels (any finite labels do; ones that already satisfy most
    /// constraints make the search short). Nodes without a label start at 0.
    pub fn new(network: &Network, mut initial: Vec<i64>) -> Self {
        let n = network.nodes;
        initial.resize(n, 0);
        let mut out = vec![0; n + 1];
        for arc in &network.arcs {
            out[arc.from + 1] += 1;
        }
        for i in 0..n {
            out[i + 1] += out[i];
        }
        let mut next = out.clone();
        let mut arcs = network.arcs.clone();
        for &arc in &network.arcs {
            arcs[next[arc.from]] = arc;
            next[arc.from] += 1;
        }
        Solver {
            disabled: vec![false; arcs.len()],
            arcs,
            out,
            label: initial,
            parent: vec![None; n],
            queue: (0..n).collect(),
            queued: vec![true; n],
            relaxed_since_check: 0,
            walk: vec![0; n],
        }
    }

    pub fn arc(&self, id: ArcId) -> &Arc {
        &self.arcs[id]
    }

    /// The number of arcs; their ids are `0..arc_count()`, the same for every solver of one
    /// network.
    pub fn arc_count(&self) -> usize {
        self.arcs.len()
    }

    /// The arcs leaving a node.
    pub fn arcs_from(&self, node: NodeId) -> std::ops::Range<ArcId> {
        self.out[node]..self.out[node + 1]
    }

    pub fn is_disabled(&self, id: ArcId) -> bool {
        self.disabled[id]
    }

    /// The current labels: once [`Solver::next_cycle`] has returned `None`, a feasible
    /// potential of the enabled arcs, and a good start for another search of the same network.
    pub fn labels(&self) -> &[i64] {
        &self.label
    }

    /// Searches on; returns the arcs of a negative cycle, in order around it, or `None` once
    /// every enabled constraint holds.
    pub fn next_cycle(&mut self) -> Option<Vec<ArcId>> {
        let n = self.label.len();
        while let Some(u) = self.queue.pop_front() {
            self.queued[u] = false;
            let from = self.label[u];
            for id in self.out[u]..self.out[u + 1] {
                let arc = &self.arcs[id];
                let candidate = from.saturating_add(arc.ceil);
                if self.disabled[id] || candidate >= self.label[arc.to] {
                    continue;
                }
                self.label[arc.to] = candidate;
                self.parent[arc.to] = Some(id);
                self.relaxed_since_check += 1;
                if !self.queued[arc.to] {
                    self.queued[arc.to] = true;
                    self.queue.push_back(arc.to);
                }
            }
            if self.relaxed_since_check >= n {
                self.relaxed_since_check = 0;
                if let Some(cycle) = self.parent_cycle() {
                    return Some(cycle);
                }
            }
        }
        self.parent_cycle()
    }

    /// Stops enforcing one arc (one bound of a constraint).
    pub fn disable(&mut self, id: ArcId) {
        self.disabled[id] = true;
        let to = self.arcs[id].to;
        if self.parent[to] == Some(id) {
            self.parent[to] = None;
        }
    }

    /// A cycle among the parent pointers: every such cycle is negative.
    fn parent_cycle(&mut self) -> Option<Vec<ArcId>> {
        self.walk.iter_mut().for_each(|w| *w = 0);
        for start in 0..self.label.len() {
            let walk = u32::try_from(start + 1).unwrap_or(u32::MAX);
            let mut node = start;
            while self.walk[node] == 0 {
                self.walk[node] = walk;
                match self.parent[node] {
                    Some(arc) => node = self.arcs[arc].from,
                    None => break,
                }
            }
            if self.walk[node] == walk && self.parent[node].is_some() {
                return Some(self.cycle_through(node));
            }
        }
        None
    }

    fn cycle_through(&self, node: NodeId) -> Vec<ArcId> {
        let mut cycle = Vec::new();
        let mut at = node;
        while let Some(arc) = self.parent[at] {
            cycle.push(arc);
            at = self.arcs[arc].from;
            if at == node {
                break;
            }
        }
        cycle.reverse();
        cycle
    }

    /// Every node's tightest bounds relative to `origin` (`node − origin ∈ [lo, hi]`, `None`
    /// when open). Only meaningful once [`Solver::next_cycle`] has returned `None`.
    pub fn bounds_from(&self, origin: NodeId) -> Vec<(Option<i64>, Option<i64>)> {
        let n = self.label.len();
        // Reduced costs are never negative once the labels are a feasible potential.
        let reduced = |a: &Arc| a.ceil.saturating_add(self.label[a.from]).saturating_sub(self.label[a.to]).max(0);
        let above = dijkstra(&self.out, origin, |slot| {
            let arc = &self.arcs[slot];
            (!self.disabled[slot]).then(|| (arc.to, reduced(arc)))
        });
        let mut into = vec![0; n + 1];
        for arc in &self.arcs {
            into[arc.to + 1] += 1;
        }
        for i in 0..n {
            into[i + 1] += into[i];
        }
        let mut next = into.clone();
        let mut incoming = vec![0; self.arcs.len()];
        for (id, arc) in self.arcs.iter().enumerate() {
            incoming[next[arc.to]] = id;
            next[arc.to] += 1;
        }
        let below = dijkstra(&into, origin, |slot| {
            let id = incoming[slot];
            let arc = &self.arcs[id];
            (!self.disabled[id]).then(|| (arc.from, reduced(arc)))
        });
        let base = self.label[origin];
        (0..n)
            .map(|v| {
                let hi = above[v].map(|d| d.saturating_add(self.label[v]).saturating_sub(base));
                let lo = below[v].map(|d| self.label[v].saturating_sub(base).saturating_sub(d));
                (lo, hi)
            })
            .collect()
    }
}

/// Shortest distances from `origin` over non-negative weights; node `u`'s arcs are the slots
/// `offsets[u]..offsets[u + 1]`, and `arc(slot)` gives an enabled arc's head and weight.
fn dijkstra(offsets: &[usize], origin: NodeId, arc: impl Fn(usize) -> Option<(NodeId, i64)>) -> Vec<Option<i64>> {
    let mut distance = vec![None; offsets.len() - 1];
    let mut heap = BinaryHeap::new();
    heap.push(Reverse((0i64, origin)));
    while let Some(Reverse((d, node))) = heap.pop() {
        if distance[node].is_some() {
            continue;
        }
        distance[node] = Some(d);
        for slot in offsets[node]..offsets[node + 1] {
            if let Some((next, weight)) = arc(slot) {
                if distance[next].is_none() {
                    heap.push(Reverse((d.saturating_add(weight), next)));
                }
            }
        }
    }
    distance
}

#[cfg(test)]
mod tests {
    use super::*;

    fn solve(nodes: usize, constraints: &[(usize, usize, Option<i64>, Option<i64>)]) -> (Solver, Vec<Vec<usize>>) {
        let mut network = Network::new(nodes);
        for (i, &(from, to, floor, ceil)) in constraints.iter().enumerate() {
            network.require(from, to, floor, ceil, i);
        }
        let mut solver = Solver::new(&network, Vec::new());
        let mut cycles = Vec::new();
        while let Some(cycle) = solver.next_cycle() {
            let constraints: Vec<usize> = cycle.iter().map(|&a| solver.arc(a).constraint).collect();
            solver.disable(cycle[0]);
            cycles.push(constraints);
        }
        (solver, cycles)
    }

    #[test]
    fn consistent_constraints_give_tightest_bounds() {
        // x1 ∈ [10, 20], x2 − x1 ∈ [3, 5], x3 ≥ x2, x3 ≤ 16.
        let (solver, cycles) = solve(
            4,
            &[(0, 1, Some(10), Some(20)), (1, 2, Some(3), Some(5)), (2, 3, Some(0), None), (0, 3, None, Some(16))],
        );
        assert!(cycles.is_empty());
        let bounds = solver.bounds_from(0);
        assert_eq!(bounds[1], (Some(10), Some(13)));
        assert_eq!(bounds[2], (Some(13), Some(16)));
        assert_eq!(bounds[3], (Some(13), Some(16)));
    }

    #[test]
    fn a_negative_cycle_is_reported_with_exactly_its_constraints() {
        // x1 ∈ [10, 20], x2 − x1 ∈ [3, 5], x2 ∈ [30, 40]: x2 ≤ 25 < 30. x3 is unrelated.
        let (_, cycles) = solve(
            4,
            &[
                (0, 1, Some(10), Some(20)),
                (1, 2, Some(3), Some(5)),
                (0, 2, Some(30), Some(40)),
                (0, 3, Some(0), Some(1)),
            ],
        );
        assert_eq!(cycles.len(), 1);
        let mut involved = cycles[0].clone();
        involved.sort();
        assert_eq!(involved, vec![0, 1, 2]);
    }

    #[test]
    fn independent_violations_are_all_found() {
        let (_, cycles) = solve(
            5,
            &[
                (0, 1, Some(10), Some(10)),
                (1, 2, Some(1), None),
                (0, 2, None, Some(5)),
                (3, 4, Some(2), None),
                (4, 3, Some(2), None),
            ],
        );
        assert_eq!(cycles.len(), 2);
    }

    #[test]
    fn a_self_loop_and_unreachable_nodes() {
        let (solver, cycles) = solve(3, &[(1, 1, Some(1), None)]);
        assert_eq!(cycles, vec![vec![0]]);
        assert_eq!(solver.bounds_from(0)[2], (None, None));
    }

    #[test]
    fn huge_offsets_do_not_overflow() {
        let (_, cycles) =
            solve(3, &[(0, 1, Some(i64::MAX), None), (1, 2, Some(i64::MAX), None), (0, 2, None, Some(0))]);
        assert_eq!(cycles.len(), 1);
    }
}
