//! BibTeX and BibLaTeX files. The `biblatex` crate stops at the first error, so entries are
//! first parsed one by one (split where a line starts with `@`): a broken one is reported
//! and blanked out with spaces, which keeps every other byte offset, and the rest is parsed
//! together so `@string` macros and cross-references resolve.

use super::{broken, char_start, date_range, reference_text, source, year_in};
use crate::finding::Finding;
use crate::model::Source;
use crate::source::{FileId, Span};
use crate::value::date::add_months;
use crate::value::DateRange;
use biblatex::{Bibliography, ChunksExt, DateValue, ParseError, ParseErrorKind, PermissiveType, RawBibliography};
use std::collections::HashMap;
use std::ops::Range;

pub fn parse(file: FileId, name: &str, text: &str) -> (Vec<Source>, Vec<Finding>) {
    let mut working = text.to_string();
    let mut findings = Vec::new();
    // A broken entry whose key can be read is still a source, known by its key alone: its
    // `syntax` finding says what is wrong, and its citations are not also `unknown-source`.
    let mut broken_entries = Vec::new();
    let chunks = chunks(text);
    for chunk in &chunks {
        if let Err(error) = RawBibliography::parse(&text[chunk.clone()]) {
            let at = char_start(text, chunk.start + error.span.start.min(chunk.len()));
            findings.push(report(file, name, text, chunk.clone(), &error.kind, at));
            broken_entries.extend(entry_key(text, chunk.clone()));
            blank(&mut working, chunk.clone());
        }
    }
    for _ in 0..=chunks.len() {
        match resolve(file, &working) {
            Ok(mut sources) => {
                for (key, span) in broken_entries {
                    if !sources.iter().any(|s| s.key == key) {
                        sources.push(source(file, key, span, None, None));
                    }
                }
                return (sources, findings);
            }
            Err(error) => {
                let at = char_start(text, error.span.start);
                let chunk = chunks.iter().find(|c| c.contains(&at)).cloned().unwrap_or(at..text.len());
                findings.push(report(file, name, text, chunk.clone(), &error.kind, at));
                broken_entries.extend(entry_key(text, chunk.clone()));
                blank(&mut working, chunk);
            }
        }
    }
    (Vec::new(), findings)
}

/// The key of the entry in `chunk` and where it is written, read without parsing the entry:
/// `@article{xing2001,` gives `xing2001`. `@string`, `@preamble` and `@comment` have none.
fn entry_key(text: &str, chunk: Range<usize>) -> Option<(&str, Span)> {
    let header = &text[chunk.clone()];
    let (kind, rest) = header.strip_prefix('@')?.split_once(['{', '('])?;
    if ["string", "preamble", "comment"].contains(&kind.trim().to_ascii_lowercase().as_str()) {
        return None;
    }
    let raw = rest.split([',', '\n', '}', ')']).next().unwrap_or("");
    let key = raw.trim();
    let plain = !key.is_empty() && !key.contains(|c: char| c.is_whitespace() || "{}()\",=#%".contains(c));
    let start = chunk.start + (header.len() - rest.len()) + (raw.len() - raw.trim_start().len());
    plain.then(|| (key, Span::new(start, start + key.len())))
}

/// Entry-sized pieces: each starts where a line starts with `@` (after spaces).
fn chunks(text: &str) -> Vec<Range<usize>> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let lead = line.len() - line.trim_start().len();
        if line.trim_start().starts_with('@') {
            starts.push(offset + lead);
        }
        offset += line.len();
    }
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    starts.iter().zip(ends).map(|(&s, e)| s..e).collect()
}

/// Spaces over a broken entry; newlines stay, so every offset and line stays where it was.
fn blank(text: &mut String, range: Range<usize>) {
    let spaces: String = text[range.clone()].bytes().map(|b| if b == b'\n' { '\n' } else { ' ' }).collect();
    text.replace_range(range, &spaces);
}

fn report(file: FileId, name: &str, text: &str, chunk: Range<usize>, kind: &ParseErrorKind, at: usize) -> Finding {
    let header = &text[chunk.clone()];
    let key = header.split_once(['{', '(']).map(|(_, rest)| rest.split([',', '\n']).next().unwrap_or("").trim());
    let entry = match key.filter(|k| !k.is_empty()) {
        Some(key) => format!("bibliography entry `{key}`"),
        None => "a bibliography entry".to_string(),
    };
    let first_line = chunk.start..chunk.start + header.find('\n').unwrap_or(header.len());
    let (span, label) = match kind {
        ParseErrorKind::UnexpectedEof => (first_line, "this entry is never closed".to_string()),
        other => {
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            (at..end.min(chunk.end).max(at), other.to_string())
        }
    };
    let message = format!("{entry} does not parse: {kind}");
    broken(file, Span::new(span.start, span.end), label, message, name)
}

