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

#[test]
fn a_contradiction_across_a_total_an_assert_and_a_claim() {
    let text =
        format!("{HEAD}2000 total m = 30 [@s]\n    a: A ?\n    b: B ?\n2000 m B = 12 [@s]\nassert a = 2*b [@s]\n");
    let found = findings(&text);
    let asserted: Vec<_> = found.iter().filter(|f| f.code() == "assertion").collect();
    assert_eq!(asserted.len(), 1, "{found:?}");
    assert!(
        asserted[0].message.starts_with("no value is left for `a`: these 2 constraints"),
        "{}",
        asserted[0].message
    );
    assert!(asserted[0]
        .help
        .as_deref()
        .unwrap()
        .contains("needs `a` to be $23–25, but the other constraints and claims leave it $17–19"));
    assert_eq!(asserted[0].related.len(), 4, "total, B = 12, total's value, `a`: {:?}", asserted[0].related);
    let consistent = text.replace("a = 2*b", "a = 1.5*b");
    assert!(errors(&consistent).is_empty());
}

#[test]
fn a_question_mark_part_tied_to_another_claim_is_still_an_amount() {
    // `C` is claimed as $12 below: `B` would have to be $-3 to -1.
    let text = format!("{HEAD}2000 total m = $10 [@s]\n    B ?\n    C ?\n2000 m C = $12 [@s]\n");
    let found: Vec<_> = findings(&text).into_iter().filter(|f| f.code() != "derived").collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code(), "total-mismatch");
    assert_eq!(found[0].message, "no value is left for `m B` for 2000 in the total block of `m` for 2000");
    assert_eq!(
        found[0].help.as_deref(),
        Some("the total block of `m` for 2000 needs `m B` for 2000 to be $-3 to -1, but `m B` for 2000 is a part of a total and never negative; given `m C` for 2000 = $12 (11.5–12.5), `m` for 2000 = $10 (9.5–10.5)")
    );
    let labels: Vec<&str> = found[0].related.iter().map(|l| l.message.as_str()).collect();
    assert!(labels.contains(&"derived: no value is left for it"), "{labels:?}");
    // Signed: a negative part written in the block lets `B` be negative.
    assert!(errors(&text.replace("    C ?\n", "    C ?\n    D $-1\n")).is_empty());
}

#[test]
fn strict_comparisons_in_a_circle_cannot_all_hold() {
    // Each holds alone (a and b may be anything in 9.5–10.5bn), and `>=` both ways holds at
    // a = b; `>` both ways never does.
    let text =
        format!("{HEAD}a: 2000 m A = $10bn [@s]\nb: 2000 m B = $10bn [@s]\nassert a > b [@s]\nassert b > a [@s]\n");
    let found = findings(&text);
    let asserted: Vec<_> = found.iter().filter(|f| f.code() == "assertion").collect();
    assert_eq!(asserted.len(), 1, "{found:?}");
    assert_eq!(asserted[0].message, "the assert `a > b` cannot hold together with the assert `b > a`");
    assert_eq!(
        asserted[0].help.as_deref(),
        Some("each quantity is one value however often it is named, `>` and `<` are strict, and no values at all satisfy them all")
    );
    // Both asserts and both claims they name are labelled.
    let labels: Vec<&str> = asserted[0].related.iter().map(|l| l.message.as_str()).collect();
    assert_eq!(labels.len(), 3, "{labels:?}");
    assert!(labels.iter().any(|l| l.starts_with("`a` = $10bn")), "{labels:?}");
    assert!(labels.iter().any(|l| l.starts_with("`b` = $10bn")), "{labels:?}");
    assert!(errors(&text.replace(" > ", " >= ")).is_empty());
}

#[test]
fn linear_asserts_that_propagation_cannot_see_through() {
    // a − b = 2 and a ≥ b + 2.5: each narrows the other's intervals by 0.5 a round, far too
    // slowly to empty them (propagation stops after a bounded number of rounds), but no pair
    // of values fits both.
    let claims = format!("{HEAD}a: 2000 m A = 0..1000000 [@s]\nb: 2000 m B = 0..1000000 [@s]\n");
    let text = format!("{claims}assert a - b = $2 exact [@s]\nassert a >= b + $2.5 exact [@s]\n");
    assert_eq!(errors(&text), vec![("assertion", 6)]);
    let found = findings(&text);
    assert_eq!(
        found[0].message,
        "the assert `a - b = $2 exact` cannot hold together with the assert `a >= b + $2.5 exact`"
    );
    // Room of 0.5: a = b + 2 fits a ≥ b + 1.5.
    assert!(errors(&text.replace("$2.5", "$1.5")).is_empty());
    // A third constraint that takes no part is left out of the set.
    let more = format!("{text}c: 2000 m C = $3 [@s]\nassert c < a [@s]\n");
    assert_eq!(errors(&more), vec![("assertion", 6)]);
    assert_eq!(findings(&more).iter().filter(|f| f.code() == "assertion").count(), 1);
}

