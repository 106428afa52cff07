//! Turning a violated chain of the temporal network into a `timeline` finding: every
//! constraint on the chain gets a label, and the help walks the chain with its dates. A circle
//! of relations is explained the same way: every relation labelled, the help walking round it.
//! When the blamed constraint of a chain from date to date is a relation, not a date, the
//! message names that relation as what cannot hold, and the chain explains why.

use super::schedule::{Circle, Constraint, Link, Moment, Point, Step, Violation};
use crate::finding::{Finding, Label};
use crate::model::{Loc, Model, Target};
use crate::registry;
use crate::source::SourceMap;
use crate::syntax::ast::Relation;
use crate::value::date::{format_day, format_range};
use crate::value::DateRange;
use std::collections::HashMap;

/// How messages name a claim, event or block: its id, else what it says.
pub fn name(model: &Model, target: Target) -> String {
    match target {
        Target::Event(e) => {
            let event = &model.events[e];
            event.id.as_ref().map_or_else(|| format!("\"{}\"", event.description), |id| format!("`{id}`"))
        }
        Target::Claim(c) => {
            let claim = &model.claims[c];
            let written = format!("{} {} {}", model.subject(claim), claim.value.cmp.symbol(), model.written(claim));
            format!("`{}`", model.claim_id(claim).unwrap_or(&written))
        }
        Target::Block(b) => {
            let block = &model.blocks[b];
            block.id.as_ref().map_or_else(|| format!("the `{}` block", block.measure_name), |id| format!("`{id}`"))
        }
        Target::Assert(a) => format!("`{}`", model.asserts[a].id.as_deref().unwrap_or("assert")),
    }
}

/// Where a claim, event or block's date is written; for a block member, which takes its
/// block's date, its own line (so that a finding about it is on the line that names it).
pub fn date_loc(model: &Model, target: Target) -> Loc {
    let loc = model.target_loc(target);
    if is_member(model, target) {
        return loc;
    }
    model.target_date(target).map_or(loc, |d| Loc { file: loc.file, span: d.span })
}

fn is_period(model: &Model, target: Target) -> bool {
    model.target_date(target).is_some_and(|d| d.end().is_some())
}

/// "dated 1997-05", "starts in 2003", "ends in 2008".
fn dated(model: &Model, moment: Moment, range: DateRange) -> String {
    match moment.point {
        Point::End => format!("ends in {range}"),
        Point::Start if is_period(model, moment.target) => format!("starts in {range}"),
        Point::Start if is_member(model, moment.target) => format!("dated {range}, its block's date"),
        Point::Start => format!("dated {range}"),
    }
}

fn is_member(model: &Model, target: Target) -> bool {
    let Target::Claim(c) = target else { return false };
    model.claims[c].block().is_some_and(|b| model.blocks[b].members.contains(&c))
}

/// Where a constraint is written, and what its label says there.
pub fn label(model: &Model, constraint: Constraint) -> (Loc, String) {
    match constraint {
        Constraint::Date { moment, range } => (date_loc(model, moment.target), dated(model, moment, range)),
        Constraint::Period { target } => (date_loc(model, target), "a period ends no earlier than it starts".into()),
        Constraint::Order { order, from, to } => {
            let order = &model.orders[order];
            let (a, b) = (&order.ids[from], &order.ids[to]);
            (Loc { file: order.loc.file, span: a.1.cover(b.1) }, format!("orders `{}` before `{}`", a.0, b.0))
        }
        Constraint::Relative { event } => {
            let e = &model.events[event];
            let Some(relative) = &e.relative else { return (e.loc, String::new()) };
            let word = match relative.relation {
                Relation::After => "after",
                Relation::Before => "before",
            };
            let offset = relative.offset.as_ref().map_or(String::new(), |d| format!("{} ", d.text));
            (Loc { file: e.loc.file, span: relative.span }, format!("{offset}{word} `{}`", relative.anchor))
        }
        Constraint::Lasting { event } => {
            let e = &model.events[event];
            match &e.lasting {
                Some(d) => (Loc { file: e.loc.file, span: d.span }, format!("lasting {}", d.text)),
                None => (e.loc, String::new()),
            }
        }
    }
}

/// The whole sentence a constraint stands for, for the help's chain.
pub fn sentence(model: &Model, constraint: Constraint) -> String {
    let (_, text) = label(model, constraint);
    match constraint {
        Constraint::Date { moment, .. } => format!("{} {text}", name(model, moment.target)),
        Constraint::Period { target } => format!("{} ends no earlier than it starts", name(model, target)),
        Constraint::Order { .. } => text.replacen("orders", "order", 1),
        Constraint::Relative { event } | Constraint::Lasting { event } => {
            format!("{} {text}", name(model, Target::Event(event)))
        }
    }
}

