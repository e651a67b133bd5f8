//! The mutation harness (`check::mutate`) over the drafts in `tests/fixtures/drafts`: every
//! error operator planted in every right figure is caught at least 98 % of the time, and the
//! correct drafts raise no false alarm. `cargo run --example mutations` prints the table.

use std::path::PathBuf;

use pakaz::check::mutate::{self, Operator};

#[test]
fn every_operator_is_caught_and_correct_drafts_raise_no_alarm() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drafts");
    let drafts = mutate::load_drafts(&dir).unwrap();
    assert!(drafts.iter().filter(|d| d.correct).count() >= 3);
    let sheet = pakaz::sheet::bundled().unwrap();
    let report = mutate::run(&sheet, &drafts);
    println!("{}", report.table());
    assert_eq!(report.operators.len(), Operator::ALL.len());
    for (op, tally) in &report.operators {
        // Every operator is tried on several figures, so that a recall means something.
        assert!(
            tally.tried >= 3,
            "{}: tried on {} figures",
            op.name(),
            tally.tried
        );
        assert!(
            tally.recall() >= 0.98,
            "{}: {}/{} caught; missed:\n{}",
            op.name(),
            tally.caught,
            tally.tried,
            tally.missed.join("\n")
        );
    }
    for (name, alarms) in &report.false_alarms {
        assert!(alarms.is_empty(), "{name}: {alarms:?}");
    }
}
