//! `assertion`: an `assert` that no values in range can satisfy. Both sides are evaluated
//! with exact interval arithmetic over the claims the assert names and the numbers it
//! writes. An amount (a number with a unit, currency, `%` or scale word: `$2bn`, `18%`)
//! covers the interval its written precision allows, as it does as a claim's value; a bare
//! number (`2`, `0.5`, `1/3`) is exact. An assert that holds only within the rounding of
//! its claims and amounts (or the tolerance of `~`) gets a `rounding` note. A divisor whose
//! interval holds 0 among other values (a claim or an amount of `$0bn`, −0.5–0.5bn) makes
//! the quotient unbounded; only a divisor that can only be 0 (a bare `0`, or claims that
//! leave only 0) is reported as dividing by zero. The same compilation reports the
//! assert's `unit-mismatch`es and `MEASURE@DATE` references that match no claim
//! (`unknown-id`).

use crate::engine::expr::{claim_unit, judge, Compiled, Problem, Reading, Resolver, Verdict};
use crate::engine::units::Unit;
use crate::finding::{Finding, Label};
use crate::model::{Assert, Model};
use crate::registry::{self, Docs};
use crate::source::{squeeze, Span};
use crate::syntax::ast::Cmp;

pub static DOCS: Docs = Docs {
    what: "An `assert` that no values within the intervals of its claims and amounts can satisfy: each side is computed with interval arithmetic over the claim ids and `MEASURE@DATE` references it names and the numbers it writes, and the comparison fails for every pair of values. A number written with a unit, currency, `%` or scale word (`$2bn`, `18%`, `1,780 km`, `4.3bn USD`) is an amount and covers half a unit of its last written digit on each side, exactly as it would as a claim's value (`$2bn` is 1.5–2.5bn); a bare number (`2`, `0.5`, `1/3`) is a mathematical constant and is exact. A divisor whose interval holds 0 and other values makes the quotient unbounded; a divisor that can only be 0 is an error. Also an id that names an event or an assert rather than a quantity, and a contradiction that an assert makes together with share blocks, totals or other asserts.",
    why: "An assert records arithmetic the manuscript does (\"trade doubled\", \"China's share is a third of Russia's\"). When the claimed figures cannot satisfy it, a figure, the arithmetic in the text, or the assert itself is wrong. Rounding never raises the alarm: an amount is read as loosely as its digits allow, so `assert t2000 = $2bn` holds for a claimed $1.5bn (1.45–1.55bn meets 1.5–2.5bn), while a bare `* 2` still means exactly twice.",
    example: "t1999: 1999 trade = $1.2bn [@xing]\nt2000: 2000 trade = $1.5bn [@xing]\nassert t2000 > 2 * t1999 [@xing]   ; $1.45–1.55bn is never above $2.3–2.5bn\nassert t2000 = $2bn [@xing]        ; holds: `$2bn` covers $1.5–2.5bn\nassert t2000 = $2.0bn [@xing]      ; $1.45–1.55bn and $1.95–2.05bn never meet",
    fix: "Check the claims the assert names against their sources, and the assert against the text. Write an amount with the digits the text gives: `$2bn` covers 1.5–2.5bn, `$2.0bn` only 1.95–2.05bn (`$2bn exact` is 2bn alone, as `exact` makes a claim's value a point). A bare number is exact, and `%` is a ratio (`35%` is 0.35, give or take its rounding). Compare with `~` to allow the file's tolerance around the right side. Dividing by something that may be 0 among other values (a claim or an amount of `$0bn`, −0.5 to 0.5bn) leaves the quotient unbounded, which is no error; dividing by a bare `0` is.",
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
                let help = if d.contains("exact") {
                    format!("`exact` makes `{d}` exactly 0, and nothing divided by it has a value; without `exact` an amount covers its rounding (`$0bn` covers −0.5 to 0.5bn), which leaves the quotient unbounded instead")
                } else {
                    format!("a bare number in an assert is exact, so `{d}` is 0 and nothing divided by it has a value; to divide by a quantity that is about 0, write it as an amount (`$0bn` covers −0.5 to 0.5bn) or name its claim, whose rounding lets it be other than 0")
                };
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
            let never = compiled.never(&sides);
            let help = format!("`{left}` {symbol} `{right}`, but {never}");
            (&registry::ASSERTION, "cannot hold for any values in range", never, help, false)
        }
        (Verdict::Possible, Verdict::Impossible(nominal)) => {
            let [l, r] = [&nominal[0], &nominal[1]].map(|side| compiled.shown.amount(side));
            let and_tolerance = if compiled.cmp == Cmp::Approx { " and the tolerance of `~`" } else { "" };
            let rounding = rounding_of(model, compiled, &written);
            let help = format!(
                "as written, `{left}` is {l} and `{right}` is {r}: only {rounding}{and_tolerance} lets them meet"
            );
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
    // What each amount covers, where the message does not already say it: an amount that is
    // a whole side of a failing assert is shown as that side.
    let whole_side = |a: Span| !rounded_only && (a == compiled.lhs.span || a == compiled.rhs.span);
    for amount in compiled.amounts.iter().filter(|a| !whole_side(a.span)) {
        let message = format!("`{}` covers {}", written(amount.span), amount.covers());
        finding.related.push(Label::new(assert.loc.file, amount.span, message));
    }
    Some(finding.with_help(help))
}