/// How a message names a relation as written: "`e5 < e6` in `order e5 < e6 < e7`",
/// "`e5`'s `before e2 by 2w`", "`p`'s `lasting 5y`"; `None` for a date or a period.
fn relation_name(model: &Model, constraint: Constraint) -> Option<String> {
    match constraint {
        Constraint::Order { order, from, to } => {
            let ids = &model.orders[order].ids;
            let step = format!("{} < {}", ids.get(from)?.0, ids.get(to)?.0);
            Some(match ids.len() {
                2 => format!("`order {step}`"),
                // An `order` line can be very long: name only its ends.
                n if n > 6 => format!("`{step}` in `order {} < … < {}`", ids[0].0, ids[n - 1].0),
                _ => {
                    let line = ids.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>().join(" < ");
                    format!("`{step}` in `order {line}`")
                }
            })
        }
        Constraint::Relative { event } => {
            let relative = model.events[event].relative.as_ref()?;
            let word = match relative.relation {
                Relation::After => "after",
                Relation::Before => "before",
            };
            let offset = relative.offset.as_ref().map_or(String::new(), |d| format!(" by {}", d.text));
            Some(format!("{}'s `{word} {}{offset}`", name(model, Target::Event(event)), relative.anchor))
        }
        Constraint::Lasting { event } => {
            let lasting = model.events[event].lasting.as_ref()?;
            Some(format!("{}'s `lasting {}`", name(model, Target::Event(event)), lasting.text))
        }
        Constraint::Date { .. } | Constraint::Period { .. } => None,
    }
}

fn moment_name(model: &Model, moment: Moment) -> String {
    match moment.point {
        Point::Start => name(model, moment.target),
        Point::End => format!("the end of {}", name(model, moment.target)),
    }
}

/// "in 1997-05-15…1997-07-17", "on or before 2001-12-31".
fn allowed(lo: Option<i64>, hi: Option<i64>) -> String {
    match (lo, hi) {
        (Some(lo), Some(hi)) => format!("in {}", format_range(lo, hi)),
        (None, Some(hi)) => format!("on or before {}", format_day(hi)),
        (Some(lo), None) => format!("on or after {}", format_day(lo)),
        (None, None) => "anywhere".into(),
    }
}

fn add(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    Some(a?.saturating_add(b?))
}

pub fn finding(model: &Model, violation: &Violation) -> Finding {
    let steps = &violation.steps;
    let chain = |steps: &[Step]| crate::finding::listed(steps, "; ", |s| sentence(model, s.constraint));
    let mut labels: Vec<(Loc, String)> = steps.iter().map(|s| label(model, s.constraint)).collect();
    let dated = match steps.split_last() {
        Some((last, before)) if violation.is_dated() => Some(Dated::new(model, last, before)),
        _ => None,
    };
    // A blamed relation (rather than a date) is what the finding says cannot hold.
    let relation = violation.blamed.filter(|_| dated.is_some()).and_then(|b| {
        let named = relation_name(model, steps.get(b)?.constraint)?;
        Some((b, named))
    });
    let (message, help, primary) = match &dated {
        Some(d) => {
            let earlier = &steps[..steps.len() - 1];
            let help = format!("{} must {} {} ({}) but {}", d.subject, d.verb, d.allowed, chain(earlier), d.is);
            match relation {
                Some((b, named)) => {
                    labels[b].1 = format!("{}, which cannot hold with the dates", labels[b].1);
                    let message = format!(
                        "{named} cannot hold: {} would have to {} {} but {}",
                        d.subject, d.verb, d.allowed, d.is
                    );
                    (message, help, b)
                }
                None => {
                    labels[earlier.len()].1 = format!("{}, but must {} {}", labels[earlier.len()].1, d.verb, d.allowed);
                    (format!("{} cannot {}", d.subject, d.cannot), help, earlier.len())
                }
            }
        }
        None => {
            let subject = steps.first().and_then(|s| s.from).map_or_else(String::new, |m| moment_name(model, m));
            let total = steps.iter().try_fold(0i64, |sum, s| s.ceil.map(|c| sum.saturating_add(c)));
            let gap = total.map_or_else(String::new, |t| format!("at least {} days ", t.saturating_neg()));
            let message = format!("{subject} would have to fall {gap}before itself");
            let help = format!("going round {}, {subject} must fall {gap}before itself", chain(steps));
            (message, help, 0)
        }
    };
    // Other chains against the blamed statement: each of their statements is labelled too.
    let help = match violation.others.is_empty() {
        true => help,
        false => {
            let others = crate::finding::listed(&violation.others, "; and through ", |steps| chain(steps));
            format!("{help}; the same clash runs through {others}")
        }
    };
    labels.extend(violation.others.iter().flatten().map(|s| label(model, s.constraint)));
    let (loc, text) = labels.remove(primary);
    let mut merged: Vec<Label> = vec![Label::new(loc.file, loc.span, text)];
    // Constraints written at the same place share one label; indexed, as a chain can be 100k steps long.
    let mut at: HashMap<Loc, usize> = HashMap::from([(loc, 0)]);
    for (loc, text) in labels {
        match at.get(&loc) {
            Some(&same) => {
                merged[same].message.push_str("; ");
                merged[same].message.push_str(&text);
            }
            None => {
                at.insert(loc, merged.len());
                merged.push(Label::new(loc.file, loc.span, text));
            }
        }
    }
    let mut labels = merged.into_iter();
    let primary = labels.next().unwrap_or_else(|| Label::new(loc.file, loc.span, String::new()));
    labels.fold(Finding::new(&registry::TIMELINE, message, primary), Finding::with_related).with_help(help)
}

