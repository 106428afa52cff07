//! Claims of one quantity (one measure and item at one written date, as `conflict` groups
//! them) pin one value: where they agree, the series checks weigh each as their common values
//! (`~ $4.2bn` beside `$4.18bn` is 4.175–4.185) and label the siblings that narrowed it. Only
//! written facts in the measure's unit (`comparable`) that a flag may weigh are grouped; claims
//! that share no value are a `conflict`, and each keeps its own.

use super::super::notes::value_label;
use super::super::series_claims::SeriesClaims;
use super::{each_quantity, Dated};
use crate::finding::Label;
use crate::model::{Claim, ClaimId, Loc, MeasureId, Model, Nominal, Value};
use crate::syntax::ast::Cmp;
use crate::value::interval::cmp_upper;
use crate::value::number::show;
use crate::value::Interval;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cmp::Ordering;

/// The series (measure and item) with a `trend`, `max` or `min` flag, and the measures with a
/// `largest` or `smallest` flag: the claims a flag may weigh.
pub(super) struct Flagged<'m> {
    series: HashSet<(Option<MeasureId>, Option<&'m str>)>,
    measures: HashSet<Option<MeasureId>>,
}

impl<'m> Flagged<'m> {
    /// From the flags the series' claims carry, noted as they were found (see [`SeriesClaims`]).
    pub(super) fn new(model: &'m Model, series: &SeriesClaims) -> Self {
        let key = |&id: &ClaimId| (model.claims[id].measure(), model.claims[id].item.as_deref());
        Flagged {
            series: series.flagged_series.iter().map(key).collect(),
            measures: series.flagged_measures.iter().copied().collect(),
        }
    }

    pub(super) fn weighs(&self, c: &Claim) -> bool {
        self.measures.contains(&c.measure()) || self.series.contains(&(c.measure(), c.item.as_deref()))
    }
}

/// The claims their siblings narrow, each as a copy holding the common values.
#[derive(Default)]
pub(crate) struct Siblings {
    /// For each claim, its place in `narrowed` plus one, or 0; empty when none is narrowed.
    index: Vec<u32>,
    narrowed: Vec<Narrowed>,
    /// The place of each copy by the claim's location, to tell a copy in a message.
    by_loc: HashMap<Loc, usize>,
}

struct Narrowed {
    /// The claim with the common values; its comparator tells the bounds they exclude.
    claim: Claim,
    id: ClaimId,
    /// The siblings whose bounds the common values take (one may set both).
    by: [Option<ClaimId>; 2],
}

/// Which of two values has the tighter lower bound (greater), and upper bound (less): of two
/// at one value, the one `>` or `<` excludes.
fn lower(a: &Value, b: &Value) -> Ordering {
    a.interval.lo.cmp(&b.interval.lo).then(a.excludes_lo().cmp(&b.excludes_lo()))
}
fn upper(a: &Value, b: &Value) -> Ordering {
    cmp_upper(&a.interval.hi, &b.interval.hi).then(b.excludes_hi().cmp(&a.excludes_hi()))
}

impl Siblings {
    /// The claims of one quantity have one series and one date: they are neighbours in `dated`.
    pub(super) fn new(model: &Model, dated: &[Dated], flagged: &Flagged) -> Siblings {
        let mut siblings = Siblings::default();
        each_quantity(model, dated, |group| {
            if flagged.weighs(&model.claims[group[0]]) {
                _ = siblings.narrow(model, group);
            }
        });
        if !siblings.narrowed.is_empty() {
            siblings.index = vec![0; model.claims.len()];
            for (at, narrowed) in siblings.narrowed.iter().enumerate() {
                // Fewer copies than claims, whose ids fit in memory: always in range.
                siblings.index[narrowed.id] = u32::try_from(at + 1).unwrap_or(0);
                siblings.by_loc.insert(narrowed.claim.loc, at);
            }
        }
        siblings
    }

