//! A long draft checked on several threads, with the findings of one thread's check.
//!
//! The draft is cut into pieces, and each thread takes the next piece as soon as it is free,
//! reads it and attributes its figures to facts. Most of reading a piece needs nothing from
//! the pieces before it: its words, numbers, sentences, citations and labels. Its dates and
//! figures do: they take the draft's date, the last diary entry's and the year `that year`
//! means from the piece before. So each piece's thread passes those on to the next piece's
//! as soon as it has read its piece's dates, and the part of the work done in the order of
//! the text is small. The caller's thread is one of the threads: between its own pieces it
//! takes the others' findings back, puts them in the order of the text and hands them on
//! (a caller that only waited for findings would be a thread more than the cores, woken for
//! every piece). What is held at once is bounded: a thread takes no piece
//! more than two pieces a thread ahead of the findings handed on, whatever the draft's
//! length, and a caller that stops taking findings stops every thread.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock, PoisonError, mpsc};
use std::thread;

use super::lexicon::Lexicon;
use super::markdown::Layout;
use super::matcher::Index;
use super::pieces::{Piece, Pieces, Span};
use super::scan::{self, Carry};
use super::{Bytes, Finding, LEXICON, Shown, findings_of, look_up_words, pieces, place};

/// The fewest characters a piece holds when a draft is checked on several threads (but the
/// last): a draft shorter than two of them is checked on the caller's thread alone.
pub const PIECE: usize = 32 * 1024;

/// What part of the text left each piece takes: a thread's share divided by this. Pieces are
/// long while much is left and shorter towards the end, so that the threads end together:
/// a piece costs more than its characters (reading and attributing in turn, a thread works
/// about a tenth slower through pieces of 32 Ki characters than of 128 Ki, `BENCHMARKS.md`),
/// and the last pieces decide how long one thread waits for the others. A whole share (1)
/// measured best: 2, 3 and 4, and pieces of 32 Ki throughout, were slower on two cores.
const GUIDE: usize = 1;

/// How many characters and numbers the next piece holds at most, with `left` characters of
/// the draft not yet in a piece and `workers` threads taking them: a [`GUIDE`]th of a
/// thread's share of what is left, of [`PIECE`] characters at least and of no more than a
/// piece read on one thread ([`pieces::PIECE`]); a 32nd as many numbers as characters, and
/// no more than a piece on one thread holds ([`pieces::FIGURES`]), since a piece dense with
/// figures takes far more memory than its characters.
pub fn piece_size(left: usize, workers: usize) -> (usize, usize) {
    let size = (left / (workers.max(1) * GUIDE)).clamp(PIECE, pieces::PIECE);
    (size, (size / 32).min(pieces::FIGURES))
}

/// How many threads check pieces when the caller does not say: one per core, up to this.
/// When each thread had every n-th piece, two a core took about a tenth off the wall time on
/// two cores (one covered for another that waited for the piece before its own); since
/// threads take the next piece when free, one a core is a little faster on a quiet machine
/// (62 against 65 ms for 1 MB on two cores) and holds less memory (`BENCHMARKS.md`).
const MOST: usize = 8;

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
            .map_or(1, std::num::NonZero::get)
            .min(MOST)
    });
    let n = n.min(CEILING).min(len / PIECE + 1);
    (n > 1).then_some(n)
}

/// What the threads share, under one lock: the pieces still to take, the carry handed from
/// each piece to the next, and how far the caller has got.
struct State<'w> {
    /// The pieces not yet taken, in the order of the text.
    pieces: Pieces<'w>,
    /// The most characters and numbers of a piece, and how many threads take them.
    cut: (usize, usize),
    workers: usize,
    /// How many pieces have been taken: the next one taken is piece `taken`.
    taken: usize,
    /// What piece `carry_for` takes from the pieces before it, once they have read their
    /// dates.
    carry: Carry,
    carry_for: usize,
    /// How many pieces' findings the caller has handed on.
    handed: usize,
    /// The caller wants no more findings, or a thread could not be started.
    stopped: bool,
}

/// The shared [`State`] and the signal that it changed: a carry passed on, a piece's
/// findings handed on, or a stop.
struct Shared<'w> {
    state: Mutex<State<'w>>,
    changed: Condvar,
    /// The draft laid out, and what every piece takes of the draft as a whole
    /// ([`Carry::comma_decimal`] and [`Carry::diary`]).
    whole: &'w Layout,
    draft: Carry,
}

impl State<'_> {
    /// Where the next piece lies, sized to what is left ([`piece_size`]).
    fn next_span(&mut self) -> Option<Span> {
        let (size, figures) = piece_size(self.pieces.remaining(), self.workers);
        self.pieces
            .resize(size.min(self.cut.0), figures.min(self.cut.1));
        self.pieces.next_span()
    }
}

