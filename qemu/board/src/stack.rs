//! Measuring how much stack a piece of code uses, by painting.
//!
//! [`measure`] fills the free stack below the current stack pointer with a known word, runs the
//! code, then finds the lowest word that changed. Painting and scanning are written in assembly
//! so that they make no calls: a call would push a frame into the very area being measured.

use core::arch::asm;

/// The word the free stack is painted with.
const PAINT: u32 = 0x5AFE_57AC;

/// The current stack pointer.
#[inline(always)]
pub fn pointer() -> usize {
    let sp: usize;
    // SAFETY: reads a register, touches no memory.
    unsafe { asm!("mov {}, sp", out(reg) sp, options(nomem, nostack, preserves_flags)) };
    sp
}

/// Runs `work` and returns its result with the number of bytes of stack it used: its own frames,
/// the frames of everything it called, and the copies its caller made to pass its arguments.
#[inline(never)]
pub fn measure<R>(work: impl FnOnce() -> R) -> (R, usize) {
    let bottom = crate::layout::stack_bottom();
    let painted_top: usize;
    // SAFETY: writes only the words between the bottom of the stack and the current stack
    // pointer, which no live frame uses; the loop makes no calls, so nothing lands there meanwhile.
    unsafe {
        asm!(
            "mov {top}, sp",
            "2:",
            "cmp {p}, {top}",
            "bhs 3f",
            "str {paint}, [{p}]",
            "adds {p}, #4",
            "b 2b",
            "3:",
            p = inout(reg) bottom => _,
            top = out(reg) painted_top,
            paint = in(reg) PAINT,
            options(nostack),
        );
    }
    let result = work();
    let lowest_used: usize;
    // SAFETY: reads the words between the bottom of the stack and the stack pointer, which exist.
    unsafe {
        asm!(
            "2:",
            "cmp {p}, {top}",
            "bhs 3f",
            "ldr {word}, [{p}]",
            "cmp {word}, {paint}",
            "bne 3f",
            "adds {p}, #4",
            "b 2b",
            "3:",
            p = inout(reg) bottom => lowest_used,
            top = in(reg) painted_top,
            paint = in(reg) PAINT,
            word = out(reg) _,
            options(nostack, readonly),
        );
    }
    (result, painted_top - lowest_used)
}
