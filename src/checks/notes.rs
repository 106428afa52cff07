//! The info notes `derived` and `rounding`, and the helpers the value checks (shares,
//! totals, conflicts, trends, records) share to pick comparable claims and to describe
//! values and sums in the user's units.

use super::latest::same_series;
use crate::engine::units::Shown;
use crate::finding::{Finding, Label};
use crate::model::{Claim, ClaimId, MeasureId, Model};
use crate::registry::{self, Docs};
use crate::syntax::ast::Flag;
use crate::value::number::{int, show, Q};
use crate::value::Interval;
use rustc_hash::FxHashSet as HashSet;

pub static DERIVED: Docs = Docs {
    what: "The value a `?` member of a `shares` or `total` block must have for the block to add up: for shares, 100 % minus the other members (never below 0 % or above 100 %); for totals, the total minus the other parts, or the sum of the parts for a `?` total (never below 0 unless the block writes a negative value: parts of a total are amounts).",
    why: "Writing `?` says the manuscript leaves a value implicit; the note shows what the other numbers imply, so it can be compared with the text or with other sources.",
    example: "late 1990s shares border-area complete [@pannier]\n    Kazakhstan 56.9%\n    China      ?          ; derived: `China` is implied to be 43.05–43.15%",
    fix: "Nothing to fix: it is an info note, shown with the other notes and always in JSON. Write the value instead of `?` if the manuscript states it.",
};

pub static ROUNDING: Docs = Docs {
    what: "A shares, total, conflict, trend or record check that passes only because written values stand for intervals: the numbers as written would contradict each other, but values within their rounding or `~` tolerance agree.",
    why: "Rounded figures rarely add up exactly (three shares of 33.3 % make 99.9 %), so this is no error; but when the agreement rests on rounding alone it is worth a look, in case one of the figures is mistyped.",
    example: "2000 shares trade-share complete [@kazstat]\n    China  33.3%\n    Russia 33.3%\n    EU     33.3%        ; rounding: 99.9% as written, 99.75–100.05% within rounding",
    fix: "Nothing to fix if the figures are rounded in the source. Otherwise correct the mistyped value; write `exact` after a value that is not rounded.",
};

/// Claims whose units clash with their measure: their intervals are not in the measure's unit.
pub fn clashing(model: &Model) -> HashSet<ClaimId> {
    model.unit_clashes.iter().map(|c| c.claim).collect()
}

/// The claims of the series, both kinds in model order, and the flags they carry, noted in the
/// one pass over the claims that finds them (the series checks read no claim's flags again to
/// learn which series and measures a flag may weigh).
pub struct SeriesClaims {
    /// Claims whose values a series check compares: a declared measure, a written (not `?`)
    /// value in the measure's unit, and a fact rather than a plan.
    pub comparable: Vec<ClaimId>,
    /// The `?` members of blocks that `comparable` leaves out (a series' values known only
    /// through their blocks).
    pub derived_members: Vec<ClaimId>,
    /// Whether any claim of the model carries a flag other than a plan's.
    pub flags: bool,
    /// Whether any claim of the series carries `max`, `min`, `largest` or `smallest`.
    pub record_flags: bool,
    /// A claim of each series (measure and item) where a claim of the series carries a flag
    /// that weighs it (`max`, `min` or a change; not a plan's, nor `largest` or `smallest`):
    /// one for each stretch of such claims of one series in model order.
    pub flagged_series: Vec<ClaimId>,
    /// The measures of the series' claims that carry `largest` or `smallest` (once for each
    /// stretch of such claims of one measure in model order).
    pub flagged_measures: Vec<Option<MeasureId>>,
}

