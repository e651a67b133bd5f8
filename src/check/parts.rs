//! A long draft's layout made in parts side by side, on threads, and joined: the layout is
//! the one part of checking a long draft that every thread would otherwise wait for.
//!
//! A part starts only where the layout of the text before it cannot reach: a line that opens
//! with a letter after a blank line, which ends every list, quotation, table and indented code
//! block, and only when that blank line is read as blank in the part before it (not inside
//! code or an HTML block left open). Front matter is never cut. Footnote definitions apply
//! across the whole text, so each part is laid out knowing every footnote's label; a text
//! with link reference definitions (`[x]: url`), or with anything that might be one, is laid
//! out whole.

use std::thread;

use super::markdown::{self, Layout, LineKind, Syntax};

/// Lays `text` out as [`markdown::layout_as`] does, cut into `parts` parts laid out side by
/// side on threads and joined (see the module's comment); the whole text on the caller's
/// thread when it has no place to cut.
pub fn lay_out(text: &str, syntax: Syntax, parts: usize) -> Layout {
    let footnotes = match syntax {
        Syntax::Markdown => definitions(text),
        Syntax::Plain => Some(Vec::new()),
    };
    match footnotes {
        Some(footnotes) if parts > 1 => {
            let cuts = layout_cuts(text, syntax, parts);
            lay_out_with(text, syntax, &cuts, &footnotes)
        }
        _ => markdown::layout_as(text, syntax),
    }
}

/// A footnote's definition: where its label starts, and the label as written (`[^4]`).
type Footnote<'a> = (usize, &'a str);

/// [`lay_out`] with the text cut at `cuts` (byte offsets in order, each a place where
/// [`opens_part`] holds).
#[cfg(test)]
fn lay_out_at(text: &str, syntax: Syntax, cuts: &[usize]) -> Layout {
    let footnotes = match syntax {
        Syntax::Markdown => definitions(text),
        Syntax::Plain => Some(Vec::new()),
    };
    match footnotes {
        Some(footnotes) => lay_out_with(text, syntax, cuts, &footnotes),
        None => markdown::layout_as(text, syntax),
    }
}

/// A part's layout, made with the footnotes' definitions before or after the part's own
/// text: the part's own lines start at line `lines` and character `chars` of `layout`, and
/// run to its end.
struct Laid {
    layout: Layout,
    lines: usize,
    chars: usize,
}

impl Laid {
    /// The kind of the part's own line `line`.
    fn kind(&self, line: usize) -> Option<&LineKind> {
        self.layout.kinds.get(self.lines + line)
    }

    /// How many lines the part's own text has, with the empty one after its last line break.
    fn line_count(&self) -> usize {
        self.layout.kinds.len() - self.lines
    }
}

