//! The command line around manuscripts and bibliographies: exit 2 naming an unreadable
//! file, `--manuscript`, and `claimcheck coverage` in both formats.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("citations_cli").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temporary folder");
    for (file, text) in files {
        std::fs::write(dir.join(file), text).expect("temporary file");
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> (u8, String, String) {
    let Output { status, stdout, stderr } =
        Command::new(env!("CARGO_BIN_EXE_claimcheck")).args(args).current_dir(dir).output().expect("runs");
    let code = status.code().and_then(|c| u8::try_from(c).ok()).unwrap_or(255);
    (code, String::from_utf8_lossy(&stdout).into_owned(), String::from_utf8_lossy(&stderr).into_owned())
}

const PAPER: &str = "# Trade\n\nIn 2000 China held 5.8 percent of Kazakhstan's trade, worth $1.5bn.\n\
Russia held 29.9% in the same year. Three pipelines were planned for 2006.\n";

const CLAIMS: &str = "manuscript \"paper.md\"\nsource s \"Statistics\" 2021\n\
measure share \"Share of trade\" unit %\nmeasure trade \"Trade\" unit USD\n\
2000 share China = 5.8% [@s]\n  > In 2000 China held 5.8 percent of Kazakhstan's trade\n\
2000 trade = $1.5bn [@s]\n  > worth $1.5bn.\n";

#[test]
fn a_missing_manuscript_or_bibliography_exits_2_with_its_path() {
    let dir = folder("missing", &[("a.claims", "manuscript \"drafts/paper.md\"\n")]);
    let (code, _, stderr) = run(&dir, &["check", "a.claims"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("drafts/paper.md"), "{stderr}");
    let dir = folder("missing-bib", &[("a.claims", "bibliography \"refs.bib\"\n")]);
    let (code, _, stderr) = run(&dir, &["check", "a.claims"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot read the bibliography `refs.bib`"), "{stderr}");
    let dir = folder("missing-override", &[("a.claims", CLAIMS), ("paper.md", PAPER)]);
    let (code, _, stderr) = run(&dir, &["check", "a.claims", "--manuscript", "nowhere.txt"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("nowhere.txt"), "{stderr}");
}

#[test]
fn quotes_are_checked_against_the_manuscript() {
    let dir = folder("check", &[("a.claims", CLAIMS), ("paper.md", PAPER), ("other.md", "Nothing here.\n")]);
    let (code, stdout, _) = run(&dir, &["check", "a.claims", "--format", "short"]);
    assert_eq!((code, stdout.as_str()), (0, ""), "the short format prints findings only");
    let (code, stdout, _) = run(&dir, &["check", "a.claims", "--manuscript", "other.md", "--format", "short"]);
    assert_eq!(code, 1);
    assert_eq!(stdout.matches("error[quote-not-found]").count(), 2, "{stdout}");
}

#[test]
fn coverage_lists_uncovered_numbers_with_a_summary() {
    let dir = folder("coverage", &[("a.claims", CLAIMS), ("paper.md", PAPER)]);
    let (code, stdout, stderr) = run(&dir, &["coverage", "a.claims"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "paper.md:4:13: 29.9% — Russia held 29.9% in the same year.\n\
         paper.md:4:37: Three — Three pipelines were planned for 2006.\n\
         paper.md:4:70: 2006 — Three pipelines were planned for 2006.\n\
         3 of 6 numbers covered\n"
    );
    let (code, json, _) = run(&dir, &["coverage", "--format", "json"]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(report["summary"], serde_json::json!({"numbers": 6, "covered": 3}));
    let first = &report["manuscripts"][0]["uncovered"][0];
    assert_eq!(first["line"], 4);
    assert_eq!(first["kind"], "percentage");
    assert_eq!(first["text"], "29.9%");
}

#[test]
fn coverage_without_a_manuscript_is_a_run_error() {
    let dir = folder("coverage-none", &[("a.claims", "source s \"S\"\n")]);
    let (code, _, stderr) = run(&dir, &["coverage"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--manuscript"), "{stderr}");
}

#[test]
fn an_entry_copied_into_two_bibliographies_is_one_source() {
    let entry = "@book{walker, title={Oil}, year=2019}\n";
    let dir = folder(
        "two-bibliographies",
        &[
            ("refs.bib", entry),
            ("more.bib", entry),
            ("a.claims", "bibliography \"refs.bib\"\nmeasure t \"T\" unit USD\n2000 t = $1.5bn [@walker]\n"),
            ("b.claims", "bibliography \"more.bib\"\n2002 t = $1.5bn [@walker]\n"),
        ],
    );
    let (code, stdout, _) = run(&dir, &["check", "--format", "short", "a.claims", "b.claims"]);
    assert_eq!((code, stdout.as_str()), (0, ""), "the same entry twice is no duplicate");
    std::fs::write(dir.join("more.bib"), "@book{walker, title={Gas}, year=2019}\n").unwrap();
    let (code, stdout, _) = run(&dir, &["check", "--format", "short", "a.claims", "b.claims"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("more.bib:1:7: error[duplicate-source]: source `walker` is defined twice"), "{stdout}");
}
