//! A long draft checked on several threads, with the findings of one thread's check.
//!
//! The draft is cut into pieces, and piece k goes to thread k mod n, which reads it and
//! attributes its figures to facts. Most of reading a piece needs nothing from the pieces
//! before it: its words, numbers, sentences, citations and labels. Its dates and figures do:
//! they take the draft's date, the last diary entry's and the year `that year` means from the
//! piece before. So the threads pass those on in a ring, each to the next as soon as it has
//! read its piece's dates, and the part of the work done in the order of the text is small.
//! The caller's thread takes the findings back in the same turn, so they come in the order of
//! the text, and hands them on. Every channel is bounded: what is held at once is a piece or
//! two for each thread, whatever the draft's length, and a caller that stops taking findings
//! stops every thread.

use std::ops::ControlFlow;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread;

use super::lexicon::Lexicon;
use super::markdown::{self, Layout, LineKind, Syntax};
use super::matcher::Index;
use super::pieces::Piece;
use super::scan::{self, Carry};
use super::{Bytes, Finding, LEXICON, Shown, findings_of, look_up_words, pieces, place};

/// The most characters a piece holds when a draft is checked on several threads: small
/// enough that the threads share a long draft's work evenly, large enough that cutting it is
/// a small part of that work.
pub const PIECE: usize = 32 * 1024;

/// The most numbers a piece holds when a draft is checked on several threads. Each thread
/// holds a piece and its findings, and a piece dense with figures takes far more memory than
/// its characters: a quarter of what one thread's pieces hold keeps what several threads
/// hold together about as much as one thread held.
pub const FIGURES: usize = 1024;

/// How many threads check pieces when the caller does not say: one per core, up to this.
const MOST: usize = 4;

/// The most threads that check pieces whatever the caller asks for.
const CEILING: usize = 64;

/// How many threads should check the pieces of a draft of `len` bytes: `wanted`, or one for
/// each core up to [`MOST`] when `None`; never more than [`CEILING`] or than the pieces the
/// draft can be cut into. `None`, to check the draft on the caller's thread, for a draft
/// shorter than two pieces (64 KiB) or when that leaves one thread.
pub fn workers(len: usize, wanted: Option<usize>) -> Option<usize> {
    if len < 2 * PIECE {
        return None;
    }
    let n = wanted.unwrap_or_else(|| {
        thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(MOST)
    });
    let n = n.min(CEILING).min(len / PIECE + 1);
    (n > 1).then_some(n)
}

/// Lays `text` out as [`markdown::layout_as`] does, cut into `parts` parts laid out side by
/// side on threads and joined. A part starts only where the layout of the text before it
/// cannot reach: a line that opens with a letter after a blank line, which ends every list,
/// quotation, table and indented code block, and only when the blank line is read as blank
/// in the part before it (not inside code or an HTML block left open). Reference definitions
/// (`[x]: url`, `[^1]: note`) apply across the whole text, and front matter opens it: a text
/// with a definition, and any place inside front matter, is never cut. The whole text on the
/// caller's thread when there is no such place.
pub(super) fn lay_out(text: &str, syntax: Syntax, parts: usize) -> Layout {
    lay_out_at(text, syntax, &layout_cuts(text, syntax, parts))
}

