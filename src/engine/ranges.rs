//! What the numbers of a contradiction are, exactly: the values the rest of a contradiction
//! leaves a quantity or a part of an assert, and the values the constraint it fails at needs
//! of it, each found by exact elimination over the contradiction's constraints and claims
//! ([`super::linear::project`]). Propagation finds the contradiction, but the intervals it
//! holds when one empties depend on the order it narrowed in (`a + b` is wider than the total
//! of `a` and `b` allows, and one constraint's own narrowing may be in them), so they say
//! nothing certain about what the claims allow.

use super::forms::node_form;
use super::linear::{project, Bounds, Row};
use super::propagate::{Relation, Var};
use super::system::{Contradiction, System};
use super::units::Unit;
use crate::model::Model;
use crate::source::Span;
use crate::value::number::Q;
use crate::value::Interval;
use num_traits::{One, Zero};

/// Rows the eliminations for one finding's help may make: a help is told for contradictions
/// of dozens of constraints, and past this it says less rather than hold up the run.
const BUDGET: usize = 10_000;

/// `Σ coefficient × quantity`, plus any value of `constant`.
#[derive(Clone, Debug)]
pub struct Linear {
    pub terms: Vec<(Var, Q)>,
    pub constant: Interval,
}

impl Linear {
    pub fn quantity(var: Var) -> Linear {
        Linear { terms: vec![(var, Q::one())], constant: Interval::point(Q::zero()) }
    }

    fn names(&self, var: Var) -> bool {
        self.terms.iter().any(|(v, _)| *v == var)
    }
}

/// What the rest of a contradiction leaves a form (`had`) and what the constraint it is
/// weighed against needs of it (`needed`), which never meet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ranges {
    pub had: Bounds,
    pub needed: Bounds,
}

/// A side of an assert that is compared with a constant: its form, where it is written and its unit.
pub struct ComparedSide {
    pub form: Linear,
    pub span: Span,
    pub unit: Unit,
}

impl System<'_> {
    /// The side of an assert that names quantities, when the other names none (`a + b` of
    /// `a + b > $12bn`) and it is linear.
    pub fn compared_side(&self, constraint: usize) -> Option<ComparedSide> {
        let Relation::Compare { assert, vars } = &self.constraints[constraint].relation else { return None };
        let form = |side: &super::expr::Side| node_form(side, side.nodes.len().checked_sub(1)?);
        let (lhs, rhs) = (form(&assert.lhs)?, form(&assert.rhs)?);
        let (form, side) = match (lhs.terms.is_empty(), rhs.terms.is_empty()) {
            (false, true) => (lhs, &assert.lhs),
            (true, false) => (rhs, &assert.rhs),
            _ => return None,
        };
        let terms = form.terms.into_iter().map(|(r, c)| (vars[r], c)).collect();
        Some(ComparedSide { form: Linear { terms, constant: form.constant }, span: side.span, unit: side.unit.clone() })
    }

    /// The form of the part of an assert written at `span`, if it is linear.
    pub fn part_form(&self, constraint: usize, span: Span) -> Option<Linear> {
        let Relation::Compare { assert, vars } = &self.constraints[constraint].relation else { return None };
        let (side, node) = [&assert.lhs, &assert.rhs]
            .into_iter()
            .find_map(|side| side.spans.iter().position(|s| *s == span).map(|node| (side, node)))?;
        let form = node_form(side, node)?;
        Some(Linear { terms: form.terms.into_iter().map(|(r, c)| (vars[r], c)).collect(), constant: form.constant })
    }

    /// What the rest of contradiction `c` leaves `form` (its other constraints and its claims),
    /// and what `constraint` needs of it (with the claims of the quantities `form` does not
    /// name), when both can be told exactly (the constraints are linear) and do not meet. The
    /// bound a sum holds a quantity within (a share is 0–100 %, a part of a total at least 0)
    /// holds on both sides, unless with it the sum needs no value at all: a part of a total
    /// that would have to be negative is told by what the sum needs without that bound.
    pub fn ranges(&self, model: &Model, c: &Contradiction, constraint: usize, form: &Linear) -> Option<Ranges> {
        let target = self.quantities.len();
        let mut target_rows = Vec::with_capacity(2);
        let terms = || form.terms.iter().map(|(v, k)| (*v, -k.clone())).chain([(target, Q::one())]);
        if let Some(hi) = &form.constant.hi {
            target_rows.push(Row::new(terms(), hi.clone(), false));
        }
        if let Some(lo) = &form.constant.lo {
            target_rows.push(Row::new(terms().map(|(v, k)| (v, -k)), -lo.clone(), false));
        }
        // The claims of the contradiction, as facts of the quantities its constraints name.
        let mut vars: Vec<Var> = c.constraints.iter().flat_map(|&i| self.constraints[i].relation.vars()).collect();
        vars.sort_unstable();
        vars.dedup();
        let mut claims = c.claims.clone();
        claims.sort_unstable();
        let stated: Vec<usize> = vars
            .iter()
            .flat_map(|&v| self.facts_of(v))
            .filter(|&f| claims.binary_search(&self.facts[f].0).is_ok())
            .collect();
        let single = match &form.terms[..] {
            [(var, k)]
                if k.is_one() && form.constant.lo.as_ref().is_some_and(Q::is_zero) && form.constant.is_point() =>
            {
                Some(*var)
            }
            _ => None,
        };
        let mut had_rows = target_rows.clone();
        let mut had_facts = stated.clone();
        for &other in c.constraints.iter().filter(|&&i| i != constraint) {
            let (rows, divisor) = self.rows(other, None)?;
            had_rows.extend(rows);
            had_facts.extend(divisor.iter().flat_map(|&v| self.facts_of(v)));
        }
        let (_, divisor) = self.rows(constraint, None)?;
        if let (Some(var), Relation::Sum(sum)) = (single, &self.constraints[constraint].relation) {
            let bound = sum.each.as_ref().filter(|_| sum.terms.iter().any(|t| t.var == var && t.bounded));
            had_rows.extend(bound.into_iter().flat_map(|each| Row::within(var, each)));
        }
        let mut needed_facts: Vec<usize> = stated.into_iter().filter(|&f| !form.names(self.facts[f].1.var)).collect();
        needed_facts.extend(divisor.iter().flat_map(|&v| self.facts_of(v)));
        let facts = |facts: &mut Vec<usize>| -> Vec<Row> {
            facts.sort_unstable();
            facts.dedup();
            let stated = |&f: &usize| {
                let (claim, fact) = &self.facts[f];
                Row::stated(fact.var, &fact.interval, model.claims[*claim].value.cmp)
            };
            facts.iter().flat_map(stated).collect()
        };
        had_rows.extend(facts(&mut had_facts));
        let needed_facts = facts(&mut needed_facts);
        let mut budget = BUDGET;
        let had = project(had_rows, target, &mut budget)?;
        // What the constraint needs of a part of a sum with its bound (a share is 0–100 %), or
        // where that leaves nothing (a part of a total that would have to be negative) without.
        let mut needed = |unbounded: Option<Var>| {
            let (rows, _) = self.rows(constraint, unbounded)?;
            project([&target_rows[..], &rows, &needed_facts].concat(), target, &mut budget)
        };
        let needed = needed(None).or_else(|| single.and_then(|var| needed(Some(var))))?;
        had.disjoint(&needed).then_some(Ranges { had, needed })
    }
}
