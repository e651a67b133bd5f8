//! The lookup commands: the overview, sectors, list, get, show, search and timeline.

use std::io::Write;

use anyhow::Result;

use super::{eprintln_quiet, filter, lookup, nothing_found, sanitize_lines};
use crate::cli::{CardFormat, Field, FilterArgs, Format, ListArgs, OutputArgs, Sort};
use crate::exit::Exit;
use crate::figure::figure;
use crate::model::{Fact, Sheet};
use crate::query::{self, SortKey};
use crate::render::{self, Style};
use crate::search;
use crate::text::sanitize;

pub(super) fn overview(sheet: &Sheet, style: &Style, out: &mut dyn Write) -> Result<Exit> {
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
    render::sectors_table(out, sheet, style)?;
    writeln!(
        out,
        "\nTry:\n  pakaz list --sector tourism      facts of one sector\n  pakaz get tourism.visitors-2024  one bare figure, for scripts\n  pakaz search jf17                find facts by any word\n\nMore: pakaz --help"
    )?;
    Ok(Exit::Success)
}

pub(super) fn sectors(
    sheet: &Sheet,
    output: &OutputArgs,
    style: &Style,
    out: &mut dyn Write,
) -> Result<Exit> {
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
        Format::Table => render::sectors_table(out, sheet, &style.widened(output.wide))?,
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

/// A selection of facts ready to print: the table layout for a terminal, the search scores
/// for JSON, and what to say on stderr when nothing was selected.
struct Listing<'a> {
    facts: &'a [&'a Fact],
    table: fn(&mut dyn Write, &[&Fact], &Style) -> std::io::Result<()>,
    scores: Option<&'a [f64]>,
    empty: &'a str,
}

/// Writes facts in the chosen format. An empty selection prints an empty result (`[]`, or a
/// header only), says so on stderr and exits 1.
fn write_facts(
    sheet: &Sheet,
    listing: Listing<'_>,
    output: &OutputArgs,
    style: &Style,
    out: &mut dyn Write,
) -> Result<Exit> {
    let facts = listing.facts;
    match output.format {
        Format::Table if facts.is_empty() => {}
        Format::Table => (listing.table)(out, facts, &style.widened(output.wide))?,
        Format::Json => render::write_json(out, sheet, facts, listing.scores)?,
        Format::Csv => render::write_csv(out, sheet, facts, output.csv_safe)?,
        Format::Tsv => render::write_tsv(out, sheet, facts, output.csv_safe)?,
        Format::Markdown => render::write_markdown(out, sheet, facts)?,
    }
    if facts.is_empty() {
        return Ok(nothing_found(out, listing.empty));
    }
    Ok(Exit::Success)
}

pub(super) fn list(
    sheet: &Sheet,
    args: &ListArgs,
    style: &Style,
    out: &mut dyn Write,
) -> Result<Exit> {
    let filter = filter(sheet, &args.filter)?;
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
        Listing {
            facts: &facts,
            table: render::facts_table,
            scores: None,
            empty: "no fact matches these filters",
        },
        &args.output,
        style,
        out,
    )
}

/// The facts `ids` name, in order; the first id that names none gives the message.
fn lookup_all<'a>(sheet: &'a Sheet, ids: &[String]) -> std::result::Result<Vec<&'a Fact>, String> {
    ids.iter().map(|id| lookup(sheet, id)).collect()
}

pub(super) fn get(
    sheet: &Sheet,
    ids: &[String],
    field: Field,
    style: &Style,
    out: &mut dyn Write,
) -> Result<Exit> {
    let facts = match lookup_all(sheet, ids) {
        Ok(facts) => facts,
        Err(why) => return Ok(nothing_found(out, &why)),
    };
    // The facts before one that lacks the field are printed, as they come.
    for fact in facts {
        match field_text(sheet, fact, field, style) {
            Ok(text) if text.is_empty() => {}
            Ok(text) => writeln!(out, "{}", sanitize_lines(&text))?,
            Err(why) => return Ok(nothing_found(out, &why)),
        }
    }
    Ok(Exit::Success)
}

