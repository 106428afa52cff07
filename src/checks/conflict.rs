//! `conflict`: one measure and item, at one written date, claimed with values that cannot
//! both hold. The claims of a quantity are neighbours in the series checks' table of claims by
//! series and date (`latest::each_quantity`); intervals on a line have a common point exactly
//! when the largest lower bound is at most the smallest upper bound, so one pass over each
//! group finds the clash and the two claims.

use super::latest;
use super::notes::{self, value_label};
use crate::finding::Finding;
use crate::model::{Claim, ClaimId, Model};
use crate::registry::{self, Docs};
use crate::value::interval::cmp_upper_bound;
use crate::value::Bounds;
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

pub static DOCS: Docs = Docs {
    what: "The same measure and item, at the same written date, is claimed with values whose intervals do not overlap: no value within the rounding of both can make both true. Targets, forecasts and estimates are left out.",
    why: "Two sources (or two passages of one manuscript) disagree about one fact; at most one of them is right, and the reader cannot tell which.",
    example: "t2000: 2000 trade = $1.5bn [@xing, 121]\n2000 trade = $2.0bn [@peyrouse, 4]   ; $1.5bn (1.45–1.55) and $2.0bn (1.95–2.05) cannot both hold for 2000",
    fix: "Check both figures against their sources. If they measure different things (exports vs total trade, or different years), give them different measures, items or dates; if one is a plan, flag it `target`, `forecast` or `estimate`.",
};

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    let key = |id: ClaimId| {
        let c = &model.claims[id];
        (c.measure(), c.item.as_deref(), c.date.written())
    };
    // The claims of each quantity are neighbours in the series checks' table (sorted once for
    // all of them), so no table of this check's own is sorted.
    let mut found: Vec<(ClaimId, Finding)> = Vec::new();
    latest::each_quantity(model, ctx.dated(), |group| found.extend(check_group(model, group).map(|f| (group[0], f))));
    // In the order of the keys' hashes (the high bits, which FxHash mixes its last input into),
    // then of the keys: the order this check has always reported in.
    found.sort_by_cached_key(|&(id, _)| ((FxBuildHasher.hash_one(key(id)) >> 32) as u32, key(id)));
    found.into_iter().map(|(_, finding)| finding).collect()
}

/// The claims with the largest lower bound and the smallest upper bound; a bound that `>` or
/// `<` excludes is the tighter of two at the same value.
fn extremes<'m>(claims: &[&'m Claim], interval: fn(&Claim) -> Bounds<'_>) -> Option<(&'m Claim, &'m Claim)> {
    let highest = claims
        .iter()
        .copied()
        .max_by(|a, b| interval(a).lo.cmp(&interval(b).lo).then(a.value.excludes_lo().cmp(&b.value.excludes_lo())))?;
    let lowest = claims.iter().copied().min_by(|a, b| {
        cmp_upper_bound(interval(a).hi, interval(b).hi).then(b.value.excludes_hi().cmp(&a.value.excludes_hi()))
    })?;
    Some((lowest, highest))
}

/// True when every value of `high` is above every value of `low`: `> $5bn` (above 4.5bn) is
/// apart from `$4bn` (3.5–4.5bn), though the intervals share 4.5bn.
fn apart(low: &Claim, high: &Claim, interval: fn(&Claim) -> Bounds<'_>) -> bool {
    match (interval(high).lo, interval(low).hi) {
        (Some(l), Some(h)) => l > h || (l == h && (high.value.excludes_lo() || low.value.excludes_hi())),
        _ => false,
    }
}

/// The pair ordered as (written later, written earlier): the later claim is the one reported.
fn later<'m>(a: &'m Claim, b: &'m Claim) -> (&'m Claim, &'m Claim) {
    if (a.loc.file, a.loc.span) > (b.loc.file, b.loc.span) {
        (a, b)
    } else {
        (b, a)
    }
}

