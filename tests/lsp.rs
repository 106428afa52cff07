//! The language server driven in-process through `lsp_server::Connection::memory()`, and the
//! built binary driven over stdio with garbage mixed into its input.

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::thread::JoinHandle;
use std::time::Duration;

const URI: &str = "file:///nonexistent/claimcheck-lsp/a.claims";

/// Line 4 has a conflict with line 3; line 5 a misspelt measure; line 6 a misspelt id after
/// characters outside the Basic Multilingual Plane (two UTF-16 units, four UTF-8 bytes each).
const TEXT: &str = "source xing \"Xing, China and Central Asia\" 2001\n\
measure trade \"China–Kazakhstan trade\" unit USD\n\
t2000: 2000 trade = $1.5bn [@xing, 121]\n\
2000 trade = $3bn [@xing, 122]\n\
2001 trde = $3bn [@xing]\n\
event \"𝄞𝄞 deal\" after t200 by 1y [@xing]\n";

struct Client {
    connection: Connection,
    server: Option<JoinHandle<bool>>,
    next_id: i32,
    /// Notifications that arrived while waiting for a response.
    pending: VecDeque<Notification>,
}

impl Client {
    /// A server thread that already holds `queued` messages when it starts.
    fn with_queue(queued: Vec<Message>) -> Client {
        let (server_side, connection) = Connection::memory();
        for message in queued {
            connection.sender.send(message).unwrap();
        }
        let server = std::thread::spawn(move || claimcheck::lsp::serve(&server_side));
        Client { connection, server: Some(server), next_id: 100, pending: VecDeque::new() }
    }

    fn start(capabilities: Value) -> Client {
        let mut client = Client::with_queue(Vec::new());
        let init = client.request("initialize", json!({ "capabilities": capabilities, "rootUri": null }));
        assert!(init.response_result.is_ok(), "{init:?}");
        client.notify("initialized", json!({}));
        client
    }

    fn recv(&self) -> Message {
        self.connection.receiver.recv_timeout(Duration::from_secs(20)).expect("the server answers")
    }

    fn request(&mut self, method: &str, params: Value) -> Response {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.connection.sender.send(Request::new(id.clone(), method.into(), params).into()).unwrap();
        loop {
            match self.recv() {
                Message::Response(response) if response.id == id => return response,
                Message::Notification(n) => self.pending.push_back(n),
                other => panic!("unexpected {other:?}"),
            }
        }
    }

    fn result(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        response.response_result.unwrap_or_else(|e| panic!("{method} failed: {e:?}"))
    }

    fn error_code(&mut self, method: &str, params: Value) -> i32 {
        match self.request(method, params).response_result {
            Err(e) => e.code,
            Ok(value) => panic!("{method} succeeded with {value}"),
        }
    }

    fn notify(&self, method: &str, params: Value) {
        self.connection.sender.send(Notification::new(method.into(), params).into()).unwrap();
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        loop {
            let notification = match self.pending.pop_front() {
                Some(n) => n,
                None => match self.recv() {
                    Message::Notification(n) => n,
                    other => panic!("unexpected {other:?}"),
                },
            };
            if notification.method == "textDocument/publishDiagnostics" && notification.params["uri"] == uri {
                return notification.params;
            }
        }
    }

    fn open(&mut self, uri: &str, text: &str) -> Value {
        let document = json!({ "uri": uri, "languageId": "claims", "version": 1, "text": text });
        self.notify("textDocument/didOpen", json!({ "textDocument": document }));
        self.diagnostics(uri)
    }

    /// Sends shutdown and exit; returns what the server loop returned.
    fn finish(mut self, shutdown: bool) -> bool {
        if shutdown {
            assert_eq!(self.result("shutdown", Value::Null), Value::Null);
        }
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().expect("the server thread does not panic")
    }
}

fn at(line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": character } })
}

fn codes(diagnostics: &Value) -> Vec<(String, u64)> {
    let list = diagnostics["diagnostics"].as_array().unwrap();
    list.iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["range"]["start"]["line"].as_u64().unwrap()))
        .collect()
}

