//! `pakaz lsp` as an editor meets it: the binary is started and spoken to over its standard
//! input and output, framed with `lsp-server`'s reader and writer.

// The crate's lints (Cargo.toml) are for the program; this target may unwrap and print.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)]

use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

use crossbeam_channel::Receiver;
use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::{Value, json};

const WRONG: &str = "🇵🇰 Azerbaijan welcomed 85,000 Pakistani visitors in 2024.\n";

/// A client: the server's process, its input, and the messages it sent, read on a thread.
struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Message>,
    /// Notifications read while waiting for something else.
    seen: Vec<Notification>,
    next: i32,
    _home: tempfile::TempDir,
}

impl Client {
    /// Starts `pakaz lsp` with an empty home, so only the sheets a test names are loaded.
    fn start() -> Client {
        let home = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_pakaz"))
            .arg("lsp")
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env_remove("PAKAZ_FACTS")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = crossbeam_channel::unbounded();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Ok(Some(m)) = Message::read(&mut r) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            rx,
            seen: Vec::new(),
            next: 0,
            _home: home,
        }
    }

    fn write(&mut self, msg: Message) {
        msg.write(self.stdin.as_mut().unwrap()).unwrap();
    }

    fn raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.write(Notification::new(method.into(), params).into());
    }

    fn next_message(&mut self, deadline: Instant) -> Message {
        let left = deadline.saturating_duration_since(Instant::now());
        self.rx
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("no message from the server in time; saw {:?}", self.seen))
    }

    /// Sends a request and waits for its response: `Ok(result)` or `Err(error)`.
    fn call(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.next += 1;
        let id = RequestId::from(self.next);
        self.write(Request::new(id.clone(), method.into(), params).into());
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            match self.next_message(deadline) {
                Message::Response(r) if r.id == id => {
                    return r
                        .response_result
                        .map_err(|e| json!({ "code": e.code, "message": e.message }));
                }
                Message::Notification(n) => self.seen.push(n),
                _ => {}
            }
        }
    }

    fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let result = self
            .call(
                "initialize",
                json!({ "processId": null, "rootUri": null, "capabilities": capabilities,
                        "initializationOptions": options }),
            )
            .unwrap();
        self.notify("initialized", json!({}));
        result
    }

    /// Waits for diagnostics of `uri` that satisfy `pred`, and returns them.
    fn diagnostics(&mut self, uri: &str, pred: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(120);
        let mut index = 0;
        loop {
            while index < self.seen.len() {
                let n = &self.seen[index];
                index += 1;
                if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri {
                    let d = n.params["diagnostics"].as_array().unwrap().clone();
                    if pred(&d) {
                        self.seen.drain(..index);
                        return d;
                    }
                }
            }
            if let Message::Notification(n) = self.next_message(deadline) {
                self.seen.push(n);
            }
        }
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
        );
    }

    /// `shutdown`, `exit`, and the exit code.
    fn finish(mut self) -> (i32, String) {
        assert_eq!(self.call("shutdown", Value::Null), Ok(Value::Null));
        self.notify("exit", Value::Null);
        self.wait()
    }

    fn wait(mut self) -> (i32, String) {
        drop(self.stdin.take());
        let out = self.child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!stderr.contains("panicked"), "{stderr}");
        (out.status.code().unwrap_or(-1), stderr)
    }
}

fn uri_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Applies a code action's edits (from the end backwards) to UTF-16 positions of `text`.
fn apply(text: &str, action: &Value, uri: &str) -> String {
    let mut edits = action["edit"]["changes"][uri].as_array().unwrap().clone();
    edits.sort_by_key(|e| {
        std::cmp::Reverse((
            e["range"]["start"]["line"].as_u64(),
            e["range"]["start"]["character"].as_u64(),
        ))
    });
    let mut out = text.to_string();
    for e in edits {
        let a = offset16(&out, &e["range"]["start"]);
        let b = offset16(&out, &e["range"]["end"]);
        out.replace_range(a..b, e["newText"].as_str().unwrap());
    }
    out
}

