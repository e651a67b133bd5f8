//! A long draft checked on several threads, with the findings of one thread's check.
//!
//! The draft is cut into pieces, and each thread takes the next piece as soon as it is free,
//! reads it and attributes its figures to facts. Most of reading a piece needs nothing from
//! the pieces before it: its words, numbers, sentences, citations and labels. Its dates and
//! figures do: they take the draft's date, the last diary entry's and the year `that year`
//! means from the piece before. So each piece's thread passes those on to the next piece's
//! as soon as it has read its piece's dates, and the part of the work done in the order of
//! the text is small. The caller's thread takes the findings back, puts them in the order
//! of the text and hands them on. What is held at once is bounded: a thread takes no piece
//! more than two pieces a thread ahead of the findings handed on, whatever the draft's
//! length, and a caller that stops taking findings stops every thread.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError, mpsc};
use std::thread;

use super::lexicon::Lexicon;
use super::markdown::Layout;
use super::matcher::Index;
use super::pieces::{Piece, Pieces};
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

/// Checks the laid-out draft `whole` in pieces of at most `size` characters and `figures`
/// numbers on `workers` threads, handing each piece's findings to `sink` in the order of the
/// text. `carry` is what the first piece takes; every piece takes how the draft writes
/// decimals and whether it is a diary from it. `None` when the threads could not be started
/// (the system's limit on threads is reached): nothing was handed to `sink`, and the draft is
/// for the caller to check on its own thread.
///
/// A thread takes the next piece as soon as it is free, so a piece slow to attribute holds
/// up no other thread's next piece; at most two pieces a thread are taken ahead of the
/// findings the caller has handed on, which bounds what is held at once whatever the
/// draft's length.
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
    let shared = Shared {
        state: Mutex::new(State {
            pieces: pieces::pieces(whole, cut.0, cut.1),
            taken: 0,
            carry,
            carry_for: 0,
            handed: 0,
            stopped: false,
        }),
        changed: Condvar::new(),
    };
    let ahead = 2 * workers;
    thread::scope(|s| {
        let _stop = StopOnPanic(&shared);
        let (found, found_in) = mpsc::channel::<Found>();
        for _ in 0..workers {
            let (shared, found) = (&shared, found.clone());
            let started = thread::Builder::new().spawn_scoped(s, move || {
                check_pieces(index, whole, carry, shown, shared, ahead, found);
            });
            if started.is_err() {
                // The threads already started end before taking any piece's findings on.
                shared.stop();
                return None;
            }
        }
        // Only the threads hold senders now: when the last one ends, the findings end.
        drop(found);
        // Findings that come before their turn wait here; at most `ahead` pieces' worth.
        let mut early = BTreeMap::new();
        let mut next = 0;
        for (k, findings, at) in found_in {
            early.insert(k, (findings, at));
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
        }
        Some(ControlFlow::Continue(()))
    })
}

/// The findings of piece `k`, and where its own text starts in its layout and in the draft.
type Found = (usize, Vec<Finding>, (usize, usize));

/// One thread's work: takes the next piece of `whole`, reads it, waits for its carry, passes
/// the next piece's on, attributes the piece's figures and sends the findings to `found`,
/// until the pieces run out or the work is stopped. `draft` is what every piece takes of the draft as
/// a whole ([`Carry::comma_decimal`] and [`Carry::diary`]); `ahead` is how many pieces may
/// be taken past the last whose findings were handed on.
fn check_pieces(
    index: &Index,
    whole: &Layout,
    draft: Carry,
    shown: Shown,
    shared: &Shared,
    ahead: usize,
    found: mpsc::Sender<Found>,
) {
    let _stop = StopOnPanic(shared);
    // The words this thread has met and their numbers in the index, kept from piece to piece
    // up to `LEXICON` words, then started afresh.
    let mut lexicon = Lexicon::default();
    let mut ids = Vec::new();
    loop {
        let (k, span) = {
            let Some(mut state) = shared.wait_for(shared.lock(), |st| st.taken < st.handed + ahead)
            else {
                return;
            };
            let Some(span) = state.pieces.next_span() else {
                return;
            };
            state.taken += 1;
            (state.taken - 1, span)
        };
        if lexicon.entries().len() > LEXICON {
            lexicon = Lexicon::default();
            ids.clear();
        }
        // Copied out of the draft with the lock let go.
        let Piece {
            layout,
            body,
            offset,
        } = span.piece(whole);
        let start = Carry {
            later: k > 0,
            ..draft
        };
        let begun = scan::begin(layout, &start, lexicon);
        let Some(mut carry) = shared
            .wait_for(shared.lock(), |st| st.carry_for == k)
            .map(|st| st.carry)
        else {
            return;
        };
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
        lexicon = std::mem::take(&mut scan.lexicon);
        look_up_words(index, &lexicon, &mut ids);
        let findings = findings_of(index, &scan, body, &ids, shown);
        drop(scan);
        if found.send((k, findings, (body, offset))).is_err() {
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
                let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let mut bytes = Bytes::new(&text);
                    let mut sink = |_: Vec<Finding>| -> ControlFlow<()> { panic!("sink") };
                    check_on_threads(
                        &index,
                        &whole,
                        carry,
                        (4000, 40),
                        workers,
                        Shown::ALL,
                        &mut bytes,
                        &mut sink,
                    )
                }));
                assert!(caught.is_err(), "{workers} threads");
            }
        });
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
