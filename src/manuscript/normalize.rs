//! Normalised text: what a reader sees, with typography that must not decide whether a
//! quote matches taken out. Whitespace runs become one space; curly quotes and apostrophes
//! become straight ones; every dash becomes `-` (and the spaces around it go), as does a run of
//! two or three hyphens (`--`, `---`: the en and em dashes of Markdown, plain text and LaTeX,
//! so a quote written with either form matches the other); soft hyphens,
//! zero-width characters and Markdown emphasis markers (`*`, `_`) disappear; case is kept.
//! A map leads from every normalised offset back to the original bytes.

use crate::source::Span;
use std::borrow::Cow;
use std::ops::Range;

/// Normalised text with a map back to byte offsets in the original.
#[derive(Debug, Default)]
pub struct Normalized {
    pub text: String,
    segments: Vec<Segment>,
}

/// Where a run of normalised text comes from. A run copied byte for byte maps linearly;
/// a replaced character (`’` → `'`, `\%` → `%`) is a segment of its own with its source width.
#[derive(Clone, Copy, Debug)]
struct Segment {
    norm: usize,
    src: usize,
    replaced_width: Option<usize>,
}

impl Normalized {
    /// The original offset of a normalised offset.
    fn source_offset(&self, norm: usize) -> usize {
        let index = self.segments.partition_point(|s| s.norm <= norm).saturating_sub(1);
        match self.segments.get(index) {
            Some(s) if s.replaced_width.is_some() => s.src,
            Some(s) => s.src + (norm - s.norm),
            None => 0,
        }
    }

    /// The original bytes a normalised range was made from.
    pub fn source_span(&self, range: Range<usize>, original: &str) -> Span {
        let start = floor_boundary(original, self.source_offset(range.start));
        if range.end <= range.start {
            return Span::new(start, start);
        }
        let last = range.end - 1;
        let index = self.segments.partition_point(|s| s.norm <= last).saturating_sub(1);
        let end = match self.segments.get(index) {
            Some(s) if s.replaced_width.is_some() => s.src + s.replaced_width.unwrap_or(0),
            _ => {
                let at = floor_boundary(original, self.source_offset(last));
                at + original[at..].chars().next().map_or(0, char::len_utf8)
            }
        };
        Span::new(start, end.max(start).min(original.len()))
    }
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// What one visible character becomes.
enum Unified {
    Drop,
    Space,
    Char(char),
    Ellipsis,
}

fn unify(ch: char) -> Unified {
    match ch {
        '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '*' | '_' => Unified::Drop,
        c if c.is_whitespace() => Unified::Space,
        '\u{2018}'..='\u{201b}' | '\u{2032}' | '\u{02bc}' | '\u{b4}' => Unified::Char('\''),
        '\u{201c}'..='\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => Unified::Char('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => Unified::Char('-'),
        '\u{2026}' => Unified::Ellipsis,
        c => Unified::Char(c),
    }
}

/// Builds normalised text from visible characters and where each came from.
#[derive(Default)]
pub struct Builder {
    out: Normalized,
    /// A whitespace run not yet written, with the offset where it starts.
    pending_space: Option<usize>,
    after_dash: bool,
    /// The hyphens just written as one dash: where they end in the original and how many
    /// there are, so that a hyphen right after them joins them, up to three.
    hyphens: Option<(usize, usize)>,
}

impl Builder {
    /// One visible character that the original spells with `width` bytes at `at`.
    pub fn push(&mut self, ch: char, at: usize, width: usize) {
        if ch == '-' && width == 1 && self.join_hyphen(at) {
            return;
        }
        self.hyphens = None;
        match unify(ch) {
            Unified::Drop => {}
            Unified::Space => {
                if !self.out.text.is_empty() && !self.after_dash && self.pending_space.is_none() {
                    self.pending_space = Some(at);
                }
            }
            Unified::Ellipsis => {
                for _ in 0..3 {
                    self.visible('.', at, width, false);
                }
            }
            Unified::Char(c) => {
                self.visible(c, at, width, c == ch);
                // A hyphen as written, not a dash spelled otherwise (`&#45;`, `\-`, LaTeX's `--`).
                if ch == '-' && width == 1 {
                    self.hyphens = Some((at + 1, 1));
                }
            }
        }
    }

    /// Whether a hyphen at `at` continues the hyphens just written (`--`, `---`, as a LaTeX run
    /// of them is read), and if so makes the dash written for them span it too.
    fn join_hyphen(&mut self, at: usize) -> bool {
        let Some((end, run)) = self.hyphens.filter(|&(end, run)| end == at && run < 3) else { return false };
        let dash = Segment { norm: self.out.text.len() - 1, src: end - run, replaced_width: Some(run + 1) };
        match self.out.segments.last_mut() {
            Some(last) if last.norm == dash.norm => *last = dash,
            _ => self.out.segments.push(dash),
        }
        self.hyphens = Some((at + 1, run + 1));
        true
    }

    /// Every character of `text`, which starts at `at` in the original.
    pub fn push_str(&mut self, text: &str, at: usize) {
        for (i, ch) in text.char_indices() {
            self.push(ch, at + i, ch.len_utf8());
        }
    }

    /// A space the format implies (a LaTeX `~` or `\\`) at `at`.
    pub fn push_space(&mut self, at: usize) {
        self.push(' ', at, 1);
    }

