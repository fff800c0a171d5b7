//! Fixed error type without `Display`: the `Display` text is what `report` prints; `Error`'s own
//! methods all have defaults.

#![no_std]
// Only for the host test that runs this file: `std` starts `main` and prints.
extern crate std;

use core::error::Error;
use core::fmt;

/// What can go wrong on the I2C bus.
#[derive(Debug)]
enum BusError {
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

/// Firmware code: takes any error, with no `Box` and no heap.
fn report(error: &dyn Error) -> usize {
    let mut depth = 0;
    let mut cause = error.source();
    while let Some(inner) = cause {
        depth += 1;
        cause = inner.source();
    }
    depth
}

fn main() {
    let error = BusError::Nack { address: 0x41 };
    std::println!("{error} ({} causes below it)", report(&error));
}
