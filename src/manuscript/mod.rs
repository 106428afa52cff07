//! The manuscript a claims file transcribes: its visible text, normalised for quote
//! matching, with a way back to the original bytes so findings can point into it.

pub mod agreement;
pub mod closest;
pub mod files;
pub mod formats;
pub mod normalize;
pub mod numbers;
pub mod quoted;
pub mod references;
pub mod search;

use crate::source::{FileId, SourceFile, Span};
use formats::Format;
use normalize::Normalized;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// A loaded manuscript.
pub struct Manuscript {
    pub file: FileId,
    pub normalized: Normalized,
    original: Arc<String>,
    format: Format,
    /// Its Markdown link reference labels, read when a quote first needs them.
    labels: OnceLock<HashSet<String>>,
}

impl Manuscript {
    pub fn new(file: FileId, source: &SourceFile) -> Self {
        let format = Format::of(&source.name);
        let normalized = formats::normalize(&source.text, format);
        Manuscript { file, normalized, original: source.text.clone(), format, labels: OnceLock::new() }
    }

    /// A quote's text as a reader of this manuscript sees it, when its markup makes that
    /// differ from the quote normalised alone (see [`formats::quote_as_read`]).
    pub fn quote_as_read(&self, quote: &str) -> Option<String> {
        formats::quote_as_read(quote, self.format, || self.labels.get_or_init(|| formats::link_labels(&self.original)))
    }

    /// The normalised text quotes are matched against.
    pub fn text(&self) -> &str {
        &self.normalized.text
    }

    /// The bytes of the manuscript file a normalised range was made from.
    pub fn span(&self, range: Range<usize>) -> Span {
        self.normalized.source_span(range, &self.original)
    }
}

/// A short form of a passage for messages: at most `max` characters, cut at a word.
pub fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut} …")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_point_into_the_original() {
        let source = SourceFile::new("paper.md", "# Title\n\nTrade *reached*\n$1.5bn in 2000.");
        let manuscript = Manuscript::new(FileId(3), &source);
        assert_eq!(manuscript.text(), "Title Trade reached $1.5bn in 2000.");
        let at = manuscript.text().find("reached $1.5bn").unwrap();
        let span = manuscript.span(at..at + "reached $1.5bn".len());
        assert_eq!(&source.text[span.range()], "reached*\n$1.5bn");
    }

    #[test]
    fn excerpts_cut_at_a_word() {
        assert_eq!(excerpt("short text", 20), "short text");
        assert_eq!(excerpt("one two three four", 10), "one two …");
    }
}
