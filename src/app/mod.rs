//! Running a parsed command line: output settings decided once, the sheet loaded, the command
//! carried out against it. The commands themselves live in the submodules: `lookup` (the
//! overview, sectors, list, get, show, search, timeline), `draft` (check and cite) and
//! `sheets` (sources, schema, validate).

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Result;

use crate::cli::{Cli, ColorChoice, Command, Field, FilterArgs};
use crate::diag::Diagnostic;
use crate::exit::Exit;
use crate::load::{self, Plan};
use crate::model::{Fact, Sheet};
use crate::query::{self, Filter, Lookup};
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
        wide: false,
        terminal: is_terminal,
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

/// The pager to show a command's output through: `$PAGER` run by the shell, or `less` when
/// it is unset; none when `PAGER` is empty or `cat`.
pub fn pager_command(pager: Option<&str>) -> Option<String> {
    match pager.map(str::trim) {
        None => Some("less".to_string()),
        Some("" | "cat") => None,
        Some(p) => Some(p.to_string()),
    }
}

/// Whether a command's output is for reading, and so goes through the pager on a terminal.
fn is_for_reading(command: &Option<Command>) -> bool {
    matches!(
        command,
        None | Some(
            Command::Sectors { .. }
                | Command::List(_)
                | Command::Show { .. }
                | Command::Search { .. }
                | Command::Timeline { .. }
                | Command::Sources { .. }
        )
    )
}

/// Starts the pager with its standard input to write to. `less` gets `-FRX` through `LESS`
/// unless the user set `LESS`: it then stays out of the way of output that fits the screen,
/// shows colour, and leaves the output on the screen when it quits, as with git.
fn start_pager() -> Option<std::process::Child> {
    let command = pager_command(std::env::var("PAGER").ok().as_deref())?;
    let mut sh = std::process::Command::new("sh");
    sh.arg("-c")
        .arg(&command)
        .stdin(std::process::Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        sh.env("LESS", "FRX");
    }
    // A pager that cannot start leaves the output on the terminal as it is.
    sh.spawn().ok()
}

/// Runs one command line to completion; output goes to stdout (through the pager when it is
/// a terminal and the output is for reading), talk to stderr.
pub fn run(cli: Cli) -> Result<Exit> {
    if let Some(Command::Lsp) = cli.command {
        // The server writes to stdout from its own thread, so stdout is not locked here.
        return crate::lsp::run(&cli.facts, cli.no_bundled);
    }
    let style = style(cli.color);
    let mut pager = if style.terminal && !cli.no_pager && is_for_reading(&cli.command) {
        start_pager()
    } else {
        None
    };
    let sink: Box<dyn Write> = match pager.as_mut().and_then(|p| p.stdin.take()) {
        Some(stdin) => Box::new(stdin),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = io::BufWriter::new(Stdout(sink));
    let code = run_command(cli, &style, &mut out);
    let flushed = out.flush();
    // Closing the pager's input lets it finish; wait until the user has quit it.
    drop(out);
    if let Some(mut child) = pager {
        let _ = child.wait();
    }
    let code = code?;
    // A closed pipe ends quietly, but keeps a failing status: `pakaz check bad.md | head -1`
    // must still fail under `set -o pipefail`.
    match flushed {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe && code != Exit::Success => Ok(code),
        other => {
            other?;
            Ok(code)
        }
    }
}

fn run_command(cli: Cli, style: &Style, out: &mut dyn Write) -> Result<Exit> {
    let code = match cli.command {
        // These do not need the merged sheet, so they work while a user's sheet is broken (the
        // completion scripts read the sheets when the shell asks, not when they are made).
        Some(Command::Schema) => schema(out)?,
        Some(Command::Completions { shell }) => {
            crate::shell::write_completions(shell, out)?;
            Exit::Success
        }
        Some(Command::Man { command, dir }) => {
            crate::shell::man(command.as_deref(), dir.as_deref(), out)?;
            Exit::Success
        }
        Some(Command::Validate { files, strict }) => {
            validate(&cli.facts, cli.no_bundled, &files, strict, out)?
        }
        command => {
            let sheet = load(&plan(&cli.facts, cli.no_bundled, true)?)?;
            let code = execute(command, &sheet, style, out)?;
            // The process ends next: freeing a large sheet piece by piece is wasted time.
            std::mem::forget(sheet);
            code
        }
    };
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
        Some(Command::Get { ids, field }) => {
            get(sheet, &ids, field.unwrap_or(Field::Value), style, out)
        }
        Some(Command::Show { ids, format }) => show(sheet, &ids, format, style, out),
        Some(Command::Search {
            query,
            filter,
            output,
        }) => find(sheet, &query, &filter, &output, style, out),
        Some(Command::Completions { shell }) => {
            crate::shell::write_completions(shell, out)?;
            Ok(Exit::Success)
        }
        Some(Command::Man { command, dir }) => {
            crate::shell::man(command.as_deref(), dir.as_deref(), out)?;
            Ok(Exit::Success)
        }
        Some(Command::Timeline {
            filter,
            by_measure,
            output,
        }) => timeline(sheet, &filter, by_measure, &output, style, out),
        Some(Command::Series(args)) => series::series(sheet, &args, style, out),
        Some(Command::Check(args)) => check_drafts(sheet, &args, style, out),
        Some(Command::Cite {
            ids,
            style,
            format,
            all,
            sector,
            tag,
        }) => {
            let filter = crate::query::Filter {
                sectors: sector,
                tags: tag,
                ..Default::default()
            };
            let req = draft::CiteRequest {
                ids: &ids,
                all,
                filter,
                style,
                format,
            };
            cite(sheet, &req, out)
        }
        Some(Command::Sources { format }) => sources(sheet, format, style, out),
        Some(Command::Schema) => schema(out),
        Some(Command::Lsp) => {
            anyhow::bail!(
                "lsp serves an editor on stdin and stdout; it does not run against a loaded sheet"
            )
        }
        Some(Command::Validate { .. }) => {
            anyhow::bail!("validate checks sheet files; it does not run against a loaded sheet")
        }
    }
}

