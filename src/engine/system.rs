//! The model's quantities and the constraints between them, split into connected
//! networks, and the contradictions those networks hold that no single check reports.
//!
//! A quantity is what a group of claims states: the same measure, item, written date and
//! unit (plans kept apart from facts), so a `?` member of a block, a claim of the same
//! item elsewhere and a `MEASURE@DATE` reference may all be one quantity. `?` claims and
//! `MEASURE@DATE` references add no fact: the quantity takes whatever the rest allows.

use super::explain::{explain, Explanation};
use super::expr::{claim_unit, judge, Compiled, Reading, Verdict};
use super::propagate::{propagate, Emptied, Fact, Net, Relation, Sum, Term, Var};
use super::units::Shown;
use crate::model::{AssertId, Block, BlockId, BlockKind, Claim, ClaimId, Loc, MeasureId, Model, WrittenDate};
use crate::source::{tight, SourceMap};
use crate::syntax::ast::Cmp;
use crate::value::date::Day;
use crate::value::interval::cmp_upper;
use crate::value::number::{int, Q};
use crate::value::Interval;
use num_traits::{Signed, Zero};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Contradictions reported per network, so that one broken network cannot flood a report.
const MAX_PER_NETWORK: usize = 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Shares { block: BlockId, complete: bool },
    Total { block: BlockId },
    Assert { assert: AssertId },
}

pub struct Constraint<'a> {
    pub origin: Origin,
    pub relation: Relation<'a>,
    /// The claims it names itself (block members and total, or the assert's references),
    /// sorted.
    pub direct: Vec<ClaimId>,
}

impl<'a> Constraint<'a> {
    fn new(origin: Origin, relation: Relation<'a>, mut direct: Vec<ClaimId>) -> Self {
        direct.sort_unstable();
        Constraint { origin, relation, direct }
    }

    /// Whether the constraint names this claim itself.
    pub fn names(&self, claim: ClaimId) -> bool {
        self.direct.binary_search(&claim).is_ok()
    }
}

pub struct System<'a> {
    /// Every claim stating each quantity.
    pub quantities: Quantities,
    /// The quantities whose claims conflict: their facts are the claims' hull (see `build`).
    disputed: Vec<bool>,
    /// The facts of each quantity in turn (see [`System::facts_of`]).
    pub facts: Vec<(ClaimId, Fact)>,
    fact_starts: Vec<usize>,
    pub constraints: Vec<Constraint<'a>>,
}

/// Whether the assertion check reports the assert by itself: impossible or dividing by zero
/// over its claims' intervals, or impossible by exact reasoning when they allow it. An assert
/// whose claims leave a name no value (claims in conflict) is undecided there, and left to
/// the network, which reads the conflicting claims' hull.
pub(crate) fn assertion_reports(model: &Model, assert: &Compiled) -> bool {
    match judge(model, assert, Reading::Rounded) {
        Verdict::Impossible(_) | Verdict::ZeroDivisor { .. } => true,
        Verdict::Possible => super::linear::impossible_alone(model, assert),
        Verdict::Undecided => false,
    }
}

/// Whether two claims state one quantity (see [`Key`]): what the network takes as one value,
/// and so what an assert's own check must too.
pub(crate) fn same_quantity(model: &Model, a: ClaimId, b: ClaimId) -> bool {
    // Claims of measures no line declares are each their own (as in the network's grouping).
    let key = |c: ClaimId| Key { model, claim: &model.claims[c] };
    a == b || (model.claims[a].measure().is_some() && key(a) == key(b))
}

/// Whether a reference's claims state one quantity: a `MEASURE@DATE` of several plans (each
/// its own quantity) may be any of them, which neither the network nor exact reasoning takes.
pub(crate) fn one_quantity(model: &Model, claims: &[ClaimId]) -> bool {
    claims.iter().all(|&c| same_quantity(model, claims[0], c))
}

/// A contradiction among several constraints: a minimal set of constraints and claims that
/// cannot hold together (indices into the system), and what became empty.
#[derive(Clone, Debug)]
pub struct Contradiction {
    pub constraints: Vec<usize>,
    pub claims: Vec<ClaimId>,
    /// The constraint whose narrowing found the empty interval.
    pub failing: Option<usize>,
    /// With quantities numbered as in [`System::quantities`].
    pub emptied: Emptied,
}

impl Contradiction {
    /// The constraint the contradiction is blamed on, and its finding anchored on: an assert
    /// when one takes part, else a total, else a share block; of these, the one whose
    /// narrowing found the contradiction when it is of that kind, else the first. The search
    /// sets it aside to find the network's other contradictions (see
    /// [`System::contradictions`]).
    pub fn blamed(&self, system: &System) -> usize {
        let origin = |i: usize| system.constraints[i].origin;
        let first = |pick: fn(Origin) -> bool| {
            let failing = self.failing.filter(|&f| pick(origin(f)));
            failing.or_else(|| self.constraints.iter().copied().find(|&i| pick(origin(i))))
        };
        first(|o| matches!(o, Origin::Assert { .. }))
            .or_else(|| first(|o| matches!(o, Origin::Total { .. })))
            .or(self.failing)
            .or(self.constraints.first().copied())
            .unwrap_or_default()
    }
}

/// A claim seen as the quantity it states: the same measure, item, written date and unit,
/// plans apart from facts. It holds only the claim, so grouping a large model costs a
/// pointer per claim rather than a copy of each key.
#[derive(Clone, Copy)]
struct Key<'m> {
    model: &'m Model,
    claim: &'m Claim,
}

/// Measure, item, written date, a clashing unit, and for a plan its place: each plan is a
/// quantity of its own (a target raised from $10bn to $15bn is two plans, both consistent).
type KeyFields<'m> = (Option<MeasureId>, Option<&'m str>, WrittenDate, Option<&'m str>, Option<Loc>);

