//! The `record` check's findings: the spec's example, every claim beyond a record labelled,
//! and `?` members weighed by the values their blocks derive.

use crate::checks::test_support::{codes, findings};

/// Claims of `deal` (by item) and `trade`, each citing one source, from line 4 on.
fn claims(lines: &[&str]) -> String {
    let body: Vec<String> = lines.iter().map(|l| format!("{l} [@s]\n")).collect();
    format!("source s \"S\"\nmeasure deal \"Deal\" unit USD\nmeasure trade \"Trade\" unit USD\n{}", body.concat())
}

#[test]
fn the_spec_example() {
    let text = claims(&[
        "aktobe: 1997-06 deal \"AktobeMunaiGas\" = $4.3bn largest",
        "petro: 2005-08 deal \"PetroKazakhstan\" = $4.18bn largest",
    ]);
    let found = findings(&text);
    assert_eq!((found.len(), found[0].code(), found[0].related.len()), (1, "record", 2));
    let help = "$4.18bn < $4.3bn: $4.18bn (4.175–4.185) is below the earlier $4.3bn (4.25–4.35) claimed for 1997-06";
    assert_eq!(found[0].help.as_deref(), Some(help));
    assert_eq!(codes(&text)[0].1, 5);
}

#[test]
fn every_claim_beyond_a_record_is_labelled() {
    let text = claims(&["2012 trade = $24bn max", "2014 trade = $26bn", "2015 trade = $27bn", "2013 trade = $24bn"]);
    let found = findings(&text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].message, "trade for 2012 is flagged `max`, but trade for 2015 is larger");
    let line = |offset: u32| text[..offset as usize].matches('\n').count() + 1;
    let labels: Vec<(usize, &str)> = found[0].related.iter().map(|l| (line(l.span.start), &l.message[..])).collect();
    assert_eq!(
        labels,
        [(4, "$24bn (23.5–24.5)"), (6, "larger: $27bn (26.5–27.5)"), (5, "larger too: $26bn (25.5–26.5)")]
    );
    let help =
        "$24bn < $27bn: $24bn (23.5–24.5) is below $27bn (26.5–27.5) claimed for 2015; also larger: $26bn for 2014";
    assert_eq!(found[0].help.as_deref(), Some(help));
    // `smallest` names the earlier claim furthest below it and lists the others in file order.
    let deals = ["1990 deal = $5bn", "1993 deal = $2.0bn", "1991 deal = $1bn", "1995 deal = $3bn smallest"];
    let help = findings(&claims(&deals))[0].help.clone().unwrap_or_default();
    assert!(help.ends_with("claimed for 1991; also smaller and earlier: $2.0bn for 1993"), "{help}");
}

/// A `trade` total for 2000 whose `x` is derived (39–41bn), with `x`'s flags, then claims.
fn after_total(flags: &str, lines: &[&str]) -> String {
    let block = format!("2000 total trade = $50bn [@s]\n    x ?{flags}\n    y $10bn\n");
    claims(lines).replacen("unit USD\n", &format!("unit USD\n{block}"), 2).replacen(&block, "", 1)
}

#[test]
fn a_derived_member_weighs_as_the_values_its_block_derives() {
    // `max` on the `?`: 39–41bn is below the later $45bn.
    let found = findings(&after_total(" max", &["2001 trade x = $45bn"]));
    let record = found.iter().find(|f| f.code() == "record").expect("a record error");
    assert_eq!(record.message, "trade x for 2000 is flagged `max`, but trade x for 2001 is larger");
    let help = "$39–41bn < $45bn: the value of `x` derived from its total ($39–41bn) is below $45bn (44.5–45.5) claimed for 2001";
    assert_eq!(record.help.as_deref(), Some(help));
    assert!(record.related.iter().any(|l| l.message == "`x` is derived from this total, $50bn (49.5–50.5)"));
    // A written `max` below the derived value, at any date, is contradicted; a `min` is not.
    let found = findings(&after_total("", &["2001 trade x = $30bn max", "2002 trade x = $30bn min"]));
    let codes: Vec<&str> = found.iter().map(|f| f.code()).collect();
    assert_eq!(codes, ["derived", "record"]);
    assert_eq!(found[1].message, "trade x for 2001 is flagged `max`, but trade x derived for 2000 is larger");
    assert!(found[1]
        .help
        .as_deref()
        .unwrap()
        .ends_with("is below the value of `x` derived from its total ($39–41bn) for 2000"));
    // Within rounding only: $39.6bn is below 40 as written, not below 39–41bn.
    let found = findings(&after_total("", &["2001 trade x = $39.6bn max"]));
    assert_eq!(found.iter().map(|f| f.code()).collect::<Vec<_>>(), ["derived", "rounding"]);
    assert_eq!(
        found[1].help.as_deref(),
        Some("as written $39.6bn is below the derived $40bn for 2000; within rounding it need not be")
    );
}

