//! Running the checks, on one thread or, on a large model, on two.
//!
//! On two threads each runs a fixed lane of [`CHECKS`]. The largest working tables of any
//! check (tens of MB each at 1M claims) are the temporal network's schedule (built for
//! `first` and `timeline`), the systems of the networks of blocks and asserts, and the table of
//! the series' claims by date that `record`, `trend` and `conflict` share. Those checks all run
//! in one lane, one after another, so no two of those tables are ever being built at once. When
//! two threads each took the next check not yet taken, two of them overlapped, and the 1M-claim
//! run went 2 to 20 MB past its memory target. The other lane starts with the quote check
//! and ends with the checks that read a table the first lane built (`anachronism` and
//! `future-claim` read the schedule, `assertion` reads the networks' contradictions). By the
//! time it reaches them the table is built, or is being built and the lane waits for it: the
//! lane never builds a second copy beside the first lane's own work. Either lane, once its
//! checks are done, helps judge the quotes (see [`super::quote_parts`]).

use super::{quote_parts, Context, CHECKS};
use crate::finding::Finding;

/// Which of the two threads runs a check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lane {
    /// Builds one of the large shared tables, or reads one as it is built.
    Tables,
    /// Everything else.
    Other,
}

/// Runs every check. The findings come back in the order of [`CHECKS`] however they ran.
pub fn run(ctx: &Context) -> Vec<Finding> {
    if !ctx.two_threads() {
        return CHECKS.iter().flat_map(|(check, _)| check(ctx)).collect();
    }
    let mut results = std::thread::scope(|scope| {
        let other = scope.spawn(|| run_lane(ctx, Lane::Other));
        let mut results = run_lane(ctx, Lane::Tables);
        results.extend(other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        results
    });
    results.sort_unstable_by_key(|(index, _)| *index);
    results.into_iter().flat_map(|(_, findings)| findings).collect()
}

/// Runs the checks of one lane, each with its place in [`CHECKS`]. They run from the end of
/// the table: the quote check, the costliest, starts its lane, and `first`, which builds the
/// schedule, starts the other.
fn run_lane(ctx: &Context, lane: Lane) -> Vec<(usize, Vec<Finding>)> {
    let done = CHECKS
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, (_, of))| *of == lane)
        .map(|(index, (check, _))| (index, check(ctx)))
        .collect();
    quote_parts::help(ctx);
    done
}

#[cfg(test)]
mod tests {
    use super::{Lane, CHECKS};

    #[test]
    fn each_lane_begins_with_the_check_that_must_come_first() {
        let first_of = |lane: Lane| CHECKS.iter().rev().find(|(_, of)| *of == lane).map(|(check, _)| *check);
        let is = |found: Option<super::super::Check>, check: super::super::Check| {
            found.is_some_and(|found| std::ptr::fn_addr_eq(found, check))
        };
        assert!(is(first_of(Lane::Other), super::super::quote::check), "the costliest check starts its lane");
        assert!(is(first_of(Lane::Tables), super::super::first::check), "the schedule is built first");
    }

    #[test]
    fn the_lanes_give_the_findings_of_one_thread() {
        // A model large enough for two threads, with findings of several checks in both lanes.
        let mut text = "source s \"S\"\nmeasure trade \"T\" unit USD\n".to_string();
        for i in 0..6_000 {
            text.push_str(&format!("{} trade = ${}m [@s]\n  > trade was ${} million\n", 1000 + i % 900, i, i + i % 2));
        }
        let mut sources = crate::source::SourceMap::default();
        sources.add(crate::source::SourceFile::new("test.claims", text.as_str()));
        let parsed = crate::syntax::parse(crate::source::FileId(0), &text).0;
        let model = crate::model::build(&[crate::model::build::Parsed {
            file: crate::source::FileId(0),
            text: &text,
            tree: &parsed,
        }]);
        let two = crate::checks::Context::new(&model, &sources);
        assert!(two.two_threads() || std::thread::available_parallelism().map_or(true, |n| n.get() < 2));
        let one = super::run(&crate::checks::Context::new(&model, &sources).on_one_thread());
        assert!(one.len() > 3000, "conflicts and mismatches: {}", one.len());
        assert_eq!(format!("{:?}", super::run(&two)), format!("{one:?}"));
    }
}
