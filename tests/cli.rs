//! End-to-end tests of the built binary: exit codes, formats, stdin and bad input.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const HEADER: &str = "source xing \"Xing\" 2001\nmeasure trade \"Trade\" unit USD\n";

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimcheck"));
    cmd.env_remove("NO_COLOR");
    cmd
}

fn run(args: &[&str], dir: &Path) -> Output {
    bin().args(args).current_dir(dir).output().expect("binary runs")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    run_stdin_in(args, input, Path::new("."))
}

fn run_stdin_in(args: &[&str], input: &[u8], dir: &Path) -> Output {
    let mut command = bin();
    command.args(args);
    common::with_stdin(command, dir, input)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh folder under the target directory, removed and recreated.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn clean_file_exits_0_with_a_summary() {
    let dir = scratch("clean");
    write(&dir, "a.claims", format!("{HEADER}2000 trade = $1.5bn [@xing]\n"));
    let out = run(&["check", "a.claims"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "0 errors, 0 warnings in 1 file (1 claim)\n");
}

#[test]
fn findings_exit_1_and_the_check_word_is_optional() {
    let dir = scratch("errors");
    write(&dir, "a.claims", format!("{HEADER}2000 trde = $1.5bn [@xing]\n"));
    for args in [&["check", "a.claims"][..], &["a.claims"][..]] {
        let out = run(args, &dir);
        assert_eq!(out.status.code(), Some(1));
        assert!(stdout(&out).contains("unknown measure `trde`"));
        assert!(stdout(&out).ends_with("1 error, 0 warnings in 1 file (1 claim)\n"));
    }
}

#[test]
fn folders_are_walked_in_sorted_order_and_default_to_the_current_folder() {
    let dir = scratch("walk");
    write(&dir, "b/z.claims", format!("{HEADER}2000 trade = 1 [@nope]\n"));
    write(&dir, "a.claims", "2000 x = 1\n");
    write(&dir, "b/notes.txt", "not a claims file");
    write(&dir, ".hidden/c.claims", "garbage garbage\n");
    write(&dir, ".e.claims", "garbage garbage\n");
    write(&dir, ".gitignore", "build/\n");
    write(&dir, "build/d.claims", "garbage garbage\n");
    write(&dir, "c/out/f.claims", "2000 y = 1\n");
    let out = run(&["--format", "short"], &dir);
    let text = stdout(&out);
    let mut files: Vec<&str> = text.lines().map(|l| l.split(':').next().unwrap()).collect();
    files.dedup();
    assert_eq!(files, vec!["a.claims", "b/z.claims", "c/out/f.claims"], "{text}");
    let out = run(&["--format", "short", "."], &dir);
    assert_eq!(stdout(&out), text, "`.` is the default and adds no `./` prefix");
}

#[test]
fn short_format_is_one_line_per_finding() {
    let dir = scratch("short");
    write(&dir, "a.claims", format!("{HEADER}2000 trade is $1.5bn [@xing]\n2001-02-29 trade = 1 [@xing]\n"));
    let out = run(&["--format", "short", "a.claims"], &dir);
    assert_eq!(
        stdout(&out),
        "a.claims:3:12: error[syntax]: expected a comparator (=, ~, >, >=, <, <=) after `trade`\n\
         a.claims:4:1: error[invalid-date]: invalid date: 2001-02 has no day 29\n"
    );
}

#[test]
fn json_format_follows_the_spec_schema() {
    let dir = scratch("json");
    write(&dir, "a.claims", format!("{HEADER}t: 2000 trade = $1.5bn [@xing]\nt: 2001 trade = $1bn [@xing]\n"));
    let out = run(&["--format", "json", "a.claims"], &dir);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["version"], 1);
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "duplicate-id");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "a.claims");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(4), Some(1)));
    assert!(d["end_line"].is_u64() && d["end_column"].is_u64());
    let labels = d["labels"].as_array().unwrap();
    assert_eq!(labels.len(), 2);
    assert_eq!(labels[1]["line"], 3);
    assert!(labels.iter().all(|l| l["file"].is_string() && l["column"].is_u64() && l["message"].is_string()));
    assert!(d["help"].is_string());
    assert_eq!(json["summary"]["files"], 1);
    assert_eq!(json["summary"]["claims"], 2);
    assert_eq!(json["summary"]["errors"], 1);
    assert_eq!(json["summary"]["warnings"], 0);
}

