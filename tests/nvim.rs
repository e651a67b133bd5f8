//! End to end with a real editor: headless Neovim starts `pakaz lsp` for a Markdown draft,
//! waits for the diagnostic, hovers over the figure and applies the first code action.
//!
//! The script (`tests/nvim/lsp.lua`) uses the API of Neovim 0.7 (`vim.lsp.start_client`,
//! `vim.lsp.buf_attach_client`), which later versions keep. Without `nvim` the test is
//! skipped on a workstation and fails in CI (`CI` set), where `.ci/run` installs it.

// The crate's lints (Cargo.toml) are for the program; this target may unwrap and print.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn nvim_present() -> bool {
    let found = Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "nvim is needed for this test in CI; .ci/run installs it"
        );
        eprintln!("nvim not found: skipping the editor test");
    }
    found
}

#[test]
fn neovim_underlines_the_figure_shows_the_fact_and_applies_the_fix() {
    if !nvim_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.md");
    std::fs::write(
        &draft,
        "Notes on tourism\n\n🇵🇰 Azerbaijan welcomed 85,000 Pakistani visitors in 2024.\n",
    )
    .unwrap();
    let out = dir.path().join("out.json");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/nvim/lsp.lua");
    let mut child = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {script}"))
        .arg(&draft)
        .current_dir(dir.path())
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env_remove("PAKAZ_FACTS")
        .env("PAKAZ_BIN", env!("CARGO_BIN_EXE_pakaz"))
        .env("OUT", &out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("Neovim did not finish in time");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let result: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(result["ok"], true, "{result:#}");
    assert_eq!(result["waited"], true, "no diagnostic arrived: {result:#}");
    let d = result["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), 1, "{result:#}");
    // Neovim counts columns in bytes: the flag is eight, then a space.
    assert_eq!(
        (&d[0]["lnum"], &d[0]["col"], &d[0]["end_col"]),
        (&2.into(), &29.into(), &45.into())
    );
    assert_eq!(d[0]["severity"], 1);
    assert_eq!(d[0]["code"], "tourism.visitors-2024");
    assert_eq!(
        d[0]["message"],
        "85,000 Pakistani (2024) differs from the sheet: 80,924 people [tourism.visitors-2024]"
    );
    let hover = result["hover"].as_str().unwrap();
    assert!(hover.starts_with("**80,924 people**"), "{hover}");
    assert!(hover.contains("The Gulf Observer"), "{hover}");
    assert_eq!(
        result["cleared"], true,
        "the fix left a diagnostic: {result:#}"
    );
    assert_eq!(
        result["lines"][2],
        "🇵🇰 Azerbaijan welcomed 80,924 Pakistani visitors in 2024."
    );
}
