//! Running the checks, on one thread or, on a large model, on two.
//!
//! On two threads the checks run in two lanes of [`CHECKS`]. The largest working tables of any
//! check (tens of MB each at 1M claims) are the temporal network's schedule (built for
//! `first` and `timeline`), the systems of the networks of blocks and asserts, and the table of
//! the series' claims by date that `record`, `trend` and `conflict` share. The checks that build
//! them run on one thread, the tables thread, one table after another, so no two of those tables
//! are ever being built at once. When two threads each took the next check not yet taken, two
//! of them overlapped, and the 1M-claim run went 2 to 20 MB past its memory target. The other
//! lane's checks, the quote check first, are taken one at a time by the other thread, and by
//! the tables thread once its tables are built; those that read a table (`anachronism` and
//! `future-claim` the schedule, `assertion` the networks' contradictions) come last, and wait
//! for it if it is still being built. The checks that only read the series table (`trend`, the
//! costliest after the quote check, and `conflict`) are taken by whichever thread is free once
//! the tables thread begins that table, the other thread taking them before its next check; on
//! a smaller model that table comes before the networks' systems (see [`table_order`]). (Where
//! no claim has a record flag, `record` builds nothing and `trend` builds the table on the
//! thread that takes it, perhaps beside the networks' systems: below 200k statements those two
//! are a few MB.) Either thread, once out of checks, helps judge the quotes and the trends (see
//! [`super::parts`]).

use super::{quote_parts, trend_parts, Check, Context, CHECKS};
use crate::finding::Finding;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender};

/// Which of the two threads runs a check, and which large table it builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lane {
    /// Builds the temporal network's schedule, or reads it as it is built (tables thread).
    Schedule,
    /// Builds the systems of the networks of blocks and asserts (tables thread).
    Network,
    /// Builds the series table (tables thread).
    Series,
    /// Reads only the series table: whichever thread is free once the table is begun.
    SeriesReader,
    /// Everything else (the other thread).
    Other,
}

/// Runs every check. The findings come back in the order of [`CHECKS`] however they ran.
pub fn run(ctx: &Context) -> Vec<Finding> {
    run_in(ctx, table_order(ctx.model.statement_count()))
}

