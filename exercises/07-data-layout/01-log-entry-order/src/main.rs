//! Exercise 7.1: Reorder the log entry
//!
//! The sensor log holds a hundred `LogEntry`s and may take 1200 bytes of RAM. It takes more: the
//! starter stops with a panic that says how much. `LogEntry` is `repr(C)` (a C tool reads it), so
//! the compiler keeps its fields in the order they are declared and pads between them. Change
//! the order, nothing else: the same fields, the same types, still `repr(C)`.
//!
//! Done when `cargo workbook run log-entry-order` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint log-entry-order`
#![no_std]
#![no_main]

use board::figure::print_layout;
use board::layout_field as field;
use core::mem::{align_of, size_of};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// ANCHOR: entry
/// One entry of the sensor log. `repr(C)`: the host's C tool reads the log straight out of RAM
/// through the debugger, so it must find each field where a C compiler would put it.
#[repr(C)]
#[derive(Clone, Copy)]
struct LogEntry {
    // TODO: the order of these fields costs 4 bytes of padding per entry.
    valid: bool,
    timestamp: u32,
    channel: u8,
    reading: i16,
    sensor: u8,
}
// ANCHOR_END: entry

// ANCHOR: rust-entry
/// The same fields in the same order, in the default representation: the compiler is free
/// to reorder them, and does.
#[allow(dead_code)]
struct LogEntryRust {
    valid: bool,
    timestamp: u32,
    channel: u8,
    reading: i16,
    sensor: u8,
}
// ANCHOR_END: rust-entry

/// Entries in the log.
const LOG_ENTRIES: usize = 100;
/// The RAM the log may take.
const LOG_BUDGET: usize = 1200;

impl LogEntry {
    const EMPTY: LogEntry = LogEntry {
        valid: false,
        timestamp: 0,
        channel: 0,
        reading: 0,
        sensor: 0,
    };
}

/// The log: a hundred entries, in RAM.
static mut SENSOR_LOG: [LogEntry; LOG_ENTRIES] = [LogEntry::EMPTY; LOG_ENTRIES];

// ANCHOR: main
#[entry]
fn main() -> ! {
    print_layout(
        "LogEntry",
        size_of::<LogEntry>(),
        align_of::<LogEntry>(),
        &[
            field!(LogEntry, valid: bool),
            field!(LogEntry, timestamp: u32),
            field!(LogEntry, channel: u8),
            field!(LogEntry, reading: i16),
            field!(LogEntry, sensor: u8),
        ],
    );
    print_layout(
        "LogEntryRust",
        size_of::<LogEntryRust>(),
        align_of::<LogEntryRust>(),
        &[
            field!(LogEntryRust, valid: bool),
            field!(LogEntryRust, timestamp: u32),
            field!(LogEntryRust, channel: u8),
            field!(LogEntryRust, reading: i16),
            field!(LogEntryRust, sensor: u8),
        ],
    );

    // The distance between two neighbours in the array: the stride, which is the size.
    let log = &raw const SENSOR_LOG;
    let first = log.cast::<LogEntry>();
    let stride = first.wrapping_add(1) as usize - first as usize;
    hprintln!("one entry to the next in SENSOR_LOG: {} bytes", stride);

    let log_bytes = size_of::<[LogEntry; LOG_ENTRIES]>();
    assert!(
        log_bytes <= LOG_BUDGET,
        "SENSOR_LOG takes {log_bytes} bytes, over its budget of {LOG_BUDGET}"
    );
    hprintln!(
        "SENSOR_LOG: {} entries in {} bytes, within the budget of {}",
        LOG_ENTRIES,
        log_bytes,
        LOG_BUDGET
    );
    board::exit_success()
}
// ANCHOR_END: main
