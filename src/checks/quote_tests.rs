//! Unit tests of the quote checks, with a manuscript read from memory.

use crate::finding::Finding;
use crate::source::{SourceFile, SourceMap};

const PAPER: &str = "# Trade\n\nBy 2000 China held *5.8 percent* of Kazakhstan\u{2019}s\ntrade, reaching $1.5bn.\n";

pub(crate) const HEAD: &str =
    "manuscript \"paper.md\"\nsource s \"S\"\nmeasure share \"S\" unit %\nmeasure trade \"T\" unit USD\n";

/// Checks `claims`, with a manuscript declared and read from memory.
pub(crate) fn run(claims: &str) -> Vec<Finding> {
    run_with("paper.md", PAPER, claims)
}

/// Checks `claims` under [`HEAD`], with the manuscript it declares named `name` instead.
fn run_with(name: &str, paper: &str, claims: &str) -> Vec<Finding> {
    let mut sources = SourceMap::default();
    let text = format!("{}{claims}", HEAD.replace("paper.md", name));
    sources.add(SourceFile::new("dir/t.claims", text));
    let path = format!("dir/{name}");
    let read = |p: &std::path::Path| match p.to_str() {
        Some(p) if p == path => Ok(paper.to_string()),
        _ => Err("missing".to_string()),
    };
    crate::check_sources_read(sources, &crate::RunOptions::default(), &read).findings
}

fn codes(found: &[Finding]) -> Vec<&str> {
    found.iter().map(Finding::code).collect()
}

