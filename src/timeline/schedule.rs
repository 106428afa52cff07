//! The model's dates and relations as a temporal network.
//!
//! Each event's start is a day-number variable, and so is the end of a period (a date
//! `2003..2008`, or an event `lasting` some time); claims and blocks get variables when an
//! `order` or an `after`/`before` names them. The constraints, all in whole days:
//!
//! - a written date: the variable lies in the days it covers (`1997-05`: May 1–31);
//! - `after X by D`: start(this) − start(X) ∈ [D.min_days, D.max_days]; `before X by D`:
//!   start(X) − start(this) in the same bounds. Offsets run between starts, periods included;
//! - plain `after X` / `before X` and `order a < b`: start(a) ≤ start(b). The day is the
//!   finest unit a date can name, so two things on the same day may come in either order;
//! - `lasting D`: end − start ∈ [D.min_days, D.max_days]; a period's end is never before its start.
//!
//! Days are as fine as the network goes, but each `order`, `after` and `before` still says one
//! thing happened strictly before another: a circle of them (`order a < b` and `order b < a`)
//! cannot hold whatever the days. Those circles are found apart from the network, as the
//! strongly connected components of the relations (see `super::cycles`).
//!
//! When the constraints cannot all hold, a smallest set of them is blamed, one violation each,
//! shown by the shortest chain through it (see `super::blame`).

use super::apart::Apart;
use super::blame::{blame, Blame, Blamed};
use super::cycles::{self, Components};
use super::network::{Arc, ArcId, Network, NodeId};
use crate::model::{EventId, Loc, Model, Target};
use crate::source::FileId;
use crate::syntax::ast::Relation;
use crate::value::date::saturate;
use crate::value::DateRange;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// At most this many violations are reported; past it the file is too broken to derive dates.
pub const MAX_VIOLATIONS: usize = 100;

/// The calendar's day 0: written dates are offsets from it.
const ORIGIN: NodeId = 0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Point {
    Start,
    End,
}

/// A time variable: when a claim, event or block starts, or when its period ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Moment {
    pub target: Target,
    pub point: Point,
}

/// Where a difference constraint comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Constraint {
    /// The moment lies within its written date.
    Date { moment: Moment, range: DateRange },
    /// `order`: `ids[from]` comes no later than `ids[to]`, the next id in the line that names
    /// something with a time (ids naming nothing are skipped, keeping the chain).
    Order { order: usize, from: usize, to: usize },
    /// The event's `after`/`before`.
    Relative { event: EventId },
    /// The event's `lasting`.
    Lasting { event: EventId },
    /// A period ends no earlier than it starts.
    Period { target: Target },
}

/// One step of a violated chain: `to − from ∈ [floor, ceil]` days; `None` is day 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub from: Option<Moment>,
    pub to: Option<Moment>,
    pub floor: Option<i64>,
    pub ceil: Option<i64>,
    pub constraint: Constraint,
}

impl Step {
    fn reversed(self) -> Step {
        Step {
            from: self.to,
            to: self.from,
            floor: self.ceil.map(|c| -c),
            ceil: self.floor.map(|f| -f),
            constraint: self.constraint,
        }
    }
}

/// Constraints that cannot all hold, as a chain of steps that ends where it starts. When it
/// involves dates it starts and ends at day 0: the first step is one moment's date, the middle
/// steps carry it along the relations, and the last step is the date they contradict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub steps: Vec<Step>,
    /// The index in `steps` of the constraint blamed for it, when the search named one.
    pub blamed: Option<usize>,
    /// Other chains that clash with the blamed constraint, each without it (see
    /// [`super::blame::Blamed::others`]).
    pub others: Vec<Vec<Step>>,
}

impl Violation {
    pub fn is_dated(&self) -> bool {
        self.steps.first().is_some_and(|s| s.from.is_none())
    }
}

/// One relation round a circle: it says `earlier` happened strictly before `later`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    pub earlier: Moment,
    pub later: Moment,
    pub constraint: Constraint,
}

