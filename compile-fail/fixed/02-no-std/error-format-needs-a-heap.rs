//! Fixed `format!` in a `#![no_std]` crate: `write!` formats into anything that implements
//! `core::fmt::Write`, here a `heapless::String` with room for 16 bytes, on the stack.

#![no_std]
// Only for the host test that runs this file: `std` starts `main` and prints. The function
// below is the firmware, and it does not use `std`.
extern crate std;

use core::fmt::Write;

/// Formats a temperature in tenths of a degree for the radio log.
fn log_line(tenths: i32) -> heapless::String<16> {
    let mut line = heapless::String::new();
    // 16 bytes hold any i32 in this form; `write!` would return `Err` if they did not.
    write!(line, "t={}.{}C", tenths / 10, tenths % 10).unwrap();
    line
}

fn main() {
    let line = log_line(231);
    assert_eq!(line, "t=23.1C");
    std::println!("{line}: {} bytes", line.len());
}
