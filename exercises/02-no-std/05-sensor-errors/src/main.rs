//! Exercise 2.5: Errors without std
//!
//! A humidity sensor is read over I2C. The bus driver fails with a `BusError`; the sensor driver
//! adds failures of its own and wraps the bus's in a `SensorError`. Both implement
//! `core::error::Error`, which has been in `core` since Rust 1.81, so no `std` and no `Box` are
//! needed: `report` takes a `&dyn Error` and prints the error and every cause behind it.
//!
//! It does not compile: `?` in `read_humidity` cannot turn a `BusError` into a `SensorError`.
//! Teach it how, then make a `SensorError` name the bus error as its cause, so that `report` can
//! print the whole chain.
//!
//! Done when `cargo workbook run sensor-errors` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint sensor-errors`
#![no_std]
#![no_main]

use core::error::Error;
use core::fmt;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// ANCHOR: bus
/// What can go wrong on the I2C bus.
#[derive(Debug)]
enum BusError {
    /// Nobody acknowledged the address: a missing or unpowered device.
    Nack { address: u8 },
}

impl fmt::Display for BusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BusError::Nack { address } => write!(f, "no acknowledge from address {address:#04x}"),
        }
    }
}

impl Error for BusError {}
// ANCHOR_END: bus

// ANCHOR: sensor
/// What can go wrong reading the humidity sensor.
#[derive(Debug)]
enum SensorError {
    /// The bus failed; the `BusError` says how.
    Bus(BusError),
    /// The sensor answered with a value it cannot have measured.
    OutOfRange { raw: u16 },
}

impl fmt::Display for SensorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SensorError::Bus(_) => write!(f, "cannot read the humidity sensor"),
            SensorError::OutOfRange { raw } => {
                write!(f, "humidity reading {raw:#06x} out of range")
            }
        }
    }
}

// TODO: `source` should return the cause of a `SensorError`, when it has one.
impl Error for SensorError {}

// TODO: tell `?` how to turn a `BusError` into a `SensorError`.
// ANCHOR_END: sensor

/// A stand-in for an I2C register read: a sensor at 0x40 reads 45.6 %, one at 0x42 returns
/// garbage, and nothing answers at 0x41.
fn i2c_read_u16(address: u8) -> Result<u16, BusError> {
    match address {
        0x40 => Ok(456),
        0x42 => Ok(0xffff),
        _ => Err(BusError::Nack { address }),
    }
}

// ANCHOR: read
/// Relative humidity in tenths of a percent.
fn read_humidity(address: u8) -> Result<u16, SensorError> {
    let raw = i2c_read_u16(address)?;
    if raw > 1000 {
        return Err(SensorError::OutOfRange { raw });
    }
    Ok(raw)
}

/// Prints `error`, then each cause behind it.
fn report(error: &dyn Error) {
    hprintln!("  error: {}", error);
    let mut cause = error.source();
    while let Some(inner) = cause {
        hprintln!("  caused by: {}", inner);
        cause = inner.source();
    }
}
// ANCHOR_END: read

#[entry]
fn main() -> ! {
    for address in [0x40, 0x41, 0x42] {
        hprintln!("sensor {:#04x}:", address);
        match read_humidity(address) {
            Ok(tenths) => hprintln!("  humidity {}.{} %", tenths / 10, tenths % 10),
            Err(error) => report(&error),
        }
    }
    board::exit_success()
}
