//! How long an interrupt waits when it comes due inside a critical section, measured rather than
//! bounded: `main` pends UART0 as the first thing inside `critical_section::with`, then does some
//! work there; the handler reads SysTick as its first act. The difference is the wait, in
//! instructions. The page on critical-section latency shows the output; `workbook/tests/board.rs`
//! runs it and compares.
#![no_std]
#![no_main]

use core::sync::atomic::{AtomicU32, Ordering::Relaxed};
use cortex_m::peripheral::{NVIC, SYST};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use lm3s6965::{Interrupt, interrupt};

/// SysTick's counter when UART0 was pended, and when its handler started.
static PENDED_AT: AtomicU32 = AtomicU32::new(0);
static ENTERED_AT: AtomicU32 = AtomicU32::new(0);

#[interrupt]
fn UART0() {
    ENTERED_AT.store(SYST::get_current(), Relaxed);
}

/// Work the critical section does after the interrupt came due: `rounds` turns of a loop that
/// the optimiser cannot remove.
#[inline(never)]
fn work(rounds: u32) {
    for round in 0..rounds {
        core::hint::black_box(round);
    }
}

// ANCHOR: wait
/// Pends UART0 inside a critical section that then runs `work(rounds)`; returns how many
/// instructions passed from the pend to the handler's first reading of SysTick.
fn wait_for_uart0(rounds: u32) -> u32 {
    board::timing::ticks(|| {
        critical_section::with(|_| {
            NVIC::pend(Interrupt::UART0);
            PENDED_AT.store(SYST::get_current(), Relaxed);
            work(rounds);
        });
    });
    let ticks = board::timing::elapsed(PENDED_AT.load(Relaxed), ENTERED_AT.load(Relaxed));
    board::timing::instructions_in(ticks)
}

#[entry]
fn main() -> ! {
    // SAFETY: unmasking UART0 cannot break a critical section: this program's only ones are the
    // ones it measures, which mask every interrupt themselves.
    unsafe { NVIC::unmask(Interrupt::UART0) };
    for rounds in [0, 10, 100] {
        let waited = wait_for_uart0(rounds);
        let (_, inside) = board::timing::instructions(|| work(rounds));
        hprintln!(
            "work inside the critical section: {inside:>4} instructions; UART0 waited {waited:>4}"
        );
    }
    board::exit_success()
}
// ANCHOR_END: wait
