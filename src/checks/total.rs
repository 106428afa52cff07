//! `total-mismatch`: the parts of a `total` block must be able to add up to its total.
//! Parts and total are intervals, so the check asks whether the interval sum of the parts
//! meets the total's interval. Parts are amounts: a `?` part (or a `?` total) is at least 0,
//! unless something written in the block is negative, which makes the quantity signed and
//! leaves a `?` free (see [`unknown_in_total`], which the network reads too). A single `?`
//! part, or a `?` total, is derived from the rest and shown as a `derived` note; written
//! parts that already exceed the total, with nothing negative to offset them, are the error.

use super::notes::{self, amount, value_label};
use crate::engine::system::unknown_in_total;
use crate::finding::Finding;
use crate::model::{Block, BlockKind, Claim, ClaimId, Model};
use crate::registry::{self, Docs};
use crate::value::number::int;
use crate::value::Interval;

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
    for block in &model.blocks {
        let BlockKind::Total { total } = block.kind else { continue };
        // A part that did not parse may be any amount, even a negative one that makes the
        // block signed: no sum of the other parts can contradict the total, nor imply a `?`.
        if block.unparsed_member {
            continue;
        }
        if block.measure.is_some() && !clashing.contains(&total) && !block.members.iter().any(|m| clashing.contains(m))
        {
            check_block(model, block, total, &mut findings);
        }
    }
    findings
}

fn check_block(model: &Model, block: &Block, total_id: ClaimId, findings: &mut Vec<Finding>) {
    let total = &model.claims[total_id];
    let parts: Vec<&Claim> = block.members.iter().map(|&m| &model.claims[m]).collect();
    let known: Vec<&Claim> = parts.iter().copied().filter(|c| !c.value.unknown).collect();
    let unknown: Vec<&Claim> = parts.iter().copied().filter(|c| c.value.unknown).collect();
    let scale =
        [total].iter().chain(&known).find(|c| !c.value.unknown).map_or_else(|| int(1), |c| c.value.display_scale());
    let show = |iv: &Interval| amount(iv, &scale, notes::unit_of(model, total));
    // A `?` is at least 0 unless the block is signed (see `unknown_in_total`).
    let each_unknown = unknown_in_total(model, block);
    let never_negative = |iv: &Interval| match iv.intersect(&each_unknown) {
        Some(bounded) if bounded != *iv => (bounded, ", and an amount is never negative"),
        _ => (iv.clone(), ""),
    };
    let known_sum = notes::sum(known.iter().copied(), false);
    let subject = format!("{} for {}", total.subject(), block.date.text);
    if total.value.unknown {
        if unknown.is_empty() {
            let (implied, bounded) = never_negative(&known_sum);
            let because = format!("the sum {}{bounded}", notes::sum_of(known.iter().copied()));
            findings.push(notes::derived(total, &show(&implied), because));
        }
        return;
    }
    if unknown.is_empty() {
        findings.extend(check_written(&subject, total, &known, &show));
        return;
    }
    // Each `?` part adds what it may be: at least 0 in a block of amounts, anything when signed.
    let unknown_sum = unknown.iter().fold(Interval::point(int(0)), |acc, _| acc.add(&each_unknown));
    if known_sum.add(&unknown_sum).intersect(&total.value.interval).is_none() {
        findings.push(unknown_below_zero(&subject, total, &parts, &show(&known_sum)));
        return;
    }
    if let [part] = unknown[..] {
        let (implied, bounded) = never_negative(&total.value.interval.sub(&known_sum));
        let because =
            format!("the total {} minus the other parts' {}{bounded}", total.value.describe(), show(&known_sum));
        findings.push(notes::derived(part, &show(&implied), because));
    }
    let nominal_sum = notes::sum(known.iter().copied(), true);
    if nominal_sum.add(&unknown_sum).intersect(&total.value.nominal).is_none() {
        let names = notes::listed_names(&unknown);
        findings.push(within_rounding(&subject, total, &known, format!(
            "as written the other parts sum to {}, above the total {}, which would leave {names} below 0; within rounding they sum to {}, which leaves room",
            show(&nominal_sum),
            total.value.written,
            show(&known_sum)
        )));
    }
}

/// A block whose parts are all written: their sum must meet the total.
fn check_written(
    subject: &str,
    total: &Claim,
    known: &[&Claim],
    show: &dyn Fn(&Interval) -> String,
) -> Option<Finding> {
    let known_sum = notes::sum(known.iter().copied(), false);
    if known_sum.intersect(&total.value.interval).is_none() {
        let side = if known_sum.hi.as_ref().zip(total.value.interval.lo.as_ref()).is_some_and(|(s, t)| s < t) {
            "below"
        } else {
            "above"
        };
        let terms = notes::sum_of(known.iter().copied());
        let mut finding = mismatch(subject, total).with_help(format!(
            "{terms} sum to {}, {side} the total {}",
            show(&known_sum),
            total.value.describe()
        ));
        for part in known {
            finding = finding.with_related(value_label(part, notes::member_label(part)));
        }
        return Some(finding);
    }
    let nominal_sum = notes::sum(known.iter().copied(), true);
    nominal_sum.intersect(&total.value.nominal).is_none().then(|| {
        within_rounding(
            subject,
            total,
            known,
            format!(
                "as written the parts sum to {}, not {}; within rounding they sum to {}, which meets the total",
                show(&nominal_sum),
                total.value.written,
                show(&known_sum)
            ),
        )
    })
}

