//! `pakaz check`: the figures a draft states, each matched against the fact it is about.
//!
//! [`scan`] reads the draft (with [`markdown`] blanking what is not prose), [`matcher`] decides
//! which fact a figure belongs to and whether it agrees. Pure functions, no I/O.

pub mod lexicon;
pub mod markdown;
pub mod matcher;
pub mod mutate;
mod parts;
pub mod pieces;
pub mod scan;
pub mod subject;
pub mod threads;
pub mod words;

use std::cell::Cell;
use std::collections::HashMap;
use std::ops::ControlFlow;

use serde::Serialize;

use crate::model::{Fact, Sheet};
use crate::period::{Date, Period};
use lexicon::{Entry, Lexicon};
use matcher::{Index, Measure, Profile, Scratch, Verdict, Word};
use scan::{Amount, Quantity, Scan};
use words::Hedge;

/// How a figure compares with the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Agrees, allowing the writer's rounding.
    Ok,
    /// Belongs to a fact and disagrees with it.
    Mismatch,
    /// Right number, wrong hedge.
    Qualifier,
    /// Belongs to no fact in the sheet.
    Unknown,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Mismatch => "mismatch",
            Status::Qualifier => "qualifier",
            Status::Unknown => "unknown",
        }
    }

    /// The level an editor shows: `error`, `warning` or `note`.
    pub fn level(self) -> &'static str {
        match self {
            Status::Mismatch => "error",
            Status::Qualifier => "warning",
            Status::Ok | Status::Unknown => "note",
        }
    }
}

/// One figure of a draft and what the sheet says about it.
///
/// Positions are given twice: as a byte range into the text that was checked (for programs,
/// such as a language server, that slice or convert it) and as 1-based lines and columns
/// counted in characters (for people and for `FILE:LINE:COL` tools). `end_line`/`end_column`
/// point at the figure's last character, so the figure spans `column..=end_column` when it
/// is on one line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Byte offset in the checked text where the figure starts (its hedge or currency sign).
    #[serde(skip)]
    pub start: usize,
    /// Byte offset just past the figure's last character.
    #[serde(skip)]
    pub end: usize,
    /// 1-based line and column (in characters) where the figure starts.
    pub line: usize,
    pub column: usize,
    /// 1-based line and column (in characters) of the figure's last character.
    pub end_line: usize,
    pub end_column: usize,
    /// The figure as written, with its hedge and what it counts.
    pub found: String,
    pub status: Status,
    /// The id of the fact it belongs to.
    pub fact: Option<String>,
    /// The sheet's figure as a person writes it (for a date, the date).
    pub expected: Option<String>,
    pub message: String,
    /// For a problem, what the writer should write instead, in running text: `80,924`,
    /// `about US$20.7 million`, `nearly doubled`, `July 2024`.
    pub replacement: Option<String>,
}

/// What a writer should write for a fact in running text: the hedge as a word, the number
/// with its scale, the unit as prose writes it; the count's noun is left to the writer
/// (`80,924`, not `80,924 people`). A date is the date.
pub fn replacement(fact: &Fact) -> String {
    use crate::model::Value;
    let hedge = fact.qualifier.word();
    let amount = match fact.value {
        Value::Text(_) => return fact.period.map(|p| p.human()).unwrap_or_default(),
        Value::Number(n) => crate::figure::scaled(n),
        Value::Range { min, max } => format!(
            "{}–{}",
            crate::figure::scaled(min),
            crate::figure::scaled(max)
        ),
    };
    let unit = fact.unit.as_deref().unwrap_or("");
    let body = match unit {
        "USD" | "US$" | "$" => format!("US${amount}"),
        "EUR" => format!("€{amount}"),
        "%" => format!("{amount}%"),
        "t" | "tons" | "tonnes" => format!("{amount} tonnes"),
        "days" | "day" => format!("{amount} days"),
        "×" | "x" => match fact.value {
            Value::Number(2.0) => "doubled".to_string(),
            Value::Number(3.0) => "tripled".to_string(),
            _ => format!("{amount} times"),
        },
        _ => amount,
    };
    format!("{hedge}{body}")
}

/// Every weight and threshold attribution uses, in one place. `docs/check.md` explains each.
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    /// Below this score no fact is close enough to be about a figure.
    pub attribute: f64,
    /// A problem is reported only for a fact at least this sure ...
    pub sure: f64,
    /// ... and this many times the score of the next fact.
    pub ahead: f64,
    /// How much a fact named only by the sentences around a figure counts when the figure's
    /// own sentence names another.
    pub neighbour_only: f64,
    /// How much a fact counts when its value is far from the figure and another fact's is not.
    pub far_off: f64,
    /// A date is a claim about an event only with at least this much evidence.
    pub event: f64,
    /// A fact is kept as a candidate when its score times this reaches the best score of the
    /// figure's own sentence (or when it is twice `sure` on its own).
    pub topic_ratio: f64,
    /// A runner-up whose value the figure matches is chosen over the best fact when its score
    /// is at least this share of the best's.
    pub runner_up_share: f64,
    /// Each sign beyond the words that a figure is a fact's adds this to its score: the counted
    /// noun names it, the unit is written out, a date in the sentence fits its period, that
    /// date is its very period.
    pub sign: f64,
    /// A date from the sentence before that does not fit a fact's period scales its score.
    pub inherited_conflict: f64,
    /// The words of the heading above a figure, the line that introduces its list, a table's
    /// header row, weigh this much against the figure's own sentence.
    pub heading: f64,
    /// A heading or a sentence that asks a question (`When were relations established?`)
    /// weighs this much for the answer after it, which often names nothing itself (`In
    /// 1992.`).
    pub question: f64,
    pub list_lead: f64,
    /// The sentence two before a figure in running text.
    pub grandparent: f64,
    pub table_header: f64,
    /// Words within this many of the figure weigh fully; further ones weigh `near / distance`,
    /// but never less than `floor`.
    pub near: f64,
    pub floor: f64,
    /// A word of the figure's sentence in another clause (`, and`, `;`, `while`) weighs this
    /// much for each boundary between it and the figure.
    pub other_clause: f64,
    /// For a figure whose near words name no fact (`..., and some 46,000 followed`), every
    /// word of its sentence weighs at least this, with no discount for other clauses.
    pub elliptical_floor: f64,
    /// A bare number below this, with no unit and no counted noun that names the fact
    /// (`version 2.1`, a post numbered `6/`), is no fact's figure: it is never judged, unless
    /// a word of the fact's subject is among the `bare_reach` words before it in its clause
    /// (`JF-17 jets: 6`).
    pub small_bare: f64,
    pub bare_reach: usize,
    /// A problem is reported only when the figure's context has at least this many words of
    /// the fact's subject besides its unit: `600k people a day` on a metro shares only
    /// `people` with a visitor count.
    pub subject_words: usize,
    /// A fact's score is scaled by this when what the figure counts carries a name that no
    /// fact of the fact's sector uses (`800,000 Turkish visitors`).
    pub foreign_name: f64,
    /// A fact's score is scaled by this when the figure's own date is another period than the
    /// fact's, which it only overlaps, and either another fact of its measure is for exactly
    /// that date (`12% in 2024` is not January 2024's rise when the sheet has 2024's) or the
    /// fact's period is less than `part_of_period` of it (January for the whole of 2024).
    pub other_period: f64,
    pub part_of_period: f64,
    /// How many sentences before a figure's own, following its parents (the paragraph's
    /// sentences, a list's lead-in), can make Pakistan the subject of a figure whose clause
    /// names only Azerbaijan ([`subject::all_of_azerbaijan`]).
    pub subject_reach: usize,
    /// How many words before a figure, in its clause, a word that looks ahead (`expected to`,
    /// `could`, `a target of`) makes it a forecast ([`subject::forecast`]), which only a fact
    /// that is itself a goal or a plan can be about.
    pub forecast_reach: usize,
    /// A goal named as a noun makes a forecast of a figure at most this many tokens after it
    /// (`a target of $1 billion`), not of one further on (`below the target set in Baku, trade
    /// reached $20.7 million`).
    pub goal_reach: usize,
    /// How many lines holding a full date alone (`Wednesday, 17 January 2024`) a draft needs
    /// for them to be read as the dates of its entries, each anchoring the relative dates under
    /// it (a diary, a log).
    pub entries: usize,
    /// How many cells before a table cell that holds only a number a cell that holds only a
    /// unit may be, when the cell after it holds none (a data dictionary's `unit` column).
    pub unit_column_reach: usize,
    /// How many facts of one measure make a series, one of whose years an undated figure
    /// cannot be a slip of the decimal point for.
    pub series: usize,
    /// How many tokens from a figure, in its clause, a word that calls it wrong (`a common
    /// wrong answer was 1991`, `8,092, which received no credit`) makes it a quoted error
    /// rather than the writer's claim ([`subject::marked_wrong`]).
    pub wrong_reach: usize,
    /// A fact whose value is within this share of the figure's is near it, and a rival whose
    /// value is no nearer than this and at least `further_value` times as far off is no rival
    /// to it: the figure is the near one's, with a digit wrong (`US$13.4 million` is 2020's
    /// turnover of 13.2, not its imports of 11.6).
    pub near_value: f64,
    pub further_value: f64,
}

/// The weights in force.
pub const WEIGHTS: Weights = Weights {
    attribute: 1.6,
    sure: 2.4,
    ahead: 1.5,
    neighbour_only: 0.3,
    far_off: 0.5,
    event: 3.5,
    topic_ratio: 2.5,
    runner_up_share: 0.6,
    sign: 1.0,
    inherited_conflict: 0.5,
    heading: 0.35,
    question: 0.8,
    list_lead: 0.5,
    grandparent: 0.3,
    table_header: 0.8,
    near: 6.0,
    floor: 0.15,
    other_clause: 0.5,
    elliptical_floor: 0.3,
    small_bare: 100.0,
    bare_reach: 4,
    subject_words: 1,
    foreign_name: 0.0,
    other_period: 0.0,
    part_of_period: 0.5,
    subject_reach: 3,
    forecast_reach: 8,
    goal_reach: 4,
    entries: 2,
    unit_column_reach: 2,
    series: 3,
    wrong_reach: 10,
    near_value: 0.05,
    further_value: 4.0,
};

const ATTRIBUTE: f64 = WEIGHTS.attribute;
const SURE: f64 = WEIGHTS.sure;
const AHEAD: f64 = WEIGHTS.ahead;
const NEIGHBOUR_ONLY: f64 = WEIGHTS.neighbour_only;
const FAR_OFF: f64 = WEIGHTS.far_off;
const EVENT: f64 = WEIGHTS.event;

/// `PAKAZ_DEBUG` set: why each figure was attributed as it was, on stderr. Read once.
static DEBUG: std::sync::LazyLock<bool> =
    std::sync::LazyLock::new(|| std::env::var_os("PAKAZ_DEBUG").is_some());

/// Checks a draft against a prepared sheet, a piece at a time (see [`pieces`]): the findings of
/// each piece go to `sink` as soon as it is read, in the order of the text, with byte ranges
/// into `text`, so that memory holds one piece's findings, not the draft's. `sink` may stop the
/// check; what it breaks with is returned.
fn check_with<B>(
    index: &Index,
    text: &str,
    options: &Options,
    shown: Shown,
    sink: &mut dyn FnMut(Vec<Finding>) -> ControlFlow<B>,
) -> ControlFlow<B> {
    let cut = Cut {
        size: pieces::PIECE,
        figures: pieces::FIGURES,
        workers: threads::workers(text.len(), options.threads),
    };
    check_in_pieces(index, text, options, cut, shown, None, sink)
}

/// How a draft is cut into pieces, and how many threads attribute their figures.
#[derive(Debug, Clone, Copy)]
struct Cut {
    /// The most characters of a piece.
    size: usize,
    /// The most numbers of a piece.
    figures: usize,
    /// Threads to read and attribute the pieces ([`threads::workers`]), or `None` to
    /// check on the caller's thread alone. With threads, pieces are cut as
    /// [`threads::piece_size`] says, no longer than `size` and `figures`.
    workers: Option<usize>,
}

/// What the first piece of a draft of more than one takes: the draft's date, and how the
/// whole draft writes decimals and whether it is a diary, which every piece reads as the whole
/// draft does.
fn whole_carry(whole: &markdown::Layout, anchor: Option<Date>) -> scan::Carry {
    scan::Carry {
        anchor,
        comma_decimal: Some(scan::decimal_comma_hint(&whole.chars)),
        diary: Some(scan::is_diary(whole)),
        ..scan::Carry::default()
    }
}

/// [`check_with`] in pieces cut as `cut` says; with a `memo`, on the caller's thread.
fn check_in_pieces<B>(
    index: &Index,
    text: &str,
    options: &Options,
    cut: Cut,
    shown: Shown,
    mut memo: Option<&mut Memo>,
    sink: &mut dyn FnMut(Vec<Finding>) -> ControlFlow<B>,
) -> ControlFlow<B> {
    let syntax = markdown::Syntax::of_name(options.name.as_deref());
    let workers = cut.workers.filter(|_| memo.is_none());
    let anchor = options.as_of.or_else(|| scan::front_matter_date(text));
    let mut bytes = Bytes::new(text);
    // On threads, the first piece is sized to the whole draft and the others to what is left
    // of it ([`threads::piece_size`]).
    let sized = |len: usize| match workers {
        Some(n) => {
            let (size, figures) = threads::piece_size(len, n);
            (cut.size.min(size), cut.figures.min(figures))
        }
        None => (cut.size, cut.figures),
    };
    // The draft laid out: on threads, in parts side by side, since it is the one part of the
    // work they would otherwise wait for.
    let laid = std::sync::OnceLock::new();
    if let Some(n) = workers {
        let ready = || {
            let whole = laid.get_or_init(|| parts::lay_out(text, syntax, n));
            let (size, figures) = sized(whole.chars.len());
            // A draft of one piece is the caller's alone.
            if pieces::figures_end(&whole.chars, 0, size, figures) == whole.chars.len() {
                return None;
            }
            Some((whole, whole_carry(whole, anchor)))
        };
        let caps = (cut.size, cut.figures);
        let done = threads::check_on_threads(index, ready, caps, n, shown, &mut bytes, sink);
        if let Some(done) = done {
            return done;
        }
    }
    let whole = laid
        .into_inner()
        .unwrap_or_else(|| markdown::layout_as(text, syntax));
    let (size, figures) = sized(whole.chars.len());
    let end = pieces::figures_end(&whole.chars, 0, size, figures);
    if end == whole.chars.len() {
        if let Some(memo) = memo {
            *memo = Memo {
                count: 1,
                read: 1,
                ..Memo::default()
            };
        }
        let carry = scan::Carry {
            anchor,
            ..scan::Carry::default()
        };
        let scan = scan::scan_layout(whole, carry, Lexicon::default());
        let (mut findings, _) = scan_findings(index, scan, 0, &mut Vec::new(), shown);
        bytes.convert(&mut findings);
        return sink(findings);
    }
    let mut carry = whole_carry(&whole, anchor);
    // The words met so far and their numbers in the index, kept from piece to piece up to
    // `LEXICON` words, then started afresh.
    let mut lexicon = Lexicon::default();
    let mut ids = Vec::new();
    let all = match memo {
        Some(_) => pieces::stable_pieces(&whole, size, figures),
        None => pieces::pieces(&whole, size, figures),
    };
    // The last check's pieces, each given back once; a piece met twice in this check (the
    // same text with the same carry) is copied from what this check kept.
    let mut last = memo.as_deref_mut().map(|m| std::mem::take(&mut m.pieces));
    let (mut kept, mut read, mut count) = (HashMap::new(), 0, 0);
    for piece in all {
        count += 1;
        let (body, offset) = (piece.body, piece.offset);
        carry.body = body;
        let key = memo.is_some().then(|| PieceKey::new(&piece.layout, carry));
        let known = key.as_ref().and_then(|key| {
            last.as_mut()?
                .remove(key)
                .or_else(|| kept.get(key).cloned())
        });
        let (mut findings, after) = match known {
            Some(known) => known,
            None => {
                read += 1;
                if lexicon.entries().len() > LEXICON {
                    lexicon = Lexicon::default();
                    ids.clear();
                }
                let scan = scan::scan_layout(piece.layout, carry, lexicon);
                // What the next piece takes from this one.
                let after = (scan.anchor, scan.last_year(body).or(carry.year), scan.entry);
                let (findings, words) = scan_findings(index, scan, body, &mut ids, shown);
                lexicon = words;
                (findings, after)
            }
        };
        (carry.anchor, carry.year, carry.entry) = after;
        carry.later = true;
        if let Some(key) = key {
            kept.insert(key, (findings.clone(), after));
        }
        place(&mut findings, &whole, (body, offset), &mut bytes);
        sink(findings)?;
    }
    if let Some(memo) = memo {
        (memo.pieces, memo.count, memo.read) = (kept, count, read);
    }
    ControlFlow::Continue(())
}

/// Turns the findings of a piece (character ranges of its layout, whose own text starts at
/// `body` and at `offset` in the whole draft) into findings of the whole draft, with byte
/// ranges and lines and columns.
fn place(
    findings: &mut [Finding],
    whole: &markdown::Layout,
    (body, offset): (usize, usize),
    bytes: &mut Bytes,
) {
    for f in findings.iter_mut() {
        f.start = f.start - body + offset;
        f.end = f.end - body + offset;
        (f.line, f.column) = whole.position(f.start);
        (f.end_line, f.end_column) = whole.position(f.end - 1);
    }
    bytes.convert(findings);
}

/// What checking a document found, piece by piece, kept so that checking it again after an
/// edit reads only the pieces whose text changed (see [`Checker::check_again`]). A piece is
/// known by its whole text and what it takes from the pieces before it, so a piece given back
/// is one that reading would give again.
#[derive(Debug, Default)]
pub struct Memo {
    pieces: HashMap<PieceKey, (Vec<Finding>, CarriedOn)>,
    /// How many pieces the last check cut the document into, and how many of them it read
    /// (the others it was given back).
    count: usize,
    read: usize,
}

impl Memo {
    /// How many pieces the last check cut the document into, and how many of them it read.
    pub fn pieces_read(&self) -> (usize, usize) {
        (self.count, self.read)
    }
}

/// What a piece passes on to the next: the draft's date, the year `that year` refers to and the
/// date of the last diary entry.
type CarriedOn = (Option<Date>, Option<i32>, Option<Date>);

/// The size of the pieces a [`Memo`] keeps: an edit reads its own piece again, a few thousand
/// characters, and the layout of the whole document.
const MEMO_PIECE: usize = 4096;

/// Everything a piece's findings depend on: its laid-out text and what it carries in.
#[derive(Debug, PartialEq, Eq, Hash)]
struct PieceKey {
    chars: Vec<char>,
    line_starts: Vec<usize>,
    kinds: Vec<markdown::LineKind>,
    carry: scan::Carry,
}

impl PieceKey {
    fn new(layout: &markdown::Layout, c: scan::Carry) -> PieceKey {
        PieceKey {
            chars: layout.chars.clone(),
            line_starts: layout.line_starts.clone(),
            kinds: layout.kinds.clone(),
            carry: c,
        }
    }
}

/// The most distinct words a lexicon is kept for from one piece of a draft to the next (far
/// fewer in unit tests, so that they start the lexicon afresh too).
const LEXICON: usize = if cfg!(test) { 256 } else { 1 << 15 };

