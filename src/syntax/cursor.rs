//! A position inside one line's text, with error reporting that names what was expected.

use crate::source::Span;
use nom::IResult;

/// A syntax error: where, and what was expected there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
    /// A short note under the span ("found `is`").
    pub label: String,
    /// True for an impossible calendar date (reported as `invalid-date`).
    pub invalid_date: bool,
}

pub struct Cursor<'a> {
    line: &'a str,
    /// Byte offset of `line` in the file.
    base: usize,
    pos: usize,
    /// The last token consumed, relative to `line`, for "after `…`" messages.
    prev: Option<(usize, usize)>,
    /// Impossible calendar dates read so far: each is reported, but the line is read on, so
    /// that its other problems are reported too.
    invalid_dates: Vec<SyntaxError>,
}

// The small methods are `#[inline]`: the directive parsers call them for every token, and
// from another codegen unit they would not be inlined.
impl<'a> Cursor<'a> {
    pub fn new(line: &'a str, base: usize) -> Self {
        Cursor { line, base, pos: 0, prev: None, invalid_dates: Vec::new() }
    }

    /// Notes an impossible date (an `invalid-date` error) and lets the parse go on.
    pub fn invalid_date(&mut self, error: SyntaxError) {
        self.invalid_dates.push(error);
    }

    /// True when an impossible date has been read on this line.
    pub fn has_invalid_date(&self) -> bool {
        !self.invalid_dates.is_empty()
    }

    /// The impossible dates read on this line, in order.
    pub fn take_invalid_dates(&mut self) -> Vec<SyntaxError> {
        std::mem::take(&mut self.invalid_dates)
    }

    #[inline]
    pub fn rest(&self) -> &'a str {
        &self.line[self.pos..]
    }

    /// The text from `start` (relative) to the current position.
    #[inline]
    pub fn rest_before(&self, start: usize) -> &'a str {
        &self.line[start..self.pos]
    }

    #[inline]
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Moves past white space as `str::trim_start` would, without decoding ASCII.
    #[inline]
    pub fn skip_ws(&mut self) {
        let bytes = self.line.as_bytes();
        while let Some(&b) = bytes.get(self.pos) {
            if is_ascii_ws(b) {
                self.pos += 1;
            } else {
                if !b.is_ascii() {
                    self.pos = self.line.len() - wide_trim_start(self.rest()).len();
                }
                return;
            }
        }
    }

    #[inline]
    pub fn at_end(&mut self) -> bool {
        self.skip_ws();
        self.pos >= self.line.len()
    }

    /// Absolute span of a range of this line.
    #[inline]
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.base + start, self.base + end)
    }

    /// The text of an absolute span of this line (empty if it is not on it).
    pub fn text_of(&self, span: Span) -> &'a str {
        let start = (span.start as usize).saturating_sub(self.base);
        let end = (span.end as usize).saturating_sub(self.base);
        self.line.get(start..end).unwrap_or("")
    }

    /// Absolute span from `start` (relative) to the end of the last token consumed.
    #[inline]
    pub fn span_from(&self, start: usize) -> Span {
        let end = self.prev.map_or(self.pos, |(_, end)| end);
        self.span(start, end.max(start))
    }

    #[inline]
    pub fn starts_with(&mut self, s: &str) -> bool {
        self.skip_ws();
        self.rest().starts_with(s)
    }

    /// The next character after white space.
    #[inline]
    pub fn peek_char(&mut self) -> Option<char> {
        self.skip_ws();
        self.rest().chars().next()
    }

    /// The next byte after white space: enough to tell apart tokens that start with ASCII.
    #[inline]
    pub fn peek_byte(&mut self) -> Option<u8> {
        self.skip_ws();
        self.line.as_bytes().get(self.pos).copied()
    }

    /// Consumes `s` if it comes next.
    #[inline]
    pub fn eat(&mut self, s: &str) -> Option<Span> {
        self.starts_with(s).then(|| self.consume(s.len()))
    }

    #[inline]
    fn advance_to(&mut self, pos: usize) {
        self.prev = Some((self.pos, pos));
        self.pos = pos;
    }

    /// Consumes the next `len` bytes as one token: a token just peeked at, so that it is not
    /// scanned a second time. The cursor must be past white space, as every peek leaves it.
    #[inline]
    pub fn consume(&mut self, len: usize) -> Span {
        let start = self.pos;
        self.advance_to(start + len);
        self.span(start, start + len)
    }

    /// Runs a nom parser at the next token; on success consumes what it read.
    #[inline]
    pub fn run<T>(&mut self, mut parser: impl FnMut(&'a str) -> IResult<&'a str, T>) -> Option<(T, Span)> {
        self.skip_ws();
        let start = self.pos;
        let (rest, value) = parser(self.rest()).ok()?;
        let end = self.line.len() - rest.len();
        if end == start {
            return None;
        }
        self.advance_to(end);
        Some((value, self.span_from(start)))
    }

    /// Runs a nom parser without consuming anything.
    #[inline]
    pub fn peek<T>(&mut self, mut parser: impl FnMut(&'a str) -> IResult<&'a str, T>) -> Option<T> {
        self.skip_ws();
        parser(self.rest()).ok().map(|(_, v)| v)
    }

    /// The next identifier-like word, not consumed.
    #[inline]
    pub fn peek_word(&mut self) -> Option<&'a str> {
        self.skip_ws();
        let rest = self.rest();
        let len = super::tokens::ident_len(rest);
        (len > 0).then(|| &rest[..len])
    }

    /// Consumes the next identifier-like word.
    #[inline]
    pub fn take_word(&mut self) -> Option<(&'a str, Span)> {
        let word = self.peek_word()?;
        Some((word, self.consume(word.len())))
    }

    /// The next unit word (`km`, `Mtoe/yr`), not consumed.
    #[inline]
    pub fn peek_unit_word(&mut self) -> Option<&'a str> {
        self.skip_ws();
        let rest = self.rest();
        let len = super::tokens::unit_word_len(rest);
        (len > 0).then(|| &rest[..len])
    }

    /// Consumes the keyword `kw` if the next word is exactly it.
    #[inline]
    pub fn eat_keyword(&mut self, kw: &str) -> Option<Span> {
        // Most calls find another word: tell them apart before scanning it.
        if !self.starts_with(kw) {
            return None;
        }
        (self.peek_word()? == kw).then(|| self.consume(kw.len()))
    }

    /// The text of the last token consumed.
    pub fn prev_text(&self) -> Option<&'a str> {
        self.prev.map(|(s, e)| &self.line[s..e])
    }

    /// Span of the next token (a run up to white space or a bracket, or a whole string),
    /// or an empty span at the end of the line.
    pub fn next_token_span(&mut self) -> (Span, Option<&'a str>) {
        self.skip_ws();
        let rest = self.rest();
        let len = match rest.chars().next() {
            None => 0,
            Some('"') => super::tokens::string(rest).map(|(r, _)| rest.len() - r.len()).unwrap_or(rest.len()),
            Some(c @ ('[' | ']' | '(' | ')')) => c.len_utf8(),
            Some(_) => {
                rest.find(|c: char| c.is_whitespace() || matches!(c, '[' | ']' | '(' | ')' | '"')).unwrap_or(rest.len())
            }
        };
        let span = self.span(self.pos, self.pos + len);
        (span, (len > 0).then(|| &rest[..len]))
    }

    /// Moves back to `pos` (relative), forgetting the tokens after it.
    pub fn rewind(&mut self, pos: usize, prev: Option<(usize, usize)>) {
        self.pos = pos;
        self.prev = prev;
    }

    pub fn prev_token(&self) -> Option<(usize, usize)> {
        self.prev
    }

    /// "expected {what} after `{previous token}`", pointing at the next token.
    pub fn expected(&mut self, what: &str) -> SyntaxError {
        let (span, found) = self.next_token_span();
        let message = match self.prev_text() {
            Some(prev) => format!("expected {what} after `{prev}`"),
            None => format!("expected {what}"),
        };
        let label = match found {
            Some(tok) => format!("found `{}`", shorten(tok)),
            None => "the line ends here".to_string(),
        };
        SyntaxError { span, message, label, invalid_date: false }
    }

    /// An error at an explicit span.
    pub fn error_at(&self, span: Span, message: impl Into<String>, label: impl Into<String>) -> SyntaxError {
        SyntaxError { span, message: message.into(), label: label.into(), invalid_date: false }
    }
}

