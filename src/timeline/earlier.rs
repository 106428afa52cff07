//! Which events sharing a tag with a `first` event necessarily started before it, for the
//! `first` check: those whose latest possible start is before its earliest (written or derived
//! starts, narrowed by every date and relation of the temporal network), and those a chain of
//! `order`, `after` and `before` relations puts before it; when there are none, those the
//! relations hold a day or more before it (see `super::apart`). Relations that go round in a
//! circle (which the `timeline` check reports) say nothing about which came first, so the
//! chains leave them out (see `Precedence`), and two events are never each found earlier than
//! the other.
//!
//! Walking back along relations from every `first` event, or searching out how far apart they
//! hold it from the others, could each time cost a walk through the whole network, and counting
//! the events of several tags dated earlier could each time touch all of them: quadratic work
//! for a file with thousands of `first` events sharing tags on long chains. So one run has a
//! budget ([`BUDGET`]); past it each walk or search takes at most [`SPENT_ALLOWANCE`] steps,
//! enough to find a near event, and counts are lower bounds ([`Earlier::exact`] is false), so
//! the work stays linear in the size of the file.

use crate::finding::LISTED;
use crate::model::{EventId, Model};
use crate::timeline::apart::{Apart, Reach};
use crate::timeline::first_tags::Tags;
use crate::timeline::schedule::{Constraint, Precedence, Walk};
use crate::timeline::start_bounds::Bounds;
use crate::value::DateRange;
use rustc_hash::FxHashMap as HashMap;
use std::cmp::Reverse;

/// Work allowed for the walks back along relations, the searches for events held apart and
/// the merging of tag lists, in one run: this much, plus [`WHOLE_WALKS`] walks and searches
/// through the whole network. Only a file with many `first` events sharing tags over long
/// chains of relations comes near it.
const BUDGET: usize = 1 << 22;
const WHOLE_WALKS: usize = 16;
/// Steps each walk may still take once the budget is spent.
const SPENT_ALLOWANCE: usize = 1024;

/// Why an event is earlier: its dates, or relations.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Why {
    Dates,
    Relations,
}

/// The events found earlier than one `first` event.
pub(crate) struct Earlier<'t> {
    pub(crate) tags: Tags<'t>,
    /// The event whose written (or derived) start ends earliest, among those that end before
    /// the `first` one starts: the one messages have always named.
    pub(crate) named: Option<EventId>,
    /// Earlier by their dates: the earliest few (by latest start), and how many in all.
    pub(crate) dated: Vec<EventId>,
    pub(crate) dated_count: usize,
    /// Put earlier by relations, nearest first; `Why::Dates` when also earlier by dates.
    pub(crate) related: Vec<(EventId, Why)>,
    /// The relations from the nearest event related earlier to the `first` one.
    pub(crate) chain: Vec<Constraint>,
    /// When neither dates nor a chain of relations put an event earlier, but the relations
    /// hold some apart from it (see `super::apart`): the fewest days by which the first of
    /// `related` comes before, and `chain` is the path that holds it so.
    pub(crate) apart: Option<i64>,
    /// False when the work allowed ran out, so that more may be earlier than counted.
    pub(crate) exact: bool,
}

impl Earlier<'_> {
    /// The earlier events besides `except`, each counted once (by its dates, or else by its
    /// relations): the first `limit` of them, those earlier by dates first, and how many there
    /// are in all besides the one the message names.
    pub(crate) fn others(&self, except: EventId, limit: usize) -> (Vec<(EventId, Why)>, usize) {
        let related_only = self.related.iter().filter(|(_, why)| *why == Why::Relations).map(|&(o, _)| o);
        let total = (self.dated_count + related_only.clone().count()).saturating_sub(1);
        let others = self.dated.iter().map(|&o| (o, Why::Dates)).chain(related_only.map(|o| (o, Why::Relations)));
        (others.filter(|&(o, _)| o != except).take(limit).collect(), total)
    }
}

