//! `total-mismatch`: the parts of a `total` block must be able to add up to its total.
//! Parts and total are intervals, so the check asks whether the interval sum of the parts
//! meets the total's interval. A single `?` part (or a `?` total) is derived from the rest
//! and shown as a `derived` note; parts are not assumed positive, so a `?` never fails.

use super::notes::{self, amount, value_label};
use crate::finding::Finding;
use crate::model::{Block, BlockKind, Claim, ClaimId, Model};
use crate::registry::{self, Docs};
use crate::value::number::int;
use crate::value::Interval;

pub static DOCS: Docs = Docs {
    what: "The parts of a `total` block cannot add up to the total: even within each value's rounding, the sum of the parts stays below or above the total.",
    why: "A total that its own parts contradict means a part is missing, counted twice, mistyped, or from another year.",
    example: "2000 total trade = $10bn [@xing]\n    exports $5bn\n    imports $6.2bn     ; the parts sum to $10.65–11.75bn",
    fix: "Check each part and the total against the source; add a missing part (a `?` part is derived from the total), or correct the mistyped value.",
};

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    let clashing = notes::clashing(model);
    let mut findings = Vec::new();
    for block in &model.blocks {
        let BlockKind::Total { total } = block.kind else { continue };
        if block.measure.is_some() && !clashing.contains(&total) && !block.members.iter().any(|m| clashing.contains(m))
        {
            check_block(model, block, total, &mut findings);
        }
    }
    findings
}

fn sum<'a>(parts: impl Iterator<Item = &'a &'a Claim>, nominal: bool) -> Interval {
    parts.fold(Interval::point(int(0)), |acc, c| acc.add(if nominal { &c.value.nominal } else { &c.value.interval }))
}

fn check_block(model: &Model, block: &Block, total_id: ClaimId, findings: &mut Vec<Finding>) {
    let total = &model.claims[total_id];
    let parts: Vec<&Claim> = block.members.iter().map(|&m| &model.claims[m]).collect();
    let known: Vec<&Claim> = parts.iter().copied().filter(|c| !c.value.unknown).collect();
    let unknown: Vec<&Claim> = parts.iter().copied().filter(|c| c.value.unknown).collect();
    let scale =
        [total].iter().chain(&known).find(|c| !c.value.unknown).map_or_else(|| int(1), |c| c.value.display_scale());
    let show = |iv: &Interval| amount(iv, &scale, notes::unit_of(model, total));
    let known_sum = sum(known.iter(), false);
    let subject = format!("{} for {}", total.subject(), block.date.text);
    let terms = || notes::sum_of(known.iter().copied());
    if total.value.unknown {
        if unknown.is_empty() {
            findings.push(notes::derived(total, &show(&known_sum), format!("the sum {}", terms())));
        }
        return;
    }
    if let [part] = unknown[..] {
        let implied = total.value.interval.sub(&known_sum);
        let because = format!("the total {} minus the other parts' {}", total.value.describe(), show(&known_sum));
        findings.push(notes::derived(part, &show(&implied), because));
    }
    if !unknown.is_empty() {
        return;
    }
    if known_sum.intersect(&total.value.interval).is_none() {
        let side = if known_sum.hi.as_ref().zip(total.value.interval.lo.as_ref()).is_some_and(|(s, t)| s < t) {
            "below"
        } else {
            "above"
        };
        let mut finding = Finding::new(
            &registry::TOTAL_MISMATCH,
            format!("the parts of {subject} cannot add up to its total"),
            value_label(total, format!("total {}", total.value.describe())),
        )
        .with_help(format!(
            "{} sum to {}, {side} the total {}",
            terms(),
            show(&known_sum),
            total.value.describe()
        ));
        for part in &known {
            finding = finding.with_related(value_label(part, notes::member_label(part)));
        }
        findings.push(finding);
        return;
    }
    let nominal_sum = sum(known.iter(), true);
    if nominal_sum.intersect(&total.value.nominal).is_none() {
        findings.push(notes::rounding(
            format!("the parts of {subject} add up to its total only within rounding"),
            value_label(total, format!("total {}", total.value.describe())),
            known.iter().filter(|c| c.value.widened).map(|c| value_label(c, notes::member_label(c))).collect(),
            format!(
                "as written the parts sum to {}, not {}; within rounding they sum to {}, which meets the total",
                show(&nominal_sum),
                total.value.written,
                show(&known_sum)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{codes, findings};

    fn block(head: &str, parts: &[&str]) -> String {
        let lines: Vec<String> = parts.iter().map(|m| format!("    {m}\n")).collect();
        format!("source s \"S\"\nmeasure trade \"Trade\" unit USD\n{head} [@s]\n{}", lines.concat())
    }

    #[test]
    fn parts_that_meet_the_total_pass() {
        assert!(codes(&block("2000 total trade = $10bn", &["exports $4bn", "imports $6bn"])).is_empty());
        // 4.5 + 6.1 = 10.6 as written; within rounding the parts reach 10.5, the total's top.
        assert_eq!(codes(&block("2000 total trade = $10bn", &["x $4.5bn", "y $6.1bn"])), vec![("rounding", 3)]);
        assert_eq!(codes(&block("2000 total trade ~ $10bn", &["x $5bn", "y $6bn"])), vec![("rounding", 3)]);
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
        assert_eq!(
            codes(&block("2000 total trade = 10 exact", &["a 3 exact", "b 6 exact"])),
            vec![("total-mismatch", 3)]
        );
        assert_eq!(codes(&block("2000 total trade > $20bn", &["a $5bn", "b $6bn"])), vec![("total-mismatch", 3)]);
    }

    #[test]
    fn unknowns_are_derived() {
        let found = findings(&block("2000 total trade = $10bn", &["exports $4bn", "imports ?"]));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code(), "derived");
        assert_eq!(found[0].message, "`imports` is implied to be $5–7bn");
        let found = findings(&block("2000 total trade = ?", &["exports $4bn", "imports $1,500m"]));
        assert_eq!(found[0].message, "`trade` is implied to be $4.9995–6.0005bn");
        assert!(codes(&block("2000 total trade = $10bn", &["a $4bn", "b ?", "c ?"])).is_empty());
    }
}