fn find<'a>(diagnostics: &'a Value, code: &str) -> &'a Value {
    diagnostics["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == code).unwrap()
}

#[test]
fn diagnostics_on_open_carry_codes_ranges_and_related_labels() {
    let mut client = Client::start(json!({}));
    let published = client.open(URI, TEXT);
    assert_eq!(published["version"], 1);
    let found = codes(&published);
    for expected in [("conflict", 3), ("unknown-measure", 4), ("unknown-id", 5)] {
        assert!(found.contains(&(expected.0.to_string(), expected.1)), "{expected:?} in {found:?}");
    }
    let conflict = find(&published, "conflict");
    assert_eq!(conflict["severity"], 1);
    assert_eq!(conflict["source"], "claimcheck");
    let related = conflict["relatedInformation"].as_array().expect("the other claim is labelled");
    assert!(related.iter().any(|r| r["location"]["range"]["start"]["line"] == 2 && r["location"]["uri"] == URI));
    // `t200` starts after `event "𝄞𝄞 deal" after `: 22 characters, two of them two UTF-16 units.
    let unknown_id = find(&published, "unknown-id");
    assert_eq!(
        unknown_id["range"],
        json!({ "start": { "line": 5, "character": 24 }, "end": { "line": 5, "character": 28 } })
    );
    assert!(unknown_id["message"].as_str().unwrap().contains("did you mean `t2000`?"));
    assert!(client.finish(true));
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let mut client = Client::start(json!({ "general": { "positionEncodings": ["utf-16", "utf-8"] } }));
    let published = client.open(URI, TEXT);
    let unknown_id = find(&published, "unknown-id");
    assert_eq!(unknown_id["range"]["start"], json!({ "line": 5, "character": 28 }));
    let hover = client.result("textDocument/hover", at(5, 29));
    assert!(hover["contents"]["value"].as_str().unwrap().contains("no claim, event or block is labelled `t200`"));
    assert!(client.finish(true));
}

#[test]
fn the_initialize_result_announces_every_feature() {
    let mut client = Client::with_queue(Vec::new());
    let result = client.result("initialize", json!({ "capabilities": {} }));
    let capabilities = &result["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    for feature in ["hoverProvider", "definitionProvider", "documentFormattingProvider"] {
        assert_eq!(capabilities[feature], true, "{feature}");
    }
    assert_eq!(capabilities["completionProvider"]["triggerCharacters"], json!(["@"]));
    assert_eq!(capabilities["codeActionProvider"]["codeActionKinds"], json!(["quickfix"]));
    let folders = &capabilities["workspace"]["workspaceFolders"];
    assert_eq!((&folders["supported"], &folders["changeNotifications"]), (&json!(true), &json!(true)));
    assert_eq!(result["serverInfo"]["name"], "claimcheck");
    assert!(client.finish(true));
}

#[test]
fn changes_recheck_and_a_burst_is_checked_once_at_its_latest_version() {
    let mut client = Client::start(json!({}));
    client.open(URI, TEXT);
    // Fix the misspelt measure on line 5 with an incremental edit.
    let fix = json!({ "range": { "start": { "line": 4, "character": 5 }, "end": { "line": 4, "character": 9 } }, "text": "trade" });
    let change = json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [fix] });
    client.notify("textDocument/didChange", change);
    let published = client.diagnostics(URI);
    assert_eq!(published["version"], 2);
    assert!(!codes(&published).iter().any(|(code, _)| code == "unknown-measure"), "{published}");
    client.notify("textDocument/didSave", json!({ "textDocument": { "uri": URI } }));
    assert_eq!(client.diagnostics(URI)["version"], 2, "a save re-checks");

    let document = json!({ "uri": URI, "languageId": "claims", "version": 1, "text": TEXT });
    let mut queued = vec![
        Request::new(RequestId::from(1), "initialize".into(), json!({ "capabilities": {} })).into(),
        Notification::new("initialized".into(), json!({})).into(),
        Notification::new("textDocument/didOpen".into(), json!({ "textDocument": document })).into(),
    ];
    for version in 2..=60 {
        let text = format!("{}{}", TEXT, "2003 trade = $1bn [@xing]\n".repeat(version as usize % 7));
        let change =
            json!({ "textDocument": { "uri": URI, "version": version }, "contentChanges": [{ "text": text }] });
        queued.push(Notification::new("textDocument/didChange".into(), change).into());
    }
    let mut burst = Client::with_queue(queued);
    assert!(matches!(burst.recv(), Message::Response(r) if r.response_result.is_ok()));
    let published = burst.diagnostics(URI);
    assert_eq!(published["version"], 60, "only the latest version is checked");
    let after = burst.request("shutdown", Value::Null);
    assert!(after.response_result.is_ok());
    assert!(burst.pending.is_empty(), "no other check was published: {:?}", burst.pending);
    burst.notify("exit", Value::Null);
    assert!(burst.server.take().unwrap().join().unwrap());
    assert!(client.finish(true));
}

