//! Exercise 13.5: a period that does not drift.
//!
//! `sampler` is to read a sensor and run a filter once every 100 ms, as a control loop needs.
//! The harness's `read_and_filter` is that work: it holds the CPU for 30 ms (130 ms in period 2,
//! when the filter recalibrates), and records the time each period starts. The board's time
//! driver makes `embassy_time` work under QEMU, on SysTick, in ticks of 1 ms.
//!
//! The starter waits 100 ms *after* the work: each period lasts 100 ms plus the work, and the
//! schedule drifts further behind with every period.
//!
//! What to do: change `sampler` (the `// TODO`) so that period k starts k × 100 ms after period
//! 0 began, or, when the work before it ran past that moment, as soon as that work ends. Between
//! periods the sampler must give the CPU back and be run again only when its time has come: the
//! harness counts how many times the executor polls it.
//!
//! How to know it worked: `cargo workbook run ticker` prints `expected.out`: every period starts
//! when it is due (the count of polls may differ from the one shown, within the bound).
#![no_std]
#![no_main]

use board as _;
use core::{
    future::{Future, poll_fn},
    pin::pin,
    sync::atomic::{AtomicU32, Ordering},
};
use cortex_m as _;
use cortex_m_semihosting::hprintln;
use embassy_executor::Spawner;
use embassy_time::{Duration, Instant, Ticker};

/// How often the sensor is to be sampled.
const PERIOD: Duration = Duration::from_millis(100);
/// How long the work of one period holds the CPU.
const WORK: Duration = Duration::from_millis(30);
/// The period in which the filter recalibrates, and how long its work takes then.
const RECALIBRATION: u32 = 2;
const RECALIBRATION_WORK: Duration = Duration::from_millis(130);
/// How many periods the harness watches: it ends the program when the last one starts.
const PERIODS: u32 = 8;
/// The most polls of the sampler while it waits for a period: the one when its time has come,
/// and two to spare.
const POLLS_PER_WAIT: u32 = 3;

/// How many periods have started.
static STARTED: AtomicU32 = AtomicU32::new(0);
/// When period 0 started, in ms since the clock started.
static PERIOD_0_MS: AtomicU32 = AtomicU32::new(0);
/// When the latest period's work ended, in ms since period 0 started.
static WORK_ENDED_MS: AtomicU32 = AtomicU32::new(0);
/// When the sampler first gave the CPU back after that work, in ms since period 0 started.
static GAVE_BACK_MS: AtomicU32 = AtomicU32::new(u32::MAX);
/// How many times the executor has polled the sampler, and how many it had when the latest
/// period's work ended.
static POLLS: AtomicU32 = AtomicU32::new(0);
static POLLS_AT_WORK_END: AtomicU32 = AtomicU32::new(0);

/// The time now, in ms since period 0 started.
fn since_period_0() -> u32 {
    Instant::now().as_millis() as u32 - PERIOD_0_MS.load(Ordering::Relaxed)
}

// ANCHOR: work
/// Reads the sensor and runs the filter: holds the CPU for `WORK`, longer in the period that
/// recalibrates. First, records when this period started and checks it against its due time.
fn read_and_filter() {
    let start = Instant::now();
    let period = STARTED.fetch_add(1, Ordering::Relaxed);
    if period == 0 {
        PERIOD_0_MS.store(start.as_millis() as u32, Ordering::Relaxed);
    }
    check_start(period, since_period_0());
    if period == PERIODS - 1 {
        let polls = POLLS.load(Ordering::Relaxed);
        hprintln!("the executor polled the sampler {polls} times");
        board::exit_success();
    }
    let work = if period == RECALIBRATION {
        hprintln!("  its work takes {} ms", RECALIBRATION_WORK.as_millis());
        RECALIBRATION_WORK
    } else {
        WORK
    };
    // The computation, as a loop on the clock: it takes the same time in every build.
    while Instant::now() < start + work {}
    WORK_ENDED_MS.store(since_period_0(), Ordering::Relaxed);
    GAVE_BACK_MS.store(u32::MAX, Ordering::Relaxed);
    POLLS_AT_WORK_END.store(POLLS.load(Ordering::Relaxed), Ordering::Relaxed);
}
// ANCHOR_END: work

// ANCHOR: check
/// Period `period` started `at` ms after period 0. It was due `period` × 100 ms after period 0,
/// or, if the work before it ended later than that, when that work ended; one tick either way
/// is the clock's resolution. While it waited, the sampler must have given the CPU back.
fn check_start(period: u32, at: u32) {
    let on_the_grid = period * PERIOD.as_millis() as u32;
    let work_ended = WORK_ENDED_MS.load(Ordering::Relaxed);
    let due = on_the_grid.max(work_ended);
    let waited = period > 0 && work_ended < on_the_grid;
    if period > 0 && !waited {
        hprintln!(
            "period {period}: started at {at} ms, as soon as period {} ended",
            period - 1
        );
    } else {
        hprintln!("period {period}: started at {at} ms");
    }
    assert!(
        at + 1 >= due,
        "period {period} started at {at} ms, {} ms before it was due at {due} ms",
        due - at
    );
    assert!(
        !waited || GAVE_BACK_MS.load(Ordering::Relaxed) <= work_ended + 1,
        "the sampler kept the CPU while it waited for period {period}: no other task could run, and the core never slept"
    );
    assert!(
        at <= due + 1,
        "period {period} started at {at} ms, {} ms after it was due at {due} ms: the schedule drifts",
        at - due
    );
    let polls = POLLS.load(Ordering::Relaxed) - POLLS_AT_WORK_END.load(Ordering::Relaxed);
    assert!(
        !waited || polls <= POLLS_PER_WAIT,
        "the executor polled the sampler {polls} times while it waited for period {period}: it asked to be run again before its time"
    );
}
// ANCHOR_END: check

// ANCHOR: sampler
/// Reads the sensor and runs the filter once every `PERIOD`.
async fn sampler() {
    // The ticker keeps the time the next period is due, and moves it on by `PERIOD` each time
    // it fires, however long the work took.
    let mut ticker = Ticker::every(PERIOD);
    loop {
        read_and_filter();
        ticker.next().await;
    }
}
// ANCHOR_END: sampler

// ANCHOR: main
#[embassy_executor::main]
async fn main(_spawner: Spawner) {
    // The sampler runs in this task. The harness counts each time the executor polls it, and
    // notes when it gives the CPU back (its poll returns `Pending`).
    let mut sampling = pin!(sampler());
    poll_fn(|cx| {
        POLLS.fetch_add(1, Ordering::Relaxed);
        let poll = sampling.as_mut().poll(cx);
        if poll.is_pending() {
            GAVE_BACK_MS.fetch_min(since_period_0(), Ordering::Relaxed);
        }
        poll
    })
    .await;
}
// ANCHOR_END: main
