//! Exercise 9.1: The sample log (the solution).
//!
//! A `static` must be `Sync`, and `RefCell` is not: its borrow counter is updated without any
//! protection, so two contexts borrowing at once could both succeed. `critical_section::Mutex`
//! is `Sync` for any `Send` contents, and gives out the `RefCell` only to code that holds a
//! `CriticalSection` token, so the handler and `main` borrow it one at a time.
//!
//! Check it: `cargo workbook run sample-log` says PASS, or `cargo run` in this folder prints what
//! `exercises/09-send-and-sync/01-sample-log/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint sample-log`
#![no_std]
#![no_main]

use core::cell::RefCell;
use cortex_m::peripheral::SCB;
use cortex_m_rt::{entry, exception};
use cortex_m_semihosting::hprintln;
use critical_section::Mutex;

// ANCHOR: log
/// The readings taken so far, oldest first.
struct SampleLog {
    readings: [u16; 8],
    len: usize,
}

/// Written by the ADC's interrupt handler, read by `main`.
static SAMPLE_LOG: Mutex<RefCell<SampleLog>> = Mutex::new(RefCell::new(SampleLog::new()));
// ANCHOR_END: log

// ANCHOR: handler
/// The ADC's interrupt (SysTick stands in for it): appends one reading to the log.
#[exception]
fn SysTick() {
    static mut SEQUENCE: u16 = 0;
    *SEQUENCE += 1;
    let reading = adc_reading(*SEQUENCE);
    critical_section::with(|cs| {
        let mut log = SAMPLE_LOG.borrow_ref_mut(cs);
        if log.push(reading).is_err() {
            hprintln!("sample log full: reading {reading} dropped");
        }
    });
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
    for _ in 0..3 {
        adc_conversion_done();
    }
    critical_section::with(|cs| {
        let log = SAMPLE_LOG.borrow_ref(cs);
        hprintln!("{} samples: {:?}", log.len, log.as_slice());
    });
    board::exit_success()
}
// ANCHOR_END: main
