//! Turning written dates, durations and values into exact intervals.

use super::{DateValue, DurationValue, Nominal, SharedText, Value};
use crate::source::Span;
use crate::syntax::ast::{
    Amount, Cmp, DateExpr, DateForm, DatePoint, Duration, DurationUnit, NumberLit, Part, Quantity, ValueExpr,
};
use crate::value::date::{add_months, day_from_civil, month_span_days, DateRange};
use crate::value::number::{int, ratio, Decimal, Q};
use crate::value::Interval;
use num_traits::{Signed, Zero};

/// Months covered by `early`, `mid` and `late` of a year.
fn year_part_months(part: Part) -> (u32, u32) {
    match part {
        Part::Early => (1, 4),
        Part::Mid => (5, 8),
        Part::Late => (9, 12),
    }
}

/// Years (offsets within the decade) covered by `early`, `mid` and `late` of a decade.
fn decade_part_years(part: Part) -> (i64, i64) {
    match part {
        Part::Early => (0, 3),
        Part::Mid => (4, 6),
        Part::Late => (7, 9),
    }
}

/// The days one written date covers, `~` included: one unit of its own precision wider
/// on each side (a day, a month, a year, four months for `early`/`mid`/`late` of a year,
/// a decade, or three years for part of a decade).
pub fn point_range(point: &DatePoint) -> DateRange {
    let (range, widen_months, widen_days) = match point.form {
        DateForm::Day(y, m, d) => {
            let day = day_from_civil(y, m, d);
            (DateRange::new(day, day), 0, 1)
        }
        DateForm::Month(y, m) => (DateRange::month(y, m), 1, 0),
        DateForm::Year(y) => (DateRange::year(y), 12, 0),
        DateForm::YearPart(part, y) => {
            let (m1, m2) = year_part_months(part);
            (DateRange::months(y, m1, y, m2), 4, 0)
        }
        DateForm::Decade(y) => (DateRange::years(y, y + 9), 120, 0),
        DateForm::DecadePart(part, y) => {
            let (a, b) = decade_part_years(part);
            (DateRange::years(y + a, y + b), 36, 0)
        }
    };
    if !point.approx {
        return range;
    }
    if widen_days > 0 {
        return DateRange::new(range.first - widen_days, range.last + widen_days);
    }
    // Widen by whole months from the first day, and to the end of the month after the last.
    let first = add_months(range.first, -widen_months);
    let last = add_months(range.last + 1, widen_months) - 1;
    DateRange::new(first, last)
}

/// The days a date (or period) may touch, from its first point's first day to its last's last.
pub fn date_days(expr: &DateExpr) -> DateRange {
    let start = point_range(&expr.start);
    expr.end.as_ref().map_or(start, |end| start.hull(&point_range(end)))
}

/// A date's days; `text` is the date as written, spaces tightened.
pub fn date_range(expr: &DateExpr, text: SharedText) -> DateValue {
    DateValue::new(point_range(&expr.start), expr.end.as_ref().map(point_range), text, expr.span)
}

/// The fewest (or, when `most`, the most) days a number of months may span.
fn month_days(months: &Q, most: bool) -> i64 {
    let Ok(whole) = i64::try_from(months.floor().to_integer()) else { return i64::MAX };
    let part = months - &int(whole);
    let (fewest, longest) = month_span_days(whole);
    let part_days = if most { (part * int(31)).ceil() } else { (part * int(28)).floor() };
    let part_days = i64::try_from(part_days.to_integer()).unwrap_or(0);
    if most { longest } else { fewest }.saturating_add(part_days)
}

/// Bounds of a duration in days: `N unit` covers N ± ½ unit, whatever digits N is written
/// with (`1.5y` is 1–2 years); `~` widens by the tolerance. Months and years are counted on
/// the calendar: the fewest and most days that many months can span from any day (see
/// [`month_span_days`]), and a part of a month 28 to 31 days' worth.
pub fn duration_days(d: &Duration, tolerance: &Q, text: &str) -> DurationValue {
    let half = ratio(1, 2);
    let mut lo = &d.amount.value - &half;
    let mut hi = &d.amount.value + &half;
    if d.approx {
        let slack = &d.amount.value.abs() * tolerance;
        lo -= &slack;
        hi += &slack;
    }
    if lo.is_negative() {
        lo = Q::zero();
    }
    let whole_days = |days: Q| days.to_integer().try_into().unwrap_or(i64::MAX);
    let (min_days, max_days) = match d.unit {
        DurationUnit::Day => (whole_days(lo.floor()), whole_days(hi.ceil())),
        DurationUnit::Week => (whole_days((lo * int(7)).floor()), whole_days((hi * int(7)).ceil())),
        DurationUnit::Month => (month_days(&lo, false), month_days(&hi, true)),
        DurationUnit::Year => (month_days(&(lo * int(12)), false), month_days(&(hi * int(12)), true)),
    };
    DurationValue { min_days, max_days, text: text.into(), span: d.span }
}