/// The text of one field of a fact, or what to tell the user when the fact has none.
fn field_text(
    sheet: &Sheet,
    fact: &Fact,
    field: Field,
    style: &Style,
) -> std::result::Result<String, String> {
    let absent = |name: &str| format!("fact '{}' has no {name}", sanitize(&fact.id));
    let text = match field {
        Field::Id => fact.id.clone(),
        Field::Sector => fact.sector().to_string(),
        Field::Label => fact.label.clone(),
        Field::Value => {
            // A bare number is for scripts; a person at a terminal also sees what it stands
            // for, on stderr, so that a pipe still gets the number alone.
            if style.terminal {
                eprintln_quiet(&format!(
                    "{}: {} — {}",
                    sanitize(&fact.id),
                    sanitize(&figure(fact)),
                    sanitize(&render::source_line(sheet, fact))
                ));
            }
            fact.value.raw()
        }
        Field::Unit => fact.unit.clone().ok_or_else(|| absent("unit"))?,
        Field::Qualifier => fact.qualifier.name().to_string(),
        Field::Period => fact
            .period
            .map(|p| p.to_string())
            .ok_or_else(|| absent("period"))?,
        Field::Measure => fact.measure.clone().ok_or_else(|| absent("measure"))?,
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
        // A file name is one line, whatever it holds (`a\nb.toml`).
        Field::Origin => crate::text::sanitize(fact.origin.as_ref()).into_owned(),
    };
    Ok(text)
}

pub(super) fn show(
    sheet: &Sheet,
    ids: &[String],
    format: CardFormat,
    style: &Style,
    out: &mut dyn Write,
) -> Result<Exit> {
    let facts = match lookup_all(sheet, ids) {
        Ok(facts) => facts,
        Err(why) => return Ok(nothing_found(out, &why)),
    };
    match format {
        CardFormat::Text => {
            for (i, fact) in facts.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                render::card(out, sheet, fact, style)?;
            }
        }
        CardFormat::Json => {
            let index = crate::series::Index::new(sheet);
            let shown: Vec<(&Fact, Vec<&Fact>)> = facts
                .iter()
                .map(|f| (*f, index.alternatives_of(f)))
                .collect();
            render::series::write_show_json(out, sheet, &shown)?
        }
    }
    Ok(Exit::Success)
}

pub(super) fn find(
    sheet: &Sheet,
    words: &[String],
    filter_args: &FilterArgs,
    output: &OutputArgs,
    style: &Style,
    out: &mut dyn Write,
) -> Result<Exit> {
    let query = words.join(" ");
    if query.trim().is_empty() {
        anyhow::bail!("search needs a word to look for, such as: pakaz search tourists");
    }
    let filter = filter(sheet, filter_args)?;
    let hits: Vec<search::Hit<'_>> = search::search(sheet, &query)
        .into_iter()
        .filter(|h| filter.matches(h.fact))
        .collect();
    let facts: Vec<&Fact> = hits.iter().map(|h| h.fact).collect();
    let scores: Vec<f64> = hits
        .iter()
        .map(|h| (h.score * 100.0).round() / 100.0)
        .collect();
    write_facts(
        sheet,
        Listing {
            facts: &facts,
            table: render::facts_table,
            scores: Some(&scores),
            empty: &format!("nothing matches '{}'", sanitize(&crate::text::cut(&query))),
        },
        output,
        style,
        out,
    )
}

pub(super) fn timeline(
    sheet: &Sheet,
    filter_args: &FilterArgs,
    by_measure: bool,
    output: &OutputArgs,
    style: &Style,
    out: &mut dyn Write,
) -> Result<Exit> {
    let filter = filter(sheet, filter_args)?;
    let mut facts: Vec<&Fact> = query::select(sheet, &filter, SortKey::Period)
        .into_iter()
        .filter(|f| f.period.is_some())
        .collect();
    if by_measure {
        // Stable: each measure's facts stay in order of date; facts without one go last.
        facts.sort_by(|a, b| match (&a.measure, &b.measure) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
    }
    write_facts(
        sheet,
        Listing {
            facts: &facts,
            table: if by_measure {
                render::series::timeline_by_measure_table
            } else {
                render::timeline_table
            },
            scores: None,
            empty: "no dated fact matches these filters",
        },
        output,
        style,
        out,
    )
}
