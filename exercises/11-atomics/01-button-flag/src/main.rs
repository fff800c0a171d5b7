//! Exercise 11.1: The button flag
//!
//! The user button's interrupt handler counts each press and raises a flag; `main` waits for
//! the flag, lowers it and reports the count. In C the two would be `volatile` globals. Here they
//! are plain `static`s, and the program does not compile: nobody may write a plain `static`.
//! Give the two statics types that `main` and the handler can both change.
//!
//! Done when `cargo workbook run button-flag` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint button-flag`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use cortex_m::peripheral::NVIC;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use lm3s6965::{Interrupt, interrupt};

// ANCHOR: statics
/// Presses of the user button since reset; only the handler adds to it.
// TODO: a type that the handler can add to, in one step.
static PRESS_COUNT: u32 = 0;

/// Raised by the handler at each press, lowered by `main` when it has seen it.
// TODO: a type that both sides can change.
static BUTTON_PRESSED: bool = false;
// ANCHOR_END: statics

// ANCHOR: handler
/// The user button is on port A: its edge interrupt runs this handler.
#[interrupt]
fn GPIOA() {
    PRESS_COUNT += 1; // TODO
    BUTTON_PRESSED = true; // TODO
}
// ANCHOR_END: handler

// ANCHOR: main
#[entry]
fn main() -> ! {
    // SAFETY: unmasking an interrupt can break a critical section that relies on it staying
    // masked; this program has none.
    unsafe { NVIC::unmask(Interrupt::GPIOA) };

    for _ in 0..3 {
        someone_presses_the_button();
        // TODO: wait for the flag, and lower it in the same step.
        while !BUTTON_PRESSED {}
        BUTTON_PRESSED = false;
        let presses = PRESS_COUNT; // TODO
        hprintln!("button pressed: {presses} presses so far");
    }
    board::exit_success()
}
// ANCHOR_END: main

/// What the button does when someone presses it: port A raises its interrupt.
fn someone_presses_the_button() {
    NVIC::pend(Interrupt::GPIOA);
}
