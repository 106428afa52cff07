//! `Q`, the exact rational behind every value and bound.
//!
//! Nearly every number a claims file produces has a numerator and denominator that fit in
//! 64 bits, so `Q` keeps those on the stack and does its arithmetic in 128-bit integers,
//! which cannot overflow for 64-bit operands. Only a value that does not fit (a 1,000-digit
//! literal, 10^30 · 10^30) moves to a heap-allocated big rational. Both forms are kept
//! canonical — lowest terms, positive denominator, and the small form whenever the value
//! fits — so equality and hashing compare representations and agree with the values.
//! The API mirrors `num_rational::BigRational`, which it replaced.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Num, One, Signed, ToPrimitive, Zero};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Rem, RemAssign, Sub, SubAssign};

/// An exact rational number.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Q(Repr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    /// `numer / denom` in lowest terms, `denom ≥ 1`.
    Small { numer: i64, denom: i64 },
    /// A value whose numerator or denominator does not fit in an `i64`.
    Big(Box<BigRational>),
}

impl Q {
    const fn small(numer: i64, denom: i64) -> Q {
        Q(Repr::Small { numer, denom })
    }

    /// `numer / denom`; panics when `denom` is zero, like `BigRational::new`.
    pub fn new(numer: BigInt, denom: BigInt) -> Q {
        match (numer.to_i128(), denom.to_i128()) {
            (Some(n), Some(d)) if d != 0 => Q::from_i128(n, d),
            _ => Q::from_big(BigRational::new(numer, denom)),
        }
    }

    pub fn from_integer(n: BigInt) -> Q {
        match n.to_i64() {
            Some(n) => Q::small(n, 1),
            None => Q::from_big(BigRational::from_integer(n)),
        }
    }

    /// `n / d` for `d ≠ 0`, reduced to the canonical form.
    pub(crate) fn from_i128(n: i128, d: i128) -> Q {
        assert!(d != 0, "denominator == 0");
        if d == 1 {
            if let Ok(n) = i64::try_from(n) {
                return Q::small(n, 1);
            }
        }
        let negative = (n < 0) != (d < 0);
        let (n, d) = (n.unsigned_abs(), d.unsigned_abs());
        let (n, d) = match (u64::try_from(n), u64::try_from(d)) {
            (Ok(n64), Ok(d64)) => {
                let g = gcd_u64(n64, d64);
                (u128::from(n64 / g), u128::from(d64 / g))
            }
            _ => {
                let g = gcd_u128(n, d);
                (n / g, d / g)
            }
        };
        if let Ok(denom) = i64::try_from(d) {
            let numer = if negative { 0i128.checked_sub_unsigned(n) } else { i128::try_from(n).ok() };
            if let Some(numer) = numer.and_then(|v| i64::try_from(v).ok()) {
                return Q::small(numer, denom);
            }
        }
        let sign = |v: BigInt| if negative { -v } else { v };
        Q(Repr::Big(Box::new(BigRational::new_raw(sign(BigInt::from(n)), BigInt::from(d)))))
    }

    /// `±magnitude / 10^decimals` for `decimals ≤ 18`, reduced without a gcd: the only common
    /// factors are the twos and fives of the power of ten. Decimal literals are the most
    /// frequent numbers of all.
    pub(crate) fn from_decimal(negative: bool, magnitude: u64, decimals: u32) -> Q {
        debug_assert!(decimals <= 18);
        let twos = magnitude.trailing_zeros().min(decimals);
        let mut numer = magnitude >> twos;
        let mut fives = decimals;
        while fives > 0 && numer.is_multiple_of(5) {
            numer /= 5;
            fives -= 1;
        }
        let denom = (1i64 << (decimals - twos)) * 5i64.pow(fives);
        match i64::try_from(numer) {
            Ok(n) => Q::small(if negative { -n } else { n }, denom),
            Err(_) => {
                let n = i128::from(numer);
                Q::from_i128(if negative { -n } else { n }, i128::from(denom))
            }
        }
    }

    /// A reduced big rational, in the small form when it fits.
    fn from_big(r: BigRational) -> Q {
        match (r.numer().to_i64(), r.denom().to_i64()) {
            (Some(numer), Some(denom)) => Q::small(numer, denom),
            _ => Q(Repr::Big(Box::new(r))),
        }
    }

