//! Exercise 3.2: The CRC table in flash (the solution).
//!
//! Nothing writes the CRC table, so it is a plain `static`: the linker keeps it in `.rodata`, in
//! flash, and reading it needs no `unsafe`. The statics left in RAM fit the 256-byte budget.
//!
//! Check it: `cargo workbook run crc-table-in-flash` says PASS, or `cargo run` in this folder
//! prints what `exercises/03-memory-layout/02-crc-table-in-flash/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint crc-table-in-flash`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::mem::size_of;
use core::sync::atomic::{AtomicU32, Ordering};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// ANCHOR: table
/// The CRC-32 (IEEE 802.3) table: one entry per byte value, 256 × 4 = 1024 bytes.
type CrcTable = [u32; 256];

/// Never written, so it needs no RAM: `.rodata`, in flash.
static CRC_TABLE: CrcTable = crc_table();

/// Builds the table while compiling: `const fn`, called from a static's initialiser.
const fn crc_table() -> CrcTable {
    let mut table = [0u32; 256];
    let mut byte = 0;
    while byte < 256 {
        let mut crc = byte as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 != 0 {
                0xEDB8_8320 ^ (crc >> 1)
            } else {
                crc >> 1
            };
            bit += 1;
        }
        table[byte] = crc;
        byte += 1;
    }
    table
}
// ANCHOR_END: table

/// Frames checked so far: this one does change at run time, so it stays in RAM (`.bss`).
static FRAMES_CHECKED: AtomicU32 = AtomicU32::new(0);

// ANCHOR: crc32
/// The CRC-32 of `frame`, a byte at a time through the table.
fn crc32(frame: &[u8]) -> u32 {
    FRAMES_CHECKED.fetch_add(1, Ordering::Relaxed);
    let mut crc = !0u32;
    for &byte in frame {
        let entry = CRC_TABLE[((crc ^ byte as u32) & 0xFF) as usize];
        crc = entry ^ (crc >> 8);
    }
    !crc
}
// ANCHOR_END: crc32

/// The RAM budget for all statics: `.data`, `.bss` and `.uninit` together.
const STATIC_RAM_BUDGET: usize = 256;

// The boundaries of the sections, as cortex-m-rt's link.x defines them (only their addresses).
unsafe extern "C" {
    static __srodata: u8;
    static __erodata: u8;
    static __sdata: u8;
    static __edata: u8;
    static __sbss: u8;
    static __ebss: u8;
}

/// Where `address` is: the section that holds it, and whether that is flash or RAM.
fn place_of(address: usize) -> &'static str {
    let sections = [
        (
            ".rodata (flash)",
            &raw const __srodata,
            &raw const __erodata,
        ),
        (
            ".data (RAM, initial values in flash)",
            &raw const __sdata,
            &raw const __edata,
        ),
        (".bss (RAM)", &raw const __sbss, &raw const __ebss),
    ];
    for (place, start, end) in sections {
        if (start.addr()..end.addr()).contains(&address) {
            return place;
        }
    }
    let stack = board::layout::statics().end..board::layout::stack_top();
    if stack.contains(&address) {
        "the stack (RAM)"
    } else {
        "somewhere else"
    }
}

// ANCHOR: main
#[entry]
fn main() -> ! {
    let frame = *b"123456789";
    let table = (&raw const CRC_TABLE).addr();
    let counter = (&raw const FRAMES_CHECKED).addr();
    hprintln!(
        "CRC_TABLE: {} bytes in {}",
        size_of::<CrcTable>(),
        place_of(table)
    );
    hprintln!(
        "FRAMES_CHECKED: {} bytes in {}",
        size_of::<AtomicU32>(),
        place_of(counter)
    );
    hprintln!(
        "frame: {} bytes in {}",
        frame.len(),
        place_of((&raw const frame).addr())
    );
    hprintln!("crc32(\"123456789\") = {:#010x}", crc32(&frame));

    let static_ram = board::layout::statics().len();
    let verdict = if static_ram <= STATIC_RAM_BUDGET {
        "within"
    } else {
        "over"
    };
    hprintln!("static RAM: {verdict} the budget of {STATIC_RAM_BUDGET} bytes");
    assert!(
        static_ram <= STATIC_RAM_BUDGET,
        "the statics use {static_ram} bytes of RAM, over the budget of {STATIC_RAM_BUDGET} bytes"
    );
    board::exit_success()
}
// ANCHOR_END: main
