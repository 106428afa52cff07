//! `record`: `max`/`min` (nothing of the same measure and item, at any date, beyond it) and
//! `largest`/`smallest` (nothing of the measure dated strictly earlier beyond it). Only a claim
//! forced beyond the record contradicts it. Each group keeps the claim reaching furthest;
//! `largest`/`smallest` use running leaders over the claims sorted by end date.

use super::notes::value_label;
use crate::finding::{Finding, Label};
use crate::model::{Claim, ClaimId, Model};
use crate::registry::{self, Docs};
use crate::source::Span;
use crate::syntax::ast::Flag;
use crate::value::Interval;
use rustc_hash::FxHashMap as HashMap;

pub static DOCS: Docs = Docs {
    what: "A claim flagged `max` or `min` that another claim of the same measure and item, at any date, must exceed or undercut; or a claim flagged `largest` or `smallest` that a claim of the same measure (any item) dated strictly earlier must exceed or undercut. Rounding is allowed for: only a value forced beyond the record counts.",
    why: "A record is a strong statement (\"the largest deal in the country's history\"); one earlier or other figure beyond it shows that the flag, the figure or the date is wrong.",
    example: "aktobe: 1997-06 deal \"AktobeMunaiGas\" = $4.3bn largest [@walker, 9]\npetro: 2005-08 deal \"PetroKazakhstan\" = $4.18bn largest [@pala]\n; $4.18bn (4.175–4.185) is below the earlier $4.3bn (4.25–4.35) claimed for 1997-06",
    fix: "Check both figures and dates; narrow the flag if the text means a narrower record (\"largest Chinese deal\" is a measure of its own), or drop it.",
};

/// Which way a record points: nothing may be forced above it (`max`, `largest`) or below it.
#[derive(Clone, Copy)]
enum Side {
    Above,
    Below,
}

/// The values as claimed (0) and as written (1).
const VIEWS: [fn(&Claim) -> &Interval; 2] = [|c| &c.value.interval, |c| &c.value.nominal];

/// True when `other` reaches further to `side` than `than`.
fn further(side: Side, other: &Interval, than: &Interval) -> bool {
    match side {
        Side::Above => other.lo > than.lo,
        // An unbounded leader gives way to any claim (to another unbounded one harmlessly).
        Side::Below => than.hi.as_ref().is_none_or(|t| other.hi.as_ref().is_some_and(|o| o < t)),
    }
}

/// True when every value of `other` lies beyond every value of `record` on `side`.
fn forced_beyond(side: Side, record: &Interval, other: &Interval) -> bool {
    match side {
        Side::Above => matches!((&other.lo, &record.hi), (Some(o), Some(r)) if o > r),
        Side::Below => matches!((&other.hi, &record.lo), (Some(o), Some(r)) if o < r),
    }
}

/// For each side and view, the claim reaching furthest.
#[derive(Clone, Copy)]
struct Leaders([[ClaimId; 2]; 2]);

impl Leaders {
    fn new(id: ClaimId) -> Self {
        Leaders([[id; 2]; 2])
    }

    fn add(&mut self, model: &Model, id: ClaimId) {
        for (side, leaders) in [Side::Above, Side::Below].into_iter().zip(&mut self.0) {
            for (view, leader) in VIEWS.iter().zip(leaders.iter_mut()) {
                if further(side, view(&model.claims[id]), view(&model.claims[*leader])) {
                    *leader = id;
                }
            }
        }
    }
}

static SERIES_FLAGS: [Flag; 2] = [Flag::Max, Flag::Min];
static AS_OF_FLAGS: [Flag; 2] = [Flag::Largest, Flag::Smallest];

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    let record_flag = |(flag, _): &(Flag, Span)| SERIES_FLAGS.contains(flag) || AS_OF_FLAGS.contains(flag);
    if !model.claims.iter().any(|c| c.flags.iter().any(record_flag)) {
        // Most files flag no record: spare the grouping of every claim.
        return Vec::new();
    }
    let mut series: HashMap<(usize, Option<&str>), Vec<ClaimId>> = HashMap::default();
    let mut measures: HashMap<usize, Vec<ClaimId>> = HashMap::default();
    for &id in ctx.comparable() {
        let c = &model.claims[id];
        let Some(measure) = c.measure else { continue };
        series.entry((measure, c.item.as_deref())).or_default().push(id);
        measures.entry(measure).or_default().push(id);
    }
    let any_flagged =
        |claims: &[ClaimId], wanted| claims.iter().any(|&id| flagged(&model.claims[id], wanted).next().is_some());
    let mut findings = Vec::new();
    for claims in series.values().filter(|claims| any_flagged(claims, &SERIES_FLAGS)) {
        let mut leaders = Leaders::new(claims[0]);
        claims.iter().for_each(|&id| leaders.add(model, id));
        for claim in claims.iter().map(|&id| &model.claims[id]) {
            findings
                .extend(flagged(claim, &SERIES_FLAGS).filter_map(|&flag| judge(model, claim, flag, &leaders, false)));
        }
    }
    for claims in measures.values_mut().filter(|claims| any_flagged(claims, &AS_OF_FLAGS)) {
        claims.sort_by_key(|&id| (model.claims[id].date.range().last, model.claims[id].date.range().first, id));
        let (mut leaders, mut running) = (Leaders::new(claims[0]), Vec::with_capacity(claims.len()));
        for &id in claims.iter() {
            leaders.add(model, id);
            running.push(leaders);
        }
        for claim in claims.iter().map(|&id| &model.claims[id]) {
            let start = claim.date.range().first;
            let earlier = claims.partition_point(|&other| model.claims[other].date.range().last < start);
            let Some(before) = earlier.checked_sub(1).and_then(|i| running.get(i)) else { continue };
            findings.extend(flagged(claim, &AS_OF_FLAGS).filter_map(|&flag| judge(model, claim, flag, before, true)));
        }
    }
    findings
}

