//! The `shares` check's findings.

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

#[test]
fn a_member_in_another_unit_is_a_share_of_unknown_size() {
    // 60 % and 45 % exceed 100 % whatever `b` is; it may fill a gap, so `complete` is not judged.
    assert_eq!(
        codes(&block("2000 shares share", &["a 60%", "b $50bn", "c 45%"])),
        [("shares-over-100", 3), ("unit-mismatch", 5)]
    );
    assert_eq!(codes(&block("2000 shares share complete", &["a 20%", "b $50bn", "c ?"])), [("unit-mismatch", 5)]);
}

#[test]
fn a_block_a_wider_contradiction_takes_in_gets_no_rounding_note() {
    let alone = block("2000 shares share", &["cn 50%", "ru 51%"]);
    assert_eq!(codes(&alone), [("rounding", 3)]);
    let text = format!("{alone}2000 share cn = 50.4% [@s]\n");
    let codes: Vec<(&str, usize)> = codes(&text).into_iter().filter(|c| c.1 == 3).collect();
    assert_eq!(codes, [("shares-over-100", 3)], "{text}");
}

#[test]
fn a_share_below_zero_makes_up_for_no_other() {
    assert_eq!(verdict(false, &["A 102%", "B -2%"]), ["shares-over-100"]);
    assert_eq!(verdict(false, &["A 70%", "B 32%", "C -2%"]), ["shares-over-100"]);
    assert_eq!(verdict(false, &["A < 0%", "B 100.6%"]), ["shares-over-100"]);
    let found = findings(&block("2000 shares share", &["A 102%", "B -2%"]));
    assert!(
        found[0].help.as_deref().is_some_and(|h| h.contains("a share below 0% counts as 0%")),
        "{:?}",
        found[0].help
    );
    assert!(verdict(false, &["A 99%", "B -2%"]).is_empty(), "a negative share is no excess");
}

#[test]
fn a_bare_fraction_in_a_measure_without_a_unit_reads_the_same_in_and_out_of_a_block() {
    let head = "source s \"S\"\nmeasure m \"M\"\n";
    let same = format!("{head}2000 shares m [@s]\n    A 1/2\n    B 1/2\n2000 m A = 1/2 [@s]\n");
    assert!(codes(&same).is_empty(), "{:?}", codes(&same));
    let down = format!("{head}1999 m A = 1/3 [@s]\n2000 shares m [@s]\n    A 1/4 up\n    B 1/4\n");
    assert_eq!(codes(&down).into_iter().map(|(code, _)| code).collect::<Vec<_>>(), ["trend"]);
}