/// Relations that go round in a circle (a strongly connected component of them), which no
/// days can satisfy: each says one thing came strictly before the next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Circle {
    /// One circle, each link starting where the one before it ends. The last link closes it:
    /// of all the component's relations, in the order they are written, the first that
    /// completes a circle.
    pub chain: Vec<Link>,
    /// The component's other relations (each lies on some circle too), in the order written.
    pub others: Vec<Constraint>,
}

/// What the network concludes about a model.
#[derive(Debug)]
pub struct Schedule {
    /// One for each constraint of a smallest set whose removal lets the rest hold, in the order
    /// written, at most [`MAX_VIOLATIONS`] (past that, the first ones the search met).
    pub violations: Vec<Violation>,
    /// Circles of relations not already reported: a circle within one `order` line names
    /// something twice (the `timeline` check reports that line), and a circle whose offsets
    /// already make it a violation of its own (`after x by 1y` both ways) is one of
    /// [`Schedule::violations`]. In the order their closing relations are written, at most
    /// [`MAX_VIOLATIONS`].
    pub circles: Vec<Circle>,
    /// For each event without a written date, the tightest start interval the relations allow
    /// (when they bound it on both sides).
    pub derived: Vec<Option<DateRange>>,
    /// What the `first` check asks of the network; only built when an event flagged `first`
    /// has a tag.
    pub precedence: Option<Precedence>,
}

/// A relation as the circles and the `first` check see it: `earlier` happened before `later`.
#[derive(Clone, Copy, Debug)]
struct Said {
    earlier: NodeId,
    later: NodeId,
    constraint: Constraint,
    /// Its index among the network's constraints.
    index: usize,
    /// An `order` line's step to an id the line names a second time (`order a < b < a`): the
    /// `timeline` check reports the line, so its circles are not reported again.
    repeated: bool,
}

/// The start bounds of every event and the relations that put one start no later than
/// another, for the `first` check.
#[derive(Debug)]
pub struct Precedence {
    events: usize,
    /// For each event, the earliest and latest day it can start on, given every date and
    /// relation (`None` on a side nothing bounds). `None` when the network was too broken to
    /// solve (more than [`MAX_VIOLATIONS`] violations). In 64 bits, as the solver's labels:
    /// sums of long durations may run past the days a [`Day`] holds.
    pub bounds: Option<Vec<(Option<i64>, Option<i64>)>>,
    /// The relations and periods between moments, for how far apart they hold two events;
    /// `None` when the network has violations (or was too broken to solve).
    pub apart: Option<Apart>,
    /// The arcs into each node: `incoming[into[n]..into[n + 1]]`.
    into: Vec<usize>,
    /// An `order` or an `after`/`before`: the node it puts no later than the arc's head.
    /// Relations on a circle are left out: they say nothing about which came first.
    incoming: Vec<(NodeId, Constraint)>,
}

/// Scratch space for walking a [`Precedence`] backwards, reused from one walk to the next.
pub struct Walk {
    /// The walk in which each node was last reached.
    reached: Vec<u32>,
    /// How each reached node leads on towards the walk's start.
    next: Vec<Option<(NodeId, Constraint)>>,
    walk: u32,
    queue: std::collections::VecDeque<NodeId>,
}

impl Precedence {
    fn new(events: usize, nodes: usize, relations: Vec<(NodeId, NodeId, Constraint)>) -> Precedence {
        let mut into = vec![0; nodes + 1];
        for &(_, to, _) in &relations {
            into[to + 1] += 1;
        }
        for n in 0..nodes {
            into[n + 1] += into[n];
        }
        let mut next = into.clone();
        let mut incoming = vec![(ORIGIN, Constraint::Period { target: Target::Event(0) }); relations.len()];
        for (from, to, constraint) in relations {
            incoming[next[to]] = (from, constraint);
            next[to] += 1;
        }
        Precedence { events, bounds: None, apart: None, into, incoming }
    }

    /// The number of nodes and relations, the size of one walk through them all.
    pub fn size(&self) -> usize {
        self.into.len() + self.incoming.len()
    }

    pub fn walker(&self) -> Walk {
        let nodes = self.into.len() - 1;
        Walk { reached: vec![0; nodes], next: vec![None; nodes], walk: 0, queue: Default::default() }
    }

