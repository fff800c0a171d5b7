//! Exercise 9.4: Keep the promise of unsafe impl Sync (the solution).
//!
//! `unsafe impl Sync for EventLog` promises that sharing a `&EventLog` between contexts is sound,
//! and its `SAFETY:` comment says why: `with` runs `f` in a critical section. Now it does. The
//! SysTick interrupt that becomes pending while `main` holds the log waits until the critical
//! section ends, so its event comes after both of `main`'s, and the check never fires.
//!
//! Check it: `cargo workbook run event-log-promise` says PASS, or `cargo run` in this folder
//! prints what `exercises/09-send-and-sync/04-event-log-promise/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint event-log-promise`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicBool, Ordering};
use cortex_m::peripheral::SCB;
use cortex_m_rt::{entry, exception};
use cortex_m_semihosting::hprintln;

/// The most events the log holds.
const CAPACITY: usize = 8;

/// What happened, oldest first.
struct Events {
    names: [&'static str; CAPACITY],
    len: usize,
}

impl Events {
    /// Records `event`; when the log is full, the event is dropped.
    fn record(&mut self, event: &'static str) {
        if let Some(slot) = self.names.get_mut(self.len) {
            *slot = event;
            self.len += 1;
        }
    }

    fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.names[..self.len].iter().copied()
    }
}

// ANCHOR: log
/// An event log for every context: `with` lends out the `Events` inside.
struct EventLog {
    events: UnsafeCell<Events>,
    /// Set while some context holds the `&mut Events`: the check that catches a broken promise.
    in_use: AtomicBool,
}

// SAFETY: `with` is the only way to reach `events`, and it runs `f` inside a critical section,
// where no other context runs. So no two contexts ever hold a `&mut Events` at once.
unsafe impl Sync for EventLog {}
// ANCHOR_END: log

// ANCHOR: with
impl EventLog {
    const fn new() -> EventLog {
        EventLog {
            events: UnsafeCell::new(Events {
                names: [""; CAPACITY],
                len: 0,
            }),
            in_use: AtomicBool::new(false),
        }
    }

    /// Runs `f` with the only `&mut Events` there is while it runs.
    fn with<R>(&self, f: impl FnOnce(&mut Events) -> R) -> R {
        critical_section::with(|_cs| {
            let already_held = self.in_use.swap(true, Ordering::Acquire);
            assert!(!already_held, "two contexts hold the event log at once");
            // SAFETY: as the comment on `unsafe impl Sync` says, no other context runs until
            // `f` returns, so this is the only reference to the events.
            let result = f(unsafe { &mut *self.events.get() });
            self.in_use.store(false, Ordering::Release);
            result
        })
    }
}
// ANCHOR_END: with

// ANCHOR: users
/// Shared by `main` and the SysTick handler.
static EVENT_LOG: EventLog = EventLog::new();

/// The ADC's conversion-done interrupt (SysTick stands in for it).
#[exception]
fn SysTick() {
    EVENT_LOG.with(|events| events.record("SysTick: sample taken"));
}

#[entry]
fn main() -> ! {
    EVENT_LOG.with(|events| {
        events.record("main: ADC configured");
        // A conversion ends while `main` holds the log: its interrupt becomes pending here.
        SCB::set_pendst();
        cortex_m::asm::dsb();
        cortex_m::asm::isb();
        events.record("main: sampling started");
    });
    EVENT_LOG.with(|events| {
        for event in events.iter() {
            hprintln!("{event}");
        }
    });
    board::exit_success()
}
// ANCHOR_END: users
