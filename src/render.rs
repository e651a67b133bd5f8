//! Writing facts out: terminal tables, cards, JSON, CSV, TSV and Markdown.
//! Renderers take their settings ([`Style`]) and never look at the terminal themselves.

use std::borrow::Cow;
use std::io::{self, Write};

use comfy_table::{
    Attribute, Cell, Color, ColumnConstraint, ContentArrangement, LineStyle, Table, TableStyle,
};
use serde::Serialize;

use crate::figure::figure;
use crate::model::{Fact, Sheet, Source, Value};
use crate::text::sanitize;
use grid::{Fit, Grid};

mod grid;
pub mod series;

/// Output decisions made once at start-up.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Whether to use colour and bold.
    pub color: bool,
    /// The width tables must fit, when known.
    pub width: Option<u16>,
}

impl Style {
    fn table(&self, header: &[&str]) -> Table {
        let mut table = Table::new();
        // No borders, only a rule under the header: easy to read and to copy from.
        table.load_style(
            TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' ')),
        );
        if self.color {
            table.enforce_styling();
        } else {
            table.force_no_tty();
        }
        match self.width {
            Some(w) => {
                table.set_content_arrangement(ContentArrangement::Dynamic);
                table.set_width(w);
            }
            None => {
                table.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        table.set_header(header.iter().map(|h| {
            let cell = Cell::new(h);
            if self.color {
                cell.add_attribute(Attribute::Bold)
            } else {
                cell
            }
        }));
        table
    }

    /// Keeps the given columns at their content's width: ids and dates must not wrap.
    fn keep_whole(table: &mut Table, columns: &[usize]) {
        for &i in columns {
            if let Some(c) = table.column_mut(i) {
                c.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
    }

    /// Keeps a column at least `chars` wide, so it never shrinks to a sliver.
    fn at_least(table: &mut Table, column: usize, chars: u16) {
        if let Some(c) = table.column_mut(column) {
            c.set_constraint(ColumnConstraint::LowerBoundary(comfy_table::Width::Fixed(
                chars,
            )));
        }
    }

    fn id_cell(&self, id: &str) -> Cell {
        let cell = Cell::new(sanitize(id));
        if self.color {
            cell.fg(Color::Cyan)
        } else {
            cell
        }
    }

    fn bold(&self, text: &str) -> String {
        if self.color {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn dim(&self, text: &str) -> String {
        if self.color {
            format!("\x1b[2m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

fn period_text(fact: &Fact) -> String {
    fact.period.map(|p| p.human()).unwrap_or_default()
}

fn short_period(fact: &Fact) -> String {
    fact.period.map(|p| p.short()).unwrap_or_default()
}

/// The table `list` and `search` print: id, figure, period, label.
///
/// Laid out by [`grid::Grid`], byte for byte as comfy-table lays it out (tests and the
/// `render` fuzz target compare the two); comfy-table itself takes the few cases `Grid`
/// leaves to it.
pub fn facts_table(facts: &[&Fact], style: &Style) -> String {
    let rows = facts_cells(facts);
    match facts_grid(&rows, style).write(style.width.map(usize::from)) {
        Some(out) => out,
        None => comfy_facts_table(rows, style),
    }
}

const FACTS_HEADER: [&str; 4] = ["ID", "Figure", "Period", "Label"];

/// The cells of the facts table, as comfy-table is given them.
fn facts_cells<'a>(facts: &[&'a Fact]) -> Vec<[Cow<'a, str>; 4]> {
    facts
        .iter()
        .map(|f| {
            [
                sanitize(&f.id),
                Cow::Owned(sanitize(&figure(f)).into_owned()),
                Cow::Owned(short_period(f)),
                sanitize(&f.label),
            ]
        })
        .collect()
}

/// Minimum widths of the figure and label columns, with their padding.
const AT_LEAST: u16 = 16;

/// The facts table set up as `comfy_facts_table` sets up comfy-table's.
fn facts_grid<'a>(rows: &'a [[Cow<'a, str>; 4]], style: &Style) -> Grid<'a, 4> {
    let mut grid = Grid::new(
        FACTS_HEADER,
        rows,
        style.color.then_some(("\x1b[1m", "\x1b[0m")),
        style.color.then_some(("\x1b[38;5;14m", "\x1b[39m")),
    );
    let least = usize::from(AT_LEAST);
    let needed = grid.widest(0) + grid.widest(2) + least + least + 12;
    if style.width.is_none_or(|w| usize::from(w) >= needed) {
        grid.fits = [
            Fit::Whole,
            Fit::AtLeast(least),
            Fit::Whole,
            Fit::AtLeast(least),
        ];
    }
    grid
}

/// The facts table as comfy-table lays it out: the reference `facts_table` is held to.
#[doc(hidden)]
pub fn facts_table_by_comfy(facts: &[&Fact], style: &Style) -> String {
    comfy_facts_table(facts_cells(facts), style)
}

/// The facts table as comfy-table lays it out, wrapping cells to fit the width.
fn comfy_facts_table(rows: Vec<[Cow<'_, str>; 4]>, style: &Style) -> String {
    let mut table = style.table(&FACTS_HEADER);
    for [id, fig, period, label] in rows {
        let id = Cell::new_owned(id.into_owned());
        table.add_row(vec![
            if style.color { id.fg(Color::Cyan) } else { id },
            Cell::new_owned(fig.into_owned()),
            Cell::new_owned(period.into_owned()),
            Cell::new_owned(label.into_owned()),
        ]);
    }
    // Ids and periods stay whole and figure and label keep a readable width, when the
    // terminal has room for that; on a very narrow one every column may wrap.
    let widths = table.column_max_content_widths();
    let needed: u32 = widths
        .iter()
        .take(3)
        .step_by(2)
        .map(|&w| u32::from(w))
        .sum::<u32>()
        + 16
        + 16
        + 12;
    if style.width.is_none_or(|w| u32::from(w) >= needed) {
        Style::keep_whole(&mut table, &[0, 2]);
        Style::at_least(&mut table, 1, AT_LEAST);
        Style::at_least(&mut table, 3, AT_LEAST);
    }
    format!("{table}\n")
}

/// Dated facts in order: date, id, figure, label.
pub fn timeline_table(facts: &[&Fact], style: &Style) -> String {
    let mut table = style.table(&["Date", "ID", "Figure", "Label"]);
    for f in facts {
        table.add_row(vec![
            Cell::new(short_period(f)),
            style.id_cell(&f.id),
            Cell::new(sanitize(&figure(f))),
            Cell::new(sanitize(&f.label)),
        ]);
    }
    Style::keep_whole(&mut table, &[0, 1]);
    format!("{table}\n")
}

/// Sectors with their fact counts and descriptions.
pub fn sectors_table(sheet: &Sheet, style: &Style) -> String {
    let mut table = style.table(&["Sector", "Facts", "Description"]);
    for s in &sheet.sectors {
        table.add_row(vec![
            style.id_cell(&s.name),
            Cell::new(sheet.count_in(&s.name)),
            Cell::new(sanitize(&s.description)),
        ]);
    }
    format!("{table}\n")
}

/// How a source is named in one line: `The Gulf Observer, "Title", 14 February 2026`.
pub fn source_line(sheet: &Sheet, fact: &Fact) -> String {
    sheet
        .source_of(fact)
        .map_or_else(|| fact.source.key.clone(), source_text)
}

/// A source as a reader cites it: publisher, “title”, date.
pub fn source_text(src: &Source) -> String {
    let mut parts = Vec::new();
    if let Some(p) = &src.publisher {
        parts.push(p.clone());
    }
    parts.push(format!("“{}”", src.title));
    if let Some(d) = src
        .date
        .as_deref()
        .and_then(|d| crate::period::Period::parse(d).ok())
    {
        parts.push(d.human());
    }
    parts.join(", ")
}

/// The sheets that went into the loaded sheet, in load order, with what each contributed.
pub fn loaded_table(sheet: &Sheet, style: &Style) -> String {
    let mut table = style.table(&["Sheet", "Facts", "Replaced", "Sources", "Sectors"]);
    for l in &sheet.loaded {
        table.add_row(vec![
            style.id_cell(&l.name),
            Cell::new(l.facts),
            Cell::new(l.replaced),
            Cell::new(l.sources),
            Cell::new(l.sectors),
        ]);
    }
    format!("{table}\n")
}

/// Every source of the loaded sheet, with how many facts cite it and which sheet defined it.
pub fn sources_table(sheet: &Sheet, style: &Style) -> String {
    let mut table = style.table(&["Source", "Facts", "Sheet", "Reference"]);
    Style::keep_whole(&mut table, &[0, 1]);
    for src in sheet.sources.values() {
        table.add_row(vec![
            style.id_cell(&src.key),
            Cell::new(sheet.cited(&src.key)),
            Cell::new(sanitize(&src.origin)),
            Cell::new(sanitize(&source_text(src))),
        ]);
    }
    format!("{table}\n")
}

pub fn card(sheet: &Sheet, fact: &Fact, style: &Style) -> String {
    let mut rows: Vec<(&str, String)> =
        vec![("Figure", figure(fact)), ("Label", fact.label.clone())];
    let mut value = fact.value.raw();
    if fact.value.is_quantity() {
        value.push_str(&format!(
            " {} ({})",
            fact.unit.as_deref().unwrap_or(""),
            fact.qualifier
        ));
    }
    rows.push(("Value", value));
    if let Some(p) = &fact.period {
        let iso = p.to_string();
        let human = p.human();
        rows.push((
            "Period",
            if human == iso {
                human
            } else {
                format!("{human} ({iso})")
            },
        ));
    }
    let sector = match sheet.sector(fact.sector()) {
        Some(s) => format!("{} — {}", s.name, s.description),
        None => fact.sector().to_string(),
    };
    rows.push(("Sector", sector));
    if !fact.tags.is_empty() {
        rows.push(("Tags", fact.tags.join(", ")));
    }
    if !fact.aliases.is_empty() {
        rows.push(("Aliases", fact.aliases.join(", ")));
    }
    if let Some(n) = &fact.note {
        rows.push(("Note", n.clone()));
    }
    rows.push(("Source", source_line(sheet, fact)));
    if let Some(src) = sheet.source_of(fact) {
        if !src.people.is_empty() {
            let kind = src.kind.as_deref().unwrap_or("with");
            rows.push(("People", format!("{} ({kind})", src.people.join(", "))));
        }
        if let Some(u) = &src.url {
            rows.push(("URL", u.clone()));
        }
    }
    if let Some(s) = &fact.source.section {
        rows.push(("Where", s.clone()));
    }
    let index = crate::series::Index::new(sheet);
    rows.extend(series::card_rows(sheet, &index, fact));
    rows.push(("Sheet", fact.origin.to_string()));

    let mut out = format!("{}\n", style.bold(&sanitize(&fact.id)));
    for (key, text) in rows {
        out.push_str(&format!(
            "  {} {}\n",
            style.dim(&format!("{key:<7}")),
            sanitize(&text)
        ));
    }
    out
}

/// A fact's value in JSON: a number, `{ "min", "max" }`, or a string.
#[derive(Serialize)]
#[serde(untagged)]
enum JsonValue<'a> {
    Int(i64),
    Float(f64),
    Range { min: JsonNumber, max: JsonNumber },
    Text(&'a str),
}

#[derive(Serialize)]
#[serde(untagged)]
enum JsonNumber {
    Int(i64),
    Float(f64),
}

/// Integral values print without a fraction (`80924`, not `80924.0`).
fn json_number(n: f64) -> JsonNumber {
    if n.fract() == 0.0 && n.abs() <= (1u64 << 53) as f64 {
        JsonNumber::Int(n as i64)
    } else {
        JsonNumber::Float(n)
    }
}

fn json_value(v: &Value) -> JsonValue<'_> {
    match v {
        Value::Number(n) => match json_number(*n) {
            JsonNumber::Int(i) => JsonValue::Int(i),
            JsonNumber::Float(f) => JsonValue::Float(f),
        },
        Value::Range { min, max } => JsonValue::Range {
            min: json_number(*min),
            max: json_number(*max),
        },
        Value::Text(t) => JsonValue::Text(t),
    }
}

#[derive(Serialize)]
struct JsonSource<'a> {
    key: &'a str,
    title: Option<&'a str>,
    publisher: Option<&'a str>,
    date: Option<&'a str>,
    people: &'a [String],
    url: Option<&'a str>,
    section: Option<&'a str>,
}

/// One fact in the JSON contract (see README, "JSON output").
#[derive(Serialize)]
struct JsonFact<'a> {
    id: &'a str,
    sector: &'a str,
    label: &'a str,
    value: JsonValue<'a>,
    unit: Option<&'a str>,
    qualifier: &'a str,
    period: Option<String>,
    measure: Option<&'a str>,
    figure: String,
    tags: &'a [String],
    aliases: &'a [String],
    note: Option<&'a str>,
    source: JsonSource<'a>,
    origin: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f64>,
}

fn json_fact<'a>(sheet: &'a Sheet, f: &'a Fact, score: Option<f64>) -> JsonFact<'a> {
    let src = sheet.source_of(f);
    JsonFact {
        id: &f.id,
        sector: f.sector(),
        label: &f.label,
        value: json_value(&f.value),
        unit: f.unit.as_deref(),
        qualifier: f.qualifier.name(),
        period: f.period.map(|p| p.to_string()),
        measure: f.measure.as_deref(),
        figure: figure(f),
        tags: &f.tags,
        aliases: &f.aliases,
        note: f.note.as_deref(),
        source: JsonSource {
            key: &f.source.key,
            title: src.map(|s| s.title.as_str()),
            publisher: src.and_then(|s| s.publisher.as_deref()),
            date: src.and_then(|s| s.date.as_deref()),
            people: src.map_or(&[], |s| s.people.as_slice()),
            url: src.and_then(|s| s.url.as_deref()),
            section: f.source.section.as_deref(),
        },
        origin: &f.origin,
        score,
    }
}

/// Facts as a pretty-printed JSON array; `scores` adds a `score` to each (for search).
pub fn write_json(
    out: &mut dyn Write,
    sheet: &Sheet,
    facts: &[&Fact],
    scores: Option<&[f64]>,
) -> io::Result<()> {
    let items: Vec<JsonFact<'_>> = facts
        .iter()
        .enumerate()
        .map(|(i, f)| json_fact(sheet, f, scores.and_then(|s| s.get(i).copied())))
        .collect();
    write_json_value(out, &items)
}

/// Pretty-printed JSON and a line end. DEL, C1 controls, bidi controls and invisible
/// characters ([`crate::text::is_unsafe`]), which JSON allows raw, are written as `\uXXXX` escapes too, so JSON shown on
/// a terminal cannot drive it or reorder text; it parses back to the same values.
pub fn write_json_value<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    // Outside strings JSON is ASCII, and serde has escaped C0 controls inside them, so every
    // unsafe character left is inside a string, where an escape means the same character.
    let mut safe = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if c != '\n' && crate::text::is_unsafe(c) {
            // Beyond the BMP (tag characters) as a surrogate pair, as JSON requires.
            for unit in c.encode_utf16(&mut [0; 2]) {
                safe.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            safe.push(c);
        }
    }
    safe.push('\n');
    out.write_all(safe.as_bytes())
}

/// The columns of CSV and TSV output, in order.
pub const COLUMNS: [&str; 13] = [
    "id",
    "sector",
    "label",
    "value",
    "unit",
    "qualifier",
    "period",
    "figure",
    "tags",
    "aliases",
    "source",
    "section",
    "note",
];

/// A fact's cells in CSV and TSV output, in the order of [`COLUMNS`], before any escaping.
pub fn row(sheet: &Sheet, f: &Fact) -> [String; 13] {
    [
        f.id.clone(),
        f.sector().to_string(),
        f.label.clone(),
        f.value.raw(),
        f.unit.clone().unwrap_or_default(),
        f.qualifier.name().to_string(),
        f.period.map(|p| p.to_string()).unwrap_or_default(),
        figure(f),
        f.tags.join(";"),
        f.aliases.join(";"),
        source_line(sheet, f),
        f.source.section.clone().unwrap_or_default(),
        f.note.clone().unwrap_or_default(),
    ]
}

/// Writes CSV records, keeping an I/O error's kind (a closed pipe must stay a closed pipe).
pub fn write_csv_records<I, R>(out: &mut dyn Write, records: I) -> io::Result<()>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator,
    R::Item: AsRef<[u8]>,
{
    let mut w = csv::Writer::from_writer(out);
    for record in records {
        w.write_record(record).map_err(|e| match e.into_kind() {
            csv::ErrorKind::Io(io) => io,
            other => io::Error::other(format!("{other:?}")),
        })?;
    }
    w.flush()
}

/// The characters that make a spreadsheet read a cell as a formula when it starts with one
/// (OWASP, "CSV Injection"): `=`, `+`, `-`, `@`, tab and carriage return.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell a spreadsheet will show as text: one that starts like a formula gets a leading `'`,
/// as OWASP advises. A cell that already starts with `'` gets one too, so the change is
/// undone by removing one leading `'` from any cell that has one. Other cells are left as
/// they are.
///
/// The same holds for every part of a cell after a `;` (tags and aliases are joined with `;`,
/// and any text may hold one): a spreadsheet whose list separator is `;` splits the cell
/// there, and `ok;=cmd|' /C calc'!A0` would give a cell that starts with `=`. Each part that
/// starts like a formula, or with `'`, gets its `'`, so removing one leading `'` from every
/// `;`-separated part gives the original back.
pub fn formula_safe(cell: &str) -> Cow<'_, str> {
    let risky = |part: &str| part.starts_with(FORMULA_STARTS) || part.starts_with('\'');
    if !cell.split(';').any(risky) {
        return Cow::Borrowed(cell);
    }
    let parts: Vec<Cow<'_, str>> = cell
        .split(';')
        .map(|part| {
            if risky(part) {
                Cow::Owned(format!("'{part}"))
            } else {
                Cow::Borrowed(part)
            }
        })
        .collect();
    Cow::Owned(parts.join(";"))
}

/// Makes every cell of a row formula-safe when `safe` is set (`--csv-safe`).
pub fn safe_cells<const N: usize>(row: [String; N], safe: bool) -> [String; N] {
    if safe {
        row.map(|c| formula_safe(&c).into_owned())
    } else {
        row
    }
}

/// Facts as CSV (RFC 4180) with a header row; `safe` defuses cells that look like formulas.
pub fn write_csv(
    out: &mut dyn Write,
    sheet: &Sheet,
    facts: &[&Fact],
    safe: bool,
) -> io::Result<()> {
    let header = COLUMNS.map(String::from);
    write_csv_records(
        out,
        std::iter::once(header).chain(facts.iter().map(|f| safe_cells(row(sheet, f), safe))),
    )
}

/// Escapes a TSV cell: backslash, tab, newline and carriage return become `\\`, `\t`, `\n`, `\r`.
pub fn tsv_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// Facts as tab-separated values with a header row; `safe` defuses cells that look like
/// formulas, as for CSV.
pub fn write_tsv(
    out: &mut dyn Write,
    sheet: &Sheet,
    facts: &[&Fact],
    safe: bool,
) -> io::Result<()> {
    writeln!(out, "{}", COLUMNS.join("\t"))?;
    for f in facts {
        let cells: Vec<String> = safe_cells(row(sheet, f), safe)
            .iter()
            .map(|c| tsv_cell(c))
            .collect();
        writeln!(out, "{}", cells.join("\t"))?;
    }
    Ok(())
}

/// A Markdown table cell's text, shown as text: terminal-safe, and every character that
/// Markdown or HTML would read as markup (`<img ...>`, `[x](url)`, `*`, `_`, `` ` ``, `|`,
/// `&amp;`, `$` math, `~` strikethrough, `\\`) escaped with a backslash, as CommonMark allows
/// for any ASCII punctuation.
pub fn md_cell(text: &str) -> String {
    let text = sanitize(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '<' | '>' | '&' | '$' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A cell shown as inline code (ids): in backticks, where no backslash escape works, unless
/// the text holds a backtick or a character a code span cannot show plainly; then as text.
fn md_code(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '+' | ':' | '/'))
    {
        format!("`{text}`")
    } else {
        md_cell(text)
    }
}

/// Facts as a GitHub-flavoured Markdown table.
pub fn write_markdown(out: &mut dyn Write, sheet: &Sheet, facts: &[&Fact]) -> io::Result<()> {
    writeln!(out, "| ID | Figure | Period | Label | Source |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    for f in facts {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md_code(&f.id),
            md_cell(&figure(f)),
            md_cell(&period_text(f)),
            md_cell(&f.label),
            md_cell(&source_line(sheet, f)),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::bundled;

    #[test]
    fn json_keeps_integers_integral_and_ranges_as_objects() {
        let sheet = bundled().unwrap();
        let facts: Vec<&Fact> = sheet
            .facts
            .iter()
            .filter(|f| f.id == "tourism.visitors-2024" || f.id == "transport.china-baku-days")
            .collect();
        let mut buf = Vec::new();
        write_json(&mut buf, &sheet, &facts, None).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(v[0]["value"], serde_json::json!({"min": 8, "max": 10}));
        assert_eq!(v[1]["value"], serde_json::json!(80924));
        assert_eq!(v[1]["source"]["publisher"], "The Gulf Observer");
        assert!(v[1].get("score").is_none());
    }

    #[test]
    fn csv_safe_defuses_every_semicolon_separated_part() {
        assert_eq!(formula_safe("ok"), "ok");
        assert_eq!(formula_safe("a;b"), "a;b");
        assert_eq!(formula_safe("=1"), "'=1");
        assert_eq!(
            formula_safe("ok;=cmd|' /C calc'!A0;z"),
            "ok;'=cmd|' /C calc'!A0;z"
        );
        assert_eq!(formula_safe("+1;'q;;-2"), "'+1;''q;;'-2");
    }

    #[test]
    fn tsv_and_markdown_cells_are_escaped() {
        assert_eq!(tsv_cell("a\tb\nc\\"), "a\\tb\\nc\\\\");
        assert_eq!(md_cell("a|b\u{1b}"), "a\\|b\\\\u{1B}");
        assert_eq!(
            md_cell("<img src=x onerror=alert(1)>"),
            "\\<img src=x onerror=alert(1)\\>"
        );
        assert_eq!(
            md_cell("[x](javascript:y) *a* _b_"),
            "\\[x\\](javascript:y) \\*a\\* \\_b\\_"
        );
        assert_eq!(md_code("tourism.visitors-2024"), "`tourism.visitors-2024`");
        assert_eq!(md_code("a`b"), "a\\`b");
    }

    /// Facts built to stress the table: long and empty cells, wide and zero-width
    /// characters, combining marks, controls, line breaks and unbroken runs.
    fn hostile_facts(base: &Fact) -> Vec<Fact> {
        let texts = [
            String::new(),
            "x".to_string(),
            "a".repeat(300),
            "word ".repeat(60),
            "中文字符和全角文字".repeat(5),
            "e\u{301}e\u{301} combining ".repeat(4),
            "emoji 👍🏽👨‍👩‍👧 flags 🇵🇰🇦🇿".to_string(),
            "tab\tnew\nline\rcr\u{1b}[31m esc \u{202e}bidi\u{200b}zw".to_string(),
            "hyphen-ated-words-that-go-on-and-on-without-spaces-at-all".to_string(),
            "  leading and trailing spaces  ".to_string(),
            "exactly fourteen".to_string(),
            "fourteen chars".to_string(),
        ];
        let mut out = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            let mut f = base.clone();
            f.label = t.clone();
            out.push(f);
            let mut f = base.clone();
            f.id = format!("hostile.{i}{}", t.chars().take(40).collect::<String>());
            f.unit = Some(t.chars().take(30).collect());
            out.push(f);
            let mut f = base.clone();
            f.period = None;
            f.id = t.clone();
            f.label = texts[(i + 3) % texts.len()].clone();
            out.push(f);
        }
        out
    }

    #[test]
    fn grid_matches_comfy_table_byte_for_byte() {
        let sheet = bundled().unwrap();
        let bundled: Vec<&Fact> = sheet.facts.iter().collect();
        let hostile = hostile_facts(&sheet.facts[0]);
        let mut sets: Vec<Vec<&Fact>> = vec![bundled.clone(), Vec::new()];
        for f in &hostile {
            sets.push(vec![f]);
            sets.push(vec![bundled[0], f, bundled[1]]);
        }
        let mut all = bundled.clone();
        all.extend(hostile.iter());
        sets.push(all);
        let (mut by_grid, mut cases) = (0, 0);
        for facts in &sets {
            let rows = facts_cells(facts);
            for width in std::iter::once(None).chain((1..=200).map(Some)) {
                for color in [false, true] {
                    let style = Style { color, width };
                    let want = comfy_facts_table(facts_cells(facts), &style);
                    assert_eq!(
                        facts_table(facts, &style),
                        want,
                        "width {width:?}, colour {color}"
                    );
                    cases += 1;
                    if let Some(got) = facts_grid(&rows, &style).write(width.map(usize::from)) {
                        assert_eq!(got, want, "width {width:?}, colour {color}");
                        by_grid += 1;
                    }
                }
            }
        }
        // Only columns too wide for comfy-table to count are left to it.
        assert_eq!(by_grid, cases);
    }

    proptest::proptest! {
        /// Random cells of words, spaces, line breaks and wide or combining characters.
        #[test]
        fn grid_matches_comfy_table_on_random_cells(
            cells in proptest::collection::vec(
                proptest::array::uniform4("([a-z]{0,12}|[ ]{1,3}|\\n|é|中|e\u{301}|≈|👨‍👩‍👧){0,14}"),
                0..6,
            ),
            width in 1u16..120,
            color: bool,
        ) {
            let rows: Vec<[Cow<'_, str>; 4]> =
                cells.iter().map(|r| r.clone().map(Cow::Owned)).collect();
            let style = Style { color, width: Some(width) };
            let got = facts_grid(&rows, &style).write(Some(usize::from(width)));
            proptest::prop_assert_eq!(got, Some(comfy_facts_table(rows.clone(), &style)));
            let natural = Style { color, width: None };
            let got = facts_grid(&rows, &natural).write(None);
            proptest::prop_assert_eq!(got, Some(comfy_facts_table(rows, &natural)));
        }
    }

    #[test]
    fn tables_carry_no_escape_codes_without_colour() {
        let sheet = bundled().unwrap();
        let facts: Vec<&Fact> = sheet.facts.iter().collect();
        let plain = facts_table(
            &facts,
            &Style {
                color: false,
                width: Some(80),
            },
        );
        assert!(!plain.contains('\u{1b}'));
        assert!(plain.lines().all(|l| l.chars().count() <= 80), "{plain}");
        let coloured = facts_table(
            &facts,
            &Style {
                color: true,
                width: Some(80),
            },
        );
        assert!(coloured.contains('\u{1b}'));
    }
}
