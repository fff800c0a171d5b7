//! Exercise 5.2: The event log (the solution).
//!
//! When the log is full, `push_back` hands the event back in `Err`. `record` then drops the
//! oldest entry with `pop_front`, which frees one slot, stores the event it got back, and returns
//! the dropped entry so that the caller can count it.
//!
//! Check it: `cargo workbook run event-log` says PASS, or `cargo run` in this folder prints what
//! `exercises/05-static-allocation/02-event-log/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint event-log`
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use heapless::Deque;

/// What the firmware logs.
#[derive(Debug)]
enum EventKind {
    Boot,
    ButtonPressed,
    Overheat,
    RadioTimeout,
}

/// One entry of the log. Not `Copy`: an entry exists once, in the log or in the caller's hands.
#[derive(Debug)]
struct Event {
    tick: u32,
    kind: EventKind,
}

/// How many events the log keeps: the newest ones.
const LOG_LEN: usize = 8;

// ANCHOR: record
/// Stores `event` as the newest entry. When the log is full, drops the oldest entry to make room
/// and returns it.
fn record(log: &mut Deque<Event, LOG_LEN>, event: Event) -> Option<Event> {
    match log.push_back(event) {
        Ok(()) => None,
        // Full: the event was not stored, and came back. Free the oldest slot for it.
        Err(event) => {
            let oldest = log.pop_front();
            log.push_back(event).expect("pop_front freed a slot");
            oldest
        }
    }
}
// ANCHOR_END: record

// ANCHOR: main
#[entry]
fn main() -> ! {
    let mut log: Deque<Event, LOG_LEN> = Deque::new();
    let kinds = [
        EventKind::Boot,
        EventKind::ButtonPressed,
        EventKind::RadioTimeout,
        EventKind::ButtonPressed,
        EventKind::Overheat,
        EventKind::RadioTimeout,
        EventKind::ButtonPressed,
        EventKind::ButtonPressed,
        EventKind::Overheat,
        EventKind::RadioTimeout,
        EventKind::ButtonPressed,
        EventKind::Overheat,
    ];
    let mut dropped = 0;
    for (tick, kind) in (100..).step_by(100).zip(kinds) {
        if let Some(oldest) = record(&mut log, Event { tick, kind }) {
            hprintln!("dropped tick {} {:?}", oldest.tick, oldest.kind);
            dropped += 1;
        }
    }
    hprintln!(
        "the log keeps {} of {} events ({dropped} dropped):",
        log.len(),
        dropped + log.len()
    );
    for event in &log {
        hprintln!("  tick {} {:?}", event.tick, event.kind);
    }
    board::exit_success()
}
// ANCHOR_END: main
