//! `shares-over-100` and `shares-incomplete`: the members of a `shares` block are parts of
//! one whole, in percent. Each lies in 0–100 %, their smallest possible sum may not exceed
//! 100 %, and a `complete` block must be able to reach exactly 100 % (a `> 50%` member lies
//! strictly above 50 %: see [`Sum`]). A `?` member is whatever the others leave: it gets a
//! `derived` note, and when nothing is left for it the block's error labels it too. A member
//! written in another unit (a `unit-mismatch`) is a share of unknown size, as one that did not
//! parse. A block that a contradiction among several constraints takes in (the network check)
//! gets no `rounding` note.

use super::block_findings::{drop_contradicted_notes, shares_contradiction};
use super::notes::{self, amount, value_label};
use super::sums::Sum;
use crate::finding::{Finding, Label};
use crate::model::{Block, BlockKind, Claim, Model};
use crate::registry::Docs;
use crate::value::number::int;
use crate::value::Interval;

pub static OVER_100: Docs = Docs {
    what: "The members of a `shares` block add up to more than 100 %, even taking each at the lowest value its rounding allows.",
    why: "Shares of one whole cannot exceed the whole: one of the figures is wrong, belongs to another year or another whole, or the shares overlap (a region counted inside a country).",
    example: "2000 shares trade-share [@kazstat]\n    China  45.8%\n    Russia 39.9%\n    EU     21.8%        ; 107.5% as written, at least 107.35% within rounding",
    fix: "Check each figure against the source; move shares of a different whole or year to a block of their own.",
};

pub static INCOMPLETE: Docs = Docs {
    what: "A `shares` block marked `complete` cannot reach 100 %: even at the highest values their rounding allows, its members add up to less. (A block whose smallest sum is above 100 % is reported as `shares-over-100`.)",
    why: "`complete` says the members cover the whole; a gap means a member is missing or a figure is wrong.",
    example: "late 1990s shares border-area complete [@pannier]\n    Kazakhstan 46.9%\n    China      43.1%   ; at most 90.1% in all",
    fix: "Add the missing member (or a `Other ?` member, whose share is then derived), correct the figure, or drop `complete`.",
};

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    let clashing = notes::clashing(model);
    let mut findings = Vec::new();
    for (id, block) in model.blocks.iter().enumerate() {
        let BlockKind::Shares { complete } = block.kind else { continue };
        // A measure in another unit is a `unit-mismatch`, declared or set by its first claim.
        let in_percent = block.measure.is_some_and(|m| model.measure_unit(m).is_none_or(|u| u == "%"));
        if in_percent {
            let members: Vec<&Claim> =
                block.members.iter().filter(|m| !clashing.contains(m)).map(|&m| &model.claims[m]).collect();
            let unsized_member = block.unparsed_member || members.len() < block.members.len();
            let from = findings.len();
            check_block(model, block, (&members, unsized_member), complete, &mut findings);
            drop_contradicted_notes(ctx, id, &mut findings, from);
        }
    }
    findings
}

/// Whether a sum fits the block: at most 100 %, and able to be exactly 100 % when complete.
fn fits(total: &Sum, complete: bool) -> bool {
    !total.above(&int(100)) && (!complete || !total.below(&int(100)))
}

/// Checks a block on its `members` in the block's unit; `unsized_member` when a member did not parse
/// or is in another unit.
fn check_block(
    model: &Model,
    block: &Block,
    (members, unsized_member): (&[&Claim], bool),
    complete: bool,
    findings: &mut Vec<Finding>,
) {
    let total = Sum::shares(members.iter().copied(), false);
    let subject = format!("{} for {}", block.measure_name, block.date.text);
    let hundred = int(100);
    let percent = |iv: &Interval| amount(iv, &int(1), Some("%"));
    // A member that did not parse is a share of unknown size, at least 0 %: only a sum that
    // already exceeds 100 % stays wrong whatever it is. Whether the block reaches 100 %, and
    // what its `?` members are left, depend on it.
    if !fits(&total, complete && !unsized_member) {
        findings.push(shares_contradiction(model, block, members, &total, &subject));
        return;
    }
    if unsized_member {
        return;
    }
    let nominal = Sum::shares(members.iter().copied(), true);
    let has_unknown = members.iter().any(|c| c.value.unknown);
    if !fits(&nominal, complete && !has_unknown) {
        findings.push(notes::rounding(
            format!("the shares of {subject} add up only within rounding"),
            Label::new(block.loc.file, block.loc.span, format!("{} as written", percent(&nominal.interval))),
            members.iter().filter(|c| c.value.widened).map(|c| value_label(c, notes::member_label(model, c))).collect(),
            format!(
                "as written they sum to {}, but within their rounding to {}, which {}",
                percent(&nominal.interval),
                percent(&total.interval),
                if complete && !has_unknown { "includes 100%" } else { "can stay within 100%" }
            ),
        ));
    }
    for member in members.iter().filter(|c| c.value.unknown) {
        // A `?` adds exactly 0–100 to the sum's bounds: taking that off leaves the others' sum.
        let others = Interval { lo: total.interval.lo.clone(), hi: total.interval.hi.as_ref().map(|hi| hi - &hundred) };
        let rest = Interval::point(hundred.clone()).sub(&others);
        let (rest, at_most) =
            if complete { (rest, "") } else { (Interval { lo: Some(int(0)), hi: rest.hi }, "at most ") };
        let Some(implied) = rest.intersect(&Sum::share(member, false).interval) else { continue };
        let because = format!("{at_most}100% minus the other members' {}", percent(&others));
        findings.push(notes::derived(model, member, &percent(&implied), because));
    }
}

#[cfg(test)]
#[path = "shares_tests.rs"]
mod tests;