impl<'m> Key<'m> {
    fn fields(&self) -> KeyFields<'m> {
        let c = self.claim;
        let declared = c.measure().and_then(|m| self.model.measures[m].unit.as_deref());
        // A written unit other than the measure's (a clash): such claims are another quantity.
        let unit = c.value.unit.as_deref().filter(|&u| Some(u) != declared);
        (c.measure(), c.item.as_deref(), c.date.written(), unit, c.is_plan().then_some(c.loc))
    }
}

impl PartialEq for Key<'_> {
    fn eq(&self, other: &Self) -> bool {
        // A claim is nearly always looked up by the key it was tabled with: one comparison.
        std::ptr::eq(self.claim, other.claim) || self.fields() == other.fields()
    }
}

impl Eq for Key<'_> {}

impl std::hash::Hash for Key<'_> {
    /// Of the fields only the measure, item and days: equal keys hash alike all the same, and
    /// these are read without searching the date's text or the measure's unit, which
    /// keys that differ only there (rare) leave to `eq`.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let c = self.claim;
        (c.measure(), c.item.as_deref(), c.date.start, c.date.end()).hash(state);
    }
}

/// Every claim stating each quantity: the claims of all quantities in one table, each
/// quantity's after the previous one's (one allocation rather than one per quantity).
#[derive(Default)]
pub struct Quantities {
    claims: Vec<ClaimId>,
    /// Where each quantity's claims start in `claims`; the last entry is where they end.
    starts: Vec<usize>,
}

impl Quantities {
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Each quantity's claims, in order of their numbers.
    pub fn iter(&self) -> impl Iterator<Item = &[ClaimId]> + '_ {
        self.starts.windows(2).map(|w| &self.claims[w[0]..w[1]])
    }

    /// Numbers a new quantity stated by `claims`.
    fn push(&mut self, claims: &[ClaimId]) -> Var {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.claims.extend_from_slice(claims);
        self.starts.push(self.claims.len());
        self.len() - 1
    }
}

impl std::ops::Index<Var> for Quantities {
    type Output = [ClaimId];

    fn index(&self, var: Var) -> &[ClaimId] {
        &self.claims[self.starts[var]..self.starts[var + 1]]
    }
}

/// Numbers the quantities the constraints use. Only the keys of the claims that blocks and
/// asserts name are tabled (a few per constraint, not one per claim); one pass over the
/// claims of their measures then gathers every claim stating each.
struct Builder<'m> {
    model: &'m Model,
    /// Each named key's group.
    groups: HashMap<Key<'m>, usize>,
    /// The group of each claim a block or assert names, so that naming it again (and finding
    /// it among the claims) hashes no key.
    named: HashMap<ClaimId, usize>,
    /// The claims of every group in one table, each group's in model order, from
    /// `group_starts[group]` to `group_starts[group + 1]`.
    grouped: Vec<ClaimId>,
    group_starts: Vec<usize>,
    var_of_group: Vec<Option<Var>>,
    quantities: Quantities,
}

