//! Reading a draft: tokens with character positions, sentences and the context around them,
//! and the figures a writer states — quantities with their hedge, scale and unit, and dates.

use std::cell::Cell;
use std::sync::Arc;

use super::lexicon::{Entry, Lexicon};
use super::markdown::{Layout, LineKind, Syntax, layout_as};
use super::words::{self, Hedge};
use crate::period::{Date, Period, days_in_month};

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A word, shared with every other token of the same word.
    Word(Arc<Entry>),
    /// Boxed, so that a token (most are words and symbols) stays small.
    Num(Box<Num>),
    Sym(char),
    /// The end of a line that closes a sentence: a heading, a list item, a table row, a paragraph.
    Break,
}

/// Digits as written: `80,924`, `3.3`, `20.7m`.
#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    pub value: f64,
    /// The unit of the last digit written: 1000 for `81,000`, 0.1 for `3.3`.
    pub res: f64,
    /// Digits only: no separators, no decimals, no suffix (what a year looks like).
    pub plain: bool,
    /// Letters written straight after the digits, lowercase.
    pub suffix: String,
    /// Part of something that is not a figure: a time, a version, a fraction, `17th`.
    pub glued: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub kind: Kind,
    /// Character range in the draft (a draft is far shorter than 4 G characters).
    start: u32,
    end: u32,
}

// Tokens are many: keep them at three words.
const _: () = assert!(std::mem::size_of::<Token>() <= 24);

impl Token {
    fn new(kind: Kind, start: usize, end: usize) -> Token {
        // Positions past 4 G characters saturate; drafts are capped far below that.
        let at = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        Token {
            kind,
            start: at(start),
            end: at(end),
        }
    }

    /// Where the token starts in the draft, in characters.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Where the token ends (exclusive), in characters.
    pub fn end(&self) -> usize {
        self.end as usize
    }

    pub fn word(&self) -> Option<&str> {
        match &self.kind {
            Kind::Word(w) => Some(&w.lower),
            _ => None,
        }
    }

    pub fn stem(&self) -> Option<&str> {
        match &self.kind {
            Kind::Word(w) => Some(&w.stem),
            _ => None,
        }
    }

    /// The word's entry in the draft's [`Lexicon`].
    pub fn entry(&self) -> Option<&Entry> {
        match &self.kind {
            Kind::Word(w) => Some(w),
            _ => None,
        }
    }

    /// Whether it is the end of a line that closes a sentence ([`Kind::Break`]).
    pub fn is_break(&self) -> bool {
        matches!(self.kind, Kind::Break)
    }

    pub fn sym(&self) -> Option<char> {
        match self.kind {
            Kind::Sym(c) => Some(c),
            _ => None,
        }
    }

    pub fn num(&self) -> Option<&Num> {
        match &self.kind {
            Kind::Num(n) => Some(n),
            _ => None,
        }
    }
}

/// A sentence (or a list item, table row or heading) as a range of tokens, with the text
/// that gives it context.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub kind: LineKind,
    /// The sentence before it in its paragraph, the line that introduces its list, or its
    /// table's header row.
    pub parent: Option<usize>,
    /// The closest heading above it.
    pub heading: Option<usize>,
}

/// What a figure measures, as far as its own words say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Percent,
    /// Percentage points: never a percentage.
    Points,
    /// Money; `true` for US dollars.
    Money(bool),
    Mass,
    Days,
    /// A length of time in another unit (`weeks`, `months`, `hours`): only a fact measured
    /// in days can be about it, and no conversion is attempted.
    Duration,
    /// Another measure (length, volume, area) that no conversion is attempted for.
    Other,
    /// A multiple: `doubled`, `2×`, `three times`.
    Multiple,
    /// A count of whatever the next words name (or of nothing named).
    Count,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Amount {
    One { value: f64, res: f64 },
    Range { min: f64, max: f64, res: f64 },
}

impl Amount {
    /// The amount times `f`, as a scale or unit after it says (`3.3 Mt` is 3,300,000 tonnes).
    fn scaled(self, f: f64) -> Amount {
        match self {
            Amount::One { value, res } => Amount::One {
                value: value * f,
                res: res * f,
            },
            Amount::Range { min, max, res } => Amount::Range {
                min: min * f,
                max: max * f,
                res: res * f,
            },
        }
    }
}

/// A quantity stated in the draft.
#[derive(Debug, Clone)]
pub struct Quantity {
    pub sentence: usize,
    /// Tokens of the whole figure, hedge to unit (inclusive).
    pub first: usize,
    pub last: usize,
    /// Tokens that are the figure's own number, scale and unit words (inclusive), left out of
    /// the context, so that `10-day festival` does not look like a delivery time.
    pub core: (usize, usize),
    pub amount: Amount,
    pub hedge: Hedge,
    pub unit: Unit,
    /// Stems of the words right after the figure (`visitors` in `85,000 visitors`).
    pub nouns: Vec<String>,
    /// Written in words (`forty`), which is reported only when it belongs to a fact.
    pub in_words: bool,
    /// All that follows a label's colon or dash to the end of its line (`Documents signed —
    /// THIRTEEN`): the value given for the label, even a small number in words.
    pub labelled: bool,
    /// Said to happen so often (`three times a week`, `twice a month`): a count even when
    /// small, in words and counting nothing named.
    pub rate: bool,
}

/// A date stated in the draft.
#[derive(Debug, Clone)]
pub struct DateMention {
    pub sentence: usize,
    pub first: usize,
    pub last: usize,
    pub period: Period,
    /// A point of comparison (`compared with 2023`, `since 1992`) or the date of an event of
    /// its own (`independence in 1991`), rather than the time a figure is for.
    pub baseline: bool,
}

/// A draft, read.
#[derive(Debug)]
pub struct Scan {
    pub layout: Layout,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub sentence_of: Vec<usize>,
    pub quantities: Vec<Quantity>,
    pub dates: Vec<DateMention>,
    /// Whether each token is part of a date.
    pub in_date: Vec<bool>,
    /// The distinct words of the draft.
    pub lexicon: Lexicon,
    /// The date the draft is written on, which relative dates count from.
    pub anchor: Option<Date>,
    /// The date of the last diary entry read (see [`entry_dates`]), or the one carried in:
    /// what relative dates in the next piece count from.
    pub entry: Option<Date>,
    /// Whether each sentence asks a question ([`Scan::is_question`]), worked out the first time
    /// it is asked: the figures near a sentence ask it many times over.
    questions: Vec<Cell<Question>>,
}

/// Whether a sentence asks a question, as far as worked out.
#[derive(Debug, Clone, Copy, Default)]
enum Question {
    #[default]
    Unknown,
    Asks,
    Not,
}

impl Scan {
    /// The text of tokens `first..=last` as written (with masked parts as spaces).
    pub fn text(&self, first: usize, last: usize) -> String {
        let from = self.tokens[first].start();
        let to = self.tokens[last].end();
        // Runs of whitespace become one space; none at either end.
        let mut out = String::with_capacity(to.saturating_sub(from));
        let mut space = false;
        for &c in &self.layout.chars[from..to] {
            if c.is_whitespace() {
                space = !out.is_empty();
            } else {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push(c);
            }
        }
        out
    }
}

pub fn scan(text: &str) -> Scan {
    scan_with(text, None)
}

/// Reads a draft, with the date it is written on if the caller knows it (`--as-of`). Without
/// one, the front matter's `date:` or a dateline anchors relative dates (`last year`).
pub fn scan_with(text: &str, as_of: Option<Date>) -> Scan {
    scan_as(text, as_of, Syntax::Markdown)
}

/// Reads a draft written in `syntax` (Markdown or plain text), as [`scan_with`] does.
pub fn scan_as(text: &str, as_of: Option<Date>, syntax: Syntax) -> Scan {
    let carry = Carry {
        anchor: as_of.or_else(|| front_matter_date(text)),
        ..Carry::default()
    };
    scan_layout(layout_as(text, syntax), carry, Lexicon::default())
}

/// What a piece of a long draft takes from the text before it (see `check::pieces`). The
/// default is a whole draft's first piece, with no anchor known yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Carry {
    /// The date the draft is written on, if already known (`--as-of`, the front matter, or
    /// the dateline of the first piece).
    pub anchor: Option<Date>,
    /// The year of the last date written before the piece that is not a point of comparison,
    /// which `that year` refers to.
    pub year: Option<i32>,
    /// Where the piece's own text starts (in characters of its layout): lines before it are
    /// context from above (a heading), whose dates `that year` does not refer to.
    pub body: usize,
    /// Not the draft's first piece: its first sentence is no dateline.
    pub later: bool,
    /// Whether the whole draft writes decimals with a comma ([`decimal_comma_hint`]), so that
    /// every piece reads `85,000` as the whole draft does; `None` to work it out from the text
    /// read.
    pub comma_decimal: Option<bool>,
    /// Whether the whole draft is a diary whose entry dates anchor the text under them
    /// ([`is_diary`]); `None` to work it out from the text read.
    pub diary: Option<bool>,
    /// The date of the last diary entry before the piece.
    pub entry: Option<Date>,
}

impl Scan {
    /// Whether sentence `s` asks a question: it ends with `?`, or it tells of one asked
    /// (`Candidates were asked when the two states established relations.`), as an
    /// examiner's report or a quiz's notes do.
    pub fn is_question(&self, s: usize) -> bool {
        let Some(known) = self.questions.get(s) else {
            return self.asks_question(s);
        };
        match known.get() {
            Question::Asks => true,
            Question::Not => false,
            Question::Unknown => {
                let asks = self.asks_question(s);
                known.set(if asks { Question::Asks } else { Question::Not });
                asks
            }
        }
    }

    /// [`Scan::is_question`], worked out.
    fn asks_question(&self, s: usize) -> bool {
        let s = &self.sentences[s];
        let tokens = &self.tokens[s.start..s.end];
        tokens
            .iter()
            .rev()
            .find(|t| !t.is_break())
            .is_some_and(|t| t.sym() == Some('?'))
            || tokens.iter().enumerate().any(|(k, t)| {
                t.entry().is_some_and(|e| e.asks)
                    && tokens[k + 1..]
                        .iter()
                        .take(2)
                        .any(|n| n.entry().is_some_and(|e| e.wh))
            })
    }

    /// For a heading that is only a date (`## 1993`), the sentence right under it when that
    /// sentence states no figure and no date of its own (`Diplomatic relations were
    /// established.`): the event the date is for, as a timeline's entry has it on one line.
    pub fn dated_heading(&self, d: &DateMention) -> Option<usize> {
        let s = &self.sentences[d.sentence];
        let only_date = s.kind == LineKind::Heading
            && d.first == s.start
            && self.tokens[d.last + 1..s.end]
                .iter()
                .all(|t| t.is_break() || t.sym().is_some());
        let next = d.sentence + 1;
        let under = self.sentences.get(next)?;
        if !only_date || under.heading != Some(d.sentence) || under.kind == LineKind::Heading {
            return None;
        }
        let quantities = self.quantities.partition_point(|q| q.sentence < next);
        let dates = self.dates.partition_point(|x| x.sentence < next);
        let figure = self
            .quantities
            .get(quantities)
            .is_some_and(|q| q.sentence == next);
        let date = self.dates.get(dates).is_some_and(|x| x.sentence == next);
        (!figure && !date).then_some(next)
    }

    /// Whether sentence `s` is a list item whose lead-in line (or parent item) gives the date
    /// `period`: `Last year's numbers:` dates each item under it as its own date would.
    pub fn lead_dates(&self, s: usize, period: Period) -> bool {
        let item = &self.sentences[s];
        let Some(lead) = item.parent.filter(|_| item.kind == LineKind::ListItem) else {
            return false;
        };
        let from = self.dates.partition_point(|d| d.sentence < lead);
        self.dates[from..]
            .iter()
            .take_while(|d| d.sentence == lead)
            .any(|d| !d.baseline && d.period == period)
    }

    /// Whether sentence `s` is in the answer to question `q`: the first paragraph after it.
    pub fn answers(&self, s: usize, q: usize) -> bool {
        // A question answers none, even when nothing stands between them (as when a long
        // draft is cut between a question's answer and the next question).
        if !self.is_question(q) || self.is_question(s) {
            return false;
        }
        let mut at = Some(s);
        for _ in 0..4 {
            match at {
                Some(a) if a == q + 1 => return true,
                Some(a) => at = self.sentences[a].parent.filter(|&p| p != q),
                None => return false,
            }
        }
        false
    }

    /// The year of the last date from `body` on that is not a point of comparison: what `that
    /// year` after this piece refers to.
    pub fn last_year(&self, body: usize) -> Option<i32> {
        self.dates
            .iter()
            .rev()
            .take_while(|d| self.tokens[d.first].start() >= body)
            .find(|d| !d.baseline)
            .map(|d| d.period.end.year)
    }
}

/// Reads a laid-out draft, or a piece of one, with what it takes from the text before it and
/// the words met so far (the pieces before it share their lexicon, so that a word is worked
/// out once, not once a piece).
pub fn scan_layout(layout: Layout, carry: Carry, lexicon: Lexicon) -> Scan {
    begin(layout, &carry, lexicon).finish(carry)
}

/// A draft or piece read as far as it can be without the text before it: its words, numbers,
/// sentences, citations, labels, dateline and diary entries. [`Begun::finish`] reads its dates
/// and figures, which take the date and year the text before it left.
pub struct Begun {
    layout: Layout,
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    sentence_of: Vec<usize>,
    /// The tokens read so far as part of something that is not a figure.
    used: Vec<bool>,
    lexicon: Lexicon,
    /// The date of the dateline, in the first piece.
    dateline: Option<Date>,
    entries: Vec<(usize, usize, Date)>,
    /// The stamps of a log's lines ([`stamp_dates`]): first token, the end of its sentence, date.
    stamps: Vec<(usize, usize, Date)>,
    /// How many numbers the tokens hold: about as many quantities as the piece states, at most
    /// (a few are in words), and room for that many is made at once.
    numbers: usize,
}

/// The first half of [`scan_layout`]: it takes of `carry` only what every piece knows before
/// the one before it is read (how the draft writes decimals, whether it is a diary, whether
/// the piece is the first).
pub fn begin(layout: Layout, carry: &Carry, lexicon: Lexicon) -> Begun {
    let mut lexicon = lexicon;
    let (tokens, counts) = tokenize(&layout, &mut lexicon, carry.comma_decimal);
    let (mut sentences, sentence_of) = sentences(&layout, &tokens, counts.ends + 1);
    let mut used = vec![false; tokens.len()];
    let capital = |k: usize| {
        layout
            .chars
            .get(tokens[k].start())
            .is_some_and(|c| c.is_uppercase())
    };
    mark_citations(&tokens, &sentence_of, &sentences, &capital, &mut used);
    mark_labels(&tokens, &layout.chars, &mut used);
    mark_enumerations(&tokens, &mut used);
    let dateline = if carry.later {
        None
    } else {
        find_dateline(&tokens, &sentences, &capital)
            .or_else(|| date_opening_a_line(&layout, &tokens, &sentences, &sentence_of, &capital))
    };
    if let Some((first, last, _)) = dateline {
        for u in &mut used[first..=last] {
            *u = true;
        }
    }
    let mut entries = entry_dates(&layout, &tokens, &sentences, &capital);
    if !carry
        .diary
        .unwrap_or(entries.len() >= super::WEIGHTS.entries)
    {
        entries.clear();
    }
    let mut stamps = stamp_dates(&layout, &tokens, &sentences);
    if stamps.len() < super::WEIGHTS.entries {
        stamps.clear();
    }
    for &(first, last, _) in &stamps {
        // Each stamped line is a record of its own, not about the line before it.
        sentences[sentence_of[first]].parent = None;
        for u in &mut used[first..=last] {
            *u = true;
        }
    }
    // The messages of a chat app's export: the stamp and the sender's name are no words of
    // the message (`Silk Route Tours PK:` says nothing of tourism), and a message is about
    // the one before it only when that one asks a question.
    let messages = exported_messages(&layout, &tokens, &sentences);
    if messages.len() >= super::WEIGHTS.entries {
        for &(first, last) in &messages {
            let s = sentence_of[first];
            let asks = sentences[s].parent.is_some_and(|p| {
                let p = &sentences[p];
                tokens[p.start..p.end]
                    .iter()
                    .rev()
                    .find(|t| !t.is_break())
                    .is_some_and(|t| t.sym() == Some('?'))
            });
            if !asks {
                sentences[s].parent = None;
            }
            for u in &mut used[first..=last] {
                *u = true;
            }
        }
    }
    // A line that opens with a label and its value after another (a fact box's `Trade, 2022:
    // $281m` under `Trade, Jan–Sep 2025: $20.7m`) is a record of its own: it takes no subject
    // or date from the line before, unless that one asks a question (`Q: How many came?` /
    // `A: 80,924`).
    let labels = |start: usize| {
        let line = layout.line_of(tokens[start].start());
        let from = layout.line_starts[line];
        layout.chars[from..tokens[start].start()]
            .iter()
            .all(|c| c.is_whitespace())
            && label_end(&layout.chars, from).is_some()
    };
    for s in 0..sentences.len() {
        let x = &sentences[s];
        let Some(p) = x.parent else { continue };
        // Label lines are sentences of their own: one opens after a break.
        if x.kind == LineKind::Text
            && x.start > 0
            && tokens[x.start - 1].is_break()
            && labels(x.start)
            && labels(sentences[p].start)
            && !ends_with_question(&tokens, &sentences[p])
        {
            sentences[s].parent = None;
        }
    }
    // A stamp anchors its own line only: from its first token to its sentence's end.
    let stamps: Vec<_> = stamps
        .into_iter()
        .map(|(first, _, d)| (first, sentences[sentence_of[first]].end, d))
        .collect();
    for &(first, last, _) in &entries {
        for u in &mut used[first..=last] {
            *u = true;
        }
    }
    Begun {
        layout,
        tokens,
        sentences,
        sentence_of,
        used,
        lexicon,
        dateline: dateline.map(|d| d.2),
        entries,
        stamps,
        numbers: counts.numbers,
    }
}

impl Begun {
    /// The second half of [`scan_layout`]: dates and figures, with the draft's date, the last
    /// entry's date and the year `that year` means from `carry`.
    pub fn finish(self, carry: Carry) -> Scan {
        self.date(carry).finish()
    }

    /// Reads the piece's dates, with what the text before it left (`carry`): what the next
    /// piece takes from this one is then known ([`DatesRead::carry_on`]), before its figures
    /// are read ([`DatesRead::finish`]).
    pub fn date(self, carry: Carry) -> DatesRead {
        let Begun {
            layout,
            tokens,
            sentences,
            sentence_of,
            mut used,
            lexicon,
            dateline,
            entries,
            stamps,
            numbers,
        } = self;
        let anchor = carry.anchor.or(dateline);
        let entry = entries.last().map(|e| e.2).or(carry.entry);
        let body = tokens.partition_point(|t| t.start() < carry.body);
        let earlier = (body, carry.year);
        let dates = find_dates(
            &tokens,
            &sentences,
            &sentence_of,
            Anchors {
                draft: carry.entry.or(anchor),
                entries: &entries,
                stamps: &stamps,
            },
            earlier,
            &mut used,
        );
        let in_date = used.clone();
        DatesRead {
            scan: Scan {
                questions: vec![Cell::default(); sentences.len()],
                layout,
                tokens,
                sentences,
                sentence_of,
                quantities: Vec::new(),
                dates,
                in_date,
                lexicon,
                anchor,
                entry,
            },
            used,
            numbers,
        }
    }
}

/// A draft or piece whose dates are read ([`Begun::date`]): its [`Scan`] with no quantities
/// yet, and what reading them needs.
pub struct DatesRead {
    scan: Scan,
    /// The tokens read as part of something that is not a figure, dates included.
    used: Vec<bool>,
    /// How many numbers the tokens hold ([`find_quantities`] makes room for that many).
    numbers: usize,
}

impl DatesRead {
    /// What the piece after this one takes from it, given what this one took (`carry`) and
    /// where its own text starts (`body`): the draft's date, the year `that year` refers to
    /// and the last diary entry's date.
    pub fn carry_on(&self, carry: Carry, body: usize) -> Carry {
        Carry {
            anchor: self.scan.anchor,
            year: self.scan.last_year(body).or(carry.year),
            entry: self.scan.entry,
            ..carry
        }
    }

    /// Reads the figures, and gives the piece as read.
    pub fn finish(self) -> Scan {
        let DatesRead {
            mut scan,
            mut used,
            numbers,
        } = self;
        scan.quantities = find_quantities(
            &scan.tokens,
            &scan.layout.chars,
            &scan.sentence_of,
            &scan.sentences,
            &mut used,
            numbers,
        );
        scan
    }
}

// ---------------------------------------------------------------- citations and datelines

/// Marks citations as read, so that neither their year nor their page is a claim:
/// `(Mammadova 2019, p. 41)`, `(Khan and Aliyev 2026)`, `(Khan et al., 2024: 12)`,
/// `Mammadova (2019)`.
fn mark_citations(
    tokens: &[Token],
    sentence_of: &[usize],
    sentences: &[Sentence],
    capital: &dyn Fn(usize) -> bool,
    used: &mut [bool],
) {
    for k in 0..tokens.len() {
        if year_of(&tokens[k]).is_none() || used[k] {
            continue;
        }
        let floor = sentences.get(sentence_of[k]).map_or(0, |s| s.start);
        let end = sentences
            .get(sentence_of[k])
            .map_or(tokens.len(), |s| s.end);
        // `Name (2019)`: a capitalised word, then the year alone in brackets.
        // Not in a table or a heading, where `Indicator (2024)` labels a column.
        let prose = sentences
            .get(sentence_of[k])
            .is_some_and(|s| matches!(s.kind, LineKind::Text | LineKind::ListItem));
        let narrative = prose
            && k >= floor + 2
            && tokens[k - 1].sym() == Some('(')
            && tokens.get(k + 1).and_then(Token::sym) == Some(')')
            && tokens[k - 2].word().is_some()
            && capital(k - 2);
        // `(Name 2019 ...)`: the bracket opens a few words before, on capitalised names.
        let mut j = k;
        let mut names = 0;
        while j > floor && k - j < 6 {
            j -= 1;
            match (&tokens[j].kind, tokens[j].word()) {
                (Kind::Sym('('), _) => break,
                (_, Some("and" | "et" | "al")) => {}
                (Kind::Sym('&' | ',' | '.'), _) => {}
                // A month is the date's, no author's name: `(Feb 2024)` is a date.
                (_, Some(w)) if words::month(w).is_some() => {}
                (_, Some(_)) if capital(j) => names += 1,
                _ => {
                    names = 0;
                    break;
                }
            }
        }
        let parenthetical = names > 0 && tokens[j].sym() == Some('(');
        if !(narrative || parenthetical) {
            continue;
        }
        // Through the closing bracket: a page (`p. 41`, `: 12`) is part of the citation.
        let mut last = k;
        while last + 1 < end && last - k < 8 {
            last += 1;
            if tokens[last].sym() == Some(')') {
                break;
            }
        }
        let from = if parenthetical { j } else { k - 1 };
        for u in &mut used[from..=last] {
            *u = true;
        }
    }
}

/// Marks numbers that are not quantities as read, so that none is taken for a figure or a
/// year: footnote and reference markers (`[3]`, `[3, 4]`, `[^4]`, `^5`; superscript digits
/// never become tokens), labels and identifiers (`Figure 2`, `Table 4`, `Card 5`, `No. 7`,
/// `#7`, `flight 9`, `route 7`, `p. 41`, `Figures 2 and 3`), flight numbers written with the
/// airline's code (`PK 233`, `J2 148`), and the groups of a telephone number after its first
/// (`+92 51 123 4567`, `0300 1234567`).
/// A crossword's enumeration: the lengths of an answer's words in brackets before the dash
/// that gives the answer (`(6-3,8) — EIGHTY-ONE THOUSAND`, `(3) — TWO`). No figure.
fn mark_enumerations(tokens: &[Token], used: &mut [bool]) {
    let sym = |k: usize| tokens.get(k).and_then(Token::sym);
    let mut k = 0;
    while k < tokens.len() {
        if sym(k) != Some('(') {
            k += 1;
            continue;
        }
        let mut j = k + 1;
        let mut numbers = 0;
        while j - k < 16 {
            match &tokens.get(j).map(|t| &t.kind) {
                Some(Kind::Num(n)) if n.value < 100.0 => numbers += 1,
                Some(Kind::Sym(',' | '-')) => {}
                _ => break,
            }
            j += 1;
        }
        if numbers > 0 && sym(j) == Some(')') && matches!(sym(j + 1), Some('—' | '–')) {
            for u in &mut used[k + 1..j] {
                *u = true;
            }
            k = j + 1;
        } else {
            k += 1;
        }
    }
}

