//! The common claim line as the fast path reads it ([`super::fast`]): where each of its
//! parts lies in the line, and its number, flags and quotes, with no word copied out of the
//! file and nothing boxed. Its [`Entry`] is some 320 bytes with a boxed 360-byte claim;
//! the record is 160, so a large file's claims cross from the parsing thread to the
//! model's in a third of the memory traffic, and the model reads each word from the file
//! it already holds. [`ClaimRecord::entry`] makes the very entry the general parser makes of
//! the line.

use super::ast::*;
use crate::source::Span;
use compact_str::CompactString;
use smallvec::SmallVec;

/// A claim line read by the fast path. Every place in it is an offset from the line's start
/// (`base`), which fits 16 bits: the fast path reads no longer line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimRecord {
    pub(super) base: u32,
    /// The label is `0..label_end`; 0 when the line has none.
    pub(super) label_end: u16,
    pub(super) date: (u16, u16),
    /// The date's year, month and day (0: not written).
    pub(super) ymd: (u16, u8, u8),
    pub(super) measure: (u16, u16),
    /// Empty when the claim names no item.
    pub(super) item: (u16, u16),
    /// The `=`, where the value starts.
    pub(super) cmp: u16,
    /// The quantity, from its first byte (`$` or a digit) to its last token: the value ends there too.
    pub(super) quantity: (u16, u16),
    pub(super) number: NumberLit,
    pub(super) scale: Option<Scale>,
    pub(super) unit: RecordUnit,
    pub flags: Flags,
    pub(super) citation: RecordCitation,
    /// Where the statement's text ends, without the white space after it.
    pub(super) text_end: u16,
    pub quotes: Quotes,
}

/// The unit of a claim line's quantity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RecordUnit {
    None,
    /// `$`, at the quantity's first byte: `USD` (with or without `USD` written after the number).
    Dollar,
    Percent(u16),
    /// A word, `start..end`.
    Word(u16, u16),
}

/// A claim line's citation of one work.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum RecordCitation {
    None,
    /// `[@key]`, `[@key, 178]` or `[@key, 121-22]`: `[` at `open`, the key `open + 2..key_end`,
    /// the locator (if any) `locator..close`, `]` at `close`; `pages` as the locator's one
    /// range reads (none when it is too long for a page number).
    Simple {
        open: u16,
        key_end: u16,
        locator: Option<u16>,
        close: u16,
        pages: Option<(u64, u64)>,
    },
    /// Any other citation of one work, read by the general parser's reader.
    Other(Box<Citation>),
}

/// The source a citation's one work names, as the model reads it from a record.
pub struct CiteKey<'t> {
    /// The key as written.
    pub key: &'t str,
    pub key_span: Span,
    /// The locator's page ranges.
    pub pages: PageRanges,
    /// The locator as written, and the span of the cite (`@` to the `]`): what the
    /// general parser's entry holds besides.
    locator: Option<(&'t str, Span)>,
    cite_span: Span,
}

impl ClaimRecord {
    fn span(&self, (start, end): (u16, u16)) -> Span {
        Span { start: self.base + u32::from(start), end: self.base + u32::from(end) }
    }

