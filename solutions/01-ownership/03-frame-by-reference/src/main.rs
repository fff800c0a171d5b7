//! Exercise 1.3: The frame by reference (the solution).
//!
//! `checksum` borrows the frame (`&[u8; 1024]`): the call passes one pointer, not a copy of
//! 1 KiB, and it fits the stack budget with room to spare.
//!
//! Check it: `cargo workbook run frame-by-reference` says PASS, or `cargo run` in this folder
//! prints what `exercises/01-ownership/03-frame-by-reference/expected.out` holds and exits 0.
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
fn checksum(frame: &[u8; FRAME_LEN]) -> u32 {
    let mut sum = 0;
    for &byte in frame.iter() {
        sum += u32::from(byte);
    }
    sum
}

/// The call `main` measures: the checksum of the frame the radio left in the caller's buffer.
fn checksum_received(frame: &[u8; FRAME_LEN]) -> u32 {
    checksum(frame)
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
