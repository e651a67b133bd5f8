//! A long draft checked on several threads, with the findings of one thread's check.
//!
//! Reading a piece takes what the piece before it left (the draft's date, the year `that
//! year` means, the words met so far), so one thread reads the pieces in order. Attributing a
//! piece's figures to facts takes nothing from other pieces and costs more than reading them,
//! so each piece read goes to one of several threads, in turn, to be attributed. The caller's
//! thread takes the findings back in the same turn, so they come in the order of the text,
//! and hands them on. Every channel holds one piece at most: memory stays bounded by a few
//! pieces, as on one thread, and a caller that stops taking findings stops every thread.

use std::ops::ControlFlow;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, channel, sync_channel};
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

/// The most threads that attribute figures. Beyond a few, the one thread that reads the
/// pieces cannot keep more busy.
const MOST: usize = 4;

/// How many threads should attribute the figures of a draft of `len` bytes, at most
/// `wanted` (`None`: one for each core, up to [`MOST`]): none, to check it on the caller's
/// thread, for a draft of fewer than two pieces or when that leaves one thread.
pub fn workers(len: usize, wanted: Option<usize>) -> Option<usize> {
    if len < 2 * PIECE {
        return None;
    }
    let n = wanted.unwrap_or_else(|| {
        thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(MOST)
    });
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
        // counts of the words they share with the pieces being read stay on one core.
        let (used, used_in) = channel::<Scan>();
        for _ in 0..workers {
            let (job, jobs_in) = sync_channel::<Read>(1);
            let (found, found_in) = sync_channel(1);
            let used = used.clone();
            // A thread that cannot start ends the others: their channels close with `jobs`.
            thread::Builder::new()
                .spawn_scoped(s, move || {
                    for read in jobs_in {
                        let findings = findings_of(index, &read.scan, read.at.0, &read.ids, shown);
                        // A reader that is done no longer takes them; they are dropped here.
                        let _ = used.send(read.scan);
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
