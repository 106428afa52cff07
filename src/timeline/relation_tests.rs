//! Relations as the `timeline` check reports them, exercised through its findings: offsets
//! and orders that hold within rounding or on one day, loops of offsets without dates,
//! independent violations, and circles of relations (found by [`super::cycles`], described by
//! [`super::explain::circle`]): two orders both ways, `by 0d` both ways, longer circles through
//! claims, one finding per circle, and linear time on a long one.

use crate::checks::test_support::{codes, findings};

const HEAD: &str = "source s \"S\"\nmeasure m \"M\" unit USD\n";

fn timeline(body: &str) -> Vec<crate::finding::Finding> {
    findings(&format!("{HEAD}{body}")).into_iter().filter(|f| f.code() == "timeline").collect()
}

/// A label as the text it spans and its message.
type Shown = (String, String);

#[test]
fn rounding_and_same_day_never_clash() {
    let body = "a: 1997-05 event \"A\" [@s]\nb: 1997-06-20 event \"B\" after a by 1mo [@s]\nc: 1997-06-20 event \"C\" [@s]\norder b < c\nd: 1997-06-20 event \"D\" before c by 0d [@s]\n";
    assert!(timeline(body).is_empty());
}

#[test]
fn independent_violations_are_reported_separately() {
    let body = "a: 2000 event \"A\" [@s]\nb: 1999 event \"B\" after a [@s]\nc: 2010 event \"C\" [@s]\nd: 2011 event \"D\" before c by 1y [@s]\n";
    assert_eq!(codes(&format!("{HEAD}{body}")), vec![("timeline", 4), ("timeline", 6)]);
}

#[test]
fn a_circle_beside_a_violation_through_the_same_event_is_reported_too() {
    // `e0` 3 days after `e3` yet ordered before it: a violation. `e1` after `e3` yet ordered
    // before it: a circle of its own, through `e3` too, and not mended by the first's fix.
    let body = "e0: event \"E0\" after e3 by 3d [@s]\ne1: ~2000-05 event \"E1\" after e3 [@s]\n\
                e3: 2000 m e3 = $1bn [@s]\norder e0 < e3\norder e1 < e3\n";
    assert_eq!(codes(&format!("{HEAD}{body}")), vec![("timeline", 6), ("timeline", 7)]);
    // A circle whose step a date contradicts stays a circle when the date is mended: both.
    let dated = "e0: 2000-01 event \"e0\" [@s]\ne2: 1999 event \"e2\" [@s]\ne3: 2000-06 event \"e3\" [@s]\n\
                 order e3 < e2 < e0\norder e0 < e3\n";
    assert_eq!(codes(&format!("{HEAD}{dated}")), vec![("timeline", 6), ("timeline", 7)]);
    // A circle sharing a relation with a loop of relations is that loop: one finding, in
    // whichever order the lines come.
    let (e2, rest) = (
        "e2: 2000-01 event \"e2\" before e1 by 2w first #t [@s]\n",
        "e0: early 2000 event \"e0\" lasting 1y first #t [@s]\ne1: 2000..2002 event \"e1\" first [@s]\n",
    );
    let orders = "order e2 < e1 < e0\norder e0 < e2\n";
    for body in [format!("{rest}{e2}{orders}"), format!("{rest}{orders}{e2}")] {
        assert_eq!(timeline(&body).len(), 1, "{body}");
    }
    // The circle that is the violation itself is reported once.
    assert_eq!(timeline("a: event \"A\" after b by 1y [@s]\nb: event \"B\" after a by 1y [@s]\n").len(), 1);
}

#[test]
fn a_loop_of_relations_without_dates() {
    let found = timeline("a: event \"A\" after b by 1y [@s]\nb: event \"B\" after a by 1y [@s]\n");
    assert_eq!(found.len(), 1);
    assert!(found[0].message.starts_with("`b` would have to fall at least"), "{}", found[0].message);
    assert_eq!(found[0].related.len(), 1);
}

/// Each finding's message, primary label and related labels.
fn described(body: &str) -> Vec<(String, Shown, Vec<Shown>)> {
    let text = format!("{HEAD}{body}");
    let at = |label: &crate::finding::Label| (text[label.span.range()].to_string(), label.message.clone());
    let found = timeline(body);
    found.iter().map(|f| (f.message.clone(), at(&f.primary), f.related.iter().map(at).collect())).collect()
}

#[test]
fn two_orders_both_ways_are_a_circle() {
    let body = "a: 2000-05-05 event \"A\" [@s]\nb: 2000-05-05 event \"B\" [@s]\norder a < b\norder b < a\n";
    let found = timeline(body);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].message, "`a`, `b` are ordered in a circle: each is said to come before the next");
    assert_eq!(
        found[0].help.as_deref(),
        Some("`a` before `b` (order, line 5), `b` before `a` (order, line 6): each says one came strictly before the next, so they cannot all hold, whatever the days (one day for all included); correct or drop the wrong relation")
    );
    let (_, primary, related) = &described(body)[0];
    assert_eq!(primary, &("b < a".to_string(), "orders `b` before `a`, closing the circle".to_string()));
    assert_eq!(related, &[("a < b".to_string(), "orders `a` before `b`".to_string())]);
    // Written the other way round, the circle closes at the other line.
    let body = "a: 2000 event \"A\" [@s]\nb: 2000 event \"B\" [@s]\norder b < a\norder a < b\n";
    assert_eq!(described(body)[0].1 .0, "a < b");
    assert!(described(body)[0].0.starts_with("`b`, `a` are ordered"));
}

