//! Parser tests: forms, spans, recovery.

use super::ast::*;
use super::parse;
use crate::finding::Finding;
use crate::source::FileId;

fn parse_ok(text: &str) -> ParsedFile {
    let (tree, findings) = parse(FileId(0), text);
    assert!(findings.is_empty(), "{text:?}: {:?}", findings.iter().map(|f| &f.message).collect::<Vec<_>>());
    tree
}

fn errors(text: &str) -> Vec<Finding> {
    parse(FileId(0), text).1
}

fn slice(text: &str, f: &Finding) -> String {
    text[f.primary.span.range()].to_string()
}

#[test]
fn a_claim_with_everything() {
    let text = "petro: 2005-08 deal \"PetroKazakhstan\" = $4.18bn largest #oil [@pala, 12] ; note\n";
    let tree = parse_ok(text);
    let entry = &tree.entries[0];
    assert_eq!(entry.label.as_ref().unwrap().name, "petro");
    assert_eq!(entry.tags[0].name, "oil");
    let Directive::Claim(claim) = &entry.directive else { panic!("a claim") };
    assert_eq!(claim.measure.name, "deal");
    assert_eq!(claim.item.as_ref().unwrap().text, "PetroKazakhstan");
    assert_eq!(claim.flags[0].0, Flag::Largest);
    assert_eq!(&text[claim.value.span.range()], "= $4.18bn");
    let cite = &entry.citation.as_ref().unwrap().cites[0];
    assert_eq!(cite.key.name, "pala");
    assert_eq!(cite.locator.as_ref().unwrap().text, "12");
    assert_eq!(&text[entry.span.range()], "petro: 2005-08 deal \"PetroKazakhstan\" = $4.18bn largest #oil [@pala, 12]");
}

#[test]
fn pandoc_citations() {
    let tree = parse_ok("2000 m = 1 [see @smith:2004.a, pp. 33-35; -@doe_j, chap. 3; @{weird key}]\n");
    let cites = &tree.entries[0].citation.as_ref().unwrap().cites;
    let keys: Vec<&str> = cites.iter().map(|c| c.key.name.as_str()).collect();
    assert_eq!(keys, ["smith:2004.a", "doe_j", "weird key"]);
    assert_eq!((cites[0].pages[0].first, cites[0].pages[0].last), (33, 35));
    assert_eq!(cites[1].locator.as_ref().unwrap().text, "chap. 3");
}

#[test]
fn quotes_attach_and_join() {
    let text = "2000 m = 1\n  > first line\n  > second line\n\n> a new quote\n";
    let tree = parse_ok(text);
    let quotes = &tree.entries[0].quotes;
    assert_eq!(quotes.len(), 2);
    assert_eq!(quotes[0].text(text), "first line second line");
    assert_eq!(&text[quotes[0].span.range()], "first line\n  > second line");
    assert_eq!(
        errors("> nothing above\n")[0].message,
        "expected a statement above this `>` quote: a quote supports the line it follows"
    );
}

#[test]
fn a_quote_keeps_its_own_semicolons_but_not_a_comment() {
    let text = "2000 m = 1\n  > in 2000; by 2005 ; allow(quote-not-found)\n  > and more; allow(x) is prose;allow(ed) rose (fast)\n  > to the end\t; p. 12, see allow(uncited)\n";
    let tree = parse_ok(text);
    assert_eq!(
        tree.entries[0].quotes[0].text(text),
        "in 2000; by 2005 and more; allow(x) is prose;allow(ed) rose (fast) to the end"
    );
    let allows: Vec<(&str, usize)> = tree.allows.iter().map(|a| (a.code.as_str(), a.line)).collect();
    assert_eq!(allows, [("quote-not-found", 1), ("uncited", 3)]);
    // A glued `;` followed only by a suppression is one too.
    let glued = "2000 m = 1\n  > in 2000;allow(quote-not-found)\n";
    let tree = parse_ok(glued);
    assert_eq!(tree.entries[0].quotes[0].text(glued), "in 2000");
    assert_eq!(tree.allows.len(), 1);
}

#[test]
fn comments_do_not_start_inside_strings_or_citations() {
    let tree = parse_ok("measure m \"a; b\" unit USD\n2000 m = 1 [@a; @b] ; real comment\n");
    assert_eq!(tree.entries[1].citation.as_ref().unwrap().cites.len(), 2);
}

#[test]
fn allow_comments_are_collected() {
    let tree = parse_ok("2000 m = 1 ; allow(conflict, unit-mismatch)\n");
    let codes: Vec<(&str, usize)> = tree.allows.iter().map(|a| (a.code.as_str(), a.line)).collect();
    assert_eq!(codes, [("conflict", 0), ("unit-mismatch", 0)]);
}

#[test]
fn every_allow_group_of_a_comment_counts() {
    let text = "2000 m = 1 ; allow(record) allow(uncited) ; why: allow( conflict,trend ,) `allow(first)` disallow(x) ;allow(first)\n";
    let tree = parse_ok(text);
    let spans: Vec<&str> = tree.allows.iter().map(|a| &text[a.span.range()]).collect();
    assert_eq!(spans, ["record", "uncited", "conflict", "trend", "first"]);
    assert!(tree.allows.iter().all(|a| a.code == text[a.span.range()] && a.line == 0));
}

#[test]
fn an_allow_that_cannot_be_read_is_one_syntax_finding() {
    let text = "2000 m = 1 ; allow(record) allow(uncited\n";
    let (tree, found) = parse(FileId(0), text);
    assert_eq!(tree.allows.len(), 1, "the readable group still counts");
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].code(), found[0].message.as_str()), ("syntax", "expected `)` to close `allow(`"));
    assert_eq!(slice(text, &found[0]), "allow(uncited");
    let text = "2000 m = 1 ; allow( ) since\n";
    let found = errors(text);
    assert_eq!(found[0].message, "expected a finding code inside `allow()`, like `allow(conflict)`");
    assert_eq!(slice(text, &found[0]), "allow( )");
    // A line whose content is bad already has its one finding.
    let found = errors("2000 m oops ; allow(record\n");
    assert_eq!(found.len(), 1);
    assert!(found[0].message.starts_with("expected a comparator"), "{}", found[0].message);
}

#[test]
fn every_bad_line_is_one_finding_with_an_expectation() {
    let text = "2000 trade 5\n2000 = 5\nbogus line\n2000 trade = 5% wat\n2000 trade = 5\n";
    let found = errors(text);
    let summary: Vec<(String, String)> = found.iter().map(|f| (slice(text, f), f.message.clone())).collect();
    assert_eq!(
        summary,
        [
            ("5".to_string(), "expected a comparator (=, ~, >, >=, <, <=) after `trade`".to_string()),
            ("=".to_string(), "expected `event`, `shares`, `total` or a measure name after `2000`".to_string()),
            ("bogus".to_string(), "expected a directive (a date, `event`, `assert`, `order`, `source`, `measure`, `as-of`, `tolerance`, `manuscript` or `bibliography`)".to_string()),
            ("wat".to_string(), "expected a flag, a #tag, a [@citation] or the end of the line after `%`".to_string()),
        ]
    );
}

#[test]
fn a_label_without_a_space_after_its_colon_says_so() {
    let text = "t2000:2000 trade = 5\nt2001: 2001 trade = 5\n";
    let found = errors(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (slice(text, &found[0]), found[0].message.as_str()),
        ("2000".to_string(), "expected a space after `t2000:`")
    );
}

