//! Precision and recall of `pakaz check` over the drafts in `tests/fixtures/drafts`.
//!
//! Each draft `NAME.md` (or `.txt`) has a hand-written `NAME.expect`: one line per figure that
//! belongs to a fact, `LINE STATUS FACT FOUND`, where FOUND is how the figure starts. A reported
//! problem (mismatch or qualifier) that is not expected is a false alarm; an expected problem not
//! reported (with that status and fact) is a miss. Run with `--nocapture` to see the table.

// The crate's lints (Cargo.toml) are for the program; this target may unwrap and print.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)]

use std::fs;
use std::path::Path;

use pakaz::check::{Checker, Finding, Options, Status};
use pakaz::model::Sheet;

struct Expected {
    line: usize,
    status: Status,
    fact: String,
    found: String,
}

fn parse_status(s: &str) -> Status {
    match s {
        "ok" => Status::Ok,
        "mismatch" => Status::Mismatch,
        "qualifier" => Status::Qualifier,
        other => panic!("unknown status {other}"),
    }
}

fn expectations(path: &Path) -> Vec<Expected> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut parts = l.splitn(4, ' ');
            let line = parts.next().unwrap().parse().unwrap();
            let status = parse_status(parts.next().unwrap());
            let fact = parts.next().unwrap().to_string();
            let found = parts.next().unwrap_or_default().to_string();
            Expected {
                line,
                status,
                fact,
                found,
            }
        })
        .collect()
}

fn is_problem(s: Status) -> bool {
    matches!(s, Status::Mismatch | Status::Qualifier)
}

fn matches(e: &Expected, f: &Finding) -> bool {
    let first_word = e.found.split_whitespace().next().unwrap_or_default();
    f.line == e.line
        && f.status == e.status
        && f.fact.as_deref() == Some(e.fact.as_str())
        && f.found.starts_with(first_word)
}

#[derive(Default)]
struct Tally {
    /// How many problems were reported that no expectation names.
    false_alarms: usize,
    expected_problems: usize,
    reported_problems: usize,
    caught: usize,
    expected_ok: usize,
    ok_found: usize,
    notes: Vec<String>,
    /// One row per draft, in file order.
    rows: Vec<Row>,
}

/// What one draft contributed to a [`Tally`].
#[derive(Default)]
struct Row {
    name: String,
    expected_problems: usize,
    caught: usize,
    false_alarms: usize,
    expected_ok: usize,
    ok_found: usize,
}

fn bundled() -> Sheet {
    pakaz::sheet::bundled().expect("bundled sheet loads")
}

/// Checks every draft in `tests/fixtures/FOLDER` against `sheet` and counts what was caught and
/// missed.
fn run_corpus(folder: &str, sheet: &Sheet) -> Tally {
    let checker = Checker::new(sheet);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder);
    let mut drafts: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "txt"))
        // Notes beside the drafts (README, results) have no expectations.
        .filter(|p| p.with_extension("expect").exists())
        .collect();
    drafts.sort();
    assert!(drafts.len() >= 8, "the corpus has too few drafts");
    let mut t = Tally::default();
    for draft in drafts {
        let name = draft.file_name().unwrap().to_string_lossy().to_string();
        let expect = draft.with_extension("expect");
        let expected = expectations(&expect);
        let text = fs::read_to_string(&draft).unwrap();
        let findings = checker.check_document(&text, &Options::named(name.clone()));
        let mut row = Row {
            name: name.clone(),
            ..Row::default()
        };
        for e in &expected {
            let hit = findings.iter().any(|f| matches(e, f));
            if is_problem(e.status) {
                t.expected_problems += 1;
                row.expected_problems += 1;
                if hit {
                    t.caught += 1;
                    row.caught += 1;
                } else {
                    t.notes.push(format!(
                        "{name}:{}: missed {} {} ({})",
                        e.line,
                        e.status.name(),
                        e.fact,
                        e.found
                    ));
                }
            } else {
                t.expected_ok += 1;
                row.expected_ok += 1;
                if hit {
                    t.ok_found += 1;
                    row.ok_found += 1;
                } else {
                    t.notes.push(format!(
                        "{name}:{}: not recognised as ok: {} ({})",
                        e.line, e.fact, e.found
                    ));
                }
            }
        }
        for f in findings.iter().filter(|f| is_problem(f.status)) {
            t.reported_problems += 1;
            if !expected
                .iter()
                .any(|e| is_problem(e.status) && matches(e, f))
            {
                t.false_alarms += 1;
                row.false_alarms += 1;
                t.notes.push(format!(
                    "{name}:{}:{}: false alarm: {}",
                    f.line, f.column, f.message
                ));
            }
        }
        t.rows.push(row);
    }
    t
}

