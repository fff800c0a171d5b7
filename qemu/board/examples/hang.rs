//! A program that never ends: the runner must stop it and say so.
#![no_std]
#![no_main]

use board as _;
use cortex_m_rt::entry;

#[entry]
fn main() -> ! {
    loop {
        cortex_m::asm::nop();
    }
}
