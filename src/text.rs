//! Making sheet text safe to show on a terminal.

use std::borrow::Cow;

/// Whether a character must not reach a terminal as it is: C0 and C1 controls, DEL,
/// bidirectional overrides and isolates, and zero-width characters.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2028}'..='\u{2029}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
        )
}

/// Escapes every unsafe character as `\u{XX}` (and tab, newline, carriage return as
/// `\t`, `\n`, `\r`), leaving all other text as it is.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    // Printable ASCII (most text) is safe: checked a byte at a time.
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) || !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:X}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            sanitize("80,924 people – ≈ 47 %"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escapes_controls_bidi_and_zero_width() {
        assert_eq!(sanitize("a\u{1b}]52;c;x\u{7}b"), "a\\u{1B}]52;c;x\\u{7}b");
        assert_eq!(sanitize("x\u{202E}y\u{200B}z"), "x\\u{202E}y\\u{200B}z");
        assert_eq!(sanitize("a\tb\nc\r"), "a\\tb\\nc\\r");
        assert_eq!(sanitize("\u{9b}31m"), "\\u{9B}31m");
    }
}