    fn to_big(&self) -> Cow<'_, BigRational> {
        match &self.0 {
            Repr::Small { numer, denom } => {
                Cow::Owned(BigRational::new_raw(BigInt::from(*numer), BigInt::from(*denom)))
            }
            Repr::Big(r) => Cow::Borrowed(r),
        }
    }

    /// `10^exp` exactly.
    pub fn pow10(exp: u32) -> Q {
        match 10i64.checked_pow(exp) {
            Some(p) => Q::small(p, 1),
            None => Q::from_integer(num_traits::pow(BigInt::from(10), exp as usize)),
        }
    }

    pub fn numer(&self) -> BigInt {
        match &self.0 {
            Repr::Small { numer, .. } => BigInt::from(*numer),
            Repr::Big(r) => r.numer().clone(),
        }
    }

    pub fn denom(&self) -> BigInt {
        match &self.0 {
            Repr::Small { denom, .. } => BigInt::from(*denom),
            Repr::Big(r) => r.denom().clone(),
        }
    }

    pub fn is_integer(&self) -> bool {
        match &self.0 {
            Repr::Small { denom, .. } => *denom == 1,
            Repr::Big(r) => r.is_integer(),
        }
    }

    /// The integer part, rounded towards zero.
    pub fn to_integer(&self) -> BigInt {
        match &self.0 {
            Repr::Small { numer, denom } => BigInt::from(numer / denom),
            Repr::Big(r) => r.to_integer(),
        }
    }

    pub fn floor(&self) -> Q {
        match &self.0 {
            Repr::Small { numer, denom } => Q::small(numer.div_euclid(*denom), 1),
            Repr::Big(r) => Q::from_big(r.floor()),
        }
    }

    pub fn ceil(&self) -> Q {
        match &self.0 {
            Repr::Small { numer, denom } => {
                let below = numer.div_euclid(*denom);
                // A remainder means the quotient is below `numer / denom ≤ i64::MAX`: no overflow.
                Q::small(if numer.rem_euclid(*denom) == 0 { below } else { below + 1 }, 1)
            }
            Repr::Big(r) => Q::from_big(r.ceil()),
        }
    }

    pub fn trunc(&self) -> Q {
        match &self.0 {
            Repr::Small { numer, denom } => Q::small(numer / denom, 1),
            Repr::Big(r) => Q::from_big(r.trunc()),
        }
    }

    /// `1 / self`; panics on zero, like `BigRational::recip`.
    pub fn recip(&self) -> Q {
        match &self.0 {
            Repr::Small { numer, denom } => Q::from_i128(i128::from(*denom), i128::from(*numer)),
            Repr::Big(r) => Q::from_big(r.recip()),
        }
    }

    /// Bits of the larger of numerator and denominator (their magnitude).
    pub fn bits(&self) -> u64 {
        match &self.0 {
            Repr::Small { numer, denom } => {
                u64::from(64 - numer.unsigned_abs().max(denom.unsigned_abs()).leading_zeros())
            }
            Repr::Big(r) => r.numer().bits().max(r.denom().bits()),
        }
    }

    /// The numerator and denominator when they fit in 64 bits.
    pub(crate) fn as_small(&self) -> Option<(i64, i64)> {
        match self.0 {
            Repr::Small { numer, denom } => Some((numer, denom)),
            Repr::Big(_) => None,
        }
    }

    fn signum_i8(&self) -> i8 {
        match &self.0 {
            Repr::Small { numer, .. } => numer.signum() as i8,
            Repr::Big(r) => {
                if r.is_negative() {
                    -1
                } else if r.is_zero() {
                    0
                } else {
                    1
                }
            }
        }
    }

    fn add_ref(&self, other: &Q) -> Q {
        if let (Repr::Small { numer: a, denom: b }, Repr::Small { numer: c, denom: d }) = (&self.0, &other.0) {
            if b == d {
                if *b == 1 {
                    if let Some(sum) = a.checked_add(*c) {
                        return Q::small(sum, 1);
                    }
                }
                return Q::from_i128(i128::from(*a) + i128::from(*c), i128::from(*b));
            }
            let (a, b, c, d) = (i128::from(*a), i128::from(*b), i128::from(*c), i128::from(*d));
            return Q::from_i128(a * d + c * b, b * d);
        }
        Q::from_big(self.to_big().as_ref() + other.to_big().as_ref())
    }

    fn sub_ref(&self, other: &Q) -> Q {
        if let (Repr::Small { numer: a, denom: b }, Repr::Small { numer: c, denom: d }) = (&self.0, &other.0) {
            if b == d {
                if *b == 1 {
                    if let Some(difference) = a.checked_sub(*c) {
                        return Q::small(difference, 1);
                    }
                }
                return Q::from_i128(i128::from(*a) - i128::from(*c), i128::from(*b));
            }
            let (a, b, c, d) = (i128::from(*a), i128::from(*b), i128::from(*c), i128::from(*d));
            return Q::from_i128(a * d - c * b, b * d);
        }
        Q::from_big(self.to_big().as_ref() - other.to_big().as_ref())
    }

    fn mul_ref(&self, other: &Q) -> Q {
        if let (Repr::Small { numer: a, denom: b }, Repr::Small { numer: c, denom: d }) = (&self.0, &other.0) {
            if *b == 1 && *d == 1 {
                if let Some(product) = a.checked_mul(*c) {
                    return Q::small(product, 1);
                }
            }
            // Values without a scale word are multiplied by 1: both stay in lowest terms.
            if (*c, *d) == (1, 1) {
                return self.clone();
            }
            if (*a, *b) == (1, 1) {
                return other.clone();
            }
            let (a, b, c, d) = (i128::from(*a), i128::from(*b), i128::from(*c), i128::from(*d));
            return Q::from_i128(a * c, b * d);
        }
        Q::from_big(self.to_big().as_ref() * other.to_big().as_ref())
    }

    fn div_ref(&self, other: &Q) -> Q {
        if let (Repr::Small { numer: a, denom: b }, Repr::Small { numer: c, denom: d }) = (&self.0, &other.0) {
            let (a, b, c, d) = (i128::from(*a), i128::from(*b), i128::from(*c), i128::from(*d));
            return Q::from_i128(a * d, b * c);
        }
        Q::from_big(self.to_big().as_ref() / other.to_big().as_ref())
    }

    fn rem_ref(&self, other: &Q) -> Q {
        // Truncated remainder, as for `BigRational`: the sign follows the dividend.
        self.sub_ref(&self.div_ref(other).trunc().mul_ref(other))
    }

    fn neg_ref(&self) -> Q {
        match &self.0 {
            Repr::Small { numer, denom } => match numer.checked_neg() {
                Some(n) => Q::small(n, *denom),
                None => Q::from_i128(-i128::from(*numer), i128::from(*denom)),
            },
            Repr::Big(r) => Q::from_big(-r.as_ref()),
        }
    }
}

