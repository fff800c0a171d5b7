//! Exercise 12.1: a frame parser that cannot panic, proven when it links.
//!
//! `parse_frame` reads a sensor's frame off the UART. Written the way C is written, it indexes
//! the frame, unwraps, adds and divides: each of those is a branch to the panic handler when the
//! bytes are not what it expects, and a UART delivers every kind of byte. In firmware a panic is
//! a reset, or a hang.
//!
//! This program proves there is no such branch: its panic handler is the `panic-never` crate's,
//! which calls a function that does not exist. If the optimised program can still reach a
//! panic, the link fails with "your program contains at least one panicking branch".
//!
//! What to do: rewrite the body of `parse_frame` (the `// TODO`) so that no input can make it
//! panic: `get` and `split_first` instead of `[ ]`, a slice pattern instead of `try_into().unwrap()`,
//! `checked_div` instead of `/`, `wrapping_add` where the protocol wraps. Keep what it returns for
//! every frame: the order of its checks is the protocol's. No `unsafe`.
//!
//! How to know it worked: `cargo workbook run panic-free-parser` links, and prints the eight
//! frames' results and the counts of 1000 random frames that `expected.out` holds.
#![no_std]
#![no_main]

use core::hint::black_box;
use cortex_m_rt::entry;
use cortex_m_semihosting::hio;
// ANCHOR: panic_never
// The panic handler: it refers to a symbol that no library defines, so the program links only if
// the optimiser removed every call to it.
use panic_never as _;
// ANCHOR_END: panic_never

/// A frame from the sensor's UART: the start byte, the payload's length, the payload (channel,
/// raw reading as a little-endian `u16`, divisor) and a checksum, the payload's bytes added
/// modulo 256.
const START: u8 = 0xAA;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub channel: u8,
    pub value: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameError {
    NoStart,
    Truncated,
    ShortPayload,
    Checksum,
    ZeroDivisor,
}

// ANCHOR: parse
pub fn parse_frame(frame: &[u8]) -> Result<Reading, FrameError> {
    let (&start, rest) = frame.split_first().ok_or(FrameError::Truncated)?;
    if start != START {
        return Err(FrameError::NoStart);
    }
    let (&len, rest) = rest.split_first().ok_or(FrameError::Truncated)?;
    let payload = rest.get(..usize::from(len)).ok_or(FrameError::Truncated)?;
    let &checksum = rest.get(usize::from(len)).ok_or(FrameError::Truncated)?;
    let sum = payload
        .iter()
        .fold(0u8, |sum, &byte| sum.wrapping_add(byte));
    if sum != checksum {
        return Err(FrameError::Checksum);
    }
    let &[channel, raw_lo, raw_hi, divisor, ..] = payload else {
        return Err(FrameError::ShortPayload);
    };
    let raw = u16::from_le_bytes([raw_lo, raw_hi]);
    let value = raw
        .checked_div(u16::from(divisor))
        .ok_or(FrameError::ZeroDivisor)?;
    Ok(Reading { channel, value })
}
// ANCHOR_END: parse

/// Frames as the UART delivered them: good ones, and the damaged ones a real line delivers too.
static FRAMES: [&[u8]; 8] = [
    &[0xAA, 4, 3, 0x66, 0x08, 1, 0x72],
    &[0xAA, 4, 7, 0x10, 0x27, 10, 0x48],
    &[0xAA, 4, 9, 0xFF, 0xFF, 0xFF, 0x06],
    &[0x55, 4, 3, 0x66, 0x08, 1, 0x72],
    &[0xAA, 4, 3, 0x66],
    &[0xAA, 4, 3, 0x66, 0x08, 1, 0x73],
    &[0xAA, 2, 3, 0x66, 0x69],
    &[0xAA, 4, 3, 0x66, 0x08, 0, 0x71],
];

/// How many random frames the harness feeds the parser after the eight above.
const RANDOM_FRAMES: u32 = 1000;