/// The per-draft table: planted problems caught, false alarms, right figures recognised.
fn print_table(t: &Tally) {
    println!(
        "{:<28} {:>8} {:>7} {:>12} {:>9} {:>10}",
        "draft", "problems", "caught", "false alarms", "right", "recognised"
    );
    for r in &t.rows {
        println!(
            "{:<28} {:>8} {:>7} {:>12} {:>9} {:>10}",
            r.name, r.expected_problems, r.caught, r.false_alarms, r.expected_ok, r.ok_found
        );
    }
    println!(
        "{:<28} {:>8} {:>7} {:>12} {:>9} {:>10}",
        "total", t.expected_problems, t.caught, t.false_alarms, t.expected_ok, t.ok_found
    );
}

#[test]
fn corpus_precision_and_recall() {
    let t = run_corpus("drafts", &bundled());
    let precision = t.caught as f64 / t.reported_problems.max(1) as f64;
    let recall = t.caught as f64 / t.expected_problems.max(1) as f64;
    let ok_rate = t.ok_found as f64 / t.expected_ok.max(1) as f64;
    println!(
        "problems expected {}, reported {}, caught {}: precision {:.3}, recall {:.3}",
        t.expected_problems, t.reported_problems, t.caught, precision, recall
    );
    println!(
        "correct figures {}, recognised as ok {}: {:.3}",
        t.expected_ok, t.ok_found, ok_rate
    );
    for n in &t.notes {
        println!("  {n}");
    }
    assert!(
        t.expected_problems >= 30,
        "the corpus needs more altered figures"
    );
    assert_eq!(recall, 1.0, "every altered figure must be flagged");
    assert_eq!(
        precision, 1.0,
        "no false alarm on correct or fairly rounded text"
    );
    assert!(ok_rate >= 0.9, "correct figures should be recognised");
}

/// A held-out batch: at least `min_problems` planted problems, caught at `recall_floor` or
/// better with at most `false_alarm_ceiling` false alarms. The floors are what the checker
/// reaches now, so a change that loses ground on text it was not written for is noticed.
/// Only totals are printed (a line per draft and the sum); `notes` adds which figures were
/// missed, for a batch that is working material and no longer unseen.
struct Batch {
    folder: &'static str,
    min_problems: usize,
    recall_floor: f64,
    false_alarm_ceiling: usize,
    notes: bool,
}

fn score(batch: Batch) {
    let t = run_corpus(batch.folder, &bundled());
    let recall = t.caught as f64 / t.expected_problems.max(1) as f64;
    print_table(&t);
    println!(
        "{}: problems {}, caught {} (recall {recall:.3}), false alarms {}, right figures {} of which recognised {}",
        batch.folder, t.expected_problems, t.caught, t.false_alarms, t.expected_ok, t.ok_found
    );
    if batch.notes {
        for n in &t.notes {
            println!("  {n}");
        }
    }
    assert!(
        t.expected_problems >= batch.min_problems,
        "{} is read in full",
        batch.folder
    );
    assert!(recall >= batch.recall_floor, "recall {recall:.3} fell");
    assert!(
        t.false_alarms <= batch.false_alarm_ceiling,
        "{} false alarms",
        t.false_alarms
    );
}

/// The first held-out batch (`tests/fixtures/heldout/`), written apart from the checker.
/// `FIRST-RUN.md` there has the checker's first result on it (recall 0.476, 8 false alarms).
/// Its misses guided later work, so it is working material now and its figures flatter.
#[test]
fn heldout_drafts_do_not_lose_ground() {
    score(Batch {
        folder: "heldout",
        min_problems: 40,
        recall_floor: 0.90,
        false_alarm_ceiling: 3,
        notes: true,
    });
}

/// The second held-out batch (`tests/fixtures/heldout2/`), written apart from the checker in
/// other genres, with the series over the years. `FIRST-RUN.md` there records the first result
/// (recall 0.646, 23 false alarms); 12 false alarms before a total for all of Azerbaijan was
/// read as another subject. Only its totals are looked at while the checker changes.
#[test]
fn heldout2_drafts_do_not_lose_ground() {
    score(Batch {
        folder: "heldout2",
        min_problems: 45,
        recall_floor: 0.83,
        false_alarm_ceiling: 9,
        notes: false,
    });
}

/// The third held-out batch (`tests/fixtures/heldout3/`), written apart from the checker in
/// genres neither earlier batch used. `FIRST-RUN.md` there records the first result (recall
/// 0.627, 27 false alarms). Only its totals are ever printed, and the checker is never tuned
/// on it; its drafts and expectations are never edited.
#[test]
fn heldout3_drafts_do_not_lose_ground() {
    score(Batch {
        folder: "heldout3",
        min_problems: 50,
        recall_floor: 0.76,
        false_alarm_ceiling: 18,
        notes: false,
    });
}

