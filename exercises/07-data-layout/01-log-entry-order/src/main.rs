//! Exercise 7.1: Reorder the log entry
//!
//! The sensor log holds a hundred `LogEntry`s and may take 1200 bytes of RAM. It takes more: the
//! starter stops with a panic that says how much. `LogEntry` is `repr(C)` (a C tool reads it), so
//! the compiler keeps its fields in the order they are declared and pads between them. Change
//! the order of the fields in `LogEntry`, nothing else: the same fields, the same types, still
//! `repr(C)`. Any order that fits is right. Everything else is the harness: `main` prints the
//! layout whatever order you choose, and checks that the log fits its budget, that the fields lie
//! in the order you declared them (as `repr(C)` promises the C tool), and that every field is
//! aligned.
//!
//! Done when `cargo workbook run log-entry-order` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint log-entry-order`
#![no_std]
#![no_main]

use board::figure::print_layout;
use board::layout_field as field;
use core::fmt::Write;
use core::mem::{align_of, size_of};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// ANCHOR: entry
/// One entry of the sensor log. `repr(C)`: the host's C tool reads the log straight out of RAM
/// through the debugger, so it must find each field where a C compiler would put it.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
struct LogEntry {
    // TODO: the order of these fields costs 4 bytes of padding per entry. Any order that fits
    // the budget is right.
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

// The types the C tool's header declares: a field of another type does not compile here.
const _: fn(LogEntry) -> (bool, u32, u8, i16, u8) = |entry| {
    (
        entry.valid,
        entry.timestamp,
        entry.channel,
        entry.reading,
        entry.sensor,
    )
};

/// Where each field's name first appears in `LogEntry`'s derived `Debug` text, which lists the
/// fields in the order they are declared.
fn declared_at(names: [&str; 5]) -> [usize; 5] {
    /// The text `Debug` writes, in a buffer on the stack.
    struct Text {
        bytes: [u8; 128],
        len: usize,
    }
    impl Write for Text {
        fn write_str(&mut self, text: &str) -> core::fmt::Result {
            let end = self.len + text.len();
            let room = self.bytes.get_mut(self.len..end).ok_or(core::fmt::Error)?;
            room.copy_from_slice(text.as_bytes());
            self.len = end;
            Ok(())
        }
    }
    let mut text = Text {
        bytes: [0; 128],
        len: 0,
    };
    write!(text, "{:?}", LogEntry::EMPTY).expect("LogEntry's Debug text fits 128 bytes");
    let text = &text.bytes[..text.len];
    names.map(|name| {
        // `{ name: ` or `, name: `: a field, not a value.
        text.windows(name.len() + 2)
            .position(|w| {
                w[0] == b' ' && w[1..=name.len()] == *name.as_bytes() && w[name.len() + 1] == b':'
            })
            .expect("every field of LogEntry is in its Debug text")
    })
}

// ANCHOR: main
#[entry]
fn main() -> ! {
    // In the starter's order, whatever order the struct declares them in.
    let fields = [
        field!(LogEntry, valid: bool),
        field!(LogEntry, timestamp: u32),
        field!(LogEntry, channel: u8),
        field!(LogEntry, reading: i16),
        field!(LogEntry, sensor: u8),
    ];
    print_layout(
        "LogEntry",
        size_of::<LogEntry>(),
        align_of::<LogEntry>(),
        &fields,
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
    let fits = log_bytes <= LOG_BUDGET;
    hprintln!(
        "SENSOR_LOG: {} entries in {} bytes, {} the budget of {}",
        LOG_ENTRIES,
        log_bytes,
        if fits { "within" } else { "over" },
        LOG_BUDGET
    );
    assert!(
        fits,
        "SENSOR_LOG takes {log_bytes} bytes, over its budget of {LOG_BUDGET}"
    );

    // What the C tool relies on: the fields in the order they are declared, as `repr(C)` lays
    // them out, each at an offset its type's alignment allows, and entries a whole word apart.
    let declared = declared_at(fields.map(|(name, _, _)| name));
    for (field, &(name, start, _)) in fields.iter().enumerate() {
        for (other, &(other_name, other_start, _)) in fields.iter().enumerate() {
            assert!(
                declared[other] > declared[field] || other_start <= start,
                "{other_name} is declared before {name} but lies after it: keep LogEntry `repr(C)`, so that its fields lie in the order they are declared, where the C tool looks for them"
            );
        }
    }
    assert!(
        align_of::<LogEntry>() == align_of::<u32>(),
        "LogEntry is aligned to {}, not to its u32's 4: a packed entry puts the timestamp at addresses the C tool and the core read a byte at a time",
        align_of::<LogEntry>()
    );
    board::exit_success()
}
// ANCHOR_END: main