impl<'w> Shared<'w> {
    /// The state, locked. A thread that panicked while holding the lock leaves nothing
    /// half-done in it (each change is one assignment), so the state is used as it is.
    fn lock(&self) -> MutexGuard<'_, State<'w>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits, with the lock held by `guard`, until `ready` holds or the work is stopped; the
    /// guard, or `None` when stopped.
    fn wait_for<'g>(
        &self,
        mut guard: MutexGuard<'g, State<'w>>,
        ready: impl Fn(&State<'w>) -> bool,
    ) -> Option<MutexGuard<'g, State<'w>>> {
        while !guard.stopped && !ready(&guard) {
            guard = self
                .changed
                .wait(guard)
                .unwrap_or_else(PoisonError::into_inner);
        }
        (!guard.stopped).then_some(guard)
    }

    /// Stops every thread: each one ends at its next wait or piece.
    fn stop(&self) {
        self.lock().stopped = true;
        self.changed.notify_all();
    }
}

/// Stops every thread when the thread that holds it unwinds from a panic: a worker's piece
/// would otherwise never pass its carry on, nor the caller hand findings on, and the others
/// would wait for ever instead of ending so that the panic reaches the caller.
struct StopOnPanic<'a, 'w>(&'a Shared<'w>);

impl Drop for StopOnPanic<'_, '_> {
    fn drop(&mut self) {
        if thread::panicking() {
            self.0.stop();
        }
    }
}

/// Checks a draft in pieces of at most `cut` characters and numbers on `workers` threads, the
/// caller's among them, handing each piece's findings to `sink` in the order of the text.
/// The threads are started first and wait while the caller runs `ready`, which lays the draft
/// out and gives its layout with what the first piece takes (every piece takes how the draft
/// writes decimals and whether it is a diary from it), or `None` when the draft is not for
/// threads (it makes one piece). `None` when `ready` said so or the threads could not be
/// started (the system's limit on threads is reached): nothing was handed to `sink`, and the
/// draft is for the caller to check on its own thread.
///
/// Started before the layout, a thread is ready the moment the pieces are: one started after
/// it waited up to a few milliseconds for a core on a busy machine (`BENCHMARKS.md`).
/// A thread takes the next piece as soon as it is free, so a piece slow to attribute holds
/// up no other thread's next piece; at most two pieces a thread are taken ahead of the
/// findings the caller has handed on, which bounds what is held at once whatever the
/// draft's length. The caller's thread checks pieces too, and hands on what is ready
/// between its pieces: `workers` threads keep `workers` cores busy, where a caller that only
/// waited for findings would be one thread more, woken for every piece, than there are
/// cores.
#[allow(clippy::too_many_arguments)]
pub(super) fn check_on_threads<'w, B>(
    index: &Index,
    ready: impl FnOnce() -> Option<(&'w Layout, Carry)>,
    cut: (usize, usize),
    workers: usize,
    shown: Shown,
    bytes: &mut Bytes,
    sink: &mut dyn FnMut(Vec<Finding>) -> ControlFlow<B>,
) -> Option<ControlFlow<B>> {
    let workers = workers.max(1);
    // What the started threads wait for: the work, or nothing to do.
    let gate: OnceLock<Option<Shared<'w>>> = OnceLock::new();
    let ahead = 2 * workers;
    thread::scope(|s| {
        // However the caller leaves before handing the work on (nothing for threads, a
        // thread not started, a panic), the started threads end instead of waiting.
        let _close = Close(&gate);
        let (found, found_in) = mpsc::channel::<Found>();
        // The caller is one of the threads: the others are started.
        for _ in 1..workers {
            let (gate, found) = (&gate, found.clone());
            let started = thread::Builder::new().spawn_scoped(s, move || {
                let Some(shared) = gate.wait() else {
                    return;
                };
                let _stop = StopOnPanic(shared);
                let mut reader = Reader::new(index, shown, shared);
                while let Some((k, span)) = reader.take(ahead) {
                    let Some(findings) = reader.check(k, span) else {
                        return;
                    };
                    if found.send(findings).is_err() {
                        return;
                    }
                }
            });
            if started.is_err() {
                // The threads already started end at the gate.
                return None;
            }
        }
        // Only the started threads hold senders now: when the last one ends, their findings
        // end.
        drop(found);
        let (whole, carry) = ready()?;
        let shared = Shared {
            state: Mutex::new(State {
                pieces: pieces::pieces(whole, cut.0, cut.1),
                cut,
                workers,
                taken: 0,
                carry,
                carry_for: 0,
                handed: 0,
                stopped: false,
            }),
            changed: Condvar::new(),
            whole,
            draft: carry,
        };
        let shared = gate.get_or_init(|| Some(shared)).as_ref()?;
        let _stop = StopOnPanic(shared);
        let mut reader = Reader::new(index, shown, shared);
        // Findings that come before their turn wait here; at most `ahead` pieces' worth.
        let mut early: BTreeMap<usize, (Vec<Finding>, (usize, usize))> = BTreeMap::new();
        let mut next = 0;
        loop {
            while let Some((mut findings, at)) = early.remove(&next) {
                place(&mut findings, whole, at, bytes);
                if let ControlFlow::Break(b) = sink(findings) {
                    shared.stop();
                    return Some(ControlFlow::Break(b));
                }
                next += 1;
                shared.lock().handed = next;
                shared.changed.notify_all();
            }
            // A piece of the caller's own while the window allows one; else the findings of
            // a piece another thread holds, which come before anything the caller could take.
            let (k, findings, at) = match reader.try_take(ahead) {
                Take::Piece(k, span) => match reader.check(k, span) {
                    Some(found) => found,
                    None => return Some(ControlFlow::Continue(())),
                },
                Take::Stopped => return Some(ControlFlow::Continue(())),
                // Every piece has been taken, and every piece taken handed on.
                Take::Done { taken } if taken == next => return Some(ControlFlow::Continue(())),
                Take::Wait | Take::Done { .. } => match found_in.recv() {
                    Ok(found) => found,
                    // The other threads ended (stopped) before handing on every piece.
                    Err(_) => return Some(ControlFlow::Continue(())),
                },
            };
            early.insert(k, (findings, at));
            // What the other threads finished meanwhile.
            while let Ok((k, findings, at)) = found_in.try_recv() {
                early.insert(k, (findings, at));
            }
        }
    })
}

