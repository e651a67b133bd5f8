//! Which fact a figure is about, and whether it agrees with it.
//!
//! Attribution scores each fact by the words around the figure that the fact's label, aliases,
//! tags and sector use (rarer words count more, nearer words count more), keeps only facts whose
//! unit and period fit, and reports a mismatch only when one fact clearly wins. Agreement allows
//! the rounding the writer used and checks that the hedges fit together.

use std::collections::{HashMap, HashSet};

use super::scan::{Amount, Unit};
use super::words::{self, Hedge};
use crate::figure::{figure, figure_in_words};
use crate::model::{Fact, Qualifier, Sheet, Value};
use crate::period::Period;

/// How a fact's number is measured, for comparing with what a figure's words say.
#[derive(Debug, Clone, PartialEq)]
pub enum Measure {
    Percent,
    Money {
        usd: bool,
    },
    Mass,
    Days,
    Multiple,
    /// Counted things (`people`, `aircraft`).
    Count,
    /// A text fact with a date: the date is what a writer can get wrong.
    Event,
    /// A text fact without a date: nothing to check.
    Text,
}

fn measure(fact: &Fact) -> Measure {
    match &fact.value {
        Value::Text(_) if fact.period.is_some() => Measure::Event,
        Value::Text(_) => Measure::Text,
        _ => match fact.unit.as_deref().unwrap_or("") {
            "%" => Measure::Percent,
            "USD" | "US$" | "$" => Measure::Money { usd: true },
            "EUR" | "AZN" | "PKR" | "GBP" => Measure::Money { usd: false },
            "t" | "tons" | "tonnes" => Measure::Mass,
            "days" | "day" => Measure::Days,
            "×" | "x" => Measure::Multiple,
            _ => Measure::Count,
        },
    }
}

/// A fact prepared for matching.
#[derive(Debug)]
pub struct Profile<'a> {
    pub fact: &'a Fact,
    pub measure: Measure,
    /// The fact's figure as a person writes it ([`figure`]), written once for every finding
    /// about the fact.
    pub figure: String,
    /// The same in words ([`figure_in_words`]), as messages give it.
    pub in_words: String,
    /// The fact's period as a person writes it, empty for none.
    pub period_human: String,
    /// The same in brackets after a space (` (2024)`), as messages append it.
    pub period: String,
    /// The kinds of goal the fact is ([`super::subject::goals_of`]), none for a record.
    pub goals: Vec<super::subject::Goal>,
    /// What a writer should write for the fact ([`super::replacement`]).
    pub replacement: String,
    /// Stem -> weight of where it comes from (aliases weigh most).
    keywords: HashMap<String, f64>,
    /// Aliases of several words, matched as a run, each with the sum of its stems' inverse
    /// document frequencies.
    phrases: Vec<(Vec<String>, f64)>,
    /// The same phrases as stem numbers, compared with the context's numbers.
    phrase_ids: Vec<Vec<usize>>,
    /// Every stem the fact's text uses, for naming what a figure counts.
    vocab: HashSet<String>,
    /// The same stems by their number in [`Index::vocab_ids`], in order.
    vocab_ids: Vec<usize>,
    /// The numbers of the stems the fact scores by ([`Index::id`]), in order.
    keyword_ids: Vec<usize>,
    /// The stems of the fact's unit, each with its number in the index if it has one.
    unit_stems: Vec<(String, Option<usize>)>,
    /// The stem of what the fact counts: its unit up to any `/` (`flight` for flights a
    /// week).
    pub counts: Option<String>,
}

/// The sheet, prepared for matching figures.
#[derive(Debug)]
pub struct Index<'a> {
    pub sheet: &'a Sheet,
    pub profiles: Vec<Profile<'a>>,
    /// Stem -> its number in `postings`, `generic` and `phrase_starts`: every stem a
    /// profile scores by or a phrase uses.
    ids: HashMap<String, usize>,
    /// For each stem, the profiles that use it, each with the stem's weight there (its
    /// inverse document frequency times the weight of where the profile takes it from).
    postings: Vec<Vec<(usize, f64)>>,
    /// For each stem, whether facts of many sectors use it.
    generic: Vec<bool>,
    /// For each stem, the most one occurrence of weight 1 can add to the score of a fact that
    /// is an event ([`Measure::Event`]): its weight as a keyword of one, and half the weight
    /// of a phrase of one that it starts. 0 for a stem that reaches no event.
    event_reach: Vec<f64>,
    /// For each stem, the phrases that start with it: the number of each one's second stem
    /// and the phrase's number in `runs`, in that order, so that the phrases a word can start
    /// are found by the word after it.
    phrase_starts: Vec<Vec<(usize, usize)>>,
    /// The distinct phrases as runs of stem numbers (facts of a series share their aliases),
    /// each with the profiles that have it and its place among each one's phrases, in order.
    runs: Vec<Run>,
    /// Every stem any fact's words use, with the sectors whose facts use it.
    sectors_of: HashMap<String, Vec<usize>>,
    /// For each profile, the number of its fact's sector (in order of first use).
    sector_of: Vec<usize>,
    /// Every stem any fact's words use, numbered, for [`Index::names_any`].
    vocab_ids: HashMap<String, usize>,
    /// For each profile, the number of its measure (facts of one measure are one series), if
    /// it has one; and for each measure, its profiles in order.
    group_of: Vec<Option<usize>>,
    /// For each profile, what an agreeing finding says of its sources, made the first time a
    /// finding needs it (see `as_sources_give`): the same for every figure of the fact.
    pub(super) sources_said: Vec<std::sync::OnceLock<String>>,
    groups: Vec<Vec<usize>>,
    /// The profiles of facts with a period, in order of their periods' sort keys, for
    /// [`Index::with_period`].
    by_period: Vec<usize>,
}

/// A phrase as a run of stem numbers, with the profiles that have it, each with the phrase's
/// place among its phrases.
type Run = (Vec<usize>, Vec<(usize, usize)>);

/// A word around a figure: its stem, how much it can say about the figure, and whether it is
/// in the figure's own sentence.
#[derive(Debug, Clone, Copy)]
pub struct Word<'t> {
    pub stem: &'t str,
    /// The stem's number in the index ([`Index::id`]), if the sheet uses it.
    pub id: Option<usize>,
    pub weight: f64,
    pub own: bool,
}

/// Room for [`Index::score`] to work in, kept from one call to the next so that scoring a
/// figure allocates only its result.
#[derive(Debug, Default)]
pub struct Scratch {
    /// One bit per stem number: the stems met in the context so far (cleared after use).
    present: Vec<u64>,
    /// For each stem number met: the number, its greatest weight in the context, whether it
    /// is own, and its greatest weight among the topic words (see [`Index::score_and_topic`]),
    /// if it is one.
    best: Vec<Stem>,
    /// The stem numbers met, each once, in the order met.
    met: Vec<usize>,
    /// One slot per profile, allocated once; only the slots in `touched` hold anything.
    totals: Vec<Score>,
    /// The same for the topic words alone: score and hits.
    topic: Vec<(f64, usize)>,
    /// The profiles the context's words reach, each once: the only slots read or reset, so
    /// that a figure costs what its words reach, not the size of the sheet.
    touched: Vec<usize>,
    /// The context's words that start a phrase: stem number and place, in order of place.
    starts: Vec<(usize, usize)>,
    /// The phrases found in the context: number in [`Index::runs`] and place of the first word.
    phrases: Vec<(usize, usize)>,
    /// What the phrases found give each profile that has them: profile, place among its
    /// phrases, greatest weight, whether own, and greatest weight among the topic words.
    found: Vec<(usize, usize, f64, bool, Option<f64>)>,
}

