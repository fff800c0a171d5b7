//! Exercise 9.2: The frame in a static mut (the solution).
//!
//! A reference to a `static mut` that lives while an interrupt handler writes the static is
//! undefined behaviour, and the 2024 edition denies the `static_mut_refs` lint that catches it.
//! `take_frame` copies the frame out inside the critical section instead: `&raw const RX_FRAME` is a
//! raw pointer, made without a reference, and `read()` copies the four bytes it points to.
//!
//! Check it: `cargo workbook run rx-frame` says PASS, or `cargo run` in this folder prints what
//! `exercises/09-send-and-sync/02-rx-frame/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint rx-frame`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use cortex_m::peripheral::SCB;
use cortex_m_rt::{entry, exception};
use cortex_m_semihosting::hprintln;

/// The bytes in a frame.
const FRAME_LEN: usize = 4;

// ANCHOR: statics
/// The frame the receive interrupt is filling.
static mut RX_FRAME: [u8; FRAME_LEN] = [0; FRAME_LEN];
/// How many bytes of `RX_FRAME` have arrived.
static mut RX_LEN: usize = 0;
// ANCHOR_END: statics

/// What arrives on the line, one byte per interrupt.
const LINE: &[u8] = b"PINGPONGSYNC";

// ANCHOR: handler
/// The UART's receive interrupt (SysTick stands in for it): stores the byte that arrived.
#[exception]
fn SysTick() {
    static mut NEXT: usize = 0;
    let byte = LINE[*NEXT % LINE.len()];
    *NEXT += 1;
    // SAFETY: `main` touches `RX_FRAME` and `RX_LEN` only inside critical sections, which this
    // handler cannot interrupt, and no reference to either outlives this block.
    unsafe {
        if RX_LEN < FRAME_LEN {
            RX_FRAME[RX_LEN] = byte;
            RX_LEN += 1;
        }
    }
}
// ANCHOR_END: handler

/// Raises the receive interrupt; the barriers make it run before this function returns.
fn byte_received() {
    SCB::set_pendst();
    cortex_m::asm::dsb();
    cortex_m::asm::isb();
}

// ANCHOR: take_frame
/// Takes the complete frame out of `RX_FRAME`, and lets the receive interrupt start the next one.
/// A copy of the frame, not a reference: the next interrupt may overwrite `RX_FRAME`.
fn take_frame() -> [u8; FRAME_LEN] {
    critical_section::with(|_cs| {
        // SAFETY: no interrupt runs during a critical section. The pointer comes from a
        // static, so it is aligned and valid, and `read` leaves no reference behind.
        unsafe {
            RX_LEN = 0;
            (&raw const RX_FRAME).read()
        }
    })
}
// ANCHOR_END: take_frame

// ANCHOR: main
#[entry]
fn main() -> ! {
    for number in 1..=3 {
        for _ in 0..FRAME_LEN {
            byte_received();
        }
        let frame = take_frame();
        // The lesson: `main` holds the frame's bytes themselves, not a pointer to where the
        // receive interrupt keeps writing.
        let bytes: &[u8] = AsRef::<[u8]>::as_ref(&frame);
        let held = (&raw const frame) as usize..(&raw const frame) as usize + size_of_val(&frame);
        assert!(
            held.contains(&(bytes.as_ptr() as usize)),
            "take_frame returned a pointer to the frame, not the frame: a copy is what outlives the critical section"
        );
        hprintln!("frame {number}: {}", bytes.escape_ascii());
    }
    board::exit_success()
}
// ANCHOR_END: main
