//! `Q`, the exact rational behind every value and bound.
//!
//! Nearly every number a claims file produces has a numerator that fits in 64 bits and a
//! denominator that fits in 32, so `Q` keeps those inline (16 bytes with the tag, where two
//! 64-bit words and a tag took 24: a claim holds four bounds) and does its arithmetic in
//! 128-bit integers, which cannot overflow for such operands. Only a value that does not fit (a 1,000-digit
//! literal, 10^30 · 10^30) moves to a heap-allocated big rational. Both forms are kept
//! canonical — lowest terms, positive denominator, and the small form whenever the value
//! fits — so equality and hashing compare representations and agree with the values.
//! The API mirrors `num_rational::BigRational`, which it replaced.

use num_bigint::{BigInt, BigUint, Sign};
use num_rational::BigRational;
use num_traits::{Num, One, Signed, ToPrimitive, Zero};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Rem, RemAssign, Sub, SubAssign};

/// Bits an interval bound's numerator or denominator may have before the bound is rounded
/// outward ([`Q::round_down`], [`Q::round_up`], [`Q::mul_outward`]). Exact arithmetic on rationals costs time
/// that grows with their size, faster than linearly (each result is reduced by a gcd), and
/// a single assert of 256 operators on 100-digit numbers builds bounds of 80,000 bits, whose
/// products interval propagation repeats many times: minutes for one line. Widening a bound
/// (a lower bound down, an upper bound up) never makes a contradiction appear that was not
/// there, so past this size a bound is rounded to [`KEPT_BITS`] significant bits, which
/// only a check on the edge of 1 part in 10^300 could notice. 4,096 bits is 1,233 decimal
/// digits: the values of any realistic file (100-digit numbers, a few dozen operations,
/// products up to 10^1000) stay exact.
pub const MAX_BITS: u64 = 4096;

/// Significant bits a bound rounded by [`Q::round_down`] or [`Q::round_up`] keeps: far
/// more precision than any written number, and room to grow before it is rounded again.
pub const KEPT_BITS: u64 = 1024;

/// `10^0` to `10^18`, every power of ten an `i64` holds: a scale word's factor is one of them.
const POWERS_OF_TEN: [i64; 19] = {
    let mut powers = [1i64; 19];
    let mut i = 1;
    while i < powers.len() {
        powers[i] = powers[i - 1] * 10;
        i += 1;
    }
    powers
};

/// An exact rational number.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Q(Repr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    /// `numer / denom` in lowest terms, `denom ≥ 1`.
    Small { numer: i64, denom: u32 },
    /// A value whose numerator does not fit in an `i64` or whose denominator does not fit in
    /// a `u32`.
    Big(Box<BigRational>),
}

impl Q {
    const fn small(numer: i64, denom: u32) -> Q {
        Q(Repr::Small { numer, denom })
    }

    /// `numer / denom`; panics when `denom` is zero, like `BigRational::new`.
    pub fn new(numer: BigInt, denom: BigInt) -> Q {
        match (numer.to_i128(), denom.to_i128()) {
            (Some(n), Some(d)) if d != 0 => Q::from_i128(n, d),
            _ => Q::from_big(BigRational::new(numer, denom)),
        }
    }

    /// `n`, held inline as every `i64` is (what [`Q::from_i128`] makes of `n / 1`, without its
    /// tests).
    pub(crate) const fn from_i64(n: i64) -> Q {
        Q::small(n, 1)
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
        Q::from_lowest_terms(negative, n, d)
    }

    /// `±n / d` for `n / d` in lowest terms (`d ≥ 1`; `n = 0` only with `d = 1`): the small
    /// form when it fits.
    fn from_lowest_terms(negative: bool, n: u128, d: u128) -> Q {
        if let Ok(denom) = u32::try_from(d) {
            let numer = if negative { 0i128.checked_sub_unsigned(n) } else { i128::try_from(n).ok() };
            if let Some(numer) = numer.and_then(|v| i64::try_from(v).ok()) {
                return Q::small(numer, denom);
            }
        }
        let sign = |v: BigInt| if negative { -v } else { v };
        Q(Repr::Big(Box::new(BigRational::new_raw(sign(BigInt::from(n)), BigInt::from(d)))))
    }

