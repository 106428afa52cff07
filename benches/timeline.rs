//! The temporal network at scale: 100 000 events, each dated to the day (one in ten left
//! undated, so dates are derived too), 99 999 `after … by` offsets and 100 000 `order` pairs.
//! Parsing and building the model are setup; the measured work is building the network,
//! checking it for negative cycles and deriving the undated events' dates.

use claimcheck::model::Model;
use claimcheck::source::{SourceFile, SourceMap};
use claimcheck::timeline::{model_of, Schedule};
use claimcheck::value::date::{civil_from_day, day_from_civil};
use std::fmt::Write;

/// The binary's allocator (see Cargo.toml), so that the numbers are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EVENTS: usize = 100_000;
const ORDER_PAIRS: usize = 100_000;

fn main() {
    divan::main();
}

/// Event `i` falls on day `3i` after 1900-01-01, three days (`3d`: 2–4 days) after event `i − 1`.
/// With `misplaced`, every 2 000th event is dated a year late: 50 violations, each reported once.
fn text(misplaced: bool) -> String {
    let mut rng = fastrand::Rng::with_seed(7);
    let first = day_from_civil(1900, 1, 1);
    let mut text = String::from("source s \"S\"\n");
    for i in 0..EVENTS {
        let late = if misplaced && i % 2_000 == 500 { 365 } else { 0 };
        let (y, m, d) = civil_from_day(i64::from(first) + 3 * i as i64 + late);
        let _ = write!(text, "e{i}: ");
        if i % 10 != 5 {
            let _ = write!(text, "{y:04}-{m:02}-{d:02} ");
        }
        let _ = write!(text, "event \"Event {i}\"");
        if i > 0 {
            let _ = write!(text, " after e{} by 3d", i - 1);
        }
        text.push_str(" [@s]\n");
    }
    for _ in 0..ORDER_PAIRS / 10 {
        let mut ids: Vec<usize> = (0..11).map(|_| rng.usize(..EVENTS)).collect();
        ids.sort_unstable();
        let names: Vec<String> = ids.iter().map(|i| format!("e{i}")).collect();
        let _ = writeln!(text, "order {}", names.join(" < "));
    }
    text
}

fn model(misplaced: bool) -> Model {
    let mut sources = SourceMap::default();
    sources.add(SourceFile::new("bench.claims", text(misplaced)));
    model_of(&sources)
}

#[divan::bench(sample_count = 20)]
fn consistent_100k(bencher: divan::Bencher) {
    let model = model(false);
    assert!(Schedule::build(&model).violations.is_empty());
    bencher.bench(|| Schedule::build(divan::black_box(&model)));
}

#[divan::bench(sample_count = 20)]
fn fifty_violations_100k(bencher: divan::Bencher) {
    let model = model(true);
    assert_eq!(Schedule::build(&model).violations.len(), 50);
    bencher.bench(|| Schedule::build(divan::black_box(&model)));
}
