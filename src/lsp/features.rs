//! What the server tells an editor about a checked document: diagnostics, the hover card and
//! the code actions. Pure functions over the sheet, the text and its findings.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, Hover, HoverContents,
    MarkupContent, MarkupKind, NumberOrString, TextEdit, Uri, WorkspaceEdit,
};

use super::text::{Encoding, Lines};
use crate::check::{Finding, Status};
use crate::cite::{self, Style};
use crate::figure::{number, scaled};
use crate::model::{Fact, Qualifier, Sheet, Value};

/// Which findings the client sees besides mismatches and hedges (its `pakaz.show` setting).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Show {
    pub ok: bool,
    pub unknown: bool,
}

impl Show {
    pub fn shows(self, status: Status) -> bool {
        match status {
            Status::Mismatch | Status::Qualifier => true,
            Status::Ok => self.ok,
            Status::Unknown => self.unknown,
        }
    }
}

/// The diagnostics of a document's findings.
pub fn diagnostics(
    text: &str,
    lines: &Lines,
    findings: &[Finding],
    show: Show,
    enc: Encoding,
) -> Vec<Diagnostic> {
    findings
        .iter()
        .filter(|f| show.shows(f.status))
        .map(|f| Diagnostic {
            range: lines.range(text, (f.start, f.end), enc),
            severity: Some(match f.status {
                Status::Mismatch => DiagnosticSeverity::ERROR,
                Status::Qualifier => DiagnosticSeverity::WARNING,
                Status::Ok | Status::Unknown => DiagnosticSeverity::HINT,
            }),
            code: f.fact.clone().map(NumberOrString::String),
            source: Some("pakaz".into()),
            message: f.message.clone(),
            ..Diagnostic::default()
        })
        .collect()
}

/// The finding under a byte offset: the one whose figure contains it, or ends right at it.
pub fn finding_at(findings: &[Finding], offset: usize) -> Option<&Finding> {
    findings
        .iter()
        .find(|f| f.start <= offset && offset < f.end)
        .or_else(|| findings.iter().find(|f| f.end == offset))
}

fn fact<'s>(sheet: &'s Sheet, f: &Finding) -> Option<&'s Fact> {
    let id = f.fact.as_deref()?;
    sheet.facts.iter().find(|fact| fact.id == id)
}

/// The hover card of a finding: the fact as a person writes it, its period and hedge, its
/// source and where in it, the citation phrase, and what the figure in the draft gets wrong
/// (or that it agrees).
pub fn hover(sheet: &Sheet, text: &str, lines: &Lines, f: &Finding, enc: Encoding) -> Hover {
    let mut card = String::new();
    match fact(sheet, f) {
        Some(fact) => {
            card.push_str(&format!(
                "**{}** · {}\n\n",
                md(&crate::figure::figure_in_words(fact)),
                md(&fact.label)
            ));
            let period = fact
                .period
                .as_ref()
                .map_or("no period".to_string(), |p| p.human());
            card.push_str(&format!(
                "Period: {} · hedge: {} · fact `{}`\n\n",
                md(&period),
                fact.qualifier.name(),
                fact.id
            ));
            if let Some(s) = sheet.source_of(fact) {
                let mut line = format!("Source: {}", md(&s.title));
                if let Some(p) = &s.publisher {
                    line.push_str(&format!(", {}", md(p)));
                }
                if let Some(d) = &s.date {
                    line.push_str(&format!(", {}", md(d)));
                }
                if let Some(section) = &fact.source.section {
                    line.push_str(&format!(" — {}", md(section)));
                }
                if let Some(url) = &s.url {
                    line.push_str(&format!(" <{url}>"));
                }
                card.push_str(&line);
                card.push_str("\n\n");
            }
            card.push_str(&format!(
                "Cite: {}\n\n",
                cite::cite(sheet, fact, Style::Markdown)
            ));
            card.push_str(&match f.status {
                Status::Ok => "✓ The draft agrees with the sheet.".to_string(),
                Status::Mismatch => format!("✗ {}", md(&f.message)),
                Status::Qualifier => format!("⚠ {}", md(&f.message)),
                Status::Unknown => md(&f.message),
            });
        }
        None => card.push_str(&md(&f.message)),
    }
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: card,
        }),
        range: Some(lines.range(text, (f.start, f.end), enc)),
    }
}

/// Escapes what Markdown would read as markup.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A figure as written, in parts: the hedge before it, a currency sign, the number (with a
/// word of scale), as byte ranges of the finding's text.
#[derive(Debug, PartialEq)]
struct Parts {
    /// The end of the hedge (`More than `), which starts the finding.
    hedge_end: usize,
    /// Where the number's digits start (after a currency sign such as `US$`).
    digits: usize,
    /// The end of the number and its word of scale (`20.7 million`).
    end: usize,
    /// The multiplier of the word of scale, and that word as written.
    scale: Option<(f64, String)>,
    /// The smallest step the writer's number can show, in base units: `85,000` is written to
    /// the thousand, `20.7 million` to the hundred thousand.
    step: f64,
}

