//! Citations: a fact as a sentence-ready figure with its hedge and source, or its source as a
//! reference entry (APA, Chicago, BibTeX). Pure functions over the sheet.

use crate::figure::scaled;
use crate::model::{Fact, Sheet, Source, Value};
use crate::period::{Period, month_name};

/// The forms a citation can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A phrase to paste into a sentence: figure, hedge, period and source.
    Plain,
    /// The same phrase with Markdown emphasis and a link when the source has one.
    Markdown,
    /// An APA (7th edition) reference entry for the source.
    Apa,
    /// A Chicago (bibliography style) entry for the source.
    Chicago,
    /// A BibTeX entry for the source, noting the fact it is cited for.
    Bibtex,
}

/// A fact's citation in the given style.
pub fn cite(sheet: &Sheet, fact: &Fact, style: Style) -> String {
    let source = sheet.source_of(fact);
    match style {
        Style::Plain => format!(
            "{}, according to {}",
            claim(sheet, fact),
            attribution(source, fact, false)
        ),
        Style::Markdown => format!(
            "{}, according to {}",
            md_escape(&claim(sheet, fact)),
            attribution(source, fact, true)
        ),
        Style::Apa => apa(source, fact),
        Style::Chicago => chicago(source, fact),
        Style::Bibtex => bibtex(sheet, source, fact),
    }
}

/// Units spelt out for running text.
fn unit_words(unit: &str) -> Option<&str> {
    match unit {
        "t" => Some("tonnes"),
        "" => None,
        u => Some(u),
    }
}

/// Whether a fact counts things its label names (`people`, `aircraft`), so the label can
/// stand in for the unit: `up to 40 JF-17 Block III fighter jets ...`.
fn counts_things(fact: &Fact) -> bool {
    !matches!(
        fact.unit.as_deref().unwrap_or(""),
        "%" | "USD" | "EUR" | "t" | "days" | "×" | "x" | ""
    )
}

/// The amount without its unit: `46,000`, `20.7 million`, `8–10`.
fn amount(value: &Value) -> String {
    match value {
        Value::Number(n) => scaled(*n),
        Value::Range { min, max } => format!("{}–{}", scaled(*min), scaled(*max)),
        Value::Text(t) => t.clone(),
    }
}

/// The amount with its unit for running text: `about US$20.7 million`, `38.7%`, `8–10 days`.
fn amount_with_unit(fact: &Fact) -> String {
    let a = amount(&fact.value);
    let unit = fact.unit.as_deref().unwrap_or("");
    let body = match unit {
        "USD" => format!("US${a}"),
        "EUR" => format!("€{a}"),
        "%" => format!("{a}%"),
        "×" | "x" => format!("{a}×"),
        u => match unit_words(u) {
            Some(w) => format!("{a} {w}"),
            None => a,
        },
    };
    format!("{}{body}", fact.qualifier.word())
}

/// The figure and what it is, for a sentence: `about 46,000 Pakistani tourists who visited
/// Azerbaijan (January–July 2025)`.
fn claim(sheet: &Sheet, fact: &Fact) -> String {
    let label = in_sentence(sheet, &fact.label);
    let period = fact
        .period
        .map(|p| format!(" ({})", p.human()))
        .unwrap_or_default();
    match &fact.value {
        Value::Text(t) if fact.label.to_lowercase().contains(&t.to_lowercase()) => {
            format!("{label}{period}")
        }
        Value::Text(t) => format!("{label}: {t}{period}"),
        _ if counts_things(fact) => format!(
            "{}{} {}{period}",
            fact.qualifier.word(),
            amount(&fact.value),
            fact.label
        ),
        _ => format!("{label}{period}: {}", amount_with_unit(fact)),
    }
}

/// A label as it reads inside a sentence: the first word loses its capital unless it is a
/// name. A word is taken for a name when it has capitals inside (`JF-17`) or the sheet writes
/// it with a capital in mid-sentence somewhere.
fn in_sentence(sheet: &Sheet, label: &str) -> String {
    let (first, rest) = label.split_once(' ').unwrap_or((label, ""));
    let is_name = first.chars().skip(1).any(char::is_uppercase)
        || sheet.facts.iter().any(|f| {
            f.label
                .split(' ')
                .skip(1)
                .chain(f.aliases.iter().flat_map(|a| a.split(' ')))
                .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == first)
        });
    let first = if is_name {
        first.to_string()
    } else {
        first.to_lowercase()
    };
    if rest.is_empty() {
        first
    } else {
        format!("{first} {rest}")
    }
}

fn date_of(source: &Source) -> Option<Period> {
    source.date.as_deref().and_then(|d| Period::parse(d).ok())
}