#[test]
fn hover_shows_a_claims_intervals_and_a_measures_series() {
    let mut client = Client::start(json!({}));
    client.open(URI, TEXT);
    let claim = client.result("textDocument/hover", at(2, 22));
    let text = claim["contents"]["value"].as_str().unwrap();
    assert!(text.contains("Value: $1.5bn (1.45–1.55) (in USD)"), "{text}");
    assert!(text.contains("Date: 2000 — 2000-01-01 … 2000-12-31"), "{text}");
    let measure = client.result("textDocument/hover", at(3, 6));
    let text = measure["contents"]["value"].as_str().unwrap();
    assert!(text.contains("measure trade \"China–Kazakhstan trade\" unit USD"), "{text}");
    assert!(text.contains("Series (2 claims)"), "{text}");
    assert_eq!(client.result("textDocument/hover", at(0, 60)), Value::Null, "past the end of the line: nothing");
    assert!(client.finish(true));
}

#[test]
fn definition_of_ids_sources_and_measures() {
    let mut client = Client::start(json!({}));
    let fixed = TEXT.replace("after t200 ", "after t2000 ");
    client.open(URI, &fixed);
    let line_of = |value: &Value| value["range"]["start"]["line"].as_u64().unwrap();
    let id = client.result("textDocument/definition", at(5, 25));
    assert_eq!((id["uri"].as_str(), line_of(&id)), (Some(URI), 2));
    let source = client.result("textDocument/definition", at(2, 31));
    assert_eq!(line_of(&source), 0);
    assert_eq!(source["range"]["start"]["character"], 7);
    let measure = client.result("textDocument/definition", at(3, 7));
    assert_eq!(line_of(&measure), 1);
    assert_eq!(client.result("textDocument/definition", at(3, 15)), Value::Null, "a value names nothing");
    assert!(client.finish(true));
}

#[test]
fn completion_of_sources_measures_and_ids() {
    let mut client = Client::start(json!({}));
    let text = format!("{TEXT}2004 tr = $1bn [@x\norder t2000 < \n");
    client.open(URI, &text);
    let labels = |result: &Value| -> Vec<String> {
        result.as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap().to_string()).collect()
    };
    let sources = client.result("textDocument/completion", at(6, 18));
    assert_eq!(labels(&sources), ["xing"]);
    assert_eq!(sources[0]["textEdit"]["range"]["start"], json!({ "line": 6, "character": 17 }));
    assert_eq!(labels(&client.result("textDocument/completion", at(6, 7))), ["trade"]);
    assert_eq!(labels(&client.result("textDocument/completion", at(7, 14))), ["t2000"]);
    assert!(client.finish(true));
}