#[test]
fn members_of_a_broken_block_are_not_reported_again() {
    let text = "2000 shares m oops\n    China 5%\n    > quote\n    Russia ?\n2001 m = 1\n";
    assert_eq!(errors(text).len(), 1);
    // A member that is malformed in itself is a bad line of its own, under a broken header too.
    let found = errors("2000 shares m oops\n    China 5% extra\n    Russia ?\n");
    assert_eq!(found.len(), 2);
    assert!(found[1].message.starts_with("expected a flag"), "{}", found[1].message);
    let text = "2000 shares m\n    China\n    > quote of a broken member\n    Russia 5% wat\n    EU 3%\n";
    let (tree, found) = parse(FileId(0), text);
    assert_eq!(found.len(), 2);
    let Directive::Block(block) = &tree.entries[0].directive else { panic!("a block") };
    assert_eq!(block.members.len(), 1);
    assert_eq!(block.members[0].item.text, "EU");
    assert!(block.unparsed_member, "the block knows it lacks members");
}

#[test]
fn every_stray_indented_line_is_reported() {
    const STRAY: &str = "expected a directive at column 1: only `shares` and `total` blocks take indented members, and quotes start with `>`";
    let strays = |text: &str| -> Vec<String> {
        let found = errors(text);
        assert!(found.iter().all(|f| f.code() == "syntax"), "{found:?}");
        found.iter().filter(|f| f.message == STRAY).map(|f| slice(text, f)).collect()
    };
    // Under a claim: each line is its own finding, spanning its content without its comment.
    let text = "a: 2000 m = $1bn [@k]\n  b: 2000 m = $5bn [@k]\n  c: 2000 m = $9bn [@k] ; why\n  garbage (((\n";
    assert_eq!(strays(text), ["b: 2000 m = $5bn [@k]", "c: 2000 m = $9bn [@k]", "garbage ((("]);
    // Quotes of a stray line, blank lines and comments between them are no stray lines.
    let text = "2000 m = 1\n  junk one\n  > its quote\n\n  ; a comment\n\tjunk two\n  junk three\n2001 m = 2\n";
    assert_eq!(strays(text), ["junk one", "junk two", "junk three"]);
    // Under a line that does not parse, a repeated setting, or nothing at all.
    let text = "2000 m = 5 [@s\n  China 5%\n  junk\n";
    assert_eq!(errors(text).len(), 3);
    assert_eq!(strays(text), ["China 5%", "junk"]);
    assert_eq!(strays("as-of 2000\nas-of 2001\n  junk one\n  junk two\n"), ["junk one", "junk two"]);
    assert_eq!(strays("  junk one\n  junk two\n2000 m = 1\n"), ["junk one", "junk two"]);
    // A line at column 1 ends a run of stray lines: the block after it reads its members.
    assert_eq!(strays("2000 m = 1\n  junk\n2001 shares m\n    A 5%\n    B 6%\n"), ["junk"]);
    // A stray line too long to read is one finding, and the lines after it are still read.
    let long = format!("2000 m = 1\n  {}\n  junk\n", "x".repeat(super::parser::MAX_LINE_BYTES));
    assert_eq!(errors(&long).len(), 2);
    assert_eq!(strays(&long), ["junk"]);
    let long = format!("{} m = 1\n  junk\n", "2".repeat(super::parser::MAX_LINE_BYTES));
    assert_eq!(strays(&long), ["junk"]);
}

#[test]
fn a_broken_header_keeps_its_members_whatever_broke_it() {
    // The header is told by its keyword, read past a label and a date, broken or not.
    for header in ["200O shares m", "x: 2000 total m = [@s", "t:2000 shares m", "~late-1990s shares m oops"] {
        let text = format!("{header}\n    A 5%\n    > quoted\n    B ?\n2001 m = 1\n");
        assert_eq!(errors(&text).len(), 1, "{text}");
    }
    let long = format!("2000 shares m {}\n    A 5%\n    B ?\n", "x".repeat(super::parser::MAX_LINE_BYTES));
    assert_eq!(errors(&long).len(), 1);
    // Not a header: `total` is neither its first word after the date nor the first word after its label.
    assert_eq!(errors("2000 m total = [@s\n    A 5%\n").len(), 2);
    assert_eq!(errors("total: 2000 m = [@s\n    A 5%\n").len(), 2);
}

#[test]
fn a_block_knows_whether_all_its_members_parsed() {
    let unparsed = |text: &str| match &parse(FileId(0), text).0.entries[0].directive {
        Directive::Block(block) => (block.members.len(), block.unparsed_member),
        _ => panic!("a block"),
    };
    assert_eq!(unparsed("2000 total m = 10\n    a 4\n    b ?\n"), (2, false));
    assert_eq!(unparsed("2000 total m = 10\n    a 4\n    x a\n    b ?\n"), (2, true));
    // A member line too long to read is a member all the same; the members after it are read.
    let long =
        format!("2000 shares m complete\n    a 4%\n    b {}%\n    c ?\n", "1".repeat(super::parser::MAX_LINE_BYTES));
    assert_eq!(unparsed(&long), (2, true));
}

#[test]
fn invalid_dates_point_at_the_date() {
    let text = "x: 2001-04-31 m = 1\n2000 event \"E\" [@a]\n";
    let found = errors(text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code(), "invalid-date");
    assert_eq!(slice(text, &found[0]), "2001-04-31");
    assert_eq!(errors("1995s m = 1\n")[0].message, "expected a decade's first year, like `1990s`");
    assert!(errors("early 2002-04 m = 1\n")[0].message.contains("expected a year or a decade after"));
}

#[test]
fn an_invalid_date_is_reported_and_the_line_read_on() {
    let codes = |text: &str| errors(text).iter().map(|f| (f.code(), slice(text, f))).collect::<Vec<_>>();
    assert_eq!(codes("2013-13 n = abc [@s]\n"), [("invalid-date", "2013-13".into()), ("syntax", "abc".into())]);
    // Each impossible date of a period or an expression, and a bad duration after one.
    assert_eq!(codes("2013-13..2014-02-30 n = 5\n").len(), 2);
    assert_eq!(codes("assert a@2001-04-31 > b@2001-02-29\n").len(), 2);
    let event = "2001-04-31 event \"x\" after a by 1q\n";
    assert_eq!(codes(event), [("invalid-date", "2001-04-31".into()), ("syntax", "q".into())]);
    // The lines under it are read too: a bad indented line, a block's members and quotes.
    let text = "as-of 2013-13\n  garbage\n2013-00 shares p\n    A 50%\n    > quoted\n    B n/a\n";
    let found = codes(text);
    assert_eq!(
        found.iter().map(|(code, _)| *code).collect::<Vec<_>>(),
        ["invalid-date", "syntax", "invalid-date", "syntax"]
    );
    assert_eq!((found[1].1.as_str(), found[3].1.as_str()), ("garbage", "n/a"));
    let tree = parse(FileId(0), text).0;
    assert!(tree.entries.iter().all(|e| e.impossible_date));
    let Directive::Block(block) = &tree.entries[1].directive else { panic!("a block") };
    assert_eq!((block.members.len(), block.members[0].quotes.len(), block.unparsed_member), (1, 1, true));
    // A broken `allow` is still reported on a line whose only other problem is its date.
    assert_eq!(codes("2013-13 n = 5 ; allow(conflict\n").len(), 2);
    assert!(!parse_ok("2013-12 n = 5\n").entries[0].impossible_date);
}