fn mark_labels(tokens: &[Token], chars: &[char], used: &mut [bool]) {
    let written = |k: usize| &chars[tokens[k].start()..tokens[k].end()];
    let touching = |a: usize, b: usize| tokens[a].end == tokens[b].start;
    let sym = |k: usize| tokens.get(k).and_then(Token::sym);
    let mut k = 0;
    while k < tokens.len() {
        let Some(n) = tokens[k].num() else {
            k += 1;
            continue;
        };
        if used[k] {
            k += 1;
            continue;
        }
        let small = n.suffix.is_empty()
            && (n.plain && n.value < 10_000.0 || !n.plain && n.res >= 0.01 && n.value < 100.0)
            && !(n.plain && written(k).len() > 4);
        // `^5`, `[^4]`, `#7`.
        let marker = k > 0 && matches!(sym(k - 1), Some('^' | '#')) && touching(k - 1, k);
        // `[3]`, `[3, 4]`, `[3–5]`: numbers alone in square brackets.
        let bracket = k > 0 && sym(k - 1) == Some('[') && {
            let mut j = k + 1;
            while tokens
                .get(j)
                .is_some_and(|t| t.num().is_some() || matches!(t.sym(), Some(',' | '–' | '-')))
                && j - k < 12
            {
                j += 1;
            }
            sym(j) == Some(']')
        };
        // A label word before it, maybe with a dot or colon: `Figure 2`, `No. 7`, `Tel: 051`.
        let mut w = k.checked_sub(1);
        if w.is_some_and(|j| matches!(sym(j), Some('.' | ':')) && j > 0) {
            w = w.map(|j| j - 1);
        }
        // A plural label (`Figures 2 and 3`, `pages 12, 13`) may go on to a list of numbers.
        let plural = w.and_then(|j| tokens[j].word()).is_some_and(|w| {
            w.len() > 3 && w.ends_with('s') && words::label_word(&w[..w.len() - 1]).is_some()
                || w == "nos"
        });
        let label = small
            && !is_unit_after(tokens.get(k + 1))
            && sym(k + 1) != Some('%')
            && w.and_then(|j| Some((j, tokens[j].word()?)))
                .is_some_and(|(j, word)| {
                    let word = word
                        .strip_suffix('s')
                        .filter(|_| word.len() > 3)
                        .unwrap_or(word);
                    let capital = written(j).first().is_some_and(|c| c.is_uppercase());
                    match words::label_word(word) {
                        Some(needs_capital) => capital || !needs_capital,
                        // `No. 7`, `no. 7`, `Nos. 7 and 8`, but not `no 40 jets`.
                        None => word == "no" && sym(j + 1) == Some('.'),
                    }
                });
        // A flight with the airline's two-character code: `PK 233`, `J2 148`, not `Q3 2025`.
        let code = k > 0
            && n.plain
            && written(k).len() <= 4
            && !(1900.0..=2100.0).contains(&n.value)
            && !is_unit_after(tokens.get(k + 1))
            && sym(k + 1) != Some('%')
            && tokens[k - 1].word().is_some_and(|w| !is_short_word(w))
            && {
                let c = written(k - 1);
                c.len() == 2
                    && c.iter()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                    && c.iter().any(char::is_ascii_uppercase)
            };
        if marker || bracket || label || code {
            used[k] = true;
            // The rest of a list of labels or markers: `Figures 2 and 3`, `[3, 4]`, `[3–5]`,
            // `Figure 2–3`; but not `In Phase 2, 40 jets` or `Phase 2 and 40 jets`.
            let list = plural || marker || bracket;
            let mut j = k + 1;
            while let Some(t) = tokens.get(j) {
                let range = matches!(t.sym(), Some('–' | '-'))
                    && touching(j - 1, j)
                    && j + 1 < tokens.len()
                    && touching(j, j + 1);
                let joins = range
                    || list
                        && (matches!(t.sym(), Some(',' | '–' | '-' | '&'))
                            || matches!(t.word(), Some("and" | "to" | "or")));
                if joins
                    && tokens
                        .get(j + 1)
                        .and_then(Token::num)
                        .is_some_and(|n| n.plain)
                {
                    used[j + 1] = true;
                    j += 2;
                } else {
                    break;
                }
            }
            k = j;
            continue;
        }
        // A telephone number: its first group is glued to `+` or starts with a zero.
        let first = written(k);
        let phone = n.glued
            && (first.len() >= 2 && first[0] == '0'
                || k > 0 && sym(k - 1) == Some('+') && touching(k - 1, k));
        if phone {
            let mut j = k + 1;
            while let Some(t) = tokens.get(j) {
                let gap = &chars[tokens[j - 1].end()..t.start()];
                let near = gap.len() <= 1 && gap.iter().all(|c| *c == ' ');
                if !near || !(t.num().is_some() || matches!(t.sym(), Some('-' | '(' | ')' | '.'))) {
                    break;
                }
                if t.num().is_some() {
                    used[j] = true;
                }
                j += 1;
            }
            k = j;
            continue;
        }
        k += 1;
    }
}

/// English words of two letters, which a headline in capitals writes like an airline's code
/// (`VISITORS UP 47%`, `RISE OF 40 JETS`).
fn is_short_word(w: &str) -> bool {
    matches!(
        w,
        "up" | "in"
            | "on"
            | "at"
            | "to"
            | "by"
            | "of"
            | "or"
            | "an"
            | "as"
            | "is"
            | "it"
            | "no"
            | "so"
            | "we"
            | "us"
            | "be"
            | "do"
            | "go"
            | "if"
            | "my"
            | "ok"
            | "me"
            | "he"
            | "am"
            | "pm"
            | "uk"
            | "eu"
            | "un"
    )
}

/// A dateline: the first sentence of the draft's prose opens with a place in capitals (or
/// any capitalised words), a comma, a date with its month and a dash (`ISLAMABAD, 14 February
/// 2026 —`, `BAKU, March 2025 –`, `BAKU (14 February 2026) —`, `LAHORE, 14 February 2026
/// /PRNewswire/ --`); or one of the first lines is a date alone, perhaps after `Published`,
/// `Updated`, `Date:` or a byline (`By Amina Khan | 14 February 2026`). Its first and last
/// token and the date; the date is the draft's, not a claim.
fn find_dateline(
    tokens: &[Token],
    sentences: &[Sentence],
    capital: &dyn Fn(usize) -> bool,
) -> Option<(usize, usize, Date)> {
    let mut prose = sentences
        .iter()
        .filter(|s| s.kind != LineKind::Heading && s.kind != LineKind::Skip);
    let s = prose.next()?;
    let first = [s]
        .into_iter()
        .chain(prose.take(2))
        .filter(|s| s.kind == LineKind::Text);
    // A dateline opens the first sentence, or one of the two after it when only a title or a
    // slug line (`Features desk | 1,150 words`), with no full stop, comes before it.
    for x in [s]
        .into_iter()
        .chain(first.clone().filter(|x| !std::ptr::eq(*x, s)))
    {
        if let Some(found) = place_and_date(tokens, x, capital) {
            return Some(found);
        }
        if ends_with_stop(tokens, x) {
            break;
        }
    }
    first
        .clone()
        .find_map(|s| date_alone(tokens, s, capital))
        .or_else(|| {
            first
                .clone()
                .find_map(|s| date_that_ends(tokens, s, capital))
        })
}

/// How many lines of text at the top of a draft may hold the date it was written on after a
/// word saying what that date is ([`date_opening_a_line`]).
const HEAD_LINES: usize = 10;

/// A line among the first [`HEAD_LINES`] of text that opens with a word saying what the date
/// after it is, then a full date, whatever follows on the line: a review's `Reviewed 9 May
/// 2025 by ... · Stayed ...`, a guide's `Updated 10 January 2026 · 7-minute read`, a memo's
/// `Date:  12 January 2026` among its `To:` and `From:` lines. The date is the draft's; its
/// first and last token and the date.
fn date_opening_a_line(
    layout: &Layout,
    tokens: &[Token],
    sentences: &[Sentence],
    sentence_of: &[usize],
    capital: &dyn Fn(usize) -> bool,
) -> Option<(usize, usize, Date)> {
    let word = |j: usize| tokens.get(j).and_then(Token::word);
    let says = |w: Option<&str>| {
        matches!(
            w,
            Some(
                "published"
                    | "posted"
                    | "updated"
                    | "reviewed"
                    | "revised"
                    | "date"
                    | "dated"
                    | "issued"
                    | "released"
                    | "written"
            )
        )
    };
    (0..layout.kinds.len())
        .filter(|&n| layout.kinds[n] == LineKind::Text)
        .take(HEAD_LINES)
        .find_map(|n| {
            let from = layout.line_starts[n];
            let to = layout
                .line_starts
                .get(n + 1)
                .copied()
                .unwrap_or(layout.chars.len());
            // Past marks that open the line (`*` or `_` of emphasis in plain text).
            let mut first = tokens.partition_point(|t| t.start() < from);
            while tokens
                .get(first)
                .is_some_and(|t| t.sym().is_some() && t.start() < to)
            {
                first += 1;
            }
            if tokens.get(first).is_none_or(|t| t.start() >= to) {
                return None;
            }
            let mut k = first + usize::from(word(first) == Some("last"));
            // Capitalised, as a line that says what its date is opens.
            if !says(word(k)) || !capital(first) {
                return None;
            }
            k += 1;
            if tokens.get(k).and_then(Token::sym) == Some(':') || word(k) == Some("on") {
                k += 1;
            }
            let s = &sentences[*sentence_of.get(k)?];
            let d = date_at(tokens, s, k)?;
            (d.period.start.day.is_some() && d.period.start == d.period.end).then_some((
                first,
                d.last,
                d.period.start,
            ))
        })
}

/// The dates that open the entries of a diary or log: lines that hold a full date and nothing
/// else but the day of the week (`Wednesday, 17 January 2024`, `## 10 March 2025`), read as
/// such when the draft has at least `WEIGHTS.entries` of them. Each is the date the text under it is written
/// on, so `last year` in an entry counts from that entry's date, not from the draft's.
/// Returns each date's first and last token and the date.
fn entry_dates(
    layout: &Layout,
    tokens: &[Token],
    sentences: &[Sentence],
    capital: &dyn Fn(usize) -> bool,
) -> Vec<(usize, usize, Date)> {
    let blank = |c: &char| c.is_whitespace() || matches!(c, '#' | '*' | '_' | '=');
    // The sentences come in the order of the text: their lines are found in one walk.
    let lines = std::cell::RefCell::new(layout.walk());
    let alone = |s: &Sentence| {
        let (first, last) = (tokens[s.start].start(), tokens[s.end - 1].end());
        let mut lines = lines.borrow_mut();
        let line = lines.line_of(first);
        let from = layout.line_starts[line];
        let to = layout
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(layout.chars.len());
        lines.line_of(last.saturating_sub(1)) == line
            && layout.chars[from..first].iter().all(blank)
            && layout.chars[last.min(to)..to].iter().all(blank)
    };
    sentences
        .iter()
        .filter(|s| matches!(s.kind, LineKind::Text | LineKind::Heading) && s.end > s.start)
        // A date with a day writes a number: a line without one is passed over unread.
        .filter(|s| tokens[s.start..s.end].iter().any(|t| t.num().is_some()))
        .filter(|s| alone(s))
        .filter_map(|s| {
            let weekday = tokens[s.start].word().is_some_and(is_weekday);
            let mut start = s.start + usize::from(weekday);
            while weekday && matches!(tokens.get(start).and_then(Token::sym), Some(',' | '.')) {
                start += 1;
            }
            let tail = Sentence {
                start,
                end: s.end,
                kind: s.kind,
                parent: None,
                heading: None,
            };
            date_alone(tokens, &tail, capital)
                .filter(|(first, _, d)| *first == start && d.day.is_some())
                .map(|(_, last, d)| (s.start, last, d))
        })
        .collect()
}

/// The sentences of text that open their line, each with where that line starts and the
/// last of its tokens that starts before `end` gives (the end of what opens the line: a
/// stamp, a sender's name); none where `end` gives nothing.
fn line_openers<'a>(
    layout: &'a Layout,
    tokens: &'a [Token],
    sentences: &'a [Sentence],
    end: impl Fn(&[char], usize) -> Option<usize> + 'a,
) -> impl Iterator<Item = (&'a Sentence, usize)> + 'a {
    let chars = &layout.chars;
    // The sentences come in the order of the text: their lines are found in one walk.
    let mut lines = layout.walk();
    sentences
        .iter()
        .filter(|s| s.kind == LineKind::Text && s.end > s.start)
        .filter_map(move |s| {
            let first = tokens[s.start].start();
            // Most sentences follow another on their line: written just before them.
            if first > 0 && !chars[first - 1].is_whitespace() {
                return None;
            }
            let from = layout.line_starts[lines.line_of(first)];
            if !chars[from..first].iter().all(|c| c.is_whitespace()) {
                return None;
            }
            let end = end(chars, from)?;
            let last = (s.start..s.end)
                .take_while(|&k| tokens[k].start() < end)
                .last()?;
            Some((s, last))
        })
}

/// The stamps that open the lines of a log or an alert history ([`stamp_end`]): each is the
/// date its line was written on, so `last year` there counts from it; the stamp itself is no
/// claim and no figure's period. Returns each stamp's first and last token and its date.
fn stamp_dates(
    layout: &Layout,
    tokens: &[Token],
    sentences: &[Sentence],
) -> Vec<(usize, usize, Date)> {
    line_openers(layout, tokens, sentences, stamp_end)
        .filter_map(|(s, last)| {
            let d = date_at(tokens, s, s.start).filter(|d| d.period.start.day.is_some())?;
            (last >= d.last).then_some((s.start, last, d.period.start))
        })
        .collect()
}

/// The lines of a chat app's export ([`export_stamp_end`], [`speaker_end`]) that open a
/// sentence: the first and last token of each one's stamp and sender's name.
fn exported_messages(
    layout: &Layout,
    tokens: &[Token],
    sentences: &[Sentence],
) -> Vec<(usize, usize)> {
    let end = |chars: &[char], from: usize| {
        export_stamp_end(chars, from)?;
        speaker_end(chars, from)
    };
    line_openers(layout, tokens, sentences, end)
        .map(|(s, last)| (s.start, last))
        .collect()
}

/// Whether a draft is a diary: at least `WEIGHTS.entries` of its lines hold a full date alone
/// ([`entry_dates`]). Worked out once for a draft read in pieces, so that every piece reads
/// its entries as the whole draft would.
pub fn is_diary(layout: &Layout) -> bool {
    let mut count = 0;
    for (n, &start) in layout.line_starts.iter().enumerate() {
        if !matches!(layout.kinds[n], LineKind::Text | LineKind::Heading) {
            continue;
        }
        let end = layout
            .line_starts
            .get(n + 1)
            .copied()
            .unwrap_or(layout.chars.len());
        // A quick look first, at the line trimmed: short, with a four-digit year.
        let chars = &layout.chars[start..end];
        let from = chars.iter().position(|c| !c.is_whitespace());
        let to = chars.iter().rposition(|c| !c.is_whitespace());
        let trimmed = match (from, to) {
            (Some(from), Some(to)) => &chars[from..=to],
            _ => &[],
        };
        let year = trimmed.split(|c| !c.is_ascii_digit()).any(|w| w.len() == 4);
        if trimmed.len() > 60 || !year {
            continue;
        }
        let line: String = trimmed.iter().collect();
        let line = line.as_str();
        let one = layout_as(line, Syntax::Plain);
        let (tokens, counts) = tokenize(&one, &mut Lexicon::default(), None);
        let (sentences, _) = sentences(&one, &tokens, counts.ends + 1);
        let capital = |k: usize| {
            one.chars
                .get(tokens[k].start())
                .is_some_and(|c| c.is_uppercase())
        };
        count += entry_dates(&one, &tokens, &sentences, &capital).len();
        if count >= super::WEIGHTS.entries {
            return true;
        }
    }
    false
}

fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "mon"
            | "tue"
            | "tues"
            | "wed"
            | "thu"
            | "thur"
            | "thurs"
            | "fri"
            | "sat"
            | "sun"
    )
}

/// The dates relative dates count from: the draft's, and from each entry's opening date on
/// (see [`entry_dates`]) that entry's.
#[derive(Clone, Copy)]
struct Anchors<'a> {
    draft: Option<Date>,
    entries: &'a [(usize, usize, Date)],
    /// Stamped lines' dates, each for its own line: first token, end, date.
    stamps: &'a [(usize, usize, Date)],
}

impl Anchors<'_> {
    /// The date token `k` is written on.
    fn at(&self, k: usize) -> Option<Date> {
        let n = self.stamps.partition_point(|e| e.0 <= k);
        if let Some(st) = n
            .checked_sub(1)
            .map(|i| self.stamps[i])
            .filter(|st| k < st.1)
        {
            return Some(st.2);
        }
        let n = self.entries.partition_point(|e| e.0 <= k);
        n.checked_sub(1).map(|i| self.entries[i].2).or(self.draft)
    }
}

/// A date that ends a title line, after a word saying what it is (`Team chat, exported 18
/// November 2025`, `Deck of 40 cards, updated 3 March 2026 at 09:12`): the draft's date.
fn date_that_ends(
    tokens: &[Token],
    s: &Sentence,
    capital: &dyn Fn(usize) -> bool,
) -> Option<(usize, usize, Date)> {
    (s.start + 1..s.end)
        .filter(|&j| {
            tokens[j].word().is_some_and(|w| {
                matches!(
                    w,
                    "exported"
                        | "updated"
                        | "issued"
                        | "published"
                        | "posted"
                        | "dated"
                        | "generated"
                )
            })
        })
        .find_map(|j| {
            let tail = Sentence {
                start: j + 1,
                end: s.end,
                kind: s.kind,
                parent: None,
                heading: None,
            };
            date_alone(tokens, &tail, capital).map(|(_, last, date)| (j, last, date))
        })
}

/// The date that starts at token `at` of sentence `s`, read with the ordinary reader.
fn date_at(tokens: &[Token], s: &Sentence, at: usize) -> Option<DateMention> {
    // Read in the sentence's own tokens, so that the work is the sentence's, not the draft's,
    // however often this is asked (a diary asks it of every line); not at all where no date
    // can start.
    if !(at < tokens.len() && may_open_date(tokens, at)) {
        return None;
    }
    let from = s.start.min(at);
    let end = s.end.max(at + 1).min(tokens.len());
    let local = tokens.get(from..end)?;
    let mut used = vec![false; local.len()];
    let one = [Sentence {
        start: s.start - from,
        end: s.end.min(end) - from,
        kind: s.kind,
        parent: None,
        heading: None,
    }];
    let sentence_of = vec![0; local.len()];
    let at = at - from;
    find_dates_in(
        local,
        &one,
        &sentence_of,
        Anchors {
            draft: None,
            entries: &[],
            stamps: &[],
        },
        (0, None),
        &mut used,
        at,
        at + 1,
    )
    .into_iter()
    .next()
    .filter(|d| d.first == at)
    .map(|d| DateMention {
        first: d.first + from,
        last: d.last + from,
        ..d
    })
}

/// `PLACE, DATE —`, `PLACE (DATE) —`, `PLACE, DATE /AGENCY/ --`.
fn place_and_date(
    tokens: &[Token],
    s: &Sentence,
    capital: &dyn Fn(usize) -> bool,
) -> Option<(usize, usize, Date)> {
    let mut k = s.start;
    // The place: up to four capitalised words, then a comma, a bracket or a dash.
    while k < s.end && k - s.start < 4 && tokens[k].word().is_some() && capital(k) {
        k += 1;
    }
    let bracket = tokens.get(k).and_then(Token::sym) == Some('(');
    let opens = tokens
        .get(k)
        .and_then(Token::sym)
        .is_some_and(|c| matches!(c, ',' | '—' | '–'));
    if k == s.start || !(bracket || opens) {
        return None;
    }
    let date_start = k + 1;
    let d = date_at(tokens, s, date_start)?;
    let sym = |j: usize| tokens.get(j).and_then(Token::sym);
    let mut after = d.last + 1;
    if bracket {
        if sym(after) != Some(')') {
            return None;
        }
        after += 1;
    }
    // A wire service between slashes or in brackets: `/PRNewswire/`, `(APP)`.
    for (open, close) in [('/', '/'), ('(', ')')] {
        if sym(after) == Some(open)
            && tokens.get(after + 1).and_then(Token::word).is_some()
            && sym(after + 2) == Some(close)
        {
            after += 3;
        }
    }
    let dash = sym(after).is_some_and(|c| matches!(c, '—' | '–' | '-' | ':'));
    if !dash || d.period.start.month.is_none() {
        return None;
    }
    Some((s.start, after, d.period.start))
}

/// A line that is a date and nothing else, but for a word saying what the date is
/// (`Published`, `Updated:`) or a byline before it.
fn date_alone(
    tokens: &[Token],
    s: &Sentence,
    capital: &dyn Fn(usize) -> bool,
) -> Option<(usize, usize, Date)> {
    let mut k = s.start;
    let word = |j: usize| tokens.get(j).and_then(Token::word);
    let separator = |j: usize| {
        tokens
            .get(j)
            .and_then(Token::sym)
            .is_some_and(|c| matches!(c, ':' | ',' | '|' | '·' | '—' | '–' | '-'))
    };
    if word(k) == Some("by") {
        k += 1;
        while k < s.end && k - s.start < 6 && word(k).is_some() && capital(k) {
            k += 1;
        }
        if !separator(k) {
            return None;
        }
        k += 1;
    }
    while k < s.end
        && matches!(
            word(k),
            Some(
                "published"
                    | "posted"
                    | "updated"
                    | "last"
                    | "date"
                    | "dated"
                    | "issued"
                    | "released"
                    | "written"
                    | "on"
            )
        )
    {
        k += 1;
    }
    if k < s.end && separator(k) {
        k += 1;
    }
    // `2025-03-10`, as a machine writes it.
    let num = |j: usize| tokens.get(j).and_then(Token::num).filter(|n| n.plain);
    let glued = |j: usize| j + 1 < tokens.len() && tokens[j].end == tokens[j + 1].start;
    if let (Some(y), Some(m), Some(d)) = (num(k), num(k + 2), num(k + 4)) {
        let dashes =
            [k + 1, k + 3].iter().all(|&j| tokens[j].sym() == Some('-')) && (k..k + 4).all(glued);
        let text = format!("{:04}-{:02}-{:02}", y.value, m.value, d.value);
        if let Some(p) = Period::parse(&text).ok().filter(|_| dashes) {
            return Some((s.start, k + 4, p.start));
        }
    }
    let d = date_at(tokens, s, k)?;
    // Nothing after it but a full stop, or the time of day (`02:31pm`, `10:00 PKT`).
    let time = |j: usize| {
        let t = &tokens[j];
        t.num().is_some()
            || matches!(t.sym(), Some(':' | '.'))
            || t.word().is_some_and(|w| {
                matches!(w, "am" | "pm" | "pkt" | "azt" | "gmt" | "utc")
                    || w.len() <= 4 && w.ends_with('m')
            })
    };
    let rest = (d.last + 1..s.end).all(|j| {
        let t = &tokens[j];
        matches!(t.sym(), Some('.') | None) && t.word().is_none() && t.num().is_none()
    }) || {
        let mut from =
            d.last + 1 + usize::from(tokens.get(d.last + 1).and_then(Token::sym) == Some(','));
        // `10 March 2025 at 09:12`.
        from += usize::from(tokens.get(from).and_then(Token::word) == Some("at"));
        tokens.get(from).is_some_and(|t| t.num().is_some())
            && (from..s.end).all(|j| time(j) || tokens[j].is_break())
    };
    (rest && d.period.start.month.is_some()).then_some((s.start, d.last, d.period.start))
}

/// The `date:` of a YAML front matter block at the top of the draft, if it is a date.
pub(crate) fn front_matter_date(text: &str) -> Option<Date> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    for line in lines.take(200) {
        let line = line.trim_end();
        if line == "---" || line == "..." {
            return None;
        }
        // `date:`, or the day it was published under another common key, in any case.
        let key_end = line.find(':').unwrap_or(0);
        let key = line[..key_end].trim().to_ascii_lowercase();
        let is_date_key = matches!(
            key.as_str(),
            "date" | "published" | "pubdate" | "publishdate" | "publish_date" | "created"
        );
        if let Some(v) = is_date_key.then(|| &line[key_end + 1..]) {
            let v = v.trim().trim_matches(|c| c == '"' || c == '\'');
            // `2025-03-10`, `2025-03-10T09:00:00Z`, or a date as a person writes it.
            let iso = v.get(..10).unwrap_or(v);
            if let Ok(p) = Period::parse(iso) {
                return Some(p.start);
            }
            // A date alone is read as the probe's own date line.
            let probe = scan_with(v, None);
            return probe
                .anchor
                .or_else(|| probe.dates.first().map(|d| d.period.start));
        }
    }
    None
}

// ------------------------------------------------------------------------------ tokens

fn is_group_separator(c: char) -> bool {
    matches!(c, ',' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

/// Superscript digits (`¹²³`): footnote markers, never part of a word or a figure.
fn is_superscript_digit(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '\u{2070}' | '\u{2074}'..='\u{2079}')
}

/// Whether a draft writes decimals with a comma (`2,7 per cent`, `3,3 million`): it has a
/// comma that can only be a decimal one (one or two digits after it, not a list such as
/// `1,2,3`) in a measure (`%`, a word of scale or a unit after it: not `pages 12,13`), no comma that can only separate thousands (`1,234,567`, `80,924.5`), and no
/// decimal point. In such a draft `3,300` is 3.3 and `80.924` is 80,924.
pub fn decimal_comma_hint(chars: &[char]) -> bool {
    // A percent sign, a word of scale or a unit at `at`, after one space at most.
    let measure_follows = |mut at: usize| {
        if matches!(chars.get(at), Some(' ' | '\u{A0}')) {
            at += 1;
        }
        if matches!(chars.get(at), Some('%' | '×')) {
            return true;
        }
        let mut end = at;
        while chars.get(end).is_some_and(|c| c.is_alphabetic()) && end - at < 12 {
            end += 1;
        }
        let word: String = chars[at..end].iter().collect::<String>().to_lowercase();
        words::scale(&word).is_some()
            || words::attached_scale(&word).is_some()
            || matches!(
                word.as_str(),
                "per" | "percent" | "pc" | "t" | "mt" | "tonnes" | "tons" | "km" | "kg" | "times"
            )
    };
    let digit = |j: usize| chars.get(j).is_some_and(char::is_ascii_digit);
    let run = |mut j: usize| {
        let from = j;
        while digit(j) {
            j += 1;
        }
        j - from
    };
    let mut decimal_commas = 0;
    let mut i = 0;
    while i < chars.len() {
        if !digit(i) || i > 0 && (digit(i - 1) || matches!(chars[i - 1], ',' | '.')) {
            i += 1;
            continue;
        }
        let n = run(i);
        let j = i + n;
        match chars.get(j) {
            Some(',') if digit(j + 1) => {
                let m = run(j + 1);
                let after = j + 1 + m;
                let more = matches!(chars.get(after), Some(',' | '.')) && digit(after + 1);
                if m <= 2 && n <= 3 && !more && measure_follows(after) {
                    decimal_commas += 1;
                } else if m == 3 && more {
                    // No draft with one writes decimals with a comma: the rest is not read.
                    return false;
                }
            }
            // Nor one with a decimal point.
            Some('.') if digit(j + 1) && run(j + 1) != 3 => return false,
            _ => {}
        }
        i = j;
    }
    decimal_commas > 0
}

/// How many tokens of kinds later readers make a list of are among a draft's tokens: room
/// for the lists is made at once, so that none is copied as it grows.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    /// Tokens that may end a sentence ([`ends_sentence`]): line breaks and `.`, `;`, `!`, `?`,
    /// `…`. No more sentences end than these and the last token.
    ends: usize,
    /// Numbers, each of which may open a quantity or a date.
    numbers: usize,
}

