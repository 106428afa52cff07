//! The machine formats, end to end through the built binary on a two-file fixture
//! (`tests/data/multi`): one snapshot per format, determinism, SARIF against the vendored
//! schema, fingerprints that survive line shifts, and the exact escaping and column units
//! each consumer expects.

use claimcheck::finding::{Finding, Label, Severity};
use claimcheck::registry::{self, RULES};
use claimcheck::report::{self, Format, Options};
use claimcheck::source::Span;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const FIXTURE: &str = "tests/data/multi";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `claimcheck check` in `dir` and returns its stdout; the fixture has errors, so exit 1.
fn run_in(dir: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .current_dir(dir)
        .arg("check")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(1), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// Runs `claimcheck check` in the crate's root where the run itself fails (exit 2): stdout
/// and stderr.
fn run_failing(args: &[&str]) -> (String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_claimcheck")).current_dir(root()).arg("check").args(args).output();
    let output = output.expect("the binary runs");
    assert_eq!(output.status.code(), Some(2), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("UTF-8 output");
    (text(output.stdout), text(output.stderr))
}

#[test]
fn a_run_that_could_not_read_a_file_says_so_in_the_machine_formats() {
    let (sarif, stderr) = run_failing(&["missing.claims", FIXTURE, "--format", "sarif"]);
    assert!(stderr.contains("missing.claims"), "{stderr}");
    let log: Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notification = &invocation["toolExecutionNotifications"][0];
    assert_eq!(notification["level"], "error");
    assert!(notification["message"]["text"].as_str().is_some_and(|t| t.contains("missing.claims")), "{notification}");
    assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty(), "the other files' findings are kept");
    let (github, _) = run_failing(&["missing.claims", FIXTURE, "--format", "github"]);
    assert!(github.starts_with("::error title=claimcheck::cannot read `missing.claims`"), "{github}");
    // Nothing could be read: the machine formats still write a report, empty but for the failure.
    let (json, _) = run_failing(&["missing.claims", "--format", "json"]);
    let json: Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(json["diagnostics"], serde_json::json!([]));
    assert_eq!(json["failures"][0]["file"], "missing.claims");
    let (rdjson, _) = run_failing(&["missing.claims", "--format", "rdjson"]);
    let rdjson: Value = serde_json::from_str(&rdjson).expect("JSON");
    assert_eq!(rdjson["diagnostics"][0]["location"]["path"], "missing.claims");
    let (sarif, _) = run_failing(&["missing.claims", "--format", "sarif"]);
    let log: Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    assert_eq!(log["runs"][0]["invocations"][0]["executionSuccessful"], false);
    let (human, _) = run_failing(&["missing.claims"]);
    assert_eq!(human, "", "the human format has nothing to say beyond the error");
}

/// A folder of files a run cannot use beside one it can: a missing manuscript, a file that
/// is not UTF-8 and one that does not exist.
fn failing_folder() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("formats").join("failing");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let good = "measure m \"M\"\nmanuscript \"gone.md\"\n2000 m = 1\n";
    std::fs::write(dir.join("good.claims"), good).expect("written");
    std::fs::write(dir.join("latin1.claims"), b"2000 m = 1 \xe9t\n").expect("written");
    dir
}