/// A quantity's written point and half-width, in its measure's unit with scale applied.
fn quantity_bounds(q: &Quantity, percent_measure: bool) -> (Q, Q) {
    let exponent = q.scale.map_or(0, |s| s.exponent());
    match &q.number {
        NumberLit::Decimal(d) => (d.value.times_pow10(exponent), d.half_unit.times_pow10(exponent)),
        NumberLit::Fraction(f) => {
            let scale = Q::pow10(exponent);
            // A bare fraction in a `%` measure is a ratio of the whole: 1/3 is 33.33…%.
            let factor = if percent_measure && q.unit.is_none() { int(100) } else { int(1) };
            (f * &scale * factor, Q::zero())
        }
    }
}

/// The interval a written value allows, per the spec's section 3; its text as written starts
/// at `written_from` (see [`Value::written`]).
pub fn value(
    expr: &ValueExpr,
    written_from: u32,
    measure_unit: Option<&str>,
    tolerance: &Q,
    unit_text: impl FnOnce(&str) -> SharedText,
) -> Value {
    let (interval, nominal, widened) =
        single_decimal(expr).unwrap_or_else(|| bounds(expr, measure_unit == Some("%"), tolerance));
    let (unknown, unit, scale) = match &expr.amount {
        Amount::Unknown(_) => (true, None, None),
        Amount::Single(q) => (false, q.unit.as_ref(), q.scale),
        Amount::Range(low, high) => (false, low.unit.as_ref().or(high.unit.as_ref()), low.scale),
    };
    let unit_span = unit.map_or(Span::default(), |u| u.span);
    let unit = unit.map(|u| unit_text(&u.name));
    let nominal = Nominal::new(nominal);
    Value { cmp: expr.cmp, interval, nominal, unknown, written_from, scale, unit, unit_span, widened, span: expr.span }
}

/// A value's interval, its nominal interval (as written, before rounding and `~` widen it) and
/// whether the one is wider than the other.
fn bounds(expr: &ValueExpr, percent_measure: bool, tolerance: &Q) -> (Interval, Interval, bool) {
    let (q, high) = match &expr.amount {
        Amount::Unknown(_) => return (Interval::everything(), Interval::everything(), false),
        Amount::Single(q) => (q, q),
        Amount::Range(low, high) => (low, high),
    };
    let (lo_point, lo_half) = quantity_bounds(q, percent_measure);
    // A single value is its own high end: its bounds are worked out once.
    let single = matches!(expr.amount, Amount::Single(_));
    let (hi_point, hi_half) =
        if single { (lo_point.clone(), lo_half.clone()) } else { quantity_bounds(high, percent_measure) };
    let (lo_half, hi_half) = if expr.exact { (Q::zero(), Q::zero()) } else { (lo_half, hi_half) };
    let mut lo = &lo_point - &lo_half;
    let mut hi = &hi_point + &hi_half;
    if expr.cmp == Cmp::Approx {
        lo -= lo_point.abs() * tolerance;
        hi += hi_point.abs() * tolerance;
    }
    let widened = lo != lo_point || hi != hi_point;
    let interval = match expr.cmp {
        Cmp::Eq | Cmp::Approx => {
            // A range written backwards has its bounds swapped into order.
            let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
            Interval { lo: Some(lo), hi: Some(hi) }
        }
        Cmp::Gt | Cmp::Ge => Interval::at_least(lo),
        Cmp::Lt | Cmp::Le => Interval::at_most(hi),
    };
    let nominal = match expr.cmp {
        Cmp::Eq | Cmp::Approx if single => Interval::point(lo_point),
        Cmp::Eq | Cmp::Approx => Interval::point(lo_point).hull(&Interval::point(hi_point)),
        Cmp::Gt | Cmp::Ge => Interval::at_least(lo_point),
        Cmp::Lt | Cmp::Le => Interval::at_most(hi_point),
    };
    (interval, nominal, widened)
}