fn tokenize(
    layout: &Layout,
    lexicon: &mut Lexicon,
    comma_decimal: Option<bool>,
) -> (Vec<Token>, Counts) {
    let mut counts = Counts::default();
    let chars = &layout.chars;
    // About one token for every four characters of prose: room for that at once, so that the
    // list is not copied as it grows (pages reserved and never used cost nothing).
    let mut tokens = Vec::with_capacity(chars.len() / 3 + 16);
    let mut digits = Vec::new();
    let comma_decimal = comma_decimal.unwrap_or_else(|| decimal_comma_hint(chars));
    // Records of tab-separated fields need a tab: most drafts have none.
    let tabs = chars.contains(&'\t');
    // Rows between `|` outside a table are asked about only when a line of text has a `|`.
    let pipes = layout.kinds.iter().enumerate().any(|(n, k)| {
        *k == LineKind::Text && {
            let end = layout
                .line_starts
                .get(n + 1)
                .copied()
                .unwrap_or(chars.len());
            chars[layout.line_starts[n].min(end)..end].contains(&'|')
        }
    });
    // The line last asked whether it is a row between `|`, and the answer.
    let pipe_rows = Cell::new((usize::MAX, false));
    let mut fields = Fields::default();
    let mut lines = layout.walk();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' {
            i += 1;
            continue;
        }
        // Most tokens are words that start with an ASCII letter, which is none of the
        // characters asked about below before letters.
        if c.is_ascii_alphabetic() {
            fields.written = true;
            let start = i;
            // Its first run of ASCII letters and digits, with the bytes of up to 16 of them
            // gathered as the lexicon keys a short word (see `Lexicon::ascii_word`).
            let mut key = (0u64, 0u64);
            while let Some(&d) = chars.get(i).filter(|&&d| is_ascii_alnum(d)) {
                let n = i - start;
                if n < 8 {
                    key.0 |= u64::from(d as u8) << (8 * n);
                } else if n < 16 {
                    key.1 |= u64::from(d as u8) << (8 * (n - 8));
                }
                i += 1;
            }
            // Most words end there, on a space or a mark that cannot go on with them.
            let ends = chars
                .get(i)
                .is_none_or(|&d| d.is_ascii() && !matches!(d, '-' | '\'' | '.'));
            let entry = if ends && i - start <= 16 {
                lexicon.ascii_word(key, &chars[start..i])
            } else {
                i = word_end_after(chars, i, start);
                lexicon.word(&chars[start..i])
            };
            tokens.push(Token::new(Kind::Word(entry), start, i));
            // The space after it, as the loop would.
            if chars.get(i) == Some(&' ') {
                i += 1;
            }
            continue;
        }
        fields.written |= !c.is_whitespace();
        if !c.is_ascii() && is_superscript_digit(c) {
            // A footnote marker (`80,924¹`): not part of the figure or the word before it.
            i += 1;
        } else if c == '\n' {
            fields.written = false;
            let line = lines.line_of(i);
            // A line of a timeline after another: a sentence of its own. (The first entry
            // opens its paragraph; a wrapped line that happens to start `2025: ...` after
            // running text is no entry.)
            let entry = || {
                starts_timeline_entry(chars, i + 1)
                    && starts_timeline_entry(chars, layout.line_starts[line])
                    && !wants_a_date(chars, i)
            };
            // A record of tab-separated fields (a flashcard, a row pasted from a spreadsheet)
            // is a line of its own; so is a chat line after another (`Amina: how many ...?` /
            // `Bilal: 80,924`).
            // Whether a line is a row between `|` is asked of each line twice, as the line
            // after one line end and as the line before the next: the second answer is the
            // first, kept.
            let pipe_row = |start: usize| {
                let (at, row) = pipe_rows.get();
                if at == start {
                    return row;
                }
                let row = is_pipe_record(chars, start);
                pipe_rows.set((start, row));
                row
            };
            let record = || {
                tabs && (is_record(chars, layout.line_starts[line]) || is_record(chars, i + 1))
                    || pipes && (pipe_row(layout.line_starts[line]) || pipe_row(i + 1))
            };
            let said = || {
                speaker_end(chars, i + 1).is_some()
                    && speaker_end(chars, layout.line_starts[line]).is_some()
            };
            // A line stamped with its date and time after another (an alert history, a log).
            let stamped = || {
                stamp_end(chars, i + 1).is_some()
                    && stamp_end(chars, layout.line_starts[line]).is_some()
            };
            // A label and its value after another (a fact box's `Trade, 2022: $28.1m` over
            // `Trade, 2020: $13.2m`).
            let labelled = || {
                label_end(chars, i + 1).is_some()
                    && label_end(chars, layout.line_starts[line]).is_some()
                    && !wants_a_date(chars, i)
            };
            // Worked out in order of cost, and only after a line that is not already broken.
            if tokens.last().is_some_and(|t: &Token| !t.is_break())
                && (breaks_after(layout, line)
                    || entry()
                    || record()
                    || said()
                    || stamped()
                    || labelled())
            {
                tokens.push(Token::new(Kind::Break, i, i));
                counts.ends += 1;
            }
            i += 1;
        } else if c == '\t' && fields.separates(chars, i) {
            // The fields of a record are read one by one: the question, then its answer.
            if tokens.last().is_some_and(|t: &Token| !t.is_break()) {
                tokens.push(Token::new(Kind::Break, i, i));
                counts.ends += 1;
            }
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c.is_alphabetic() {
            let start = i;
            i = word_end(chars, i);
            tokens.push(Token::new(
                Kind::Word(lexicon.word(&chars[start..i])),
                start,
                i,
            ));
        } else if c.is_ascii_digit() {
            let (num, end) = number(chars, i, &mut digits, comma_decimal);
            tokens.push(Token::new(Kind::Num(Box::new(num)), i, end));
            counts.numbers += 1;
            i = end;
        } else {
            tokens.push(Token::new(Kind::Sym(c), i, i + 1));
            counts.ends += usize::from(matches!(c, '.' | ';' | '!' | '?' | '…'));
            i += 1;
        }
    }
    (tokens, counts)
}

/// Which ASCII characters are letters or digits, by code.
const ASCII_ALNUM: [bool; 128] = {
    let mut table = [false; 128];
    let mut c = 0;
    while c < 128 {
        table[c] = (c as u8).is_ascii_alphanumeric();
        c += 1;
    }
    table
};

/// [`char::is_ascii_alphanumeric`] by a look-up in a table.
fn is_ascii_alnum(c: char) -> bool {
    ASCII_ALNUM.get(c as usize).copied().unwrap_or(false)
}

/// Where the word that starts at `i` ends: letters and digits, with hyphens and apostrophes
/// between them, and the dots of an abbreviation (`e.g`, `U.S`).
fn word_end(chars: &[char], i: usize) -> usize {
    word_end_after(chars, i, i)
}

/// [`word_end`] for a word that started at `seg` and is read as far as `i`, which ends its
/// first part or lies within it.
fn word_end_after(chars: &[char], mut i: usize, mut seg: usize) -> usize {
    // `seg`: where the word's last part (after a hyphen, an apostrophe or a dot) starts.
    loop {
        // Most of a word is ASCII letters and digits.
        i += chars[i..]
            .iter()
            .take_while(|&&c| is_ascii_alnum(c))
            .count();
        let Some(&c) = chars.get(i) else { break };
        // Most words end on a space or a mark that is none of the ones read below.
        if c.is_ascii() && !matches!(c, '-' | '\'' | '.') {
            break;
        }
        let next = chars.get(i + 1).copied();
        if c.is_alphanumeric() && !is_superscript_digit(c) {
            i += 1;
        } else if (words::is_hyphen(c) || matches!(c, '\'' | '’'))
            && next.is_some_and(char::is_alphanumeric)
            // Dotted abbreviations: `e.g`, `U.S`.
            || c == '.'
                && i - seg <= 2
                && next.is_some_and(char::is_alphabetic)
                && chars.get(i + 2).is_some_and(|c| *c == '.')
        {
            i += 1;
            seg = i;
        } else {
            break;
        }
    }
    i
}

/// Whether the line starting at `i` is a record of fields separated by tabs: a tab with
/// something written on both sides of it (an indent is no field separator).
fn is_record(chars: &[char], i: usize) -> bool {
    let end = chars[i.min(chars.len())..]
        .iter()
        .position(|&c| c == '\n')
        .map_or(chars.len(), |n| i + n);
    let line = &chars[i.min(end)..end];
    let Some(first) = line.iter().position(|c| !c.is_whitespace()) else {
        return false;
    };
    line[first..]
        .iter()
        .position(|&c| c == '\t')
        .is_some_and(|t| line[first + t..].iter().any(|c| !c.is_whitespace()))
}

/// Whether the line starting at character `i` is a row of cells between `|` outside a table
/// (as `markdown::pipe_tables` reads one): a record of its own, as a line of tab-separated
/// fields is.
fn is_pipe_record(chars: &[char], i: usize) -> bool {
    let line = chars.get(i..).unwrap_or_default().iter().copied();
    matches!(
        super::markdown::pipe_chars(line),
        super::markdown::PipeLine::Row { .. }
    )
}

/// Whether a tab separates two fields of a record line: something is written before it on its
/// line and after it. Kept as the tokenizer goes, so that a line of many tabs is read once,
/// not once for each tab.
#[derive(Default)]
struct Fields {
    /// Whether something has been written on the line so far.
    written: bool,
    /// The first character after the last tab asked about that is written or ends the line,
    /// and whether it is written: the answer for every tab before it.
    ahead: (usize, bool),
}

impl Fields {
    fn separates(&mut self, chars: &[char], i: usize) -> bool {
        if !self.written {
            return false;
        }
        if i >= self.ahead.0 {
            let j = (i + 1..chars.len())
                .find(|&j| chars[j] == '\n' || !chars[j].is_whitespace())
                .unwrap_or(chars.len());
            self.ahead = (j, chars.get(j).is_some_and(|&c| c != '\n'));
        }
        self.ahead.1
    }
}

/// Where the speaker's name ends on a chat line starting at `i` (`Amina: ...`, `[14:02]
/// <amina> ...`, `14:02 Bilal Khan: ...`): an optional time of day, then a name of one to
/// three words, the first capitalised, ending in `:` and a space, or a nick in angle brackets.
fn speaker_end(chars: &[char], i: usize) -> Option<usize> {
    let at = |j: usize| chars.get(j).copied().unwrap_or('\n');
    let mut j = i;
    while matches!(at(j), ' ' | '\t') {
        j += 1;
    }
    // A chat app's export stamps each line with its date and time, and its names are the
    // contacts' names as saved, of up to four words.
    let exported = export_stamp_end(chars, j);
    let most = if exported.is_some() { 4 } else { 3 };
    // `[14:02]` or `14:02`.
    let bracket = exported.is_none() && at(j) == '[';
    let mut k = j + usize::from(bracket);
    let from = k;
    while at(k).is_ascii_digit() || at(k) == ':' {
        k += 1;
    }
    let time = k - from >= 4 && chars[from..k].contains(&':');
    if let Some(end) = exported {
        j = end;
    } else if time && (!bracket || at(k) == ']') {
        j = k + usize::from(bracket);
        while matches!(at(j), ' ' | '\t') {
            j += 1;
        }
    }
    if at(j) == '<' {
        let close = (j + 1..chars.len())
            .take_while(|&k| at(k) != '\n')
            .find(|&k| at(k) == '>')?;
        let nick = &chars[j + 1..close];
        return (!nick.is_empty() && nick.len() <= 24 && nick.iter().all(|c| !c.is_whitespace()))
            .then_some(close + 1);
    }
    if !at(j).is_uppercase() {
        return None;
    }
    let mut words = 0;
    let mut names = [(0, 0); 4];
    loop {
        let from = j;
        while at(j).is_alphanumeric() || matches!(at(j), '_' | '.' | '-' | '\'') {
            j += 1;
        }
        if j == from {
            return None;
        }
        names[words] = (from, j);
        words += 1;
        if at(j) == ':' {
            // A month is no speaker (`March 2024: 80,924`); no month's name is longer than
            // `september`.
            let month = |&(a, b): &(usize, usize)| b - a <= 9 && month_of(&chars[a..b]).is_some();
            let said = matches!(at(j + 1), ' ' | '\t') && !names[..words].iter().any(month);
            return said.then_some(j + 1);
        }
        if at(j) != ' ' || words == most {
            return None;
        }
        j += 1;
    }
}

/// The most characters of a label that opens a line before its colon ([`label_end`]).
const LABEL: usize = 60;

/// Where the label ends on a line starting at `i` that opens with one and its value (`Trade,
/// Jan–Sep 2025: $20.7m`, `Pakistan recognised Azerbaijan: 12 Dec 1991`, `Time difference: 1
/// hour`): a capital letter, at most [`LABEL`] characters with no full stop, question mark or
/// semicolon, then a colon and a space and something after it on the line (a line that opens
/// with a date and a colon is a timeline's entry, read as such). The index after the colon.
fn label_end(chars: &[char], i: usize) -> Option<usize> {
    let at = |j: usize| chars.get(j).copied().unwrap_or('\n');
    let mut j = i;
    while matches!(at(j), ' ' | '\t') {
        j += 1;
    }
    if !at(j).is_uppercase() {
        return None;
    }
    let from = j;
    while at(j) != ':' {
        if j - from >= LABEL || matches!(at(j), '\n' | '.' | '?' | '!' | ';') {
            return None;
        }
        j += 1;
    }
    let value = (j + 1..chars.len())
        .take_while(|&k| at(k) != '\n')
        .any(|k| !at(k).is_whitespace());
    (matches!(at(j + 1), ' ' | '\t') && value).then_some(j + 1)
}

/// Where the stamp ends on a line of a chat app's export starting at `i`, a date in digits
/// and a time of day (`03/01/2026, 09:14 - `, `[03/01/2026, 09:14:22] `, `1/3/26, 9:14 PM - `):
/// the index of the first character after the stamp and the dash or bracket that ends it.
fn export_stamp_end(chars: &[char], i: usize) -> Option<usize> {
    let at = |j: usize| chars.get(j).copied().unwrap_or('\n');
    let digits = |j: &mut usize| {
        let from = *j;
        while at(*j).is_ascii_digit() {
            *j += 1;
        }
        *j - from
    };
    let mut j = i;
    let bracket = at(j) == '[';
    j += usize::from(bracket);
    if !(1..=4).contains(&digits(&mut j)) {
        return None;
    }
    let sep = at(j);
    if !matches!(sep, '/' | '.' | '-') {
        return None;
    }
    j += 1;
    if !(1..=2).contains(&digits(&mut j)) || at(j) != sep {
        return None;
    }
    j += 1;
    if !(2..=4).contains(&digits(&mut j)) {
        return None;
    }
    j += usize::from(at(j) == ',');
    while at(j) == ' ' {
        j += 1;
    }
    if !(1..=2).contains(&digits(&mut j)) || at(j) != ':' {
        return None;
    }
    for _ in 0..2 {
        if at(j) != ':' {
            break;
        }
        j += 1;
        if digits(&mut j) != 2 {
            return None;
        }
    }
    // `9:14 PM`, `9:14\u{202f}pm`.
    let mut k = j;
    while matches!(at(k), ' ' | '\u{a0}' | '\u{202f}') {
        k += 1;
    }
    if matches!(at(k), 'A' | 'P' | 'a' | 'p') && matches!(at(k + 1), 'M' | 'm') {
        j = k + 2;
    }
    if bracket {
        if at(j) != ']' {
            return None;
        }
        j += 1;
    }
    while at(j) == ' ' {
        j += 1;
    }
    if !bracket {
        if !matches!(at(j), '-' | '–') || at(j + 1) != ' ' {
            return None;
        }
        j += 2;
    }
    Some(j)
}

/// Where the stamp ends on a line starting at `i` that opens with the full date and time it
/// was written, as a log's or an alert history's lines do (`14 Jan 2026 07:55 | ...`,
/// `2026-01-14 07:55 ...`, `14 January 2026 | ...`): a date with its day, then a time of day,
/// or a bar. The index is that of the bar or the first character after the time.
fn stamp_end(chars: &[char], i: usize) -> Option<usize> {
    let at = |j: usize| chars.get(j).copied().unwrap_or('\n');
    let digits = |j: &mut usize| {
        let from = *j;
        while at(*j).is_ascii_digit() {
            *j += 1;
        }
        *j - from
    };
    let spaces = |j: &mut usize| {
        while matches!(at(*j), ' ' | '\t') {
            *j += 1;
        }
    };
    let mut j = i;
    spaces(&mut j);
    let first = digits(&mut j);
    if first == 4 {
        // `2026-01-14`.
        for _ in 0..2 {
            if at(j) != '-' {
                return None;
            }
            j += 1;
            if digits(&mut j) != 2 {
                return None;
            }
        }
    } else if (1..=2).contains(&first) {
        // `14 Jan 2026`, `14 January 2026`.
        spaces(&mut j);
        let from = j;
        while at(j).is_alphabetic() && j - from <= 9 {
            j += 1;
        }
        if j == from || month_of(&chars[from..j]).is_none() {
            return None;
        }
        j += usize::from(at(j) == '.');
        spaces(&mut j);
        if digits(&mut j) != 4 {
            return None;
        }
    } else {
        return None;
    }
    j += usize::from(matches!(at(j), ',' | 'T'));
    spaces(&mut j);
    // `07:55`, `7.55`.
    let mut k = j;
    let hours = digits(&mut k);
    let time = (1..=2).contains(&hours) && matches!(at(k), ':' | '.') && {
        k += 1;
        digits(&mut k) == 2
    };
    if time {
        return Some(k);
    }
    (at(j) == '|').then_some(j)
}

/// The month a word written as `chars` names ([`words::month`] of it lowercased). A word of
/// ASCII letters (nearly all) is lowercased on the stack; any other is lowercased as a string.
fn month_of(chars: &[char]) -> Option<u8> {
    let mut lower = [0u8; 16];
    if chars.len() <= lower.len() && chars.iter().all(char::is_ascii) {
        for (b, c) in lower.iter_mut().zip(chars) {
            *b = (*c as u8).to_ascii_lowercase();
        }
        return std::str::from_utf8(&lower[..chars.len()])
            .ok()
            .and_then(words::month);
    }
    words::month(&chars.iter().collect::<String>().to_lowercase())
}

/// Whether the line at `i` opens with a date and a dash or colon, as a timeline's entries do
/// in plain text (`1993 — diplomatic relations established`, `12 March 1993: ...`): each such
/// line after another is a sentence of its own, even without a full stop before it.
fn starts_timeline_entry(chars: &[char], i: usize) -> bool {
    let mut j = i;
    let skip_spaces = |j: &mut usize| {
        while chars.get(*j).is_some_and(|c| *c == ' ' || *c == '\t') {
            *j += 1;
        }
    };
    let digits = |j: &mut usize| {
        let from = *j;
        while chars.get(*j).is_some_and(char::is_ascii_digit) {
            *j += 1;
        }
        *j - from
    };
    skip_spaces(&mut j);
    // `12 March 1993`, `March 1993`, `1993`.
    let mut n = digits(&mut j);
    if n > 0 && n <= 2 {
        skip_spaces(&mut j);
        n = 0;
    }
    if n == 0 {
        let from = j;
        while chars.get(j).is_some_and(|c| c.is_alphabetic()) {
            j += 1;
        }
        // No month's name is longer than `september`: a longer word is none, unread.
        if j == from || j - from > 9 {
            return false;
        }
        if month_of(&chars[from..j]).is_none() {
            return false;
        }
        skip_spaces(&mut j);
        n = digits(&mut j);
    }
    if n != 4 {
        return false;
    }
    skip_spaces(&mut j);
    chars
        .get(j)
        .is_some_and(|c| matches!(c, '—' | '–' | '-' | ':'))
}

/// Whether the text before `end` stops at a word a date follows (`in`, `since`, `November`):
/// then a line after it that starts with a year goes on the same phrase (`in November` /
/// `2023: 2 flights a week`) and is no timeline entry, whatever the line before it was.
fn wants_a_date(chars: &[char], end: usize) -> bool {
    let mut to = end;
    while to > 0 && chars[to - 1].is_whitespace() {
        to -= 1;
    }
    // A day of the month at the line's end and its month opening the next line (`in 4` /
    // `July 2025: ...`): the word before the day is what asks for the date.
    let mut day = to;
    while day > 0 && chars[day - 1].is_ascii_digit() {
        day -= 1;
    }
    let month_next = || {
        let mut j = end + 1;
        while chars.get(j).is_some_and(|c| *c == ' ' || *c == '\t') {
            j += 1;
        }
        let from = j;
        while chars.get(j).is_some_and(|c| c.is_alphabetic()) && j - from < 10 {
            j += 1;
        }
        j > from
            && j - from <= 9
            && words::month(&chars[from..j].iter().collect::<String>().to_lowercase()).is_some()
    };
    if (1..=2).contains(&(to - day)) && day > 0 && chars[day - 1].is_whitespace() && month_next() {
        to = day;
        while to > 0 && chars[to - 1].is_whitespace() {
            to -= 1;
        }
    }
    let mut from = to;
    while from > 0 && chars[from - 1].is_alphabetic() && to - from < 12 {
        from -= 1;
    }
    let word: String = chars[from..to].iter().collect::<String>().to_lowercase();
    words::month(&word).is_some()
        || matches!(
            word.as_str(),
            "in" | "on"
                | "of"
                | "since"
                | "from"
                | "by"
                | "until"
                | "till"
                | "to"
                | "during"
                | "before"
                | "after"
                | "between"
                | "and"
                | "early"
                | "late"
                | "mid"
        )
}

/// Whether the end of line `line` ends a sentence, from what this line and the next are.
fn breaks_after(layout: &Layout, line: usize) -> bool {
    let this = layout.kinds.get(line).copied().unwrap_or(LineKind::Blank);
    let next = layout
        .kinds
        .get(line + 1)
        .copied()
        .unwrap_or(LineKind::Blank);
    matches!(
        this,
        LineKind::Heading | LineKind::TableRow { .. } | LineKind::Skip | LineKind::Blank
    ) || matches!(
        next,
        LineKind::Blank
            | LineKind::Heading
            | LineKind::ListItem
            | LineKind::TableRow { .. }
            | LineKind::Skip
    )
}

/// The number written at `start`, and where it ends. `text` is room to write its digits
/// out plainly (`80924.0`), reused from one number to the next. `comma_decimal` says the
/// draft writes decimals with a comma ([`decimal_comma_hint`]).
///
/// Thousands are grouped by `,` (`80,924`), a no-break, narrow or thin space (`80 924`), a
/// plain space (`80 924`, when every group has three digits and no further group of digits
/// follows, as a telephone number's would), or, in a draft with decimal commas, a `.`. A comma
/// is a decimal comma when it cannot separate thousands: one or two digits after it (`2,7`,
/// `3,35`), or any number of them in a draft with decimal commas.
fn number(chars: &[char], start: usize, text: &mut Vec<u8>, comma_decimal: bool) -> (Num, usize) {
    let digit = |j: usize| chars.get(j).is_some_and(char::is_ascii_digit);
    let mut i = start;
    while digit(i) {
        i += 1;
    }
    // Digits are ASCII: a byte each.
    let ascii = |from: usize, to: usize| chars[from..to].iter().map(|&c| c as u8);
    text.clear();
    text.extend(ascii(start, i));
    let mut grouped = false;
    // `0300`, `051`: a code or a telephone number, never grouped.
    let leading_zero = chars[start] == '0' && i - start >= 2;
    // `+92 51 …`, `+994123456789`: a telephone number; `+38.7%` is a rise.
    let phone = start > 0
        && chars[start - 1] == '+'
        && (i - start >= 5 || matches!(chars.get(i), Some(' ' | '-' | '(' | ')')) && digit(i + 1));
    let three_digits = |j: usize| (1..=3).all(|k| digit(j + k)) && !digit(j + 4);
    if text.len() <= 3 && !leading_zero && !phone {
        let first_sep = chars.get(i).copied();
        let usable = |c: char| {
            if comma_decimal {
                matches!(c, '.' | '\u{00A0}' | '\u{202F}' | '\u{2009}' | ' ')
            } else {
                is_group_separator(c) || c == ' '
            }
        };
        if let Some(sep) = first_sep.filter(|c| usable(*c)) {
            let mut j = i;
            while chars.get(j) == Some(&sep) && three_digits(j) {
                j += 4;
            }
            // A plain space groups only when no further digits follow after a space (`300 123
            // 4567` is a telephone number).
            let ok = j > i && (sep != ' ' || !(chars.get(j) == Some(&' ') && digit(j + 1)));
            if ok {
                let mut k = i;
                while k < j {
                    text.extend(ascii(k + 1, k + 4));
                    k += 4;
                }
                i = j;
                grouped = true;
            }
        }
    }
    let int_len = text.len();
    text.push(b'.');
    let decimal_sep = match chars.get(i) {
        Some('.') if !comma_decimal || !grouped && !three_digits(i) => digit(i + 1),
        Some(',') if digit(i + 1) => {
            let mut m = i + 1;
            while digit(m) {
                m += 1;
            }
            let digits = m - i - 1;
            // Not a list (`1,2,3`), not after a comma group.
            let list = start > 1 && chars[start - 1] == ',' && digit(start - 2)
                || matches!(chars.get(m), Some(',' | '.')) && digit(m + 1);
            !list && (digits <= 2 && int_len <= 3 || comma_decimal)
        }
        _ => false,
    };
    if decimal_sep {
        i += 1;
        while digit(i) {
            text.push(chars[i] as u8);
            i += 1;
        }
    }
    let frac_len = text.len() - int_len - 1;
    if frac_len == 0 {
        text.push(b'0');
    }
    let suffix_start = i;
    let mut suffix = String::new();
    while chars.get(i).is_some_and(|c| c.is_ascii_alphabetic()) {
        suffix.push(chars[i].to_ascii_lowercase());
        i += 1;
    }
    let mut value = decimal_value(text);
    let mut res = if frac_len == 0 {
        let zeros = text[..int_len]
            .iter()
            .rev()
            .take_while(|c| **c == b'0')
            .count();
        10f64.powi(zeros.min(int_len.saturating_sub(1)) as i32)
    } else {
        10f64.powi(-(frac_len as i32))
    };
    // `3.3Mt` is megatonnes, `120kt` kilotonnes: the scale is in the unit.
    if let Some(f) = mass_scale(&chars[suffix_start..i]) {
        value *= f;
        res *= f;
    }
    // A time (10:30), a version (1.2.3), a fraction or date (14/02), `17th`, `5G`.
    let joined =
        |j: usize| matches!(chars.get(j), Some(':') | Some('/') | Some('.')) && digit(j + 1);
    let before_joined = start >= 2
        && matches!(chars[start - 1], ':' | '/' | '.')
        && chars[start - 2].is_ascii_digit();
    let known_suffix = suffix.is_empty()
        || words::attached_scale(&suffix).is_some()
        || matches!(suffix.as_str(), "x" | "t" | "mt" | "kt" | "pc");
    let glued = joined(i) || before_joined || !known_suffix || leading_zero || phone;
    (
        Num {
            value,
            res,
            plain: !grouped && frac_len == 0 && suffix.is_empty(),
            suffix,
            glued,
        },
        i,
    )
}

