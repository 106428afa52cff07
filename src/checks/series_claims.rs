//! The claims the series checks weigh, found in one pass over the claims.

use super::latest::same_series;
use super::notes::clashing;
use crate::model::{ClaimId, MeasureId, Model};
use crate::syntax::ast::Flag;

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

/// Both kinds of [`SeriesClaims`], in one pass over the claims.
pub fn series_claims(model: &Model) -> SeriesClaims {
    let clashing = clashing(model);
    let mut found = SeriesClaims {
        // Room for every claim, which nearly all files' claims are: growing the table copied
        // it over and over (at 1M claims, 37 ms for this pass rather than 30).
        comparable: Vec::with_capacity(model.claims.len()),
        derived_members: Vec::new(),
        flags: false,
        record_flags: false,
        flagged_series: Vec::new(),
        flagged_measures: Vec::new(),
    };
    // The series of the last claim in `flagged_series`.
    let mut last_flagged = None;
    for (id, c) in model.claims.iter().enumerate() {
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
    use rustc_hash::FxHashSet as HashSet;

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
        let model = model_of(text);
        let found = series_claims(&model);
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
        let model = model_of(text);
        let dates: Vec<&str> =
            series_claims(&model).comparable.iter().map(|&c| model.claims[c].date.text.as_str()).collect();
        assert_eq!(dates, vec!["2000", "2003"]);
    }
}
