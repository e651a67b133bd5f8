//! Sources as CSL-JSON items, and references formatted from them by hayagriva with the CSL
//! styles it bundles. The item a reference manager imports is the item the engine formats,
//! so the two cannot drift apart.

use std::fmt::Write as _;
use std::sync::OnceLock;

use hayagriva::archive::{ArchivedStyle, locales};
use hayagriva::citationberg::json::Item;
use hayagriva::citationberg::{
    IndependentStyle, LayoutRenderingElement, Locale, Name, NamesChild, Style, StyleClass,
};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, BufWriteFormat, CitationItem, CitationRequest,
};
use serde_json::{Map, Value, json};

use super::sources_of;
use crate::model::{Fact, Sheet, Source};

/// The CSL styles `--style` offers, each one of hayagriva's bundled styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CslStyle {
    Apa,
    ChicagoAuthorDate,
    ChicagoNotes,
    Mla,
    Harvard,
    Ieee,
    Vancouver,
}

impl CslStyle {
    /// The bundled style's name in hayagriva's archive.
    fn archived(self) -> ArchivedStyle {
        match self {
            CslStyle::Apa => ArchivedStyle::AmericanPsychologicalAssociation,
            CslStyle::ChicagoAuthorDate => ArchivedStyle::ChicagoAuthorDate,
            CslStyle::ChicagoNotes => ArchivedStyle::ChicagoNotes,
            CslStyle::Mla => ArchivedStyle::ModernLanguageAssociation,
            CslStyle::Harvard => ArchivedStyle::HarvardCiteThemRight,
            CslStyle::Ieee => ArchivedStyle::InstituteOfElectricalAndElectronicsEngineers,
            CslStyle::Vancouver => ArchivedStyle::NlmCitationSequence,
        }
    }

    /// The style, ready for the engine; read from the archive once per process.
    fn load(self) -> Option<&'static IndependentStyle> {
        static STYLES: [OnceLock<Option<IndependentStyle>>; 7] = [const { OnceLock::new() }; 7];
        STYLES[self as usize]
            .get_or_init(|| {
                let Style::Independent(mut style) = self.archived().get() else {
                    return None;
                };
                if self == CslStyle::Vancouver {
                    restore_author_names(&mut style);
                }
                Some(style)
            })
            .as_ref()
    }
}

/// The archived NLM (Vancouver) style has lost the `<name>` element of its author macro, and
/// the engine prints no names without one: put back the one the style defines (`Mammadova
/// T, Smith JP`).
fn restore_author_names(style: &mut IndependentStyle) {
    let name: Name = match serde_json::from_value(json!({
        "@delimiter": ", ",
        "@delimiter-precedes-last": "always",
        "@initialize-with": "",
        "@name-as-sort-order": "all",
        "@sort-separator": " ",
    })) {
        Ok(name) => name,
        Err(_) => return,
    };
    for m in style.macros.iter_mut().filter(|m| m.name == "author") {
        for child in &mut m.children {
            if let LayoutRenderingElement::Names(names) = child
                && !names
                    .children
                    .iter()
                    .any(|c| matches!(c, NamesChild::Name(_)))
            {
                names.children.insert(0, NamesChild::Name(name.clone()));
            }
        }
    }
}

/// The CSL item type for a source's `kind` (case and spaces ignored); `document` when the
/// kind is missing or unknown.
pub fn csl_type(kind: Option<&str>) -> &'static str {
    let kind = kind
        .unwrap_or_default()
        .trim()
        .to_lowercase()
        .replace([' ', '_'], "-");
    match kind.as_str() {
        "interview" => "interview",
        "report" | "white-paper" | "working-paper" => "report",
        "article" | "news" | "news-article" | "newspaper" | "article-newspaper" => {
            "article-newspaper"
        }
        "magazine" | "article-magazine" => "article-magazine",
        "journal" | "paper" | "article-journal" => "article-journal",
        "dataset" | "data" | "statistics" => "dataset",
        "book" => "book",
        "chapter" => "chapter",
        "web" | "webpage" | "website" | "web-page" => "webpage",
        "blog" | "post" | "blog-post" => "post-weblog",
        "speech" | "address" | "statement" => "speech",
        "press-release" => "article",
        "law" | "legislation" => "legislation",
        "treaty" | "agreement" => "treaty",
        "broadcast" | "video" => "broadcast",
        _ => "document",
    }
}

/// Whether the publisher is the publication the piece appeared in (a newspaper, a site)
/// rather than the body that issued it (a report's institute).
pub(super) fn published_in(csl_type: &str) -> bool {
    matches!(
        csl_type,
        "interview"
            | "article"
            | "article-newspaper"
            | "article-magazine"
            | "article-journal"
            | "webpage"
            | "post-weblog"
            | "chapter"
            | "broadcast"
    )
}

/// A person's name as CSL: `Tamilla Mammadova` and `Mammadova, Tamilla` are family and given
/// names; a single word (or a name of an organisation given with one) is a literal.
fn csl_name(name: &str) -> Option<Value> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let parts = match name.split_once(',') {
        Some((family, given)) => Some((family.trim(), given.trim())),
        None => name.rsplit_once(' ').map(|(g, f)| (f.trim(), g.trim())),
    };
    Some(match parts {
        Some((family, given)) if !family.is_empty() && !given.is_empty() => {
            json!({ "family": family, "given": given })
        }
        _ => json!({ "literal": name }),
    })
}

