//! Users' own sheets, end to end: loading and merge order (flags, `PAKAZ_FACTS`, the config
//! directory), `validate` and its rules, `sources`, `schema`, and hostile or broken files.

// The crate's lints (Cargo.toml) are for the program; this target may unwrap and print.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)]

mod memory;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use memory::peak_memory;
use predicates::prelude::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sheets");

/// pakaz with a scrubbed environment (no HOME, no XDG_CONFIG_HOME: no real config leaks in),
/// run from the fixtures directory so sheet names in output are short and stable.
fn pakaz() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("pakaz"));
    cmd.env_clear()
        .env("COLUMNS", "100")
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .current_dir(FIXTURES);
    cmd
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    took: Duration,
}

fn run(cmd: &mut Command) -> Run {
    let start = Instant::now();
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
        took: start.elapsed(),
    }
}

fn stdout_of(cmd: &mut Command) -> String {
    let r = run(cmd);
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    r.stdout
}

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

// ---------------------------------------------------------------- loading and merging

#[test]
fn facts_flag_adds_facts_and_replaces_by_id() {
    let get = |args: &[&str]| stdout_of(pakaz().args(["--facts", "good.toml"]).args(args));
    assert_eq!(get(&["get", "tourism.visitors-2024"]), "81000\n");
    assert_eq!(
        get(&["get", "visitors-2024", "--field", "qualifier"]),
        "about\n"
    );
    assert_eq!(
        get(&["get", "visitors-2024", "--field", "origin"]),
        "good.toml\n"
    );
    assert_eq!(
        get(&["get", "culture.film-week-2025", "--field", "source"]),
        "Pakistan Bureau of Statistics, “Pakistan Tourism Statistics 2025”, December 2025\n"
    );
    // Bundled facts are still there, and the replaced one is there once.
    assert_eq!(
        get(&["get", "energy.socar", "--field", "origin"]),
        "bundled\n"
    );
    let json: serde_json::Value =
        serde_json::from_str(&get(&["list", "--format", "json"])).unwrap();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids.iter()
            .filter(|i| **i == "tourism.visitors-2024")
            .count(),
        1
    );
    assert!(ids.contains(&"culture.film-week-2025"));
    // A new sector is usable as a filter.
    assert!(get(&["list", "--sector", "culture"]).contains("culture.film-week-2025"));
}

#[test]
fn show_says_which_sheet_a_fact_came_from() {
    let card = stdout_of(pakaz().args(["--facts", "good.toml", "show", "tourism.visitors-2024"]));
    assert!(card.contains("  Sheet   good.toml\n"), "{card}");
    assert!(card.contains("≈ 81,000 people"), "{card}");
    let json = stdout_of(pakaz().args([
        "--facts",
        "good.toml",
        "show",
        "tourism.visitors-2024",
        "--format",
        "json",
    ]));
    assert!(json.contains("\"origin\": \"good.toml\""), "{json}");
}

#[test]
fn later_sheets_win_whatever_the_order() {
    let value = |sheets: &[&str]| {
        let mut cmd = pakaz();
        for s in sheets {
            cmd.args(["--facts", s]);
        }
        stdout_of(cmd.args(["get", "tourism.visitors-2024"]))
    };
    assert_eq!(value(&[]), "80924\n");
    assert_eq!(value(&["good.toml"]), "81000\n");
    assert_eq!(value(&["good.toml", "override.toml"]), "81250\n");
    // override.toml cites good.toml's source, so it cannot come first.
    let r = run(pakaz().args(["--facts", "override.toml", "--facts", "good.toml", "list"]));
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr
            .contains("override.toml:8:18: error: source 'pbs-2025' is not defined"),
        "{}",
        r.stderr
    );
}

#[test]
fn global_flags_go_before_or_after_the_command() {
    assert_eq!(
        stdout_of(pakaz().args(["get", "visitors-2024", "--facts", "good.toml"])),
        "81000\n"
    );
}