#[test]
fn a_missing_quote_shows_the_closest_passage() {
    let found = run("2000 share China = 5.8% [@s]\n  > China held 5.8 percent of Kazakhstan's exports\n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code(), "quote-not-found");
    let help = found[0].help.as_deref().unwrap_or("");
    assert!(
        help.contains("line 3 of `dir/paper.md`") && help.contains("`exports` where the manuscript has `trade,`"),
        "{help}"
    );
    assert_eq!(found[0].related.len(), 2);
}

#[test]
fn a_misquoted_number_is_one_quote_not_found() {
    // The manuscript says 5.8 percent: the quote is not its words, which says it all (the
    // help names the difference); its 5.9 is no evidence against the claim's 5.8.
    let found = run("2000 share China = 5.8% [@s]\n  > China held 5.9 percent\n");
    assert_eq!(found.iter().map(Finding::code).collect::<Vec<_>>(), ["quote-not-found"], "{found:?}");
    let help = found[0].help.as_deref().unwrap_or("");
    assert!(help.contains("the quote has `5.9` where the manuscript has `5.8`"), "{help}");
}

#[test]
fn a_quote_with_another_number_is_a_mismatch() {
    let found = run(
        "2000 share China = 5.9% [@s]\n  > China held 5.8 percent\n2000 trade = $1.5bn [@s]\n  > reaching $1.5bn.\n",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code(), "quote-mismatch");
    assert_eq!(found[0].message, "the quote says 5.8 percent, but the claim has 5.9%");
    assert_eq!(found[0].related.len(), 2);
}

#[test]
fn a_rounded_transcription_is_a_mismatch() {
    // 5.8 % lies in the rounding of `6%` (5.5–6.5) and of `~ 6%`, but is not their value.
    let found = run("2000 share China = 6% [@s]\n  > China held 5.8 percent\n2000 share Russia ~ 6% [@s]\n  > China held 5.8 percent\n");
    assert_eq!(found.iter().map(Finding::code).collect::<Vec<_>>(), ["quote-mismatch", "quote-mismatch"]);
    assert_eq!(found[0].message, "the quote says 5.8 percent, but the claim has 6%");
    assert_eq!(
        found[0].help.as_deref(),
        Some("5.8 percent has neither the digits of 6% nor a value within 6%: correct the value, or quote the passage that states it")
    );
    assert!(found[1].help.as_deref().is_some_and(|h| h.contains("nor a value within 6%:")), "{:?}", found[1].help);
}

#[test]
fn ranges_and_bounds_agree_within_their_written_values() {
    let found = run("2000 share China = 5..6% [@s]\n  > China held 5.8 percent\n2000 trade > $1bn [@s]\n  > reaching $1.5bn.\n2000 share Russia ~ 5.8% [@s]\n  > China held 5.8 percent\n");
    assert!(found.is_empty(), "{found:?}");
    let found = run(
        "2000 share China = 6..7% [@s]\n  > China held 5.8 percent\n2000 trade > $2bn [@s]\n  > reaching $1.5bn.\n",
    );
    let helps: Vec<&str> = found.iter().filter_map(|f| f.help.as_deref()).collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(helps[0].contains("nor a value within 6..7% (6–7):"), "{}", helps[0]);
    assert!(helps[1].contains("nor a value within > $2bn (at least 2):"), "{}", helps[1]);
}

#[test]
fn double_and_triple_hyphens_are_dashes_in_markdown_and_plain_text() {
    let paper = "Alpha beta --- gamma delta.\n\nOne two -- three four, from 2003--2008.\n\nFive — six – seven.\n";
    let quotes = "2000 event \"E\" [@s]\n  > Alpha beta — gamma delta.\n  > One two – three four, from 2003–2008.\n2001 event \"F\" [@s]\n  > Five --- six -- seven.\n2002 event \"G\" [@s]\n  > Five—six-seven.\n";
    for name in ["paper.md", "paper.txt"] {
        let found = run_with(name, paper, quotes);
        assert!(found.is_empty(), "{name}: {found:?}");
    }
    // `--` among other text is read the same way in the quote and the manuscript.
    let paper = "Run `tool --verbose --dry-run` first; the tool---and its flags---work.\n";
    let found = run_with(
        "paper.md",
        paper,
        "2000 event \"E\" [@s]\n  > Run tool --verbose --dry-run first; the tool — and its flags — work.\n",
    );
    assert!(found.is_empty(), "{found:?}");
    // Four hyphens are not one dash.
    let found = run_with("paper.txt", "Nine ten---eleven.\n", "2000 event \"E\" [@s]\n  > Nine ten----eleven.\n");
    assert_eq!(codes(&found), ["quote-not-found"]);
}

const LINKED: &str = "Text with a [link to source](http://example.com/2019/12) in it, a [reference link][ref], an\nautolink <https://example.com/page-12> and a [shortcut].\n\nFoot note marker[^1] after, 51 projects.\n\n[ref]: http://example.org\n[shortcut]: http://example.net\n[^1]: A footnote.\n";

#[test]
fn a_markdown_quote_is_found_as_a_reader_sees_it_or_as_written() {
    let as_seen = "2000 event \"E\" [@s]\n  > Text with a link to source in it, a reference link, an autolink https://example.com/page-12 and a shortcut.\n  > Foot note marker after, 51 projects.\n";
    let found = run_with("paper.md", LINKED, as_seen);
    assert!(found.is_empty(), "{found:?}");
    let as_written = "2000 event \"E\" [@s]\n  > Text with a [link to source](http://example.com/2019/12) in it, a [reference link][ref], an\n  > autolink <https://example.com/page-12> and a [shortcut].\n2001 event \"F\" [@s]\n  > Foot note marker[^1] after, 51 projects.\n";
    let found = run_with("paper.md", LINKED, as_written);
    assert!(found.is_empty(), "{found:?}");
    // Emphasis copied as written, as before.
    let found = run_with("paper.md", "Some *mutual* trade.\n", "2000 event \"E\" [@s]\n  > Some *mutual* trade.\n");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn the_closest_passage_compares_what_a_reader_sees() {
    let found = run_with(
        "paper.md",
        LINKED,
        "2000 event \"E\" [@s]\n  > Text with a [link to the source](http://example.com/2019/12) in it\n",
    );
    assert_eq!(codes(&found), ["quote-not-found"]);
    let help = found[0].help.as_deref().unwrap_or_default();
    assert!(help.contains("reads \"Text with a link to source in it,\"; the quote adds `the`"), "{help}");
}

#[test]
fn the_address_of_a_markdown_link_holds_no_numbers_of_the_quote() {
    let claims = "measure p \"P\" unit projects\n2016 p = 50 projects [@s]\n  > Text with a [link to source](http://example.com/2019/12) in it\n2016 p = 50 projects [@s]\n  > Foot note marker[^1] after, 51 projects.\n";
    let found = run_with("paper.md", LINKED, claims);
    assert_eq!(codes(&found), ["quote-mismatch"], "{found:?}");
    assert_eq!(found[0].message, "the quote says 51, but the claim has 50 projects");
}
