//! `pakaz cite` end to end: several facts at once, every CSL style, the CSL-JSON and BibLaTeX
//! exports, read back by their real clients (the CSL-JSON schema, pandoc's citeproc), and
//! `validate`'s warnings about sources too thin for a full reference.

// The crate's lints (Cargo.toml) are for the program; this target may unwrap and print.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const KEY: &str = "gulf-observer-2026-02-14";
const URL: &str = "https://thegulfobserver.com/brotherhood-beyond-borders-azertacs-head-of-\
                   society-reflects-on-the-strengthening-pakistan-azerbaijan-partnership";

/// pakaz with a scrubbed environment (no config directory, no colour), run in `dir`.
fn pakaz_in(dir: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("pakaz"));
    cmd.env_clear()
        .env("COLUMNS", "100")
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .current_dir(dir);
    cmd
}

fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = pakaz_in(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn run(args: &[&str]) -> (i32, String, String) {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// What a successful run prints.
fn stdout(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert_eq!((code, err.as_str()), (0, ""), "{args:?}");
    out
}

/// A directory holding `sheet.toml` with this text.
fn sheet_dir(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sheet.toml"), text).unwrap();
    dir
}

/// A second source and two facts citing it, beside the bundled sheet.
const SECOND_SOURCE: &str = r#"
[sources.pbs-2025]
title = "Pakistan Tourism Statistics 2025"
publisher = "Pakistan Bureau of Statistics"
date = "2025-12"
kind = "report"
url = "https://example.org/tourism-2025.pdf"
accessed = "2026-01-10"

[[facts]]
id = "tourism.visitors-2025"
label = "Pakistani citizens who visited Azerbaijan"
value = 90000
unit = "people"
qualifier = "about"
period = "2025"
source = { key = "pbs-2025", section = "Table 4" }

[[facts]]
id = "tourism.nights-2025"
label = "Nights Pakistani visitors spent in Azerbaijan"
value = 400000
unit = "nights"
period = "2025"
source = { key = "pbs-2025", section = "Table 5" }
"#;

/// How many sources the bundled sheet has.
fn bundled_sources() -> usize {
    pakaz::sheet::bundled().unwrap().sources.len()
}

// ---------------------------------------------------------------- text

#[test]
fn several_ids_give_a_phrase_each_and_each_source_once() {
    let out = stdout(&[
        "cite",
        "visitors-2024",
        "jf17-block3-aircraft",
        "trade.turnover-2025-jan-sep",
        "visitors-2024",
        "--style",
        "apa",
    ]);
    let (phrases, references) = out.split_once("\n\n").expect("a reference list");
    let phrases: Vec<&str> = phrases.lines().collect();
    assert_eq!(phrases.len(), 3, "{out}");
    assert!(phrases[0].starts_with("80,924 Pakistani citizens"), "{out}");
    assert!(
        phrases[1].starts_with("up to 40 JF-17 Block III fighter jets"),
        "{out}"
    );
    assert!(
        phrases.iter().all(|p| p.ends_with(" (Mammadova, 2026)")),
        "{out}"
    );
    assert_eq!(
        references,
        format!(
            "Mammadova, T. (2026, February 14). Brotherhood Beyond Borders: Azertac’s Head of \
             Society Reflects on the Strengthening Pakistan–Azerbaijan Partnership [Interview]. \
             The Gulf Observer. {URL}\n"
        )
    );

    let plain = stdout(&["cite", "visitors-2024", "jf17-block3-aircraft"]);
    assert_eq!(plain.lines().count(), 2, "{plain}");
    assert!(
        plain
            .lines()
            .all(|l| l.contains(", according to Tamilla Mammadova"))
    );
}

#[test]
fn two_sources_give_two_references() {
    let dir = sheet_dir(SECOND_SOURCE);
    let args = [
        "--facts",
        "sheet.toml",
        "cite",
        "visitors-2025",
        "visitors-2024",
        "nights-2025",
        "--style",
        "ieee",
    ];
    let (code, out, err) = run_in(dir.path(), &args);
    assert_eq!((code, err.as_str()), (0, ""));
    let (phrases, references) = out.split_once("\n\n").unwrap();
    assert_eq!(
        phrases
            .lines()
            .map(|l| &l[l.len() - 3..])
            .collect::<Vec<_>>(),
        ["[1]", "[2]", "[1]"],
        "{out}"
    );
    let refs: Vec<&str> = references.lines().collect();
    assert_eq!(refs.len(), 2, "{out}");
    assert!(
        refs[0].starts_with("[1] “Pakistan Tourism Statistics 2025,” Pakistan Bureau"),
        "{out}"
    );
    assert!(
        refs[1].starts_with("[2] T. Mammadova, “Brotherhood"),
        "{out}"
    );
}

#[test]
fn every_style_gives_a_reference_with_its_url() {
    for style in [
        "apa",
        "chicago-author-date",
        "chicago-notes",
        "mla",
        "harvard",
        "ieee",
        "vancouver",
    ] {
        let out = stdout(&["cite", "visitors-2024", "--style", style]);
        let reference = out.lines().last().unwrap();
        assert!(reference.contains("Mammadova"), "{style}: {out}");
        assert!(
            reference.contains("Brotherhood Beyond Borders"),
            "{style}: {out}"
        );
        assert!(reference.contains("The Gulf Observer"), "{style}: {out}");
        assert!(reference.contains(URL), "{style}: {out}");
    }
}

#[test]
fn an_unknown_id_among_several_prints_nothing() {
    let (code, out, err) = run(&["cite", "visitors-2024", "visitors-2042", "--style", "mla"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("visitors-2042"), "{err}");
}

#[test]
fn all_takes_the_filters_and_not_ids() {
    let (code, _, err) = run(&["cite", "--all", "visitors-2024"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(&["cite", "visitors-2024", "--sector", "trade"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(&["cite"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(&["cite", "--all", "--sector", "nope"]);
    assert_eq!(code, 2, "{err}");
    let (code, out, err) = run(&["cite", "--all", "--tag", "no-such-tag"]);
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    let trade = stdout(&["cite", "--all", "--sector", "trade"]);
    let facts = stdout(&["list", "--sector", "trade", "--format", "csv"]);
    assert_eq!(trade.lines().count(), facts.lines().count() - 1, "{trade}");
}

// ---------------------------------------------------------------- CSL-JSON

fn csl_schema() -> serde_json::Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/csl/csl-data.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn csl_json_satisfies_the_csl_schema_with_one_item_per_source() {
    let dir = sheet_dir(SECOND_SOURCE);
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "--facts",
            "sheet.toml",
            "cite",
            "--all",
            "--format",
            "csl-json",
        ],
    );
    assert_eq!((code, err.as_str()), (0, ""));
    let items: serde_json::Value = serde_json::from_str(&out).unwrap();
    let validator = jsonschema::validator_for(&csl_schema()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&items)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{out}");
    let ids: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    // One item per source of the loaded sheets, the interview first, the added sheet's last.
    assert_eq!(ids.len(), bundled_sources() + 1, "{out}");
    assert_eq!(
        ids.iter().collect::<std::collections::BTreeSet<_>>().len(),
        ids.len()
    );
    assert_eq!((ids[0], ids[ids.len() - 1]), (KEY, "pbs-2025"), "{out}");
    assert_eq!(items[0]["type"], "interview");
    assert_eq!(items[0]["URL"], URL);
    let pbs = &items[ids.len() - 1];
    assert_eq!(pbs["type"], "report");
    assert_eq!(pbs["publisher"], "Pakistan Bureau of Statistics");

    // A source's key is the same whichever of its facts is cited, alone or with others.
    for (args, want) in [
        (vec!["nights-2025"], vec!["pbs-2025"]),
        (vec!["visitors-2025", "energy.socar"], vec!["pbs-2025", KEY]),
    ] {
        let mut all = vec!["--facts", "sheet.toml", "cite", "--format", "csl-json"];
        all.extend(args);
        let (_, out, _) = run_in(dir.path(), &all);
        let items: serde_json::Value = serde_json::from_str(&out).unwrap();
        let ids: Vec<&str> = items
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, want);
    }
}

#[test]
fn the_schema_turns_away_what_is_not_csl() {
    // The vendored schema is the real one: it holds a broken item to account.
    let validator = jsonschema::validator_for(&csl_schema()).unwrap();
    let bad = serde_json::json!([{ "id": "x", "type": "interveiw", "issued": "2026" }]);
    assert!(validator.iter_errors(&bad).count() >= 2);
}

/// pandoc, which CI installs: missing it fails in CI, and skips elsewhere.
fn pandoc() -> Option<std::process::Command> {
    let found = std::process::Command::new("pandoc")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "pandoc is not installed; .ci/run installs it"
        );
        eprintln!("pandoc is not installed: skipping");
        return None;
    }
    Some(std::process::Command::new("pandoc"))
}

#[test]
fn pandoc_citeproc_renders_a_document_citing_the_export() {
    let Some(mut pandoc) = pandoc() else { return };
    let dir = sheet_dir(SECOND_SOURCE);
    let (code, json, err) = run_in(
        dir.path(),
        &[
            "--facts",
            "sheet.toml",
            "cite",
            "--format",
            "csl-json",
            "visitors-2024",
            "visitors-2025",
        ],
    );
    assert_eq!((code, err.as_str()), (0, ""));
    std::fs::write(dir.path().join("refs.json"), json).unwrap();
    std::fs::write(
        dir.path().join("draft.md"),
        format!("Visits rose [@{KEY}], and again in 2025 [@pbs-2025].\n"),
    )
    .unwrap();
    let out = pandoc
        .current_dir(dir.path())
        .args(["--citeproc", "--bibliography", "refs.json", "--to", "plain"])
        .args(["--columns", "1000", "draft.md"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.is_empty(), "pandoc warned: {err}");
    // pandoc's default style is Chicago author-date; a report without an author is cited
    // by its title.
    assert!(
        text.starts_with(
            "Visits rose (Mammadova 2026), and again in 2025 (“Pakistan Tourism Statistics \
             2025” 2025)."
        ),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "\n\nMammadova, Tamilla. 2026. Brotherhood Beyond Borders: Azertac’s Head of Society \
             Reflects on the Strengthening Pakistan–Azerbaijan Partnership. The Gulf Observer. \
             {URL}.\n"
        )),
        "{text}"
    );
    assert!(
        text.contains("Pakistan Bureau of Statistics. https://example.org/tourism-2025.pdf."),
        "{text}"
    );
}

// ---------------------------------------------------------------- BibLaTeX

#[test]
fn biblatex_has_one_entry_per_source_keyed_by_it() {
    let dir = sheet_dir(SECOND_SOURCE);
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "--facts",
            "sheet.toml",
            "cite",
            "--all",
            "--format",
            "biblatex",
        ],
    );
    assert_eq!((code, err.as_str()), (0, ""));
    let heads: Vec<&str> = out.lines().filter(|l| l.starts_with('@')).collect();
    assert_eq!(heads.len(), bundled_sources() + 1, "{out}");
    assert_eq!(
        (heads[0], heads[heads.len() - 1]),
        (format!("@article{{{KEY},").as_str(), "@report{pbs-2025,")
    );
    assert!(
        out.contains("  institution = {Pakistan Bureau of Statistics},\n"),
        "{out}"
    );
    assert!(out.contains("  urldate = {2026-01-10},\n"), "{out}");
    assert_eq!(
        pakaz::props::biblatex_entries(&out),
        Ok(heads.len()),
        "{out}"
    );
}

#[test]
fn a_url_cannot_open_another_biblatex_entry() {
    let dir = sheet_dir(
        r#"
[sources.gulf-observer-2026-02-14]
title = "T"
url = "http://x}, title = {PWNED}}, @misc{inj, note={x"
"#,
    );
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "--facts",
            "sheet.toml",
            "cite",
            "visitors-2024",
            "--format",
            "biblatex",
        ],
    );
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(pakaz::props::biblatex_entries(&out), Ok(1), "{out}");
    assert!(!out.contains("{PWNED}"), "{out}");
}

