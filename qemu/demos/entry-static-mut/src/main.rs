//! Chapter 10's receive queue, kept in a `static mut` declared at the top of `#[entry] fn main`.
//! cortex-m-rt's `#[entry]` moves such a static out of `main`'s body, where no other code can
//! name it, and gives the body a `&'static mut` to it instead: `main` is called once, so there is
//! never a second one, and no `unsafe` is needed. `workbook/tests/board.rs` runs it and compares
//! its output with `runs/dev.stdout`; with the `habit` feature it checks that the C habit,
//! `unsafe { &mut RX_QUEUE }`, is refused as `runs/habit.stderr` says.
#![no_std]
#![no_main]

use board as _;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use heapless::spsc::{Consumer, Producer, Queue};

/// Room for 7 bytes (heapless 0.9's `Queue<T, N>` keeps one slot free).
type RxQueue = Queue<u8, 8>;

// ANCHOR: main
#[entry]
fn main() -> ! {
    // Rewritten by `#[entry]`: in the body, `RX_QUEUE` is a `&'static mut RxQueue`.
    static mut RX_QUEUE: RxQueue = Queue::new();

    #[cfg(not(feature = "habit"))]
    let queue: &'static mut RxQueue = RX_QUEUE;
    // ANCHOR: habit
    #[cfg(feature = "habit")]
    let queue: &'static mut RxQueue = unsafe { &mut RX_QUEUE };
    // ANCHOR_END: habit
    let (producer, consumer) = queue.split();
    echo(producer, consumer);
    board::exit_success()
}
// ANCHOR_END: main

/// Sends a line through the queue, as a handler and `main` would, and prints what came out.
fn echo(mut producer: Producer<'static, u8>, mut consumer: Consumer<'static, u8>) {
    for &byte in b"ping" {
        producer.enqueue(byte).expect("room for a short line");
    }
    let mut line = [0u8; 4];
    for slot in &mut line {
        *slot = consumer.dequeue().expect("what was sent");
    }
    hprintln!(
        "through a queue that main owns for ever: {}",
        core::str::from_utf8(&line).unwrap_or("?")
    );
}
