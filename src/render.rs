//! Writing facts out: terminal tables, cards, JSON, CSV, TSV and Markdown.
//! Renderers take their settings ([`Style`]) and never look at the terminal themselves.

use std::borrow::Cow;
use std::io::{self, Write};

use comfy_table::{
    Attribute, Cell, Color, ColumnConstraint, ContentArrangement, LineStyle, Row, Table,
    TableStyle, Width,
};
use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::figure::figure;
use crate::model::{Fact, Sheet, Source, Value};
use crate::text::sanitize;

pub mod series;

/// Output decisions made once at start-up.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Whether to use colour and bold.
    pub color: bool,
    /// The width of the terminal tables are shown on; `None` when stdout is not a terminal,
    /// and then nothing is cut or wrapped.
    pub width: Option<u16>,
    /// Show every column in full, wrapped to the width, instead of one line per row.
    pub wide: bool,
    /// Whether stdout is a terminal, where a person reads it.
    pub terminal: bool,
}

impl Style {
    /// The same style, showing every column in full when `wide` is set (`--wide`).
    pub fn widened(self, wide: bool) -> Style {
        Style {
            wide: self.wide || wide,
            ..self
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

/// How a column of a terminal table gives way when the terminal is too narrow for the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Give {
    /// Never cut, wrapped or dropped: ids, dates and names, which are copied into commands.
    Never,
    /// Shown whole, or dropped when it does not fit; columns drop in the order of their rank,
    /// lowest first.
    Drop(u8),
    /// Takes the width the other columns leave and is cut with `…`; dropped at its rank when
    /// fewer than [`LEAST_CUT`] characters are left for it.
    Cut(u8),
}

/// The narrowest a cut column is shown; below this it is dropped.
const LEAST_CUT: usize = 12;

/// A column of a terminal table.
struct Col<'a> {
    header: &'a str,
    give: Give,
}

const fn col(header: &str, give: Give) -> Col<'_> {
    Col { header, give }
}

/// Space around each column's text: one character on either side.
const PADDING: usize = 2;

/// The space between two columns.
const GAP: usize = 1;