#[test]
fn stdin_with_a_name() {
    let input = format!("{HEADER}2000 trde = 1 [@xing]\n");
    let out = run_stdin(&["-", "--stdin-filename", "draft.claims", "--format", "short"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("draft.claims:3:6: error[unknown-measure]"), "{}", stdout(&out));
    let out = run_stdin(&["check", "-"], b"");
    assert_eq!(out.status.code(), Some(0), "an empty input is clean");
}

#[test]
fn bad_input_exits_2_naming_the_file() {
    let dir = scratch("bad");
    write(&dir, "latin1.claims", b"2000 trade = 1 \xe9t\xe9\n");
    write(&dir, "nul.claims", b"2000 trade\0 = 1\n");
    write(&dir, "empty.claims", b"");
    let out = run(&["missing.claims"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.claims"), "{}", stderr(&out));
    let out = run(&["latin1.claims"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`latin1.claims` is not valid UTF-8 (invalid byte at latin1.claims:1:16)"),
        "{}",
        stderr(&out)
    );
    let out = run(&["nul.claims"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`nul.claims` contains a NUL byte at nul.claims:1:11"), "{}", stderr(&out));
    let out = run(&["empty.claims"], &dir);
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["--format", "yaml", "empty.claims"], &dir);
    assert_eq!(out.status.code(), Some(2), "bad arguments");
}

#[test]
fn other_files_are_still_checked_when_one_is_unreadable() {
    let dir = scratch("partial");
    write(&dir, "good.claims", format!("{HEADER}2000 trde = 1 [@xing]\n"));
    let out = run(&["--format", "short", "missing.claims", "good.claims"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("good.claims:3:6: error[unknown-measure]"));
}

#[test]
fn a_folder_that_cannot_be_read_is_an_error_and_the_rest_is_still_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("unreadable-folder");
    write(&dir, "good.claims", format!("{HEADER}2000 trde = 1 [@xing]\n"));
    write(&dir, "locked/inside.claims", "");
    std::fs::set_permissions(dir.join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    // Root reads any folder: the check runs as `nobody` then, where `runuser` can.
    let root = std::fs::read_dir(dir.join("locked")).is_ok();
    let runuser = Path::new("/usr/sbin/runuser").exists() || Path::new("/sbin/runuser").exists();
    if root && !runuser {
        println!("note: skipped: running as root without runuser, so no folder is unreadable");
        return;
    }
    let args = ["--format", "short", "."];
    let out = match root {
        true => Command::new("runuser")
            .args(["-u", "nobody", "--", env!("CARGO_BIN_EXE_claimcheck")])
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap(),
        false => run(&args, &dir),
    };
    std::fs::set_permissions(dir.join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("locked"), "{}", stderr(&out));
    assert!(stdout(&out).contains("good.claims:3:6: error[unknown-measure]"), "{}", stdout(&out));
}

#[test]
fn devices_that_give_no_text_are_refused_at_once() {
    for device in ["/dev/zero", "/dev/urandom"] {
        if !Path::new(device).exists() {
            println!("note: skipped {device}: not on this system");
            continue;
        }
        for command in ["check", "fmt"] {
            let mut child = bin()
                .args([command, device])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            let started = std::time::Instant::now();
            // Read for ever, the run would never end: give it far longer than it needs.
            while child.try_wait().unwrap().is_none() {
                if started.elapsed() > std::time::Duration::from_secs(30) {
                    child.kill().unwrap();
                    panic!("`claimcheck {command} {device}` still reading after 30 s");
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            let out = child.wait_with_output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{command} {device}");
            assert!(stderr(&out).contains("contains a NUL byte") || stderr(&out).contains("not valid UTF-8"));
        }
    }
    let out = run_stdin(&["check", "-"], &[0; 1000]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`<stdin>` contains a NUL byte at <stdin>:1:1"), "{}", stderr(&out));
}

#[test]
fn deny_warnings_fails_on_warnings() {
    let dir = scratch("warnings");
    write(&dir, "a.claims", format!("{HEADER}2000 trade = $1.5bn\n2001 trade = $1.6bn [@xing]\n"));
    let out = run(&["a.claims"], &dir);
    assert_eq!(out.status.code(), Some(0), "a warning alone passes: {}", stdout(&out));
    assert!(stdout(&out).contains("0 errors, 1 warning"));
    let out = run(&["--deny-warnings", "a.claims"], &dir);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn color_follows_the_flag_and_no_color() {
    let dir = scratch("color");
    write(&dir, "a.claims", format!("{HEADER}2000 trde = 1 [@xing]\n"));
    let always = run(&["--color", "always", "a.claims"], &dir);
    assert!(stdout(&always).contains('\u{1b}'), "--color always colours");
    let never = run(&["--color", "never", "a.claims"], &dir);
    assert!(!stdout(&never).contains('\u{1b}'));
    let auto = run(&["a.claims"], &dir);
    assert!(!stdout(&auto).contains('\u{1b}'), "no colour when stdout is not a terminal");
    let no_color = bin().args(["--color", "auto", "a.claims"]).current_dir(&dir).env("NO_COLOR", "1").output().unwrap();
    assert!(!stdout(&no_color).contains('\u{1b}'));
}

#[test]
fn human_output_is_deterministic_and_relative() {
    let dir = scratch("deterministic");
    write(&dir, "x/a.claims", format!("{HEADER}2000 trde = 1 [@xing]\n"));
    write(&dir, "x/b.claims", "2000 event \"E\" [@q]\nmeasure trade \"dup\"\n");
    let first = run(&["x"], &dir);
    let second = run(&["x"], &dir);
    assert_eq!(stdout(&first), stdout(&second));
    assert!(!stdout(&first).contains(dir.to_str().unwrap()), "no absolute paths");
    assert!(stdout(&first).contains("x/a.claims"));
    assert!(stdout(&first).trim_end().ends_with("in 2 files (2 claims)"), "{}", stdout(&first));
}

#[test]
fn explain_prints_the_registry_docs() {
    let dir = scratch("explain");
    let out = run(&["explain", "syntax"], &dir);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for heading in ["syntax (error)", "What it finds", "Why it matters", "Example", "How to fix it"] {
        assert!(text.contains(heading), "{text}");
    }
    let list = run(&["explain", "--list"], &dir);
    let listed = stdout(&list);
    for rule in claimcheck::registry::RULES {
        assert!(listed.lines().any(|l| l.starts_with(rule.code)), "{} not listed", rule.code);
    }
    let unknown = run(&["explain", "conflct"], &dir);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("did you mean `conflict`?"));
}

#[test]
fn allow_comments_silence_their_line_only() {
    let dir = scratch("allow");
    write(&dir, "a.claims", format!("{HEADER}2000 trde = 1 [@xing] ; allow(unknown-measure)\n2001 trde = 1 [@xing]\n"));
    let out = run(&["--format", "short", "a.claims"], &dir);
    assert_eq!(stdout(&out), "a.claims:4:6: error[unknown-measure]: unknown measure `trde`\n");
}

#[test]
fn configuration_sets_severities_tolerance_and_globs() {
    let dir = scratch("config");
    write(&dir, "claimcheck.toml", "tolerance = \"50%\"\nexclude = [\"drafts/**\"]\n[severity]\nunknown-measure = \"warning\"\nunused-source = \"off\"\n");
    write(&dir, "a.claims", format!("{HEADER}source unused \"U\" 2001\n2000 trde = 1 [@xing]\n"));
    write(&dir, "drafts/b.claims", "garbage\n");
    write(&dir, "c.claims", format!("{HEADER}2000 trade ~ $1bn [@xing]\n2000 trade = $1.45bn [@xing]\n"));
    let out = run(&["--format", "short", "."], &dir);
    assert_eq!(
        stdout(&out),
        "a.claims:4:6: warning[unknown-measure]: unknown measure `trde`\n",
        "excluded draft, silenced unused source, a 50% tolerance that lets ~$1bn reach $1.45bn"
    );
    assert_eq!(out.status.code(), Some(0));
    let named = run(&["--format", "short", "drafts/b.claims"], &dir);
    assert_eq!(named.status.code(), Some(1), "a file named on the command line is checked even when excluded");
}

#[test]
fn a_broken_configuration_exits_2_with_the_key_and_line() {
    let dir = scratch("bad-config");
    write(&dir, "claimcheck.toml", "\n[severity]\nconflct = \"off\"\n");
    write(&dir, "a.claims", format!("{HEADER}2000 trade = 1 [@xing]\n"));
    let out = run(&["a.claims"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("claimcheck.toml:3: unknown code `conflct` in [severity] (did you mean `conflict`?)"),
        "{}",
        stderr(&out)
    );
    write(&dir, "claimcheck.toml", "[severity]\nconflict = \"loud\"\n");
    let out = run(&["a.claims"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("claimcheck.toml:2: severity.conflict"), "{}", stderr(&out));
}

#[test]
fn a_file_named_twice_is_checked_once() {
    let dir = scratch("twice");
    write(&dir, "a.claims", format!("{HEADER}x: 2000 trade = $1.5bn [@xing]\n"));
    let absolute = dir.join("a.claims");
    for args in [&[".", "a.claims"][..], &["a.claims", "./a.claims", absolute.to_str().unwrap()][..]] {
        let out = run(args, &dir);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stdout(&out));
        assert_eq!(stdout(&out), "0 errors, 0 warnings in 1 file (1 claim)\n");
    }
    let out = run(&["fmt", "--check", "a.claims", "a.claims"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn manuscripts_named_by_absolute_paths_are_shown_from_the_current_folder() {
    let dir = scratch("absolute-manuscript");
    write(&dir, "m.md", "Some text.\n");
    let manuscript = dir.join("m.md");
    let manuscript = manuscript.to_str().unwrap();
    write(
        &dir,
        "a.claims",
        format!("manuscript \"{manuscript}\"\n{HEADER}2000 trade = $1.5bn [@xing]\n  > not there\n"),
    );
    write(&dir, "b.claims", format!("{HEADER}2000 trade = $1.5bn [@xing]\n  > not there\n"));
    for args in
        [&["--format", "json", "a.claims"][..], &["--format", "json", "--manuscript", manuscript, "b.claims"][..]]
    {
        let out = run(args, &dir);
        let text = stdout(&out);
        assert_eq!(out.status.code(), Some(1), "{text}");
        assert!(text.contains("quote not found in `m.md`"), "{text}");
        assert!(!text.contains(dir.to_str().unwrap()), "no absolute path: {text}");
    }
}

#[test]
fn the_report_does_not_depend_on_the_order_files_are_named_in() {
    let dir = scratch("argument-order");
    // The clash's primary is the later claim in path order (b.claims), so the `allow` in
    // a.claims silences nothing whichever file is named first.
    write(&dir, "a.claims", format!("{HEADER}2000 trade = $1.0bn [@xing] ; allow(conflict)\n"));
    write(&dir, "b.claims", "2000 trade = $2.0bn [@xing]\n");
    let forward = run(&["--format", "short", "a.claims", "b.claims"], &dir);
    let backward = run(&["--format", "short", "b.claims", "a.claims"], &dir);
    assert_eq!(forward.status.code(), Some(1), "{}", stdout(&forward));
    assert_eq!(backward.status.code(), Some(1), "{}", stdout(&backward));
    assert_eq!(stdout(&forward), stdout(&backward));
    assert!(stdout(&forward).contains("b.claims:1:12: error[conflict]"), "{}", stdout(&forward));
}

#[test]
fn an_absolute_stdin_filename_is_shown_from_the_current_folder() {
    let dir = scratch("absolute-stdin");
    let name = dir.join("draft.claims");
    let input = format!("{HEADER}2000 trde = 1 [@xing]\n");
    let out = run_stdin_in(&["--format", "short", "--stdin-filename", name.to_str().unwrap()], input.as_bytes(), &dir);
    assert!(stdout(&out).starts_with("draft.claims:3:6: error[unknown-measure]"), "{}", stdout(&out));
}

#[test]
fn a_folder_without_claims_files_is_reported_on_stderr() {
    let dir = scratch("no-claims");
    write(&dir, "empty/notes.txt", "not a claims file");
    for command in ["check", "fmt"] {
        let out = run(&[command, "empty"], &dir);
        assert_eq!(out.status.code(), Some(0), "{command}: {}", stderr(&out));
        assert_eq!(stderr(&out), "warning: no `.claims` files found in `empty`\n", "{command}");
    }
}

#[test]
fn fmt_takes_the_files_a_check_of_the_folder_takes() {
    let dir = scratch("fmt-config");
    write(&dir, "claimcheck.toml", "include = [\"claims/**\"]\nexclude = [\"claims/drafts/**\"]\n");
    let messy = "measure   m \"M\" unit USD\n";
    write(&dir, "claims/drafts/d.claims", messy);
    write(&dir, "other/o.claims", messy);
    write(&dir, "claims/c.claims", messy);
    let out = run(&["fmt", "--check", "."], &dir);
    assert_eq!(out.status.code(), Some(1));
    let diff = stdout(&out);
    assert!(diff.contains("claims/c.claims"), "{diff}");
    assert!(!diff.contains("d.claims") && !diff.contains("o.claims"), "excluded files are left alone: {diff}");
    let named = run(&["fmt", "--check", "other/o.claims"], &dir);
    assert_eq!(named.status.code(), Some(1), "a file named on the command line is formatted even when excluded");
}

#[test]
fn a_negative_tolerance_in_the_configuration_exits_2() {
    let dir = scratch("negative-tolerance");
    write(&dir, "claimcheck.toml", "tolerance = \"-5%\"\n");
    write(&dir, "a.claims", format!("{HEADER}2000 trade ~ $1.0bn [@xing]\n"));
    let out = run(&["a.claims"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("claimcheck.toml:1: tolerance = \"-5%\": expected a percentage of 0% or more"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_file_outside_the_current_folder_takes_the_configuration_above_it() {
    let dir = scratch("config-above");
    write(&dir, "sub/claimcheck.toml", "[severity]\nuncited = \"off\"\n");
    write(&dir, "other/x.claims", "measure m \"M\" unit USD\n2000 m = $1bn\n");
    let sub = dir.join("sub");
    let named = run(&["--format", "short", "../other/x.claims"], &sub);
    assert_eq!(stdout(&named), "../other/x.claims:2:1: warning[uncited]: claim has no citation\n");
    let absolute = dir.join("other/x.claims");
    let input = b"measure m \"M\" unit USD\n2000 m = $1bn\n";
    let piped = run_stdin_in(&["--format", "short", "--stdin-filename", absolute.to_str().unwrap()], input, &sub);
    assert_eq!(stdout(&piped), stdout(&named), "sub's configuration governs neither");
    // After a link, `..` is the link target's parent, as the file system reads it.
    #[cfg(unix)]
    {
        write(&dir, "real/claimcheck.toml", "[severity]\nuncited = \"off\"\n");
        write(&dir, "real/x.claims", "measure m \"M\" unit USD\n2000 m = $1bn\n");
        std::fs::create_dir_all(dir.join("real/deep")).unwrap();
        std::os::unix::fs::symlink(dir.join("real/deep"), sub.join("link")).unwrap();
        let linked = run(&["--format", "short", "link/../x.claims"], &sub);
        assert_eq!((linked.status.code(), stdout(&linked).as_str()), (Some(0), ""), "real's configuration applies");
    }
}
