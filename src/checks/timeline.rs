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
}
