//! Exercise 7.4's loads on the Cortex-M3 (`lm3s6965evb`) instead of the Cortex-M0: a single `ldr`
//! at an odd address works there, a `ldrd` at the same address faults. The page on unaligned
//! access shows what it prints; `workbook/tests/board.rs` runs it and compares.
#![no_std]
#![no_main]

use core::arch::naked_asm;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

/// Twelve bytes, word-aligned, as a DMA controller would leave a frame.
#[repr(C, align(4))]
struct RxBuffer([u8; 12]);

static RX_BUF: RxBuffer = RxBuffer([
    0x5a, 0x10, 0x32, 0x54, 0x76, 0x98, 0xba, 0xdc, 0xfe, 0x00, 0x00, 0x00,
]);

// ANCHOR: loads
/// One `ldr` from `address`.
///
/// # Safety
///
/// `address` must be readable.
#[unsafe(naked)]
unsafe extern "C" fn load_word(address: *const u8) -> u32 {
    naked_asm!("ldr r0, [r0]", "bx lr")
}

/// One `ldrd` from `address`: two words in one instruction, the low one in r0.
///
/// # Safety
///
/// `address` must be readable. Unless it is a multiple of 4, every Cortex-M core faults.
#[unsafe(naked)]
unsafe extern "C" fn load_pair(address: *const u8) -> u64 {
    naked_asm!("ldrd r0, r1, [r0]", "bx lr")
}
// ANCHOR_END: loads

#[entry]
fn main() -> ! {
    let frame = RX_BUF.0.as_ptr();
    board::fault::after_fault(|_| {
        hprintln!("a HardFault stopped the ldrd");
        board::exit_success()
    });
    // SAFETY: the buffer is readable; the first address is word-aligned, the second is not.
    let (aligned, unaligned) = unsafe { (load_word(frame), load_word(frame.wrapping_add(1))) };
    hprintln!("ldr from the buffer's first byte:  {aligned:#010x}");
    hprintln!("ldr from its second byte:          {unaligned:#010x}");
    // SAFETY: readable and word-aligned.
    let pair = unsafe { load_pair(frame) };
    hprintln!("ldrd from the buffer's first byte: {pair:#018x}");
    hprintln!("ldrd from its second byte:");
    // SAFETY: readable, but not aligned: this faults on every Cortex-M core, which is the point.
    let pair = unsafe { load_pair(frame.wrapping_add(1)) };
    hprintln!("the ldrd returned {pair:#018x}");
    board::exit_failure()
}
