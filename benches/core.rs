//! In-process benchmarks: loading sheets, filtering, rendering and checking drafts.
//!
//! `cargo bench` runs them; bench/run.sh measures whole processes against their peers.

// The crate's lints (Cargo.toml) are for the program; this target may unwrap and print.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use pakaz::check::Checker;
use pakaz::model::Sheet;
use pakaz::query::{self, Filter, SortKey};
use pakaz::render::{self, Style};
use pakaz::sheet;

#[allow(dead_code)]
#[path = "../examples/gen_sheet.rs"]
mod gen_sheet;

fn generated(facts: usize) -> String {
    let mut text = String::new();
    gen_sheet::write_toml(facts, &mut text);
    text
}

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

fn loading(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.bench_function("bundled parsed from TOML", |b| {
        b.iter(|| sheet::parse(black_box(sheet::BUNDLED_TEXT), "bundled", &Sheet::default()))
    });
    for n in [1_000, 10_000] {
        let text = generated(n);
        g.bench_function(format!("{n} facts"), |b| {
            b.iter(|| sheet::parse(black_box(&text), "big.toml", &Sheet::default()))
        });
        // A quoted table name is outside the plain layout: the general TOML parser reads it.
        let general = text.replacen("[sheet]", "[\"sheet\"]", 1);
        g.bench_function(format!("{n} facts, general parser"), |b| {
            b.iter(|| sheet::parse(black_box(&general), "big.toml", &Sheet::default()))
        });
    }
    g.finish();
}

fn filtering(c: &mut Criterion) {
    let Ok(big) = sheet::parse(&generated(10_000), "big.toml", &Sheet::default()) else {
        panic!("the generated sheet is valid");
    };
    let filter = Filter {
        sectors: vec!["ports".into()],
        since: Some(2010),
        grep: Some("figure 1".into()),
        ..Filter::default()
    };
    let mut g = c.benchmark_group("filter");
    g.bench_function("10000 facts, sector+year+grep", |b| {
        b.iter(|| query::select(&big, black_box(&filter), SortKey::Period).len())
    });
    g.bench_function("10000 facts, find by id", |b| {
        b.iter(|| query::find(&big, black_box("scale.item-5000")).is_ok())
    });
    g.finish();
}

fn rendering(c: &mut Criterion) {
    let sheet = sheet::bundled().unwrap();
    let facts: Vec<_> = sheet.facts.iter().collect();
    let style = Style {
        color: false,
        width: Some(100),
        wide: false,
        terminal: false,
    };
    let mut g = c.benchmark_group("render");
    g.bench_function("bundled table", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            render::facts_table(&mut out, black_box(&facts), &style).map(|_| out.len())
        })
    });
    g.bench_function("bundled json", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            render::write_json(&mut out, &sheet, black_box(&facts), None).map(|_| out.len())
        })
    });
    g.finish();
}

fn checking(c: &mut Criterion) {
    let sheet = sheet::bundled().unwrap();
    let checker = Checker::new(&sheet);
    let mut g = c.benchmark_group("check");
    g.sample_size(10);
    for (name, bytes) in [("100 KB draft", 100_000), ("1 MB draft", 1_000_000)] {
        let text = draft(bytes);
        g.bench_function(name, |b| b.iter(|| checker.check(black_box(&text)).len()));
    }
    g.bench_function("index the bundled sheet", |b| {
        b.iter(|| Checker::new(black_box(&sheet)))
    });
    g.finish();
}

criterion_group!(benches, loading, filtering, rendering, checking);
criterion_main!(benches);