fn csl_names(names: &[String]) -> Option<Value> {
    let list: Vec<Value> = names.iter().filter_map(|n| csl_name(n)).collect();
    (!list.is_empty()).then_some(Value::Array(list))
}

/// A date as CSL `date-parts`: `2026-02-14` is `[[2026, 2, 14]]`.
fn csl_date(text: &str) -> Option<Value> {
    let d = crate::period::Period::parse(text).ok()?.start;
    let mut parts = vec![json!(d.year)];
    if let Some(m) = d.month {
        parts.push(json!(m));
        if let Some(day) = d.day {
            parts.push(json!(day));
        }
    }
    Some(json!({ "date-parts": [parts] }))
}

/// A source as a CSL-JSON item, its `id` the source's key (unique in a sheet, and the same
/// in every export).
pub fn csl_item(source: &Source) -> Value {
    let kind = csl_type(source.kind.as_deref());
    let mut item = Map::new();
    item.insert("id".into(), json!(source.key));
    item.insert("type".into(), json!(kind));
    item.insert("title".into(), json!(source.title));
    if let Some(publisher) = &source.publisher {
        let field = if published_in(kind) {
            "container-title"
        } else {
            "publisher"
        };
        item.insert(field.into(), json!(publisher));
    }
    if let Some(names) = csl_names(&source.people) {
        item.insert("author".into(), names);
    }
    if let Some(names) = csl_names(&source.interviewer) {
        item.insert("interviewer".into(), names);
    }
    if let Some(date) = source.date.as_deref().and_then(csl_date) {
        item.insert("issued".into(), date);
    }
    if let Some(url) = &source.url {
        item.insert("URL".into(), json!(url));
    }
    if let Some(date) = source.accessed.as_deref().and_then(csl_date) {
        item.insert("accessed".into(), date);
    }
    Value::Object(item)
}

/// The CSL-JSON array of the sources the facts cite, each once.
pub fn csl_json(sheet: &Sheet, facts: &[&Fact]) -> Value {
    Value::Array(sources_of(sheet, facts).iter().map(csl_item).collect())
}

/// The item as the engine gets it. The engine's interview handling prints a dangling
/// "Interview by." in the Chicago styles when nobody is named as interviewer: such an
/// interview goes in as an article of its publication with the genre "Interview", which
/// every style prints as the kind of piece it is.
fn engine_item(source: &Source) -> Option<Item> {
    let mut item = csl_item(source);
    if let Value::Object(map) = &mut item
        && map.get("type") == Some(&json!("interview"))
        && !map.contains_key("interviewer")
    {
        map.insert("type".into(), json!("article-newspaper"));
        map.insert("genre".into(), json!("Interview"));
    }
    serde_json::from_value(item).ok()
}

/// The facts with the style's in-text citation (`claims[i]` is fact `i`'s figure in words),
/// then, after a blank line, the reference list with each source once. A note style
/// numbers the facts and prints the notes between the two.
pub fn references(sheet: &Sheet, facts: &[&Fact], claims: &[String], style: CslStyle) -> String {
    static LOCALES: OnceLock<Vec<Locale>> = OnceLock::new();
    let locales = LOCALES.get_or_init(locales);
    let Some(style) = style.load() else {
        return claims.join("\n");
    };
    let sources = sources_of(sheet, facts);
    let items: Vec<Option<Item>> = sources.iter().map(engine_item).collect();
    let item_of = |fact: &Fact| {
        sources
            .iter()
            .position(|s| s.key == fact.source.key)
            .and_then(|i| items[i].as_ref())
    };
    let note_style = style.settings.class == StyleClass::Note;
    let mut driver = BibliographyDriver::new();
    for (i, fact) in facts.iter().enumerate() {
        let Some(item) = item_of(fact) else { continue };
        driver.citation(CitationRequest::new(
            vec![CitationItem::with_entry(item)],
            style,
            None,
            locales,
            Some(i + 1),
        ));
    }
    let rendered = driver.finish(BibliographyRequest::new(style, None, locales));
    let mut citations = rendered.citations.iter();
    let mut out = String::new();
    let mut notes = String::new();
    for (i, (fact, claim)) in facts.iter().zip(claims).enumerate() {
        let cited = item_of(fact)
            .and_then(|_| citations.next())
            .map(|c| plain(|buf| c.citation.write_buf(buf, BufWriteFormat::Plain)))
            .unwrap_or_default();
        if note_style {
            let _ = writeln!(out, "{claim} [{}]", i + 1);
            let _ = writeln!(notes, "[{}] {cited}", i + 1);
        } else if cited.is_empty() {
            let _ = writeln!(out, "{claim}");
        } else {
            let _ = writeln!(out, "{claim} {cited}");
        }
    }
    if !notes.is_empty() {
        out.push('\n');
        out.push_str(&notes);
    }
    if let Some(bibliography) = rendered.bibliography {
        out.push('\n');
        for entry in bibliography.items {
            let first = entry
                .first_field
                .map(|f| plain(|buf| f.write_buf(buf, BufWriteFormat::Plain)) + " ")
                .unwrap_or_default();
            let body = plain(|buf| entry.content.write_buf(buf, BufWriteFormat::Plain));
            let _ = writeln!(out, "{first}{body}");
        }
    }
    out.trim_end().to_string()
}

/// What the engine wrote, with runs of spaces (its joins of empty parts) made one.
fn plain(write: impl FnOnce(&mut String) -> std::fmt::Result) -> String {
    let mut buf = String::new();
    let _ = write(&mut buf);
    let mut out = String::with_capacity(buf.len());
    for word in buf.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
