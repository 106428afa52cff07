//! `total-mismatch`: the parts of a `total` block must be able to add up to its total.
//! Parts and total are intervals, so the check asks whether the interval sum of the parts
//! meets the total's interval. Parts are amounts: every part (or a `?` total) is at least 0,
//! even where a written `$0bn`'s rounding reaches below, unless something written in the block
//! is negative, which makes the quantity signed (see [`part_of_total`], which the network reads
//! too). Each `?` part, or a `?` total, is derived from the rest and shown as a `derived` note;
//! written parts that already exceed the total, with nothing negative to offset them, are the
//! error. A part written in another unit (a `unit-mismatch`) is an amount of unknown size, as
//! a `?` part, but derives nothing. A block that a contradiction among several constraints
//! takes in (the network check) gets no `rounding` note.
//! Parts that reach the total only at a bound that `>` or `<` excludes do not (see [`Sum`]).

use super::block_findings::{drop_contradicted_notes, mismatch, unknown_below_zero, within_rounding};
use super::notes::{self, amount, value_label};
use super::sums::Sum;
use crate::engine::system::part_of_total;
use crate::finding::Finding;
use crate::model::{Block, BlockKind, Claim, ClaimId, Model};
use crate::registry::Docs;
use crate::value::number::int;
use crate::value::Interval;
use num_traits::Signed;

pub static DOCS: Docs = Docs {
    what: "The parts of a `total` block cannot add up to the total: even within each value's rounding, the sum of the parts stays below or above the total. Parts are amounts, so a `?` part is at least 0: written parts that already exceed the total are a mismatch even with a `?` part left. When the total or a written part is negative, the quantity is signed and a `?` part may be negative too.",
    why: "A total that its own parts contradict means a part is missing, counted twice, mistyped, or from another year.",
    example: "2000 total trade = $10bn [@xing]\n    exports $5bn\n    imports $6.2bn     ; the parts sum to $10.65–11.75bn\n2001 total trade = $1.0bn [@xing]\n    exports $1.2bn\n    imports ?          ; would have to be below 0",
    fix: "Check each part and the total against the source; add a missing part (a `?` part is derived from the total), or correct the mistyped value. For a signed quantity (a balance, a net flow), write the negative part as a negative value.",
};

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    let clashing = notes::clashing(model);
    let mut findings = Vec::new();
    for (id, block) in model.blocks.iter().enumerate() {
        let BlockKind::Total { total } = block.kind else { continue };
        // A part that did not parse may be any amount, even a negative one that makes the
        // block signed: no sum of the other parts can contradict the total, nor imply a `?`.
        if !block.unparsed_member && block.measure.is_some() && !clashing.contains(&total) {
            let from = findings.len();
            check_block(model, block, (total, &|part| clashing.contains(&part)), &mut findings);
            drop_contradicted_notes(ctx, id, &mut findings, from);
        }
    }
    findings
}

/// The block's total, and which parts are written in another unit.
type Whole<'f> = (ClaimId, &'f dyn Fn(ClaimId) -> bool);