fn offset16(text: &str, pos: &Value) -> usize {
    let line = pos["line"].as_u64().unwrap() as usize;
    let character = pos["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

#[test]
fn a_wrong_figure_is_underlined_explained_and_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let uri = uri_of(&dir.path().join("draft.md"));
    let mut c = Client::start();
    let init = c.initialize(json!({}), Value::Null);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    c.open(&uri, WRONG);
    let d = c.diagnostics(&uri, |d| !d.is_empty());
    assert_eq!(d.len(), 1, "{d:?}");
    // The flag is four UTF-16 units, then a space: `85,000 Pakistani` is 25..41.
    assert_eq!(
        d[0]["range"],
        json!({ "start": { "line": 0, "character": 25 }, "end": { "line": 0, "character": 41 } })
    );
    assert_eq!(d[0]["severity"], 1);
    assert_eq!(d[0]["code"], "tourism.visitors-2024");
    assert_eq!(d[0]["source"], "pakaz");
    assert!(
        d[0]["message"].as_str().unwrap().contains("80,924"),
        "{d:?}"
    );

    let hover = c
        .call(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 27 } }),
        )
        .unwrap();
    let card = hover["contents"]["value"].as_str().unwrap();
    assert!(card.starts_with("**80,924 people**"), "{card}");
    assert!(card.contains("The Gulf Observer"), "{card}");
    assert!(card.contains("Q: promoting tourism cooperation"), "{card}");
    // Away from the figure there is nothing to say.
    let nothing = c.call(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 8 } }),
    );
    assert_eq!(nothing, Ok(Value::Null));

    let actions = c
        .call(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": d[0]["range"],
                    "context": { "diagnostics": d } }),
        )
        .unwrap();
    let actions = actions.as_array().unwrap();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(
        titles[0].starts_with("Replace with the sheet's figure: 80,924"),
        "{titles:?}"
    );
    assert!(
        titles.iter().any(|t| t.starts_with("Insert the citation")),
        "{titles:?}"
    );
    let fixed = apply(WRONG, &actions[0], &uri);
    assert_eq!(
        fixed,
        "🇵🇰 Azerbaijan welcomed 80,924 Pakistani visitors in 2024.\n"
    );
    // The editor applies the edit and reports it as an incremental change.
    let edit = &actions[0]["edit"]["changes"][&uri][0];
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 },
                "contentChanges": [{ "range": edit["range"], "text": edit["newText"] }] }),
    );
    let d = c.diagnostics(&uri, |d| d.is_empty());
    assert!(d.is_empty());
    let hover = c
        .call(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 27 } }),
        )
        .unwrap();
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("agrees with the sheet"),
        "{hover}"
    );
    assert_eq!(c.finish().0, 0);
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let mut c = Client::start();
    let init = c.initialize(
        json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } }),
        Value::Null,
    );
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let uri = "file:///tmp/azerbaijani.md";
    // `ə` is two bytes; the Urdu line before it is all two-byte letters.
    c.open(
        uri,
        "سیاحت\nAzərbaycana gələnlər: Azerbaijan welcomed 85,000 Pakistani visitors in 2024.\n",
    );
    let d = c.diagnostics(uri, |d| !d.is_empty());
    assert_eq!(
        d[0]["range"]["start"],
        json!({ "line": 1, "character": 46 })
    );
    assert_eq!(d[0]["range"]["end"], json!({ "line": 1, "character": 62 }));
    assert_eq!(c.finish().0, 0);
}

fn sheet(path: &Path, value: u32) {
    std::fs::write(
        path,
        format!(
            r#"[sheet]
title = "Local figures"

[[facts]]
id = "tourism.visitors-2024"
label = "Pakistani citizens who visited Azerbaijan"
value = {value}
unit = "people"
period = "2024"
aliases = ["tourists", "visitors", "Pakistani visitors", "visited"]
source = {{ key = "gulf-observer-2026-02-14" }}
"#
        ),
    )
    .unwrap();
}

