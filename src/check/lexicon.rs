//! The distinct words of a draft, each lowercased, stemmed and numbered once.
//!
//! A draft repeats a small vocabulary many times: the tokens of a word share one entry, so
//! reading a word costs a lookup instead of two strings, and whatever depends only on the
//! word (its stem, whether it is a stop word, its number in the sheet's index) is worked out
//! once per distinct word.

use std::collections::HashMap;
use std::sync::Arc;

use super::words;

/// A distinct word of a draft.
#[derive(Debug, PartialEq)]
pub struct Entry {
    /// As written, lowercased.
    pub lower: Box<str>,
    /// [`words::stem`] of `lower`.
    pub stem: Box<str>,
    /// Whether the stem is a stop word ([`words::is_stop`]).
    pub stop: bool,
    /// The number it writes out ([`words::number_word`]: `forty` is 40).
    pub in_words: Option<f64>,
    /// The multiple it names ([`words::multiple_word`]: `doubled` is 2).
    pub multiple: Option<f64>,
    /// Whether a hedge written before a figure ends with it (`than` in `more than`).
    pub ends_hedge: bool,
    /// The hedges it ends, by their place in [`words::hedges_before`], in that order.
    pub hedges: Box<[usize]>,
    /// Whether it is `year` or `years` (`year's` too) or `decade`, which every relative date
    /// but `last June` and `this July` has in its first four words.
    pub year_word: bool,
    /// Whether a date can open with it: a month, `last` or `this` (`last June`, `this July`,
    /// `last year`), or the first word of a year said in words (`nineteen`, `twenty`).
    pub date_word: bool,
    /// Whether a quantity can open with it ([`words::opens_quantity`]): a multiple or a number
    /// in words, `a`, `half`, `near-doubled`, `twice`.
    pub opens_quantity: bool,
    /// Whether it opens a clause of its own (`while`, `whereas`): a figure's words across it
    /// are about something else.
    pub opens_clause: bool,
    /// Whether it is `asked` or `asks`, which tell of a question ([`super::scan::Scan::is_question`]).
    pub asks: bool,
    /// Whether it opens what a question asks (`when`, `how`, `what`, `which`, `where`, `who`).
    pub wh: bool,
    /// Whether it opens a clause after a comma (`, and`, `, but`, `, while`).
    pub joins_clause: bool,
    /// The month it names ([`words::month`]: `sept` is 9).
    pub month: Option<u8>,
    /// For two words joined by a hyphen, each of three letters or more (`Lahore-Baku`), the
    /// numbers of the two words' own entries: what the compound says where the sheet uses
    /// its parts but not the compound.
    pub parts: Option<(usize, usize)>,
    /// Its place in [`Lexicon::entries`], in order of first use.
    pub number: usize,
}

/// The words met so far.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Entries by their word lowercased, as UTF-8 bytes, when it takes at most 16 of them
    /// (most words): the bytes read as two numbers, zeros past the word's end (a word has no
    /// zero byte), so that a look-up compares two numbers, not two strings.
    short: HashMap<(u64, u64), Arc<Entry>>,
    /// Entries of longer words by their bytes.
    long: HashMap<Box<[u8]>, Arc<Entry>>,
    entries: Vec<Arc<Entry>>,
    scratch: Vec<u8>,
    /// The words read last, in front of `short`: two slots for each of [`RECENT`] / 2 places,
    /// chosen by a cheap mix of two numbers read from a short ASCII word's bytes as written
    /// (not lowercased: `The` and `the` take a slot each), holding the numbers and the entry
    /// of the last two words that fell there (the last in the first slot), so that two words
    /// used often that fall on one place do not keep putting each other out. Most tokens are words met shortly before, and comparing two
    /// numbers costs far less than hashing them. A word that misses (another word took its
    /// slot) is looked up in `short`, whose hasher resists words chosen to collide: words
    /// chosen to fall on one slot only make every look-up a miss, never slower than `short`
    /// alone. Empty (no slots) until the lexicon holds [`RECENT_AFTER`] words, so that reading
    /// a line or two allocates none.
    recent: Vec<Recent>,
}

