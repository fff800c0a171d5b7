//! Exercise 1.5: The dangling reading (the solution).
//!
//! `format_celsius` writes into a buffer its caller lends it, and the `&str` it returns borrows
//! that buffer: the text lives as long as the caller's buffer, not as long as the call.
//!
//! Check it: `cargo workbook run dangling-reading` says PASS, or `cargo run` in this folder
//! prints what `exercises/01-ownership/05-dangling-reading/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint dangling-reading`
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

/// Readings from the temperature sensors, in millidegrees Celsius.
const SENSOR_READINGS: [i32; 4] = [23_456, -5_250, 0, 104_900];

/// Room for the longest text: `i32::MIN` gives "-2147483.6 C".
const TEXT_LEN: usize = 12;

/// Writes `digits` (at most 10) in decimal at `out[at..]`; returns the index after the last one.
fn write_decimal(out: &mut [u8; TEXT_LEN], at: usize, digits: u32) -> usize {
    let mut reversed = [0u8; 10];
    let mut count = 0;
    let mut rest = digits;
    loop {
        reversed[count] = b'0' + (rest % 10) as u8;
        count += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for (index, &digit) in reversed[..count].iter().rev().enumerate() {
        out[at + index] = digit;
    }
    at + count
}

// ANCHOR: format
/// `millideg` as text with one decimal, such as "23.4 C", written into `out`. No heap, no
/// `core::fmt`. The returned `&str` borrows `out`: elision gives it `out`'s lifetime.
fn format_celsius(out: &mut [u8; TEXT_LEN], millideg: i32) -> &str {
    let mut len = 0;
    if millideg < 0 {
        out[0] = b'-';
        len = 1;
    }
    // Tenths of a degree, truncated towards zero.
    let tenths = millideg.unsigned_abs() / 100;
    len = write_decimal(out, len, tenths / 10);
    out[len] = b'.';
    out[len + 1] = b'0' + (tenths % 10) as u8;
    out[len + 2..len + 4].copy_from_slice(b" C");
    core::str::from_utf8(&out[..len + 4]).unwrap()
}
// ANCHOR_END: format

/// Prints one reading's text, after checking where it is: in a buffer on the stack, lent by
/// the caller, rather than in a static that every call would share.
fn print_reading(sensor: usize, text: &str) {
    let stack = board::layout::stack_bottom()..board::layout::stack_top();
    assert!(
        stack.contains(&text.as_ptr().addr()),
        "the text of sensor {sensor} is not on the stack: lend format_celsius a buffer of the caller's"
    );
    hprintln!("sensor {}: {}", sensor, text);
}

// ANCHOR: main
/// Formats every reading and prints it.
fn report_readings() {
    let mut text_buf = [0u8; TEXT_LEN];
    for (sensor, &millideg) in SENSOR_READINGS.iter().enumerate() {
        let text = format_celsius(&mut text_buf, millideg);
        print_reading(sensor, text);
    }
}
// ANCHOR_END: main

#[entry]
fn main() -> ! {
    report_readings();
    board::exit_success()
}