    /// Walks back from `event` along the relations that put something no later than it, and
    /// calls `found` with every other event reached, nearest first (fewest relations). Each
    /// relation walked costs one unit of `budget`; the walk stops when it runs out,
    /// and then returns false.
    pub fn before(&self, walk: &mut Walk, event: EventId, budget: &mut usize, mut found: impl FnMut(EventId)) -> bool {
        walk.walk += 1;
        if walk.walk == u32::MAX {
            walk.reached.iter_mut().for_each(|r| *r = 0);
            walk.walk = 1;
        }
        let start = event_node(event);
        walk.queue.clear();
        walk.queue.push_back(start);
        walk.reached[start] = walk.walk;
        walk.next[start] = None;
        while let Some(node) = walk.queue.pop_front() {
            if node != start {
                if let Some(e) = node.checked_sub(1).filter(|&e| e < self.events) {
                    found(e);
                }
            }
            for &(earlier, constraint) in &self.incoming[self.into[node]..self.into[node + 1]] {
                if *budget == 0 {
                    return false;
                }
                *budget -= 1;
                if walk.reached[earlier] != walk.walk {
                    walk.reached[earlier] = walk.walk;
                    walk.next[earlier] = Some((node, constraint));
                    walk.queue.push_back(earlier);
                }
            }
        }
        true
    }

    /// The relations leading from `earlier` to the event the last walk started from, in
    /// order (`earlier` must have been reached by it).
    pub fn chain(&self, walk: &Walk, earlier: EventId) -> Vec<Constraint> {
        let mut chain = Vec::new();
        let mut at = event_node(earlier);
        while let Some((next, constraint)) = walk.next.get(at).copied().flatten() {
            if walk.reached[at] != walk.walk {
                break;
            }
            chain.push(constraint);
            at = next;
        }
        chain
    }
}

