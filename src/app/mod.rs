//! Running a parsed command line: output settings decided once, the sheet loaded, the command
//! carried out against it. The commands themselves live in the submodules: `lookup` (the
//! overview, sectors, list, get, show, search, timeline), `draft` (check and cite) and
//! `sheets` (sources, schema, validate).

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Result;

use crate::cli::{Cli, ColorChoice, Command, Field};
use crate::diag::Diagnostic;
use crate::exit::{Exit, NotFound};
use crate::load::{self, Plan};
use crate::model::{Fact, Sheet};
use crate::query::{self, Lookup};
use crate::render::Style;
use crate::text::sanitize;

mod draft;
mod lookup;
mod series;
mod sheets;

pub use draft::MAX_DRAFT_BYTES;
use draft::{check_drafts, cite};
use lookup::{find, get, list, overview, sectors, show, timeline};
use sheets::{schema, sources, validate};

/// Decides colour: `always` and `never` are obeyed; `auto` means a terminal and no `NO_COLOR`.
pub fn use_color(
    choice: ColorChoice,
    is_terminal: bool,
    no_color: Option<&str>,
    term: Option<&str>,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal && no_color.is_none_or(str::is_empty) && term != Some("dumb")
        }
    }
}

/// The width tables must fit: `COLUMNS` when set, else the terminal's, else none (no wrapping).
fn table_width(is_terminal: bool) -> Option<u16> {
    if let Some(w) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
    {
        return Some(w.max(20));
    }
    if is_terminal {
        return comfy_table::Table::new().width();
    }
    None
}

fn style(choice: ColorChoice) -> Style {
    let is_terminal = io::stdout().is_terminal();
    let no_color = std::env::var("NO_COLOR").ok();
    let term = std::env::var("TERM").ok();
    Style {
        color: use_color(choice, is_terminal, no_color.as_deref(), term.as_deref()),
        width: table_width(is_terminal),
    }
}

/// The merged sheet every command works on: the bundled sheet, then the user's sheets.
fn load(plan: &Plan) -> Result<Sheet> {
    if !plan.bundled && plan.files.is_empty() {
        anyhow::bail!(
            "--no-bundled leaves no sheet to load: add one with --facts FILE, {} or the sheet directory",
            load::FACTS_VAR
        );
    }
    load::load(plan).map_err(first_problem)
}

/// The first problem of a sheet, in full, and how many more `validate` would show.
fn first_problem(problems: Vec<Diagnostic>) -> anyhow::Error {
    let more = problems.len().saturating_sub(1);
    let Some(first) = problems.into_iter().next() else {
        return anyhow::anyhow!("the sheet could not be loaded");
    };
    let mut message = first.to_string();
    if more > 0 {
        message.push_str(&format!(
            "\n({} in this sheet; `pakaz validate {}` lists them all)",
            plural(more, "more problem"),
            sanitize(&first.file)
        ));
    }
    anyhow::anyhow!(message)
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The sheets to load. Warnings (an unreadable sheet directory) go to stderr when `warn`.
fn plan(cli_facts: &[PathBuf], no_bundled: bool, warn: bool) -> Result<Plan> {
    let plan = Plan::from_env(no_bundled, cli_facts).map_err(|d| anyhow::anyhow!(d.to_string()))?;
    if warn {
        for warning in &plan.warnings {
            eprintln_quiet(&format!("pakaz: {warning}"));
        }
    }
    Ok(plan)
}

/// Runs one command line to completion; output goes to stdout, talk to stderr.
pub fn run(cli: Cli) -> Result<Exit> {
    let style = style(cli.color);
    let mut out = io::BufWriter::new(Stdout(io::stdout().lock()));
    let code = match cli.command {
        // These do not need the merged sheet, so they work while a user's sheet is broken (the
        // completion scripts read the sheets when the shell asks, not when they are made).
        Some(Command::Schema) => schema(&mut out)?,
        Some(Command::Completions { shell }) => {
            crate::shell::write_completions(shell, &mut out)?;
            Exit::Success
        }
        Some(Command::Man) => {
            crate::shell::write_man(&mut out)?;
            Exit::Success
        }
        Some(Command::Validate { files, strict }) => {
            validate(&cli.facts, cli.no_bundled, &files, strict, &mut out)?
        }
        command => {
            let sheet = load(&plan(&cli.facts, cli.no_bundled, true)?)?;
            let code = execute(command, &sheet, &style, &mut out)?;
            // The process ends next: freeing a large sheet piece by piece is wasted time.
            std::mem::forget(sheet);
            code
        }
    };
    out.flush()?;
    Ok(code)
}

/// Standard output, locked once for the run and buffered around it. Every error says it was
/// stdout that failed and keeps its kind, so a closed pipe is still recognised as one: a full
/// disk is one line on stderr and exit 2, a closed pipe a quiet exit 0.
struct Stdout<W>(W);

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf).map_err(stdout_error)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush().map_err(stdout_error)
    }
}

