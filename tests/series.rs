//! Series and alternatives, end to end: `series` in each format (the SVG opened in a real
//! browser), `--measure` on list, search and timeline, `show`'s alternatives, and what
//! `validate` says about measures and sources. The fixture sheet `series.toml` is made up for
//! these tests, so they do not follow the bundled data.

// The crate's lints (Cargo.toml) are for the program; this target may unwrap and print.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)]

use std::fs;
use std::path::Path;
use std::process::Command as StdCommand;

use assert_cmd::Command;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sheets");

/// pakaz on the fixture sheet alone, with a scrubbed environment and a fixed width.
fn pakaz() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("pakaz"));
    cmd.env_clear()
        .env("COLUMNS", "100")
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .current_dir(FIXTURES)
        .args(["--no-bundled", "--facts", "series.toml"]);
    cmd
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = pakaz().args(args).output().unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn stdout_of(args: &[&str]) -> String {
    let r = run(args);
    assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
    r.stdout
}

fn json_of(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout_of(args)).unwrap()
}

/// The line of `text` that starts (after spaces) with `start`.
fn line_starting<'a>(text: &'a str, start: &str) -> &'a str {
    text.lines()
        .find(|l| l.trim_start().starts_with(start))
        .unwrap_or_else(|| panic!("no line starts with {start:?} in\n{text}"))
}

/// How many cells a bar covers, counting a partial block as the fraction it draws.
fn bar_length(line: &str) -> f64 {
    let partial = |c: char| -> f64 {
        match c {
            '█' | '░' => 1.0,
            '▏' => 0.125,
            '▎' => 0.25,
            '▍' => 0.375,
            '▌' => 0.5,
            '▋' => 0.625,
            '▊' => 0.75,
            '▉' => 0.875,
            _ => 0.0,
        }
    };
    line.chars().map(partial).sum()
}

#[test]
fn series_alone_lists_the_measures() {
    let out = stdout_of(&["series"]);
    let visitors = line_starting(&out, "tourism.visitors");
    assert!(visitors.contains(" 4 "), "4 periods: {visitors}");
    assert!(visitors.contains(" 6 "), "6 facts: {visitors}");
    assert!(visitors.contains("2021 to Jan–Jun 2025"), "{visitors}");
    assert!(line_starting(&out, "trade.turnover").contains("Trade turnover (USD)"));
    let json = json_of(&["series", "--format", "json"]);
    let names: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["measure"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["tourism.visitors", "trade.turnover"]);
    assert_eq!(json[0]["differ"], 1);
    assert_eq!(json[1]["unit"], "USD");
    let r = run(&["series", "--format", "svg"]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("svg draws one measure"), "{}", r.stderr);
}

#[test]
fn a_series_shows_each_period_with_its_sources_side_by_side_and_bars_to_scale() {
    let out = stdout_of(&["series", "tourism.visitors"]);
    assert!(
        out.starts_with("tourism.visitors — Visitors from the other country (people)\n"),
        "{out}"
    );
    // Periods in order, one row each.
    let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("{s} missing:\n{out}"));
    assert!(at(" 2021 ") < at(" 2022 ") && at(" 2022 ") < at(" 2024 "));
    assert!(at(" 2024 ") < at(" Jan–Jun 2025 "));
    // Two sources for 2024 that differ: side by side, marked.
    let y2024 = line_starting(&out, "2024");
    assert!(
        y2024.contains("≠   80,924 (The Daily Example) · over 80,000"),
        "{y2024}"
    );
    // Two sources for 2022 that agree: side by side, not marked.
    let y2022 = line_starting(&out, "2022");
    assert!(y2022.contains("≈ 40,000 (The Daily Example) · ≈ 40,000"));
    assert!(!y2022.contains('≠'));
    assert!(out.contains("≠ the sources give different figures for this period"));
    // Bars to scale: 20,000 is a quarter of the 80,924 the scale runs to.
    let y2021 = line_starting(&out, "2021");
    let (short, long) = (bar_length(y2021), bar_length(y2024));
    assert!(long >= 30.0, "{y2024}");
    let ratio = short / (long - 1.0);
    assert!((ratio - 20000.0 / 80924.0).abs() < 0.02, "{short} / {long}");
    // The 2024 bar shades the spread between 80,000 and 80,924.
    assert!(y2024.contains('░'));
    // The sources under it.
    assert!(out.contains("  The Daily Example, “Visitors by year”, 1 March 2025\n"));
    assert!(out.contains("  Example Tourism Board (annual report), “Annual report 2024”"));
    // A fact's id names its series too.
    assert_eq!(stdout_of(&["series", "visitors-2024-board"]), out);
}

