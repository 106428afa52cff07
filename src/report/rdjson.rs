//! `--format rdjson`: reviewdog's Diagnostic Format (the JSON form of its
//! `DiagnosticResult` message), for `reviewdog -f=rdjson`.
//!
//! Unlike our other formats, columns count UTF-8 bytes, as reviewdog's `Position` defines
//! them; ranges end exclusively. A "did you mean" fix in the finding's own file becomes a
//! suggestion, which reviewdog can post as a suggested change. What stopped the run (a file
//! that could not be read) comes first, an `ERROR` on the file itself: a location without a
//! range, as the format allows.

use crate::finding::{Finding, Label, Severity};
use crate::source::{FileId, Span};
use crate::{Outcome, RunError};
use serde::Serialize;

#[derive(Serialize)]
struct DiagnosticResult<'a> {
    source: Source,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Source {
    name: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Diagnostic<'a> {
    message: String,
    location: Location<'a>,
    severity: &'static str,
    source: Source,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<Code>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation<'a>>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    range: Option<Range>,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Code {
    value: &'static str,
}

#[derive(Serialize)]
struct Suggestion<'a> {
    range: Range,
    text: &'a str,
}

#[derive(Serialize)]
struct RelatedLocation<'a> {
    message: &'a str,
    location: Location<'a>,
}

const SOURCE: Source = Source { name: "claimcheck" };

pub fn render(outcome: &Outcome) -> String {
    let failures = outcome.run_errors.iter().map(failure);
    let result = DiagnosticResult {
        source: SOURCE,
        diagnostics: failures.chain(outcome.findings.iter().map(|f| diagnostic(outcome, f))).collect(),
    };
    let mut out = serde_json::to_string_pretty(&result).expect("plain data serializes");
    out.push('\n');
    out
}

fn failure(error: &RunError) -> Diagnostic<'_> {
    Diagnostic {
        message: error.message.clone(),
        location: Location { path: &error.file, range: None },
        severity: "ERROR",
        source: SOURCE,
        code: None,
        suggestions: Vec::new(),
        related_locations: Vec::new(),
    }
}

fn diagnostic<'a>(outcome: &'a Outcome, f: &'a Finding) -> Diagnostic<'a> {
    let message = match &f.help {
        Some(help) => format!("{}\nhelp: {help}", f.message),
        None => f.message.clone(),
    };
    let suggestions = f
        .fix
        .iter()
        .filter(|fix| fix.file == f.primary.file)
        .map(|fix| Suggestion { range: range(outcome, fix.file, fix.span), text: &fix.replacement })
        .collect();
    Diagnostic {
        message,
        location: location(outcome, &f.primary),
        severity: match f.severity {
            Severity::Error => "ERROR",
            Severity::Warning => "WARNING",
            Severity::Info => "INFO",
        },
        source: SOURCE,
        code: Some(Code { value: f.code() }),
        suggestions,
        related_locations: f
            .related
            .iter()
            .map(|label| RelatedLocation { message: &label.message, location: location(outcome, label) })
            .collect(),
    }
}

fn location<'a>(outcome: &'a Outcome, label: &Label) -> Location<'a> {
    Location { path: &outcome.sources.get(label.file).name, range: Some(range(outcome, label.file, label.span)) }
}

fn range(outcome: &Outcome, file: FileId, span: Span) -> Range {
    let source = outcome.sources.get(file);
    let (line, column) = source.line_byte_col(span.start as usize);
    let (end_line, end_column) = source.line_byte_col(span.end as usize);
    Range { start: Position { line, column }, end: Position { line: end_line, column: end_column } }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf8_bytes() {
        let outcome = crate::check_text("a.claims", "measure m \"M\"\n2000 m \"€\" = 1 [@nosuch]\n");
        let json: serde_json::Value = serde_json::from_str(&render(&outcome)).expect("valid JSON");
        assert_eq!(json["source"]["name"], "claimcheck");
        let unknown = &json["diagnostics"][0];
        assert_eq!(unknown["code"]["value"], "unknown-source");
        assert_eq!(unknown["severity"], "ERROR");
        // `nosuch` is the 18th character but starts at byte 20: `€` takes three bytes.
        assert_eq!(unknown["location"]["range"]["start"], serde_json::json!({ "line": 2, "column": 20 }));
        assert_eq!(unknown["location"]["range"]["end"], serde_json::json!({ "line": 2, "column": 26 }));
    }

    #[test]
    fn related_labels_and_help_are_kept() {
        let outcome = crate::check_text("a.claims", "measure m \"M\"\nmeasure m \"N\"\n");
        let json: serde_json::Value = serde_json::from_str(&render(&outcome)).expect("valid JSON");
        let duplicate = &json["diagnostics"][0];
        assert_eq!(duplicate["relatedLocations"][0]["message"], "first defined here");
        assert_eq!(duplicate["relatedLocations"][0]["location"]["range"]["start"]["line"], 1);
        assert!(duplicate["message"].as_str().is_some_and(|m| m.contains("\nhelp: ")), "{duplicate}");
    }
}
