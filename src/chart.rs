//! A series as an SVG bar chart a writer can put in an article: one bar per figure, grouped by
//! period and coloured by source, with a title, axis labels, the unit and the sources under it.
//! Drawn with `plotters` (its SVG backend only).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::figure::scaled;
use crate::model::{Sheet, Value};
use crate::render::series::{DIFFER, bare_figure, heading};
use crate::series::Series;
use crate::text::sanitize;

/// The colours of the bars, one per source in order of first citation (Okabe–Ito, which
/// readers with colour blindness tell apart), as `#rrggbb`.
pub const PALETTE: [(u8, u8, u8); 7] = [
    (0, 114, 178),
    (230, 159, 0),
    (0, 158, 115),
    (204, 121, 167),
    (86, 180, 233),
    (213, 94, 0),
    (240, 228, 66),
];

/// The colour of the `i`th source as SVG writes it.
pub fn palette_hex(i: usize) -> String {
    let (r, g, b) = PALETTE[i % PALETTE.len()];
    format!("#{r:02X}{g:02X}{b:02X}")
}

const WIDTH: u32 = 960;
const PLOT_HEIGHT: u32 = 520;
const LINE: u32 = 20;
/// The most characters of a source's reference that fit the chart's width.
const MAX_CHARS: usize = 130;

/// `text` cut to `max` characters, with an ellipsis where it was cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// Why a chart could not be drawn.
#[derive(Debug)]
pub struct ChartError(pub String);

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ChartError {}

fn drawing<E: std::error::Error>(e: E) -> ChartError {
    ChartError(format!("drawing the chart: {e}"))
}

