//! Exercise 11.2: The sample mailbox
//!
//! The ADC's interrupt handler leaves each reading in a one-sample mailbox, and `main` takes two
//! readings, one after the other. A state says who may touch the slot, and every operation
//! on it is `Relaxed`. This exercise is built with optimisation, as release firmware is, and
//! `main` gets the first reading twice. Choose the orderings that make the handover work.
//!
//! Done when `cargo workbook run sample-mailbox` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint sample-mailbox`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicU8, Ordering};
use cortex_m::peripheral::NVIC;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use lm3s6965::{Interrupt, interrupt};

// ANCHOR: mailbox
/// A one-sample mailbox between the ADC's interrupt handler and `main`: the latest reading in
/// millivolts, in a slot that `SAMPLE_STATE` says who may touch.
struct SampleSlot(UnsafeCell<u16>);

/// Who owns `SAMPLE_SLOT`: the handler while it is `EMPTY`, `main` while it is `READING`.
static SAMPLE_STATE: AtomicU8 = AtomicU8::new(EMPTY);
static SAMPLE_SLOT: SampleSlot = SampleSlot(UnsafeCell::new(0));

const EMPTY: u8 = 0;
const FULL: u8 = 1;
const READING: u8 = 2;

// SAFETY: the slot is only touched by the side that the state names.
// TODO: that is only true if each side sees the other's change of owner *and* what was written
// to the slot before it. Does `Relaxed` promise the second part?
unsafe impl Sync for SampleSlot {}
// ANCHOR_END: mailbox

// ANCHOR: handler
/// A conversion is complete: leave its result in the mailbox, if `main` took the last one.
#[interrupt]
fn ADC0_SEQUENCE_0() {
    static mut CONVERSIONS: u16 = 0;
    // TODO: the orderings of this load and of the store below.
    if SAMPLE_STATE.load(Ordering::Relaxed) != EMPTY {
        return; // `main` has not taken the last reading: this one is dropped.
    }
    *CONVERSIONS += 1;
    // SAFETY: `SAMPLE_STATE` is EMPTY, so the slot is the handler's until it says FULL.
    unsafe { *SAMPLE_SLOT.0.get() = 1650 + 5 * *CONVERSIONS };
    SAMPLE_STATE.store(FULL, Ordering::Relaxed);
}
// ANCHOR_END: handler

// ANCHOR: take_reading
/// Starts a conversion and waits for its result.
fn take_reading() -> u16 {
    NVIC::pend(Interrupt::ADC0_SEQUENCE_0); // the ADC raises its interrupt when it is done
    // TODO: the ordering of a successful claim (the first one; the second is for a failed claim,
    // which reads nothing from the slot), and of the store that gives the slot back.
    while SAMPLE_STATE
        .compare_exchange(FULL, READING, Ordering::Relaxed, Ordering::Relaxed)
        .is_err()
    {}
    // SAFETY: `SAMPLE_STATE` is READING, so the slot is `main`'s until it says EMPTY.
    let millivolts = unsafe { *SAMPLE_SLOT.0.get() };
    SAMPLE_STATE.store(EMPTY, Ordering::Relaxed);
    millivolts
}
// ANCHOR_END: take_reading

// ANCHOR: main
#[entry]
fn main() -> ! {
    // SAFETY: unmasking an interrupt can break a critical section that relies on it staying
    // masked; this program has none.
    unsafe { NVIC::unmask(Interrupt::ADC0_SEQUENCE_0) };

    let first = take_reading();
    let second = take_reading();
    hprintln!("first reading: {first} mV");
    hprintln!("second reading: {second} mV");
    assert!(
        second != first,
        "the same reading twice: the second conversion's result was never read"
    );
    board::exit_success()
}
// ANCHOR_END: main
