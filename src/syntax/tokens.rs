//! Token-level nom parsers over one line's text. They know nothing of spans or
//! messages: the line parser in `parser.rs` runs them and turns failures into
//! "expected …" findings.
//!
//! They scan bytes and decode a character only at a non-ASCII byte: nearly every line is
//! ASCII, and these run several times per token.

use crate::value::number::{parse_decimal, Decimal, Q};
use compact_str::CompactString;
use nom::error::{Error, ErrorKind};
use nom::IResult;

fn fail<T>(input: &str, kind: ErrorKind) -> IResult<&str, T> {
    Err(nom::Err::Error(Error::new(input, kind)))
}

/// An ASCII letter: it starts a word.
const LETTER: u8 = 1;
/// Letters, digits, `_`, `-` and `.`: they continue a name.
const NAME: u8 = 2;
/// `/` and `^`: they continue a unit (`Mtoe/yr`, `km^2`).
const UNIT: u8 = 4;
/// A byte of a non-ASCII character: the word is measured again by [`wide_word_len`].
const WIDE: u8 = 8;

/// The class of every byte, for [`word_len`]: one table load per byte instead of a chain
/// of comparisons.
const CLASSES: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_alphabetic() {
            LETTER | NAME
        } else if byte.is_ascii_digit() || matches!(byte, b'_' | b'-' | b'.') {
            NAME
        } else if matches!(byte, b'/' | b'^') {
            UNIT
        } else if byte >= 0x80 {
            WIDE
        } else {
            0
        };
        b += 1;
    }
    table
};

/// The length of the word at the start of `input`, 0 if there is none: a letter, then
/// letters, digits, `_`, `-`, `.` (and for a unit also `/`, `^`, `²`, `³`), without the
/// trailing `.` (and for a unit `/`) bytes. ASCII words only; a word with any other
/// character is measured by [`wide_word_len`].
#[inline]
fn word_len(input: &str, unit: bool) -> usize {
    let bytes = input.as_bytes();
    let more = if unit { NAME | UNIT } else { NAME };
    match bytes.first() {
        Some(&b) if CLASSES[usize::from(b)] & LETTER != 0 => {}
        Some(&b) if !b.is_ascii() => return wide_word_len(input, unit),
        _ => return 0,
    }
    let mut end = 1;
    while let Some(&b) = bytes.get(end) {
        let class = CLASSES[usize::from(b)];
        if class & more == 0 {
            if class == WIDE {
                return wide_word_len(input, unit);
            }
            break;
        }
        // A unit ends at `..`, the range operator: `$1bn..2bn` is `$1bn` to `2bn`, not a unit `bn..2bn`.
        if unit && b == b'.' && bytes.get(end + 1) == Some(&b'.') {
            break;
        }
        end += 1;
    }
    // The word starts with a letter, so the trimming stops at it.
    while bytes[end - 1] == b'.' || (unit && bytes[end - 1] == b'/') {
        end -= 1;
    }
    end
}

/// [`word_len`] for a word that may hold non-ASCII characters, decoding them. Out of line:
/// words are nearly always ASCII, and `word_len` stays a small leaf.
#[cold]
fn wide_word_len(input: &str, unit: bool) -> usize {
    let mut chars = input.char_indices();
    if !chars.next().is_some_and(|(_, ch)| ch.is_alphabetic()) {
        return 0;
    }
    let continues = |ch: char| {
        ch.is_alphanumeric() || matches!(ch, '_' | '-' | '.') || (unit && matches!(ch, '/' | '^' | '²' | '³'))
    };
    let end = chars.find(|&(_, ch)| !continues(ch)).map_or(input.len(), |(i, _)| i);
    let word = if unit { input[..end].split("..").next().unwrap_or_default() } else { &input[..end] };
    let trimmed = if unit { word.trim_end_matches(['.', '/']) } else { word.trim_end_matches('.') };
    trimmed.len()
}

/// Where the word at `bytes[at..]` ends, `at` when none starts there: [`ident_len`], or
/// [`unit_word_len`] for a `unit`, of a line known to be ASCII, read without the slicing and
/// the test for wider characters that [`word_len`] makes (the fast path reads four or five
/// words a line). Always inlined, so that each caller's loop tests the bytes of its own kind
/// of word only.
#[inline(always)]
pub(super) fn ascii_word_end(bytes: &[u8], at: usize, unit: bool) -> usize {
    let more = if unit { NAME | UNIT } else { NAME };
    if bytes.get(at).is_none_or(|&b| CLASSES[usize::from(b)] & LETTER == 0) {
        return at;
    }
    let mut end = at + 1;
    while let Some(&b) = bytes.get(end) {
        if CLASSES[usize::from(b)] & more == 0 || (unit && b == b'.' && bytes.get(end + 1) == Some(&b'.')) {
            break;
        }
        end += 1;
    }
    // The word starts with a letter, so the trimming stops at it.
    while bytes[end - 1] == b'.' || (unit && bytes[end - 1] == b'/') {
        end -= 1;
    }
    end
}

