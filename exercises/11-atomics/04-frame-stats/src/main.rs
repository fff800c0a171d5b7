//! Exercise 11.4: Two counters that belong together
//!
//! The UART's interrupt handler counts the frames it receives and their bytes, for the average
//! frame length; `main` takes snapshots of the two counts while frames keep arriving. Each count
//! is an atomic, and each operation on it is whole, yet `main` sees a snapshot in which the two do
//! not match. Make every snapshot consistent, then compare what the update costs with what one
//! `fetch_add` costs.
//!
//! Change the counts' statics, `record_frame` and `frame_stats` only (no `static mut`, no
//! `unsafe`): `main` and the handler are the harness. Frames are 40 to 72 bytes long, and `main`
//! checks the counts against the frames it delivered, first one frame at a time, then in every
//! snapshot while frames keep arriving; it checks that interrupts stay on and that frames did
//! arrive during the snapshots.
//!
//! Done when `cargo workbook run frame-stats` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint frame-stats`
#![no_std]
#![no_main]

use core::sync::atomic::{AtomicU32, Ordering};
use cortex_m::peripheral::{SCB, SYST, syst::SystClkSource};
use cortex_m::register::primask;
use cortex_m_rt::{entry, exception};
use cortex_m_semihosting::hprintln;

/// The length of the UART's `sequence`th frame: 48, 56, 64, 72 and 40 bytes, in turn.
fn frame_len(sequence: u32) -> u32 {
    40 + 8 * (sequence % 5)
}

/// The bytes in the first `frames` frames: a snapshot is consistent when it holds this many.
fn bytes_in_first(frames: u32) -> u32 {
    // Every five frames hold 48 + 56 + 64 + 72 + 40 = 280 bytes; the first `rest` of the next
    // five hold 48, 56, 64 and 72, eight more each time.
    let rest = frames % 5;
    frames / 5 * 280 + 48 * rest + 4 * rest * rest.saturating_sub(1)
}

/// How many snapshots `main` takes while frames arrive.
const SNAPSHOTS: u32 = 5000;

/// The frames that must arrive while `main` takes its snapshots: the handler must not be kept out.
const MIN_FRAMES: u32 = 100;

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

/// Frames the UART has delivered: the harness's own count (only the handler writes it).
static DELIVERED: AtomicU32 = AtomicU32::new(0);

/// The UART's receive interrupt (SysTick stands in for it): a frame has arrived.
#[exception]
fn SysTick() {
    let sequence = DELIVERED.fetch_add(1, Ordering::Relaxed) + 1;
    record_frame(frame_len(sequence));
}

// ANCHOR: main
#[entry]
fn main() -> ! {
    // Five frames, one at a time, each counted before main looks.
    for _ in 0..5 {
        a_frame_arrives();
        check_interrupts_on("record_frame");
        check_counts(frame_stats(), DELIVERED.load(Ordering::Relaxed));
        check_interrupts_on("frame_stats");
    }

    // Snapshots while frames keep arriving.
    let mut syst = cortex_m::Peripherals::take().expect("main runs once").SYST;
    let before = DELIVERED.load(Ordering::Relaxed);
    frames_arrive(&mut syst, || {
        for _ in 0..SNAPSHOTS {
            let FrameStats { frames, bytes } = frame_stats();
            assert!(
                bytes == bytes_in_first(frames),
                "a torn snapshot: {frames} frames but {bytes} bytes"
            );
        }
    });
    check_interrupts_on("frame_stats");
    let delivered = DELIVERED.load(Ordering::Relaxed);
    assert!(
        delivered - before >= MIN_FRAMES,
        "only {} frames arrived during the snapshots: the handler was kept out",
        delivered - before
    );
    check_counts(frame_stats(), delivered);
    hprintln!("{SNAPSHOTS} snapshots, every one consistent");

    // What each update costs, the call of the closure left out.
    let ((), call) = board::timing::instructions(|| ());
    let (_, one_counter) =
        board::timing::instructions(|| DROPPED_FRAMES.fetch_add(1, Ordering::Relaxed));
    let len = frame_len(1);
    let ((), both_counts) = board::timing::instructions(|| record_frame(len));
    hprintln!(
        "fetch_add on one counter: {} instructions",
        one_counter - call
    );
    hprintln!("record_frame: {} instructions", both_counts - call);
    board::exit_success()
}
// ANCHOR_END: main

/// Stops the program unless `stats` counts the `delivered` frames and their bytes.
fn check_counts(stats: FrameStats, delivered: u32) {
    let FrameStats { frames, bytes } = stats;
    let wanted = bytes_in_first(delivered);
    assert!(
        frames == delivered && bytes == wanted,
        "frame_stats says {frames} frames and {bytes} bytes, but {delivered} frames of {wanted} bytes in all have arrived"
    );
}

/// Stops the program if interrupts are off: `function` switched them off and left them off.
fn check_interrupts_on(function: &str) {
    // `Active` is PRIMASK clear: interrupts may be taken.
    assert!(
        primask::read().is_active(),
        "interrupts were left off after {function}: no frame could arrive"
    );
}

/// One frame arrives: raises the UART's interrupt, and its handler runs before this returns.
fn a_frame_arrives() {
    SCB::set_pendst();
    cortex_m::asm::dsb();
    cortex_m::asm::isb();
}

/// Runs `work` while SysTick, standing in for the UART, raises its interrupt every 600 or so
/// instructions.
fn frames_arrive(syst: &mut SYST, work: impl FnOnce()) {
    syst.set_clock_source(SystClkSource::Core);
    syst.set_reload(1999);
    syst.clear_current();
    syst.enable_interrupt();
    syst.enable_counter();
    work();
    syst.disable_interrupt();
    syst.disable_counter();
}
