//! The fix: do the whole read-modify-write inside the critical section, and take out of it only
//! a copy of the value.

use core::cell::Cell;
use critical_section::Mutex;

/// Events logged by `main` and by the SysTick handler.
static EVENT_COUNT: Mutex<Cell<u32>> = Mutex::new(Cell::new(0));

/// The SysTick handler: one event per tick.
fn systick() {
    critical_section::with(|cs| {
        let count = EVENT_COUNT.borrow(cs);
        count.set(count.get() + 1);
    });
}

fn main() {
    systick();
    let events = critical_section::with(|cs| {
        let count = EVENT_COUNT.borrow(cs);
        count.set(count.get() + 1);
        count.get()
    });
    println!("events {events}");
}
