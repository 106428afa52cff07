//! [`parse_declarations`] against a straightforward reading of the same text, line by line:
//! the same declarations, spans included, and the same [`Sizes`], on tricky and on random texts.

use super::ast::Entry;
use super::cursor::Cursor;
use super::parser::{lines, split_comment, SettingLines, MAX_LINE_BYTES};
use super::{directive, parse_declarations, parse_declarations_in_halves, tokens, Sizes};

/// The declarations and sizes of `text`, read one line at a time: each line found with its own
/// search, each statement line searched for `event` and read word by word.
fn reference(text: &str) -> (Vec<Entry>, Sizes) {
    const DECLARATIONS: [&str; 6] = ["source", "measure", "as-of", "tolerance", "manuscript", "bibliography"];
    let mut entries = Vec::new();
    let mut sizes = Sizes::default();
    let mut settings = SettingLines::default();
    for (index, (base, raw)) in lines(text).enumerate() {
        let first = raw.bytes().find(|b| !matches!(b, b' ' | b'\t'));
        // `source: 2000 x = 5` is a claim labelled `source`.
        let declaration =
            tokens::ident(raw).is_ok_and(|(after, word)| DECLARATIONS.contains(&word) && !after.starts_with(':'));
        if !declaration && !matches!(first, None | Some(b'>' | b';' | b'\r')) {
            if raw.split_ascii_whitespace().take(4).any(|word| word == "event") {
                sizes.events += 1;
            } else {
                sizes.claims += 1;
            }
        }
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.len() > MAX_LINE_BYTES || !tokens::ident(line).is_ok_and(|(_, word)| DECLARATIONS.contains(&word)) {
            continue;
        }
        if let Ok(entry) = directive::entry(&mut Cursor::new(split_comment(line).0, base)) {
            if settings.repeats(&entry, index).is_none() {
                entries.push(entry);
            }
        }
    }
    (entries, sizes)
}

/// Holds [`parse_declarations`], and its two halves read apart, to [`reference`] on `text`.
fn agrees(text: &str) -> Sizes {
    let (parsed, sizes) = parse_declarations(text);
    let (entries, expected) = reference(text);
    assert_eq!(sizes, expected, "{text:?}");
    assert_eq!(parsed.entries, entries, "{text:?}");
    let (in_halves, sizes_in_halves) = parse_declarations_in_halves(text);
    assert_eq!((in_halves.entries, sizes_in_halves), (entries, sizes), "in halves: {text:?}");
    sizes
}

#[test]
fn tricky_lines_are_counted_and_read_as_one_line_at_a_time() {
    let sizes = |claims, events| Sizes { claims, events };
    assert_eq!(agrees(""), sizes(0, 0));
    assert_eq!(agrees("\n\n  \n\t\n \t \r\n\r\n"), sizes(0, 0));
    assert_eq!(agrees("\u{feff}source s \"S\"\r\n2000 x = 1 [@s]\r\n  > x\r\n"), sizes(1, 0));
    assert_eq!(agrees("\u{feff}"), sizes(0, 0));
    assert_eq!(agrees("source s \"S\""), sizes(0, 0), "a last line without `\\n`");
    // A label named like a keyword opens a claim; an indented declaration is no declaration.
    assert_eq!(agrees("source: 2000 x = 5\nmeasure:\tevent \"E\"\n  source s\n"), sizes(2, 1));
    assert_eq!(agrees("e1: early 2000s event \"A\"\nevent \"B\"\n2000 event \"C\"\r\n\tevent x\n"), sizes(0, 4));
    assert_eq!(agrees("a b c d event\n2000 x = \"event\"\nevents\nprevent\nevent\x0c\n\x0cevent\n"), sizes(4, 2));
    assert_eq!(agrees("2000 x = 1 ; event\n; event\n  > event\n >event\n\t;event\n"), sizes(1, 0));
    assert_eq!(agrees("x:event\nx: event\n\u{e9}event event\nevent\u{a0}x\n"), sizes(2, 2));
    assert_eq!(
        agrees("as-of 2000\nas-of 2001\n  as-of 2002\ntolerance 5%\ntolerance 6%\r\nmeasure m \"M\" ; a\n"),
        sizes(1, 0)
    );
    assert_eq!(
        agrees("sources s \"S\"\nsource\nsource s\nmanuscript \"a.md\"\nmanuscript \"b.md\"\nbibliography \"b.bib\"\n"),
        sizes(1, 0)
    );
    // The longest lines: never counted, and read only when short enough.
    let head = "source s \"";
    let longest = format!("{head}{}\"\r\n", "x".repeat(MAX_LINE_BYTES - head.len() - 1));
    assert_eq!(agrees(&longest), sizes(0, 0));
    assert_eq!(agrees(&longest.replace("s \"", "s \"x")), sizes(0, 0));
    assert_eq!(agrees(&format!("e: 2000 event \"{}\"\n", "e".repeat(MAX_LINE_BYTES))), sizes(0, 1));
}

#[test]
fn random_texts_are_counted_and_read_as_one_line_at_a_time() {
    const LINES: &[&str] = &[
        "source s \"S\" 2000",
        "source t \"T\"",
        "source s",
        "measure m \"M\" unit USD",
        "measure m",
        "as-of 2030-01",
        "as-of 20",
        "tolerance 10%",
        "manuscript \"a.md\"",
        "bibliography \"a.bib\"",
        "sources s \"S\"",
        "assert a > b [@s]",
        "tot0: 2011 total parts0 = $3313m [@s]",
        "2000 trade = $1bn [@s]",
        "f0i0y0: 1990-01 flow0 item0 = $1.5m up [@s, 12]",
        "e1: early 2000s event \"A\" [@s]",
        "ev0x1: 1993 event \"Event 1\" after ev0x0 [@s]",
        "event \"B\" after e1 by 1y",
        "a b c d event",
        "x = \"event\"",
        "order ev0x0 < ev0x1",
        "> quoted event",
        "  > flow 0 reached $1m",
        "; a comment with event",
        "2000 x = 1 ; allow(conflict)",
        "2010 shares share0 complete [@s]",
        "  China 5%",
        "prevent events eventual",
        "\u{e9}t\u{e9} event",
        "",
        " ",
        "\t",
    ];
    const INDENTS: &[&str] = &["", "", "", "", " ", "  ", "\t", " \t"];
    const ENDS: &[&str] = &["\n", "\n", "\n", "\r\n", "\r\n", " \n", "\t\n", "\x0c\n"];
    let mut rng = fastrand::Rng::with_seed(0xdec1);
    let mut events = 0;
    for _ in 0..3_000 {
        let mut text = String::new();
        if rng.u8(..8) == 0 {
            text.push('\u{feff}');
        }
        for _ in 0..rng.usize(..40) {
            text.push_str(INDENTS[rng.usize(..INDENTS.len())]);
            text.push_str(LINES[rng.usize(..LINES.len())]);
            text.push_str(ENDS[rng.usize(..ENDS.len())]);
        }
        if rng.bool() {
            text.push_str(LINES[rng.usize(..LINES.len())]);
        }
        events += agrees(&text).events;
    }
    assert!(events > 5_000, "{events}");
}
