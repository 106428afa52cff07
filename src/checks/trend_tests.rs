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
    // 1.45–1.55 doubled is 2.9–3.1, widened by 10% of 3 (twice 1.5 as written), as `~`
    // widens: 2.6–3.4; 3.45–3.55 misses it.
    let found = findings(&series(&["2000 trade = $1.5bn", "2001 trade = $3.5bn doubled"]));
    assert_eq!(found[0].code(), "trend");
    assert!(found[0].help.as_deref().unwrap().ends_with("within the 10% tolerance that is $2.6–3.4bn"));
    // 3.4 as written is beyond 3.3, but its rounding reaches 3.35 and 1.55 doubled reaches 3.4.
    assert_eq!(codes(&series(&["2000 trade = $1.5bn", "2001 trade = $3.4bn doubled"])), vec![("rounding", 4)]);
    assert!(codes(&series(&["2000 trade = $3bn", "2001 trade = $1.5bn halved"])).is_empty());
    assert_eq!(codes(&series(&["2000 trade = $1.0bn", "2001 trade = $2.0bn tripled"])), vec![("trend", 4)]);
    let tight = format!("tolerance 1%\n{}", series(&["2000 trade = 1 exact", "2001 trade = 2.05 exact doubled"]));
    assert_eq!(codes(&tight), vec![("trend", 5)]);
}

