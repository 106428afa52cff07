//! `first`: an event flagged `first` while another event sharing one of its tags necessarily
//! started earlier: its latest possible start is before the `first` one's earliest (given every
//! date and relation of the temporal network), or a chain of `order`, `after` and `before`
//! relations puts it first. Every such event is labelled (the first few, the rest counted).

use crate::finding::{Finding, Label, LISTED};
use crate::model::{EventId, Model, Target};
use crate::registry::{self, Docs};
use crate::timeline::explain;
use crate::timeline::schedule::{Constraint, Precedence, Walk};
use crate::value::date::format_day;
use crate::value::{DateRange, Day};
use rustc_hash::FxHashMap as HashMap;

pub static DOCS: Docs = Docs {
    what: "An event flagged `first` shares a #tag with another event that necessarily started earlier: either its latest possible start is before the `first` event's earliest possible start (events without a written date use the dates their relations derive, and relations narrow written dates too), or a chain of `order`, `after` and `before` relations puts it before the `first` event. Events whose dates overlap and that no relation orders could still come in either order and are not reported. Every earlier event is labelled; past a dozen, the rest are counted in the help.",
    why: "\"The first pipeline\" is a strong claim: an earlier event of the same kind in the same file contradicts it, and usually means the flag, the tag, one of the dates or a relation is wrong.",
    example: "rail1: 1992 event \"Druzhba–Alashankou rail link opened\" #rail [@a]\nrail2: 1995-09 event \"Lianyungang transit opened\" first #rail [@a]\n; `rail2` is flagged first, but `rail1` (1992) shares #rail and is earlier\nplan: event \"Transit agreed\" before rail2 by 6mo #rail [@a]\n; `plan` is earlier too: it comes 6mo before `rail2`",
    fix: "Drop the `first` flag, narrow the tag so the events are not of one kind, or correct the date or relation that is wrong.",
};

/// Other earlier events labelled in one finding; the rest are counted in the help.
const LABELLED: usize = LISTED;

/// Work allowed for the walks back along relations and the merging of tag lists, in one run:
/// this much, plus a few walks through the whole network. Only a file with many `first` events
/// sharing tags over long chains of relations comes near it; past it, each walk takes at most
/// [`SPENT_ALLOWANCE`] steps (enough to find a near event) and counts are lower bounds (`and at
/// least N more`), so the work stays linear in the size of the file.
const BUDGET: usize = 1 << 22;
const WHOLE_WALKS: usize = 16;
/// Steps each walk may still take once the budget is spent.
const SPENT_ALLOWANCE: usize = 1024;

/// Start bounds in days: the earliest and latest day an event can start on.
type Bounds = (Option<Day>, Option<Day>);

/// The tags of a `first` event, each once, in the order written.
struct Tags<'t> {
    order: Vec<&'t str>,
    position: HashMap<&'t str, usize>,
}

impl<'t> Tags<'t> {
    fn of(tags: &'t [compact_str::CompactString]) -> Self {
        let mut this = Tags { order: Vec::with_capacity(tags.len()), position: HashMap::default() };
        for tag in tags {
            if !this.position.contains_key(tag.as_str()) {
                this.position.insert(tag, this.order.len());
                this.order.push(tag);
            }
        }
        this
    }

    /// The first of these tags that another event carries.
    fn shared(&self, carried: &[compact_str::CompactString]) -> Option<&'t str> {
        carried.iter().filter_map(|c| self.position.get(c.as_str())).min().map(|&i| self.order[i])
    }
}