#[test]
fn the_environment_variable_adds_sheets_before_the_flags() {
    let both = std::env::join_paths([fixture("good.toml"), fixture("override.toml")]).unwrap();
    assert_eq!(
        stdout_of(
            pakaz()
                .env("PAKAZ_FACTS", &both)
                .args(["get", "visitors-2024"])
        ),
        "81250\n"
    );
    // Empty entries are skipped.
    let sparse = std::env::join_paths([Path::new(""), &fixture("good.toml")]).unwrap();
    assert_eq!(
        stdout_of(
            pakaz()
                .env("PAKAZ_FACTS", &sparse)
                .args(["get", "visitors-2024"])
        ),
        "81000\n"
    );
    // A flag comes after the variable, so it wins.
    let tmp = tempfile::tempdir().unwrap();
    let later = tmp.path().join("later.toml");
    fs::write(
        &later,
        "[[facts]]\nid = \"tourism.visitors-2024\"\nlabel = \"L\"\nvalue = 1\nunit = \"people\"\nsource = { key = \"gulf-observer-2026-02-14\" }\n",
    )
    .unwrap();
    assert_eq!(
        stdout_of(
            pakaz()
                .env("PAKAZ_FACTS", fixture("good.toml"))
                .arg("--facts")
                .arg(&later)
                .args(["get", "visitors-2024"])
        ),
        "1\n"
    );
    // A missing file named by the variable is an error, not a silent skip.
    let r = run(pakaz().env("PAKAZ_FACTS", "no-such.toml").arg("list"));
    assert_eq!(r.code, Some(2));
    assert_eq!(r.stderr, "pakaz: no-such.toml: error: no such file\n");
}

/// A `facts.d` directory under a temporary config home.
fn config_home(files: &[(&str, &str)]) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("pakaz").join("facts.d");
    fs::create_dir_all(&dir).unwrap();
    for (name, text) in files {
        fs::write(dir.join(name), text).unwrap();
    }
    home
}

#[test]
fn the_config_directory_is_read_in_name_order() {
    let good = fs::read_to_string(fixture("good.toml")).unwrap();
    let over = fs::read_to_string(fixture("override.toml")).unwrap();
    // "20-..." sorts after "10-...", so the override comes second and wins; a hidden file
    // and a file of another kind are passed over.
    let home = config_home(&[
        ("20-override.toml", &over),
        ("10-good.toml", &good),
        (".#editor-backup.toml", "not toml at all"),
        ("README.txt", "not a sheet"),
    ]);
    let out = stdout_of(pakaz().env("XDG_CONFIG_HOME", home.path()).args([
        "get",
        "visitors-2024",
        "--field",
        "origin",
    ]));
    assert!(out.trim_end().ends_with("20-override.toml"), "{out}");
    let sources = stdout_of(
        pakaz()
            .env("XDG_CONFIG_HOME", home.path())
            .args(["sources", "--format", "json"]),
    );
    let json: serde_json::Value = serde_json::from_str(&sources).unwrap();
    let names: Vec<&str> = json["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 3);
    assert_eq!(names[0], "bundled");
    assert!(names[1].ends_with("10-good.toml") && names[2].ends_with("20-override.toml"));
}

#[test]
fn the_config_directory_comes_before_the_variable_and_the_flags() {
    let good = fs::read_to_string(fixture("good.toml")).unwrap();
    let home = config_home(&[("good.toml", &good)]);
    // override.toml needs good.toml's source: it loads only because the directory came first.
    assert_eq!(
        stdout_of(
            pakaz()
                .env("XDG_CONFIG_HOME", home.path())
                .env("PAKAZ_FACTS", fixture("override.toml"))
                .args(["get", "visitors-2024"])
        ),
        "81250\n"
    );
}

#[cfg(unix)]
#[test]
fn without_xdg_config_home_the_directory_is_under_home() {
    let good = fs::read_to_string(fixture("good.toml")).unwrap();
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join(".config/pakaz/facts.d");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("mine.toml"), good).unwrap();
    assert_eq!(
        stdout_of(
            pakaz()
                .env("HOME", home.path())
                .args(["get", "visitors-2024"])
        ),
        "81000\n"
    );
    // XDG_CONFIG_HOME, when set, is used instead of HOME.
    let other = tempfile::tempdir().unwrap();
    assert_eq!(
        stdout_of(
            pakaz()
                .env("HOME", home.path())
                .env("XDG_CONFIG_HOME", other.path())
                .args(["get", "visitors-2024"])
        ),
        "80924\n"
    );
}

#[test]
fn a_broken_sheet_in_the_config_directory_names_its_path() {
    let home = config_home(&[("bad.toml", "[[facts]]\nid = 1\n")]);
    let r = run(pakaz().env("XDG_CONFIG_HOME", home.path()).arg("list"));
    assert_eq!(r.code, Some(2));
    let path = home.path().join("pakaz/facts.d/bad.toml");
    assert!(
        r.stderr.starts_with(&format!("pakaz: {}:", path.display())),
        "{}",
        r.stderr
    );
}

#[test]
fn a_config_directory_that_is_a_file_is_an_error() {
    let home = tempfile::tempdir().unwrap();
    fs::create_dir_all(home.path().join("pakaz")).unwrap();
    fs::write(home.path().join("pakaz/facts.d"), "").unwrap();
    let r = run(pakaz().env("XDG_CONFIG_HOME", home.path()).arg("list"));
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("is not a directory"), "{}", r.stderr);
}