    /// Narrows each claim of one quantity (in model order) to the values all of them allow;
    /// `None` when they allow none.
    fn narrow(&mut self, model: &Model, group: &[ClaimId]) -> Option<()> {
        let value = |id: &ClaimId| &model.claims[*id].value;
        // The first claim with the tightest bound sets it.
        let lowest = group.iter().rev().max_by(|a, b| lower(value(a), value(b)))?;
        let highest = group.iter().min_by(|a, b| upper(value(a), value(b)))?;
        let (lo, hi) = (value(lowest), value(highest));
        // A value excludes one bound at most: `> $1bn` beside `< $2bn` are weighed as written.
        let touch = lo.excludes_lo() || hi.excludes_hi();
        let apart = matches!((&lo.interval.lo, &hi.interval.hi), (Some(l), Some(h)) if l > h || (l == h && touch));
        if apart || lo.excludes_lo() && hi.excludes_hi() {
            return None;
        }
        let common = Interval { lo: lo.interval.lo.clone(), hi: hi.interval.hi.clone() };
        let nominal =
            group.iter().try_fold(Interval::everything(), |all, id| all.intersect(&value(id).nominal.interval()));
        let nominal = nominal.and_then(|n| n.intersect(&common)).unwrap_or_else(|| common.clone());
        for &id in group {
            let own = value(&id);
            let lo_by = (lower(own, lo) != Ordering::Equal).then_some(*lowest);
            let hi_by = (upper(own, hi) != Ordering::Equal).then_some(*highest);
            if lo_by.is_none() && hi_by.is_none() {
                continue;
            }
            let mut claim = model.claims[id].clone();
            claim.value.cmp = comparator(own.cmp, lo.excludes_lo(), hi.excludes_hi());
            claim.value.widened = common != nominal;
            (claim.value.interval, claim.value.nominal) = (common.clone(), Nominal::new(nominal.clone()));
            let by = [lo_by, hi_by.filter(|&h| lo_by != Some(h))];
            self.narrowed.push(Narrowed { claim, id, by });
        }
        Some(())
    }

    pub(super) fn get(&self, id: ClaimId) -> Option<&Claim> {
        let at = *self.index.get(id)?;
        (at > 0).then(|| &self.narrowed[at as usize - 1].claim)
    }

    /// The copy's narrowing, when `claim` is a copy.
    fn of(&self, claim: &Claim) -> Option<&Narrowed> {
        let narrowed = &self.narrowed[*self.by_loc.get(&claim.loc)?];
        std::ptr::eq(&narrowed.claim, claim).then_some(narrowed)
    }

    /// A copy's values as written, the siblings' that narrowed it too: `~ $4.2bn with $4.18bn`.
    pub(super) fn stated(&self, model: &Model, claim: &Claim) -> Option<String> {
        let narrowed = self.of(claim)?;
        let by: Vec<String> = narrowed.by.iter().flatten().map(|&s| model.stated(&model.claims[s])).collect();
        Some(format!("{} with {}", model.stated(&model.claims[narrowed.id]), by.join(" and ")))
    }

    /// A copy's values: `~ $4.2bn with $4.18bn of the same date (4.175–4.185)`.
    pub(super) fn describe(&self, model: &Model, claim: &Claim) -> Option<String> {
        Some(format!("{} of the same date ({})", self.stated(model, claim)?, covers(&claim.value)))
    }

    /// A label on each sibling that narrowed a copy among `claims`, once each, none on a claim
    /// among them.
    pub(super) fn labels(&self, model: &Model, claims: &[&Claim]) -> Vec<Label> {
        let mut labels: Vec<Label> = Vec::new();
        let by = claims.iter().filter_map(|c| self.of(c)).flat_map(|n| n.by.iter().flatten());
        for sibling in by.map(|&s| &model.claims[s]).filter(|s| claims.iter().all(|c| c.loc != s.loc)) {
            let label = value_label(sibling, format!("with the claim of the same date: {}", model.describe(sibling)));
            if !labels.iter().any(|l| l.span == label.span && l.file == label.file) {
                labels.push(label);
            }
        }
        labels
    }
}

/// The comparator that excludes the bound the common values exclude (`>` the lower, `<` the
/// upper; never both, see [`Siblings::narrow`]).
fn comparator(own: Cmp, lo: bool, hi: bool) -> Cmp {
    match (lo, hi) {
        (true, _) => Cmp::Gt,
        (false, true) => Cmp::Lt,
        (false, false) => match own {
            Cmp::Gt => Cmp::Ge,
            Cmp::Lt => Cmp::Le,
            own => own,
        },
    }
}

/// The values a claim covers, in its scale: `4.175–4.185`, `above 4.5`.
fn covers(value: &Value) -> String {
    let scale = value.display_scale();
    match (&value.interval.lo, &value.interval.hi) {
        (Some(lo), None) if value.excludes_lo() => format!("above {}", show(&(lo / &scale))),
        (None, Some(hi)) if value.excludes_hi() => format!("below {}", show(&(hi / &scale))),
        _ => value.interval.display_in(&scale),
    }
}
