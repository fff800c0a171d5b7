//! Exercise 1.3: The frame by reference
//!
//! `checksum` takes a 1 KiB radio frame by value, so every call copies the whole frame onto the
//! stack, and `main` finds it over its stack budget. Make `checksum` fit the budget without
//! changing what it computes: change `checksum` and `checksum_received` only. `main` is the
//! harness: it measures the stack of the whole call, the frame's copies included.
//!
//! Done when `cargo workbook run frame-by-reference` says PASS, or when `cargo run` in this
//! folder prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint frame-by-reference`
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

/// The bytes of one frame from the radio.
const FRAME_LEN: usize = 1024;

/// How many bytes of stack `checksum` may use, its arguments included.
const STACK_BUDGET: usize = 512;

// ANCHOR: checksum
/// The sum of all bytes of the frame.
// TODO: `checksum` only reads the frame. Does it need a copy of its own?
fn checksum(frame: [u8; FRAME_LEN]) -> u32 {
    let mut sum = 0;
    for &byte in frame.iter() {
        sum += u32::from(byte);
    }
    sum
}

/// The call `main` measures: the checksum of the frame the radio left in the caller's buffer.
fn checksum_received(frame: &[u8; FRAME_LEN]) -> u32 {
    checksum(*frame) // TODO: hand `checksum` what it needs, and no more
}
// ANCHOR_END: checksum

#[entry]
fn main() -> ! {
    // A frame as the radio's DMA would leave it: here, a counting pattern.
    let mut frame = [0u8; FRAME_LEN];
    for (index, byte) in frame.iter_mut().enumerate() {
        *byte = (index % 251) as u8;
    }

    // ANCHOR: measure
    // `cargo run` builds without optimisation: every copy the code asks for happens. An
    // optimised build may remove a copy, but nothing promises that it will.
    let (sum, stack_used) = board::stack::measure(|| checksum_received(&frame));
    // ANCHOR_END: measure
    hprintln!("checksum of the {}-byte frame: {:#010x}", FRAME_LEN, sum);
    // Not the byte count itself: that changes with the compiler's version and settings.
    let verdict = if stack_used <= STACK_BUDGET {
        "within"
    } else {
        "over"
    };
    hprintln!("stack used by checksum: {verdict} the {STACK_BUDGET}-byte budget");
    assert!(
        stack_used <= STACK_BUDGET,
        "checksum used {stack_used} bytes of stack; the budget is {STACK_BUDGET}"
    );

    board::exit_success()
}
