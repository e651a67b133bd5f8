//! Reading a sheet: TOML or JSON into raw serde types, then checked into the validated
//! [`Sheet`]; and laying sheets over one another ([`Merged`]).
//!
//! Every problem is collected with its place in the file, so `validate` can report them all
//! and every other command can stop at the first. The tolerant walk over TOML that finds
//! unknown keys lives in `shape.rs`.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::diag::{Diagnostic, Locator, did_you_mean};
use crate::model::{Fact, Loaded, Qualifier, Sector, Sheet, Source, SourceRef, Value};
use crate::period::Period;
use crate::text::{is_unsafe, sanitize};

mod shape;

use shape::{Fields, fields_of};

/// The sheet compiled into the binary, as written: `validate` reports on it with its lines.
pub const BUNDLED_TEXT: &str = include_str!("../../facts.toml");
/// The same sheet converted to JSON at build time (`build.rs`), which every other command
/// reads: serde_json reads it in a fraction of the `toml` crate's time.
const BUNDLED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/facts.json"));
/// The name the bundled sheet goes by in messages and in `origin`.
pub const BUNDLED_NAME: &str = "bundled";

/// Numbers beyond this lose precision as f64; a sheet may not hold them.
const MAX_EXACT_INTEGER: i64 = 1 << 53;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a sheet")]
struct RawSheet<'a> {
    sheet: Option<RawMeta>,
    #[serde(default)]
    sources: BTreeMap<String, At<RawSource>>,
    #[serde(default)]
    sectors: BTreeMap<String, At<RawSector>>,
    #[serde(default, borrow)]
    facts: Vec<At<RawFact<'a>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a [sheet] table")]
struct RawMeta {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a [sources.KEY] table")]
struct RawSource {
    title: At<String>,
    publisher: Option<String>,
    date: Option<At<String>>,
    kind: Option<String>,
    #[serde(default)]
    people: Vec<String>,
    #[serde(default)]
    interviewer: Vec<String>,
    url: Option<String>,
    accessed: Option<At<String>>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a [sectors.NAME] table")]
struct RawSector {
    description: At<String>,
}

/// A fact as the file gives it. Its strings borrow from the file's text where the format
/// lets them (no escapes): those that the checked fact keeps are copied once, into the
/// model, and those it only reads (qualifier, period) are never copied.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a [[facts]] table")]
struct RawFact<'a> {
    #[serde(borrow)]
    id: At<Text<'a>>,
    #[serde(borrow)]
    label: At<Text<'a>>,
    value: At<toml::Value>,
    #[serde(borrow)]
    unit: Option<At<Text<'a>>>,
    #[serde(borrow)]
    qualifier: Option<At<Text<'a>>>,
    #[serde(borrow)]
    period: Option<At<Text<'a>>>,
    #[serde(default, borrow)]
    tags: Vec<At<Text<'a>>>,
    #[serde(default, borrow)]
    aliases: Vec<At<Text<'a>>>,
    #[serde(borrow)]
    source: At<RawSourceRef<'a>>,
    #[serde(borrow)]
    note: Option<Text<'a>>,
    #[serde(borrow)]
    measure: Option<At<Text<'a>>>,
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table { key = \"...\", section = \"...\" }"
)]
struct RawSourceRef<'a> {
    #[serde(borrow)]
    key: At<Text<'a>>,
    #[serde(borrow)]
    section: Option<Text<'a>>,
}

/// A string of a sheet, borrowed from the file's text when it holds no escapes.
#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(transparent)]
struct Text<'a>(#[serde(borrow)] Cow<'a, str>);

impl Text<'_> {
    fn as_str(&self) -> &str {
        &self.0
    }

    /// The string for the model: copied once when it was borrowed.
    fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// The most problems of one file that are turned into diagnostics; past that they are only
/// counted. A generated or corrupted file can hold millions, and nobody reads them all.
pub const MAX_REPORTED: usize = 1000;

/// Collects problems in one file: a span and a message each, placed in the text at the end.
/// In a format that gives no places (JSON), a message names the item it is about instead.
pub(crate) struct Problems<'a> {
    file: &'a str,
    text: &'a str,
    placed: bool,
    /// The item being checked, such as `fact 'trade.x'`, for messages without a place.
    item: String,
    problems: Vec<(Range<usize>, String)>,
}

impl<'a> Problems<'a> {
    fn new(file: &'a str, text: &'a str, placed: bool) -> Self {
        Problems {
            file,
            text,
            placed,
            item: String::new(),
            problems: Vec::new(),
        }
    }

    pub(crate) fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        let message = message.into();
        let message = if self.placed || self.item.is_empty() {
            message
        } else {
            format!("{}: {message}", self.item)
        };
        self.problems.push((span, message));
    }

    /// Names the item that the next problems are about, for a format without places.
    fn about(&mut self, item: impl FnOnce() -> String) {
        if !self.placed {
            self.item = item();
        }
    }

    /// Whether enough problems are known that checking further items is wasted work.
    pub(crate) fn saturated(&self) -> bool {
        self.problems.len() >= MAX_REPORTED
    }

    /// The problems in file order, as diagnostics: at most [`MAX_REPORTED`], then one that
    /// says how many more there were.
    fn finish(mut self) -> Vec<Diagnostic> {
        let total = self.problems.len();
        let mut out: Vec<Diagnostic> = if self.placed {
            self.problems.sort_by_key(|(span, _)| span.start);
            let mut locator = Locator::new(self.text);
            self.problems
                .into_iter()
                .take(MAX_REPORTED)
                .map(|(span, message)| locator.place(self.file, span, message))
                .collect()
        } else {
            self.problems.sort_by_key(|(rank, _)| rank.start);
            self.problems
                .into_iter()
                .take(MAX_REPORTED)
                .map(|(_, message)| Diagnostic::file_level(self.file, message))
                .collect()
        };
        if total >= MAX_REPORTED {
            out.push(Diagnostic::file_level(
                self.file,
                format!(
                    "too many problems: stopped checking after {MAX_REPORTED}; \
                     this does not look like a fact sheet"
                ),
            ));
        }
        out
    }
}