#[test]
fn expression_depth_is_limited() {
    let deep = format!("assert {}a{} = 1\n", "(".repeat(200), ")".repeat(200));
    let found = errors(&deep);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].message, "expected an expression nested at most 64 levels deep");
    // 64 levels are the most: 64 parentheses or minus signs are read, 65 are not.
    // (A `-(` pair is two levels.)
    for (open, close, most) in [("(", ")", 64), ("-", "", 64), ("-(", ")", 32)] {
        parse_ok(&format!("assert {}a{} = 1\n", open.repeat(most), close.repeat(most)));
        let deeper = format!("assert {}a{} = 1\n", open.repeat(most + 1), close.repeat(most + 1));
        assert_eq!(errors(&deeper).len(), 1, "{open}");
    }
    let negations = format!("assert {}a = 1\n", "-".repeat(100_000));
    assert_eq!(errors(&negations).len(), 1);
    let chain = format!("assert a{} = 1\n", " + a".repeat(10_000));
    assert_eq!(errors(&chain)[0].message, "expected an expression of at most 256 operators");
    parse_ok(&format!("assert a{} = 1\n", " * a".repeat(256)));
}

#[test]
fn numbers_are_limited_to_100_digits() {
    let digits = "9".repeat(101);
    for text in [
        format!("2000 m = {digits}\n"),
        format!("2000 m = 0.{}\n", "0".repeat(100)),
        format!("2000 total m = 1\n    a {digits}%\n"),
        format!("e: event \"E\" after d by {digits}y\n"),
        format!("assert a = {digits} * 2\n"),
    ] {
        let found = errors(&text);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].message, "expected a number of at most 100 digits");
        let number = slice(&text, &found[0]);
        assert!(number.bytes().all(|b| b.is_ascii_digit() || b == b'.') && number.len() > 100, "{number}");
    }
    parse_ok(&format!("2000 m = {} bn\n", &digits[..100]));
}

#[test]
fn tolerance_is_a_percentage_of_zero_or_more() {
    parse_ok("tolerance 0%\n");
    parse_ok("tolerance 12.5%\n");
    for bad in ["tolerance -150%\n", "tolerance 5\n", "tolerance 5k%\n"] {
        assert!(errors(bad)[0].message.starts_with("expected a percentage of 0% or more"), "{bad}");
    }
}

#[test]
fn crlf_and_long_lines() {
    parse_ok("2000 m = 1\r\n  > q\r\n");
    let long = format!("2000 m = 1 ; {}\n2001 x\n", "x".repeat(super::parser::MAX_LINE_BYTES));
    let found = errors(&long);
    assert_eq!(found.len(), 2);
    assert!(found[0].message.starts_with("expected a line of at most"));
    // A quote or comment too long to read inside a block is no member of unknown value.
    let huge = "x".repeat(super::parser::MAX_LINE_BYTES);
    for line in [format!("    > {huge}"), format!("    ; {huge}")] {
        let text = format!("2000 shares m\n    A 5%\n{line}\n    B 7%\n");
        let (tree, found) = parse(FileId(0), &text);
        assert_eq!(found.len(), 1, "{found:?}");
        let Directive::Block(block) = &tree.entries[0].directive else { panic!("a block") };
        assert_eq!((block.members.len(), block.unparsed_member), (2, false));
    }
}

#[test]
fn labels_only_on_claims_events_blocks_and_asserts() {
    assert_eq!(
        errors("x: source s \"S\"\n")[0].message,
        "expected a claim, an event, a block or an assert after a label: only those can be named"
    );
    parse_ok("x: assert a = 1\ny: event \"E\" after x by 1y\nz: 2000 total m = 1\n    p: a 1\n");
}

#[test]
fn an_undated_event_needs_an_anchor_and_a_distance() {
    let found = errors("a: 1990 event \"A\"\nb: event \"B\"\nc: event \"C\" after a\nd: event \"D\" before a by 2y\n");
    let wanted = "expected a date, or `after ID by DURATION` or `before ID by DURATION` to derive it from";
    assert_eq!(found.iter().map(|f| f.message.as_str()).collect::<Vec<_>>(), [wanted, wanted]);
    let text = "a: 1990 event \"A\"\nb: event \"B\"\nc: event \"C\" after a\n";
    let (_, found) = parse(FileId(0), text);
    assert_eq!(&text[found[0].primary.span.range()], "event");
    assert_eq!(&text[found[1].primary.span.range()], "after a");
}

#[test]
fn unknown_values_only_in_blocks() {
    let found = errors("2003 p = ? [@s]\n");
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message.starts_with("expected a value: an unknown `?` is only for `shares` and `total` blocks"),
        "{}",
        found[0].message
    );
    parse_ok("2003 shares p\n    A ?\n2003 total m = 5\n    A ?\n");
}

#[test]
fn ranges_run_upwards() {
    let text = "2008 p = 35..30%\n";
    let (_, found) = parse(FileId(0), text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].message, "expected a range from its lower bound to its upper bound");
    assert_eq!(&text[found[0].primary.span.range()], "35..30%");
    assert_eq!(errors("2008 m = $1bn..900m\n").len(), 1);
    parse_ok("2008 p = 30..35%\n2008 p = 5..5%\n2008 m = $900m..1bn\n2008 m = $1.5bn..2\n");
    // A bare fraction is 100 times larger in a `%` measure, which the line does not name: a
    // range is backwards here only when it is in both readings (the model orders the others).
    parse_ok("2008 p = 30..1/2\n2008 p = 1/2..30\n2008 p = 0.6..1/2\n2008 p = 1/4..1/2\n");
    assert_eq!(errors("2008 p = 1/2..1/3\n").len(), 1);
    assert_eq!(errors("2008 p = 101..1/2\n").len(), 1);
}

#[test]
fn a_range_takes_no_one_sided_comparator() {
    let cases = [
        ("2000 p > 30..35%\n", ">"),
        ("2000 p <= 1..2%\n", "<="),
        ("2000 m >= $1..2bn\n", ">="),
        ("2000 p ≥ 1..2%\n", "≥"),
    ];
    for (text, cmp) in cases {
        let found = errors(text);
        assert_eq!(found.len(), 1, "{text}");
        let expected = format!("expected a single value after `{cmp}`: a range bounds the value on both sides already");
        assert_eq!(found[0].message, expected);
        assert!(slice(text, &found[0]).contains(".."), "{text}: the span is the range");
    }
    parse_ok("2000 p ~ 30..35%\n2000 p = 30..35%\n2000 shares p\n    A 30..35%\n");
}

#[test]
fn a_range_has_one_unit() {
    for (text, unit) in
        [("2000 m = $1bn..€2bn\n", "€"), ("2000 p = 30%..35 km\n", "km"), ("2000 m = USD 1..2 EUR\n", "EUR")]
    {
        let found = errors(text);
        assert_eq!(found.len(), 1, "{text}");
        assert!(found[0].message.starts_with("expected the same unit at both ends of a range"), "{}", found[0].message);
        assert_eq!(slice(text, &found[0]), unit);
    }
    parse_ok("2000 m = $1bn..2bn USD\n2000 m = USD 1bn..$2bn\n2000 p = 30..35%\n");
}

#[test]
fn undated_events_and_relations() {
    let tree = parse_ok("e: event \"E\" after d by ~18 months lasting 2w first #t\n");
    let Directive::Event(event) = &tree.entries[0].directive else { panic!("an event") };
    assert!(event.date.is_none());
    let relative = event.relative.as_ref().unwrap();
    assert_eq!(relative.relation, Relation::After);
    let offset = relative.offset.as_ref().unwrap();
    assert!(offset.approx);
    assert_eq!(offset.unit, DurationUnit::Month);
    assert_eq!(event.lasting.as_ref().unwrap().unit, DurationUnit::Week);
    assert!(event.first.is_some());
    assert!(event.plan.is_none());
}