/// The series as an SVG document.
pub fn svg(sheet: &Sheet, series: &Series<'_>) -> Result<String, ChartError> {
    let Some((min, max)) = series.extent() else {
        return Err(ChartError(format!(
            "measure '{}' has no numbers to chart: its figures are text",
            sanitize(series.measure)
        )));
    };
    let keys = series.source_keys();
    // Each source: its reference on one line (cut to fit the width) and its URL under it.
    let sources: Vec<(String, Option<String>)> = keys
        .iter()
        .enumerate()
        .map(|(i, key)| {
            let (text, url) = sheet.sources.get(*key).map_or_else(
                || ((*key).to_string(), None),
                |s| (crate::render::source_text(s), s.url.clone()),
            );
            let url = url.map(|u| sanitize(&u).into_owned());
            (
                cut(&format!("[{}] {}", i + 1, sanitize(&text)), MAX_CHARS),
                url,
            )
        })
        .collect();
    let lines = sources
        .iter()
        .map(|(_, u)| 1 + u32::from(u.is_some()))
        .sum::<u32>();
    let footer = LINE * (lines + 3);
    let mut out = String::new();
    {
        let root =
            SVGBackend::with_string(&mut out, (WIDTH, PLOT_HEIGHT + footer)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        let (plot, notes) = root.split_vertically(PLOT_HEIGHT);
        draw_plot(&plot, series, &keys, (min, max))?;
        draw_notes(&notes, series, &sources)?;
        root.present().map_err(drawing)?;
    }
    Ok(out)
}

fn draw_plot(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    series: &Series<'_>,
    keys: &[&str],
    (min, max): (f64, f64),
) -> Result<(), ChartError> {
    let n = series.points.len();
    // Bars stand on zero; a negative figure (a fall) hangs below it.
    let top = if max > 0.0 { max * 1.15 } else { 1.0 };
    let bottom = if min < 0.0 { min * 1.15 } else { 0.0 };
    let unit = series.unit().unwrap_or("");
    let mut chart = ChartBuilder::on(area)
        .caption(sanitize(&heading(series)), ("sans-serif", 22))
        .margin(16)
        .x_label_area_size(48)
        .y_label_area_size(96)
        .build_cartesian_2d(0f64..n as f64, bottom..top)
        .map_err(drawing)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .max_light_lines(0)
        .x_labels(0)
        .x_desc("Period")
        .y_desc(if unit.is_empty() {
            "value".into()
        } else {
            sanitize(unit)
        })
        .y_label_formatter(&|v| scaled(*v))
        .axis_desc_style(("sans-serif", 15))
        .label_style(("sans-serif", 13))
        .draw()
        .map_err(drawing)?;

    // One bar per figure: a period's figures side by side, coloured by source.
    let mut bars = Vec::new();
    let mut ranges = Vec::new();
    let mut labels = Vec::new();
    for (i, point) in series.points.iter().enumerate() {
        let k = point.facts.len() as f64;
        let slot = 0.8 / k;
        for (j, fact) in point.facts.iter().enumerate() {
            let (low, high) = match fact.value {
                Value::Number(v) => (v, v),
                Value::Range { min, max } => (min, max),
                Value::Text(_) => continue,
            };
            let x0 = i as f64 + 0.1 + j as f64 * slot;
            let x1 = x0 + slot * 0.9;
            let source = keys
                .iter()
                .position(|key| *key == fact.source.key)
                .unwrap_or(0);
            let (r, g, b) = PALETTE[source % PALETTE.len()];
            bars.push(Rectangle::new(
                [(x0, 0.0), (x1, low)],
                RGBColor(r, g, b).filled(),
            ));
            if high > low {
                let mid = (x0 + x1) / 2.0;
                ranges.push(PathElement::new(
                    vec![(mid, low), (mid, high)],
                    RGBColor(r, g, b).stroke_width(2),
                ));
            }
            // A period's labels stand over its tallest bar, one above the other, so that
            // side by side they do not overlap.
            let tallest = point.extent().map_or(high, |(_, hi)| hi);
            let above = point.facts.len() - 1 - j;
            labels.push((
                ((x0 + x1) / 2.0, tallest),
                3 + 14 * above as i32,
                format!("{} [{}]", sanitize(&bare_figure(fact)), source + 1),
            ));
        }
    }
    chart.draw_series(bars).map_err(drawing)?;
    chart.draw_series(ranges).map_err(drawing)?;
    let value_style = TextStyle::from(("sans-serif", 11).into_font())
        .pos(Pos::new(HPos::Center, VPos::Bottom))
        .color(&BLACK);
    for (at, lift, text) in labels {
        let (x, y) = chart.backend_coord(&at);
        area.draw(&Text::new(text, (x, y - lift), value_style.clone()))
            .map_err(drawing)?;
    }
    // The periods under their bars (the axis' own labels fall on round numbers).
    let period_style = TextStyle::from(("sans-serif", 13).into_font())
        .pos(Pos::new(HPos::Center, VPos::Top))
        .color(&BLACK);
    for (i, point) in series.points.iter().enumerate() {
        let (x, y) = chart.backend_coord(&(i as f64 + 0.5, bottom));
        let mut text = point
            .period
            .map_or_else(|| "undated".to_string(), |p| p.short());
        if point.disagree() {
            text.push_str(&format!(" {DIFFER}"));
        }
        area.draw(&Text::new(text, (x, y + 6), period_style.clone()))
            .map_err(drawing)?;
    }
    Ok(())
}

fn draw_notes(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    series: &Series<'_>,
    sources: &[(String, Option<String>)],
) -> Result<(), ChartError> {
    let style = TextStyle::from(("sans-serif", 13).into_font()).color(&BLACK);
    let mut y = 8;
    let line = |text: String, y: &mut i32| -> Result<(), ChartError> {
        area.draw(&Text::new(text, (16, *y), style.clone()))
            .map_err(drawing)?;
        *y += LINE as i32;
        Ok(())
    };
    let mut first = format!(
        "{}: one bar per figure, coloured by source.",
        sanitize(series.measure)
    );
    if series.disagreements() > 0 {
        first.push_str(&format!(
            " {DIFFER}: the sources give different figures for that period."
        ));
    }
    line(first, &mut y)?;
    line("Sources:".to_string(), &mut y)?;
    let url_style = TextStyle::from(("monospace", 12).into_font()).color(&RGBColor(60, 60, 60));
    for (i, (text, url)) in sources.iter().enumerate() {
        // A swatch of the source's colour, round so it is not taken for a bar.
        let (r, g, b) = PALETTE[i % PALETTE.len()];
        area.draw(&Circle::new((22, y + 7), 5, RGBColor(r, g, b).filled()))
            .map_err(drawing)?;
        area.draw(&Text::new(text.clone(), (34, y), style.clone()))
            .map_err(drawing)?;
        y += LINE as i32;
        if let Some(url) = url {
            area.draw(&Text::new(
                cut(url, MAX_CHARS - 10),
                (34, y),
                url_style.clone(),
            ))
            .map_err(drawing)?;
            y += LINE as i32;
        }
    }
    Ok(())
}
