//! `series`: a measure's figures over time with their sources, or the list of measures.

use std::io::Write;

use anyhow::Result;

use super::nothing_found;
use crate::cli::{SeriesArgs, SeriesFormat};
use crate::exit::Exit;
use crate::model::Sheet;
use crate::query;
use crate::render::Style;
use crate::render::series as out_series;
use crate::series::{Index, Series};
use crate::text::sanitize;

pub(super) fn series(
    sheet: &Sheet,
    args: &SeriesArgs,
    style: &Style,
    out: &mut dyn Write,
) -> Result<Exit> {
    let index = Index::new(sheet);
    let Some(name) = &args.measure else {
        return measures(&index, args, style, out);
    };
    let series = match resolve(sheet, &index, name) {
        Ok(series) => series,
        Err(why) => return Ok(nothing_found(out, &why)),
    };
    match args.format {
        SeriesFormat::Table => out_series::series_table(out, sheet, &series, style)?,
        SeriesFormat::Json => out_series::write_series_json(out, sheet, &series)?,
        SeriesFormat::Csv => out_series::write_series_csv(out, sheet, &series, args.csv_safe)?,
        SeriesFormat::Tsv => out_series::write_series_tsv(out, sheet, &series, args.csv_safe)?,
        SeriesFormat::Markdown => out_series::write_series_markdown(out, sheet, &series)?,
        SeriesFormat::Svg => out.write_all(crate::chart::svg(sheet, &series)?.as_bytes())?,
    }
    Ok(Exit::Success)
}

/// `pakaz series` alone: the measures, with how many periods and facts each has.
fn measures(
    index: &Index<'_>,
    args: &SeriesArgs,
    style: &Style,
    out: &mut dyn Write,
) -> Result<Exit> {
    let rows = out_series::measure_rows(index);
    match args.format {
        SeriesFormat::Table if rows.is_empty() => {}
        SeriesFormat::Table => out_series::measures_table(out, &rows, style)?,
        SeriesFormat::Json => out_series::write_measures_json(out, &rows)?,
        SeriesFormat::Csv => out_series::write_measures_csv(out, &rows, args.csv_safe)?,
        SeriesFormat::Tsv => out_series::write_measures_tsv(out, &rows, args.csv_safe)?,
        SeriesFormat::Markdown => out_series::write_measures_markdown(out, &rows)?,
        SeriesFormat::Svg => {
            anyhow::bail!("--format svg draws one measure: give its name (pakaz series lists them)")
        }
    }
    if rows.is_empty() {
        return Ok(nothing_found(
            out,
            "no fact in the loaded sheets has a measure",
        ));
    }
    Ok(Exit::Success)
}

/// The series `name` means: a measure, or the measure of the fact with that id; or what to tell
/// the user when it means none.
fn resolve<'a>(
    sheet: &'a Sheet,
    index: &Index<'a>,
    name: &str,
) -> std::result::Result<Series<'a>, String> {
    if let Some(series) = index.series(name) {
        return Ok(series);
    }
    if let Ok(fact) = query::find(sheet, name) {
        let Some(measure) = &fact.measure else {
            return Err(format!(
                "fact '{}' has no measure, so it is in no series",
                sanitize(&fact.id)
            ));
        };
        if let Some(series) = index.series(measure) {
            return Ok(series);
        }
    }
    let hint = index
        .closest(name)
        .map(|m| format!("; did you mean '{}'?", sanitize(m)))
        .unwrap_or_else(|| " (pakaz series lists the measures)".to_string());
    Err(format!("no measure or fact '{}'{hint}", sanitize(name)))
}

/// An unknown measure in a filter is a mistake in the command, not an empty result.
pub(super) fn check_measure(sheet: &Sheet, name: &str) -> Result<()> {
    let index = Index::new(sheet);
    if index.contains(name) {
        return Ok(());
    }
    let hint = index
        .closest(name)
        .map(|m| format!(" (did you mean '{}'?)", sanitize(m)))
        .unwrap_or_default();
    anyhow::bail!(
        "unknown measure '{}'{hint}; pakaz series lists the measures",
        sanitize(name)
    )
}
