//! A long draft read in pieces, so that what reading it holds at once (tokens, figures,
//! findings) is bounded by a piece, not by the draft.
//!
//! The draft is laid out whole once (code, front matter and tables are known across it), then
//! cut into pieces of at most [`PIECE`] characters, each read on its own. A cut falls where the
//! reader carries nothing over, as far as one can be found: before a paragraph or heading that
//! follows a blank line; failing that at a blank line, at the end of a sentence's line, at any
//! line's end, and only for a single line longer than a piece, inside it. What the reader
//! would look back at across a cut comes along as context lines put before the piece's own
//! text: the heading above it and, in a table, its header row. (The date the draft is written
//! on and the year `that year` refers to are carried by the caller, see `scan::Carry`.) A
//! draft of one piece, as nearly every real one is, is read exactly as a whole.

use super::markdown::{Layout, LineKind};

/// The most characters a piece holds of its own: 256 Ki, a long report. Reading a piece takes
/// a bounded amount of memory whatever the draft's length.
pub const PIECE: usize = 256 * 1024;

/// One piece of a draft, laid out as a draft of its own.
#[derive(Debug)]
pub struct Piece {
    pub layout: Layout,
    /// Where the piece's own text starts in `layout.chars`: before it are the context lines.
    pub body: usize,
    /// Where the piece's own text starts in the whole draft's characters.
    pub offset: usize,
}

impl Piece {
    /// A character index of the piece's own text, as an index into the whole draft.
    pub fn to_whole(&self, index: usize) -> usize {
        index - self.body + self.offset
    }
}

/// The most numbers a piece holds: what reading a figure takes (its tokens, the figure, its
/// finding) is many times what its characters take, so a draft dense with figures (a data
/// table, a list of numbers) is cut into shorter pieces. Prose states a figure in every 100
/// characters or so, and meets [`PIECE`] first.
pub const FIGURES: usize = 4096;

/// The pieces of a laid-out draft, in order, each of at most `size` characters and `figures`
/// numbers of its own.
pub fn pieces(whole: &Layout, size: usize, figures: usize) -> Pieces<'_> {
    Pieces {
        whole,
        size: size.max(1),
        figures: figures.max(1),
        stable: false,
        at: 0,
        heading: None,
        seen: 0,
    }
}

/// Like [`pieces`], but each piece ends at a paragraph that starts after half its size, where
/// there is one, rather than at the last: the first of those whose opening characters mark it
/// ([`marks`]), else the first. Which paragraphs are marked depends on the text alone, so an
/// edit moves no cut but its own piece's, or those of a piece or two after it, and the pieces
/// after those are the same text as before: a [`super::Memo`] can give back what they held.
pub fn stable_pieces(whole: &Layout, size: usize, figures: usize) -> Pieces<'_> {
    Pieces {
        stable: true,
        ..pieces(whole, size, figures)
    }
}

pub struct Pieces<'a> {
    whole: &'a Layout,
    size: usize,
    figures: usize,
    /// Cut at the first paragraph after half a piece ([`stable_pieces`]).
    stable: bool,
    /// Where the next piece starts, in characters.
    at: usize,
    /// The last heading line (with words) before the next piece.
    heading: Option<usize>,
    /// Lines before this one have been looked at for headings.
    seen: usize,
}

/// Where a piece lies in the draft, before its characters are copied out ([`Span::piece`]):
/// its context lines, and its own text from character `from` to `to`.
#[derive(Debug)]
pub struct Span {
    context: Vec<usize>,
    from: usize,
    to: usize,
}

impl Span {
    /// The piece of `whole` (the layout the span was found in) that the span says.
    pub fn piece(&self, whole: &Layout) -> Piece {
        piece(whole, &self.context, self.from, self.to)
    }
}