    /// `±(n1 / d1) · (n2 / d2)` for two fractions in lowest terms with nonzero numerators, as
    /// [`mul_big`] does it: the product is in lowest terms once `n1` and `d2`, and `n2` and
    /// `d1`, share no factor, so those are cancelled before multiplying and the product needs
    /// no gcd of its own (a gcd of a 64-bit number and a short denominator is a division and a
    /// few steps, where the product's took dozens).
    fn product_of_fractions(negative: bool, (n1, d1): (u64, u64), (n2, d2): (u64, u64)) -> Q {
        debug_assert!(n1 != 0 && n2 != 0 && d1 != 0 && d2 != 0);
        let (g1, g2) = (gcd_u64(n1, d2), gcd_u64(n2, d1));
        let numer = u128::from(n1 / g1) * u128::from(n2 / g2);
        let denom = u128::from(d1 / g2) * u128::from(d2 / g1);
        Q::from_lowest_terms(negative, numer, denom)
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
        match (i64::try_from(numer), u32::try_from(denom)) {
            (Ok(n), Ok(denom)) => Q::small(if negative { -n } else { n }, denom),
            _ => {
                let n = i128::from(numer);
                Q::from_i128(if negative { -n } else { n }, i128::from(denom))
            }
        }
    }

    /// A reduced big rational, in the small form when it fits.
    fn from_big(r: BigRational) -> Q {
        match (r.numer().to_i64(), r.denom().to_u32()) {
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
        match POWERS_OF_TEN.get(exp as usize) {
            Some(&p) => Q::small(p, 1),
            None => Q::from_integer(num_traits::pow(BigInt::from(10), exp as usize)),
        }
    }

    /// `self · 10^exp`, as `self * Q::pow10(exp)`. A decimal's value and half unit are
    /// multiplied by their scale word's factor (`$628.5m` is 1257/2 · 10^6), which mostly
    /// takes their denominator (a power of ten, reduced) whole: then the product is an
    /// integer, found by one division, without a gcd.
    pub fn times_pow10(&self, exp: u32) -> Q {
        if exp == 0 {
            return self.clone();
        }
        if let (Repr::Small { numer, denom }, Some(&power)) = (&self.0, POWERS_OF_TEN.get(exp as usize)) {
            let denom = i64::from(*denom);
            if power % denom == 0 {
                if let Some(product) = numer.checked_mul(power / denom) {
                    return Q::small(product, 1);
                }
            }
        }
        self.mul_ref(&Q::pow10(exp))
    }

    /// `self · 10^exp` as an `i64`, when it is an integer that fits one and `self` is held
    /// inline ([`Q::times_pow10`] of a decimal and its scale word, without making a `Q` of the
    /// product); `None` otherwise, whatever the product.
    pub(crate) fn integer_times_pow10(&self, exp: u32) -> Option<i64> {
        let Repr::Small { numer, denom } = self.0 else { return None };
        let power = *POWERS_OF_TEN.get(exp as usize)?;
        let denom = i64::from(denom);
        if power % denom != 0 {
            return None;
        }
        numer.checked_mul(power / denom)
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
            Repr::Small { numer, denom } => BigInt::from(numer / i64::from(*denom)),
            Repr::Big(r) => r.to_integer(),
        }
    }

    pub fn floor(&self) -> Q {
        match &self.0 {
            Repr::Small { numer, denom } => Q::small(numer.div_euclid(i64::from(*denom)), 1),
            Repr::Big(r) => Q::from_big(r.floor()),
        }
    }

    pub fn ceil(&self) -> Q {
        match &self.0 {
            Repr::Small { numer, denom } => {
                let denom = i64::from(*denom);
                let below = numer.div_euclid(denom);
                // A remainder means the quotient is below `numer / denom ≤ i64::MAX`: no overflow.
                Q::small(if numer.rem_euclid(denom) == 0 { below } else { below + 1 }, 1)
            }
            Repr::Big(r) => Q::from_big(r.ceil()),
        }
    }

    pub fn trunc(&self) -> Q {
        match &self.0 {
            Repr::Small { numer, denom } => Q::small(numer / i64::from(*denom), 1),
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
            Repr::Small { numer, denom } => u64::from(64 - numer.unsigned_abs().max(u64::from(*denom)).leading_zeros()),
            Repr::Big(r) => r.numer().bits().max(r.denom().bits()),
        }
    }

    /// The nearest value at or below `self` whose numerator and denominator have at most
    /// [`MAX_BITS`] bits: `self` when it already fits, else `self` rounded down to
    /// [`KEPT_BITS`] significant bits. `None` (no finite bound) below −2^`MAX_BITS`.
    /// See [`MAX_BITS`] for why bounds may be rounded.
    pub fn round_down(self) -> Option<Q> {
        self.rounded(false)
    }

    /// The nearest value at or above `self` whose numerator and denominator have at most
    /// [`MAX_BITS`] bits, as [`Q::round_down`]; `None` (no finite bound) above 2^`MAX_BITS`.
    pub fn round_up(self) -> Option<Q> {
        self.rounded(true)
    }

