//! Exercise 11.1: The button flag
//!
//! The user button's interrupt handler counts each press and raises a flag; `main` waits for
//! the flag, lowers it and reports the count. In C the two would be `volatile` globals. Here they
//! are plain `static`s, and the program does not compile: nobody may write a plain `static`.
//! Give the two statics types that `main` and the handler can both change, and write
//! `record_press`, `take_press` and `presses` with them: those five items are yours, with no
//! `static mut` and no `unsafe`. `take_press` reads the flag and lowers it in one step, and
//! `record_press` adds one to the count in one step (the judge refuses a load, then a store).
//!
//! `main` and the handler are the harness. `main` presses the button three times, and checks
//! that each press is seen once and counted; then two presses come before it looks, and it checks
//! that the flag shows them once and the count counts both.
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

// ANCHOR: access
/// Counts one press and raises the flag. The button's handler calls it.
fn record_press() {
    PRESS_COUNT += 1; // TODO: add one, in one step
    BUTTON_PRESSED = true; // TODO
}

/// Whether the flag was up, lowered in the same step as it is read: a press that comes while
/// `main` looks is not lost. `main` calls it.
fn take_press() -> bool {
    // TODO: read the flag and lower it in one step.
    let pressed = BUTTON_PRESSED;
    BUTTON_PRESSED = false;
    pressed
}

/// The presses counted so far.
fn presses() -> u32 {
    PRESS_COUNT // TODO
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
