//! Exercise 3.5: The flash budget
//!
//! A sensor node prints its readings: temperature, pressure and battery voltage. The program
//! measures its own code, the `.text` section, from the linker's symbols, and stops with a panic
//! because `.text` is over its budget of 24 KiB.
//!
//! Find out what takes the space: `cargo workbook size flash-budget --top 8` lists the biggest
//! functions. Then change the program so that it prints exactly the same lines with much less
//! code: change `report_temperature` only. `main` is the harness.
//!
//! Done when `cargo workbook run flash-budget` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint flash-budget`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

/// One sample from one sensor node, as the drivers deliver it: integers only.
struct Reading {
    /// Temperature in tenths of a degree Celsius: 215 is 21.5 °C.
    tenths_celsius: i32,
    /// Air pressure in pascals.
    pascals: u32,
    /// Battery voltage in millivolts.
    millivolts: u32,
}

const READINGS: [Reading; 4] = [
    Reading {
        tenths_celsius: 215,
        pascals: 101_325,
        millivolts: 3_712,
    },
    Reading {
        tenths_celsius: 234,
        pascals: 100_980,
        millivolts: 3_650,
    },
    Reading {
        tenths_celsius: -75,
        pascals: 101_102,
        millivolts: 3_298,
    },
    // Half a degree below zero: the sign is all that the whole degrees cannot show.
    Reading {
        tenths_celsius: -5,
        pascals: 100_000,
        millivolts: 3_100,
    },
];

// ANCHOR: report
// TODO: one of these functions brings most of `.text` with it. Find which one with
// `cargo workbook size flash-budget --top 8`, and make it print the same text for less.

/// Prints the temperature with one decimal: "21.5 C".
fn report_temperature(sensor: usize, tenths_celsius: i32) {
    let celsius = tenths_celsius as f32 / 10.0;
    hprintln!("sensor {sensor}: temperature {celsius:.1} C");
}

/// Prints the pressure in hectopascals with two decimals: "1013.25 hPa".
fn report_pressure(sensor: usize, pascals: u32) {
    hprintln!(
        "sensor {sensor}: pressure {}.{:02} hPa",
        pascals / 100,
        pascals % 100
    );
}

/// Prints the battery voltage in millivolts: "3712 mV".
fn report_battery(sensor: usize, millivolts: u32) {
    hprintln!("sensor {sensor}: battery {millivolts} mV");
}
// ANCHOR_END: report

/// The budget for `.text`, all the program's code, in a dev build.
const TEXT_BUDGET: usize = 24 * 1024;

// ANCHOR: measure
// Where cortex-m-rt's link.x starts and ends `.text` (only their addresses mean something).
unsafe extern "C" {
    static __stext: u8;
    static __etext: u8;
}

#[entry]
fn main() -> ! {
    for (sensor, reading) in READINGS.iter().enumerate() {
        report_temperature(sensor, reading.tenths_celsius);
        report_pressure(sensor, reading.pascals);
        report_battery(sensor, reading.millivolts);
    }

    let text = (&raw const __etext).addr() - (&raw const __stext).addr();
    let verdict = if text <= TEXT_BUDGET {
        "within"
    } else {
        "over"
    };
    hprintln!(".text: {verdict} the budget of {} KiB", TEXT_BUDGET / 1024);
    assert!(
        text <= TEXT_BUDGET,
        ".text is {text} bytes, over the budget of {} KiB",
        TEXT_BUDGET / 1024
    );
    board::exit_success()
}
// ANCHOR_END: measure
