//! Names whose definition did not parse. A line that does not parse is one `syntax` finding;
//! the id it labels, or the source or measure it declares, is not then unknown wherever it is
//! used as well (`a: 2000 event "A" [@s] p. 3` and `order a < b` would be three findings for
//! one mistake), as a compiler does not report the uses of an item it could not parse.

use super::{Model, NameKind};
use crate::syntax::tokens::ident_len;
use rustc_hash::FxHashSet as HashSet;

/// Drops from the unresolved names those that a line of the files defines: a line that
/// defined them and parsed would have resolved them, so its `syntax` finding says it all.
pub fn forgive(model: &mut Model, texts: &[&str]) {
    if model.unresolved.is_empty() {
        return;
    }
    let mut written: HashSet<(NameKind, &str)> = HashSet::default();
    for line in texts.iter().flat_map(|text| text.lines()) {
        written.extend(defined(line));
    }
    // An id that names something (an assert, where a date is wanted) is not forgiven.
    let mut unresolved = std::mem::take(&mut model.unresolved);
    unresolved.retain(|u| {
        let names_something = u.kind == NameKind::Id && model.target(&u.name).is_some();
        names_something || !written.contains(&(u.kind, u.name.as_str()))
    });
    model.unresolved = unresolved;
}

/// The name a line defines, read as far as it can be without parsing the rest: a label
/// (`a:` at the start of a statement or an indented block member), or the key of a `source`
/// or `measure` line.
fn defined(line: &str) -> Option<(NameKind, &str)> {
    let blank = [' ', '\t'];
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    let start = line.trim_start_matches(blank);
    // Names are read as the parser reads identifiers.
    let (word, rest) = start.split_at(ident_len(start));
    if word.is_empty() {
        return None;
    }
    if rest.starts_with(':') {
        return Some((NameKind::Id, word));
    }
    let kind = match word {
        "source" if start.len() == line.len() => NameKind::Source,
        "measure" if start.len() == line.len() => NameKind::Measure,
        _ => return None,
    };
    let key = rest.trim_start_matches(blank);
    let key_len = ident_len(key);
    (key_len > 0 && rest.len() > key.len()).then(|| (kind, &key[..key_len]))
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::codes;

    #[test]
    fn a_definition_that_does_not_parse_is_one_finding() {
        let text =
            "source s \"S\" 2020\na: 2000 event \"A\" [@s] p. 3\nb: 2001 event \"B\" after a by 1y [@s]\norder a < b\n";
        assert_eq!(codes(text), [("syntax", 2)]);
        let text = "source s \"S\" 2020 extra\nmeasure m \"M\" unit\n2000 m = 5 [@s]\n2001 m = 6 [@s]\n";
        assert_eq!(codes(text), [("syntax", 1), ("syntax", 2)]);
        let members =
            "source s \"S\"\nmeasure m \"M\" unit %\n2000 shares m [@s]\n    x: A 5% 6%\nassert x > 1% [@s]\n";
        assert_eq!(codes(members), [("syntax", 4)]);
        let bom = "\u{feff}a: 2000 event \"A\" [@s] p. 3\nsource s \"S\"\nb: 2001 event \"B\" after a by 1y [@s]\n";
        assert_eq!(codes(bom), [("syntax", 1)], "a byte order mark before the first line's label");
    }

    #[test]
    fn names_defined_nowhere_are_still_unknown() {
        let text = "source s \"S\"\nmeasure m \"M\" unit USD\n2000 m = $1bn [@t]\n2000 n = $1bn [@s]\norder x < y\n> x: a quote\n";
        let unknown: Vec<&str> = codes(text).into_iter().map(|(code, _)| code).collect();
        assert_eq!(unknown, ["unknown-source", "unknown-measure", "unknown-id", "unknown-id"]);
    }
}
