//! `assertion`: an `assert` that no values in range can satisfy. Both sides are evaluated
//! with exact interval arithmetic over the claims the assert names; numbers written in
//! an assert are exact. An assert that holds only within its claims' rounding (or the
//! tolerance of `~`) gets a `rounding` note. A divisor whose interval holds 0 among other
//! values makes the quotient unbounded; only a divisor that can only be 0 (a written `$0bn`,
//! which is exact, or claims that leave only 0) is reported as dividing by zero. The same
//! compilation reports the assert's `unit-mismatch`es and `MEASURE@DATE` references that
//! match no claim (`unknown-id`).

use crate::engine::expr::{claim_unit, judge, Compiled, Problem, Reading, Resolver, Verdict};
use crate::engine::units::Unit;
use crate::finding::{Finding, Label};
use crate::model::{Assert, Model};
use crate::registry::{self, Docs};
use crate::source::{squeeze, Span};
use crate::syntax::ast::Cmp;

pub static DOCS: Docs = Docs {
    what: "An `assert` that no values within the intervals of its claims can satisfy: each side is computed with interval arithmetic over the claim ids and `MEASURE@DATE` references it names, and the comparison fails for every pair of values. A divisor whose interval holds 0 and other values makes the quotient unbounded; a divisor that can only be 0 is an error. Also an id that names an event or an assert rather than a quantity, and a contradiction that an assert makes together with share blocks, totals or other asserts.",
    why: "An assert records arithmetic the manuscript does (\"trade doubled\", \"China's share is a third of Russia's\"). When the claimed figures cannot satisfy it, a figure, the arithmetic in the text, or the assert itself is wrong.",
    example: "t1999: 1999 trade = $1.2bn [@xing]\nt2000: 2000 trade = $1.5bn [@xing]\nassert t2000 > 2 * t1999 [@xing]   ; $1.45–1.55bn is never above $2.3–2.5bn",
    fix: "Check the claims the assert names against their sources, and the assert against the text. Numbers in an assert are exact (`%` is a ratio: `35%` is `0.35`, and `$0bn` is exactly 0, so dividing by it is an error); compare with `~` to allow the file's tolerance around the right side. A claim named by its id or `MEASURE@DATE` keeps its rounding: dividing by a claim of `$0bn` (−0.5 to 0.5bn) leaves the quotient unbounded, which is no error.",
};

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    let resolver = Resolver::new(model);
    let mut findings = Vec::new();
    for assert in &model.asserts {
        let text = &ctx.sources.get(assert.loc.file).text;
        findings.extend(match resolver.compile(assert, text) {
            Err(problem) => problem_finding(&resolver, assert, text, problem),
            Ok(compiled) => verdict(model, assert, text, &compiled),
        });
    }
    findings
}

/// The assert judged on its claims: an error when it is impossible, a note when it holds
/// only within rounding or tolerance.
fn verdict(model: &Model, assert: &Assert, text: &str, compiled: &Compiled) -> Option<Finding> {
    let written = |s: Span| squeeze(text.get(s.range()).unwrap_or(""));
    let span = compiled.lhs.span.cover(compiled.rhs.span);
    let (left, right, symbol) = (written(compiled.lhs.span), written(compiled.rhs.span), compiled.cmp.symbol());
    let mut at = span;
    let (rule, message, label, help, rounded_only) = match (
        judge(model, compiled, Reading::Rounded),
        judge(model, compiled, Reading::AsWritten),
    ) {
        (Verdict::ZeroDivisor { span: divisor, written: exact }, _) => {
            at = divisor;
            let d = written(divisor);
            let (label, help) = if exact {
                let label = format!("`{d}` is exactly 0");
                let help = format!("numbers written in an assert are exact, so `{d}` is 0 and nothing divided by it has a value; to divide by a quantity claimed as about 0, name its claim, whose rounding lets it be other than 0");
                (label, help)
            } else {
                let label = format!("`{d}` can only be 0");
                let help = format!(
                    "the claims `{d}` names leave it no value other than 0, and nothing divided by 0 has a value"
                );
                (label, help)
            };
            (&registry::ASSERTION, "divides by zero", label, help, false)
        }
        (Verdict::Impossible(sides), _) => {
            let never = compiled.never(&sides[0], &sides[1]);
            let help = format!("`{left}` {symbol} `{right}`, but {never}");
            (&registry::ASSERTION, "cannot hold for any values in range", never, help, false)
        }
        (Verdict::Possible, Verdict::Impossible(nominal)) => {
            let [l, r] = nominal.as_ref().clone().map(|side| compiled.shown.amount(&side));
            let and_tolerance = if compiled.cmp == Cmp::Approx { " and the tolerance of `~`" } else { "" };
            let help = format!("as written, `{left}` is {l} and `{right}` is {r}: only the claims' rounding{and_tolerance} lets them meet");
            let message = if and_tolerance.is_empty() {
                "holds only within rounding"
            } else {
                "holds only within rounding and tolerance"
            };
            (&registry::ROUNDING, message, format!("{l} vs {r} as written"), help, true)
        }
        _ => return None,
    };
    let mut finding =
        Finding::new(rule, format!("`{}` {message}", written(span)), Label::new(assert.loc.file, at, label));
    let widened = compiled.claims().filter(|(c, _)| model.claims[*c].value.widened).count() > 0;
    for (c, at) in compiled.claims().filter(|(c, _)| !(rounded_only && widened) || model.claims[*c].value.widened) {
        let claim = &model.claims[c];
        let message = format!("`{}` = {}", written(at), claim.value.describe());
        finding.related.push(Label::new(claim.loc.file, claim.value.span, message));
    }
    Some(finding.with_help(help))
}

