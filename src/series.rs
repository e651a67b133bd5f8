//! Series and alternatives: the facts that share a measure, over periods and across sources.
//!
//! Facts with one `measure` form a series over their periods; facts with one measure and one
//! period are alternatives, usually from different sources. [`Index`] groups a sheet's facts
//! by measure once, so that a command (or the checker, for each figure of a draft) asks for a
//! measure's series or a period's alternatives without going through the sheet again.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::model::{Fact, Sheet, Source, Value};
use crate::period::Period;

/// A sheet's facts grouped by measure, each group in the sheet's order.
#[derive(Debug, Default)]
pub struct Index<'a> {
    by_measure: BTreeMap<&'a str, Vec<&'a Fact>>,
}

impl<'a> Index<'a> {
    pub fn new(sheet: &'a Sheet) -> Self {
        let mut by_measure: BTreeMap<&str, Vec<&Fact>> = BTreeMap::new();
        for fact in &sheet.facts {
            if let Some(m) = &fact.measure {
                by_measure.entry(m.as_str()).or_default().push(fact);
            }
        }
        Index { by_measure }
    }

    /// The measures, in name order, each with its facts.
    pub fn measures(&self) -> impl Iterator<Item = (&'a str, &[&'a Fact])> {
        self.by_measure.iter().map(|(m, f)| (*m, f.as_slice()))
    }

    pub fn contains(&self, measure: &str) -> bool {
        self.by_measure.contains_key(measure)
    }

    /// The measure's facts in the sheet's order; empty for a measure no fact has.
    pub fn facts(&self, measure: &str) -> &[&'a Fact] {
        self.by_measure.get(measure).map_or(&[], Vec::as_slice)
    }

    /// The measure's series, its facts grouped by period in order of period.
    pub fn series(&self, measure: &str) -> Option<Series<'a>> {
        let (&name, facts) = self.by_measure.get_key_value(measure)?;
        Some(Series::of(name, facts))
    }

    /// Every fact of `measure` for exactly `period`: the figures the sources give for it.
    /// Empty when the series has no figure for that period; a figure for another period is
    /// never an alternative.
    pub fn alternatives(&self, measure: &str, period: &Period) -> Vec<&'a Fact> {
        self.facts(measure)
            .iter()
            .copied()
            .filter(|f| f.period.as_ref() == Some(period))
            .collect()
    }

    /// The facts that give the same measure for the same period as `fact`, from other
    /// facts (other sources, as a rule), without `fact` itself.
    pub fn alternatives_of(&self, fact: &Fact) -> Vec<&'a Fact> {
        let (Some(m), Some(p)) = (&fact.measure, &fact.period) else {
            return Vec::new();
        };
        let mut found = self.alternatives(m, p);
        found.retain(|f| f.id != fact.id);
        found
    }

    /// The closest measure name to `word`, for a "did you mean".
    pub fn closest(&self, word: &str) -> Option<&'a str> {
        crate::diag::closest(word, self.by_measure.keys().copied())
    }
}

/// The facts of one measure, by period.
#[derive(Debug, Clone)]
pub struct Series<'a> {
    pub measure: &'a str,
    /// In order of period; undated facts, if any, last.
    pub points: Vec<Point<'a>>,
}

/// One period of a series, with every figure given for it.
#[derive(Debug, Clone)]
pub struct Point<'a> {
    pub period: Option<Period>,
    /// In the sheet's order.
    pub facts: Vec<&'a Fact>,
}

impl<'a> Point<'a> {
    /// Whether the figures given for this period differ, as written: in value, hedge or
    /// unit. `80,924` and `over 80,000` differ, though both may be true.
    pub fn disagree(&self) -> bool {
        self.facts.windows(2).any(|w| !same_figure(w[0], w[1]))
    }

    /// The smallest and largest number given (a range counts with both ends); `None` when
    /// every figure is text.
    pub fn extent(&self) -> Option<(f64, f64)> {
        numbers(&self.facts)
    }
}