#[test]
fn json_and_rdjson_reports_of_a_failed_run_name_each_failure() {
    let dir = failing_folder();
    let args = ["check", "good.claims", "latin1.claims", "missing.claims", "--format"];
    let run = |format: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_claimcheck")).current_dir(&dir).args(args).arg(format).output();
        let output = output.expect("the binary runs");
        assert_eq!(output.status.code(), Some(2), "stderr: {}", String::from_utf8_lossy(&output.stderr));
        serde_json::from_slice::<Value>(&output.stdout).expect("JSON")
    };
    let failures = [
        ("latin1.claims", "`latin1.claims` is not valid UTF-8 (invalid byte at latin1.claims:1:12)"),
        ("missing.claims", "cannot read `missing.claims`: "),
        ("gone.md", "cannot read the manuscript `gone.md` (named in `good.claims:2:12`): "),
    ];
    let json = run("json");
    let listed = json["failures"].as_array().expect("a `failures` list");
    assert_eq!(listed.len(), failures.len(), "{json:#}");
    for (failure, (file, message)) in listed.iter().zip(failures) {
        assert_eq!(failure["file"], file, "{failure}");
        assert!(failure["message"].as_str().is_some_and(|m| m.starts_with(message)), "{failure}");
    }
    // The spec's fields are all there, with the good file's findings.
    assert_eq!(json["version"], 1);
    assert_eq!((json["summary"]["files"].as_u64(), json["summary"]["warnings"].as_u64()), (Some(1), Some(1)));
    assert_eq!(json["diagnostics"][0]["code"], "uncited");
    let rdjson = run("rdjson");
    let diagnostics = rdjson["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), failures.len() + 1, "{rdjson:#}");
    for (diagnostic, (file, message)) in diagnostics.iter().zip(failures) {
        assert_eq!(diagnostic["severity"], "ERROR", "{diagnostic}");
        // On the file itself: a location without a range.
        assert_eq!(diagnostic["location"], serde_json::json!({ "path": file }), "{diagnostic}");
        assert!(diagnostic["message"].as_str().is_some_and(|m| m.starts_with(message)), "{diagnostic}");
    }
    assert_eq!(diagnostics[failures.len()]["code"]["value"], "uncited");
}

#[test]
fn a_run_that_did_not_fail_has_exactly_the_spec_fields_in_json() {
    let json: Value = serde_json::from_str(&run("json")).expect("JSON");
    let mut fields: Vec<&String> = json.as_object().expect("an object").keys().collect();
    fields.sort();
    assert_eq!(fields, ["diagnostics", "summary", "version"]);
}

fn run(format: &str) -> String {
    run_in(root(), &[FIXTURE, "--format", format, "--show-notes", "--color", "never"])
}

fn sarif() -> Value {
    serde_json::from_str(&run("sarif")).expect("SARIF is JSON")
}

/// The SARIF output with each rule reduced to its id and the version masked: the rules'
/// prose comes from the registry and is checked against it in
/// `sarif_rules_come_from_the_registry`, so a docs edit or a release does not churn this
/// snapshot. Done on the text, to keep the output's own key order.
fn sarif_for_snapshot() -> String {
    let text = run("sarif");
    let version = format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION"));
    let mut out = String::new();
    // While inside `"rules": [`: its indentation and the ids seen so far.
    let mut rules: Option<(usize, Vec<&str>)> = None;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim_start();
        match &mut rules {
            Some((depth, ids)) if indent == *depth && trimmed.starts_with(']') => {
                let item_indent = " ".repeat(*depth + 2);
                let items: Vec<String> = ids.iter().map(|id| format!("{item_indent}{id}")).collect();
                out.push_str(&items.join(",\n"));
                out.push('\n');
                out.push_str(line);
                out.push('\n');
                rules = None;
            }
            Some((depth, ids)) if indent == *depth + 4 && trimmed.starts_with("\"id\": ") => {
                ids.push(trimmed.trim_start_matches("\"id\": ").trim_end_matches(','));
            }
            Some(_) => {}
            None => {
                if trimmed.starts_with("\"rules\": [") {
                    rules = Some((indent, Vec::new()));
                }
                out.push_str(&line.replace(&version, "\"version\": \"[version]\""));
                out.push('\n');
            }
        }
    }
    out
}

#[test]
fn snapshots_of_every_format() {
    insta::assert_snapshot!("multi_sarif", sarif_for_snapshot());
    for format in ["github", "rdjson", "short", "json", "human"] {
        insta::assert_snapshot!(format!("multi_{format}"), run(format));
    }
}

#[test]
fn outputs_are_deterministic() {
    for format in ["sarif", "github", "rdjson", "short", "json", "human"] {
        assert_eq!(run(format), run(format), "--format {format} differs between two runs");
    }
}

/// `FILE:LINE:COL: SEVERITY[CODE]: MESSAGE`, the same data as the JSON format, one line per
/// finding in the same order: editors' problem matchers rely on this exact shape.
#[test]
fn short_format_is_pinned() {
    let json: Value = serde_json::from_str(&run("json")).expect("JSON");
    let expected: String = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let field = |name: &str| d[name].as_str().map_or_else(|| d[name].to_string(), str::to_string);
            format!(
                "{}:{}:{}: {}[{}]: {}\n",
                field("file"),
                field("line"),
                field("column"),
                field("severity"),
                field("code"),
                field("message")
            )
        })
        .collect();
    assert_eq!(run("short"), expected);
    assert!(expected.starts_with("tests/data/multi/trade.claims:2:1: error[duplicate-id]: "), "{expected}");
    assert!(expected.contains("tests/data/multi/trade.claims:9:46: error[unknown-source]: "), "{expected}");
    assert!(expected.contains("info[derived]"), "{expected}");
    let without_notes = run_in(root(), &[FIXTURE, "--format", "short"]);
    assert!(!without_notes.contains("info[derived]"), "notes only with --show-notes:\n{without_notes}");
}

