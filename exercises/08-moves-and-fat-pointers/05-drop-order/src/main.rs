//! Exercise 8.5: Release in order
//!
//! Two guards share the SPI bus: `BusLock` keeps other drivers off the bus, `ChipSelect` holds
//! the flash chip's select line low. Each releases its resource in `Drop`. The chip select must
//! go high before the bus is unlocked, or the next driver's clock reaches a chip that is still
//! listening. The program records what happens on the bus and stops at the first violation.
//! Make both `read_id` and `Transaction` release in the right order, without changing any
//! `Drop` and without calling `drop` yourself: those two are yours, everything else is the
//! harness, and `main` runs both and prints the trace.
//!
//! Done when `cargo workbook run drop-order` says PASS, or when `cargo run` in this folder prints
//! what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint drop-order`
#![no_std]
#![no_main]

use core::cell::{Cell, RefCell};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// ANCHOR: bus
/// The SPI bus, with a record of what happened on it.
struct SpiBus {
    locked: Cell<bool>,
    selected: Cell<bool>,
    trace: RefCell<heapless::Vec<&'static str, 32>>,
}

impl SpiBus {
    fn record(&self, event: &'static str) {
        // A full trace drops the event: the checks below do not depend on it.
        let _ = self.trace.borrow_mut().push(event);
    }

    /// Locks the bus for this driver until the guard is dropped.
    fn lock(&self) -> BusLock<'_> {
        assert!(!self.locked.get(), "the bus is already locked");
        self.locked.set(true);
        self.record("bus locked");
        BusLock { bus: self }
    }

    /// Pulls the flash chip's select line low until the guard is dropped.
    fn select_flash(&self) -> ChipSelect<'_> {
        assert!(self.locked.get(), "chip select low on a bus nobody locked");
        self.selected.set(true);
        self.record("CS low");
        ChipSelect { bus: self }
    }

    /// Sends the flash chip's "read JEDEC id" command and returns the id.
    fn read_jedec_id(&self) -> u32 {
        assert!(self.locked.get() && self.selected.get());
        self.record("transfer 0x9f");
        0x00EF_4017
    }
}

/// The bus is ours while this lives.
struct BusLock<'a> {
    bus: &'a SpiBus,
}

impl BusLock<'_> {
    /// The id an earlier transaction read, if the driver kept it: none here.
    fn cached_id(&self) -> Option<u32> {
        None
    }
}

impl Drop for BusLock<'_> {
    fn drop(&mut self) {
        self.bus.record("bus unlocked");
        if self.bus.selected.get() {
            print_trace(self.bus, "trace");
            panic!("the bus was unlocked while a chip select was still low");
        }
        self.bus.locked.set(false);
    }
}

/// The flash chip's select line is low while this lives.
struct ChipSelect<'a> {
    bus: &'a SpiBus,
}

impl Drop for ChipSelect<'_> {
    fn drop(&mut self) {
        self.bus.selected.set(false);
        self.bus.record("CS high");
    }
}
// ANCHOR_END: bus

// ANCHOR: read_id
/// Reads the flash chip's id in one transaction. The guards are declared at the top, as C89
/// wanted variables declared, and given their values later.
fn read_id(bus: &SpiBus) -> u32 {
    // TODO: which of these two guards is dropped first at the closing brace?
    let _cs: ChipSelect;
    let _lock: BusLock;
    _lock = bus.lock();
    _cs = bus.select_flash();
    bus.read_jedec_id()
}
// ANCHOR_END: read_id

// ANCHOR: transaction
/// A transaction that a driver keeps open across calls: both guards in one value.
struct Transaction<'a> {
    // TODO: which field is dropped first?
    lock: BusLock<'a>,
    cs: ChipSelect<'a>,
}

impl Transaction<'_> {
    fn read_jedec_id(&self) -> u32 {
        assert!(core::ptr::eq(self.lock.bus, self.cs.bus), "two buses");
        self.cs.bus.read_jedec_id()
    }
}
// ANCHOR_END: transaction

/// Prints the trace and empties it.
fn print_trace(bus: &SpiBus, title: &str) {
    hprintln!("{title}:");
    for event in bus.trace.borrow_mut().drain(..) {
        hprintln!("  {event}");
    }
}

#[entry]
fn main() -> ! {
    let bus = SpiBus {
        locked: Cell::new(false),
        selected: Cell::new(false),
        trace: RefCell::new(heapless::Vec::new()),
    };

    // ANCHOR: main
    let id = read_id(&bus);
    print_trace(&bus, "read_id");
    hprintln!("  -> id {id:#08x}");

    let id = {
        let transaction = Transaction {
            lock: bus.lock(),
            cs: bus.select_flash(),
        };
        transaction.read_jedec_id()
    };
    print_trace(&bus, "Transaction");
    hprintln!("  -> id {id:#08x}");
    // ANCHOR_END: main

    // ANCHOR: if_let
    // Edition 2024: the guard `bus.lock()` returns here is a temporary, dropped before `else`
    // runs, so `else` can lock the bus again.
    if let Some(id) = bus.lock().cached_id() {
        hprintln!("cached id {id:#08x}");
    } else {
        let _lock = bus.lock();
        bus.record("in else");
    }
    print_trace(&bus, "if let ... else");
    // ANCHOR_END: if_let

    board::exit_success()
}
