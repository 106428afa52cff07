//! Closed intervals over exact rationals, possibly unbounded on either side.

use super::number::{show, MAX_BITS, Q};
use num_traits::{Signed, Zero};
use std::fmt;

/// `[lo, hi]`; `None` means unbounded on that side. Never empty: operations that could
/// produce an empty interval return `Option`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interval {
    pub lo: Option<Q>,
    pub hi: Option<Q>,
}

/// Orders upper bounds, `None` (unbounded) last. (Lower bounds order as `Option` does, `None`
/// first.)
pub fn cmp_upper(a: &Option<Q>, b: &Option<Q>) -> std::cmp::Ordering {
    cmp_upper_bound(a.as_ref(), b.as_ref())
}

/// [`cmp_upper`] of borrowed bounds.
pub fn cmp_upper_bound(a: Option<&Q>, b: Option<&Q>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        _ => a.is_none().cmp(&b.is_none()),
    }
}

/// An interval's bounds, borrowed (`None`: unbounded on that side): what an interval and a
/// point held on its own both give without a copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds<'a> {
    pub lo: Option<&'a Q>,
    pub hi: Option<&'a Q>,
}

impl Interval {
    pub fn bounds(&self) -> Bounds<'_> {
        Bounds { lo: self.lo.as_ref(), hi: self.hi.as_ref() }
    }

    pub fn point(q: Q) -> Self {
        Interval { lo: Some(q.clone()), hi: Some(q) }
    }

    /// `[lo, hi]`, or `None` when `lo > hi`.
    pub fn new(lo: Option<Q>, hi: Option<Q>) -> Option<Self> {
        match (&lo, &hi) {
            (Some(l), Some(h)) if l > h => None,
            _ => Some(Interval { lo, hi }),
        }
    }

    pub fn closed(lo: Q, hi: Q) -> Option<Self> {
        Self::new(Some(lo), Some(hi))
    }

    pub fn everything() -> Self {
        Interval { lo: None, hi: None }
    }

    pub fn at_least(q: Q) -> Self {
        Interval { lo: Some(q), hi: None }
    }

    pub fn at_most(q: Q) -> Self {
        Interval { lo: None, hi: Some(q) }
    }

    pub fn is_point(&self) -> bool {
        matches!((&self.lo, &self.hi), (Some(l), Some(h)) if l == h)
    }

    pub fn contains(&self, q: &Q) -> bool {
        self.lo.as_ref().is_none_or(|l| l <= q) && self.hi.as_ref().is_none_or(|h| q <= h)
    }

    /// True when every value of `self` is also in `other`.
    pub fn within(&self, other: &Interval) -> bool {
        let lo_ok = match (&other.lo, &self.lo) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(o), Some(s)) => o <= s,
        };
        let hi_ok = match (&other.hi, &self.hi) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(o), Some(s)) => s <= o,
        };
        lo_ok && hi_ok
    }

    pub fn intersect(&self, other: &Interval) -> Option<Interval> {
        let lo = max_lo(&self.lo, &other.lo);
        let hi = min_hi(&self.hi, &other.hi);
        Interval::new(lo, hi)
    }

    pub fn overlaps(&self, other: &Interval) -> bool {
        self.intersect(other).is_some()
    }

    /// Whether the two share a value when each may exclude its bounds (`open`: lower, upper),
    /// as `> 5` does: `> 5` and `[4, 5]` share none.
    pub fn meets(&self, open: [bool; 2], other: &Interval, other_open: [bool; 2]) -> bool {
        // The higher lower bound and the lower upper bound; at a tie, excluded if either is.
        fn inner<'q>(
            a: Option<&'q Q>,
            a_open: bool,
            b: Option<&'q Q>,
            b_open: bool,
            higher: bool,
        ) -> Option<(&'q Q, bool)> {
            match (a, b) {
                (Some(a), Some(b)) if a == b => Some((a, a_open || b_open)),
                (Some(a), Some(b)) => Some(if (a > b) == higher { (a, a_open) } else { (b, b_open) }),
                (Some(a), None) => Some((a, a_open)),
                (None, Some(b)) => Some((b, b_open)),
                (None, None) => None,
            }
        }
        let lo = inner(self.lo.as_ref(), open[0], other.lo.as_ref(), other_open[0], true);
        let hi = inner(self.hi.as_ref(), open[1], other.hi.as_ref(), other_open[1], false);
        match (lo, hi) {
            (Some((lo, lo_open)), Some((hi, hi_open))) => lo < hi || (lo == hi && !lo_open && !hi_open),
            _ => true,
        }
    }

    pub fn hull(&self, other: &Interval) -> Interval {
        let lo = match (&self.lo, &other.lo) {
            (Some(a), Some(b)) => Some(a.min(b).clone()),
            _ => None,
        };
        let hi = match (&self.hi, &other.hi) {
            (Some(a), Some(b)) => Some(a.max(b).clone()),
            _ => None,
        };
        Interval { lo, hi }
    }

    pub fn add(&self, other: &Interval) -> Interval {
        Interval { lo: both(&self.lo, &other.lo, |a, b| a + b), hi: both(&self.hi, &other.hi, |a, b| a + b) }.bounded()
    }

    pub fn neg(&self) -> Interval {
        Interval { lo: self.hi.as_ref().map(|h| -h), hi: self.lo.as_ref().map(|l| -l) }
    }

    pub fn sub(&self, other: &Interval) -> Interval {
        self.add(&other.neg())
    }

    pub fn scale(&self, k: &Q) -> Interval {
        self.mul(&Interval::point(k.clone()))
    }

    pub fn mul(&self, other: &Interval) -> Interval {
        // Times an exact number (every bare number of an assert is one): two products, not four.
        if let Some(k) = other.exact() {
            return self.times(k);
        }
        if let Some(k) = self.exact() {
            return other.times(k);
        }
        let a = Ext::pair(self);
        let b = Ext::pair(other);
        let products = [a.0.mul(&b.0), a.0.mul(&b.1), a.1.mul(&b.0), a.1.mul(&b.1)];
        let lo = products.iter().map(|(below, _)| below).min().cloned().unwrap_or(Ext::NegInf);
        let hi = products.into_iter().map(|(_, above)| above).max().unwrap_or(Ext::PosInf);
        Interval { lo: lo.finite(), hi: hi.finite() }
    }

    /// The one value of a point.
    fn exact(&self) -> Option<&Q> {
        self.lo.as_ref().filter(|_| self.is_point())
    }

    /// Every value times `k` (0 × an unbounded side is 0, as in [`Interval::mul`]).
    fn times(&self, k: &Q) -> Interval {
        if k.is_zero() {
            return Interval::point(Q::zero());
        }
        let (lo, hi) = if k.is_negative() { (&self.hi, &self.lo) } else { (&self.lo, &self.hi) };
        Interval {
            lo: lo.as_ref().and_then(|lo| lo.mul_outward(k).0),
            hi: hi.as_ref().and_then(|hi| hi.mul_outward(k).1),
        }
    }

    /// Division; a divisor that contains zero widens the result to the rays it allows
    /// (`[1, 2] / [0, 4]` is `[1/4, ∞)`), and a divisor that is exactly zero gives `None`.
    pub fn div(&self, other: &Interval) -> Option<Interval> {
        let zero = Q::zero();
        let lo_pos = other.lo.as_ref().is_some_and(|l| l > &zero);
        let hi_neg = other.hi.as_ref().is_some_and(|h| h < &zero);
        if lo_pos || hi_neg {
            return Some(self.mul(&other.reciprocal_nonzero()));
        }
        if other.lo.as_ref() == Some(&zero) && other.hi.as_ref() == Some(&zero) {
            return None;
        }
        let numerator_sign = if self.lo.as_ref().is_some_and(|l| l > &zero) {
            1
        } else if self.hi.as_ref().is_some_and(|h| h < &zero) {
            -1
        } else {
            return Some(Interval::everything());
        };
        // The divisor touches zero: only a divisor with zero at one end keeps a ray.
        let divisor_sign = if other.lo.as_ref() == Some(&zero) {
            1
        } else if other.hi.as_ref() == Some(&zero) {
            -1
        } else {
            return Some(Interval::everything());
        };
        let far = if divisor_sign > 0 { other.hi.clone() } else { other.lo.clone() };
        let near_numerator = if numerator_sign > 0 { self.lo.clone() } else { self.hi.clone() };
        let bound = match (near_numerator, far) {
            (Some(n), Some(f)) => Some(n / f),
            _ => Some(Q::zero()),
        };
        Some(
            if numerator_sign * divisor_sign > 0 {
                Interval { lo: bound, hi: None }
            } else {
                Interval { lo: None, hi: bound }
            }
            .bounded(),
        )
    }

    fn reciprocal_nonzero(&self) -> Interval {
        let inv = |q: &Q| q.recip();
        Interval {
            lo: self.hi.as_ref().map(inv).or(Some(Q::zero())),
            hi: self.lo.as_ref().map(inv).or(Some(Q::zero())),
        }
        .sorted()
    }

    fn sorted(self) -> Interval {
        match (&self.lo, &self.hi) {
            (Some(l), Some(h)) if l > h => Interval { lo: self.hi, hi: self.lo },
            _ => self,
        }
    }

    /// Widens each finite side by `delta` (`delta >= 0`).
    pub fn widen(&self, delta: &Q) -> Interval {
        Interval { lo: self.lo.as_ref().map(|l| l - delta), hi: self.hi.as_ref().map(|h| h + delta) }.bounded()
    }

    /// Each bound whose numerator or denominator has more than [`MAX_BITS`] bits rounded
    /// outward (the lower one down, the upper one up) to one that is cheap to compute with,
    /// or dropped when no such bound lies beyond it. The result holds every value of `self`,
    /// so it can only hide a contradiction, never make one up; see [`MAX_BITS`] for why.
    /// Sums, rays and widenings end with this, and products are rounded as they are made
    /// ([`Q::mul_outward`]), so bounds stay small however long an expression is and however
    /// often propagation revises it.
    pub fn bounded(self) -> Interval {
        let small = |bound: &Option<Q>| bound.as_ref().is_none_or(|q| q.bits() <= MAX_BITS);
        if small(&self.lo) && small(&self.hi) {
            return self;
        }
        Interval { lo: self.lo.and_then(Q::round_down), hi: self.hi.and_then(Q::round_up) }
    }

    /// Bounds for display, already divided by `unit` (for example 10^9 for `bn`).
    pub fn display_in(&self, unit: &Q) -> String {
        let shown = |bound: &Q| show(&(bound / unit));
        match (&self.lo, &self.hi) {
            (Some(lo), Some(_)) if self.is_point() => shown(lo),
            // A dash after a minus sign reads as a second minus: `-0.15 to 0.15`.
            (Some(lo), Some(hi)) if lo.is_negative() => format!("{} to {}", shown(lo), shown(hi)),
            (Some(lo), Some(hi)) => format!("{}–{}", shown(lo), shown(hi)),
            (Some(lo), None) => format!("at least {}", shown(lo)),
            (None, Some(hi)) => format!("at most {}", shown(hi)),
            (None, None) => "any value".into(),
        }
    }

    pub fn is_nonnegative(&self) -> bool {
        self.lo.as_ref().is_some_and(|l| !l.is_negative())
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_in(&super::number::int(1)))
    }
}