/// A slot of [`Lexicon::recent`]: a short word's two numbers as written (both zero when
/// empty, as no word is empty) and its entry's number.
#[derive(Debug, Default, Clone, Copy)]
struct Recent {
    key: (u64, u64),
    number: usize,
}

/// How many slots [`Lexicon::recent`] has, as a power of two.
const RECENT_BITS: u32 = 12;
const RECENT: usize = 1 << RECENT_BITS;
/// How many words a lexicon holds before it keeps [`Lexicon::recent`].
const RECENT_AFTER: usize = 32;

/// The first 16 bytes of a short word (zeros past its end) read as two numbers.
fn two_numbers(bytes: &[u8]) -> (u64, u64) {
    let half = |h: &[u8]| u64::from_le_bytes(h.try_into().unwrap_or_default());
    (half(&bytes[..8]), half(&bytes[8..16]))
}

/// The first of the two slots of [`Lexicon::recent`] a short word's two numbers fall on.
fn recent_slot((a, b): (u64, u64)) -> usize {
    let mixed = (a ^ b.rotate_left(32)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> (64 - RECENT_BITS)) as usize & !1
}

impl Lexicon {
    /// The entry of a word as written (any case), added on first use.
    pub fn word(&mut self, written: &[char]) -> Arc<Entry> {
        // Most words are short, ASCII and among the words read last, as written: that case
        // is kept small, with no lowercasing, and the rest is left to `look_up`.
        if written.len() <= 16 {
            let mut short = [0u8; 16];
            let mut any = 0;
            for (b, &c) in short.iter_mut().zip(written) {
                any |= u32::from(c);
                *b = c as u8;
            }
            if any < 0x80 {
                return self.ascii_word(two_numbers(&short), written);
            }
        }
        self.learn(None, written)
    }

    /// [`Lexicon::word`] for a word of at most 16 ASCII characters whose bytes as written,
    /// zeros past its end and read as two numbers (little-endian), are `key`: a reader that
    /// has just walked the word's characters has them at hand.
    pub fn ascii_word(&mut self, key: (u64, u64), written: &[char]) -> Arc<Entry> {
        debug_assert!(written.len() <= 16 && written.iter().all(char::is_ascii));
        let at = recent_slot(key);
        if let Some(slot) = self.recent.get(at..at + 2)
            && let Some(slot) = slot.iter().find(|s| s.key == key)
        {
            return Arc::clone(&self.entries[slot.number]);
        }
        self.learn(Some(key), written)
    }

    /// A word not among the words read last, whose slot of [`Lexicon::recent`] (if it has one,
    /// by `key`) is given to it.
    fn learn(&mut self, key: Option<(u64, u64)>, written: &[char]) -> Arc<Entry> {
        let entry = self.look_up(written);
        if self.recent.is_empty() && self.entries.len() >= RECENT_AFTER {
            self.recent = vec![Recent::default(); RECENT];
        }
        let at = key.map(recent_slot);
        if let Some(key) = key
            && let Some([first, second]) = at.and_then(|at| self.recent.get_mut(at..at + 2))
        {
            *second = *first;
            *first = Recent {
                key,
                number: entry.number,
            };
        }
        entry
    }

