//! The claims a `trend` flag is judged against: the stated claims of the latest date before
//! it in its series (a `?` there is known only through its block, so it decides nothing).

use super::trend::Dated;
use crate::model::{ClaimId, Model};
use crate::value::interval::cmp_upper;
use crate::value::Interval;

/// The stated claims of the latest date in `earlier` that decide a flag. They all hold when
/// they agree: a rise must pass the highest lower bound, a fall the lowest upper bound. When
/// they conflict, only a clash with each is sure: the lowest lower and the highest upper bound.
pub(crate) struct Deciding {
    pub(crate) rise: ClaimId,
    pub(crate) fall: ClaimId,
    pub(crate) agree: bool,
}

pub(crate) fn deciding(model: &Model, earlier: &[Dated]) -> Option<Deciding> {
    let &(_, last, first, _) = earlier.last()?;
    let from = earlier.iter().rposition(|d| (d.1, d.2) != (last, first)).map_or(0, |i| i + 1);
    // A `?` there is known only through its block: the stated claims decide, if any.
    let value = |c: &ClaimId| &model.claims[*c].value;
    let mut stated = earlier[from..].iter().map(|d| d.3).filter(|c| !value(c).unknown);
    // Nearly always one claim: it decides everything.
    let only = stated.next()?;
    if stated.clone().next().is_none() {
        return Some(Deciding { rise: only, fall: only, agree: true });
    }
    let stated = std::iter::once(only).chain(stated);
    let agree = stated.clone().try_fold(Interval::everything(), |acc, c| acc.intersect(&value(&c).interval)).is_some();
    let lower = |a: &ClaimId, b: &ClaimId| {
        let (a, b) = (value(a), value(b));
        a.interval.lo.cmp(&b.interval.lo).then(a.excludes_lo().cmp(&b.excludes_lo()))
    };
    let upper = |a: &ClaimId, b: &ClaimId| {
        let (a, b) = (value(a), value(b));
        cmp_upper(&a.interval.hi, &b.interval.hi).then(b.excludes_hi().cmp(&a.excludes_hi()))
    };
    let (rise, fall) = match agree {
        true => (stated.clone().max_by(lower)?, stated.min_by(upper)?),
        false => (stated.clone().min_by(lower)?, stated.max_by(upper)?),
    };
    Some(Deciding { rise, fall, agree })
}
