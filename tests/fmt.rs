//! `claimcheck fmt`: idempotent, and `parse(fmt(x))` yields the same model and the same
//! findings as `parse(x)` — on every fixture, on the shipped example and on mutations of them.

use claimcheck::fmt::format;
use claimcheck::model::{self, build::Parsed};
use claimcheck::source::FileId;
use std::path::Path;
use std::process::{Command, Stdio};

fn claims_files() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    for dir in ["fixtures", "claims"] {
        for entry in walk(&root.join(dir)) {
            paths.push(entry);
        }
    }
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect()
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|x| x == "claims") {
            out.push(path);
        }
    }
    out
}

/// Debug text with every byte offset removed (spans, and where a value's text starts):
/// layout changes positions, nothing else.
fn without_spans(debug: String) -> String {
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    let next = |rest: &str| ["Span { start: ", "written_from: "].iter().filter_map(|p| rest.find(p)).min();
    while let Some(at) = next(rest) {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let close = match after.starts_with("Span") {
            true => after.find('}').map_or(after.len(), |i| i + 1),
            false => after.find(',').unwrap_or(after.len()),
        };
        out.push('_');
        rest = &after[close..];
    }
    out.push_str(rest);
    out
}

fn meaning(text: &str) -> (String, Vec<String>) {
    let (tree, _) = claimcheck::syntax::parse(FileId(0), text);
    let m = model::build(&[Parsed { file: FileId(0), text, tree: &tree }]);
    // A claim's id and written value are read from the text: compared as read.
    let said: Vec<_> = m.claims.iter().map(|c| (m.claim_id(c), m.written(c))).collect();
    let model = format!(
        "{:?}{:?}{:?}{:?}{:?}{:?}{:?}{:?}{:?}{:?}",
        m.claims, said, m.events, m.blocks, m.asserts, m.orders, m.sources, m.measures, m.unresolved, m.duplicates
    );
    let mut findings: Vec<String> = claimcheck::check_text("x.claims", text)
        .findings
        .iter()
        .map(|f| format!("{} {} {:?}", f.code(), f.message, f.help))
        .collect();
    findings.sort();
    (without_spans(model), findings)
}

fn assert_round_trip(text: &str) {
    let once = format(text);
    assert_eq!(format(&once), once, "fmt is not idempotent on:\n{text}");
    let (before_model, before_findings) = meaning(text);
    let (after_model, after_findings) = meaning(&once);
    assert_eq!(before_findings, after_findings, "fmt changed the findings of:\n{text}\n--- formatted:\n{once}");
    assert_eq!(before_model, after_model, "fmt changed the model of:\n{text}\n--- formatted:\n{once}");
}

#[test]
fn round_trip_on_every_fixture_and_example() {
    let files = claims_files();
    assert!(files.len() > 10);
    for text in &files {
        assert_round_trip(text);
    }
}

#[test]
fn the_shipped_example_is_in_canonical_layout() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("claims/kembayev-2020.claims");
    let text = std::fs::read_to_string(path).expect("the shipped example");
    assert!(format(&text) == text, "`claimcheck fmt claims/` changes the shipped example");
}

#[test]
fn round_trip_on_mutated_lines() {
    let files = claims_files();
    let mut rng = fastrand::Rng::with_seed(11);
    for _ in 0..400 {
        let text = &files[rng.usize(0..files.len())];
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        for _ in 0..rng.usize(1..6) {
            if lines.is_empty() {
                break;
            }
            let i = rng.usize(0..lines.len());
            let line = std::mem::take(&mut lines[i]);
            lines[i] = match rng.u8(0..4) {
                0 => line.replace(' ', "   "),
                1 => line.replacen(' ', "", 1),
                2 => format!("  {line}"),
                _ => format!("{line} ; comment"),
            };
        }
        assert_round_trip(&(lines.join("\n") + "\n"));
    }
}

/// A fresh folder of the test's own holding `a.claims` with `text`, and the binary to run in it.
fn folder_with_a_claims(name: &str, text: &str) -> (std::path::PathBuf, &'static str) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.claims"), text).unwrap();
    (dir, env!("CARGO_BIN_EXE_claimcheck"))
}

#[test]
fn check_prints_a_diff_and_exits_1_and_writing_fixes_the_file() {
    let (dir, bin) = folder_with_a_claims("fmt-cli", "2000   trade = $1.5bn\n");
    let check = Command::new(bin).args(["fmt", "--check", "a.claims"]).current_dir(&dir).output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    let diff = String::from_utf8(check.stdout).unwrap();
    assert!(diff.contains("-2000   trade = $1.5bn\n+2000 trade = $1.5bn\n"), "{diff}");
    let write = Command::new(bin).args(["fmt", "a.claims"]).current_dir(&dir).output().unwrap();
    assert_eq!(write.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(dir.join("a.claims")).unwrap(), "2000 trade = $1.5bn\n");
    let clean = Command::new(bin).args(["fmt", "--check", "a.claims"]).current_dir(&dir).output().unwrap();
    assert_eq!(clean.status.code(), Some(0));
    assert!(clean.stdout.is_empty());
    let mut stdin = Command::new(bin).args(["fmt", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    std::io::Write::write_all(&mut stdin.stdin.take().unwrap(), b"order a<b\n").unwrap();
    assert_eq!(stdin.wait_with_output().unwrap().stdout, b"order a < b\n");
    let missing = Command::new(bin).args(["fmt", "nope.claims"]).current_dir(&dir).output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn a_byte_order_mark_is_kept_and_the_first_line_still_formatted() {
    let text = "\u{feff}source   s \"S\" 2000\nmeasure x \"X\" unit USD\n2000 x = 1 [@s]\n";
    let formatted = format(text);
    assert_eq!(formatted, "\u{feff}source s \"S\" 2000\nmeasure x \"X\" unit USD\n2000 x = 1 [@s]\n");
    assert_eq!(format(&formatted), formatted);
    assert!(claimcheck::check_text("bom.claims", text).findings.is_empty());
    // Leading blank lines go, as they do without the mark.
    assert_eq!(format(&format!("\u{feff}\n\n{}", &text[3..])), formatted);
}

#[test]
fn lines_left_as_written_because_they_do_not_parse_are_named_on_stderr() {
    let (dir, bin) = folder_with_a_claims("fmt-unparsed", "source s \"S\"\n2000  m = = 5% [@s]\n2001   m = 5% [@s]\n");
    let check = Command::new(bin).args(["fmt", "--check", "a.claims"]).current_dir(&dir).output().unwrap();
    let stderr = String::from_utf8(check.stderr).unwrap();
    assert_eq!(
        stderr,
        "warning: a.claims:2:11: left as written: syntax: expected a value such as `5.8%`, `$4.3bn`, `1/3` or `1,780 km` after `=`\n"
    );
    // The rest is formatted, and the status is the layout's: failing the bad line is `check`'s job.
    assert_eq!(check.status.code(), Some(1));
    let diff = String::from_utf8(check.stdout).unwrap();
    assert!(diff.contains("+2001 m = 5% [@s]\n") && !diff.contains("+2000 m"), "{diff}");
    let write = Command::new(bin).args(["fmt", "a.claims"]).current_dir(&dir).output().unwrap();
    assert!(String::from_utf8(write.stderr).unwrap().contains("a.claims:2:11: left as written"));
    let formatted = std::fs::read_to_string(dir.join("a.claims")).unwrap();
    assert_eq!(formatted, "source s \"S\"\n2000  m = = 5% [@s]\n2001 m = 5% [@s]\n");
}
