//! Exercise 6.5: The heap's high-water mark
//!
//! `CountingHeap` wraps `TlsfHeap` to measure how much of the heap the program needs at most:
//! beside it, `HeapCounters` (in `src/lib.rs`) counts the bytes in use and the highest that count
//! has been. Nothing updates them yet, so the program finds no heap use at all. Write
//! `count_alloc` and `count_dealloc` in `src/lib.rs`: this file is the harness and needs no
//! change. Then compare the two peaks it prints: the same report, grown line by line or reserved
//! at once.
//!
//! Done when `cargo workbook run heap-high-water-mark` says PASS: the program prints what
//! `expected.out` holds and exits 0, and the unit tests in `src/lib.rs` pass on the host, where
//! loom runs two allocations at once in every interleaving (`cargo test --lib --target
//! host-tuple` in this folder runs them alone).
//!
//! Stuck? `cargo workbook hint heap-high-water-mark`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

extern crate alloc;

use alloc::string::String;
use core::alloc::{GlobalAlloc, Layout};
use core::fmt::Write;
use core::mem::{MaybeUninit, size_of};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use embedded_alloc::{LlffHeap, TlsfHeap};
use heap_high_water_mark::{HeapCounters, count_alloc, count_dealloc};

// ANCHOR: counting_heap
/// `TlsfHeap`, with two counters beside it: the bytes in use now, and the most ever in use.
struct CountingHeap {
    heap: TlsfHeap,
    counters: HeapCounters,
}

// SAFETY: every call goes on to `TlsfHeap` unchanged; the counters are only bookkeeping, and
// updating them cannot fail or panic.
unsafe impl GlobalAlloc for CountingHeap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller keeps `GlobalAlloc::alloc`'s promises, which we pass on.
        let block = unsafe { self.heap.alloc(layout) };
        count_alloc(&self.counters, block, layout.size());
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: the caller keeps `GlobalAlloc::dealloc`'s promises, which we pass on.
        unsafe { self.heap.dealloc(block, layout) };
        count_dealloc(&self.counters, layout.size());
    }
}
// ANCHOR_END: counting_heap

#[global_allocator]
static HEAP: CountingHeap = CountingHeap {
    heap: TlsfHeap::empty(),
    counters: HeapCounters::new(),
};

const HEAP_SIZE: usize = 2048;

/// The heap's memory. `TlsfHeap` works in 16-byte units, and its `free()` in embedded-alloc 0.7.0
/// is only right for a region that starts on one and is a whole number of them (see the
/// allocator page): the type says where it starts, the assertion how long it is.
#[repr(C, align(16))]
struct HeapMemory([MaybeUninit<u8>; HEAP_SIZE]);

const _: () = assert!(
    HEAP_SIZE.is_multiple_of(16),
    "TlsfHeap::free() needs a region of whole 16-byte units"
);

static mut HEAP_MEMORY: HeapMemory = HeapMemory([MaybeUninit::uninit(); HEAP_SIZE]);

/// The status report the node sends every minute: one line per sensor.
fn status_report(report: &mut String) {
    for sensor in 0..8 {
        writeln!(
            report,
            "sensor {sensor}: {} mV, {} errors",
            3300 - 7 * sensor,
            sensor % 3
        )
        .unwrap();
    }
}

// ANCHOR: main
#[entry]
fn main() -> ! {
    // SAFETY: called once, before the first allocation; nothing else uses `HEAP_MEMORY`.
    unsafe { HEAP.heap.init((&raw mut HEAP_MEMORY).addr(), HEAP_SIZE) };
    hprintln!(
        "bookkeeping: TlsfHeap {} bytes, LlffHeap {} bytes; the region: {HEAP_SIZE} bytes",
        size_of::<TlsfHeap>(),
        size_of::<LlffHeap>()
    );

    // The report grows as it is written: each time it is full, `String` asks for a block twice
    // as large, copies, and frees the old one.
    HEAP.counters.reset_peak();
    let mut report = String::new();
    status_report(&mut report);
    hprintln!(
        "growing:    report {} bytes, capacity {}, peak {} bytes",
        report.len(),
        report.capacity(),
        HEAP.counters.peak()
    );
    drop(report);

    // The same report, with its capacity reserved before the first line.
    HEAP.counters.reset_peak();
    let mut report = String::with_capacity(256);
    status_report(&mut report);
    hprintln!(
        "reserved:   report {} bytes, capacity {}, peak {} bytes",
        report.len(),
        report.capacity(),
        HEAP.counters.peak()
    );
    drop(report);

    assert!(HEAP.counters.peak() > 0, "no heap use measured");
    hprintln!(
        "afterwards: {} bytes in use, {} free in TLSF",
        HEAP.counters.in_use(),
        HEAP.heap.free()
    );
    board::exit_success()
}
// ANCHOR_END: main
