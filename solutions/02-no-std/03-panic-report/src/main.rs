//! Exercise 2.3: A panic handler of your own (the solution).
//!
//! The board crate is linked without its panic handler (`default-features = false` in
//! Cargo.toml), so this program has to bring the one `#[panic_handler]` that every `#![no_std]`
//! binary needs. It is at the end of the file, below `main`, where the starter had its `TODO`.
//!
//! - It masks interrupts, so that nothing else runs while it reports.
//! - It prints one line on semihosting's standard output (`hprintln!`):
//!   `panic at <file>:<line>: <message>`, with the source file's name without its folders,
//!   or `panic: <message>` for a panic without a location.
//! - It ends the QEMU run with exit code 1 (`board::exit_failure()`).
//!
//! `main` panics on purpose after polling two sensors, so the program ends with exit code 1, as
//! its metadata declares (`solution-exit-code = 1`), and prints what `expected.out` holds.
//! This header has as many lines as the starter's, so that the panic is on the same line in both.
//!
//! Check it: `cargo workbook run panic-report` says PASS, or `cargo run` in this folder prints
//! what `exercises/02-no-std/03-panic-report/expected.out` holds and exits with code 1.
//! The hint the starter offers: `cargo workbook hint panic-report`.
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

/// Why a sensor gave no reading.
#[derive(Debug)]
enum SensorError {
    Timeout,
}

/// A stand-in for an I2C read: sensors 1 and 2 answer, sensor 3 has come loose.
fn read_temperature(sensor: u8) -> Result<i16, SensorError> {
    match sensor {
        1 => Ok(231),
        2 => Ok(229),
        _ => Err(SensorError::Timeout),
    }
}

// ANCHOR: main
#[entry]
fn main() -> ! {
    hprintln!("boot: polling 3 sensors");
    for sensor in 1..=3 {
        let tenths = read_temperature(sensor).expect("a temperature sensor did not answer");
        hprintln!("sensor {}: {}.{} C", sensor, tenths / 10, tenths % 10);
    }
    hprintln!("all sensors answered");
    board::exit_success()
}
// ANCHOR_END: main

// ANCHOR: handler
/// Called by every panic in the program: prints where and why, then ends the run with code 1.
/// It never returns: there is no caller to go back to, and with `panic = "abort"` no unwinding.
#[panic_handler]
fn report_panic(info: &core::panic::PanicInfo) -> ! {
    // Nothing else should run now: an interrupt handler could find data half-updated.
    cortex_m::interrupt::disable();
    match info.location() {
        Some(location) => {
            // The path cargo passes depends on where the crate sits; its last part does not.
            let file = location.file();
            let name = file.rsplit_once('/').map_or(file, |(_, name)| name);
            hprintln!("panic at {}:{}: {}", name, location.line(), info.message());
        }
        None => hprintln!("panic: {}", info.message()),
    }
    board::exit_failure()
}

// The thumb targets never unwind: a panic goes straight to the handler. Checked at compile time.
const _: () = assert!(cfg!(panic = "abort"), "this target unwinds on panic");
// ANCHOR_END: handler
