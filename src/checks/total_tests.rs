//! The `total` check's findings.

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
fn parts_that_reach_the_total_only_at_an_excluded_bound_do_not() {
    let total = "2000 total trade = $10bn exact";
    let verdict = |parts: &[&str]| codes(&block(total, parts)).into_iter().map(|(c, _)| c).collect::<Vec<_>>();
    assert_eq!(verdict(&["a > $5bn exact", "b $5bn exact"]), ["total-mismatch"]);
    assert_eq!(verdict(&["a < $5bn exact", "b < $5bn exact"]), ["total-mismatch"]);
    assert_eq!(verdict(&["a > $5bn exact", "b > $5bn exact", "c ?"]), ["total-mismatch"]);
    let above = block("2000 total trade > $10bn exact", &["a $5bn exact", "b $5bn exact"]);
    assert_eq!(codes(&above), [("total-mismatch", 3)]);
    let help = findings(&block(total, &["a > $5bn exact", "b $5bn exact"]))[0].help.clone().unwrap();
    assert!(help.contains("sum to more than $10bn, above the total $10bn exact"), "{help}");
    // Touching without an excluded bound adds up; within rounding, with a note.
    assert!(verdict(&["a >= $5bn exact", "b $5bn exact"]).is_empty());
    assert_eq!(verdict(&["a < $5bn exact", "b ?"]), ["derived"]);
    assert_eq!(verdict(&["a > $5bn", "b $5bn exact"]), ["rounding"]);
}

#[test]
fn a_part_that_did_not_parse_leaves_the_sum_open() {
    // Below the total; above it, where the broken part may be a negative one; a `?` total.
    assert_eq!(codes(&block("2000 total trade = $10bn", &["a $3bn", "b about $6bn"])), [("syntax", 5)]);
    assert_eq!(codes(&block("2000 total trade = $1bn", &["a $4bn", "b minus $3bn"])), [("syntax", 5)]);
    assert_eq!(codes(&block("2000 total trade = ?", &["a $1bn", "b n/a"])), [("syntax", 5)]);
}

#[test]
fn a_part_in_another_unit_is_an_amount_of_unknown_size() {
    // $12bn alone is above the total: the part in euros would have to be below 0.
    let over = block("2000 total trade = $10bn", &["a $12bn", "b 7bn EUR"]);
    assert_eq!(codes(&over), [("total-mismatch", 3), ("unit-mismatch", 5)]);
    let found = findings(&over);
    assert!(found[0].related.iter().any(|l| l.message.ends_with("would be below 0")), "{found:?}");
    // Below the total it may make up the rest, but what is left is no value in dollars: no
    // `derived` note for a `?` beside it, and no rounding note; a signed block leaves it open.
    for parts in [&["a $3bn", "b 7bn EUR", "c ?"][..], &["a $9.6bn", "b 7bn EUR"], &["a $12bn", "b -7bn EUR"]] {
        let text = block("2000 total trade = $10bn", parts);
        assert_eq!(codes(&text), [("unit-mismatch", 5)], "{text}");
    }
    // A total in another unit leaves the block unjudged.
    assert_eq!(codes(&block("2000 total trade = 10bn EUR", &["a $12bn", "b $1bn"])), [("unit-mismatch", 3)]);
}

#[test]
fn a_block_a_wider_contradiction_takes_in_gets_no_rounding_note() {
    // Alone the parts meet the total within rounding; with `a` claimed at $5.4bn they cannot.
    let alone = block("2000 total trade = $10bn", &["a $5bn", "b $6bn"]);
    assert_eq!(codes(&alone), [("rounding", 3)]);
    let text = format!("{alone}2000 trade a = $5.4bn [@s]\n");
    let codes: Vec<(&str, usize)> = codes(&text).into_iter().filter(|c| c.1 == 3).collect();
    assert_eq!(codes, [("total-mismatch", 3)], "{text}");
}