#[test]
fn an_order_may_name_its_source() {
    let tree = parse_ok("order a < b < c [@s, 12]\norder a < b\n");
    let keys: Vec<Option<&str>> =
        tree.entries.iter().map(|e| e.citation.as_ref().map(|c| c.cites[0].key.name.as_str())).collect();
    assert_eq!(keys, [Some("s"), None]);
    assert_eq!(errors("order a < b [@s] c\n").len(), 1, "nothing after the citation");
}

#[test]
fn an_event_may_be_a_plan_but_takes_no_other_flag() {
    let text = "2030 event \"Pipeline completed\" forecast #gas [@s]\n";
    let tree = parse_ok(text);
    let Directive::Event(event) = &tree.entries[0].directive else { panic!("an event") };
    let (flag, span) = event.plan.expect("a plan flag");
    assert_eq!((flag, &text[span.range()]), (Flag::Forecast, "forecast"));
    assert_eq!(errors("2030 event \"Deal\" largest [@s]\n").len(), 1, "a record flag is a claim's");
    let second = errors("2030 event \"E\" target forecast [@s]\n");
    assert_eq!(second[0].message, "expected one plan flag (`target`, `forecast` or `estimate`) per event");
}

/// The directives that speak for a whole file set, as the full parse reads them.
fn declarations_of(tree: &ParsedFile) -> Vec<&Directive> {
    let is_declaration = |d: &&Directive| {
        matches!(
            d,
            Directive::Source { .. }
                | Directive::Measure { .. }
                | Directive::AsOf(_)
                | Directive::Tolerance(_)
                | Directive::Manuscript(_)
                | Directive::Bibliography(_)
        )
    };
    tree.entries.iter().map(|e| &e.directive).filter(is_declaration).collect()
}

#[test]
fn declarations_read_ahead_are_those_the_full_parse_reads() {
    let text = concat!(
        "as-of 2020\r\n",
        "tolerance 5% ; a comment\n",
        "manuscript \"paper.md\"\n",
        "bibliography \"refs.bib\"\n",
        "source xing \"Xing 2019\" 2019\n",
        "> a quote under a source\n",
        "measure trade \"Trade\" unit USD ; allow(unused-source)\n",
        "  measure indented \"an indented line is not a declaration\"\n",
        "x: source labelled \"a label on a source is an error\"\n",
        "source\n",
        "sources plural \"not a keyword\"\n",
        "measure; only a comment\n",
        "2000 trade = $1bn [@xing]\n",
        "  > measure quoted \"a quote is not a declaration\"\n",
        "2001 shares trade\n",
        "  China 5%\n",
        "measure share \"Share\" unit %\n",
    );
    let (full, _) = parse(FileId(0), text);
    let (ahead, sizes) = super::parse_declarations(text);
    assert_eq!(ahead.entries.iter().map(|e| &e.directive).collect::<Vec<_>>(), declarations_of(&full));
    assert_eq!(ahead.entries.len(), 7);
    // Every line but the two quotes and the nine that open with a declaration's keyword
    // (`source` and `measure; …` too) is counted: none is an event.
    assert_eq!(sizes, super::Sizes { claims: 6, events: 0 });
}

#[test]
fn the_read_ahead_agrees_on_stray_lines_and_on_the_longest_lines() {
    let agree = |text: &str| {
        let (full, _) = parse(FileId(0), text);
        let (ahead, _) = super::parse_declarations(text);
        assert_eq!(ahead.entries.iter().map(|e| &e.directive).collect::<Vec<_>>(), declarations_of(&full));
        ahead.entries.len()
    };
    // Indented declarations belong to nothing: neither declares them.
    assert_eq!(agree("2000 m = 5 [@s\n  source a \"A\"\n  measure b \"B\"\nsource c \"C\"\n"), 1);
    // The longest line read is as long without its CRLF's `\r`.
    let head = "source s \"";
    let longest = format!("{head}{}\"\r\n", "x".repeat(super::parser::MAX_LINE_BYTES - head.len() - 1));
    assert_eq!(agree(&longest), 1);
    assert_eq!(agree(&longest.replace("s \"", "s \"x")), 0);
}

#[test]
fn entries_are_handed_over_whole() {
    let text = "2001 shares trade\n  China 5%\n  > China's share\n  Russia 30%\nsource s \"S\"\n2000 trade = $1bn ; allow(conflict)\n> quoted\nbroken line\n";
    let mut handed: Vec<Entry> = Vec::new();
    let (allows, findings) = super::parse_each(FileId(0), text, |entry| handed.push(entry));
    let (tree, all_findings) = parse(FileId(0), text);
    assert_eq!(handed, tree.entries);
    assert_eq!(allows, tree.allows);
    let spans = |fs: &[Finding]| fs.iter().map(|f| (f.primary.span, f.message.clone())).collect::<Vec<_>>();
    assert_eq!(spans(&findings), spans(&all_findings));
    let Directive::Block(block) = &handed[0].directive else { panic!("a block first") };
    assert_eq!(block.members.len(), 2);
    assert_eq!(block.members[0].quotes[0].text(text), "China's share");
    assert_eq!(handed[2].quotes[0].text(text), "quoted");
}

#[test]
fn sizes_bound_the_claims_and_events() {
    let text = "e1: early 2000s event \"A\"\nevent \"B\" after e1 by 1y\n2000 event \"C\" after e1\n2000 trade = 5\n2001 shares share\n  China 5%\n  > China\n; a comment\n\nassert e1 = e1\n";
    let (_, sizes) = super::parse_declarations(text);
    assert_eq!(sizes, super::Sizes { claims: 4, events: 3 });
    let (tree, _) = parse(FileId(0), text);
    let events = tree.entries.iter().filter(|e| matches!(e.directive, Directive::Event(_))).count();
    assert_eq!(events, 3);
}

#[test]
fn a_byte_order_mark_before_the_first_line_is_skipped() {
    let text = "\u{feff}source s \"S\" 2000\n2000 x = 1 [@s]\n";
    let tree = parse_ok(text);
    let Directive::Source { key, .. } = &tree.entries[0].directive else { panic!("a source first") };
    assert_eq!((key.name.as_str(), &text[key.span.range()]), ("s", "s"));
    assert_eq!(super::parse_declarations(text).0.entries.len(), 1);
    // Anywhere else it is an error, as any stray character is.
    assert_eq!(errors("source s \"S\"\n\u{feff}2000 x = 1\n").len(), 1);
}

#[test]
fn hyphenated_parts_of_years_and_decades() {
    let tree = parse_ok("mid-1990s p = 5%\nx: early-2002 event \"E\"\n~late-1990s p = 6%\n");
    let date_of = |i: usize| match &tree.entries[i].directive {
        Directive::Claim(claim) => claim.date.start,
        Directive::Event(event) => event.date.as_ref().expect("a date").start,
        _ => panic!("a claim or an event"),
    };
    assert_eq!(date_of(0).form, DateForm::DecadePart(Part::Mid, 1990));
    assert_eq!(date_of(1).form, DateForm::YearPart(Part::Early, 2002));
    assert!(date_of(2).approx);
    assert_eq!(date_of(2).form, DateForm::DecadePart(Part::Late, 1990));
    assert_eq!(errors("mid-x p = 5%\n").len(), 1);
}