#[test]
fn a_changed_sheet_is_reloaded_and_open_drafts_checked_again() {
    let dir = tempfile::tempdir().unwrap();
    let sheet_path: PathBuf = dir.path().join("mine.toml");
    sheet(&sheet_path, 85000);
    let uri = uri_of(&dir.path().join("draft.md"));
    let mut c = Client::start();
    c.initialize(
        json!({}),
        json!({ "pakaz": { "facts": [sheet_path.display().to_string()], "show": ["ok"] } }),
    );
    c.open(&uri, WRONG);
    // With the local sheet, 85,000 agrees (shown as a hint, as the client asked).
    let d = c.diagnostics(&uri, |d| !d.is_empty());
    assert_eq!(d[0]["severity"], 4, "{d:?}");
    sheet(&sheet_path, 80924);
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri_of(&sheet_path), "type": 2 }] }),
    );
    let d = c.diagnostics(&uri, |d| d.iter().any(|d| d["severity"] == 1));
    assert!(
        d[0]["message"].as_str().unwrap().contains("80,924"),
        "{d:?}"
    );
    // A broken sheet keeps the last good one and says where the problem is.
    std::fs::write(&sheet_path, "[sheet\n").unwrap();
    c.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": uri_of(&sheet_path) } }),
    );
    let problem = c.diagnostics(&uri_of(&sheet_path), |d| !d.is_empty());
    assert_eq!(problem[0]["range"]["start"]["line"], 0, "{problem:?}");
    let d = c.diagnostics(&uri, |d| !d.is_empty());
    assert_eq!(d[0]["severity"], 1);
    assert_eq!(c.finish().0, 0);
}

#[test]
fn bad_input_of_every_kind_is_survived() {
    let mut c = Client::start();
    // A request before `initialize` is refused as the protocol says.
    let early = c.call("textDocument/hover", json!({})).unwrap_err();
    assert_eq!(early["code"], -32002);
    c.initialize(json!({}), Value::Null);
    // Not JSON; JSON that is no message; a header that is no header.
    c.raw(b"Content-Length: 9\r\n\r\n{not json");
    c.raw(b"Content-Length: 2\r\n\r\n[]");
    c.raw(b"Content-Type only\r\n\r\n");
    // An unknown method, and parameters of the wrong shape.
    let unknown = c.call("pakaz/unknown", json!({})).unwrap_err();
    assert_eq!(unknown["code"], -32601);
    let bad = c
        .call("textDocument/hover", json!({ "nonsense": true }))
        .unwrap_err();
    assert_eq!(bad["code"], -32602);
    let uri = "file:///tmp/odd.md";
    c.open(uri, WRONG);
    // Positions far past the end, in a hover and in a change.
    let far = json!({ "line": 4_000_000_000u32, "character": 4_000_000_000u32 });
    let h = c.call(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": far }),
    );
    assert_eq!(h, Ok(Value::Null));
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 },
                "contentChanges": [{ "range": { "start": far, "end": far }, "text": "\nMore text." }] }),
    );
    let d = c.diagnostics(uri, |d| !d.is_empty());
    assert_eq!(d[0]["range"]["start"]["line"], 0);
    // Requests after `shutdown` are refused, and `exit` then ends with 0.
    assert_eq!(c.call("shutdown", Value::Null), Ok(Value::Null));
    let late = c.call("textDocument/hover", json!({})).unwrap_err();
    assert_eq!(late["code"], -32600);
    c.notify("exit", Value::Null);
    let (code, stderr) = c.wait();
    assert_eq!(code, 0);
    assert!(stderr.contains("skipped a malformed message"), "{stderr}");
}