/// The search for earlier events, one `first` event after another within one budget.
pub(crate) struct Search<'a> {
    model: &'a Model,
    starts: &'a [Option<(DateRange, bool)>],
    bounds: &'a [Bounds],
    precedence: Option<&'a Precedence>,
    walk: Option<Walk>,
    reach: Option<(&'a Apart, Reach)>,
    /// For each tag, the lowest label of its events in the network's potential.
    lowest: HashMap<&'a str, i64>,
    tagged: HashMap<&'a str, Vec<EventId>>,
    /// For each tag, its events with a latest start, the earliest first (ties: the one written first).
    by_latest: HashMap<&'a str, Vec<EventId>>,
    /// For each tag, the event whose written (or derived) start ends earliest.
    earliest: HashMap<&'a str, (DateRange, EventId)>,
    seen: Seen,
    budget: usize,
}

impl<'a> Search<'a> {
    /// A search through the events `tagged` lists, starting with a whole run's budget.
    pub(crate) fn new(
        model: &'a Model,
        tagged: HashMap<&'a str, Vec<EventId>>,
        starts: &'a [Option<(DateRange, bool)>],
        bounds: &'a [Bounds],
        precedence: Option<&'a Precedence>,
    ) -> Self {
        let mut by_latest = HashMap::default();
        let mut earliest = HashMap::default();
        let mut lowest = HashMap::default();
        let apart = precedence.and_then(|p| p.apart.as_ref());
        for (&tag, events) in &tagged {
            if let Some(low) = apart.and_then(|a| events.iter().map(|&e| a.label(e)).min()) {
                lowest.insert(tag, low);
            }
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
        Search {
            model,
            starts,
            bounds,
            precedence,
            walk: precedence.map(Precedence::walker),
            reach: apart.map(|a| (a, a.reach())),
            lowest,
            tagged,
            by_latest,
            earliest,
            seen: Seen { visits: vec![0; model.events.len()], visit: 0 },
            budget: BUDGET + WHOLE_WALKS * (precedence.map_or(0, Precedence::size) + apart.map_or(0, Apart::size)),
        }
    }

    /// Every event sharing one of `event`'s tags that is necessarily earlier than it; `None`
    /// when no other event carries any of its tags.
    pub(crate) fn earlier(&mut self, event: EventId) -> Option<Earlier<'a>> {
        let (model, bounds) = (self.model, self.bounds);
        let tags = Tags::of(&model.events[event].tags);
        if tags.iter().all(|t| self.tagged.get(t).is_none_or(|events| events.len() < 2)) {
            return None;
        }
        let named = self.starts[event].and_then(|(start, _)| {
            tags.iter()
                .filter_map(|t| self.earliest.get(t).copied())
                .filter(|(range, _)| range.last < start.first)
                .min_by_key(|&(range, other)| (range.last, model.events[other].loc))
                .map(|(_, other)| other)
        });
        let prefixes: Vec<&[EventId]> = match bounds[event].0 {
            Some(lo) => tags
                .iter()
                .filter_map(|t| self.by_latest.get(t))
                .map(|list| &list[..list.partition_point(|&o| bounds[o].1 < Some(lo))])
                .filter(|prefix| !prefix.is_empty())
                .collect(),
            None => Vec::new(),
        };
        // The earliest few of all: they are among the earliest few of each tag.
        let mut dated: Vec<EventId> = prefixes.iter().flat_map(|p| p.iter().take(LISTED + 1)).copied().collect();
        dated.sort_by_key(|&o| (bounds[o].1, model.events[o].loc, o));
        dated.dedup();
        dated.truncate(LISTED + 1);
        let (dated_count, mut exact) = self.seen.count(&prefixes, &mut self.budget);
        let mut related = Vec::new();
        let mut chain = Vec::new();
        if let (Some(precedence), Some(walk)) = (self.precedence, self.walk.as_mut()) {
            // Once the run's budget is spent, each walk still takes a few steps: enough to find
            // a near event, which is the usual case.
            let mut allowance = if self.budget > 0 { self.budget } else { SPENT_ALLOWANCE };
            let complete = precedence.before(walk, event, &mut allowance, |other| {
                if tags.shared(&model.events[other].tags).is_some() {
                    let dated_before = matches!((bounds[other].1, bounds[event].0), (Some(h), Some(l)) if h < l);
                    related.push((other, if dated_before { Why::Dates } else { Why::Relations }));
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
        let mut apart = None;
        if named.is_none() && dated.is_empty() && related.is_empty() {
            if let Some((days, found)) = self.apart(event, &tags, &mut related, &mut exact) {
                (apart, chain) = (Some(days), found);
            }
        }
        Some(Earlier { tags, named, dated, dated_count, related, chain, apart, exact })
    }

    /// The events sharing a tag that the relations hold a day or more before `event`, though
    /// neither their dates nor a chain of relations puts them first: into `related`, those
    /// held furthest before first (then as written). Searched only when nothing else is earlier,
    /// so that most `first` events need no search. The fewest days by which the first comes
    /// before, and the path that holds it so.
    fn apart(
        &mut self,
        event: EventId,
        tags: &Tags,
        related: &mut Vec<(EventId, Why)>,
        exact: &mut bool,
    ) -> Option<(i64, Vec<Constraint>)> {
        let model = self.model;
        let (apart, reach) = self.reach.as_mut()?;
        let lowest = tags.iter().filter_map(|t| self.lowest.get(t)).copied().min()?;
        let mut allowance = if self.budget > 0 { self.budget } else { SPENT_ALLOWANCE };
        let mut found = Vec::new();
        *exact &= apart.before(reach, event, lowest, &mut allowance, |other, days| {
            if tags.shared(&model.events[other].tags).is_some() {
                found.push((Reverse(days), model.events[other].loc, other));
            }
        });
        if self.budget > 0 {
            self.budget = allowance;
        }
        found.sort_unstable();
        related.extend(found.iter().map(|&(_, _, other)| (other, Why::Relations)));
        let &(Reverse(days), _, first) = found.first()?;
        Some((days, apart.chain(reach, first)))
    }
}

/// Scratch space to count an event that two tags reach once: the visit in which each event was
/// last counted.
struct Seen {
    visits: Vec<u32>,
    visit: u32,
}

impl Seen {
    /// How many events the `prefixes` (one per tag) hold, each counted once, and whether the
    /// count is exact: past the `budget`, it is the longest prefix's length.
    fn count(&mut self, prefixes: &[&[EventId]], budget: &mut usize) -> (usize, bool) {
        match prefixes {
            [] => (0, true),
            [only] => (only.len(), true),
            _ => {
                let total: usize = prefixes.iter().map(|p| p.len()).sum();
                if total > *budget {
                    return (prefixes.iter().map(|p| p.len()).max().unwrap_or(0), false);
                }
                *budget -= total;
                self.visit = self.visit.wrapping_add(1).max(1);
                let mut count = 0;
                for &o in prefixes.iter().flat_map(|p| p.iter()) {
                    if self.visits[o] != self.visit {
                        self.visits[o] = self.visit;
                        count += 1;
                    }
                }
                (count, true)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Search, Why};
    use crate::checks::test_support::{codes, findings};
    use crate::finding::LISTED;
    use crate::timeline::first_tags::tagged;
    use crate::timeline::start_bounds::{narrowed, scheduled};

    /// For each `first` event with a tag another event carries: the events dated earlier (the
    /// earliest few, then how many), the nearest three related earlier (`+` when also dated
    /// earlier), the one named, and `inexact` when the budget ran out.
    fn found(text: &str) -> Vec<String> {
        let (model, schedule, starts) = scheduled(text);
        let Some(tagged) = tagged(&model) else { return Vec::new() };
        let precedence = schedule.precedence.as_ref();
        let bounds = narrowed(&starts, precedence);
        let mut search = Search::new(&model, tagged, &starts, &bounds, precedence);
        let id = |e: usize| model.events[e].id.as_deref().unwrap_or_default().to_string();
        let found = (0..model.events.len()).filter(|&e| model.events[e].first.is_some());
        found
            .filter_map(|e| {
                let earlier = search.earlier(e)?;
                let dated: Vec<String> = earlier.dated.iter().map(|&o| id(o)).collect();
                let mut related: Vec<String> = earlier
                    .related
                    .iter()
                    .take(3)
                    .map(|&(o, why)| id(o) + ["", "+"][(why == Why::Dates) as usize])
                    .collect();
                related.extend((earlier.related.len() > 3).then(|| "…".to_string()));
                let named = earlier.named.map_or("none".into(), id);
                let exact = if earlier.exact { "" } else { ", inexact" };
                let (dated, count, related) = (dated.join(" "), earlier.dated_count, related.join(" "));
                Some(format!("{}: dated [{dated}] of {count}, related [{related}], named {named}{exact}", id(e)))
            })
            .collect()
    }

    #[test]
    fn dates_and_relations_put_events_earlier() {
        let text = "a: 1995 event \"A\" #p\nc: 1990 event \"C\" #p\nb: 1997 event \"B\" first #p #q\n\
                    d: 1998 event \"D\" #p\ne: event \"E\" before b by 6mo #q\nf: 1996 event \"F\" #q\norder f < b\n";
        assert_eq!(found(text), ["b: dated [c a f] of 3, related [e f+], named c"]);
        // Derived dates count, and a chain of relations through a claim and an untagged event.
        let text = "a: 1990 event \"A\"\nb: event \"B\" after a by 1y #r\nc: 1995 event \"C\" first #r\n";
        assert_eq!(found(text), ["c: dated [b] of 1, related [], named b"]);
        let text = "measure m \"M\" unit USD\nx: 2000 m = $1bn\na: 2000 event \"A\" first #t\n\
                    b: event \"B\" before c by 1y #t\nc: event \"C\" after b by 1y\norder c < x\norder x < a\n";
        assert_eq!(found(text), ["a: dated [] of 0, related [b], named none"]);
    }

    #[test]
    fn nothing_is_earlier() {
        for text in [
            // Overlapping, later, or not sharing a tag.
            "a: 1995 event \"A\" #r\nb: 1995-09 event \"B\" first #r\nc: 1990 event \"C\" #p\nd: 1999 event \"D\" #r\n",
            // Relations that put the other event later, or order only an untagged one before.
            "a: 2000 event \"A\" first #t\nb: event \"B\" after a by 6mo #t\n",
            "a: 2000 event \"A\" first #t\nb: 2000 event \"B\" #t\norder a < b\n",
            "a: 2000 event \"A\" first #t\nb: 2000 event \"B\" #t\nc: 1990 event \"C\"\norder c < a\norder c < b\n",
        ] {
            assert!(found(text).iter().all(|f| f.ends_with("dated [] of 0, related [], named none")), "{text}");
        }
        assert!(found("a: 2000 event \"A\" first #t\nb: 2000 event \"B\" #u\norder b < a\n").is_empty());
    }

    #[test]
    fn an_event_carrying_two_tags_is_counted_once() {
        let mut text = String::new();
        for i in 0..30 {
            let tags = ["#a #b", "#a", "#b"][i % 3];
            text.push_str(&format!("e{i}: {} event \"E\" {tags}\n", 1500 + i));
        }
        text.push_str("last: 1900 event \"Last\" first #a #b\nr: event \"R\" before last by 1d #b\n");
        let found = found(&text);
        assert!(found[0].contains("] of 30, related [r], named e0"), "{found:?}");
        assert_eq!(found[0].split(['[', ']']).nth(1).map(|d| d.split(' ').count()), Some(LISTED + 1));
    }

    #[test]
    fn a_long_chain_of_relations_stays_within_the_budget() {
        // 20 000 events in one unbroken `order` chain, every tenth flagged `first` of a tag the
        // event just before it carries: walking back from each to the start would take 20M
        // steps, and each finds its neighbour at once.
        let mut text = String::new();
        let ids: Vec<String> = (0..20_000).map(|i| format!("e{i}")).collect();
        for i in 0..20_000 {
            let tag = if i % 10 == 9 { format!("first #t{i} #all") } else { format!("#t{}", i + 1) };
            text.push_str(&format!("e{i}: 2000 event \"E\" {tag}\n"));
        }
        for start in (0..20_000usize).step_by(1000) {
            text.push_str(&format!("order {}\n", ids[start.saturating_sub(1)..start + 1000].join(" < ")));
        }
        let started = std::time::Instant::now();
        let found = found(&text);
        assert_eq!(found.len(), 2_000);
        assert_eq!(found[0], "e9: dated [] of 0, related [e8], named none");
        // Late ones still find their neighbour, and say that they may have missed others.
        assert!(found[1_999].starts_with("e19999: dated [] of 0, related [e19998 "));
        assert!(found[1_999].ends_with(", inexact"));
        assert!(started.elapsed().as_secs() < 60);
    }

    #[test]
    fn relations_in_a_circle_put_nothing_earlier() {
        // Both flagged `first`, each ordered before the other: neither is found earlier.
        let text = "a: 2000-05-05 event \"A\" first #t\nb: 2000-05-05 event \"B\" first #t\norder a < b\norder b < a\n";
        assert_eq!(
            found(text),
            ["a: dated [] of 0, related [], named none", "b: dated [] of 0, related [], named none"]
        );
        // Longer, mixed, through a claim, and with an order line naming one twice.
        for text in [
            "a: 2000 event \"A\" first #t\nb: 2000 event \"B\" first #t\nc: 2000 event \"C\" first #t\norder a < b < c\norder c < a\n",
            "measure m \"M\" unit USD\nx: 2000 m = 5 USD\na: 2000 event \"A\" first #t\nb: event \"B\" before a by 0d first #t\norder a < x < b\n",
            "a: 2000 event \"A\" first #t\nb: 2000 event \"B\" first #t\norder a < b < a\n",
            "a: event \"A\" after b by 1y first #t\nb: event \"B\" after a by 1y first #t\n",
        ] {
            assert!(found(text).iter().all(|f| f.ends_with("related [], named none")), "{text}: {:?}", found(text));
        }
        // A relation on no circle still counts, even into an event on one.
        let text = "a: 2000 event \"A\" first #t\nb: 2000 event \"B\" first #t\nc: 2000 event \"C\" #t\n\
                    order a < b\norder b < a\norder c < a\n";
        assert_eq!(
            found(text),
            ["a: dated [] of 0, related [c], named none", "b: dated [] of 0, related [], named none"]
        );
    }

    #[test]
    fn before_by_0d_is_still_before() {
        // The same day, but `b` is said to come first.
        let text = "a: 2000-05-05 event \"A\" first #t\nb: event \"B\" before a by 0d #t\n";
        assert_eq!(found(text), ["a: dated [] of 0, related [b], named none"]);
    }

    #[test]
    fn a_circle_of_relations_is_left_to_timeline() {
        const HEAD: &str = "source s \"S\"\n";
        // Before, each of the two was reported as earlier than the other.
        let text = format!(
            "{HEAD}a: 2000-05-05 event \"A\" first #t [@s]\nb: 2000-05-05 event \"B\" first #t [@s]\norder a < b\norder b < a\n"
        );
        assert_eq!(codes(&text), [("timeline", 5)]);
        let text = format!(
            "{HEAD}x: 2000 event \"X\" after y by 0d first #t [@s]\ny: 2000 event \"Y\" after x by 0d first #t [@s]\n"
        );
        assert_eq!(codes(&text), [("timeline", 3)]);
        // Off the circle, `before … by 0d` still says which came first.
        let text = format!(
            "{HEAD}a: 2000-05-05 event \"A\" first #t [@s]\nb: 2000-05-05 event \"B\" before a by 0d #t [@s]\n"
        );
        let found = findings(&text);
        assert_eq!(codes(&text), [("first", 2)]);
        assert_eq!(found[0].message, "`a` is flagged `first`, but `b` shares #t and is earlier");
    }
}
