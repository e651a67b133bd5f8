//! The facts table laid out and wrapped without building a comfy-table `Table`.
//!
//! comfy-table stays the reference: `Grid::write` reproduces, byte for byte, what
//! `render::comfy_facts_table` prints for the same cells and settings (tests compare the two
//! at every width, with and without colour, and the `render` fuzz target compares them on
//! arbitrary text). Doing the layout here is about four times less work, which is most of
//! what `pakaz list` costs above process start-up.
//!
//! The rules copied from comfy-table 8 (`utils/arrangement/dynamic.rs`,
//! `utils/formatting/content_split`), for a table with one space of padding either side of
//! every cell, columns joined by one space and no outer border:
//! - a column's content width is the widest line of its cells, header included (at least 1);
//! - without a width, every column takes its content width, a column with a lower bound
//!   whose content is narrower takes the bound;
//! - with a width, columns are decided in rounds: lower bounds the average space cannot
//!   give, columns that fit in the average space, columns whose longest line after wrapping
//!   at the average leaves at least three columns spare; what is left is shared evenly;
//! - a line wider than its column is split at spaces, keeping two columns free at the end of
//!   a line, and a word longer than the column is cut (between grapheme clusters).

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// How a column may be sized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Whatever the arrangement gives it.
    Free,
    /// Exactly as wide as its widest line (comfy-table's `ContentWidth`).
    Whole,
    /// At least this wide, padding included (comfy-table's `LowerBoundary`).
    AtLeast(usize),
}

/// Padding either side of a cell.
const PAD: usize = 1;
/// Columns comfy-table keeps free at the end of a wrapped line.
const MIN_FREE: usize = 2;
/// Wider columns are left to comfy-table, which counts widths in `u16`.
const MAX_WIDTH: usize = 60_000;

/// A table to lay out: a header, rows of cells and how each column may be sized.
pub struct Grid<'a, const N: usize> {
    header: [&'a str; N],
    rows: &'a [[Cow<'a, str>; N]],
    /// How each column may be sized; every column is [`Fit::Free`] until set.
    pub fits: [Fit; N],
    /// Escape codes around every line of a header cell (on, off).
    header_code: Option<(&'a str, &'a str)>,
    /// Escape codes around every line of a cell in the first column.
    first_code: Option<(&'a str, &'a str)>,
    /// The widest line of each column, header included, at least 1.
    widest: [usize; N],
}

