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

mod common;

use assert_cmd::Command;
use common::{assert_statuses, status_of};
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
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "found",
            "status",
            "fact",
            "expected",
            "message",
            "citation",
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
    assert_eq!(
        (
            visitors["end_line"].as_u64(),
            visitors["end_column"].as_u64()
        ),
        (Some(6), Some(40))
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

/// A `.txt` draft is paragraphs of text: an indented paragraph is prose there, while in
/// Markdown it is a code block and not read.
#[test]
fn plain_text_is_read_as_paragraphs_and_markdown_by_its_structure() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Visitors:\n\n    In 2024, 85,000 Pakistani citizens visited Azerbaijan.\n";
    for name in ["notes.txt", "notes.md"] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let out = pakaz()
        .current_dir(dir.path())
        .args(["check", "notes.txt", "notes.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.starts_with("notes.txt:3:14: error: 85,000 Pakistani (2024) differs"),
        "{out}"
    );
    assert!(!out.contains("notes.md"), "{out}");
}

#[test]
fn fix_hints_give_the_replacement_and_the_citation_to_use() {
    let (_, out, _) = run(&["check", "--fix-hints", "crlf-utf8.txt"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(
        lines[1],
        "crlf-utf8.txt:2:65: help: write about US$20.7 million; cite the sheet: trade turnover between Azerbaijan and Pakistan \
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
    assert!(apa.contains("\n\nMammadova, T. (2026, February 14). Brotherhood Beyond Borders"));
    let (_, chicago, _) = run(&["cite", "visitors-2024", "--style", "chicago"]);
    assert!(chicago.ends_with(
        "Interview. The Gulf Observer, February 14, 2026. https://thegulfobserver.com/brotherhood-\
         beyond-borders-azertacs-head-of-society-reflects-on-the-strengthening-pakistan-\
         azerbaijan-partnership.\n"
    ));
}

#[test]
fn cite_an_unknown_id_exits_1_with_suggestions() {
    let (code, out, err) = run(&["cite", "tourism.visitor-2024"]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert!(err.contains("did you mean tourism.visitors-2024,"), "{err}");
    let (code, _, err) = run(&["cite", "tourism.visitors-2024", "--style", "bibtex"]);
    assert_eq!(code, 2);
    assert!(err.contains("invalid value 'bibtex'"), "{err}");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let bin = assert_cmd::cargo::cargo_bin!("pakaz");
    for args in [
        vec!["check", "--all", "--verbose", "altered.md", "unrelated.md"],
        vec!["check", "--format", "json", "--verbose", "correct.md"],
        vec!["cite", "tourism.visitors-2024", "--format", "biblatex"],
        vec![
            "cite",
            "visitors-2024",
            "jf17-block3-aircraft",
            "--style",
            "ieee",
        ],
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
    pakaz().args(["cite", "--help"]).assert().success().stdout(
        predicate::str::contains("biblatex").and(predicate::str::contains("chicago-notes")),
    );
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
            problems.len() == 1 && blames(&problems[0], changed),
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
            problems.len() == 1 && blames(&problems[0], changed),
            "{id} x{k}: {problems:?}\n{text}"
        );
    }
}

/// The edges of the property above, for every fact with a quantity: exactly three times and
/// exactly a third of its figure (as floating point gives them) are still within reach, and are
/// the one mismatch.
#[test]
fn a_figure_three_times_off_or_a_third_is_the_one_mismatch() {
    let sheet = pakaz::sheet::bundled().unwrap();
    let order: Vec<usize> = (0..sheet.facts.len()).collect();
    let mut wrong = Vec::new();
    for changed in (0..sheet.facts.len()).filter(|&i| sheet.facts[i].value.is_quantity()) {
        for k in [3.0, 1.0 / 3.0] {
            let problems = problems(&draft(&order, &[".\n\n"], 80, Some((changed, k))));
            if !(problems.len() == 1 && blames(&problems[0], changed)) {
                wrong.push(format!("{} x{k}: {problems:?}", sheet.facts[changed].id));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Whether a problem is a mismatch of fact `changed` or of another source's figure for the same
/// measure and period: such alternatives are equally the sheet's word on that figure.
fn blames(problem: &str, changed: usize) -> bool {
    let sheet = pakaz::sheet::bundled().unwrap();
    let fact = &sheet.facts[changed];
    sheet.facts.iter().any(|f| {
        (f.id == fact.id
            || f.measure.is_some() && f.measure == fact.measure && f.period == fact.period)
            && problem.starts_with(&format!("Mismatch [{}]", f.id))
    })
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

/// The library entry point an editor uses: each finding's byte range slices the figure out of
/// the text as given (a byte-order mark, CRLF and multi-byte letters before it included), and
/// its end line and column point at the figure's last character.
#[test]
fn check_document_gives_byte_ranges_and_end_positions() {
    use pakaz::check::{Options, check_document};
    let sheet = pakaz::sheet::bundled().unwrap();
    let text = "\u{FEFF}# Çox sağ olun\r\n\r\nŞəki: 85,000 Pakistani citizens visited Azerbaijan in 2024.\r\n";
    let findings = check_document(&sheet, text, &Options::named("note.md"));
    let f = findings
        .iter()
        .find(|f| f.fact.as_deref() == Some("tourism.visitors-2024"))
        .expect("the visitors figure is found");
    assert_eq!(f.status, Status::Mismatch);
    assert_eq!(&text[f.start..f.end], "85,000 Pakistani");
    assert_eq!((f.line, f.column), (3, 7));
    assert_eq!((f.end_line, f.end_column), (3, 22));
    // The checker prepared once gives the same findings.
    let again = Checker::new(&sheet).check_document(text, &Options::named("note.md"));
    assert_eq!(again, findings);
}

/// Each class of slip that writers make, one sentence each: what the checker must say.
#[test]
fn the_slips_writers_make_are_caught() {
    use pakaz::check::Options;
    let none = Options::default();
    let cases: &[(&str, &str, Status)] = &[
        // 1. scale slips
        (
            "Trade turnover between Azerbaijan and Pakistan reached $207 million in January–September 2025.",
            "$207",
            Status::Mismatch,
        ),
        (
            "Trade turnover between Azerbaijan and Pakistan reached $2.07 million in January–September 2025.",
            "$2.07",
            Status::Mismatch,
        ),
        (
            "In 2024 the Middle Corridor carried 33 million tonnes of cargo.",
            "33",
            Status::Mismatch,
        ),
        (
            "Pakistan committed to deliver up to 4 JF-17 Block III fighter jets in 2025.",
            "up to 4",
            Status::Mismatch,
        ),
        (
            "Trade turnover between Azerbaijan and Pakistan rose 3.87% in January–September 2025.",
            "3.87",
            Status::Mismatch,
        ),
        // 2. hedges both ways and as symbols
        (
            "In 2024, nearly 90,000 Pakistani citizens visited Azerbaijan.",
            "nearly",
            Status::Mismatch,
        ),
        (
            "In 2024, more than 80,924 Pakistani citizens visited Azerbaijan.",
            "more than",
            Status::Qualifier,
        ),
        (
            "In 2024, over 80,924 Pakistani citizens visited Azerbaijan.",
            "over",
            Status::Qualifier,
        ),
        (
            "In 2024 the Middle Corridor carried >3.3 mn t of cargo.",
            ">3.3",
            Status::Ok,
        ),
        (
            "In 2024 the Middle Corridor carried 3.3m+ tonnes of cargo.",
            "3.3m+",
            Status::Ok,
        ),
        (
            "In 2024 the Middle Corridor carried <3.3 mn t of cargo.",
            "<3.3",
            Status::Qualifier,
        ),
        // 3. list items take their subject from the lead-in or parent item
        (
            "Pakistani visitors to Azerbaijan in 2024:\n\n- 85,000 people came\n",
            "85,000",
            Status::Mismatch,
        ),
        (
            "- Pakistani visitors to Azerbaijan in 2024:\n  - 85,000 people came\n",
            "85,000",
            Status::Mismatch,
        ),
        // 4. numbers in words
        (
            "In 2024, eighty-five thousand Pakistani citizens visited Azerbaijan.",
            "eighty-five",
            Status::Mismatch,
        ),
        (
            "Cargo from China to Baku over the Middle Corridor takes between eight and twelve days.",
            "between eight",
            Status::Mismatch,
        ),
        (
            "Pakistan committed to deliver up to fifty JF-17 Block III fighter jets in 2025.",
            "up to fifty",
            Status::Mismatch,
        ),
        // 5. units that do not fit
        (
            "Trade turnover between Azerbaijan and Pakistan rose 38.7 percentage points in January–September 2025.",
            "38.7",
            Status::Mismatch,
        ),
        (
            "Cargo from China to Baku over the Middle Corridor takes 8-10 weeks.",
            "8-10",
            Status::Mismatch,
        ),
        (
            "In 2024, container traffic through the Middle Corridor went up nearly 200%.",
            "nearly 200",
            Status::Mismatch,
        ),
        // 7. years that are not claims
        (
            "Trade turnover between Azerbaijan and Pakistan grew 38.7% (Mammadova 2019, p. 41) in January–September 2025.",
            "38.7",
            Status::Ok,
        ),
        (
            "Azerbaijan, which regained independence in 1991, received 80,924 Pakistani visitors in 2024.",
            "80,924",
            Status::Ok,
        ),
        (
            "ISLAMABAD, 14 February 2026 — In 2024, 80,924 Pakistani citizens visited Azerbaijan.",
            "80,924",
            Status::Ok,
        ),
        // 8. another subject
        (
            "Its trade with Turkey grew 15% in January–September 2025.",
            "15%",
            Status::Unknown,
        ),
        // 9. multiples as verbs and symbols
        (
            "Container traffic through the Middle Corridor almost doubled in 2024.",
            "almost",
            Status::Ok,
        ),
        (
            "Container traffic through the Middle Corridor nearly tripled in 2024.",
            "nearly",
            Status::Mismatch,
        ),
        (
            "In 2024 container traffic through the Middle Corridor was ×2 (nearly).",
            "×2",
            Status::Ok,
        ),
        (
            "In 2024 container traffic through the Middle Corridor was ×3 (nearly).",
            "×3",
            Status::Mismatch,
        ),
    ];
    assert_statuses(cases, &none);
    // A scale slip says so.
    let (_, message) = status_of(cases[0].0, "$207", &none);
    assert!(message.contains("slip of the decimal point"), "{message}");
}

/// Relative dates (class 6) count from --as-of, the front matter's date or a dateline; with none, the
/// figure's period is not guessed.
#[test]
fn relative_dates_count_from_the_drafts_date() {
    use pakaz::check::Options;
    use pakaz::period::Period;
    let text = "Container traffic through the Middle Corridor nearly doubled last year.";
    let as_of = |d: &str| Options::default().as_of(Period::parse(d).unwrap().start);
    assert_eq!(
        status_of(text, "nearly", &as_of("2025-03-10")).0,
        Status::Ok
    );
    let (status, message) = status_of(text, "nearly", &as_of("2026-03-10"));
    assert_eq!(status, Status::Mismatch, "{message}");
    assert!(message.contains("is for 2024"), "{message}");
    // With no anchor the period is unknown: the figure is judged on its value alone.
    assert_eq!(status_of(text, "nearly", &Options::default()).0, Status::Ok);
    let front = format!("---\ndate: 2026-01-05\n---\n\n{text}\n");
    assert_eq!(
        status_of(&front, "nearly", &Options::default()).0,
        Status::Mismatch
    );
    let dateline = format!("BAKU, 5 January 2025 — {text}\n");
    assert_eq!(
        status_of(&dateline, "nearly", &Options::default()).0,
        Status::Ok
    );
    let event =
        "In June last year the news agencies APP and AZERTAC signed a memorandum of cooperation.";
    assert_eq!(
        status_of(event, "June", &as_of("2025-02-01")).0,
        Status::Mismatch
    );
    assert_eq!(
        status_of(&event.replace("June", "July"), "July", &as_of("2025-02-01")).0,
        Status::Ok
    );
}

/// Years counted back from the draft's date (an "on this day" column, an anniversary feature):
/// `N years ago`, `a decade ago`, `today` and `this week`, `this July`, a day and month `this
/// year`, and spans that date the event they count from. The draft's date comes from the front
/// matter, a dateline after a title, or a line near the top that says what its date is; with
/// none, nothing is guessed.
#[test]
fn years_counted_back_from_the_drafts_date_are_judged() {
    use pakaz::check::Options;
    let none = Options::default();
    let dated = |date: &str, text: &str| format!("---\ndate: {date}\n---\n\n{text}\n");
    let cases: Vec<(String, &str, Status)> = vec![
        // A decade ago is 2016; the declaration is of 2015.
        (
            dated(
                "2026-02-24",
                "**A decade ago:** Islamabad and Baku signed the Joint Declaration on Strategic Partnership.",
            ),
            "A decade",
            Status::Mismatch,
        ),
        (
            dated(
                "2025-02-24",
                "**A decade ago:** Islamabad and Baku signed the Joint Declaration on Strategic Partnership.",
            ),
            "A decade",
            Status::Ok,
        ),
        // Twelve years ago, in digits or words, is 2014's figure.
        (
            dated("2026-02-24", "- 12 years ago: 1,817 tourists from Pakistan."),
            "1,817",
            Status::Ok,
        ),
        (
            dated("2026-02-24", "- Twelve years ago: 1,817 tourists from Pakistan."),
            "1,817",
            Status::Ok,
        ),
        (
            dated("2026-02-24", "- Eleven years ago: 1,817 tourists from Pakistan."),
            "1,817",
            Status::Mismatch,
        ),
        // `today` and `this week` are the draft's own week, two years back.
        (
            dated(
                "2026-02-24",
                "Two years ago this week Pakistan sold JF-17 Block III jets to Azerbaijan for $1.6 billion.",
            ),
            "$1.6",
            Status::Ok,
        ),
        (
            dated(
                "2026-02-24",
                "A year ago today Prime Minister Shehbaz Sharif began a state trip to Azerbaijan.",
            ),
            "A year ago",
            Status::Ok,
        ),
        // `this July` and `12 February this year`.
        (
            dated(
                "2025-11-15",
                "APP and AZERTAC signed their memorandum of cooperation this July.",
            ),
            "this July",
            Status::Mismatch,
        ),
        (
            dated(
                "2025-11-15",
                "The joint chamber opened in Pakistan on 12 February this year.",
            ),
            "12 February",
            Status::Ok,
        ),
        // Spans that date the event they count from.
        (
            dated(
                "2026-06-03",
                "Azerbaijan's embassy in Islamabad opened 30 years ago.",
            ),
            "30 years",
            Status::Mismatch,
        ),
        (
            dated(
                "2026-06-03",
                "Two years on from Azerbaijan Airlines' first landing in Karachi, the route is busy.",
            ),
            "Two years on",
            Status::Ok,
        ),
        // The draft's date from a review's byline, a memo's header, a dateline after a slug.
        (
            "*Reviewed 9 May 2025 by Ayesha R. · Stayed 20–26 April 2025*\n\nAbout 80,000 Pakistanis visited Azerbaijan last year, the guide said.\n".to_string(),
            "About 80,000",
            Status::Ok,
        ),
        (
            "To:    All Collectorates\nDate:  12 January 2026\n\nFor January–September of last year trade turnover was exactly US$20.7 million.\n".to_string(),
            "exactly",
            Status::Qualifier,
        ),
        (
            "THE LONG FRIENDSHIP\nFeatures desk | 900 words\n\nBAKU, 3 June 2026 — Azerbaijan's embassy in Islamabad opened 30 years ago.\n".to_string(),
            "30 years",
            Status::Mismatch,
        ),
    ];
    let cases: Vec<(&str, &str, Status)> =
        cases.iter().map(|(t, f, s)| (t.as_str(), *f, *s)).collect();
    assert_statuses(&cases, &none);
    // With no date for the draft, a year counted back is no date at all.
    let bare = "Azerbaijan's embassy in Islamabad opened 30 years ago.";
    assert_eq!(status_of(bare, "30 years", &none).0, Status::Unknown);
}

/// Terse layouts read a line or a clause at a time: a fact box's label lines, a review's stay
/// of several days, an answer under a question of two sentences, a figure among several in a
/// circular's sentence.
#[test]
fn terse_lines_and_sentences_of_several_figures_are_read_for_each_figure() {
    use pakaz::check::Options;
    let none = Options::default();
    let cases: &[(&str, &str, Status)] = &[
        // Each label line is a record: the cap's line takes nothing from the flight's above.
        (
            "> **Passengers on PIA's first Lahore–Baku flight, Apr 2025:** 174\n> **Cap on SOCAR's port charges per LNG cargo:** $5m\n",
            "$5m",
            Status::Mismatch,
        ),
        // A stay of days is a date, not a figure 20.
        (
            "*Stayed 20–26 April 2025 · 2 adults*\n\nThe crew said the route has 2 flights a week.\n",
            "20–26",
            Status::Unknown,
        ),
        // The question's first sentence names the route the answer dates.
        (
            "### I am flying AZAL from Lahore. How new is that route?\n\nAZAL started it on 23 September 2022.\n",
            "23 September",
            Status::Mismatch,
        ),
        // `its imports` lead up to the next figure; `it` stands for the turnover before.
        (
            "In 2021 turnover was US$11.7 million. In 2022 it rose by over 140% to US$28.1 million, Azerbaijan's exports to Pakistan coming to US$7.6 million and its imports from Pakistan to US$2.05 million.",
            "US$7.6",
            Status::Ok,
        ),
        (
            "In 2021 turnover was US$11.7 million. In 2022 it rose by over 140% to US$28.1 million, Azerbaijan's exports to Pakistan coming to US$7.6 million and its imports from Pakistan to US$2.05 million.",
            "US$2.05",
            Status::Mismatch,
        ),
        (
            "In 2021 turnover was US$11.7 million. In 2022 it rose by over 140% to US$28.1 million, Azerbaijan's exports to Pakistan coming to US$7.6 million and its imports from Pakistan to US$2.05 million.",
            "US$28.1",
            Status::Ok,
        ),
    ];
    assert_statuses(cases, &none);
}

/// One unreadable draft among several is reported, the others are still checked, and the exit
/// status is 2 at the end.
#[test]
fn an_unreadable_draft_among_several_is_reported_and_the_rest_checked() {
    let (code, out, err) = run(&["check", "altered.md", "missing.md", "crlf-utf8.txt"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.starts_with("pakaz: cannot read 'missing.md': "),
        "{err}"
    );
    assert!(out.contains("altered.md:6:25: error:"), "{out}");
    assert!(out.contains("crlf-utf8.txt:2:65: error:"), "{out}");
}

/// `check bad.md | head -1`: the reader leaves after the first line, and the exit status is
/// still 1, with nothing on stderr.
#[test]
fn a_failing_check_still_fails_when_its_reader_leaves() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.md");
    // Far more output than a pipe holds, so that writing meets the closed pipe.
    std::fs::write(
        &bad,
        "In 2024, 85,000 Pakistani citizens visited Azerbaijan.\n\n".repeat(5000),
    )
    .unwrap();
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin!("pakaz"))
        .arg("check")
        .arg(&bad)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("error: 85,000"), "{first}");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A table of cells between `|` in a plain-text draft reads as the same table in Markdown:
/// each row's figures take that row's year, not the next row's (which once called the 2022
/// row's 50,000 right for 2023 and the 2023 row's 55,000 wrong for 2024), and so do the same
/// rows as comma-separated values. Rows with no header, such as a ticker's, are each a record
/// of their own.
#[test]
fn a_plain_text_table_reads_as_the_same_table_in_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let rows = "2022 | 28.1 | 50,000\n2023 | 27 | 55,000\n2024 | - | 80,294\n";
    let header =
        "Pakistan and Azerbaijan in figures\n\nYear | Trade (US$ million) | Pakistani visitors\n";
    let (txt, md) = (dir.path().join("table.txt"), dir.path().join("table.md"));
    std::fs::write(&txt, format!("{header}{rows}")).unwrap();
    std::fs::write(&md, format!("{header}---|---|---\n{rows}")).unwrap();
    let read = |path: &std::path::Path| -> Vec<(String, String)> {
        let args = ["check", "--all", "--verbose", "--format", "json"];
        let out = pakaz().args(args).arg(path).output().unwrap();
        let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        found
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["found"].to_string(),
                    format!("{} {}", f["status"], f["fact"]),
                )
            })
            .collect()
    };
    // The same rows as comma-separated values, in a `.csv` file or pasted into text.
    let csv = dir.path().join("table.csv");
    std::fs::write(
        &csv,
        "Year,Trade (US$ million),Pakistani visitors\n2022,28.1,50,000\n"
            .replace("50,000", "\"50,000\"")
            + "2023,27,\"55,000\"\n2024,-,\"80,294\"\n",
    )
    .unwrap();
    let plain = read(&txt);
    assert_eq!(plain, read(&md));
    assert_eq!(plain, read(&csv));
    assert!(
        plain.contains(&(
            "\"50,000\"".into(),
            "\"ok\" \"tourism.visitors-2022\"".into()
        )),
        "{plain:?}"
    );
    assert!(
        plain.contains(&(
            "\"55,000\"".into(),
            "\"ok\" \"tourism.visitors-2023\"".into()
        )),
        "{plain:?}"
    );
    assert!(
        plain.contains(&(
            "\"80,294\"".into(),
            "\"mismatch\" \"tourism.visitors-2024\"".into()
        )),
        "{plain:?}"
    );
    // A ticker's rows have no header: each is read on its own, its figure against its fact.
    let ticker = dir.path().join("ticker.txt");
    std::fs::write(
        &ticker,
        "CRAWL 01 | ECONOMY | PAK-AZE TRADE HITS $27.0M IN JAN-SEP 2025, UP 38.7%\n\
         CRAWL 02 | DEFENCE | PAKISTAN TO SUPPLY UP TO 14 JF-17 BLOCK III JETS TO BAKU\n\
         CRAWL 03 | DIPLOMACY | TIES DATE BACK TO 1994\n",
    )
    .unwrap();
    let (code, out, _) = run(&["check", ticker.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 3, "{out}");
    for (line, fact) in [
        (1, "trade.turnover-2025-jan-sep"),
        (2, "defence.jf17-block3-aircraft"),
        (3, "diplomacy.relations-established"),
    ] {
        assert!(
            out.lines()
                .any(|l| l.contains(&format!("ticker.txt:{line}:")) && l.contains(fact)),
            "{out}"
        );
    }
}

/// A long draft (the drafts of the corpus one after another, 300 KB and more) is checked
/// on several threads: whatever their number, the findings are the same, in the same order,
/// as on one thread.
#[test]
fn a_long_draft_checks_the_same_on_any_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let long = dir.path().join("long.md");
    let mut text = String::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(drafts())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    names.sort();
    while text.len() < 300_000 {
        for name in &names {
            text.push_str(&std::fs::read_to_string(name).unwrap());
            text.push_str("\n\n");
        }
    }
    std::fs::write(&long, &text).unwrap();
    let path = long.to_str().unwrap();
    let on = |threads: &str| {
        let out = pakaz()
            .args([
                "check",
                "--all",
                "--verbose",
                "--format",
                "json",
                "--threads",
            ])
            .args([threads, path])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{threads} threads");
        String::from_utf8(out.stdout).unwrap()
    };
    let one = on("1");
    let findings = serde_json::from_str::<serde_json::Value>(&one).unwrap();
    assert!(findings.as_array().unwrap().len() > 2000);
    for threads in ["2", "3", "8"] {
        assert!(on(threads) == one, "{threads} threads differ from one");
    }
    // The text output of the default number of threads, too.
    let text_of = |extra: &[&str]| {
        let out = pakaz().args(["check", path]).args(extra).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(text_of(&[]) == text_of(&["-j", "1"]));
    // No number of threads is no threads.
    let out = pakaz().args(["check", "-j", "0", path]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// On a terminal, a summary line goes to stderr and the levels are coloured; into a pipe,
/// neither.
#[cfg(target_os = "linux")]
#[test]
fn a_terminal_gets_a_summary_line_and_colour() {
    if StdCommand::new("script").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "`script` (util-linux) is needed in CI"
        );
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin!("pakaz");
    let command = format!("{} check altered.md hedges.md correct.md", bin.display());
    let out = StdCommand::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(drafts())
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("17 problems (12 errors, 5 warnings) in 2 files"),
        "{text}"
    );
    assert!(text.contains("\u{1b}[1;31merror\u{1b}[0m"), "{text}");
    let (_, out, err) = run(&["check", "altered.md"]);
    assert!(
        !out.contains('\u{1b}') && !err.contains("problems"),
        "{err}"
    );
}

/// `--format sarif` writes a SARIF 2.1.0 log with one result per problem, at the figure.
#[test]
fn sarif_output_for_code_scanning() {
    let (code, out, err) = run(&["check", "--format", "sarif", "altered.md", "hedges.md"]);
    assert_eq!(code, 1, "{err}");
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    let (_, text, _) = run(&["check", "altered.md", "hedges.md"]);
    assert_eq!(results.len(), text.lines().count());
    let visitors = results
        .iter()
        .find(|r| r["message"]["text"].as_str().unwrap().starts_with("85,000"))
        .unwrap();
    assert_eq!(visitors["level"], "error");
    assert_eq!(visitors["ruleId"], "pakaz/mismatch");
    let place = &visitors["locations"][0]["physicalLocation"];
    assert_eq!(place["artifactLocation"]["uri"], "altered.md");
    assert_eq!(place["region"]["startLine"], 6);
    assert_eq!(place["region"]["startColumn"], 25);
    // SARIF's end column is exclusive.
    assert_eq!(place["region"]["endColumn"], 41);
}

/// `check -` with standard input closed (or `/dev/null`) has no draft to read: that is bad
/// input, not a clean draft, so a script that forgot to pipe the draft in does not pass.
#[test]
fn check_of_a_closed_stdin_is_bad_input() {
    let bin = assert_cmd::cargo::cargo_bin!("pakaz");
    for redirect in ["<&-", "</dev/null"] {
        let out = StdCommand::new("sh")
            .arg("-c")
            .arg(format!("exec \"$0\" check - {redirect}"))
            .arg(bin)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{redirect}: {stderr}");
        assert!(
            stderr.contains("standard input is closed"),
            "{redirect}: {stderr}"
        );
    }
    // A draft that is piped in is still read.
    pakaz()
        .args(["check", "-"])
        .write_stdin("Nothing to check here.\n")
        .assert()
        .code(0);
}