#[test]
fn no_bundled_needs_a_self_contained_sheet() {
    let r = run(pakaz().args(["--no-bundled", "--facts", "good.toml", "list"]));
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr
            .contains("good.toml:15:6: error: unknown sector 'tourism'"),
        "{}",
        r.stderr
    );
    let tmp = tempfile::tempdir().unwrap();
    let alone = tmp.path().join("alone.toml");
    fs::write(
        &alone,
        "[sources.s]\ntitle = \"T\"\n[sectors.culture]\ndescription = \"D\"\n[[facts]]\nid = \"culture.x\"\nlabel = \"L\"\nvalue = \"v\"\nsource = { key = \"s\" }\n",
    )
    .unwrap();
    let out = stdout_of(
        pakaz()
            .args(["--no-bundled", "--facts"])
            .arg(&alone)
            .args(["list", "--format", "csv"]),
    );
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.contains("culture.x"));
    // With nothing at all to load, say so.
    pakaz()
        .args(["--no-bundled", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--no-bundled leaves no sheet to load",
        ));
}

// ---------------------------------------------------------------- sources

#[test]
fn sources_lists_sheets_and_sources_with_counts() {
    let out = stdout_of(pakaz().args([
        "--facts",
        "good.toml",
        "--facts",
        "override.toml",
        "sources",
    ]));
    insta::assert_snapshot!(out);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(pakaz().args([
        "--facts",
        "good.toml",
        "--facts",
        "override.toml",
        "sources",
        "--format",
        "json",
    ])))
    .unwrap();
    let sheets = json["sheets"].as_array().unwrap();
    assert_eq!(sheets.len(), 3);
    assert_eq!(sheets[1]["name"], "good.toml");
    assert_eq!(sheets[1]["facts"], 2);
    assert_eq!(sheets[1]["replaced"], 1);
    assert_eq!(sheets[2]["name"], "override.toml");
    assert_eq!(sheets[2]["replaced"], 1);
    let pbs = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "pbs-2025")
        .unwrap();
    assert_eq!(pbs["sheet"], "good.toml");
    assert_eq!(pbs["facts"], 2);
}

// ---------------------------------------------------------------- validate

#[test]
fn validate_with_no_file_checks_the_bundled_sheet() {
    let r = run(pakaz().arg("validate"));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.starts_with("bundled: ok ("), "{}", r.stdout);
    assert_eq!(r.stderr, "");
    // ... and whatever else would be loaded.
    let r = run(pakaz().args(["--facts", "good.toml", "validate"]));
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("good.toml: ok (2 facts, 1 source, 1 sector)")
    );
}

