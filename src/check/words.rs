//! The English a checker needs: word stems and synonyms, stop words, hedges, scale and unit
//! words, month names and small numbers written as words. General vocabulary only; what a
//! fact is about comes from the sheet.

/// Words that say nothing about which fact a sentence is about.
const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "according",
    "after",
    "again",
    "against",
    "all",
    "almost",
    "also",
    "am",
    "among",
    "an",
    "and",
    "any",
    "are",
    "around",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "during",
    "each",
    "either",
    "else",
    "even",
    "ever",
    "every",
    "few",
    "fewer",
    "upwards",
    "north",
    "shy",
    "slightly",
    "little",
    "well",
    "nigh",
    "approaching",
    "excess",
    "exceeding",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "least",
    "less",
    "like",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "nearly",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "per",
    "roughly",
    "same",
    "say",
    "said",
    "says",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "too",
    "total",
    "under",
    "until",
    "up",
    "upon",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "would",
    "year",
    "yet",
    "you",
    "your",
    "approximately",
    "exactly",
    "precisely",
    "around",
    "some",
    "reached",
    "reach",
    "number",
    "figure",
    "figures",
    "amount",
    "period",
    "compared",
    "previous",
    "latest",
    "new",
    "still",
    "already",
    "overall",
    "whole",
    "according",
];

pub fn is_stop(stem: &str) -> bool {
    // Asked once for each distinct word of a draft: a set instead of a scan of the list.
    static SET: std::sync::LazyLock<std::collections::HashSet<&str>> =
        std::sync::LazyLock::new(|| STOP.iter().copied().collect());
    SET.contains(stem) || stem.chars().all(|c| !c.is_alphabetic())
}

/// Groups of words a writer uses for the same thing; the first is the canonical stem.
const SYNONYMS: &[&[&str]] = &[
    &[
        "visitor",
        "visit",
        "visits",
        "visited",
        "visiting",
        "tourist",
        "tourism",
        "traveller",
        "travellers",
        "traveler",
        "travelers",
        "arrival",
        "holidaymaker",
        "holidaymakers",
        "travelled",
        "traveled",
    ],
    &[
        "growth",
        "grow",
        "grows",
        "grew",
        "grown",
        "growing",
        "rise",
        "rises",
        "rose",
        "risen",
        "rising",
        "increase",
        "increased",
        "increases",
        "increasing",
        "jump",
        "jumped",
        "climb",
        "climbed",
        "gain",
        "gained",
        "surge",
        "surged",
        "higher",
        "boost",
        "expanded",
        "expansion",
        "upswing",
    ],
    &["ton", "tons", "tonne", "tonnes", "t", "mt"],
    &[
        "aircraft", "jet", "fighter", "plane", "warplane", "airplane", "airframe",
    ],
    &[
        "cargo",
        "cargoes",
        "freight",
        "goods",
        "shipment",
        "shipments",
    ],
    &["container", "teu"],
    &[
        "deliver",
        "delivered",
        "delivering",
        "delivery",
        "deliveries",
        "supply",
        "supplied",
        "supplying",
        "ship",
        "shipped",
    ],
    &[
        "establish",
        "established",
        "establishing",
        "establishment",
        "founded",
        "founding",
        "created",
        "creation",
        "launched",
        "formed",
        "inaugurated",
    ],
    &["sign", "signed", "signing", "inked", "concluded"],
    &[
        "recognition",
        "recognise",
        "recognised",
        "recognises",
        "recognising",
        "recognize",
        "recognized",
        "recognizes",
        "recognizing",
    ],
    &["open", "opened", "opens", "opening"],
    &["memorandum", "memorandums", "memoranda", "mou"],
    &["relation", "relations", "ties", "tie"],
    &["double", "doubled", "doubling", "twofold"],
    &["trade", "traded", "trading"],
    &["day", "days"],
    &[
        "people",
        "person",
        "persons",
        "citizen",
        "citizens",
        "national",
        "nationals",
    ],
    &["pakistani", "pakistanis"],
    &["azerbaijani", "azerbaijanis"],
    &["percent", "pc", "%"],
];

/// The stem of a lowercase word: synonyms folded together, plurals and possessives removed.
pub fn stem(word: &str) -> String {
    // Most words have no curly apostrophe: no copy for them.
    let w: std::borrow::Cow<str> = if word.contains('’') {
        word.replace('’', "'").into()
    } else {
        word.into()
    };
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix('\''))
        .unwrap_or(&w);
    if let Some(c) = canonical(w) {
        return c.to_string();
    }
    let singular = singular(w);
    if let Some(c) = canonical(&singular) {
        return c.to_string();
    }
    singular
}

