//! ISO 8601 periods a figure refers to: a year, a month, a day, or an interval of those.

use std::cmp::Ordering;
use std::fmt;

/// One end of a period: a year, optionally narrowed to a month and a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Date {
    /// The first day this date covers, as a sortable `(year, month, day)`.
    fn first(self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date covers.
    fn last(self) -> (i32, u8, u8) {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        (self.year, month, day)
    }

    fn parse(text: &str) -> Result<Date, String> {
        let mut parts = text.split('-');
        let year_text = parts.next().unwrap_or_default();
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("'{text}' does not start with a four-digit year"));
        }
        let year: i32 = year_text
            .parse()
            .map_err(|_| format!("'{text}' has no valid year"))?;
        let month = match parts.next() {
            None => None,
            Some(m) => Some(
                two_digits(m, 1, 12)
                    .ok_or_else(|| format!("'{text}' has month '{m}'; a month is 01 to 12"))?,
            ),
        };
        let day = match parts.next() {
            None => None,
            Some(d) => {
                let max = days_in_month(year, month.unwrap_or(1));
                Some(two_digits(d, 1, max).ok_or_else(|| {
                    format!("'{text}' has day '{d}'; that month has days 01 to {max:02}")
                })?)
            }
        };
        if parts.next().is_some() {
            return Err(format!("'{text}' has more parts than YYYY-MM-DD"));
        }
        Ok(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

fn two_digits(text: &str, min: u8, max: u8) -> Option<u8> {
    if text.len() != 2 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u8 = text.parse().ok()?;
    (min..=max).contains(&n).then_some(n)
}

/// How many days month `month` (1 to 12) of `year` has.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The name of a month, 1 to 12.
pub fn month_name(month: u8) -> &'static str {
    MONTHS
        .get(usize::from(month).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

/// A period: a single date (`2024`, `2024-07`) or an interval (`2025-01/2025-09`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

impl Period {
    /// Parses an ISO 8601 year, month, day or `start/end` interval of those.
    pub fn parse(text: &str) -> Result<Period, String> {
        let text = text.trim();
        let period = match text.split_once('/') {
            None => {
                let d = Date::parse(text)?;
                Period { start: d, end: d }
            }
            Some((a, b)) => {
                let start = Date::parse(a)?;
                let end = Date::parse(b)?;
                if end.last() < start.first() {
                    return Err(format!("'{text}' ends before it starts"));
                }
                Period { start, end }
            }
        };
        Ok(period)
    }

    /// Whether the period overlaps the years `from..=to`.
    pub fn overlaps_years(&self, from: i32, to: i32) -> bool {
        self.start.year <= to && self.end.year >= from
    }

    /// A sort key: by start, then by end.
    pub fn sort_key(&self) -> ((i32, u8, u8), (i32, u8, u8)) {
        (self.start.first(), self.end.last())
    }

    /// The period as a person writes it: `2024`, `July 2024`, `January–September 2025`.
    pub fn human(&self) -> String {
        self.written(month_name)
    }

    /// The period with short month names, for narrow table columns: `Jan–Sep 2025`.
    pub fn short(&self) -> String {
        self.written(|m| month_name(m).get(..3).unwrap_or("?"))
    }

    fn written(&self, month_name: fn(u8) -> &'static str) -> String {
        let one = |d: Date| match (d.month, d.day) {
            (Some(m), Some(day)) => format!("{day} {} {}", month_name(m), d.year),
            (Some(m), None) => format!("{} {}", month_name(m), d.year),
            _ => d.year.to_string(),
        };
        if self.start == self.end {
            return one(self.start);
        }
        match (self.start, self.end) {
            (
                Date {
                    year: y1,
                    month: Some(m1),
                    day: None,
                },
                Date {
                    year: y2,
                    month: Some(m2),
                    day: None,
                },
            ) if y1 == y2 => format!("{}–{} {y1}", month_name(m1), month_name(m2)),
            (a, b) => format!("{}–{}", one(a), one(b)),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}/{}", self.start, self.end)
        }
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_each_form() {
        for text in [
            "2024",
            "2024-07",
            "2024-02-29",
            "2025-01/2025-09",
            "1992/2025-03",
        ] {
            assert_eq!(Period::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn rejects_malformed_periods() {
        for text in [
            "",
            "24",
            "2024-13",
            "2024-7",
            "2023-02-29",
            "2024-01-32",
            "2025/2024",
            "2024-01-01-01",
            "abcd",
            "2024/",
        ] {
            assert!(Period::parse(text).is_err(), "{text:?} should be rejected");
        }
    }

    #[test]
    fn human_forms() {
        let h = |t: &str| Period::parse(t).unwrap().human();
        assert_eq!(h("2024"), "2024");
        assert_eq!(h("2024-07"), "July 2024");
        assert_eq!(h("2025-01/2025-09"), "January–September 2025");
        assert_eq!(h("2024-11/2025-02"), "November 2024–February 2025");
        assert_eq!(h("2024-07-05"), "5 July 2024");
        assert_eq!(
            Period::parse("2025-01/2025-09").unwrap().short(),
            "Jan–Sep 2025"
        );
        assert_eq!(Period::parse("2024-07").unwrap().short(), "Jul 2024");
    }

    #[test]
    fn overlap_and_order() {
        let p = Period::parse("2024-11/2025-02").unwrap();
        assert!(p.overlaps_years(2025, 2025));
        assert!(p.overlaps_years(2024, 2024));
        assert!(!p.overlaps_years(2026, 2030));
        let a = Period::parse("2024").unwrap();
        let b = Period::parse("2024-07").unwrap();
        let c = Period::parse("2025-01/2025-09").unwrap();
        let mut v = vec![c, b, a];
        v.sort();
        assert_eq!(v, vec![a, b, c]);
    }
}
