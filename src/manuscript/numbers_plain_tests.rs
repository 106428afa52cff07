//! [`read_plain`] against the general reader: on every text it takes for plain, it finds
//! the numbers [`scan_with_alternatives`] finds, with no other reading, and the text is its
//! own normal form.

use super::*;
use crate::manuscript::normalize::normalized_quote;

/// The numbers `read_plain` finds in `text`, if it takes it for plain, after holding them to
/// the general reader's.
fn plain(text: &str) -> Option<Vec<Mention>> {
    let mut found = Vec::new();
    if !read_plain(text, |_| true, |n| found.push(n.mention())) {
        return None;
    }
    let (mentions, alternatives) = scan_with_alternatives(text);
    assert_eq!(found, mentions, "{text:?}");
    assert!(alternatives.is_empty(), "{text:?}: {alternatives:?}");
    assert_eq!(normalized_quote(text), text, "{text:?}");
    // Numbers of a kind not wanted are read, not handed out.
    let mut dollars = Vec::new();
    assert!(read_plain(text, |kind| kind == Kind::Money("USD"), |n| dollars.push(n.mention())));
    let kept: Vec<Mention> = mentions.into_iter().filter(|m| m.kind == Kind::Money("USD")).collect();
    assert_eq!(dollars, kept, "{text:?}");
    Some(found)
}

#[test]
fn plain_texts_are_read_as_the_general_reader_reads_them() {
    let shown = |text: &str| {
        plain(text).map(|found| found.iter().map(|m| (text[m.range.clone()].to_string(), m.kind)).collect::<Vec<_>>())
    };
    let count = |s: &str| (s.to_string(), Kind::Count);
    let usd = |s: &str| (s.to_string(), Kind::Money("USD"));
    assert_eq!(shown("flow 0 of item 0 reached $595.8m"), Some(vec![count("0"), count("0"), usd("$595.8m")]));
    assert_eq!(shown("trade reached $1.5 billion, up from 12 students."), Some(vec![usd("$1.5 billion"), count("12")]));
    assert_eq!(shown("Trade reached $5; then $12 of it: $7bn."), Some(vec![usd("$5"), usd("$12"), usd("$7bn")]));
    assert_eq!(shown("The flow0 of x1y is 12345678901234567 of"), Some(vec![count("12345678901234567")]));
    assert_eq!(shown("nothing here"), Some(vec![]));
    assert_eq!(shown("the other three"), None, "a number word");
    assert_eq!(shown("x"), Some(vec![]));
    for text in PLAIN {
        assert!(plain(text).is_some(), "{text:?} is plain");
    }
    for text in NOT_PLAIN {
        assert!(plain(text).is_none(), "{text:?} is no plain text");
    }
}

/// Texts the plain reader reads.
const PLAIN: [&str; 16] = [
    "flow 0 of item 0 reached $595.8m",
    "flow 12 of item 3 reached $0.5bn",
    "Exports reached $4.3 billion",
    "Exports reached $4.3 trillion in value",
    "Exports reached $4.3 tn, then $5 mn.",
    "Exports reached $4.3k",
    "Imports of $4.30 thousand: more",
    "With 12 students and 13 pupils",
    "it was 3000 students",
    "it was 999 students",
    "$12",
    "$12.",
    "12 x",
    "up to $5bn",
    "An ox; b1 c2 d3.",
    "pa pat pest Pam Peter pgs1 ppm",
];

