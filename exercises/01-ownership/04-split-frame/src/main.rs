//! Exercise 1.4: The split frame
//!
//! `main` builds a frame in `tx_buf`: a header, then a body. The header describes the body, so
//! both are in use at once, and taking two `&mut` slices of one buffer does not compile. Make it
//! compile, still writing straight into `tx_buf`.
//!
//! Done when `cargo workbook run split-frame` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint split-frame`
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

/// Start byte, frame type, body length, body checksum.
const HEADER_LEN: usize = 4;
/// Marks the start of every frame on the wire.
const START_OF_FRAME: u8 = 0x7E;
/// The frame type of a sensor reading.
const FRAME_TYPE_READING: u8 = 0x01;

/// Writes a sensor reading into `body`: the sensor's number, then millidegrees Celsius,
/// big-endian. Returns how many bytes it wrote.
fn write_body(body: &mut [u8], sensor: u8, millideg: i32) -> usize {
    body[0] = sensor;
    body[1..5].copy_from_slice(&millideg.to_be_bytes());
    5
}

/// Writes the header that describes `body`: its length, and the sum of its bytes modulo 256.
fn write_header(header: &mut [u8], body: &[u8]) {
    header[0] = START_OF_FRAME;
    header[1] = FRAME_TYPE_READING;
    header[2] = body.len() as u8;
    header[3] = body.iter().fold(0, |sum, &byte| sum.wrapping_add(byte));
}

#[entry]
fn main() -> ! {
    let mut tx_buf = [0u8; 16];

    // ANCHOR: split
    // The header describes the body, so it is written last, while the body is still borrowed.
    // TODO: two `&mut` into one buffer at once. Split it instead.
    let header = &mut tx_buf[..HEADER_LEN];
    let body = &mut tx_buf[HEADER_LEN..];
    let body_len = write_body(body, 3, 23_456);
    write_header(header, &body[..body_len]);
    // ANCHOR_END: split

    hprintln!("frame: {:02x?}", &tx_buf[..HEADER_LEN + body_len]);

    board::exit_success()
}