/// The first word of the first synonym group that holds `w`.
fn canonical(w: &str) -> Option<&'static str> {
    // Every word of a draft is looked up: a map instead of a scan of every group.
    static CANONICAL: std::sync::LazyLock<std::collections::HashMap<&str, &str>> =
        std::sync::LazyLock::new(|| {
            let mut map = std::collections::HashMap::default();
            for group in SYNONYMS {
                for word in group.iter() {
                    map.entry(*word).or_insert(group[0]);
                }
            }
            map
        });
    CANONICAL.get(w).copied()
}

fn singular(w: &str) -> String {
    let n = w.chars().count();
    if n > 4 {
        if let Some(base) = w.strip_suffix("ies") {
            return format!("{base}y");
        }
    }
    if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

/// The hedge a writer puts on a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hedge {
    /// No hedge: the figure is stated as it is.
    Bare,
    Exact,
    About,
    Over,
    AtLeast,
    Nearly,
    Under,
    UpTo,
}

/// Hedges written before a figure, longest first so that `well over` wins over `over`.
const HEDGES_BEFORE: &[(&str, Hedge)] = &[
    ("in the region of", Hedge::About),
    ("on the order of", Hedge::About),
    ("in excess of", Hedge::Over),
    ("no fewer than", Hedge::AtLeast),
    ("no less than", Hedge::AtLeast),
    ("a minimum of", Hedge::AtLeast),
    ("a maximum of", Hedge::UpTo),
    ("no more than", Hedge::UpTo),
    ("just short of", Hedge::Nearly),
    ("just shy of", Hedge::Nearly),
    ("a little over", Hedge::Over),
    ("a little under", Hedge::Nearly),
    ("slightly more than", Hedge::Over),
    ("slightly less than", Hedge::Under),
    ("getting on for", Hedge::Nearly),
    ("an estimated", Hedge::About),
    ("more than", Hedge::Over),
    ("greater than", Hedge::Over),
    ("higher than", Hedge::Over),
    ("well over", Hedge::Over),
    ("just over", Hedge::Over),
    ("well above", Hedge::Over),
    ("upwards of", Hedge::Over),
    ("north of", Hedge::Over),
    ("at least", Hedge::AtLeast),
    ("just under", Hedge::Nearly),
    ("just below", Hedge::Nearly),
    ("just above", Hedge::Over),
    ("well under", Hedge::Under),
    ("well below", Hedge::Under),
    ("slightly over", Hedge::Over),
    ("slightly under", Hedge::Nearly),
    ("not quite", Hedge::Nearly),
    ("near", Hedge::Nearly),
    ("nigh on", Hedge::Nearly),
    ("shy of", Hedge::Nearly),
    ("close to", Hedge::Nearly),
    ("less than", Hedge::Under),
    ("fewer than", Hedge::Under),
    ("lower than", Hedge::Under),
    ("up to", Hedge::UpTo),
    // A cap or limit is a ceiling: `port charges capped at $500,000`.
    ("capped at", Hedge::UpTo),
    ("as many as", Hedge::UpTo),
    ("as much as", Hedge::UpTo),
    ("as high as", Hedge::UpTo),
    ("at most", Hedge::UpTo),
    ("some", Hedge::About),
    ("about", Hedge::About),
    ("around", Hedge::About),
    ("approximately", Hedge::About),
    ("approx", Hedge::About),
    ("roughly", Hedge::About),
    ("circa", Hedge::About),
    ("ca", Hedge::About),
    ("estimated", Hedge::About),
    ("almost", Hedge::Nearly),
    ("approaching", Hedge::Nearly),
    ("nearly", Hedge::Nearly),
    ("over", Hedge::Over),
    ("above", Hedge::Over),
    ("exceeding", Hedge::Over),
    ("exceeded", Hedge::Over),
    ("surpassing", Hedge::Over),
    ("surpassed", Hedge::Over),
    ("topped", Hedge::Over),
    ("topping", Hedge::Over),
    ("beyond", Hedge::Over),
    ("under", Hedge::Under),
    ("below", Hedge::Under),
    ("within", Hedge::UpTo),
    ("exactly", Hedge::Exact),
    ("precisely", Hedge::Exact),
    ("exact", Hedge::Exact),
];

