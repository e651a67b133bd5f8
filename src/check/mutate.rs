//! The mutation harness: how many planted errors `check` catches.
//!
//! Take drafts whose figures are right, and for each figure in turn apply one error operator
//! (the figure ten times too large, a digit changed, the hedge swapped, ...), check the altered
//! draft, and count the figure as caught when a problem (mismatch or qualifier) is reported on
//! it. Recall is reported per operator; false alarms are the problems reported on the drafts
//! as they are. `cargo run --example mutations` prints the table; `tests/mutations.rs` holds
//! it to its targets.

use super::{Checker, Options, Status};
use crate::model::{Qualifier, Sheet, Value};

/// An error a writer makes to a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    /// The figure ten times too large: the decimal point one place right.
    Times10,
    /// Ten times too small.
    Div10,
    /// Two neighbouring digits swapped.
    Transposed,
    /// The last significant digit changed by two.
    DigitChanged,
    /// A date's year one later.
    YearPlus1,
    /// A date's year one earlier.
    YearMinus1,
    /// A date's month one later.
    MonthShifted,
    /// The hedge turned into one the sheet does not allow.
    HedgeSwapped,
    /// The unit turned into one that does not fit the fact.
    UnitSwapped,
    /// Both ends of a range one higher.
    RangeShifted,
    /// Written in words, with its leading digit one higher.
    InWords,
    /// A percentage written as percentage points.
    PercentToPoints,
}