// ---------------------------------------------------------------- kinds, links, warnings

#[test]
fn an_empty_or_multibyte_kind_formats_without_a_crash() {
    for kind in ["", "é", "日本語", "ébauche"] {
        let dir = sheet_dir(&format!(
            "[sources.gulf-observer-2026-02-14]\ntitle = \"T\"\nkind = \"{kind}\"\n"
        ));
        for args in [
            &["--style", "apa"][..],
            &["--style", "chicago"],
            &["--style", "vancouver"],
            &["--format", "biblatex"],
            &["--format", "csl-json"],
        ] {
            let mut all = vec!["--facts", "sheet.toml", "cite", "visitors-2024"];
            all.extend(args);
            let (code, out, err) = run_in(dir.path(), &all);
            assert_eq!((code, err.as_str()), (0, ""), "{kind:?} {args:?}");
            assert!(out.contains('T'), "{kind:?} {args:?}: {out}");
        }
    }
}

#[test]
fn markdown_links_only_http_urls() {
    for (url, link) in [
        ("javascript:alert(1)", None),
        (
            "https://example.org/x) [y](javascript:z",
            Some("(https://example.org/x%29%20%5By%5D%28javascript:z)"),
        ),
    ] {
        let dir = sheet_dir(&format!(
            "[sources.gulf-observer-2026-02-14]\ntitle = \"T\"\npublisher = \"P\"\nurl = \"{url}\"\n"
        ));
        let (code, out, err) = run_in(
            dir.path(),
            &[
                "--facts",
                "sheet.toml",
                "cite",
                "visitors-2024",
                "--style",
                "markdown",
            ],
        );
        assert_eq!((code, err.as_str()), (0, ""));
        match link {
            None => assert!(
                out.contains("according to *P*") && !out.contains("]("),
                "{out}"
            ),
            Some(target) => assert!(out.contains(&format!("[*P*]{target}")), "{out}"),
        }
    }
}

#[test]
fn validate_warns_about_a_source_too_thin_to_reference() {
    let dir = sheet_dir(
        "[sources.notes]\ntitle = \"Field notes\"\nkind = \"interview\"\n\n\
         [sources.full]\ntitle = \"F\"\nkind = \"report\"\npublisher = \"P\"\ndate = \"2025\"\n",
    );
    let (code, out, err) = run_in(dir.path(), &["validate", "sheet.toml"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "sheet.toml: ok (0 facts, 2 sources, 0 sectors)\n");
    assert_eq!(
        err,
        "sheet.toml:1:1: warning: source 'notes' has no date, no publisher, no people, no url: \
         a full reference to a source of kind interview needs them\n"
    );
    // The bundled source has all it needs.
    let (code, _, err) = run(&["validate"]);
    assert_eq!((code, err.as_str()), (0, ""));
}

#[test]
fn an_access_date_is_one_day() {
    let dir = sheet_dir("[sources.s]\ntitle = \"T\"\naccessed = \"2026-02\"\n");
    let (code, _, err) = run_in(dir.path(), &["validate", "sheet.toml"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("sheet.toml:3:12: error: an access date is one day"),
        "{err}"
    );
}