/// The claim's flags among `wanted`.
fn flagged<'m>(claim: &'m Claim, wanted: &'m [Flag]) -> impl Iterator<Item = &'m (Flag, Span)> {
    claim.flags.iter().filter(move |(f, _)| wanted.contains(f))
}

/// The finding for one flag, given the leading claims: an error when the claimed values
/// contradict it, a rounding note when only the written ones do.
fn judge(model: &Model, claim: &Claim, flag: (Flag, Span), leaders: &Leaders, earlier: bool) -> Option<Finding> {
    let (flag, span) = flag;
    let (side, beyond, rival, clash) = match flag {
        Flag::Max | Flag::Largest => (Side::Above, "below", "larger", "<"),
        _ => (Side::Below, "above", "smaller", ">"),
    };
    let leaders = leaders.0[side as usize];
    let view = (0..2).find(|&v| forced_beyond(side, VIEWS[v](claim), VIEWS[v](&model.claims[leaders[v]])))?;
    let other = &model.claims[leaders[view]];
    let word = Flag::ALL.iter().find(|(_, f)| *f == flag).map_or("", |(w, _)| w);
    let (the, scope) =
        if earlier { ("the earlier ", format!("as of {}", claim.date.text)) } else { ("", "at any date".into()) };
    let subject = format!("{} for {}", claim.subject(), claim.date.text);
    let against = |shown: &str| format!("{beyond} {the}{shown} claimed for {}", other.date.text);
    let (rule, message, help) = if view == 0 {
        let message =
            format!("{subject} is flagged `{word}`, but {the}{} for {} is {rival}", other.subject(), other.date.text);
        // The clash in short first, as the spec writes it (`$4.18bn < $4.3bn`), then the intervals.
        let short = format!("{} {clash} {}", claim.value.stated(), other.value.stated());
        let help = format!("{short}: {} is {}", claim.value.describe(), against(&other.value.describe()));
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
    fn largest_looks_only_at_strictly_earlier_claims() {
        let same_year = ["1997 deal a = $4.3bn", "1997-06 deal b = $4.18bn largest", "2005 deal c = $9bn"];
        assert!(codes(&claims(&same_year)).is_empty());
        let plan = ["1996 deal a = $4.3bn target", "1997 deal b = $4.18bn largest"];
        assert!(codes(&claims(&plan)).is_empty());
        let rounded = ["1996 deal a = $4.2bn", "1997 deal b = $4.18bn largest", "1990 deal c = $0.1bn smallest"];
        assert_eq!(codes(&claims(&rounded)), vec![("rounding", 5)]);
        assert_eq!(codes(&claims(&["1996 deal a = $0.5bn", "1997 deal b = $0.60bn smallest"])), vec![("record", 5)]);
    }

    #[test]
    fn max_and_min_over_the_whole_series() {
        // 1.55–1.65 touches 1.45–1.55: equal at 1.55 is no contradiction; 1.65–1.75 is.
        assert_eq!(codes(&claims(&["2000 trade = $1.5bn max", "2005 trade = $1.6bn"])), vec![("rounding", 4)]);
        assert_eq!(codes(&claims(&["2000 trade = $1.5bn max", "2005 trade = $1.7bn"])), vec![("record", 4)]);
        let other_item = ["2000 trade = $1.5bn max", "2005 trade = $1.55bn", "2001 trade oil = $9bn"];
        assert_eq!(codes(&claims(&other_item)), vec![("rounding", 4)]);
        assert_eq!(codes(&claims(&["2000 trade = $1.5bn min", "1995 trade < $1.3bn"])), vec![("record", 4)]);
        assert!(codes(&claims(&["2000 trade = $1.5bn min", "1995 trade = $1.4bn estimate"])).is_empty());
    }
}