/// Writes a table of `rows` (cells already sanitized) to `out`, laid out by comfy-table.
///
/// With no width (stdout is not a terminal) every cell is written whole. On a terminal each
/// row takes one line: the [`Give::Never`] columns keep their width, the [`Give::Cut`] column
/// takes what is left and is cut with `…`, and columns drop, in their order, while the table
/// does not fit. `--wide` shows every column, wrapped to the width instead. `accent` is the
/// column shown in colour.
fn write_table(
    out: &mut dyn Write,
    style: &Style,
    cols: &[Col<'_>],
    mut rows: Vec<Vec<String>>,
    accent: usize,
) -> io::Result<()> {
    let width = style.width.map(usize::from);
    let cut = cols.iter().position(|c| matches!(c.give, Give::Cut(_)));
    match width {
        // Wrapping splits long words in steps: give comfy-table words no longer than a line.
        Some(w) if style.wide => {
            for row in &mut rows {
                for (cell, c) in row.iter_mut().zip(cols) {
                    if c.give != Give::Never {
                        if let Cow::Owned(broken) = break_long_words(cell, w) {
                            *cell = broken;
                        }
                    }
                }
            }
        }
        // A cut cell shows at most a line: the rest need not be looked at.
        Some(w) => {
            if let Some(i) = cut {
                for row in &mut rows {
                    let cell = &mut row[i];
                    let end = prefix_within(cell, w + 1);
                    cell.truncate(end);
                }
            }
        }
        None => {}
    }

    let mut table = Table::new();
    // No borders, only a rule under the header: easy to read and to copy from.
    table.load_style(TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' ')));
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table.set_header(cols.iter().map(|c| {
        let cell = Cell::new(c.header);
        if style.color {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    }));
    let one_line = width.is_some() && !style.wide;
    for cells in rows {
        let mut row = Row::from(cells.into_iter().enumerate().map(|(i, text)| {
            let mut cell = Cell::new_owned(text);
            if one_line && Some(i) == cut {
                // Split anywhere rather than at spaces, so the one line shown is a full one
                // before the `…`. Sanitized text holds no NUL.
                cell = cell.set_delimiter('\0');
            }
            if style.color && i == accent {
                cell.fg(Color::Cyan)
            } else {
                cell
            }
        }));
        if one_line {
            row.max_height(1);
        }
        table.add_row(row);
    }

    let widths: Vec<usize> = table
        .column_max_content_widths()
        .into_iter()
        .map(usize::from)
        .collect();
    match width {
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
        Some(w) if style.wide => {
            table.set_content_arrangement(ContentArrangement::Dynamic);
            table.set_width(u16::try_from(w).unwrap_or(u16::MAX));
            for (i, c) in cols.iter().enumerate() {
                match c.give {
                    Give::Never => set_constraint(&mut table, i, ColumnConstraint::ContentWidth),
                    // The cut column keeps a readable width: it is the one that needs it.
                    // (comfy-table counts widths in u16 and overflows adding padding to one
                    // near the top; such a column needs no lower bound.)
                    Give::Cut(_) if widths[i] < usize::from(u16::MAX) - PADDING => {
                        let least = widths[i].min(LEAST_CUT) + PADDING;
                        let least = Width::Fixed(u16::try_from(least).unwrap_or(u16::MAX));
                        set_constraint(&mut table, i, ColumnConstraint::LowerBoundary(least));
                    }
                    _ => {}
                }
            }
        }
        Some(w) => {
            table.set_content_arrangement(ContentArrangement::Disabled);
            let shown = fit_columns(cols, &widths, w);
            let fixed: usize = (0..cols.len())
                .filter(|&i| shown[i] && Some(i) != cut)
                .map(|i| widths[i] + PADDING + GAP)
                .sum();
            for (i, c) in cols.iter().enumerate() {
                let constraint = if !shown[i] {
                    ColumnConstraint::Hidden
                } else if matches!(c.give, Give::Cut(_)) {
                    let room = w.saturating_sub(fixed).max(LEAST_CUT + PADDING);
                    if widths[i] + PADDING <= room {
                        ColumnConstraint::ContentWidth
                    } else {
                        ColumnConstraint::Absolute(Width::Fixed(room as u16))
                    }
                } else {
                    ColumnConstraint::ContentWidth
                };
                set_constraint(&mut table, i, constraint);
            }
        }
    }
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn set_constraint(table: &mut Table, column: usize, constraint: ColumnConstraint) {
    if let Some(c) = table.column_mut(column) {
        c.set_constraint(constraint);
    }
}

/// Which columns a one-line table shows at width `w`, given each column's widest text:
/// columns drop in the order of their rank until the rest fit. `Never` columns always stay,
/// even when they alone are wider than the terminal.
fn fit_columns(cols: &[Col<'_>], widths: &[usize], w: usize) -> Vec<bool> {
    let mut shown = vec![true; cols.len()];
    let need = |shown: &[bool]| -> usize {
        cols.iter()
            .enumerate()
            .filter(|&(i, _)| shown[i])
            .map(|(i, c)| match c.give {
                Give::Cut(_) => widths[i].min(LEAST_CUT) + PADDING + GAP,
                _ => widths[i] + PADDING + GAP,
            })
            .sum::<usize>()
            .saturating_sub(GAP)
    };
    let mut order: Vec<(u8, usize)> = cols
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c.give {
            Give::Never => None,
            Give::Drop(rank) | Give::Cut(rank) => Some((rank, i)),
        })
        .collect();
    order.sort_unstable();
    for (_, i) in order {
        if need(&shown) <= w {
            break;
        }
        shown[i] = false;
    }
    shown
}

/// The byte length of the longest prefix of `text` at most `width` columns wide, whole
/// graphemes only. Reads no further than that prefix.
fn prefix_within(text: &str, width: usize) -> usize {
    let mut used = 0;
    for (at, g) in text.grapheme_indices(true) {
        used += g.width();
        if used > width {
            return at;
        }
    }
    text.len()
}

/// Splits every word wider than `width` columns into pieces of at most `width`, so that
/// wrapping never has to split a long word itself (comfy-table measures what remains of a word
/// after each piece it splits off, which is quadratic in the word's length). Linear in the
/// text.
fn break_long_words(text: &str, width: usize) -> Cow<'_, str> {
    let width = width.max(1);
    if text.len() <= width
        || text
            .split(' ')
            .all(|w| w.len() <= width || w.width() <= width)
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / width);
    for (n, word) in text.split(' ').enumerate() {
        if n > 0 {
            out.push(' ');
        }
        let mut used = 0;
        for g in word.graphemes(true) {
            let gw = g.width();
            if used > 0 && used + gw > width {
                out.push(' ');
                used = 0;
            }
            out.push_str(g);
            used += gw;
        }
    }
    Cow::Owned(out)
}

fn period_text(fact: &Fact) -> String {
    fact.period.map(|p| p.human()).unwrap_or_default()
}

fn short_period(fact: &Fact) -> String {
    fact.period.map(|p| p.short()).unwrap_or_default()
}

