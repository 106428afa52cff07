//! Inputs that once crashed, hung or blew up (found by the fuzzers in fuzz/ or by the hostile
//! inputs), kept so that they never do again. Each is named after what went wrong.
//!
//! `tests/data/regressions/*.claims` run through the built binary in every format: no panic,
//! an exit status that matches the report (0 without errors, 1 with errors, 2 only with a
//! message on stderr), within 20 s; and through `fmt`, which must be idempotent and keep the
//! findings. `*.lsp` files are a language server's whole stdin, run in-process: every request
//! gets one response.

use claimcheck::lsp::fuzz_entry::serve_bytes;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const FORMATS: [&str; 6] = ["human", "short", "json", "sarif", "github", "rdjson"];

/// A debug build; release builds take a fraction of it.
const TIME_BOUND: Duration = Duration::from_secs(20);

fn regressions(extension: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/data/regressions")
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|x| x == extension))
        .collect();
    files.sort();
    files
}

fn sorted_codes(text: &str) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> =
        claimcheck::check_text("regression.claims", text).findings.iter().map(|f| f.code()).collect();
    codes.sort_unstable();
    codes
}

#[test]
fn claims_regressions_exit_cleanly_in_every_format() {
    let files = regressions("claims");
    assert!(!files.is_empty());
    for path in &files {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let dir = path.parent().expect("a folder");
        let mut errors = None;
        for format in FORMATS {
            let started = Instant::now();
            let output = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
                .args(["check", "--format", format, &name])
                .current_dir(dir)
                .output()
                .expect("binary runs");
            let elapsed = started.elapsed();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(elapsed < TIME_BOUND, "{name} --format {format}: took {elapsed:?}");
            assert!(!stderr.contains("panicked"), "{name} --format {format}: {stderr}");
            let code = output.status.code();
            if format == "json" {
                let report: Value = serde_json::from_slice(&output.stdout).expect("JSON report");
                errors = report["summary"]["errors"].as_u64();
            }
            match code {
                Some(0 | 1) => {}
                Some(2) => assert!(!stderr.trim().is_empty(), "{name}: exit 2 without a message"),
                other => panic!("{name} --format {format}: exit status {other:?}: {stderr}"),
            }
            if let (Some(errors), Some(code @ (0 | 1))) = (errors, code) {
                assert_eq!(code == 1, errors > 0, "{name} --format {format}: exit {code} with {errors} errors");
            }
        }
        let text = std::fs::read_to_string(path).expect("UTF-8 regression");
        let once = claimcheck::fmt::format(&text);
        assert_eq!(claimcheck::fmt::format(&once), once, "{name}: fmt is not idempotent");
        assert_eq!(sorted_codes(&text), sorted_codes(&once), "{name}: fmt changed the findings");
    }
}

#[test]
fn language_server_regressions_answer_every_request() {
    for path in regressions("lsp") {
        let input = std::fs::read(&path).expect("readable");
        let started = Instant::now();
        let exchange = serve_bytes(&input);
        assert!(started.elapsed() < TIME_BOUND, "{}: took {:?}", path.display(), started.elapsed());
        assert_eq!(exchange.requests, exchange.responses, "{}: {exchange:?}", path.display());
    }
}
