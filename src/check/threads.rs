//! A long draft checked on several threads, with the findings of one thread's check.
//!
//! Reading a piece takes what the piece before it left (the draft's date, the year `that
//! year` means, the words met so far), so one thread reads the pieces in order. Attributing a
//! piece's figures to facts takes nothing from other pieces and costs more than reading them,
//! so each piece read goes to one of several threads, in turn, to be attributed. The caller's
//! thread takes the findings back in the same turn, so they come in the order of the text,
//! and hands them on. A piece attributed goes back to the reading thread to be dropped there,
//! with the words it shares with the pieces being read. Every channel is bounded: what is
//! held at once is a few pieces for each thread, whatever the draft's length, and a caller
//! that stops taking findings stops every thread.

use std::ops::ControlFlow;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread;

use super::lexicon::Lexicon;
use super::markdown::Layout;
use super::matcher::Index;
use super::scan::{self, Carry, Scan};
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

/// How many threads attribute figures when the caller does not say: one per core, up to
/// this. Beyond a few, the one thread that reads the pieces cannot keep more busy.
const MOST: usize = 4;

/// The most threads that attribute figures whatever the caller asks for.
const CEILING: usize = 64;

/// How many threads should attribute the figures of a draft of `len` bytes: `wanted`, or one
/// for each core up to [`MOST`] when `None`; never more than [`CEILING`] or than the pieces
/// the draft can be cut into. `None`, to check the draft on the caller's thread, for a draft
/// shorter than two pieces (64 KiB) or when that leaves one thread. A reading thread runs
/// besides them.
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

/// A piece read and ready to have its figures attributed.
struct Read {
    scan: Scan,
    /// Where the piece's own text starts in its layout and in the whole draft.
    at: (usize, usize),
    /// The index numbers of the words of its lexicon (see `look_up_words`).
    ids: Arc<[Option<usize>]>,
}

/// Checks the laid-out draft `whole` in pieces of at most `size` characters and `figures`
/// numbers, read in turn and attributed on `workers` threads, handing each piece's findings
/// to `sink` in the order of the text. `None` when the threads could not be started (the
/// system's limit on threads is reached): nothing was handed to `sink`, and the draft is
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
        // Pieces attributed go back to the reader to be dropped where they were made: the
        // counts of the words they share with the pieces being read stay on one core. When
        // the reader is behind, a worker drops its piece itself rather than wait.
        let (used, used_in) = sync_channel::<Scan>(workers);
        for _ in 0..workers {
            let (job, jobs_in) = sync_channel::<Read>(1);
            let (found, found_in) = sync_channel(1);
            let used = used.clone();
            // A thread that cannot start ends the others: their channels close with `jobs`.
            thread::Builder::new()
                .spawn_scoped(s, move || {
                    for read in jobs_in {
                        let findings = findings_of(index, &read.scan, read.at.0, &read.ids, shown);
                        // Dropped here when the reader is done or has enough to drop.
                        let _ = used.try_send(read.scan);
                        if found.send((findings, read.at)).is_err() {
                            break;
                        }
                    }
                })
                .ok()?;
            jobs.push(job);
            done.push(found_in);
        }
        thread::Builder::new()
            .spawn_scoped(s, move || {
                read_pieces(index, whole, carry, cut, &jobs, &used_in)
            })
            .ok()?;
        // Piece k went to thread k mod `workers`; when the reader has run out of pieces, each
        // thread ends and its channel closes.
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

/// Reads the pieces of `whole` in order, each with what the one before it left, and hands
/// piece k to `jobs[k mod jobs.len()]`; stops when a thread is no longer taking pieces.
fn read_pieces(
    index: &Index,
    whole: &Layout,
    mut carry: Carry,
    (size, figures): (usize, usize),
    jobs: &[SyncSender<Read>],
    used: &Receiver<Scan>,
) {
    let mut lexicon = Lexicon::default();
    let mut ids = Vec::new();
    for (k, piece) in pieces::pieces(whole, size, figures).enumerate() {
        while used.try_recv().is_ok() {}
        if lexicon.entries().len() > LEXICON {
            lexicon = Lexicon::default();
            ids.clear();
        }
        carry.body = piece.body;
        let mut scan = scan::scan_layout(piece.layout, carry, lexicon);
        // What the next piece takes from this one.
        (carry.anchor, carry.year, carry.entry) = (
            scan.anchor,
            scan.last_year(piece.body).or(carry.year),
            scan.entry,
        );
        carry.later = true;
        lexicon = std::mem::take(&mut scan.lexicon);
        look_up_words(index, &lexicon, &mut ids);
        let read = Read {
            scan,
            at: (piece.body, piece.offset),
            ids: ids.as_slice().into(),
        };
        if jobs[k % jobs.len()].send(read).is_err() {
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
