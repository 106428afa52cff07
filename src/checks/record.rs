//! `record`: `max`/`min` (nothing of the same measure and item, at any date, beyond it) and
//! `largest`/`smallest` (nothing of the measure dated strictly earlier beyond it). Only a claim
//! forced beyond the record contradicts it. Each group keeps the claim reaching furthest, which
//! the message names; `largest`/`smallest` use running leaders over the claims sorted by end
//! date. Every other claim beyond the record is labelled too: the most extreme dozen, the rest
//! counted (a sorted series for `max`/`min`, one sweep with counts by rank for the others).

use super::notes::value_label;
use crate::finding::{Finding, Label};
use crate::model::{Claim, ClaimId, Model};
use crate::registry::{self, Docs};
use crate::source::Span;
use crate::syntax::ast::Flag;
use crate::value::Interval;
use crate::value::Q;
use rustc_hash::FxHashMap as HashMap;

pub static DOCS: Docs = Docs {
    what: "A claim flagged `max` or `min` that another claim of the same measure and item, at any date, must exceed or undercut; or a claim flagged `largest` or `smallest` that a claim of the same measure (any item) dated strictly earlier must exceed or undercut. Rounding is allowed for: only a value forced beyond the record counts. The message names the claim furthest beyond the record; every other claim beyond it is labelled too (past a dozen, the rest are counted in the help).",
    why: "A record is a strong statement (\"the largest deal in the country's history\"); one earlier or other figure beyond it shows that the flag, the figure or the date is wrong.",
    example: "aktobe: 1997-06 deal \"AktobeMunaiGas\" = $4.3bn largest [@walker, 9]\npetro: 2005-08 deal \"PetroKazakhstan\" = $4.18bn largest [@pala]\n; $4.18bn (4.175–4.185) is below the earlier $4.3bn (4.25–4.35) claimed for 1997-06",
    fix: "Check both figures and dates; narrow the flag if the text means a narrower record (\"largest Chinese deal\" is a measure of its own), or drop it.",
};

/// Which way a record points: nothing may be forced above it (`max`, `largest`) or below it.
#[derive(Clone, Copy)]
enum Side {
    Above,
    Below,
}

/// The values as claimed (0) and as written (1).
const VIEWS: [fn(&Claim) -> &Interval; 2] = [|c| &c.value.interval, |c| &c.value.nominal];

/// True when `other` reaches further to `side` than `than`.
fn further(side: Side, other: &Interval, than: &Interval) -> bool {
    match side {
        Side::Above => other.lo > than.lo,
        // An unbounded leader gives way to any claim (to another unbounded one harmlessly).
        Side::Below => than.hi.as_ref().is_none_or(|t| other.hi.as_ref().is_some_and(|o| o < t)),
    }
}

/// True when every value of `other` lies beyond every value of `record` on `side`.
fn forced_beyond(side: Side, record: &Interval, other: &Interval) -> bool {
    match side {
        Side::Above => matches!((&other.lo, &record.hi), (Some(o), Some(r)) if o > r),
        Side::Below => matches!((&other.hi, &record.lo), (Some(o), Some(r)) if o < r),
    }
}

/// For each side and view, the claim reaching furthest.
#[derive(Clone, Copy)]
struct Leaders([[ClaimId; 2]; 2]);

impl Leaders {
    fn new(id: ClaimId) -> Self {
        Leaders([[id; 2]; 2])
    }

    fn add(&mut self, model: &Model, id: ClaimId) {
        for (side, leaders) in [Side::Above, Side::Below].into_iter().zip(&mut self.0) {
            for (view, leader) in VIEWS.iter().zip(leaders.iter_mut()) {
                if further(side, view(&model.claims[id]), view(&model.claims[*leader])) {
                    *leader = id;
                }
            }
        }
    }
}

static SERIES_FLAGS: [Flag; 2] = [Flag::Max, Flag::Min];
static AS_OF_FLAGS: [Flag; 2] = [Flag::Largest, Flag::Smallest];

/// How many claims beyond a record, besides the one the message names, get a label of their
/// own and a place in the help; the rest are counted (`and 99988 more`).
const LABELLED: usize = crate::finding::LISTED;