/// Why an event is earlier: its dates, or relations.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Why {
    Dates,
    Relations,
}

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    if model.events.iter().all(|e| e.first.is_none()) {
        return Vec::new();
    }
    // The tags of `first` events, each with every event carrying it (in model order).
    let mut tagged: HashMap<&str, Vec<EventId>> = HashMap::default();
    for event in model.events.iter().filter(|e| e.first.is_some()) {
        for tag in &event.tags {
            tagged.entry(tag.as_str()).or_default();
        }
    }
    for (e, event) in model.events.iter().enumerate() {
        for tag in &event.tags {
            if let Some(events) = tagged.get_mut(tag.as_str()) {
                if events.last() != Some(&e) {
                    events.push(e);
                }
            }
        }
    }
    if tagged.values().all(|events| events.len() < 2) {
        return Vec::new();
    }
    let starts = ctx.event_starts();
    let precedence = ctx.schedule().precedence.as_ref();
    let bounds: Vec<Bounds> = (0..model.events.len())
        .map(|e| {
            let written = starts[e].map_or((None, None), |(r, _)| (Some(r.first), Some(r.last)));
            match precedence.and_then(|p| p.bounds.as_ref()).map(|b| b[e]) {
                // The network's bounds lie within the written date unless a violation disabled one.
                Some((lo, hi)) => {
                    let lo = lo.max(written.0);
                    let hi = match (hi, written.1) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                    if matches!((lo, hi), (Some(l), Some(h)) if l > h) {
                        written
                    } else {
                        (lo, hi)
                    }
                }
                None => written,
            }
        })
        .collect();
    // For each tag, its events with a latest start, the earliest first (ties: the one written first).
    let mut by_latest: HashMap<&str, Vec<EventId>> = HashMap::default();
    // For each tag, the event whose written (or derived) start ends earliest, as messages name it.
    let mut earliest: HashMap<&str, (DateRange, EventId)> = HashMap::default();
    for (&tag, events) in &tagged {
        let mut latest: Vec<EventId> = events.iter().copied().filter(|&e| bounds[e].1.is_some()).collect();
        latest.sort_by_key(|&e| (bounds[e].1, model.events[e].loc));
        by_latest.insert(tag, latest);
        let first_ending = events
            .iter()
            .filter_map(|&e| starts[e].map(|(range, _)| (range, e)))
            .min_by_key(|&(range, e)| (range.last, model.events[e].loc));
        if let Some(found) = first_ending {
            earliest.insert(tag, found);
        }
    }
    let mut search = Search {
        model,
        starts,
        bounds: &bounds,
        precedence,
        walk: precedence.map(Precedence::walker),
        seen: Vec::new(),
        visit: 0,
        budget: BUDGET + WHOLE_WALKS * precedence.map_or(0, Precedence::size),
    };
    let mut found = Vec::new();
    for (e, event) in model.events.iter().enumerate() {
        let Some(flag) = event.first else { continue };
        let tags = Tags::of(&event.tags);
        if tags.order.iter().all(|t| tagged.get(t).is_none_or(|events| events.len() < 2)) {
            continue;
        }
        // As messages have always named it: the event whose written start ends earliest.
        let named = starts[e].and_then(|(start, _)| {
            tags.order
                .iter()
                .filter_map(|t| earliest.get(t).copied())
                .filter(|(range, _)| range.last < start.first)
                .min_by_key(|&(range, other)| (range.last, model.events[other].loc))
                .map(|(_, other)| other)
        });
        let earlier = search.earlier(e, &tags, &by_latest);
        let Some(finding) = search.report(e, flag, &tags, named, earlier) else { continue };
        found.push(finding);
    }
    found
}

/// The events found earlier than one `first` event.
struct Earlier {
    /// Earlier by their dates: the earliest few (by latest start), and how many in all.
    dated: Vec<EventId>,
    dated_count: usize,
    /// Put earlier by relations, nearest first; `Why::Dates` when also earlier by dates.
    related: Vec<(EventId, Why)>,
    /// The relations from each reached event to the `first` one, for the one named.
    chain: Vec<Constraint>,
    /// False when the work allowed ran out, so that more may be earlier than counted.
    exact: bool,
}

struct Search<'a> {
    model: &'a Model,
    starts: &'a [Option<(DateRange, bool)>],
    bounds: &'a [Bounds],
    precedence: Option<&'a Precedence>,
    walk: Option<Walk>,
    /// The visit in which each event was last counted, to count one reached by two tags once.
    seen: Vec<u32>,
    visit: u32,
    budget: usize,
}

