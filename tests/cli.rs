//! The binary, end to end, as the README uses it.

// The crate's lints (Cargo.toml) are for the program; this target may unwrap and print.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)]

use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use pakaz::model::{Fact, Sheet, Value};
use predicates::prelude::*;

/// The bundled sheet, read through the library, so expectations follow the data.
fn sheet() -> Sheet {
    pakaz::sheet::bundled().expect("bundled sheet loads")
}

fn fact(id: &str) -> Fact {
    sheet()
        .facts
        .into_iter()
        .find(|f| f.id == id)
        .expect("fact exists")
}

/// pakaz with a scrubbed environment: no colour variables, a fixed width.
fn pakaz() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("pakaz"));
    cmd.env_clear()
        .env("COLUMNS", "100")
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd
}

fn stdout_of(args: &[&str]) -> String {
    let out = pakaz().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "{args:?} wrote to stderr");
    String::from_utf8(out.stdout).unwrap()
}

fn json_of(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout_of(args)).expect("valid JSON")
}

fn ids_in(json: &serde_json::Value) -> Vec<String> {
    json.as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect()
}

// ---------------------------------------------------------------- overview and sectors

#[test]
fn no_arguments_prints_an_overview_with_counts_and_examples() {
    let s = sheet();
    let out = stdout_of(&[]);
    assert!(out.contains(&format!(
        "{} facts in {} sectors",
        s.facts.len(),
        s.sectors.len()
    )));
    assert!(out.contains("The Gulf Observer, 14 February 2026"));
    for sector in &s.sectors {
        assert!(out.contains(&sector.name), "{} missing", sector.name);
    }
    assert!(out.contains("pakaz get tourism.visitors-2024"));
}

#[test]
fn sectors_table_snapshot() {
    insta::assert_snapshot!(stdout_of(&["sectors"]));
}

#[test]
fn sectors_json_counts_add_up() {
    let json = json_of(&["sectors", "--format", "json"]);
    let total: u64 = json
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["facts"].as_u64().unwrap())
        .sum();
    assert_eq!(total as usize, sheet().facts.len());
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .all(|s| !s["description"].as_str().unwrap().is_empty())
    );
}

// ---------------------------------------------------------------- list

#[test]
fn list_table_snapshot_at_fixed_width() {
    let out = stdout_of(&["list", "--sector", "tourism", "--sector", "trade"]);
    assert!(out.lines().all(|l| l.chars().count() <= 100));
    insta::assert_snapshot!(out);
}

#[test]
fn list_shows_figures_as_people_write_them() {
    let out = stdout_of(&["list"]);
    for figure in [
        "80,924 people",
        "≈ 47 %",
        "over 3.3 million t",
        "8–10 days",
        "up to 40 aircraft",
        "≈ US$20.7 million",
    ] {
        assert!(out.contains(figure), "{figure} missing from list");
    }
}

#[test]
fn list_json_has_every_fact_with_the_contract_fields() {
    let json = json_of(&["list", "--format", "json"]);
    let facts = json.as_array().unwrap();
    assert_eq!(facts.len(), sheet().facts.len());
    for f in facts {
        for key in [
            "id",
            "sector",
            "label",
            "value",
            "unit",
            "qualifier",
            "period",
            "measure",
            "figure",
            "tags",
            "aliases",
            "note",
            "source",
            "origin",
        ] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
        for key in ["key", "title", "publisher", "date", "section"] {
            assert!(
                f["source"].get(key).is_some(),
                "source.{key} missing in {f}"
            );
        }
    }
    let visitors = facts
        .iter()
        .find(|f| f["id"] == "tourism.visitors-2024")
        .unwrap();
    assert_eq!(visitors["value"], 80924);
    assert_eq!(visitors["unit"], "people");
    assert_eq!(visitors["qualifier"], "exact");
    assert_eq!(visitors["period"], "2024");
    assert_eq!(visitors["source"]["date"], "2026-02-14");
}

