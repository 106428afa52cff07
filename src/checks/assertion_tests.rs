//! The `assertion` check's findings: what they say, and which notes they leave out.

use crate::checks::test_support::findings;

const HEAD: &str = "source s \"S\"\nmeasure trade \"T\" unit USD\nmeasure oil \"O\" unit Mtoe\nmeasure share \"S\" unit %\nt1: 1999 trade = $1.2bn [@s]\nt2: 2000 trade = $1.5bn [@s]\nsh: 2000 share = 17.5% [@s]\n";

#[test]
fn impossible_asserts_state_both_sides() {
    let found = findings(&format!("{HEAD}assert t2 > 2 * t1 [@s]\n"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code(), "assertion");
    assert_eq!(found[0].related.len(), 2, "both claims are labelled");
    let help = found[0].help.as_deref().unwrap();
    assert!(help.contains("$1.45–1.55bn is never above $2.3–2.5bn"), "{help}");
}

#[test]
fn messages_do_not_depend_on_spacing() {
    let found = findings(&format!("{HEAD}assert t2   >   2 *  t1 [@s]\n"));
    assert_eq!(found[0].message, "`t2 > 2 * t1` cannot hold for any values in range");
    assert!(found[0].help.as_deref().unwrap().starts_with("`t2` > `2 * t1`, but"), "{:?}", found[0].help);
}

#[test]
fn a_note_names_the_rounding_an_assert_rests_on() {
    let found = findings(&format!("{HEAD}assert t2 = $2bn [@s]\n"));
    assert_eq!((found.len(), found[0].code()), (1, "rounding"), "{found:?}");
    let help = found[0].help.as_deref().unwrap();
    assert_eq!(
        help,
        "as written, `t2` is $1.5bn and `$2bn` is $2bn: only the rounding of the claims and of `$2bn` lets them meet"
    );
    let labels: Vec<&str> = found[0].related.iter().map(|l| l.message.as_str()).collect();
    assert_eq!(labels, vec!["`t2` = $1.5bn (1.45–1.55)", "`$2bn` covers $1.5–2.5bn"]);
}

#[test]
fn real_contradictions_with_amounts_are_still_found() {
    // t2 is 1.45–1.55bn. `$2.0bn` is 1.95–2.05bn: 1.55 < 1.95, never above.
    let found = findings(&format!("{HEAD}assert t2 > $2.0bn [@s]\n"));
    assert_eq!((found.len(), found[0].code()), (1, "assertion"), "{found:?}");
    let help = found[0].help.as_deref().unwrap();
    assert_eq!(help, "`t2` > `$2.0bn`, but $1.45–1.55bn is never above $1.95–2.05bn");
    // t1 + `$0.50bn` is 1.15–1.25bn + 0.495–0.505bn = 1.645–1.755bn; t2 tops out at 1.55.
    // The amount is part of a side, so a label says what it covers.
    let found = findings(&format!("{HEAD}assert t2 > t1 + $0.50bn [@s]\n"));
    assert_eq!((found.len(), found[0].code()), (1, "assertion"), "{found:?}");
    assert!(found[0].help.as_deref().unwrap().ends_with("$1.45–1.55bn is never above $1.645–1.755bn"));
    let labels: Vec<&str> = found[0].related.iter().map(|l| l.message.as_str()).collect();
    assert!(labels.contains(&"`$0.50bn` covers $0.495–0.505bn"), "{labels:?}");
}

#[test]
fn asserts_that_contradict_each_other_are_reported_on_the_one_the_message_blames() {
    let text = "source s \"S\"\nmeasure m \"M\" unit USD\nr: 2000 m = $1bn..9bn [@s]\nassert r > $5bn [@s]\nassert r < $3bn [@s] ; allow(assertion)\n";
    assert!(findings(text).is_empty(), "the finding is on the later assert, which allows it");
    let found = findings(&text.replace(" ; allow(assertion)", ""));
    let line = text[..found[0].primary.span.start as usize].matches('\n').count() + 1;
    assert_eq!((found[0].code(), line), ("assertion", 5));
    assert!(found[0].primary.message.ends_with("needs a value the rest rule out"), "{}", found[0].primary.message);
}