/// A fact's figure for a table's Figure column: quantities only. A text fact's value is
/// words, which belong with its label (see [`label_cell`]).
fn figure_cell(fact: &Fact) -> String {
    match fact.value {
        Value::Text(_) => String::new(),
        _ => sanitize(&figure(fact)).into_owned(),
    }
}

/// A fact's label for a table, with a text fact's value before it unless the label already
/// says it: `AZERTAC — Azerbaijan's state news agency`. The value comes first, so that it is
/// what stays when the cell is cut.
fn label_cell(fact: &Fact) -> String {
    match &fact.value {
        Value::Text(t) if !fact.label.to_lowercase().contains(&t.to_lowercase()) => {
            sanitize(&format!("{t} — {}", fact.label)).into_owned()
        }
        _ => sanitize(&fact.label).into_owned(),
    }
}

/// The columns of the facts table `list` and `search` print. The label drops first, then the
/// period, then the figure; the id always stays.
const FACTS_COLUMNS: [Col; 4] = [
    col("ID", Give::Never),
    col("Figure", Give::Drop(3)),
    col("Period", Give::Drop(2)),
    col("Label", Give::Cut(1)),
];

/// The table `list` and `search` print: id, figure, period, label.
pub fn facts_table(out: &mut dyn Write, facts: &[&Fact], style: &Style) -> io::Result<()> {
    let rows = facts
        .iter()
        .map(|f| {
            vec![
                sanitize(&f.id).into_owned(),
                figure_cell(f),
                short_period(f),
                label_cell(f),
            ]
        })
        .collect();
    write_table(out, style, &FACTS_COLUMNS, rows, 0)
}

/// The columns of the timeline: the label drops first, then the figure.
const TIMELINE_COLUMNS: [Col; 4] = [
    col("Date", Give::Never),
    col("ID", Give::Never),
    col("Figure", Give::Drop(2)),
    col("Label", Give::Cut(1)),
];

/// Dated facts in order: date, id, figure, label.
pub fn timeline_table(out: &mut dyn Write, facts: &[&Fact], style: &Style) -> io::Result<()> {
    let rows = facts
        .iter()
        .map(|f| {
            vec![
                short_period(f),
                sanitize(&f.id).into_owned(),
                figure_cell(f),
                label_cell(f),
            ]
        })
        .collect();
    write_table(out, style, &TIMELINE_COLUMNS, rows, 1)
}

/// Sectors with their fact counts and descriptions.
pub fn sectors_table(out: &mut dyn Write, sheet: &Sheet, style: &Style) -> io::Result<()> {
    const COLUMNS: [Col; 3] = [
        col("Sector", Give::Never),
        col("Facts", Give::Drop(2)),
        col("Description", Give::Cut(1)),
    ];
    let rows = sheet
        .sectors
        .iter()
        .map(|s| {
            vec![
                sanitize(&s.name).into_owned(),
                sheet.count_in(&s.name).to_string(),
                sanitize(&s.description).into_owned(),
            ]
        })
        .collect();
    write_table(out, style, &COLUMNS, rows, 0)
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
pub fn loaded_table(out: &mut dyn Write, sheet: &Sheet, style: &Style) -> io::Result<()> {
    const COLUMNS: [Col; 5] = [
        col("Sheet", Give::Never),
        col("Facts", Give::Drop(4)),
        col("Replaced", Give::Drop(1)),
        col("Sources", Give::Drop(3)),
        col("Sectors", Give::Drop(2)),
    ];
    let rows = sheet
        .loaded
        .iter()
        .map(|l| {
            vec![
                sanitize(&l.name).into_owned(),
                l.facts.to_string(),
                l.replaced.to_string(),
                l.sources.to_string(),
                l.sectors.to_string(),
            ]
        })
        .collect();
    write_table(out, style, &COLUMNS, rows, 0)
}

/// Every source of the loaded sheet, with how many facts cite it and which sheet defined it.
pub fn sources_table(out: &mut dyn Write, sheet: &Sheet, style: &Style) -> io::Result<()> {
    const COLUMNS: [Col; 4] = [
        col("Source", Give::Never),
        col("Facts", Give::Drop(3)),
        col("Sheet", Give::Drop(2)),
        col("Reference", Give::Cut(1)),
    ];
    let rows = sheet
        .sources
        .values()
        .map(|src| {
            vec![
                sanitize(&src.key).into_owned(),
                sheet.cited(&src.key).to_string(),
                sanitize(&src.origin).into_owned(),
                sanitize(&source_text(src)).into_owned(),
            ]
        })
        .collect();
    write_table(out, style, &COLUMNS, rows, 0)
}

/// One fact in full, one field a line: `  Source  The Gulf Observer, …`. On a terminal, long
/// fields wrap to its width under their own start (a hanging indent).
pub fn card(out: &mut dyn Write, sheet: &Sheet, fact: &Fact, style: &Style) -> io::Result<()> {
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

    writeln!(out, "{}", style.bold(&sanitize(&fact.id)))?;
    // The keys are short: the text starts at column 11, after `  `, the key and a space.
    const INDENT: usize = 10;
    let room = style
        .width
        .map(|w| usize::from(w).saturating_sub(INDENT).max(10));
    for (key, text) in rows {
        let text = sanitize(&text);
        let lines = match room {
            Some(room) => wrap(&text, room),
            None => vec![text.into_owned()],
        };
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                writeln!(out, "  {} {line}", style.dim(&format!("{key:<7}")))?;
            } else {
                writeln!(out, "{:INDENT$}{line}", "")?;
            }
        }
    }
    Ok(())
}