/// Texts that look plain but are not: each holds a number word, a year, a page label, a
/// reference, a connector between numbers, a percentage, a date, grouped digits, non-ASCII
/// bytes, or spaces a normal form has not.
const NOT_PLAIN: [&str; 61] = [
    "",
    " flow 0 of",
    "flow 0 of ",
    "flow  0 of",
    "flow 0\tof",
    "a third of it",
    "A third of it",
    "half of it",
    "Half of it",
    "twenty of them",
    "Twenty of them",
    "it was 2001 and more",
    "it was 1000 students",
    "it was 2999 students",
    "see p. 298 of it",
    "see P. 298 of it",
    "see pp. 33 of it",
    "see pg. 5 of it",
    "see page 12 of it",
    "see Pages 12 of it",
    "as said (Blank 1997, 34)",
    "as said [12]",
    "as said [^1]",
    "as said <sup>1</sup>",
    "trade.14 Then",
    "reported,3 the",
    "from 5 to 6 dollars",
    "from $5 to $6",
    "$5 and $6",
    "$5 or $6",
    "$5, $6",
    "$5 $6",
    "30-35%",
    "5%",
    "5 percent of it",
    "$5 percent of it",
    "$5 per cent of it",
    "$5pct of it",
    "$3-4 billion",
    "$5 000 of it",
    "$5,000 of it",
    "$5.5.5 of it",
    "$5.5,5 of it",
    "$5 May 2001",
    "$5 Sept",
    "$5th of it",
    "$50s of it",
    "$5/6 of it",
    "5 May 2001",
    "September 5 was",
    "USD 5 of it",
    "US$5 of it",
    "\u{20ac}5 of it",
    "caf\u{e9} 5 of",
    "12 million tons",
    "12 dollars",
    "12 Muslims",
    "$1234567890123456789 of it",
    "$123456789012345678.9m",
    "-5 of it",
    "the one of",
];

#[test]
fn random_texts_are_read_as_the_general_reader_reads_them() {
    // Texts of words and numbers that may or may not be plain, joined by spaces and
    // punctuation that may or may not be allowed: every one taken for plain is held to the
    // general reader (in `plain`).
    const TOKENS: &[&str] = &[
        "flow",
        "of",
        "item",
        "reached",
        "the",
        "a",
        "A",
        "an",
        "half",
        "Half",
        "one",
        "One",
        "two",
        "three",
        "twenty",
        "thirty",
        "thirteen",
        "ten",
        "to",
        "and",
        "or",
        "and/or",
        "p.",
        "p",
        "pp",
        "pg",
        "page",
        "pages",
        "Pages",
        "May",
        "Sept",
        "March",
        "USD",
        "EUR",
        "US",
        "dollars",
        "percent",
        "per",
        "cent",
        "pct",
        "million",
        "billion",
        "bn",
        "m",
        "k",
        "tons",
        "students",
        "0",
        "5",
        "12",
        "2001",
        "1999",
        "3000",
        "999",
        "12345678901234567890",
        "$5",
        "$595.8m",
        "$1.5",
        "$0.5bn",
        "$12k",
        "$1.5k",
        "$7kt",
        "$2m5",
        "$4.5m,",
        "$9ms",
        "$6kWh",
        "$3mn",
        "$4tn",
        "$5th",
        "$50s",
        "$",
        "$5x",
        "5%",
        "30-35%",
        "1/3",
        "[12]",
        "(Blank 1997, 34)",
        "flow0",
        "thousand",
        "Million",
        "BN",
        "tn",
        "mn",
        "yuan",
        "tenge",
        "euros",
        "Jan",
        "Dec",
        "st",
        "th",
        "s",
        "x1",
        "teachers",
        "Muslims",
        "'98",
        "[^1]",
        "$3-4",
        "-5",
        "5.",
        "$5,000",
        "0.5",
    ];
    const GAPS: &[&str] = &[" ", " ", " ", " ", ", ", ". ", "; ", ": ", "  ", "-", "\u{a0}", ",", ".", ""];
    let mut rng = fastrand::Rng::with_seed(0x9107e);
    let mut read = 0;
    for _ in 0..200_000 {
        let mut text = String::new();
        for at in 0..rng.usize(1..8) {
            if at > 0 {
                text.push_str(GAPS[rng.usize(..GAPS.len())]);
            }
            text.push_str(TOKENS[rng.usize(..TOKENS.len())]);
        }
        if rng.u8(..8) == 0 {
            text.push_str([".", ",", " ", ";", "!"][rng.usize(..5)]);
        }
        read += usize::from(plain(&text).is_some_and(|found| !found.is_empty()));
    }
    assert!(read > 3_000, "{read}");
}
