//! Exact numbers: every value and interval bound is a rational, never a float.

use num_bigint::BigInt;
use num_traits::Signed;

pub use super::rational::{MAX_BITS, Q};

pub fn int(n: i64) -> Q {
    Q::from_i128(i128::from(n), 1)
}

pub fn ratio(numer: i64, denom: i64) -> Q {
    Q::from_i128(i128::from(numer), i128::from(denom))
}

pub fn pow10(exp: u32) -> BigInt {
    match 10u64.checked_pow(exp) {
        Some(p) => BigInt::from(p),
        None => num_traits::pow(BigInt::from(10), exp as usize),
    }
}

/// A decimal literal as written, with its precision: `1,780` → 1780 ± 0.5,
/// `5.80` → 5.80 ± 0.005. Separators `,` and `_` are ignored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decimal {
    pub value: Q,
    /// Half a unit of the last written digit.
    pub half_unit: Q,
}

/// Digits that always fit a `u64` (10^19 − 1 < 2^64), and decimals whose `10^(d+1)` fits an `i64`.
const FAST_DIGITS: usize = 19;
const FAST_DECIMALS: usize = 17;

/// Parses digits with an optional fraction part (`12_000`, `17.5`, `-3`).
/// Returns `None` when there are no digits.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    // One pass: digits count before and after the first `.`; every other byte is a separator.
    let mut count = 0;
    let mut decimals = 0;
    let mut in_fraction = false;
    let mut magnitude = 0u64;
    for b in body.bytes() {
        match b {
            b'0'..=b'9' => {
                count += 1;
                decimals += usize::from(in_fraction);
                // Only read when at most `FAST_DIGITS` digits came: then it cannot overflow.
                magnitude = magnitude.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
            }
            b'.' => in_fraction = true,
            _ => {}
        }
    }
    if count == 0 {
        return None;
    }
    if count <= FAST_DIGITS && decimals <= FAST_DECIMALS {
        let decimals = decimals as u32;
        return Some(Decimal {
            value: Q::from_decimal(negative, magnitude, decimals),
            half_unit: Q::from_decimal(false, 5, decimals + 1),
        });
    }
    let text: String = body.bytes().filter(u8::is_ascii_digit).map(char::from).collect();
    let mut numer: BigInt = text.parse().ok()?;
    if negative {
        numer = -numer;
    }
    let scale = pow10(u32::try_from(decimals).ok()?);
    let value = Q::new(numer, scale.clone());
    let half_unit = Q::new(BigInt::from(5), scale * BigInt::from(10));
    Some(Decimal { value, half_unit })
}

/// Shows a number for people: exact when it has a short decimal form, otherwise
/// rounded to `max_decimals` places with a `…` mark. Display only; never compared.
pub fn display(q: &Q, max_decimals: usize) -> String {
    let negative = q.is_negative();
    let (digits, exact) = match rounded_small(q, max_decimals) {
        Some((rounded, exact)) => (rounded.to_string(), exact),
        None => {
            let scaled = q.abs() * Q::from_integer(pow10(max_decimals as u32));
            let exact = scaled.is_integer();
            let rounded = if exact { scaled.to_integer() } else { (scaled + ratio(1, 2)).floor().to_integer() };
            (rounded.to_string(), exact)
        }
    };
    let (whole, fraction) = if max_decimals == 0 {
        (digits.as_str(), "")
    } else if digits.len() > max_decimals {
        digits.split_at(digits.len() - max_decimals)
    } else {
        ("0", digits.as_str())
    };
    let padding = if max_decimals > 0 { max_decimals.saturating_sub(digits.len()) } else { 0 };
    let fraction = fraction.trim_end_matches('0');
    let mut out = String::with_capacity(whole.len() + padding + fraction.len() + 5);
    if negative && digits.bytes().any(|b| b != b'0') {
        out.push('-');
    }
    out.push_str(whole);
    if !fraction.is_empty() {
        out.push('.');
        out.extend(std::iter::repeat_n('0', padding));
        out.push_str(fraction);
    }
    if !exact {
        out.push('…');
    }
    out
}

/// `|q| · 10^decimals` rounded half up, and whether it was exact, in 128-bit integers
/// when the value is small enough for that.
fn rounded_small(q: &Q, decimals: usize) -> Option<(u128, bool)> {
    let (numer, denom) = q.as_small()?;
    let scale = 10u128.checked_pow(u32::try_from(decimals).ok()?)?;
    let scaled = u128::from(numer.unsigned_abs()).checked_mul(scale)?;
    let denom = u128::from(denom.unsigned_abs());
    let exact = scaled % denom == 0;
    // ⌊x + ½⌋ = ⌊(2·scaled + denom) / (2·denom)⌋.
    let rounded = if exact { scaled / denom } else { (scaled.checked_mul(2)? + denom) / (2 * denom) };
    Some((rounded, exact))
}

/// A short display with as many decimals as the value needs, up to 4.
pub fn show(q: &Q) -> String {
    display(q, 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_is_half_the_last_digit() {
        let d = parse_decimal("17.5").unwrap();
        assert_eq!(d.value, ratio(35, 2));
        assert_eq!(d.half_unit, ratio(1, 20));
        let d = parse_decimal("1,780").unwrap();
        assert_eq!(d.value, int(1780));
        assert_eq!(d.half_unit, ratio(1, 2));
        let d = parse_decimal("5.80").unwrap();
        assert_eq!(d.half_unit, ratio(5, 1000));
        let d = parse_decimal("12_000").unwrap();
        assert_eq!(d.value, int(12000));
        assert!(parse_decimal("").is_none());
    }

    #[test]
    fn display_is_exact_or_marked() {
        assert_eq!(show(&ratio(4175, 1000)), "4.175");
        assert_eq!(show(&int(30)), "30");
        assert_eq!(show(&ratio(1, 3)), "0.3333…");
        assert_eq!(show(&ratio(-11, 10)), "-1.1");
        assert_eq!(display(&ratio(2, 3), 2), "0.67…");
        assert_eq!(show(&ratio(-1, 100_000)), "0…");
        assert_eq!(show(&ratio(1, 2000)), "0.0005");
        assert_eq!(show(&ratio(1, 20_000)), "0.0001…");
        assert_eq!(display(&ratio(-7, 2), 0), "-4…");
        assert_eq!(display(&ratio(1, 8), 2), "0.13…");
    }

    #[test]
    fn long_numbers_stay_exact() {
        let d = parse_decimal("123456789012345678901234567890.5").unwrap();
        assert_eq!(d.value, Q::new("1234567890123456789012345678905".parse().unwrap(), BigInt::from(10)));
        assert_eq!(d.half_unit, ratio(1, 20));
        let d = parse_decimal("-0.000000000000000000001").unwrap();
        assert_eq!(d.value, Q::new(BigInt::from(-1), pow10(21)));
        assert_eq!(d.half_unit, Q::new(BigInt::from(1), pow10(21) * BigInt::from(2)));
        let d = parse_decimal("9999999999999999999").unwrap();
        assert_eq!(d.value, Q::from_integer("9999999999999999999".parse().unwrap()));
        assert_eq!(show(&d.value), "9999999999999999999");
        assert_eq!(show(&(Q::pow10(40) / int(3))), "3333333333333333333333333333333333333333.3333…");
        assert_eq!(show(&-(Q::pow10(30) + ratio(1, 4))), "-1000000000000000000000000000000.25");
    }
}
