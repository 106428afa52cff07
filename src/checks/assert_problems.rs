//! Findings for an `assert` that cannot be evaluated, for the `assertion` check: a name that
//! is not a quantity (`assertion`), a `MEASURE@DATE` that matches no claim (`unknown-id`) and
//! sides whose units do not fit (`unit-mismatch`). They come from compiling the assert, so the
//! `assertion` check reports them in its place, in the order of the asserts. Also the texts
//! the check shares: each named claim once ([`named_claims`]), and what an assert that only
//! exact reasoning rules out comes down to ([`one_value`]).

use crate::engine::expr::{claim_unit, Compiled, Problem, Resolver};
use crate::engine::linear;
use crate::engine::units::Unit;
use crate::finding::{Finding, Label};
use crate::model::{Assert, ClaimId, Model};
use crate::registry;
use crate::source::{tight, Span};
use crate::value::Q;
use num_traits::Zero;

/// An assert that cannot be evaluated: a name that is not a quantity, a `MEASURE@DATE`
/// that matches no claim, or units that do not fit. Unknown names are `unknown-id`'s.
pub(crate) fn problem_finding(resolver: &Resolver, assert: &Assert, text: &str, problem: Problem) -> Option<Finding> {
    let model = resolver.model();
    let here = |span, message: &str| Label::new(assert.loc.file, span, message);
    let written = |s: Span| tight(text.get(s.range()).unwrap_or("")).into_owned();
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
            // A claim named twice (`t + t`) is labelled once.
            let named = [left.0, right.0].into_iter().flat_map(|s| resolver.claims_within(assert, text, s));
            for (c, names) in named_claims(named, &written) {
                let claim = &model.claims[c];
                let unit = Unit::written(claim_unit(model, c)).0.phrase();
                let message = format!("{names} = {}: {unit}", model.describe(claim));
                finding.related.push(Label::new(claim.loc.file, claim.value.span, message));
            }
            Some(finding.with_help("`+`, `-` and the comparison need the same unit on both sides (`%` is a plain ratio); convert one side, e.g. multiply it by a rate, or compare quantities of one unit"))
        }
    }
}

/// Each claim an assert names, once, with every name it is given there (`` `trade@2000`, `t2000` ``).
pub(crate) fn named_claims(
    claims: impl Iterator<Item = (ClaimId, Span)>,
    written: &impl Fn(Span) -> String,
) -> Vec<(ClaimId, String)> {
    let mut named: Vec<(ClaimId, Vec<String>)> = Vec::new();
    for (c, at) in claims {
        let name = format!("`{}`", written(at));
        match named.iter_mut().find(|(claim, _)| *claim == c) {
            Some((_, names)) if !names.contains(&name) => names.push(name),
            Some(_) => {}
            None => named.push((c, vec![name])),
        }
    }
    named.into_iter().map(|(c, names)| (c, names.join(", "))).collect()
}

/// The label and the reason for an assert that only exact reasoning, each quantity one value,
/// shows impossible: what it comes down to when everything it names cancels out, or the values
/// a ratio it compares with a constant can take.
pub(crate) fn one_value(model: &Model, compiled: &Compiled) -> (String, String) {
    let symbol = compiled.cmp.symbol();
    if let Some(rest) = linear::cancelled(model, compiled) {
        let rest = match rest.is_point() && rest.contains(&Q::zero()) {
            true => "0".to_string(),
            false => compiled.shown.amount(&rest),
        };
        let reduced = format!("`0 {symbol} {rest}`");
        return (
            format!("comes down to {reduced}"),
            format!("what it names cancels out, and it comes down to {reduced}"),
        );
    }
    // A ratio's values with each quantity one value, as they compare with the other side.
    if let Some(sides) = linear::exact_ratio(model, compiled) {
        let never = compiled.never(&sides);
        return (never.clone(), format!("each quantity is one value however often it is named, and then {never}"));
    }
    // Named twice, or held off its bound by a strict `>` or `<` (the assert's or a claim's:
    // `> $1bn` never reaches 1bn): no reason beyond the values themselves is sure.
    (
        "cannot hold for any values the claims allow".into(),
        "each quantity is one value however often it is named, and a `>` or `<` (of the assert or of a claim) never reaches its bound: no values within the claims' intervals satisfy it".into(),
    )
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{codes, findings};

    const HEAD: &str = "source s \"S\"\nmeasure trade \"T\" unit USD\nmeasure oil \"O\" unit Mtoe\nmeasure share \"S\" unit %\nt1: 1999 trade = $1.2bn [@s]\nt2: 2000 trade = $1.5bn [@s]\nsh: 2000 share = 17.5% [@s]\n";

    fn lines(asserts: &str) -> Vec<(&'static str, usize)> {
        codes(&format!("{HEAD}{asserts}")).into_iter().filter(|(c, _)| *c != "derived").collect()
    }

    #[test]
    fn units_must_fit() {
        let text = "o: 2000 oil = 10 Mtoe [@s]\nassert t2 + o > $1bn [@s]\nassert sh > t2 [@s]\nassert sh = 0.175 [@s]\nassert sh * t2 < t2 [@s]\n";
        assert_eq!(lines(text), vec![("unit-mismatch", 9), ("unit-mismatch", 10)]);
        let found = findings(&format!("{HEAD}{text}"));
        assert_eq!(found[0].message, "cannot add Mtoe to USD");
        assert_eq!(found[1].message, "cannot compare a plain ratio with USD");
        let twice = findings(&format!("{HEAD}assert t2 + t2 + sh > $4bn [@s]\n"));
        let labels: Vec<&str> = twice[0].related.iter().map(|l| l.message.as_str()).collect();
        assert_eq!(labels, ["`t2` = $1.5bn (1.45–1.55): in USD", "`sh` = 17.5% (17.45–17.55): a plain ratio"]);
    }

    #[test]
    fn names_that_are_not_quantities() {
        let text =
            "e: 2000 event \"E\" [@s]\nassert e > t1 [@s]\nassert nothing > t1 [@s]\nassert trade@2001 > t1 [@s]\n";
        assert_eq!(lines(text), vec![("assertion", 9), ("unknown-id", 10), ("unknown-id", 11)]);
    }
}