#[test]
fn list_filters_by_sector_tag_year_and_text() {
    let s = sheet();
    let tourism = ids_in(&json_of(&[
        "list", "--sector", "tourism", "--format", "json",
    ]));
    let expected: Vec<String> = s
        .facts
        .iter()
        .filter(|f| f.sector() == "tourism")
        .map(|f| f.id.clone())
        .collect();
    assert_eq!(tourism, expected);

    let tagged = ids_in(&json_of(&["list", "--tag", "exercise", "--format", "json"]));
    assert!(!tagged.is_empty());
    assert!(tagged.iter().all(|id| {
        s.facts
            .iter()
            .any(|f| &f.id == id && f.tags.contains(&"exercise".to_string()))
    }));

    let in_2024 = ids_in(&json_of(&["list", "--year", "2024", "--format", "json"]));
    assert!(in_2024.contains(&"tourism.visitors-2024".to_string()));
    assert!(!in_2024.contains(&"trade.turnover-2025-jan-sep".to_string()));

    let window = ids_in(&json_of(&[
        "list", "--since", "1990", "--until", "1999", "--format", "json",
    ]));
    assert_eq!(
        window,
        vec![
            "diplomacy.relations-established",
            "diplomacy.leaders-visits-25-years",
            "diplomacy.recognition",
            "diplomacy.relations-established-date",
            "diplomacy.pakistan-embassy-baku",
            "diplomacy.azerbaijan-embassy-islamabad",
            "diplomacy.recognition-azernews",
            "diplomacy.second-to-recognise"
        ]
    );

    let grep = ids_in(&json_of(&["list", "--grep", "SOCAR", "--format", "json"]));
    assert_eq!(
        grep,
        vec![
            "energy.socar",
            "energy.lng-framework-agreement",
            "energy.lng-cargoes-per-month",
            "energy.lng-cargo-size",
            "energy.lng-port-charges-cap",
            "energy.lng-first-cargo",
            "energy.mtt-wop-memorandum"
        ]
    );
}

#[test]
fn list_sorts() {
    let by_id = ids_in(&json_of(&["list", "--sort", "id", "--format", "json"]));
    let mut sorted = by_id.clone();
    sorted.sort();
    assert_eq!(by_id, sorted);

    let by_period = json_of(&["list", "--sort", "period", "--format", "json"]);
    let periods: Vec<String> = by_period
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["period"].as_str().map(str::to_string))
        .collect();
    assert_eq!(periods.first().map(String::as_str), Some("1991-12-12"));
    let first_undated = by_period
        .as_array()
        .unwrap()
        .iter()
        .position(|f| f["period"].is_null())
        .unwrap();
    assert!(
        by_period.as_array().unwrap()[first_undated..]
            .iter()
            .all(|f| f["period"].is_null())
    );

    // --sort value: see sort_by_value_compares_like_with_like.
}

