//! Drafts: `check` (figures in a draft against the sheet) and `cite`.

use std::io::{self, IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::Path;

use anyhow::Result;

use super::{lookup, nothing_found, plural, sanitize_lines};
use crate::cli::{CheckArgs, CheckFormat, CiteFormat, CiteStyle, FailOn};
use crate::exit::Exit;
use crate::load;
use crate::model::{Fact, Sheet};
use crate::render::{self, Style};
use crate::text::sanitize;

/// The most a draft may hold, per file or standard input: 16 MiB, several long books. A draft
/// is held whole (its text and its layout, about 5 bytes per byte), while what reading it
/// takes (tokens, figures, findings) is bounded by a piece of it (`check::pieces`); the cap
/// bounds the rest and stops an input that never ends.
pub const MAX_DRAFT_BYTES: u64 = 16 * 1024 * 1024;

/// Whether standard input is closed. Rust's runtime reopens a closed descriptor 0 on
/// `/dev/null` before `main`, so a closed stdin and `< /dev/null` look alike: both are taken as
/// "no draft given", since checking nothing and passing would tell a script all is well.
fn stdin_is_closed() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{FileTypeExt, MetadataExt};
        let (Ok(stdin), Ok(null)) = (
            std::fs::metadata("/dev/stdin"),
            std::fs::metadata("/dev/null"),
        ) else {
            return false;
        };
        stdin.file_type().is_char_device() && stdin.rdev() == null.rdev()
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Reads a draft: a file, or standard input for `-`. Pipes and devices are read as they come
/// (`check <(cmd)` works) but never past [`MAX_DRAFT_BYTES`]. Invalid UTF-8 is replaced, not
/// fatal.
fn read_draft(path: &Path, name: &str) -> Result<String> {
    use std::io::Read;
    let cannot = |e: io::Error| anyhow::anyhow!("cannot read '{}': {e}", sanitize(name));
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        if stdin_is_closed() {
            anyhow::bail!(
                "standard input is closed (or /dev/null): there is no draft to read on '-'"
            );
        }
        io::stdin()
            .lock()
            .take(MAX_DRAFT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(cannot)?;
    } else {
        let file = std::fs::File::open(path).map_err(cannot)?;
        let meta = file.metadata().ok();
        if meta.as_ref().is_some_and(|m| m.is_dir()) {
            anyhow::bail!("cannot read '{}': it is a directory", sanitize(name));
        }
        // A regular file's size is known: read it into one buffer of that size (a device or a
        // pipe says 0 and is read as it comes).
        let size = meta.map_or(0, |m| m.len()).min(MAX_DRAFT_BYTES + 1);
        bytes.reserve(usize::try_from(size).unwrap_or(0));
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
struct JsonFinding<'f> {
    file: &'f str,
    #[serde(flatten)]
    finding: &'f crate::check::Finding,
    /// The plain citation of the fact, when the figure belongs to one.
    citation: Option<String>,
}

/// Output that a closed pipe does not stop: once the reader has gone, what is written is
/// dropped, so that checking can go on until the exit status is known (`check bad.md | head
/// -1` still exits 1 under `set -o pipefail`).
struct Tap<'a> {
    out: &'a mut dyn Write,
    closed: bool,
}

impl Write for Tap<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.out.write(buf) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.out.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

/// ANSI styles for `check`'s text output on a terminal, as compilers colour diagnostics.
struct Paint {
    on: bool,
}

impl Paint {
    /// Appends one diagnostic line to `out`: `FILE:LINE:COL: LEVEL: MESSAGE`, the place in
    /// bold and the level in its colour when colour is on, the message made safe for a
    /// terminal. Made by appending to one line, not through nested `Display` values: `check --all --verbose` writes a
    /// line for every figure of a draft.
    fn diagnostic(&self, out: &mut String, place: Place, level: &str, message: &str) {
        use std::fmt::Write as _;
        self.open(out, "1");
        out.push_str(place.name);
        // Writing into a string cannot fail.
        let _ = write!(out, ":{}:{}:", place.line, place.column);
        self.close(out);
        out.push(' ');
        self.open(out, level_colour(level));
        out.push_str(level);
        self.close(out);
        out.push_str(": ");
        out.push_str(&sanitize(message));
        out.push('\n');
    }

    /// Starts text in the style `code` (an SGR parameter list) when colour is on.
    fn open(&self, out: &mut String, code: &str) {
        if self.on {
            out.push_str("\x1b[");
            out.push_str(code);
            out.push('m');
        }
    }

    /// Ends what [`Paint::open`] started.
    fn close(&self, out: &mut String) {
        if self.on {
            out.push_str("\x1b[0m");
        }
    }
}

/// The colour of a diagnostic's level, as compilers show them.
fn level_colour(level: &str) -> &'static str {
    match level {
        "error" => "1;31",
        "warning" => "1;33",
        "help" => "1;32",
        _ => "1;36",
    }
}