/// A value of a sheet with its byte range in the file. TOML gives every value its range;
/// serde_json gives none (only its syntax and type errors have a place), so a JSON sheet is
/// read with the ranges left empty and its problems name the item instead. The range is kept
/// in 32 bits (a sheet is at most 64 MiB): a raw fact holds a dozen of them.
#[derive(Debug, Clone, PartialEq)]
struct At<T> {
    start: u32,
    end: u32,
    value: T,
}

impl<T> At<T> {
    fn new(span: Range<usize>, value: T) -> Self {
        let at = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        At {
            start: at(span.start),
            end: at(span.end),
            value,
        }
    }

    fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    fn get_ref(&self) -> &T {
        &self.value
    }

    fn into_inner(self) -> T {
        self.value
    }
}

thread_local! {
    /// While a format without places is read ([`parse_json`]): how many values have been
    /// read, so that each takes its rank in the file as its range and file order is kept.
    static UNPLACED: Cell<Option<usize>> = const { Cell::new(None) };
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if let Some(rank) = UNPLACED.get() {
            UNPLACED.set(Some(rank + 1));
            let value = T::deserialize(d)?;
            Ok(At::new(rank..rank, value))
        } else {
            let spanned = Spanned::<T>::deserialize(d)?;
            Ok(At::new(spanned.span(), spanned.into_inner()))
        }
    }
}

/// Parses and validates one sheet file. `context` is what was loaded before it: its sectors
/// and sources may be referred to. Returns every problem found, in file order.
pub fn parse(text: &str, file: &str, context: &Sheet) -> Result<Sheet, Vec<Diagnostic>> {
    let (sheet, problems) = parse_all(text, file, context);
    if problems.is_empty() {
        Ok(sheet)
    } else {
        Err(problems)
    }
}

/// Like [`parse`], but also returns what was valid when there are problems, so that a later
/// sheet checked against it does not report references to the parts that were fine.
pub fn parse_all(text: &str, file: &str, context: &Sheet) -> (Sheet, Vec<Diagnostic>) {
    if file.ends_with(".json") {
        parse_json(text, file, context)
    } else {
        parse_toml(text, file, context)
    }
}

/// A JSON sheet: the schema `pakaz schema` prints, read with serde_json into the same raw
/// types as TOML and checked by the same rules. serde_json stops at the first syntax error,
/// type error or unknown field and places it by line and column; the rules after that name
/// the item.
fn parse_json(text: &str, file: &str, context: &Sheet) -> (Sheet, Vec<Diagnostic>) {
    UNPLACED.set(Some(0));
    let raw = serde_json::from_str::<RawSheet>(text);
    UNPLACED.set(None);
    let raw = match raw {
        Ok(raw) => raw,
        Err(e) => {
            let message = e.to_string();
            // serde_json ends its message with the place, which the diagnostic shows itself.
            let message = match message.rfind(" at line ") {
                Some(i) => message[..i].to_string(),
                None => message,
            };
            let mut d = Diagnostic::file_level(file, message);
            (d.line, d.column) = (e.line(), e.column());
            return (Sheet::default(), vec![d]);
        }
    };
    if raw.sheet.is_none()
        && raw.sources.is_empty()
        && raw.sectors.is_empty()
        && raw.facts.is_empty()
    {
        let problem = Diagnostic::file_level(
            file,
            "the sheet is empty: it defines no facts, sources or sectors",
        );
        return (Sheet::default(), vec![problem]);
    }
    let mut ck = Problems::new(file, text, false);
    let sheet = check(raw, file, &mut ck, context);
    unsafe_strings(&sheet, &mut ck);
    (sheet, ck.finish())
}

/// TOML reports terminal controls in any string during its tolerant first pass; JSON, whose
/// escapes are the only way to write one, has them reported here, after the fact.
fn unsafe_strings(sheet: &Sheet, ck: &mut Problems<'_>) {
    let bad = |s: &str| s.chars().any(is_unsafe);
    for f in &sheet.facts {
        let fields = [
            ("label", Some(&f.label)),
            ("unit", f.unit.as_ref()),
            ("note", f.note.as_ref()),
            ("source.section", f.source.section.as_ref()),
        ];
        let text = match &f.value {
            Value::Text(t) => Some(("value", t)),
            _ => None,
        };
        let listed = f
            .tags
            .iter()
            .map(|t| ("tags", t))
            .chain(f.aliases.iter().map(|a| ("aliases", a)));
        for (field, s) in fields
            .into_iter()
            .filter_map(|(n, s)| Some((n, s?)))
            .chain(text)
            .chain(listed)
        {
            if bad(s) {
                ck.about(|| format!("fact '{}'", sanitize(&f.id)));
                ck.error(
                    usize::MAX..usize::MAX,
                    format!("{field} holds a terminal control character"),
                );
            }
        }
    }
    for s in sheet.sources.values() {
        let fields = [
            Some(&s.title),
            s.publisher.as_ref(),
            s.date.as_ref(),
            s.kind.as_ref(),
            s.url.as_ref(),
            s.accessed.as_ref(),
            s.note.as_ref(),
        ];
        if bad(&s.key)
            || fields
                .into_iter()
                .flatten()
                .chain(&s.people)
                .chain(&s.interviewer)
                .any(|v| bad(v))
        {
            ck.about(|| format!("source '{}'", sanitize(&s.key)));
            ck.error(
                usize::MAX..usize::MAX,
                "a field holds a terminal control character",
            );
        }
    }
    for s in &sheet.sectors {
        if bad(&s.name) || bad(&s.description) {
            ck.about(|| format!("sector '{}'", sanitize(&s.name)));
            ck.error(
                usize::MAX..usize::MAX,
                "a field holds a terminal control character",
            );
        }
    }
    if bad(&sheet.title) || bad(&sheet.description) {
        ck.about(|| "sheet".to_string());
        ck.error(
            usize::MAX..usize::MAX,
            "the title or description holds a terminal control character",
        );
    }
}