/// `1997-05-15…1997-07-17`, `on or after 1990-01-01`, or `anywhere`.
fn show((lo, hi): Bounds) -> String {
    match (lo, hi) {
        (Some(lo), Some(hi)) => DateRange::new(lo, hi).to_string(),
        (Some(lo), None) => format!("on or after {}", format_day(lo)),
        (None, Some(hi)) => format!("on or before {}", format_day(hi)),
        (None, None) => "anywhere".into(),
    }
}

/// `a, b and c`, or `a, b, c and 12 more` when `more` says so.
fn joined(items: &[String], more: &str) -> String {
    match items {
        [init @ .., last] if more.is_empty() && !init.is_empty() => format!("{} and {last}", init.join(", ")),
        _ => format!("{}{more}", items.join(", ")),
    }
}

impl<'a> Search<'a> {
    /// True when `other`'s latest start is before `event`'s earliest.
    fn dated_before(bounds: &[Bounds], other: EventId, event: EventId) -> bool {
        matches!((bounds[other].1, bounds[event].0), (Some(h), Some(l)) if h < l)
    }

    /// Every event sharing one of `tags` that is necessarily earlier than `event`.
    fn earlier(&mut self, event: EventId, tags: &Tags, by_latest: &HashMap<&str, Vec<EventId>>) -> Earlier {
        let (model, bounds) = (self.model, self.bounds);
        let lo = bounds[event].0;
        let prefixes: Vec<&[EventId]> = match lo {
            Some(lo) => tags
                .order
                .iter()
                .filter_map(|t| by_latest.get(t))
                .map(|list| &list[..list.partition_point(|&o| bounds[o].1 < Some(lo))])
                .filter(|prefix| !prefix.is_empty())
                .collect(),
            None => Vec::new(),
        };
        // The earliest few of all: they are among the earliest few of each tag.
        let mut dated: Vec<EventId> = prefixes.iter().flat_map(|p| p.iter().take(LABELLED + 1)).copied().collect();
        dated.sort_by_key(|&o| (bounds[o].1, model.events[o].loc, o));
        dated.dedup();
        dated.truncate(LABELLED + 1);
        let mut exact = true;
        let dated_count = match prefixes[..] {
            [] => 0,
            [only] => only.len(),
            _ => {
                // Several tags: an event carrying two of them is counted once.
                let total: usize = prefixes.iter().map(|p| p.len()).sum();
                if total <= self.budget {
                    self.budget -= total;
                    self.seen.resize(model.events.len(), 0);
                    self.visit = self.visit.wrapping_add(1).max(1);
                    let mut count = 0;
                    for &o in prefixes.iter().flat_map(|p| p.iter()) {
                        if self.seen[o] != self.visit {
                            self.seen[o] = self.visit;
                            count += 1;
                        }
                    }
                    count
                } else {
                    exact = false;
                    prefixes.iter().map(|p| p.len()).max().unwrap_or(0)
                }
            }
        };
        let mut related = Vec::new();
        let mut chain = Vec::new();
        if let (Some(precedence), Some(walk)) = (self.precedence, self.walk.as_mut()) {
            // Once the run's budget is spent, each walk still takes a few steps: enough to find
            // a near event, which is the usual case.
            let mut allowance = if self.budget > 0 { self.budget } else { SPENT_ALLOWANCE };
            let complete = precedence.before(walk, event, &mut allowance, |other| {
                if tags.shared(&model.events[other].tags).is_some() {
                    let why = if Self::dated_before(bounds, other, event) { Why::Dates } else { Why::Relations };
                    related.push((other, why));
                }
            });
            exact &= complete;
            if self.budget > 0 {
                self.budget = allowance;
            }
            if let Some(&(nearest, _)) = related.first() {
                chain = precedence.chain(walk, nearest);
            }
        }
        Earlier { dated, dated_count, related, chain, exact }
    }

