//! `trend`: `up`, `down`, `doubled`, `halved`, `tripled` against the latest earlier claims of
//! the measure and item (ending before this one starts), by binary search in each series sorted
//! by end date; multipliers allow the tolerance. A `?` of a block, flagged or earlier, weighs
//! as the values its block derives; one its block leaves open leaves the flag unjudged. A
//! written claim weighs as the values the claims of its quantity leave it (`latest::siblings`).

use super::latest::change::{change, plainly_holds, possible, times, Change};
use super::latest::{self, alone_written, deciding, Claims, Dated, Deciding};
use super::notes::{self, amount, value_label};
use crate::finding::{Finding, Label};
use crate::model::{Claim, ClaimId};
use crate::registry::{self, Docs};
use crate::source::Span;
use crate::syntax::ast::Flag;
use crate::value::number::{int, ratio};
use crate::value::Interval;

pub static DOCS: Docs = Docs {
    what: "A claim flagged `up`, `down`, `doubled`, `halved` or `tripled` that the latest earlier claim of the same measure and item contradicts: no values within both claims' rounding rise (fall), or stand in the ratio ×2 (×½, ×3) within the file's tolerance. A `?` member (or `?` total) of a `shares` or `total` block, flagged or earlier, counts with the value its block derives for it (its `derived` note), unless the block leaves it open, contradicts itself or another claim of the same quantity, or holds a plan: then it decides nothing. A written claim, flagged or earlier, counts with the values that all the written claims of its measure, item and written date allow (`~ $5bn` beside `$4.6bn` is 4.55–4.65), and the claims that narrowed it are labelled; plans narrow nothing, and claims of one date that share no value (a `conflict`) each count alone.",
    why: "The flag records what the manuscript says about the change (\"trade doubled\"); when the numbers it cites say otherwise, the text or a number is wrong.",
    example: "2000 trade = $1.5bn [@xing]\n2001 trade = $1.3bn up [@xing]    ; $1.3bn (1.25–1.35) is not above the earlier $1.5bn (1.45–1.55)",
    fix: "Check both figures and the wording. If the change is measured against another year, claim that year's value too; drop the flag if the text does not say it.",
};

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let dated = latest::flag_series(ctx);
    match ctx.two_threads() {
        // Shared out in parts with any thread that runs out of checks (see `trend_parts`).
        true => super::trend_parts::judge_shared(ctx, dated),
        false => check_part(ctx, dated),
    }
}

/// The findings of the series in `dated`, a part of [`latest::flag_series`] (see [`latest::cut`]).
pub(super) fn check_part(ctx: &super::Context, dated: &[Dated]) -> Vec<Finding> {
    let (model, claims) = (ctx.model, ctx.claims());
    let mut findings = Vec::new();
    let flagged = |id: ClaimId| model.claims[id].flags.iter().any(|(f, _)| change(*f).is_some()) && claims.valued(id);
    latest::each_series(model, dated, flagged, |series| check_series(claims, series, flagged, &mut findings));
    findings
}

/// Checks the flagged claims of one series, `dated` in date order, against their predecessors.
fn check_series(claims: Claims, dated: &[Dated], flagged: impl Fn(ClaimId) -> bool, findings: &mut Vec<Finding>) {
    // The deciding claims of the latest earlier date, found once per date (`before` only grows).
    let mut cached: Option<(usize, Option<Deciding>)> = None;
    for (at, (start, id)) in dated.iter().map(|d| (d.first, d.id())).enumerate().filter(|&(_, (_, id))| flagged(id)) {
        let claim = claims.get(id);
        // The claims ending before this one starts, by end day: nearly always those before it.
        let before = match dated[at].last >= start && at.checked_sub(1).is_none_or(|p| dated[p].last < start) {
            true => at,
            false => dated.partition_point(|d| d.last < start),
        };
        // Nearly always one `up` or `down` that holds against one written claim alone at the
        // latest earlier date: nothing to report, and no deciding claims need be gathered.
        if let ([(flag, _)], Some(old)) = (&claim.flags[..], alone_written(claims.model, &dated[..before])) {
            if change(*flag).is_some_and(|change| plainly_holds(&change, &claim.value, &claims.get(old).value)) {
                continue;
            }
        }
        if cached.as_ref().is_none_or(|(at, _)| *at != before) {
            cached = Some((before, deciding(claims, &dated[..before])));
        }
        let Some((_, Some(deciding))) = &cached else { continue };
        for &(flag, span) in &claim.flags {
            if let Some(change) = change(flag) {
                let both = [deciding.rise, deciding.fall];
                let olds = match (&change, deciding.sure) {
                    (Change::Up, _) => &both[..1],
                    (Change::Down, _) => &both[1..],
                    (Change::Times(..), true) if deciding.rise == deciding.fall => &both[..1],
                    (Change::Times(..), true) => &both[..],
                    // Claims that may be of different facts: a multiple is judged against each.
                    (Change::Times(..), false) => &deciding.each[..],
                };
                let judge = |&old: &ClaimId| check_change(claims, claim, claims.get(old), &change, (flag, span));
                // Nearly always one claim decides (claims of different facts are several): its finding.
                if let [old] = olds {
                    findings.extend(judge(old));
                    continue;
                }
                let mut found: Vec<Finding> = olds.iter().filter_map(judge).collect();
                let is_clash = |f: &Finding| f.code() == registry::TREND.code;
                let clashes = found.iter().filter(|f| is_clash(f)).count();
                // Against claims that may be of different facts, only a clash with each is sure.
                if !deciding.sure && matches!(change, Change::Times(..)) && clashes < olds.len() || found.is_empty() {
                    continue;
                }
                // One finding: the first clash (else the rounding note), labelling every claim it clashes with.
                let first = found.remove(found.iter().position(is_clash).unwrap_or(0));
                let others = found.into_iter().filter(|f| clashes > 1 && is_clash(f));
                findings.push(others.fold(first, Finding::with_labels_of));
            }
        }
    }
}

