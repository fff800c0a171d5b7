//! `board::timing` counts instructions: 100 and 1000 NOPs, measured twice with SysTick under
//! `qemu/run`'s instruction-counting clock, less the cost of calling an empty closure.
#![no_std]
#![no_main]

use core::arch::asm;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

#[entry]
fn main() -> ! {
    for _ in 0..2 {
        let ((), call) = board::timing::instructions(|| ());
        // SAFETY: NOPs touch no memory, no register and no flag.
        let ((), hundred) = board::timing::instructions(|| unsafe {
            asm!(
                ".rept 100",
                "nop",
                ".endr",
                options(nomem, nostack, preserves_flags)
            )
        });
        // SAFETY: as above.
        let ((), thousand) = board::timing::instructions(|| unsafe {
            asm!(
                ".rept 1000",
                "nop",
                ".endr",
                options(nomem, nostack, preserves_flags)
            )
        });
        hprintln!(
            "100 nops: {} instructions; 1000 nops: {} instructions",
            hundred - call,
            thousand - call
        );
    }
    board::exit_success()
}
