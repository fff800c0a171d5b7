//! `Vec` in a `#![no_std]` crate that has not asked for `alloc`. `Vec` owns heap memory, so it
//! lives in `alloc`, and a `#![no_std]` crate's prelude has only `core`'s names.

#![no_std]
// Only for the host test that runs this file: `std` starts `main` and prints. The function
// below is the firmware, and it cannot see `std`'s prelude.
extern crate std;

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
    std::println!("{low} low readings");
}