/// Whether a word is a title written before a person's name (`President`, `Minister`, `Dr`):
/// the name after it is a person's, not another country's or company's.
pub fn is_title(word: &str) -> bool {
    matches!(
        word,
        "president"
            | "minister"
            | "ambassador"
            | "secretary"
            | "chairman"
            | "chairwoman"
            | "chair"
            | "governor"
            | "senator"
            | "general"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "prof"
            | "professor"
    )
}

/// Whether a hedge phrase is a verb that sets a bound (`capped at`) rather than a word of the
/// figure: it decides the hedge, but the figure as written starts after it.
pub fn hedge_is_verb(phrase: &[&str]) -> bool {
    phrase.first() == Some(&"capped")
}

/// The hedge phrases written before a figure, as word lists, split once.
pub fn hedges_before() -> &'static [(Vec<&'static str>, Hedge)] {
    static SPLIT: std::sync::LazyLock<Vec<(Vec<&'static str>, Hedge)>> =
        std::sync::LazyLock::new(|| {
            HEDGES_BEFORE
                .iter()
                .map(|(p, h)| (p.split(' ').collect(), *h))
                .collect()
        });
    &SPLIT
}

/// A word of scale and its factor: `million` is 1e6.
pub fn scale(word: &str) -> Option<f64> {
    Some(match word {
        "thousand" => 1e3,
        "million" | "mn" | "mln" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" | "tn" => 1e12,
        "lakh" => 1e5,
        "crore" => 1e7,
        _ => return None,
    })
}

/// A suffix written straight after digits: `20.7m`, `3bn`, `81k`.
pub fn attached_scale(suffix: &str) -> Option<f64> {
    Some(match suffix {
        "k" => 1e3,
        "m" | "mn" | "mln" => 1e6,
        "b" | "bn" => 1e9,
        _ => return None,
    })
}

/// The numbers below twenty as words, at their value's index.
pub const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// The tens from twenty as words: `TENS[0]` is twenty.
pub const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Whether `c` joins the parts of a word: a hyphen, as typed or as typesetters write it.
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Numbers written as one word: `forty`, `sixty-four`, and with a word of scale joined on
/// (`three-million`, `eighty-thousand`, `two-hundred`).
pub fn number_word(word: &str) -> Option<f64> {
    if let Some(v) = small_number_word(word) {
        return Some(v);
    }
    // `sixty-four-thousand`, `three-million`: the number, then its scale.
    let (head, tail) = word.rsplit_once(is_hyphen)?;
    let factor = match tail {
        "hundred" => 100.0,
        _ => scale(tail).filter(|f| *f >= 1e3)?,
    };
    let v = small_number_word(head).filter(|v| *v >= 1.0)?;
    (factor > 100.0 || v < 10.0).then_some(v * factor)
}

fn small_number_word(word: &str) -> Option<f64> {
    if let Some(n) = UNITS.iter().position(|u| *u == word) {
        return Some(n as f64);
    }
    if let Some(n) = TENS.iter().position(|t| *t == word) {
        return Some((n as f64 + 2.0) * 10.0);
    }
    let (tens, unit) = word.split_once(is_hyphen)?;
    let t = TENS.iter().position(|x| *x == tens)?;
    let u = UNITS
        .iter()
        .position(|x| *x == unit)
        .filter(|u| (1..10).contains(u))?;
    Some((t as f64 + 2.0) * 10.0 + u as f64)
}

/// Words for a multiple: `doubled` is 2, `tripled` 3, `twenty-fold` 20, `x3` 3.
pub fn multiple_word(word: &str) -> Option<f64> {
    Some(match word {
        "doubled" | "doubling" => 2.0,
        "tripled" | "trebled" | "tripling" | "trebling" => 3.0,
        "quadrupled" | "quadrupling" => 4.0,
        "quintupled" => 5.0,
        _ => {
            // `threefold`, `three-fold`, `twenty-fold`, `tenfold`.
            if let Some(n) = word.strip_suffix("fold") {
                let n = n.strip_suffix('-').unwrap_or(n);
                return number_word(n).filter(|v| *v >= 2.0);
            }
            // `x3` (the letter standing for the sign), `x2.5`.
            let digits = word.strip_prefix('x')?;
            if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            return digits
                .parse::<f64>()
                .ok()
                .filter(|v| *v >= 1.0 && *v <= 1000.0);
        }
    })
}

/// Words for a multiple that are figures only after a hedge or a verb: `nearly double`, `was
/// close to triple`, `twice`.
/// Whether a quantity can open with a word, lowercased: a multiple or a number in words
/// (`doubled`, `forty`), `a`, `an`, `half`, `dozen`, a near-multiple (`near-doubled`), or a
/// multiple as an adjective (`twice`). Asked once per distinct word ([`super::lexicon`]).
pub fn opens_quantity(lower: &str) -> bool {
    multiple_word(lower).is_some()
        || number_word(lower).is_some()
        || matches!(lower, "a" | "an" | "half" | "dozen")
        || lower.starts_with("near-")
        || lower.starts_with("almost-")
        || multiple_adjective(lower).is_some()
        || how_often(lower).is_some()
}

/// Whether a word calls what it is said of wrong (`wrong`, `incorrectly`, `mistaken`).
pub fn calls_wrong(lower: &str) -> bool {
    matches!(
        lower,
        "wrong"
            | "wrongly"
            | "incorrect"
            | "incorrectly"
            | "mistaken"
            | "mistakenly"
            | "erroneous"
            | "erroneously"
    )
}

/// How many times an adverb of frequency counts: `once` 1, `twice` 2, `thrice` 3.
pub fn how_often(word: &str) -> Option<f64> {
    Some(match word {
        "once" => 1.0,
        "twice" => 2.0,
        "thrice" => 3.0,
        _ => return None,
    })
}

pub fn multiple_adjective(word: &str) -> Option<f64> {
    Some(match word {
        "double" | "twice" => 2.0,
        "triple" | "treble" | "thrice" => 3.0,
        "quadruple" => 4.0,
        _ => return None,
    })
}

/// Words before a number that make it a label or an identifier rather than a quantity, and
/// whether they say so only when capitalised (`Figure 2`, `Table 4`, but not `the figure 40`).
/// `Card 5`, `Slide 3`, `Annex 1`, `No. 7`, `flight 9`, `route 7`, `bus 12`, `gate 14`.
pub fn label_word(word: &str) -> Option<bool> {
    Some(match word {
        // Labels written in lower case too: nothing is counted by the word before it.
        "flight" | "route" | "bus" | "highway" | "motorway" | "gate" | "terminal" | "platform"
        | "runway" | "berth" | "pier" | "annex" | "annexe" | "appendix" | "chapter" | "section"
        | "slide" | "para" | "paragraph" | "clause" | "article" | "vol" | "volume" | "page"
        | "pp" | "fig" | "tel" | "fax" | "ext" | "hotline" | "helpline" | "iso" | "isbn"
        | "issn" | "doi" | "episode" | "ep" | "footnote" | "nos" | "boeing" | "embraer" | "atr" => {
            false
        }
        // Labels only when written with a capital (`Figure 2`, `Note 3`), as the word may
        // be a verb or count something in lower case (`the figure 40`, `can seat 150`).
        "figure" | "table" | "chart" | "card" | "box" | "item" | "step" | "part" | "phase"
        | "stage" | "round" | "level" | "line" | "road" | "post" | "hall" | "stand" | "booth"
        | "block" | "lot" | "unit" | "number" | "question" | "session" | "day" | "week"
        | "note" | "exhibit" | "tweet" | "seat" | "room" | "phone" | "telephone" | "whatsapp" => {
            true
        }
        _ => return None,
    })
}

/// Words for an event of its own (`independence in 1991`, `the 2022 floods`): a date tied to
/// one is the event's, not the period of a figure in the same sentence.
pub fn marks_event(word: &str) -> bool {
    matches!(
        word,
        "independence"
            | "independent"
            | "war"
            | "earthquake"
            | "flood"
            | "floods"
            | "pandemic"
            | "founded"
            | "founding"
            | "born"
            | "died"
            | "death"
            | "collapse"
            | "dissolution"
            | "partition"
            | "election"
            | "elections"
            | "elected"
            | "ceasefire"
            | "revolution"
            | "invasion"
            | "crisis"
            | "olympics"
            | "cup"
            | "expo"
            | "anniversary"
            | "inaugurated"
            | "opened"
            | "built"
            | "liberation"
            | "victory"
    )
}

/// The months' names, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month a word names, 1 to 12 (`sept` and three-letter forms included).
pub fn month(word: &str) -> Option<u8> {
    if let Some(i) = MONTHS.iter().position(|n| *n == word) {
        return Some(i as u8 + 1);
    }
    if word == "sept" {
        return Some(9);
    }
    if word.len() == 3 {
        return MONTHS
            .iter()
            .position(|n| n.starts_with(word))
            .map(|i| i as u8 + 1);
    }
    None
}

/// Words after which a '.' does not end a sentence.
pub fn is_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "approx"
            | "ca"
            | "c"
            | "e.g"
            | "i.e"
            | "vs"
            | "no"
            | "nos"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "prof"
            | "st"
            | "est"
            | "incl"
            | "fig"
            | "p"
            | "pp"
            | "u.s"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

/// A verb in the past tense that follows a figure with nothing counted between them (`some
/// 46,000 came`, `80,000 followed`): regular ones, and the irregular ones writers use of
/// people, goods and money.
pub fn is_past_verb(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ed") && !matches!(word, "seed" | "breed")
        || matches!(
            word,
            "came"
                | "went"
                | "flew"
                | "made"
                | "took"
                | "rose"
                | "grew"
                | "fell"
                | "left"
                | "got"
                | "saw"
                | "spent"
                | "were"
                | "was"
        )
}

/// Countries and their peoples, as stems (`indian`, `turkey`): a name among them is a subject
/// of its own, even as a sentence's first word.
pub fn is_country(stem: &str) -> bool {
    matches!(
        stem,
        "afghan"
            | "afghanistan"
            | "america"
            | "american"
            | "armenia"
            | "armenian"
            | "bangladesh"
            | "bangladeshi"
            | "belarus"
            | "britain"
            | "british"
            | "china"
            | "chinese"
            | "egypt"
            | "egyptian"
            | "emirati"
            | "france"
            | "french"
            | "georgia"
            | "georgian"
            | "german"
            | "germany"
            | "india"
            | "indian"
            | "indonesia"
            | "indonesian"
            | "iran"
            | "iranian"
            | "iraq"
            | "iraqi"
            | "israel"
            | "israeli"
            | "italian"
            | "italy"
            | "japan"
            | "japanese"
            | "kazakh"
            | "kazakhstan"
            | "korea"
            | "korean"
            | "kuwait"
            | "kyrgyzstan"
            | "malaysia"
            | "malaysian"
            | "oman"
            | "qatar"
            | "qatari"
            | "russia"
            | "russian"
            | "saudi"
            | "tajikistan"
            | "turkey"
            | "turkish"
            | "turkmenistan"
            | "türkiye"
            | "ukraine"
            | "ukrainian"
            | "uzbek"
            | "uzbekistan"
    )
}

/// Nouns after a name that say it is a programme, project, company or port (`the TRACECA
/// programme`, `the Aktau port`), or before `of` and a name (`the Port of Poti`).
pub fn names_an_organisation(word: &str) -> bool {
    matches!(
        word,
        "programme"
            | "program"
            | "project"
            | "initiative"
            | "scheme"
            | "company"
            | "corporation"
            | "group"
            | "holding"
            | "fund"
            | "port"
            | "airport"
            | "railway"
    )
}

/// Words before a date that make it a point of comparison rather than the period of a figure.
pub fn marks_baseline(word: &str) -> bool {
    matches!(
        word,
        "than" | "versus" | "vs" | "against" | "compared" | "comparison" | "relative" | "since"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_fold_plurals_and_synonyms() {
        assert_eq!(stem("visitors"), "visitor");
        assert_eq!(stem("tourists"), "visitor");
        assert_eq!(stem("tonnes"), "ton");
        assert_eq!(stem("jets"), "aircraft");
        assert_eq!(stem("fighters"), "aircraft");
        assert_eq!(stem("agencies"), "agency");
        assert_eq!(stem("azertac's"), "azertac");
        assert_eq!(stem("corridors"), "corridor");
        assert_eq!(stem("business"), "business");
        assert_eq!(stem("rose"), "growth");
    }

    #[test]
    fn numbers_months_and_scales() {
        assert_eq!(number_word("forty"), Some(40.0));
        assert_eq!(number_word("forty-two"), Some(42.0));
        assert_eq!(number_word("eight"), Some(8.0));
        assert_eq!(number_word("forty-zero"), None);
        assert_eq!(number_word("forty\u{2011}two"), Some(42.0));
        assert_eq!(number_word("three-million"), Some(3e6));
        assert_eq!(number_word("sixty-four-thousand"), Some(64e3));
        assert_eq!(number_word("two-hundred"), Some(200.0));
        assert_eq!(number_word("twenty-hundred"), None);
        assert_eq!(number_word("well-million"), None);
        assert_eq!(month("sep"), Some(9));
        assert_eq!(month("mar"), Some(3));
        assert_eq!(month("july"), Some(7));
        assert_eq!(month("may"), Some(5));
        assert_eq!(month("jan"), Some(1));
        assert_eq!(month("the"), None);
        assert_eq!(scale("bn"), Some(1e9));
        assert_eq!(attached_scale("m"), Some(1e6));
        assert_eq!(multiple_word("doubled"), Some(2.0));
        assert_eq!(multiple_adjective("double"), Some(2.0));
        assert_eq!(multiple_adjective("doubled"), None);
    }

    #[test]
    fn countries_and_organisations_name_other_subjects() {
        assert!(is_country("indian") && is_country("türkiye") && is_country("kazakhstan"));
        assert!(!is_country("pakistan") && !is_country("azerbaijan") && !is_country("baku"));
        assert!(names_an_organisation("programme") && names_an_organisation("port"));
        assert!(!names_an_organisation("corridor"));
    }
}

/// How a word marks the figure after it as a forecast or a goal rather than a record: a verb
/// whose `to` looks ahead (`expected to reach`, `aims to raise`), a modal (`could reach`,
/// `will exceed`) or a noun (`a target of`, `the goal of`). `None` for any other word.
pub fn forecast_word(lower: &str) -> Option<Forecast> {
    Some(match lower {
        "expected" | "expects" | "expect" | "projected" | "forecast" | "forecasts"
        | "predicted" | "predicts" | "aim" | "aims" | "aiming" | "aimed" | "plan" | "plans"
        | "planning" | "hope" | "hopes" | "hoping" | "seek" | "seeks" | "seeking" | "intend"
        | "intends" | "want" | "wants" | "set" | "likely" | "poised" | "pledged" | "pledge"
        | "vowed" | "agreed" | "resolved" | "committed" | "targeting" | "targets" => {
            Forecast::Looking
        }
        "will" | "would" | "could" | "may" | "might" | "should" | "shall" | "can" | "ll" => {
            Forecast::Modal
        }
        "target" | "goal" | "ambition" | "projection" | "forecasted" | "aspiration"
        | "objective" => Forecast::Goal,
        _ => return None,
    })
}

/// Whether the words after a modal speak of the text rather than the future: `(it) should be
/// noted`, `(as we) will see`, `can be said`.
pub fn about_the_text(after: &[super::scan::Token]) -> bool {
    let mut ws = after
        .iter()
        .filter_map(|t| t.word())
        .filter(|w| !matches!(*w, "also" | "not" | "again" | "further"));
    match ws.next() {
        Some("be") => matches!(
            ws.next(),
            Some(
                "noted"
                    | "seen"
                    | "said"
                    | "remembered"
                    | "recalled"
                    | "stressed"
                    | "emphasised"
                    | "emphasized"
                    | "added"
                    | "mentioned"
                    | "argued"
                    | "observed"
                    | "recognised"
                    | "recognized"
            )
        ),
        Some(
            "note" | "see" | "recall" | "show" | "remember" | "notice" | "add" | "argue" | "say"
            | "mention" | "point" | "observe" | "stress",
        ) => true,
        _ => false,
    }
}

/// Whether the words between a forecast's marker and a figure tell of the past instead
/// (`expected to grow after trade reached`, `will, as it did in 2024, ...`): a verb in the
/// past tense or a word that looks back.
pub fn looks_back(between: &[super::scan::Token]) -> bool {
    between.iter().filter_map(|t| t.word()).any(|w| {
        matches!(
            w,
            "was"
                | "were"
                | "had"
                | "did"
                | "came"
                | "grew"
                | "rose"
                | "fell"
                | "after"
                | "since"
                | "when"
                | "ago"
                | "last"
                | "previous"
        ) || w.len() > 4 && w.ends_with("ed") && !w.ends_with("eed") && forecast_word(w).is_none()
    })
}

/// The kind of word [`forecast_word`] finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forecast {
    /// Looks ahead only with `to` after it: `expected to`, `aims to`, `set to` (not `set
    /// up`, `the plan was`).
    Looking,
    /// A modal: looks ahead unless it looks back (`could have been`).
    Modal,
    /// A goal named as a noun: `a target of $1 billion`, `the goal: 100,000 visitors`.
    Goal,
}