impl Pieces<'_> {
    /// How many characters of the draft are not yet in a piece.
    pub fn remaining(&self) -> usize {
        self.whole.chars.len().saturating_sub(self.at)
    }

    /// Makes the pieces from the next on of at most `size` characters and `figures` numbers.
    pub fn resize(&mut self, size: usize, figures: usize) {
        (self.size, self.figures) = (size.max(1), figures.max(1));
    }

    /// Where the next piece lies, without copying it: [`Span::piece`] makes it, so that
    /// threads taking pieces in turn copy their own.
    pub fn next_span(&mut self) -> Option<Span> {
        let whole = self.whole;
        let len = whole.chars.len();
        if self.at >= len && !(self.at == 0 && len == 0) {
            return None;
        }
        let from = self.at;
        let limit = figures_end(&whole.chars, from, self.size, self.figures);
        let to = if limit == len {
            len
        } else if self.stable {
            first_paragraph(whole, from + (limit - from) / 2, limit)
                .unwrap_or_else(|| cut(whole, from, limit))
        } else {
            cut(whole, from, limit)
        };
        let first_line = whole.line_of(from);
        // The heading above the piece: the last heading line with words before its first line.
        for line in self.seen..first_line {
            if whole.kinds[line] == LineKind::Heading
                && whole.chars[line_range(whole, line)]
                    .iter()
                    .any(|c| !c.is_whitespace())
            {
                self.heading = Some(line);
            }
        }
        self.seen = self.seen.max(first_line);
        let mut context: Vec<usize> = self.heading.into_iter().collect();
        if let LineKind::TableRow { header } = whole.kinds[first_line] {
            if header < first_line {
                context.push(header);
            }
        }
        self.at = if to == from { len + 1 } else { to };
        Some(Span { context, from, to })
    }
}

impl Iterator for Pieces<'_> {
    type Item = Piece;

    fn next(&mut self) -> Option<Piece> {
        let span = self.next_span()?;
        Some(span.piece(self.whole))
    }
}

/// Whether a number starts at `i`: a digit after anything but a letter, a digit or a
/// separator inside a number.
fn number_at(chars: &[char], i: usize) -> bool {
    chars[i].is_ascii_digit()
        && i.checked_sub(1)
            .is_none_or(|p| !(chars[p].is_alphanumeric() || matches!(chars[p], '.' | ',')))
}

/// How far a piece that starts at `from` may reach: `size` characters, but not past the
/// start of its number after `figures` (the draft's end when it is within reach).
pub fn figures_end(chars: &[char], from: usize, size: usize, figures: usize) -> usize {
    let end = chars.len().min(from.saturating_add(size));
    let mut seen = 0;
    for i in from..end {
        if number_at(chars, i) {
            seen += 1;
            if seen > figures && i > from {
                return i;
            }
        }
    }
    end
}

/// The most characters of a context line a piece takes: its end, where the reader looks (the
/// last words of a heading, its last date). A heading of a million characters does not come
/// along whole with every piece under it.
const CONTEXT: usize = 1024;

/// The characters of line `line`, without its line break.
fn line_range(whole: &Layout, line: usize) -> std::ops::Range<usize> {
    let start = whole.line_starts[line];
    let end = whole
        .line_starts
        .get(line + 1)
        .map_or(whole.chars.len(), |&next| next - 1);
    start..end
}

/// How good a place to cut the start of `line` (not the first) is: 0 a paragraph's start, 1
/// after a blank line, 2 after a line that is no prose or ends a sentence, 3 anywhere else
/// (and a question's answer, read with the question).
fn rank(whole: &Layout, line: usize) -> usize {
    let kinds = &whole.kinds;
    let prose = |k: LineKind| matches!(k, LineKind::Text | LineKind::ListItem);
    let before = kinds[line - 1];
    let paragraph =
        before == LineKind::Blank && matches!(kinds[line], LineKind::Text | LineKind::Heading);
    if paragraph && answers_above(whole, line) {
        // A question's answer is read with it.
        3
    } else if paragraph {
        0
    } else if before == LineKind::Blank {
        1
    } else if !prose(before)
        || whole.chars[line_range(whole, line - 1)]
            .iter()
            .rev()
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| matches!(c, '.' | '!' | '?' | '…' | ';'))
    {
        2
    } else {
        3
    }
}

