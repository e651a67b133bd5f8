//! The shape of a Markdown or plain-text draft: which lines are prose, lists, tables or
//! headings, with everything that is not prose (code, URLs, link targets, markup) blanked out.
//!
//! Blanked characters become spaces, so every character keeps its line and column.

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
    /// Code, front matter, rules and table delimiter rows: nothing to read.
    Skip,
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

/// Reads the structure of a draft and blanks what is not prose.
pub fn layout(text: &str) -> Layout {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // As many characters as bytes at most: one allocation, and pages past the text's end are
    // never touched.
    let mut chars: Vec<char> = Vec::with_capacity(text.len());
    chars.extend(text.chars().map(|c| if c == '\r' { ' ' } else { c }));
    let mut line_starts = vec![0];
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            line_starts.push(i + 1);
        }
    }
    let lines: Vec<(usize, usize)> = line_starts
        .iter()
        .enumerate()
        .map(|(n, &s)| {
            let end = line_starts.get(n + 1).map_or(chars.len(), |&next| next - 1);
            (s, end)
        })
        .collect();
    let kinds = classify(&mut chars, &lines);
    mask_inline(&mut chars, &lines, &kinds);
    Layout {
        chars,
        line_starts,
        kinds,
    }
}

fn blank(chars: &mut [char], from: usize, to: usize) {
    for c in &mut chars[from..to] {
        if *c != '\n' {
            *c = ' ';
        }
    }
}

fn indent_of(line: &[char]) -> usize {
    let mut width = 0;
    for &c in line {
        match c {
            ' ' => width += 1,
            '\t' => width += 4,
            _ => break,
        }
    }
    width
}

fn is_blank(line: &[char]) -> bool {
    line.iter().all(|c| c.is_whitespace())
}

/// A code fence opener: its character and length.
fn fence(line: &[char]) -> Option<(char, usize)> {
    if indent_of(line) > 3 {
        return None;
    }
    let rest = &line[line.iter().take_while(|c| **c == ' ').count()..];
    let first = *rest.first()?;
    if first != '`' && first != '~' {
        return None;
    }
    let n = rest.iter().take_while(|&&c| c == first).count();
    (n >= 3).then_some((first, n))
}

/// A thematic break or setext underline: `---`, `***`, `___`, `===`.
fn is_rule(line: &[char]) -> bool {
    let mut body = line.iter().copied().filter(|c| !c.is_whitespace());
    let Some(m) = body.next() else {
        return false;
    };
    let mut n = 1;
    for c in body {
        if c != m {
            return false;
        }
        n += 1;
    }
    n >= 3 && matches!(m, '-' | '*' | '_' | '=')
}

/// A table delimiter row: `|---|:---:|`.
fn is_table_delimiter(line: &[char]) -> bool {
    let body = || line.iter().filter(|c| !c.is_whitespace());
    body().all(|c| matches!(c, '|' | '-' | ':'))
        && body().any(|c| *c == '|')
        && body().any(|c| *c == '-')
}

/// The length of a list marker at the start of `line` (after indentation), if any.
fn list_marker(line: &[char], interrupts: bool) -> Option<usize> {
    let start = line
        .iter()
        .take_while(|c| **c == ' ' || **c == '\t')
        .count();
    let rest = &line[start..];
    let first = *rest.first()?;
    let after = |n: usize| rest.get(n).is_none_or(|c| c.is_whitespace());
    if matches!(first, '-' | '*' | '+' | '•') && after(1) {
        return Some(start + 1);
    }
    let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    // A numbered item interrupts a paragraph only when it starts at 1 (as in CommonMark), so
    // a wrapped line that begins `2025. Up to ...` stays prose.
    let starts_at_one = rest[..digits] == ['1'];
    if (1..=9).contains(&digits)
        && (interrupts || starts_at_one)
        && matches!(rest.get(digits), Some('.') | Some(')'))
        && after(digits + 1)
        && rest.get(digits + 1).is_some()
    {
        return Some(start + digits + 1);
    }
    None
}

