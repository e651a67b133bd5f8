//! Prints how many planted errors `pakaz check` catches, per error operator, and the false
//! alarms on the correct drafts, as the Markdown table the README and `docs/check.md` show.
//!
//! ```sh
//! cargo run --example mutations                 # the drafts in tests/fixtures/drafts
//! cargo run --example mutations -- DIR --missed # other drafts; list what was not caught
//! ```

use std::path::PathBuf;

fn main() -> std::process::ExitCode {
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drafts");
    let mut missed = false;
    for arg in std::env::args().skip(1) {
        if arg == "--missed" {
            missed = true;
        } else {
            dir = PathBuf::from(arg);
        }
    }
    let sheet = match pakaz::sheet::bundled() {
        Ok(s) => s,
        Err(_) => {
            eprintln!("mutations: the bundled sheet does not load");
            return std::process::ExitCode::from(2);
        }
    };
    let drafts = match pakaz::check::mutate::load_drafts(&dir) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("mutations: cannot read {}: {e}", dir.display());
            return std::process::ExitCode::from(2);
        }
    };
    let report = pakaz::check::mutate::run(&sheet, &drafts);
    print!("{}", report.table());
    if missed {
        for (op, t) in &report.operators {
            for m in &t.missed {
                println!("missed ({}): {m}", op.name());
            }
        }
        for (name, alarms) in &report.false_alarms {
            for a in alarms {
                println!("false alarm: {name}:{a}");
            }
        }
    }
    std::process::ExitCode::SUCCESS
}
