//! `pakaz lsp`: a language server over standard input and output, so that editors underline a
//! wrong figure as it is typed, show the fact on hover and offer the fix.
//!
//! Framing and message types come from `lsp-server` and `lsp-types`; this module keeps the
//! protocol's states (before `initialize`, running, after `shutdown`), the open documents and
//! the sheet. [`text`] converts positions, [`features`] turns findings into what the editor
//! shows. Documents are checked on the main thread, once per batch of messages: every message
//! already waiting is handled before a check, so a burst of keystrokes costs one check and no
//! timer adds delay.

pub mod features;
pub mod text;

use std::collections::HashMap;
use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::thread;

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionOrCommand, CodeActionParams, HoverParams, PositionEncodingKind,
    PublishDiagnosticsParams, Uri,
};
use serde_json::{Value, json};

use crate::check::{Checker, Finding, Memo, Options};
use crate::exit::Exit;
use crate::load::{self, Plan};
use crate::model::Sheet;
use features::Show;
use text::{Encoding, Lines};

/// The largest message read; a longer one is skipped whole. A 16 MiB draft, escaped as JSON,
/// fits many times over.
pub const MAX_MESSAGE: u64 = 128 * 1024 * 1024;

/// The largest document checked, as for `pakaz check`.
pub const MAX_DOCUMENT: usize = crate::app::MAX_DRAFT_BYTES as usize;

/// Serves one client on standard input and output until it says `exit` or goes away. Returns
/// 0 after `shutdown` then `exit`, 1 otherwise, as the protocol asks.
pub fn run(facts: &[PathBuf], no_bundled: bool) -> anyhow::Result<Exit> {
    let (sender, receiver, writer) = stdio();
    let exit = serve(&sender, &receiver, facts, no_bundled);
    drop(sender);
    // The writer finishes what it was given; a client that is gone cannot be written to.
    let _ = writer.join();
    Ok(exit)
}

/// Standard input and output as channels of messages. The reader skips a malformed message
/// (bad JSON, bad header, too long) and goes on with the next; it stops at the end of input or
/// when input breaks off in the middle of a message.
fn stdio() -> (Sender<Message>, Receiver<Message>, thread::JoinHandle<()>) {
    let (to_writer, writer_rx) = crossbeam_channel::bounded::<Message>(16);
    let writer = thread::spawn(move || {
        let stdout = io::stdout();
        let mut out = stdout.lock();
        for msg in writer_rx {
            if msg.write(&mut out).is_err() {
                break;
            }
        }
    });
    let (reader_tx, from_reader) = crossbeam_channel::bounded::<Message>(16);
    thread::spawn(move || {
        let stdin = io::stdin();
        let mut input = Input(io::BufReader::with_capacity(64 * 1024, stdin.lock()));
        loop {
            match Message::read(&mut input) {
                Ok(Some(msg)) => {
                    let exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
                    if reader_tx.send(msg).is_err() || exit {
                        break;
                    }
                }
                Ok(None) => break,
                Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                    let why: String = e.to_string().chars().take(300).collect();
                    log(&format!("skipped a malformed message: {why}"));
                }
                Err(_) => break,
            }
        }
    });
    (to_writer, from_reader, writer)
}

/// Standard input with bounds on what the framing reads: a header line is at most 4 KiB, and a
/// message longer than [`MAX_MESSAGE`] is skipped (headers and body) before it is allocated.
struct Input<R>(R);

const MAX_HEADER_LINE: u64 = 4096;

impl<R: BufRead> Read for Input<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf)
    }
}

impl<R: BufRead> BufRead for Input<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.0.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.0.consume(amount);
    }

    fn read_line(&mut self, buf: &mut String) -> io::Result<usize> {
        let n = (&mut self.0).take(MAX_HEADER_LINE).read_line(buf)?;
        if n as u64 == MAX_HEADER_LINE && !buf.ends_with('\n') {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "header line too long",
            ));
        }
        let length = buf
            .trim_end()
            .split_once(':')
            .filter(|(name, _)| name.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.trim().parse::<u64>().ok());
        if let Some(length) = length.filter(|&l| l > MAX_MESSAGE) {
            // The rest of the headers, then the body, unread.
            let mut line = String::new();
            loop {
                line.clear();
                let n = (&mut self.0).take(MAX_HEADER_LINE).read_line(&mut line)?;
                if n == 0 || line == "\r\n" || line == "\n" {
                    break;
                }
            }
            io::copy(&mut (&mut self.0).take(length), &mut io::sink())?;
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("a message of {length} bytes is over the limit of {MAX_MESSAGE}"),
            ));
        }
        Ok(n)
    }
}