impl<'a, const N: usize> Grid<'a, N> {
    /// A table of these cells; `header_code` and `first_code` are the escape codes (on, off)
    /// around every line of a header cell and of a cell in the first column.
    pub fn new(
        header: [&'a str; N],
        rows: &'a [[Cow<'a, str>; N]],
        header_code: Option<(&'a str, &'a str)>,
        first_code: Option<(&'a str, &'a str)>,
    ) -> Self {
        let mut widest = header.map(|h| widest_line(h).max(1));
        for row in rows {
            for (w, cell) in widest.iter_mut().zip(row) {
                *w = (*w).max(widest_line(cell));
            }
        }
        Grid {
            header,
            rows,
            fits: [Fit::Free; N],
            header_code,
            first_code,
            widest,
        }
    }

    /// The widest line of column `i`, header included, at least 1.
    pub fn widest(&self, i: usize) -> usize {
        self.widest[i]
    }

    /// The table as text, each line ended by a newline; `width` is the width to fit, if any.
    /// `None` when a column is wider than comfy-table can count.
    pub fn write(&self, width: Option<usize>) -> Option<String> {
        let widest = &self.widest;
        if widest.iter().any(|&w| w > MAX_WIDTH) {
            return None;
        }
        let widths = match width {
            None => self.natural(widest),
            Some(w) => self.arrange(widest, w),
        };
        let line: usize = widths.iter().map(|w| w + 2 * PAD + 1).sum();
        let mut out = String::with_capacity(line * (self.rows.len() * 2 + 2));
        // Each cell's lines, kept from row to row to save allocations.
        let mut lines: [Vec<&str>; N] = std::array::from_fn(|_| Vec::new());
        self.write_row(&mut out, self.header, &widths, true, &mut lines);
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.extend(std::iter::repeat_n('─', w + 2 * PAD));
        }
        out.push('\n');
        for row in self.rows {
            let row = row.each_ref().map(|cell| cell.as_ref());
            self.write_row(&mut out, row, &widths, false, &mut lines);
        }
        Some(out)
    }

    /// The cells of column `i`, header first.
    fn column(&self, i: usize) -> impl Iterator<Item = &str> {
        std::iter::once(self.header[i]).chain(self.rows.iter().map(move |r| r[i].as_ref()))
    }

    /// Content widths when no width is set.
    fn natural(&self, widest: &[usize; N]) -> [usize; N] {
        std::array::from_fn(|i| match self.fits[i] {
            Fit::AtLeast(min) if widest[i] + 2 * PAD <= min => content_of(min),
            _ => widest[i],
        })
    }

    /// Content widths that fit `width`, decided as comfy-table's dynamic arrangement does.
    fn arrange(&self, widest: &[usize; N], width: usize) -> [usize; N] {
        let mut decided: [Option<usize>; N] = [None; N];
        for (i, fit) in self.fits.iter().enumerate() {
            match *fit {
                Fit::Whole => decided[i] = Some(widest[i]),
                Fit::AtLeast(min) if widest[i] + 2 * PAD <= min => {
                    decided[i] = Some(content_of(min))
                }
                _ => {}
            }
        }
        let mut space = Space {
            remaining: width.saturating_sub(N.saturating_sub(1)),
            left: 0,
        };
        for d in &decided {
            space.remaining = space.remaining.saturating_sub(d.unwrap_or(0) + 2 * PAD);
            space.left += usize::from(d.is_none());
        }

        // Lower bounds the average space cannot give.
        if space.left > 0 {
            let mut again = true;
            while again {
                again = false;
                for (d, fit) in decided.iter_mut().zip(&self.fits) {
                    let Fit::AtLeast(min) = *fit else {
                        continue;
                    };
                    if d.is_some() || space.average() >= min {
                        continue;
                    }
                    space.fix(d, content_of(min));
                    if space.left == 0 {
                        break;
                    }
                    again = true;
                }
            }
        }

        // Columns whose widest line fits in the average space.
        let mut again = true;
        while again && space.left > 0 && space.average() > 0 {
            again = false;
            for (d, &w) in decided.iter_mut().zip(widest) {
                if d.is_none() && w <= space.average() {
                    space.fix(d, w);
                    if space.left == 0 {
                        break;
                    }
                    again = true;
                }
            }
        }

        // Columns that, wrapped at the average space, leave at least three columns spare.
        let mut again = space.left > 0;
        while again {
            again = false;
            for (i, d) in decided.iter_mut().enumerate() {
                if d.is_some() {
                    continue;
                }
                let average = space.average();
                let longest = self.longest_after_split(i, average);
                if average.saturating_sub(longest) >= 3 {
                    space.fix(d, longest);
                    if space.left == 0 {
                        break;
                    }
                    again = true;
                }
            }
        }

        // The rest, shared evenly, the first columns taking one more when it does not divide.
        if space.left > 0 {
            let remaining = space.remaining.max(space.left);
            let (each, excess) = (remaining / space.left, remaining % space.left);
            for (k, d) in decided.iter_mut().filter(|d| d.is_none()).enumerate() {
                *d = Some(each + usize::from(k < excess));
            }
        }
        decided.map(|d| d.unwrap_or(1).max(1))
    }

    /// The widest line of column `i` once its lines are wrapped at `width`.
    fn longest_after_split(&self, i: usize, width: usize) -> usize {
        let mut longest = 0;
        let mut parts = Vec::new();
        for cell in self.column(i) {
            for line in cell.split('\n') {
                let w = width_of(line);
                if w > width {
                    parts.clear();
                    split_line(line, width.max(1), &mut parts);
                    for part in &parts {
                        longest = longest.max(width_of(part));
                    }
                } else {
                    longest = longest.max(w);
                }
            }
        }
        longest
    }

    /// One row: each cell's lines wrapped and padded, cells side by side.
    fn write_row(
        &self,
        out: &mut String,
        row: [&'a str; N],
        widths: &[usize; N],
        header: bool,
        cells: &mut [Vec<&'a str>; N],
    ) {
        for (lines, (cell, &width)) in cells.iter_mut().zip(row.iter().zip(widths)) {
            lines.clear();
            for line in cell.split('\n') {
                if width_of(line) > width {
                    split_line(line, width, lines);
                } else {
                    lines.push(line);
                }
            }
        }
        let height = cells.iter().map(Vec::len).max().unwrap_or(0);
        for k in 0..height {
            for (i, (lines, &width)) in cells.iter().zip(widths).enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                let Some(line) = lines.get(k) else {
                    spaces(out, width + 2 * PAD);
                    continue;
                };
                let code = match (header, i) {
                    (true, _) => self.header_code,
                    (false, 0) => self.first_code,
                    (false, _) => None,
                };
                if let Some((on, _)) = code {
                    out.push_str(on);
                }
                out.push(' ');
                out.push_str(line);
                spaces(out, width.saturating_sub(width_of(line)) + PAD);
                if let Some((_, off)) = code {
                    out.push_str(off);
                }
            }
            out.push('\n');
        }
    }
}

/// The space not yet given to a column, and how many columns still want some.
struct Space {
    remaining: usize,
    left: usize,
}

impl Space {
    fn average(&self) -> usize {
        self.remaining.checked_div(self.left).unwrap_or(0)
    }

    fn fix(&mut self, column: &mut Option<usize>, width: usize) {
        *column = Some(width.max(1));
        self.remaining = self.remaining.saturating_sub(width);
        self.left -= 1;
    }
}

/// Appends `n` spaces.
fn spaces(out: &mut String, mut n: usize) {
    const BLANK: &str = "                                                                ";
    while n > 0 {
        let k = n.min(BLANK.len());
        out.push_str(&BLANK[..k]);
        n -= k;
    }
}

