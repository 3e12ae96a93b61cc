//! A small work pool: items taken by one thread per core, results returned
//! in item order, so what the caller builds does not depend on the thread
//! count or on which thread ran what.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The most threads a run may use; 0 for one per core.
static MAX_THREADS: AtomicUsize = AtomicUsize::new(0);

/// Makes every later run use at most `threads` threads (0: one per core).
///
/// A proc macro calls it with 1: it must do all its work on the
/// compiler's thread, since the compiler's token API (which `proc_macro2`
/// uses inside a macro) is not reachable from other threads.
pub fn limit_threads(threads: usize) {
    MAX_THREADS.store(threads, Ordering::Relaxed);
}

/// Runs `work` once for every item index in `order`, on as many threads as
/// there are cores (at most one per item, the calling thread included),
/// taking items in `order`. Each thread owns a state made by `init`, passed
/// to each of its `work` calls and handed to `finish` when the thread is done.
///
/// Returns the results sorted by item index and what `finish` returned for
/// each thread. `order` must hold each index in `0..order.len()` once.
pub fn run<S, R, F>(
    order: &[usize],
    init: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, usize) -> R + Sync,
    finish: impl Fn(S) -> F + Sync,
) -> (Vec<R>, Vec<F>)
where
    R: Send,
    F: Send,
{
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut state = init();
        let mut done = Vec::new();
        while let Some(&index) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            done.push((index, work(&mut state, index)));
        }
        (done, finish(state))
    };
    let limit = match MAX_THREADS.load(Ordering::Relaxed) {
        0 => usize::MAX,
        n => n,
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(limit)
        .clamp(1, order.len().max(1));
    // The calling thread is one of the workers: one spawn fewer, and no
    // thread sits idle waiting for the others.
    let per_thread: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..threads).map(|_| scope.spawn(worker)).collect();
        let mut per_thread = vec![worker()];
        per_thread.extend(handles.into_iter().map(|h| {
            h.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        }));
        per_thread
    });
    let mut results = Vec::with_capacity(order.len());
    let mut finished = Vec::with_capacity(per_thread.len());
    for (done, end) in per_thread {
        results.extend(done);
        finished.push(end);
    }
    results.sort_by_key(|(index, _)| *index);
    (results.into_iter().map(|(_, r)| r).collect(), finished)
}
