//! Generated ground truth for the temporal network: random events get a true day, then are
//! written with dates, `after`/`before … by` offsets, `lasting` spans and `order` lines that the
//! true days satisfy. Such files must never raise `timeline`, and every derived date must
//! contain the true day. Moving one related date far away must be caught, with the moved
//! line labelled in every `timeline` finding.

use claimcheck::source::{SourceFile, SourceMap};
use claimcheck::value::date::{civil_from_day, day_from_civil, month_span_days};

struct Event {
    day: i64,
    /// The true end, for a period.
    end: Option<i64>,
    /// Written without a date (its relation then bounds it).
    undated: bool,
    /// `after` or `before`, the anchor, and the offset's text.
    relation: Option<(&'static str, usize, String)>,
    lasting: Option<String>,
}

/// The fewest and most days `n` of a unit may span as the model reads it: N ± ½ unit, with
/// months and years counted on the calendar (half a month is 14 to 16 days).
fn bounds(unit: &str, n: i64) -> (i64, i64) {
    let months = |count: i64| month_span_days(count);
    match unit {
        "d" => (n, n),
        "w" => (7 * n - 3, 7 * n + 4),
        "mo" => (if n == 0 { 0 } else { months(n - 1).0 + 14 }, months(n).1 + 16),
        _ => (if n == 0 { 0 } else { months(12 * n - 6).0 }, months(12 * n + 6).1),
    }
}

/// A duration whose written bounds hold `days`.
fn duration(rng: &mut fastrand::Rng, days: i64) -> String {
    // Whole days on the edge: a day count one off is still possible, as the events may fall at
    // any time of their days (`3d` is 2.5–3.5 days, which two days 2 apart can span).
    if rng.u8(..4) == 0 {
        return format!("{}d", (days + rng.i64(-1..=1)).max(0));
    }
    for _ in 0..8 {
        let (unit, length) = [("d", 1), ("w", 7), ("mo", 30), ("y", 365)][rng.usize(..4)];
        let n = (days + length / 2) / length;
        let (lo, hi) = bounds(unit, n);
        if lo <= days && days <= hi {
            return format!("{n}{unit}");
        }
    }
    format!("{days}d")
}

/// A written date covering `day`, at a random precision.
fn date(rng: &mut fastrand::Rng, day: i64) -> String {
    let (y, m, d) = civil_from_day(day);
    // Days are the most frequent: they put events right on the edges of their relations.
    match rng.u8(..9) {
        0..=3 => format!("{y:04}-{m:02}-{d:02}"),
        4 => format!("{y:04}-{m:02}"),
        5 => format!("{y:04}"),
        6 => format!("{} {y:04}", ["early", "mid", "late"][(m as usize - 1) / 4]),
        7 => format!("~{y:04}"),
        _ => format!("~{y:04}-{m:02}"),
    }
}

/// Events, and `order` lines listing events by their true days.
fn generate(rng: &mut fastrand::Rng, count: usize) -> (Vec<Event>, Vec<Vec<usize>>) {
    // A random walk keeps related events close, so their offsets are short and tight.
    let mut day = i64::from(day_from_civil(1950, 1, 1)) + rng.i64(0..365);
    let mut events: Vec<Event> = (0..count)
        .map(|_| {
            // Some steps are zero: same-day events sit on the edge of `order` and plain `after`.
            day += if rng.u8(..6) == 0 { 0 } else { rng.i64(-300..600) };
            let end = (rng.u8(..4) == 0).then(|| day + rng.i64(0..3_000));
            Event { day, end, undated: false, relation: None, lasting: None }
        })
        .collect();
    for i in 1..count {
        if rng.u8(..3) == 0 {
            continue;
        }
        let anchor = i - rng.usize(1..=i.min(5));
        let diff = events[i].day - events[anchor].day;
        let offset = duration(rng, diff.abs());
        let relation = if diff >= 0 { "after" } else { "before" };
        let with_offset = rng.u8(..4) != 0;
        events[i].relation = Some((relation, anchor, if with_offset { offset } else { String::new() }));
        events[i].undated = with_offset && events[i].end.is_none() && rng.u8(..3) == 0;
    }
    for event in &mut events {
        if let Some(end) = event.end {
            if rng.bool() {
                event.lasting = Some(duration(rng, end - event.day));
            }
        }
    }
    let orders = (0..count / 5)
        .map(|_| {
            let mut ids: Vec<usize> = (0..rng.usize(2..6)).map(|_| rng.usize(..count)).collect();
            ids.sort_by_key(|&i| (events[i].day, i));
            ids.dedup();
            ids
        })
        .collect();
    (events, orders)
}

/// The file text, and the line each event is written on (events in a shuffled order).
fn write(rng: &mut fastrand::Rng, events: &[Event], orders: &[Vec<usize>]) -> (String, Vec<usize>) {
    let mut text = String::from("source s \"S\"\n");
    let mut lines = vec![0; events.len()];
    let mut written: Vec<usize> = (0..events.len()).collect();
    rng.shuffle(&mut written);
    for (row, &i) in written.iter().enumerate() {
        let e = &events[i];
        lines[i] = row + 2;
        let mut line = format!("e{i}: ");
        match (e.undated, e.end) {
            (true, _) => {}
            (false, Some(end)) => {
                line.push_str(&format!("{:04}..{:04} ", civil_from_day(e.day).0, civil_from_day(end).0))
            }
            (false, None) => line.push_str(&format!("{} ", date(rng, e.day))),
        }
        line.push_str(&format!("event \"E{i}\""));
        if let Some((relation, anchor, offset)) = &e.relation {
            line.push_str(&format!(" {relation} e{anchor}"));
            if !offset.is_empty() {
                line.push_str(&format!(" by {offset}"));
            }
        }
        if let Some(lasting) = &e.lasting {
            line.push_str(&format!(" lasting {lasting}"));
        }
        text.push_str(&line);
        text.push_str(" [@s]\n");
    }
    for ids in orders {
        let names: Vec<String> = ids.iter().map(|i| format!("e{i}")).collect();
        text.push_str(&format!("order {}\n", names.join(" < ")));
    }
    (text, lines)
}

fn check(text: &str) -> claimcheck::Outcome {
    claimcheck::check_text("truth.claims", text)
}

/// The 1-based lines a finding labels.
fn labelled_lines(outcome: &claimcheck::Outcome, finding: &claimcheck::finding::Finding) -> Vec<usize> {
    let file = outcome.sources.get(finding.primary.file);
    std::iter::once(&finding.primary).chain(&finding.related).map(|l| file.line_col(l.span.start as usize).0).collect()
}

#[test]
fn consistent_timelines_pass_and_derived_dates_hold_the_truth() {
    for seed in 0..40 {
        let mut rng = fastrand::Rng::with_seed(seed);
        let (events, orders) = generate(&mut rng, 60);
        let (text, _) = write(&mut rng, &events, &orders);
        let outcome = check(&text);
        let wrong: Vec<_> = outcome.findings.iter().filter(|f| f.code() == "timeline").map(|f| &f.help).collect();
        assert!(wrong.is_empty(), "seed {seed}: false alarm {wrong:?} in\n{text}");
        let mut sources = SourceMap::default();
        sources.add(SourceFile::new("truth.claims", text.clone()));
        let model = claimcheck::timeline::model_of(&sources);
        for (event, start) in model.events.iter().zip(claimcheck::timeline::event_starts(&model)) {
            let id = event.id.as_deref().and_then(|id| id.strip_prefix('e'));
            let i: usize = id.and_then(|i| i.parse().ok()).expect("events are named e<i>");
            let (range, derived) = start.unwrap_or_else(|| panic!("seed {seed}: e{i} has no date"));
            assert_eq!(derived, events[i].undated);
            let day = events[i].day;
            assert!(
                i64::from(range.first) <= day && day <= i64::from(range.last),
                "seed {seed}: e{i} derived {range} misses its day"
            );
        }
    }
}

#[test]
fn one_misplaced_date_is_caught_on_its_line() {
    for seed in 100..140 {
        let mut rng = fastrand::Rng::with_seed(seed);
        let (mut events, orders) = generate(&mut rng, 60);
        // Move a dated event tied to a dated anchor by an offset.
        // The order lines keep the true days, so every violated chain runs through the moved date.
        let tied = (0..events.len()).filter(|&i| {
            let e = &events[i];
            !e.undated
                && e.end.is_none()
                && e.relation.as_ref().is_some_and(|(_, a, o)| !o.is_empty() && !events[*a].undated)
        });
        let candidates: Vec<usize> = tied.collect();
        let moved = candidates[rng.usize(..candidates.len())];
        // Dates are at most three years wide and offsets stay under a few years, so ten years
        // or more is beyond every slack.
        let shift = rng.i64(3_650..11_000);
        events[moved].day += if rng.bool() { shift } else { -shift };
        let (text, lines) = write(&mut rng, &events, &orders);
        let outcome = check(&text);
        let found: Vec<_> = outcome.findings.iter().filter(|f| f.code() == "timeline").collect();
        assert!(!found.is_empty(), "seed {seed}: moving e{moved} went unnoticed in\n{text}");
        for finding in found {
            let labelled = labelled_lines(&outcome, finding);
            assert!(
                labelled.contains(&lines[moved]),
                "seed {seed}: e{moved} (line {}) is not labelled in {:?}, lines {labelled:?}",
                lines[moved],
                finding.help
            );
        }
    }
}
