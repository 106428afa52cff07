//! `unit-mismatch` for a claim's value against its measure's unit (the one declared, or for a
//! measure declared without one, its first claim's), for a range that runs backwards in that
//! unit, and for a `shares` block whose measure is not in `%`. Scale words (`k`, `m`, `bn`,
//! `tn`) are not units, so `$4.3bn` fits a measure `unit USD`. Expressions in `assert` lines
//! are checked by the assertion check.

use crate::finding::{Finding, Label};
use crate::model::{BlockKind, Claim, ClashKind, Measure, Model};
use crate::registry::{self, Docs};

pub static DOCS: Docs = Docs {
    what: "A value whose unit does not fit: a claim in `%` for a measure declared in USD, a claim of a measure declared without a unit in another unit than its first claim (`17kg`, then `17,000`), a range that its bare fraction runs backwards in the measure's unit (`30..1/2` outside a `%` measure), a `shares` block whose measure is not in `%`, or an `assert` that adds USD to Mtoe or compares a ratio with a currency.",
    why: "Numbers in different units cannot be compared; a unit slip usually means the wrong measure or a mistyped value.",
    example: "measure trade \"Bilateral trade\" unit USD\n2000 trade = 5.8% [@xing]   ; `%` does not fit `USD`",
    fix: "Use the measure's unit (scale words such as `bn` are fine: `$1.5bn`), or claim the value under a measure of its own unit. Declare the unit of a measure (`unit Mtoe`), which its bare numbers then take.",
};

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    let mut findings = shares_not_in_percent(model);
    findings.extend(model.unit_clashes.iter().map(|clash| {
        let (claim, measure) = (&model.claims[clash.claim], &model.measures[clash.measure]);
        match clash.kind {
            ClashKind::Unit => unit_clash(model, claim, measure),
            ClashKind::Fraction => reversed_range(model, claim, measure),
        }
    }));
    findings
}

/// Where a measure's unit comes from, as a label: its declaration, or for a measure declared
/// without one, its first claim (whose unit, or lack of one, the others must share).
fn unit_source(model: &Model, measure: &Measure) -> Option<Label> {
    let name = &measure.name;
    match (&measure.unit, measure.set_by.map(|c| &model.claims[c])) {
        (Some(unit), _) => {
            measure.unit_span.map(|span| Label::new(measure.loc.file, span, format!("`{name}` is declared in {unit}")))
        }
        (None, Some(first)) => {
            let sets = first.value.unit.as_deref().map_or_else(
                || format!("the first claim of `{name}` is a bare number, so its claims take no unit"),
                |unit| format!("the first claim of `{name}` sets its unit: {unit}"),
            );
            Some(Label::new(first.loc.file, first.value.span, sets))
        }
        (None, None) => None,
    }
}

/// A value in another unit than its measure's: the declared one (which a bare number takes),
/// or for a measure declared without one, its first claim's (a bare number being in none).
fn unit_clash(model: &Model, claim: &Claim, measure: &Measure) -> Finding {
    let (name, unit) = (&measure.name, claim.value.unit.as_deref());
    let first_unit = measure.set_by.and_then(|c| model.claims[c].value.unit.as_deref());
    let is = unit.map_or_else(|| "has no unit".into(), |u| format!("is in {u}"));
    let measure_is = match (&measure.unit, first_unit) {
        (Some(declared), _) => format!("is in {declared}"),
        (None, Some(set)) => format!("is in {set}, the unit of its first claim"),
        (None, None) => "takes bare numbers, as its first claim is written".into(),
    };
    let span = claim.value.unit_span().unwrap_or(claim.value.span);
    let label = Label::new(claim.loc.file, span, unit.map_or_else(|| "no unit".into(), |u| format!("unit {u}")));
    let message = format!("`{}` {is}, but measure `{name}` {measure_is}", model.written(claim));
    let mut finding = Finding::new(&registry::UNIT_MISMATCH, message, label);
    if let Some(source) = unit_source(model, measure) {
        finding = finding.with_related(source);
    }
    finding.with_help(match (&measure.unit, first_unit.or(unit)) {
        (Some(declared), _) => {
            format!("write the value in {declared}, or claim it under a measure declared in {}", unit.unwrap_or(""))
        }
        (None, suggested) => format!(
            "values in different units cannot be compared: declare the measure's unit (`measure {name} … unit {}`), which a bare number then takes, and write every claim of `{name}` in it; claim values in another unit under a measure of their own",
            suggested.unwrap_or("…")
        ),
    })
}

