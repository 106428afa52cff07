//! Property test: random bytes and random mutations of the fixtures never panic the
//! pipeline or any renderer. Seeded, so a failure reproduces; `CLAIMCHECK_CASES=N` runs more.

use claimcheck::report::{self, Format, Options};
use std::path::Path;

fn cases(default: usize) -> usize {
    std::env::var("CLAIMCHECK_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn check_everything(text: &str) {
    let outcome = claimcheck::check_text("fuzz.claims", text);
    for format in [Format::Human, Format::Short, Format::Json, Format::Sarif, Format::Github, Format::Rdjson] {
        let _ = report::render(&outcome, format, &Options::default());
    }
}

fn fixture_texts() -> Vec<String> {
    let mut texts = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut dirs: Vec<_> = std::fs::read_dir(root).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
        files.sort();
        texts.extend(
            files
                .iter()
                .filter(|p| p.extension().is_some_and(|x| x == "claims"))
                .filter_map(|p| std::fs::read_to_string(p).ok()),
        );
    }
    texts
}

/// Pieces of the language, so that mutations reach deep into the parser.
const TOKENS: &[&str] = &[
    "2000",
    "1997-06",
    "1999-02-29",
    "~",
    "early ",
    "1990s",
    "..",
    "=",
    ">=",
    "≈",
    "$",
    "€",
    "bn",
    "%",
    "1/3",
    "1/0",
    "?",
    "exact",
    "event",
    "shares",
    "total",
    "assert",
    "order",
    "<",
    "(",
    ")",
    "*",
    "/",
    "-",
    "[@",
    "]",
    ";",
    "#",
    "\"",
    "\\",
    "\n",
    "\r\n",
    "    ",
    "> ",
    ":",
    "@",
    "after",
    "by",
    "1mo",
    "lasting",
    "first",
    "complete",
    "up",
    "largest",
    "max",
];

fn mutate(rng: &mut fastrand::Rng, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..rng.usize(1..8) {
        let at = rng.usize(0..=chars.len());
        match rng.u8(0..4) {
            0 if !chars.is_empty() => {
                let end = (at + rng.usize(1..10)).min(chars.len());
                chars.drain(at.min(end)..end);
            }
            1 => {
                let token = TOKENS[rng.usize(0..TOKENS.len())];
                chars.splice(at..at, token.chars());
            }
            2 => chars.insert(at, char::from_u32(rng.u32(0..0x3000)).unwrap_or('x')),
            _ if !chars.is_empty() => {
                let from = rng.usize(0..chars.len());
                let end = (from + rng.usize(1..40)).min(chars.len());
                let copy: Vec<char> = chars[from..end].to_vec();
                chars.splice(at..at, copy);
            }
            _ => {}
        }
    }
    chars.into_iter().collect()
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = fastrand::Rng::with_seed(0xC1A1);
    for _ in 0..cases(300) {
        let len = rng.usize(0..400);
        let bytes: Vec<u8> = (0..len).map(|_| rng.u8(..)).collect();
        check_everything(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn random_token_soup_never_panics() {
    let mut rng = fastrand::Rng::with_seed(7);
    for _ in 0..cases(300) {
        let text: String = (0..rng.usize(0..60))
            .map(|_| TOKENS[rng.usize(0..TOKENS.len())])
            .collect::<Vec<_>>()
            .join(if rng.bool() { " " } else { "" });
        check_everything(&text);
    }
}

#[test]
fn mutated_fixtures_never_panic() {
    let texts = fixture_texts();
    assert!(!texts.is_empty());
    let mut rng = fastrand::Rng::with_seed(42);
    for _ in 0..cases(600) {
        let base = &texts[rng.usize(0..texts.len())];
        check_everything(&mutate(&mut rng, base));
    }
}
