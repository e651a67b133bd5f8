//! Citations: a fact as a sentence-ready phrase with its hedge and source (pakaz's own `plain`
//! and `markdown` styles), or its source as a reference in a CSL style formatted by the
//! citation engine (`csl`), or exported for reference managers as CSL-JSON (`csl`) and
//! BibLaTeX (`biblatex`). Pure functions over the sheet.

mod biblatex;
mod csl;

pub use biblatex::{biblatex, tex};
pub use csl::{CslStyle, csl_item, csl_json, csl_type, references};

use crate::figure::scaled;
use crate::model::{Fact, Sheet, Source, Value};
use crate::period::Period;

/// The forms a citation can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A phrase to paste into a sentence: figure, hedge, period and source.
    Plain,
    /// The same phrase with Markdown emphasis and a link when the source has an http(s) url.
    Markdown,
    /// The figure with the style's in-text citation, then the reference list.
    Csl(CslStyle),
}

/// A fact's phrase in one of pakaz's own styles (`Plain` or `Markdown`; a CSL style gives
/// the plain phrase, as its references need the engine: see [`citations`]).
pub fn cite(sheet: &Sheet, fact: &Fact, style: Style) -> String {
    let source = sheet.source_of(fact);
    match style {
        Style::Markdown => format!(
            "{}, according to {}",
            md_escape(&claim(sheet, fact)),
            attribution(source, fact, true)
        ),
        Style::Plain | Style::Csl(_) => format!(
            "{}, according to {}",
            claim(sheet, fact),
            attribution(source, fact, false)
        ),
    }
}

/// The citation of several facts: one phrase per fact, and with a CSL style one reference
/// list after a blank line, each source once.
pub fn citations(sheet: &Sheet, facts: &[&Fact], style: Style) -> String {
    match style {
        Style::Plain | Style::Markdown => facts
            .iter()
            .map(|f| cite(sheet, f, style))
            .collect::<Vec<_>>()
            .join("\n"),
        Style::Csl(csl) => {
            let claims: Vec<String> = facts.iter().map(|f| claim(sheet, f)).collect();
            references(sheet, facts, &claims, csl)
        }
    }
}

/// The sources the facts cite, each once, in the order they are first cited. A fact whose
/// source the sheet lacks (only possible in an unvalidated sheet) gets a stand-in titled with
/// the key, so every fact still has an entry.
pub fn sources_of(sheet: &Sheet, facts: &[&Fact]) -> Vec<Source> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for fact in facts {
        let key = &fact.source.key;
        if !seen.insert(key.as_str()) {
            continue;
        }
        out.push(sheet.sources.get(key).cloned().unwrap_or_else(|| Source {
            key: key.clone(),
            title: key.clone(),
            ..Source::default()
        }));
    }
    out
}