#[test]
fn offsets_that_allow_the_same_day_still_go_round() {
    // `by 0d` both ways, undated or dated alike: neither can come first.
    for body in [
        "x: 2000 event \"X\" after y by 0d [@s]\ny: 2000 event \"Y\" after x by 0d [@s]\n",
        "x: event \"X\" before y by 0d [@s]\ny: event \"Y\" before x by 0d [@s]\n",
    ] {
        let found = timeline(body);
        assert_eq!(found.len(), 1, "{body}");
        assert_eq!(found[0].related.len(), 1, "{body}");
        assert!(found[0].message.contains("ordered in a circle"), "{body}");
        assert_eq!(codes(&format!("{HEAD}{body}")), [("timeline", 4)]);
    }
    let found = timeline("x: 2000 event \"X\" after y by 0d [@s]\ny: 2000 event \"Y\" after x by 0d [@s]\n");
    assert_eq!(
        found[0].help.as_deref().and_then(|h| h.split(':').next()),
        Some("`y` before `x` (after, line 3), `x` before `y` (after, line 4)")
    );
    // An event after itself.
    let found = timeline("x: 2000 event \"X\" after x [@s]\n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].message, "`x` is said to come before itself");
}

#[test]
fn mixed_and_longer_circles_through_claims() {
    // `q` before `p`, `p` < `r` < the claim `t`, `t` < `q`.
    let body = "p: 2000 event \"P\" [@s]\nq: 2000 event \"Q\" before p [@s]\nr: 2000 event \"R\" [@s]\n\
                t: 2000 m = $1bn [@s]\norder p < r < t\norder t < q\n";
    let found = described(body);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "`q`, `p`, `r`, `t` are ordered in a circle: each is said to come before the next");
    assert_eq!(found[0].1, ("t < q".to_string(), "orders `t` before `q`, closing the circle".to_string()));
    let related: Vec<&str> = found[0].2.iter().map(|(at, _)| at.as_str()).collect();
    assert_eq!(related, ["before p", "p < r", "r < t"]);
    // a < b < c and c < a; and separately two circles sharing nothing.
    let body = "a: 2001 event \"A\" [@s]\nb: 2001 event \"B\" [@s]\nc: 2001 event \"C\" [@s]\n\
                d: 2001 event \"D\" [@s]\ne: 2001 event \"E\" [@s]\n\
                order a < b < c\norder d < e\norder e < d\norder c < a\n";
    assert_eq!(codes(&format!("{HEAD}{body}")), [("timeline", 10), ("timeline", 11)]);
}

#[test]
fn one_finding_per_circle_with_every_relation_labelled() {
    // a ⇄ b closes first (line 4); b ⇄ c goes round as well.
    let body = "a: 2001 event \"A\" [@s]\nb: 2001 event \"B\" [@s]\nc: 2001 event \"C\" [@s]\n\
                order a < b\norder b < a\norder b < c\norder c < b\n";
    let found = timeline(body);
    assert_eq!(found.len(), 1);
    assert_eq!(codes(&format!("{HEAD}{body}")), [("timeline", 7)]);
    assert_eq!(found[0].related.len(), 3);
    assert!(found[0]
        .help
        .as_deref()
        .is_some_and(|h| h.contains("; 2 more relations among them (labelled) go round too")));
}

#[test]
fn a_long_circle_is_found_in_linear_time() {
    let n: usize = 20_000;
    let mut body: String =
        (0..n).map(|i| format!("e{i}: event \"E\" after e{} by 0d [@s]\n", (i + n - 1) % n)).collect();
    body.extend((0..n).map(|i| format!("f{i}: 2000 event \"F\" [@s]\n")));
    let ids: Vec<String> = (0..n).map(|i| format!("f{i}")).collect();
    // Lines of a thousand steps (a line may be at most 64 KiB), each going on from the last.
    for start in (0..n).step_by(1000) {
        body.push_str(&format!("order {}\n", ids[start.saturating_sub(1)..(start + 1000).min(n)].join(" < ")));
    }
    body.push_str(&format!("order f{} < f0\n", n - 1));
    let started = std::time::Instant::now();
    let found = timeline(&body);
    assert_eq!(found.len(), 2);
    assert!(found[0].message.contains(" and 19988 more are ordered in a circle"), "{}", found[0].message);
    assert_eq!(found[0].related.len() + 1, n);
    assert!(started.elapsed().as_secs() < 60);
}