fn classify(chars: &mut [char], lines: &[(usize, usize)]) -> Vec<LineKind> {
    let mut kinds = vec![LineKind::Text; lines.len()];
    // Front matter: `---` on the first line, closed by `---` or `...`.
    let mut first = 0;
    let reads = |chars: &[char], n: usize, s: &str| {
        let line = &chars[lines[n].0..lines[n].1];
        let end = line.len() - line.iter().rev().take_while(|c| c.is_whitespace()).count();
        line[..end].iter().copied().eq(s.chars())
    };
    if !lines.is_empty() && reads(chars, 0, "---") {
        if let Some(close) =
            (1..lines.len()).find(|&n| reads(chars, n, "---") || reads(chars, n, "..."))
        {
            for (n, kind) in kinds.iter_mut().enumerate().take(close + 1) {
                *kind = LineKind::Skip;
                blank(chars, lines[n].0, lines[n].1);
            }
            first = close + 1;
        }
    }

    let mut open_fence: Option<(char, usize)> = None;
    let mut in_list = false;
    // Where the text of the current list item starts (`- ` is 2, `12. ` is 4).
    let mut item_content = 0;
    let mut table_header: Option<usize> = None;
    let mut n = first;
    while n < lines.len() {
        let (start, end) = lines[n];
        // The line is read in place: each branch reads it, then blanks what it must.
        let mut l = &chars[start..end];
        if let Some((c, len)) = open_fence {
            if fence(l).is_some_and(|(c2, len2)| c2 == c && len2 >= len) {
                open_fence = None;
            }
            kinds[n] = LineKind::Skip;
            blank(chars, start, end);
            n += 1;
            continue;
        }
        if let Some(f) = fence(l) {
            open_fence = Some(f);
            kinds[n] = LineKind::Skip;
            blank(chars, start, end);
            n += 1;
            continue;
        }
        if is_blank(l) {
            kinds[n] = LineKind::Blank;
            table_header = None;
            n += 1;
            continue;
        }
        // Indented code: after a blank line (or more code), outside a list.
        let prev = n.checked_sub(1).map(|p| kinds[p]);
        if indent_of(l) >= 4
            && !in_list
            && (prev.is_none() || matches!(prev, Some(LineKind::Blank)) || code_before(&kinds, n))
        {
            kinds[n] = LineKind::Skip;
            blank(chars, start, end);
            n += 1;
            continue;
        }
        // Block quotes: blank the markers and read what is inside.
        let quote = l
            .iter()
            .take_while(|c| matches!(c, ' ' | '>'))
            .filter(|c| **c == '>')
            .count();
        if quote > 0 {
            let upto = l.iter().take_while(|c| matches!(c, ' ' | '>')).count();
            blank(chars, start, start + upto);
            l = &chars[start..end];
        }
        // Tables: a row with pipes followed by a delimiter row starts one.
        if table_header.is_none()
            && l.contains(&'|')
            && n + 1 < lines.len()
            && is_table_delimiter(&chars[lines[n + 1].0..lines[n + 1].1])
        {
            table_header = Some(n);
        }
        if let Some(h) = table_header {
            if l.contains(&'|') {
                if is_table_delimiter(l) {
                    kinds[n] = LineKind::Skip;
                    blank(chars, start, end);
                } else {
                    kinds[n] = LineKind::TableRow { header: h };
                }
                n += 1;
                continue;
            }
            table_header = None;
        }
        let trimmed = &l[l.iter().take_while(|c| **c == ' ').count()..];
        if trimmed.first() == Some(&'#') {
            let hashes = trimmed.iter().take_while(|c| **c == '#').count();
            if hashes <= 6 && trimmed.get(hashes).is_none_or(|c| *c == ' ') {
                let lead = l.len() - trimmed.len();
                blank(chars, start, start + lead + hashes);
                kinds[n] = LineKind::Heading;
                in_list = false;
                n += 1;
                continue;
            }
        }
        if is_rule(l) {
            kinds[n] = LineKind::Skip;
            blank(chars, start, end);
            n += 1;
            continue;
        }
        // In a list a new item may start at any number, but a line indented to the item's
        // text after a line of it continues that text: `  2025. Later ...` is a wrapped line.
        let inside_item = in_list
            && matches!(prev, Some(LineKind::Text | LineKind::ListItem))
            && indent_of(l) >= item_content;
        let interrupts = if in_list {
            !inside_item
        } else {
            !matches!(prev, Some(LineKind::Text))
        };
        if let Some(marker) = list_marker(l, interrupts) {
            // A task box: `- [ ]` or `- [x]`.
            let rest = &l[marker..];
            let space = rest.iter().take_while(|c| c.is_whitespace()).count();
            let task = matches!(rest[space..], ['[', ' ' | 'x' | 'X', ']', ..]);
            // Counted in UTF-8 bytes of the space, as it always was.
            let offset = marker + rest[..space].iter().map(|c| c.len_utf8()).sum::<usize>();
            item_content = marker + rest.iter().take_while(|c| **c == ' ').count();
            blank(chars, start, start + marker);
            if task {
                blank(chars, start + offset, start + offset + 3);
            }
            kinds[n] = LineKind::ListItem;
            in_list = true;
            n += 1;
            continue;
        }
        if in_list && indent_of(l) == 0 && matches!(prev, Some(LineKind::Blank)) {
            in_list = false;
        }
        kinds[n] = LineKind::Text;
        n += 1;
    }
    kinds
}

fn code_before(kinds: &[LineKind], n: usize) -> bool {
    n > 0 && kinds[n - 1] == LineKind::Skip
}