#[test]
fn a_client_that_vanishes_mid_message_ends_the_server_quietly() {
    let mut c = Client::start();
    c.initialize(json!({}), Value::Null);
    c.raw(b"Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"textDocu");
    let (code, _) = c.wait();
    // No `shutdown` came first: 1, as the protocol says.
    assert_eq!(code, 1);
}

#[test]
fn a_length_beyond_any_memory_is_not_allocated() {
    let mut c = Client::start();
    c.initialize(json!({}), Value::Null);
    c.raw(b"Content-Length: 99999999999999999\r\n\r\n{}");
    // The server skips what the header announced, and the input ends before that.
    let (code, _) = c.wait();
    assert_eq!(code, 1);
}

#[test]
fn exit_without_shutdown_is_1() {
    let mut c = Client::start();
    c.initialize(json!({}), Value::Null);
    c.notify("exit", Value::Null);
    assert_eq!(c.wait().0, 1);
}

#[test]
fn a_16_mib_document_is_checked_whole() {
    let mut c = Client::start();
    c.initialize(json!({}), Value::Null);
    let uri = "file:///tmp/big.md";
    // Mostly a code block (skipped by the checker, so the test stays quick in a debug build),
    // with the wrong figure after it: 16 MiB in all, the most a draft may be.
    let tail = "```\n\nAzerbaijan welcomed 85,000 Pakistani visitors in 2024.\n";
    let line = "let visitors = 85000; // code, not prose\n";
    let mut text = String::from("```\n");
    while text.len() + 2 * line.len() + tail.len() <= 16 * 1024 * 1024 {
        text.push_str(line);
    }
    text.push_str(&"x".repeat(16 * 1024 * 1024 - text.len() - tail.len() - 1));
    text.push('\n');
    text.push_str(tail);
    assert_eq!(text.len(), 16 * 1024 * 1024);
    let lines = text.lines().count() as u64;
    c.open(uri, &text);
    let d = c.diagnostics(uri, |d| !d.is_empty());
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["range"]["start"]["line"].as_u64(), Some(lines - 1));
    // One byte more is too large to check: no diagnostics, and the server goes on.
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 },
                "contentChanges": [{ "range": { "start": { "line": 0, "character": 0 },
                                                "end": { "line": 0, "character": 0 } },
                                     "text": " " }] }),
    );
    c.diagnostics(uri, |d| d.is_empty());
    let (code, stderr) = c.finish();
    assert_eq!(code, 0);
    assert!(stderr.contains("too large to check"), "{stderr}");
}

/// A long document (many pieces of the check) edited here and there: after each edit the
/// diagnostics are those of the text as it now is, where the edit was and everywhere else.
#[test]
fn edits_in_a_long_document_are_checked_where_they_fall() {
    let dir = tempfile::tempdir().unwrap();
    let uri = uri_of(&dir.path().join("long.md"));
    let filler = "The two delegations met again and spoke about ports and schools.\n\n";
    let mut text = String::new();
    for _ in 0..200 {
        text.push_str(filler);
    }
    let middle_line = text.lines().count() as u32;
    text.push_str("Azerbaijan welcomed 80,924 Pakistani visitors in 2024.\n\n");
    for _ in 0..200 {
        text.push_str(filler);
    }
    text.push_str(WRONG);
    let last_line = text.lines().count() as u32 - 1;
    let mut c = Client::start();
    c.initialize(json!({}), Value::Null);
    c.open(&uri, &text);
    let lines = |d: &[Value]| -> Vec<u64> {
        d.iter()
            .map(|d| d["range"]["start"]["line"].as_u64().unwrap())
            .collect()
    };
    let d = c.diagnostics(&uri, |d| !d.is_empty());
    assert_eq!(lines(&d), [u64::from(last_line)]);
    // `80,924` becomes `85,000` in the middle: now two figures are wrong.
    let change = |line: u32, from: &str, to: &str, version: i32, c: &mut Client| {
        let at = "Azerbaijan welcomed ".len() as u32;
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version },
                    "contentChanges": [{ "range": {
                        "start": { "line": line, "character": at },
                        "end": { "line": line, "character": at + from.len() as u32 } },
                        "text": to }] }),
        );
    };
    change(middle_line, "80,924", "85,000", 2, &mut c);
    let d = c.diagnostics(&uri, |d| d.len() == 2);
    assert_eq!(lines(&d), [u64::from(middle_line), u64::from(last_line)]);
    // And back, then the last one fixed too: none is left.
    change(middle_line, "85,000", "80,924", 3, &mut c);
    let d = c.diagnostics(&uri, |d| d.len() == 1);
    assert_eq!(lines(&d), [u64::from(last_line)]);
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 4 },
                "contentChanges": [{ "range": d[0]["range"], "text": "80,924 Pakistani" }] }),
    );
    assert!(c.diagnostics(&uri, |d| d.is_empty()).is_empty());
    assert_eq!(c.finish().0, 0);
}
