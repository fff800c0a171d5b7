//! Fixed: the count is an `AtomicU32`, whose value changes through a shared reference, in one
//! step that the other context cannot split. `Relaxed` is enough: nothing else depends on it.

use core::sync::atomic::{AtomicU32, Ordering};

/// Milliseconds since reset, counted by the SysTick handler.
static TICK_COUNT: AtomicU32 = AtomicU32::new(0);

/// The SysTick handler, called once per millisecond.
fn systick() {
    TICK_COUNT.fetch_add(1, Ordering::Relaxed);
}

fn main() {
    for _ in 0..3 {
        systick();
    }
    println!("ticks {}", TICK_COUNT.load(Ordering::Relaxed));
}
