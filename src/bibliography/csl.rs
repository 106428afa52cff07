//! CSL-JSON bibliographies, as Zotero and Better BibTeX export them: an array of items
//! (or `{"items": [...]}`), each with an `id`, and `issued: {"date-parts": [[2001, 5]]}`.

use super::{broken, char_start, date_range, reference_text, source, year_in};
use crate::finding::Finding;
use crate::model::Source;
use crate::source::{FileId, Span};
use crate::value::DateRange;
use serde_json::Value;

pub fn parse(file: FileId, name: &str, text: &str) -> (Vec<Source>, Vec<Finding>) {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            let at = char_start(text, offset_of(text, error.line(), error.column()));
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            let message = format!("`{name}` is not valid CSL-JSON: {error}");
            return (Vec::new(), vec![broken(file, Span::new(at, end), "the JSON breaks here", message, name)]);
        }
    };
    let (items, depth) = match &value {
        Value::Array(items) => (items, 1),
        Value::Object(map) => match map.get("items") {
            Some(Value::Array(items)) => (items, 2),
            _ => (&Vec::new(), 0),
        },
        _ => (&Vec::new(), 0),
    };
    if depth == 0 {
        let message = format!("`{name}` is not a CSL-JSON bibliography: expected an array of items");
        return (Vec::new(), vec![broken(file, Span::new(0, 0), "here", message, name)]);
    }
    let starts = item_starts(text, depth);
    let mut sources = Vec::new();
    let mut findings = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let start = starts.get(index).copied().unwrap_or(0);
        let id = match item.get("id") {
            Some(Value::String(id)) if !id.is_empty() => id.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => {
                let message = format!("item {} of `{name}` has no `id`, so nothing can cite it", index + 1);
                findings.push(broken(file, Span::new(start, start + 1), "this item", message, name));
                continue;
            }
        };
        let surnames: Vec<String> = item
            .get("author")
            .or_else(|| item.get("editor"))
            .and_then(Value::as_array)
            .map(|people| people.iter().filter_map(surname).map(str::to_string).collect())
            .unwrap_or_default();
        let title = item.get("title").and_then(Value::as_str).map(str::to_string);
        let published = item.get("issued").and_then(issued);
        let span = id_span(text, start, &id).unwrap_or(Span::new(start, start + 1));
        sources.push(source(file, &id, span, reference_text(&surnames, title), published));
    }
    (sources, findings)
}

/// A person's family name, or the whole name of an institution.
fn surname(person: &Value) -> Option<&str> {
    person.get("family").or_else(|| person.get("literal")).and_then(Value::as_str)
}

/// `{"date-parts": [[2001, 5]]}` (a second part makes a range), or `raw`/`literal` text.
fn issued(value: &Value) -> Option<DateRange> {
    let part = |p: &Value, i: usize| -> Option<i64> {
        let field = p.get(i)?;
        field.as_i64().or_else(|| field.as_str().and_then(|s| s.trim().parse().ok()))
    };
    let from_parts = |p: &Value| {
        let month = part(p, 1).and_then(|m| u32::try_from(m).ok());
        let day = part(p, 2).and_then(|d| u32::try_from(d).ok());
        date_range(part(p, 0)?, month, day)
    };
    if let Some(parts) = value.get("date-parts").and_then(Value::as_array) {
        let ranges: Vec<DateRange> = parts.iter().filter_map(from_parts).collect();
        return ranges.iter().copied().reduce(|a, b| a.hull(&b));
    }
    value.get("raw").or_else(|| value.get("literal")).and_then(Value::as_str).and_then(year_in)
}

/// Byte offsets where the items of the array `depth` levels down open.
fn item_starts(text: &str, depth: usize) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut level = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                if level == depth {
                    starts.push(i);
                }
                level += 1;
            }
            b'}' | b']' => level = level.saturating_sub(1),
            _ => {}
        }
    }
    starts
}

/// The span of an item's `"id": "key"` value, searched from the item's start.
fn id_span(text: &str, start: usize, id: &str) -> Option<Span> {
    let literal = serde_json::to_string(id).ok()?;
    let mut from = start;
    while let Some(found) = text[from..].find("\"id\"") {
        let after = from + found + 4;
        let rest = text[after..].trim_start().strip_prefix(':')?.trim_start();
        let value_at = text.len() - rest.len();
        if rest.starts_with(&literal) {
            return Some(Span::new(value_at, value_at + literal.len()));
        }
        from = after;
    }
    None
}

/// serde_json's 1-based line and column as a byte offset.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::date::civil_from_day;

    #[test]
    fn zotero_items_become_sources() {
        let json = r#"[
  {"id": "xing2001", "type": "book", "title": "China and Central Asia",
   "author": [{"family": "Xing", "given": "Guangcheng"}], "issued": {"date-parts": [[2001, 5]]}},
  {"type": "report", "title": "No id"},
  {"id": "wb", "author": [{"literal": "World Bank"}], "issued": {"raw": "2019"}}
]"#;
        let (sources, findings) = parse(FileId(2), "refs.json", json);
        assert_eq!(sources.len(), 2);
        assert_eq!(sources[0].text.as_deref(), Some("Xing, China and Central Asia"));
        assert_eq!(&json[sources[0].loc.span.range()], "\"xing2001\"");
        let may = sources[0].published.unwrap();
        assert_eq!((civil_from_day(may.first), civil_from_day(may.last)), ((2001, 5, 1), (2001, 5, 31)));
        assert_eq!(sources[1].text.as_deref(), Some("World Bank"));
        assert_eq!(civil_from_day(sources[1].published.unwrap().first), (2019, 1, 1));
        assert_eq!(findings.len(), 1);
        assert_eq!(&json[findings[0].primary.span.range()], "{");
        assert!(findings[0].message.contains("item 2"));
    }

    #[test]
    fn broken_json_points_at_the_error() {
        let json = "[\n  {\"id\": \"a\",}\n]";
        let (sources, findings) = parse(FileId(0), "r.json", json);
        assert!(sources.is_empty());
        let (line, _) =
            crate::source::SourceFile::new("r.json", json).line_col(findings[0].primary.span.start as usize);
        assert_eq!(line, 2);
    }
}
