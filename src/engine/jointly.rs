//! Contradictions of a network that only exact linear reasoning finds (see [`super::linear`]):
//! after interval propagation has found what it can, the network's linear constraints and its
//! claims' intervals are decided together, each quantity one value and `>` strict. Each
//! contradiction is cut down to a minimal set of constraints and claims by leaving out, one at
//! a time, whatever the contradiction survives without.

use super::expr::{judge, Reading, Verdict};
use super::linear::{self, decide, Decision, Row};
use super::propagate::{Emptied, Relation};
use super::system::{Contradiction, System};
use crate::model::Model;
use crate::syntax::ast::Cmp;
use crate::value::number::Q;
use num_traits::One;
use rustc_hash::FxHashMap as HashMap;

impl System<'_> {
    /// The contradictions among `constraints` (one network, or what is left of it) that
    /// propagation did not find, at most `limit`.
    pub(super) fn jointly(
        &self,
        model: &Model,
        constraints: &[usize],
        facts_of: &[Vec<usize>],
        limit: usize,
    ) -> Vec<Contradiction> {
        if !self.may_hide(model, constraints, facts_of) {
            return Vec::new();
        }
        // An assert that contradicts its own claims is the assertion check's finding.
        let mut live: Vec<(usize, Vec<Row>)> = constraints
            .iter()
            .filter(|&&c| !self.alone_impossible(model, c))
            .filter_map(|&c| self.rows(c).map(|rows| (c, rows)))
            .collect();
        let mut budget = linear::BUDGET;
        let mut found = Vec::new();
        while found.len() < limit {
            let mut facts: Vec<usize> =
                live.iter().flat_map(|(c, _)| self.vars(*c)).flat_map(|v| &facts_of[v]).copied().collect();
            facts.sort_unstable();
            facts.dedup();
            let impossible = |set: &[&(usize, Vec<Row>)], facts: &[usize], budget: &mut usize| {
                self.decide(model, set, facts, budget)
            };
            let all: Vec<&(usize, Vec<Row>)> = live.iter().collect();
            if impossible(&all, &facts, &mut budget) != Decision::Impossible {
                break;
            }
            let mut set = all;
            let mut i = 0;
            while i < set.len() {
                let mut without = set.clone();
                without.remove(i);
                match impossible(&without, &facts, &mut budget) {
                    Decision::Impossible => set = without,
                    _ => i += 1,
                }
            }
            let mut i = 0;
            while i < facts.len() {
                let mut without = facts.clone();
                without.remove(i);
                match impossible(&set, &without, &mut budget) {
                    Decision::Impossible => facts = without,
                    _ => i += 1,
                }
            }
            let chosen: Vec<usize> = set.iter().map(|(c, _)| *c).collect();
            live.retain(|(c, _)| !chosen.contains(c));
            found.push(Contradiction {
                failing: chosen.first().copied(),
                constraints: chosen,
                claims: facts.iter().map(|&f| self.facts[f].0).collect(),
                emptied: Emptied::Jointly,
            });
        }
        found
    }

    /// Whether propagation may have missed a contradiction: a relation names a quantity twice
    /// or compares strictly, a claim states a value strictly (`> 5`), or the relations and
    /// their quantities go round in a circle. (Over a network without these, propagation
    /// narrows each quantity to exactly what the rest allow.)
    fn may_hide(&self, model: &Model, constraints: &[usize], facts_of: &[Vec<usize>]) -> bool {
        let strict = |f: &usize| matches!(model.claims[self.facts[*f].0].value.cmp, Cmp::Gt | Cmp::Lt);
        if constraints.iter().flat_map(|&c| self.vars(c)).flat_map(|v| &facts_of[v]).any(strict) {
            return true;
        }
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
                if matches!(assert.cmp, Cmp::Gt | Cmp::Lt) || distinct.len() < named.len() {
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

    /// Whether the constraint's own check reports it: an assert that cannot hold with the
    /// claims it names (a block sums exactly, and propagation has reported it already).
    fn alone_impossible(&self, model: &Model, constraint: usize) -> bool {
        match &self.constraints[constraint].relation {
            Relation::Compare { assert, .. } => {
                !matches!(judge(model, assert, Reading::Rounded), Verdict::Possible)
                    || linear::impossible_alone(model, assert)
            }
            Relation::Sum(_) => false,
        }
    }

    /// The constraint as rows over the system's quantities, if it is linear.
    fn rows(&self, constraint: usize) -> Option<Vec<Row>> {
        match &self.constraints[constraint].relation {
            Relation::Sum(sum) => {
                let one = Q::one();
                let terms: Vec<(usize, Q)> =
                    sum.terms.iter().map(|t| (t.var, if t.negated { -one.clone() } else { one.clone() })).collect();
                let mut rows = Row::sum_within(&terms, &sum.sum);
                if let Some(each) = &sum.each {
                    rows.extend(sum.terms.iter().filter(|t| t.bounded).flat_map(|t| Row::within(t.var, each)));
                }
                Some(rows)
            }
            Relation::Compare { assert, vars } => {
                Some(linear::assert_rows(assert)?.iter().map(|row| row.renumbered(vars)).collect())
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
