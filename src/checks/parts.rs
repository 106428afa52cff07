//! A check's work cut into parts, which any thread that runs out of checks may take up while
//! the thread that runs the check takes the rest (see [`super::lanes`]). The quote check
//! ([`super::quote_parts`]) and `trend` ([`super::trend_parts`]) are each longer than all
//! the other checks of their thread; cut into parts, two threads end together.

use crate::finding::Finding;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// The parts of one check's work, and the findings of those done, each with its place in the
/// order the check reports them.
pub(crate) struct Parts {
    count: usize,
    /// The next part not yet taken.
    next: AtomicUsize,
    /// How many parts are done, and their findings so far.
    judged: Mutex<(usize, Vec<(usize, Finding)>)>,
    all_judged: Condvar,
}

impl Parts {
    pub(crate) fn new(count: usize) -> Self {
        Parts { count, next: AtomicUsize::new(0), judged: Mutex::new((0, Vec::new())), all_judged: Condvar::new() }
    }

    /// Takes the parts no thread has taken yet, one after another, until none is left: `judge`
    /// finds a part's findings.
    pub(crate) fn help(&self, judge: impl Fn(usize) -> Vec<(usize, Finding)>) {
        loop {
            let part = self.next.fetch_add(1, Ordering::Relaxed);
            if part >= self.count {
                return;
            }
            // A part counts as done even if judging it panics, so that no thread waits for it
            // forever; the panic then ends the run (see `super::run`).
            let mut done = Done { parts: self, findings: Vec::new() };
            done.findings = judge(part);
        }
    }

    /// Every part's findings, in order (findings of one place in the order found), once all
    /// parts are done.
    pub(crate) fn findings(&self) -> Vec<(usize, Finding)> {
        let mut judged = lock(&self.judged);
        while judged.0 < self.count {
            judged = self.all_judged.wait(judged).unwrap_or_else(PoisonError::into_inner);
        }
        let mut findings = std::mem::take(&mut judged.1);
        findings.sort_by_key(|(place, _)| *place);
        findings
    }
}

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A part being judged: its findings are handed in when it is dropped, done or not.
struct Done<'p> {
    parts: &'p Parts,
    findings: Vec<(usize, Finding)>,
}

impl Drop for Done<'_> {
    fn drop(&mut self) {
        let mut judged = lock(&self.parts.judged);
        judged.0 += 1;
        judged.1.append(&mut self.findings);
        if judged.0 == self.parts.count {
            self.parts.all_judged.notify_all();
        }
    }
}
