//! Exercise 12.3: `unsafe` confined to one module, and argued.
//!
//! The program starts the Cortex-M's SysTick timer by writing its registers, which only `unsafe`
//! code can do: a volatile write through a pointer made from an address. The starter does it
//! where it needs it, in `main`, six times. The project's rules (this exercise's `Cargo.toml`)
//! deny `unsafe` in the crate, so the starter does not compile.
//!
//! What to do: move every register access into `mod systick` (the `// TODO`), the one module
//! allowed `unsafe` code, behind safe functions that `main` calls. Each `unsafe` block does one
//! operation and has a `// SAFETY:` comment that says why it is sound; a safe function must be
//! sound for every argument (a reload value too wide for the register is the caller's mistake to
//! be told of, not a write of bits the register does not have). Only `mod systick` names the
//! registers.
//!
//! How to know it worked: `cargo workbook run unsafe-confined` prints `expected.out` and says
//! that Clippy passes.
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// The SysTick registers, the same on every Cortex-M (Armv7-M Architecture Reference Manual,
// B3.3): control and status, reload value, current value.
const SYST_CSR: *mut u32 = 0xE000_E010 as *mut u32;
const SYST_RVR: *mut u32 = 0xE000_E014 as *mut u32;
const SYST_CVR: *mut u32 = 0xE000_E018 as *mut u32;

/// SYST_CSR: the counter runs.
const ENABLE: u32 = 1 << 0;
/// SYST_CSR: it counts the processor's clock.
const CLKSOURCE: u32 = 1 << 2;
/// The reload register has 24 bits.
const RELOAD_MAX: u32 = 0x00FF_FFFF;

/// A thousandth of a second, for a processor clocked at 12 MHz.
const TICKS_PER_MS: u32 = 12_000;

/// The SysTick driver: the only module where the crate allows `unsafe` code.
mod systick {
    // TODO: the register accesses that `main` does, behind safe functions.
}

// ANCHOR: scattered
#[entry]
fn main() -> ! {
    // TODO: the project's rules deny every `unsafe` below. They belong in `mod systick`.
    let reload = TICKS_PER_MS - 1;
    if reload <= RELOAD_MAX {
        unsafe { SYST_CSR.write_volatile(0) };
        unsafe { SYST_RVR.write_volatile(reload) };
        unsafe { SYST_CVR.write_volatile(0) };
        unsafe { SYST_CSR.write_volatile(ENABLE | CLKSOURCE) };
        hprintln!("SysTick started");
    }
    let reload = unsafe { SYST_RVR.read_volatile() };
    hprintln!("reload value: {}", reload);
    let control = unsafe { SYST_CSR.read_volatile() };
    let running = control & (ENABLE | CLKSOURCE) == ENABLE | CLKSOURCE;
    hprintln!("running on the processor clock: {}", running);
    let current = unsafe { SYST_CVR.read_volatile() };
    hprintln!("current value within the reload: {}", current <= reload);
    let too_wide = RELOAD_MAX + 1;
    if too_wide <= RELOAD_MAX {
        unsafe { SYST_RVR.write_volatile(too_wide) };
        hprintln!("a 25-bit reload value was written");
    } else {
        hprintln!("a 25-bit reload value is refused");
    }
    board::exit_success()
}
// ANCHOR_END: scattered
