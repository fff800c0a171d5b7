//! Exercise 9.1: The sample log
//!
//! The ADC's interrupt handler appends each reading to `SAMPLE_LOG` through `log_reading`, and
//! `main` reads the log through `logged_readings`. The log is a `RefCell`, as it would be if only
//! `main` used it, and the compiler refuses the `static` (E0277). Give `SAMPLE_LOG` a type that
//! may be shared with an interrupt handler, and reach the log through it in `log_reading` and
//! `logged_readings`: those three items are yours, with no `static mut` and no `unsafe`.
//!
//! `main` and the handler are the harness: `main` raises the ADC's interrupt three times, and
//! checks after each that interrupts are still on and that the log holds every reading the
//! handler delivered. Then it prints the log.
//!
//! Done when `cargo workbook run sample-log` says PASS, or when `cargo run` in this folder prints
//! what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint sample-log`
#![no_std]
#![no_main]

use core::cell::RefCell;
use cortex_m::peripheral::SCB;
use cortex_m::register::primask;
use cortex_m_rt::{entry, exception};
use cortex_m_semihosting::hprintln;

// ANCHOR: log
/// The readings taken so far, oldest first.
#[derive(Clone, Copy)]
struct SampleLog {
    readings: [u16; 8],
    len: usize,
}

/// Written by the ADC's interrupt handler, read by `main`.
// TODO: a `static` can be reached from every context at once. Make this one safe to share.
static SAMPLE_LOG: RefCell<SampleLog> = RefCell::new(SampleLog::new());
// ANCHOR_END: log

// ANCHOR: access
/// Appends one reading to the log. The ADC's interrupt handler calls it.
fn log_reading(reading: u16) {
    // TODO: reach the log through its new type.
    let mut log = SAMPLE_LOG.borrow_mut();
    if log.push(reading).is_err() {
        hprintln!("sample log full: reading {reading} dropped");
    }
}

/// A copy of the log as it is now. `main` calls it.
fn logged_readings() -> SampleLog {
    // TODO: and here.
    *SAMPLE_LOG.borrow()
}
// ANCHOR_END: access

// ANCHOR: handler
/// The ADC's interrupt (SysTick stands in for it): logs one reading.
#[exception]
fn SysTick() {
    static mut SEQUENCE: u16 = 0;
    *SEQUENCE += 1;
    log_reading(adc_reading(*SEQUENCE));
}
// ANCHOR_END: handler

impl SampleLog {
    const fn new() -> SampleLog {
        SampleLog {
            readings: [0; 8],
            len: 0,
        }
    }

    /// Appends `reading`, or hands it back when the log is full.
    fn push(&mut self, reading: u16) -> Result<(), u16> {
        let slot = self.readings.get_mut(self.len).ok_or(reading)?;
        *slot = reading;
        self.len += 1;
        Ok(())
    }

    fn as_slice(&self) -> &[u16] {
        &self.readings[..self.len]
    }
}

/// What the ADC would deliver: a reading that rises and falls.
fn adc_reading(sequence: u16) -> u16 {
    2000 + (sequence % 5) * 25
}

/// Raises the ADC's interrupt; the barriers make it run before this function returns.
fn adc_conversion_done() {
    SCB::set_pendst();
    cortex_m::asm::dsb();
    cortex_m::asm::isb();
}

// ANCHOR: main
#[entry]
fn main() -> ! {
    for sequence in 1..=3 {
        adc_conversion_done();
        check_interrupts_on("log_reading");
        let log = logged_readings();
        check_interrupts_on("logged_readings");
        // The handler has run: the log must hold every reading it delivered, in order.
        let delivered = (1..=sequence).map(adc_reading);
        assert!(
            log.as_slice().iter().copied().eq(delivered),
            "after {sequence} interrupts the log holds {:?}: not the readings the handler logged",
            log.as_slice()
        );
    }
    let log = logged_readings();
    hprintln!("{} samples: {:?}", log.len, log.as_slice());
    board::exit_success()
}
// ANCHOR_END: main

/// Stops the program if interrupts are off: `function` switched them off and left them off.
fn check_interrupts_on(function: &str) {
    // `Active` is PRIMASK clear: interrupts may be taken.
    assert!(
        primask::read().is_active(),
        "interrupts were left off after {function}: the ADC's interrupt could no longer run"
    );
}