/// Where a finding is: its file's name as shown, and its line and column.
#[derive(Clone, Copy)]
struct Place<'a> {
    name: &'a str,
    line: usize,
    column: usize,
}

/// Counts for the summary line.
#[derive(Default)]
struct Tally {
    errors: usize,
    warnings: usize,
    files_with_problems: usize,
}

impl Tally {
    /// `3 problems (2 errors, 1 warning) in 2 files`, or `no problems in 2 files`.
    fn summary(&self, files: usize) -> String {
        let files_word = |n: usize| if n == 1 { "file" } else { "files" };
        let problems = self.errors + self.warnings;
        if problems == 0 {
            return format!("no problems in {files} {}", files_word(files));
        }
        format!(
            "{} ({}, {}) in {} {}",
            plural(problems, "problem"),
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            self.files_with_problems,
            files_word(self.files_with_problems)
        )
    }
}

/// `pakaz check`: each draft is read, checked and reported in turn, so that memory holds one
/// draft at a time. An unreadable draft is reported on stderr and the others are still
/// checked; the exit status is then 2.
pub(super) fn check_drafts(
    sheet: &Sheet,
    args: &CheckArgs,
    style: &Style,
    out: &mut dyn Write,
) -> Result<Exit> {
    use crate::check::{Checker, Options, Shown, Status};
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
    // Facts by id, made on the first citation: a lookup per finding, not a scan of the sheet.
    let by_id: std::cell::OnceCell<std::collections::HashMap<&str, &crate::model::Fact>> =
        std::cell::OnceCell::new();
    let citation = |id: &Option<String>| -> Option<String> {
        let facts = by_id.get_or_init(|| sheet.facts.iter().map(|f| (f.id.as_str(), f)).collect());
        let fact = facts.get(id.as_deref()?)?;
        Some(crate::cite::cite(sheet, fact, crate::cite::Style::Plain))
    };
    let paint = Paint { on: style.color };
    let mut out = Tap { out, closed: false };
    let mut failed = false;
    let mut unreadable = false;
    let mut tally = Tally::default();
    // JSON and SARIF are one array of findings across the files, written as they come: what
    // goes before the first, the text that closes it, and how far its closing bracket is
    // indented (its items are indented two more).
    let (open, close, depth) = match args.format {
        CheckFormat::Json => ("[".to_string(), "]\n".to_string(), 0),
        CheckFormat::Sarif => sarif_frame()?,
        _ => (String::new(), String::new(), 0),
    };
    let indent = " ".repeat(depth + 2);
    write!(out, "{open}")?;
    let mut items = 0usize;
    for path in &args.files {
        // Once the reader has gone and a figure has failed, the exit status is known.
        if out.closed && failed {
            break;
        }
        let name = if path == Path::new("-") {
            "<stdin>".to_string()
        } else {
            load::display(path)
        };
        let text = match read_draft(path, &name) {
            Ok(text) => text,
            Err(e) => {
                let _ = writeln!(io::stderr(), "pakaz: {e:#}");
                unreadable = true;
                continue;
            }
        };
        let shown_name = sanitize(&name);
        let options = Options::named(name.clone());
        let options = match args.as_of {
            Some(d) => options.as_of(d),
            None => options,
        };
        let options = match args.threads {
            Some(n) => options.threads(n.into()),
            None => options,
        };
        let mut problems_here = false;
        // The findings of each piece of the draft are written as soon as it is read.
        // Findings that are not shown are never written out.
        let wanted = Shown {
            ok: args.verbose,
            unknown: args.all,
        };
        let mut line = String::new();
        let flow = checker.check_each(&text, &options, wanted, |findings| {
            for f in &findings {
                failed |= fails(f.status);
                if !shown(f.status) {
                    continue;
                }
                let problem = matches!(f.status, Status::Mismatch | Status::Qualifier);
                if problem {
                    problems_here = true;
                    if f.status == Status::Mismatch {
                        tally.errors += 1;
                    } else {
                        tally.warnings += 1;
                    }
                }
                let hint = |f: &crate::check::Finding| -> Option<String> {
                    let with = f.replacement.as_deref()?;
                    let mut h = format!("write {with}");
                    if let Some(c) = citation(&f.fact) {
                        h.push_str(&format!("; cite the sheet: {c}"));
                    }
                    Some(h)
                };
                let written = match args.format {
                    CheckFormat::Text => {
                        // The lines of a finding are made in `line` and written at once: a
                        // write to the output for each piece of them costs more.
                        line.clear();
                        let place = Place {
                            name: &shown_name,
                            line: f.line,
                            column: f.column,
                        };
                        paint.diagnostic(&mut line, place, f.status.level(), &f.message);
                        if let Some(h) = (args.fix_hints && problem).then(|| hint(f)).flatten() {
                            paint.diagnostic(&mut line, place, "help", &h);
                        }
                        out.write_all(line.as_bytes())
                    }
                    CheckFormat::Github => {
                        let level = match f.status {
                            Status::Mismatch => "error",
                            Status::Qualifier => "warning",
                            Status::Ok | Status::Unknown => "notice",
                        };
                        let mut message = f.message.clone();
                        if args.fix_hints && problem {
                            if let Some(h) = hint(f) {
                                message.push_str(&format!("\n{h}"));
                            }
                        }
                        writeln!(
                            out,
                            "{}",
                            github_annotation(
                                level,
                                &name,
                                f.line,
                                f.column,
                                f.status.name(),
                                &message
                            )
                        )
                    }
                    CheckFormat::Json => {
                        let item = JsonFinding {
                            file: &name,
                            citation: citation(&f.fact),
                            finding: f,
                        };
                        write_item(&mut out, &item, &indent, &mut items)
                    }
                    CheckFormat::Sarif => {
                        let item = sarif_result(&name, f, hint(f));
                        write_item(&mut out, &item, &indent, &mut items)
                    }
                };
                if let Err(e) = written {
                    return ControlFlow::Break(Some(e));
                }
            }
            // Once the reader has gone and a figure has failed, the exit status is known.
            if out.closed && failed {
                return ControlFlow::Break(None);
            }
            ControlFlow::Continue(())
        });
        if let ControlFlow::Break(Some(e)) = flow {
            return Err(e.into());
        }
        if problems_here {
            tally.files_with_problems += 1;
        }
    }
    // The array's end: on the line after the last finding, or straight after the opening
    // bracket of an empty one.
    if items > 0 {
        write!(out, "\n{}", &indent[2..])?;
    }
    write!(out, "{close}")?;
    out.flush()?;
    if io::stderr().is_terminal() && args.format == CheckFormat::Text {
        let _ = writeln!(io::stderr(), "{}", tally.summary(args.files.len()));
    }
    // 1 when a figure fails: the same code as "nothing found", so scripts test one thing; an
    // unreadable draft outweighs it.
    Ok(if unreadable {
        Exit::BadInput
    } else if failed {
        Exit::NothingFound
    } else {
        Exit::Success
    })
}