fn same_figure(a: &Fact, b: &Fact) -> bool {
    a.value == b.value && a.qualifier == b.qualifier && a.unit == b.unit
}

fn numbers(facts: &[&Fact]) -> Option<(f64, f64)> {
    facts
        .iter()
        .filter_map(|f| match f.value {
            Value::Number(n) => Some((n, n)),
            Value::Range { min, max } => Some((min, max)),
            Value::Text(_) => None,
        })
        .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))
}

impl<'a> Series<'a> {
    /// The series of `facts`, which share `measure`.
    pub fn of(measure: &'a str, facts: &[&'a Fact]) -> Self {
        let mut points: Vec<Point<'a>> = Vec::new();
        for &fact in facts {
            match points.iter_mut().find(|p| p.period == fact.period) {
                Some(p) => p.facts.push(fact),
                None => points.push(Point {
                    period: fact.period,
                    facts: vec![fact],
                }),
            }
        }
        points.sort_by(|a, b| match (&a.period, &b.period) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        Series { measure, points }
    }

    pub fn facts(&self) -> impl Iterator<Item = &'a Fact> + '_ {
        self.points.iter().flat_map(|p| p.facts.iter().copied())
    }

    /// The unit the series' figures share (none for text).
    pub fn unit(&self) -> Option<&'a str> {
        self.facts()
            .find(|f| f.value.is_quantity())
            .and_then(|f| f.unit.as_deref())
    }

    /// What the series is of: the label most of its facts give (the earliest among equals).
    pub fn label(&self) -> &'a str {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for f in self.facts() {
            match counts.iter_mut().find(|(l, _)| *l == f.label) {
                Some((_, n)) => *n += 1,
                None => counts.push((&f.label, 1)),
            }
        }
        let most = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
        counts
            .into_iter()
            .find(|(_, n)| *n == most)
            .map_or(self.measure, |(l, _)| l)
    }

    /// The smallest and largest number in the series; `None` when it is all text.
    pub fn extent(&self) -> Option<(f64, f64)> {
        numbers(&self.facts().collect::<Vec<_>>())
    }

    /// How many periods have figures that differ.
    pub fn disagreements(&self) -> usize {
        self.points.iter().filter(|p| p.disagree()).count()
    }

    /// The sources the series cites, in order of first citation, as keys.
    pub fn source_keys(&self) -> Vec<&'a str> {
        let mut keys: Vec<&str> = Vec::new();
        for f in self.facts() {
            if !keys.contains(&f.source.key.as_str()) {
                keys.push(&f.source.key);
            }
        }
        keys
    }

    /// The position of `fact`'s period among the points.
    pub fn position(&self, fact: &Fact) -> Option<usize> {
        self.points
            .iter()
            .position(|p| p.facts.iter().any(|f| f.id == fact.id))
    }

    /// The points before and after `fact`'s period, where there are some.
    pub fn neighbours(&self, fact: &Fact) -> (Option<&Point<'a>>, Option<&Point<'a>>) {
        match self.position(fact) {
            Some(i) => (
                i.checked_sub(1).and_then(|j| self.points.get(j)),
                self.points.get(i + 1),
            ),
            None => (None, None),
        }
    }
}

/// A source named in a few words, as beside a figure: its publisher without what follows in
/// brackets (`Azernews`), else its title, else its key.
pub fn short_source<'a>(sheet: &'a Sheet, key: &'a str) -> &'a str {
    match sheet.sources.get(key) {
        Some(Source {
            publisher: Some(p), ..
        }) => p.split(" (").next().unwrap_or(p).trim(),
        Some(s) if !s.title.is_empty() => &s.title,
        _ => key,
    }
}

/// A problem a sheet may have that does not stop it loading, or one only `--strict` asks
/// about. `fact` or `source` says where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lint {
    /// The sheet file the fact or source is from.
    pub origin: String,
    pub place: Place,
    pub message: String,
    /// Reported only by `validate --strict`, where it is an error.
    pub strict_only: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The field `field` of the fact with this id.
    Fact { id: String, field: &'static str },
    /// The source with this key.
    Source { key: String },
}