/// The findings of a read draft or piece, in the order of the text, with character ranges of
/// its layout; none before `body`, where the piece's own text starts. Its lexicon comes back
/// for the next piece; `ids` holds the index numbers of its words already looked up.
fn scan_findings(
    index: &Index,
    scan: Scan,
    body: usize,
    known_ids: &mut Vec<Option<usize>>,
    shown: Shown,
) -> (Vec<Finding>, Lexicon) {
    look_up_words(index, &scan.lexicon, known_ids);
    let findings = findings_of(index, &scan, body, known_ids, shown);
    (findings, scan.lexicon)
}

/// Looks up in the index the words a lexicon has met since `ids` was last brought up to date.
/// Each distinct word of a draft is looked up once, not once per use: `ids` gives the index
/// number of a word's stem by the word's number in the lexicon.
fn look_up_words(index: &Index, lexicon: &Lexicon, ids: &mut Vec<Option<usize>>) {
    let known = ids.len();
    ids.extend(lexicon.entries()[known..].iter().map(|w| index.id(&w.stem)));
}

/// Room for attributing the figures of a piece, kept from one figure to the next so that a
/// figure allocates nothing for its words and scores.
#[derive(Default)]
struct Work<'s> {
    scratch: Scratch,
    /// The words around the figure or date at hand.
    words: Vec<Word<'s>>,
    /// The scores of the figure's words ([`attributed_finding`]).
    scores: Vec<matcher::Score>,
    /// For each measure ([`Index::group`]), the best score of its facts among the figure's
    /// (at least 0): a few numbers, set to 0 for each figure.
    measure_best: Vec<f64>,
    /// For each measure, whether its best score is on topic for the figure at hand.
    measure_on_topic: Vec<bool>,
    /// By a word's number in the lexicon, the sectors whose subject it belongs to
    /// ([`Index::subject_sectors`]), once asked.
    sectors_of_word: Vec<Option<Vec<usize>>>,
    /// For each measure, once asked for the figure at hand: whether what the figure counts
    /// names one of its facts, and whether one of its facts is for exactly the figure's own
    /// date.
    measure_named: PerMeasure<Option<bool>>,
    measure_dated: PerMeasure<Option<bool>>,
    /// For each measure, whether the figure's own words name one of its facts.
    measure_near: PerMeasure<bool>,
    /// The facts the figure at hand may be about ([`attributed_finding`]).
    candidates: Vec<Candidate>,
}

/// A value for each measure ([`Index::group`]) for the figure at hand: what was set for an
/// earlier figure reads as the default, so that nothing needs to be cleared between figures.
#[derive(Default)]
struct PerMeasure<T: Copy + Default> {
    /// The figure at hand, counted from 1.
    figure: usize,
    /// For each measure, the figure its value was set for, and the value.
    slots: Vec<Cell<(usize, T)>>,
}

impl<T: Copy + Default> PerMeasure<T> {
    /// Starts a figure: every measure of `index` reads as the default.
    fn start(&mut self, index: &Index) {
        self.figure += 1;
        if self.slots.len() < index.groups() {
            self.slots
                .resize_with(index.groups(), || Cell::new((0, T::default())));
        }
    }

    fn get(&self, measure: usize) -> T {
        let (figure, value) = self.slots[measure].get();
        if figure == self.figure {
            value
        } else {
            T::default()
        }
    }

    fn set(&self, measure: usize, value: T) {
        self.slots[measure].set((self.figure, value));
    }
}

impl<U: Copy> PerMeasure<Option<U>> {
    /// The value for `measure`, worked out with `answer` if it is not known yet.
    fn get_or(&self, measure: usize, answer: impl FnOnce() -> U) -> U {
        self.get(measure).unwrap_or_else(|| {
            let value = answer();
            self.set(measure, Some(value));
            value
        })
    }
}

/// The findings of a read draft or piece, as [`scan_findings`] gives them, with the index
/// numbers of its words already looked up.
fn findings_of(
    index: &Index,
    scan: &Scan,
    body: usize,
    ids: &[Option<usize>],
    shown: Shown,
) -> Vec<Finding> {
    let mut findings = Vec::with_capacity(scan.quantities.len() + scan.dates.len());
    let mut work = Work::default();
    let mut dates_used = vec![false; scan.dates.len()];
    // A date in a sentence with a figure dates that figure.
    let mut sentences_with_figures = vec![false; scan.sentences.len()];
    for q in scan
        .quantities
        .iter()
        .filter(|q| !in_a_name(index, scan, q))
    {
        sentences_with_figures[q.sentence] = true;
        let (dated, date) = period_for(scan, q);
        if let Some(d) = date {
            dates_used[d] = true;
        }
        let f = quantity_finding(index, scan, ids, q, dated, &mut work, shown);
        // A number written in words (`two countries`) is reported only when it is a fact's.
        if !(q.in_words && f.status == Status::Unknown) {
            findings.push(f);
        }
    }
    for (i, d) in scan.dates.iter().enumerate() {
        if let Some(f) = event_finding(index, scan, ids, d, &mut work, shown) {
            findings.push(f);
        } else if !dates_used[i] && !sentences_with_figures[d.sentence] {
            findings.push(finding(
                scan,
                (d.first, d.last),
                Status::Unknown,
                None,
                shown,
                |found| format!("{found}: no dated fact in the sheet is about this"),
            ));
        }
    }
    findings.retain(|f| {
        shown.shows(f.status)
            && !(f.status == Status::Unknown && f.found.is_empty())
            && f.start >= body
    });
    findings.sort_by_key(|f| (f.start, f.end));
    findings
}

/// Turns character indices of a draft's layout into byte offsets of its text, going forward
/// only, so that a draft read in pieces is walked once. The layout drops a leading
/// byte-order mark, so its bytes are added back.
struct Bytes<'t> {
    body: &'t str,
    bom: usize,
    /// A character index and its byte offset in `body`.
    char_at: usize,
    byte_at: usize,
}

impl<'t> Bytes<'t> {
    fn new(text: &'t str) -> Bytes<'t> {
        let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
        Bytes {
            body: &text[bom..],
            bom,
            char_at: 0,
            byte_at: 0,
        }
    }

    /// The byte offset of character `index` (the text's end past its last character), for an
    /// index no lower than the last one asked for.
    fn byte(&mut self, index: usize) -> usize {
        let bytes = self.body.as_bytes();
        while self.char_at < index && self.byte_at < bytes.len() {
            // A run of ASCII, where a byte is a character, is passed at once.
            let ahead = &bytes[self.byte_at..];
            let want = (index - self.char_at).min(ahead.len());
            let ascii = markdown::ascii_run(&ahead[..want]);
            self.byte_at += ascii;
            self.char_at += ascii;
            if ascii < want {
                let width = self.body[self.byte_at..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
                self.byte_at += width;
                self.char_at += 1;
            }
        }
        self.bom + self.byte_at
    }

    /// Turns the character ranges of findings (sorted by start, none before an index already
    /// asked for) into byte ranges.
    fn convert(&mut self, findings: &mut [Finding]) {
        let mut wanted: Vec<usize> = Vec::with_capacity(findings.len() * 2);
        wanted.extend(findings.iter().flat_map(|f| [f.start, f.end]));
        wanted.sort_unstable();
        wanted.dedup();
        let bytes: Vec<usize> = wanted.iter().map(|&w| self.byte(w)).collect();
        let byte_of = |c: usize| bytes[wanted.partition_point(|&w| w < c)];
        for f in findings {
            f.start = byte_of(f.start);
            f.end = byte_of(f.end);
        }
    }
}

/// Which findings a caller shows: problems always, agreeing and unknown figures when asked.
/// A finding that is not shown is left out before its text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    pub ok: bool,
    pub unknown: bool,
}

impl Shown {
    /// Every finding, whatever its status.
    pub const ALL: Shown = Shown {
        ok: true,
        unknown: true,
    };

    pub fn shows(self, status: Status) -> bool {
        match status {
            Status::Mismatch | Status::Qualifier => true,
            Status::Ok => self.ok,
            Status::Unknown => self.unknown,
        }
    }
}

/// A finding for the tokens `first..=last`, its message written from the figure as found
/// (`scan.text`). One that is not `shown` keeps only its status and range, and is left out
/// by [`scan_findings`].
fn finding(
    scan: &Scan,
    (first, last): (usize, usize),
    status: Status,
    fact: Option<&Profile>,
    shown: Shown,
    message: impl FnOnce(&str) -> String,
) -> Finding {
    let start = scan.tokens[first].start();
    let end = scan.tokens[last].end().max(start + 1);
    if !shown.shows(status) {
        return Finding {
            start,
            end,
            line: 0,
            column: 0,
            end_line: 0,
            end_column: 0,
            found: String::new(),
            status,
            fact: None,
            expected: None,
            message: String::new(),
            replacement: None,
        };
    }
    let found = scan.text(first, last);
    let message = message(&found);
    let (line, column) = scan.layout.position(start);
    let (end_line, end_column) = scan.layout.position(end - 1);
    Finding {
        // Character indices until `check` turns them into byte offsets.
        start,
        end,
        line,
        column,
        end_line,
        end_column,
        found,
        status,
        fact: fact.map(|p| p.fact.id.clone()),
        expected: fact.map(|p| p.figure.clone()),
        message,
        replacement: fact
            .filter(|_| matches!(status, Status::Mismatch | Status::Qualifier))
            .map(|p| p.replacement.clone()),
    }
}

/// A window keeps the work per figure bounded however long a sentence is: this many words
/// each side of the figure, or at the end of a sentence before it.
const WINDOW: usize = 40;

/// [`context_read`] for a figure that is not elliptical.
#[cfg(test)]
fn context<'s>(
    scan: &'s Scan,
    ids: &[Option<usize>],
    sentence: usize,
    core: (usize, usize),
) -> Vec<Word<'s>> {
    let mut out = Vec::new();
    context_read(scan, ids, sentence, core, false, None, &mut out);
    out
}

/// The words around a figure, each with a weight for how much it can say about the figure:
/// nearer words in its own sentence weigh most, then the sentence before it (or the line that
/// introduces its list, or its table's header), then the heading above it. For an elliptical
/// figure (`..., and some 46,000 followed in 2025`), the words of its whole sentence count as
/// near ones of its own clause. They replace what `out` held. The words of the figure's own
/// sentence come last, from the place returned on (`out`'s length when it has none), and are
/// the only ones marked own.
#[allow(clippy::too_many_arguments)]
fn context_read<'s>(
    scan: &'s Scan,
    ids: &[Option<usize>],
    sentence: usize,
    core: (usize, usize),
    elliptical: bool,
    item_before: Option<usize>,
    out: &mut Vec<Word<'s>>,
) -> usize {
    out.clear();
    let s = &scan.sentences[sentence];
    if let Some(b) = item_before {
        push_sentence(scan, ids, b, WEIGHTS.list_lead, None, out);
    }
    if let Some(h) = s.heading {
        let weight = heading_weight(scan, sentence, h);
        // The heading's sentence before it on its line is the heading's too.
        if let Some(before) = heading_before(scan, h) {
            push_sentence(scan, ids, before, weight, None, out);
        }
        push_sentence(scan, ids, h, weight, None, out);
    }
    if let Some(p) = s.parent {
        let weight = if matches!(s.kind, markdown::LineKind::TableRow { .. }) {
            WEIGHTS.table_header
        } else if scan.is_question(p) {
            WEIGHTS.question
        } else {
            WEIGHTS.list_lead
        };
        // The sentence before that, in running text (`Trade is smaller than it could be. It
        // came to $20.7 million. That was 38.7% higher.`), weighs less again.
        if let Some(g) = scan.sentences[p].parent.filter(|_| {
            s.kind == markdown::LineKind::Text && scan.sentences[p].kind == markdown::LineKind::Text
        }) {
            push_sentence(scan, ids, g, WEIGHTS.grandparent, None, out);
        }
        push_sentence(scan, ids, p, weight, None, out);
    }
    let own_from = out.len();
    push_sentence(scan, ids, sentence, 1.0, Some((core, elliptical)), out);
    // `It` as the subject of the figure's clause (`It stood at US$13.2 million`, `In 2022 it
    // rose by over 140% to US$28.1 million`) stands for what the sentence before is about: its
    // words are the figure's own, as near as the pronoun.
    if let (Some(p), Some(near)) = (s.parent, subject_it(scan, s, core.0)) {
        if scan.sentences[p].kind == s.kind {
            let before = out.len();
            push_sentence(scan, ids, p, near, None, out);
            for w in &mut out[before..] {
                w.own = true;
            }
        }
    }
    own_from
}

/// How near the pronoun `it` that opens a figure's sentence as its subject (after a date at
/// most) stands to the figure starting at token `first`, with no clause boundary between
/// them: 1 within [`Weights::near`] words, less further off, as any word of the sentence.
fn subject_it(scan: &Scan, s: &scan::Sentence, first: usize) -> Option<f64> {
    let from = s.start.max(first.saturating_sub(WINDOW));
    let mut k = first;
    while k > from {
        k -= 1;
        if clause_boundary(scan, k) {
            return None;
        }
        // `It` opens the clause, after a date at most (`In 2022 it rose ...`).
        let opens = |j: usize| {
            scan.in_date[j]
                || scan.tokens[j]
                    .word()
                    .is_some_and(|w| matches!(w, "in" | "by" | "for" | "during"))
        };
        if scan.tokens[k].word() == Some("it") && (s.start..k).all(opens) {
            return Some(nearness((first - k) as f64));
        }
    }
    None
}

/// How much a word `d` tokens from a figure weighs: 1 within [`Weights::near`] tokens, less
/// further off, and never below [`Weights::floor`].
fn nearness(d: f64) -> f64 {
    if d <= WEIGHTS.near {
        1.0
    } else {
        (WEIGHTS.near / d).max(WEIGHTS.floor)
    }
}

fn push_sentence<'s>(
    scan: &'s Scan,
    ids: &[Option<usize>],
    sentence: usize,
    weight: f64,
    around: Option<((usize, usize), bool)>,
    out: &mut Vec<Word<'s>>,
) {
    let s = &scan.sentences[sentence];
    // Dates are periods, not topic words (`the first seven months of 2025`).
    let word_at = |k: usize| scan.tokens[k].entry().filter(|_| !scan.in_date[k]);
    let Some(((a, b), elliptical)) = around else {
        // A sentence around the figure's own: its last words, each at the sentence's weight.
        for k in s.start.max(s.end.saturating_sub(WINDOW))..s.end {
            if let Some(word) = word_at(k) {
                sheet_words(scan, ids, word, |stem, id| {
                    out.push(Word {
                        stem,
                        id,
                        weight,
                        own: false,
                    });
                });
            }
        }
        return;
    };
    let (from, to) = (
        s.start.max(a.saturating_sub(WINDOW)),
        s.end.min(b + WINDOW + 1),
    );
    // Clauses joined by `, and`, `; `, `while` ... are about different things: a word in
    // another clause than the figure's weighs less for each boundary between them (`apart`).
    let boundary = |k: usize| clause_boundary(scan, k);
    let w = &WEIGHTS;
    let weigh = |d: usize, apart: i32| {
        let near = nearness(d as f64);
        if elliptical {
            near.max(w.elliptical_floor)
        } else if apart == 0 {
            // `x.powi(0)` is 1.
            near
        } else {
            near * w.other_clause.powi(apart)
        }
    };
    let push = |out: &mut Vec<Word<'s>>, word: &'s Entry, w: f64| {
        sheet_words(scan, ids, word, |stem, id| {
            out.push(Word {
                stem,
                id,
                weight: w * weight,
                own: true,
            });
        });
    };
    // The words before the figure are walked back from it, so that the boundaries between a
    // word and the figure are counted as they are passed, each once, and then put in order.
    let before = out.len();
    let mut apart = 0i32;
    for k in (from..a).rev() {
        if let Some(word) = word_at(k) {
            push(out, word, weigh(a - k, apart));
        }
        if boundary(k) {
            apart += 1;
        }
    }
    out[before..].reverse();
    // After it, a boundary counts from the figure's first token on. Past a comma or `and`
    // after the figure, the words that lead up to the next figure in digits are that figure's
    // (`..., exports coming to US$7.6 million and its imports to US$2.05 million`), and so is
    // all that comes after it: each is a boundary too.
    let figures = &scan.quantities;
    let mut n = figures.partition_point(|f| f.core.0 <= b);
    let next = figures[n..]
        .iter()
        .take_while(|f| f.sentence == sentence)
        .find(|f| !f.in_words)
        .map(|f| f.core.0);
    let mut led = false;
    let mut apart = 0i32;
    for k in a..to {
        if boundary(k) {
            apart += 1;
        }
        if !led
            && k > b
            && next.is_some_and(|f| k < f)
            && (scan.tokens[k].sym() == Some(',') || scan.tokens[k].word() == Some("and"))
        {
            led = true;
            apart += 1;
        }
        while n < figures.len() && figures[n].core.0 <= k {
            if !figures[n].in_words && figures[n].core.0 == k {
                apart += 1;
            }
            n += 1;
        }
        if k <= b {
            continue;
        }
        if let Some(word) = word_at(k) {
            push(out, word, weigh(k - b, apart));
        }
    }
}

/// Hands `each` the stem and index number of what word `word` says in the sheet's terms: the
/// word itself, or, for a compound the sheet does not use whose two parts it does
/// (`Lahore-Baku`), each part.
fn sheet_words<'s>(
    scan: &'s Scan,
    ids: &[Option<usize>],
    word: &'s Entry,
    mut each: impl FnMut(&'s str, Option<usize>),
) {
    let id = ids[word.number];
    if let (None, Some((a, b))) = (id, word.parts) {
        if let (Some(Some(ia)), Some(Some(ib))) = (ids.get(a), ids.get(b)) {
            let entries = scan.lexicon.entries();
            each(&entries[a].stem, Some(*ia));
            each(&entries[b].stem, Some(*ib));
            return;
        }
    }
    each(&word.stem, id);
}

/// Where the period of a figure comes from.
#[derive(Debug, Clone, Copy)]
struct Dated {
    period: Period,
    /// Written in the figure's own sentence (not taken from the one before or a heading).
    own: bool,
    /// The only date in that sentence that is not a point of comparison.
    alone: bool,
}

