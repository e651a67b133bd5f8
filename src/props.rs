//! The properties pakaz keeps on any input, as functions: the fuzz targets in `fuzz/` call
//! them on generated input, and `tests/robust.rs` replays the seed corpus and every saved
//! crash through the same functions, so what a fuzzer once found stays found.
//!
//! Each returns `Err` with what broke instead of panicking; the caller decides to panic.

use std::ffi::OsString;
use std::sync::OnceLock;

use clap::{Parser, ValueEnum};

use crate::check::{Checker, Finding};
use crate::cli::{Cli, Command};
use crate::model::{Fact, Sheet, Value};
use crate::render::{self, Style};
use crate::shell;
use crate::text::is_unsafe;

/// What a property check says: `Err` names the property that failed and how.
pub type Outcome = Result<(), String>;

/// The bundled sheet, loaded once per process.
pub fn bundled() -> Result<&'static Sheet, String> {
    static SHEET: OnceLock<Option<Sheet>> = OnceLock::new();
    SHEET
        .get_or_init(|| crate::sheet::bundled().ok())
        .as_ref()
        .ok_or_else(|| "the bundled sheet does not load".to_string())
}

/// A checker for the bundled sheet, prepared once per process.
pub fn bundled_checker() -> Result<&'static Checker<'static>, String> {
    static CHECKER: OnceLock<Option<Checker<'static>>> = OnceLock::new();
    let sheet = bundled()?;
    CHECKER
        .get_or_init(|| Some(Checker::new(sheet)))
        .as_ref()
        .ok_or_else(|| "no checker".to_string())
}

/// Text shown on a terminal: no control character but a line end, no bidi override or
/// isolate, no zero-width character.
pub fn terminal_safe(what: &str, text: &str) -> Outcome {
    match text.chars().find(|&c| c != '\n' && is_unsafe(c)) {
        None => Ok(()),
        Some(c) => Err(format!(
            "{what} carries U+{:04X} to the terminal: {text:?}",
            u32::from(c)
        )),
    }
}

fn ensure(ok: bool, what: impl FnOnce() -> String) -> Outcome {
    if ok { Ok(()) } else { Err(what()) }
}

// ---------------------------------------------------------------- sheets

/// Loading a sheet from bytes: never a panic; every problem placed inside the text and shown
/// without terminal controls; a sheet that loads renders safely in every format.
pub fn sheet_bytes(data: &[u8]) -> Outcome {
    // load::read refuses bytes that are not UTF-8 before parsing (tested in tests/sheets.rs).
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(());
    };
    let context = bundled()?;
    let (sheet, problems) = crate::sheet::parse_all(text, "fuzz.toml", context);
    let lines = text.split('\n').count();
    for d in &problems {
        ensure(d.line <= lines, || {
            format!("problem on line {} of {lines}: {d}", d.line)
        })?;
        ensure(d.line == 0 || d.column >= 1, || {
            format!("problem at column 0: {d}")
        })?;
        terminal_safe("a problem", &d.to_string())?;
    }
    if problems.is_empty() {
        rendering(&sheet)?;
    }
    Ok(())
}

// ---------------------------------------------------------------- rendering