    /// A break between passages that are not one text (a LaTeX footnote after the body): a
    /// paragraph separator, which no normalised quote holds, so no quote runs across it.
    pub fn push_break(&mut self, at: usize) {
        self.pending_space = None;
        self.after_dash = false;
        self.hyphens = None;
        self.emit('\u{2029}', at, Some(0));
    }

    /// Forgets a whitespace run not yet written (before punctuation that a dropped
    /// command left behind).
    pub fn drop_pending_space(&mut self) {
        self.pending_space = None;
    }

    fn visible(&mut self, ch: char, at: usize, width: usize, copied: bool) {
        if ch == '-' {
            self.pending_space = None;
        } else if let Some(space) = self.pending_space.take() {
            self.emit(' ', space, None);
        }
        let replaced = !(copied && width == ch.len_utf8());
        self.emit(ch, at, replaced.then_some(width));
        self.after_dash = ch == '-';
    }

    fn emit(&mut self, ch: char, at: usize, replaced_width: Option<usize>) {
        let norm = self.out.text.len();
        let continues = replaced_width.is_none()
            && self.out.segments.last().is_some_and(|s| s.replaced_width.is_none() && s.src + (norm - s.norm) == at);
        if !continues {
            self.out.segments.push(Segment { norm, src: at, replaced_width });
        }
        self.out.text.push(ch);
    }

    pub fn finish(self) -> Normalized {
        self.out
    }
}

/// A quote as written in a claims file, normalised like the manuscript.
pub fn normalize_quote(text: &str) -> String {
    normalized_quote(text).into_owned()
}

/// [`normalize_quote`], borrowing the quote when normalising changes nothing, as for most.
pub fn normalized_quote(text: &str) -> Cow<'_, str> {
    if is_normal(text) {
        return Cow::Borrowed(text);
    }
    let mut builder = Builder::default();
    builder.push_str(text, 0);
    Cow::Owned(builder.finish().text)
}

/// True when normalising changes nothing, as for most quotes: printable ASCII without
/// emphasis markers, single spaces between words, none at the ends or around a dash, and no
/// hyphens in a row.
fn is_normal(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    // One pass, each byte judged with the one before it, and no exit at the first fault: for a
    // quote's few dozen bytes a loop without that branch runs several times faster.
    let mut normal = true;
    let mut prev = 0;
    for &b in bytes {
        normal &= match b {
            b' ' => !matches!(prev, b' ' | b'-'),
            b'-' => !matches!(prev, b' ' | b'-'),
            _ => b.is_ascii_graphic() && b != b'*' && b != b'_',
        };
        prev = b;
    }
    normal
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Normalized {
        let mut b = Builder::default();
        b.push_str(text, 0);
        b.finish()
    }

    #[test]
    fn typography_is_unified() {
        assert_eq!(normalize_quote("  the  world’s\n largest "), "the world's largest");
        assert_eq!(normalize_quote("“One China” — a *key* term"), "\"One China\"-a key term");
        assert_eq!(normalize_quote("2003 – 2008, co\u{ad}operation, re-run"), "2003-2008, cooperation, re-run");
        assert_eq!(normalize_quote("wait…"), "wait...");
        assert_eq!(normalize_quote("Keep Case"), "Keep Case");
        let texts = [
            "a - b",
            "a  b",
            " a",
            "a ",
            "a*b",
            "a_b",
            "a\tb",
            "-\u{2013}- x",
            "plain, text: 5.8% (1/3)",
            "a- b",
            "a -b",
            "a--b",
            "-",
            "",
        ];
        for text in texts {
            assert_eq!(is_normal(text), plain(text).text == text, "{text:?}");
        }
        assert!(matches!(normalized_quote("reached $595.8m"), Cow::Borrowed("reached $595.8m")));
    }

    #[test]
    fn two_or_three_hyphens_are_a_dash() {
        // Pandoc's `--` and `---` against typeset dashes, either way round.
        assert_eq!(normalize_quote("Alpha beta --- gamma, 33--35"), normalize_quote("Alpha beta — gamma, 33–35"));
        assert_eq!(normalize_quote("One two -- three"), "One two-three");
        // A fourth hyphen starts a dash of its own, as in LaTeX; `- -` stays two.
        assert_eq!(normalize_quote("a----b a - - b a-b"), "a--b a--b a-b");
        // A flag keeps one hyphen, the same in a quote as in the manuscript.
        assert_eq!(normalize_quote("run it with --verbose"), "run it with-verbose");
        let original = "x --- y";
        let n = plain(original);
        assert_eq!(n.text, "x-y");
        assert_eq!(&original[n.source_span(1..2, original).range()], "---");
        assert_eq!(&original[n.source_span(0..3, original).range()], original);
        let n = plain("a--b");
        assert_eq!(&"a--b"[n.source_span(1..3, "a--b").range()], "--b");
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let original = "a  “quoted” —\n word";
        let n = plain(original);
        assert_eq!(n.text, "a \"quoted\"-word");
        let at = n.text.find("quoted").unwrap();
        let span = n.source_span(at..at + 6, original);
        assert_eq!(&original[span.range()], "quoted");
        let span = n.source_span(at - 1..at + 7, original);
        assert_eq!(&original[span.range()], "“quoted”");
        let span = n.source_span(0..n.text.len(), original);
        assert_eq!(&original[span.range()], original);
    }
}