/// A line on standard error, which editors keep in their language-server log.
fn log(message: &str) {
    let _ = writeln!(io::stderr(), "pakaz lsp: {message}");
}

/// One open document.
struct Doc {
    text: String,
    version: i32,
    markdown: bool,
    /// The name the checker is given: the file's path, ending in `.txt` for plain text.
    name: String,
    /// The findings of the current text, once checked.
    checked: Option<Checked>,
    /// What checking it found piece by piece, so that an edit reads only its own piece.
    memo: Memo,
    published: bool,
}

struct Checked {
    lines: Lines,
    findings: Vec<Finding>,
}

/// What the server keeps across sheet reloads.
struct Server<'c> {
    sender: &'c Sender<Message>,
    docs: HashMap<Uri, Doc>,
    enc: Encoding,
    show: Show,
    /// `--facts` from the command line, then `pakaz.facts` from the client.
    cli_facts: Vec<PathBuf>,
    client_facts: Vec<PathBuf>,
    no_bundled: bool,
    root: Option<PathBuf>,
    /// The files the sheet was loaded from, and the sheet directory.
    sheet_files: Vec<PathBuf>,
    /// Sheet files with problems shown as diagnostics, to clear after a good load.
    sheet_problems: Vec<Uri>,
    can_register: bool,
    shutdown: bool,
    next_id: i32,
}

/// What the loop over messages ends with.
enum Flow {
    Reload,
    Exit(Exit),
}

fn serve(
    sender: &Sender<Message>,
    receiver: &Receiver<Message>,
    facts: &[PathBuf],
    no_bundled: bool,
) -> Exit {
    let mut server = Server {
        sender,
        docs: HashMap::new(),
        enc: Encoding::Utf16,
        show: Show::default(),
        cli_facts: facts.to_vec(),
        client_facts: Vec::new(),
        no_bundled,
        root: None,
        sheet_files: Vec::new(),
        sheet_problems: Vec::new(),
        can_register: false,
        shutdown: false,
        next_id: 0,
    };
    if let Some(exit) = server.initialize(receiver) {
        return exit;
    }
    let mut sheet = server.load(None);
    loop {
        let checker = Checker::new(&sheet);
        match server.run(receiver, &sheet, &checker) {
            Flow::Exit(exit) => return exit,
            Flow::Reload => {
                drop(checker);
                sheet = server.load(Some(sheet));
                for doc in server.docs.values_mut() {
                    doc.checked = None;
                    doc.memo = Memo::default();
                    doc.published = false;
                }
            }
        }
    }
}

