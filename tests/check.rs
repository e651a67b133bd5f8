//! `pakaz check` and `pakaz cite`, end to end, on the drafts in `tests/fixtures/drafts`.

// The crate's lints (Cargo.toml) are for the program; this target may unwrap and print.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)]

use std::path::PathBuf;
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use pakaz::check::{Checker, Status};
use pakaz::model::Value;
use predicates::prelude::*;
use proptest::prelude::*;

/// pakaz with a scrubbed environment: no colour variables, a fixed width.
fn pakaz() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("pakaz"));
    cmd.env_clear()
        .env("COLUMNS", "100")
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .current_dir(drafts());
    cmd
}

fn drafts() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drafts")
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = pakaz().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(args: &[&str]) -> Vec<serde_json::Value> {
    let (_, out, err) = run(args);
    assert!(err.is_empty(), "{err}");
    serde_json::from_str::<serde_json::Value>(&out)
        .expect("valid JSON")
        .as_array()
        .unwrap()
        .clone()
}

// ---------------------------------------------------------------- check: exit codes

#[test]
fn a_correct_draft_prints_nothing_and_exits_0() {
    let (code, out, err) = run(&["check", "correct.md", "rounded.md", "unrelated.md"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out, "");
    assert_eq!(err, "");
}

#[test]
fn an_altered_draft_lists_every_error_and_exits_1() {
    let (code, out, err) = run(&["check", "altered.md"]);
    assert_eq!(code, 1);
    assert_eq!(err, "");
    assert!(
        out.lines()
            .all(|l| l.starts_with("altered.md:") && l.contains(": error: "))
    );
    assert_eq!(out.lines().count(), 12, "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn qualifiers_warn_and_fail_only_when_asked() {
    let (code, out, _) = run(&["check", "hedges.md"]);
    assert_eq!(code, 0);
    assert_eq!(out.matches(": warning: ").count(), 5, "{out}");
    assert!(out.contains(
        "hedges.md:3:25: warning: exactly 40 JF-17 is hedged differently from the sheet: up to 40 aircraft (2025) [defence.jf17-block3-aircraft]"
    ), "{out}");
    let (code, _, _) = run(&["check", "--fail-on", "mismatch,qualifier", "hedges.md"]);
    assert_eq!(code, 1);
    let (code, _, _) = run(&["check", "--fail-on", "qualifier", "altered.md"]);
    assert_eq!(
        code, 0,
        "mismatches do not fail when only qualifiers are asked for"
    );
}

#[test]
fn unreadable_input_and_bad_usage_exit_2() {
    let (code, out, err) = run(&["check", "correct.md", "no-such-draft.md"]);
    assert_eq!(code, 2);
    assert_eq!(out, "", "nothing is printed when an input cannot be read");
    assert!(
        err.starts_with("pakaz: cannot read 'no-such-draft.md': "),
        "{err}"
    );
    let (code, _, err) = run(&["check", "."]);
    assert_eq!(code, 2, "a directory is not a draft");
    assert!(err.starts_with("pakaz: cannot read '.'"), "{err}");
    let (code, _, _) = run(&["check"]);
    assert_eq!(code, 2);
    let (code, _, _) = run(&["check", "--fail-on", "typo", "correct.md"]);
    assert_eq!(code, 2);
}

// ---------------------------------------------------------------- check: statuses and JSON

#[test]
fn json_reports_every_status_with_the_contract_fields() {
    let findings = json(&[
        "check",
        "--verbose",
        "--all",
        "--format",
        "json",
        "hedges.md",
        "altered.md",
        "unrelated.md",
        "correct.md",
    ]);
    let mut statuses: Vec<&str> = findings
        .iter()
        .map(|f| f["status"].as_str().unwrap())
        .collect();
    statuses.sort();
    statuses.dedup();
    assert_eq!(statuses, ["mismatch", "ok", "qualifier", "unknown"]);
    for f in &findings {
        for key in [
            "file", "line", "column", "found", "status", "fact", "expected", "message", "citation",
        ] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
        let attributed = f["status"] != "unknown";
        assert_eq!(f["fact"].is_string(), attributed, "{f}");
        assert_eq!(f["expected"].is_string(), attributed, "{f}");
    }
    let visitors = findings
        .iter()
        .find(|f| f["file"] == "altered.md" && f["fact"] == "tourism.visitors-2024")
        .unwrap();
    assert_eq!(visitors["found"], "85,000 Pakistani");
    assert_eq!(visitors["status"], "mismatch");
    assert_eq!(visitors["expected"], "80,924 people");
    assert_eq!(
        (visitors["line"].as_u64(), visitors["column"].as_u64()),
        (Some(6), Some(25))
    );
    let page = findings
        .iter()
        .find(|f| f["file"] == "unrelated.md" && f["found"] == "1,200 respondents")
        .expect("an unrelated figure is listed with --all");
    assert_eq!(page["status"], "unknown");
    assert!(page["fact"].is_null());
}

#[test]
fn default_output_shows_problems_only_and_verbose_adds_agreement() {
    let (_, quiet, _) = run(&["check", "mixed.md"]);
    assert!(!quiet.contains(": note: "));
    assert_eq!(quiet.lines().count(), 4, "{quiet}");
    let (_, verbose, _) = run(&["check", "--verbose", "mixed.md"]);
    assert!(verbose.contains(
        "mixed.md:4:48: note: 80,924 agrees with the sheet: 80,924 people [tourism.visitors-2024]"
    ), "{verbose}");
    assert!(
        !verbose.contains("no fact in the sheet"),
        "unknown figures need --all"
    );
}

#[test]
fn json_with_no_findings_is_an_empty_array() {
    let findings = json(&["check", "--format", "json", "correct.md"]);
    assert!(findings.is_empty());
}

// ---------------------------------------------------------------- check: input handling

#[test]
fn stdin_is_read_for_a_dash() {
    let out = pakaz()
        .args(["check", "-"])
        .write_stdin("In 2024, 95,000 Pakistani tourists visited Azerbaijan.\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "<stdin>:1:10: error: 95,000 Pakistani (2024) differs from the sheet: 80,924 people [tourism.visitors-2024]\n"
    );
}

#[test]
fn markdown_code_urls_and_link_targets_are_skipped() {
    let draft = "Inline `85,000 visitors in 2024` code.\n\n```\n85,000 visitors in 2024\n```\n\n    \
                 85,000 visitors in 2024\n\nSee https://example.org/85000/visitors/2024 and \
                 [the data](https://example.org/visitors-2024?n=85000) or [ref][2024].\n\n\
                 [2024]: https://example.org/85,000\n<!-- 85,000 visitors in 2024 -->\n";
    let out = pakaz()
        .args(["check", "--all", "--verbose", "-"])
        .write_stdin(draft)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "");
}

#[test]
fn columns_count_characters_in_crlf_and_utf8_text() {
    let (code, out, _) = run(&["check", "crlf-utf8.txt"]);
    assert_eq!(code, 1);
    // `Çox sağ olun: ` counts as 14 characters, not 17 bytes (69 would be the byte column).
    assert_eq!(
        out,
        "crlf-utf8.txt:2:65: error: about $23 million (January–September 2025) differs from the sheet: about US$20.7 million [trade.turnover-2025-jan-sep]\n"
    );
}

#[test]
fn fix_hints_give_the_citation_to_use() {
    let (_, out, _) = run(&["check", "--fix-hints", "crlf-utf8.txt"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(
        lines[1],
        "crlf-utf8.txt:2:65: help: cite the sheet: trade turnover between Azerbaijan and Pakistan \
         (January–September 2025): about US$20.7 million, according to Tamilla Mammadova, \
         interviewed in The Gulf Observer, 14 February 2026"
    );
}

#[test]
fn control_characters_in_a_draft_are_escaped() {
    let out = pakaz()
        .args(["check", "-"])
        .write_stdin("In 2024, 95,000\u{1b}[31m Pakistani tourists visited Azerbaijan.\n")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "{text}");
}

// ---------------------------------------------------------------- cite

#[test]
fn cite_prints_a_sentence_ready_figure() {
    let (code, out, err) = run(&["cite", "tourism.visitors-2025-jan-jul"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out,
        "about 46,000 Pakistani tourists who visited Azerbaijan (January–July 2025), according to \
         Tamilla Mammadova, interviewed in The Gulf Observer, 14 February 2026\n"
    );
}

#[test]
fn cite_styles() {
    let (_, md, _) = run(&["cite", "visitors-2024", "--style", "markdown"]);
    assert!(
        md.starts_with("80,924 Pakistani citizens who visited Azerbaijan (2024), according to")
    );
    assert!(md.contains("*The Gulf Observer*"));
    let (_, apa, _) = run(&["cite", "visitors-2024", "--style", "apa"]);
    assert!(apa.starts_with("Mammadova, T. (2026, February 14). Brotherhood Beyond Borders"));
    let (_, chicago, _) = run(&["cite", "visitors-2024", "--style", "chicago"]);
    assert!(chicago.ends_with("Interview. The Gulf Observer, February 14, 2026.\n"));
    let (_, bib, _) = run(&["cite", "jf17-block3-aircraft", "--style", "bibtex"]);
    insta::assert_snapshot!(bib);
}

#[test]
fn cite_an_unknown_id_exits_1_with_suggestions() {
    let (code, out, err) = run(&["cite", "tourism.visitor-2024"]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert!(err.contains("did you mean tourism.visitors-2024?"), "{err}");
    let (code, _, _) = run(&["cite", "tourism.visitors-2024", "--style", "mla"]);
    assert_eq!(code, 2);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let bin = assert_cmd::cargo::cargo_bin!("pakaz");
    for args in [
        vec!["check", "--all", "--verbose", "altered.md", "unrelated.md"],
        vec!["check", "--format", "json", "--verbose", "correct.md"],
        vec!["cite", "tourism.visitors-2024", "--style", "bibtex"],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = StdCommand::new(bin)
            .args(&args)
            .current_dir(drafts())
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_ne!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn help_documents_check_and_cite() {
    pakaz()
        .args(["check", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--fail-on").and(predicate::str::contains("Examples:")));
    pakaz()
        .args(["cite", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("bibtex"));
}

// ---------------------------------------------------------------- property

/// One sentence per fact, its figure written the way `list` shows it.
fn sentence(fact: &pakaz::model::Fact) -> Option<String> {
    let period = fact
        .period
        .map(|p| format!(" in {}", p.human()))
        .unwrap_or_default();
    match &fact.value {
        Value::Text(_) => {
            let p = fact.period?;
            Some(format!("{} happened in {}", fact.label, p.human()))
        }
        _ => Some(format!(
            "{}{period}: {}",
            fact.label,
            pakaz::figure::figure(fact)
        )),
    }
}

/// A draft of one sentence per fact in `order`, with `changed` (a fact index and a factor)
/// scaling one figure, joined by `separators` and hard-wrapped at `wrap` as editors do.
fn draft(
    order: &[usize],
    separators: &[&str],
    wrap: usize,
    changed: Option<(usize, f64)>,
) -> String {
    let sheet = pakaz::sheet::bundled().unwrap();
    let mut draft = String::new();
    for (i, &f) in order.iter().enumerate() {
        let mut fact = sheet.facts[f].clone();
        if let Some((which, k)) = changed.filter(|(which, _)| *which == f) {
            fact.value = match fact.value {
                Value::Number(n) => Value::Number(n * k),
                Value::Range { min, max } => Value::Range {
                    min: min * k,
                    max: max * k,
                },
                Value::Text(_) => unreachable!("fact {which} is not a quantity"),
            };
        }
        if let Some(s) = sentence(&fact) {
            draft.push_str(&s);
            draft.push_str(separators[i % separators.len()]);
        }
    }
    let mut wrapped = String::new();
    for line in draft.lines() {
        let mut width = 0;
        for (k, word) in line.split(' ').enumerate() {
            if k > 0 {
                if width + word.chars().count() > wrap && !line.starts_with('#') {
                    wrapped.push_str("\n  ");
                    width = 2;
                } else {
                    wrapped.push(' ');
                    width += 1;
                }
            }
            wrapped.push_str(word);
            width += word.chars().count();
        }
        wrapped.push('\n');
    }
    wrapped
}

/// Any order of the sheet's facts.
fn any_order() -> impl Strategy<Value = Vec<usize>> {
    Just(()).prop_perturb(|_, mut rng| {
        let n = pakaz::sheet::bundled().unwrap().facts.len();
        let mut v: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            v.swap(i, rng.random_range(0..=i));
        }
        v
    })
}

fn any_separators() -> impl Strategy<Value = Vec<&'static str>> {
    proptest::collection::vec(
        prop_oneof![
            Just(". "),
            Just(".\n"),
            Just(".\n\n"),
            Just("\n- "),
            Just(".\n\n## Note\n\n")
        ],
        64,
    )
}

/// The index of a fact whose value is a quantity.
fn any_quantity() -> impl Strategy<Value = usize> {
    let sheet = pakaz::sheet::bundled().unwrap();
    let quantities: Vec<usize> = (0..sheet.facts.len())
        .filter(|&i| sheet.facts[i].value.is_quantity())
        .collect();
    proptest::sample::select(quantities)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A draft made only of the sheet's own figures, in any order, with any layout, never has a
    /// mismatch.
    #[test]
    fn the_sheets_own_figures_never_mismatch(
        order in any_order(),
        separators in any_separators(),
        wrap in 20usize..90,
    ) {
        let sheet = pakaz::sheet::bundled().unwrap();
        let wrapped = draft(&order, &separators, wrap, None);
        let findings = Checker::new(&sheet).check(&wrapped);
        let bad: Vec<String> = findings
            .iter()
            .filter(|f| f.status == Status::Mismatch)
            .map(|f| format!("{}:{} {}", f.line, f.column, f.message))
            .collect();
        prop_assert!(bad.is_empty(), "{bad:?}\n{wrapped}");
    }

    /// The same draft with one figure scaled up or down by 1.5 to 3 times (far beyond any
    /// rounding or hedge, and within the range the checker still attributes), each sentence
    /// its own paragraph: exactly one problem, that figure, as a mismatch of that fact.
    #[test]
    fn one_changed_figure_is_the_one_mismatch(
        order in any_order(),
        wrap in 20usize..90,
        changed in any_quantity(),
        factor in 1.5f64..=3.0,
        down in any::<bool>(),
    ) {
        let k = if down { 1.0 / factor } else { factor };
        let problems = problems(&draft(&order, &[".\n\n"], wrap, Some((changed, k))));
        let id = &pakaz::sheet::bundled().unwrap().facts[changed].id;
        prop_assert!(
            problems.len() == 1 && problems[0].starts_with(&format!("Mismatch [{id}]")),
            "{id} x{k}: {problems:?}"
        );
    }

    /// The same in any layout: running text where several facts' sentences share a paragraph,
    /// lists, headings, hard-wrapped lines. The changed figure's own sentence names its fact,
    /// so it is the one mismatch, whatever its neighbours are about.
    #[test]
    fn one_changed_figure_is_the_one_mismatch_in_any_layout(
        order in any_order(),
        separators in any_separators(),
        wrap in 20usize..90,
        changed in any_quantity(),
        factor in 1.5f64..=3.0,
        down in any::<bool>(),
    ) {
        let k = if down { 1.0 / factor } else { factor };
        let text = draft(&order, &separators, wrap, Some((changed, k)));
        let problems = problems(&text);
        let id = &pakaz::sheet::bundled().unwrap().facts[changed].id;
        prop_assert!(
            problems.len() == 1 && problems[0].starts_with(&format!("Mismatch [{id}]")),
            "{id} x{k}: {problems:?}\n{text}"
        );
    }
}

/// The problems `check` finds in a draft, as `STATUS [FACT] LINE:COL MESSAGE`.
fn problems(draft: &str) -> Vec<String> {
    let sheet = pakaz::sheet::bundled().unwrap();
    Checker::new(&sheet)
        .check(draft)
        .iter()
        .filter(|f| matches!(f.status, Status::Mismatch | Status::Qualifier))
        .map(|f| {
            let fact = f.fact.as_deref().unwrap_or("-");
            format!(
                "{:?} [{fact}] {}:{} {}",
                f.status, f.line, f.column, f.message
            )
        })
        .collect()
}
