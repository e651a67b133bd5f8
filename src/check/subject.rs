//! Whose figure it is: a figure for all of Azerbaijan is not one of the sheet's figures for
//! Pakistanis in Azerbaijan.
//!
//! The sheet's facts about visitors, arrivals and trade are Pakistan's part of a whole
//! (`Pakistani citizens who visited Azerbaijan`). A sentence that names Azerbaijan as its
//! place or subject and never Pakistan (`Tourist arrivals in Azerbaijan grew 20% in 2024`,
//! `Azerbaijan received 2.6 million foreign visitors`) gives the whole: another subject. The
//! sentence is still about Pakistan's part when it, the sentences before it in its paragraph,
//! the line that introduces its list or its heading name Pakistan or Pakistanis (`Pakistani
//! tourism` above `Arrivals in Azerbaijan rose 47%`), or when it names something of the
//! fact's own (`Azerbaijan ordered 40 JF-17 jets`).
//!
//! Nor is a forecast or a goal (`expected to reach 100,000 this year`, `a target of $1
//! billion`) a claim about the record: it can only be about a fact that is itself a goal, a
//! plan or a commitment, of the kind its sentence names ([`forecast`], [`forecast_fits`]).

use super::matcher::Index;
use super::scan::{Quantity, Scan};
use super::words::{self, Forecast};
use crate::model::Fact;

/// Whether the figure's clause calls it wrong: a word such as `wrong`, `incorrectly` or `no
/// credit` at most `WEIGHTS.wrong_reach` tokens before it (`a common wrong answer was 1991`,
/// `candidates wrongly gave 8,092`) or after it (`US$27 million, which is wrong`, `8,092 or
/// 809,240, both of which received no credit`). Such a figure is an error the text quotes,
/// not its claim. A colon between the word and a figure after it introduces the writer's own
/// words (`got some of it wrong: the corridor moved ...`), which are judged.
pub fn marked_wrong(scan: &Scan, q: &Quantity) -> bool {
    let s = &scan.sentences[q.sentence];
    let reach = super::WEIGHTS.wrong_reach;
    let wrong = |k: usize| {
        scan.tokens[k].word().is_some_and(|w| {
            words::calls_wrong(w)
                || w == "no"
                    && scan
                        .tokens
                        .get(k + 1)
                        .and_then(|t| t.word())
                        .is_some_and(|n| n == "credit")
        })
    };
    let mut k = q.first;
    while k > s.start && q.first - k < reach && !super::clause_boundary(scan, k - 1) {
        k -= 1;
        if scan.tokens[k].sym() == Some(':') {
            break;
        }
        if wrong(k) {
            return true;
        }
    }
    let mut k = q.last + 1;
    while k < s.end && k - q.last <= reach && !super::clause_boundary(scan, k) {
        if wrong(k) {
            return true;
        }
        k += 1;
    }
    false
}

/// Whether a word names Pakistan or its people (`Pakistan`, `Pakistani`, `Pakistanis`,
/// `Pakistan's`).
fn names_pakistan(lower: &str) -> bool {
    lower.starts_with("pakistan")
}

/// Whether a word names Azerbaijan as a whole (`Azerbaijan`, `Azerbaijan's`, `Azerbaijani`).
fn names_azerbaijan(lower: &str) -> bool {
    lower.starts_with("azerbaijan")
}

/// Whether any word of sentence `s` names Pakistan.
fn sentence_names_pakistan(scan: &Scan, s: usize) -> bool {
    let s = &scan.sentences[s];
    scan.tokens[s.start..s.end]
        .iter()
        .any(|t| t.entry().is_some_and(|e| names_pakistan(&e.lower)))
}

/// Whether the figure `q` is a figure for all of Azerbaijan where the fact `profile` is
/// Pakistan's part of it: the fact's label names Pakistan, the figure's clause names
/// Azerbaijan, and neither the figure's sentence, the sentences it follows (up to
/// `WEIGHTS.subject_reach`), nor its heading name Pakistan, and no capitalised word of the clause
/// but Azerbaijan is one of the fact's own words.
pub fn all_of_azerbaijan(
    scan: &Scan,
    q: &Quantity,
    index: &Index,
    profile: usize,
    clause: (usize, usize),
) -> bool {
    let fact = index.profiles[profile].fact;
    if !fact.label.contains("Pakistan") {
        return false;
    }
    let (from, to) = clause;
    let s = &scan.sentences[q.sentence];
    // `trade with Azerbaijan`: a partner, not the whole.
    let whole = |k: usize| {
        scan.tokens[k].word().is_some_and(names_azerbaijan)
            && !(k > s.start
                && matches!(
                    scan.tokens[k - 1].word(),
                    Some("with" | "between" | "and" | "&")
                ))
    };
    if !(from..to).any(whole) || sentence_names_pakistan(scan, q.sentence) {
        return false;
    }
    for k in from..to {
        let t = &scan.tokens[k];
        let Some(entry) = t.entry() else {
            continue;
        };
        if names_azerbaijan(&entry.lower) {
            continue;
        }
        let capital = scan
            .layout
            .chars
            .get(t.start())
            .is_some_and(|c| c.is_uppercase());
        // A name of the fact's own (`JF-17`, `AZAL`), not the sentence's first word.
        if capital
            && k != s.start
            && entry.month.is_none()
            && !entry.stop
            && index.names(profile, &[entry.stem.to_string()])
        {
            return false;
        }
    }
    let mut p = s.parent;
    for _ in 0..super::WEIGHTS.subject_reach {
        let Some(at) = p else { break };
        if sentence_names_pakistan(scan, at) {
            return false;
        }
        p = scan.sentences[at].parent;
    }
    !s.heading.is_some_and(|h| sentence_names_pakistan(scan, h))
}

