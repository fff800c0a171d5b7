//! A program that panics, with panic-semihosting as its panic handler: the page on panic handlers
//! shows what it prints and how the run ends, with and without the crate's `exit` feature.
//! `workbook/tests/board.rs` runs both and compares what they print with the files beside this
//! folder's `Cargo.toml`.
#![no_std]
#![no_main]

// The board only for its memory map and its fault handler: its panic handler is switched off.
use board as _;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use panic_semihosting as _;

// ANCHOR: main
#[entry]
fn main() -> ! {
    let readings: [u16; 3] = [512, 498, 0];
    hprintln!("checking {} readings", readings.len());
    for (sensor, &reading) in readings.iter().enumerate() {
        if reading == 0 {
            panic!("sensor {sensor} returned no reading");
        }
    }
    board::exit_success()
}
// ANCHOR_END: main
