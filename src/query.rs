//! Selecting facts: filters, sorting, and finding a fact by id. Pure functions, no I/O.

use std::cmp::Ordering;

use crate::model::{Fact, Sheet, Value};

/// How `list` orders its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// The order of the sheet: sectors as defined, facts as listed.
    #[default]
    Sheet,
    Id,
    Sector,
    Period,
    Value,
}

/// What a fact must satisfy to be listed. Empty lists and `None` match everything.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Any of these sectors.
    pub sectors: Vec<String>,
    /// Any of these tags (case-insensitive).
    pub tags: Vec<String>,
    /// The period overlaps these years (inclusive); facts without a period never match.
    pub since: Option<i32>,
    pub until: Option<i32>,
    /// Case-insensitive text in the id, label, value, tags, aliases or note.
    pub grep: Option<String>,
    /// Any of these measures.
    pub measures: Vec<String>,
}

impl Filter {
    pub fn matches(&self, fact: &Fact) -> bool {
        if !self.sectors.is_empty() && !self.sectors.iter().any(|s| s == fact.sector()) {
            return false;
        }
        if !self.measures.is_empty()
            && !fact
                .measure
                .as_ref()
                .is_some_and(|m| self.measures.contains(m))
        {
            return false;
        }
        if !self.tags.is_empty()
            && !self
                .tags
                .iter()
                .any(|t| fact.tags.iter().any(|ft| ft.eq_ignore_ascii_case(t)))
        {
            return false;
        }
        if self.since.is_some() || self.until.is_some() {
            let from = self.since.unwrap_or(i32::MIN);
            let to = self.until.unwrap_or(i32::MAX);
            match &fact.period {
                Some(p) if p.overlaps_years(from, to) => {}
                _ => return false,
            }
        }
        if let Some(needle) = &self.grep {
            let needle = needle.to_lowercase();
            if !searchable_text(fact).any(|t| t.to_lowercase().contains(&needle)) {
                return false;
            }
        }
        true
    }
}

/// Every piece of text a fact can be found by.
pub fn searchable_text(fact: &Fact) -> impl Iterator<Item = &str> {
    let value = match &fact.value {
        Value::Text(t) => Some(t.as_str()),
        _ => None,
    };
    [fact.id.as_str(), fact.label.as_str()]
        .into_iter()
        .chain(value)
        .chain(fact.tags.iter().map(String::as_str))
        .chain(fact.aliases.iter().map(String::as_str))
        .chain(fact.note.as_deref())
}

/// The facts that pass `filter`, in the order `sort` asks for.
pub fn select<'a>(sheet: &'a Sheet, filter: &Filter, sort: SortKey) -> Vec<&'a Fact> {
    let mut facts: Vec<&Fact> = sheet.facts.iter().filter(|f| filter.matches(f)).collect();
    sort_facts(sheet, &mut facts, sort);
    facts
}

pub fn sort_facts(sheet: &Sheet, facts: &mut [&Fact], sort: SortKey) {
    match sort {
        SortKey::Sheet => facts.sort_by_key(|f| sheet.sector_rank(f.sector())),
        SortKey::Id => facts.sort_by(|a, b| a.id.cmp(&b.id)),
        SortKey::Sector => facts.sort_by(|a, b| a.sector().cmp(b.sector()).then(a.id.cmp(&b.id))),
        SortKey::Period => facts.sort_by(|a, b| match (&a.period, &b.period) {
            (Some(x), Some(y)) => x.cmp(y).then(a.id.cmp(&b.id)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => a.id.cmp(&b.id),
        }),
        // Like is compared with like: 40 aircraft and 47 % are not in one order of size.
        SortKey::Value => facts.sort_by(|a, b| {
            let (ka, kb) = (value_key(&a.value), value_key(&b.value));
            ka.0.cmp(&kb.0)
                .then_with(|| a.unit.cmp(&b.unit))
                .then(ka.1.total_cmp(&kb.1))
                .then(a.id.cmp(&b.id))
        }),
    }
}

/// Quantities before text; a quantity by its size (a range by its lower end).
fn value_key(v: &Value) -> (u8, f64) {
    match v {
        Value::Number(n) => (0, *n),
        Value::Range { min, .. } => (0, *min),
        Value::Text(_) => (1, 0.0),
    }
}

/// Why an id did not name exactly one fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// No such fact; the closest ids, best first.
    Missing { suggestions: Vec<String> },
    /// The bare slug names facts in several sectors.
    Ambiguous { candidates: Vec<String> },
}

/// Finds a fact by its full id, or by its slug alone when only one sector has it.
/// Case and surrounding space are ignored.
pub fn find<'a>(sheet: &'a Sheet, id: &str) -> Result<&'a Fact, Lookup> {
    let wanted = id.trim().to_lowercase();
    // The last definition wins: a user's sheet overrides the bundled one.
    if let Some(f) = sheet.facts.iter().rev().find(|f| f.id == wanted) {
        return Ok(f);
    }
    let by_slug: Vec<&Fact> = sheet.facts.iter().filter(|f| f.slug() == wanted).collect();
    match by_slug.as_slice() {
        [one] => Ok(one),
        [] => Err(Lookup::Missing {
            suggestions: suggest(sheet, &wanted),
        }),
        many => Err(Lookup::Ambiguous {
            candidates: many.iter().map(|f| f.id.clone()).collect(),
        }),
    }
}

