//! The fast path for claim lines against the general parser: wherever the fast path reads a
//! line, the general parser reads it to the very same entry, spans included.

use super::ast::Entry;
use super::cursor::Cursor;
use super::directive;
use super::fast;
use super::parser::{self, split_comment};
use super::tokens;
use std::path::Path;

/// Where the lines are placed in their imagined file: spans must be offset by it.
const BASE: usize = 1000;

/// What the parser hands the fast path for a raw line: its text before any comment.
fn content(line: &str) -> &str {
    split_comment(line.strip_suffix('\r').unwrap_or(line)).0
}

/// The entry the fast path reads from `line`, after checking that the general parser reads
/// the same one from it, with no impossible date reported.
fn checked(line: &str) -> Option<Entry> {
    let text = content(line);
    let fast = fast::record(text, BASE)?.entry(text);
    let mut cursor = Cursor::new(text, BASE);
    let general = directive::entry(&mut cursor);
    assert!(cursor.take_invalid_dates().is_empty(), "{line:?}: the general parser reports an invalid date");
    match general {
        Ok(general) => assert_eq!(fast, general, "{line:?}: the fast path reads another entry"),
        Err(error) => panic!("{line:?}: the fast path reads {fast:?}, the general parser fails: {}", error.message),
    }
    Some(fast)
}

/// The lines of the generator's file (`benches/support/generator.rs`), in each of its shapes.
fn generated_lines() -> Vec<String> {
    let mut lines = vec!["as-of 2030-01".to_string(), "tolerance 10%".to_string()];
    for s in 0..3 {
        lines.push(format!("source src{s} \"Author {s}, Title of work {s}\" {}", 2025 + s));
        lines.push(format!("measure flow{s} \"Trade flow number {s}\" unit USD"));
        lines.push(format!("measure share{s} \"Partner share of flow {s}\" unit %"));
    }
    for (n, value) in [1, 9, 10, 628, 1000, 9999, 12345].into_iter().enumerate() {
        let flag = ["", " up", " down"][n % 3];
        let month = 1 + n * 5 % 12;
        let shown = format!("{}.{}", value / 10, value % 10);
        lines.push(format!(
            "f{n}i{n}y{n}: {}-{month:02} flow{n} item{n} = ${shown}m{flag} [@src{n}, {}]",
            1990 + n,
            1 + n * 41
        ));
        lines.push(format!("  > flow {n} of item {n} reached ${shown}m"));
        lines.push(format!("    item{n} {shown}%"));
        lines.push(format!("    item{n} ${value}m"));
    }
    lines.push("2010 shares share0 complete [@src0]".into());
    lines.push("tot0: 2011 total parts0 = $4321m [@src0]".into());
    lines.push("assert tot0 > f0i0y0 [@src0]".into());
    lines.push("ev0x0: 1990 event \"Event 0 of flow 0\" [@src0]".into());
    lines.push("ev0x1: 1993 event \"Event 1 of flow 0\" after ev0x0 [@src0]".into());
    lines.push("order ev0x0 < ev0x1 < ev0x2".into());
    lines
}

/// Every line of every `.claims` file under `dir`.
fn lines_under(dir: &Path, lines: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            lines_under(&path, lines);
        } else if path.extension().is_some_and(|ext| ext == "claims") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            lines.extend(text.split('\n').map(str::to_string));
        }
    }
}

/// The fixtures' and the seed article's lines, the generator's, and hand-picked ones.
fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut lines = Vec::new();
    lines_under(&root.join("fixtures"), &mut lines);
    lines_under(&root.join("claims"), &mut lines);
    assert!(lines.len() > 1000, "the fixtures and claims/ are read");
    lines.extend(generated_lines());
    lines.extend(ACCEPTED.iter().chain(DECLINED).map(|line| line.to_string()));
    lines
}

/// Lines of the common shape, in its variations: the fast path reads them.
const ACCEPTED: &[&str] = &[
    "f0i0y3: 1993-08 flow0 item0 = $628.5m up [@src1417, 178]",
    "2001 flow = 5",
    "x: 2001-02-28 m i = 1,780 km max min [@k]",
    "x:\t2004-02-29\tm\ti\t=\t1_000\tdown\t[@k, 3]\t",
    "2001 m = 5.8%",
    "2001 m = 5.80 %",
    "2001 m = 1/3",
    "2001 m=5 up",
    "2001 m = 5up",
    "2001 m = $ 5 bn",
    "2001 m = 12 k",
    "2001 m = 12 tn km",
    "2001 m = 5 foo",
    "2001 m = $5 USD",
    "2001 m = 5 Mtoe/yr",
    "2001 m = 5 up up down",
    "2001 m = 5 [@a, pp. 33-35]",
    "2001 m = 5 [@a, 121-22]",
    "2001 m = 5 [@a, fig. 3-1]",
    "2001 m = 5 [@a foo]",
    "2001 m = 5 [@{a b}]",
    "2001 m = 5 [@a:b.c, 99999999999999999999999]",
    "2001 m = 5 ; a comment [@b]",
    "2001 m = 5 [@a] ; allow(uncited)",
    "2001 m = 5\r",
    // Never handed over (an indented line is a block member), but read alike.
    "  2001 m = 5",
    "up: 2001 up up = 5 up",
    "event: 2001 m = 5",
    "0001 m = 0",
    "2001 m = 0.000000000000000000000000001",
    "2001 m = 123456789012345678901234567890",
];