/// An assert that cannot be evaluated: a name that is not a quantity, a `MEASURE@DATE`
/// that matches no claim, or units that do not fit. Unknown names are `unknown-id`'s.
fn problem_finding(resolver: &Resolver, assert: &Assert, text: &str, problem: Problem) -> Option<Finding> {
    let model = resolver.model();
    let here = |span, message: &str| Label::new(assert.loc.file, span, message);
    let written = |s: Span| squeeze(text.get(s.range()).unwrap_or(""));
    match problem {
        Problem::Unresolved => None,
        Problem::NotAQuantity { span, name, what } => {
            let message = format!("`{name}` is {what}, not a quantity");
            let mut finding = Finding::new(&registry::ASSERTION, message, here(span, "has no value to compute with"));
            if let Some(target) = model.target(&name) {
                let loc = model.target_loc(target);
                finding = finding.with_related(Label::new(loc.file, loc.span, format!("`{name}` is defined here")));
            }
            Some(finding.with_help("an assert computes with quantity claims: name a claim's id or `MEASURE@DATE`"))
        }
        Problem::NoClaimAt { span, text, measure, dates, claimed } => {
            let listed = dates.join(", ");
            let help = match claimed {
                0 => format!("no claim of `{measure}` without an item exists; claim the value first"),
                n if n > dates.len() => {
                    format!("`{measure}` is claimed (without an item) for {listed} and {} more dates", n - dates.len())
                }
                _ => format!("`{measure}` is claimed (without an item) for {listed}"),
            };
            let label = here(span, "no item-less claim has this date");
            Some(Finding::new(&registry::UNKNOWN_ID, format!("`{text}` matches no claim"), label).with_help(help))
        }
        Problem::Units { span, op, left, right } => {
            let (l, r) = (left.1.name(), right.1.name());
            let message = match op {
                "add" => format!("cannot add {r} to {l}"),
                "subtract" => format!("cannot subtract {r} from {l}"),
                _ => format!("cannot compare {l} with {r}"),
            };
            let (lp, rp) = (left.1.phrase(), right.1.phrase());
            let primary = format!("`{}` is {lp}, `{}` is {rp}", written(left.0), written(right.0));
            let mut finding = Finding::new(&registry::UNIT_MISMATCH, message, here(span, &primary));
            for (c, at) in [left.0, right.0].into_iter().flat_map(|s| resolver.claims_within(assert, text, s)) {
                let claim = &model.claims[c];
                let unit = Unit::written(claim_unit(model, c)).0.phrase();
                let message = format!("`{}` = {}: {unit}", written(at), claim.value.describe());
                finding.related.push(Label::new(claim.loc.file, claim.value.span, message));
            }
            Some(finding.with_help("`+`, `-` and the comparison need the same unit on both sides (`%` is a plain ratio); convert one side, e.g. multiply it by a rate, or compare quantities of one unit"))
        }
    }
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
    fn messages_do_not_depend_on_spacing() {
        let found = findings(&format!("{HEAD}assert t2   >   2 *  t1 [@s]\n"));
        assert_eq!(found[0].message, "`t2 > 2 * t1` cannot hold for any values in range");
        assert!(found[0].help.as_deref().unwrap().starts_with("`t2` > `2 * t1`, but"), "{:?}", found[0].help);
    }

    #[test]
    fn rounding_and_tolerance_never_cause_an_alarm() {
        // t2 / t1 is 1.45/1.25 … 1.55/1.15 = 1.16–1.348…: it holds 1.25 and reaches 1.4 − 10 %.
        assert!(lines("assert t2 / t1 = 1.25 [@s]\nassert trade@2000 >= trade@1999 [@s]\n").is_empty());
        // As written, 1.25 is not 1.4: a note (not an error) says it holds only within tolerance.
        assert_eq!(lines("assert t2 / t1 ~ 1.4 [@s]\n"), vec![("rounding", 8)]);
        assert_eq!(lines("assert t2 > 1.26 * t1 [@s]\n"), vec![("rounding", 8)]);
        // `~ 1.5` widens 1.5 to 1.35–1.65 only; a 30 % tolerance to 1.05–1.95.
        assert_eq!(lines("assert t2 / t1 ~ 1.5 [@s]\n"), vec![("assertion", 8)]);
        assert_eq!(codes(&format!("tolerance 30%\n{HEAD}assert t2 / t1 ~ 1.5 [@s]\n")), vec![("rounding", 9)]);
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
    fn a_divisor_is_read_as_its_interval() {
        let claims = "pos: 2001 trade = $2bn [@s]\nneg: 2002 trade = $-2bn [@s]\nzero: 2003 trade = $0bn [@s]\nnought: 2004 trade = $0bn exact [@s]\n";
        let check = |assert: &str| lines(&format!("{claims}{assert} [@s]\n"));
        // Strictly positive: $1bn / 1.5–2.5bn is 0.4–0.667.
        assert!(check("assert $1bn / pos < 1").is_empty());
        assert_eq!(check("assert $1bn / pos > 1"), vec![("assertion", 12)]);
        // Strictly negative: −0.667 to −0.4.
        assert!(check("assert $1bn / neg < 0").is_empty());
        assert_eq!(check("assert $1bn / neg > 0"), vec![("assertion", 12)]);
        // Holding 0: `zero` is −0.5–0.5bn, so the quotient is unbounded either way.
        assert!(check("assert $1bn / zero > 1").is_empty());
        assert!(check("assert $1bn / zero < -1000").is_empty());
        assert!(check("assert $1bn / trade@2003 > 1").is_empty());
        assert!(check("assert pos / -zero = 5").is_empty());
        // 0 at one end: 0–1bn keeps a ray, $1bn / (0, 1bn] is at least 1.
        assert!(check("assert $1bn / (zero + $0.5bn) >= 1").is_empty());
        assert_eq!(check("assert $1bn / (zero + $0.5bn) < 1"), vec![("assertion", 12)]);
        // Exactly 0: a written number (exact), or a claim that is exactly 0.
        assert_eq!(check("assert $1bn / $0bn > 1"), vec![("assertion", 12)]);
        assert_eq!(check("assert $1bn / nought > 1"), vec![("assertion", 12)]);
        assert_eq!(check("assert $1bn / trade@2004 < 0"), vec![("assertion", 12)]);
    }

    #[test]
    fn a_divisor_that_can_only_be_zero_is_labelled() {
        let found = findings(&format!("{HEAD}assert t1 / $0bn > 1 [@s]\n"));
        assert_eq!((found.len(), found[0].code()), (1, "assertion"));
        assert_eq!(found[0].message, "`t1 / $0bn > 1` divides by zero");
        assert_eq!(found[0].primary.message, "`$0bn` is exactly 0");
        assert!(found[0].help.as_deref().unwrap().starts_with("numbers written in an assert are exact"));
        let found = findings(&format!("{HEAD}z: 2003 trade = $0bn exact [@s]\nassert t1 / (2 * z) > 1 [@s]\n"));
        assert_eq!(found[0].primary.message, "`2 * z` can only be 0");
        assert_eq!(found[0].related.len(), 2, "t1 and z: {:?}", found[0].related);
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
        // A chain nests as deep as it is long; the parser allows 256 operators per side.
        let chain = vec!["t1"; 257].join(" + ");
        let text =
            format!("assert {nested} = t1 [@s]\nassert {chain} > t1 [@s]\nassert -(-(-t1)) < $0bn - $1bn [@s]\n");
        assert!(lines(&text).is_empty());
    }
}