fn parts(s: &str) -> Option<Parts> {
    let digits = s.find(|c: char| c.is_ascii_digit())?;
    // A currency sign is attached to the number: `US$50`, `€3`.
    let hedge_end = s[..digits]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    let hedge_end = if s[hedge_end..digits].chars().any(char::is_alphabetic)
        && !s[hedge_end..digits].contains(['$', '€', '£', '₨'])
    {
        // A word glued to the number is not a currency sign.
        digits
    } else {
        hedge_end
    };
    let mut end = digits;
    let bytes = s.as_bytes();
    while end < s.len() {
        let b = bytes[end];
        let next_digit = bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
        if b.is_ascii_digit() || (matches!(b, b',' | b'.') && next_digit) {
            end += 1;
        } else {
            break;
        }
    }
    let number_text = &s[digits..end];
    let mut scale = None;
    let rest = &s[end..];
    let word_start = rest.len() - rest.trim_start_matches(' ').len();
    let word: String = rest[word_start..]
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let multiplier = match word.to_lowercase().as_str() {
        "thousand" | "k" => Some(1e3),
        "million" | "mn" | "m" => Some(1e6),
        "billion" | "bn" => Some(1e9),
        _ => None,
    };
    if let Some(m) = multiplier {
        scale = Some((m, word.clone()));
        end += word_start + word.len();
    }
    let decimals = number_text
        .split_once('.')
        .map_or(0, |(_, frac)| frac.len() as i32);
    let trailing_zeros = if decimals == 0 {
        number_text
            .replace(',', "")
            .chars()
            .rev()
            .take_while(|&c| c == '0')
            .count() as i32
    } else {
        0
    };
    let unit = scale.as_ref().map_or(1.0, |(m, _)| *m);
    let step = 10f64.powi(trailing_zeros - decimals) * unit;
    Some(Parts {
        hedge_end,
        digits,
        end,
        scale,
        step,
    })
}

/// A value as the writer would put it: in their word of scale when they used one.
fn amount(value: f64, scale: &Option<(f64, String)>) -> String {
    match scale {
        Some((m, word)) => format!("{} {word}", number(value / m)),
        None => scaled(value),
    }
}