/// The `total-mismatch` error, on the total's value.
fn mismatch(subject: &str, total: &Claim) -> Finding {
    let label = value_label(total, format!("total {}", total.value.describe()));
    Finding::new(&registry::TOTAL_MISMATCH, format!("the parts of {subject} cannot add up to its total"), label)
}

/// The `rounding` note of a block whose parts meet the total only within rounding, labelling
/// the parts that are rounded.
fn within_rounding(subject: &str, total: &Claim, known: &[&Claim], help: String) -> Finding {
    notes::rounding(
        format!("the parts of {subject} add up to its total only within rounding"),
        value_label(total, format!("total {}", total.value.describe())),
        known.iter().filter(|c| c.value.widened).map(|c| value_label(c, notes::member_label(c))).collect(),
        help,
    )
}

/// The written parts alone exceed the total, and the `?` parts, amounts, cannot be negative
/// to make up the difference.
fn unknown_below_zero(subject: &str, total: &Claim, parts: &[&Claim], sum: &str) -> Finding {
    let known: Vec<&Claim> = parts.iter().copied().filter(|c| !c.value.unknown).collect();
    let unknown: Vec<&Claim> = parts.iter().copied().filter(|c| c.value.unknown).collect();
    let written = match known[..] {
        [one] => format!("{} alone is", one.value.describe()),
        _ => format!("{} sum to {sum},", notes::sum_of(known.iter().copied())),
    };
    let names = notes::listed_names(&unknown);
    let would = if unknown.len() == 1 { "would have to be" } else { "would have to sum to" };
    let mut finding = mismatch(subject, total).with_help(format!(
        "{written} above the total {}: {names} {would} below 0, but parts of a total are never negative unless the block writes a negative value",
        total.value.describe()
    ));
    for part in parts {
        let below = if part.value.unknown { " would be below 0" } else { "" };
        finding = finding.with_related(value_label(part, format!("{}{below}", notes::member_label(part))));
    }
    finding
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{codes, findings};

    fn block(head: &str, parts: &[&str]) -> String {
        let lines: Vec<String> = parts.iter().map(|m| format!("    {m}\n")).collect();
        format!("source s \"S\"\nmeasure trade \"Trade\" unit USD\n{head} [@s]\n{}", lines.concat())
    }

    #[test]
    fn one_unit_beyond_rounding_is_a_mismatch() {
        let found = findings(&block("2000 total trade = $10bn", &["exports $4.5bn", "imports $6.2bn"]));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code(), "total-mismatch");
        assert_eq!(found[0].related.len(), 2);
        assert_eq!(
            found[0].help.as_deref(),
            Some("$4.5bn (4.45–4.55) + $6.2bn (6.15–6.25) sum to $10.6–10.8bn, above the total $10bn (9.5–10.5)")
        );
    }

    #[test]
    fn a_part_that_did_not_parse_leaves_the_sum_open() {
        // Below the total; above it, where the broken part may be a negative one; a `?` total.
        assert_eq!(codes(&block("2000 total trade = $10bn", &["a $3bn", "b about $6bn"])), [("syntax", 5)]);
        assert_eq!(codes(&block("2000 total trade = $1bn", &["a $4bn", "b minus $3bn"])), [("syntax", 5)]);
        assert_eq!(codes(&block("2000 total trade = ?", &["a $1bn", "b n/a"])), [("syntax", 5)]);
    }

    #[test]
    fn an_unknown_part_is_never_negative() {
        let found = findings(&block("2002 total trade = $1.0bn", &["a $1.2bn", "b ?"]));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code(), "total-mismatch");
        assert_eq!(found[0].message, "the parts of trade for 2002 cannot add up to its total");
        assert_eq!(found[0].primary.message, "total $1.0bn (0.95–1.05)");
        let related: Vec<&str> = found[0].related.iter().map(|l| l.message.as_str()).collect();
        assert_eq!(related, ["a $1.2bn (1.15–1.25)", "b ? would be below 0"]);
        assert_eq!(
            found[0].help.as_deref(),
            Some("$1.2bn (1.15–1.25) alone is above the total $1.0bn (0.95–1.05): `b` would have to be below 0, but parts of a total are never negative unless the block writes a negative value")
        );
        // Several written parts, several unknowns.
        let found = findings(&block("2002 total trade = $1.0bn", &["a $0.6bn", "b ?", "c $0.6bn", "d ?"]));
        assert_eq!((found.len(), found[0].code(), found[0].related.len()), (1, "total-mismatch", 4));
        let help = found[0].help.as_deref().unwrap();
        assert!(
            help.starts_with("$0.6bn (0.55–0.65) + $0.6bn (0.55–0.65) sum to $1.1–1.3bn, above the total"),
            "{help}"
        );
        assert!(help.contains("`b` and `d` would have to sum to below 0"), "{help}");
    }
}
