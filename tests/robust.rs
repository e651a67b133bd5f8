//! Robustness: the fuzz corpus and every saved crash replayed through the fuzz targets'
//! properties, property tests over generated facts and filters, and the catalogue of bad
//! input and faults in docs/robustness.md (rows covered elsewhere name their test there).

// The crate's lints (Cargo.toml) are for the program; this target may unwrap and print.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)]

mod memory;

use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use pakaz::model::{Fact, Qualifier, Value};
use pakaz::props;
use pakaz::query::{self, Filter, SortKey};
use proptest::prelude::*;

use memory::peak_memory;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn bin() -> &'static Path {
    assert_cmd::cargo::cargo_bin!("pakaz")
}

/// pakaz with a scrubbed environment, run from the fixture drafts.
fn pakaz() -> Command {
    let mut cmd = Command::new(bin());
    cmd.env_clear()
        .env("COLUMNS", "100")
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .current_dir(Path::new(ROOT).join("tests/fixtures/drafts"))
        .stdin(Stdio::null());
    cmd
}

/// The output of a run that must not have panicked, whatever else it did.
fn no_panic(out: Output) -> Output {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    // A panic with panic = "abort" would be a signal, not an exit code.
    assert!(out.status.code().is_some(), "killed: {:?}", out.status);
    out
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|d| d.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.is_file());
    files.sort();
    files
}

// ---------------------------------------------------------------- the fuzz corpus, replayed

/// Seeds and saved crashes for one target: the fixtures it is seeded from, `fuzz/seeds/T`
/// and `fuzz/regressions/T` (where every crash a fuzzer found is kept).
fn corpus(target: &str, fixtures: &[&str]) -> Vec<PathBuf> {
    let root = Path::new(ROOT);
    let mut files: Vec<PathBuf> = fixtures
        .iter()
        .flat_map(|d| files_in(&root.join(d)))
        .collect();
    files.extend(files_in(&root.join("fuzz/seeds").join(target)));
    files.extend(files_in(&root.join("fuzz/regressions").join(target)));
    files
}

fn replay(target: &str, fixtures: &[&str], property: fn(&[u8]) -> props::Outcome) {
    let files = corpus(target, fixtures);
    assert!(!files.is_empty(), "no corpus for {target}");
    for file in files {
        let data = fs::read(&file).unwrap();
        if let Err(broken) = property(&data) {
            panic!("{target}: {}: {broken}", file.display());
        }
    }
}

#[test]
fn sheet_corpus_keeps_its_properties() {
    replay(
        "sheet",
        &["tests/fixtures/sheets", "tests/fixtures/readme"],
        props::sheet_bytes,
    );
    props::sheet_bytes(pakaz::sheet::BUNDLED_TEXT.as_bytes()).unwrap();
}

#[test]
fn render_corpus_keeps_its_properties() {
    replay("render", &[], props::render_bytes);
    props::rendering(props::bundled().unwrap()).unwrap();
}

#[test]
fn cite_corpus_keeps_its_properties() {
    replay("cite", &[], props::cite_bytes);
}

#[test]
fn check_corpus_keeps_its_properties() {
    replay(
        "check",
        &["tests/fixtures/drafts", "tests/fixtures/readme"],
        props::check_draft,
    );
}

#[test]
fn completion_corpus_keeps_its_properties() {
    replay("completion", &[], props::completion_bytes);
    // Every candidate the bundled sheet offers, and the unit's own check of the reader.
    let sheet = props::bundled().unwrap();
    for f in &sheet.facts {
        props::completion_candidate(&f.id).unwrap();
        for tag in &f.tags {
            props::completion_candidate(tag).unwrap();
        }
    }
    assert!(props::read_bash_word("a b").is_err());
    assert!(props::read_bash_word("$(x)").is_err());
    assert!(props::read_bash_word("*").is_err());
    assert_eq!(props::read_bash_word("'a b'").unwrap(), "a b");
}

#[test]
fn args_corpus_keeps_its_properties() {
    replay("args", &[], |data| {
        props::arguments(props::args_from_bytes(data))
    });
}

// ---------------------------------------------------------------- property tests

/// Text with what breaks output: controls, escapes, bidi and zero-width characters, quotes,
/// separators, formula starts, and any other character.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\u{1b}]52;c;aGk=\u{7}".to_string()),
        Just("\u{1b}[2J\u{1b}[1A".to_string()),
        Just("\u{9b}31m".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{2066}".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{feff}".to_string()),
        Just("\r\n".to_string()),
        Just("\t".to_string()),
        Just("\"".to_string()),
        Just(",".to_string()),
        Just(";".to_string()),
        Just("|".to_string()),
        Just("\\".to_string()),
        Just("'".to_string()),
        Just("=".to_string()),
        Just(";=cmd|' /C calc'!A0".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("[x](javascript:alert(1))".to_string()),
        Just("*_`~$&!".to_string()),
        Just("$(touch x)".to_string()),
        Just("*".to_string()),
        Just("\u{61C}\u{AD}\u{E0041}".to_string()),
        Just("+".to_string()),
        Just("-".to_string()),
        Just("@".to_string()),
        "[a-z ]{0,6}",
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..6).prop_map(|v| v.concat())
}

/// A value a valid sheet can hold: a finite number within ±2^53, a range, or text.
fn value() -> impl Strategy<Value = Value> {
    let limit = (1u64 << 53) as f64;
    let number = prop_oneof![
        (-1_000_000i64..1_000_000).prop_map(|n| n as f64),
        -limit..limit,
        (-1000.0f64..1000.0).prop_map(|x| (x * 1000.0).round() / 1000.0),
    ];
    prop_oneof![
        number.clone().prop_map(Value::Number),
        (number.clone(), number).prop_map(|(a, b)| Value::Range {
            min: a.min(b),
            max: a.max(b)
        }),
        hostile().prop_map(Value::Text),
    ]
}

fn qualifier() -> impl Strategy<Value = Qualifier> {
    proptest::sample::select(Qualifier::ALL.to_vec())
}

