//! Exercise 2.5: Errors without std (the solution).
//!
//! `From<BusError> for SensorError` is what `?` calls to convert the bus's error, and `source`
//! hands the wrapped `BusError` to whoever walks the chain. All of it is `core`: no `std`, no
//! `Box`, no heap.
//!
//! Check it: `cargo workbook run sensor-errors` says PASS, or `cargo run` in this folder prints
//! what `exercises/02-no-std/05-sensor-errors/expected.out` holds and exits 0.
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

impl Error for SensorError {
    /// The bus error behind a `Bus` failure; an out-of-range value has no cause below it.
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            SensorError::Bus(cause) => Some(cause),
            SensorError::OutOfRange { .. } => None,
        }
    }
}

/// What `?` calls to turn a `BusError` into the `SensorError` a sensor function returns.
impl From<BusError> for SensorError {
    fn from(cause: BusError) -> SensorError {
        SensorError::Bus(cause)
    }
}
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
