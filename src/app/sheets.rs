//! The sheets themselves: `sources`, `schema` and `validate`.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Result;

use super::{plan, plural};
use crate::cli::ReportFormat;
use crate::diag::Diagnostic;
use crate::exit::Exit;
use crate::load;
use crate::model::Sheet;
use crate::render::{self, Style};
use crate::sheet::{self, Merged};
use crate::text::sanitize;

pub(super) fn sources(
    sheet: &Sheet,
    format: ReportFormat,
    style: &Style,
    out: &mut dyn Write,
) -> Result<Exit> {
    match format {
        ReportFormat::Table => {
            render::loaded_table(out, sheet, style)?;
            writeln!(out)?;
            render::sources_table(out, sheet, style)?;
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

pub(super) fn schema(out: &mut dyn Write) -> Result<Exit> {
    render::write_json_value(out, &crate::schema::schema())?;
    Ok(Exit::Success)
}

/// Checks sheet files, every problem on stderr and a line per good sheet on stdout. With no
/// files, checks what would be loaded. Each file is checked on top of the ones before it (of
/// a file with problems, its valid parts), as loading would.
pub(super) fn validate(
    cli_facts: &[PathBuf],
    no_bundled: bool,
    files: &[PathBuf],
    strict: bool,
    out: &mut dyn Write,
) -> Result<Exit> {
    let (with_bundled, files, report_bundled) = if files.is_empty() {
        let plan = plan(cli_facts, no_bundled, true)?;
        (plan.bundled, plan.files, plan.bundled)
    } else {
        (!no_bundled, files.to_vec(), false)
    };
    let mut tally = Tally::default();
    let mut context = Merged::default();
    // The text of each sheet reported on, to place what the checks across sheets find.
    let mut texts: Vec<(String, String)> = Vec::new();
    if with_bundled {
        let (bundled, found) =
            sheet::parse_all(sheet::BUNDLED_TEXT, sheet::BUNDLED_NAME, &Sheet::default());
        if report_bundled {
            tally.report(sheet::BUNDLED_NAME, &bundled, found, out)?;
            warn_thin_sources(sheet::BUNDLED_NAME, sheet::BUNDLED_TEXT, &bundled, out)?;
            texts.push((
                sheet::BUNDLED_NAME.to_string(),
                sheet::BUNDLED_TEXT.to_string(),
            ));
        }
        context = Merged::new(bundled);
    }
    for path in &files {
        let name = load::display(path);
        let (next, found, text) = match load::read(path) {
            Ok(text) => {
                let (next, found) = sheet::parse_all(&text, &name, context.sheet());
                texts.push((name.clone(), text.clone()));
                (next, found, text)
            }
            Err(d) => (Sheet::default(), vec![d], String::new()),
        };
        tally.report(&name, &next, found, out)?;
        warn_thin_sources(&name, &text, &next, out)?;
        context.add(next);
    }
    tally.lints(context.sheet(), &texts, strict)?;
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

/// Warns (on stderr, without failing) about each source the file defines that lacks what a
/// full reference to its kind needs, placed at its `[sources.KEY]` header when there is one.
fn warn_thin_sources(name: &str, text: &str, sheet: &Sheet, out: &mut dyn Write) -> Result<()> {
    let mut warnings = Vec::new();
    // Where each `[sources.KEY]` header is, found in one pass over the text.
    let mut headers: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(rest) = line.trim_start().strip_prefix("[sources.")
            && let Some((key, _)) = rest.split_once(']')
        {
            headers.entry(key.trim()).or_insert(i + 1);
        }
    }
    for source in sheet.sources.values().filter(|s| s.origin == name) {
        let missing = crate::cite::missing_for_reference(source);
        if missing.is_empty() {
            continue;
        }
        let place = headers
            .get(source.key.as_str())
            .map(|line| format!(":{line}:1"))
            .unwrap_or_default();
        let kind = crate::cite::csl_type(source.kind.as_deref());
        warnings.push(format!(
            "{}{place}: warning: source '{}' has no {}: a full reference to {} needs {}",
            sanitize(name),
            sanitize(&crate::text::cut(&source.key)),
            missing.join(", no "),
            if kind == "document" {
                "a source".to_string()
            } else {
                format!("a source of kind {kind}")
            },
            if missing.len() == 1 { "it" } else { "them" }
        ));
    }
    if warnings.is_empty() {
        return Ok(());
    }
    out.flush()?;
    let mut err = io::stderr().lock();
    for w in warnings {
        let _ = writeln!(err, "{w}");
    }
    Ok(())
}

impl Tally {
    /// What the checks across the merged sheet find in the sheets reported on: warnings on
    /// stderr, or with `strict` errors that count as problems (and the publishing rules too).
    fn lints(&mut self, merged: &Sheet, texts: &[(String, String)], strict: bool) -> Result<()> {
        let mut err = io::stderr().lock();
        for lint in crate::series::lints(merged) {
            if lint.strict_only && !strict {
                continue;
            }
            let Some((name, text)) = texts.iter().find(|(name, _)| *name == lint.origin) else {
                continue;
            };
            let d = Diagnostic::at(name, text, lint.span(text), lint.message);
            if strict {
                self.problems += 1;
                if !self.bad.contains(name) {
                    self.bad.push(name.clone());
                    self.bad_sheets += 1;
                }
                let _ = writeln!(err, "{d}\n");
            } else {
                let _ = writeln!(err, "{}\n", d.warning());
            }
        }
        Ok(())
    }
}

#[derive(Default)]
struct Tally {
    checked: usize,
    bad_sheets: usize,
    problems: usize,
    /// The sheets with problems, by name.
    bad: Vec<String>,
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
        self.bad.push(name.to_string());
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
