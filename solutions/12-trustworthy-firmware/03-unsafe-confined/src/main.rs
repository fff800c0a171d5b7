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

// ANCHOR: driver
/// The SysTick driver: the only module where the crate allows `unsafe` code.
#[allow(unsafe_code)]
mod systick {
    use super::{CLKSOURCE, ENABLE, RELOAD_MAX, SYST_CSR, SYST_CVR, SYST_RVR};

    /// A reload value wider than the register's 24 bits.
    #[derive(Debug)]
    pub struct ReloadTooLarge;

    /// Starts the timer counting down from `reload` to 0, again and again, at the processor's
    /// clock.
    pub fn start(reload: u32) -> Result<(), ReloadTooLarge> {
        if reload > RELOAD_MAX {
            return Err(ReloadTooLarge);
        }
        // SAFETY: SYST_CSR is a SysTick register on every Cortex-M; a volatile write to it
        // touches no memory that Rust owns. Writing 0 stops the counter while it is set up.
        unsafe { SYST_CSR.write_volatile(0) };
        // SAFETY: as above, for the reload register; `reload` fits its 24 bits (checked above).
        unsafe { SYST_RVR.write_volatile(reload) };
        // SAFETY: as above; any write clears the current value register.
        unsafe { SYST_CVR.write_volatile(0) };
        // SAFETY: as above; ENABLE and CLKSOURCE are bits this register defines.
        unsafe { SYST_CSR.write_volatile(ENABLE | CLKSOURCE) };
        Ok(())
    }

    /// The reload value the timer counts down from.
    pub fn reload() -> u32 {
        // SAFETY: a volatile read of a SysTick register: no memory Rust owns, no side effect.
        unsafe { SYST_RVR.read_volatile() }
    }

    /// Whether the timer runs, counting the processor's clock.
    pub fn running() -> bool {
        // SAFETY: as for `reload`. (Reading SYST_CSR clears its COUNTFLAG, which nothing here
        // uses.)
        let control = unsafe { SYST_CSR.read_volatile() };
        control & (ENABLE | CLKSOURCE) == ENABLE | CLKSOURCE
    }

    /// The value the timer has counted down to.
    pub fn current() -> u32 {
        // SAFETY: as for `reload`.
        unsafe { SYST_CVR.read_volatile() }
    }
}
// ANCHOR_END: driver

#[entry]
fn main() -> ! {
    match systick::start(TICKS_PER_MS - 1) {
        Ok(()) => hprintln!("SysTick started"),
        Err(e) => hprintln!("SysTick not started: {e:?}"),
    }
    hprintln!("reload value: {}", systick::reload());
    hprintln!("running on the processor clock: {}", systick::running());
    hprintln!(
        "current value within the reload: {}",
        systick::current() <= systick::reload()
    );
    match systick::start(RELOAD_MAX + 1) {
        Ok(()) => hprintln!("a 25-bit reload value was written"),
        Err(systick::ReloadTooLarge) => hprintln!("a 25-bit reload value is refused"),
    }
    board::exit_success()
}