/// What rounding an assert that holds only within rounding rests on: its claims', its
/// amounts' (`$2bn` may be 1.5–2.5bn), or both.
fn rounding_of(model: &Model, compiled: &Compiled, written: &impl Fn(Span) -> String) -> String {
    let claims = compiled.claims().any(|(c, _)| model.claims[c].value.widened);
    let amounts = crate::finding::listed(&compiled.amounts, ", ", |a| format!("`{}`", written(a.span)));
    match (compiled.amounts.is_empty(), claims) {
        (true, _) => "the claims' rounding".into(),
        (false, true) => format!("the rounding of the claims and of {amounts}"),
        (false, false) => format!("the rounding of {amounts}"),
    }
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
        let claims = "pos: 2001 trade = $2bn [@s]\nneg: 2002 trade = $-2bn [@s]\nzero: 2003 trade = $0bn [@s]\nnought: 2004 trade = $0bn exact [@s]\nhalf: 2005 trade = $0.5bn exact [@s]\n";
        let check = |assert: &str| lines(&format!("{claims}{assert} [@s]\n"));
        let errors = |assert: &str| check(assert).into_iter().filter(|(c, _)| *c != "rounding").collect::<Vec<_>>();
        // Strictly positive: $1.0bn (0.95–1.05bn) / 1.5–2.5bn is 0.38–0.7.
        assert!(errors("assert $1.0bn / pos < 1").is_empty());
        assert_eq!(check("assert $1.0bn / pos > 1"), vec![("assertion", 13)]);
        // Strictly negative: −0.7 to −0.38.
        assert!(errors("assert $1.0bn / neg < 0").is_empty());
        assert_eq!(check("assert $1.0bn / neg > 0"), vec![("assertion", 13)]);
        // Holding 0: `zero` is −0.5–0.5bn, so the quotient is unbounded either way.
        assert!(check("assert $1.0bn / zero > 1").is_empty());
        assert!(check("assert $1.0bn / zero < -1000").is_empty());
        assert!(check("assert $1.0bn / trade@2003 > 1").is_empty());
        assert!(check("assert pos / -zero = 5").is_empty());
        // A written amount of `$0bn` covers −0.5–0.5bn too, as it would as a claim: no error.
        assert!(errors("assert $1.0bn / $0bn > 1").is_empty());
        assert!(errors("assert $1.0bn / $0bn < -1000").is_empty());
        // 0 at one end: `zero + half` is 0–1bn and keeps a ray: 0.95bn / (0, 1bn] is at least
        // 0.95. (`zero + $0.5bn` would be −0.05–1.05bn, which holds 0 inside: unbounded.)
        assert!(check("assert $1.0bn / (zero + half) >= 1").is_empty());
        assert_eq!(check("assert $1.0bn / (zero + half) < 0.9"), vec![("assertion", 13)]);
        assert!(errors("assert $1.0bn / (zero + $0.5bn) < 0.9").is_empty());
        // Exactly 0: a bare number (exact), or a claim that is exactly 0.
        assert_eq!(check("assert $1.0bn / 0 > $1bn"), vec![("assertion", 13)]);
        assert_eq!(check("assert $1.0bn / nought > 1"), vec![("assertion", 13)]);
        assert_eq!(check("assert $1.0bn / trade@2004 < 0"), vec![("assertion", 13)]);
    }

    #[test]
    fn a_divisor_that_can_only_be_zero_is_labelled() {
        let found = findings(&format!("{HEAD}assert t1 / 0 > $1bn [@s]\n"));
        assert_eq!((found.len(), found[0].code()), (1, "assertion"));
        assert_eq!(found[0].message, "`t1 / 0 > $1bn` divides by zero");
        assert_eq!(found[0].primary.message, "`0` is exactly 0");
        assert!(found[0].help.as_deref().unwrap().starts_with("a bare number in an assert is exact"));
        let found = findings(&format!("{HEAD}z: 2003 trade = $0bn exact [@s]\nassert t1 / (2 * z) > 1 [@s]\n"));
        assert_eq!(found[0].primary.message, "`2 * z` can only be 0");
        assert_eq!(found[0].related.len(), 2, "t1 and z: {:?}", found[0].related);
    }

    /// Errors only, without the `rounding` notes.
    fn errors(asserts: &str) -> Vec<(&'static str, usize)> {
        lines(asserts).into_iter().filter(|(c, _)| *c != "rounding").collect()
    }

    #[test]
    fn amounts_cover_their_rounding() {
        // t2 = $1.5bn is 1.45–1.55bn. `$2bn` written in an assert means what it means as a
        // claim, 1.5–2.5bn, which reaches 1.5–1.55bn; `$1bn` is 0.5–1.5bn, and 1.45 < 1.5.
        let text = "assert t2 = $2bn [@s]\nassert t2 < $1bn [@s]\n2000 trade = $2bn [@s]\n";
        assert!(errors(text).is_empty(), "{:?}", lines(text));
        // They hold only within rounding, as the two claims of 2000 agree only within it.
        assert_eq!(lines(text), vec![("rounding", 8), ("rounding", 9), ("rounding", 10)]);
        // sh = 17.5% is 17.45–17.55 %; `18%` is 17.5–18.5 %: they touch.
        assert_eq!(lines("assert sh = 18% [@s]\n"), vec![("rounding", 8)]);
        // `1,780 km` is 1,779.5–1,780.5 km, `4.3bn USD` 4.25–4.35bn.
        let more = "km: 2000 length = 1,779.6 km [@s]\nassert km = 1,780 km [@s]\nassert t2 * 3 >= 4.3bn USD [@s]\n";
        assert!(errors(&format!("measure length \"L\" unit km\n{more}")).is_empty());
    }

    #[test]
    fn an_amount_followed_by_exact_is_its_point() {
        // `$2bn exact` is 2bn alone, beyond t2's 1.45–1.55bn; below `$1.5bn exact` only within rounding.
        assert_eq!(errors("assert t2 = $2bn exact [@s]\n"), vec![("assertion", 8)]);
        assert_eq!(lines("assert t2 < $1.5bn exact [@s]\n"), vec![("rounding", 8)]);
        assert!(lines("assert t2 <= $1.55bn exact [@s]\n").is_empty());
    }

    #[test]
    fn approximately_widens_by_the_tolerance_of_the_written_value() {
        // `~ $22bn` is 21.5–22.5bn widened by 10 % of 22bn: 19.3–24.7bn, as a written `~ $22bn`
        // claim is (spec §3), not by 10 % of each bound (19.35–24.75bn).
        let at = |value: &str| lines(&format!("a: 2001 trade = {value} exact [@s]\nassert a ~ $22bn [@s]\n"));
        assert_eq!(at("$19.3bn"), vec![("rounding", 9)]);
        assert_eq!(at("$19.29bn"), vec![("assertion", 9)]);
        assert_eq!(at("$24.7bn"), vec![("rounding", 9)]);
        assert_eq!(at("$24.72bn"), vec![("assertion", 9)]);
        // Against a claim, the tolerance is of its value as written: t2 = $1.5bn (1.45–1.55bn)
        // widens to 1.3–1.7bn; the network of asserts agrees with the assert judged alone.
        let of_claim = |value: &str| lines(&format!("a: 2001 trade = {value} exact [@s]\nassert a ~ t2 [@s]\n"));
        assert_eq!(of_claim("$1.3bn"), vec![("rounding", 9)]);
        assert_eq!(of_claim("$1.29bn"), vec![("assertion", 9)]);
        assert_eq!(of_claim("$1.7bn"), vec![("rounding", 9)]);
    }

    #[test]
    fn a_zero_divisor_made_exact_says_so() {
        let found = findings(&format!("{HEAD}assert t1 / $0bn exact > 1 [@s]\n"));
        assert_eq!((found.len(), found[0].code()), (1, "assertion"), "{found:?}");
        assert!(found[0].help.as_deref().unwrap().starts_with("`exact` makes `$0bn exact` exactly 0"), "{found:?}");
    }

    #[test]
    fn a_note_names_the_rounding_an_assert_rests_on() {
        let found = findings(&format!("{HEAD}assert t2 = $2bn [@s]\n"));
        assert_eq!((found.len(), found[0].code()), (1, "rounding"), "{found:?}");
        let help = found[0].help.as_deref().unwrap();
        assert_eq!(
            help,
            "as written, `t2` is $1.5bn and `$2bn` is $2bn: only the rounding of the claims and of `$2bn` lets them meet"
        );
        let labels: Vec<&str> = found[0].related.iter().map(|l| l.message.as_str()).collect();
        assert_eq!(labels, vec!["`t2` = $1.5bn (1.45–1.55)", "`$2bn` covers $1.5–2.5bn"]);
    }

    #[test]
    fn real_contradictions_with_amounts_are_still_found() {
        // t2 is 1.45–1.55bn. `$2.0bn` is 1.95–2.05bn: 1.55 < 1.95, never above.
        let found = findings(&format!("{HEAD}assert t2 > $2.0bn [@s]\n"));
        assert_eq!((found.len(), found[0].code()), (1, "assertion"), "{found:?}");
        let help = found[0].help.as_deref().unwrap();
        assert_eq!(help, "`t2` > `$2.0bn`, but $1.45–1.55bn is never above $1.95–2.05bn");
        // `$2bn` is 1.5–2.5bn and 1.55 > 1.5: t2 may be above it, within rounding only.
        assert_eq!(lines("assert t2 > $2bn [@s]\n"), vec![("rounding", 8)]);
        // `$1.7bn` is 1.65–1.75bn, disjoint from 1.45–1.55bn.
        assert_eq!(lines("assert t2 = $1.7bn [@s]\n"), vec![("assertion", 8)]);
        // 17.45–17.55 % against `18.0%`, 17.95–18.05 %: never meet.
        assert_eq!(lines("assert sh = 18.0% [@s]\n"), vec![("assertion", 8)]);
        // t1 + `$0.50bn` is 1.15–1.25bn + 0.495–0.505bn = 1.645–1.755bn; t2 tops out at 1.55.
        // The amount is part of a side, so a label says what it covers.
        let found = findings(&format!("{HEAD}assert t2 > t1 + $0.50bn [@s]\n"));
        assert_eq!((found.len(), found[0].code()), (1, "assertion"), "{found:?}");
        assert!(found[0].help.as_deref().unwrap().ends_with("$1.45–1.55bn is never above $1.645–1.755bn"));
        let labels: Vec<&str> = found[0].related.iter().map(|l| l.message.as_str()).collect();
        assert!(labels.contains(&"`$0.50bn` covers $0.495–0.505bn"), "{labels:?}");
    }

    #[test]
    fn a_bare_number_stays_exact() {
        // "trade doubled": t3 = $3.5bn is 3.45–3.55bn, and 2 × t2 is exactly 2 × 1.45–1.55 =
        // 2.9–3.1bn, so it is an error. Were `2` rounded like an amount (1.5–2.5), 2.175–3.875bn
        // would hide it.
        let doubled = "t3: 2010 trade = $3.5bn [@s]\nassert t3 = t2 * 2 [@s]\n";
        assert_eq!(lines(doubled), vec![("assertion", 9)]);
        let found = findings(&format!("{HEAD}{doubled}"));
        assert!(found[0].help.as_deref().unwrap().ends_with("$3.45–3.55bn and $2.9–3.1bn never meet"));
        // 3 × t2 is exactly 4.35–4.65bn: t3 (3.45–3.55bn) is no tripling either.
        assert_eq!(lines("t3: 2010 trade = $3.5bn [@s]\nassert t3 = 3 * t2 [@s]\n"), vec![("assertion", 9)]);
        // A bare divisor is exact too: t2 / 3 is 0.48333…–0.51666…bn, never $0.6bn (0.55–0.65).
        assert_eq!(lines("assert t2 / 3 = $0.6bn [@s]\n"), vec![("assertion", 8)]);
        // A bare `+ 1` on a plain ratio: t2 / t1 is 1.16–1.3478…, plus exactly 1 is 2.16–2.3478…
        assert_eq!(lines("assert t2 / t1 + 1 > 2.4 [@s]\n"), vec![("assertion", 8)]);
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
