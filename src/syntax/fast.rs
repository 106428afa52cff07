//! A fast path for the common claim line,
//! `[LABEL:] DATE MEASURE [ITEM] = [$]NUMBER[SCALE] [UNIT] [FLAGS] [[@key] | [@key, LOCATOR]]`,
//! read in one pass over its bytes into a [`ClaimRecord`]. Every directive line is tried here
//! first: a line of this shape makes a record whose entry ([`ClaimRecord::entry`]) is the very
//! `Entry` that [`directive::entry`] makes of it (the tests compare
//! the two on every fixture line and thousands of mutations of them), and for anything else
//! (another directive, a tag, a range, a comparator other than `=`, a quoted item, a `~` or
//! impossible date, any non-ASCII byte, any error) it returns `None`, and the general parser
//! reads the line as before. At 100k generated claims it took the parse from 552 to 352
//! million instructions (callgrind), the general parser's per-token peeks and results
//! having been most of it; reading words and citations as bytes of an ASCII line, and
//! making the entry in its batch, took the claims' share from 225 to about 200 million. A
//! run hands the model the record itself, a fifth of the entry and its boxed claim line
//! (100k claims: 92 → 76 ms, both threads' time 147 → 130 ms).

use super::ast::*;
use super::cursor::{is_ascii_ws, Cursor};
use super::directive::{cite, expand_pages, is_reserved_word, page_number, scale_word};
use super::record::{ClaimRecord, RecordCitation, RecordUnit};
use super::tokens::{self, dash_two_digits, fixed_digits, NumberToken};
use crate::source::Span;
use crate::value::date::days_in_month;
use crate::value::number::{Decimal, Q};
use smallvec::SmallVec;

