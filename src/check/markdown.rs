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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// The syntax of a document by its name: a name ending in `.txt`, or `.csv` or `.tsv` (a
    /// spreadsheet's rows as text), is plain text; anything else (or no name) is Markdown.
    pub fn of_name(name: Option<&str>) -> Syntax {
        match name.map(str::to_ascii_lowercase) {
            Some(n) if [".txt", ".csv", ".tsv"].iter().any(|e| n.ends_with(e)) => Syntax::Plain,
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

    /// [`Layout::line_of`] for indices asked mostly in increasing order.
    pub fn walk(&self) -> LineWalk<'_> {
        LineWalk {
            layout: self,
            line: 0,
        }
    }
}

/// Finds lines walking on from the line found last, so that a pass through a draft finds all
/// its lines in one walk instead of a search each; an index before that line is searched for.
pub struct LineWalk<'a> {
    layout: &'a Layout,
    line: usize,
}

impl LineWalk<'_> {
    /// The line (0-based) a character index is on.
    pub fn line_of(&mut self, index: usize) -> usize {
        let starts = &self.layout.line_starts;
        if starts.get(self.line).is_some_and(|&s| s > index) {
            self.line = self.layout.line_of(index);
        }
        while starts.get(self.line + 1).is_some_and(|&s| s <= index) {
            self.line += 1;
        }
        self.line
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
    let bytes = text.as_bytes();
    let mut replaced = keep.replaced.iter().peekable();
    let returns = bytes.contains(&b'\r');
    // The next line whose start is to be found.
    let mut line = 1;
    let mut b = 0;
    while b < bytes.len() {
        // A replacement inside one already written is none.
        while replaced.next_if(|r| r.0 < b).is_some() {}
        // A run of ASCII up to the next replacement: a byte is a character.
        let stop = replaced.peek().map_or(bytes.len(), |r| r.0);
        let run = b + ascii_run(&bytes[b..stop]);
        // Each byte as written, then what is not prose blanked (a line's end is kept, a
        // carriage return never is), then the lines that start in the run.
        let at = chars.len();
        chars.extend(bytes[b..run].iter().map(|&x| char::from(x)));
        keep.gaps(b..run, |j| {
            if bytes[j] != b'\n' {
                chars[at + j - b] = ' ';
            }
        });
        if returns {
            for (n, &x) in bytes[b..run].iter().enumerate() {
                if x == b'\r' {
                    chars[at + n] = ' ';
                }
            }
        }
        while starts.get(line).is_some_and(|&s| s <= run) {
            line_starts.push(at + starts[line] - b);
            line += 1;
        }
        b = run;
        if b >= bytes.len() {
            break;
        }
        let mut rest = text[b..].chars();
        if let Some(&(_, read, width)) = replaced.next_if(|r| r.0 == b) {
            // Its source characters (never a line's end) read as one character.
            chars.push(read);
            chars.extend(std::iter::repeat_n(' ', usize::from(width) - 1));
            b += rest
                .by_ref()
                .take(width.into())
                .map(char::len_utf8)
                .sum::<usize>();
        } else if b < stop {
            // A character of several bytes.
            let c = rest.next().unwrap_or(' ');
            chars.push(if keep.get(b) { c } else { ' ' });
            b += c.len_utf8().max(1);
        }
    }
    blank_urls(&mut chars);
    Layout {
        chars,
        line_starts,
        kinds,
    }
}

/// How many bytes `bytes` starts with that are ASCII, looked at sixteen at a time.
pub(super) fn ascii_run(bytes: &[u8]) -> usize {
    let mut n = 0;
    for chunk in bytes.chunks(16) {
        if !chunk.is_ascii() {
            return n + chunk.iter().take_while(|b| b.is_ascii()).count();
        }
        n += chunk.len();
    }
    n
}

/// The byte where each line of `text` starts. The line ends are found by the standard
/// library's search for one character, which looks at a word of bytes at a time, after they
/// are counted (a loop the compiler does many bytes at a time), so that the list is
/// allocated once at its size instead of copied as it grows.
fn byte_line_starts(text: &str) -> Vec<usize> {
    // Counted in bytes, 255 at most at a time, so that the compiler counts many at once.
    let lines: usize = (text.as_bytes().chunks(255))
        .map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + u8::from(b == b'\n'))))
        .sum();
    let mut starts = Vec::with_capacity(lines + 1);
    starts.push(0);
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    starts
}

/// Which bytes of the text are prose, kept as written.
struct Keep {
    bits: Vec<u64>,
    /// Text that reads differently from its source (a character reference such as `&amp;`):
    /// the byte it starts at, the one character it reads as, and its source's width in
    /// characters.
    replaced: Vec<(usize, char, u8)>,
}

/// The word of bits that holds bit `b`, how many of its bits from `b` on lie before `end`,
/// and the mask of those bits.
fn word_at(b: usize, end: usize) -> (usize, usize, u64) {
    let (word, bit) = (b / 64, b % 64);
    let n = (64 - bit).min(end - b);
    let mask = if n == 64 {
        u64::MAX
    } else {
        ((1u64 << n) - 1) << bit
    };
    (word, n, mask)
}

impl Keep {
    fn new(len: usize) -> Keep {
        Keep {
            bits: vec![0; len.div_ceil(64)],
            replaced: Vec::new(),
        }
    }