/// A stem of a context: its number, its greatest weight, whether any occurrence is own, and
/// its greatest weight among the topic words (none when it is not one of them).
type Stem = (usize, f64, bool, Option<f64>);

/// How well a fact fits the words around a figure.
#[derive(Debug, Clone, Copy)]
pub struct Score {
    pub profile: usize,
    pub score: f64,
    /// Distinct keywords (and whole aliases) matched.
    pub hits: usize,
    /// Of those, the ones particular to few sectors.
    pub specific: usize,
    /// Specific keywords in the figure's own sentence (not only in the one before).
    pub specific_near: usize,
}

/// The stems of a text's words, in order.
pub(crate) fn stems(text: &str) -> Vec<String> {
    stems_by(text, |w| words::stem(&w.to_lowercase()))
}

/// [`stems`], stemming each word with `stem`.
fn stems_by(text: &str, mut stem: impl FnMut(&str) -> String) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut flush = |word: &mut String, out: &mut Vec<String>| {
        let w = word.trim_matches(|c: char| c == '-' || c == '\'' || c == '’');
        if !w.is_empty() {
            out.push(stem(w));
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || matches!(c, '-' | '\'' | '’') {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// [`stems`] and [`words::is_stop`] for a whole sheet, each distinct word worked out once:
/// the facts of a sheet share most of their words.
#[derive(Default)]
struct Stemmer {
    stems: HashMap<String, String>,
    stop: HashMap<String, bool>,
}

impl Stemmer {
    fn stems(&mut self, text: &str) -> Vec<String> {
        let known = &mut self.stems;
        stems_by(text, |w| match known.get(w) {
            Some(s) => s.clone(),
            None => {
                let s = words::stem(&w.to_lowercase());
                known.insert(w.to_string(), s.clone());
                s
            }
        })
    }

    fn is_stop(&mut self, stem: &str) -> bool {
        match self.stop.get(stem) {
            Some(&stop) => stop,
            None => {
                let stop = words::is_stop(stem);
                self.stop.insert(stem.to_string(), stop);
                stop
            }
        }
    }
}

impl<'a> Index<'a> {
    pub fn new(sheet: &'a Sheet) -> Index<'a> {
        let mut stemmer = Stemmer::default();
        let mut profiles: Vec<Profile> = sheet
            .facts
            .iter()
            .map(|fact| {
                let measure = measure(fact);
                let mut keywords: HashMap<String, f64> = HashMap::default();
                let mut vocab = HashSet::default();
                let mut phrases = Vec::new();
                let mut add = |text: &str,
                               weight: f64,
                               keywords: &mut HashMap<String, f64>,
                               stemmer: &mut Stemmer| {
                    for s in stemmer.stems(text) {
                        vocab.insert(s.clone());
                        if !stemmer.is_stop(&s) {
                            let w = keywords.entry(s).or_insert(0.0);
                            *w = w.max(weight);
                        }
                    }
                };
                let stemmer = &mut stemmer;
                for alias in &fact.aliases {
                    add(alias, 1.5, &mut keywords, stemmer);
                    let run = stemmer.stems(alias);
                    if run.iter().filter(|s| !stemmer.is_stop(s)).count() >= 2 {
                        phrases.push((run, 0.0));
                    }
                }
                add(&fact.label, 1.0, &mut keywords, stemmer);
                for tag in &fact.tags {
                    add(tag, 1.0, &mut keywords, stemmer);
                }
                if let Value::Text(t) = &fact.value {
                    add(t, 1.0, &mut keywords, stemmer);
                }
                if let Some(u) = &fact.unit {
                    add(u, 0.5, &mut keywords, stemmer);
                }
                Profile {
                    fact,
                    measure,
                    figure: figure(fact),
                    in_words: figure_in_words(fact),
                    period_human: fact.period.map(|p| p.human()).unwrap_or_default(),
                    period: fact
                        .period
                        .map(|p| format!(" ({})", p.human()))
                        .unwrap_or_default(),
                    replacement: super::replacement(fact),
                    goals: super::subject::goals_of(fact),
                    keywords,
                    phrases,
                    phrase_ids: Vec::new(),
                    vocab,
                    vocab_ids: Vec::new(),
                    keyword_ids: Vec::new(),
                    unit_stems: Vec::new(),
                    counts: fact
                        .unit
                        .as_deref()
                        .and_then(|u| u.split('/').next())
                        .map(super::words::stem),
                }
            })
            .collect();
        // Rarer words say more: weight by inverse document frequency over the facts, and drop
        // words that most facts share (the two countries' names).
        let n = profiles.len().max(1) as f64;
        let mut df: HashMap<String, usize> = HashMap::default();
        for p in &profiles {
            for k in p.keywords.keys() {
                *df.entry(k.clone()).or_default() += 1;
            }
        }
        let idf: HashMap<String, f64> = df
            .iter()
            .map(|(k, &d)| {
                let d = d as f64;
                let w = if d / n > 0.3 { 0.0 } else { (1.0 + n / d).ln() };
                (k.clone(), w)
            })
            .collect();
        // Words that facts of many sectors use (`growth`, `Pakistani`) say what kind of figure
        // it is, not which one; they count, but do not by themselves make a figure a fact's.
        let mut sectors: HashMap<String, HashSet<&str>> = HashMap::default();
        for p in &profiles {
            for k in p.keywords.keys() {
                sectors
                    .entry(k.clone())
                    .or_default()
                    .insert(p.fact.sector());
            }
        }
        let generic: HashSet<String> = sectors
            .into_iter()
            .filter(|(_, s)| s.len() >= 3)
            .map(|(k, _)| k)
            .collect();
        let mut ids: HashMap<String, usize> = HashMap::default();
        let mut postings: Vec<Vec<(usize, f64)>> = Vec::new();
        let mut phrase_starts: Vec<Vec<(usize, usize)>> = Vec::new();
        let mut number = |k: &str, postings: &mut Vec<Vec<(usize, f64)>>| -> usize {
            if let Some(&id) = ids.get(k) {
                return id;
            }
            postings.push(Vec::new());
            phrase_starts.push(Vec::new());
            ids.insert(k.to_string(), postings.len() - 1);
            postings.len() - 1
        };
        for (i, p) in profiles.iter_mut().enumerate() {
            p.keywords
                .retain(|k, _| idf.get(k).is_some_and(|w| *w > 0.0));
            for (k, source) in &p.keywords {
                let id = number(k, &mut postings);
                let idf = idf.get(k).copied().unwrap_or(0.0);
                postings[id].push((i, idf * source));
            }
            for (phrase, sum) in p.phrases.iter_mut() {
                *sum = phrase
                    .iter()
                    .map(|s| idf.get(s).copied().unwrap_or(0.0))
                    .sum::<f64>();
                if let Some(first) = phrase.first() {
                    number(first, &mut postings);
                }
            }
        }
        // Every stem of a phrase is numbered too (after the others), so that a phrase is
        // matched by numbers.
        for p in &mut profiles {
            p.phrase_ids = p
                .phrases
                .iter()
                .map(|(phrase, _)| phrase.iter().map(|s| number(s, &mut postings)).collect())
                .collect();
        }
        let mut runs: Vec<Run> = Vec::new();
        let mut run_of: HashMap<&[usize], usize> = HashMap::default();
        for (i, p) in profiles.iter().enumerate() {
            for (n, phrase) in p.phrase_ids.iter().enumerate() {
                let run = *run_of.entry(phrase).or_insert_with(|| {
                    runs.push((phrase.clone(), Vec::new()));
                    runs.len() - 1
                });
                runs[run].1.push((i, n));
            }
        }
        for (run, (phrase, _)) in runs.iter().enumerate() {
            // A phrase has two stems or more (two of them no stop words).
            if let Some(&first) = phrase.first() {
                let second = phrase.get(1).copied().unwrap_or(usize::MAX);
                phrase_starts[first].push((second, run));
            }
        }
        for list in &mut phrase_starts {
            list.sort_unstable();
        }
        let mut sector_names: Vec<&str> = Vec::new();
        let sector_of: Vec<usize> = profiles
            .iter()
            .map(|p| {
                let name = p.fact.sector();
                sector_names
                    .iter()
                    .position(|&s| s == name)
                    .unwrap_or_else(|| {
                        sector_names.push(name);
                        sector_names.len() - 1
                    })
            })
            .collect();
        let mut sectors_of: HashMap<String, Vec<usize>> = HashMap::default();
        for (p, &sector) in profiles.iter().zip(&sector_of) {
            for stem in &p.vocab {
                let list = sectors_of.entry(stem.clone()).or_default();
                if !list.contains(&sector) {
                    list.push(sector);
                }
            }
        }
        let mut generic_ids = vec![false; postings.len()];
        for (k, &id) in &ids {
            generic_ids[id] = generic.contains(k);
        }
        let is_event = |p: usize| profiles[p].measure == Measure::Event;
        let event_reach = postings
            .iter()
            .zip(&phrase_starts)
            .map(|(posts, starts)| {
                let keyword = posts
                    .iter()
                    .filter(|&&(p, _)| is_event(p))
                    .map(|&(_, source)| source)
                    .fold(0.0, f64::max);
                let phrase = starts
                    .iter()
                    .flat_map(|&(_, run)| &runs[run].1)
                    .filter(|&&(p, _)| is_event(p))
                    .map(|&(p, n)| profiles[p].phrases[n].1 * 0.5)
                    .fold(0.0, f64::max);
                keyword + phrase
            })
            .collect();
        // What a figure's words are compared with, by number, worked out once for the sheet.
        let mut vocab_ids: HashMap<String, usize> = HashMap::default();
        let mut group_ids: HashMap<&str, usize> = HashMap::default();
        let mut group_of = Vec::with_capacity(profiles.len());
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (i, p) in profiles.iter_mut().enumerate() {
            let mut numbers: Vec<usize> = p
                .vocab
                .iter()
                .map(|stem| {
                    let next = vocab_ids.len();
                    *vocab_ids.entry(stem.clone()).or_insert(next)
                })
                .collect();
            numbers.sort_unstable();
            p.vocab_ids = numbers;
            let mut keys: Vec<usize> = p
                .keywords
                .keys()
                .filter_map(|k| ids.get(k).copied())
                .collect();
            keys.sort_unstable();
            p.keyword_ids = keys;
            p.unit_stems = p
                .fact
                .unit
                .as_deref()
                .map(stems)
                .unwrap_or_default()
                .into_iter()
                .map(|u| {
                    let id = ids.get(&u).copied();
                    (u, id)
                })
                .collect();
            let group = p.fact.measure.as_deref().map(|m| {
                *group_ids.entry(m).or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                })
            });
            if let Some(g) = group {
                groups[g].push(i);
            }
            group_of.push(group);
        }
        let profile_count = profiles.len();
        let mut by_period: Vec<usize> = (0..profiles.len())
            .filter(|&p| profiles[p].fact.period.is_some())
            .collect();
        by_period.sort_by_key(|&p| profiles[p].fact.period.map(|d| d.sort_key()));
        Index {
            sheet,
            by_period,
            profiles,
            ids,
            postings,
            generic: generic_ids,
            event_reach,
            phrase_starts,
            runs,
            sectors_of,
            sector_of,
            vocab_ids,
            sources_said: (0..profile_count)
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            group_of,
            groups,
        }
    }

    /// The number of a stem in the index, if the sheet uses it: looked up once per word of a
    /// draft, then scoring goes through it.
    pub fn id(&self, stem: &str) -> Option<usize> {
        self.ids.get(stem).copied()
    }

    /// Whether two stems open a phrase of the sheet's words (`three brother` of the `Three
    /// Brothers` exercise): a number word there is part of a name.
    pub fn opens_phrase(&self, first: &str, second: &str) -> bool {
        let (Some(a), Some(b)) = (self.id(first), self.id(second)) else {
            return false;
        };
        self.phrase_starts[a].iter().any(|s| s.0 == b)
    }

    /// Scores every fact against context words, each with a weight for its nearness: the facts
    /// the words reach, best first.
    pub fn score(&self, context: &[Word], scratch: &mut Scratch) -> Vec<Score> {
        let mut out = self.score_unordered(context, scratch);
        out.sort_unstable_by(rank);
        out
    }

    /// [`Index::score`] in no particular order: for a caller that keeps only a few of the
    /// scores and orders those with [`rank`].
    pub fn score_unordered(&self, context: &[Word], scratch: &mut Scratch) -> Vec<Score> {
        let mut out = Vec::new();
        self.score_into(context, scratch, &mut out);
        out
    }

    /// [`Index::score_unordered`] into `out`, replacing what it held.
    pub fn score_into(&self, context: &[Word], scratch: &mut Scratch, out: &mut Vec<Score>) {
        self.tally(context, context.len(), scratch);
        out.clear();
        Self::finish(scratch, |score, _| out.push(*score));
    }

    /// [`Index::score`] in no particular order, into `out` (replacing what it held), and with
    /// it what [`Index::top_score`] gives for the words `context[topic..]` alone, in one pass
    /// over the words: the same sums, added in the same order, as scoring the two lists one
    /// after the other. Each measure's slot in `measure_best` ([`Index::group`]) is raised to
    /// the best score of its facts, as the scores are listed.
    pub fn score_and_topic(
        &self,
        context: &[Word],
        topic: usize,
        scratch: &mut Scratch,
        out: &mut Vec<Score>,
        measure_best: &mut [f64],
    ) -> f64 {
        self.tally(context, topic, scratch);
        out.clear();
        let mut top = None;
        Self::finish(scratch, |score, (sum, hits)| {
            out.push(*score);
            // Scores are sums of nonnegative terms from +0, never NaN nor -0: `>` takes the
            // greater as `f64::max` would.
            if let Some(best) = self.group_of[score.profile].map(|g| &mut measure_best[g]) {
                if score.score > *best {
                    *best = score.score;
                }
            }
            if hits > 0 {
                top = Some(greatest(top, sum));
            }
        });
        top.unwrap_or(0.0)
    }

    /// Hands each profile the last tally reached (each has a hit, since a profile is touched
    /// by its first), with its topic sum and hits, to `visit`, in no particular order, and
    /// clears its slots for the next tally.
    fn finish(scratch: &mut Scratch, mut visit: impl FnMut(&Score, (f64, usize))) {
        for &p in &scratch.touched {
            visit(&scratch.totals[p], scratch.topic[p]);
            scratch.totals[p] = Score {
                profile: p,
                score: 0.0,
                hits: 0,
                specific: 0,
                specific_near: 0,
            };
            scratch.topic[p] = (0.0, 0);
        }
        scratch.touched.clear();
    }

    /// The most [`Index::score`] can give a fact that is an event for these words (a little
    /// more, never less): 0 when none of them reaches one. A score is a sum over distinct
    /// stems, each at its greatest weight, and phrases at the weight of a place of their
    /// first word, so the sum of every word's weight times its reach bounds it.
    pub fn event_bound(&self, context: &[Word]) -> f64 {
        context
            .iter()
            .filter_map(|w| w.id.map(|id| w.weight * self.event_reach[id]))
            .sum()
    }

    /// The best score [`Index::score`] would give first (0 when the words reach no fact),
    /// without listing the others.
    pub fn top_score(&self, context: &[Word], scratch: &mut Scratch) -> f64 {
        self.tally(context, context.len(), scratch);
        let mut top = None;
        Self::finish(scratch, |score, _| {
            if score.hits > 0 {
                top = Some(greatest(top, score.score));
            }
        });
        top.unwrap_or(0.0)
    }

    /// Sums what the context's words say about each fact into `scratch.totals`, one slot per
    /// profile; a slot no word reaches has no hits. The words from `topic` on are summed again
    /// on their own into `scratch.topic`.
    fn tally(&self, context: &[Word], topic: usize, scratch: &mut Scratch) {
        let Scratch {
            present,
            best,
            met,
            totals,
            topic: topics,
            touched,
            starts,
            phrases,
            found,
        } = scratch;
        // The stems of the context by number, each once: the nearest occurrence counts (the
        // greatest weight), and it is in the own sentence if any occurrence is. Merged through
        // one slot per stem number, then listed in order of number.
        if best.len() != self.postings.len() {
            best.clear();
            best.resize(self.postings.len(), (0, 0.0, false, None));
            present.clear();
            present.resize(self.postings.len().div_ceil(64), 0);
        }
        met.clear();
        starts.clear();
        for (place, w) in context.iter().enumerate() {
            let Some(id) = w.id else { continue };
            let in_topic = place >= topic;
            let (word, bit) = (id / 64, 1u64 << (id % 64));
            if present[word] & bit == 0 {
                present[word] |= bit;
                best[id] = (id, w.weight, w.own, in_topic.then_some(w.weight));
                met.push(id);
            } else {
                let b = &mut best[id];
                b.1 = b.1.max(w.weight);
                b.2 |= w.own;
                if in_topic {
                    b.3 = Some(b.3.map_or(w.weight, |t| t.max(w.weight)));
                }
            }
            // The context's words that start a phrase.
            if !self.phrase_starts[id].is_empty() {
                starts.push((id, place));
            }
        }
        // Every profile a stem reaches through its postings, summed in one slot per profile
        // (in stem order, as a profile's sum always was). A slot no stem reaches has no hits.
        let empty = |profile| Score {
            profile,
            score: 0.0,
            hits: 0,
            specific: 0,
            specific_near: 0,
        };
        // Every slot is empty: a call that tallies clears the slots it reached when done.
        if totals.len() != self.profiles.len() {
            totals.clear();
            totals.extend((0..self.profiles.len()).map(empty));
            topics.clear();
            topics.resize(self.profiles.len(), (0.0, 0));
            touched.clear();
        }
        // The stems in order of number, in `met`.
        if met.len() * 16 < present.len() {
            // Few stems against a large vocabulary: sort them.
            met.sort_unstable();
        } else {
            // Read them off the bits, in order.
            met.clear();
            for (n, &word) in present.iter().enumerate() {
                let mut bits = word;
                while bits != 0 {
                    met.push(n * 64 + bits.trailing_zeros() as usize);
                    bits &= bits - 1;
                }
            }
        }
        for &id in met.iter() {
            let (_, weight, own, in_topic) = best[id];
            let specific = usize::from(!self.generic[id] && weight >= SPECIFIC);
            let near = specific & usize::from(own);
            let postings = &self.postings[id];
            let mut add = |p: usize, source: f64| {
                let e = &mut totals[p];
                if e.hits == 0 {
                    touched.push(p);
                }
                e.score += source * weight;
                e.hits += 1;
                e.specific += specific;
                e.specific_near += near;
            };
            // A topic word is added to both sums in one pass over its postings: each sum is
            // still added to in stem order.
            if let Some(t) = in_topic {
                for &(p, source) in postings {
                    add(p, source);
                    let e = &mut topics[p];
                    e.0 += source * t;
                    e.1 += 1;
                }
            } else {
                for &(p, source) in postings {
                    add(p, source);
                }
            }
        }
        // Phrases: a whole alias in a row is strong evidence. A phrase is looked for only where
        // a word that starts one stands, among the phrases whose second stem is the next word's.
        phrases.clear();
        for &(id, place) in starts.iter() {
            let Some(next) = context.get(place + 1).and_then(|w| w.id) else {
                continue;
            };
            let list = &self.phrase_starts[id];
            let from = list.partition_point(|s| s.0 < next);
            for &(_, run) in list[from..].iter().take_while(|s| s.0 == next) {
                let phrase = &self.runs[run].0;
                let whole = place + phrase.len() <= context.len()
                    && phrase[2..]
                        .iter()
                        .zip(&context[place + 2..])
                        .all(|(&id, w)| w.id == Some(id));
                if whole {
                    phrases.push((run, place));
                }
            }
        }
        // The bits are cleared for the next call.
        for &id in met.iter() {
            present[id / 64] = 0;
        }
        // Each phrase found counts once for each profile that has it, at the greatest weight
        // of its places (own if any is), in order of profile and phrase.
        phrases.sort_unstable();
        found.clear();
        for (i, &(run, _)) in phrases.iter().enumerate() {
            if i > 0 && phrases[i - 1].0 == run {
                continue;
            }
            let places = phrases[i..].iter().take_while(|f| f.0 == run).map(|f| f.1);
            let (weight, own) = places
                .clone()
                .map(|k| (context[k].weight, context[k].own))
                .reduce(|a, b| (a.0.max(b.0), a.1 || b.1))
                .unwrap_or((0.0, false));
            let in_topic = places
                .filter(|&k| k >= topic)
                .map(|k| context[k].weight)
                .reduce(f64::max);
            found.extend(
                self.runs[run]
                    .1
                    .iter()
                    .map(|&(p, n)| (p, n, weight, own, in_topic)),
            );
        }
        // Already in order when one phrase was found, as is most often the case.
        if !found.is_sorted_by_key(|f| (f.0, f.1)) {
            found.sort_unstable_by_key(|f| (f.0, f.1));
        }
        for &(p, n, weight, own, in_topic) in found.iter() {
            let sum = self.profiles[p].phrases[n].1;
            let e = &mut totals[p];
            if e.hits == 0 {
                touched.push(p);
            }
            e.score += sum * 0.5 * weight;
            e.hits += 1;
            e.specific += 1;
            if own {
                e.specific_near += 1;
            }
            if let Some(weight) = in_topic {
                let e = &mut topics[p];
                e.0 += sum * 0.5 * weight;
                e.1 += 1;
            }
        }
    }

    /// Whether a stem belongs to the subject of a fact: some fact of the same sector uses it.
    /// A name no fact of that sector uses (`Turkey` next to a trade figure) is another subject.
    pub fn same_subject(&self, profile: usize, stem: &str) -> bool {
        let sector = self.sector_of[profile];
        self.subject_forms(stem, |sectors| sectors.contains(&sector))
    }

    /// The sectors whose subject a stem belongs to, as [`Index::same_subject`] tells it for
    /// one fact: worked out once for a name that is tested against many facts.
    pub fn subject_sectors(&self, stem: &str) -> Vec<usize> {
        let mut all = Vec::new();
        self.subject_forms(stem, |sectors| {
            all.extend_from_slice(sectors);
            false
        });
        all.sort_unstable();
        all.dedup();
        all
    }

    /// Whether a fact is of one of `sectors` ([`Index::subject_sectors`]).
    pub fn of_sectors(&self, profile: usize, sectors: &[usize]) -> bool {
        sectors.contains(&self.sector_of[profile])
    }

    /// Calls `found` with the sectors of each form of a stem that facts use, until it says
    /// yes: the stem itself, then with a suffix of a country's adjective, then shortened.
    fn subject_forms(&self, stem: &str, mut found: impl FnMut(&[usize]) -> bool) -> bool {
        let mut used = |w: &str| self.sectors_of.get(w).is_some_and(|s| found(s));
        // A country's name and its adjective are one subject: `Pakistan` and `Pakistani`,
        // `Azerbaijan` and `Azerbaijani`.
        let chars = stem.chars().count();
        let mut with_suffix = String::with_capacity(stem.len() + 3);
        used(stem)
            || ["i", "n", "ian", "an", "ese"].iter().any(|suffix| {
                with_suffix.clear();
                with_suffix.push_str(stem);
                with_suffix.push_str(suffix);
                used(&with_suffix)
            })
            || (1..=3).any(|cut| {
                // The stem without its last `cut` characters.
                chars > cut + 3
                    && stem
                        .char_indices()
                        .nth(chars - cut)
                        .is_some_and(|(at, _)| used(&stem[..at]))
            })
    }

    /// How many words of the context (or whole aliases) name the fact's subject, counted as
    /// [`Score::specific`] counts them but leaving out the words of its unit (`people`), which
    /// say what is counted but not whose.
    ///
    /// Worked out for the one fact alone: the distinct stems it scores by that are not generic
    /// and weigh at least [`SPECIFIC`] somewhere in the context, and its phrases that occur in
    /// the context as a run once the unit's words are taken out.
    pub fn subject_words(&self, profile: usize, context: &[Word]) -> usize {
        self.subject_words_upto(profile, context, usize::MAX)
    }

    /// [`Index::subject_words`], counted only until there are `enough` of them: the count, or
    /// `enough` when there are as many or more.
    pub fn subject_words_upto(&self, profile: usize, context: &[Word], enough: usize) -> usize {
        let p = &self.profiles[profile];
        let is_unit = |w: &Word| {
            p.unit_stems.iter().any(|(u, id)| match (w.id, id) {
                // Stems with a number are the same stem when their numbers are.
                (Some(a), Some(b)) => a == *b,
                (None, None) => u == w.stem,
                _ => false,
            })
        };
        let mut seen: Vec<usize> = Vec::new();
        for w in context {
            let Some(id) = w.id else { continue };
            if w.weight >= SPECIFIC
                && !self.generic[id]
                && p.keyword_ids.binary_search(&id).is_ok()
                && !seen.contains(&id)
                && !is_unit(w)
            {
                seen.push(id);
                if seen.len() >= enough {
                    return enough;
                }
            }
        }
        let mut count = seen.len();
        if p.phrase_ids.is_empty() {
            return count;
        }
        let removed = context.iter().any(is_unit);
        let rest: Vec<Word>;
        let context = if removed {
            rest = context.iter().filter(|w| !is_unit(w)).copied().collect();
            &rest[..]
        } else {
            context
        };
        for phrase in &p.phrase_ids {
            let Some(&first) = phrase.first() else {
                continue;
            };
            let places = (0..context.len()).filter(|&i| context[i].id == Some(first));
            if phrase_weight(context, phrase, places).is_some() {
                count += 1;
                if count >= enough {
                    return enough;
                }
            }
        }
        count
    }

    /// Whether the words after a counted figure (`85,000 visitors`) can name what a fact
    /// counts. No words is no objection.
    pub fn names(&self, profile: usize, nouns: &[String]) -> bool {
        let p = &self.profiles[profile];
        nouns.is_empty() || nouns.iter().any(|n| p.vocab.contains(n))
    }

    /// The numbers of the words after a counted figure that some fact's text uses, for
    /// [`Index::names_any`]: looked up once per figure, then compared with each fact's.
    pub fn noun_ids(&self, nouns: &[String]) -> Vec<usize> {
        nouns
            .iter()
            .filter_map(|n| self.vocab_ids.get(n).copied())
            .collect()
    }

    /// [`Index::names`] for words already looked up with [`Index::noun_ids`], when there are
    /// some: whether any of them is a word of the fact's text.
    pub fn names_any(&self, profile: usize, noun_ids: &[usize]) -> bool {
        let vocab = &self.profiles[profile].vocab_ids;
        noun_ids.iter().any(|n| vocab.binary_search(n).is_ok())
    }

    /// The number of the fact's measure, if it has one: facts of one measure are one series.
    pub fn group(&self, profile: usize) -> Option<usize> {
        self.group_of[profile]
    }

    /// The profiles of a measure, in order.
    pub fn members(&self, group: usize) -> &[usize] {
        &self.groups[group]
    }

    /// The profiles of the facts whose period is `period` (covers the same days), in order.
    pub fn with_period(&self, period: &Period) -> impl Iterator<Item = usize> + '_ {
        let key = |p: usize| self.profiles[p].fact.period.map(|d| d.sort_key());
        let want = Some(period.sort_key());
        let from = self.by_period.partition_point(|&p| key(p) < want);
        self.by_period[from..]
            .iter()
            .copied()
            .take_while(move |&p| key(p) == want)
    }

    /// How many measures the sheet's facts have.
    pub fn groups(&self) -> usize {
        self.groups.len()
    }
}

/// The greater of a greatest value so far and `value`, as `max_by(f64::total_cmp)` takes it
/// for the sums a tally gives: they are never NaN nor -0 (sums of nonnegative terms from +0),
/// and for such numbers `>` orders as `total_cmp` does.
fn greatest(so_far: Option<f64>, value: f64) -> f64 {
    match so_far {
        Some(best) if best > value => best,
        _ => value,
    }
}

/// The order of [`Index::score`]: best first, then in the sheet's order. Profiles are
/// distinct, so this order is total and an unstable sort gives it.
pub fn rank(a: &Score, b: &Score) -> std::cmp::Ordering {
    b.score.total_cmp(&a.score).then(a.profile.cmp(&b.profile))
}

/// A word of the context weighs at least this much to count as naming a fact specifically.
const SPECIFIC: f64 = 0.3;

/// The weight at which a phrase occurs as a run in the context, if it does, and whether it is
/// in the figure's own sentence. `places`: where the phrase's first word stands in the
/// context, in order.
fn phrase_weight(
    context: &[Word],
    phrase: &[usize],
    places: impl Iterator<Item = usize>,
) -> Option<(f64, bool)> {
    if phrase.is_empty() || context.len() < phrase.len() {
        return None;
    }
    places
        .filter(|&i| i + phrase.len() <= context.len())
        .filter(|&i| {
            phrase
                .iter()
                .enumerate()
                .all(|(k, &id)| context[i + k].id == Some(id))
        })
        .map(|i| (context[i].weight, context[i].own))
        .reduce(|a, b| (a.0.max(b.0), a.1 || b.1))
}

/// Whether a figure's unit fits a fact's measure.
pub fn unit_fits(unit: Unit, measure: &Measure, amount: Amount) -> bool {
    match (unit, measure) {
        (Unit::Percent, Measure::Percent) => true,
        (Unit::Money(a), Measure::Money { usd }) => a == *usd,
        (Unit::Mass, Measure::Mass) => true,
        (Unit::Days, Measure::Days) => true,
        (Unit::Multiple, Measure::Multiple) => true,
        (Unit::Count, Measure::Count) => true,
        // "trade of 20.7 million", "3.3 million of cargo": a large bare number may be money or
        // mass when the words around it say so.
        (Unit::Count, Measure::Money { .. } | Measure::Mass) => {
            let v = match amount {
                Amount::One { value, .. } => value,
                Amount::Range { max, .. } => max,
            };
            v >= 1e5
        }
        _ => false,
    }
}

/// Whether two periods share a day.
pub fn overlaps(a: &Period, b: &Period) -> bool {
    let first = |d: crate::period::Date| (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1));
    let last = |d: crate::period::Date| (d.year, d.month.unwrap_or(12), d.day.unwrap_or(31));
    first(a.start) <= last(b.end) && first(b.start) <= last(a.end)
}

