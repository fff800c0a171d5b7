//! The same runaway recursion as `stack-overflow`, but the program registers a function to run
//! after the fault report: it must run on a fresh stack, learn that the stack overflowed, and end
//! the run its own way.
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

#[inline(never)]
fn descend(depth: u32) -> u32 {
    let frame = core::hint::black_box([depth as u8; 64]);
    descend(depth + 1) + u32::from(frame[0])
}

fn survived(fault: &board::fault::Fault) -> ! {
    hprintln!(
        "after the fault: stack overflowed = {}",
        fault.stack_overflowed
    );
    board::exit_success()
}

#[entry]
fn main() -> ! {
    board::fault::after_fault(survived);
    let never = descend(0);
    hprintln!("unreachable: {}", never);
    board::exit_success()
}
