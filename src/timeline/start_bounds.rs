//! When each event can start, as the `first` check compares and describes it: its written or
//! derived start, narrowed by the temporal network's bounds (an event dated 2000 that another
//! event follows by 10 months, in 2000-12, starts by early April).

use crate::timeline::schedule::Precedence;
use crate::value::date::{format_day, format_range};
use crate::value::DateRange;

/// Start bounds in days: the earliest and latest day an event can start on (in 64 bits, as
/// the network's bounds).
pub(crate) type Bounds = (Option<i64>, Option<i64>);

/// Each event's start bounds: its written (or derived) start, narrowed by the network's bounds.
pub(crate) fn narrowed(starts: &[Option<(DateRange, bool)>], precedence: Option<&Precedence>) -> Vec<Bounds> {
    let network = precedence.and_then(|p| p.bounds.as_ref());
    let narrow = |(e, start): (usize, &Option<(DateRange, bool)>)| {
        let written = start.map_or((None, None), |(r, _)| (Some(r.first.into()), Some(r.last.into())));
        match network.map(|b| b[e]) {
            // The network's bounds lie within the written date unless a violation disabled one.
            Some((lo, hi)) => {
                let lo = lo.max(written.0);
                let hi = match (hi, written.1) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                if matches!((lo, hi), (Some(l), Some(h)) if l > h) {
                    written
                } else {
                    (lo, hi)
                }
            }
            None => written,
        }
    };
    starts.iter().enumerate().map(narrow).collect()
}

/// `1997-05-15…1997-07-17`, `on or after 1990-01-01`, `on or before …`, or `anywhere`.
pub(crate) fn show((lo, hi): Bounds) -> String {
    match (lo, hi) {
        (Some(lo), Some(hi)) => format_range(lo, hi),
        (Some(lo), None) => format!("on or after {}", format_day(lo)),
        (None, Some(hi)) => format!("on or before {}", format_day(hi)),
        (None, None) => "anywhere".into(),
    }
}

/// An event's start (written, or derived when `true`) and its bounds in words: "dated 1992",
/// "dated 2000, narrowed to …", "derived 1997-10-29…1998-12-02", "undated, so on or before
/// 2000-07-02", "undated".
pub(crate) fn when(start: Option<(DateRange, bool)>, bounds: Bounds) -> String {
    match start {
        Some((written, false)) if bounds == (Some(written.first.into()), Some(written.last.into())) => {
            format!("dated {written}")
        }
        Some((written, false)) => format!("dated {written}, narrowed to {}", show(bounds)),
        _ if bounds == (None, None) => "undated".into(),
        Some((_, true)) => format!("derived {}", show(bounds)),
        None => format!("undated, so {}", show(bounds)),
    }
}

/// The model of a claims file, its schedule, and each event's start (as `Context::event_starts`
/// gives them).
#[cfg(test)]
pub(crate) fn scheduled(text: &str) -> (crate::model::Model, super::Schedule, Vec<Option<(DateRange, bool)>>) {
    use crate::source::FileId;
    let (tree, _) = crate::syntax::parse(FileId(0), text);
    let model = crate::model::build(&[crate::model::build::Parsed { file: FileId(0), text, tree: &tree }]);
    let schedule = super::Schedule::build(&model);
    let starts = super::starts_with(&model, &schedule.derived);
    (model, schedule, starts)
}

#[cfg(test)]
mod tests {
    use super::{narrowed, scheduled, when};
    use crate::checks::test_support::{codes, findings};

    /// Each event's start and bounds in words.
    fn described(text: &str) -> Vec<String> {
        let (_, schedule, starts) = scheduled(text);
        let bounds = narrowed(&starts, schedule.precedence.as_ref());
        starts.iter().zip(bounds).map(|(&start, bounds)| when(start, bounds)).collect()
    }

    #[test]
    fn relations_narrow_written_dates() {
        // `b` is dated 2000, but `c` (2000-12) comes 10 months after it: `b` starts by early April.
        let text = "b: 2000 event \"B\" #t\nc: 2000-12 event \"C\" after b by 10mo\na: 2000-05 event \"A\" first #t\n";
        assert_eq!(
            described(text),
            ["dated 2000, narrowed to 2000-01-14…2000-03-19", "dated 2000-12", "dated 2000-05"]
        );
        // Without a `first` event with a tag, the network's bounds are not kept.
        assert_eq!(described(&text.replace(" first", ""))[0], "dated 2000");
    }

    #[test]
    fn derived_and_undated_starts() {
        // `pipe` is derived from `speech`; `b` and `c` are bounded on one side only, `d` on none.
        let text = "speech: 1997-05 event \"S\"\npipe: event \"P\" after speech by 1y first #p\n\
                    b: event \"B\" after nowhere by 1y\nc: event \"C\" after nowhere by 1y\n\
                    d: event \"D\" after nowhere by 1y\norder b < pipe < c\n";
        let shown = described(text);
        assert_eq!(
            shown[1..],
            [
                "derived 1997-10-29…1998-12-02",
                "undated, so on or before 1998-12-02",
                "undated, so on or after 1997-10-29",
                "undated"
            ]
        );
    }

    #[test]
    fn relations_narrow_the_dates_a_first_finding_shows() {
        const HEAD: &str = "source s \"S\"\n";
        // `b` is dated 2000, but `c` (2000-12) comes 10 months after it: `b` starts by early April.
        let text = format!(
            "{HEAD}b: 2000 event \"B\" #t [@s]\nc: 2000-12 event \"C\" after b by 10mo [@s]\na: 2000-05 event \"A\" first #t [@s]\n"
        );
        let found = findings(&text);
        assert_eq!(codes(&text), [("first", 4)]);
        assert_eq!(found[0].related[0].message, "#t too, dated 2000, narrowed to 2000-01-14…2000-03-19");
        assert_eq!(
            found[0].help.as_deref(),
            Some("`b` (2000-01-14…2000-03-19) necessarily comes before `a` (2000-05); drop `first`, change a tag, or correct a date")
        );
    }
}