fn written(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Result<String, String> {
    let mut buf = Vec::new();
    f(&mut buf).map_err(|e| format!("writing to memory failed: {e}"))?;
    String::from_utf8(buf).map_err(|e| format!("output is not UTF-8: {e}"))
}

/// Every format for every fact of a sheet: tables and cards are terminal-safe at any width,
/// on a terminal the facts table gives each fact one line that starts with its whole id, JSON
/// parses back to the facts' values, CSV and TSV parse back to the same cells (and with
/// `--csv-safe` no cell starts like a formula), a Markdown table keeps one row per fact.
pub fn rendering(sheet: &Sheet) -> Outcome {
    let facts: Vec<&Fact> = sheet.facts.iter().collect();
    for width in [None, Some(20), Some(100)] {
        for wide in [false, true] {
            let style = Style {
                color: false,
                width,
                wide,
                terminal: false,
            };
            let table = written(|out| render::facts_table(out, &facts, &style))?;
            terminal_safe("the facts table", &table)?;
            if width.is_some() && !wide && !facts.is_empty() {
                let lines: Vec<&str> = table.lines().collect();
                ensure(lines.len() == facts.len() + 2, || {
                    format!("the facts table takes more than a line per fact:\n{table}")
                })?;
                for (line, fact) in lines[2..].iter().zip(&facts) {
                    let id = crate::text::sanitize(&fact.id);
                    ensure(
                        line.strip_prefix(' ')
                            .is_some_and(|l| l.starts_with(id.trim_end())),
                        || format!("the id {id} is not whole in: {line}"),
                    )?;
                }
            }
            let timeline = written(|out| render::timeline_table(out, &facts, &style))?;
            terminal_safe("the timeline", &timeline)?;
            let sectors = written(|out| render::sectors_table(out, sheet, &style))?;
            terminal_safe("the sectors table", &sectors)?;
            let sources = written(|out| render::sources_table(out, sheet, &style))?;
            terminal_safe("the sources table", &sources)?;
            let loaded = written(|out| render::loaded_table(out, sheet, &style))?;
            terminal_safe("the sheets table", &loaded)?;
        }
    }
    for fact in &facts {
        for width in [None, Some(30)] {
            let style = Style {
                width,
                ..Style::default()
            };
            let card = written(|out| render::card(out, sheet, fact, &style))?;
            terminal_safe("a card", &card)?;
        }
    }
    // Citations and fields are raw text until the command prints them: go through the app.
    for fact in facts.iter().take(2) {
        use crate::cli::{CardFormat, Field};
        let ids = || vec![fact.id.clone()];
        every_citation(sheet, ids())?;
        for field in Field::value_variants() {
            let field = Some(*field);
            run_into_memory(sheet, Some(Command::Get { ids: ids(), field }))?;
        }
        let format = CardFormat::Text;
        run_into_memory(sheet, Some(Command::Show { ids: ids(), format }))?;
    }
    series_rendering(sheet)?;
    json_round_trip(sheet, &facts)?;
    csv_round_trip(sheet, &facts)?;
    tsv_round_trip(sheet, &facts)?;
    let md = written(|out| render::write_markdown(out, sheet, &facts))?;
    terminal_safe("the Markdown table", &md)?;
    ensure(md.lines().count() == facts.len() + 2, || {
        format!("Markdown table has a row that is not one line:\n{md}")
    })?;
    for line in md.lines().skip(2) {
        markdown_row_is_text(line, 5)?;
    }
    Ok(())
}

/// A Markdown table row pakaz wrote holds `cells` cells (`cells + 1` unescaped `|`), and
/// outside code spans every character Markdown or HTML would read as markup (`<`, `>`, `&`,
/// `*`, `_`, `[`, `]`, `~`, `$`, `!`) is escaped with a backslash, so a reader shows the
/// cells' text and nothing else.
pub fn markdown_row_is_text(line: &str, cells: usize) -> Outcome {
    let (mut escaped, mut code, mut bars) = (false, false, 0);
    for c in line.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '`' => code = !code,
            _ if code => {}
            '\\' => escaped = true,
            '|' => bars += 1,
            '<' | '>' | '&' | '*' | '_' | '[' | ']' | '~' | '$' | '!' => {
                return Err(format!("unescaped {c:?} in a Markdown row: {line:?}"));
            }
            _ => {}
        }
    }
    ensure(!code && bars == cells + 1, || {
        format!("a Markdown row that is not {cells} cells: {line:?}")
    })
}

