//! A tick counter in a `static Cell`. Every `static` can be reached from every execution
//! context (`main` and each interrupt handler), so its type must be `Sync`; `Cell` lets anyone
//! holding a `&Cell` write, so it is not.

use core::cell::Cell;

/// Incremented by the SysTick handler, read by `main`.
static TICK_COUNT: Cell<u32> = Cell::new(0);

/// The SysTick handler: one tick every millisecond.
fn systick() {
    TICK_COUNT.set(TICK_COUNT.get() + 1);
}

fn main() {
    systick();
    println!("ticks {}", TICK_COUNT.get());
}
