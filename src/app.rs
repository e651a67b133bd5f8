//! Running a parsed command line: output settings decided once, the sheet loaded, the command
//! carried out against it.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::cli::{
    CardFormat, CheckArgs, CheckFormat, CiteStyle, Cli, ColorChoice, Command, FailOn, Field,
    Format, ListArgs, OutputArgs, ReportFormat, Sort,
};
use crate::diag::Diagnostic;
use crate::exit::{Exit, NotFound};
use crate::figure::figure;
use crate::load::{self, Plan};
use crate::model::{Fact, Sheet};
use crate::query::{self, Filter, Lookup, SortKey};
use crate::render::{self, Style};
use crate::search;
use crate::sheet;
use crate::text::sanitize;

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

fn plan(cli_facts: &[PathBuf], no_bundled: bool) -> Result<Plan> {
    Plan::from_env(no_bundled, cli_facts).map_err(|d| anyhow::anyhow!(d.to_string()))
}

/// The sheet completions are offered from: bundled, the sheet directory and `PAKAZ_FACTS`
/// (command-line flags are not known while the shell completes).
pub fn load_sheet() -> Result<Sheet> {
    load(&plan(&[], false)?)
}

/// Runs one command line to completion; output goes to stdout, talk to stderr.
pub fn run(cli: Cli) -> Result<Exit> {
    let style = style(cli.color);
    let mut out = io::BufWriter::new(Stdout(io::stdout().lock()));
    let code = match cli.command {
        // These two do not need the merged sheet, so they work while a user's sheet is broken.
        Some(Command::Schema) => schema(&mut out)?,
        Some(Command::Validate { files }) => {
            validate(&cli.facts, cli.no_bundled, &files, &mut out)?
        }
        command => {
            let sheet = load(&plan(&cli.facts, cli.no_bundled)?)?;
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
        Some(Command::Search { query, output }) => {
            find(sheet, &query.join(" "), &output, style, out)
        }
        Some(Command::Completions { shell }) => {
            crate::shell::write_completions(shell, out)?;
            Ok(Exit::Success)
        }
        Some(Command::Man) => {
            crate::shell::write_man(out)?;
            Ok(Exit::Success)
        }
        Some(Command::Timeline { sector, output }) => timeline(sheet, sector, &output, style, out),
        Some(Command::Check(args)) => check_drafts(sheet, &args, out),
        Some(Command::Cite { id, style }) => cite(sheet, &id, style, out),
        Some(Command::Sources { format }) => sources(sheet, format, style, out),
        Some(Command::Schema) => schema(out),
        Some(Command::Validate { .. }) => {
            anyhow::bail!("validate checks sheet files; it does not run against a loaded sheet")
        }
    }
}

fn overview(sheet: &Sheet, style: &Style, out: &mut dyn Write) -> Result<Exit> {
    let sources: Vec<String> = sheet
        .sources
        .values()
        .map(|s| {
            let date = s
                .date
                .as_deref()
                .and_then(|d| crate::period::Period::parse(d).ok())
                .map(|p| format!(", {}", p.human()))
                .unwrap_or_default();
            format!(
                "{}{date}: “{}”",
                s.publisher.as_deref().unwrap_or("(no publisher)"),
                s.title
            )
        })
        .collect();
    writeln!(
        out,
        "{} — {} facts in {} sectors\n{}\n\nSources:",
        sanitize(&sheet.title),
        sheet.facts.len(),
        sheet.sectors.len(),
        sanitize(&sheet.description)
    )?;
    for s in sources {
        writeln!(out, "  {}", sanitize(&s))?;
    }
    writeln!(out)?;
    write!(out, "{}", render::sectors_table(sheet, style))?;
    writeln!(
        out,
        "\nTry:\n  pakaz list --sector tourism      facts of one sector\n  pakaz get tourism.visitors-2024  one bare figure, for scripts\n  pakaz search jf17                find facts by any word\n\nMore: pakaz --help"
    )?;
    Ok(Exit::Success)
}

fn sectors(sheet: &Sheet, output: &OutputArgs, style: &Style, out: &mut dyn Write) -> Result<Exit> {
    let header = ["name", "facts", "description"].map(String::from);
    let rows: Vec<[String; 3]> = sheet
        .sectors
        .iter()
        .map(|s| {
            render::safe_cells(
                [
                    s.name.clone(),
                    sheet.count_in(&s.name).to_string(),
                    s.description.clone(),
                ],
                output.csv_safe,
            )
        })
        .collect();
    match output.format {
        Format::Table => write!(out, "{}", render::sectors_table(sheet, style))?,
        Format::Json => {
            let items: Vec<serde_json::Value> = sheet
                .sectors
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "name": s.name,
                        "description": s.description,
                        "facts": sheet.count_in(&s.name),
                    })
                })
                .collect();
            render::write_json_value(out, &items)?;
        }
        Format::Csv => render::write_csv_records(out, std::iter::once(header).chain(rows))?,
        Format::Tsv => {
            for row in std::iter::once(header).chain(rows) {
                writeln!(out, "{}", row.map(|c| render::tsv_cell(&c)).join("\t"))?;
            }
        }
        Format::Markdown => {
            writeln!(out, "| Sector | Facts | Description |\n|---|---|---|")?;
            for row in rows {
                writeln!(out, "| {} |", row.map(|c| render::md_cell(&c)).join(" | "))?;
            }
        }
    }
    Ok(Exit::Success)
}