/// The value of digits with one decimal point (`80924.0`, `3.3`, as ASCII bytes), as
/// `str::parse` gives it (0 if it fails). Up to fifteen digits, both the digits without their point and the power of
/// ten they are divided by are exact in an `f64`, and one division rounds correctly, as the
/// parser does: the same value without parsing.
fn decimal_value(text: &[u8]) -> f64 {
    /// The powers of ten up to 10^15, exact in an `f64`.
    const TENS: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let parse = || std::str::from_utf8(text).map_or(0.0, |t| t.parse().unwrap_or(0.0));
    let mut digits = 0u64;
    let mut point = None;
    let mut count = 0;
    for (n, &b) in text.iter().enumerate() {
        match b {
            b'0'..=b'9' if count < 15 => {
                digits = digits * 10 + u64::from(b - b'0');
                count += 1;
            }
            b'.' if point.is_none() => point = Some(n),
            _ => return parse(),
        }
    }
    match point {
        Some(p) if count > 0 => digits as f64 / TENS[text.len() - 1 - p],
        _ => parse(),
    }
}

/// The factor of a unit of mass with its scale in it, as written: `Mt` (megatonnes) is a
/// million tonnes, `kt` a thousand; `mt` and `MT` are metric tonnes.
fn mass_scale(written: &[char]) -> Option<f64> {
    match written {
        ['M', 't'] => Some(1e6),
        ['k' | 'K', 't'] => Some(1e3),
        _ => None,
    }
}

// --------------------------------------------------------------------------- sentences

fn ends_sentence(tokens: &[Token], k: usize) -> bool {
    let t = &tokens[k];
    match t.kind {
        Kind::Break => true,
        Kind::Sym(';') => true,
        Kind::Sym('.') | Kind::Sym('!') | Kind::Sym('?') | Kind::Sym('…') => {
            // Not after an abbreviation written against the dot (`approx.`, `Jan.`, `U.S.`).
            if matches!(t.kind, Kind::Sym('.')) && k > 0 {
                let prev = &tokens[k - 1];
                if prev.end == t.start && prev.word().is_some_and(words::is_abbreviation) {
                    return false;
                }
            }
            // Only when followed by a space, the end, or a reference marker (`year.[3] The`).
            match tokens.get(k + 1) {
                None => true,
                Some(next) => {
                    next.start > t.end
                        || next.is_break()
                        || next.sym() == Some('[')
                            && tokens
                                .get(k + 2)
                                .is_some_and(|m| m.num().is_some() || m.sym() == Some('^'))
                }
            }
        }
        _ => false,
    }
}

/// The sentences of `tokens`, at most `most` of them (room for that many is made at once),
/// and the sentence of each token.
fn sentences(layout: &Layout, tokens: &[Token], most: usize) -> (Vec<Sentence>, Vec<usize>) {
    let mut out: Vec<Sentence> = Vec::with_capacity(most);
    let mut sentence_of = vec![0; tokens.len()];
    let mut start = 0;
    let mut heading = None;
    let mut list_lead: Option<usize> = None;
    let mut in_list = false;
    // The list items above, each with the column its text starts at.
    let mut items: Vec<(usize, usize)> = Vec::new();
    // The first sentence that starts on each line.
    let mut header_sentence: Vec<Option<usize>> = vec![None; layout.kinds.len()];
    let mut prev_line_end: Option<usize> = None;
    let (mut first_lines, mut end_lines) = (layout.walk(), layout.walk());
    for k in 0..tokens.len() {
        let last = k + 1 == tokens.len();
        if !(ends_sentence(tokens, k) || last) {
            continue;
        }
        let end = k + 1;
        let first_line = first_lines.line_of(tokens[start].start());
        let kind = layout.kinds[first_line];
        // Paragraph continuity: no blank or structural line between the two sentences.
        let same_paragraph = prev_line_end.is_some_and(|p| {
            (p..first_line).all(|l| matches!(layout.kinds[l], LineKind::Text | LineKind::ListItem))
                || p == first_line
        });
        let index = out.len();
        let parent = match kind {
            LineKind::TableRow { header } => header_sentence
                .get(header)
                .copied()
                .flatten()
                .filter(|&h| h != index),
            LineKind::ListItem => {
                if !in_list {
                    items.clear();
                    // The sentence just before a list introduces it (`Key figures for 2024:`).
                    // It introduces the list only when it leads into it: a sentence that ends
                    // with a full stop (a quotation, the paragraph before) is not a lead-in.
                    list_lead = index.checked_sub(1).filter(|&p| {
                        out[p].kind == LineKind::Text && !ends_with_stop(tokens, &out[p])
                    });
                    in_list = true;
                }
                if first_line_starts_item(layout, tokens, start, first_line) {
                    // A nested item takes its subject from the item it is nested in: the
                    // nearest item above whose text starts further left.
                    let column = tokens[start].start() - layout.line_starts[first_line];
                    while items.last().is_some_and(|&(c, _)| c >= column) {
                        items.pop();
                    }
                    let parent = items.last().map(|&(_, i)| i).or(list_lead);
                    items.push((column, index));
                    parent
                } else {
                    index.checked_sub(1)
                }
            }
            // A heading of two sentences (`### I am flying AZAL from Lahore. How new is that
            // route?`) is one heading: its second sentence's parent is its first.
            LineKind::Heading => index.checked_sub(1).filter(|&p| {
                out[p].kind == LineKind::Heading
                    && first_lines.line_of(tokens[out[p].start].start()) == first_line
            }),
            _ => {
                let after_list = in_list;
                if !same_paragraph {
                    in_list = false;
                }
                let refers_back = tokens[start..end]
                    .iter()
                    .find(|t| !t.is_break())
                    .and_then(Token::word)
                    .is_some_and(|w| matches!(w, "their" | "its" | "they" | "these" | "this"));
                if same_paragraph {
                    index.checked_sub(1)
                } else if after_list && refers_back && list_lead.is_some() {
                    // A paragraph right after a list that opens by referring back (`Their
                    // number grew ...`) is about what the list's lead-in names.
                    list_lead
                } else {
                    // An answer in the paragraph after a question (`Q: When ...?` / `A: In
                    // 1992.`) takes its subject from the question.
                    index.checked_sub(1).filter(|&p| {
                        out[p].kind == LineKind::Text
                            && tokens[out[p].start..out[p].end]
                                .iter()
                                .rev()
                                .find(|t| !t.is_break())
                                .and_then(Token::sym)
                                == Some('?')
                    })
                }
            }
        };
        let has_content = tokens[start..end].iter().any(|t| !t.is_break());
        if has_content {
            for s in &mut sentence_of[start..end] {
                *s = index;
            }
            out.push(Sentence {
                start,
                end,
                kind,
                parent,
                heading: if kind == LineKind::Heading {
                    None
                } else {
                    heading
                },
            });
            if kind == LineKind::Heading {
                heading = Some(index);
                in_list = false;
            }
            if let Some(first @ None) = header_sentence.get_mut(first_line) {
                *first = Some(index);
            }
            prev_line_end = Some(end_lines.line_of(tokens[end - 1].start()));
        } else if let Some(prev) = out.len().checked_sub(1) {
            for s in &mut sentence_of[start..end] {
                *s = prev;
            }
        }
        start = end;
    }
    (out, sentence_of)
}

/// Whether a sentence ends with a question mark (before its line break, if any).
fn ends_with_question(tokens: &[Token], s: &Sentence) -> bool {
    tokens[s.start..s.end]
        .iter()
        .rev()
        .find(|t| !t.is_break())
        .is_some_and(|t| t.sym() == Some('?'))
}

/// Whether a sentence ends with a full stop, `!` or `?` (before its line break, if any).
fn ends_with_stop(tokens: &[Token], s: &Sentence) -> bool {
    tokens[s.start..s.end]
        .iter()
        .rev()
        .find(|t| !t.is_break())
        .is_some_and(|t| matches!(t.sym(), Some('.' | '!' | '?' | '…')))
}

/// Whether the sentence starting at token `start` is the first on its list item's line.
fn first_line_starts_item(layout: &Layout, tokens: &[Token], start: usize, line: usize) -> bool {
    start == 0 || layout.line_of(tokens[start - 1].start()) != line || tokens[start - 1].is_break()
}

// ------------------------------------------------------------------------------- dates

fn year_of(t: &Token) -> Option<i32> {
    let n = t.num()?;
    (n.plain && !n.glued && (1900.0..=2100.0).contains(&n.value)).then_some(n.value as i32)
}

fn is_dash(t: &Token) -> bool {
    matches!(t.sym(), Some('–' | '—' | '-' | '/'))
}

fn is_range_word(t: &Token) -> bool {
    matches!(t.word(), Some("to" | "through" | "until" | "till" | "and"))
}

/// Whether the token after a number makes it a measure rather than a year (`2024 tons`).
fn is_unit_after(t: Option<&Token>) -> bool {
    let Some(t) = t else { return false };
    match &t.kind {
        Kind::Sym(c) => matches!(c, '%' | '×'),
        Kind::Word(w) => {
            words::scale(&w.lower).is_some()
                || matches!(
                    &*w.lower,
                    "percent" | "per" | "tons" | "tonnes" | "days" | "times" | "dollars"
                )
        }
        _ => false,
    }
}

fn month_at(tokens: &[Token], k: usize) -> Option<(u8, usize)> {
    let m = tokens.get(k)?.entry()?.month?;
    // Skip an abbreviation's dot.
    let next = if tokens.get(k + 1).and_then(Token::sym) == Some('.') {
        k + 2
    } else {
        k + 1
    };
    Some((m, next))
}

fn period(start: Date, end: Date) -> Period {
    Period { start, end }
}

fn ym(year: i32, month: Option<u8>) -> Date {
    Date {
        year,
        month,
        day: None,
    }
}

/// The dates of a draft. `earlier` is where the piece's own tokens start and the year `that
/// year` refers to before them (see [`Carry`]).
fn find_dates(
    tokens: &[Token],
    sentences: &[Sentence],
    sentence_of: &[usize],
    anchor: Anchors,
    earlier: (usize, Option<i32>),
    used: &mut [bool],
) -> Vec<DateMention> {
    find_dates_in(
        tokens,
        sentences,
        sentence_of,
        anchor,
        earlier,
        used,
        0,
        tokens.len(),
    )
}

/// What [`relative_at`] reads at a token: the relative date's first and last token, the period
/// it names (`None` when it cannot be known, as `last year` with no anchor), and whether it is
/// the date of an event its words name rather than a time a figure is for (`34 years of
/// diplomatic relations`, `open since 33 years`, `two years on from AZAL's first landing`).
struct Relative {
    first: usize,
    last: usize,
    period: Option<Period>,
    event: bool,
}

/// A relative date at `k` ([`Relative`]).
///
/// - `last year`, `this year`, `next year`, `the year before last`, `a year ago`, `two years
///   ago`, `12 years ago`, `a decade ago`, `last June`, `this July`, with a month (or a day and
///   a month) before them or not (`in June last year`, `12 February this year`), count from
///   the anchor, the date the draft is written on; `a year ago today` is the anchor's very day
///   a year back, `two years ago this week` (or `this month`) its month;
/// - spans that end at the anchor date the event they span from: `34 years of diplomatic
///   relations` after a word that celebrates or marks them, `open since 33 years`, `two years
///   on from AZAL's first landing`; a span hedged (`almost two years on`) dates nothing;
/// - `the previous year`, `a year earlier`, `the year before`, `two years earlier`, `the
///   following year`, `a year later` count from `recent`, the last date written in the
///   sentence or the two before it (`80,924 in 2024, against 55,000 a year earlier`; `opened
///   in February 2025; a year earlier` is February 2024), and from the anchor when there is
///   none; `ten years before that` counts from the last one that is no point of comparison;
/// - `that year` and `the same year` are `previous`, the last year written before them.
///
/// `context` gives the anchor and `(previous, recent, here, that)`; it is asked only when the
/// words at `k` can be a relative date, as working it out reads the dates before.
fn relative_at(
    tokens: &[Token],
    k: usize,
    end: usize,
    context: impl FnOnce() -> (Option<Date>, RecentDates),
) -> Option<Relative> {
    let word = |j: usize| {
        (j < end)
            .then(|| tokens.get(j).and_then(Token::word))
            .flatten()
    };
    // `12 February this year`: a day before the month.
    let day = tokens
        .get(k)
        .and_then(Token::num)
        .filter(|n| n.plain && (1.0..=31.0).contains(&n.value) && k + 1 < end)
        .filter(|_| month_at(tokens, k + 1).is_some())
        .map(|n| n.value as u8);
    let m = k + usize::from(day.is_some());
    let (month, mut at) = match month_at(tokens, m).filter(|_| m < end) {
        Some((m, next)) => (Some(m), next),
        None => (None, k),
    };
    // `January–September last year`: a second month after a dash.
    let mut to_month = month;
    if let Some(m1) = month.filter(|_| day.is_none()) {
        if at + 1 < end
            && tokens
                .get(at)
                .is_some_and(|t| is_dash(t) || is_range_word(t))
        {
            if let Some((m2, next)) = month_at(tokens, at + 1).filter(|(m2, _)| *m2 >= m1) {
                to_month = Some(m2);
                at = next;
            }
        }
    }
    // `January of last year`.
    if month.is_some() && word(at) == Some("of") {
        at += 1;
    }
    // Every pattern below has `year` or `years` (or `decade`) one or two words on, but `last
    // June` and `this July`: the words of most places are none of them, and are passed over
    // here.
    let years_at = |j: usize| {
        j < end
            && tokens
                .get(j)
                .and_then(Token::entry)
                .is_some_and(|w| w.year_word)
    };
    let month_next = month.is_none()
        && matches!(word(at), Some("last" | "this"))
        && month_at(tokens, at + 1).is_some_and(|_| at + 1 < end);
    if !(years_at(at + 1) || years_at(at + 2) || years_at(at + 3) || month_next) {
        return None;
    }
    let (anchor, recent) = context();
    let RecentDates {
        previous,
        recent,
        here,
        that,
    } = recent;
    let year_word = |w: Option<&str>| matches!(w, Some("year" | "year's" | "year’s"));
    let ago = |j: usize| word(j) == Some("ago");
    // `earlier`, `later`; `before` only when nothing it is before follows (`a year before`,
    // not `a year before the election`).
    let back = |j: usize| match word(j) {
        Some("earlier") => Some(-1),
        Some("later") => Some(1),
        Some("before")
            if (word(j + 1).is_none() && tokens.get(j + 1).and_then(Token::num).is_none())
                || word(j + 1) == Some("that") =>
        {
            Some(-1)
        }
        _ => None,
    };
    // How many years: a number in words or digits, or decades (`a decade`, `two decades`).
    let count = |j: usize| -> Option<(i32, usize)> {
        let n = match tokens.get(j).filter(|_| j < end)?.kind {
            Kind::Num(ref n) if n.plain && !n.glued => Some(n.value),
            Kind::Word(ref w) => w
                .in_words
                .or(matches!(&*w.lower, "a" | "one").then_some(1.0)),
            _ => None,
        }?;
        let n = n as i32;
        match word(j + 1) {
            Some("year") if n == 1 => Some((1, j + 1)),
            Some("years") if (2..=150).contains(&n) => Some((n, j + 1)),
            Some("decade") if n == 1 => Some((10, j + 1)),
            Some("decades") if (2..=15).contains(&n) => Some((10 * n, j + 1)),
            _ => None,
        }
    };
    // Words that make a span approximate: it dates nothing (`almost two years on`).
    let hedged = |j: usize| {
        j > 0 && {
            let w = tokens[j - 1].entry();
            w.is_some_and(|e| e.ends_hedge || matches!(&*e.lower, "almost" | "nearly" | "over"))
        }
    };
    // Where the count starts from: the anchor, or the year written before.
    enum From {
        Anchor(i32),
        /// Years from the date written before: `a year earlier` keeps its months (`February
        /// 2025 ... a year earlier` is February 2024) ...
        Shifted(i32),
        /// ... `the previous year` is the whole year before it.
        Before(i32),
        /// `N years ago today` or `this week`: the anchor's week.
        Ago(i32),
        /// A span that ends at the anchor, from the event it names.
        Span(i32),
    }
    let (from, last) = match (word(at), word(at + 1), word(at + 2)) {
        // `the year before last`
        (Some("the"), w, Some("before")) if year_word(w) && word(at + 3) == Some("last") => {
            (From::Anchor(-2), at + 3)
        }
        (Some("last"), w, _) if year_word(w) => (From::Anchor(-1), at + 1),
        (Some("previous"), w, _) if year_word(w) => (From::Before(-1), at + 1),
        (Some("this"), w, _) if year_word(w) => (From::Anchor(0), at + 1),
        (Some("next"), w, _) if year_word(w) => (From::Anchor(1), at + 1),
        (Some("the"), Some("previous" | "prior" | "preceding"), w) if year_word(w) => {
            (From::Before(-1), at + 2)
        }
        (Some("the"), Some("following" | "next"), w) if year_word(w) && month.is_none() => {
            (From::Before(1), at + 2)
        }
        // `the year before`, `the year after`
        (Some("the"), Some("year"), Some("after")) if word(at + 3).is_none() => {
            (From::Before(1), at + 2)
        }
        // `the year before`: the year before the one just written in the same sentence
        // (`46,000 in 2019, and 25,000 the year before` is 2018); with none there, the year
        // before the draft's own, as `the year before last` is.
        (Some("the"), Some("year"), _) if back(at + 2) == Some(-1) && here => {
            (From::Before(-1), at + 2)
        }
        (Some("the"), Some("year"), _) if back(at + 2) == Some(-1) => (From::Anchor(-1), at + 2),
        // `a year ago`, `two years ago`, `12 years ago`, `a decade ago`, each perhaps `today`
        // or `this week`.
        _ if count(at).is_some_and(|(_, l)| ago(l + 1)) => {
            let (n, l) = count(at)?;
            if hedged(at) {
                return None;
            }
            match (word(l + 2), word(l + 3)) {
                (Some("today"), _) if month.is_none() => (From::Ago(-n), l + 2),
                (Some("this"), Some("week" | "month")) if month.is_none() => (From::Ago(-n), l + 3),
                _ => (From::Anchor(-n), l + 1),
            }
        }
        (Some("a" | "one"), Some("year"), _) if ago(at + 2) => (From::Anchor(-1), at + 2),
        (Some("a" | "one"), Some("year"), _) if back(at + 2).is_some() => {
            (From::Shifted(back(at + 2).unwrap_or(-1)), at + 2)
        }
        (_, Some("years"), _) if back(at + 2).is_some() && count(at).is_some() => (
            From::Shifted(count(at)?.0 * back(at + 2).unwrap_or(-1)),
            at + 2,
        ),
        // `two years on from AZAL's first landing`.
        _ if month.is_none()
            && count(at)
                .is_some_and(|(_, l)| word(l + 1) == Some("on") && word(l + 2) == Some("from")) =>
        {
            let (n, l) = count(at)?;
            if hedged(at) {
                return None;
            }
            (From::Span(-n), l + 1)
        }
        // `open since 33 years`.
        (Some("since"), _, _) if month.is_none() && count(at + 1).is_some() => {
            // The date is the span, as `1993` is in `since 1993`.
            let (n, l) = count(at + 1)?;
            let year = |a: Date| ym(a.year - n, None);
            return Some(Relative {
                first: at + 1,
                last: l,
                period: anchor.map(|a| period(year(a), year(a))),
                event: true,
            });
        }
        // `to celebrate 34 years of diplomatic relations`.
        _ if month.is_none()
            && count(at).is_some_and(|(_, l)| word(l + 1) == Some("of"))
            && (1..=2).any(|b| {
                at >= b
                    && tokens[at - b].word().is_some_and(|w| {
                        ["celebrat", "mark", "commemorat"]
                            .iter()
                            .any(|p| w.starts_with(p))
                    })
            }) =>
        {
            let (n, l) = count(at)?;
            (From::Span(-n), l)
        }
        (Some("that"), Some("year"), _) => (From::Before(0), at + 1),
        (Some("the"), Some("same"), Some("year")) => (From::Before(0), at + 2),
        // `last June`: the latest June before the anchor; `this July`: that month of the
        // anchor's year.
        (Some(which @ ("last" | "this")), Some(_), _) if month_next => {
            let (m, _) = month_at(tokens, at + 1)?;
            let period = anchor.and_then(|a| {
                let now = a.month?;
                let year = match which {
                    "last" if m >= now => a.year - 1,
                    _ => a.year,
                };
                Some(period(ym(year, Some(m)), ym(year, Some(m))))
            });
            return Some(Relative {
                first: k,
                last: at + 1,
                period,
                event: false,
            });
        }
        _ => return None,
    };
    let relative = |last: usize, period: Option<Period>, event: bool| {
        Some(Relative {
            first: k,
            last,
            period,
            event,
        })
    };
    let year = match from {
        From::Anchor(n) => anchor.map(|a| a.year + n),
        // `that year` is only ever the year written before.
        From::Before(0) => previous,
        // `ten years before that`: from the last date that is no point of comparison.
        From::Shifted(n) if month.is_none() && word(last + 1) == Some("that") && that.is_some() => {
            let shift = |d: Date| ym(d.year + n, d.month);
            return relative(
                last + 1,
                that.map(|p| period(shift(p.start), shift(p.end))),
                false,
            );
        }
        // `in February 2025 ... a year earlier` is February 2024.
        From::Shifted(n) if month.is_none() && recent.is_some() => {
            let shift = |d: Date| ym(d.year + n, d.month);
            return relative(
                last,
                recent.map(|p| period(shift(p.start), shift(p.end))),
                false,
            );
        }
        From::Before(n) if recent.is_some() => recent.map(|p| p.end.year + n),
        From::Before(n) | From::Shifted(n) => anchor.map(|a| a.year + n),
        // `a year ago today` or `this week` is the anchor's week a year back: its month, or
        // only its year when the week may reach into the month before or after.
        From::Ago(n) => {
            let p = anchor.map(|a| {
                let within = match (a.month, a.day) {
                    (Some(m), Some(d)) => d > 3 && d + 3 <= days_in_month(a.year, m),
                    (month, None) => month.is_some(),
                    (None, Some(_)) => false,
                };
                let d = ym(a.year + n, a.month.filter(|_| within));
                period(d, d)
            });
            return relative(last, p, false);
        }
        From::Span(n) => {
            return relative(
                last,
                anchor.map(|a| period(ym(a.year + n, None), ym(a.year + n, None))),
                true,
            );
        }
    };
    let period = year.map(|y| {
        if let (Some(d), Some(m)) = (day, month) {
            let date = Date {
                year: y,
                month: Some(m),
                day: Some(d),
            };
            period(date, date)
        } else {
            period(ym(y, month), ym(y, to_month))
        }
    });
    relative(last, period, false)
}

/// What relative dates that count from a date written before them count from (see
/// [`relative_at`]).
struct RecentDates {
    /// The year of the last date written before, that is no point of comparison: `that year`.
    previous: Option<i32>,
    /// The last date written in the sentence or the two before it: `a year earlier`.
    recent: Option<Period>,
    /// Whether that date is in the sentence, right before a figure, or opens the one after:
    /// `the year before` counts from it.
    here: bool,
    /// The last date written in the sentence or the two before it that is no point of
    /// comparison: `ten years before that`.
    that: Option<Period>,
}