    /// "dated 1992", "derived 1997-10-30…1998-12-01", "dated 2000, narrowed to …", "undated, so on or
    /// before 2000-07-02", "undated".
    fn when(&self, event: EventId) -> String {
        let bounds = self.bounds[event];
        match (&self.model.events[event].date, self.starts[event]) {
            (Some(_), Some((written, _))) if bounds == (Some(written.first), Some(written.last)) => {
                format!("dated {written}")
            }
            (Some(_), Some((written, _))) => format!("dated {written}, narrowed to {}", show(bounds)),
            _ if bounds == (None, None) => "undated".into(),
            (_, Some(_)) => format!("derived {}", show(bounds)),
            _ => format!("undated, so {}", show(bounds)),
        }
    }

    /// The finding for one `first` event, naming `named` (as messages always have: the event
    /// whose written or derived start ends earliest) when dates alone show it earlier, else the
    /// nearest event that relations put earlier, else the earliest by the narrowed dates.
    fn report(
        &self,
        event: EventId,
        flag: crate::source::Span,
        tags: &Tags,
        named: Option<EventId>,
        earlier: Earlier,
    ) -> Option<Finding> {
        let model = self.model;
        let (other, by_chain) = match (named, earlier.related.first(), earlier.dated.first()) {
            (Some(other), _, _) => (other, false),
            (None, Some(&(other, _)), _) => (other, true),
            (None, None, Some(&other)) => (other, false),
            (None, None, None) => return None,
        };
        let related_only: Vec<EventId> =
            earlier.related.iter().filter(|(_, why)| *why == Why::Relations).map(|&(o, _)| o).collect();
        // Every earlier event is counted once: by its dates, or else by its relations.
        let total_others = (earlier.dated_count + related_only.len()).saturating_sub(1);
        let mut others: Vec<(EventId, Why)> = earlier
            .dated
            .iter()
            .map(|&o| (o, Why::Dates))
            .chain(related_only.iter().map(|&o| (o, Why::Relations)))
            .filter(|&(o, _)| o != other)
            .take(LABELLED)
            .collect();
        others.sort_by_key(|&(o, _)| (model.events[o].loc, o));
        let tag = tags.shared(&model.events[other].tags).unwrap_or_default();
        let (this_name, other_name) =
            (explain::name(model, Target::Event(event)), explain::name(model, Target::Event(other)));
        let place = |e: EventId| explain::date_loc(model, Target::Event(e));
        let mut finding = Finding::new(
            &registry::FIRST,
            format!("{this_name} is flagged `first`, but {other_name} shares #{tag} and is earlier"),
            Label::new(model.events[event].loc.file, flag, format!("flagged first of #{tag}, {}", self.when(event))),
        );
        let at = place(other);
        finding = finding.with_related(Label::new(at.file, at.span, format!("#{tag} too, {}", self.when(other))));
        let mut help = if by_chain {
            let because = crate::finding::listed(&earlier.chain, "; ", |&c| explain::sentence(model, c));
            let mut labelled = vec![at];
            for &constraint in earlier.chain.iter().take(LABELLED) {
                let (loc, text) = explain::label(model, constraint);
                if !labelled.contains(&loc) {
                    labelled.push(loc);
                    finding = finding.with_related(Label::new(loc.file, loc.span, text));
                }
            }
            format!("{other_name} necessarily comes before {this_name} ({because})")
        } else if let (Some(_), Some((range, _)), Some((start, _))) = (named, self.starts[other], self.starts[event]) {
            format!("{other_name} ({range}) necessarily comes before {this_name} ({start})")
        } else {
            let (range, start) = (show(self.bounds[other]), show(self.bounds[event]));
            format!("{other_name} ({range}) necessarily comes before {this_name} ({start})")
        };
        if !others.is_empty() {
            let items: Vec<String> = others
                .iter()
                .map(|&(o, why)| match why {
                    Why::Dates => format!("{} ({})", explain::name(model, Target::Event(o)), show(self.bounds[o])),
                    Why::Relations => explain::name(model, Target::Event(o)),
                })
                .collect();
            let more = total_others.saturating_sub(others.len());
            let least = if earlier.exact { "" } else { "at least " };
            let more = if more > 0 { format!(" and {least}{more} more") } else { String::new() };
            let verb = if others.len() == 1 && more.is_empty() { "does" } else { "do" };
            help.push_str(&format!(", and so {verb} {}", joined(&items, &more)));
        }
        for &(o, why) in &others {
            let tag = tags.shared(&model.events[o].tags).unwrap_or_default();
            let text = match why {
                Why::Dates => format!("#{tag} too, also earlier: {}", self.when(o)),
                Why::Relations => format!("#{tag} too, also before {this_name} by relations"),
            };
            let at = place(o);
            finding = finding.with_related(Label::new(at.file, at.span, text));
        }
        let relations = by_chain || others.iter().any(|&(_, why)| why == Why::Relations);
        let what = if relations { "a date or a relation" } else { "a date" };
        help.push_str(&format!("; drop `first`, change a tag, or correct {what}"));
        Some(finding.with_help(help))
    }
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