fn both(a: &Option<Q>, b: &Option<Q>, op: impl Fn(&Q, &Q) -> Q) -> Option<Q> {
    match (a, b) {
        (Some(a), Some(b)) => Some(op(a, b)),
        _ => None,
    }
}

fn max_lo(a: &Option<Q>, b: &Option<Q>) -> Option<Q> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b).clone()),
        (Some(a), None) | (None, Some(a)) => Some(a.clone()),
        (None, None) => None,
    }
}

fn min_hi(a: &Option<Q>, b: &Option<Q>) -> Option<Q> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b).clone()),
        (Some(a), None) | (None, Some(a)) => Some(a.clone()),
        (None, None) => None,
    }
}

/// An extended rational, used only to multiply bounds that may be infinite.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Ext {
    NegInf,
    Finite(Q),
    PosInf,
}

impl Ext {
    fn pair(i: &Interval) -> (Ext, Ext) {
        (i.lo.clone().map_or(Ext::NegInf, Ext::Finite), i.hi.clone().map_or(Ext::PosInf, Ext::Finite))
    }

    fn sign(&self) -> i8 {
        match self {
            Ext::NegInf => -1,
            Ext::PosInf => 1,
            Ext::Finite(q) if q.is_zero() => 0,
            Ext::Finite(q) if q.is_negative() => -1,
            Ext::Finite(_) => 1,
        }
    }