/// [`bounds`] of a single number written in digits and compared with `=`, `>`, `>=`, `<` or
/// `<=` (nearly every value: `$628.5m`, `> 1,780 km`), in fewer steps: its point and
/// half-width are worked out once, and neither is copied or compared. (`bounds` compares the
/// bounds with the point to tell whether rounding widened them, which for exact numbers is
/// whether the half-width is zero, and orders them, which a half-width that is not negative
/// already does.) `None` for any other value: a range, a fraction, `~` or `?`.
fn single_decimal(expr: &ValueExpr) -> Option<(Interval, Interval, bool)> {
    let Amount::Single(q) = &expr.amount else { return None };
    let NumberLit::Decimal(d) = &q.number else { return None };
    if expr.cmp == Cmp::Approx {
        return None;
    }
    let exponent = q.scale.map_or(0, |s| s.exponent());
    let (point, lo, hi, widened) = match integer_bounds(d, exponent, expr.exact) {
        Some((point, lo, hi)) => (Q::from_i64(point), Q::from_i64(lo), Q::from_i64(hi), lo != point),
        None => {
            let point = d.value.times_pow10(exponent);
            let half = if expr.exact { Q::zero() } else { d.half_unit.times_pow10(exponent) };
            if half.is_negative() {
                return None;
            }
            let (lo, hi) = (&point - &half, &point + &half);
            (point, lo, hi, !half.is_zero())
        }
    };
    let bounds = match expr.cmp {
        Cmp::Gt | Cmp::Ge => (Interval::at_least(lo), Interval::at_least(point), widened),
        Cmp::Lt | Cmp::Le => (Interval::at_most(hi), Interval::at_most(point), widened),
        Cmp::Eq | Cmp::Approx => (Interval { lo: Some(lo), hi: Some(hi) }, Interval::point(point), widened),
    };
    Some(bounds)
}

/// A decimal's point and bounds in integers, when its scale takes its decimals whole and they
/// fit in 64 bits (`$628.5m`: 628,500,000 ± 50,000): the very numbers exact arithmetic finds,
/// without making an exact number of each step.
fn integer_bounds(d: &Decimal, exponent: u32, exact: bool) -> Option<(i64, i64, i64)> {
    let point = d.value.integer_times_pow10(exponent)?;
    let half = if exact { 0 } else { d.half_unit.integer_times_pow10(exponent)? };
    if half < 0 {
        return None;
    }
    Some((point, point.checked_sub(half)?, point.checked_add(half)?))
}

/// Whether a value is written with fractions only and no unit (`1/3`, `1/4..1/3`): a ratio of
/// the whole, which a `%` measure reads as a percentage.
pub fn bare_fraction(expr: &ValueExpr) -> bool {
    let bare = |q: &Quantity| q.unit.is_none() && matches!(q.number, NumberLit::Fraction(_));
    match &expr.amount {
        Amount::Unknown(_) => false,
        Amount::Single(q) => bare(q),
        Amount::Range(low, high) => bare(low) && bare(high),
    }
}

