//! Chapter 13's sampling job on Embassy's executor: the interrupt handler reads the sample and
//! signals it; a task waiting on the signal is woken and, when the executor polls it, runs the
//! job and signals the average to a background task, which reports it and does the background
//! check, one block per poll. Both tasks run in thread mode, on one executor, each until its next
//! `.await`.
//!
//! The job itself (the ADC, the filter, the report, the table check) is `sampling-job`'s, the
//! same in `job-superloop` and `job-rtic`; only the wiring is this program's.
//! `bench/async-compare` measures the three; `workbook/tests/board.rs` compares what this one
//! prints with `runs/release.stdout`.
#![no_std]
#![no_main]

use board as _;
use cortex_m_rt::exception;
use embassy_executor::Spawner;
use embassy_sync::blocking_mutex::raw::{CriticalSectionRawMutex, ThreadModeRawMutex};
use embassy_sync::signal::Signal;
use lm3s6965 as _; // the chip's vector table, as in job-rtic, where RTIC needs it
use sampling_job::{Filter, TableCheck};

// ANCHOR: handler
/// The sample the handler read, and the task that waits for it.
static SAMPLE: Signal<CriticalSectionRawMutex, u16> = Signal::new();

/// The timer: a sample is ready.
#[exception]
fn SysTick() {
    SAMPLE.signal(sampling_job::read_adc());
}
// ANCHOR_END: handler

// ANCHOR: tasks
/// An average the job has computed, until the background reports it. Only thread-mode tasks
/// use it.
static AVERAGE: Signal<ThreadModeRawMutex, u16> = Signal::new();

/// The job: runs each time the handler signals a sample.
#[embassy_executor::task]
async fn filter_samples(mut filter: Filter) {
    loop {
        let sample = SAMPLE.wait().await;
        if let Some(average) = filter.add(sample) {
            AVERAGE.signal(average);
        }
    }
}

/// The background: one block per poll, then it lets the executor run any other task.
#[embassy_executor::task]
async fn background(mut table_check: TableCheck) {
    loop {
        if let Some(average) = AVERAGE.try_take() {
            sampling_job::report(average);
        }
        table_check.step();
        embassy_futures::yield_now().await;
    }
}

#[embassy_executor::main]
async fn main(spawner: Spawner) {
    let core = cortex_m::Peripherals::take().expect("taken once");
    sampling_job::start(core.SYST);
    spawner.spawn(filter_samples(Filter::new()).expect("spawned once"));
    spawner.spawn(background(TableCheck::new()).expect("spawned once"));
}
// ANCHOR_END: tasks
