//! Calendar dates as intervals of days (proleptic Gregorian calendar).

use std::fmt;

/// Days since 1970-01-01. Written years have four digits and durations are capped (about
/// 45,000 years), so every date fits in 32 bits: half the room in every claim and event.
/// Sums of many durations along a timeline are kept in `i64` and turned back into a `Day`
/// with [`saturate`].
pub type Day = i32;

/// A day number computed in 64 bits, clamped to the days a `Day` can hold.
pub fn saturate(day: i64) -> Day {
    Day::try_from(day).unwrap_or(if day < 0 { Day::MIN } else { Day::MAX })
}

pub fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Day number of a valid civil date (Howard Hinnant's algorithm).
pub fn day_from_civil(year: i64, month: u32, day: u32) -> Day {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    saturate(era * 146_097 + doe - 719_468)
}

/// The civil date `(year, month, day)` of a day number.
pub fn civil_from_day(day: impl Into<i64>) -> (i64, u32, u32) {
    let z = day.into() + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Adds whole months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28/29).
pub fn add_months(day: Day, months: i64) -> Day {
    let (y, m, d) = civil_from_day(day);
    let index = y * 12 + (m as i64 - 1) + months;
    let (ny, nm) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u32);
    day_from_civil(ny, nm, d.min(days_in_month(ny, nm)))
}

/// Months in the Gregorian calendar's 400-year cycle, and the days they hold.
const CYCLE_MONTHS: i64 = 4_800;
const CYCLE_DAYS: i64 = 146_097;

/// The fewest and most days from a day to the same day of the month `months` later (at most
/// the last day of a shorter month: January 31 and one month is February 28), over every
/// starting day: 28–31 for one month, 365–366 for twelve, never more than a few days from
/// `months` times the average month, however many months.
pub fn month_span_days(months: i64) -> (i64, i64) {
    static STARTS: std::sync::OnceLock<Vec<i64>> = std::sync::OnceLock::new();
    // The day each month of two cycles starts on, counted from the first: a span of up to a
    // cycle may start at any month of the first.
    let starts = STARTS.get_or_init(|| {
        let lengths = (0..2 * CYCLE_MONTHS).map(|m| i64::from(days_in_month(m / 12, (m % 12) as u32 + 1)));
        let ends = lengths.scan(0, |sum, days| {
            *sum += days;
            Some(*sum)
        });
        std::iter::once(0).chain(ends).collect()
    });
    let (cycles, rest) = (months.div_euclid(CYCLE_MONTHS), months.rem_euclid(CYCLE_MONTHS) as usize);
    // A file writes few lengths, many times over (`lasting 50y` on every program): each is
    // measured over the cycle once (there are at most 4 800 of them).
    static MEASURED: std::sync::Mutex<Vec<Option<(i64, i64)>>> = std::sync::Mutex::new(Vec::new());
    let known = MEASURED.lock().ok().and_then(|measured| measured.get(rest).copied().flatten());
    let (fewest, most) = known.unwrap_or_else(|| {
        let length = |m: usize| starts[m + 1] - starts[m];
        let (mut fewest, mut most) = (i64::MAX, 0);
        for m in 0..CYCLE_MONTHS as usize {
            let whole = starts[m + rest] - starts[m];
            // From a late day of a month to a shorter month, the span ends on that month's last day.
            fewest = fewest.min(whole - (length(m) - length(m + rest)).max(0));
            most = most.max(whole);
        }
        if let Ok(mut measured) = MEASURED.lock() {
            measured.resize(CYCLE_MONTHS as usize, None);
            measured[rest] = Some((fewest, most));
        }
        (fewest, most)
    });
    let base = cycles.saturating_mul(CYCLE_DAYS);
    (base.saturating_add(fewest), base.saturating_add(most))
}

/// An inclusive range of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateRange {
    pub first: Day,
    pub last: Day,
}

impl DateRange {
    pub fn new(first: Day, last: Day) -> Self {
        DateRange { first, last }
    }

    pub fn year(year: i64) -> Self {
        Self::years(year, year)
    }