/// The period a figure is for: the nearest date in its sentence that is not a point of
/// comparison (a date across a clause boundary counts as further away), else one in the
/// sentence or line that introduces it, else in its heading.
fn period_for(scan: &Scan, q: &Quantity) -> (Option<Dated>, Option<usize>) {
    // Dates near the figure in its sentence: a window keeps this linear in long sentences.
    const WINDOW: usize = 40;
    let near = |d: &scan::DateMention| {
        d.sentence == q.sentence
            && !d.baseline
            && d.last + WINDOW >= q.first
            && d.first <= q.last + WINDOW
    };
    let from = scan.dates.partition_point(|d| d.last + WINDOW < q.first);
    // The dates near the figure with their numbers, walked again rather than kept in a list
    // for each figure: there are few.
    let candidates = || {
        scan.dates[from..]
            .iter()
            .enumerate()
            .take_while(|(_, d)| d.first <= q.last + WINDOW)
            .map(move |(i, d)| (from + i, d))
            .filter(|(_, d)| near(d))
    };
    let span = |d: &scan::DateMention| {
        if d.first > q.last {
            (q.last, d.first)
        } else {
            (d.last, q.first)
        }
    };
    let distance = |d: &scan::DateMention| -> usize {
        let (from, to) = span(d);
        let clauses = (from..to)
            .filter(|&k| {
                matches!(scan.tokens[k].sym(), Some(',' | '—' | '–' | '(' | ')'))
                    || matches!(
                        scan.tokens[k].word(),
                        Some("and" | "while" | "but" | "whereas" | "which" | "with")
                    )
            })
            .count();
        // A date that overlaps the figure's own tokens is as close as a date can be.
        to.saturating_sub(from) + 12 * clauses
    };
    // A date in a clause of its own, set off by `, and` or `;` (`... 6.6 million tonnes in
    // 2024, goods need 16 to 20 days, and up to 40 jets ...`), dates nothing in another clause.
    let sentence_start = scan.sentences[q.sentence].start;
    let separated = |d: &scan::DateMention| {
        // A date that opens the sentence (`In 2024 the corridor moved ..., while container
        // traffic almost doubled`) dates every clause of it.
        if d.first <= sentence_start + 2 {
            return false;
        }
        let (from, to) = span(d);
        (from..to).any(|k| {
            scan.tokens[k].sym() == Some(';')
                || scan.tokens[k].sym() == Some(',')
                    && matches!(
                        scan.tokens.get(k + 1).and_then(|t| t.word()),
                        Some("and" | "but" | "while" | "whereas" | "whilst")
                    )
        })
    };
    // A figure in a clause that opens with `when` right after a date (`about 47% up on 2023,
    // when there were 55,000`) is for that date, though it is the point of comparison of the
    // figure before; so is a rate beside `since` and a date (`since April 2025, runs 2 flights
    // a week`): what has held from then on; and so is a figure with a date right after it
    // (`... from 55,000 in 2023`) or right before it as its owner (`2023's 55,000`).
    if let Some((i, d)) = when_clause(scan, q)
        .or_else(|| rate_since(scan, q))
        .or_else(|| date_right_after(scan, q))
        .or_else(|| date_possessing(scan, q))
    {
        return (
            Some(Dated {
                period: d.period,
                own: true,
                alone: true,
            }),
            Some(i),
        );
    }
    if candidates().next().is_some() && candidates().all(|(_, d)| separated(d)) {
        return (None, None);
    }
    if let Some((i, d)) = candidates().min_by_key(|(_, d)| distance(d)) {
        // A date in another coordinated clause (`... in 2024, and Pakistan is sending 40 jets`)
        // is the other clause's; for this figure it is only a hint.
        let (from, to) = span(d);
        let foreign = d.first > sentence_start + 2
            && (from..to).any(|k| {
                matches!(
                    scan.tokens[k].word(),
                    Some("and" | "while" | "but" | "whereas" | "whilst")
                ) || scan.tokens[k].sym() == Some(';')
            });
        return (
            Some(Dated {
                period: d.period,
                own: !foreign,
                alone: candidates().all(|(_, c)| c.period == d.period || separated(c)) && !foreign,
            }),
            Some(i),
        );
    }
    if let Some(d) = column_date(scan, q) {
        return (
            Some(Dated {
                period: d.period,
                own: true,
                alone: true,
            }),
            None,
        );
    }
    let s = &scan.sentences[q.sentence];
    for up in [s.parent, s.heading].into_iter().flatten() {
        let first = scan.dates.partition_point(|d| d.sentence < up);
        // A date after `since` there dates what has held from then on, which the sentence
        // after goes on to tell of (`flies it twice a week since April 2025; the first flight
        // of its return carried 174 passengers`), though it is no figure's period there.
        let since =
            |d: &scan::DateMention| d.first > 0 && scan.tokens[d.first - 1].word() == Some("since");
        if let Some(d) = scan.dates[first..]
            .iter()
            .take_while(|d| d.sentence == up)
            .filter(|d| !d.baseline || since(d))
            .last()
        {
            return (
                Some(Dated {
                    period: d.period,
                    own: false,
                    alone: false,
                }),
                None,
            );
        }
    }
    (None, None)
}

/// The date after `since` that a rate (`2 flights a week`, `twice a week`) stands beside in
/// its clause, at most [`WHEN_REACH`] tokens before or after it, with its number.
fn rate_since<'s>(scan: &'s Scan, q: &Quantity) -> Option<(usize, &'s scan::DateMention)> {
    let s = &scan.sentences[q.sentence];
    let word = |k: usize| (k < s.end).then(|| scan.tokens[k].word()).flatten();
    // `a week`, `per month`, `weekly` after the figure or what it counts.
    let rate = q.rate
        || (q.core.1 + 1..(q.core.1 + 4).min(s.end)).any(|k| match word(k) {
            Some("a" | "an" | "per" | "each" | "every") => {
                matches!(word(k + 1), Some("week" | "day" | "month" | "year"))
            }
            Some(w) => matches!(w, "weekly" | "daily" | "monthly"),
            None => false,
        });
    if !rate {
        return None;
    }
    let from = scan.dates.partition_point(|d| d.sentence < q.sentence);
    let dates = scan.dates[from..]
        .iter()
        .enumerate()
        .take_while(|(_, d)| d.sentence == q.sentence);
    dates
        .filter(|(_, d)| d.first > s.start && scan.tokens[d.first - 1].word() == Some("since"))
        .find(|(_, d)| {
            let (a, b) = if d.last < q.first {
                (d.first - 1, q.first)
            } else {
                (q.last, d.first)
            };
            b - a <= WHEN_REACH + 2 && !(a..b).any(|k| clause_boundary(scan, k))
        })
        .map(|(i, d)| (from + i, d))
}

/// How many tokens a figure may stand after the `when` of [`when_clause`].
const WHEN_REACH: usize = 6;

/// The date right before the `when` that opens a figure's clause (`..., 2023, when there were
/// 55,000`), with its number, if the figure is at most [`WHEN_REACH`] tokens after it with no
/// comma, semicolon or date between.
fn when_clause<'s>(scan: &'s Scan, q: &Quantity) -> Option<(usize, &'s scan::DateMention)> {
    let floor = scan.sentences[q.sentence].start;
    let when = (floor.max(q.first.saturating_sub(WHEN_REACH))..q.first)
        .rev()
        .take_while(|&k| !matches!(scan.tokens[k].sym(), Some(',' | ';')) && !scan.in_date[k])
        .find(|&k| scan.tokens[k].word() == Some("when"))?;
    if when < floor + 2 || scan.tokens[when - 1].sym() != Some(',') {
        return None;
    }
    date_ending_at(scan, when - 2, q.sentence)
}

/// The date written right after a figure with only `in` between (`rose to 80,924 in 2024 from
/// 55,000 in 2023`): the figure's own period, however near a date before it is (`2024 from
/// 55,000` is as near, and is the other figure's). With its number.
fn date_right_after<'s>(scan: &'s Scan, q: &Quantity) -> Option<(usize, &'s scan::DateMention)> {
    let after = q.last + 1;
    if !matches!(scan.tokens.get(after).and_then(|t| t.word()), Some("in")) {
        return None;
    }
    let i = scan.dates.partition_point(|d| d.first <= after);
    scan.dates
        .get(i)
        .filter(|d| d.first == after + 1 && d.sentence == q.sentence)
        .map(|d| (i, d))
}

/// The date whose `'s` a figure follows (`a 47% increase on 2023's 55,000`): the figure's own
/// period, though it is the point of comparison of the figure before. With its number.
fn date_possessing<'s>(scan: &'s Scan, q: &Quantity) -> Option<(usize, &'s scan::DateMention)> {
    let s = q.first.checked_sub(1)?;
    let mark = s.checked_sub(1)?;
    if scan.tokens[s].word() != Some("s") || !matches!(scan.tokens[mark].sym(), Some('\'' | '’'))
    {
        return None;
    }
    date_ending_at(scan, mark.checked_sub(1)?, q.sentence)
}

/// The date of sentence `sentence` whose last token is `last`, with its number.
fn date_ending_at(
    scan: &Scan,
    last: usize,
    sentence: usize,
) -> Option<(usize, &scan::DateMention)> {
    let i = scan.dates.partition_point(|d| d.last < last);
    scan.dates
        .get(i)
        .filter(|d| d.last == last && d.sentence == sentence)
        .map(|d| (i, d))
}

/// The date a table's header row gives the column of a figure's cell (`| Indicator | 2023 |
/// 2024 |` over `| Pakistani visitors | 55,000 | 80,924 |`): the cell's own period, where the
/// header's cell holds a date and nothing else.
fn column_date<'s>(scan: &'s Scan, q: &Quantity) -> Option<&'s scan::DateMention> {
    let s = &scan.sentences[q.sentence];
    let h = s.parent?;
    let header = &scan.sentences[h];
    let row = |k: markdown::LineKind| matches!(k, markdown::LineKind::TableRow { .. });
    if !row(s.kind) || !row(header.kind) {
        return None;
    }
    let pipe = |k: usize| scan.tokens[k].sym() == Some('|');
    let column = (s.start..q.first).filter(|&k| pipe(k)).count();
    let mut pipes = (header.start..header.end).filter(|&k| pipe(k));
    let from = if column == 0 {
        header.start
    } else {
        pipes.nth(column - 1)? + 1
    };
    let to = (from..header.end).find(|&k| pipe(k)).unwrap_or(header.end);
    let first = scan.dates.partition_point(|d| d.sentence < h);
    let d = scan.dates[first..]
        .iter()
        .take_while(|d| d.sentence == h)
        .find(|d| !d.baseline && d.first >= from && d.last < to)?;
    // Nothing in the cell but the date.
    let alone = (from..to)
        .filter(|&k| !(d.first..=d.last).contains(&k))
        .all(|k| scan.tokens[k].word().is_none() && scan.tokens[k].num().is_none());
    alone.then_some(d)
}

struct Candidate {
    profile: usize,
    score: f64,
    /// The score the words alone gave, which orders candidates of equal `score`.
    raw: f64,
    specific: usize,
    specific_near: usize,
    hits: usize,
    period_ok: bool,
    /// Kept despite a date from the sentence before that does not fit: never a mismatch.
    held_back: bool,
    /// Whether the fact's value is a likely home for the figure (see `fits_value` in
    /// [`attributed_finding`]), once asked.
    fits: std::cell::OnceCell<bool>,
}

/// A figure's finding: the fact its words and unit point to, or, when no fact with a fitting
/// unit is clearly meant, a fact clearly meant whose unit it gets wrong.
fn quantity_finding<'s>(
    index: &Index,
    scan: &'s Scan,
    ids: &[Option<usize>],
    q: &Quantity,
    dated: Option<Dated>,
    work: &mut Work<'s>,
    shown: Shown,
) -> Finding {
    let f = attributed_finding(index, scan, ids, q, dated, work, false, None, shown);
    // An elliptical figure (`..., and some 46,000 followed in 2025`, `..., 38.7% more than in
    // 2024`) counts nothing of its own and its near words name no fact: the words of its whole
    // sentence say what it is about.
    let f = if f.status == Status::Unknown
        && (q.nouns.is_empty() || lone_verb(scan, q))
        && opens_clause(scan, q)
    {
        // The scores of the figure's words are kept for a unit that does not fit.
        let scores = std::mem::take(&mut work.scores);
        let again = attributed_finding(index, scan, ids, q, dated, work, true, None, shown);
        work.scores = scores;
        if again.status == Status::Unknown {
            f
        } else {
            again
        }
    } else {
        f
    };
    // An item of a list with no line leading into it, whose words and heading name nothing,
    // is about what the item before it is about (`- 80,924 Pakistani citizens visited
    // Azerbaijan in 2024.` / `- In the first seven months of last year about 46,000 went.`).
    let f = match item_before(scan, q.sentence)
        .filter(|_| f.status == Status::Unknown && work.candidates.is_empty())
    {
        Some(b) => {
            let scores = std::mem::take(&mut work.scores);
            let again = attributed_finding(index, scan, ids, q, dated, work, false, Some(b), shown);
            work.scores = scores;
            if again.status == Status::Unknown {
                f
            } else {
                again
            }
        }
        None => f,
    };
    if f.status != Status::Unknown {
        return f;
    }
    if let Some(p) = singled_out_by_date(index, scan, q, dated) {
        let profile = &index.profiles[p];
        let fact = profile.fact;
        let words = &profile.in_words;
        let verdict = matcher::judge(q.amount, q.hedge, fact);
        let status = match verdict {
            Verdict::Ok => Status::Ok,
            Verdict::Mismatch => Status::Mismatch,
            _ => Status::Qualifier,
        };
        return finding(
            scan,
            (q.first, q.last),
            status,
            Some(profile),
            shown,
            |found| match verdict {
                Verdict::Ok => format!(
                    "{found} agrees with the sheet: {words} [{}]{}",
                    fact.id,
                    as_sources_give(index, p)
                ),
                Verdict::Mismatch => {
                    let slip = slip_note(q.amount, fact);
                    format!(
                        "{found} ({}) differs from the sheet: {words} [{}]{slip}",
                        profile.period_human, fact.id
                    )
                }
                _ => format!(
                    "{found} is hedged differently from the sheet: {words} [{}]",
                    fact.id
                ),
            },
        );
    }
    if q.unit == scan::Unit::Count {
        return f;
    }
    unit_misfit(index, scan, q, dated, &work.scores, shown).unwrap_or(f)
}

/// The fact a figure that no fact's words reach is about, by its own date: the fact whose very
/// period it is and whose value the figure, of two significant digits or more, agrees with,
/// when no other fact of that period has it (`In the first seven months of last year about
/// 46,000 went`, under a heading that names none); or, for a period shorter than a year, the
/// one fact of a fitting unit for it, when the figure is within reach of its value (`about
/// 48,000` there is wrong).
fn singled_out_by_date(
    index: &Index,
    scan: &Scan,
    q: &Quantity,
    dated: Option<Dated>,
) -> Option<usize> {
    let d = dated.filter(|d| d.own && d.alone)?;
    let (digits, small) = match q.amount {
        Amount::One { value, res } => (value / res >= 10.0, value < WEIGHTS.small_bare),
        Amount::Range { max, .. } => (true, max < WEIGHTS.small_bare),
    };
    if !digits {
        return None;
    }
    // A small bare count (`15 of them`) needs what it counts to name the fact.
    let bare = q.unit == scan::Unit::Count && q.hedge == Hedge::Bare && small;
    let fitting = || {
        index.with_period(&d.period).filter(move |&p| {
            let profile = &index.profiles[p];
            matcher::unit_fits(q.unit, &profile.measure, q.amount)
                && index.names(p, &q.nouns)
                && !(bare && q.nouns.is_empty())
        })
    };
    let agrees =
        |p: usize| matcher::judge(q.amount, q.hedge, index.profiles[p].fact) == Verdict::Ok;
    let mut agreeing = fitting().filter(|&p| agrees(p));
    let p = match agreeing.next() {
        Some(p) => {
            // One fact, or several of one measure (sources that agree).
            let group = index.group(p);
            if agreeing.any(|o| group.is_none() || index.group(o) != group) {
                return None;
            }
            p
        }
        // A period shorter than a year that only one fact of a fitting unit is for (`the
        // first seven months of last year`) singles that fact out, as a value would: a
        // figure that disagrees with it is that fact's, and wrong.
        None if d.period.start.month.is_some() && d.period.start.year == d.period.end.year => {
            let mut all = fitting();
            let p = all.next()?;
            let group = index.group(p);
            if all.any(|o| group.is_none() || index.group(o) != group) {
                return None;
            }
            let fact = index.profiles[p].fact;
            if !(plausible(q.amount, fact)
                || decimal_slip(q.amount, fact)
                || transposed(q.amount, fact))
            {
                return None;
            }
            p
        }
        None => return None,
    };
    let forecast =
        subject::forecast(scan, q) && !subject::forecast_fits(scan, q, &index.profiles[p].goals);
    (!forecast && !other_subject(scan, q, index, p)).then_some(p)
}

/// The list item before item `s` in its list, when `s` opens a top-level item of a list that
/// no line leads into: the sentence right before it, an item too, under the same heading.
fn item_before(scan: &Scan, s: usize) -> Option<usize> {
    let item = markdown::LineKind::ListItem;
    let this = &scan.sentences[s];
    let b = s.checked_sub(1)?;
    let before = &scan.sentences[b];
    (this.kind == item
        && this.parent.is_none()
        && before.kind == item
        && before.heading == this.heading)
        .then_some(b)
}

/// Whether token `k` ends a clause: `;`, `while`/`whereas`/`whilst`, or a comma before `and`,
/// `but` or one of those, or before `most of them` (or `many of whom` ...).
fn clause_boundary(scan: &Scan, k: usize) -> bool {
    let t = &scan.tokens[k];
    let word = |j: usize| scan.tokens.get(j).and_then(|t| t.word());
    match t.sym() {
        Some(';') => true,
        Some(',') => {
            scan.tokens
                .get(k + 1)
                .and_then(|t| t.entry())
                .is_some_and(|w| w.joins_clause)
                // `, when its imports were ...`: a clause of its own about another time's
                // things.
                || word(k + 1) == Some("when")
                // `, most of them on the new direct flights`: a clause about some of what the
                // figure before counts, not about what it is.
                || matches!(
                    word(k + 1),
                    Some("most" | "many" | "all" | "some" | "half" | "few" | "none" | "each")
                ) && word(k + 2) == Some("of")
                    && matches!(word(k + 3), Some("them" | "whom" | "which" | "these" | "those"))
        }
        _ => t.entry().is_some_and(|w| w.opens_clause),
    }
}

