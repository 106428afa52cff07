//! The human format: miette's graphical reports, one per finding, then a summary line.

use super::{summary, visible, Options};
use crate::finding::{Finding, Label, Severity};
use crate::source::FileId;
use crate::Outcome;
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};
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
    let span = (label.span.start, label.span.len());
    if primary {
        LabeledSpan::new_primary_with_span(Some(label.message.clone()), span)
    } else {
        LabeledSpan::new_with_span(Some(label.message.clone()), span)
    }
}

fn named_source(outcome: &Outcome, file: FileId) -> Windowed {
    let source = outcome.sources.get(file);
    Windowed { file: outcome.sources.get_arc(file), name: source.name.clone() }
}

/// A file that hands miette only the lines around a span. miette's own `read_span` scans
/// from the start of the text, which made every finding cost the whole file.
struct Windowed {
    file: Arc<crate::source::SourceFile>,
    name: String,
}

impl SourceCode for Windowed {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = &self.file.text;
        let end = span.offset() + span.len();
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first_line = self.file.line_index(span.offset()).saturating_sub(context_lines_before + 1);
        let last_line = self.file.line_index(end) + context_lines_after + 2;
        let window_start = self.file.line_start(first_line).unwrap_or(0);
        let window_end = self.file.line_start(last_line).unwrap_or(text.len());
        let window = &text.as_bytes()[window_start..window_end];
        let local = SourceSpan::new((span.offset() - window_start).into(), span.len());
        let contents = window.read_span(&local, context_lines_before, context_lines_after)?;
        let found = contents.span();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            SourceSpan::new((found.offset() + window_start).into(), found.len()),
            contents.line() + first_line,
            contents.column(),
            // miette merges two labels' snippets when this count reaches the next one's
            // first line; counting only the lines shown keeps far-apart labels apart.
            contents.line_count().saturating_sub(contents.line()),
        )))
    }
}

fn to_rendered(outcome: &Outcome, finding: &Finding) -> Rendered {
    let home = finding.primary.file;
    let mut labels = vec![labeled(&finding.primary, true)];
    let mut elsewhere: Vec<(FileId, Vec<&Label>)> = Vec::new();
    for label in &finding.related {
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
            source: named_source(outcome, file),
            labels: group.into_iter().map(|l| labeled(l, false)).collect(),
            related: Vec::new(),
        })
        .collect();
    Rendered {
        code: finding.code(),
        severity: finding.severity,
        message: finding.message.clone(),
        help: finding.help.clone(),
        source: named_source(outcome, home),
        labels,
        related,
    }
}

pub fn render(outcome: &Outcome, options: &Options) -> String {
    let theme = if options.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(options.width).with_context_lines(1);
    let mut out = String::new();
    for finding in visible(outcome, options) {
        let rendered = to_rendered(outcome, finding);
        if handler.render_report(&mut out, &rendered).is_err() {
            out.push_str(&finding.message);
        }
        out.push('\n');
    }
    out.push_str(&summary(outcome, options));
    out.push('\n');
    out
}
