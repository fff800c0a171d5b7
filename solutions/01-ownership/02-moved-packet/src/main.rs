//! Exercise 1.2: The moved packet (the solution).
//!
//! `send` only reads the packet, so it borrows it (`&Packet`): `main` still owns the packet
//! afterwards and can log it.
//!
//! Check it: `cargo workbook run moved-packet` says PASS, or `cargo run` in this folder prints
//! what `exercises/01-ownership/02-moved-packet/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint moved-packet`
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

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
        hprintln!("packet of {} bytes dropped", self.len);
    }
}

// ANCHOR: send
/// Puts the packet on the air; here, prints its bytes.
fn send(packet: &Packet) {
    hprintln!("tx: {:02x?}", packet.bytes());
}
// ANCHOR_END: send

#[entry]
fn main() -> ! {
    // ANCHOR: main
    // Sync byte, sensor 3, then 23.456 degrees C in millidegrees, big-endian.
    let packet = Packet::new(&[0xA5, 0x03, 0x00, 0x00, 0x5B, 0xA0]);
    send(&packet);
    // The log needs the packet after it was sent.
    hprintln!(
        "logged: {} bytes, checksum {:#04x}",
        packet.len,
        packet.checksum()
    );
    // ANCHOR_END: main

    board::exit_success()
}