impl Operator {
    pub const ALL: [Operator; 12] = [
        Operator::Times10,
        Operator::Div10,
        Operator::Transposed,
        Operator::DigitChanged,
        Operator::YearPlus1,
        Operator::YearMinus1,
        Operator::MonthShifted,
        Operator::HedgeSwapped,
        Operator::UnitSwapped,
        Operator::RangeShifted,
        Operator::InWords,
        Operator::PercentToPoints,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Operator::Times10 => "×10",
            Operator::Div10 => "÷10",
            Operator::Transposed => "two digits transposed",
            Operator::DigitChanged => "one digit changed",
            Operator::YearPlus1 => "year +1",
            Operator::YearMinus1 => "year −1",
            Operator::MonthShifted => "month shifted",
            Operator::HedgeSwapped => "hedge swapped",
            Operator::UnitSwapped => "unit swapped",
            Operator::RangeShifted => "range shifted",
            Operator::InWords => "written in words",
            Operator::PercentToPoints => "percent → percentage points",
        }
    }

    /// The figure as written (`span`) with this error, if the operator applies to it.
    pub fn apply(self, span: &str, fact: &crate::model::Fact) -> Option<String> {
        // The operators write digits the English way: a figure with a decimal comma (`3,3`)
        // or spaces between its thousands (`80 924`) is left out.
        if other_number_style(span) {
            return None;
        }
        let date = matches!(fact.value, Value::Text(_));
        let numbers = numbers(span);
        let first = numbers.first().copied();
        let replace = |(a, b): (usize, usize), with: &str| {
            let mut s = span.to_string();
            s.replace_range(a..b, with);
            s
        };
        match self {
            Operator::Times10 | Operator::Div10 if !date => {
                let r = first?;
                let shift = if self == Operator::Times10 { 1 } else { -1 };
                Some(replace(r, &shift_point(&span[r.0..r.1], shift)?))
            }
            Operator::Transposed if !date => numbers.iter().find_map(|&r| {
                let t = transpose(&span[r.0..r.1])?;
                Some(replace(r, &t))
            }),
            Operator::DigitChanged if !date => {
                let r = first?;
                Some(replace(r, &change_last_digit(&span[r.0..r.1])?))
            }
            Operator::YearPlus1 | Operator::YearMinus1 if date => {
                let r = numbers.iter().copied().find(|r| r.1 - r.0 == 4)?;
                let year: i32 = span[r.0..r.1].parse().ok()?;
                let d = if self == Operator::YearPlus1 { 1 } else { -1 };
                Some(replace(r, &(year + d).to_string()))
            }
            Operator::MonthShifted if date => {
                let lower = span.to_lowercase();
                MONTHS.iter().enumerate().find_map(|(i, m)| {
                    let at = lower.find(m)?;
                    let next = MONTHS[(i + 1) % 12];
                    let mut name = next.to_string();
                    name[..1].make_ascii_uppercase();
                    Some(replace((at, at + m.len()), &name))
                })
            }
            Operator::HedgeSwapped if !date && !matches!(fact.value, Value::Range { .. }) => {
                let (rest, _) = strip_hedge(span);
                // On an exact value, the side that makes the figure false: `under 81,000`
                // for 80,924 is true, `more than 81,000` is not.
                let written = first.and_then(|(a, b)| {
                    let digits: String = span[a..b].chars().filter(|c| *c != ',').collect();
                    let v: f64 = digits.parse().ok()?;
                    let lower = span.to_lowercase();
                    let scale = [("billion", 1e9), ("million", 1e6), ("thousand", 1e3)]
                        .iter()
                        .find(|(w, _)| lower.contains(w))
                        .map_or(1.0, |(_, f)| *f);
                    Some(v * scale)
                });
                let below = match (written, &fact.value) {
                    (Some(v), Value::Number(f)) => v < *f,
                    _ => false,
                };
                let swapped = match fact.qualifier {
                    Qualifier::Exact if below => "under",
                    Qualifier::Exact | Qualifier::Nearly | Qualifier::Under | Qualifier::UpTo => {
                        "more than"
                    }
                    Qualifier::About => "exactly",
                    Qualifier::Over | Qualifier::AtLeast => "under",
                };
                Some(format!("{swapped} {rest}"))
            }
            Operator::UnitSwapped if !date => {
                const SWAPS: [(&str, &str); 8] = [
                    ("%", " times"),
                    (" percent", " times"),
                    (" days", " weeks"),
                    (" tonnes", " barrels"),
                    (" tons", " barrels"),
                    ("US$", "€"),
                    ("$", "€"),
                    (" dollars", " euros"),
                ];
                SWAPS.iter().find_map(|(from, to)| {
                    let at = span.find(from)?;
                    Some(replace((at, at + from.len()), to))
                })
            }
            Operator::RangeShifted if !date && numbers.len() >= 2 => {
                let mut s = span.to_string();
                for &(a, b) in numbers[..2].iter().rev() {
                    let v: u64 = span[a..b].parse().ok()?;
                    s.replace_range(a..b, &(v + 1).to_string());
                }
                Some(s)
            }
            // Money is written in digits; a writer spells out counts, percentages and days.
            Operator::InWords if !date && !span.contains('$') => {
                let mut s = span.to_string();
                let range = matches!(fact.value, Value::Range { .. }) && numbers.len() >= 2;
                let ends = if range { numbers.len().min(2) } else { 1 };
                for &(a, b) in numbers.get(..ends)?.iter().rev() {
                    let digits: String = span[a..b].chars().filter(|c| *c != ',').collect();
                    // `46k` is forty-six thousand: the letter goes with the number.
                    let thousands = span[b..].starts_with(['k', 'K'])
                        && !span[b + 1..].starts_with(char::is_alphabetic);
                    let b = if thousands { b + 1 } else { b };
                    let digits = if thousands {
                        format!("{digits}000")
                    } else {
                        digits
                    };
                    let v: u64 = digits.parse().ok()?;
                    let lead = 10u64.pow(digits.len() as u32 - 1);
                    // A range moves by one at both ends; a single figure's leading digit.
                    let bumped = if range {
                        v + 1
                    } else if let Value::Range { max, .. } = fact.value {
                        // One value for a range: past its top end.
                        max as u64 + 2
                    } else if v / lead == 9 {
                        v - lead
                    } else {
                        v + lead
                    };
                    s.replace_range(a..b, &in_words(bumped)?);
                }
                // `47%` reads `fifty-seven%`: a percent sign after words is written out.
                Some(s.replace('%', " percent"))
            }
            Operator::PercentToPoints if !date => {
                let at = span.find('%').map(|a| (a, a + 1)).or_else(|| {
                    span.find(" percent")
                        .map(|a| (a, a + " percent".len()))
                        .filter(|&(_, b)| !span[b..].starts_with(" point"))
                })?;
                Some(replace(at, " percentage points"))
            }
            _ => None,
        }
    }
}

