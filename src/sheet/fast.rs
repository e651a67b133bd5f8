//! A fast reader for sheets written in the plain layout: one `key = value` per line, basic
//! strings without escapes, plain numbers, single-line arrays and inline tables.
//!
//! A generated sheet of 100,000 facts takes seconds through the general TOML parser, which
//! builds a spanned document of the whole file first. This reader goes line by line straight
//! to the raw types and the same checks. It only answers when it is sure: on anything outside
//! the plain layout, and on any problem at all, it gives up and the general parser reads the
//! file, so every diagnostic still comes from one place.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use toml::Spanned;

use super::{
    Checker, Ids, RawFact, RawMeta, RawSector, RawSource, RawSourceRef, check_fact, check_head,
};
use crate::model::{self, Sheet};
use crate::text::is_unsafe;

/// The sheet, when the text is in the plain layout and valid; `None` sends it to the
/// general parser.
///
/// Each fact is checked as soon as it is read, with the same [`check_fact`] the general
/// parser uses, so no table of raw facts is kept. The sectors and sources the facts name are
/// noted and checked once the whole sheet is read (a sheet may define them after the facts);
/// an id given twice is looked for at the end. Any problem gives up.
pub(super) fn parse(text: &str, file: &str, context: &Sheet) -> Option<Sheet> {
    parse_split(text, file, context, split_point(text))
}

/// [`parse`] with the reader's second half starting at `split`, a `[[facts]]` line, when given.
fn parse_split(text: &str, file: &str, context: &Sheet, split: Option<usize>) -> Option<Sheet> {
    let doc = read_split(text, file, split)?;
    let mut ck = Checker {
        file,
        text,
        problems: Vec::new(),
    };
    let head = check_head(doc.meta, doc.sources, doc.sectors, file, &mut ck);
    let used = &doc.used;
    let known = used.sectors.iter().all(|s| head.sector_known(s, context))
        && used.sources.iter().all(|k| head.source_known(k, context));
    if !known || !ck.problems.is_empty() {
        return None;
    }
    let mut seen: HashSet<&str, Ids> =
        HashSet::with_capacity_and_hasher(doc.facts.len(), Ids::default());
    if !doc.facts.iter().all(|f| seen.insert(f.id.as_str())) {
        return None;
    }
    drop(seen);
    Some(head.into_sheet(doc.facts, file))
}

/// The distinct sector names and source keys the facts of a sheet name.
#[derive(Default)]
struct Used {
    sectors: Names,
    sources: Names,
}

impl Used {
    fn extend(&mut self, other: Used) {
        for name in other.sectors.iter() {
            self.sectors.note(name);
        }
        for key in other.sources.iter() {
            self.sources.note(key);
        }
    }
}

/// A set of names. A sheet names few sectors and sources, and a short list finds them with a
/// few comparisons instead of hashing each fact's; past [`Names::FEW`] a hash set holds them.
#[derive(Default)]
struct Names {
    few: Vec<String>,
    many: HashSet<String, Ids>,
}

impl Names {
    const FEW: usize = 8;

    fn note(&mut self, name: &str) {
        if self.few.iter().any(|n| n == name) || self.many.contains(name) {
            return;
        }
        if self.few.len() < Self::FEW {
            self.few.push(name.to_string());
        } else {
            self.many.insert(name.to_string());
        }
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        self.few.iter().chain(&self.many).map(String::as_str)
    }
}

/// The table a line's keys go into.
enum Open {
    None,
    Meta(RawMeta),
    Source(String, usize, Source),
    Sector(String, usize, Option<Spanned<String>>),
    Fact(Box<Fact>),
}

#[derive(Default)]
struct Source {
    title: Option<Spanned<String>>,
    publisher: Option<String>,
    date: Option<Spanned<String>>,
    kind: Option<String>,
    people: Option<Vec<String>>,
    url: Option<String>,
    note: Option<String>,
}

#[derive(Default)]
struct Fact {
    id: Option<Spanned<String>>,
    label: Option<Spanned<String>>,
    value: Option<Spanned<toml::Value>>,
    unit: Option<Spanned<String>>,
    qualifier: Option<Spanned<String>>,
    period: Option<Spanned<String>>,
    tags: Option<Vec<Spanned<String>>>,
    aliases: Option<Vec<Spanned<String>>>,
    source: Option<Spanned<RawSourceRef>>,
    note: Option<String>,
    measure: Option<Spanned<String>>,
}

