//! `assertion`: an `assert` that no values in range can satisfy. Both sides are evaluated
//! with exact interval arithmetic over the claims the assert names and the numbers it
//! writes. An amount (a number with a unit, currency, `%` or scale word: `$2bn`, `18%`)
//! covers the interval its written precision allows, as it does as a claim's value; a bare
//! number (`2`, `0.5`, `1/3`) is exact. An assert that holds only within the rounding of
//! its claims and amounts (or the tolerance of `~`) gets a `rounding` note. A divisor whose
//! interval holds 0 among other values (a claim or an amount of `$0bn`, −0.5–0.5bn) makes
//! the quotient unbounded; only a divisor that can only be 0 (a bare `0`, or claims that
//! leave only 0) is reported as dividing by zero. An assert that names a quantity twice is
//! decided exactly, each quantity one value (`engine::linear`), when it is linear or a ratio
//! compared with a constant whose divisor the claims keep on one side of 0 (`cn / cn > 1`,
//! `cn / (cn + ru) > 0.39`). An assert that a contradiction among several constraints takes
//! part in (the network check's `assertion`) gets no `rounding` note. The same compilation
//! reports the assert's `unit-mismatch`es and `MEASURE@DATE` references that match no claim
//! (`unknown-id`), built in [`super::assert_problems`]; how asserts compute is tested in
//! `engine::assert_tests`.

use super::assert_problems::{named_claims, one_value, problem_finding};
use crate::engine::expr::{judge, Compiled, Reading, Resolver, Verdict};
use crate::engine::linear;
use crate::engine::system::refuted_alone;
use crate::finding::{Finding, Label};
use crate::model::{Assert, AssertId, Model};
use crate::registry::{self, Docs};
use crate::source::{tight, Span};
use crate::syntax::ast::Cmp;

pub static DOCS: Docs = Docs {
    what: "An `assert` that no values within the intervals of its claims and amounts can satisfy: each side is computed with interval arithmetic over the claim ids and `MEASURE@DATE` references it names and the numbers it writes, and the comparison fails for every pair of values. A number written with a unit, currency, `%` or scale word (`$2bn`, `18%`, `1,780 km`, `4.3bn USD`) is an amount and covers half a unit of its last written digit on each side, exactly as it would as a claim's value (`$2bn` is 1.5–2.5bn); a bare number (`2`, `0.5`, `1/3`) is a mathematical constant and is exact, and a bare `0` is 0 in any unit (`assert t2000 > 0`). A divisor whose interval holds 0 and other values makes the quotient unbounded; a divisor that can only be 0 is an error. A quantity named more than once is one value (`assert a > a`, `a + b > b + a` and `a / a > 1` cannot hold, though each side alone may take any value in range; a ratio is weighed so when the claims keep its divisor on one side of 0), and `>` and `<` are strict. Also an id that names an event or an assert rather than a quantity, and a contradiction that an assert makes together with share blocks, totals or other asserts (`assert a > b` with `assert b > a`, `a / b > 0.6` with `a / b < 0.6`).",
    why: "An assert records arithmetic the manuscript does (\"trade doubled\", \"China's share is a third of Russia's\"). When the claimed figures cannot satisfy it, a figure, the arithmetic in the text, or the assert itself is wrong. Rounding never raises the alarm: an amount is read as loosely as its digits allow, so `assert t2000 = $2bn` holds for a claimed $1.5bn (1.45–1.55bn meets 1.5–2.5bn), while a bare `* 2` still means exactly twice.",
    example: "t1999: 1999 trade = $1.2bn [@xing]\nt2000: 2000 trade = $1.5bn [@xing]\nassert t2000 > 2 * t1999 [@xing]   ; $1.45–1.55bn is never above $2.3–2.5bn\nassert t2000 = $2bn [@xing]        ; holds: `$2bn` covers $1.5–2.5bn\nassert t2000 = $2.0bn [@xing]      ; $1.45–1.55bn and $1.95–2.05bn never meet",
    fix: "Check the claims the assert names against their sources, and the assert against the text. Write an amount with the digits the text gives: `$2bn` covers 1.5–2.5bn, `$2.0bn` only 1.95–2.05bn (`$2bn exact` is 2bn alone, as `exact` makes a claim's value a point). A bare number is exact, and `%` is a ratio (`35%` is 0.35, give or take its rounding). Compare with `~` to allow the file's tolerance around the right side. Dividing by something that may be 0 among other values (a claim or an amount of `$0bn`, −0.5 to 0.5bn) leaves the quotient unbounded, which is no error; dividing by a bare `0` is.",
};

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    let resolver = Resolver::new(model);
    let mut findings = Vec::new();
    // The `rounding` notes, by assert, until the network check's contradictions are known.
    let mut notes: Vec<(AssertId, usize)> = Vec::new();
    for (index, assert) in model.asserts.iter().enumerate() {
        let text = &ctx.sources.get(assert.loc.file).text;
        match resolver.compile(assert, text) {
            Err(problem) => findings.extend(problem_finding(&resolver, assert, text, problem)),
            Ok(compiled) => {
                if let Some(finding) = verdict(model, assert, text, &compiled) {
                    if finding.code() == registry::ROUNDING.code {
                        notes.push((index, findings.len()));
                    }
                    findings.push(finding);
                }
            }
        }
    }
    // An assert that a contradiction among several constraints takes part in cannot hold, and
    // the network check says so: that it holds within rounding would contradict it.
    if !notes.is_empty() {
        let contradicted = &ctx.network().asserts;
        let dropped: Vec<usize> =
            notes.iter().filter(|n| contradicted.binary_search(&n.0).is_ok()).map(|n| n.1).collect();
        let kept = findings.into_iter().enumerate().filter(|(i, _)| dropped.binary_search(i).is_err());
        findings = kept.map(|(_, finding)| finding).collect();
    }
    findings
}

/// The assert judged on its claims: an error when it is impossible, a note when it holds
/// only within rounding or tolerance.
fn verdict(model: &Model, assert: &Assert, text: &str, compiled: &Compiled) -> Option<Finding> {
    let written = |s: Span| tight(text.get(s.range()).unwrap_or("")).into_owned();
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
        (Verdict::Possible, _) if linear::impossible_alone(model, compiled) => {
            let (label, why) = one_value(model, compiled);
            let help = format!("`{left}` {symbol} `{right}`: {why}");
            (&registry::ASSERTION, "cannot hold for any values in range", label, help, false)
        }
        (Verdict::Possible, Verdict::Impossible(_)) if refuted_alone(model, compiled) => return None,
        // Whether rounding is what lets it hold cannot be told (see `linear::loose`): no note.
        (Verdict::Possible, Verdict::Impossible(_)) if linear::loose(model, compiled) => return None,
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
    let claims = compiled.claims().filter(|(c, _)| !(rounded_only && widened) || model.claims[*c].value.widened);
    for (c, names) in named_claims(claims, &written) {
        let claim = &model.claims[c];
        let message = format!("{names} = {}", model.describe(claim));
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

#[cfg(test)]
#[path = "assertion_tests.rs"]
mod tests;