#[test]
fn settings_are_made_once_per_file() {
    let text = "as-of 2020\ntolerance 5%\nas-of 2021\nmanuscript \"a.md\"\ntolerance 6%\n  > quoted under it\nmanuscript \"b.md\"\nbibliography \"a.bib\"\nbibliography \"b.bib\"\n";
    let messages: Vec<String> = errors(text).into_iter().map(|f| f.message).collect();
    assert_eq!(
        messages,
        [
            "expected one `as-of` line per file: line 1 already sets it",
            "expected one `tolerance` line per file: line 2 already sets it",
            "expected one `manuscript` line per file: line 4 already sets it",
        ]
    );
    let (declared, _) = super::parse_declarations(text);
    let lines: Vec<usize> = declared.entries.iter().map(|e| text[..e.span.start as usize].lines().count()).collect();
    assert_eq!(lines, [0, 1, 3, 7, 8], "the pre-pass keeps the first of each setting, and every bibliography");
}

fn tag_names(tags: &[Ident]) -> Vec<&str> {
    tags.iter().map(|t| t.name.as_str()).collect()
}

#[test]
fn tags_stand_anywhere_after_the_value_or_description() {
    let text = "2000 trade = $1bn #t max [@s]\n2000 trade = $1bn max #a up #b [@s] #c\n2000 trade = $1bn #t\n";
    let tree = parse_ok(text);
    fn claim_parts(entry: &Entry) -> (Vec<Flag>, Vec<&str>, bool) {
        let Directive::Claim(claim) = &entry.directive else { panic!("a claim") };
        let flags: Vec<Flag> = claim.flags.iter().map(|f| f.0).collect();
        (flags, tag_names(&entry.tags), entry.citation.is_some())
    }
    assert_eq!(claim_parts(&tree.entries[0]), (vec![Flag::Max], vec!["t"], true));
    assert_eq!(claim_parts(&tree.entries[1]), (vec![Flag::Max, Flag::Up], vec!["a", "b", "c"], true));
    assert_eq!(claim_parts(&tree.entries[2]), (vec![], vec!["t"], false));
    assert_eq!(&text[tree.entries[1].span.range()], "2000 trade = $1bn max #a up #b [@s] #c");

    let tree = parse_ok(
        "a: 1990 event \"A\" #t first [@s]\n1991 event \"B\" #t lasting 1y #u\nevent \"C\" #t after a by 1y #u first\n",
    );
    let events: Vec<(&EventLine, Vec<&str>)> = tree
        .entries
        .iter()
        .map(|e| match &e.directive {
            Directive::Event(event) => (&**event, tag_names(&e.tags)),
            _ => panic!("an event"),
        })
        .collect();
    assert!(events[0].0.first.is_some() && events[0].1 == ["t"]);
    assert!(events[1].0.lasting.is_some() && events[1].1 == ["t", "u"]);
    let relative = events[2].0.relative.as_ref().unwrap();
    assert!(relative.offset.is_some() && events[2].0.first.is_some() && events[2].1 == ["t", "u"]);

    let tree = parse_ok("2000 shares m #t complete #u [@s]\n    A 1% #v max #w [@s]\n    B 99%\n");
    assert_eq!(tag_names(&tree.entries[0].tags), ["t", "u"]);
    let Directive::Block(block) = &tree.entries[0].directive else { panic!("a block") };
    assert!(matches!(block.kind, BlockKind::Shares { complete: Some(_) }));
    assert_eq!(tag_names(&block.members[0].tags), ["v", "w"]);
    assert_eq!(block.members[0].flags[0].0, Flag::Max);
}

#[test]
fn modifiers_stay_well_formed_and_before_the_citation() {
    let text = "2000 m = 1 [@s] max\n1990 event \"A\" [@s] #t first\n2000 m = 1 #t bogus\n2000 m = 1 [@s] bogus\n1990 event \"A\" lasting #t 1y\n1990 event \"A\" #\n2000 shares m [@s] complete\n2000 shares m [@s]\n    A 1% [@s] max\n    B 99% [@s] [@t]\n";
    let found = errors(text);
    let summary: Vec<(String, &str)> = found.iter().map(|f| (slice(text, f), f.message.as_str())).collect();
    assert_eq!(
        summary,
        [
            ("max".into(), "expected only #tags after the citation: `max` goes before the `[@…]`"),
            ("first".into(), "expected only #tags after the citation: `first` goes before the `[@…]`"),
            ("bogus".into(), "expected a flag, a #tag, a [@citation] or the end of the line after `t`"),
            ("bogus".into(), "expected a #tag or the end of the line after `[@s]`"),
            ("#t".into(), "expected a duration such as `1y`, `6mo`, `2w` or `10d` after `lasting`"),
            ("".into(), "expected a tag name after `#`"),
            ("complete".into(), "expected only #tags after the citation: `complete` goes before the `[@…]`"),
            ("max".into(), "expected only #tags after the citation: `max` goes before the `[@…]`"),
            ("[@t]".into(), "expected one citation per line: put every key in one `[...]`, separated by `;`"),
        ]
    );
}

#[test]
fn an_event_takes_one_relation_and_one_duration() {
    let text = "e: event \"E\" after a by 1y before b by 2y\nf: 1990 event \"F\" lasting 1y #t lasting 2y\n";
    let found = errors(text);
    let summary: Vec<(String, &str)> = found.iter().map(|f| (slice(text, f), f.message.as_str())).collect();
    assert_eq!(
        summary,
        [
            ("before".into(), "expected one `after` or `before`: an event is dated relative to one other"),
            ("lasting".into(), "expected one `lasting` duration per event"),
        ]
    );
    // A repeated `first` says nothing more.
    let tree = parse_ok("1990 event \"F\" first #t first\n");
    let Directive::Event(event) = &tree.entries[0].directive else { panic!("an event") };
    assert_eq!(event.first.map(|s| s.start), Some(15));
}

#[test]
fn a_space_may_follow_the_tilde_of_a_date() {
    for line in ["~ 2002 m = 1\n", "~ early 1990s m = 1\n", "x: ~ mid-1990s m = 1\n"] {
        let (tree, found) = parse(FileId(0), line);
        assert!(found.is_empty(), "{line}: {found:?}");
        let Directive::Claim(claim) = &tree.entries[0].directive else { panic!("{line}: a claim") };
        assert!(claim.date.start.approx, "{line}");
    }
}

#[test]
fn a_period_that_ends_before_it_starts_is_an_invalid_date() {
    use crate::checks::test_support::codes;
    let head = "source s \"S\"\nmeasure m \"M\" unit USD\n";
    let text = format!("{head}2008..2003 m = $5bn [@s]\n2003-05..2003-04 m = $5bn [@s]\ne: 2008..2003 event \"P\" [@s]\n2003..2003-04 m = $5bn [@s]\n2004..~2003 m = $5bn [@s]\n2003-13..2001 m = $5bn [@s]\n");
    assert_eq!(
        codes(&text),
        [("invalid-date", 3), ("invalid-date", 4), ("invalid-date", 5), ("invalid-date", 8)],
        "a period may end in the unit it starts in, and `~` widens its end; an impossible point is reported once"
    );
}

