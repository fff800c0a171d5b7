//! Exercise 3.3: The gamma table (the solution).
//!
//! A `const` has no address of its own: each use pastes its value in, and an unoptimised build
//! copied all 512 bytes into `pwm_duty`'s frame before indexing them. A `static` is one place in
//! flash (`.rodata`, since nothing writes it), and indexing it reads one entry from there.
//!
//! Check it: `cargo workbook run gamma-table` says PASS, or `cargo run` in this folder prints what
//! `exercises/03-memory-layout/03-gamma-table/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint gamma-table`
#![no_std]
#![no_main]

use core::mem::size_of_val;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// ANCHOR: table
/// PWM duty cycle for each brightness: 65535 × (b / 255)³, built while compiling. A `static`:
/// one place in flash, read where it is.
static GAMMA: [u16; 256] = gamma_table();

const fn gamma_table() -> [u16; 256] {
    let mut table = [0u16; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u64 * b as u64 * b as u64 * 65_535 / (255 * 255 * 255)) as u16;
        b += 1;
    }
    table
}

/// The duty cycle for `brightness`.
#[inline(never)]
fn pwm_duty(brightness: u8) -> u16 {
    GAMMA[brightness as usize]
}
// ANCHOR_END: table

/// The stack budget of the timer interrupt that calls `pwm_duty`.
const STACK_BUDGET: usize = 128;

// ANCHOR: main
#[entry]
fn main() -> ! {
    // `&GAMMA` is an address in flash, whether GAMMA is a `const` or a `static`.
    let table: &[u16; 256] = &GAMMA;
    let in_flash = board::layout::flash().contains(&(table as *const _ as usize));
    hprintln!("GAMMA: {} bytes, in flash: {in_flash}", size_of_val(table));
    let mut most_used = 0;
    for brightness in [0, 64, 128, 255] {
        let (duty, used) = board::stack::measure(|| pwm_duty(brightness));
        assert!(
            used <= STACK_BUDGET,
            "pwm_duty({brightness}) used {used} bytes of stack, over the budget of \
             {STACK_BUDGET} bytes"
        );
        most_used = most_used.max(used);
        hprintln!("brightness {brightness:>3}: duty {duty:>5}");
    }
    let verdict = if most_used <= STACK_BUDGET {
        "within"
    } else {
        "over"
    };
    hprintln!("pwm_duty: {verdict} the stack budget of {STACK_BUDGET} bytes");
    board::exit_success()
}
// ANCHOR_END: main