/// The record of the claim `line` states (a line's text before its comment, starting at byte
/// `base` of its file), when it has the common shape; `None` when the general parser must read it.
pub fn record(line: &str, base: usize) -> Option<ClaimRecord> {
    // Every character that matters is ASCII: a line with any other is left to the general
    // parser, which decodes it (a currency sign, a Unicode space or minus, a word in another script).
    let ascii = Ascii::new(line)?;
    // A record's places are 16-bit offsets into its line, and its spans 32-bit offsets into
    // the file, which is what `Span::new` makes when they fit; a line whose offsets do not
    // (`Span::new` holds them at the largest) is left to the general parser.
    let offset = u32::try_from(base)
        .ok()
        .filter(|&b| u16::try_from(line.len()).is_ok_and(|len| b.checked_add(u32::from(len)).is_some()))?;
    // Within the line, every place fits 16 bits (checked above).
    let at16 = |at: usize| at as u16;
    let span = |start: usize, end: usize| Span { start: offset + start as u32, end: offset + end as u32 };
    let bytes = ascii.0;
    let text = |start: usize, end: usize| ascii.text(start, end);
    let word_end = |at: usize| tokens::ascii_word_end(bytes, at, false);
    let unit_end = |at: usize| tokens::ascii_word_end(bytes, at, true);

    // `label:`, followed by white space; a line without one starts with its date.
    let mut at = 0;
    let label_end = if bytes.first()?.is_ascii_alphabetic() {
        let colon = word_end(0);
        if bytes.get(colon) != Some(&b':') || bytes.get(colon + 1).is_some_and(|&b| !is_ascii_ws(b)) {
            return None;
        }
        at = colon + 1;
        colon
    } else {
        0
    };

    // A plain date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, of the calendar, then white space.
    at = skip_ws(bytes, at);
    let date_start = at;
    let year = fixed_digits(bytes, at, 4)?;
    at += 4;
    let (month, day) = match dash_two_digits(bytes, at) {
        None => (0, 0),
        Some(month) if (1..=12).contains(&month) => {
            at += 3;
            match dash_two_digits(bytes, at) {
                None => (month, 0),
                Some(day) if day >= 1 && day <= days_in_month(i64::from(year), month) => {
                    at += 3;
                    (month, day)
                }
                Some(_) => return None,
            }
        }
        Some(_) => return None,
    };
    let date = (at16(date_start), at16(at));
    if !bytes.get(at).is_some_and(|&b| is_ascii_ws(b)) {
        return None;
    }
    at = skip_ws(bytes, at);

    // The measure: any word but the keywords of the other dated statements.
    let measure_end = word_end(at);
    let name = text(at, measure_end);
    if name.is_empty() || matches!(name, "event" | "shares" | "total") {
        return None;
    }
    let measure = (at16(at), at16(measure_end));
    at = skip_ws(bytes, measure_end);

    // A bare item, then `=`.
    let item_end = word_end(at);
    let item = (at16(at), at16(item_end));
    if item_end > at {
        at = skip_ws(bytes, item_end);
    }
    if bytes.get(at) != Some(&b'=') {
        return None;
    }
    let cmp = at16(at);

    // The quantity: `$` or nothing before a plain number, then a scale, a unit or `%`.
    let quantity_start = skip_ws(bytes, at + 1);
    at = quantity_start;
    let dollar = bytes.get(at) == Some(&b'$');
    if dollar {
        at = skip_ws(bytes, at + 1);
    }
    if !bytes.get(at)?.is_ascii_digit() {
        return None;
    }
    let number;
    (number, at) = match plain_decimal(bytes, at) {
        Some(read) => read,
        None => {
            let (after, number) = tokens::number(&line[at..]).ok()?;
            let number = match number {
                NumberToken::Decimal(d) => NumberLit::Decimal(d),
                NumberToken::Fraction(q) => NumberLit::Fraction(q),
                _ => return None,
            };
            (number, line.len() - after.len())
        }
    };
    // Where the last token read ends: the quantity's span ends there, whatever white space
    // was looked past.
    let mut end = at;
    let mut scale = None;
    // Where the unit written after the number is, `%` or a word, if one is.
    let mut unit_at = None;
    // A flag read where a unit could have been, with where it ends: the flags' loop takes it
    // as read rather than reading its word again.
    let mut flag_read = None;
    if bytes.get(at) == Some(&b'%') {
        unit_at = Some((at, at + 1));
    } else {
        at = skip_ws(bytes, at);
        let mut word_end = unit_end(at);
        if let Some(s) = scale_word(text(at, word_end)) {
            scale = Some(s);
            end = word_end;
            at = skip_ws(bytes, end);
            word_end = unit_end(at);
        }
        let word = text(at, word_end);
        if bytes.get(at) == Some(&b'%') {
            unit_at = Some((at, at + 1));
        } else if let Some(flag) = Flag::from_word(word) {
            // A flag is no unit. Its letters followed by white space or nothing, it is the
            // word the flags' loop reads there too (that word ends at the first byte that
            // continues no name).
            if bytes.get(word_end).is_none_or(|&b| is_ascii_ws(b)) {
                flag_read = Some((at, flag, word_end));
            }
        } else if !word.is_empty() && !is_reserved_word(word) && scale_word(word).is_none() {
            unit_at = Some((at, word_end));
        }
    }
    if let Some((_, stop)) = unit_at {
        end = stop;
    }
    // `$` is the unit `USD`: with another unit written after the number, the general parser
    // reports the clash.
    let unit = match (dollar, unit_at) {
        (true, None) => RecordUnit::Dollar,
        (true, Some((start, stop))) if text(start, stop) == "USD" => RecordUnit::Dollar,
        (true, Some(_)) => return None,
        (false, Some((start, _))) if bytes[start] == b'%' => RecordUnit::Percent(at16(start)),
        (false, Some((start, stop))) => RecordUnit::Word(at16(start), at16(stop)),
        (false, None) => RecordUnit::None,
    };

    // Flags, each kept once.
    let mut flags = Flags::new();
    // Where the statement's text ends, without the white space after it.
    let mut text_end = end;
    at = skip_ws(bytes, end);
    while bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
        let (flag, word_end) = match flag_read.take() {
            Some((read_at, flag, read_end)) if read_at == at => (flag, read_end),
            _ => {
                let word_end = word_end(at);
                (Flag::from_word(text(at, word_end))?, word_end)
            }
        };
        // Most claims have one flag: it fills the inline slot without a call to `push`.
        if flags.is_empty() {
            flags = Flags::from_buf([(flag, span(at, word_end))]);
        } else if flags.iter().all(|(kept, _)| *kept != flag) {
            flags.push((flag, span(at, word_end)));
        }
        text_end = word_end;
        at = skip_ws(bytes, text_end);
    }

    // One citation of one work, then the end of the line.
    let citation = match bytes.get(at) {
        None => RecordCitation::None,
        Some(b'[') => {
            let open = at;
            let (citation, close) = match simple_cite(ascii, open) {
                Some(read) => read,
                None => {
                    // One work: no `;` before the `]`.
                    let close = open + bytes[open..].iter().position(|&b| b == b']' || b == b';')?;
                    let inner = &line[open + 1..close];
                    if bytes[close] == b';' || !inner.starts_with('@') {
                        return None;
                    }
                    let cite = cite(&Cursor::new(line, base), inner, open + 1).ok()?;
                    let citation = Citation { cites: SmallVec::from_buf([cite]), span: span(open, close + 1) };
                    (RecordCitation::Other(Box::new(citation)), close)
                }
            };
            if skip_ws(bytes, close + 1) != line.len() {
                return None;
            }
            text_end = close + 1;
            citation
        }
        Some(_) => return None,
    };

    Some(ClaimRecord {
        base: offset,
        label_end: at16(label_end),
        date,
        ymd: (year as u16, month as u8, day as u8),
        measure,
        item,
        cmp,
        quantity: (at16(quantity_start), at16(end)),
        number,
        scale,
        unit,
        flags,
        citation,
        text_end: at16(text_end),
        quotes: Quotes::new(),
    })
}

