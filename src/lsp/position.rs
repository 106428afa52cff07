//! Byte offsets (our spans) to and from LSP positions. A position's `character` counts
//! code units of the negotiated encoding: UTF-16 unless the client offered UTF-8 or UTF-32.

use crate::source::Span;
use lsp_types::{Position, PositionEncodingKind, Range};

/// The unit a position's `character` counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// The protocol's default.
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    /// The best encoding the client offers: UTF-8 matches our byte spans, so no counting is needed.
    pub fn negotiate(offered: &[String]) -> Encoding {
        let offers = |name: &str| offered.iter().any(|o| o == name);
        if offers("utf-8") {
            Encoding::Utf8
        } else if offers("utf-16") || !offers("utf-32") {
            Encoding::Utf16
        } else {
            Encoding::Utf32
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn units(self, c: char) -> u32 {
        match self {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
            Encoding::Utf32 => 1,
        }
    }
}

/// Where each line of a text starts, for converting in both directions.
pub struct LineIndex<'t> {
    text: &'t str,
    line_starts: std::borrow::Cow<'t, [usize]>,
    encoding: Encoding,
}

/// A position whose line is past the end of the document.
#[derive(Debug, PartialEq, Eq)]
pub struct OutOfRange {
    pub line: u32,
    pub lines: usize,
}

impl std::fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {} is outside the document, which has {} lines", self.line, self.lines)
    }
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str, encoding: Encoding) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, line_starts: line_starts.into(), encoding }
    }

    /// An index over line starts already found (a loaded file's, see
    /// [`crate::source::SourceFile::line_starts`]): each of a report's many positions in a
    /// large file must not scan it again.
    pub fn with_line_starts(text: &'t str, line_starts: &'t [usize], encoding: Encoding) -> Self {
        LineIndex { text, line_starts: line_starts.into(), encoding }
    }

    /// The position of a byte offset; offsets past the end or inside a character move back.
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let character = self.text[start..offset].chars().map(|c| self.encoding.units(c)).sum();
        Position { line: line as u32, character }
    }

    pub fn range(&self, span: Span) -> Range {
        Range { start: self.position(span.start as usize), end: self.position(span.end as usize) }
    }

    /// The byte offset of a position. A `character` past the end of its line means the
    /// line's end (as the protocol says); a line past the end of the text is an error.
    pub fn offset(&self, position: Position) -> Result<usize, OutOfRange> {
        let line = position.line as usize;
        let Some(&start) = self.line_starts.get(line) else {
            return Err(OutOfRange { line: position.line, lines: self.line_starts.len() });
        };
        let end = self.line_starts.get(line + 1).map_or(self.text.len(), |&next| next - 1);
        let content = &self.text[start..end];
        let content = content.strip_suffix('\r').unwrap_or(content);
        let mut units = 0;
        for (at, c) in content.char_indices() {
            if units >= position.character {
                return Ok(start + at);
            }
            units += self.encoding.units(c);
        }
        Ok(start + content.len())
    }

    /// The byte span of a range.
    pub fn span(&self, range: Range) -> Result<Span, OutOfRange> {
        let start = self.offset(range.start)?;
        let end = self.offset(range.end)?;
        Ok(Span::new(start.min(end), start.max(end)))
    }

    /// The range of the whole text.
    pub fn whole(&self) -> Range {
        Range { start: Position { line: 0, character: 0 }, end: self.position(self.text.len()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "a€b\n𝄞x\r\nz";

    #[test]
    fn utf16_counts_surrogate_pairs_and_utf8_counts_bytes() {
        let utf16 = LineIndex::new(TEXT, Encoding::Utf16);
        assert_eq!(utf16.position(4), Position { line: 0, character: 2 });
        assert_eq!(utf16.position(10), Position { line: 1, character: 2 });
        assert_eq!(utf16.offset(Position { line: 1, character: 2 }), Ok(10));
        let utf8 = LineIndex::new(TEXT, Encoding::Utf8);
        assert_eq!(utf8.position(4), Position { line: 0, character: 4 });
        assert_eq!(utf8.offset(Position { line: 0, character: 4 }), Ok(4));
        let utf32 = LineIndex::new(TEXT, Encoding::Utf32);
        assert_eq!(utf32.position(10), Position { line: 1, character: 1 });
    }

    #[test]
    fn out_of_range_characters_clamp_and_lines_fail() {
        let index = LineIndex::new(TEXT, Encoding::Utf16);
        assert_eq!(index.offset(Position { line: 1, character: 99 }), Ok(11), "stops before the CRLF");
        assert_eq!(index.offset(Position { line: 2, character: 99 }), Ok(TEXT.len()));
        assert_eq!(index.offset(Position { line: 3, character: 0 }), Err(OutOfRange { line: 3, lines: 3 }));
        assert_eq!(index.position(999), Position { line: 2, character: 1 });
        assert_eq!(index.position(2), Position { line: 0, character: 1 }, "inside `€` moves back");
    }

    #[test]
    fn negotiation_prefers_utf8_and_defaults_to_utf16() {
        assert_eq!(Encoding::negotiate(&["utf-16".into(), "utf-8".into()]), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(&[]), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(&["utf-32".into()]), Encoding::Utf32);
    }
}
