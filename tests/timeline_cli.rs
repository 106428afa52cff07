//! `claimcheck timeline` end to end, on the built binary.

use std::process::{Command, Output};

fn timeline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .arg("timeline")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn lists_a_file_in_date_order() {
    let output = timeline(&["fixtures/timeline/valid.claims"]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn json_lists_the_same_entries() {
    let human = stdout(&timeline(&["fixtures/timeline/valid.claims"]));
    let output = timeline(&["--format", "json", "fixtures/timeline/valid.claims"]);
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let entries = json["entries"].as_array().expect("an entries array");
    assert_eq!(entries.len(), human.lines().count());
    let derived: Vec<&str> = entries.iter().filter(|e| e["derived"] == true).filter_map(|e| e["id"].as_str()).collect();
    assert_eq!(derived, ["deal", "review"]);
    assert!(entries.iter().all(|e| e["file"] == "fixtures/timeline/valid.claims"));
}

#[test]
fn folders_are_walked_and_output_is_deterministic() {
    let first = timeline(&["fixtures/first", "fixtures/anachronism"]);
    let again = timeline(&["fixtures/first", "fixtures/anachronism"]);
    assert_eq!(first.status.code(), Some(0));
    assert_eq!(first.stdout, again.stdout);
    assert!(stdout(&first).contains("(derived)"));
}

#[test]
fn unreadable_input_exits_2() {
    let output = timeline(&["fixtures/timeline/no-such-file.claims"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read"));
}

#[test]
fn lines_left_out_are_named_on_stderr() {
    let output = timeline(&["fixtures/syntax/invalid.claims"]);
    assert_eq!(output.status.code(), Some(0), "the timeline of what parsed is still listed");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let left_out: Vec<&str> = stderr.lines().filter(|l| l.contains("left out of the timeline")).collect();
    assert!(left_out.len() >= 12, "{stderr}");
    assert!(left_out[0].starts_with("warning: fixtures/syntax/invalid.claims:"), "{stderr}");
    let clean = timeline(&["fixtures/timeline/valid.claims"]);
    assert!(clean.stderr.is_empty(), "{}", String::from_utf8_lossy(&clean.stderr));
}

#[test]
fn a_planned_event_is_listed_with_its_plan() {
    let output = timeline(&["fixtures/future-claim/valid-planned-event.claims"]);
    assert!(
        stdout(&output).contains("event \"Second line of the gas pipeline completed\" target"),
        "{}",
        stdout(&output)
    );
    let json = timeline(&["--format", "json", "fixtures/future-claim/valid-planned-event.claims"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("valid JSON");
    assert_eq!(json["entries"][0]["flags"], serde_json::json!(["target"]));
}

#[test]
fn events_whose_date_cannot_be_derived_are_named_on_stderr() {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("timeline-underived.claims");
    let text = "source s \"S\"\na: 2000 event \"A\" [@s]\nevent \"B\" after nosuch by 1y [@s]\n";
    std::fs::write(&path, text).unwrap();
    let output = timeline(&[path.to_str().unwrap()]);
    assert_eq!(stdout(&output).lines().count(), 1, "{}", stdout(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(":3:1: left out of the timeline: no date can be derived for event \"B\""), "{stderr}");
    // Each dated only by the other: no contradiction (`check` is clean), and no date either.
    let text = "source s \"S\"\na: event \"A\" after b by 1y [@s]\nb: event \"B\" before a by 1y [@s]\n";
    std::fs::write(&path, text).unwrap();
    let output = timeline(&[path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no date can be derived for event \"A\": its `after`/`before` anchors lead to no written date"),
        "{stderr}"
    );
    assert!(!stderr.contains("check"), "`check` reports nothing to explain it: {stderr}");
}
