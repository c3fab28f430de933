//! The generator's one way of using every core: [`map`], a parallel map whose output keeps the
//! input's order, so that what the generator writes and reports never depends on the threads.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` of every item, computed on as many threads as the machine has (at most 8), in the items'
/// order. Each thread takes the next item until none is left, so that one large item does not
/// hold up a thread's share of small ones. A panic in `f` is re-raised on the caller's thread.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8).min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let run = || {
        let mut done = Vec::new();
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(k) else { break done };
            done.push((k, f(item)));
        }
    };
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads).map(|_| scope.spawn(run)).collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|payload| std::panic::resume_unwind(payload)))
            .collect()
    });
    done.sort_unstable_by_key(|(k, _)| *k);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_inputs_order_whatever_the_threads_do() {
        let items: Vec<u64> = (0..1000).collect();
        // Uneven work, so that threads finish out of order.
        let out = super::map(&items, |&n| {
            let spin: u64 = (0..(n % 7) * 1000).sum();
            (n * 2, spin)
        });
        assert_eq!(out.iter().map(|(d, _)| *d).collect::<Vec<_>>(), (0..1000).map(|n| n * 2).collect::<Vec<_>>());
        assert!(super::map(&[] as &[u8], |_| 0).is_empty());
    }
}
