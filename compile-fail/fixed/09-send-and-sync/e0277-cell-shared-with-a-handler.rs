//! Fixed shared counter: the `Cell` inside a `critical_section::Mutex`. The mutex is `Sync`
//! (its `Cell<u32>` is `Send`), so the handler may capture a reference to it; each context
//! reaches the `Cell` only inside a critical section.

use core::cell::Cell;
use critical_section::Mutex;

/// Stands for enabling an interrupt whose handler is `handler`, for as long as `main_loop`
/// runs. The handler runs in another execution context, so it must be `Send`. On the host, that
/// context is a thread; on a Cortex-M, an exception handler.
fn with_interrupt<R>(handler: impl FnOnce() + Send, main_loop: impl FnOnce() -> R) -> R {
    std::thread::scope(|scope| {
        scope.spawn(handler);
        main_loop()
    })
}

/// Adds `ticks` to the counter, in a critical section.
fn add(tick_count: &Mutex<Cell<u32>>, ticks: u32) {
    critical_section::with(|cs| {
        let count = tick_count.borrow(cs);
        count.set(count.get() + ticks);
    });
}

fn main() {
    let tick_count = Mutex::new(Cell::new(0u32));
    with_interrupt(|| add(&tick_count, 1), || add(&tick_count, 100));
    let ticks = critical_section::with(|cs| tick_count.borrow(cs).get());
    println!("ticks {ticks}");
}