    fn set(&mut self, range: Range<usize>) {
        // A word of bits at a time.
        let mut b = range.start;
        while b < range.end {
            let (word, n, mask) = word_at(b, range.end);
            self.bits[word] |= mask;
            b += n;
        }
    }

    fn clear(&mut self, range: Range<usize>) {
        for b in range {
            self.bits[b / 64] &= !(1 << (b % 64));
        }
    }

    /// Calls `blank` with each byte of `range` that is not kept, in order.
    fn gaps(&self, range: Range<usize>, mut blank: impl FnMut(usize)) {
        let mut b = range.start;
        while b < range.end {
            let (word, n, mask) = word_at(b, range.end);
            let mut gaps = !self.bits[word] & mask;
            while gaps != 0 {
                blank(word * 64 + gaps.trailing_zeros() as usize);
                gaps &= gaps - 1;
            }
            b += n;
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

/// The lines of bytes asked for mostly in order of their place, as a parser's events come:
/// each is looked for on the line found last and the next one before all lines are searched.
struct Lines<'s> {
    starts: &'s [usize],
    last: std::cell::Cell<usize>,
}

impl<'s> Lines<'s> {
    fn new(starts: &'s [usize]) -> Lines<'s> {
        Lines {
            starts,
            last: std::cell::Cell::new(0),
        }
    }

    /// [`line_of_byte`].
    fn of(&self, b: usize) -> usize {
        let on = |l: usize| {
            self.starts.get(l).is_some_and(|&s| s <= b)
                && self.starts.get(l + 1).is_none_or(|&s| b < s)
        };
        let last = self.last.get();
        let line = if on(last) {
            last
        } else if on(last + 1) {
            last + 1
        } else {
            line_of_byte(self.starts, b)
        };
        self.last.set(line);
        line
    }

    /// The lines a byte range covers (an empty range covers the line it is on).
    fn span(&self, range: &Range<usize>) -> Range<usize> {
        // Most ranges lie on the line found last (a line's text comes in several events).
        let last = self.last.get();
        let end = range.end.max(range.start + 1) - 1;
        if self.starts.get(last).is_some_and(|&s| s <= range.start)
            && self.starts.get(last + 1).is_none_or(|&s| end < s)
        {
            return last..last + 1;
        }
        let first = self.of(range.start);
        let last = self.of(range.end.max(range.start + 1) - 1);
        first..last + 1
    }
}

/// Whether a line holds nothing but white space and the bytes in `also`.
fn is_blank_line(text: &str, starts: &[usize], line: usize, also: &[u8]) -> bool {
    let end = starts.get(line + 1).copied().unwrap_or(text.len());
    text.as_bytes()[starts[line]..end]
        .iter()
        .all(|b| b.is_ascii_whitespace() || also.contains(b))
}

/// Plain text: every line is text or blank. Only URLs and the quotation marks of an e-mail
/// reply (`> ` at the start of a line) are blanked: `>` there quotes, it is not a hedge.
fn read_plain(text: &str, starts: &[usize]) -> (Keep, Vec<LineKind>) {
    let mut keep = Keep::new(text.len());
    let bytes = text.as_bytes();
    let mut kinds = Vec::with_capacity(starts.len());
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(text.len());
        // `> > text`: the markers end at the last `>` followed by a space or the line's end.
        let mut quoted = start;
        let mut b = start;
        while b < end && matches!(bytes[b], b' ' | b'\t' | b'>') {
            if bytes[b] == b'>' && bytes.get(b + 1).is_none_or(|c| c.is_ascii_whitespace()) {
                quoted = b + 1;
            }
            b += 1;
        }
        keep.set(quoted..end);
        kinds.push(if is_blank_line(text, starts, n, b">") {
            LineKind::Blank
        } else {
            LineKind::Text
        });
    }
    comma_tables(text, starts, &mut keep, &mut kinds);
    pipe_tables(text, starts, &mut keep, &mut kinds);
    (keep, kinds)
}

/// The bytes of a line of comma-separated values where its fields end (the commas outside
/// double quotes), or `None` when a comma is followed by a space, as in prose.
fn csv_commas(line: &str) -> Option<Vec<usize>> {
    let bytes = line.as_bytes();
    let mut commas = Vec::new();
    let mut quoted = false;
    for (b, &c) in bytes.iter().enumerate() {
        match c {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                if bytes.get(b + 1).is_some_and(|n| *n == b' ') {
                    return None;
                }
                commas.push(b);
            }
            _ => {}
        }
    }
    Some(commas)
}

/// Reads a block of comma-separated values in plain text (a spreadsheet's rows saved or
/// pasted as text) as a table of cells between `|`, when it has a header: two lines or more,
/// each with the same number of commas outside quotes and none followed by a space, the first
/// with no digit (`Year,Trade (US$ million),Pakistani visitors`). Each comma then reads as
/// `|`, and the rows are read as a table's, with their header, each on its own line (as
/// [`pipe_tables`] reads rows between `|`): joined as a paragraph's lines, a row's figures
/// took the next row's year.
fn comma_tables(text: &str, starts: &[usize], keep: &mut Keep, kinds: &mut [LineKind]) {
    let line = |n: usize| {
        let end = starts.get(n + 1).copied().unwrap_or(text.len());
        text[starts[n]..end].trim_end_matches(['\n', '\r'])
    };
    let mut n = 0;
    while n < kinds.len() {
        let header = (kinds[n] == LineKind::Text && !line(n).bytes().any(|b| b.is_ascii_digit()))
            .then(|| csv_commas(line(n)))
            .flatten()
            .filter(|c| !c.is_empty() && !line(n).contains('|'));
        let Some(header) = header else {
            n += 1;
            continue;
        };
        let end = (n + 1..kinds.len())
            .find(|&m| {
                kinds[m] != LineKind::Text
                    || line(m).contains('|')
                    || csv_commas(line(m)).is_none_or(|c| c.len() != header.len())
            })
            .unwrap_or(kinds.len());
        if end - n >= 2 {
            for m in n..end {
                for c in csv_commas(line(m)).unwrap_or_default() {
                    keep.replaced.push((starts[m] + c, '|', 1));
                }
                kinds[m] = LineKind::TableRow { header: n };
            }
        }
        n = end.max(n + 1);
    }
}

/// What a line of plain text is to a table of cells between `|`: a row (two cells or more
/// with something in them), a rule under a header (`---|---`, `----+----`), or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PipeLine {
    Row { digits: bool },
    Rule,
    Other,
}

