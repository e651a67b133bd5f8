//! The bundled sheet as the build compiled it: build.rs parses and validates `facts.toml`
//! with this crate's parser and writes the result as static data, which is turned into a
//! [`Sheet`] here without parsing any TOML at start-up.

use crate::model::{Fact, Loaded, Qualifier, Sector, Sheet, Source, SourceRef, Value};
use crate::period::{Date, Period};

/// A fact as static data.
struct F {
    id: &'static str,
    label: &'static str,
    value: V,
    unit: Option<&'static str>,
    qualifier: Qualifier,
    period: Option<Period>,
    tags: &'static [&'static str],
    aliases: &'static [&'static str],
    key: &'static str,
    section: Option<&'static str>,
    note: Option<&'static str>,
    measure: Option<&'static str>,
    origin: &'static str,
}

enum V {
    Number(f64),
    Range(f64, f64),
    Text(&'static str),
}

/// A source as static data.
struct S {
    key: &'static str,
    title: &'static str,
    publisher: Option<&'static str>,
    date: Option<&'static str>,
    kind: Option<&'static str>,
    people: &'static [&'static str],
    url: Option<&'static str>,
    note: Option<&'static str>,
    origin: &'static str,
}

/// What the sheet file contributed, as static data.
struct L {
    name: &'static str,
    title: &'static str,
    facts: usize,
    replaced: usize,
    sources: usize,
    sectors: usize,
}

// TITLE, DESCRIPTION, SOURCES, SECTORS, FACTS and LOADED.
include!(concat!(env!("OUT_DIR"), "/bundled_sheet.rs"));

fn owned(s: Option<&str>) -> Option<String> {
    s.map(str::to_string)
}

fn all(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// The bundled sheet, validated when pakaz was built. Equal to what
/// [`crate::sheet::bundled`] parses from [`crate::sheet::BUNDLED_TEXT`].
pub fn sheet() -> Sheet {
    let sources = SOURCES
        .iter()
        .map(|s| {
            let source = Source {
                key: s.key.to_string(),
                title: s.title.to_string(),
                publisher: owned(s.publisher),
                date: owned(s.date),
                kind: owned(s.kind),
                people: all(s.people),
                url: owned(s.url),
                note: owned(s.note),
                origin: s.origin.to_string(),
            };
            (s.key.to_string(), source)
        })
        .collect();
    let sectors = SECTORS
        .iter()
        .map(|(name, description)| Sector {
            name: name.to_string(),
            description: description.to_string(),
        })
        .collect();
    let facts = FACTS
        .iter()
        .map(|f| Fact {
            id: f.id.to_string(),
            label: f.label.to_string(),
            value: match f.value {
                V::Number(n) => Value::Number(n),
                V::Range(min, max) => Value::Range { min, max },
                V::Text(t) => Value::Text(t.to_string()),
            },
            unit: owned(f.unit),
            qualifier: f.qualifier,
            period: f.period,
            tags: all(f.tags),
            aliases: all(f.aliases),
            source: SourceRef {
                key: f.key.to_string(),
                section: owned(f.section),
            },
            note: owned(f.note),
            measure: owned(f.measure),
            origin: f.origin.into(),
        })
        .collect();
    let loaded = LOADED
        .iter()
        .map(|l| Loaded {
            name: l.name.to_string(),
            title: l.title.to_string(),
            facts: l.facts,
            replaced: l.replaced,
            sources: l.sources,
            sectors: l.sectors,
        })
        .collect();
    Sheet {
        title: TITLE.to_string(),
        description: DESCRIPTION.to_string(),
        sources,
        sectors,
        facts,
        loaded,
    }
}

#[cfg(test)]
mod tests {
    use crate::sheet::{self, BUNDLED_NAME, BUNDLED_TEXT};

    #[test]
    fn precompiled_sheet_equals_the_parsed_text() {
        let parsed = sheet::parse(BUNDLED_TEXT, BUNDLED_NAME, &Default::default())
            .expect("bundled sheet is valid");
        assert!(!parsed.facts.is_empty());
        assert_eq!(super::sheet(), parsed);
    }
}
