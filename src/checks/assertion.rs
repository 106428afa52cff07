//! `assertion`: an `assert` that no values in range can satisfy. Both sides are evaluated
//! with exact interval arithmetic over the claims the assert names; numbers written in
//! an assert are exact. The same compilation reports the assert's `unit-mismatch`es and
//! `MEASURE@DATE` references that match no claim (`unknown-id`).

use crate::engine::expr::{self, claim_unit, Compiled, Problem, Resolver, Verdict};
use crate::engine::units::Unit;
use crate::finding::{Finding, Label};
use crate::model::{build::visit_expr, Assert, Model};
use crate::registry::{self, Docs};
use crate::source::Span;
use crate::syntax::ast::Expr;

pub static DOCS: Docs = Docs {
    what: "An `assert` that no values within the intervals of its claims can satisfy: each side is computed with interval arithmetic over the claim ids and `MEASURE@DATE` references it names, and the comparison fails for every pair of values. Also an id that names an event or an assert rather than a quantity, and a contradiction that an assert makes together with share blocks, totals or other asserts.",
    why: "An assert records arithmetic the manuscript does (\"trade doubled\", \"China's share is a third of Russia's\"). When the claimed figures cannot satisfy it, a figure, the arithmetic in the text, or the assert itself is wrong.",
    example: "t1999: 1999 trade = $1.2bn [@xing]\nt2000: 2000 trade = $1.5bn [@xing]\nassert t2000 > 2 * t1999 [@xing]   ; $1.45–1.55bn is never above $2.3–2.5bn",
    fix: "Check the claims the assert names against their sources, and the assert against the text. Numbers in an assert are exact: compare with `~` to allow the file's tolerance.",
};

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    let mut findings = Vec::new();
    let resolver = Resolver::new(model);
    for assert in &model.asserts {
        let text = &ctx.sources.get(assert.loc.file).text;
        let here = |span, message: &str| Label::new(assert.loc.file, span, message);
        let finding = match resolver.compile(assert, text) {
            Err(Problem::Unresolved) => None,
            Err(Problem::NotAQuantity { span, name, what }) => {
                let mut finding = Finding::new(
                    &registry::ASSERTION,
                    format!("`{name}` is {what}, not a quantity"),
                    here(span, "has no value to compute with"),
                );
                if let Some(&target) = model.ids.get(&name) {
                    let loc = model.target_loc(target);
                    finding = finding.with_related(Label::new(loc.file, loc.span, format!("`{name}` is defined here")));
                }
                Some(finding.with_help("an assert computes with quantity claims: name a claim's id or `MEASURE@DATE`"))
            }
            Err(Problem::NoClaimAt { span, text, measure, dates }) => {
                Some(no_claim_at(here(span, "no item-less claim has this date"), &text, &measure, &dates))
            }
            Err(Problem::Units { span, op, left, right }) => {
                Some(unit_mismatch(&resolver, assert, text, span, op, [left, right]))
            }
            Ok(compiled) => match expr::judge(model, &compiled) {
                Verdict::Possible | Verdict::Undecided => None,
                Verdict::ZeroDivisor => {
                    Some(impossible(model, assert, text, &compiled, "a divisor can only be 0".into()))
                }
                Verdict::Impossible(sides) => {
                    let never = compiled.never(&sides[0], &sides[1]);
                    Some(impossible(model, assert, text, &compiled, never))
                }
            },
        };
        findings.extend(finding);
    }
    findings
}

fn impossible(model: &Model, assert: &Assert, text: &str, compiled: &Compiled, never: String) -> Finding {
    let span = compiled.lhs.span.cover(compiled.rhs.span);
    let written = text.get(span.start..span.end).unwrap_or("");
    let mut finding = Finding::new(
        &registry::ASSERTION,
        format!("`{written}` cannot hold for any values in range"),
        Label::new(assert.loc.file, span, never.clone()),
    );
    for reference in &compiled.references {
        for &c in &reference.claims {
            let claim = &model.claims[c];
            let message = format!("`{}` = {}", reference.text, claim.value.describe());
            finding = finding.with_related(Label::new(claim.loc.file, claim.value.span, message));
        }
    }
    let side = |s: Span| text.get(s.start..s.end).unwrap_or("");
    let (left, right) = (side(compiled.lhs.span), side(compiled.rhs.span));
    finding.with_help(format!("`{left}` {} `{right}`, but {never}", compiled.cmp.symbol()))
}

/// Two operands (or sides) of different units: the finding labels each operand's claims.
fn unit_mismatch(
    resolver: &Resolver,
    assert: &Assert,
    text: &str,
    span: Span,
    op: &str,
    sides: [(Span, Unit); 2],
) -> Finding {
    let model = resolver.model();
    let [(left_span, left), (right_span, right)] = &sides;
    let (l, r) = (left.name(), right.name());
    let message = match op {
        "add" => format!("cannot add {r} to {l}"),
        "subtract" => format!("cannot subtract {r} from {l}"),
        _ => format!("cannot compare {l} with {r}"),
    };
    let written = |s: &Span| text.get(s.start..s.end).unwrap_or("");
    let (lp, rp) = (left.phrase(), right.phrase());
    let primary = format!("`{}` is {lp}, `{}` is {rp}", written(left_span), written(right_span));
    let mut finding = Finding::new(&registry::UNIT_MISMATCH, message, Label::new(assert.loc.file, span, primary));
    for (side, _) in &sides {
        for root in [&assert.lhs, &assert.rhs] {
            visit_expr(root, &mut |e| {
                let inside = e.span().start >= side.start && e.span().end <= side.end;
                if let (true, Expr::Id(_) | Expr::MeasureAt(..)) = (inside, e) {
                    for c in resolver.resolve(e, text).map(|r| r.claims).unwrap_or_default() {
                        let claim = &model.claims[c];
                        let unit = Unit::written(claim_unit(model, c)).0.phrase();
                        let message = format!("`{}` = {}: {unit}", written(&e.span()), claim.value.describe());
                        finding.related.push(Label::new(claim.loc.file, claim.value.span, message));
                    }
                }
            });
        }
    }
    finding.with_help("`+`, `-` and the comparison need the same unit on both sides (`%` is a plain ratio); convert one side, e.g. multiply it by a rate, or compare quantities of one unit")
}