/// The length of the [`ident`] at the start of `input`, 0 if there is none.
#[inline]
pub fn ident_len(input: &str) -> usize {
    word_len(input, false)
}

/// The length of the [`unit_word`] at the start of `input`, 0 if there is none.
#[inline]
pub fn unit_word_len(input: &str) -> usize {
    word_len(input, true)
}

/// A letter, then letters, digits, `_`, `-`, `.`; a trailing `.` is left out so that
/// `p.` style punctuation and sentence ends do not stick to names.
pub fn ident(input: &str) -> IResult<&str, &str> {
    match ident_len(input) {
        0 => fail(input, ErrorKind::Satisfy),
        len => Ok(split(input, len)),
    }
}

/// A unit word: `km`, `Mtoe/yr`, `bcm/yr`, `students`, `m²`; it ends before `..`, the range operator.
pub fn unit_word(input: &str) -> IResult<&str, &str> {
    match unit_word_len(input) {
        0 => fail(input, ErrorKind::Satisfy),
        len => Ok(split(input, len)),
    }
}

/// `(rest, token)` for a token of `len` bytes: nom's order.
#[inline]
fn split(input: &str, len: usize) -> (&str, &str) {
    let (token, rest) = input.split_at(len);
    (rest, token)
}

fn digits_len(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|b| b.is_ascii_digit()).count()
}

/// Digits with `,`/`_` group separators and an optional fraction: `1,780`, `12_000`, `17.5`.
/// A `,` or `_` only continues the number when a digit follows it.
pub fn decimal_text(input: &str) -> IResult<&str, &str> {
    let bytes = input.as_bytes();
    let sign = usize::from(bytes.first() == Some(&b'-'));
    let mut end = sign + digits_len(&bytes[sign..]);
    if end == sign {
        return fail(input, ErrorKind::Digit);
    }
    while end + 1 < bytes.len() && matches!(bytes[end], b',' | b'_') && bytes[end + 1].is_ascii_digit() {
        end += 1 + digits_len(&bytes[end + 1..]);
    }
    if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        end += 1 + digits_len(&bytes[end + 1..]);
    }
    Ok((&input[end..], &input[..end]))
}

/// The most digits a number literal may have (separators not counted). No real quantity
/// needs more, and exact arithmetic on longer numbers only costs time and memory.
pub const MAX_NUMBER_DIGITS: usize = 100;

/// Does a number's text hold more than [`MAX_NUMBER_DIGITS`] digits, leading and trailing
/// zeros included?
pub fn exceeds_digit_limit(text: &str) -> bool {
    // Digits are bytes of the text: a text this short cannot hold too many.
    text.len() > MAX_NUMBER_DIGITS && text.bytes().filter(u8::is_ascii_digit).count() > MAX_NUMBER_DIGITS
}

/// A number literal: a decimal or an exact fraction `1/3`.
pub enum NumberToken {
    Decimal(Decimal),
    Fraction(Q),
    /// A fraction with a zero denominator.
    ZeroDenominator,
    /// A number, or a fraction's numerator or denominator, with more than [`MAX_NUMBER_DIGITS`] digits.
    TooManyDigits,
    /// A `,` not followed by exactly three digits (`12,00`, `1,5`): a typo, or a decimal comma.
    BadGrouping,
}

/// Do the digits after each `,` of a number come in threes, as in `1,780` and `12,000,000`?
pub fn grouped_in_threes(text: &str) -> bool {
    // Most numbers have no group to test.
    if !text.bytes().any(|b| b == b',') {
        return true;
    }
    // Bytes rather than `str::split`: every number of a file is tested.
    let whole = text.as_bytes().split(|&b| b == b'.').next().unwrap_or_default();
    whole.split(|&b| b == b',').skip(1).all(|group| group.iter().filter(|b| b.is_ascii_digit()).count() == 3)
}