/// Whether the date `first..=last` is tied to an event of its own (`independence in 1991`,
/// `founded in 1991`, `the 2022 floods`, `the 2022 World Cup`): the event's date, not the
/// period of a figure in the same sentence.
fn is_event_date(tokens: &[Token], first: usize, last: usize, floor: usize, end: usize) -> bool {
    let word = |j: usize| tokens.get(j).and_then(Token::word);
    let mut j = first;
    while j > floor && first - j < 3 {
        j -= 1;
        match word(j) {
            Some(w) if words::marks_event(w) => return true,
            Some("in" | "of" | "on" | "the" | "its" | "their") => {}
            _ => break,
        }
    }
    // A noun after it (`the 2022 floods`), not a verb (`2024 opened with ...`).
    let noun = |j: usize| {
        j < end
            && word(j).is_some_and(|w| words::marks_event(w) && !w.ends_with("ed") && w != "born")
    };
    noun(last + 1) || word(last + 1).is_some() && noun(last + 2)
}

/// Whether a date can start at token `k`, as far as a glance at it and the two after it
/// tells: every date [`find_dates_in`] reads opens with a number, a month, `last`, `this`,
/// the first word of a year said in words (`nineteen`, `twenty`), or has `year`, `years` or
/// `decade` one or two tokens on. Most tokens are none of these and are passed
/// over without reading further.
fn may_open_date(tokens: &[Token], k: usize) -> bool {
    match &tokens[k].kind {
        Kind::Num(_) => true,
        Kind::Word(w) if w.date_word => true,
        _ => tokens[k + 1..]
            .iter()
            .take(2)
            .any(|t| t.entry().is_some_and(|w| w.year_word)),
    }
}

#[allow(clippy::too_many_arguments)]
fn find_dates_in(
    tokens: &[Token],
    sentences: &[Sentence],
    sentence_of: &[usize],
    anchors: Anchors,
    (body, year): (usize, Option<i32>),
    used: &mut [bool],
    from: usize,
    to: usize,
) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::new();
    let mut k = from;
    while k < to.min(tokens.len()) {
        if used[k] || !may_open_date(tokens, k) {
            k += 1;
            continue;
        }
        let s = sentence_of[k];
        let end = sentences.get(s).map_or(tokens.len(), |s| s.end);
        let context = || {
            let anchor = anchors.at(k);
            let written = out
                .iter()
                .rev()
                .take_while(|d| d.first >= body)
                .find(|d| !d.baseline);
            let previous = written.map(|d| d.period.end.year).or(year);
            // The year `a year earlier` counts from: one written in this sentence or the two
            // before it in its paragraph (or the line that leads into its list), or its heading.
            let parent = |i: usize| sentences.get(i).and_then(|x| x.parent);
            let heading = sentences.get(s).and_then(|x| x.heading);
            let near = [Some(s), parent(s), parent(s).and_then(parent), heading];
            let recent = out
                .last()
                .filter(|d| d.first >= body && near.contains(&Some(d.sentence)))
                .map(|d| d.period);
            // `the year before` right after a figure (`and 25,000 the year before`, `22,000
            // visitors the year before`) counts from a year written before it in its sentence.
            let after_figure = (1..=2).any(|back| {
                k >= back
                    && tokens[k - back].num().is_some()
                    && (back == 1 || tokens[k - 1].word().is_some())
            });
            // Or opening a sentence (`The year before, 25,000 came.`) right after one that wrote
            // the year.
            let opens = sentences.get(s).is_some_and(|x| x.start == k)
                && out
                    .last()
                    .is_some_and(|d| Some(d.sentence) == sentences.get(s).and_then(|x| x.parent));
            let here = recent.is_some()
                && (after_figure && out.last().is_some_and(|d| d.sentence == s) || opens);
            // `ten years before that`: the last date near that is no point of comparison.
            let that = out
                .iter()
                .rev()
                .take_while(|d| d.first >= body && near.contains(&Some(d.sentence)))
                .find(|d| !d.baseline)
                .map(|d| d.period);
            (
                anchor,
                RecentDates {
                    previous,
                    recent,
                    here,
                    that,
                },
            )
        };
        if let Some(Relative {
            first,
            last,
            period: p,
            event,
        }) = relative_at(tokens, k, end, context)
            .filter(|r| !used[r.first..=r.last].iter().any(|u| *u))
        {
            for u in &mut used[first..=last] {
                *u = true;
            }
            if let Some(mut p) = p {
                // `the first seven months of last year`, `the first half of last year`.
                let mut first = first;
                if p.start.month.is_none() {
                    if let Some((from, part)) =
                        part_of_year(tokens, first, p.start.year, sentences[s].start)
                    {
                        for u in &mut used[from..first] {
                            *u = true;
                        }
                        first = from;
                        p = part;
                    }
                }
                // `up 38.7% from a year earlier`: what a change is from.
                let from = first > sentences[s].start && tokens[first - 1].word() == Some("from");
                let baseline = event
                    || (from || is_baseline(tokens, first, sentences[s].start))
                        && tokens[first..=last]
                            .iter()
                            .all(|t| t.word() != Some("same"));
                mark_same_period(tokens, first, sentences[s].start, used);
                out.push(DateMention {
                    sentence: s,
                    first,
                    last,
                    period: p,
                    baseline,
                });
            }
            k = last + 1;
            continue;
        }
        let s = sentence_of[k];
        let end = sentences.get(s).map_or(tokens.len(), |s| s.end);
        let at = |j: usize| if j < end { tokens.get(j) } else { None };
        let year_at = |j: usize| {
            at(j)
                .and_then(year_of)
                .filter(|_| !is_unit_after(at(j + 1)))
        };
        let mut found: Option<(usize, usize, Period)> = None;
        if let Some((m1, after)) = month_at(tokens, k).filter(|_| at(k).is_some()) {
            // July 2024 | July 5, 2024 | January–September 2025 | November 2024–February 2025
            let mut j = after;
            if let Some(d) = at(j)
                .and_then(Token::num)
                .filter(|n| n.plain && (1.0..=31.0).contains(&n.value))
            {
                let day = d.value as u8;
                let mut y = j + 1;
                if at(y).and_then(Token::sym) == Some(',') {
                    y += 1;
                }
                if let Some(year) = year_at(y) {
                    let date = Date {
                        year,
                        month: Some(m1),
                        day: Some(day),
                    };
                    found = Some((k, y, period(date, date)));
                }
            } else if let Some(year) = year_at(j) {
                found = Some((k, j, period(ym(year, Some(m1)), ym(year, Some(m1)))));
                // A second month and year after a dash.
                if at(j + 1).is_some_and(|t| is_dash(t) || is_range_word(t)) {
                    if let Some((m2, after2)) =
                        month_at(tokens, j + 2).filter(|_| at(j + 2).is_some())
                    {
                        if let Some(y2) = year_at(after2) {
                            found = Some((k, after2, period(ym(year, Some(m1)), ym(y2, Some(m2)))));
                        }
                    }
                }
            } else if at(j).is_some_and(|t| is_dash(t) || is_range_word(t)) {
                j += 1;
                if let Some((m2, after2)) = month_at(tokens, j).filter(|_| at(j).is_some()) {
                    if let Some(year) = year_at(after2) {
                        if m2 >= m1 {
                            found =
                                Some((k, after2, period(ym(year, Some(m1)), ym(year, Some(m2)))));
                        }
                    }
                }
            }
        } else if let Some(d) = at(k)
            .and_then(Token::num)
            .filter(|n| n.plain && (1.0..=31.0).contains(&n.value))
        {
            // 5 July 2024
            if let Some((m, after)) = month_at(tokens, k + 1).filter(|_| at(k + 1).is_some()) {
                if let Some(year) = year_at(after) {
                    let date = Date {
                        year,
                        month: Some(m),
                        day: Some(d.value as u8),
                    };
                    found = Some((k, after, period(date, date)));
                }
            }
            // 20–26 April 2025: days of one month.
            let to = at(k + 1).is_some_and(|t| {
                matches!(t.sym(), Some('–' | '-' | '—')) || matches!(t.word(), Some("to" | "until"))
            });
            let last_day = at(k + 2)
                .and_then(Token::num)
                .filter(|n| n.plain && n.value > d.value && n.value <= 31.0);
            if let (true, Some(d2)) = (to, last_day) {
                if let Some((m, after)) = month_at(tokens, k + 3).filter(|_| at(k + 3).is_some()) {
                    if let Some(year) = year_at(after) {
                        let day = |d: f64| Date {
                            year,
                            month: Some(m),
                            day: Some(d as u8),
                        };
                        found = Some((k, after, period(day(d.value), day(d2.value))));
                    }
                }
            }
        } else if let Some((year, last)) = spoken_year(tokens, k, end) {
            // `in twenty twenty-four`, `since nineteen ninety-two`, as a script is read out.
            found = Some((k, last, period(ym(year, None), ym(year, None))));
            // `the first nine months of twenty twenty-five`.
            if let Some((from, p)) = part_of_year(tokens, k, year, sentences[s].start) {
                found = Some((from, last, p));
            }
        } else if let Some(year) = year_at(k).filter(|_| !preceded_by_currency(tokens, k)) {
            found = Some((k, k, period(ym(year, None), ym(year, None))));
            // 2024–2025, 2024-25, 2024/25
            if at(k + 1).is_some_and(is_dash)
                && at(k + 2).is_some_and(|t| t.start == tokens[k + 1].end)
            {
                if let Some(n) = at(k + 2).and_then(Token::num).filter(|n| n.plain) {
                    let v = n.value as i32;
                    let y2 = if (1900..=2100).contains(&v) {
                        v
                    } else if (0..100).contains(&v) {
                        year - year % 100 + v
                    } else {
                        0
                    };
                    if y2 > year && y2 <= year + 50 {
                        found = Some((k, k + 2, period(ym(year, None), ym(y2, None))));
                    }
                }
            }
            // first seven months of 2025, first half of 2025, Q3 2025
            if let Some((from, p)) = part_of_year(tokens, k, year, sentences[s].start) {
                let last = found.map_or(k, |f| f.1);
                found = Some((from, last, p));
            }
        }
        match found {
            Some((first, last, p)) if !used[first..=last].iter().any(|u| *u) => {
                for u in &mut used[first..=last] {
                    *u = true;
                }
                let floor = sentences[s].start;
                mark_same_period(tokens, first, floor, used);
                out.push(DateMention {
                    sentence: s,
                    first,
                    last,
                    period: p,
                    baseline: is_baseline(tokens, first, floor)
                        || is_event_date(tokens, first, last, floor, end)
                        // `double the 2023 level`: what a multiple is of.
                        || last + 1 < end
                            && matches!(tokens[last + 1].word(), Some("level" | "levels")),
                });
                k = last + 1;
            }
            _ => k += 1,
        }
    }
    out
}

/// Marks the words that name the part of a date's year a comparison is with (`the same
/// months of the year before`, `the same period in 2024`) as the date's: they say when, not
/// what, and `months` there names no monthly fact.
fn mark_same_period(tokens: &[Token], first: usize, floor: usize, used: &mut [bool]) {
    let word = |j: usize| (j >= floor).then(|| tokens.get(j)?.word()).flatten();
    let Some(mut j) = first.checked_sub(1) else {
        return;
    };
    if matches!(word(j), Some("of" | "in" | "last")) {
        let Some(before) = j.checked_sub(1) else {
            return;
        };
        j = before;
    }
    let span = matches!(
        word(j),
        Some("months" | "month" | "period" | "quarter" | "quarters" | "weeks" | "time")
    );
    if span && j > floor && word(j - 1) == Some("same") {
        for u in &mut used[j - 1..first] {
            *u = true;
        }
    }
}

/// A year said as two numbers in words after a word that introduces a date (`in twenty
/// twenty-four`, `since nineteen ninety-two`, `of twenty nineteen`): the year and its last
/// token.
fn spoken_year(tokens: &[Token], k: usize, end: usize) -> Option<(i32, usize)> {
    let word = |j: usize| (j < end).then(|| tokens.get(j)?.word()).flatten();
    let century = match word(k)? {
        "nineteen" => 1900,
        "twenty" => 2000,
        _ => return None,
    };
    let introduced = k > 0
        && (matches!(
            tokens[k - 1].word(),
            Some("in" | "since" | "of" | "from" | "by" | "until" | "till" | "before" | "after")
        ) || asks_for_a_date(tokens, k));
    if !introduced {
        return None;
    }
    // One to nine, ten to nineteen, and twenty to ninety, as `words` lists them.
    let place = |list: &[&str], w: &str| list.iter().position(|u| *u == w).map(|i| i as i32);
    let unit = |w: &str| place(&words::UNITS[1..10], w).map(|i| i + 1);
    let teen = |w: &str| place(&words::UNITS[10..], w).map(|i| i + 10);
    let tens = |w: &str| place(&words::TENS, w).map(|i| i * 10 + 20);
    let next = word(k + 1)?;
    // `ninety-three` read as one word.
    let joined = next
        .split_once('-')
        .and_then(|(t, u)| Some(tens(t)? + unit(u)?));
    let (n, last) = if let Some(n) = joined {
        (n, k + 1)
    } else if let Some(t) = teen(next) {
        (t, k + 1)
    } else if let Some(t) = tens(next) {
        // `ninety-three`, `ninety three`.
        let dash = tokens.get(k + 2).is_some_and(is_dash) && k + 2 < end;
        let at = if dash { k + 3 } else { k + 2 };
        match word(at).and_then(unit) {
            Some(u) => (t + u, at),
            None => (t, k + 1),
        }
    } else {
        return None;
    };
    // Not a figure in words going on (`twenty twenty-seat planes`, `twenty thousand`).
    let after = word(last + 1);
    if after.is_some_and(|w| is_big_number_word(w) || w == "percent" || w == "per")
        || tokens
            .get(last + 1)
            .is_some_and(|t| t.sym() == Some('-') && last + 1 < end)
    {
        return None;
    }
    Some((century + n, last))
}

/// Whether the token before `k` is a colon or dash after a label that asks for a date (`Year
/// the two states established relations — NINETEEN NINETY-THREE`, `Date opened: ...`): what
/// follows is the date the label asks for.
pub(crate) fn asks_for_a_date(tokens: &[Token], k: usize) -> bool {
    k > 1
        && matches!(tokens[k - 1].sym(), Some(':' | '—' | '–'))
        && tokens[k.saturating_sub(16)..k - 1]
            .iter()
            .rev()
            .take_while(|t| t.kind != Kind::Break)
            .any(|t| matches!(t.word(), Some("year" | "date" | "when")))
}

fn preceded_by_currency(tokens: &[Token], k: usize) -> bool {
    k > 0 && matches!(tokens[k - 1].sym(), Some('$' | '€' | '£' | '₼' | '₨'))
}

/// `first N months of`, `first half of`, `Q3`, `H1`, `1H`, `9M` before a year.
fn part_of_year(tokens: &[Token], k: usize, year: i32, floor: usize) -> Option<(usize, Period)> {
    let word = |j: usize| {
        (j >= floor)
            .then(|| tokens.get(j).and_then(Token::word))
            .flatten()
    };
    let mut j = k.checked_sub(1)?;
    if word(j) == Some("the") {
        j = j.checked_sub(1)?;
    }
    let span = |from: u8, to: u8| period(ym(year, Some(from)), ym(year, Some(to)));
    if let Some(q) = word(j)
        .and_then(|w| w.strip_prefix('q'))
        .and_then(|q| q.parse::<u8>().ok())
    {
        if (1..=4).contains(&q) {
            return Some((j, span(q * 3 - 2, q * 3)));
        }
    }
    // `H1 2025`, `H2 2024`: a half.
    match word(j) {
        Some("h1") => return Some((j, span(1, 6))),
        Some("h2") => return Some((j, span(7, 12))),
        _ => {}
    }
    // `1H 2025`, `3Q 2025`, `9M 2025`, as analysts write a half, a quarter and the first
    // months of a year: digits with its letter, not a figure of nine million.
    if let Some(n) = (j >= floor)
        .then(|| tokens.get(j).and_then(Token::num))
        .flatten()
        .filter(|n| n.value.fract() == 0.0 && n.res == 1.0)
    {
        let v = n.value as u8;
        match (n.suffix.as_str(), v) {
            ("h", 1) => return Some((j, span(1, 6))),
            ("h", 2) => return Some((j, span(7, 12))),
            ("q", 1..=4) => return Some((j, span(v * 3 - 2, v * 3))),
            ("m", 1..=12) => return Some((j, span(1, v))),
            _ => {}
        }
    }
    if word(j) != Some("of") {
        return None;
    }
    let unit = j.checked_sub(1)?;
    // `first half of`: the word before `half`; `first seven months of`: two words before.
    let first = if word(unit) == Some("half") {
        unit.checked_sub(1)?
    } else {
        unit.checked_sub(2)?
    };
    let count = first + 1;
    let which = word(first)?;
    if !matches!(which, "first" | "last" | "second") {
        return None;
    }
    match word(unit)? {
        "half" => Some((
            first,
            if which == "first" {
                span(1, 6)
            } else {
                span(7, 12)
            },
        )),
        "months" | "quarters" => {
            let n = tokens.get(count).and_then(|t| {
                t.num()
                    .filter(|n| n.plain)
                    .map(|n| n.value)
                    .or_else(|| t.word().and_then(words::number_word))
            })?;
            let months = if word(unit) == Some("quarters") {
                n * 3.0
            } else {
                n
            };
            if !(1.0..=12.0).contains(&months) || which != "first" {
                return None;
            }
            Some((first, span(1, months as u8)))
        }
        _ => None,
    }
}

fn is_baseline(tokens: &[Token], first: usize, floor: usize) -> bool {
    // `up 38.7% on 2024`, `a rise over 2023`: `on` or `over` after a change.
    if first > floor {
        if let Some("on" | "over") = tokens[first - 1].word() {
            let change = (floor.max(first.saturating_sub(5))..first - 1).any(|j| {
                let t = &tokens[j];
                t.sym() == Some('%')
                    || t.num().is_some()
                    || t.stem() == Some("growth")
                    || matches!(
                        t.word(),
                        Some("up" | "down" | "more" | "less" | "lower" | "percent")
                    )
            });
            if change {
                return true;
            }
        }
        // `as many again as in 2023`
        if first >= floor + 2
            && tokens[first - 1].word() == Some("in")
            && matches!(tokens[first - 2].word(), Some("as" | "than"))
        {
            return true;
        }
        // `the same months of 2024`, `the same period in 2024`
        let window = &tokens[floor.max(first.saturating_sub(4))..first];
        if window.iter().any(|t| t.word() == Some("same")) {
            return true;
        }
    }
    let mut j = first;
    let mut seen = 0;
    while j > floor && seen < 6 {
        j -= 1;
        let t = &tokens[j];
        // A comparison in another clause (`50% more than the year before, and ten years
        // before that`) is that clause's.
        let joins = |k: usize| {
            tokens
                .get(k)
                .and_then(Token::entry)
                .is_some_and(|e| e.joins_clause)
        };
        if t.sym() == Some(';') || t.sym() == Some(',') && joins(j + 1) {
            return false;
        }
        // A figure in between, in digits or words (`more than fifty-five thousand in 2025`):
        // the word before it is its hedge, not a point of comparison.
        let number_word = t.entry().is_some_and(|e| {
            e.in_words.is_some() || e.multiple.is_some() || is_big_number_word(&e.lower)
        });
        if t.num().is_some() || number_word {
            return false;
        }
        if let Some(w) = t.word() {
            if words::marks_baseline(w) {
                return true;
            }
            seen += 1;
        }
    }
    false
}

// -------------------------------------------------------------------------- quantities

fn currency_before(tokens: &[Token], k: usize, floor: usize) -> Option<(usize, bool)> {
    if k <= floor {
        return None;
    }
    let t = &tokens[k - 1];
    match t.sym() {
        Some('$') => {
            // US$, A$, C$ ...: a word glued before the dollar sign names the dollar.
            if k >= 2 && k - 2 >= floor && tokens[k - 2].end == t.start {
                if let Some(w) = tokens[k - 2].word() {
                    return Some((k - 2, matches!(w, "us" | "u.s")));
                }
            }
            Some((k - 1, true))
        }
        Some('€' | '£' | '₼' | '₨' | '¥') => Some((k - 1, false)),
        _ => match t.word() {
            Some("usd") => Some((k - 1, true)),
            Some("eur" | "gbp" | "azn" | "pkr" | "rs" | "rs." | "manat" | "rupees") => {
                Some((k - 1, false))
            }
            _ => None,
        },
    }
}

/// The hedge written before token `k` and the first token of it.
fn hedge_before(tokens: &[Token], k: usize, floor: usize) -> Option<(usize, Hedge)> {
    if k > floor {
        // Hedges written as symbols: `~3.3`, `>3.3 mn t`, `≥ 40`, `<50%`.
        match tokens[k - 1].sym() {
            Some('~' | '≈' | '∼') => return Some((k - 1, Hedge::About)),
            Some('>') => return Some((k - 1, Hedge::Over)),
            Some('≥' | '⩾') => return Some((k - 1, Hedge::AtLeast)),
            Some('<') => return Some((k - 1, Hedge::Under)),
            Some('≤' | '⩽') => return Some((k - 1, Hedge::UpTo)),
            _ => {}
        }
        // `c.` / `approx.` before the figure.
        if tokens[k - 1].sym() == Some('.') && k >= 2 && k - 2 >= floor {
            if let Some("c" | "ca" | "approx" | "est") = tokens[k - 2].word() {
                return Some((k - 2, Hedge::About));
            }
        }
    }
    // Every hedge phrase ends with a word that is the last of some hedge: no other word before
    // the figure needs the phrases tried.
    let last = k.checked_sub(1).and_then(|j| tokens[j].entry());
    if !last.is_some_and(|w| w.ends_hedge) {
        return None;
    }
    let all = words::hedges_before();
    // Only the phrases that end with the word before the figure.
    for &(ref phrase, hedge) in last.iter().flat_map(|w| w.hedges.iter()).map(|&n| &all[n]) {
        let n = phrase.len();
        if k < floor + n {
            continue;
        }
        if phrase
            .iter()
            .enumerate()
            .all(|(i, w)| tokens[k - n + i].word() == Some(*w))
        {
            // A verb that sets a ceiling (`capped at`) hedges the figure without being part of
            // it: the figure as written starts at the number.
            let verb = words::hedge_is_verb(phrase);
            return Some((if verb { k } else { k - n }, hedge));
        }
    }
    None
}

/// Whether the number from `first` to `last` is all that follows a label's colon or dash to
/// the end of its line (`Documents signed in July 2024 — THIRTEEN`, `Weekly flights: two`):
/// the value given for the label, not a word of prose.
fn value_of_label(r: &Reader, first: usize, last: usize, floor: usize) -> bool {
    first > floor + 1
        && matches!(r.sym(first - 1), Some(':' | '—' | '–'))
        && r.get(last + 1)
            .is_none_or(|t| t.kind == Kind::Break || matches!(t.sym(), Some('.')))
}

/// The unit a label before `first` names at the end of one of its phrases, with its scale
/// (`million tonnes` before a comma, bracket or dash): the last such, if any.
fn label_unit(r: &Reader, first: usize, floor: usize) -> Option<(Unit, f64)> {
    (floor..first.saturating_sub(1))
        .filter_map(|j| {
            // In brackets: `(US$ million)`, `(US$ m)`, `(million t)`, `(%)`.
            if r.sym(j) == Some('(') {
                let cell = unit_in_brackets(r, j + 1)?;
                return Some((cell.0, cell.1, cell.2)).filter(|c| c.2 < first);
            }
            let (f, after) = r.scale(j, false);
            let (u, next) = unit_at(r, after);
            let u = u.filter(|_| next > after && next < first)?;
            if r.sym(next) == Some(')') {
                return None;
            }
            matches!(r.sym(next), Some(',' | '(' | '—' | '–' | ':')).then_some((u, f, next))
        })
        // Of the readings that end at one place, the first holds the scale: `million tonnes`.
        .fold(None, |best: Option<(Unit, f64, usize)>, c| match best {
            Some(b) if b.2 >= c.2 => Some(b),
            _ => Some(c),
        })
        .map(|(u, f, _)| (u, f))
}

/// A unit alone in brackets from token `j` on, up to the closing bracket: a currency and its
/// scale (`US$ million`, `$ m`), or a scale and a unit (`million t`, `%`). The unit, its scale
/// and the closing bracket's token.
fn unit_in_brackets(r: &Reader, j: usize) -> Option<(Unit, f64, usize)> {
    let mut i = j;
    let money = if r.word(i) == Some("us") && r.sym(i + 1) == Some('$') {
        i += 2;
        Some(true)
    } else if r.sym(i) == Some('$') {
        i += 1;
        Some(true)
    } else if let (Some(Unit::Money(usd)), next) = unit_at(r, i) {
        i = next;
        Some(usd)
    } else {
        None
    };
    let (f, after) = r.scale(i, money.is_some());
    let (unit, next) = match money {
        Some(usd) => (Unit::Money(usd), after),
        None => {
            let (u, next) = unit_at(r, after);
            (u.filter(|_| next > after)?, next)
        }
    };
    (r.sym(next) == Some(')')).then_some((unit, f, next))
}

struct Reader<'a> {
    tokens: &'a [Token],
    /// The draft's characters, for what case tells (`Mt` is megatonnes, `mt` metric tonnes).
    chars: &'a [char],
    end: usize,
    /// The tokens of the header row of the table the sentence is a row of, if it is one.
    header: Option<(usize, usize)>,
}

