//! Exercise 13.3: an interrupt wakes a task.
//!
//! A task that waits for hardware does not poll it: it awaits a future that an interrupt handler
//! completes. Here SysTick stands for a converter that has a sample ready every 20,000 ticks: its
//! handler reads the sample and hands it over with `SAMPLE.signal(..)`, and the `filter` task
//! waits for it with `SAMPLE.wait().await`. `Signal` (from `embassy-sync`) keeps the value and the
//! task's waker; a *raw mutex* guards them, and the raw mutex is the lesson: the handler and the
//! task both lock it, and the handler can run in the middle of the task.
//!
//! What to do: choose the raw mutex of `SAMPLE` (the `// TODO`) so that the handler and the task
//! can both lock it, safely. Read the starter's panic first: it says what its raw mutex checks.
//!
//! How to know it worked: `cargo workbook run wake-from-interrupt` prints `expected.out`: eight
//! samples, each received once, and each wait polled twice (once to leave the task's waker, once
//! when the handler has woken it), never in a loop.
#![no_std]
#![no_main]

use board as _;
use core::{
    future::Future,
    pin::Pin,
    sync::atomic::{AtomicU32, Ordering},
    task::{Context, Poll},
};
use cortex_m::peripheral::syst::SystClkSource;
use cortex_m_rt::exception;
use cortex_m_semihosting::hprintln;
use embassy_executor::Spawner;
use embassy_sync::blocking_mutex::raw::CriticalSectionRawMutex;
use embassy_sync::signal::Signal;

/// How many samples the converter delivers before the program ends.
const SAMPLES: u32 = 8;
/// SysTick ticks between two samples (80 ns each on this board).
const SAMPLE_PERIOD: u32 = 20_000;

// ANCHOR: sample
/// The latest sample, handed from the SysTick handler to the `filter` task.
static SAMPLE: Signal<CriticalSectionRawMutex, u16> = Signal::new();
// ANCHOR_END: sample

/// How many samples the converter has delivered.
static DELIVERED: AtomicU32 = AtomicU32::new(0);
/// How many times the executor polled the `filter` task's wait.
static POLLS: AtomicU32 = AtomicU32::new(0);

// ANCHOR: handler
/// The converter's interrupt: a sample is ready.
#[exception]
fn SysTick() {
    let n = DELIVERED.fetch_add(1, Ordering::Relaxed);
    if n + 1 == SAMPLES {
        stop_converter();
    }
    SAMPLE.signal(sample(n));
}
// ANCHOR_END: handler

/// The converter's `n`th sample.
fn sample(n: u32) -> u16 {
    2000 + (n as u16 * 37) % 100
}

/// Starts the converter: SysTick's interrupt every `SAMPLE_PERIOD` ticks.
fn start_converter() {
    // SAFETY: only this program uses SysTick; `stop_converter` is its only other user.
    let mut syst = unsafe { cortex_m::Peripherals::steal() }.SYST;
    syst.set_clock_source(SystClkSource::Core);
    syst.set_reload(SAMPLE_PERIOD - 1);
    syst.clear_current();
    syst.enable_interrupt();
    syst.enable_counter();
}

/// Stops the converter after its last sample.
fn stop_converter() {
    // SAFETY: as in `start_converter`; the handler runs it only once, last.
    let mut syst = unsafe { cortex_m::Peripherals::steal() }.SYST;
    syst.disable_interrupt();
    syst.disable_counter();
}

/// A future that counts how many times it is polled: the harness's view of the task's waits.
struct Counted<F>(F);

impl<F: Future> Future for Counted<F> {
    type Output = F::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        POLLS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the inner future is never moved out of `self`, which is pinned.
        unsafe { self.map_unchecked_mut(|counted| &mut counted.0) }.poll(cx)
    }
}

// ANCHOR: filter
/// Receives every sample and adds them up, then reports.
#[embassy_executor::task]
async fn filter() {
    let mut sum = 0u32;
    for _ in 0..SAMPLES {
        let sample = Counted(SAMPLE.wait()).await;
        sum += u32::from(sample);
    }
    let polls = POLLS.load(Ordering::Relaxed);
    hprintln!(
        "received {SAMPLES} samples adding up to {sum}; the task's waits were polled {polls} times"
    );
    assert_eq!(
        DELIVERED.load(Ordering::Relaxed),
        SAMPLES,
        "the converter delivered a different number of samples than the task received"
    );
    assert!(
        polls <= 2 * SAMPLES,
        "the task was polled {polls} times for {SAMPLES} samples: it is woken when nothing has arrived"
    );
    board::exit_success();
}
// ANCHOR_END: filter

#[embassy_executor::main]
async fn main(spawner: Spawner) {
    spawner.spawn(filter().unwrap());
    start_converter();
}