/// A TOML sheet, through the tolerant first pass ([`shape`]) so that every problem is found.
fn parse_toml(text: &str, file: &str, context: &Sheet) -> (Sheet, Vec<Diagnostic>) {
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(e) => return (Sheet::default(), vec![syntax_error(text, file, &e)]),
    };
    if root.get_ref().is_empty() {
        let problem = Diagnostic::file_level(
            file,
            "the sheet is empty: it defines no [[facts]], [sources.KEY] or [sectors.NAME]",
        );
        return (Sheet::default(), vec![problem]);
    }
    let mut ck = Problems::new(file, text, true);
    let fields = Fields {
        top: fields_of::<RawSheet>(),
        meta: fields_of::<RawMeta>(),
        source: fields_of::<RawSource>(),
        sector: fields_of::<RawSector>(),
        fact: fields_of::<RawFact>(),
        source_ref: fields_of::<RawSourceRef>(),
    };
    let items = shape::split(root.into_inner(), &fields, &mut ck);
    let raw = RawSheet {
        sheet: items.meta.and_then(|m| item(m, &mut ck)),
        sources: items
            .sources
            .into_iter()
            .filter_map(|(key, v)| Some((key.into_inner(), spanned_item(v, &mut ck)?)))
            .collect(),
        sectors: items
            .sectors
            .into_iter()
            .filter_map(|(key, v)| Some((key.into_inner(), spanned_item(v, &mut ck)?)))
            .collect(),
        facts: items
            .facts
            .into_iter()
            .filter_map(|v| {
                if ck.saturated() {
                    return None;
                }
                spanned_item(v, &mut ck)
            })
            .collect(),
    };
    let sheet = check(raw, file, &mut ck, context);
    (sheet, ck.finish())
}

/// A TOML syntax error, worded for people (the parser's recursion guard is what stops
/// deeply nested input).
fn syntax_error(text: &str, file: &str, e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim_end();
    let message = if message.contains("recursion") {
        "nested too deep: a sheet's tables and arrays go only a few levels deep".to_string()
    } else {
        message.to_string()
    };
    Diagnostic::at(file, text, e.span(), message)
}

/// Deserializes one item of the document; a wrong type or a missing field is reported
/// against the item and the item is left out.
fn item<'i, T: Deserialize<'i>>(value: Spanned<DeValue<'i>>, ck: &mut Problems<'_>) -> Option<T> {
    let span = value.span();
    T::deserialize(ValueDeserializer::from(value))
        .map_err(|e| {
            ck.error(
                e.span().unwrap_or(span),
                e.message().trim_end().replace('`', "'"),
            )
        })
        .ok()
}

fn spanned_item<'i, T: Deserialize<'i>>(
    value: Spanned<DeValue<'i>>,
    ck: &mut Problems<'_>,
) -> Option<At<T>> {
    let span = value.span();
    item(value, ck).map(|value| At::new(span, value))
}

fn check(raw: RawSheet<'_>, file: &str, ck: &mut Problems<'_>, context: &Sheet) -> Sheet {
    let head = check_head(raw.sheet, raw.sources, raw.sectors, file, ck);
    let source_keys = || {
        head.sources
            .keys()
            .chain(context.sources.keys())
            .map(String::as_str)
    };
    // Which facts repeat an id given earlier in the file, found with the ids borrowed.
    let repeated: Vec<bool> = {
        let mut seen: HashSet<&str> = HashSet::with_capacity(raw.facts.len());
        raw.facts
            .iter()
            .map(|f| !seen.insert(f.get_ref().id.get_ref().as_str()))
            .collect()
    };
    let origin: Arc<str> = Arc::from(file);
    // Where each checked fact's measure stands, for the check across facts below.
    let mut measure_spans = Vec::new();
    let mut repeated = repeated.into_iter();
    // Each checked fact takes the place of its raw fact in the same allocation (the standard
    // library collects a `filter_map` of a `Vec` in place when the new items are no larger),
    // so a big sheet never holds both tables at once.
    let facts: Vec<Fact> = raw
        .facts
        .into_iter()
        .filter_map(|spanned| {
            let repeated = repeated.next().unwrap_or_default();
            if ck.saturated() {
                return None;
            }
            let raw_fact = spanned.into_inner();
            let measure_span = raw_fact.measure.as_ref().map(|m| m.span());
            ck.about(|| format!("fact '{}'", sanitize(raw_fact.id.get_ref())));
            let fact = check_fact(
                raw_fact,
                &origin,
                ck,
                repeated,
                |name| head.sector_known(name, context),
                |key| {
                    let known = head.sources.contains_key(key) || context.sources.contains_key(key);
                    (!known).then(|| did_you_mean(key, source_keys()))
                },
            )?;
            measure_spans.push(measure_span);
            Some(fact)
        })
        .collect();
    for (i, message) in measure_conflicts(&facts, context) {
        if let Some(span) = measure_spans[i].clone() {
            ck.error(span, message);
        }
    }
    head.into_sheet(facts, file)
}

/// The unit a measure's facts share: `None` for text values, else the unit.
fn measure_unit(fact: &Fact) -> Option<&str> {
    if fact.value.is_quantity() {
        fact.unit.as_deref()
    } else {
        None
    }
}

