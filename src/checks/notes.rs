//! The info notes `derived` and `rounding`, and the helpers the value checks (shares,
//! totals, conflicts, trends, records) share to pick comparable claims and to describe
//! values and sums in the user's units.

use crate::engine::units::Shown;
use crate::finding::{Finding, Label};
use crate::model::{Claim, ClaimId, Model};
use crate::registry::{self, Docs};
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

/// The values of a sum as written, for a help line: `5.8% + 29.9% + 21.8%`, or the first
/// few and `and 988 more` (see [`crate::finding::listed`]).
pub fn sum_of<'c>(model: &Model, claims: impl IntoIterator<Item = &'c Claim>) -> String {
    crate::finding::listed(claims, " + ", |claim| model.describe(claim))
}

/// `` `b` ``, `` `b` and `c` ``, `` `b`, `c` and `d` ``: the names of `?` parts.
pub fn listed_names(model: &Model, claims: &[&Claim]) -> String {
    let names: Vec<String> = claims.iter().map(|c| format!("`{}`", model.item_or_measure(c))).collect();
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
    format!("{} {}", model.item_or_measure(claim), model.describe(claim))
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
pub fn derived(model: &Model, claim: &Claim, implied: &str, because: String) -> Finding {
    let name = model.item_or_measure(claim);
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
}
