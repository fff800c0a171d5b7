//! Exercise 8.1: What a move costs (the solution).
//!
//! `record` borrows the log mutably (`&mut SampleLog`): the call passes one pointer instead of
//! moving 520 bytes in and 520 bytes out, and recording a sample fits the budget many times over.
//!
//! Check it: `cargo workbook run move-cost` says PASS, or `cargo run` in this folder prints what
//! `exercises/08-moves-and-fat-pointers/01-move-cost/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint move-cost`
#![no_std]
#![no_main]

use core::mem::size_of;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

/// How many samples the log keeps.
const LOG_LEN: usize = 256;

// ANCHOR: budget
/// How many instructions recording one sample may take.
const BUDGET: u32 = 100;
// ANCHOR_END: budget

// ANCHOR: log
/// The last `LOG_LEN` readings of one ADC channel, oldest overwritten first.
struct SampleLog {
    samples: [i16; LOG_LEN],
    next: usize,
    count: usize,
}

impl SampleLog {
    const fn new() -> Self {
        SampleLog {
            samples: [0; LOG_LEN],
            next: 0,
            count: 0,
        }
    }
}
// ANCHOR_END: log

// ANCHOR: move
/// Takes the log and gives it back untouched: what moving it in and out costs by itself.
#[inline(never)]
fn pass_through(log: SampleLog) -> SampleLog {
    log
}
// ANCHOR_END: move

// ANCHOR: record
/// Stores `sample` in the log.
#[inline(never)]
fn record(log: &mut SampleLog, sample: i16) {
    log.samples[log.next] = sample;
    log.next = (log.next + 1) % LOG_LEN;
    log.count = (log.count + 1).min(LOG_LEN);
}

/// Records `sample` in the log `main` lends it: the call `main` measures.
fn record_sample(log: &mut SampleLog, sample: i16) {
    record(log, sample);
}
// ANCHOR_END: record

#[entry]
fn main() -> ! {
    let mut log = SampleLog::new();
    hprintln!("a SampleLog is {} bytes", size_of::<SampleLog>());

    // ANCHOR: measure
    // `cargo run` builds without optimisation: every copy the code asks for happens.
    let (moved, move_cost) = board::timing::instructions(|| pass_through(log));
    log = moved;
    hprintln!("moving the log into a function and back: {move_cost} instructions");

    let mut worst = 0;
    for sample in [310, 312, -5, 307] {
        let ((), cost) = board::timing::instructions(|| record_sample(&mut log, sample));
        worst = worst.max(cost);
    }
    // ANCHOR_END: measure
    let within = worst <= BUDGET;
    hprintln!(
        "recording one sample: {worst} instructions at most, {} the budget",
        if within { "within" } else { "over" }
    );
    assert!(
        within,
        "{worst} instructions to record one sample; the budget is {BUDGET}"
    );
    hprintln!(
        "{} samples stored, the last one {}",
        log.count,
        log.samples[log.next - 1]
    );

    board::exit_success()
}
