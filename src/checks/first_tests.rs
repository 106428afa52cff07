//! The `first` check's findings: events that dates or chains of relations put before a
//! `first` event, and how many are labelled.

use crate::checks::test_support::{codes, findings};
use crate::finding::LISTED;

const HEAD: &str = "source s \"S\"\n";

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
