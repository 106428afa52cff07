//! Contradictions of a network that only exact linear reasoning finds (see [`super::linear`]):
//! after interval propagation has found what it can, the network's linear constraints and its
//! claims' intervals are decided together, each quantity one value and `>` strict. Each
//! contradiction is cut down to a minimal set of constraints and claims by leaving out, one at
//! a time, whatever the contradiction survives without.

use super::expr::{Compiled, Reading, Side};
use super::forms::linearise;
use super::linear::{self, decide, Decision, Row};
use super::propagate::{Emptied, Relation, Var};
use super::system::{assertion_reports, Contradiction, System};
use crate::model::Model;
use crate::syntax::ast::Cmp;
use crate::value::number::Q;
use crate::value::Interval;
use num_traits::One;
use rustc_hash::FxHashMap as HashMap;

impl System<'_> {
    /// The contradictions among `constraints` (one network, or what is left of it) that
    /// propagation did not find, at most `limit`; `domains` are the quantities' intervals
    /// propagation narrowed them to, when it found no contradiction.
    pub(super) fn jointly(
        &self,
        model: &Model,
        constraints: &[usize],
        domains: Option<&HashMap<Var, Interval>>,
        limit: usize,
    ) -> Vec<Contradiction> {
        if !self.may_hide(model, constraints, domains) {
            return Vec::new();
        }
        // An assert that contradicts its own claims is the assertion check's finding. With each
        // constraint, the facts that fix the sign of the divisor it is multiplied out by.
        let mut pinned: HashMap<usize, Vec<usize>> = HashMap::default();
        let mut live: Vec<(usize, Vec<Row>)> = Vec::new();
        for &c in constraints.iter().filter(|&&c| !self.alone_impossible(model, c)) {
            let Some((rows, divisor)) = self.rows(c, None) else { continue };
            pinned.insert(c, divisor.iter().flat_map(|&v| self.facts_of(v)).collect());
            live.push((c, rows));
        }
        let mut budget = linear::BUDGET;
        let mut found = Vec::new();
        while found.len() < limit {
            let mut facts: Vec<usize> =
                live.iter().flat_map(|(c, _)| self.vars(*c)).flat_map(|v| self.facts_of(v)).collect();
            facts.sort_unstable();
            facts.dedup();
            let impossible = |set: &[&(usize, Vec<Row>)], facts: &[usize], budget: &mut usize| {
                self.decide(model, set, facts, budget)
            };
            let all: Vec<&(usize, Vec<Row>)> = live.iter().collect();
            if impossible(&all, &facts, &mut budget) != Decision::Impossible {
                break;
            }
            let set = minimal(all, |set| impossible(set, &facts, &mut budget) == Decision::Impossible);
            let chosen: Vec<usize> = set.iter().map(|(c, _)| *c).collect();
            // The facts a ratio's divisor takes its sign from stay: without them, its rows would
            // not be the assert.
            let mut kept: Vec<usize> =
                chosen.iter().flat_map(|c| pinned.get(c).into_iter().flatten()).copied().collect();
            kept.sort_unstable();
            kept.dedup();
            let free: Vec<usize> = facts.into_iter().filter(|f| kept.binary_search(f).is_err()).collect();
            let free = minimal(free, |free| {
                impossible(&set, &[&kept[..], free].concat(), &mut budget) == Decision::Impossible
            });
            let mut facts = [kept, free].concat();
            facts.sort_unstable();
            // Claims that contradict one another alone are a `conflict`, not this network's.
            if chosen.is_empty() {
                break;
            }
            let contradiction = Contradiction {
                failing: chosen.first().copied(),
                constraints: chosen,
                claims: facts.iter().map(|&f| self.facts[f].0).collect(),
                emptied: Emptied::Jointly,
            };
            // Only the blamed constraint is set aside, as in propagation's search.
            let blamed = contradiction.blamed(self);
            live.retain(|(c, _)| *c != blamed);
            found.push(contradiction);
        }
        found
    }

    /// Whether propagation may have missed a contradiction: a relation names a quantity twice,
    /// the relations and their quantities go round in a circle, or a strict `>` or `<` (of an
    /// assert, or of a claim: `> 5`) may meet its bound. (Over a network without these,
    /// propagation narrows each quantity to exactly what the rest allow.) A strict comparison
    /// that holds with room to spare over the narrowed `domains` cannot matter: all values
    /// the rest allow satisfy it.
    fn may_hide(&self, model: &Model, constraints: &[usize], domains: Option<&HashMap<Var, Interval>>) -> bool {
        let domain = |var: Var| domains.and_then(|d| d.get(&var));
        let tight_fact = |f: usize| {
            let (claim, fact) = &self.facts[f];
            let (had, narrowed) = (&fact.interval, domain(fact.var));
            match model.claims[*claim].value.cmp {
                Cmp::Gt => narrowed.is_none_or(|d| !matches!((&d.lo, &had.lo), (Some(d), Some(h)) if d > h)),
                Cmp::Lt => narrowed.is_none_or(|d| !matches!((&d.hi, &had.hi), (Some(d), Some(h)) if d < h)),
                _ => false,
            }
        };
        if constraints.iter().flat_map(|&c| self.vars(c)).flat_map(|v| self.facts_of(v)).any(tight_fact) {
            return true;
        }
        let tight_compare = |assert: &Compiled, vars: &[Var]| {
            let Some(references) = vars.iter().map(|&v| domain(v).cloned()).collect::<Option<Vec<Interval>>>() else {
                return true;
            };
            let side = |side: &Side| side.evaluate(&references, Reading::Rounded).ok().and_then(|mut v| v.pop());
            match (assert.cmp, side(&assert.lhs), side(&assert.rhs)) {
                (Cmp::Gt, Some(l), Some(r)) => !matches!((&l.lo, &r.hi), (Some(l), Some(r)) if l > r),
                (Cmp::Lt, Some(l), Some(r)) => !matches!((&l.hi, &r.lo), (Some(l), Some(r)) if l < r),
                (Cmp::Gt | Cmp::Lt, _, _) => true,
                _ => false,
            }
        };
        // Union-find over quantities and relations: a link between two nodes already joined
        // closes a circle.
        let mut node_of: HashMap<usize, usize> = HashMap::default();
        let mut parent: Vec<usize> = (0..constraints.len()).collect();
        fn root(parent: &mut [usize], mut n: usize) -> usize {
            while parent[n] != n {
                parent[n] = parent[parent[n]];
                n = parent[n];
            }
            n
        }
        for (index, &c) in constraints.iter().enumerate() {
            let distinct = self.vars(c);
            if let Relation::Compare { assert, vars: named } = &self.constraints[c].relation {
                if distinct.len() < named.len() || tight_compare(assert, named) {
                    return true;
                }
            }
            for var in distinct {
                let node = *node_of.entry(var).or_insert_with(|| {
                    parent.push(parent.len());
                    parent.len() - 1
                });
                let (a, b) = (root(&mut parent, index), root(&mut parent, node));
                if a == b {
                    return true;
                }
                parent[a.max(b)] = a.min(b);
            }
        }
        false
    }

    fn vars(&self, constraint: usize) -> Vec<usize> {
        self.constraints[constraint].relation.vars()
    }

    /// Whether the constraint's own check reports it: an assert its check finds impossible (a
    /// block sums exactly, and propagation has reported it already).
    fn alone_impossible(&self, model: &Model, constraint: usize) -> bool {
        match &self.constraints[constraint].relation {
            Relation::Compare { assert, .. } => assertion_reports(model, assert),
            Relation::Sum(_) => false,
        }
    }

    /// The constraint as rows over the system's quantities, if it is linear (a ratio's divisor
    /// keeping one sign within its quantities' facts), and the quantities that divisor names.
    /// A sum holds each of its terms within its bounds, but for the quantity `unbounded`.
    pub(super) fn rows(&self, constraint: usize, unbounded: Option<Var>) -> Option<(Vec<Row>, Vec<Var>)> {
        match &self.constraints[constraint].relation {
            Relation::Sum(sum) => {
                let one = Q::one();
                let terms: Vec<(usize, Q)> =
                    sum.terms.iter().map(|t| (t.var, if t.negated { -one.clone() } else { one.clone() })).collect();
                let mut rows = Row::sum_within(&terms, &sum.sum);
                if let Some(each) = &sum.each {
                    let bounded = sum.terms.iter().filter(|t| t.bounded && Some(t.var) != unbounded);
                    rows.extend(bounded.flat_map(|t| Row::within(t.var, each)));
                }
                Some((rows, Vec::new()))
            }
            Relation::Compare { assert, vars } => {
                // What each quantity's facts allow together (a disputed one's: their hull).
                let bounds: Vec<Interval> = vars
                    .iter()
                    .map(|&v| {
                        let mut facts = self.facts[self.facts_of(v)].iter().map(|(_, f)| &f.interval);
                        facts
                            .try_fold(Interval::everything(), |all, f| all.intersect(f))
                            .unwrap_or_else(Interval::everything)
                    })
                    .collect();
                let linear = linearise(assert, &bounds)?;
                let rows = linear.rows.iter().map(|row| row.renumbered(vars)).collect();
                Some((rows, linear.divisor.iter().map(|&r| vars[r]).collect()))
            }
        }
    }

    fn decide(&self, model: &Model, set: &[&(usize, Vec<Row>)], facts: &[usize], budget: &mut usize) -> Decision {
        let rows = set.iter().flat_map(|(_, rows)| rows.iter().cloned());
        let bounds = facts.iter().flat_map(|&f| {
            let (claim, fact) = &self.facts[f];
            Row::stated(fact.var, &fact.interval, model.claims[*claim].value.cmp)
        });
        decide(rows.chain(bounds).collect(), budget)
    }
}

/// What is left of `items` after leaving out, one at a time, each item without which
/// `still` holds: a minimal subset for which it holds (a deletion filter).
fn minimal<T: Clone>(mut items: Vec<T>, mut still: impl FnMut(&[T]) -> bool) -> Vec<T> {
    let mut i = 0;
    while i < items.len() {
        let mut without = items.clone();
        without.remove(i);
        if still(&without) {
            items = without;
        } else {
            i += 1;
        }
    }
    items
}