/// Lines of at most `width` columns, broken at spaces, and inside a word only when the word
/// alone is wider. Laid out by comfy-table as a one-column table; linear in the text.
fn wrap(text: &str, width: usize) -> Vec<String> {
    if text.width() <= width {
        return vec![text.to_string()];
    }
    let mut table = Table::new();
    table
        .load_style(TableStyle::new())
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Disabled)
        .add_row(vec![break_long_words(text, width).into_owned()]);
    if let Some(c) = table.column_mut(0) {
        c.set_padding((0, 0));
        c.set_constraint(ColumnConstraint::Absolute(Width::Fixed(
            u16::try_from(width).unwrap_or(u16::MAX),
        )));
    }
    table.lines().map(|l| l.trim_end().to_string()).collect()
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

/// One fact in the JSON contract (see docs/scripting.md).
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

    fn table_at(facts: &[&Fact], width: Option<u16>, wide: bool, color: bool) -> String {
        let mut out = Vec::new();
        let style = Style {
            color,
            width,
            wide,
            terminal: width.is_some(),
        };
        facts_table(&mut out, facts, &style).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn width_of(line: &str) -> usize {
        line.width()
    }

    #[test]
    fn on_a_terminal_each_fact_takes_one_line_and_ids_stay_whole() {
        let sheet = bundled().unwrap();
        let facts: Vec<&Fact> = sheet.facts.iter().collect();
        // An id wider than the terminal is still shown whole, a space before it.
        let widest_id = facts.iter().map(|f| f.id.width()).max().unwrap();
        for width in [40, 60, 80, 100, 120, 200] {
            let table = table_at(&facts, Some(width), false, false);
            let lines: Vec<&str> = table.lines().collect();
            assert_eq!(lines.len(), facts.len() + 2, "width {width}:\n{table}");
            for (line, fact) in lines[2..].iter().zip(&facts) {
                assert!(
                    width_of(line) <= usize::from(width).max(widest_id + 1),
                    "width {width}: {line}"
                );
                assert!(
                    line.split_whitespace().next() == Some(fact.id.as_str()),
                    "width {width}: {line}"
                );
            }
        }
        // At 120 columns the label is there, cut where it does not fit.
        let table = table_at(&facts, Some(120), false, false);
        assert!(table.lines().next().unwrap().contains("Label"), "{table}");
        assert!(table.contains('…'), "{table}");
    }

    #[test]
    fn columns_drop_label_first_then_period_then_figure() {
        let sheet = bundled().unwrap();
        let facts: Vec<&Fact> = sheet.facts.iter().collect();
        let header = |w: u16| -> Vec<String> {
            table_at(&facts, Some(w), false, false)
                .lines()
                .next()
                .unwrap()
                .split_whitespace()
                .map(String::from)
                .collect()
        };
        assert_eq!(header(200), ["ID", "Figure", "Period", "Label"]);
        assert_eq!(header(100), ["ID", "Figure", "Period"]);
        assert_eq!(header(80), ["ID", "Figure"]);
        assert_eq!(header(60), ["ID"]);
        // Too narrow even for the ids: they are still shown whole.
        let narrow = table_at(&facts, Some(10), false, false);
        for fact in &facts {
            assert!(narrow.lines().any(|l| l.trim() == fact.id), "{narrow}");
        }
    }

    #[test]
    fn off_a_terminal_nothing_is_cut_and_wide_wraps_everything() {
        let sheet = bundled().unwrap();
        let facts: Vec<&Fact> = sheet.facts.iter().collect();
        let piped = table_at(&facts, None, false, false);
        assert!(!piped.contains('…'));
        for f in &facts {
            assert!(piped.contains(&*label_cell(f)), "{}", f.label);
        }
        let wide = table_at(&facts, Some(80), true, false);
        assert!(wide.lines().count() > facts.len() + 2);
        assert!(wide.lines().all(|l| width_of(l) <= 80), "{wide}");
        assert!(!wide.contains('…'));
        for f in &facts {
            assert!(
                wide.lines()
                    .any(|l| l.split_whitespace().next() == Some(&f.id))
            );
        }
    }

    #[test]
    fn text_facts_keep_their_words_out_of_the_figure_column() {
        let sheet = bundled().unwrap();
        let socar = sheet.facts.iter().find(|f| f.id == "energy.socar").unwrap();
        let relations = sheet
            .facts
            .iter()
            .find(|f| f.id == "diplomacy.relations-established")
            .unwrap();
        assert_eq!(figure_cell(socar), "");
        assert!(label_cell(socar).starts_with("SOCAR — "));
        assert_eq!(label_cell(relations), relations.label);
        let table = table_at(&[relations], None, false, false);
        assert_eq!(table.matches("Diplomatic relations established").count(), 1);
    }

    /// Every way a long unbroken word reaches the terminal: the one-line table, `--wide`, and
    /// a card. Returns the three outputs.
    fn long_word_outputs(sheet: &Sheet, len: usize) -> [String; 3] {
        let mut fact = sheet.facts[0].clone();
        fact.id = "a.b".into();
        fact.label = "x".repeat(len);
        let one_line = table_at(&[&fact], Some(20), false, false);
        let wide = table_at(&[&fact], Some(20), true, false);
        let mut card_out = Vec::new();
        let style = Style {
            width: Some(20),
            ..Style::default()
        };
        card(&mut card_out, sheet, &fact, &style).unwrap();
        [one_line, wide, String::from_utf8(card_out).unwrap()]
    }

    #[test]
    fn long_words_wrap_in_linear_time() {
        let sheet = bundled().unwrap();
        let [one_line, wide, card_text] = long_word_outputs(&sheet, 200_000);
        assert_eq!(one_line.lines().count(), 3);
        assert_eq!(wide.matches('x').count(), 200_000);
        assert!(wide.lines().all(|l| width_of(l) <= 20), "{wide}");
        assert_eq!(card_text.matches('x').count(), 200_000);
        assert!(card_text.lines().all(|l| width_of(l) <= 20));
        // Ten times the word, about ten times the time (wrapping used to be quadratic: a
        // hundred times). Timed against itself in the same run, the best of three each.
        let time = |len: usize| {
            (0..3)
                .map(|_| {
                    let start = std::time::Instant::now();
                    long_word_outputs(&sheet, len);
                    start.elapsed()
                })
                .min()
                .unwrap()
        };
        let (small, large) = (time(20_000), time(200_000));
        assert!(
            large < small * 40,
            "20,000 characters {small:?}, 200,000 characters {large:?}"
        );
    }

    #[test]
    fn break_long_words_splits_only_long_words() {
        assert_eq!(break_long_words("ab cd", 2), "ab cd");
        assert_eq!(break_long_words("abcde f", 2), "ab cd e f");
        assert_eq!(break_long_words("中文字", 4), "中文 字");
        assert_eq!(prefix_within("中文字", 5), "中文".len());
    }

    #[test]
    fn cards_wrap_with_a_hanging_indent() {
        let sheet = bundled().unwrap();
        let fact = sheet.facts.iter().find(|f| f.note.is_some()).unwrap();
        let mut out = Vec::new();
        let style = Style {
            width: Some(50),
            ..Style::default()
        };
        card(&mut out, &sheet, fact, &style).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.lines().all(|l| width_of(l) <= 50), "{text}");
        let continued: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("          "))
            .collect();
        assert!(!continued.is_empty(), "{text}");
        assert!(
            continued.iter().all(|l| !l[10..].starts_with(' ')),
            "{text}"
        );
    }

    #[test]
    fn tables_carry_no_escape_codes_without_colour() {
        let sheet = bundled().unwrap();
        let facts: Vec<&Fact> = sheet.facts.iter().collect();
        let plain = table_at(&facts, Some(80), false, false);
        assert!(!plain.contains('\u{1b}'));
        assert!(plain.lines().all(|l| width_of(l) <= 80), "{plain}");
        let coloured = table_at(&facts, Some(80), false, true);
        assert!(coloured.contains('\u{1b}'));
    }
}
