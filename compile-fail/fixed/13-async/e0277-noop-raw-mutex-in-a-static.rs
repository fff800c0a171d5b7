//! The fix: `CriticalSectionRawMutex` holds a critical section while the signal's value and waker
//! change (on a single-core Cortex-M, interrupts masked), so a handler cannot run in the middle of
//! the task's lock. It is `Sync`, and the `static` compiles.

use embassy_sync::blocking_mutex::raw::CriticalSectionRawMutex;
use embassy_sync::signal::Signal;

/// The latest sample, from the SysTick handler to the `filter` task.
static SAMPLE: Signal<CriticalSectionRawMutex, u16> = Signal::new();

/// The converter's interrupt handler: a sample is ready.
fn systick(sample: u16) {
    SAMPLE.signal(sample);
}

fn main() {
    systick(2037);
    println!("the task takes {:?}", SAMPLE.try_take());
}
