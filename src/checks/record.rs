//! `record`: `max`/`min` (nothing of the same measure and item, at any date, beyond it) and
//! `largest`/`smallest` (nothing of the measure dated strictly earlier beyond it); which claims
//! lie beyond a record is `beyond`'s business. The message names the claim reaching
//! furthest; every other claim beyond the record is labelled too (the most extreme dozen, the
//! rest counted). A written claim weighs as the values the claims of its quantity leave it
//! (`latest::siblings`), a `?` as those its block derives.

use super::beyond::{forced_beyond, AsOf, Beyond, Leaders, Series, Side, VIEWS};
use super::latest::{self, describe, stated, Claims};
use super::notes::value_label;
use crate::finding::{joined, Finding, Label};
use crate::model::{Claim, ClaimId};
use crate::registry::{self, Docs};
use crate::source::Span;
use crate::syntax::ast::Flag;
use rustc_hash::FxHashMap as HashMap;

pub static DOCS: Docs = Docs {
    what: "A claim flagged `max` or `min` that another claim of the same measure and item, at any date, must exceed or undercut; or a claim flagged `largest` or `smallest` that a claim of the same measure (any item) dated strictly earlier must exceed or undercut. A `?` member (or `?` total) of a `shares` or `total` block, flagged or not, counts with the value its block derives for it (its `derived` note), unless the block leaves it open, contradicts itself or another claim of the same quantity, or holds a plan: then it decides nothing. A written claim, the record or another, counts with the values that all the written claims of its measure, item and written date allow (`~ $4.2bn` beside `$4.18bn` is 4.175–4.185), and the claims that narrowed it are labelled; plans narrow nothing, and claims of one date that share no value (a `conflict`) each count alone. Rounding is allowed for: only a value forced beyond the record counts. The message names the claim furthest beyond the record; every other claim beyond it is labelled too (past a dozen, the rest are counted in the help).",
    why: "A record is a strong statement (\"the largest deal in the country's history\"); one earlier or other figure beyond it shows that the flag, the figure or the date is wrong.",
    example: "aktobe: 1997-06 deal \"AktobeMunaiGas\" = $4.3bn largest [@walker, 9]\npetro: 2005-08 deal \"PetroKazakhstan\" = $4.18bn largest [@pala]\n; $4.18bn (4.175–4.185) is below the earlier $4.3bn (4.25–4.35) claimed for 1997-06",
    fix: "Check both figures and dates; narrow the flag if the text means a narrower record (\"largest Chinese deal\" is a measure of its own), or drop it.",
};

static SERIES_FLAGS: [Flag; 2] = [Flag::Max, Flag::Min];
static AS_OF_FLAGS: [Flag; 2] = [Flag::Largest, Flag::Smallest];

/// How many claims beyond a record, besides the one the message names, get a label of their
/// own and a place in the help; the rest are counted (`and 99988 more`).
const LABELLED: usize = crate::finding::LISTED;

/// The side a record flag points to.
fn side_of(flag: Flag) -> Side {
    match flag {
        Flag::Max | Flag::Largest => Side::Above,
        _ => Side::Below,
    }
}

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    // Most files flag no record: spare the grouping of every claim. Only the series' claims
    // are weighed, and the pass that found them noted their flags.
    if !ctx.series_claims().record_flags {
        return Vec::new();
    }
    let (model, claims) = (ctx.model, ctx.claims());
    let mut by_series: HashMap<(usize, Option<&str>), Vec<ClaimId>> = HashMap::default();
    let mut by_measure: HashMap<usize, Vec<ClaimId>> = HashMap::default();
    // Written claims first: between equals, a record names a written claim before a derived one.
    let valued = ctx.derived_members().iter().copied().filter(|&id| claims.valued(id));
    for id in ctx.comparable().iter().copied().chain(valued) {
        let c = claims.get(id);
        let Some(measure) = c.measure() else { continue };
        by_series.entry((measure, c.item.as_deref())).or_default().push(id);
        by_measure.entry(measure).or_default().push(id);
    }
    let any_flagged =
        |ids: &[ClaimId], wanted| ids.iter().any(|&id| flagged(&model.claims[id], wanted).next().is_some());
    let mut findings = Vec::new();
    for ids in by_series.values().filter(|ids| any_flagged(ids, &SERIES_FLAGS)) {
        let mut series = Series::new(claims, ids);
        for claim in ids.iter().map(|&id| claims.get(id)) {
            for &flag in flagged(claim, &SERIES_FLAGS) {
                let beyond = series.beyond(side_of(flag.0), claim);
                findings.extend(judge(claims, claim, flag, &series.leaders, false, beyond));
            }
        }
    }
    for ids in by_measure.into_values().filter(|ids| any_flagged(ids, &AS_OF_FLAGS)) {
        let as_of = AsOf::new(claims, ids);
        for side in [Side::Above, Side::Below] {
            let on_side = |&(flag, _): &(Flag, Span)| side_of(flag) == side;
            for (claim, leaders, beyond) in as_of.beyond(side, |claim| flagged(claim, &AS_OF_FLAGS).any(on_side)) {
                for &flag in flagged(claim, &AS_OF_FLAGS).filter(|&flag| on_side(flag)) {
                    findings.extend(judge(claims, claim, flag, leaders, true, beyond.clone()));
                }
            }
        }
    }
    findings
}