/// A fact with any text in every field, put in place of a bundled fact of its sector so the
/// rest of the sheet (sources, sectors) stays as it is.
fn fact() -> impl Strategy<Value = Fact> {
    (
        (
            hostile(),
            hostile(),
            value(),
            proptest::option::of(hostile()),
        ),
        (qualifier(), proptest::collection::vec(hostile(), 0..3)),
        (
            proptest::collection::vec(hostile(), 0..3),
            proptest::option::of(hostile()),
            proptest::option::of(hostile()),
            proptest::option::of(hostile()),
        ),
    )
        .prop_map(
            |((slug, label, value, unit), (qualifier, tags), (aliases, note, section, measure))| {
                let mut fact = props::bundled().unwrap().facts[0].clone();
                fact.id = format!("{}.{slug}", fact.sector());
                fact.label = label;
                fact.value = value;
                fact.unit = unit;
                fact.qualifier = qualifier;
                fact.tags = tags;
                fact.aliases = aliases;
                fact.note = note;
                fact.source.section = section;
                fact.measure = measure;
                fact
            },
        )
}

fn sheet_with(facts: Vec<Fact>) -> pakaz::model::Sheet {
    let mut sheet = props::bundled().unwrap().clone();
    sheet.facts = facts;
    sheet
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// JSON, CSV and TSV (plain and --csv-safe) read back to the values of any facts.
    #[test]
    fn json_csv_and_tsv_round_trip(facts in proptest::collection::vec(fact(), 1..4)) {
        let sheet = sheet_with(facts);
        let all: Vec<&Fact> = sheet.facts.iter().collect();
        props::json_round_trip(&sheet, &all).map_err(TestCaseError::fail)?;
        props::csv_round_trip(&sheet, &all).map_err(TestCaseError::fail)?;
        props::tsv_round_trip(&sheet, &all).map_err(TestCaseError::fail)?;
    }

    /// Whatever a fact holds, tables, cards, Markdown, citations and messages shown on a
    /// terminal carry no control character (but line ends), bidi override or zero-width
    /// character.
    #[test]
    fn terminal_text_is_always_safe(facts in proptest::collection::vec(fact(), 1..3)) {
        props::rendering(&sheet_with(facts)).map_err(TestCaseError::fail)?;
    }

    /// Drafts made of Markdown's pieces around figures (fences, quotes, lists, tables, HTML,
    /// links, entities, front matter): every finding points at a character of the draft that
    /// is not a space, in the order of the text, and nothing panics.
    #[test]
    fn findings_in_any_markdown_point_into_the_draft(
        pieces in proptest::collection::vec(proptest::sample::select(vec![
            "Pakistani citizens who visited Azerbaijan in 2024: 85,000 people. ",
            "Trade turnover in January–September 2025 was about $23 million",
            "nearly 2× ", "over 3.3 million t", "up to 40 aircraft", " 1992 ",
            "\n", "\n\n", "\r\n", "---\n", "```\n", "~~~\n", "    ", "> ", ">\n", "- ", "1. ",
            "  - ", "- [x] ", "| a | 2024 |\n|---|---|\n", "| ", " |", "<div>\n", "</div>\n",
            "<!-- ", " -->", "<span>", "[the report](https://x.org/2024)", "[r]: https://x.org/5\n",
            "[^1]", "[^1]: Note 2019.\n", "&amp;", "&#10;", "&nbsp;", "`", "**", "_", "\\*",
            "<https://a.b/47>", "https://a.b/7 ", "# ", "===\n", "\u{FEFF}", "é", "\t",
        ]), 0..40),
    ) {
        let draft: String = pieces.concat();
        props::check_draft(draft.as_bytes()).map_err(TestCaseError::fail)?;
    }

    /// Any string offered as a completion reaches bash as one word that reads back to it.
    #[test]
    fn completion_candidates_reach_bash_as_one_quoted_word(text in hostile()) {
        props::completion_candidate(&text).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn sanitize_leaves_nothing_unsafe(text in hostile()) {
        props::terminal_safe("sanitized text", &pakaz::text::sanitize(&text))
            .map_err(TestCaseError::fail)?;
    }

    /// A filter's result is a subset of the sheet, in the order asked for, and holds exactly
    /// the facts that satisfy the filter as the README describes it.
    #[test]
    fn a_filter_selects_exactly_the_facts_that_satisfy_it(
        sectors in proptest::sample::subsequence(sector_names(), 0..3),
        tags in proptest::sample::subsequence(tag_names(), 0..2),
        since in proptest::option::of(2020i32..2028),
        until in proptest::option::of(2020i32..2028),
        grep in proptest::option::of(prop_oneof![
            Just("visit".to_string()), Just("TRADE".to_string()), Just("jf-17".to_string()),
            Just("a".to_string()), "[a-z]{1,3}",
        ]),
        sort in proptest::sample::select(vec![
            SortKey::Sheet, SortKey::Id, SortKey::Sector, SortKey::Period, SortKey::Value,
        ]),
    ) {
        let sheet = props::bundled().unwrap();
        let filter = Filter { sectors, tags, since, until, grep, measures: Vec::new() };
        let got = query::select(sheet, &filter, sort);
        // Written out again from the README, not from Filter::matches.
        let satisfies = |f: &Fact| {
            let sector = filter.sectors.is_empty() || filter.sectors.iter().any(|s| f.id.starts_with(&format!("{s}.")));
            let tag = filter.tags.is_empty()
                || f.tags.iter().any(|t| filter.tags.iter().any(|w| t.to_lowercase() == w.to_lowercase()));
            let years = match (filter.since, filter.until, f.period) {
                (None, None, _) => true,
                (_, _, None) => false,
                (since, until, Some(p)) => {
                    let ((from, _, _), (to, _, _)) = p.sort_key();
                    since.is_none_or(|s| to >= s) && until.is_none_or(|u| from <= u)
                }
            };
            let text = filter.grep.as_ref().is_none_or(|g| {
                let g = g.to_lowercase();
                let value = match &f.value { Value::Text(t) => t.clone(), _ => String::new() };
                [&f.id, &f.label, &value].into_iter().chain(&f.tags).chain(&f.aliases)
                    .chain(f.note.as_ref())
                    .any(|t| t.to_lowercase().contains(&g))
            });
            sector && tag && years && text
        };
        let mut want: Vec<&str> = sheet.facts.iter().filter(|f| satisfies(f)).map(|f| f.id.as_str()).collect();
        let mut ids: Vec<&str> = got.iter().map(|f| f.id.as_str()).collect();
        prop_assert!(got.iter().all(|f| sheet.facts.iter().any(|s| std::ptr::eq(s, *f))));
        if sort == SortKey::Sheet {
            prop_assert_eq!(&ids, &want, "sheet order");
        }
        ids.sort();
        want.sort();
        prop_assert_eq!(ids, want);
    }
}

fn sector_names() -> Vec<String> {
    let sheet = props::bundled().unwrap();
    let mut names: Vec<String> = sheet.sectors.iter().map(|s| s.name.clone()).collect();
    names.push("nowhere".into());
    names
}

fn tag_names() -> Vec<String> {
    let sheet = props::bundled().unwrap();
    let mut tags: Vec<String> = sheet.facts.iter().flat_map(|f| f.tags.clone()).collect();
    tags.sort();
    tags.dedup();
    tags.push("Visitors".into());
    tags.push("no-such-tag".into());
    tags
}

// ---------------------------------------------------------------- catalogue: output faults

/// Every command, in every output format it has.
fn every_command() -> Vec<Vec<&'static str>> {
    let mut all: Vec<Vec<&str>> = vec![
        vec![],
        vec!["show", "energy.socar"],
        vec!["show", "energy.socar", "--format", "json"],
        vec!["get", "tourism.visitors-2024"],
        vec!["get", "tourism.visitors-2024", "--field", "aliases"],
        vec!["check", "--all", "--verbose", "altered.md"],
        vec!["check", "--format", "json", "--fix-hints", "altered.md"],
        vec!["sources"],
        vec!["sources", "--format", "json"],
        vec!["validate"],
        vec!["schema"],
        vec!["man"],
    ];
    for style in [
        "plain",
        "markdown",
        "apa",
        "chicago-author-date",
        "chicago-notes",
        "mla",
        "harvard",
        "ieee",
        "vancouver",
    ] {
        all.push(vec!["cite", "tourism.visitors-2024", "--style", style]);
    }
    for format in ["csl-json", "biblatex"] {
        all.push(vec!["cite", "tourism.visitors-2024", "--format", format]);
    }
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        all.push(vec!["completions", shell]);
    }
    for format in ["table", "json", "csv", "tsv", "markdown"] {
        all.push(vec!["list", "--format", format]);
        all.push(vec!["sectors", "--format", format]);
        all.push(vec!["search", "visitors", "--format", format]);
        all.push(vec!["timeline", "--format", format]);
    }
    all.push(vec!["list", "--format", "csv", "--csv-safe"]);
    all.push(vec!["list", "--format", "tsv", "--csv-safe"]);
    all
}