use super::words::MONTHS;

/// Byte ranges of the numbers written in digits: `80,924`, `3.3`, `8`.
/// Whether a figure as written has a decimal comma (`2,7`, `38,7`) or thousands set apart by a
/// space (`80 924`, `80\u{202F}924`).
fn other_number_style(s: &str) -> bool {
    let c: Vec<char> = s.chars().collect();
    let digit = |j: usize| c.get(j).is_some_and(char::is_ascii_digit);
    (1..c.len()).any(|i| {
        let spaced = matches!(c[i], ' ' | '\u{A0}' | '\u{202F}' | '\u{2009}')
            && digit(i - 1)
            && (1..=3).all(|k| digit(i + k))
            && !digit(i + 4);
        let comma = c[i] == ',' && digit(i - 1) && digit(i + 1) && !(digit(i + 2) && digit(i + 3));
        spaced || comma
    })
}

fn numbers(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        // Not a digit glued to a letter before it (`JF-17` is a name); after a hyphen only
        // as the top of a range (`8-10`).
        let after_hyphen = |i: usize| b[i - 1] == b'-' && i >= 2 && b[i - 2].is_ascii_digit();
        if b[i].is_ascii_digit()
            && (i == 0
                || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'-')
                || after_hyphen(i))
        {
            let start = i;
            while i < b.len()
                && (b[i].is_ascii_digit()
                    || matches!(b[i], b',' | b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit))
            {
                i += 1;
            }
            out.push((start, i));
        } else {
            i += 1;
        }
    }
    out
}

/// Digits with the decimal point moved `by` places right (left when negative), written as the
/// original was (groups of thousands when it had them).
fn shift_point(num: &str, by: i32) -> Option<String> {
    let grouped = num.contains(',');
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
    let int: String = int.chars().filter(|c| *c != ',').collect();
    let digits = format!("{int}{frac}");
    let point = int.len() as i32 + by;
    let (mut i, mut f) = if point <= 0 {
        (
            "0".to_string(),
            format!("{}{digits}", "0".repeat((-point) as usize)),
        )
    } else if point as usize >= digits.len() {
        (
            format!("{digits}{}", "0".repeat(point as usize - digits.len())),
            String::new(),
        )
    } else {
        (
            digits[..point as usize].to_string(),
            digits[point as usize..].to_string(),
        )
    };
    while f.ends_with('0') {
        f.pop();
    }
    while i.len() > 1 && i.starts_with('0') {
        i.remove(0);
    }
    if grouped || i.len() > 4 {
        i = group(&i);
    }
    Some(if f.is_empty() { i } else { format!("{i}.{f}") })
}

