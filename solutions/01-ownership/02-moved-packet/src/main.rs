//! Exercise 1.2: The moved packet (the solution).
//!
//! `send` only reads the packet, so it borrows it (`&Packet`): `send_and_log` still owns the
//! packet afterwards and can log it, and drops it, once, when it returns.
//!
//! Check it: `cargo workbook run moved-packet` says PASS, or `cargo run` in this folder prints
//! what `exercises/01-ownership/02-moved-packet/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint moved-packet`
#![no_std]
#![no_main]

use core::sync::atomic::{AtomicUsize, Ordering};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

/// How many packets were dropped, and where the first and the last read of a packet's bytes
/// found it: `main` checks that there was one packet, read in one place.
static PACKETS_DROPPED: AtomicUsize = AtomicUsize::new(0);
static FIRST_READ_AT: AtomicUsize = AtomicUsize::new(0);
static LAST_READ_AT: AtomicUsize = AtomicUsize::new(0);

/// A radio packet of up to 16 bytes. It is not `Copy`: passing it by value moves it.
struct Packet {
    payload: [u8; 16],
    len: usize,
}

impl Packet {
    /// A packet holding `bytes`, which must be at most 16 long.
    fn new(bytes: &[u8]) -> Packet {
        let mut payload = [0; 16];
        payload[..bytes.len()].copy_from_slice(bytes);
        Packet {
            payload,
            len: bytes.len(),
        }
    }

    /// The bytes in use.
    fn bytes(&self) -> &[u8] {
        let at = (self as *const Packet).addr();
        let _ = FIRST_READ_AT.compare_exchange(0, at, Ordering::Relaxed, Ordering::Relaxed);
        LAST_READ_AT.store(at, Ordering::Relaxed);
        &self.payload[..self.len]
    }

    /// The sum of the bytes, modulo 256.
    fn checksum(&self) -> u8 {
        self.bytes()
            .iter()
            .fold(0, |sum, &byte| sum.wrapping_add(byte))
    }
}

/// Every packet says when it is dropped, so the output shows each one that was made and
/// destroyed (a type with `Drop` cannot be `Copy`, either).
impl Drop for Packet {
    fn drop(&mut self) {
        PACKETS_DROPPED.fetch_add(1, Ordering::Relaxed);
        hprintln!("packet of {} bytes dropped", self.len);
    }
}

// ANCHOR: send
/// Puts the packet on the air; here, prints its bytes.
fn send(packet: &Packet) {
    hprintln!("tx: {:02x?}", packet.bytes());
}
// ANCHOR_END: send

// ANCHOR: send_and_log
/// Sends one packet, then logs it.
fn send_and_log() {
    // Sync byte, sensor 3, then 23.456 degrees C in millidegrees, big-endian.
    let packet = Packet::new(&[0xA5, 0x03, 0x00, 0x00, 0x5B, 0xA0]);
    send(&packet);
    // The log needs the packet after it was sent.
    hprintln!(
        "logged: {} bytes, checksum {:#04x}",
        packet.len,
        packet.checksum()
    );
}
// ANCHOR_END: send_and_log

// ANCHOR: main
#[entry]
fn main() -> ! {
    send_and_log();

    // The lesson: one packet, lent to `send`, neither copied nor handed over and given back.
    let dropped = PACKETS_DROPPED.load(Ordering::Relaxed);
    assert!(
        dropped == 1,
        "{dropped} packets were dropped where one was made: `send` got a copy of the packet"
    );
    assert!(
        FIRST_READ_AT.load(Ordering::Relaxed) == LAST_READ_AT.load(Ordering::Relaxed),
        "`send` and the log read the packet in two places: it was moved, not lent"
    );
    board::exit_success()
}
// ANCHOR_END: main
