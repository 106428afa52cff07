//! End-to-end tests of the built binary's output: the order of findings, columns after a
//! byte order mark, labels after a lone `\r` or at the end of a file, a stdout closed early,
//! stdin named by `--stdin-filename` (standing in for the file of that name), a `\` kept in a
//! Unix file name, `fmt` without trailing white space, positions in run errors, and the
//! pre-commit hooks.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimcheck"));
    cmd.env("NO_COLOR", "1");
    cmd
}

fn run(args: &[&str], dir: &Path) -> Output {
    bin().args(args).current_dir(dir).output().expect("binary runs")
}

fn run_stdin(args: &[&str], dir: &Path, input: &[u8]) -> Output {
    let mut command = bin();
    command.args(args);
    common::with_stdin(command, dir, input)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh folder under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_output").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("folder");
    std::fs::write(path, contents).expect("file written");
}

const DUPLICATE: &str = "measure m \"M\"\nmeasure m \"N\"\n";

#[test]
fn findings_are_sorted_by_path_whatever_order_the_files_are_named_in() {
    let dir = scratch("order");
    // Each file its own measure: every finding, and every label, stays in its file.
    for (i, name) in ["b.claims", "a.claims", "d/a/x.claims", "d/a-b.claims"].into_iter().enumerate() {
        write(&dir, name, format!("measure m{i} \"M\"\nmeasure m{i} \"N\"\n"));
    }
    // A folder walk lists `d/a/` before `d/a-b.claims`; paths compare folder by folder.
    let expected = ["a.claims", "b.claims", "d/a/x.claims", "d/a-b.claims"];
    let args = ["d/a-b.claims", "b.claims", "d/a/x.claims", "a.claims"];
    let short = text(&run(&[&args[..], &["--format", "short"]].concat(), &dir).stdout);
    let files: Vec<&str> = short.lines().filter_map(|l| l.split(':').next()).collect();
    assert_eq!(files, expected, "{short}");
    assert_eq!(short, text(&run(&["--format", "short"], &dir).stdout), "as a folder walk lists them");
    for (format, marker) in [
        ("json", "\"file\": \""),
        ("github", "file="),
        ("rdjson", "\"path\": \""),
        ("sarif", "\"uri\": \""),
        ("human", "╭─["),
    ] {
        let out = text(&run(&[&args[..], &["--format", format]].concat(), &dir).stdout);
        let firsts: Vec<usize> =
            expected.iter().map(|name| out.find(&format!("{marker}{name}")).unwrap_or(usize::MAX)).collect();
        assert!(firsts.windows(2).all(|w| w[0] < w[1]), "{format}: {firsts:?}\n{out}");
    }
}

