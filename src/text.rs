//! Making sheet text safe to show on a terminal.

use std::borrow::Cow;

use icu_properties::props::{
    BidiControl, DefaultIgnorableCodePoint, GeneralCategory, PrependedConcatenationMark,
};
use icu_properties::{
    CodePointMapData, CodePointMapDataBorrowed, CodePointSetData, CodePointSetDataBorrowed,
};

/// Whether a character must not reach a terminal as it is, by its Unicode properties: a
/// control (C0, C1, DEL), a line or paragraph separator, a format character (soft hyphen,
/// zero-width characters, U+FFF9 to U+FFFB, tag characters; the visible Arabic number signs
/// that are prepended concatenation marks excepted), a bidirectional control (U+061C, the
/// overrides, embeddings and isolates) or a default-ignorable code point (U+115F, U+3164,
/// U+180E, variation selectors, ...): anything that moves the cursor, reorders the line or
/// shows as nothing.
pub fn is_unsafe(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    const CATEGORY: CodePointMapDataBorrowed<'static, GeneralCategory> =
        CodePointMapData::<GeneralCategory>::new();
    const BIDI_CONTROL: CodePointSetDataBorrowed<'static> = CodePointSetData::new::<BidiControl>();
    const IGNORABLE: CodePointSetDataBorrowed<'static> =
        CodePointSetData::new::<DefaultIgnorableCodePoint>();
    const PREPENDED: CodePointSetDataBorrowed<'static> =
        CodePointSetData::new::<PrependedConcatenationMark>();
    match CATEGORY.get(c) {
        GeneralCategory::Control
        | GeneralCategory::LineSeparator
        | GeneralCategory::ParagraphSeparator => true,
        GeneralCategory::Format if !PREPENDED.contains(c) => true,
        _ => BIDI_CONTROL.contains(c) || IGNORABLE.contains(c),
    }
}

/// The most characters of a name (an id, a key, a sector) a message shows, and the longest
/// name "did you mean" looks for a near match to.
pub const MAX_SHOWN: usize = 64;

/// A name as a message shows it: whole when it is at most [`MAX_SHOWN`] characters, else its
/// first ones, `…` and how long it is, so a 100,000-character key makes a one-line message.
pub fn cut(name: &str) -> Cow<'_, str> {
    match name.char_indices().nth(MAX_SHOWN) {
        None => Cow::Borrowed(name),
        Some((end, _)) => Cow::Owned(format!(
            "{}… ({} characters)",
            &name[..end],
            name.chars().count()
        )),
    }
}

/// Escapes every unsafe character as `\u{XX}` (and tab, newline, carriage return as
/// `\t`, `\n`, `\r`), leaving all other text as it is.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !has_unsafe(text) {
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

/// Whether `text` holds a character [`is_unsafe`] rejects. Printable ASCII (most of any
/// text) is safe: it is checked a byte at a time, and only the other characters are decoded.
fn has_unsafe(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    // Sixteen bytes at a time while they are all printable ASCII: a test the compiler makes
    // on all sixteen at once.
    while let Some(chunk) = bytes.get(at..at + 16) {
        if !chunk
            .iter()
            .fold(true, |all, &b| all & (b.wrapping_sub(b' ') <= b'~' - b' '))
        {
            break;
        }
        at += 16;
    }
    while at < bytes.len() {
        let b = bytes[at];
        if (b' '..=b'~').contains(&b) {
            at += 1;
        } else if b.is_ascii() {
            return true;
        } else {
            // A byte past ASCII starts a character: `at` is always on a boundary.
            let c = text[at..].chars().next().unwrap_or(' ');
            if is_unsafe(c) {
                return true;
            }
            at += c.len_utf8();
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut() {
        assert_eq!(cut("trade.x"), "trade.x");
        let long = "é".repeat(100_000);
        let shown = cut(&long);
        assert_eq!(
            shown,
            format!("{}… (100000 characters)", "é".repeat(MAX_SHOWN))
        );
    }

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

    #[test]
    fn invisible_characters_are_unsafe_by_their_properties() {
        for c in [
            '\u{061C}', // ARABIC LETTER MARK: a bidi control
            '\u{00AD}', // SOFT HYPHEN
            '\u{180E}', // MONGOLIAN VOWEL SEPARATOR
            '\u{FFF9}',
            '\u{FFFA}',
            '\u{FFFB}', // interlinear annotation
            '\u{115F}',
            '\u{3164}',
            '\u{FFA0}', // Hangul fillers
            '\u{E0000}',
            '\u{E0001}',
            '\u{E0041}',
            '\u{E007F}', // tag characters
            '\u{2066}',
            '\u{202E}',
            '\u{200B}',
            '\u{200D}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{FE0F}',
            '\u{1D173}',
            '\u{2028}',
            '\u{85}',
            '\u{7F}',
            '\u{1B}',
            '\n',
        ] {
            assert!(is_unsafe(c), "U+{:04X}", u32::from(c));
        }
        for c in "aZ09 ~–≈€₼əƏçÇşŞğıİöüپاکستانآذربائیجان\u{0600}\u{0301}日本한국".chars()
        {
            assert!(!is_unsafe(c), "U+{:04X}", u32::from(c));
        }
        assert_eq!(sanitize("a\u{E0041}\u{AD}b"), "a\\u{E0041}\\u{AD}b");
    }
}