/// The side a record flag points to.
fn side_of(flag: Flag) -> Side {
    match flag {
        Flag::Max | Flag::Largest => Side::Above,
        _ => Side::Below,
    }
}

/// The bound of a claimed value that can put it beyond a record on `side`: its lowest value
/// for `max`/`largest`, its highest for `min`/`smallest`.
fn reach(side: Side, claim: &Claim) -> Option<&Q> {
    match side {
        Side::Above => claim.value.interval.lo.as_ref(),
        Side::Below => claim.value.interval.hi.as_ref(),
    }
}

/// True when `a` reaches strictly further to `side` than `b` (both bounded there).
fn beats(side: Side, a: &Q, b: &Q) -> bool {
    match side {
        Side::Above => a > b,
        Side::Below => a < b,
    }
}

/// The claims whose claimed values are forced beyond a record: the most extreme first (at most
/// `LABELLED + 1` of them, the named one included), and how many there are in all.
#[derive(Clone, Default)]
struct Beyond {
    extreme: Vec<ClaimId>,
    count: usize,
}

/// A series' claims bounded on `side`, the most extreme first (ties in model order).
fn ranked(model: &Model, claims: &[ClaimId], side: Side) -> Vec<ClaimId> {
    let mut ranked: Vec<ClaimId> =
        claims.iter().copied().filter(|&c| reach(side, &model.claims[c]).is_some()).collect();
    ranked.sort_by(|&a, &b| {
        let (a, b) = (reach(side, &model.claims[a]), reach(side, &model.claims[b]));
        match side {
            Side::Above => b.cmp(&a),
            Side::Below => a.cmp(&b),
        }
    });
    ranked
}

/// The claims of `ranked` forced beyond `record`: a prefix of it.
fn beyond_in(model: &Model, ranked: &[ClaimId], side: Side, record: &Claim) -> Beyond {
    let count =
        ranked.partition_point(|&c| forced_beyond(side, &record.value.interval, &model.claims[c].value.interval));
    Beyond { extreme: ranked[..count.min(LABELLED + 1)].to_vec(), count }
}

/// Counts of values by rank (a Fenwick tree): how many of the claims swept so far reach at
/// most so far, in logarithmic time.
struct Counts(Vec<usize>);

impl Counts {
    fn add(&mut self, rank: usize) {
        let mut i = rank + 1;
        while i < self.0.len() {
            self.0[i] += 1;
            i += i & i.wrapping_neg();
        }
    }

    /// How many added ranks are below `rank`.
    fn below(&self, rank: usize) -> usize {
        let (mut i, mut sum) = (rank, 0);
        while i > 0 {
            sum += self.0[i];
            i &= i - 1;
        }
        sum
    }
}

/// For `largest`/`smallest`: the claims beyond each queried record among those dated strictly
/// earlier. `claims` are sorted by end date, and each query is a claim index with how many of
/// the claims end before it starts. One sweep over the claims answers every query, keeping the
/// most extreme claims so far and counts by rank.
fn beyond_earlier(model: &Model, claims: &[ClaimId], side: Side, queries: &[(usize, usize)]) -> Vec<Beyond> {
    let mut keys: Vec<&Q> = claims.iter().filter_map(|&c| reach(side, &model.claims[c])).collect();
    keys.sort_unstable();
    keys.dedup();
    let mut counts = Counts(vec![0; keys.len() + 1]);
    let (mut swept, mut bounded, mut extreme) = (0, 0, Vec::with_capacity(LABELLED + 2));
    let mut order: Vec<usize> = (0..queries.len()).collect();
    order.sort_by_key(|&q| queries[q].1);
    let mut answers: Vec<Beyond> = (0..queries.len()).map(|_| Beyond::default()).collect();
    for q in order {
        let (index, earlier) = queries[q];
        for &c in &claims[swept..earlier.max(swept)] {
            let Some(key) = reach(side, &model.claims[c]) else { continue };
            counts.add(keys.partition_point(|k| *k < key));
            bounded += 1;
            // Among equals the claim swept first stays ahead, as `Leaders` keeps it.
            let at = extreme
                .iter()
                .position(|&e| reach(side, &model.claims[e]).is_some_and(|e| beats(side, key, e)))
                .unwrap_or(extreme.len());
            if at <= LABELLED {
                extreme.insert(at, c);
                extreme.truncate(LABELLED + 1);
            }
        }
        swept = swept.max(earlier);
        let record = &model.claims[claims[index]].value.interval;
        let count = match (side, &record.hi, &record.lo) {
            (Side::Above, Some(hi), _) => bounded - counts.below(keys.partition_point(|k| *k <= hi)),
            (Side::Below, _, Some(lo)) => counts.below(keys.partition_point(|k| *k < lo)),
            _ => 0,
        };
        let shown = extreme.iter().take_while(|&&c| forced_beyond(side, record, &model.claims[c].value.interval));
        answers[q] = Beyond { extreme: shown.copied().collect(), count };
    }
    answers
}