/// Whether the figure `q` is a forecast or a goal, not a record: a word before it in its clause
/// (at most `WEIGHTS.forecast_reach` words back) looks ahead (`expected to reach 100,000`,
/// `aims to raise trade to $1 billion`, `a target of`, `could reach`, `will exceed`), or it is
/// for a year after the draft's date (`$5 billion by 2030` in a draft of 2025).
pub fn forecast(scan: &Scan, q: &Quantity) -> bool {
    let s = &scan.sentences[q.sentence];
    let reach = super::WEIGHTS.forecast_reach;
    let mut k = q.first;
    while k > s.start && q.first - k < reach && !super::clause_boundary(scan, k - 1) {
        k -= 1;
        let t = &scan.tokens[k];
        let Some(entry) = t.entry() else {
            continue;
        };
        let Some(kind) = words::forecast_word(&entry.lower) else {
            continue;
        };
        let next = scan.tokens.get(k + 1).and_then(|n| n.word());
        let capital = scan
            .layout
            .chars
            .get(t.start())
            .is_some_and(|c| c.is_uppercase());
        // `expected to grow after it reached 46,000`: a record told after a forecast.
        let between = &scan.tokens[k + 1..q.first];
        if words::looks_back(between) {
            continue;
        }
        let ahead = match kind {
            Forecast::Looking => next == Some("to"),
            // `May 2024` is a month; `could have been` looks back; `it should be noted` and
            // `as we will see` speak of the text; a figure dated before the draft's date (or
            // dated at all, with no draft's date) is a record told in the future of the past
            // (`by 2022 trade would reach $28.1 million`).
            Forecast::Modal => {
                (!capital || entry.month.is_none())
                    && next != Some("have")
                    && !words::about_the_text(between)
                    && !dated_in_the_past(scan, q)
            }
            // `a target of $1 billion`, `the goal: 100,000`, not `well below the target,
            // trade reached $20.7 million`.
            Forecast::Goal => between.len() <= super::WEIGHTS.goal_reach,
        };
        if ahead {
            return true;
        }
    }
    // `by 2030`, later than the draft's date.
    let Some(anchor) = scan.anchor else {
        return false;
    };
    let mut k = q.last + 1;
    while k + 1 < s.end && !super::clause_boundary(scan, k) {
        if scan.tokens[k].word() == Some("by") {
            if let Some(n) = scan.tokens[k + 1].num() {
                if n.plain && (1900.0..2200.0).contains(&n.value) && n.value > anchor.year as f64 {
                    return true;
                }
            }
        }
        k += 1;
    }
    false
}

/// Whether the figure's sentence dates it (a date that is no point of comparison) to a period
/// that ends before the draft's date, or, with no draft's date, to any period.
fn dated_in_the_past(scan: &Scan, q: &Quantity) -> bool {
    let from = scan.dates.partition_point(|d| d.sentence < q.sentence);
    scan.dates[from..]
        .iter()
        .take_while(|d| d.sentence == q.sentence)
        .filter(|d| !d.baseline)
        .any(|d| scan.anchor.is_none_or(|a| d.period.end.year < a.year))
}

/// What kind of goal a word names: a target (`target`, `goal`, `aim`), a plan (`plan`,
/// `planned`) or a commitment (`committed`, `agreed`, `contract`, `will`). A fact is a goal of a kind
/// when its label or tags use such a word (`trade target`, `flights planned`, `jets Pakistan
/// committed to deliver`); a forecast is about it only when its sentence names the same kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Goal {
    Target,
    Plan,
    Commitment,
}