/// Lines the fast path leaves to the general parser, whether they parse or not.
const DECLINED: &[&str] = &[
    "2001-13 m = 5",
    "2001-02-30 m = 5",
    "2001-00 m = 5",
    "~2001 m = 5",
    "2001..2003 m = 5",
    "1990s m = 5",
    "early 2001 m = 5",
    "mid-2001 m = 5",
    "2001 m ~ 5",
    "2001 m > 5",
    "2001 m >= 5",
    "2001 m ≈ 5",
    "2001 m = 5..6",
    "2001 m = 5 ..6",
    "2001 m = ?",
    "2001 m = 5 exact",
    "2001 m = 5 #tag",
    "2001 m #tag = 5",
    "2001 m = 5 up #tag [@a]",
    "2001 m = 5 [@a] #tag",
    "2001 m = 5 [@a; @b]",
    "2001 m = 5 [see @a]",
    "2001 m = 5 [@a] up",
    "2001 m = 5 [@a] [@b]",
    "2001 m = 5 [@a",
    "2001 m \"item\" = 5",
    "2001 m = €5",
    "2001 m = -5",
    "2001 m = -$5",
    "2001 m = USD 5",
    "2001 m = $5 km",
    "2001 m = $5m %",
    "2001 m = 5 up foo",
    "2001 m = 1/0",
    "2001 m = 12,00",
    "2001 m = 5 km bn",
    "2001 m = 5 bn k",
    "2001 m i j = 5",
    "2001 m. = 5",
    "2001 m",
    "2001 m =",
    "2001 m = $",
    "2001 event \"x\"",
    "2001 shares m",
    "2001 total m = 5",
    "source a",
    "measure m",
    "assert a > b",
    "order a < b",
    "as-of 2001",
    "x:2001 m = 5",
    "x : 2001 m = 5",
    "2001: m = 5",
    "2001m = 5",
    "2001-05-flow = 5",
    "> 2001 m = 5",
    "2001 m = 5 déjà",
    "2001 mé = 5",
    "2001\u{a0}m = 5",
];

#[test]
fn the_common_shapes_are_read_fast_and_the_others_are_not() {
    for line in ACCEPTED {
        assert!(checked(line).is_some(), "{line:?}: the fast path should read it");
    }
    for line in DECLINED {
        assert!(checked(line).is_none(), "{line:?}: the fast path should leave it to the general parser");
    }
    for line in generated_lines() {
        let claim = line.starts_with('f') && line.contains(" = $");
        assert_eq!(checked(&line).is_some(), claim, "{line:?}");
    }
}

#[test]
fn the_fast_path_reads_every_fixture_line_as_the_general_parser_does() {
    let lines = corpus();
    let read = lines.iter().filter(|line| checked(line).is_some()).count();
    // The fixtures are mostly claims of the common shape.
    assert!(read > 250, "the fast path reads {read} of {} lines", lines.len());
}

/// A small deterministic generator (xorshift): the same mutations on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// What a mutation inserts or writes over: the characters the grammar gives a meaning to.
const ALPHABET: &[char] = &[
    '0', '1', '2', '5', '9', 'a', 'b', 'k', 'm', 'n', 'p', 's', 't', 'u', 'x', 'z', 'A', 'U', 'S', 'D', '.', ':', ',',
    ';', '[', ']', '@', '$', '€', '%', '~', '?', '=', '<', '>', '-', '_', ' ', '"', '\'', '\t', '/', '#', '{', '}',
    '\r', '\u{b}', '\u{a0}', '−',
];

/// `line` with one to three characters inserted, deleted or replaced.
fn mutate(line: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = line.chars().collect();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(chars.len() + 1);
        match rng.below(3) {
            0 => chars.insert(at, ALPHABET[rng.below(ALPHABET.len())]),
            1 if at < chars.len() => {
                chars.remove(at);
            }
            _ if at < chars.len() => chars[at] = ALPHABET[rng.below(ALPHABET.len())],
            _ => chars.push(ALPHABET[rng.below(ALPHABET.len())]),
        }
    }
    chars.into_iter().collect()
}

