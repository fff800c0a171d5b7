//! The SysTick handler hands each sample to the `filter` task through a `Signal` in a `static`,
//! guarded by `NoopRawMutex`: a raw mutex that locks nothing, for values that one executor's
//! tasks share and no handler touches. A `static` is shared by everything that can name it,
//! handlers too, so its type must be `Sync`, and this one is not.

use embassy_sync::blocking_mutex::raw::NoopRawMutex;
use embassy_sync::signal::Signal;

/// The latest sample, from the SysTick handler to the `filter` task.
static SAMPLE: Signal<NoopRawMutex, u16> = Signal::new();

/// The converter's interrupt handler: a sample is ready.
fn systick(sample: u16) {
    SAMPLE.signal(sample);
}

fn main() {
    systick(2037);
    println!("the task takes {:?}", SAMPLE.try_take());
}
