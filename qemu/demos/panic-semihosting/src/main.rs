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

/// Runs after the board's fault report: what the Debug Fault Status Register says about the
/// debug event that became a HardFault (on silicon, its BKPT bit), then the failure exit the
/// board's handler would have made.
fn debug_fault_status(_: &board::fault::Fault) -> ! {
    const DFSR: *const u32 = 0xE000_ED30 as *const u32;
    // SAFETY: DFSR is a read-only status register of every Armv7-M core.
    let dfsr = unsafe { DFSR.read_volatile() };
    hprintln!("after the fault: DFSR = {dfsr:#010x}");
    board::exit_failure()
}

// ANCHOR: main
#[entry]
fn main() -> ! {
    board::fault::after_fault(debug_fault_status);
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