/// Up to three ids the user may have meant: those that contain what was typed (`jf17`), or
/// else those within a typo or two of it (one more for every six characters). An id longer
/// than [`MAX_SHOWN`](crate::text::MAX_SHOWN) characters gets none: the edit distance costs
/// the product of the lengths.
pub fn suggest(sheet: &Sheet, wanted: &str) -> Vec<String> {
    let len = wanted.chars().count();
    if len > crate::text::MAX_SHOWN {
        return Vec::new();
    }
    if len >= 3 {
        let mut containing: Vec<String> = sheet
            .facts
            .iter()
            .filter(|f| f.id.contains(wanted))
            .map(|f| f.id.clone())
            .collect();
        containing.dedup();
        if !containing.is_empty() {
            containing.truncate(3);
            return containing;
        }
    }
    let limit = 1 + len / 6;
    let mut scored: Vec<(usize, &str)> = sheet
        .facts
        .iter()
        .filter_map(|f| {
            let d = strsim::damerau_levenshtein(wanted, &f.id)
                .min(strsim::damerau_levenshtein(wanted, f.slug()));
            (d <= limit).then_some((d, f.id.as_str()))
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(3)
        .map(|(_, id)| id.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::bundled;

    fn ids(facts: &[&Fact]) -> Vec<String> {
        facts.iter().map(|f| f.id.clone()).collect()
    }

    #[test]
    fn filters_are_subsets_that_satisfy_them() {
        let sheet = bundled().unwrap();
        let filter = Filter {
            sectors: vec!["tourism".into(), "trade".into()],
            since: Some(2025),
            ..Filter::default()
        };
        let got = select(&sheet, &filter, SortKey::Id);
        assert!(!got.is_empty());
        for f in &got {
            assert!(matches!(f.sector(), "tourism" | "trade"));
            assert!(f.period.unwrap().overlaps_years(2025, i32::MAX));
        }
        let expected = sheet.facts.iter().filter(|f| filter.matches(f)).count();
        assert_eq!(got.len(), expected);
        assert!(ids(&got).contains(&"tourism.visitors-2025-jan-jul".to_string()));
        assert!(!ids(&got).contains(&"tourism.visitors-2024".to_string()));
    }

    #[test]
    fn tags_and_grep_ignore_case() {
        let sheet = bundled().unwrap();
        let by_tag = select(
            &sheet,
            &Filter {
                tags: vec!["Exercise".into()],
                ..Filter::default()
            },
            SortKey::Id,
        );
        assert_eq!(
            ids(&by_tag),
            vec![
                "defence.indus-shield-alpha",
                "defence.three-brothers-2021",
                "defence.trilateral-exercises"
            ]
        );
        let by_grep = select(
            &sheet,
            &Filter {
                grep: Some("socar".into()),
                ..Filter::default()
            },
            SortKey::Id,
        );
        assert_eq!(
            ids(&by_grep),
            vec![
                "energy.lng-cargo-size",
                "energy.lng-cargoes-per-month",
                "energy.lng-first-cargo",
                "energy.lng-framework-agreement",
                "energy.lng-port-charges-cap",
                "energy.mtt-wop-memorandum",
                "energy.socar"
            ]
        );
    }

    #[test]
    fn sorting_by_period_and_value() {
        let sheet = bundled().unwrap();
        let by_period = select(&sheet, &Filter::default(), SortKey::Period);
        assert_eq!(by_period[0].id, "diplomacy.recognition");
        let dated: Vec<_> = by_period.iter().filter_map(|f| f.period).collect();
        assert!(dated.windows(2).all(|w| w[0] <= w[1]));
        let by_value = select(&sheet, &Filter::default(), SortKey::Value);
        assert_eq!(by_value[0].id, "tourism.arrivals-share-2019-jan-may");
    }

    #[test]
    fn find_by_id_slug_and_suggestions() {
        let sheet = bundled().unwrap();
        assert_eq!(
            find(&sheet, "tourism.visitors-2024").unwrap().id,
            "tourism.visitors-2024"
        );
        assert_eq!(
            find(&sheet, " Visitors-2024 ").unwrap().id,
            "tourism.visitors-2024"
        );
        match find(&sheet, "tourism.visitor-2024") {
            Err(Lookup::Missing { suggestions }) => {
                assert_eq!(suggestions[0], "tourism.visitors-2024")
            }
            other => panic!("{other:?}"),
        }
        match find(&sheet, "zzzzzzzzzzzzzzzzzzzzzz") {
            Err(Lookup::Missing { suggestions }) => assert!(suggestions.is_empty()),
            other => panic!("{other:?}"),
        }
        // Only close ids: three letters far from every slug suggest nothing.
        assert_eq!(suggest(&sheet, "xyz"), Vec::<String>::new());
        // Ids that hold the word typed are suggested, and only those.
        let jf17 = suggest(&sheet, "jf17");
        assert_eq!(jf17[0], "defence.jf17-block3-aircraft");
        assert!(jf17.iter().all(|id| id.contains("jf17")), "{jf17:?}");
    }

    #[test]
    fn sorting_by_value_groups_units() {
        let sheet = bundled().unwrap();
        let sorted = select(&sheet, &Filter::default(), SortKey::Value);
        let quantities: Vec<&Fact> = sorted
            .iter()
            .copied()
            .filter(|f| f.value.is_quantity())
            .collect();
        // Each unit's facts are together and in order of size.
        let mut seen: Vec<Option<&str>> = Vec::new();
        for w in quantities.windows(2) {
            if w[0].unit == w[1].unit {
                assert!(value_key(&w[0].value).1 <= value_key(&w[1].value).1);
            } else {
                seen.push(w[0].unit.as_deref());
                assert!(
                    !seen.contains(&w[1].unit.as_deref()),
                    "{:?} twice",
                    w[1].unit
                );
            }
        }
        assert!(
            sorted
                .iter()
                .skip(quantities.len())
                .all(|f| !f.value.is_quantity())
        );
    }
}
