//! The bundled sheet is written as `facts.toml`, and the binary carries it as JSON: the same
//! document, converted here, because serde_json reads it at start-up in a third of the
//! instructions the `toml` crate takes (see docs/design.md). Only the format changes: at
//! start-up the sheet goes through the same checks as any JSON sheet, and a test holds the
//! two readings equal. A `facts.toml` the `toml` crate cannot read fails the build.

use std::error::Error;
use std::io::Write;
use std::process::ExitCode;
use std::{env, fs, io, path::PathBuf};

fn main() -> ExitCode {
    match convert() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "{e}");
            ExitCode::FAILURE
        }
    }
}

fn convert() -> Result<(), Box<dyn Error>> {
    writeln!(io::stdout(), "cargo::rerun-if-changed=facts.toml")?;
    let text = fs::read_to_string("facts.toml")?;
    let doc: toml::Table = toml::from_str(&text).map_err(|e| format!("facts.toml: {e}"))?;
    let out = PathBuf::from(env::var_os("OUT_DIR").ok_or("cargo sets OUT_DIR")?);
    fs::write(out.join("facts.json"), serde_json::to_string(&doc)?)?;
    Ok(())
}
