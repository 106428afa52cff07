//! The human format: miette's graphical reports, one per finding, then a summary line.

use super::{summary, visible, Options};
use crate::finding::{Finding, Label, Severity};
use crate::source::FileId;
use crate::Outcome;
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// One finding (or the part of it in one file) as a miette diagnostic.
struct Rendered {
    code: &'static str,
    severity: Severity,
    message: String,
    help: Option<String>,
    source: Windowed,
    labels: Vec<LabeledSpan>,
    related: Vec<Rendered>,
}

impl fmt::Debug for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Rendered {}

impl Diagnostic for Rendered {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.code.is_empty()).then(|| Box::new(self.code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}

fn labeled(label: &Label, primary: bool) -> LabeledSpan {
    let span = (label.span.start as usize, label.span.len());
    if primary {
        LabeledSpan::new_primary_with_span(Some(label.message.clone()), span)
    } else {
        LabeledSpan::new_with_span(Some(label.message.clone()), span)
    }
}

/// The text each file is drawn from, made at most once per report.
type Drawn = HashMap<FileId, Arc<String>>;

fn named_source(outcome: &Outcome, file: FileId, drawn: &mut Drawn) -> Windowed {
    let source = outcome.sources.get(file);
    let text = drawn.entry(file).or_insert_with(|| drawable(&source.text));
    Windowed { file: outcome.sources.get_arc(file), text: Arc::clone(text), name: source.name.clone() }
}

/// A file's text as miette can draw it, every byte at its offset. miette ends a line at a
/// lone `\r`, where the other formats do not (which shifted the lines drawn and the line in
/// the header), and never draws a label past the last line end, so a label at the end of a
/// file without a final newline went missing. A lone `\r` becomes a space, and a missing
/// final newline is added; a file needing neither is shared rather than copied.
fn drawable(text: &Arc<String>) -> Arc<String> {
    let lone_cr = text.match_indices('\r').any(|(at, _)| !text[at + 1..].starts_with('\n'));
    if !lone_cr && text.ends_with('\n') {
        return Arc::clone(text);
    }
    let mut drawn = String::with_capacity(text.len() + 1);
    let mut pieces = text.split('\r').peekable();
    while let Some(piece) = pieces.next() {
        drawn.push_str(piece);
        match pieces.peek() {
            Some(next) if next.starts_with('\n') => drawn.push('\r'),
            Some(_) => drawn.push(' '),
            None => {}
        }
    }
    if !drawn.ends_with('\n') {
        drawn.push('\n');
    }
    Arc::new(drawn)
}

/// A file that hands miette only the lines around a span. miette's own `read_span` scans
/// from the start of the text, which made every finding cost the whole file.
struct Windowed {
    /// Where lines start, and the columns the other formats give.
    file: Arc<crate::source::SourceFile>,
    /// What miette draws: see [`drawable`].
    text: Arc<String>,
    name: String,
}

impl Windowed {
    /// Whether a line exists and is short enough to show as context.
    fn line_is_short(&self, line: usize) -> bool {
        let Some(start) = self.file.line_start(line) else { return false };
        let end = self.file.line_start(line + 1).unwrap_or(self.file.text.len());
        end - start <= MAX_SNIPPET_BYTES
    }
}

impl SourceCode for Windowed {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = &self.text;
        let end = span.offset() + span.len();
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        // The window keeps a line of margin on each side, and stops before a line too long to
        // show: miette shows the context lines the window holds.
        let (span_first, span_last) = (self.file.line_index(span.offset()), self.file.line_index(end));
        let short_before = (1..=context_lines_before + 1)
            .take_while(|n| span_first.checked_sub(*n).is_some_and(|line| self.line_is_short(line)))
            .count();
        let short_after = (1..=context_lines_after + 2).take_while(|n| self.line_is_short(span_last + n)).count();
        let first_line = span_first - short_before;
        let last_line = span_last + short_after;
        // A span inside a byte order mark (which `line_start` skips) starts the window itself.
        let window_start = self.file.line_start(first_line).unwrap_or(0).min(span.offset());
        let window_end = self.file.line_start(last_line + 1).unwrap_or(text.len());
        let window = &text.as_bytes()[window_start..window_end];
        let local = SourceSpan::new((span.offset() - window_start).into(), span.len());
        let contents = window.read_span(&local, context_lines_before, context_lines_after)?;
        let found = contents.span();
        let found_start = found.offset() + window_start;
        // miette counts a column in bytes from the line's first byte; the other formats, and
        // editors, count characters from its first character (past a byte order mark). The
        // line is theirs too, so the header always names the place the short format does.
        let (line, column) = self.file.line_col(found_start);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            SourceSpan::new(found_start.into(), found.len()),
            line - 1,
            column - 1,
            // miette merges two labels' snippets when this count reaches the next one's
            // first line; counting only the lines shown keeps far-apart labels apart.
            contents.line_count().saturating_sub(contents.line()),
        )))
    }
}