/// `MEASURE@DATE` naming a date no item-less claim of the measure has: an unknown id.
fn no_claim_at(label: Label, written: &str, measure: &str, dates: &[String]) -> Finding {
    let listed = dates.iter().take(8).map(String::as_str).collect::<Vec<_>>().join(", ");
    let help = match dates.len() {
        0 => format!("no claim of `{measure}` without an item exists; claim the value first"),
        n if n > 8 => format!("`{measure}` is claimed (without an item) for {listed} and {} more dates", n - 8),
        _ => format!("`{measure}` is claimed (without an item) for {listed}"),
    };
    Finding::new(&registry::UNKNOWN_ID, format!("`{written}` matches no claim"), label).with_help(help)
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{codes, findings};

    const HEAD: &str = "source s \"S\"\nmeasure trade \"T\" unit USD\nmeasure oil \"O\" unit Mtoe\nmeasure share \"S\" unit %\nt1: 1999 trade = $1.2bn [@s]\nt2: 2000 trade = $1.5bn [@s]\nsh: 2000 share = 17.5% [@s]\n";

    fn lines(asserts: &str) -> Vec<(&'static str, usize)> {
        codes(&format!("{HEAD}{asserts}")).into_iter().filter(|(c, _)| *c != "derived").collect()
    }

    #[test]
    fn impossible_asserts_state_both_sides() {
        let found = findings(&format!("{HEAD}assert t2 > 2 * t1 [@s]\n"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code(), "assertion");
        assert_eq!(found[0].related.len(), 2, "both claims are labelled");
        let help = found[0].help.as_deref().unwrap();
        assert!(help.contains("$1.45–1.55bn is never above $2.3–2.5bn"), "{help}");
    }

    #[test]
    fn rounding_and_tolerance_never_cause_an_alarm() {
        // t2 / t1 is 1.45/1.25 … 1.55/1.15 = 1.16–1.348…: it holds 1.25 and reaches 1.4 − 10 %.
        assert!(lines("assert t2 / t1 = 1.25 [@s]\nassert trade@2000 >= trade@1999 [@s]\n").is_empty());
        assert!(lines("assert t2 / t1 ~ 1.4 [@s]\n").is_empty());
        // `~ 1.5` widens 1.5 to 1.35–1.65 only; a 30 % tolerance to 1.05–1.95.
        assert_eq!(lines("assert t2 / t1 ~ 1.5 [@s]\n"), vec![("assertion", 8)]);
        assert!(codes(&format!("tolerance 30%\n{HEAD}assert t2 / t1 ~ 1.5 [@s]\n")).is_empty());
        // Exact bounds: a strict comparison needs room, a loose one does not.
        let exact = "a: 2000 oil = 5 Mtoe exact [@s]\nb: 2001 oil = 5 Mtoe exact [@s]\n";
        assert_eq!(lines(&format!("{exact}assert a > b [@s]\n")), vec![("assertion", 10)]);
        assert!(lines(&format!("{exact}assert a >= b [@s]\nassert -a < 1 Mtoe - b [@s]\n")).is_empty());
    }

    #[test]
    fn units_must_fit() {
        let text = "o: 2000 oil = 10 Mtoe [@s]\nassert t2 + o > $1bn [@s]\nassert sh > t2 [@s]\nassert sh = 0.175 [@s]\nassert sh * t2 < t2 [@s]\n";
        assert_eq!(lines(text), vec![("unit-mismatch", 9), ("unit-mismatch", 10)]);
        let found = findings(&format!("{HEAD}{text}"));
        assert_eq!(found[0].message, "cannot add Mtoe to USD");
        assert_eq!(found[1].message, "cannot compare a plain ratio with USD");
    }

    #[test]
    fn division_by_intervals_holding_zero() {
        // t1 − t1 may be 0, so the quotient is unbounded: nothing to report on its own.
        assert!(lines("assert t2 / (t2 - t1 - $0.3bn) > 0 [@s]\n").is_empty());
        assert_eq!(lines("assert t2 / (t1 - t1 + $0bn) > 1 [@s]\nassert t2 / 0 = $1bn [@s]\n"), vec![("assertion", 9)]);
    }

    #[test]
    fn names_that_are_not_quantities() {
        let text =
            "e: 2000 event \"E\" [@s]\nassert e > t1 [@s]\nassert nothing > t1 [@s]\nassert trade@2001 > t1 [@s]\n";
        assert_eq!(lines(text), vec![("assertion", 9), ("unknown-id", 10), ("unknown-id", 11)]);
    }

    #[test]
    fn deep_and_long_expressions_do_not_overflow() {
        let nested = format!("{}t1{}", "(".repeat(60), ")".repeat(60));
        // A chain nests as deep as it is long (the tree clones recursively, so not too long).
        let chain = vec!["t1"; 500].join(" + ");
        let text =
            format!("assert {nested} = t1 [@s]\nassert {chain} > t1 [@s]\nassert -(-(-t1)) < $0bn - $1bn [@s]\n");
        assert!(lines(&text).is_empty());
    }
}