/// The finding for a circle of relations: every relation on it labelled, the one that closes
/// it (the first, in the order written, to complete a circle) as the primary label, and the
/// help walking round it with where each relation is written.
pub fn circle(model: &Model, sources: &SourceMap, circle: &Circle) -> Option<Finding> {
    let closing = circle.chain.last()?;
    let (at, text) = label(model, closing.constraint);
    let message = match circle.chain.as_slice() {
        [only] => format!("{} is said to come before itself", moment_name(model, only.earlier)),
        chain => format!(
            "{} are ordered in a circle: each is said to come before the next",
            crate::finding::listed(chain, ", ", |l| moment_name(model, l.earlier))
        ),
    };
    let step = |link: &Link| {
        let (loc, _) = label(model, link.constraint);
        let kind = match link.constraint {
            Constraint::Order { .. } => "order",
            Constraint::Relative { event } => match model.events[event].relative.as_ref().map(|r| r.relation) {
                Some(Relation::Before) => "before",
                _ => "after",
            },
            _ => "relation",
        };
        let file = sources.get(loc.file);
        let line = file.line_col(loc.span.start as usize).0;
        let place = if loc.file == at.file { format!("line {line}") } else { format!("{} line {line}", file.name) };
        format!("{} before {} ({kind}, {place})", moment_name(model, link.earlier), moment_name(model, link.later))
    };
    let mut help = crate::finding::listed(&circle.chain, ", ", step);
    help.push_str(": each says one came strictly before the next, so they cannot all hold, whatever the days (one day for all included)");
    match circle.others.len() {
        0 => {}
        1 => help.push_str("; 1 more relation among them (labelled) goes round too"),
        n => help.push_str(&format!("; {n} more relations among them (labelled) go round too")),
    }
    help.push_str("; correct or drop the wrong relation");
    let primary = Label::new(at.file, at.span, format!("{text}, closing the circle"));
    let mut finding = Finding::new(&registry::TIMELINE, message, primary).with_help(help);
    let before_closing = &circle.chain[..circle.chain.len() - 1];
    for constraint in before_closing.iter().map(|l| l.constraint).chain(circle.others.iter().copied()) {
        let (loc, text) = label(model, constraint);
        finding = finding.with_related(Label::new(loc.file, loc.span, text));
    }
    Some(finding)
}

/// A chain that ends at a contradicted date, read as "X must fall in … but is dated …".
struct Dated {
    subject: String,
    /// "fall", "start" or "end".
    verb: &'static str,
    /// "in 1997-05-15…1997-07-17".
    allowed: String,
    /// "is dated 1997-09".
    is: String,
    /// "be dated 1997-09".
    cannot: String,
}

impl Dated {
    /// The contradicted date is the last step; the steps before it carry the first date along.
    fn new(model: &Model, last: &Step, before: &[Step]) -> Dated {
        let (lo, hi) = before.iter().fold((Some(0), Some(0)), |(lo, hi), s| (add(lo, s.floor), add(hi, s.ceil)));
        let (moment, range) = match last.constraint {
            Constraint::Date { moment, range } => (Some(moment), Some(range)),
            _ => (last.from, None),
        };
        let shown = range.map_or_else(String::new, |r| r.to_string());
        let (verb, is, cannot) = match moment {
            Some(m) if m.point == Point::End => ("end", format!("ends in {shown}"), format!("end in {shown}")),
            Some(m) if is_period(model, m.target) => {
                ("start", format!("starts in {shown}"), format!("start in {shown}"))
            }
            _ => ("fall", format!("is dated {shown}"), format!("be dated {shown}")),
        };
        let subject = moment.map_or_else(String::new, |m| name(model, m.target));
        Dated { subject, verb, allowed: allowed(lo, hi), is, cannot }
    }
}