#[test]
fn a_series_in_json_csv_tsv_and_markdown() {
    let json = json_of(&["series", "tourism.visitors", "--format", "json"]);
    assert_eq!(json["measure"], "tourism.visitors");
    assert_eq!(json["unit"], "people");
    let periods = json["periods"].as_array().unwrap();
    let summary: Vec<(String, bool, usize)> = periods
        .iter()
        .map(|p| {
            (
                p["period"].as_str().unwrap().to_string(),
                p["differ"].as_bool().unwrap(),
                p["facts"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("2021".to_string(), false, 1),
            ("2022".to_string(), false, 2),
            ("2024".to_string(), true, 2),
            ("2025-01/2025-06".to_string(), false, 1),
        ]
    );
    assert_eq!(periods[2]["facts"][1]["qualifier"], "over");
    assert_eq!(
        periods[2]["facts"][1]["source"]["publisher"],
        "Example Tourism Board (annual report)"
    );

    let csv = stdout_of(&["series", "tourism.visitors", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6, "one row per fact");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| &r[col("id")]).collect();
    assert_eq!(
        ids,
        [
            "tourism.visitors-2021",
            "tourism.visitors-2022",
            "tourism.visitors-2022-board",
            "tourism.visitors-2024",
            "tourism.visitors-2024-board",
            "tourism.visitors-2025-h1"
        ]
    );
    assert_eq!(&rows[4][col("differ")], "true");
    assert_eq!(&rows[0][col("url")], "https://example.org/visitors");

    let tsv = stdout_of(&["series", "tourism.visitors", "--format", "tsv"]);
    assert_eq!(tsv.lines().count(), 7);
    assert!(tsv.lines().all(|l| l.split('\t').count() == header.len()));

    let md = stdout_of(&["series", "tourism.visitors", "--format", "markdown"]);
    assert!(md.contains(
        "| 2024 | 80,924 (The Daily Example) · over 80,000 (Example Tourism Board) | ≠ |"
    ));
    assert!(md.contains("- The Daily Example, “Visitors by year”, 1 March 2025"));
}

#[test]
fn unknown_measures_and_facts_without_one_are_reported() {
    let r = run(&["series", "tourism.visitor"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("did you mean 'tourism.visitors'?"),
        "{}",
        r.stderr
    );
    let r = run(&["series", "trade.chamber"]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("has no measure"), "{}", r.stderr);
    let r = run(&["list", "--measure", "trade.turnovr"]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("did you mean 'trade.turnover'"));
    let r = run(&["series", "x.y"]);
    assert_eq!(r.code, Some(1));
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr.contains("no measure or fact 'x.y'"),
        "{}",
        r.stderr
    );
}

#[test]
fn list_search_and_timeline_filter_by_measure() {
    let ids = |args: &[&str]| -> Vec<String> {
        json_of(args)
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids(&["list", "--measure", "trade.turnover", "--format", "json"]),
        ["trade.turnover-2023", "trade.turnover-2024"]
    );
    let listed = json_of(&["list", "--measure", "trade.turnover", "--format", "json"]);
    assert_eq!(listed[0]["measure"], "trade.turnover");
    let found = ids(&[
        "search",
        "visitors",
        "--measure",
        "tourism.visitors",
        "-f",
        "json",
    ]);
    assert_eq!(found.len(), 6);
    let r = run(&["search", "turnover", "--measure", "tourism.visitors"]);
    assert_eq!(r.code, Some(1), "nothing found");
    let timeline = ids(&[
        "timeline",
        "--measure",
        "tourism.visitors",
        "--format",
        "json",
    ]);
    assert_eq!(timeline.len(), 6);
    assert_eq!(timeline[0], "tourism.visitors-2021");
    // Grouped: each measure's facts together, in order of date.
    let grouped = ids(&["timeline", "--by-measure", "--format", "json"]);
    assert_eq!(
        grouped,
        [
            "tourism.visitors-2021",
            "tourism.visitors-2022",
            "tourism.visitors-2022-board",
            "tourism.visitors-2024",
            "tourism.visitors-2024-board",
            "tourism.visitors-2025-h1",
            "trade.turnover-2023",
            "trade.turnover-2024"
        ]
    );
    let table = stdout_of(&["timeline", "--by-measure"]);
    assert_eq!(table.matches("tourism.visitors ").count(), 1, "{table}");
    assert!(line_starting(&table, "trade.turnover ").contains("2023"));
}

#[test]
fn show_gives_a_facts_alternatives_and_neighbours() {
    let card = stdout_of(&["show", "tourism.visitors-2024"]);
    assert!(card.contains("Measure tourism.visitors (6 facts in 4 periods"));
    assert!(card.contains(
        "Sources 80,924 (The Daily Example) · over 80,000 (Example Tourism Board) ≠ the sources differ"
    ));
    assert!(card.contains("Before  2022: ≈ 40,000"));
    assert!(card.contains("After   Jan–Jun 2025: 45,000–50,000"));
    let json = json_of(&["show", "tourism.visitors-2024", "--format", "json"]);
    let alternatives = json[0]["alternatives"].as_array().unwrap();
    assert_eq!(alternatives.len(), 1);
    assert_eq!(alternatives[0]["id"], "tourism.visitors-2024-board");
    assert_eq!(alternatives[0]["figure"], "over 80,000 people");
    assert_eq!(
        stdout_of(&["get", "visitors-2024-board", "--field", "measure"]),
        "tourism.visitors\n"
    );
    let r = run(&["get", "trade.chamber", "--field", "measure"]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("has no measure"));
    let alone = json_of(&["show", "trade.chamber", "--format", "json"]);
    assert_eq!(alone[0]["alternatives"], serde_json::json!([]));
    assert_eq!(alone[0]["measure"], serde_json::Value::Null);
}

#[test]
fn validate_warns_about_a_lone_or_undated_measure_and_strict_fails_on_it() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("more.toml");
    fs::write(
        &path,
        "[[facts]]\nid = \"tourism.a\"\nlabel = \"L\"\nvalue = 1\nunit = \"people\"\n\
         period = \"2020\"\nmeasure = \"tourism.visitor\"\nsource = { key = \"paper\" }\n\n\
         [[facts]]\nid = \"tourism.b\"\nlabel = \"L\"\nvalue = 1\nunit = \"people\"\n\
         measure = \"tourism.visitors\"\nsource = { key = \"paper\" }\n",
    )
    .unwrap();
    let file = path.to_str().unwrap();
    let r = run(&["validate", "series.toml", file]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains(&format!(
        "{file}:7:11: warning: measure 'tourism.visitor' is used by this fact only (did you mean 'tourism.visitors'?)"
    )), "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "{file}:15:11: warning: fact 'tourism.b' has measure 'tourism.visitors' but no period"
        )),
        "{}",
        r.stderr
    );
    let r = run(&["validate", "--strict", "series.toml", file]);
    assert_eq!(r.code, Some(2));
    assert_eq!(r.stderr.matches(": error: ").count(), 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("pakaz: 2 problems in 1 sheet (2 checked)")
    );
    // The fixture itself is strict-clean.
    let r = run(&["validate", "--strict", "series.toml"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.is_empty());
}

