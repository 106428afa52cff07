//! Completion of source keys (after `@` in a citation), ids (after `after`/`before`, in
//! `order` and `assert` lines) and measures (after a claim's date, `shares` and `total`, and
//! in `assert` lines); nothing in comments, strings and quotes.

use super::analysis::Analysis;
use crate::model::Target;
use crate::source::{FileId, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Source,
    Measure,
    Id,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Candidate {
    pub kind: Kind,
    pub label: String,
    pub detail: Option<String>,
}

/// The candidates for the name being typed at `offset`, and the span of what is typed so far
/// (the completion replaces it, so names with `-` or `.` complete whole).
pub fn complete(analysis: &Analysis, file: FileId, offset: usize) -> (Span, Vec<Candidate>) {
    let text = analysis.text(file);
    let offset = floor_boundary(text, offset);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let word_start =
        before.char_indices().rev().find(|(_, c)| !is_name_char(*c)).map_or(0, |(at, c)| at + c.len_utf8());
    let typed = Span::new(line_start + word_start, offset);
    let head = &before[..word_start];
    let kinds = kinds_for(head);
    let model = &analysis.index().model;
    let mut found = Vec::new();
    for kind in kinds {
        match kind {
            Kind::Source => found.extend(model.sources.iter().map(|s| Candidate {
                kind,
                label: s.key.to_string(),
                detail: s.text.as_ref().map(ToString::to_string),
            })),
            Kind::Measure => found.extend(model.measures.iter().map(|m| Candidate {
                kind,
                label: m.name.to_string(),
                detail: match (&m.description, &m.unit) {
                    (Some(d), Some(u)) => Some(format!("{d} ({u})")),
                    (Some(d), None) => Some(d.to_string()),
                    (None, u) => u.as_ref().map(ToString::to_string),
                },
            })),
            Kind::Id => found.extend(model.id_names().map(|(name, labelled)| Candidate {
                kind,
                label: name.to_string(),
                detail: Some(describe_target(analysis, labelled.target())),
            })),
        }
    }
    found.sort_by(|a, b| a.label.cmp(&b.label));
    (typed, found)
}

/// Which names fit after the text `head` that precedes the word being typed on its line.
fn kinds_for(head: &str) -> Vec<Kind> {
    // A quote, a comment or a string is prose: no name goes there.
    if head.trim_start().starts_with('>') || in_prose(head) {
        return Vec::new();
    }
    let cite = head.strip_suffix('@').is_some_and(|rest| !rest.ends_with(is_name_char));
    if cite {
        return vec![Kind::Source];
    }
    let words: Vec<&str> = head.split_whitespace().collect();
    if matches!(words.last(), Some(&("after" | "before"))) {
        return vec![Kind::Id];
    }
    let unlabelled: Vec<&str> = words.iter().copied().skip_while(|w| w.ends_with(':')).collect();
    match unlabelled.first().copied() {
        Some("order") => vec![Kind::Id],
        Some("assert") => vec![Kind::Id, Kind::Measure],
        // A measure follows a claim's date, or `shares` and `total`; a member line (indented)
        // starts with its item.
        _ if head.starts_with([' ', '\t']) => Vec::new(),
        _ if matches!(unlabelled.last(), Some(&("shares" | "total"))) => vec![Kind::Measure],
        _ if !unlabelled.is_empty() && unlabelled.iter().all(|w| date_word(w)) => vec![Kind::Measure],
        _ => Vec::new(),
    }
}

/// Whether the end of `head` is inside a comment (`;` outside strings and `[...]`) or a string.
fn in_prose(head: &str) -> bool {
    let (mut in_string, mut escaped, mut in_brackets) = (false, false, false);
    for c in head.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '[' if !in_string => in_brackets = true,
            ']' if !in_string => in_brackets = false,
            ';' if !in_string && !in_brackets => return true,
            _ => {}
        }
    }
    in_string
}

/// A word of a date: `2002`, `2002-05`, `~2002`, `1990s`, `2003..2008`, `early`, `mid-2002`.
fn date_word(word: &str) -> bool {
    let word = word.trim_start_matches(['~', '≈']);
    word.starts_with(|c: char| c.is_ascii_digit())
        || matches!(word, "early" | "mid" | "late")
        || word.starts_with("mid-")
}

fn describe_target(analysis: &Analysis, target: Target) -> String {
    let model = &analysis.index().model;
    match target {
        Target::Claim(c) => {
            let claim = &model.claims[c];
            format!("{} {}: {}", claim.date.text, model.subject(claim), model.describe(claim))
        }
        Target::Event(e) => format!("event: {}", model.events[e].description),
        Target::Block(b) => format!("shares of {}", model.blocks[b].measure_name),
        Target::Assert(_) => "assert".into(),
    }
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.')
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::load::Origin;
    use lsp_types::Uri;
    use std::str::FromStr;

    const HEADER: &str =
        "source xing \"Xing\" 2001\nmeasure trade \"Trade\" unit USD\nt2000: 2000 trade = $1.5bn [@xing]\n";

    fn at_end(line: &str) -> (String, Vec<(Kind, String)>) {
        let text = format!("{HEADER}{line}");
        let analysis = Analysis::new(&[(
            Uri::from_str("file:///w/a.claims").unwrap(),
            std::sync::Arc::new(text.clone()),
            Origin::Open,
        )]);
        let (typed, found) = complete(&analysis, FileId(0), text.len());
        (text[typed.range()].to_string(), found.into_iter().map(|c| (c.kind, c.label)).collect())
    }

    #[test]
    fn sources_after_at_in_a_citation() {
        assert_eq!(at_end("2001 trade = $2bn [@xi"), ("xi".into(), vec![(Kind::Source, "xing".into())]));
        assert_eq!(at_end("2001 trade = $2bn [@a; @"), (String::new(), vec![(Kind::Source, "xing".into())]));
    }

    #[test]
    fn ids_after_relations_and_in_orders() {
        assert_eq!(at_end("2001 event \"E\" after t2"), ("t2".into(), vec![(Kind::Id, "t2000".into())]));
        assert_eq!(at_end("order t2000 < "), (String::new(), vec![(Kind::Id, "t2000".into())]));
        let (_, asserted) = at_end("a: assert tr");
        assert_eq!(asserted, vec![(Kind::Id, "t2000".into()), (Kind::Measure, "trade".into())]);
    }

    #[test]
    fn nothing_in_prose_or_where_no_name_goes() {
        for line in [
            "; a comment about tr",
            "2001 trade = $2bn [@xing] ; tr",
            "2001 event \"Trade tr",
            "  > a quote about tr",
            "2001 event \"E\" after t2000 tr",
            "2001 trade = $2bn tr",
            "2001 shares trade\n    tr",
        ] {
            assert_eq!(at_end(line).1, vec![], "{line}");
        }
        assert_eq!(at_end("mid 2001 tr").1, vec![(Kind::Measure, "trade".into())]);
        assert_eq!(at_end("x: ~2001-05 tr").1, vec![(Kind::Measure, "trade".into())]);
        assert_eq!(at_end("2001 shares tr").1, vec![(Kind::Measure, "trade".into())]);
        assert_eq!(at_end("2001 event \"a; b\" after t2").1, vec![(Kind::Id, "t2000".into())]);
    }

    #[test]
    fn measures_elsewhere_but_not_after_a_measure_at() {
        assert_eq!(at_end("2001 tr"), ("tr".into(), vec![(Kind::Measure, "trade".into())]));
        let (_, found) = at_end("assert trade@");
        assert!(found.iter().all(|(kind, _)| *kind != Kind::Source), "{found:?}");
    }
}
