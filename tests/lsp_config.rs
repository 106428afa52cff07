//! The language server under a `claimcheck.toml`: its diagnostics are exactly what
//! `claimcheck check` reports for the same files (severities, tolerance, and which files a
//! folder walk takes), and a broken configuration is shown to the user, not fatal.

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::JoinHandle;
use std::time::Duration;

/// Three conflicting claims, none cited: `uncited` warnings and a `conflict` error unless
/// configured otherwise.
const CONFLICT: &str = "measure m \"M\" unit USD\n2000 m = $1.0bn\n2000 m = $2.0bn\n";

struct Client {
    connection: Connection,
    server: Option<JoinHandle<bool>>,
    next_id: i32,
    /// `window/showMessage` texts received so far.
    messages: Vec<String>,
}

impl Client {
    /// A server whose one workspace folder is `dir`.
    fn start(dir: &Path) -> Client {
        let (server_side, connection) = Connection::memory();
        let server = std::thread::spawn(move || claimcheck::lsp::serve(&server_side));
        let mut client = Client { connection, server: Some(server), next_id: 0, messages: Vec::new() };
        let folders = json!([{ "uri": uri(dir), "name": "w" }]);
        client.request("initialize", json!({ "capabilities": {}, "workspaceFolders": folders }));
        client.notify("initialized", json!({}));
        client
    }

    fn recv(&self) -> Message {
        self.connection.receiver.recv_timeout(Duration::from_secs(20)).expect("the server answers")
    }

    fn notify(&self, method: &str, params: Value) {
        self.connection.sender.send(Notification::new(method.into(), params).into()).unwrap();
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.connection.sender.send(Request::new(id.clone(), method.into(), params).into()).unwrap();
        loop {
            match self.recv() {
                Message::Response(response) if response.id == id => {
                    return response.response_result.unwrap_or_else(|e| panic!("{method} failed: {e:?}"))
                }
                Message::Notification(n) => self.note(&n),
                other => panic!("unexpected {other:?}"),
            }
        }
    }

    fn note(&mut self, notification: &Notification) {
        if notification.method == "window/showMessage" {
            self.messages.push(notification.params["message"].as_str().unwrap().to_string());
        }
    }

    /// The next diagnostics published for `uri`, as `(code, severity, line, column)`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Finding> {
        loop {
            let Message::Notification(n) = self.recv() else { panic!("a notification was expected") };
            self.note(&n);
            if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri {
                return sorted(n.params["diagnostics"].as_array().unwrap().iter().map(|d| {
                    let start = &d["range"]["start"];
                    let at = |key: &str| start[key].as_u64().unwrap();
                    (
                        d["code"].as_str().unwrap().to_string(),
                        d["severity"].as_u64().unwrap(),
                        at("line"),
                        at("character"),
                    )
                }));
            }
        }
    }

    fn open(&mut self, uri: &str, text: &str) -> Vec<Finding> {
        let document = json!({ "uri": uri, "languageId": "claims", "version": 1, "text": text });
        self.notify("textDocument/didOpen", json!({ "textDocument": document }));
        self.diagnostics(uri)
    }

    fn change(&mut self, uri: &str, version: i32, text: &str) -> Vec<Finding> {
        let document = json!({ "uri": uri, "version": version });
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": document, "contentChanges": [{ "text": text }] }),
        );
        self.diagnostics(uri)
    }

    fn finish(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        assert!(self.server.take().unwrap().join().expect("the server thread does not panic"));
    }
}

/// A finding as `(code, severity, line, column)`, LSP-numbered (severity 1 is an error;
/// lines and columns from 0).
type Finding = (String, u64, u64, u64);

fn sorted(findings: impl Iterator<Item = Finding>) -> Vec<Finding> {
    let mut findings: Vec<Finding> = findings.collect();
    findings.sort();
    findings
}

