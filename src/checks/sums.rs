//! Sums of block members for `shares-over-100`, `shares-incomplete` and `total-mismatch`,
//! keeping the bounds that `>` and `<` exclude. The model's intervals are closed, but a member
//! `> 1/2` lies strictly above its bound: two such shares sum to more than 100 %, and parts that
//! reach their total only at an excluded bound cannot add up to it. Rounding keeps its
//! benefit of the doubt: a bound that is only touched, and not excluded, is reached.

use crate::model::Claim;
use crate::value::number::int;
use crate::value::{Interval, Q};

/// An interval whose finite bounds may be excluded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Sum {
    pub(crate) interval: Interval,
    /// The lower bound is not a possible value (`> 50%`, or a sum with such a term).
    pub(crate) lo_open: bool,
    /// The upper bound is not a possible value (`< 50%`, or a sum with such a term).
    pub(crate) hi_open: bool,
}

impl Sum {
    /// The sum of no terms.
    pub(crate) fn zero() -> Sum {
        Sum::closed(Interval::point(int(0)))
    }

    /// Every value of a closed interval.
    pub(crate) fn closed(interval: Interval) -> Sum {
        Sum { interval, lo_open: false, hi_open: false }
    }

    /// A claim's values as claimed, or as written (`nominal`): `>` excludes the lower bound
    /// and `<` the upper one (a `?` excludes nothing).
    pub(crate) fn of(claim: &Claim, nominal: bool) -> Sum {
        let value = &claim.value;
        let interval = if nominal { value.nominal.interval().into_owned() } else { value.interval.clone() };
        Sum { interval, lo_open: value.excludes_lo(), hi_open: value.excludes_hi() }
    }

    /// What a member of a `shares` block may be: its values within 0–100 % (for `?`, all of
    /// 0–100 %). A member above 100 % keeps its own values, so that the sums show the
    /// impossibility; one below 0 % counts as 0 %, since no share can make up for another's
    /// excess by being negative (`102%` and `-2%` are more than the whole).
    pub(crate) fn share(claim: &Claim, nominal: bool) -> Sum {
        let whole = Interval::closed(int(0), int(100)).unwrap_or_else(Interval::everything);
        let sum = Sum::of(claim, nominal);
        if sum.below_zero() {
            return Sum::zero();
        }
        sum.clip(&whole)
    }

    /// True when every value is below 0.
    pub(crate) fn below_zero(&self) -> bool {
        let zero = int(0);
        matches!(&self.interval.hi, Some(hi) if *hi < zero || (*hi == zero && self.hi_open))
    }