fn check_group(model: &Model, group: &[ClaimId]) -> Option<Finding> {
    let claims: Vec<&Claim> = group.iter().map(|&id| &model.claims[id]).collect();
    let (low, high) = extremes(&claims, |c| c.value.interval.bounds())?;
    let date = &low.date.text;
    if apart(low, high, |c| c.value.interval.bounds()) {
        let (primary, other) = later(low, high);
        let mut finding = Finding::new(
            &registry::CONFLICT,
            format!(
                "{} for {date} is claimed as both {} and {}",
                model.subject(low),
                model.stated(low),
                model.stated(high)
            ),
            value_label(primary, format!("claimed as {}", model.describe(primary))),
        )
        .with_help(format!("{} and {} cannot both hold for {date}", model.describe(low), model.describe(high)));
        for claim in claims.iter().filter(|c| !std::ptr::eq(**c, primary)) {
            let role = if std::ptr::eq(*claim, other) { "but here as" } else { "and here as" };
            finding = finding.with_related(value_label(claim, format!("{role} {}", model.describe(claim))));
        }
        return Some(finding);
    }
    let (low, high) = extremes(&claims, |c| c.value.nominal.bounds())?;
    if !apart(low, high, |c| c.value.nominal.bounds()) {
        return None;
    }
    let (primary, other) = later(low, high);
    Some(notes::rounding(
        format!(
            "{} for {date}: {} and {} agree only within rounding",
            model.subject(low),
            model.stated(low),
            model.stated(high)
        ),
        value_label(primary, format!("claimed as {}", model.describe(primary))),
        vec![value_label(other, format!("and here as {}", model.describe(other)))],
        format!("as written they differ, but {} and {} overlap", model.describe(low), model.describe(high)),
    ))
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{codes, findings};

    const HEAD: &str = "source s \"S\"\nmeasure trade \"Trade\" unit USD\nmeasure share \"Share\" unit %\n";

    #[test]
    fn disjoint_values_conflict_once_with_every_claim_labelled() {
        let text = format!("{HEAD}2000 trade = $1.5bn [@s]\n2000 trade = $2.0bn [@s]\n2000 trade ~ $1.8bn [@s]\n");
        let found = findings(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code(), "conflict");
        assert_eq!(found[0].related.len(), 2);
        assert_eq!(
            found[0].help.as_deref(),
            Some("$1.5bn (1.45–1.55) and $2.0bn (1.95–2.05) cannot both hold for 2000")
        );
        assert_eq!(codes(&text)[0].1, 5);
    }

    #[test]
    fn strict_comparators_exclude_their_bound() {
        // `> $5bn` is above 4.5bn; `$4bn` is 3.5–4.5bn: they share no value, only a bound.
        let above = format!("{HEAD}2000 trade > $5bn [@s]\n");
        for other in ["2000 trade = $4bn [@s]\n", "2000 trade < $4bn [@s]\n", "2000 trade <= $4bn [@s]\n"] {
            assert_eq!(codes(&format!("{above}{other}")), vec![("conflict", 5)], "{other}");
        }
        assert!(codes(&format!("{above}2000 trade >= $4bn [@s]\n")).is_empty());
        let exact = format!("{HEAD}2000 share = 30% exact [@s]\n");
        assert_eq!(codes(&format!("{exact}2000 share > 30% exact [@s]\n")), vec![("conflict", 5)]);
        assert_eq!(codes(&format!("{exact}2000 share < 30% exact [@s]\n")), vec![("conflict", 5)]);
        assert!(codes(&format!("{exact}2000 share >= 30% exact [@s]\n2000 share <= 30% exact [@s]\n")).is_empty());
    }

    #[test]
    fn rounding_overlap_is_only_a_note() {
        let text = format!("{HEAD}2000 trade = $1.5bn [@s]\n2000 trade = $1.54bn [@s]\n");
        assert_eq!(codes(&text), vec![("rounding", 5)]);
        // One unit beyond: 1.555–1.565 misses 1.45–1.55.
        let text = format!("{HEAD}2000 trade = $1.5bn [@s]\n2000 trade = $1.56bn [@s]\n");
        assert_eq!(codes(&text), vec![("conflict", 5)]);
        let text = format!("{HEAD}2000 trade = $1.5bn [@s]\n2000 trade = $1.5bn [@s]\n");
        assert!(codes(&text).is_empty());
    }

    #[test]
    fn plans_other_dates_items_and_block_members() {
        let text = format!("{HEAD}2000 trade = $1.5bn [@s]\n2000 trade = $2bn target [@s]\n2001 trade = $2bn [@s]\n~2000 trade = $3bn [@s]\n2000 trade \"oil\" = $2bn [@s]\n");
        assert!(codes(&text).is_empty());
        let text = format!(
            "{HEAD}2000 shares share [@s]\n    China 5.8%\n2000 share China = 7% [@s]\n2000 share China > 5.9% [@s]\n"
        );
        assert_eq!(codes(&text), vec![("conflict", 6)]);
    }

    #[test]
    fn dates_covering_the_same_days_written_differently_are_two_dates() {
        // `~1995` and `mid 1990s` both cover 1994–1996; `mid-2002` is `mid 2002` written again.
        let text = format!("{HEAD}~1995 trade = $1bn [@s]\nmid 1990s trade = $5bn [@s]\n~1998 trade = $1bn [@s]\nlate 1990s trade = $5bn [@s]\n");
        assert!(codes(&text).is_empty());
        let periods = format!("{HEAD}~1995..~2000 trade = $1bn [@s]\nmid 1990s..~2000 trade = $5bn [@s]\n");
        assert!(codes(&periods).is_empty(), "each end of a period is a written date");
        let text = format!("{HEAD}mid 2002 trade = $1bn [@s]\nmid-2002 trade = $5bn [@s]\n");
        assert_eq!(codes(&text), vec![("conflict", 5)]);
    }
}