#[test]
fn validate_checks_files_on_top_of_the_bundled_sheet_and_each_other() {
    let r = run(pakaz().args(["validate", "good.toml", "override.toml"]));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "good.toml: ok (2 facts, 1 source, 1 sector)\noverride.toml: ok (1 fact, 0 sources, 0 sectors)\n"
    );
    // Alone, override.toml cites a source nobody defined.
    pakaz()
        .args(["validate", "override.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("source 'pbs-2025' is not defined"));
}

#[test]
fn validate_reports_every_problem_with_its_line() {
    let r = run(pakaz().args(["validate", "every-problem.toml"]));
    assert_eq!(r.code, Some(2));
    assert_eq!(r.stdout, "");
    insta::assert_snapshot!(r.stderr);
}

/// Each rule on its own, in a sheet that is otherwise fine: the one problem, at its place.
#[test]
fn each_rule_is_reported_at_its_place() {
    let head = "[sources.s]\ntitle = \"T\"\n\n[[facts]]\n";
    let fact = |lines: &[&str]| format!("{head}{}\n", lines.join("\n"));
    let base = [
        "id = \"trade.x\"",
        "label = \"L\"",
        "value = \"v\"",
        "source = { key = \"s\" }",
    ];
    let with = |i: usize, line: &str| {
        let mut lines = base.to_vec();
        lines[i] = line;
        fact(&lines)
    };
    let plus = |line: &str| {
        let mut lines = base.to_vec();
        lines.insert(3, line);
        fact(&lines)
    };
    let cases: Vec<(String, &str, &str)> = vec![
        (
            plus("lable = \"x\""),
            "8:1",
            "unknown field 'lable' in [[facts]] (did you mean 'label'?)",
        ),
        (
            plus("colour = \"x\""),
            "8:1",
            "unknown field 'colour' in [[facts]]; the fields are id, label, value",
        ),
        (
            with(0, "id = \"farm.x\""),
            "5:6",
            "unknown sector 'farm' in id 'farm.x'",
        ),
        (
            with(0, "id = \"Trade X\""),
            "5:6",
            "id 'Trade X' must be 'sector.slug'",
        ),
        (
            plus("qualifier = \"approx\""),
            "8:13",
            "unknown qualifier 'approx'; expected one of exact, about",
        ),
        (
            with(3, "source = { key = \"t\" }"),
            "8:18",
            "source 't' is not defined (did you mean 's'?)",
        ),
        (
            plus("period = \"2024-7\""),
            "8:10",
            "malformed period: '2024-7' has month '7'",
        ),
        (
            plus("period = \"2025/2024\""),
            "8:10",
            "malformed period: '2025/2024' ends before it starts",
        ),
        (with(2, "value = 12"), "7:9", "a quantity needs a unit"),
        (
            with(2, "value = { min = 1, max = 2 }"),
            "7:9",
            "a quantity needs a unit",
        ),
        (
            with(2, "value = -inf\nunit = \"t\""),
            "7:9",
            "value must be a finite number, not -inf",
        ),
        (
            with(2, "value = { min = 1, max = nan }\nunit = \"t\""),
            "7:9",
            "range max must be a finite number",
        ),
        (with(1, "label = \"\""), "6:9", "label is empty"),
        (with(1, "label = \"   \""), "6:9", "label is empty"),
        (plus("unit = \"t\""), "8:8", "a text value takes no unit"),
        (
            with(1, "label = [\"L\"]"),
            "6:9",
            "invalid type: sequence, expected a string",
        ),
        (
            with(3, "source = \"s\""),
            "8:10",
            "invalid type: string \"s\", expected a table { key = \"...\", section = \"...\" }",
        ),
        (fact(&base[..3]), "4:1", "missing field 'source'"),
        (
            plus("tags = [\"ok\", \"\"]"),
            "8:15",
            "tags and aliases may not be empty",
        ),
        (
            plus("note = \"bell \\u0007\""),
            "8:8",
            "'note' contains the control character U+0007",
        ),
        (
            with(1, "label = \"a\\u202Eb\""),
            "6:9",
            "'label' contains the control character U+202E",
        ),
        (
            format!(
                "{head}{}\n[[facts]]\n{}\n",
                base.join("\n"),
                base.join("\n")
            ),
            "10:6",
            "duplicate id 'trade.x'",
        ),
        (
            format!("{head}{}\n[fact]\n", base.join("\n")),
            "9:2",
            "unknown key 'fact' at the top of the sheet (did you mean 'facts'?)",
        ),
        (
            format!("{head}{}\nid = \"again\"\n", base.join("\n")),
            "9:1",
            "duplicate key",
        ),
    ];
    let tmp = tempfile::tempdir().unwrap();
    for (i, (text, place, message)) in cases.iter().enumerate() {
        let path = tmp.path().join(format!("case{i}.toml"));
        fs::write(&path, text).unwrap();
        let r = run(pakaz().arg("validate").arg(&path));
        assert_eq!(r.code, Some(2), "{text}\n{}", r.stderr);
        let headline = format!("{}:{place}: error: ", path.display());
        let errors = r.stderr.matches(": error: ").count();
        assert_eq!(errors, 1, "one problem expected in\n{text}\n{}", r.stderr);
        assert!(
            r.stderr.starts_with(&headline) && r.stderr.contains(message),
            "expected '{headline}{message}' for\n{text}\ngot:\n{}",
            r.stderr
        );
        // The offending line is shown, with a marker under it.
        assert!(
            r.stderr.contains(" | ") && r.stderr.contains('^'),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn a_newline_in_a_note_is_fine() {
    // good.toml's second fact has a multi-line note.
    pakaz().args(["validate", "good.toml"]).assert().success();
}

#[test]
fn other_commands_stop_at_the_first_problem() {
    for command in [
        &["list"][..],
        &["get", "energy.socar"],
        &["sectors"],
        &["sources"],
    ] {
        let r = run(pakaz()
            .args(["--facts", "every-problem.toml"])
            .args(command));
        assert_eq!(r.code, Some(2), "{command:?}");
        assert_eq!(r.stdout, "", "{command:?}");
        assert!(
            r.stderr.starts_with(
                "pakaz: every-problem.toml:3:1: error: unknown field 'titel' in [sheet] (did you mean 'title'?)\n"
            ),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains(" 3 | titel = \"Broken\"\n"),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.ends_with(
                "(15 more problems in this sheet; `pakaz validate every-problem.toml` lists them all)\n"
            ),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn validate_and_schema_work_while_a_configured_sheet_is_broken() {
    let home = config_home(&[("bad.toml", "[[facts]]\nid = 1\n")]);
    pakaz()
        .env("XDG_CONFIG_HOME", home.path())
        .arg("schema")
        .assert()
        .success();
    pakaz()
        .env("XDG_CONFIG_HOME", home.path())
        .args(["validate", "good.toml"])
        .assert()
        .success();
    // With no file, validate checks what would be loaded, the broken sheet included.
    let r = run(pakaz().env("XDG_CONFIG_HOME", home.path()).arg("validate"));
    assert_eq!(r.code, Some(2));
    assert!(r.stdout.starts_with("bundled: ok"));
    assert!(
        r.stderr
            .contains("bad.toml:2:6: error: invalid type: integer '1', expected a string"),
        "{}",
        r.stderr
    );
}

// ---------------------------------------------------------------- hostile and broken input

/// Every broken input: exit 2, one clear message naming the file, quickly, and no escape
/// character on either stream.
fn assert_rejected(file: &Path, expected: &str) {
    for args in [vec!["validate"], vec!["list"]] {
        let mut cmd = pakaz();
        if args[0] == "validate" {
            cmd.arg("validate").arg(file);
        } else {
            cmd.arg("--facts").arg(file).arg("list");
        }
        let r = run(&mut cmd);
        assert_eq!(r.code, Some(2), "{}: {}", file.display(), r.stderr);
        let name = file.display().to_string();
        assert!(
            r.stderr.starts_with(&name) || r.stderr.starts_with(&format!("pakaz: {name}")),
            "{args:?} should name {name}:\n{}",
            r.stderr
        );
        assert!(
            r.stderr.contains(expected),
            "{args:?} expected '{expected}':\n{}",
            r.stderr
        );
        assert_eq!(r.stderr.matches(": error: ").count(), 1, "{}", r.stderr);
        assert!(!r.stderr.contains('\u{1b}') && !r.stdout.contains('\u{1b}'));
        assert!(!r.stderr.contains('\u{7}') && !r.stderr.contains('\u{9b}'));
        // A guard against a hang, not a measurement (the machine may be busy).
        assert!(r.took < Duration::from_secs(30), "{name} took {:?}", r.took);
    }
}

#[test]
fn a_missing_file() {
    assert_rejected(Path::new("no-such-sheet.toml"), "error: no such file");
}

#[test]
fn a_directory() {
    let tmp = tempfile::tempdir().unwrap();
    assert_rejected(tmp.path(), "error: is a directory, not a sheet file");
}

#[cfg(unix)]
#[test]
fn a_fifo_does_not_block() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("sheet.toml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is not available; skipping");
        return;
    }
    assert_rejected(&fifo, "is not a regular file (a FIFO, socket or device)");
}

#[cfg(unix)]
#[test]
fn a_device_is_not_read() {
    // /dev/zero never ends: reading it would hang or exhaust memory.
    assert_rejected(Path::new("/dev/zero"), "is not a regular file");
    assert_rejected(Path::new("/dev/null"), "is not a regular file");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("secret.toml");
    fs::copy(fixture("good.toml"), &path).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        // Running as root: permissions do not stop reading, so there is nothing to test.
        eprintln!("this user can read a mode-000 file (root?); skipping");
        return;
    }
    assert_rejected(&path, "error: permission denied");
}

#[test]
fn a_file_that_is_not_utf8() {
    assert_rejected(
        &fixture("not-utf8.toml"),
        "not-utf8.toml:2:13: error: not UTF-8 text: byte 0xE9",
    );
}

#[test]
fn an_empty_file_and_one_with_only_comments() {
    assert_rejected(
        &fixture("empty.toml"),
        "empty.toml: error: the sheet is empty",
    );
    assert_rejected(
        &fixture("comments-only.toml"),
        "comments-only.toml: error: the sheet is empty",
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    let tmp = tempfile::tempdir().unwrap();
    for (ext, kind, limit) in [("toml", "TOML", 24), ("json", "JSON", 64)] {
        let path = tmp.path().join(format!("huge.{ext}"));
        // A sparse file: its size says one MiB over the limit without writing them.
        fs::File::create(&path)
            .unwrap()
            .set_len((limit + 1) * 1024 * 1024)
            .unwrap();
        assert_rejected(
            &path,
            &format!(
                "error: is too large ({}.0 MiB); a {kind} sheet may be at most {limit} MiB",
                limit + 1
            ),
        );
        // Exactly at the limit is read (and then judged: a run of NUL bytes is no sheet).
        let at_limit = tmp.path().join(format!("limit.{ext}"));
        fs::File::create(&at_limit)
            .unwrap()
            .set_len(limit * 1024 * 1024)
            .unwrap();
        let r = run(pakaz().arg("validate").arg(&at_limit));
        assert_eq!(r.code, Some(2));
        assert!(!r.stderr.contains("too large"), "{}", r.stderr);
    }
}

#[test]
fn nesting_too_deep() {
    assert_rejected(
        &fixture("deep.toml"),
        "deep.toml:2:89: error: nested too deep",
    );
}

#[test]
fn a_syntax_error() {
    assert_rejected(
        &fixture("syntax.toml"),
        "syntax.toml:2:22: error: invalid basic string",
    );
}

#[test]
fn escape_sequences_never_reach_the_terminal() {
    // Written as TOML escapes: legal TOML, refused by the sheet rules.
    let r = run(pakaz().args(["validate", "escapes.toml"]));
    assert_eq!(r.code, Some(2));
    assert_eq!(r.stderr.matches(": error: ").count(), 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("escapes.toml:3:9: error: 'title' contains the control character U+001B")
    );
    assert!(
        r.stderr
            .contains("escapes.toml:7:9: error: 'label' contains the control character U+202E")
    );
    assert!(!r.stderr.contains('\u{1b}') && !r.stderr.contains('\u{202e}'));
    // A raw escape byte: a TOML syntax error, shown with the byte escaped.
    assert_rejected(
        &fixture("raw-escape.toml"),
        "raw-escape.toml:2:21: error: invalid basic string",
    );
    let r = run(pakaz().args(["validate", "raw-escape.toml"]));
    assert!(r.stderr.contains("raw escape \\u{1B}[31m"), "{}", r.stderr);
    // A file name with an escape in it is shown escaped too.
    let tmp = tempfile::tempdir().unwrap();
    let odd = tmp.path().join("a\u{1b}[2Jb.toml");
    fs::write(&odd, "").unwrap();
    let r = run(pakaz().arg("validate").arg(&odd));
    assert_eq!(r.code, Some(2));
    assert!(
        !r.stderr.contains('\u{1b}') && r.stderr.contains("a\\u{1B}[2Jb.toml"),
        "{}",
        r.stderr
    );
}

#[test]
fn long_lines_are_cut_in_snippets() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("long.toml");
    fs::write(
        &path,
        format!("[sheet]\ntitle = \"{}\"\nbogus = 1\n", "x".repeat(5000)),
    )
    .unwrap();
    let r = run(pakaz().arg("validate").arg(&path));
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.lines().all(|l| l.chars().count() < 200),
        "{}",
        r.stderr
    );
    let long = tmp.path().join("long2.toml");
    fs::write(
        &long,
        format!("[sheet]\ntitle = \"{}\" x\n", "y".repeat(5000)),
    )
    .unwrap();
    let r = run(pakaz().arg("validate").arg(&long));
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.lines().all(|l| l.chars().count() < 200),
        "{}",
        r.stderr
    );
}

// ---------------------------------------------------------------- schema

fn schema() -> serde_json::Value {
    serde_json::from_str(&stdout_of(pakaz().arg("schema"))).expect("schema is JSON")
}

/// A TOML sheet as JSON, the way an editor's schema check sees it.
fn as_json(toml_text: &str) -> serde_json::Value {
    let value: toml::Value = toml::from_str(toml_text).unwrap();
    serde_json::to_value(value).unwrap()
}

#[test]
fn the_schema_is_a_valid_json_schema() {
    let schema = schema();
    jsonschema::meta::validate(&schema).expect("a valid draft 2020-12 schema");
}

#[test]
fn the_bundled_and_good_sheets_satisfy_the_schema() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let bundled = as_json(pakaz::sheet::BUNDLED_TEXT);
    let errors: Vec<String> = validator
        .iter_errors(&bundled)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    for name in ["good.toml", "override.toml"] {
        let sheet = as_json(&fs::read_to_string(fixture(name)).unwrap());
        assert!(validator.is_valid(&sheet), "{name}");
    }
}

#[test]
fn the_schema_rejects_what_validate_rejects() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let head =
        "[sources.s]\ntitle = \"T\"\n[[facts]]\nsource = { key = \"s\" }\nid = \"trade.x\"\n";
    for body in [
        "label = \"L\"\nvalue = \"v\"\nlable = \"x\"",
        "label = \"L\"\nvalue = 5",
        "label = \"L\"\nvalue = \"v\"\nunit = \"t\"",
        "label = \"\"\nvalue = \"v\"",
        "label = \"L\"\nvalue = \"v\"\nqualifier = \"abot\"",
        "label = \"L\"\nvalue = \"v\"\nperiod = \"2024-7\"",
        "label = \"L\"\nvalue = { min = 1 }\nunit = \"t\"",
        "label = \"L\"\nvalue = \"v\"\nmeasure = \"Trade.turnover\"",
        "label = \"L\"\nvalue = \"v\"\nmeasure = \"trade..turnover\"",
        "value = \"v\"",
    ] {
        let sheet = as_json(&format!("{head}{body}\n"));
        assert!(!validator.is_valid(&sheet), "schema accepted:\n{body}");
    }
    let ok = as_json(&format!(
        "{head}label = \"L\"\nvalue = {{ min = 1, max = 2 }}\nunit = \"t\"\n"
    ));
    assert!(validator.is_valid(&ok));
}