/// The facts of `facts` whose unit differs from the one their measure has elsewhere (in
/// `context`, less the facts `facts` replace, or earlier in `facts`): their index and what
/// to say. A measure's figures are drawn to one scale and compared, so they share one unit,
/// or are all text.
pub(crate) fn measure_conflicts(facts: &[Fact], context: &Sheet) -> Vec<(usize, String)> {
    if facts.iter().all(|f| f.measure.is_none()) {
        return Vec::new();
    }
    let replaced: HashSet<&str> = facts.iter().map(|f| f.id.as_str()).collect();
    let mut first: HashMap<&str, &Fact> = HashMap::default();
    let earlier = context
        .facts
        .iter()
        .filter(|f| !replaced.contains(f.id.as_str()));
    for fact in earlier {
        if let Some(m) = &fact.measure {
            first.entry(m.as_str()).or_insert(fact);
        }
    }
    let mut conflicts = Vec::new();
    for (i, fact) in facts.iter().enumerate() {
        let Some(m) = &fact.measure else { continue };
        let model = *first.entry(m.as_str()).or_insert(fact);
        if measure_unit(model) != measure_unit(fact) {
            let unit = |f: &Fact| match measure_unit(f) {
                Some(u) => format!("in {u}"),
                None => "text".to_string(),
            };
            conflicts.push((
                i,
                format!(
                    "measure '{m}' is {} in '{}', but this fact is {}: a measure's facts share \
                     one unit, or are all text",
                    unit(model),
                    model.id,
                    unit(fact)
                ),
            ));
        }
    }
    conflicts
}

/// A sheet's `[sheet]`, sources and sectors, checked: what its facts are checked against.
struct Head {
    title: String,
    description: String,
    sources: BTreeMap<String, Source>,
    /// In the order the sheet defines them.
    sectors: Vec<Sector>,
}

impl Head {
    /// Whether a fact may be filed under the sector `name`: this sheet or `context` has it.
    fn sector_known(&self, name: &str, context: &Sheet) -> bool {
        self.sectors.iter().any(|s| s.name == name) || context.sector(name).is_some()
    }

    /// The sheet of these and the checked `facts`, read from `file`.
    fn into_sheet(self, facts: Vec<Fact>, file: &str) -> Sheet {
        let loaded = Loaded {
            name: file.to_string(),
            title: self.title.clone(),
            facts: facts.len(),
            replaced: 0,
            sources: self.sources.len(),
            sectors: self.sectors.len(),
        };
        Sheet {
            title: self.title,
            description: self.description,
            sources: self.sources,
            sectors: self.sectors,
            facts,
            loaded: vec![loaded],
        }
    }
}

/// Checks everything of a sheet but its facts.
fn check_head(
    meta: Option<RawMeta>,
    raw_sources: BTreeMap<String, At<RawSource>>,
    raw_sectors: BTreeMap<String, At<RawSector>>,
    file: &str,
    ck: &mut Problems<'_>,
) -> Head {
    let (title, description) = meta.map(|m| (m.title, m.description)).unwrap_or_default();

    let mut sources = BTreeMap::new();
    for (key, spanned) in raw_sources {
        ck.about(|| format!("source '{}'", sanitize(&key)));
        let span = spanned.span();
        let s = spanned.into_inner();
        if !is_slug(&key) {
            ck.error(
                span.clone(),
                format!("source key '{key}' must be lowercase letters, digits and dashes"),
            );
        }
        if s.title.get_ref().trim().is_empty() {
            ck.error(s.title.span(), "a source needs a non-empty title");
        }
        if let Some(date) = &s.date {
            match Period::parse(date.get_ref()) {
                Ok(p) if p.start == p.end => {}
                Ok(_) => ck.error(date.span(), "a source date is one date, not an interval"),
                Err(e) => ck.error(date.span(), format!("malformed date: {e}")),
            }
        }
        if let Some(accessed) = &s.accessed {
            match Period::parse(accessed.get_ref()) {
                Ok(p) if p.start == p.end && p.start.day.is_some() => {}
                Ok(_) => ck.error(accessed.span(), "an access date is one day: YYYY-MM-DD"),
                Err(e) => ck.error(accessed.span(), format!("malformed date: {e}")),
            }
        }
        sources.insert(
            key.clone(),
            Source {
                key,
                title: s.title.into_inner(),
                publisher: s.publisher,
                date: s.date.map(At::into_inner),
                kind: s.kind,
                people: s.people,
                interviewer: s.interviewer,
                url: s.url,
                accessed: s.accessed.map(At::into_inner),
                note: s.note,
                origin: file.to_string(),
            },
        );
    }

    let mut sectors: Vec<(usize, Sector)> = Vec::new();
    for (name, spanned) in raw_sectors {
        ck.about(|| format!("sector '{}'", sanitize(&name)));
        let span = spanned.span();
        let description = spanned.into_inner().description;
        if !is_slug(&name) {
            ck.error(
                span.clone(),
                format!("sector name '{name}' must be lowercase letters, digits and dashes"),
            );
        }
        if description.get_ref().trim().is_empty() {
            ck.error(
                description.span(),
                format!("sector '{name}' needs a one-line description"),
            );
        }
        sectors.push((
            span.start,
            Sector {
                name,
                description: description.into_inner(),
            },
        ));
    }
    sectors.sort_by_key(|(start, _)| *start);
    let sectors: Vec<Sector> = sectors.into_iter().map(|(_, s)| s).collect();
    Head {
        title,
        description,
        sources,
        sectors,
    }
}