/// Writes facts in the chosen format. An empty selection prints an empty result
/// (`[]`, or a header only) and says so on stderr; the caller exits 1.
fn write_facts(
    sheet: &Sheet,
    facts: &[&Fact],
    output: &OutputArgs,
    style: &Style,
    out: &mut dyn Write,
    table: fn(&[&Fact], &Style) -> String,
    scores: Option<&[f64]>,
) -> Result<()> {
    match output.format {
        Format::Table if facts.is_empty() => {}
        Format::Table => write!(out, "{}", table(facts, style))?,
        Format::Json => render::write_json(out, sheet, facts, scores)?,
        Format::Csv => render::write_csv(out, sheet, facts, output.csv_safe)?,
        Format::Tsv => render::write_tsv(out, sheet, facts, output.csv_safe)?,
        Format::Markdown => render::write_markdown(out, sheet, facts)?,
    }
    Ok(())
}

fn none_matched(what: &str) -> Result<Exit> {
    eprintln_quiet(&format!("pakaz: {what}"));
    Ok(Exit::NothingFound)
}

/// A message on stderr that must not fail the command if stderr is closed.
fn eprintln_quiet(message: &str) {
    let _ = writeln!(io::stderr(), "{message}");
}

fn list(sheet: &Sheet, args: &ListArgs, style: &Style, out: &mut dyn Write) -> Result<Exit> {
    for s in &args.sector {
        check_sector(sheet, s)?;
    }
    let filter = Filter {
        sectors: args.sector.clone(),
        tags: args.tag.clone(),
        since: args.year.or(args.since),
        until: args.year.or(args.until),
        grep: args.grep.clone(),
    };
    if let (Some(a), Some(b)) = (filter.since, filter.until) {
        if a > b {
            anyhow::bail!("--since {a} is after --until {b}");
        }
    }
    let sort = match args.sort {
        None => SortKey::Sheet,
        Some(Sort::Id) => SortKey::Id,
        Some(Sort::Sector) => SortKey::Sector,
        Some(Sort::Period) => SortKey::Period,
        Some(Sort::Value) => SortKey::Value,
    };
    let facts = query::select(sheet, &filter, sort);
    write_facts(
        sheet,
        &facts,
        &args.output,
        style,
        out,
        render::facts_table,
        None,
    )?;
    if facts.is_empty() {
        return none_matched("no fact matches these filters");
    }
    Ok(Exit::Success)
}