/// Whether a date a writer gives for an event agrees with the sheet's, at the writer's
/// precision (`2024` agrees with July 2024; `June 2024` does not).
pub fn event_agrees(written: &Period, sheet: &Period) -> bool {
    let same = |w: crate::period::Date, s: crate::period::Date| {
        w.year == s.year
            && (w.month.is_none() || s.month.is_none() || w.month == s.month)
            && (w.day.is_none() || s.day.is_none() || w.day == s.day)
    };
    if written.start == written.end {
        // One date: it must fall on the event.
        same(written.start, sheet.start) || (sheet.start != sheet.end && overlaps(written, sheet))
    } else {
        same(written.start, sheet.start) && same(written.end, sheet.end)
    }
}

/// What a figure says compared with a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    /// Right number, wrong hedge.
    Hedge,
    /// A single value where the sheet has a range.
    NotARange,
    /// The figure drops the sheet's hedge.
    DropsHedge,
    Mismatch,
}

/// The unit of the last significant digit of a sheet value: 1 for 80,924, 1000 for 46,000.
pub fn resolution(v: f64) -> f64 {
    if v == 0.0 {
        return 1.0;
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let mut r = 1.0;
        let mut n = v.abs() as u64;
        while n >= 10 && n.is_multiple_of(10) {
            n /= 10;
            r *= 10.0;
        }
        return r;
    }
    let text = format!("{}", (v * 1e6).round() / 1e6);
    let decimals = text.split_once('.').map_or(0, |(_, f)| f.len());
    10f64.powi(-(decimals as i32))
}

