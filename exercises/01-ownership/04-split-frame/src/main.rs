//! Exercise 1.4: The split frame
//!
//! `build_frame` writes a frame into `tx_buf`: a header, then a body. The header describes the
//! body, so both are in use at once, and taking two `&mut` slices of one buffer does not compile.
//! Make it compile, still writing straight into `tx_buf`. Change `build_frame` only: `main` is
//! the harness, and it checks that the frame was written in place, with no second buffer.
//!
//! Done when `cargo workbook run split-frame` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint split-frame`
#![no_std]
#![no_main]

use core::sync::atomic::{AtomicUsize, Ordering};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

/// Start byte, frame type, body length, body checksum.
const HEADER_LEN: usize = 4;
/// Marks the start of every frame on the wire.
const START_OF_FRAME: u8 = 0x7E;
/// The frame type of a sensor reading.
const FRAME_TYPE_READING: u8 = 0x01;

/// Where `write_body` wrote, and where `write_header` wrote and read the body it describes: `main`
/// checks that all three are in `tx_buf` itself.
static BODY_WRITTEN_AT: AtomicUsize = AtomicUsize::new(0);
static HEADER_WRITTEN_AT: AtomicUsize = AtomicUsize::new(0);
static HEADER_READ_BODY_AT: AtomicUsize = AtomicUsize::new(0);

/// Writes a sensor reading into `body`: the sensor's number, then millidegrees Celsius,
/// big-endian. Returns how many bytes it wrote.
fn write_body(body: &mut [u8], sensor: u8, millideg: i32) -> usize {
    BODY_WRITTEN_AT.store(body.as_ptr() as usize, Ordering::Relaxed);
    body[0] = sensor;
    body[1..5].copy_from_slice(&millideg.to_be_bytes());
    5
}

/// Writes the header that describes `body`: its length, and the sum of its bytes modulo 256.
fn write_header(header: &mut [u8], body: &[u8]) {
    HEADER_WRITTEN_AT.store(header.as_ptr() as usize, Ordering::Relaxed);
    HEADER_READ_BODY_AT.store(body.as_ptr() as usize, Ordering::Relaxed);
    header[0] = START_OF_FRAME;
    header[1] = FRAME_TYPE_READING;
    header[2] = body.len() as u8;
    header[3] = body.iter().fold(0, |sum, &byte| sum.wrapping_add(byte));
}

/// Builds one frame, header and body, straight into `tx_buf`. Returns the frame's length.
fn build_frame(tx_buf: &mut [u8; 16]) -> usize {
    // ANCHOR: split
    // The header describes the body, so it is written last, while the body is still borrowed.
    // TODO: two `&mut` into one buffer at once. Split it instead.
    let header = &mut tx_buf[..HEADER_LEN];
    let body = &mut tx_buf[HEADER_LEN..];
    let body_len = write_body(body, 3, 23_456);
    write_header(header, &body[..body_len]);
    // ANCHOR_END: split
    HEADER_LEN + body_len
}

#[entry]
fn main() -> ! {
    let mut tx_buf = [0u8; 16];
    let frame_len = build_frame(&mut tx_buf);

    // The lesson: both halves are written in place, with no second buffer and no copy.
    let inside = tx_buf.as_ptr_range();
    let inside = inside.start as usize..inside.end as usize;
    for (what, at) in [
        ("write_body wrote the body", &BODY_WRITTEN_AT),
        ("write_header wrote the header", &HEADER_WRITTEN_AT),
        ("write_header read the body", &HEADER_READ_BODY_AT),
    ] {
        assert!(
            inside.contains(&at.load(Ordering::Relaxed)),
            "{what} outside tx_buf: build the frame in tx_buf itself, with no second buffer"
        );
    }
    hprintln!("frame: {:02x?}", &tx_buf[..frame_len]);

    board::exit_success()
}
