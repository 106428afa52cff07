//! The values a `?` of a `shares` or `total` block takes from its block, derived as the `shares`
//! and `total` checks derive them for their `derived` notes, for the series checks to weigh.

use super::super::notes;
use super::super::series_claims::SeriesClaims;
use super::super::sums::Sum;
use super::siblings::{Flagged, Siblings};
use super::Dated;
use crate::engine::system::part_of_total;
use crate::model::{Block, BlockId, BlockKind, Claim, ClaimId, Model, Nominal};
use crate::value::number::int;
use crate::value::Interval;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Copies of the `?` claims of the series that their block determines, holding the derived
/// values, claimed and as written (still marked `?`); and the written claims their siblings
/// narrow. A block that contradicts itself determines nothing; nor does one with a claim (written or
/// derived) that another claim of the same quantity rules out: that error is reported
/// elsewhere, and values derived from it would only repeat it.
pub(crate) struct Valued {
    pub(super) derived: HashMap<ClaimId, Claim>,
    /// Whether any claim carries a flag other than a plan's: else no series is weighed.
    pub(super) flags: bool,
    /// The written claims that others of their quantity narrow.
    pub(super) siblings: Siblings,
}

impl Valued {
    /// From the claims of the series, and the same by series in date order (see [`super::order::dated`]).
    pub(crate) fn new(model: &Model, series: &SeriesClaims, dated: &[Dated]) -> Valued {
        let (comparable, members) = (&series.comparable, &series.derived_members);
        let flags = series.flags;
        let dated = if flags { dated } else { &[] };
        let flagged = Flagged::new(model, series);
        let siblings = Siblings::new(model, dated, &flagged);
        // Only a `?` a flag may weigh is derived: most are in no flagged series.
        let weighed: Vec<ClaimId> = members.iter().copied().filter(|&m| flagged.weighs(&model.claims[m])).collect();
        let mut derived = HashMap::default();
        if weighed.is_empty() {
            return Valued { derived, flags, siblings };
        }
        // Every block with a `?`, weighed or not: whether a block is disputed must not depend on
        // which series happen to carry flags.
        let mut blocks: Vec<BlockId> = members.iter().filter_map(|&m| model.claims[m].block()).collect();
        blocks.sort_unstable();
        blocks.dedup();
        let clashing = notes::clashing(model);
        let mut every = HashMap::default();
        for block in blocks.iter().map(|&b| &model.blocks[b]) {
            let values = block_values(model, block, &clashing);
            // Shown in the scale and unit of the block's written values.
            let written = block_head(block).into_iter().chain(block.members.iter().copied());
            let like = written.map(|c| &model.claims[c].value).find(|v| !v.unknown);
            for (id, interval, nominal) in values {
                if weighed.binary_search(&id).is_ok() {
                    let mut claim = model.claims[id].clone();
                    (claim.value.scale, claim.value.unit) = like.map_or((None, None), |v| (v.scale, v.unit.clone()));
                    claim.value.widened = interval != nominal;
                    (claim.value.interval, claim.value.nominal) = (interval.clone(), Nominal::new(nominal));
                    derived.insert(id, claim);
                }
                every.insert(id, interval);
            }
        }
        if !derived.is_empty() {
            drop_disputed(model, comparable, &every, &mut derived);
        }
        Valued { derived, flags, siblings }
    }
}