fn check_block(model: &Model, block: &Block, (total_id, foreign): Whole, findings: &mut Vec<Finding>) {
    let total = &model.claims[total_id];
    let claims = |ids: &mut dyn Iterator<Item = &ClaimId>| -> Vec<&Claim> { ids.map(|&m| &model.claims[m]).collect() };
    let parts = claims(&mut block.members.iter());
    // Parts of unknown size: `?`, and parts in another unit.
    let (unknown, known): (Vec<ClaimId>, Vec<ClaimId>) =
        block.members.iter().partition(|&&m| model.claims[m].value.unknown || foreign(m));
    let (known, unknown) = (claims(&mut known.iter()), claims(&mut unknown.iter()));
    let derives = !block.members.iter().any(|&m| foreign(m));
    let scale =
        [total].iter().chain(&known).find(|c| !c.value.unknown).map_or_else(|| int(1), |c| c.value.display_scale());
    let show = |iv: &Interval| amount(iv, &scale, notes::unit_of(model, total));
    // A part is at least 0 unless the block is signed (see `part_of_total`).
    let each = part_of_total(model, block);
    let never_negative = |iv: &Interval| match iv.intersect(&each) {
        Some(bounded) if bounded != *iv => (bounded, ", and an amount is never negative"),
        _ => (iv.clone(), ""),
    };
    let known_sum = Sum::parts(known.iter().copied(), false, &each);
    let subject = format!("{} for {}", model.subject(total), block.date.text);
    if total.value.unknown {
        if unknown.is_empty() {
            let (implied, bounded) = never_negative(&known_sum.interval);
            let because = format!("the sum {}{bounded}", notes::sum_of(model, known.iter().copied()));
            findings.push(notes::derived(model, total, &show(&implied), because));
        }
        return;
    }
    if unknown.is_empty() {
        findings.extend(check_written(model, &subject, total, &known, &each, &show));
        return;
    }
    // Each `?` part adds what it may be: at least 0 in a block of amounts, anything when signed.
    let unknown_sum = Sum::closed(unknown.iter().fold(Interval::point(int(0)), |acc, _| acc.add(&each)));
    if known_sum.add(&unknown_sum).apart(&Sum::of(total, false)) {
        findings.push(unknown_below_zero(model, &subject, total, (&parts, &unknown), &known_sum.shown(show)));
        return;
    }
    // Beside a part of another unit, the rest of the total is no value of this one.
    if !derives {
        return;
    }
    // Each `?` is the total minus the written parts and the other `?`s (each within `each`).
    let others_unknown = unknown.iter().skip(1).fold(Interval::point(int(0)), |acc, _| acc.add(&each));
    let rest = total.value.interval.sub(&known_sum.interval).sub(&others_unknown);
    let (implied, bounded) = never_negative(&rest);
    let at_most = if unknown.len() > 1 { "at most " } else { "" };
    let whole = model.describe(total);
    let because = match known[..] {
        [] => format!("{at_most}the total {whole}{bounded}"),
        _ if unknown.len() == 1 => {
            format!("the total {whole} minus the other parts' {}{bounded}", show(&known_sum.interval))
        }
        _ => format!("at most the total {whole} minus the written parts' {}{bounded}", show(&known_sum.interval)),
    };
    // Nothing beyond what a part may be anyway (a signed block, or a `>` total): no note.
    if implied != each {
        findings.extend(unknown.iter().map(|part| notes::derived(model, part, &show(&implied), because.clone())));
    }
    let nominal_sum = Sum::parts(known.iter().copied(), true, &each);
    if nominal_sum.add(&unknown_sum).apart(&Sum::of(total, true)) {
        let names = notes::listed_names(model, &unknown);
        findings.push(within_rounding(model, &subject, total, &known, format!(
            "as written the other parts sum to {}, above the total {}, which would leave {names} below 0; within rounding they sum to {}, which leaves room",
            show(&nominal_sum.interval),
            model.written(total),
            show(&known_sum.interval)
        )));
    }
}

/// A block whose parts are all written: their sum must meet the total.
fn check_written(
    model: &Model,
    subject: &str,
    total: &Claim,
    known: &[&Claim],
    each: &Interval,
    show: &dyn Fn(&Interval) -> String,
) -> Option<Finding> {
    let (known_sum, claimed) = (Sum::parts(known.iter().copied(), false, each), Sum::of(total, false));
    if known_sum.apart(&claimed) {
        let side = if known_sum.before(&claimed) { "below" } else { "above" };
        let terms = notes::sum_of(model, known.iter().copied());
        // A written `$0bn` reaches below 0 only by its rounding; the sum takes it from 0.
        let below_zero = known.iter().any(|c| c.value.interval.lo.as_ref().is_some_and(|lo| lo.is_negative()));
        let clipped = if below_zero && each.lo.is_some() { " (an amount is never negative)" } else { "" };
        let help = if known.is_empty() {
            format!(
                "the block lists no parts, so they sum to {}, {side} the total {}: write each part as an indented `ITEM VALUE` line under it, or the total as a plain claim",
                known_sum.shown(show),
                model.describe(total)
            )
        } else {
            format!("{terms} sum to {}{clipped}, {side} the total {}", known_sum.shown(show), model.describe(total))
        };
        let mut finding = mismatch(model, subject, total).with_help(help);
        for part in known {
            finding = finding.with_related(value_label(part, notes::member_label(model, part)));
        }
        return Some(finding);
    }
    let nominal_sum = Sum::parts(known.iter().copied(), true, each);
    nominal_sum.apart(&Sum::of(total, true)).then(|| {
        within_rounding(
            model,
            subject,
            total,
            known,
            format!(
                "as written the parts sum to {}, not {}; within rounding they sum to {}, which meets the total",
                show(&nominal_sum.interval),
                model.written(total),
                show(&known_sum.interval)
            ),
        )
    })
}

#[cfg(test)]
#[path = "total_tests.rs"]
mod tests;
