//! How far apart the relations hold two events, for the `first` check. The longest that
//! start(E) − start(F) can be, over every solution of the temporal network, is the shortest
//! path from F to E (an arc from → to weighing `ceil` says to − from ≤ ceil); when it is
//! negative, E starts that many days or more before F whatever day each falls on, though
//! their windows overlap: `p1` 3mo after `a` (73–108 days) and `p2` 1y after `a` (181–550 days)
//! are 73 days apart or more, on whichever day of its year `a` fell.
//!
//! Only the arcs between moments are kept, not the written dates: a path through day 0 is as
//! long as E's latest start less F's earliest, which the `first` check compares already.
//! Relations on a circle (which the `timeline` check reports) are left out, as they are from
//! [`super::schedule::Precedence`]'s walks. Only a network without violations is asked, whose
//! labels are a feasible potential: Dijkstra runs on the reduced costs, which are never
//! negative, and stops once no event of the tags can still come out earlier.

use super::network::{Arc, NodeId};
use super::schedule::{event_node as node, Constraint};
use crate::model::EventId;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// The arcs between moments, and a feasible potential of them.
#[derive(Debug)]
pub struct Apart {
    events: usize,
    /// Arcs leaving node `n` are `arcs[out[n]..out[n + 1]]`: head, weight, constraint.
    out: Vec<usize>,
    arcs: Vec<(NodeId, i64, Constraint)>,
    potential: Vec<i64>,
}

/// Scratch space for one search after another: the search in which each node was last
/// reached, its reduced distance then and the arc it was reached by.
pub struct Reach {
    reached: Vec<u32>,
    settled: Vec<u32>,
    distance: Vec<i64>,
    parent: Vec<Option<(NodeId, Constraint)>>,
    search: u32,
    heap: BinaryHeap<Reverse<(i64, NodeId)>>,
}

impl Apart {
    /// The `arcs` (with `constraints[arc.constraint]` for each) that `keep` keeps, leaving out
    /// those at day 0 (node 0); `potential` must be feasible for them.
    pub(crate) fn new<'a>(
        events: usize,
        potential: &[i64],
        arcs: impl Iterator<Item = &'a Arc> + Clone,
        constraints: &[Constraint],
        keep: impl Fn(&Arc) -> bool,
    ) -> Apart {
        let nodes = potential.len();
        let kept = arcs.filter(|a| a.from != 0 && a.to != 0 && keep(a));
        let mut out = vec![0; nodes + 1];
        for arc in kept.clone() {
            out[arc.from + 1] += 1;
        }
        for n in 0..nodes {
            out[n + 1] += out[n];
        }
        let mut next = out.clone();
        let mut slots = vec![(0, 0, Constraint::Period { target: crate::model::Target::Event(0) }); out[nodes]];
        for arc in kept {
            slots[next[arc.from]] = (arc.to, arc.ceil, constraints[arc.constraint]);
            next[arc.from] += 1;
        }
        Apart { events, out, arcs: slots, potential: potential.to_vec() }
    }

    /// The number of nodes and arcs, the size of one search through them all.
    pub(crate) fn size(&self) -> usize {
        self.out.len() + self.arcs.len()
    }

    pub(crate) fn reach(&self) -> Reach {
        let nodes = self.potential.len();
        Reach {
            reached: vec![0; nodes],
            settled: vec![0; nodes],
            distance: vec![0; nodes],
            parent: vec![None; nodes],
            search: 0,
            heap: BinaryHeap::new(),
        }
    }

    /// An event's label in the feasible potential.
    pub(crate) fn label(&self, event: EventId) -> i64 {
        self.potential[node(event)]
    }

    /// Searches out from `event`'s start and calls `found(other, days)` for each other event
    /// that starts `days` (at least 1) or more before it in every solution, the nearest by
    /// reduced cost first. Events labelled below `lowest` are not looked for: the search
    /// stops once none labelled `lowest` or more can still be found. Each arc costs one unit
    /// of `budget`; when it runs out the search stops and returns false.
    pub(crate) fn before(
        &self,
        reach: &mut Reach,
        event: EventId,
        lowest: i64,
        budget: &mut usize,
        mut found: impl FnMut(EventId, i64),
    ) -> bool {
        reach.search = reach.search.wrapping_add(1);
        if reach.search == 0 {
            reach.reached.iter_mut().chain(reach.settled.iter_mut()).for_each(|r| *r = 0);
            reach.search = 1;
        }
        let (start, search) = (node(event), reach.search);
        let base = self.potential[start];
        // A reduced distance past this is at least a day's distance for every event looked for.
        let within = base.saturating_sub(lowest).saturating_sub(1);
        reach.heap.clear();
        reach.heap.push(Reverse((0, start)));
        reach.reached[start] = search;
        reach.distance[start] = 0;
        reach.parent[start] = None;
        while let Some(Reverse((d, u))) = reach.heap.pop() {
            if d > within {
                break;
            }
            if reach.settled[u] == search || d > reach.distance[u] {
                continue;
            }
            reach.settled[u] = search;
            let days = d.saturating_add(self.potential[u]).saturating_sub(base);
            if u != start && (1..=self.events).contains(&u) && days < 0 {
                found(u - 1, -days);
            }
            for &(v, ceil, constraint) in &self.arcs[self.out[u]..self.out[u + 1]] {
                if *budget == 0 {
                    return false;
                }
                *budget -= 1;
                let reduced = ceil.saturating_add(self.potential[u]).saturating_sub(self.potential[v]).max(0);
                let next = d.saturating_add(reduced);
                if reach.settled[v] != search && (reach.reached[v] != search || next < reach.distance[v]) {
                    reach.reached[v] = search;
                    reach.distance[v] = next;
                    reach.parent[v] = Some((u, constraint));
                    reach.heap.push(Reverse((next, v)));
                }
            }
        }
        true
    }

    /// The constraints of the shortest path the last search found to `earlier`, from
    /// `earlier` back to the event it started from.
    pub(crate) fn chain(&self, reach: &Reach, earlier: EventId) -> Vec<Constraint> {
        let mut chain = Vec::new();
        let mut at = node(earlier);
        while reach.settled[at] == reach.search {
            let Some((from, constraint)) = reach.parent[at] else { break };
            chain.push(constraint);
            at = from;
        }
        chain
    }
}

