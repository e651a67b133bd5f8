//! Reading a draft: tokens with character positions, sentences and the context around them,
//! and the figures a writer states — quantities with their hedge, scale and unit, and dates.

use std::rc::Rc;

use super::lexicon::{Entry, Lexicon};
use super::markdown::{Layout, LineKind, layout};
use super::words::{self, Hedge};
use crate::period::{Date, Period};

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A word, shared with every other token of the same word.
    Word(Rc<Entry>),
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
    /// Another measure of time or length that no conversion is attempted for.
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
}

/// A date stated in the draft.
#[derive(Debug, Clone)]
pub struct DateMention {
    pub sentence: usize,
    pub first: usize,
    pub last: usize,
    pub period: Period,
    /// A point of comparison (`compared with 2023`, `since 1992`) rather than the time a
    /// figure is for.
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
    let carry = Carry {
        anchor: as_of.or_else(|| front_matter_date(text)),
        ..Carry::default()
    };
    scan_layout(layout(text), carry, Lexicon::default())
}

/// What a piece of a long draft takes from the text before it (see `check::pieces`). The
/// default is a whole draft's first piece, with no anchor known yet.
#[derive(Debug, Clone, Copy, Default)]
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
}

impl Scan {
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
    let mut lexicon = lexicon;
    let tokens = tokenize(&layout, &mut lexicon);
    let (sentences, sentence_of) = sentences(&layout, &tokens);
    let mut used = vec![false; tokens.len()];
    let capital = |k: usize| {
        layout
            .chars
            .get(tokens[k].start())
            .is_some_and(|c| c.is_uppercase())
    };
    mark_citations(&tokens, &sentence_of, &sentences, &capital, &mut used);
    let dateline = if carry.later {
        None
    } else {
        find_dateline(&tokens, &sentences, &capital)
    };
    if let Some((first, last, _)) = dateline {
        for u in &mut used[first..=last] {
            *u = true;
        }
    }
    let anchor = carry.anchor.or(dateline.map(|d| d.2));
    let body = tokens.partition_point(|t| t.start() < carry.body);
    let earlier = (body, carry.year);
    let dates = find_dates(
        &tokens,
        &sentences,
        &sentence_of,
        anchor,
        earlier,
        &mut used,
    );
    let in_date = used.clone();
    let quantities = find_quantities(&tokens, &sentence_of, &sentences, &mut used);
    Scan {
        layout,
        tokens,
        sentences,
        sentence_of,
        quantities,
        dates,
        in_date,
        lexicon,
        anchor,
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

/// A dateline: the first sentence of the draft's prose opens with a place in capitals (or
/// any capitalised words), a comma, a full date and a dash (`ISLAMABAD, 14 February 2026 —`).
/// Its first and last token and the date; the date is the draft's, not a claim.
fn find_dateline(
    tokens: &[Token],
    sentences: &[Sentence],
    capital: &dyn Fn(usize) -> bool,
) -> Option<(usize, usize, Date)> {
    let s = sentences
        .iter()
        .find(|s| s.kind != LineKind::Heading && s.kind != LineKind::Skip)?;
    let mut k = s.start;
    // The place: up to four capitalised words, then a comma.
    while k < s.end && k - s.start < 4 && tokens[k].word().is_some() && capital(k) {
        k += 1;
    }
    if k == s.start || tokens.get(k).and_then(Token::sym) != Some(',') {
        return None;
    }
    let date_start = k + 1;
    let mut used = vec![false; tokens.len()];
    let mut probe: Vec<DateMention> = Vec::new();
    // Read the date with the ordinary reader, on this sentence only.
    let one = [Sentence {
        start: s.start,
        end: s.end,
        kind: s.kind,
        parent: None,
        heading: None,
    }];
    let sentence_of: Vec<usize> = (0..tokens.len()).map(|_| 0).collect();
    let end = s.end.min(date_start + 8);
    let mut j = date_start;
    while j < end && probe.is_empty() {
        probe = find_dates_in(
            tokens,
            &one,
            &sentence_of,
            None,
            (0, None),
            &mut used,
            j,
            j + 1,
        );
        j += 1;
    }
    let d = probe.first().filter(|d| d.first == date_start)?;
    let dash = tokens
        .get(d.last + 1)
        .and_then(Token::sym)
        .is_some_and(|c| matches!(c, '—' | '–' | '-' | ':'));
    if !dash || d.period.start.day.is_none() {
        return None;
    }
    Some((s.start, d.last + 1, d.period.start))
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
        if let Some(v) = line.strip_prefix("date:") {
            let v = v.trim().trim_matches(|c| c == '"' || c == '\'');
            // `2025-03-10`, `2025-03-10T09:00:00Z`, or a date as a person writes it.
            let iso = v.get(..10).unwrap_or(v);
            if let Ok(p) = Period::parse(iso) {
                return Some(p.start);
            }
            let probe = scan_with(v, None);
            return probe.dates.first().map(|d| d.period.start);
        }
    }
    None
}

// ------------------------------------------------------------------------------ tokens

fn is_group_separator(c: char) -> bool {
    matches!(c, ',' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

fn tokenize(layout: &Layout, lexicon: &mut Lexicon) -> Vec<Token> {
    let chars = &layout.chars;
    // About one token for every four characters of prose: room for that at once, so that the
    // list is not copied as it grows (pages reserved and never used cost nothing).
    let mut tokens = Vec::with_capacity(chars.len() / 3 + 16);
    let mut digits = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            let line = layout.line_of(i);
            if breaks_after(layout, line)
                && tokens.last().is_some_and(|t: &Token| t.kind != Kind::Break)
            {
                tokens.push(Token::new(Kind::Break, i, i));
            }
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c.is_alphabetic() {
            let start = i;
            let mut seg = 0;
            while i < chars.len() {
                let c = chars[i];
                let next = chars.get(i + 1).copied();
                if c.is_alphanumeric() {
                    i += 1;
                    seg += 1;
                } else if matches!(c, '-' | '\'' | '’') && next.is_some_and(char::is_alphanumeric)
                    // Dotted abbreviations: `e.g`, `U.S`.
                    || c == '.'
                        && seg <= 2
                        && next.is_some_and(char::is_alphabetic)
                        && chars.get(i + 2).is_some_and(|c| *c == '.')
                {
                    i += 1;
                    seg = 0;
                } else {
                    break;
                }
            }
            tokens.push(Token::new(
                Kind::Word(lexicon.word(&chars[start..i])),
                start,
                i,
            ));
        } else if c.is_ascii_digit() {
            let (num, end) = number(chars, i, &mut digits);
            tokens.push(Token::new(Kind::Num(Box::new(num)), i, end));
            i = end;
        } else {
            tokens.push(Token::new(Kind::Sym(c), i, i + 1));
            i += 1;
        }
    }
    tokens
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
/// out plainly (`80924.0`), reused from one number to the next.
fn number(chars: &[char], start: usize, text: &mut String) -> (Num, usize) {
    let digit = |j: usize| chars.get(j).is_some_and(char::is_ascii_digit);
    let mut i = start;
    while digit(i) {
        i += 1;
    }
    text.clear();
    text.extend(&chars[start..i]);
    let mut grouped = false;
    if text.len() <= 3 {
        while chars.get(i).copied().is_some_and(is_group_separator)
            && (1..=3).all(|k| digit(i + k))
            && !digit(i + 4)
        {
            text.extend(&chars[i + 1..i + 4]);
            i += 4;
            grouped = true;
        }
    }
    let int_len = text.len();
    text.push('.');
    if chars.get(i) == Some(&'.') && digit(i + 1) {
        i += 1;
        while digit(i) {
            text.push(chars[i]);
            i += 1;
        }
    }
    let frac_len = text.len() - int_len - 1;
    if frac_len == 0 {
        text.push('0');
    }
    let mut suffix = String::new();
    while chars.get(i).is_some_and(|c| c.is_ascii_alphabetic()) {
        suffix.push(chars[i].to_ascii_lowercase());
        i += 1;
    }
    let value: f64 = text.parse().unwrap_or(0.0);
    let res = if frac_len == 0 {
        let zeros = text[..int_len]
            .bytes()
            .rev()
            .take_while(|c| *c == b'0')
            .count();
        10f64.powi(zeros.min(int_len.saturating_sub(1)) as i32)
    } else {
        10f64.powi(-(frac_len as i32))
    };
    // A time (10:30), a version (1.2.3), a fraction or date (14/02), `17th`, `5G`.
    let joined =
        |j: usize| matches!(chars.get(j), Some(':') | Some('/') | Some('.')) && digit(j + 1);
    let before_joined = start >= 2
        && matches!(chars[start - 1], ':' | '/' | '.')
        && chars[start - 2].is_ascii_digit();
    let known_suffix = suffix.is_empty()
        || words::attached_scale(&suffix).is_some()
        || matches!(suffix.as_str(), "x" | "t" | "mt" | "pc");
    let glued = joined(i) || before_joined || !known_suffix;
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

// --------------------------------------------------------------------------- sentences

fn ends_sentence(tokens: &[Token], k: usize) -> bool {
    let t = &tokens[k];
    match t.kind {
        Kind::Break => true,
        Kind::Sym(';') => true,
        Kind::Sym('.') | Kind::Sym('!') | Kind::Sym('?') | Kind::Sym('…') => {
            // Not after an abbreviation written against the dot (`approx.`, `Jan.`, `U.S.`).
            if t.kind == Kind::Sym('.') && k > 0 {
                let prev = &tokens[k - 1];
                if prev.end == t.start && prev.word().is_some_and(words::is_abbreviation) {
                    return false;
                }
            }
            // Only when followed by a space or the end.
            match tokens.get(k + 1) {
                None => true,
                Some(next) => next.start > t.end || next.kind == Kind::Break,
            }
        }
        _ => false,
    }
}

fn sentences(layout: &Layout, tokens: &[Token]) -> (Vec<Sentence>, Vec<usize>) {
    let mut out: Vec<Sentence> = Vec::new();
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
    for k in 0..tokens.len() {
        let last = k + 1 == tokens.len();
        if !(ends_sentence(tokens, k) || last) {
            continue;
        }
        let end = k + 1;
        let first_line = layout.line_of(tokens[start].start());
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
            LineKind::Heading => None,
            _ => {
                if !same_paragraph {
                    in_list = false;
                }
                if same_paragraph {
                    index.checked_sub(1)
                } else {
                    None
                }
            }
        };
        let has_content = tokens[start..end].iter().any(|t| t.kind != Kind::Break);
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
            prev_line_end = Some(layout.line_of(tokens[end - 1].start()));
        } else if let Some(prev) = out.len().checked_sub(1) {
            for s in &mut sentence_of[start..end] {
                *s = prev;
            }
        }
        start = end;
    }
    (out, sentence_of)
}

/// Whether a sentence ends with a full stop, `!` or `?` (before its line break, if any).
fn ends_with_stop(tokens: &[Token], s: &Sentence) -> bool {
    tokens[s.start..s.end]
        .iter()
        .rev()
        .find(|t| t.kind != Kind::Break)
        .is_some_and(|t| matches!(t.sym(), Some('.' | '!' | '?' | '…')))
}

/// Whether the sentence starting at token `start` is the first on its list item's line.
fn first_line_starts_item(layout: &Layout, tokens: &[Token], start: usize, line: usize) -> bool {
    start == 0
        || layout.line_of(tokens[start - 1].start()) != line
        || tokens[start - 1].kind == Kind::Break
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
    anchor: Option<Date>,
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

/// A relative date at `k`: its last token and the period it names, `None` when it cannot be
/// known (`last year` with no anchor). `that year` and `the same year` refer to the last year
/// written before them; `last year`, `this year`, `next year`, `the previous year`, with a
/// month before them or not (`in June last year`), count from the anchor.
fn relative_at(
    tokens: &[Token],
    k: usize,
    end: usize,
    anchor: Option<Date>,
    previous: Option<i32>,
) -> Option<(usize, usize, Option<Period>)> {
    let word = |j: usize| {
        (j < end)
            .then(|| tokens.get(j).and_then(Token::word))
            .flatten()
    };
    let (month, at) = match month_at(tokens, k).filter(|_| k < end) {
        Some((m, next)) => (Some(m), next),
        None => (None, k),
    };
    let (offset, last) = match (word(at), word(at + 1), word(at + 2)) {
        (Some("last" | "previous"), Some("year"), _) => (Some(-1), at + 1),
        (Some("this"), Some("year"), _) => (Some(0), at + 1),
        (Some("next"), Some("year"), _) => (Some(1), at + 1),
        (Some("the"), Some("previous" | "prior"), Some("year")) => (Some(-1), at + 2),
        (Some("that"), Some("year"), _) => (None, at + 1),
        (Some("the"), Some("same"), Some("year")) => (None, at + 2),
        _ => return None,
    };
    let year = match offset {
        Some(n) => anchor.map(|a| a.year + n),
        None => previous,
    };
    let period = year.map(|y| period(ym(y, month), ym(y, month)));
    Some((k, last, period))
}

#[allow(clippy::too_many_arguments)]
fn find_dates_in(
    tokens: &[Token],
    sentences: &[Sentence],
    sentence_of: &[usize],
    anchor: Option<Date>,
    (body, year): (usize, Option<i32>),
    used: &mut [bool],
    from: usize,
    to: usize,
) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::new();
    let mut k = from;
    while k < to.min(tokens.len()) {
        if used[k] {
            k += 1;
            continue;
        }
        let s = sentence_of[k];
        let end = sentences.get(s).map_or(tokens.len(), |s| s.end);
        let previous = out
            .iter()
            .rev()
            .take_while(|d| d.first >= body)
            .find(|d| !d.baseline)
            .map(|d| d.period.end.year)
            .or(year);
        if let Some((first, last, p)) = relative_at(tokens, k, end, anchor, previous)
            .filter(|(f, l, _)| !used[*f..=*l].iter().any(|u| *u))
        {
            for u in &mut used[first..=last] {
                *u = true;
            }
            if let Some(p) = p {
                let baseline = is_baseline(tokens, first, sentences[s].start)
                    && tokens[first..=last]
                        .iter()
                        .all(|t| t.word() != Some("same"));
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
                out.push(DateMention {
                    sentence: s,
                    first,
                    last,
                    period: p,
                    baseline: is_baseline(tokens, first, sentences[s].start),
                });
                k = last + 1;
            }
            _ => k += 1,
        }
    }
    out
}

fn preceded_by_currency(tokens: &[Token], k: usize) -> bool {
    k > 0 && matches!(tokens[k - 1].sym(), Some('$' | '€' | '£' | '₼' | '₨'))
}

/// `first N months of`, `first half of`, `Q3` before a year.
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
    if word(j) != Some("of") {
        return None;
    }
    let unit = j.checked_sub(1)?;
    let first = unit.checked_sub(2)?;
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
        if t.num().is_some() {
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
    for (phrase, hedge) in words::hedges_before() {
        let hedge = *hedge;
        let n = phrase.len();
        if k < floor + n {
            continue;
        }
        if phrase
            .iter()
            .enumerate()
            .all(|(i, w)| tokens[k - n + i].word() == Some(*w))
        {
            return Some((k - n, hedge));
        }
    }
    None
}

struct Reader<'a> {
    tokens: &'a [Token],
    end: usize,
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
        t.entry()?.in_words?;
        let (v, res, next) = self.number_in_words(j, used);
        (v >= 2.0).then_some((v, res, next, true))
    }