/// Whether a range runs backwards in its measure's terms. The parser lets a range through when
/// it runs upwards in either reading of a bare fraction (`30..1/2` is 30–50 in a `%` measure,
/// and backwards elsewhere): see [`super::ClashKind::Fraction`].
pub fn reversed(expr: &ValueExpr, measure_unit: Option<&str>) -> bool {
    let Amount::Range(low, high) = &expr.amount else { return false };
    let percent_measure = measure_unit == Some("%");
    quantity_bounds(low, percent_measure).0 > quantity_bounds(high, percent_measure).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;
    use crate::value::date::civil_from_day;
    use crate::value::number::ratio;

    fn point(form: DateForm, approx: bool) -> DateRange {
        point_range(&DatePoint { form, approx, span: Span::default() })
    }

    fn days(r: DateRange) -> ((i64, u32, u32), (i64, u32, u32)) {
        (civil_from_day(r.first), civil_from_day(r.last))
    }

    #[test]
    fn every_row_of_the_date_table() {
        assert_eq!(days(point(DateForm::Day(1992, 1, 3), false)), ((1992, 1, 3), (1992, 1, 3)));
        assert_eq!(days(point(DateForm::Month(1994, 4), false)), ((1994, 4, 1), (1994, 4, 30)));
        assert_eq!(days(point(DateForm::Year(2002), false)), ((2002, 1, 1), (2002, 12, 31)));
        assert_eq!(days(point(DateForm::YearPart(Part::Early, 2002), false)), ((2002, 1, 1), (2002, 4, 30)));
        assert_eq!(days(point(DateForm::YearPart(Part::Mid, 2002), false)), ((2002, 5, 1), (2002, 8, 31)));
        assert_eq!(days(point(DateForm::YearPart(Part::Late, 2002), false)), ((2002, 9, 1), (2002, 12, 31)));
        assert_eq!(days(point(DateForm::Decade(1990), false)), ((1990, 1, 1), (1999, 12, 31)));
        assert_eq!(days(point(DateForm::DecadePart(Part::Early, 1990), false)), ((1990, 1, 1), (1993, 12, 31)));
        assert_eq!(days(point(DateForm::DecadePart(Part::Mid, 1990), false)), ((1994, 1, 1), (1996, 12, 31)));
        assert_eq!(days(point(DateForm::DecadePart(Part::Late, 1990), false)), ((1997, 1, 1), (1999, 12, 31)));
        assert_eq!(days(point(DateForm::Year(2002), true)), ((2001, 1, 1), (2003, 12, 31)));
        assert_eq!(days(point(DateForm::Month(2000, 1), true)), ((1999, 12, 1), (2000, 2, 29)));
        assert_eq!(days(point(DateForm::Day(2000, 3, 1), true)), ((2000, 2, 29), (2000, 3, 2)));
    }

    /// The values of claim lines (each with its comparator), parsed.
    fn parsed_values(values: &[&str]) -> Vec<ValueExpr> {
        use crate::syntax::ast::Directive;
        let lines: Vec<String> = values.iter().map(|v| format!("2001 m {v} [@s]\n")).collect();
        let text = format!("source s \"S\"\nmeasure m \"M\"\n{}", lines.concat());
        let (parsed, findings) = crate::syntax::parse(crate::source::FileId(0), &text);
        let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        assert!(messages.is_empty(), "{messages:?}");
        let values: Vec<ValueExpr> = parsed
            .entries
            .into_iter()
            .filter_map(|entry| match entry.directive {
                Directive::Claim(line) => Some(line.value),
                _ => None,
            })
            .collect();
        assert_eq!(values.len(), lines.len());
        values
    }

    /// The fast path for single numbers gives what the general path gives, to the form of each
    /// bound, for every comparator, scale, sign and size (where its 64-bit arithmetic would
    /// overflow, it works in exact numbers, as the general path does); it leaves ranges,
    /// fractions, `~` and `?` to the general path.
    #[test]
    fn a_single_number_is_bounded_as_the_general_path_bounds_it() {
        let numbers = [
            "$628.5m",
            "628.5",
            "0",
            "-0",
            "0.0",
            "-3.25bn",
            "1,780 km",
            "5.80%",
            "12_000",
            "0.001",
            "7tn",
            "1.5k",
            "9223372036854775807",
            "-9223372036854775808",
            "9223372036854775.807k",
            "92233720368547758.07bn",
            "99999999999999999999",
            "1.00000000000000000001",
            "4.294967296",
            "0.0000000001",
            "18446744073709551616m",
            "9223372036854775k",
            "-9223372036854775k",
        ];
        let mut written = Vec::new();
        for number in numbers {
            for cmp in ["= ", "> ", ">= ", "< ", "<= "] {
                written.push(format!("{cmp}{number}"));
                written.push(format!("{cmp}{number} exact"));
            }
        }
        let written: Vec<&str> = written.iter().map(String::as_str).collect();
        let tolerance = ratio(1, 10);
        for (expr, text) in parsed_values(&written).iter().zip(&written) {
            let fast = single_decimal(expr).unwrap_or_else(|| panic!("{text}: read fast"));
            for percent in [false, true] {
                assert_eq!(fast, bounds(expr, percent, &tolerance), "{text}");
            }
        }
        let others = ["~ 5", "~ $4.3bn", "= 5..6", "= $1bn..$2bn", "= 1/3", "> 1/3", "= 1/4..1/3", "~ 1/3"];
        for (expr, text) in parsed_values(&others).iter().zip(others) {
            assert_eq!(single_decimal(expr), None, "{text}: left to the general path");
        }
    }

    #[test]
    fn durations_cover_half_a_unit() {
        let d = Duration {
            amount: crate::value::number::parse_decimal("1").unwrap(),
            unit: DurationUnit::Year,
            approx: false,
            span: Span::default(),
        };
        let v = duration_days(&d, &ratio(1, 10), "1y");
        assert_eq!((v.min_days, v.max_days), (181, 550), "six to eighteen calendar months");
        let month = Duration { unit: DurationUnit::Month, ..d.clone() };
        let v = duration_days(&month, &ratio(1, 10), "1mo");
        assert_eq!((v.min_days, v.max_days), (14, 47));
        let approx = Duration { approx: true, ..d };
        let v = duration_days(&approx, &ratio(1, 10), "~1y");
        assert_eq!((v.min_days, v.max_days), (142, 588), "0.4 to 1.6 years: 4.8 to 19.2 months");
    }
}
