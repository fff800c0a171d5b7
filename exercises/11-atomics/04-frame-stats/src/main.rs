//! Exercise 11.4: Two counters that belong together
//!
//! The UART's interrupt handler counts the frames it receives and their bytes, for the average
//! frame length; `main` takes snapshots of the two counts while frames keep arriving. Each count
//! is an atomic, and each operation on it is whole, yet `main` sees a snapshot in which the two do
//! not match. Make every snapshot consistent, then compare what the update costs with what one
//! `fetch_add` costs.
//!
//! Done when `cargo workbook run frame-stats` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint frame-stats`
#![no_std]
#![no_main]

use core::sync::atomic::{AtomicU32, Ordering};
use cortex_m::peripheral::{SYST, syst::SystClkSource};
use cortex_m_rt::{entry, exception};
use cortex_m_semihosting::hprintln;

/// Every frame in this test is 64 bytes long, so a consistent snapshot has bytes = 64 × frames.
const FRAME_LEN: u32 = 64;

/// How many snapshots `main` takes while frames arrive.
const SNAPSHOTS: u32 = 5000;

// ANCHOR: stats
/// Frames received, and their bytes.
#[derive(Clone, Copy)]
struct FrameStats {
    frames: u32,
    bytes: u32,
}

// TODO: two atomics are two words, and nothing makes them change together.
static FRAMES: AtomicU32 = AtomicU32::new(0);
static BYTES: AtomicU32 = AtomicU32::new(0);

/// Counts one frame of `len` bytes.
fn record_frame(len: u32) {
    // TODO: both counts in one step.
    FRAMES.fetch_add(1, Ordering::Relaxed);
    BYTES.fetch_add(len, Ordering::Relaxed);
}

/// The two counts, as they were at one moment.
fn frame_stats() -> FrameStats {
    // TODO: both counts in one step.
    FrameStats {
        frames: FRAMES.load(Ordering::Relaxed),
        bytes: BYTES.load(Ordering::Relaxed),
    }
}
// ANCHOR_END: stats

/// Frames the log could not store: one counter, nothing else depends on it.
static DROPPED_FRAMES: AtomicU32 = AtomicU32::new(0);

/// The UART's receive interrupt (SysTick stands in for it): a 64-byte frame has arrived.
#[exception]
fn SysTick() {
    record_frame(FRAME_LEN);
}

// ANCHOR: main
#[entry]
fn main() -> ! {
    let mut syst = cortex_m::Peripherals::take().expect("main runs once").SYST;
    frames_arrive(&mut syst, || {
        for _ in 0..SNAPSHOTS {
            let FrameStats { frames, bytes } = frame_stats();
            assert!(
                bytes == FRAME_LEN * frames,
                "a torn snapshot: {frames} frames but {bytes} bytes"
            );
        }
    });
    hprintln!("{SNAPSHOTS} snapshots, every one consistent");

    // What each update costs, the call of the closure left out.
    let ((), call) = board::timing::instructions(|| ());
    let (_, one_counter) =
        board::timing::instructions(|| DROPPED_FRAMES.fetch_add(1, Ordering::Relaxed));
    let ((), both_counts) = board::timing::instructions(|| record_frame(FRAME_LEN));
    hprintln!(
        "fetch_add on one counter: {} instructions",
        one_counter - call
    );
    hprintln!("record_frame: {} instructions", both_counts - call);
    board::exit_success()
}
// ANCHOR_END: main

/// Runs `work` while SysTick, standing in for the UART, raises its interrupt every 300 or so
/// instructions.
fn frames_arrive(syst: &mut SYST, work: impl FnOnce()) {
    syst.set_clock_source(SystClkSource::Core);
    syst.set_reload(999);
    syst.clear_current();
    syst.enable_interrupt();
    syst.enable_counter();
    work();
    syst.disable_interrupt();
    syst.disable_counter();
}