/// The labels one finding draws; the machine formats list them all. miette lays out a
/// snippet's labels in quadratic time, and nobody reads a snippet of 100,000 lines (a
/// timeline loop that long, a shares block of a million members).
const MAX_LABELS_SHOWN: usize = 100;

/// Snippets longer than the parser's longest line are not drawn (a 5 MB line would be copied
/// into the report several times over); the note under the finding gives their position.
const MAX_SNIPPET_BYTES: usize = crate::syntax::parser::MAX_LINE_BYTES;

/// The bytes of the whole lines a label covers.
fn snippet_bytes(outcome: &Outcome, label: &Label) -> usize {
    let file = outcome.sources.get(label.file);
    let first = file.line_start(file.line_index(label.span.start as usize)).unwrap_or(0);
    let last = file.line_index(label.span.end as usize);
    file.line_start(last + 1).unwrap_or(file.text.len()) - first
}

/// Splits a finding's labels into those drawn and a note on the others.
fn shown_labels<'f>(outcome: &Outcome, finding: &'f Finding) -> (Vec<&'f Label>, Option<String>) {
    let mut shown = Vec::new();
    let mut too_long = Vec::new();
    let mut more = 0usize;
    for label in std::iter::once(&finding.primary).chain(&finding.related) {
        if snippet_bytes(outcome, label) > MAX_SNIPPET_BYTES {
            too_long.push(label);
        } else if shown.len() < MAX_LABELS_SHOWN {
            shown.push(label);
        } else {
            more += 1;
        }
    }
    let mut notes: Vec<String> = too_long
        .iter()
        .map(|label| {
            let file = outcome.sources.get(label.file);
            let (line, column) = file.line_col(label.span.start as usize);
            format!("{}:{line}:{column}: {} (the line is too long to show)", file.name, label.message)
        })
        .collect();
    if more > 0 {
        notes.push(format!("{more} more labels are not shown; `--format json` lists every one"));
    }
    (shown, (!notes.is_empty()).then(|| notes.join("\n")))
}

fn to_rendered(outcome: &Outcome, finding: &Finding, drawn: &mut Drawn) -> Rendered {
    let home = finding.primary.file;
    let (shown, note) = shown_labels(outcome, finding);
    let primary_shown = shown.first().is_some_and(|label| std::ptr::eq(*label, &finding.primary));
    let related = if primary_shown { &shown[1..] } else { &shown[..] };
    let mut labels = if primary_shown { vec![labeled(&finding.primary, true)] } else { Vec::new() };
    let mut elsewhere: Vec<(FileId, Vec<&Label>)> = Vec::new();
    for &label in related {
        if label.file == home {
            labels.push(labeled(label, false));
        } else if let Some((_, group)) = elsewhere.iter_mut().find(|(f, _)| *f == label.file) {
            group.push(label);
        } else {
            elsewhere.push((label.file, vec![label]));
        }
    }
    let related = elsewhere
        .into_iter()
        .map(|(file, group)| Rendered {
            code: "",
            severity: Severity::Info,
            message: format!("also involved, in {}", outcome.sources.get(file).name),
            help: None,
            source: named_source(outcome, file, drawn),
            labels: group.into_iter().map(|l| labeled(l, false)).collect(),
            related: Vec::new(),
        })
        .collect();
    let help = match (&finding.help, note) {
        (Some(help), Some(note)) => Some(format!("{help}\n{note}")),
        (help, note) => help.clone().or(note),
    };
    Rendered {
        code: finding.code(),
        severity: finding.severity,
        message: finding.message.clone(),
        help,
        source: named_source(outcome, home, drawn),
        labels,
        related,
    }
}

