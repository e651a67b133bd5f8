//! The tolerant first pass over a sheet's TOML, before serde sees it.
//!
//! serde's `deny_unknown_fields` stops at the first stray key and one wrong type stops the
//! whole document, so `validate` could never report every problem. Instead the spanned
//! document is walked here: every key is checked against the fields the raw types declare
//! (with "did you mean"), every string is checked for terminal control characters, unknown
//! keys are dropped, and the document is split into items (the `[sheet]` table, each source,
//! each sector, each fact) that are deserialized one at a time.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Visitor};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::Problems;
use crate::diag::{closest, did_you_mean};
use crate::text::is_unsafe;

/// A document split into the items the format knows, each with its place in the file.
#[derive(Default)]
pub(crate) struct Items<'i> {
    pub meta: Option<Spanned<DeValue<'i>>>,
    /// `[sources.KEY]`: the key with its span, and the table.
    pub sources: Vec<(Spanned<String>, Spanned<DeValue<'i>>)>,
    /// `[sectors.NAME]`: the name with its span, and the table.
    pub sectors: Vec<(Spanned<String>, Spanned<DeValue<'i>>)>,
    pub facts: Vec<Spanned<DeValue<'i>>>,
}

/// The field lists of each kind of table, read from the raw serde types.
pub(crate) struct Fields {
    pub top: &'static [&'static str],
    pub meta: &'static [&'static str],
    pub source: &'static [&'static str],
    pub sector: &'static [&'static str],
    pub fact: &'static [&'static str],
    pub source_ref: &'static [&'static str],
}

/// Walks the document: reports unknown keys, wrong kinds of table and unsafe strings, and
/// returns the items with unknown keys removed.
pub(crate) fn split<'i>(root: DeTable<'i>, fields: &Fields, ck: &mut Problems<'_>) -> Items<'i> {
    let mut items = Items::default();
    for (key, value) in root {
        let span = value.span();
        match key.get_ref().as_ref() {
            "sheet" => {
                let mut value = value;
                if expect_table(&value, "[sheet]", ck) {
                    known_keys(&mut value, fields.meta, "[sheet]", ck);
                    check_strings(&value, "sheet", ck);
                    items.meta = Some(value);
                }
            }
            "sources" => {
                items.sources = named_tables(value, "sources", fields.source, ck, |t, ck| {
                    check_strings(t, "source", ck)
                });
            }
            "sectors" => {
                items.sectors = named_tables(value, "sectors", fields.sector, ck, |t, ck| {
                    check_strings(t, "sector", ck)
                });
            }
            "facts" => match value.into_inner() {
                DeValue::Array(array) => {
                    for mut fact in array {
                        if ck.saturated() {
                            break;
                        }
                        if !expect_table(&fact, "each [[facts]] entry", ck) {
                            continue;
                        }
                        known_keys(&mut fact, fields.fact, "[[facts]]", ck);
                        if let DeValue::Table(t) = fact.get_mut() {
                            if let Some(source) = t.get_mut("source") {
                                if matches!(source.get_ref(), DeValue::Table(_)) {
                                    known_keys(source, fields.source_ref, "a fact's source", ck);
                                }
                            }
                        }
                        check_strings(&fact, "fact", ck);
                        items.facts.push(fact);
                    }
                }
                other => ck.error(
                    span,
                    format!(
                        "'facts' must be an array of tables ([[facts]]), found {}",
                        other.type_str()
                    ),
                ),
            },
            other => ck.error(
                key.span(),
                format!(
                    "unknown key '{}' at the top of the sheet{}; a sheet has [sheet], \
                     [sources.KEY], [sectors.NAME] and [[facts]]",
                    crate::text::cut(other),
                    did_you_mean(other, fields.top.iter().copied()),
                ),
            ),
        }
    }
    items
}