/// A fresh folder holding `files` (path and text).
fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// What `claimcheck check ARGS`, run in `dir`, reports for the file `name`.
fn check(dir: &Path, args: &[&str], name: &str) -> Vec<Finding> {
    let output = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["check", "--format", "json"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs");
    assert!(output.status.code().is_some_and(|code| code < 2), "{}", String::from_utf8_lossy(&output.stderr));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let severity = |s: &Value| ["error", "warning", "info"].iter().position(|&x| *s == x).unwrap() as u64 + 1;
    sorted(report["diagnostics"].as_array().unwrap().iter().filter(|d| d["file"] == name).map(|d| {
        let at = |key: &str| d[key].as_u64().unwrap() - 1;
        (d["code"].as_str().unwrap().to_string(), severity(&d["severity"]), at("line"), at("column"))
    }))
}

#[test]
fn severities_are_those_of_the_configuration() {
    let config = "[severity]\nuncited = \"off\"\nconflict = \"warning\"\n";
    let dir = folder("lsp-config-severity", &[("claimcheck.toml", config), ("b.claims", CONFLICT)]);
    let mut client = Client::start(&dir);
    let published = client.open(&uri(&dir.join("b.claims")), CONFLICT);
    assert_eq!(published, [("conflict".to_string(), 2, 2, 7)]);
    assert_eq!(published, check(&dir, &["b.claims"], "b.claims"));
    client.finish();
}

#[test]
fn the_configured_tolerance_widens_values_in_diagnostics_and_hover() {
    // `~ $1.0bn` widened by 10 % reaches $1.15bn's rounding; by 1 % it does not.
    let text = "measure m \"M\" unit USD\n2000 m ~ $1.0bn\n2000 m = $1.15bn\n";
    let config = "tolerance = \"1%\"\n[severity]\nuncited = \"off\"\n";
    let dir = folder("lsp-config-tolerance", &[("claimcheck.toml", config), ("a.claims", text)]);
    let a = uri(&dir.join("a.claims"));
    let mut client = Client::start(&dir);
    let published = client.open(&a, text);
    assert_eq!(published, [("conflict".to_string(), 1, 2, 7)]);
    assert_eq!(published, check(&dir, &["a.claims"], "a.claims"));
    let at = json!({ "textDocument": { "uri": a }, "position": { "line": 1, "character": 10 } });
    let hover = client.request("textDocument/hover", at)["contents"]["value"].as_str().unwrap().to_string();
    assert!(hover.contains("~ $1.0bn (0.94–1.06)"), "{hover}");
    client.finish();
}

#[test]
fn the_folder_walk_takes_the_files_the_configuration_selects_and_open_files_always() {
    let config =
        "include = [\"main.claims\", \"drafts/**\"]\nexclude = [\"drafts/**\"]\n[severity]\nuncited = \"off\"\n";
    let main = "measure m \"M\" unit USD\n2000 m = $1.0bn\n";
    let draft = "2000 m = $2.0bn\n";
    let dir = folder(
        "lsp-config-select",
        &[
            ("claimcheck.toml", config),
            ("main.claims", main),
            // Excluded: its claim would conflict with main's.
            ("drafts/wip.claims", draft),
            // Not included: it would declare `m` a second time.
            ("notes/old.claims", "measure m \"M\" unit USD\n"),
        ],
    );
    let mut client = Client::start(&dir);
    let main_uri = uri(&dir.join("main.claims"));
    assert_eq!(client.open(&main_uri, main), []);
    assert_eq!(check(&dir, &["."], "main.claims"), []);
    // An open file is checked whatever the configuration says, as a file named to the CLI is:
    // its claim now conflicts with main's (the later file, which the finding is reported in).
    let draft_uri = uri(&dir.join("drafts/wip.claims"));
    let args = [".", "drafts/wip.claims"];
    assert_eq!(client.open(&draft_uri, draft), check(&dir, &args, "drafts/wip.claims"));
    let published = client.diagnostics(&main_uri);
    assert_eq!(published, [("conflict".to_string(), 1, 1, 7)]);
    assert_eq!(published, check(&dir, &args, "main.claims"));
    client.finish();
}

#[test]
fn a_broken_configuration_is_shown_once_and_the_files_are_checked_without_it() {
    let dir = folder("lsp-config-broken", &[("claimcheck.toml", "[severity]\nconflict = \"loud\"\n")]);
    let b = uri(&dir.join("b.claims"));
    let mut client = Client::start(&dir);
    let published = client.open(&b, CONFLICT);
    let codes: Vec<&str> = published.iter().map(|(code, ..)| code.as_str()).collect();
    assert_eq!(codes, ["conflict", "uncited", "uncited"], "{published:?}");
    assert_eq!(client.messages.len(), 1, "{:?}", client.messages);
    assert!(client.messages[0].contains("claimcheck.toml:2: severity.conflict = \"loud\""), "{:?}", client.messages);
    client.change(&b, 2, CONFLICT);
    assert_eq!(client.messages.len(), 1, "not again at every change: {:?}", client.messages);
    // A repaired configuration counts at the next check.
    std::fs::write(dir.join("claimcheck.toml"), "[severity]\nconflict = \"warning\"\nuncited = \"off\"\n").unwrap();
    assert_eq!(client.change(&b, 3, CONFLICT), [("conflict".to_string(), 2, 2, 7)]);
    client.finish();
}