#[test]
fn a_multiple_widens_by_the_tolerance_of_the_written_value_as_an_assert_does() {
    // Half of $1bn (0.5–1.5bn) is 0.25–0.75bn, widened by 10% of 0.5bn: 0.2–0.8bn. Widening
    // each bound by 10% of itself (0.225–0.825bn) made $0.21bn a false alarm.
    let halved = |value: &str| codes(&series(&["2000 trade = $1bn", &format!("2001 trade = {value} exact halved")]));
    assert_eq!(halved("$0.21bn"), vec![("rounding", 4)]);
    assert_eq!(halved("$0.2bn"), vec![("rounding", 4)]);
    assert_eq!(halved("$0.19bn"), vec![("trend", 4)]);
    assert_eq!(halved("$0.8bn"), vec![("rounding", 4)]);
    assert_eq!(halved("$0.81bn"), vec![("trend", 4)]);
    // Twice $1bn is 1–3bn widened by 10% of 2bn: 0.8–3.2bn, so $3.25bn is beyond it.
    let doubled = |value: &str| codes(&series(&["2000 trade = $1bn", &format!("2001 trade = {value} exact doubled")]));
    assert_eq!(doubled("$3.2bn"), vec![("rounding", 4)]);
    assert_eq!(doubled("$3.25bn"), vec![("trend", 4)]);
    assert_eq!(doubled("$0.8bn"), vec![("rounding", 4)]);
    assert_eq!(doubled("$0.79bn"), vec![("trend", 4)]);
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
    // $1.0bn and $1.4bn conflict, and $1.2bn is no rise from $1.4bn: that clash is reported
    // beside the conflict (a rise from $1.0bn alone is possible, but both are claimed).
    let conflicting = series(&["2000 trade = $1.4bn", "2000 trade = $1.0bn", "2001 trade = $1.2bn up"]);
    assert_eq!(codes(&conflicting), vec![("conflict", 4), ("trend", 5)]);
    let found = findings(&conflicting);
    assert!(found[1].help.as_deref().unwrap_or("").contains("$1.4bn"), "{found:?}");
    // Against the lower of two conflicting claims, a fall (and a doubling) is judged too.
    let down = series(&["2000 trade = $1.4bn", "2000 trade = $1.0bn", "2001 trade = $1.2bn down"]);
    assert_eq!(codes(&down), vec![("conflict", 4), ("trend", 5)]);
    let doubled = series(&["2000 trade = $1.4bn", "2000 trade = $1.0bn", "2001 trade = $2.0bn doubled"]);
    assert_eq!(codes(&doubled), vec![("conflict", 4), ("trend", 5)]);
    // Written as different dates of the same days, they are no conflict and may be different
    // facts: a rise from ~$1bn is possible, so nothing is reported.
    let apart = series(&["~2000 trade = $1bn", "1999..2001 trade = $3bn", "2002 trade = $1.2bn up"]);
    assert!(codes(&apart).is_empty(), "{apart}");
    let apart = series(&["2000 trade = $1.5bn", "2000..2000 trade = $0.4bn", "2001 trade = $1.2bn down"]);
    assert!(codes(&apart).is_empty(), "{apart}");
    // A multiple is judged against each: one that fits neither is reported, one that fits
    // either is not.
    let neither =
        series(&["~2000 trade = $1.0bn exact", "1999..2001 trade = $3.0bn exact", "2002 trade = $9.0bn halved"]);
    assert_eq!(codes(&neither), vec![("trend", 5)]);
    // It clashes with both, and both are labelled.
    let labels: Vec<String> = findings(&neither)[0].related.iter().map(|l| l.message.clone()).collect();
    let earlier = ["the latest earlier claim: $1.0bn exact", "the latest earlier claim: $3.0bn exact"];
    assert!(earlier.iter().all(|e| labels.iter().any(|l| l == e)), "{labels:?}");
    // Two conflicting claims of one written date that a doubling misses both: both labelled.
    let both = series(&["2000 trade = $1.4bn", "2000 trade = $1.0bn", "2001 trade = $9.0bn doubled"]);
    let labels: Vec<String> = findings(&both)[1].related.iter().map(|l| l.message.clone()).collect();
    assert_eq!(labels.iter().filter(|l| l.starts_with("the latest earlier claim")).count(), 2, "{labels:?}");
    let either =
        series(&["~2000 trade = $1.0bn exact", "1999..2001 trade = $3.0bn exact", "2002 trade = $2.0bn doubled"]);
    assert!(codes(&either).is_empty(), "{either}");
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

/// A `trade` block for 2000 (its lines from line 3 on), then claims citing one source.
fn after_block(block: &[&str], lines: &[&str]) -> String {
    let body: Vec<String> = lines.iter().map(|l| format!("{l} [@s]\n")).collect();
    format!("{}{}{}", series(&[]), block.iter().map(|l| format!("{l}\n")).collect::<String>(), body.concat())
}

const TOTAL: [&str; 3] = ["2000 total trade = $50bn [@s]", "    x ?", "    y $10bn"];

#[test]
fn a_derived_member_weighs_as_the_values_its_block_derives() {
    // `x` is $50bn (49.5–50.5) less $10bn (9.5–10.5): 39–41bn, which $30bn does not exceed.
    let text = after_block(&TOTAL, &["2001 trade x = $30bn up"]);
    let found = findings(&text);
    let trend: Vec<_> = found.iter().filter(|f| f.code() == "trend").collect();
    assert_eq!(trend.len(), 1, "{found:?}");
    assert_eq!(
        trend[0].message,
        "trade x for 2001 is flagged `up`, but the earlier value derived for 2000 contradicts it"
    );
    let help = "$30bn (29.5–30.5) is not above the value of `x` derived from its total ($39–41bn) for 2000";
    assert_eq!(trend[0].help.as_deref(), Some(help));
    // The total it is derived from is labelled.
    assert!(trend[0].related.iter().any(|l| l.message == "`x` is derived from this total, $50bn (49.5–50.5)"));
    assert_eq!(codes(&text), vec![("derived", 4), ("trend", 6)]);
    // Values the derived ones allow: no error; equal as written, a rounding note.
    assert_eq!(codes(&after_block(&TOTAL, &["2001 trade x = $45bn up"])), vec![("derived", 4)]);
    assert_eq!(codes(&after_block(&TOTAL, &["2001 trade x = $40bn up"])), vec![("derived", 4), ("rounding", 6)]);
    assert_eq!(codes(&after_block(&TOTAL, &["2001 trade x = $80bn doubled"])), vec![("derived", 4)]);
    assert_eq!(codes(&after_block(&TOTAL, &["2001 trade x = $95bn doubled"])), vec![("derived", 4), ("trend", 6)]);
}

#[test]
fn a_flag_on_a_derived_member_or_total_is_judged() {
    let flagged = ["2000 total trade = $50bn [@s]", "    x ? up", "    y $10bn"];
    let found = findings(&after_block(&flagged, &["1999 trade x = $60bn"]));
    let trend = found.iter().find(|f| f.code() == "trend").expect("a trend error");
    let help = "the value of `x` derived from its total ($39–41bn) is not above the earlier $60bn (59.5–60.5) claimed for 1999";
    assert_eq!(trend.help.as_deref(), Some(help));
    assert!(codes(&after_block(&flagged, &["1999 trade x = $35bn"])).iter().all(|c| c.0 != "trend"));
    // A `?` total is the sum of its parts: 39–41bn is no rise from $70bn.
    let total = ["2000 total trade = ? up [@s]", "    x $30bn", "    y $10bn"];
    let found = findings(&after_block(&total, &["1999 trade = $70bn"]));
    let trend = found.iter().find(|f| f.code() == "trend").expect("a trend error");
    assert!(trend.help.as_deref().unwrap().starts_with("the value of `trade` derived from its parts ($39–41bn)"));
    // Two `?` parts are each at most the rest: at most 40.5bn, no rise from $60bn either.
    let two = ["2000 total trade = $50bn [@s]", "    x ? up", "    y ?", "    z $10bn"];
    assert!(codes(&after_block(&two, &["1999 trade x = $60bn"])).contains(&("trend", 4)));
}

#[test]
fn a_member_its_block_leaves_open_or_disputes_decides_nothing() {
    // A `?` part beside a `?` total may be anything: no flag is judged either way.
    let open = ["2000 total trade = ? [@s]", "    x ? up", "    y $10bn"];
    assert!(codes(&after_block(&open, &["1999 trade x = $60bn", "2001 trade x = $1bn up"])).is_empty());
    // A block that contradicts itself reports that alone.
    let over = ["2000 total trade = $5bn [@s]", "    x ? up", "    y $10bn"];
    let lines = ["1999 trade x = $60bn", "2001 trade x = $1bn up"];
    assert_eq!(codes(&after_block(&over, &lines)), vec![("total-mismatch", 3)]);
    // A derived value that a stated claim of the same quantity rules out is that conflict alone.
    let found = codes(&after_block(&TOTAL, &["2000 trade x = $20bn", "2001 trade x = $30bn up"]));
    assert!(found.iter().all(|c| c.0 != "trend"), "{found:?}");
    // A value derived from a plan is no fact to weigh.
    let planned = ["2000 total trade = $50bn target [@s]", "    x ?", "    y $10bn"];
    assert_eq!(codes(&after_block(&planned, &["2001 trade x = $30bn up"])), vec![("derived", 4)]);
    // Beside a stated claim that agrees, the stated claim decides.
    let found = codes(&after_block(&TOTAL, &["2000 trade x = $39.7bn", "2001 trade x = $39.6bn up"]));
    assert_eq!(found.iter().filter(|c| c.0 == "trend").count(), 1, "{found:?}");
}

#[test]
fn a_multiple_respects_an_excluded_bound() {
    // ×2 of 5 within 10 % is 9–11: `> 11` lies above it, `< 4.5` below ×½ of 10 (4.5–5.5),
    // and 44 above ×2 of `< 20` (below 44); `> 10.9` meets ×2 of 10 (18–22).
    let text = series(&[
        "2000 trade = 5 exact",
        "2001 trade > 11 exact doubled",
        "2002 trade = 10 exact",
        "2003 trade < 4.5 exact halved",
        "2004 trade < 20 exact",
        "2005 trade = 44 exact doubled",
        "2006 trade = 10 exact",
        "2007 trade > 10.9 exact doubled",
    ]);
    assert_eq!(codes(&text), [("trend", 4), ("trend", 6), ("trend", 8)]);
}

#[test]
fn a_claim_of_the_same_date_narrows_the_flagged_one() {
    // `~ $5bn` alone may rise from $4.8bn; beside `$4.6bn` it is 4.55–4.65, below 4.75–4.85.
    let text = series(&["2000 trade = $4.8bn", "2001 trade ~ $5bn up", "2001 trade = $4.6bn"]);
    let found = findings(&text);
    let trend = found.iter().find(|f| f.code() == "trend").expect("a trend error");
    assert_eq!(
        trend.help.as_deref(),
        Some("~ $5bn with $4.6bn of the same date (4.55–4.65) is not above the earlier $4.8bn (4.75–4.85) claimed for 2000")
    );
    let labels: Vec<&str> = trend.related.iter().map(|l| &l.message[..]).collect();
    assert_eq!(
        labels,
        [
            "~ $5bn with $4.6bn of the same date (4.55–4.65)",
            "the latest earlier claim: $4.8bn (4.75–4.85)",
            "with the claim of the same date: $4.6bn (4.55–4.65)"
        ]
    );
    // Only `conflict`'s note on the two 2001 values, none on the flag.
    assert_eq!(codes(&text), [("trend", 4), ("rounding", 5)]);
    // Siblings that leave a rise possible, a plan, another written date, and a sibling that
    // conflicts with a third claim of the date (a `conflict`, not a narrowing): no `trend`.
    for sibling in [
        "2001 trade = $4.9bn",
        "2001 trade = $4.6bn forecast",
        "2001-06 trade = $4.6bn",
        "2001 trade = $4.6bn\n2001 trade = $5.4bn",
        "2001 trade oil = $4.6bn",
    ] {
        let found = codes(&series(&["2000 trade = $4.8bn", "2001 trade ~ $5bn up", sibling]));
        assert!(found.iter().all(|c| c.0 != "trend"), "{sibling}: {found:?}");
    }
    // A sibling in another unit is a `unit-mismatch` and narrows nothing.
    let euro = series(&["2000 trade = $4.8bn", "2001 trade ~ $5bn up", "2001 trade = €4.6bn"]);
    assert_eq!(codes(&euro), [("unit-mismatch", 5)]);
}

#[test]
fn an_earlier_claim_is_narrowed_by_its_siblings() {
    // 2000 is 4.75–4.85 by both claims: the rise to 4.65–4.75 fails, and both are labelled.
    let text = series(&["2000 trade = $4.8bn", "2000 trade ~ $5bn", "2001 trade = $4.7bn up"]);
    let found = findings(&text);
    let trend = found.iter().find(|f| f.code() == "trend").expect("a trend error");
    let labels: Vec<&str> = trend.related.iter().map(|l| &l.message[..]).collect();
    assert_eq!(
        labels,
        [
            "$4.7bn (4.65–4.75)",
            "the latest earlier claim: ~ $5bn with $4.8bn of the same date (4.75–4.85)",
            "with the claim of the same date: $4.8bn (4.75–4.85)"
        ]
    );
    // A doubling from 2000 narrowed to 4.75–4.85 is 8.55–10.67: $8.4bn (8.35–8.45) misses it.
    let doubled = series(&["2000 trade ~ $5bn", "2000 trade = $4.8bn", "2001 trade = $8.4bn doubled"]);
    assert_eq!(codes(&doubled).iter().filter(|c| c.0 == "trend").count(), 1, "{:?}", codes(&doubled));
}
