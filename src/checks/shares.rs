//! `shares-over-100` and `shares-incomplete`: the members of a `shares` block are parts of
//! one whole, in percent. Each lies in 0–100 %, their smallest possible sum may not exceed
//! 100 %, and a `complete` block must be able to reach exactly 100 % (a `> 50%` member lies
//! strictly above 50 %: see [`Sum`]). A `?` member is whatever the others leave: it gets a
//! `derived` note, and when nothing is left for it the block's error labels it too.

use super::block_findings::shares_contradiction;
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
    for block in &model.blocks {
        let BlockKind::Shares { complete } = block.kind else { continue };
        // A measure in another unit is a `unit-mismatch`, declared or set by its first claim.
        let in_percent = block.measure.is_some_and(|m| model.measure_unit(m).is_none_or(|u| u == "%"));
        if in_percent && !block.members.iter().any(|m| clashing.contains(m)) {
            check_block(model, block, complete, &mut findings);
        }
    }
    findings
}

/// Whether a sum fits the block: at most 100 %, and able to be exactly 100 % when complete.
fn fits(total: &Sum, complete: bool) -> bool {
    !total.above(&int(100)) && (!complete || !total.below(&int(100)))
}

fn check_block(model: &Model, block: &Block, complete: bool, findings: &mut Vec<Finding>) {
    let members: Vec<&Claim> = block.members.iter().map(|&m| &model.claims[m]).collect();
    let total = Sum::shares(members.iter().copied(), false);
    let subject = format!("{} for {}", block.measure_name, block.date.text);
    let hundred = int(100);
    let percent = |iv: &Interval| amount(iv, &int(1), Some("%"));
    // A member that did not parse is a share of unknown size, at least 0 %: only a sum that
    // already exceeds 100 % stays wrong whatever it is. Whether the block reaches 100 %, and
    // what its `?` members are left, depend on it.
    if !fits(&total, complete && !block.unparsed_member) {
        findings.push(shares_contradiction(block, &members, &total, &subject));
        return;
    }
    if block.unparsed_member {
        return;
    }
    let nominal = Sum::shares(members.iter().copied(), true);
    let has_unknown = members.iter().any(|c| c.value.unknown);
    if !fits(&nominal, complete && !has_unknown) {
        findings.push(notes::rounding(
            format!("the shares of {subject} add up only within rounding"),
            Label::new(block.loc.file, block.loc.span, format!("{} as written", percent(&nominal.interval))),
            members.iter().filter(|c| c.value.widened).map(|c| value_label(c, notes::member_label(c))).collect(),
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
        findings.push(notes::derived(member, &percent(&implied), because));
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{codes, findings};
    use crate::finding::Finding;

    fn block(head: &str, members: &[&str]) -> String {
        let lines: Vec<String> = members.iter().map(|m| format!("    {m}\n")).collect();
        format!("source s \"S\"\nmeasure share \"Share\" unit %\n{head} [@s]\n{}", lines.concat())
    }

    /// The codes reported for a `complete` block (or an open one when `complete` is false).
    fn verdict(complete: bool, members: &[&str]) -> Vec<&'static str> {
        let head = if complete { "2000 shares share complete" } else { "2000 shares share" };
        codes(&block(head, members)).into_iter().map(|(code, _)| code).collect()
    }

    fn derived(members: &[&str]) -> Vec<Finding> {
        findings(&block("late 1990s shares share complete", members))
    }

    #[test]
    fn spec_blocks_and_thirds_are_valid() {
        assert!(verdict(false, &["China 5.8%", "Russia 29.9%", "EU 21.8%"]).is_empty());
        assert!(verdict(true, &["Kazakhstan 56.9%", "China 43.1%"]).is_empty());
        assert!(verdict(true, &["a 1/3", "b 1/3", "c 1/3"]).is_empty());
        // ~ 1/3 is 30–36.67: three of them reach 100, and as written they are exactly 100.
        assert!(verdict(true, &["a ~ 1/3", "b ~ 1/3", "c ~ 1/3"]).is_empty());
    }

    #[test]
    fn rounding_saves_but_is_noted() {
        // 33.3 × 3 is 99.9 as written, 99.75–100.05 within rounding.
        assert_eq!(verdict(true, &["a 33.3%", "b 33.3%", "c 33.3%"]), ["rounding"]);
        // 32.5–33.5 × 3 is 97.5–100.5: it contains 100.
        assert_eq!(verdict(true, &["a 33%", "b 33%", "c 33%"]), ["rounding"]);
        // 50.5 + 49.6 is 100.1 as written, at least 100.0 within rounding.
        assert_eq!(verdict(false, &["a 50.5%", "b 49.6%"]), ["rounding"]);
        // ~30% is 26.5–33.5 at the default 10% tolerance: three reach 100.
        assert_eq!(verdict(true, &["a ~30%", "b ~30%", "c ~30%"]), ["rounding"]);
    }

    #[test]
    fn one_unit_beyond_rounding_is_an_error() {
        // 33.2 × 3 is at most 99.75.
        let found = findings(&block("2000 shares share complete", &["a 33.2%", "b 33.2%", "c 33.2%"]));
        assert_eq!((found.len(), found[0].code(), found[0].related.len()), (1, "shares-incomplete", 3));
        assert!(found[0].help.as_deref().unwrap().contains("sum to at most 99.75%"), "{:?}", found[0].help);
        // 50.5 + 49.7 is at least 100.1.
        assert_eq!(verdict(false, &["a 50.5%", "b 49.7%"]), ["shares-over-100"]);
        // 1/3 + 1/3 + 1/4 is exactly 91.67; ~ widens the thirds to at most 98.33.
        assert_eq!(verdict(true, &["a 1/3", "b 1/3", "c 1/4"]), ["shares-incomplete"]);
        assert_eq!(verdict(true, &["a ~ 1/3", "b ~ 1/3", "c 1/4"]), ["shares-incomplete"]);
        let tight = format!("tolerance 5%\n{}", block("2000 shares share complete", &["a ~30%", "b ~30%", "c ~30%"]));
        assert_eq!(codes(&tight), vec![("shares-incomplete", 4)]);
    }

    #[test]
    fn an_excluded_bound_is_never_reached() {
        // Each share is strictly above (or below) 50%: the sum is strictly above (below) 100.
        let found = findings(&block("2000 shares share", &["A > 1/2", "B > 1/2"]));
        assert_eq!((found.len(), found[0].code()), (1, "shares-over-100"));
        assert!(found[0].help.as_deref().unwrap().contains("sum to more than 100%"), "{:?}", found[0].help);
        let short = findings(&block("2000 shares share complete", &["A < 1/2", "B 1/2"]));
        assert_eq!((short.len(), short[0].code()), (1, "shares-incomplete"));
        assert!(short[0].help.as_deref().unwrap().contains("sum to less than 100%"), "{:?}", short[0].help);
        // Touching a bound that is not excluded is fine; one reached only within rounding is noted.
        assert!(verdict(false, &["A >= 1/2", "B 1/2"]).is_empty());
        assert!(verdict(true, &["A <= 1/2", "B 1/2"]).is_empty());
        assert_eq!(verdict(false, &["A > 50%", "B 50%"]), ["rounding"]);
        // A bound below 0% that the whole cuts off is 0%, which a share may be.
        assert!(verdict(true, &["A > -5%", "B 100%"]).is_empty());
    }

    #[test]
    fn unknown_members_are_derived() {
        let found = derived(&["Kazakhstan 56.9%", "China ?"]);
        assert_eq!((found.len(), found[0].code()), (1, "derived"));
        assert_eq!(found[0].message, "`China` is implied to be 43.05–43.15%");
        let two = derived(&["Kazakhstan 56.9%", "China ?", "Other ?"]);
        assert_eq!(two[1].message, "`Other` is implied to be 0–43.15%");
        let open = findings(&block("2000 shares share", &["China 5.8%", "Other ?"]));
        assert_eq!(open[0].message, "`Other` is implied to be 0–94.25%");
    }

    #[test]
    fn a_member_that_did_not_parse_may_fill_a_gap_but_not_undo_an_excess() {
        assert_eq!(verdict(true, &["China 5.8%", "Russia 29.9%", "EU, UK 21.8%"]), ["syntax"]);
        // Nothing is derived for `Other`: the broken member takes an unknown part of the rest.
        assert_eq!(verdict(true, &["Kazakhstan 56.9%", "China ?", "Other n/a"]), ["syntax"]);
        assert_eq!(verdict(false, &["China 55%", "Russia 49.9%", "EU about 20%"]), ["shares-over-100", "syntax"]);
    }

    #[test]
    fn an_unknown_with_nothing_left_is_the_error() {
        let found = findings(&block("2000 shares share complete", &["a 60%", "b 45%", "c ?"]));
        assert_eq!((found.len(), found[0].code()), (1, "shares-over-100"));
        assert!(found[0].related[2].message.contains("c ? would be below 0%"));
    }
}