/// `pakaz ... | head -0`: the reader is gone before anything is written. Every command and
/// format ends quietly, with 0, or with 1 for `check` on a draft that has a failing figure (so
/// that `check bad.md | head -1` still fails under `set -o pipefail`).
#[test]
fn closed_stdout_is_quiet_success_for_every_command() {
    for args in every_command() {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = no_panic(pakaz().args(&args).stdout(writer).output().unwrap());
        let failing = args.first() == Some(&"check") && args.contains(&"altered.md");
        let want = if failing { 1 } else { 0 };
        assert_eq!(out.status.code(), Some(want), "{args:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// stdout on a full disk: one line on stderr naming stdout, exit 2, for every command.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_one_error_line_and_exit_2() {
    for args in every_command() {
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = no_panic(pakaz().args(&args).stdout(full).output().unwrap());
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(
            stderr, "pakaz: writing to stdout: No space left on device (os error 28)\n",
            "{args:?}"
        );
    }
}

// ---------------------------------------------------------------- catalogue: arguments

/// Arguments that are not UTF-8: a usage error (exit 2) where a text is expected; a path
/// (a sheet, a draft) may be any bytes.
#[cfg(unix)]
#[test]
fn arguments_that_are_not_utf8() {
    use std::os::unix::ffi::OsStringExt;
    let bad = || OsString::from_vec(b"tourism.\xff\xfe".to_vec());
    for args in [
        vec![OsString::from("get"), bad()],
        vec![OsString::from("search"), bad()],
        vec![OsString::from("list"), OsString::from("--grep"), bad()],
        vec![OsString::from("--color"), bad()],
        vec![bad()],
    ] {
        let out = no_panic(pakaz().args(&args).output().unwrap());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("error:"), "{stderr}");
    }
    // A draft whose name is not UTF-8 is checked; its name is shown with the bad bytes
    // replaced.
    let tmp = tempfile::tempdir().unwrap();
    let name = tmp
        .path()
        .join(OsString::from_vec(b"draft-\xff.md".to_vec()));
    fs::write(
        &name,
        "In 2024, 85,000 Pakistani visitors travelled to Azerbaijan.\n",
    )
    .unwrap();
    let out = no_panic(pakaz().arg("check").arg(&name).output().unwrap());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("draft-\u{FFFD}.md:1:10: error: 85,000"),
        "{stdout}"
    );
}

// ---------------------------------------------------------------- catalogue: sheets