    fn rounded(self, up: bool) -> Option<Q> {
        if self.bits() <= MAX_BITS {
            return Some(self);
        }
        let Repr::Big(r) = &self.0 else { return Some(self) };
        let (down, above) = round_ratio(r.is_negative(), r.numer().magnitude(), r.denom().magnitude());
        if up {
            above
        } else {
            down
        }
    }

    /// `self · other` as a value at or below it and one at or above it, each of at most
    /// [`MAX_BITS`] bits (`None` past ±2^`MAX_BITS`, as [`Q::round_down`] and
    /// [`Q::round_up`]): the exact product twice when the operands are short enough for it
    /// to fit, else the product rounded without reducing it first, since a gcd of such long
    /// numbers costs more than the rounding. For interval bounds.
    pub fn mul_outward(&self, other: &Q) -> (Option<Q>, Option<Q>) {
        // The product's numerator and denominator, even unreduced, fit.
        if self.bits() + other.bits() <= MAX_BITS {
            let product = self.mul_ref(other);
            return (Some(product.clone()), Some(product));
        }
        if self.is_zero() || other.is_zero() {
            return (Some(Q::zero()), Some(Q::zero()));
        }
        let (x, y) = (self.to_big(), other.to_big());
        let numer = x.numer().magnitude() * y.numer().magnitude();
        let denom = x.denom().magnitude() * y.denom().magnitude();
        round_ratio(x.is_negative() != y.is_negative(), &numer, &denom)
    }

