//! Hover text: a claim's value and date as the intervals the checks use, an event's dates,
//! a block's members, a measure's declaration and series, a source's reference.

use super::analysis::{Analysis, Thing};
use crate::model::{Claim, DateValue, Loc, Model, NameKind};
use crate::source::FileId;
use crate::syntax::ast::Relation;
use crate::value::date::format_day;
use crate::value::DateRange;

/// Claims listed under a measure before the list is cut short.
const SERIES_LIMIT: usize = 40;

/// Markdown for whatever is under the offset, or `None` over blank space and comments.
pub fn hover(analysis: &Analysis, file: FileId, offset: usize) -> Option<String> {
    let model = &analysis.index().model;
    if let Some((kind, ident)) = analysis.name_at(file, offset) {
        let name = ident.name.as_str();
        return match kind {
            NameKind::Measure => Some(measure(analysis, name)),
            NameKind::Source => Some(source(analysis, name)),
            NameKind::Id => match model.target(name) {
                Some(target) => thing(analysis, Thing::from(target)),
                None => Some(format!("no claim, event or block is labelled `{name}`")),
            },
        };
    }
    thing(analysis, analysis.thing_at(file, offset)?)
}

fn thing(analysis: &Analysis, thing: Thing) -> Option<String> {
    let model = &analysis.index().model;
    let text = match thing {
        Thing::Claim(c) => claim(model, &model.claims[c]),
        Thing::Event(e) => {
            let event = &model.events[e];
            let mut lines = vec![format!("**event**{} — {}", id_suffix(event.id.as_deref()), event.description)];
            match (&event.date, &event.relative) {
                (Some(date), _) => lines.push(date_line(date)),
                (None, Some(r)) => {
                    let relation = match r.relation {
                        Relation::After => "after",
                        Relation::Before => "before",
                    };
                    let offset = r.offset.as_ref().map(|o| format!(" by {}", o.text)).unwrap_or_default();
                    lines.push(format!("Date: derived, {relation} `{}`{offset}", r.anchor));
                }
                (None, None) => lines.push("Date: none".into()),
            }
            if let Some(lasting) = &event.lasting {
                lines.push(format!("Lasting: {} ({}–{} days)", lasting.text, lasting.min_days, lasting.max_days));
            }
            lines.join("\n\n")
        }
        Thing::Block(b) => {
            let block = &model.blocks[b];
            let mut lines = vec![format!("**shares** of {}", block.measure_name), date_line(&block.date)];
            for &member in &block.members {
                let member = &model.claims[member];
                lines.push(format!("- {}: {}", member.item.as_deref().unwrap_or("?"), model.describe(member)));
            }
            lines.join("\n\n")
        }
        Thing::Assert(_) => return None,
    };
    Some(text)
}

fn claim(model: &Model, claim: &Claim) -> String {
    let mut lines = vec![format!("**{}**{}", model.subject(claim), id_suffix(model.claim_id(claim)))];
    let measure_unit = claim.measure().and_then(|m| model.measure_unit(m));
    let unit = match (claim.value.unit.as_deref(), measure_unit) {
        (Some(written), Some(measure)) if written != measure => {
            format!(" (in {written}, but the measure is in {measure}: a unit-mismatch)")
        }
        (written, measure) => measure.or(written).map(|u| format!(" (in {u})")).unwrap_or_default(),
    };
    lines.push(format!("Value: {}{unit}", model.describe(claim)));
    lines.push(date_line(&claim.date));
    if !claim.flags.is_empty() {
        let flags: Vec<&str> = claim.flags.iter().map(|(f, _)| f.word()).collect();
        lines.push(format!("Flags: {}", flags.join(", ")));
    }
    lines.join("\n\n")
}

/// `Date: 2003..2008 — starts 2003-01-01 … 2003-12-31, ends 2008-01-01 … 2008-12-31`.
fn date_line(date: &DateValue) -> String {
    match date.end() {
        None => format!("Date: {} — {}", date.text, days(date.start)),
        Some(end) => format!("Date: {} — starts {}, ends {}", date.text, days(date.start), days(end)),
    }
}

fn days(range: DateRange) -> String {
    if range.first == range.last {
        format_day(range.first)
    } else {
        format!("{} … {}", format_day(range.first), format_day(range.last))
    }
}

fn id_suffix(id: Option<&str>) -> String {
    id.map(|id| format!(" `{id}`")).unwrap_or_default()
}

