//! Exercise 8.2: Borrow, don't clone (the solution).
//!
//! `checksum` and `is_for_us` borrow the frame (`&RadioFrame`), so `handle` clones nothing: the
//! readers get a pointer, and the one owner that keeps the frame, the uplink, gets the frame
//! itself by a move.
//!
//! Check it: `cargo workbook run borrow-not-clone` says PASS, or `cargo run` in this folder
//! prints what `exercises/08-moves-and-fat-pointers/02-borrow-not-clone/expected.out` holds and
//! exits 0.
//!
//! Stuck? `cargo workbook hint borrow-not-clone`
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use heapless::{Deque, Vec};

/// This node's address on the radio network.
const OUR_ADDRESS: u8 = 0x42;

// ANCHOR: budget
/// How many instructions handling one frame may take.
const BUDGET: u32 = 3000;
// ANCHOR_END: budget

// ANCHOR: frame
/// A frame from the radio: a destination address, a payload of up to 32 bytes, the signal
/// strength. `heapless::Vec` is `Clone` but not `Copy`, so neither is `RadioFrame`.
#[derive(Clone)]
struct RadioFrame {
    destination: u8,
    payload: Vec<u8, 32>,
    rssi: i8,
}
// ANCHOR_END: frame

/// Frames waiting to go up to the gateway, each with its checksum.
struct Uplink {
    queue: Deque<(RadioFrame, u8), 4>,
}

impl Uplink {
    /// Keeps the frame: the uplink is its new owner.
    fn send(&mut self, frame: RadioFrame, checksum: u8) {
        if self.queue.is_full() {
            self.queue.pop_front();
        }
        // Cannot fail: the queue has just made room.
        let _ = self.queue.push_back((frame, checksum));
    }
}

// ANCHOR: handle
/// The XOR of the payload's bytes.
fn checksum(frame: &RadioFrame) -> u8 {
    frame.payload.iter().fold(0, |sum, byte| sum ^ byte)
}

/// Whether the frame is addressed to this node.
fn is_for_us(frame: &RadioFrame) -> bool {
    frame.destination == OUR_ADDRESS
}

#[inline(never)]
fn handle(frame: RadioFrame, uplink: &mut Uplink) -> bool {
    let sum = checksum(&frame);
    if !is_for_us(&frame) {
        return false;
    }
    uplink.send(frame, sum);
    true
}
// ANCHOR_END: handle

#[entry]
fn main() -> ! {
    let mut uplink = Uplink {
        queue: Deque::new(),
    };
    let mut payload = Vec::new();
    for byte in 0..24u8 {
        let _ = payload.push(byte.wrapping_mul(37));
    }
    let frame = RadioFrame {
        destination: OUR_ADDRESS,
        payload,
        rssi: -71,
    };

    // ANCHOR: measure
    // What one clone costs, measured on its own: a frame is not `Copy`, so `.clone()` runs
    // `Clone::clone`, which here copies the payload byte by byte.
    let (copy, clone_cost) = board::timing::instructions(|| frame.clone());
    hprintln!(
        "one clone of a frame with {} payload bytes: {clone_cost} instructions",
        copy.payload.len()
    );
    let (kept, handle_cost) = board::timing::instructions(|| handle(copy, &mut uplink));
    // ANCHOR_END: measure
    let within = handle_cost <= BUDGET;
    hprintln!(
        "handling one frame: {handle_cost} instructions, {} the budget",
        if within { "within" } else { "over" }
    );
    assert!(
        within,
        "{handle_cost} instructions to handle one frame; the budget is {BUDGET}"
    );
    let (queued, sum) = uplink.queue.front().expect("the uplink kept the frame");
    hprintln!(
        "kept: {kept}; queued {} bytes, rssi {} dBm, checksum {sum:#04x}",
        queued.payload.len(),
        queued.rssi
    );

    // A frame for another node: `handle` must drop it, and the uplink keeps only the first.
    let mut payload = Vec::new();
    let _ = payload.extend_from_slice(b"for 0x17");
    let other = RadioFrame {
        destination: 0x17,
        payload,
        rssi: -88,
    };
    let kept = handle(other, &mut uplink);
    hprintln!(
        "a frame for 0x17: kept {kept}; {} frame(s) queued",
        uplink.queue.len()
    );

    board::exit_success()
}
