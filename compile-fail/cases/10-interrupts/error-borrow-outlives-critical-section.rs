//! The event count behind a `critical_section::Mutex`, borrowed inside a critical section and
//! kept after it: the `&Cell` would let `main` write the count with interrupts on again. The
//! borrow cannot outlive the token, and the token cannot leave `with`.

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
    let count = critical_section::with(|cs| EVENT_COUNT.borrow(cs));
    count.set(count.get() + 1); // interrupts are on again here
    println!("events {}", count.get());
}