#[test]
fn strict_validation_holds_sources_to_a_url_a_publisher_and_a_date() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("thin.toml");
    fs::write(
        &path,
        "[sources.thin]\ntitle = \"T\"\npublisher = \"P\"\n\n[[facts]]\nid = \"trade.x\"\n\
         label = \"L\"\nvalue = \"v\"\nsource = { key = \"thin\" }\n",
    )
    .unwrap();
    let file = path.to_str().unwrap();
    let r = run(&["validate", "series.toml", file]);
    assert_eq!(r.code, Some(0), "not without --strict: {}", r.stderr);
    // Without --strict a thin source is at most warned about (citations want more of it).
    assert!(!r.stderr.contains(": error: "), "{}", r.stderr);
    let r = run(&["validate", "--strict", "series.toml", file]);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.contains(&format!(
            "{file}:1:1: error: source 'thin' lacks a URL and a date"
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn a_measure_with_two_units_is_an_error_at_its_place() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("mixed.toml");
    fs::write(
        &path,
        "[[facts]]\nid = \"trade.t\"\nlabel = \"L\"\nvalue = 5\nunit = \"t\"\nperiod = \"2020\"\n\
         measure = \"trade.turnover\"\nsource = { key = \"agency\" }\n",
    )
    .unwrap();
    let file = path.to_str().unwrap();
    let r = run(&["validate", "series.toml", file]);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.contains(&format!(
            "{file}:7:11: error: measure 'trade.turnover' is in USD in 'trade.turnover-2023', but this fact is in t"
        )),
        "{}",
        r.stderr
    );
    // Every other command stops at it too.
    let r = run(&["--facts", file, "series"]);
    assert_eq!(r.code, Some(2));
}