#[test]
fn a_derived_share_and_an_earlier_derived_record() {
    let shares = "source s \"S\"\nmeasure share \"Share\" unit %\n2010 shares share complete [@s]\n    A ?\n    B 20%\n    C 10%\n";
    let found = findings(&format!("{shares}2012 share A = 24% max [@s]\n"));
    let record = found.iter().find(|f| f.code() == "record").expect("a record error");
    assert!(record.related.iter().any(|l| l.message == "`A` is derived from these shares"), "{record:?}");
    assert!(record.help.as_deref().unwrap().starts_with("24% < 69–71%: "), "{:?}", record.help);
    assert!(codes(&format!("{shares}2012 share A = 72% max [@s]\n")).iter().all(|c| c.0 != "record"));
    // `largest` against a derived value of any item dated strictly earlier.
    let largest = findings(&format!("{shares}2012 share D = 50% largest [@s]\n"));
    assert_eq!(largest.iter().map(|f| f.code()).collect::<Vec<_>>(), ["derived", "record"]);
    assert_eq!(
        largest[1].message,
        "share D for 2012 is flagged `largest`, but the earlier share A derived for 2010 is larger"
    );
    assert!(codes(&format!("{shares}2012 share D = 75% largest [@s]\n")).iter().all(|c| c.0 != "record"));
}

#[test]
fn a_disputed_or_open_derived_value_decides_nothing() {
    // The block contradicts itself, or a stated claim of the same quantity rules it out: those
    // errors alone.
    let over = claims(&["2000 total trade = $5bn", "2001 trade x = $1bn max"])
        .replace("$5bn [@s]\n", "$5bn [@s]\n    x ?\n    y $10bn\n");
    assert_eq!(codes(&over), vec![("total-mismatch", 4)]);
    let ruled_out = codes(&after_total("", &["2000 trade x = $20bn", "2001 trade x = $30bn max"]));
    assert!(ruled_out.iter().all(|c| c.0 != "record"), "{ruled_out:?}");
    // A `?` part beside a `?` total may be anything.
    let open = claims(&["2000 total trade = ?", "2001 trade x = $1bn max"])
        .replace("? [@s]\n", "? [@s]\n    x ? min\n    y $10bn\n");
    assert!(codes(&open).is_empty(), "{:?}", codes(&open));
}

#[test]
fn a_dispute_drops_a_block_whatever_else_is_flagged() {
    // `y` is derived as at most $40bn here and claimed $45bn there: the block is disputed, so
    // `x`'s derived value decides nothing, whether or not `y`'s series carries a flag.
    let head = "source s \"S\"\nmeasure trade \"T\" unit USD\n2000 total trade = $50bn [@s]\n    x ?\n    y ?\n    z $10bn\n2000 trade y = $45bn [@s]\n2001 trade x = $42bn min [@s]\n";
    assert!(codes(head).iter().all(|c| c.0 != "record"), "{:?}", codes(head));
    let flagged = format!("{head}2005 trade y = $46bn up [@s]\n");
    assert!(codes(&flagged).iter().all(|c| c.0 != "record"), "{:?}", codes(&flagged));
    // Two blocks of one total: the `?` total of the second, though no flag weighs it, disputes
    // the first.
    let twice = "source s \"S\"\nmeasure trade \"T\" unit USD\n2000 total trade = $50bn [@s]\n    x ?\n    y $10bn\n2000 total trade = ? [@s]\n    z $5bn\n    w $5bn\n2001 trade x = $30bn max [@s]\n";
    assert!(codes(twice).iter().all(|c| c.0 != "record"), "{:?}", codes(twice));
}

