//! What the series checks (`trend`, `record`) weigh: each written claim, narrowed to the values
//! the other claims of its quantity allow ([`siblings`]), and each `?` of a `shares` or `total`
//! block valued by its block wherever the block determines it (the interval its `derived` note
//! reports; see [`Valued`]); and for a `trend` flag, the claims of the latest date before it in
//! its series ([`deciding`]).

pub(crate) mod change;
mod order;
mod shown;
mod siblings;
mod valued;

pub(crate) use order::{dated, each_quantity, Dated};
pub(crate) use shown::{describe, origin_labels, sibling_labels, stated, written};
pub(crate) use valued::Valued;

use crate::model::{Claim, ClaimId, MeasureId, Model};
use crate::value::interval::cmp_upper;
use crate::value::Interval;

/// The series table as the flag checks weigh it: a file without a flag (but plans) has no
/// series to weigh.
pub(crate) fn flag_series<'c>(ctx: &'c super::Context) -> &'c [Dated] {
    if ctx.valued().flags {
        ctx.dated()
    } else {
        &[]
    }
}

/// Where `dated` may be cut into `parts` parts of about one size without cutting a series: the
/// first place of each part, and its length at the end.
pub(crate) fn cut(dated: &[Dated], parts: usize) -> Vec<usize> {
    let mut starts: Vec<usize> = (0..parts).map(|part| part * dated.len() / parts).collect();
    for start in &mut starts {
        while *start > 0 && *start < dated.len() && dated[*start - 1].same_series_hash(&dated[*start]) {
            *start += 1;
        }
    }
    starts.push(dated.len());
    starts
}

/// Calls `each` with every series (the weighed claims of one measure and item) in `dated` (a
/// part of [`flag_series`] cut where [`cut`] cuts) that holds a `flagged` claim, in date
/// order: by end day, then start day.
pub(crate) fn each_series(
    model: &Model,
    dated: &[Dated],
    flagged: impl Fn(ClaimId) -> bool,
    mut each: impl FnMut(&[Dated]),
) {
    let series = |id: ClaimId| (model.claims[id].measure(), model.claims[id].item.as_deref());
    for run in dated.chunk_by(Dated::same_series_hash).filter(|run| run.iter().any(|d| flagged(d.id()))) {
        let first = series(run[0].id());
        if run.iter().all(|d| same_series(series(d.id()), first)) {
            each(run);
        } else {
            // Two series that share a hash: apart again, each still in date order.
            let mut run = run.to_vec();
            run.sort_by_key(|d| series(d.id()));
            run.chunk_by(|a, b| series(a.id()) == series(b.id())).for_each(&mut each);
        }
    }
}

/// Whether two claims' measures and items are one series. The claims of a series nearly always
/// share their item's text, which one comparison of addresses tells.
pub(crate) fn same_series(a: (Option<MeasureId>, Option<&str>), b: (Option<MeasureId>, Option<&str>)) -> bool {
    a.0 == b.0
        && match (a.1, b.1) {
            (Some(a), Some(b)) => std::ptr::eq(a, b) || a == b,
            (a, b) => a == b,
        }
}

/// The claims as the series checks weigh them: a `?` its block determines is its valued copy,
/// a written claim its siblings narrow is its narrowed copy.
#[derive(Clone, Copy)]
pub(crate) struct Claims<'m> {
    pub(crate) model: &'m Model,
    valued: Option<&'m Valued>,
}

impl<'m> Claims<'m> {
    pub(crate) fn new(model: &'m Model, valued: &'m Valued) -> Self {
        Claims { model, valued: Some(valued) }
    }

    pub(crate) fn get(self, id: ClaimId) -> &'m Claim {
        let claim = &self.model.claims[id];
        match self.valued {
            Some(valued) if claim.value.unknown => valued.derived.get(&id).unwrap_or(claim),
            Some(valued) => valued.siblings.get(id).unwrap_or(claim),
            None => claim,
        }
    }

    /// Whether the claim has values to weigh: written, or derived from its block.
    pub(crate) fn valued(self, id: ClaimId) -> bool {
        !self.model.claims[id].value.unknown || self.valued.is_some_and(|v| v.derived.contains_key(&id))
    }
}