#[test]
fn a_byte_order_mark_shifts_no_column_in_any_format() {
    let dir = scratch("bom");
    write(&dir, "a.claims", "\u{feff}measure m \"M\"\n%% junk\n");
    write(&dir, "b.claims", "\u{feff}measure m \"N\"\n");
    write(&dir, "c.claims", "\u{feff}%% junk\n");
    let short = text(&run(&["a.claims", "b.claims", "c.claims", "--format", "short"], &dir).stdout);
    assert!(short.contains("b.claims:1:9: error[duplicate-measure]"), "{short}");
    assert!(short.contains("c.claims:1:1: error[syntax]"), "{short}");
    let github = text(&run(&["a.claims", "b.claims", "--format", "github"], &dir).stdout);
    assert!(github.contains("file=b.claims,line=1,col=9,"), "{github}");
    let human = text(&run(&["a.claims", "b.claims", "--color", "never"], &dir).stdout);
    assert!(human.contains("[b.claims:1:9]") && human.contains("[a.claims:1:9]"), "{human}");
    for (format, start) in [
        ("json", r#""line": 1, "column": 9,"#),
        ("sarif", r#""startLine": 1, "startColumn": 9,"#),
        ("rdjson", r#""start": { "line": 1, "column": 9 }"#),
    ] {
        let out = text(&run(&["a.claims", "b.claims", "--format", format], &dir).stdout);
        let squeezed = out.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(squeezed.contains(start), "{format}: {out}");
    }
}

#[test]
fn the_human_format_draws_every_label_where_the_short_format_places_it() {
    let dir = scratch("line-ends");
    let head = "source s \"S\"\nmeasure m \"M\" unit USD\n";
    // A lone `\r` ends no line (only `\n` and `\r\n` do), before a label and on its line.
    write(&dir, "cr.claims", format!("{head}2000 m = $1.0bn\r [@s]\n2000 m = $2.0bn [@s]\n"));
    write(&dir, "before.claims", format!("{head}; a\rb\n2000 m = $1.0bn [@q]\n"));
    // A label at the very end of a file without a final newline.
    write(&dir, "end.claims", "measure m \"M\" unit USD\n2000 m = ");
    for (name, drawn) in [
        ("cr.claims", &["3 │ 2000 m = $1.0bn  [@s]", "4 │ 2000 m = $2.0bn [@s]", "claimed as $2.0bn"][..]),
        ("before.claims", &["3 │ ; a b", "4 │ 2000 m = $1.0bn [@q]", "no source is named `q`"]),
        ("end.claims", &["2 │ 2000 m = ", "▲", "╰── the line ends here"]),
    ] {
        let short = text(&run(&[name, "--format", "short"], &dir).stdout);
        let place = short.split(": ").next().expect("a place");
        let human = text(&run(&[name], &dir).stdout);
        assert!(human.contains(&format!("╭─[{place}]")), "{name}: {short}{human}");
        for part in drawn {
            assert!(human.contains(part), "{name}: `{part}` in\n{human}");
        }
        assert!(!human.contains('\r'), "{name}: {human:?}");
    }
}

/// Runs the binary with a stdout whose reading end is already closed.
fn with_stdout_closed(args: &[&str], input: &[u8]) -> Output {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let mut child =
        bin().args(args).stdin(Stdio::piped()).stdout(writer).stderr(Stdio::piped()).spawn().expect("binary runs");
    // The binary may stop reading once stdout is gone; what it leaves unread does not matter.
    let _ = child.stdin.take().expect("stdin is piped").write_all(input);
    child.wait_with_output().expect("binary ends")
}

#[test]
fn a_closed_stdout_ends_every_command_quietly_with_status_2() {
    let big: String = (0..20_000).map(|i| format!("{}  trade = ${i}bn [@s]\n", 1000 + i % 900)).collect();
    let dir = scratch("closed");
    write(&dir, "big.claims", &big);
    let big_path = dir.join("big.claims");
    let big_path = big_path.to_str().expect("a UTF-8 path");
    let numbers: String = (0..20_000).map(|i| format!("In {} trade reached ${i}bn.\n", 1000 + i % 900)).collect();
    write(&dir, "article.md", &numbers);
    let article = dir.join("article.md");
    let article = article.to_str().expect("a UTF-8 path");
    for args in [
        &["coverage", big_path, "--manuscript", article][..],
        &["fmt", "-"],
        &["fmt", "--check", big_path],
        &["explain", "timeline"],
        &["explain", "--list"],
        &["check", "-", "--format", "short"],
        &["timeline", "-"],
    ] {
        let out = with_stdout_closed(args, big.as_bytes());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out.stderr));
        assert!(!text(&out.stderr).contains("panicked"), "{args:?}: {}", text(&out.stderr));
    }
}

#[test]
fn stdin_filename_alone_reads_stdin_and_names_it() {
    let dir = scratch("stdin");
    write(&dir, "other.claims", "measure other \"O\"\nmeasure other \"P\"\n");
    let out = run_stdin(&["--stdin-filename", "x.claims", "--format", "short"], &dir, DUPLICATE.as_bytes());
    assert_eq!(text(&out.stdout), "x.claims:2:9: error[duplicate-measure]: measure `m` is defined twice\n");
    let out = run_stdin(&["fmt", "-", "--stdin-filename", "q.claims"], &dir, b"measure   m \"M\"\n");
    assert_eq!((out.status.code(), text(&out.stdout)), (Some(0), "measure m \"M\"\n".to_string()));
    let out = run_stdin(&["fmt", "--check", "--stdin-filename", "q.claims"], &dir, b"measure   m \"M\"\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with("--- q.claims\n+++ q.claims (formatted)\n"), "{}", text(&out.stdout));
    let out = run_stdin(&["fmt", "--stdin-filename", "q.claims"], &dir, b"measure m \"M\"\n\xff");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("`q.claims` is not valid UTF-8 (invalid byte at q.claims:2:1)"));
    // Paths given: stdin is not read, whatever its name.
    let out = run_stdin(&["other.claims", "--stdin-filename", "x.claims", "--format", "short"], &dir, b"");
    assert!(text(&out.stdout).starts_with("other.claims:2:9:"), "{}", text(&out.stdout));
}

#[test]
fn stdin_stands_in_for_the_file_it_is_named_after() {
    let dir = scratch("stand-in");
    write(&dir, "decl.claims", "source s \"S\" 2010\nmeasure m \"M\" unit USD\n");
    // On disk, line 2 is uncited; in the editor's buffer, piped in, line 3 is.
    write(&dir, "b.claims", "x: 2000 m = $1bn [@s]\n2001 m = $2bn\n");
    let buffer = "x: 2000 m = $1bn [@s]\n2001 m = $2bn [@s]\n2002 m = $3bn\n";
    let only_the_buffer = "b.claims:3:1: warning[uncited]: claim has no citation\n";
    for paths in [&[".", "-"][..], &["-", "b.claims", "decl.claims"], &["./b.claims", "decl.claims", "-"]] {
        let args = [paths, &["--stdin-filename", "b.claims", "--format", "short"]].concat();
        let out = run_stdin(&args, &dir, buffer.as_bytes());
        assert_eq!((out.status.code(), text(&out.stdout)), (Some(0), only_the_buffer.to_string()), "{paths:?}");
    }
    let out = run_stdin(&["-", ".", "--stdin-filename", "b.claims", "--format", "json"], &dir, buffer.as_bytes());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["summary"]["files"], 2, "{json:#}");
    // Stdin is one file, however often `-` is named.
    let out = run_stdin(
        &["decl.claims", "-", "-", "--stdin-filename", "b.claims", "--format", "short"],
        &dir,
        buffer.as_bytes(),
    );
    assert_eq!(text(&out.stdout), only_the_buffer);
    // `fmt` prints the buffer formatted and leaves the file it stands for alone.
    write(&dir, "b.claims", "x:   2000 m = $1bn [@s]\n");
    let out = run_stdin(&["fmt", ".", "-", "--stdin-filename", "b.claims"], &dir, b"y:   2000 m = $1bn [@s]\n");
    assert_eq!((out.status.code(), text(&out.stdout)), (Some(0), "y: 2000 m = $1bn [@s]\n".to_string()));
    assert_eq!(std::fs::read_to_string(dir.join("b.claims")).expect("read"), "x:   2000 m = $1bn [@s]\n");
}

