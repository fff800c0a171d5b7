//! Exercise 5.2: The event log
//!
//! The firmware keeps its newest 8 events in a `heapless::Deque`, for the service tool to read
//! after a fault. `main` records 12, so 4 must make room: the log keeps the newest and drops the
//! oldest, and `main` prints each entry it drops. `record` does not handle a full log yet. Make it
//! drop the oldest entry instead, and return that entry. Change `record` only: `main` is the
//! harness, and it prints what `record` returns.
//!
//! Done when `cargo workbook run event-log` says PASS, or when `cargo run` in this folder prints
//! what `expected.out` holds and exits 0.
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
    // TODO: when the log is full, `push_back` does not store the event: it hands it back in
    // `Err`. Drop the oldest entry to make room, store the event, and return what was dropped.
    log.push_back(event).expect("the event log is full");
    None
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