#[test]
fn mutated_lines_are_read_fast_only_as_the_general_parser_reads_them() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let lines: Vec<String> = corpus().into_iter().filter(|line| checked(line).is_some()).collect();
    let (mut read, mut declined) = (0, 0);
    for line in &lines {
        for _ in 0..100 {
            match checked(&mutate(line, &mut rng)) {
                Some(_) => read += 1,
                None => declined += 1,
            }
        }
    }
    // Both outcomes are exercised, many times over.
    assert!(read > 3000 && declined > 3000, "read {read}, declined {declined}");
}

/// Lines near the edges of the fast path's shape: each is read fast only as the general
/// parser reads it (whichever path reads it).
const EDGES: &[&str] = &[
    "x: 2000 m = $5 USD",
    "x: 2000 m = $5 EUR",
    "2000 m = $5m USD",
    "2000 m = $ 5m",
    "2000 m = 5 %",
    "2000 m = 5 bn",
    "2000 m = 5m",
    "2000 m = 5 m",
    "2000 m = 5 m m",
    "2000 m = 1/3",
    "2000 m = 05.50",
    "2000 m = 0",
    "2000 m = 5.",
    "2000 m = 5.5.5",
    "2000 m = 9999999999999999999",
    "2000 m = 99999999999999999999",
    "2000 m = 0.00000000000000001",
    "2000 m = 0.000000000000000001",
    "2000 m = 5 up up down",
    "2000 m = 5 up USD",
    "2000 m = 5 [@k, 12-]",
    "2000 m = 5 [@k,12]",
    "2000 m = 5 [@k ]",
    "2000 m = 5 [@k] x",
    "2000 m = 5 [@k, 12-14, 16]",
    "2000 m = 5 [@k, p. 12]",
    "2000 m = 5 [@k, 121-22]",
    "2000 m = 5 [@k, 22-121]",
    "2000 m = 5 [@k]  ",
    "2000 m = 5e3",
    "2000-02-29 m = 5",
    "1900-02-29 m = 5",
    "2000-00 m = 5",
    "0000 m = 5",
    "x:2000 m = 5",
    "x : 2000 m = 5",
    "2000 m item = 5 target",
    "2000 m target = 5",
    "2000 m = 5 target [@k]",
    "2000 m = 1.5,0",
    "2000 m = 1.5_0",
    "2000 m = 1.5/2",
    "2000 m = 1._5",
    "2000 m = 1.",
    "2000 m = $5 %",
    "2000 m = $5%",
    "2000 m = 5%%",
    "2000 m = $5 usd",
    "2000 m = $5m USD up",
    "2000 m = $5 USD/yr",
    "2000 m = $5 USDx",
    "2000 m = 5 km..",
    "2000 m = 5 km.. [@k]",
    "2000 m = 5 km/. up",
    "2000 m = 5 Mtoe/yr^2.",
];

#[test]
fn lines_at_the_edges_are_read_fast_only_as_the_general_parser_reads_them() {
    let read = EDGES.iter().filter(|line| checked(line).is_some()).count();
    assert!(read > 10, "the fast path reads {read} of {} edge lines", EDGES.len());
}

#[test]
fn the_ascii_word_reader_reads_the_words_the_tokenizer_reads() {
    let texts = [
        "m", "m.", "m..", "Mtoe/yr", "km/", "km^2", "a.b.", "bn..2bn", "x-1_y", "p. 12", "a/b/", "9x", " x", "", "u..",
        "k/.", "ab.c..d",
    ];
    for text in texts {
        for at in 0..=text.len() {
            let rest = &text[at..];
            assert_eq!(tokens::ascii_word_end(text.as_bytes(), at, false) - at, tokens::ident_len(rest), "{rest:?}");
            assert_eq!(
                tokens::ascii_word_end(text.as_bytes(), at, true) - at,
                tokens::unit_word_len(rest),
                "{rest:?} (a unit)"
            );
        }
    }
}

#[test]
fn marked_lines_are_the_lines_and_tell_which_hold_a_semicolon_wherever_they_fall() {
    let mut rng = Rng(0x5DEE_CE66_D1CE_4E5B);
    for _ in 0..5_000 {
        let len = rng.below(300);
        let text: String = (0..len).map(|_| ['a', ' ', ';', '\n', '\r', 'é', '\u{feff}'][rng.below(7)]).collect();
        let marked: Vec<_> = parser::marked_lines(&text).collect();
        let plain: Vec<_> = parser::lines(&text).collect();
        assert_eq!(marked.len(), plain.len(), "{text:?}");
        for ((base, raw, semicolon), (plain_base, plain_raw)) in marked.into_iter().zip(plain) {
            assert_eq!((base, raw, semicolon), (plain_base, plain_raw, plain_raw.contains(';')), "{text:?}");
        }
    }
}

#[test]
fn a_line_whose_offsets_pass_32_bits_is_left_to_the_general_parser() {
    let line = "2001 m = 5";
    assert!(fast::record(line, u32::MAX as usize - line.len()).is_some());
    assert!(fast::record(line, u32::MAX as usize - line.len() + 1).is_none());
    assert!(fast::record(line, usize::MAX / 2).is_none());
}
