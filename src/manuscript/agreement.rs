//! Whether the numbers of a quote agree with its claim's value. A number agrees when it has
//! the claim's written digits ("10 million tons" and `10 Mtoe`), or when its value, in the
//! claim's unit and scale, is the claim's value as written: the point of `$4.3bn` ("$4.3
//! billion", "4,300 million dollars") or of `~ 1/3` ("one-third"), a value from 30 to 35 for
//! `30..35%`, above 1bn for `> $1bn`. Rounding and `~` do not widen it: "$4.18 billion" does
//! not agree with `$4bn`, nor "17.5%" with `17%`: a claim rounder than its quote was
//! transcribed with a number the quote does not give.
//! Only numbers of the claim's kind are weighed: percentages and fractions for a `%`
//! measure, amounts of the same currency for money, plain amounts otherwise; years and
//! dates never are. A percent sign, scale or currency written once for a range or a list
//! (`30-35%`, `$3-4 billion`, `20 and 30 percent`) may be shared by all its numbers: the 30 of
//! "30-35%" agrees with `30%`, but it is weighed for agreement only, never named in a
//! disagreement (`numbers::scan_with_alternatives`).

use super::numbers::{decimal_value, read_plain, scan_with_alternatives, Kind, Mention, PlainNumber};
use crate::model::Value;
use crate::syntax::ast::Cmp;
use crate::value::number::{int, Q};
use std::borrow::Cow;
use std::cmp::Ordering;

#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The quote holds no number of the claim's kind.
    Silent,
    Agrees,
    /// The quote's numbers of the claim's kind, none of which agrees.
    Disagrees(Vec<Mention>),
}

/// Whether a number is of the kind a claim in `unit` states (a `%` claim takes fractions
/// too), with the unit read once for all the numbers of a quote.
fn wanted(unit: Option<&str>) -> impl Fn(&Mention) -> bool {
    let wanted = wanted_kind(unit);
    move |m| wanted(m.kind)
}

/// [`wanted`], of a kind.
fn wanted_kind(unit: Option<&str>) -> impl Fn(Kind) -> bool {
    let (wanted, or_ratio) = wanted_of(unit);
    move |kind| kind == wanted || (or_ratio && kind == Kind::Ratio)
}

/// The kind of number a claim in `unit` states, and whether fractions are of it too.
fn wanted_of(unit: Option<&str>) -> (Kind, bool) {
    match unit {
        Some("%") => (Kind::Percent, true),
        Some(code) if is_currency(code) => (Kind::Money(currency_code(code)), false),
        _ => (Kind::Count, false),
    }
}

/// What [`judge_plain_in`] asks of a claim's unit, read once for the claims that share it:
/// nearly every claim of a large file has the unit of the claim before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlainUnit<'u> {
    unit: Option<&'u str>,
    /// The unit's name holds a scale (`Mtoe`): its quotes are left to `judge`.
    scaled: bool,
    /// The kind of number of the claim (see [`wanted_kind`]); fractions are of it too.
    wanted: Kind,
    or_ratio: bool,
}

impl<'u> PlainUnit<'u> {
    pub fn new(unit: Option<&'u str>) -> Self {
        let scaled = unit.map(base_unit).and_then(unit_scale).is_some();
        let (wanted, or_ratio) = wanted_of(unit);
        PlainUnit { unit, scaled, wanted, or_ratio }
    }

    /// This reading of `unit`, if it is of the same text (the same place and length, so the
    /// same words), or a new one.
    pub fn of(self, unit: Option<&'u str>) -> Self {
        let same = match (self.unit, unit) {
            (Some(a), Some(b)) => std::ptr::eq(a, b),
            (None, None) => true,
            _ => false,
        };
        if same {
            self
        } else {
            PlainUnit::new(unit)
        }
    }

    fn wants(&self, kind: Kind) -> bool {
        kind == self.wanted || (self.or_ratio && kind == Kind::Ratio)
    }
}

/// The name of `unit` before any `/`: `bcm` of `bcm/yr`.
fn base_unit(unit: &str) -> &str {
    unit.bytes().position(|b| b == b'/').map_or(unit, |slash| &unit[..slash])
}

/// Whether `word`, lowered, is one of `words`, which hold no `k`. Compared byte by byte rather
/// than through `to_lowercase`, which allocates: the two agree, as the one character other
/// than `A`–`Z` that lowers to ASCII is the Kelvin sign (to `k`).
fn lowers_to_one_of(word: &str, words: &[&str]) -> bool {
    words.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// Whether `word`, lowered, starts with one of `prefixes`: compared without allocating when
/// `word` is ASCII, as nearly every word is.
fn lowered_starts_with(word: &str, prefixes: &[&str]) -> bool {
    if word.is_ascii() {
        prefixes.iter().any(|p| word.get(..p.len()).is_some_and(|head| head.eq_ignore_ascii_case(p)))
    } else {
        let lower = word.to_lowercase();
        prefixes.iter().any(|p| lower.starts_with(p))
    }
}

/// The power of ten a unit's name holds: `Mtoe` is millions of tonnes of oil equivalent.
/// Only well-known units: a unit that merely starts with `M` or `k` (`Muslims`, `kids`) is not
/// scaled.
fn unit_scale(base: &str) -> Option<u32> {
    // Each of the units below starts with one of these letters: most units (`USD`, `%`,
    // `students`) are ruled out by their first byte, without comparing them with each.
    if !matches!(base.as_bytes().first(), Some(b'k' | b'M' | b'm' | b'G' | b'b' | b'T' | b't')) {
        return None;
    }
    match base {
        "kt" | "ktoe" | "kW" | "kWh" => Some(3),
        "Mt" | "Mtoe" | "Mtce" | "Mtpa" | "MW" | "MWh" | "Mbbl" | "mcm" => Some(6),
        "Gt" | "Gtoe" | "GW" | "GWh" | "bcm" | "bcf" => Some(9),
        "TW" | "TWh" | "tcm" | "tcf" => Some(12),
        _ => None,
    }
}

fn is_currency(unit: &str) -> bool {
    unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase())
}

/// Kinds name currencies by static codes; a claim's unit is matched against them.
fn currency_code(unit: &str) -> &'static str {
    ["USD", "EUR", "GBP", "JPY", "CNY", "KZT", "RUB"].into_iter().find(|c| *c == unit).unwrap_or("")
}

/// The numbers written in a claim's value (`$4.3bn` → 4.3; `30..35%` → 30, 35; `1/3` → 1/3).
fn written_numbers(written: &str) -> Vec<Q> {
    let bytes = written.as_bytes();
    let mut numbers = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_digit()
                || (matches!(bytes[i], b',' | b'_' | b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
        {
            i += 1;
        }
        let Some(mut value) = decimal_value(&written[start..i]) else { continue };
        if bytes.get(i) == Some(&b'/') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            let denominator_start = i + 1;
            i = denominator_start;
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if let Some(d) = decimal_value(&written[denominator_start..i]).filter(|d| *d != int(0)) {
                value /= d;
            }
        }
        numbers.push(value);
    }
    numbers
}

