//! The validated fact sheet: the types every command works on.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use crate::period::Period;

/// The hedge a source put on a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Qualifier {
    #[default]
    Exact,
    About,
    Over,
    Under,
    UpTo,
    AtLeast,
    Nearly,
}

impl Qualifier {
    pub const ALL: [Qualifier; 7] = [
        Qualifier::Exact,
        Qualifier::About,
        Qualifier::Over,
        Qualifier::Under,
        Qualifier::UpTo,
        Qualifier::AtLeast,
        Qualifier::Nearly,
    ];

    /// The name used in sheets and JSON: `exact`, `up-to`, ...
    pub fn name(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::About => "about",
            Qualifier::Over => "over",
            Qualifier::Under => "under",
            Qualifier::UpTo => "up-to",
            Qualifier::AtLeast => "at-least",
            Qualifier::Nearly => "nearly",
        }
    }

    /// What goes before a figure when a person writes it.
    pub fn prefix(self) -> &'static str {
        match self {
            Qualifier::Exact => "",
            Qualifier::About => "≈ ",
            Qualifier::Over => "over ",
            Qualifier::Under => "under ",
            Qualifier::UpTo => "up to ",
            Qualifier::AtLeast => "at least ",
            Qualifier::Nearly => "nearly ",
        }
    }

    /// The hedge as a word in running text (`about`, not `≈`).
    pub fn word(self) -> &'static str {
        match self {
            Qualifier::About => "about ",
            other => other.prefix(),
        }
    }
}

impl FromStr for Qualifier {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Qualifier::ALL
            .into_iter()
            .find(|q| q.name() == s)
            .ok_or_else(|| format!("unknown qualifier '{s}'"))
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A fact's value: a number in base units, a range, or text for names and events.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(f64),
    Range { min: f64, max: f64 },
    Text(String),
}

impl Value {
    /// Whether the value is a quantity (and so needs a unit).
    pub fn is_quantity(&self) -> bool {
        !matches!(self, Value::Text(_))
    }

    /// The bare value for scripts: `80924`, `38.7`, `8-10`, or the text. A range with a
    /// negative end is `-5 to -3` (`-5--3` would be hard to split).
    pub fn raw(&self) -> String {
        match self {
            Value::Number(n) => n.to_string(),
            Value::Range { min, max } if *min < 0.0 || *max < 0.0 => format!("{min} to {max}"),
            Value::Range { min, max } => format!("{min}-{max}"),
            Value::Text(t) => t.clone(),
        }
    }
}

/// Where a fact comes from: a key into the sheet's sources and the place in that source.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRef {
    pub key: String,
    pub section: Option<String>,
}

/// One fact of the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub id: String,
    pub label: String,
    pub value: Value,
    pub unit: Option<String>,
    pub qualifier: Qualifier,
    pub period: Option<Period>,
    pub tags: Vec<String>,
    pub aliases: Vec<String>,
    pub source: SourceRef,
    pub note: Option<String>,
    /// What the fact measures, the same across periods and sources
    /// (`tourism.pakistani-visitors`): facts with one measure form a series over their
    /// periods, and those with one measure and one period are alternatives.
    pub measure: Option<String>,
    /// The sheet file the fact was read from (`bundled` for the built-in sheet), shared by
    /// the facts of one file.
    pub origin: Arc<str>,
}

impl Fact {
    /// A minimal fact for unit tests: `s.x`, labelled `L`, from source `k`.
    #[cfg(test)]
    pub fn sample(value: Value, unit: Option<&str>, qualifier: Qualifier) -> Fact {
        Fact {
            id: "s.x".into(),
            label: "L".into(),
            value,
            unit: unit.map(str::to_string),
            qualifier,
            period: None,
            tags: vec![],
            aliases: vec![],
            source: SourceRef {
                key: "k".into(),
                section: None,
            },
            note: None,
            measure: None,
            origin: "t".into(),
        }
    }

    /// The sector is the part of the id before the first dot.
    pub fn sector(&self) -> &str {
        self.id.split_once('.').map_or(&self.id, |(s, _)| s)
    }

    /// The id without its sector.
    pub fn slug(&self) -> &str {
        self.id.split_once('.').map_or(&self.id, |(_, s)| s)
    }
}

/// A publication facts are drawn from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Source {
    pub key: String,
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub kind: Option<String>,
    /// The authors; for an interview, the people interviewed.
    pub people: Vec<String>,
    /// For an interview, who asked the questions.
    pub interviewer: Vec<String>,
    pub url: Option<String>,
    /// When the `url` was last read (ISO 8601 date).
    pub accessed: Option<String>,
    pub note: Option<String>,
    /// The sheet file that defined the source (`bundled` for the built-in sheet).
    pub origin: String,
}

/// A sector facts are filed under.
#[derive(Debug, Clone, PartialEq)]
pub struct Sector {
    pub name: String,
    pub description: String,
}

/// A loaded, validated sheet.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    pub title: String,
    pub description: String,
    pub sources: BTreeMap<String, Source>,
    /// In the order the sheet defines them.
    pub sectors: Vec<Sector>,
    /// In the order the sheet lists them.
    pub facts: Vec<Fact>,
    /// The sheet files this sheet was built from, in load order.
    pub loaded: Vec<Loaded>,
}

/// One sheet file that went into a [`Sheet`], with what it contributed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Loaded {
    /// `bundled`, or the path as it was given.
    pub name: String,
    pub title: String,
    /// Facts it defines.
    pub facts: usize,
    /// Of those, how many replaced a fact of an earlier sheet with the same id.
    pub replaced: usize,
    pub sources: usize,
    pub sectors: usize,
}

impl Sheet {
    pub fn source_of(&self, fact: &Fact) -> Option<&Source> {
        self.sources.get(&fact.source.key)
    }

    pub fn sector(&self, name: &str) -> Option<&Sector> {
        self.sectors.iter().find(|s| s.name == name)
    }

    /// The position of a sector in the sheet's order, for sorting.
    pub fn sector_rank(&self, name: &str) -> usize {
        self.sectors
            .iter()
            .position(|s| s.name == name)
            .unwrap_or(usize::MAX)
    }

    pub fn count_in(&self, sector: &str) -> usize {
        self.facts.iter().filter(|f| f.sector() == sector).count()
    }

    /// How many facts cite the source with this key.
    pub fn cited(&self, key: &str) -> usize {
        self.facts.iter().filter(|f| f.source.key == key).count()
    }
}
