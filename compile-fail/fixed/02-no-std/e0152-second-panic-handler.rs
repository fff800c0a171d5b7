//! Fixed second panic handler: one handler, the one that does what the program needs.
//!
//! This file is built twice in spirit: for a Cortex-M (`target_os = "none"`) it is firmware with
//! its own handler; for the host, where the workbook's tests build and run it, `std` starts
//! `main` and brings the one handler. Crates that test their `no_std` code on the host use the
//! same `cfg` switches.

#![no_std]
#![cfg_attr(target_os = "none", no_main)]

#[cfg(not(target_os = "none"))]
extern crate std;

use core::sync::atomic::{AtomicU32, Ordering};

/// How many times the firmware panicked, for a debugger to read.
static PANIC_COUNT: AtomicU32 = AtomicU32::new(0);

/// Counts the panic, then stops the core.
#[cfg(target_os = "none")]
#[panic_handler]
fn count_and_halt(_info: &core::panic::PanicInfo) -> ! {
    PANIC_COUNT.fetch_add(1, Ordering::Relaxed);
    loop {
        core::hint::spin_loop();
    }
}

#[cfg(not(target_os = "none"))]
fn main() {
    std::println!("panics so far: {}", PANIC_COUNT.load(Ordering::Relaxed));
}
