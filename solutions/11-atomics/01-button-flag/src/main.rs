//! Exercise 11.1: The button flag (the solution).
//!
//! The count is an `AtomicU32` and the flag an `AtomicBool`: both can be changed through the
//! shared reference that a `static` gives, by `main` and the handler, without `unsafe`. The
//! handler adds one with `fetch_add` and raises the flag with `store`; `main` lowers the flag and
//! learns whether it was up with one `swap`, so a press that comes between the two is not lost.
//!
//! Check it: `cargo workbook run button-flag` says PASS, or `cargo run` in this folder prints
//! what `exercises/11-atomics/01-button-flag/expected.out` holds and exits 0.
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use cortex_m::peripheral::NVIC;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use lm3s6965::{Interrupt, interrupt};

// ANCHOR: statics
/// Presses of the user button since reset; only the handler adds to it.
static PRESS_COUNT: AtomicU32 = AtomicU32::new(0);

/// Raised by the handler at each press, lowered by `main` when it has seen it.
static BUTTON_PRESSED: AtomicBool = AtomicBool::new(false);
// ANCHOR_END: statics

// ANCHOR: access
/// Counts one press and raises the flag. The button's handler calls it.
fn record_press() {
    PRESS_COUNT.fetch_add(1, Ordering::Relaxed);
    BUTTON_PRESSED.store(true, Ordering::Release);
}

/// Whether the flag was up, lowered in the same step as it is read: a press that comes while
/// `main` looks is not lost. `main` calls it.
fn take_press() -> bool {
    BUTTON_PRESSED.swap(false, Ordering::Acquire)
}

/// The presses counted so far.
fn presses() -> u32 {
    PRESS_COUNT.load(Ordering::Relaxed)
}
// ANCHOR_END: access

// ANCHOR: handler
/// The user button is on port A: its edge interrupt runs this handler.
#[interrupt]
fn GPIOA() {
    record_press();
}
// ANCHOR_END: handler

// ANCHOR: main
#[entry]
fn main() -> ! {
    // SAFETY: unmasking an interrupt can break a critical section that relies on it staying
    // masked; this program has none.
    unsafe { NVIC::unmask(Interrupt::GPIOA) };

    assert!(
        !take_press(),
        "the flag was up before anyone pressed the button"
    );
    for pressed in 1..=3 {
        someone_presses_the_button();
        while !take_press() {}
        assert!(
            !take_press(),
            "the flag was still up after take_press saw it: main would see one press twice"
        );
        let presses = presses();
        assert!(
            presses == pressed,
            "the count says {presses} after {pressed} presses"
        );
        hprintln!("button pressed: {presses} presses so far");
    }

    // Two presses before main looks: the flag shows them once, the count counts both.
    someone_presses_the_button();
    someone_presses_the_button();
    assert!(take_press(), "two presses, and the flag is not up");
    assert!(!take_press(), "two presses, and the flag was seen twice");
    let presses = presses();
    assert!(presses == 5, "the count says {presses} after 5 presses");
    board::exit_success()
}
// ANCHOR_END: main

/// What the button does when someone presses it: port A raises its interrupt, and its handler
/// runs before this function returns.
fn someone_presses_the_button() {
    NVIC::pend(Interrupt::GPIOA);
    cortex_m::asm::dsb();
    cortex_m::asm::isb();
}