/// The content width of a column `with_padding` wide (at least 1).
fn content_of(with_padding: usize) -> usize {
    with_padding.saturating_sub(2 * PAD).max(1)
}

fn widest_line(cell: &str) -> usize {
    cell.split('\n').map(width_of).max().unwrap_or(0)
}

/// The width of `text` in columns: its length when it is printable ASCII, which most cells
/// are, and otherwise as comfy-table measures it.
fn width_of(text: &str) -> usize {
    // A fold rather than `all`: no early exit, so the check runs on whole words at a time.
    if text
        .bytes()
        .fold(true, |ok, b| ok & (0x20..0x7f).contains(&b))
    {
        text.len()
    } else {
        text.width()
    }
}

/// A line split into lines at most `width` wide, as comfy-table's `split_line` does: words
/// are joined while they fit, a line ends early when at most two columns would be left, and
/// a word longer than a line is cut. Every piece is a slice of `line`, added to `lines`.
fn split_line<'t>(line: &'t str, width: usize, lines: &mut Vec<&'t str>) {
    // Words still to place, in order, and the one put back when a line ended before it.
    let mut rest = Some(line);
    let mut words = std::iter::from_fn(|| {
        let text = rest?;
        // Words are short: a plain scan beats a searcher set up for each one.
        match text.bytes().position(|b| b == b' ') {
            Some(at) => {
                rest = Some(&text[at + 1..]);
                Some(&text[..at])
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    });
    let mut put_back: Option<&str> = None;
    // The line being built, as a byte range of `line` (empty when nothing is on it yet).
    let mut start = 0;
    let mut end = 0;
    let mut length = 0;
    let offset = |word: &str| word.as_ptr() as usize - line.as_ptr() as usize;

    while let Some(next) = put_back.take().or_else(|| words.next()) {
        let empty = start == end;
        let next_length = width_of(next);
        let added = next_length + length + usize::from(!empty);
        let mut room = width.saturating_sub(length);
        if !empty {
            room = room.saturating_sub(1);
        }

        if added <= width {
            if empty {
                start = offset(next);
            }
            end = offset(next) + next.len();
            if start == end {
                continue;
            }
            length = added;
            if length > width.saturating_sub(MIN_FREE) {
                lines.push(&line[start..end]);
                (start, end, length) = (0, 0, 0);
            }
            continue;
        }

        if !empty && room <= MIN_FREE {
            put_back = Some(next);
            lines.push(&line[start..end]);
            (start, end, length) = (0, 0, 0);
            continue;
        }

        if next_length > width {
            let (head, tail) = next.split_at(cut_at(next, room));
            if empty && head.is_empty() {
                // A character wider than the column: it goes on a line of its own.
                let first = tail.chars().next().map_or(0, char::len_utf8);
                lines.push(&tail[..first]);
                put_back = Some(&tail[first..]);
            } else {
                let from = if empty { offset(head) } else { start };
                lines.push(&line[from..offset(head) + head.len()]);
                put_back = Some(tail);
            }
            (start, end, length) = (0, 0, 0);
            continue;
        }

        lines.push(&line[start..end]);
        (start, end, length) = (offset(next), offset(next) + next.len(), next_length);
        if length > width.saturating_sub(MIN_FREE) {
            lines.push(&line[start..end]);
            (start, end, length) = (0, 0, 0);
        }
    }
    if start != end {
        lines.push(&line[start..end]);
    }
}

/// Where to cut `word` so the head is at most `width` wide: between grapheme clusters, or
/// after `width` bytes when the word is printable ASCII.
fn cut_at(word: &str, width: usize) -> usize {
    if word.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return word.len().min(width);
    }
    let mut used = 0;
    for (at, cluster) in word.grapheme_indices(true) {
        used += width_of(cluster);
        if used > width {
            return at;
        }
    }
    word.len()
}

#[cfg(test)]
mod tests {
    fn split_line(line: &str, width: usize) -> Vec<&str> {
        let mut lines = Vec::new();
        super::split_line(line, width, &mut lines);
        lines
    }

    #[test]
    fn lines_split_at_spaces_keeping_two_columns_free() {
        assert_eq!(
            split_line("one two three four", 10),
            ["one two", "three four"]
        );
        // "abcdefgh" is 8 wide: more than 10 - 2, so the line ends there.
        assert_eq!(split_line("abcdefgh ij", 10), ["abcdefgh", "ij"]);
    }

    #[test]
    fn long_words_are_cut_between_grapheme_clusters() {
        assert_eq!(split_line("abcdefghijkl", 5), ["abcde", "fghij", "kl"]);
        assert_eq!(split_line("ab cdefghijkl", 6), ["ab cde", "fghijk", "l"]);
        assert_eq!(
            split_line("e\u{301}e\u{301}e\u{301}e\u{301}", 3),
            ["e\u{301}e\u{301}e\u{301}", "e\u{301}"]
        );
        // Too wide for the column: one character a line.
        assert_eq!(split_line("中文", 1), ["中", "文"]);
    }
}