    /// The members of a `shares` block added up (see [`Sum::share`]).
    pub(crate) fn shares<'c>(members: impl IntoIterator<Item = &'c Claim>, nominal: bool) -> Sum {
        members.into_iter().fold(Sum::zero(), |acc, c| acc.add(&Sum::share(c, nominal)))
    }

    /// The claims' values added up (see [`Sum::of`]), each within `each`: a written part of
    /// a total of amounts is at least 0 (`$0bn` is 0–0.5bn, not −0.5–0.5bn).
    pub(crate) fn parts<'c>(claims: impl IntoIterator<Item = &'c Claim>, nominal: bool, each: &Interval) -> Sum {
        claims.into_iter().fold(Sum::zero(), |acc, c| acc.add(&Sum::of(c, nominal).clip(each)))
    }

    /// A sum's bound is excluded when a term's is: the other terms cannot make up for it.
    pub(crate) fn add(&self, other: &Sum) -> Sum {
        Sum {
            interval: self.interval.add(&other.interval),
            lo_open: self.lo_open || other.lo_open,
            hi_open: self.hi_open || other.hi_open,
        }
    }

    /// The part of these values within `whole` (closed); values entirely outside it are kept
    /// as they are, so that a sum still shows the impossibility. A bound cut off by `whole`
    /// becomes `whole`'s, which is a possible value.
    pub(crate) fn clip(&self, whole: &Interval) -> Sum {
        let Some(interval) = self.interval.intersect(whole) else { return self.clone() };
        Sum {
            lo_open: self.lo_open && interval.lo == self.interval.lo,
            hi_open: self.hi_open && interval.hi == self.interval.hi,
            interval,
        }
    }

    /// True when every value is above `x`.
    pub(crate) fn above(&self, x: &Q) -> bool {
        self.interval.lo.as_ref().is_some_and(|lo| lo > x || (lo == x && self.lo_open))
    }

    /// True when every value is below `x`.
    pub(crate) fn below(&self, x: &Q) -> bool {
        self.interval.hi.as_ref().is_some_and(|hi| hi < x || (hi == x && self.hi_open))
    }

    /// True when every value is below every value of `other`: the two meet at most at a bound
    /// one of them excludes.
    pub(crate) fn before(&self, other: &Sum) -> bool {
        match (&self.interval.hi, &other.interval.lo) {
            (Some(hi), Some(lo)) => hi < lo || (hi == lo && (self.hi_open || other.lo_open)),
            _ => false,
        }
    }

    /// True when no value is in both.
    pub(crate) fn apart(&self, other: &Sum) -> bool {
        self.before(other) || other.before(self)
    }

    /// `at least 100%` or `more than 100%`, `at most …` or `less than …`: the lower (`least`) or
    /// upper bound, shown by `show`.
    pub(crate) fn bound(&self, least: bool, show: impl Fn(&Interval) -> String) -> String {
        let (bound, open, words) = if least {
            (&self.interval.lo, self.lo_open, ["at least", "more than"])
        } else {
            (&self.interval.hi, self.hi_open, ["at most", "less than"])
        };
        let shown = show(&bound.clone().map_or_else(Interval::everything, Interval::point));
        format!("{} {shown}", words[usize::from(open)])
    }

    /// The values shown by `show`, but `more than …` or `less than …` for a ray whose bound is
    /// excluded.
    pub(crate) fn shown(&self, show: impl Fn(&Interval) -> String) -> String {
        match (&self.interval.lo, &self.interval.hi) {
            (Some(_), None) => self.bound(true, show),
            (None, Some(_)) => self.bound(false, show),
            _ => show(&self.interval),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::number::ratio;

    fn sum(lo: i64, hi: i64, lo_open: bool, hi_open: bool) -> Sum {
        Sum { interval: Interval::closed(int(lo), int(hi)).unwrap(), lo_open, hi_open }
    }

    #[test]
    fn an_excluded_bound_is_never_reached() {
        let half = sum(50, 100, true, false);
        let both = half.add(&half);
        assert!(both.above(&int(100)) && !both.below(&int(100)));
        assert!(!sum(50, 100, false, false).add(&half).above(&int(101)));
        assert!(!Sum::zero().add(&sum(50, 100, false, false)).above(&int(100)));
        assert!(sum(0, 100, false, true).below(&int(100)) && !sum(0, 100, false, false).below(&int(100)));
    }

    #[test]
    fn touching_intervals_meet_unless_a_bound_is_excluded() {
        let (low, high) = (sum(1, 2, false, false), sum(2, 3, false, false));
        assert!(!low.apart(&high) && !high.apart(&low));
        assert!(sum(1, 2, false, true).apart(&high) && high.apart(&sum(1, 2, false, true)));
        assert!(low.apart(&sum(2, 3, true, false)));
        assert!(low.apart(&sum(3, 4, false, false)) && !low.apart(&sum(0, 5, true, true)));
    }

    #[test]
    fn clipping_keeps_only_its_own_excluded_bounds() {
        let whole = Interval::closed(int(0), int(100)).unwrap();
        assert_eq!(sum(50, 120, true, true).clip(&whole), sum(50, 100, true, false));
        assert_eq!(sum(-5, 40, true, true).clip(&whole), sum(0, 40, false, true));
        assert_eq!(sum(120, 130, false, false).clip(&whole), sum(120, 130, false, false));
        let ray = Sum { interval: Interval::at_least(ratio(1, 2)), lo_open: true, hi_open: false };
        assert_eq!(ray.clip(&whole), Sum { interval: Interval::closed(ratio(1, 2), int(100)).unwrap(), ..ray });
    }

    #[test]
    fn bounds_say_whether_they_are_reached() {
        let show = |iv: &Interval| iv.to_string();
        assert_eq!(sum(100, 120, true, false).bound(true, show), format!("more than {}", Interval::point(int(100))));
        assert_eq!(sum(100, 120, false, true).bound(false, show), format!("less than {}", Interval::point(int(120))));
        assert_eq!(sum(100, 120, false, false).bound(true, show), format!("at least {}", Interval::point(int(100))));
        let ray = Sum { interval: Interval::at_most(int(5)), lo_open: false, hi_open: true };
        assert_eq!(ray.shown(show), format!("less than {}", Interval::point(int(5))));
        assert_eq!(sum(1, 2, true, true).shown(show), sum(1, 2, false, false).interval.to_string());
    }
}