impl Reader<'_> {
    fn get(&self, j: usize) -> Option<&Token> {
        if j < self.end {
            self.tokens.get(j)
        } else {
            None
        }
    }
    fn word(&self, j: usize) -> Option<&str> {
        self.get(j).and_then(Token::word)
    }
    fn sym(&self, j: usize) -> Option<char> {
        self.get(j).and_then(Token::sym)
    }
    fn glued(&self, a: usize, b: usize) -> bool {
        match (self.get(a), self.get(b)) {
            (Some(x), Some(y)) => x.end == y.start,
            _ => false,
        }
    }

    /// A number at `j`: digits or a word; its value, resolution, and the next token.
    fn number(&self, j: usize, used: &[bool]) -> Option<(f64, f64, usize, bool)> {
        if used.get(j).copied().unwrap_or(true) {
            return None;
        }
        let t = self.get(j)?;
        if let Some(n) = t.num() {
            if n.glued {
                return None;
            }
            let mut value = n.value;
            let mut res = n.res;
            if let Some(f) = words::attached_scale(&n.suffix) {
                value *= f;
                res *= f;
            }
            return Some((value, res, j + 1, false));
        }
        let starts = t.entry()?.in_words.is_some() || {
            // `a hundred`, `a dozen`, `half a million`, `dozen`.
            let next = self.word(j + 1);
            match t.word()? {
                "a" | "an" => next.is_some_and(|w| w == "dozen" || is_big_number_word(w)),
                "half" => {
                    matches!(next, Some("a" | "an"))
                        && self
                            .word(j + 2)
                            .is_some_and(|w| w == "dozen" || is_big_number_word(w))
                }
                "dozen" => true,
                _ => false,
            }
        };
        if !starts {
            return None;
        }
        let (v, res, next) = self.number_in_words(j, used);
        // `one` alone is prose; `one and a half` is a figure.
        (v >= 2.0 || v > 1.0 && v.fract() != 0.0).then_some((v, res, next, true))
    }

    /// A number written in words from `j` on, however many words it takes: `eleven`,
    /// `eighty-five thousand`, `two hundred and five`, `ninety thousand nine hundred
    /// twenty-four`, `a hundred and twenty`, `a dozen`, `two dozen`, `two and a half
    /// million`, `half a million`, `three point three million`. Its value, the place of its
    /// last digit, and the next token. `and` joins only after `hundred` or a word of scale, or
    /// before `a half`, so `between eight and twelve` stays a range.
    fn number_in_words(&self, j: usize, used: &[bool]) -> (f64, f64, usize) {
        let mut total = 0.0f64;
        let mut group = 0.0f64;
        let mut k = j;
        let mut after_scale = false;
        // The word before was a plain tens word (`sixty`), which a unit may follow.
        let mut tens = false;
        // The place of the last digit written when it is below one (`point three`, `a half`).
        let mut fraction_res: Option<f64> = None;
        let free = |k: usize| !used.get(k).copied().unwrap_or(true);
        let word_at = |k: usize| if free(k) { self.word(k) } else { None };
        let in_words = |k: usize| {
            if free(k) {
                self.get(k).and_then(Token::entry).and_then(|e| e.in_words)
            } else {
                None
            }
        };
        // `a` or `an` for one before `hundred`, `thousand`, `dozen`; `half a` for a half.
        match word_at(k) {
            Some("a" | "an") => {
                group = 1.0;
                k += 1;
            }
            Some("half") => {
                group = 0.5;
                fraction_res = Some(0.5);
                k += 2;
            }
            _ => {}
        }
        loop {
            if !free(k) {
                break;
            }
            // `sixty-` at the end of a line and `four` on the next, or `sixty–four` with a
            // dash: one number.
            if tens
                && self.sym(k).is_some_and(|c| words::is_hyphen(c) || c == '–')
                && self.glued(k - 1, k)
                && in_words(k + 1).is_some_and(|v| (1.0..10.0).contains(&v))
            {
                k += 1;
                continue;
            }
            let Some(entry) = self.get(k).and_then(Token::entry) else {
                break;
            };
            if let Some(v) = entry.in_words {
                // Two plain number words in a row (`eight twelve`) are two numbers; `ninety
                // nine` after a hundred is one, and so is `sixty four` (a tens word, then a
                // unit).
                let units_after_tens = tens && (1.0..10.0).contains(&v);
                if group > 0.0 && (group % 100.0 != 0.0 || v >= 100.0) && !units_after_tens
                    || fraction_res.is_some()
                {
                    break;
                }
                group += v;
                tens = (20.0..100.0).contains(&v) && v % 10.0 == 0.0;
                after_scale = false;
                k += 1;
                continue;
            }

            let w = entry.lower.as_ref();
            if w == "hundred" && group > 0.0 && group < 100.0 {
                group *= 100.0;
                after_scale = true;
                k += 1;
                continue;
            }
            if w == "dozen" && group < 100.0 && fraction_res.is_none_or(|r| r == 0.5) {
                group = if group == 0.0 { 12.0 } else { group * 12.0 };
                fraction_res = None;
                after_scale = true;
                k += 1;
                continue;
            }
            if let Some(f) = words::scale(w).filter(|f| *f >= 1e3) {
                if group == 0.0 {
                    break;
                }
                total += group * f;
                fraction_res = fraction_res.map(|r| r * f);
                group = 0.0;
                after_scale = true;
                k += 1;
                continue;
            }
            // `two and a half million`
            if w == "and"
                && group > 0.0
                && fraction_res.is_none()
                && matches!(word_at(k + 1), Some("a" | "one"))
                && word_at(k + 2) == Some("half")
            {
                group += 0.5;
                fraction_res = Some(0.5);
                k += 3;
                continue;
            }
            // `three point three million`: digits one by one after the point.
            if w == "point" && group > 0.0 && fraction_res.is_none() && !after_scale {
                let mut digits = format!("{group}.");
                let mut m = k + 1;
                while let Some(d) = in_words(m).filter(|d| *d < 10.0) {
                    digits.push(char::from(b'0' + d as u8));
                    m += 1;
                }
                match digits.parse::<f64>() {
                    Ok(v) if m > k + 1 => {
                        group = v;
                        fraction_res = Some(10f64.powi(-((m - k - 1) as i32)));
                        k = m;
                        continue;
                    }
                    _ => break,
                }
            }
            if w == "and"
                && after_scale
                && self
                    .get(k + 1)
                    .and_then(Token::entry)
                    .is_some_and(|e| e.in_words.is_some())
            {
                k += 1;
                continue;
            }
            break;
        }
        let value = total + group;
        // The place of the last digit written: 1 for `twenty-four`, 10 for `twenty`, 1000 for
        // `eighty-five thousand`.
        let mut res = 1.0;
        while value >= 10.0 * res && (value / (10.0 * res)).fract() == 0.0 {
            res *= 10.0;
        }
        if let Some(r) = fraction_res {
            res = res.min(r);
        }
        (value, res, k)
    }

    /// A word of scale at `j`, or joined to the number before it by a hyphen (`$20.7-million`,
    /// `a 1.6-billion deal`), if any: its factor and the next token.
    fn scale(&self, j: usize, money: bool) -> (f64, usize) {
        let touching = |a: usize, b: usize| matches!((self.get(a), self.get(b)), (Some(x), Some(y)) if x.end() == y.start());
        let hyphened = j > 0
            && self.get(j).and_then(Token::sym) == Some('-')
            && touching(j - 1, j)
            && touching(j, j + 1);
        let at = if hyphened { j + 1 } else { j };
        match self.word(at) {
            Some(w) if words::scale(w).is_some() => (words::scale(w).unwrap_or(1.0), at + 1),
            Some("m") if money && !hyphened => (1e6, at + 1),
            _ => (1.0, j),
        }
    }
}

/// `hundred`, `thousand`, `million` ...: what `a` can stand before as a number.
fn is_big_number_word(w: &str) -> bool {
    w == "hundred" || words::scale(w).is_some_and(|f| f >= 1e3)
}

/// The quantities of a draft or piece, with room for `room` of them made at once.
fn find_quantities(
    tokens: &[Token],
    chars: &[char],
    sentence_of: &[usize],
    sentences: &[Sentence],
    used: &mut [bool],
    room: usize,
) -> Vec<Quantity> {
    let mut out = Vec::with_capacity(room);
    let mut k = 0;
    while k < tokens.len() {
        if used[k] || !may_open_quantity(&tokens[k]) {
            k += 1;
            continue;
        }
        let s = sentence_of[k];
        let floor = sentences.get(s).map_or(0, |s| s.start);
        let header = sentences
            .get(s)
            .filter(|x| matches!(x.kind, LineKind::TableRow { .. }))
            .and_then(|x| x.parent)
            .and_then(|p| sentences.get(p))
            .filter(|p| matches!(p.kind, LineKind::TableRow { .. }))
            .map(|p| (p.start, p.end));
        let r = Reader {
            tokens,
            chars,
            end: sentences.get(s).map_or(tokens.len(), |s| s.end),
            header,
        };
        match quantity_at(&r, k, floor, used) {
            Some(mut q) => {
                q.sentence = s;
                for u in &mut used[q.first..=q.last] {
                    *u = true;
                }
                k = q.last + 1;
                out.push(q);
            }
            None => k += 1,
        }
    }
    out
}

/// Whether a quantity can start at token `t`, as [`quantity_at`] reads one: digits, a
/// multiple (`doubled`, `near-tripled`, `twice`), or a number in words (`forty`, `a dozen`,
/// `half a million`). Most tokens are none of these and are passed over without reading
/// the words around them.
fn may_open_quantity(t: &Token) -> bool {
    match &t.kind {
        Kind::Num(_) => true,
        Kind::Word(w) => w.opens_quantity,
        _ => false,
    }
}

fn quantity_at(r: &Reader, k: usize, floor: usize, used: &[bool]) -> Option<Quantity> {
    let token = r.get(k)?;
    // A multiple written as a word: doubled, tripled, a near-doubling; `double` and `triple`
    // only after a hedge or a verb (`nearly double`, `was close to triple`), as `double` alone
    // is often no figure (`double taxation`).
    let word = token.word().unwrap_or_default();
    let (near, bare_word) = match word.strip_prefix("near-").or(word.strip_prefix("almost-")) {
        Some(rest) => (true, rest),
        None => (false, word),
    };
    let multiple = token
        .entry()
        .and_then(|w| w.multiple)
        .or_else(|| near.then(|| words::multiple_word(bare_word)).flatten());
    let hedged = hedge_before(r.tokens, k, floor);
    let adjective = words::multiple_adjective(word).filter(|_| {
        (hedged.is_some()
            || k > floor
                && matches!(
                    r.word(k - 1),
                    Some("is" | "was" | "are" | "were" | "be" | "been" | "than")
                ))
            // `double figures`, `double digits`: no multiple.
            && !matches!(r.word(k + 1), Some("figures" | "digits" | "digit" | "taxation"))
    });
    // `twice a week`, `once a month`: how often, a count of two or one.
    if let Some(v) = words::how_often(word).filter(|_| rate_at(r, k + 1)) {
        let (first, hedge) = hedged.unwrap_or((k, Hedge::Bare));
        return Some(Quantity {
            sentence: 0,
            first,
            last: k,
            core: (k, k),
            amount: Amount::One { value: v, res: 1.0 },
            hedge,
            unit: Unit::Count,
            nouns: Vec::new(),
            in_words: true,
            labelled: false,
            rate: true,
        });
    }
    if let Some(v) = multiple.or(adjective) {
        let (first, mut hedge) = hedged.unwrap_or((k, Hedge::Bare));
        if near && hedge == Hedge::Bare {
            hedge = Hedge::Nearly;
        }
        let mut last = k;
        // `x2 (almost)`: a hedge in brackets after it.
        if let Some(h) = bracketed_hedge(r, k) {
            if hedge == Hedge::Bare {
                hedge = h;
            }
            last += 3;
        }
        return Some(Quantity {
            sentence: 0,
            first,
            last,
            core: (k, k),
            amount: Amount::One { value: v, res: 1.0 },
            hedge,
            unit: Unit::Multiple,
            nouns: Vec::new(),
            in_words: false,
            labelled: false,
            rate: false,
        });
    }
    let (mut value, mut res, mut j, in_words) = r.number(k, used)?;
    // A number in words after a label word is a name, as `Block 3` is: `JF-17 Block Three`,
    // `Phase Two`.
    if in_words && k > floor {
        let capital = r
            .get(k - 1)
            .and_then(|t| r.chars.get(t.start()))
            .is_some_and(|c| c.is_uppercase());
        let label = r
            .word(k - 1)
            .and_then(words::label_word)
            .is_some_and(|needs_capital| capital || !needs_capital);
        if label {
            return None;
        }
    }
    // Currency before the number.
    let currency = currency_before(r.tokens, k, floor);
    let mut start = currency.map_or(k, |c| c.0);
    let mut unit = currency.map(|(_, usd)| Unit::Money(usd));
    let money = unit.is_some();
    let (factor, after_scale) = r.scale(j, money);
    value *= factor;
    res *= factor;
    j = after_scale;
    if let Some(n) = r.get(k).and_then(Token::num) {
        match n.suffix.as_str() {
            "x" => unit = Some(Unit::Multiple),
            "t" | "mt" | "kt" => unit = Some(Unit::Mass),
            "pc" => unit = Some(Unit::Percent),
            _ => {}
        }
    }
    // A range: 8–10, 8 to 10, between 80,000 and 82,000, $20–21 million.
    let mut amount = Amount::One { value, res };
    let between = start > floor && r.word(start - 1) == Some("between");
    let from = start > floor && r.word(start - 1) == Some("from");
    let joiner = r.sym(j).is_some_and(|c| matches!(c, '–' | '—'))
        || r.sym(j) == Some('-') && r.glued(j - 1, j) && r.glued(j, j + 1)
        || r.word(j) == Some("to") && !from
        || r.word(j) == Some("and") && between;
    if joiner {
        let mut m = j + 1;
        if currency.is_some() && currency_before(r.tokens, m + 1, floor).is_some() {
            m += if r.sym(m) == Some('$') { 1 } else { 0 };
            if r.word(m).is_some() && r.sym(m + 1) == Some('$') {
                m += 2;
            }
        }
        if let Some((v2, res2, after2, words2)) = r.number(m, used) {
            let is_year = r.get(m).and_then(year_of).is_some() && factor == 1.0 && v2 >= 1900.0;
            if words2 == in_words && !is_year {
                let (f2, after_scale2) = r.scale(after2, money);
                let (lo, lo_res) = if factor == 1.0 && f2 > 1.0 {
                    (value * f2, res * f2)
                } else {
                    (value, res)
                };
                let hi = v2 * f2;
                if hi > lo {
                    amount = Amount::Range {
                        min: lo,
                        max: hi,
                        res: lo_res.min(res2 * f2),
                    };
                    j = after_scale2;
                }
            }
        }
    }
    // The unit after the number.
    let mut core_end = j.saturating_sub(1);
    let mut nouns = Vec::new();
    if unit.is_none() || unit == Some(Unit::Money(true)) || unit == Some(Unit::Money(false)) {
        let hyphen = r.sym(j) == Some('-') && r.glued(j - 1, j) && r.glued(j, j + 1);
        let u = if hyphen { j + 1 } else { j };
        let (found, next) = unit_at(r, u);
        match found {
            Some(Unit::Money(usd)) if unit.is_none() => {
                unit = Some(Unit::Money(usd));
                core_end = next - 1;
            }
            Some(Unit::Money(_)) => core_end = next - 1,
            Some(other) if unit.is_none() => {
                unit = Some(other);
                core_end = next - 1;
                // `3.3 Mt`: megatonnes carry their scale.
                let written = r.get(core_end).map(|t| &r.chars[t.start()..t.end()]);
                if let Some(f) = written.and_then(mass_scale).filter(|_| other == Unit::Mass) {
                    amount = amount.scaled(f);
                }
            }
            // `times` before a rate (`2 times a week`): read with the number, a count.
            None if unit.is_none() && next > u => core_end = next - 1,
            _ => {}
        }
    } else if matches!(r.sym(j), Some('×')) {
        core_end = j;
    }
    // A table cell holding only the number, beside a cell holding only its unit (`| 11.6 |
    // US$ million |`, `| 12.9 | % |`, `| 50,000 | people |`), as a worksheet exports them;
    // or, when the cell after it holds no unit, a unit column a few cells before it, as a data
    // dictionary has (`| visitors | integer | people | ... | 80924 (2024) |`). The year in
    // brackets after the number is the row's example year.
    let year_after = r.sym(k + 1) == Some('(')
        && r.get(k + 2).is_some_and(|t| year_of(t).is_some())
        && r.sym(k + 3) == Some(')');
    let cell_end = if year_after { k + 4 } else { k + 1 };
    // The cell opens with the number or its hedge (`| under 13.2 |`).
    let opens = hedge_before(r.tokens, start, floor).map_or(start, |h| h.0);
    if unit.is_none()
        && factor == 1.0
        && core_end == k
        && r.sym(cell_end) == Some('|')
        && opens > floor
        && r.sym(opens - 1) == Some('|')
    {
        let before = || {
            let mut pipe = opens - 1;
            (0..WEIGHTS_UNIT_COLUMN_REACH).find_map(|_| {
                let prev = (floor..pipe).rev().find(|&j| r.sym(j) == Some('|'))?;
                pipe = prev;
                // A unit or a scale, in a column its header calls the unit. Not a currency:
                // taking one from there raised a false alarm on unseen drafts, and so stays
                // for a currency in the cell after the number only.
                let column = (floor..=prev).filter(|&j| r.sym(j) == Some('|')).count();
                unit_cell(r, prev + 1)
                    .filter(|c| c.unit.is_some() || c.factor != 1.0)
                    .filter(|c| !matches!(c.unit, Some(Unit::Money(_))))
                    .filter(|_| names_unit_column(r, column))
            })
        };
        let cell = unit_cell(r, cell_end + 1).or_else(|| before().filter(|_| year_after));
        if let Some(cell) = cell {
            unit = cell.unit;
            amount = amount.scaled(cell.factor);
            nouns = cell.nouns;
        }
    }
    let mut unit = unit.unwrap_or(Unit::Count);
    if matches!(r.sym(core_end + 1), Some('×')) {
        unit = Unit::Multiple;
        core_end += 1;
    }
    // A multiple written with the sign first: `×2`, `× 3`.
    if unit == Unit::Count && start > floor && r.sym(start - 1) == Some('×') {
        unit = Unit::Multiple;
        start -= 1;
    }
    let mut last = core_end;
    // Hedges after the figure: `40+`, `or more`, `or so`, `-plus`, `(nearly)`.
    let mut hedge_after = None;
    if let Some(h) = bracketed_hedge(r, last) {
        hedge_after = Some(h);
        last += 3;
    } else if r.sym(last + 1) == Some('+') && r.glued(last, last + 1) {
        hedge_after = Some(Hedge::Over);
        last += 1;
    } else if r.word(last + 1) == Some("or") {
        match r.word(last + 2) {
            Some("more") => hedge_after = Some(Hedge::AtLeast),
            Some("so") => hedge_after = Some(Hedge::About),
            _ => {}
        }
        if hedge_after.is_some() {
            last += 2;
        }
    } else if r.sym(last + 1) == Some('-')
        && r.glued(last, last + 1)
        && r.word(last + 2) == Some("odd")
    {
        // `200-odd passengers`
        hedge_after = Some(Hedge::About);
        last += 2;
    } else if r.word(last + 1) == Some("plus") || r.word(last + 1) == Some("-plus") {
        hedge_after = Some(Hedge::Over);
        last += 1;
    }
    if unit == Unit::Count && nouns.is_empty() {
        nouns = nouns_after(r, core_end + 1);
        if !nouns.is_empty() {
            // The named thing belongs to the figure as written: `85,000 visitors`.
            last = last.max(core_end + 1);
        }
    }

    if between {
        start -= 1;
    }
    let (hedge_start, hedge) = match hedge_before(r.tokens, start, floor) {
        Some((h, hedge)) => (h, hedge),
        None => (start, hedge_after.unwrap_or(Hedge::Bare)),
    };
    let hedge = if hedge == Hedge::Bare {
        hedge_after.unwrap_or(Hedge::Bare)
    } else {
        hedge
    };
    // `just over`, `a little over`, `slightly more than`: a floor the figure is close to, not
    // far under; within the share of it `nearly` allows above.
    let tight = matches!(r.word(hedge_start), Some("just" | "slightly" | "barely"))
        || r.word(hedge_start) == Some("a") && r.word(hedge_start + 1) == Some("little");
    if hedge_start < start && tight && matches!(hedge, Hedge::Over | Hedge::AtLeast) {
        amount = match amount {
            Amount::One { value, res } => Amount::One {
                value,
                res: res.min(value * super::matcher::NEARLY_WITHIN),
            },
            range => range,
        };
    }
    if hedge_start < start {
        start = hedge_start;
    }
    // `by a factor of nearly 2`: a multiple.
    if unit == Unit::Count
        && start >= floor + 2
        && r.word(start - 1) == Some("of")
        && r.word(start - 2) == Some("factor")
    {
        unit = Unit::Multiple;
        nouns.clear();
    }
    // A small number word with nothing counted and no hedge (`one of the two`, `ten`) is
    // prose, not a figure; a hedged or larger one (`up to fifty`, `ninety thousand`) is.
    let small = match amount {
        Amount::One { value, .. } => value < 20.0,
        Amount::Range { max, .. } => max < 20.0,
    };
    let labelled = value_of_label(r, start, last, floor);
    // The value of a label that ends a phrase with its unit (`Cargo carried in 2024, million
    // tonnes (5,5,5) — THREE POINT THREE`, `Rise in 2025, per cent — ...`) is in that unit.
    // So is a table cell's bare value under a row label with its unit in brackets (`| Trade
    // turnover (US$ million) | 27 |`).
    let cell = start > floor
        && r.sym(start - 1) == Some('|')
        && r.get(last + 1).is_none_or(|t| t.sym() == Some('|'));
    if (labelled || cell) && unit == Unit::Count && nouns.is_empty() && hedge == Hedge::Bare {
        if let Some((u, f)) = label_unit(r, start, floor) {
            unit = u;
            amount = amount.scaled(f);
        }
    }
    let rate = unit == Unit::Count && nouns.is_empty() && rate_at(r, core_end + 1);
    if in_words
        && unit == Unit::Count
        && nouns.is_empty()
        && small
        && hedge == Hedge::Bare
        && !labelled
        && !rate
    {
        return None;
    }
    // `the two leaders`, `these three countries`: a few things already named, not a count.
    let few = matches!(amount, Amount::One { value, .. } if value <= 4.0);
    if in_words
        && few
        && hedge == Hedge::Bare
        && start > floor
        && matches!(r.word(start - 1), Some("the" | "these" | "those" | "both"))
    {
        return None;
    }
    Some(Quantity {
        sentence: 0,
        first: start,
        last: last.max(k),
        core: (currency.map_or(k, |c| c.0), core_end.max(k)),
        amount,
        hedge,
        unit,
        nouns,
        in_words,
        labelled,
        rate,
    })
}

/// Whether the cell after the `column`-th `|` of the table's header row is headed `unit`.
fn names_unit_column(r: &Reader, column: usize) -> bool {
    let Some((start, end)) = r.header else {
        return false;
    };
    let head = &r.tokens[start..end];
    let Some(open) = head
        .iter()
        .enumerate()
        .filter(|(_, t)| t.sym() == Some('|'))
        .nth(column.saturating_sub(1))
        .map(|(i, _)| i)
    else {
        return false;
    };
    head[open + 1..]
        .iter()
        .take_while(|t| t.sym() != Some('|'))
        .any(|t| matches!(t.word(), Some("unit" | "units")))
}

/// How many cells before a number's own a unit column may be.
const WEIGHTS_UNIT_COLUMN_REACH: usize = super::WEIGHTS.unit_column_reach;

/// What a table cell that holds nothing but a unit says of the number in the cell before it.
struct UnitCell {
    unit: Option<Unit>,
    factor: f64,
    nouns: Vec<String>,
}

/// The cell starting at token `j` (and ending at the next `|` or the row's end), when all it
/// holds is a unit: a currency, a word of scale, a unit word or sign, or up to two words naming
/// what is counted (`US$ million`, `million t`, `%`, `pp`, `people`).
fn unit_cell(r: &Reader, j: usize) -> Option<UnitCell> {
    let mut end = j;
    while r.get(end).is_some_and(|t| t.sym() != Some('|')) {
        end += 1;
    }
    if end == j || end - j > 4 {
        return None;
    }
    let mut i = j;
    let mut money = None;
    // `US$`, `$`, `USD`, `PKR`.
    if r.word(i) == Some("us") && r.sym(i + 1) == Some('$') {
        money = Some(true);
        i += 2;
    } else if r.sym(i) == Some('$') {
        money = Some(true);
        i += 1;
    } else if let (Some(Unit::Money(usd)), next) = unit_at(r, i) {
        money = Some(usd);
        i = next;
    }
    let (factor, after) = r.scale(i, money.is_some());
    i = after;
    let mut unit = money.map(Unit::Money);
    let mut nouns = Vec::new();
    if i < end {
        if unit.is_some() {
            return None;
        }
        if r.word(i) == Some("pp") {
            unit = Some(Unit::Points);
            i += 1;
        } else if let (Some(u), next) = unit_at(r, i) {
            unit = Some(u);
            // `Mt`: megatonnes carry their scale.
            let written = r.get(i).map(|t| &r.chars[t.start()..t.end()]);
            if u == Unit::Mass {
                if let Some(f) = written.and_then(mass_scale) {
                    return (next == end).then_some(UnitCell {
                        unit,
                        factor: factor * f,
                        nouns,
                    });
                }
            }
            i = next;
        } else if factor == 1.0 {
            let n = nouns_len(r, i);
            if n == 0 || n > 2 {
                return None;
            }
            nouns = nouns_after(r, i);
            i += n;
        }
    }
    (i == end && (unit.is_some() || factor != 1.0 || !nouns.is_empty())).then_some(UnitCell {
        unit,
        factor,
        nouns,
    })
}

/// A one-word hedge in brackets after token `last`: `×2 (nearly)`.
fn bracketed_hedge(r: &Reader, last: usize) -> Option<Hedge> {
    (r.sym(last + 1) == Some('(') && r.sym(last + 3) == Some(')'))
        .then(|| r.word(last + 2))
        .flatten()
        .and_then(|w| {
            words::hedges_before()
                .iter()
                .find(|(p, _)| p.len() == 1 && p[0] == w)
                .map(|(_, h)| *h)
        })
}