    fn lines(finding: &crate::finding::Finding, text: &str) -> Vec<usize> {
        let line = |offset: u32| text[..offset as usize].matches('\n').count() + 1;
        finding.related.iter().map(|l| line(l.span.start)).collect()
    }

    #[test]
    fn every_earlier_event_is_labelled() {
        let text = format!(
            "{HEAD}a: 1995 event \"A\" #p [@s]\nc: 1990 event \"C\" #p [@s]\nb: 1997 event \"B\" first #p [@s]\nd: 1998 event \"D\" #p [@s]\n"
        );
        let found = findings(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "`b` is flagged `first`, but `c` shares #p and is earlier");
        assert_eq!(lines(&found[0], &text), [3, 2]);
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
        // Both dated 2000, with an order.
        let text = format!("{HEAD}a: 2000 event \"A\" first #t [@s]\nb: 2000 event \"B\" #t [@s]\norder b < a\n");
        let found = findings(&text);
        assert_eq!(codes(&text), [("first", 2)]);
        assert_eq!(lines(&found[0], &text), [3, 4]);
        assert!(found[0].help.as_deref().is_some_and(|h| h.contains("(order `b` before `a`)")));
        // The `first` event's own relation, and a chain through a claim and an untagged event.
        let text = format!("{HEAD}b: 2000 event \"B\" #t [@s]\na: 2000-06 event \"A\" after b by 1mo first #t [@s]\n");
        assert_eq!(codes(&text), [("first", 3)]);
        assert!(findings(&text)[0].help.as_deref().is_some_and(|h| h.contains("(`a` 1mo after `b`)")));
        let text = format!(
            "{HEAD}measure m \"M\" unit USD\nx: 2000 m = $1bn [@s]\na: 2000 event \"A\" first #t [@s]\nb: event \"B\" before c by 1y #t [@s]\nc: event \"C\" after b by 1y [@s]\norder c < x\norder x < a\n"
        );
        let found = findings(&text);
        assert_eq!(found.iter().map(|f| f.code()).collect::<Vec<_>>(), ["first"]);
        assert_eq!(
            found[0].help.as_deref(),
            Some("`b` necessarily comes before `a` (`b` 1y before `c`; order `c` before `x`; order `x` before `a`); drop `first`, change a tag, or correct a date or a relation")
        );
        assert_eq!(found[0].related[0].message, "#t too, undated, so on or before 2000-07-02");
    }

    #[test]
    fn relations_that_do_not_put_the_other_first() {
        for body in [
            "a: 2000 event \"A\" first #t [@s]\nb: event \"B\" after a by 6mo #t [@s]\n",
            "a: 2000 event \"A\" first #t [@s]\nb: 2000 event \"B\" #t [@s]\norder a < b\n",
            "a: 2000 event \"A\" first #t [@s]\nb: 2000 event \"B\" #u [@s]\norder b < a\n",
            "a: 2000 event \"A\" first #t [@s]\nb: 2000 event \"B\" #t [@s]\nc: 1990 event \"C\" [@s]\norder c < a\norder c < b\n",
        ] {
            assert!(codes(&format!("{HEAD}{body}")).is_empty(), "{body}");
        }
    }