/// Both kinds of [`SeriesClaims`], in one pass over the claims.
pub fn series_claims(model: &Model) -> SeriesClaims {
    let clashing = clashing(model);
    let mut found = SeriesClaims {
        comparable: Vec::new(),
        derived_members: Vec::new(),
        flags: false,
        record_flags: false,
        flagged_series: Vec::new(),
        flagged_measures: Vec::new(),
    };
    // The series of the last claim in `flagged_series`.
    let mut last_flagged = None;
    for (id, c) in model.claims.iter().enumerate() {
        // What the claim's flags say, in one look at them.
        let (mut plan, mut weighs_series, mut weighs_measure, mut record) = (false, false, false, false);
        for (flag, _) in &c.flags {
            match flag {
                Flag::Target | Flag::Forecast | Flag::Estimate => plan = true,
                Flag::Largest | Flag::Smallest => weighs_measure = true,
                Flag::Max | Flag::Min => (weighs_series, record) = (true, true),
                Flag::Up | Flag::Down | Flag::Doubled | Flag::Halved | Flag::Tripled => weighs_series = true,
            }
        }
        found.flags |= weighs_series || weighs_measure;
        // Nearly every file has no unit clash: no claim is looked up then.
        if c.measure().is_none() || plan || (!clashing.is_empty() && clashing.contains(&id)) {
            continue;
        }
        match c.value.unknown {
            true => found.derived_members.push(id),
            false => found.comparable.push(id),
        }
        found.record_flags |= weighs_measure || record;
        let series = (c.measure(), c.item.as_deref());
        if weighs_series && last_flagged.is_none_or(|last| !same_series(last, series)) {
            found.flagged_series.push(id);
            last_flagged = Some(series);
        }
        if weighs_measure && found.flagged_measures.last() != Some(&c.measure()) {
            found.flagged_measures.push(c.measure());
        }
    }
    found
}

/// The values of a sum as written, for a help line: `5.8% + 29.9% + 21.8%`, or the first
/// few and `and 988 more` (see [`crate::finding::listed`]).
pub fn sum_of<'c>(model: &Model, claims: impl IntoIterator<Item = &'c Claim>) -> String {
    crate::finding::listed(claims, " + ", |claim| model.describe(claim))
}