#[test]
fn a_word_glued_to_a_fraction_is_read_as_after_any_number() {
    use crate::checks::test_support::codes;
    let head = "source s \"S\"\nmeasure t \"T\" unit USD\nmeasure p \"P\" unit km\n";
    let text =
        format!("{head}2001 t = $1/4bn [@s]\n2001 t = $0.25bn [@s]\n2002 p = 1/2km [@s]\n2002 p = 0.5 km exact [@s]\n");
    assert!(codes(&text).is_empty(), "$1/4bn is $0.25bn, 1/2km is 0.5 km");
    let text = format!("{head}2001 t = $1/4bn [@s]\n2001 t = $0.4bn [@s]\n");
    assert_eq!(codes(&text), [("conflict", 5)]);
}

#[test]
fn a_minus_may_precede_the_currency_and_be_the_unicode_sign() {
    use crate::checks::test_support::codes;
    let head = "source s \"S\"\nmeasure t \"T\" unit USD\nmeasure r \"R\" unit %\n";
    let same = "2001 t = $-2bn [@s]\n2001 t = -$2bn [@s]\n2001 t = −$2bn [@s]\n2001 t = $−2bn [@s]\n2001 t = USD −2bn [@s]\n2002 r = −3% [@s]\n2002 r = -3% [@s]\n";
    assert!(codes(&format!("{head}{same}")).is_empty(), "each is minus two billion dollars, or minus 3 %");
    let clash = format!("{head}2001 t = -$2bn [@s]\n2001 t = $2bn [@s]\n2002 t = -$-2bn [@s]\n2002 r = −-3% [@s]\n2002 t = $−-2bn [@s]\n");
    assert_eq!(codes(&clash), [("conflict", 5), ("syntax", 6), ("syntax", 7), ("syntax", 8)], "a value has one sign");
    // A written minus signs a total's block, even on zero.
    let total = format!("{head}2003 total t = $1bn [@s]\n    a −$0.0bn\n    b ?\n");
    let notes: Vec<String> = crate::check_text("t.claims", &total).findings.iter().map(|f| f.message.clone()).collect();
    assert_eq!(notes, ["`b` is implied to be $0.45–1.55bn"], "a is −0.05–0.05bn, not 0–0.05bn");
}

#[test]
fn a_currency_code_may_be_followed_by_any_white_space() {
    use crate::checks::test_support::codes;
    let head = "source s \"S\"\nmeasure t \"T\" unit USD\nmeasure e \"E\" unit EUR\n";
    let text = format!(
        "{head}2001 t = USD\t1.2bn [@s]\n2001 t = USD  1.2bn [@s]\n2001 t = USD\u{a0}1.2bn [@s]\n2002 e = EUR\t1bn [@s]\n\
         assert t@2001 < USD\t2bn [@s]\n2003 total t = $2bn [@s]\n    a USD\t1bn\n    b ?\n"
    );
    let found: Vec<String> = crate::check_text("t.claims", &text).findings.iter().map(|f| f.message.clone()).collect();
    assert_eq!(found, ["`b` is implied to be $0–2bn"], "tabs parse as spaces do");
    assert_eq!(codes(&format!("{head}2001 t = USD\t1.2bn [@s]\n2001 t = USD\t2bn [@s]\n")), [("conflict", 5)]);
}

#[test]
fn a_duration_is_never_negative() {
    for line in [
        "p: 2003..2008 event \"P\" lasting -5y",
        "g: event \"G\" before a by -1y",
        "f: event \"F\" after a by -0.25y",
        "q: 2003 event \"Q\" lasting −6mo",
    ] {
        let found = errors(&format!("{line}\n"));
        assert_eq!(found.len(), 1, "{line}");
        assert!(
            found[0].message.starts_with("expected how long, never a negative duration"),
            "{line}: {}",
            found[0].message
        );
    }
}

#[test]
fn a_duration_groups_its_digits_in_threes_as_a_value_does() {
    for (line, number) in [
        ("p: 2000..2015 event \"P\" lasting 1,5y", "1,5"),
        ("g: event \"G\" after a by 1,5mo", "1,5"),
        ("f: event \"F\" before a by ~1,0000d", "1,0000"),
    ] {
        let found = errors(&format!("{line}\n"));
        assert_eq!(found.len(), 1, "{line}");
        assert!(found[0].message.starts_with("expected three digits after a `,`"), "{line}: {}", found[0].message);
        assert_eq!(slice(&format!("{line}\n"), &found[0]), number);
    }
    let tree = parse_ok("e: event \"E\" after a by 1,000d lasting 1_000d\n");
    let Directive::Event(event) = &tree.entries[0].directive else { panic!("an event") };
    let by = event.relative.as_ref().and_then(|r| r.offset.as_ref()).map(|d| d.amount.value.clone());
    assert_eq!(by, Some(crate::value::number::int(1000)));
    assert_eq!(event.lasting.as_ref().map(|d| d.amount.value.clone()), Some(crate::value::number::int(1000)));
}

#[test]
fn an_invisible_character_is_shown_by_its_code_point() {
    let found = errors("\u{200b}measure m \"M\" unit %\n\u{feff}source s \"S\"\n2000 m = 5%\u{200b} [@s]\n");
    let labels: Vec<&str> = found.iter().map(|f| f.primary.message.as_str()).collect();
    assert_eq!(labels, ["found `<U+200B>measure`", "found `<U+FEFF>source`", "found `<U+200B>`"]);
}

#[test]
fn a_tag_may_start_with_a_digit() {
    let text = "2000 m = 5% #2020 #1990s #2020-21 #t.1 [@s]\n";
    let tree = parse_ok(text);
    let tags: Vec<&str> = tree.entries[0].tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(tags, ["2020", "1990s", "2020-21", "t.1"]);
    let found = errors("2000 m = 5% # [@s]\n2000 m = 5% #-x [@s]\n");
    assert!(found.iter().all(|f| f.message.starts_with("expected a tag name")), "{found:?}");
    assert_eq!(found.len(), 2);
}

#[test]
fn a_flag_written_twice_is_judged_once() {
    use crate::checks::test_support::codes;
    let text = "source s \"S\"\nmeasure m \"M\" unit USD\n2000 m = $2bn [@s]\n2001 m = $1bn up up [@s]\n";
    assert_eq!(codes(text), [("trend", 4)]);
}

#[test]
fn a_mistyped_keyword_gets_a_did_you_mean() {
    let text =
        "2000 m = $1bn largst\n2000 m = 5% upp\nb: 2001 event \"B\" aftr a\n2000 shares m compete\n2000 m = 5% zzz\n";
    let found: Vec<String> = errors(text).into_iter().map(|f| f.message).collect();
    assert!(found[0].ends_with("(did you mean `largest`?)"), "{}", found[0]);
    assert!(found[1].ends_with("(did you mean `up`?)"), "{}", found[1]);
    assert!(found[2].ends_with("(did you mean `after`?)"), "{}", found[2]);
    assert!(found[3].ends_with("(did you mean `complete`?)"), "{}", found[3]);
    assert!(!found[4].contains("did you mean"), "{}", found[4]);
    // The directive's own keyword, mistyped at the start of a line.
    let text = "mesure m \"M\" unit %\nsourc s \"S\"\ntolerence 5%\nx: evnt \"E\"\nzebra 5\n";
    let found: Vec<String> = errors(text).into_iter().map(|f| f.message).collect();
    let near: Vec<Option<&str>> = found.iter().map(|m| m.split("did you mean `").nth(1)).collect();
    assert_eq!(
        near,
        [Some("measure`?)"), Some("source`?)"), Some("tolerance`?)"), Some("event`?)"), None],
        "{found:?}"
    );
}