/// Judges a quote against a claim whose measure (or value) has `unit`: it agrees when one of
/// its numbers of the claim's kind has the claim's written digits, or a value (a fraction
/// read as a percentage for a `%` claim) within `value.nominal`, the claim's value as written
/// before rounding and `~` widen it.
///
/// Digits grouped by spaces that may also be separate numbers (`grade 12 500 students`) are
/// read both ways (`numbers::scan_with_alternatives`): either reading agrees, but only the
/// grouped one is named in a disagreement, and the other alone never makes one. So are the
/// numbers of a range or list that share a percent sign, scale or currency written once
/// (`30-35%`: 30 is also 30 %), and four-digit numbers read as years (below).
///
/// The value as written is asked of `written` only when no number agrees by value.
pub fn judge<'w>(value: &Value, written: impl FnOnce() -> Cow<'w, str>, unit: Option<&str>, quote: &str) -> Verdict {
    if value.unknown {
        return Verdict::Silent;
    }
    let wanted = wanted(unit);
    let (mut mentions, mut alternatives) = scan_with_alternatives(quote);
    // A unit whose name holds a scale (`Mtoe`, `bcm`, `GW`) counts in millions, billions or
    // thousands: `12 million tons` is 12 Mtoe, `55 billion cubic metres` 55 bcm (but `12
    // thousand kt`, the unit itself after the number, is 12,000 kt).
    // The unit's name, read once for the tests below.
    let base = unit.map(base_unit);
    if let Some(scale) = base.and_then(unit_scale).map(Q::pow10) {
        let mut in_digits = Vec::new();
        let base = base.unwrap_or_default();
        for m in mentions.iter_mut().chain(alternatives.iter_mut()) {
            if m.kind != Kind::Count {
                continue;
            }
            // The unit itself after the number, or a word that holds a scale of its own
            // (`2.4 thousand megawatts`, `12 thousand kilotonnes`): the number is in it.
            let next = quote[m.range.end..].split_whitespace().next().unwrap_or_default();
            if next.starts_with(base) || lowered_starts_with(next, &["mega", "giga", "kilo", "tera"]) {
                continue;
            }
            // A number with a scale word of its own (`12 million`, `12,500 thousand`) is read
            // in the unit's; one in digits alone (`12,000,000 tons`) may be either, and may agree.
            if m.value != m.written {
                m.value = &m.value / &scale;
            } else if m.value >= scale {
                in_digits.push(Mention { value: &m.value / &scale, ..m.clone() });
            }
        }
        alternatives.extend(in_digits);
    }
    // A four-digit number that reads as a year is an amount when the claim's unit follows it
    // (`over 1780 km`, `some 2500 students`), unless a word of time stands before it (`in 2012
    // students came`).
    let unit_word = base.filter(|w| w.starts_with(char::is_alphabetic));
    if let Some(word) = unit_word {
        // Some of these stand before amounts too (`rose by 2500 students`): such a number is
        // left a year, as a missed mismatch is better than a false alarm.
        const TIME: [&str; 20] = [
            "in",
            "since",
            "by",
            "from",
            "until",
            "till",
            "to",
            "during",
            "after",
            "before",
            "of",
            "around",
            "early",
            "late",
            "mid",
            "between",
            "through",
            "throughout",
            "circa",
            "c.",
        ];
        for m in mentions.iter_mut().filter(|m| m.kind == Kind::Year) {
            let after = quote[m.range.end..].trim_start();
            // The word before is looked at only when the unit follows.
            let timed = || {
                let before = quote[..m.range.start].split_whitespace().next_back().unwrap_or("");
                lowers_to_one_of(before.trim_end_matches('-'), &TIME)
            };
            if after.strip_prefix(word).is_some_and(|rest| !rest.starts_with(char::is_alphanumeric)) && !timed() {
                m.kind = Kind::Count;
            }
        }
    }
    // Any four-digit number still read as a year may be an amount as well: it may agree (`up
    // from 1500 students`, `Kazakhs 2500`), but never makes a disagreement on its own. Unless
    // a word that dates stands before it (`in 2000`, `since 2013`, `fiscal year 2001`, not the
    // `by` or `from` an amount may follow too), or it ends a span begun by such a year (`in
    // 2003-2008`, `between 2003 and 2008`): that is surely a year, and agrees with nothing.
    const DATING: [&str; 17] = [
        "in",
        "since",
        "during",
        "until",
        "till",
        "between",
        "through",
        "throughout",
        "circa",
        "c.",
        "early",
        "mid",
        "late",
        "year",
        "years",
        "fiscal",
        "fy",
    ];
    let mut last_dated: Option<usize> = None;
    let years: Vec<&Mention> = mentions.iter().filter(|m| m.kind == Kind::Year).collect();
    let joined = |from: usize, to: usize| {
        matches!(quote.get(from..to).map(str::trim), Some("-" | "–" | "—" | "and" | "to" | "or"))
    };
    // An amount, though: a number the claim's unit follows within two words (`in 1500 jobs`,
    // `from 1200 to 1800 students`, `to 1800 foreign students`), or no modern year.
    let amount = |m: &Mention| {
        let mut after = quote[m.range.end..].split_whitespace().take(2);
        !(int(1800)..=int(2100)).contains(&m.value)
            || unit_word.is_some_and(|u| after.any(|w| w.trim_end_matches([',', '.', ';', ')']) == u))
    };
    for (i, m) in years.iter().enumerate() {
        let mut words = quote[..m.range.start].split_whitespace().rev();
        let before = words.next().unwrap_or_default();
        let spanned = last_dated.is_some_and(|end| joined(end, m.range.start));
        // `from 1995 to 1999`: a span of years, though `from` alone may stand before an amount.
        let next = years.get(i + 1).filter(|n| joined(m.range.end, n.range.start));
        let from_year_to_year = lowers_to_one_of(before, &["from"]) && next.is_some_and(|n| !amount(n));
        let as_of = lowers_to_one_of(before, &["of"]) && words.next().is_some_and(|w| lowers_to_one_of(w, &["as"]));
        if !amount(m) && (spanned || from_year_to_year || as_of || lowers_to_one_of(before, &DATING)) {
            last_dated = Some(m.range.end);
        } else {
            alternatives.push(Mention { kind: Kind::Count, ..(*m).clone() });
        }
    }
    let as_written = |m: &Mention| is_as_written(value, unit, m);
    // Most quotes agree by value: that is told before the numbers of the claim's kind are
    // gathered, and the claim's digits are read only when none does.
    if mentions.iter().chain(&alternatives).filter(|m| wanted(m)).any(as_written) {
        return Verdict::Agrees;
    }
    let mut relevant = mentions;
    relevant.retain(&wanted);
    if relevant.is_empty() && !alternatives.iter().any(&wanted) {
        return Verdict::Silent;
    }
    let mut candidates = relevant.iter().chain(alternatives.iter().filter(|m| wanted(m)));
    let digits = written_numbers(&written());
    if candidates.any(|m| digits.contains(&m.written)) {
        Verdict::Agrees
    } else if relevant.is_empty() {
        // Only other readings of grouped digits, none agreeing: no number the quote surely states.
        Verdict::Silent
    } else {
        Verdict::Disagrees(relevant)
    }
}

/// Whether the value of `m` is the claim's value as written, before rounding and `~` widen it
/// (`Value::nominal`): a fraction is read as a percentage for a `%` claim.
fn is_as_written(value: &Value, unit: Option<&str>, m: &Mention) -> bool {
    match m.kind {
        Kind::Ratio if unit == Some("%") => value.nominal.contains(&(&m.value * int(100))),
        _ => value.nominal.contains(&m.value),
    }
}

/// [`judge`]'s verdict on a plain quote (see `numbers::read_plain`: nearly every quote of a
/// large claims file is one), when it is `Silent` or `Agrees` by value, read in one pass
/// without lists; `None` when the quote is not plain, or when only the claim's digits may
/// tell (then `judge` tells).
///
/// A plain quote is its own normal form, so it is judged as written. Its numbers are those
/// `judge` reads, with no other reading; none is a date, and a year only where the claim
/// weighs percentages or money, which no reading of a year is: `judge`'s steps for units and
/// years change nothing, but for a unit whose name holds a scale (`Mtoe`), which is left to
/// `judge`. So it agrees when one of its numbers of the claim's kind has the claim's value
/// as written, and is silent when it has none of the claim's kind.
pub fn judge_plain(value: &Value, unit: Option<&str>, quote: &str) -> Option<Verdict> {
    judge_plain_in(value, PlainUnit::new(unit), quote)
}