pub fn number(input: &str) -> IResult<&str, NumberToken> {
    let (rest, text) = decimal_text(input)?;
    if let Some(after_slash) = rest.strip_prefix('/') {
        let (denom, after) = after_slash.split_at(digits_len(after_slash.as_bytes()));
        // Only a plain integer (no `.`, `,` or `_`) starts a fraction; a word glued to its
        // denominator is read as after any number (`$1/4bn` is a scale, `1/2km` a unit).
        let plain = text.bytes().all(|b| b.is_ascii_digit() || b == b'-');
        if !denom.is_empty() && plain {
            if exceeds_digit_limit(text) || exceeds_digit_limit(denom) {
                return Ok((after, NumberToken::TooManyDigits));
            }
            let numer = parse_decimal(text).map(|d| d.value);
            let denom = parse_decimal(denom).map(|d| d.value);
            return Ok(match (numer, denom) {
                (Some(n), Some(d)) if d != crate::value::number::int(0) => (after, NumberToken::Fraction(n / d)),
                _ => (after, NumberToken::ZeroDenominator),
            });
        }
    }
    if !grouped_in_threes(text) {
        return Ok((rest, NumberToken::BadGrouping));
    }
    if exceeds_digit_limit(text) {
        return Ok((rest, NumberToken::TooManyDigits));
    }
    match parse_decimal(text) {
        Some(d) => Ok((rest, NumberToken::Decimal(d))),
        None => fail(input, ErrorKind::Digit),
    }
}

/// The calendar part of a date, unchecked: `(year, month, day, decade)`.
pub enum RawDate {
    Day(i64, u32, u32),
    Month(i64, u32),
    Year(i64),
    Decade(i64),
}

/// The value of the `n` ASCII digits at `bytes[at..]`, if all are there.
pub(super) fn fixed_digits(bytes: &[u8], at: usize, n: usize) -> Option<u32> {
    let digits = bytes.get(at..at + n)?;
    digits.iter().all(u8::is_ascii_digit).then(|| digits.iter().fold(0, |v, d| v * 10 + u32::from(d - b'0')))
}

/// `-` and two digits at `bytes[at..]`.
pub(super) fn dash_two_digits(bytes: &[u8], at: usize) -> Option<u32> {
    if bytes.get(at) == Some(&b'-') {
        fixed_digits(bytes, at + 1, 2)
    } else {
        None
    }
}

/// A four-digit year, then `s` for a decade, or `-MM` and `-DD`.
pub fn raw_date(input: &str) -> IResult<&str, RawDate> {
    let bytes = input.as_bytes();
    let Some(year) = fixed_digits(bytes, 0, 4) else {
        return fail(input, ErrorKind::TakeWhileMN);
    };
    let y = i64::from(year);
    if bytes.get(4) == Some(&b's') {
        return Ok((&input[5..], RawDate::Decade(y)));
    }
    let Some(m) = dash_two_digits(bytes, 4) else {
        return Ok((&input[4..], RawDate::Year(y)));
    };
    Ok(match dash_two_digits(bytes, 7) {
        Some(d) => (&input[10..], RawDate::Day(y, m, d)),
        None => (&input[7..], RawDate::Month(y, m)),
    })
}

/// A `"..."` string with `\"` and `\\` escapes. `None` inside `Ok` means unterminated.
pub fn string(input: &str) -> IResult<&str, Option<CompactString>> {
    let Some(rest) = input.strip_prefix('"') else {
        return fail(input, ErrorKind::Char);
    };
    // Most strings hold no escape: their text is the slice up to the closing quote.
    match rest.bytes().position(|b| b == b'"' || b == b'\\') {
        Some(i) if rest.as_bytes()[i] == b'"' => return Ok((&rest[i + 1..], Some(CompactString::from(&rest[..i])))),
        None => return Ok(("", None)),
        Some(_) => {}
    }
    let mut out = CompactString::default();
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((&rest[i + 1..], Some(out))),
            '\\' => match chars.next() {
                Some((_, e @ ('"' | '\\'))) => out.push(e),
                Some((_, other)) => {
                    out.push('\\');
                    out.push(other);
                }
                None => break,
            },
            _ => out.push(c),
        }
    }
    Ok(("", None))
}