#[test]
fn sarif_validates_against_the_vendored_schema() {
    let schema_path = root().join("../shared/schemas/sarif-schema-2.1.0.json");
    let Ok(schema_text) = std::fs::read_to_string(&schema_path) else {
        eprintln!("note: {} is absent; SARIF schema validation skipped", schema_path.display());
        return;
    };
    let schema: Value = serde_json::from_str(&schema_text).expect("the schema is JSON");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler.add_resource("sarif-schema-2.1.0.json", schema).expect("the schema loads");
    let index = compiler.compile("sarif-schema-2.1.0.json", &mut schemas).expect("the schema compiles");
    let log = sarif();
    if let Err(error) = schemas.validate(&log, index) {
        panic!("SARIF output does not match the schema:\n{error:#}");
    }
    let (failed, _) = run_failing(&["missing.claims", FIXTURE, "--format", "sarif"]);
    let failed: Value = serde_json::from_str(&failed).expect("SARIF is JSON");
    if let Err(error) = schemas.validate(&failed, index) {
        panic!("the SARIF of a failed run does not match the schema:\n{error:#}");
    }
    let broken = serde_json::json!({ "version": "2.1.0", "runs": [{ "tool": { "driver": {} } }] });
    assert!(schemas.validate(&broken, index).is_err(), "the validator must reject a driver without a name");
}

#[test]
fn sarif_rules_come_from_the_registry() {
    let log = sarif();
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "claimcheck");
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), RULES.len());
    for (descriptor, rule) in rules.iter().zip(RULES) {
        assert_eq!(descriptor["id"], rule.code);
        assert_eq!(descriptor["shortDescription"]["text"], rule.summary);
        assert_eq!(descriptor["fullDescription"]["text"], rule.docs.what);
        let level = match rule.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        };
        assert_eq!(descriptor["defaultConfiguration"]["level"], level, "{}", rule.code);
        for part in [rule.docs.why, rule.docs.fix] {
            assert!(descriptor["help"]["text"].as_str().is_some_and(|t| t.contains(part)), "{}", rule.code);
            assert!(descriptor["help"]["markdown"].as_str().is_some_and(|t| t.contains(part)), "{}", rule.code);
        }
    }
    let shares = rules.iter().find(|d| d["id"] == "shares-over-100").expect("listed");
    assert_eq!(shares["name"], "SharesOver100");
}

#[test]
fn sarif_results_link_their_related_locations() {
    let log = sarif();
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().expect("rules").clone();
    let results = log["runs"][0]["results"].as_array().expect("results");
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().expect("uri");
        assert!(uri.starts_with("tests/data/multi/"), "repo-relative uri: {uri}");
        let text = result["message"]["text"].as_str().expect("message");
        for related in result["relatedLocations"].as_array().into_iter().flatten() {
            let id = related["id"].as_u64().expect("id");
            assert!(text.contains(&format!("]({id})")), "message links related location {id}: {text}");
        }
    }
    let duplicate = results.iter().find(|r| r["ruleId"] == "duplicate-id").expect("duplicate-id");
    assert_eq!(
        duplicate["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "tests/data/multi/sources.claims"
    );
    let unknown = results.iter().find(|r| r["ruleId"] == "unknown-source").expect("unknown-source");
    assert_eq!(unknown["locations"][0]["physicalLocation"]["region"]["startColumn"], 46, "code points, not bytes");
    assert_eq!(unknown["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"], "kazstat");
}

/// A copy of the fixture in a fresh folder, with every line moved down by a comment.
fn shifted_copy() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimcheck-formats-{}", std::process::id()));
    let target = dir.join(FIXTURE);
    std::fs::create_dir_all(&target).expect("temp dir");
    for entry in std::fs::read_dir(root().join(FIXTURE)).expect("fixture dir") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("fixture");
        let name = path.file_name().expect("file name");
        std::fs::write(target.join(name), format!("; moved down\n\n{text}")).expect("copy");
    }
    dir
}

#[test]
fn sarif_fingerprints_are_unique_and_survive_line_shifts() {
    let fingerprints = |log: &Value| -> Vec<String> {
        let results = log["runs"][0]["results"].as_array().expect("results");
        results.iter().map(|r| r["partialFingerprints"]["claimcheck/v1"].as_str().expect("fp").to_string()).collect()
    };
    let original = fingerprints(&sarif());
    let mut unique = original.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), original.len(), "{original:?}");

    let dir = shifted_copy();
    let shifted: Value = serde_json::from_str(&run_in(&dir, &[FIXTURE, "--format", "sarif"])).expect("JSON");
    let _ = std::fs::remove_dir_all(&dir);
    let lines: Vec<&Value> = shifted["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| &r["locations"][0]["physicalLocation"]["region"]["startLine"])
        .collect();
    assert_eq!(lines.first().and_then(|l| l.as_u64()), Some(4), "the copy really moved the findings down");
    assert_eq!(fingerprints(&shifted), original);
}