/// Whether the figure's clause names another subject than the fact: a capitalised name
/// (a country, a company, a programme) that the fact's words never use, as in `its trade
/// with Turkey grew 15%`, `Kazakhstan's trade grew 38%` or `Indian visitors numbered
/// 116,000`. Such a figure is about that subject, not the fact, and a
/// disagreement with the fact is no error.
fn other_subject(scan: &Scan, q: &Quantity, index: &Index, profile: usize) -> bool {
    let s = &scan.sentences[q.sentence];
    let boundary = |k: usize| clause_boundary(scan, k);
    let mut from = q.first;
    while from > s.start && q.first - from < WINDOW && !boundary(from - 1) {
        from -= 1;
    }
    let mut to = q.last + 1;
    while to < s.end && to - q.last < WINDOW && !boundary(to) {
        to += 1;
    }
    let whole = subject::all_of_azerbaijan(scan, q, index, profile, (from, to));
    let forecast = !whole
        && subject::forecast(scan, q)
        && !subject::forecast_fits(scan, q, &index.profiles[profile].goals);
    let wrong = !whole && !forecast && subject::marked_wrong(scan, q);
    if whole || forecast || wrong {
        #[allow(clippy::print_stderr)]
        if *DEBUG {
            let what = if whole {
                "all of Azerbaijan"
            } else if forecast {
                "a forecast"
            } else {
                "a quoted error"
            };
            eprintln!("  other subject: {what}");
        }
        return true;
    }
    (from..to)
        .filter(|&k| !(q.first..=q.last).contains(&k))
        .any(|k| {
            let t = &scan.tokens[k];
            let Some(entry) = t.entry() else {
                return false;
            };
            // A name: capitalised, not the first word of its sentence, not a month. Most words
            // are not capitalised, and nothing more is asked of them.
            let capital = scan
                .layout
                .chars
                .get(t.start())
                .is_some_and(|c| c.is_uppercase());
            if !capital {
                return false;
            }
            let first = k == s.start
                || scan.tokens[k - 1]
                    .sym()
                    .is_some_and(|c| matches!(c, '.' | ':' | '(' | '"' | '“'));
            // In a partner's place: `with Turkey`, `to Kazakhstan`, `from China and Iran`, `the
            // port of Aktau`, `at the Port of Baku`, `by Turkish Airlines`.
            let partner = (k.saturating_sub(2).max(s.start)..k).any(|j| {
                matches!(
                    scan.tokens[j].word(),
                    Some(
                        "with"
                            | "to"
                            | "from"
                            | "and"
                            | "between"
                            | "including"
                            | "than"
                            | "of"
                            | "at"
                            | "by"
                            | "via"
                    )
                )
            });
            // Or in the subject's place before the figure, even as the sentence's first word:
            // a possessive (`Kazakhstan's trade`), a country or its people (`Indian visitors`),
            // or a programme, company or port named as such (`the TRACECA programme`, `the
            // Port of Baku`).
            let owner = entry.lower.ends_with("'s") || entry.lower.ends_with("’s");
            let named = k < q.first
                && (owner
                    || words::is_country(&entry.stem)
                    || scan
                        .tokens
                        .get(k + 1)
                        .and_then(|n| n.word())
                        .is_some_and(words::names_an_organisation)
                    || words::names_an_organisation(&entry.lower)
                        && scan.tokens.get(k + 1).and_then(|n| n.word()) == Some("of"));
            // Part of a currency (`US$`): not a name.
            let currency = scan
                .tokens
                .get(k + 1)
                .is_some_and(|n| n.sym() == Some('$') && n.start() == t.end());
            // A label with its number (`and Figure 2`, `to Annex 1`): not a name.
            let label = words::label_word(&entry.lower).is_some()
                && scan.tokens.get(k + 1).is_some_and(|n| n.num().is_some());
            // A person named by a title (`by President Aliyev`, `Prime Minister Shehbaz
            // Sharif`) is someone acting, not another subject.
            let person = (k.saturating_sub(2).max(s.start)..k)
                .any(|j| scan.tokens[j].word().is_some_and(words::is_title));
            // A place named with the kind of facility it is (`at Baku port`, `Lahore
            // airport`) is that facility: another subject unless the fact's sector speaks of
            // such a facility too.
            let facility = k < q.first
                && scan
                    .tokens
                    .get(k + 1)
                    .and_then(|n| n.entry())
                    .is_some_and(|n| {
                        words::names_an_organisation(&n.lower)
                            && !index.same_subject(profile, &n.stem)
                    });
            let hit = (!first && partner || named)
                && !person
                && !currency
                && !label
                && entry.month.is_none()
                && entry.lower.chars().count() > 1
                && (facility || !index.same_subject(profile, &entry.stem));
            #[allow(clippy::print_stderr)]
            if hit && *DEBUG {
                eprintln!("  other subject: {}", entry.lower);
            }
            hit
        })
}

/// A figure with a unit of its own (`%`, `weeks`, `€`) whose words clearly name a fact measured
/// in another unit. A percentage for a multiple is read as the rise it states (`up 100%` is
/// doubled) and judged; any other unit that does not fit is a mismatch when the number is the
/// fact's (`38.7 percentage points` for a 38.7 % rise, `8–10 weeks` for 8–10 days).
/// `scores`: the scores of the figure's words (not read as elliptical), as [`attributed_finding`] gives them.
fn unit_misfit(
    index: &Index,
    scan: &Scan,
    q: &Quantity,
    dated: Option<Dated>,
    scores: &[matcher::Score],
    shown: Shown,
) -> Option<Finding> {
    let mut numeric: Vec<&matcher::Score> = scores
        .iter()
        .filter(|sc| {
            !matches!(
                index.profiles[sc.profile].measure,
                Measure::Event | Measure::Text
            )
        })
        .filter(
            |sc| match (&dated, &index.profiles[sc.profile].fact.period) {
                (Some(a), Some(b)) if a.own => matcher::overlaps(&a.period, b),
                _ => true,
            },
        )
        .filter(|sc| {
            let p = &index.profiles[sc.profile];
            // A length of time (`about two weeks`) is only ever about a fact measured in days,
            // never a rise or a multiple.
            if matches!(q.unit, scan::Unit::Days | scan::Unit::Duration)
                && p.measure != Measure::Days
            {
                return false;
            }
            // An amount of money is only ever about a fact in money, in another currency:
            // `10 AZN` for a porter is no slip for a delivery time of 8–10 days.
            if matches!(q.unit, scan::Unit::Money(_)) && !matches!(p.measure, Measure::Money { .. })
            {
                return false;
            }
            // The fact's own number in another unit, or a rise in percent for a multiple.
            !matcher::unit_fits(q.unit, &p.measure, q.amount)
                && (q.unit == scan::Unit::Percent && p.measure == Measure::Multiple
                    || matcher::judge(q.amount, Hedge::About, p.fact) != Verdict::Mismatch)
        })
        .collect();
    numeric.sort_unstable_by(|a, b| matcher::rank(a, b));
    let best = numeric.first()?;
    // Sources that give one measure the same value for one period (two for 2021's turnover)
    // are one fact, no rivals.
    let fact = index.profiles[best.profile].fact;
    let group = index.group(best.profile);
    let runner_up = numeric
        .iter()
        .skip(1)
        .find(|s| {
            let other = index.profiles[s.profile].fact;
            !matches!(q.unit, scan::Unit::Money(_))
                || dated.is_none_or(|d| !d.own || Some(d.period) != fact.period)
                || group.is_none()
                || index.group(s.profile) != group
                || other.period != fact.period
                || other.value != fact.value
        })
        .map_or(0.0, |s| s.score);
    let w = &WEIGHTS;
    // The sheet's very digits, three or more of them (`38.7`), need less from the words.
    let very_digits = match (q.amount, &index.profiles[best.profile].fact.value) {
        (Amount::One { value, res }, crate::model::Value::Number(f)) => {
            (value - f).abs() <= 1e-9 * f.abs().max(1.0) && value / res >= 100.0
        }
        _ => false,
    };
    // So does a figure whose own date is the fact's very period (`about 47 percentage points
    // up` on a list item dated to 2024, under a heading about the visitors).
    let very_period = dated.is_some_and(|d| d.own && d.alone && Some(d.period) == fact.period);
    if best.score < w.ahead * runner_up
        || !(very_digits || (best.score >= w.attribute || very_period) && best.specific >= 1)
    {
        return None;
    }
    if other_subject(scan, q, index, best.profile) {
        return None;
    }
    let profile = &index.profiles[best.profile];
    let fact = profile.fact;
    let words = &profile.in_words;
    let period = &profile.period;
    if q.unit == scan::Unit::Percent && profile.measure == Measure::Multiple {
        // A rise of p percent is a multiple of 1 + p/100.
        let as_multiple = match q.amount {
            Amount::One { value, res } => Amount::One {
                value: 1.0 + value / 100.0,
                res: res / 100.0,
            },
            Amount::Range { min, max, res } => Amount::Range {
                min: 1.0 + min / 100.0,
                max: 1.0 + max / 100.0,
                res: res / 100.0,
            },
        };
        let status = match matcher::judge(as_multiple, q.hedge, fact) {
            Verdict::Ok => Status::Ok,
            Verdict::Mismatch => Status::Mismatch,
            _ => Status::Qualifier,
        };
        return Some(finding(
            scan,
            (q.first, q.last),
            status,
            Some(profile),
            shown,
            |found| match status {
                Status::Ok => format!(
                    "{found} agrees with the sheet: {words}{period} [{}]",
                    fact.id
                ),
                Status::Mismatch => format!(
                    "{found} differs from the sheet: {words}{period} [{}]; a rise of 100% is a doubling",
                    fact.id
                ),
                _ => format!(
                    "{found} is hedged differently from the sheet: {words}{period} [{}]",
                    fact.id
                ),
            },
        ));
    }
    let what = match q.unit {
        scan::Unit::Points => "percentage points are not a percentage",
        _ => "the unit does not fit",
    };
    Some(finding(
        scan,
        (q.first, q.last),
        Status::Mismatch,
        Some(profile),
        shown,
        |found| {
            format!(
                "{found} differs from the sheet: {what}; the sheet gives {words}{period} [{}]",
                fact.id
            )
        },
    ))
}

