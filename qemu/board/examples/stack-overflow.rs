//! Recursion until the stack runs out: on the Cortex-M33 with MSPLIM set, or on the Cortex-M0
//! linked with flip-link (the stack below the statics, so it runs off the bottom of RAM), the fault
//! handler must survive the blown stack and say what happened.
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

#[inline(never)]
fn descend(depth: u32) -> u32 {
    let frame = core::hint::black_box([depth as u8; 64]);
    descend(depth + 1) + u32::from(frame[0])
}

#[entry]
fn main() -> ! {
    hprintln!("descending until the stack runs out");
    let never = descend(0);
    hprintln!("unreachable: {}", never);
    board::exit_success()
}
