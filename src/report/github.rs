//! `--format github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request's diff:
//! `::error file=F,line=L,col=C,title=CODE::MESSAGE`, exactly the spec's shape.
//!
//! The data after `::` is the finding's message, as in every other format (the other
//! claims involved and the help are in the human, JSON and SARIF reports); the runner reads
//! one command per line, so any line break inside it is escaped. Columns count characters,
//! as in the other text formats.

use super::{visible, Options};
use crate::finding::Severity;
use crate::Outcome;
use std::fmt::Write;

pub fn render(outcome: &Outcome, options: &Options) -> String {
    let mut out = String::new();
    // What stopped the run (a file that could not be read) is annotated too, on no file: a
    // workflow's summary must not show a skipped file as a clean one.
    for error in &outcome.run_errors {
        let _ = writeln!(out, "::error title=claimcheck::{}", escape_data(&error.message));
    }
    for f in visible(outcome, options) {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let file = outcome.sources.get(f.primary.file);
        let (line, col) = file.line_col(f.primary.span.start as usize);
        let _ = writeln!(
            out,
            "::{command} file={},line={line},col={col},title={}::{}",
            escape_property(&file.name),
            escape_property(f.code()),
            escape_data(&f.message),
        );
    }
    out
}

/// Escapes a command's data (after `::`): `%`, CR and LF.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value: the data escapes, plus `:` and `,`, which end a value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_breaks() {
        assert_eq!(escape_data("17.5% > 10%"), "17.5%25 > 10%25");
        assert_eq!(escape_data("one\r\ntwo\nthree"), "one%0D%0Atwo%0Athree");
        assert_eq!(escape_data("a: b, c"), "a: b, c");
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("c:/a,b.claims"), "c%3A/a%2Cb.claims");
        assert_eq!(escape_property("50%\n"), "50%25%0A");
        assert_eq!(escape_property("%3A"), "%253A");
    }

    #[test]
    fn one_line_per_finding_carrying_its_message() {
        let outcome = crate::check_text("a,b.claims", "measure m \"M\"\nmeasure m \"N\"\n");
        let out = render(&outcome, &Options::default());
        assert_eq!(out.lines().count(), 1, "{out}");
        let message = &outcome.findings[0].message;
        assert_eq!(out, format!("::error file=a%2Cb.claims,line=2,col=9,title=duplicate-measure::{message}\n"));
    }
}