    /// [`Lexicon::word`] for a word that is not among the words read last: long, not ASCII,
    /// whose slot another word took, or new.
    #[inline(never)]
    fn look_up(&mut self, written: &[char]) -> Arc<Entry> {
        // A short ASCII word (most of them) is lowercased on the stack, a byte a character.
        let mut short = [0u8; 24];
        let mut any = 0;
        if let Some(short) = short.get_mut(..written.len()) {
            for (b, &c) in short.iter_mut().zip(written) {
                any |= u32::from(c);
                *b = (c as u8).to_ascii_lowercase();
            }
        }
        let lower = if written.len() <= short.len() && any < 0x80 {
            &short[..written.len()]
        } else {
            let w: String = written.iter().collect();
            self.scratch.clear();
            self.scratch.extend_from_slice(w.to_lowercase().as_bytes());
            // Zeros past its end, as for a word lowercased on the stack.
            short = [0u8; 24];
            if let Some(to) = short.get_mut(..self.scratch.len()) {
                to.copy_from_slice(&self.scratch);
            }
            self.scratch.as_slice()
        };
        let packed = (lower.len() <= 16).then(|| two_numbers(&short[..16]));
        let found = match packed {
            Some(key) => self.short.get(&key),
            None => self.long.get(lower),
        };
        if let Some(e) = found {
            return Arc::clone(e);
        }
        let key: Box<[u8]> = lower.into();
        let lower: Box<str> = String::from_utf8_lossy(&key).into();
        let stem: Box<str> = words::stem(&lower).into();
        let parts = self.parts(written);
        let hedges: Box<[usize]> = words::hedges_before()
            .iter()
            .enumerate()
            .filter(|(_, (phrase, _))| phrase.last() == Some(&&*lower))
            .map(|(n, _)| n)
            .collect();
        let entry = Arc::new(Entry {
            stop: words::is_stop(&stem),
            in_words: words::number_word(&lower),
            multiple: words::multiple_word(&lower),
            month: words::month(&lower),
            year_word: matches!(
                &*lower,
                "year" | "years" | "year's" | "year’s" | "decade" | "decades"
            ),
            date_word: words::month(&lower).is_some()
                || matches!(&*lower, "last" | "this" | "nineteen" | "twenty"),
            opens_clause: matches!(&*lower, "while" | "whereas" | "whilst"),
            asks: matches!(&*lower, "asked" | "asks"),
            wh: matches!(&*lower, "when" | "how" | "what" | "which" | "where" | "who"),
            opens_quantity: words::opens_quantity(&lower),
            joins_clause: matches!(&*lower, "and" | "but" | "while" | "whereas" | "whilst"),
            parts,
            ends_hedge: !hedges.is_empty(),
            hedges,
            lower,
            stem,
            number: self.entries.len(),
        });
        match packed {
            Some(packed) => self.short.insert(packed, Arc::clone(&entry)),
            None => self.long.insert(key, Arc::clone(&entry)),
        };
        self.entries.push(Arc::clone(&entry));
        entry
    }

    /// The entries of the two words a compound joins with a hyphen (`Lahore-Baku`), each of
    /// letters only and three or more of them, added if new; none for any other word. Asked
    /// once, when the compound's own entry is made.
    fn parts(&mut self, written: &[char]) -> Option<(usize, usize)> {
        let hyphen = written.iter().position(|&c| words::is_hyphen(c))?;
        let (a, b) = (&written[..hyphen], &written[hyphen + 1..]);
        let word = |w: &[char]| w.len() >= 3 && w.iter().all(|c| c.is_alphabetic());
        if !(word(a) && word(b)) {
            return None;
        }
        let a = self.look_up(a).number;
        let b = self.look_up(b).number;
        Some((a, b))
    }

