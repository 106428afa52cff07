//! The server loop: documents, file sets, diagnostics and request dispatch.
//!
//! File sets: a `file:` document is checked together with every other `.claims` file under
//! its workspace folder (or, outside any folder, under its own directory), exactly as
//! `claimcheck check FOLDER` would, so declarations in one file serve claims in another.
//! Open documents take their text from the editor, the others from disk (re-read after a
//! save or a watched-file change). Workspace folders may be added and removed while the
//! server runs. Diagnostics are published for open documents only.
//! Documents without a path (`untitled:`) are each a file set of their own.
//!
//! Checks run when the message queue is empty, so a burst of `didChange` notifications is
//! checked once, at its latest version; a request reads a fresh check of its file set.

use super::analysis::Analysis;
use super::load::Origin;
use super::position::{Encoding, LineIndex};
use super::{complete, hover, uri};
use crate::finding::{Finding, Severity};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use lsp_types::Uri;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Stop walking a workspace folder after this many entries, so opening a file under a huge
/// folder (a home directory) stays quick; the files found so far are still checked.
const WALK_LIMIT: usize = 50_000;

/// An error answer to a request.
struct Failure {
    code: ErrorCode,
    message: String,
}

impl Failure {
    fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Failure { code, message: message.into() }
    }
}

type Answer = Result<Value, Failure>;

struct Document {
    text: String,
    version: i32,
    claims: bool,
}

/// The files one check covers.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum FileSet {
    Folder(PathBuf),
    Alone(Uri),
}

#[derive(Default)]
struct Server {
    initialized: bool,
    shutting_down: bool,
    encoding: Encoding,
    folders: Vec<PathBuf>,
    documents: HashMap<Uri, Document>,
    analyses: HashMap<FileSet, Analysis>,
    dirty: BTreeSet<FileSet>,
    /// `.claims` files on disk under each folder, read once until a save or watched change.
    disk: HashMap<PathBuf, Vec<(PathBuf, Arc<String>)>>,
    /// Documents that were sent diagnostics, to clear when they close.
    published: BTreeSet<Uri>,
    /// The client can be asked to watch files (`workspace.didChangeWatchedFiles`), which it
    /// is once initialized: files changed on disk (a `git checkout`, `claimcheck fmt`) are
    /// then checked again without a save in the editor.
    watch_files: bool,
    outbox: Vec<Message>,
}

/// Runs the protocol on a connection until `exit` or until the client goes away; true when
/// the client asked for `shutdown` first (the process then exits with status 0).
pub fn serve(connection: &Connection) -> bool {
    let mut server = Server::default();
    loop {
        let message = if server.dirty.is_empty() {
            match connection.receiver.recv() {
                Ok(message) => message,
                Err(_) => return server.shutting_down,
            }
        } else {
            match connection.receiver.try_recv() {
                Ok(message) => message,
                Err(error) if error.is_empty() => {
                    server.check_dirty();
                    server.send(connection);
                    continue;
                }
                Err(_) => return server.shutting_down,
            }
        };
        let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
        if exit {
            return server.shutting_down;
        }
        match message {
            Message::Request(request) => {
                let id = request.id.clone();
                let answer = catch_unwind(AssertUnwindSafe(|| server.request(request)))
                    .unwrap_or_else(|_| Err(Failure::new(ErrorCode::InternalError, "the request crashed the handler")));
                server.outbox.push(respond(id, answer).into());
            }
            Message::Notification(notification) => {
                if catch_unwind(AssertUnwindSafe(|| server.notification(notification))).is_err() {
                    eprintln!("claimcheck lsp: a notification handler crashed; the server goes on");
                }
            }
            Message::Response(_) => {}
        }
        server.send(connection);
    }
}

fn respond(id: RequestId, answer: Answer) -> Response {
    match answer {
        Ok(value) => Response { id, response_result: Ok(value) },
        Err(failure) => Response::new_err(id, failure.code as i32, failure.message),
    }
}

