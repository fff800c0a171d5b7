//! `format!` in a `#![no_std]` crate. It returns a `String`, which lives on the heap, so it is
//! `alloc`'s macro, not `core`'s, and a `#![no_std]` crate's prelude has only `core`'s.

#![no_std]
// Only for the host test that runs this file: `std` starts `main` and prints. The function
// below is the firmware, and it cannot see `std`'s prelude.
extern crate std;

/// Formats a temperature in tenths of a degree for the radio log.
fn log_line(tenths: i32) -> usize {
    let line = format!("t={}.{}C", tenths / 10, tenths % 10);
    line.len()
}

fn main() {
    std::println!("{} bytes", log_line(231));
}