/// Drops the values of each block with a claim of a quantity (measure, item and written date)
/// whose claims, written or derived (`every` derived value), allow no value together.
fn drop_disputed(
    model: &Model,
    comparable: &[ClaimId],
    every: &HashMap<ClaimId, Interval>,
    derived: &mut HashMap<ClaimId, Claim>,
) {
    let key = |id: ClaimId| {
        let c = &model.claims[id];
        (c.measure(), c.item.as_deref(), c.date.written())
    };
    let mut blocks: Vec<BlockId> = derived.values().filter_map(|c| c.block()).collect();
    blocks.sort_unstable();
    blocks.dedup();
    let block_claims =
        |b: BlockId| block_head(&model.blocks[b]).into_iter().chain(model.blocks[b].members.iter().copied());
    let involved: Vec<ClaimId> = blocks.iter().flat_map(|&b| block_claims(b)).collect();
    // The values all claims of each quantity allow: none when two of them are apart.
    let mut common: HashMap<_, Option<Interval>> =
        involved.iter().map(|&c| (key(c), Some(Interval::everything()))).collect();
    let stated = comparable.iter().map(|&c| (c, &model.claims[c].value.interval));
    for (id, values) in stated.chain(every.iter().map(|(&id, values)| (id, values))) {
        if let Some(common) = common.get_mut(&key(id)) {
            *common = common.take().and_then(|all| all.intersect(values));
        }
    }
    let disputed: HashSet<BlockId> =
        involved.iter().filter(|&&c| common[&key(c)].is_none()).filter_map(|&c| model.claims[c].block()).collect();
    derived.retain(|_, claim| claim.block().is_none_or(|b| !disputed.contains(&b)));
}

/// The total claim of a total block.
pub(super) fn block_head(block: &Block) -> Option<ClaimId> {
    match block.kind {
        BlockKind::Total { total } => Some(total),
        BlockKind::Shares { .. } => None,
    }
}

/// Each `?` the block determines, with its values claimed and as written (where the written
/// values leave it none, as claimed), as the `shares` and `total` checks derive them. A value
/// derived from a plan (a `target` total, an `estimate` part) is no fact to weigh.
fn block_values(model: &Model, block: &Block, clashing: &HashSet<ClaimId>) -> Vec<(ClaimId, Interval, Interval)> {
    let head = block_head(block);
    let excluded = |m: &ClaimId| clashing.contains(m) || model.claims[*m].is_plan();
    if block.unparsed_member || block.measure.is_none() || block.members.iter().chain(&head).any(excluded) {
        return Vec::new();
    }
    let view = |nominal| match block.kind {
        BlockKind::Shares { complete } => shares(model, block, complete, nominal),
        BlockKind::Total { total } => parts(model, block, total, nominal),
    };
    let written: HashMap<ClaimId, Interval> = view(true).unwrap_or_default().into_iter().collect();
    let nominal =
        |m: &ClaimId, iv: &Interval| written.get(m).and_then(|w| w.intersect(iv)).unwrap_or_else(|| iv.clone());
    view(false)
        .unwrap_or_default()
        .into_iter()
        .map(|(m, claimed)| {
            let written = nominal(&m, &claimed);
            (m, claimed, written)
        })
        .collect()
}

/// The `?` members of a `shares` block (in percent): 100 % less the others (at most that when
/// the block is not `complete`).
fn shares(model: &Model, block: &Block, complete: bool, nominal: bool) -> Option<Vec<(ClaimId, Interval)>> {
    let percent = block.measure.is_some_and(|m| model.measure_unit(m).is_none_or(|u| u == "%"));
    let sum = Sum::shares(block.members.iter().map(|&m| &model.claims[m]), nominal);
    let hundred = int(100);
    if !percent || sum.above(&hundred) || (complete && sum.below(&hundred)) {
        return None;
    }
    // A `?` adds exactly 0–100 to the sum's bounds: the others' sum is left.
    let others = Interval { lo: sum.interval.lo.clone(), hi: sum.interval.hi.as_ref().map(|hi| hi - &hundred) };
    let rest = Interval::point(hundred.clone()).sub(&others);
    let rest = if complete { rest } else { Interval { lo: Some(int(0)), hi: rest.hi } };
    let implied = rest.intersect(&Interval::closed(int(0), hundred)?)?;
    Some(block.members.iter().filter(|&&m| model.claims[m].value.unknown).map(|&m| (m, implied.clone())).collect())
}