/// The claim's flags among `wanted`.
fn flagged<'m>(claim: &'m Claim, wanted: &'m [Flag]) -> impl Iterator<Item = &'m (Flag, Span)> {
    claim.flags.iter().filter(move |(f, _)| wanted.contains(f))
}

/// The finding for one flag, given the leading claims: an error when the claimed values
/// contradict it, a rounding note when only the written ones do. An error names the leader
/// and labels every other claim `beyond` it too (the most extreme ones, counting the rest).
fn judge(
    claims: Claims,
    claim: &Claim,
    flag: (Flag, Span),
    leaders: &Leaders,
    earlier: bool,
    beyond: Beyond,
) -> Option<Finding> {
    let (flag, span) = flag;
    let side = side_of(flag);
    let (beyond_word, rival, clash) = match side {
        Side::Above => ("below", "larger", "<"),
        Side::Below => ("above", "smaller", ">"),
    };
    let (model, leaders) = (claims.model, leaders.of(side));
    let view = (0..2).find(|&v| forced_beyond(side, VIEWS[v], claim, claims.get(leaders[v])))?;
    let other = claims.get(leaders[view]);
    let word = Flag::ALL.iter().find(|(_, f)| *f == flag).map_or("", |(w, _)| w);
    let (the, scope) =
        if earlier { ("the earlier ", format!("as of {}", claim.date.text)) } else { ("", "at any date".into()) };
    let subject = format!("{} for {}", model.subject(claim), claim.date.text);
    let against = |shown: &str| match other.value.unknown {
        true => format!("{beyond_word} {shown} for {}", other.date.text),
        false => format!("{beyond_word} {the}{shown} claimed for {}", other.date.text),
    };
    let derived = if other.value.unknown { " derived" } else { "" };
    let mut also = Vec::new();
    let (rule, message, help) = if view == 0 {
        let message = format!(
            "{subject} is flagged `{word}`, but {the}{}{derived} for {} is {rival}",
            model.subject(other),
            other.date.text
        );
        // The clash in short first, as the spec writes it (`$4.18bn < $4.3bn`), then the intervals.
        let short = format!("{} {clash} {}", stated(claims, claim), stated(claims, other));
        let mut help = format!("{short}: {} is {}", describe(claims, claim), against(&describe(claims, other)));
        // The other claims beyond the record, the most extreme first, shown in file order.
        also = beyond.extreme.iter().copied().filter(|&c| c != leaders[0]).take(LABELLED).collect::<Vec<_>>();
        also.sort_by_key(|&c| (claims.get(c).loc, c));
        if !also.is_empty() {
            let items: Vec<String> = also
                .iter()
                .map(|&c| format!("{} for {}", stated(claims, claims.get(c)), claims.get(c).date.text))
                .collect();
            let more = beyond.count.saturating_sub(1 + also.len());
            let earlier = if earlier { " and earlier" } else { "" };
            help.push_str(&format!("; also {rival}{earlier}: {}", joined(&items, more, false)));
        }
        (&registry::RECORD, message, help)
    } else {
        let help = format!(
            "as written {} is {}; within rounding it need not be",
            latest::written(claims, claim),
            against(&latest::written(claims, other))
        );
        (&registry::ROUNDING, format!("{subject} is `{word}` only within rounding"), help)
    };
    let mut finding =
        Finding::new(rule, message, Label::new(claim.loc.file, span, format!("`{word}` {scope}"))).with_help(help);
    finding.related = vec![
        value_label(claim, describe(claims, claim)),
        value_label(other, format!("{rival}: {}", describe(claims, other))),
    ];
    let too = |c: &Claim| value_label(c, format!("{rival} too: {}", describe(claims, c)));
    let also: Vec<&Claim> = also.iter().map(|&c| claims.get(c)).collect();
    finding.related.extend(also.iter().map(|c| too(c)));
    finding.related.extend(latest::origin_labels(model, [claim, other]));
    let involved: Vec<&Claim> = [claim, other].into_iter().chain(also).collect();
    finding.related.extend(latest::sibling_labels(claims, &involved));
    Some(finding)
}

#[cfg(test)]
#[path = "record_tests.rs"]
mod tests;
