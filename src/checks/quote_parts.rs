//! Judging claims' quotes against their values, shared out in parts between the threads of
//! a run.
//!
//! It is the costliest work of any check on a large file (a quarter of a run's instructions
//! at 100k quoted claims, more than all the other checks together), so the thread that takes
//! the quote check would work on alone long after the other had run every other check. Each
//! thread that runs out of checks takes the parts not yet taken instead (see
//! [`super::run`]). Splitting it on a thread of its own from the start would finish sooner
//! only by running other checks side by side, each with its tables: a higher peak.

use super::parts::{lock, Parts};
use super::quote::{mismatches, Found};
use super::Context;
use crate::finding::Finding;
use std::sync::{Arc, Mutex};

/// Parts the claims are cut into: enough that a thread joining late still finds work.
const PARTS: usize = 64;

/// The judging under way, if any, for threads to help with: a [`Context`]'s slot.
pub(crate) type Shared = Mutex<Option<Arc<Judging>>>;

/// The `quote-mismatch` findings, in the quotes' order, judged in parts that any thread out of
/// checks may take up while this one judges the rest. The judging leaves the slot once done,
/// so the manuscript search's tables are freed with it and a context checked again judges
/// anew.
pub(crate) fn judge_shared(ctx: &Context, found: Found) -> Vec<(usize, Finding)> {
    let judging = Arc::new(Judging::new(ctx, found));
    *lock(&ctx.quote_judging) = Some(Arc::clone(&judging));
    judging.help(ctx);
    let findings = judging.findings();
    *lock(&ctx.quote_judging) = None;
    findings
}

/// Takes up the parts of the judging under way not yet taken, if there is one.
pub(crate) fn help(ctx: &Context) {
    let under_way = lock(&ctx.quote_judging).clone();
    if let Some(judging) = under_way {
        judging.help(ctx);
    }
}

pub(crate) struct Judging {
    found: Found,
    /// For each part and one past the last: its first claim, and the place of that claim's
    /// first quote in [`crate::manuscript::quoted::quoted`]'s order (claims' quotes come first).
    starts: Vec<(usize, usize)>,
    parts: Parts,
}

impl Judging {
    fn new(ctx: &Context, found: Found) -> Self {
        let claims = &ctx.model.claims;
        let mut starts = Vec::with_capacity(PARTS + 1);
        let mut first_quote = 0;
        let mut claim = 0;
        for part in 0..=PARTS {
            let from = part * claims.len() / PARTS;
            first_quote += claims[claim..from].iter().map(|c| c.quotes.len()).sum::<usize>();
            claim = from;
            starts.push((from, first_quote));
        }
        Judging { found, starts, parts: Parts::new(PARTS) }
    }

    /// Judges the parts no thread has taken yet, until none is left.
    fn help(&self, ctx: &Context) {
        self.parts.help(|part| {
            let ((from, first_quote), (to, _)) = (self.starts[part], self.starts[part + 1]);
            mismatches(ctx, &self.found, from..to, first_quote)
        });
    }

    /// Every part's findings, in the quotes' order, once all parts are done.
    fn findings(&self) -> Vec<(usize, Finding)> {
        self.parts.findings()
    }
}

#[cfg(test)]
mod tests {
    use super::lock;
    use crate::source::{SourceFile, SourceMap};

    #[test]
    fn parts_judge_every_claim_once_in_order() {
        // More claims than parts, some with two quotes and some with none, a few mismatched:
        // each mismatch is found once, in the claims' order, as on one thread.
        let mut text = "source s \"S\"\nmeasure trade \"T\" unit USD\n".to_string();
        for i in 0..300 {
            text.push_str(&format!("{} trade = ${i}m [@s]\n", 1000 + i));
            match i % 3 {
                0 => text.push_str(&format!("  > trade was ${i} million\n  > that is, ${i},000,000\n")),
                1 => text.push_str(&format!("  > trade was ${} million\n", if i % 7 == 1 { i + 5 } else { i })),
                _ => {}
            }
        }
        let mut sources = SourceMap::default();
        sources.add(SourceFile::new("test.claims", text.as_str()));
        let parsed = crate::syntax::parse(crate::source::FileId(0), &text).0;
        let model = crate::model::build(&[crate::model::build::Parsed {
            file: crate::source::FileId(0),
            text: &text,
            tree: &parsed,
        }]);
        let one = crate::checks::quote::check(&crate::checks::Context::new(&model, &sources).on_one_thread());
        let ctx = crate::checks::Context::new(&model, &sources);
        let judging = super::Judging::new(&ctx, crate::checks::quote::Found::default());
        std::thread::scope(|scope| {
            scope.spawn(|| judging.help(&ctx));
            judging.help(&ctx);
        });
        let parts: Vec<_> = judging.findings().into_iter().map(|(_, f)| f).collect();
        assert_eq!(parts.len(), 300 / 21 + 1, "{parts:?}");
        assert_eq!(format!("{parts:?}"), format!("{one:?}"));
        // The check run again on the same context judges anew.
        for _ in 0..2 {
            let again: Vec<_> = super::judge_shared(&ctx, Default::default()).into_iter().map(|(_, f)| f).collect();
            assert_eq!(format!("{again:?}"), format!("{one:?}"));
        }
        assert!(lock(&ctx.quote_judging).is_none(), "no judging left behind");
    }
}
