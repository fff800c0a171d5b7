//! Exercise 7.2: The UART's register block (the solution).
//!
//! The datasheet's register map has holes: nothing at 0x008..0x018, at 0x01C, or between 0x048
//! and the identification registers at 0xFD0. A `repr(C)` struct keeps its fields in order with
//! no padding between `u32`s, so each hole is a reserved array of the right length. The
//! assertions compare every offset with the datasheet when the program compiles.
//!
//! Check it: `cargo workbook run uart-registers` says PASS, or `cargo run` in this folder prints
//! what `exercises/07-data-layout/02-uart-registers/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint uart-registers`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::mem::{offset_of, size_of};
use core::ptr;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use static_assertions::const_assert_eq;

// ANCHOR: block
/// UART0 of the LM3S6965 (datasheet, chapter 12, "Register Map"): 4 KiB of address space, one
/// field per register, in address order. `repr(C)`: the fields stay in this order, and between
/// `u32`s C's rules add no padding, so each field's offset is the sum of the sizes before it.
#[repr(C)]
struct UartRegisters {
    /// 0x000 data
    dr: u32,
    /// 0x004 receive status / error clear
    rsr_ecr: u32,
    _reserved0: [u32; 4],
    /// 0x018 flags
    fr: u32,
    _reserved1: u32,
    /// 0x020 IrDA low-power divisor
    ilpr: u32,
    /// 0x024 integer baud-rate divisor
    ibrd: u32,
    /// 0x028 fractional baud-rate divisor
    fbrd: u32,
    /// 0x02C line control
    lcrh: u32,
    /// 0x030 control
    ctl: u32,
    /// 0x034 interrupt FIFO level select
    ifls: u32,
    /// 0x038 interrupt mask
    im: u32,
    /// 0x03C raw interrupt status
    ris: u32,
    /// 0x040 masked interrupt status
    mis: u32,
    /// 0x044 interrupt clear
    icr: u32,
    _reserved2: [u32; 994],
    /// 0xFD0 peripheral identification 4 to 7
    periph_id4: [u32; 4],
    /// 0xFE0 peripheral identification 0 to 3
    periph_id0: [u32; 4],
    /// 0xFF0 PrimeCell identification 0 to 3
    pcell_id: [u32; 4],
}
// ANCHOR_END: block

// ANCHOR: assertions
// The datasheet's offsets. A wrong field or a wrong reserved length fails the build here.
const_assert_eq!(offset_of!(UartRegisters, dr), 0x000);
const_assert_eq!(offset_of!(UartRegisters, rsr_ecr), 0x004);
const_assert_eq!(offset_of!(UartRegisters, fr), 0x018);
const_assert_eq!(offset_of!(UartRegisters, ilpr), 0x020);
const_assert_eq!(offset_of!(UartRegisters, lcrh), 0x02C);
const_assert_eq!(offset_of!(UartRegisters, ctl), 0x030);
const_assert_eq!(offset_of!(UartRegisters, icr), 0x044);
const_assert_eq!(offset_of!(UartRegisters, periph_id4), 0xFD0);
const_assert_eq!(offset_of!(UartRegisters, periph_id0), 0xFE0);
const_assert_eq!(offset_of!(UartRegisters, pcell_id), 0xFF0);
const_assert_eq!(size_of::<UartRegisters>(), 0x1000);
// ANCHOR_END: assertions

/// Where UART0's registers are mapped.
const UART0: *const UartRegisters = 0x4000_C000 as *const UartRegisters;

/// Reads one register. Registers are read with `read_volatile`: every read reaches the
/// peripheral, and the compiler does not merge or drop any.
///
/// # Safety
///
/// `register` must point at a readable register of a peripheral that exists.
unsafe fn read(register: *const u32) -> u32 {
    // SAFETY: the caller promises a readable register, and registers are aligned words.
    unsafe { ptr::read_volatile(register) }
}

// ANCHOR: main
#[entry]
fn main() -> ! {
    // `&raw const (*UART0).fr` computes the register's address from the struct's offset without
    // making a reference to memory that Rust does not own.
    // SAFETY: UART0 is a peripheral of the LM3S6965, and each of these registers is readable.
    let (fr, ctl, lcrh) = unsafe {
        (
            read(&raw const (*UART0).fr),
            read(&raw const (*UART0).ctl),
            read(&raw const (*UART0).lcrh),
        )
    };
    hprintln!(
        "FR   at {:#05x} = {:#010x}: transmit FIFO empty {}, receive FIFO empty {}",
        offset_of!(UartRegisters, fr),
        fr,
        fr & (1 << 7) != 0,
        fr & (1 << 4) != 0
    );
    hprintln!(
        "CTL  at {:#05x} = {:#010x}: transmitter enabled {}, receiver enabled {}",
        offset_of!(UartRegisters, ctl),
        ctl,
        ctl & (1 << 8) != 0,
        ctl & (1 << 9) != 0
    );
    hprintln!(
        "LCRH at {:#05x} = {:#010x}",
        offset_of!(UartRegisters, lcrh),
        lcrh
    );

    let mut periph_id = [0u32; 4];
    let mut pcell_id = [0u32; 4];
    for index in 0..4 {
        // SAFETY: the identification registers are readable words inside UART0's block.
        unsafe {
            periph_id[index] = read(&raw const (*UART0).periph_id0[index]);
            pcell_id[index] = read(&raw const (*UART0).pcell_id[index]);
        }
    }
    hprintln!(
        "PeriphID0..3 at {:#05x} = {:02x?}",
        offset_of!(UartRegisters, periph_id0),
        periph_id
    );
    hprintln!(
        "PCellID0..3  at {:#05x} = {:02x?}",
        offset_of!(UartRegisters, pcell_id),
        pcell_id
    );
    let is_primecell = pcell_id == [0x0D, 0xF0, 0x05, 0xB1];
    hprintln!("a PrimeCell UART: {}", is_primecell);
    board::exit_success()
}
// ANCHOR_END: main