/// The bundled sheet meets what publishing needs: every source with a URL, a publisher and a
/// date, every fact with a measure dated, no measure used once. (`validate --strict` checks
/// exactly that, on the sheet compiled into the binary.)
#[test]
fn the_bundled_sheet_passes_strict_validation() {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("pakaz"));
    let out = cmd
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .args(["validate", "--strict"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
}

// ---------------------------------------------------------------- the SVG chart

fn svg() -> String {
    stdout_of(&["series", "tourism.visitors", "--format", "svg"])
}

#[test]
fn the_svg_has_a_bar_per_figure_a_title_axes_and_the_sources() {
    let svg = svg();
    assert!(svg.starts_with("<svg "), "{}", &svg[..100]);
    assert!(svg.trim_end().ends_with("</svg>"));
    let palette: Vec<String> = (0..pakaz::chart::PALETTE.len())
        .map(pakaz::chart::palette_hex)
        .collect();
    let bars = svg
        .lines()
        .filter(|l| l.starts_with("<rect") && palette.iter().any(|c| l.contains(c.as_str())))
        .count();
    assert_eq!(bars, 6);
    for text in [
        "Visitors from the other country (people)",
        "Period",
        "people",
        "over 80,000 [2]",
        "2024 ≠",
        "\n[1] The Daily Example, “Visitors by year”, 1 March 2025\n",
        "\nhttps://example.org/visitors\n",
        "[2] Example Tourism Board (annual report)",
    ] {
        assert!(svg.contains(text), "{text} missing");
    }
    let r = run(&["series", "trade.chamber", "--format", "svg"]);
    assert_eq!(r.code, Some(1), "no measure: {}", r.stderr);
}

/// The browser pakaz's SVG is tested in: `chromium` (or Chrome) on PATH. CI installs it; a
/// developer's machine without one skips the test, CI fails it.
fn browser() -> Option<String> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            StdCommand::new("sh")
                .args(["-c", &format!("command -v {b}")])
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is needed for the SVG test (.ci/run installs it)"
        );
        eprintln!("skipped: no chromium on PATH");
    }
    found.map(str::to_string)
}