/// `[NAME.KEY]` tables: each entry must itself be a table with known keys.
fn named_tables<'i>(
    value: Spanned<DeValue<'i>>,
    name: &str,
    fields: &'static [&'static str],
    ck: &mut Problems<'_>,
    check: impl Fn(&Spanned<DeValue<'i>>, &mut Problems<'_>),
) -> Vec<(Spanned<String>, Spanned<DeValue<'i>>)> {
    let span = value.span();
    let DeValue::Table(table) = value.into_inner() else {
        ck.error(
            span,
            format!("'{name}' must be a table of [{name}.KEY] tables"),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, mut entry) in table {
        if ck.saturated() {
            break;
        }
        let what = format!("[{name}.{}]", key.get_ref());
        if !expect_table(&entry, &what, ck) {
            continue;
        }
        known_keys(&mut entry, fields, &what, ck);
        check(&entry, ck);
        let key = Spanned::new(key.span(), key.get_ref().to_string());
        out.push((key, entry));
    }
    out
}

fn expect_table(value: &Spanned<DeValue<'_>>, what: &str, ck: &mut Problems<'_>) -> bool {
    if matches!(value.get_ref(), DeValue::Table(_)) {
        return true;
    }
    ck.error(
        value.span(),
        format!(
            "{what} must be a table, found {}",
            value.get_ref().type_str()
        ),
    );
    false
}

/// Reports each key not in `fields`, with the closest field name, and removes it. A key that
/// is a near miss of a field the table lacks is read as that field, so the rest of the table
/// is still checked and the typo is not reported a second time as a missing field.
fn known_keys(
    value: &mut Spanned<DeValue<'_>>,
    fields: &'static [&'static str],
    what: &str,
    ck: &mut Problems<'_>,
) {
    let DeValue::Table(table) = value.get_mut() else {
        return;
    };
    let entries = std::mem::take(table);
    let mut misspelled = Vec::new();
    for (k, v) in entries {
        let key = k.get_ref().to_string();
        if fields.contains(&key.as_str()) {
            table.insert(k, v);
            continue;
        }
        let suggestion = closest(&key, fields.iter().copied());
        let key = crate::text::cut(&key);
        let message = match suggestion {
            Some(field) => format!("unknown field '{key}' in {what} (did you mean '{field}'?)"),
            None => format!(
                "unknown field '{key}' in {what}; the fields are {}",
                list(fields)
            ),
        };
        ck.error(k.span(), message);
        if let Some(field) = suggestion {
            misspelled.push((Spanned::new(k.span(), Cow::Borrowed(field)), v));
        }
    }
    for (k, v) in misspelled {
        if !table.contains_key(k.get_ref().as_ref()) {
            table.insert(k, v);
        }
    }
}

/// Reports strings that carry control characters, escape sequences or invisible
/// direction overrides. A `note` may span lines, so newlines and tabs are allowed there.
fn check_strings(value: &Spanned<DeValue<'_>>, field: &str, ck: &mut Problems<'_>) {
    match value.get_ref() {
        DeValue::String(s) => {
            let multi_line = field == "note";
            if let Some(c) = s
                .chars()
                .find(|&c| is_unsafe(c) && !(multi_line && matches!(c, '\n' | '\t')))
            {
                ck.error(
                    value.span(),
                    format!(
                        "'{field}' contains the control character U+{:04X}; \
                         a sheet may not carry control characters or terminal escapes",
                        u32::from(c)
                    ),
                );
            }
        }
        DeValue::Array(items) => {
            for item in items {
                check_strings(item, field, ck);
            }
        }
        DeValue::Table(table) => {
            for (key, item) in table {
                if key.get_ref().chars().any(is_unsafe) {
                    ck.error(key.span(), "a key contains a control character");
                }
                check_strings(item, key.get_ref(), ck);
            }
        }
        _ => {}
    }
}

fn list(fields: &[&str]) -> String {
    fields.join(", ")
}

/// The field names serde's derive declares for `T`, read by letting `T` deserialize from a
/// deserializer that only records the names it is offered. One list, in the raw types,
/// serves both serde and the unknown-key check, so the two cannot drift apart.
pub fn fields_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let seen = Cell::new(&[][..]);
    let _ = T::deserialize(FieldRecorder(&seen));
    seen.get()
}

struct FieldRecorder<'a>(&'a Cell<&'static [&'static str]>);

#[derive(Debug)]
struct Recorded;

impl fmt::Display for Recorded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field names recorded")
    }
}

impl std::error::Error for Recorded {}

impl de::Error for Recorded {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Recorded
    }
}

impl<'de> de::Deserializer<'de> for FieldRecorder<'_> {
    type Error = Recorded;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Recorded> {
        Err(Recorded)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Recorded> {
        self.0.set(fields);
        Err(Recorded)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Two {
        a: u8,
        #[serde(rename = "b-b")]
        b: u8,
    }

    #[test]
    fn field_names_come_from_serde() {
        assert_eq!(fields_of::<Two>(), ["a", "b-b"]);
    }
}