impl Schedule {
    pub fn build(model: &Model) -> Schedule {
        let mut builder = Builder::new(model);
        builder.constrain();
        let initial = builder.initial_labels();
        let Builder { network, moments, constraints, relations, .. } = builder;
        let nodes = network.node_count();
        let pairs: Vec<(NodeId, NodeId)> = relations.iter().map(|r| (r.earlier, r.later)).collect();
        let every = cycles::components(nodes, &pairs);
        // The `first` check walks the relations that are on no circle at all.
        let needs_precedence = model.events.iter().any(|e| e.first.is_some() && !e.tags.is_empty());
        let mut on_circle = vec![false; if needs_precedence { constraints.len() } else { 0 }];
        let mut precedence = needs_precedence.then(|| {
            let mut kept = Vec::with_capacity(relations.len());
            for r in &relations {
                if every.on_circle(r.earlier, r.later) {
                    on_circle[r.index] = true;
                } else {
                    kept.push((r.earlier, r.later, r.constraint));
                }
            }
            Precedence::new(model.events.len(), nodes, kept)
        });
        drop(pairs);
        // Circles to report leave out the steps of `order` lines that name an id twice.
        let said: Vec<usize> = (0..relations.len()).filter(|&r| !relations[r].repeated).collect();
        let said_pairs: Vec<(NodeId, NodeId)> =
            said.iter().map(|&r| (relations[r].earlier, relations[r].later)).collect();
        let circling = if every.cyclic.contains(&true) { cycles::components(nodes, &said_pairs) } else { every };
        drop(said_pairs);
        // The constraints to blame (a smallest set of them that leaves the rest satisfiable),
        // each with a chain showing why.
        let prefer = |c: usize| preference(model, &constraints, c);
        let circle = |node: NodeId| Some(circling.of[node]).filter(|&c| circling.cyclic[c as usize]);
        let Blame { solver, mut blamed, complete } = blame(&network, ORIGIN, initial, prefer, &circle, MAX_VIOLATIONS);
        drop(network);
        if complete {
            // In the order written.
            blamed.sort_by_cached_key(|b| {
                let (_, file, start, c) = prefer(b.constraint);
                (file, start, c)
            });
        }
        // The relations of violations that are loops of relations alone (no date in them): the
        // circles left to report are those the other relations still make. A circle that is
        // such a violation, or shares a relation with one, is reported as that violation; one
        // beside it through the same events is not, nor is a circle whose relation a date
        // contradicts (mending the date leaves the circle).
        let blamed_relations: HashSet<usize> = blamed
            .iter()
            .filter(|b| b.cycle.iter().all(|&id| solver.arc(id).from != ORIGIN && solver.arc(id).to != ORIGIN))
            .flat_map(|b| b.cycle.iter().map(|&id| solver.arc(id).constraint))
            .collect();
        let mut violations = Vec::with_capacity(blamed.len());
        let steps_of = |cycle: &[ArcId]| -> Vec<Step> {
            cycle
                .iter()
                .map(|&id| {
                    let arc = solver.arc(id);
                    Step {
                        from: moments[arc.from],
                        to: moments[arc.to],
                        floor: arc.floor,
                        ceil: Some(arc.ceil),
                        constraint: constraints[arc.constraint],
                    }
                })
                .collect()
        };
        for Blamed { cycle, constraint, others } in blamed {
            let at = |cycle: &[ArcId]| cycle.iter().position(|&id| solver.arc(id).constraint == constraint);
            let mut violation = orient(model, steps_of(&cycle), at(&cycle));
            violation.others = others
                .iter()
                .map(|other| {
                    let Violation { mut steps, blamed, .. } = orient(model, steps_of(other), at(other));
                    if let Some(b) = blamed {
                        steps.remove(b);
                    }
                    steps
                })
                .collect();
            violations.push(violation);
        }
        if !complete {
            let derived = vec![None; model.events.len()];
            return Schedule { violations, circles: Vec::new(), derived, precedence };
        }
        let mut derived = vec![None; model.events.len()];
        if model.events.iter().any(|e| e.date.is_none()) || precedence.is_some() {
            let bounds = solver.bounds_from(ORIGIN);
            for (e, event) in model.events.iter().enumerate() {
                if let (None, (Some(lo), Some(hi))) = (&event.date, bounds[event_node(e)]) {
                    derived[e] = (lo <= hi).then(|| DateRange::new(saturate(lo), saturate(hi)));
                }
            }
            if let Some(precedence) = &mut precedence {
                precedence.bounds = Some((0..model.events.len()).map(|e| bounds[event_node(e)]).collect());
                if violations.is_empty() {
                    let arcs = (0..solver.arc_count()).map(|a| solver.arc(a));
                    let keep = |arc: &Arc| !on_circle[arc.constraint];
                    let apart = Apart::new(model.events.len(), solver.labels(), arcs, &constraints, keep);
                    precedence.apart = Some(apart);
                }
            }
        }
        let left: Vec<usize> = said.into_iter().filter(|&r| !blamed_relations.contains(&relations[r].index)).collect();
        let circling = match blamed_relations.is_empty() {
            true => circling,
            false => cycles::components(
                nodes,
                &left.iter().map(|&r| (relations[r].earlier, relations[r].later)).collect::<Vec<_>>(),
            ),
        };
        let circles = circles(model, &relations, &left, &circling, &moments);
        Schedule { violations, circles, derived, precedence }
    }
}

/// How constraints rank when several would do as well as the blamed one: dates before
/// relations (a relation is usually what a date is checked against), then the one written
/// later (later lines usually build on earlier ones); last, the constraint's index.
type Preference = (u8, FileId, u32, usize);

fn preference(model: &Model, constraints: &[Constraint], c: usize) -> Preference {
    let rank = match constraints[c] {
        Constraint::Date { .. } => 2,
        Constraint::Order { .. } | Constraint::Relative { .. } | Constraint::Lasting { .. } => 1,
        Constraint::Period { .. } => 0,
    };
    let loc = constraint_loc(model, constraints[c]);
    (rank, loc.file, loc.span.start, c)
}

/// Where a relation is written: an `order` step from one id to the next, or an event's
/// `after`/`before`.
fn relation_loc(model: &Model, constraint: Constraint) -> Loc {
    match constraint {
        Constraint::Order { order, from, to } => {
            let order = &model.orders[order];
            Loc { file: order.loc.file, span: order.ids[from].1.cover(order.ids[to].1) }
        }
        Constraint::Relative { event } => {
            let e = &model.events[event];
            Loc { file: e.loc.file, span: e.relative.as_ref().map_or(e.loc.span, |r| r.span) }
        }
        other => constraint_loc(model, other),
    }
}

