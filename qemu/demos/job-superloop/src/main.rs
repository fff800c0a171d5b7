//! Chapter 13's sampling job as a superloop: the interrupt handler reads the sample and leaves it
//! in a slot; the main loop takes it from there, filters it, reports, and does one step of the
//! background check, round and round.
//!
//! The job itself (the ADC, the filter, the report, the table check) is `sampling-job`'s, the
//! same in `job-rtic` and `job-embassy`; only the wiring is this program's. `bench/async-compare`
//! measures the three; `workbook/tests/board.rs` compares what this one prints with
//! `runs/release.stdout`.
#![no_std]
#![no_main]

use board as _;
use core::cell::Cell;
use cortex_m_rt::{entry, exception};
use critical_section::Mutex;
use lm3s6965 as _; // the chip's vector table, as in job-rtic, where RTIC needs it
use sampling_job::{Filter, TableCheck};

// ANCHOR: handler
/// The sample the handler read, until the main loop takes it.
static SAMPLE: Mutex<Cell<Option<u16>>> = Mutex::new(Cell::new(None));

/// The timer: a sample is ready.
#[exception]
fn SysTick() {
    let sample = sampling_job::read_adc();
    critical_section::with(|cs| SAMPLE.borrow(cs).set(Some(sample)));
}
// ANCHOR_END: handler

// ANCHOR: main
#[entry]
fn main() -> ! {
    let mut filter = Filter::new();
    let mut table_check = TableCheck::new();
    let core = cortex_m::Peripherals::take().expect("taken once");
    sampling_job::start(core.SYST);
    loop {
        // The job, if the handler left a sample; the report, when that makes an average.
        if let Some(sample) = critical_section::with(|cs| SAMPLE.borrow(cs).take())
            && let Some(average) = filter.add(sample)
        {
            sampling_job::report(average);
        }
        // The background: one block.
        table_check.step();
    }
}
// ANCHOR_END: main
