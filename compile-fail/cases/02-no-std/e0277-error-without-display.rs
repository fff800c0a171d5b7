//! An error type without `Display`. `core::error::Error` (in `core` since Rust 1.81) requires
//! `Debug` and `Display`: an error must be printable for a person as well as for a debugger.

#![no_std]
// Only for the host test that runs this file: `std` starts `main` and prints.
extern crate std;

/// What can go wrong on the I2C bus.
#[derive(Debug)]
enum BusError {
    Nack { address: u8 },
}

impl core::error::Error for BusError {}

fn main() {
    let error = BusError::Nack { address: 0x41 };
    std::println!("{error:?}");
}