/// The bytes of a line known to be ASCII, so that any run of them is a `str`: slicing the
/// line's `str` tests both ends of each slice for a character boundary, in a call of its own.
#[derive(Clone, Copy)]
struct Ascii<'a>(&'a [u8]);

impl<'a> Ascii<'a> {
    /// `line`'s bytes, when they are all ASCII.
    #[inline]
    fn new(line: &'a str) -> Option<Ascii<'a>> {
        line.is_ascii().then_some(Ascii(line.as_bytes()))
    }

    /// The text of bytes `start..end`.
    #[inline]
    fn text(self, start: usize, end: usize) -> &'a str {
        let run = &self.0[start..end];
        // SAFETY: every byte of the line is ASCII (`Ascii::new`), so every run of them is UTF-8.
        unsafe { std::str::from_utf8_unchecked(run) }
    }
}

/// The bytes [`is_ascii_ws`] holds white space: one table load a byte rather than two
/// comparisons, some sixteen bytes a line.
const WS_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = is_ascii_ws(b as u8);
        b += 1;
    }
    table
};

/// Where the white space at `bytes[at..]` (ASCII) ends.
#[inline]
fn skip_ws(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(|&b| WS_BYTES[usize::from(b)]) {
        at += 1;
    }
    at
}

/// Where the ASCII digits at `bytes[at..]` end.
#[inline]
fn digits_end(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(u8::is_ascii_digit) {
        at += 1;
    }
    at
}

