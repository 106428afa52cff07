//! The flagship example: the transcription of the seed article in `claims/`. Its report and
//! timeline are snapshot-tested; with the article present, every quote is checked against it.

use std::path::Path;
use std::process::Command;

const CLAIMS: &str = "claims/kembayev-2020.claims";
const ARTICLE: &str = "../shared/seeds/kembayev-2020-china-kazakhstan.txt";

fn run(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .output()
        .expect("binary runs");
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_report_shows_the_articles_two_contradictions() {
    let (code, report) = run(&["check", CLAIMS, "--color", "never"]);
    assert_eq!(code, Some(1));
    assert!(report.contains("× acquisition PetroKazakhstan for 2005-08 is flagged `largest`"), "{report}");
    assert!(report.contains("× oil-share for 2013-09 is flagged `up`"), "{report}");
    assert!(report.trim_end().ends_with("2 errors, 0 warnings in 1 file (144 claims)"), "{report}");
    insta::assert_snapshot!("kembayev_report", report);
}

#[test]
fn the_timeline_lists_every_dated_claim_and_event_in_order() {
    let (code, timeline) = run(&["timeline", CLAIMS]);
    assert_eq!(code, Some(0));
    assert!(timeline.lines().count() > 100);
    insta::assert_snapshot!("kembayev_timeline", timeline);
}

#[test]
fn every_quote_is_found_in_the_article() {
    if !Path::new(env!("CARGO_MANIFEST_DIR")).join(ARTICLE).is_file() {
        println!("note: skipped: {ARTICLE} is absent, so the quotes cannot be checked against the article");
        return;
    }
    let (code, report) = run(&["check", CLAIMS, "--manuscript", ARTICLE, "--format", "short"]);
    assert_eq!(code, Some(1));
    let codes: Vec<&str> = report.lines().filter_map(|l| l.split('[').nth(1)?.split(']').next()).collect();
    assert_eq!(codes, ["record", "trend"], "only the article's own contradictions:\n{report}");
}
