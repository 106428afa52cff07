//! Bibliographies named by `bibliography "refs.bib"`: every entry becomes a source carrying
//! its publication date. BibTeX/BibLaTeX files go through the `biblatex` crate; CSL-JSON
//! files (`.json`, as Zotero and Better BibTeX export them) through serde_json. A broken
//! entry is a `syntax` finding pointing inside the bibliography; the other entries are kept.

mod bibtex;
mod csl;

use crate::finding::{Finding, Label};
use crate::model::{Loc, Source};
use crate::registry;
use crate::source::{FileId, Span};
use crate::value::date::{day_from_civil, DateRange};

/// The sources a bibliography declares, and a finding for each entry that cannot be read.
pub fn parse(file: FileId, name: &str, text: &str) -> (Vec<Source>, Vec<Finding>) {
    if name.to_ascii_lowercase().ends_with(".json") {
        csl::parse(file, name, text)
    } else {
        bibtex::parse(file, name, text)
    }
}

/// A bibliography entry as a source.
fn source(file: FileId, key: &str, key_span: Span, text: Option<String>, published: Option<DateRange>) -> Source {
    Source {
        key: key.into(),
        text: text.map(Into::into),
        published,
        loc: Loc { file, span: key_span },
        from_bibliography: true,
    }
}

/// "Surname et al., Title", from whatever of the two is known.
fn reference_text(surnames: &[String], title: Option<String>) -> Option<String> {
    let author = match surnames {
        [] => None,
        [one] => Some(one.clone()),
        [first, _] => Some(format!("{first} and {}", surnames[1])),
        [first, ..] => Some(format!("{first} et al.")),
    };
    match (author, title.filter(|t| !t.trim().is_empty())) {
        (Some(a), Some(t)) => Some(format!("{a}, {t}")),
        (a, t) => a.or(t),
    }
}

/// The days a publication date covers: a year, a month or a day (month and day 1-based).
fn date_range(year: i64, month: Option<u32>, day: Option<u32>) -> Option<DateRange> {
    // A claims file writes four-digit years; a bibliography's year past them is a typo, and
    // its days would not fit in a `Day`: the work's date is then unknown.
    if !(-9999..=9999).contains(&year) {
        return None;
    }
    match (month.filter(|m| (1..=12).contains(m)), day) {
        (None, _) => Some(DateRange::year(year)),
        (Some(m), Some(d)) if d >= 1 && d <= crate::value::date::days_in_month(year, m) => {
            let day = day_from_civil(year, m, d);
            Some(DateRange::new(day, day))
        }
        (Some(m), _) => Some(DateRange::month(year, m)),
    }
}

/// The years of a free-text date (`"2001?"`, `"Spring 2001"`, `"2001--2002"`).
fn year_in(text: &str) -> Option<DateRange> {
    // Runs of exactly four digits: `2001`, `c. 1999`, and both ends of `2001--2002` or
    // `2001/2002`, whose work may be of either year (every day from the first to the last).
    let years: Vec<i64> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() == 4)
        .filter_map(|run| run.parse().ok())
        .collect();
    let first = date_range(*years.first()?, None, None)?;
    let last = date_range(*years.last()?, None, None)?;
    Some(first.hull(&last))
}

/// `at`, moved back to the start of the character it falls in.
fn char_start(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A `syntax` finding on a broken entry.
fn broken(file: FileId, span: Span, label: impl Into<String>, message: String, name: &str) -> Finding {
    Finding::new(&registry::SYNTAX, message, Label::new(file, span, label))
        .with_help(format!("fix or remove this entry; the other entries of `{name}` are still used"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::date::civil_from_day;

    #[test]
    fn reference_texts_and_dates() {
        assert_eq!(reference_text(&["Xing".into()], Some("China".into())).as_deref(), Some("Xing, China"));
        assert_eq!(reference_text(&["A".into(), "B".into(), "C".into()], None).as_deref(), Some("A et al."));
        assert_eq!(reference_text(&[], None), None);
        let may = date_range(2001, Some(5), None).unwrap();
        assert_eq!((civil_from_day(may.first), civil_from_day(may.last)), ((2001, 5, 1), (2001, 5, 31)));
        let bad_day = date_range(2001, Some(2), Some(30)).unwrap();
        assert_eq!(civil_from_day(bad_day.last), (2001, 2, 28));
        assert_eq!(year_in("Spring 1999?"), date_range(1999, None, None));
        assert_eq!(year_in("n.d."), None);
        let both = date_range(2001, None, None).zip(date_range(2002, None, None)).map(|(a, b)| a.hull(&b));
        assert_eq!(year_in("2001--2002"), both);
        assert_eq!(year_in("2001/2002"), both);
    }
}
