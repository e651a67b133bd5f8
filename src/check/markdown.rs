//! The structure stage: the shape of a Markdown or plain-text draft — which lines are prose,
//! list items, table rows or headings — with everything that is not prose (code, HTML, URLs,
//! link targets, markup) blanked out.
//!
//! Markdown is read by `pulldown-cmark` (CommonMark with GitHub's tables, task lists,
//! strikethrough and footnotes); the byte ranges of its events are mapped onto the draft's
//! lines. Only the text of its text events is kept: markers, code, HTML and link targets never
//! reach the later stages. Plain text is read as paragraphs separated by blank lines.
//!
//! Blanked characters become spaces, so every character keeps its line and column.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

/// What a line of the draft is, as far as reading figures goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Blank,
    Text,
    Heading,
    /// The first line of a list item (its marker blanked).
    ListItem,
    /// A row of a table; `header` is the line number (0-based) of the table's header row.
    TableRow {
        header: usize,
    },
    /// Code, front matter, HTML blocks, rules, reference definitions and table delimiter
    /// rows: nothing to read.
    Skip,
}

/// How a draft is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Markdown,
    /// Paragraphs separated by blank lines; nothing is markup.
    Plain,
}

impl Syntax {
    /// The syntax of a document by its name: a name ending in `.txt` is plain text, anything
    /// else (or no name) is Markdown.
    pub fn of_name(name: Option<&str>) -> Syntax {
        match name {
            Some(n) if n.to_ascii_lowercase().ends_with(".txt") => Syntax::Plain,
            _ => Syntax::Markdown,
        }
    }
}

/// A draft ready for scanning.
#[derive(Debug)]
pub struct Layout {
    /// The text with non-prose blanked; `\r` and a leading byte-order mark are dropped or
    /// blanked so that columns count what an editor shows.
    pub chars: Vec<char>,
    /// The index in `chars` where each line starts.
    pub line_starts: Vec<usize>,
    pub kinds: Vec<LineKind>,
}

impl Layout {
    /// The 1-based line and column (in characters) of a character index.
    pub fn position(&self, index: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= index).max(1) - 1;
        (line + 1, index - self.line_starts[line] + 1)
    }

    /// The line (0-based) a character index is on.
    pub fn line_of(&self, index: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= index).max(1) - 1
    }
}

/// Reads the structure of a Markdown draft and blanks what is not prose.
pub fn layout(text: &str) -> Layout {
    layout_as(text, Syntax::Markdown)
}

/// Reads the structure of a draft written in `syntax` and blanks what is not prose.
pub fn layout_as(text: &str, syntax: Syntax) -> Layout {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let starts = byte_line_starts(text);
    let (keep, kinds) = match syntax {
        Syntax::Markdown => read_markdown(text, &starts),
        Syntax::Plain => read_plain(text, &starts),
    };
    // As many characters as bytes at most: one allocation, and pages past the text's end are
    // never touched.
    let mut chars: Vec<char> = Vec::with_capacity(text.len());
    let mut line_starts = Vec::with_capacity(starts.len());
    line_starts.push(0);
    let mut replaced = keep.replaced.iter().peekable();
    // Source characters still covered by a replacement already written.
    let mut covered = 0usize;
    for (b, c) in text.char_indices() {
        if let Some((_, width, s)) = replaced.next_if(|r| r.0 == b) {
            chars.extend(s.chars());
            chars.extend(std::iter::repeat_n(' ', width - s.chars().count()));
            covered = *width;
        }
        if covered > 0 {
            covered -= 1;
            continue;
        }
        if c == '\n' {
            chars.push('\n');
            line_starts.push(chars.len());
        } else {
            chars.push(if c != '\r' && keep.get(b) { c } else { ' ' });
        }
    }
    blank_urls(&mut chars);
    Layout {
        chars,
        line_starts,
        kinds,
    }
}

/// The byte where each line of `text` starts.
fn byte_line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(memchr_newlines(text).map(|i| i + 1));
    starts
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter_map(|(i, b)| (b == b'\n').then_some(i))
}

/// Which bytes of the text are prose, kept as written.
struct Keep {
    bits: Vec<u64>,
    /// Text that reads differently from its source (a character reference such as `&amp;`):
    /// the byte it starts at, its source's width in characters, and what it reads as.
    replaced: Vec<(usize, usize, String)>,
}

impl Keep {
    fn new(len: usize) -> Keep {
        Keep {
            bits: vec![0; len.div_ceil(64)],
            replaced: Vec::new(),
        }
    }

    fn set(&mut self, range: Range<usize>) {
        for b in range {
            self.bits[b / 64] |= 1 << (b % 64);
        }
    }

    fn get(&self, b: usize) -> bool {
        self.bits
            .get(b / 64)
            .is_some_and(|w| w & (1 << (b % 64)) != 0)
    }
}

/// The line (0-based) a byte is on.
fn line_of_byte(starts: &[usize], b: usize) -> usize {
    starts.partition_point(|&s| s <= b).max(1) - 1
}