pub fn goal_word(lower: &str) -> Option<Goal> {
    Some(match lower {
        "target" | "targets" | "targeted" | "targeting" | "goal" | "goals" | "aim" | "aims"
        | "aiming" | "ambition" | "objective" => Goal::Target,
        "plan" | "plans" | "planned" | "planning" => Goal::Plan,
        "committed" | "commitment" | "commits" | "pledged" | "pledge" | "promised" | "agreed"
        | "agreement" | "contract" | "deal" | "will" | "would" => Goal::Commitment,
        _ => return None,
    })
}

/// The kinds of goal a fact is ([`goal_word`]); none for a record.
pub fn goals_of(fact: &Fact) -> Vec<Goal> {
    let label = fact.label.to_lowercase();
    let mut out: Vec<Goal> = label
        .split(|c: char| !c.is_alphanumeric())
        .chain(fact.tags.iter().map(String::as_str))
        .filter_map(|w| goal_word(&w.to_lowercase()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether a forecast figure `q` may be about a fact of the kinds of goal `goals`
/// ([`goals_of`]): the fact is a goal, a plan or a commitment, and the figure's sentence names
/// the same kind (`a target of $1 billion` for the trade target; `Pakistan will deliver up to
/// 30 JF-17` for the jets it committed to).
pub fn forecast_fits(scan: &Scan, q: &Quantity, goals: &[Goal]) -> bool {
    if goals.is_empty() {
        return false;
    }
    let s = &scan.sentences[q.sentence];
    scan.tokens[s.start..s.end].iter().any(|t| {
        t.word()
            .and_then(goal_word)
            .is_some_and(|g| goals.contains(&g))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Checker, Status};

    /// The status of the figure that starts with `figure` in `text`, against the bundled sheet.
    fn status(text: &str, figure: &str) -> Status {
        let sheet = crate::sheet::bundled().unwrap();
        let at = text.find(figure).unwrap();
        Checker::new(&sheet)
            .check(text)
            .into_iter()
            .find(|f| f.start <= at && at < f.end)
            .map_or(Status::Unknown, |f| f.status)
    }

    #[test]
    fn names_of_the_two_countries_are_told_apart() {
        assert!(names_pakistan("pakistani"));
        assert!(names_pakistan("pakistan's"));
        assert!(names_pakistan("pakistanis"));
        assert!(!names_pakistan("azerbaijan"));
        assert!(names_azerbaijan("azerbaijan's"));
        assert!(names_azerbaijan("azerbaijani"));
        assert!(!names_azerbaijan("baku"));
    }

    #[test]
    fn a_figure_the_text_calls_wrong_is_a_quoted_error() {
        // Quoted and called wrong after it, or named a wrong answer before it: no claim.
        let text = "Weaker scripts said 8,092 Pakistanis visited Azerbaijan in 2024, \
                    which received no credit.";
        assert_eq!(status(text, "8,092"), Status::Unknown);
        let text = "Some candidates wrote that trade turnover with Azerbaijan was US$27 million \
                    in January–September 2025, which is wrong.";
        assert_eq!(status(text, "US$27"), Status::Unknown);
        let text = "A common wrong answer was that 8,092 Pakistanis visited Azerbaijan in 2024.";
        assert_eq!(status(text, "8,092"), Status::Unknown);
        // The same figures as the writer's own claims are judged.
        let text = "In 2024, 8,092 Pakistanis visited Azerbaijan, the board said.";
        assert_eq!(status(text, "8,092"), Status::Mismatch);
        // After a colon, the writer's own words are judged, even after `wrong`.
        let text = "The summary got it wrong: 8,092 Pakistanis visited Azerbaijan in 2024.";
        assert_eq!(status(text, "8,092"), Status::Mismatch);
        // A word that calls something else wrong, in another clause, leaves the figure judged.
        let text = "Many guessed wrong; in 2024, 8,092 Pakistanis visited Azerbaijan.";
        assert_eq!(status(text, "8,092"), Status::Mismatch);
    }

    #[test]
    fn a_figure_for_all_of_azerbaijan_is_no_pakistani_figure() {
        let text = "Tourist arrivals in Azerbaijan grew 20% in 2024.";
        assert_eq!(status(text, "20%"), Status::Unknown);
        // Naming Pakistanis in the sentence makes the figure theirs again.
        let text = "Pakistani arrivals in Azerbaijan grew 20% in 2024.";
        assert_eq!(status(text, "20%"), Status::Mismatch);
    }

    #[test]
    fn the_paragraph_or_heading_can_name_pakistan_for_the_sentence() {
        let before =
            "Pakistani travellers have found Baku. Arrivals in Azerbaijan rose 20% in 2024.";
        assert_eq!(status(before, "20%"), Status::Mismatch);
        let heading = "## Pakistani visitors\n\nVisitors to Azerbaijan numbered 85,000 in 2024.\n";
        assert_eq!(status(heading, "85,000"), Status::Mismatch);
        let other = "## Regional tourism\n\nVisitors to Azerbaijan numbered 85,000 in 2024.\n";
        assert_eq!(status(other, "85,000"), Status::Unknown);
        // Beyond `subject_reach` sentences back, the paragraph no longer speaks for it.
        let far = "Pakistani travellers have found Baku. Hotels are full. Flights are full. \
                   Prices rose. Arrivals in Azerbaijan rose 20% in 2024.";
        assert_eq!(status(far, "20%"), Status::Unknown);
    }

    /// Whether the figure starting with `figure` in `text` reads as a forecast.
    fn is_forecast(text: &str, figure: &str) -> bool {
        let scan = crate::check::scan::scan_with(text, None);
        let at = text.find(figure).unwrap();
        let at = text[..at].chars().count();
        let q = scan
            .quantities
            .iter()
            .find(|q| scan.tokens[q.first].start() == at)
            .unwrap();
        forecast(&scan, q)
    }

    #[test]
    fn words_that_look_ahead_make_a_forecast() {
        assert!(is_forecast(
            "Visitors are expected to reach 100,000.",
            "100,000"
        ));
        assert!(is_forecast("They aim to raise trade to $1 billion.", "$1"));
        assert!(is_forecast("They set a target of $1 billion.", "$1"));
        assert!(is_forecast("Trade could reach $500 million.", "$500"));
        assert!(is_forecast("Visitors will exceed 60,000.", "60,000"));
        // A date later than the draft's, after `by`.
        let text = "---\ndate: 2025-09-01\n---\nTrade rises to $500 million by 2030.\n";
        assert!(is_forecast(text, "$500"));
        let text = "---\ndate: 2025-09-01\n---\nTrade rose to $20 million by 2024.\n";
        assert!(!is_forecast(text, "$20"));
    }

    #[test]
    fn records_near_such_words_are_no_forecast() {
        // `to` must follow a verb that looks ahead.
        assert!(!is_forecast("As expected, visitors rose 47%.", "47%"));
        // A modal about the text, or one that looks back.
        assert!(!is_forecast(
            "It should be noted that 85,000 came.",
            "85,000"
        ));
        assert!(!is_forecast("Trade could have reached $30 million.", "$30"));
        // A record after the forecast's words, and a figure dated with no draft's date.
        assert!(!is_forecast(
            "Visitors are expected to keep rising after 80,924 came.",
            "80,924"
        ));
        assert!(!is_forecast(
            "By then trade would reach $28.1 million in 2022.",
            "$28.1"
        ));
        // A goal named far before the figure is not its goal.
        assert!(!is_forecast(
            "Far below the target set by leaders in Baku, trade reached $20.7 million.",
            "$20.7"
        ));
        // `May` the month.
        assert!(!is_forecast("In May 80,924 had come.", "80,924"));
    }

    #[test]
    fn a_forecast_is_checked_only_against_a_goal_of_its_kind() {
        let sheet = crate::sheet::bundled().unwrap();
        let fact = |id: &str| sheet.facts.iter().find(|f| f.id == id).unwrap().clone();
        let target = fact("trade.trade-target-2025");
        let jets = fact("defence.jf17-block3-aircraft");
        let record = fact("tourism.visitors-2024");
        assert_eq!(goals_of(&target), vec![Goal::Target, Goal::Plan]);
        assert!(goals_of(&jets).contains(&Goal::Commitment));
        assert!(goals_of(&record).is_empty());
        let text = "The leaders agreed to lift trade to $5 billion.";
        let scan = crate::check::scan::scan_with(text, None);
        let q = &scan.quantities[0];
        assert!(!forecast_fits(&scan, q, &goals_of(&target)));
        let text = "They set a target of $5 billion for trade.";
        let scan = crate::check::scan::scan_with(text, None);
        let q = &scan.quantities[0];
        assert!(forecast_fits(&scan, q, &goals_of(&target)));
        assert!(!forecast_fits(&scan, q, &goals_of(&record)));
        // Against the bundled sheet: a forecast of visitors is no claim; a plan's figure is.
        let text = "Pakistani visitors to Azerbaijan are expected to reach 100,000 this year.";
        assert_eq!(status(text, "100,000"), Status::Unknown);
        let text = "Pakistan's prime minister asked for a plan to raise trade to $3 billion.";
        assert_eq!(status(text, "$3"), Status::Mismatch);
    }

    #[test]
    fn a_name_of_the_facts_own_keeps_the_figure_the_facts() {
        let text = "Azerbaijan ordered up to 30 JF-17 jets in 2025.";
        assert_eq!(status(text, "up to 30"), Status::Mismatch);
    }
}
