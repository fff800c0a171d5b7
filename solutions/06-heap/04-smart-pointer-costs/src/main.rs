//! Exercise 6.4: What smart pointers cost (the solution).
//!
//! The Cortex-M0 has no atomic read-modify-write instructions, so `alloc::sync` and its `Arc`
//! do not exist for `thumbv6m-none-eabi`. The display and the radio code both run in `main`,
//! on one core: they can share the calibration table through an `Rc`, whose counts are plain
//! integers.
//!
//! Check it: `cargo workbook run smart-pointer-costs` says PASS, or `cargo run` in this folder
//! prints what `exercises/06-heap/04-smart-pointer-costs/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint smart-pointer-costs`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

extern crate alloc;

// ANCHOR: imports
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::vec::Vec;
use core::cell::RefCell;
use core::mem::size_of;
// ANCHOR_END: imports

// ANCHOR: shared
/// The counted pointer through which the display and the radio code share one table: `Rc`, whose
/// counts are plain integers, since both users run in `main`.
type Shared<T> = Rc<T>;
// ANCHOR_END: shared
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
    let mut name = [0u8; 64];
    let shared = short_type_name::<Shared<Calibration>>(&mut name);
    hprintln!("  {shared:<26}{:>2}", size_of::<Shared<Calibration>>());
    hprintln!(
        "  RefCell<Calibration>      {:>2}",
        size_of::<RefCell<Calibration>>()
    );

    // The pointer's own name, without its parameter: `Rc` for `Rc<()>`.
    let mut name = [0u8; 64];
    let pointer = short_type_name::<Shared<()>>(&mut name);
    let pointer = pointer.split('<').next().unwrap_or(pointer);
    hprintln!("heap bytes per allocation:");
    let boxed = heap_bytes(|| Box::new(FACTORY_CALIBRATION));
    hprintln!("  Box::new                  {boxed:>2}");
    let counted = heap_bytes(|| Shared::new(FACTORY_CALIBRATION));
    hprintln!(
        "  {pointer}::new{:pad$}{counted:>2}  (+{} for the counts)",
        "",
        counted - data,
        pad = 21usize.saturating_sub(pointer.len())
    );
    let shared_cell = heap_bytes(|| Shared::new(RefCell::new(FACTORY_CALIBRATION)));
    hprintln!(
        "  {pointer}::new(RefCell::new(..)){:pad$} {shared_cell:>2}",
        "",
        pad = 2usize.saturating_sub(pointer.len())
    );

    // The display and the radio code share one table.
    let calibration = Shared::new(FACTORY_CALIBRATION);
    let before = HEAP.used();
    let for_display = Shared::clone(&calibration);
    let for_radio = Shared::clone(&calibration);
    hprintln!(
        "two clones: {} heap bytes more, strong count {}",
        HEAP.used() - before,
        Shared::strong_count(&calibration)
    );
    hprintln!(
        "display gain {}, radio gain {}",
        for_display.gain[0],
        for_radio.gain[15]
    );
    board::exit_success()
}
// ANCHOR_END: main

/// The name of type `T` without its paths, written into `buffer`: `Rc<Calibration>` for
/// `alloc::rc::Rc<smart_pointer_costs::Calibration>`.
fn short_type_name<T: ?Sized>(buffer: &mut [u8; 64]) -> &str {
    let full = core::any::type_name::<T>().as_bytes();
    let mut len = 0;
    let mut at = 0;
    while at < full.len() {
        if full[at..].starts_with(b"::") {
            // A path separator: drop the segment just written before it.
            while len > 0 && (buffer[len - 1].is_ascii_alphanumeric() || buffer[len - 1] == b'_') {
                len -= 1;
            }
            at += 2;
        } else {
            buffer[len] = full[at];
            len += 1;
            at += 1;
        }
    }
    core::str::from_utf8(&buffer[..len]).unwrap_or("?")
}