/// The circles of the relations `said` lists, one per cyclic component of `circling` that
/// is not `reported` already; the first [`MAX_VIOLATIONS`] in the order their closing
/// relations are written.
fn circles(
    model: &Model,
    relations: &[Said],
    said: &[usize],
    circling: &Components,
    moments: &[Option<Moment>],
) -> Vec<Circle> {
    let mut members: Vec<(u32, Loc, usize)> = said
        .iter()
        .map(|&r| &relations[r])
        .zip(said)
        .filter(|(r, _)| circling.on_circle(r.earlier, r.later))
        .map(|(r, &index)| (circling.of[r.earlier], relation_loc(model, r.constraint), index))
        .collect();
    if members.is_empty() {
        return Vec::new();
    }
    members.sort_unstable();
    let mut local = vec![u32::MAX; moments.len()];
    let mut found: Vec<(Loc, Circle)> = Vec::new();
    for group in members.chunk_by(|a, b| a.0 == b.0) {
        let pairs: Vec<(NodeId, NodeId)> =
            group.iter().map(|&(_, _, r)| (relations[r].earlier, relations[r].later)).collect();
        let round = cycles::circle(&pairs, &mut local);
        let mut on_chain = vec![false; group.len()];
        round.iter().for_each(|&i| on_chain[i] = true);
        let link = |i: usize| {
            let r = &relations[group[i].2];
            Some(Link { earlier: moments[r.earlier]?, later: moments[r.later]?, constraint: r.constraint })
        };
        let chain: Vec<Link> = round.iter().filter_map(|&i| link(i)).collect();
        let others = (0..group.len()).filter(|&i| !on_chain[i]).map(|i| relations[group[i].2].constraint).collect();
        let closing = round.last().map_or(group[0].1, |&i| group[i].1);
        found.push((closing, Circle { chain, others }));
    }
    found.sort_by_key(|(closing, _)| *closing);
    found.truncate(MAX_VIOLATIONS);
    found.into_iter().map(|(_, circle)| circle).collect()
}

/// When each event starts: its written start, or the start derived for it (`true`).
pub fn event_starts(model: &Model) -> Vec<Option<(DateRange, bool)>> {
    if model.events.iter().all(|e| e.date.is_some()) {
        starts_with(model, &[])
    } else {
        starts_with(model, &Schedule::build(model).derived)
    }
}

/// [`event_starts`] with the derived starts of an already built [`Schedule`] (empty when every
/// event is dated, so that no schedule is needed).
pub fn starts_with(model: &Model, derived: &[Option<DateRange>]) -> Vec<Option<(DateRange, bool)>> {
    model
        .events
        .iter()
        .enumerate()
        .map(|(e, event)| match &event.date {
            Some(date) => Some((date.start, false)),
            None => derived.get(e).copied().flatten().map(|d| (d, true)),
        })
        .collect()
}

/// An event's start node (node 0 is day 0).
pub(crate) fn event_node(event: EventId) -> NodeId {
    event + 1
}

/// Where a constraint is written, to pick which end of a violated chain to blame.
fn constraint_loc(model: &Model, constraint: Constraint) -> Loc {
    match constraint {
        Constraint::Date { moment: Moment { target, .. }, .. } | Constraint::Period { target } => {
            model.target_loc(target)
        }
        Constraint::Order { order, .. } => model.orders[order].loc,
        Constraint::Relative { event } | Constraint::Lasting { event } => model.events[event].loc,
    }
}

