//! Writing series out: the terminal chart, the list of measures, JSON, CSV, TSV and Markdown.

use std::io::{self, Write};

use serde::Serialize;

use super::{
    Col, Give, JsonFact, Style, col, json_fact, md_cell, safe_cells, tsv_cell, write_csv_records,
    write_table,
};
use crate::figure::{figure, quantity};
use crate::model::{Fact, Sheet, Value};
use crate::series::{Index, Point, Series, short_source};
use crate::text::sanitize;

/// The mark beside a period whose sources give different figures.
pub const DIFFER: &str = "≠";

/// A figure without its unit, which the series' heading gives (`over 80,000`); a currency
/// keeps its sign (`US$13.2 million`).
pub fn bare_figure(fact: &Fact) -> String {
    let unit = fact.unit.as_deref().filter(|u| matches!(*u, "USD" | "EUR"));
    match &fact.value {
        Value::Text(t) => t.clone(),
        v => format!("{}{}", fact.qualifier.prefix(), quantity(v, unit)),
    }
}

/// A period's figures, each with its source, side by side:
/// `80,924 (The Gulf Observer) · over 80,000 (Azerbaijan Tourism Board)`.
pub fn alternatives_text(sheet: &Sheet, point: &Point<'_>) -> String {
    point
        .facts
        .iter()
        .map(|f| {
            format!(
                "{} ({})",
                bare_figure(f),
                short_source(sheet, &f.source.key)
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The period of a point as a table shows it.
fn period_cell(point: &Point<'_>) -> String {
    point
        .period
        .map_or_else(|| "undated".to_string(), |p| p.short())
}

/// What a series' heading says it is: `Tourists from Pakistan ... (people)`.
pub fn heading(series: &Series<'_>) -> String {
    match series.unit() {
        Some(unit) => format!("{} ({unit})", series.label()),
        None => series.label().to_string(),
    }
}

const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

/// A bar `width` cells long at `max`: solid up to `low`, shaded from there to `high` (the
/// spread between sources, or a range's two ends). Zero and below draw nothing.
pub fn bar(low: f64, high: f64, max: f64, width: usize) -> String {
    if max <= 0.0 || !max.is_finite() {
        return String::new();
    }
    let eighths = |v: f64| ((v.max(0.0) / max) * (width * 8) as f64).round() as usize;
    let solid = eighths(low);
    let mut out = "█".repeat(solid / 8);
    if solid % 8 > 0 {
        out.push(EIGHTHS[solid % 8 - 1]);
    }
    let drawn = solid.div_ceil(8);
    let spread = eighths(high).div_ceil(8).saturating_sub(drawn);
    let spread = if high > low && spread == 0 { 1 } else { spread };
    out.push_str(&"░".repeat(spread));
    out
}

/// How many cells the bars of a table may take at this width.
fn bar_width(style: &Style) -> usize {
    style
        .width
        .map_or(40, |w| (usize::from(w) / 3).clamp(10, 40))
}

/// The terminal view of a series: a heading, one row per period with every source's figure
/// and a bar to scale, and a note under it when some period's sources differ. On a narrow
/// terminal the bars drop first, then the figures are cut.
pub fn series_table(
    out: &mut dyn Write,
    sheet: &Sheet,
    series: &Series<'_>,
    style: &Style,
) -> io::Result<()> {
    writeln!(
        out,
        "{} — {}\n",
        style.bold(&sanitize(series.measure)),
        sanitize(&heading(series))
    )?;
    let extent = series.extent();
    let max = extent.map_or(0.0, |(_, hi)| hi);
    let scale = match extent {
        Some(_) => sanitize(&format!(
            "0 to {}",
            quantity(&Value::Number(max), series.unit())
        ))
        .into_owned(),
        None => String::new(),
    };
    let mut cols = vec![
        col("Period", Give::Never),
        col("", Give::Never),
        col("Figure (source)", Give::Cut(2)),
    ];
    if extent.is_some() {
        cols.push(col(&scale, Give::Drop(1)));
    }
    let width = bar_width(style);
    let rows = series
        .points
        .iter()
        .map(|point| {
            let mark = if point.disagree() { DIFFER } else { "" };
            let mut row = vec![
                sanitize(&period_cell(point)).into_owned(),
                mark.to_string(),
                sanitize(&alternatives_text(sheet, point)).into_owned(),
            ];
            if extent.is_some() {
                row.push(
                    point
                        .extent()
                        .map(|(lo, hi)| bar(lo, hi, max, width))
                        .unwrap_or_default(),
                );
            }
            row
        })
        .collect();
    // No column is an id: none is shown in colour.
    write_table(out, style, &cols, rows, usize::MAX)?;
    if series.disagreements() > 0 {
        writeln!(
            out,
            "\n{DIFFER} the sources give different figures for this period; ░ spans them"
        )?;
    }
    writeln!(out, "\nSources:")?;
    for key in series.source_keys() {
        let line = sheet
            .sources
            .get(key)
            .map_or_else(|| key.to_string(), super::source_text);
        writeln!(out, "  {}", sanitize(&line))?;
    }
    Ok(())
}

/// One line of the list of measures.
pub struct MeasureRow<'a> {
    pub measure: &'a str,
    pub label: &'a str,
    pub unit: Option<&'a str>,
    pub facts: usize,
    pub periods: usize,
    /// The first and last period, as a person writes them.
    pub span: String,
    /// Periods whose sources differ.
    pub differ: usize,
}

pub fn measure_rows<'a>(index: &Index<'a>) -> Vec<MeasureRow<'a>> {
    index
        .measures()
        .map(|(measure, facts)| {
            let series = Series::of(measure, facts);
            let dated: Vec<_> = series.points.iter().filter_map(|p| p.period).collect();
            let span = match (dated.first(), dated.last()) {
                (Some(a), Some(b)) if a == b => a.short(),
                (Some(a), Some(b)) => format!("{} to {}", a.short(), b.short()),
                _ => String::new(),
            };
            MeasureRow {
                measure,
                label: series.label(),
                unit: series.unit(),
                facts: facts.len(),
                periods: series.points.len(),
                span,
                differ: series.disagreements(),
            }
        })
        .collect()
}

/// The list of measures; the label is cut first, then the facts, span and periods drop.
pub fn measures_table(
    out: &mut dyn Write,
    rows: &[MeasureRow<'_>],
    style: &Style,
) -> io::Result<()> {
    const COLUMNS: [Col<'static>; 5] = [
        col("Measure", Give::Never),
        col("Periods", Give::Drop(4)),
        col("Facts", Give::Drop(2)),
        col("Span", Give::Drop(3)),
        col("Label", Give::Cut(1)),
    ];
    let cells = rows
        .iter()
        .map(|r| {
            let label = match r.unit {
                Some(u) => format!("{} ({u})", r.label),
                None => r.label.to_string(),
            };
            vec![
                sanitize(r.measure).into_owned(),
                r.periods.to_string(),
                r.facts.to_string(),
                sanitize(&r.span).into_owned(),
                sanitize(&label).into_owned(),
            ]
        })
        .collect();
    write_table(out, style, &COLUMNS, cells, 0)
}

const MEASURE_COLUMNS: [&str; 7] = [
    "measure", "label", "unit", "facts", "periods", "span", "differ",
];

fn measure_cells(r: &MeasureRow<'_>) -> [String; 7] {
    [
        r.measure.to_string(),
        r.label.to_string(),
        r.unit.unwrap_or_default().to_string(),
        r.facts.to_string(),
        r.periods.to_string(),
        r.span.clone(),
        r.differ.to_string(),
    ]
}

pub fn write_measures_json(out: &mut dyn Write, rows: &[MeasureRow<'_>]) -> io::Result<()> {
    let items: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            serde_json::json!({
                "measure": r.measure,
                "label": r.label,
                "unit": r.unit,
                "facts": r.facts,
                "periods": r.periods,
                "differ": r.differ,
            })
        })
        .collect();
    super::write_json_value(out, &items)
}

pub fn write_measures_csv(
    out: &mut dyn Write,
    rows: &[MeasureRow<'_>],
    safe: bool,
) -> io::Result<()> {
    let header = MEASURE_COLUMNS.map(String::from);
    write_csv_records(
        out,
        std::iter::once(header).chain(rows.iter().map(|r| safe_cells(measure_cells(r), safe))),
    )
}

pub fn write_measures_tsv(
    out: &mut dyn Write,
    rows: &[MeasureRow<'_>],
    safe: bool,
) -> io::Result<()> {
    writeln!(out, "{}", MEASURE_COLUMNS.join("\t"))?;
    for r in rows {
        let cells = safe_cells(measure_cells(r), safe).map(|c| tsv_cell(&c));
        writeln!(out, "{}", cells.join("\t"))?;
    }
    Ok(())
}

pub fn write_measures_markdown(out: &mut dyn Write, rows: &[MeasureRow<'_>]) -> io::Result<()> {
    writeln!(
        out,
        "| Measure | Periods | Facts | Span | Label |\n|---|---|---|---|---|"
    )?;
    for r in rows {
        writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            md_cell(r.measure),
            r.periods,
            r.facts,
            md_cell(&r.span),
            md_cell(r.label)
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonPoint<'a> {
    period: Option<String>,
    /// Whether the figures given for the period differ.
    differ: bool,
    facts: Vec<JsonFact<'a>>,
}

#[derive(Serialize)]
struct JsonSeries<'a> {
    measure: &'a str,
    label: &'a str,
    unit: Option<&'a str>,
    periods: Vec<JsonPoint<'a>>,
}

/// A series as one JSON object: its measure, label and unit, and its periods in order, each
/// with whether its figures differ and the facts (as `list --format json` gives them).
pub fn write_series_json(
    out: &mut dyn Write,
    sheet: &Sheet,
    series: &Series<'_>,
) -> io::Result<()> {
    let value = JsonSeries {
        measure: series.measure,
        label: series.label(),
        unit: series.unit(),
        periods: series
            .points
            .iter()
            .map(|p| JsonPoint {
                period: p.period.map(|p| p.to_string()),
                differ: p.disagree(),
                facts: p.facts.iter().map(|f| json_fact(sheet, f, None)).collect(),
            })
            .collect(),
    };
    super::write_json_value(out, &value)
}

/// The columns of a series in CSV and TSV: one row per fact, in order of period.
const SERIES_COLUMNS: [&str; 11] = [
    "period",
    "id",
    "figure",
    "value",
    "unit",
    "qualifier",
    "source",
    "source_key",
    "section",
    "url",
    "differ",
];

fn series_rows(sheet: &Sheet, series: &Series<'_>, safe: bool) -> Vec<[String; 11]> {
    let mut rows = Vec::new();
    for p in &series.points {
        for f in &p.facts {
            let src = sheet.source_of(f);
            rows.push(safe_cells(
                [
                    p.period.map(|p| p.to_string()).unwrap_or_default(),
                    f.id.clone(),
                    figure(f),
                    f.value.raw(),
                    f.unit.clone().unwrap_or_default(),
                    f.qualifier.name().to_string(),
                    super::source_line(sheet, f),
                    f.source.key.clone(),
                    f.source.section.clone().unwrap_or_default(),
                    src.and_then(|s| s.url.clone()).unwrap_or_default(),
                    p.disagree().to_string(),
                ],
                safe,
            ));
        }
    }
    rows
}

pub fn write_series_csv(
    out: &mut dyn Write,
    sheet: &Sheet,
    series: &Series<'_>,
    safe: bool,
) -> io::Result<()> {
    let header = SERIES_COLUMNS.map(String::from);
    write_csv_records(
        out,
        std::iter::once(header).chain(series_rows(sheet, series, safe)),
    )
}

pub fn write_series_tsv(
    out: &mut dyn Write,
    sheet: &Sheet,
    series: &Series<'_>,
    safe: bool,
) -> io::Result<()> {
    writeln!(out, "{}", SERIES_COLUMNS.join("\t"))?;
    for row in series_rows(sheet, series, safe) {
        writeln!(out, "{}", row.map(|c| tsv_cell(&c)).join("\t"))?;
    }
    Ok(())
}

/// A series as a Markdown table for an article: one row per period, the sources' figures
/// side by side, and the sources listed under it.
pub fn write_series_markdown(
    out: &mut dyn Write,
    sheet: &Sheet,
    series: &Series<'_>,
) -> io::Result<()> {
    writeln!(out, "**{}**\n", md_cell(&heading(series)))?;
    writeln!(out, "| Period | Figure (source) | |\n|---|---|---|")?;
    for p in &series.points {
        writeln!(
            out,
            "| {} | {} | {} |",
            md_cell(&period_cell(p)),
            md_cell(&alternatives_text(sheet, p)),
            if p.disagree() { DIFFER } else { "" }
        )?;
    }
    if series.disagreements() > 0 {
        writeln!(
            out,
            "\n{DIFFER} the sources give different figures for this period."
        )?;
    }
    writeln!(out, "\nSources:\n")?;
    for key in series.source_keys() {
        let line = sheet
            .sources
            .get(key)
            .map_or_else(|| key.to_string(), super::source_text);
        writeln!(out, "- {}", md_cell(&line))?;
    }
    Ok(())
}

/// `show --format json`: the fact as `list` gives it, with the facts that give the same
/// measure for the same period (`alternatives`, empty when there are none).
#[derive(Serialize)]
struct JsonShown<'a> {
    #[serde(flatten)]
    fact: JsonFact<'a>,
    alternatives: Vec<JsonFact<'a>>,
}

pub fn write_show_json(
    out: &mut dyn Write,
    sheet: &Sheet,
    shown: &[(&Fact, Vec<&Fact>)],
) -> io::Result<()> {
    let items: Vec<JsonShown<'_>> = shown
        .iter()
        .map(|(fact, alternatives)| JsonShown {
            fact: json_fact(sheet, fact, None),
            alternatives: alternatives
                .iter()
                .map(|f| json_fact(sheet, f, None))
                .collect(),
        })
        .collect();
    super::write_json_value(out, &items)
}

/// The lines `show` adds to a fact's card for its series: the measure, the other sources'
/// figures for the same period, and the periods either side.
pub fn card_rows(sheet: &Sheet, index: &Index<'_>, fact: &Fact) -> Vec<(&'static str, String)> {
    let Some(measure) = &fact.measure else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    let Some(series) = index.series(measure) else {
        return rows;
    };
    rows.push((
        "Measure",
        format!(
            "{measure} ({} in {} periods; pakaz series {measure})",
            plural(series.facts().count(), "fact"),
            series.points.len()
        ),
    ));
    if let Some(point) = series.position(fact).map(|i| &series.points[i]) {
        if point.facts.len() > 1 {
            let mark = if point.disagree() {
                format!(" {DIFFER} the sources differ")
            } else {
                " (the sources agree)".to_string()
            };
            rows.push((
                "Sources",
                format!("{}{mark}", alternatives_text(sheet, point)),
            ));
        }
    }
    let (before, after) = series.neighbours(fact);
    for (key, point) in [("Before", before), ("After", after)] {
        if let Some(p) = point {
            rows.push((
                key,
                format!("{}: {}", period_cell(p), alternatives_text(sheet, p)),
            ));
        }
    }
    rows
}

/// `timeline --by-measure`: the measure on the first row of its group, then date, id,
/// figure and label.
pub fn timeline_by_measure_table(
    out: &mut dyn Write,
    facts: &[&Fact],
    style: &Style,
) -> io::Result<()> {
    const COLUMNS: [Col<'static>; 5] = [
        col("Measure", Give::Never),
        col("Date", Give::Never),
        col("ID", Give::Never),
        col("Figure", Give::Drop(2)),
        col("Label", Give::Cut(1)),
    ];
    let mut last: Option<&str> = None;
    let rows = facts
        .iter()
        .map(|f| {
            let measure = f.measure.as_deref();
            let shown = if measure == last {
                String::new()
            } else {
                measure.unwrap_or("(none)").to_string()
            };
            last = measure;
            vec![
                sanitize(&shown).into_owned(),
                super::short_period(f),
                sanitize(&f.id).into_owned(),
                super::figure_cell(f),
                super::label_cell(f),
            ]
        })
        .collect();
    write_table(out, style, &COLUMNS, rows, 2)
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_drawn_to_scale_in_eighths() {
        assert_eq!(bar(100.0, 100.0, 100.0, 10), "██████████");
        assert_eq!(bar(50.0, 50.0, 100.0, 10), "█████");
        assert_eq!(bar(55.0, 55.0, 100.0, 10), "█████▌");
        assert_eq!(bar(0.0, 0.0, 100.0, 10), "");
        // The spread between sources is shaded, at least one cell.
        assert_eq!(bar(50.0, 100.0, 100.0, 10), "█████░░░░░");
        assert_eq!(bar(99.0, 100.0, 100.0, 10), "█████████▉░");
        assert_eq!(bar(1.0, 1.0, 0.0, 10), "");
    }
}
