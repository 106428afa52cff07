//! Contradictions that the network of share blocks, totals and asserts finds by propagating
//! intervals ([`super::system`], [`super::propagate`]), as the findings show them: an assert
//! tied by `MEASURE@DATE` to a derived total, share blocks tied by a shared member, a derived
//! `?` part against an assert, and what one constraint shows alone reported once, by its own
//! check.

use crate::checks::test_support::{codes, findings};

const HEAD: &str = "source s \"S\"\nmeasure m \"M\" unit USD\nmeasure share \"Share\" unit %\n";

/// Codes and lines of errors, without the info notes.
fn errors(text: &str) -> Vec<(&'static str, usize)> {
    codes(text).into_iter().filter(|(code, _)| !matches!(*code, "derived" | "rounding")).collect()
}

#[test]
fn measure_at_date_ties_an_assert_to_a_derived_total() {
    let text = format!("{HEAD}2000 total m = ? [@s]\n    A 2\n    B 3\nassert m@2000 > $7 [@s]\n");
    assert_eq!(errors(&text), vec![("assertion", 7)]);
    assert!(errors(&text.replace("> $7", "> $5")).is_empty());
}

#[test]
fn shares_blocks_tied_by_a_shared_member() {
    let text =
        format!("{HEAD}2000 shares share complete [@s]\n    China ?\n    Russia 30%\n2000 share China = 80% [@s]\n");
    assert_eq!(errors(&text), vec![("shares-over-100", 4)]);
    assert_eq!(errors(&text.replace("80%", "60%")), vec![("shares-incomplete", 4)]);
    assert!(errors(&text.replace("80%", "70%")).is_empty());
}

#[test]
fn a_derived_part_and_an_assert_agree() {
    // The block alone derives `b` as 0.1–0.3: an assert that it is below `$0.0bn` (at most
    // 0.05bn) contradicts it, one that it is below `$0.2bn` (0.15–0.25bn) does not. (A
    // written `$0bn` covers −0.5–0.5bn, as it would as a claim: `b < $0bn` could hold.)
    let text = format!("{HEAD}2000 total m = $1.0bn [@s]\n    a $0.8bn\n    b: B ?\nassert b < $0.0bn [@s]\n");
    let found = findings(&text);
    assert_eq!(found[0].code(), "derived");
    assert_eq!(found[0].message, "`B` is implied to be $0.1–0.3bn");
    assert_eq!(errors(&text), vec![("assertion", 7)]);
    assert!(errors(&text.replace("< $0.0bn", "< $0.2bn")).is_empty());
    assert!(errors(&text.replace("< $0.0bn", "< $0bn")).is_empty());
    // The written part alone exceeds the total: the block's own error, reported once.
    let over = text.replace("$0.8bn", "$1.2bn");
    assert_eq!(errors(&over), vec![("total-mismatch", 4)]);
}

#[test]
fn what_one_constraint_shows_is_reported_once() {
    let text = format!("{HEAD}t1: 1999 m = 1.2 [@s]\nt2: 2000 m = 1.5 [@s]\nassert t2 > 2 * t1 [@s]\n");
    assert_eq!(errors(&text), vec![("assertion", 6)]);
    // Interval evaluation cannot see that `t1 - t1` is 0; propagation can, and reports it once.
    let hidden = format!("{HEAD}t1: 1999 m = 1.2 [@s]\nt2: 2000 m = 1.5 [@s]\nassert t2 / (t1 - t1) = 1 [@s]\n");
    assert_eq!(errors(&hidden), vec![("assertion", 6)]);
}