#[test]
fn github_escapes_data_and_properties() {
    let out = run("github");
    let conflict = out.lines().find(|l| l.contains("title=conflict::")).expect("conflict annotation");
    assert!(conflict.starts_with("::error file=tests/data/multi/trade.claims,line=6,col=24,title=conflict::"));
    assert!(conflict.contains("5.8%25"), "{conflict}");
    assert!(!conflict.contains("%0A"), "the message alone, as the spec's shape has it: {conflict}");
    for (i, _) in out.match_indices('%') {
        let escape = out.get(i + 1..i + 3).unwrap_or_default();
        assert!(["25", "0A", "0D", "2C", "3A"].contains(&escape), "unescaped `%` at byte {i}:\n{out}");
    }
    assert!(out.lines().any(|l| l.starts_with("::notice ") && l.contains("title=derived::")));
    assert_eq!(out.lines().count(), 5, "one command per finding:\n{out}");

    let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["check", "-", "--stdin-filename", "odd,name:1.claims", "--format", "github"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let input = "measure m \"M\" unit %\nmeasure m \"N\" unit %\n";
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write stdin");
    let output = child.wait_with_output().expect("the binary finishes");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(text.starts_with("::error file=odd%2Cname%3A1.claims,line=2,"), "{text}");
    assert!(text.contains(",title=duplicate-measure::measure `m` is defined twice"), "{text}");
}

#[test]
fn rdjson_counts_utf8_bytes() {
    let log: Value = serde_json::from_str(&run("rdjson")).expect("rdjson is JSON");
    assert_eq!(log["source"]["name"], "claimcheck");
    let diagnostics = log["diagnostics"].as_array().expect("diagnostics");
    let unknown = diagnostics.iter().find(|d| d["code"]["value"] == "unknown-source").expect("unknown-source");
    // `–` in "Kazakhstan–China" is one character but three bytes.
    assert_eq!(unknown["location"]["range"]["start"], serde_json::json!({ "line": 9, "column": 48 }));
    assert_eq!(unknown["location"]["range"]["end"], serde_json::json!({ "line": 9, "column": 55 }));
    assert_eq!(unknown["suggestions"][0]["text"], "kazstat");
    let duplicate = diagnostics.iter().find(|d| d["code"]["value"] == "duplicate-id").expect("duplicate-id");
    assert_eq!(duplicate["relatedLocations"][0]["location"]["path"], "tests/data/multi/sources.claims");
    let severities: Vec<&str> = diagnostics.iter().filter_map(|d| d["severity"].as_str()).collect();
    assert_eq!(severities, ["ERROR", "ERROR", "ERROR", "INFO", "ERROR"]);
}

/// Every severity in every format, on findings built by hand (as a configuration that
/// changes a code's severity would leave them).
#[test]
fn severities_map_to_each_format_s_levels() {
    let mut outcome = claimcheck::check_text("a.claims", "; one\n; two\n; three\n");
    let file = outcome.claim_files[0];
    let finding = |line_start: usize, severity: Severity| Finding {
        severity,
        ..Finding::new(
            &registry::UNCITED,
            "no citation",
            Label::new(file, Span::new(line_start, line_start + 5), "here"),
        )
    };
    outcome.findings = vec![finding(0, Severity::Error), finding(6, Severity::Warning), finding(12, Severity::Info)];
    let options = Options { show_notes: true, ..Options::default() };
    let github: Vec<String> = report::render(&outcome, Format::Github, &options)
        .lines()
        .map(|l| l.split(' ').next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(github, ["::error", "::warning", "::notice"]);
    let short = report::render(&outcome, Format::Short, &options);
    assert!(short.contains("a.claims:2:1: warning[uncited]: no citation\n"), "{short}");
    let sarif: Value = serde_json::from_str(&report::render(&outcome, Format::Sarif, &options)).expect("JSON");
    let levels: Vec<&Value> =
        sarif["runs"][0]["results"].as_array().expect("results").iter().map(|r| &r["level"]).collect();
    assert_eq!(levels, ["error", "warning", "note"]);
    let rdjson: Value = serde_json::from_str(&report::render(&outcome, Format::Rdjson, &options)).expect("JSON");
    let severities: Vec<&Value> =
        rdjson["diagnostics"].as_array().expect("diagnostics").iter().map(|d| &d["severity"]).collect();
    assert_eq!(severities, ["ERROR", "WARNING", "INFO"]);
}
