//! Diagnostics that point into a file: `FILE:LINE:COL: error: message`, with the line shown.

use std::fmt;
use std::ops::Range;

use crate::text::sanitize;

/// How wide a quoted source line may be before it is cut.
const SNIPPET_WIDTH: usize = 100;

/// A problem found at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based line; 0 when the problem has no place in the file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    pub message: String,
    /// The offending line, already cut and made safe for a terminal.
    pub snippet: Option<String>,
    /// Where under the snippet the marker goes (0-based, in characters of the snippet).
    pub marker: usize,
}

impl Diagnostic {
    /// A problem with the whole file (missing, unreadable, too large, ...).
    pub fn file_level(file: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            line: 0,
            column: 0,
            message: message.into(),
            snippet: None,
            marker: 0,
        }
    }

    /// A problem at a byte span of `text`.
    pub fn at(
        file: &str,
        text: &str,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        match span {
            Some(span) => Locator::new(text).place(file, span, message),
            None => Diagnostic::file_level(file, message),
        }
    }

    /// `FILE:LINE:COL` (or just `FILE` for a file-level problem).
    pub fn location(&self) -> String {
        if self.line == 0 {
            sanitize(&self.file).into_owned()
        } else {
            format!("{}:{}:{}", sanitize(&self.file), self.line, self.column)
        }
    }

    /// The one-line form: `FILE:LINE:COL: error: message`.
    pub fn headline(&self) -> String {
        self.headline_as("error")
    }

    fn headline_as(&self, level: &str) -> String {
        format!("{}: {level}: {}", self.location(), sanitize(&self.message))
    }

    /// The problem as a warning, in full: `FILE:LINE:COL: warning: message` and the line.
    pub fn warning(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.write(&mut out, "warning");
        out
    }

    fn write(&self, f: &mut dyn fmt::Write, level: &str) -> fmt::Result {
        write!(f, "{}", self.headline_as(level))?;
        if let Some(snippet) = &self.snippet {
            let gutter = self.line.to_string();
            let pad = " ".repeat(gutter.len());
            write!(
                f,
                "\n {pad} |\n {gutter} | {snippet}\n {pad} | {}^",
                " ".repeat(self.marker)
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for Diagnostic {
    /// The headline, then the offending line with a marker under the column.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, "error")
    }
}

/// How many bytes either side of a problem are looked at for its snippet: enough for
/// [`SNIPPET_WIDTH`] characters of any script, and no more, so a huge one-line file stays cheap.
const WINDOW_BYTES: usize = SNIPPET_WIDTH * 8;

/// Places problems in one text. Fed offsets in ascending order it reads the text once in all,
/// so a large file with many problems costs no more than one pass over it.
pub struct Locator<'a> {
    text: &'a str,
    /// The offset already counted up to, and its line, line start and column.
    pos: usize,
    line: usize,
    line_start: usize,
    column: usize,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Locator {
            text,
            pos: 0,
            line: 1,
            line_start: 0,
            column: 1,
        }
    }

    /// A diagnostic at the start of `span`.
    pub fn place(
        &mut self,
        file: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let text = self.text;
        let offset = floor_char_boundary(text, span.start.min(text.len()));
        if offset < self.pos {
            *self = Locator::new(text);
        }
        let passed = &text[self.pos..offset];
        match passed.rfind('\n') {
            Some(i) => {
                self.line += passed.bytes().filter(|&b| b == b'\n').count();
                self.line_start = self.pos + i + 1;
                self.column = text[self.line_start..offset].chars().count() + 1;
            }
            None => self.column += passed.chars().count(),
        }
        self.pos = offset;

        let from =
            floor_char_boundary(text, offset.saturating_sub(WINDOW_BYTES)).max(self.line_start);
        let to = floor_char_boundary(text, (offset + WINDOW_BYTES).min(text.len()));
        let to = text[offset..to].find('\n').map_or(to, |i| offset + i);
        let cut_after = to < text.len() && !text[to..].starts_with('\n');
        let window = text[from..to].trim_end_matches('\r');
        let column_in_window = text[from..offset].chars().count();
        let (snippet, marker) =
            cut_snippet(window, column_in_window, from > self.line_start, cut_after);
        Diagnostic {
            file: file.to_string(),
            line: self.line,
            column: self.column,
            message: message.into(),
            snippet: Some(snippet),
            marker,
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Cuts a long line to a window around `column` and makes it safe to print. `cut_before` and
/// `cut_after` say the line was already cut there. Returns the snippet and the marker position.
fn cut_snippet(line: &str, column: usize, cut_before: bool, cut_after: bool) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let start = column.saturating_sub(SNIPPET_WIDTH / 2);
    let start = if chars.len() <= SNIPPET_WIDTH {
        0
    } else {
        start
    };
    let end = (start + SNIPPET_WIDTH).min(chars.len());
    let mut out = String::new();
    let mut marker = 0;
    if start > 0 || cut_before {
        out.push('…');
    }
    for (i, c) in chars[start..end].iter().enumerate() {
        if start + i == column {
            marker = out.chars().count();
        }
        let mut buf = [0u8; 4];
        out.push_str(&sanitize(c.encode_utf8(&mut buf)));
    }
    if column >= end {
        marker = out.chars().count();
    }
    if end < chars.len() || cut_after {
        out.push('…');
    }
    (out, marker)
}

/// `" (did you mean 'x'?)"` when one candidate is close to `word`, else empty.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates)
        .map(|c| format!(" (did you mean '{c}'?)"))
        .unwrap_or_default()
}

/// The candidate closest to `word`, when it is close enough to be a typo of it. A word longer
/// than [`MAX_SHOWN`](crate::text::MAX_SHOWN) characters gets no suggestion (the distance
/// costs the product of the lengths), nor does a candidate whose length alone puts it too far.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = word.chars().count();
    if len > crate::text::MAX_SHOWN {
        return None;
    }
    candidates
        .into_iter()
        .filter(|c| c.len() <= 4 * crate::text::MAX_SHOWN)
        .filter_map(|c| {
            let limit = 2.max(c.len() / 4);
            if len.abs_diff(c.chars().count()) > limit {
                return None;
            }
            let d = strsim::damerau_levenshtein(word, c);
            (d <= limit).then_some((d, c))
        })
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nlabel = \"é\" x\n";
        let at = text.find('x').unwrap();
        let d = Diagnostic::at("f.toml", text, Some(at..at + 1), "bad");
        assert_eq!((d.line, d.column), (2, 13));
        assert_eq!(d.headline(), "f.toml:2:13: error: bad");
        assert_eq!(d.snippet.as_deref(), Some("label = \"é\" x"));
        assert_eq!(d.marker, 12);
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let d = Diagnostic::at("f", &line, Some(500..501), "m");
        let snippet = d.snippet.unwrap();
        assert!(snippet.chars().count() <= SNIPPET_WIDTH + 2);
        assert_eq!(snippet.chars().nth(d.marker), Some('X'));
        assert!(snippet.starts_with('…') && snippet.ends_with('…'));
    }

    #[test]
    fn a_locator_places_ascending_and_out_of_order_offsets() {
        let text = "ab\ncdé\nfg\n";
        let mut loc = Locator::new(text);
        let at = |loc: &mut Locator<'_>, c: char| {
            let i = text.find(c).unwrap();
            let d = loc.place("f", i..i + 1, "m");
            (d.line, d.column, d.snippet.unwrap(), d.marker)
        };
        assert_eq!(at(&mut loc, 'b'), (1, 2, "ab".into(), 1));
        assert_eq!(at(&mut loc, 'é'), (2, 3, "cdé".into(), 2));
        assert_eq!(at(&mut loc, 'g'), (3, 2, "fg".into(), 1));
        assert_eq!(at(&mut loc, 'c'), (2, 1, "cdé".into(), 0));
    }

    #[test]
    fn control_characters_in_snippets_are_escaped() {
        let text = "label = \"\u{1b}[2J\"";
        let d = Diagnostic::at("f", text, Some(0..1), "m");
        assert!(!d.to_string().contains('\u{1b}'));
    }
}