/// One item of a streamed JSON array, as the pretty array shows it: after a comma unless it
/// is the first, on a line of its own, each line indented by `indent`.
fn write_item<T: serde::Serialize>(
    out: &mut dyn Write,
    item: &T,
    indent: &str,
    items: &mut usize,
) -> io::Result<()> {
    let mut text = Vec::new();
    render::write_json_value(&mut text, item)?;
    let text = String::from_utf8_lossy(&text);
    write!(out, "{}", if *items == 0 { "\n" } else { ",\n" })?;
    *items += 1;
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        write!(out, "{indent}{line}")?;
    }
    Ok(())
}

/// The SARIF log of a run with no results, cut where its results go: the text through the
/// results array's opening bracket, the text from its closing bracket on, and the indentation
/// of the line that opens the array.
fn sarif_frame() -> Result<(String, String, usize)> {
    let mut text = Vec::new();
    render::write_json_value(&mut text, &sarif_log(Vec::new()))?;
    let text = String::from_utf8(text)?;
    let key = "\"results\": [";
    let at = text
        .find(key)
        .ok_or_else(|| anyhow::anyhow!("a SARIF log with no results array"))?
        + key.len();
    let (open, close) = text.split_at(at);
    let line = &open[open.rfind('\n').map_or(0, |i| i + 1)..];
    let depth = line.len() - line.trim_start().len();
    Ok((open.to_string(), close.to_string(), depth))
}