#[test]
fn a_derived_share_claimed_elsewhere_is_the_one_named() {
    // B is implied 9–11% by the block and claimed 20% below: the message is about B.
    let text =
        format!("{HEAD}2000 shares share complete [@s]\n    A 60%\n    B ?\n    C 30%\n2000 share \"B\" = 20% [@s]\n");
    assert_eq!(errors(&text), vec![("shares-over-100", 4)]);
    let found = findings(&text);
    assert_eq!(
        found[0].message,
        "no value is left for `share B` for 2000 in the complete shares block of `share` for 2000"
    );
    assert!(found[0].help.as_deref().unwrap().starts_with("the complete shares block of `share` for 2000 needs `share B` for 2000 to be 9–11%, but the claims leave it 19.5–20.5%"), "{found:?}");
}

#[test]
fn claims_that_meet_only_at_an_excluded_bound_are_left_to_conflict() {
    // `> 5 exact` and `< 5 exact` share no value: a `conflict`, and the network goes on without
    // them, so the total block (A is then free) and the assert find nothing.
    let text = format!(
        "{HEAD}x: 2000 m A > 5 exact [@s]\ny: 2000 m A < 5 exact [@s]\n2000 total m = 20 [@s]\n    A ?\n    B 15\nassert x > $1 [@s]\n"
    );
    assert_eq!(errors(&text), vec![("conflict", 5)]);
}

#[test]
fn a_quantity_in_conflict_still_bounds_the_network_by_its_claims_hull() {
    // China is 75% or 80%: either way China and Russia exceed 100%.
    let shares = format!(
        "{HEAD}2000 shares share [@s]\n    China ?\n    Russia 30%\n2000 share China = 75% [@s]\n2000 share China = 80% [@s]\n"
    );
    assert_eq!(errors(&shares), vec![("shares-over-100", 4), ("conflict", 8)]);
    // 45% or 60%: one of them leaves room for Russia, so only the conflict is certain.
    assert_eq!(errors(&shares.replace("75%", "45%").replace("80%", "60%")), vec![("conflict", 8)]);
    let total = format!(
        "{HEAD}2000 total m = $2bn [@s]\n    exports $1.2bn\n    imports ?\n2000 m imports = $1.5bn [@s]\n2000 m exports = $1.5bn [@s]\n"
    );
    assert_eq!(errors(&total), vec![("total-mismatch", 4), ("conflict", 8)]);
    assert_eq!(errors(&total.replace("imports = $1.5bn", "imports = $0.5bn")), vec![("conflict", 8)]);
}

#[test]
fn a_constraint_that_names_a_disputed_claim_is_reported_once_by_its_own_check() {
    // The assert and the blocks judge the claim they name; the hull adds nothing to that.
    let assert = format!("{HEAD}a: 2000 m = $1bn [@s]\n2000 m = $5bn [@s]\nassert a > $10bn [@s]\n");
    assert_eq!(errors(&assert), vec![("conflict", 5), ("assertion", 6)]);
    let total = format!("{HEAD}2000 total m = $30bn [@s]\n    a $1bn\n    b $2bn\n2000 m b = $20bn [@s]\n");
    assert_eq!(errors(&total), vec![("total-mismatch", 4), ("conflict", 7)]);
    let shares = format!("{HEAD}2000 shares share complete [@s]\n    A 30%\n    B 40%\n2000 share A = 50% [@s]\n");
    assert_eq!(errors(&shares), vec![("shares-incomplete", 4), ("conflict", 7)]);
}

#[test]
fn claims_of_one_quantity_are_one_value_in_asserts_and_plans_are_each_their_own() {
    // `$1bn` and `$1.2bn` agree: `a` is 1.15–1.25, and `a > $2bn` is one finding, not two.
    let agree = format!("{HEAD}a: 2000 m = $1bn [@s]\nb: 2000 m = $1.2bn [@s]\nassert a > $2bn [@s]\n");
    assert_eq!(errors(&agree), vec![("assertion", 6)]);
    // `a1` and `a10` state one quantity: `a1 < a10` is `x < x`, an error with no rounding note.
    let same = format!("{HEAD}a1: 2002 m = $1bn [@s]\na10: 2002 m ~ $1bn [@s]\nassert a1 < a10 [@s]\n");
    assert_eq!(codes(&same), vec![("assertion", 6)]);
    // A target raised from $10bn to $15bn: two plans, both consistent.
    let raised =
        format!("{HEAD}old: 2020 m = $10bn target [@s]\nnew: 2020 m = $15bn target [@s]\nassert new > old [@s]\n");
    assert!(errors(&raised).is_empty(), "{:?}", errors(&raised));
    // `m@2001` is $1bn or $3bn (a conflict): above $5bn fails either way.
    let disputed = format!("{HEAD}c: 2001 m = $1bn [@s]\nd: 2001 m = $3bn [@s]\nassert m@2001 > $5bn [@s]\n");
    assert_eq!(errors(&disputed), vec![("conflict", 5), ("assertion", 6)]);
    assert_eq!(errors(&disputed.replace("> $5bn", "> $2bn")), vec![("conflict", 5)]);
    // `m@2020` over two plans may be either: above $12bn holds by the $15bn plan.
    let plans = format!("{HEAD}2020 m = $10bn target [@s]\n2020 m = $15bn target [@s]\nassert m@2020 > $12bn [@s]\n");
    assert!(errors(&plans).is_empty(), "{:?}", errors(&plans));
    assert!(errors(&plans.replace("> $12bn", "< $12bn")).is_empty());
    assert_eq!(errors(&plans.replace("> $12bn", "> $20bn")), vec![("assertion", 6)]);
    // Claims of two undeclared measures are two quantities.
    let undeclared = "source s \"S\"\na: 2000 foo = $1bn [@s]\nb: 2000 bar = $2bn [@s]\nassert a < b [@s]\n";
    assert_eq!(errors(undeclared), vec![("unknown-measure", 2), ("unknown-measure", 3)]);
}