/// The `?` parts of a `total` block (the total less the written parts and the other `?`s), or
/// its `?` total (the sum of its parts), each an amount unless the block is signed.
fn parts(model: &Model, block: &Block, total: ClaimId, nominal: bool) -> Option<Vec<(ClaimId, Interval)>> {
    let each = part_of_total(model, block);
    let within = |iv: Interval| iv.intersect(&each).unwrap_or(iv);
    let (unknown, written): (Vec<&ClaimId>, Vec<&ClaimId>) =
        block.members.iter().partition(|&&m| model.claims[m].value.unknown);
    let known = Sum::parts(written.into_iter().map(|&m| &model.claims[m]), nominal, &each);
    let value = &model.claims[total].value;
    if value.unknown {
        return unknown.is_empty().then(|| vec![(total, within(known.interval))]);
    }
    let sum_of = |n: usize| (0..n).fold(Interval::point(int(0)), |acc, _| acc.add(&each));
    let whole = Sum::of(&model.claims[total], nominal);
    if unknown.is_empty() || known.add(&Sum::closed(sum_of(unknown.len()))).apart(&whole) {
        return None;
    }
    let implied = within(whole.interval.sub(&known.interval).sub(&sum_of(unknown.len() - 1)));
    // Nothing beyond what a part may be anyway: the block does not determine it.
    (implied != each).then(|| unknown.into_iter().map(|&m| (m, implied.clone())).collect())
}

#[cfg(test)]
mod tests {
    use super::super::{stated, Claims};
    use super::Valued;
    use crate::checks::latest::dated;
    use crate::checks::series_claims::series_claims;
    use crate::checks::test_support::findings;

    #[test]
    fn the_values_are_those_of_the_derived_notes() {
        let blocks = [
            "total trade = $50bn\n    x ?\n    y $10bn",
            "total trade = $50bn\n    x ?\n    y ?\n    z $10bn",
            "total trade = ?\n    x $30bn\n    y $10bn",
            "total trade = ?\n    x ?\n    y $1bn",
            "total trade = $-5bn\n    x ?\n    y $3bn",
            "total trade = $-5bn\n    x ?\n    y ?",
            "total trade > $5bn\n    x ?",
            "total trade = $10bn exact\n    a < $5bn exact\n    b ?",
            "total trade = $5bn\n    x ?\n    y $10bn",
            "shares share complete\n    Kazakhstan 56.9%\n    China ?",
            "shares share complete\n    Kazakhstan 56.9%\n    China ?\n    Other ?",
            "shares share\n    China 5.8%\n    Other ?",
            "shares share complete\n    a 60%\n    b 45%\n    c ?",
            "shares share complete\n    a 33.3%\n    b 33.3%\n    c ?",
        ];
        // One year each, so that no two blocks state one quantity.
        let body: Vec<String> = blocks
            .iter()
            .enumerate()
            .map(|(i, b)| format!("{} {}", 2000 + i, b.replacen('\n', " [@s]\n", 1)))
            .collect();
        // A `largest` flag in each measure: each `?` may be weighed, so each is derived.
        let flags = "2100 trade q = $1bn largest [@s]\n2100 share q = 1% largest [@s]";
        let head = "source s \"S\"\nmeasure trade \"T\" unit USD\nmeasure share \"S\" unit %";
        let text = format!("{head}\n{}\n{flags}\n", body.join("\n"));
        let notes: Vec<_> = findings(&text).into_iter().filter(|f| f.code() == "derived").collect();
        let file = crate::source::FileId::default();
        let tree = crate::syntax::parse(file, &text).0;
        let model = crate::model::build(&[crate::model::build::Parsed { file, text: &text, tree: &tree }]);
        let series = series_claims(&model);
        let valued = Valued::new(&model, &series, &dated(&model, &series.comparable, &series.derived_members, false));
        let claims = Claims::new(&model, &valued);
        let mut seen = 0;
        for id in (0..model.claims.len()).filter(|&c| model.claims[c].value.unknown) {
            let note = notes.iter().find(|n| n.primary.span == model.claims[id].value.span);
            let value = claims.valued(id).then(|| format!("is implied to be {}", stated(claims, claims.get(id))));
            assert_eq!(value.is_some(), note.is_some(), "{:?}", model.claims[id]);
            if let (Some(value), Some(note)) = (value, note) {
                assert!(note.message.ends_with(&value), "{} vs {value}", note.message);
                seen += 1;
            }
        }
        assert_eq!((seen, notes.len()), (12, 12));
    }
}