struct Doc<'a> {
    file: &'a str,
    /// The facts' origin: the sheet file.
    origin: Arc<str>,
    meta: Option<RawMeta>,
    seen_meta: bool,
    sources: BTreeMap<String, Spanned<RawSource>>,
    sectors: BTreeMap<String, Spanned<RawSector>>,
    /// Checked as they were read.
    facts: Vec<model::Fact>,
    used: Used,
}

impl Doc<'_> {
    /// Files the table that was open; `None` when it lacks a required field or, for a fact,
    /// has a problem.
    fn close(&mut self, open: Open, end: usize) -> Option<()> {
        match open {
            Open::None => {}
            Open::Meta(meta) => self.meta = Some(meta),
            Open::Source(key, start, s) => {
                let source = RawSource {
                    title: s.title?,
                    publisher: s.publisher,
                    date: s.date,
                    kind: s.kind,
                    people: s.people.unwrap_or_default(),
                    url: s.url,
                    note: s.note,
                };
                self.sources.insert(key, Spanned::new(start..end, source));
            }
            Open::Sector(name, start, description) => {
                let sector = RawSector {
                    description: description?,
                };
                self.sectors.insert(name, Spanned::new(start..end, sector));
            }
            Open::Fact(f) => {
                let raw = RawFact {
                    id: f.id?,
                    label: f.label?,
                    value: f.value?,
                    unit: f.unit,
                    qualifier: f.qualifier,
                    period: f.period,
                    tags: f.tags.unwrap_or_default(),
                    aliases: f.aliases.unwrap_or_default(),
                    source: f.source?,
                    note: f.note,
                    measure: f.measure,
                };
                // Only whether there is a problem matters here: the general parser says which.
                let mut ck = Checker {
                    file: self.file,
                    text: "",
                    problems: Vec::new(),
                };
                let used = &mut self.used;
                let fact = check_fact(
                    raw,
                    &self.origin,
                    &mut ck,
                    false,
                    |sector| {
                        used.sectors.note(sector);
                        true
                    },
                    |key| {
                        used.sources.note(key);
                        None
                    },
                )?;
                if !ck.problems.is_empty() {
                    return None;
                }
                self.facts.push(fact);
            }
        }
        Some(())
    }
}

/// The first line of the second half of a large sheet: a `[[facts]]` header near the middle.
/// `None` for a sheet too small to be worth a second thread, or without such a line.
fn split_point(text: &str) -> Option<usize> {
    if text.len() < SPLIT_BYTES {
        return None;
    }
    let mut from = text.len() / 2;
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text[from..].find("\n[[facts]]").map(|at| from + at + 1)
}

/// Sheets at least this large are read on two threads.
const SPLIT_BYTES: usize = 1 << 20;

/// Reads the sheet; a large one in two halves, the second starting at `split`, a `[[facts]]`
/// line, on two threads. Each line is read the same way whatever came before it except for
/// the table it belongs to, and the second half starts with a header, so the halves joined
/// are what one pass gives; a table or `[sheet]` given in both halves is refused as one pass
/// refuses it.
fn read_split<'a>(text: &str, file: &'a str, split: Option<usize>) -> Option<Doc<'a>> {
    let origin: Arc<str> = Arc::from(file);
    let (doc, any_table) = match split {
        None => read_part(text, 0, file, &origin)?,
        Some(mid) => {
            let (first, second) = std::thread::scope(|scope| {
                let second = scope.spawn(|| read_part(&text[mid..], mid, file, &origin));
                let first = read_part(&text[..mid], 0, file, &origin);
                // A panic in the reader aborts the process (release) or fails the test.
                (first, second.join().ok().flatten())
            });
            let ((mut doc, a), (rest, b)) = (first?, second?);
            if rest.seen_meta && doc.seen_meta
                || rest.sources.keys().any(|k| doc.sources.contains_key(k))
                || rest.sectors.keys().any(|k| doc.sectors.contains_key(k))
            {
                return None;
            }
            doc.seen_meta |= rest.seen_meta;
            doc.meta = doc.meta.or(rest.meta);
            doc.sources.extend(rest.sources);
            doc.sectors.extend(rest.sectors);
            doc.facts.extend(rest.facts);
            doc.used.extend(rest.used);
            (doc, a || b)
        }
    };
    any_table.then_some(doc)
}