#[test]
fn a_flood_of_problems_is_cut_short() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("flood.toml");
    fs::write(&path, "[[facts]]\nzzz = 1\n".repeat(50_000)).unwrap();
    let r = run(pakaz().arg("validate").arg(&path));
    assert_eq!(r.code, Some(2));
    assert_eq!(
        r.stderr.matches(": error: ").count(),
        1001,
        "{}",
        &r.stderr[..500]
    );
    assert!(
        r.stderr
            .contains("error: too many problems: stopped checking after 1000"),
        "{}",
        &r.stderr[r.stderr.len() - 300..]
    );
    // The first problems are the first in the file.
    assert!(
        r.stderr
            .starts_with(&format!("{}:2:1: error: unknown field", path.display()))
    );
    // A guard against a hang, not a measurement (the machine may be busy).
    assert!(r.took < Duration::from_secs(30), "took {:?}", r.took);
}

/// The complete example in docs/sheet-format.md is a valid sheet, by pakaz and by the schema.
#[test]
fn the_documented_example_is_valid() {
    let doc =
        fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/sheet-format.md")).unwrap();
    let start = doc.find("```toml\n").expect("a TOML example") + "```toml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let example = &doc[start..end];
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("example.toml");
    fs::write(&path, example).unwrap();
    let r = run(pakaz().arg("validate").arg(&path));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.contains("ok (3 facts, 1 source, 1 sector)"),
        "{}",
        r.stdout
    );
    let validator = jsonschema::validator_for(&schema()).unwrap();
    assert!(validator.is_valid(&as_json(example)));
}