#[test]
fn lines_start_where_each_line_does() {
    // Every line, the empty ones and the one after a last line break too, with where it starts;
    // a byte order mark is no part of the first.
    fn lines(text: &str) -> Vec<(usize, &str)> {
        super::parser::lines(text).collect()
    }
    assert_eq!(lines(""), [(0, "")]);
    assert_eq!(lines("a"), [(0, "a")]);
    assert_eq!(lines("a\n\nbc\r\n"), [(0, "a"), (2, ""), (3, "bc\r"), (7, "")]);
    assert_eq!(lines("\u{feff}x\ny"), [(3, "x"), (5, "y")]);
}

/// The fast spellings of the parser's small helpers against the plain ones they replace.
mod fast_helpers_agree {
    use super::super::ast::Flag;
    use super::super::parser::split_comment;

    /// `split_comment` as it read characters before it read bytes.
    fn split_comment_by_chars(line: &str) -> (&str, Option<usize>) {
        let mut in_string = false;
        let mut escaped = false;
        let mut brackets = 0usize;
        for (i, ch) in line.char_indices() {
            if in_string {
                match ch {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match ch {
                '"' => in_string = true,
                '[' => brackets += 1,
                ']' => brackets = brackets.saturating_sub(1),
                ';' if brackets == 0 => return (&line[..i], Some(i)),
                _ => {}
            }
        }
        (line, None)
    }

    #[test]
    fn comments_split_as_by_characters() {
        let lines = [
            "2001 t = 1 ; note",
            "2001 t = 1",
            "x \"a;b\" ; c",
            "x \"a\\\";b\" ; c",
            "x \"a\\é;\" ;",
            "x \"\\é\";é",
            "[@a; @b] ; c",
            "]]; x",
            "[[;]; y",
            "é;ü",
            "\"unclosed ; still a string",
            "x \"\\",
            "; at once",
            "",
        ];
        for line in lines {
            assert_eq!(split_comment(line), split_comment_by_chars(line), "{line:?}");
        }
    }

    #[test]
    fn flags_are_the_words_of_their_table() {
        for (word, flag) in Flag::ALL {
            assert_eq!(Flag::from_word(word), Some(flag));
            assert_eq!(flag.word(), word);
        }
        for word in ["", "Up", "upp", "u", "maxi", "estimates", "exact", "complete", "first"] {
            assert_eq!(Flag::from_word(word), None, "{word:?}");
        }
    }
}

/// Every `.claims` file under `dir`, with its text.
fn claims_files(dir: &std::path::Path, files: &mut Vec<(std::path::PathBuf, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.is_dir() {
            claims_files(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "claims") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            files.push((path, text));
        }
    }
}

#[test]
fn entries_handed_over_in_batches_of_any_size_are_the_entries_of_the_whole_file() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    claims_files(&root.join("fixtures"), &mut files);
    claims_files(&root.join("claims"), &mut files);
    files
        .push(("edges".into(), "x: 2001 shares m\n  a 5%\n  > q ; allow(x)\n> stray\n2001 m = 5\n  b 6%\n;c\n".into()));
    assert!(files.len() > 50, "the fixtures are read");
    let mut all_records = 0;
    for (path, text) in &files {
        let (whole, findings) = parse(FileId(0), text);
        for full in [1, 2, 3, 64] {
            let mut batches: Vec<Entry> = Vec::new();
            let mut entries = Vec::new();
            let (allows, batch_findings) = super::parse_into(FileId(0), text, &mut entries, full, |batch| {
                assert!(batch.len() >= full, "{path:?}: a batch is handed over only when full");
                batches.append(batch);
            });
            batches.append(&mut entries);
            assert_eq!(batches, whole.entries, "{path:?}, batches of {full}");
            assert_eq!(allows, whole.allows, "{path:?}, batches of {full}");
            assert_eq!(format!("{batch_findings:?}"), format!("{findings:?}"), "{path:?}, batches of {full}");
        }
        let mut each: Vec<Entry> = Vec::new();
        super::parse_each(FileId(0), text, |entry| each.push(entry));
        assert_eq!(each, whole.entries, "{path:?}: one by one");
        // A run's items are the same entries, each claim of the common shape a record of it.
        let mut items = Vec::new();
        let (allows, item_findings) = super::parse_each(FileId(0), text, |item| items.push(item));
        let records = items.iter().filter(|item| matches!(item, Item::Claim(_))).count();
        let entries: Vec<Entry> = items
            .into_iter()
            .map(|item| match item {
                Item::Claim(record) => {
                    let line = record.line_in(text);
                    record.entry(line)
                }
                Item::Entry(entry) => *entry,
            })
            .collect();
        assert_eq!(entries, whole.entries, "{path:?}: as items");
        assert_eq!(allows, whole.allows, "{path:?}: as items");
        assert_eq!(format!("{item_findings:?}"), format!("{findings:?}"), "{path:?}: as items");
        all_records += records;
    }
    assert!(all_records > 200, "the fixtures' claims are mostly of the common shape: {all_records}");
}

#[test]
fn marked_lines_are_the_lines_and_tell_which_hold_a_semicolon() {
    let texts = ["", "\n", "a", "a\n", "a;b\nc\n;\n\n", "\u{feff}x; y\r\nz", "a\nb;", ";;\n;", "x\n\ny;\nz"];
    for text in texts {
        let marked: Vec<_> = super::parser::marked_lines(text).collect();
        let plain: Vec<_> = super::parser::lines(text).collect();
        assert_eq!(marked.len(), plain.len(), "{text:?}");
        for ((base, raw, semicolon), (plain_base, plain_raw)) in marked.into_iter().zip(plain) {
            assert_eq!((base, raw), (plain_base, plain_raw), "{text:?}");
            assert_eq!(semicolon, raw.contains(';'), "{text:?}: {raw:?}");
        }
    }
}

/// Generated claim lines: the common shape with each of its parts varied, written with odd
/// spacing, cut short or with a wider character put in.
mod generated_claim_lines {
    use super::super::cursor::Cursor;
    use super::super::{directive, fast, parser};

    /// One of `usual`, or now and then one of `odd`.
    fn pick<'a>(rng: &mut fastrand::Rng, usual: &[&'a str], odd: &[&'a str]) -> &'a str {
        if odd.is_empty() || rng.u32(..12) != 0 {
            usual[rng.usize(..usual.len())]
        } else {
            odd[rng.usize(..odd.len())]
        }
    }

    /// The white space between two parts: mostly one space.
    fn gap(rng: &mut fastrand::Rng) -> &'static str {
        match rng.u32(..100) {
            0 => "",
            1 => "  ",
            2 => "\t",
            3 => " \t ",
            4 => "\u{b}",
            5 => "\u{a0}",
            _ => " ",
        }
    }

    fn digits(rng: &mut fastrand::Rng, len: usize) -> String {
        (0..len).map(|_| char::from(b'0' + rng.u8(..10))).collect()
    }

    fn date(rng: &mut fastrand::Rng) -> String {
        let year = match rng.u32(..60) {
            0 => "0000".to_string(),
            1 => "199".to_string(),
            2 => "20011".to_string(),
            _ => format!("{}", 1890 + rng.u32(..160)),
        };
        let month = match rng.u32(..40) {
            0 => "00".to_string(),
            1 => "13".to_string(),
            2 => "1".to_string(),
            _ => format!("{:02}", 1 + rng.u32(..12)),
        };
        let day = match rng.u32(..10) {
            0 => "00".to_string(),
            1 => "29".to_string(),
            2 => "30".to_string(),
            3 => "31".to_string(),
            4 => "32".to_string(),
            _ => format!("{:02}", 1 + rng.u32(..28)),
        };
        match rng.u32(..44) {
            0..=11 => year,
            12..=25 => format!("{year}-{month}"),
            26..=39 => format!("{year}-{month}-{day}"),
            40 => format!("~{year}"),
            41 => format!("{year}s"),
            42 => format!("{year}..{}", rng.u32(1990..2030)),
            _ => format!("{} {year}", pick(rng, &["early", "mid", "late", "mid-"], &[])),
        }
    }

