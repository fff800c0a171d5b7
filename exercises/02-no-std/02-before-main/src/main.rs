//! Exercise 2.2: Before main
//!
//! Before `main` runs, cortex-m-rt's reset handler copies the initial values of `.data` from flash
//! to RAM and fills `.bss` with zeros. This program proves it from the inside: it finds the flash
//! copies of the initial values of `RX_TIMEOUT_MS` and `RX_RETRIES`, shows that they still hold
//! 250 and 3 after the program has changed the statics, and checks that `RX_ERRORS` lies in
//! `.bss`, which nothing in flash initialises.
//!
//! `load_address_of` is wrong: it returns the address in RAM, so the program stops with a panic.
//! Make it return where the reset handler copied the value *from*.
//!
//! Done when `cargo workbook run before-main` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint before-main`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::ops::Range;
use core::sync::atomic::{AtomicU32, Ordering};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// ANCHOR: statics
/// Non-zero initial values: in `.data`. The 250 and the 3 are stored in flash and copied at reset.
static RX_TIMEOUT_MS: AtomicU32 = AtomicU32::new(250);
static RX_RETRIES: AtomicU32 = AtomicU32::new(3);
/// Zero initial value: in `.bss`. Nothing is stored; the reset handler writes zeros.
static RX_ERRORS: AtomicU32 = AtomicU32::new(0);
// ANCHOR_END: statics

// ANCHOR: symbols
// The boundaries cortex-m-rt's linker script (link.x) defines. Only their addresses mean
// anything: they mark places, and no value is stored at them.
unsafe extern "C" {
    /// First byte of `.data` in RAM.
    static __sdata: u8;
    /// One past the last byte of `.data` in RAM.
    static __edata: u8;
    /// First byte of `.data`'s initial image in flash (its load address).
    static __sidata: u8;
    /// First byte of `.bss`.
    static __sbss: u8;
    /// One past the last byte of `.bss`.
    static __ebss: u8;
}

/// `.data` in RAM.
fn data() -> Range<usize> {
    &raw const __sdata as usize..&raw const __edata as usize
}

/// `.bss` in RAM.
fn bss() -> Range<usize> {
    &raw const __sbss as usize..&raw const __ebss as usize
}

/// Where `.data`'s initial image starts in flash.
fn data_image() -> usize {
    &raw const __sidata as usize
}
// ANCHOR_END: symbols

// ANCHOR: load_address
/// The flash address the reset handler copied the initial value at `ram_address` from.
/// `ram_address` must lie in `.data`.
fn load_address_of(ram_address: usize) -> usize {
    assert!(data().contains(&ram_address), "not a .data address");
    // TODO: this is where the value lives now, in RAM, not where its initial value came from.
    ram_address
}
// ANCHOR_END: load_address

/// The initial value of the `.data` static at `ram_address`, read from where the reset handler
/// copied it from.
fn initial_value(ram_address: usize) -> u32 {
    let image = load_address_of(ram_address);
    assert!(
        board::layout::flash().contains(&image),
        "an initial value should come from flash, but {image:#010x} is not in flash"
    );
    let data_image = data_image()..data_image() + data().len();
    assert!(
        data_image.contains(&image),
        "{image:#010x} is in flash, but not in .data's initial image, where the reset handler copies from"
    );
    // SAFETY: `image` is in flash, inside `.data`'s image, and 4-aligned like `.data` itself;
    // flash never changes while the program runs.
    unsafe { core::ptr::read_volatile(image as *const u32) }
}

#[entry]
fn main() -> ! {
    // ANCHOR: main
    let timeout = &raw const RX_TIMEOUT_MS as usize;
    let retries = &raw const RX_RETRIES as usize;
    let both_in_data = data().contains(&timeout) && data().contains(&retries);
    hprintln!(
        "RX_TIMEOUT_MS and RX_RETRIES are in .data: {}",
        both_in_data
    );
    let show = || {
        let (now, initial) = (
            RX_TIMEOUT_MS.load(Ordering::Relaxed),
            initial_value(timeout),
        );
        hprintln!(
            "  RX_TIMEOUT_MS: {} ms in RAM, {} ms in flash",
            now,
            initial
        );
        let (now, initial) = (RX_RETRIES.load(Ordering::Relaxed), initial_value(retries));
        hprintln!("  RX_RETRIES:    {} in RAM, {} in flash", now, initial);
    };
    show();
    RX_TIMEOUT_MS.store(500, Ordering::Relaxed);
    RX_RETRIES.store(5, Ordering::Relaxed);
    hprintln!("after storing 500 and 5:");
    show();

    let errors = &raw const RX_ERRORS as usize;
    hprintln!(
        "RX_ERRORS is in .bss: {}, and reads {}",
        bss().contains(&errors),
        RX_ERRORS.load(Ordering::Relaxed)
    );
    // ANCHOR_END: main
    board::exit_success()
}