/// Rotates and orients a negative cycle into an explainable [`Violation`] that ends at the
/// step blamed for it (`blamed`, its index in the cycle as found) when that is a date at either
/// end of the chain. A chain read from day 0 to day 0 may run forwards (ending at the last
/// date) or backwards (ending at the first); without a blamed date at an end, it ends at the
/// date written later, as later lines usually build on earlier ones. A loop of relations alone
/// starts at the blamed step (else at the one written last). The blamed step's index in the
/// oriented chain is kept, so that a blamed relation in mid-chain is what the finding names.
fn orient(model: &Model, mut steps: Vec<Step>, blamed: Option<usize>) -> Violation {
    let count = steps.len();
    let position = |step: &Step| {
        let loc = constraint_loc(model, step.constraint);
        (loc.file, loc.span.start)
    };
    let Some(start) = steps.iter().position(|s| s.from.is_none()) else {
        let latest = || (0..count).max_by_key(|&i| position(&steps[i])).unwrap_or(0);
        let first = blamed.unwrap_or_else(latest);
        steps.rotate_left(first);
        return Violation { steps, blamed: blamed.map(|_| 0), others: Vec::new() };
    };
    steps.rotate_left(start);
    let at = blamed.map(|b| (b + count - start) % count);
    let backwards = match at {
        Some(0) => true,
        Some(last) if last == count - 1 => false,
        _ => position(&steps[0]) > position(&steps[count - 1]),
    };
    if backwards {
        let steps = steps.into_iter().rev().map(Step::reversed).collect();
        Violation { steps, blamed: at.map(|b| count - 1 - b), others: Vec::new() }
    } else {
        Violation { steps, blamed: at, others: Vec::new() }
    }
}

struct Builder<'m> {
    model: &'m Model,
    network: Network,
    /// The moment each node stands for (`None` for day 0).
    moments: Vec<Option<Moment>>,
    constraints: Vec<Constraint>,
    /// The start nodes of claims and of blocks, made when an order or an anchor names them:
    /// few of them, so a table of those named rather than a slot for every claim (16 MB at a
    /// million claims).
    named: HashMap<Target, NodeId>,
    /// The latest day of each node's written date.
    latest: Vec<Option<i64>>,
    /// For nodes without a date, a node and offset whose label makes a good first guess.
    guess: Vec<Option<(NodeId, i64)>>,
    /// Each relation, for the circles and the `first` check.
    relations: Vec<Said>,
}

impl<'m> Builder<'m> {
    fn new(model: &'m Model) -> Self {
        let events = model.events.len();
        let mut moments = vec![None];
        moments.extend((0..events).map(|e| Some(Moment { target: Target::Event(e), point: Point::Start })));
        Builder {
            model,
            network: Network::new(events + 1),
            moments,
            constraints: Vec::new(),
            named: HashMap::default(),
            latest: vec![None; events + 1],
            guess: vec![None; events + 1],
            relations: Vec::new(),
        }
    }

    fn node(&mut self, moment: Moment) -> NodeId {
        let node = self.network.add_node();
        self.moments.push(Some(moment));
        self.latest.push(None);
        self.guess.push(None);
        node
    }

    fn require(&mut self, from: NodeId, to: NodeId, bounds: (Option<i64>, Option<i64>), constraint: Constraint) {
        self.network.require(from, to, bounds.0, bounds.1, self.constraints.len());
        self.constraints.push(constraint);
    }

    /// Requires `later − earlier` within `bounds`, and keeps the relation saying `earlier`
    /// happened before `later`.
    fn relate(
        &mut self,
        (earlier, later): (NodeId, NodeId),
        bounds: (Option<i64>, Option<i64>),
        constraint: Constraint,
        repeated: bool,
    ) {
        self.relations.push(Said { earlier, later, constraint, index: self.constraints.len(), repeated });
        self.require(earlier, later, bounds, constraint);
    }

    fn date(&mut self, node: NodeId, moment: Moment, range: DateRange) {
        let (first, last) = (i64::from(range.first), i64::from(range.last));
        self.require(ORIGIN, node, (Some(first), Some(last)), Constraint::Date { moment, range });
        self.latest[node] = Some(last);
    }

    /// A start node, with its date (and its period's end) constrained.
    fn dated(&mut self, start: NodeId, target: Target) -> Option<NodeId> {
        let (start_range, end_range) = self.model.target_date(target).map(|d| (d.start, d.end()))?;
        self.date(start, Moment { target, point: Point::Start }, start_range);
        let end_range = end_range?;
        let moment = Moment { target, point: Point::End };
        let end = self.node(moment);
        self.date(end, moment, end_range);
        self.require(start, end, (Some(0), None), Constraint::Period { target });
        Some(end)
    }