/// Compares a written amount and hedge with a fact's value and qualifier.
/// Whether [`judge`] can find a single figure and a fact's number anything but a mismatch
/// when the figure is hedged with `about`: no further from the fact than the widest tolerance
/// of [`judge_number`], or inside the fact's range with the figure's rounding. `false` only
/// where `judge` says [`Verdict::Mismatch`], so that it can be asked first, and cheaply.
pub fn may_agree_about(v: f64, r: f64, fact: &Fact) -> bool {
    let eps = 1e-9;
    match fact.value {
        Value::Number(f) => (v - f).abs() <= 0.15 * f.abs() + eps * f.abs().max(1.0),
        Value::Range { min: a, max: b } => v >= a - r / 2.0 - eps && v <= b + r / 2.0 + eps,
        Value::Text(_) => false,
    }
}

pub fn judge(amount: Amount, hedge: Hedge, fact: &Fact) -> Verdict {
    let eps = 1e-9;
    match (&fact.value, amount) {
        (Value::Number(f), Amount::One { value: v, res: r }) => {
            judge_number(v, r, hedge, *f, fact.qualifier)
        }
        (Value::Number(f), Amount::Range { min, max, res }) => {
            if *f >= min - res / 2.0 - eps && *f <= max + res / 2.0 + eps {
                Verdict::Ok
            } else {
                Verdict::Mismatch
            }
        }
        (Value::Range { min: a, max: b }, Amount::Range { min, max, res }) => {
            if (min - a).abs() <= res / 2.0 + eps && (max - b).abs() <= res / 2.0 + eps {
                Verdict::Ok
            } else {
                Verdict::Mismatch
            }
        }
        (Value::Range { min: a, max: b }, Amount::One { value: v, res: r }) => {
            if v < a - r / 2.0 - eps || v > b + r / 2.0 + eps {
                return Verdict::Mismatch;
            }
            let at = |x: f64| (v - x).abs() <= r / 2.0 + eps;
            match hedge {
                Hedge::About => Verdict::Ok,
                Hedge::UpTo | Hedge::Under | Hedge::Nearly if at(*b) => Verdict::Ok,
                Hedge::AtLeast | Hedge::Over if at(*a) => Verdict::Ok,
                _ => Verdict::NotARange,
            }
        }
        (Value::Text(_), _) => Verdict::Mismatch,
    }
}

