//! Exercise 5.4: The sample queue
//!
//! The ADC's interrupt moves bursts of 8 readings into a `heapless::spsc::Queue`, and `main`
//! takes them out after every second burst. The queue was sized for two bursts, yet the handler
//! counts readings it could not queue, and `main` stops when any were lost. Size the queue so that
//! none are, and no larger: change `SampleQueue` only. `main` is the harness; it checks that no
//! reading was lost and that the queue has no slot that is never used.
//!
//! Done when `cargo workbook run sample-queue` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
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
// TODO: how many readings does a `Queue<T, N>` hold? Its `capacity()` says.
type SampleQueue = Queue<u16, { 2 * BURST }>;
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
