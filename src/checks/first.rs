//! `first`: an event flagged `first` while another event sharing one of its tags necessarily
//! started earlier: its latest possible start is before the `first` one's earliest (given every
//! date and relation of the temporal network), or a chain of `order`, `after` and `before`
//! relations puts it first, or, when neither does, the relations hold it a day or more before
//! whatever days they fall on (two events hung from one anchor by offsets that cannot meet;
//! `timeline::earlier` finds which, `timeline::apart` how far apart; relations in a circle,
//! which `timeline` reports, are left out). Every such event is labelled (the first few, the
//! rest counted).

use crate::finding::{joined, listed, Finding, Label, LISTED};
use crate::model::{EventId, Model, Target};
use crate::registry::{self, Docs};
use crate::source::Span;
use crate::timeline::earlier::{Earlier, Search, Why};
use crate::timeline::explain;
use crate::timeline::first_tags::tagged;
use crate::timeline::start_bounds::{self, show, when, Bounds};
use crate::value::DateRange;

pub static DOCS: Docs = Docs {
    what: "An event flagged `first` shares a #tag with another event that necessarily started earlier: either its latest possible start is before the `first` event's earliest possible start (events without a written date use the dates their relations derive, and relations narrow written dates too), or a chain of `order`, `after` and `before` relations puts it before the `first` event (`before X by 0d` included: it says this came first, on the same day), or the relations hold it a day or more before the `first` event whatever days they fall on, though their dates overlap (`after a by 3mo`, 73 to 108 days, comes 73 days or more before `after a by 1y`, 181 to 550 days, on whichever day of its year `a` fell; offsets that could meet, such as `after a by 3mo` and `after a by 4mo`, do not). When the dates and relations cannot all hold (a `timeline` error), only the first two are looked at. Relations that go round in a circle (`order a < b` with `order b < a`; the `timeline` check reports them) put nothing earlier. Events whose dates overlap and that no relation orders or holds apart could still come in either order and are not reported. Every earlier event is labelled (those that the relations only hold apart are looked for when nothing else is earlier); past a dozen, the rest are counted in the help.",
    why: "\"The first pipeline\" is a strong claim: an earlier event of the same kind in the same file contradicts it, and usually means the flag, the tag, one of the dates or a relation is wrong.",
    example: "rail1: 1992 event \"Druzhba–Alashankou rail link opened\" #rail [@a]\nrail2: 1995-09 event \"Lianyungang transit opened\" first #rail [@a]\n; `rail2` is flagged first, but `rail1` (1992) shares #rail and is earlier\nplan: event \"Transit agreed\" before rail2 by 6mo #rail [@a]\n; `plan` is earlier too: it comes 6mo before `rail2`\nsigned: 2001 event \"Agreement signed\" [@a]\npipe1: event \"Pipeline A opened\" after signed by 3mo #pipe [@a]\npipe2: event \"Pipeline B opened\" after signed by 1y first #pipe [@a]\n; `pipe1` comes 73 days or more before `pipe2`, whichever day `signed` fell on",
    fix: "Drop the `first` flag, narrow the tag so the events are not of one kind, or correct the date or relation that is wrong.",
};

/// Other earlier events labelled in one finding; the rest are counted in the help.
const LABELLED: usize = LISTED;

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    let Some(tagged) = tagged(model) else { return Vec::new() };
    let starts = ctx.event_starts();
    let precedence = ctx.schedule().precedence.as_ref();
    let bounds = start_bounds::narrowed(starts, precedence);
    let mut search = Search::new(model, tagged, starts, &bounds, precedence);
    let events = Events { model, starts, bounds: &bounds };
    let mut found = Vec::new();
    for (e, event) in model.events.iter().enumerate() {
        let Some(flag) = event.first else { continue };
        found.extend(search.earlier(e).and_then(|earlier| events.report(e, flag, earlier)));
    }
    found
}

/// The events as findings describe them: by name, and by their written and narrowed starts.
struct Events<'a> {
    model: &'a Model,
    starts: &'a [Option<(DateRange, bool)>],
    bounds: &'a [Bounds],
}

impl Events<'_> {
    /// The finding for one `first` event, naming `named` (as messages always have: the event
    /// whose written or derived start ends earliest) when dates alone show it earlier, else the
    /// nearest event that relations put earlier, else the earliest by the narrowed dates.
    fn report(&self, event: EventId, flag: Span, earlier: Earlier) -> Option<Finding> {
        let model = self.model;
        let (other, by_chain) = match (earlier.named, earlier.related.first(), earlier.dated.first()) {
            (Some(other), _, _) => (other, false),
            (None, Some(&(other, _)), _) => (other, true),
            (None, None, Some(&other)) => (other, false),
            (None, None, None) => return None,
        };
        let (mut others, total_others) = earlier.others(other, LABELLED);
        others.sort_by_key(|&(o, _)| (model.events[o].loc, o));
        let tag = earlier.tags.shared(&model.events[other].tags).unwrap_or_default();
        let (this_name, other_name) =
            (explain::name(model, Target::Event(event)), explain::name(model, Target::Event(other)));
        let place = |e: EventId| explain::date_loc(model, Target::Event(e));
        let mut finding = Finding::new(
            &registry::FIRST,
            format!("{this_name} is flagged `first`, but {other_name} shares #{tag} and is earlier"),
            Label::new(
                model.events[event].loc.file,
                flag,
                format!("flagged first of #{tag}, {}", when(self.starts[event], self.bounds[event])),
            ),
        );
        let at = place(other);
        finding = finding.with_related(Label::new(
            at.file,
            at.span,
            format!("#{tag} too, {}", when(self.starts[other], self.bounds[other])),
        ));
        let mut help = if by_chain {
            let because = listed(&earlier.chain, "; ", |&c| explain::sentence(model, c));
            let mut labelled = vec![at];
            for &constraint in earlier.chain.iter().take(LABELLED) {
                let (loc, text) = explain::label(model, constraint);
                if !labelled.contains(&loc) {
                    labelled.push(loc);
                    finding = finding.with_related(Label::new(loc.file, loc.span, text));
                }
            }
            let lead = match earlier.apart {
                Some(1) => format!("{other_name} comes a day or more before {this_name}"),
                Some(days) => format!("{other_name} comes {days} days or more before {this_name}"),
                None => format!("{other_name} necessarily comes before {this_name}"),
            };
            format!("{lead} ({because})")
        } else {
            let (range, start) = match (earlier.named, self.starts[other], self.starts[event]) {
                (Some(_), Some((range, _)), Some((start, _))) => (range.to_string(), start.to_string()),
                _ => (show(self.bounds[other]), show(self.bounds[event])),
            };
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
            let verb = if others.len() == 1 && more == 0 { "does" } else { "do" };
            help.push_str(&format!(", and so {verb} {}", joined(&items, more, !earlier.exact)));
        }
        for &(o, why) in &others {
            let tag = earlier.tags.shared(&model.events[o].tags).unwrap_or_default();
            let text = match why {
                Why::Dates => format!("#{tag} too, also earlier: {}", when(self.starts[o], self.bounds[o])),
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
#[path = "first_tests.rs"]
mod tests;