    /// Every distinct word, by number.
    pub fn entries(&self) -> &[Arc<Entry>] {
        &self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_in_any_case_is_one_entry() {
        let mut l = Lexicon::default();
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        let a = l.word(&chars("Visitors"));
        let b = l.word(&chars("VISITORS"));
        let c = l.word(&chars("the"));
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(
            (&*a.lower, &*a.stem, a.stop, a.number),
            ("visitors", "visitor", false, 0)
        );
        assert_eq!((c.stop, c.number), (true, 1));
        assert_eq!(l.entries().len(), 2);
        assert_eq!(&*l.word(&chars("Ölçü")).lower, "ölçü");
        assert!(Arc::ptr_eq(
            &l.word(&chars("ÖLÇÜ")),
            &l.word(&chars("ölçü"))
        ));
        // Words of up to 16 bytes and longer ones, and one whose lowercase is ASCII though
        // it is not written so (the Kelvin sign), each one entry whatever its case.
        for w in [
            "sixteen-letters!",
            "seventeen-letters",
            "intergovernmental-commission",
        ] {
            let upper = l.word(&chars(&w.to_uppercase()));
            assert!(Arc::ptr_eq(&upper, &l.word(&chars(w))));
            assert_eq!(&*upper.lower, w);
        }
        assert!(Arc::ptr_eq(
            &l.word(&chars("\u{212A}m")),
            &l.word(&chars("km"))
        ));
        let forty = l.word(&chars("Forty"));
        assert_eq!(
            (forty.in_words, forty.multiple, forty.ends_hedge),
            (Some(40.0), None, false)
        );
        let than = l.word(&chars("than"));
        assert!(than.ends_hedge && l.word(&chars("Doubled")).multiple == Some(2.0));
        assert_eq!(l.word(&chars("Sept")).month, Some(9));
        // What the reader asks of a word, worked out once.
        assert!(!than.hedges.is_empty() && l.word(&chars("visitors")).hedges.is_empty());
        assert!(l.word(&chars("Years")).year_word && !l.word(&chars("yearly")).year_word);
        assert!(["Sept", "LAST", "twenty"].map(|w| l.word(&chars(w)).date_word) == [true; 3]);
        // `a decade ago`, `this July`.
        assert!(l.word(&chars("decades")).year_word && l.word(&chars("This")).date_word);
        assert!(!l.word(&chars("lasting")).date_word && !l.word(&chars("year")).date_word);
        assert!(
            ["Forty", "a", "Doubled", "near-tripled", "twice"]
                .map(|w| l.word(&chars(w)).opens_quantity)
                .iter()
                .all(|&o| o)
        );
        assert!(!l.word(&chars("visitors")).opens_quantity);
        let (and, whereas) = (l.word(&chars("and")), l.word(&chars("whereas")));
        assert!(and.joins_clause && !and.opens_clause);
        assert!(whereas.joins_clause && whereas.opens_clause);
    }

    #[test]
    fn a_compound_of_two_words_knows_its_parts() {
        let mut l = Lexicon::default();
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        let route = l.word(&chars("Lahore-Baku"));
        let (a, b) = route.parts.unwrap();
        assert_eq!(&*l.entries()[a].lower, "lahore");
        assert_eq!(&*l.entries()[b].stem, "baku");
        // The same parts whatever the case, and none for a short part, digits or one word.
        assert_eq!(l.word(&chars("LAHORE-BAKU")).parts, Some((a, b)));
        assert_eq!(l.word(&chars("check-in")).parts, None);
        assert_eq!(l.word(&chars("JF-17")).parts, None);
        assert_eq!(l.word(&chars("Lahore")).parts, None);
    }

    #[test]
    fn words_that_share_a_slot_of_the_recent_words_keep_their_own_entries() {
        let mut l = Lexicon::default();
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        // More words than slots, so that many share one, read in turns and in any case.
        let words: Vec<String> = (0..3 * RECENT).map(|n| format!("w{n}x")).collect();
        let first: Vec<_> = words.iter().map(|w| l.word(&chars(w))).collect();
        for round in 0..2 {
            for (n, w) in words.iter().enumerate().rev() {
                let w = if round == 0 {
                    w.to_uppercase()
                } else {
                    w.clone()
                };
                let e = l.word(&chars(&w));
                assert!(Arc::ptr_eq(&e, &first[n]), "{w}");
                assert_eq!((&*e.lower, e.number), (&*words[n], n));
            }
        }
        assert_eq!(l.entries().len(), words.len());
        assert_eq!(l.recent.len(), RECENT);
    }
}