fn pipe_line(line: &str) -> PipeLine {
    pipe_chars(line.chars())
}

/// [`pipe_line`] of a line given as its characters (up to its end, or a line break), in one
/// walk: what the layout asks of the text and the tokenizer of the laid-out characters.
pub(super) fn pipe_chars(line: impl IntoIterator<Item = char>) -> PipeLine {
    let (mut cells, mut written) = (0, false);
    let (mut pipe, mut plus, mut dash, mut rule, mut digits) = (false, false, false, true, false);
    for c in line {
        match c {
            '\n' => break,
            '|' => {
                cells += usize::from(written);
                (pipe, written) = (true, false);
            }
            '+' => plus = true,
            '-' => dash = true,
            ':' | '=' => {}
            c if c.is_whitespace() => continue,
            c => {
                rule = false;
                digits |= c.is_ascii_digit();
            }
        }
        written |= c != '|';
    }
    cells += usize::from(written);
    if !pipe && !plus {
        PipeLine::Other
    } else if dash && rule {
        PipeLine::Rule
    } else if pipe && cells >= 2 {
        PipeLine::Row { digits }
    } else {
        PipeLine::Other
    }
}

/// Reads runs of two rows or more of cells between `|` in plain text as tables, as Markdown's
/// tables are read: each row a line of its own (not joined to the next as a paragraph's lines
/// are, which gave a row's figures the next row's year), with the table's header row, when it
/// has one, as its context; a rule under the header is nothing to read. The first row is the
/// header when a rule follows it or it holds no digit (`Year | Trade | Visitors`). Rows with
/// no header (a ticker's `CRAWL 01 | ECONOMY | ...`, an app's alerts `14 Jan 2026 07:55 |
/// BUSINESS | ...`) stay lines of text, each a record of its own (`scan::is_pipe_record`), so
/// that what reads a log's stamps still reads them.
fn pipe_tables(text: &str, starts: &[usize], keep: &mut Keep, kinds: &mut [LineKind]) {
    let line = |n: usize| &text[starts[n]..starts.get(n + 1).copied().unwrap_or(text.len())];
    let mut n = 0;
    while n < kinds.len() {
        let run_end = (n..kinds.len())
            .find(|&m| kinds[m] != LineKind::Text || pipe_line(line(m)) == PipeLine::Other)
            .unwrap_or(kinds.len());
        let rows = (n..run_end)
            .filter(|&m| matches!(pipe_line(line(m)), PipeLine::Row { .. }))
            .count();
        let header = match (pipe_line(line(n)), n + 1 < run_end) {
            (PipeLine::Row { .. }, true) if pipe_line(line(n + 1)) == PipeLine::Rule => Some(n),
            (PipeLine::Row { digits: false }, _) => Some(n),
            _ => None,
        };
        if let Some(header) = header.filter(|_| rows >= 2) {
            for m in n..run_end {
                kinds[m] = match pipe_line(line(m)) {
                    PipeLine::Rule => {
                        let end = starts.get(m + 1).copied().unwrap_or(text.len());
                        keep.clear(starts[m]..end);
                        LineKind::Skip
                    }
                    _ => LineKind::TableRow { header },
                };
            }
        }
        n = run_end.max(n + 1);
    }
}

