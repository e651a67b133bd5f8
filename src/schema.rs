//! A JSON Schema of the sheet format, for editors that check TOML against one (Taplo, Even
//! Better TOML). It describes the shape; `pakaz validate` also checks what a schema cannot
//! (sectors and sources defined, unique ids, periods that exist in the calendar).

use serde_json::{Value, json};

use crate::model::Qualifier;

/// A slug: lowercase letters and digits in dash-separated words.
const SLUG: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
/// A fact id: `sector.slug`.
const ID: &str = "^[a-z0-9]+(-[a-z0-9]+)*\\.[a-z0-9]+(-[a-z0-9]+)*$";
/// A measure: slugs joined by dots, as [`crate::sheet::is_measure`] accepts.
const MEASURE: &str = "^[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*$";
/// An ISO 8601 year, month or day, or an interval of those.
const PERIOD: &str = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?(/[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$";
/// One ISO 8601 date: year, month or day.
const DATE: &str = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$";
/// The largest integer a sheet may hold exactly.
const MAX_EXACT: i64 = 1 << 53;

fn text(description: &str) -> Value {
    json!({ "type": "string", "minLength": 1, "pattern": "\\S", "description": description })
}

fn words(description: &str) -> Value {
    json!({ "type": "array", "items": { "type": "string", "pattern": "\\S" }, "description": description })
}

/// The schema, as a JSON value.
pub fn schema() -> Value {
    let number = json!({ "type": "number", "minimum": -MAX_EXACT, "maximum": MAX_EXACT });
    let qualifiers: Vec<&str> = Qualifier::ALL.iter().map(|q| q.name()).collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "pakaz fact sheet",
        "description": "A sheet of sourced facts for pakaz. See docs/sheet-format.md.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "sheet": {
                "description": "What this sheet is.",
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "title": { "type": "string", "description": "A short title." },
                    "description": { "type": "string", "description": "One or two sentences on what the sheet holds." }
                }
            },
            "sources": {
                "description": "Where facts come from, by key: [sources.KEY].",
                "type": "object",
                "propertyNames": { "pattern": SLUG },
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["title"],
                    "properties": {
                        "title": text("The title of the publication."),
                        "publisher": { "type": "string", "description": "Who published it." },
                        "date": { "type": "string", "pattern": DATE, "description": "When it was published: YYYY, YYYY-MM or YYYY-MM-DD." },
                        "kind": { "type": "string", "description": "interview, report, article, dataset, ..." },
                        "people": words("The authors; for an interview, the people interviewed."),
                        "interviewer": words("For an interview, who asked the questions."),
                        "url": { "type": "string", "description": "Where to read it." },
                        "accessed": { "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "When the url was last read: YYYY-MM-DD." },
                        "note": { "type": "string", "description": "Anything a reader of the source should know." }
                    }
                }
            },
            "sectors": {
                "description": "The sectors facts are filed under: [sectors.NAME].",
                "type": "object",
                "propertyNames": { "pattern": SLUG },
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["description"],
                    "properties": {
                        "description": text("One line on what the sector covers.")
                    }
                }
            },
            "facts": {
                "description": "One [[facts]] table per fact.",
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["id", "label", "value", "source"],
                    "properties": {
                        "id": { "type": "string", "pattern": ID, "description": "sector.slug; the sector must be defined. A fact with the id of an earlier sheet's fact replaces it." },
                        "label": text("A short description of the fact."),
                        "value": {
                            "description": "A number in base units, a range { min, max }, or text for names and events.",
                            "oneOf": [
                                number.clone(),
                                {
                                    "type": "object",
                                    "additionalProperties": false,
                                    "required": ["min", "max"],
                                    "properties": { "min": number.clone(), "max": number }
                                },
                                { "type": "string", "pattern": "\\S" }
                            ]
                        },
                        "unit": text("The unit of a number or range: USD, %, people, t, days, ... Required for quantities; text values take none."),
                        "qualifier": { "enum": qualifiers, "default": "exact", "description": "The hedge the source put on the figure." },
                        "period": { "type": "string", "pattern": PERIOD, "description": "ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD, or START/END." },
                        "tags": words("Words to find the fact by."),
                        "aliases": words("Other names a writer might use for it."),
                        "source": {
                            "type": "object",
                            "additionalProperties": false,
                            "required": ["key"],
                            "properties": {
                                "key": { "type": "string", "pattern": SLUG, "description": "A [sources.KEY] of this sheet or an earlier one." },
                                "section": { "type": "string", "description": "Where in the source: a question, a page, a table." }
                            }
                        },
                        "note": { "type": "string", "description": "Context a reader needs." },
                        "measure": { "type": "string", "pattern": MEASURE, "description": "What the fact measures, the same across periods and sources (tourism.pakistani-visitors): facts with one measure form a series; with one period too, they are alternatives from different sources." }
                    },
                    "if": { "required": ["value"], "properties": { "value": { "type": ["number", "object"] } } },
                    "then": { "required": ["unit"] },
                    "else": { "not": { "required": ["unit"] } }
                }
            }
        }
    })
}