/// `series` for the list of measures and the first few measures: the formats read on a
/// terminal (table, Markdown, JSON, SVG) terminal safe, as `list`'s are (CSV and TSV keep
/// cells as they are, for scripts), and every SVG chart closed, with one bar per figure.
fn series_rendering(sheet: &Sheet) -> Outcome {
    use crate::cli::{SeriesArgs, SeriesFormat};
    let index = crate::series::Index::new(sheet);
    let mut names: Vec<Option<String>> = vec![None];
    names.extend(index.measures().take(3).map(|(m, _)| Some(m.to_string())));
    for measure in names {
        let shown = [
            SeriesFormat::Table,
            SeriesFormat::Markdown,
            SeriesFormat::Json,
            SeriesFormat::Svg,
        ];
        for format in shown {
            let args = SeriesArgs {
                measure: measure.clone(),
                format,
                csv_safe: false,
            };
            run_into_memory(sheet, Some(Command::Series(args)))?;
        }
        if let Some(series) = measure.as_deref().and_then(|m| index.series(m)) {
            if let Ok(svg) = crate::chart::svg(sheet, &series) {
                let numbers = series.facts().filter(|f| f.value.is_quantity()).count();
                let bars = svg
                    .lines()
                    .filter(|l| {
                        l.starts_with("<rect")
                            && (0..crate::chart::PALETTE.len())
                                .any(|i| l.contains(&crate::chart::palette_hex(i)))
                    })
                    .count();
                ensure(bars == numbers, || {
                    format!(
                        "{bars} bars for {numbers} figures in the chart of {:?}",
                        series.measure
                    )
                })?;
                ensure(svg.trim_end().ends_with("</svg>"), || {
                    "SVG not closed".to_string()
                })?;
            }
        }
    }
    Ok(())
}

/// The bundled sheet's first two facts, the first with its text made from fuzz bytes, split at 0xFF (a byte
/// UTF-8 never uses): label, id, unit, note, tag, alias, value, section and source title, in
/// that order. The strings are not validated first, so this holds the renderers to more
/// than a valid sheet needs: any string is shown safely. A value that reads as a number
/// becomes one when a sheet could hold it (finite, at most 2^53).
pub fn render_bytes(data: &[u8]) -> Outcome {
    // The first fact is the fuzzed one; one more keeps the tables' layout honest.
    let mut sheet = bundled()?.clone();
    sheet.facts.truncate(2);
    let mut parts = data
        .split(|&b| b == 0xFF)
        .map(|p| String::from_utf8_lossy(p).into_owned());
    let mut next = || parts.next().unwrap_or_default();
    let Some(fact) = sheet.facts.first_mut() else {
        return Err("the bundled sheet has no facts".into());
    };
    fact.label = next();
    fact.id = format!("{}.{}", fact.sector(), next());
    fact.unit = Some(next()).filter(|u| !u.is_empty());
    fact.note = Some(next()).filter(|n| !n.is_empty());
    fact.tags.push(next());
    fact.aliases.push(next());
    let value = next();
    fact.value = match value.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && n.abs() <= (1u64 << 53) as f64 => Value::Number(n),
        _ => Value::Text(value),
    };
    fact.source.section = Some(next());
    let title = next();
    let key = fact.source.key.clone();
    if let Some(source) = sheet.sources.get_mut(&key) {
        source.title = title;
    }
    // Both facts in one series, with the same period: alternatives, drawn side by side.
    let measure = next();
    if !measure.is_empty() {
        let period = sheet.facts[0].period;
        for fact in &mut sheet.facts {
            fact.measure = Some(measure.clone());
            fact.period = period;
        }
    }
    rendering(&sheet)
}

// ---------------------------------------------------------------- citations

