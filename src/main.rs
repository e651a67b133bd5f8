//! Entry point: parse, run, and map any error to one line on stderr and an exit code.

// Outside tests nothing may panic or print past the one locked, buffered stdout writer (see
// `app::run`) and the single error line in `run`.
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
// On Linux with glibc the process starts at `start::main` below instead of Rust's runtime
// set-up; see there why.
#![cfg_attr(all(target_os = "linux", target_env = "gnu", not(test)), no_main)]

use std::ffi::OsString;
use std::io::Write;

use clap::Parser;
use pakaz::{app, cli::Cli, exit, quick};

/// Runs the command line and returns the exit code.
fn run() -> u8 {
    pakaz::shell::answer_completion_request();
    let args: Vec<OsString> = std::env::args_os().collect();
    let cli = match quick::parse(&args).map_or_else(|| Cli::try_parse_from(&args), Ok) {
        Ok(cli) => cli,
        Err(err) => return exit::report_usage_error::<Cli>(&err, &args),
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
    code as u8
}

#[cfg(not(all(target_os = "linux", target_env = "gnu", not(test))))]
fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(run())
}

/// The C entry point, used on Linux with glibc.
///
/// Scripts call pakaz in loops, so its start-up is measured against `/bin/true`
/// (`BENCHMARKS.md`). Rust's runtime set-up before `main` costs about a tenth of that:
/// it reads `/proc/self/maps` to find the main thread's stack, maps an alternate signal stack
/// and installs handlers that turn a stack overflow into a message. pakaz needs none of it:
/// it does not recurse deeply, and it aborts rather than unwinds. What it does need is done
/// here: a write to a closed pipe must be an error that `app` handles (a quiet exit 0), not a
/// SIGPIPE that kills the process, and the arguments, which glibc hands to the standard
/// library before `main` in any case. Standard output is flushed by `app::run`.
#[cfg(all(target_os = "linux", target_env = "gnu", not(test)))]
mod start {
    #[unsafe(no_mangle)]
    extern "C" fn main(_argc: libc::c_int, _argv: *const *const libc::c_char) -> libc::c_int {
        // SAFETY: setting a signal's disposition to "ignore" touches no memory of ours, and
        // nothing else runs yet.
        unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
        libc::c_int::from(super::run())
    }
}
