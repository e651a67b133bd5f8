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

use super::matcher::Index;
use super::scan::{Quantity, Scan};

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
    if !fact.label.to_lowercase().contains("pakistan") {
        return false;
    }
    let (from, to) = clause;
    let s = &scan.sentences[q.sentence];
    let mut azerbaijan = false;
    for k in from..to {
        let t = &scan.tokens[k];
        let Some(entry) = t.entry() else {
            continue;
        };
        if names_azerbaijan(&entry.lower) {
            azerbaijan = true;
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
    if !azerbaijan || sentence_names_pakistan(scan, q.sentence) {
        return false;
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

    #[test]
    fn a_name_of_the_facts_own_keeps_the_figure_the_facts() {
        let text = "Azerbaijan ordered up to 30 JF-17 jets in 2025.";
        assert_eq!(status(text, "up to 30"), Status::Mismatch);
    }
}