/// Every entry of a bibliography with no syntax errors left in it.
fn resolve(file: FileId, text: &str) -> Result<Vec<Source>, ParseError> {
    let mut raw = RawBibliography::parse(text)?;
    let mut key_spans: HashMap<String, Span> = HashMap::new();
    let mut repeats = Vec::new();
    raw.entries.retain(|entry| {
        let span = Span::new(entry.v.key.span.start, entry.v.key.span.end);
        if key_spans.contains_key(entry.v.key.v) {
            repeats.push(source(file, entry.v.key.v, span, None, None));
            return false;
        }
        key_spans.insert(entry.v.key.v.to_string(), span);
        true
    });
    let bibliography = Bibliography::from_raw(raw)?;
    let mut sources: Vec<Source> = bibliography
        .iter()
        .map(|entry| {
            let surnames: Vec<String> = entry
                .author()
                .or_else(|_| entry.editors().map(|e| e.into_iter().flat_map(|(people, _)| people).collect()))
                .unwrap_or_default()
                .into_iter()
                .map(|p| p.name)
                .collect();
            let title = entry.title().ok().map(|t| t.format_verbatim());
            let published = match entry.date() {
                Ok(PermissiveType::Typed(date)) => {
                    // `2001~` and `2001?` (approximate, uncertain) are a unit wider each side, as `~2001` is.
                    let loose = date.approximate || date.uncertain;
                    let range =
                        |d: &biblatex::Datetime| datetime_range(d).map(|r| if loose { widened(d, r) } else { r });
                    match date.value {
                        // `2001/..`: published in 2001 or any time since, so never surely too early.
                        DateValue::After(_) => None,
                        // `../2001`: in 2001 at the latest, which is what `anachronism` weighs.
                        DateValue::At(d) | DateValue::Before(d) => range(&d),
                        DateValue::Between(a, b) => range(&a).zip(range(&b)).map(|(a, b)| a.hull(&b)),
                    }
                }
                Ok(PermissiveType::Chunks(chunks)) => year_in(&chunks.format_verbatim()),
                Err(_) => None,
            };
            // biblatex reads `year = {2001--2002}` as 2001: a range of years is taken from the text.
            let years = entry.get("year").and_then(|year| year_in(&year.format_verbatim()));
            let published = years.filter(|range| range.last - range.first > 366).or(published).or(years);
            let span = key_spans.get(&entry.key).copied().unwrap_or_default();
            source(file, &entry.key, span, reference_text(&surnames, title), published)
        })
        .collect();
    sources.sort_by_key(|s| s.loc.span.start);
    sources.extend(repeats);
    Ok(sources)
}

/// `range`, the days of `d`, one unit of `d`'s precision wider on each side.
fn widened(d: &biblatex::Datetime, range: DateRange) -> DateRange {
    let months = match (d.month, d.day) {
        (_, Some(_)) => return DateRange::new(range.first - 1, range.last + 1),
        (Some(_), None) => 1,
        (None, None) => 12,
    };
    DateRange::new(add_months(range.first, -months), add_months(range.last + 1, months) - 1)
}