fn check_change(
    claims: Claims,
    new: &Claim,
    old: &Claim,
    change: &Change,
    (flag, span): (Flag, Span),
) -> Option<Finding> {
    let model = claims.model;
    // Only a multiple allows the tolerance: a rise or fall is judged without it.
    let tolerance = || match change {
        Change::Times(..) => model.file_info(new.loc.file).map_or_else(|| ratio(1, 10), |f| f.tolerance.clone()),
        Change::Up | Change::Down => int(0),
    };
    let (n, o, written) = (&new.value, &old.value, &old.value.nominal.interval());
    let clash = !possible(change, (&n.interval, n), (&o.interval, o), written, &tolerance);
    // Most flags hold even as written: no message is built for them.
    if !clash && possible(change, (&n.nominal.interval(), n), (written, o), written, &tolerance) {
        return None;
    }
    let tolerance = tolerance();
    let word = Flag::ALL.iter().find(|(_, f)| *f == flag).map_or("", |(w, _)| w);
    let subject = format!("{} for {}", model.subject(new), new.date.text);
    let (kind, earlier) = match old.value.unknown {
        true => ("value derived", format!("{} for {}", latest::describe(claims, old), old.date.text)),
        false => ("claim", format!("the earlier {} claimed for {}", latest::describe(claims, old), old.date.text)),
    };
    let relation = match change {
        Change::Up => "above".to_string(),
        Change::Down => "below".to_string(),
        Change::Times(_, multiple) => format!("about {multiple}"),
    };
    let within = |values: &Interval| match change {
        Change::Times(k, _) => format!(
            ": within the {} tolerance that is {}",
            notes::percent(&tolerance),
            amount(&times(k, values, written, &tolerance), &new.value.display_scale(), notes::unit_of(model, new))
        ),
        _ => String::new(),
    };
    let labels = |finding: Finding| {
        let mut finding = finding
            .with_related(value_label(new, latest::describe(claims, new)))
            .with_related(value_label(old, format!("the latest earlier claim: {}", latest::describe(claims, old))));
        finding.related.extend(latest::origin_labels(model, [new, old]));
        finding.related.extend(latest::sibling_labels(claims, &[new, old]));
        finding
    };
    let primary = Label::new(new.loc.file, span, format!("`{word}` from {}", old.date.text));
    if clash {
        let finding = Finding::new(
            &registry::TREND,
            format!("{subject} is flagged `{word}`, but the earlier {} for {} contradicts it", kind, old.date.text),
            primary,
        )
        .with_help(format!(
            "{} is not {relation} {earlier}{}",
            latest::describe(claims, new),
            within(&old.value.interval)
        ));
        return Some(labels(finding));
    }
    Some(labels(notes::rounding(
        format!("{subject} is `{word}` from {} only within rounding", old.date.text),
        primary,
        Vec::new(),
        format!(
            "as written {} is not {relation} {}{}; within rounding it can be",
            latest::written(claims, new),
            latest::written(claims, old),
            within(&old.value.nominal.interval())
        ),
    )))
}

#[cfg(test)]
#[path = "trend_tests.rs"]
mod tests;