/// What a full reference to a source of this kind needs that the source lacks, for
/// `validate`'s warnings.
pub fn missing_for_reference(source: &Source) -> Vec<&'static str> {
    let mut missing = Vec::new();
    let kind = csl_type(source.kind.as_deref());
    if source.kind.as_deref().is_none_or(|k| k.trim().is_empty()) {
        missing.push("kind");
    }
    if source.date.is_none() {
        missing.push("date");
    }
    if source.publisher.is_none() {
        missing.push("publisher");
    }
    if source.people.is_empty() && matches!(kind, "interview" | "speech") {
        missing.push("people");
    }
    match &source.url {
        None if matches!(
            kind,
            "interview" | "article-newspaper" | "webpage" | "dataset" | "post" | "document"
        ) =>
        {
            missing.push("url")
        }
        Some(_) if source.accessed.is_none() => missing.push("accessed"),
        _ => {}
    }
    missing
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
        match s.url.as_deref().and_then(link_target) {
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

/// A url as a Markdown link target: only `http://` and `https://` urls (no `javascript:`,
/// `data:` or relative targets), with every character that could end the target, open a
/// title or hide in the text percent-encoded. `None` when the url may not be a link.
fn link_target(url: &str) -> Option<String> {
    let scheme = url.split_once("://")?.0;
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_alphanumeric() || "-._~:/?#@!$&'*+,;=%".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    Some(out)
}

fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_' | '[' | ']' | '`' | '\\' | '<' | '>' | '&') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet() -> Sheet {
        crate::sheet::bundled().expect("bundled sheet loads")
    }

    /// The bundled sheet cut down to its first source, the interview, and the facts from it:
    /// for tests that take or edit that source.
    fn interview() -> Sheet {
        const KEY: &str = "gulf-observer-2026-02-14";
        let mut s = sheet();
        s.sources.retain(|k, _| k == KEY);
        s.facts.retain(|f| f.source.key == KEY);
        s
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

    const URL: &str = "https://thegulfobserver.com/brotherhood-beyond-borders-azertacs-head-of-\
                       society-reflects-on-the-strengthening-pakistan-azerbaijan-partnership";

    fn refs(ids: &[&str], style: CslStyle) -> String {
        let s = sheet();
        let facts: Vec<&Fact> = ids
            .iter()
            .map(|id| s.facts.iter().find(|f| f.id == *id).expect("fact exists"))
            .collect();
        citations(&s, &facts, Style::Csl(style))
    }

    #[test]
    fn the_engine_formats_each_style() {
        let apa = refs(&["tourism.visitors-2024"], CslStyle::Apa);
        assert_eq!(
            apa,
            format!(
                "80,924 Pakistani citizens who visited Azerbaijan (2024) (Mammadova, 2026)\n\n\
                 Mammadova, T. (2026, February 14). Brotherhood Beyond Borders: Azertac’s Head of \
                 Society Reflects on the Strengthening Pakistan–Azerbaijan Partnership \
                 [Interview]. The Gulf Observer. {URL}"
            )
        );
        let mla = refs(&["tourism.visitors-2024"], CslStyle::Mla);
        assert!(
            mla.ends_with(&format!(
                "\n\nMammadova, Tamilla. “Brotherhood Beyond Borders: Azertac’s Head of Society \
                 Reflects on the Strengthening Pakistan–Azerbaijan Partnership.” Interview. The \
                 Gulf Observer, 14 Feb. 2026, {URL}."
            )),
            "{mla}"
        );
        let chicago = refs(&["tourism.visitors-2024"], CslStyle::ChicagoNotes);
        assert!(chicago.starts_with("80,924 Pakistani citizens who visited Azerbaijan (2024) [1]\n\n[1] Tamilla Mammadova, “Brotherhood"), "{chicago}");
        assert!(
            chicago.contains(
                "Partnership.” Interview. The Gulf Observer, February 14, 2026. https://"
            ),
            "{chicago}"
        );
        assert!(!chicago.contains("Interview by"), "{chicago}");
        let ieee = refs(&["tourism.visitors-2024"], CslStyle::Ieee);
        assert!(
            ieee.contains("\n\n[1] T. Mammadova, “Brotherhood"),
            "{ieee}"
        );
        assert!(
            ieee.contains("Accessed: Dec. 01, 2026. [Online]. Available: https://"),
            "{ieee}"
        );
    }

    #[test]
    fn vancouver_names_the_interviewee() {
        // The archived NLM style lost its name element; without the repair the entry starts
        // with the title.
        let v = refs(&["tourism.visitors-2024"], CslStyle::Vancouver);
        assert!(
            v.contains("\n\n1. Mammadova T. Brotherhood Beyond Borders"),
            "{v}"
        );
        assert!(
            v.contains("[cited 2026 Dec 1]. Available from: https://"),
            "{v}"
        );
    }

    #[test]
    fn several_facts_of_one_source_give_one_reference() {
        let text = refs(
            &["tourism.visitors-2024", "trade.turnover-2025-jan-sep"],
            CslStyle::Harvard,
        );
        let (phrases, list) = text.split_once("\n\n").expect("a reference list");
        assert_eq!(phrases.lines().count(), 2, "{text}");
        assert!(
            phrases.lines().all(|l| l.ends_with(" (Mammadova, 2026)")),
            "{text}"
        );
        assert_eq!(list.lines().count(), 1, "{text}");
        assert!(list.contains("(Accessed: December 1, 2026)"), "{text}");
    }

    #[test]
    fn an_interviewer_is_named() {
        let mut s = interview();
        let source = s.sources.values_mut().next().expect("a source");
        source.interviewer = vec!["Ali Khan".into()];
        let fact = s.facts[0].clone();
        let text = citations(&s, &[&fact], Style::Csl(CslStyle::ChicagoNotes));
        assert!(text.contains("Interview by Ali Khan."), "{text}");
        let text = citations(&s, &[&fact], Style::Csl(CslStyle::Apa));
        assert!(
            text.contains("Partnership (A. Khan, Interviewer). The Gulf Observer. https://"),
            "{text}"
        );
        let item = csl_item(s.sources.values().next().expect("a source"));
        assert_eq!(
            item["interviewer"],
            serde_json::json!([{"family": "Khan", "given": "Ali"}])
        );
        let bib = biblatex(&s, &[&fact]);
        assert!(bib.contains("  note = {Interview by Ali Khan},\n"), "{bib}");
    }

    #[test]
    fn a_source_as_a_csl_item() {
        let s = interview();
        let item = csl_item(s.sources.values().next().expect("a source"));
        assert_eq!(
            item,
            serde_json::json!({
                "id": "gulf-observer-2026-02-14",
                "type": "interview",
                "title": "Brotherhood Beyond Borders: Azertac’s Head of Society Reflects on the \
                          Strengthening Pakistan–Azerbaijan Partnership",
                "container-title": "The Gulf Observer",
                "author": [{"family": "Mammadova", "given": "Tamilla"}],
                "issued": {"date-parts": [[2026, 2, 14]]},
                "accessed": {"date-parts": [[2026, 12, 1]]},
                "URL": URL,
            })
        );
    }

    #[test]
    fn csl_types_from_kinds() {
        assert_eq!(csl_type(Some("interview")), "interview");
        assert_eq!(csl_type(Some(" Press Release ")), "article");
        assert_eq!(csl_type(Some("Report")), "report");
        assert_eq!(csl_type(Some("")), "document");
        assert_eq!(csl_type(Some("été")), "document");
        assert_eq!(csl_type(None), "document");
    }

    fn with_source(edit: impl FnOnce(&mut Source)) -> Sheet {
        let mut s = interview();
        s.facts.truncate(1);
        let source = s.sources.values_mut().next().expect("a source");
        edit(source);
        s
    }

    #[test]
    fn any_kind_formats_without_a_panic() {
        for kind in [
            "",
            "é",
            "ébauche",
            "日本",
            "x",
            "interview",
            "report",
            "dataset",
        ] {
            let s = with_source(|src| src.kind = Some(kind.into()));
            let fact = &s.facts[0];
            for style in [CslStyle::Apa, CslStyle::ChicagoNotes, CslStyle::Vancouver] {
                let text = citations(&s, &[fact], Style::Csl(style));
                assert!(text.contains("Brotherhood"), "{kind:?}: {text}");
            }
            assert!(biblatex(&s, &[fact]).starts_with('@'), "{kind:?}");
        }
    }

    #[test]
    fn biblatex_fields_cannot_close_their_entry() {
        let s = with_source(|src| {
            src.url = Some("http://x}, title = {PWNED}}, @misc{inj, note={x".into());
            src.title = "T} @misc{a, title={b".into();
            src.people = vec!["A \\ B} and {C".into()];
            src.publisher = Some("50% & #1 $x_y ~ ^".into());
        });
        let bib = biblatex(&s, &[&s.facts[0]]);
        assert_eq!(crate::props::biblatex_entries(&bib), Ok(1), "{bib}");
        assert!(
            bib.contains(
                "url = {http://x%7D,%20title%20=%20%7BPWNED%7D%7D,%20@misc%7Binj,%20note=%7Bx},"
            ),
            "{bib}"
        );
        assert!(
            bib.contains("title = {T\\} @misc\\{a, title=\\{b},"),
            "{bib}"
        );
        assert!(
            bib.contains(
                "journaltitle = {50\\% \\& \\#1 \\$x\\_y \\textasciitilde{} \\textasciicircum{}},"
            ),
            "{bib}"
        );
    }

    #[test]
    fn markdown_links_only_web_urls() {
        for (url, linked) in [
            (
                "https://example.org/a b(c)",
                Some("https://example.org/a%20b%28c%29"),
            ),
            ("HTTP://example.org/<x>", Some("HTTP://example.org/%3Cx%3E")),
            ("javascript:alert(1)", None),
            ("javascript://%0aalert(1)", None),
            ("data:text/html,x", None),
            ("/relative", None),
        ] {
            let s = with_source(|src| src.url = Some(url.into()));
            let md = cite(&s, &s.facts[0], Style::Markdown);
            match linked {
                Some(target) => assert!(md.contains(&format!("*]({target})")), "{url}: {md}"),
                None => {
                    assert!(!md.contains("]("), "{url}: {md}");
                    assert!(md.contains("*The Gulf Observer*"), "{md}");
                }
            }
        }
    }

    #[test]
    fn what_a_full_reference_lacks() {
        let s = interview();
        let bundled = s.sources.values().next().expect("a source");
        assert_eq!(missing_for_reference(bundled), Vec::<&str>::new());
        let mut bare = bundled.clone();
        bare.url = None;
        bare.publisher = None;
        bare.people.clear();
        assert_eq!(missing_for_reference(&bare), ["publisher", "people", "url"]);
        bare.kind = None;
        bare.accessed = None;
        bare.url = Some("https://example.org".into());
        assert_eq!(
            missing_for_reference(&bare),
            ["kind", "publisher", "accessed"]
        );
    }

    #[test]
    fn names_keep_their_capital() {
        let s = sheet();
        assert_eq!(in_sentence(&s, "Pakistani citizens"), "Pakistani citizens");
        assert_eq!(in_sentence(&s, "Trade turnover"), "trade turnover");
        assert_eq!(in_sentence(&s, "JF-17 jets"), "JF-17 jets");
    }
}