    /// The text from the record's line on, in the text of its file: what the accessors below
    /// read its words from.
    pub fn line_in<'t>(&self, file_text: &'t str) -> &'t str {
        file_text.get(self.base as usize..).unwrap_or("")
    }

    /// The text of `start..end` of `line` (the text from the line's start on).
    fn text<'t>(&self, line: &'t str, (start, end): (u16, u16)) -> &'t str {
        line.get(usize::from(start)..usize::from(end)).unwrap_or("")
    }

    /// The statement's span on its line, as its entry's.
    pub fn span_of_line(&self) -> Span {
        self.span((0, self.text_end))
    }

    /// The label and its span. (`line`, here and below, is the text from the line's start on.)
    pub fn label<'t>(&self, line: &'t str) -> Option<(&'t str, Span)> {
        (self.label_end > 0).then(|| (self.text(line, (0, self.label_end)), self.span((0, self.label_end))))
    }

    pub fn measure<'t>(&self, line: &'t str) -> (&'t str, Span) {
        (self.text(line, self.measure), self.span(self.measure))
    }

    pub fn item<'t>(&self, line: &'t str) -> Option<(&'t str, Span)> {
        (self.item.0 < self.item.1).then(|| (self.text(line, self.item), self.span(self.item)))
    }

    pub fn date(&self) -> DateExpr {
        let span = self.span(self.date);
        let (year, month, day) = self.ymd;
        let (year, month, day) = (i64::from(year), u32::from(month), u32::from(day));
        let form = match (month, day) {
            (0, _) => DateForm::Year(year),
            (_, 0) => DateForm::Month(year, month),
            _ => DateForm::Day(year, month, day),
        };
        DateExpr { start: DatePoint { form, approx: false, span }, end: None, span }
    }

    /// The value, its unit named as the general parser names it (`$` is `USD`).
    pub fn value(&self, line: &str) -> ValueExpr {
        let dollar = self.span((self.quantity.0, self.quantity.0 + 1));
        let unit = match self.unit {
            RecordUnit::None => None,
            RecordUnit::Dollar => Some(Ident { name: CompactString::const_new("USD"), span: dollar }),
            RecordUnit::Percent(at) => {
                Some(Ident { name: CompactString::const_new("%"), span: self.span((at, at + 1)) })
            }
            RecordUnit::Word(start, end) => {
                Some(Ident { name: CompactString::from(self.text(line, (start, end))), span: self.span((start, end)) })
            }
        };
        let quantity =
            Quantity { number: self.number.clone(), scale: self.scale, unit, span: self.span(self.quantity) };
        ValueExpr {
            cmp: Cmp::Eq,
            cmp_span: self.span((self.cmp, self.cmp + 1)),
            amount: Amount::Single(quantity),
            exact: false,
            span: self.span((self.cmp, self.quantity.1)),
        }
    }

    /// The citation's key, when it cites one work in the simple form; the citation read by
    /// the general reader otherwise, if there is one.
    pub fn citation<'t>(&self, line: &'t str) -> Option<(Span, Result<CiteKey<'t>, &Citation>)> {
        match &self.citation {
            RecordCitation::None => None,
            RecordCitation::Other(citation) => Some((citation.span, Err(citation))),
            &RecordCitation::Simple { open, key_end, locator, close, pages } => {
                let key = (open + 2, key_end);
                let pages = match (locator, pages) {
                    (Some(start), Some((first, last))) => {
                        PageRanges::from_buf([PageRange { first, last, span: self.span((start, close)) }])
                    }
                    _ => PageRanges::new(),
                };
                let locator = locator.map(|start| (self.text(line, (start, close)), self.span((start, close))));
                let (key_span, cite_span) = (self.span(key), self.span((open + 1, close)));
                let cite = CiteKey { key: self.text(line, key), key_span, pages, locator, cite_span };
                Some((self.span((open, close + 1)), Ok(cite)))
            }
        }
    }

    /// The entry the general parser makes of `line` (the text from the line's start on).
    pub fn entry(mut self, line: &str) -> Entry {
        let ident = |(name, span): (&str, Span)| Ident { name: CompactString::from(name), span };
        let citation = self.citation(line).map(|(span, cite)| match cite {
            Err(citation) => citation.clone(),
            Ok(CiteKey { key, key_span, pages, locator, cite_span }) => {
                let locator = locator.map(|(text, span)| StrLit { text: CompactString::from(text), span });
                let cite = Cite { key: ident((key, key_span)), locator, pages, span: cite_span };
                Citation { cites: SmallVec::from_buf([cite]), span }
            }
        });
        let claim = ClaimLine {
            date: self.date(),
            measure: ident(self.measure(line)),
            item: self.item(line).map(|(item, span)| StrLit { text: CompactString::from(item), span }),
            value: self.value(line),
            flags: std::mem::take(&mut self.flags),
        };
        Entry {
            label: self.label(line).map(ident),
            directive: Directive::Claim(Box::new(claim)),
            tags: Vec::new(),
            citation,
            span: self.span_of_line(),
            quotes: self.quotes,
            impossible_date: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a record costs is what crosses between the threads for each claim line: a field
    /// it gains must pay for itself.
    #[test]
    fn a_record_stays_small() {
        assert_eq!(std::mem::size_of::<ClaimRecord>(), 160);
        assert_eq!(std::mem::size_of::<Item>(), 160, "other lines' entries are boxed");
    }
}