/// How far under a writer's figure a value may be for `nearly`/`almost` to fit an exact value:
/// `nearly 40%` fits 38.7 % (3 % under), `nearly 90,000` does not fit 80,924 (10 % under).
pub const NEARLY_WITHIN: f64 = 0.075;

/// Where a written figure lies against the sheet's value, at the writer's precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Rounding the sheet's value to the writer's last digit gives the figure.
    Same,
    /// The figure is below the sheet's value.
    Below,
    /// The figure is above the sheet's value.
    Above,
}

/// The hedge table: whether a writer's hedge on a figure agrees with the sheet's qualifier,
/// given where the figure lies against the sheet's value (once the number itself is within
/// the writer's rounding and the allowed distance). `docs/check.md` prints it as a table.
///
/// | writer \ sheet | exact | about | over, at least | nearly, under | up to |
/// |---|---|---|---|---|---|
/// | none | ok | ok | drops hedge (same), ok above | drops hedge (same), ok below | drops hedge |
/// | exactly | ok | hedge | hedge | hedge | hedge |
/// | about | ok | ok | ok | ok | hedge |
/// | over | ok below, hedge same or above | ok below, hedge same or above | ok | hedge | hedge |
/// | at least | ok below or same, hedge above | ok below, hedge same or above | ok | hedge | hedge |
/// | nearly | ok just above, hedge same or below | ok | hedge | ok | hedge |
/// | under | ok above, hedge same or below | ok above, hedge same or below | hedge | ok | hedge |
/// | up to | ok | ok above, hedge same or below | hedge | hedge | ok |
pub fn hedge_rule(sheet: Qualifier, writer: Hedge, side: Side) -> Verdict {
    use Hedge as H;
    use Qualifier as Q;
    use Side as S;
    match (sheet, writer) {
        (Q::UpTo, H::UpTo) => Verdict::Ok,
        (Q::UpTo, H::Bare) => Verdict::DropsHedge,
        (Q::UpTo, _) => Verdict::Hedge,
        (Q::Exact, H::Over) if side != S::Below => Verdict::Hedge,
        (Q::Exact, H::AtLeast) if side == S::Above => Verdict::Hedge,
        (Q::Exact, H::Nearly | H::Under) if side != S::Above => Verdict::Hedge,
        (_, H::About) => Verdict::Ok,
        (Q::Exact, _) => Verdict::Ok,
        (Q::About, H::Exact) => Verdict::Hedge,
        // The sheet's `about` vouches for no floor or ceiling at its own value: `at least
        // $20.7 million` or `under 46,000` claims more than it says.
        (Q::About, H::Over | H::AtLeast) if side != S::Below => Verdict::Hedge,
        (Q::About, H::Under | H::UpTo) if side != S::Above => Verdict::Hedge,
        (Q::About, _) => Verdict::Ok,
        (Q::Over | Q::AtLeast, H::Over | H::AtLeast) => Verdict::Ok,
        (Q::Over | Q::AtLeast, H::Bare) if side == S::Same => Verdict::DropsHedge,
        (Q::Over | Q::AtLeast, H::Bare) => Verdict::Ok,
        (Q::Over | Q::AtLeast, _) => Verdict::Hedge,
        (Q::Nearly | Q::Under, H::Nearly | H::Under) => Verdict::Ok,
        (Q::Nearly | Q::Under, H::Bare) if side == S::Same => Verdict::DropsHedge,
        (Q::Nearly | Q::Under, H::Bare) => Verdict::Ok,
        (Q::Nearly | Q::Under, _) => Verdict::Hedge,
    }
}

