//! Exact numbers: every value and interval bound is a rational, never a float.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// An exact rational number.
pub type Q = BigRational;

pub fn int(n: i64) -> Q {
    Q::from_integer(BigInt::from(n))
}

pub fn ratio(numer: i64, denom: i64) -> Q {
    Q::new(BigInt::from(numer), BigInt::from(denom))
}

pub fn pow10(exp: u32) -> BigInt {
    num_traits::pow(BigInt::from(10), exp as usize)
}

/// A decimal literal as written, with its precision: `1,780` → 1780 ± 0.5,
/// `5.80` → 5.80 ± 0.005. Separators `,` and `_` are ignored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decimal {
    pub value: Q,
    /// Half a unit of the last written digit.
    pub half_unit: Q,
}

/// Parses digits with an optional fraction part (`12_000`, `17.5`, `-3`).
/// Returns `None` when there are no digits.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = match body.split_once('.') {
        Some((w, f)) => (w, f),
        None => (body, ""),
    };
    let mut digits = String::with_capacity(body.len());
    digits.extend(whole.chars().filter(|c| c.is_ascii_digit()));
    let decimals = fraction.chars().filter(|c| c.is_ascii_digit()).count();
    digits.extend(fraction.chars().filter(|c| c.is_ascii_digit()));
    if digits.is_empty() {
        return None;
    }
    let mut numer: BigInt = digits.parse().ok()?;
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
    let abs = q.abs();
    let scale = pow10(max_decimals as u32);
    let scaled = &abs * Q::from_integer(scale.clone());
    let exact = scaled.is_integer();
    let rounded = if exact { scaled.to_integer() } else { (scaled + ratio(1, 2)).floor().to_integer() };
    let digits = rounded.to_string();
    let (whole, fraction) = if max_decimals == 0 {
        (digits, String::new())
    } else if digits.len() > max_decimals {
        let cut = digits.len() - max_decimals;
        (digits[..cut].to_string(), digits[cut..].to_string())
    } else {
        ("0".to_string(), format!("{}{}", "0".repeat(max_decimals - digits.len()), digits))
    };
    let fraction = fraction.trim_end_matches('0');
    let mut out = String::new();
    if negative && !(rounded.is_zero()) {
        out.push('-');
    }
    out.push_str(&whole);
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    if !exact {
        out.push('…');
    }
    out
}

/// A short display with as many decimals as the value needs, up to 4.
pub fn show(q: &Q) -> String {
    display(q, 4)
}

/// Rough size of a number in decimal digits, used to refuse absurd inputs early.
pub fn digit_count(q: &Q) -> usize {
    q.numer().bits().max(q.denom().bits()) as usize * 3 / 10 + 1
}

pub fn is_one(q: &Q) -> bool {
    q.is_one()
}

pub fn to_i64(q: &Q) -> Option<i64> {
    q.to_integer().to_i64()
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
    }
}
