//! `pakaz lsp` on a 100 KB draft: from a keystroke to the diagnostics, in process and through
//! the server process over pipes, against checking the same text alone (`pakaz check`'s work)
//! in the same run.
//!
//! `cargo bench --bench lsp`; the results are in BENCHMARKS.md.

// The crate's lints (Cargo.toml) are for the program; this target may unwrap and print.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)]

use std::hint::black_box;
use std::io::{BufReader, Write};
use std::process::{Command, Stdio};

use criterion::{Criterion, criterion_group, criterion_main};
use lsp_server::{Message, Notification, Request, RequestId};
use lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use pakaz::check::{Checker, Memo, Options};
use pakaz::lsp::features::{self, Show};
use pakaz::lsp::text::{self, Encoding, Lines};
use serde_json::json;

/// A 100 KB draft from the test corpus, repeated.
fn draft(bytes: usize) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/drafts");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("the draft corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    names.sort();
    let corpus: String = names
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a draft"))
        .collect();
    let mut text = String::new();
    while text.len() < bytes {
        text.push_str(&corpus);
    }
    let mut end = bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

/// A keystroke in the middle of the draft: a space typed, or taken out again.
fn keystroke(line: u32, typed: bool) -> TextDocumentContentChangeEvent {
    let end = if typed { 0 } else { 1 };
    TextDocumentContentChangeEvent {
        range: Some(Range::new(Position::new(line, 0), Position::new(line, end))),
        range_length: None,
        text: if typed { " ".into() } else { String::new() },
    }
}

fn lsp(c: &mut Criterion) {
    let sheet = pakaz::sheet::bundled().expect("the bundled sheet");
    let checker = Checker::new(&sheet);
    let text = draft(100_000);
    let middle = (text.lines().count() / 2) as u32;
    let options = Options::named("draft.md");
    let mut g = c.benchmark_group("lsp 100 KB draft");
    g.sample_size(30);

    g.bench_function("check alone (baseline)", |b| {
        b.iter(|| checker.check_document(black_box(&text), &options).len())
    });

    // As the server checks a document it has checked before: only the edited piece is read.
    let mut doc = text.clone();
    let mut memo = Memo::default();
    let mut typed = false;
    g.bench_function("keystroke to diagnostics JSON, in process", |b| {
        b.iter(|| {
            typed = !typed;
            text::apply(&mut doc, vec![keystroke(middle, typed)], Encoding::Utf16);
            let findings = checker.check_again(&doc, &options, &mut memo);
            let lines = Lines::new(&doc);
            let d =
                features::diagnostics(&doc, &lines, &findings, Show::default(), Encoding::Utf16);
            serde_json::to_string(&d).expect("JSON").len()
        })
    });

    // The server as an editor runs it: one didChange written, the publishDiagnostics read back.
    let mut child = Command::new(env!("CARGO_BIN_EXE_pakaz"))
        .arg("lsp")
        .env_remove("PAKAZ_FACTS")
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("pakaz lsp");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut send = |m: Message| m.write(&mut stdin).expect("write");
    send(
        Request::new(
            RequestId::from(1),
            "initialize".into(),
            json!({ "capabilities": {} }),
        )
        .into(),
    );
    let uri = "file:///bench/draft.md";
    send(Notification::new("initialized".into(), json!({})).into());
    send(
        Notification::new(
            "textDocument/didOpen".into(),
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 0, "text": text } }),
        )
        .into(),
    );
    let read_until_version = |version: i32, stdout: &mut BufReader<_>| loop {
        match Message::read(stdout).expect("read").expect("a message") {
            Message::Notification(n)
                if n.method == "textDocument/publishDiagnostics"
                    && n.params["version"] == version =>
            {
                return n.params["diagnostics"].as_array().map_or(0, Vec::len);
            }
            _ => {}
        }
    };
    read_until_version(0, &mut stdout);
    let mut version = 0;
    g.bench_function("keystroke to publishDiagnostics, server over pipes", |b| {
        b.iter(|| {
            version += 1;
            send(
                Notification::new(
                    "textDocument/didChange".into(),
                    json!({ "textDocument": { "uri": uri, "version": version },
                            "contentChanges": [keystroke(middle, version % 2 == 1)] }),
                )
                .into(),
            );
            read_until_version(version, &mut stdout)
        })
    });
    g.finish();
    send(Request::new(RequestId::from(2), "shutdown".into(), json!(null)).into());
    send(Notification::new("exit".into(), json!(null)).into());
    let _ = stdin.flush();
    drop(stdin);
    let _ = child.wait();
}

criterion_group!(benches, lsp);
criterion_main!(benches);