    /// The numerator and denominator when they fit in 64 and 32 bits.
    pub(crate) fn as_small(&self) -> Option<(i64, i64)> {
        match self.0 {
            Repr::Small { numer, denom } => Some((numer, i64::from(denom))),
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
        add_big(&self.to_big(), &other.to_big(), false)
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
        add_big(&self.to_big(), &other.to_big(), true)
    }

    fn mul_ref(&self, other: &Q) -> Q {
        if let (Repr::Small { numer: a, denom: b }, Repr::Small { numer: c, denom: d }) = (&self.0, &other.0) {
            if *b == 1 && *d == 1 {
                if let Some(product) = a.checked_mul(*c) {
                    return Q::small(product, 1);
                }
            }
            // A product by 1 (`directive::scaled` of a value without a scale word) is the other factor.
            if (*c, *d) == (1, 1) {
                return self.clone();
            }
            if (*a, *b) == (1, 1) {
                return other.clone();
            }
            if *a == 0 || *c == 0 {
                return Q::zero();
            }
            let negative = (*a < 0) != (*c < 0);
            let (b, d) = (u64::from(*b), u64::from(*d));
            return Q::product_of_fractions(negative, (a.unsigned_abs(), b), (c.unsigned_abs(), d));
        }
        mul_big(&self.to_big(), &other.to_big(), false)
    }

    fn div_ref(&self, other: &Q) -> Q {
        if let (Repr::Small { numer: a, denom: b }, Repr::Small { numer: c, denom: d }) = (&self.0, &other.0) {
            assert!(*c != 0, "denominator == 0");
            if *a == 0 {
                return Q::zero();
            }
            let negative = (*a < 0) != (*c < 0);
            let (b, d) = (u64::from(*b), u64::from(*d));
            // `a/b · d/c`, `d/c` in lowest terms as `c/d` is.
            return Q::product_of_fractions(negative, (a.unsigned_abs(), b), (d, c.unsigned_abs()));
        }
        mul_big(&self.to_big(), &other.to_big(), true)
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

/// `±numer / denom` (not necessarily in lowest terms, `numer > 0`) rounded down and up to
/// [`KEPT_BITS`] significant bits, as fractions `m / 2^k` of at most [`MAX_BITS`] bits;
/// `None` where no such fraction lies beyond it (past ±2^`MAX_BITS`).
fn round_ratio(negative: bool, numer: &BigUint, denom: &BigUint) -> (Option<Q>, Option<Q>) {
    // 2^(e−1) < |value| < 2^(e+1); scaled by 2^k it has about `KEPT_BITS` bits, and
    // its denominator 2^k at most `MAX_BITS` (a tiny value keeps fewer, maybe none).
    let e = i128::from(numer.bits()) - i128::from(denom.bits());
    let k = (i128::from(KEPT_BITS) - e).min(i128::from(MAX_BITS) - 1);
    let Ok(shift) = usize::try_from(k.unsigned_abs()) else { return (None, None) };
    let (n, d) = if k >= 0 { (numer << shift, denom.clone()) } else { (numer.clone(), denom << shift) };
    let toward_zero = &n / &d;
    let exact = &toward_zero * &d == n;
    // |value| · 2^k lies in [toward_zero, toward_zero + 1], the magnitude of the result m · 2^−k.
    let magnitude = |m: BigUint, away: bool| -> Option<Q> {
        if m.is_zero() {
            return Some(Q::zero());
        }
        let (numer, denom) = if k >= 0 {
            let twos = m.trailing_zeros().unwrap_or(0).min(k as u64);
            (m >> twos, BigUint::one() << (k as u64 - twos))
        } else if m.bits() + shift as u64 <= MAX_BITS {
            (m << shift, BigUint::one())
        } else if away {
            // At least 2^MAX_BITS: no bound of `MAX_BITS` bits lies beyond it.
            return None;
        } else {
            // At least 2^MAX_BITS, so above 2^(MAX_BITS−1).
            (BigUint::one() << (MAX_BITS - 1), BigUint::one())
        };
        let numer = BigInt::from_biguint(if negative { Sign::Minus } else { Sign::Plus }, numer);
        Some(Q::from_big(BigRational::new_raw(numer, BigInt::from(denom))))
    };
    let away = if exact { magnitude(toward_zero.clone(), true) } else { magnitude(&toward_zero + 1u32, true) };
    let toward = magnitude(toward_zero, false);
    if negative {
        (away, toward)
    } else {
        (toward, away)
    }
}

// Arithmetic on big rationals, in lowest terms without reducing a whole result: `BigRational`
// reduces each product and sum by a gcd of the full numerator and denominator, and its gcd
// (Stein's) takes time quadratic in the larger operand even when the other is small, which
// made long products of 100-digit numbers take minutes. Here the gcds are taken of the
// operands' parts before combining them (Knuth, TAOCP vol. 2, 4.5.1), and [`gcd_big`] first
// reduces the larger number modulo the smaller.

/// `x + y`, or `x − y` when `subtract`.
fn add_big(x: &BigRational, y: &BigRational, subtract: bool) -> Q {
    let (a, b) = (x.numer(), x.denom());
    let (c, d) = (y.numer(), y.denom());
    let c = if subtract { Cow::Owned(-c) } else { Cow::Borrowed(c) };
    if b == d {
        let t = a + c.as_ref();
        let g = gcd_big(&t, b);
        return reduced(exact_div(&t, &g), Cow::Owned(exact_div(b, &g).into_owned()));
    }
    let g = gcd_big(b, d);
    if g.is_one() {
        return reduced(Cow::Owned(a * d + c.as_ref() * b), Cow::Owned(b * d));
    }
    let (b1, d1) = (exact_div(b, &g), exact_div(d, &g));
    let t = a * d1.as_ref() + c.as_ref() * b1.as_ref();
    let g2 = gcd_big(&t, &g);
    let denom = b1.as_ref() * exact_div(d, &g2).as_ref();
    reduced(exact_div(&t, &g2), Cow::Owned(denom))
}

/// `x · y`, or `x / y` when `divide` (panics when `y` is zero, like `BigRational`).
fn mul_big(x: &BigRational, y: &BigRational, divide: bool) -> Q {
    let (a, b) = (x.numer(), x.denom());
    let (c, d) = if divide {
        assert!(!y.numer().is_zero(), "division by zero");
        (y.denom(), y.numer())
    } else {
        (y.numer(), y.denom())
    };
    if a.is_zero() || c.is_zero() {
        return Q::zero();
    }
    // gcd(a, b) = gcd(c, d) = 1, so a·c / b·d is in lowest terms once a and d, and c and b,
    // share no factor.
    let (g1, g2) = (gcd_big(a, d), gcd_big(c, b));
    let numer = exact_div(a, &g1).as_ref() * exact_div(c, &g2).as_ref();
    let denom = exact_div(b, &g2).as_ref() * exact_div(d, &g1).as_ref();
    reduced(Cow::Owned(numer), Cow::Owned(denom))
}

/// `n / g` for a divisor `g` of `n`.
fn exact_div<'a>(n: &'a BigInt, g: &BigInt) -> Cow<'a, BigInt> {
    if g.is_one() {
        Cow::Borrowed(n)
    } else {
        Cow::Owned(n / g)
    }
}

/// `numer / denom` already in lowest terms, the denominator's sign moved to the numerator.
fn reduced(numer: Cow<'_, BigInt>, denom: Cow<'_, BigInt>) -> Q {
    if numer.is_zero() {
        return Q::zero();
    }
    let (numer, denom) = (numer.into_owned(), denom.into_owned());
    if denom.is_negative() {
        Q::from_big(BigRational::new_raw(-numer, -denom))
    } else {
        Q::from_big(BigRational::new_raw(numer, denom))
    }
}

/// The greatest common divisor of `|a|` and `|b|` (0 when both are 0), by Lehmer's
/// algorithm (Knuth, TAOCP vol. 2, 4.5.2, Algorithm L): the quotients of Euclid's algorithm
/// are found from the leading 64 bits alone while that is safe, and applied to the whole
/// numbers about 30 bits at a time. A number much longer than the other is first reduced
/// modulo it. (Stein's binary algorithm, which `BigRational` uses, removes a bit or two per
/// step, each a pass over the whole number.)
fn gcd_big(a: &BigInt, b: &BigInt) -> BigInt {
    let (a, b) = (a.magnitude(), b.magnitude());
    let (mut a, mut b) = if a >= b { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) };
    // a ≥ b throughout.
    loop {
        if let Some(small) = b.to_u128() {
            if small == 0 {
                return BigInt::from(a);
            }
            let rest = (&a % &b).to_u128().unwrap_or(0);
            return BigInt::from(gcd_u128(rest, small));
        }
        if a.bits() > b.bits() + 32 {
            a %= &b;
            std::mem::swap(&mut a, &mut b);
            continue;
        }
        let shift = a.bits() - 63;
        let leading = |n: &BigUint| i128::from((n >> shift).to_u64().unwrap_or(0));
        let (mut x, mut y) = (leading(&a), leading(&b));
        // (a, b) becomes (ka·a + kb·b, la·a + lb·b) once every quotient is known to be right.
        let (mut ka, mut kb, mut la, mut lb) = (1i128, 0i128, 0i128, 1i128);
        while y + la != 0 && y + lb != 0 {
            let q = (x + ka) / (y + la);
            if q != (x + kb) / (y + lb) {
                break;
            }
            (ka, la) = (la, ka - q * la);
            (kb, lb) = (lb, kb - q * lb);
            (x, y) = (y, x - q * y);
        }
        if kb == 0 {
            // Not even the first quotient is certain: one step of Euclid's algorithm.
            a %= &b;
            std::mem::swap(&mut a, &mut b);
        } else {
            (a, b) = (combine(ka, &a, kb, &b), combine(la, &a, lb, &b));
        }
    }
}

