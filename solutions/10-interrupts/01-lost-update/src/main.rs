//! Exercise 10.1: The lost update (the solution).
//!
//! `EVENT_COUNT` lives in a `critical_section::Mutex<Cell<u32>>`: the only way to reach the
//! `Cell` is `borrow(cs)` with the token that `critical_section::with` hands its closure, and
//! while the closure runs, interrupts are masked. `main`'s read, add and write become one step
//! that SysTick cannot cut in two; a tick that comes due meanwhile waits, and is counted after.
//!
//! Check it: `cargo workbook run lost-update` says PASS, or `cargo run` in this folder prints
//! what `exercises/10-interrupts/01-lost-update/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint lost-update`
#![no_std]
#![no_main]

use core::cell::Cell;
use core::sync::atomic::{AtomicU32, Ordering::Relaxed};
use cortex_m::peripheral::{SYST, syst::SystClkSource};
use cortex_m_rt::{entry, exception};
use cortex_m_semihosting::hprintln;
use critical_section::Mutex;

/// How many events `main` logs in each round.
const MAIN_EVENTS: u32 = 1000;

/// SysTick's period in its own ticks (80 ns each on this machine under `qemu/run`).
const SYSTICK_PERIOD: u32 = 20_000;

// ANCHOR: racy
/// The event count the way C firmware keeps it: one word that `main` and the SysTick handler
/// both update by reading it, adding one and writing it back. Atomic loads and stores compile
/// (a plain `static` cannot be written at all, and a `static mut` needs `unsafe`), but a load
/// followed by a store is two steps, not one.
static RACY_COUNT: AtomicU32 = AtomicU32::new(0);

/// Logs one event in `RACY_COUNT` and returns the count it read.
fn log_event_racy() -> u32 {
    let count = RACY_COUNT.load(Relaxed); // read
    RACY_COUNT.store(count + 1, Relaxed); // write: SysTick may have run in between
    count
}
// ANCHOR_END: racy

// ANCHOR: fixed
/// The same count, reachable only inside a critical section.
static EVENT_COUNT: Mutex<Cell<u32>> = Mutex::new(Cell::new(0));

/// Logs one event in `EVENT_COUNT`: read, add and write with interrupts masked.
fn log_event() {
    critical_section::with(|cs| {
        let count = EVENT_COUNT.borrow(cs);
        count.set(count.get() + 1);
    });
}

/// The events logged in `EVENT_COUNT` so far.
fn event_count() -> u32 {
    critical_section::with(|cs| EVENT_COUNT.borrow(cs).get())
}
// ANCHOR_END: fixed

// ANCHOR: atomic
/// The same count once more, for round 3.
static ATOMIC_COUNT: AtomicU32 = AtomicU32::new(0);

/// Logs one event in `ATOMIC_COUNT` with one atomic read-modify-write.
fn log_event_atomic() {
    ATOMIC_COUNT.fetch_add(1, Relaxed);
}
// ANCHOR_END: atomic

/// The SysTick interrupts taken so far (only the handler writes it).
static TICKS: AtomicU32 = AtomicU32::new(0);

/// What the handler last wrote to `RACY_COUNT`, to catch a lost update in the act.
static HANDLER_WROTE: AtomicU32 = AtomicU32::new(0);

/// The round `main` is in (1, 2 or 3).
static ROUND: AtomicU32 = AtomicU32::new(1);

// ANCHOR: handler
/// A timer event, logged in the count of the round `main` is in. `main` cannot interrupt a
/// handler, so the handler's own read and write are never cut in two; `main`'s are.
#[exception]
fn SysTick() {
    match ROUND.load(Relaxed) {
        1 => {
            let read = log_event_racy();
            HANDLER_WROTE.store(read + 1, Relaxed);
        }
        2 => log_event(),
        _ => log_event_atomic(),
    }
    TICKS.store(TICKS.load(Relaxed) + 1, Relaxed);
}
// ANCHOR_END: handler

// ANCHOR: with_systick
/// Runs `round` with SysTick's interrupt on, and returns how many SysTick interrupts it took.
fn with_systick(syst: &mut SYST, round: impl FnOnce()) -> u32 {
    let before = TICKS.load(Relaxed);
    syst.clear_current();
    syst.enable_counter();
    round();
    syst.disable_counter();
    TICKS.load(Relaxed) - before
}
// ANCHOR_END: with_systick

// ANCHOR: main
#[entry]
fn main() -> ! {
    // ANCHOR: systick
    let mut syst = cortex_m::Peripherals::take().expect("main runs once").SYST;
    syst.set_clock_source(SystClkSource::Core);
    syst.set_reload(SYSTICK_PERIOD - 1);
    syst.enable_interrupt();
    // ANCHOR_END: systick

    // Round 1: a load and a store.
    let mut first_lost = None;
    let ticks = with_systick(&mut syst, || {
        for _ in 0..MAIN_EVENTS {
            let read = log_event_racy();
            // The handler wrote read + 1 only if it ran between main's read and write.
            if first_lost.is_none() && HANDLER_WROTE.load(Relaxed) == read + 1 {
                first_lost = Some(read);
            }
        }
    });
    let held = RACY_COUNT.load(Relaxed);
    report("load, then store", ticks, held);
    if let Some(read) = first_lost {
        let wrote = read + 1;
        hprintln!("first lost update: main read {read}, SysTick wrote {wrote}, main wrote {wrote}");
    }

    // Round 2: a critical section.
    ROUND.store(2, Relaxed);
    let start = event_count();
    let ticks = with_systick(&mut syst, || {
        for _ in 0..MAIN_EVENTS {
            log_event();
        }
    });
    assert!(
        ticks > 0,
        "SysTick never ran in round 2: a round with no interrupt proves nothing about the count"
    );
    let lost = report("critical section", ticks, event_count() - start);
    assert!(
        lost == 0,
        "{lost} events lost: main's read and write were cut in two"
    );

    // Round 3: an atomic read-modify-write.
    ROUND.store(3, Relaxed);
    let start = ATOMIC_COUNT.load(Relaxed);
    let ticks = with_systick(&mut syst, || {
        for _ in 0..MAIN_EVENTS {
            log_event_atomic();
        }
    });
    report("fetch_add", ticks, ATOMIC_COUNT.load(Relaxed) - start);
    board::exit_success()
}
// ANCHOR_END: main

/// Prints what one round logged against what it should have; returns how many events it lost.
fn report(round: &str, ticks: u32, logged: u32) -> u32 {
    let lost = MAIN_EVENTS + ticks - logged;
    hprintln!("{round}: {MAIN_EVENTS} + {ticks} events expected, {logged} logged, {lost} lost");
    lost
}