/// The one way a command ends with "nothing found" (exit 1): what was written so far goes out
/// first, then `what` on stderr. A failed flush is not reported here: `run` flushes again and
/// keeps the exit status when stdout is a closed pipe.
fn nothing_found(out: &mut dyn Write, what: &str) -> Exit {
    let _ = out.flush();
    eprintln_quiet(&format!("pakaz: {what}"));
    Exit::NothingFound
}

/// A message on stderr that must not fail the command if stderr is closed.
fn eprintln_quiet(message: &str) {
    let _ = writeln!(io::stderr(), "{message}");
}

/// The filter the shared flags of `list`, `timeline` and `search` ask for. Sector and tag
/// names are matched in any case and given as the sheet spells them; an unknown one is a
/// mistake in the command, not an empty result.
fn filter(sheet: &Sheet, args: &FilterArgs) -> Result<Filter> {
    let sectors: Vec<&str> = sheet.sectors.iter().map(|s| s.name.as_str()).collect();
    let mut tags: Vec<&str> = sheet
        .facts
        .iter()
        .flat_map(|f| f.tags.iter().map(String::as_str))
        .collect();
    tags.sort_unstable();
    tags.dedup();
    for m in &args.measure {
        series::check_measure(sheet, m)?;
    }
    let filter = Filter {
        sectors: known(&args.sector, &sectors, "sector")?,
        tags: known(&args.tag, &tags, "tag")?,
        since: args.year.or(args.since),
        until: args.year.or(args.until),
        grep: args.grep.clone(),
        measures: args.measure.clone(),
    };
    if let (Some(a), Some(b)) = (filter.since, filter.until) {
        if a > b {
            anyhow::bail!("--since {a} is after --until {b}");
        }
    }
    Ok(filter)
}

/// Each of `given` as the sheet spells it, matched in any case among `names`.
fn known(given: &[String], names: &[&str], what: &str) -> Result<Vec<String>> {
    given
        .iter()
        .map(|g| {
            let g = g.trim();
            if let Some(name) = names.iter().find(|n| n.to_lowercase() == g.to_lowercase()) {
                return Ok((*name).to_string());
            }
            let lower = g.to_lowercase();
            let listed = if names.len() <= 20 {
                format!("; the {what}s are: {}", names.join(", "))
            } else {
                format!("; `pakaz list --format json` shows every {what}")
            };
            anyhow::bail!(
                "unknown {what} '{}'{}{listed}",
                sanitize(&crate::text::cut(g)),
                crate::diag::did_you_mean(&lower, names.iter().copied()),
            )
        })
        .collect()
}

/// The fact `id` names, or what to tell the user when it names none (or several): a
/// suggestion, or the candidates.
fn lookup<'a>(sheet: &'a Sheet, id: &str) -> std::result::Result<&'a Fact, String> {
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
        match why {
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
        }
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
    fn pager_is_less_unless_the_user_says_otherwise() {
        assert_eq!(pager_command(None).as_deref(), Some("less"));
        assert_eq!(pager_command(Some("")), None);
        assert_eq!(pager_command(Some("cat")), None);
        assert_eq!(pager_command(Some("most -s")).as_deref(), Some("most -s"));
    }

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
