//! `trend` shared out in parts between the threads of a run (see [`super::parts`]). From 200k
//! statements the series table is built last, by `record` on the thread that builds the large
//! tables; `trend` then ran there alone (215 ms at 1M claims) while the other thread, out of
//! checks, waited for it. Cut into parts along the series, it is taken up by both.

use super::latest::{self, Dated};
use super::parts::{lock, Parts};
use super::Context;
use crate::finding::Finding;
use std::sync::{Arc, Mutex};

/// Parts the series are cut into: enough that a thread joining late still finds work.
const PARTS: usize = 64;

/// The judging under way, if any, for threads to help with: a [`Context`]'s slot.
pub(crate) type Shared = Mutex<Option<Arc<Judging>>>;

pub(crate) struct Judging {
    /// The first place of each part in [`latest::flag_series`], and its length at the end.
    starts: Vec<usize>,
    parts: Parts,
}

/// The `trend` findings of the series in `dated` (all of [`latest::flag_series`]), in their
/// order, judged in parts that any thread out of checks may take up while this one judges the
/// rest. The judging leaves the slot once done, so a context checked again judges anew.
pub(crate) fn judge_shared(ctx: &Context, dated: &[Dated]) -> Vec<Finding> {
    let judging = Arc::new(Judging { starts: latest::cut(dated, PARTS), parts: Parts::new(PARTS) });
    *lock(&ctx.trend_judging) = Some(Arc::clone(&judging));
    judging.help(ctx);
    let findings = judging.parts.findings();
    *lock(&ctx.trend_judging) = None;
    findings.into_iter().map(|(_, finding)| finding).collect()
}

/// Takes up the parts of the judging under way not yet taken, if there is one.
pub(crate) fn help(ctx: &Context) {
    let under_way = lock(&ctx.trend_judging).clone();
    if let Some(judging) = under_way {
        judging.help(ctx);
    }
}

impl Judging {
    fn help(&self, ctx: &Context) {
        let dated = latest::flag_series(ctx);
        self.parts.help(|part| {
            let series = &dated[self.starts[part]..self.starts[part + 1]];
            super::trend::check_part(ctx, series).into_iter().map(|finding| (part, finding)).collect()
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::{latest, trend, Context};
    use crate::source::{FileId, SourceFile, SourceMap};

    #[test]
    fn parts_judge_every_series_once_in_order() {
        // More series than parts, of several lengths, each with flags that fail now and then:
        // each finding is found once, in order, as on one thread.
        let mut text = "source s \"S\"\nmeasure trade \"T\" unit USD\n".to_string();
        for series in 0..150 {
            for year in 0..(series % 7 + 1) {
                let flag = if (series + year) % 5 == 0 { " down" } else { " up" };
                text.push_str(&format!("{} trade \"i{series}\" = ${}m{flag} [@s]\n", 1990 + year, 10 + year));
            }
        }
        let mut sources = SourceMap::default();
        sources.add(SourceFile::new("test.claims", text.as_str()));
        let tree = crate::syntax::parse(FileId(0), &text).0;
        let model = crate::model::build(&[crate::model::build::Parsed { file: FileId(0), text: &text, tree: &tree }]);
        let one = trend::check(&Context::new(&model, &sources).on_one_thread());
        assert!(one.len() > 20, "{one:?}");
        let ctx = Context::new(&model, &sources);
        let dated = latest::flag_series(&ctx);
        let starts = latest::cut(dated, super::PARTS);
        assert!(starts.windows(2).all(|w| w[0] <= w[1]) && starts[super::PARTS] == dated.len());
        let judging = super::Judging { starts, parts: super::Parts::new(super::PARTS) };
        std::thread::scope(|scope| {
            scope.spawn(|| judging.help(&ctx));
            judging.help(&ctx);
        });
        let parts: Vec<_> = judging.parts.findings().into_iter().map(|(_, f)| f).collect();
        assert_eq!(format!("{parts:?}"), format!("{one:?}"));
        for _ in 0..2 {
            let again = super::judge_shared(&ctx, dated);
            assert_eq!(format!("{again:?}"), format!("{one:?}"));
        }
        assert!(super::lock(&ctx.trend_judging).is_none(), "no judging left behind");
    }
}