/// Reads `text`, which starts at byte `base` of the sheet, into a document of its own.
fn read_part<'a>(
    text: &str,
    base: usize,
    file: &'a str,
    origin: &Arc<str>,
) -> Option<(Doc<'a>, bool)> {
    let mut doc = Doc {
        file,
        origin: Arc::clone(origin),
        meta: None,
        seen_meta: false,
        sources: BTreeMap::new(),
        sectors: BTreeMap::new(),
        facts: Vec::new(),
        used: Used::default(),
    };
    let mut open = Open::None;
    let mut any_table = false;
    let mut offset = base;
    for line in lines(text) {
        let start = offset;
        offset += line.len();
        let body = line.strip_suffix('\n').unwrap_or(line);
        let body = body.strip_suffix('\r').unwrap_or(body);
        let mut c = Cursor {
            s: body,
            at: 0,
            base: start,
        };
        c.blank();
        if c.done() || c.peek() == Some(b'#') {
            c.end()?;
            continue;
        }
        if c.peek() == Some(b'[') {
            let header = c.header()?;
            c.end()?;
            let next = match header {
                Header::Facts => Open::Fact(Box::default()),
                Header::Meta if !doc.seen_meta => {
                    doc.seen_meta = true;
                    Open::Meta(RawMeta {
                        title: String::new(),
                        description: String::new(),
                    })
                }
                Header::Meta => return None,
                Header::Source(key) if !doc.sources.contains_key(key) => {
                    Open::Source(key.to_string(), start, Source::default())
                }
                Header::Sector(name) if !doc.sectors.contains_key(name) => {
                    Open::Sector(name.to_string(), start, None)
                }
                Header::Source(_) | Header::Sector(_) => return None,
            };
            doc.close(std::mem::replace(&mut open, next), start)?;
            any_table = true;
            continue;
        }
        let key = c.key()?;
        c.blank();
        c.eat(b'=')?;
        c.blank();
        match &mut open {
            Open::None => return None,
            Open::Meta(m) => {
                let slot = match key {
                    "title" => &mut m.title,
                    "description" => &mut m.description,
                    _ => return None,
                };
                // A key given twice is a TOML error: let the general parser say so.
                if !slot.is_empty() {
                    return None;
                }
                *slot = c.string()?.into_inner();
                if slot.is_empty() {
                    return None;
                }
            }
            Open::Source(_, _, s) => match key {
                "title" => set(&mut s.title, c.string()?)?,
                "date" => set(&mut s.date, c.string()?)?,
                "publisher" => set(&mut s.publisher, c.string()?.into_inner())?,
                "kind" => set(&mut s.kind, c.string()?.into_inner())?,
                "url" => set(&mut s.url, c.string()?.into_inner())?,
                "note" => set(&mut s.note, c.string()?.into_inner())?,
                "people" => {
                    let people = c.strings()?.into_iter().map(Spanned::into_inner);
                    set(&mut s.people, people.collect())?
                }
                _ => return None,
            },
            Open::Sector(_, _, description) => match key {
                "description" => set(description, c.string()?)?,
                _ => return None,
            },
            Open::Fact(f) => match key {
                "id" => set(&mut f.id, c.string()?)?,
                "label" => set(&mut f.label, c.string()?)?,
                "value" => set(&mut f.value, c.value()?)?,
                "unit" => set(&mut f.unit, c.string()?)?,
                "qualifier" => set(&mut f.qualifier, c.string()?)?,
                "period" => set(&mut f.period, c.string()?)?,
                "tags" => set(&mut f.tags, c.strings()?)?,
                "aliases" => set(&mut f.aliases, c.strings()?)?,
                "note" => set(&mut f.note, c.string()?.into_inner())?,
                "measure" => set(&mut f.measure, c.string()?)?,
                "source" => set(&mut f.source, c.source_ref()?)?,
                _ => return None,
            },
        }
        c.end()?;
    }
    doc.close(open, base + text.len())?;
    Some((doc, any_table))
}

/// The lines of `text`, each with its `\n` (as `split_inclusive('\n')` gives them). Sheet
/// lines are short, and a plain loop finds their ends faster than a searcher set up per line.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .bytes()
            .position(|b| b == b'\n')
            .map_or(rest.len(), |at| at + 1);
        // `\n` is ASCII, so the byte after it starts a character.
        let (line, tail) = rest.split_at(end);
        rest = tail;
        Some(line)
    })
}

/// Fills a field once; a second time is a duplicate key.
fn set<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value);
    Some(())
}