#[test]
fn code_actions_offer_the_did_you_mean_fixes() {
    let mut client = Client::start(json!({}));
    client.open(URI, TEXT);
    let range = json!({ "start": { "line": 4, "character": 0 }, "end": { "line": 4, "character": 30 } });
    let params = json!({ "textDocument": { "uri": URI }, "range": range, "context": { "diagnostics": [] } });
    let actions = client.result("textDocument/codeAction", params);
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["title"], "Replace with `trade`");
    assert_eq!(actions[0]["kind"], "quickfix");
    let edit = &actions[0]["edit"]["changes"][URI][0];
    assert_eq!(edit["newText"], "trade");
    assert_eq!(edit["range"], json!({ "start": { "line": 4, "character": 5 }, "end": { "line": 4, "character": 9 } }));
    assert_eq!(actions[0]["diagnostics"][0]["code"], "unknown-measure");
    assert!(client.finish(true));
}

#[test]
fn formatting_returns_one_whole_document_edit_or_none() {
    let mut client = Client::start(json!({}));
    let messy = "source   xing \"Xing\"   2001\nmeasure trade \"Trade\" unit USD\n2000   trade = $1.5bn   [@xing]\n";
    client.open(URI, messy);
    let params = json!({ "textDocument": { "uri": URI }, "options": { "tabSize": 4, "insertSpaces": true } });
    let edits = client.result("textDocument/formatting", params.clone());
    let edits = edits.as_array().unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["newText"].as_str(), Some(claimcheck::fmt::format(messy).as_str()));
    assert_eq!(
        edits[0]["range"],
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 3, "character": 0 } })
    );
    let change =
        json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "text": edits[0]["newText"] }] });
    client.notify("textDocument/didChange", change);
    assert_eq!(client.result("textDocument/formatting", params), json!([]));
    assert!(client.finish(true));
}

#[test]
fn bad_requests_get_errors_and_the_server_goes_on() {
    let mut client = Client::with_queue(Vec::new());
    assert_eq!(client.error_code("textDocument/hover", at(0, 0)), -32002, "before initialize");
    client.result("initialize", json!({ "capabilities": {} }));
    client.open(URI, TEXT);
    assert_eq!(client.error_code("textDocument/frobnicate", json!({})), -32601);
    assert_eq!(client.error_code("textDocument/hover", at(400, 0)), -32602, "a line past the end");
    assert_eq!(client.error_code("textDocument/hover", json!({ "position": "nowhere" })), -32602);
    let elsewhere =
        json!({ "textDocument": { "uri": "file:///nowhere/b.claims" }, "position": { "line": 0, "character": 0 } });
    assert_eq!(client.error_code("textDocument/definition", elsewhere), -32602, "a document that is not open");
    let change = json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "range": { "start": { "line": 90, "character": 0 }, "end": { "line": 91, "character": 0 } }, "text": "x" }] });
    client.notify("textDocument/didChange", change);
    client.notify("textDocument/didOpen", json!({ "textDocument": 5 }));
    client.notify("$/unknownNotification", json!(null));
    let hover = client.result("textDocument/hover", at(2, 22));
    assert!(hover["contents"]["value"].as_str().unwrap().contains("$1.5bn"), "still serving the unchanged text");
    assert!(client.finish(true));
}

#[test]
fn exit_without_shutdown_is_not_clean() {
    let client = Client::start(json!({}));
    assert!(!client.finish(false));
}

#[test]
fn open_files_of_one_folder_are_one_file_set() {
    let mut client = Client::start(json!({}));
    let sources = "file:///nonexistent/claimcheck-lsp/sources.claims";
    client.open(sources, "source xing \"Xing\" 2001\nmeasure trade \"Trade\" unit USD\n");
    let uses = client.open(URI, "t: 2000 trade = $1.5bn [@xing]\n");
    assert_eq!(codes(&uses), Vec::<(String, u64)>::new(), "declarations in the other file count");
    let definition = client.result("textDocument/definition", at(0, 26));
    assert_eq!(definition["uri"], sources);
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": sources } }));
    let cleared = loop {
        let published = client.diagnostics(sources);
        if published.get("version").is_none_or(Value::is_null) {
            break published;
        }
    };
    assert_eq!(cleared["diagnostics"], json!([]));
    let alone = client.diagnostics(URI);
    assert!(codes(&alone).iter().any(|(code, _)| code == "unknown-source"), "{alone}");
    assert!(client.finish(true));
}

