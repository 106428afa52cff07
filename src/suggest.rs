//! "Did you mean" suggestions by edit distance.

/// The candidate closest to `name`, if it is close enough to be a likely typo:
/// within a third of the name's length (at least 1, at most 3 edits).
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).clamp(1, 3);
    let lower = name.to_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        let len_gap = candidate.chars().count().abs_diff(name.chars().count());
        if len_gap > limit {
            continue;
        }
        let distance = strsim::damerau_levenshtein(&lower, &candidate.to_lowercase());
        if distance <= limit && best.is_none_or(|(d, c)| (distance, candidate) < (d, c)) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_near_names_only() {
        let names = ["trade", "trade-share", "oil"];
        assert_eq!(closest("trde", names), Some("trade"));
        assert_eq!(closest("Trade", names), Some("trade"));
        assert_eq!(closest("trade-shar", names), Some("trade-share"));
        assert_eq!(closest("population", names), None);
    }

    #[test]
    fn ties_break_alphabetically() {
        assert_eq!(closest("ab", ["ac", "aa"]), Some("aa"));
    }
}
