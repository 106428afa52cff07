//! The help of a network contradiction: the values the rest of the contradiction leaves a
//! quantity or a part of an assert, against what the constraint it fails at needs of it, both
//! exact and in the claims' units and scale (`engine::ranges`). Where they cannot be told
//! exactly (a product of quantities, a side whose need depends on what other constraints
//! allow), the help says only that no value satisfies them together: never a range that the
//! claims do not bear out.

use super::Reporter;
use crate::engine::propagate::Relation;
use crate::engine::ranges::{Linear, Ranges};
use crate::engine::system::Contradiction;
use crate::engine::units::{Shown, Unit};
use crate::source::Span;
use crate::value::number::Q;
use num_traits::{Signed, Zero};

impl Reporter<'_> {
    fn exactly(&self, c: &Contradiction, form: &Linear) -> Option<Ranges> {
        c.failing.and_then(|f| self.system.ranges(self.model, c, f, form))
    }

    /// What the failing constraint needs of quantity `var`, and what `rest` leave it.
    pub(super) fn quantity_help(&self, c: &Contradiction, var: usize, failing: &str, rest: &str) -> String {
        let (who, show) = (self.system.name(self.model, var), self.system.shown(self.model, var));
        let Some(Ranges { had, needed }) = self.exactly(c, &Linear::quantity(var)) else {
            return format!("no value of {who} satisfies {failing} and {rest} together");
        };
        // A part of a total of amounts that would have to be negative.
        let zero = Some((Q::zero(), false));
        let below_zero = had.lo == zero && needed.hi.as_ref().is_some_and(|(n, _)| n.is_negative());
        let leave = match (below_zero && self.system.amount_part(&c.constraints, var), &had.hi) {
            (true, None) => format!("{who} is a part of a total and never negative"),
            (true, Some(_)) => {
                format!("{who} is a part of a total and never negative, and {rest} leave it {}", show.bounds(&had))
            }
            (false, _) => format!("{rest} leave it {}", show.bounds(&had)),
        };
        format!("{failing} needs {who} to be {}, but {leave}", show.bounds(&needed))
    }

    /// What the rest leave the part of the failing assert written at `span`, and what the
    /// assert needs of it.
    pub(super) fn part_help(
        &self,
        c: &Contradiction,
        span: Span,
        unit: &Unit,
        part: &str,
        failing: &str,
        rest: &str,
    ) -> String {
        let show = match c.failing.map(|f| &self.system.constraints[f].relation) {
            Some(Relation::Compare { assert, .. }) => assert.shown_in(unit),
            _ => Shown::plain(unit),
        };
        let form = c.failing.and_then(|f| self.system.part_form(f, span));
        match form.and_then(|form| self.exactly(c, &form)) {
            Some(Ranges { had, needed }) => format!(
                "`{part}` can only be {}, but {failing} needs it to be {}",
                show.bounds(&had),
                show.bounds(&needed)
            ),
            None => format!("no value of `{part}` satisfies {failing} and {rest} together"),
        }
    }

    /// For a finding on an assert that compares one side with a constant (`a + b > $12bn`),
    /// what the rest leave that side and what the assert needs of it, whatever emptied when
    /// the contradiction was found.
    pub(super) fn compared(&self, c: &Contradiction, primary: usize) -> Option<String> {
        let side = self.system.compared_side(primary)?;
        let Relation::Compare { assert, .. } = &self.system.constraints[primary].relation else { return None };
        let Ranges { had, needed } = self.system.ranges(self.model, c, primary, &side.form)?;
        let (what, loc) = self.system.describe(self.model, self.sources, primary);
        let show = assert.shown_in(&side.unit);
        let written = self.written(loc, side.span);
        Some(format!(
            "`{written}` can only be {}, but {what} needs it to be {}",
            show.bounds(&had),
            show.bounds(&needed)
        ))
    }
}