    fn number(rng: &mut fastrand::Rng) -> String {
        let whole = rng.usize(1..6);
        let (few, some, many) = (rng.usize(1..4), rng.usize(..4), rng.usize(..10));
        match rng.u32(..60) {
            0 => digits(rng, 19),
            1 => digits(rng, 20 + many),
            2 => format!("{}.{}", digits(rng, 1), digits(rng, 16 + some)),
            3 => format!("{},{}", digits(rng, few), digits(rng, 2 + some)),
            4 => format!("{}_{}", digits(rng, 2), digits(rng, 3)),
            5 => format!("{}/{}", digits(rng, 1), digits(rng, 1)),
            6 => format!("{}.", digits(rng, whole)),
            7 => format!("{}.{}.{}", digits(rng, 1), digits(rng, 1), digits(rng, 1)),
            8 => format!("{}e3", digits(rng, 1)),
            9 => format!("-{}", digits(rng, whole)),
            10 => "?".to_string(),
            11 => format!("{}..{}", digits(rng, whole), digits(rng, whole)),
            12 => format!("0{}", digits(rng, whole)),
            13..=40 => format!("{}.{}", digits(rng, whole), digits(rng, few)),
            _ => digits(rng, whole),
        }
    }

    fn value(rng: &mut fastrand::Rng) -> String {
        let cmp = match rng.u32(..80) {
            0 => "~",
            1 => "<",
            2 => ">",
            3 => ">=",
            4 => "≈",
            5 => "",
            _ => "=",
        };
        let dollar = match rng.u32(..20) {
            0..=8 => "",
            9 => "$ ",
            10 => "€",
            _ => "$",
        };
        let scale = pick(rng, &["", "", "m", "bn", "k", "tn", " m", " bn"], &[" million", "M", "m%", "mn", " k k"]);
        let unit = pick(
            rng,
            &["", "", "", "%", " %", " km", " USD", " Mtoe/yr"],
            &[" EUR", " km..", " m", " up", " exact", " km/.", " x^2"],
        );
        let range = if rng.u32(..25) == 0 { format!("..{}", number(rng)) } else { String::new() };
        format!("{cmp}{}{dollar}{}{scale}{unit}{range}", gap(rng), number(rng))
    }

    fn citation(rng: &mut fastrand::Rng) -> String {
        let key = pick(rng, &["src1867", "k", "a_b", "K9"], &["a:b.c", "{a b}", "", "a-b", "é"]);
        let page = || "p. 12";
        let locator = match rng.u32(..14) {
            0 => String::new(),
            1 => page().to_string(),
            2 => format!("{}-{}", rng.u32(1..300), rng.u32(1..300)),
            3 => format!("{}-", rng.u32(1..300)),
            4 => "99999999999999999999999".to_string(),
            5 => format!("pp. {}-{}", rng.u32(1..99), rng.u32(1..99)),
            6 => format!("{}, {}", rng.u32(1..99), rng.u32(1..99)),
            7 => "fig. 3-1".to_string(),
            _ => format!("{}", rng.u32(0..1000)),
        };
        let inner = match rng.u32(..30) {
            0 => format!("@{key}; @k2"),
            1 => format!("see @{key}"),
            2 => format!("@{key}, {locator}; @k2, 3"),
            3 if !locator.is_empty() => format!("@{key},{locator}"),
            4 => format!("@{key} "),
            _ if locator.is_empty() => format!("@{key}"),
            _ => format!("@{key}, {locator}"),
        };
        let close = if rng.u32(..30) == 0 { "" } else { "]" };
        format!("[{inner}{close}")
    }

    /// A claim line, or something near one.
    fn line(rng: &mut fastrand::Rng) -> String {
        let mut line = String::new();
        match rng.u32(..12) {
            0 => {}
            1 => line.push_str(pick(rng, &["x:", "up:", "a.b-c_d:", "event:"], &["x :", "2001:", "é:", "x:y"])),
            _ => line.push_str(&format!("f{}i{}y{}:", rng.u32(..10), rng.u32(..10), rng.u32(..40))),
        }
        if !line.is_empty() {
            line.push_str(gap(rng));
        }
        line.push_str(&date(rng));
        line.push_str(gap(rng));
        line.push_str(pick(rng, &["flow1", "m", "gdp_2", "a-b.c"], &["event", "shares", "total", "mé", "m.", "as-of"]));
        match rng.u32(..8) {
            0 => {}
            1 => line.push_str(&format!(
                "{}{}",
                gap(rng),
                pick(rng, &["up", "target", "x."], &["\"item\"", "i j", "#tag"])
            )),
            _ => line.push_str(&format!("{}item{}", gap(rng), rng.u32(..10))),
        }
        line.push_str(gap(rng));
        line.push_str(&value(rng));
        for _ in 0..rng.usize(..3) {
            line.push_str(gap(rng));
            line.push_str(pick(rng, &["up", "down", "up", "max", "min"], &["exact", "foo", "#tag", "target", "up2"]));
        }
        if rng.u32(..8) != 0 {
            line.push_str(gap(rng));
            line.push_str(&citation(rng));
        }
        line.push_str(pick(
            rng,
            &["", "", " ", "\r", " ; a comment", ";allow(uncited)"],
            &["\t", " x", " [@b]", " #t", " ;", "]"],
        ));
        let mut chars: Vec<char> = line.chars().collect();
        match rng.u32(..20) {
            0 => chars.truncate(rng.usize(..=chars.len())),
            1 => chars.insert(rng.usize(..=chars.len()), pick_char(rng)),
            _ => {}
        }
        chars.into_iter().collect()
    }

    fn pick_char(rng: &mut fastrand::Rng) -> char {
        ['é', '\u{a0}', '−', '€', ' ', '.', '0', 'x', ';', ']', '$', '%'][rng.usize(..12)]
    }

    #[test]
    fn the_fast_path_reads_a_generated_line_only_as_the_general_parser_does() {
        let mut rng = fastrand::Rng::with_seed(0xC1A1_5EED);
        let (mut read, mut declined) = (0, 0);
        for _ in 0..150_000 {
            let raw = line(&mut rng);
            let content = parser::split_comment(raw.strip_suffix('\r').unwrap_or(&raw)).0;
            let base = rng.usize(..1_000_000);
            let Some(record) = fast::record(content, base) else {
                declined += 1;
                continue;
            };
            read += 1;
            let mut cursor = Cursor::new(content, base);
            let general = directive::entry(&mut cursor);
            assert!(cursor.take_invalid_dates().is_empty(), "{raw:?}: the general parser reports an invalid date");
            match general {
                Ok(general) => assert_eq!(record.entry(content), general, "{raw:?}: the fast path reads another entry"),
                Err(error) => panic!("{raw:?}: the fast path reads it, the general parser fails: {}", error.message),
            }
        }
        // Both ways are taken, many times over.
        assert!(read > 25_000 && declined > 25_000, "read {read}, declined {declined}");
    }
}