/// An unknown sector is a mistake in the command, not an empty result.
fn check_sector(sheet: &Sheet, name: &str) -> Result<()> {
    if sheet.sector(name).is_some() {
        return Ok(());
    }
    let names: Vec<&str> = sheet.sectors.iter().map(|s| s.name.as_str()).collect();
    anyhow::bail!(
        "unknown sector '{}'{}; the sectors are: {}",
        sanitize(name),
        sheet::did_you_mean(name, names.iter().copied()),
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
        let id = sanitize(id);
        let message = match why {
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

fn get(sheet: &Sheet, id: &str, field: Field, out: &mut dyn Write) -> Result<Exit> {
    let fact = lookup(sheet, id)?;
    let absent = |name: &str| -> anyhow::Error {
        anyhow::Error::new(NotFound(format!(
            "fact '{}' has no {name}",
            sanitize(&fact.id)
        )))
    };
    let text = match field {
        Field::Id => fact.id.clone(),
        Field::Sector => fact.sector().to_string(),
        Field::Label => fact.label.clone(),
        Field::Value => fact.value.raw(),
        Field::Unit => fact.unit.clone().ok_or_else(|| absent("unit"))?,
        Field::Qualifier => fact.qualifier.name().to_string(),
        Field::Period => fact
            .period
            .map(|p| p.to_string())
            .ok_or_else(|| absent("period"))?,
        Field::Figure => figure(fact),
        Field::Tags => fact.tags.join("\n"),
        Field::Aliases => fact.aliases.join("\n"),
        Field::Note => fact.note.clone().ok_or_else(|| absent("note"))?,
        Field::Source => render::source_line(sheet, fact),
        Field::SourceKey => fact.source.key.clone(),
        Field::Section => fact
            .source
            .section
            .clone()
            .ok_or_else(|| absent("section"))?,
        Field::Origin => fact.origin.clone(),
    };
    if !text.is_empty() {
        writeln!(out, "{}", sanitize_lines(&text))?;
    }
    Ok(Exit::Success)
}

/// Sanitizes each line of a multi-line value, keeping the newlines.
fn sanitize_lines(text: &str) -> String {
    text.split('\n')
        .map(|l| sanitize(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

fn show(
    sheet: &Sheet,
    id: &str,
    format: CardFormat,
    style: &Style,
    out: &mut dyn Write,
) -> Result<Exit> {
    let fact = lookup(sheet, id)?;
    match format {
        CardFormat::Table => write!(out, "{}", render::card(sheet, fact, style))?,
        CardFormat::Json => render::write_json(out, sheet, &[fact], None)?,
    }
    Ok(Exit::Success)
}

fn find(
    sheet: &Sheet,
    query: &str,
    output: &OutputArgs,
    style: &Style,
    out: &mut dyn Write,
) -> Result<Exit> {
    let hits = search::search(sheet, query);
    let facts: Vec<&Fact> = hits.iter().map(|h| h.fact).collect();
    let scores: Vec<f64> = hits
        .iter()
        .map(|h| (h.score * 100.0).round() / 100.0)
        .collect();
    write_facts(
        sheet,
        &facts,
        output,
        style,
        out,
        render::facts_table,
        Some(&scores),
    )?;
    if facts.is_empty() {
        return none_matched(&format!("nothing matches '{}'", sanitize(query)));
    }
    Ok(Exit::Success)
}

fn timeline(
    sheet: &Sheet,
    sectors: Vec<String>,
    output: &OutputArgs,
    style: &Style,
    out: &mut dyn Write,
) -> Result<Exit> {
    for s in &sectors {
        check_sector(sheet, s)?;
    }
    let filter = Filter {
        sectors,
        ..Filter::default()
    };
    let facts: Vec<&Fact> = query::select(sheet, &filter, SortKey::Period)
        .into_iter()
        .filter(|f| f.period.is_some())
        .collect();
    write_facts(
        sheet,
        &facts,
        output,
        style,
        out,
        render::timeline_table,
        None,
    )?;
    if facts.is_empty() {
        return none_matched("no dated fact in these sectors");
    }
    Ok(Exit::Success)
}

/// The most a draft may hold, per file or standard input: 4 MiB, a long book. A draft is
/// checked whole, because a figure's context reaches across it (the heading above, a table's
/// header row, the line introducing a list, a code fence opened many lines up), so checking it
/// in pieces would change results; the cap is what keeps memory bounded instead (checking
/// takes about 40 bytes per byte of draft) and stops an input that never ends.
pub const MAX_DRAFT_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a draft: a file, or standard input for `-`. Pipes and devices are read as they come
/// (`check <(cmd)` works) but never past [`MAX_DRAFT_BYTES`]. Invalid UTF-8 is replaced, not
/// fatal.
fn read_draft(path: &Path, name: &str) -> Result<String> {
    use std::io::Read;
    let cannot = |e: io::Error| anyhow::anyhow!("cannot read '{}': {e}", sanitize(name));
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        io::stdin()
            .lock()
            .take(MAX_DRAFT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(cannot)?;
    } else {
        let file = std::fs::File::open(path).map_err(cannot)?;
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            anyhow::bail!("cannot read '{}': it is a directory", sanitize(name));
        }
        file.take(MAX_DRAFT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(cannot)?;
    }
    if bytes.len() as u64 > MAX_DRAFT_BYTES {
        anyhow::bail!(
            "'{}' is too large: a draft may be at most {} MiB; check it in parts",
            sanitize(name),
            MAX_DRAFT_BYTES / (1024 * 1024)
        );
    }
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// A finding as `check --format json` prints it: fields in the documented order.
#[derive(serde::Serialize)]
struct JsonFinding {
    file: String,
    #[serde(flatten)]
    finding: crate::check::Finding,
    /// The plain citation of the fact, when the figure belongs to one.
    citation: Option<String>,
}

fn check_drafts(sheet: &Sheet, args: &CheckArgs, out: &mut dyn Write) -> Result<Exit> {
    use crate::check::{Checker, Status};
    // Every input is read before anything is printed: an unreadable one is a usage error.
    let drafts: Vec<(String, String)> = args
        .files
        .iter()
        .map(|path| {
            let name = if path == Path::new("-") {
                "<stdin>".to_string()
            } else {
                load::display(path)
            };
            read_draft(path, &name).map(|text| (name, text))
        })
        .collect::<Result<_>>()?;
    let checker = Checker::new(sheet);
    let shown = |status: Status| match status {
        Status::Mismatch | Status::Qualifier => true,
        Status::Ok => args.verbose,
        Status::Unknown => args.all,
    };
    let fails = |status: Status| {
        args.fail_on.iter().any(|f| match f {
            FailOn::Mismatch => status == Status::Mismatch,
            FailOn::Qualifier => status == Status::Qualifier,
            FailOn::Unknown => status == Status::Unknown && args.all,
        })
    };
    let citation = |id: &Option<String>| -> Option<String> {
        let fact = sheet.facts.iter().find(|f| Some(&f.id) == id.as_ref())?;
        Some(crate::cite::cite(sheet, fact, crate::cite::Style::Plain))
    };
    let mut failed = false;
    let mut json = Vec::new();
    for (name, text) in &drafts {
        for f in checker.check(text) {
            failed |= fails(f.status);
            if !shown(f.status) {
                continue;
            }
            let problem = matches!(f.status, Status::Mismatch | Status::Qualifier);
            match args.format {
                CheckFormat::Text => {
                    let at = format!("{}:{}:{}", sanitize(name), f.line, f.column);
                    writeln!(out, "{at}: {}: {}", f.status.level(), sanitize(&f.message))?;
                    if args.fix_hints && problem {
                        if let Some(c) = citation(&f.fact) {
                            writeln!(out, "{at}: help: cite the sheet: {}", sanitize(&c))?;
                        }
                    }
                }
                CheckFormat::Github => {
                    let level = match f.status {
                        Status::Mismatch => "error",
                        Status::Qualifier => "warning",
                        Status::Ok | Status::Unknown => "notice",
                    };
                    let mut message = f.message.clone();
                    if args.fix_hints && problem {
                        if let Some(c) = citation(&f.fact) {
                            message.push_str(&format!("\ncite the sheet: {c}"));
                        }
                    }
                    writeln!(
                        out,
                        "{}",
                        github_annotation(level, name, f.line, f.column, f.status.name(), &message)
                    )?;
                }
                CheckFormat::Json => json.push(JsonFinding {
                    file: name.clone(),
                    citation: citation(&f.fact),
                    finding: f,
                }),
            }
        }
    }
    if args.format == CheckFormat::Json {
        render::write_json_value(out, &json)?;
    }
    // 1 when a figure fails: the same code as "nothing found", so scripts test one thing.
    Ok(if failed {
        Exit::NothingFound
    } else {
        Exit::Success
    })
}

/// A GitHub Actions workflow command (`::error file=F,line=L,col=C,title=T::message`), with
/// the escaping the runner expects: `%`, CR and LF everywhere, and `:` and `,` in properties.
fn github_annotation(
    level: &str,
    file: &str,
    line: usize,
    column: usize,
    status: &str,
    message: &str,
) -> String {
    let data = |s: &str| {
        sanitize_lines(s)
            .replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    format!(
        "::{level} file={},line={line},col={column},title={}::{}",
        property(file),
        property(&format!("pakaz check: {status}")),
        data(message)
    )
}

fn cite(sheet: &Sheet, id: &str, style: CiteStyle, out: &mut dyn Write) -> Result<Exit> {
    use crate::cite::Style;
    let fact = lookup(sheet, id)?;
    let style = match style {
        CiteStyle::Plain => Style::Plain,
        CiteStyle::Markdown => Style::Markdown,
        CiteStyle::Apa => Style::Apa,
        CiteStyle::Chicago => Style::Chicago,
        CiteStyle::Bibtex => Style::Bibtex,
    };
    writeln!(
        out,
        "{}",
        sanitize_lines(&crate::cite::cite(sheet, fact, style))
    )?;
    Ok(Exit::Success)
}

fn sources(
    sheet: &Sheet,
    format: ReportFormat,
    style: &Style,
    out: &mut dyn Write,
) -> Result<Exit> {
    match format {
        ReportFormat::Table => {
            write!(out, "{}", render::loaded_table(sheet, style))?;
            writeln!(out)?;
            write!(out, "{}", render::sources_table(sheet, style))?;
        }
        ReportFormat::Json => {
            let sheets: Vec<serde_json::Value> = sheet
                .loaded
                .iter()
                .map(|l| {
                    serde_json::json!({
                        "name": l.name,
                        "title": l.title,
                        "facts": l.facts,
                        "replaced": l.replaced,
                        "sources": l.sources,
                        "sectors": l.sectors,
                    })
                })
                .collect();
            let sources: Vec<serde_json::Value> = sheet
                .sources
                .values()
                .map(|s| {
                    serde_json::json!({
                        "key": s.key,
                        "title": s.title,
                        "publisher": s.publisher,
                        "date": s.date,
                        "people": s.people,
                        "url": s.url,
                        "sheet": s.origin,
                        "facts": sheet.cited(&s.key),
                    })
                })
                .collect();
            let report = serde_json::json!({ "sheets": sheets, "sources": sources });
            render::write_json_value(out, &report)?;
        }
    }
    Ok(Exit::Success)
}

fn schema(out: &mut dyn Write) -> Result<Exit> {
    render::write_json_value(out, &crate::schema::schema())?;
    Ok(Exit::Success)
}

/// Checks sheet files, every problem on stderr and a line per good sheet on stdout. With no
/// files, checks what would be loaded. Each file is checked on top of the ones before it (of
/// a file with problems, its valid parts), as loading would.
fn validate(
    cli_facts: &[PathBuf],
    no_bundled: bool,
    files: &[PathBuf],
    out: &mut dyn Write,
) -> Result<Exit> {
    let (with_bundled, files, report_bundled) = if files.is_empty() {
        let plan = plan(cli_facts, no_bundled)?;
        (plan.bundled, plan.files, plan.bundled)
    } else {
        (!no_bundled, files.to_vec(), false)
    };
    let mut tally = Tally::default();
    let mut context = Sheet::default();
    if with_bundled {
        let (bundled, found) =
            sheet::parse_all(sheet::BUNDLED_TEXT, sheet::BUNDLED_NAME, &Sheet::default());
        if report_bundled {
            tally.report(sheet::BUNDLED_NAME, &bundled, found, out)?;
        }
        context = bundled;
    }
    for path in &files {
        let name = load::display(path);
        let (next, found) = match load::read(path) {
            Ok(text) => sheet::parse_all(&text, &name, &context),
            Err(d) => (Sheet::default(), vec![d]),
        };
        tally.report(&name, &next, found, out)?;
        sheet::merge(&mut context, next);
    }
    if tally.problems > 0 {
        anyhow::bail!(
            "{} in {} ({} checked)",
            plural(tally.problems, "problem"),
            plural(tally.bad_sheets, "sheet"),
            tally.checked
        );
    }
    Ok(Exit::Success)
}

#[derive(Default)]
struct Tally {
    checked: usize,
    bad_sheets: usize,
    problems: usize,
}

impl Tally {
    fn report(
        &mut self,
        name: &str,
        sheet: &Sheet,
        found: Vec<Diagnostic>,
        out: &mut dyn Write,
    ) -> Result<()> {
        self.checked += 1;
        if found.is_empty() {
            writeln!(
                out,
                "{}: ok ({}, {}, {})",
                sanitize(name),
                plural(sheet.facts.len(), "fact"),
                plural(sheet.sources.len(), "source"),
                plural(sheet.sectors.len(), "sector")
            )?;
            return Ok(());
        }
        self.bad_sheets += 1;
        self.problems += found.len();
        // Keep stdout and stderr in order when both go to one terminal.
        out.flush()?;
        let mut err = io::stderr().lock();
        for d in found {
            // If stderr is closed there is nobody to tell; the exit code still says it.
            let _ = writeln!(err, "{d}\n");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_annotations_escape_what_the_runner_reads() {
        let a = github_annotation("error", "a,b:c.md", 4, 41, "mismatch", "50% off\nnext");
        assert_eq!(
            a,
            "::error file=a%2Cb%3Ac.md,line=4,col=41,title=pakaz check%3A mismatch::50%25 off%0Anext"
        );
        assert!(!github_annotation("notice", "f\u{1b}", 1, 1, "ok", "m").contains('\u{1b}'));
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