// The figure, what is known about it and how to report it travel together from the caller;
// the scores of its words stay in `work.scores`, for [`unit_misfit`].
#[allow(clippy::too_many_arguments)]
fn attributed_finding<'s>(
    index: &Index,
    scan: &'s Scan,
    ids: &[Option<usize>],
    q: &Quantity,
    dated: Option<Dated>,
    work: &mut Work<'s>,
    elliptical: bool,
    item_before: Option<usize>,
    shown: Shown,
) -> Finding {
    let Work {
        scratch,
        words,
        scores: kept,
        measure_best: best_of_measure,
        measure_on_topic,
        sectors_of_word,
        measure_named,
        measure_dated,
        measure_near,
        candidates,
    } = work;
    let own_from = context_read(
        scan,
        ids,
        q.sentence,
        q.core,
        elliptical,
        item_before,
        words,
    );
    let ctx: &[Word] = words;
    // What the figure counts: a lone verb in the past tense after it (`46,000 followed`)
    // counts nothing.
    let nouns: &[String] = if lone_verb(scan, q) { &[] } else { &q.nouns };
    // What a figure counts names a fact when it names any fact of the same measure: `came`
    // in one year's label names the visitors of every year.
    let noun_ids = index.noun_ids(nouns);
    let names_one = |p: usize| nouns.is_empty() || index.names_any(p, &noun_ids);
    measure_named.start(index);
    measure_dated.start(index);
    measure_near.start(index);
    best_of_measure.clear();
    best_of_measure.resize(index.groups(), 0.0);
    let (measure_named, measure_dated) = (&*measure_named, &*measure_dated);
    let names = |p: usize| {
        names_one(p)
            || index.group(p).is_some_and(|g| {
                measure_named.get_or(g, || index.members(g).iter().any(|&i| names_one(i)))
            })
    };
    let named = |p: usize| names(p) && !nouns.is_empty();
    // What the sentence itself is mostly about: when a fact without a figure (a name, a list
    // of products) fits its words far better, the figure is about that, not a fact's number.
    // The own sentence's words come last in the context, so both are scored in one pass.
    // A fact counts as on topic when any fact of its measure is: the words that name one year
    // of a series (`came`) name the series, and the period picks the year. The best score of
    // each measure is taken as the scores are listed.
    let topic = index.score_and_topic(ctx, own_from, scratch, kept, best_of_measure);
    let scores: &[matcher::Score] = kept;
    // Whether each measure is on topic, asked once for the figure: its best score is at least
    // that of any of its facts, so it is what a fact of it is measured by.
    measure_on_topic.clear();
    measure_on_topic.extend(
        best_of_measure
            .iter()
            .map(|&best| best * WEIGHTS.topic_ratio >= topic),
    );
    let measure_on_topic = &*measure_on_topic;
    let on_topic = |sc: &matcher::Score| {
        index.group(sc.profile).map_or_else(
            || sc.score.max(0.0) * WEIGHTS.topic_ratio >= topic,
            |g| measure_on_topic[g],
        ) || sc.score >= SURE * 2.0
    };
    // Names among what the figure counts (`800,000 Turkish visitors`): a fact whose sector
    // never uses one is about another subject.
    // The sectors of a name are worked out once for the piece.
    let names_counted = counted_names(scan, q);
    for e in &names_counted {
        if sectors_of_word.len() <= e.number {
            sectors_of_word.resize(e.number + 1, None);
        }
        if sectors_of_word[e.number].is_none() {
            sectors_of_word[e.number] = Some(index.subject_sectors(&e.stem));
        }
    }
    let sectors_of_word = &*sectors_of_word;
    let foreign = |p: usize| {
        names_counted.iter().any(|e| {
            !sectors_of_word[e.number]
                .as_deref()
                .is_some_and(|s| index.of_sectors(p, s))
        })
    };
    // The figure's own date, when the sheet has a fact of the fact's measure for exactly it:
    // a fact of that measure for another period (a month of that year) is not the one meant.
    let own_period = dated.filter(|d| d.own).map(|d| d.period);
    let other_period = |p: usize| {
        // Most figures have no date of their own: then nothing of the fact is read.
        let Some(written) = own_period else {
            return false;
        };
        let Some(period) = index.profiles[p].fact.period else {
            return false;
        };
        period != written
            && matcher::overlaps(&written, &period)
            // A fact of a single day (passengers on a flight) is an event of the month written
            // for it, not a part of it (`the flight of April 2025 carried 174`).
            && (!(span_days(&period) <= 1.0 && span_days(&written) <= 31.0)
                && span_days(&period) < WEIGHTS.part_of_period * span_days(&written)
                || index.group(p).is_some_and(|g| {
                    measure_dated.get_or(g, || {
                        index
                            .members(g)
                            .iter()
                            .any(|&o| index.profiles[o].fact.period == Some(written))
                    })
                }))
    };
    // A forecast or a goal (`expected to reach 100,000`) is about a fact that is itself one.
    // Worked out when a fact first needs it.
    let forecast = std::cell::OnceCell::new();
    let forecast = || *forecast.get_or_init(|| subject::forecast(scan, q));
    // What a figure with no unit of its own counts may be a fact's unit (`20 flights` for
    // flights a week): then a fact counted in another unit (the people on a flight) is not
    // about it, though its label names the same things.
    let unit_stem = |p: usize| index.profiles[p].counts.as_deref();
    let counted = |u: &str| nouns.iter().any(|n| n == u);
    let counts_a_unit = std::cell::OnceCell::new();
    let counts_a_unit = || {
        *counts_a_unit.get_or_init(|| {
            q.unit == scan::Unit::Count
                && !nouns.is_empty()
                && scores
                    .iter()
                    .any(|sc| unit_stem(sc.profile).is_some_and(counted))
        })
    };
    let another_unit = |p: usize| counts_a_unit() && unit_stem(p).is_some_and(|u| !counted(u));
    candidates.clear();
    candidates.extend(
        scores
            .iter()
            // The cheapest test first: most facts a context reaches share no specific word.
            .filter(|sc| sc.specific >= 1 && on_topic(sc))
            .filter(|sc| {
                let prof = &index.profiles[sc.profile];
                !matches!(prof.measure, Measure::Event | Measure::Text)
                && matcher::unit_fits(q.unit, &prof.measure, q.amount)
                // The words right after a figure with no unit of its own say what it counts:
                // `125,000 people` is no fact's tonnes or dollars, whatever the sentence before
                // was about.
                && (prof.measure != Measure::Count && q.unit != scan::Unit::Count
                    || names(sc.profile))
                // Whether the figure is a forecast is read last, and once.
                && (!forecast() || subject::forecast_fits(scan, q, &prof.goals))
                && !another_unit(sc.profile)
            })
            .map(|sc| {
                let period_ok = match (&dated, &index.profiles[sc.profile].fact.period) {
                    (Some(a), Some(b)) => matcher::overlaps(&a.period, b),
                    _ => true,
                };
                // A date taken from the sentence before is weaker evidence than one in the same
                // sentence: a fact of another period is only held back, not ruled out.
                let inherited_conflict = !period_ok && dated.is_some_and(|d| !d.own);
                let sign = WEIGHTS.sign;
                let named = named(sc.profile);
                let bonus = if named { sign } else { 0.0 };
                // Other signs that the figure is this fact's: its own unit written out (`%`, `$`,
                // `tons`), or a date in its sentence that fits the fact's period.
                let unit_written = q.unit != scan::Unit::Count;
                let date_fits = period_ok
                    && dated.is_some_and(|d| d.own || scan.lead_dates(q.sentence, d.period))
                    && index.profiles[sc.profile].fact.period.is_some();
                // The very period of the fact (`January–July 2025`, not only a year that overlaps
                // it) is stronger still.
                let same_period = date_fits
                    && dated
                        .is_some_and(|d| Some(d.period) == index.profiles[sc.profile].fact.period);
                let bonus = bonus
                    + if unit_written { sign } else { 0.0 }
                    + if date_fits { sign } else { 0.0 }
                    + if same_period { sign } else { 0.0 };
                let mut factor = 1.0;
                if foreign(sc.profile) {
                    factor *= WEIGHTS.foreign_name;
                }
                if other_period(sc.profile) {
                    factor *= WEIGHTS.other_period;
                }
                Candidate {
                    profile: sc.profile,
                    raw: sc.score,
                    score: factor
                        * if inherited_conflict {
                            sc.score * WEIGHTS.inherited_conflict
                        } else {
                            sc.score + bonus
                        },
                    specific: sc.specific,
                    specific_near: sc.specific_near,
                    hits: sc.hits
                        + usize::from(named)
                        + usize::from(unit_written)
                        + usize::from(date_fits),
                    period_ok: period_ok || inherited_conflict,
                    held_back: inherited_conflict,
                    fits: std::cell::OnceCell::new(),
                }
            }),
    );
    // The figure's own sentence outweighs its neighbours: when its own words name a fact, a
    // fact named only by the sentence before (or the heading) is a weak rival. The words
    // around a figure count in full only when its own sentence names no fact.
    // A fact whose measure the own words name (through another period's fact) is named too.
    // A fact whose value the figure could not be (`reported` names the 8 jets, not 55,000
    // visitors) does not make the figure's own sentence name it.
    let fits_value = |c: &Candidate| {
        *c.fits.get_or_init(|| {
            let fact = index.profiles[c.profile].fact;
            plausible(q.amount, fact) || decimal_slip(q.amount, fact) || transposed(q.amount, fact)
        })
    };
    let names_own = |c: &Candidate| c.specific_near >= 1 && fits_value(c);
    if candidates.iter().any(|c| c.specific_near >= 1) {
        let weakens = candidates.iter().any(names_own);
        // Measures by number ([`Index::group`]): one number for each measure's name.
        for c in candidates.iter().filter(|c| c.specific_near >= 1) {
            if let Some(g) = index.group(c.profile) {
                measure_near.set(g, true);
            }
        }
        for c in candidates.iter_mut().filter(|c| c.specific_near == 0) {
            let measure = index.group(c.profile);
            if measure.is_some_and(|m| measure_near.get(m)) {
                // Named through its measure: as near as the fact that names it.
                c.specific_near = 1;
            } else if weakens {
                c.score *= NEIGHBOUR_ONLY;
            }
        }
    }
    // A fact whose value is within a factor of three of the figure is a likelier home for it
    // than one far off: `136,000` in a sentence about visitors and trade is the visitors'.
    if candidates
        .iter()
        .any(|c| c.score >= ATTRIBUTE && fits_value(c))
    {
        // One below the threshold goes whatever its value (and is not asked).
        for c in candidates
            .iter_mut()
            .filter(|c| c.score >= ATTRIBUTE && !fits_value(c))
        {
            c.score *= FAR_OFF;
        }
    }
    candidates.retain(|c| c.score >= ATTRIBUTE);
    // Best first; of equal scores, in the order of the words' scores (best first, then the
    // sheet's order), as `Index::score` lists them.
    candidates.sort_unstable_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.raw.total_cmp(&a.raw))
            .then(a.profile.cmp(&b.profile))
    });
    #[allow(clippy::print_stderr)]
    if *DEBUG {
        eprintln!(
            "{}: dated {:?}",
            scan.text(q.first, q.last),
            dated.map(|d| (d.period.human(), d.own, d.alone))
        );
        for c in candidates.iter() {
            eprintln!(
                "  {} score {:.2} spec {} near {} hits {} pok {} held {}",
                index.profiles[c.profile].fact.id,
                c.score,
                c.specific,
                c.specific_near,
                c.hits,
                c.period_ok,
                c.held_back
            );
        }
        let ws: Vec<String> = ctx
            .iter()
            .map(|w| format!("{}:{:.2}{}", w.stem, w.weight, if w.own { "*" } else { "" }))
            .collect();
        eprintln!("  ctx {}", ws.join(" "));
    }
    let written_period = || {
        dated
            .filter(|d| d.own)
            .map(|d| format!(" ({})", d.period.human()))
            .unwrap_or_default()
    };
    let unknown = || {
        finding(
            scan,
            (q.first, q.last),
            Status::Unknown,
            None,
            shown,
            |found| format!("{found}: no fact in the sheet is about this figure"),
        )
    };
    // Enough evidence to report a problem: a clear score with more than one sign of the fact.
    // When the figure's own sentence names no fact at all (`Their number rose by about 49%`,
    // a list item under its lead-in), the subject comes from the sentence before, the lead-in
    // or the parent item, and a fact named there can be sure.
    // A fact whose value the figure could not be is no fact the own sentence names (`Reported:
    // 55,000`, where `reported` names the 8 jets of the first report).
    let own_names_none = !candidates.iter().any(names_own);
    let sure = |c: &Candidate, runner_up: f64| {
        c.score >= SURE
            && c.score >= AHEAD * runner_up
            && (c.specific_near >= 1 || own_names_none && c.specific >= 1)
            && (c.hits >= 2 || c.specific >= 2)
    };
    let judged = |c: &Candidate| matcher::judge(q.amount, q.hedge, index.profiles[c.profile].fact);
    // Facts of one measure (the same quantity over periods, or by several sources) are one
    // series, not rivals: which of them a figure is about is for its period to say.
    let same_measure = |a: &Candidate, b: &Candidate| {
        let (fa, fb) = (
            index.profiles[a.profile].fact,
            index.profiles[b.profile].fact,
        );
        fa.measure.is_some() && fa.measure == fb.measure
    };
    // The score of the best fact after `c` that is not of its measure. A fact whose value is
    // far from the figure and which the figure's own sentence names by fewer words than `c` is
    // no rival: the words that name it are the sentence before's, about that sentence's own
    // figure (`Presidents and prime ministers who came: 6 people. Pakistani citizens who
    // visited, in the ambassador's figure: 30,000 people`).
    // Among the candidates whose period fits, or among all of them when `all`.
    // How far a fact's value is from the figure, as a share of the value.
    let off = |c: &Candidate| match (q.amount, &index.profiles[c.profile].fact.value) {
        (Amount::One { value, .. }, crate::model::Value::Number(f)) if *f > 0.0 => {
            Some((value - f).abs() / f)
        }
        _ => None,
    };
    // A fact whose value is many times further from the figure than `c`'s, when `c`'s is near
    // (`US$13.4 million` for 2020's turnover of 13.2, not its imports of 11.6), is no rival.
    let further = |o: &Candidate, c: &Candidate| match (off(c), off(o)) {
        (Some(near), Some(far)) => {
            near <= WEIGHTS.near_value
                && far > WEIGHTS.near_value
                && far >= WEIGHTS.further_value * near
        }
        _ => false,
    };
    let rival = |all: bool, c: &Candidate| {
        candidates
            .iter()
            .filter(|o| all || o.period_ok)
            .filter(|o| !std::ptr::eq(*o, c) && !same_measure(o, c))
            .filter(|o| fits_value(o) || o.specific_near >= c.specific_near)
            .filter(|o| !further(o, c))
            .map(|o| o.score)
            .fold(0.0, f64::max)
    };
    // A small bare number with nothing counted that names the fact (`version 2.1`) is no
    // fact's figure, unless a word of the fact's subject stands right before it in its clause
    // (`JF-17 jets: 6`, a table row `| Weekly flights | 3 |`).
    // Worked out only for a figure that may be a small bare number.
    let lead = std::cell::OnceCell::new();
    let small_bare = |p: usize| {
        // The value given after a label (`Documents signed in July 2024 — THIRTEEN`) is
        // about what the label names.
        !q.labelled
            && q.unit == scan::Unit::Count
            && q.hedge == Hedge::Bare
            && (nouns.is_empty() || !names_one(p))
            && match q.amount {
                Amount::One { value, .. } => value < WEIGHTS.small_bare,
                Amount::Range { max, .. } => max < WEIGHTS.small_bare,
            }
            && index.subject_words_upto(
                p,
                lead.get_or_init(|| words_before(scan, ids, q, WEIGHTS.bare_reach)),
                1,
            ) == 0
    };
    // Too weakly attached to the fact to be called wrong: a small bare number, or words that
    // share nothing with the fact's subject but its unit (`600k people a day` on a metro).
    let weak = |p: usize| {
        let enough = WEIGHTS.subject_words;
        small_bare(p) || index.subject_words_upto(p, ctx, enough) < enough
    };
    // The candidates whose period fits, best first, walked again rather than listed.
    let fitting = || candidates.iter().filter(|c| c.period_ok);
    // The figure's value singles out a fact: it has two significant digits or more and agrees
    // with that fact alone among the candidates (`80,924` is the 2024 visitors, whatever the
    // date beside it says).
    let distinctive = |c: &Candidate| {
        let digits = match q.amount {
            Amount::One { value, res } => value / res >= 10.0,
            Amount::Range { .. } => true,
        };
        digits
            && judged(c) != Verdict::Mismatch
            && c.score >= ATTRIBUTE
            && (c.specific_near >= 1 || own_names_none)
            && !candidates.iter().any(|o| {
                !std::ptr::eq(o, c) && !same_measure(o, c) && judged(o) != Verdict::Mismatch
            })
    };
    // The sheet holds a fact of this one's measure for exactly the figure's own date, whose
    // value the figure agrees with: then the figure is that fact's, however few words name
    // it, and its date is not what is wrong (`some 46,000 came in January–July 2025`).
    let own_period_agrees = |p: usize| {
        let (Some(d), Some(g)) = (dated.filter(|d| d.own), index.group(p)) else {
            return false;
        };
        index.members(g).iter().any(|&o| {
            let fact = index.profiles[o].fact;
            fact.period == Some(d.period)
                && matcher::judge(q.amount, q.hedge, fact) != Verdict::Mismatch
        })
    };
    let wrong_period = |p: usize| {
        if own_period_agrees(p) {
            return unknown();
        }
        let profile = &index.profiles[p];
        let sheet_period = &profile.period_human;
        finding(
            scan,
            (q.first, q.last),
            Status::Mismatch,
            Some(profile),
            shown,
            |found| {
                format!(
                    "{found}{} differs from the sheet: {} is for {sheet_period} [{}]",
                    dated
                        .map(|d| format!(" ({})", d.period.human()))
                        .unwrap_or_default(),
                    profile.in_words,
                    profile.fact.id
                )
            },
        )
    };
    // A fact whose period fits but which the figure's value and words hardly support does not
    // hide a fact clearly meant whose value singles it out: the date is what is wrong.
    if let Some(f) = fitting().next() {
        if judged(f) == Verdict::Mismatch && dated.is_some_and(|d| d.alone) {
            // A fitting fact whose value is far from the figure has already lost weight for
            // that, so a fact of another period that the value singles out need only match it.
            let needed = if fits_value(f) { AHEAD } else { 1.0 };
            if let Some(c) = candidates.iter().find(|c| {
                !c.period_ok
                    && c.score >= needed * f.score
                    && distinctive(c)
                    && !other_subject(scan, q, index, c.profile)
                    && !weak(c.profile)
            }) {
                return wrong_period(c.profile);
            }
        }
    }
    let Some(best) = fitting().next() else {
        // The number fits a fact that is clearly meant, but the date in its sentence does not.
        if let Some(c) = candidates.first() {
            let profile = &index.profiles[c.profile];
            let fact = profile.fact;
            let runner_up = rival(true, c);
            let alone = dated.is_some_and(|d| d.alone);
            // The figure's value singles out a fact of another period: the date is what is wrong
            // (`47% in 2025` for 2024's rise).
            if let Some(c) = candidates
                .iter()
                .find(|c| distinctive(c))
                .filter(|c| alone && !other_subject(scan, q, index, c.profile) && !weak(c.profile))
            {
                return wrong_period(c.profile);
            }
            // Otherwise only a figure that agrees with a fact clearly meant is said to have the
            // wrong date; one that agrees with no period's value is unknown, whether or not the
            // series has its period: it is never compared with another period's value.
            if sure(c, runner_up)
                && alone
                && judged(c) != Verdict::Mismatch
                && !q.in_words
                && !other_subject(scan, q, index, c.profile)
                && !weak(c.profile)
            {
                let sheet_period = &profile.period_human;
                return finding(
                    scan,
                    (q.first, q.last),
                    Status::Mismatch,
                    Some(profile),
                    shown,
                    |found| {
                        format!(
                            "{found}{} differs from the sheet: {} is for {sheet_period} [{}]",
                            written_period(),
                            profile.in_words,
                            fact.id
                        )
                    },
                );
            }
        }
        return unknown();
    };
    // The best-scoring fact, or a close runner-up whose value the figure matches.
    let mut chosen = best;
    let mut verdict = judged(best);
    if verdict == Verdict::Mismatch {
        if let Some(c) = fitting().skip(1).find(|c| {
            c.score >= WEIGHTS.runner_up_share * best.score && judged(c) != Verdict::Mismatch
        }) {
            chosen = c;
            verdict = judged(c);
        }
    }
    // Of close facts its own sentence names, the one whose value the figure is a slip of (the
    // decimal point, two digits swapped) is the one meant, when it is the only one: `US$6.1
    // million` beside Azerbaijan's exports of US$1.6 million and imports of US$11.6 million is
    // the exports'.
    let slip = |c: &Candidate| {
        let fact = index.profiles[c.profile].fact;
        decimal_slip(q.amount, fact) || transposed(q.amount, fact)
    };
    let mut slipped = false;
    if verdict == Verdict::Mismatch {
        let close = || {
            fitting().filter(|c| {
                c.score >= WEIGHTS.runner_up_share * best.score
                    && c.score >= SURE
                    && (c.hits >= 2 || c.specific >= 2)
                    && c.specific_near >= 1
            })
        };
        let mut slips = close().filter(|c| slip(c));
        if let (Some(c), None) = (slips.next(), slips.next()) {
            chosen = c;
            slipped = true;
        }
    }
    // A figure that agrees with any source for the chosen fact's measure and period is right:
    // the sources differ, and the sheet keeps each of them.
    if verdict != Verdict::Ok {
        if let Some(c) = fitting().find(|c| {
            same_measure(c, chosen)
                && index.profiles[c.profile].fact.period
                    == index.profiles[chosen.profile].fact.period
                && judged(c) == Verdict::Ok
        }) {
            chosen = c;
            verdict = Verdict::Ok;
        }
    }
    let profile = &index.profiles[chosen.profile];
    #[allow(clippy::print_stderr)]
    if *DEBUG {
        eprintln!(
            "  chosen {} verdict {verdict:?} small {} other {} subject words {}",
            profile.fact.id,
            small_bare(chosen.profile),
            other_subject(scan, q, index, chosen.profile),
            index.subject_words(chosen.profile, ctx)
        );
    }
    if small_bare(chosen.profile)
        || verdict != Verdict::Ok
            && (other_subject(scan, q, index, chosen.profile) || weak(chosen.profile))
    {
        return unknown();
    }
    let fact = profile.fact;
    // The fact's period, unless the figure's own date is written (as `written_period`).
    let fact_period = || {
        if dated.is_some_and(|d| d.own) {
            ""
        } else {
            profile.period.as_str()
        }
    };
    let words = &profile.in_words;
    let runner_up = rival(false, best);
    // A fact kept despite a date from the sentence before, the lead-in or the table's header
    // that does not fit it: when the value singles the fact out, the date is what is wrong.
    if chosen.held_back && distinctive(chosen) && profile.fact.period.is_some() {
        return wrong_period(chosen.profile);
    }
    let status = match verdict {
        Verdict::Ok => Status::Ok,
        _ if !sure(
            chosen,
            if std::ptr::eq(chosen, best) {
                runner_up
            } else {
                0.0
            },
        ) && verdict != Verdict::Mismatch
            && chosen.score < ATTRIBUTE * 1.5 =>
        {
            return unknown();
        }
        Verdict::Hedge | Verdict::DropsHedge | Verdict::NotARange => Status::Qualifier,
        Verdict::Mismatch => {
            if !(sure(best, runner_up) || slipped)
                || best.held_back
                || !(plausible(q.amount, fact)
                    || decimal_slip(q.amount, fact)
                    || transposed(q.amount, fact))
                || q.in_words
                    && !q.labelled
                    && !q.rate
                    && nouns.is_empty()
                    && q.unit == scan::Unit::Count
                    && q.hedge == Hedge::Bare
                    && matches!(q.amount, Amount::One { value, .. } if value < 1000.0)
                || undated_slip(index, scan, q, dated, chosen.profile)
            {
                return unknown();
            }
            Status::Mismatch
        }
    };
    finding(
        scan,
        (q.first, q.last),
        status,
        Some(profile),
        shown,
        |found| match verdict {
            Verdict::Ok => format!(
                "{found} agrees with the sheet: {words}{} [{}]{}",
                fact_period(),
                fact.id,
                as_sources_give(index, chosen.profile)
            ),
            Verdict::Hedge => format!(
                "{found} is hedged differently from the sheet: {words}{} [{}]",
                fact_period(),
                fact.id
            ),
            Verdict::DropsHedge => format!(
                "{found} is stated as exact; the sheet says {words}{} [{}]",
                fact_period(),
                fact.id
            ),
            Verdict::NotARange => format!(
                "{found} is a single value; the sheet gives a range: {words}{} [{}]",
                fact_period(),
                fact.id
            ),
            Verdict::Mismatch => {
                let slip = slip_note(q.amount, fact);
                format!(
                    "{found}{} differs from the sheet: {words}{} [{}]{slip}{}",
                    written_period(),
                    fact_period(),
                    fact.id,
                    where_sources_disagree(index, chosen.profile)
                )
            }
        },
    )
}

/// Whether a figure opens a clause after a comma or semicolon within its sentence, with at
/// most a conjunction before it (`..., 38.7% more`, `..., and some 46,000 followed`).
fn opens_clause(scan: &Scan, q: &Quantity) -> bool {
    // Only the window before the figure is looked at, so that a long run of figures in one
    // sentence (a data dump) costs time in proportion to its length.
    let start = scan.sentences[q.sentence]
        .start
        .max(q.first.saturating_sub(WINDOW));
    let mut k = q.first;
    let mut words = 0;
    while k > start {
        k -= 1;
        let t = &scan.tokens[k];
        if matches!(t.sym(), Some(',' | ';')) {
            return words <= 1;
        }
        if t.entry().is_some() {
            words += 1;
            if words > 1 {
                return false;
            }
        }
    }
    false
}

/// Whether the one word a figure seems to count is a verb in the past tense (`46,000
/// followed`, `38,000 arrived`).
fn lone_verb(scan: &Scan, q: &Quantity) -> bool {
    q.nouns.len() == 1
        && scan
            .tokens
            .get(q.core.1 + 1)
            .and_then(|t| t.word())
            .is_some_and(|w| w.chars().count() > 4 && w.ends_with("ed"))
}

/// The words of a figure's clause right before it, at most `reach` of them, as context.
fn words_before<'s>(
    scan: &'s Scan,
    ids: &[Option<usize>],
    q: &Quantity,
    reach: usize,
) -> Vec<Word<'s>> {
    let start = scan.sentences[q.sentence]
        .start
        .max(q.first.saturating_sub(WINDOW));
    let mut from = q.first;
    let mut words = 0;
    while from > start && words < reach && !clause_boundary(scan, from - 1) {
        from -= 1;
        if scan.tokens[from].entry().is_some() {
            words += 1;
        }
    }
    // An answer that opens with its figure (a flashcard's `40` after `How many JF-17 jets
    // ...?`) takes its subject from the question right before it.
    let s = &scan.sentences[q.sentence];
    let asked = s
        .parent
        .filter(|&p| p + 1 == q.sentence && words == 0 && scan.is_question(p))
        .map_or(0..0, |p| {
            let p = &scan.sentences[p];
            p.start.max(p.end.saturating_sub(WINDOW))..p.end
        });
    asked
        .chain(from..q.first)
        .filter(|&k| !scan.in_date[k])
        .filter_map(|k| scan.tokens[k].entry())
        .map(|word| Word {
            stem: &word.stem,
            id: ids[word.number],
            weight: 1.0,
            own: true,
        })
        .collect()
}

/// About how many days a period spans (months taken as 31 days): enough to compare spans.
fn span_days(p: &Period) -> f64 {
    let ((y0, m0, d0), (y1, m1, d1)) = p.sort_key();
    let day = |y: i32, m: u8, d: u8| f64::from(y) * 372.0 + f64::from(m) * 31.0 + f64::from(d);
    day(y1, m1, d1) - day(y0, m0, d0) + 1.0
}

/// The names among what a figure counts: the capitalised words of its counted nouns
/// (`Turkish` in `800,000 Turkish visitors`). A month is no name.
fn counted_names<'s>(scan: &'s Scan, q: &Quantity) -> Vec<&'s Entry> {
    let from = q.core.1 + 1;
    (from..from + q.nouns.len())
        .filter_map(|k| scan.tokens.get(k))
        .filter(|t| {
            scan.layout
                .chars
                .get(t.start())
                .is_some_and(|c| c.is_uppercase())
        })
        .filter_map(|t| t.entry())
        .filter(|e| e.month.is_none() && e.lower.chars().count() > 1)
        .collect()
}

/// Whether the figure is near the fact of profile `p` only as a slip of the decimal point,
/// while it has no date at all and the fact is one year of a series (at least
/// `WEIGHTS.series` facts of its measure): `400 visitors` in a survey's sample is no slip for
/// one year's 3,998 visitors when nothing says which year it would be.
fn undated_slip(index: &Index, scan: &Scan, q: &Quantity, dated: Option<Dated>, p: usize) -> bool {
    let fact = index.profiles[p].fact;
    // The cheapest tests first.
    let series = fact.period.is_some()
        && index
            .group(p)
            .is_some_and(|g| index.members(g).len() >= WEIGHTS.series);
    let slip_only = || {
        decimal_slip(q.amount, fact) && !plausible(q.amount, fact) && !transposed(q.amount, fact)
    };
    // No date at all in its sentence, not even a point of comparison (`rose 47% on 2023`).
    let no_date = || dated.is_none() && !scan.dates.iter().any(|d| d.sentence == q.sentence);
    series && no_date() && slip_only()
}

/// What a mismatch's message adds when the figure looks like a slip of the sheet's value:
/// the decimal point moved, or two digits swapped; nothing else.
fn slip_note(amount: Amount, fact: &Fact) -> &'static str {
    if decimal_slip(amount, fact) {
        "; it looks like a slip of the decimal point"
    } else if transposed(amount, fact) {
        "; it looks like two digits swapped"
    } else {
        ""
    }
}

/// Whether a figure is the fact's value with the decimal point moved one to three places
/// (`$2.07 million` or `$207 million` for 20.7 million, `4` for 40, `almost 500 percent` for
/// nearly 40 %): scaled back by that power of ten, the figure agrees with the fact, hedge and
/// rounding included. Such a figure is a slip, however far off it is, not a figure about
/// something else.
fn decimal_slip(amount: Amount, fact: &Fact) -> bool {
    let Amount::One { value: v, res: r } = amount else {
        return false;
    };
    if matches!(fact.value, crate::model::Value::Text(_)) || v <= 0.0 || r <= 0.0 {
        return false;
    }
    // The powers of ten from 10^-3 to 10^3 but 1, as `10f64.powi(k)` gives them.
    [1e-3, 1e-2, 1e-1, 1e1, 1e2, 1e3].into_iter().any(|scale| {
        let (value, res) = (v / scale, r / scale);
        // Most scales are far off: they are let go before the whole judgement.
        matcher::may_agree_about(value, res, fact)
            && matcher::judge(Amount::One { value, res }, Hedge::About, fact) != Verdict::Mismatch
    })
}

