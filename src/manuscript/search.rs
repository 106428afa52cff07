//! Finding quotes in normalised manuscript text: every quote at once, in one pass over the
//! text (Aho–Corasick), so a long manuscript with hundreds of quotes costs one scan.

use aho_corasick::AhoCorasick;
use std::collections::HashMap;
use std::ops::Range;

/// Where each pattern occurs in `text`, in text order and at most `limit` times each. A match
/// must not start or end inside a word ("5.8 percent" does not match inside "15.8 percent").
/// Empty patterns match nowhere.
pub fn locate(text: &str, patterns: &[&str], limit: usize) -> Vec<Vec<Range<usize>>> {
    let mut found = vec![Vec::new(); patterns.len()];
    let mut unique: Vec<&str> = Vec::new();
    let mut owners: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, pattern) in patterns.iter().enumerate().filter(|(_, p)| !p.is_empty()) {
        let owner = owners.entry(pattern).or_default();
        if owner.is_empty() {
            unique.push(pattern);
        }
        owner.push(i);
    }
    if unique.is_empty() || limit == 0 {
        return found;
    }
    let mut hits: Vec<Vec<Range<usize>>> = vec![Vec::new(); unique.len()];
    let mut open = unique.len();
    let mut record = |index: usize, range: Range<usize>| {
        let list = &mut hits[index];
        if list.len() < limit && at_word_boundaries(text, &range) {
            list.push(range);
            if list.len() == limit {
                open -= 1;
            }
        }
        open == 0
    };
    match AhoCorasick::new(&unique) {
        Ok(automaton) => {
            for m in automaton.find_overlapping_iter(text) {
                if record(m.pattern().as_usize(), m.start()..m.end()) {
                    break;
                }
            }
        }
        Err(_) => {
            'patterns: for (index, pattern) in unique.iter().enumerate() {
                for (at, _) in text.match_indices(pattern) {
                    if record(index, at..at + pattern.len()) {
                        break 'patterns;
                    }
                }
            }
        }
    }
    for (pattern, list) in unique.iter().zip(hits) {
        for &owner in &owners[pattern] {
            found[owner] = list.clone();
        }
    }
    found
}

/// Whether `rest` starts with a footnote's number: one to three digits, then the end of the
/// line or anything but a lower-case word (`2000.14 Then`, `2000.14 “The`, not `1780.5 km`).
fn footnote(rest: &str) -> bool {
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after = rest[digits..].trim_start_matches([' ', '\r']);
    (1..=3).contains(&digits) && !after.starts_with(char::is_lowercase)
}

/// Whether a match starts and ends at word boundaries. Digits also continue across a decimal
/// point or a digit group's comma: "8 percent" is not in "5.8 percent", nor "5bn" in "1.5bn",
/// nor "1,5" in "1,500".
fn at_word_boundaries(text: &str, range: &Range<usize>) -> bool {
    let matched = &text[range.clone()];
    let (first, last) = (matched.chars().next(), matched.chars().next_back());
    let mut before = text[..range.start].chars().rev();
    let mut after = text[range.end..].chars();
    let (just_before, just_after) = (before.next(), after.next());
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let joins = |c: Option<char>| matches!(c, Some('.' | ','));
    let starts_inside = first.is_some_and(char::is_alphanumeric) && just_before.is_some_and(char::is_alphanumeric)
        || digit(first) && joins(just_before) && digit(before.next());
    // A year against a footnote's number (`in 2000.14 Then`, as PDFs give it) still ends there.
    let bytes = matched.as_bytes();
    let year = bytes.len() >= 4
        && bytes[bytes.len() - 4..].iter().all(u8::is_ascii_digit)
        && !bytes.len().checked_sub(5).is_some_and(|i| bytes[i].is_ascii_digit() || matches!(bytes[i], b'.' | b','));
    let ends_inside = last.is_some_and(char::is_alphanumeric) && just_after.is_some_and(char::is_alphanumeric)
        || digit(last)
            && joins(just_after)
            && digit(after.next())
            && !(year && just_after == Some('.') && footnote(&text[range.end + 1..]));
    !(starts_inside || ends_inside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_in_one_pass() {
        let text = "China had 15.8 percent, then 5.8 percent; China again.";
        let found = locate(text, &["5.8 percent", "China", "", "absent", "China"], 10);
        assert_eq!(found[0], vec![29..40]);
        assert_eq!(found[1], vec![0..5, 42..47]);
        assert!(found[2].is_empty() && found[3].is_empty());
        assert_eq!(found[4], found[1]);
    }

    #[test]
    fn a_number_does_not_match_inside_another() {
        let text = "China held 5.8 percent, $1.5bn in 2000 and 1,500 km; 8 percent. 2.";
        let found = locate(text, &["8 percent", "5bn in 2000", "1,5", "500 km", "percent. 2"], 10);
        assert_eq!(found[0], vec![53..62], "only the 8 that is a number of its own");
        assert!(found[1].is_empty() && found[2].is_empty() && found[3].is_empty());
        assert_eq!(found[4].len(), 1, "a full stop ends a sentence before a number");
        // A year before a footnote's number, as text taken from a PDF gives it.
        let found = locate("Trade reached $1.5bn in 2000.14 Then", &["$1.5bn in 2000"], 10);
        assert_eq!(found[0], vec![14..28]);
        // A decimal after four digits is no footnote.
        assert!(locate("Output was 1780.5 km in all.", &["Output was 1780"], 10)[0].is_empty());
    }

    #[test]
    fn the_limit_stops_early() {
        let found = locate("a b a b a", &["a", "b"], 1);
        assert_eq!(found, vec![vec![0..1], vec![2..3]]);
    }
}