/// [`judge_plain`], with the claim's unit read (see [`PlainUnit`]).
pub fn judge_plain_in(value: &Value, unit: PlainUnit, quote: &str) -> Option<Verdict> {
    if value.unknown {
        return Some(Verdict::Silent);
    }
    if unit.scaled {
        return None;
    }
    // Only the numbers of the claim's kind are handed out, each weighed against the bounds
    // of the value as written, read once.
    let nominal = value.nominal.bounds();
    let bounds = [nominal.lo, nominal.hi].map(|bound| bound.map(Q::as_small));
    // Nearly every claim's value as written is one whole number (`$828.5m`): see `within`.
    let point = match bounds {
        [Some(Some((numer, 1))), hi] if hi == bounds[0] => u64::try_from(numer).ok(),
        _ => None,
    };
    let (mut of_kind, mut agrees) = (false, false);
    let (wants, unit) = (|kind| unit.wants(kind), unit.unit);
    let plain = read_plain(quote, wants, |n| {
        of_kind = true;
        agrees = agrees
            || match point.zip(whole(&n)) {
                Some((point, whole)) if n.kind != Kind::Ratio => whole == point,
                _ => weighed(value, unit, &n, bounds),
            };
    });
    match (plain, agrees, of_kind) {
        (true, true, _) => Some(Verdict::Agrees),
        (true, false, false) => Some(Verdict::Silent),
        _ => None,
    }
}

/// Whether plain number `n` lies within `bounds` of `value` as written, where it is no whole
/// number or the bounds no whole point: apart from [`judge_plain_in`]'s pass, which it would
/// otherwise be inlined into.
#[inline(never)]
fn weighed(value: &Value, unit: Option<&str>, n: &PlainNumber, bounds: [Option<Option<(i64, i64)>>; 2]) -> bool {
    within(n, bounds).unwrap_or_else(|| is_as_written(value, unit, &n.mention()))
}

/// Whether a plain number lies within the bounds `[lo, hi]` of a claim's value as written
/// (`None` where it is unbounded), as [`is_as_written`] tells of its mention: compared as
/// integers, `magnitude · 10^exponent · denom` with `numer · 10^decimals`. `None` when a bound
/// is no small fraction or a product overflows (then the mention tells). A plain number is
/// never a fraction, so never read as a percentage.
fn within(n: &PlainNumber, [lo, hi]: [Option<Option<(i64, i64)>>; 2]) -> Option<bool> {
    if n.kind == Kind::Ratio {
        return None;
    }
    let order = |bound: Option<(i64, i64)>| {
        let (numer, denom) = bound?;
        // Nearly every bound is an integer and every plain number's scale outweighs its
        // decimals (`$595.8m`), or it has neither: then its value is one product of `u64`s.
        if let (1, Some(value)) = (denom, whole(n)) {
            return Some(u64::try_from(numer).map_or(Ordering::Greater, |numer| value.cmp(&numer)));
        }
        let scaled = u128::from(n.magnitude)
            .checked_mul(u128::from(*POWERS_OF_TEN.get(n.exponent as usize)?))?
            .checked_mul(u128::try_from(denom).ok()?)?;
        let Ok(numer) = u128::try_from(numer) else { return Some(Ordering::Greater) };
        Some(scaled.cmp(&numer.checked_mul(u128::from(*POWERS_OF_TEN.get(n.decimals as usize)?))?))
    };
    // A point (nearly every claim's value as written) is compared with once.
    if lo.is_some() && lo == hi {
        return Some(order(lo?)? == Ordering::Equal);
    }
    if let Some(lo) = lo {
        if order(lo)? == Ordering::Less {
            return Some(false);
        }
    }
    match hi {
        Some(hi) => Some(order(hi)? != Ordering::Greater),
        None => Some(true),
    }
}

/// The value of `n` when its scale outweighs its decimals, or it has neither, and it is a
/// whole number a `u64` holds: `magnitude · 10^(exponent − decimals)`.
#[inline]
fn whole(n: &PlainNumber) -> Option<u64> {
    let shift = n.exponent.checked_sub(n.decimals)?;
    POWERS_OF_TEN.get(shift as usize).and_then(|p| n.magnitude.checked_mul(*p))
}

/// `10^k` for every `k` a `u64` holds.
const POWERS_OF_TEN: [u64; 20] = {
    let mut powers = [1; 20];
    let mut k = 1;
    while k < 20 {
        powers[k] = powers[k - 1] * 10;
        k += 1;
    }
    powers
};