/// Whether a figure is the fact's value, at the writer's precision, with two neighbouring
/// digits swapped (`18,000` for 81,000, `83.7` for 38.7).
fn transposed(amount: Amount, fact: &Fact) -> bool {
    let Amount::One { value: v, res: r } = amount else {
        return false;
    };
    let crate::model::Value::Number(f) = fact.value else {
        return false;
    };
    if v <= 0.0 || f <= 0.0 || r <= 0.0 || v / r > 1e12 {
        return false;
    }
    // Two numbers of the same length in digits, at least two, that differ: most pairs are not,
    // and are let go before their digits are written out.
    let (written, sheet) = ((v / r).round() as u64, (f / r).round() as u64);
    let length = |n: u64| n.max(1).ilog10() + 1;
    // Swapping two neighbouring digits changes a number by 9 times a power of ten: most pairs
    // differ by no multiple of 9, and are let go first.
    if written == sheet
        || written.abs_diff(sheet) % 9 != 0
        || length(written) != length(sheet)
        || length(written) < 2
    {
        return false;
    }
    // The decimal digits of each, most significant first, as `format!("{n}")` writes them.
    let digits = |mut n: u64| {
        let mut out = [0u8; 20];
        let mut len = 0;
        loop {
            out[len] = (n % 10) as u8;
            len += 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        out[..len].reverse();
        (out, len)
    };
    let (w, len) = digits(written);
    let (s, _) = digits(sheet);
    let (w, s) = (&w[..len], &s[..len]);
    let mut diffs = (0..len).filter(|&i| w[i] != s[i]);
    let (Some(a), Some(b), None) = (diffs.next(), diffs.next(), diffs.next()) else {
        return false;
    };
    b == a + 1 && w[a] == s[b] && w[b] == s[a]
}

/// Whether a figure is within a factor of three of a fact: further off, it is more likely about
/// something else (`over 150 aircraft built since 2007`) than a wrong figure for this.
/// Exactly three times or a third is within, whatever floating point makes of the product,
/// and so is a figure that rounds it at the precision it is written to (`26,970` for a third
/// of 80,924), as long as that rounding is within 1 % of the figure: a round figure (`about
/// 18,000` for a third of 55,000, `about 1 million` for 3.3 million) is not stretched to reach.
fn plausible(amount: Amount, fact: &Fact) -> bool {
    let (v, res) = match amount {
        Amount::One { value, res } => (value, res),
        Amount::Range { min, max, res } => ((min + max) / 2.0, res),
    };
    let f = match fact.value {
        crate::model::Value::Number(f) => f,
        crate::model::Value::Range { min, max } => (min + max) / 2.0,
        crate::model::Value::Text(_) => return false,
    };
    if f == 0.0 || v == 0.0 || (v < 0.0) != (f < 0.0) {
        return false;
    }
    let (v, f) = (v.abs(), f.abs());
    let half = (res.abs() / 2.0).min(v / 100.0);
    const EDGE: f64 = 1e-9;
    v + half >= f / 3.0 * (1.0 - EDGE) && v - half <= f * 3.0 * (1.0 + EDGE)
}

/// A date that states when an event happened (`relations since 1992`, `signed in July 2024`).
fn event_finding<'s>(
    index: &Index,
    scan: &'s Scan,
    ids: &[Option<usize>],
    d: &scan::DateMention,
    work: &mut Work<'s>,
    shown: Shown,
) -> Option<Finding> {
    // A repeat of an event (`held again in 2023`, `another visit in July 2025`, `its latest
    // meeting`) is not the event the sheet dates.
    let sentence = &scan.sentences[d.sentence];
    let repeat = (sentence.start.max(d.first.saturating_sub(8))..d.first)
        .filter_map(|k| scan.tokens[k].word())
        .any(|w| matches!(w, "again" | "another" | "latest" | "subsequent" | "anew"));
    if repeat {
        return None;
    }
    context_local(scan, ids, d, &mut work.words);
    // Words that reach no event, or cannot reach the score an event needs, need not be
    // scored (but are, to be told why, with `PAKAZ_DEBUG`).
    let bound = index.event_bound(&work.words);
    if bound == 0.0 || bound * (1.0 + 1e-9) < EVENT && !*DEBUG {
        return None;
    }
    index.score_into(&work.words, &mut work.scratch, &mut work.scores);
    let scores = &work.scores;
    let mut events: Vec<&matcher::Score> = scores
        .iter()
        .filter(|sc| index.profiles[sc.profile].measure == Measure::Event)
        .collect();
    events.sort_unstable_by(|a, b| matcher::rank(a, b));
    #[allow(clippy::print_stderr)]
    if *DEBUG {
        eprintln!("{}: date {}", scan.text(d.first, d.last), d.period);
        for e in &events {
            let p = &index.profiles[e.profile];
            eprintln!(
                "  event {} {:.2} hits {} spec {}",
                p.fact.id, e.score, e.hits, e.specific
            );
        }
    }
    let best = events.first()?;
    // A date that is the very period of a figure's fact which its words name at least as well
    // (`presidents and prime ministers who came in 1992–2017: 6 people`) dates that figure; it
    // states no event's date.
    if scores.iter().any(|sc| {
        let fact = index.profiles[sc.profile].fact;
        !matches!(
            index.profiles[sc.profile].measure,
            Measure::Event | Measure::Text
        ) && sc.score >= best.score
            && fact
                .period
                .is_some_and(|p| matcher::event_agrees(&d.period, &p))
    }) {
        return None;
    }
    // Dates of one event by several sources (one measure) are not rivals; a date that agrees
    // with any of them is right.
    let measure = index.profiles[best.profile].fact.measure.as_deref();
    let same_measure = |e: &matcher::Score| {
        measure.is_some() && index.profiles[e.profile].fact.measure.as_deref() == measure
    };
    // Nor is an event on the same date: whichever it is, the date is judged alike.
    let same_date = |e: &matcher::Score| {
        index.profiles[e.profile].fact.period == index.profiles[best.profile].fact.period
    };
    // An event another date of the sentence gives rightly (`PIA first flew Lahore–Baku on 16
    // March 2023 and, since April 2025, runs ...`) is that date's: no rival for this one.
    let from = scan.dates.partition_point(|x| x.sentence < d.sentence);
    let given_elsewhere = |e: &matcher::Score| {
        index.profiles[e.profile].fact.period.is_some_and(|p| {
            !matcher::event_agrees(&d.period, &p)
                && scan.dates[from..]
                    .iter()
                    .take_while(|x| x.sentence == d.sentence)
                    .any(|x| x.first != d.first && matcher::event_agrees(&x.period, &p))
        })
    };
    let runner_up = events
        .iter()
        .skip(1)
        .find(|e| !same_measure(e) && !same_date(e) && !given_elsewhere(e))
        .map_or(0.0, |e| e.score);
    // When the words cannot tell the best from a rival, or the best has too little evidence
    // of its own, a date that agrees with one of the events they reach as well (with the
    // evidence an event needs) is that event's, and right; one that agrees with none is left
    // unjudged, as it may be about any of them.
    let evidence = |e: &matcher::Score| e.score >= EVENT && e.hits >= 2 && e.specific >= 1;
    let mut best = best;
    if !evidence(best) || best.score < AHEAD * runner_up {
        let top = best.score;
        let agrees = |e: &matcher::Score| {
            evidence(e)
                && index.profiles[e.profile]
                    .fact
                    .period
                    .is_some_and(|p| matcher::event_agrees(&d.period, &p))
        };
        let close = || {
            events
                .iter()
                .take_while(|e| e.score * AHEAD >= top)
                .filter(|e| !given_elsewhere(e))
        };
        // A date that agrees with none of them but is one slip of a month or a year from
        // exactly one (`18 May 2024` for 18 April 2024) is that event's, and wrong.
        let written =
            (d.first..=d.last).any(|k| scan.tokens[k].entry().is_some_and(|e| e.month.is_some()));
        let slipped = |e: &&&matcher::Score| {
            written
                && evidence(e)
                && index.profiles[e.profile]
                    .fact
                    .period
                    .is_some_and(|p| slip_of(&d.period, &p))
        };
        best = match close().find(|e| agrees(e)) {
            Some(e) => e,
            None => {
                let mut slips = close().filter(slipped);
                match (slips.next(), slips.next()) {
                    (Some(e), None) => e,
                    _ => return None,
                }
            }
        };
    }
    // A date written to the day is judged by the sources of its event that give the day, when
    // there are any (`9 June 1992` by the day the embassy gives, not by the year another source
    // gives); of several that agree, the one the sheet gives first (the interview's). (Judging
    // a month by the sources that give its day added a false alarm to the first held-out batch.)
    let measure = index.profiles[best.profile].fact.measure.as_deref();
    let sources = || {
        events.iter().filter(move |e| {
            std::ptr::eq(**e, *best)
                || measure.is_some() && index.profiles[e.profile].fact.measure.as_deref() == measure
        })
    };
    let precision = |p: &Period| match (p.start.month, p.start.day) {
        (_, Some(_)) => 2,
        (Some(_), None) => 1,
        _ => 0,
    };
    let fine = |e: &matcher::Score| {
        index.profiles[e.profile]
            .fact
            .period
            .is_some_and(|p| precision(&p) >= precision(&d.period))
    };
    let any_fine = d.period.start.day.is_some() && sources().any(|e| fine(e));
    let judged_by = |e: &&&matcher::Score| !any_fine || fine(e);
    let agreeing = sources()
        .filter(judged_by)
        .filter(|e| {
            index.profiles[e.profile]
                .fact
                .period
                .is_some_and(|p| matcher::event_agrees(&d.period, &p))
        })
        .min_by_key(|e| e.profile);
    let first = sources().find(judged_by).copied().unwrap_or(best);
    let profile = &index.profiles[agreeing.copied().unwrap_or(first).profile];
    let fact = profile.fact;
    let sheet_period = fact.period?;
    let agrees = matcher::event_agrees(&d.period, &sheet_period);
    let status = if agrees { Status::Ok } else { Status::Mismatch };
    let mut f = finding(
        scan,
        (d.first, d.last),
        status,
        Some(profile),
        shown,
        |found| {
            if agrees {
                format!(
                    "{found} agrees with the sheet: {} [{}]",
                    profile.period_human, fact.id
                )
            } else {
                format!(
                    "{found} differs from the sheet: {} [{}]",
                    profile.period_human, fact.id
                )
            }
        },
    );
    // What the writer should have written for a date is the date.
    if shown.shows(status) {
        f.expected = Some(profile.period_human.clone());
    }
    Some(f)
}

/// Whether a date written as one day or month is a slip of one month or one year from the
/// sheet's single day or month (`18 May 2024` or `April 2023` for 18 April 2024); a date written
/// to the day slips only from a day, and keeps it.
fn slip_of(written: &Period, sheet: &Period) -> bool {
    if written.start != written.end || sheet.start != sheet.end {
        return false;
    }
    let (w, s) = (written.start, sheet.start);
    let (Some(wm), Some(sm)) = (w.month, s.month) else {
        return false;
    };
    // A date written to the day slips from a day the sheet gives, keeping its day.
    match (w.day, s.day) {
        (Some(wd), Some(sd)) if wd != sd => return false,
        (Some(_), None) => return false,
        _ => {}
    }
    let months = (w.year * 12 + i32::from(wm)) - (s.year * 12 + i32::from(sm));
    matches!(months.abs(), 1 | 12)
}

/// The sentence before heading sentence `h` on the heading's own line, if the heading has two.
fn heading_before(scan: &Scan, h: usize) -> Option<usize> {
    let heading = markdown::LineKind::Heading;
    scan.sentences[h]
        .parent
        .filter(|&p| scan.sentences[h].kind == heading && scan.sentences[p].kind == heading)
}

/// How much the words of heading `h` weigh for sentence `s` under it.
fn heading_weight(scan: &Scan, s: usize, h: usize) -> f64 {
    if scan.answers(s, h) {
        WEIGHTS.question
    } else {
        WEIGHTS.heading
    }
}

/// The words near a date in its own sentence: an event's date sits close to its words, and
/// words across a comma or semicolon belong to another clause and weigh less. A date that
/// opens its line before a dash or colon (a timeline's `**1993** — the embassy opened`) is
/// the date of what the rest of the line says, and an answer under a question heading (`When
/// did the embassy open?`) is about what the question asks. They replace what `out` held.
fn context_local<'s>(
    scan: &'s Scan,
    ids: &[Option<usize>],
    d: &scan::DateMention,
    out: &mut Vec<Word<'s>>,
) {
    out.clear();
    let s = &scan.sentences[d.sentence];
    let from = s.start.max(d.first.saturating_sub(15));
    let to = s.end.min(d.last + 16);
    let boundary = |k: usize| {
        matches!(
            scan.tokens[k].sym(),
            Some(',' | ';' | '—' | '(' | ')' | ':')
        )
    };
    // A timeline's entry: the date, then a dash or colon, or a list item that opens with
    // the date (`- **1993** Diplomatic relations established`).
    let entry = d.first == s.start
        && (s.kind == markdown::LineKind::ListItem
            || scan
                .tokens
                .get(d.last + 1)
                .and_then(|t| t.sym())
                .is_some_and(|c| matches!(c, '—' | '–' | '-' | ':' | '|')));
    for q in [s.heading, s.parent].into_iter().flatten() {
        if scan.answers(d.sentence, q) {
            if let Some(before) = heading_before(scan, q) {
                push_sentence(scan, ids, before, WEIGHTS.question, None, out);
            }
            push_sentence(scan, ids, q, WEIGHTS.question, None, out);
        }
    }
    // A heading that is only a date (`## 1993`) dates the sentence under it.
    if let Some(under) = scan.dated_heading(d) {
        push_sentence(scan, ids, under, 1.0, None, out);
    }
    // `Year the two states established relations — 1993`: the label asks for the date.
    let asked = scan::asks_for_a_date(&scan.tokens, d.first)
        && matches!(scan.tokens[d.first - 1].sym(), Some('—' | '–'));
    // The boundaries between a word and the date are counted as the window is walked:
    // `seen` before token `k`, `before_date` before the date, `at_last` before its last token.
    let before_date = (from..d.first).filter(|&j| boundary(j)).count();
    let (mut seen, mut at_last) = (0, 0);
    for k in from..to {
        if k == d.last {
            at_last = seen;
        }
        let counts = boundary(k);
        let word = scan.tokens[k]
            .entry()
            .filter(|_| !(d.first..=d.last).contains(&k) && !scan.in_date[k]);
        if let Some(word) = word {
            let (a, b, clauses) = if k < d.first {
                (k, d.first, before_date - seen)
            } else if entry {
                (d.last + 1, k, 0)
            } else {
                (d.last, k, seen - at_last)
            };
            let distance = (b - a) as f64;
            let w = if entry && k > d.last || asked && k < d.first {
                // Every word of a timeline's entry says what happened on its date, and so does
                // every word of a label that asks for the date after it.
                1.0
            } else {
                let near = if distance <= 4.0 { 1.0 } else { 4.0 / distance };
                // `x.powi(0)` is 1.
                if clauses == 0 {
                    near
                } else {
                    near * 0.35f64.powi(clauses as i32)
                }
            };
            sheet_words(scan, ids, word, |stem, id| {
                out.push(Word {
                    stem,
                    id,
                    weight: w,
                    own: true,
                });
            });
        }
        if counts {
            seen += 1;
        }
    }
}

/// Whether a number in words, capitalised, opens a name the sheet uses as a phrase with the
/// word after it (`Three Brothers`): a name, no figure, and it dates nothing.
fn in_a_name(index: &Index, scan: &Scan, q: &Quantity) -> bool {
    q.in_words
        && q.hedge == Hedge::Bare
        && scan
            .layout
            .chars
            .get(scan.tokens[q.first].start())
            .is_some_and(|c| c.is_uppercase())
        && match (
            scan.tokens[q.first].entry(),
            scan.tokens.get(q.first + 1).and_then(|t| t.entry()),
        ) {
            (Some(a), Some(b)) => index.opens_phrase(&a.stem, &b.stem),
            _ => false,
        }
}

/// What a caller knows about a document besides its text. Build it with
/// `Options::default()` and set the fields you know; fields may be added, never removed.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Options {
    /// The document's name or path, as messages may show it. A name ending in `.txt` is read
    /// as plain text (paragraphs separated by blank lines); anything else as Markdown.
    pub name: Option<String>,
    /// The date the document is written on, which anchors relative dates (`last year`). When
    /// `None`, the front matter's `date:` or a dateline anchors them; with no anchor at all a
    /// figure dated only relatively has no known period.
    pub as_of: Option<Date>,
    /// How many threads may check a long document (see [`threads`]); `None` for one per core
    /// on a machine of several, up to eight. A document shorter than 64 KiB, and any document
    /// with `Some(1)`, is checked on the caller's thread alone. The findings are the same
    /// whatever the number.
    pub threads: Option<usize>,
}

impl Options {
    /// Options for a document with this name.
    pub fn named(name: impl Into<String>) -> Options {
        Options {
            name: Some(name.into()),
            ..Options::default()
        }
    }

    /// The same options with an anchor date for relative dates.
    pub fn as_of(mut self, date: Date) -> Options {
        self.as_of = Some(date);
        self
    }

    /// The same options with at most `threads` threads to attribute figures on.
    pub fn threads(mut self, threads: usize) -> Options {
        self.threads = Some(threads);
        self
    }
}

/// A sheet prepared once, checked against many drafts.
pub struct Checker<'a> {
    index: Index<'a>,
}