#[test]
fn a_claim_of_the_same_date_narrows_the_record() {
    // `~ $4.2bn` alone may exceed $4.3bn; beside `$4.18bn` it is 4.175–4.185, below 4.25–4.35.
    let text = claims(&["2005 deal Petro ~ $4.2bn largest", "2005 deal Petro = $4.18bn", "1997 deal Aktobe = $4.3bn"]);
    let found = findings(&text);
    let record = found.iter().find(|f| f.code() == "record").expect("a record error");
    // No note says the flag holds within rounding: only `conflict`'s, on the two 2005 values.
    let notes: Vec<&str> = found.iter().filter(|f| f.code() == "rounding").map(|f| &f.message[..]).collect();
    assert_eq!(notes, ["deal Petro for 2005: $4.18bn and ~ $4.2bn agree only within rounding"]);
    let help = "~ $4.2bn with $4.18bn < $4.3bn: ~ $4.2bn with $4.18bn of the same date (4.175–4.185) is below the earlier $4.3bn (4.25–4.35) claimed for 1997";
    assert_eq!(record.help.as_deref(), Some(help));
    let labels: Vec<&str> = record.related.iter().map(|l| &l.message[..]).collect();
    assert_eq!(
        labels,
        [
            "~ $4.2bn with $4.18bn of the same date (4.175–4.185)",
            "larger: $4.3bn (4.25–4.35)",
            "with the claim of the same date: $4.18bn (4.175–4.185)"
        ]
    );
    // `max` over the series: `$1..10bn` is held to 1.5–2.5 by `$2bn`, below 2001's $5bn.
    let max = claims(&["2000 trade = $1..10bn max", "2000 trade = $2bn", "2001 trade = $5bn"]);
    assert_eq!(codes(&max), vec![("record", 4)]);
    // Without the sibling, `~ $4.2bn` is `largest` only within rounding.
    let alone = claims(&["2005 deal Petro ~ $4.2bn largest", "1997 deal Aktobe = $4.3bn"]);
    assert_eq!(codes(&alone), vec![("rounding", 4)]);
    // An excluded bound stays excluded: below 4.55 is below 2001's 4.55–4.65, not at it.
    let below = ["2002 deal ~ $5bn largest", "2002 deal < $4.5bn", "2001 deal = $4.6bn"];
    assert_eq!(records(&claims(&below)), [4]);
    let at_most = ["2002 deal ~ $5bn largest", "2002 deal <= $4.5bn", "2001 deal = $4.6bn"];
    assert_eq!(records(&claims(&at_most)), [0; 0]);
}

/// The lines of the `record` findings (beside which `conflict` may note siblings that agree
/// only within rounding).
fn records(text: &str) -> Vec<usize> {
    codes(text).into_iter().filter(|c| c.0 == "record").map(|c| c.1).collect()
}

#[test]
fn siblings_that_leave_the_record_possible_or_pin_nothing_are_silent() {
    let petro =
        |sibling: &str| records(&claims(&["2005 deal Petro ~ $4.2bn largest", sibling, "1997 deal Aktobe = $4.3bn"]));
    // Values that may still be the largest, a plan, another unit, another written date, and a
    // sibling conflicting with a third claim of the date (a `conflict`, not a narrowing).
    for sibling in [
        "2005 deal Petro = $4.3bn",
        "2005 deal Petro = $4.18bn target",
        "2005 deal Petro = €4.18bn",
        "2005-08 deal Petro = $4.18bn",
        "2005 deal Petro = $4.18bn\n2005 deal Petro = $4.6bn",
        "2005 deal Other = $4.18bn",
    ] {
        assert_eq!(petro(sibling), [0; 0], "{sibling}");
    }
    // $6bn holds the `max` to 5.5–6.5, which 2001's 4.5–5.5 only touches.
    let max = claims(&["2000 trade = $1..10bn max", "2000 trade = $6bn", "2001 trade = $5bn"]);
    assert_eq!(records(&max), [0; 0]);
    // Values that would exclude both bounds are weighed as written: no note that the flag
    // holds only within rounding, which it does not.
    let open = claims(&["2003 trade = $3bn", "1999 trade > $1bn max", "1999 trade < $2bn up"]);
    assert_eq!(codes(&open), []);
}

#[test]
fn a_claim_beyond_the_record_is_narrowed_by_its_siblings_too() {
    // 2001's `~ $7bn` is 7.15–7.25 beside `$7.2bn`: both are labelled, once each.
    let text = claims(&["2000 trade = $5bn max", "2001 trade ~ $7bn", "2001 trade = $7.2bn"]);
    let found = findings(&text);
    let record = found.iter().find(|f| f.code() == "record").expect("a record error");
    let labels: Vec<&str> = record.related.iter().map(|l| &l.message[..]).collect();
    assert_eq!(
        labels,
        ["$5bn (4.5–5.5)", "larger: ~ $7bn with $7.2bn of the same date (7.15–7.25)", "larger too: $7.2bn (7.15–7.25)"]
    );
}