enum Header<'a> {
    Meta,
    Source(&'a str),
    Sector(&'a str),
    Facts,
}

/// A position in one line; `base` is the line's offset in the file, for spans.
struct Cursor<'a> {
    s: &'a str,
    at: usize,
    base: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.at).copied()
    }

    fn done(&self) -> bool {
        self.at >= self.s.len()
    }

    fn blank(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.at += 1)
    }

    /// The rest of the line is blank or a comment without control characters.
    fn end(&mut self) -> Option<()> {
        self.blank();
        if self.done() {
            return Some(());
        }
        let rest = &self.s[self.at..];
        (rest.starts_with('#') && !rest.chars().any(|c| c != '\t' && c.is_control())).then_some(())
    }

    /// A bare key: ASCII letters, digits, `_` and `-`.
    fn key(&mut self) -> Option<&'a str> {
        let start = self.at;
        while matches!(self.peek(), Some(b) if b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            self.at += 1;
        }
        (self.at > start).then(|| &self.s[start..self.at])
    }

    fn header(&mut self) -> Option<Header<'a>> {
        if self.s[self.at..].starts_with("[[") {
            self.at += 2;
            self.blank();
            let key = self.key()?;
            self.blank();
            self.eat(b']')?;
            self.eat(b']')?;
            return (key == "facts").then_some(Header::Facts);
        }
        self.eat(b'[')?;
        self.blank();
        let table = self.key()?;
        self.blank();
        let header = if self.peek() == Some(b'.') {
            self.at += 1;
            self.blank();
            let name = self.key()?;
            self.blank();
            match table {
                "sources" => Header::Source(name),
                "sectors" => Header::Sector(name),
                _ => return None,
            }
        } else if table == "sheet" {
            Header::Meta
        } else {
            return None;
        };
        self.eat(b']')?;
        Some(header)
    }

    /// A basic string without escapes or any character a sheet may not hold.
    fn string(&mut self) -> Option<Spanned<String>> {
        let start = self.at;
        self.eat(b'"')?;
        let rest = &self.s[self.at..];
        // One pass over the bytes finds the closing quote, or first an escape or an ASCII
        // control, which are refused; only text that is not ASCII is decoded to look for
        // other unsafe characters.
        let bytes = rest.as_bytes();
        let len = bytes
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b.is_ascii_control())?;
        if bytes[len] != b'"' {
            return None;
        }
        let content = &rest[..len];
        if !content.is_ascii() && content.chars().any(is_unsafe) {
            return None;
        }
        // `"""` opens a multi-line string.
        if len == 0 && rest.as_bytes().get(1) == Some(&b'"') {
            return None;
        }
        self.at += len + 1;
        let span = self.base + start..self.base + self.at;
        Some(Spanned::new(span, content.to_string()))
    }

    /// `[ "a", "b" ]` on one line (a trailing comma allowed).
    fn strings(&mut self) -> Option<Vec<Spanned<String>>> {
        self.eat(b'[')?;
        let mut items = Vec::new();
        loop {
            self.blank();
            if self.eat(b']').is_some() {
                return Some(items);
            }
            items.push(self.string()?);
            self.blank();
            if self.eat(b',').is_none() {
                self.blank();
                self.eat(b']')?;
                return Some(items);
            }
        }
    }

    /// An integer or a float in plain decimal notation.
    fn number(&mut self) -> Option<toml::Value> {
        let start = self.at;
        self.eat(b'-');
        let digits = |c: &mut Self| {
            let from = c.at;
            while matches!(c.peek(), Some(b'0'..=b'9')) {
                c.at += 1;
            }
            c.at - from
        };
        let int_start = self.at;
        let int_len = digits(self);
        // TOML has no leading zeros.
        if int_len == 0 || (int_len > 1 && self.s.as_bytes()[int_start] == b'0') {
            return None;
        }
        let mut float = false;
        if self.eat(b'.').is_some() {
            float = true;
            if digits(self) == 0 {
                return None;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            float = true;
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if digits(self) == 0 {
                return None;
            }
        }
        let text = &self.s[start..self.at];
        if float {
            text.parse().ok().map(toml::Value::Float)
        } else {
            text.parse().ok().map(toml::Value::Integer)
        }
    }

    /// A fact's value: text, a number, or `{ min = N, max = N }`.
    fn value(&mut self) -> Option<Spanned<toml::Value>> {
        let start = self.at;
        let value = match self.peek()? {
            b'"' => toml::Value::String(self.string()?.into_inner()),
            b'{' => {
                let mut table = toml::Table::new();
                self.inline(|c, key| {
                    let n = c.number()?;
                    match key {
                        "min" | "max" if !table.contains_key(key) => {
                            table.insert(key.to_string(), n);
                            Some(())
                        }
                        _ => None,
                    }
                })?;
                toml::Value::Table(table)
            }
            _ => self.number()?,
        };
        Some(Spanned::new(self.base + start..self.base + self.at, value))
    }

    /// `{ key = "...", section = "..." }`.
    fn source_ref(&mut self) -> Option<Spanned<RawSourceRef>> {
        let start = self.at;
        let (mut key, mut section) = (None, None);
        self.inline(|c, name| match name {
            "key" => set(&mut key, c.string()?),
            "section" => set(&mut section, c.string()?.into_inner()),
            _ => None,
        })?;
        let span = self.base + start..self.base + self.at;
        Some(Spanned::new(span, RawSourceRef { key: key?, section }))
    }

    /// A one-line inline table, each `key = value` handed to `entry`.
    fn inline(&mut self, mut entry: impl FnMut(&mut Self, &str) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        self.blank();
        if self.eat(b'}').is_some() {
            return Some(());
        }
        loop {
            self.blank();
            let key = self.key()?;
            self.blank();
            self.eat(b'=')?;
            self.blank();
            entry(self, key)?;
            self.blank();
            if self.eat(b'}').is_some() {
                return Some(());
            }
            self.eat(b',')?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::{BUNDLED_NAME, BUNDLED_TEXT};

    /// [`parse`], with the reader's halves split at `split`.
    fn parse_split(text: &str, split: Option<usize>) -> Option<Sheet> {
        super::parse_split(text, "t.toml", &Sheet::default(), split)
    }

    fn fact(id: &str) -> String {
        format!(
            "[[facts]]\nid = \"{id}\"\nlabel = \"L\"\nvalue = 1\nunit = \"t\"\nsource = {{ key = \"s\" }}\n"
        )
    }

    #[test]
    fn halves_read_on_two_threads_give_what_one_pass_gives() {
        let head = "[sheet]\ntitle = \"T\"\n[sectors.trade]\ndescription = \"D\"\n";
        let facts: String = (0..6).map(|i| fact(&format!("trade.f{i}"))).collect();
        // The source comes after the facts, so the first half refers to one defined later.
        let text = format!("{head}{facts}[sources.s]\ntitle = \"S\"\n");
        let whole = parse_split(&text, None).expect("plain layout");
        assert_eq!(whole.facts.len(), 6);
        let splits: Vec<usize> = text.match_indices("[[facts]]").map(|(at, _)| at).collect();
        assert_eq!(splits.len(), 6);
        for &at in &splits {
            assert_eq!(
                parse_split(&text, Some(at)).as_ref(),
                Some(&whole),
                "split at {at}"
            );
        }
        // The same id in both halves is still a duplicate; so is a table given in both.
        let dup = format!(
            "{head}[sources.s]\ntitle = \"S\"\n{}{}",
            fact("trade.a"),
            fact("trade.a")
        );
        let at = dup.rfind("[[facts]]");
        assert!(at.is_some());
        assert!(parse_split(&dup, at).is_none());
        assert!(parse_split(&dup, None).is_none());
        for table in [
            "[sources.s]\ntitle = \"S\"\n",
            "[sheet]\ntitle = \"U\"\n",
            "[sectors.trade]\ndescription = \"D\"\n",
        ] {
            let twice = format!(
                "{head}[sources.s]\ntitle = \"S\"\n{}{}{table}",
                fact("trade.a"),
                fact("trade.b")
            );
            let at = twice.rfind("[[facts]]");
            assert!(parse_split(&twice, at).is_none(), "{table}");
            assert!(parse_split(&twice, None).is_none(), "{table}");
        }
    }

    #[test]
    fn lines_are_split_as_split_inclusive_splits_them() {
        for text in ["", "\n", "a", "a\n", "a\r\nb", "\n\nü\nx\n", BUNDLED_TEXT] {
            let ours: Vec<&str> = lines(text).collect();
            let std: Vec<&str> = text.split_inclusive('\n').collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    #[test]
    fn strings_with_controls_or_unsafe_characters_go_to_the_general_parser() {
        for label in [
            "a\tb",
            "a\u{7f}",
            "a\u{1b}",
            "x\u{202E}y",
            "\u{9b}",
            "ü\u{200B}",
        ] {
            let mut c = Cursor {
                s: &format!("\"{label}\""),
                at: 0,
                base: 0,
            };
            assert!(c.string().is_none(), "{label:?}");
        }
        let mut c = Cursor {
            s: "\"ü – ≈\" x",
            at: 0,
            base: 0,
        };
        assert_eq!(
            c.string().map(Spanned::into_inner).as_deref(),
            Some("ü – ≈")
        );
    }

    #[test]
    fn only_large_sheets_are_split_and_at_a_facts_line() {
        assert_eq!(split_point(BUNDLED_TEXT), None);
        let one = fact("trade.x");
        let text = one.repeat(SPLIT_BYTES / one.len() + 2);
        let at = split_point(&text).expect("large enough");
        assert!(text[at..].starts_with("[[facts]]\n"));
        assert!(text[..at].ends_with('\n'));
        assert!(at >= text.len() / 2);
    }

    fn general(text: &str) -> Sheet {
        let (sheet, problems) = super::super::parse_general(text, "t.toml", &Sheet::default());
        assert!(problems.is_empty(), "{problems:?}");
        sheet
    }

    #[test]
    fn the_bundled_sheet_reads_as_the_general_parser_reads_it() {
        let fast = parse(BUNDLED_TEXT, BUNDLED_NAME, &Sheet::default()).expect("plain layout");
        let (slow, problems) =
            super::super::parse_general(BUNDLED_TEXT, BUNDLED_NAME, &Sheet::default());
        assert!(problems.is_empty());
        assert_eq!(fast, slow);
    }

    #[test]
    fn plain_values_read_the_same() {
        let text = "# c\n[sheet]\ntitle = \"T\" # note\n\n[sources.s]\ntitle = \"S\"\npeople = [\"A\", \"B\",]\n\
            [sectors.trade]\ndescription = \"D\"\r\n[[facts]]\nid = \"trade.a\"\nlabel = \"ü\"\n\
            value = -1.5e3\nunit = \"t\"\nmeasure = \"trade.a-b\"\nsource = { key = \"s\" }\n[[ facts ]]\nid=\"trade.b\"\n\
            label=\"L\"\nvalue={min=1,max=2}\nunit=\"d\"\ntags=[]\nsource={key=\"s\",section=\"x\"}\n";
        let fast = parse(text, "t.toml", &Sheet::default()).expect("plain layout");
        assert_eq!(fast.facts[0].measure.as_deref(), Some("trade.a-b"));
        assert_eq!(fast, general(text));
    }

    #[test]
    fn anything_else_goes_to_the_general_parser() {
        let head = "[sources.s]\ntitle = \"T\"\n[sectors.trade]\ndescription = \"D\"\n[[facts]]\n";
        for body in [
            "id = \"trade.x\"\nlabel = \"a\\u00e9\"\nvalue = \"v\"\nsource = { key = \"s\" }",
            "id = \"trade.x\"\nlabel = 'L'\nvalue = \"v\"\nsource = { key = \"s\" }",
            "id = \"trade.x\"\nlabel = \"L\"\nvalue = 1_000\nunit = \"t\"\nsource = { key = \"s\" }",
            "id = \"trade.x\"\nlabel = \"L\"\nvalue = 0x10\nunit = \"t\"\nsource = { key = \"s\" }",
            "id = \"trade.x\"\nlabel = \"L\"\nvalue = inf\nunit = \"t\"\nsource = { key = \"s\" }",
            "id = \"trade.x\"\nlabel = \"L\"\nlabel = \"M\"\nvalue = \"v\"\nsource = { key = \"s\" }",
            "id = \"trade.x\"\nlable = \"L\"\nvalue = \"v\"\nsource = { key = \"s\" }",
            "id = \"trade.x\"\nvalue = \"v\"\nsource = { key = \"s\" }",
            "id = \"trade.x\"\nlabel = \"L\"\nvalue = \"v\"\nsource.key = \"s\"",
            "id = \"farm.x\"\nlabel = \"L\"\nvalue = \"v\"\nsource = { key = \"s\" }",
            "id = \"trade.x\"\nlabel = \"L\"\nvalue = \"v\"\nnote = \"\"\"a\"\"\"\nsource = { key = \"s\" }",
        ] {
            let text = format!("{head}{body}\n");
            assert!(
                parse(&text, "t.toml", &Sheet::default()).is_none(),
                "{body}"
            );
        }
        for text in [
            "",
            "# only a comment\n",
            "title = \"x\"\n",
            "[sheet]\n[sheet]\n",
        ] {
            assert!(parse(text, "t.toml", &Sheet::default()).is_none(), "{text}");
        }
    }
}