pub fn check(ctx: &super::Context) -> Vec<Finding> {
    let model = ctx.model;
    let record_flag = |(flag, _): &(Flag, Span)| SERIES_FLAGS.contains(flag) || AS_OF_FLAGS.contains(flag);
    if !model.claims.iter().any(|c| c.flags.iter().any(record_flag)) {
        // Most files flag no record: spare the grouping of every claim.
        return Vec::new();
    }
    let mut series: HashMap<(usize, Option<&str>), Vec<ClaimId>> = HashMap::default();
    let mut measures: HashMap<usize, Vec<ClaimId>> = HashMap::default();
    for &id in ctx.comparable() {
        let c = &model.claims[id];
        let Some(measure) = c.measure else { continue };
        series.entry((measure, c.item.as_deref())).or_default().push(id);
        measures.entry(measure).or_default().push(id);
    }
    let any_flagged =
        |claims: &[ClaimId], wanted| claims.iter().any(|&id| flagged(&model.claims[id], wanted).next().is_some());
    let mut findings = Vec::new();
    for claims in series.values().filter(|claims| any_flagged(claims, &SERIES_FLAGS)) {
        let mut leaders = Leaders::new(claims[0]);
        claims.iter().for_each(|&id| leaders.add(model, id));
        let mut by_side: [Option<Vec<ClaimId>>; 2] = [None, None];
        for claim in claims.iter().map(|&id| &model.claims[id]) {
            for &flag in flagged(claim, &SERIES_FLAGS) {
                let side = side_of(flag.0);
                let ranked = by_side[side as usize].get_or_insert_with(|| ranked(model, claims, side));
                let beyond = beyond_in(model, ranked, side, claim);
                findings.extend(judge(model, claim, flag, &leaders, false, beyond));
            }
        }
    }
    for claims in measures.values_mut().filter(|claims| any_flagged(claims, &AS_OF_FLAGS)) {
        claims.sort_by_key(|&id| (model.claims[id].date.range().last, model.claims[id].date.range().first, id));
        let (mut leaders, mut running) = (Leaders::new(claims[0]), Vec::with_capacity(claims.len()));
        for &id in claims.iter() {
            leaders.add(model, id);
            running.push(leaders);
        }
        // Each flagged claim with a flag of each side, and how many claims end before it starts.
        let mut queries: [Vec<(usize, usize)>; 2] = [Vec::new(), Vec::new()];
        for (index, claim) in claims.iter().map(|&id| &model.claims[id]).enumerate() {
            let start = claim.date.range().first;
            let earlier = claims.partition_point(|&other| model.claims[other].date.range().last < start);
            for side in [Side::Above, Side::Below] {
                if earlier > 0 && flagged(claim, &AS_OF_FLAGS).any(|&(f, _)| side_of(f) as usize == side as usize) {
                    queries[side as usize].push((index, earlier));
                }
            }
        }
        for side in [Side::Above, Side::Below] {
            let queries = &queries[side as usize];
            if queries.is_empty() {
                continue;
            }
            let answers = beyond_earlier(model, claims, side, queries);
            for (&(index, earlier), beyond) in queries.iter().zip(answers) {
                let claim = &model.claims[claims[index]];
                let before = &running[earlier - 1];
                for &flag in flagged(claim, &AS_OF_FLAGS).filter(|(f, _)| side_of(*f) as usize == side as usize) {
                    findings.extend(judge(model, claim, flag, before, true, beyond.clone()));
                }
            }
        }
    }
    findings
}

