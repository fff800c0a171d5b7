//! Fixed `Vec` in a `#![no_std]` crate: `extern crate alloc;` links the `alloc` library, and
//! `use alloc::vec::Vec;` names the type. Firmware also needs a `#[global_allocator]` (on the
//! host, `std`'s allocator serves).

#![no_std]
// Only for the host test that runs this file: `std` starts `main` and prints. The function
// below is the firmware, and it does not use `std`.
extern crate std;

extern crate alloc;

use alloc::vec::Vec;

/// The battery readings below 3000 mV, kept for the fault log.
fn low_battery_log(millivolts: &[u16]) -> usize {
    let mut log = Vec::new();
    for &reading in millivolts {
        if reading < 3000 {
            log.push(reading);
        }
    }
    log.len()
}

fn main() {
    let low = low_battery_log(&[3310, 2980, 3005, 2950]);
    assert_eq!(low, 2);
    std::println!("{low} low readings");
}