fn stdout_error(e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("writing to stdout: {e}"))
}

/// Runs a command against a loaded sheet, writing to `out`.
pub fn execute(
    command: Option<Command>,
    sheet: &Sheet,
    style: &Style,
    out: &mut dyn Write,
) -> Result<Exit> {
    match command {
        None => overview(sheet, style, out),
        Some(Command::Sectors { output }) => sectors(sheet, &output, style, out),
        Some(Command::List(args)) => list(sheet, &args, style, out),
        Some(Command::Get { id, field }) => get(sheet, &id, field.unwrap_or(Field::Value), out),
        Some(Command::Show { id, format }) => show(sheet, &id, format, style, out),
        Some(Command::Search {
            query,
            measure,
            output,
        }) => find(sheet, &query.join(" "), &measure, &output, style, out),
        Some(Command::Completions { shell }) => {
            crate::shell::write_completions(shell, out)?;
            Ok(Exit::Success)
        }
        Some(Command::Man) => {
            crate::shell::write_man(out)?;
            Ok(Exit::Success)
        }
        Some(Command::Timeline {
            sector,
            measure,
            by_measure,
            output,
        }) => timeline(sheet, sector, measure, by_measure, &output, style, out),
        Some(Command::Series(args)) => series::series(sheet, &args, style, out),
        Some(Command::Check(args)) => check_drafts(sheet, &args, out),
        Some(Command::Cite { id, style }) => cite(sheet, &id, style, out),
        Some(Command::Sources { format }) => sources(sheet, format, style, out),
        Some(Command::Schema) => schema(out),
        Some(Command::Validate { .. }) => {
            anyhow::bail!("validate checks sheet files; it does not run against a loaded sheet")
        }
    }
}

fn none_matched(what: &str) -> Result<Exit> {
    eprintln_quiet(&format!("pakaz: {what}"));
    Ok(Exit::NothingFound)
}

/// A message on stderr that must not fail the command if stderr is closed.
fn eprintln_quiet(message: &str) {
    let _ = writeln!(io::stderr(), "{message}");
}

/// An unknown sector is a mistake in the command, not an empty result.
fn check_sector(sheet: &Sheet, name: &str) -> Result<()> {
    if sheet.sector(name).is_some() {
        return Ok(());
    }
    let names: Vec<&str> = sheet.sectors.iter().map(|s| s.name.as_str()).collect();
    anyhow::bail!(
        "unknown sector '{}'{}; the sectors are: {}",
        sanitize(&crate::text::cut(name)),
        crate::diag::did_you_mean(name, names.iter().copied()),
        names.join(", ")
    )
}

fn lookup<'a>(sheet: &'a Sheet, id: &str) -> Result<&'a Fact> {
    // Ids of a valid sheet are plain, but a message escapes whatever it shows.
    let listed = |ids: &[String]| -> String {
        ids.iter()
            .map(|i| sanitize(i))
            .collect::<Vec<_>>()
            .join(", ")
    };
    query::find(sheet, id).map_err(|why| {
        let long = id.chars().count() > crate::text::MAX_SHOWN;
        let id = sanitize(&crate::text::cut(id)).into_owned();
        let message = match why {
            Lookup::Missing { .. } if long => format!("no fact '{id}'"),
            Lookup::Missing { suggestions } if suggestions.is_empty() => {
                format!("no fact '{id}' (try: pakaz search {id})")
            }
            Lookup::Missing { suggestions } => {
                format!("no fact '{id}'; did you mean {}?", listed(&suggestions))
            }
            Lookup::Ambiguous { candidates } => {
                format!(
                    "'{id}' names several facts; give one of: {}",
                    listed(&candidates)
                )
            }
        };
        anyhow::Error::new(NotFound(message))
    })
}

/// Sanitizes each line of a multi-line value, keeping the newlines.
fn sanitize_lines(text: &str) -> String {
    text.split('\n')
        .map(|l| sanitize(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_decision() {
        use ColorChoice::*;
        assert!(use_color(Auto, true, None, Some("xterm")));
        assert!(!use_color(Auto, false, None, None));
        assert!(!use_color(Auto, true, Some("1"), None));
        assert!(use_color(Auto, true, Some(""), None));
        assert!(!use_color(Auto, true, None, Some("dumb")));
        assert!(use_color(Always, false, Some("1"), None));
        assert!(!use_color(Never, true, None, None));
    }
}
