//! The sample log of exercise 12.4: the last eight ADC samples, shared by the code that samples
//! and the code that reports, both in `main`'s execution context.
//!
//! Its unit tests (at the end of this file) are the workbook's. They pass when run natively,
//! with the starter's code as with the solution's; `cargo workbook run miri-sample-log` runs them
//! under Miri too, which checks every memory access against Rust's rules.
#![no_std]

use core::cell::Cell;

/// How many samples the log keeps.
pub const CAPACITY: usize = 8;

// ANCHOR: log
/// The last [`CAPACITY`] samples, the oldest overwritten first. Recording takes `&self`: the
/// sampling code and the reporting code both hold a shared reference to the one log.
pub struct SampleLog {
    samples: [Cell<u16>; CAPACITY],
    next: Cell<usize>,
    recorded: Cell<usize>,
}

impl SampleLog {
    pub const fn new() -> Self {
        SampleLog {
            samples: [const { Cell::new(0) }; CAPACITY],
            next: Cell::new(0),
            recorded: Cell::new(0),
        }
    }

    /// Keeps `sample`, in place of the oldest when the log is full.
    pub fn record(&self, sample: u16) {
        let index = self.next.get();
        if let Some(slot) = self.samples.get(index) {
            slot.set(sample);
        }
        self.next.set((index + 1) % CAPACITY);
        self.recorded.set(self.recorded.get().saturating_add(1));
    }

    /// The sample recorded last.
    pub fn latest(&self) -> Option<u16> {
        if self.recorded.get() == 0 {
            return None;
        }
        let index = (self.next.get() + CAPACITY - 1) % CAPACITY;
        self.samples.get(index).map(Cell::get)
    }

    /// The samples the log holds, oldest first.
    pub fn oldest_first(&self) -> impl Iterator<Item = u16> + '_ {
        let held = self.recorded.get().min(CAPACITY);
        let start = (self.next.get() + CAPACITY - held) % CAPACITY;
        (0..held).filter_map(move |i| self.samples.get((start + i) % CAPACITY).map(Cell::get))
    }
}
// ANCHOR_END: log

impl Default for SampleLog {
    fn default() -> Self {
        SampleLog::new()
    }
}

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_last_eight_samples_oldest_first() {
        let log = SampleLog::new();
        for sample in 100..110 {
            log.record(sample);
        }
        assert_eq!(log.latest(), Some(109));
        let held: [u16; 8] = core::array::from_fn({
            let mut samples = log.oldest_first();
            move |_| samples.next().unwrap_or(0)
        });
        assert_eq!(held, [102, 103, 104, 105, 106, 107, 108, 109]);
    }

    #[test]
    fn the_reporter_reads_while_the_sampler_records() {
        let log = SampleLog::new();
        let sampler = &log;
        let reporter = &log;
        sampler.record(2480);
        assert_eq!(reporter.latest(), Some(2480));
        sampler.record(2484);
        assert_eq!(reporter.oldest_first().count(), 2);
        assert_eq!(reporter.latest(), Some(2484));
    }

    #[test]
    fn an_empty_log_has_nothing() {
        let log = SampleLog::new();
        assert_eq!(log.latest(), None);
        assert_eq!(log.oldest_first().count(), 0);
    }
}
// ANCHOR_END: tests
