//! "Did you mean" suggestions by edit distance.
//!
//! A name is a likely typo of a candidate within a third of its length (at least 1, at most
//! 3 edits). Comparing every unknown name with every declared one would be quadratic: a file
//! set with a million ids and a million misspelt references would never finish. So a
//! [`Suggester`] indexes its candidates once by length (only names within the edit limit in
//! length can be close), and spends at most [`MAX_COMPARISONS`] edit-distance computations
//! in all. A name whose candidates no longer fit in what is left gets no suggestion; a
//! suggestion that is given is always the closest name (ties broken alphabetically).

use std::collections::BTreeMap;

/// Edit-distance computations one [`Suggester`] may spend: about a second of work at most,
/// while a real file set (a few unknown names among a few thousand) needs a tiny part of it.
pub const MAX_COMPARISONS: usize = 1_000_000;

/// The most edits a suggestion may be away from the name.
const MAX_EDITS: usize = 3;

/// Candidates indexed by their length in characters, for many look-ups.
pub struct Suggester<'a> {
    /// Lower-cased candidate and the candidate as declared, by length in characters.
    by_length: BTreeMap<usize, Vec<(String, &'a str)>>,
    budget: usize,
}

impl<'a> Suggester<'a> {
    pub fn new(candidates: impl IntoIterator<Item = &'a str>) -> Self {
        let mut by_length: BTreeMap<usize, Vec<(String, &'a str)>> = BTreeMap::new();
        for candidate in candidates {
            by_length.entry(candidate.chars().count()).or_default().push((candidate.to_lowercase(), candidate));
        }
        Suggester { by_length, budget: MAX_COMPARISONS }
    }

    /// The candidate closest to `name`, if it is close enough to be a likely typo and the
    /// comparisons it takes fit in the remaining budget.
    pub fn closest(&mut self, name: &str) -> Option<&'a str> {
        let length = name.chars().count();
        let limit = (length / 3).clamp(1, MAX_EDITS);
        let window = length.saturating_sub(limit)..=length + limit;
        let cost: usize = self.by_length.range(window.clone()).map(|(_, names)| names.len()).sum();
        if cost > self.budget {
            return None;
        }
        self.budget -= cost;
        let lower = name.to_lowercase();
        let mut best: Option<(usize, &'a str)> = None;
        for &(ref lowered, candidate) in self.by_length.range(window).flat_map(|(_, names)| names) {
            if candidate == name {
                continue;
            }
            let distance = strsim::damerau_levenshtein(&lower, lowered);
            if distance <= limit && best.is_none_or(|(d, c)| (distance, candidate) < (d, c)) {
                best = Some((distance, candidate));
            }
        }
        best.map(|(_, c)| c)
    }
}

/// The candidate closest to `name` (see [`Suggester::closest`]), for a single look-up.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    Suggester::new(candidates).closest(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        let names = ["trade", "trade-share", "oil"];
        assert_eq!(closest("trde", names), Some("trade"));
        assert_eq!(closest("Trade", names), Some("trade"));
        assert_eq!(closest("trade-shar", names), Some("trade-share"));
        assert_eq!(closest("population", names), None);
        assert_eq!(closest("trade", names), None);
    }

    #[test]
    fn ties_break_alphabetically() {
        assert_eq!(closest("ab", ["ac", "aa"]), Some("aa"));
    }

    #[test]
    fn many_look_ups_stop_at_the_budget_and_never_suggest_a_farther_name() {
        let ids: Vec<String> = (0..1000).map(|i| format!("id{i:04}")).collect();
        let mut suggester = Suggester::new(ids.iter().map(String::as_str));
        let answered = (0..2000).filter(|i| suggester.closest(&format!("id{:04}x", i % 1000)).is_some()).count();
        assert_eq!(answered, MAX_COMPARISONS / 1000);
        assert_eq!(suggester.closest("zz"), None);
        let mut fresh = Suggester::new(ids.iter().map(String::as_str));
        assert_eq!(fresh.closest("id0042x"), Some("id0042"));
        assert_eq!(fresh.closest("iD0999"), Some("id0999"));
    }
}