/// Sheets laid one over another, later over earlier, with an index of the fact ids, so that
/// loading many sheets costs the sum of their sizes. The index is built as sheets come, each
/// fact's id once; the facts of the last sheet are indexed only if another sheet follows, so
/// one big sheet never has its ids copied.
#[derive(Default)]
pub struct Merged {
    sheet: Sheet,
    position: HashMap<String, usize>,
    /// How many of the sheet's facts `position` holds (the first ones).
    indexed: usize,
}

impl Merged {
    pub fn new(sheet: Sheet) -> Self {
        Merged {
            sheet,
            position: HashMap::new(),
            indexed: 0,
        }
    }

    /// The sheets so far: what the next one is checked against.
    pub fn sheet(&self) -> &Sheet {
        &self.sheet
    }

    pub fn into_sheet(self) -> Sheet {
        self.sheet
    }

    /// Lays `next` over `base`: a fact with an id `base` already has replaces it where it stands,
    /// new facts follow; a source or sector with a known key or name replaces the earlier one.
    /// The first non-empty title and description are kept.
    pub fn add(&mut self, next: Sheet) {
        let base = &mut self.sheet;
        for (i, fact) in base.facts.iter().enumerate().skip(self.indexed) {
            self.position.insert(fact.id.clone(), i);
        }
        self.indexed = base.facts.len();
        // `next` is a checked sheet, which holds each id once, so a fact of it replaces at
        // most one of `base`, in place; the others go at the end, in order.
        let targets: Vec<Option<usize>> = next
            .facts
            .iter()
            .map(|f| self.position.get(f.id.as_str()).copied())
            .collect();
        let mut replaced = targets.iter().flatten().count();
        if replaced == 0 && base.facts.len() < next.facts.len() {
            // A big sheet over a smaller one: the earlier facts move in front of its table
            // instead of its facts being copied after them. The order is the same.
            let mut facts = next.facts;
            facts.splice(0..0, std::mem::take(&mut base.facts));
            base.facts = facts;
        } else {
            for (fact, target) in next.facts.into_iter().zip(targets) {
                match target {
                    Some(i) => base.facts[i] = fact,
                    None => base.facts.push(fact),
                }
            }
        }
        base.sources.extend(next.sources);
        for sector in next.sectors {
            match base.sectors.iter_mut().find(|s| s.name == sector.name) {
                Some(old) => *old = sector,
                None => base.sectors.push(sector),
            }
        }
        if base.title.is_empty() {
            base.title = next.title;
        }
        if base.description.is_empty() {
            base.description = next.description;
        }
        for mut loaded in next.loaded {
            loaded.replaced += replaced;
            replaced = 0;
            base.loaded.push(loaded);
        }
    }
}

/// `next` laid over `base`: see [`Merged::add`].
pub fn merge(base: &mut Sheet, next: Sheet) {
    let mut merged = Merged::new(std::mem::take(base));
    merged.add(next);
    *base = merged.into_sheet();
}

/// Checks one fact. `sector_known` says whether a sector is defined; `source_unknown` gives,
/// for a source key that is not, the hint to add to the message.
fn check_fact(
    raw: RawFact<'_>,
    origin: &Arc<str>,
    ck: &mut Problems<'_>,
    repeated: bool,
    mut sector_known: impl FnMut(&str) -> bool,
    mut source_unknown: impl FnMut(&str) -> Option<String>,
) -> Option<Fact> {
    let before = ck.problems.len();
    let id = raw.id.get_ref();
    let id_span = raw.id.span();
    match id.split_once('.') {
        Some((sector, slug)) if is_slug(sector) && is_slug(slug) => {
            if !sector_known(sector) {
                let (sector, id) = (crate::text::cut(sector), crate::text::cut(id));
                ck.error(
                    id_span.clone(),
                    format!(
                        "unknown sector '{sector}' in id '{id}': define it under [sectors.{sector}]"
                    ),
                );
            }
        }
        _ => ck.error(
            id_span.clone(),
            format!(
                "id '{}' must be 'sector.slug' in lowercase letters, digits and dashes",
                crate::text::cut(id)
            ),
        ),
    }
    if repeated {
        ck.error(
            id_span,
            format!("duplicate id '{id}': it is already defined in this file"),
        );
    }
    if raw.label.get_ref().trim().is_empty() {
        ck.error(raw.label.span(), "label is empty");
    }

    let value_span = raw.value.span();
    let value = check_value(raw.value, ck);
    match (&value, &raw.unit) {
        (Some(v), None) if v.is_quantity() => {
            ck.error(value_span, "a quantity needs a unit (add unit = \"...\")")
        }
        (Some(Value::Text(_)), Some(u)) => ck.error(u.span(), "a text value takes no unit"),
        (_, Some(u)) if u.get_ref().trim().is_empty() => ck.error(u.span(), "unit is empty"),
        _ => {}
    }

    let qualifier = match &raw.qualifier {
        None => Qualifier::Exact,
        Some(q) => q.get_ref().parse().unwrap_or_else(|_| {
            let names: Vec<&str> = Qualifier::ALL.iter().map(|q| q.name()).collect();
            ck.error(
                q.span(),
                format!(
                    "unknown qualifier '{}'{}; expected one of {}",
                    crate::text::cut(q.get_ref()),
                    did_you_mean(q.get_ref(), names.iter().copied()),
                    names.join(", ")
                ),
            );
            Qualifier::Exact
        }),
    };

    let period = raw.period.as_ref().and_then(|p| {
        Period::parse(p.get_ref())
            .map_err(|e| {
                ck.error(
                    p.span(),
                    format!("malformed period: {e}; use YYYY, YYYY-MM, YYYY-MM-DD or START/END"),
                )
            })
            .ok()
    });

    for list in [&raw.tags, &raw.aliases] {
        for item in list {
            if item.get_ref().trim().is_empty() {
                ck.error(item.span(), "tags and aliases may not be empty");
            }
        }
    }

    if let Some(m) = &raw.measure {
        if !is_measure(m.get_ref()) {
            ck.error(
                m.span(),
                format!(
                    "measure '{}' must be dot-separated words of lowercase letters, digits and \
                     dashes, such as 'tourism.pakistani-visitors'",
                    m.get_ref()
                ),
            );
        }
    }

    let source_ref = raw.source.into_inner();
    let key = source_ref.key.get_ref();
    if let Some(hint) = source_unknown(key) {
        ck.error(
            source_ref.key.span(),
            match crate::text::cut(key) {
                std::borrow::Cow::Borrowed(key) => {
                    format!("source '{key}' is not defined{hint}: add a [sources.{key}] table")
                }
                long => format!("source '{long}' is not defined: add a [sources.KEY] table"),
            },
        );
    }

    if ck.problems.len() > before {
        return None;
    }
    let text = |t: At<Text<'_>>| t.into_inner().into_string();
    Some(Fact {
        id: text(raw.id),
        label: text(raw.label),
        value: value?,
        unit: raw.unit.map(|u| u.get_ref().trim().to_string()),
        qualifier,
        period,
        tags: raw.tags.into_iter().map(text).collect(),
        aliases: raw.aliases.into_iter().map(text).collect(),
        source: SourceRef {
            key: text(source_ref.key),
            section: source_ref.section.map(Text::into_string),
        },
        note: raw.note.map(Text::into_string),
        measure: raw.measure.map(text),
        origin: Arc::clone(origin),
    })
}