/// A page that parses the SVG with the browser's XML parser, puts it in the document, and
/// writes what it finds into `#result` as JSON: parse errors, the root element, the bars (by
/// their colours) and how many have a size once laid out, every text, and whether the
/// sources stand under the bars.
fn page(svg: &str) -> String {
    let palette: Vec<String> = (0..pakaz::chart::PALETTE.len())
        .map(pakaz::chart::palette_hex)
        .collect();
    format!(
        r#"<!doctype html><html><head><meta charset="utf-8"></head><body>
<div id="chart"></div><pre id="result">not run</pre>
<script>
const doc = new DOMParser().parseFromString({svg}, "image/svg+xml");
const errors = doc.getElementsByTagName("parsererror").length;
const svg = document.importNode(doc.documentElement, true);
document.getElementById("chart").appendChild(svg);
const palette = {palette};
const bars = [...svg.querySelectorAll("rect")]
  .filter(r => palette.includes((r.getAttribute("fill") || "").toUpperCase()));
const laidOut = bars.filter(r => {{ const b = r.getBBox(); return b.width > 0 && b.height > 0; }});
const barsBottom = Math.max(...bars.map(r => r.getBBox().y + r.getBBox().height));
const texts = [...svg.querySelectorAll("text")];
const sources = texts.filter(t => /^\[\d+\]/.test(t.textContent.trim()));
document.getElementById("result").textContent = JSON.stringify({{
  errors,
  root: doc.documentElement.nodeName,
  bars: bars.length,
  laidOut: laidOut.length,
  texts: texts.map(t => t.textContent.trim()),
  sources: sources.length,
  sourcesBelow: sources.every(t => t.getBBox().y > barsBottom),
  width: svg.getBoundingClientRect().width,
}});
</script></body></html>"#,
        svg = serde_json::to_string(svg).unwrap(),
        palette = serde_json::to_string(&palette).unwrap(),
    )
}

