//! Entry point: parse the command line, run it, and map any error to one line on stderr and
//! an exit code.

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use pakaz::{app, cli::Cli, exit, quick};

fn main() -> ExitCode {
    // Rust's runtime ignores SIGPIPE, so a write to a closed pipe is an error that
    // `exit::code_for` turns into a quiet exit 0.
    pakaz::shell::answer_completion_request();
    let args: Vec<OsString> = std::env::args_os().collect();
    let cli = match quick::parse(&args).map_or_else(|| Cli::try_parse_from(&args), Ok) {
        Ok(cli) => cli,
        Err(err) => return ExitCode::from(exit::report_usage_error::<Cli>(&err, &args)),
    };
    let code = match app::run(cli) {
        Ok(code) => code,
        Err(err) => {
            if !exit::is_broken_pipe(&err) {
                // If stderr is gone too there is nobody left to tell.
                let _ = writeln!(std::io::stderr(), "pakaz: {err:#}");
            }
            exit::code_for(&err)
        }
    };
    code.into()
}
