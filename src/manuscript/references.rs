//! What in a quote is a reference rather than a number of its text: a page (`p. 298`,
//! `pp. 33-35`, `page 12`), an author–year citation (`(Blank, 97)`, `(WITS 1995)`, `Xing
//! (2001, 121)`, `(ibid., 9)`), a numeric citation (`[12]`, `[12, 14]`) or a footnote mark
//! (`[^1]`, `<sup>3</sup>`, `trade.14 Then`). A page number or a reference mark is never an
//! amount, so `quote-mismatch` must not weigh it; the amounts next to one still count
//! (`51 projects (p. 9)` holds 51).

use super::numbers::{currency_word, month_of};
use std::ops::Range;

/// Where the references of `text` are, in order of their starts (one may lie in another).
///
/// Every quote of a run is read here, and most hold no reference: the bytes no reference
/// starts at are passed over in a tight loop, and nothing is allocated when none is found.
pub fn references(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut parenthesis = false;
    let mut at = 0;
    while let Some(skipped) = bytes[at..].iter().position(|&b| MAY_START[usize::from(b)]) {
        at += skipped;
        let found_here = match bytes[at] {
            b'(' => {
                parenthesis = true;
                None
            }
            b'[' => bracketed(text, at).map(|end| at..end),
            b'<' => superscript(text, at).map(|end| at..end),
            b'p' | b'P' => page(text, at).map(|end| at..end),
            // Punctuation a footnote mark may be glued to (see `footnote_mark`): the mark starts
            // at the digit after it. Digits elsewhere, nearly all, are passed over untested, and
            // so is punctuation after a byte that ends no word (the point of `595.8`).
            _ if bytes.get(at + 1).is_some_and(u8::is_ascii_digit) && at > 0 && may_end_word(bytes[at - 1]) => {
                footnote_mark(text, at + 1).map(|end| at + 1..end)
            }
            _ => None,
        };
        found.extend(found_here);
        at += 1;
    }
    // The loop finds references in the order of their starts; a citation group may start
    // before one of them. No two references start at one byte, so the order of their starts
    // is the whole order.
    if parenthesis {
        found.extend(citation_groups(text));
        found.sort_by_key(|r| r.start);
    }
    found
}

/// The bytes a reference may start at, or the byte before it: `(` of a citation, `[` of a
/// numeric one or a footnote mark, `<` of a superscript, the `p` of a page label, and the
/// punctuation a footnote mark in digits is glued to.
const MAY_START: [bool; 256] = {
    let mut may_start = [false; 256];
    let mut b = 0;
    while b < 256 {
        may_start[b] = matches!(b as u8, b'(' | b'[' | b'<' | b'p' | b'P') || is_mark(b as u8);
        b += 1;
    }
    may_start
};

/// Whether the byte `b` before a footnote mark's punctuation may end what `footnote_mark`
/// takes for a word: a letter, a byte of a multi-byte character, or punctuation before which
/// one may stand (`trade.14`, `said."12`).
fn may_end_word(b: u8) -> bool {
    b.is_ascii_alphabetic() || !b.is_ascii() || matches!(b, b'.' | b',' | b';' | b':')
}

/// Whether `b` is the punctuation a footnote mark is glued to (`trade.14`, `said."12`).
const fn is_mark(b: u8) -> bool {
    matches!(b, b'.' | b',' | b';' | b':' | b'"' | b')')
}

