//! The claims the series checks weigh, found in one pass over the claims (in two halves, at
//! once, on a model too large for its claims to stay in the cache).

use super::halves::join;
use super::latest::same_series;
use super::notes::clashing;
use crate::model::{ClaimId, MeasureId, Model};
use crate::syntax::ast::Flag;
use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

/// The claims of the series, both kinds in model order, and the flags they carry, noted in the
/// one pass over the claims that finds them (the series checks read no claim's flags again to
/// learn which series and measures a flag may weigh).
pub struct SeriesClaims {
    /// Claims whose values a series check compares: a declared measure, a written (not `?`)
    /// value in the measure's unit, and a fact rather than a plan.
    pub comparable: Vec<ClaimId>,
    /// The `?` members of blocks that `comparable` leaves out (a series' values known only
    /// through their blocks).
    pub derived_members: Vec<ClaimId>,
    /// Whether any claim of the model carries a flag other than a plan's.
    pub flags: bool,
    /// Whether any claim of the series carries `max`, `min`, `largest` or `smallest`.
    pub record_flags: bool,
    /// A claim of each series (measure and item) where a claim of the series carries a flag
    /// that weighs it (`max`, `min` or a change; not a plan's, nor `largest` or `smallest`):
    /// one for each stretch of such claims of one series in model order.
    pub flagged_series: Vec<ClaimId>,
    /// The measures of the series' claims that carry `largest` or `smallest` (once for each
    /// stretch of such claims of one measure in model order).
    pub flagged_measures: Vec<Option<MeasureId>>,
}

/// Both kinds of [`SeriesClaims`], in one pass over the claims: on `two_threads`, its second
/// half on a thread of its own. At 1M claims the pass reads some 200 MB of them, 29 ms on
/// one thread while the other waits for the series table.
pub fn series_claims(model: &Model, two_threads: bool) -> SeriesClaims {
    let clashing = clashing(model);
    let (len, clashing) = (model.claims.len(), &clashing);
    let (first, second) =
        join(two_threads, || found_in(model, clashing, 0..len / 2), || found_in(model, clashing, len / 2..len));
    first.then(second, model)
}

impl SeriesClaims {
    /// These claims' and then `next`'s, as one pass over both would find them: a stretch of
    /// flagged claims across the two is noted once.
    fn then(mut self, next: SeriesClaims, model: &Model) -> SeriesClaims {
        self.comparable.extend(next.comparable);
        self.derived_members.extend(next.derived_members);
        self.flags |= next.flags;
        self.record_flags |= next.record_flags;
        let series = |id: &ClaimId| (model.claims[*id].measure(), model.claims[*id].item.as_deref());
        let mut flagged = next.flagged_series.into_iter().peekable();
        if let (Some(last), Some(first)) = (self.flagged_series.last(), flagged.peek()) {
            if same_series(series(last), series(first)) {
                flagged.next();
            }
        }
        self.flagged_series.extend(flagged);
        let mut measures = next.flagged_measures.into_iter().peekable();
        if self.flagged_measures.last().is_some_and(|last| measures.peek() == Some(last)) {
            measures.next();
        }
        self.flagged_measures.extend(measures);
        self
    }
}