/// Blanks code spans, HTML comments and tags, URLs, link targets and reference definitions.
fn mask_inline(chars: &mut [char], lines: &[(usize, usize)], kinds: &[LineKind]) {
    // Reference definitions: `[label]: target "title"`.
    for (n, &(start, end)) in lines.iter().enumerate() {
        if kinds[n] == LineKind::Skip {
            continue;
        }
        // Only a line whose text starts with `[` can be one: no copy of the others.
        if chars[start..end].iter().find(|c| !c.is_whitespace()) != Some(&'[') {
            continue;
        }
        let l: String = chars[start..end].iter().collect();
        let t = l.trim_start();
        if t.starts_with('[') {
            if let Some(close) = t.find("]:") {
                if !t[..close].contains(']') {
                    blank(chars, start, end);
                }
            }
        }
    }
    let len = chars.len();
    let mut i = 0;
    // After a `<` with no `>` left on its line, no later `<` on that line has one either:
    // the end of that line, so that a line of `<a<a<a…` is read once, not once per `<`.
    let mut no_close_until = 0;
    while i < len {
        let c = chars[i];
        match c {
            '`' => {
                let run = chars[i..].iter().take_while(|&&c| c == '`').count();
                match closing_backticks(chars, i + run, run) {
                    Some(close) => {
                        blank(chars, i, close + run);
                        i = close + run;
                    }
                    None => i += run,
                }
            }
            '<' if starts_with(chars, i, "<!--") => {
                let end = find(chars, i + 4, "-->").map_or(len, |e| e + 3);
                blank(chars, i, end);
                i = end;
            }
            '<' if i >= no_close_until
                && chars
                    .get(i + 1)
                    .is_some_and(|c| c.is_ascii_alphabetic() || *c == '/' || *c == '!') =>
            {
                // An HTML tag or an autolink, on one line.
                let rest = chars[i..].iter().take_while(|c| **c != '\n');
                match rest.clone().position(|c| *c == '>') {
                    Some(p) => {
                        blank(chars, i, i + p + 1);
                        i += p + 1;
                    }
                    None => {
                        no_close_until = i + rest.count();
                        i += 1;
                    }
                }
            }
            ']' if matches!(chars.get(i + 1), Some('(') | Some('[')) => {
                let (open, close) = if chars[i + 1] == '(' {
                    ('(', ')')
                } else {
                    ('[', ']')
                };
                let mut depth = 0;
                let mut end = None;
                // A target ends at its closing bracket; give up at a blank line.
                for j in i + 1..len.min(i + 2000) {
                    if chars[j] == open {
                        depth += 1;
                    } else if chars[j] == close {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(j);
                            break;
                        }
                    } else if chars[j] == '\n' && chars.get(j + 1) == Some(&'\n') {
                        break;
                    }
                }
                match end {
                    Some(e) => {
                        blank(chars, i + 1, e + 1);
                        i = e + 1;
                    }
                    None => i += 1,
                }
            }
            '[' if chars.get(i + 1) == Some(&'^') => {
                // A footnote reference `[^1]`.
                match chars[i..].iter().take(40).position(|c| *c == ']') {
                    Some(p) => {
                        blank(chars, i, i + p + 1);
                        i += p + 1;
                    }
                    None => i += 1,
                }
            }
            'h' | 'H' | 'w' | 'W' | 'f' | 'F'
                if (i == 0 || !chars[i - 1].is_alphanumeric())
                    && (starts_with_ci(chars, i, "http://")
                        || starts_with_ci(chars, i, "https://")
                        || starts_with_ci(chars, i, "ftp://")
                        || starts_with_ci(chars, i, "www.")) =>
            {
                let mut end = i;
                while end < len && !chars[end].is_whitespace() && !matches!(chars[end], '<' | '>') {
                    end += 1;
                }
                // Leave sentence punctuation after a URL for the sentence splitter.
                while end > i && matches!(chars[end - 1], '.' | ',' | ';' | ':' | '!' | '?' | ')') {
                    end -= 1;
                }
                blank(chars, i, end);
                i = end.max(i + 1);
            }
            _ => i += 1,
        }
    }
}

fn starts_with(chars: &[char], at: usize, s: &str) -> bool {
    (at..).zip(s.chars()).all(|(j, c)| chars.get(j) == Some(&c))
}

fn starts_with_ci(chars: &[char], at: usize, s: &str) -> bool {
    (at..)
        .zip(s.chars())
        .all(|(j, c)| chars.get(j).is_some_and(|x| x.eq_ignore_ascii_case(&c)))
}

fn find(chars: &[char], from: usize, s: &str) -> Option<usize> {
    (from..chars.len()).find(|&j| starts_with(chars, j, s))
}

/// The start of a run of exactly `run` backticks closing a code span, before a blank line.
fn closing_backticks(chars: &[char], from: usize, run: usize) -> Option<usize> {
    let mut j = from;
    let mut newline = false;
    // Bounded, so that many unmatched backticks stay linear.
    let end = chars.len().min(from + 10_000);
    while j < end {
        match chars[j] {
            '`' => {
                let n = chars[j..].iter().take_while(|&&c| c == '`').count();
                if n == run {
                    return Some(j);
                }
                j += n;
                newline = false;
            }
            '\n' => {
                if newline {
                    return None;
                }
                newline = true;
                j += 1;
            }
            c => {
                if !c.is_whitespace() {
                    newline = false;
                }
                j += 1;
            }
        }
    }
    None
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
        let text = "# Title\n\n- item 1\n  more\n\n| a | b |\n|---|---|\n| 1 | 2 |\nplain\n";
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