/// `Tamilla Mammadova, interviewed in The Gulf Observer, 14 February 2026`.
fn attribution(source: Option<&Source>, fact: &Fact, markdown: bool) -> String {
    let Some(s) = source else {
        return fact.source.key.clone();
    };
    let publisher = s.publisher.clone().unwrap_or_else(|| s.title.clone());
    let publisher = if markdown {
        match &s.url {
            Some(url) => format!("[*{}*]({url})", md_escape(&publisher)),
            None => format!("*{}*", md_escape(&publisher)),
        }
    } else {
        publisher
    };
    let mut out = if s.people.is_empty() {
        publisher
    } else if s.kind.as_deref() == Some("interview") {
        format!("{}, interviewed in {publisher}", s.people.join(" and "))
    } else {
        format!("{} in {publisher}", s.people.join(" and "))
    };
    if let Some(d) = date_of(s) {
        out.push_str(&format!(", {}", d.human()));
    }
    out
}

fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_' | '[' | ']' | '`' | '\\' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `Mammadova, Tamilla` and `Mammadova, T.` from `Tamilla Mammadova`.
fn inverted(name: &str, initials: bool) -> String {
    match name.rsplit_once(' ') {
        Some((given, family)) if initials => {
            let init: Vec<String> = given
                .split([' ', '-'])
                .filter_map(|g| g.chars().next())
                .map(|c| format!("{c}."))
                .collect();
            format!("{family}, {}", init.join(" "))
        }
        Some((given, family)) => format!("{family}, {given}"),
        None => name.to_string(),
    }
}

fn join_authors(names: &[String], last_sep: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}{last_sep}{last}", init.join(", ")),
    }
}

/// A title ends with a full stop unless it ends with its own punctuation.
fn closed(title: &str) -> String {
    if title.ends_with(['.', '?', '!']) {
        title.to_string()
    } else {
        format!("{title}.")
    }
}

fn apa(source: Option<&Source>, fact: &Fact) -> String {
    let Some(s) = source else {
        return fact.source.key.clone();
    };
    let date = date_of(s).map_or("n.d.".to_string(), |p| {
        let d = p.start;
        match (d.month, d.day) {
            (Some(m), Some(day)) => format!("{}, {} {day}", d.year, month_name(m)),
            (Some(m), None) => format!("{}, {}", d.year, month_name(m)),
            _ => d.year.to_string(),
        }
    });
    let kind = s
        .kind
        .as_deref()
        .map(|k| format!(" [{}{}]", k[..1].to_uppercase(), &k[1..]))
        .unwrap_or_default();
    let authors: Vec<String> = s.people.iter().map(|p| inverted(p, true)).collect();
    let publisher = s.publisher.as_deref().unwrap_or_default();
    let url = s
        .url
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    if authors.is_empty() {
        format!(
            "{} ({date}). {}{kind}.{url}",
            closed(publisher).trim_end_matches('.'),
            s.title
        )
    } else {
        let tail = if publisher.is_empty() {
            String::new()
        } else {
            format!(" {}", closed(publisher))
        };
        format!(
            "{} ({date}). {}{kind}.{tail}{url}",
            join_authors(&authors, ", & "),
            s.title
        )
    }
}

fn chicago(source: Option<&Source>, fact: &Fact) -> String {
    let Some(s) = source else {
        return fact.source.key.clone();
    };
    let date = date_of(s).map(|p| {
        let d = p.start;
        match (d.month, d.day) {
            (Some(m), Some(day)) => format!("{} {day}, {}", month_name(m), d.year),
            (Some(m), None) => format!("{} {}", month_name(m), d.year),
            _ => d.year.to_string(),
        }
    });
    let mut parts = Vec::new();
    let names: Vec<String> = s
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i == 0 {
                inverted(p, false)
            } else {
                p.clone()
            }
        })
        .collect();
    if !names.is_empty() {
        parts.push(closed(&join_authors(&names, ", and ")));
    }
    let title = s.title.trim_end_matches('.');
    parts.push(format!("“{title}.”"));
    if let Some(k) = &s.kind {
        parts.push(format!("{}{}.", k[..1].to_uppercase(), &k[1..]));
    }
    let venue = match (&s.publisher, date) {
        (Some(p), Some(d)) => format!("{p}, {d}."),
        (Some(p), None) => closed(p),
        (None, Some(d)) => format!("{d}."),
        (None, None) => String::new(),
    };
    if !venue.is_empty() {
        parts.push(venue);
    }
    if let Some(u) = &s.url {
        parts.push(format!("{u}."));
    }
    parts.join(" ")
}

fn tex(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\\' => out.push_str("\\textbackslash{}"),
            c => out.push(c),
        }
    }
    out
}

fn bibtex(sheet: &Sheet, source: Option<&Source>, fact: &Fact) -> String {
    let key: String = fact
        .source
        .key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let mut fields: Vec<(&str, String)> = Vec::new();
    let mut figure = claim(sheet, fact);
    if let Some(section) = &fact.source.section {
        figure.push_str(&format!(" ({section})"));
    }
    if let Some(s) = source {
        if !s.people.is_empty() {
            let names: Vec<String> = s.people.iter().map(|p| inverted(p, false)).collect();
            fields.push(("author", tex(&names.join(" and "))));
        }
        fields.push(("title", format!("{{{}}}", tex(&s.title))));
        if let Some(p) = &s.publisher {
            fields.push(("journal", tex(p)));
        }
        if let Some(d) = date_of(s) {
            fields.push(("year", d.start.year.to_string()));
            if let Some(m) = d.start.month {
                fields.push(("month", month_name(m).to_lowercase()[..3].to_string()));
            }
            fields.push(("date", d.start.to_string()));
        }
        if let Some(u) = &s.url {
            fields.push(("url", u.clone()));
        }
        let kind = s
            .kind
            .as_deref()
            .map(|k| format!("{}{}. ", k[..1].to_uppercase(), &k[1..]));
        fields.push((
            "note",
            tex(&format!(
                "{}Cited for {}: {figure}",
                kind.unwrap_or_default(),
                fact.id
            )),
        ));
    } else {
        fields.push(("note", tex(&format!("Cited for {}: {figure}", fact.id))));
    }
    let mut out = format!("@article{{{key},\n");
    for (name, value) in fields {
        if name == "month" {
            out.push_str(&format!("  {name} = {value},\n"));
        } else {
            out.push_str(&format!("  {name} = {{{value}}},\n"));
        }
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet() -> Sheet {
        crate::sheet::bundled().expect("bundled sheet loads")
    }

    fn cite_id(id: &str, style: Style) -> String {
        let s = sheet();
        let fact = s.facts.iter().find(|f| f.id == id).expect("fact exists");
        cite(&s, fact, style)
    }

    #[test]
    fn plain_citations_read_as_sentences() {
        assert_eq!(
            cite_id("tourism.visitors-2025-jan-jul", Style::Plain),
            "about 46,000 Pakistani tourists who visited Azerbaijan (January–July 2025), according \
             to Tamilla Mammadova, interviewed in The Gulf Observer, 14 February 2026"
        );
        assert!(
            cite_id("trade.turnover-2025-jan-sep", Style::Plain).starts_with(
                "trade turnover between Azerbaijan and Pakistan (January–September 2025): about US$20.7 million, according to"
            )
        );
        assert!(
            cite_id("defence.jf17-block3-aircraft", Style::Plain)
                .starts_with("up to 40 JF-17 Block III fighter jets")
        );
        assert!(
            cite_id("diplomacy.relations-established", Style::Plain).starts_with(
                "diplomatic relations established between Pakistan and Azerbaijan (1992), according"
            )
        );
        assert!(
            cite_id("transport.corridor-cargo-2024", Style::Plain)
                .contains("over 3.3 million tonnes")
        );
    }

    #[test]
    fn markdown_emphasises_the_publisher() {
        let md = cite_id("tourism.visitors-2024", Style::Markdown);
        assert!(md.contains("*The Gulf Observer*"), "{md}");
    }

    #[test]
    fn reference_entries() {
        assert_eq!(
            cite_id("tourism.visitors-2024", Style::Apa),
            "Mammadova, T. (2026, February 14). Brotherhood Beyond Borders: Azertac’s Head of \
             Society Reflects on the Strengthening Pakistan–Azerbaijan Partnership [Interview]. \
             The Gulf Observer."
        );
        assert_eq!(
            cite_id("tourism.visitors-2024", Style::Chicago),
            "Mammadova, Tamilla. “Brotherhood Beyond Borders: Azertac’s Head of Society Reflects \
             on the Strengthening Pakistan–Azerbaijan Partnership.” Interview. The Gulf Observer, \
             February 14, 2026."
        );
        let bib = cite_id("trade.turnover-2025-jan-sep", Style::Bibtex);
        assert!(bib.starts_with("@article{gulf-observer-2026-02-14,\n"));
        assert!(bib.contains("  author = {Mammadova, Tamilla},\n"));
        assert!(bib.contains("  month = feb,\n"));
        assert!(bib.contains("US\\$20.7 million"), "{bib}");
        assert!(bib.ends_with("}"));
    }

    #[test]
    fn names_keep_their_capital() {
        let s = sheet();
        assert_eq!(in_sentence(&s, "Pakistani citizens"), "Pakistani citizens");
        assert_eq!(in_sentence(&s, "Trade turnover"), "trade turnover");
        assert_eq!(in_sentence(&s, "JF-17 jets"), "JF-17 jets");
    }
}