#[test]
fn a_stdin_filename_without_dash_warns_that_stdin_is_not_read() {
    let dir = scratch("stdin-unread");
    write(&dir, "a.claims", "source s \"S\" 2000\nmeasure m \"M\"\n2000 m = 1 [@s]\n");
    let warning =
        "warning: standard input is not read: `--stdin-filename z.claims` takes effect only with `-` among the paths\n";
    for command in [&["check"][..], &["fmt", "--check"], &["timeline"]] {
        let args = [command, &["a.claims", "--stdin-filename", "z.claims"]].concat();
        let out = run_stdin(&args, &dir, b"garbage\n");
        assert_eq!((out.status.code(), text(&out.stderr)), (Some(0), warning.to_string()), "{command:?}");
    }
    // Read, it draws no warning: with `-`, or with no paths at all.
    for paths in [&["a.claims", "-"][..], &[]] {
        let args = [&["check"], paths, &["--stdin-filename", "z.claims"]].concat();
        let out = run_stdin(&args, &dir, b"");
        assert_eq!(text(&out.stderr), "", "{paths:?}");
    }
}

/// A `\` is a character of a Unix file name, not a separator: `a\b.claims` is not `a/b.claims`.
#[cfg(unix)]
#[test]
fn a_backslash_in_a_unix_file_name_is_kept() {
    let dir = scratch("backslash");
    write(&dir, "bs/a\\b.claims", "source s2 \"S\" 2000\n");
    write(&dir, "bs/a/b.claims", "source s9 \"S\" 2000\n");
    let out = run(&["bs", "--format", "short"], &dir);
    assert_eq!(
        text(&out.stdout),
        "bs/a/b.claims:1:8: warning[unused-source]: source `s9` (S) is never cited\n\
         bs/a\\b.claims:1:8: warning[unused-source]: source `s2` (S) is never cited\n"
    );
    let out = run(&["bs", "--format", "json"], &dir);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["diagnostics"][1]["file"], "bs/a\\b.claims");
    let sarif = text(&run(&["bs", "--format", "sarif"], &dir).stdout);
    assert!(sarif.contains("\"uri\": \"bs/a%5Cb.claims\""), "{sarif}");
    let out = run_stdin(&["-", "--stdin-filename", "x\\y.claims", "--format", "short"], &dir, b"source s \"S\" 2000\n");
    assert_eq!(text(&out.stdout), "x\\y.claims:1:8: warning[unused-source]: source `s` (S) is never cited\n");
}