/// [`SeriesClaims`] of the claims `ids`.
fn found_in(model: &Model, clashing: &HashSet<ClaimId>, ids: Range<usize>) -> SeriesClaims {
    let mut found = SeriesClaims {
        comparable: Vec::new(),
        derived_members: Vec::new(),
        flags: false,
        record_flags: false,
        flagged_series: Vec::new(),
        flagged_measures: Vec::new(),
    };
    // The series of the last claim in `flagged_series`.
    let mut last_flagged = None;
    for (id, c) in model.claims[ids.clone()].iter().enumerate().map(|(at, c)| (ids.start + at, c)) {
        // What the claim's flags say, in one look at them.
        let (mut plan, mut weighs_series, mut weighs_measure, mut record) = (false, false, false, false);
        for (flag, _) in &c.flags {
            match flag {
                Flag::Target | Flag::Forecast | Flag::Estimate => plan = true,
                Flag::Largest | Flag::Smallest => weighs_measure = true,
                Flag::Max | Flag::Min => (weighs_series, record) = (true, true),
                Flag::Up | Flag::Down | Flag::Doubled | Flag::Halved | Flag::Tripled => weighs_series = true,
            }
        }
        found.flags |= weighs_series || weighs_measure;
        // Nearly every file has no unit clash: no claim is looked up then.
        if c.measure().is_none() || plan || (!clashing.is_empty() && clashing.contains(&id)) {
            continue;
        }
        match c.value.unknown {
            true => found.derived_members.push(id),
            false => found.comparable.push(id),
        }
        found.record_flags |= weighs_measure || record;
        let series = (c.measure(), c.item.as_deref());
        if weighs_series && last_flagged.is_none_or(|last| !same_series(last, series)) {
            found.flagged_series.push(id);
            last_flagged = Some(series);
        }
        if weighs_measure && found.flagged_measures.last() != Some(&c.measure()) {
            found.flagged_measures.push(c.measure());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model_of(text: &str) -> Model {
        let file = crate::source::FileId::default();
        let tree = crate::syntax::parse(file, text).0;
        crate::model::build(&[crate::model::build::Parsed { file, text, tree: &tree }])
    }

    #[test]
    fn the_flags_noted_are_those_the_series_claims_carry() {
        let text = "source s \"S\"\nmeasure m \"M\" unit USD\nmeasure n \"N\" unit USD\n\
            2000 m a = 1 up [@s]\n2001 m a = 2 up target [@s]\n2002 m b = 3 [@s]\n2003 m a = 4 down [@s]\n\
            2004 n = 5 largest [@s]\n2005 n c = 6 max [@s]\n2006 m b = 7 estimate smallest [@s]\n2007 m d = ? [@s]\n";
        let file = crate::source::FileId::default();
        let tree = crate::syntax::parse(file, text).0;
        let model = crate::model::build(&[crate::model::build::Parsed { file, text, tree: &tree }]);
        let found = series_claims(&model, false);
        let series: Vec<ClaimId> = found.comparable.iter().chain(&found.derived_members).copied().collect();
        let carries = |c: ClaimId, wanted: &[Flag]| model.claims[c].flags.iter().any(|(f, _)| wanted.contains(f));
        let weighing = [Flag::Max, Flag::Min, Flag::Up, Flag::Down, Flag::Doubled, Flag::Halved, Flag::Tripled];
        let key = |c: &ClaimId| (model.claims[*c].measure(), model.claims[*c].item.as_deref());
        let expected: HashSet<_> = series.iter().filter(|&&c| carries(c, &weighing)).map(key).collect();
        assert_eq!(found.flagged_series.iter().map(key).collect::<HashSet<_>>(), expected);
        assert_eq!(found.flagged_series.len(), 2, "m a once (no claim between weighs a series), n c");
        let measures: HashSet<_> = series
            .iter()
            .filter(|&&c| carries(c, &[Flag::Largest, Flag::Smallest]))
            .map(|&c| model.claims[c].measure())
            .collect();
        assert_eq!(found.flagged_measures.iter().copied().collect::<HashSet<_>>(), measures);
        assert!(found.flags && found.record_flags);
        let record = [Flag::Max, Flag::Min, Flag::Largest, Flag::Smallest];
        assert_eq!(found.record_flags, series.iter().any(|&c| carries(c, &record)));
    }

    #[test]
    fn plans_and_unknowns_are_not_compared() {
        let text = "source s \"S\"\nmeasure m \"M\" unit USD\n2000 m = 1 [@s]\n2001 m = 2 target [@s]\n2002 m = 3% [@s]\n2003 total m = 5 [@s]\n    a ?\n";
        let file = crate::source::FileId::default();
        let tree = crate::syntax::parse(file, text).0;
        let model = crate::model::build(&[crate::model::build::Parsed { file, text, tree: &tree }]);
        let dates: Vec<&str> =
            series_claims(&model, false).comparable.iter().map(|&c| model.claims[c].date.text.as_str()).collect();
        assert_eq!(dates, vec!["2000", "2003"]);
    }

    /// The two halves find what one pass finds, wherever the middle falls: in a stretch of
    /// flagged claims of one series or one measure, or between two.
    #[test]
    fn the_halves_find_what_one_pass_finds() {
        let flags = ["", " up", " down", " max", " largest", " smallest", " target", " min"];
        let mut text = "source s \"S\"\nmeasure m \"M\" unit USD\nmeasure n \"N\"\n".to_string();
        for i in 0..40 {
            let (measure, item) = (["m", "n"][i / 13 % 2], ["a", "b", ""][i / 5 % 3]);
            text.push_str(&format!("{} {measure} {item} = {i}{} [@s]\n", 1990 + i, flags[i * 7 % 8 % (1 + i % 8)]));
            if i % 9 == 0 {
                text.push_str(&format!("{} total n = ? [@s]\n    x 1\n    y ?\n", 1990 + i));
            }
        }
        let shown = |found: &SeriesClaims| {
            let SeriesClaims { comparable, derived_members, flags, record_flags, flagged_series, flagged_measures } =
                found;
            format!("{comparable:?} {derived_members:?} {flags} {record_flags} {flagged_series:?} {flagged_measures:?}")
        };
        let lines: Vec<&str> = text.lines().collect();
        for end in 4..lines.len() {
            let model = model_of(&(lines[..end].join("\n") + "\n"));
            let one = series_claims(&model, false);
            assert_eq!(shown(&series_claims(&model, true)), shown(&one), "{end} lines");
            let clashing = clashing(&model);
            for middle in 0..=model.claims.len() {
                let len = model.claims.len();
                let halves =
                    found_in(&model, &clashing, 0..middle).then(found_in(&model, &clashing, middle..len), &model);
                assert_eq!(shown(&halves), shown(&one), "{end} lines, halves at {middle}");
            }
        }
    }
}