fn group(int: &str) -> String {
    let mut out = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The first two neighbouring digits that differ, swapped, unless a leading zero results.
fn transpose(num: &str) -> Option<String> {
    let mut chars: Vec<char> = num.chars().collect();
    let digits: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i].is_ascii_digit())
        .collect();
    for w in digits.windows(2) {
        let (a, b) = (w[0], w[1]);
        if chars[a] != chars[b] && !(a == digits[0] && chars[b] == '0') {
            chars.swap(a, b);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

/// The last digit that is not a trailing zero, two higher (two lower from 8 and 9).
fn change_last_digit(num: &str) -> Option<String> {
    let mut chars: Vec<char> = num.chars().collect();
    let int_end = chars.iter().position(|c| *c == '.').unwrap_or(chars.len());
    let at = (0..chars.len())
        .rev()
        .find(|&i| chars[i].is_ascii_digit() && (chars[i] != '0' || i > int_end))?;
    let d = chars[at].to_digit(10)?;
    let new = if d <= 7 { d + 2 } else { d - 2 };
    chars[at] = char::from_digit(new, 10)?;
    Some(chars.into_iter().collect())
}

/// The figure without the hedge in front of it (words split by any whitespace, a line
/// break included), and the hedge.
fn strip_hedge(span: &str) -> (&str, &str) {
    let mut best = 0;
    for (phrase, _) in super::words::hedges_before() {
        let mut rest = span;
        let mut all = true;
        for w in phrase {
            let head = rest.split_whitespace().next().unwrap_or("");
            if !head.eq_ignore_ascii_case(w) {
                all = false;
                break;
            }
            rest = rest.trim_start();
            rest = &rest[head.len()..];
        }
        let end = span.len() - rest.len();
        if all && rest.starts_with(char::is_whitespace) && end > best {
            best = end;
        }
    }
    // A hedge abbreviated with a dot, as the checker reads it: `c. 46,000`, `approx. 47%`.
    if best == 0 {
        let head = span.split_whitespace().next().unwrap_or("");
        if matches!(
            head.to_ascii_lowercase().as_str(),
            "c." | "ca." | "approx." | "est."
        ) {
            let rest = span[head.len()..].trim_start();
            return (rest, &span[..span.len() - rest.len()]);
        }
    }
    // A hedge written as a sign before the number: `~46k`, `>3.3 mn t`, `≥ 40`.
    if best == 0 {
        if let Some(sign) = span
            .chars()
            .next()
            .filter(|c| matches!(c, '~' | '≈' | '>' | '≥' | '<' | '≤'))
        {
            let rest = span[sign.len_utf8()..].trim_start();
            if rest.starts_with(|c: char| c.is_ascii_digit() || c == '$') {
                return (rest, &span[..span.len() - rest.len()]);
            }
        }
        return (span, "");
    }
    (span[best..].trim_start(), &span[..best])
}

/// A whole number in words, as a writer spells it (`eighty-five thousand`), up to billions.
pub fn in_words(n: u64) -> Option<String> {
    use super::words::{TENS, UNITS};
    fn below_thousand(n: u64) -> String {
        let mut parts = Vec::new();
        if n >= 100 {
            parts.push(format!("{} hundred", UNITS[(n / 100) as usize]));
        }
        let r = n % 100;
        if r > 0 {
            parts.push(if r < 20 {
                UNITS[r as usize].to_string()
            } else if r.is_multiple_of(10) {
                TENS[(r / 10 - 2) as usize].to_string()
            } else {
                format!(
                    "{}-{}",
                    TENS[(r / 10 - 2) as usize],
                    UNITS[(r % 10) as usize]
                )
            });
        }
        parts.join(" ")
    }
    if n == 0 {
        return Some("zero".into());
    }
    if n >= 1_000_000_000_000 {
        return None;
    }
    let mut parts = Vec::new();
    for (scale, name) in [
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1_000, "thousand"),
    ] {
        if !(n / scale).is_multiple_of(1000) {
            parts.push(format!("{} {name}", below_thousand(n / scale % 1000)));
        }
    }
    if !n.is_multiple_of(1000) {
        parts.push(below_thousand(n % 1000));
    }
    Some(parts.join(" "))
}

/// A draft whose figures are right, with the figures to alter.
#[derive(Debug, Clone)]
pub struct Draft {
    pub name: String,
    pub text: String,
    /// Each right figure: its 1-based line, how it starts (as in an `.expect` file) and the
    /// fact it states.
    pub figures: Vec<(usize, String, String)>,
    /// Whether every figure in it is right, so that any problem reported is a false alarm.
    pub correct: bool,
}

/// How one operator fared.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub tried: usize,
    pub caught: usize,
    /// The mutations not caught: draft, line and the figure as altered.
    pub missed: Vec<String>,
}

impl Tally {
    /// Caught / tried, 1 when nothing was tried.
    pub fn recall(&self) -> f64 {
        if self.tried == 0 {
            1.0
        } else {
            self.caught as f64 / self.tried as f64
        }
    }
}

/// What the harness measured.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub operators: Vec<(Operator, Tally)>,
    /// For each correct draft, the problems reported on it as it is.
    pub false_alarms: Vec<(String, Vec<String>)>,
}

impl Report {
    /// The table docs/check.md shows.
    pub fn table(&self) -> String {
        let mut out = String::from(
            "| operator | altered figures | caught | recall |\n|---|---:|---:|---:|\n",
        );
        for (op, t) in &self.operators {
            out.push_str(&format!(
                "| {} | {} | {} | {:.1} % |\n",
                op.name(),
                t.tried,
                t.caught,
                100.0 * t.recall()
            ));
        }
        out.push_str("\n| correct draft | false alarms |\n|---|---:|\n");
        for (name, alarms) in &self.false_alarms {
            out.push_str(&format!("| {name} | {} |\n", alarms.len()));
        }
        out
    }
}