/// [`lay_out`] with the text cut at `cuts` (byte offsets in order, each a place where
/// [`opens_part`] holds) and `footnotes` its footnotes' definitions, or laid out whole when a
/// part leaves something open across a cut or a footnote's definition is not read as one.
fn lay_out_with(text: &str, syntax: Syntax, cuts: &[usize], footnotes: &[Footnote]) -> Layout {
    if cuts.is_empty() {
        return markdown::layout_as(text, syntax);
    }
    // Each footnote's label defined, so that a part reads a note's mark as the whole text
    // does; after the first part, before the others (whose first line opens a paragraph).
    let defined: String = footnotes
        .iter()
        .map(|(_, label)| format!("{label}: -\n\n"))
        .collect();
    let (defined_lines, defined_chars) = (defined.matches('\n').count(), defined.chars().count());
    let starts = std::iter::once(0).chain(cuts.iter().copied());
    let ends = cuts.iter().copied().chain(std::iter::once(text.len()));
    let ranges: Vec<(usize, usize)> = starts.zip(ends).collect();
    let lay = |k: usize| -> Laid {
        let part = &text[ranges[k].0..ranges[k].1];
        let (layout, lines, chars) = if defined.is_empty() {
            (markdown::layout_as(part, syntax), 0, 0)
        } else if k == 0 {
            let laid = markdown::layout_as(&format!("{part}{defined}"), syntax);
            (first_of(laid, part), 0, 0)
        } else {
            let laid = markdown::layout_as(&format!("{defined}{part}"), syntax);
            (laid, defined_lines, defined_chars)
        };
        Laid {
            layout,
            lines,
            chars,
        }
    };
    let laid: Vec<Laid> = thread::scope(|s| {
        let later: Vec<_> = (1..ranges.len())
            .map(|k| {
                let lay = &lay;
                thread::Builder::new()
                    .spawn_scoped(s, move || lay(k))
                    .map_err(|_| k)
            })
            .collect();
        let mut laid = vec![lay(0)];
        for handle in later {
            laid.push(match handle {
                Ok(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                // No thread: this part on the caller's.
                Err(k) => lay(k),
            });
        }
        laid
    });
    // Each part but the last ends with the blank line before a cut: read as blank, nothing
    // was left open across it.
    let open = laid[..laid.len() - 1].iter().any(|l| {
        let n = l.line_count();
        n < 2 || l.kind(n - 2) != Some(&LineKind::Blank)
    });
    // Each footnote's definition read as one: its line is text whose mark is not kept.
    // The footnotes come in the order of the text: their lines are counted on from the last.
    let (mut k, mut from, mut line) = (0, 0, 0);
    let misread = footnotes.iter().any(|&(at, _)| {
        while ranges[k].1 <= at {
            k += 1;
            (from, line) = (ranges[k].0, 0);
        }
        line += text[from..at].matches('\n').count();
        from = at;
        // The spaces before the label: one character each.
        let indent = at - text[..at].rfind('\n').map_or(0, |n| n + 1);
        let l = &laid[k];
        l.kind(line) != Some(&LineKind::Text)
            || l.layout
                .line_starts
                .get(l.lines + line)
                .and_then(|&c| l.layout.chars.get(c + indent))
                != Some(&' ')
    });
    if open || misread {
        return markdown::layout_as(text, syntax);
    }
    let mut laid = laid;
    let first = laid.remove(0).layout;
    join(first, &laid)
}

/// The footnotes a Markdown text defines, each on a line of its own that opens with its
/// label after up to three spaces (`[^4]: Customs data.`); `None` when a line might hold any
/// other definition (`[source]: https://…`, one in a quotation or a list item, or the end of
/// a label begun on a line above), which [`lay_out`] does not cut a text for.
fn definitions(text: &str) -> Option<Vec<Footnote<'_>>> {
    let mut found = Vec::new();
    // Each line that holds `]:`, once: `done` is where the last one looked at ended.
    let mut done = 0;
    // A bracket found with a byte search, then its colon: faster than looking for the two.
    let hits = text
        .match_indices(']')
        .map(|(at, _)| at)
        .filter(|&at| text.as_bytes().get(at + 1) == Some(&b':'));
    for hit in hits {
        if hit < done {
            continue;
        }
        let start = text[..hit].rfind('\n').map_or(0, |n| n + 1);
        done = text[hit..].find('\n').map_or(text.len(), |n| hit + n + 1);
        let line = &text[start..done];
        let (rest, marked) = past_containers(line);
        if !rest.starts_with('[') {
            // `Out[2]: 140` opens its bracket on its own line; `\[bar]: /url` may end a label
            // begun above, which holds no bracket of its own.
            if line
                .split("]:")
                .next()
                .is_some_and(|head| !opens_bracket(head))
            {
                return None;
            }
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let label = &line[indent..];
        let end = label.find("]:").unwrap_or(0);
        let simple = !marked
            && indent <= 3
            && label.starts_with("[^")
            && end > 2
            && !label[1..end].contains([' ', '\t', '[', '\\']);
        if !simple {
            return None;
        }
        found.push((start + indent, &label[..=end]));
    }
    Some(found)
}

/// A line past the markers of the quotations and list items it is in (`> `, `- `, `1. `),
/// and whether it had any.
fn past_containers(line: &str) -> (&str, bool) {
    let mut rest = line;
    let mut marked = false;
    loop {
        let bare = rest.trim_start_matches([' ', '\t']);
        let digits = bare.len() - bare.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let after = if let Some(r) = bare.strip_prefix('>') {
            Some(r)
        } else if let Some(r) = bare.strip_prefix(['-', '*', '+']) {
            r.starts_with([' ', '\t']).then_some(r)
        } else if (1..=9).contains(&digits) {
            bare[digits..]
                .strip_prefix(['.', ')'])
                .filter(|r| r.starts_with([' ', '\t']))
        } else {
            None
        };
        match after {
            Some(r) => {
                rest = r;
                marked = true;
            }
            None => return (bare, marked),
        }
    }
}

/// Whether `text` opens a bracket that is not escaped (`\[`).
fn opens_bracket(text: &str) -> bool {
    let mut escaped = false;
    for c in text.chars() {
        match c {
            '[' if !escaped => return true,
            '\\' => escaped = !escaped,
            _ => escaped = false,
        }
    }
    false
}

/// The layout of the first part out of that of the part with the footnotes' definitions
/// after it: its characters and lines, and the line after its last line break.
fn first_of(mut laid: Layout, part: &str) -> Layout {
    let lines = part.matches('\n').count() + 1;
    let part = part.strip_prefix('\u{FEFF}').unwrap_or(part);
    laid.chars.truncate(part.chars().count());
    laid.line_starts.truncate(lines);
    laid.kinds.truncate(lines);
    laid
}

/// The layouts of consecutive parts of a text as one: `first`, the first part's, grown in
/// place by the others' own lines. Each part but the last ends with a line break, and the
/// empty line after it is the next part's first line.
fn join(mut first: Layout, rest: &[Laid]) -> Layout {
    // The first part has nothing before its own lines: the whole grows from it, in place.
    let whole = &mut first;
    whole
        .chars
        .reserve(rest.iter().map(|l| l.layout.chars.len() - l.chars).sum());
    whole
        .kinds
        .reserve(rest.iter().map(|l| l.layout.kinds.len() - l.lines).sum());
    whole.line_starts.reserve(
        rest.iter()
            .map(|l| l.layout.line_starts.len() - l.lines)
            .sum(),
    );
    for part in rest {
        // The empty line after the last line break is the next part's first.
        whole.line_starts.pop();
        whole.kinds.pop();
        let (chars, lines) = (whole.chars.len(), whole.kinds.len());
        let own = &part.layout;
        whole.line_starts.extend(
            own.line_starts[part.lines..]
                .iter()
                .map(|s| s - part.chars + chars),
        );
        whole
            .kinds
            .extend(own.kinds[part.lines..].iter().map(|&k| match k {
                LineKind::TableRow { header } => LineKind::TableRow {
                    header: header.saturating_sub(part.lines) + lines,
                },
                k => k,
            }));
        whole.chars.extend_from_slice(&own.chars[part.chars..]);
    }
    first
}

/// Where [`lay_out`] may cut `text` into `parts` parts: the first place at or after each
/// k/parts of its length where [`opens_part`] holds, past any front matter; none for a text
/// of one part.
fn layout_cuts(text: &str, syntax: Syntax, parts: usize) -> Vec<usize> {
    if parts < 2 {
        return Vec::new();
    }
    let floor = lowest_cut(text, syntax);
    let bytes = text.as_bytes();
    let mut cuts: Vec<usize> = Vec::new();
    for k in 1..parts {
        let mut p = (text.len() / parts * k)
            .max(floor + 1)
            .max(cuts.last().map_or(0, |c| c + 1));
        let to = (text.len() / parts * (k + 1)).min(text.len());
        while p < to {
            // The next line's start.
            match bytes[p..to].iter().position(|&b| b == b'\n') {
                Some(n) => p += n + 1,
                None => break,
            }
            if opens_part(bytes, p) {
                cuts.push(p);
                break;
            }
        }
    }
    cuts
}

/// Where the front matter of a Markdown text ends (after a byte-order mark, as the layout
/// reads it), or 0: no part starts before it.
fn lowest_cut(text: &str, syntax: Syntax) -> usize {
    let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    match syntax {
        Syntax::Markdown => markdown::front_matter_end(&text[bom..]).map_or(0, |end| end + bom),
        Syntax::Plain => 0,
    }
}

/// Whether a part of a text may start at byte `p`: a line that opens with an ASCII letter,
/// after a line of blanks that is not the text's first.
fn opens_part(bytes: &[u8], p: usize) -> bool {
    p >= 2
        && p < bytes.len()
        && bytes[p - 1] == b'\n'
        && bytes[p].is_ascii_alphabetic()
        && bytes[..p - 1]
            .iter()
            .rev()
            .take_while(|&&b| b != b'\n')
            .all(u8::is_ascii_whitespace)
        && bytes[..p - 1].contains(&b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts the layout is tried on: every tuning and held-out draft, and the corpus.
    fn drafts() -> Vec<(String, Syntax)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut all = vec![(crate::check::tests::corpus(), Syntax::Markdown)];
        for dir in std::fs::read_dir(&root).unwrap() {
            let dir = dir.unwrap().path();
            let name = dir.file_name().unwrap().to_string_lossy().to_string();
            if !(name == "drafts" || name.starts_with("heldout")) {
                continue;
            }
            for file in std::fs::read_dir(&dir).unwrap() {
                let file = file.unwrap().path();
                let name = file.to_string_lossy().to_string();
                if name.ends_with(".md") || name.ends_with(".txt") {
                    let text = std::fs::read_to_string(&file).unwrap();
                    all.push((text, Syntax::of_name(Some(&name))));
                }
            }
        }
        assert!(all.len() > 100, "{} drafts", all.len());
        all
    }

    fn same(a: &Layout, b: &Layout) -> bool {
        a.chars == b.chars && a.line_starts == b.line_starts && a.kinds == b.kinds
    }

    /// Cut at any place a part may start, a draft lays out as it does whole; so it does cut
    /// in two to eight parts where the threads cut it.
    #[test]
    fn a_draft_laid_out_in_parts_is_laid_out_as_a_whole() {
        let mut tried = 0;
        for (text, syntax) in drafts() {
            let whole = markdown::layout_as(&text, syntax);
            let bytes = text.as_bytes();
            let refs = syntax == Syntax::Markdown && definitions(&text).is_none();
            let floor = lowest_cut(&text, syntax);
            for p in (floor + 1..text.len()).filter(|&p| opens_part(bytes, p)) {
                if refs || text.len() > 50_000 && p % 97 != 0 {
                    continue;
                }
                tried += 1;
                assert!(same(&lay_out_at(&text, syntax, &[p]), &whole), "cut at {p}");
            }
            for parts in 2..=8 {
                assert!(
                    same(&lay_out(&text, syntax, parts), &whole),
                    "{parts} parts"
                );
            }
        }
        assert!(tried > 300, "{tried} cuts");
    }

    /// Where a cut would fall inside something the part before leaves open (code, an HTML
    /// comment), or where the text has reference definitions or front matter, it is laid out
    /// as a whole.
    #[test]
    fn nothing_left_open_is_cut() {
        let code = "Intro.\n\n```\nlet x = 1;\n\nabc 85,000\n```\n\nAfter 5.\n";
        let comment = "Intro.\n\n<!--\nnote\n\nabc 85,000\n-->\n\nAfter 5.\n";
        for text in [code, comment] {
            let p = text.find("abc").unwrap();
            assert!(opens_part(text.as_bytes(), p));
            let whole = markdown::layout_as(text, Syntax::Markdown);
            assert!(same(&lay_out_at(text, Syntax::Markdown, &[p]), &whole));
            let line = text[..p].matches('\n').count();
            assert_eq!(whole.kinds[line], LineKind::Skip, "{text}");
        }
        let refs = format!(
            "{}See [the source][s].\n\n[s]: https://example.org\n",
            "Words.\n\n".repeat(50)
        );
        assert!(definitions(&refs).is_none());
        assert!(same(
            &lay_out(&refs, Syntax::Markdown, 4),
            &markdown::layout_as(&refs, Syntax::Markdown)
        ));
        let front = format!(
            "---\ntitle: x\n\ndate: 2025\n---\n{}",
            "Words.\n\n".repeat(3)
        );
        let cuts = layout_cuts(&front, Syntax::Markdown, 8);
        let end = markdown::front_matter_end(&front).unwrap();
        assert!(
            !cuts.is_empty() && cuts.iter().all(|&c| c > end),
            "{cuts:?}"
        );
        let plain = "Words 5.\n\nMore 6.\n\nAnd 7.\n";
        assert_eq!(
            layout_cuts(plain, Syntax::Plain, 2),
            vec![plain.find("And").unwrap()]
        );
    }

    /// A footnote's mark reads as the whole text reads it, whichever part its definition is in;
    /// a definition's look-alike in code is no definition.
    #[test]
    fn footnotes_are_defined_in_every_part() {
        let words = "Words.\n\n".repeat(20);
        let text = format!(
            "Trade rose 5%[^a] in 2024.\n\n{words}Visitors came[^b].\n\n[^a]: Customs data, 2025.\n\n{words}[^b]: Board figures.\n"
        );
        let whole = markdown::layout_as(&text, Syntax::Markdown);
        assert_eq!(definitions(&text).map(|d| d.len()), Some(2));
        let cuts: Vec<usize> = (1..text.len())
            .filter(|&p| opens_part(text.as_bytes(), p))
            .collect();
        assert!(cuts.len() > 30);
        for &p in &cuts {
            assert!(
                same(&lay_out_at(&text, Syntax::Markdown, &[p]), &whole),
                "cut at {p}"
            );
        }
        let code = format!("Mark[^a] here.\n\n```\n[^a]: not a note\n```\n\n{words}");
        let whole = markdown::layout_as(&code, Syntax::Markdown);
        for p in (1..code.len()).filter(|&p| opens_part(code.as_bytes(), p)) {
            assert!(
                same(&lay_out_at(&code, Syntax::Markdown, &[p]), &whole),
                "cut at {p}"
            );
        }
        assert_eq!(
            definitions("See [the board][b].\n\n[b]: https://example.org\n"),
            None
        );
        assert_eq!(definitions("> [^a]: quoted\n"), None);
        assert_eq!(definitions("See [the\nboard]: https://example.org\n"), None);
        assert_eq!(definitions("    Out[2]: 140.2\n").map(|d| d.len()), Some(0));
    }

    proptest::proptest! {
        /// Any text: cut where a part may start, it lays out as it does whole.
        #[test]
        fn any_text_laid_out_in_parts_is_laid_out_as_a_whole(
            text in "([-*_>#|`~\\[\\]()<>!&;:/ \n\tax1é]|\n\na|\n\\[\\^a\\]: b|\\[\\^a\\]|&amp;|<!--|-->|```|    |https://|---\n)*",
            plain in proptest::bool::ANY,
        ) {
            let syntax = if plain { Syntax::Plain } else { Syntax::Markdown };
            let whole = markdown::layout_as(&text, syntax);
            for parts in 2..=3 {
                proptest::prop_assert!(same(&lay_out(&text, syntax, parts), &whole));
            }
            if syntax == Syntax::Plain || definitions(&text).is_some() {
                let floor = lowest_cut(&text, syntax);
                for p in (floor + 1..text.len()).filter(|&p| opens_part(text.as_bytes(), p)) {
                    proptest::prop_assert!(same(&lay_out_at(&text, syntax, &[p]), &whole), "cut at {}", p);
                }
            }
        }
    }

    /// Texts whose reference or footnote definitions hide behind an ordered list's marker or
    /// an escaped bracket, or whose front matter follows a byte-order mark: cut where a part
    /// may start, or in two to eight parts, each lays out as it does whole.
    #[test]
    fn hidden_definitions_and_marked_front_matter_lay_out_as_a_whole() {
        let cases = [
            // Front matter after a byte-order mark: a cut falls inside it.
            "\u{FEFF}---\ntitle: x\n\nabc: y\n---\n\nText 5.\n",
            // A reference definition in a quotation in a list item, or a list in a list.
            "See [foo] here.\n\nabc\n\n1. > [foo]: /url\n",
            "See [foo] here.\n\nabc\n\n1. 2. [foo]: /url\n",
            "See [foo] here.\n\nabc\n\n> 1. > [foo]: /url\n",
            // A footnote defined there: its mark in another part is not read as one.
            "Mark[^a] here.\n\nabc\n\n1. > [^a]: note\n",
            "Mark[^a] here.\n\nabc\n\n1. 2. [^a]: note\n",
            // A label over two lines whose last line starts with an escaped bracket.
            "See [foo \\[bar] here.\n\nabc\n\n[foo\n\\[bar]: /url\n",
        ];
        let mut bad = Vec::new();
        for text in cases {
            let whole = markdown::layout_as(text, Syntax::Markdown);
            let floor = lowest_cut(text, Syntax::Markdown);
            for p in (floor + 1..text.len()).filter(|&p| opens_part(text.as_bytes(), p)) {
                let parts = lay_out_at(text, Syntax::Markdown, &[p]);
                if !same(&parts, &whole) {
                    bad.push(format!(
                        "{text:?} cut at {p}:\n  parts {:?} {:?}\n  whole {:?} {:?}",
                        parts.kinds,
                        parts.chars.iter().collect::<String>(),
                        whole.kinds,
                        whole.chars.iter().collect::<String>()
                    ));
                }
            }
            for n in 2..=8 {
                if !same(&lay_out(text, Syntax::Markdown, n), &whole) {
                    bad.push(format!("{text:?} in {n} parts"));
                }
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }
}
