//! Exercise 7.4: An unaligned word on the Cortex-M0
//!
//! This runs on the `microbit` machine, a Cortex-M0. `sample_count` reads a `u32` from byte 1
//! of a frame the way C code ported from a Cortex-M3 does, through a cast pointer, and the
//! program stops with a panic: "misaligned pointer dereference". Read the count in a way that
//! is correct at any address: change `sample_count` only, `main` is the harness. It reads the
//! count of two frames, then shows what the Cortex-M0 itself does with the access the panic
//! stopped.
//!
//! Done when `cargo workbook run unaligned-on-m0` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint unaligned-on-m0`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::arch::naked_asm;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

/// A receive buffer, word-aligned as a DMA controller would fill it.
#[repr(C, align(4))]
struct RxBuffer([u8; 8]);

/// A frame from the sensor: a status byte, then the sample count, a little-endian `u32` that
/// starts at byte 1, an odd address.
static RX_BUF: RxBuffer = RxBuffer([0xA5, 0x78, 0x56, 0x34, 0x12, 0x00, 0x00, 0x00]);
/// The next frame from the same sensor.
static NEXT_RX_BUF: RxBuffer = RxBuffer([0xA5, 0xEF, 0xBE, 0xAD, 0xDE, 0x00, 0x00, 0x00]);

// ANCHOR: count
/// The sample count of `frame`, from its bytes 1 to 4.
fn sample_count(frame: &[u8; 8]) -> u32 {
    let count = frame[1..5].as_ptr().cast::<u32>();
    // TODO: `*count` requires a pointer aligned for `u32`, and this one is not.
    // SAFETY: (wrong) the four bytes lie inside `frame`, and any four bytes are a valid `u32`.
    unsafe { *count }
}
// ANCHOR_END: count

// ANCHOR: ldr
/// One `ldr` instruction from `address`: what `*address.cast::<u32>()` compiles to when no
/// alignment check is inserted (in a release build, or in C).
///
/// # Safety
///
/// `address` must be readable. Unless it is a multiple of 4, the Cortex-M0 faults.
#[unsafe(naked)]
unsafe extern "C" fn load_word(address: *const u8) -> u32 {
    naked_asm!("ldr r0, [r0]", "bx lr")
}
// ANCHOR_END: ldr

// ANCHOR: main
#[entry]
fn main() -> ! {
    let frame = &RX_BUF.0;
    hprintln!("sample count: {:#010x}", sample_count(frame));
    hprintln!("next frame's: {:#010x}", sample_count(&NEXT_RX_BUF.0));

    // What the hardware does with the access the compiler's check stopped.
    board::fault::after_fault(report_the_fault);
    // SAFETY: the buffer is readable, and its first byte is word-aligned.
    let aligned = unsafe { load_word(frame.as_ptr()) };
    hprintln!("ldr from the buffer's first byte: {:#010x}", aligned);
    hprintln!("ldr from its second byte:");
    // SAFETY: readable, but not aligned: on the Cortex-M0 this faults, which is the point.
    let unaligned = unsafe { load_word(frame.as_ptr().wrapping_add(1)) };
    hprintln!("the ldr returned {:#010x}", unaligned);
    board::exit_success()
}

/// Runs after the board's HardFault report, on a fresh stack.
fn report_the_fault(fault: &board::fault::Fault) -> ! {
    hprintln!("a HardFault stopped the program");
    // The exception frame holds the faulting instruction's address, 24 bytes above the stack
    // pointer at the fault.
    let stacked_pc = (fault.stack_pointer + 24) as *const usize;
    // SAFETY: the stack pointer was in RAM (no overflow), so the whole frame is readable.
    let pc = unsafe { stacked_pc.read_volatile() };
    // A function's address has bit 0 set (Thumb code); its first instruction's address does not.
    let ldr = load_word as *const () as usize & !1;
    hprintln!("the faulting instruction is load_word's ldr: {}", pc == ldr);
    board::exit_success()
}
// ANCHOR_END: main
