//! How the block checks word their findings: the `shares-over-100` and `shares-incomplete`
//! errors on a `shares` line, and the `total-mismatch` error and `rounding` note on a total's
//! value, each labelling the members involved.

use super::notes::{self, amount, value_label};
use super::sums::Sum;
use crate::finding::{Finding, Label};
use crate::model::{Block, BlockId, Claim, Model};
use crate::registry;
use crate::value::number::int;

/// Drops the `rounding` notes a block's check added from `from` on when a contradiction among
/// several constraints takes the block in (the network check reports it): that the block
/// adds up within rounding would contradict the report that it cannot hold.
pub(crate) fn drop_contradicted_notes(ctx: &super::Context, block: BlockId, findings: &mut Vec<Finding>, from: usize) {
    let is_note = |f: &Finding| f.code() == registry::ROUNDING.code;
    if findings[from..].iter().any(is_note) && ctx.network().blocks.binary_search(&block).is_ok() {
        let mut at = 0;
        findings.retain(|f| {
            at += 1;
            at <= from || !is_note(f)
        });
    }
}

/// The `total-mismatch` error, on the total's value.
pub(crate) fn mismatch(model: &Model, subject: &str, total: &Claim) -> Finding {
    let label = value_label(total, format!("total {}", model.describe(total)));
    Finding::new(&registry::TOTAL_MISMATCH, format!("the parts of {subject} cannot add up to its total"), label)
}

/// The `rounding` note of a block whose parts meet the total only within rounding, labelling
/// the parts that are rounded.
pub(crate) fn within_rounding(model: &Model, subject: &str, total: &Claim, known: &[&Claim], help: String) -> Finding {
    notes::rounding(
        format!("the parts of {subject} add up to its total only within rounding"),
        value_label(total, format!("total {}", model.describe(total))),
        known.iter().filter(|c| c.value.widened).map(|c| value_label(c, notes::member_label(model, c))).collect(),
        help,
    )
}

/// The written parts alone exceed the total, and the `unknown` parts (`?`, or written in
/// another unit), amounts, cannot be negative to make up the difference.
pub(crate) fn unknown_below_zero(
    model: &Model,
    subject: &str,
    total: &Claim,
    (parts, unknown): (&[&Claim], &[&Claim]),
    sum: &str,
) -> Finding {
    let is_unknown = |c: &Claim| unknown.iter().any(|u| std::ptr::eq(*u, c));
    let known: Vec<&Claim> = parts.iter().copied().filter(|c| !is_unknown(c)).collect();
    let written = match known[..] {
        [one] => format!("{} alone is", model.describe(one)),
        _ => format!("{} sum to {sum},", notes::sum_of(model, known.iter().copied())),
    };
    let names = notes::listed_names(model, unknown);
    let would = if unknown.len() == 1 { "would have to be" } else { "would have to sum to" };
    let mut finding = mismatch(model, subject, total).with_help(format!(
        "{written} above the total {}: {names} {would} below 0, but parts of a total are never negative unless the block writes a negative value",
        model.describe(total)
    ));
    for part in parts {
        let below = if is_unknown(part) { " would be below 0" } else { "" };
        finding = finding.with_related(value_label(part, format!("{}{below}", notes::member_label(model, part))));
    }
    finding
}

/// A `shares` block's error: over 100 % (for any block) or short of 100 % (for a complete one).
pub(crate) fn shares_contradiction(
    model: &Model,
    block: &Block,
    members: &[&Claim],
    total: &Sum,
    subject: &str,
) -> Finding {
    let over = total.above(&int(100));
    let bound = total.bound(over, |iv| amount(iv, &int(1), Some("%")));
    let (rule, message, verdict, gap) = if over {
        (&registry::SHARES_OVER_100, "add up to more than 100%", "cannot exceed 100%", "would be below 0%")
    } else {
        let verdict = "marked `complete` must be able to reach 100%: add the missing member or drop `complete`";
        (&registry::SHARES_INCOMPLETE, "cannot add up to 100%", verdict, "cannot fill the gap")
    };
    let terms = notes::sum_of(model, members.iter().copied().filter(|c| !c.value.unknown));
    // A share written below 0 % is no share of the whole: the sums count it as 0 %.
    let negative = |c: &Claim| !c.value.unknown && Sum::of(c, false).below_zero();
    let counted = match members.iter().any(|c| negative(c)) {
        true => " (a share below 0% counts as 0%: no share of a whole is negative)",
        false => "",
    };
    let mut finding = Finding::new(
        rule,
        format!("the shares of {subject} {message}"),
        Label::new(block.loc.file, block.loc.span, format!("{bound} in all")),
    )
    .with_help(format!("{terms} sum to {bound}{counted}; shares of one whole {verdict}"));
    for member in members {
        let gap = if member.value.unknown {
            format!(" {gap}")
        } else if negative(member) {
            ", counted as 0%".to_string()
        } else {
            String::new()
        };
        finding = finding.with_related(value_label(member, format!("{}{gap}", notes::member_label(model, member))));
    }
    finding
}