/// The lines a byte range covers (an empty range covers the line it is on).
fn lines_of(starts: &[usize], range: &Range<usize>) -> Range<usize> {
    let first = line_of_byte(starts, range.start);
    let last = line_of_byte(starts, range.end.max(range.start + 1) - 1);
    first..last + 1
}

fn is_blank_line(text: &str, starts: &[usize], line: usize) -> bool {
    let end = starts.get(line + 1).copied().unwrap_or(text.len());
    text.as_bytes()[starts[line]..end]
        .iter()
        .all(u8::is_ascii_whitespace)
}

/// Plain text: every line is text or blank; only URLs are blanked.
fn read_plain(text: &str, starts: &[usize]) -> (Keep, Vec<LineKind>) {
    let mut keep = Keep::new(text.len());
    keep.set(0..text.len());
    let kinds = (0..starts.len())
        .map(|n| {
            if is_blank_line(text, starts, n) {
                LineKind::Blank
            } else {
                LineKind::Text
            }
        })
        .collect();
    (keep, kinds)
}

/// The end (in bytes) of the front matter that opens `text`, if it has one: a line `---`, a
/// first line that is not blank, and a closing line `---` or `...`.
///
/// Read here rather than by `pulldown-cmark`'s metadata option, which takes any later pair of
/// `---` lines for metadata too, and drafts (slide notes above all) use them as breaks.
fn front_matter_end(text: &str) -> Option<usize> {
    let mut lines = text.split_inclusive('\n');
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut end = text.find('\n')? + 1;
    for (n, line) in lines.enumerate() {
        let body = line.trim_end();
        if n == 0 && (body.is_empty() || body == "---" || body == "...") {
            return None;
        }
        end += line.len();
        if body == "---" || body == "..." {
            return Some(end);
        }
    }
    None
}

/// The Markdown options the drafts are read with: GitHub's tables, task lists, strikethrough
/// and footnotes. Not math (`$5 and $6` is money) and not smart punctuation (what a writer
/// typed is what is read).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
}

fn read_markdown(text: &str, starts: &[usize]) -> (Keep, Vec<LineKind>) {
    let mut keep = Keep::new(text.len());
    let mut kinds: Vec<Option<LineKind>> = vec![None; starts.len()];
    let body = front_matter_end(text).unwrap_or(0);
    for n in lines_of(starts, &(0..body)).filter(|_| body > 0) {
        kinds[n] = Some(LineKind::Skip);
    }
    // Inside code, HTML blocks, autolinks and email links nothing is read.
    let mut opaque = 0usize;
    let mut autolink = false;
    let mut header = 0usize;
    // The cells of the table row being read, whose gaps hold the row's `|` separators.
    let mut row_cells: Vec<Range<usize>> = Vec::new();
    let set = |kinds: &mut [Option<LineKind>], range: &Range<usize>, kind: LineKind| {
        for k in &mut kinds[lines_of(starts, range)] {
            *k = Some(kind);
        }
    };
    for (event, r) in Parser::new_ext(&text[body..], options()).into_offset_iter() {
        let r = r.start + body..r.end + body;
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => set(&mut kinds, &r, LineKind::Text),
                Tag::Heading { .. } => {
                    let lines = lines_of(starts, &r);
                    if text[r.clone()].trim_start().starts_with('#') {
                        set(&mut kinds, &r, LineKind::Heading);
                    } else {
                        // A setext heading: its underline is a rule. A paragraph of several
                        // lines above a stray `-` or `=` line is read as the paragraph it
                        // looks like; one line above it is a heading.
                        let kind = if lines.len() == 2 {
                            LineKind::Heading
                        } else {
                            LineKind::Text
                        };
                        set(&mut kinds, &r, kind);
                        kinds[lines.end - 1] = Some(LineKind::Skip);
                    }
                }
                Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                    opaque += 1;
                    set(&mut kinds, &r, LineKind::Skip);
                }
                Tag::Table(_) => set(&mut kinds, &r, LineKind::Skip),
                Tag::TableHead => {
                    header = line_of_byte(starts, r.start);
                    set(&mut kinds, &r, LineKind::TableRow { header });
                    row_cells.clear();
                }
                Tag::TableRow => {
                    set(&mut kinds, &r, LineKind::TableRow { header });
                    row_cells.clear();
                }
                Tag::TableCell => row_cells.push(r),
                Tag::Item => kinds[line_of_byte(starts, r.start)] = Some(LineKind::ListItem),
                Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                } => autolink = true,
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => opaque -= 1,
                TagEnd::Link => autolink = false,
                TagEnd::TableHead | TagEnd::TableRow => {
                    // Keep the `|` between cells, as the later stages read cells by them.
                    let mut from = r.start;
                    for cell in row_cells.iter().chain(std::iter::once(&(r.end..r.end))) {
                        for b in from..cell.start.max(from) {
                            if text.as_bytes()[b] == b'|' {
                                keep.set(b..b + 1);
                            }
                        }
                        from = cell.end;
                    }
                }
                _ => {}
            },
            Event::Text(t) if opaque == 0 && !autolink => {
                let source = &text[r.clone()];
                if *source == *t {
                    keep.set(r.clone());
                } else {
                    read_as(&mut keep, &r, source, &t);
                }
                for k in &mut kinds[lines_of(starts, &r)] {
                    k.get_or_insert(LineKind::Text);
                }
            }
            Event::Rule => set(&mut kinds, &r, LineKind::Skip),
            _ => {}
        }
    }
    let kinds = kinds
        .into_iter()
        .enumerate()
        .map(|(n, k)| match k {
            Some(k) => k,
            None if is_blank_line(text, starts, n) => LineKind::Blank,
            // A reference definition, or a line of markers alone (`>`).
            None => LineKind::Skip,
        })
        .collect();
    (keep, kinds)
}