fn check_value(value: At<toml::Value>, ck: &mut Problems<'_>) -> Option<Value> {
    let span = value.span();
    let number = |v: &toml::Value, what: &str, ck: &mut Problems<'_>| -> Option<f64> {
        match v {
            toml::Value::Integer(i) if i.unsigned_abs() > MAX_EXACT_INTEGER as u64 => {
                ck.error(
                    span.clone(),
                    format!("{what} {i} is too large to keep exactly (limit ±2^53)"),
                );
                None
            }
            toml::Value::Integer(i) => Some(*i as f64),
            toml::Value::Float(f) if !f.is_finite() => {
                ck.error(
                    span.clone(),
                    format!("{what} must be a finite number, not {f}"),
                );
                None
            }
            toml::Value::Float(f) => Some(*f),
            other => {
                ck.error(
                    span.clone(),
                    format!("{what} must be a number, found {}", other.type_str()),
                );
                None
            }
        }
    };
    match value.get_ref() {
        v @ (toml::Value::Integer(_) | toml::Value::Float(_)) => {
            number(v, "value", ck).map(Value::Number)
        }
        toml::Value::String(s) if s.trim().is_empty() => {
            ck.error(span, "value is empty");
            None
        }
        toml::Value::String(_) => match value.into_inner() {
            toml::Value::String(s) => Some(Value::Text(s)),
            _ => None,
        },
        toml::Value::Table(t) => {
            let extra: Vec<&str> = t
                .keys()
                .map(String::as_str)
                .filter(|k| *k != "min" && *k != "max")
                .collect();
            if !extra.is_empty() || t.len() != 2 {
                ck.error(
                    span,
                    "a range is written { min = ..., max = ... } and nothing else",
                );
                return None;
            }
            let min = number(&t["min"], "range min", ck)?;
            let max = number(&t["max"], "range max", ck)?;
            if min > max {
                ck.error(span, format!("range min {min} is above max {max}"));
                return None;
            }
            Some(Value::Range { min, max })
        }
        other => {
            ck.error(
                span,
                format!(
                    "value must be a number, a range {{ min, max }} or text, found {}",
                    other.type_str()
                ),
            );
            None
        }
    }
}