    /// The start node of what an id names (`target`), if it has a time.
    fn anchor(&mut self, target: Option<Target>) -> Option<NodeId> {
        let target = target?;
        match target {
            Target::Event(e) => return Some(event_node(e)),
            Target::Assert(_) => return None,
            Target::Claim(_) | Target::Block(_) => {}
        }
        if let Some(&node) = self.named.get(&target) {
            return Some(node);
        }
        let node = self.node(Moment { target, point: Point::Start });
        self.dated(node, target);
        self.named.insert(target, node);
        Some(node)
    }

    fn constrain(&mut self) {
        let model = self.model;
        for (e, event) in model.events.iter().enumerate() {
            let start = event_node(e);
            let end = event.date.as_ref().and_then(|_| self.dated(start, Target::Event(e)));
            if let Some(lasting) = &event.lasting {
                let end = end.unwrap_or_else(|| self.node(Moment { target: Target::Event(e), point: Point::End }));
                let bounds = (Some(lasting.min_days), Some(lasting.max_days));
                self.require(start, end, bounds, Constraint::Lasting { event: e });
                self.guess[end] = Some((start, lasting.max_days));
            }
        }
        for (e, event) in model.events.iter().enumerate() {
            let Some(relative) = &event.relative else { continue };
            let Some(anchor) = self.anchor(relative.anchor_target) else { continue };
            let this = event_node(e);
            let bounds = relative.offset.as_ref().map_or((Some(0), None), |d| (Some(d.min_days), Some(d.max_days)));
            let constraint = Constraint::Relative { event: e };
            match relative.relation {
                Relation::After => {
                    self.relate((anchor, this), bounds, constraint, false);
                    self.guess[this] = Some((anchor, bounds.1.unwrap_or(0)));
                }
                Relation::Before => {
                    self.relate((this, anchor), bounds, constraint, false);
                    self.guess[this] = Some((anchor, -bounds.0.unwrap_or(0)));
                }
            }
        }
        let mut named: HashSet<NodeId> = HashSet::default();
        for (o, order) in model.orders.iter().enumerate() {
            let mut previous: Option<(usize, NodeId)> = None;
            named.clear();
            for (index, &target) in order.targets.iter().enumerate() {
                let Some(node) = self.anchor(target) else { continue };
                let again = !named.insert(node);
                if let Some((from, earlier)) = previous {
                    let constraint = Constraint::Order { order: o, from, to: index };
                    self.relate((earlier, node), (Some(0), None), constraint, again);
                }
                previous = Some((index, node));
            }
        }
    }

    /// First labels for the search: each date's last day, and for an undated moment the
    /// label its anchor suggests. Labels that already satisfy most constraints keep the
    /// search short; any labels would be correct.
    fn initial_labels(&self) -> Vec<i64> {
        let n = self.latest.len();
        let late = self.latest.iter().flatten().copied().max().unwrap_or(0);
        let mut label: Vec<Option<i64>> = self.latest.clone();
        label[ORIGIN] = Some(0);
        let mut on_chain = vec![false; n];
        let mut chain = Vec::new();
        for node in 0..n {
            let mut at = node;
            while label[at].is_none() && !on_chain[at] {
                let Some((anchor, _)) = self.guess[at] else { break };
                on_chain[at] = true;
                chain.push(at);
                at = anchor;
            }
            let mut base = label[at].unwrap_or(late);
            while let Some(link) = chain.pop() {
                on_chain[link] = false;
                let offset = self.guess[link].map_or(0, |(_, offset)| offset);
                base = base.saturating_add(offset);
                label[link] = Some(base);
            }
            if label[node].is_none() {
                label[node] = Some(late);
            }
        }
        label.into_iter().map(|l| l.unwrap_or(late)).collect()
    }
}

