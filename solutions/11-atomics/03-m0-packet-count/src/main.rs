//! Exercise 11.3: The packet count on the M0 (the solution).
//!
//! `portable_atomic::AtomicU32` and `AtomicBool` have the methods of `core`'s, on every core.
//! On the Cortex-M0, which has no atomic read-modify-write instruction, its `critical-section`
//! feature makes them mask interrupts around the read, the change and the write.
//!
//! Check it: `cargo workbook run m0-packet-count` says PASS, or `cargo run` in this folder prints
//! what `exercises/11-atomics/03-m0-packet-count/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint m0-packet-count`
#![no_std]
#![no_main]

// ANCHOR: imports
use portable_atomic::{AtomicBool, AtomicU32, Ordering};
// ANCHOR_END: imports
use cortex_m::peripheral::SCB;
use cortex_m_rt::{entry, exception};
use cortex_m_semihosting::hprintln;

// ANCHOR: statics
/// Packets the radio has received since reset.
static PACKETS_RECEIVED: AtomicU32 = AtomicU32::new(0);

/// Raised at each packet, lowered by `main` when it has seen it.
static PACKET_WAITING: AtomicBool = AtomicBool::new(false);
// ANCHOR_END: statics

// ANCHOR: handler
/// The radio's end-of-packet interrupt (SysTick stands in for it: the machine has no radio).
#[exception]
fn SysTick() {
    PACKETS_RECEIVED.fetch_add(1, Ordering::Relaxed);
    // Raise the flag only if it is down: if it is still up, `main` missed the last packet.
    let raised = PACKET_WAITING.compare_exchange(false, true, Ordering::Release, Ordering::Relaxed);
    assert!(raised.is_ok(), "main missed a packet");
}
// ANCHOR_END: handler

// ANCHOR: main
#[entry]
fn main() -> ! {
    for _ in 0..3 {
        a_packet_arrives();
        while !PACKET_WAITING.swap(false, Ordering::Acquire) {}
        let received = PACKETS_RECEIVED.load(Ordering::Relaxed);
        hprintln!("packet received: {received} so far");
    }
    board::exit_success()
}
// ANCHOR_END: main

/// What the radio does at the end of a packet: it raises its interrupt.
fn a_packet_arrives() {
    SCB::set_pendst();
}