/// [`run`], the tables thread building its tables in `order`.
fn run_in(ctx: &Context, order: [Lane; 3]) -> Vec<Finding> {
    if !ctx.two_threads() {
        return CHECKS.iter().flat_map(|(check, _)| check(ctx)).collect();
    }
    let taken = Taken::default();
    let (series_begun, wait_for_series) = mpsc::sync_channel(1);
    let mut results = std::thread::scope(|scope| {
        let other = scope.spawn(|| run_other(ctx, &taken, wait_for_series));
        let mut results = run_tables(ctx, order, &taken, series_begun);
        results.extend(other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        results
    });
    results.sort_unstable_by_key(|(index, _)| *index);
    results.into_iter().flat_map(|(_, findings)| findings).collect()
}

/// How many of the series table's readers, and of the other lane's checks, the threads took.
#[derive(Default)]
struct Taken {
    readers: AtomicUsize,
    others: AtomicUsize,
}

/// Findings by check, each with the check's place in [`CHECKS`].
type Done = Vec<(usize, Vec<Finding>)>;

/// The checks of a lane with their places in [`CHECKS`], from the end of the table: the quote
/// check, the costliest, starts its lane, and `first` comes before `timeline`.
fn of_lane(lane: Lane) -> impl Iterator<Item = (usize, Check)> {
    CHECKS.iter().enumerate().rev().filter(move |(_, (_, of))| *of == lane).map(|(index, (check, _))| (index, *check))
}

/// The tables thread: builds the tables one after another, then runs the series table's
/// readers and the other lane's checks the other thread has not taken, then helps judge the
/// quotes and the trends.
fn run_tables(ctx: &Context, order: [Lane; 3], taken: &Taken, series_begun: SyncSender<()>) -> Done {
    let mut done = Done::new();
    for lane in order {
        if lane == Lane::Series {
            // The other thread may be gone (a check of its own panicked): the run then ends.
            let _ = series_begun.send(());
        }
        done.extend(of_lane(lane).map(|(index, check)| (index, check(ctx))));
    }
    while take_one(ctx, Lane::SeriesReader, &taken.readers, &mut done) {}
    while take_one(ctx, Lane::Other, &taken.others, &mut done) {}
    quote_parts::help(ctx);
    trend_parts::help(ctx);
    done
}

/// The order the tables thread builds its tables in, on a model of `statements`. Built before
/// the networks' systems, the series table's readers (`trend` above all) run on the other thread
/// while this one builds those; but the table is then held meanwhile, which raised the peak by
/// 2.7 MB at 200k claims, 6 MB at 300k and 23 MB at 1M (434 of the 415.7 MB allowed). From
/// [`SERIES_FIRST_BELOW`] statements on it is built last; its readers run once it is begun,
/// `trend` in parts on both threads (at 1M claims 50–100 ms sooner than on this one alone).
fn table_order(statements: usize) -> [Lane; 3] {
    if series_last(statements) {
        [Lane::Schedule, Lane::Network, Lane::Series]
    } else {
        [Lane::Schedule, Lane::Series, Lane::Network]
    }
}

/// Whether the series table is built last on a model of `statements` (see [`table_order`]).
pub(super) fn series_last(statements: usize) -> bool {
    statements >= SERIES_FIRST_BELOW
}

/// See [`table_order`].
const SERIES_FIRST_BELOW: usize = 200_000;

/// The other thread: the other lane's checks not yet taken, taking the series table's readers
/// before the next one once the tables thread has begun that table; then, once it is begun
/// (this thread has nothing else to do, and must not build that table beside another), the
/// readers left; then it helps judge the quotes and the trends.
fn run_other(ctx: &Context, taken: &Taken, wait_for_series: Receiver<()>) -> Done {
    let mut done = Done::new();
    let mut series_begun = false;
    loop {
        series_begun = series_begun || wait_for_series.try_recv().is_ok();
        while series_begun && take_one(ctx, Lane::SeriesReader, &taken.readers, &mut done) {}
        if !take_one(ctx, Lane::Other, &taken.others, &mut done) {
            break;
        }
    }
    if series_begun || wait_for_series.recv().is_ok() {
        while take_one(ctx, Lane::SeriesReader, &taken.readers, &mut done) {}
    }
    quote_parts::help(ctx);
    trend_parts::help(ctx);
    done
}

/// Runs the next check of `lane` not yet taken (`taken` counts them), if there is one: either
/// thread takes the next.
fn take_one(ctx: &Context, lane: Lane, taken: &AtomicUsize, done: &mut Done) -> bool {
    let next = of_lane(lane).nth(taken.fetch_add(1, Ordering::Relaxed));
    next.map(|(index, check)| done.push((index, check(ctx)))).is_some()
}

#[cfg(test)]
mod tests {
    use super::{of_lane, table_order, Lane, SERIES_FIRST_BELOW};
    use crate::checks::{conflict, first, network, quote, record, timeline, trend, Check, Context, CHECKS};

    fn is(index: usize, check: Check) -> bool {
        std::ptr::fn_addr_eq(CHECKS[index].0, check)
    }

    #[test]
    fn each_lane_runs_its_checks_in_the_order_they_need() {
        let lane = |lane: Lane| of_lane(lane).map(|(index, _)| index).collect::<Vec<_>>();
        assert!(is(lane(Lane::Other)[0], quote::check), "the costliest check starts its lane");
        let schedule = lane(Lane::Schedule);
        assert!(schedule.len() == 2 && is(schedule[0], first::check) && is(schedule[1], timeline::check));
        assert!(matches!(lane(Lane::Network)[..], [n] if is(n, network::check)));
        assert!(matches!(lane(Lane::Series)[..], [r] if is(r, record::check)), "record begins the series table");
        let readers = lane(Lane::SeriesReader);
        assert!(readers.len() == 2 && is(readers[0], trend::check) && is(readers[1], conflict::check), "trend first");
    }

    #[test]
    fn the_series_table_comes_before_the_networks_only_on_a_smaller_model() {
        assert_eq!(table_order(SERIES_FIRST_BELOW - 1), [Lane::Schedule, Lane::Series, Lane::Network]);
        assert_eq!(table_order(SERIES_FIRST_BELOW), [Lane::Schedule, Lane::Network, Lane::Series]);
    }

    #[test]
    fn the_lanes_give_the_findings_of_one_thread() {
        // A model large enough for two threads, with findings of several checks in both lanes:
        // conflicts (several claims a year), quote mismatches, and flags `trend` and `record`
        // weigh (`up` against a larger earlier value, `max` below another claim).
        let mut text = "source s \"S\"\nmeasure trade \"T\" unit USD\n".to_string();
        for i in 0..6_000 {
            let flag = [" up", " down", " max", "", "", "", ""][i % 7];
            let quote = i + i % 2;
            text.push_str(&format!("{} trade = ${i}m{flag} [@s]\n  > trade was ${quote} million\n", 1000 + i % 900));
        }
        let mut sources = crate::source::SourceMap::default();
        sources.add(crate::source::SourceFile::new("test.claims", text.as_str()));
        let parsed = crate::syntax::parse(crate::source::FileId(0), &text).0;
        let model = crate::model::build(&[crate::model::build::Parsed {
            file: crate::source::FileId(0),
            text: &text,
            tree: &parsed,
        }]);
        let one = format!("{:?}", super::run(&Context::new(&model, &sources).on_one_thread()));
        for code in ["conflict", "trend", "record", "quote-mismatch"] {
            assert!(one.contains(&format!("\"{code}\"")), "a `{code}` finding");
        }
        // Either order of the tables, each in a context of its own (its tables built anew).
        for order in [table_order(0), table_order(SERIES_FIRST_BELOW)] {
            let two = Context::new(&model, &sources);
            assert!(two.two_threads() || std::thread::available_parallelism().map_or(true, |n| n.get() < 2));
            assert_eq!(format!("{:?}", super::run_in(&two, order)), one, "{order:?}");
        }
    }
}