impl<'a> Checker<'a> {
    pub fn new(sheet: &'a Sheet) -> Checker<'a> {
        Checker {
            index: Index::new(sheet),
        }
    }

    /// Checks a Markdown draft with no other knowledge about it: the same as
    /// [`Checker::check_document`] with `Options::default()`.
    pub fn check(&self, text: &str) -> Vec<Finding> {
        self.check_document(text, &Options::default())
    }

    /// Checks one document's figures against the sheet.
    ///
    /// Returns every figure and claimed date found, in the order of the text, whatever its
    /// status (filter by [`Finding::status`] for what to show). Each finding carries its byte
    /// range in `text` (`start..end`) and its line and column range. Pure: no I/O, no panic
    /// on any input; time and memory are linear in the text's length.
    ///
    /// This is the stable entry point for other programs (an editor's language server, a
    /// build step): its signature and the meaning of the fields do not change.
    pub fn check_document(&self, text: &str, options: &Options) -> Vec<Finding> {
        let mut all = Vec::new();
        let _ = check_with::<()>(
            &self.index,
            text,
            options,
            Shown::ALL,
            &mut |mut findings| {
                all.append(&mut findings);
                ControlFlow::Continue(())
            },
        );
        all
    }

    /// Checks a document that may have been checked before, as [`Checker::check_document`]
    /// does and with the same findings, reading again only the pieces of it (a few thousand
    /// characters each) that are not in `memo`, which then holds this document's pieces.
    /// An editor checking a long document after each keystroke reads one piece, not the
    /// document. A `memo` belongs to one document, options and checker: make a new one when
    /// any of them changes.
    pub fn check_again(&self, text: &str, options: &Options, memo: &mut Memo) -> Vec<Finding> {
        let mut all = Vec::new();
        let _ = check_in_pieces::<()>(
            &self.index,
            text,
            options,
            Cut {
                size: MEMO_PIECE,
                figures: pieces::FIGURES,
                workers: None,
            },
            Shown::ALL,
            Some(memo),
            &mut |mut findings| {
                all.append(&mut findings);
                ControlFlow::Continue(())
            },
        );
        all
    }

    /// Checks one document as [`Checker::check_document`] does, handing the findings whose
    /// status is `shown` ([`Shown::ALL`] for every one) to `sink` a part at a time as they are
    /// found (a long draft is read in pieces), so that they can be written out as they come and
    /// memory stays bounded. A finding that is not shown is left out before its text is
    /// written, which saves most of the work for a draft whose figures mostly agree. `sink`
    /// stops the check by breaking; what it breaks with is returned.
    pub fn check_each<B>(
        &self,
        text: &str,
        options: &Options,
        shown: Shown,
        mut sink: impl FnMut(Vec<Finding>) -> ControlFlow<B>,
    ) -> ControlFlow<B> {
        check_with(&self.index, text, options, shown, &mut sink)
    }
}

/// Checks one document against a sheet, preparing the sheet for it. To check many documents
/// against the same sheet, make a [`Checker`] once and call [`Checker::check_document`].
pub fn check_document(sheet: &Sheet, text: &str, options: &Options) -> Vec<Finding> {
    Checker::new(sheet).check_document(text, options)
}

/// For a fact of a measure: which source gives it, and what the other sources give for the same
/// period when they differ, so that a writer can choose and cite (`, as Azernews gives it;
/// Trend News Agency gives 20,000–25,000 people`). Empty for a fact with no measure.
fn as_sources_give<'i>(index: &'i matcher::Index<'_>, p: usize) -> &'i str {
    index.sources_said[p].get_or_init(|| sources_said(index, p))
}

/// What [`as_sources_give`] says of profile `p`, made.
fn sources_said(index: &matcher::Index<'_>, p: usize) -> String {
    let fact = index.profiles[p].fact;
    if fact.measure.is_none() {
        return String::new();
    }
    let publisher = |f: &Fact| {
        let source = index.sheet.sources.get(&f.source.key);
        source
            .and_then(|s| s.publisher.clone())
            .unwrap_or_else(|| f.source.key.clone())
    };
    let mut text = format!(", as {} gives it", publisher(fact));
    for other in rival_sources(index, p) {
        text.push_str(&format!(
            "; {} gives {}",
            publisher(other),
            crate::figure::figure(other)
        ));
    }
    text
}

/// The facts of the same measure and period as the fact of profile `p` from other sources that
/// give another value, in the sheet's order.
fn rival_sources<'a>(index: &'a matcher::Index<'_>, p: usize) -> impl Iterator<Item = &'a Fact> {
    let fact = index.profiles[p].fact;
    let members = index.group(p).map_or(&[][..], |g| index.members(g));
    members
        .iter()
        .map(|&o| index.profiles[o].fact)
        .filter(move |o| o.id != fact.id && o.period == fact.period && o.value != fact.value)
}

/// [`as_sources_give`] for a figure that differs from the sheet: said only when the sheet's
/// sources disagree for that period, so the writer sees every figure there is to choose from.
fn where_sources_disagree<'i>(index: &'i matcher::Index<'_>, p: usize) -> &'i str {
    if rival_sources(index, p).next().is_some() {
        as_sources_give(index, p)
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small sheet of made-up figures: visitors and their rise over two periods, a share of
    /// arrivals for one month, and weekly flights.
    const SHEET: &str = r#"
[sources.board]
title = "Arrivals by country"
publisher = "Example Tourism Board"
date = "2025-02-01"
url = "https://example.org/arrivals"

[sectors.tourism]
description = "Visitors."

[sectors.transport]
description = "Flights."

[[facts]]
id = "tourism.visitors-2024"
label = "Pakistani citizens who visited Azerbaijan"
value = 80924
unit = "people"
period = "2024"
measure = "tourism.visitors"
aliases = ["tourists", "visitors"]
source = { key = "board" }

[[facts]]
id = "tourism.visitors-2023"
label = "Pakistani citizens who visited Azerbaijan"
value = 55000
unit = "people"
qualifier = "about"
period = "2023"
measure = "tourism.visitors"
aliases = ["tourists", "visitors"]
source = { key = "board" }

[[facts]]
id = "tourism.rise-2024"
label = "Rise in Pakistani tourists"
value = 47
unit = "%"
qualifier = "about"
period = "2024"
measure = "tourism.rise"
aliases = ["rise", "growth"]
source = { key = "board" }

[[facts]]
id = "tourism.rise-2024-jan"
label = "Rise in Pakistani tourists"
value = 28.3
unit = "%"
period = "2024-01"
measure = "tourism.rise"
aliases = ["rise", "growth"]
source = { key = "board" }

[[facts]]
id = "tourism.share-2024-jan"
label = "Pakistan's share of foreign arrivals"
value = 2.5
unit = "%"
period = "2024-01"
measure = "tourism.share"
aliases = ["share", "foreign arrivals"]
source = { key = "board" }

[[facts]]
id = "transport.flights-weekly"
label = "Weekly flights between Lahore and Baku"
value = 2
unit = "flights/week"
aliases = ["flights", "weekly flights"]
source = { key = "board" }
"#;

    /// The status of the figure that starts with `figure` in `text`, and the fact it names.
    fn judged(text: &str, figure: &str) -> (Status, Option<String>) {
        // Words weigh by how rare they are among the facts: facts on other things make the
        // tourism words rare, as in a real sheet.
        let mut toml = format!("{SHEET}\n[sectors.trade]\ndescription = \"Trade.\"\n");
        for (n, good) in [
            "cotton", "rice", "tea", "steel", "cement", "copper", "fruit", "salt",
        ]
        .iter()
        .enumerate()
        {
            for (year, tonnes) in [(2022, 1000 + n), (2023, 2000 + n)] {
                toml.push_str(&format!(
                    "\n[[facts]]\nid = \"trade.{good}-{year}\"\nlabel = \"{good} shipped\"\n\
                     value = {tonnes}\nunit = \"t\"\nperiod = \"{year}\"\n\
                     source = {{ key = \"board\" }}\n"
                ));
            }
        }
        let sheet = crate::sheet::parse(&toml, "rules.toml", &Sheet::default()).unwrap();
        let at = text.find(figure).unwrap();
        Checker::new(&sheet)
            .check(text)
            .into_iter()
            .find(|f| f.start <= at && at < f.end)
            .map_or((Status::Unknown, None), |f| (f.status, f.fact))
    }

    fn mismatch(fact: &str) -> (Status, Option<String>) {
        (Status::Mismatch, Some(fact.to_string()))
    }

    #[test]
    fn a_small_bare_number_is_no_facts_figure() {
        // With nothing counted, a small number is a label: a version, a numbered post.
        let (status, _) = judged(
            "Release 3.1 of the timetable lists the weekly flights between Lahore and Baku.",
            "3.1",
        );
        assert_eq!(status, Status::Unknown);
        let (status, _) = judged(
            "5/ The weekly flights between Lahore and Baku are full.",
            "5",
        );
        assert_eq!(status, Status::Unknown);
        // What it counts, named after it or right before it, makes it the fact's.
        assert_eq!(
            judged("There are 3 weekly flights between Lahore and Baku.", "3"),
            mismatch("transport.flights-weekly")
        );
        assert_eq!(
            judged("Weekly flights between Lahore and Baku: 3.", "3"),
            mismatch("transport.flights-weekly")
        );
        // So does the question it answers, when it opens the answer.
        assert_eq!(
            judged(
                "How many weekly flights are there between Lahore and Baku? 3 of them.",
                "3"
            ),
            mismatch("transport.flights-weekly")
        );
        let (status, _) = judged(
            "How many weekly flights are there between Lahore and Baku? See page 3.",
            "3",
        );
        assert_eq!(status, Status::Unknown);
    }

    #[test]
    fn a_name_among_what_a_figure_counts_is_another_subject() {
        let text = "About 800,000 Georgian tourists visited Azerbaijan in 2024.";
        assert_eq!(judged(text, "About 800,000").0, Status::Unknown);
        let text = "About 800,000 Pakistani tourists visited Azerbaijan in 2024.";
        assert_eq!(
            judged(text, "About 800,000"),
            mismatch("tourism.visitors-2024")
        );
    }

    #[test]
    fn a_fact_of_another_period_gives_way_to_the_one_for_the_date() {
        // The sheet has the rise for 2024: January's is not what a figure for 2024 states.
        let text = "The number of Pakistani tourists saw a rise of 28.3% in 2024.";
        assert_eq!(judged(text, "28.3%"), mismatch("tourism.rise-2024"));
        let text = "The number of Pakistani tourists saw a rise of 28.3% in January 2024.";
        assert_eq!(
            judged(text, "28.3%"),
            (Status::Ok, Some("tourism.rise-2024-jan".into()))
        );
        // A month's share is no figure for the whole year.
        let text = "Pakistan's share of foreign arrivals was 6.5% in 2024.";
        assert_eq!(judged(text, "6.5%").0, Status::Unknown);
        let text = "Pakistan's share of foreign arrivals was 6.5% in January 2024.";
        assert_eq!(judged(text, "6.5%"), mismatch("tourism.share-2024-jan"));
    }

    #[test]
    fn a_figure_that_shares_only_its_unit_with_a_fact_is_not_judged() {
        let text = "In 2024 the Baku metro carried some 60,000 people on a busy morning.";
        assert_eq!(judged(text, "some 60,000").0, Status::Unknown);
        let text = "Some 60,000 Pakistani tourists visited Azerbaijan in 2024.";
        assert_eq!(
            judged(text, "Some 60,000"),
            mismatch("tourism.visitors-2024")
        );
    }

    #[test]
    fn a_question_weighs_for_its_answer_and_no_further() {
        // `question` weighs more than `heading`, and only for the paragraph that answers.
        let asked = "## How many Pakistani citizens visited Azerbaijan in 2024?\n\nAbout 90,000.\n";
        assert_eq!(judged(asked, "About"), mismatch("tourism.visitors-2024"));
        // The answer is the paragraph after the question, however many sentences it has; the
        // paragraph after that is not.
        let scan = scan::scan(
            "## When were relations established?\n\nIn 1993. They were.\n\nThen more.\n",
        );
        assert_eq!(scan.sentences.len(), 4);
        let weights: Vec<f64> = (1..4).map(|s| heading_weight(&scan, s, 0)).collect();
        assert_eq!(
            weights,
            vec![WEIGHTS.question, WEIGHTS.question, WEIGHTS.heading]
        );
    }

    #[test]
    fn an_elliptical_figure_takes_its_subject_from_its_sentence() {
        // `some 90,000 followed` counts nothing of its own: the clause before says what.
        let text = "Some 80,924 Pakistani tourists visited Azerbaijan in 2024 for holidays, for \
                    business and to see their families, and some 90,000 followed in 2023.";
        assert_eq!(
            judged(text, "some 90,000"),
            mismatch("tourism.visitors-2023")
        );
        let text = "Some 80,924 Pakistani tourists visited Azerbaijan in 2024 for holidays, for \
                    business and to see their families, and some 55,000 followed in 2023.";
        assert_eq!(
            judged(text, "some 55,000"),
            (Status::Ok, Some("tourism.visitors-2023".into()))
        );
        // A figure that counts something of its own is not elliptical.
        let text = "Some 80,924 Pakistani tourists visited Azerbaijan in 2024 for holidays, for \
                    business and to see their families, and some 90,000 cars crossed in 2023.";
        assert_eq!(judged(text, "some 90,000").0, Status::Unknown);
    }

    #[test]
    fn the_value_of_another_year_in_a_series_is_a_wrong_date() {
        // 80,924 is 2024's; the series has no 2025, and the figure is still flagged.
        let text = "In 2025, 80,924 Pakistani tourists visited Azerbaijan.";
        assert_eq!(judged(text, "80,924"), mismatch("tourism.visitors-2024"));
        // A value no year has, for a year the series lacks, is not compared with another.
        let text = "In 2019, 12,345 Pakistani tourists visited Azerbaijan.";
        assert_eq!(judged(text, "12,345").0, Status::Unknown);
    }

    #[test]
    fn three_times_off_and_a_third_are_within_reach_at_the_writers_precision() {
        // 80,924 times three, and a third of it as a writer rounds it (26,974.67 to tens).
        for figure in ["242,772", "26,970", "26,975"] {
            let text = format!("Some {figure} Pakistani tourists visited Azerbaijan in 2024.");
            assert_eq!(
                judged(&text, figure),
                mismatch("tourism.visitors-2024"),
                "{figure}"
            );
        }
        // Beyond that, at any precision, it is about something else.
        for figure in ["283,234", "26,900", "20,000"] {
            let text = format!("Some {figure} Pakistani tourists visited Azerbaijan in 2024.");
            assert_eq!(judged(&text, figure).0, Status::Unknown, "{figure}");
        }
        // A round figure is not stretched by its rounding: 18,000 could be 18,333, a third of
        // 2023's 55,000, but it is more than 1 % off.
        let text = "About 18,000 Pakistani tourists visited Azerbaijan in 2023.";
        assert_eq!(judged(text, "About 18,000").0, Status::Unknown);
        let text = "About 18,400 Pakistani tourists visited Azerbaijan in 2023.";
        assert_eq!(
            judged(text, "About 18,400"),
            mismatch("tourism.visitors-2023")
        );
    }

    #[test]
    fn the_sentence_befores_fact_with_a_far_off_value_is_no_rival() {
        // The first sentence is about the leaders' visits, and its words name that fact
        // strongly; the second names the ambassador's visitor count, and its figure is nowhere
        // near six. The second figure is the visitor count's, and wrong; the first sentence's
        // date is its figure's period, not a date claimed for a prime minister's trip.
        let sheet = crate::sheet::bundled().unwrap();
        let text = "Pakistani presidents and prime ministers who came to Azerbaijan in \
                    1992–2017: 6 people. By the Pakistani ambassador's figure, 60,000 Pakistani \
                    citizens visited Azerbaijan in 2017.";
        let findings = Checker::new(&sheet).check(text);
        let problems: Vec<(Status, Option<&str>)> = findings
            .iter()
            .filter(|f| f.status != Status::Unknown)
            .map(|f| (f.status, f.fact.as_deref()))
            .collect();
        assert_eq!(
            problems,
            [
                (Status::Ok, Some("diplomacy.leaders-visits-25-years")),
                (Status::Mismatch, Some("tourism.visitors-2017-ambassador")),
            ],
            "{findings:#?}"
        );
    }

    /// The drafts of the fixtures, one after another.
    pub(super) fn corpus() -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drafts");
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|n| std::fs::read_to_string(n).unwrap() + "\n\n")
            .collect()
    }

    /// The shortcuts of scoring give, for every figure of the corpus, what scoring the long way
    /// gives: the figure's scores and its own sentence's best score from one pass, and each
    /// fact's subject words counted for that fact alone.
    #[test]
    fn one_pass_scoring_gives_what_scoring_each_list_gives() {
        let sheet = crate::sheet::bundled().unwrap();
        let index = Index::new(&sheet);
        let scan = scan::scan(&corpus());
        let ids: Vec<Option<usize>> = scan
            .lexicon
            .entries()
            .iter()
            .map(|w| index.id(&w.stem))
            .collect();
        let mut scratch = Scratch::default();
        let mut checked = (0, 0);
        for q in &scan.quantities {
            let ctx = context(&scan, &ids, q.sentence, q.core);
            let own_from = ctx.iter().position(|w| w.own).unwrap_or(ctx.len());
            assert!(ctx[own_from..].iter().all(|w| w.own));
            let mut one_pass = Vec::new();
            let mut measure_best = vec![0.0; index.groups()];
            let topic = index.score_and_topic(
                &ctx,
                own_from,
                &mut scratch,
                &mut one_pass,
                &mut measure_best,
            );
            for (g, best) in measure_best.iter().enumerate() {
                let expected = one_pass
                    .iter()
                    .filter(|s| index.group(s.profile) == Some(g))
                    .map(|s| s.score)
                    .fold(0.0, f64::max);
                assert_eq!(best.to_bits(), expected.to_bits());
            }
            one_pass.sort_unstable_by(matcher::rank);
            let long: Vec<(usize, f64, usize, usize, usize)> = index
                .score(&ctx, &mut scratch)
                .iter()
                .map(|s| (s.profile, s.score, s.hits, s.specific, s.specific_near))
                .collect();
            let short: Vec<(usize, f64, usize, usize, usize)> = one_pass
                .iter()
                .map(|s| (s.profile, s.score, s.hits, s.specific, s.specific_near))
                .collect();
            assert_eq!(short, long);
            let own: Vec<Word> = ctx.iter().copied().filter(|w| w.own).collect();
            assert_eq!(
                topic.to_bits(),
                index.top_score(&own, &mut scratch).to_bits()
            );
            // Subject words: the context without the fact's unit words, scored for all facts.
            for p in 0..index.profiles.len() {
                let unit: Vec<String> = index.profiles[p]
                    .fact
                    .unit
                    .as_deref()
                    .map(matcher::stems)
                    .unwrap_or_default();
                let rest: Vec<Word> = ctx
                    .iter()
                    .filter(|w| !unit.iter().any(|u| u == w.stem))
                    .copied()
                    .collect();
                let expected = index
                    .score(&rest, &mut scratch)
                    .iter()
                    .find(|s| s.profile == p)
                    .map_or(0, |s| s.specific);
                assert_eq!(index.subject_words(p, &ctx), expected);
                checked.1 += usize::from(expected > 0);
            }
            checked.0 += 1;
        }
        assert!(checked.0 > 100 && checked.1 > 100, "{checked:?}");
    }

    /// Leaving out the findings that are not shown leaves the others as they were.
    #[test]
    fn findings_not_shown_are_left_out_and_the_rest_kept_whole() {
        let sheet = crate::sheet::bundled().unwrap();
        let checker = Checker::new(&sheet);
        let text = corpus();
        let options = Options::named("corpus.md");
        let all = checker.check_document(&text, &options);
        for shown in [
            Shown {
                ok: false,
                unknown: false,
            },
            Shown {
                ok: true,
                unknown: false,
            },
            Shown {
                ok: false,
                unknown: true,
            },
        ] {
            let mut some = Vec::new();
            let _ = checker.check_each::<()>(&text, &options, shown, |mut f| {
                some.append(&mut f);
                ControlFlow::Continue(())
            });
            let expected: Vec<&Finding> = all.iter().filter(|f| shown.shows(f.status)).collect();
            assert!(expected.len() < all.len() && expected.len() > 10);
            assert_eq!(some.iter().collect::<Vec<_>>(), expected);
        }
    }

    /// The status the bundled sheet gives the figure that starts with `figure` in `text`.
    /// Asserts that the figure of `text` that starts with `figure` has `status` and is
    /// attributed to `fact`, on the bundled sheet.
    #[track_caller]
    fn assert_verdict(text: &str, figure: &str, status: Status, fact: &str) {
        let sheet = crate::sheet::bundled().unwrap();
        let found = check_document(&sheet, text, &Options::default());
        let f = found
            .iter()
            .find(|f| f.found.starts_with(figure))
            .unwrap_or_else(|| panic!("no {figure} in {found:?}"));
        assert_eq!(
            (f.status, f.fact.as_deref()),
            (status, Some(fact)),
            "{figure}"
        );
    }

