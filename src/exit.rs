//! Exit codes, and how an error maps to one.

use std::fmt;
use std::io;

/// What the process tells its caller. Documented in `--help` and the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// It worked.
    Success = 0,
    /// Nothing found: an unknown id, or a filter or search with no match.
    NothingFound = 1,
    /// Bad usage or bad input: a malformed sheet, an unreadable file.
    BadInput = 2,
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> Self {
        std::process::ExitCode::from(e as u8)
    }
}

/// An error that means "nothing found" (exit 1) rather than "bad input" (exit 2).
#[derive(Debug)]
pub struct NotFound(pub String);

impl fmt::Display for NotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotFound {}

/// Whether the error is a write to a closed pipe, which ends the program quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// The exit code for an error: nothing found is 1, a closed pipe 0, anything else 2.
pub fn code_for(err: &anyhow::Error) -> Exit {
    if is_broken_pipe(err) {
        Exit::Success
    } else if err.downcast_ref::<NotFound>().is_some() {
        Exit::NothingFound
    } else {
        Exit::BadInput
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_map_to_codes() {
        let pipe =
            anyhow::Error::from(io::Error::from(io::ErrorKind::BrokenPipe)).context("writing");
        assert_eq!(code_for(&pipe), Exit::Success);
        assert_eq!(
            code_for(&anyhow::Error::new(NotFound("x".into()))),
            Exit::NothingFound
        );
        assert_eq!(code_for(&anyhow::anyhow!("bad")), Exit::BadInput);
        assert_eq!(Exit::BadInput as u8, 2);
    }
}