/// A comparator: `=`, `~`, `≈`, `>=`, `≥`, `>`, `<=`, `≤`, `<`.
#[inline]
pub fn comparator(input: &str) -> IResult<&str, crate::syntax::ast::Cmp> {
    use crate::syntax::ast::Cmp;
    let (cmp, len) = match input.as_bytes() {
        [b'>', b'=', ..] => (Cmp::Ge, 2),
        [b'<', b'=', ..] => (Cmp::Le, 2),
        [b'>', ..] => (Cmp::Gt, 1),
        [b'<', ..] => (Cmp::Lt, 1),
        [b'=', ..] => (Cmp::Eq, 1),
        [b'~', ..] => (Cmp::Approx, 1),
        [b, ..] if b.is_ascii() => return fail(input, ErrorKind::Tag),
        _ => match input.chars().next() {
            Some(c @ '≥') => (Cmp::Ge, c.len_utf8()),
            Some(c @ '≤') => (Cmp::Le, c.len_utf8()),
            Some(c @ '≈') => (Cmp::Approx, c.len_utf8()),
            _ => return fail(input, ErrorKind::Tag),
        },
    };
    Ok((&input[len..], cmp))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert_eq!(ident("oil.cn rest"), Ok((" rest", "oil.cn")));
        assert_eq!(ident("trade-share="), Ok(("=", "trade-share")));
        assert_eq!(ident("end."), Ok((".", "end")));
        assert_eq!(ident("été_2 x"), Ok((" x", "été_2")));
        assert_eq!(ident("a..b.."), Ok(("..", "a..b")));
        assert!(ident("1abc").is_err());
        assert!(ident("²").is_err());
        assert_eq!(unit_word("m²/yr./ x"), Ok(("./ x", "m²/yr")));
        assert_eq!(unit_word("km^2,"), Ok((",", "km^2")));
        assert_eq!(unit_word("bn..2bn"), Ok(("..2bn", "bn")));
        assert_eq!(unit_word("été..2"), Ok(("..2", "été")));
    }

    #[test]
    fn numbers_and_groups() {
        assert_eq!(decimal_text("1,780 km"), Ok((" km", "1,780")));
        assert_eq!(decimal_text("12_000"), Ok(("", "12_000")));
        assert_eq!(decimal_text("30..35"), Ok(("..35", "30")));
        assert_eq!(decimal_text("5, 6"), Ok((", 6", "5")));
        assert_eq!(decimal_text("-1_2,3.4.5"), Ok((".5", "-1_2,3.4")));
        assert!(decimal_text("-x").is_err());
        assert!(matches!(number("1/3"), Ok(("", NumberToken::Fraction(_)))));
        assert!(matches!(number("1/0"), Ok(("", NumberToken::ZeroDenominator))));
        assert!(matches!(number("10/yr"), Ok(("/yr", NumberToken::Decimal(_)))));
        assert!(matches!(number("10/2yr"), Ok(("yr", NumberToken::Fraction(_)))));
        assert!(matches!(number("1/4bn"), Ok(("bn", NumberToken::Fraction(_)))));
        assert!(matches!(number("1.5/3"), Ok(("/3", NumberToken::Decimal(_)))));
        assert!(matches!(number("12,000,000.5"), Ok(("", NumberToken::Decimal(_)))));
        assert!(matches!(number("12,00"), Ok(("", NumberToken::BadGrouping))));
        assert!(matches!(number("1,5"), Ok(("", NumberToken::BadGrouping))));
        assert!(matches!(number("1,7800"), Ok(("", NumberToken::BadGrouping))));
        assert!(matches!(number("1_0000"), Ok(("", NumberToken::Decimal(_)))));
    }

    #[test]
    fn numbers_longer_than_the_digit_limit_are_refused() {
        let longest = "9".repeat(MAX_NUMBER_DIGITS);
        assert!(matches!(number(&longest), Ok(("", NumberToken::Decimal(_)))));
        assert!(matches!(number(&format!("{longest}9 km")), Ok((" km", NumberToken::TooManyDigits))));
        let grouped = format!("1_{}.5", "0".repeat(MAX_NUMBER_DIGITS));
        assert!(matches!(number(&grouped), Ok(("", NumberToken::TooManyDigits))));
        assert!(matches!(number(&format!("1/{longest}")), Ok(("", NumberToken::Fraction(_)))));
        assert!(matches!(number(&format!("1/{longest}0")), Ok(("", NumberToken::TooManyDigits))));
    }

    #[test]
    fn dates_and_comparators() {
        assert!(matches!(raw_date("1990s x"), Ok((" x", RawDate::Decade(1990)))));
        assert!(matches!(raw_date("2001-02-03x"), Ok(("x", RawDate::Day(2001, 2, 3)))));
        assert!(matches!(raw_date("2001-02-3"), Ok(("-3", RawDate::Month(2001, 2)))));
        assert!(matches!(raw_date("20011"), Ok(("1", RawDate::Year(2001)))));
        assert!(raw_date("201").is_err());
        assert!(matches!(comparator(">=1"), Ok(("1", crate::syntax::ast::Cmp::Ge))));
        assert!(matches!(comparator("≈1"), Ok(("1", crate::syntax::ast::Cmp::Approx))));
        assert!(comparator("é").is_err());
    }

    #[test]
    fn strings_unescape() {
        assert_eq!(string(r#""a \"b\" \\c" x"#), Ok((" x", Some(r#"a "b" \c"#.into()))));
        assert_eq!(string(r#""plain" x"#), Ok((" x", Some("plain".into()))));
        assert_eq!(string(r#""a\n"#), Ok(("", None)));
        assert_eq!(string(r#""open"#), Ok(("", None)));
    }
}