/// Where a piece that starts at `from` and may reach `limit` ends: the best place to cut in
/// `from + 1..=limit` (see the module's comment).
fn cut(whole: &Layout, from: usize, limit: usize) -> usize {
    // Lines whose start lies in the window, latest first: the first fit of each rank.
    let last = whole.line_of(limit);
    let mut best: [Option<usize>; 4] = [None; 4];
    let mut line = last;
    while line > 0 && whole.line_starts[line] > from {
        let rank = rank(whole, line);
        best[rank].get_or_insert(line);
        if rank == 0 {
            break;
        }
        line -= 1;
    }
    if let Some(line) = best.iter().flatten().next() {
        return whole.line_starts[*line];
    }
    // One line longer than a piece: after a sentence's end and a space, else after a space,
    // else after a character that is no part of a word or a number (a dash, not a decimal
    // point or a thousands separator), else anywhere.
    let chars = &whole.chars;
    // The last cut whose character before it (at `j`) fits.
    let after = |fits: &dyn Fn(usize) -> bool| (from + 1..=limit).rev().find(|&i| fits(i - 1));
    after(&|j| {
        chars[j].is_whitespace() && j > from && matches!(chars[j - 1], '.' | '!' | '?' | '…' | ';')
    })
    .or_else(|| after(&|j| chars[j].is_whitespace()))
    .or_else(|| after(&|j| !chars[j].is_alphanumeric() && !matches!(chars[j], '.' | ',')))
    .unwrap_or(limit)
}

/// Whether the paragraph at `line` follows a paragraph that asks a question or a heading that
/// writes a number: the reader gives a question's subject and year to its answer, and a
/// heading's date to the sentence under it (`## 2015` over `The declaration was signed.`), so
/// no cut falls between them.
fn answers_above(whole: &Layout, line: usize) -> bool {
    (0..line)
        .rev()
        .find(|&l| whole.kinds[l] != LineKind::Blank)
        .is_some_and(|l| {
            let chars = &whole.chars[line_range(whole, l)];
            if whole.kinds[l] == LineKind::Heading {
                chars.iter().any(char::is_ascii_digit)
            } else {
                chars.iter().rev().find(|c| !c.is_whitespace()) == Some(&'?')
            }
        })
}

/// Where a [`stable_pieces`] piece ends: the start of the first paragraph or heading after a
/// blank line in `from..=limit` (a cut of the best kind, as [`cut`] ranks them) that
/// [`marks`] picks, else of the first one.
fn first_paragraph(whole: &Layout, from: usize, limit: usize) -> Option<usize> {
    let first = whole.line_of(from) + 1;
    let mut paragraph = None;
    for line in (first.max(1)..whole.kinds.len()).take_while(|&l| whole.line_starts[l] <= limit) {
        let rank = rank(whole, line);
        // A paragraph whose opening characters mark it: which paragraphs those are depends on
        // the text alone, not on where the piece started, so the cuts after an edit fall on
        // the same paragraphs as before.
        if rank == 0 && marks(whole, line) {
            return Some(whole.line_starts[line]);
        }
        if rank == 0 {
            paragraph.get_or_insert(line);
        }
    }
    paragraph.map(|line| whole.line_starts[line])
}

/// Whether the paragraph that opens `line` is one of the one in [`MARK`] on average, chosen
/// by its first characters, that a [`stable_pieces`] cut prefers.
fn marks(whole: &Layout, line: usize) -> bool {
    let start = whole.line_starts[line];
    let opening = &whole.chars[start..whole.chars.len().min(start + 32)];
    let hash = opening
        .iter()
        .take_while(|&&c| c != '\n')
        .fold(0x811c_9dc5_u32, |h, &c| {
            (h ^ u32::from(c)).wrapping_mul(0x0100_0193)
        });
    hash % MARK == 0
}

/// How many paragraphs there are to each one [`marks`] picks: few enough that the second half
/// of a piece almost always holds one.
const MARK: u32 = 4;

