//! Exercise 12.6: a tick counter that wraps.
//!
//! The firmware counts milliseconds in a `u32` that a timer interrupt increments, and times its
//! timeouts against it. A `u32` of milliseconds wraps to 0 after 2^32 ms, a little under fifty
//! days: long after every test on the bench, and well within a device's life in the field.
//!
//! The starter's `Timeout` adds the duration to the current tick. In the dev profile that
//! `cargo run` builds, overflow checks are on, and the first timeout started near the wrap stops
//! the program: "attempt to add with overflow". In a release build the checks are off and the
//! same addition wraps without a word: the deadline lands near 0, below the current tick, and
//! the timeout fires at once.
//!
//! What to do: rewrite `Timeout` (the `// TODO`) so that a timeout fires when its duration has
//! passed, whether the counter wrapped in between or not, in both profiles: say with the
//! arithmetic that the counter wraps, rather than leave it to the build.
//!
//! How to know it worked: `cargo workbook run wrapping-ticks` prints `expected.out`: every
//! timeout fires after exactly its duration.
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// ANCHOR: timeout
/// A timeout of `duration_ms` milliseconds on the wrapping tick counter.
pub struct Timeout {
    started: u32,
    duration_ms: u32,
}

impl Timeout {
    /// Starts a timeout at tick `now`. Durations up to half the counter's range (24 days) are
    /// meaningful: a longer one cannot be told apart from a wrap.
    pub fn start(now: u32, duration_ms: u32) -> Timeout {
        Timeout {
            started: now,
            duration_ms,
        }
    }

    /// Whether the duration has passed at tick `now`.
    pub fn expired(&self, now: u32) -> bool {
        // The ticks since the start, modulo 2^32: right across one wrap of the counter.
        now.wrapping_sub(self.started) >= self.duration_ms
    }
}
// ANCHOR_END: timeout

/// Timeouts to try: (the tick they start at, their duration in ms).
const CASES: [(u32, u32); 5] = [
    (1_000, 10),
    (u32::MAX - 4, 10),
    (u32::MAX, 1),
    (u32::MAX - 100, 250),
    (0, 0),
];

/// How long after its duration the harness waits for a timeout that has not fired.
const GRACE_MS: u32 = 100;

#[entry]
fn main() -> ! {
    // 2^32 ms, in days, hours, minutes and seconds.
    let wrap_s = (1u64 << 32) / 1000;
    hprintln!(
        "a u32 of milliseconds wraps after {} days {} h {} min {} s",
        wrap_s / 86_400,
        wrap_s % 86_400 / 3_600,
        wrap_s % 3_600 / 60,
        wrap_s % 60
    );
    for (start, duration) in CASES {
        let timeout = Timeout::start(start, duration);
        // The clock as the timer interrupt moves it: one tick per ms, wrapping.
        let fired = (0..=duration + GRACE_MS).find(|&ms| timeout.expired(start.wrapping_add(ms)));
        // Once expired, a timeout stays expired: a check that sees only one tick misses it.
        let stays = fired.map(|ms| {
            (ms..=duration + GRACE_MS).all(|later| timeout.expired(start.wrapping_add(later)))
        });
        match fired {
            Some(ms) if stays == Some(false) => hprintln!(
                "{duration} ms from tick {start}: fired after {ms} ms, then said it had not"
            ),
            Some(ms) => hprintln!("{duration} ms from tick {start}: fired after {ms} ms"),
            None => hprintln!(
                "{duration} ms from tick {start}: not fired {} ms later",
                duration + GRACE_MS
            ),
        }
    }
    board::exit_success()
}