// ---------------------------------------------------------------- JSON sheets

#[test]
fn the_documented_json_example_is_valid() {
    let doc =
        fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/sheet-format.md")).unwrap();
    let start = doc.find("```json\n").expect("a JSON example") + "```json\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let example = &doc[start..end];
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("example.json");
    fs::write(&path, example).unwrap();
    let r = run(pakaz().arg("validate").arg(&path));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.contains("ok (1 fact, 1 source, 0 sectors)"),
        "{}",
        r.stdout
    );
    let validator = jsonschema::validator_for(&schema()).unwrap();
    assert!(validator.is_valid(&serde_json::from_str(example).unwrap()));
}

#[test]
fn a_json_sheet_reads_as_the_same_sheet_in_toml() {
    let tmp = tempfile::tempdir().unwrap();
    let json = tmp.path().join("bundled.json");
    fs::write(&json, as_json(pakaz::sheet::BUNDLED_TEXT).to_string()).unwrap();
    let from_toml = stdout_of(pakaz().args(["list", "--format", "csv"]));
    let from_json = stdout_of(
        pakaz()
            .arg("--no-bundled")
            .arg("--facts")
            .arg(&json)
            .args(["list", "--format", "csv"]),
    );
    // The JSON written here lists sectors by name, so the order of rows may differ.
    let sorted = |text: &str| {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines.sort();
        lines
    };
    assert!(from_toml.lines().count() > 10);
    assert_eq!(sorted(&from_json), sorted(&from_toml));
}

