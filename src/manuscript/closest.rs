//! The passage of a manuscript closest to a quote that is not in it. The search stays
//! bounded on long texts: one pass counts the quote's words in the text, the rarest ones
//! anchor a few hundred candidate windows, and only those windows are compared with the
//! quote, word by word.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// How many of a quote's rarest words anchor candidate windows.
const ANCHORS: usize = 4;
/// How many occurrences of one anchor word are tried.
const PLACES_PER_ANCHOR: usize = 64;

/// Words are separated by spaces and dashes (normalisation glues `pipeline - Atyrau`
/// into `pipeline-Atyrau`).
fn is_separator(c: char) -> bool {
    c == ' ' || c == '-'
}

/// Every word of `text` with its byte range.
fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = &text[at..];
        let start = at + (rest.len() - rest.trim_start_matches(is_separator).len());
        let len = text[start..].find(is_separator).unwrap_or(text.len() - start);
        at = start + len;
        (len > 0).then_some(start..start + len)
    })
}

/// The lower-case letters and digits of a word, without surrounding punctuation.
fn key(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric()).chars().flat_map(char::to_lowercase).collect()
}

#[derive(Default)]
struct Occurrences {
    count: usize,
    starts: Vec<usize>,
}

/// For each quote (normalised like `text`), the range of `text` that has the most words of
/// it in order, aligned on a rare word; `None` when no word of the quote is in the text.
pub fn closest(text: &str, quotes: &[&str]) -> Vec<Option<Range<usize>>> {
    let mut wanted: HashMap<String, Occurrences> = HashMap::new();
    for quote in quotes {
        for word in words(quote) {
            let k = key(&quote[word]);
            if !k.is_empty() {
                wanted.entry(k).or_default();
            }
        }
    }
    let mut buffer = String::new();
    for word in words(text) {
        buffer.clear();
        let trimmed = text[word.clone()].trim_matches(|c: char| !c.is_alphanumeric());
        buffer.extend(trimmed.chars().flat_map(char::to_lowercase));
        if let Some(found) = wanted.get_mut(buffer.as_str()) {
            found.count += 1;
            if found.starts.len() < PLACES_PER_ANCHOR {
                found.starts.push(word.start);
            }
        }
    }
    quotes.iter().map(|quote| best_window(text, quote, &wanted)).collect()
}

fn best_window(text: &str, quote: &str, wanted: &HashMap<String, Occurrences>) -> Option<Range<usize>> {
    let quote_keys: Vec<String> = words(quote).map(|w| key(&quote[w])).collect();
    let mut anchors: Vec<(usize, usize)> = Vec::new();
    for (index, k) in quote_keys.iter().enumerate() {
        let count = wanted.get(k).map_or(0, |o| o.count);
        if count > 0 && !anchors.iter().any(|&(i, _)| quote_keys[i] == *k) {
            anchors.push((index, count));
        }
    }
    anchors.sort_by_key(|&(index, count)| (count, index));
    let slack = (quote_keys.len() / 4).max(3);
    let mut best: Option<(usize, Range<usize>)> = None;
    let mut tried = HashSet::new();
    for &(index, _) in anchors.iter().take(ANCHORS) {
        for &start in &wanted[&quote_keys[index]].starts {
            let window = window(text, start, index + slack, quote_keys.len() - index + slack);
            if !tried.insert(window.start) {
                continue;
            }
            let window_words: Vec<Range<usize>> = words(&text[window.clone()]).collect();
            let window_keys: Vec<String> = window_words.iter().map(|w| key(&text[window.start..][w.clone()])).collect();
            let matched = common_words(&quote_keys, &window_keys);
            let (Some(&(q_first, first)), Some(&(q_last, last))) = (matched.first(), matched.last()) else { continue };
            // Unmatched words at the quote's ends stand for as many words of the passage.
            let first = first - q_first.min(first);
            let last = last + (quote_keys.len() - 1 - q_last).min(window_words.len() - 1 - last);
            let passage = window.start + window_words[first].start..window.start + window_words[last].end;
            let better = best
                .as_ref()
                .is_none_or(|(n, p)| matched.len() > *n || (matched.len() == *n && passage.len() < p.len()));
            if better {
                best = Some((matched.len(), passage));
            }
        }
    }
    best.map(|(_, passage)| passage)
}

/// `back` words before the word starting at `anchor`, and `forward` words from it.
fn window(text: &str, anchor: usize, back: usize, forward: usize) -> Range<usize> {
    let mut start = anchor;
    for _ in 0..back {
        let before = text[..start].trim_end_matches(is_separator);
        if before.is_empty() {
            break;
        }
        start = before.rfind(is_separator).map_or(0, |i| i + 1);
    }
    let end = words(&text[anchor..]).take(forward).last().map_or(anchor, |w| anchor + w.end);
    start..end
}

/// The longest common subsequence of two word lists, as pairs of indices in order.
fn common_words(a: &[String], b: &[String]) -> Vec<(usize, usize)> {
    let mut lengths = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lengths[i][j] = if !a[i].is_empty() && a[i] == b[j] {
                lengths[i + 1][j + 1] + 1
            } else {
                lengths[i + 1][j].max(lengths[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut pairs) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        if !a[i].is_empty() && a[i] == b[j] {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if lengths[i + 1][j] >= lengths[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

/// Where a quote first departs from a passage, word by word (case and punctuation count):
/// the quote's words there and the passage's, either of which may be empty.
pub fn first_difference(quote: &str, passage: &str) -> Option<(String, String)> {
    let a: Vec<&str> = quote.split(' ').collect();
    let b: Vec<&str> = passage.split(' ').collect();
    let keys = |words: &[&str]| words.iter().map(|w| w.to_string()).collect::<Vec<_>>();
    let mut pairs = common_words(&keys(&a), &keys(&b));
    pairs.push((a.len(), b.len()));
    let (mut i, mut j) = (0, 0);
    for (pi, pj) in pairs {
        if pi > i || pj > j {
            return Some((a[i..pi].join(" "), b[j..pj].join(" ")));
        }
        (i, j) = (pi + 1, pj + 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_passage_with_words_changed() {
        let text = "Intro text here. By 2000 China had become one of Kazakhstan's three major trading partners, with 5.8 percent.";
        let quote = "China was among Kazakhstan's three biggest trading partners";
        let found = closest(text, &[quote, "nothing alike at all"]);
        let range = found[0].clone().unwrap();
        assert_eq!(&text[range], "China had become one of Kazakhstan's three major trading partners,");
        assert_eq!(found[1], None);
    }

    #[test]
    fn dashes_separate_words() {
        let text = "The western section of the pipeline-Atyrau-Kenkiyak-was completed";
        let range = closest(text, &["the western section of the pipeline"])[0].clone().unwrap();
        assert_eq!(&text[range], "The western section of the pipeline");
    }

    #[test]
    fn windows_stop_at_the_text_edges() {
        let text = "alpha beta-gamma delta";
        assert_eq!(&text[window(text, 0, 3, 2)], "alpha beta");
        assert_eq!(&text[window(text, 11, 1, 5)], "beta-gamma delta");
    }

    #[test]
    fn the_first_difference_is_a_word_level_hunk() {
        let diff = |a, b| first_difference(a, b);
        assert_eq!(
            diff("China was among the three", "China had become one of the three"),
            Some(("was among".into(), "had become one of".into()))
        );
        assert_eq!(diff("the pipeline", "The pipeline"), Some(("the".into(), "The".into())));
        assert_eq!(diff("a b c", "a b"), Some(("c".into(), String::new())));
        assert_eq!(diff("a b", "a b"), None);
    }
}
