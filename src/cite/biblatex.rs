//! Sources as BibLaTeX entries, one per source, keyed by the source's key. Every field is
//! escaped, so no value can close its entry or start another.

use std::fmt::Write as _;

use super::csl::{csl_type, published_in};
use super::sources_of;
use crate::model::{Fact, Sheet, Source};

/// Text as a TeX field value: braces and TeX's special characters escaped.
pub fn tex(text: &str) -> String {
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
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A url for the verbatim `url` field: braces, backslashes, spaces and control characters
/// percent-encoded (as a browser would send them), so the field always closes where it should.
fn url_field(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if matches!(c, '{' | '}' | '\\' | '"' | '%') || c.is_whitespace() || c.is_control() {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// An entry key: the source key with anything but letters, digits and `-_:.` made a dash.
fn key(source: &Source) -> String {
    let key: String = source
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
    if key.is_empty() { "source".into() } else { key }
}

/// A name list: `Mammadova, Tamilla and Smith, John`. A name of one word, or of an
/// organisation, is braced so BibLaTeX takes it whole.
fn names(people: &[String]) -> Option<String> {
    let list: Vec<String> = people
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (family, given) = match p.split_once(',') {
                Some((f, g)) => (f.trim(), g.trim()),
                None => match p.rsplit_once(' ') {
                    Some((g, f)) => (f.trim(), g.trim()),
                    None => (p, ""),
                },
            };
            let part = |s: &str| {
                let s = tex(s);
                if s.contains(',') || s.to_lowercase().split(' ').any(|w| w == "and") {
                    format!("{{{s}}}")
                } else {
                    s
                }
            };
            if given.is_empty() || family.is_empty() {
                format!("{{{}}}", tex(p))
            } else {
                format!("{}, {}", part(family), part(given))
            }
        })
        .collect();
    (!list.is_empty()).then(|| list.join(" and "))
}

/// The entry type and the fields for a source.
fn entry(source: &Source) -> String {
    let kind = csl_type(source.kind.as_deref());
    let publication = source.publisher.as_deref().filter(|_| published_in(kind));
    let entry_type = match kind {
        "interview" | "article-newspaper" | "article-magazine" | "article-journal" | "article"
            if publication.is_some() =>
        {
            "article"
        }
        "report" => "report",
        "dataset" => "dataset",
        "book" => "book",
        _ if source.url.is_some() => "online",
        _ => "misc",
    };
    let mut fields: Vec<(&str, String)> = Vec::new();
    if let Some(a) = names(&source.people) {
        fields.push(("author", a));
    }
    fields.push(("title", tex(&source.title)));
    match (entry_type, &source.publisher) {
        ("article", Some(p)) => fields.push(("journaltitle", tex(p))),
        ("report", Some(p)) => fields.push(("institution", tex(p))),
        ("online", Some(p)) => fields.push(("organization", tex(p))),
        (_, Some(p)) => fields.push(("publisher", tex(p))),
        _ => {}
    }
    if entry_type == "article" && matches!(kind, "interview" | "article-newspaper" | "article") {
        fields.push(("entrysubtype", "newspaper".into()));
    }
    if entry_type == "report" {
        fields.push(("type", "Report".into()));
    }
    if let Some(d) = super::date_of(source) {
        fields.push(("date", d.start.to_string()));
    }
    if let Some(u) = &source.url {
        fields.push(("url", url_field(u)));
    }
    if let Some(d) = source
        .accessed
        .as_deref()
        .and_then(|a| crate::period::Period::parse(a).ok())
    {
        fields.push(("urldate", d.start.to_string()));
    }
    if kind == "interview" {
        let by: Vec<String> = source
            .interviewer
            .iter()
            .map(|n| tex(n.trim()))
            .filter(|n| !n.is_empty())
            .collect();
        let note = if by.is_empty() {
            "Interview".to_string()
        } else {
            format!("Interview by {}", by.join(", "))
        };
        fields.push(("note", note));
    }
    let mut out = format!("@{entry_type}{{{},\n", key(source));
    for (name, value) in fields {
        let _ = writeln!(out, "  {name} = {{{value}}},");
    }
    out.push('}');
    out
}

/// The BibLaTeX entries of the sources the facts cite, each once, a blank line between.
pub fn biblatex(sheet: &Sheet, facts: &[&Fact]) -> String {
    sources_of(sheet, facts)
        .iter()
        .map(entry)
        .collect::<Vec<_>>()
        .join("\n\n")
}
