//! Exercise 10.3: The receive queue (the solution).
//!
//! The queue lives for the whole program: `cortex_m::singleton!` puts it in a static and hands
//! `main` the only `&'static mut` to it. Split, its producer can go to the UART0 handler and
//! its consumer stay with `main`, and neither side needs a critical section to move a byte.
//!
//! Check it: `cargo workbook run rx-queue` says PASS, or `cargo run` in this folder prints what
//! `exercises/10-interrupts/03-rx-queue/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint rx-queue`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::cell::RefCell;
use core::sync::atomic::{AtomicU32, Ordering::Relaxed};
use cortex_m::peripheral::NVIC;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use critical_section::Mutex;
use heapless::Vec;
use heapless::spsc::{Consumer, Producer, Queue};
use lm3s6965::{Interrupt, interrupt};

/// What arrives on UART0's receive line, one byte per interrupt: two commands.
const RX_SCRIPT: &[u8] = b"led on\nstatus\n";

/// Room for 7 bytes (one slot stays empty): `main` drains the queue after every 4.
type RxQueue = Queue<u8, 8>;

// ANCHOR: handler
/// Where `main` leaves the producer's end of the queue for the UART0 handler.
static SHARED_PRODUCER: Mutex<RefCell<Option<Producer<'static, u8>>>> =
    Mutex::new(RefCell::new(None));

/// Bytes the handler could not queue.
static LOST: AtomicU32 = AtomicU32::new(0);

/// A byte arrived: move it into the queue, and return at once.
#[interrupt]
fn UART0() {
    static mut PRODUCER: Option<Producer<'static, u8>> = None;
    static mut RECEIVED: usize = 0;
    let producer = PRODUCER.get_or_insert_with(|| {
        critical_section::with(|cs| SHARED_PRODUCER.take(cs)).expect("main hands over the producer")
    });

    // Stands in for reading UART0's data register.
    let byte = RX_SCRIPT[*RECEIVED];
    *RECEIVED += 1;
    if producer.enqueue(byte).is_err() {
        LOST.store(LOST.load(Relaxed) + 1, Relaxed);
    }
}
// ANCHOR_END: handler

/// Makes the receive queue, hands its producer's end to the UART0 handler, and returns the
/// consumer's end for `main`.
fn start_rx_queue() -> Consumer<'static, u8> {
    // ANCHOR: queue
    let queue: &'static mut RxQueue =
        cortex_m::singleton!(: RxQueue = Queue::new()).expect("main runs once");
    let (producer, consumer) = queue.split();
    critical_section::with(|cs| SHARED_PRODUCER.replace(cs, Some(producer)));
    consumer
    // ANCHOR_END: queue
}

// ANCHOR: main
#[entry]
fn main() -> ! {
    let mut consumer = start_rx_queue();

    // SAFETY: unmasking an interrupt can break a critical section that relies on it staying
    // masked; this program has none.
    unsafe { NVIC::unmask(Interrupt::UART0) };

    let mut command: Vec<u8, 32> = Vec::new();
    for burst in RX_SCRIPT.chunks(4) {
        // A burst of bytes arrives while `main` is busy elsewhere...
        for _ in burst {
            byte_arrives();
        }
        // ...and `main` takes them out when it gets round to it.
        while let Some(byte) = consumer.dequeue() {
            if byte == b'\n' {
                hprintln!("command: {}", core::str::from_utf8(&command).unwrap_or("?"));
                command.clear();
            } else {
                command.push(byte).expect("a command fits in 32 bytes");
            }
        }
    }
    hprintln!(
        "{} bytes through the queue, {} lost",
        RX_SCRIPT.len(),
        LOST.load(Relaxed)
    );
    board::exit_success()
}
// ANCHOR_END: main

/// What the UART does when a byte comes in: it raises UART0. The barriers make the interrupt
/// run before this function returns.
fn byte_arrives() {
    NVIC::pend(Interrupt::UART0);
    cortex_m::asm::dsb();
    cortex_m::asm::isb();
}
