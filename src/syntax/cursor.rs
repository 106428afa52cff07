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
}

impl<'a> Cursor<'a> {
    pub fn new(line: &'a str, base: usize) -> Self {
        Cursor { line, base, pos: 0, prev: None }
    }

    pub fn rest(&self) -> &'a str {
        &self.line[self.pos..]
    }

    /// The text from `start` (relative) to the current position.
    pub fn rest_before(&self, start: usize) -> &'a str {
        &self.line[start..self.pos]
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    pub fn at_end(&mut self) -> bool {
        self.skip_ws();
        self.pos >= self.line.len()
    }

    /// Absolute span of a range of this line.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.base + start, self.base + end)
    }

    /// Absolute span from `start` (relative) to the end of the last token consumed.
    pub fn span_from(&self, start: usize) -> Span {
        let end = self.prev.map_or(self.pos, |(_, end)| end);
        self.span(start, end.max(start))
    }

    pub fn starts_with(&mut self, s: &str) -> bool {
        self.skip_ws();
        self.rest().starts_with(s)
    }

    /// The next character after white space.
    pub fn peek_char(&mut self) -> Option<char> {
        self.skip_ws();
        self.rest().chars().next()
    }

    /// Consumes `s` if it comes next.
    pub fn eat(&mut self, s: &str) -> Option<Span> {
        if self.starts_with(s) {
            let start = self.pos;
            self.advance_to(start + s.len());
            Some(self.span_from(start))
        } else {
            None
        }
    }

    fn advance_to(&mut self, pos: usize) {
        self.prev = Some((self.pos, pos));
        self.pos = pos;
    }

    /// Runs a nom parser at the next token; on success consumes what it read.
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
    pub fn peek<T>(&mut self, mut parser: impl FnMut(&'a str) -> IResult<&'a str, T>) -> Option<T> {
        self.skip_ws();
        parser(self.rest()).ok().map(|(_, v)| v)
    }

    /// The next identifier-like word, not consumed.
    pub fn peek_word(&mut self) -> Option<&'a str> {
        self.peek(super::tokens::ident)
    }

    /// Consumes the keyword `kw` if the next word is exactly it.
    pub fn eat_keyword(&mut self, kw: &str) -> Option<Span> {
        if self.peek_word() == Some(kw) {
            self.run(super::tokens::ident).map(|(_, span)| span)
        } else {
            None
        }
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

fn shorten(token: &str) -> String {
    if token.chars().count() > 40 {
        let cut: String = token.chars().take(40).collect();
        format!("{cut}…")
    } else {
        token.to_string()
    }
}