/// The end of page numbers after a page label at `at`: `p. 298`, `pp. 33-35`, `p.9`, `page
/// 12`, `pages 12-14, 20`, `pp. 33ff.`.
fn page(text: &str, at: usize) -> Option<usize> {
    const LABELS: [&str; 5] = ["pages", "page", "pp.", "pg.", "p."];
    if text[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let rest = &text[at..];
    let label = LABELS.into_iter().find(|l| rest.get(..l.len()).is_some_and(|head| head.eq_ignore_ascii_case(l)))?;
    let mut end = at + label.len();
    if text[end..].starts_with(' ') {
        end += 1;
    } else if !label.ends_with('.') {
        return None;
    }
    end = pages_end(text, end)?;
    // More pages in a list, as long as each ends the reference (`pp. 9, 14)`), and not an
    // amount after it (`p. 9, 51 projects`).
    while let Some(next) = text[end..].strip_prefix(',').map(|r| end + 1 + usize::from(r.starts_with(' '))) {
        match pages_end(text, next) {
            Some(after) if ends_a_reference(&text[after..]) => end = after,
            _ => break,
        }
    }
    Some(end)
}

/// The end of a page or a span of pages at `at`: `33`, `33-35`, `33ff.`, `33 f.`.
fn pages_end(text: &str, at: usize) -> Option<usize> {
    let digits = |from: usize| text[from..].bytes().take_while(u8::is_ascii_digit).count();
    let first = digits(at);
    if first == 0 {
        return None;
    }
    let mut end = at + first;
    if text[end..].starts_with('-') && digits(end + 1) > 0 {
        end += 1 + digits(end + 1);
    }
    for suffix in ["ff.", "ff", "f.", " ff.", " f."] {
        if text[end..].starts_with(suffix) && !text[end + suffix.len()..].starts_with(char::is_alphanumeric) {
            return Some(end + suffix.len());
        }
    }
    (!text[end..].starts_with(char::is_alphanumeric)).then_some(end)
}

/// Whether what follows a number ends a reference: the end of the text, a closing bracket, a
/// separator, or a full stop that ends a sentence.
fn ends_a_reference(rest: &str) -> bool {
    rest.is_empty()
        || rest.starts_with([')', ']', ';', ','])
        || rest.strip_prefix('.').is_some_and(|r| r.is_empty() || r.starts_with(' '))
}

/// The end of a numeric citation or a footnote mark in square brackets at `at`: `[12]`, `[12,
/// 14]`, `[3-5]`, `[12, p. 5]`, `[^1]`, `[^note]`. Words (`[sic]`, `[51 projects]`) are text.
fn bracketed(text: &str, at: usize) -> Option<usize> {
    let inner = &text[at + 1..];
    let close = inner.bytes().take(40).position(|b| b == b']')?;
    let content = &inner[..close];
    if let Some(mark) = content.strip_prefix('^') {
        return (!mark.is_empty() && !mark.contains(' ')).then_some(at + close + 2);
    }
    let mut tokens = content.split([',', ';', ' ']).filter(|t| !t.is_empty());
    let number = |t: &str| t.split('-').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    let first = tokens.next().is_some_and(number);
    (first && tokens.all(|t| number(t) || matches!(t, "p." | "pp."))).then_some(at + close + 2)
}

/// The end of a superscript number at `at`, as HTML writes a footnote mark: `<sup>3</sup>`.
fn superscript(text: &str, at: usize) -> Option<usize> {
    let inner = text[at..].get(..5).filter(|open| open.eq_ignore_ascii_case("<sup>")).map(|_| &text[at + 5..])?;
    let close = inner.bytes().take(20).position(|b| b == b'<')?;
    let mark = &inner[..close];
    let numbered = !mark.is_empty() && mark.bytes().all(|b| b.is_ascii_digit() || matches!(b, b',' | b'-' | b' '));
    let closed = inner[close..].get(..6).is_some_and(|end| end.eq_ignore_ascii_case("</sup>"));
    (numbered && closed).then_some(at + 5 + close + 6)
}

/// The end of a footnote mark at `at`, as text taken from a PDF gives one: one to three digits
/// glued to the punctuation after a word (`trade.14 Then`, `reported,3 the`, `said."12`).
/// After a full stop the sentence must end there (`approx.50 projects` is an amount), and no
/// mark takes a percent sign, scale or currency (`share,5 percent`).
fn footnote_mark(text: &str, at: usize) -> Option<usize> {
    let mut before = text[..at].chars().rev();
    let mark = before.next().filter(|c| c.is_ascii() && is_mark(*c as u8))?;
    let after_word = match before.next()? {
        c if c.is_alphabetic() => true,
        '.' | ',' | ';' | ':' => before.next().is_some_and(char::is_alphabetic),
        _ => false,
    };
    let digits = text[at..].bytes().take_while(u8::is_ascii_digit).count();
    let end = at + digits;
    let rest = &text[end..];
    let glued = rest.starts_with(|c: char| c.is_alphanumeric() || c == '%')
        || rest.starts_with(['.', ',']) && rest[1..].starts_with(|c: char| c.is_ascii_digit());
    if !after_word || !(1..=3).contains(&digits) || glued {
        return None;
    }
    let next = rest.trim_start().split(|c: char| !c.is_alphabetic()).next().unwrap_or_default();
    let sentence_ends = mark != '.' || !next.starts_with(char::is_lowercase);
    let counted = ["percent", "per", "pct", "thousand", "million", "billion", "trillion", "bn", "mn"]
        .contains(&next.to_lowercase().as_str())
        || currency_word(next).is_some();
    (sentence_ends && !counted).then_some(end)
}

/// `(Blank, 97)`, `(WITS 1995)`, `(ibid., 9)`, and `(2001, 121)` after a name (`Xing (2001,
/// 121)`): parentheses opening on a capital, on a reference to the one before, or on a year
/// after a name, holding a digit, no `%` or currency, and not a date.
fn citation_groups(text: &str) -> Vec<Range<usize>> {
    let mut groups = Vec::new();
    for (open, _) in text.match_indices('(') {
        let inner = &text[open + 1..];
        let Some(close) = inner.char_indices().take(200).find(|&(_, c)| c == ')' || c == '(').map(|(i, _)| i) else {
            continue;
        };
        let content = &inner[..close];
        let first_word = content.split([' ', ',']).next().unwrap_or("");
        if inner[close..].starts_with(')')
            && (leads_to_a_name(content) || repeats_a_reference(content) || year_after_a_name(&text[..open], content))
            && content.contains(|c: char| c.is_ascii_digit())
            && !content.contains(['%', '$', '€', '£', '¥'])
            && month_of(first_word).is_none()
            && !prose(content)
        {
            groups.push(open..open + close + 2);
        }
    }
    groups
}

/// Whether `content` starts with a name, perhaps after words that lead to one in a reference
/// (`see`, `cf.`, `as quoted in`, `cited in`): `(with Kazakhstan 1,780)` and `(for Kazakhstan
/// 1,800)` are prose.
fn leads_to_a_name(content: &str) -> bool {
    // Words that lead to a name, and the particles of one (`van der Berg`, `de la Cruz`).
    const LEADING: [&str; 18] = [
        "see", "also", "cf", "compare", "as", "quoted", "cited", "in", "van", "der", "de", "la", "le", "von", "du",
        "da", "di", "den",
    ];
    let mut words = content.split([' ', ',']).filter(|w| !w.is_empty()).peekable();
    let mut attributed = false;
    while let Some(word) = words.next_if(|w| w.starts_with(char::is_lowercase)) {
        let bare = word.trim_end_matches('.');
        if !LEADING.contains(&bare) || bare == "in" && !attributed {
            return false;
        }
        attributed |= matches!(bare, "quoted" | "cited");
    }
    words.peek().is_some_and(|w| w.starts_with(char::is_uppercase))
}

/// Whether parentheses that look like a reference hold prose whose numbers count: a word of
/// quantity (`5.8 percent`, `USD 4.3 billion`), a number followed by what it counts (`12,000
/// students`), or more than one plain lower-case word after the first name (`The number of
/// students reached 12,000`). A reference is what leads to a name (`as quoted in`, `see`),
/// names with their particles (`van der Berg`), years, pages and a locator's words (`cf.`,
/// `et al.`, `34ff.`, `vol. 2`, `p. 45 n. 3`, `sec. 3`, `and passim`).
fn prose(content: &str) -> bool {
    const QUANTITY: [&str; 10] =
        ["percent", "pct", "thousand", "million", "billion", "trillion", "bn", "mn", "dollars", "tons"];
    const LOCATOR: [&str; 52] = [
        "p",
        "pp",
        "f",
        "ff",
        "n",
        "nn",
        "vol",
        "vols",
        "ch",
        "chap",
        "chapter",
        "no",
        "fig",
        "table",
        "note",
        "notes",
        "sec",
        "section",
        "para",
        "col",
        "line",
        "lines",
        "page",
        "pages",
        "art",
        "fn",
        "and",
        "passim",
        "emphasis",
        "added",
        "original",
        "my",
        "translation",
        "cited",
        "quoted",
        "in",
        "by",
        "see",
        "also",
        "cf",
        "e.g",
        "i.e",
        "et",
        "al",
        "ibid",
        "op",
        "cit",
        "esp",
        "van",
        "der",
        "de",
        "von",
    ];
    const PARTICLES: [&str; 8] = ["la", "le", "du", "da", "di", "del", "den", "ter"];
    let words: Vec<&str> =
        content.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':')).filter(|w| !w.is_empty()).collect();
    // `17.5-percent` too.
    let quantity = |w: &&str| {
        w.split('-').any(|part| QUANTITY.contains(&part.to_lowercase().as_str()) || currency_word(part).is_some())
    };
    let plain = |w: &str| {
        let bare = w.trim_end_matches('.');
        w.starts_with(char::is_lowercase) && !LOCATOR.contains(&bare) && !PARTICLES.contains(&bare)
    };
    let counts = |pair: &[&str]| pair[0].starts_with(|c: char| c.is_ascii_digit()) && plain(pair[1]);
    let named = words.iter().position(|w| w.starts_with(char::is_uppercase)).unwrap_or(words.len());
    words.iter().any(quantity) || words.windows(2).any(counts) || words[named..].iter().filter(|w| plain(w)).count() > 1
}