/// One finding as a SARIF result: rule `pakaz/STATUS`, the figure's region, the fix to write.
fn sarif_result(
    file: &str,
    f: &crate::check::Finding,
    hint: Option<String>,
) -> serde_sarif::sarif::Result {
    use serde_sarif::sarif;
    let level = match f.status {
        crate::check::Status::Mismatch => sarif::ResultLevel::Error,
        crate::check::Status::Qualifier => sarif::ResultLevel::Warning,
        _ => sarif::ResultLevel::Note,
    };
    let region = sarif::Region::builder()
        .start_line(f.line as i64)
        .start_column(f.column as i64)
        .end_line(f.end_line as i64)
        .end_column(f.end_column as i64 + 1)
        .build();
    let location = sarif::Location::builder()
        .physical_location(
            sarif::PhysicalLocation::builder()
                .artifact_location(sarif::ArtifactLocation::builder().uri(file).build())
                .region(region)
                .build(),
        )
        .build();
    let mut message = f.message.clone();
    if let Some(h) = hint {
        message.push_str(&format!("; {h}"));
    }
    sarif::Result::builder()
        .rule_id(format!("pakaz/{}", f.status.name()))
        .level(level)
        .message(sarif::Message::builder().text(message).build())
        .locations(vec![location])
        .build()
}

/// The SARIF log of one run of `pakaz check`.
fn sarif_log(results: Vec<serde_sarif::sarif::Result>) -> serde_sarif::sarif::Sarif {
    use serde_sarif::sarif;
    let rule = |id: &str, text: &str| {
        sarif::ReportingDescriptor::builder()
            .id(format!("pakaz/{id}"))
            .short_description(
                sarif::MultiformatMessageString::builder()
                    .text(text)
                    .build(),
            )
            .build()
    };
    let driver = sarif::ToolComponent::builder()
        .name("pakaz")
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .rules(vec![
            rule("mismatch", "A figure that disagrees with the fact sheet"),
            rule(
                "qualifier",
                "A figure whose hedge disagrees with the fact sheet",
            ),
            rule("ok", "A figure that agrees with the fact sheet"),
            rule("unknown", "A figure that belongs to no fact in the sheet"),
        ])
        .build();
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .results(results)
        .build();
    sarif::Sarif::builder()
        .version(sarif::Version::V2_1_0.to_string())
        .runs(vec![run])
        .build()
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

/// What `pakaz cite` was asked for.
pub(super) struct CiteRequest<'a> {
    pub ids: &'a [String],
    pub all: bool,
    pub filter: crate::query::Filter,
    pub style: CiteStyle,
    pub format: CiteFormat,
}

pub(super) fn cite(sheet: &Sheet, req: &CiteRequest, out: &mut dyn Write) -> Result<Exit> {
    use crate::cite::{CslStyle, Style};
    let mut facts: Vec<&Fact> = Vec::new();
    let filtered = !req.filter.sectors.is_empty() || !req.filter.tags.is_empty();
    if filtered && !req.all {
        anyhow::bail!("--sector and --tag choose facts for --all; with ids, leave them out");
    }
    if req.all {
        for s in &req.filter.sectors {
            if sheet.sector(s).is_none() {
                anyhow::bail!(
                    "unknown sector '{}'",
                    crate::text::sanitize(&crate::text::cut(s))
                );
            }
        }
        facts = sheet
            .facts
            .iter()
            .filter(|f| req.filter.matches(f))
            .collect();
        if facts.is_empty() {
            return Ok(nothing_found(out, "no fact matches these filters"));
        }
    } else {
        for id in req.ids {
            let fact = match lookup(sheet, id) {
                Ok(fact) => fact,
                Err(why) => return Ok(nothing_found(out, &why)),
            };
            if !facts.iter().any(|f| f.id == fact.id) {
                facts.push(fact);
            }
        }
    }
    let text = match req.format {
        CiteFormat::CslJson => {
            render::write_json_value(out, &crate::cite::csl_json(sheet, &facts))?;
            return Ok(Exit::Success);
        }
        CiteFormat::Biblatex => sanitize_lines(&crate::cite::biblatex(sheet, &facts)),
        CiteFormat::Text => {
            let style = match req.style {
                CiteStyle::Plain => Style::Plain,
                CiteStyle::Markdown => Style::Markdown,
                CiteStyle::Apa => Style::Csl(CslStyle::Apa),
                CiteStyle::ChicagoAuthorDate => Style::Csl(CslStyle::ChicagoAuthorDate),
                CiteStyle::ChicagoNotes => Style::Csl(CslStyle::ChicagoNotes),
                CiteStyle::Mla => Style::Csl(CslStyle::Mla),
                CiteStyle::Harvard => Style::Csl(CslStyle::Harvard),
                CiteStyle::Ieee => Style::Csl(CslStyle::Ieee),
                CiteStyle::Vancouver => Style::Csl(CslStyle::Vancouver),
            };
            sanitize_lines(&crate::cite::citations(sheet, &facts, style))
        }
    };
    writeln!(out, "{text}")?;
    Ok(Exit::Success)
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
}