/// A fresh workspace folder holding `declarations.claims` (source `xing`, measure `trade`),
/// and its URI.
fn folder_with_declarations(name: &str) -> (std::path::PathBuf, String) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("declarations.claims"), "source xing \"Xing\" 2001\nmeasure trade \"Trade\" unit USD\n")
        .unwrap();
    let folder = format!("file://{}", dir.display());
    (dir, folder)
}

#[test]
fn closed_files_of_the_folder_are_read_from_disk_and_open_ones_replace_them() {
    let (_, folder) = folder_with_declarations("lsp-folder");
    let mut client = Client::with_queue(Vec::new());
    client.result("initialize", json!({ "capabilities": {}, "workspaceFolders": [{ "uri": folder, "name": "w" }] }));
    let uses = format!("{folder}/uses.claims");
    assert_eq!(codes(&client.open(&uses, "2000 trade = $1.5bn [@xing]\n")), Vec::<(String, u64)>::new());
    // The same file as the editor spells it (an escaped `.`): its text replaces the disk copy.
    let declarations = format!("{folder}/declarations%2Eclaims");
    client.open(&declarations, "source other \"Other\" 2001\nmeasure trade \"Trade\" unit USD\n");
    let published = client.diagnostics(&uses);
    assert_eq!(codes(&published), [("unknown-source".to_string(), 0)], "and no duplicate-source");
    assert!(client.finish(true));
}

#[test]
fn workspace_folders_added_and_removed_regroup_the_file_sets() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("lsp-folders-change");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("chapter")).unwrap();
    std::fs::write(dir.join("declarations.claims"), "source xing \"Xing\" 2001\nmeasure trade \"Trade\" unit USD\n")
        .unwrap();
    let folder = format!("file://{}", dir.display());
    let mut client = Client::start(json!({}));
    // Outside any workspace folder, a document is checked with the files of its own folder.
    let uses = format!("{folder}/chapter/uses.claims");
    let alone = codes(&client.open(&uses, "2000 trade = $1.5bn [@xing]\n"));
    assert!(alone.iter().any(|(code, _)| code == "unknown-measure"), "{alone:?}");
    let change = |added: Value, removed: Value| json!({ "event": { "added": added, "removed": removed } });
    let workspace = json!([{ "uri": folder, "name": "w" }]);
    client.notify("workspace/didChangeWorkspaceFolders", change(workspace.clone(), json!([])));
    assert_eq!(codes(&client.diagnostics(&uses)), Vec::<(String, u64)>::new(), "the declarations now count");
    client.notify("workspace/didChangeWorkspaceFolders", change(json!([]), workspace));
    let again = codes(&client.diagnostics(&uses));
    assert!(again.iter().any(|(code, _)| code == "unknown-measure"), "{again:?}");
    assert!(client.finish(true));
}

/// Frames a JSON text the way a client would.
fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