#[test]
fn fmt_never_writes_trailing_white_space() {
    let input = "2000 trade = $1bn [@a]\n  >\n  > \n2000 shares m\n  A 1%\n  >\t\n";
    let out = run_stdin(&["fmt", "-"], Path::new("."), input.as_bytes());
    let formatted = text(&out.stdout);
    assert_eq!(formatted, "2000 trade = $1bn [@a]\n  >\n  >\n2000 shares m\n    A 1%\n      >\n");
    let again = run_stdin(&["fmt", "-"], Path::new("."), formatted.as_bytes());
    assert_eq!(text(&again.stdout), formatted, "idempotent");
}

#[test]
fn run_errors_give_the_position_of_their_cause() {
    let dir = scratch("positions");
    let head = "source s \"S\" 2000\n2000 m = 1 [@s]\n";
    write(&dir, "ms.claims", format!("{head}manuscript \"nope.md\"\nbibliography \"nope.bib\"\n"));
    let stderr = text(&run(&["ms.claims"], &dir).stderr);
    assert!(stderr.contains("cannot read the manuscript `nope.md` (named in `ms.claims:3:12`)"), "{stderr}");
    assert!(stderr.contains("cannot read the bibliography `nope.bib` (named in `ms.claims:4:14`)"), "{stderr}");
    let missing = dir.join("missing.md");
    let missing = missing.to_str().expect("a UTF-8 path");
    let out = run(&["ms.claims", "--manuscript", missing], &dir);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains(&format!("cannot read the manuscript `{missing}` (given with `--manuscript`)")),
        "{stderr}"
    );
    let missing = dir.join("missing.claims");
    let missing = missing.to_str().expect("a UTF-8 path");
    assert!(text(&run(&[missing], &dir).stderr).contains(&format!("cannot read `{missing}`")));
    write(&dir, "latin1.claims", b"\xef\xbb\xbfsource s \"S\" 2000\n2000 m = 1 \xe9t\n");
    write(&dir, "nul.claims", "source s \"S\" 2000\n€ \0\n");
    let stderr = text(&run(&["latin1.claims", "nul.claims"], &dir).stderr);
    assert!(stderr.contains("`latin1.claims` is not valid UTF-8 (invalid byte at latin1.claims:2:12)"), "{stderr}");
    assert!(stderr.contains("`nul.claims` contains a NUL byte at nul.claims:2:3;"), "{stderr}");
}

#[test]
fn the_pre_commit_hook_checks_the_whole_project() {
    let hooks = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"))
        .expect("the hooks file");
    let hook = |id: &str| {
        let start = hooks.find(&format!("- id: {id}\n")).unwrap_or_else(|| panic!("hook {id}"));
        let rest = &hooks[start + 2..];
        rest[..rest.find("\n- id:").unwrap_or(rest.len())].to_string()
    };
    // Declarations in one file serve claims of another: a changed file alone is not a file set.
    let check = hook("claimcheck");
    assert!(check.contains("entry: claimcheck check\n") && check.contains("pass_filenames: false"), "{check}");
    assert!(hook("claimcheck-fmt").contains("pass_filenames: true"));
    // What the hook runs: the default paths, where declarations and claims meet.
    let dir = scratch("hook");
    write(&dir, "decl.claims", "source s \"S\" 2000\nmeasure trade \"T\"\n");
    write(&dir, "claims.claims", "2000 trade = 1 [@s]\n");
    let out = run(&["check"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}
