//! Calendar arithmetic and durations as the temporal network sees them: month lengths, leap
//! years, `N unit` bounds in days, and how long a written period can be.

use super::{event_starts, Schedule};
use crate::model::{duration_days, DurationValue, Model};
use crate::source::{FileId, Span};
use crate::syntax::ast::{Duration, DurationUnit};
use crate::value::date::{add_months, civil_from_day, day_from_civil, days_in_month, is_leap, DateRange};
use crate::value::number::{parse_decimal, ratio};

fn model(text: &str) -> Model {
    let (tree, _) = crate::syntax::parse(FileId(0), text);
    crate::model::build(&[crate::model::build::Parsed { file: FileId(0), text, tree: &tree }])
}

fn days(amount: &str, unit: DurationUnit, approx: bool) -> (i64, i64) {
    let amount = parse_decimal(amount).expect("a number");
    let d: DurationValue = duration_days(&Duration { amount, unit, approx, span: Span::default() }, &ratio(1, 10), "");
    (d.min_days, d.max_days)
}

fn day(y: i64, m: u32, d: u32) -> crate::value::Day {
    day_from_civil(y, m, d)
}

#[test]
fn month_lengths_and_leap_years() {
    assert!(is_leap(2000) && is_leap(2004) && !is_leap(1900) && !is_leap(2001));
    let lengths: Vec<u32> = (1..=12).map(|m| days_in_month(2001, m)).collect();
    assert_eq!(lengths, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    assert_eq!(days_in_month(2000, 2), 29);
    let len = |r: DateRange| r.last - r.first + 1;
    assert_eq!(len(DateRange::year(2000)), 366);
    assert_eq!(len(DateRange::year(1900)), 365);
    assert_eq!(len(DateRange::years(1990, 1999)), 3652);
    assert_eq!(len(DateRange::month(2100, 2)), 28);
    assert_eq!(civil_from_day(add_months(day(2000, 3, 31), -1)), (2000, 2, 29));
}

#[test]
fn durations_cover_half_a_unit_in_whole_days() {
    assert_eq!(days("10", DurationUnit::Day, false), (9, 11));
    assert_eq!(days("2", DurationUnit::Week, false), (10, 18));
    // Months are counted on the calendar: 6mo is five months and half of one (at least 150
    // days, February to June, and 14) to six and a half (at most 184, July to December, and 16).
    assert_eq!(days("6", DurationUnit::Month, false), (164, 200));
    // However many: 120 months are ten years of days, give or take the leap days and a month's end.
    assert_eq!(days("120", DurationUnit::Month, false), (3_634, 3_669));
    // Years are twelve months; 1.5y covers 1–2 years: half a unit, not half a digit.
    assert_eq!(days("1.5", DurationUnit::Year, false), (365, 731));
    // `~` widens by the tolerance (10 % of the amount) on each side.
    assert_eq!(days("10", DurationUnit::Day, true), (8, 12));
    // Half a unit below zero is no time at all.
    assert_eq!(days("0", DurationUnit::Year, false), (0, 184));
}

#[test]
fn a_month_after_the_last_day_of_january() {
    let m = model("a: 2001-01-31 event \"A\"\nb: event \"B\" after a by 1mo\n");
    let start = event_starts(&m)[1];
    assert_eq!(start, Some((DateRange::new(day(2001, 2, 14), day(2001, 3, 19)), true)));
}

#[test]
fn leap_days_count_in_derived_dates() {
    let start = |year: i64| {
        let text = format!("a: {year}-02-28 event \"A\"\nb: event \"B\" after a by 2d\n");
        event_starts(&model(&text))[1].map(|(r, _)| (civil_from_day(r.first), civil_from_day(r.last)))
    };
    assert_eq!(start(2000), Some(((2000, 2, 29), (2000, 3, 2))));
    assert_eq!(start(1900), Some(((1900, 3, 1), (1900, 3, 3))));
}

#[test]
fn before_counts_backwards() {
    let m = model("a: 2000-03-01 event \"A\"\nb: event \"B\" before a by 1d\n");
    let start = event_starts(&m)[1].map(|(r, _)| (civil_from_day(r.first), civil_from_day(r.last)));
    assert_eq!(start, Some(((2000, 2, 28), (2000, 3, 1))));
}

#[test]
fn period_lengths() {
    // `2003..2008` runs at least from 2003-12-31 to 2008-01-01 (1462 days) and at most from
    // 2003-01-01 to 2008-12-31 (2191 days); `lasting` must fit in between.
    let violations = |lasting: &str| {
        let text = format!("p: 2003..2008 event \"P\" lasting {lasting}\n");
        Schedule::build(&model(&text)).violations.len()
    };
    assert_eq!(day(2008, 1, 1) - day(2003, 12, 31), 1462);
    assert_eq!(day(2008, 12, 31) - day(2003, 1, 1), 2191);
    assert_eq!(violations("3y"), 1, "3.5 × 366 = 1281 days is too short");
    assert_eq!(violations("4y"), 0);
    assert_eq!(violations("5y"), 0);
    assert_eq!(violations("6y"), 0);
    assert_eq!(violations("7y"), 1, "6.5 × 365 = 2372 days is too long");
    assert_eq!(violations("~7y"), 0, "the tolerance reaches down to 5.8 × 365 = 2117 days");
}
