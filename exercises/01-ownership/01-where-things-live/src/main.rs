//! Exercise 1.1: Where things live
//!
//! Flash holds the code and the constants; RAM holds the statics at its bottom and the stack at
//! its top. Write `region_of`, which says which of these an address falls in. `main` asks it
//! about a function, two constants, two statics, a local buffer and a peripheral register, and
//! checks each answer, then the addresses at the edges of each region. Change `region_of` only:
//! `main` is the harness.
//!
//! Done when `cargo workbook run where-things-live` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint where-things-live`
#![no_std]
#![no_main]

use core::fmt;
use core::sync::atomic::{AtomicU32, Ordering};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// ANCHOR: statics
/// Never written: the linker keeps it in flash (`.rodata`), next to the code.
static CALIBRATION: [u16; 8] = [1000, 1002, 1005, 1009, 1014, 1020, 1027, 1035];

/// The `&str` and the bytes it points to are both constants: flash.
static FIRMWARE_NAME: &str = "thermo-node v1.4";

/// Written at run time (an atomic can change through a shared reference), so it must be in RAM.
/// It starts at zero: `.bss`, which the start-up code zeroes.
static TICK_COUNT: AtomicU32 = AtomicU32::new(0);

/// In RAM too, but it starts non-zero: `.data`, copied from flash by the start-up code.
static BAUD_RATE: AtomicU32 = AtomicU32::new(115_200);

/// UART0's data register on the LM3S6965: an address, but neither flash nor RAM.
const UART0_DR: usize = 0x4000_C000;
// ANCHOR_END: statics

// ANCHOR: region
/// The parts of the memory map that a program's code and data can live in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Region {
    /// Code and constants.
    Flash,
    /// `.data`, `.bss` and `.uninit`, at the bottom of RAM.
    Statics,
    /// From the end of the statics up to the top of RAM; the stack grows down.
    Stack,
    /// Anything else: peripheral registers, or nothing at all.
    Elsewhere,
}

/// Which region `address` falls in, from the linker's symbols.
fn region_of(address: usize) -> Region {
    // TODO: compare `address` with the ranges that `board::layout` gives, and answer
    // Flash, Statics or Stack when it falls in one of them.
    let _ = address;
    Region::Elsewhere
}
// ANCHOR_END: region

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // `pad`, unlike a derived `Debug`, honours a width such as `{:<9}`.
        f.pad(match self {
            Region::Flash => "Flash",
            Region::Statics => "Statics",
            Region::Stack => "Stack",
            Region::Elsewhere => "Elsewhere",
        })
    }
}

/// Where `thing` is in memory: `(uintptr_t)&thing` in C.
fn address_of<T: ?Sized>(thing: &T) -> usize {
    (thing as *const T).addr()
}

#[entry]
fn main() -> ! {
    // A tick, as a SysTick handler would count it: TICK_COUNT changes at run time.
    TICK_COUNT.fetch_add(1, Ordering::Relaxed);
    let uart_buf = [0u8; 32];

    // ANCHOR: classify
    // What each thing is, where it must live, and the linker section that puts it there.
    #[rustfmt::skip] // a table: one thing a line
    let things = [
        ("CALIBRATION", address_of(&CALIBRATION), "a constant table", Region::Flash, ".rodata"),
        ("FIRMWARE_NAME", address_of(FIRMWARE_NAME), "a string literal", Region::Flash, ".rodata"),
        ("region_of", region_of as fn(usize) -> Region as usize, "code", Region::Flash, ".text"),
        ("TICK_COUNT", address_of(&TICK_COUNT), "a static set to zero", Region::Statics, ".bss"),
        ("BAUD_RATE", address_of(&BAUD_RATE), "a static set to 115200", Region::Statics, ".data"),
        ("uart_buf", address_of(&uart_buf), "a local variable", Region::Stack, "-"),
        ("UART0_DR", UART0_DR, "a peripheral register", Region::Elsewhere, "-"),
    ];
    hprintln!("{:<14} {:<9} {:<8} what", "name", "region", "section");
    for (name, address, what, expected, section) in things {
        let region = region_of(address);
        assert!(
            region == expected,
            "{name} is {what}: expected {expected}, region_of said {region}"
        );
        hprintln!("{:<14} {:<9} {:<8} {}", name, region, section, what);
    }
    // ANCHOR_END: classify

    // The edges of the regions, where an answer from guessed addresses goes wrong: `region_of`
    // must draw its lines where the linker drew them.
    let (flash, statics, stack_top) = (
        board::layout::flash(),
        board::layout::statics(),
        board::layout::stack_top(),
    );
    #[rustfmt::skip] // a table: one edge a line
    let edges = [
        ("the last byte of flash", flash.end - 1, Region::Flash),
        ("the first byte after flash", flash.end, Region::Elsewhere),
        ("the first byte of the statics", statics.start, Region::Statics),
        ("the last byte of the statics", statics.end - 1, Region::Statics),
        ("the first byte above the statics", statics.end, Region::Stack),
        ("the last byte below the top of the stack", stack_top - 1, Region::Stack),
        ("the top of the stack", stack_top, Region::Elsewhere),
    ];
    let agreed = edges
        .iter()
        .filter(|&&(_, address, expected)| region_of(address) == expected)
        .count();
    hprintln!(
        "region_of agrees with the linker at {agreed} of {} edges",
        edges.len()
    );
    for (name, address, expected) in edges {
        let region = region_of(address);
        assert!(
            region == expected,
            "{name} ({address:#010x}): expected {expected}, region_of said {region}"
        );
    }

    board::exit_success()
}
