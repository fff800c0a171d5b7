//! An undefined instruction: a UsageFault that escalates to HardFault, reported in words.
#![no_std]
#![no_main]

use cortex_m_rt::entry;

#[entry]
fn main() -> ! {
    // SAFETY: `udf` only raises a fault, which the board's handler reports before exiting.
    unsafe { core::arch::asm!("udf #0") };
    board::exit_success()
}