/// `a, b and c`, or `a, b, c and 12 more` when `more` says so.
fn joined(items: &[String], more: &str) -> String {
    match items {
        [init @ .., last] if more.is_empty() && !init.is_empty() => format!("{} and {last}", init.join(", ")),
        _ => format!("{}{more}", items.join(", ")),
    }
}

/// The claim's flags among `wanted`.
fn flagged<'m>(claim: &'m Claim, wanted: &'m [Flag]) -> impl Iterator<Item = &'m (Flag, Span)> {
    claim.flags.iter().filter(move |(f, _)| wanted.contains(f))
}

/// The finding for one flag, given the leading claims: an error when the claimed values
/// contradict it, a rounding note when only the written ones do. An error names the leader
/// and labels every other claim `beyond` it too (the most extreme ones, counting the rest).
fn judge(
    model: &Model,
    claim: &Claim,
    flag: (Flag, Span),
    leaders: &Leaders,
    earlier: bool,
    beyond: Beyond,
) -> Option<Finding> {
    let (flag, span) = flag;
    let side = side_of(flag);
    let (beyond_word, rival, clash) = match side {
        Side::Above => ("below", "larger", "<"),
        Side::Below => ("above", "smaller", ">"),
    };
    let leaders = leaders.0[side as usize];
    let view = (0..2).find(|&v| forced_beyond(side, VIEWS[v](claim), VIEWS[v](&model.claims[leaders[v]])))?;
    let other = &model.claims[leaders[view]];
    let word = Flag::ALL.iter().find(|(_, f)| *f == flag).map_or("", |(w, _)| w);
    let (the, scope) =
        if earlier { ("the earlier ", format!("as of {}", claim.date.text)) } else { ("", "at any date".into()) };
    let subject = format!("{} for {}", claim.subject(), claim.date.text);
    let against = |shown: &str| format!("{beyond_word} {the}{shown} claimed for {}", other.date.text);
    let mut also = Vec::new();
    let (rule, message, help) = if view == 0 {
        let message =
            format!("{subject} is flagged `{word}`, but {the}{} for {} is {rival}", other.subject(), other.date.text);
        // The clash in short first, as the spec writes it (`$4.18bn < $4.3bn`), then the intervals.
        let short = format!("{} {clash} {}", claim.value.stated(), other.value.stated());
        let mut help = format!("{short}: {} is {}", claim.value.describe(), against(&other.value.describe()));
        // The other claims beyond the record, the most extreme first, shown in file order.
        also = beyond.extreme.iter().copied().filter(|&c| c != leaders[0]).take(LABELLED).collect::<Vec<_>>();
        also.sort_by_key(|&c| (model.claims[c].loc, c));
        if !also.is_empty() {
            let items: Vec<String> = also
                .iter()
                .map(|&c| format!("{} for {}", model.claims[c].value.stated(), model.claims[c].date.text))
                .collect();
            let more = beyond.count.saturating_sub(1 + also.len());
            let more = if more > 0 { format!(" and {more} more") } else { String::new() };
            let earlier = if earlier { " and earlier" } else { "" };
            help.push_str(&format!("; also {rival}{earlier}: {}", joined(&items, &more)));
        }
        (&registry::RECORD, message, help)
    } else {
        let help = format!(
            "as written {} is {}; within rounding it need not be",
            claim.value.written,
            against(&other.value.written)
        );
        (&registry::ROUNDING, format!("{subject} is `{word}` only within rounding"), help)
    };
    let mut finding =
        Finding::new(rule, message, Label::new(claim.loc.file, span, format!("`{word}` {scope}"))).with_help(help);
    finding.related = vec![
        value_label(claim, claim.value.describe()),
        value_label(other, format!("{rival}: {}", other.value.describe())),
    ];
    let too = |c: &Claim| value_label(c, format!("{rival} too: {}", c.value.describe()));
    finding.related.extend(also.iter().map(|&c| too(&model.claims[c])));
    Some(finding)
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{codes, findings};

    /// Claims of `deal` (by item) and `trade`, each citing one source, from line 4 on.
    fn claims(lines: &[&str]) -> String {
        let body: Vec<String> = lines.iter().map(|l| format!("{l} [@s]\n")).collect();
        format!("source s \"S\"\nmeasure deal \"Deal\" unit USD\nmeasure trade \"Trade\" unit USD\n{}", body.concat())
    }

    #[test]
    fn the_spec_example() {
        let text = claims(&[
            "aktobe: 1997-06 deal \"AktobeMunaiGas\" = $4.3bn largest",
            "petro: 2005-08 deal \"PetroKazakhstan\" = $4.18bn largest",
        ]);
        let found = findings(&text);
        assert_eq!((found.len(), found[0].code(), found[0].related.len()), (1, "record", 2));
        let help =
            "$4.18bn < $4.3bn: $4.18bn (4.175–4.185) is below the earlier $4.3bn (4.25–4.35) claimed for 1997-06";
        assert_eq!(found[0].help.as_deref(), Some(help));
        assert_eq!(codes(&text)[0].1, 5);
    }

    #[test]
    fn largest_looks_only_at_strictly_earlier_claims() {
        let same_year = ["1997 deal a = $4.3bn", "1997-06 deal b = $4.18bn largest", "2005 deal c = $9bn"];
        assert!(codes(&claims(&same_year)).is_empty());
        let plan = ["1996 deal a = $4.3bn target", "1997 deal b = $4.18bn largest"];
        assert!(codes(&claims(&plan)).is_empty());
        let rounded = ["1996 deal a = $4.2bn", "1997 deal b = $4.18bn largest", "1990 deal c = $0.1bn smallest"];
        assert_eq!(codes(&claims(&rounded)), vec![("rounding", 5)]);
        assert_eq!(codes(&claims(&["1996 deal a = $0.5bn", "1997 deal b = $0.60bn smallest"])), vec![("record", 5)]);
    }

    /// The line of each related label, and its message.
    fn labels(finding: &crate::finding::Finding, text: &str) -> Vec<(usize, String)> {
        let line = |offset: u32| text[..offset as usize].matches('\n').count() + 1;
        finding.related.iter().map(|l| (line(l.span.start), l.message.clone())).collect()
    }

    #[test]
    fn every_claim_beyond_a_max_or_min_is_labelled() {
        let text =
            claims(&["2012 trade = $24bn max", "2014 trade = $26bn", "2015 trade = $27bn", "2013 trade = $24bn"]);
        let found = findings(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "trade for 2012 is flagged `max`, but trade for 2015 is larger");
        let expected = [
            (4, "$24bn (23.5–24.5)".to_string()),
            (6, "larger: $27bn (26.5–27.5)".to_string()),
            (5, "larger too: $26bn (25.5–26.5)".to_string()),
        ];
        assert_eq!(labels(&found[0], &text), expected);
        let help =
            "$24bn < $27bn: $24bn (23.5–24.5) is below $27bn (26.5–27.5) claimed for 2015; also larger: $26bn for 2014";
        assert_eq!(found[0].help.as_deref(), Some(help));
        let text = claims(&["2011 trade = $1bn", "2012 trade = $5bn min", "2013 trade = $2bn", "2014 trade = $3bn"]);
        let found = findings(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        let messages: Vec<String> =
            labels(&found[0], &text).into_iter().map(|(line, m)| format!("{line}: {m}")).collect();
        assert_eq!(
            messages,
            [
                "5: $5bn (4.5–5.5)",
                "4: smaller: $1bn (0.5–1.5)",
                "6: smaller too: $2bn (1.5–2.5)",
                "7: smaller too: $3bn (2.5–3.5)"
            ]
        );
        assert!(found[0]
            .help
            .as_deref()
            .is_some_and(|h| h.ends_with("; also smaller: $2bn for 2013 and $3bn for 2014")));
    }

    #[test]
    fn every_earlier_claim_beyond_a_largest_or_smallest_is_labelled() {
        let text = claims(&[
            "1990 deal a = $5bn",
            "1991 deal b = $6bn",
            "1993 deal d = $7bn",
            "1995 deal e = $4bn largest",
            "1996 deal f = $9bn",
            "1997 deal g = $0.5bn",
            "1998 deal h = $2.0bn smallest",
            "1992 deal c = $1.0bn",
            "1999 deal i = $0.1bn",
        ]);
        let found = findings(&text);
        assert_eq!(found.iter().map(|f| f.code()).collect::<Vec<_>>(), ["record", "record"]);
        // $5bn (4.5–5.5) can equal $4bn (3.5–4.5); $9bn and $0.1bn are later.
        let largest: Vec<usize> = labels(&found[0], &text).into_iter().map(|(line, _)| line).collect();
        assert_eq!(largest, [7, 6, 5]);
        assert!(found[0].help.as_deref().is_some_and(|h| h.ends_with("; also larger and earlier: $6bn for 1991")));
        let smallest = labels(&found[1], &text);
        assert_eq!(smallest[1], (9, "smaller: $0.5bn (0.45–0.55)".to_string()));
        assert_eq!(smallest[2], (11, "smaller too: $1.0bn (0.95–1.05)".to_string()));
        assert_eq!(smallest.len(), 3);
    }

    #[test]
    fn many_claims_beyond_a_record_are_counted_past_a_dozen() {
        let mut lines = vec!["2000 trade = $24bn max".to_string(), "2001 deal big = $1bn largest".to_string()];
        for i in 0..5_000 {
            lines.push(format!("{} trade = ${}bn", 1001 + i % 999, 30 + i % 7));
            lines.push(format!("{} deal d{i} = ${}bn", 1001 + i % 999, 2 + i % 7));
        }
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let found: Vec<_> = findings(&claims(&refs)).into_iter().filter(|f| f.code() == "record").collect();
        assert_eq!(found.len(), 2);
        for finding in &found {
            assert_eq!(finding.related.len(), 2 + crate::finding::LISTED);
            // The named claim and the labelled ones are the most extreme: $36bn, or $8bn deals.
            assert!(finding.related[1..].iter().all(|l| l.message.contains("$36bn") || l.message.contains("$8bn")));
        }
        let help = |f: &crate::finding::Finding| f.help.clone().unwrap_or_default();
        assert!(
            help(&found[0]).ends_with(&format!(" and {} more", 5_000 - 1 - crate::finding::LISTED)),
            "{}",
            help(&found[0])
        );
        // 4 285 earlier deals are forced above $1bn (0.5–1.5): all but the $2bn ones (1.5–2.5).
        let above = (0..5_000).filter(|i| 2 + i % 7 > 2).count();
        assert!(
            help(&found[1]).ends_with(&format!(" and {} more", above - 1 - crate::finding::LISTED)),
            "{}",
            help(&found[1])
        );
    }

    #[test]
    fn max_and_min_over_the_whole_series() {
        // 1.55–1.65 touches 1.45–1.55: equal at 1.55 is no contradiction; 1.65–1.75 is.
        assert_eq!(codes(&claims(&["2000 trade = $1.5bn max", "2005 trade = $1.6bn"])), vec![("rounding", 4)]);
        assert_eq!(codes(&claims(&["2000 trade = $1.5bn max", "2005 trade = $1.7bn"])), vec![("record", 4)]);
        let other_item = ["2000 trade = $1.5bn max", "2005 trade = $1.55bn", "2001 trade oil = $9bn"];
        assert_eq!(codes(&claims(&other_item)), vec![("rounding", 4)]);
        assert_eq!(codes(&claims(&["2000 trade = $1.5bn min", "1995 trade < $1.3bn"])), vec![("record", 4)]);
        assert!(codes(&claims(&["2000 trade = $1.5bn min", "1995 trade = $1.4bn estimate"])).is_empty());
    }
}
