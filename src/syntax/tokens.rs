//! Token-level nom parsers over one line's text. They know nothing of spans or
//! messages: the line parser in `parser.rs` runs them and turns failures into
//! "expected …" findings.

use crate::value::number::{parse_decimal, Decimal, Q};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1, take_while_m_n};
use nom::character::complete::{char, digit1, satisfy};
use nom::combinator::{map, opt, recognize};
use nom::sequence::{pair, preceded, tuple};
use nom::IResult;

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic()
}

fn is_ident_continue(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.')
}

/// A letter, then letters, digits, `_`, `-`, `.`; a trailing `.` is left out so that
/// `p.` style punctuation and sentence ends do not stick to names.
pub fn ident(input: &str) -> IResult<&str, &str> {
    let (_, word) = recognize(pair(satisfy(is_ident_start), take_while(is_ident_continue)))(input)?;
    let trimmed = word.trim_end_matches('.');
    Ok((&input[trimmed.len()..], trimmed))
}

/// A unit word: `km`, `Mtoe/yr`, `bcm/yr`, `students`, `m²`.
pub fn unit_word(input: &str) -> IResult<&str, &str> {
    let (_, word) = recognize(pair(
        satisfy(is_ident_start),
        take_while(|c: char| is_ident_continue(c) || matches!(c, '/' | '²' | '³' | '^')),
    ))(input)?;
    let trimmed = word.trim_end_matches(['.', '/']);
    Ok((&input[trimmed.len()..], trimmed))
}

/// Digits with `,`/`_` group separators and an optional fraction: `1,780`, `12_000`, `17.5`.
/// A `,` or `_` only continues the number when a digit follows it.
pub fn decimal_text(input: &str) -> IResult<&str, &str> {
    recognize(tuple((opt(char('-')), digit1, take_grouped_digits, opt(pair(char('.'), digit1)))))(input)
}

fn take_grouped_digits(input: &str) -> IResult<&str, &str> {
    let bytes = input.as_bytes();
    let mut end = 0;
    while end + 1 < bytes.len() && matches!(bytes[end], b',' | b'_') && bytes[end + 1].is_ascii_digit() {
        end += 1;
        while end < bytes.len() && bytes[end].is_ascii_digit() {
            end += 1;
        }
    }
    Ok((&input[end..], &input[..end]))
}

/// The most digits a number literal may have (separators not counted). No real quantity
/// needs more, and exact arithmetic on longer numbers only costs time and memory.
pub const MAX_NUMBER_DIGITS: usize = 100;

/// The digits written in a number's text, leading and trailing zeros included.
pub fn digit_count(text: &str) -> usize {
    text.bytes().filter(u8::is_ascii_digit).count()
}

/// A number literal: a decimal or an exact fraction `1/3`.
pub enum NumberToken {
    Decimal(Decimal),
    Fraction(Q),
    /// A fraction with a zero denominator.
    ZeroDenominator,
    /// A number, or a fraction's numerator or denominator, with more than [`MAX_NUMBER_DIGITS`] digits.
    TooManyDigits,
}

pub fn number(input: &str) -> IResult<&str, NumberToken> {
    let (rest, text) = decimal_text(input)?;
    let fraction: IResult<&str, &str> = preceded(char('/'), digit1)(rest);
    if !text.contains(['.', ',', '_']) {
        if let Ok((after, denom)) = fraction {
            // A following letter means a unit such as `1/yr`, not a fraction.
            if !after.starts_with(|c: char| c.is_alphanumeric()) {
                if digit_count(text) > MAX_NUMBER_DIGITS || digit_count(denom) > MAX_NUMBER_DIGITS {
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
    }
    if digit_count(text) > MAX_NUMBER_DIGITS {
        return Ok((rest, NumberToken::TooManyDigits));
    }
    match parse_decimal(text) {
        Some(d) => Ok((rest, NumberToken::Decimal(d))),
        None => Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Digit))),
    }
}

/// A four-digit year.
pub fn year(input: &str) -> IResult<&str, i64> {
    map(take_while_m_n(4, 4, |c: char| c.is_ascii_digit()), |s: &str| s.parse().unwrap_or(0))(input)
}

fn two_digits(input: &str) -> IResult<&str, u32> {
    map(take_while_m_n(2, 2, |c: char| c.is_ascii_digit()), |s: &str| s.parse().unwrap_or(0))(input)
}

/// The calendar part of a date, unchecked: `(year, month, day, decade)`.
pub enum RawDate {
    Day(i64, u32, u32),
    Month(i64, u32),
    Year(i64),
    Decade(i64),
}

pub fn raw_date(input: &str) -> IResult<&str, RawDate> {
    let (rest, y) = year(input)?;
    if let Ok((rest, _)) = char::<&str, nom::error::Error<&str>>('s')(rest) {
        return Ok((rest, RawDate::Decade(y)));
    }
    let (rest, month) = opt(preceded(char('-'), two_digits))(rest)?;
    let Some(m) = month else {
        return Ok((rest, RawDate::Year(y)));
    };
    let (rest, day) = opt(preceded(char('-'), two_digits))(rest)?;
    Ok(match day {
        Some(d) => (rest, RawDate::Day(y, m, d)),
        None => (rest, RawDate::Month(y, m)),
    })
}

/// A `"..."` string with `\"` and `\\` escapes. `None` inside `Ok` means unterminated.
pub fn string(input: &str) -> IResult<&str, Option<String>> {
    let (rest, _) = char('"')(input)?;
    let mut out = String::new();
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
pub fn comparator(input: &str) -> IResult<&str, crate::syntax::ast::Cmp> {
    use crate::syntax::ast::Cmp;
    alt((
        map(tag(">="), |_| Cmp::Ge),
        map(tag("<="), |_| Cmp::Le),
        map(tag("≥"), |_| Cmp::Ge),
        map(tag("≤"), |_| Cmp::Le),
        map(tag(">"), |_| Cmp::Gt),
        map(tag("<"), |_| Cmp::Lt),
        map(tag("="), |_| Cmp::Eq),
        map(alt((tag("~"), tag("≈"))), |_| Cmp::Approx),
    ))(input)
}

/// A run of non-space characters, for error spans.
pub fn word(input: &str) -> IResult<&str, &str> {
    take_while1(|c: char| !c.is_whitespace())(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert_eq!(ident("oil.cn rest"), Ok((" rest", "oil.cn")));
        assert_eq!(ident("trade-share="), Ok(("=", "trade-share")));
        assert_eq!(ident("end."), Ok((".", "end")));
        assert!(ident("1abc").is_err());
    }

    #[test]
    fn numbers_and_groups() {
        assert_eq!(decimal_text("1,780 km"), Ok((" km", "1,780")));
        assert_eq!(decimal_text("12_000"), Ok(("", "12_000")));
        assert_eq!(decimal_text("30..35"), Ok(("..35", "30")));
        assert_eq!(decimal_text("5, 6"), Ok((", 6", "5")));
        assert!(matches!(number("1/3"), Ok(("", NumberToken::Fraction(_)))));
        assert!(matches!(number("1/0"), Ok(("", NumberToken::ZeroDenominator))));
        assert!(matches!(number("10/yr"), Ok(("/yr", NumberToken::Decimal(_)))));
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
    fn strings_unescape() {
        assert_eq!(string(r#""a \"b\" \\c" x"#), Ok((" x", Some(r#"a "b" \c"#.to_string()))));
        assert_eq!(string(r#""open"#), Ok(("", None)));
    }
}
