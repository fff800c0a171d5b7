//! Exercise 3.1: The crash log that survives a reset (the solution).
//!
//! `CRASH_LOG` lives in cortex-m-rt's `.uninit` section, which the reset handler neither zeroes
//! nor copies into, so a report written before a system reset is still there on the next boot.
//! The `.bss` counter beside it starts from zero at every boot.
//!
//! Check it: `cargo workbook run crash-log` says PASS, or `cargo run` in this folder prints what
//! `exercises/03-memory-layout/01-crash-log/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint crash-log`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::mem::{MaybeUninit, size_of};
use core::sync::atomic::{AtomicU32, Ordering};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

/// What the crash handler leaves for the next boot. `repr(C)`: a fixed layout, as in C.
#[repr(C)]
struct CrashLog {
    /// `MAGIC` when the rest holds a report; anything else after a power-on.
    magic: u32,
    /// How many bytes of `text` are used.
    len: u32,
    text: [u8; 56],
}

/// Marks a crash log that some earlier boot wrote on purpose.
const MAGIC: u32 = 0xC4A5_4106;

// ANCHOR: crash_log
/// Nobody initialises it: `MaybeUninit` says so to the compiler, and `.uninit` to the linker.
#[unsafe(link_section = ".uninit.CRASH_LOG")]
static mut CRASH_LOG: MaybeUninit<CrashLog> = MaybeUninit::uninit();
// ANCHOR_END: crash_log

/// A boot counter in `.bss`, for comparison: the reset handler sets it to zero at every boot.
static BOOT_COUNT_IN_BSS: AtomicU32 = AtomicU32::new(0);

// ANCHOR: symbols
// The boundaries of the sections, as cortex-m-rt's link.x defines them. Only their addresses
// mean something: they are declared as `u8` and never read.
unsafe extern "C" {
    static __stext: u8;
    static __etext: u8;
    static __srodata: u8;
    static __erodata: u8;
    static __sdata: u8;
    static __edata: u8;
    static __sbss: u8;
    static __ebss: u8;
    static __suninit: u8;
    static __euninit: u8;
}

/// The output section that `address` falls in.
fn section_of(address: usize) -> &'static str {
    // Taking the address of an extern static reads nothing, so it needs no `unsafe`.
    let sections = [
        (".text", &raw const __stext, &raw const __etext),
        (".rodata", &raw const __srodata, &raw const __erodata),
        (".data", &raw const __sdata, &raw const __edata),
        (".bss", &raw const __sbss, &raw const __ebss),
        (".uninit", &raw const __suninit, &raw const __euninit),
    ];
    for (name, start, end) in sections {
        if (start.addr()..end.addr()).contains(&address) {
            return name;
        }
    }
    "no section"
}
// ANCHOR_END: symbols

// ANCHOR: boots
#[entry]
fn main() -> ! {
    let log = (&raw mut CRASH_LOG).cast::<CrashLog>();
    let section = section_of(log.addr());
    let bss_count = BOOT_COUNT_IN_BSS.fetch_add(1, Ordering::Relaxed) + 1;
    // SAFETY: `log` points to CRASH_LOG, which only this function uses. Its bytes may be
    // whatever RAM held at power-on: a volatile read of a `u32` (any bit pattern is a valid
    // `u32`) that the compiler cannot assume anything about, checked against MAGIC.
    let found = unsafe { (&raw const (*log).magic).read_volatile() } == MAGIC;
    let boot = if found { 2 } else { 1 };
    hprintln!(
        "boot {boot}: CRASH_LOG is {} bytes in {section}; the .bss counter says boot {bss_count}",
        size_of::<CrashLog>()
    );
    assert!(
        section == ".uninit",
        "CRASH_LOG is in {section}: {}",
        match section {
            ".bss" => "the reset handler zeroes that section at every boot",
            ".data" => "the reset handler copies initial values over it at every boot",
            _ => "not the section that the reset handler leaves alone",
        }
    );

    if !found {
        write_report(log, b"HardFault in sensor_task, pc 0x00001c2e");
        hprintln!("boot 1: recorded a crash report; resetting the chip");
        cortex_m::peripheral::SCB::sys_reset();
    }

    // SAFETY: as above: `log` is CRASH_LOG, and MAGIC says an earlier boot filled it. Volatile
    // reads of integers; `len` is bounded before use, and the text is checked to be UTF-8 below.
    let (text, len) = unsafe {
        let len = ((&raw const (*log).len).read_volatile() as usize).min(56);
        let mut text = [0u8; 56];
        for (i, byte) in text.iter_mut().enumerate().take(len) {
            *byte = (&raw const (*log).text[i]).read_volatile();
        }
        (text, len)
    };
    let report = core::str::from_utf8(&text[..len]).unwrap_or("(not text)");
    hprintln!("boot 2: the crash report survived the reset: {report}");
    // SAFETY: as above; clearing MAGIC means the next reset finds no report.
    unsafe { (&raw mut (*log).magic).write_volatile(0) };
    board::exit_success()
}
// ANCHOR_END: boots

/// Stores `report` in the crash log, as a fault handler would before resetting.
fn write_report(log: *mut CrashLog, report: &[u8]) {
    let len = report.len().min(56);
    // SAFETY: `log` points to CRASH_LOG, which only `main` (our caller) uses; these writes
    // initialise it, the magic word last.
    unsafe {
        for (i, &byte) in report[..len].iter().enumerate() {
            (&raw mut (*log).text[i]).write_volatile(byte);
        }
        (&raw mut (*log).len).write_volatile(len as u32);
        (&raw mut (*log).magic).write_volatile(MAGIC);
    }
}