fn gcd_u64(mut a: u64, mut b: u64) -> u64 {
    if a == 0 || b == 0 {
        return a | b;
    }
    if a == 1 || b == 1 {
        return 1;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
}

fn gcd_u128(mut a: u128, mut b: u128) -> u128 {
    if a == 0 || b == 0 {
        return a | b;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
}

impl Ord for Q {
    fn cmp(&self, other: &Q) -> Ordering {
        if let (Repr::Small { numer: a, denom: b }, Repr::Small { numer: c, denom: d }) = (&self.0, &other.0) {
            if b == d {
                return a.cmp(c);
            }
            return (i128::from(*a) * i128::from(*d)).cmp(&(i128::from(*c) * i128::from(*b)));
        }
        self.to_big().as_ref().cmp(other.to_big().as_ref())
    }
}

impl PartialOrd for Q {
    fn partial_cmp(&self, other: &Q) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Q {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Small { numer, denom: 1 } => write!(f, "{numer}"),
            Repr::Small { numer, denom } => write!(f, "{numer}/{denom}"),
            Repr::Big(r) => write!(f, "{r}"),
        }
    }
}

impl fmt::Debug for Q {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

macro_rules! binary_ops {
    ($($trait:ident $method:ident $assign_trait:ident $assign_method:ident $imp:ident;)*) => {$(
        impl $trait<&Q> for &Q {
            type Output = Q;
            fn $method(self, other: &Q) -> Q {
                self.$imp(other)
            }
        }
        impl $trait<Q> for &Q {
            type Output = Q;
            fn $method(self, other: Q) -> Q {
                self.$imp(&other)
            }
        }
        impl $trait<&Q> for Q {
            type Output = Q;
            fn $method(self, other: &Q) -> Q {
                self.$imp(other)
            }
        }
        impl $trait<Q> for Q {
            type Output = Q;
            fn $method(self, other: Q) -> Q {
                self.$imp(&other)
            }
        }
        impl $assign_trait<&Q> for Q {
            fn $assign_method(&mut self, other: &Q) {
                *self = self.$imp(other);
            }
        }
        impl $assign_trait<Q> for Q {
            fn $assign_method(&mut self, other: Q) {
                *self = self.$imp(&other);
            }
        }
    )*};
}

binary_ops! {
    Add add AddAssign add_assign add_ref;
    Sub sub SubAssign sub_assign sub_ref;
    Mul mul MulAssign mul_assign mul_ref;
    Div div DivAssign div_assign div_ref;
    Rem rem RemAssign rem_assign rem_ref;
}

impl Neg for Q {
    type Output = Q;
    fn neg(self) -> Q {
        self.neg_ref()
    }
}

impl Neg for &Q {
    type Output = Q;
    fn neg(self) -> Q {
        self.neg_ref()
    }
}

impl Zero for Q {
    fn zero() -> Q {
        Q::small(0, 1)
    }

    fn is_zero(&self) -> bool {
        matches!(self.0, Repr::Small { numer: 0, .. })
    }
}

impl One for Q {
    fn one() -> Q {
        Q::small(1, 1)
    }

    fn is_one(&self) -> bool {
        matches!(self.0, Repr::Small { numer: 1, denom: 1 })
    }
}

impl Num for Q {
    type FromStrRadixErr = <BigRational as Num>::FromStrRadixErr;

    fn from_str_radix(text: &str, radix: u32) -> Result<Q, Self::FromStrRadixErr> {
        BigRational::from_str_radix(text, radix).map(Q::from_big)
    }
}

impl Signed for Q {
    fn abs(&self) -> Q {
        if self.is_negative() {
            self.neg_ref()
        } else {
            self.clone()
        }
    }

    fn abs_sub(&self, other: &Q) -> Q {
        if self <= other {
            Q::zero()
        } else {
            self.sub_ref(other)
        }
    }

    fn signum(&self) -> Q {
        Q::small(i64::from(self.signum_i8()), 1)
    }

    fn is_positive(&self) -> bool {
        self.signum_i8() > 0
    }

    fn is_negative(&self) -> bool {
        self.signum_i8() < 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i64, d: i64) -> Q {
        Q::from_i128(i128::from(n), i128::from(d))
    }

    fn big(n: &str, d: &str) -> BigRational {
        BigRational::new(n.parse().unwrap(), d.parse().unwrap())
    }

    fn is_small(x: &Q) -> bool {
        x.as_small().is_some()
    }

    #[test]
    fn canonical_form() {
        assert_eq!(q(2, 4), q(1, 2));
        assert_eq!(q(-2, -4), q(1, 2));
        assert_eq!(q(2, -4).as_small(), Some((-1, 2)));
        assert_eq!(q(0, -7).as_small(), Some((0, 1)));
        assert_eq!(Q::new(BigInt::from(6), BigInt::from(-9)), q(-2, 3));
        assert_eq!(format!("{:?} {}", q(1, 3), q(-6, 3)), "1/3 -2");
    }

    #[test]
    fn small_arithmetic() {
        assert_eq!(q(1, 3) + q(1, 7), q(10, 21));
        assert_eq!(&q(1, 2) - &q(3, 4), q(-1, 4));
        assert_eq!(q(2, 3) * &q(9, 4), q(3, 2));
        assert_eq!(&q(2, 3) / q(-4, 9), q(-3, 2));
        assert_eq!(q(7, 2) % q(1, 1), q(1, 2));
        assert_eq!(q(-7, 2) % q(1, 1), q(-1, 2));
        let mut x = q(1, 10);
        x += q(1, 5);
        x -= &q(1, 10);
        x *= q(5, 1);
        x /= &q(2, 1);
        assert_eq!(x, q(1, 2));
        assert!(q(1, 3) < q(1, 2) && q(-1, 2) < q(-1, 3) && q(5, 1) > q(9, 2));
    }

    #[test]
    fn overflow_moves_to_the_big_form_and_back() {
        let e30 = Q::pow10(30);
        assert!(!is_small(&e30));
        let product = &e30 * &e30;
        assert_eq!(*product.to_big(), big("1000000000000000000000000000000000000000000000000000000000000", "1"));
        assert_eq!(&product / &e30, e30);
        assert!(is_small(&(&product / &product)));
        assert_eq!(&(&e30 + Q::one()) - &e30, Q::one());
        assert!(is_small(&(&(&e30 + Q::one()) - &e30)));
        let e18 = Q::pow10(18);
        assert!(is_small(&e18));
        assert_eq!(*(&e18 * &e18).to_big(), big("1000000000000000000000000000000000000", "1"));
        let tiny = q(1, i64::MAX) * q(1, i64::MAX);
        assert!(!is_small(&tiny));
        assert_eq!(tiny.recip(), q(i64::MAX, 1) * q(i64::MAX, 1));
    }

    #[test]
    fn i64_edges() {
        let min = q(i64::MIN, 1);
        assert!(is_small(&min));
        let negated = -&min;
        assert!(!is_small(&negated));
        assert_eq!(*negated.to_big(), big("9223372036854775808", "1"));
        assert_eq!(-negated, min);
        assert_eq!(min.abs(), q(i64::MAX, 1) + Q::one());
        assert_eq!(min.recip(), Q::new(BigInt::from(-1), BigInt::from(i64::MIN).abs()));
        assert!(!is_small(&q(1, i64::MIN)));
        assert_eq!(q(1, i64::MIN), -Q::new(BigInt::from(1), BigInt::from(i64::MIN).abs()));
        assert_eq!(q(i64::MIN, 2), q(i64::MIN / 2, 1));
        assert_eq!(q(i64::MAX, 1) + q(1, 1), -min.clone());
        assert_eq!(q(i64::MIN, 1) - q(1, 1), min.clone() - Q::one());
        assert_eq!(q(i64::MIN, 1) * q(-1, 1), -min.clone());
        assert_eq!(q(i64::MIN, 1) / q(-1, 1), -min.clone());
        assert_eq!(min.floor(), min);
        assert_eq!(min.ceil(), min);
        assert_eq!(min.to_integer(), BigInt::from(i64::MIN));
        assert_eq!(q(i64::MIN, 3).ceil(), q(i64::MIN / 3, 1));
        assert_eq!(q(i64::MAX, 2).ceil(), q(i64::MAX / 2 + 1, 1));
        assert!(q(i64::MIN, 1) < q(i64::MIN + 1, 1));
        assert!(q(i64::MAX, i64::MAX - 1) > Q::one());
    }

    #[test]
    fn rounding() {
        assert_eq!(q(7, 2).floor(), q(3, 1));
        assert_eq!(q(-7, 2).floor(), q(-4, 1));
        assert_eq!(q(7, 2).ceil(), q(4, 1));
        assert_eq!(q(-7, 2).ceil(), q(-3, 1));
        assert_eq!(q(-7, 2).trunc(), q(-3, 1));
        assert_eq!(q(-7, 2).to_integer(), BigInt::from(-3));
        assert_eq!(q(6, 2).floor(), q(3, 1));
        assert!(q(6, 2).is_integer() && !q(7, 2).is_integer());
    }

    #[test]
    fn traits() {
        assert!(Q::zero().is_zero() && Q::one().is_one() && !q(2, 2).is_zero());
        assert!(q(-1, 3).is_negative() && q(1, 3).is_positive() && !Q::zero().is_positive());
        assert_eq!(q(-1, 3).abs(), q(1, 3));
        assert_eq!(q(-5, 3).signum(), q(-1, 1));
        assert_eq!(q(1, 3).abs_sub(&q(1, 2)), Q::zero());
        assert_eq!(Q::from_str_radix("6/4", 10).unwrap(), q(3, 2));
        assert_eq!(q(1, 2).min(q(1, 3)), q(1, 3));
        assert_eq!((&q(1, 2)).max(&q(1, 3)), &q(1, 2));
        let mut set = std::collections::HashSet::new();
        set.insert(q(1, 2));
        assert!(set.contains(&(q(1, 4) + q(1, 4))));
        set.insert(Q::pow10(40));
        assert!(set.contains(&(Q::pow10(20) * Q::pow10(20))));
        assert_eq!(Q::pow10(40).bits(), 133);
        assert_eq!(q(-255, 7).bits(), 8);
    }

    #[test]
    fn decimals_reduce_like_fractions() {
        let mut rng = fastrand::Rng::with_seed(10);
        for _ in 0..20_000 {
            let magnitude = match rng.u8(..4) {
                0 => rng.u64(..),
                1 => rng.u64(..1000) * 10u64.pow(rng.u32(..10)),
                _ => rng.u64(..1_000_000),
            };
            let (negative, decimals) = (rng.bool(), rng.u32(..=18));
            let n = i128::from(magnitude);
            let expected = Q::from_i128(if negative { -n } else { n }, 10i128.pow(decimals));
            assert_eq!(Q::from_decimal(negative, magnitude, decimals), expected, "{magnitude}e-{decimals}");
        }
        assert_eq!(Q::from_decimal(true, u64::MAX, 0), Q::from_i128(-i128::from(u64::MAX), 1));
        assert_eq!(Q::from_decimal(false, 0, 18), Q::zero());
    }

    /// Random operands near the edges of the small form, each operation checked against
    /// `BigRational`, including the canonical form of the result.
    #[test]
    fn agrees_with_big_rationals() {
        let mut rng = fastrand::Rng::with_seed(0x5eed);
        let operand = |rng: &mut fastrand::Rng| -> Q {
            let pick = |rng: &mut fastrand::Rng| -> i64 {
                match rng.u8(..6) {
                    0 => rng.i64(-10..=10),
                    1 => rng.i64(..),
                    2 => [i64::MIN, i64::MIN + 1, i64::MAX, i64::MAX - 1, 1 << 62, -(1 << 32)][rng.usize(..6)],
                    3 => rng.i64(-1_000_000..=1_000_000) * 1_000_000_000,
                    _ => rng.i64(-100_000..=100_000),
                }
            };
            let n = pick(rng);
            let d = loop {
                let d = pick(rng);
                if d != 0 {
                    break d;
                }
            };
            let x = q(n, d);
            if rng.u8(..8) == 0 {
                x * Q::pow10(25)
            } else {
                x
            }
        };
        let check = |result: Q, expected: BigRational, what: &str| {
            assert_eq!(*result.to_big(), expected, "{what}");
            let fits = expected.numer().to_i64().is_some() && expected.denom().to_i64().is_some();
            assert_eq!(is_small(&result), fits, "{what}: canonical form");
        };
        for _ in 0..20_000 {
            let (a, b) = (operand(&mut rng), operand(&mut rng));
            let (ba, bb) = (a.to_big().into_owned(), b.to_big().into_owned());
            let case = format!("{a:?} and {b:?}");
            check(&a + &b, &ba + &bb, &format!("sum of {case}"));
            check(&a - &b, &ba - &bb, &format!("difference of {case}"));
            check(&a * &b, &ba * &bb, &format!("product of {case}"));
            if !b.is_zero() {
                check(&a / &b, &ba / &bb, &format!("quotient of {case}"));
                check(&a % &b, &ba % &bb, &format!("remainder of {case}"));
            }
            if !a.is_zero() {
                check(a.recip(), ba.recip(), &format!("reciprocal of {a:?}"));
            }
            check(-&a, -&ba, &format!("negation of {a:?}"));
            check(a.abs(), ba.abs(), &format!("magnitude of {a:?}"));
            check(a.floor(), ba.floor(), &format!("floor of {a:?}"));
            check(a.ceil(), ba.ceil(), &format!("ceiling of {a:?}"));
            assert_eq!(a.to_integer(), ba.to_integer(), "integer part of {a:?}");
            assert_eq!(a.cmp(&b), ba.cmp(&bb), "order of {case}");
            assert_eq!(a == b, ba == bb, "equality of {case}");
            assert_eq!(a.is_negative(), ba.is_negative());
            assert_eq!(a.is_integer(), ba.is_integer());
        }
    }
}