fn sheet_file(dir: &Path, name: &str, text: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

const SHEET: &str = "[sources.s]\ntitle = \"T\"\n\n[[facts]]\nid = \"trade.x\"\nlabel = \"L\"\nvalue = \"v\"\nsource = { key = \"s\" }\n";

/// Sheets the other tests do not already cover (tests/sheets.rs has missing, directory,
/// FIFO, device, unreadable, empty, oversized, non-UTF-8, deep nesting, NaN, -inf, control
/// characters in labels and notes, escapes in file names): each is read, or refused with
/// one message at its place and exit 2.
#[test]
fn sheets_with_a_bom_crlf_huge_numbers_bad_dates_and_escapes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let crlf = SHEET.replace('\n', "\r\n");
    let ok = [
        sheet_file(dir, "bom.toml", format!("\u{feff}{SHEET}").as_bytes()),
        sheet_file(dir, "crlf.toml", crlf.as_bytes()),
    ];
    for path in ok {
        let out = no_panic(pakaz().arg("validate").arg(&path).output().unwrap());
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = no_panic(
            pakaz()
                .arg("--facts")
                .arg(&path)
                .args(["get", "trade.x"])
                .output()
                .unwrap(),
        );
        assert_eq!(String::from_utf8(out.stdout).unwrap(), "v\n");
    }
    let with = |from: &str, to: &str| SHEET.replace(from, to).into_bytes();
    let value = |v: &str| with("value = \"v\"", &format!("value = {v}\nunit = \"t\""));
    let bad: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "i64.toml",
            value("9223372036854775808"),
            "7:9: error: u64 value was too large",
        ),
        ("neg.toml", value("-9223372036854775809"), "7:9: error: "),
        (
            "f64.toml",
            value("9007199254740993"),
            "7:9: error: value 9007199254740993 is too large to keep exactly (limit ±2^53)",
        ),
        (
            "nan.toml",
            value("nan"),
            "7:9: error: value must be a finite number, not NaN",
        ),
        (
            "inf.toml",
            value("+inf"),
            "7:9: error: value must be a finite number, not inf",
        ),
        (
            "feb30.toml",
            with("value = \"v\"", "value = \"v\"\nperiod = \"2025-02-30\""),
            "8:10: error: malformed period: '2025-02-30' has day '30'",
        ),
        (
            "month13.toml",
            with("value = \"v\"", "value = \"v\"\nperiod = \"2024-13/2025\""),
            "8:10: error: malformed period",
        ),
        (
            "srcdate.toml",
            with("title = \"T\"", "title = \"T\"\ndate = \"2026-02-29\""),
            "3:8: error: ",
        ),
        (
            "osc52.toml",
            with("label = \"L\"", "label = \"L\\u001B]52;c;aGk=\\u0007\""),
            "6:9: error: 'label' contains the control character U+001B",
        ),
        (
            "cursor.toml",
            with("label = \"L\"", "label = \"\\u001B[2A\\u001B[2K\""),
            "6:9: error: 'label' contains the control character U+001B",
        ),
        (
            "csi.toml",
            with("label = \"L\"", "label = \"\\u009B31m\""),
            "6:9: error: 'label' contains the control character U+009B",
        ),
        (
            "isolate.toml",
            with("label = \"L\"", "label = \"a\\u2066b\""),
            "6:9: error: 'label' contains the control character U+2066",
        ),
        (
            "zwj-id.toml",
            with("id = \"trade.x\"", "id = \"trade.x\\u200Bz\""),
            "5:6: error: 'id' contains the control character U+200B",
        ),
        (
            "bidi-id.toml",
            with("id = \"trade.x\"", "id = \"trade.\\u202Ex\""),
            "5:6: error: 'id' contains the control character U+202E",
        ),
    ];
    for (name, text, expected) in bad {
        let path = sheet_file(dir, name, &text);
        let out = no_panic(
            pakaz()
                .arg("--facts")
                .arg(&path)
                .arg("list")
                .output()
                .unwrap(),
        );
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains(&format!("{name}:{expected}")),
            "{name}: expected {expected:?}:\n{stderr}"
        );
        props::terminal_safe(name, &stderr).unwrap();
    }
}

/// A sheet named with a bidi override and a zero-width space: shown escaped.
#[test]
fn sheet_names_with_bidi_and_zero_width_characters_are_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let path = sheet_file(tmp.path(), "a\u{202e}b\u{200b}c.toml", b"nonsense = ");
    let out = no_panic(pakaz().arg("validate").arg(&path).output().unwrap());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("a\\u{202E}b\\u{200B}c.toml:1:"), "{stderr}");
    props::terminal_safe("stderr", &stderr).unwrap();
}

// ---------------------------------------------------------------- catalogue: drafts

fn check_stdin(input: &[u8], args: &[&str]) -> Output {
    let mut child = pakaz()
        .arg("check")
        .args(args)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input).unwrap();
    drop(stdin);
    no_panic(child.wait_with_output().unwrap())
}

#[test]
fn an_empty_draft_has_no_findings() {
    let out = check_stdin(b"", &["--all", "--verbose"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    let out = check_stdin(b"", &["--format", "json"]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "[]\n");
}

/// A 1 MB draft on a single line: checked, each finding on line 1 with its column, quickly.
#[test]
fn a_one_megabyte_single_line_draft() {
    let sentence =
        "In 2024, 85,000 Pakistani visitors travelled to Azerbaijan; the draft has 1,200 words. ";
    let draft = sentence.repeat(1_000_000 / sentence.len() + 1);
    let start = Instant::now();
    let out = check_stdin(draft.as_bytes(), &["--format", "json"]);
    let took = start.elapsed();
    assert_eq!(out.status.code(), Some(1));
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings.len(), draft.matches("85,000").count());
    let mismatch = |i: usize| 10 + i * sentence.chars().count();
    for (i, f) in findings.iter().enumerate() {
        assert_eq!(
            (f["line"].as_u64(), f["column"].as_u64()),
            (Some(1), Some(mismatch(i) as u64))
        );
    }
    // The debug build is far slower than a release one; this only catches a quadratic blow-up.
    assert!(took < Duration::from_secs(60), "took {took:?}");
}

/// A draft on standard input that never ends: pakaz reads at most 16 MiB, then stops with one
/// error line and exit 2, and its memory stays bounded while it does.
#[cfg(target_os = "linux")]
#[test]
fn a_draft_that_never_ends_is_cut_off() {
    let mut child = pakaz()
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let chunk = "Trade reached $21 million in 2025. ".repeat(2000);
        let mut written = 0usize;
        // Stops when pakaz closes its end; a bound keeps a broken build from running forever.
        while written < 256 << 20 && stdin.write_all(chunk.as_bytes()).is_ok() {
            written += chunk.len();
        }
        written
    });
    let out = no_panic(child.wait_with_output().unwrap());
    let written = feeder.join().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        "pakaz: '<stdin>' is too large: a draft may be at most 16 MiB; check it in parts\n"
    );
    assert!(
        written < 64 << 20,
        "pakaz read {written} bytes before stopping"
    );
    // And a device that never ends, named as a file.
    let out = no_panic(pakaz().args(["check", "/dev/zero"]).output().unwrap());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("'/dev/zero' is too large"));
}

#[test]
fn a_draft_that_is_a_directory_or_missing() {
    let out = no_panic(pakaz().args(["check", "."]).output().unwrap());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "pakaz: cannot read '.': it is a directory\n"
    );
    let out = no_panic(pakaz().args(["check", "missing.md"]).output().unwrap());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("pakaz: cannot read 'missing.md': "));
}

/// Terminal escapes, bidi overrides and zero-width characters in a draft and in its file
/// name never reach the terminal in text output; JSON keeps them, escaped by JSON.
#[test]
fn escapes_in_drafts_and_draft_names_never_reach_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let name = tmp.path().join("d\u{1b}]52;c;aGk=\u{7}\u{202e}\u{200b}.md");
    let draft = "In 2024, \u{1b}[2J85,000\u{202e} Pakistani\u{200b} visitors travelled to Azerbaijan \u{1b}[1A.\n";
    fs::write(&name, draft).unwrap();
    for args in [
        vec!["--all", "--verbose", "--fix-hints"],
        vec!["--format", "json"],
    ] {
        let out = no_panic(
            pakaz()
                .arg("check")
                .args(&args)
                .arg(&name)
                .output()
                .unwrap(),
        );
        assert_eq!(out.status.code(), Some(1));
        let stdout = String::from_utf8(out.stdout).unwrap();
        props::terminal_safe("check output", &stdout).unwrap();
        assert!(
            stdout.contains("mismatch") || stdout.contains("error:"),
            "{stdout}"
        );
    }
    let findings = props::bundled_checker().unwrap().check(draft);
    props::findings_inside(draft, &findings).unwrap();
}

