//! Exercise 10.4: The latency budget (the solution).
//!
//! The checksum is computed before the critical section, with interrupts on; the critical
//! section, which `masked` runs and measures, only stores the finished status. Interrupts stay
//! masked for a handful of instructions, whatever the size of the frame.
//!
//! Check it: `cargo workbook run latency-budget` says PASS, or `cargo run` in this folder prints
//! what `exercises/10-interrupts/04-latency-budget/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint latency-budget`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::cell::Cell;
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering::Relaxed};
use cortex_m::peripheral::NVIC;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use critical_section::{CriticalSection, Mutex};
use lm3s6965::{Interrupt, interrupt};

/// The longest UART0 may wait for its handler, in instructions: the product decides this from
/// the baud rate and the depth of the receive FIFO.
const UART0_BUDGET: u32 = 300;

/// What `main` publishes after each frame it sends, for the handlers to read.
#[derive(Clone, Copy)]
struct TxStatus {
    frames: u32,
    last_crc: u32,
}

static TX_STATUS: Mutex<Cell<TxStatus>> = Mutex::new(Cell::new(TxStatus {
    frames: 0,
    last_crc: 0,
}));

/// Set by the UART0 handler when it runs.
static UART0_RAN: AtomicBool = AtomicBool::new(false);

#[interrupt]
fn UART0() {
    UART0_RAN.store(true, Relaxed);
}

/// CRC-32 (IEEE 802.3), a bit at a time: slow on purpose, as checksums over a frame are.
fn crc32(frame: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in frame {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

// ANCHOR: masked
/// The critical sections run through `masked` so far, and the longest of them in instructions.
static MASKED_CALLS: AtomicU32 = AtomicU32::new(0);
static LONGEST_MASKED: AtomicU32 = AtomicU32::new(0);

/// Runs `f` in a critical section, and counts the instructions of its `critical_section::with`
/// call: interrupts are masked for part of that call only, so no interrupt that comes due
/// meanwhile waits longer than that for its handler to start.
fn masked<R>(f: impl FnOnce(CriticalSection<'_>) -> R) -> R {
    let (result, held) = board::timing::instructions(|| critical_section::with(f));
    MASKED_CALLS.store(MASKED_CALLS.load(Relaxed) + 1, Relaxed);
    LONGEST_MASKED.store(LONGEST_MASKED.load(Relaxed).max(held), Relaxed);
    result
}
// ANCHOR_END: masked

// ANCHOR: publish
/// Records that `frame` went out: the frame count and its checksum, in `TX_STATUS`.
fn publish(frame: &[u8]) {
    let crc = crc32(frame);
    masked(|cs| {
        let status = TX_STATUS.borrow(cs);
        status.set(TxStatus {
            frames: status.get().frames + 1,
            last_crc: crc,
        });
    });
}
// ANCHOR_END: publish

// ANCHOR: main
#[entry]
fn main() -> ! {
    // What any `critical_section::with` call costs: masking and unmasking, and the calls around
    // them.
    masked(|_| ());
    let empty = LONGEST_MASKED.load(Relaxed);
    hprintln!("an empty critical_section::with call: {empty} instructions");

    // An interrupt that comes due inside a critical section waits for its end.
    // SAFETY: unmasking an interrupt can break a critical section that relies on it staying
    // masked; this program has none.
    unsafe { NVIC::unmask(Interrupt::UART0) };
    let ran_inside = critical_section::with(|_| {
        NVIC::pend(Interrupt::UART0);
        cortex_m::asm::dsb();
        cortex_m::asm::isb();
        UART0_RAN.load(Relaxed)
    });
    let ran_after = UART0_RAN.load(Relaxed);
    hprintln!(
        "UART0 pended inside a critical section: ran inside it {ran_inside}, after it {ran_after}"
    );

    // Every critical section `publish` runs goes through `masked`, which measures it.
    MASKED_CALLS.store(0, Relaxed);
    LONGEST_MASKED.store(0, Relaxed);
    let frame = [0x5Au8; 256];
    publish(&frame);
    let (calls, held) = (MASKED_CALLS.load(Relaxed), LONGEST_MASKED.load(Relaxed));
    assert!(
        calls > 0,
        "publish ran no critical section through masked: TX_STATUS is shared with the handlers"
    );
    let status = critical_section::with(|cs| TX_STATUS.borrow(cs).get());
    assert!(
        status.last_crc == crc32(&frame),
        "publish did not publish the frame's checksum"
    );
    hprintln!(
        "frame {} published, crc {:#010x}: {held} instructions in its longest critical section",
        status.frames,
        status.last_crc
    );
    assert!(
        held <= UART0_BUDGET,
        "UART0 could wait up to {held} instructions for its handler; its budget is {UART0_BUDGET}"
    );
    hprintln!("within UART0's budget of {UART0_BUDGET} instructions");
    board::exit_success()
}
// ANCHOR_END: main