    /// A number written in words from `j` on, however many words it takes: `eleven`,
    /// `eighty-five thousand`, `two hundred and five`, `ninety thousand nine hundred
    /// twenty-four`. Its value, the place of its last digit, and the next token. `and` joins
    /// only after `hundred` or a word of scale, so `between eight and twelve` stays a range.
    fn number_in_words(&self, j: usize, used: &[bool]) -> (f64, f64, usize) {
        let mut total = 0.0f64;
        let mut group = 0.0f64;
        let mut k = j;
        let mut after_scale = false;
        loop {
            if used.get(k).copied().unwrap_or(true) {
                break;
            }
            let Some(entry) = self.get(k).and_then(Token::entry) else {
                break;
            };
            if let Some(v) = entry.in_words {
                // Two plain number words in a row (`eight twelve`) are two numbers; `ninety
                // nine` after a hundred is one.
                if group > 0.0 && (group % 100.0 != 0.0 || v >= 100.0) {
                    break;
                }
                group += v;
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
            if let Some(f) = words::scale(w).filter(|f| *f >= 1e3) {
                if group == 0.0 {
                    break;
                }
                total += group * f;
                group = 0.0;
                after_scale = true;
                k += 1;
                continue;
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
        (value, res, k)
    }

    /// A word of scale at `j`, if any: its factor and the next token.
    fn scale(&self, j: usize, money: bool) -> (f64, usize) {
        match self.word(j) {
            Some(w) if words::scale(w).is_some() => (words::scale(w).unwrap_or(1.0), j + 1),
            Some("m") if money => (1e6, j + 1),
            _ => (1.0, j),
        }
    }
}

fn find_quantities(
    tokens: &[Token],
    sentence_of: &[usize],
    sentences: &[Sentence],
    used: &mut [bool],
) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        if used[k] {
            k += 1;
            continue;
        }
        let s = sentence_of[k];
        let floor = sentences.get(s).map_or(0, |s| s.start);
        let r = Reader {
            tokens,
            end: sentences.get(s).map_or(tokens.len(), |s| s.end),
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

fn quantity_at(r: &Reader, k: usize, floor: usize, used: &[bool]) -> Option<Quantity> {
    let token = r.get(k)?;
    // A multiple written as a word: doubled, tripled.
    if let Some(v) = token.entry().and_then(|w| w.multiple) {
        let (first, hedge) = hedge_before(r.tokens, k, floor).unwrap_or((k, Hedge::Bare));
        return Some(Quantity {
            sentence: 0,
            first,
            last: k,
            core: (k, k),
            amount: Amount::One { value: v, res: 1.0 },
            hedge,
            unit: Unit::Multiple,
            nouns: Vec::new(),
            in_words: false,
        });
    }
    let (mut value, mut res, mut j, in_words) = r.number(k, used)?;
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
            "t" | "mt" => unit = Some(Unit::Mass),
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
            }
            _ => {}
        }
    } else if matches!(r.sym(j), Some('×')) {
        core_end = j;
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
    let bracketed = (r.sym(last + 1) == Some('(') && r.sym(last + 3) == Some(')'))
        .then(|| r.word(last + 2))
        .flatten()
        .and_then(|w| {
            words::hedges_before()
                .iter()
                .find(|(p, _)| p.len() == 1 && p[0] == w)
                .map(|(_, h)| *h)
        });
    if let Some(h) = bracketed {
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
    } else if r.word(last + 1) == Some("plus") || r.word(last + 1) == Some("-plus") {
        hedge_after = Some(Hedge::Over);
        last += 1;
    }
    if unit == Unit::Count {
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
    if hedge_start < start {
        start = hedge_start;
    }
    // A small number word with nothing counted and no hedge (`one of the two`, `ten`) is
    // prose, not a figure; a hedged or larger one (`up to fifty`, `ninety thousand`) is.
    let small = match amount {
        Amount::One { value, .. } => value < 20.0,
        Amount::Range { max, .. } => max < 20.0,
    };
    if in_words && unit == Unit::Count && nouns.is_empty() && small && hedge == Hedge::Bare {
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
        "tons" | "tonnes" | "ton" | "tonne" | "t" | "mt" => (Some(Unit::Mass), j + 1),
        "days" | "day" => (Some(Unit::Days), j + 1),
        "weeks" | "week" | "months" | "month" | "hours" | "hour" | "years" | "km"
        | "kilometres" | "kilometers" | "miles" | "barrels" | "barrel" | "kg" | "kilograms"
        | "litres" | "liters" | "hectares" => (Some(Unit::Other), j + 1),
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

    #[test]
    fn dates_and_baselines() {
        let s = scan(
            "In July 2024 and January–September 2025, up on 2023 and compared with 2022. The first seven months of 2025. Since 1992. 5 July 2024. 2024-25.",
        );
        let d: Vec<(String, bool)> = s
            .dates
            .iter()
            .map(|d| (d.period.to_string(), d.baseline))
            .collect();
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
            ]
        );
        assert!(s.quantities.is_empty(), "{:?}", s.quantities);
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
}