impl<'m> Builder<'m> {
    fn new(model: &'m Model, asserts: &[Option<Compiled>]) -> Builder<'m> {
        let named_by_blocks = model.blocks.iter().filter(|b| b.measure.is_some()).flat_map(|b| {
            let total = match b.kind {
                BlockKind::Total { total } => Some(total),
                BlockKind::Shares { .. } => None,
            };
            b.members.iter().copied().chain(total)
        });
        let named_by_asserts = asserts.iter().flatten().flat_map(|a| &a.references).map(|r| r.claims[0]);
        let named_by_all = named_by_blocks.chain(named_by_asserts);
        let capacity = named_by_all.clone().count();
        let mut groups: HashMap<Key, usize> = HashMap::with_capacity_and_hasher(capacity, Default::default());
        let mut named: HashMap<ClaimId, usize> = HashMap::with_capacity_and_hasher(capacity, Default::default());
        // The measure and days of each named key, read from the claims' own fields: a claim
        // matching none of them is of no named quantity, as a key holds its measure and its
        // date's days (`Key::fields`), and the rest of its key (read from its date's text and
        // its names) is neither read nor hashed. At a million claims those reads missed the cache.
        let days = |c: &Claim| (c.measure(), c.date.start, c.date.end());
        let mut named_days: HashSet<_> = HashSet::with_capacity_and_hasher(capacity, Default::default());
        // Claims of undeclared measures (an `unknown-measure` each) stay quantities of their own.
        // Of each measure named, the first and last day its named dates start on.
        let mut used: Vec<Option<(Day, Day)>> = vec![None; model.measures.len()];
        for claim in named_by_all {
            let c = &model.claims[claim];
            let Some(measure) = c.measure() else { continue };
            if named.contains_key(&claim) {
                continue;
            }
            let day = c.date.start.first;
            used[measure] = Some(used[measure].map_or((day, day), |(from, to)| (from.min(day), to.max(day))));
            let next = groups.len();
            named.insert(claim, *groups.entry(Key { model, claim: c }).or_insert(next));
            named_days.insert(days(c));
        }
        // Most claims start outside the days their measure is named at: no key is hashed for them.
        let near = |c: &Claim| {
            let day = c.date.start.first;
            c.measure().and_then(|m| used[m]).is_some_and(|(from, to)| from <= day && day <= to)
        };
        let mut found: Vec<(usize, ClaimId)> = Vec::with_capacity(named.len());
        for (claim, c) in model.claims.iter().enumerate() {
            if near(c) && named_days.contains(&days(c)) {
                let group = named.get(&claim).or_else(|| groups.get(&Key { model, claim: c }));
                if let Some(&group) = group {
                    found.push((group, claim));
                }
            }
        }
        // Grouped by counting, each group's claims kept in model order.
        let mut group_starts = vec![0; groups.len() + 1];
        for &(group, _) in &found {
            group_starts[group + 1] += 1;
        }
        for group in 0..groups.len() {
            group_starts[group + 1] += group_starts[group];
        }
        let mut next = group_starts.clone();
        let mut grouped = vec![0; found.len()];
        for (group, claim) in found {
            grouped[next[group]] = claim;
            next[group] += 1;
        }
        let var_of_group = vec![None; groups.len()];
        Builder { model, groups, named, grouped, group_starts, var_of_group, quantities: Quantities::default() }
    }

    fn var(&mut self, claim: ClaimId) -> Var {
        let c = &self.model.claims[claim];
        let key = || self.groups.get(&Key { model: self.model, claim: c });
        let group = c.measure().and_then(|_| self.named.get(&claim).or_else(key).copied());
        let Some(group) = group else {
            return self.quantities.push(&[claim]);
        };
        if let Some(var) = self.var_of_group[group] {
            return var;
        }
        let var = self.quantities.push(&self.grouped[self.group_starts[group]..self.group_starts[group + 1]]);
        self.var_of_group[group] = Some(var);
        var
    }
}

impl<'a> System<'a> {
    /// `asserts[i]` is the compiled `model.asserts[i]`, if it compiles.
    pub fn build(model: &'a Model, asserts: &'a [Option<Compiled>]) -> System<'a> {
        let mut b = Builder::new(model, asserts);
        let mut constraints = Vec::new();
        // A block with a value in another unit than its measure's is a `unit-mismatch`.
        let clashing: HashSet<ClaimId> = model.unit_clashes.iter().map(|c| c.claim).collect();
        for (index, block) in model.blocks.iter().enumerate() {
            let Some(measure) = block.measure else { continue };
            let total = match block.kind {
                BlockKind::Total { total } => Some(total),
                BlockKind::Shares { .. } => None,
            };
            if block.members.iter().chain(&total).any(|c| clashing.contains(c)) {
                continue;
            }
            let unit = |c: &ClaimId| claim_unit(model, *c);
            let (origin, terms, sum, each, direct) = match block.kind {
                BlockKind::Shares { complete } => {
                    let in_percent = |u: Option<&str>| u.is_none_or(|u| u == "%");
                    if !in_percent(model.measures[measure].unit.as_deref())
                        || !block.members.iter().all(|c| in_percent(unit(c)))
                    {
                        continue;
                    }
                    let term = |var| Term { var, negated: false, bounded: true };
                    // `?` members first: where a derived share is also claimed elsewhere, the
                    // explanation then says that share cannot be what the block leaves for it.
                    let mut terms = Vec::with_capacity(block.members.len());
                    terms.extend(derived_first(model, &block.members).map(|c| term(b.var(c))));
                    let whole = Interval::closed(int(0), int(100)).unwrap_or_else(Interval::everything);
                    // A member that did not parse takes an unknown share: the others may sum to less.
                    let complete = complete && !block.unparsed_member;
                    let sum = if complete { Interval::point(int(100)) } else { whole.clone() };
                    (Origin::Shares { block: index, complete }, terms, sum, Some(whole), block.members.clone())
                }
                BlockKind::Total { total } => {
                    // A part that did not parse may be any amount: the block ties nothing.
                    if block.unparsed_member || block.members.iter().any(|c| unit(c) != unit(&total)) {
                        continue;
                    }
                    // A part of a total of amounts is at least 0, as in the total check.
                    let each = part_of_total(model, block);
                    let bounded = |_: ClaimId| each.lo.is_some();
                    let mut terms = Vec::with_capacity(block.members.len() + 1);
                    terms.extend(derived_first(model, &block.members).map(|c| Term {
                        var: b.var(c),
                        negated: false,
                        bounded: bounded(c),
                    }));
                    terms.push(Term { var: b.var(total), negated: true, bounded: bounded(total) });
                    let direct = block.members.iter().copied().chain([total]).collect();
                    (Origin::Total { block: index }, terms, Interval::point(int(0)), Some(each), direct)
                }
            };
            let relation = Relation::Sum(Box::new(Sum { terms, sum, each }));
            constraints.push(Constraint::new(origin, relation, direct));
        }
        for (index, compiled) in asserts.iter().enumerate() {
            let Some(assert) = compiled else { continue };
            if !assert.references.iter().all(|r| one_quantity(model, &r.claims)) {
                continue;
            }
            let vars = assert.references.iter().map(|r| b.var(r.claims[0])).collect();
            let direct = assert.references.iter().flat_map(|r| r.claims.iter().copied()).collect();
            let relation = Relation::Compare { assert, vars };
            constraints.push(Constraint::new(Origin::Assert { assert: index }, relation, direct));
        }
        let mut facts: Vec<(ClaimId, Fact)> = Vec::with_capacity(b.quantities.claims.len());
        let mut disputed = vec![false; b.quantities.len()];
        // Each quantity's facts follow the previous one's: `fact_starts[var]` is where they start.
        let mut fact_starts = Vec::with_capacity(b.quantities.len() + 1);
        for (var, claims) in b.quantities.iter().enumerate() {
            let start = facts.len();
            fact_starts.push(start);
            let stated = claims.iter().filter(|&&c| !model.claims[c].value.unknown);
            facts.extend(stated.map(|&c| (c, Fact { var, interval: model.claims[c].value.interval.clone() })));
            // Claims of one quantity that disagree are a `conflict`. Whichever of them is right,
            // the quantity lies within their hull: the network goes on with its two bounds, each
            // from the claim that states it, so a contradiction that holds either way is found.
            if facts.len() - start >= 2 && !meet(model, &facts[start..]) {
                disputed[var] = true;
                let bounds = hull_bounds(model, var, &facts[start..]);
                facts.truncate(start);
                facts.extend(bounds);
            }
        }
        fact_starts.push(facts.len());
        System { quantities: b.quantities, disputed, facts, fact_starts, constraints }
    }

    /// The indices in [`System::facts`] of quantity `var`'s facts.
    pub fn facts_of(&self, var: Var) -> std::ops::Range<usize> {
        self.fact_starts[var]..self.fact_starts[var + 1]
    }

