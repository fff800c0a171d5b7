//! Exercise 2.4: Sensor readings in radio frames (the solution).
//!
//! `write_str` refuses a piece of text that does not fit with `Err(fmt::Error)`, and copies
//! nothing. `main` remembers where the reading started: when `write!` fails, the pieces that did
//! fit are cut off again, the frame is sent, and the whole reading goes into the next frame.
//!
//! Check it: `cargo workbook run sensor-frames` says PASS, or `cargo run` in this folder prints
//! what `exercises/02-no-std/04-sensor-frames/expected.out` holds and exits 0.
#![no_std]
#![no_main]

use core::fmt::{self, Write};
use core::sync::atomic::{AtomicUsize, Ordering};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// ANCHOR: frame
/// The payload of one radio frame.
struct RadioFrame {
    payload: [u8; 24],
    len: usize,
}

impl RadioFrame {
    const fn new() -> RadioFrame {
        RadioFrame {
            payload: [0; 24],
            len: 0,
        }
    }

    fn as_bytes(&self) -> &[u8] {
        &self.payload[..self.len]
    }
}

impl fmt::Write for RadioFrame {
    /// Appends `text`. `write!` calls this once for every piece of the formatted text.
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let end = self.len + text.len();
        // All or nothing: a piece that does not fit is refused, and nothing of it is copied.
        let room = self.payload.get_mut(self.len..end).ok_or(fmt::Error)?;
        room.copy_from_slice(text.as_bytes());
        self.len = end;
        Ok(())
    }
}
// ANCHOR_END: frame

/// One reading, in tenths of its unit, so that no floating-point formatting is needed.
struct Reading {
    name: &'static str,
    tenths: i32,
    unit: &'static str,
}

impl fmt::Display for Reading {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.tenths < 0 { "-" } else { "" };
        let magnitude = self.tenths.unsigned_abs();
        write!(
            f,
            "{}={}{}.{}{};",
            self.name,
            sign,
            magnitude / 10,
            magnitude % 10,
            self.unit
        )
    }
}

const READINGS: [Reading; 5] = [
    Reading {
        name: "t",
        tenths: 231,
        unit: "C",
    },
    Reading {
        name: "rh",
        tenths: 456,
        unit: "%",
    },
    Reading {
        name: "p",
        tenths: 10_132,
        unit: "hPa",
    },
    Reading {
        name: "t2",
        tenths: -48,
        unit: "C",
    },
    Reading {
        name: "vbat",
        tenths: 36,
        unit: "V",
    },
];

/// How many readings the frames sent so far carried: `main` checks that none was lost.
static READINGS_SENT: AtomicUsize = AtomicUsize::new(0);

/// Hands a frame to the radio; here, prints it. A frame carries whole readings only: each one
/// ends with `;`, so a frame that does not is a reading cut in two.
fn send(frame: &RadioFrame) {
    hprintln!(
        "tx {:2} bytes: {}",
        frame.len,
        frame.as_bytes().escape_ascii()
    );
    assert!(
        frame.as_bytes().last() == Some(&b';'),
        "a frame ends in the middle of a reading: a reading must go whole into one frame"
    );
    let readings = frame
        .as_bytes()
        .iter()
        .filter(|&&byte| byte == b';')
        .count();
    READINGS_SENT.fetch_add(readings, Ordering::Relaxed);
}

// ANCHOR: main
/// Sends all of `readings` in as few frames as they fit in, each reading whole in one frame.
fn send_readings(readings: &[Reading]) {
    let mut frame = RadioFrame::new();
    for reading in readings {
        let start = frame.len;
        if write!(frame, "{reading}").is_err() {
            // `write!` stopped at the first piece that did not fit: cut off those before it.
            frame.len = start;
            send(&frame);
            frame = RadioFrame::new();
            write!(frame, "{reading}").expect("a reading is longer than a whole frame");
        }
    }
    send(&frame);
}
// ANCHOR_END: main

#[entry]
fn main() -> ! {
    send_readings(&READINGS);
    let sent = READINGS_SENT.load(Ordering::Relaxed);
    assert!(
        sent == READINGS.len(),
        "the frames carried {sent} readings of {}: no reading may be lost",
        READINGS.len()
    );

    // `write_str` must refuse a piece that does not fit: neither panic nor say Ok and drop it.
    let mut nearly_full = RadioFrame::new();
    nearly_full.len = nearly_full.payload.len() - 2;
    assert!(
        nearly_full.write_str("t=1;").is_err(),
        "write_str said Ok to a piece that does not fit in the frame"
    );

    // ANCHOR: heapless
    // heapless::String<N> implements `fmt::Write` in the same way: each piece is appended whole
    // or not at all, and a piece that does not fit ends the `write!` with `Err(fmt::Error)`.
    let mut label: heapless::String<8> = heapless::String::new();
    let result = write!(label, "{}", READINGS[2]);
    // `"{}"`, not `{:?}`: a string's `Debug` escapes each character, with core's Unicode tables,
    // and takes 6 KiB of flash in the release build.
    hprintln!("heapless::String<8>: {:?}, holds \"{}\"", result, label);
    // ANCHOR_END: heapless

    board::exit_success()
}