impl<'m> From<&'m Model> for Claims<'m> {
    /// The model's claims, with no `?` valued and none narrowed.
    fn from(model: &'m Model) -> Self {
        Claims { model, valued: None }
    }
}

/// The stated claims of the latest date in `earlier` that decide a flag, or where there are
/// none, the `?`s there that their blocks value. When all of them hold (`sure`) — they agree,
/// or they conflict for one written date (a `conflict` finding), beside which the flag still
/// cannot hold against the claim it clashes with, as a `largest` cannot beside a larger
/// earlier claim — a rise must pass the highest lower bound, a fall the lowest upper bound.
/// Claims of the same days written as different dates (`~2000` and `1999..2001`) that
/// disagree are no conflict, and may be of different facts: only a clash with each is sure,
/// the lowest lower and the highest upper bound.
pub(crate) struct Deciding {
    pub(crate) rise: ClaimId,
    pub(crate) fall: ClaimId,
    pub(crate) sure: bool,
    /// When not `sure`, every claim of the date: a multiple must clash with each of them.
    pub(crate) each: Vec<ClaimId>,
}

/// The claim of the latest date in `earlier` when it is the only one and written: then it
/// decides everything, as nearly always.
pub(crate) fn alone_written(model: &Model, earlier: &[Dated]) -> Option<ClaimId> {
    let latest = earlier.last()?;
    let before = earlier.len().checked_sub(2).map(|at| &earlier[at]);
    let alone = before.is_none_or(|before| (before.last, before.first) != (latest.last, latest.first));
    (alone && !model.claims[latest.id()].value.unknown).then(|| latest.id())
}

pub(crate) fn deciding(claims: Claims, earlier: &[Dated]) -> Option<Deciding> {
    let &Dated { last, first, .. } = earlier.last()?;
    let model = claims.model;
    if let Some(only) = alone_written(model, earlier) {
        return Some(Deciding { rise: only, fall: only, sure: true, each: Vec::new() });
    }
    let alone = |d: &Dated| (d.last, d.first) != (last, first);
    let from = earlier.iter().rposition(alone).map_or(0, |i| i + 1);
    let value = |c: &ClaimId| &claims.get(*c).value;
    let latest = &earlier[from..];
    // A `?` is known only through its block: the stated claims decide, if any.
    let any_stated = latest.iter().any(|d| !model.claims[d.id()].value.unknown);
    let mut stated =
        latest
            .iter()
            .map(Dated::id)
            .filter(|&c| if any_stated { !model.claims[c].value.unknown } else { claims.valued(c) });
    // Nearly always one claim: it decides everything.
    let only = stated.next()?;
    if stated.clone().next().is_none() {
        return Some(Deciding { rise: only, fall: only, sure: true, each: Vec::new() });
    }
    let stated = std::iter::once(only).chain(stated);
    let agree = stated.clone().try_fold(Interval::everything(), |acc, c| acc.intersect(&value(&c).interval)).is_some();
    let written = model.claims[only].date.written();
    let sure = agree || stated.clone().all(|c| model.claims[c].date.written() == written);
    let lower = |a: &ClaimId, b: &ClaimId| {
        let (a, b) = (value(a), value(b));
        a.interval.lo.cmp(&b.interval.lo).then(a.excludes_lo().cmp(&b.excludes_lo()))
    };
    let upper = |a: &ClaimId, b: &ClaimId| {
        let (a, b) = (value(a), value(b));
        cmp_upper(&a.interval.hi, &b.interval.hi).then(b.excludes_hi().cmp(&a.excludes_hi()))
    };
    let each = if sure { Vec::new() } else { stated.clone().collect() };
    let (rise, fall) = match sure {
        true => (stated.clone().max_by(lower)?, stated.min_by(upper)?),
        false => (stated.clone().min_by(lower)?, stated.max_by(upper)?),
    };
    Some(Deciding { rise, fall, sure, each })
}