/// `text` with its first letter capitalised when `like` starts with a capital.
fn cased(text: &str, like: &str) -> String {
    let capital = like.chars().next().is_some_and(char::is_uppercase);
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if capital => c.to_uppercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

/// Where the sentence holding byte `from` ends: after its full stop (or `!`, `?`), or at the
/// end of its paragraph or table cell, whichever comes first.
fn sentence_end(text: &str, from: usize) -> usize {
    let mut chars = text[from..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match c {
            '.' | '!' | '?' if next.is_none_or(|n| n.is_whitespace()) => {
                return from + i + 1;
            }
            '\n' | '\r' | '|' => return from + i,
            _ => {}
        }
    }
    text.len()
}

/// The code actions for the findings that touch a range of the document.
// lsp-types keys a `WorkspaceEdit` by `Uri`, which clippy takes for a mutable key.
#[allow(clippy::mutable_key_type)]
pub fn actions(
    sheet: &Sheet,
    uri: &Uri,
    text: &str,
    lines: &Lines,
    findings: &[&Finding],
    markdown: bool,
    enc: Encoding,
) -> Vec<CodeAction> {
    let mut out = Vec::new();
    for f in findings {
        if !matches!(f.status, Status::Mismatch | Status::Qualifier) {
            continue;
        }
        let Some(fact) = fact(sheet, f) else {
            continue;
        };
        let written = &text[f.start..f.end];
        let edit = |title: String, a: usize, b: usize, new: String, preferred: bool| {
            let mut changes = HashMap::new();
            changes.insert(
                uri.clone(),
                vec![TextEdit {
                    range: lines.range(text, (a, b), enc),
                    new_text: new,
                }],
            );
            CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                edit: Some(WorkspaceEdit {
                    changes: Some(changes),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: preferred.then_some(true),
                ..CodeAction::default()
            }
        };
        if let (Some(p), Some(value)) = (parts(written), numeric(&fact.value)) {
            let currency = &written[p.hedge_end..p.digits];
            let old_hedge = &written[..p.hedge_end];
            if f.status == Status::Mismatch {
                let sheet_amount = match &fact.value {
                    Value::Range { min, max } => {
                        format!("{}–{}", amount(*min, &p.scale), amount(*max, &p.scale))
                    }
                    _ => amount(value, &p.scale),
                };
                let new = cased(
                    &format!("{}{currency}{sheet_amount}", fact.qualifier.word()),
                    old_hedge,
                );
                out.push(edit(
                    format!("Replace with the sheet's figure: {new}"),
                    f.start,
                    f.start + p.end,
                    new,
                    true,
                ));
                // The sheet's figure rounded as the writer rounded theirs.
                let rounded = (value / p.step).round() * p.step;
                if matches!(fact.value, Value::Number(_))
                    && matches!(fact.qualifier, Qualifier::Exact | Qualifier::About)
                    && (rounded - value).abs() > 1e-9 * value.abs().max(1.0)
                    && rounded != 0.0
                {
                    let new = cased(
                        &format!("about {currency}{}", amount(rounded, &p.scale)),
                        old_hedge,
                    );
                    out.push(edit(
                        format!("Replace with the sheet's figure, rounded as written: {new}"),
                        f.start,
                        f.start + p.end,
                        new,
                        false,
                    ));
                }
            } else {
                let hedge = fact.qualifier.word();
                let new = if old_hedge.is_empty() {
                    hedge.to_string()
                } else {
                    cased(hedge, old_hedge)
                };
                let shown = if hedge.is_empty() {
                    "no hedge"
                } else {
                    hedge.trim_end()
                };
                out.push(edit(
                    format!("Fix the hedge: {shown}, as the sheet has it"),
                    f.start,
                    f.start + p.hedge_end,
                    new,
                    true,
                ));
            }
        }
        let at = sentence_end(text, f.end);
        let style = if markdown {
            Style::Markdown
        } else {
            Style::Plain
        };
        let citation = cite::cite(sheet, fact, style);
        out.push(edit(
            format!(
                "Insert the citation after the sentence: {}",
                cite::cite(sheet, fact, Style::Plain)
            ),
            at,
            at,
            format!(" ({citation})"),
            false,
        ));
    }
    out
}

fn numeric(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => Some(*n),
        Value::Range { min, .. } => Some(*min),
        Value::Text(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Checker;

    fn sheet() -> Sheet {
        crate::sheet::bundled().unwrap()
    }

    fn uri() -> Uri {
        "file:///tmp/draft.md".parse().unwrap()
    }

    /// The text after applying a code action's edits.
    fn applied(text: &str, action: &CodeAction) -> String {
        let edits = &action.edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri()];
        let lines = Lines::new(text);
        let mut out = text.to_string();
        let mut edits: Vec<_> = edits.iter().collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        for e in edits {
            let a = lines.offset(text, e.range.start, Encoding::Utf16);
            let b = lines.offset(text, e.range.end, Encoding::Utf16);
            out.replace_range(a..b, &e.new_text);
        }
        out
    }

    fn actions_for(sheet: &Sheet, text: &str) -> (Vec<Finding>, Vec<CodeAction>) {
        let findings = Checker::new(sheet).check(text);
        let shown: Vec<&Finding> = findings.iter().collect();
        let acts = actions(
            sheet,
            &uri(),
            text,
            &Lines::new(text),
            &shown,
            true,
            Encoding::Utf16,
        );
        (findings, acts)
    }

    #[test]
    fn parts_of_written_figures() {
        let p = parts("85,000 Pakistani").unwrap();
        assert_eq!((p.hedge_end, p.digits, p.end, p.step), (0, 0, 6, 1000.0));
        let p = parts("over $50 million").unwrap();
        assert_eq!((p.hedge_end, p.digits, p.end), (5, 6, 16));
        assert_eq!(p.step, 10e6);
        let p = parts("More than US$20.7 million").unwrap();
        assert_eq!((p.hedge_end, p.digits), (10, 13));
        assert!((p.step - 1e5).abs() < 1e-6);
        assert_eq!(parts("eighty-five thousand"), None);
    }

    #[test]
    fn replacing_a_wrong_figure_makes_it_agree() {
        let sheet = sheet();
        let text = "Azerbaijan welcomed 85,000 Pakistani visitors in 2024.\n";
        let (findings, acts) = actions_for(&sheet, text);
        assert_eq!(findings[0].status, Status::Mismatch);
        let titles: Vec<&str> = acts.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles.len(), 3, "{titles:?}");
        let exact = applied(text, &acts[0]);
        assert_eq!(
            exact,
            "Azerbaijan welcomed 80,924 Pakistani visitors in 2024.\n"
        );
        let rounded = applied(text, &acts[1]);
        assert_eq!(
            rounded,
            "Azerbaijan welcomed about 81,000 Pakistani visitors in 2024.\n"
        );
        for fixed in [exact, rounded] {
            let after = Checker::new(&sheet).check(&fixed);
            assert_eq!(after[0].status, Status::Ok, "{fixed}: {after:?}");
        }
        let cited = applied(text, &acts[2]);
        assert!(
            cited.starts_with("Azerbaijan welcomed 85,000 Pakistani visitors in 2024. (80,924 "),
            "{cited}"
        );
        assert!(cited.ends_with(")\n"), "{cited}");
    }

    #[test]
    fn fixing_a_hedge_makes_it_agree() {
        let sheet = sheet();
        let text = "More than 80,924 Pakistani visitors came in 2024.";
        let (findings, acts) = actions_for(&sheet, text);
        assert_eq!(findings[0].status, Status::Qualifier);
        assert!(
            acts[0].title.starts_with("Fix the hedge"),
            "{}",
            acts[0].title
        );
        let fixed = applied(text, &acts[0]);
        assert_eq!(fixed, "80,924 Pakistani visitors came in 2024.");
        assert_eq!(Checker::new(&sheet).check(&fixed)[0].status, Status::Ok);
    }

    #[test]
    fn a_hedged_money_figure_keeps_the_writers_scale_and_sign() {
        let sheet = sheet();
        let text = "Bilateral trade reached over $50 million in the first nine months of 2025.";
        let (findings, acts) = actions_for(&sheet, text);
        assert_eq!(findings[0].status, Status::Mismatch);
        let fixed = applied(text, &acts[0]);
        assert_eq!(
            fixed,
            "Bilateral trade reached about $20.7 million in the first nine months of 2025."
        );
        assert_eq!(Checker::new(&sheet).check(&fixed)[0].status, Status::Ok);
    }

    #[test]
    fn hover_shows_the_fact_its_source_and_the_verdict() {
        let sheet = sheet();
        for (text, verdict) in [
            (
                "Azerbaijan welcomed 85,000 Pakistani visitors in 2024.",
                "✗ 85,000",
            ),
            (
                "Azerbaijan welcomed 80,924 Pakistani visitors in 2024.",
                "✓ The draft agrees",
            ),
        ] {
            let findings = Checker::new(&sheet).check(text);
            let lines = Lines::new(text);
            let at = text.find("Pakistani").unwrap() - 3;
            let f = finding_at(&findings, at).unwrap();
            let h = hover(&sheet, text, &lines, f, Encoding::Utf16);
            let HoverContents::Markup(m) = h.contents else {
                panic!("not markup")
            };
            assert!(m.value.starts_with("**80,924 people**"), "{}", m.value);
            assert!(m.value.contains("Period: 2024"), "{}", m.value);
            assert!(m.value.contains("Source: "), "{}", m.value);
            assert!(
                m.value.contains("Cite: 80,924 Pakistani citizens"),
                "{}",
                m.value
            );
            assert!(m.value.contains(verdict), "{}", m.value);
            assert_eq!(h.range.unwrap().start.character, 20);
        }
    }

    #[test]
    fn diagnostics_follow_the_status_and_the_setting() {
        let sheet = sheet();
        let text = "🇵🇰 Azerbaijan welcomed 85,000 Pakistani visitors in 2024. More than 80,924 Pakistani visitors came in 2024. About 81,000 Pakistani tourists came in 2024.";
        let findings = Checker::new(&sheet).check(text);
        let lines = Lines::new(text);
        let d = diagnostics(text, &lines, &findings, Show::default(), Encoding::Utf16);
        let severities: Vec<_> = d.iter().map(|d| d.severity.unwrap()).collect();
        assert_eq!(
            severities,
            [DiagnosticSeverity::ERROR, DiagnosticSeverity::WARNING]
        );
        // The flag is four UTF-16 units and a space.
        assert_eq!(d[0].range.start.character, 5 + 20);
        assert_eq!(
            d[0].code,
            Some(NumberOrString::String("tourism.visitors-2024".into()))
        );
        assert_eq!(d[0].source.as_deref(), Some("pakaz"));
        let all = diagnostics(
            text,
            &lines,
            &findings,
            Show {
                ok: true,
                unknown: true,
            },
            Encoding::Utf16,
        );
        assert!(all.len() > d.len());
        assert!(
            all.iter()
                .any(|d| d.severity == Some(DiagnosticSeverity::HINT))
        );
    }

    #[test]
    fn sentences_end_at_a_stop_or_a_line_break() {
        let t = "It cost $20.7 million. Next";
        assert_eq!(sentence_end(t, 9), t.find(" Next").unwrap());
        assert_eq!(sentence_end("a 5 b\nc.", 2), 5);
        assert_eq!(sentence_end("no stop", 0), 7);
    }
}