/// `` `b` ``, `` `b` and `c` ``, `` `b`, `c` and `d` ``: the names of `?` parts.
pub fn listed_names(claims: &[&Claim]) -> String {
    let names: Vec<String> =
        claims.iter().map(|c| format!("`{}`", c.item.as_deref().unwrap_or(&c.measure_name))).collect();
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// A label on a claim's value.
pub fn value_label(claim: &Claim, message: impl Into<String>) -> Label {
    Label::new(claim.loc.file, claim.value.span, message)
}

/// A block member for labels: `China 5.8% (5.75–5.85)`, `Other ?`.
pub fn member_label(model: &Model, claim: &Claim) -> String {
    format!("{} {}", claim.item.as_deref().unwrap_or(&claim.measure_name), model.describe(claim))
}

/// The unit claims of this measure are in: the measure's own, or the one written.
pub fn unit_of<'m>(model: &'m Model, claim: &'m Claim) -> Option<&'m str> {
    model.measure(claim).and_then(|m| m.unit.as_deref()).or(claim.value.unit.as_deref())
}

/// An interval (a sum, an implied value) of a claim's unit, in a scale: `99.75–100.05%`,
/// `$11.75–12.25bn`, `$-0.15 to 0.15bn`, `at least $5bn` (claims hold `%` values as
/// percentages, so the unit's factor is 1).
pub fn amount(interval: &Interval, scale: &Q, unit: Option<&str>) -> String {
    Shown { unit: unit.map(str::to_string), scale: scale.clone(), factor: int(1) }.amount(interval)
}

/// A tolerance as a percentage: `10%`.
pub fn percent(fraction: &Q) -> String {
    format!("{}%", show(&(fraction * int(100))))
}

/// The `derived` note for a `?` value: what the rest of its block implies.
pub fn derived(claim: &Claim, implied: &str, because: String) -> Finding {
    let name = claim.item.as_deref().unwrap_or(&claim.measure_name);
    Finding::new(
        &registry::DERIVED,
        format!("`{name}` is implied to be {implied}"),
        value_label(claim, format!("implied {implied}")),
    )
    .with_help(because)
}

/// The `rounding` note: a check that passes only within the values' rounding or tolerance.
pub fn rounding(message: String, primary: Label, related: Vec<Label>, help: String) -> Finding {
    let mut finding = Finding::new(&registry::ROUNDING, message, primary).with_help(help);
    finding.related = related;
    finding
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::number::ratio;

    fn iv(lo: Q, hi: Q) -> Interval {
        Interval::closed(lo, hi).unwrap()
    }

    #[test]
    fn a_long_sum_names_a_dozen_values_and_counts_the_rest() {
        let members: String = (0..15).map(|i| format!("    m{i} 10%\n")).collect();
        let text = format!("source s \"S\"\nmeasure share \"Share\" unit %\n2000 shares share [@s]\n{members}");
        let found = crate::checks::test_support::findings(&text);
        let help = found.iter().find(|f| f.code() == "shares-over-100").and_then(|f| f.help.clone()).unwrap();
        assert!(help.starts_with("10% (9.5–10.5) + 10% (9.5–10.5) + "), "{help}");
        assert_eq!(help.matches(" + ").count(), crate::finding::LISTED - 1, "{help}");
        assert!(help.contains("10% (9.5–10.5) and 3 more sum to at least 142.5%"), "{help}");
    }

    #[test]
    fn amounts_carry_scale_and_unit() {
        let bn = Q::pow10(9);
        let sum = iv(ratio(1175, 100) * &bn, ratio(1225, 100) * &bn);
        assert_eq!(amount(&sum, &bn, Some("USD")), "$11.75–12.25bn");
        assert_eq!(amount(&iv(ratio(3990, 40), ratio(4002, 40)), &int(1), Some("%")), "99.75–100.05%");
        assert_eq!(amount(&iv(int(10), int(12)), &int(1), Some("Mtoe")), "10–12 Mtoe");
        assert_eq!(amount(&Interval::at_least(int(5)), &int(1), Some("USD")), "at least $5");
        assert_eq!(amount(&Interval::at_most(int(5)), &int(1), Some("%")), "at most 5%");
        let signed = Interval::closed(int(-2), int(3)).expect("ordered");
        assert_eq!(amount(&signed, &int(1), Some("USD")), "$-2 to 3");
        assert_eq!(percent(&ratio(1, 10)), "10%");
    }

    #[test]
    fn the_flags_noted_are_those_the_series_claims_carry() {
        let text = "source s \"S\"\nmeasure m \"M\" unit USD\nmeasure n \"N\" unit USD\n\
            2000 m a = 1 up [@s]\n2001 m a = 2 up target [@s]\n2002 m b = 3 [@s]\n2003 m a = 4 down [@s]\n\
            2004 n = 5 largest [@s]\n2005 n c = 6 max [@s]\n2006 m b = 7 estimate smallest [@s]\n2007 m d = ? [@s]\n";
        let file = crate::source::FileId::default();
        let tree = crate::syntax::parse(file, text).0;
        let model = crate::model::build(&[crate::model::build::Parsed { file, text, tree: &tree }]);
        let found = series_claims(&model);
        let series: Vec<ClaimId> = found.comparable.iter().chain(&found.derived_members).copied().collect();
        let carries = |c: ClaimId, wanted: &[Flag]| model.claims[c].flags.iter().any(|(f, _)| wanted.contains(f));
        let weighing = [Flag::Max, Flag::Min, Flag::Up, Flag::Down, Flag::Doubled, Flag::Halved, Flag::Tripled];
        let key = |c: &ClaimId| (model.claims[*c].measure(), model.claims[*c].item.as_deref());
        let expected: HashSet<_> = series.iter().filter(|&&c| carries(c, &weighing)).map(key).collect();
        assert_eq!(found.flagged_series.iter().map(key).collect::<HashSet<_>>(), expected);
        assert_eq!(found.flagged_series.len(), 2, "m a once (no claim between weighs a series), n c");
        let measures: HashSet<_> = series
            .iter()
            .filter(|&&c| carries(c, &[Flag::Largest, Flag::Smallest]))
            .map(|&c| model.claims[c].measure())
            .collect();
        assert_eq!(found.flagged_measures.iter().copied().collect::<HashSet<_>>(), measures);
        assert!(found.flags && found.record_flags);
        let record = [Flag::Max, Flag::Min, Flag::Largest, Flag::Smallest];
        assert_eq!(found.record_flags, series.iter().any(|&c| carries(c, &record)));
    }

    #[test]
    fn plans_and_unknowns_are_not_compared() {
        let text = "source s \"S\"\nmeasure m \"M\" unit USD\n2000 m = 1 [@s]\n2001 m = 2 target [@s]\n2002 m = 3% [@s]\n2003 total m = 5 [@s]\n    a ?\n";
        let file = crate::source::FileId::default();
        let tree = crate::syntax::parse(file, text).0;
        let model = crate::model::build(&[crate::model::build::Parsed { file, text, tree: &tree }]);
        let dates: Vec<&str> =
            series_claims(&model).comparable.iter().map(|&c| model.claims[c].date.text.as_str()).collect();
        assert_eq!(dates, vec!["2000", "2003"]);
    }
}
