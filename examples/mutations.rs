//! Prints how many planted errors `pakaz check` catches, per error operator, and the false
//! alarms on the correct drafts, as the Markdown table the README and `docs/check.md` show.
//!
//! ```sh
//! cargo run --example mutations                 # the drafts in tests/fixtures/drafts
//! cargo run --example mutations -- DIR --missed # other drafts; list what was not caught
//! ```

use std::io::Write;
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
            let _ = writeln!(
                std::io::stderr(),
                "mutations: the bundled sheet does not load"
            );
            return std::process::ExitCode::from(2);
        }
    };
    let drafts = match pakaz::check::mutate::load_drafts(&dir) {
        Ok(d) => d,
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "mutations: cannot read {}: {e}",
                dir.display()
            );
            return std::process::ExitCode::from(2);
        }
    };
    let report = pakaz::check::mutate::run(&sheet, &drafts);
    let mut out = std::io::stdout().lock();
    let _ = write!(out, "{}", report.table());
    if missed {
        for (op, t) in &report.operators {
            for m in &t.missed {
                let _ = writeln!(out, "missed ({}): {m}", op.name());
            }
        }
        for (name, alarms) in &report.false_alarms {
            for a in alarms {
                let _ = writeln!(out, "false alarm: {name}:{a}");
            }
        }
    }
    std::process::ExitCode::SUCCESS
}