fn params<P: DeserializeOwned>(value: Value) -> Result<P, Failure> {
    serde_json::from_value(value).map_err(|e| Failure::new(ErrorCode::InvalidParams, format!("invalid params: {e}")))
}

fn to_value(value: impl serde::Serialize) -> Answer {
    serde_json::to_value(value).map_err(|e| Failure::new(ErrorCode::InternalError, e.to_string()))
}

impl Server {
    fn send(&mut self, connection: &Connection) {
        for message in self.outbox.drain(..) {
            if connection.sender.send(message).is_err() {
                return;
            }
        }
    }

    fn request(&mut self, request: Request) -> Answer {
        let method = request.method.as_str();
        if method == "initialize" {
            if self.initialized {
                return Err(Failure::new(ErrorCode::InvalidRequest, "the server is already initialized"));
            }
            return self.initialize(&request.params);
        }
        if !self.initialized {
            return Err(Failure::new(ErrorCode::ServerNotInitialized, "`initialize` must come first"));
        }
        if self.shutting_down {
            return Err(Failure::new(ErrorCode::InvalidRequest, "the server is shutting down"));
        }
        match method {
            "shutdown" => {
                self.shutting_down = true;
                Ok(Value::Null)
            }
            "textDocument/hover" => self.hover(params(request.params)?),
            "textDocument/definition" => self.definition(params(request.params)?),
            "textDocument/completion" => self.completion(params(request.params)?),
            "textDocument/codeAction" => self.code_action(params(request.params)?),
            "textDocument/formatting" => self.formatting(params(request.params)?),
            _ => Err(Failure::new(ErrorCode::MethodNotFound, format!("unknown method `{method}`"))),
        }
    }