/// Every citation style and export of the facts `ids`, through the app: the text is
/// terminal-safe, the CSL-JSON is an array with one item per source cited, keyed by the
/// source's key, and the BibLaTeX is one entry per source whose braces balance, so no field
/// closes its entry or opens another.
pub fn every_citation(sheet: &Sheet, ids: Vec<String>) -> Outcome {
    use crate::cli::{CiteFormat, CiteStyle};
    let cite = |style, format| Command::Cite {
        ids: ids.clone(),
        style,
        format,
        all: false,
        sector: Vec::new(),
        tag: Vec::new(),
    };
    for style in CiteStyle::value_variants() {
        run_into_memory(sheet, Some(cite(*style, CiteFormat::Text)))?;
    }
    for format in [CiteFormat::CslJson, CiteFormat::Biblatex] {
        run_into_memory(sheet, Some(cite(CiteStyle::Plain, format)))?;
    }
    // An id no lookup finds (a fuzzed one) is an error, already checked above.
    let mut keys: Vec<&str> = Vec::new();
    for id in &ids {
        let Ok(fact) = crate::query::find(sheet, id) else {
            return Ok(());
        };
        if !keys.contains(&fact.source.key.as_str()) {
            keys.push(&fact.source.key);
        }
    }
    let json = output_of(sheet, cite(CiteStyle::Plain, CiteFormat::CslJson))?;
    let items: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| format!("CSL-JSON does not parse: {e}\n{json}"))?;
    let got: Vec<&str> = items
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["id"].as_str()).collect())
        .unwrap_or_default();
    ensure(got == keys, || {
        format!("CSL-JSON items {got:?}, sources cited {keys:?}:\n{json}")
    })?;
    let bib = output_of(sheet, cite(CiteStyle::Plain, CiteFormat::Biblatex))?;
    let entries = biblatex_entries(&bib)?;
    ensure(entries == keys.len(), || {
        format!(
            "{entries} BibLaTeX entries for {} sources:\n{bib}",
            keys.len()
        )
    })
}

/// The number of BibLaTeX entries in `bib`, or what is wrong with its braces.
pub fn biblatex_entries(bib: &str) -> Result<usize, String> {
    let (mut depth, mut entries, mut escaped) = (0usize, 0, false);
    for c in bib.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '@' if depth == 0 => entries += 1,
            '{' => depth += 1,
            '}' if depth == 0 => return Err(format!("a brace closes nothing:\n{bib}")),
            '}' => depth -= 1,
            _ => {}
        }
    }
    ensure(depth == 0, || format!("a brace is left open:\n{bib}"))?;
    Ok(entries)
}