    /// Every contradiction that needs several constraints, or that one assert holds but its
    /// own check (interval evaluation) cannot see. After each, the search goes on without the
    /// constraint it is blamed on ([`Contradiction::blamed`]), so that every constraint the
    /// rest rule out has its own finding, and none is found twice.
    pub fn contradictions(&self, model: &Model) -> Vec<Contradiction> {
        self.contradictions_where(model, |_| true)
    }

    /// The asserts that take part in the contradictions `found` (those the network check
    /// reports under `assertion`), sorted.
    pub fn asserts_in(&self, found: &[Contradiction]) -> Vec<AssertId> {
        let of = |c: &usize| match self.constraints[*c].origin {
            Origin::Assert { assert } => Some(assert),
            _ => None,
        };
        let mut involved: Vec<AssertId> = found.iter().flat_map(|c| c.constraints.iter().filter_map(of)).collect();
        involved.sort_unstable();
        involved.dedup();
        involved
    }

    /// The blocks whose sums take part in any of these contradictions, sorted.
    pub fn blocks_in(&self, found: &[Contradiction]) -> Vec<BlockId> {
        let of = |c: &usize| match self.constraints[*c].origin {
            Origin::Shares { block, .. } | Origin::Total { block } => Some(block),
            Origin::Assert { .. } => None,
        };
        let mut involved: Vec<BlockId> = found.iter().flat_map(|c| c.constraints.iter().filter_map(of)).collect();
        involved.sort_unstable();
        involved.dedup();
        involved
    }

    /// The contradictions of the networks `wanted` accepts (each given its constraints).
    fn contradictions_where(&self, model: &Model, wanted: impl Fn(&[usize]) -> bool) -> Vec<Contradiction> {
        // What a constraint's own check sees: the claims it names, and for a disputed quantity
        // the claims' hull when it names a stated claim of it (its check judges that claim, a
        // narrower value, so the hull finds nothing it does not report itself). A `?` it
        // names is derived by its check without the claims outside it.
        let own = |c: usize, f: usize| {
            let ((claim, fact), constraint) = (&self.facts[f], &self.constraints[c]);
            constraint.names(*claim)
                || (self.disputed[fact.var]
                    && self.quantities[fact.var].iter().any(|&x| !model.claims[x].value.unknown && constraint.names(x)))
        };
        let aliased = |c: usize| {
            let vars = self.constraints[c].relation.vars();
            vars.iter().flat_map(|&v| self.facts_of(v)).any(|f| !own(c, f))
        };
        let mut found = Vec::new();
        let mut numbering = Numbering::new(self.quantities.len());
        // Every fact and relation of a network switched on (a network has at most all of them).
        let on = vec![true; self.facts.len().max(self.constraints.len())];
        for network in self.networks().into_iter().filter(|n| wanted(n)) {
            // A lone block with only its own claims is exactly what its own check sums.
            if let ([c], Relation::Sum(_)) = (&network[..], &self.constraints[network[0]].relation) {
                if !aliased(*c) {
                    continue;
                }
            }
            // Most networks hold: one propagation tells. Only a contradiction needs the rest.
            let whole = self.net(&network, &mut numbering, |_| true);
            if let Ok(narrowed) = propagate(&whole.net, &on[..whole.net.facts.len()], &on[..network.len()], &mut 0) {
                let domains: HashMap<Var, Interval> = whole.vars.iter().copied().zip(narrowed).collect();
                found.extend(self.jointly(model, &network, Some(&domains), MAX_PER_NETWORK));
                continue;
            }
            // Constraints that contradict their own claims are their own checks' findings
            // (or, for an assert its interval evaluation cannot see through, reported here);
            // the network goes on without them.
            let mut live = Vec::new();
            for &c in &network {
                // An assert its own check finds impossible (a strict `>` at a bound the claims
                // only touch, which closed intervals cannot see) is that check's finding.
                if matches!(self.constraints[c].relation, Relation::Compare { .. }) && self.reported_alone(model, c) {
                    continue;
                }
                let alone = self.net(&[c], &mut numbering, |f| own(c, f));
                if propagate(&alone.net, &on[..alone.net.facts.len()], &[true], &mut 0).is_ok() {
                    live.push(c);
                } else if !self.reported_alone(model, c) {
                    found.extend(alone.explain(self, &[0]));
                }
            }
            let whole = self.net(&live, &mut numbering, |_| true);
            let mut relations: Vec<usize> = (0..live.len()).collect();
            let mut reported = 0;
            while reported < MAX_PER_NETWORK {
                let Some(contradiction) = whole.explain(self, &relations) else { break };
                if contradiction.constraints.is_empty() {
                    break;
                }
                // Only the blamed constraint is set aside: the others may take part in
                // another contradiction, which must be reported too.
                let blamed = contradiction.blamed(self);
                relations.retain(|&r| whole.constraints[r] != blamed);
                found.push(contradiction);
                reported += 1;
            }
            let left: Vec<usize> = relations.iter().map(|&r| whole.constraints[r]).collect();
            found.extend(self.jointly(model, &left, None, MAX_PER_NETWORK - reported));
        }
        found
    }

    /// Whether a quantity is a part (or the total) of one of the totals among `constraints`,
    /// held at 0 or more there (see [`part_of_total`]).
    pub fn amount_part(&self, constraints: &[usize], var: Var) -> bool {
        constraints.iter().any(|&i| {
            let constraint = &self.constraints[i];
            match (&constraint.relation, constraint.origin) {
                (Relation::Sum(sum), Origin::Total { .. }) => sum.terms.iter().any(|t| t.var == var && t.bounded),
                _ => false,
            }
        })
    }

    /// A quantity's name for messages: `` `a` `` when a claim of it is labelled, else
    /// `` `trade-share China` for 2000 ``.
    pub fn name(&self, model: &Model, var: Var) -> String {
        name(model, &self.quantities[var])
    }

