//! Exercise 5.4: The sample queue (the solution).
//!
//! A `heapless::spsc::Queue<T, N>` holds `N - 1` items: one slot always stays empty, so that the
//! producer and the consumer can tell a full queue from an empty one without sharing a counter.
//! Two bursts of 8 readings need 16 slots in use, so `N` is 17.
//!
//! Check it: `cargo workbook run sample-queue` says PASS, or `cargo run` in this folder prints
//! what `exercises/05-static-allocation/04-sample-queue/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint sample-queue`
#![no_std]
#![no_main]

use core::cell::RefCell;
use core::sync::atomic::{AtomicU32, Ordering};
use cortex_m::interrupt::{self, Mutex};
use cortex_m::peripheral::SCB;
use cortex_m_rt::{entry, exception};
use cortex_m_semihosting::hprintln;
use heapless::spsc::{Producer, Queue};

/// How many readings the ADC's FIFO holds when its interrupt fires.
const BURST: usize = 8;

// ANCHOR: queue
/// Room for two bursts: `main` empties the queue after every second burst.
type SampleQueue = Queue<u16, { 2 * BURST + 1 }>;
// ANCHOR_END: queue

// ANCHOR: handler
/// The producer's end of the queue: `main` hands it to the interrupt handler at start-up.
static PRODUCER: Mutex<RefCell<Option<Producer<'static, u16>>>> = Mutex::new(RefCell::new(None));

/// Readings the interrupt handler could not queue.
static LOST: AtomicU32 = AtomicU32::new(0);

/// The ADC's interrupt (SysTick stands in for it): moves a burst of readings into the queue.
#[exception]
fn SysTick() {
    static mut SEQUENCE: u16 = 0;
    interrupt::free(|cs| {
        let mut producer = PRODUCER.borrow(cs).borrow_mut();
        let producer = producer
            .as_mut()
            .expect("main hands over the producer first");
        for _ in 0..BURST {
            *SEQUENCE += 1;
            // A full queue hands the reading back: count it as lost rather than stop.
            if producer.enqueue(adc_reading(*SEQUENCE)).is_err() {
                LOST.fetch_add(1, Ordering::Relaxed);
            }
        }
    });
}
// ANCHOR_END: handler

/// What the ADC's FIFO would deliver: a reading that rises and falls.
fn adc_reading(sequence: u16) -> u16 {
    2000 + (sequence % 7) * 10
}

/// Raises the ADC's interrupt; the barriers make it run before this function returns.
fn adc_burst() {
    SCB::set_pendst();
    cortex_m::asm::dsb();
    cortex_m::asm::isb();
}

// ANCHOR: main
#[entry]
fn main() -> ! {
    // ANCHOR: singleton
    // One queue for the whole program, in `.bss`, handed out as `&'static mut` exactly once.
    let queue: &'static mut SampleQueue =
        cortex_m::singleton!(: SampleQueue = Queue::new()).expect("main runs once");
    let (producer, mut consumer) = queue.split();
    interrupt::free(|cs| PRODUCER.borrow(cs).replace(Some(producer)));
    // ANCHOR_END: singleton

    for round in 1..=3 {
        // Two bursts arrive before `main` gets round to the readings.
        adc_burst();
        adc_burst();
        let (mut count, mut sum) = (0u32, 0u32);
        while let Some(reading) = consumer.dequeue() {
            count += 1;
            sum += u32::from(reading);
        }
        hprintln!(
            "round {round}: {count} readings, average {}",
            sum / count.max(1)
        );
    }

    let lost = LOST.load(Ordering::Relaxed);
    assert!(lost == 0, "{lost} readings lost: the sample queue was full");
    hprintln!("no reading lost");
    // RAM is what the queue costs: room for what arrives between two drains, and no more.
    let capacity = consumer.capacity();
    let spare = capacity.saturating_sub(2 * BURST);
    hprintln!("the queue holds {capacity} readings: {spare} more than two bursts");
    assert!(
        spare == 0,
        "{spare} slots of the sample queue are never used: size it for two bursts, no more"
    );
    board::exit_success()
}
// ANCHOR_END: main
