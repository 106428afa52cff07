//! `timeline`: dates, `order` lines, `after`/`before … by` offsets and `lasting` durations
//! that no placement of the events in their date intervals can satisfy together. The
//! reasoning is a simple temporal network (see `crate::timeline::schedule`); each violated
//! chain of constraints is reported once, with every claim and event on it labelled.

use crate::finding::Finding;
use crate::registry::Docs;
use crate::timeline::explain;

pub static DOCS: Docs = Docs {
    what: "Dates, `order a < b` lines, `after`/`before ID by DURATION` offsets and `lasting DURATION` spans that cannot all hold, whatever day inside each written date the events took place. `after X by 1mo` means this event started 1mo (half a month either way: 14–47 days) after X started; plain `after X`, `before X` and `order` only require the order of the start days, so two things dated the same day never clash. Offsets and orders always compare start days, periods included; `lasting` is the time from a period's start to its end.",
    why: "A relative date copied from the manuscript (\"a month after the speech\") and an absolute one written elsewhere can silently disagree; one of them is a transcription error or an error in the text itself.",
    example: "speech: 1997-05 event \"Speech\" [@a]\ndeal: 1997-09 event \"Deal\" after speech by 1mo [@a]\n; `deal` must fall in 1997-05-15…1997-07-17 (`speech` dated 1997-05; `deal` 1mo after `speech`) but is dated 1997-09",
    fix: "Check each labelled date and relation against the source and correct the wrong one; widen an uncertain date (`~1997-09`, `1997`) or duration (`~1mo`) only if the source is vague about it.",
};

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    ctx.schedule().violations.iter().map(|v| explain::finding(model, v)).collect()
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{codes, findings};

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
        let body = "a: 1997-05 event \"A\" [@s]\nb: 1997-06-20 event \"B\" after a by 1mo [@s]\nc: 1997-06-20 event \"C\" [@s]\norder b < c\norder c < b\n";
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
    fn a_loop_of_relations_without_dates() {
        let found = timeline("a: event \"A\" after b by 1y [@s]\nb: event \"B\" after a by 1y [@s]\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.starts_with("`b` would have to fall at least"), "{}", found[0].message);
        assert_eq!(found[0].related.len(), 1);
    }
}