#[test]
fn the_binary_survives_garbage_on_stdin_and_exits_cleanly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut input = Vec::new();
    input.extend(b"this is not a header\r\n\r\n");
    input.extend(b"Content-Length: many\r\n\r\n");
    input.extend(frame("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": "));
    input.extend(frame(r#"{"jsonrpc":"2.0","id":2,"method":"initialize","params":{"capabilities":{}}}"#));
    input.extend(frame(r#"{"jsonrpc":"2.0","id":3.5,"method":"shutdown"}"#));
    input.extend(frame(r#"{"jsonrpc":"2.0","id":4,"method":"no/such/method"}"#));
    input.extend(frame(r#"{"jsonrpc":"2.0","id":5,"method":"shutdown"}"#));
    input.extend(frame(r#"{"jsonrpc":"2.0","method":"exit"}"#));
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(&input).unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut output = Vec::new();
        stdout.read_to_end(&mut output).map(|_| output)
    });
    // stdin stays open: the server must stop because of `exit`, not because input ended.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("the server did not exit after `exit`");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(stdin);
    let output = reader.join().unwrap().unwrap();
    let output = String::from_utf8(output).unwrap();
    let replies: Vec<Value> = output
        .split("Content-Length: ")
        .filter_map(|chunk| chunk.split_once("\r\n\r\n"))
        .map(|(_, body)| serde_json::from_str(body).unwrap())
        .collect();
    let error_codes: Vec<i64> = replies.iter().filter_map(|r| r["error"]["code"].as_i64()).collect();
    assert_eq!(error_codes, [-32700, -32700, -32700, -32600, -32601], "{output}");
    assert!(replies.iter().any(|r| r["id"] == 2 && r["result"]["capabilities"].is_object()), "{output}");
    assert!(replies.iter().any(|r| r["id"] == 5 && r["result"].is_null()), "{output}");
    assert!(status.success(), "{status:?}");
}

#[test]
fn sources_from_a_bibliography_are_hovered_defined_and_completed() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("lsp-bibliography");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("refs.bib"),
        "@article{walker2010,\n  author = {Walker},\n  title = {Oil in Kazakhstan},\n  year = {2010}\n}\n",
    )
    .unwrap();
    let uri = format!("file://{}", dir.join("a.claims").display());
    let text = "bibliography \"refs.bib\"\nmeasure trade \"Trade\" unit USD\n2000 trade = $1.5bn [@walker2010]\n2002 trade = $1.5bn [@w\n";
    let mut client = Client::start(json!({}));
    client.open(&uri, text);
    let at = |line: u32, character: u32| json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } });
    let hover = client.result("textDocument/hover", at(2, 24));
    assert!(hover["contents"]["value"].as_str().is_some_and(|h| h.contains("Walker, Oil in Kazakhstan")), "{hover}");
    let definition = client.result("textDocument/definition", at(2, 24));
    assert!(definition["uri"].as_str().is_some_and(|u| u.ends_with("/lsp-bibliography/refs.bib")), "{definition}");
    assert_eq!(definition["range"]["start"], json!({ "line": 0, "character": 9 }));
    let completion = client.result("textDocument/completion", at(3, 23));
    assert_eq!(completion[0]["label"], "walker2010", "{completion}");
    assert!(client.finish(true));
}

#[test]
fn a_client_that_can_watch_files_is_asked_to_and_changes_on_disk_are_checked_again() {
    let (dir, folder) = folder_with_declarations("lsp-watched");
    let mut client = Client::with_queue(Vec::new());
    let capabilities = json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    let workspace = json!({ "capabilities": capabilities, "workspaceFolders": [{ "uri": folder, "name": "w" }] });
    client.result("initialize", workspace);
    client.notify("initialized", json!({}));
    let Message::Request(register) = client.recv() else { panic!("expected client/registerCapability") };
    assert_eq!(register.method, "client/registerCapability");
    let registration = &register.params["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = registration["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["globPattern"].as_str().unwrap())
        .collect();
    assert!(globs.contains(&"**/*.claims") && globs.contains(&"**/claimcheck.toml"), "{globs:?}");
    client.connection.sender.send(Response::new_ok(register.id, Value::Null).into()).unwrap();
    let uses = format!("{folder}/uses.claims");
    assert_eq!(codes(&client.open(&uses, "2000 trade = $1.5bn [@xing]\n")), Vec::<(String, u64)>::new());
    // A file the editor does not hold changes on disk (a checkout, `claimcheck fmt`).
    std::fs::write(dir.join("declarations.claims"), "source other \"Other\" 2001\nmeasure trade \"Trade\" unit USD\n")
        .unwrap();
    let changes = json!({ "changes": [{ "uri": format!("{folder}/declarations.claims"), "type": 2 }] });
    client.notify("workspace/didChangeWatchedFiles", changes);
    assert_eq!(codes(&client.diagnostics(&uses)), [("unknown-source".to_string(), 0)]);
    assert!(client.finish(true));
}