impl Server<'_> {
    fn send(&self, msg: impl Into<Message>) {
        // A client that is gone shows as the input ending; nothing to do here.
        let _ = self.sender.send(msg.into());
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Notification::new(method.into(), params));
    }

    fn show_message(&self, kind: u8, message: &str) {
        self.notify(
            "window/showMessage",
            json!({ "type": kind, "message": format!("pakaz: {message}") }),
        );
    }

    /// Waits for `initialize`, answers it, and reads the client's settings. Requests before it
    /// are refused as the protocol says; `exit` before it ends the server.
    fn initialize(&mut self, receiver: &Receiver<Message>) -> Option<Exit> {
        loop {
            let Ok(msg) = receiver.recv() else {
                return Some(Exit::NothingFound);
            };
            match msg {
                Message::Request(req) if req.method == "initialize" => {
                    self.configure(&req.params);
                    let encoding = match self.enc {
                        Encoding::Utf8 => PositionEncodingKind::UTF8,
                        Encoding::Utf16 => PositionEncodingKind::UTF16,
                    };
                    let result = json!({
                        "capabilities": {
                            "positionEncoding": encoding,
                            "textDocumentSync": {
                                "openClose": true,
                                "change": 2,
                                "save": { "includeText": false },
                            },
                            "hoverProvider": true,
                            "codeActionProvider": { "codeActionKinds": ["quickfix"] },
                        },
                        "serverInfo": { "name": "pakaz", "version": env!("CARGO_PKG_VERSION") },
                    });
                    self.send(Response::new_ok(req.id, result));
                    return None;
                }
                Message::Request(req) => self.send(Response::new_err(
                    req.id,
                    ErrorCode::ServerNotInitialized as i32,
                    "the server is not initialized yet".into(),
                )),
                Message::Notification(n) if n.method == "exit" => return Some(Exit::NothingFound),
                _ => {}
            }
        }
    }

    /// Reads the parts of `initialize`'s parameters the server uses. Parsed by hand from the
    /// JSON, so that a client with an odd field elsewhere is still served.
    fn configure(&mut self, params: &Value) {
        let offered = params
            .pointer("/capabilities/general/positionEncodings")
            .and_then(Value::as_array);
        if offered.is_some_and(|a| a.iter().any(|e| e == "utf-8")) {
            self.enc = Encoding::Utf8;
        }
        self.can_register = params
            .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let root_uri = params.get("rootUri").and_then(Value::as_str).or_else(|| {
            params
                .pointer("/workspaceFolders/0/uri")
                .and_then(Value::as_str)
        });
        self.root = root_uri.and_then(file_path).or_else(|| {
            params
                .get("rootPath")
                .and_then(Value::as_str)
                .map(PathBuf::from)
        });
        if let Some(options) = params.get("initializationOptions") {
            self.settings(options);
        }
    }

    /// Applies `pakaz.facts`, `pakaz.show` and `pakaz.noBundled` from the client, given as
    /// `{"pakaz": {"facts": [...]}}` or `{"pakaz.facts": [...]}`. Returns whether the sheets
    /// to load changed.
    fn settings(&mut self, options: &Value) -> bool {
        let nested = options.get("pakaz");
        let get = |key: &str| {
            nested
                .and_then(|n| n.get(key))
                .or_else(|| options.get(format!("pakaz.{key}")))
        };
        let strings = |v: &Value| -> Vec<String> {
            match v {
                Value::String(s) => vec![s.clone()],
                Value::Array(a) => a
                    .iter()
                    .filter_map(Value::as_str)
                    .map(String::from)
                    .collect(),
                _ => Vec::new(),
            }
        };
        let before = (self.client_facts.clone(), self.no_bundled);
        if let Some(facts) = get("facts") {
            self.client_facts = strings(facts)
                .into_iter()
                .map(|f| {
                    let p = PathBuf::from(expand_home(&f));
                    match &self.root {
                        Some(root) if p.is_relative() => root.join(p),
                        _ => p,
                    }
                })
                .collect();
        }
        if let Some(show) = get("show") {
            let show = strings(show);
            self.show = Show {
                ok: show.iter().any(|s| s == "ok"),
                unknown: show.iter().any(|s| s == "unknown"),
            };
        }
        if let Some(no) = get("noBundled").and_then(Value::as_bool) {
            self.no_bundled = no;
        }
        before != (self.client_facts.clone(), self.no_bundled)
    }

    /// Loads the sheets as the command line does, plus the client's. A sheet with a problem is
    /// reported (a message, and a diagnostic in the sheet file) and the previous sheet kept.
    fn load(&mut self, previous: Option<Sheet>) -> Sheet {
        let flags: Vec<PathBuf> = self
            .cli_facts
            .iter()
            .chain(&self.client_facts)
            .cloned()
            .collect();
        let dir = load::facts_dir(|name| std::env::var_os(name));
        let plan = Plan::from_env(self.no_bundled, &flags).map_err(|d| vec![d]);
        self.sheet_files = flags.clone();
        if let Ok(plan) = &plan {
            self.sheet_files = plan.files.clone();
        }
        self.sheet_files.extend(dir.clone());
        self.watch(dir.as_deref());
        for uri in std::mem::take(&mut self.sheet_problems) {
            self.publish(uri, Vec::new(), None);
        }
        match plan.and_then(|plan| load::load(&plan)) {
            Ok(sheet) => sheet,
            Err(problems) => {
                let mut by_file: Vec<(Uri, Vec<lsp_types::Diagnostic>)> = Vec::new();
                for p in &problems {
                    let at = lsp_types::Position::new(
                        p.line.saturating_sub(1) as u32,
                        p.column.saturating_sub(1) as u32,
                    );
                    if let Some(uri) = file_uri(Path::new(&p.file)) {
                        let i = match by_file.iter().position(|(u, _)| *u == uri) {
                            Some(i) => i,
                            None => {
                                by_file.push((uri, Vec::new()));
                                by_file.len() - 1
                            }
                        };
                        by_file[i].1.push(lsp_types::Diagnostic {
                            range: lsp_types::Range::new(at, at),
                            severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                            source: Some("pakaz".into()),
                            message: p.message.clone(),
                            ..Default::default()
                        });
                    }
                }
                for (uri, diagnostics) in by_file {
                    self.sheet_problems.push(uri.clone());
                    self.publish(uri, diagnostics, None);
                }
                let kept = if previous.is_some() {
                    "the sheets loaded before are kept"
                } else {
                    "checking against the bundled sheet alone"
                };
                let first = problems.first().map_or(String::new(), |p| p.to_string());
                self.show_message(1, &format!("{first} ({kept})"));
                previous.unwrap_or_else(|| {
                    if self.no_bundled {
                        Sheet::default()
                    } else {
                        crate::sheet::bundled().unwrap_or_default()
                    }
                })
            }
        }
    }

    /// Asks the client to report changes to the sheet files, when it can.
    fn watch(&mut self, dir: Option<&Path>) {
        if !self.can_register {
            return;
        }
        let mut watchers: Vec<Value> = self
            .sheet_files
            .iter()
            .filter(|p| Some(p.as_path()) != dir)
            .map(|p| json!({ "globPattern": p.display().to_string() }))
            .collect();
        if let Some(dir) = dir {
            watchers.push(json!({ "globPattern": format!("{}/*.toml", dir.display()) }));
        }
        self.next_id += 1;
        self.send(Request::new(
            RequestId::from(format!("pakaz-{}", self.next_id)),
            "client/registerCapability".into(),
            json!({ "registrations": [{
                "id": format!("pakaz-sheets-{}", self.next_id),
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": { "watchers": watchers },
            }]}),
        ));
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        self.notify(
            "textDocument/publishDiagnostics",
            PublishDiagnosticsParams {
                uri,
                diagnostics,
                version,
            },
        );
    }

    /// Handles messages until `exit` or a sheet changes. After each message, and every message
    /// already waiting, the documents that changed are checked and their diagnostics sent.
    fn run(&mut self, receiver: &Receiver<Message>, sheet: &Sheet, checker: &Checker) -> Flow {
        // After a reload every open document is checked again.
        self.flush(sheet, checker);
        loop {
            let Ok(msg) = receiver.recv() else {
                return Flow::Exit(Exit::NothingFound);
            };
            let mut flow = self.handle(msg, sheet, checker);
            while flow.is_none() {
                match receiver.try_recv() {
                    Ok(msg) => flow = self.handle(msg, sheet, checker),
                    Err(_) => break,
                }
            }
            if let Some(flow) = flow {
                return flow;
            }
            self.flush(sheet, checker);
        }
    }

    /// Checks and publishes every document whose diagnostics are not current.
    fn flush(&mut self, sheet: &Sheet, checker: &Checker) {
        let uris: Vec<Uri> = self
            .docs
            .iter()
            .filter(|(_, d)| !d.published)
            .map(|(u, _)| u.clone())
            .collect();
        for uri in uris {
            self.ensure_checked(&uri, sheet, checker);
            let Some(doc) = self.docs.get_mut(&uri) else {
                continue;
            };
            doc.published = true;
            let Some(c) = &doc.checked else { continue };
            let d = features::diagnostics(&doc.text, &c.lines, &c.findings, self.show, self.enc);
            let version = Some(doc.version);
            self.publish(uri, d, version);
        }
    }

    fn ensure_checked(&mut self, uri: &Uri, _sheet: &Sheet, checker: &Checker) {
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        if doc.checked.is_some() {
            return;
        }
        let findings = if doc.text.len() > MAX_DOCUMENT {
            let message = format!(
                "{} is too large to check ({} MiB; the limit is {} MiB)",
                doc.name,
                doc.text.len() / (1024 * 1024),
                MAX_DOCUMENT / (1024 * 1024)
            );
            log(&message);
            Vec::new()
        } else {
            checker.check_again(&doc.text, &Options::named(doc.name.clone()), &mut doc.memo)
        };
        doc.checked = Some(Checked {
            lines: Lines::new(&doc.text),
            findings,
        });
    }

    /// Handles one message; `Some` when the loop must end.
    fn handle(&mut self, msg: Message, sheet: &Sheet, checker: &Checker) -> Option<Flow> {
        match msg {
            Message::Request(req) => {
                let id = req.id.clone();
                let response = if self.shutdown {
                    Err((
                        ErrorCode::InvalidRequest,
                        "the server is shutting down".into(),
                    ))
                } else {
                    self.request(req, sheet, checker)
                };
                self.send(match response {
                    Ok(result) => Response::new_ok(id, result),
                    Err((code, message)) => Response::new_err(id, code as i32, message),
                });
                None
            }
            Message::Notification(n) => self.notification(n),
            Message::Response(_) => None,
        }
    }

    fn request(
        &mut self,
        req: Request,
        sheet: &Sheet,
        checker: &Checker,
    ) -> Result<Value, (ErrorCode, String)> {
        let invalid = |e: serde_json::Error| (ErrorCode::InvalidParams, e.to_string());
        match req.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            "initialize" => Err((ErrorCode::InvalidRequest, "already initialized".into())),
            "textDocument/hover" => {
                let p: HoverParams = serde_json::from_value(req.params).map_err(invalid)?;
                let uri = p.text_document_position_params.text_document.uri;
                let at = p.text_document_position_params.position;
                self.ensure_checked(&uri, sheet, checker);
                let Some(doc) = self.docs.get(&uri) else {
                    return Ok(Value::Null);
                };
                let Some(c) = &doc.checked else {
                    return Ok(Value::Null);
                };
                let offset = c.lines.offset(&doc.text, at, self.enc);
                Ok(
                    features::finding_at(&c.findings, offset).map_or(Value::Null, |f| {
                        let hover = features::hover(sheet, &doc.text, &c.lines, f, self.enc);
                        serde_json::to_value(hover).unwrap_or(Value::Null)
                    }),
                )
            }
            "textDocument/codeAction" => {
                let p: CodeActionParams = serde_json::from_value(req.params).map_err(invalid)?;
                let uri = p.text_document.uri;
                self.ensure_checked(&uri, sheet, checker);
                let Some(doc) = self.docs.get(&uri) else {
                    return Ok(json!([]));
                };
                let Some(c) = &doc.checked else {
                    return Ok(json!([]));
                };
                let a = c.lines.offset(&doc.text, p.range.start, self.enc);
                let b = c.lines.offset(&doc.text, p.range.end, self.enc);
                let (a, b) = (a.min(b), a.max(b));
                let touching: Vec<&Finding> = c
                    .findings
                    .iter()
                    .filter(|f| f.start <= b && a <= f.end)
                    .collect();
                let actions: Vec<CodeActionOrCommand> = features::actions(
                    sheet,
                    &uri,
                    &doc.text,
                    &c.lines,
                    &touching,
                    doc.markdown,
                    self.enc,
                )
                .into_iter()
                .map(CodeActionOrCommand::CodeAction)
                .collect();
                serde_json::to_value(actions).map_err(|e| (ErrorCode::InternalError, e.to_string()))
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("pakaz does not handle '{other}'"),
            )),
        }
    }

    fn notification(&mut self, n: Notification) -> Option<Flow> {
        let params = n.params;
        let uri_of = |p: &Value| -> Option<Uri> {
            p.pointer("/textDocument/uri")
                .and_then(Value::as_str)
                .and_then(|s| s.parse().ok())
        };
        match n.method.as_str() {
            "exit" => {
                return Some(Flow::Exit(if self.shutdown {
                    Exit::Success
                } else {
                    Exit::NothingFound
                }));
            }
            "initialized" => {}
            "textDocument/didOpen" => {
                let (Some(uri), Some(text)) = (
                    uri_of(&params),
                    params.pointer("/textDocument/text").and_then(Value::as_str),
                ) else {
                    log("didOpen without a document");
                    return None;
                };
                let language = params
                    .pointer("/textDocument/languageId")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                let markdown = kind(&uri, language)?;
                let path = file_path(uri.as_str())
                    .map_or_else(|| uri.as_str().to_string(), |p| p.display().to_string());
                // The checker reads a name ending in `.txt` as plain text.
                let name = if !markdown && !path.ends_with(".txt") {
                    format!("{path}.txt")
                } else {
                    path
                };
                let version = params
                    .pointer("/textDocument/version")
                    .and_then(Value::as_i64)
                    .unwrap_or(0) as i32;
                self.docs.insert(
                    uri,
                    Doc {
                        text: text.to_string(),
                        version,
                        markdown,
                        name,
                        checked: None,
                        memo: Memo::default(),
                        published: false,
                    },
                );
            }
            "textDocument/didChange" => {
                let p: lsp_types::DidChangeTextDocumentParams = match serde_json::from_value(params)
                {
                    Ok(p) => p,
                    Err(e) => {
                        log(&format!("bad didChange: {e}"));
                        return None;
                    }
                };
                if let Some(doc) = self.docs.get_mut(&p.text_document.uri) {
                    text::apply(&mut doc.text, p.content_changes, self.enc);
                    doc.version = p.text_document.version;
                    doc.checked = None;
                    doc.published = false;
                }
            }
            "textDocument/didClose" => {
                if let Some(uri) = uri_of(&params) {
                    if self.docs.remove(&uri).is_some() {
                        self.publish(uri, Vec::new(), None);
                    }
                }
            }
            "textDocument/didSave" => {
                let saved = uri_of(&params).and_then(|u| file_path(u.as_str()));
                if saved.is_some_and(|p| self.is_sheet(&p)) {
                    return Some(Flow::Reload);
                }
            }
            "workspace/didChangeWatchedFiles" => return Some(Flow::Reload),
            "workspace/didChangeConfiguration" => {
                let settings = params.get("settings").cloned().unwrap_or(Value::Null);
                let show = self.show;
                if self.settings(&settings) {
                    return Some(Flow::Reload);
                }
                if show != self.show {
                    for doc in self.docs.values_mut() {
                        doc.published = false;
                    }
                }
            }
            _ => {}
        }
        None
    }

    /// Whether a saved file is one the sheet is loaded from (or in the sheet directory).
    fn is_sheet(&self, path: &Path) -> bool {
        path.extension().is_some_and(|e| e == "toml")
            && self
                .sheet_files
                .iter()
                .any(|f| f == path || path.parent() == Some(f.as_path()))
    }
}

