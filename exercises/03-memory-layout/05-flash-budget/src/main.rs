//! Exercise 3.5: The flash budget
//!
//! A sensor node prints its readings: temperature, pressure and battery voltage. The program
//! measures its own code, the `.text` section, from the linker's symbols, and stops with a panic
//! because `.text` is over its budget of 24 KiB.
//!
//! Find out what takes the space: `cargo workbook size flash-budget --top 8` lists the biggest
//! functions. Then change the program so that it prints exactly the same lines with much less
//! code: change `write_temperature` only. The rest is the harness: `main` prints the readings,
//! checks that every temperature from -99.9 to 99.9 degrees reads back as the value it was
//! written from, and measures `.text`.
//!
//! Done when `cargo workbook run flash-budget` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint flash-budget`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::fmt::{self, Write};
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
// `cargo workbook size flash-budget --top 8`, and make it write the same text for less.

/// Writes the temperature with one decimal: "21.5" for 215 tenths of a degree.
fn write_temperature(out: &mut Line, tenths_celsius: i32) -> fmt::Result {
    let celsius = tenths_celsius as f32 / 10.0;
    write!(out, "{celsius:.1}")
}

/// Prints one temperature line, with the text `write_temperature` writes.
fn report_temperature(sensor: usize, tenths_celsius: i32) {
    let text = temperature_text(tenths_celsius);
    hprintln!("sensor {sensor}: temperature {} C", text.as_str());
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

/// What `write_temperature` writes for `tenths_celsius`.
fn temperature_text(tenths_celsius: i32) -> Line {
    let mut text = Line::new();
    let written = write_temperature(&mut text, tenths_celsius);
    assert!(
        written.is_ok(),
        "write_temperature({tenths_celsius}) failed: more than {} bytes?",
        Line::CAPACITY
    );
    text
}

/// The tenths of a degree that a text such as "-7.5" says: a sign for values below zero only,
/// whole degrees without leading zeros, one decimal. `None` for anything else.
fn read_back(text: &str) -> Option<i32> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, tenth) = rest.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (whole.len() > 1 && whole.starts_with('0')) || tenth.len() != 1 {
        return None;
    }
    let value = whole.parse::<i32>().ok()? * 10 + tenth.parse::<i32>().ok()?;
    match (negative, value) {
        (true, 0) => None,
        (true, v) => Some(-v),
        (false, v) => Some(v),
    }
}

/// A line of text in a fixed buffer: what `write_temperature` writes into.
struct Line {
    bytes: [u8; Line::CAPACITY],
    len: usize,
}

impl Line {
    const CAPACITY: usize = 16;

    fn new() -> Line {
        Line {
            bytes: [0; Line::CAPACITY],
            len: 0,
        }
    }

    fn as_str(&self) -> &str {
        core::str::from_utf8(&self.bytes[..self.len]).unwrap_or("(not UTF-8)")
    }
}

impl fmt::Write for Line {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        self.bytes
            .get_mut(self.len..end)
            .ok_or(fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

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

    // Every temperature from -99.9 to 99.9 degrees, not only the four above, must read back as
    // the value it was written from.
    for tenths_celsius in -999..=999 {
        let text = temperature_text(tenths_celsius);
        assert_eq!(
            read_back(text.as_str()),
            Some(tenths_celsius),
            "write_temperature({tenths_celsius}) wrote \"{}\", which does not read back as \
             {tenths_celsius} tenths of a degree (one decimal, a sign below zero only)",
            text.as_str()
        );
    }
    hprintln!("temperatures from -99.9 to 99.9: each reads back as written");

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