/// [`lay_out`] with the text cut at `cuts` (byte offsets in order, each a place where
/// [`opens_part`] holds), or laid out whole when a part leaves something open across a cut.
fn lay_out_at(text: &str, syntax: Syntax, cuts: &[usize]) -> Layout {
    if cuts.is_empty() {
        return markdown::layout_as(text, syntax);
    }
    let starts = std::iter::once(0).chain(cuts.iter().copied());
    let ends = cuts.iter().copied().chain(std::iter::once(text.len()));
    let parts: Vec<&str> = starts.zip(ends).map(|(a, b)| &text[a..b]).collect();
    let laid: Vec<Layout> = thread::scope(|s| {
        let later: Vec<_> = parts[1..]
            .iter()
            .map(|&part| {
                thread::Builder::new()
                    .spawn_scoped(s, move || markdown::layout_as(part, syntax))
                    .map_err(|_| part)
            })
            .collect();
        let mut laid = vec![markdown::layout_as(parts[0], syntax)];
        for handle in later {
            laid.push(match handle {
                Ok(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                // No thread: this part on the caller's.
                Err(part) => markdown::layout_as(part, syntax),
            });
        }
        laid
    });
    // Each part but the last ends with the blank line before a cut: read as blank, nothing
    // was left open across it.
    let open = laid[..laid.len() - 1]
        .iter()
        .any(|l| l.kinds.len() < 2 || l.kinds[l.kinds.len() - 2] != LineKind::Blank);
    if open {
        return markdown::layout_as(text, syntax);
    }
    join(laid)
}

/// The layouts of consecutive parts of a text as one: each part but the last ends with a line
/// break, and the empty line after it is the next part's first line.
fn join(laid: Vec<Layout>) -> Layout {
    let mut whole = Layout {
        chars: Vec::with_capacity(laid.iter().map(|l| l.chars.len()).sum()),
        line_starts: Vec::new(),
        kinds: Vec::new(),
    };
    for part in laid {
        // The empty line after the last line break is the next part's first.
        whole.line_starts.pop();
        whole.kinds.pop();
        let (chars, lines) = (whole.chars.len(), whole.kinds.len());
        whole
            .line_starts
            .extend(part.line_starts.iter().map(|s| s + chars));
        whole.kinds.extend(part.kinds.iter().map(|&k| match k {
            LineKind::TableRow { header } => LineKind::TableRow {
                header: header + lines,
            },
            k => k,
        }));
        whole.chars.extend_from_slice(&part.chars);
    }
    whole
}

/// Where [`lay_out`] may cut `text` into `parts` parts: the first place at or after each
/// k/parts of its length where [`opens_part`] holds, past any front matter; none for a
/// Markdown text with reference definitions (or anything like one) or of one part.
fn layout_cuts(text: &str, syntax: Syntax, parts: usize) -> Vec<usize> {
    if parts < 2 || syntax == Syntax::Markdown && text.contains("]:") {
        return Vec::new();
    }
    let floor = match syntax {
        Syntax::Markdown => markdown::front_matter_end(text).unwrap_or(0),
        Syntax::Plain => 0,
    };
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

/// A piece to check, and whether it is the draft's first (whose first sentence may be a
/// dateline).
struct Job {
    piece: Piece,
    first: bool,
}

/// Checks the laid-out draft `whole` in pieces of at most `size` characters and `figures`
/// numbers on `workers` threads, handing each piece's findings to `sink` in the order of the
/// text. `carry` is what the first piece takes; every piece takes how the draft writes
/// decimals and whether it is a diary from it. `None` when the threads could not be started
/// (the system's limit on threads is reached): nothing was handed to `sink`, and the draft is
/// for the caller to check on its own thread.
#[allow(clippy::too_many_arguments)]
pub(super) fn check_on_threads<B>(
    index: &Index,
    whole: &Layout,
    carry: Carry,
    cut: (usize, usize),
    workers: usize,
    shown: Shown,
    bytes: &mut Bytes,
    sink: &mut dyn FnMut(Vec<Finding>) -> ControlFlow<B>,
) -> Option<ControlFlow<B>> {
    let workers = workers.max(1);
    thread::scope(|s| {
        let mut jobs = Vec::with_capacity(workers);
        let mut done = Vec::with_capacity(workers);
        // The ring that passes each piece's carry on: thread i takes it from `rings[i]` and
        // gives the next piece's to thread i + 1. Each holds one carry at most, and has room
        // for it when it is given: thread i + 1 took its last carry before thread i could read
        // the dates that lead to this one.
        let (rings, ring_ends): (Vec<_>, Vec<_>) =
            (0..workers).map(|_| sync_channel::<Carry>(1)).unzip();
        rings[0].send(carry).ok()?;
        for (i, carries) in ring_ends.into_iter().enumerate() {
            let (job, jobs_in) = sync_channel::<Job>(1);
            let (found, found_in) = sync_channel(1);
            let next = rings[(i + 1) % workers].clone();
            // A thread that cannot start ends the others: their channels close with `jobs`.
            thread::Builder::new()
                .spawn_scoped(s, move || {
                    check_pieces(index, carry, shown, jobs_in, (carries, next), found)
                })
                .ok()?;
            jobs.push(job);
            done.push(found_in);
        }
        // Only the threads hold the ring now: when one ends, the next one's carries end.
        drop(rings);
        thread::Builder::new()
            .spawn_scoped(s, move || {
                for (k, piece) in pieces::pieces(whole, cut.0, cut.1).enumerate() {
                    let job = Job {
                        piece,
                        first: k == 0,
                    };
                    if jobs[k % jobs.len()].send(job).is_err() {
                        return;
                    }
                }
            })
            .ok()?;
        // Piece k went to thread k mod `workers`; when the pieces have run out, each thread
        // ends and its channel closes.
        for k in 0.. {
            let Ok((mut findings, at)) = done[k % workers].recv() else {
                break;
            };
            place(&mut findings, whole, at, bytes);
            if let ControlFlow::Break(b) = sink(findings) {
                return Some(ControlFlow::Break(b));
            }
        }
        Some(ControlFlow::Continue(()))
    })
}

/// The findings of a piece, and where its own text starts in its layout and in the draft.
type Found = (Vec<Finding>, (usize, usize));

/// One thread's work: reads each piece of `jobs`, takes its carry from the ring, passes the
/// next piece's on, attributes the piece's figures and hands the findings to `found`. Stops
/// when the pieces run out or a thread it hands to has stopped. `draft` is what every piece
/// takes of the draft as a whole ([`Carry::comma_decimal`] and [`Carry::diary`]).
fn check_pieces(
    index: &Index,
    draft: Carry,
    shown: Shown,
    jobs: Receiver<Job>,
    (carries, next): (Receiver<Carry>, SyncSender<Carry>),
    found: SyncSender<Found>,
) {
    // The words this thread has met and their numbers in the index, kept from piece to piece
    // up to `LEXICON` words, then started afresh.
    let mut lexicon = Lexicon::default();
    let mut ids = Vec::new();
    for Job { piece, first } in jobs {
        if lexicon.entries().len() > LEXICON {
            lexicon = Lexicon::default();
            ids.clear();
        }
        let Piece {
            layout,
            body,
            offset,
        } = piece;
        let start = Carry {
            later: !first,
            ..draft
        };
        let begun = scan::begin(layout, &start, lexicon);
        let Ok(mut carry) = carries.recv() else {
            return;
        };
        carry.body = body;
        carry.later = !first;
        let mut scan = begun.finish(carry);
        // What the next piece takes from this one; a thread that has stopped takes nothing.
        carry.anchor = scan.anchor;
        carry.year = scan.last_year(body).or(carry.year);
        carry.entry = scan.entry;
        let _ = next.send(carry);
        lexicon = std::mem::take(&mut scan.lexicon);
        look_up_words(index, &lexicon, &mut ids);
        let findings = findings_of(index, &scan, body, &ids, shown);
        drop(scan);
        if found.send((findings, (body, offset))).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Checker, Options, markdown};
    use std::sync::mpsc;
    use std::time::Duration;

    /// Runs `test` on a thread of its own and fails if it takes more than two minutes, so that
    /// a deadlock fails the test instead of stalling the run.
    fn within_a_while(test: fn()) {
        let (done, finished) = mpsc::channel();
        let runner = thread::spawn(move || {
            test();
            let _ = done.send(());
        });
        match finished.recv_timeout(Duration::from_secs(120)) {
            Ok(()) => runner.join().unwrap(),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                std::panic::resume_unwind(runner.join().unwrap_err())
            }
            Err(mpsc::RecvTimeoutError::Timeout) => panic!("the threads never finished"),
        }
    }

    /// Checks the corpus drafts on `workers` threads in pieces of at most 4,000 characters and
    /// 40 numbers, with a sink that stops after `stop` pieces: the findings handed on, and
    /// how many times the sink was called.
    fn on_threads(workers: usize, stop: usize) -> (Option<ControlFlow<()>>, Vec<Finding>, usize) {
        let sheet = crate::sheet::bundled().unwrap();
        let index = Index::new(&sheet);
        let text = crate::check::tests::corpus();
        let whole = markdown::layout(&text);
        let carry = Carry {
            comma_decimal: Some(scan::decimal_comma_hint(&whole.chars)),
            diary: Some(scan::is_diary(&whole)),
            ..Carry::default()
        };
        let mut bytes = Bytes::new(&text);
        let (mut all, mut calls) = (Vec::new(), 0);
        let mut sink = |mut found: Vec<Finding>| {
            calls += 1;
            all.append(&mut found);
            if calls == stop {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let cut = (4000, 40);
        let shown = Shown::ALL;
        let done = check_on_threads(
            &index, &whole, carry, cut, workers, shown, &mut bytes, &mut sink,
        );
        (done, all, calls)
    }

    /// Every finding of a check on one thread, in the same order, from threads many or few,
    /// with the lexicon started afresh many times over (it holds 256 words in unit tests).
    #[test]
    fn threads_give_the_findings_of_one_thread() {
        within_a_while(|| {
            let sheet = crate::sheet::bundled().unwrap();
            let text = crate::check::tests::corpus();
            let one = Checker::new(&sheet).check_document(&text, &Options::default().threads(1));
            assert!(one.len() > 300, "{} findings", one.len());
            for workers in [1, 2, 3, 8] {
                let (done, all, calls) = on_threads(workers, usize::MAX);
                assert_eq!(done, Some(ControlFlow::Continue(())));
                assert!(calls > 8, "{calls} pieces");
                assert!(all == one, "{workers} threads differ from one");
            }
        });
    }

    /// A caller that stops taking findings stops every thread, however many are working, and
    /// is not called again.
    #[test]
    fn a_sink_that_breaks_stops_the_threads() {
        within_a_while(|| {
            for workers in [1, 2, 8] {
                let (done, all, calls) = on_threads(workers, 1);
                assert_eq!(done, Some(ControlFlow::Break(())));
                assert_eq!(calls, 1);
                assert!(!all.is_empty());
            }
        });
    }

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
            let refs = syntax == Syntax::Markdown && text.contains("]:");
            let floor = markdown::front_matter_end(&text).unwrap_or(0);
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
        assert!(layout_cuts(&refs, Syntax::Markdown, 4).is_empty());
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

    proptest::proptest! {
        /// Any text: cut where a part may start, it lays out as it does whole.
        #[test]
        fn any_text_laid_out_in_parts_is_laid_out_as_a_whole(
            text in "([-*_>#|`~\\[\\]()<>!&;:/ \n\tax1é]|\n\na|&amp;|<!--|-->|```|    |https://|---\n)*",
            plain in proptest::bool::ANY,
        ) {
            let syntax = if plain { Syntax::Plain } else { Syntax::Markdown };
            let whole = markdown::layout_as(&text, syntax);
            for parts in 2..=3 {
                proptest::prop_assert!(same(&lay_out(&text, syntax, parts), &whole));
            }
            if syntax == Syntax::Plain || !text.contains("]:") {
                let floor = markdown::front_matter_end(&text).unwrap_or(0);
                for p in (floor + 1..text.len()).filter(|&p| opens_part(text.as_bytes(), p)) {
                    proptest::prop_assert!(same(&lay_out_at(&text, syntax, &[p]), &whole), "cut at {}", p);
                }
            }
        }
    }

    /// The count of threads asked for is capped by the pieces a draft makes and a ceiling; a
    /// short draft or one thread is no threads.
    #[test]
    fn how_many_threads() {
        assert_eq!(workers(2 * PIECE - 1, Some(4)), None);
        assert_eq!(workers(10 * PIECE, Some(1)), None);
        assert_eq!(workers(10 * PIECE, Some(3)), Some(3));
        assert_eq!(workers(3 * PIECE, Some(usize::MAX)), Some(4));
        assert_eq!(workers(1 << 30, Some(usize::MAX)), Some(CEILING));
        assert!(workers(10 * PIECE, None).is_none_or(|n| (2..=MOST).contains(&n)));
    }
}