#[cfg(test)]
mod tests {
    use crate::timeline::explain::sentence;
    use crate::timeline::start_bounds::scheduled;

    /// For each event that the relations hold before event 0: its id, the days, and the path.
    fn before_first(text: &str, budget: usize) -> (Vec<String>, bool) {
        let (model, schedule, _) = scheduled(text);
        let Some(apart) = schedule.precedence.as_ref().and_then(|p| p.apart.as_ref()) else {
            return (vec!["no network".into()], true);
        };
        let mut reach = apart.reach();
        let mut found = Vec::new();
        let (mut budget, lowest) = (budget, (0..model.events.len()).map(|e| apart.label(e)).min().unwrap_or(0));
        let complete = apart.before(&mut reach, 0, lowest, &mut budget, |e, days| found.push((e, days)));
        let shown = found
            .into_iter()
            .map(|(e, days)| {
                let chain: Vec<String> = apart.chain(&reach, e).into_iter().map(|c| sentence(&model, c)).collect();
                format!("{} {days}: {}", model.events[e].id.as_deref().unwrap_or_default(), chain.join("; "))
            })
            .collect();
        (shown, complete)
    }

    #[test]
    fn offsets_from_one_anchor_hold_events_apart() {
        let text = "q: event \"Q\" after a by 1y first #t\na: 2001 event \"A\"\np: event \"P\" after a by 3mo #t\n\
                    r: event \"R\" after a by 4mo #t\ns: event \"S\" before p by 1mo #t\n";
        let (found, complete) = before_first(text, 1000);
        assert!(complete);
        assert_eq!(
            found,
            [
                "a 181: `q` 1y after `a`",
                "p 73: `p` 3mo after `a`; `q` 1y after `a`",
                "r 42: `r` 4mo after `a`; `q` 1y after `a`",
                "s 87: `s` 1mo before `p`; `p` 3mo after `a`; `q` 1y after `a`",
            ]
        );
        // Day 0 is not walked through: dates alone do not hold `b` apart from `q`.
        assert_eq!(before_first(&format!("{text}b: 2000 event \"B\"\n"), 1000).0.len(), 4);
        // A search that runs out of budget says so.
        assert!(!before_first(text, 1).1);
    }

    #[test]
    fn violations_leave_no_network_to_ask() {
        let text = "q: 2001 event \"Q\" first #t\np: 1990 event \"P\" after q by 1y #t\n";
        assert_eq!(before_first(text, 1000).0, ["no network"]);
    }
}