/// `(ibid., 9)`, `(Ibid. 9)`, `(op. cit., 12)`, `(id. at 9)`: a reference to the one cited before.
fn repeats_a_reference(content: &str) -> bool {
    let lower = content.trim_start().to_lowercase();
    ["ibid", "ib.", "op. cit", "id."].iter().any(|word| lower.starts_with(word))
}

/// `(2001, 121)`, `(2001: 121-22)`, `(2001a, p. 9)` after a name (`Xing`, `Walker and Corzine`,
/// `Xing et al.`): a narrative citation's year and locator.
fn year_after_a_name(before: &str, content: &str) -> bool {
    let name = before.trim_end().rsplit(' ').next().unwrap_or_default();
    let named = name.starts_with(char::is_uppercase) || matches!(name, "al." | "al");
    let year = content.bytes().take_while(u8::is_ascii_digit).count() == 4 && content.starts_with(['1', '2']);
    let locator = content.get(4..).map(|r| r.trim_start_matches(|c: char| c.is_ascii_lowercase()));
    named && year && locator.is_some_and(|r| r.starts_with([',', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manuscript::numbers::{scan, Kind};

    /// The amounts and percentages of `text` as written.
    fn amounts(text: &str) -> Vec<&str> {
        scan(text)
            .into_iter()
            .filter(|m| matches!(m.kind, Kind::Count | Kind::Percent))
            .map(|m| &text[m.range])
            .collect()
    }

    #[test]
    fn marks_passed_over_untested_are_no_footnote_marks() {
        // Punctuation before a digit whose byte before `may_end_word` rules out: `footnote_mark`
        // would find no mark there either.
        let mut passed = 0;
        for text in [
            "reached $595.8m, 12,500 and 3:15 or 1;2 and \"4\"5 and (6)7 and 1.5.2 or x.5 and ..5 and ,.5",
            "a café.3 Then, a 5%.3 and a ).4 and \u{a0}.5 and -.6 and _.7 and 0.8 and  .9 at .1",
            ".14 at the start and 5.",
        ] {
            let bytes = text.as_bytes();
            for at in
                (1..bytes.len().saturating_sub(1)).filter(|&at| is_mark(bytes[at]) && bytes[at + 1].is_ascii_digit())
            {
                if !may_end_word(bytes[at - 1]) {
                    passed += 1;
                    assert_eq!(footnote_mark(text, at + 1), None, "{text} at {at}");
                }
            }
        }
        assert!(passed > 10, "{passed}");
    }

    #[test]
    fn pages_citations_and_marks_are_no_amounts() {
        let none: [&str; 0] = [];
        for text in [
            "launch many projects (see p. 298)",
            "launch many projects (pp. 33-35)",
            "launch many projects (ibid., 9)",
            "launch many projects (Ibid. 9) and (op. cit., 12)",
            "as Xing (2001, 121) reports, and Walker et al. (1999a: 33-35)",
            "launch many projects [12], more [12, 14], most [3-5; 7, p. 9]",
            "on page 12 and pages 14-15, 20; p.9 and pp. 33ff.",
            "a marker[^1] and another<sup>3</sup>",
            "as trade grew.14 Then it fell,3 and rose;\"12 again",
        ] {
            assert_eq!(amounts(text), none, "{text}");
        }
    }

    #[test]
    fn amounts_next_to_references_still_count() {
        assert_eq!(amounts("51 projects (p. 9)"), ["51"]);
        assert_eq!(amounts("see p. 9, 51 projects"), ["51"]);
        assert_eq!(amounts("page 12 lists 51 projects"), ["51"]);
        assert_eq!(amounts("Xing (2001, 121 projects)"), ["121"]);
        assert_eq!(amounts("(ibid., 51 projects)"), ["51"]);
        assert_eq!(amounts("launched [51 projects] and [sic] 7"), ["51", "7"]);
        // A year and a number with no name before them are no narrative citation.
        assert_eq!(amounts("the count (2001, 121)"), ["121"]);
        // Glued to a word's full stop, but the sentence goes on: an amount.
        assert_eq!(amounts("approx.50 projects"), ["50"]);
        assert_eq!(amounts("a share,5 percent"), ["5 percent"]);
        assert_eq!(amounts("rose to 5.12 percent, 1,200 jobs"), ["5.12 percent", "1,200"]);
        assert_eq!(amounts("a 5-page report of 300 pages"), ["5", "300"]);
    }

    #[test]
    fn references_are_looked_for_only_where_they_may_start() {
        let found = |text: &'static str| references(text).into_iter().map(|r| &text[r]).collect::<Vec<_>>();
        let none: [&str; 0] = [];
        // Digits after a decimal point, or no punctuation at all, start no footnote mark.
        assert_eq!(found("flow 0 of item 6 reached $317.2m"), none);
        // Glued to punctuation after a word, even one that is not ASCII, they do.
        assert_eq!(found("as trade grew.14 Then"), ["14"]);
        assert_eq!(found("a café.3 Then"), ["3"]);
        assert_eq!(found("said,\"12 and"), ["12"]);
        // Each punctuation mark a footnote mark is glued to, at the end of the text too.
        assert_eq!(found("a word.1 B word,2 c word;3 d word:4 e word\"5 f (word)6 g"), ["1", "2", "3", "4", "5", "6"]);
        assert_eq!(found("as trade grew.14"), ["14"]);
        assert_eq!(found(".14 at the start, and a dot at the end."), none);
        // A parenthesis, a bracket, a superscript or a page label anywhere in the text.
        assert_eq!(
            found("P. 5 says [3] and<sup>4</sup> grew.7 Then (Blank, 97)"),
            ["P. 5", "[3]", "<sup>4</sup>", "7", "(Blank, 97)"]
        );
    }

    #[test]
    fn references_are_in_order_of_their_starts() {
        let text = "Xing (2001, 121) on p. 5 [3]";
        let found: Vec<&str> = references(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["(2001, 121)", "p. 5", "[3]"]);
    }
}