    #[test]
    fn relations_narrow_written_dates() {
        // `b` is dated 2000, but `c` (2000-12) comes 10 months after it: `b` starts by early April.
        let text = format!(
            "{HEAD}b: 2000 event \"B\" #t [@s]\nc: 2000-12 event \"C\" after b by 10mo [@s]\na: 2000-05 event \"A\" first #t [@s]\n"
        );
        let found = findings(&text);
        assert_eq!(codes(&text), [("first", 4)]);
        assert_eq!(found[0].related[0].message, "#t too, dated 2000, narrowed to 2000-01-10…2000-04-09");
        assert_eq!(
            found[0].help.as_deref(),
            Some("`b` (2000-01-10…2000-04-09) necessarily comes before `a` (2000-05); drop `first`, change a tag, or correct a date")
        );
    }

    #[test]
    fn many_earlier_events_are_counted_past_a_dozen() {
        let mut body = String::new();
        for i in 0..300 {
            // Every third event carries both tags: it is counted once.
            let tags = if i % 3 == 0 {
                "#a #b"
            } else if i % 2 == 0 {
                "#a"
            } else {
                "#b"
            };
            body.push_str(&format!("e{i}: {} event \"E\" {tags} [@s]\n", 1500 + i));
        }
        for i in 0..200 {
            body.push_str(&format!("r{i}: event \"R\" before last by {}d #b [@s]\n", i + 1));
        }
        body.push_str("last: 1900 event \"Last\" first #a #b [@s]\n");
        let found = findings(&format!("{HEAD}{body}"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "`last` is flagged `first`, but `e0` shares #a and is earlier");
        assert_eq!(found[0].related.len(), 1 + crate::finding::LISTED);
        let more = 300 + 200 - 1 - crate::finding::LISTED;
        let help = found[0].help.clone().unwrap_or_default();
        assert!(help.contains(&format!(" and {more} more;")), "{help}");
    }

    #[test]
    fn a_long_chain_of_relations_stays_within_the_budget() {
        // 20 000 events in one unbroken `order` chain, every tenth flagged `first` of a tag the
        // event just before it carries: walking back from each to the start would take 20M
        // steps, and each finds its neighbour at once.
        let mut body = String::new();
        let ids: Vec<String> = (0..20_000).map(|i| format!("e{i}")).collect();
        for i in 0..20_000 {
            let tag = if i % 10 == 9 { format!("first #t{i} #all") } else { format!("#t{}", i + 1) };
            body.push_str(&format!("e{i}: 2000 event \"E\" {tag} [@s]\n"));
        }
        for start in (0..20_000usize).step_by(1000) {
            body.push_str(&format!("order {}\n", ids[start.saturating_sub(1)..start + 1000].join(" < ")));
        }
        let started = std::time::Instant::now();
        let found = findings(&format!("{HEAD}{body}"));
        let first: Vec<_> = found.iter().filter(|f| f.code() == "first").collect();
        assert_eq!(first.len(), 2_000);
        assert!(first[0].help.as_deref().is_some_and(|h| h.contains("`e8` necessarily comes before `e9`")));
        // Late ones still find their neighbour, and count what they found as a lower bound.
        assert!(first[1_999].message.contains("`e19998` shares #t19999"), "{}", first[1_999].message);
        assert!(first[1_999].help.as_deref().is_some_and(|h| h.contains(" and at least ")), "{:?}", first[1_999].help);
        assert!(started.elapsed().as_secs() < 60);
    }

    #[test]
    fn derived_dates_count() {
        let text = format!(
            "{HEAD}a: 1990 event \"A\" [@s]\nb: event \"B\" after a by 1y #rail [@s]\nc: 1995 event \"C\" first #rail [@s]\n"
        );
        assert_eq!(codes(&text), vec![("first", 4)]);
    }
}