/// A source made from fuzz bytes, split at 0xFF: title, publisher, kind, people (split at
/// 0xFE), interviewer, url, date, accessed. The bundled sheet's first fact cites it, the
/// second keeps the bundled source: every citation of both holds [`every_citation`]'s
/// properties, and none panics.
pub fn cite_bytes(data: &[u8]) -> Outcome {
    let mut sheet = bundled()?.clone();
    sheet.facts.truncate(2);
    let mut parts = data
        .split(|&b| b == 0xFF)
        .map(|p| String::from_utf8_lossy(p).into_owned());
    let mut next = || parts.next().unwrap_or_default();
    let some = |s: String| Some(s).filter(|s| !s.is_empty());
    let list = |s: String| {
        s.split('\u{FFFD}')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let source = crate::model::Source {
        key: "fuzzed".into(),
        title: next(),
        publisher: some(next()),
        kind: some(next()),
        people: list(next()),
        interviewer: list(next()),
        url: some(next()),
        date: some(next()),
        accessed: some(next()),
        note: None,
        origin: "fuzz".into(),
    };
    sheet.sources.insert(source.key.clone(), source);
    let Some(fact) = sheet.facts.first_mut() else {
        return Err("the bundled sheet has no facts".into());
    };
    fact.source.key = "fuzzed".into();
    let ids: Vec<String> = sheet.facts.iter().map(|f| f.id.clone()).collect();
    every_citation(&sheet, ids.clone())?;
    every_citation(&sheet, ids.into_iter().take(1).collect())
}

/// What a command writes, checked as [`run_into_memory`] checks it; an error is a failure.
fn output_of(sheet: &Sheet, command: Command) -> Result<String, String> {
    let style = Style {
        color: false,
        width: Some(80),
        ..Style::default()
    };
    let mut out = Vec::new();
    crate::app::execute(Some(command), sheet, &style, &mut out).map_err(|e| format!("{e:#}"))?;
    let text = String::from_utf8(out).map_err(|e| format!("output is not UTF-8: {e}"))?;
    terminal_safe("the output", &text)?;
    Ok(text)
}

/// Runs a command against a sheet into memory: what it writes and its error must be
/// terminal-safe (tabs aside, which separate TSV cells).
fn run_into_memory(sheet: &Sheet, command: Option<Command>) -> Outcome {
    let style = Style {
        width: Some(80),
        ..Style::default()
    };
    let mut out = Vec::new();
    let result = crate::app::execute(command, sheet, &style, &mut out);
    let text = String::from_utf8(out).map_err(|e| format!("output is not UTF-8: {e}"))?;
    terminal_safe("the output", &text.replace('\t', " "))?;
    if let Err(e) = result {
        terminal_safe("an error", &format!("{e:#}"))?;
    }
    Ok(())
}

/// The JSON of a value, as a reader of `--format json` sees it.
fn json_of_value(v: &Value) -> serde_json::Value {
    match v {
        Value::Number(n) => serde_json::json!(n),
        Value::Range { min, max } => serde_json::json!({ "min": min, "max": max }),
        Value::Text(t) => serde_json::json!(t),
    }
}

/// Numbers compare by value: `80924` and `80924.0` are the same number.
fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (a, b) {
        (J::Number(x), J::Number(y)) => x.as_f64() == y.as_f64(),
        (J::Object(x), J::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// `--format json` parses back to the facts it was written from.
pub fn json_round_trip(sheet: &Sheet, facts: &[&Fact]) -> Outcome {
    let text = written(|out| render::write_json(out, sheet, facts, None))?;
    let parsed: Vec<serde_json::Value> =
        serde_json::from_str(&text).map_err(|e| format!("JSON does not parse: {e}\n{text}"))?;
    ensure(parsed.len() == facts.len(), || {
        format!("{} JSON objects for {} facts", parsed.len(), facts.len())
    })?;
    for (json, fact) in parsed.iter().zip(facts) {
        let expected = serde_json::json!({
            "id": fact.id,
            "label": fact.label,
            "value": json_of_value(&fact.value),
            "unit": fact.unit,
            "qualifier": fact.qualifier.name(),
            "period": fact.period.map(|p| p.to_string()),
            "measure": fact.measure,
            "tags": fact.tags,
            "aliases": fact.aliases,
            "note": fact.note,
            "origin": &*fact.origin,
        });
        for (key, want) in expected.as_object().into_iter().flatten() {
            let got = json.get(key).unwrap_or(&serde_json::Value::Null);
            ensure(same_json(got, want), || {
                format!("JSON {key} of {}: {got} for {want}", fact.id)
            })?;
        }
    }
    Ok(())
}

/// Undoes `--csv-safe`: the `'` it put in front of every `;`-separated part of a cell that
/// starts like a formula (or with a `'` of its own).
pub fn unsafe_cell(cell: &str) -> String {
    cell.split(';')
        .map(|part| part.strip_prefix('\'').unwrap_or(part))
        .collect::<Vec<_>>()
        .join(";")
}

/// Whether a `--csv-safe` cell, or any part of it a spreadsheet splitting at `;` would make a
/// cell, starts like a formula.
pub fn starts_like_a_formula(cell: &str) -> bool {
    cell.split(';')
        .any(|part| part.starts_with(render::FORMULA_STARTS))
}

/// `--format csv`, plain and with `--csv-safe`, parses back to the same cells.
pub fn csv_round_trip(sheet: &Sheet, facts: &[&Fact]) -> Outcome {
    for safe in [false, true] {
        let text = written(|out| render::write_csv(out, sheet, facts, safe))?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(text.as_bytes());
        let header = reader.headers().map_err(|e| format!("CSV header: {e}"))?;
        ensure(header.iter().eq(render::COLUMNS), || {
            format!("CSV header {header:?}")
        })?;
        let records: Vec<csv::StringRecord> = reader
            .records()
            .collect::<Result<_, _>>()
            .map_err(|e| format!("CSV does not parse: {e}\n{text}"))?;
        ensure(records.len() == facts.len(), || {
            format!("{} CSV records for {} facts", records.len(), facts.len())
        })?;
        for (record, fact) in records.iter().zip(facts) {
            let row = render::row(sheet, fact);
            for (got, want) in record.iter().zip(&row) {
                if safe {
                    ensure(!starts_like_a_formula(got), || {
                        format!("--csv-safe left a formula cell: {got:?}")
                    })?;
                }
                let got = if safe {
                    unsafe_cell(got)
                } else {
                    got.to_string()
                };
                ensure(&got == want, || {
                    format!("CSV cell of {}: {got:?} for {want:?}", fact.id)
                })?;
            }
        }
    }
    Ok(())
}

/// Reverses the TSV escapes `\\`, `\t`, `\n`, `\r`.
pub fn tsv_unescape(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// `--format tsv` has one line per fact, 13 cells each, that unescape to the same cells.
pub fn tsv_round_trip(sheet: &Sheet, facts: &[&Fact]) -> Outcome {
    for safe in [false, true] {
        let text = written(|out| render::write_tsv(out, sheet, facts, safe))?;
        let lines: Vec<&str> = text.lines().collect();
        ensure(lines.len() == facts.len() + 1, || {
            format!("{} TSV lines for {} facts", lines.len(), facts.len())
        })?;
        for (line, fact) in lines.iter().skip(1).zip(facts) {
            let cells: Vec<String> = line.split('\t').map(tsv_unescape).collect();
            let row = render::row(sheet, fact);
            ensure(cells.len() == row.len(), || {
                format!("TSV line with {} cells: {line:?}", cells.len())
            })?;
            for (got, want) in cells.iter().zip(&row) {
                if safe {
                    ensure(!starts_like_a_formula(got), || {
                        format!("--csv-safe left a formula cell: {got:?}")
                    })?;
                }
                let got = if safe { unsafe_cell(got) } else { got.clone() };
                ensure(&got == want, || {
                    format!("TSV cell of {}: {got:?} for {want:?}", fact.id)
                })?;
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- completion

/// Reads one bash word the way bash does for the quoting [`shell::bash_candidate`] uses, and
/// nothing more: single-quoted text is literal, a backslash outside quotes makes the next
/// character literal, a character outside quotes must be one that
/// means nothing to bash (letters, digits, `-_./,:@%+=`; no space, `$`, glob or operator), and
/// the word may not start with `~`, `-` or `=`. Written apart from the code it checks.
pub fn read_bash_word(word: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = word.chars();
    let mut first = true;
    while let Some(c) = chars.next() {
        if c == '\\' {
            // A backslash outside quotes makes the next character literal.
            match chars.next() {
                Some(next) => out.push(next),
                None => return Err(format!("a trailing backslash in {word:?}")),
            }
        } else if c == '\'' {
            loop {
                match chars.next() {
                    Some('\'') => break,
                    Some(c) => out.push(c),
                    None => return Err(format!("an unclosed quote in {word:?}")),
                }
            }
        } else if c.is_alphanumeric() || "-_./,:@%+=".contains(c) {
            if first && matches!(c, '-' | '=') {
                return Err(format!("{word:?} starts with {c:?} unquoted"));
            }
            out.push(c);
        } else {
            return Err(format!("{c:?} unquoted in {word:?}"));
        }
        first = false;
    }
    Ok(out)
}

/// A string as a completion candidate (a tag, an id, a sector from a sheet): bash gets it as
/// one word that reads back to exactly the string, with nothing bash would expand or run, or
/// does not get it at all, and only when it is empty or holds a character that is not safe
/// on a terminal. The quoted word read with the script's own unquoting gives it back too.
pub fn completion_candidate(value: &str) -> Outcome {
    match shell::bash_candidate(value) {
        None => ensure(value.is_empty() || value.chars().any(is_unsafe), || {
            format!("the candidate {value:?} was dropped")
        }),
        Some(word) => {
            let read = read_bash_word(&word)?;
            ensure(read == value, || {
                format!("{value:?} reaches bash as {word:?}, which reads as {read:?}")
            })?;
            ensure(shell::bash_unquote(&word) == value, || {
                format!("{word:?} unquotes to {:?}", shell::bash_unquote(&word))
            })?;
            ensure(!word.chars().any(is_unsafe), || {
                format!("{word:?} is not terminal-safe")
            })
        }
    }
}

/// Fuzz bytes as candidates: split at 0xFF, each part (invalid UTF-8 replaced) a candidate.
pub fn completion_bytes(data: &[u8]) -> Outcome {
    for part in data.split(|&b| b == 0xFF) {
        completion_candidate(&String::from_utf8_lossy(part))?;
    }
    Ok(())
}

// ---------------------------------------------------------------- check

/// `check` on a draft: never a panic, findings in the order of the text, and each one's line
/// and column inside the draft, on the character where the figure starts.
pub fn check_draft(data: &[u8]) -> Outcome {
    let text = String::from_utf8_lossy(data);
    let findings = bundled_checker()?.check(&text);
    findings_inside(&text, &findings)
}

/// Every finding's line and column point at a character of the draft that is not a space
/// (lines split at `\n`, a leading byte-order mark not counted, columns in characters), and
/// findings come in the order of the text.
pub fn findings_inside(text: &str, findings: &[Finding]) -> Outcome {
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let lines: Vec<&str> = body.split('\n').collect();
    let mut last = (0, 0);
    for f in findings {
        let at = || format!("finding {:?} at {}:{}", f.found, f.line, f.column);
        let line = f
            .line
            .checked_sub(1)
            .and_then(|i| lines.get(i))
            .ok_or_else(|| format!("{} is past the last line ({})", at(), lines.len()))?;
        let c = f
            .column
            .checked_sub(1)
            .and_then(|i| line.chars().nth(i))
            .ok_or_else(|| format!("{} is past the end of its line {line:?}", at()))?;
        ensure(!c.is_whitespace(), || {
            format!("{} starts on a space in {line:?}", at())
        })?;
        ensure((f.line, f.column) >= last, || {
            format!("{} comes before the finding at {last:?}", at())
        })?;
        last = (f.line, f.column);
    }
    Ok(())
}

// ---------------------------------------------------------------- arguments

/// Splits fuzz bytes into an argument vector: NUL separates arguments, and on Unix the bytes
/// of each are kept as they are, valid UTF-8 or not.
pub fn args_from_bytes(data: &[u8]) -> Vec<OsString> {
    let mut args = vec![OsString::from("pakaz")];
    if data.is_empty() {
        return args;
    }
    for part in data.split(|&b| b == 0) {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            args.push(OsString::from_vec(part.to_vec()));
        }
        #[cfg(not(unix))]
        args.push(OsString::from(String::from_utf8_lossy(part).into_owned()));
    }
    args
}

/// Any argument vector: clap either parses it or reports a usage error (exit 2) or help and
/// version (exit 0); a parsed command run against the bundled sheet (except the ones that
/// read files or standard input) returns, writes no terminal control and fails with a
/// terminal-safe message.
pub fn arguments(args: Vec<OsString>) -> Outcome {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = e.exit_code();
            return ensure(code == 0 || code == 2, || {
                format!("clap exits {code} for: {e}")
            });
        }
    };
    match &cli.command {
        // These read files or standard input, which a fuzzer must not do.
        Some(Command::Check(_) | Command::Validate { .. }) => return Ok(()),
        // The scripts are large and fixed: generating them adds nothing but time.
        Some(Command::Completions { .. } | Command::Man { .. }) => return Ok(()),
        _ => {}
    }
    run_into_memory(bundled()?, cli.command)
}
