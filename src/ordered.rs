//! Work on many items in parallel, hand the results over in input order.
//!
//! Workers (on a rayon pool) take items in order and may run ahead of the
//! consumer by at most `window` items, so memory is bounded by the window,
//! not by the batch; the consumer sees results strictly in input order, so
//! output does not depend on the number of threads.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

struct Shared<R> {
    done: Mutex<(BTreeMap<usize, R>, usize)>,
    changed: Condvar,
}

/// Runs `work` on every item on `pool`'s threads and calls `consume` with
/// each result in input order on the calling thread. `consume` returns
/// `false` to stop early (the remaining items are not started).
pub fn for_each_ordered<T, R, W, C>(pool: &rayon::ThreadPool, items: &[T], window: usize, work: W, mut consume: C)
where
    T: Sync,
    R: Send,
    W: Fn(&T) -> R + Sync,
    C: FnMut(usize, R) -> bool,
{
    let n = items.len();
    let window = window.max(1);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let shared = Shared { done: Mutex::new((BTreeMap::new(), 0)), changed: Condvar::new() };
    let lock = || shared.done.lock().unwrap_or_else(|p| p.into_inner());
    let worker = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        if i >= n || stop.load(Ordering::Relaxed) {
            return;
        }
        // Stay within the window ahead of the consumer.
        {
            let mut g = lock();
            while i >= g.1 + window && !stop.load(Ordering::Relaxed) {
                g = shared.changed.wait(g).unwrap_or_else(|p| p.into_inner());
            }
        }
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let r = work(&items[i]);
        lock().0.insert(i, r);
        shared.changed.notify_all();
    };
    std::thread::scope(|s| {
        s.spawn(|| {
            pool.scope(|ps| {
                for _ in 0..pool.current_num_threads().max(1) {
                    ps.spawn(|_| worker());
                }
            })
        });
        for k in 0..n {
            let r = {
                let mut g = lock();
                loop {
                    if let Some(r) = g.0.remove(&k) {
                        g.1 = k + 1;
                        break r;
                    }
                    g = shared.changed.wait(g).unwrap_or_else(|p| p.into_inner());
                }
            };
            shared.changed.notify_all();
            if !consume(k, r) {
                stop.store(true, Ordering::Relaxed);
                shared.changed.notify_all();
                break;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_for_any_thread_count() {
        let items: Vec<u64> = (0..500).collect();
        for threads in [1, 2, 4] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let mut got = Vec::new();
            for_each_ordered(&pool, &items, 8, |&x| {
                // Uneven work so that results finish out of order.
                std::thread::sleep(std::time::Duration::from_micros((x * 7919) % 50));
                x * x
            }, |k, r| {
                got.push((k, r));
                true
            });
            assert_eq!(got, items.iter().map(|&x| (x as usize, x * x)).collect::<Vec<_>>());
        }
    }

    #[test]
    fn the_consumer_can_stop_early() {
        let items: Vec<u32> = (0..1000).collect();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let started = AtomicUsize::new(0);
        let mut seen = 0;
        for_each_ordered(&pool, &items, 4, |&x| {
            started.fetch_add(1, Ordering::Relaxed);
            x
        }, |_, _| {
            seen += 1;
            seen < 10
        });
        assert_eq!(seen, 10);
        assert!(started.load(Ordering::Relaxed) < 100, "workers stopped near the window");
    }
}
