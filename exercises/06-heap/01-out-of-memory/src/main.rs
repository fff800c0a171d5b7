//! Exercise 6.1: Out of memory
//!
//! The sensor node keeps its log on a 1 KiB heap and uploads batches of readings when the
//! gateway asks. The second request is for more than the heap holds, and `upload_batch` demands
//! its buffer with `Vec::with_capacity`: when the allocator says no, the program ends in the
//! panic handler. Make `upload_batch` ask instead, so that `send` can split the request.
//!
//! Done when `cargo workbook run out-of-memory` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint out-of-memory`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

// ANCHOR: heap
extern crate alloc;

use alloc::collections::TryReserveError;
use alloc::vec::Vec;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use embedded_alloc::LlffHeap;

#[global_allocator]
static HEAP: LlffHeap = LlffHeap::empty();

/// Bytes of RAM given to the heap.
const HEAP_SIZE: usize = 1024;
// ANCHOR_END: heap

/// One sample of the sensor log: 8 bytes.
struct Reading {
    timestamp_s: u32,
    sensor_id: u16,
    millivolts: u16,
}

/// The reading the log holds at `index` (made up, but different for each index).
fn reading(index: usize) -> Reading {
    Reading {
        timestamp_s: 1_700_000_000 + 60 * index as u32,
        sensor_id: (index % 4) as u16,
        millivolts: 3300 - (index % 50) as u16,
    }
}

// ANCHOR: upload
/// Copies `count` readings from `first` on into one buffer and "sends" it: returns the checksum
/// the gateway compares.
fn upload_batch(first: usize, count: usize) -> Result<u32, TryReserveError> {
    // TODO: `with_capacity` cannot fail: when the heap says no, the program stops. Ask for the
    // memory in a way that hands the refusal back to the caller.
    let mut batch: Vec<Reading> = Vec::with_capacity(count);
    let in_use = HEAP.used();
    // `push` never allocates now: the capacity is there.
    batch.extend((first..first + count).map(reading));
    assert_eq!(HEAP.used(), in_use, "push allocated");
    Ok(batch.iter().fold(0, |sum: u32, r| {
        sum.wrapping_add(r.timestamp_s ^ (u32::from(r.sensor_id) << 16) ^ u32::from(r.millivolts))
    }))
}
// ANCHOR_END: upload

// ANCHOR: main
/// Sends `count` readings from `first` on, in halves while the heap cannot hold them at once.
fn send(first: usize, count: usize, depth: usize) {
    let indent = depth * 2;
    let bytes = count * size_of::<Reading>();
    match upload_batch(first, count) {
        Ok(checksum) => hprintln!(
            "{:indent$}{count} readings, {bytes} bytes: sent, checksum {checksum}",
            ""
        ),
        Err(error) => {
            hprintln!("{:indent$}{count} readings, {bytes} bytes: {error}", "");
            hprintln!(
                "{:indent$}{} bytes free: sending it in two halves",
                "",
                HEAP.free()
            );
            let half = count / 2;
            send(first, half, depth + 1);
            send(first + half, count - half, depth + 1);
        }
    }
}

#[entry]
fn main() -> ! {
    // ANCHOR: init
    // SAFETY: called once, before the first allocation.
    unsafe {
        embedded_alloc::init!(HEAP, HEAP_SIZE);
    }
    // ANCHOR_END: init
    hprintln!("heap: {} bytes, {} free", HEAP_SIZE, HEAP.free());
    // The gateway asks for the last 32 readings, then for a whole day's 200.
    for (request, count) in [32, 200].into_iter().enumerate() {
        hprintln!("request {}:", request + 1);
        send(0, count, 1);
    }
    hprintln!("heap after the uploads: {} bytes used", HEAP.used());
    board::exit_success()
}
// ANCHOR_END: main
