//! `record`: `max`/`min` (nothing of the same measure and item, at any date, beyond it) and
//! `largest`/`smallest` (nothing of the measure dated strictly earlier beyond it); which claims
//! lie beyond a record is `beyond`'s business. The message names the claim reaching
//! furthest; every other claim beyond the record is labelled too (the most extreme dozen, the
//! rest counted).

use super::beyond::{forced_beyond, AsOf, Beyond, Leaders, Series, Side, VIEWS};
use super::notes::value_label;
use crate::finding::{joined, Finding, Label};
use crate::model::{Claim, ClaimId, Model};
use crate::registry::{self, Docs};
use crate::source::Span;
use crate::syntax::ast::Flag;
use rustc_hash::FxHashMap as HashMap;

pub static DOCS: Docs = Docs {
    what: "A claim flagged `max` or `min` that another claim of the same measure and item, at any date, must exceed or undercut; or a claim flagged `largest` or `smallest` that a claim of the same measure (any item) dated strictly earlier must exceed or undercut. Rounding is allowed for: only a value forced beyond the record counts. The message names the claim furthest beyond the record; every other claim beyond it is labelled too (past a dozen, the rest are counted in the help).",
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
    let model = ctx.model;
    let record_flag = |(flag, _): &(Flag, Span)| SERIES_FLAGS.contains(flag) || AS_OF_FLAGS.contains(flag);
    if !model.claims.iter().any(|c| c.flags.iter().any(record_flag)) {
        // Most files flag no record: spare the grouping of every claim.
        return Vec::new();
    }
    let mut by_series: HashMap<(usize, Option<&str>), Vec<ClaimId>> = HashMap::default();
    let mut by_measure: HashMap<usize, Vec<ClaimId>> = HashMap::default();
    for &id in ctx.comparable() {
        let c = &model.claims[id];
        let Some(measure) = c.measure else { continue };
        by_series.entry((measure, c.item.as_deref())).or_default().push(id);
        by_measure.entry(measure).or_default().push(id);
    }
    let any_flagged =
        |claims: &[ClaimId], wanted| claims.iter().any(|&id| flagged(&model.claims[id], wanted).next().is_some());
    let mut findings = Vec::new();
    for claims in by_series.values().filter(|claims| any_flagged(claims, &SERIES_FLAGS)) {
        let mut series = Series::new(model, claims);
        for claim in claims.iter().map(|&id| &model.claims[id]) {
            for &flag in flagged(claim, &SERIES_FLAGS) {
                let beyond = series.beyond(side_of(flag.0), claim);
                findings.extend(judge(model, claim, flag, &series.leaders, false, beyond));
            }
        }
    }
    for claims in by_measure.into_values().filter(|claims| any_flagged(claims, &AS_OF_FLAGS)) {
        let as_of = AsOf::new(model, claims);
        for side in [Side::Above, Side::Below] {
            let on_side = |&(flag, _): &(Flag, Span)| side_of(flag) == side;
            for (claim, leaders, beyond) in as_of.beyond(side, |claim| flagged(claim, &AS_OF_FLAGS).any(on_side)) {
                for &flag in flagged(claim, &AS_OF_FLAGS).filter(|&flag| on_side(flag)) {
                    findings.extend(judge(model, claim, flag, leaders, true, beyond.clone()));
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
    model: &Model,
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
    let leaders = leaders.of(side);
    let view = (0..2).find(|&v| forced_beyond(side, VIEWS[v], claim, &model.claims[leaders[v]]))?;
    let other = &model.claims[leaders[view]];
    let word = Flag::ALL.iter().find(|(_, f)| *f == flag).map_or("", |(w, _)| w);
    let (the, scope) =
        if earlier { ("the earlier ", format!("as of {}", claim.date.text)) } else { ("", "at any date".into()) };
    let subject = format!("{} for {}", claim.subject(), claim.date.text);
    let against = |shown: &str| format!("{beyond_word} {the}{shown} claimed for {}", other.date.text);
    let mut also = Vec::new();
    let (rule, message, help) = if view == 0 {
        let message =
            format!("{subject} is flagged `{word}`, but {the}{} for {} is {rival}", other.subject(), other.date.text);
        // The clash in short first, as the spec writes it (`$4.18bn < $4.3bn`), then the intervals.
        let short = format!("{} {clash} {}", claim.value.stated(), other.value.stated());
        let mut help = format!("{short}: {} is {}", claim.value.describe(), against(&other.value.describe()));
        // The other claims beyond the record, the most extreme first, shown in file order.
        also = beyond.extreme.iter().copied().filter(|&c| c != leaders[0]).take(LABELLED).collect::<Vec<_>>();
        also.sort_by_key(|&c| (model.claims[c].loc, c));
        if !also.is_empty() {
            let items: Vec<String> = also
                .iter()
                .map(|&c| format!("{} for {}", model.claims[c].value.stated(), model.claims[c].date.text))
                .collect();
            let more = beyond.count.saturating_sub(1 + also.len());
            let earlier = if earlier { " and earlier" } else { "" };
            help.push_str(&format!("; also {rival}{earlier}: {}", joined(&items, more, false)));
        }
        (&registry::RECORD, message, help)
    } else {
        let help = format!(
            "as written {} is {}; within rounding it need not be",
            claim.value.written,
            against(&other.value.written)
        );
        (&registry::ROUNDING, format!("{subject} is `{word}` only within rounding"), help)
    };
    let mut finding =
        Finding::new(rule, message, Label::new(claim.loc.file, span, format!("`{word}` {scope}"))).with_help(help);
    finding.related = vec![
        value_label(claim, claim.value.describe()),
        value_label(other, format!("{rival}: {}", other.value.describe())),
    ];
    let too = |c: &Claim| value_label(c, format!("{rival} too: {}", c.value.describe()));
    finding.related.extend(also.iter().map(|&c| too(&model.claims[c])));
    Some(finding)
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{codes, findings};

    /// Claims of `deal` (by item) and `trade`, each citing one source, from line 4 on.
    fn claims(lines: &[&str]) -> String {
        let body: Vec<String> = lines.iter().map(|l| format!("{l} [@s]\n")).collect();
        format!("source s \"S\"\nmeasure deal \"Deal\" unit USD\nmeasure trade \"Trade\" unit USD\n{}", body.concat())
    }

    #[test]
    fn the_spec_example() {
        let text = claims(&[
            "aktobe: 1997-06 deal \"AktobeMunaiGas\" = $4.3bn largest",
            "petro: 2005-08 deal \"PetroKazakhstan\" = $4.18bn largest",
        ]);
        let found = findings(&text);
        assert_eq!((found.len(), found[0].code(), found[0].related.len()), (1, "record", 2));
        let help =
            "$4.18bn < $4.3bn: $4.18bn (4.175–4.185) is below the earlier $4.3bn (4.25–4.35) claimed for 1997-06";
        assert_eq!(found[0].help.as_deref(), Some(help));
        assert_eq!(codes(&text)[0].1, 5);
    }

    #[test]
    fn every_claim_beyond_a_record_is_labelled() {
        let text =
            claims(&["2012 trade = $24bn max", "2014 trade = $26bn", "2015 trade = $27bn", "2013 trade = $24bn"]);
        let found = findings(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "trade for 2012 is flagged `max`, but trade for 2015 is larger");
        let line = |offset: u32| text[..offset as usize].matches('\n').count() + 1;
        let labels: Vec<(usize, &str)> =
            found[0].related.iter().map(|l| (line(l.span.start), &l.message[..])).collect();
        assert_eq!(
            labels,
            [(4, "$24bn (23.5–24.5)"), (6, "larger: $27bn (26.5–27.5)"), (5, "larger too: $26bn (25.5–26.5)")]
        );
        let help =
            "$24bn < $27bn: $24bn (23.5–24.5) is below $27bn (26.5–27.5) claimed for 2015; also larger: $26bn for 2014";
        assert_eq!(found[0].help.as_deref(), Some(help));
        // `smallest` names the earlier claim furthest below it and lists the others in file order.
        let deals = ["1990 deal = $5bn", "1993 deal = $2.0bn", "1991 deal = $1bn", "1995 deal = $3bn smallest"];
        let help = findings(&claims(&deals))[0].help.clone().unwrap_or_default();
        assert!(help.ends_with("claimed for 1991; also smaller and earlier: $2.0bn for 1993"), "{help}");
    }
}
