//! `timeline`: dates, `order` lines, `after`/`before … by` offsets and `lasting` durations
//! that no placement of the events in their date intervals can satisfy together. The
//! reasoning is a simple temporal network (see `crate::timeline::schedule`); each violated
//! chain of constraints is reported once, with every claim and event on it labelled. A circle
//! of relations (`order a < b` and `order b < a`) is reported once too, with every relation in
//! it labelled: each relation says one thing came strictly before another, so no days fit.

use crate::finding::{Finding, Label, LISTED};
use crate::model::{Model, Order, Target};
use crate::registry::{self, Docs};
use crate::timeline::explain;
use crate::timeline::schedule::MAX_VIOLATIONS;
use rustc_hash::FxHashMap as HashMap;

pub static DOCS: Docs = Docs {
    what: "Dates, `order a < b` lines, `after`/`before ID by DURATION` offsets and `lasting DURATION` spans that cannot all hold, whatever day inside each written date the events took place. `after X by 1mo` means this event started 1mo (half a month either way: 14–47 days) after X started; plain `after X`, `before X` and `order` only require the order of the start days, so two things dated the same day never clash over their dates. Offsets and orders always compare start days, periods included; `lasting` is the time from a period's start to its end. Each `order`, `after` and `before` still says one thing happened strictly before another, even `by 0d`: relations that lead round in a circle (`order a < b` with `order b < a`, `x after y` with `y after x`, or a longer loop mixing them, through events and the dated claims that `order` names) cannot all hold whatever the days, and each circle is reported once, at the relation that closes it, with every relation in it labelled. An `order` line that names one claim or event twice (`order a < b < a`) is reported as such: it would put it before itself.",
    why: "A relative date copied from the manuscript (\"a month after the speech\") and an absolute one written elsewhere can silently disagree; one of them is a transcription error or an error in the text itself.",
    example: "speech: 1997-05 event \"Speech\" [@a]\ndeal: 1997-09 event \"Deal\" after speech by 1mo [@a]\n; `deal` must fall in 1997-05-15…1997-07-17 (`speech` dated 1997-05; `deal` 1mo after `speech`) but is dated 1997-09\nvisit: 1997-06-03 event \"Visit\" [@a]\nsigning: 1997-06-03 event \"Signing\" [@a]\norder visit < signing\norder signing < visit\n; `visit`, `signing` are ordered in a circle: each is said to come before the next",
    fix: "Check each labelled date and relation against the source and correct the wrong one; widen an uncertain date (`~1997-09`, `1997`) or duration (`~1mo`) only if the source is vague about it. Name each claim or event once in an `order` line. In a circle of relations at least one is wrong: drop it, or turn it round; if the source cannot tell which came first, state neither.",
};

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    let mut found = repeated_in_orders(model);
    let violations = ctx.schedule().violations.iter().map(|v| explain::finding(model, v));
    found.extend(violations.take(MAX_VIOLATIONS.saturating_sub(found.len())));
    let circles = ctx.schedule().circles.iter().filter_map(|c| explain::circle(model, ctx.sources, c));
    found.extend(circles.take(MAX_VIOLATIONS.saturating_sub(found.len())));
    found
}

/// An `order` line that names one claim or event twice (`order a < b < a`) puts it before
/// itself, which no date can satisfy: one finding per repeated id, at its second mention, with
/// every mention labelled (the first few; the rest are counted). At most [`MAX_VIOLATIONS`].
fn repeated_in_orders(model: &Model) -> Vec<Finding> {
    let mut found = Vec::new();
    let mut mentions: HashMap<&str, Vec<usize>> = HashMap::default();
    for order in &model.orders {
        let ids = &order.ids;
        // Most lines are short: compare each id with those before it.
        if ids.len() <= 16 && !(1..ids.len()).any(|i| ids[..i].iter().any(|(name, _)| *name == ids[i].0)) {
            continue;
        }
        mentions.clear();
        ids.iter().enumerate().for_each(|(i, (name, _))| mentions.entry(name.as_str()).or_default().push(i));
        let mut twice: Vec<&Vec<usize>> = mentions.values().filter(|at| at.len() > 1).collect();
        twice.sort_by_key(|at| at[1]);
        for at in twice {
            // An id naming nothing is `unknown-id`'s business; an assert has no time.
            if matches!(model.target(&ids[at[0]].0), None | Some(Target::Assert(_))) {
                continue;
            }
            if found.len() == MAX_VIOLATIONS {
                return found;
            }
            found.push(self_order(model, order, at));
        }
    }
    found
}

