//! The capacity is part of the type: `heapless::Vec<u16, 8>` and `heapless::Vec<u16, 16>` are
//! two different types, as `[u16; 8]` and `[u16; 16]` are, so a function written for one does
//! not take the other.

use heapless::Vec;

/// Stores a temperature reading, or reports that the log is full.
fn log_reading(log: &mut Vec<u16, 8>, reading: u16) -> Result<(), u16> {
    log.push(reading)
}

fn main() {
    let mut boiler_log: Vec<u16, 8> = Vec::new();
    let mut tank_log: Vec<u16, 16> = Vec::new();
    log_reading(&mut boiler_log, 612).unwrap();
    log_reading(&mut tank_log, 455).unwrap();
    println!("boiler {boiler_log:?}, tank {tank_log:?}");
}
