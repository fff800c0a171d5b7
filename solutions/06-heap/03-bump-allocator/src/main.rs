//! Exercise 6.3: A bump allocator (the solution).
//!
//! `align_up` rounds an address up to the next multiple of the alignment, and `place` aligns the
//! address of the first free byte rather than its offset in the region: every block the
//! allocator hands out is aligned for its type.
//!
//! Check it: `cargo workbook run bump-allocator` says PASS (the QEMU run and the unit tests in
//! `src/lib.rs`), or `cargo run` in this folder prints what
//! `exercises/06-heap/03-bump-allocator/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint bump-allocator`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

extern crate alloc;

use alloc::{boxed::Box, sync::Arc, vec::Vec};
use bump_allocator::BumpAllocator;
use core::mem::{MaybeUninit, align_of, size_of};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// ANCHOR: heap
#[global_allocator]
static HEAP: BumpAllocator = BumpAllocator::new();

const HEAP_SIZE: usize = 256;

/// The heap's memory: a static in `.bss`, so the linker reserves it and `llvm-size` counts it.
/// Aligned to 8 so that the offsets printed below are the same on every build.
#[repr(C, align(8))]
struct HeapRegion([MaybeUninit<u8>; HEAP_SIZE]);

static mut HEAP_REGION: HeapRegion = HeapRegion([MaybeUninit::uninit(); HEAP_SIZE]);
// ANCHOR_END: heap

/// The region's first byte.
fn heap_start() -> usize {
    (&raw const HEAP_REGION).addr()
}

/// Prints where a block of `T` landed and stops the program if it is misaligned.
fn report<T>(what: &str, block: *const T, bytes: usize) {
    let address = block.addr();
    let align = align_of::<T>();
    hprintln!(
        "{what:<16} at heap+{:<3} size {bytes:>2}, align {align}",
        address - heap_start()
    );
    assert!(
        address.is_multiple_of(align),
        "{what} at {address:#x} is misaligned: its type needs {align}-byte alignment"
    );
}

// ANCHOR: main
#[entry]
fn main() -> ! {
    // SAFETY: called once, before the first allocation; nothing else uses `HEAP_REGION`.
    unsafe { HEAP.init((&raw mut HEAP_REGION).cast(), HEAP_SIZE) };

    let node_id = Box::new(0x2Au8);
    report("Box<u8>", &*node_id, size_of::<u8>());
    let uptime_s = Box::new(86_400u32);
    report("Box<u32>", &*uptime_s, size_of::<u32>());
    let channel = Box::new(11u16);
    report("Box<u16>", &*channel, size_of::<u16>());
    let energy_uj = Box::new(1_234_567_890_123u64);
    report("Box<u64>", &*energy_uj, size_of::<u64>());
    let mut samples: Vec<u32> = Vec::with_capacity(4);
    samples.extend([1010, 1013, 1009, 1012]);
    report("Vec<u32>, cap 4", samples.as_ptr(), 4 * size_of::<u32>());

    let data = 1 + 4 + 2 + 8 + 16;
    hprintln!(
        "used {} bytes: {data} of data, {} of padding",
        HEAP.used(),
        HEAP.used() - data
    );
    drop((node_id, uptime_s, channel, energy_uj, samples));
    hprintln!("after dropping them all: {} bytes used", HEAP.used());

    // An `Arc` on a core with atomics: one pointer where it lives, the value and its two
    // reference counts on the heap.
    let before = HEAP.used();
    let shared_gain = Arc::new(1000u32);
    hprintln!(
        "Arc<u32>: {} bytes where it lives, {} on the heap (the value and two counts)",
        size_of::<Arc<u32>>(),
        HEAP.used() - before
    );
    drop(shared_gain);
    board::exit_success()
}
// ANCHOR_END: main