fn datetime_range(d: &biblatex::Datetime) -> Option<DateRange> {
    let month = d.month.map(|m| u32::from(m) + 1);
    date_range(i64::from(d.year), month, d.day.map(|day| u32::from(day) + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::date::civil_from_day;

    const BIB: &str = r#"@string{ppc = "Problems of {Post-Communism}"}
@article{kembayev2020,
  author = {Kembayev, Zhenis},
  title = {Development of {China-Kazakhstan} Cooperation},
  journal = ppc,
  year = 2020, month = may,
}
@article{broken2001,
  author = {Nobody},
  title = {Missing comma}
  year = 2001
}
@book{xing, author = {Xing, Guangcheng and Other, A.}, title = "China and Central Asia", date = {2001-03-05}}
"#;

    #[test]
    fn entries_survive_a_broken_neighbour() {
        let (sources, findings) = parse(FileId(1), "refs.bib", BIB);
        let keys: Vec<&str> = sources.iter().map(|s| s.key.as_str()).collect();
        // The broken entry is a source known by its key alone: no text, no date.
        assert_eq!(keys, vec!["kembayev2020", "xing", "broken2001"]);
        assert_eq!((&sources[2].text, sources[2].published), (&None, None));
        assert_eq!(&BIB[sources[2].loc.span.range()], "broken2001");
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0].message.starts_with("bibliography entry `broken2001` does not parse"),
            "{}",
            findings[0].message
        );
        let (line, _) =
            crate::source::SourceFile::new("refs.bib", BIB).line_col(findings[0].primary.span.start as usize);
        assert_eq!(line, 11);
        let k = &sources[0];
        assert_eq!(&BIB[k.loc.span.range()], "kembayev2020");
        assert_eq!(k.text.as_deref(), Some("Kembayev, Development of China-Kazakhstan Cooperation"));
        let may = k.published.unwrap();
        assert_eq!((civil_from_day(may.first), civil_from_day(may.last)), ((2020, 5, 1), (2020, 5, 31)));
        let day = sources[1].published.unwrap();
        assert_eq!((civil_from_day(day.first), civil_from_day(day.last)), ((2001, 3, 5), (2001, 3, 5)));
        assert_eq!(sources[1].text.as_deref(), Some("Xing and Other, China and Central Asia"));
    }

    #[test]
    fn a_free_text_year_is_read_as_in_csl() {
        let (sources, _) = parse(FileId(1), "refs.bib", "@book{w, title = {Oil}, year = {c. 1999}}\n");
        let range = sources[0].published.unwrap();
        assert_eq!((civil_from_day(range.first), civil_from_day(range.last)), ((1999, 1, 1), (1999, 12, 31)));
    }

    #[test]
    fn a_range_of_years_covers_both() {
        for year in ["{2001--2002}", "{2001/2002}", "\"2001-2002\""] {
            let (sources, _) = parse(FileId(1), "refs.bib", &format!("@book{{w, title = {{Oil}}, year = {year}}}\n"));
            let range = sources[0].published.unwrap();
            assert_eq!(
                (civil_from_day(range.first), civil_from_day(range.last)),
                ((2001, 1, 1), (2002, 12, 31)),
                "{year}"
            );
        }
    }

    #[test]
    fn an_approximate_date_is_a_unit_wider() {
        for (date, first, last) in [("2001~", (2000, 1, 1), (2002, 12, 31)), ("2001-05?", (2001, 4, 1), (2001, 6, 30))]
        {
            let (sources, _) =
                parse(FileId(1), "refs.bib", &format!("@book{{w, title = {{Oil}}, date = {{{date}}}}}\n"));
            let range = sources[0].published.unwrap();
            assert_eq!((civil_from_day(range.first), civil_from_day(range.last)), (first, last), "{date}");
        }
    }

    #[test]
    fn a_year_past_four_digits_leaves_the_date_unknown() {
        for date in ["date = {2147483647}", "date = {-2147483648}", "date = {99999-12~}", "year = 2147483647"] {
            let (sources, _) = parse(FileId(1), "refs.bib", &format!("@book{{w, title = {{Oil}}, {date}}}\n"));
            assert_eq!(sources[0].published, None, "{date}");
        }
    }

    #[test]
    fn an_open_ended_date_has_no_latest_day() {
        let (sources, _) = parse(FileId(1), "refs.bib", "@book{w, title = {Oil}, date = {2001/..}}\n");
        assert_eq!(sources[0].published, None, "published in 2001 or since: never surely before a claim");
        let (sources, _) = parse(FileId(1), "refs.bib", "@book{w, title = {Oil}, date = {../2001}}\n");
        let range = sources[0].published.unwrap();
        assert_eq!(civil_from_day(range.last), (2001, 12, 31), "published by the end of 2001");
    }

    #[test]
    fn unknown_macros_and_repeats() {
        let bib = "@misc{a, title = undefinedmacro, year = 1999}\n@misc{b, year = 1999}\n@misc{b, year = 2000}\n";
        let (sources, findings) = parse(FileId(0), "r.bib", bib);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(findings[0].message.contains("undefinedmacro"));
        let keys: Vec<&str> = sources.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, vec!["b", "b", "a"]);
        assert_eq!(&bib[sources[2].loc.span.range()], "a");
    }

    #[test]
    fn an_unclosed_entry_points_at_its_first_line() {
        let bib = "@misc{ok, year = 1999}\n@misc{open, title = {never closed\n";
        let (sources, findings) = parse(FileId(0), "r.bib", bib);
        let keys: Vec<&str> = sources.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["ok", "open"]);
        assert_eq!(&bib[findings[0].primary.span.range()], "@misc{open, title = {never closed");
    }

    #[test]
    fn a_broken_entry_is_cited_without_an_unknown_source_and_strings_name_no_source() {
        let bib = "@string(jnl = \"J\")\n@article{a1, title={A} year={2001}}\n@article{ok, year=2001, journal=ppc}\n@misc{ {odd key}, year=1}\n";
        let (sources, findings) = parse(FileId(0), "r.bib", bib);
        let keys: Vec<&str> = sources.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["a1", "ok"], "{findings:?}");
        assert!(findings.len() >= 3, "{findings:?}");
        let claims = "bibliography \"r.bib\"\nmeasure m \"M\" unit USD\n2001 m = $1bn [@a1]\n2001 m = $1bn [@ok]\n2001 m = $1bn [@nope]\n";
        let mut sources = crate::source::SourceMap::default();
        sources.add(crate::source::SourceFile::new("c.claims", claims.to_string()));
        let read = |path: &std::path::Path| match path.to_str() {
            Some("r.bib") => Ok(bib.to_string()),
            _ => Err("missing".to_string()),
        };
        let outcome = crate::check_sources_read(sources, &crate::RunOptions::default(), &read);
        let unknown: Vec<&str> =
            outcome.findings.iter().filter(|f| f.code() == "unknown-source").map(|f| f.message.as_str()).collect();
        assert_eq!(unknown, ["unknown source `nope`"]);
    }
}