#[test]
fn the_svg_opens_in_a_browser_as_a_chart_with_its_sources() {
    let Some(browser) = browser() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let html = tmp.path().join("chart.html");
    fs::write(&html, page(&svg())).unwrap();
    let profile = tmp.path().join("profile");
    let out = StdCommand::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(url_of(&html))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    let start = dom.find("<pre id=\"result\">").unwrap_or_else(|| {
        panic!(
            "no result in the page:\n{dom}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    }) + "<pre id=\"result\">".len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let text = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let result: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(result["errors"], 0, "{result}");
    assert_eq!(result["root"], "svg");
    assert_eq!(result["bars"], 6, "one bar per figure: {result}");
    assert_eq!(result["laidOut"], 6, "{result}");
    assert_eq!(result["sources"], 2, "{result}");
    assert_eq!(result["sourcesBelow"], true, "{result}");
    assert_eq!(result["width"], 960);
    let texts: Vec<&str> = result["texts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    for wanted in [
        "Visitors from the other country (people)",
        "Period",
        "people",
    ] {
        assert!(texts.contains(&wanted), "{wanted} not in {texts:?}");
    }
}

fn url_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn measures_complete_in_the_shell() {
    let complete = |words: &[&str]| -> Vec<String> {
        let out = Command::new(assert_cmd::cargo::cargo_bin!("pakaz"))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("PAKAZ_FACTS", Path::new(FIXTURES).join("series.toml"))
            .env("COMPLETE", "bash")
            .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
            .env("_CLAP_IFS", "\n")
            .arg("--")
            .args(words)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    };
    // The bundled sheet's measures may complete too.
    let series = complete(&["pakaz", "series", "tourism.v"]);
    assert!(
        series.contains(&"tourism.visitors".to_string()),
        "{series:?}"
    );
    assert!(series.iter().all(|m| m.starts_with("tourism.v")));
    let listed = complete(&["pakaz", "list", "--measure", "tr"]);
    assert!(listed.contains(&"trade.turnover".to_string()), "{listed:?}");
}

#[test]
fn a_measure_of_text_has_no_bars_and_no_chart() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("text.toml");
    fs::write(
        &path,
        "[[facts]]\nid = \"trade.f-2020\"\nlabel = \"Forum held\"\nvalue = \"First forum\"\n\
         period = \"2020\"\nmeasure = \"trade.forum\"\nsource = { key = \"agency\" }\n\n\
         [[facts]]\nid = \"trade.f-2021\"\nlabel = \"Forum held\"\nvalue = \"Second forum\"\n\
         period = \"2021\"\nmeasure = \"trade.forum\"\nsource = { key = \"agency\" }\n",
    )
    .unwrap();
    let file = path.to_str().unwrap();
    let out = stdout_of(&["--facts", file, "series", "trade.forum"]);
    assert!(out.starts_with("trade.forum — Forum held\n"), "{out}");
    assert!(line_starting(&out, "2021").contains("Second forum (Example News Agency)"));
    assert!(!out.contains('█') && !out.contains("0 to"), "{out}");
    let r = run(&["--facts", file, "series", "trade.forum", "--format", "svg"]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("no numbers to chart"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

/// The bundled sheet: every source with a URL, a publisher and a date (strict validation), at
/// least three measures over four or more periods, and periods where the sources disagree, as
/// `series` shows them.
#[test]
fn the_bundled_sheet_is_strict_clean_and_has_series_that_disagree() {
    let bundled = concat!(env!("CARGO_MANIFEST_DIR"), "/facts.toml");
    let r = run(&["validate", "--strict", bundled]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!r.stderr.contains(": error: "), "{}", r.stderr);

    let series_from = |sheet: &[&str], measure: &str| -> serde_json::Value {
        let out = Command::new(assert_cmd::cargo::cargo_bin!("pakaz"))
            .env_clear()
            .args(sheet)
            .args(["series", measure])
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{measure}");
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let series = |measure: &str| series_from(&[], measure);
    let ids = |v: serde_json::Value| -> Vec<String> {
        v["periods"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| p["facts"].as_array().unwrap().clone())
            .map(|f| f["id"].as_str().unwrap().to_string())
            .collect()
    };
    let visitors = ids(series("tourism.pakistani-visitors"));
    assert!(visitors.len() >= 10, "{visitors:?}");
    let mut long = 0;
    let mut disagreeing = 0;
    for measure in [
        "tourism.pakistani-visitors",
        "trade.turnover",
        "tourism.pakistani-share-of-arrivals",
        "tourism.pakistani-visitors-growth",
    ] {
        let periods = series(measure)["periods"].as_array().unwrap().clone();
        if periods.len() >= 4 {
            long += 1;
        }
        for p in &periods {
            let facts = p["facts"].as_array().unwrap();
            assert!(facts.iter().all(|f| f["source"]["url"].is_string()));
            if p["differ"] == true {
                assert!(facts.len() >= 2, "{measure} {}", p["period"]);
                disagreeing += 1;
            }
        }
    }
    assert!(long >= 3, "{long} measures with four or more periods");
    assert!(
        disagreeing >= 2,
        "{disagreeing} periods where sources disagree"
    );
}

/// `check` with the bundled sheet: a figure one source gives for its period is right, and the
/// finding names that source and what the others give for the same period.
#[test]
fn check_names_the_source_a_figure_agrees_with_and_the_ones_that_differ() {
    let out = Command::new(assert_cmd::cargo::cargo_bin!("pakaz"))
        .env_clear()
        .args(["check", "--verbose", "-"])
        .write_stdin("In 2017, 17,558 Pakistani tourists visited Azerbaijan.\n")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout
            .contains("agrees with the sheet: 17,558 people [tourism.visitors-2017], as Azernews"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Trend News Agency gives ≈ 20,000–25,000 people"),
        "{stdout}"
    );
}

/// A figure that fits none of the sources for its period: the finding names the source it is
/// compared with and every other source's figure for that period, so the writer can choose.
/// Where only one source gives the period, the message stays as it was.
#[test]
fn a_wrong_figure_lists_every_source_where_they_disagree() {
    let out = Command::new(assert_cmd::cargo::cargo_bin!("pakaz"))
        .env_clear()
        .args(["check", "-"])
        .write_stdin(
            "In 2023, 300,000 Pakistanis visited Azerbaijan.\n\
             In 2024, 85,000 Pakistanis visited Azerbaijan.\n",
        )
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(lines[0].contains("differs from the sheet"), "{stdout}");
    assert!(lines[0].contains("gives it; "), "{stdout}");
    assert!(
        lines[0].contains("250,000") && lines[0].contains("55,000"),
        "{stdout}"
    );
    assert!(
        lines[1].ends_with("differs from the sheet: 80,924 people [tourism.visitors-2024]"),
        "{stdout}"
    );
}