/// Opens the gate the started threads wait at with nothing behind it, unless the work was
/// handed on through it first.
struct Close<'a, 'w>(&'a OnceLock<Option<Shared<'w>>>);

impl Drop for Close<'_, '_> {
    fn drop(&mut self) {
        let _ = self.0.set(None);
    }
}

/// The findings of piece `k`, and where its own text starts in its layout and in the draft.
type Found = (usize, Vec<Finding>, (usize, usize));

/// What the caller can do next ([`Reader::try_take`]).
enum Take {
    /// Check piece `k`, which lies at the span.
    Piece(usize, Span),
    /// Wait: the window of pieces taken ahead of those handed on is full.
    Wait,
    /// Every piece has been taken: `taken` of them.
    Done { taken: usize },
    /// The work was stopped.
    Stopped,
}

/// One thread's part: takes pieces of the draft, reads each, waits for its carry, passes the
/// next piece's on, and attributes the piece's figures.
struct Reader<'a, 'w> {
    index: &'a Index<'a>,
    shown: Shown,
    shared: &'a Shared<'w>,
    /// The words this thread has met and their numbers in the index, kept from piece to
    /// piece up to `LEXICON` words, then started afresh.
    lexicon: Lexicon,
    ids: Vec<Option<usize>>,
}

impl<'a, 'w> Reader<'a, 'w> {
    fn new(index: &'a Index<'a>, shown: Shown, shared: &'a Shared<'w>) -> Self {
        Reader {
            index,
            shown,
            shared,
            lexicon: Lexicon::default(),
            ids: Vec::new(),
        }
    }

    /// The next piece, once no more than `ahead` pieces are taken past the last whose
    /// findings were handed on; `None` when the pieces ran out or the work was stopped.
    fn take(&self, ahead: usize) -> Option<(usize, Span)> {
        let mut state = self
            .shared
            .wait_for(self.shared.lock(), |st| st.taken < st.handed + ahead)?;
        let span = state.next_span()?;
        state.taken += 1;
        Some((state.taken - 1, span))
    }

    /// [`Reader::take`] without waiting: what the caller, who hands the findings on, can do.
    fn try_take(&self, ahead: usize) -> Take {
        let mut state = self.shared.lock();
        if state.stopped {
            Take::Stopped
        } else if state.taken >= state.handed + ahead {
            Take::Wait
        } else if let Some(span) = state.next_span() {
            state.taken += 1;
            Take::Piece(state.taken - 1, span)
        } else {
            Take::Done { taken: state.taken }
        }
    }

