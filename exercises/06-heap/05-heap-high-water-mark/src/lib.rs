//! The heap's two counters: the bytes in use now, and the most ever in use.
//!
//! `count_alloc` and `count_dealloc` are the exercise: `CountingHeap` in `src/main.rs` calls them
//! from its `alloc` and `dealloc`. An interrupt handler may allocate in the middle of `main`'s
//! allocation, and one QEMU run never shows what that does to a count; the unit tests below do.
//! They run on the host with [loom](https://docs.rs/loom), which runs each test once for every
//! way its two threads' atomic operations can interleave, and fails if any of them loses a count.
#![cfg_attr(not(test), no_std)]

/// The counters' atomics: `core`'s in the firmware; in the unit tests, loom's, which loom
/// interleaves in every order (under Miri, `core`'s again: Miri runs the tests on real threads).
mod sync {
    #[cfg(not(all(test, not(miri))))]
    pub use core::sync::atomic::AtomicUsize;
    #[cfg(all(test, not(miri)))]
    pub use loom::sync::atomic::AtomicUsize;
}

use core::sync::atomic::Ordering;
use sync::AtomicUsize;

// ANCHOR: counters
/// The bytes in use, and the highest that number has been since the last `reset_peak`.
pub struct HeapCounters {
    in_use: AtomicUsize,
    peak: AtomicUsize,
}
// ANCHOR_END: counters

// ANCHOR: count
/// Counts a block of `size` bytes that the heap handed out at `block`. A null `block` means the
/// heap said no: nothing was handed out.
pub fn count_alloc(counters: &HeapCounters, block: *mut u8, size: usize) {
    // TODO: when the allocation succeeded, add `size` to `counters.in_use`, and raise
    // `counters.peak` if the new total is higher. An interrupt may allocate in between.
    let _ = (counters, block, size);
}

/// Counts a block of `size` bytes given back to the heap.
pub fn count_dealloc(counters: &HeapCounters, size: usize) {
    // TODO: the block is back: take its size off `counters.in_use`.
    let _ = (counters, size);
}
// ANCHOR_END: count

impl HeapCounters {
    /// Both counters at zero.
    #[cfg(not(all(test, not(miri))))]
    pub const fn new() -> Self {
        HeapCounters {
            in_use: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
        }
    }

    /// Both counters at zero (loom's atomics have no `const fn new`).
    #[cfg(all(test, not(miri)))]
    pub fn new() -> Self {
        HeapCounters {
            in_use: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
        }
    }

    /// Starts a new measurement: the peak from here on.
    pub fn reset_peak(&self) {
        self.peak
            .store(self.in_use.load(Ordering::Relaxed), Ordering::Relaxed);
    }

    /// The most bytes in use at once since the last `reset_peak`.
    pub fn peak(&self) -> usize {
        self.peak.load(Ordering::Relaxed)
    }

    /// The bytes in use now.
    pub fn in_use(&self) -> usize {
        self.in_use.load(Ordering::Relaxed)
    }
}

impl Default for HeapCounters {
    fn default() -> Self {
        Self::new()
    }
}

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;
    use core::ptr::{self, NonNull};

    // loom runs a test's closure once for every interleaving of its threads. Miri, which cannot
    // run loom in reasonable time, runs it once on real threads and checks it for undefined
    // behaviour.
    #[cfg(not(miri))]
    use loom::{model, sync::Arc, thread};
    #[cfg(miri)]
    use std::{sync::Arc, thread};
    #[cfg(miri)]
    fn model(test: impl Fn()) {
        test()
    }

    /// A block the heap handed out (the counters never look behind it).
    fn block() -> *mut u8 {
        NonNull::dangling().as_ptr()
    }

    #[test]
    fn counts_what_was_handed_out_and_the_most_at_once() {
        model(|| {
            let counters = HeapCounters::new();
            count_alloc(&counters, block(), 128);
            count_alloc(&counters, block(), 256);
            count_dealloc(&counters, 128);
            assert_eq!(counters.in_use(), 256, "bytes in use");
            assert_eq!(
                counters.peak(),
                384,
                "the peak is the total after an allocation"
            );
            count_alloc(&counters, ptr::null_mut(), 512);
            assert_eq!(counters.in_use(), 256, "a null block was not handed out");
            counters.reset_peak();
            count_alloc(&counters, block(), 64);
            assert_eq!(counters.peak(), 320, "the peak after reset_peak");
        });
    }

    #[test]
    fn two_allocations_at_once_are_both_counted() {
        model(|| {
            let counters = Arc::new(HeapCounters::new());
            let interrupt = {
                let counters = Arc::clone(&counters);
                thread::spawn(move || count_alloc(&counters, block(), 64))
            };
            count_alloc(&counters, block(), 32);
            interrupt.join().unwrap();
            assert_eq!(
                counters.in_use(),
                96,
                "an allocation was lost: the other one changed `in_use` between a load and a store"
            );
            assert_eq!(
                counters.peak(),
                96,
                "the peak went backwards: the other allocation raised it between a load and a store"
            );
        });
    }

    #[test]
    fn a_free_during_an_allocation_is_counted() {
        model(|| {
            let counters = Arc::new(HeapCounters::new());
            count_alloc(&counters, block(), 64);
            let interrupt = {
                let counters = Arc::clone(&counters);
                thread::spawn(move || count_dealloc(&counters, 64))
            };
            count_alloc(&counters, block(), 32);
            interrupt.join().unwrap();
            assert_eq!(
                counters.in_use(),
                32,
                "a count was lost: the free changed `in_use` between a load and a store"
            );
            let peak = counters.peak();
            assert!(
                peak == 64 || peak == 96,
                "a peak of {peak}: the most in use at once was 64 or 96 bytes, depending on which came first"
            );
        });
    }
}
// ANCHOR_END: tests
