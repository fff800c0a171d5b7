//! Exercise 3.4: The event log in .bss (the solution).
//!
//! One field of `EVENT_LOG`, its format version, started non-zero, and that put the whole
//! kilobyte in `.data`: 1 KiB of RAM plus 1 KiB of flash for the initial values. Now every byte
//! starts at zero, so the log is in `.bss` (RAM only), and `init_event_log` writes the version
//! first thing in `main`.
//!
//! Check it: `cargo workbook run event-log-in-bss` says PASS, or `cargo run` in this folder prints
//! what `exercises/03-memory-layout/04-event-log-in-bss/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint event-log-in-bss`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::mem::size_of;
use core::sync::atomic::{AtomicU32, Ordering};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// ANCHOR: log
/// The version of the log's layout, which the host tool checks before it reads the entries.
const LOG_FORMAT: u32 = 3;

/// A log in RAM: 4 + 4 + 254 × 4 = 1024 bytes.
struct EventLog {
    /// `LOG_FORMAT` once the log is ready to be read.
    format: AtomicU32,
    /// How many events have been logged.
    count: AtomicU32,
    entries: [AtomicU32; 254],
}

/// All zeros at reset: `.bss`, which costs no flash. `init_event_log` sets the format.
static EVENT_LOG: EventLog = EventLog {
    format: AtomicU32::new(0),
    count: AtomicU32::new(0),
    entries: [const { AtomicU32::new(0) }; 254],
};
// ANCHOR_END: log

/// Appends an event code to the log; the oldest entries are overwritten once it is full.
fn log_event(code: u32) {
    let index = EVENT_LOG.count.fetch_add(1, Ordering::Relaxed) as usize;
    EVENT_LOG.entries[index % EVENT_LOG.entries.len()].store(code, Ordering::Relaxed);
}

/// The budget for `.data`: its size in RAM, and the same again in flash for its initial values.
const DATA_BUDGET: usize = 64;

// ANCHOR: symbols
// cortex-m-rt's link.x: `.data` runs from __sdata to __edata in RAM (its initial values are in
// flash, from __sidata on); `.bss` runs from __sbss to __ebss. Only their addresses mean something.
unsafe extern "C" {
    static __sdata: u8;
    static __edata: u8;
    static __sbss: u8;
    static __ebss: u8;
}
// ANCHOR_END: symbols

// ANCHOR: init
/// Runs first thing in `main`, before any event is logged.
fn init_event_log() {
    // The one non-zero field, written at run time instead of copied from flash at reset.
    EVENT_LOG.format.store(LOG_FORMAT, Ordering::Relaxed);
}
// ANCHOR_END: init

// ANCHOR: main
#[entry]
fn main() -> ! {
    init_event_log();

    let log = (&raw const EVENT_LOG).addr();
    let data = (&raw const __sdata).addr()..(&raw const __edata).addr();
    let bss = (&raw const __sbss).addr()..(&raw const __ebss).addr();
    let section = if data.contains(&log) {
        ".data (RAM, and its initial value in flash)"
    } else if bss.contains(&log) {
        ".bss (RAM only)"
    } else {
        "neither .data nor .bss"
    };
    hprintln!("EVENT_LOG: {} bytes in {section}", size_of::<EventLog>());

    for code in [0x0101, 0x0203, 0x0104] {
        log_event(code);
    }
    let count = EVENT_LOG.count.load(Ordering::Relaxed) as usize;
    hprintln!(
        "log format {}, {count} events:",
        EVENT_LOG.format.load(Ordering::Relaxed)
    );
    for entry in &EVENT_LOG.entries[..count] {
        hprintln!("  {:#06x}", entry.load(Ordering::Relaxed));
    }

    let data_size = data.len();
    let verdict = if data_size <= DATA_BUDGET {
        "within"
    } else {
        "over"
    };
    hprintln!(".data: {verdict} the budget of {DATA_BUDGET} bytes");
    assert!(
        data_size <= DATA_BUDGET,
        ".data is {data_size} bytes of RAM plus {data_size} of flash, over the budget of \
         {DATA_BUDGET} bytes"
    );
    board::exit_success()
}
// ANCHOR_END: main