    /// How a quantity's values are written: the unit and scale of its first written claim,
    /// or of a written claim of its block (a `?` member has no scale of its own).
    pub fn shown(&self, model: &Model, var: Var) -> Shown {
        let claims = &self.quantities[var];
        let Some(&first) = claims.first() else { return Shown::new(None, int(1)) };
        let block = model.claims[first].block().map(|b| &model.blocks[b]);
        let block_claims = block.into_iter().flat_map(|b| {
            let total = match b.kind {
                BlockKind::Total { total } => Some(total),
                BlockKind::Shares { .. } => None,
            };
            b.members.iter().copied().chain(total)
        });
        let scale = claims
            .iter()
            .copied()
            .chain(block_claims)
            .find(|&c| !model.claims[c].value.unknown)
            .map_or_else(|| int(1), |c| model.claims[c].value.display_scale());
        Shown { factor: int(1), ..Shown::new(claim_unit(model, first), scale) }
    }

    /// What a constraint is, for messages (`the total block of `trade` for 2000`,
    /// `the assert `a = 2*b``), and where it is written.
    pub fn describe(&self, model: &Model, sources: &SourceMap, constraint: usize) -> (String, Loc) {
        let constraint = &self.constraints[constraint];
        match (constraint.origin, &constraint.relation) {
            (Origin::Shares { block, complete }, _) => {
                let b = &model.blocks[block];
                let kind = if complete { "complete shares" } else { "shares" };
                (format!("the {kind} block of `{}` for {}", b.measure_name, b.date.text), b.loc)
            }
            (Origin::Total { block }, _) => {
                let b = &model.blocks[block];
                let subject = match b.kind {
                    BlockKind::Total { total } => model.subject(&model.claims[total]),
                    BlockKind::Shares { .. } => b.measure_name.to_string(),
                };
                (format!("the total block of `{subject}` for {}", b.date.text), b.loc)
            }
            (Origin::Assert { assert }, relation) => {
                let loc = model.asserts[assert].loc;
                let span = match relation {
                    Relation::Compare { assert, .. } => assert.lhs.span.cover(assert.rhs.span),
                    Relation::Sum(_) => loc.span,
                };
                let written = tight(sources.get(loc.file).text.get(span.range()).unwrap_or("")).into_owned();
                (format!("the assert `{written}`"), loc)
            }
        }
    }

    /// Whether the constraint's own check reports its contradiction: a block check sums
    /// exactly; the assertion check evaluates each side once.
    fn reported_alone(&self, model: &Model, constraint: usize) -> bool {
        match &self.constraints[constraint].relation {
            Relation::Compare { assert, .. } => assertion_reports(model, assert),
            Relation::Sum(_) => true,
        }
    }

    /// Constraints grouped by the quantities they share (union-find), in model order.
    fn networks(&self) -> Vec<Vec<usize>> {
        let mut parent: Vec<Var> = (0..self.quantities.len()).collect();
        fn root(parent: &mut [Var], mut v: Var) -> Var {
            while parent[v] != v {
                parent[v] = parent[parent[v]];
                v = parent[v];
            }
            v
        }
        // A root is the least quantity of its network, whatever order the links come in.
        for constraint in &self.constraints {
            let mut vars = constraint.relation.named_vars();
            let Some(first) = vars.next() else { continue };
            for var in vars {
                let (a, b) = (root(&mut parent, first), root(&mut parent, var));
                parent[a.max(b)] = a.min(b);
            }
        }
        let mut networks: Vec<Vec<usize>> = Vec::new();
        let mut slot_of_root: Vec<usize> = vec![usize::MAX; self.quantities.len()];
        for (index, constraint) in self.constraints.iter().enumerate() {
            let Some(first) = constraint.relation.named_vars().next() else { continue };
            let slot = &mut slot_of_root[root(&mut parent, first)];
            if *slot == usize::MAX {
                *slot = networks.len();
                networks.push(Vec::new());
            }
            networks[*slot].push(index);
        }
        networks
    }

    /// A network of the given constraints, with their quantities numbered from 0 and the
    /// facts `keep` accepts.
    fn net(&self, constraints: &[usize], numbering: &mut Numbering, keep: impl Fn(usize) -> bool) -> Local<'a> {
        let mut vars = Vec::new();
        let mut relations = Vec::with_capacity(constraints.len());
        for &c in constraints {
            let mut renumber = |v: Var| numbering.number(v, &mut vars);
            relations.push(match &self.constraints[c].relation {
                Relation::Sum(sum) => Relation::Sum(Box::new(Sum {
                    terms: sum.terms.iter().map(|&t| Term { var: renumber(t.var), ..t }).collect(),
                    sum: sum.sum.clone(),
                    each: sum.each.clone(),
                })),
                Relation::Compare { assert, vars } => {
                    Relation::Compare { assert, vars: vars.iter().map(|v| renumber(*v)).collect() }
                }
            });
        }
        let facts: Vec<usize> = vars.iter().flat_map(|&v| self.facts_of(v)).filter(|&f| keep(f)).collect();
        let net_facts = facts
            .iter()
            .map(|&f| Fact { var: numbering.local(self.facts[f].1.var), interval: self.facts[f].1.interval.clone() });
        let net = Net { vars: vars.len(), facts: net_facts.collect(), relations };
        numbering.clear(&vars);
        Local { net, constraints: constraints.to_vec(), facts, vars }
    }
}

/// The local numbers of the quantities of the network being built (see [`System::net`]), in a
/// table over all the system's quantities that is reused from one network to the next.
struct Numbering(Vec<u32>);

impl Numbering {
    const NONE: u32 = u32::MAX;

    fn new(quantities: usize) -> Numbering {
        Numbering(vec![Self::NONE; quantities])
    }

    /// The local number of quantity `var`, which is `vars.len()` when `vars` does not hold it
    /// yet (it is pushed then).
    fn number(&mut self, var: Var, vars: &mut Vec<Var>) -> Var {
        if self.0[var] == Self::NONE {
            self.0[var] = u32::try_from(vars.len()).unwrap_or(Self::NONE);
            vars.push(var);
        }
        self.local(var)
    }

    fn local(&self, var: Var) -> Var {
        self.0[var] as Var
    }

