//! The `trend` check's findings: each flag against the latest earlier claim, rounding notes,
//! the tolerance of the multipliers, and what is left out.

use crate::checks::test_support::{codes, findings};

fn series(lines: &[&str]) -> String {
    let body: Vec<String> = lines.iter().map(|l| format!("{l} [@s]\n")).collect();
    format!("source s \"S\"\nmeasure trade \"Trade\" unit USD\n{}", body.concat())
}

#[test]
fn up_and_down_against_the_latest_earlier_claim() {
    let found = findings(&series(&["1999 trade = $1.0bn", "2000 trade = $1.5bn", "2001 trade = $1.3bn up"]));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code(), "trend");
    assert_eq!(found[0].related.len(), 2);
    assert_eq!(
        found[0].help.as_deref(),
        Some("$1.3bn (1.25–1.35) is not above the earlier $1.5bn (1.45–1.55) claimed for 2000")
    );
    assert!(codes(&series(&["2000 trade = $1.5bn", "2001 trade = $1.3bn down"])).is_empty());
    // A claim of the same year is not earlier; plans are left out.
    assert!(codes(&series(&["2001 trade = $1.5bn", "2001-06 trade = $1.3bn up"])).is_empty());
    assert!(codes(&series(&["2000 trade = $2.5bn target", "2001 trade = $1.3bn up"])).is_empty());
}

#[test]
fn equal_as_written_is_up_only_within_rounding() {
    assert_eq!(codes(&series(&["2000 trade = $1.5bn", "2001 trade = $1.5bn up"])), vec![("rounding", 4)]);
    // One unit beyond: 1.35–1.45 stays below 1.45–1.55 except at one point, which is no rise.
    assert_eq!(codes(&series(&["2000 trade = $1.5bn", "2001 trade = $1.4bn up"])), vec![("trend", 4)]);
    assert_eq!(codes(&series(&["2000 trade = 5 exact", "2001 trade = 5 exact up"])), vec![("trend", 4)]);
}

#[test]
fn multipliers_within_the_tolerance() {
    assert!(codes(&series(&["2000 trade = $1.5bn", "2001 trade = $3.2bn doubled"])).is_empty());
    // 1.45–1.55 doubled within 10% is 2.61–3.41; 3.45–3.55 misses it.
    let found = findings(&series(&["2000 trade = $1.5bn", "2001 trade = $3.5bn doubled"]));
    assert_eq!(found[0].code(), "trend");
    assert!(found[0].help.as_deref().unwrap().ends_with("within the 10% tolerance that is $2.61–3.41bn"));
    // 3.4 as written is beyond 3.3, but its rounding reaches 3.35 and 1.55 doubled reaches 3.41.
    assert_eq!(codes(&series(&["2000 trade = $1.5bn", "2001 trade = $3.4bn doubled"])), vec![("rounding", 4)]);
    assert!(codes(&series(&["2000 trade = $3bn", "2001 trade = $1.5bn halved"])).is_empty());
    assert_eq!(codes(&series(&["2000 trade = $1.0bn", "2001 trade = $2.0bn tripled"])), vec![("trend", 4)]);
    let tight = format!("tolerance 1%\n{}", series(&["2000 trade = 1 exact", "2001 trade = 2.05 exact doubled"]));
    assert_eq!(codes(&tight), vec![("trend", 5)]);
}

#[test]
fn every_claim_of_the_latest_earlier_date_holds() {
    // $1bn (0.5–1.5) and $1.4bn (1.35–1.45) agree: 2000 is 1.35–1.45, and 1.15–1.25 is no
    // rise, whichever line comes first.
    let first = series(&["2000 trade = $1.4bn", "2000 trade = $1bn", "2001 trade = $1.2bn up"]);
    let second = series(&["2000 trade = $1bn", "2000 trade = $1.4bn", "2001 trade = $1.2bn up"]);
    for text in [first, second] {
        assert_eq!(codes(&text), vec![("rounding", 4), ("trend", 5)], "{text}");
    }
    // $1.0bn and $1.4bn conflict: a rise from the first is possible, so only the conflict.
    let conflicting = series(&["2000 trade = $1.4bn", "2000 trade = $1.0bn", "2001 trade = $1.2bn up"]);
    assert_eq!(codes(&conflicting), vec![("conflict", 4)]);
}

#[test]
fn a_derived_member_as_the_latest_earlier_claim_is_not_skipped_for_an_older_one() {
    // 2000's `?` share is derived (9–11%); 15% in 1999 is not "the latest earlier claim".
    let text = "source s \"S\"\nmeasure p \"P\" unit %\n1999 p \"China\" = 15% [@s]\n2000 shares p complete [@s]\n    China ?\n    Russia 60%\n    Other 30%\n2001 p \"China\" = 12% up [@s]\n";
    assert_eq!(codes(text), vec![("derived", 5)]);
    // Beside a stated claim of that date, the `?` decides nothing and the stated claim does.
    let total = "source s \"S\"\nmeasure trade \"T\" unit USD\n2000 total trade = ? [@s]\n    x $1bn\n    y $1bn\n2000 trade = $2bn [@s]\n2001 trade = $1.2bn up [@s]\n";
    assert_eq!(codes(total), vec![("derived", 3), ("trend", 7)]);
}