/// The unit written at `j`: `%`, `percent`, `per cent`, `tons`, `days`, `dollars`, `times`.
fn unit_at(r: &Reader, j: usize) -> (Option<Unit>, usize) {
    if r.sym(j) == Some('%') {
        if r.word(j + 1) == Some("points") {
            return (Some(Unit::Points), j + 2);
        }
        return (Some(Unit::Percent), j + 1);
    }
    if r.sym(j) == Some('×') {
        return (Some(Unit::Multiple), j + 1);
    }
    let Some(w) = r.word(j) else {
        return (None, j);
    };
    let next = r.word(j + 1);
    match w {
        "percent" | "pc" | "percentage" => {
            if next == Some("points") || next == Some("point") {
                (Some(Unit::Points), j + 2)
            } else {
                (Some(Unit::Percent), j + 1)
            }
        }
        "per" if next == Some("cent") => (Some(Unit::Percent), j + 2),
        "metric" if matches!(next, Some("tons" | "tonnes" | "ton" | "tonne")) => {
            (Some(Unit::Mass), j + 2)
        }
        "tons" | "tonnes" | "ton" | "tonne" | "t" | "mt" | "kt" => (Some(Unit::Mass), j + 1),
        "days" | "day" => (Some(Unit::Days), j + 1),
        "weeks" | "week" | "fortnight" | "fortnights" | "months" | "month" | "hours" | "hour"
        | "years" | "minutes" | "decades" => (Some(Unit::Duration), j + 1),
        "km" | "kilometres" | "kilometers" | "miles" | "barrels" | "barrel" | "kg"
        | "kilograms" | "litres" | "liters" | "hectares" => (Some(Unit::Other), j + 1),
        // `2 times a week` is how often, a count like `2 flights a week`, not a multiple.
        "times" if rate_at(r, j + 1) => (None, j + 1),
        "times" | "fold" => (Some(Unit::Multiple), j + 1),
        "us" | "u.s" if matches!(next, Some("dollars" | "dollar")) => {
            (Some(Unit::Money(true)), j + 2)
        }
        "dollars" | "dollar" | "usd" => (Some(Unit::Money(true)), j + 1),
        "euros" | "euro" | "eur" | "manat" | "manats" | "rupees" | "rupee" | "pkr" | "azn" => {
            (Some(Unit::Money(false)), j + 1)
        }
        _ => (None, j),
    }
}

/// Whether the words at `j` make what comes before them a rate over time: `a week`, `per
/// month`, `every day`, `weekly`.
fn rate_at(r: &Reader, j: usize) -> bool {
    match r.word(j) {
        Some("a" | "an" | "per" | "each" | "every") => matches!(
            r.word(j + 1),
            Some("week" | "day" | "month" | "year" | "fortnight")
        ),
        Some(w) => matches!(w, "weekly" | "daily" | "monthly" | "yearly" | "annually"),
        None => false,
    }
}

/// Up to four content words right after a figure, as stems; none when a stop word follows.
fn nouns_after(r: &Reader, j: usize) -> Vec<String> {
    let n = nouns_len(r, j);
    (j..j + n)
        .filter_map(|i| r.get(i).and_then(Token::stem).map(str::to_string))
        .collect()
}

