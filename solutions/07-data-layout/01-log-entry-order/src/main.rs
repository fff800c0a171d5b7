//! Exercise 7.1: Reorder the log entry (the solution).
//!
//! `LogEntry` is `repr(C)`, so its fields stay in the order they are declared and C's rules put
//! padding before every field that needs more alignment than the bytes before it leave. Declared
//! from the largest alignment to the smallest, the same five fields need 12 bytes instead of 16,
//! and the log of a hundred entries fits its budget. Under the struct, assertions lock the
//! layout the C tool reads and the budget, so that a later change which breaks either one fails
//! to compile.
//!
//! Check it: `cargo workbook run log-entry-order` says PASS, or `cargo run` in this folder prints
//! what `exercises/07-data-layout/01-log-entry-order/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint log-entry-order`
#![no_std]
#![no_main]

use board::figure::print_layout;
use board::layout_field as field;
use core::mem::{align_of, offset_of, size_of};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use static_assertions::{const_assert, const_assert_eq};

// ANCHOR: entry
/// One entry of the sensor log. `repr(C)`: the host's C tool reads the log straight out of RAM
/// through the debugger, so it must find each field where a C compiler would put it.
#[repr(C)]
#[derive(Clone, Copy)]
struct LogEntry {
    timestamp: u32,
    reading: i16,
    valid: bool,
    channel: u8,
    sensor: u8,
}
// ANCHOR_END: entry

// ANCHOR: locks
// The layout the C tool's header declares, and the log's budget: a change to `LogEntry` that
// moves a field or grows the log fails the build here, not the tool on the bench.
const_assert_eq!(size_of::<LogEntry>(), 12);
const_assert_eq!(offset_of!(LogEntry, timestamp), 0);
const_assert_eq!(offset_of!(LogEntry, reading), 4);
const_assert_eq!(offset_of!(LogEntry, valid), 6);
const_assert_eq!(offset_of!(LogEntry, channel), 7);
const_assert_eq!(offset_of!(LogEntry, sensor), 8);
const_assert!(size_of::<[LogEntry; LOG_ENTRIES]>() <= LOG_BUDGET);
// ANCHOR_END: locks

// ANCHOR: rust-entry
/// The same fields in the starter's order, in the default representation: the compiler is free
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
        timestamp: 0,
        reading: 0,
        valid: false,
        channel: 0,
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
            field!(LogEntry, timestamp: u32),
            field!(LogEntry, reading: i16),
            field!(LogEntry, valid: bool),
            field!(LogEntry, channel: u8),
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