    fn initialize(&mut self, params: &Value) -> Answer {
        let offered: Vec<String> = params
            .pointer("/capabilities/general/positionEncodings")
            .and_then(Value::as_array)
            .map(|list| list.iter().filter_map(|v| v.as_str().map(String::from)).collect())
            .unwrap_or_default();
        self.encoding = Encoding::negotiate(&offered);
        let watch = params.pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration");
        self.watch_files = watch.and_then(Value::as_bool).unwrap_or(false);
        let folder_uris = params.get("workspaceFolders").and_then(Value::as_array).map(|folders| {
            folders.iter().filter_map(|f| f.get("uri").and_then(Value::as_str)).map(String::from).collect::<Vec<_>>()
        });
        let folder_uris = folder_uris
            .unwrap_or_else(|| params.get("rootUri").and_then(Value::as_str).map(String::from).into_iter().collect());
        self.folders =
            folder_uris.iter().filter_map(|u| u.parse::<Uri>().ok()).filter_map(|u| uri::to_path(&u)).collect();
        self.initialized = true;
        let capabilities = lsp::ServerCapabilities {
            position_encoding: Some(self.encoding.kind()),
            text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                save: Some(lsp::TextDocumentSyncSaveOptions::SaveOptions(lsp::SaveOptions {
                    include_text: Some(false),
                })),
                ..Default::default()
            })),
            hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
            definition_provider: Some(lsp::OneOf::Left(true)),
            completion_provider: Some(lsp::CompletionOptions {
                trigger_characters: Some(vec!["@".into()]),
                ..Default::default()
            }),
            code_action_provider: Some(lsp::CodeActionProviderCapability::Options(lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                ..Default::default()
            })),
            document_formatting_provider: Some(lsp::OneOf::Left(true)),
            workspace: Some(lsp::WorkspaceServerCapabilities {
                workspace_folders: Some(lsp::WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(lsp::OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            ..Default::default()
        };
        let server_info =
            lsp::ServerInfo { name: "claimcheck".into(), version: Some(env!("CARGO_PKG_VERSION").into()) };
        to_value(lsp::InitializeResult { capabilities, server_info: Some(server_info) })
    }

    fn notification(&mut self, notification: Notification) {
        if !self.initialized {
            return;
        }
        let result = match notification.method.as_str() {
            "initialized" => {
                self.register_watchers();
                Ok(())
            }
            "textDocument/didOpen" => params(notification.params).map(|p| self.did_open(p)),
            "textDocument/didChange" => params(notification.params).map(|p| self.did_change(p)),
            "textDocument/didSave" => params(notification.params).map(|p: lsp::DidSaveTextDocumentParams| {
                self.disk.clear();
                self.touch(&p.text_document.uri);
            }),
            "textDocument/didClose" => params(notification.params).map(|p| self.did_close(p)),
            "workspace/didChangeWatchedFiles" => {
                self.disk.clear();
                self.dirty.extend(self.documents.keys().filter_map(|u| self.file_set(u)).collect::<Vec<_>>());
                Ok(())
            }
            "workspace/didChangeWorkspaceFolders" => params(notification.params).map(|p| self.folders_changed(p)),
            _ => Ok(()),
        };
        if let Err(failure) = result {
            eprintln!("claimcheck lsp: ignored `{}`: {}", notification.method, failure.message);
        }
    }

    /// Asks the client to tell of changes to the files a check reads besides the open ones:
    /// claims files, configurations, bibliographies and manuscripts.
    fn register_watchers(&mut self) {
        if !self.watch_files {
            return;
        }
        let globs = ["**/*.claims", "**/claimcheck.toml", "**/*.{bib,json,yaml,yml}", "**/*.{md,markdown,txt,tex}"];
        let watchers = globs
            .iter()
            .map(|glob| lsp::FileSystemWatcher { glob_pattern: lsp::GlobPattern::String(glob.to_string()), kind: None })
            .collect();
        let options = lsp::DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = lsp::Registration {
            id: "claimcheck/watched-files".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(options).ok(),
        };
        let params = lsp::RegistrationParams { registrations: vec![registration] };
        let Ok(params) = serde_json::to_value(params) else { return };
        let id = RequestId::from("claimcheck/register-watched-files".to_string());
        self.outbox.push(Request::new(id, "client/registerCapability".into(), params).into());
    }

    /// Folders added to or removed from the workspace regroup the open documents' file sets:
    /// each open document is checked again with the files of its new folder.
    fn folders_changed(&mut self, p: lsp::DidChangeWorkspaceFoldersParams) {
        let path = |folder: &lsp::WorkspaceFolder| uri::to_path(&folder.uri);
        let removed: Vec<PathBuf> = p.event.removed.iter().filter_map(path).collect();
        self.folders.retain(|f| !removed.contains(f));
        for added in p.event.added.iter().filter_map(path) {
            if !self.folders.contains(&added) {
                self.folders.push(added);
            }
        }
        self.disk.clear();
        let sets: Vec<FileSet> = self.documents.keys().filter_map(|u| self.file_set(u)).collect();
        // The analyses of file sets no open document belongs to any more are of no use.
        self.analyses.retain(|set, _| sets.contains(set));
        self.dirty.extend(sets);
    }

    fn did_open(&mut self, p: lsp::DidOpenTextDocumentParams) {
        let doc = p.text_document;
        let claims = doc.language_id == "claims" || doc.uri.as_str().ends_with(".claims");
        self.documents.insert(doc.uri.clone(), Document { text: doc.text, version: doc.version, claims });
        self.touch(&doc.uri);
    }

    fn did_change(&mut self, p: lsp::DidChangeTextDocumentParams) {
        let encoding = self.encoding;
        let Some(doc) = self.documents.get_mut(&p.text_document.uri) else {
            eprintln!("claimcheck lsp: a change to `{}`, which is not open", p.text_document.uri.as_str());
            return;
        };
        for change in p.content_changes {
            match change.range {
                None => doc.text = change.text,
                Some(range) => match LineIndex::new(&doc.text, encoding).span(range) {
                    Ok(span) => doc.text.replace_range(span.range(), &change.text),
                    Err(e) => eprintln!("claimcheck lsp: a change outside `{}`: {e}", p.text_document.uri.as_str()),
                },
            }
        }
        doc.version = p.text_document.version;
        self.touch(&p.text_document.uri);
    }

    fn did_close(&mut self, p: lsp::DidCloseTextDocumentParams) {
        let uri = p.text_document.uri;
        let set = self.file_set(&uri);
        self.documents.remove(&uri);
        if self.published.remove(&uri) {
            let clear = lsp::PublishDiagnosticsParams { uri, diagnostics: Vec::new(), version: None };
            self.notify("textDocument/publishDiagnostics", clear);
        }
        self.dirty.extend(set);
    }

    /// Marks a document's file set for checking.
    fn touch(&mut self, uri: &Uri) {
        if let Some(set) = self.file_set(uri) {
            self.dirty.insert(set);
        }
    }

    fn notify(&mut self, method: &str, params: impl serde::Serialize) {
        match serde_json::to_value(params) {
            Ok(params) => self.outbox.push(Notification { method: method.into(), params }.into()),
            Err(e) => eprintln!("claimcheck lsp: cannot encode `{method}`: {e}"),
        }
    }

    /// The file set of an open claims document.
    fn file_set(&self, uri: &Uri) -> Option<FileSet> {
        if !self.documents.get(uri)?.claims {
            return None;
        }
        let Some(path) = uri::to_path(uri) else {
            return Some(FileSet::Alone(uri.clone()));
        };
        let folder = self.folders.iter().filter(|f| path.starts_with(f)).max_by_key(|f| f.components().count());
        let folder = folder.cloned().or_else(|| path.parent().map(Path::to_path_buf));
        Some(folder.map_or_else(|| FileSet::Alone(uri.clone()), FileSet::Folder))
    }

    /// The files of a set with their texts, sorted by path: open documents from the editor,
    /// the others from disk.
    fn members(&mut self, set: &FileSet) -> Vec<(Uri, Arc<String>, Origin)> {
        // Keyed by path, so an open document replaces its disk copy however its client
        // spells the URI; `untitled:` documents by their URI.
        let key = |uri: &Uri| uri::to_path(uri).unwrap_or_else(|| PathBuf::from(uri.as_str()));
        let mut files: BTreeMap<PathBuf, (Uri, Arc<String>, Origin)> = BTreeMap::new();
        if let FileSet::Folder(folder) = set {
            let on_disk = self.disk.entry(folder.clone()).or_insert_with(|| read_folder(folder));
            for (path, text) in on_disk.iter() {
                if let Some(uri) = uri::from_path(path) {
                    files.insert(path.clone(), (uri, text.clone(), Origin::Walked));
                }
            }
        }
        for (uri, doc) in &self.documents {
            if self.file_set(uri).as_ref() == Some(set) {
                files.insert(key(uri), (uri.clone(), Arc::new(doc.text.clone()), Origin::Open));
            }
        }
        files.into_values().collect()
    }

    fn check_dirty(&mut self) {
        for set in std::mem::take(&mut self.dirty) {
            self.check(set);
        }
    }

    /// Checks a file set and publishes diagnostics for its open documents.
    fn check(&mut self, set: FileSet) {
        self.dirty.remove(&set);
        let files = self.members(&set);
        let Ok(analysis) = catch_unwind(AssertUnwindSafe(|| Analysis::new(&files))) else {
            eprintln!("claimcheck lsp: checking {set:?} crashed; its diagnostics are left as they were");
            self.analyses.remove(&set);
            return;
        };
        self.report_run_errors(&set, &analysis);
        let open: Vec<(Uri, i32)> = analysis
            .uris
            .iter()
            .filter_map(|uri| self.documents.get(uri).map(|doc| (uri.clone(), doc.version)))
            .collect();
        for (uri, version) in open {
            let diagnostics = diagnostics(&analysis, &uri, self.encoding);
            self.published.insert(uri.clone());
            self.notify(
                "textDocument/publishDiagnostics",
                lsp::PublishDiagnosticsParams { uri, diagnostics, version: Some(version) },
            );
        }
        self.analyses.insert(set, analysis);
    }

    /// Shows the user what made a check fall short of `claimcheck check`'s (a broken
    /// `claimcheck.toml`, an unreadable manuscript), each when it first appears in the file
    /// set's checks: not again at every keystroke, but again once fixed and broken anew.
    fn report_run_errors(&mut self, set: &FileSet, analysis: &Analysis) {
        let before: Vec<&String> = self.analyses.get(set).map(|a| a.run_errors().collect()).unwrap_or_default();
        let new: Vec<String> = analysis.run_errors().filter(|e| !before.contains(e)).cloned().collect();
        for message in new {
            eprintln!("claimcheck lsp: {message}");
            self.notify("window/showMessage", lsp::ShowMessageParams { typ: lsp::MessageType::ERROR, message });
        }
    }

    /// The fresh analysis of an open document's file set, and the document's file in it.
    fn analysis(&mut self, uri: &Uri) -> Result<(&Analysis, crate::source::FileId), Failure> {
        let not_open =
            || Failure::new(ErrorCode::InvalidParams, format!("`{}` is not an open claims file", uri.as_str()));
        let set = self.file_set(uri).ok_or_else(not_open)?;
        if self.dirty.contains(&set) || !self.analyses.contains_key(&set) {
            self.check(set.clone());
        }
        let analysis = self
            .analyses
            .get(&set)
            .ok_or_else(|| Failure::new(ErrorCode::InternalError, "the check of this file set failed"))?;
        let file = analysis.file_of(uri).ok_or_else(not_open)?;
        Ok((analysis, file))
    }

    /// The analysis and the byte offset of a position in an open document.
    fn locate(
        &mut self,
        at: &lsp::TextDocumentPositionParams,
    ) -> Result<(&Analysis, crate::source::FileId, usize, Encoding), Failure> {
        let encoding = self.encoding;
        let (analysis, file) = self.analysis(&at.text_document.uri)?;
        let offset = analysis
            .line_index(file, encoding)
            .offset(at.position)
            .map_err(|e| Failure::new(ErrorCode::InvalidParams, e.to_string()))?;
        Ok((analysis, file, offset, encoding))
    }

    fn hover(&mut self, p: lsp::HoverParams) -> Answer {
        let (analysis, file, offset, _) = self.locate(&p.text_document_position_params)?;
        let hover = hover::hover(analysis, file, offset).map(|value| lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent { kind: lsp::MarkupKind::Markdown, value }),
            range: None,
        });
        to_value(hover)
    }

    fn definition(&mut self, p: lsp::GotoDefinitionParams) -> Answer {
        let (analysis, file, offset, encoding) = self.locate(&p.text_document_position_params)?;
        let Some((kind, ident)) = analysis.name_at(file, offset) else {
            return Ok(Value::Null);
        };
        let model = &analysis.index().model;
        let loc = match kind {
            crate::model::NameKind::Id => model.target(&ident.name).map(|t| model.target_loc(t)),
            crate::model::NameKind::Source => model.source_keys.get(&ident.name).map(|&s| model.sources[s].loc),
            crate::model::NameKind::Measure => model.measure_names.get(&ident.name).map(|&m| model.measures[m].loc),
        };
        let location = loc.and_then(|loc| analysis.location(loc, encoding));
        to_value(location.map(lsp::GotoDefinitionResponse::Scalar))
    }

    fn completion(&mut self, p: lsp::CompletionParams) -> Answer {
        let (analysis, file, offset, encoding) = self.locate(&p.text_document_position)?;
        let (typed, candidates) = complete::complete(analysis, file, offset);
        let range = analysis.line_index(file, encoding).range(typed);
        let items: Vec<lsp::CompletionItem> = candidates
            .into_iter()
            .map(|c| lsp::CompletionItem {
                text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit { range, new_text: c.label.clone() })),
                kind: Some(match c.kind {
                    complete::Kind::Source => lsp::CompletionItemKind::REFERENCE,
                    complete::Kind::Measure => lsp::CompletionItemKind::FIELD,
                    complete::Kind::Id => lsp::CompletionItemKind::VARIABLE,
                }),
                label: c.label,
                detail: c.detail,
                ..Default::default()
            })
            .collect();
        to_value(lsp::CompletionResponse::Array(items))
    }

    fn code_action(&mut self, p: lsp::CodeActionParams) -> Answer {
        let encoding = self.encoding;
        let uri = p.text_document.uri;
        let (analysis, file) = self.analysis(&uri)?;
        let index = analysis.line_index(file, encoding);
        let wanted = index.span(p.range).map_err(|e| Failure::new(ErrorCode::InvalidParams, e.to_string()))?;
        let mut actions = Vec::new();
        for finding in &analysis.outcome.findings {
            let Some(fix) = finding.fix.as_ref().filter(|fix| fix.file == file) else { continue };
            let span = finding.primary.span;
            if finding.primary.file != file || span.end < wanted.start || wanted.end < span.start {
                continue;
            }
            let edit = lsp::TextEdit { range: index.range(fix.span), new_text: fix.replacement.clone() };
            actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: fix.title.clone(),
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic(analysis, finding, encoding)]),
                edit: Some(lsp::WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..Default::default()
                }),
                is_preferred: Some(true),
                ..Default::default()
            }));
        }
        to_value(actions)
    }

    fn formatting(&mut self, p: lsp::DocumentFormattingParams) -> Answer {
        let encoding = self.encoding;
        let uri = p.text_document.uri;
        let doc = self.documents.get(&uri).ok_or_else(|| {
            Failure::new(ErrorCode::InvalidParams, format!("`{}` is not an open document", uri.as_str()))
        })?;
        let formatted = crate::fmt::format(&doc.text);
        if formatted == doc.text {
            return to_value(Vec::<lsp::TextEdit>::new());
        }
        let range = LineIndex::new(&doc.text, encoding).whole();
        to_value(vec![lsp::TextEdit { range, new_text: formatted }])
    }
}

