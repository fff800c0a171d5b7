//! Exercise 6.4: What smart pointers cost
//!
//! On the `microbit` machine (a Cortex-M0), this program prints how many bytes `Box`, `Rc`,
//! `RefCell` and their friends take, on the stack and on the heap. The display and the radio
//! code share one calibration table, and whoever wrote it reached for `Arc`, as in a program
//! with threads. It does not compile for `thumbv6m-none-eabi`. Share the table with something
//! this core can build.
//!
//! Done when `cargo workbook run smart-pointer-costs` says PASS, or when `cargo run` in this
//! folder prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint smart-pointer-costs`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

extern crate alloc;

// ANCHOR: imports
use alloc::boxed::Box;
// TODO: `alloc::sync` is compiled only for targets that have atomic read-modify-write.
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::cell::RefCell;
use core::mem::size_of;
// ANCHOR_END: imports
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use embedded_alloc::LlffHeap;

#[global_allocator]
static HEAP: LlffHeap = LlffHeap::empty();

/// Gain corrections for the 16 channels of the ADC, in 1/1000: 32 bytes.
#[derive(Clone, Copy)]
struct Calibration {
    gain: [i16; 16],
}

const FACTORY_CALIBRATION: Calibration = Calibration { gain: [1000; 16] };

/// The heap bytes that `allocate` takes, measured with `LlffHeap::used`.
fn heap_bytes<T>(allocate: impl FnOnce() -> T) -> usize {
    let before = HEAP.used();
    let value = allocate();
    let taken = HEAP.used() - before;
    drop(value);
    taken
}

// ANCHOR: main
#[entry]
fn main() -> ! {
    // SAFETY: called once, before the first allocation.
    unsafe {
        embedded_alloc::init!(HEAP, 1024);
    }
    let data = size_of::<Calibration>();
    hprintln!(
        "Calibration: {data} bytes; a pointer: {} bytes",
        size_of::<usize>()
    );

    hprintln!("size_of, where the value lives:");
    hprintln!(
        "  Box<Calibration>          {:>2}",
        size_of::<Box<Calibration>>()
    );
    hprintln!(
        "  Option<Box<Calibration>>  {:>2}",
        size_of::<Option<Box<Calibration>>>()
    );
    hprintln!("  Vec<i16>                  {:>2}", size_of::<Vec<i16>>());
    hprintln!(
        "  Arc<Calibration>           {:>2}",
        size_of::<Arc<Calibration>>()
    );
    hprintln!(
        "  RefCell<Calibration>      {:>2}",
        size_of::<RefCell<Calibration>>()
    );

    hprintln!("heap bytes per allocation:");
    let boxed = heap_bytes(|| Box::new(FACTORY_CALIBRATION));
    hprintln!("  Box::new                  {boxed:>2}");
    let counted = heap_bytes(|| Arc::new(FACTORY_CALIBRATION));
    hprintln!(
        "  Arc::new                   {counted:>2}  (+{} for the counts)",
        counted - data
    );
    let shared_cell = heap_bytes(|| Arc::new(RefCell::new(FACTORY_CALIBRATION)));
    hprintln!("  Arc::new(RefCell::new(..)) {shared_cell:>2}");

    // The display and the radio code share one table.
    let calibration = Arc::new(FACTORY_CALIBRATION);
    let before = HEAP.used();
    let for_display = Arc::clone(&calibration);
    let for_radio = Arc::clone(&calibration);
    hprintln!(
        "two clones: {} heap bytes more, strong count {}",
        HEAP.used() - before,
        Arc::strong_count(&calibration)
    );
    hprintln!(
        "display gain {}, radio gain {}",
        for_display.gain[0],
        for_radio.gain[15]
    );
    board::exit_success()
}
// ANCHOR_END: main