// ---------------------------------------------------------------- catalogue: CSV formulas

#[test]
fn csv_safe_defuses_cells_a_spreadsheet_would_run() {
    let tmp = tempfile::tempdir().unwrap();
    let sheet = format!(
        "[sectors.trade]\ndescription = \"D\"\n\n{SHEET}\n[[facts]]\nid = \"trade.y\"\nlabel = \"=HYPERLINK(\\\"http://x\\\")\"\nvalue = -5\nunit = \"@t\"\ntags = [\"+1\", \"'quoted\"]\nnote = \"\\tcmd\"\nsource = {{ key = \"s\", section = \"-2+3\" }}\n"
    );
    let path = sheet_file(tmp.path(), "formulas.toml", sheet.as_bytes());
    let list = |format: &str, safe: bool| {
        let mut cmd = pakaz();
        cmd.arg("--no-bundled").arg("--facts").arg(&path);
        cmd.args(["list", "--format", format]);
        if safe {
            cmd.arg("--csv-safe");
        }
        let out = no_panic(cmd.output().unwrap());
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let plain = list("csv", false);
    assert!(
        plain.contains("\"=HYPERLINK(\"\"http://x\"\")\",-5,@t,"),
        "{plain}"
    );
    let safe = list("csv", true);
    assert!(
        safe.contains("trade.y,trade,\"'=HYPERLINK(\"\"http://x\"\")\",'-5,'@t,"),
        "{safe}"
    );
    assert!(safe.contains(",'+1;''quoted,"), "{safe}");
    assert!(safe.contains(",'-2+3,'\tcmd\n"), "{safe}");
    let mut reader = csv::Reader::from_reader(safe.as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
    let tsv = list("tsv", true);
    assert!(
        tsv.contains("\t'=HYPERLINK(\"http://x\")\t'-5\t'@t\t"),
        "{tsv}"
    );
    assert!(tsv.contains("\t'\\tcmd"), "{tsv}");
    // Other formats are not touched.
    assert!(list("json", true).contains("\"label\": \"=HYPERLINK"));
}

/// Bytes that are not UTF-8 in a draft are replaced (U+FFFD, one character each) and the rest
/// is checked, with columns still counted in characters.
#[test]
fn a_draft_that_is_not_utf8_is_read_with_replacements() {
    let out = check_stdin(
        b"Trade \xff\xfe reached $21 million in 2025.\n",
        &["--verbose"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "<stdin>:1:18: note: $21 million agrees with the sheet: about US$20.7 million \
         [trade.turnover-2025-jan-sep], as The Gulf Observer gives it\n"
    );
}

/// A line of `<a` repeated with no `>`: each `<` used to search the rest of the line for a
/// tag's end, so 512 KiB took minutes. Now the line is read once. The bound only catches a
/// quadratic blow-up in a debug build; the release figure is in docs/robustness.md.
#[test]
fn a_line_of_unclosed_tags_is_read_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tags.md");
    std::fs::write(&path, "<a".repeat(256 * 1024)).unwrap();
    let start = Instant::now();
    let out = no_panic(pakaz().arg("check").arg(&path).output().unwrap());
    let took = start.elapsed();
    assert_eq!(out.status.code(), Some(0));
    assert!(took < Duration::from_secs(30), "took {took:?}");
}

/// A long run of figures with no words between them (`5-5-5-…`, a data dump) in one
/// sentence: looking back for the clause's first words once went to the start of the sentence
/// for every figure, so 32 KiB took 19 s in a debug build (and 128 KiB, cut into pieces of
/// 4,096 figures, over 20 s). Now the look-back stops at the context window. Four times the
/// text must take about four times the CPU time, not sixteen: the bound (eight) catches the
/// blow-up whatever else the machine is doing.
#[test]
fn a_long_run_of_figures_in_one_sentence_is_read_in_linear_time() {
    let line = format!("{}5\n", "5-".repeat(50));
    grows_linearly("figures.md", 32, |kib| line.repeat(kib * 1024 / line.len()));
}

/// A line of tabs (a spreadsheet row pasted with its empty cells): whether each tab separates
/// two fields was once worked out by reading the line from its start, so 256 KiB of tabs
/// took 36 s of CPU in a release build. Four times the tabs must take about four times the CPU
/// time, not sixteen.
#[test]
fn a_line_of_tabs_is_read_in_linear_time() {
    grows_linearly("tabs.txt", 32, |kib| {
        format!("x{}y\n", "\t".repeat(kib * 1024))
    });
}

/// A long draft with a footnote every few lines: laid out in parts on threads, each footnote's
/// line was once counted from its part's start, so the work grew with the footnotes times the
/// draft's length. Four times the draft must take about four times the CPU time, not sixteen.
#[test]
fn a_draft_full_of_footnotes_is_laid_out_in_linear_time() {
    grows_linearly("notes.md", 128, |kib| {
        let mut text = String::new();
        let mut n = 0;
        while text.len() < kib * 1024 {
            n += 1;
            text.push_str(&format!("Some words[^n{n}] here.\n\n[^n{n}]: A note.\n\n"));
        }
        text
    });
}

/// Checks the draft `make` writes for `kib` and for four times it (in a file named `name`):
/// both check clean, and the larger takes less than eight times the CPU time of the smaller,
/// which catches a quadratic blow-up (sixteen times) whatever else the machine is doing.
fn grows_linearly(name: &str, kib: usize, make: impl Fn(usize) -> String) {
    let dir = tempfile::tempdir().unwrap();
    let cpu = |kib: usize| {
        let path = dir.path().join(format!("{kib}-{name}"));
        std::fs::write(&path, make(kib)).unwrap();
        let (cpu, code) = memory::cpu_seconds(&["check".as_ref(), path.as_os_str()]);
        assert_eq!(code, Some(0));
        cpu
    };
    let (small, large) = (cpu(kib), cpu(4 * kib));
    assert!(
        large < 8.0 * small.max(0.05),
        "{kib} KiB took {small:.2} s of CPU, {} KiB {large:.2} s",
        4 * kib
    );
}

/// What `pakaz ARGS` writes to a terminal (stdout and stderr both on a pty, via `script`).
fn on_a_terminal(args: &[&str]) -> Option<Vec<u8>> {
    if Command::new("script").arg("-V").output().is_err() {
        assert!(std::env::var_os("CI").is_none(), "script is needed in CI");
        eprintln!("script (util-linux) is missing: skipped");
        return None;
    }
    let line: Vec<String> = std::iter::once(bin().to_string_lossy().into_owned())
        .chain(args.iter().map(|a| a.to_string()))
        .map(|a| shlex::try_quote(&a).unwrap().into_owned())
        .collect();
    let out = no_panic(
        Command::new("script")
            .args(["-qec", &line.join(" "), "/dev/null"])
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("SHELL", "/bin/sh")
            .env("TERM", "xterm")
            .stdin(Stdio::null())
            .output()
            .unwrap(),
    );
    Some(out.stdout)
}

#[test]
fn usage_errors_escape_arguments_on_a_terminal_too() {
    let osc52 = "\u{1b}]52;c;aGk=\u{7}";
    for args in [
        vec!["--color", osc52, "list"],
        vec!["list", "--sector-x\u{1b}[2J"],
        vec!["x\u{202E}y\u{200B}z"],
        vec!["list", "--sort", osc52],
    ] {
        let Some(screen) = on_a_terminal(&args) else {
            return;
        };
        let text = String::from_utf8_lossy(&screen);
        assert!(text.contains("error"), "{args:?}: {text}");
        assert!(
            text.contains("\\u{1B}") || text.contains("\\u{202E}"),
            "{args:?}: {text}"
        );
        // clap's colours may stay; nothing of the argument does.
        assert!(!text.contains("\u{1b}]52"), "{args:?}: {text:?}");
        assert!(!text.contains("\u{1b}[2J"), "{args:?}: {text:?}");
        assert!(!text.contains('\u{7}'), "{args:?}: {text:?}");
        assert!(!text.contains('\u{202E}'), "{args:?}: {text:?}");
    }
}

/// Characters that show as nothing or reorder a line, chosen by their Unicode properties
/// (Bidi_Control, Default_Ignorable_Code_Point, format characters): a sheet may not carry
/// them, and where they come from elsewhere (a draft, its name) they are escaped, in JSON too.
#[test]
fn invisible_characters_are_refused_in_sheets_and_escaped_elsewhere() {
    let tmp = tempfile::tempdir().unwrap();
    let invisible = [
        '\u{061C}',
        '\u{00AD}',
        '\u{180E}',
        '\u{FFF9}',
        '\u{FFFA}',
        '\u{FFFB}',
        '\u{115F}',
        '\u{3164}',
        '\u{E0000}',
        '\u{E0041}',
        '\u{E007F}',
    ];
    for c in invisible {
        let code = format!("{:04X}", u32::from(c));
        let text = SHEET.replace("label = \"L\"", &format!("label = \"a{c}b\""));
        let path = sheet_file(tmp.path(), &format!("u{code}.toml"), text.as_bytes());
        let out = no_panic(pakaz().arg("validate").arg(&path).output().unwrap());
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "U+{code}: {stderr}");
        assert!(
            stderr.contains(&format!("'label' contains the control character U+{code}")),
            "U+{code}: {stderr}"
        );
        props::terminal_safe("stderr", &stderr).unwrap();
    }
    let text: String = invisible.iter().collect();
    let name = tmp.path().join(format!("d{text}.md"));
    fs::write(
        &name,
        format!("In 2024, 85,000{text} Pakistani visitors came.\n"),
    )
    .unwrap();
    let out = no_panic(
        pakaz()
            .args(["check", "--all", "--format", "json"])
            .arg(&name)
            .output()
            .unwrap(),
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    props::terminal_safe("check --format json", &stdout).unwrap();
    assert!(
        stdout.contains("\\u061c") && stdout.contains("\\udb40\\udc41"),
        "{stdout}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(json.to_string().contains(&text), "{json}");
    let out = no_panic(
        pakaz()
            .args(["check", "--all"])
            .arg(&name)
            .output()
            .unwrap(),
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    props::terminal_safe("check", &stdout).unwrap();
    assert!(stdout.contains("d\\u{61C}\\u{AD}"), "{stdout}");
}

/// A spreadsheet whose list separator is `;` splits a line at every `;`: with `--csv-safe`
/// no piece may start like a formula, in the tags and aliases pakaz joins with `;` or in any
/// other cell.
#[test]
fn csv_safe_holds_for_a_spreadsheet_that_splits_at_semicolons() {
    let tmp = tempfile::tempdir().unwrap();
    let sheet = format!(
        "[sectors.trade]\ndescription = \"D\"\n\n{SHEET}\n[[facts]]\nid = \"trade.y\"\nlabel = \"a;=1+1;'b\"\nvalue = 5\nunit = \"t\"\ntags = [\"ok\", \"=cmd|' /C calc'!A0\", \"z\"]\naliases = [\"x\", \"@SUM(A1)\", \"-2\"]\nnote = \"n; +3\"\nsource = {{ key = \"s\" }}\n"
    );
    let path = sheet_file(tmp.path(), "semicolons.toml", sheet.as_bytes());
    for format in ["csv", "tsv"] {
        let out = no_panic(
            pakaz()
                .arg("--no-bundled")
                .arg("--facts")
                .arg(&path)
                .args(["list", "--csv-safe", "--format", format])
                .output()
                .unwrap(),
        );
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("ok;'=cmd|' /C calc'!A0;z"), "{text}");
        assert!(text.contains("x;'@SUM(A1);'-2"), "{text}");
        assert!(text.contains("a;'=1+1;''b"), "{text}");
        for line in text.lines() {
            for piece in line.split(';').skip(1) {
                assert!(
                    !piece.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{format}: {piece:?} in {line:?}"
                );
            }
        }
    }
}

/// `list --format markdown` with labels made of HTML and Markdown: a Markdown reader (pandoc,
/// as GitHub-flavoured Markdown) shows them as text, one cell each, with no tag, link or
/// emphasis of their own.
#[test]
fn markdown_cells_are_text_to_a_markdown_reader() {
    if Command::new("pandoc").arg("--version").output().is_err() {
        assert!(std::env::var_os("CI").is_none(), "pandoc is needed in CI");
        eprintln!("pandoc is missing: skipped");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let label = r#"<img src=x onerror=alert(1)> [click](javascript:alert(1)) **b** _i_ `c` a|b ~~s~~ &amp; <script>x</script> \"#;
    let sheet = format!(
        "[sectors.trade]\ndescription = \"D\"\n\n{SHEET}\n[[facts]]\nid = \"trade.y\"\nlabel = '''{label}'''\nvalue = 5\nunit = \"*t*\"\nsource = {{ key = \"s\", section = \"<b>x</b>\" }}\n"
    );
    let path = sheet_file(tmp.path(), "markup.toml", sheet.as_bytes());
    let out = no_panic(
        pakaz()
            .arg("--no-bundled")
            .arg("--facts")
            .arg(&path)
            .args(["list", "--format", "markdown"])
            .output()
            .unwrap(),
    );
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8(out.stdout).unwrap();
    let mut pandoc = Command::new("pandoc")
        .args(["-f", "gfm", "-t", "html", "--wrap=none"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    pandoc
        .stdin
        .take()
        .unwrap()
        .write_all(md.as_bytes())
        .unwrap();
    let html = String::from_utf8(pandoc.wait_with_output().unwrap().stdout).unwrap();
    for tag in [
        "<img", "<script", "<a ", "<strong", "<em", "<code>c", "<del", "<b>",
    ] {
        assert!(!html.contains(tag), "{tag} in\n{html}\nfrom\n{md}");
    }
    // The header and the two facts' rows, five cells each.
    assert_eq!(html.matches("<th>").count(), 5, "{html}");
    assert_eq!(html.matches("<td>").count(), 10, "{html}");
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt; [click](javascript:alert(1)) **b** _i_ `c` a|b ~~s~~ &amp;amp; &lt;script&gt;x&lt;/script&gt; \\"),
        "{html}"
    );
}

/// A finite value near the top of the float range, a range below zero and a sheet whose file
/// name holds a line break: each shown as it is, on one line.
#[test]
fn huge_values_negative_ranges_and_odd_file_names() {
    let tmp = tempfile::tempdir().unwrap();
    let sheet = format!(
        "[sectors.trade]\ndescription = \"D\"\n\n{SHEET}\n[[facts]]\nid = \"trade.big\"\nlabel = \"L\"\nvalue = 1.7e308\nunit = \"t\"\nsource = {{ key = \"s\" }}\n\n[[facts]]\nid = \"trade.neg\"\nlabel = \"L\"\nvalue = {{ min = -5, max = -3 }}\nunit = \"t\"\nsource = {{ key = \"s\" }}\n"
    );
    let path = sheet_file(tmp.path(), "a\nb.toml", sheet.as_bytes());
    let run = |args: &[&str]| {
        let out = no_panic(
            pakaz()
                .arg("--no-bundled")
                .arg("--facts")
                .arg(&path)
                .args(args)
                .output()
                .unwrap(),
        );
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let table = run(&["list"]);
    assert!(table.contains(" 1.7e308 t "), "{table}");
    assert!(!table.contains("inf"), "{table}");
    assert!(table.contains(" -5 to -3 t "), "{table}");
    assert_eq!(run(&["get", "neg"]), "-5 to -3\n");
    assert_eq!(run(&["get", "neg", "--field", "figure"]), "-5 to -3 t\n");
    assert_eq!(run(&["get", "big", "--field", "figure"]), "1.7e308 t\n");
    let origin = run(&["get", "neg", "--field", "origin"]);
    assert_eq!(origin.lines().count(), 1, "{origin:?}");
    assert!(origin.ends_with("a\\nb.toml\n"), "{origin:?}");
}

/// Names of 100,000 characters (a source key, an id, a sector, a field): no "did you mean"
/// search over them (its cost is the product of the lengths), and the message shows the first
/// characters and the length, on one short line.
#[test]
fn long_names_get_no_suggestion_and_are_cut_in_messages() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = ("a".repeat(100_000), "b".repeat(100_000));
    let sheet = format!(
        "[sectors.trade]\ndescription = \"D\"\n\n[sources.{a}]\ntitle = \"T\"\n\n[[facts]]\nid = \"trade.x\"\nlabel = \"L\"\nvalue = 1\nunit = \"t\"\nsource = {{ key = \"{b}\" }}\n\n[[facts]]\nid = \"trade.{a}\"\nlabel = \"L\"\nvalue = 1\nunit = \"t\"\n{b} = 1\nsource = {{ key = \"{a}\" }}\n"
    );
    let path = sheet_file(tmp.path(), "long.toml", sheet.as_bytes());
    let start = Instant::now();
    let out = no_panic(pakaz().arg("validate").arg(&path).output().unwrap());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let cut_b = format!("'{}… (100000 characters)'", "b".repeat(64));
    assert!(
        stderr.contains(&format!(
            "source {cut_b} is not defined: add a [sources.KEY] table"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("unknown field {cut_b}")),
        "{stderr}"
    );
    assert!(!stderr.contains("did you mean"), "{stderr}");
    assert!(stderr.len() < 2_000, "{} bytes of messages", stderr.len());
    // A guard against a hang, not a measurement: before, this took minutes in a debug build.
    assert!(start.elapsed() < Duration::from_secs(20));

    for args in [
        vec!["get".to_string(), format!("tourism.{a}")],
        vec!["list".to_string(), "--sector".to_string(), a.clone()],
        vec!["search".to_string(), a.clone()],
    ] {
        let out = no_panic(pakaz().args(&args).output().unwrap());
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(matches!(out.status.code(), Some(1 | 2)), "{stderr}");
        assert!(
            stderr.len() < 1_000,
            "{} bytes: {}",
            stderr.len(),
            &stderr[..200]
        );
    }
}

/// The user's sheet directory is optional: when it cannot be read (a file where a directory
/// should be, a loop of links, a home directory others may not enter), pakaz warns and goes on
/// with the other sheets.
#[test]
fn an_unreadable_sheet_directory_is_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let file = sheet_file(tmp.path(), "a-file", b"");
    let looped = tmp.path().join("loop");
    fs::create_dir_all(looped.join("pakaz")).unwrap();
    std::os::unix::fs::symlink("facts.d", looped.join("pakaz/facts.d")).unwrap();
    for (config, why) in [
        (&file, "Not a directory"),
        (&looped, "Too many levels of symbolic links"),
    ] {
        let out = no_panic(
            pakaz()
                .env("XDG_CONFIG_HOME", config)
                .args(["get", "tourism.visitors-2024"])
                .output()
                .unwrap(),
        );
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert_eq!(String::from_utf8(out.stdout).unwrap(), "80924\n");
        assert!(
            stderr.starts_with(&format!(
                "pakaz: {}/pakaz/facts.d: warning: cannot read it: {why}",
                config.display()
            )),
            "{stderr}"
        );
        assert!(
            stderr.trim_end().ends_with("its sheets are skipped"),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}

/// The case as it was found: another user runs pakaz with a `$HOME` they may not enter.
/// Needs root (to switch to `nobody`); elsewhere the cases above stand for it.
#[test]
fn a_home_that_cannot_be_entered_is_a_warning() {
    let root = Command::new("id").arg("-u").output().unwrap().stdout == b"0\n";
    if !root {
        eprintln!("needs root: skipped");
        return;
    }
    if Command::new("setpriv").arg("--version").output().is_err() {
        assert!(std::env::var_os("CI").is_none(), "setpriv is needed in CI");
        eprintln!("setpriv (util-linux) is missing: skipped");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let bin_copy = tmp.path().join("pakaz");
    fs::copy(bin(), &bin_copy).unwrap();
    let home = tmp.path().join("home");
    fs::create_dir_all(home.join(".config/pakaz/facts.d")).unwrap();
    fs::set_permissions(&home, fs::Permissions::from_mode(0o700)).unwrap();
    for args in [vec!["get", "tourism.visitors-2024"], vec!["man"]] {
        let run = || {
            Command::new("setpriv")
                .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(&bin_copy)
                .args(&args)
                .env_clear()
                .env("HOME", &home)
                .current_dir(tmp.path())
                .output()
                .unwrap()
        };
        // The copy may still be open for writing in a child another test forked meanwhile
        // ("Text file busy") until that child execs.
        let mut out = run();
        for _ in 0..50 {
            if !String::from_utf8_lossy(&out.stderr).contains("Text file busy") {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
            out = run();
        }
        let out = no_panic(out);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!out.stdout.is_empty());
        if args[0] == "get" {
            assert_eq!(out.stdout, b"80924\n");
            assert!(
                stderr.contains("facts.d: warning: permission denied"),
                "{stderr}"
            );
        }
    }
}

/// `completions` and `man` do not read the sheets, so a broken sheet in the directory leaves
/// `source <(pakaz completions bash)` working; commands that need the sheets still refuse it.
#[test]
fn completions_and_man_work_with_a_broken_sheet() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pakaz/facts.d");
    fs::create_dir_all(&dir).unwrap();
    sheet_file(&dir, "broken.toml", b"[[facts]\n");
    for args in [
        vec!["completions", "bash"],
        vec!["completions", "zsh"],
        vec!["man"],
    ] {
        let out = no_panic(
            pakaz()
                .env("XDG_CONFIG_HOME", tmp.path())
                .args(&args)
                .output()
                .unwrap(),
        );
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "");
        assert!(out.stdout.len() > 500, "{args:?}");
    }
    let out = no_panic(
        pakaz()
            .env("XDG_CONFIG_HOME", tmp.path())
            .args(["get", "tourism.visitors-2024"])
            .output()
            .unwrap(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("broken.toml:1:")
    );
}

proptest! {
    // Each case formats two citations in every CSL style: fewer cases than above.
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// A source with any text in any field cites in every style and exports without a panic,
    /// terminal-safe, one entry per source, BibLaTeX braces balanced.
    #[test]
    fn any_source_cites_and_exports(
        text in proptest::collection::vec(hostile(), 6),
        url in prop_oneof![hostile(), hostile().prop_map(|u| format!("https://{u}"))],
        dates in proptest::collection::vec("-?[0-9]{1,4}(-[0-9]{1,2}){0,2}", 2),
    ) {
        // Fields in cite_bytes's order, split at 0xFF, a byte UTF-8 never uses.
        let fields = [&text[0], &text[1], &text[2], &text[3], &text[4], &url, &dates[0], &dates[1]];
        let mut bytes = Vec::new();
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                bytes.push(0xFF);
            }
            bytes.extend_from_slice(field.as_bytes());
        }
        props::cite_bytes(&bytes).map_err(TestCaseError::fail)?;
    }
}

/// A draft dense with figures (`5-5-5-…`, a figure every two bytes) used to take about 290
/// bytes per byte at peak, most of it findings gathered for the whole draft. It is now read in
/// pieces and its findings written as they come, in every format and across files.
#[test]
fn check_takes_at_most_40_bytes_per_byte_of_a_draft_dense_with_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let draft = |name: &str, bytes: usize| {
        let line = format!("{}5\n", "5-".repeat(50));
        let path = tmp.path().join(name);
        fs::write(&path, line.repeat(bytes / line.len())).unwrap();
        (path.clone(), fs::metadata(&path).unwrap().len())
    };
    let (empty, _) = draft("empty.md", 0);
    let (floor, code) = peak_memory(&["check".as_ref(), empty.as_os_str()]);
    assert_eq!(code, Some(0));
    // Sizes a debug build checks in a minute or two: what is held is bounded by a piece, so
    // a larger draft only adds its text and layout.
    let (big, big_len) = draft("big.md", 1024 * 1024);
    let (one, one_len) = draft("one.md", 512 * 1024);
    let (quarter, quarter_len) = draft("quarter.md", 128 * 1024);
    let runs: [(Vec<&std::ffi::OsStr>, u64); 3] = [
        (vec!["check".as_ref(), big.as_os_str()], big_len),
        (
            vec![
                "check".as_ref(),
                "--all".as_ref(),
                "--verbose".as_ref(),
                "--format".as_ref(),
                "json".as_ref(),
                one.as_os_str(),
            ],
            one_len,
        ),
        // Two files in one SARIF log: its results are written as they come, not gathered.
        (
            vec![
                "check".as_ref(),
                "--all".as_ref(),
                "--format".as_ref(),
                "sarif".as_ref(),
                quarter.as_os_str(),
                quarter.as_os_str(),
            ],
            2 * quarter_len,
        ),
    ];
    for (args, len) in runs {
        let (peak, code) = peak_memory(&args);
        assert_eq!(code, Some(0), "{args:?}");
        let per_byte = peak.saturating_sub(floor) as f64 / len as f64;
        assert!(
            per_byte <= 40.0,
            "{args:?}: {per_byte:.1} bytes per byte ({peak} bytes at peak, {floor} for an empty draft)"
        );
    }
}