    /// Forgets the numbers of `vars`, for the next network.
    fn clear(&mut self, vars: &[Var]) {
        for &var in vars {
            self.0[var] = Self::NONE;
        }
    }
}

/// Whether some value satisfies every claim of one quantity: their intervals meet, and not
/// only at a bound that `>` or `<` excludes (`> 5 exact` and `< 5 exact` share no value).
fn meet(model: &Model, stated: &[(ClaimId, Fact)]) -> bool {
    let Some(common) = stated.iter().try_fold(Interval::everything(), |acc, (_, f)| acc.intersect(&f.interval)) else {
        return false;
    };
    let Some(point) = common.is_point().then_some(common.lo).flatten() else { return true };
    !stated.iter().any(|(claim, f)| {
        let value = &model.claims[*claim].value;
        (value.excludes_lo() && f.interval.lo.as_ref() == Some(&point))
            || (value.excludes_hi() && f.interval.hi.as_ref() == Some(&point))
    })
}

/// The lowest lower bound and the highest upper bound of claims of quantity `var`, each as a
/// one-sided fact of the claim that states it (of two equal bounds, the one a `>` or `<` does
/// not exclude): what holds whichever claim is right. An unbounded side gives no fact.
fn hull_bounds(model: &Model, var: Var, stated: &[(ClaimId, Fact)]) -> Vec<(ClaimId, Fact)> {
    let value = |c: ClaimId| &model.claims[c].value;
    let lowest = stated.iter().min_by(|(a, x), (b, y)| {
        x.interval.lo.cmp(&y.interval.lo).then(value(*a).excludes_lo().cmp(&value(*b).excludes_lo()))
    });
    let highest = stated.iter().max_by(|(a, x), (b, y)| {
        cmp_upper(&x.interval.hi, &y.interval.hi).then(value(*b).excludes_hi().cmp(&value(*a).excludes_hi()))
    });
    let mut bounds = Vec::with_capacity(2);
    if let Some((claim, Fact { interval: Interval { lo: Some(lo), .. }, .. })) = lowest {
        bounds.push((*claim, Fact { var, interval: Interval { lo: Some(lo.clone()), hi: None } }));
    }
    if let Some((claim, Fact { interval: Interval { hi: Some(hi), .. }, .. })) = highest {
        bounds.push((*claim, Fact { var, interval: Interval { lo: None, hi: Some(hi.clone()) } }));
    }
    bounds
}

/// A block's members, the `?` ones first (otherwise in order).
fn derived_first<'m>(model: &'m Model, members: &'m [ClaimId]) -> impl Iterator<Item = ClaimId> + 'm {
    let derived = |c: &&ClaimId| model.claims[**c].value.unknown;
    members.iter().filter(derived).chain(members.iter().filter(move |c| !derived(c))).copied()
}

/// Whether propagation over the assert alone, with the claims it names, rules it out where
/// interval evaluation could not (`(a - b) / a > 70%` names `a` twice): the network check
/// reports it then (see [`System::contradictions`]), so the assertion check adds no note.
pub fn refuted_alone(model: &Model, compiled: &Compiled) -> bool {
    if !compiled.references.iter().all(|r| one_quantity(model, &r.claims)) {
        return false;
    }
    let (unknown_of, count) = super::linear::unknowns(model, compiled);
    let facts: Vec<Fact> = compiled
        .references
        .iter()
        .zip(&unknown_of)
        .flat_map(|(reference, &var)| reference.claims.iter().map(move |&c| (c, var)))
        .filter(|&(c, _)| !model.claims[c].value.unknown)
        .map(|(c, var)| Fact { var, interval: model.claims[c].value.interval.clone() })
        .collect();
    let on = vec![true; facts.len()];
    let net = Net { vars: count, facts, relations: vec![Relation::Compare { assert: compiled, vars: unknown_of }] };
    propagate(&net, &on, &[true], &mut 0).is_err()
}

/// Whether a value is written negative: a negative number (`$-0.3bn`, `-1..2`, `> -1`), a
/// minus sign even on zero (`-0.0%`: a signed quantity rounded to zero), or `< 0` and `<= 0`.
fn written_negative(model: &Model, claim: &Claim) -> bool {
    let value = &claim.value;
    let below = |bound: Option<&Q>| bound.is_some_and(Q::is_negative);
    let nominal = value.nominal.bounds();
    let at_most_zero = matches!(value.cmp, Cmp::Lt | Cmp::Le) && nominal.hi.is_some_and(Q::is_zero);
    let minus = model
        .written(claim)
        .trim_start_matches(|c: char| !c.is_ascii_digit() && c != '-' && c != '−')
        .starts_with(['-', '−']);
    !value.unknown && (below(nominal.lo) || below(nominal.hi) || at_most_zero || minus)
}

/// What a part or the total of a total block may be on its own: the parts of a total are
/// amounts, so at least 0 (a `?`, and a written `$0bn`, whose rounding reaches below 0),
/// unless something written in the block is negative (its total or a part): then the
/// quantity is signed and a `?` may be anything. The total check and the network both read
/// a block's parts through this.
pub fn part_of_total(model: &Model, block: &Block) -> Interval {
    let total = match block.kind {
        BlockKind::Total { total } => Some(total),
        BlockKind::Shares { .. } => None,
    };
    let signed = block.members.iter().chain(&total).any(|&c| written_negative(model, &model.claims[c]));
    if signed {
        Interval::everything()
    } else {
        Interval::at_least(int(0))
    }
}

/// `` `a` `` when one of the claims is labelled, else `` `trade-share China` for 2000 ``.
pub fn name(model: &Model, claims: &[ClaimId]) -> String {
    let labelled = claims.iter().find_map(|&c| model.claim_id(&model.claims[c]));
    match (labelled, claims.first().map(|&c| &model.claims[c])) {
        (Some(id), _) => format!("`{id}`"),
        (None, Some(claim)) => format!("`{}` for {}", model.subject(claim), claim.date.text),
        (None, None) => "a quantity".into(),
    }
}