/// The end (in bytes) of the front matter that opens `text`, if it has one: a line `---`, a
/// first line that is not blank, and a closing line `---` or `...`.
///
/// Read here rather than by `pulldown-cmark`'s metadata option, which takes any later pair of
/// `---` lines for metadata too, and drafts (slide notes above all) use them as breaks.
pub fn front_matter_end(text: &str) -> Option<usize> {
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
    let lines = Lines::new(starts);
    let body = front_matter_end(text).unwrap_or(0);
    for n in lines.span(&(0..body)).filter(|_| body > 0) {
        kinds[n] = Some(LineKind::Skip);
    }
    // Inside code, HTML blocks, autolinks and email links nothing is read.
    let mut opaque = 0usize;
    let mut autolink = false;
    // In an HTML block: what is being read.
    let mut html: Option<Html> = None;
    let mut header = 0usize;
    // The cells of the table row being read, whose gaps hold the row's `|` separators.
    let mut row_cells: Vec<Range<usize>> = Vec::new();
    let mut in_cell = false;
    // The header cells of the table being read, and which cell of its row is being read.
    let mut head_cells: Vec<String> = Vec::new();
    let mut in_head = false;
    let mut column = 0usize;
    let set = |kinds: &mut [Option<LineKind>], range: &Range<usize>, kind: LineKind| {
        for k in &mut kinds[lines.span(range)] {
            *k = Some(kind);
        }
    };
    for (event, r) in Parser::new_ext(&text[body..], options()).into_offset_iter() {
        let r = r.start + body..r.end + body;
        match event {
            Event::Start(tag) => match tag {
                // A paragraph of a list item starts on the item's line, which stays the item's.
                Tag::Paragraph => {
                    for k in &mut kinds[lines.span(&r)] {
                        k.get_or_insert(LineKind::Text);
                    }
                }
                Tag::Heading { .. } => {
                    let span = lines.span(&r);
                    if text[r.clone()].trim_start().starts_with('#') {
                        set(&mut kinds, &r, LineKind::Heading);
                    } else {
                        // A setext heading: its underline is a rule. A paragraph of several
                        // lines above a stray `-` or `=` line is read as the paragraph it
                        // looks like; one line above it is a heading.
                        let kind = if span.len() == 2 {
                            LineKind::Heading
                        } else {
                            LineKind::Text
                        };
                        set(&mut kinds, &r, kind);
                        kinds[span.end - 1] = Some(LineKind::Skip);
                    }
                }
                Tag::CodeBlock(_) | Tag::MetadataBlock(_) => {
                    opaque += 1;
                    set(&mut kinds, &r, LineKind::Skip);
                }
                Tag::HtmlBlock => {
                    set(&mut kinds, &r, LineKind::Skip);
                    html = Some(if is_raw_html(&text[r.clone()]) {
                        Html::Raw
                    } else {
                        Html::Text
                    });
                }
                Tag::Table(_) => set(&mut kinds, &r, LineKind::Skip),
                Tag::TableHead => {
                    head_cells.clear();
                    in_head = true;
                    column = 0;
                    header = lines.of(r.start);
                    set(&mut kinds, &r, LineKind::TableRow { header });
                    row_cells.clear();
                }
                Tag::TableRow => {
                    column = 0;
                    set(&mut kinds, &r, LineKind::TableRow { header });
                    row_cells.clear();
                }
                Tag::TableCell => {
                    if in_head {
                        head_cells.push(text[r.clone()].to_lowercase());
                    }
                    row_cells.push(r);
                    in_cell = true;
                }
                Tag::Item => kinds[lines.of(r.start)] = Some(LineKind::ListItem),
                Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                } => autolink = true,
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock | TagEnd::MetadataBlock(_) => opaque -= 1,
                TagEnd::HtmlBlock => html = None,
                TagEnd::Link => autolink = false,
                TagEnd::TableCell => {
                    in_cell = false;
                    column += 1;
                }
                TagEnd::TableHead | TagEnd::TableRow => {
                    in_head = false;
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
                for k in &mut kinds[lines.span(&r)] {
                    k.get_or_insert(LineKind::Text);
                }
            }
            // A data dictionary's example value: a code span in a table cell that holds a
            // number and nothing else (`` `80924` ``) is the figure it shows.
            Event::Code(t)
                if in_cell
                    && !in_head
                    && opaque == 0
                    && is_number_span(&t)
                    && head_cells.get(column).is_some_and(|h| is_example_column(h))
                    && dates_its_row(text, starts, &r) =>
            {
                if let Some(at) = text[r.clone()].find(&*t) {
                    keep.set(r.start + at..r.start + at + t.len());
                }
            }
            Event::Html(_) => {
                if let Some(state) = &mut html {
                    read_html(text, r, state, &mut keep, |b| {
                        kinds[lines.of(b)] = Some(LineKind::Text);
                    });
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
            Some(LineKind::Text) if pasted_bullet(text, starts, n, &mut keep) => LineKind::ListItem,
            Some(k) => k,
            // A blank line, or one of quote markers alone (`>`): a break between paragraphs.
            None if is_blank_line(text, starts, n, b">") => LineKind::Blank,
            // A reference definition.
            None => LineKind::Skip,
        })
        .collect();
    (keep, kinds)
}

/// Whether the table row holding the byte range `r` writes a year outside it (`` `80924`
/// (2024) ``): an example value with no year is no claim about any one period.
fn dates_its_row(text: &str, starts: &[usize], r: &Range<usize>) -> bool {
    let line = line_of_byte(starts, r.start);
    let end = starts.get(line + 1).copied().unwrap_or(text.len());
    let row = format!("{} {}", &text[starts[line]..r.start], &text[r.end..end]);
    row.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u16>().ok())
        .any(|y| (1900..2100).contains(&y))
}

/// Whether a table's header cell names a column of example values (`example`, `sample
/// value`, `e.g.`).
fn is_example_column(head: &str) -> bool {
    head.contains("example") || head.contains("sample") || head.contains("e.g.")
}

/// Whether code span text is a number alone, as a table shows an example value: digits with
/// their separators, a decimal point, a sign or a percent sign, or a range of two (`8-10`).
fn is_number_span(t: &str) -> bool {
    let t = t.trim();
    t.starts_with(|c: char| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '%' | '-' | '–' | ' '))
        && !t.contains("--")
        && t.matches('-').count() + t.matches('–').count() <= 1
        // A year is a value of a date column, not a claim about an event.
        && !(t.len() == 4 && t.parse::<u16>().is_ok_and(|y| (1900..2100).contains(&y)))
}