/// The value a quoted number must lie within, as `Value::describe` shows an interval but
/// without rounding and `~`: `$4bn`, `1/3` for `~ 1/3`, `30..35% (30–35)`, `> $1bn (at least 1)`.
pub fn as_written(value: &Value, written: &str) -> String {
    let prefix = match value.cmp {
        Cmp::Eq | Cmp::Approx => String::new(),
        other => format!("{} ", other.symbol()),
    };
    if value.nominal.is_point() {
        format!("{prefix}{written}")
    } else {
        format!("{prefix}{written} ({})", value.nominal.interval().display_in(&value.display_scale()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::build::Parsed;
    use crate::source::FileId;

    fn verdict(claim: &str, quote: &str) -> Verdict {
        let text = format!(
            "measure m \"M\" unit %\nmeasure t \"T\" unit USD\nmeasure c \"C\" unit Mtoe\nmeasure k \"K\" unit km\nmeasure s \"S\" unit students\n\
             measure g \"G\" unit bcm/yr\nmeasure x \"X\" unit kt\nmeasure p \"P\" unit Muslims\n\
             measure w \"W\" unit MW\nmeasure y \"Y\" unit kt/yr\n{claim}\n"
        );
        let (tree, errors) = crate::syntax::parse(FileId(0), &text);
        assert!(errors.is_empty(), "{claim}");
        let model = crate::model::build(&[Parsed { file: FileId(0), text: &text, tree: &tree }]);
        let claim = &model.claims[0];
        let unit = model.measure(claim).and_then(|m| m.unit.clone());
        judge(&claim.value, || model.written(claim), unit.as_deref(), quote)
    }

    /// The plain verdict of `quote` on `claim`, if there is one, held to `judge`'s.
    fn plain_verdict(line: &str, quote: &str) -> Option<Verdict> {
        let text = format!(
            "measure m \"M\" unit %\nmeasure t \"T\" unit USD\nmeasure c \"C\" unit Mtoe\nmeasure s \"S\" unit students\n\
             measure e \"E\" unit EUR\nmeasure k \"K\" unit km\n{line}\n"
        );
        let (tree, errors) = crate::syntax::parse(FileId(0), &text);
        assert!(errors.is_empty(), "{line}");
        let model = crate::model::build(&[Parsed { file: FileId(0), text: &text, tree: &tree }]);
        let claim = &model.claims[0];
        let unit = model.measure(claim).and_then(|m| m.unit.as_deref()).or(claim.value.unit.as_deref());
        let plain = judge_plain(&claim.value, unit, quote);
        if let Some(verdict) = &plain {
            assert_eq!(*verdict, judge(&claim.value, || model.written(claim), unit, quote), "{line} / {quote}");
        }
        plain
    }

    /// Claims of every kind of unit, of points, ranges, rays and `~`.
    const CLAIMS: [&str; 14] = [
        "2000 t = $595.8m",
        "2000 t = $0.5bn",
        "2000 t > $1bn",
        "2000 t = $5..6bn",
        "2000 t ~ $12",
        "2000 t = $12",
        "2000 e = EUR 5m",
        "2000 m = 12%",
        "2000 s = 12 students",
        "2000 s = 3000 students",
        "2000 s ~ 0 students",
        "2000 c = 12 Mtoe",
        "2000 k = 999 km",
        "2000 k > 5 km",
    ];

    #[test]
    fn plain_quotes_are_judged_as_judge_judges_them() {
        let quotes = [
            "flow 0 of item 0 reached $595.8m",
            "flow 0 of item 0 reached $595.80m",
            "flow 0 of item 0 reached $595.9m",
            "flow 0 of item 0 reached $0.5 billion",
            "exports reached $500 million",
            "exports reached $1.2bn",
            "exports reached $12 of it",
            "exports reached $12.",
            "exports were 12 students",
            "exports were 3000 students",
            "exports were 999 km",
            "exports were 12 of them",
            "exports were 0 of them",
            "flow 1000 of item 2012 reached $595.8m",
            "in 2001 it reached 12 students",
            "nothing at all",
            "$5.5 billion",
        ];
        let mut told = 0;
        for claim in CLAIMS {
            for quote in quotes {
                told += usize::from(plain_verdict(claim, quote).is_some());
            }
        }
        assert!(told > 100, "{told}");
        assert_eq!(plain_verdict("2000 t = $595.8m", quotes[0]), Some(Verdict::Agrees));
        assert_eq!(plain_verdict("2000 t = $595.8m", quotes[1]), Some(Verdict::Agrees));
        assert_eq!(plain_verdict("2000 t = $595.8m", quotes[2]), None, "the digits tell");
        assert_eq!(plain_verdict("2000 t = $0.5bn", quotes[4]), Some(Verdict::Agrees));
        assert_eq!(plain_verdict("2000 m = 12%", quotes[0]), Some(Verdict::Silent));
        assert_eq!(plain_verdict("2000 t = $12", quotes[6]), Some(Verdict::Agrees));
        assert_eq!(plain_verdict("2000 c = 12 Mtoe", quotes[11]), None, "a unit with a scale");
        assert_eq!(plain_verdict("2000 t = $595.8m", "in 2001 it reached $595.8m"), Some(Verdict::Agrees));
        assert_eq!(plain_verdict("2000 m = 12%", "in 2001 it reached 12 of them"), Some(Verdict::Silent));
        assert_eq!(plain_verdict("2000 s = 12 students", "in 2001 it reached 12 students"), None, "a year");
    }

    #[test]
    fn a_unit_read_once_is_read_as_anew() {
        let owned: Vec<String> = ["%", "USD", "EUR", "Mtoe", "bcm/yr", "students", "US"].map(String::from).into();
        let units: Vec<Option<&str>> =
            [None].into_iter().chain(owned.iter().map(|u| Some(u.as_str()))).chain([Some("USD"), Some("%")]).collect();
        for &first in &units {
            for &then in &units {
                assert_eq!(PlainUnit::new(first).of(then), PlainUnit::new(then), "{first:?} then {then:?}");
            }
        }
        assert!(PlainUnit::new(Some("Mtoe")).scaled && PlainUnit::new(Some("bcm/yr")).scaled);
        assert!(!PlainUnit::new(Some("students")).scaled && !PlainUnit::new(None).scaled);
        assert!(PlainUnit::new(Some("%")).wants(Kind::Ratio) && !PlainUnit::new(Some("USD")).wants(Kind::Ratio));
        assert!(PlainUnit::new(Some("USD")).wants(Kind::Money("USD")) && PlainUnit::new(None).wants(Kind::Count));
    }

    #[test]
    fn random_plain_quotes_are_judged_as_judge_judges_them() {
        const TOKENS: [&str; 32] = [
            "flow", "of", "item", "reached", "the", "to", "students", "km", "0", "5", "12", "999", "3000", "1000",
            "2012", "$5", "$12", "$595.8m", "$0.5bn", "$500", "$0.5", "$1.2bn", "$5.5", "$6", "billion", "million",
            "$1.5k", "$7kt", "$2m5", "$3k.", "$4.5m,", "$9ms",
        ];
        let mut rng = fastrand::Rng::with_seed(0xa9ee);
        let mut told = 0;
        for claim in CLAIMS {
            for _ in 0..600 {
                let words: Vec<&str> = (0..rng.usize(1..7)).map(|_| TOKENS[rng.usize(..TOKENS.len())]).collect();
                told += usize::from(plain_verdict(claim, &words.join(" ")).is_some());
            }
        }
        assert!(told > 1_000, "{told}");
    }

    #[test]
    fn plain_numbers_are_weighed_as_their_mentions() {
        // Numbers of every size, decimals and scale against bounds small and big, of either
        // sign, open or not: `within` tells what `Interval::contains` tells of the mention,
        // or nothing (when a bound is big or a product overflows).
        let mut rng = fastrand::Rng::with_seed(0x9e1);
        let magnitudes = [0, 1, 5, 12, 5958, 999_999_999_999_999_999, u64::from(u32::MAX), 1 << 62];
        let bound = |rng: &mut fastrand::Rng| match rng.u8(..6) {
            0 => None,
            1 => Some(Q::from_i128(i128::from(rng.i64(..)) * 1_000_000_007, i128::from(rng.u32(1..)))),
            2 => Some(Q::from_i128(i128::from(rng.i64(..)), i128::from(rng.u32(1..)))),
            3 => Some(Q::from_decimal(false, rng.u64(..100_000), rng.u32(..4)).times_pow10(rng.u32(..13))),
            4 => Some(int(rng.i64(-5..5))),
            _ => Some(Q::from_i128(i128::from(rng.i64(-1 << 40..1 << 40)), i128::from(rng.u32(1..1000)))),
        };
        let mut told = 0;
        for _ in 0..200_000 {
            let magnitude = match rng.bool() {
                true => magnitudes[rng.usize(..magnitudes.len())],
                false => {
                    let digits = rng.u32(1..19);
                    rng.u64(..10u64.pow(digits))
                }
            };
            let n = PlainNumber {
                range: 0..1,
                kind: [Kind::Count, Kind::Money("USD")][rng.usize(..2)],
                magnitude,
                decimals: rng.u32(..4).min(18 - magnitude.checked_ilog10().unwrap_or(0)),
                exponent: [0, 3, 6, 9, 12][rng.usize(..5)],
            };
            let m = n.mention();
            // Bounds on the number itself, or near it, or anywhere.
            let near = |rng: &mut fastrand::Rng| match rng.u8(..3) {
                0 => Some(m.value.clone()),
                1 => Some(&m.value + &Q::from_i128(i128::from(rng.i64(-3..3)), 1000)),
                _ => bound(rng),
            };
            let (lo, hi) = (near(&mut rng), near(&mut rng));
            let interval = crate::value::interval::Interval { lo: lo.clone(), hi: hi.clone() };
            let bounds = [&lo, &hi].map(|bound| bound.as_ref().map(Q::as_small));
            if let Some(inside) = within(&n, bounds) {
                assert_eq!(inside, interval.contains(&m.value), "{n:?} in {interval:?}");
                told += 1;
            }
        }
        assert!(told > 100_000, "{told}");
    }

    #[test]
    fn the_spec_examples_agree() {
        assert_eq!(verdict("2011 m ~ 1/3", "representing around one-third of the country"), Verdict::Agrees);
        assert_eq!(verdict("1994 m ~ 1/2", "accounting for half of Kazakhstan"), Verdict::Agrees);
        assert_eq!(verdict("2000 m = 5.8%", "with 5.8 percent of Kazakhstan"), Verdict::Agrees);
        assert_eq!(verdict("1999 m = 43.1%", "the remaining 43.1percent"), Verdict::Agrees);
        assert_eq!(verdict("1997 t = $4.3bn", "for $4.3bn, at the time"), Verdict::Agrees);
        assert_eq!(verdict("1997 t = $4.3bn", "for 4.3 billion dollars"), Verdict::Agrees);
        assert_eq!(verdict("2006 c = 10 Mtoe", "a capacity of 10 million tons (Mtoe)"), Verdict::Agrees);
        assert_eq!(verdict("2020 k > 1,780 km", "a long land border (over 1,780 km) with China"), Verdict::Agrees);
        assert_eq!(verdict("2020 k = 30..35 km", "some 35 km away"), Verdict::Agrees);
    }

    #[test]
    fn disagreement_needs_numbers_of_the_kind() {
        assert!(matches!(verdict("2000 m = 5.8%", "with 5.9 percent of it"), Verdict::Disagrees(m) if m.len() == 1));
        assert!(matches!(verdict("2005 t = $4.18bn", "for $4.3bn in 1997"), Verdict::Disagrees(_)));
        assert_eq!(verdict("2000 m = 5.8%", "in 2000, three partners and $4bn"), Verdict::Silent);
        assert_eq!(verdict("2005 t = $4.18bn", "for €4.3bn"), Verdict::Silent);
        assert_eq!(verdict("2006 c = 10 Mtoe", "after September 11, 2001"), Verdict::Silent);
    }

    #[test]
    fn dates_and_references_are_no_amounts() {
        for quote in [
            "on 2015-01-01",
            "in 2000-01",
            "on 01.01.2015",
            "on 1.1.2015",
            "in 2014–15",
            "in 1990-91",
            "in the 90s",
            "in '98",
            "as (see Blank, 97) says",
            "as (Blank et al. 1995a, pp. 121-22) says",
        ] {
            assert_eq!(verdict("2006 s = 500 students", quote), Verdict::Silent, "{quote}");
        }
    }

    #[test]
    fn prose_an_apostrophe_and_a_year_of_time_that_agree() {
        assert_eq!(verdict("2016 k = 1,780 km", "7,200 km (with Kazakhstan 1,780)"), Verdict::Agrees);
        assert_eq!(verdict("2016 s = 12,000 students", "30,000 students (of whom Kazakhs 12,000)"), Verdict::Agrees);
        assert_eq!(verdict("2016 k = 1,250 km", "7,200 km (in Kazakhstan 1,250)"), Verdict::Agrees);
        assert_eq!(verdict("2016 s = 1,800 students", "over 45 students (for Kazakhstan 1,800)"), Verdict::Agrees);
        assert_eq!(verdict("2016 s = 2500 students", "nearly 2010 students (e.g. Kazakhs 2500)"), Verdict::Agrees);
        assert_eq!(verdict("2016 k = 20 km", "'20 km zone' was widened to 50 km"), Verdict::Agrees);
        assert_eq!(verdict("2016 s = 45 students", "‘45 students’ sent, 30 returned"), Verdict::Agrees);
        let up = "reached 2500 students in 2016, up from 1500 students in 2010";
        assert_eq!(verdict("2010 s = 1,500 students", up), Verdict::Agrees);
        assert_eq!(verdict("2016 s = 2,000 students", "A total of 2000 students came, up from 1,800"), Verdict::Agrees);
        assert_eq!(verdict("2016 m = 17.5%", "in 2016 (for China 17.5-percent)"), Verdict::Agrees);
    }

    #[test]
    fn a_reference_keeps_its_locator_words() {
        for quote in [
            "came (Peyrouse 2008, 34ff.) to",
            "came (Peyrouse 2008, vol. 2, 45) to",
            "came (Peyrouse 2008, 45 n. 3) to",
            "came (Peyrouse 2008, 45 and passim) to",
            "came (cited in Jones 2002, 45) to",
            "came (World Bank 2018, p. 12) to",
            "came (Xing 2001: 121) to",
            "It came (Smith 2008, 45 cf. Jones 2010) to",
            "It came (Smith et al. 2008, 45; ibid., 47) to",
            "It came (van der Berg 2008, 12) to",
            "It came (as quoted in Pannier 2010, 4) to",
            "It came (Blank 1997, sec. 3, para. 4) to",
        ] {
            assert_eq!(verdict("2006 s = 500 students", quote), Verdict::Silent, "{quote}");
        }
    }

    #[test]
    fn ranges_quoted_words_and_years_of_time() {
        let disagrees = |claim: &str, quote: &str| matches!(verdict(claim, quote), Verdict::Disagrees(_));
        assert!(disagrees("2000 k = 5,000 km", "a road of 2000-3000 km"));
        assert!(disagrees("2000 m = 40%", "the '50 percent' rule"));
        assert!(disagrees("2000 m = 40%", "the ‘50 percent’ rule"));
        // Prose in parentheses.
        for quote in [
            "(The number of Kazakh students reached 12,000)",
            "(Kazakh students numbered 12 in 2010)",
            "Many came (Kazakhstan: 12,000 students)",
            "Many came (In 2010, 12,000 students)",
        ] {
            assert!(disagrees("2000 s = 3,000 students", quote), "{quote}");
        }
        // A word of time before a year leaves it a year, even one that may stand before an
        // amount (`rose to 2500 students` goes unweighed: better than a false alarm).
        for quote in [
            "From 2010 students came",
            "Around 2010 students came",
            "the class of 2010 students",
            "by 2010 students came",
        ] {
            assert_eq!(verdict("2015 s = 12,000 students", quote), Verdict::Silent, "{quote}");
        }
        for quote in [
            "By 2015 students came",
            "Since 2010 students came",
            "in early 2014 students came",
            "in mid-2014 students came",
            "Throughout 2014 students came",
        ] {
            assert_eq!(verdict("2006 s = 500 students", quote), Verdict::Silent, "{quote}");
        }
    }

    #[test]
    fn words_of_time_and_dating_before_a_year_are_read_in_any_case() {
        // A word of time leaves a year a year: only another reading, which does not disagree.
        for quote in
            ["IN 2012 students came", "In 2012 students came", "SiNcE 2012 students came", "MID- 2012 students"]
        {
            assert_eq!(verdict("2006 s = 2500 students", quote), Verdict::Silent, "{quote}");
        }
        assert!(matches!(verdict("2006 s = 2500 students", "Over 2012 students came"), Verdict::Disagrees(_)));
        // A dating word makes it surely a year, which agrees with nothing.
        for quote in [
            "In 2012, the students came",
            "IN 2012, the students came",
            "As Of 2012, the students came",
            "FROM 2012 to 2015, when students came",
            "Fiscal 2012, when students came",
        ] {
            assert_eq!(verdict("2006 s = 2012 students", quote), Verdict::Silent, "{quote}");
        }
        // Without one, it may be an amount.
        assert_eq!(verdict("2006 s = 2012 students", "Then 2012, when students came"), Verdict::Agrees);
    }

    #[test]
    fn a_unit_with_a_scale_in_its_name_counts_in_that_scale() {
        let disagrees = |claim: &str, quote: &str| matches!(verdict(claim, quote), Verdict::Disagrees(_));
        for (claim, quote) in [
            ("2006 c = 10 Mtoe", "10 million tons"),
            ("2006 c = 10..15 Mtoe", "capacity was 12 million tons"),
            ("2006 c < 15 Mtoe", "capacity was 12 million tons"),
            ("2006 c = 12.5 Mtoe", "12,500 thousand tons"),
            ("2006 g = 50..60 bcm/yr", "55 billion cubic metres a year"),
            ("2006 x = 12,000 kt", "12 thousand kt"),
            ("2006 c = 1,500 Mtoe", "1.5 billion tons"),
        ] {
            assert_eq!(verdict(claim, quote), Verdict::Agrees, "{claim}: {quote}");
        }
        assert!(disagrees("2006 c > 20 Mtoe", "capacity was 12 million tons"));
        assert_eq!(verdict("2006 x = 12,000 kt", "12 thousand kilotonnes"), Verdict::Agrees);
        // In any case, and in a word that is not ASCII (lowered as `to_lowercase` would).
        for quote in ["12 thousand KILOTONNES", "12 thousand Kilotonnes", "12 thousand Kilo-тонн"] {
            assert_eq!(verdict("2006 x = 12,000 kt", quote), Verdict::Agrees, "{quote}");
        }
        assert!(disagrees("2006 x = 12,000 kt", "12 thousand тонн"));
        assert_eq!(verdict("2006 w = 2,400 MW", "Capacity reached 2.4 thousand megawatts."), Verdict::Agrees);
        assert_eq!(verdict("2006 y = 12,000 kt/yr", "12 thousand kt a year"), Verdict::Agrees);
        // In digits alone, either reading may agree; neither reading agreeing, it disagrees.
        assert_eq!(verdict("2006 c = 12 Mtoe", "capacity was 12,000,000 tons"), Verdict::Agrees);
        assert!(disagrees("2006 c = 15 Mtoe", "capacity was 12,000,000 tons"));
        // A unit that merely starts like a scale is not one.
        assert_eq!(verdict("2006 p = 12m Muslims", "12 million Muslims"), Verdict::Agrees);
    }

    #[test]
    fn every_unit_with_a_scale_passes_its_first_letter_test() {
        let scales = [
            (["kt", "ktoe", "kW", "kWh"].as_slice(), 3),
            (&["Mt", "Mtoe", "Mtce", "Mtpa", "MW", "MWh", "Mbbl", "mcm"], 6),
            (&["Gt", "Gtoe", "GW", "GWh", "bcm", "bcf"], 9),
            (&["TW", "TWh", "tcm", "tcf"], 12),
        ];
        for (units, scale) in scales {
            for unit in units {
                assert_eq!(unit_scale(unit), Some(scale), "{unit}");
            }
        }
        for unit in ["USD", "%", "students", "tons", "km", "Muslims", "", "kWhs", "bcm/yr"] {
            assert_eq!(unit_scale(unit), None, "{unit}");
        }
    }

    #[test]
    fn a_year_after_a_word_that_dates_agrees_with_no_amount() {
        let disagrees = |claim: &str, quote: &str| matches!(verdict(claim, quote), Verdict::Disagrees(_));
        for quote in [
            "In 2000 there were 500 students",
            "Since 2013, 500 students",
            "In fiscal year 2001 we had 500 students",
            "In 2003-2008, 500 students",
            "Between 2003 and 2008 about 500 students",
        ] {
            assert!(disagrees("2000 s > 1,000 students", quote), "{quote}");
        }
        for quote in ["From 1995 to 1999, some 500 students", "500 students, as of 2019"] {
            assert!(disagrees("2000 s > 1,000 students", quote), "{quote}");
        }
        // An amount the claim's unit follows, or no modern year, after a dating word.
        for (claim, quote) in [
            ("2005 s = 1,800 students", "Enrolment rose from 1200 to 1800 students, with 90 teachers."),
            ("2004 s = 1,800 students", "Enrolment rose in 2004 to 1800 foreign students, with 90 teachers."),
            ("2005 s = 1,500 students", "The college took in 1500 students, up from 900."),
            ("2006 s = 1,500..2,000 students", "Between 1500 and 2000 foreign students came, up from 900."),
        ] {
            assert_eq!(verdict(claim, quote), Verdict::Agrees, "{quote}");
        }
        // After `by`, `from` or `to` a four-digit number may be an amount: it may still agree.
        for quote in ["500 students came by 2000", "up from 1500 students", "rose to 2500"] {
            assert_eq!(verdict("2000 s > 1,000 students", quote), Verdict::Agrees, "{quote}");
        }
    }

    #[test]
    fn numbers_in_prose_parentheses_and_years_before_the_unit_count() {
        let disagrees = |claim: &str, quote: &str| matches!(verdict(claim, quote), Verdict::Disagrees(_));
        assert!(disagrees("2000 m = 5.9%", "(China's share was 5.8 percent of the total)"));
        assert!(disagrees("2000 t = $5bn", "worth (USD 4.3 billion)"));
        assert!(disagrees("2000 s = 500 students", "(Chinese universities 12,000 students)"));
        assert!(disagrees("2000 k = 1,500 km", "a border of over 1780 km"));
        assert!(disagrees("2000 s = 1,500 students", "some 2500 students"));
        assert_eq!(verdict("2000 k = 1,780 km", "a border of over 1780 km"), Verdict::Agrees);
        assert_eq!(verdict("2000 s = 500 students", "in 2012 students came"), Verdict::Silent, "a year before a word");
    }

    #[test]
    fn hyphened_and_capitalised_words_of_a_number() {
        let disagrees = |claim: &str, quote: &str| matches!(verdict(claim, quote), Verdict::Disagrees(_));
        for quote in ["a 6.8-percent share", "6.8 Percent of it", "6.8 PERCENT of it"] {
            assert!(disagrees("2000 m = 5.8%", quote), "{quote}");
            assert_eq!(verdict("2000 m = 6.8%", quote), Verdict::Agrees, "{quote}");
        }
        assert!(disagrees("2000 t = $5bn", "a 4.3-billion-dollar deal"));
        assert_eq!(verdict("2000 t = $4.3bn", "a 4.3-billion-dollar deal"), Verdict::Agrees);
    }

    #[test]
    fn a_more_precise_quote_is_not_the_claims_value() {
        // Inside the rounding of the claim's digits, but neither its digits nor its value.
        assert!(matches!(verdict("2012 t = $4bn", "reached $4.18 billion in 2012"), Verdict::Disagrees(_)));
        assert!(matches!(verdict("2012 m = 17%", "with 17.5% of the total"), Verdict::Disagrees(_)));
        assert!(matches!(verdict("1999 m = 57%", "with 56.9 percent of the territory"), Verdict::Disagrees(_)));
        assert!(matches!(verdict("2012 t ~ $22bn", "some $21 billion"), Verdict::Disagrees(_)));
        // The same digits, or the same value, still agree.
        assert_eq!(verdict("2012 t = $4bn", "reached $4 billion"), Verdict::Agrees);
        assert_eq!(verdict("2012 t = $4.18bn", "reached $4.18 billion"), Verdict::Agrees);
        assert_eq!(verdict("2012 t = $4bn", "reached 4,000 million dollars"), Verdict::Agrees);
        assert_eq!(verdict("2012 m = 17%", "with 17 percent"), Verdict::Agrees);
        assert_eq!(verdict("2012 t ~ $22bn", "about $22 billion"), Verdict::Agrees);
    }

    #[test]
    fn the_same_value_in_the_claims_unit_and_scale_agrees() {
        assert_eq!(verdict("2000 t = $1,500m", "reaching $1.5 billion"), Verdict::Agrees);
        assert_eq!(verdict("2000 t = $1.5bn", "reaching 1,500 million dollars"), Verdict::Agrees);
        assert!(matches!(verdict("2000 t = $1,500m", "reaching $1.55 billion"), Verdict::Disagrees(_)));
        // By digits: the claim's unit is not the quote's ("million tons" and `Mtoe`).
        assert_eq!(verdict("2006 c = 10 Mtoe", "a capacity of 10 million tons"), Verdict::Agrees);
        assert!(matches!(verdict("2006 c = 10 Mtoe", "a capacity of 10.5 million tons"), Verdict::Disagrees(_)));
    }

    #[test]
    fn approximate_claims_and_fractions_agree_only_with_their_written_value() {
        assert_eq!(verdict("2011 m ~ 1/3", "around one-third of the output"), Verdict::Agrees);
        assert_eq!(verdict("2011 m ~ 1/3", "around 1/3 of the output"), Verdict::Agrees);
        assert_eq!(verdict("2011 m = 1/3", "a third of the output"), Verdict::Agrees);
        // `~ 1/3` spans 30–36.67 %, but its value is exactly a third.
        assert!(matches!(verdict("2011 m ~ 1/3", "about 30 percent of the output"), Verdict::Disagrees(_)));
        assert!(matches!(verdict("2011 m ~ 1/3", "about 33.3 percent of the output"), Verdict::Disagrees(_)));
        assert!(matches!(verdict("2011 m ~ 1/3", "about a quarter of the output"), Verdict::Disagrees(_)));
    }

    #[test]
    fn percent_claims_weigh_fractions_as_percentages() {
        assert_eq!(verdict("1994 m = 50%", "accounting for half of it"), Verdict::Agrees);
        assert_eq!(verdict("1994 m = 25..50%", "a third of it"), Verdict::Agrees);
        assert_eq!(verdict("1994 m = 1/2", "fully 50 percent of it"), Verdict::Agrees);
        // One third is 33.33…%, inside the rounding of `33%` but not its value.
        assert!(matches!(verdict("2011 m = 33%", "around one-third of it"), Verdict::Disagrees(_)));
        assert!(matches!(verdict("2011 m ~ 33%", "around one-third of it"), Verdict::Disagrees(_)));
        // A fraction is no number of a money or a plain claim's kind.
        assert_eq!(verdict("2011 t = $4bn", "around one-third of it"), Verdict::Silent);
        assert_eq!(verdict("2011 c = 10 Mtoe", "around one-third of it"), Verdict::Silent);
    }

    #[test]
    fn range_claims_take_their_bounds_but_not_their_rounding() {
        assert_eq!(verdict("2010 m = 30..35%", "some 32 percent"), Verdict::Agrees);
        assert_eq!(verdict("2010 m = 30..35%", "some 30 percent"), Verdict::Agrees);
        assert_eq!(verdict("2010 m = 30..35%", "some 35.0 percent"), Verdict::Agrees);
        assert_eq!(verdict("2010 m = 30..35%", "some 30.01 percent"), Verdict::Agrees);
        assert_eq!(verdict("2010 m = 30..35%", "some 34.99 percent"), Verdict::Agrees);
        assert!(matches!(verdict("2010 m = 30..35%", "some 29.99 percent"), Verdict::Disagrees(_)));
        assert!(matches!(verdict("2010 m = 30..35%", "some 35.01 percent"), Verdict::Disagrees(_)));
        // 29.5 and 35.4 lie in the rounding of 30..35 (29.5–35.5), not in the range.
        assert!(matches!(verdict("2010 m = 30..35%", "some 29.5 percent"), Verdict::Disagrees(_)));
        assert!(matches!(verdict("2010 m = 30..35%", "some 35.4 percent"), Verdict::Disagrees(_)));
    }

    #[test]
    fn bounded_claims_take_their_ray() {
        assert_eq!(verdict("2012 t > $1bn", "over $1.2 billion"), Verdict::Agrees);
        assert_eq!(verdict("2012 t > $1bn", "over $1 billion"), Verdict::Agrees);
        assert_eq!(verdict("2012 t >= $1bn", "at least 1,000 million dollars"), Verdict::Agrees);
        assert!(matches!(verdict("2012 t > $1bn", "over $0.99 billion"), Verdict::Disagrees(_)));
        // `> $1bn` rounds down to 0.95bn, but 0.96bn is not above the written $1bn.
        assert!(matches!(verdict("2012 t > $1bn", "over $0.96 billion"), Verdict::Disagrees(_)));
        assert_eq!(verdict("2012 m < 5%", "under 4.9 percent"), Verdict::Agrees);
        assert!(matches!(verdict("2012 m < 5%", "under 5.01 percent"), Verdict::Disagrees(_)));
        assert!(matches!(verdict("2012 m < 5%", "under 5.4 percent"), Verdict::Disagrees(_)));
        assert_eq!(verdict("2020 k > 1,780 km", "a border of 1,782.5 km"), Verdict::Agrees);
        assert!(matches!(verdict("2020 k > 1,780 km", "a border of 1,779.9 km"), Verdict::Disagrees(_)));
    }

    #[test]
    fn spelled_amounts_of_money_are_weighed() {
        assert!(matches!(
            verdict("2003 t = $5bn", "Trade grew to twenty billion dollars."),
            Verdict::Disagrees(m) if m.len() == 1 && m[0].kind == Kind::Money("USD")
        ));
        assert!(matches!(verdict("2003 t = $5bn", "some two billion dollars"), Verdict::Disagrees(_)));
        assert!(matches!(verdict("2003 t = $5bn", "some ten million dollars"), Verdict::Disagrees(_)));
        assert_eq!(verdict("2003 t = $20bn", "Trade grew to twenty billion dollars."), Verdict::Agrees);
        assert_eq!(verdict("2003 t = $20,000m", "Trade grew to twenty billion dollars."), Verdict::Agrees);
        assert_eq!(verdict("2003 t = $10m", "some ten million US dollars"), Verdict::Agrees);
        // Another currency is not the claim's kind.
        assert_eq!(verdict("2003 t = $5bn", "some twenty billion euros"), Verdict::Silent);
    }

    #[test]
    fn compound_number_words_are_weighed_whole() {
        assert_eq!(verdict("2005 t = $250m", "two hundred and fifty million dollars"), Verdict::Agrees);
        assert_eq!(verdict("2006 t = $120m", "one hundred twenty million dollars"), Verdict::Agrees);
        assert_eq!(verdict("2007 t = $3.5bn", "some three and a half billion dollars"), Verdict::Agrees);
        assert_eq!(verdict("2007 t = $1m", "a million dollars"), Verdict::Agrees);
        assert_eq!(verdict("2007 t = $1.2bn", "one thousand two hundred million dollars"), Verdict::Agrees);
        assert_eq!(verdict("2000 m = 25%", "twenty-five percent of it"), Verdict::Agrees);
        assert_eq!(verdict("2000 m = 25%", "twenty five percent of it"), Verdict::Agrees);
        assert_eq!(verdict("2000 m = 2.5%", "two and a half percent of it"), Verdict::Agrees);
        assert_eq!(verdict("2008 s = 250 students", "two hundred and fifty students"), Verdict::Agrees);
        assert_eq!(verdict("2008 s = 1,200 students", "one thousand two hundred students"), Verdict::Agrees);
        assert_eq!(verdict("2008 s = 100 students", "a hundred students"), Verdict::Agrees);
        // A wrong compound is named whole.
        let Verdict::Disagrees(said) = verdict("2005 t = $250m", "two hundred and sixty million dollars") else {
            panic!()
        };
        let quote = "two hundred and sixty million dollars";
        assert_eq!(said.iter().map(|m| &quote[m.range.clone()]).collect::<Vec<_>>(), [quote]);
        assert!(matches!(verdict("2000 m = 25%", "twenty-six percent of it"), Verdict::Disagrees(_)));
        assert!(matches!(verdict("2007 t = $3bn", "some three and a half billion dollars"), Verdict::Disagrees(_)));
        // `one` as a pronoun is no number.
        assert_eq!(verdict("2008 s = 250 students", "one of the largest groups of students"), Verdict::Silent);
    }

    #[test]
    fn digits_grouped_by_spaces_agree_in_either_reading() {
        assert_eq!(verdict("2010 s = 12,000 students", "About 12 000 students"), Verdict::Agrees);
        assert_eq!(verdict("2008 s = 500 students", "In grade 12 500 students enrolled"), Verdict::Agrees);
        assert_eq!(verdict("2008 s = 12,500 students", "In grade 12 500 students enrolled"), Verdict::Agrees);
        // A real mismatch still fires, naming the grouped number once.
        let Verdict::Disagrees(said) = verdict("2008 s = 400 students", "In grade 12 500 students enrolled") else {
            panic!()
        };
        assert_eq!(said.len(), 1);
        assert_eq!(said[0].value, int(12_500));
        // `000` is no number of its own: `12 000` is only twelve thousand.
        assert!(
            matches!(verdict("2010 s = 12 students", "About 12 000 students"), Verdict::Disagrees(m) if m.len() == 1)
        );
        // Another reading alone, of the claim's kind but not agreeing, makes no disagreement.
        assert_eq!(verdict("2012 s = 400 students", "reaching $1 500 million"), Verdict::Silent);
    }

    #[test]
    fn thousands_grouped_by_spaces_are_one_number() {
        assert_eq!(verdict("2010 s = 12,000 students", "About 12 000 students."), Verdict::Agrees);
        assert_eq!(verdict("2010 s = 12,000 students", "About 12\u{a0}000 students."), Verdict::Agrees);
        assert!(matches!(verdict("2010 s = 12,000 students", "About 13 000 students."), Verdict::Disagrees(_)));
        assert_eq!(verdict("2012 s = 500 students", "in 2012 500 students enrolled"), Verdict::Agrees);
        assert_eq!(verdict("2012 t = $1.5bn", "reaching $1 500 million"), Verdict::Agrees);
    }

    #[test]
    fn a_percent_sign_written_once_is_shared_by_a_range_or_list() {
        for (claim, quote) in [
            ("2000 m = 30%", "Oil output was 30-35% of the total"),
            ("2000 m = 35%", "Oil output was 30-35% of the total"),
            ("2000 m = 30%", "it rose from 30 to 35 percent"),
            ("2000 m = 30%", "between 30 and 35 percent"),
            ("2000 m = 30%", "some 30 to 35%"),
            ("2000 m = 30%", "30–35 per cent of it"),
            ("2000 m = 30%", "30 — 35 per cent of it"),
            ("2000 m = 20%", "China and Russia had 20 and 30 percent respectively"),
            ("2000 m = 3%", "3 to 4 percent"),
            ("2000 m = 3%", "3 or 4 percent"),
            ("2000 m = 3%", "3 and/or 4 percent"),
            ("2000 m = 10%", "10, 20 and 30 percent"),
            ("2000 m = 20%", "10, 20, and 30 percent"),
            ("2000 m = 50%", "between fifty and sixty percent"),
            ("2000 m = 30..35%", "some 30 to 40 percent"),
        ] {
            assert_eq!(verdict(claim, quote), Verdict::Agrees, "{claim} / {quote}");
        }
    }

    #[test]
    fn a_shared_percent_sign_makes_no_mismatch_agree() {
        let disagrees = |claim: &str, quote: &str| matches!(verdict(claim, quote), Verdict::Disagrees(_));
        for (claim, quote) in [
            ("2000 m = 40%", "Oil output was 30-35% of the total"),
            ("2000 m = 40%", "it rose from 30 to 35 percent"),
            ("2000 m = 40%", "between 30 and 35 percent"),
            ("2000 m = 40%", "some 30 to 35%"),
            ("2000 m = 40%", "30–35 per cent of it"),
            ("2000 m = 25%", "China and Russia had 20 and 30 percent respectively"),
            ("2000 m = 5%", "3 to 4 percent"),
            ("2000 m = 15%", "10, 20 and 30 percent"),
        ] {
            assert!(disagrees(claim, quote), "{claim} / {quote}");
        }
        // The shared reading is named in no mismatch: only the number written with the sign.
        let quote = "it rose from 30 to 35 percent";
        let Verdict::Disagrees(said) = verdict("2000 m = 40%", quote) else { panic!() };
        assert_eq!(said.iter().map(|m| &quote[m.range.clone()]).collect::<Vec<_>>(), ["35 percent"]);
        // Years, numbers with a unit or a scale of their own, and numbers apart share nothing.
        for (claim, quote) in [
            ("2000 m = 2000%", "in 2000 and 35 percent"),
            ("2000 m = 2000%", "from 2000 to 35 percent"),
            ("2000 m = 30%", "30 km and 35 percent"),
            ("2000 m = 30%", "30 million and 35 percent"),
            ("2000 m = 30%", "30 of them, 35 percent"),
            ("2000 m = 30%", "30, 35 percent"),
            ("2000 m = 30%", "in 30 years 35 percent"),
            ("2000 m = 30%", "30 (or 35 percent)"),
            // A range is a group of its own, and a label before the numbers makes them no
            // amounts: the percentage is the last number's alone.
            ("2000 m = 35%", "Data are on pages 30-35 and 40 percent of firms reported losses"),
            ("2000 m = 64%", "Workers aged 15 to 64 and 40 percent of pensioners were covered"),
            ("2000 m = 12%", "pupils of grade 12 and 35 percent of teachers"),
            ("2000 m = 30%", "see pages 30 and 40 percent"),
            ("2000 m = 3%", "Article 3 and 40 percent"),
        ] {
            assert!(disagrees(claim, quote), "{claim} / {quote}");
        }
        // After a list, a range still shares: 30 of `30-35 percent` is 30 percent.
        assert!(!disagrees("2000 m = 30%", "20 and 30-35 percent"));
        // A shared reading alone, not agreeing, makes no mismatch either: no number of the
        // claim's kind is surely stated.
        assert_eq!(verdict("2000 m = 5%", "between 30 and 35 students"), Verdict::Silent);
    }

    #[test]
    fn a_count_of_people_takes_no_currency_from_an_amount_after_it() {
        let quote = "a population of 1.3 billion and exports of $4 billion";
        assert!(matches!(verdict("2005 t = $1.3bn", quote), Verdict::Disagrees(_)));
        assert!(!matches!(
            verdict("2005 t = $0.8bn", "exports of $1.2 billion and imports of 0.8 billion"),
            Verdict::Disagrees(_)
        ));
    }

    #[test]
    fn a_scale_or_currency_written_once_is_shared_by_a_range_or_list() {
        for (claim, quote) in [
            ("2000 t = $4bn", "some $3-4 billion"),
            ("2000 t = $3bn", "some $3-4 billion"),
            ("2000 t = $3bn", "some $3–4bn a year"),
            ("2000 t = $4bn", "between $3 and 4 billion"),
            ("2000 t = $3bn", "between $3 and 4 billion"),
            ("2000 t = $4bn", "from $3 billion to 4 billion"),
            ("2000 t = $4bn", "from $3 billion to 4"),
            ("2000 t = $0.8bn", "exports of $1.2 billion and imports of 0.8 billion"),
            ("2000 t = $0.8bn", "imports of 0.8 billion and exports of 1.2 billion dollars"),
            ("2000 t = $3bn", "3 to 4 billion dollars"),
            ("2000 t = $3bn", "$3, 4 or 5 billion"),
            ("2000 t = $4bn", "$3, 4 or 5 billion"),
            ("2000 t = $3,000m", "$3 to $4 billion"),
            ("2000 t = $3,000m", "some $3-4 billion"),
            ("2000 t = $4m", "USD 3-4 million"),
            ("2000 t = $4m", "$3-4 million a year"),
            ("2000 t = $4", "a price of $3-4."),
            ("2000 t = $4bn", "from $3 billion to 4 in 2010"),
        ] {
            assert_eq!(verdict(claim, quote), Verdict::Agrees, "{claim} / {quote}");
        }
    }

    #[test]
    fn a_shared_scale_or_currency_makes_no_mismatch_agree() {
        let disagrees = |claim: &str, quote: &str| matches!(verdict(claim, quote), Verdict::Disagrees(_));
        for (claim, quote) in [
            ("2000 t = $5bn", "some $3-4 billion"),
            ("2000 t = $5bn", "between $3 and 4 billion"),
            ("2000 t = $5bn", "from $3 billion to 4 billion"),
            ("2000 t = $0.9bn", "exports of $1.2 billion and imports of 0.8 billion"),
            ("2000 t = $5bn", "3 to 4 billion dollars"),
            // A currency or a scale is not shared across words, nor taken by a number with a
            // currency word of its own, nor given by one currency to another's amount.
            ("2000 t = $4bn", "exports of $1.2 billion and 4 tons of oil"),
            ("2000 t = $3,000m", "3 dollars and 4 billion dollars"),
            ("2000 t = $4bn", "from $3 billion to 4 tons"),
            ("2000 t = $4m", "$3 and 4 million tons"),
        ] {
            assert!(disagrees(claim, quote), "{claim} / {quote}");
        }
        // Only what is written with its currency is named.
        let quote = "between $3 and 4 billion";
        let Verdict::Disagrees(said) = verdict("2000 t = $5bn", quote) else { panic!() };
        assert_eq!(said.iter().map(|m| &quote[m.range.clone()]).collect::<Vec<_>>(), ["$3"]);
        // Numbers with a unit keep theirs (`1,500-2,000 km` was weighed before, as plain amounts).
        assert_eq!(verdict("2000 k = 1,500 km", "some 1,500-2,000 km"), Verdict::Agrees);
        assert!(disagrees("2000 k = 1,200 km", "some 1,500-2,000 km"));
        // Another currency is not the claim's kind, shared or not.
        assert_eq!(verdict("2000 t = $4bn", "some €3-4 billion"), Verdict::Silent);
    }

    #[test]
    fn written_numbers_of_claims() {
        assert_eq!(written_numbers("$4.3bn"), vec![crate::value::number::ratio(43, 10)]);
        assert_eq!(written_numbers("30..35%"), vec![int(30), int(35)]);
        assert_eq!(written_numbers("1/3"), vec![crate::value::number::ratio(1, 3)]);
        assert_eq!(written_numbers("12_000 students"), vec![int(12000)]);
    }
}