/// Every `.claims` file under a folder, as `claimcheck check FOLDER` finds them before its
/// `claimcheck.toml` files choose among them (which [`Analysis::new`] does at each check).
fn read_folder(folder: &Path) -> Vec<(PathBuf, Arc<String>)> {
    let mut files = Vec::new();
    for path in crate::cli::walk(folder, WALK_LIMIT).flatten() {
        let name = path.display().to_string();
        match crate::cli::read_text(&path, &name) {
            Ok(text) => files.push((path, text.into())),
            Err(e) => eprintln!("claimcheck lsp: {e}"),
        }
    }
    files
}

/// The diagnostics of one document of a checked file set.
fn diagnostics(analysis: &Analysis, uri: &Uri, encoding: Encoding) -> Vec<lsp::Diagnostic> {
    let Some(file) = analysis.file_of(uri) else { return Vec::new() };
    analysis
        .outcome
        .findings
        .iter()
        .filter(|f| f.primary.file == file)
        .map(|f| diagnostic(analysis, f, encoding))
        .collect()
}

fn diagnostic(analysis: &Analysis, finding: &Finding, encoding: Encoding) -> lsp::Diagnostic {
    let primary = &finding.primary;
    let related: Vec<lsp::DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter_map(|label| {
            let location = analysis.location(crate::model::Loc { file: label.file, span: label.span }, encoding)?;
            Some(lsp::DiagnosticRelatedInformation { location, message: label.message.clone() })
        })
        .collect();
    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    lsp::Diagnostic {
        range: analysis.line_index(primary.file, encoding).range(primary.span),
        severity: Some(match finding.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lsp::NumberOrString::String(finding.code().into())),
        source: Some("claimcheck".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}