#[entry]
fn main() -> ! {
    let Ok(mut out) = hio::hstdout() else {
        board::exit_failure()
    };
    for (number, frame) in (0u32..).zip(FRAMES.iter()) {
        // The optimiser must not see the frames: each one could be any bytes at all.
        let result = parse_frame(black_box(frame));
        write(&mut out, b"frame ");
        write_decimal(&mut out, number);
        match result {
            Ok(reading) => {
                write(&mut out, b": channel ");
                write_decimal(&mut out, u32::from(reading.channel));
                write(&mut out, b", value ");
                write_decimal(&mut out, u32::from(reading.value));
                write(&mut out, b"\n");
            }
            Err(error) => {
                write(&mut out, b": ");
                write(&mut out, error_name(error));
                write(&mut out, b"\n");
            }
        }
    }
    random_frames(&mut out);
    board::exit_success()
}

/// Feeds the parser frames of random bytes (most with a start byte, many with a consistent
/// length and a right checksum) and prints how it classified them: a parser that is right only on
/// the eight frames above prints other counts.
fn random_frames(out: &mut hio::HostStream) {
    let mut seed: u32 = 0x1234_5678;
    let mut next = move || {
        // xorshift32: the same sequence on every run.
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed
    };
    let mut counts = [0u32; 6];
    let mut sum_of_values: u32 = 0;
    for _ in 0..RANDOM_FRAMES {
        let mut buffer = [0u8; 10];
        for byte in buffer.iter_mut() {
            *byte = next() as u8;
        }
        let length = (next() % 11) as usize;
        let frame = buffer.get_mut(..length).unwrap_or_default();
        let shape = next();
        if shape & 3 != 0
            && let Some(start) = frame.first_mut()
        {
            *start = START;
        }
        let payload_length = frame.len().saturating_sub(3) as u8;
        if shape & 4 != 0
            && let Some(len) = frame.get_mut(1)
        {
            *len = payload_length;
        }
        if shape & 16 != 0
            && let Some(divisor) = frame.get_mut(5)
        {
            *divisor = 0;
        }
        if shape & 8 != 0
            && let Some((checksum, head)) = frame.split_last_mut()
        {
            let payload = head.get(2..).unwrap_or_default();
            *checksum = payload
                .iter()
                .fold(0u8, |sum, &byte| sum.wrapping_add(byte));
        }
        let slot = match parse_frame(black_box(frame)) {
            Ok(reading) => {
                sum_of_values = sum_of_values.wrapping_add(u32::from(reading.value));
                0
            }
            Err(FrameError::NoStart) => 1,
            Err(FrameError::Truncated) => 2,
            Err(FrameError::ShortPayload) => 3,
            Err(FrameError::Checksum) => 4,
            Err(FrameError::ZeroDivisor) => 5,
        };
        if let Some(count) = counts.get_mut(slot) {
            *count = count.wrapping_add(1);
        }
    }
    write_decimal(out, RANDOM_FRAMES);
    write(out, b" random frames:");
    let names: [&[u8]; 6] = [
        b" readings ",
        b", no start byte ",
        b", truncated ",
        b", payload too short ",
        b", bad checksum ",
        b", divisor is zero ",
    ];
    for (name, &count) in names.iter().zip(counts.iter()) {
        write(out, name);
        write_decimal(out, count);
    }
    write(out, b"; the readings' values add up to ");
    write_decimal(out, sum_of_values);
    write(out, b"\n");
}

fn error_name(error: FrameError) -> &'static [u8] {
    match error {
        FrameError::NoStart => b"no start byte",
        FrameError::Truncated => b"truncated",
        FrameError::ShortPayload => b"payload too short",
        FrameError::Checksum => b"bad checksum",
        FrameError::ZeroDivisor => b"divisor is zero",
    }
}

/// Writes bytes to the host's stdout. Not `hprintln!`: `core::fmt` has panicking branches of its
/// own, which would fail the link whatever `parse_frame` does.
fn write(out: &mut hio::HostStream, bytes: &[u8]) {
    // Nothing to do if the host stops listening: the run ends without the expected output.
    let _ = out.write_all(bytes);
}

/// `n` in decimal, without `core::fmt`.
fn write_decimal(out: &mut hio::HostStream, mut n: u32) {
    let mut digits = [b'0'; 10];
    for slot in digits.iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let first = digits.iter().position(|&d| d != b'0').unwrap_or(9);
    write(out, digits.get(first..).unwrap_or_default());
}
