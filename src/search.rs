//! Ranked, typo-tolerant search over ids, labels, aliases, tags, values and notes.

use crate::model::{Fact, Sheet, Value};

/// A fact found by a search, with its score (higher is better).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit<'a> {
    pub fact: &'a Fact,
    pub score: f64,
}

/// Lowercase alphanumeric words; a comma or dot between digits is kept out
/// so that `80,924` is one word.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if c == ','
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
        {
            continue;
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// One searchable field of a fact, prepared once per search.
struct Field {
    weight: f64,
    words: Vec<String>,
    compact: String,
}

impl Field {
    fn new(text: &str, weight: f64) -> Field {
        let words = words(text);
        let compact = words.concat();
        Field {
            weight,
            words,
            compact,
        }
    }

    /// How well one query word matches this field, 0 to 1.
    fn score(&self, token: &str) -> f64 {
        let mut best: f64 = 0.0;
        let len = token.chars().count();
        for w in &self.words {
            let s = if w == token {
                1.0
            } else if len >= 2 && w.starts_with(token) {
                0.8
            } else if len >= 4 {
                let limit = if len <= 6 { 1 } else { 2 };
                // The distance is at least the difference in length, and costs the product
                // of the lengths: a long word is compared only with words of about its size.
                if len.abs_diff(w.chars().count()) <= limit
                    && strsim::damerau_levenshtein(token, w) <= limit
                {
                    0.6
                } else {
                    0.0
                }
            } else {
                0.0
            };
            best = best.max(s);
        }
        if best < 0.9 && len >= 3 && self.compact.contains(token) {
            best = best.max(0.7);
        }
        best
    }
}

fn fields(fact: &Fact) -> Vec<Field> {
    let mut fields = vec![
        Field::new(&fact.id.replace('.', " "), 3.0),
        // The slug alone, so that a query naming it exactly ranks that fact first.
        Field::new(fact.slug(), 3.5),
        Field::new(&fact.label, 2.0),
    ];
    fields.extend(fact.aliases.iter().map(|a| Field::new(a, 3.0)));
    fields.extend(fact.tags.iter().map(|t| Field::new(t, 2.0)));
    match &fact.value {
        Value::Text(t) => fields.push(Field::new(t, 2.5)),
        v => fields.push(Field::new(&v.raw(), 2.5)),
    }
    if let Some(period) = &fact.period {
        fields.push(Field::new(&period.to_string(), 1.5));
    }
    if let Some(note) = &fact.note {
        fields.push(Field::new(note, 1.0));
    }
    fields
}

/// Words of a question that say nothing about which fact is meant: they need not match. The
/// two countries are among them, since every fact is about both.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "an",
    "and",
    "are",
    "at",
    "azerbaijan",
    "azerbaijani",
    "between",
    "by",
    "did",
    "do",
    "does",
    "for",
    "from",
    "has",
    "have",
    "how",
    "in",
    "is",
    "many",
    "much",
    "of",
    "on",
    "pakistan",
    "pakistani",
    "s",
    "the",
    "there",
    "to",
    "was",
    "were",
    "what",
    "when",
    "which",
    "who",
    "with",
];

/// A query read as a question: the words that must match, and the years it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub words: Vec<String>,
    pub years: Vec<i32>,
}

/// A word that is a year: four digits from 1900 to 2099.
fn year(word: &str) -> Option<i32> {
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok().filter(|y| (1900..=2099).contains(y))
}

/// Splits a query into years and the words to match, leaving out stop words, unless the
/// query is nothing but stop words (then they are what the user looks for).
pub fn parse(query: &str) -> Query {
    let mut years = Vec::new();
    let mut rest = Vec::new();
    for w in words(query) {
        match year(&w) {
            Some(y) => years.push(y),
            None => rest.push(w),
        }
    }
    let meaningful: Vec<String> = rest
        .iter()
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .cloned()
        .collect();
    let words = if meaningful.is_empty() && years.is_empty() {
        rest
    } else {
        meaningful
    };
    Query { words, years }
}

