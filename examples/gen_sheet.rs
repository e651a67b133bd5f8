//! Writes a user sheet of N generated facts for the scale benchmarks, as TOML for pakaz and
//! as the same facts in JSON for peers such as jq.
//!
//! ```sh
//! cargo run --release --example gen_sheet -- 100000 bench/out
//! # bench/out/sheet-100000.toml and bench/out/sheet-100000.json
//! ```
//!
//! The facts vary like real ones (numbers, ranges and text; hedges; periods; tags, aliases,
//! notes) and are deterministic, so runs compare. Fact `scale.item-N` exists for every N
//! below the count; the benchmarks look up the one in the middle.

// The crate's lints (Cargo.toml) are for the program; this target may unwrap and print.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)]

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::PathBuf;

const SECTORS: [(&str, &str); 4] = [
    ("scale", "Generated facts for the scale benchmarks."),
    ("ports", "Generated port and freight figures."),
    ("grants", "Generated grants and programmes."),
    ("events", "Generated events and named projects."),
];

const QUALIFIERS: [&str; 5] = ["exact", "about", "over", "up-to", "nearly"];
const UNITS: [&str; 4] = ["USD", "t", "people", "%"];

/// One fact's fields, in the order they are written.
struct Gen {
    id: String,
    label: String,
    value: Value,
    unit: Option<&'static str>,
    qualifier: &'static str,
    period: String,
    tags: Vec<String>,
    aliases: Vec<String>,
    section: String,
    note: Option<String>,
}

enum Value {
    Number(u64),
    Range(u64, u64),
    Text(String),
}

fn fact(i: usize) -> Gen {
    // A cheap deterministic mix, so neighbouring facts differ.
    let h = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 20;
    let sector = if i == 0 { "scale" } else { SECTORS[i % 4].0 };
    let value = match h % 5 {
        0 => Value::Text(format!("Programme {i}")),
        1 => Value::Range(h % 1000, h % 1000 + 10),
        _ => Value::Number(h % 10_000_000),
    };
    let unit = match value {
        Value::Text(_) => None,
        _ => Some(UNITS[(h as usize / 7) % UNITS.len()]),
    };
    Gen {
        id: format!("{sector}.item-{i}"),
        label: format!("Figure {i}"),
        value,
        unit,
        qualifier: QUALIFIERS[(h as usize / 3) % QUALIFIERS.len()],
        period: format!("{}-{:02}", 2000 + h % 26, 1 + h % 12),
        tags: vec![format!("batch-{}", i / 1000)],
        aliases: if h.is_multiple_of(4) {
            vec![format!("figure {i}")]
        } else {
            Vec::new()
        },
        section: format!("Row {i}"),
        note: h
            .is_multiple_of(8)
            .then(|| format!("Generated note for fact {i}.")),
    }
}

fn toml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
    format!("[{}]", quoted.join(", "))
}

pub fn write_toml(n: usize, out: &mut String) {
    out.push_str("[sheet]\ntitle = \"Scale benchmark sheet\"\n");
    out.push_str("description = \"Generated facts for measuring pakaz on large sheets.\"\n\n");
    out.push_str("[sources.gen]\ntitle = \"Generated figures\"\n");
    out.push_str("publisher = \"pakaz benchmarks\"\ndate = \"2026-01-01\"\n\n");
    for (name, description) in SECTORS {
        let _ = writeln!(out, "[sectors.{name}]\ndescription = {description:?}\n");
    }
    for i in 0..n {
        let f = fact(i);
        let _ = writeln!(out, "[[facts]]\nid = {:?}\nlabel = {:?}", f.id, f.label);
        match &f.value {
            Value::Number(v) => {
                let _ = writeln!(out, "value = {v}");
            }
            Value::Range(a, b) => {
                let _ = writeln!(out, "value = {{ min = {a}, max = {b} }}");
            }
            Value::Text(t) => {
                let _ = writeln!(out, "value = {t:?}");
            }
        }
        if let Some(unit) = f.unit {
            let _ = writeln!(out, "unit = {unit:?}");
        }
        if f.qualifier != "exact" {
            let _ = writeln!(out, "qualifier = {:?}", f.qualifier);
        }
        let _ = writeln!(
            out,
            "period = {:?}\ntags = {}",
            f.period,
            toml_list(&f.tags)
        );
        if !f.aliases.is_empty() {
            let _ = writeln!(out, "aliases = {}", toml_list(&f.aliases));
        }
        let _ = writeln!(
            out,
            "source = {{ key = \"gen\", section = {:?} }}",
            f.section
        );
        if let Some(note) = &f.note {
            let _ = writeln!(out, "note = {note:?}");
        }
        out.push('\n');
    }
}

/// The same sheet as one JSON document, in the schema `pakaz schema` prints.
pub fn write_json(n: usize, out: &mut String) {
    out.push_str("{\"sheet\": {\"title\": \"Scale benchmark sheet\", ");
    out.push_str("\"description\": \"Generated facts for measuring pakaz on large sheets.\"},\n");
    out.push_str("\"sources\": {\"gen\": {\"title\": \"Generated figures\", ");
    out.push_str(
        "\"publisher\": \"pakaz benchmarks\", \"date\": \"2026-01-01\"}},\n\"sectors\": {",
    );
    for (i, (name, description)) in SECTORS.iter().enumerate() {
        let comma = if i > 0 { ", " } else { "" };
        let _ = write!(out, "{comma}{name:?}: {{\"description\": {description:?}}}");
    }
    out.push_str("},\n\"facts\": [\n");
    for i in 0..n {
        let f = fact(i);
        let value = match &f.value {
            Value::Number(v) => v.to_string(),
            Value::Range(a, b) => format!("{{\"min\": {a}, \"max\": {b}}}"),
            Value::Text(t) => format!("{t:?}"),
        };
        let _ = write!(
            out,
            "{{\"id\": {:?}, \"label\": {:?}, \"value\": {value}, ",
            f.id, f.label
        );
        if let Some(unit) = f.unit {
            let _ = write!(out, "\"unit\": {unit:?}, ");
        }
        if f.qualifier != "exact" {
            let _ = write!(out, "\"qualifier\": {:?}, ", f.qualifier);
        }
        let _ = write!(
            out,
            "\"period\": {:?}, \"tags\": {}, ",
            f.period,
            toml_list(&f.tags)
        );
        if !f.aliases.is_empty() {
            let _ = write!(out, "\"aliases\": {}, ", toml_list(&f.aliases));
        }
        let _ = write!(
            out,
            "\"source\": {{\"key\": \"gen\", \"section\": {:?}}}",
            f.section
        );
        if let Some(note) = &f.note {
            let _ = write!(out, ", \"note\": {note:?}");
        }
        out.push('}');
        out.push_str(if i + 1 < n { ",\n" } else { "\n" });
    }
    out.push_str("]}\n");
}

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(dir)) = (args.next().and_then(|n| n.parse().ok()), args.next()) else {
        let _ = writeln!(io::stderr(), "usage: gen_sheet FACTS OUT_DIR");
        std::process::exit(2);
    };
    let n: usize = n;
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir)?;
    let mut text = String::new();
    write_toml(n, &mut text);
    std::fs::write(dir.join(format!("sheet-{n}.toml")), &text)?;
    text.clear();
    write_json(n, &mut text);
    std::fs::write(dir.join(format!("sheet-{n}.json")), &text)?;
    Ok(())
}
