//! Entry point: parse, run, and map any error to one line on stderr and an exit code.

// Outside tests nothing may panic or print past the one locked, buffered stdout writer (see
// `app::run`) and the single error line in `main`.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::print_stdout,
        clippy::print_stderr
    )
)]

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use pakaz::{app, cli::Cli, exit, quick};

fn main() -> ExitCode {
    pakaz::shell::answer_completion_request();
    let args: Vec<OsString> = std::env::args_os().collect();
    let cli = quick::parse(&args).unwrap_or_else(|| Cli::parse_from(args));
    match app::run(cli) {
        Ok(code) => code.into(),
        Err(err) => {
            let code = exit::code_for(&err);
            if !exit::is_broken_pipe(&err) {
                // If stderr is gone too there is nobody left to tell.
                let _ = writeln!(std::io::stderr(), "pakaz: {err:#}");
            }
            code.into()
        }
    }
}