/// Whether a line of a paragraph starts with a bullet pasted from a word processor (`• `,
/// `◦ `, `▪ `, `‣ `), which Markdown does not know but a writer means as a list item; the
/// bullet is blanked like a list marker.
fn pasted_bullet(text: &str, starts: &[usize], n: usize, keep: &mut Keep) -> bool {
    let end = starts.get(n + 1).copied().unwrap_or(text.len());
    let line = &text[starts[n]..end];
    let body = line.trim_start_matches([' ', '\t']);
    // Every bullet is written in more than one byte.
    if body.as_bytes().first().is_none_or(u8::is_ascii) {
        return false;
    }
    let mut chars = body.chars();
    match (chars.next(), chars.next()) {
        (Some(c @ ('•' | '◦' | '▪' | '‣')), Some(' ' | '\t')) => {
            let at = starts[n] + line.len() - body.len();
            keep.clear(at..at + c.len_utf8());
            true
        }
        _ => false,
    }
}

/// Where the reading of an HTML block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Html {
    /// A comment, script, style, preformatted text or declaration: nothing is read.
    Raw,
    /// Between tags: what a reader sees.
    Text,
    /// Inside a tag, up to its `>`.
    Tag,
    /// Inside a comment, up to its `-->`.
    Comment,
}

/// Whether an HTML block is one whose content no reader sees as prose.
fn is_raw_html(block: &str) -> bool {
    let b = block.trim_start().as_bytes();
    let starts = |p: &str| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    ["<!", "<?", "<script", "<style", "<pre", "<textarea"]
        .iter()
        .any(|p| starts(p))
}

/// Reads a line of an HTML block: the text between its tags is prose (`<p>Trade grew</p>`),
/// the tags and comments are not. `on_text` is told of each byte of prose that is not a space.
fn read_html(
    text: &str,
    r: Range<usize>,
    state: &mut Html,
    keep: &mut Keep,
    mut on_text: impl FnMut(usize),
) {
    let bytes = text.as_bytes();
    let mut b = r.start;
    while b < r.end {
        match *state {
            Html::Raw => return,
            Html::Text => {
                if bytes[b..].starts_with(b"<!--") {
                    *state = Html::Comment;
                    b += 4;
                    continue;
                }
                if bytes[b] == b'<'
                    && bytes
                        .get(b + 1)
                        .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/')
                {
                    *state = Html::Tag;
                } else if !bytes[b].is_ascii_whitespace() {
                    keep.set(b..b + 1);
                    on_text(b);
                }
            }
            Html::Tag => {
                if bytes[b] == b'>' {
                    *state = Html::Text;
                }
            }
            Html::Comment => {
                if bytes[b..].starts_with(b"-->") {
                    *state = Html::Text;
                    b += 3;
                    continue;
                }
            }
        }
        b += 1;
    }
}

/// Text that reads differently from its source: an escape (`\*` reads `*`) keeps what it
/// escapes; a character reference (`&amp;`) is read as what it stands for.
fn read_as(keep: &mut Keep, r: &Range<usize>, source: &str, t: &CowStr) {
    if let Some(at) = source
        .len()
        .checked_sub(t.len())
        .filter(|&d| source.get(d..) == Some(&**t))
    {
        keep.set(r.start + at..r.end);
        return;
    }
    let mut read = t.chars();
    match (
        read.next(),
        read.next(),
        u8::try_from(source.chars().count()),
    ) {
        (Some(c), None, Ok(width)) if width > 0 && !c.is_control() && !source.contains('\n') => {
            keep.replaced.push((r.start, c, width));
        }
        _ => keep.set(r.clone()),
    }
}

/// Blanks bare URLs (`https://…`, `www.…`), leaving sentence punctuation after them.
///
/// A URL starts three characters before a `.` (`www.`) or three to five before a `:`
/// (`ftp://`, `http://`, `https://`): only the places before those two characters are
/// looked at, in the order of the text, each once, and none inside a URL already blanked.
fn blank_urls(chars: &mut [char]) {
    let len = chars.len();
    // The first place not yet looked at.
    let mut next = 0;
    let mut anchor = 0;
    while let Some(n) = find_either(&chars[anchor..], ':', '.') {
        let at = anchor + n;
        anchor = at + 1;
        let mut i = next.max(at.saturating_sub(5));
        while i + 3 <= at {
            if url_at(chars, i) {
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
                anchor = anchor.max(i);
            } else {
                i += 1;
            }
            next = i;
        }
    }
}

/// Where `chars` first holds `a` or `b`. Sixteen characters at a time are tested with no
/// branch, which the compiler does in a few vector instructions, and only a block that holds
/// one is searched character by character.
fn find_either(chars: &[char], a: char, b: char) -> Option<usize> {
    let blocks = chars.chunks_exact(16);
    let rest = blocks.remainder();
    let holds = |c: &char| *c == a || *c == b;
    for (n, block) in blocks.enumerate() {
        if block
            .iter()
            .fold(0u32, |found, c| found | u32::from(holds(c)))
            != 0
        {
            return block.iter().position(holds).map(|k| n * 16 + k);
        }
    }
    rest.iter()
        .position(holds)
        .map(|k| chars.len() - rest.len() + k)
}