#[test]
fn list_csv_parses_back_to_the_sheet() {
    let out = stdout_of(&["list", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let s = sheet();
    assert_eq!(rows.len(), s.facts.len());
    for (row, fact) in rows.iter().zip(&s.facts) {
        assert_eq!(&row[0], fact.id);
        assert_eq!(&row[2], fact.label);
        assert_eq!(&row[3], fact.value.raw());
        assert_eq!(&row[5], fact.qualifier.name());
    }
}

#[test]
fn list_tsv_and_markdown() {
    let tsv = stdout_of(&["list", "--format", "tsv"]);
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines.len(), sheet().facts.len() + 1);
    assert!(lines.iter().all(|l| l.split('\t').count() == 13));

    let md = stdout_of(&["list", "--sector", "tourism", "--format", "markdown"]);
    assert!(md.starts_with("| ID | Figure |"));
    assert!(md.contains("| `tourism.visitors-2024` | 80,924 people | 2024 |"));
}

#[test]
fn list_with_no_match_exits_1_and_says_so() {
    pakaz()
        .args(["list", "--grep", "no such text anywhere"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("no fact matches"));
    // Scripts still get valid, empty JSON.
    pakaz()
        .args(["list", "--year", "1800", "--format", "json"])
        .assert()
        .code(1)
        .stdout("[]\n");
}

#[test]
fn bad_filters_are_usage_errors() {
    pakaz()
        .args(["list", "--sector", "tourisim"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown sector 'tourisim' (did you mean 'tourism'?)",
        ));
    pakaz()
        .args(["list", "--since", "2026", "--until", "2020"])
        .assert()
        .code(2);
    pakaz()
        .args(["list", "--year", "2024", "--since", "2020"])
        .assert()
        .code(2);
    pakaz().args(["list", "--format", "yaml"]).assert().code(2);
    pakaz().args(["frobnicate"]).assert().code(2);
}

// ---------------------------------------------------------------- get

#[test]
fn get_prints_the_bare_value() {
    for id in [
        "tourism.visitors-2024",
        "trade.turnover-2025-jan-sep",
        "trade.turnover-growth-2025-jan-sep",
        "transport.china-baku-days",
        "energy.socar",
    ] {
        let expected = match fact(id).value {
            Value::Number(n) => n.to_string(),
            Value::Range { min, max } => format!("{min}-{max}"),
            Value::Text(t) => t,
        };
        pakaz()
            .args(["get", id])
            .assert()
            .success()
            .stdout(format!("{expected}\n"))
            .stderr("");
    }
    // The values the README promises scripts.
    assert_eq!(stdout_of(&["get", "tourism.visitors-2024"]), "80924\n");
    assert_eq!(
        stdout_of(&["get", "trade.turnover-2025-jan-sep"]),
        "20700000\n"
    );
    assert_eq!(
        stdout_of(&["get", "trade.turnover-growth-2025-jan-sep"]),
        "38.7\n"
    );
    assert_eq!(stdout_of(&["get", "transport.china-baku-days"]), "8-10\n");
}

#[test]
fn get_fields_and_short_ids() {
    assert_eq!(stdout_of(&["get", "visitors-2024"]), "80924\n");
    assert_eq!(
        stdout_of(&["get", "visitors-2025-jan-jul", "--field", "qualifier"]),
        "about\n"
    );
    assert_eq!(
        stdout_of(&["get", "trade.turnover-2025-jan-sep", "--field", "period"]),
        "2025-01/2025-09\n"
    );
    assert_eq!(
        stdout_of(&["get", "trade.turnover-2025-jan-sep", "--field", "unit"]),
        "USD\n"
    );
    assert_eq!(
        stdout_of(&["get", "trade.turnover-2025-jan-sep", "--field", "figure"]),
        "≈ US$20.7 million\n"
    );
    assert_eq!(
        stdout_of(&["get", "jf17-block3-aircraft", "--field", "sector"]),
        "defence\n"
    );
    let src = stdout_of(&["get", "tourism.visitors-2024", "--field", "source"]);
    assert!(
        src.starts_with("The Gulf Observer, “Brotherhood Beyond Borders"),
        "{src}"
    );
    assert!(src.trim_end().ends_with("14 February 2026"));
    assert_eq!(
        stdout_of(&["get", "tourism.visitors-2024", "--field", "section"]),
        format!(
            "{}\n",
            fact("tourism.visitors-2024").source.section.unwrap()
        )
    );
}

#[test]
fn get_a_missing_field_exits_1() {
    pakaz()
        .args(["get", "energy.socar", "--field", "unit"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("pakaz: fact 'energy.socar' has no unit\n");
}

#[test]
fn get_prints_the_fields_before_one_that_is_missing_then_exits_1() {
    pakaz()
        .args([
            "get",
            "tourism.visitors-2024",
            "energy.socar",
            "--field",
            "unit",
        ])
        .assert()
        .code(1)
        .stdout("people\n")
        .stderr("pakaz: fact 'energy.socar' has no unit\n");
    // An unknown id among them: nothing is printed, whatever comes before it.
    pakaz()
        .args(["get", "tourism.visitors-2024", "no.such-fact"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with("pakaz: no fact 'no.such-fact'"));
}

#[test]
fn unknown_id_suggests_the_closest() {
    pakaz()
        .args(["get", "tourism.visitor-2024"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "pakaz: no fact 'tourism.visitor-2024'; did you mean tourism.visitors-2024",
        ));
    pakaz()
        .args(["show", "qqqqqqqqqqqqqqqqqqqqqq"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no fact 'qqqqqqqqqqqqqqqqqqqqqq'"));
}

#[test]
fn ids_in_messages_are_escaped() {
    let out = pakaz().args(["get", "x\u{1b}[2Jy"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains('\u{1b}'));
    assert!(stderr.contains("x\\u{1B}[2Jy"));
}

// ---------------------------------------------------------------- show

#[test]
fn show_prints_a_card_with_its_source() {
    let out = stdout_of(&["show", "tourism.visitors-2024"]);
    insta::assert_snapshot!(out);
}

#[test]
fn show_json_is_a_one_element_array() {
    let json = json_of(&["show", "defence.jf17-block3-aircraft", "--format", "json"]);
    assert_eq!(ids_in(&json), vec!["defence.jf17-block3-aircraft"]);
    assert_eq!(json[0]["qualifier"], "up-to");
    assert_eq!(json[0]["figure"], "up to 40 aircraft");
}

// ---------------------------------------------------------------- search

#[test]
fn search_tolerates_case_punctuation_and_typos() {
    let first = |q: &str| ids_in(&json_of(&["search", q, "--format", "json"]))[0].clone();
    assert_eq!(first("jf17"), "defence.jf17-block3-aircraft");
    assert_eq!(first("AZERTAC"), "media.azertac");
    assert!(first("tourisim").starts_with("tourism."));
    let multi = ids_in(&json_of(&[
        "search", "trade", "turnover", "--format", "json",
    ]));
    assert_eq!(multi[0], "trade.turnover-2025-jan-sep");
}

#[test]
fn search_json_carries_descending_scores() {
    let json = json_of(&["search", "visitors", "--format", "json"]);
    let scores: Vec<f64> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["score"].as_f64().unwrap())
        .collect();
    assert!(scores.len() >= 3);
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn search_with_no_match_exits_1() {
    pakaz()
        .args(["search", "zzqqxx"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("nothing matches 'zzqqxx'"));
}

// ---------------------------------------------------------------- timeline

#[test]
fn timeline_lists_dated_facts_in_order() {
    let json = json_of(&["timeline", "--format", "json"]);
    let facts = json.as_array().unwrap();
    let dated = sheet().facts.iter().filter(|f| f.period.is_some()).count();
    assert_eq!(facts.len(), dated);
    let periods: Vec<pakaz::period::Period> = facts
        .iter()
        .map(|f| pakaz::period::Period::parse(f["period"].as_str().unwrap()).unwrap())
        .collect();
    assert!(periods.windows(2).all(|w| w[0] <= w[1]));
    insta::assert_snapshot!(stdout_of(&[
        "timeline", "--sector", "media", "--sector", "trade"
    ]));
}

// ---------------------------------------------------------------- colour and pipes

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let piped = stdout_of(&["list"]);
    assert!(!piped.contains('\u{1b}'));
    let forced = stdout_of(&["list", "--color", "always"]);
    assert!(forced.contains('\u{1b}'));
    let never = stdout_of(&["show", "energy.socar", "--color", "never"]);
    assert!(!never.contains('\u{1b}'));
    let out = pakaz()
        .args(["list", "--color", "auto"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!out.stdout.contains(&0x1b));
}

/// `pakaz ... | head -1`: the reader is gone before pakaz writes. It must end quietly, with 0.
#[test]
fn a_closed_pipe_ends_quietly() {
    let bin = assert_cmd::cargo::cargo_bin!("pakaz");
    for args in [
        vec!["list"],
        vec!["list", "--format", "json"],
        vec!["list", "--format", "csv"],
        vec!["list", "--format", "tsv"],
        vec!["list", "--format", "markdown"],
        vec!["sectors"],
        vec!["sectors", "--format", "csv"],
        vec!["timeline"],
        vec!["search", "visitors"],
        vec!["show", "energy.socar"],
        vec!["get", "tourism.visitors-2024"],
        vec![],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = StdCommand::new(bin)
            .args(&args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn help_documents_exit_codes() {
    pakaz().arg("--help").assert().success().stdout(
        predicate::str::contains("Exit status:").and(predicate::str::contains("1  nothing found")),
    );
}

/// `list`, `timeline` and `search` take the same filters, with the same short forms, repeated
/// or comma-separated, in any case.
#[test]
fn the_three_listing_commands_share_their_filters() {
    let in_sectors = |json: &serde_json::Value, allowed: &[&str]| {
        json.as_array()
            .unwrap()
            .iter()
            .all(|f| allowed.contains(&f["sector"].as_str().unwrap()))
    };
    for command in [&["list"][..], &["timeline"], &["search", "turnover"]] {
        let with = |flags: &[&str]| -> serde_json::Value {
            let mut args = command.to_vec();
            args.extend_from_slice(flags);
            args.extend_from_slice(&["-f", "json"]);
            json_of(&args)
        };
        let comma = with(&["-s", "Trade,TOURISM"]);
        let repeated = with(&["--sector", "trade", "--sector", "tourism"]);
        assert_eq!(comma, repeated, "{command:?}");
        assert!(in_sectors(&comma, &["trade", "tourism"]), "{command:?}");
        assert!(!comma.as_array().unwrap().is_empty(), "{command:?}");
        let tagged = with(&["-t", "Official Data", "--since", "2024", "--until", "2025"]);
        for f in tagged.as_array().unwrap() {
            assert!(
                f["tags"]
                    .as_array()
                    .unwrap()
                    .contains(&"official data".into())
            );
        }
        let grep = with(&["--grep", "TURNOVER", "--year", "2025"]);
        assert!(!grep.as_array().unwrap().is_empty(), "{command:?}");
    }
    pakaz()
        .args(["search", "visitors", "--tag", "exercize"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown tag 'exercize' (did you mean 'exercise'?)",
        ));
    pakaz()
        .args(["timeline", "--sector", "turism"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean 'tourism'?"));
}

#[test]
fn search_reads_a_question() {
    let ids = |args: &[&str]| ids_in(&json_of(args));
    assert!(
        ids(&["search", "how", "many", "tourists", "-f", "json"])
            .contains(&"tourism.visitors-2025-jan-jul".to_string())
    );
    assert!(
        ids(&["search", "exports to azerbaijan", "-f", "json"])
            .contains(&"agriculture.pakistan-exports".to_string())
    );
    assert_eq!(
        ids(&["search", "trade", "in", "2025", "-f", "json"])[0],
        "trade.turnover-2025-jan-sep"
    );
    for year in ["2027", "1990"] {
        pakaz()
            .args(["search", year])
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains("nothing matches"));
    }
    let in_1992 = ids(&["search", "1992", "-f", "json"]);
    assert_eq!(in_1992[0], "diplomacy.relations-established");
    for empty in [&[""][..], &[" ", ""]] {
        pakaz()
            .arg("search")
            .args(empty)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("search needs a word"));
    }
}

#[test]
fn get_show_and_cite_take_several_ids() {
    assert_eq!(
        stdout_of(&[
            "get",
            "visitors-2024",
            "trade.turnover-2025-jan-sep",
            "jf17-block3-aircraft"
        ]),
        "80924\n20700000\n40\n"
    );
    let cards = stdout_of(&["show", "visitors-2024", "media.app", "-f", "text"]);
    assert!(cards.starts_with("tourism.visitors-2024\n"), "{cards}");
    assert!(cards.contains("\n\nmedia.app\n"), "{cards}");
    assert_eq!(
        ids_in(&json_of(&[
            "show",
            "visitors-2024",
            "media.app",
            "-f",
            "json"
        ])),
        ["tourism.visitors-2024", "media.app"]
    );
    let cites = stdout_of(&["cite", "visitors-2024", "media.app"]);
    assert_eq!(cites.lines().count(), 2, "{cites}");
    // One unknown id among them: nothing is printed, and the status says so.
    pakaz()
        .args(["get", "visitors-2024", "nope-nope"])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn id_suggestions_are_close_or_contain_what_was_typed() {
    pakaz()
        .args(["show", "xyz"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean").not());
    pakaz()
        .args(["cite", "jf17"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no fact 'jf17'; did you mean defence.jf17-block3-aircraft, defence.jf17-deal-value, \
             defence.jf17-deal-aircraft-2024?",
        ));
}

#[test]
fn sort_by_value_compares_like_with_like() {
    let sorted = json_of(&["list", "--sort", "value", "-f", "json"]);
    let facts = sorted.as_array().unwrap();
    let mut units_seen: Vec<String> = Vec::new();
    for pair in facts.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let unit = |f: &serde_json::Value| f["unit"].as_str().unwrap_or("").to_string();
        if unit(a) != unit(b) {
            units_seen.push(unit(a));
            assert!(!units_seen.contains(&unit(b)), "unit {} split", unit(b));
        } else if let (Some(x), Some(y)) = (a["value"].as_f64(), b["value"].as_f64()) {
            assert!(x <= y, "{} before {}", a["id"], b["id"]);
        }
    }
}

#[test]
fn text_facts_do_not_repeat_themselves_in_the_table() {
    let out = stdout_of(&["list", "--sector", "media"]);
    let row = out.lines().find(|l| l.contains("media.azertac")).unwrap();
    assert_eq!(row.matches("AZERTAC").count(), 1, "{row}");
}

/// A 400,000-character sector description and a 200,000-character label, each one unbroken
/// word: the overview, the tables and a card come back, cut on a narrow terminal and whole with
/// `--wide` (the unit test `render::tests::long_words_wrap_in_linear_time` holds the time
/// linear).
#[test]
fn very_long_words_are_cut_or_wrapped_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.toml");
    let description = "ж".repeat(400_000);
    let label = "ю".repeat(200_000);
    std::fs::write(
        &path,
        format!(
            "[sources.s]\ntitle = \"T\"\n\n[sectors.long]\ndescription = \"{description}\"\n\n\
             [[facts]]\nid = \"long.x\"\nlabel = \"{label}\"\nvalue = 1\nunit = \"t\"\n\
             source = {{ key = \"s\" }}\n"
        ),
    )
    .unwrap();
    let run = |columns: &str, args: &[&str]| -> String {
        let out = pakaz()
            .env("COLUMNS", columns)
            .arg("--facts")
            .arg(&path)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let overview = run("40", &[]);
    let row = overview.lines().find(|l| l.starts_with(" long ")).unwrap();
    assert!(row.ends_with('…') && row.chars().count() <= 40, "{row}");
    let wide = run("20", &["sectors", "--wide"]);
    assert_eq!(wide.matches('ж').count(), 400_000);
    let list = run("50", &["list", "--sector", "long"]);
    assert_eq!(list.lines().count(), 3, "{list}");
    assert!(list.contains('ю') && list.contains('…'), "{list}");
    assert_eq!(
        run("20", &["list", "-s", "long", "-w"])
            .matches('ю')
            .count(),
        200_000
    );
    assert_eq!(run("20", &["show", "long.x"]).matches('ю').count(), 200_000);
}

/// `get ID` and `list` are read without clap (src/quick.rs); a flag sends the same command
/// line through clap. Both must behave alike with the environment pakaz reads set too.
#[test]
fn the_quick_command_lines_do_what_clap_does_in_any_environment() {
    let tmp = tempfile::tempdir().unwrap();
    let extra = tmp.path().join("extra.json");
    std::fs::write(
        &extra,
        r#"{"facts": [{"id": "trade.extra", "label": "Extra", "value": 3, "unit": "t",
            "source": {"key": "gulf-observer-2026-02-14"}}]}"#,
    )
    .unwrap();
    let config = tmp.path().join("config");
    let envs: [&[(&str, &std::ffi::OsStr)]; 3] = [
        &[],
        &[
            ("PAKAZ_FACTS", extra.as_os_str()),
            ("NO_COLOR", "1".as_ref()),
            ("COLUMNS", "40".as_ref()),
        ],
        &[
            ("XDG_CONFIG_HOME", config.as_os_str()),
            ("TERM", "dumb".as_ref()),
            ("CLICOLOR_FORCE", "1".as_ref()),
        ],
    ];
    for env in envs {
        for (quick, clap) in [
            (&["list"][..], &["--color", "auto", "list"][..]),
            (
                &["get", "trade.extra"],
                &["--color", "auto", "get", "trade.extra"],
            ),
            (
                &["get", "tourism.visitors-2024"],
                &["get", "--", "tourism.visitors-2024"],
            ),
            (
                &["get", "no-such-fact"],
                &["--color", "auto", "get", "no-such-fact"],
            ),
        ] {
            let run = |args: &[&str]| {
                let mut cmd = pakaz();
                for (k, v) in env {
                    cmd.env(k, v);
                }
                cmd.args(args).output().unwrap()
            };
            let (q, c) = (run(quick), run(clap));
            assert_eq!(q.status.code(), c.status.code(), "{quick:?} in {env:?}");
            assert_eq!(q.stdout, c.stdout, "{quick:?} in {env:?}");
            assert_eq!(q.stderr, c.stderr, "{quick:?} in {env:?}");
        }
    }
}
