//! Exit codes, and how an error maps to one.

use std::ffi::OsString;
use std::io;

/// What the process tells its caller. Documented in `--help`, the README and docs/scripting.md.
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

/// Whether the error is a write to a closed pipe, which ends the program quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// The exit code for an error: a closed pipe is 0, anything else 2. "Nothing found" is not an
/// error: a command reports it and returns `Ok(Exit::NothingFound)`.
pub fn code_for(err: &anyhow::Error) -> Exit {
    if is_broken_pipe(err) {
        Exit::Success
    } else {
        Exit::BadInput
    }
}

/// Reports a command-line error (or help, or the version) the way clap does, but never with
/// an argument's control or invisible characters raw. clap strips escape sequences from the
/// text it quotes only when stderr is not a terminal, so `pakaz --color $'\e]52;c;...\a'`
/// reached a terminal as a clipboard write. When an argument holds such a character, the error
/// is made again from the arguments escaped (`\u{1B}]52;...`), which quotes them escaped and
/// coloured as clap colours; should those parse, the first error is printed without colour,
/// escaped.
/// Returns the exit code.
pub fn report_usage_error<C: clap::CommandFactory>(err: &clap::Error, args: &[OsString]) -> u8 {
    let code = |e: &clap::Error| u8::try_from(e.exit_code()).unwrap_or(Exit::BadInput as u8);
    let unsafe_arg = |a: &OsString| a.to_string_lossy().chars().any(crate::text::is_unsafe);
    // Nothing is left to tell if writing to stderr fails.
    if !err.use_stderr() || !args.iter().any(unsafe_arg) {
        let _ = err.print();
        return code(err);
    }
    let escaped: Vec<String> = args
        .iter()
        .map(|a| crate::text::sanitize(&a.to_string_lossy()).into_owned())
        .collect();
    match C::command().try_get_matches_from(escaped) {
        Err(again) if again.use_stderr() => {
            let _ = again.print();
        }
        _ => {
            let text = err.render().to_string();
            let _ = io::Write::write_all(&mut io::stderr().lock(), escape_lines(&text).as_bytes());
        }
    }
    code(err)
}

/// Escapes every unsafe character in `text` but keeps its line ends.
pub fn escape_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        out.push_str(&crate::text::sanitize(body));
        out.push_str(end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_lines_keeps_line_ends_only() {
        assert_eq!(
            escape_lines("a \u{1b}]52;c;x\u{7}\n\u{202E}b\r\n"),
            "a \\u{1B}]52;c;x\\u{7}\n\\u{202E}b\\r\n"
        );
    }

    #[test]
    fn errors_map_to_codes() {
        let pipe =
            anyhow::Error::from(io::Error::from(io::ErrorKind::BrokenPipe)).context("writing");
        assert_eq!(code_for(&pipe), Exit::Success);
        assert_eq!(code_for(&anyhow::anyhow!("bad")), Exit::BadInput);
        assert_eq!(Exit::BadInput as u8, 2);
    }
}