/// The piece of `whole` from `from` to `to` (characters), after the context lines `context`
/// (line numbers of `whole`, in order, all before the piece).
fn piece(whole: &Layout, context: &[usize], from: usize, to: usize) -> Piece {
    let rebase_context = |kind: LineKind| match kind {
        LineKind::TableRow { header } => LineKind::TableRow {
            header: context.iter().position(|&l| l == header).unwrap_or(0),
        },
        other => other,
    };
    let mut chars = Vec::new();
    let mut line_starts = Vec::new();
    let mut kinds = Vec::new();
    for &line in context {
        line_starts.push(chars.len());
        kinds.push(rebase_context(whole.kinds[line]));
        let range = line_range(whole, line);
        let mut from = range.start.max(range.end.saturating_sub(CONTEXT));
        // From a word's start.
        while from > range.start && from < range.end && !whole.chars[from - 1].is_whitespace() {
            from += 1;
        }
        chars.extend_from_slice(&whole.chars[from..range.end]);
        chars.push('\n');
    }
    let body = chars.len();
    let first_line = whole.line_of(from);
    chars.reserve(to - from);
    chars.extend_from_slice(&whole.chars[from..to]);
    // The body's lines, through the line that starts at its end (if one does), so that the
    // last line break is read as the draft reads it, with the line after it.
    let lines = first_line..whole.line_starts.partition_point(|&s| s <= to);
    for line in lines {
        let start = whole.line_starts[line].max(from);
        line_starts.push(start - from + body);
        let kind = match whole.kinds[line] {
            LineKind::TableRow { header } if header >= first_line => LineKind::TableRow {
                header: header - first_line + context.len(),
            },
            LineKind::TableRow { header } => LineKind::TableRow {
                header: context.iter().position(|&l| l == header).unwrap_or(0),
            },
            other => other,
        };
        kinds.push(kind);
    }
    Piece {
        layout: Layout {
            chars,
            line_starts,
            kinds,
        },
        body,
        offset: from,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::markdown::layout;

    fn texts(text: &str, size: usize) -> Vec<(String, String)> {
        let whole = layout(text);
        pieces(&whole, size, usize::MAX)
            .map(|p| {
                let all: String = p.layout.chars.iter().collect();
                (all[..p.body].to_string(), all[p.body..].to_string())
            })
            .collect()
    }

    #[test]
    fn a_draft_within_a_piece_is_one_piece_as_laid_out() {
        let text = "# Trade\n\nIt came to $20 million.\n";
        let whole = layout(text);
        let all: Vec<Piece> = pieces(&whole, 1000, usize::MAX).collect();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].layout.chars, whole.chars);
        assert_eq!(all[0].layout.line_starts, whole.line_starts);
        assert_eq!(all[0].layout.kinds, whole.kinds);
        assert_eq!(pieces(&layout(""), 10, 10).count(), 1);
    }

    #[test]
    fn pieces_cover_the_draft_once_and_cut_before_paragraphs() {
        let text =
            "# Trade\n\nOne two three.\nFour five.\n\nSix seven eight.\n\n## Visas\n\nNine ten.\n";
        let got = texts(text, 30);
        let own: String = got.iter().map(|(_, body)| body.as_str()).collect();
        assert_eq!(own, layout(text).chars.iter().collect::<String>());
        // Each piece after the first starts a paragraph or a heading and carries the heading.
        assert_eq!(
            got[1],
            ("  Trade\n".into(), "One two three.\nFour five.\n\n".into())
        );
        assert!(got.iter().skip(1).all(|(_, body)| !body.starts_with('\n')));
        assert_eq!(
            got.last().unwrap(),
            &("   Visas\n".into(), "Nine ten.\n".into())
        );
    }

    #[test]
    fn a_heading_that_dates_the_sentence_under_it_stays_with_it() {
        let text = "Relations grew.\n\n## 2015\n\nThe declaration was signed.\n\nMore.\n";
        for size in 40..70 {
            let got = texts(text, size);
            assert!(
                got.iter()
                    .all(|(_, body)| !body.starts_with("The declaration")),
                "{size}: {got:?}"
            );
        }
    }

    #[test]
    fn a_table_cut_in_two_keeps_its_header_row() {
        let mut text = String::from("| Year | Trade |\n|---|---|\n");
        for year in 2000..2040 {
            text.push_str(&format!("| {year} | 5 |\n"));
        }
        let whole = layout(&text);
        let all: Vec<Piece> = pieces(&whole, 100, usize::MAX).collect();
        assert!(all.len() > 3);
        for p in &all[1..] {
            let header: String = p.layout.chars[..p.body].iter().collect();
            assert_eq!(header, "| Year | Trade |\n");
            assert_eq!(p.layout.kinds[1], LineKind::TableRow { header: 0 });
            assert_eq!(p.layout.kinds.len(), p.layout.line_starts.len());
        }
    }

    #[test]
    fn a_line_longer_than_a_piece_is_cut_after_a_sentence() {
        let text = "In 2024 it was 5, up 3. ".repeat(100);
        let got = texts(&text, 100);
        assert!(got.len() > 20);
        assert!(
            got.iter().all(|(_, body)| body.starts_with("In 2024")),
            "{got:?}"
        );
    }

    #[test]
    fn a_line_longer_than_a_piece_is_cut_between_figures() {
        let text = "5 6 7 8 9 ".repeat(100);
        let got = texts(&text, 64);
        let own: String = got.iter().map(|(_, body)| body.as_str()).collect();
        assert_eq!(own, text);
        assert!(
            got.iter()
                .all(|(_, body)| body.len() <= 64 && body.ends_with(' '))
        );
        // With no space, a cut falls after a dash, never inside a number.
        let dashes = "55-".repeat(100);
        for (_, body) in texts(&dashes, 64) {
            assert!(body.starts_with("55"), "{body}");
        }
    }

    #[test]
    fn a_long_heading_comes_along_by_its_end() {
        let text = format!(
            "# {}in 2024\n\n{}",
            "word ".repeat(50_000),
            "Five.\n\n".repeat(1000)
        );
        for (context, body) in texts(&text, 500) {
            assert!(context.chars().count() <= CONTEXT + 1, "{}", context.len());
            assert!(body.is_empty() || context.ends_with(" word in 2024\n") || context.is_empty());
        }
    }

    #[test]
    fn a_piece_dense_with_figures_is_shorter() {
        let text = "Trade grew 5 and 6 and 7 percent.\n".repeat(20);
        let whole = layout(&text);
        let all: Vec<Piece> = pieces(&whole, 10_000, 9).collect();
        // Three numbers a line: three lines a piece, cut at a line's end.
        assert_eq!(all.len(), 7);
        for p in &all {
            let body = &p.layout.chars[p.body..];
            assert!((0..body.len()).filter(|&i| number_at(body, i)).count() <= 9);
            assert_eq!(body.last(), Some(&'\n'));
        }
        assert_eq!(
            figures_end(&whole.chars, 0, 10_000, 1000),
            whole.chars.len()
        );
    }

    /// A diary read in small pieces: an entry's date anchors `last year` in the pieces after
    /// it, and a piece with one entry's date still knows the draft is a diary.
    #[test]
    fn a_diarys_entries_anchor_the_pieces_after_them() {
        use crate::check::{Cut, Finding, Options, check_in_pieces, matcher::Index};
        use std::ops::ControlFlow;
        let sheet = crate::sheet::bundled().unwrap();
        let index = Index::new(&sheet);
        let mut text = String::from("Notes.\n\nMonday, 10 March 2025\n\n");
        for _ in 0..40 {
            text.push_str("Officials met again.\n\n");
        }
        text.push_str("Pakistani visitors to Azerbaijan last year: 80,924.\n\n");
        text.push_str("Thursday, 12 February 2026\n\nPakistani visitors last year: 80,924.\n");
        let options = Options::named("diary.txt");
        let run = |size: usize| {
            let mut all: Vec<Finding> = Vec::new();
            let _ = check_in_pieces::<()>(
                &index,
                &text,
                &options,
                Cut {
                    size,
                    figures: usize::MAX,
                    workers: None,
                },
                crate::check::Shown::ALL,
                None,
                &mut |mut f| {
                    all.append(&mut f);
                    ControlFlow::Continue(())
                },
            );
            all.iter().map(|f| (f.line, f.status)).collect::<Vec<_>>()
        };
        let whole = run(usize::MAX);
        assert!(whole.contains(&(85, crate::check::Status::Ok)), "{whole:?}");
        assert_eq!(run(300), whole);
    }

    /// The drafts of the fixtures, one after another (with a byte-order mark and letters of
    /// two and three bytes before them, so that byte offsets differ from characters), checked
    /// in small pieces: every finding is what checking the draft whole gives, byte ranges,
    /// lines and columns included.
    #[test]
    fn findings_read_in_pieces_are_those_of_the_whole_draft() {
        use crate::check::{Cut, Finding, Options, check_in_pieces, matcher::Index};
        use std::ops::ControlFlow;
        let sheet = crate::sheet::bundled().unwrap();
        let index = Index::new(&sheet);
        let mut text = String::from("\u{FEFF}Café € — naïve.\n\n");
        text.push_str(&crate::check::tests::corpus());
        // A figure whose heading, far above, says what it is about.
        text.push_str("## Pakistani visitors to Azerbaijan in 2024\n\n");
        for _ in 0..300 {
            text.push_str("Officials met again.\n\n");
        }
        text.push_str("The number was 80,924.\n\nIt rose 47%.\n");
        let run = |size: usize, figures: usize, workers: Option<usize>| {
            let mut parts = 0;
            let mut all: Vec<Finding> = Vec::new();
            let _ = check_in_pieces::<()>(
                &index,
                &text,
                &Options::default(),
                Cut {
                    size,
                    figures,
                    workers,
                },
                crate::check::Shown::ALL,
                None,
                &mut |mut f| {
                    parts += 1;
                    all.append(&mut f);
                    ControlFlow::Continue(())
                },
            );
            (parts, all)
        };
        let (one, whole) = run(usize::MAX, usize::MAX, None);
        assert_eq!(one, 1);
        assert!(whole.len() > 100);
        let last = &whole[whole.len() - 2..];
        assert!(
            last.iter().all(|f| f.status == crate::check::Status::Ok),
            "{last:?}"
        );
        // On the caller's thread, and on threads that attribute the pieces in turn.
        for (size, figures, workers) in [
            (4000, 40, None),
            (1500, 12, None),
            (4000, 40, Some(1)),
            (1500, 12, Some(3)),
        ] {
            let (parts, pieced) = run(size, figures, workers);
            assert!(parts > 6, "{parts} pieces");
            assert_eq!(pieced.len(), whole.len());
            for (a, b) in pieced.iter().zip(&whole) {
                assert_eq!(a, b);
            }
        }
        // Checked again with a memo, as the language server does: the same findings, and
        // after an edit in the middle only the piece with the edit is read again.
        let checker = crate::check::Checker::new(&sheet);
        let options = Options::default();
        let mut memo = crate::check::Memo::default();
        assert_eq!(checker.check_again(&text, &options, &mut memo), whole);
        let (pieces, read) = memo.pieces_read();
        // Every piece is read, but one that repeats a piece before it with the same carry (the
        // run of identical lines may give one) is copied from it.
        assert!(
            pieces > 4 && read <= pieces && read + 1 >= pieces,
            "{pieces} pieces, {read} read"
        );
        assert_eq!(checker.check_again(&text, &options, &mut memo), whole);
        assert_eq!(memo.pieces_read().1, 0);
        let middle = text[text.len() / 2..].find(". ").unwrap() + text.len() / 2 + 1;
        let mut edited = text.clone();
        edited.insert_str(middle, " Indeed the 2024 figure was 85,000 visitors.");
        let again = checker.check_again(&edited, &options, &mut memo);
        assert_eq!(again, checker.check_document(&edited, &options));
        assert_ne!(again, whole);
        let (pieces, read) = memo.pieces_read();
        // The piece with the edit, and at most the two after it whose cut or carry (`that
        // year`) the edit moves.
        assert!(read <= 3, "{read} of {pieces} pieces read after one edit");
        // So wherever the edit falls: in a list, a table or prose.
        for tenth in 1..9 {
            let at = text.len() * tenth / 10;
            let at = text[at..].find(". ").unwrap() + at + 1;
            let mut edited = text.clone();
            edited.insert_str(at, " Indeed the 2024 figure was 85,000 visitors.");
            checker.check_again(&text, &options, &mut memo);
            let again = checker.check_again(&edited, &options, &mut memo);
            assert_eq!(again, checker.check_document(&edited, &options));
            let (pieces, read) = memo.pieces_read();
            assert!(
                read <= 3,
                "{read} of {pieces} pieces read after an edit at {at}"
            );
        }

        // Byte ranges are the figures': `5` in `5 percent`, `€5m`.
        assert!(
            whole
                .iter()
                .all(|f| !text[f.start..f.end].starts_with(char::is_whitespace))
        );
    }
}