pub fn render(outcome: &Outcome, options: &Options) -> String {
    let theme = if options.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(options.width).with_context_lines(1);
    let mut out = String::new();
    let mut drawn = Drawn::new();
    for finding in visible(outcome, options) {
        let rendered = to_rendered(outcome, finding, &mut drawn);
        if handler.render_report(&mut out, &rendered).is_err() {
            out.push_str(&finding.message);
        }
        out.push('\n');
    }
    out.push_str(&summary(outcome, options));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "source s \"S\" 2020\nmeasure trade \"T\" unit USD\n";

    fn human(text: &str) -> String {
        render(&crate::check_text("a.claims", text), &Options::default())
    }

    #[test]
    fn lines_too_long_to_show_are_placed_not_printed() {
        let long = format!("; {}", "x".repeat(MAX_SNIPPET_BYTES));
        let out = human(&format!("{HEAD}2000 trade = $1bn [@s] {long}\n2000 trade = $1bn [@s]\n{long}\n"));
        assert!(out.contains("a.claims:3:1: this line is skipped (the line is too long to show)"), "{out}");
        assert!(out.len() < 2_000, "{out}");
        let around = human(&format!("{HEAD}2000 trade = $1bn [@s]\n{long}\n2000 trade = $3bn [@s]\n{long}\n"));
        assert!(
            around.contains("claimed as both $1bn and $3bn") && around.contains("5 │ 2000 trade = $3bn"),
            "{around}"
        );
        assert!(around.len() < 3_000, "{around}");
    }

    #[test]
    fn header_columns_count_characters_as_the_other_formats_do() {
        let out = human("source s \"S\" 2020\ne: 2000 event \"€ – é\" after nope [@s]\n");
        // `nope` is the 29th character of its line, and its 33rd byte.
        assert!(out.contains("[a.claims:2:29]"), "{out}");
        let bom = human("\u{feff}source s \"S\" 2020\nsource s \"T\" 2020\n");
        assert!(bom.contains("[a.claims:2:8]") && bom.contains("[a.claims:1:8]"), "{bom}");
        assert!(!bom.contains('\u{feff}'), "the mark is not shown: {bom}");
    }

    #[test]
    fn miette_draws_a_lone_carriage_return_as_a_space_and_every_file_with_a_final_newline() {
        let drawn = |text: &str| drawable(&Arc::new(text.to_string())).to_string();
        assert_eq!(drawn("a\rb\r\r\nc\r"), "a b \r\nc \n");
        assert_eq!(drawn("\u{feff}é = "), "\u{feff}é = \n");
        let clean = Arc::new("a\r\nb\n".to_string());
        assert!(Arc::ptr_eq(&drawable(&clean), &clean), "a clean file is not copied");
    }

    #[test]
    fn a_finding_draws_at_most_100_labels() {
        let members: String = (0..150).map(|i| format!("    m{i} 1.0%\n")).collect();
        let out = human(&format!("{HEAD}measure share \"Share\" unit %\n2000 shares share [@s]\n{members}"));
        assert!(out.contains("shares-over-100"), "{out}");
        assert!(out.contains("51 more labels are not shown; `--format json` lists every one"), "{out}");
        assert!(out.contains("╰── m98 1.0%") && !out.contains("╰── m99 1.0%"), "{out}");
    }
}