/// The byte range of a figure that starts with `prefix` on 1-based `line`: the checker's own
/// reading of it when it has one, else the prefix itself.
fn locate(
    checker: &Checker,
    text: &str,
    line: usize,
    prefix: &str,
    fact: &str,
) -> Option<(usize, usize)> {
    let findings = checker.check_document(text, &Options::default());
    if let Some(f) = findings.iter().find(|f| {
        f.line == line
            && f.fact.as_deref() == Some(fact)
            && f.found.starts_with(prefix.split(' ').next().unwrap_or(""))
    }) {
        return Some((f.start, f.end));
    }
    let line_start = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum::<usize>();
    let line_text = text[line_start..].lines().next()?;
    let at = line_text.find(prefix)?;
    Some((line_start + at, line_start + at + prefix.len()))
}

/// The year that dates the figure at `a..b`: the nearest year written in its sentence that is
/// not a point of comparison (`on 2023`, `than in 2023`, `since 1992`, `the same months of
/// 2024`).
fn period_year(text: &str, a: usize, b: usize) -> Option<(usize, usize)> {
    let before = &text[..a];
    let from = [". ", ".\n", "\n\n", "; "]
        .iter()
        .filter_map(|p| before.rfind(p).map(|i| i + p.len()))
        .max()
        .unwrap_or(0);
    let after = &text[b..];
    let to = b + [". ", ".\n", "\n\n", "; "]
        .iter()
        .filter_map(|p| after.find(p))
        .min()
        .unwrap_or(after.len());
    // The figure's clause: a year across `, and` or `;` dates another clause, unless it opens
    // the sentence (`In 2024 the corridor moved ..., while traffic almost doubled`).
    const JOINS: [&str; 5] = [", and ", ", while ", ", but ", "; ", ", whereas "];
    let clause_from = JOINS
        .iter()
        .filter_map(|p| text[from..a].rfind(p).map(|i| from + i + p.len()))
        .max()
        .unwrap_or(from);
    let clause_to = b + JOINS
        .iter()
        .filter_map(|p| text[b..to].find(p))
        .min()
        .unwrap_or(to - b);
    let opening = text[from..].find(char::is_numeric).map(|i| from + i);
    let bytes = text.as_bytes();
    let mut best: Option<(usize, usize)> = None;
    let mut i = from;
    while i + 4 <= to {
        let in_clause =
            (clause_from..clause_to).contains(&i) || opening == Some(i) && i < from + 12;
        if !in_clause {
            i += 1;
            continue;
        }
        let is_year = bytes[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0
                || !(bytes[i - 1].is_ascii_alphanumeric()
                    || matches!(bytes[i - 1], b'$' | b',' | b'.' | b'-')))
            && (i + 4 == bytes.len()
                || !(bytes[i + 4].is_ascii_alphanumeric()
                    || bytes[i + 4] == b'-' && bytes.get(i + 5).is_some_and(u8::is_ascii_digit)))
            && text[i..i + 4]
                .parse::<i32>()
                .is_ok_and(|y| (1990..=2100).contains(&y));
        if is_year && !(a..b).contains(&i) {
            let words: Vec<String> = text[from..i]
                .split_whitespace()
                .rev()
                .take(5)
                .map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                })
                .collect();
            // A month between the word and the year (`since November 2023`) is the date's.
            let words: Vec<String> = match words.first() {
                Some(m) if crate::check::words::month(m).is_some() => words[1..].to_vec(),
                _ => words,
            };
            let w = |k: usize| words.get(k).map(String::as_str).unwrap_or("");
            let baseline = matches!(w(0), "on" | "since" | "than" | "with" | "over" | "from")
                || w(0) == "in" && matches!(w(1), "than" | "as")
                || words.iter().any(|x| x == "same");
            if !baseline {
                // A sentence with two periods is ambiguous about which one dates the figure:
                // it is left out rather than guessed.
                if best.is_some() {
                    return None;
                }
                let distance = if i < a { a - i } else { i - b };
                let best_distance = best.map(|(s, _)| if s < a { a - s } else { s - b });
                if best_distance.is_none_or(|d| distance < d) {
                    best = Some((i, i + 4));
                }
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    best
}

/// Whether another fact of the sheet in the same unit has `fact`'s value for a period within
/// `year`.
fn same_value_in_year(sheet: &Sheet, fact: &crate::model::Fact, year: i32) -> bool {
    sheet.facts.iter().any(|o| {
        o.id != fact.id
            && o.value == fact.value
            && o.unit == fact.unit
            && o.period
                .is_some_and(|p| p.start.year == year && p.end.year == year)
    })
}

/// Runs every operator on every figure of the drafts.
pub fn run(sheet: &Sheet, drafts: &[Draft]) -> Report {
    let checker = Checker::new(sheet);
    let mut operators: Vec<(Operator, Tally)> = Operator::ALL
        .iter()
        .map(|&op| (op, Tally::default()))
        .collect();
    let mut false_alarms = Vec::new();
    for draft in drafts {
        if draft.correct {
            let alarms = checker
                .check_document(&draft.text, &Options::named(draft.name.clone()))
                .into_iter()
                .filter(|f| matches!(f.status, Status::Mismatch | Status::Qualifier))
                .map(|f| format!("{}:{}: {}", f.line, f.column, f.message))
                .collect();
            false_alarms.push((draft.name.clone(), alarms));
        }
        for (line, prefix, fact_id) in &draft.figures {
            let Some(fact) = sheet.facts.iter().find(|f| &f.id == fact_id) else {
                continue;
            };
            let Some((a, b)) = locate(&checker, &draft.text, *line, prefix, fact_id) else {
                continue;
            };
            let span = &draft.text[a..b];
            for (op, tally) in &mut operators {
                // A figure's year is altered where it is written, in the figure's sentence.
                let year_op = matches!(op, Operator::YearPlus1 | Operator::YearMinus1);
                let date = matches!(fact.value, Value::Text(_));
                let (text, fa, end, altered) = if year_op && !date {
                    // A year beside a figure whose fact has no period (`8–10 days`) says
                    // nothing about the fact: altering it plants no error.
                    if fact.period.is_none() {
                        continue;
                    }
                    let Some((ya, yb)) = period_year(&draft.text, a, b) else {
                        continue;
                    };
                    let year: i32 = draft.text[ya..yb].parse().unwrap_or(0);
                    let d = if *op == Operator::YearPlus1 { 1 } else { -1 };
                    // The sheet gives the same value for the new year too (US$27 million for
                    // 2022 and 2023): the altered figure is still right, no error planted.
                    if same_value_in_year(sheet, fact, year + d) {
                        continue;
                    }
                    let new = (year + d).to_string();
                    let mut text = draft.text.clone();
                    text.replace_range(ya..yb, &new);
                    // The year is as long as before: the figure keeps its place.
                    (text, a, b, format!("{span} ({year} → {new})"))
                } else {
                    let Some(altered) = op.apply(span, fact) else {
                        continue;
                    };
                    let mut text = String::with_capacity(draft.text.len() + altered.len());
                    text.push_str(&draft.text[..a]);
                    text.push_str(&altered);
                    text.push_str(&draft.text[b..]);
                    let end = a + altered.len();
                    (text, a, end, altered)
                };
                let a = fa;
                tally.tried += 1;
                let caught = checker
                    .check_document(&text, &Options::named(draft.name.clone()))
                    .iter()
                    .any(|f| {
                        matches!(f.status, Status::Mismatch | Status::Qualifier)
                            && f.start < end
                            && f.end > a
                    });
                if caught {
                    tally.caught += 1;
                } else {
                    tally
                        .missed
                        .push(format!("{}:{line}: {span} → {altered}", draft.name));
                }
            }
        }
    }
    Report {
        operators,
        false_alarms,
    }
}

/// The drafts of a folder laid out as `tests/fixtures/drafts` is: each `NAME.md` or `NAME.txt`
/// beside a `NAME.expect` listing its figures (`LINE STATUS FACT FOUND`). The figures listed
/// as `ok` are the ones altered; a draft whose figures are all `ok` is a correct draft.
pub fn load_drafts(dir: &std::path::Path) -> std::io::Result<Vec<Draft>> {
    let mut names: Vec<std::path::PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "expect"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for expect in names {
        let Some(draft) = ["md", "txt"]
            .iter()
            .map(|x| expect.with_extension(x))
            .find(|p| p.exists())
        else {
            continue;
        };
        let text = std::fs::read_to_string(&draft)?;
        let mut figures = Vec::new();
        let mut correct = true;
        for l in std::fs::read_to_string(&expect)?.lines() {
            if l.trim().is_empty() || l.starts_with('#') {
                continue;
            }
            let mut parts = l.splitn(4, ' ');
            let (Some(line), Some(status), Some(fact)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let found = parts.next().unwrap_or_default().to_string();
            if status == "ok" {
                if let Ok(line) = line.parse() {
                    figures.push((line, found, fact.to_string()));
                }
            } else {
                correct = false;
            }
        }
        out.push(Draft {
            name: draft
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            text,
            figures,
            correct,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_alter_digits_as_a_writer_would() {
        assert_eq!(shift_point("20.7", 1).as_deref(), Some("207"));
        assert_eq!(shift_point("20.7", -1).as_deref(), Some("2.07"));
        assert_eq!(shift_point("80,924", 1).as_deref(), Some("809,240"));
        assert_eq!(shift_point("80,924", -1).as_deref(), Some("8,092.4"));
        assert_eq!(shift_point("3.3", -1).as_deref(), Some("0.33"));
        assert_eq!(shift_point("40", -1).as_deref(), Some("4"));
        assert_eq!(transpose("80,924").as_deref(), Some("89,024"));
        assert_eq!(transpose("40"), None);
        assert_eq!(change_last_digit("46,000").as_deref(), Some("48,000"));
        assert_eq!(change_last_digit("38.7").as_deref(), Some("38.9"));
        assert_eq!(in_words(85_000).as_deref(), Some("eighty-five thousand"));
        assert_eq!(
            in_words(90_924).as_deref(),
            Some("ninety thousand nine hundred twenty-four")
        );
        assert_eq!(numbers("up to 40 JF-17 jets"), vec![(6, 8)]);
        assert_eq!(strip_hedge("about US$20.7 million").0, "US$20.7 million");
        assert_eq!(strip_hedge("up to 40").0, "40");
        assert_eq!(strip_hedge("up\nto 40 JF-17").0, "40 JF-17");
        assert_eq!(strip_hedge("over 3.3").0, "3.3");
        assert_eq!(strip_hedge("~46k"), ("46k", "~"));
        assert_eq!(strip_hedge(">3.3 mn t"), ("3.3 mn t", ">"));
        assert_eq!(strip_hedge("≥ 40"), ("40", "≥ "));
        assert_eq!(strip_hedge("~$20.7M").0, "$20.7M");
        assert_eq!(strip_hedge("c. 46,000"), ("46,000", "c. "));
        assert_eq!(strip_hedge("Approx. 47%").0, "47%");
        assert_eq!(strip_hedge("-5").0, "-5");
        // The top of a range after a hyphen is a number; a name's digits are not.
        assert_eq!(numbers("8-10 days"), vec![(0, 1), (2, 4)]);
        assert_eq!(numbers("JF-17"), Vec::<(usize, usize)>::new());
    }

    #[test]
    fn written_in_words_reads_ranges_and_thousands_as_a_writer_would() {
        let sheet = crate::sheet::bundled().unwrap();
        let fact = |id: &str| sheet.facts.iter().find(|f| f.id == id).unwrap();
        let days = fact("transport.china-baku-days");
        assert_eq!(
            Operator::InWords.apply("8-10 days", days).as_deref(),
            Some("nine-eleven days")
        );
        let people = fact("tourism.visitors-2025-jan-jul");
        assert_eq!(
            Operator::InWords.apply("~46k", people).as_deref(),
            Some("~fifty-six thousand")
        );
        // The sign of a hedge is swapped, not kept beside the new one.
        let swapped = Operator::HedgeSwapped.apply("~46k", people).unwrap();
        assert!(!swapped.contains('~'), "{swapped}");
    }
}