/// The declaration and every claim of the measure, by date.
fn measure(analysis: &Analysis, name: &str) -> String {
    let model = &analysis.index().model;
    let mut out = match model.measure_names.get(name) {
        Some(&m) => format!("```claims\n{}\n```\n", line_of(analysis, model.measures[m].loc)),
        None => format!("`{name}` is not declared\n"),
    };
    let mut series: Vec<&Claim> = model.claims.iter().filter(|c| model.measure_name(c) == name).collect();
    series.sort_by(|a, b| {
        let key = |c: &Claim| (c.date.range(), c.item.clone(), c.loc);
        key(a).cmp(&key(b))
    });
    let noun = if series.len() == 1 { "claim" } else { "claims" };
    out.push_str(&format!("\nSeries ({} {noun}):\n", series.len()));
    for claim in series.iter().take(SERIES_LIMIT) {
        let item = claim.item.as_ref().map(|i| format!(" {i}")).unwrap_or_default();
        out.push_str(&format!(
            "- {}{item}: {}{}\n",
            claim.date.text,
            model.describe(claim),
            id_suffix(model.claim_id(claim))
        ));
    }
    if series.len() > SERIES_LIMIT {
        out.push_str(&format!("- … and {} more\n", series.len() - SERIES_LIMIT));
    }
    out
}

fn source(analysis: &Analysis, key: &str) -> String {
    let model = &analysis.index().model;
    let Some(&s) = model.source_keys.get(key) else {
        return format!("`{key}` is not declared");
    };
    let source = &model.sources[s];
    let mut out = format!("**@{key}**");
    if let Some(text) = &source.text {
        out.push_str(&format!(" — {text}"));
    }
    if let Some(published) = source.published {
        out.push_str(&format!("\n\nPublished: {}", days(published)));
    }
    out
}

/// The text of the line a location starts on, without its line break.
fn line_of(analysis: &Analysis, loc: Loc) -> String {
    if loc.file.0 as usize >= analysis.outcome.sources.len() {
        return String::new();
    }
    let text = analysis.text(loc.file);
    let start = text[..(loc.span.start as usize).min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    text[start..end].trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::load::Origin;
    use lsp_types::Uri;
    use std::str::FromStr;

    const TEXT: &str = "source xing \"Xing, China and Central Asia\" 2001\nmeasure trade \"Trade\" unit USD\n\
        t2000: 2000 trade = $1.5bn [@xing]\n1997-06 trade ~ $1bn [@xing]\n\
        prog: 2003..2008 event \"Program\" lasting 5y [@xing]\n1999 trade = €4.3bn [@xing]\n";

    fn hover_at(needle: &str) -> String {
        let analysis = Analysis::new(&[(
            Uri::from_str("file:///w/a.claims").unwrap(),
            std::sync::Arc::new(TEXT.to_string()),
            Origin::Open,
        )]);
        hover(&analysis, FileId(0), TEXT.find(needle).unwrap()).unwrap_or_default()
    }

    #[test]
    fn a_claim_shows_its_value_and_date_intervals() {
        let text = hover_at("$1.5bn");
        assert!(text.contains("Value: $1.5bn (1.45–1.55) (in USD)"), "{text}");
        assert!(text.contains("Date: 2000 — 2000-01-01 … 2000-12-31"), "{text}");
        assert!(text.contains("`t2000`"), "{text}");
        let mismatched = hover_at("€4.3bn");
        assert!(mismatched.contains("(in EUR, but the measure is in USD: a unit-mismatch)"), "{mismatched}");
    }

    #[test]
    fn a_measure_shows_its_declaration_and_series_by_date() {
        let text = hover_at("trade =");
        assert!(text.contains("measure trade \"Trade\" unit USD"), "{text}");
        let earlier = text.find("- 1997-06: ~ $1bn").unwrap();
        let later = text.find("- 2000: $1.5bn (1.45–1.55) `t2000`").unwrap();
        assert!(earlier < later, "{text}");
    }

    #[test]
    fn events_sources_and_periods() {
        let text = hover_at("event");
        assert!(text.contains("starts 2003-01-01 … 2003-12-31, ends 2008-01-01 … 2008-12-31"), "{text}");
        assert!(text.contains("Lasting: 5y"), "{text}");
        assert!(hover_at("xing]").contains("**@xing** — Xing, China and Central Asia"));
    }
}