    fn bundled_status(text: &str, figure: &str) -> Status {
        let sheet = crate::sheet::bundled().unwrap();
        let at = text.find(figure).unwrap();
        check_document(&sheet, text, &Options::default())
            .into_iter()
            .find(|f| f.start <= at && at < f.end)
            .map_or(Status::Unknown, |f| f.status)
    }

    #[test]
    fn an_event_dated_rightly_elsewhere_in_the_sentence_is_no_rival() {
        // `since April 2025` is the restart's date: the first date is the first flight's.
        let first = "PIA's first direct flight from Lahore to Baku landed on 16 June 2023";
        let text = format!("{first}, and since April 2025 PIA flies Lahore–Baku twice a week.");
        assert_eq!(bundled_status(&text, "16 June 2023"), Status::Mismatch);
        let right = text.replace("16 June 2023", "16 March 2022");
        assert_eq!(bundled_status(&right, "16 March 2022"), Status::Ok);
        // Without it, the restart of 2025 is a rival the words cannot tell apart.
        assert_eq!(
            bundled_status(&format!("{first}."), "16 June 2023"),
            Status::Unknown
        );
    }

    #[test]
    fn a_date_that_agrees_with_one_of_close_events_is_right() {
        // `since` names the relations of 1992 and a plan names AZAL's three cities: the words
        // cannot tell the first Islamabad flight from them, but the date agrees with it alone.
        let text = "My husband says AZAL has flown to Islamabad since November 2023.";
        assert_eq!(bundled_status(text, "November 2023"), Status::Ok);
        // A date that agrees with none of them, and is no slip from one, is left unjudged.
        let other = text.replace("November 2023", "February 2024");
        assert_eq!(bundled_status(&other, "February 2024"), Status::Unknown);
    }

    #[test]
    fn a_fact_the_figure_could_not_be_leaves_the_heading_s_fact_sure() {
        // `Reported` names the 8 jets first reported, which 550,000 could not be: the heading's
        // visitors are what the figure is about, and it is ten times theirs.
        let text = "## Item 2: Pakistani visitors to Azerbaijan\n\nReported: 550,000 (2023).\n";
        assert_eq!(bundled_status(text, "550,000"), Status::Mismatch);
        let right = text.replace("550,000", "55,000");
        assert_eq!(bundled_status(&right, "55,000"), Status::Ok);
    }

    #[test]
    fn an_item_that_names_nothing_is_about_what_the_item_before_is_about() {
        let list = "## Why so many are going\n\n- 80,924 Pakistani citizens visited Azerbaijan in 2024.\n- In January–July 2025 about 460,000 went.\n";
        assert_eq!(bundled_status(list, "about 460,000"), Status::Mismatch);
        let s = scan::scan(list);
        assert_eq!(item_before(&s, 2), Some(1));
        // Not an item under a lead-in, which takes its subject from it, nor running text.
        let led = scan::scan("Visitors:\n\n- 80,924 in 2024.\n- 46,000 in 2025.\n");
        assert_eq!(item_before(&led, 2), None);
        let prose = scan::scan("Visitors came. Some 46,000 went.");
        assert_eq!(item_before(&prose, 1), None);
    }

    #[test]
    fn a_clause_about_some_of_what_a_figure_counts_is_another_clause() {
        // The flights are how most of them came, not what the figure counts.
        let text = "## Pakistani visitors to Azerbaijan\n\n- In 2022: 500,000, most of them on the new direct flights.\n";
        assert_eq!(bundled_status(text, "500,000"), Status::Mismatch);
        let right = text.replace("500,000", "50,000");
        assert_eq!(bundled_status(&right, "50,000"), Status::Ok);
    }

    #[test]
    fn of_close_facts_the_one_the_figure_is_a_slip_of_is_meant() {
        // `imports` and `exports` are both near; US$6.1 million is the exports' 1.6 swapped.
        let text = "In 2020 turnover stood at US$13.2 million, when Azerbaijan's imports from Pakistan were US$11.6 million and its exports to Pakistan US$6.1 million.";
        let sheet = crate::sheet::bundled().unwrap();
        assert_verdict(
            text,
            "US$6.1",
            Status::Mismatch,
            "trade.azerbaijan-exports-2020",
        );
        // The best-named fact, when it is the only one the figure is a slip of, is meant too.
        let turnover = "Turnover between Azerbaijan and Pakistan. It stood at US$31.2 million in 2020, when Azerbaijan's imports from Pakistan were US$11.6 million.";
        assert_verdict(turnover, "US$31.2", Status::Mismatch, "trade.turnover-2020");
        // A figure that is no slip of either is the best-named fact's, the imports.
        let other = text.replace("US$6.1", "US$7.3");
        let found = check_document(&sheet, &other, &Options::default());
        let f = found
            .iter()
            .find(|f| f.found.starts_with("US$7.3"))
            .unwrap();
        assert_eq!(f.fact.as_deref(), Some("trade.azerbaijan-imports-2020"));
    }

    #[test]
    fn a_rival_whose_value_is_far_further_off_is_none() {
        // 176 is PIA's 174 with a digit wrong, not the 80 of AZAL's first return flight,
        // though the words fit both.
        let text = "We flew in on PIA's relaunched Lahore–Baku service, the very first flight, with 176 passengers on board.";
        assert_verdict(
            text,
            "176",
            Status::Mismatch,
            "transport.pia-lahore-baku-2025-passengers",
        );
        // A figure near neither stays unjudged.
        let far = text.replace("176", "130");
        assert_eq!(bundled_status(&far, "130"), Status::Unknown);
    }

    #[test]
    fn a_when_clause_after_a_comma_is_another_clause() {
        let s =
            scan::scan("It stood at US$13.2 million in 2020, when imports were US$11.6 million.");
        let comma = (0..s.tokens.len())
            .find(|&k| s.tokens[k].sym() == Some(','))
            .unwrap();
        assert!(clause_boundary(&s, comma));
        let s = scan::scan("In 2020, turnover stood at US$13.2 million.");
        assert!(!clause_boundary(&s, 2));
    }

    #[test]
    fn the_words_that_lead_up_to_the_next_figure_are_its() {
        // `its imports from Pakistan` lead up to US$20.5 million, not back to US$7.6 million.
        let text = "In 2022 turnover rose by over 140% to US$28.1 million, Azerbaijan's exports to Pakistan coming to US$7.6 million and its imports from Pakistan to US$20.5 million.";
        assert_eq!(bundled_status(text, "US$7.6 million"), Status::Ok);
        assert_eq!(bundled_status(text, "US$20.5 million"), Status::Ok);
        let slip = text.replace("US$7.6", "US$76");
        assert_verdict(
            &slip,
            "US$76",
            Status::Mismatch,
            "trade.azerbaijan-exports-2022",
        );
    }

    #[test]
    fn it_opening_a_sentence_stands_for_what_the_sentence_before_is_about() {
        let text = "In 2021 turnover was US$11.7 million. In 2022 it rose by over 140% to US$28.1 million, Azerbaijan's exports to Pakistan coming to US$7.6 million and its imports from Pakistan to US$20.5 million.";
        assert_eq!(bundled_status(text, "US$28.1 million"), Status::Ok);
        let slip = text.replace("US$28.1", "US$281");
        assert_verdict(&slip, "US$281", Status::Mismatch, "trade.turnover-2022");
        // Not `it` further into the sentence, nor one across a clause boundary.
        let s = scan::scan("The chamber said it had US$28.1 million.");
        assert_eq!(subject_it(&s, &s.sentences[0], s.quantities[0].first), None);
        let s = scan::scan("It grew, and trade came to US$28.1 million.");
        assert_eq!(subject_it(&s, &s.sentences[0], s.quantities[0].first), None);
        let s = scan::scan("In 2022 it rose to US$28.1 million.");
        assert_eq!(
            subject_it(&s, &s.sentences[0], s.quantities[0].first),
            Some(1.0)
        );
    }

    #[test]
    fn a_compound_the_sheet_does_not_use_is_read_as_its_parts() {
        // `Lahore-Baku` is no word of the sheet's; `Lahore` and `Baku` are.
        let wrong = "PIA, back on the Lahore-Baku route since May 2025, flies it twice a week.";
        assert_eq!(bundled_status(wrong, "May 2025"), Status::Mismatch);
        let right = wrong.replace("May", "April");
        assert_eq!(bundled_status(&right, "April 2025"), Status::Ok);
    }

    #[test]
    fn a_heading_of_two_sentences_is_one_heading() {
        // The question's first sentence names what the answer is about.
        let faq = "### I am flying AZAL from Lahore. How new is that route?\n\nAZAL started it on 23 October 2023.\n";
        assert_eq!(bundled_status(faq, "23 October 2023"), Status::Mismatch);
        let s = scan::scan(faq);
        assert_eq!(heading_before(&s, 1), Some(0));
        assert_eq!(s.sentences[2].heading, Some(1));
        // Two headings on two lines are two headings.
        let s = scan::scan("## Trade.\n\n## Visitors.\n\nText.\n");
        assert_eq!(heading_before(&s, 1), None);
    }

    #[test]
    fn a_day_is_judged_by_the_sources_that_give_the_day() {
        let sheet = crate::sheet::bundled().unwrap();
        let judged = |text: &str| {
            let f = check_document(&sheet, text, &Options::default());
            let d = f.iter().find(|f| f.found.ends_with("1992")).unwrap();
            (d.status, d.fact.clone().unwrap_or_default())
        };
        let counts = "The embassy counts the diplomatic relations from";
        assert_eq!(
            judged(&format!("{counts} 9 July 1992.")),
            (
                Status::Mismatch,
                "diplomacy.relations-established-date".into()
            )
        );
        assert_eq!(
            judged(&format!("{counts} 9 June 1992.")),
            (Status::Ok, "diplomacy.relations-established-date".into())
        );
        // A month is judged by the year as before: no source of the measure contradicts it.
        assert_eq!(
            judged("Diplomatic relations were established in July 1992.").0,
            Status::Ok
        );
    }

    #[test]
    fn a_date_one_slip_from_one_of_close_events_is_wrong() {
        // PIA's first Lahore flight outscores AZAL's first Karachi flight on these words, but
        // the date is a month's slip from the Karachi flight's alone.
        let text = "From Karachi, AZAL has flown direct since its first flight on 18 May 2024.";
        let sheet = crate::sheet::bundled().unwrap();
        let found = check_document(&sheet, text, &Options::default());
        let date = found.iter().find(|f| f.found == "18 May 2024").unwrap();
        assert_eq!(date.status, Status::Mismatch);
        assert_eq!(date.fact.as_deref(), Some("transport.azal-first-karachi"));
        // Not a date two slips away, nor a year written alone.
        let far = text.replace("18 May", "19 May");
        assert_eq!(bundled_status(&far, "19 May 2024"), Status::Unknown);
        let p = |t: &str| Period::parse(t).unwrap();
        assert!(slip_of(&p("2024-05-18"), &p("2024-04-18")));
        assert!(slip_of(&p("2023-04"), &p("2024-04-18")));
        assert!(slip_of(&p("2023-12"), &p("2023-11")));
        assert!(!slip_of(&p("2024-05-19"), &p("2024-04-18")));
        assert!(!slip_of(&p("2023"), &p("2024")));
        assert!(!slip_of(&p("2024-06"), &p("2024-04")));
        // A day slips only from a day.
        assert!(!slip_of(&p("2023-10-23"), &p("2023-11")));
    }

    #[test]
    fn a_value_and_a_date_that_single_out_a_fact_are_its() {
        // Nothing names the visitors, but the date is their fact's very period and the value
        // is theirs: an agreement, never a problem.
        let ok = "## Why so many go\n\n- In the first seven months of 2025 about 46,000 went.\n";
        assert_eq!(bundled_status(ok, "about 46,000"), Status::Ok);
        // A period shorter than a year that one fact alone is for singles it out for a figure
        // that disagrees too; a year, which many facts share, does not.
        let off = "## Why so many go\n\n- In the first seven months of 2025 about 56,000 went.\n";
        assert_eq!(bundled_status(off, "about 56,000"), Status::Mismatch);
        let year = "## Why so many go\n\n- In 2019 about 56,000 went.\n";
        assert_eq!(bundled_status(year, "about 56,000"), Status::Unknown);
        // Not a small bare count that counts nothing named (`15 of them` is no count of the
        // 15 agreements of July 2024), nor a figure whose date only overlaps the fact's.
        let small = "## Notes\n\n- In July 2024 there were 15 of them.\n";
        assert_eq!(bundled_status(small, "15"), Status::Unknown);
        let year = "## Why so many go\n\n- In 2025 about 46,000 went.\n";
        assert_eq!(bundled_status(year, "about 46,000"), Status::Unknown);
    }

    #[test]
    fn a_rate_beside_since_and_a_date_is_for_that_date() {
        // The first flight's date is another clause's; the rate holds since April 2025.
        let text = "PIA first flew Lahore–Baku on 16 March 2022 and, since April 2025, runs 20 flights a week.";
        assert_verdict(
            text,
            "20 flights",
            Status::Mismatch,
            "transport.pia-lahore-baku-2025-weekly",
        );
        let s = scan::scan(text);
        assert!(rate_since(&s, &s.quantities[0]).is_some());
        // Not a change since a date, which compares.
        let s = scan::scan("Flights rose 40% since 2023.");
        assert!(rate_since(&s, &s.quantities[0]).is_none());
    }

    #[test]
    fn a_date_after_since_dates_the_sentence_that_goes_on() {
        // November 2023 dates the Islamabad flights; the next sentence tells of the first.
        let text = "Azerbaijan Airlines has flown Baku–Islamabad twice a week since November 2023; its first Islamabad flight carried 150 passengers.";
        assert_verdict(
            text,
            "150",
            Status::Mismatch,
            "transport.azal-first-islamabad-passengers",
        );
    }

    #[test]
    fn a_date_right_after_or_owning_a_figure_is_its_period() {
        let text = "Pakistani visitors rose to 80,924 in 2024, a 47% increase on 2023's 65,000.";
        let s = scan::scan(text);
        let year = |d: Option<(usize, &scan::DateMention)>| d.map(|(_, d)| d.period.human());
        assert_eq!(
            year(date_possessing(&s, &s.quantities[2])),
            Some("2023".into())
        );
        assert_eq!(year(date_possessing(&s, &s.quantities[1])), None);
        assert_eq!(
            year(date_right_after(&s, &s.quantities[0])),
            Some("2024".into())
        );
        let s = scan::scan("Visitors rose to 80,924 in 2024 from 55,000 in 2023.");
        assert_eq!(
            year(date_right_after(&s, &s.quantities[1])),
            Some("2023".into())
        );
        assert_eq!(
            bundled_status(
                "Pakistani visitors to Azerbaijan rose to 80,924 in 2024 from 55,000 in 2023.",
                "55,000"
            ),
            Status::Ok
        );
    }

    #[test]
    fn a_when_clause_is_for_the_date_before_it() {
        // `2023` is the point of comparison of the rise, and the date of the 55,000.
        let text = "Pakistani visitors to Azerbaijan numbered 80,924 in 2024, about 47% up on 2023, when there were 55,000.";
        assert_eq!(bundled_status(text, "55,000"), Status::Ok);
        let wrong = "Pakistani visitors to Azerbaijan numbered 80,924 in 2024, about 47% up on 2023, when there were 65,000.";
        assert_eq!(bundled_status(wrong, "65,000"), Status::Mismatch);
        let s = scan::scan(wrong);
        assert!(when_clause(&s, &s.quantities[2]).is_some());
        assert!(when_clause(&s, &s.quantities[1]).is_none());
    }

    #[test]
    fn a_wrong_unit_on_a_figure_of_the_fact_s_very_period_is_a_slip() {
        // Nothing but the heading names the visitors' rise; the item is dated to its year.
        let list = "## Pakistani visitors to Azerbaijan\n\n- In 2024: about 47 percentage points up on the year before.\n";
        assert_eq!(bundled_status(list, "about 47"), Status::Mismatch);
        let right = list.replace(" percentage points", "%");
        assert_eq!(bundled_status(&right, "about 47%"), Status::Ok);
    }

    #[test]
    fn money_is_a_slip_of_unit_only_for_a_fact_in_money() {
        // A fee in manat is no delivery time of 8–10 days, however the words lean.
        let fee = "### What time is check-in?\n\nArriving after 23:00 costs 10 AZN for the night porter.\n";
        assert_eq!(bundled_status(fee, "10 AZN"), Status::Unknown);
        // Weeks for days, and euros for dollars, are still slips of the unit.
        let weeks = "Cargo from China to Baku over the Middle Corridor takes 8–10 weeks.";
        assert_eq!(bundled_status(weeks, "8–10 weeks"), Status::Mismatch);
        let euros = "In February 2024 the JF-17 Block III deal with Azerbaijan was reported at €1.6 billion.";
        assert_eq!(bundled_status(euros, "€1.6 billion"), Status::Mismatch);
        // Two sources that give the same figure for the period are one fact, not two rivals.
        let turnover = "In 2021 turnover between Azerbaijan and Pakistan was €11.7 million.";
        assert_eq!(bundled_status(turnover, "€11.7 million"), Status::Mismatch);
    }

    #[test]
    fn titles_facilities_and_names_are_read_for_what_they_are() {
        // A person after a title acts; the pledge is still the sheet's.
        let pledge = "Pledge by President Aliyev, July 2024: US$2 million.";
        assert_eq!(bundled_status(pledge, "US$2"), Status::Mismatch);
        // Without the title the name is a partner's, another subject.
        let other = "Pledge by Aliyev, July 2024: US$2 million.";
        assert_eq!(bundled_status(other, "US$2"), Status::Unknown);
        // A place with its facility is the facility; the place alone is the fact's.
        let port = "Free time at Baku port is 7 days.";
        assert_eq!(bundled_status(port, "7 days"), Status::Unknown);
        let route = "China to Baku over the Middle Corridor takes 7 days.";
        assert_eq!(bundled_status(route, "7 days"), Status::Mismatch);
        // `Three Brothers` names the exercise; its date is judged as the exercise's.
        let drill = "The Three Brothers exercise was held in Baku in September 2022.";
        assert_eq!(bundled_status(drill, "Three"), Status::Unknown);
        assert_eq!(bundled_status(drill, "September"), Status::Mismatch);
    }

    #[test]
    fn a_cell_is_dated_by_its_columns_header() {
        let table = "| Indicator | 2023 | 2024 |\n|---|---:|---:|\n\
                     | Pakistani visitors to Azerbaijan | 55,000 | 80,924 |\n";
        assert_eq!(bundled_status(table, "55,000"), Status::Ok);
        assert_eq!(bundled_status(table, "80,924"), Status::Ok);
        // A header cell with more than a date in it dates no column.
        let words =
            "| Indicator | visitors in 2023 |\n|---|---:|\n| Pakistani visitors | 80,924 |\n";
        let scan = scan::scan(words);
        assert!(column_date(&scan, &scan.quantities[0]).is_none());
    }

    #[test]
    fn a_day_fits_its_month_and_a_far_off_fact_does_not_silence_the_heading() {
        // The 174 passengers of 20 April 2025, written for April 2025.
        let flight = "PIA's first Lahore–Baku flight of April 2025 carried 147 passengers.";
        assert_eq!(bundled_status(flight, "147"), Status::Mismatch);
        // `reported` names the jets of the first report, which 55,000 cannot be: the
        // heading's visitors are the figure's.
        let minutes =
            "## Pakistani visitors to Azerbaijan\n\nReported: 55,000 (2023); 80,924 (2024).\n";
        assert_eq!(bundled_status(minutes, "55,000"), Status::Ok);
    }
}
