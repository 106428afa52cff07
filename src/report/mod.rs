//! Renderers. They print findings; they never decide anything.

pub mod github;
pub mod human;
pub mod json;
pub mod rdjson;
pub mod sarif;
pub mod short;

use crate::finding::{Finding, Severity};
use crate::Outcome;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Short,
    Json,
    Sarif,
    Github,
    Rdjson,
}

#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub color: bool,
    /// Show `info` notes in the human and short formats (JSON always has them).
    pub show_notes: bool,
    pub width: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { color: false, show_notes: false, width: 100 }
    }
}

pub fn render(outcome: &Outcome, format: Format, options: &Options) -> String {
    match format {
        Format::Human => human::render(outcome, options),
        Format::Short => short::render(outcome, options),
        Format::Json => json::render(outcome),
        Format::Sarif => sarif::render(outcome),
        Format::Github => github::render(outcome, options),
        Format::Rdjson => rdjson::render(outcome),
    }
}

/// The findings a text format shows.
pub fn visible<'a>(outcome: &'a Outcome, options: &Options) -> impl Iterator<Item = &'a Finding> {
    let show_notes = options.show_notes;
    outcome.findings.iter().filter(move |f| show_notes || f.severity != Severity::Info)
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// "2 errors, 1 warning in 3 files (57 claims)".
pub fn summary(outcome: &Outcome, options: &Options) -> String {
    let mut parts =
        vec![plural(outcome.count(Severity::Error), "error"), plural(outcome.count(Severity::Warning), "warning")];
    let notes = outcome.count(Severity::Info);
    if options.show_notes && notes > 0 {
        parts.push(plural(notes, "note"));
    }
    format!(
        "{} in {} ({})",
        parts.join(", "),
        plural(outcome.claim_files.len(), "file"),
        plural(outcome.statements, "claim")
    )
}