/// `k·a + l·b`, for cofactors that are not both negative and make it at least 0.
fn combine(k: i128, a: &BigUint, l: i128, b: &BigUint) -> BigUint {
    let (ka, lb) = (a * k.unsigned_abs(), b * l.unsigned_abs());
    match (k < 0, l < 0) {
        (false, false) => ka + lb,
        (false, true) => ka - lb,
        (true, _) => lb - ka,
    }
}

/// Stein's binary algorithm, after one division that brings the larger number below the
/// smaller: a 64-bit numerator against a short denominator (the common case) would otherwise
/// take a step for every bit or two of the numerator.
fn gcd_u64(a: u64, b: u64) -> u64 {
    let (mut a, mut b) = if a >= b { (a, b) } else { (b, a) };
    if b <= 1 {
        return if b == 0 { a } else { 1 };
    }
    a %= b;
    if a == 0 {
        return b;
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
    /// Inlined where it is called, the big numbers' comparison kept out of line: left to the
    /// compiler, whether the comparisons of a check's inner loop were inlined changed with
    /// unrelated edits, and with it a sixth of `trend`'s instructions.
    #[inline]
    fn cmp(&self, other: &Q) -> Ordering {
        if let (Repr::Small { numer: a, denom: b }, Repr::Small { numer: c, denom: d }) = (&self.0, &other.0) {
            if b == d {
                return a.cmp(c);
            }
            return (i128::from(*a) * i128::from(*d)).cmp(&(i128::from(*c) * i128::from(*b)));
        }
        cmp_big_of(self, other)
    }
}

#[cold]
#[inline(never)]
fn cmp_big_of(a: &Q, b: &Q) -> Ordering {
    cmp_big(&a.to_big(), &b.to_big())
}

/// The order of two big rationals by their signs, then their sizes in bits, and only then
/// by cross-multiplying: `BigRational` compares by continued fractions, a division per
/// step, which took most of the time of long products of 100-digit numbers.
fn cmp_big(x: &BigRational, y: &BigRational) -> Ordering {
    let (a, b) = (x.numer(), x.denom());
    let (c, d) = (y.numer(), y.denom());
    let by_sign = a.sign().cmp(&c.sign());
    if by_sign != Ordering::Equal || a.is_zero() {
        return by_sign;
    }
    // 2^(bits(a) − bits(b) − 1) < |x| < 2^(bits(a) − bits(b) + 1), and so for y.
    let size = |n: &BigInt, d: &BigInt| i128::from(n.bits()) - i128::from(d.bits());
    let (sx, sy) = (size(a, b), size(c, d));
    let magnitudes = if sx >= sy + 2 {
        Ordering::Greater
    } else if sy >= sx + 2 {
        Ordering::Less
    } else {
        (a.magnitude() * d.magnitude()).cmp(&(c.magnitude() * b.magnitude()))
    };
    if a.is_negative() {
        magnitudes.reverse()
    } else {
        magnitudes
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
    fn a_denominator_past_32_bits_is_big_and_equal_values_stay_equal() {
        assert_eq!(std::mem::size_of::<Q>(), 16, "a claim holds four bounds");
        assert_eq!(std::mem::size_of::<Option<Q>>(), 16);
        let wide = q(1, 1 << 32);
        assert!(!is_small(&wide));
        assert!(is_small(&q(1, u32::MAX.into())));
        // Back in the small form once the denominator shrinks: equality compares forms.
        assert_eq!(&wide * &q(1 << 32, 1), Q::one());
        assert!(!is_small(&(&wide * &q(3, 1))));
        assert!(is_small(&(&wide * &q(2, 1))));
        assert_eq!(Q::from_decimal(false, 1, 10), q(1, 10_000_000_000));
        assert!(!is_small(&Q::from_decimal(false, 1, 10)));
        assert_eq!(Q::from_decimal(false, 5, 10), q(1, 2_000_000_000));
        assert!(is_small(&Q::from_decimal(false, 5, 10)));
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

    /// A value and a power of ten to scale it by: denominators that divide the power, that do
    /// not, products past 64 bits, big values and exponents past 18.
    fn scaled_at_random(rng: &mut fastrand::Rng) -> (Q, u32) {
        let numer = match rng.u8(..4) {
            0 => rng.i64(..),
            1 => rng.i64(-1_000_000..=1_000_000),
            2 => [i64::MIN, i64::MAX, 0, 1, -1][rng.usize(..5)],
            _ => rng.i64(-10_000..=10_000) * 10i64.pow(rng.u32(..10)),
        };
        let denom = match rng.u8(..3) {
            0 => 2i64.pow(rng.u32(..20)) * 5i64.pow(rng.u32(..8)),
            1 => rng.i64(1..=1_000),
            _ => rng.i64(1..=i64::from(u32::MAX)),
        };
        let x = if rng.u8(..10) == 0 { q(numer, denom) * Q::pow10(20) } else { q(numer, denom) };
        (x, rng.u32(..=21))
    }

    /// The scale word's shortcut against multiplying by the power of ten, on
    /// [`scaled_at_random`]'s values.
    #[test]
    fn times_pow10_is_multiplying_by_the_power() {
        let mut rng = fastrand::Rng::with_seed(0x10);
        for _ in 0..20_000 {
            let (x, exp) = scaled_at_random(&mut rng);
            let shortcut = x.times_pow10(exp);
            let product = &x * &Q::pow10(exp);
            assert_eq!(shortcut, product, "{x:?} · 10^{exp}");
            assert_eq!(is_small(&shortcut), is_small(&product), "{x:?} · 10^{exp}: canonical form");
        }
        assert_eq!(q(1257, 2).times_pow10(6), q(628_500_000, 1));
        assert_eq!(q(1, 20).times_pow10(6), q(50_000, 1));
        assert_eq!(q(1, 3).times_pow10(2), q(100, 3));
        assert_eq!(q(i64::MAX, 1).times_pow10(1), Q::new(BigInt::from(i64::MAX) * 10, BigInt::one()));
    }

    /// The integer product of [`Q::integer_times_pow10`] is [`Q::times_pow10`]'s, whenever
    /// it gives one, and it gives one whenever that product is an integer held inline.
    #[test]
    fn integer_times_pow10_is_the_integer_product() {
        let mut rng = fastrand::Rng::with_seed(0x1d);
        for _ in 0..50_000 {
            let (x, exp) = scaled_at_random(&mut rng);
            let product = x.times_pow10(exp);
            let integer = product.as_small().filter(|&(_, d)| d == 1).map(|(n, _)| n);
            match x.integer_times_pow10(exp) {
                Some(n) => assert_eq!(Some(n), integer, "{x:?} · 10^{exp}"),
                None => assert!(integer.is_none() || !is_small(&x) || exp > 18, "{x:?} · 10^{exp}: {product:?}"),
            }
            if let Some(n) = integer {
                assert_eq!(Q::from_i64(n), product, "{x:?} · 10^{exp}: one form");
            }
        }
        assert_eq!(q(1257, 2).integer_times_pow10(6), Some(628_500_000));
        assert_eq!(q(1, 3).integer_times_pow10(2), None);
        assert_eq!(q(i64::MAX, 1).integer_times_pow10(1), None);
        assert_eq!(q(-7, 1).integer_times_pow10(0), Some(-7));
    }

    /// The gcd that starts with a division, against Euclid's.
    #[test]
    fn gcd_u64_agrees_with_euclid() {
        let euclid = |mut a: u64, mut b: u64| {
            while b != 0 {
                (a, b) = (b, a % b);
            }
            a
        };
        let mut rng = fastrand::Rng::with_seed(0x6cd);
        for _ in 0..50_000 {
            let bits = rng.u32(1..20);
            let common = rng.u64(1..=1 << bits);
            let pick = |rng: &mut fastrand::Rng| match rng.u8(..4) {
                0 => rng.u64(..),
                1 => rng.u64(..=3),
                2 => rng.u64(..1 << 32),
                _ => rng.u64(..1_000_000) * 10u64.pow(rng.u32(..10)),
            };
            let (a, b) = (pick(&mut rng), pick(&mut rng));
            assert_eq!(gcd_u64(a, b), euclid(a, b), "gcd of {a} and {b}");
            let (a, b) = (a.wrapping_mul(common) >> 1, b.saturating_mul(common));
            assert_eq!(gcd_u64(a, b), euclid(a, b), "gcd of {a} and {b}");
        }
        assert_eq!(gcd_u64(0, 0), 0);
        assert_eq!(gcd_u64(u64::MAX, 0), u64::MAX);
        assert_eq!(gcd_u64(1, u64::MAX), 1);
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
            let fits = expected.numer().to_i64().is_some() && expected.denom().to_u32().is_some();
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

    /// A random rational of up to `digits` digits over up to `digits` digits, either sign.
    fn random_big(rng: &mut fastrand::Rng, digits: usize) -> Q {
        let number = |rng: &mut fastrand::Rng| -> BigInt {
            let length = rng.usize(1..=digits);
            let text: String = (0..length).map(|i| char::from(b'0' + rng.u8(u8::from(i == 0)..10))).collect();
            text.parse().unwrap()
        };
        let x = Q::new(number(rng), number(rng));
        if rng.bool() {
            -x
        } else {
            x
        }
    }

    /// Products and quotients of 100-digit numbers, the big operands the arithmetic above
    /// meets, checked against `BigRational`.
    #[test]
    fn big_operands_agree_with_big_rationals() {
        let mut rng = fastrand::Rng::with_seed(0xb16);
        for _ in 0..1_000 {
            let (a, b) = (random_big(&mut rng, 100), random_big(&mut rng, 100));
            // Shared factors, and long against short operands.
            let (a, b) = match rng.u8(..4) {
                0 => (&a * &b, &b * &random_big(&mut rng, 40)),
                1 => (&a * &a * &a, b),
                2 => (a.clone(), a.recip() * random_big(&mut rng, 3)),
                _ => (a, b),
            };
            let (ba, bb) = (a.to_big().into_owned(), b.to_big().into_owned());
            let case = format!("{a:?} and {b:?}");
            assert_eq!(*(&a + &b).to_big(), &ba + &bb, "sum of {case}");
            assert_eq!(*(&a - &b).to_big(), &ba - &bb, "difference of {case}");
            assert_eq!(*(&a * &b).to_big(), &ba * &bb, "product of {case}");
            assert_eq!(*(&a / &b).to_big(), &ba / &bb, "quotient of {case}");
            assert_eq!(a.cmp(&b), ba.cmp(&bb), "order of {case}");
            assert_eq!((&a - &a).as_small(), Some((0, 1)));
            assert_eq!(&a + &(-&a), Q::zero());
        }
        let a = random_big(&mut rng, 100);
        assert_eq!(a.cmp(&(&a + &(Q::one() / Q::pow10(400)))), Ordering::Less);
    }

    #[test]
    fn lehmer_gcd_agrees_with_euclid() {
        let euclid = |a: &BigInt, b: &BigInt| {
            let (mut a, mut b) = (a.abs(), b.abs());
            while !b.is_zero() {
                let r = &a % &b;
                (a, b) = (b, r);
            }
            a
        };
        let mut rng = fastrand::Rng::with_seed(0x9cd);
        let number = |rng: &mut fastrand::Rng, digits: usize| -> BigInt {
            let text: String = (0..rng.usize(1..=digits)).map(|_| char::from(b'0' + rng.u8(..10))).collect();
            text.parse().unwrap()
        };
        for _ in 0..3_000 {
            let common = number(&mut rng, 60);
            let (a, b) = (number(&mut rng, 300) * &common, number(&mut rng, 300) * &common);
            let (a, b) = match rng.u8(..4) {
                0 => (a, -b),
                1 => (&a * &a * &a, b),
                2 => (a.clone(), &a + BigInt::one()),
                _ => (a, b),
            };
            assert_eq!(gcd_big(&a, &b), euclid(&a, &b), "gcd of {a} and {b}");
        }
        let fib = |n: usize| (0..n).fold((BigInt::zero(), BigInt::one()), |(x, y), _| (y.clone(), x + y)).0;
        assert_eq!(gcd_big(&fib(2000), &fib(2001)), BigInt::one());
        assert_eq!(gcd_big(&fib(2000), &fib(1000)), fib(1000));
        assert_eq!(gcd_big(&BigInt::zero(), &fib(300)), fib(300));
    }

    /// The safety valve: a bound rounded down is at most the value and one rounded up at
    /// least, both within `MAX_BITS` bits and, while the value is neither huge nor tiny,
    /// within 2^−(`KEPT_BITS` − 2) of it; a bound that already fits is kept exactly.
    #[test]
    fn bounds_round_outward_to_at_most_max_bits() {
        let mut rng = fastrand::Rng::with_seed(0x7a1e);
        let fits = |q: &Q| q.bits() <= MAX_BITS;
        for round in 0..300 {
            // Products of up to 60 numbers of 100 digits: up to 20,000 bits.
            let mut q = random_big(&mut rng, 100);
            for _ in 0..rng.usize(..60) {
                q = if rng.bool() { q * random_big(&mut rng, 100) } else { q / random_big(&mut rng, 100) };
            }
            if round % 7 == 0 {
                q *= Q::pow10(rng.u32(..2000));
            } else if round % 7 == 1 {
                q /= Q::pow10(rng.u32(..2000));
            }
            let (down, up) = (q.clone().round_down(), q.clone().round_up());
            if fits(&q) {
                assert_eq!((down.as_ref(), up.as_ref()), (Some(&q), Some(&q)), "{q:?} is kept exactly");
                continue;
            }
            // Past ±2^MAX_BITS the outer bound is dropped, and only there.
            let huge = q.abs() >= Q::from_integer(BigInt::one() << MAX_BITS);
            assert_eq!(down.is_none(), huge && q.is_negative(), "{q:?}");
            assert_eq!(up.is_none(), huge && q.is_positive(), "{q:?}");
            for (bound, below) in [(down, true), (up, false)] {
                let Some(bound) = bound else { continue };
                assert!(fits(&bound), "{bound:?} has {} bits", bound.bits());
                assert!(if below { bound <= q } else { bound >= q }, "{bound:?} on the wrong side of {q:?}");
                let tiny = q.abs() < Q::one() / Q::from_integer(BigInt::one() << (MAX_BITS - KEPT_BITS));
                if !huge && !tiny {
                    let error = (&bound - &q).abs();
                    assert!(
                        error <= q.abs() / Q::from_integer(BigInt::one() << (KEPT_BITS - 2)),
                        "{bound:?} for {q:?}"
                    );
                }
            }
        }
        // Products rounded without reducing them first bracket the exact product alike.
        for _ in 0..300 {
            let mut factors = [random_big(&mut rng, 100), random_big(&mut rng, 100)];
            for factor in &mut factors {
                for _ in 0..rng.usize(..25) {
                    *factor = &*factor * &random_big(&mut rng, 100);
                }
            }
            let [a, b] = factors;
            let exact = &a * &b;
            let (down, up) = a.mul_outward(&b);
            if a.bits() + b.bits() <= MAX_BITS {
                assert_eq!((down.as_ref(), up.as_ref()), (Some(&exact), Some(&exact)), "{a:?} × {b:?} is exact");
            }
            let huge = exact.abs() >= Q::from_integer(BigInt::one() << MAX_BITS);
            assert_eq!(down.is_none(), huge && exact.is_negative(), "{a:?} × {b:?}");
            assert_eq!(up.is_none(), huge && exact.is_positive(), "{a:?} × {b:?}");
            assert!(down.as_ref().is_none_or(|d| *d <= exact && fits(d)), "{down:?} for {exact:?}");
            assert!(up.as_ref().is_none_or(|u| *u >= exact && fits(u)), "{up:?} for {exact:?}");
        }
        assert_eq!(Q::pow10(5000).round_down(), Some(Q::from_integer(BigInt::one() << (MAX_BITS - 1))));
        assert_eq!((-Q::pow10(5000)).round_up(), Some(-Q::from_integer(BigInt::one() << (MAX_BITS - 1))));
        assert_eq!(Q::pow10(5000).recip().round_down(), Some(Q::zero()));
        assert_eq!(
            (-Q::pow10(5000).recip()).round_down(),
            Some(-Q::one() / Q::from_integer(BigInt::one() << (MAX_BITS - 1)))
        );
    }
}