/// The number at `bytes[at..]` (a digit) when it is plain, digits with at most one fraction,
/// short enough for [`Q::from_decimal`] as `parse_decimal` reads them; and where it ends.
/// `None` for any other number (groups, a fraction `1/3`, many digits): `tokens::number` reads those.
fn plain_decimal(bytes: &[u8], at: usize) -> Option<(NumberLit, usize)> {
    const MAX_DIGITS: usize = 19;
    const MAX_DECIMALS: usize = 17;
    let (whole_end, whole) = digits_value(bytes, at, 0);
    // The one `.` of a fraction, with a digit after it; a second `.` ends the number.
    let (end, magnitude, decimals) =
        if bytes.get(whole_end) == Some(&b'.') && bytes.get(whole_end + 1).is_some_and(u8::is_ascii_digit) {
            let (end, magnitude) = digits_value(bytes, whole_end + 1, whole);
            (end, magnitude, end - whole_end - 1)
        } else {
            (whole_end, whole, 0)
        };
    // Up to 19 digits, the magnitude has not wrapped: 10^19 - 1 < 2^64.
    if (whole_end - at) + decimals > MAX_DIGITS || decimals > MAX_DECIMALS {
        return None;
    }
    if matches!(bytes.get(end), Some(b',' | b'_' | b'/')) {
        return None;
    }
    let decimals = decimals as u32;
    let value = Q::from_decimal(false, magnitude, decimals);
    let half_unit = Q::from_decimal(false, 5, decimals + 1);
    Some((NumberLit::Decimal(Decimal { value, half_unit }), end))
}

/// Where the ASCII digits at `bytes[at..]` end, and `value` with them appended (wrapping: the
/// caller bounds their number).
#[inline]
fn digits_value(bytes: &[u8], mut at: usize, mut value: u64) -> (usize, u64) {
    while let Some(digit) = bytes.get(at).map(|b| b.wrapping_sub(b'0')).filter(|&digit| digit <= 9) {
        value = value.wrapping_mul(10).wrapping_add(u64::from(digit));
        at += 1;
    }
    (at, value)
}

/// The bytes of a plain citation key, ASCII letters, digits and `_`: one table load a byte
/// where the tests of three ranges took four times as long.
const KEY_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

/// The citation `[@key]`, `[@key, 178]` or `[@key, 121-22]` opened at byte `open` of `line` (a `[`),
/// with a key of letters, digits and `_` and a locator of one page or one range of pages
/// that runs up to the `]`, as `directive::cite` reads it; and where its `]` is. `None` for
/// any other citation: the caller reads those.
fn simple_cite(line: Ascii, open: usize) -> Option<(RecordCitation, usize)> {
    let bytes = line.0;
    // Within the line, every place fits 16 bits (checked by `record`).
    let at16 = |at: usize| at as u16;
    if bytes.get(open + 1) != Some(&b'@') {
        return None;
    }
    let key_start = open + 2;
    let mut key_end = key_start;
    while bytes.get(key_end).is_some_and(|&b| KEY_BYTES[usize::from(b)]) {
        key_end += 1;
    }
    if key_end == key_start {
        return None;
    }
    let (open, key) = (at16(open), at16(key_end));
    match bytes.get(key_end) {
        Some(b']') => {
            let citation = RecordCitation::Simple { open, key_end: key, locator: None, close: key, pages: None };
            return Some((citation, key_end));
        }
        Some(b',') => {}
        _ => return None,
    }
    let loc_start = skip_ws(bytes, key_end + 1);
    let (first_end, page) = digits_value(bytes, loc_start, 0);
    if first_end == loc_start {
        return None;
    }
    let first = line.text(loc_start, first_end);
    let (pages, close) = match bytes.get(first_end) {
        // Up to 19 digits, the value read with them is the page (10^19 - 1 < 2^64).
        Some(b']') if first_end - loc_start <= 19 => (Some((page, page)), first_end),
        Some(b']') => (page_number(first).map(|page| (page, page)), first_end),
        Some(b'-') => {
            let last_end = digits_end(bytes, first_end + 1);
            if last_end == first_end + 1 || bytes.get(last_end) != Some(&b']') {
                return None;
            }
            (expand_pages(first, line.text(first_end + 1, last_end)), last_end)
        }
        _ => return None,
    };
    let locator = Some(at16(loc_start));
    Some((RecordCitation::Simple { open, key_end: key, locator, close: at16(close), pages }, close))
}
