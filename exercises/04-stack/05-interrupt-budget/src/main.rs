//! Exercise 4.5: The interrupt's share
//!
//! An interrupt runs on the stack of whatever it interrupted. First the program measures what
//! the core itself pushes when it takes an exception. Then it pends SysTick, whose handler
//! receives a 1 KiB radio frame, and measures the handler's whole stack use against the budget
//! set aside for interrupts. The handler's buffer is a local: make the handler fit the budget
//! without shrinking the buffer. Change the handler only: `main` is the harness, and it measures
//! the handler's stack use.
//!
//! Done when `cargo workbook run interrupt-budget` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint interrupt-budget`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::arch::{asm, global_asm};
use core::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use cortex_m::peripheral::SCB;
use cortex_m_rt::{entry, exception};
use cortex_m_semihosting::hprintln;

// ANCHOR: frame
/// The stack pointer at the first instruction of PendSV, after the core pushed its frame.
#[unsafe(no_mangle)]
static SP_IN_PENDSV: AtomicUsize = AtomicUsize::new(0);

// PendSV, written in assembly so that no prologue moves the stack pointer before it is read:
// it stores the stack pointer and returns.
global_asm!(
    ".section .text.PendSV, \"ax\"",
    ".global PendSV",
    ".type PendSV, %function",
    ".thumb_func",
    "PendSV:",
    "    ldr r1, =SP_IN_PENDSV",
    "    str sp, [r1]",
    "    bx lr",
    "    .ltorg",
);

/// Pends PendSV with the stack pointer `offset` bytes below where it is (0 or 4), and returns
/// how many bytes the core pushed on entry.
fn exception_entry_cost(offset: usize) -> usize {
    const ICSR: usize = 0xE000_ED04;
    const PENDSVSET: u32 = 1 << 28;
    let before: usize;
    // SAFETY: moves the stack pointer down and back up around the pend, without calls; the
    // handler only stores the stack pointer. The barriers make the exception happen in here.
    unsafe {
        asm!(
            "sub sp, sp, {offset}",
            "mov {before}, sp",
            "str {pend}, [{icsr}]",
            "dsb",
            "isb",
            "add sp, sp, {offset}",
            offset = in(reg) offset,
            before = out(reg) before,
            pend = in(reg) PENDSVSET,
            icsr = in(reg) ICSR,
        );
    }
    before - SP_IN_PENDSV.load(Ordering::Relaxed)
}
// ANCHOR_END: frame

// ANCHOR: handler
/// Bytes of stack set aside for the SysTick interrupt, on top of what `main` needs.
const INTERRUPT_BUDGET: usize = 512;

/// The checksum of the last radio frame the SysTick handler received.
static LAST_CHECKSUM: AtomicU32 = AtomicU32::new(0);

/// Receives a radio frame (here: a counting pattern) and keeps its checksum.
#[exception]
fn SysTick() {
    // TODO: this buffer is part of the handler's frame, so every SysTick needs 1 KiB more
    // stack, on top of whatever `main` was using when it fired. Keep it out of the frame.
    let mut rx_frame = [0u8; 1024];
    receive(&mut rx_frame);
    LAST_CHECKSUM.store(checksum(&rx_frame), Ordering::Relaxed);
}
// ANCHOR_END: handler

/// What the radio's FIFO would deliver: a counting pattern.
fn receive(frame: &mut [u8; 1024]) {
    for (index, byte) in frame.iter_mut().enumerate() {
        *byte = (index % 251) as u8;
    }
}

fn checksum(frame: &[u8; 1024]) -> u32 {
    frame.iter().map(|&byte| u32::from(byte)).sum()
}

// ANCHOR: main
#[entry]
fn main() -> ! {
    hprintln!("exception entry pushed {} bytes", exception_entry_cost(0));
    hprintln!(
        "exception entry pushed {} bytes with the stack pointer 4 bytes off",
        exception_entry_cost(4)
    );

    let ((), used) = board::stack::measure(|| {
        SCB::set_pendst();
        cortex_m::asm::dsb();
        cortex_m::asm::isb();
    });
    hprintln!(
        "SysTick received a frame: checksum {:#010x}",
        LAST_CHECKSUM.load(Ordering::Relaxed)
    );
    let verdict = if used <= INTERRUPT_BUDGET {
        "within"
    } else {
        "over"
    };
    hprintln!("SysTick's stack use: {verdict} the {INTERRUPT_BUDGET}-byte budget");
    assert!(
        used <= INTERRUPT_BUDGET,
        "SysTick used {used} bytes of stack; the budget is {INTERRUPT_BUDGET}"
    );
    board::exit_success()
}
// ANCHOR_END: main