    /// The product as a value at or below it and one at or above it, each of at most
    /// [`MAX_BITS`] bits (see [`Q::mul_outward`]): the same twice unless it is rounded.
    fn mul(&self, other: &Ext) -> (Ext, Ext) {
        match (self, other) {
            (Ext::Finite(a), Ext::Finite(b)) => {
                let (below, above) = a.mul_outward(b);
                (below.map_or(Ext::NegInf, Ext::Finite), above.map_or(Ext::PosInf, Ext::Finite))
            }
            // 0 × ∞ is taken as 0: the bound comes from a finite zero of a closed interval.
            _ => {
                let product = match self.sign() * other.sign() {
                    0 => Ext::Finite(Q::zero()),
                    s if s > 0 => Ext::PosInf,
                    _ => Ext::NegInf,
                };
                (product.clone(), product)
            }
        }
    }

    fn finite(self) -> Option<Q> {
        match self {
            Ext::Finite(q) => Some(q),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::number::{int, ratio};
    use super::*;

    fn iv(lo: i64, hi: i64) -> Interval {
        Interval::closed(int(lo), int(hi)).unwrap()
    }

    #[test]
    fn arithmetic_is_exact() {
        assert_eq!(iv(1, 2).add(&iv(10, 20)), iv(11, 22));
        assert_eq!(iv(1, 2).sub(&iv(10, 20)), iv(-19, -8));
        assert_eq!(iv(-1, 2).mul(&iv(3, 4)), iv(-4, 8));
        assert_eq!(iv(1, 2).div(&iv(3, 4)), Interval::closed(ratio(1, 4), ratio(2, 3)));
    }

    #[test]
    fn times_a_point_is_the_general_product() {
        let rays = [Interval::at_least(int(-2)), Interval::at_most(int(3)), Interval::everything()];
        let points = [int(0), int(5), ratio(-3, 7)];
        for x in [iv(-3, 5), iv(2, 4), iv(-4, -1), iv(0, 0)].into_iter().chain(rays) {
            for k in &points {
                // The four products of the general case.
                let (a, b) = (Ext::pair(&x), Ext::pair(&Interval::point(k.clone())));
                let products = [a.0.mul(&b.0), a.0.mul(&b.1), a.1.mul(&b.0), a.1.mul(&b.1)].map(|(p, _)| p);
                let (lo, hi) = (products.iter().min().cloned().unwrap(), products.iter().max().cloned().unwrap());
                let general = Interval { lo: lo.finite(), hi: hi.finite() };
                assert_eq!(x.mul(&Interval::point(k.clone())), general, "{x:?} × {k:?}");
                assert_eq!(Interval::point(k.clone()).mul(&x), general, "{k:?} × {x:?}");
            }
        }
    }

    #[test]
    fn division_by_an_interval_holding_zero() {
        assert_eq!(iv(1, 2).div(&iv(0, 4)), Some(Interval::at_least(ratio(1, 4))));
        assert_eq!(iv(1, 2).div(&iv(-4, 0)), Some(Interval::at_most(ratio(-1, 4))));
        assert_eq!(iv(1, 2).div(&iv(-1, 1)), Some(Interval::everything()));
        assert_eq!(iv(-1, 2).div(&iv(1, 1)), Some(iv(-1, 2)));
        assert_eq!(iv(1, 2).div(&iv(0, 0)), None);
    }

    #[test]
    fn unbounded_sides() {
        let ray = Interval::at_least(int(2));
        assert_eq!(ray.mul(&iv(-1, -1)), Interval::at_most(int(-2)));
        assert_eq!(ray.add(&iv(1, 1)), Interval::at_least(int(3)));
        assert!(ray.intersect(&iv(0, 1)).is_none());
        assert!(iv(2, 3).within(&ray));
        assert!(!ray.within(&iv(2, 3)));
    }

    /// Bounds past `MAX_BITS` bits are widened, never narrowed: the result of a long product
    /// holds the exact one, and short bounds stay exact.
    #[test]
    fn long_bounds_are_widened_outward() {
        // 1.777… (99 sevens), a legal number of 100 digits.
        let sevens: num_bigint::BigInt =
            "1".chars().chain(std::iter::repeat_n('7', 99)).collect::<String>().parse().unwrap();
        let factor = Interval::point(Q::new(sevens, super::super::number::pow10(99)));
        let (mut exact, mut bounded) = (Interval::closed(ratio(9, 2), ratio(11, 2)).unwrap(), None::<Interval>);
        for step in 0..80 {
            let next = bounded.as_ref().map_or_else(|| exact.mul(&factor), |b| b.mul(&factor));
            // The exact product, without the valve.
            let (lo, hi) = (exact.lo.clone().unwrap(), exact.hi.clone().unwrap());
            let x = factor.lo.clone().unwrap();
            let short = bounded.is_none() && lo.bits().max(hi.bits()) + x.bits() <= MAX_BITS;
            exact = Interval::closed(lo * &x, hi * &x).unwrap();
            assert!(exact.within(&next), "step {step}: {next:?} misses some of the product");
            let fits = |q: &Option<Q>| q.as_ref().is_some_and(|q| q.bits() <= MAX_BITS);
            assert!(fits(&next.lo) && fits(&next.hi), "step {step}");
            if short {
                assert_eq!(next, exact, "step {step}: short bounds stay exact");
                continue;
            }
            bounded = Some(next);
        }
        assert!(exact.lo.unwrap().bits() > 6 * MAX_BITS);
        // A bound beyond 2^MAX_BITS is dropped on the outer side and kept on the inner one.
        let huge = Interval::closed(Q::pow10(2000), Q::pow10(2000) + int(1)).unwrap().bounded();
        assert_eq!(huge.hi, None);
        assert!(huge.lo.is_some_and(|l| l <= Q::pow10(2000) && l.bits() <= MAX_BITS));
        let negative = iv(-3, 7).mul(&Interval::point(Q::pow10(2000)));
        assert_eq!((negative.lo, negative.hi), (None, None));
    }
}