/// A network numbered locally, with the system's numbers of its parts.
struct Local<'a> {
    net: Net<'a>,
    constraints: Vec<usize>,
    facts: Vec<usize>,
    vars: Vec<Var>,
}

impl Local<'_> {
    fn explain(&self, system: &System, relations: &[usize]) -> Option<Contradiction> {
        let facts: Vec<usize> = (0..self.net.facts.len()).collect();
        let e: Explanation = explain(&self.net, relations, &facts)?;
        let emptied = match e.clash.emptied {
            Emptied::Var { var, had, needed } => Emptied::Var { var: self.vars[var], had, needed },
            Emptied::Facts { var } => Emptied::Facts { var: self.vars[var] },
            other => other,
        };
        Some(Contradiction {
            constraints: e.relations.iter().map(|&r| self.constraints[r]).collect(),
            claims: e.facts.iter().map(|&f| system.facts[self.facts[f]].0).collect(),
            failing: e.clash.relation.map(|r| self.constraints[r]),
            emptied,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::expr::Resolver;
    use crate::source::{FileId, SourceFile};

    /// The contradictions of a file, as found.
    fn system_of(text: &str) -> Vec<Contradiction> {
        with_system(text, |_, model, system| system.contradictions(model))
    }

    /// The system of a file's asserts and blocks, handed to `inspect` with the file and model.
    fn with_system<R>(text: &str, inspect: impl FnOnce(&SourceMap, &crate::model::Model, &System) -> R) -> R {
        let file = FileId::default();
        let mut sources = SourceMap::default();
        sources.add(SourceFile::new("t.claims", text));
        let tree = crate::syntax::parse(file, text).0;
        let model = crate::model::build(&[crate::model::build::Parsed { file, text, tree: &tree }]);
        let resolver = Resolver::new(&model);
        let compiled: Vec<_> = model.asserts.iter().map(|a| resolver.compile(a, text).ok()).collect();
        inspect(&sources, &model, &System::build(&model, &compiled))
    }

    /// The 1-based line of a place in `text`.
    fn line_of(text: &str, loc: Loc) -> usize {
        text[..loc.span.start as usize].matches('\n').count() + 1
    }

    /// The contradictions of a file, as (constraint lines, claim lines).
    fn contradictions(text: &str) -> Vec<(Vec<usize>, Vec<usize>)> {
        with_system(text, |sources, model, system| {
            let line = |loc: Loc| line_of(text, loc);
            let found = system.contradictions(model);
            found
                .iter()
                .map(|c| {
                    let mut constraints: Vec<usize> =
                        c.constraints.iter().map(|&i| line(system.describe(model, sources, i).1)).collect();
                    let mut claims: Vec<usize> = c.claims.iter().map(|&i| line(model.claims[i].loc)).collect();
                    constraints.sort_unstable();
                    claims.sort_unstable();
                    (constraints, claims)
                })
                .collect()
        })
    }

    /// The lines of the constraints the contradictions of a file are blamed on, as found.
    fn blamed(text: &str) -> Vec<usize> {
        with_system(text, |sources, model, system| {
            let found = system.contradictions(model);
            found.iter().map(|c| line_of(text, system.describe(model, sources, c.blamed(system)).1)).collect()
        })
    }

    const HEAD: &str = "source s \"S\"\nmeasure m \"M\" unit USD\n";

    #[test]
    fn a_quantity_holds_exactly_the_claims_that_state_it() {
        // Keys hash only their measure, item and days: claims that differ in a `~`, a clashing
        // unit, being a plan, or only in a field the hash does not read still group apart.
        let claims = [
            "a: 2000 m X = $1bn",
            "b: 2000 m X = $1.1bn",
            "c: ~2000 m X = $1bn",
            "d: 2000 m X = $1bn target",
            "e: 2000 m X = $1.2bn target",
            "f: 2000 m X = 1bn EUR",
            "g: 2000 m Y = $1bn",
            "h: 2000 n X = $1bn",
            "i: 2000-01 m X = $1bn",
            "j: 2000..2001 m X = $1bn",
            "k: 2000..~2001 m X = $1bn",
            "l: 2000 m = $1bn",
            "o: 2000 m X = $0.9bn",
            "p: 2000..2001 m X = $1.3bn",
            "q: 2001 m X = $1bn",
        ];
        let mut text = format!("{HEAD}measure n \"N\" unit USD\n");
        for claim in claims {
            text.push_str(&format!("{claim} [@s]\n"));
        }
        // Every other claim named, so that each is a key of its own group (`b`, `o`, `p` are not).
        for id in ["a", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "q"] {
            text.push_str(&format!("assert {id} > 0 [@s]\n"));
        }
        with_system(&text, |_, model, system| {
            let var_of = |claim: ClaimId| (0..system.quantities.len()).find(|&v| system.quantities[v].contains(&claim));
            let named: Vec<ClaimId> = (0..system.quantities.len()).map(|v| system.quantities[v][0]).collect();
            assert!(named.len() >= 12, "{named:?}");
            for x in 0..model.claims.len() {
                for &y in &named {
                    let together = var_of(x).is_some() && var_of(x) == var_of(y);
                    assert_eq!(together, same_quantity(model, x, y), "claims {x} and {y}");
                }
            }
            for claims in system.quantities.iter() {
                assert!(claims.windows(2).all(|w| w[0] < w[1]), "{claims:?} in model order");
            }
        });
    }

    #[test]
    fn the_minimal_set_leaves_out_what_does_not_matter() {
        // Lines 3–6: a total (C's claim is not needed: as a part it is at least 0, which is
        // enough); 7: the claim of B; 8: the contradicting assert; 9–10: bystanders.
        let text = format!(
            "{HEAD}2000 total m = $30 [@s]\n    a: A ?\n    b: B ?\n    C $0.4\n2000 m B = $12 [@s]\nassert a = 2*b [@s]\nassert b < $100 [@s]\nd: 2000 m D = $3 [@s]\n"
        );
        assert_eq!(contradictions(&text), vec![(vec![3, 8], vec![3, 7])]);
    }

    #[test]
    fn slowly_converging_cycles_stop_and_still_find_contradictions() {
        // a = a/2 + c only at 2c, 1.9–2.1 (`$1.0` covers 0.95–1.05): narrowing halves the
        // distance each round. `$3.0` is at least 2.95.
        let cycle = format!("{HEAD}a: 2000 m A = 0..100 [@s]\nb: 2000 m B = 0..100 [@s]\nassert a = b / 2 + $1.0 [@s]\nassert b = a [@s]\n");
        assert!(contradictions(&cycle).is_empty());
        let above = format!("{cycle}assert a > $3.0 [@s]\n");
        assert_eq!(contradictions(&above).len(), 1);
    }

    #[test]
    fn each_contradiction_of_a_network_is_reported_once() {
        let text = format!(
            "{HEAD}2000 total m = $10 [@s]\n    a: A ?\n    b: B ?\nassert a = $8 [@s]\nassert b = $5 [@s]\nassert a + b = $13 [@s]\n"
        );
        // {total, a = 8, b = 5} and {total, a + b = 13} both contradict. The first one the
        // propagation meets is blamed on an assert, which is set aside; the total stays, and
        // the second is reported too. Neither is reported twice.
        let found = contradictions(&text);
        assert_eq!(found, vec![(vec![3, 6, 7], vec![3]), (vec![3, 8], vec![3])]);
    }

    #[test]
    fn each_assert_the_rest_rule_out_is_blamed_once() {
        // t < 2.0 rules out both t > 2.2 and t > 2.1: once the first contradiction is blamed
        // on t > 2.2, the search goes on without it and finds the second.
        let text = format!("{HEAD}t: 2000 m = $2bn [@s]\nassert t < $2.0bn exact [@s]\nassert t > $2.2bn exact [@s]\nassert t > $2.1bn exact [@s]\n");
        assert_eq!(contradictions(&text), vec![(vec![4, 5], vec![]), (vec![4, 6], vec![])]);
        assert_eq!(blamed(&text), vec![5, 6]);
        // Three asserts of which any two contradict: two findings, each blamed on its own assert.
        let three = format!("{HEAD}t: 2000 m = $2bn [@s]\nassert t * 2 = $4bn [@s]\nassert t * 2 = $4.6bn exact [@s]\nassert t * 2 = $5bn exact [@s]\n");
        assert_eq!(blamed(&three), vec![5, 6]);
    }

    #[test]
    fn a_question_mark_part_of_amounts_is_at_least_zero() {
        // `C` is claimed again below as $12: `B` would have to be −$2, and parts are amounts.
        let text = format!("{HEAD}2000 total m = $10 [@s]\n    B ?\n    C ?\n2000 m C = $12 [@s]\n");
        assert_eq!(contradictions(&text), vec![(vec![3], vec![3, 6])]);
        // A negative value written in the block makes the quantity signed: `B` may be −$2.
        let signed = format!("{HEAD}2000 total m = $10 [@s]\n    B ?\n    C ?\n    D $-1\n2000 m C = $12 [@s]\n");
        assert!(contradictions(&signed).is_empty());
        // A lone block is its own check's: the network leaves it to `total-mismatch`.
        assert!(contradictions(&format!("{HEAD}2000 total m = $10 [@s]\n    B ?\n    C $12\n")).is_empty());
    }

    #[test]
    fn dividing_by_a_derived_quantity_follows_its_interval() {
        // `b` is 0–0.1bn (an amount): a quotient by it is at least 10, never negative; that
        // takes no claim, only the total (`b` is an amount) and the assert.
        let text = format!("{HEAD}2000 total m = $1.0bn [@s]\n    a $1.0bn\n    b: B ?\n");
        assert!(contradictions(&format!("{text}assert $1bn / b > 10 [@s]\n")).is_empty());
        assert_eq!(contradictions(&format!("{text}assert $1bn / b < 0 [@s]\n")), vec![(vec![3, 6], vec![])]);
        // Signed, `b` is −0.15–0.15bn: the quotient is unbounded either way.
        let signed = format!("{HEAD}2000 total m = $1.0bn [@s]\n    a $1.5bn\n    c $-0.5bn\n    b: B ?\n");
        for assert in ["assert $1bn / b < 0 [@s]\n", "assert $1bn / b > 10 [@s]\n"] {
            assert!(contradictions(&format!("{signed}{assert}")).is_empty(), "{assert}");
        }
        // Exactly 0: no value is left for the quotient.
        let exact = format!("{HEAD}2000 total m = $1bn exact [@s]\n    a $1bn exact\n    b: B ?\n");
        let found = system_of(&format!("{exact}assert $1bn / b > 0 [@s]\n"));
        assert_eq!(found.len(), 1);
        assert!(matches!(found[0].emptied, Emptied::ZeroDivisor { .. }), "{found:?}");
    }

    #[test]
    fn what_a_question_mark_may_be_in_a_total() {
        let bound = |members: &str| {
            let text = format!("{HEAD}2000 total m = $10 [@s]\n{members}");
            let tree = crate::syntax::parse(FileId::default(), &text).0;
            let parsed = crate::model::build::Parsed { file: FileId::default(), text: &text, tree: &tree };
            let model = crate::model::build(&[parsed]);
            part_of_total(&model, &model.blocks[0])
        };
        assert_eq!(bound("    a $4\n    b ?\n"), Interval::at_least(int(0)));
        assert_eq!(bound("    a $0\n    b ?\n"), Interval::at_least(int(0)));
        assert_eq!(bound("    a < $4\n    b ?\n"), Interval::at_least(int(0)));
        for signed in ["    a $-4\n", "    a > $-4\n", "    a -4..4\n", "    a < $0\n", "    a <= $0\n", "    a ≤ 0\n"]
        {
            assert_eq!(bound(&format!("{signed}    b ?\n")), Interval::everything(), "{signed}");
        }
    }
}
