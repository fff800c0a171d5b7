//! Fixed: `&mut VecView<u16>` is a `Vec` of any capacity, the way `&mut [u16]` is an array of any
//! length. `&mut Vec<u16, N>` coerces to it, so one copy of `log_reading` serves both logs.

use heapless::{Vec, VecView};

// ANCHOR: view
/// Stores a temperature reading, or reports that the log is full.
fn log_reading(log: &mut VecView<u16>, reading: u16) -> Result<(), u16> {
    log.push(reading)
}
// ANCHOR_END: view

// ANCHOR: generic
/// Decodes the big-endian readings of a radio frame into a `Vec` of the caller's capacity, or
/// hands back the first reading that did not fit. The `Vec` is returned by value: no heap.
fn decode_readings<const N: usize>(frame: &[u8]) -> Result<Vec<u16, N>, u16> {
    let mut readings = Vec::new();
    for pair in frame.chunks_exact(2) {
        readings.push(u16::from_be_bytes([pair[0], pair[1]]))?;
    }
    Ok(readings)
}
// ANCHOR_END: generic

fn main() {
    let mut boiler_log: Vec<u16, 8> = Vec::new();
    let mut tank_log: Vec<u16, 16> = Vec::new();
    log_reading(&mut boiler_log, 612).unwrap();
    log_reading(&mut tank_log, 455).unwrap();
    println!("boiler {boiler_log:?}, tank {tank_log:?}");
    assert_eq!(tank_log.capacity(), 16);

    // ANCHOR: decode
    let frame = [0x02, 0x64, 0x01, 0xC7, 0x01, 0xCB];
    let three: Vec<u16, 4> = decode_readings(&frame).unwrap();
    let too_small = decode_readings::<2>(&frame);
    println!("{three:?}, {too_small:?}");
    // ANCHOR_END: decode
    assert_eq!(three, [612, 455, 459]);
    assert_eq!(too_small, Err(459));
}