/// Lowercase ASCII letters and digits in dash-separated words.
fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.as_bytes().windows(2).any(|w| w == b"--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A measure's name: one or more slugs joined by dots (`trade.turnover`).
pub fn is_measure(s: &str) -> bool {
    s.split('.').all(is_slug)
}

/// The bundled sheet, parsed. It is checked by a test, so failure here is a build defect;
/// it is still reported as an error rather than a panic.
pub fn bundled() -> Result<Sheet, Vec<Diagnostic>> {
    let (sheet, found) = parse_json(BUNDLED_JSON, BUNDLED_NAME, &Sheet::default());
    if found.is_empty() {
        Ok(sheet)
    } else {
        Err(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        match parse(text, "t.toml", &Sheet::default()) {
            Ok(_) => vec![],
            Err(d) => d.into_iter().map(|d| d.headline()).collect(),
        }
    }

    const HEAD: &str = "[sources.s]\ntitle = \"T\"\n[sectors.trade]\ndescription = \"D\"\n";

    fn with_fact(body: &str) -> String {
        format!("{HEAD}[[facts]]\n{body}\n")
    }

    #[test]
    fn bundled_sheet_loads_and_validates() {
        let sheet = bundled().expect("bundled sheet is valid");
        assert!(sheet.facts.len() >= 30);
        let names: Vec<&str> = sheet.sectors.iter().map(|s| s.name.as_str()).collect();
        for needed in [
            "diplomacy",
            "energy",
            "agriculture",
            "transport",
            "defence",
            "digital",
            "tourism",
            "education",
            "trade",
            "media",
        ] {
            assert!(names.contains(&needed), "sector {needed} missing");
            assert!(sheet.count_in(needed) > 0, "sector {needed} has no facts");
        }
        for fact in &sheet.facts {
            assert!(sheet.source_of(fact).is_some());
            assert!(sheet.sector(fact.sector()).is_some());
            assert!(fact.source.section.is_some(), "{} has no section", fact.id);
            assert_eq!(fact.id, fact.id.to_lowercase());
        }
    }

    #[test]
    fn the_bundled_sheet_reads_the_same_from_its_toml_and_its_json() {
        let from_toml = parse(BUNDLED_TEXT, BUNDLED_NAME, &Sheet::default()).unwrap();
        let from_json = bundled().unwrap();
        assert_eq!(from_json, from_toml);
        let tables = BUNDLED_TEXT.lines().filter(|l| *l == "[[facts]]").count();
        assert_eq!(from_json.facts.len(), tables);
    }

    #[test]
    fn bundled_sheet_keeps_the_interview_figures() {
        let sheet = bundled().unwrap();
        let get = |id: &str| sheet.facts.iter().find(|f| f.id == id).unwrap();
        assert_eq!(get("tourism.visitors-2024").value, Value::Number(80924.0));
        assert_eq!(
            get("trade.turnover-2025-jan-sep").value,
            Value::Number(20_700_000.0)
        );
        assert_eq!(
            get("trade.turnover-2025-jan-sep").qualifier,
            Qualifier::About
        );
        assert_eq!(
            get("defence.jf17-block3-aircraft").qualifier,
            Qualifier::UpTo
        );
        assert_eq!(
            get("transport.china-baku-days").value,
            Value::Range {
                min: 8.0,
                max: 10.0
            }
        );
        assert_eq!(
            get("transport.corridor-cargo-2024").qualifier,
            Qualifier::Over
        );
    }

    #[test]
    fn a_good_fact_loads() {
        let text = with_fact(
            "id = \"trade.x\"\nlabel = \"L\"\nvalue = 5\nunit = \"USD\"\nqualifier = \"about\"\nperiod = \"2024-07\"\nsource = { key = \"s\", section = \"Q1\" }",
        );
        let sheet = parse(&text, "t.toml", &Sheet::default()).unwrap();
        assert_eq!(sheet.facts[0].qualifier, Qualifier::About);
        assert_eq!(sheet.facts[0].measure, None);
        let text = text.replace("period", "measure = \"trade.turnover\"\nperiod");
        let sheet = parse(&text, "t.toml", &Sheet::default()).unwrap();
        assert_eq!(sheet.facts[0].measure.as_deref(), Some("trade.turnover"));
        assert_eq!(&*sheet.facts[0].origin, "t.toml");
    }

    #[test]
    fn each_rule_is_reported_with_its_place() {
        let cases = [
            (
                "id = \"Trade.X\"\nlabel = \"L\"\nvalue = \"v\"\nsource = { key = \"s\" }",
                "must be 'sector.slug'",
            ),
            (
                "id = \"farm.x\"\nlabel = \"L\"\nvalue = \"v\"\nsource = { key = \"s\" }",
                "unknown sector 'farm'",
            ),
            (
                "id = \"trade.x\"\nlabel = \" \"\nvalue = \"v\"\nsource = { key = \"s\" }",
                "label is empty",
            ),
            (
                "id = \"trade.x\"\nlabel = \"L\"\nvalue = 5\nsource = { key = \"s\" }",
                "needs a unit",
            ),
            (
                "id = \"trade.x\"\nlabel = \"L\"\nvalue = nan\nunit = \"t\"\nsource = { key = \"s\" }",
                "finite",
            ),
            (
                "id = \"trade.x\"\nlabel = \"L\"\nvalue = 9007199254740993\nunit = \"t\"\nsource = { key = \"s\" }",
                "too large",
            ),
            (
                "id = \"trade.x\"\nlabel = \"L\"\nvalue = \"v\"\nqualifier = \"abot\"\nsource = { key = \"s\" }",
                "did you mean 'about'",
            ),
            (
                "id = \"trade.x\"\nlabel = \"L\"\nvalue = \"v\"\nperiod = \"2024-13\"\nsource = { key = \"s\" }",
                "malformed period",
            ),
            (
                "id = \"trade.x\"\nlabel = \"L\"\nvalue = \"v\"\nsource = { key = \"nope\" }",
                "source 'nope' is not defined",
            ),
            (
                "id = \"trade.x\"\nlabel = \"L\"\nvalue = { min = 10, max = 8 }\nunit = \"d\"\nsource = { key = \"s\" }",
                "above max",
            ),
            (
                "id = \"trade.x\"\nlabel = \"L\"\nvalue = true\nsource = { key = \"s\" }",
                "found boolean",
            ),
            (
                "id = \"trade.x\"\nlabel = \"L\"\nvalue = \"v\"\nmeasure = \"Trade..x\"\nsource = { key = \"s\" }",
                "measure 'Trade..x' must be",
            ),
            (
                "id = \"trade.x\"\nlable = \"L\"\nvalue = \"v\"\nsource = { key = \"s\" }",
                "unknown field",
            ),
        ];
        for (body, expected) in cases {
            let found = problems(&with_fact(body));
            assert_eq!(found.len(), 1, "{body}: {found:?}");
            assert!(found[0].contains(expected), "{body}: {found:?}");
            assert!(found[0].starts_with("t.toml:"), "{found:?}");
            let line: usize = found[0].split(':').nth(1).unwrap().parse().unwrap();
            assert!(line >= 6, "points into the fact: {found:?}");
        }
    }

    #[test]
    fn a_measure_keeps_one_unit_across_facts_and_sheets() {
        let fact = |id: &str, value: &str, unit: &str| {
            format!(
                "[[facts]]\nid = \"trade.{id}\"\nlabel = \"L\"\nvalue = {value}\n{unit}\
                 period = \"2024\"\nmeasure = \"trade.m\"\nsource = {{ key = \"s\" }}\n"
            )
        };
        let usd = "unit = \"USD\"\n";
        let good = format!("{HEAD}{}{}", fact("a", "1", usd), fact("b", "2", usd));
        assert_eq!(problems(&good), Vec::<String>::new());
        for other in [fact("c", "3", "unit = \"t\"\n"), fact("c", "\"x\"", "")] {
            let text = format!("{good}{other}");
            let found = problems(&text);
            assert_eq!(found.len(), 1, "{found:?}");
            assert!(
                found[0].contains("measure 'trade.m' is in USD in 'trade.a'"),
                "{found:?}"
            );
            let line = text[..text.rfind("measure =").unwrap()].lines().count() + 1;
            assert!(
                found[0].starts_with(&format!("t.toml:{line}:11:")),
                "{found:?}"
            );
        }
        // Across sheets: the earlier sheet sets the unit, unless this one replaces its fact.
        let base = parse(&good, "base.toml", &Sheet::default()).unwrap();
        let next = fact("c", "3", "unit = \"t\"\n");
        let found = parse(&next, "next.toml", &base).unwrap_err();
        assert!(
            found[0].headline().contains("in USD in 'trade.a'"),
            "{found:?}"
        );
        let both = format!(
            "{}{}",
            fact("a", "1", "unit = \"t\"\n"),
            fact("b", "1", "unit = \"t\"\n")
        );
        assert!(parse(&both, "next.toml", &base).is_ok());
    }

    #[test]
    fn duplicate_ids_and_several_problems_are_all_reported() {
        let fact =
            "[[facts]]\nid = \"trade.x\"\nlabel = \"\"\nvalue = \"v\"\nsource = { key = \"s\" }\n";
        let found = problems(&format!("{HEAD}{fact}{fact}"));
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(
            found.iter().filter(|p| p.contains("duplicate id")).count(),
            1
        );
        assert!(found[0].starts_with("t.toml:7:"), "{found:?}");
    }

    #[test]
    fn the_schema_knows_the_same_fields_as_the_parser() {
        let schema = crate::schema::schema();
        let props = |v: &serde_json::Value| -> Vec<String> {
            let mut keys: Vec<String> = v["properties"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            keys.sort();
            keys
        };
        let sorted = |f: &[&str]| -> Vec<String> {
            let mut keys: Vec<String> = f.iter().map(|s| s.to_string()).collect();
            keys.sort();
            keys
        };
        let p = &schema["properties"];
        assert_eq!(props(&schema), sorted(fields_of::<RawSheet>()));
        assert_eq!(props(&p["sheet"]), sorted(fields_of::<RawMeta>()));
        assert_eq!(
            props(&p["sources"]["additionalProperties"]),
            sorted(fields_of::<RawSource>())
        );
        assert_eq!(
            props(&p["sectors"]["additionalProperties"]),
            sorted(fields_of::<RawSector>())
        );
        let fact = &p["facts"]["items"];
        assert_eq!(props(fact), sorted(fields_of::<RawFact>()));
        assert_eq!(
            props(&fact["properties"]["source"]),
            sorted(fields_of::<RawSourceRef>())
        );
    }

    #[test]
    fn merging_keeps_the_order_whichever_sheet_is_larger() {
        let sheet = |ids: &[&str], origin: &str| Sheet {
            facts: ids
                .iter()
                .map(|id| Fact {
                    id: id.to_string(),
                    origin: origin.into(),
                    ..Fact::sample(Value::Number(1.0), Some("t"), Qualifier::Exact)
                })
                .collect(),
            loaded: vec![Loaded::default()],
            ..Sheet::default()
        };
        let small = ["s.a", "s.b", "s.c"];
        let large = ["s.b", "s.d", "s.e", "s.a", "s.f"];
        let ids_origins = |s: &Sheet| -> Vec<(String, String)> {
            s.facts
                .iter()
                .map(|f| (f.id.clone(), f.origin.to_string()))
                .collect()
        };
        let mut base = sheet(&small, "base");
        merge(&mut base, sheet(&large, "next"));
        let pair = |id: &str, o: &str| (id.to_string(), o.to_string());
        assert_eq!(
            ids_origins(&base),
            [
                pair("s.a", "next"),
                pair("s.b", "next"),
                pair("s.c", "base"),
                pair("s.d", "next"),
                pair("s.e", "next"),
                pair("s.f", "next"),
            ]
        );
        assert_eq!(base.loaded[1].replaced, 2);
        let mut base = sheet(&large, "base");
        merge(&mut base, sheet(&small, "next"));
        assert_eq!(
            ids_origins(&base),
            [
                pair("s.b", "next"),
                pair("s.d", "base"),
                pair("s.e", "base"),
                pair("s.a", "next"),
                pair("s.f", "base"),
                pair("s.c", "next"),
            ]
        );
        assert_eq!(base.loaded[1].replaced, 2);
        // A larger sheet that replaces nothing takes the earlier facts in front of it; a
        // third sheet then finds the second one's facts where they stand.
        let mut merged = Merged::new(sheet(&["s.a", "s.b"], "base"));
        merged.add(sheet(&["s.c", "s.d", "s.e"], "next"));
        merged.add(sheet(&["s.d", "s.b", "s.g"], "third"));
        let merged = merged.into_sheet();
        assert_eq!(
            ids_origins(&merged),
            [
                pair("s.a", "base"),
                pair("s.b", "third"),
                pair("s.c", "next"),
                pair("s.d", "third"),
                pair("s.e", "next"),
                pair("s.g", "third"),
            ]
        );
        assert_eq!(
            merged.loaded.iter().map(|l| l.replaced).collect::<Vec<_>>(),
            [0, 0, 2]
        );
    }

    #[test]
    fn syntax_errors_point_at_the_line() {
        let found = problems("[sheet]\ntitle = \"x\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("t.toml:2:"), "{found:?}");
    }
}