#[test]
fn a_json_sheet_in_the_config_directory_is_loaded() {
    let sheet = r#"{"facts": [{"id": "trade.json-figure", "label": "From JSON", "value": 7,
        "unit": "t", "source": {"key": "gulf-observer-2026-02-14"}}]}"#;
    let home = config_home(&[("extra.json", sheet), ("notes.txt", "not a sheet")]);
    let out = stdout_of(
        pakaz()
            .env("XDG_CONFIG_HOME", home.path())
            .args(["get", "trade.json-figure"]),
    );
    assert_eq!(out, "7\n");
}

#[test]
fn json_problems_have_a_line_and_column_or_name_the_fact() {
    let tmp = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = tmp.path().join(name);
        fs::write(&path, text).unwrap();
        path
    };
    let syntax = write("syntax.json", "{\"facts\": [\n  {\"id\": \"a.b\",}\n]}\n");
    assert_rejected(&syntax, "syntax.json:2:16: error: trailing comma");
    let unknown = write("unknown.json", r#"{"facts": [{"id": "a.b", "colour": 2}]}"#);
    assert_rejected(&unknown, "unknown.json:1:33: error: unknown field `colour`");
    let rule = write(
        "rule.json",
        r#"{"facts": [{"id": "trade.x", "label": " ", "value": "v", "source": {"key": "gulf-observer-2026-02-14"}}]}"#,
    );
    assert_rejected(&rule, "rule.json: error: fact 'trade.x': label is empty");
    let control = write(
        "control.json",
        r#"{"facts": [{"id": "trade.x", "label": "a\u001b[31mb", "value": "v", "source": {"key": "gulf-observer-2026-02-14"}}]}"#,
    );
    assert_rejected(
        &control,
        "control.json: error: fact 'trade.x': label holds a terminal control character",
    );
}