fn judge_number(v: f64, r: f64, hedge: Hedge, f: f64, q: Qualifier) -> Verdict {
    let eps = 1e-9 * f.abs().max(1.0);
    let diff = v - f;
    let tolerance = match hedge {
        Hedge::Bare | Hedge::Exact => 0.10,
        _ => 0.15,
    };
    let close = diff.abs() <= r / 2.0 + eps && diff.abs() <= tolerance * f.abs() + eps;
    // The sheet's own last digit, worked out only where a hedge of the sheet needs it.
    let rf = || resolution(f);
    let number_ok = match hedge {
        Hedge::Exact => diff.abs() <= eps,
        // A floor written below the sheet's value (`over 3 million` for over 3.3 million), or a
        // ceiling above an exact value (`nearly 40%` for 38.7%), within the writer's rounding.
        Hedge::Over | Hedge::AtLeast => {
            close
                || matches!(
                    q,
                    Qualifier::Exact | Qualifier::About | Qualifier::Over | Qualifier::AtLeast
                ) && diff < 0.0
                    && -diff <= r + eps
                    && -diff <= tolerance * f.abs() + eps
        }
        // `nearly` is just under: on an exact value, the figure may be only a little above it.
        Hedge::Nearly if q == Qualifier::Exact => {
            close || diff > 0.0 && diff <= r + eps && diff <= NEARLY_WITHIN * v.abs() + eps
        }
        Hedge::Nearly | Hedge::Under | Hedge::UpTo => {
            close
                || matches!(q, Qualifier::Exact | Qualifier::About)
                    && diff > 0.0
                    && diff <= r + eps
                    && diff <= tolerance * f.abs() + eps
        }
        Hedge::Bare | Hedge::About => {
            close
                || match q {
                    // Inside what the sheet's hedge allows: 3.4 million for "over 3.3 million".
                    Qualifier::Over | Qualifier::AtLeast => {
                        diff > 0.0 && diff <= rf() + eps && diff <= tolerance * f.abs()
                    }
                    Qualifier::Nearly | Qualifier::Under => {
                        diff < 0.0 && -diff <= rf() + eps && -diff <= tolerance * f.abs()
                    }
                    _ => false,
                }
        }
    };
    if !number_ok {
        return Verdict::Mismatch;
    }
    // Where the figure lies: the same as the sheet's value when it rounds to it, else by sign.
    // A floor or ceiling on an exact or approximate value is read by sign alone: `more than
    // 81,000` claims more than 80,924 is, `over 80,000` is a floor under it, and `under
    // 50,000` a ceiling over about 46,000.
    let directional = matches!(q, Qualifier::Exact | Qualifier::About)
        && matches!(
            hedge,
            Hedge::Over | Hedge::AtLeast | Hedge::Nearly | Hedge::Under | Hedge::UpTo
        );
    let side = if diff.abs() <= eps || (close && !directional) {
        Side::Same
    } else if diff < 0.0 {
        Side::Below
    } else {
        Side::Above
    };
    hedge_rule(q, hedge, side)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(value: Value, q: Qualifier) -> Fact {
        Fact::sample(value, Some("people"), q)
    }

    fn one(value: f64, res: f64) -> Amount {
        Amount::One { value, res }
    }

    #[test]
    fn fair_rounding_agrees_and_altered_figures_do_not() {
        let visitors = fact(Value::Number(80924.0), Qualifier::Exact);
        assert_eq!(
            judge(one(81000.0, 1000.0), Hedge::About, &visitors),
            Verdict::Ok
        );
        assert_eq!(
            judge(one(80000.0, 10000.0), Hedge::Bare, &visitors),
            Verdict::Ok
        );
        assert_eq!(
            judge(one(80000.0, 10000.0), Hedge::Over, &visitors),
            Verdict::Ok
        );
        assert_eq!(
            judge(one(85000.0, 1000.0), Hedge::Bare, &visitors),
            Verdict::Mismatch
        );
        assert_eq!(
            judge(one(100000.0, 100000.0), Hedge::Bare, &visitors),
            Verdict::Mismatch
        );
        assert_eq!(
            judge(one(70000.0, 10000.0), Hedge::Over, &visitors),
            Verdict::Mismatch
        );
        let turnover = fact(Value::Number(20.7e6), Qualifier::About);
        assert_eq!(
            judge(one(30e6, 10e6), Hedge::Nearly, &turnover),
            Verdict::Mismatch
        );
        let growth = fact(Value::Number(38.7), Qualifier::Exact);
        assert_eq!(judge(one(40.0, 10.0), Hedge::Nearly, &growth), Verdict::Ok);
        assert_eq!(judge(one(39.0, 1.0), Hedge::Bare, &growth), Verdict::Ok);
        assert_eq!(
            judge(one(50.0, 10.0), Hedge::Nearly, &growth),
            Verdict::Mismatch
        );
        assert_eq!(
            judge(one(45.0, 1.0), Hedge::Bare, &growth),
            Verdict::Mismatch
        );
        let turnover = fact(Value::Number(20.7e6), Qualifier::About);
        assert_eq!(judge(one(21e6, 1e6), Hedge::About, &turnover), Verdict::Ok);
        assert_eq!(
            judge(one(25e6, 1e6), Hedge::About, &turnover),
            Verdict::Mismatch
        );
        assert_eq!(
            judge(one(20.7e6, 0.1e6), Hedge::Exact, &turnover),
            Verdict::Hedge
        );
    }

    #[test]
    fn hedges_must_fit() {
        let cargo = fact(Value::Number(3.3e6), Qualifier::Over);
        assert_eq!(
            judge(one(3.3e6, 0.1e6), Hedge::Bare, &cargo),
            Verdict::DropsHedge
        );
        assert_eq!(judge(one(3e6, 1e6), Hedge::Over, &cargo), Verdict::Ok);
        assert_eq!(
            judge(one(3.3e6, 0.1e6), Hedge::Nearly, &cargo),
            Verdict::Hedge
        );
        assert_eq!(
            judge(one(2.3e6, 0.1e6), Hedge::Over, &cargo),
            Verdict::Mismatch
        );
        assert_eq!(
            judge(one(3.5e6, 0.1e6), Hedge::Over, &cargo),
            Verdict::Mismatch
        );
        let jets = fact(Value::Number(40.0), Qualifier::UpTo);
        assert_eq!(judge(one(40.0, 10.0), Hedge::UpTo, &jets), Verdict::Ok);
        assert_eq!(judge(one(40.0, 10.0), Hedge::Exact, &jets), Verdict::Hedge);
        assert_eq!(
            judge(one(40.0, 10.0), Hedge::Bare, &jets),
            Verdict::DropsHedge
        );
        assert_eq!(
            judge(one(50.0, 10.0), Hedge::UpTo, &jets),
            Verdict::Mismatch
        );
        let doubling = fact(Value::Number(2.0), Qualifier::Nearly);
        assert_eq!(judge(one(2.0, 1.0), Hedge::Nearly, &doubling), Verdict::Ok);
        assert_eq!(
            judge(one(2.0, 1.0), Hedge::Bare, &doubling),
            Verdict::DropsHedge
        );
        assert_eq!(judge(one(2.0, 1.0), Hedge::Over, &doubling), Verdict::Hedge);
        assert_eq!(
            judge(one(3.0, 1.0), Hedge::Nearly, &doubling),
            Verdict::Mismatch
        );
    }

    #[test]
    fn a_floor_or_ceiling_at_an_approximate_value_claims_more_than_the_sheet() {
        let turnover = fact(Value::Number(20.7e6), Qualifier::About);
        let at = |v: f64, r: f64, h: Hedge| judge(one(v, r), h, &turnover);
        assert_eq!(at(20.7e6, 0.1e6, Hedge::AtLeast), Verdict::Hedge);
        assert_eq!(at(20.7e6, 0.1e6, Hedge::Over), Verdict::Hedge);
        assert_eq!(at(21e6, 1e6, Hedge::Over), Verdict::Hedge);
        assert_eq!(at(20e6, 1e6, Hedge::Over), Verdict::Ok);
        assert_eq!(at(20.7e6, 0.1e6, Hedge::About), Verdict::Ok);
        assert_eq!(at(20.7e6, 0.1e6, Hedge::Nearly), Verdict::Ok);
        let tourists = fact(Value::Number(46000.0), Qualifier::About);
        let at = |v: f64, r: f64, h: Hedge| judge(one(v, r), h, &tourists);
        assert_eq!(at(46000.0, 1000.0, Hedge::Under), Verdict::Hedge);
        assert_eq!(at(50000.0, 10000.0, Hedge::Under), Verdict::Ok);
        assert_eq!(at(46000.0, 1000.0, Hedge::UpTo), Verdict::Hedge);
        assert_eq!(at(50000.0, 10000.0, Hedge::UpTo), Verdict::Ok);
        assert_eq!(at(46000.0, 1000.0, Hedge::Bare), Verdict::Ok);
    }

    #[test]
    fn ranges() {
        let days = fact(
            Value::Range {
                min: 8.0,
                max: 10.0,
            },
            Qualifier::Exact,
        );
        let range = |a: f64, b: f64| Amount::Range {
            min: a,
            max: b,
            res: 1.0,
        };
        assert_eq!(judge(range(8.0, 10.0), Hedge::Bare, &days), Verdict::Ok);
        assert_eq!(
            judge(range(8.0, 12.0), Hedge::Bare, &days),
            Verdict::Mismatch
        );
        assert_eq!(judge(one(10.0, 10.0), Hedge::UpTo, &days), Verdict::Ok);
        assert_eq!(judge(one(9.0, 1.0), Hedge::About, &days), Verdict::Ok);
        assert_eq!(
            judge(one(10.0, 10.0), Hedge::Bare, &days),
            Verdict::NotARange
        );
        assert_eq!(judge(one(12.0, 1.0), Hedge::Bare, &days), Verdict::Mismatch);
        let visitors = fact(Value::Number(80924.0), Qualifier::Exact);
        assert_eq!(
            judge(range(80000.0, 82000.0), Hedge::Bare, &visitors),
            Verdict::Ok
        );
    }

    #[test]
    fn event_dates_at_the_writers_precision() {
        let p = |t: &str| Period::parse(t).unwrap();
        assert!(event_agrees(&p("2024"), &p("2024-07")));
        assert!(event_agrees(&p("2024-07"), &p("2024-07")));
        assert!(!event_agrees(&p("2024-06"), &p("2024-07")));
        assert!(!event_agrees(&p("1993"), &p("1992")));
        assert!(event_agrees(&p("2025-03"), &p("2025")));
    }
}