/// Text that reads differently from its source: an escape (`\*` reads `*`) keeps what it
/// escapes; a character reference (`&amp;`) is read as what it stands for.
fn read_as(keep: &mut Keep, r: &Range<usize>, source: &str, t: &CowStr) {
    if let Some(at) = source
        .len()
        .checked_sub(t.len())
        .filter(|&d| source[d..] == **t)
    {
        keep.set(r.start + at..r.end);
        return;
    }
    let width = source.chars().count();
    if t.chars().count() <= width && !source.contains('\n') {
        keep.replaced.push((r.start, width, t.to_string()));
    } else {
        keep.set(r.clone());
    }
}

/// Blanks bare URLs (`https://…`, `www.…`), leaving sentence punctuation after them.
fn blank_urls(chars: &mut [char]) {
    let len = chars.len();
    let mut i = 0;
    while i < len {
        let c = chars[i];
        if matches!(c, 'h' | 'H' | 'w' | 'W' | 'f' | 'F')
            && (i == 0 || !chars[i - 1].is_alphanumeric())
            && ["http://", "https://", "ftp://", "www."]
                .iter()
                .any(|p| starts_with_ci(chars, i, p))
        {
            let mut end = i;
            while end < len && !chars[end].is_whitespace() && !matches!(chars[end], '<' | '>') {
                end += 1;
            }
            // Leave sentence punctuation after a URL for the sentence splitter.
            while end > i && matches!(chars[end - 1], '.' | ',' | ';' | ':' | '!' | '?' | ')') {
                end -= 1;
            }
            for c in &mut chars[i..end] {
                *c = ' ';
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
}

fn starts_with_ci(chars: &[char], at: usize, s: &str) -> bool {
    (at..)
        .zip(s.chars())
        .all(|(j, c)| chars.get(j).is_some_and(|x| x.eq_ignore_ascii_case(&c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str) -> String {
        layout(text).chars.iter().collect()
    }

    #[test]
    fn code_urls_and_link_targets_are_blanked_in_place() {
        let text = "See `80,924` and [the report](https://x.org/2024?n=5) or https://a.b/47.\n";
        let out = masked(text);
        assert_eq!(out.chars().count(), text.chars().count());
        assert!(!out.contains("80,924"));
        assert!(!out.contains("2024"));
        assert!(!out.contains("47"));
        assert!(out.contains("the report"));
        assert!(out.ends_with(".\n"));
    }

    #[test]
    fn fenced_and_indented_code_and_front_matter_are_skipped() {
        let text = "---\ndate: 2024\n---\nText 1.\n\n```\n85,000\n```\n\n    40 jets\n\nEnd 2.\n";
        let l = layout(text);
        let out: String = l.chars.iter().collect();
        assert!(!out.contains("2024"));
        assert!(!out.contains("85,000"));
        assert!(!out.contains("40 jets"));
        assert!(out.contains("Text 1.") && out.contains("End 2."));
    }

    #[test]
    fn lines_are_classified() {
        let text = "# Title\n\n- item 1\n  more\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nplain\n";
        let l = layout(text);
        use LineKind::*;
        assert_eq!(
            l.kinds,
            vec![
                Heading,
                Blank,
                ListItem,
                Text,
                Blank,
                TableRow { header: 5 },
                Skip,
                TableRow { header: 5 },
                Blank,
                Text,
                Blank
            ]
        );
        let out: String = l.chars.iter().collect();
        assert!(out.starts_with("  Title"));
        assert!(!out.contains("- item"));
    }

    #[test]
    fn a_wrapped_line_of_a_list_item_that_starts_with_a_year_is_text() {
        let l = layout("- 46,000 came in July\n  2025. Later.\n1. one\n2. two\n   3. three\n");
        use LineKind::*;
        assert_eq!(
            l.kinds,
            vec![ListItem, Text, ListItem, ListItem, Text, Blank]
        );
        let out: String = l.chars.iter().collect();
        assert!(out.contains("2025. Later."), "{out}");
    }

    #[test]
    fn crlf_and_bom_keep_columns() {
        let l = layout("\u{FEFF}ab\r\ncd 12\r\n");
        assert_eq!(
            l.position(l.chars.iter().position(|c| *c == '1').unwrap()),
            (2, 4)
        );
    }
}
