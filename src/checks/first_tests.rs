//! The `first` check's findings: events that dates, chains of relations, or the days the
//! relations hold them apart put before a `first` event, and the near cases left silent.

use crate::checks::test_support::{codes, findings};
use crate::finding::LISTED;

const HEAD: &str = "source s \"S\"\n";

#[test]
fn a_planned_event_precedes_nothing() {
    let text = format!("{HEAD}a: 1992 event \"A\" target #rail [@s]\nb: 1995-09 event \"B\" first #rail [@s]\n");
    assert_eq!(codes(&text), []);
    let real = text.replace(" target", "");
    assert_eq!(codes(&real), [("first", 3)]);
}

#[test]
fn an_earlier_event_with_a_shared_tag() {
    let text = format!("{HEAD}a: 1992 event \"A\" #rail [@s]\nb: 1995-09 event \"B\" first #port #rail [@s]\n");
    let found = findings(&text);
    assert_eq!(codes(&text), [("first", 3)]);
    assert_eq!(found[0].message, "`b` is flagged `first`, but `a` shares #rail and is earlier");
    assert_eq!(found[0].related[0].message, "#rail too, dated 1992");
    let help = found[0].help.clone().unwrap_or_default();
    assert!(help.starts_with("`a` (1992) necessarily comes before `b` (1995-09); drop `first`"), "{help}");
}

#[test]
fn every_earlier_event_is_labelled() {
    let text = format!(
        "{HEAD}a: 1995 event \"A\" #p [@s]\nc: 1990 event \"C\" #p [@s]\nb: 1997 event \"B\" first #p [@s]\nd: 1998 event \"D\" #p [@s]\n"
    );
    let found = findings(&text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].message, "`b` is flagged `first`, but `c` shares #p and is earlier");
    let line = |offset: u32| text[..offset as usize].matches('\n').count() + 1;
    assert_eq!(found[0].related.iter().map(|l| line(l.span.start)).collect::<Vec<_>>(), [3, 2]);
    assert_eq!(found[0].related[1].message, "#p too, also earlier: dated 1995");
    assert_eq!(
        found[0].help.as_deref(),
        Some("`c` (1990) necessarily comes before `b` (1997), and so does `a` (1995); drop `first`, change a tag, or correct a date")
    );
}

#[test]
fn events_that_relations_put_earlier() {
    // Undated, 6mo before: its derived dates (1999-06…2000-07) overlap `a`'s.
    let text = format!("{HEAD}a: 2000 event \"A\" first #t [@s]\nb: event \"B\" before a by 6mo #t [@s]\n");
    let found = findings(&text);
    assert_eq!(codes(&text), [("first", 2)]);
    assert_eq!(
        found[0].help.as_deref(),
        Some("`b` necessarily comes before `a` (`b` 6mo before `a`); drop `first`, change a tag, or correct a date or a relation")
    );
    assert_eq!(found[0].related[1].message, "6mo before `a`");
}

#[test]
fn many_earlier_events_are_counted_past_a_dozen() {
    // 20 events dated earlier and 2 related earlier: one named, a dozen labelled, 9 counted.
    let mut body: String = (0..20).map(|i| format!("e{i}: {} event \"E\" #a [@s]\n", 1500 + i)).collect();
    body.push_str("r: event \"R\" before last by 1d #a [@s]\nq: event \"Q\" before r by 1d #a [@s]\n");
    body.push_str("last: 1900 event \"Last\" first #a [@s]\n");
    let found = findings(&format!("{HEAD}{body}"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].message, "`last` is flagged `first`, but `e0` shares #a and is earlier");
    assert_eq!(found[0].related.len(), 1 + LISTED);
    let help = found[0].help.clone().unwrap_or_default();
    assert!(help.contains(&format!(" and {} more;", 20 + 2 - 1 - LISTED)), "{help}");
}

/// Three relations hung from `a` (dated 2001), with `first` and tags as given.
fn hung(lines: &[&str]) -> String {
    let body: String = lines.iter().map(|l| format!("{l} [@s]\n")).collect();
    format!("{HEAD}a: 2001 event \"Agreement signed\" [@s]\n{body}")
}

#[test]
fn two_events_hung_from_one_wide_anchor() {
    // 3mo is 73…108 days and 1y 181…550: `pipe1` comes 73 days or more before `pipe2`,
    // on whichever day of 2001 `a` fell, though their derived windows overlap.
    let text = hung(&[
        "pipe1: event \"Pipeline A opened\" after a by 3mo #pipeline",
        "pipe2: event \"Pipeline B opened\" after a by 1y first #pipeline",
    ]);
    let found = findings(&text);
    assert_eq!(codes(&text), [("first", 4)]);
    assert_eq!(found[0].message, "`pipe2` is flagged `first`, but `pipe1` shares #pipeline and is earlier");
    let labels: Vec<&str> = found[0].related.iter().map(|l| l.message.as_str()).collect();
    assert_eq!(labels, ["#pipeline too, derived 2001-03-15…2002-04-18", "3mo after `a`", "1y after `a`"]);
    assert_eq!(
        found[0].help.as_deref(),
        Some("`pipe1` comes 73 days or more before `pipe2` (`pipe1` 3mo after `a`; `pipe2` 1y after `a`); drop `first`, change a tag, or correct a date or a relation")
    );
}