/// Facts matching every word of `query`, best first. Ties keep the sheet's order. Stop words
/// (how, many, the, ...) need not match; a year keeps only facts whose period falls in or
/// overlaps it, exactly.
pub fn search<'a>(sheet: &'a Sheet, query: &str) -> Vec<Hit<'a>> {
    let Query {
        words: tokens,
        years,
    } = parse(query);
    if tokens.is_empty() && years.is_empty() {
        return Vec::new();
    }
    let in_years = |fact: &Fact| {
        years.is_empty()
            || fact
                .period
                .is_some_and(|p| years.iter().any(|&y| p.overlaps_years(y, y)))
    };
    let phrase = tokens.concat();
    let mut hits: Vec<Hit<'a>> = sheet
        .facts
        .iter()
        .filter(|fact| in_years(fact))
        .filter_map(|fact| {
            let fields = fields(fact);
            let mut total = 0.0;
            for token in &tokens {
                let best = fields
                    .iter()
                    .map(|f| f.weight * f.score(token))
                    .fold(0.0, f64::max);
                if best == 0.0 {
                    return None;
                }
                total += best;
            }
            if tokens.is_empty() {
                return Some(Hit { fact, score: 1.0 });
            }
            // A field that is the whole query, or holds it as a phrase, ranks first.
            let exact = fields
                .iter()
                .filter(|f| f.compact == phrase)
                .map(|f| f.weight)
                .fold(0.0, f64::max);
            if exact > 0.0 {
                total += exact;
            } else if tokens.len() > 1 && fields.iter().any(|f| f.compact.contains(&phrase)) {
                total += 2.0;
            }
            Some(Hit { fact, score: total })
        })
        .collect();
    hits.sort_by(|a, b| b.score.total_cmp(&a.score));
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::bundled;

    fn top(query: &str) -> String {
        let sheet = bundled().unwrap();
        search(&sheet, query)
            .first()
            .map(|h| h.fact.id.clone())
            .unwrap_or_default()
    }

    #[test]
    fn finds_through_case_punctuation_and_typos() {
        assert_eq!(top("jf17"), "defence.jf17-block3-aircraft");
        assert_eq!(top("JF-17"), "defence.jf17-block3-aircraft");
        assert!(top("tourisim").starts_with("tourism."));
        assert_eq!(top("azertac"), "media.azertac");
        assert_eq!(top("80,924"), "tourism.visitors-2024");
        assert_eq!(
            top("middle corridor cargo"),
            "transport.corridor-cargo-2024"
        );
        assert_eq!(top("trade turnover"), "trade.turnover-2025-jan-sep");
    }

    #[test]
    fn every_word_must_match() {
        let sheet = bundled().unwrap();
        assert!(search(&sheet, "qwxz").is_empty());
        assert!(search(&sheet, "jf17 qwxzy").is_empty());
        assert!(search(&sheet, "  ,, ").is_empty());
    }

    fn ids(query: &str) -> Vec<String> {
        let sheet = bundled().unwrap();
        search(&sheet, query)
            .into_iter()
            .map(|h| h.fact.id.clone())
            .collect()
    }

    #[test]
    fn questions_need_not_match_their_small_words() {
        assert_eq!(
            parse("How many tourists in 2024?"),
            Query {
                words: vec!["tourists".into()],
                years: vec![2024]
            }
        );
        assert!(ids("how many tourists").contains(&"tourism.visitors-2025-jan-jul".to_string()));
        assert!(ids("exports to azerbaijan").contains(&"agriculture.pakistan-exports".to_string()));
        // Nothing but small words: they are what is looked for.
        assert_eq!(parse("the").words, vec!["the"]);
    }

    #[test]
    fn a_year_is_an_exact_period_filter() {
        assert!(ids("2027").is_empty());
        assert_eq!(ids("1990"), Vec::<String>::new());
        let sheet = bundled().unwrap();
        let in_1992 = ids("1992");
        assert!(in_1992.contains(&"diplomacy.relations-established".to_string()));
        for id in &in_1992 {
            let fact = sheet.facts.iter().find(|f| &f.id == id).unwrap();
            assert!(fact.period.unwrap().overlaps_years(1992, 1992), "{id}");
        }
        let trade = ids("trade in 2025");
        assert_eq!(trade[0], "trade.turnover-2025-jan-sep");
        for id in &trade {
            let fact = sheet.facts.iter().find(|f| &f.id == id).unwrap();
            assert!(fact.period.unwrap().overlaps_years(2025, 2025), "{id}");
        }
        // Numbers that are not years are matched as words: 80,924 is a value.
        assert_eq!(parse("80,924").years, Vec::<i32>::new());
    }

    #[test]
    fn results_are_ranked() {
        let sheet = bundled().unwrap();
        let hits = search(&sheet, "visitors");
        assert!(hits.len() >= 3);
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    }
}
