//! A fast path for the common claim line,
//! `[LABEL:] DATE MEASURE [ITEM] = [$]NUMBER[SCALE] [UNIT] [FLAGS] [[@key] | [@key, LOCATOR]]`,
//! read in one pass over its bytes. Every directive line is tried here first: a line of
//! this shape makes the very `Entry` that [`directive::entry`] makes of it (the tests compare
//! the two on every fixture line and thousands of mutations of them), and for anything else
//! (another directive, a tag, a range, a comparator other than `=`, a quoted item, a `~` or
//! impossible date, any non-ASCII byte, any error) it returns `None`, and the general parser
//! reads the line as before. At 100k generated claims it takes the parse from 552 to 352
//! million instructions (callgrind), the general parser's per-token peeks and results
//! having been most of it.

use super::ast::*;
use super::cursor::{is_ascii_ws, Cursor};
use super::directive::{cite, expand_pages, is_reserved_word, page_number, pandoc_key_len, scale_word};
use super::tokens::{self, dash_two_digits, fixed_digits, NumberToken};
use crate::source::Span;
use crate::value::date::days_in_month;
use crate::value::number::{Decimal, Q};
use compact_str::CompactString;
use smallvec::SmallVec;

/// The claim `line` (a line's text before its comment, starting at byte `base` of its file)
/// states, when it has the common shape; `None` when the general parser must read it.
pub fn claim(line: &str, base: usize) -> Option<Entry> {
    // Every character that matters is ASCII: a line with any other is left to the general
    // parser, which decodes it (a currency sign, a Unicode space or minus, a word in another script).
    if !line.is_ascii() {
        return None;
    }
    let bytes = line.as_bytes();
    let span = |start: usize, end: usize| Span::new(base + start, base + end);
    let skip_ws = |mut at: usize| {
        while bytes.get(at).is_some_and(|&b| is_ascii_ws(b)) {
            at += 1;
        }
        at
    };
    let word_at = |at: usize| &line[at..at + tokens::ident_len(&line[at..])];

    // `label:`, followed by white space; a line without one starts with its date.
    let mut at = 0;
    let label = if bytes.first()?.is_ascii_alphabetic() {
        let name = word_at(0);
        let colon = name.len();
        if bytes.get(colon) != Some(&b':') || bytes.get(colon + 1).is_some_and(|&b| !is_ascii_ws(b)) {
            return None;
        }
        at = colon + 1;
        Some(Ident { name: CompactString::from(name), span: span(0, colon) })
    } else {
        None
    };

    // A plain date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, of the calendar, then white space.
    at = skip_ws(at);
    let date_start = at;
    let year = i64::from(fixed_digits(bytes, at, 4)?);
    at += 4;
    let form = match dash_two_digits(bytes, at) {
        None => DateForm::Year(year),
        Some(month) if (1..=12).contains(&month) => {
            at += 3;
            match dash_two_digits(bytes, at) {
                None => DateForm::Month(year, month),
                Some(day) if day >= 1 && day <= days_in_month(year, month) => {
                    at += 3;
                    DateForm::Day(year, month, day)
                }
                Some(_) => return None,
            }
        }
        Some(_) => return None,
    };
    let date_span = span(date_start, at);
    if !bytes.get(at).is_some_and(|&b| is_ascii_ws(b)) {
        return None;
    }
    at = skip_ws(at);

    // The measure: any word but the keywords of the other dated statements.
    if !bytes.get(at)?.is_ascii_alphabetic() {
        return None;
    }
    let name = word_at(at);
    if matches!(name, "event" | "shares" | "total") {
        return None;
    }
    let measure = Ident { name: CompactString::from(name), span: span(at, at + name.len()) };
    at = skip_ws(at + name.len());

    // A bare item, then `=`.
    let item = if bytes.get(at)?.is_ascii_alphabetic() {
        let text = word_at(at);
        let item = StrLit { text: CompactString::from(text), span: span(at, at + text.len()) };
        at = skip_ws(at + text.len());
        Some(item)
    } else {
        None
    };
    if bytes.get(at) != Some(&b'=') {
        return None;
    }
    let cmp_span = span(at, at + 1);
    let value_start = at;

    // The quantity: `$` or nothing before a plain number, then a scale, a unit or `%`.
    let quantity_start = skip_ws(at + 1);
    at = quantity_start;
    let prefix = if bytes.get(at) == Some(&b'$') {
        let dollar = Ident { name: CompactString::const_new("USD"), span: span(at, at + 1) };
        at = skip_ws(at + 1);
        Some(dollar)
    } else {
        None
    };
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
    let mut unit = None;
    if bytes.get(at) == Some(&b'%') {
        unit = Some(percent(span(at, at + 1)));
        end = at + 1;
    } else {
        at = skip_ws(at);
        let mut word = &line[at..at + tokens::unit_word_len(&line[at..])];
        if let Some(s) = scale_word(word) {
            scale = Some(s);
            end = at + word.len();
            at = skip_ws(end);
            word = &line[at..at + tokens::unit_word_len(&line[at..])];
        }
        if bytes.get(at) == Some(&b'%') {
            unit = Some(percent(span(at, at + 1)));
            end = at + 1;
        } else if !word.is_empty() && !is_reserved_word(word) && scale_word(word).is_none() {
            unit = Some(Ident { name: CompactString::from(word), span: span(at, at + word.len()) });
            end = at + word.len();
        }
    }
    let unit = match (prefix, unit) {
        (Some(p), Some(u)) if p.name != u.name => return None,
        (Some(p), _) => Some(p),
        (None, u) => u,
    };
    let quantity = Quantity { number, scale, unit, span: span(quantity_start, end) };
    let value = ValueExpr {
        cmp: Cmp::Eq,
        cmp_span,
        amount: Amount::Single(quantity),
        exact: false,
        span: span(value_start, end),
    };

    // Flags, each kept once.
    let mut flags = Flags::new();
    // Where the statement's text ends, without the white space after it.
    let mut text_end = end;
    at = skip_ws(end);
    while bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
        let word = word_at(at);
        let flag = Flag::from_word(word)?;
        if flags.iter().all(|(kept, _)| *kept != flag) {
            flags.push((flag, span(at, at + word.len())));
        }
        text_end = at + word.len();
        at = skip_ws(text_end);
    }

    // One citation of one work, then the end of the line.
    let citation = match bytes.get(at) {
        None => None,
        Some(b'[') => {
            let open = at;
            // One work: no `;` before the `]`.
            let close = open + bytes[open..].iter().position(|&b| b == b']' || b == b';')?;
            let inner = &line[open + 1..close];
            if bytes[close] == b';' || !inner.starts_with('@') {
                return None;
            }
            let cite = match simple_cite(inner, open + 1, &span) {
                Some(cite) => cite,
                None => cite(&Cursor::new(line, base), inner, open + 1).ok()?,
            };
            if skip_ws(close + 1) != line.len() {
                return None;
            }
            text_end = close + 1;
            Some(Citation { cites: SmallVec::from_buf([cite]), span: span(open, close + 1) })
        }
        Some(_) => return None,
    };

    let claim = ClaimLine {
        date: DateExpr { start: DatePoint { form, approx: false, span: date_span }, end: None, span: date_span },
        measure,
        item,
        value,
        flags,
    };
    Some(Entry {
        label,
        directive: Directive::Claim(Box::new(claim)),
        tags: Vec::new(),
        citation,
        quotes: Quotes::new(),
        span: span(0, text_end),
        impossible_date: false,
    })
}

