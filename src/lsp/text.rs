//! Positions in a document as the protocol counts them, and edits to the document's text.
//!
//! The protocol addresses text by line and by "character", where a character is a UTF-16
//! code unit unless client and server agreed on UTF-8 bytes. The checker gives byte offsets.
//! Every conversion here is total: a position past the end of its line or of the document is
//! clamped to that end, an offset inside a character is moved back to the character's start.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

/// How the `character` of a position is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16 code units: the protocol's default, and what most editors use.
    Utf16,
    /// Bytes of UTF-8, when the client offers it.
    Utf8,
}

impl Encoding {
    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf8 => c.len_utf8(),
        }
    }
}

/// Where each line of a text starts, in bytes. Lines end at `\n`, `\r\n` or a lone `\r`, as the
/// protocol says.
#[derive(Debug, Clone)]
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
        }
        Lines { starts }
    }

    /// The byte range of line `n` without its line break; the last line when `n` is past it.
    fn line(&self, text: &str, n: usize) -> (usize, usize) {
        let n = n.min(self.starts.len() - 1);
        let start = self.starts[n];
        let mut end = self.starts.get(n + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        (start, end)
    }

    /// The position of a byte offset.
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let n = self.starts.partition_point(|&s| s <= offset) - 1;
        let (start, end) = self.line(text, n);
        let units: usize = text[start..offset.min(end).max(start)]
            .chars()
            .map(|c| enc.units(c))
            .sum();
        Position::new(to_u32(n), to_u32(units))
    }

    /// The byte offset of a position. A line past the last is the end of the text; a character
    /// past the end of its line is the line's end; one inside a character (half of a UTF-16
    /// surrogate pair) is that character's start.
    pub fn offset(&self, text: &str, p: Position, enc: Encoding) -> usize {
        let n = p.line as usize;
        if n >= self.starts.len() {
            return text.len();
        }
        let (start, end) = self.line(text, n);
        let want = p.character as usize;
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            let next = units + enc.units(c);
            if next > want {
                return start + i;
            }
            units = next;
        }
        end
    }

    pub fn range(&self, text: &str, bytes: (usize, usize), enc: Encoding) -> Range {
        Range::new(
            self.position(text, bytes.0, enc),
            self.position(text, bytes.1, enc),
        )
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Applies the changes of one `didChange`, in order. A change without a range replaces the
/// whole text; ranges out of order are put in order first, so no change can fail.
pub fn apply(text: &mut String, changes: Vec<TextDocumentContentChangeEvent>, enc: Encoding) {
    for change in changes {
        match change.range {
            None => *text = change.text,
            Some(range) => {
                let lines = Lines::new(text);
                let a = lines.offset(text, range.start, enc);
                let b = lines.offset(text, range.end, enc);
                text.replace_range(a.min(b)..a.max(b), &change.text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    /// The byte range of `needle` in `text`, converted to a protocol range.
    fn range_of(text: &str, needle: &str, enc: Encoding) -> Range {
        let a = text.find(needle).unwrap();
        Lines::new(text).range(text, (a, a + needle.len()), enc)
    }

    #[test]
    fn emoji_count_two_utf16_units_and_four_bytes() {
        let text = "Tourism 🇦🇿🇵🇰 grew: 85,000 visitors";
        // Two flags are four regional indicators, each outside the BMP.
        let r16 = range_of(text, "85,000", Encoding::Utf16);
        assert_eq!((r16.start, r16.end), (pos(0, 23), pos(0, 29)));
        let r8 = range_of(text, "85,000", Encoding::Utf8);
        assert_eq!((r8.start, r8.end), (pos(0, 31), pos(0, 37)));
        // And back again.
        let lines = Lines::new(text);
        let at = lines.offset(text, pos(0, 23), Encoding::Utf16);
        assert!(text[at..].starts_with("85,000"));
        // Half of a surrogate pair is the character's start.
        let half = lines.offset(text, pos(0, 9), Encoding::Utf16);
        assert_eq!(&text[half..half + 4], "🇦");
    }

    #[test]
    fn urdu_and_azerbaijani_letters() {
        // Urdu letters are two bytes and one UTF-16 unit each, and so is ə (three of them in
        // `gələnlər`).
        let text = "پاکستان سے سیاح\nAzərbaycana gələnlər: 85,000 nəfər";
        let r = range_of(text, "85,000", Encoding::Utf16);
        assert_eq!((r.start, r.end), (pos(1, 22), pos(1, 28)));
        let r = range_of(text, "85,000", Encoding::Utf8);
        assert_eq!((r.start, r.end), (pos(1, 26), pos(1, 32)));
        let r = range_of(text, "سیاح", Encoding::Utf16);
        assert_eq!((r.start, r.end), (pos(0, 11), pos(0, 15)));
    }

    #[test]
    fn line_breaks_of_every_kind() {
        let text = "a\r\nb\rc\nd";
        let lines = Lines::new(text);
        for (needle, line) in [("a", 0), ("b", 1), ("c", 2), ("d", 3)] {
            let at = text.find(needle).unwrap();
            assert_eq!(
                lines.position(text, at, Encoding::Utf16),
                pos(line, 0),
                "{needle}"
            );
        }
        // The end of line 0 is before its `\r\n`.
        assert_eq!(lines.offset(text, pos(0, 99), Encoding::Utf16), 1);
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "one\ntwo";
        let lines = Lines::new(text);
        assert_eq!(lines.offset(text, pos(0, 50), Encoding::Utf16), 3);
        assert_eq!(lines.offset(text, pos(9, 0), Encoding::Utf16), text.len());
        assert_eq!(
            lines.offset(text, pos(u32::MAX, u32::MAX), Encoding::Utf8),
            7
        );
        assert_eq!(lines.position(text, 999, Encoding::Utf16), pos(1, 3));
        // An offset inside a character moves back to its start.
        let t = "é";
        assert_eq!(Lines::new(t).position(t, 1, Encoding::Utf8), pos(0, 0));
    }

    #[test]
    fn changes_apply_in_either_encoding() {
        let change = |range: Option<Range>, text: &str| TextDocumentContentChangeEvent {
            range,
            range_length: None,
            text: text.into(),
        };
        let mut text = String::from("😀 85,000 visitors");
        // Replace `85,000`: characters 3..9 in UTF-16, bytes 5..11 in UTF-8.
        apply(
            &mut text,
            vec![change(Some(Range::new(pos(0, 3), pos(0, 9))), "80,924")],
            Encoding::Utf16,
        );
        assert_eq!(text, "😀 80,924 visitors");
        apply(
            &mut text,
            vec![
                change(Some(Range::new(pos(0, 5), pos(0, 11))), "81,000"),
                change(Some(Range::new(pos(5, 0), pos(7, 0))), "!"),
            ],
            Encoding::Utf8,
        );
        assert_eq!(text, "😀 81,000 visitors!");
        // A reversed range is put in order; a change without range replaces everything.
        apply(
            &mut text,
            vec![change(Some(Range::new(pos(0, 9), pos(0, 3))), "x")],
            Encoding::Utf16,
        );
        assert_eq!(text, "😀 x visitors!");
        apply(&mut text, vec![change(None, "new")], Encoding::Utf16);
        assert_eq!(text, "new");
    }
}
