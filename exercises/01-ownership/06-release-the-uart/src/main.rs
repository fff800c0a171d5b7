//! Exercise 1.6: Release the UART
//!
//! `rcc.enable_uart0()` turns UART0's clock on and hands back a `Uart0` guard. Nothing turns
//! the clock off again, so the UART keeps drawing power after `main` is done with it. Make the
//! clock go off by itself when the guard goes out of scope, however the scope is left.
//!
//! Done when `cargo workbook run release-the-uart` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint release-the-uart`
#![no_std]
#![no_main]

use core::cell::Cell;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

/// A stand-in for the reset and clock control block: one clock gate per peripheral. `Cell`
/// lets a shared `&Rcc` flip a gate, as a write to a register would.
struct Rcc {
    uart0_clock: Cell<bool>,
}

impl Rcc {
    /// All clocks gated off, as after reset.
    fn new() -> Rcc {
        Rcc {
            uart0_clock: Cell::new(false),
        }
    }

    /// Turns UART0's clock on; the clock stays on while the returned guard lives.
    fn enable_uart0(&self) -> Uart0<'_> {
        self.uart0_clock.set(true);
        hprintln!("uart0 clock on");
        Uart0 { rcc: self }
    }

    /// Turns UART0's clock off, saving the power it draws.
    fn disable_uart0(&self) {
        self.uart0_clock.set(false);
        hprintln!("uart0 clock off");
    }

    fn uart0_clock_is_on(&self) -> bool {
        self.uart0_clock.get()
    }
}

/// UART0, usable while its clock is on. It borrows the `Rcc`, so it cannot outlive it.
struct Uart0<'rcc> {
    rcc: &'rcc Rcc,
}

impl Uart0<'_> {
    /// Sends `bytes`; here, prints them.
    fn write(&mut self, bytes: &[u8]) {
        // A peripheral whose clock is gated off ignores writes: the bytes would vanish.
        assert!(
            self.rcc.uart0_clock_is_on(),
            "uart0 written with its clock off"
        );
        hprintln!("uart0 tx: \"{}\"", bytes.escape_ascii());
    }
}

// ANCHOR: drop
// TODO: when a `Uart0` goes away, its clock must go off. Make the guard do it.
// ANCHOR_END: drop

// ANCHOR: send_reading
/// The sensor had nothing to report.
#[derive(Debug)]
struct NoReading;

/// Sends one reading over UART0, and gives up when there is none, with the UART already on.
fn send_reading(rcc: &Rcc, reading: Option<u16>) -> Result<(), NoReading> {
    let mut uart = rcc.enable_uart0();
    let value = reading.ok_or(NoReading)?; // no reading: return here, and drop `uart`
    uart.write(&value.to_be_bytes());
    Ok(())
}
// ANCHOR_END: send_reading

#[entry]
fn main() -> ! {
    let rcc = Rcc::new();

    // ANCHOR: main
    {
        let mut uart = rcc.enable_uart0();
        uart.write(b"boot ok\r\n");
    } // `uart` goes out of scope here.
    assert!(
        !rcc.uart0_clock_is_on(),
        "uart0's clock is still on after its guard was dropped"
    );

    // A report with nothing to send leaves `send_reading` early, through `?`.
    let sent = send_reading(&rcc, None);
    hprintln!("report: {sent:?}");
    assert!(
        !rcc.uart0_clock_is_on(),
        "uart0's clock is still on after send_reading returned early"
    );
    // ANCHOR_END: main

    // Calls of `disable_uart0` on each way out would pass the checks above, until someone adds
    // a way out and forgets one: the guard itself must turn the clock off.
    assert!(
        core::mem::needs_drop::<Uart0<'static>>(),
        "Uart0 does nothing when it is dropped: the clock goes off only where someone remembered to call disable_uart0"
    );

    board::exit_success()
}