fn percent(span: Span) -> Ident {
    Ident { name: CompactString::const_new("%"), span }
}

/// The number at `bytes[at..]` (a digit) when it is plain, digits with at most one fraction,
/// short enough for [`Q::from_decimal`] as `parse_decimal` reads them; and where it ends.
/// `None` for any other number (groups, a fraction `1/3`, many digits): `tokens::number` reads those.
fn plain_decimal(bytes: &[u8], at: usize) -> Option<(NumberLit, usize)> {
    const MAX_DIGITS: usize = 19;
    const MAX_DECIMALS: u32 = 17;
    let mut magnitude = 0u64;
    let mut digits = 0;
    let mut decimals = 0;
    let mut fraction = false;
    let mut end = at;
    while let Some(&b) = bytes.get(end) {
        match b {
            b'0'..=b'9' if digits < MAX_DIGITS => {
                magnitude = magnitude * 10 + u64::from(b - b'0');
                digits += 1;
                decimals += u32::from(fraction);
            }
            // The one `.` of a fraction, with a digit after it.
            b'.' if !fraction && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) => fraction = true,
            b'0'..=b'9' | b',' | b'_' | b'/' => return None,
            _ => break,
        }
        end += 1;
    }
    if decimals > MAX_DECIMALS {
        return None;
    }
    let value = Q::from_decimal(false, magnitude, decimals);
    let half_unit = Q::from_decimal(false, 5, decimals + 1);
    Some((NumberLit::Decimal(Decimal { value, half_unit }), end))
}

/// `@key` or `@key, LOCATOR` with a plain key and a locator of one page (`178`) or one range of
/// pages (`33-35`, `121-22`), as `directive::cite` reads them; `part_start` is where `part`
/// starts in its line, `span` makes a line's span. `None` for any other citation.
fn simple_cite(part: &str, part_start: usize, span: &impl Fn(usize, usize) -> Span) -> Option<Cite> {
    let key_text = part.strip_prefix('@')?;
    if key_text.starts_with('{') {
        return None;
    }
    // Most keys are letters and digits only: then the key ends where they do.
    let key_bytes = key_text.as_bytes();
    let mut run = 0;
    while key_bytes.get(run).is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_') {
        run += 1;
    }
    let key_len = match key_bytes.get(run) {
        Some(b':' | b'.' | b'#' | b'$' | b'%' | b'&' | b'-' | b'+' | b'?' | b'<' | b'>' | b'~' | b'/') => {
            pandoc_key_len(key_text)
        }
        _ => run,
    };
    if key_len == 0 {
        return None;
    }
    let key_start = part_start + 1;
    let key = Ident { name: CompactString::from(&key_text[..key_len]), span: span(key_start, key_start + key_len) };
    let after = &key_text[key_len..];
    let end = part_start + part.len();
    let cite_span = span(part_start, end);
    let Some(locator) = after.strip_prefix(',') else {
        return after.is_empty().then(|| Cite { key, locator: None, pages: PageRanges::new(), span: cite_span });
    };
    let lead = locator.bytes().take_while(|&b| is_ascii_ws(b)).count();
    let text = &locator[lead..];
    let first_len = text.bytes().take_while(u8::is_ascii_digit).count();
    let range = match text.as_bytes().get(first_len) {
        _ if first_len == 0 => return None,
        None => page_number(text).map(|page| (page, page)),
        Some(b'-') => {
            let last = &text[first_len + 1..];
            if last.is_empty() || !last.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            expand_pages(&text[..first_len], last)
        }
        Some(_) => return None,
    };
    let loc_start = end - text.len();
    let pages = match range {
        Some((first, last)) => PageRanges::from_buf([PageRange { first, last, span: span(loc_start, end) }]),
        None => PageRanges::new(),
    };
    let locator = Some(StrLit { text: CompactString::from(text), span: span(loc_start, end) });
    Some(Cite { key, locator, pages, span: cite_span })
}