/// The finding for one id that `order` names at the positions `at` (two or more).
fn self_order(model: &Model, order: &Order, at: &[usize]) -> Finding {
    let (name, span) = &order.ids[at[1]];
    let target = model.target(name).map_or_else(|| format!("`{name}`"), |t| explain::name(model, t));
    let times = match at.len() {
        2 => "twice".to_string(),
        n => format!("{n} times"),
    };
    let line = crate::finding::listed(order.ids.iter(), " < ", |(id, _)| id.to_string());
    let mut finding = Finding::new(
        &registry::TIMELINE,
        format!("{target} is ordered before itself"),
        Label::new(order.loc.file, *span, format!("`{name}` again, so before itself")),
    )
    .with_related(Label::new(order.loc.file, order.ids[at[0]].1, format!("`{name}` first here")))
    .with_help(format!(
        "`order {line}` names {target} {times}, so it would have to happen before itself; name each claim or event once in an order"
    ));
    for &later in at.iter().skip(2).take(LISTED) {
        finding = finding.with_related(Label::new(order.loc.file, order.ids[later].1, format!("`{name}` again")));
    }
    finding
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{codes, findings};
    use crate::timeline::schedule::MAX_VIOLATIONS;

    const HEAD: &str = "source s \"S\"\nmeasure m \"M\" unit USD\n";

    fn timeline(body: &str) -> Vec<crate::finding::Finding> {
        findings(&format!("{HEAD}{body}")).into_iter().filter(|f| f.code() == "timeline").collect()
    }

    #[test]
    fn a_relative_date_against_an_absolute_one() {
        let found =
            timeline("speech: 1997-05 event \"Speech\" [@s]\ndeal: 1997-09 event \"Deal\" after speech by 1mo [@s]\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "`deal` cannot be dated 1997-09");
        assert_eq!(
            found[0].help.as_deref(),
            Some("`deal` must fall in 1997-05-15…1997-07-17 (`speech` dated 1997-05; `deal` 1mo after `speech`) but is dated 1997-09")
        );
        let labels: Vec<&str> = found[0].related.iter().map(|l| l.message.as_str()).collect();
        assert_eq!(labels, ["dated 1997-05", "1mo after `speech`"]);
        assert_eq!(found[0].primary.message, "dated 1997-09, but must fall in 1997-05-15…1997-07-17");
    }

    #[test]
    fn rounding_and_same_day_never_clash() {
        let body = "a: 1997-05 event \"A\" [@s]\nb: 1997-06-20 event \"B\" after a by 1mo [@s]\nc: 1997-06-20 event \"C\" [@s]\norder b < c\nd: 1997-06-20 event \"D\" before c by 0d [@s]\n";
        assert!(timeline(body).is_empty());
    }

    #[test]
    fn orders_over_claims_and_events() {
        let body = "x: 2005 m = $1bn [@s]\ny: 2001 event \"Y\" [@s]\norder x < y\n";
        let found = timeline(body);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].help.as_deref(),
            Some("`y` must fall on or after 2005-01-01 (`x` dated 2005; order `x` before `y`) but is dated 2001")
        );
        assert_eq!(found[0].related.len(), 2);
        // An id naming nothing (reported as `unknown-id`) does not break the chain.
        let found = timeline("x: 2005 m = $1bn [@s]\ny: 2001 event \"Y\" [@s]\norder x < nothing < y\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].related[1].message, "orders `x` before `y`");
    }

    #[test]
    fn independent_violations_are_reported_separately() {
        let body = "a: 2000 event \"A\" [@s]\nb: 1999 event \"B\" after a [@s]\nc: 2010 event \"C\" [@s]\nd: 2011 event \"D\" before c by 1y [@s]\n";
        assert_eq!(codes(&format!("{HEAD}{body}")), vec![("timeline", 4), ("timeline", 6)]);
    }

    #[test]
    fn an_order_naming_one_thing_twice() {
        let body =
            "t2000: 2000 m = $1bn [@s]\nb: 2000 event \"B\" [@s]\norder t2000 < t2000\norder t2000 < b < t2000\n";
        let found = timeline(body);
        assert_eq!(codes(&format!("{HEAD}{body}")), vec![("timeline", 5), ("timeline", 6)]);
        assert_eq!(found[0].message, "`t2000` is ordered before itself");
        let text = format!("{HEAD}{body}");
        let at = |label: &crate::finding::Label| &text[label.span.range()];
        assert_eq!(
            (at(&found[0].primary), found[0].primary.span.start as usize),
            ("t2000", text.find("< t2000").unwrap() + 2)
        );
        assert_eq!(found[0].related.len(), 1);
        assert_eq!((at(&found[0].related[0]), found[0].related[0].message.as_str()), ("t2000", "`t2000` first here"));
        assert_eq!(
            found[1].help.as_deref(),
            Some("`order t2000 < b < t2000` names `t2000` twice, so it would have to happen before itself; name each claim or event once in an order")
        );
        // Three mentions, a long line, and ids that name nothing (`unknown-id` reports those).
        let ids: Vec<String> = (0..40).map(|i| format!("e{i}")).collect();
        let events: String = ids.iter().map(|id| format!("{id}: 2000 event \"E\" [@s]\n")).collect();
        let body = format!("{events}order e1 < e2 < e1 < e3 < e1\norder {} < e0\norder x < x\n", ids.join(" < "));
        let found = timeline(&body);
        assert_eq!(found.len(), 2);
        assert_eq!(
            (found[0].related.len(), found[0].help.as_deref().map(|h| h.contains("three times"))),
            (2, Some(false))
        );
        assert!(found[0].help.as_deref().is_some_and(|h| h.contains("names `e1` 3 times")));
        assert_eq!(found[1].message, "`e0` is ordered before itself");
        // Ordered again on a line of its own, the same way, it is not reported again.
        let body = "a: 2000 event \"A\" [@s]\nb: 2000 event \"B\" [@s]\norder a < b < a\norder a < b\n";
        assert_eq!(codes(&format!("{HEAD}{body}")), vec![("timeline", 5)]);
    }

    #[test]
    fn a_loop_of_relations_without_dates() {
        let found = timeline("a: event \"A\" after b by 1y [@s]\nb: event \"B\" after a by 1y [@s]\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.starts_with("`b` would have to fall at least"), "{}", found[0].message);
        assert_eq!(found[0].related.len(), 1);
    }

    /// A label as the text it spans and its message.
    type Shown = (String, String);

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
    fn a_circle_is_not_reported_twice() {
        // Offsets that already make a loop impossible: the network's finding stands alone.
        let found = timeline("x: 2000 event \"X\" after y by 1y [@s]\ny: 2000 event \"Y\" after x by 1y [@s]\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("would have to fall at least"), "{}", found[0].message);
        // A line naming something twice is reported as such, and only so.
        let found = timeline("a: 2000 event \"A\" [@s]\nb: 2000 event \"B\" [@s]\norder a < b < a\norder a < a\n");
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|f| f.message == "`a` is ordered before itself"));
        // Dates that also clash are a finding of their own.
        let found = timeline("a: 2000 event \"A\" [@s]\nb: 2001 event \"B\" [@s]\norder a < b\norder b < a\n");
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn circles_count_towards_the_cap() {
        let body: String = (0..MAX_VIOLATIONS + 20)
            .map(|i| {
                format!(
                    "a{i}: 2000 event \"A\" [@s]\nb{i}: 2000 event \"B\" [@s]\norder a{i} < b{i}\norder b{i} < a{i}\n"
                )
            })
            .collect();
        let found = timeline(&body);
        assert_eq!(found.len(), MAX_VIOLATIONS);
        // The first ones written.
        assert!(found.iter().any(|f| f.message.starts_with("`a0`, `b0`")));
        assert!(!found.iter().any(|f| f.message.starts_with(&format!("`a{}`", MAX_VIOLATIONS + 19))));
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
}