impl Lint {
    /// Where in `text` (the sheet file it is from) the problem stands: the fact's field, or
    /// the fact, or the source's table. `None` when the text does not parse or lacks it.
    pub fn span(&self, text: &str) -> Option<Range<usize>> {
        let root = DeTable::parse(text).ok()?.into_inner();
        match &self.place {
            Place::Fact { id, field } => {
                let DeValue::Array(facts) = root.get("facts")?.get_ref() else {
                    return None;
                };
                facts.iter().find_map(|item| {
                    let DeValue::Table(t) = item.get_ref() else {
                        return None;
                    };
                    match t.get("id")?.get_ref() {
                        DeValue::String(s) if s == id => {
                            Some(t.get(*field).map_or_else(|| item.span(), |v| v.span()))
                        }
                        _ => None,
                    }
                })
            }
            Place::Source { key } => match root.get("sources")?.get_ref() {
                DeValue::Table(t) => t.get(key.as_str()).map(|v| v.span()),
                _ => None,
            },
        }
    }
}

/// What `validate` warns about in a loaded sheet, and what `--strict` adds: a measure only
/// one fact has (probably a typo), a fact with a measure but no period (it cannot stand in a
/// series), and a source without a URL, a publisher or a date (strict only: a reader cannot
/// find it).
pub fn lints(sheet: &Sheet) -> Vec<Lint> {
    let index = Index::new(sheet);
    let mut found = Vec::new();
    for (measure, facts) in index.measures() {
        if let [only] = facts {
            let names: Vec<&str> = index.measures().map(|(m, _)| m).collect();
            let hint =
                crate::diag::did_you_mean(measure, names.iter().copied().filter(|m| *m != measure));
            found.push(Lint {
                origin: only.origin.to_string(),
                place: Place::Fact {
                    id: only.id.clone(),
                    field: "measure",
                },
                message: format!(
                    "measure '{measure}' is used by this fact only{hint}: a measure joins the \
                     facts of one series"
                ),
                strict_only: false,
            });
        }
        for fact in facts.iter().filter(|f| f.period.is_none()) {
            found.push(Lint {
                origin: fact.origin.to_string(),
                place: Place::Fact {
                    id: fact.id.clone(),
                    field: "measure",
                },
                message: format!(
                    "fact '{}' has measure '{measure}' but no period: a series orders its facts \
                     by period",
                    fact.id
                ),
                strict_only: false,
            });
        }
    }
    for source in sheet.sources.values() {
        let missing: Vec<&str> = [
            ("a URL", source.url.is_none()),
            ("a publisher", source.publisher.is_none()),
            ("a date", source.date.is_none()),
        ]
        .into_iter()
        .filter_map(|(what, lacking)| lacking.then_some(what))
        .collect();
        if !missing.is_empty() {
            found.push(Lint {
                origin: source.origin.clone(),
                place: Place::Source {
                    key: source.key.clone(),
                },
                message: format!(
                    "source '{}' lacks {}: a reader needs its URL, publisher and date to find it",
                    source.key,
                    and_list(&missing)
                ),
                strict_only: true,
            });
        }
    }
    found
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Qualifier;

    fn fact(id: &str, value: f64, q: Qualifier, period: Option<&str>, key: &str) -> Fact {
        Fact {
            id: id.into(),
            period: period.map(|p| Period::parse(p).unwrap()),
            measure: Some("tourism.visitors".into()),
            source: crate::model::SourceRef {
                key: key.into(),
                section: None,
            },
            ..Fact::sample(Value::Number(value), Some("people"), q)
        }
    }

    fn sheet() -> Sheet {
        let mut facts = vec![
            fact("t.a", 80924.0, Qualifier::Exact, Some("2024"), "interview"),
            fact("t.b", 46000.0, Qualifier::Exact, Some("2019"), "news"),
            fact("t.c", 80000.0, Qualifier::Over, Some("2024"), "board"),
            fact("t.d", 46000.0, Qualifier::Exact, Some("2019"), "board"),
            fact(
                "t.e",
                30000.0,
                Qualifier::About,
                Some("2025-01/2025-06"),
                "news",
            ),
        ];
        facts.push(Fact {
            measure: None,
            ..fact("t.f", 1.0, Qualifier::Exact, Some("2024"), "news")
        });
        Sheet {
            facts,
            ..Sheet::default()
        }
    }

    #[test]
    fn a_series_groups_by_period_in_order_and_marks_disagreement() {
        let sheet = sheet();
        let index = Index::new(&sheet);
        let series = index.series("tourism.visitors").unwrap();
        let periods: Vec<String> = series
            .points
            .iter()
            .map(|p| p.period.unwrap().to_string())
            .collect();
        assert_eq!(periods, ["2019", "2024", "2025-01/2025-06"]);
        let ids = |p: &Point| p.facts.iter().map(|f| f.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&series.points[0]), ["t.b", "t.d"]);
        assert_eq!(ids(&series.points[1]), ["t.a", "t.c"]);
        // The same figure from two sources agrees; 80,924 and over 80,000 differ.
        assert!(!series.points[0].disagree());
        assert!(series.points[1].disagree());
        assert_eq!(series.disagreements(), 1);
        assert_eq!(series.extent(), Some((30000.0, 80924.0)));
        assert_eq!(series.source_keys(), ["news", "board", "interview"]);
        assert_eq!(series.unit(), Some("people"));
        assert!(index.series("tourism.other").is_none());
    }

    #[test]
    fn alternatives_are_for_one_period_only() {
        let sheet = sheet();
        let index = Index::new(&sheet);
        let y2024 = Period::parse("2024").unwrap();
        let ids: Vec<&str> = index
            .alternatives("tourism.visitors", &y2024)
            .iter()
            .map(|f| f.id.as_str())
            .collect();
        assert_eq!(ids, ["t.a", "t.c"]);
        let y2023 = Period::parse("2023").unwrap();
        assert!(index.alternatives("tourism.visitors", &y2023).is_empty());
        let others: Vec<&str> = index
            .alternatives_of(&sheet.facts[2])
            .iter()
            .map(|f| f.id.as_str())
            .collect();
        assert_eq!(others, ["t.a"]);
        assert!(index.alternatives_of(&sheet.facts[5]).is_empty());
        let series = index.series("tourism.visitors").unwrap();
        let (before, after) = series.neighbours(&sheet.facts[0]);
        assert_eq!(before.unwrap().period.unwrap().to_string(), "2019");
        assert_eq!(
            after.unwrap().period.unwrap().to_string(),
            "2025-01/2025-06"
        );
        let (before, _) = series.neighbours(&sheet.facts[1]);
        assert!(before.is_none());
    }

    #[test]
    fn lints_name_a_lone_measure_an_undated_one_and_an_unfindable_source() {
        let mut sheet = sheet();
        sheet.facts[4].measure = Some("tourism.visitor".into());
        sheet.facts[3].period = None;
        sheet.sources.insert(
            "news".into(),
            Source {
                key: "news".into(),
                title: "T".into(),
                publisher: Some("P".into()),
                ..Source::default()
            },
        );
        let lints = lints(&sheet);
        let messages: Vec<&str> = lints.iter().map(|l| l.message.as_str()).collect();
        assert_eq!(lints.len(), 3, "{messages:#?}");
        assert!(messages[0].contains(
            "'tourism.visitor' is used by this fact only (did you mean 'tourism.visitors'?)"
        ));
        assert!(messages[1].contains("fact 't.d' has measure 'tourism.visitors' but no period"));
        assert!(messages[2].starts_with("source 'news' lacks a URL and a date:"));
        assert!(lints[2].strict_only && !lints[0].strict_only);
    }
}
