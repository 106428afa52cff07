//! `first`: an event flagged `first` while another event sharing one of its tags
//! necessarily happened earlier (it is over before the `first` one can have begun).

use crate::finding::{Finding, Label};
use crate::model::Target;
use crate::registry::{self, Docs};
use crate::timeline::explain;
use crate::value::DateRange;
use rustc_hash::FxHashMap as HashMap;

pub static DOCS: Docs = Docs {
    what: "An event flagged `first` shares a #tag with another event whose start date interval ends before the `first` event's starts (events without a written date use the date derived from their relations). Events whose dates overlap could still come in either order and are not reported.",
    why: "\"The first pipeline\" is a strong claim: an earlier event of the same kind in the same file contradicts it, and usually means the flag, the tag or one of the dates is wrong.",
    example: "rail1: 1992 event \"Druzhba–Alashankou rail link opened\" #rail [@a]\nrail2: 1995-09 event \"Lianyungang transit opened\" first #rail [@a]\n; `rail2` is flagged first, but `rail1` (1992) shares #rail and is earlier",
    fix: "Drop the `first` flag, narrow the tag so the two events are not of one kind, or correct the date that is wrong.",
};

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    if model.events.iter().all(|e| e.first.is_none()) {
        return Vec::new();
    }
    let starts = ctx.event_starts();
    // For each tag, the tagged event that ends earliest (ties: the one written first).
    let mut earliest: HashMap<&str, (DateRange, usize)> = HashMap::default();
    for (e, event) in model.events.iter().enumerate() {
        let Some((start, _)) = starts[e] else { continue };
        for tag in &event.tags {
            let slot = earliest.entry(tag).or_insert((start, e));
            if (start.last, model.events[e].loc) < (slot.0.last, model.events[slot.1].loc) {
                *slot = (start, e);
            }
        }
    }
    let mut found = Vec::new();
    for (e, event) in model.events.iter().enumerate() {
        let (Some(flag), Some((start, _))) = (event.first, starts[e]) else { continue };
        let earlier = event
            .tags
            .iter()
            .filter_map(|tag| earliest.get(tag.as_str()).map(|&(range, other)| (range, other, tag)))
            .filter(|(range, _, _)| range.last < start.first)
            .min_by_key(|&(range, other, _)| (range.last, model.events[other].loc));
        let Some((range, other, tag)) = earlier else { continue };
        let dated = if starts[e].is_some_and(|(_, derived)| derived) { "derived" } else { "dated" };
        let (this_name, other_name) =
            (explain::name(model, Target::Event(e)), explain::name(model, Target::Event(other)));
        let other_date = explain::date_loc(model, Target::Event(other));
        let finding = Finding::new(
            &registry::FIRST,
            format!("{this_name} is flagged `first`, but {other_name} shares #{tag} and is earlier"),
            Label::new(event.loc.file, flag, format!("flagged first of #{tag}, {dated} {start}")),
        )
        .with_related(Label::new(other_date.file, other_date.span, format!("#{tag} too, dated {range}")))
        .with_help(format!(
            "{other_name} ({range}) necessarily comes before {this_name} ({start}); drop `first`, change a tag, or correct a date"
        ));
        found.push(finding);
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{codes, findings};

    const HEAD: &str = "source s \"S\"\n";

    #[test]
    fn an_earlier_event_with_a_shared_tag() {
        let text = format!("{HEAD}a: 1992 event \"A\" #rail [@s]\nb: 1995-09 event \"B\" first #port #rail [@s]\n");
        let found = findings(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code(), "first");
        assert_eq!(found[0].message, "`b` is flagged `first`, but `a` shares #rail and is earlier");
        assert_eq!(found[0].related[0].message, "#rail too, dated 1992");
        assert_eq!(
            found[0].help.as_deref().map(|h| h.starts_with("`a` (1992) necessarily comes before `b` (1995-09)")),
            Some(true)
        );
    }

    #[test]
    fn overlapping_later_or_untagged_events_are_fine() {
        let text = format!(
            "{HEAD}a: 1995 event \"A\" #rail [@s]\nb: 1995-09 event \"B\" first #rail [@s]\nc: 1990 event \"C\" #port [@s]\nd: 1999 event \"D\" #rail [@s]\n"
        );
        assert!(codes(&text).is_empty());
    }

    #[test]
    fn derived_dates_count() {
        let text = format!(
            "{HEAD}a: 1990 event \"A\" [@s]\nb: event \"B\" after a by 1y #rail [@s]\nc: 1995 event \"C\" first #rail [@s]\n"
        );
        assert_eq!(codes(&text), vec![("first", 4)]);
    }
}