/// Whether a URL (`http://`, `https://`, `ftp://`, `www.`, in any case) starts at `i`, after
/// no letter or digit.
fn url_at(chars: &[char], i: usize) -> bool {
    matches!(chars[i], 'h' | 'H' | 'w' | 'W' | 'f' | 'F')
        && (i == 0 || !chars[i - 1].is_alphanumeric())
        && ["http://", "https://", "ftp://", "www."]
            .iter()
            .any(|p| starts_with_ci(chars, i, p))
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
    fn an_example_value_in_a_data_dictionary_is_read() {
        let table = "| column | unit | example |\n|---|---|---|\n\
                     | `visitors` | people | `80924` (2024) |\n\
                     | `year` | | `2024` |\n\
                     | `growth` | % | `47` |\n";
        let out = masked(table);
        assert_eq!(out.chars().count(), table.chars().count());
        // A number alone in the example column, with a year in its row, is kept.
        assert!(out.contains(" 80924  (2024)"), "{out}");
        // Not a name, a year alone, or an example with no year to date it.
        assert!(!out.contains("visitors"), "{out}");
        assert!(!out.contains("47"), "{out}");
        assert_eq!(out.matches("2024").count(), 1, "{out}");
        // Outside an example column a code span stays code.
        assert!(!masked("| a | b |\n|---|---|\n| x | `80924` (2024) |\n").contains("80924"));
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

    #[test]
    fn tilde_fences_and_code_in_list_items_are_skipped() {
        let text = "~~~\n85,000\n~~~\n\n- item\n\n      40 jets\n\nEnd 2.\n";
        let l = layout(text);
        let out: String = l.chars.iter().collect();
        assert!(!out.contains("85,000") && !out.contains("40 jets"), "{out}");
        assert_eq!(l.kinds[0..3], [LineKind::Skip; 3]);
        assert_eq!(l.kinds[6], LineKind::Skip);
        assert!(out.contains("End 2."));
    }

    #[test]
    fn a_setext_heading_is_a_heading_and_its_underline_is_skipped() {
        use LineKind::*;
        let l = layout("Trade in 2024\n=============\n\nText.\n");
        assert_eq!(l.kinds, vec![Heading, Skip, Blank, Text, Blank]);
        // Several lines above a stray underline read as the paragraph they look like.
        let l = layout("Visitors came\nin 2024: 80,924\n-\n");
        assert_eq!(l.kinds, vec![Text, Text, Skip, Blank]);
    }

    #[test]
    fn html_comments_and_raw_blocks_are_blanked_and_text_between_tags_is_read() {
        let text = "Before <!-- 85,000\nstill hidden 40 --> after 3.\n\n<!--\n20.7 million\n-->\n\n<div align=\"center\">\n<p>Trade grew 47 %</p>\n</div>\n\n<script>\nvar x = 12;\n</script>\n";
        let l = layout(text);
        let out: String = l.chars.iter().collect();
        assert_eq!(out.chars().count(), text.chars().count());
        for hidden in ["85,000", "40", "20.7", "div", "<p>", "12"] {
            assert!(!out.contains(hidden), "{hidden} in {out}");
        }
        assert!(out.contains("Before") && out.contains("after 3."));
        assert!(out.contains("Trade grew 47 %"), "{out}");
        assert_eq!(l.kinds[8], LineKind::Text);
        assert_eq!(l.kinds[12], LineKind::Skip);
    }

    #[test]
    fn reference_definitions_and_link_targets_are_blanked() {
        let text = "See [the report][r] and [data](<https://x.org/a b> \"2019 title\").\n\n[r]: https://x.org/2024 \"Report 2023\"\n";
        let l = layout(text);
        let out: String = l.chars.iter().collect();
        for hidden in ["2024", "2023", "2019", "[r]", "x.org"] {
            assert!(!out.contains(hidden), "{hidden} in {out}");
        }
        assert!(out.contains("the report") && out.contains("data"));
        assert_eq!(l.kinds[2], LineKind::Skip);
    }

    #[test]
    fn list_items_nested_items_and_continuations_are_told_apart() {
        use LineKind::*;
        let text = "Key figures:\n- [x] first 1\n  wrapped\n  - nested 2\n\n  more of the first 3\n\n> quoted 4\n>\n> - quoted item 5\n";
        let l = layout(text);
        assert_eq!(
            l.kinds,
            vec![
                Text, ListItem, Text, ListItem, Blank, Text, Blank, Text, Blank, ListItem, Blank
            ]
        );
        let out: String = l.chars.iter().collect();
        assert!(
            !out.contains('[') && !out.contains('>') && !out.contains('-'),
            "{out}"
        );
        // The nested item's text starts where it is written.
        assert_eq!(out.find("nested"), text.find("nested"));
    }

    #[test]
    fn footnotes_autolinks_entities_and_emphasis_leave_their_text() {
        let text = "Trade *rose*[^1] to **$5&nbsp;m** &amp; more <https://a.b/47>, see <x@y.org> \\*.\n\n[^1]: Source 2024, p. 3.\n";
        let l = layout(text);
        let out: String = l.chars.iter().collect();
        assert_eq!(out.chars().count(), text.chars().count());
        assert!(!out.contains("[^1]") && !out.contains("47") && !out.contains("x@y"));
        assert!(
            !out.contains("amp;") && !out.contains("**") && !out.contains("*r"),
            "{out}"
        );
        assert!(out.contains("Trade  rose "), "{out}");
        assert!(out.contains("$5\u{a0}"), "{out}");
        assert!(out.contains("&     more"), "{out}");
        assert!(out.contains("Source 2024, p. 3."), "{out}");
        assert!(out.contains(" *."), "the escaped star stays: {out}");
        // Letters of several bytes around a reference keep every later column in place.
        let text = "Café &amp; naïve — 80,924 € *x*\nÖ &copy; 5\n";
        let l = layout(text);
        let out: String = l.chars.iter().collect();
        assert_eq!(out, "Café &     naïve — 80,924 €  x \nÖ ©      5\n");
        assert_eq!(l.line_starts, vec![0, 32, 43]);
    }

    #[test]
    fn table_rows_keep_their_pipes_and_a_row_without_pipes_is_a_row() {
        use LineKind::*;
        let text =
            "| Year | Visitors |\n|---|---:|\n| 2024 | `x` 80,924 |\n2025 | 46,000\n\nAfter.\n";
        let l = layout(text);
        let row = TableRow { header: 0 };
        assert_eq!(l.kinds, vec![row, Skip, row, row, Blank, Text, Blank]);
        let out: String = l.chars.iter().collect();
        assert!(out.starts_with("| Year | Visitors |\n"), "{out}");
        assert!(out.contains("| 2024 |     80,924 |"), "{out}");
    }

    #[test]
    fn only_the_opening_front_matter_is_skipped_and_later_rules_are_breaks() {
        use LineKind::*;
        let text = "---\ntitle: x 2020\n---\nIntro 1.\n\n---\nSlide 2 text\n---\n";
        let l = layout(text);
        let out: String = l.chars.iter().collect();
        assert!(!out.contains("2020"));
        assert!(out.contains("Slide 2 text"), "{out}");
        assert_eq!(l.kinds[..4], [Skip, Skip, Skip, Text]);
        assert_eq!(l.kinds[5], Skip);
    }

    /// Rows of cells between `|` in plain text are a table's rows, with the first as their
    /// header when a rule follows it or it holds no digit; the rule is blanked. Rows with no
    /// header, a single row, and a line with one cell stay text.
    #[test]
    fn plain_text_rows_between_pipes_are_a_table() {
        use LineKind::*;
        let text = "Figures\n\nYear | Trade | Visitors\n-----+-------+---------\n2022 | 28.1 | 50,000\n2023 | 27 | 55,000\n\nBAKU 1 | TRADE | $20.7m\nBAKU 2 | TOURISM | 80,924\n\nA | B\n\nonly | one cell |\n";
        let l = layout_as(text, Syntax::Plain);
        let row = TableRow { header: 2 };
        assert_eq!(
            l.kinds,
            vec![
                Text, Blank, row, Skip, row, row, Blank, Text, Text, Blank, Text, Blank, Text,
                Blank
            ]
        );
        let out: String = l.chars.iter().collect();
        assert!(!out.contains("-----"), "{out}");
        assert!(out.contains("2022 | 28.1 | 50,000"), "{out}");
        assert_eq!(
            pipe_line("2024 | - | 80,294\n"),
            PipeLine::Row { digits: true }
        );
        assert_eq!(pipe_line("---|:--:|---"), PipeLine::Rule);
        assert_eq!(pipe_line("a | "), PipeLine::Other);
    }

    /// Comma-separated values under a header with no digit are a table of cells between
    /// `|`; prose with commas, a block without such a header, and commas followed by a
    /// space are not.
    #[test]
    fn comma_separated_values_under_a_header_are_a_table() {
        use LineKind::*;
        let text = "Year,Trade,\"Visitors, all\"\n2022,28.1,50000\n2024,,80294\n\nIn 2024, 80,924 came,\nand more.\n\n2022,28.1,50000\n2023,27,55000\n";
        let l = layout_as(text, Syntax::Plain);
        let row = TableRow { header: 0 };
        assert_eq!(
            l.kinds,
            vec![row, row, row, Blank, Text, Text, Blank, Text, Text, Blank]
        );
        let out: String = l.chars.iter().collect();
        assert!(
            out.starts_with("Year|Trade|\"Visitors, all\"\n2022|28.1|50000\n2024||80294\n"),
            "{out}"
        );
        assert!(out.contains("2022,28.1,50000"), "{out}");
        assert_eq!(Syntax::of_name(Some("figures.CSV")), Syntax::Plain);
    }

    #[test]
    fn plain_text_is_paragraphs_with_nothing_taken_for_markup() {
        use LineKind::*;
        let text = "# 5 rooms\n    40 jets `x`\n- 3 items see https://a.b/7\n\nNext.\n> > 80,924 quoted\n>\n>3.3 Mt\n";
        let l = layout_as(text, Syntax::Plain);
        assert_eq!(
            l.kinds,
            vec![Text, Text, Text, Blank, Text, Text, Blank, Text, Blank]
        );
        let out: String = l.chars.iter().collect();
        assert!(out.contains("# 5 rooms") && out.contains("40 jets `x`"));
        assert!(out.contains("\n    80,924 quoted\n \n>3.3 Mt\n"), "{out}");
        assert!(!out.contains("a.b/7"));
        assert_eq!(Syntax::of_name(Some("notes.TXT")), Syntax::Plain);
        assert_eq!(Syntax::of_name(Some("<stdin>")), Syntax::Markdown);
        assert_eq!(Syntax::of_name(None), Syntax::Markdown);
    }

    /// Unclosed constructs repeated: a reader that looked ahead from each to the end would
    /// take minutes on 256 KiB. The bound only catches such a blow-up in a debug build.
    #[test]
    fn many_unclosed_constructs_are_read_in_linear_time() {
        for unit in [
            "<a", "`", "[x](", "<!--", "*_", "| a |\n", "- [ ", "&#", "> ", "[^",
        ] {
            let text = unit.repeat(256 * 1024 / unit.len());
            let start = std::time::Instant::now();
            let l = layout(&text);
            let took = start.elapsed();
            assert_eq!(l.chars.len(), text.chars().count());
            assert!(
                took < std::time::Duration::from_secs(10),
                "{unit}: {took:?}"
            );
        }
    }

    #[test]
    fn an_ascii_run_ends_at_the_first_other_byte() {
        for (text, run) in [("", 0), ("abc", 3), ("é", 0), ("a\u{e9}", 1)] {
            assert_eq!(ascii_run(text.as_bytes()), run, "{text}");
        }
        let long = format!("{}é{}", "x".repeat(37), "y".repeat(20));
        assert_eq!(ascii_run(long.as_bytes()), 37);
        assert_eq!(ascii_run("z".repeat(40).as_bytes()), 40);
    }

    #[test]
    fn pasted_bullets_are_list_items() {
        use LineKind::*;
        let text = "Key figures:\n• 85,000 visitors\n  ◦ nested 2\n• 3 more\nThe • in 5 • 6.\n";
        let l = layout(text);
        assert_eq!(
            l.kinds,
            vec![Text, ListItem, ListItem, ListItem, Text, Blank]
        );
        let out: String = l.chars.iter().collect();
        assert!(
            out.contains("\n  85,000 visitors\n    nested 2\n  3 more\nThe • in 5 • 6."),
            "{out}"
        );
    }

    proptest::proptest! {
        /// Any text, Markdown or plain: every character keeps its place, line breaks stay,
        /// each line has a kind, and what is kept is the text's own character or an entity's.
        #[test]
        fn every_character_keeps_its_line_and_column(
            text in "([-*_>#|`~\\[\\]()<>!&;:/ \n\r\tax1é\u{a0}]|&amp;|&#1;|&#10;|&#13;|<!--|-->|```|    |https://)*",
            plain in proptest::bool::ANY,
        ) {
            let syntax = if plain { Syntax::Plain } else { Syntax::Markdown };
            let l = layout_as(&text, syntax);
            let source: Vec<char> = text.chars().collect();
            proptest::prop_assert_eq!(l.chars.len(), source.len());
            proptest::prop_assert_eq!(l.kinds.len(), l.line_starts.len());
            for (i, (&out, &c)) in l.chars.iter().zip(&source).enumerate() {
                proptest::prop_assert_eq!(out == '\n', c == '\n', "at {}", i);
                proptest::prop_assert!(out == c || out == ' ' || c == '&', "{:?} for {:?}", out, c);
            }
            for (n, &s) in l.line_starts.iter().enumerate().skip(1) {
                proptest::prop_assert_eq!(l.chars[s - 1], '\n', "line {}", n);
            }
        }

        /// A walk through a layout's lines finds the lines a search finds, in any order.
        #[test]
        fn a_walk_finds_the_lines_a_search_finds(
            text in "[a\n]{0,40}",
            asked in proptest::collection::vec(0usize..48, 0..40),
        ) {
            let l = layout(&text);
            let mut walk = l.walk();
            for i in asked {
                proptest::prop_assert_eq!(walk.line_of(i), l.line_of(i));
            }
        }

        /// URLs are blanked as a look at every place of the text in turn blanks them.
        #[test]
        fn urls_are_blanked_as_a_look_at_every_place_blanks_them(
            text in "([hHtTpPsSfFwW:/.]|ftp|http|https|www|://|a1|[ <>,)é])*",
        ) {
            let mut every: Vec<char> = text.chars().collect();
            let mut i = 0;
            while i < every.len() {
                if url_at(&every, i) {
                    let mut end = i;
                    while end < every.len()
                        && !every[end].is_whitespace()
                        && !matches!(every[end], '<' | '>')
                    {
                        end += 1;
                    }
                    while end > i
                        && matches!(every[end - 1], '.' | ',' | ';' | ':' | '!' | '?' | ')')
                    {
                        end -= 1;
                    }
                    every[i..end].fill(' ');
                    i = end.max(i + 1);
                } else {
                    i += 1;
                }
            }
            let mut chars: Vec<char> = text.chars().collect();
            blank_urls(&mut chars);
            proptest::prop_assert_eq!(chars, every);
        }

        /// Lines found from the last one found are the lines a search finds, in any order.
        #[test]
        fn lines_found_from_the_last_are_found_lines(
            text in "[a\n]{0,40}",
            asked in proptest::collection::vec(0usize..48, 0..40),
        ) {
            let starts = byte_line_starts(&text);
            let lines = Lines::new(&starts);
            for b in asked {
                proptest::prop_assert_eq!(lines.of(b), line_of_byte(&starts, b));
                let (first, last) = (line_of_byte(&starts, b), line_of_byte(&starts, b + 2));
                proptest::prop_assert_eq!(lines.span(&(b..b + 3)), first..last + 1);
                proptest::prop_assert_eq!(lines.span(&(b..b)), first..first + 1);
            }
        }
    }
}