/// The ASCII white space of `char::is_whitespace`, which unlike `u8::is_ascii_whitespace`
/// includes the vertical tab: the white space `Cursor::skip_ws` skips, on ASCII text.
pub(super) const fn is_ascii_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// `str::trim_start`, testing ASCII bytes without decoding them: the parser trims before
/// nearly every token, and the text is nearly always ASCII.
#[inline]
pub fn trim_ws_start(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut start = 0;
    while start < bytes.len() && is_ascii_ws(bytes[start]) {
        start += 1;
    }
    match bytes.get(start) {
        Some(b) if !b.is_ascii() => wide_trim_start(&s[start..]),
        _ => &s[start..],
    }
}

/// `str::trim_end`, likewise.
#[inline]
pub fn trim_ws_end(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut end = bytes.len();
    while end > 0 && is_ascii_ws(bytes[end - 1]) {
        end -= 1;
    }
    match end.checked_sub(1).map(|last| bytes[last]) {
        Some(b) if !b.is_ascii() => wide_trim_end(&s[..end]),
        _ => &s[..end],
    }
}

/// Text that may start with a no-break or other Unicode space: rare, so decoded out of line.
#[cold]
fn wide_trim_start(s: &str) -> &str {
    s.trim_start()
}

/// Text that may end with a no-break or other Unicode space.
#[cold]
fn wide_trim_end(s: &str) -> &str {
    s.trim_end()
}

fn shorten(token: &str) -> String {
    let shown: String = token.chars().take(40).map(visible).collect();
    if token.chars().count() > 40 {
        format!("{shown}…")
    } else {
        shown
    }
}

/// A character that shows nothing (a zero-width space, a byte order mark in mid-file, a soft
/// hyphen, a direction mark) written as its code point: "found ``" would explain nothing.
fn visible(ch: char) -> String {
    match ch {
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}' => {
            format!("<U+{:04X}>", u32::from(ch))
        }
        _ => ch.to_string(),
    }
}
