//! What the series checks (`trend`, `record`) weigh: each written claim, and each `?` of a
//! `shares` or `total` block valued by its block wherever the block determines it (the interval
//! its `derived` note reports; see [`Valued`]); and for a `trend` flag, the claims of the latest
//! date before it in its series ([`deciding`]).

mod valued;

pub(crate) use valued::Valued;

use super::notes::{self, amount};
use crate::finding::Label;
use crate::model::{Block, BlockKind, Claim, ClaimId, Model};
use crate::value::date::Day;
use crate::value::interval::cmp_upper;
use crate::value::Interval;
use rustc_hash::{FxBuildHasher, FxHashMap as HashMap};
use std::hash::BuildHasher;
use valued::block_head;

/// A claim of a series: its series' hash, its end and start days, and the claim.
pub(crate) type Dated = (u64, Day, Day, ClaimId);

/// Calls `each` with every series (the weighed claims of one measure and item) that holds a
/// `flagged` claim, in date order: by end day, then start day.
pub(crate) fn each_series(ctx: &super::Context, flagged: &dyn Fn(ClaimId) -> bool, mut each: impl FnMut(&[Dated])) {
    let model = ctx.model;
    let series = |id: ClaimId| (model.claims[id].measure, model.claims[id].item.as_deref());
    // Sorting (hash of the series, end, start, claim) groups each series in date order in one
    // vector, read once from the claims, without a table of small vectors.
    let claims = ctx.comparable().iter().copied().chain(ctx.valued().members.iter().copied());
    let mut dated: Vec<Dated> = claims
        .map(|id| {
            let range = model.claims[id].date.range();
            (FxBuildHasher.hash_one(series(id)), range.last, range.first, id)
        })
        .collect();
    dated.sort_unstable();
    for run in dated.chunk_by(|a, b| a.0 == b.0).filter(|run| run.iter().any(|d| flagged(d.3))) {
        if run.iter().all(|d| series(d.3) == series(run[0].3)) {
            each(run);
        } else {
            // Two series that share a hash: apart again, each still in date order.
            let mut run = run.to_vec();
            run.sort_by_key(|d| series(d.3));
            run.chunk_by(|a, b| series(a.3) == series(b.3)).for_each(&mut each);
        }
    }
}

/// The claims as the series checks weigh them: a `?` its block determines is its valued copy.
#[derive(Clone, Copy)]
pub(crate) struct Claims<'m> {
    pub(crate) model: &'m Model,
    derived: Option<&'m HashMap<ClaimId, Claim>>,
}

impl<'m> Claims<'m> {
    pub(crate) fn new(model: &'m Model, valued: &'m Valued) -> Self {
        Claims { model, derived: Some(&valued.derived) }
    }

    pub(crate) fn get(self, id: ClaimId) -> &'m Claim {
        let claim = &self.model.claims[id];
        match self.derived {
            Some(derived) if claim.value.unknown => derived.get(&id).unwrap_or(claim),
            _ => claim,
        }
    }

    /// Whether the claim has values to weigh: written, or derived from its block.
    pub(crate) fn valued(self, id: ClaimId) -> bool {
        !self.model.claims[id].value.unknown || self.derived.is_some_and(|d| d.contains_key(&id))
    }
}

impl<'m> From<&'m Model> for Claims<'m> {
    /// The model's claims, with no `?` valued.
    fn from(model: &'m Model) -> Self {
        Claims { model, derived: None }
    }
}

/// Where a derived value comes from: `its total`, `its parts`, `the other shares`.
fn origin<'m>(model: &'m Model, claim: &Claim) -> Option<(&'static str, &'m Block)> {
    let block = &model.blocks[claim.block.filter(|_| claim.value.unknown)?];
    let words = match block.kind {
        BlockKind::Shares { .. } => "the other shares of its block",
        BlockKind::Total { total } if model.claims[total].loc == claim.loc => "its parts",
        BlockKind::Total { .. } => "its total",
    };
    Some((words, block))
}

/// A claim's values for a message: `$4.18bn (4.175–4.185)`, or for a `?` valued by its block
/// `` the value of `x` derived from its total ($39–41bn) ``.
pub(crate) fn describe(model: &Model, claim: &Claim) -> String {
    match origin(model, claim) {
        Some((from, _)) => format!("the value of `{}` derived from {from} ({})", name(claim), stated(model, claim)),
        None => claim.value.describe(),
    }
}

/// `$4.18bn`, or a derived value's interval: `$39–41bn`.
pub(crate) fn stated(model: &Model, claim: &Claim) -> String {
    match claim.value.unknown {
        true => amount(&claim.value.interval, &claim.value.display_scale(), notes::unit_of(model, claim)),
        false => claim.value.stated(),
    }
}

/// The value as written: `$4.3bn`, or what the written values of its block derive, `the derived $40bn`.
pub(crate) fn written(model: &Model, claim: &Claim) -> String {
    match claim.value.unknown {
        true => format!(
            "the derived {}",
            amount(&claim.value.nominal, &claim.value.display_scale(), notes::unit_of(model, claim))
        ),
        false => claim.value.written.to_string(),
    }
}

fn name(claim: &Claim) -> &str {
    claim.item.as_deref().unwrap_or(&claim.measure_name)
}

/// For each derived value among `claims`, a label on what it is derived from: its total, or its
/// `shares` line (a `?` total is its block's own line); one label for each.
pub(crate) fn origin_labels<'c>(model: &Model, claims: impl IntoIterator<Item = &'c Claim>) -> Vec<Label> {
    let mut labels: Vec<Label> = Vec::new();
    for (claim, (_, block)) in claims.into_iter().filter_map(|c| Some((c, origin(model, c)?))) {
        let label = match block_head(block).map(|t| &model.claims[t]) {
            Some(total) if total.value.unknown => continue,
            Some(total) => notes::value_label(
                total,
                format!("`{}` is derived from this total, {}", name(claim), total.value.describe()),
            ),
            None => {
                Label::new(block.loc.file, block.loc.span, format!("`{}` is derived from these shares", name(claim)))
            }
        };
        if !labels.iter().any(|l| l.span == label.span && l.file == label.file) {
            labels.push(label);
        }
    }
    labels
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

pub(crate) fn deciding(claims: Claims, earlier: &[Dated]) -> Option<Deciding> {
    let &(_, last, first, _) = earlier.last()?;
    let from = earlier.iter().rposition(|d| (d.1, d.2) != (last, first)).map_or(0, |i| i + 1);
    let model = claims.model;
    let value = |c: &ClaimId| &claims.get(*c).value;
    let latest = &earlier[from..];
    // A `?` is known only through its block: the stated claims decide, if any.
    let any_stated = latest.iter().any(|d| !model.claims[d.3].value.unknown);
    let mut stated =
        latest
            .iter()
            .map(|d| d.3)
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