/// Whether a document is checked, and as Markdown (`Some(true)`) or plain text: by its
/// language, else by its file name.
fn kind(uri: &Uri, language: &str) -> Option<bool> {
    match language {
        "markdown" | "md" | "pandoc" | "quarto" | "rmd" | "mdx" => return Some(true),
        "plaintext" | "text" | "txt" => return Some(false),
        _ => {}
    }
    let path = uri.as_str().to_ascii_lowercase();
    if path.ends_with(".md") || path.ends_with(".markdown") {
        Some(true)
    } else if path.ends_with(".txt") {
        Some(false)
    } else {
        None
    }
}

fn expand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var("HOME")) {
        (Some(rest), Ok(home)) => format!("{home}/{rest}"),
        _ => path.to_string(),
    }
}

/// The path of a `file:` URI, percent-decoded.
pub fn file_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file://host/path`: only the local host is a path here.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    let path = String::from_utf8(out).ok()?;
    // `file:///C:/x` on Windows.
    let path = if cfg!(windows) {
        path.trim_start_matches('/').to_string()
    } else {
        path
    };
    Some(PathBuf::from(path))
}

/// The `file:` URI of a path; `None` for a path that is not absolute.
pub fn file_uri(path: &Path) -> Option<Uri> {
    let path = std::path::absolute(path).ok()?;
    let text = path.to_str()?.replace('\\', "/");
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip_with_spaces_and_letters_beyond_ascii() {
        let path = Path::new("/tmp/Azərbaycan notes/draft #1.md");
        let uri = file_uri(path).unwrap();
        assert_eq!(
            uri.as_str(),
            "file:///tmp/Az%C9%99rbaycan%20notes/draft%20%231.md"
        );
        assert_eq!(file_path(uri.as_str()).unwrap(), path);
        assert_eq!(file_path("untitled:1"), None);
    }

    #[test]
    fn oversized_messages_and_long_header_lines_are_skipped() {
        let big = format!("Content-Length: {}\r\n\r\n", MAX_MESSAGE + 1);
        let body = "x".repeat(16);
        // The oversized body is not really that long here: the skip stops at the end.
        let ok = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let stream = format!(
            "{}Content-Length: {}\r\n\r\n{ok}",
            "a".repeat(5000) + "\r\n\r\n",
            ok.len()
        );
        let mut input = Input(io::Cursor::new(stream.into_bytes()));
        // The long line is refused, then the framing finds the next message.
        let mut seen = Vec::new();
        for _ in 0..6 {
            match Message::read(&mut input) {
                Ok(Some(m)) => seen.push(m),
                Ok(None) => break,
                Err(e) => assert_eq!(e.kind(), io::ErrorKind::InvalidData),
            }
        }
        assert!(
            matches!(&seen[..], [Message::Notification(n)] if n.method == "initialized"),
            "{seen:?}"
        );
        let mut input = Input(io::Cursor::new(format!("{big}{body}").into_bytes()));
        let e = Message::read(&mut input).unwrap_err();
        assert!(e.to_string().contains("over the limit"), "{e}");
        assert!(Message::read(&mut input).unwrap().is_none());
    }

    #[test]
    fn settings_come_nested_or_dotted_and_paths_from_the_root() {
        let (tx, _rx) = crossbeam_channel::unbounded();
        let mut server = Server {
            sender: &tx,
            docs: HashMap::new(),
            enc: Encoding::Utf16,
            show: Show::default(),
            cli_facts: Vec::new(),
            client_facts: Vec::new(),
            no_bundled: false,
            root: None,
            sheet_files: Vec::new(),
            sheet_problems: Vec::new(),
            can_register: false,
            shutdown: false,
            next_id: 0,
        };
        server.configure(&json!({
            "rootUri": "file:///home/w/book",
            "capabilities": { "general": { "positionEncodings": ["utf-16", "utf-8"] } },
            "initializationOptions": { "pakaz": { "facts": ["facts/a.toml", "/abs/b.toml"], "show": ["ok"] } },
        }));
        assert_eq!(server.enc, Encoding::Utf8);
        assert_eq!(
            server.client_facts,
            [
                PathBuf::from("/home/w/book/facts/a.toml"),
                PathBuf::from("/abs/b.toml")
            ]
        );
        assert_eq!(
            server.show,
            Show {
                ok: true,
                unknown: false
            }
        );
        // Dotted keys, a single path; a change of sheets asks for a reload, of `show` not.
        assert!(server.settings(&json!({ "pakaz.facts": "/c.toml", "pakaz.noBundled": true })));
        assert_eq!(server.client_facts, [PathBuf::from("/c.toml")]);
        assert!(server.no_bundled);
        assert!(!server.settings(&json!({ "pakaz.show": ["unknown"] })));
        assert_eq!(
            server.show,
            Show {
                ok: false,
                unknown: true
            }
        );
        server.sheet_files = vec![PathBuf::from("/c.toml"), PathBuf::from("/cfg/facts.d")];
        assert!(server.is_sheet(Path::new("/c.toml")));
        assert!(server.is_sheet(Path::new("/cfg/facts.d/new.toml")));
        assert!(!server.is_sheet(Path::new("/elsewhere/x.toml")));
    }

    #[test]
    fn documents_are_checked_by_language_or_name() {
        let uri = |s: &str| -> Uri { s.parse().unwrap() };
        assert_eq!(kind(&uri("file:///a/b.md"), ""), Some(true));
        assert_eq!(kind(&uri("file:///a/b.txt"), "plaintext"), Some(false));
        assert_eq!(kind(&uri("untitled:1"), "markdown"), Some(true));
        assert_eq!(kind(&uri("file:///a/b.rs"), "rust"), None);
    }
}
