//! Exercise 11.2: The sample mailbox (the solution).
//!
//! The store that hands the slot over is `Release`, and the operation that receives it is
//! `Acquire` (in `src/lib.rs`): the handler's write of the sample happens before `main`'s read of
//! it, and `main`'s read happens before the handler's next write. The compiler may no longer
//! reuse the first reading, because the `Acquire` claim says the slot may have changed since, and
//! loom, in the unit tests, finds no interleaving in which the two sides touch the slot at once.
//!
//! Check it: `cargo workbook run sample-mailbox` says PASS, or `cargo run` in this folder prints
//! what `exercises/11-atomics/02-sample-mailbox/expected.out` holds and exits 0, and
//! `cargo test --lib --target host-tuple` passes.
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::sync::atomic::AtomicU8;
use cortex_m::peripheral::NVIC;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use lm3s6965::{Interrupt, interrupt};
use sample_mailbox::{EMPTY, SampleSlot, leave_reading, try_take_reading};

/// The mailbox, shared by the ADC's interrupt handler and `main`: who owns the slot, and the slot.
static SAMPLE_STATE: AtomicU8 = AtomicU8::new(EMPTY);
static SAMPLE_SLOT: SampleSlot = SampleSlot::new();

// ANCHOR: handler
/// A conversion is complete: leave its result in the mailbox, if `main` took the last one.
#[interrupt]
fn ADC0_SEQUENCE_0() {
    static mut CONVERSIONS: u16 = 0;
    if leave_reading(&SAMPLE_STATE, &SAMPLE_SLOT, 1650 + 5 * (*CONVERSIONS + 1)) {
        *CONVERSIONS += 1;
    }
}
// ANCHOR_END: handler

// ANCHOR: main
/// Starts a conversion and waits for its result.
#[inline(always)]
fn take_reading() -> u16 {
    NVIC::pend(Interrupt::ADC0_SEQUENCE_0); // the ADC raises its interrupt when it is done
    loop {
        if let Some(millivolts) = try_take_reading(&SAMPLE_STATE, &SAMPLE_SLOT) {
            return millivolts;
        }
    }
}

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