    /// Reads piece `k`, which lies at `span`, passes the next piece its carry as soon as its
    /// dates are read, and attributes its figures: its findings, or `None` when the work was
    /// stopped.
    fn check(&mut self, k: usize, span: Span) -> Option<Found> {
        if self.lexicon.entries().len() > LEXICON {
            self.lexicon = Lexicon::default();
            self.ids.clear();
        }
        // Copied out of the draft with the lock let go.
        let Piece {
            layout,
            body,
            offset,
        } = span.piece(self.shared.whole);
        let start = Carry {
            later: k > 0,
            ..self.shared.draft
        };
        let begun = scan::begin(layout, &start, std::mem::take(&mut self.lexicon));
        let shared = self.shared;
        let mut carry = shared
            .wait_for(shared.lock(), |st| st.carry_for == k)
            .map(|st| st.carry)?;
        carry.body = body;
        carry.later = k > 0;
        // What the next piece takes from this one is known once the dates are read: it is
        // passed on before the figures are read.
        let dated = begun.date(carry);
        {
            let mut state = shared.lock();
            state.carry = dated.carry_on(carry, body);
            state.carry_for = k + 1;
        }
        shared.changed.notify_all();
        let mut scan = dated.finish();
        self.lexicon = std::mem::take(&mut scan.lexicon);
        look_up_words(self.index, &self.lexicon, &mut self.ids);
        let findings = findings_of(self.index, &scan, body, &self.ids, self.shown);
        Some((k, findings, (body, offset)))
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
        let ready = || Some((&whole, carry));
        let done = check_on_threads(&index, ready, cut, workers, shown, &mut bytes, &mut sink);
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

    /// A sink that panics ends the check with its panic, on any number of threads, instead of
    /// leaving the threads waiting for findings to be handed on.
    #[test]
    fn a_sink_that_panics_stops_the_threads() {
        within_a_while(|| {
            let sheet = crate::sheet::bundled().unwrap();
            let index = Index::new(&sheet);
            let text = crate::check::tests::corpus();
            let whole = markdown::layout(&text);
            let carry = Carry {
                comma_decimal: Some(false),
                diary: Some(false),
                ..Carry::default()
            };
            for workers in [1, 2, 8] {
                let ready = || Some((&whole, carry));
                let sink = |_: Vec<Finding>| -> ControlFlow<()> { panic!("sink") };
                assert!(
                    panics(&index, &text, workers, ready, sink),
                    "{workers} threads"
                );
            }
        });
    }

    /// Whether checking `text` on `workers` threads, with `ready` laying it out and `sink`
    /// taking the findings, ends in a panic (instead of returning or waiting for ever).
    fn panics<'w>(
        index: &Index,
        text: &str,
        workers: usize,
        ready: impl FnOnce() -> Option<(&'w Layout, Carry)>,
        mut sink: impl FnMut(Vec<Finding>) -> ControlFlow<()>,
    ) -> bool {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut bytes = Bytes::new(text);
            let cut = (4000, 40);
            check_on_threads(
                index,
                ready,
                cut,
                workers,
                Shown::ALL,
                &mut bytes,
                &mut sink,
            )
        }))
        .is_err()
    }

    /// Threads started before the draft is laid out end when there is nothing for them (the
    /// draft makes one piece) or the layout panics: nothing is handed on, and the check does
    /// not wait for ever.
    #[test]
    fn threads_started_early_end_when_there_is_no_work() {
        within_a_while(|| {
            let sheet = crate::sheet::bundled().unwrap();
            let index = Index::new(&sheet);
            let text = crate::check::tests::corpus();
            for workers in [1, 2, 8] {
                let mut bytes = Bytes::new(&text);
                let mut calls = 0;
                let mut sink = |_: Vec<Finding>| -> ControlFlow<()> {
                    calls += 1;
                    ControlFlow::Continue(())
                };
                let none = check_on_threads(
                    &index,
                    || None,
                    (4000, 40),
                    workers,
                    Shown::ALL,
                    &mut bytes,
                    &mut sink,
                );
                assert_eq!(none, None, "{workers} threads");
                assert_eq!(calls, 0);
                let ready = || -> Option<(&Layout, Carry)> { panic!("layout") };
                let sink = |_: Vec<Finding>| ControlFlow::<()>::Continue(());
                assert!(
                    panics(&index, &text, workers, ready, sink),
                    "{workers} threads"
                );
            }
        });
    }

    /// Pieces on threads: a part of what is left, neither shorter than the smallest piece nor
    /// longer than a piece read on one thread, and with a 32nd as many numbers as characters.
    #[test]
    fn how_long_a_piece_is() {
        // A thread's share of what is left, at most a piece on one thread.
        assert_eq!(piece_size(1_000_000, 2), (pieces::PIECE, pieces::FIGURES));
        assert_eq!(piece_size(200_000, 2), (100_000, 3125));
        assert_eq!(piece_size(100_000, 4), (PIECE, PIECE / 32));
        assert_eq!(piece_size(1 << 30, 2), (pieces::PIECE, pieces::FIGURES));
        assert_eq!(piece_size(200_000, 0), (200_000, pieces::FIGURES));
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