#[cfg(test)]
#[path = "blame_tests.rs"]
mod blame_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::date::format_range;

    fn schedule(text: &str) -> (Model, Schedule) {
        let (tree, _) = crate::syntax::parse(FileId(0), text);
        let model = crate::model::build(&[crate::model::build::Parsed { file: FileId(0), text, tree: &tree }]);
        let schedule = Schedule::build(&model);
        (model, schedule)
    }

    fn blamed(model: &Model, violation: &Violation) -> Option<String> {
        match violation.steps.last()?.constraint {
            Constraint::Date { moment, .. } => Some(crate::timeline::explain::name(model, moment.target)),
            _ => None,
        }
    }

    #[test]
    fn the_date_written_later_is_blamed() {
        let (model, s) = schedule("a: 2005 event \"A\"\nb: 2001 event \"B\"\norder a < b\n");
        assert_eq!(blamed(&model, &s.violations[0]).as_deref(), Some("`b`"));
        let (model, s) = schedule("b: 2001 event \"B\"\na: 2005 event \"A\"\norder a < b\n");
        assert_eq!(blamed(&model, &s.violations[0]).as_deref(), Some("`a`"));
        // Read backwards, the chain still starts and ends at day 0 with the dates.
        assert!(s.violations[0].is_dated());
        assert_eq!(s.violations[0].steps.len(), 3);
    }

    #[test]
    fn claims_and_blocks_anchor_derived_dates() {
        let text = "measure m \"M\" unit %\nc: 2000-06 m = 5%\nb: 2010 shares m\n    A 40%\n\
                    x: event \"X\" after c by 2mo\ny: event \"Y\" before b by 1y\n";
        let (_, s) = schedule(text);
        assert!(s.violations.is_empty());
        let shown: Vec<String> = s.derived.iter().flatten().map(|r| format_range(r.first, r.last)).collect();
        assert_eq!(shown, ["2000-07-13…2000-09-16", "2008-06-30…2010-07-03"]);
    }

    #[test]
    fn a_derived_date_needs_bounds_on_both_sides() {
        // `b` is anchored to nothing, so `order` bounds it from below only; `c` hangs on `b`.
        let (_, s) = schedule(
            "a: 1990 event \"A\"\nb: event \"B\" after nowhere by 1y\nc: event \"C\" after b by 1y\n\
             d: event \"D\" after a by 1d\norder a < b\norder d < a\n",
        );
        assert_eq!(s.derived[1], None);
        assert_eq!(s.derived[2], None);
        assert_eq!(s.derived[3], Some(DateRange::year(1990)));
    }

    #[test]
    fn precedence_walks_back_along_relations() {
        let text = "a: 2000 event \"A\" first #t\nb: event \"B\" before a by 6mo\nc: 2000 event \"C\"\n\
                    d: 2001 event \"D\" after c\nmeasure m \"M\" unit USD\nx: 2000 m = 5 USD\norder c < x < a\n";
        let (model, s) = schedule(text);
        let precedence = s.precedence.as_ref().expect("a `first` event with a tag");
        let bounds = precedence.bounds.as_ref().expect("solved");
        // `a` is only bounded by its date; `b` comes 6mo (5.5–6.5) before it.
        assert_eq!(format_range(bounds[0].0.unwrap(), bounds[0].1.unwrap()), "2000");
        assert_eq!(format_range(bounds[1].0.unwrap(), bounds[1].1.unwrap()), "1999-06-15…2000-07-20");
        let mut walk = precedence.walker();
        let mut budget = 100;
        let mut found = Vec::new();
        assert!(precedence.before(&mut walk, 0, &mut budget, |e| found.push(e)));
        // `b` directly, `c` through the claim `x`; `d` comes after `c`, not before `a`.
        assert_eq!(found, [1, 2]);
        let chain: Vec<String> =
            precedence.chain(&walk, 2).into_iter().map(|c| crate::timeline::explain::sentence(&model, c)).collect();
        assert_eq!(chain, ["order `c` before `x`", "order `x` before `a`"]);
        // A budget too small to finish says so.
        let mut budget = 1;
        assert!(!precedence.before(&mut walk, 0, &mut budget, |_| {}));
        // Without a `first` event that has a tag, nothing is kept.
        let (_, s) = schedule("a: 2000 event \"A\" first\nb: event \"B\" before a by 6mo #t\n");
        assert!(s.precedence.is_none());
    }

    #[test]
    fn the_number_of_violations_is_bounded() {
        let text: String = (0..MAX_VIOLATIONS + 20)
            .map(|i| format!("a{i}: 2000 event \"A\"\nb{i}: 1990 event \"B\" after a{i}\n"))
            .collect();
        let (_, s) = schedule(&text);
        assert_eq!(s.violations.len(), MAX_VIOLATIONS);
    }
}