    pub fn years(first: i64, last: i64) -> Self {
        DateRange::new(day_from_civil(first, 1, 1), day_from_civil(last, 12, 31))
    }

    pub fn month(year: i64, month: u32) -> Self {
        Self::months(year, month, year, month)
    }

    pub fn months(y1: i64, m1: u32, y2: i64, m2: u32) -> Self {
        DateRange::new(day_from_civil(y1, m1, 1), day_from_civil(y2, m2, days_in_month(y2, m2)))
    }

    /// True when this range ends before `other` starts.
    pub fn strictly_before(&self, other: &DateRange) -> bool {
        self.last < other.first
    }

    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.first <= other.last && other.first <= self.last
    }

    pub fn hull(&self, other: &DateRange) -> DateRange {
        DateRange::new(self.first.min(other.first), self.last.max(other.last))
    }
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", format_range(self.first, self.last))
    }
}

pub fn format_day(day: impl Into<i64>) -> String {
    let (y, m, d) = civil_from_day(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The shortest exact spelling of a range: `1997`, `1997-06`, `1997-06-03`,
/// `1997-05…1997-07` or `1997-05-16…1997-07-15`.
pub fn format_range(first: impl Into<i64>, last: impl Into<i64>) -> String {
    let (first, last) = (first.into(), last.into());
    let (y1, m1, d1) = civil_from_day(first);
    let (y2, m2, d2) = civil_from_day(last);
    let whole_months = d1 == 1 && d2 == days_in_month(y2, m2);
    let whole_years = whole_months && m1 == 1 && m2 == 12;
    if whole_years {
        if y1 == y2 {
            format!("{y1:04}")
        } else {
            format!("{y1:04}…{y2:04}")
        }
    } else if whole_months {
        if (y1, m1) == (y2, m2) {
            format!("{y1:04}-{m1:02}")
        } else {
            format!("{y1:04}-{m1:02}…{y2:04}-{m2:02}")
        }
    } else if first == last {
        format_day(first)
    } else {
        format!("{}…{}", format_day(first), format_day(last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for day in [-800_000, -1, 0, 1, 10_957, 11_016, 2_932_896] {
            let (y, m, d) = civil_from_day(day);
            assert_eq!(day_from_civil(y, m, d), day);
        }
        assert_eq!(day_from_civil(1970, 1, 1), 0);
        assert_eq!(day_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn month_lengths_and_leap_years() {
        assert_eq!(days_in_month(1999, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2004, 2), 29);
        assert_eq!(days_in_month(2001, 4), 30);
        assert_eq!(days_in_month(2001, 13), 0);
    }

    #[test]
    fn month_arithmetic_clamps() {
        let jan31 = day_from_civil(2000, 1, 31);
        assert_eq!(civil_from_day(add_months(jan31, 1)), (2000, 2, 29));
        assert_eq!(civil_from_day(add_months(jan31, 13)), (2001, 2, 28));
        assert_eq!(civil_from_day(add_months(jan31, -2)), (1999, 11, 30));
    }

    #[test]
    fn days_fit_in_32_bits_and_saturate_past_them() {
        assert_eq!(std::mem::size_of::<DateRange>(), 8, "every claim holds two or three");
        let (first, last) = (day_from_civil(-9999, 1, 1), day_from_civil(9999, 12, 31));
        assert_eq!((civil_from_day(first), civil_from_day(last)), ((-9999, 1, 1), (9999, 12, 31)));
        assert_eq!(day_from_civil(i64::from(i32::MAX), 1, 1), Day::MAX);
        assert_eq!(saturate(i64::MIN), Day::MIN);
        assert_eq!(add_months(last, 12 * 45_000), day_from_civil(54_999, 12, 31));
    }

    #[test]
    fn ranges_print_shortest() {
        assert_eq!(DateRange::year(2002).to_string(), "2002");
        assert_eq!(DateRange::month(1994, 4).to_string(), "1994-04");
        assert_eq!(DateRange::years(1990, 1999).to_string(), "1990…1999");
        let d = day_from_civil(1997, 5, 16);
        assert_eq!(format_range(d, d + 60), "1997-05-16…1997-07-15");
    }
}