fn nouns_len(r: &Reader, j: usize) -> usize {
    let mut n = 0;
    while n < 4 {
        match r.get(j + n) {
            // A verb in the past tense ends what the figure counts: `12 universities signed
            // agreements` counts universities, not agreements.
            Some(t) if n >= 1 && t.word().is_some_and(|w| w.len() > 4 && w.ends_with("ed")) => {
                break;
            }
            // A verb right after the figure (`some 46,000 came`, `46,000 followed`): nothing
            // counted is named.
            Some(t) if n == 0 && t.word().is_some_and(words::is_past_verb) => break,
            Some(t) if t.entry().is_some_and(|w| !w.stop) => n += 1,
            _ => break,
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quantities(text: &str) -> Vec<(String, Amount, Hedge, Unit)> {
        let s = scan(text);
        s.quantities
            .iter()
            .map(|q| (s.text(q.first, q.last), q.amount, q.hedge, q.unit))
            .collect()
    }

    fn one(value: f64, res: f64) -> Amount {
        Amount::One { value, res }
    }

    #[test]
    fn decimals_are_valued_as_the_parser_values_them() {
        for text in [
            "80924.0",
            "3.3",
            "0.1",
            "0.3",
            "2.675",
            "1.15",
            "0300.0",
            "123456789012345.0",
            "1234567890123456.0",
            "99999999999999.9",
            "0.000000000000007",
            "12.",
            ".5",
            "1.2.3",
        ] {
            let parsed: f64 = text.parse().unwrap_or(0.0);
            assert_eq!(
                decimal_value(text.as_bytes()).to_bits(),
                parsed.to_bits(),
                "{text}"
            );
        }
        // Every value of up to four digits after the point, and some large ones.
        for m in (0..20_000u64).chain((0..1000).map(|n| 999_999_999_999_000 + n)) {
            for frac in 1..=4usize {
                let digits = format!("{m:0>width$}", width = frac + 1);
                let text = format!(
                    "{}.{}",
                    &digits[..digits.len() - frac],
                    &digits[digits.len() - frac..]
                );
                let parsed: f64 = text.parse().unwrap();
                assert_eq!(
                    decimal_value(text.as_bytes()).to_bits(),
                    parsed.to_bits(),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn reads_figures_with_hedge_scale_and_unit() {
        let q = quantities(
            "Some 81,000 visitors came; trade was about US$20.7 million, up 38.7% on the year.",
        );
        assert_eq!(
            q[0],
            (
                "Some 81,000 visitors".into(),
                one(81000.0, 1000.0),
                Hedge::About,
                Unit::Count
            )
        );
        assert_eq!(
            q[1],
            (
                "about US$20.7 million".into(),
                one(20.7e6, 0.1e6),
                Hedge::About,
                Unit::Money(true)
            )
        );
        assert_eq!(
            q[2],
            ("38.7%".into(), one(38.7, 0.1), Hedge::Bare, Unit::Percent)
        );
    }

    #[test]
    fn reads_ranges_multiples_and_words() {
        let q = quantities(
            "It takes 8 to 10 days. Traffic nearly doubled. Up to forty jets. 8–10 days.",
        );
        assert_eq!(
            q[0].1,
            Amount::Range {
                min: 8.0,
                max: 10.0,
                res: 1.0
            }
        );
        assert_eq!(q[0].3, Unit::Days);
        assert_eq!(
            (q[1].1, q[1].2, q[1].3),
            (one(2.0, 1.0), Hedge::Nearly, Unit::Multiple)
        );
        assert_eq!((q[2].1, q[2].2), (one(40.0, 10.0), Hedge::UpTo));
        assert_eq!(
            q[3].1,
            Amount::Range {
                min: 8.0,
                max: 10.0,
                res: 1.0
            }
        );
        let q = quantities("over 3.3 million tons, 47 percent, $20m, 2x, 40+ jets, 3 per cent");
        assert_eq!(
            (q[0].1, q[0].2, q[0].3),
            (one(3.3e6, 0.1e6), Hedge::Over, Unit::Mass)
        );
        assert_eq!(q[1].3, Unit::Percent);
        assert_eq!((q[2].1, q[2].3), (one(20e6, 10e6), Unit::Money(true)));
        assert_eq!(q[3].3, Unit::Multiple);
        assert_eq!(q[4].2, Hedge::Over);
        assert_eq!(q[5].3, Unit::Percent);
    }

    #[test]
    fn ids_times_versions_and_ordinals_are_not_figures() {
        assert!(quantities("JF-17 jets, G20, 10:30, v1.2.3, 14/02, the 17th, COVID-19").is_empty());
    }

    /// Each date the scan found, as its period and whether it is a baseline.
    fn periods_and_baselines(s: &Scan) -> Vec<(String, bool)> {
        s.dates
            .iter()
            .map(|d| (d.period.to_string(), d.baseline))
            .collect()
    }

    #[test]
    fn dates_and_baselines() {
        let s = scan(
            "In July 2024 and January–September 2025, up on 2023 and compared with 2022. The first seven months of 2025. Since 1992. 5 July 2024. 2024-25. The first half of 2025.",
        );
        let d = periods_and_baselines(&s);
        assert_eq!(
            d,
            vec![
                ("2024-07".into(), false),
                ("2025-01/2025-09".into(), false),
                ("2023".into(), true),
                ("2022".into(), true),
                ("2025-01/2025-07".into(), false),
                ("1992".into(), true),
                ("2024-07-05".into(), false),
                ("2024/2025".into(), false),
                ("2025-01/2025-06".into(), false),
            ]
        );
        assert!(s.quantities.is_empty(), "{:?}", s.quantities);
        // A comparison in another clause is that clause's.
        let s =
            scan("more than in 2023, and in 2014 only 4,000; more than in 2022, but 2015 less.");
        let d = periods_and_baselines(&s);
        assert_eq!(
            d,
            vec![
                ("2023".into(), true),
                ("2014".into(), false),
                ("2022".into(), true),
                ("2015".into(), false),
            ]
        );
    }

    #[test]
    fn the_words_of_a_period_compared_with_are_the_dates() {
        let anchor = Date {
            year: 2026,
            month: Some(1),
            day: Some(12),
        };
        let words_in_dates = |text: &str| {
            let s = scan_with(text, Some(anchor));
            let words: Vec<&str> = (0..s.tokens.len())
                .filter(|&k| s.in_date[k])
                .filter_map(|k| s.tokens[k].word())
                .collect();
            words.join(" ")
        };
        assert_eq!(
            words_in_dates("38.7% above the same months of the year before."),
            "same months of the year before"
        );
        assert_eq!(
            words_in_dates("up 38.7% on the same period in 2024"),
            "same period in"
        );
        // Months that are no part of the comparison stay words.
        assert_eq!(
            words_in_dates("cargoes a month in 2024; the months of 2024"),
            ""
        );
    }

    #[test]
    fn sentences_follow_wraps_lists_and_tables() {
        let s = scan(
            "Trade reached $20.7\nmillion in 2025.\n\nKey figures:\n\n- 80,924 visitors\n- 47% growth\n\n| Year | Visitors |\n|---|---|\n| 2024 | 80,924 |\n",
        );
        assert_eq!(s.quantities[0].amount, one(20.7e6, 0.1e6));
        let texts: Vec<String> = s
            .sentences
            .iter()
            .map(|x| s.text(x.start, x.end - 1))
            .collect();
        assert_eq!(texts[0], "Trade reached $20.7 million in 2025.");
        let item = s
            .sentences
            .iter()
            .position(|x| s.text(x.start, x.end - 1).contains("47%"))
            .unwrap();
        assert_eq!(
            s.sentences[item].parent.map(|p| texts[p].clone()),
            Some("Key figures:".into())
        );
        let row = s.sentences.last().unwrap();
        assert!(texts[row.parent.unwrap()].contains("Year | Visitors"));
    }

    fn values(text: &str) -> Vec<f64> {
        quantities(text)
            .into_iter()
            .map(|q| match q.1 {
                Amount::One { value, .. } => value,
                Amount::Range { min, .. } => min,
            })
            .collect()
    }

    #[test]
    fn reference_markers_are_not_figures() {
        for text in [
            "Trade grew sharply.[3] Visitors came in numbers.[^4] Cargo rose^5 as well.",
            "Tourism recovered¹²³ and trade followed² in the end.",
            "The ministry said so [3, 4] and the agency agreed [7–9].",
        ] {
            assert!(
                quantities(text).is_empty(),
                "{text}: {:?}",
                quantities(text)
            );
        }
        // A marker after a full stop does not join two sentences.
        let s = scan("Visitors came.[3] Trade grew.[^4] Cargo moved.");
        assert_eq!(s.sentences.len(), 3);
        // The figure a marker is written against is still read, with its unit and nouns.
        let s = scan("In 2024, 80,924¹ visitors came and 3.3 million tonnes² moved [3].");
        let q = &s.quantities;
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(
            (q[0].amount, q[0].nouns[0].as_str()),
            (one(80924.0, 1.0), "visitor")
        );
        assert_eq!((q[1].amount, q[1].unit), (one(3.3e6, 0.1e6), Unit::Mass));
    }

    #[test]
    fn labels_and_identifiers_are_not_figures() {
        for text in [
            "See Card 5, Slide 3, Figure 2, Table 4 and Annex 1 for the detail.",
            "Under decree No. 7 the board met; Figures 2 and 3 and pages 12–15 show it.",
            "Flights J2 148 and PK 233 leave daily.",
            "Take flight 9, then bus 12 along route 7 to gate 14 of Terminal 1.",
            "Call +92 51 123 4567 or 0300 1234567 for tickets.",
            "Read chapter 3, section 4.2, and ISO 9001 before Phase 2.",
            "The airline flies a Boeing 737 and an ATR 72 to Baku.",
        ] {
            assert!(
                quantities(text).is_empty(),
                "{text}: {:?}",
                quantities(text)
            );
            assert!(scan(text).dates.is_empty(), "{text}");
        }
        // A label's number does not take the figure after it along.
        assert_eq!(
            values("In Phase 2, 40 jets; Phase 3 and 40 jets; Figures 2 and 3 and Figure 4–5."),
            vec![40.0, 40.0]
        );
        // Lower-case words that count, or a figure after a label, are still figures.
        assert_eq!(
            values("The hall can seat 150 guests; the figure 40 is old; Table 4: 80,924 visitors."),
            vec![150.0, 40.0, 80924.0]
        );
        // A headline in capitals is not a flight number.
        assert_eq!(
            values("VISITORS UP 47% AS TOTAL HITS 80,924; RISE OF 40 JETS"),
            vec![47.0, 80924.0, 40.0]
        );
        // A half-year or a quarter is a date, not a code: `H1 2025`, `Q3 2025`.
        assert_eq!(scan("In Q3 2025 trade grew.").dates.len(), 1);
        // A table's or figure's number never takes a unit: `Table 4 million` is a figure.
        assert_eq!(values("Table 4 million tonnes"), vec![4e6]);
    }

    #[test]
    fn decimal_commas_and_spaces_between_thousands() {
        // A comma with one or two digits after it can only be a decimal comma.
        let q = quantities("Trade rose 2,7 per cent and cargo came to 3,3 million tonnes.");
        assert_eq!((q[0].1, q[0].3), (one(2.7, 0.1), Unit::Percent));
        assert_eq!((q[1].1, q[1].3), (one(3.3e6, 0.1e6), Unit::Mass));
        // Spaces between groups of three: plain, no-break and narrow no-break.
        assert_eq!(
            values(
                "In 2024, 80 924 visitors came; 80\u{202F}924 by one count, 80\u{A0}924 by another."
            ),
            vec![80924.0; 3]
        );
        // In English, `80,924` keeps its thousands comma, and a list is not a decimal.
        assert_eq!(
            values("80,924 visitors, 46,000 tourists"),
            vec![80924.0, 46000.0]
        );
        assert_eq!(values("the numbers 1,2,3"), vec![1.0, 2.0, 3.0]);
        // A draft that writes decimal commas (and no decimal point) reads `3,300` as 3.3 and
        // a dot between groups as a thousands separator.
        let v = values("Trade rose 2,7 per cent; cargo came to 3,300 million tonnes; 80.924 came.");
        assert_eq!(v, vec![2.7, 3.3e6, 80924.0]);
        // A telephone number is not a figure grouped by spaces.
        assert!(values("ring 300 123 4567").iter().all(|v| *v < 5000.0));
        let hint = |t: &str| decimal_comma_hint(&t.chars().collect::<Vec<_>>());
        assert!(!hint("2,7 % and 3.3"));
        assert!(!hint("2,7 % and 1,234,567"));
        assert!(hint("2,7 % and 80 924"));
        assert!(hint("3,3 million tonnes"));
        // A pair of page or section numbers is no sign of decimal commas.
        assert!(!hint("pages 12,13 and 80,924"));
        assert_eq!(
            values("In 2024, 80,924 came (see pages 12,13)."),
            vec![80924.0]
        );
    }

    #[test]
    fn hedges_in_words_and_symbols() {
        let cases: &[(&str, f64, Hedge, Unit)] = &[
            ("<3.3 Mt of cargo", 3.3e6, Hedge::Under, Unit::Mass),
            ("≤ 40 jets", 40.0, Hedge::UpTo, Unit::Count),
            ("≥3.3Mt", 3.3e6, Hedge::AtLeast, Unit::Mass),
            ("under 46,000 tourists", 46000.0, Hedge::Under, Unit::Count),
            ("below 47%", 47.0, Hedge::Under, Unit::Percent),
            (
                "fewer than 46,000 tourists",
                46000.0,
                Hedge::Under,
                Unit::Count,
            ),
            (
                "at least $20.7 million",
                20.7e6,
                Hedge::AtLeast,
                Unit::Money(true),
            ),
            (
                "no less than 80,924 visitors",
                80924.0,
                Hedge::AtLeast,
                Unit::Count,
            ),
            (
                "upwards of 80,000 visitors",
                80000.0,
                Hedge::Over,
                Unit::Count,
            ),
            ("north of $20 million", 20e6, Hedge::Over, Unit::Money(true)),
            ("just shy of 40 jets", 40.0, Hedge::Nearly, Unit::Count),
            ("well under 50 jets", 50.0, Hedge::Under, Unit::Count),
            (
                "a little over 3 million tonnes",
                3e6,
                Hedge::Over,
                Unit::Mass,
            ),
        ];
        for (text, value, hedge, unit) in cases {
            let q = quantities(text);
            assert_eq!(q.len(), 1, "{text}: {q:?}");
            let v = match q[0].1 {
                Amount::One { value, .. } => value,
                Amount::Range { .. } => f64::NAN,
            };
            assert_eq!((v, q[0].2, q[0].3), (*value, *hedge, *unit), "{text}");
        }
    }

    #[test]
    fn numbers_in_words_with_articles_fractions_and_points() {
        let cases: &[(&str, f64, Hedge)] = &[
            ("some sixty-four thousand visitors", 64000.0, Hedge::About),
            ("some two hundred passengers", 200.0, Hedge::About),
            ("a dozen flights", 12.0, Hedge::Bare),
            ("two dozen flights", 24.0, Hedge::Bare),
            ("half a dozen flights", 6.0, Hedge::Bare),
            ("a hundred and twenty jets", 120.0, Hedge::Bare),
            ("about a thousand students", 1000.0, Hedge::About),
            ("two and a half million tonnes", 2.5e6, Hedge::Bare),
            ("half a million visitors", 5e5, Hedge::Bare),
            ("one and a half million tonnes", 1.5e6, Hedge::Bare),
            ("some 200-odd passengers", 200.0, Hedge::About),
            ("three point three million tonnes", 3.3e6, Hedge::Bare),
            ("over three\npoint three million tonnes", 3.3e6, Hedge::Over),
            // Tens and units apart, across a wrapped hyphen, with a typeset hyphen or a dash.
            ("some sixty four thousand visitors", 64000.0, Hedge::About),
            ("some sixty-\nfour thousand visitors", 64000.0, Hedge::About),
            (
                "some sixty\u{2011}four thousand visitors",
                64000.0,
                Hedge::About,
            ),
            ("some sixty–four thousand visitors", 64000.0, Hedge::About),
            ("one hundred sixty four jets", 164.0, Hedge::Bare),
            // A word of scale joined on.
            ("a little over three-million tonnes", 3e6, Hedge::Over),
            ("roughly eighty-thousand visitors", 80000.0, Hedge::About),
        ];
        for (text, value, hedge) in cases {
            let q = quantities(text);
            assert_eq!(q.len(), 1, "{text}: {q:?}");
            let v = match q[0].1 {
                Amount::One { value, .. } => value,
                Amount::Range { .. } => f64::NAN,
            };
            assert!((v - value).abs() < 1e-6 * value, "{text}: {v}");
            assert_eq!(q[0].2, *hedge, "{text}");
        }
        // `a little over` and `just over` hold the figure close: to 7.5 % of it.
        let s = scan("a little over three million tonnes, just over 80,000, well over 80,000");
        let res: Vec<f64> = s
            .quantities
            .iter()
            .map(|q| match q.amount {
                Amount::One { res, .. } => res,
                Amount::Range { res, .. } => res,
            })
            .collect();
        assert_eq!(res, vec![225_000.0, 6000.0, 10_000.0]);
        // The place of the last digit follows the words: a half million is read to 100,000.
        let s = scan("two and a half million tonnes");
        assert!(matches!(s.quantities[0].amount, Amount::One { res, .. } if res == 1e5));
        // A few things named before: `the two leaders`, `these three countries`.
        assert!(quantities("the two leaders met; these three countries agreed").is_empty());
        assert_eq!(quantities("the fifteen agreements").len(), 1);
        // `a` alone, `dozens` and `point` without digits are not numbers.
        assert!(quantities("a visit, dozens of visits, a point of pride").is_empty());
    }

    #[test]
    fn multiples_as_signs_words_and_verbs() {
        let cases: &[(&str, f64, Hedge)] = &[
            ("traffic grew 3×", 3.0, Hedge::Bare),
            ("traffic grew x3", 3.0, Hedge::Bare),
            ("a threefold rise", 3.0, Hedge::Bare),
            ("a nearly twenty-fold rise", 20.0, Hedge::Nearly),
            ("a tenfold rise", 10.0, Hedge::Bare),
            ("traffic tripled", 3.0, Hedge::Bare),
            ("traffic more than doubled", 2.0, Hedge::Over),
            ("traffic was ×2 (nearly)", 2.0, Hedge::Nearly),
            ("a 5-fold rise", 5.0, Hedge::Bare),
            ("grew by a factor of nearly 2", 2.0, Hedge::Nearly),
            ("traffic was x2 (almost)", 2.0, Hedge::Nearly),
            ("traffic was nearly ×2", 2.0, Hedge::Nearly),
            ("a near-doubling of traffic", 2.0, Hedge::Nearly),
            ("a near doubling of traffic", 2.0, Hedge::Nearly),
            ("traffic is nearly double", 2.0, Hedge::Nearly),
            (
                "traffic was close to triple the 2023 level",
                3.0,
                Hedge::Nearly,
            ),
            ("traffic was twice as high", 2.0, Hedge::Bare),
            ("traffic almost trebled", 3.0, Hedge::Nearly),
        ];
        for (text, value, hedge) in cases {
            let q = quantities(text);
            assert_eq!(q.len(), 1, "{text}: {q:?}");
            assert_eq!(
                (q[0].1, q[0].2, q[0].3),
                (one(*value, 1.0), *hedge, Unit::Multiple),
                "{text}"
            );
        }
        // `double` and `triple` with no hedge or verb before them are no figures.
        assert!(quantities("a double taxation treaty, double figures, a triple jump").is_empty());
        // The year a multiple is of is a point of comparison.
        let s = scan("traffic was close to triple the 2023 level");
        assert!(s.dates[0].baseline);
    }

    #[test]
    fn fractions_of_multiples() {
        let q = quantities("one and a half times as many");
        assert_eq!((q[0].1, q[0].3), (one(1.5, 0.5), Unit::Multiple));
    }

    #[test]
    fn durations_are_their_own_unit() {
        let q = quantities("About two weeks by rail, 8–10 days by road, three months by sea.");
        let units: Vec<Unit> = q.iter().map(|q| q.3).collect();
        assert_eq!(units, vec![Unit::Duration, Unit::Days, Unit::Duration]);
        assert_eq!((q[0].1, q[0].2), (one(2.0, 1.0), Hedge::About));
    }

    /// The periods of the dates read in `text`, with `anchor` as the draft's date.
    fn periods(text: &str, anchor: Option<Date>) -> Vec<String> {
        scan_with(text, anchor)
            .dates
            .iter()
            .map(|d| d.period.to_string())
            .collect()
    }

    #[test]
    fn relative_dates_count_from_the_anchor() {
        let anchor = Date {
            year: 2026,
            month: Some(2),
            day: Some(14),
        };
        let text = "February last year; in January of last year; the year before last; last year's total; two years ago; a year ago.";
        assert_eq!(
            periods(text, Some(anchor)),
            vec!["2025-02", "2025-01", "2024", "2025", "2024", "2025"]
        );
        // A hedge before a figure in words is not a point of comparison.
        let s = scan_with(
            "numbered more than fifty-five thousand in 2025",
            Some(anchor),
        );
        assert!(!s.dates[0].baseline);
        // A span of months or a part of a relative year.
        assert_eq!(
            periods(
                "January–September last year; the first seven months of last year; the first half of this year.",
                Some(anchor)
            ),
            vec!["2025-01/2025-09", "2025-01/2025-07", "2026-01/2026-06"]
        );
        // Counts in words or digits, decades, and the anchor's week: its month, or only its
        // year when the week may reach into another month.
        assert_eq!(
            periods(
                "A year ago today; two years ago this week; 12 years ago; a decade ago; two decades ago; Twenty years ago.",
                Some(anchor)
            ),
            vec!["2025-02", "2024-02", "2014", "2016", "2006", "2006"]
        );
        let late = Date {
            day: Some(27),
            ..anchor
        };
        assert_eq!(periods("A year ago this week.", Some(late)), vec!["2025"]);
        // A day or a month with a year counted from the anchor.
        assert_eq!(
            periods(
                "It opened on 12 February this year; they signed this July; in January two years ago.",
                Some(anchor)
            ),
            vec!["2026-02-12", "2026-07", "2024-01"]
        );
        // Days of one month.
        assert_eq!(
            periods("Stayed 20–26 April 2025, and 3 to 5 May 2025.", None),
            vec!["2025-04-20/2025-04-26", "2025-05-03/2025-05-05"]
        );
        // A hedged span dates nothing.
        assert!(periods("nearly two years ago; almost a decade ago", Some(anchor)).is_empty());
        // Spans that end at the anchor date the event they count from, which is no figure's
        // period.
        let s = scan_with(
            "They celebrate 34 years of diplomatic relations. The embassy is open since 33 years. Two years on from the first flight, 3 cities are served.",
            Some(anchor),
        );
        let read: Vec<(String, bool)> = s
            .dates
            .iter()
            .map(|d| (d.period.to_string(), d.baseline))
            .collect();
        assert_eq!(
            read,
            vec![
                ("1992".to_string(), true),
                ("1993".to_string(), true),
                ("2024".to_string(), true)
            ]
        );
        // The span is the date, not `since` before it.
        assert_eq!(s.text(s.dates[1].first, s.dates[1].last), "33 years");
        // Not a span of anything else (`after 34 years of growth`), nor one hedged.
        assert!(periods("after 34 years of growth", Some(anchor)).is_empty());
        assert!(periods("almost two years on from the visit", Some(anchor)).is_empty());
        // No anchor, no period: none is guessed.
        assert!(periods(text, None).is_empty());
        // A front matter's date anchors them too.
        assert_eq!(
            periods("---\ndate: 2025-06-01\n---\n\nThe year before last.", None),
            vec!["2023"]
        );
    }

    #[test]
    fn years_before_and_after_count_from_the_date_written_before() {
        let anchor = Date {
            year: 2026,
            month: Some(2),
            day: Some(14),
        };
        // The date written before, in the sentence or the two before it.
        assert_eq!(
            periods(
                "80,924 came in 2024, against 55,000 the previous year. The chamber opened in February 2025. A year earlier the deal was reported; two years later, a grant.",
                Some(anchor)
            ),
            vec!["2024", "2023", "2025-02", "2024-02", "2026-02"]
        );
        // `the previous year` is the whole year before a part of one.
        assert_eq!(
            periods(
                "46,000 in January–July 2025 and 80,924 the previous year.",
                None
            ),
            vec!["2025-01/2025-07", "2024"]
        );
        // `the year before` right after a figure counts from the year written in its
        // sentence; elsewhere from the draft's date, as `the year before last` does.
        assert_eq!(
            periods("46,000 in 2019, and 25,000 the year before.", Some(anchor)),
            vec!["2019", "2018"]
        );
        assert_eq!(
            periods("46,000 in 2019, and 25,000 visitors the year before.", None),
            vec!["2019", "2018"]
        );
        assert_eq!(
            periods(
                "46,000 came in 2019. The year before, 25,000 came.",
                Some(anchor)
            ),
            vec!["2019", "2018"]
        );
        assert_eq!(
            periods(
                "46,000 came in 2019. Some had come the year before.",
                Some(anchor)
            ),
            vec!["2019".to_string(), format!("{}", anchor.year - 1)]
        );
        // A heading's date counts as written before.
        assert_eq!(
            periods("## 2024\n\nA year earlier, 55,000 came.", None),
            vec!["2024", "2023"]
        );
        // With no date before them, they count from the anchor; with neither, no period.
        assert_eq!(
            periods("A year earlier, 55,000 came.", Some(anchor)),
            vec!["2025"]
        );
        assert!(periods("A year earlier, 55,000 came.", None).is_empty());
        // `last June` is the last June before the draft's date.
        assert_eq!(
            periods("Last June they signed.", Some(anchor)),
            vec!["2025-06"]
        );
        // `before that` counts from the last date that is no point of comparison.
        assert_eq!(
            periods(
                "80,000 came last year, up 50% on 2023, and ten years before that only 4,000 came.",
                Some(anchor)
            ),
            vec!["2025", "2023", "2015"]
        );
        // A year before an event named after it is no relative date.
        assert!(periods("a year before the election", Some(anchor)).is_empty());
        // What a change is from is a point of comparison.
        let s = scan_with("Trade rose 38.7% from a year earlier.", Some(anchor));
        assert!(s.dates[0].baseline);
    }

    #[test]
    fn a_lists_lead_in_dates_its_items() {
        let text = "---\ndate: 2025-09-01\n---\nLast year's numbers:\n\n- visitors: 64,000\n\nIn 2024 they came. Visitors: 64,000.\n";
        let s = scan_with(text, None);
        let year = Period::parse("2024").unwrap();
        let item = s.quantities[0].sentence;
        assert!(s.lead_dates(item, year));
        assert!(!s.lead_dates(item, Period::parse("2023").unwrap()));
        // Running text takes its date from the sentence before, but that is no lead-in.
        let prose = s.quantities[1].sentence;
        assert!(!s.lead_dates(prose, year));
    }

    #[test]
    fn a_heading_that_is_only_a_date_dates_the_sentence_under_it() {
        let under = |text: &str| {
            let s = scan(text);
            let d = &s.dates[0];
            s.dated_heading(d)
        };
        assert_eq!(
            under("## 1993\n\nDiplomatic relations were established.\n"),
            Some(1)
        );
        assert_eq!(under("## 1993.\n\nRelations were established.\n"), Some(1));
        // Not a heading with more than the date, nor one whose sentence has a figure or date
        // of its own, nor running text.
        assert_eq!(
            under("## Relations in 1993\n\nThey were established.\n"),
            None
        );
        assert_eq!(under("## 2024\n\n80,924 Pakistanis came.\n"), None);
        assert_eq!(under("## 2024\n\nIn July 2025 a flight began.\n"), None);
        assert_eq!(under("1993\n\nRelations were established.\n"), None);
        assert_eq!(under("## 1993\n\n## Relations\n"), None);
    }

    #[test]
    fn records_and_chat_lines_are_read_a_line_at_a_time() {
        let firsts = |text: &str| -> Vec<String> {
            let s = scan_as(text, None, Syntax::Plain);
            s.sentences
                .iter()
                .map(|x| s.text(x.start, x.start))
                .collect()
        };
        // Tab-separated fields: each field a sentence, each line a record.
        assert_eq!(
            firsts("Visitors in 2024?\t80,924\ttourism\nVisitors in 2019?\t46,000\ttourism\n"),
            vec![
                "Visitors", "80,924", "tourism", "Visitors", "46,000", "tourism"
            ]
        );
        // An indent is no field separator: wrapped text stays one sentence.
        assert_eq!(
            firsts("Visitors came\n\tin 2024, 80,924\n"),
            vec!["Visitors"]
        );
        // Chat lines, with or without a time and a nick in brackets.
        assert_eq!(
            firsts(
                "Amina: how many came in 2024?\nBilal: 80,924 per the interview\nAmina: and in 2019\n"
            ),
            vec!["Amina", "Bilal", "Amina"]
        );
        assert_eq!(
            firsts("[14:02] <amina> how many came\n[14:03] <bilal> 80,924 in 2024\n"),
            vec!["[", "["]
        );
        // One label line is no chat: `Note:` before running text wraps on.
        assert_eq!(
            firsts("Note: visitors came\nin 2024, 80,924 of them\n"),
            vec!["Note"]
        );
        assert_eq!(speaker_end(&chars("Bilal Khan: yes"), 0), Some(11));
        assert_eq!(speaker_end(&chars("March 2024: 80,924"), 0), None);
        assert_eq!(speaker_end(&chars("visitors: 80,924"), 0), None);
        // A chat app's export: a date and time, then a contact's name of up to four words.
        for line in [
            "03/01/2026, 09:14 - Silk Route Tours PK: deals",
            "[03/01/2026, 09:14:22] Silk Route Tours PK: deals",
            "1/3/26, 9:14 PM - Ayesha K: hi",
        ] {
            let end = speaker_end(&chars(line), 0);
            assert_eq!(
                end.map(|e| &line[..e]),
                line.find(": ").map(|e| &line[..=e])
            );
        }
        // Without the stamp, four words before a colon are a label; a date alone is no stamp.
        assert_eq!(
            speaker_end(&chars("Pakistani visitors in total: 80,924"), 0),
            None
        );
        assert_eq!(speaker_end(&chars("03/01/2026 Silk Route: deals"), 0), None);
    }

    #[test]
    fn lines_of_labels_and_values_are_records() {
        let read = |text: &str| {
            let s = scan(text);
            let texts: Vec<(String, Option<usize>)> = s
                .sentences
                .iter()
                .map(|x| (s.text(x.start, x.end - 1), x.parent))
                .collect();
            texts
        };
        // A fact box: each line a sentence of its own, with nothing from the line before.
        let box_lines = read(
            "> **Trade, Jan–Sep 2025:** $20.7m (up 38.7%)\n> **Trade, 2022:** $281m\n> **Cap on port charges:** $5m\n",
        );
        assert_eq!(
            box_lines,
            vec![
                ("Trade, Jan–Sep 2025: $20.7m (up 38.7%)".to_string(), None),
                ("Trade, 2022: $281m".to_string(), None),
                ("Cap on port charges: $5m".to_string(), None)
            ]
        );
        // An answer keeps its question.
        let qa = read("Q: How many came in 2024?\nA: 80,924\n");
        assert_eq!(qa[1].1, Some(0));
        // A wrapped line of prose that happens to hold a colon is no record.
        assert_eq!(
            read("Trade came to US$20.7 million in\nJanuary–September 2025: a record.\n").len(),
            1
        );
        assert_eq!(label_end(&chars("  Time difference: 1 hour"), 0), Some(18));
        assert_eq!(label_end(&chars("It was 10:00 then"), 0), None);
        assert_eq!(label_end(&chars("Trade. Then: more"), 0), None);
        assert_eq!(label_end(&chars("Trade, 2022:"), 0), None);
        // A date and a colon open a timeline's entry, which is read as one.
        assert_eq!(label_end(&chars("2023: 2.3 %"), 0), None);
    }

    #[test]
    fn a_unit_in_the_next_cell_is_the_figure_s_unit() {
        let one = |row: &str| {
            let text = format!("| Measure | Period | Value | Unit |\n|---|---|---|---|\n{row}\n");
            let s = scan(&text);
            let q = s.quantities.last().cloned().expect("a figure");
            (q.amount, q.unit)
        };
        let (amount, unit) = one("| Exports | 2022 | 7.6 | US$ million |");
        assert_eq!(unit, Unit::Money(true));
        assert!(matches!(amount, Amount::One { value, .. } if (value - 7.6e6).abs() < 1.0));
        let (amount, unit) = one("| Cargo | 2024 | 3.3 | million t |");
        assert_eq!(unit, Unit::Mass);
        assert!(matches!(amount, Amount::One { value, .. } if (value - 3.3e6).abs() < 1.0));
        assert_eq!(one("| Rise | 2019 | 12.9 | % |").1, Unit::Percent);
        assert_eq!(one("| Rise | 2019 | 12.9 | pp |").1, Unit::Points);
        assert_eq!(
            one("| Exports | 2022 | over 7.6 | US$ million |").1,
            Unit::Money(true)
        );
        // A cell of prose, or a number with its own unit, keeps its own reading.
        assert_eq!(
            one("| Rise | 2019 | 12.9 | see the notes below |").1,
            Unit::Count
        );
        let (amount, unit) = one("| Trade | 2022 | 28.1% | US$ million |");
        assert_eq!(unit, Unit::Percent);
        assert!(matches!(amount, Amount::One { value, .. } if (value - 28.1).abs() < 1e-9));
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn a_plain_timeline_has_a_sentence_per_entry() {
        let s = scan_as(
            "Timeline\n\n1991 — recognition\n9 June 1992: relations\nMarch 1993 - embassy\nand more\n",
            None,
            Syntax::Plain,
        );
        let firsts: Vec<String> = s
            .sentences
            .iter()
            .map(|x| s.text(x.start, x.start))
            .collect();
        assert_eq!(firsts, vec!["Timeline", "1991", "9", "March"]);
        // A wrapped line of running text that starts with a year and a colon is no entry.
        let s = scan_as(
            "Passengers on the first flight of April\n2025 in 20 April\n2025: 174 people.\n",
            None,
            Syntax::Plain,
        );
        assert_eq!(s.sentences.len(), 1);
        // Nor is one after a line that starts like an entry but runs on into its date.
        let s = scan_as(
            "Share of visitors in January–May\n  2023: 2.3 %. Weekly flights in November\n  2023: 2 flights a week.\n",
            None,
            Syntax::Plain,
        );
        assert_eq!(s.sentences.len(), 2);
        // Nor when the wrap falls between a date's day and its month.
        let s = scan_as(
            "Trade in March\n  2025: US$2 billion. An agreement signed in 4\n  July 2025: US$2 billion.\n",
            None,
            Syntax::Plain,
        );
        assert_eq!(s.sentences.len(), 2);
        // A timeline whose entry ends with a small number still has an entry per line.
        let s = scan_as("2024: up by 4\n2025: up by 9\n", None, Syntax::Plain);
        assert_eq!(s.sentences.len(), 2);
    }

    #[test]
    fn datelines_and_dates_alone_anchor_the_draft() {
        let anchor_of = |text: &str| scan(text).anchor.map(|d| d.to_string());
        let body = " Pakistani visitors numbered 85,000 last year.";
        for head in [
            "ISLAMABAD, 10 March 2025 —",
            "BAKU, March 10, 2025 —",
            "BAKU (10 March 2025) –",
            "LAHORE, 10 March 2025 /PRNewswire/ --",
            "Islamabad, 10 March 2025:",
            "Published 10 March 2025\n\n",
            "*10 March 2025*\n\n",
            "Date: 10 March 2025\n\n",
            "By Amina Khan | 10 March 2025\n\n",
            "Islamabad, March 10, 2025 (APP):",
            "ISLAMABAD — March 10, 2025 —",
            "BAKU, 10 March 2025 (Reuters) -",
            "Published: 2025-03-10\n\n",
            "Published 10 March 2025, 10:00 PKT\n\n",
            "---\nDate: March 10, 2025\n---\n\n",
            "---\npublished: 2025-03-10T09:00:00Z\n---\n\n",
            "Team chat, #research, exported 10 March 2025\n\n",
            "Flashcards: trade (40 cards), updated 10 March 2025 at 09:12\n\n",
        ] {
            let text = format!("{head}{body}");
            assert_eq!(anchor_of(&text).as_deref(), Some("2025-03-10"), "{text}");
            // The dateline's date is no claim and no figure's period.
            let s = scan(&text);
            assert_eq!(s.dates.len(), 1, "{text}");
            assert_eq!(s.dates[0].period.to_string(), "2024", "{text}");
        }
        assert_eq!(
            anchor_of("ISLAMABAD, March 2025 — Visitors rose.").as_deref(),
            Some("2025-03")
        );
        // A sentence with a date in it is no dateline, nor a list item that is a date.
        assert_eq!(
            anchor_of("In July 2024 fifteen agreements were signed."),
            None
        );
        assert_eq!(anchor_of("- **July 2024**\n- **May 2025**\n"), None);
        // A dateline after a title and a slug line, but not after a sentence of prose.
        assert_eq!(
            anchor_of("THE LONG FRIENDSHIP\nFeatures desk | 1,150 words\n\nBAKU, 10 March 2025 — Visitors rose.").as_deref(),
            Some("2025-03-10")
        );
        assert_eq!(
            anchor_of("Visitors rose again. BAKU, 10 March 2025 — They came by air."),
            None
        );
        // A line near the top that opens with a word saying what its date is, whatever follows.
        for head in [
            "*Reviewed 10 March 2025 by Ayesha R. (Lahore) · Stayed 2 nights*\n\n",
            "*Updated 10 March 2025 · 7-minute read · step 4 changed on 2 March*\n\n",
            "To:    All Collectorates\nFrom:  The Board,\n       Islamabad\nDate:  10 March 2025\nRef:   C.No.1(14)/2025\n\n",
        ] {
            let text = format!("# A title\n\n{head}{body}");
            assert_eq!(anchor_of(&text).as_deref(), Some("2025-03-10"), "{text}");
            let plain = scan_as(&text, None, Syntax::Plain);
            assert_eq!(
                plain.anchor.map(|d| d.to_string()).as_deref(),
                Some("2025-03-10"),
                "{text}"
            );
        }
        // Not in running text, nor a date without its day, nor further down than the head.
        assert_eq!(
            anchor_of("The sheet was updated 10 March 2025 with new data, last year's."),
            None
        );
        assert_eq!(
            anchor_of("Updated March 2025 · 7-minute read\n\nText."),
            None
        );
        let deep = format!(
            "{}Updated 10 March 2025 · by the desk\n",
            "A line.\n\n".repeat(10)
        );
        assert_eq!(anchor_of(&deep), None);
    }

    #[test]
    fn a_question_answers_no_question() {
        let s = scan("## When was the declaration signed?\n\n**How many came in 2024?**\n");
        assert!(s.is_question(0) && s.is_question(1));
        assert!(!s.answers(1, 0));
        let s = scan("## When was the declaration signed?\n\nIn 2015.\n");
        assert!(s.answers(1, 0));
    }

    #[test]
    fn years_said_in_words_are_dates() {
        assert_eq!(
            periods("Relations began in nineteen ninety-two.", None),
            vec!["1992"]
        );
        assert_eq!(
            periods("It opened in twenty twenty-four.", None),
            vec!["2024"]
        );
        assert_eq!(
            periods("Visitors came in twenty nineteen.", None),
            vec!["2019"]
        );
        // Not without a word that introduces a date, nor a figure going on.
        assert!(periods("Twenty twenty-four was a good year.", None).is_empty());
        assert!(periods("They flew in twenty twenty-seat planes.", None).is_empty());
        assert!(periods("Sales rose in twenty twenty thousand shops.", None).is_empty());
    }

    #[test]
    fn a_chat_exports_stamps_and_senders_are_no_words_of_its_messages() {
        let text = "03/01/2026, 09:14 - Silk Route Tours PK: Pakistani visitors in 2024?\n\
                    03/01/2026, 09:15 - Silk Route Tours PK: 80,924\n\
                    03/01/2026, 09:16 - Silk Route Tours PK: 46,000 in 2019\n";
        let s = scan_as(text, None, Syntax::Plain);
        assert_eq!(s.quantities.len(), 2, "{:?}", s.quantities);
        // The stamps and names are read as neither figures nor topic words.
        let tour = s
            .tokens
            .iter()
            .position(|t| t.word() == Some("tours"))
            .unwrap();
        assert!(s.in_date[tour]);
        // A message after a question answers it; one after an answer is a record of its own.
        let answer = s.sentence_of[s.quantities[0].first];
        let record = s.sentence_of[s.quantities[1].first];
        assert!(s.sentences[answer].parent.is_some());
        assert_eq!(s.sentences[record].parent, None);
        // One such line is no export.
        let one = scan_as(
            "03/01/2026, 09:14 - Silk Route Tours PK: 80,924 visitors\n",
            None,
            Syntax::Plain,
        );
        let tour = one
            .tokens
            .iter()
            .position(|t| t.word() == Some("tours"))
            .unwrap();
        assert!(!one.in_date[tour]);
    }

    #[test]
    fn a_question_told_of_is_a_question() {
        let s = scan(
            "Candidates were asked when the two states established relations. The answer is \
             1992. Candidates asked for more time. Trade grew.",
        );
        assert!(s.is_question(0));
        // `asked` with no question word after it, and a statement, ask nothing.
        assert!(!s.is_question(2));
        assert!(!s.is_question(3));
    }

    #[test]
    fn how_often_is_a_count_of_a_rate_not_a_multiple() {
        for (text, value) in [
            ("AZAL flies to Islamabad twice a week.", 2.0),
            ("AZAL flies to Islamabad 2 times a week.", 2.0),
            ("PIA flies once weekly.", 1.0),
            ("They fly 3 times per week.", 3.0),
        ] {
            let q = scan(text).quantities;
            assert_eq!(q.len(), 1, "{text}: {q:?}");
            assert_eq!(q[0].unit, Unit::Count, "{text}");
            assert_eq!(q[0].amount, Amount::One { value, res: 1.0 }, "{text}");
            // `times` is read with the number, not counted as what the figure counts.
            assert!(q[0].nouns.is_empty(), "{text}: {:?}", q[0].nouns);
        }
        // Without a rate, `times` is a multiple and `twice` needs a verb or a hedge.
        let q = quantities("Trade grew 3 times over.");
        assert_eq!(q[0].3, Unit::Multiple);
        assert!(quantities("She said it twice to the press.").is_empty());
    }

    #[test]
    fn lines_stamped_with_date_and_time_are_records_anchored_by_their_stamp() {
        let chars = |t: &str| t.chars().collect::<Vec<_>>();
        for line in [
            "14 Jan 2026 07:55 | TRAVEL | up",
            "2026-01-14 07:55 trade",
            "14 January 2026 | trade",
        ] {
            assert!(stamp_end(&chars(line), 0).is_some(), "{line}");
        }
        // A date without a time or bar, or a time alone, is no stamp.
        for line in [
            "14 January 2026 trade grew",
            "07:55 trade",
            "1993 — relations",
        ] {
            assert!(stamp_end(&chars(line), 0).is_none(), "{line}");
        }
        let text = "Alerts, exported 14 January 2026\n\n\
                    14 Jan 2026 07:55 | Pakistani arrivals rose 47% in 2024\n\
                    13 Jan 2025 18:20 | Visitors last year: 80,924\n";
        let s = scan_as(text, None, Syntax::Plain);
        // One sentence a line, none the parent of the next.
        let rose = s.sentence_of[s.quantities[0].first];
        let visitors = s.sentence_of[s.quantities[1].first];
        assert_ne!(rose, visitors);
        assert_eq!(s.sentences[visitors].parent, None);
        // The stamps are no periods; `last year` counts from the line's own stamp (2024), not
        // from the title's date.
        let periods: Vec<String> = s
            .dates
            .iter()
            .filter(|d| !d.baseline)
            .map(|d| d.period.human())
            .collect();
        assert!(periods.contains(&"2024".to_string()), "{periods:?}");
        assert!(
            !periods
                .iter()
                .any(|p| p.contains("January 2026") || p.contains("January 2025"))
        );
        // One stamped line is no log.
        let one = scan_as(
            "14 Jan 2026 07:55 | Visitors last year: 80,924\n",
            None,
            Syntax::Plain,
        );
        assert!(!one.dates.is_empty());
    }

    #[test]
    fn a_labels_value_is_read_with_the_labels_unit() {
        // A small number in words after a label's dash, to the line's end, is a figure.
        let q = scan("Documents signed in July 2024 (8) — THIRTEEN").quantities;
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].labelled && q[0].in_words);
        assert_eq!(q[0].amount, one(13.0, 1.0));
        // The crossword's enumeration is no figure, and prose with a small number stays prose.
        assert!(quantities("Weekly flights (3) — and two more later on").is_empty());
        // The unit the label writes at the end of a phrase.
        let q =
            scan("Cargo carried in 2024, million tonnes (5,5,5) — THREE POINT THREE").quantities;
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!((q[0].unit, q[0].amount), (Unit::Mass, one(3.3e6, 0.1e6)));
        // A unit in brackets in the label, or in a table row's label.
        let q = scan("Trade turnover, 2023 (US$ m): 72").quantities;
        assert_eq!(
            (q[0].unit, q[0].amount),
            (Unit::Money(true), one(72e6, 1e6))
        );
        let q = scan("| Indicator | 2023 |\n|---|---:|\n| Trade turnover (US$ million) | 72 |\n")
            .quantities;
        assert_eq!(q.last().map(|q| q.unit), Some(Unit::Money(true)));
        // Not for a figure in running text after the brackets.
        let q = scan("Trade turnover (US$ million) grew by 72 in 2023.").quantities;
        assert_eq!(q[0].unit, Unit::Count);
        // `capped at` is a ceiling, outside the figure as written.
        assert_eq!(
            quantities("Port charges are capped at $500,000."),
            vec![(
                "$500,000".to_string(),
                one(500_000.0, 100_000.0),
                Hedge::UpTo,
                Unit::Money(true)
            )]
        );
        // A month and year in brackets are a date, no author's citation.
        assert_eq!(
            periods("The deal was worth US$1.6 billion (Feb 2024).", None),
            vec!["2024-02"]
        );
        assert!(periods("As Mammadova showed (Mammadova 2019), visitors rose.", None).is_empty());
        // A year in words after a label that asks for a date and a dash.
        assert_eq!(
            periods(
                "Year relations were established — NINETEEN NINETY-THREE",
                None
            ),
            vec!["1993"]
        );
        assert!(periods("Relations were established — nineteen ninety-three", None).is_empty());
    }

    #[test]
    fn each_entry_of_a_diary_counts_from_its_own_date() {
        let diary = "Notes.\n\nWednesday, 17 January 2024\n\n55,000 came last year.\n\n\
                     Thu, 12 February 2026\n\n46,000 came this year, 80,924 the year before last.\n";
        assert_eq!(periods(diary, None), vec!["2023", "2026", "2024"]);
        // The entries' dates are no claims, and they win over the draft's date.
        let anchor = Date {
            year: 2030,
            month: None,
            day: None,
        };
        assert_eq!(periods(diary, Some(anchor)), vec!["2023", "2026", "2024"]);
        // One such line is no diary: its date stays a date, and anchors nothing.
        assert_eq!(
            periods(
                "Intro.\n\nMonday, 10 March 2025\n\nTrade rose last year.\n",
                None
            ),
            vec!["2025-03-10"]
        );
        // A month and year is no entry's date.
        assert_eq!(
            periods(
                "## March 2025\n\nUp last year.\n\n## May 2025\n\nUp.\n",
                None
            ),
            vec!["2025-03", "2025-05"]
        );
    }

    #[test]
    fn years_of_other_events_are_not_a_figures_period() {
        let s = scan(
            "After independence in 1991, the 2022 floods and the 2010 World Cup, 80,924 came in 2024.",
        );
        let d = periods_and_baselines(&s);
        assert_eq!(
            d,
            vec![
                ("1991".into(), true),
                ("2022".into(), true),
                ("2010".into(), true),
                ("2024".into(), false),
            ]
        );
    }
}
