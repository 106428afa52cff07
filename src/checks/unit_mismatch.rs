//! `unit-mismatch` for a claim's value against its measure's declared unit, and for a
//! `shares` block whose measure is not in `%`. Scale words (`k`, `m`, `bn`, `tn`) are not
//! units, so `$4.3bn` fits a measure `unit USD`. Expressions in `assert` lines are checked
//! by the assertion check.

use crate::finding::{Finding, Label};
use crate::model::{BlockKind, Model};
use crate::registry::{self, Docs};

pub static DOCS: Docs = Docs {
    what: "A value whose unit does not fit: a claim in `%` for a measure declared in USD, a `shares` block whose measure is not in `%`, or an `assert` that adds USD to Mtoe or compares a ratio with a currency.",
    why: "Numbers in different units cannot be compared; a unit slip usually means the wrong measure or a mistyped value.",
    example: "measure trade \"Bilateral trade\" unit USD\n2000 trade = 5.8% [@xing]   ; `%` does not fit `USD`",
    fix: "Use the measure's unit (scale words such as `bn` are fine: `$1.5bn`), or claim the value under a measure of its own unit.",
};

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    let mut findings = shares_not_in_percent(model);
    findings.extend(model.unit_clashes.iter().map(|clash| {
        let claim = &model.claims[clash.claim];
        let measure = &model.measures[clash.measure];
        let unit = claim.value.unit.as_deref().unwrap_or("");
        let measure_unit = measure.unit.as_deref().unwrap_or("");
        let span = claim.value.unit_span.unwrap_or(claim.value.span);
        let mut finding = Finding::new(
            &registry::UNIT_MISMATCH,
            format!("`{}` is in {unit}, but measure `{}` is in {measure_unit}", claim.value.written, measure.name),
            Label::new(claim.loc.file, span, format!("unit {unit}")),
        );
        if let Some(unit_span) = measure.unit_span {
            finding = finding.with_related(Label::new(
                measure.loc.file,
                unit_span,
                format!("`{}` is declared in {measure_unit}", measure.name),
            ));
        }
        finding.with_help(format!("write the value in {measure_unit}, or claim it under a measure declared in {unit}"))
    }));
    findings
}

/// Shares are percentages of one whole: a `shares` block of a measure in another unit.
fn shares_not_in_percent(model: &Model) -> Vec<Finding> {
    let blocks = model.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Shares { .. }));
    blocks
        .filter_map(|block| {
            let measure = &model.measures[block.measure?];
            let unit = measure.unit.as_deref().filter(|&u| u != "%")?;
            let name = &measure.name;
            let mut finding = Finding::new(
                &registry::UNIT_MISMATCH,
                format!("a `shares` block takes a measure in %, but `{name}` is in {unit}"),
                Label::new(block.loc.file, block.loc.span, "shares of a whole are percentages"),
            );
            if let Some(unit_span) = measure.unit_span {
                finding = finding.with_related(Label::new(
                    measure.loc.file,
                    unit_span,
                    format!("`{name}` is declared in {unit}"),
                ));
            }
            Some(finding.with_help(format!(
                "give the shares a measure declared `unit %`, or list amounts in {unit} as a `total` block"
            )))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::codes;

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
    fn named_units() {
        let text = "source s \"S\"\nmeasure border \"B\" unit km\n2000 border > 1,780 km [@s]\n2001 border = 1,780 miles [@s]\n";
        assert_eq!(codes(text), vec![("unit-mismatch", 4)]);
    }
}
