//! Exercise 2.3: A panic handler of your own
//!
//! This program links the board crate without its panic handler
//! (`default-features = false` in Cargo.toml), so it does not build: every `#![no_std]` binary
//! needs exactly one `#[panic_handler]`. Write it where the `TODO` is, below `main`. It must:
//!
//! - print one line on semihosting's standard output (`hprintln!`):
//!   `panic at <file>:<line>: <message>`, where `<file>` is the name of the source file without
//!   its folders (`main.rs`: the folders differ between the exercise and its solution), or
//!   `panic: <message>` when the panic has no location;
//! - then end the QEMU run with exit code 1 (`board::exit_failure()`).
//!
//! `main` panics on purpose after polling two sensors, so a correct handler makes the program end
//! with exit code 1 and print what `expected.out` holds.
//!
//! Done when `cargo workbook run panic-report` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits with code 1.
//!
//! Stuck? `cargo workbook hint panic-report`
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
// TODO: the panic handler. Print where the panic happened and its message, then exit with code 1.
// ANCHOR_END: handler
