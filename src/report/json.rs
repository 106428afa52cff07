//! `--format json`: the spec's schema, version 1. Lines and columns are 1-based;
//! columns count characters. A run that failed (exit 2) adds `failures`, one per file that
//! could not be read or used, so that its report never reads as a clean run's; a run that did
//! not fail has exactly the spec's fields.

use crate::finding::{Finding, Label, Severity};
use crate::Outcome;
use serde::Serialize;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    diagnostics: Vec<Diagnostic<'a>>,
    summary: Summary,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    failures: Vec<Failure<'a>>,
}

/// What stopped a file from being checked.
#[derive(Serialize)]
struct Failure<'a> {
    file: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    code: &'static str,
    severity: Severity,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    /// Every place involved, the primary one first.
    labels: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    primary: bool,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    claims: usize,
    errors: usize,
    warnings: usize,
    notes: usize,
}

fn label<'a>(outcome: &'a Outcome, l: &'a Label, primary: bool) -> JsonLabel<'a> {
    let file = outcome.sources.get(l.file);
    let (line, column) = file.line_col(l.span.start as usize);
    let (end_line, end_column) = file.line_col(l.span.end as usize);
    JsonLabel { file: &file.name, line, column, end_line, end_column, message: &l.message, primary }
}

fn diagnostic<'a>(outcome: &'a Outcome, f: &'a Finding) -> Diagnostic<'a> {
    let primary = label(outcome, &f.primary, true);
    let mut labels = vec![label(outcome, &f.primary, true)];
    labels.extend(f.related.iter().map(|l| label(outcome, l, false)));
    Diagnostic {
        code: f.code(),
        severity: f.severity,
        message: &f.message,
        file: primary.file,
        line: primary.line,
        column: primary.column,
        end_line: primary.end_line,
        end_column: primary.end_column,
        labels,
        help: f.help.as_deref(),
    }
}

pub fn render(outcome: &Outcome) -> String {
    let report = Report {
        version: 1,
        diagnostics: outcome.findings.iter().map(|f| diagnostic(outcome, f)).collect(),
        summary: Summary {
            files: outcome.claim_files.len(),
            claims: outcome.statements,
            errors: outcome.count(Severity::Error),
            warnings: outcome.count(Severity::Warning),
            notes: outcome.count(Severity::Info),
        },
        failures: (outcome.run_errors.iter()).map(|e| Failure { file: &e.file, message: &e.message }).collect(),
    };
    let mut out = serde_json::to_string_pretty(&report).expect("plain data serializes");
    out.push('\n');
    out
}
