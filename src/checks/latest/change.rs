//! What a `trend` flag says about the change from an earlier value, and whether two claims'
//! values allow it; with the quick judgement `trend` gives the common flag, a rise or fall
//! against one written claim, before it gathers the deciding claims of a date.

use crate::engine::expr::widened;
use crate::model::Value;
use crate::syntax::ast::Flag;
use crate::value::number::ratio;
use crate::value::{Bounds, Interval, Q};

/// What a flag says about the new value compared with the earlier one.
pub(crate) enum Change {
    Up,
    Down,
    /// About this multiple (numerator and denominator: no exact number is made unless it is weighed).
    Times((i64, i64), &'static str),
}

pub(crate) fn change(flag: Flag) -> Option<Change> {
    match flag {
        Flag::Up => Some(Change::Up),
        Flag::Down => Some(Change::Down),
        Flag::Doubled => Some(Change::Times((2, 1), "twice")),
        Flag::Halved => Some(Change::Times((1, 2), "half")),
        Flag::Tripled => Some(Change::Times((3, 1), "three times")),
        _ => None,
    }
}

/// The values about `k` times the earlier ones (`old`, whose value as written is `written`),
/// within the tolerance: `k` times them, widened on each side by the tolerance of `k` times
/// the written value, as `~` widens a written value (spec §3) and an assert's `b ~ a * 2` does
/// (doubling `$1bn`, 0.5–1.5bn, is 0.8–3.2bn with a 10 % tolerance).
pub(crate) fn times(&(numer, denom): &(i64, i64), old: &Interval, written: &Interval, tolerance: &Q) -> Interval {
    let k = Interval::point(ratio(numer, denom));
    widened(&old.mul(&k), &written.mul(&k), tolerance)
}

/// Whether some new value and some old value make the change true; each one's comparator says
/// whether its bounds are excluded (`> x` excludes `x`); `written` is the old value as written,
/// whose size a multiple's tolerance is taken of (only a multiple makes a tolerance).
pub(crate) type Seen<'c> = (&'c Interval, &'c Value);
pub(crate) fn possible(change: &Change, new: Seen, old: Seen, written: &Interval, tolerance: &dyn Fn() -> Q) -> bool {
    let open = |v: &Value| [v.excludes_lo(), v.excludes_hi()];
    match change {
        Change::Up | Change::Down => moves(change, new.0.bounds(), old.0.bounds()),
        Change::Times(k, _) => new.0.meets(open(new.1), &times(k, old.0, written, &tolerance()), open(old.1)),
    }
}

/// [`possible`] of a rise or fall, which needs only the bounds (`true` for a multiple).
fn moves(change: &Change, new: Bounds, old: Bounds) -> bool {
    match change {
        // Strictly: a rise needs a new value above an old one.
        Change::Up => !matches!((new.hi, old.lo), (Some(n), Some(o)) if n <= o),
        Change::Down => !matches!((new.lo, old.hi), (Some(n), Some(o)) if n >= o),
        Change::Times(..) => true,
    }
}

/// Whether a rise or fall holds against one old value both as claimed and as written: exactly
/// when `trend` has nothing to say of it (neither a clash nor a rounding note), found with no
/// message, label or deciding claims made. A multiple is left to the general path.
pub(crate) fn plainly_holds(change: &Change, new: &Value, old: &Value) -> bool {
    matches!(change, Change::Up | Change::Down)
        && moves(change, new.interval.bounds(), old.interval.bounds())
        && moves(change, new.nominal.bounds(), old.nominal.bounds())
}

#[cfg(test)]
mod tests {
    use super::{change, plainly_holds};
    use crate::checks::test_support::findings;

    /// Whether the quick judgement holds for the second claim of `earlier` then `later` (its
    /// flag `flag`), and whether the whole check reports nothing of it.
    fn both_ways(earlier: &str, later: &str, flag: &str) -> (bool, bool) {
        let text = format!(
            "source s \"S\"\nmeasure trade \"Trade\" unit USD\n2000 trade {earlier} [@s]\n2001 trade {later} {flag} [@s]\n"
        );
        let file = crate::source::FileId::default();
        let tree = crate::syntax::parse(file, &text).0;
        let model = crate::model::build(&[crate::model::build::Parsed { file, text: &text, tree: &tree }]);
        let [old, new] = [&model.claims[0], &model.claims[1]];
        let [(flag, _)] = &new.flags[..] else { panic!("one flag: {text}") };
        let quick = change(*flag).is_some_and(|c| plainly_holds(&c, &new.value, &old.value));
        let silent = findings(&text).iter().all(|f| !matches!(f.code(), "trend" | "rounding"));
        (quick, silent)
    }

    #[test]
    fn the_quick_judgement_holds_exactly_where_the_check_reports_nothing() {
        let values = [
            "= $1.5bn",
            "= $1.4bn",
            "= $1.6bn",
            "= $1.45bn",
            "= $1.55bn",
            "= 1.5 exact",
            "= $1.5bn exact",
            "~ $1.5bn",
            "> $1.5bn",
            "< $1.5bn",
            ">= $1.5bn",
            "<= $1.5bn",
            "= $1.4..1.6bn",
            "= $1.5..1.7bn",
            "= $1.3..1.5bn",
            "> $1.4bn",
            "< $1.6bn",
            "= $1bn",
            "= $2bn",
            "= $1.50bn",
            "= $1,500m",
            "= $1.5m",
        ];
        let mut quick_held = 0;
        for flag in ["up", "down"] {
            for earlier in values {
                for later in values {
                    let (quick, silent) = both_ways(earlier, later, flag);
                    assert_eq!(quick, silent, "{earlier} then {later} {flag}");
                    quick_held += usize::from(quick);
                }
            }
        }
        assert!(quick_held > 100, "{quick_held}");
    }

    #[test]
    fn a_multiple_is_left_to_the_general_path() {
        assert_eq!(both_ways("= $1.5bn", "= $3bn", "doubled"), (false, true));
        assert_eq!(both_ways("= $1.5bn", "= $0.75bn", "halved"), (false, true));
    }
}
