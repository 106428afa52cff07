//! Units of `assert` expressions, and showing intervals in the user's units.
//!
//! A unit is a product of base units with integer exponents (`USD`, `USD/Mtoe`, `km²`).
//! `%` is not a base unit: it is the dimensionless ratio divided by 100, so `35%` and
//! `0.35` are the same number and a share may be compared with a ratio of two amounts.

use super::linear::Bounds;
use crate::value::number::{int, pow10, show, Q};
use crate::value::Interval;
use num_traits::Signed;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unit(BTreeMap<String, i32>);

impl Unit {
    /// The unit of a written unit name, and the factor that turns a written number into
    /// the unit's own numbers (1/100 for `%`, else 1).
    pub fn written(name: Option<&str>) -> (Unit, Q) {
        match name {
            None => (Unit::default(), int(1)),
            Some("%") => (Unit::default(), Q::new(1.into(), 100.into())),
            Some(base) => (Unit(BTreeMap::from([(base.to_string(), 1)])), int(1)),
        }
    }

    pub fn is_dimensionless(&self) -> bool {
        self.0.is_empty()
    }

    pub fn times(&self, other: &Unit) -> Unit {
        self.combine(other, 1)
    }

    pub fn per(&self, other: &Unit) -> Unit {
        self.combine(other, -1)
    }

    fn combine(&self, other: &Unit, sign: i32) -> Unit {
        let mut out = self.0.clone();
        for (base, exp) in &other.0 {
            let entry = out.entry(base.clone()).or_insert(0);
            *entry = entry.saturating_add(exp.saturating_mul(sign));
            if *entry == 0 {
                out.remove(base);
            }
        }
        Unit(out)
    }

    /// `in USD`, or `a plain ratio`.
    pub fn phrase(&self) -> String {
        match self.is_dimensionless() {
            true => self.name(),
            false => format!("in {}", self.name()),
        }
    }

    /// For messages: `USD`, `USD/Mtoe`, `USD^2`, or `a plain ratio` when dimensionless.
    pub fn name(&self) -> String {
        if self.is_dimensionless() {
            return "a plain ratio".into();
        }
        let power = |base: &str, exp: i32| if exp == 1 { base.to_string() } else { format!("{base}^{exp}") };
        let over: Vec<String> = self.0.iter().filter(|(_, e)| **e > 0).map(|(b, e)| power(b, *e)).collect();
        let under: Vec<String> = self.0.iter().filter(|(_, e)| **e < 0).map(|(b, e)| power(b, -e)).collect();
        let over = if over.is_empty() { "1".to_string() } else { over.join("·") };
        if under.is_empty() {
            over
        } else {
            format!("{over}/{}", under.join("·"))
        }
    }
}

/// How to show numbers of one unit: the written unit name (`%`, `USD`, `Mtoe`), the scale
/// the user wrote (10^9 for `bn`) and the unit's factor (1/100 for `%`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    pub unit: Option<String>,
    pub scale: Q,
    pub factor: Q,
}

impl Shown {
    pub fn new(unit: Option<&str>, scale: Q) -> Shown {
        let (_, factor) = Unit::written(unit);
        Shown { unit: unit.map(str::to_string), scale, factor }
    }

    /// Plain numbers of an arbitrary unit, named after it when it has a name.
    pub fn plain(unit: &Unit) -> Shown {
        let name = (!unit.is_dimensionless()).then(|| unit.name());
        Shown { unit: name, scale: int(1), factor: int(1) }
    }

    /// An interval of the unit's own numbers as the user writes them: `$1.45–1.55bn`,
    /// `33.3–34.1%`, `17–19 Mtoe`, `$-3 to -1`, `at least 5%`.
    pub fn amount(&self, interval: &Interval) -> String {
        let divisor = &self.scale * &self.factor;
        let bound = |q: &Q| show(&(q / &divisor));
        let (words, number) = match (&interval.lo, &interval.hi) {
            (Some(lo), Some(hi)) if lo == hi => ("", bound(lo)),
            // A dash after a minus sign reads as a second minus: `-3 to -1`.
            (Some(lo), Some(hi)) if lo.is_negative() => ("", format!("{} to {}", bound(lo), bound(hi))),
            (Some(lo), Some(hi)) => ("", format!("{}–{}", bound(lo), bound(hi))),
            (Some(lo), None) => ("at least ", bound(lo)),
            (None, Some(hi)) => ("at most ", bound(hi)),
            (None, None) => return "any value".into(),
        };
        let suffix = [(3, "k"), (6, "m"), (9, "bn"), (12, "tn")]
            .into_iter()
            .find(|(exp, _)| self.scale == Q::from_integer(pow10(*exp)))
            .map_or("", |(_, word)| word);
        let symbol = match self.unit.as_deref() {
            Some("USD") => "$",
            Some("EUR") => "€",
            Some("GBP") => "£",
            Some("JPY") => "¥",
            _ => "",
        };
        match self.unit.as_deref() {
            _ if !symbol.is_empty() => format!("{words}{symbol}{number}{suffix}"),
            Some("%") => format!("{words}{number}{suffix}%"),
            Some(unit) => format!("{words}{number}{suffix} {unit}"),
            None => format!("{words}{number}{suffix}"),
        }
    }
}

