//! Work on many items in parallel, hand the results over in input order.
//!
//! Workers (on a rayon pool) take items in order and may run ahead of the
//! consumer by at most a window of items, and of item weight (bytes), so
//! memory is bounded by the window, not by the batch; the consumer sees
//! results strictly in input order, so output does not depend on the number
//! of threads.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

/// What the workers and the consumer share, behind one lock.
struct State<R> {
    /// Finished results not yet consumed, by item index.
    done: BTreeMap<usize, R>,
    /// The next item the consumer takes.
    next: usize,
    /// The consumer is asleep waiting for item `next`.
    consumer_waiting: bool,
    /// Workers asleep waiting for the window to move.
    workers_waiting: usize,
}

struct Shared<R> {
    state: Mutex<State<R>>,
    /// Wakes the consumer (its item is done).
    for_consumer: Condvar,
    /// Wakes the workers (the window moved, or stop).
    for_workers: Condvar,
}

/// How far workers may run ahead of the consumer.
#[derive(Clone, Debug)]
pub struct Window {
    /// Items started but not yet consumed, at most.
    pub items: usize,
    /// Weight of each item (e.g. its size in bytes); empty: all weigh 0.
    pub weights: Vec<u64>,
    /// Total weight of the items from the next one to consume up to the one
    /// a worker starts, at most (the next item to consume always starts).
    pub budget: u64,
}

impl Window {
    /// A window of `items` items, weights not counted.
    pub fn items(items: usize) -> Window {
        Window { items, weights: Vec::new(), budget: u64::MAX }
    }
}

/// Runs `work` on every item on `pool`'s threads and calls `consume` with
/// each result in input order on the calling thread. `consume` returns
/// `false` to stop early (the remaining items are not started).
pub fn for_each_ordered<T, R, W, C>(pool: &rayon::ThreadPool, items: &[T], window: Window, work: W, mut consume: C)
where
    T: Sync,
    R: Send,
    W: Fn(&T) -> R + Sync,
    C: FnMut(usize, R) -> bool,
{
    let n = items.len();
    let width = window.items.max(1);
    // Weight of items [0, i) is prefix[i].
    let mut prefix = Vec::with_capacity(n + 1);
    prefix.push(0u64);
    for i in 0..n {
        let w = window.weights.get(i).copied().unwrap_or(0);
        prefix.push(prefix[i].saturating_add(w));
    }
    let ahead = |from: usize, to: usize| prefix[to + 1].saturating_sub(prefix[from]);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let shared = Shared {
        state: Mutex::new(State { done: BTreeMap::new(), next: 0, consumer_waiting: false, workers_waiting: 0 }),
        for_consumer: Condvar::new(),
        for_workers: Condvar::new(),
    };
    let lock = || shared.state.lock().unwrap_or_else(|p| p.into_inner());
    // Each side is woken only when what it waits for has happened: a wake-up
    // is a system call and, on a machine with as many workers as cores, a
    // context switch that takes a core from a worker.
    let wake_workers = |g: &State<R>| {
        if g.workers_waiting > 0 {
            shared.for_workers.notify_all();
        }
    };
    // The consumer is woken for a batch of results, not for each: the
    // consumer is quicker than the workers, so it would otherwise sleep and
    // be woken once per item. It is woken at once when waiting longer would
    // stall: a worker is about to wait for the window, or has no more items.
    let batch = (width / 2).max(1);
    let wake_consumer = |g: &State<R>, at_once: bool| {
        if g.consumer_waiting && g.done.contains_key(&g.next) && (at_once || g.done.len() >= batch) {
            shared.for_consumer.notify_one();
        }
    };
    let worker = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        if i >= n || stop.load(Ordering::Relaxed) {
            wake_consumer(&lock(), true);
            return;
        }
        // Stay within the window ahead of the consumer.
        {
            let mut g = lock();
            while i > g.next && (i >= g.next + width || ahead(g.next, i) > window.budget) && !stop.load(Ordering::Relaxed) {
                wake_consumer(&g, true);
                g.workers_waiting += 1;
                g = shared.for_workers.wait(g).unwrap_or_else(|p| p.into_inner());
                g.workers_waiting -= 1;
            }
        }
        if stop.load(Ordering::Relaxed) {
            wake_consumer(&lock(), true);
            return;
        }
        let r = work(&items[i]);
        let mut g = lock();
        g.done.insert(i, r);
        wake_consumer(&g, false);
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
                    if let Some(r) = g.done.remove(&k) {
                        g.next = k + 1;
                        wake_workers(&g);
                        break r;
                    }
                    g.consumer_waiting = true;
                    g = shared.for_consumer.wait(g).unwrap_or_else(|p| p.into_inner());
                    g.consumer_waiting = false;
                }
            };
            if !consume(k, r) {
                stop.store(true, Ordering::Relaxed);
                let g = lock();
                shared.for_workers.notify_all();
                drop(g);
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
            for_each_ordered(&pool, &items, Window::items(8), |&x| {
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
        for_each_ordered(&pool, &items, Window::items(4), |&x| {
            started.fetch_add(1, Ordering::Relaxed);
            x
        }, |_, _| {
            seen += 1;
            seen < 10
        });
        assert_eq!(seen, 10);
        assert!(started.load(Ordering::Relaxed) < 100, "workers stopped near the window");
    }

    #[test]
    fn workers_stay_within_the_weight_budget() {
        // Item 0 is slow; every item weighs 10 and the budget is 35: until item
        // 0 is consumed, only items 1 and 2 may start beside it (10 + 10 + 10
        // from item 0 on; a fourth would make 40).
        let items: Vec<usize> = (0..50).collect();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap();
        let first_done = AtomicBool::new(false);
        let furthest_beside_first = AtomicUsize::new(0);
        let window = Window { items: 100, weights: vec![10; 50], budget: 35 };
        for_each_ordered(&pool, &items, window, |&x| {
            if x == 0 {
                std::thread::sleep(std::time::Duration::from_millis(100));
                first_done.store(true, Ordering::SeqCst);
            } else if !first_done.load(Ordering::SeqCst) {
                // Item 0 is not finished, so not consumed: this one started
                // within the budget counted from item 0.
                furthest_beside_first.fetch_max(x, Ordering::SeqCst);
            }
            x
        }, |_, _| true);
        let n = furthest_beside_first.load(Ordering::SeqCst);
        assert!(n <= 2, "item {n} started while item 0 was running");
    }
}