// ---------------------------------------------------------------- scale

/// A JSON sheet of `facts` facts with ids from `first`, citing its own source `src-{tag}`.
fn json_sheet(tag: usize, first: usize, facts: usize) -> String {
    let facts: Vec<String> = (first..first + facts)
        .map(|i| {
            format!(
                r#"{{"id": "trade.f-{i}", "label": "Figure {i}", "value": {i}, "unit": "t", "source": {{"key": "src-{tag}"}}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"sources": {{"src-{tag}": {{"title": "Source {tag}"}}}}, "facts": [{}]}}"#,
        facts.join(",\n")
    )
}

#[test]
fn many_sheets_load_in_time_linear_in_their_facts() {
    // 2,000 sheets of 20 facts against the same 40,000 facts in one sheet, in the same run.
    // Loading used to rebuild an index of every fact loaded so far for each sheet.
    let (sheets, per) = (2000, 20);
    let many = config_home(&[]);
    let dir = many.path().join("pakaz").join("facts.d");
    for s in 0..sheets {
        fs::write(
            dir.join(format!("s{s:04}.json")),
            json_sheet(s, s * per, per),
        )
        .unwrap();
    }
    let one = tempfile::tempdir().unwrap();
    let mut text = json_sheet(0, 0, sheets * per);
    // The one sheet cites one source; define the others so both load the same sources.
    let more: Vec<String> = (1..sheets)
        .map(|s| format!(r#""src-{s}": {{"title": "Source {s}"}}"#))
        .collect();
    text = text.replacen(
        r#""src-0": {"title": "Source 0"}"#,
        &format!(r#""src-0": {{"title": "Source 0"}}, {}"#, more.join(", ")),
        1,
    );
    let one_path = one.path().join("all.json");
    fs::write(&one_path, text).unwrap();
    let last = format!("trade.f-{}", sheets * per - 1);
    let r_one = run(pakaz().arg("--facts").arg(&one_path).args(["get", &last]));
    let r_many = run(pakaz()
        .env("XDG_CONFIG_HOME", many.path())
        .args(["get", &last]));
    assert_eq!(
        (r_one.code, r_many.code),
        (Some(0), Some(0)),
        "{}{}",
        r_one.stderr,
        r_many.stderr
    );
    assert_eq!(r_one.stdout, r_many.stdout);
    let ratio = r_many.took.as_secs_f64() / r_one.took.as_secs_f64();
    assert!(
        ratio < 2.5,
        "{sheets} sheets took {:?}, one sheet of the same facts {:?}",
        r_many.took,
        r_one.took
    );
}

#[test]
fn memory_stays_within_25_bytes_per_byte_of_sheet() {
    let tmp = tempfile::tempdir().unwrap();
    let (floor, code) = peak_memory(&["--version".as_ref()]);
    assert_eq!(code, Some(0));
    let n = 2 * 1024 * 1024;
    // A JSON sheet whose one fact has millions of tags: every one is read before checking.
    let tags = format!(
        r#"{{"facts": [{{"id": "a.b", "label": "x", "value": 1, "tags": [{}"a"]}}]}}"#,
        r#""a","#.repeat(n)
    );
    // A TOML array of ones past the TOML limit: the toml crate would hold it as a tree.
    let ones = format!("x = [{}1]\n", "1,".repeat(25 * 1024 * 1024 / 2));
    for (name, text) in [("tags.json", tags), ("ones.toml", ones)] {
        let path = tmp.path().join(name);
        fs::write(&path, &text).unwrap();
        let (peak, code) = peak_memory(&[
            "--no-bundled".as_ref(),
            "--facts".as_ref(),
            path.as_os_str(),
            "list".as_ref(),
        ]);
        assert_eq!(code, Some(2), "{name}");
        let per_byte = (peak.saturating_sub(floor)) as f64 / text.len() as f64;
        assert!(
            per_byte <= 25.0,
            "{name}: {per_byte:.1} bytes per byte ({peak} bytes at peak for {} bytes)",
            text.len()
        );
    }
}