/// The fourth held-out batch (`tests/fixtures/heldout4/`), written apart from the checker in
/// genres none of the first three used. `FIRST-RUN.md` there records the first result (recall
/// 0.542, 29 false alarms); after tab-separated records, chat lines, unit columns and answers
/// read as such (rules built on tuning drafts of those genres), 0.678 with 20. Only its totals
/// are ever printed, and the checker is never tuned on it; its drafts and expectations are
/// never edited.
#[test]
fn heldout4_drafts_do_not_lose_ground() {
    score(Batch {
        folder: "heldout4",
        min_problems: 55,
        recall_floor: 0.74,
        false_alarm_ceiling: 14,
        notes: false,
    });
}

/// The fifth held-out batch (`tests/fixtures/heldout5/`), written apart from the checker in
/// genres none of the first four used. `FIRST-RUN.md` there records the first result (recall
/// 0.522, 10 false alarms); after the rules for diaries, data dictionaries, tender notices and
/// radio scripts (built on tuning drafts of those genres), 0.543 with 8. Only its totals are
/// ever printed, and the checker is never tuned on it; its drafts and expectations are never
/// edited.
#[test]
fn heldout5_drafts_do_not_lose_ground() {
    score(Batch {
        folder: "heldout5",
        min_problems: 45,
        recall_floor: 0.63,
        false_alarm_ceiling: 4,
        notes: false,
    });
}

/// The sixth held-out batch (`tests/fixtures/heldout6/`), written apart from the checker in
/// genres none of the first five used. `FIRST-RUN.md` there records the first result (recall
/// 0.545, 16 false alarms); after the rules for stamped lines, labels' values and terse lines
/// (built on tuning drafts of its weakest genres), 0.614 with 12. Only its totals are ever
/// printed, and the checker is never tuned on it; its drafts and expectations are never edited.
#[test]
fn heldout6_drafts_do_not_lose_ground() {
    score(Batch {
        folder: "heldout6",
        min_problems: 40,
        recall_floor: 0.63,
        false_alarm_ceiling: 10,
        notes: false,
    });
}

/// The seventh held-out batch (`tests/fixtures/heldout7/`), written apart from the checker in
/// genres none of the first six used. `FIRST-RUN.md` there records the first result (recall
/// 0.660, 18 false alarms); after the rules built for the sixth batch's genres (on tuning
/// drafts of our own, with this batch never looked at), 0.681 with 17; after the rules for
/// the seventh batch's genres (chat exports, rates, quoted errors), 0.702 with 17. Only its totals are
/// ever printed, and the checker is never tuned on it; its drafts and expectations are never
/// edited.
#[test]
fn heldout7_drafts_do_not_lose_ground() {
    score(Batch {
        folder: "heldout7",
        min_problems: 45,
        recall_floor: 0.80,
        false_alarm_ceiling: 10,
        notes: false,
    });
}

/// The eighth held-out batch (`tests/fixtures/heldout8/`), written apart from the checker in
/// genres none of the first seven used. `FIRST-RUN.md` there records the first result (recall
/// 0.442, 21 false alarms). Only its totals are ever printed, and the checker is never tuned on it; its drafts and
/// expectations are never edited.
#[test]
fn heldout8_drafts_do_not_lose_ground() {
    score(Batch {
        folder: "heldout8",
        min_problems: 40,
        recall_floor: 0.55,
        false_alarm_ceiling: 18,
        notes: false,
    });
}

/// The ninth held-out batch (`tests/fixtures/heldout9/`), written apart from the checker in
/// genres none of the first eight used. `FIRST-RUN.md` there records the first result (recall
/// 0.628, 12 false alarms); after the rules for its weakest genres (built on tuning drafts of
/// those genres, the batch never opened, its totals printed at every step), 0.744 with 9. Only
/// its totals are ever printed, and the checker is never tuned on it; its drafts and
/// expectations are never edited.
#[test]
fn heldout9_drafts_do_not_lose_ground() {
    score(Batch {
        folder: "heldout9",
        min_problems: 40,
        recall_floor: 0.74,
        false_alarm_ceiling: 9,
        notes: false,
    });
}

/// The tenth held-out batch (`tests/fixtures/heldout10/`), written apart from the checker in
/// genres none of the first nine used, while the relative dates and new readings of the
/// tuning drafts it was written beside were being built. `FIRST-RUN.md` there records the
/// first result (recall 0.674, 10 false alarms). Only its totals are ever printed, and the checker is never tuned on it; its
/// drafts and expectations are never edited.
#[test]
fn heldout10_drafts_do_not_lose_ground() {
    score(Batch {
        folder: "heldout10",
        min_problems: 40,
        recall_floor: 0.69,
        false_alarm_ceiling: 10,
        notes: false,
    });
}
