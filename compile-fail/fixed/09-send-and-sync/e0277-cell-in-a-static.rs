//! Fixed tick counter: `critical_section::Mutex` is `Sync` for any `Send` contents, and it
//! hands out the `Cell` only to code holding a critical-section token, that is, while no other
//! context can run.

use core::cell::Cell;
use critical_section::Mutex;

// ANCHOR: pattern
/// Incremented by the SysTick handler, read by `main`.
static TICK_COUNT: Mutex<Cell<u32>> = Mutex::new(Cell::new(0));

/// The SysTick handler: one tick every millisecond.
fn systick() {
    critical_section::with(|cs| {
        let ticks = TICK_COUNT.borrow(cs);
        ticks.set(ticks.get() + 1);
    });
}
// ANCHOR_END: pattern

fn main() {
    systick();
    let ticks = critical_section::with(|cs| TICK_COUNT.borrow(cs).get());
    println!("ticks {ticks}");
}