#[test]
fn every_assert_the_rest_rule_out_has_its_own_error_and_no_rounding_note() {
    // `t < $2.0bn exact` rules out both `t > $2.2bn exact` and `t > $2.1bn exact`: each is an
    // error, and neither is said to hold within rounding.
    let text = format!(
        "{HEAD}t: 2000 m = $2bn [@s]\nassert t < $2.0bn exact [@s]\nassert t > $2.2bn exact [@s]\nassert t > $2.1bn exact [@s]\n"
    );
    assert_eq!(codes(&text), vec![("assertion", 6), ("assertion", 7)]);
    // Three asserts on `(t + u) * 2`, any two of which contradict: two errors, on two lines.
    let sums = format!(
        "{HEAD}t: 2000 m = $2bn [@s]\nu: 2001 m = $3bn [@s]\nassert (t + u) * 2 = $10bn [@s]\nassert (t + u) * 2 = $11bn exact [@s]\nassert (t + u) * 2 = $12bn exact [@s]\n"
    );
    assert_eq!(codes(&sums), vec![("assertion", 6), ("assertion", 7)]);
    // Two contradictions that share a total: both reported, the total kept for the second.
    let total = format!(
        "{HEAD}2000 total m = $10bn [@s]\n    a: A ?\n    b: B ?\nassert a = $8bn [@s]\nassert b = $5bn [@s]\nassert a + b = $13bn [@s]\n"
    );
    assert_eq!(errors(&total), vec![("assertion", 7), ("assertion", 9)]);
}

/// The help of the one `assertion` error of a file.
fn assertion_help(text: &str) -> String {
    let found: Vec<_> = findings(text).into_iter().filter(|f| f.code() == "assertion").collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].help.clone().unwrap_or_default()
}

#[test]
fn the_help_quotes_what_the_rest_truly_leave_in_the_claims_scale() {
    // The total allows a + b exactly 9.5–10.5bn (not what propagation held when it emptied),
    // shown in bn though `a` and `b` are `?`; `>` is "above".
    let total = format!("{HEAD}2000 total m = $10bn [@s]\n    a: A ?\n    b: B ?\nassert a + b > $12bn [@s]\n");
    assert!(
        assertion_help(&total).starts_with(
            "`a + b` can only be $9.5–10.5bn, but the assert `a + b > $12bn` needs it to be above $11.5bn; given"
        ),
        "{}",
        assertion_help(&total)
    );
    let finer = total.replace("$10bn", "$10.0bn").replace("> $12bn", "< $9bn exact");
    assert!(assertion_help(&finer).starts_with(
        "`a + b` can only be $9.95–10.05bn, but the assert `a + b < $9bn exact` needs it to be below $9bn"
    ));
    // A complete shares block sums to exactly 100 %.
    let shares = format!("{HEAD}2000 shares share complete [@s]\n    a: A ?\n    b: B ?\nassert a + b < 90% [@s]\n");
    assert_eq!(
        assertion_help(&shares),
        "`a + b` can only be 100%, but the assert `a + b < 90%` needs it to be below 90.5%"
    );
    // Another assert's strict bound stays excluded, and is not a single value.
    let asserts = format!("{HEAD}t: 2000 m = $2bn [@s]\nu: 2001 m = $3bn [@s]\nassert t + u < $5bn exact [@s]\nassert t + u > $5.2bn exact [@s]\n");
    assert!(assertion_help(&asserts).starts_with(
        "`t + u` can only be above $5.2bn, but the assert `t + u < $5bn exact` needs it to be below $5bn"
    ));
}

#[test]
fn the_help_says_less_where_no_exact_range_can_be_told() {
    // `a > b * 3` with `b > 2` and a total of 7: the assert names quantities on both sides, and
    // what it needs of `a` depends on `b`, which the other assert bounds. No range is quoted.
    let text = format!(
        "{HEAD}2000 total m = $7.0bn [@s]\n    a: A ?\n    b: B ?\nassert a > b * 3 [@s]\nassert b > $2bn exact [@s]\n"
    );
    assert!(
        assertion_help(&text).starts_with(
            "no value of `a` satisfies the assert `a > b * 3` and the other constraints and claims together"
        ),
        "{}",
        assertion_help(&text)
    );
}