#[test]
fn written_dates_that_overlap_but_hang_apart() {
    let text = hung(&["e: 2001 event \"E\" after a by 10d #t", "f: 2001 event \"F\" after a by 1y first #t"]);
    let found = findings(&text);
    assert_eq!(codes(&text), [("first", 4)]);
    let help = found[0].help.clone().unwrap_or_default();
    assert!(help.starts_with("`e` comes "), "{help}");
    assert!(help.contains(" days or more before `f` (`e` 10d after `a`; `f` 1y after `a`)"), "{help}");
}

#[test]
fn through_before_and_after() {
    // `e1` is on `e3`'s day and `e4` three days before `e1`: `e4` is before `e3`.
    let text = format!(
        "{HEAD}e3: 2001 event \"E3\" first #t [@s]\ne1: event \"E1\" after e3 by 0d [@s]\n\
         e4: event \"E4\" before e1 by 3d #t [@s]\n"
    );
    let found = findings(&text);
    assert_eq!(codes(&text), [("first", 2)]);
    assert_eq!(found[0].message, "`e3` is flagged `first`, but `e4` shares #t and is earlier");
    let help = found[0].help.clone().unwrap_or_default();
    assert!(help.contains(" or more before `e3` (`e4` 3d before `e1`; `e1` 0d after `e3`)"), "{help}");
}

#[test]
fn windows_that_may_tie_or_reverse_stay_silent() {
    for (earlier, later) in [("3mo", "4mo"), ("0d", "0d"), ("1y", "1y"), ("10d", "10d")] {
        let text = hung(&[
            &format!("p: event \"P\" after a by {earlier} #t"),
            &format!("q: event \"Q\" after a by {later} first #t"),
        ]);
        assert!(codes(&text).is_empty(), "{earlier} and {later}: {:?}", findings(&text));
    }
    // Through `before`: `e4` may fall on `e3`'s day.
    let text = format!(
        "{HEAD}e3: 2001 event \"E3\" first #t [@s]\ne1: event \"E1\" after e3 by 3d [@s]\n\
         e4: event \"E4\" before e1 by 3d #t [@s]\n"
    );
    assert!(codes(&text).is_empty(), "{:?}", findings(&text));
    // Held apart, but sharing no tag.
    let text = hung(&["p: event \"P\" after a by 3mo #u", "q: event \"Q\" after a by 1y first #t"]);
    assert!(codes(&text).is_empty());
}

#[test]
fn held_apart_by_a_network_with_violations_is_left_to_timeline() {
    // `b` cannot be both 1990 and after `a` (2001): the network is broken, so only `timeline`.
    let text = hung(&[
        "p: event \"P\" after a by 3mo #t",
        "q: event \"Q\" after a by 1y first #t",
        "b: 1990 event \"B\" after a",
    ]);
    assert_eq!(codes(&text).iter().map(|c| c.0).collect::<Vec<_>>(), ["timeline"]);
}

#[test]
fn relations_on_a_circle_hold_nothing_apart() {
    // `b` on `a`'s day (or the next) and `c` 2–4 days before `b` put `c` before `a`, but
    // `order b < a` closes a circle with `after a` (a `timeline` error), which says nothing
    // about which came first.
    let text = format!(
        "{HEAD}a: 2000 event \"A\" first #t [@s]\nb: event \"B\" after a by 0d [@s]\n\
         c: event \"C\" before b by 3d #t [@s]\norder b < a\n"
    );
    assert_eq!(codes(&text).iter().map(|c| c.0).collect::<Vec<_>>(), ["timeline"]);
    // Off the circle, the same relations do.
    let text = text.replace("order b < a\n", "");
    assert_eq!(codes(&text), [("first", 2)]);
    let help = findings(&text)[0].help.clone().unwrap_or_default();
    assert!(help.starts_with("`c` comes a day or more before `a`"), "{help}");
}

#[test]
fn many_first_events_hung_from_one_anchor_stay_within_the_budget() {
    // 20 000 events 1y after one anchor, each flagged `first` of one tag, and one dated in the
    // anchor's year: each search from one could reach all the others through the anchor, and
    // none is held before another.
    let mut text = format!("{HEAD}a: 2001 event \"A\" [@s]\n");
    for i in 0..20_000 {
        text.push_str(&format!("e{i}: event \"E\" after a by 1y first #t [@s]\n"));
    }
    text.push_str("w: 2001 event \"W\" #t [@s]\n");
    let started = std::time::Instant::now();
    let found = findings(&text);
    assert!(found.iter().all(|f| f.code() != "first"));
    assert!(started.elapsed().as_secs() < 60);
}
