//! How a `total` block's parts and total are summed, as the `total-mismatch`, `derived` and
//! `rounding` findings show it: intervals within rounding, exact values and bounds, a `?`
//! derived from the rest and never below 0 unless the block is signed
//! ([`super::system::part_of_total`]), which a negative value written in it makes it.

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
fn unknowns_are_derived() {
    let found = findings(&block("2000 total trade = $10bn", &["exports $4bn", "imports ?"]));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code(), "derived");
    assert_eq!(found[0].message, "`imports` is implied to be $5–7bn");
    let found = findings(&block("2000 total trade = ?", &["exports $4bn", "imports $1,500m"]));
    assert_eq!(found[0].message, "`trade` is implied to be $4.9995–6.0005bn");
    // Each of several: at most what the total leaves after the written parts.
    let found = findings(&block("2000 total trade = $10bn", &["a $4bn", "b ?", "c ?"]));
    let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(messages, ["`b` is implied to be $0–7bn", "`c` is implied to be $0–7bn"]);
    assert_eq!(
        found[0].help.as_deref(),
        Some("at most the total $10bn (9.5–10.5) minus the written parts' $3.5–4.5bn, and an amount is never negative")
    );
    let found = findings(&block("2001 total trade = $2bn", &["a ?", "b ?"]));
    assert_eq!(found[1].help.as_deref(), Some("at most the total $2bn (1.5–2.5), and an amount is never negative"));
    // In a signed block several `?`s may be anything: nothing is implied.
    assert!(codes(&block("2000 total trade = $10bn", &["a $-4bn", "b ?", "c ?"])).is_empty());
}

#[test]
fn a_minus_sign_on_zero_makes_the_block_signed_and_a_ray_total_implies_nothing() {
    // `-0.0%` is a negative contribution rounded to zero: b may be −0.04 and the parts fit.
    let signed = "2000 total trade = 1.00% [@s]\n    a 1.04%\n    b -0.0%\n";
    let text = format!("source s \"S\"\nmeasure trade \"Trade\" unit %\n{signed}");
    assert_eq!(codes(&text), [("rounding", 3)]);
    let code_first = block("2000 total trade = $1.00bn", &["a $1.04bn", "b USD -0.0bn"]);
    assert_eq!(codes(&code_first), [("rounding", 3)], "a minus after a currency code is a minus too");
    // Above $1bn, two parts are each any amount: no note.
    assert!(codes(&block("2000 total trade > $1bn", &["a ?", "b ?"])).is_empty());
}

#[test]
fn a_written_zero_part_is_not_below_zero() {
    // `$0bn` is 0–0.5bn in a total of amounts: with 1.55–1.65 the parts pass the total.
    let found = findings(&block("2002 total trade = $1bn", &["a $0bn", "b $1.6bn"]));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code(), "total-mismatch");
    assert!(found[0].help.as_deref().unwrap().contains("sum to $1.55–2.15bn (an amount is never negative), above"));
    assert!(codes(&block("2002 total trade = $1bn", &["a $-0bn", "b $-1bn", "c $1.6bn"]))
        .iter()
        .all(|(c, _)| *c != "total-mismatch"));
}

#[test]
fn an_unknown_part_is_derived_within_zero_and_up() {
    // 0.95–1.05 minus 0.85–0.95 is 0–0.2: nothing to cut.
    let found = findings(&block("2002 total trade = $1.0bn", &["a $0.9bn", "b ?"]));
    assert_eq!(found[0].message, "`b` is implied to be $0–0.2bn");
    assert_eq!(found[0].help.as_deref(), Some("the total $1.0bn (0.95–1.05) minus the other parts' $0.85–0.95bn"));
    // 0.95–1.05 minus 0.945–0.955 is −0.005–0.105: the part is 0–0.105.
    let found = findings(&block("2002 total trade = $1.0bn", &["a $0.95bn", "b ?"]));
    assert_eq!(found[0].message, "`b` is implied to be $0–0.105bn");
    assert!(found[0].help.as_deref().unwrap().ends_with(", and an amount is never negative"));
    // A `?` total of parts that round to below 0 is still at least 0.
    let found = findings(&block("2002 total trade = ?", &["a $0bn", "b $0bn"]));
    assert_eq!(found[0].message, "`trade` is implied to be $0–1bn");
}

#[test]
fn a_block_that_writes_a_negative_value_is_signed() {
    // A negative part: `?` may be negative too, and is derived as such.
    let signed = findings(&block("2002 total trade = $1.0bn", &["a $1.2bn", "b ?", "c $-0.1bn"]));
    assert_eq!((signed.len(), signed[0].code()), (1, "derived"));
    assert_eq!(signed[0].message, "`b` is implied to be $-0.25 to 0.05bn");
    // A negative total, or a total below 0.
    let negative = findings(&block("2002 total trade = $-1.0bn", &["a $0.5bn", "b ?"]));
    assert_eq!(negative[0].message, "`b` is implied to be $-1.6 to -1.4bn");
    assert_eq!(codes(&block("2002 total trade < 0", &["a 5", "b ?"])), vec![("derived", 5)]);
    // A range or a bound written with a negative number.
    assert_eq!(codes(&block("2002 total trade = $1bn", &["a -1..$3bn", "b ?"])), vec![("derived", 5)]);
    assert_eq!(codes(&block("2002 total trade = $1bn", &["a > $-1bn", "b ?"])), vec![("derived", 5)]);
    // `$0bn` is not negative, though its rounding reaches below 0.
    assert_eq!(codes(&block("2002 total trade = $1bn", &["a $0bn", "b $2.1bn", "c ?"])), vec![("total-mismatch", 3)]);
}
#[test]
fn a_part_saved_only_by_rounding_is_noted() {
    // As written $1.02bn exceeds $1.0bn; within rounding 1.015 leaves up to 0.035.
    let found = findings(&block("2002 total trade = $1.0bn", &["a $1.02bn", "b ?"]));
    let codes: Vec<&str> = found.iter().map(|f| f.code()).collect();
    assert_eq!(codes, ["rounding", "derived"]);
    assert_eq!(found[1].message, "`b` is implied to be $0–0.035bn");
    assert!(found[0].help.as_deref().unwrap().contains("which would leave `b` below 0"), "{:?}", found[0].help);
}

#[test]
fn exact_values_and_bounds_are_summed_as_intervals() {
    assert_eq!(codes(&block("2000 total trade = 10 exact", &["a 3 exact", "b 6 exact"])), vec![("total-mismatch", 3)]);
    assert_eq!(codes(&block("2000 total trade > $20bn", &["a $5bn", "b $6bn"])), vec![("total-mismatch", 3)]);
    // A total given as a bound: below $1.0bn, so at most 1.05.
    assert_eq!(codes(&block("2002 total trade < $1.0bn", &["a $2bn", "b ?"])), vec![("total-mismatch", 3)]);
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
    assert!(help.starts_with("$0.6bn (0.55–0.65) + $0.6bn (0.55–0.65) sum to $1.1–1.3bn, above the total"), "{help}");
    assert!(help.contains("`b` and `d` would have to sum to below 0"), "{help}");
}
