//! Checks: pure functions from the model to findings. Each file holds one check with
//! its documentation and unit tests; `CHECKS` runs them all.

pub mod anachronism;
pub(crate) mod assert_problems;
pub mod assertion;
pub mod bad_locator;
pub(crate) mod beyond;
pub(crate) mod block_findings;
pub mod conflict;
pub mod duplicate_definition;
pub mod first;
pub mod future_claim;
mod halves;
mod lanes;
pub(crate) mod latest;
pub mod network;
pub mod notes;
mod parts;
pub mod quote;
mod quote_parts;
pub mod record;
pub mod series_claims;
pub mod shares;
pub(crate) mod sums;
pub mod timeline;
pub mod total;
pub mod trend;
mod trend_parts;
pub mod uncited;
pub mod unit_mismatch;
pub mod unknown_reference;
pub mod unused_source;

use crate::finding::Finding;
use crate::model::{ClaimId, Model};
use crate::source::SourceMap;
use crate::timeline::{starts_with, Schedule};
use crate::value::DateRange;
pub use lanes::{run, Lane};
use std::sync::OnceLock;

/// What every check may read.
pub struct Context<'a> {
    pub model: &'a Model,
    /// Every loaded file (claims files, and any manuscript or bibliography read for them).
    pub sources: &'a SourceMap,
    /// The temporal network's conclusions and the event starts drawn from them, built on
    /// first use and shared: `timeline`, `first`, `future-claim` and `anachronism` all need them.
    schedule: OnceLock<Schedule>,
    starts: OnceLock<Vec<Option<(DateRange, bool)>>>,
    /// [`series_claims::series_claims`], found once for `conflict`, `trend` and `record`.
    series_claims: OnceLock<series_claims::SeriesClaims>,
    /// The same by series in date order (see [`latest::dated`]), for the same checks.
    dated: OnceLock<Vec<latest::Dated>>,
    /// The `?`s of the series and the values their blocks derive, found once for `trend` and `record`.
    valued: OnceLock<latest::Valued>,
    /// The network's contradictions, found once for `network` and `assertion`.
    network: OnceLock<network::Found>,
    /// The quote check's judging under way, for threads out of checks (see [`quote_parts`]).
    quote_judging: quote_parts::Shared,
    /// `trend`'s judging under way, likewise (see [`trend_parts`]).
    trend_judging: trend_parts::Shared,
    /// Whether the checks must keep to the calling thread (see [`Context::on_one_thread`]).
    one_thread: bool,
}

impl<'a> Context<'a> {
    pub fn new(model: &'a Model, sources: &'a SourceMap) -> Self {
        Context {
            model,
            sources,
            schedule: OnceLock::new(),
            starts: OnceLock::new(),
            series_claims: OnceLock::new(),
            dated: OnceLock::new(),
            valued: OnceLock::new(),
            network: OnceLock::new(),
            quote_judging: Default::default(),
            trend_judging: Default::default(),
            one_thread: false,
        }
    }

    /// Keeps every check on the calling thread, for runs that compare the two ways.
    pub fn on_one_thread(self) -> Self {
        Context { one_thread: true, ..self }
    }

    /// Whether work is shared with a second thread: on a large model, where one is available.
    pub(crate) fn two_threads(&self) -> bool {
        let large = self.model.statement_count() >= PARALLEL_FROM;
        !self.one_thread && large && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
    }

    /// The contradictions of the networks of blocks, totals and asserts (see [`network::find`]).
    pub(crate) fn network(&self) -> &network::Found {
        self.network.get_or_init(|| network::find(self))
    }

    /// The `?` claims of the series, and those their blocks determine valued (see [`latest::Valued`]).
    pub(crate) fn valued(&self) -> &latest::Valued {
        self.valued.get_or_init(|| latest::Valued::new(self.model, self.series_claims(), self.dated()))
    }

    /// The claims as `trend` and `record` weigh them: a `?` its block determines holds its derived values.
    pub(crate) fn claims(&self) -> latest::Claims<'_> {
        latest::Claims::new(self.model, self.valued())
    }

    fn series_claims(&self) -> &series_claims::SeriesClaims {
        self.series_claims.get_or_init(|| series_claims::series_claims(self.model))
    }

    /// Whether the series table is read from the claims in two halves at once: on a model so
    /// large that the tables thread builds that table last (see [`lanes`]), when the other
    /// thread has nothing left to do but wait for it.
    fn series_in_halves(&self) -> bool {
        self.two_threads() && lanes::series_last(self.model.statement_count())
    }

    /// The claims whose values series checks compare, in model order (see [`series_claims::SeriesClaims`]).
    pub fn comparable(&self) -> &[ClaimId] {
        &self.series_claims().comparable
    }

    /// The `?` members of blocks that [`Context::comparable`] leaves out, in model order.
    pub(crate) fn derived_members(&self) -> &[ClaimId] {
        &self.series_claims().derived_members
    }

    /// The comparable claims and the `?` members, by series and date (see [`latest::dated`]).
    pub(crate) fn dated(&self) -> &[latest::Dated] {
        self.dated.get_or_init(|| {
            latest::dated(self.model, self.comparable(), self.derived_members(), self.series_in_halves())
        })
    }

    pub fn schedule(&self) -> &Schedule {
        self.schedule.get_or_init(|| Schedule::build(self.model))
    }

    /// When each event starts, as [`crate::timeline::event_starts`]; the schedule is built only
    /// when some event has no written date.
    pub fn event_starts(&self) -> &[Option<(DateRange, bool)>] {
        self.starts.get_or_init(|| {
            let written = self.model.events.iter().all(|e| e.date.is_some());
            starts_with(self.model, if written { &[] } else { &self.schedule().derived })
        })
    }
}

pub type Check = fn(&Context) -> Vec<Finding>;

/// Every check, in a fixed order (findings are sorted afterwards anyway), with its lane when
/// there are two threads (see [`lanes`]). A check that builds one of the context's large tables
/// (the schedule, the networks, the series table) belongs to that table's lane, which the
/// tables thread runs one after another; one that reads only the series table, to
/// `Lane::SeriesReader`; one that reads another, to `Lane::Other`, placed to run after the
/// quote check, by when the table is begun: two such tables built at once took the 1M-claim run
/// over its memory target.
pub static CHECKS: &[(Check, Lane)] = &[
    (unknown_reference::check, Lane::Other),
    (duplicate_definition::check, Lane::Other),
    (unit_mismatch::check, Lane::Other),
    (shares::check, Lane::Other),
    (total::check, Lane::Other),
    (conflict::check, Lane::SeriesReader),
    (trend::check, Lane::SeriesReader),
    (record::check, Lane::Series),
    (assertion::check, Lane::Other),
    (network::check, Lane::Network),
    (timeline::check, Lane::Schedule),
    (first::check, Lane::Schedule),
    (future_claim::check, Lane::Other),
    (anachronism::check, Lane::Other),
    (unused_source::check, Lane::Other),
    (uncited::check, Lane::Other),
    (bad_locator::check, Lane::Other),
    (quote::check, Lane::Other),
];

/// Below this many statements the checks run on one thread: another costs more than it saves.
pub const PARALLEL_FROM: usize = 5_000;

#[cfg(test)]
pub(crate) mod test_support;