/// A range whose ends run backwards in its measure's unit, but would not in the other reading
/// of its bare fraction: it was written as if the measure were (or were not) in %.
fn reversed_range(model: &Model, claim: &Claim, measure: &Measure) -> Finding {
    let (name, written) = (&measure.name, model.written(claim));
    let (message, help) = if measure.unit.as_deref() == Some("%") {
        (
            format!("`{written}` runs backwards in measure `{name}`, which is in %: a bare fraction there is a share of the whole (1/2 is 50%)"),
            "write both ends in %, or claim the value under a measure that is not in %".to_string(),
        )
    } else {
        (
            format!("`{written}` runs backwards in measure `{name}`: a bare fraction is a share of the whole (1/2 is 50%) only in a measure declared in %"),
            format!("declare `{name}` with `unit %` if its values are percentages, or write both ends as plain numbers"),
        )
    };
    let label = Label::new(claim.loc.file, claim.value.span, format!("runs backwards in `{name}`"));
    Finding::new(&registry::UNIT_MISMATCH, message, label).with_help(help)
}

/// Shares are percentages of one whole: a `shares` block of a measure in another unit (the
/// one declared, or for a measure declared without one, its first claim's).
fn shares_not_in_percent(model: &Model) -> Vec<Finding> {
    let blocks = model.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Shares { .. }));
    blocks
        .filter_map(|block| {
            let unit = model.measure_unit(block.measure?).filter(|&u| u != "%")?;
            let measure = &model.measures[block.measure?];
            let whose = if measure.unit.is_none() { ", the unit of its first claim" } else { "" };
            let mut finding = Finding::new(
                &registry::UNIT_MISMATCH,
                format!("a `shares` block takes a measure in %, but `{}` is in {unit}{whose}", measure.name),
                Label::new(block.loc.file, block.loc.span, "shares of a whole are percentages"),
            );
            if let Some(source) = unit_source(model, measure) {
                finding = finding.with_related(source);
            }
            Some(finding.with_help(format!(
                "give the shares a measure declared `unit %`, or list amounts in {unit} as a `total` block"
            )))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{codes, findings};

    #[test]
    fn percent_against_currency() {
        let text = "source s \"S\"\nmeasure trade \"T\" unit USD\n2000 trade = 5.8% [@s]\n";
        assert_eq!(codes(text), vec![("unit-mismatch", 3)]);
    }

    #[test]
    fn scale_and_currency_forms_fit() {
        let text = "source s \"S\"\nmeasure trade \"T\" unit USD\n2000 trade = $1.5bn [@s]\n2001 trade = USD 2bn [@s]\n2002 trade = 3bn USD [@s]\n2003 trade = 4 [@s]\n";
        assert!(codes(text).is_empty());
    }

    #[test]
    fn shares_need_a_percent_measure() {
        let head = "source s \"S\"\nmeasure trade \"T\" unit USD\nmeasure share \"S\" unit %\nmeasure plain \"P\"\n";
        let text = format!("{head}2001 shares trade [@s]\n    A $60bn\n    B $50bn\n");
        assert_eq!(codes(&text), vec![("unit-mismatch", 5)]);
        let text = format!("{head}2001 shares share [@s]\n    A 60%\n2001 shares plain [@s]\n    A 60%\n");
        assert!(codes(&text).is_empty());
        let text = format!("{head}2001 total trade = $110bn [@s]\n    A $60bn\n    B $50bn\n");
        assert!(codes(&text).is_empty());
    }

    #[test]
    fn the_first_claim_sets_an_undeclared_unit() {
        let head = "source s \"S\"\nmeasure n \"N\"\n";
        let clash = |a: &str, b: &str| codes(&format!("{head}2000 n = {a} [@s]\n2000 n {b} [@s]\n"));
        // Never a `conflict`: values in different units cannot be compared.
        for (a, b) in [("10 Mtoe/yr", "= 55bcm/yr"), ("4.3 M", "= 4.3m"), ("17kg", "= 17,000"), ("10 Mtoe/yr", "= $10")]
        {
            assert_eq!(clash(a, b), [("unit-mismatch", 4)], "{a} then {b}");
        }
        let found = findings(&format!("{head}2000 n = 17kg [@s]\n2001 n = 17,000 [@s]\n2002 n = 3 kg [@s]\n"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "`17,000` has no unit, but measure `n` is in kg, the unit of its first claim");
        assert_eq!(found[0].related[0].message, "the first claim of `n` sets its unit: kg");
        assert!(found[0].help.as_deref().unwrap().contains("`measure n … unit kg`"));
        let bare = &findings(&format!("{head}2000 n = 4.3 [@s]\n2001 n = 4.3 M [@s]\n"))[0].message;
        assert_eq!(bare, "`4.3 M` is in M, but measure `n` takes bare numbers, as its first claim is written");
        // One unit throughout is fine, and a real contradiction in it is still found.
        assert!(clash("10 Mtoe/yr", "~ 11 Mtoe/yr").iter().all(|(code, _)| *code == "rounding"));
        assert_eq!(clash("10 Mtoe/yr", "= 20 Mtoe/yr"), [("conflict", 4)]);
    }

    #[test]
    fn block_members_count_and_a_question_mark_has_any_unit() {
        let head = "source s \"S\"\nmeasure n \"N\"\n";
        let total = format!("{head}2000 total n = ? [@s]\n    a $4bn\n2001 total n = $9bn [@s]\n    a $4bn\n    b ?\n");
        assert_eq!(codes(&total), [("derived", 3), ("derived", 7)]);
        let mixed = format!("{head}2000 total n = $9bn [@s]\n    a 4bn\n    b $5bn\n");
        assert_eq!(codes(&mixed), [("unit-mismatch", 4)]);
        // A `shares` block of a measure whose first claim is in USD, and one in % that is fine.
        let shares = format!("{head}2000 n = $1bn [@s]\n2001 shares n [@s]\n    a $2bn\n    b $3bn\n");
        assert_eq!(codes(&shares), [("unit-mismatch", 4)]);
        let shares = format!("{head}2001 shares n [@s]\n    a 20%\n    b ?\n2002 n = 5% [@s]\n");
        assert_eq!(codes(&shares), [("derived", 5)]);
    }

    #[test]
    fn a_range_reversed_in_its_measure_is_a_fraction_read_the_other_way() {
        let ranges = "2000 p = 30..1/2 [@s]\n2001 p = 1/2..30 [@s]\n2002 n = 30..1/2 [@s]\n2003 n = 1/4..30 [@s]\n";
        let text = format!("source s \"S\"\nmeasure p \"P\" unit %\nmeasure n \"N\"\n{ranges}");
        let found = findings(&text);
        assert_eq!(codes(&text), [("unit-mismatch", 5), ("unit-mismatch", 6)]);
        assert!(found[0].message.contains("which is in %"), "{}", found[0].message);
        assert!(found[1].help.as_deref().unwrap().starts_with("declare `n` with `unit %`"));
    }

    #[test]
    fn named_units() {
        let text = "source s \"S\"\nmeasure border \"B\" unit km\n2000 border > 1,780 km [@s]\n2001 border = 1,780 miles [@s]\n";
        assert_eq!(codes(text), vec![("unit-mismatch", 4)]);
    }
}
