//! Drafts: `check` (figures in a draft against the sheet) and `cite`.

use std::io::{self, Write};
use std::path::Path;

use anyhow::Result;

use super::{lookup, sanitize_lines};
use crate::cli::{CheckArgs, CheckFormat, CiteStyle, FailOn};
use crate::exit::Exit;
use crate::load;
use crate::model::Sheet;
use crate::render;
use crate::text::sanitize;

/// The most a draft may hold, per file or standard input: 16 MiB, several long books. A draft
/// is checked whole, because a figure's context reaches across it (the heading above, a table's
/// header row, the line introducing a list, a code fence opened many lines up), so checking it
/// in pieces would change results; the cap is what keeps memory bounded instead (checking
/// takes about 22 bytes per byte of draft) and stops an input that never ends.
pub const MAX_DRAFT_BYTES: u64 = 16 * 1024 * 1024;

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
struct JsonFinding {
    file: String,
    #[serde(flatten)]
    finding: crate::check::Finding,
    /// The plain citation of the fact, when the figure belongs to one.
    citation: Option<String>,
}

pub(super) fn check_drafts(sheet: &Sheet, args: &CheckArgs, out: &mut dyn Write) -> Result<Exit> {
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
        let shown_name = sanitize(name);
        for f in checker.check(text) {
            failed |= fails(f.status);
            if !shown(f.status) {
                continue;
            }
            let problem = matches!(f.status, Status::Mismatch | Status::Qualifier);
            match args.format {
                CheckFormat::Text => {
                    // Written straight to the output: a draft can have many findings.
                    let (line, column) = (f.line, f.column);
                    let level = f.status.level();
                    writeln!(
                        out,
                        "{shown_name}:{line}:{column}: {level}: {}",
                        sanitize(&f.message)
                    )?;
                    if args.fix_hints && problem {
                        if let Some(c) = citation(&f.fact) {
                            writeln!(
                                out,
                                "{shown_name}:{line}:{column}: help: cite the sheet: {}",
                                sanitize(&c)
                            )?;
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

pub(super) fn cite(sheet: &Sheet, id: &str, style: CiteStyle, out: &mut dyn Write) -> Result<Exit> {
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