impl Shown {
    /// Exact bounds as the user writes amounts, `>` and `<` kept apart from `>=` and `<=`:
    /// `$9.5–10.5bn`, `100%`, `above $11.5bn`, `at most $2bn`, `above $5.2bn and at most $6bn`.
    pub fn bounds(&self, bounds: &Bounds) -> String {
        let point = |q: &Q| self.amount(&Interval::point(q.clone()));
        let lower = |(q, open): &(Q, bool)| format!("{} {}", if *open { "above" } else { "at least" }, point(q));
        let upper = |(q, open): &(Q, bool)| format!("{} {}", if *open { "below" } else { "at most" }, point(q));
        match (&bounds.lo, &bounds.hi) {
            (Some((lo, false)), Some((hi, false))) => {
                self.amount(&Interval::closed(lo.clone(), hi.clone()).unwrap_or_else(Interval::everything))
            }
            (Some(lo), Some(hi)) => format!("{} and {}", lower(lo), upper(hi)),
            (Some(lo), None) => lower(lo),
            (None, Some(hi)) => upper(hi),
            (None, None) => "any value".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::number::ratio;

    #[test]
    fn units_combine_and_cancel() {
        let (usd, _) = Unit::written(Some("USD"));
        let (mtoe, _) = Unit::written(Some("Mtoe"));
        assert_eq!(usd.per(&mtoe).name(), "USD/Mtoe");
        assert_eq!(usd.times(&usd).name(), "USD^2");
        assert!(usd.per(&usd).is_dimensionless());
        let (percent, factor) = Unit::written(Some("%"));
        assert!(percent.is_dimensionless());
        assert_eq!(factor, ratio(1, 100));
    }

    #[test]
    fn amounts_in_the_written_units() {
        let bn = Q::from_integer(pow10(9));
        let usd = Shown::new(Some("USD"), bn.clone());
        let iv = Interval::closed(ratio(145, 100) * &bn, ratio(155, 100) * &bn).unwrap();
        assert_eq!(usd.amount(&iv), "$1.45–1.55bn");
        assert_eq!(usd.amount(&Interval::at_least(bn.clone())), "at least $1bn");
        assert_eq!(usd.amount(&Interval::closed(-&bn * int(3), -bn).unwrap()), "$-3 to -1bn");
        let percent = Shown::new(Some("%"), int(1));
        assert_eq!(percent.amount(&Interval::closed(ratio(1, 3), ratio(1, 2)).unwrap()), "33.3333…–50%");
        assert_eq!(Shown::new(Some("Mtoe"), int(1)).amount(&Interval::point(int(17))), "17 Mtoe");
        assert_eq!(Shown::new(None, int(1)).amount(&Interval::everything()), "any value");
    }

    #[test]
    fn exact_bounds_say_whether_they_are_excluded() {
        let bn = Q::from_integer(pow10(9));
        let usd = Shown::new(Some("USD"), bn.clone());
        let at = |n: i64, d: i64, open: bool| Some((ratio(n, d) * &bn, open));
        assert_eq!(usd.bounds(&Bounds { lo: at(95, 10, false), hi: at(105, 10, false) }), "$9.5–10.5bn");
        assert_eq!(usd.bounds(&Bounds { lo: at(115, 10, true), hi: None }), "above $11.5bn");
        assert_eq!(usd.bounds(&Bounds { lo: None, hi: at(2, 1, false) }), "at most $2bn");
        assert_eq!(usd.bounds(&Bounds { lo: at(52, 10, true), hi: at(6, 1, false) }), "above $5.2bn and at most $6bn");
        assert_eq!(usd.bounds(&Bounds { lo: at(15, 10, false), hi: at(2, 1, true) }), "at least $1.5bn and below $2bn");
        let percent = Shown::new(Some("%"), int(1));
        assert_eq!(percent.bounds(&Bounds { lo: Some((int(1), false)), hi: Some((int(1), false)) }), "100%");
    }
}
