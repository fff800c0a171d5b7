//! A `Cell` on `main`'s stack, shared with an interrupt handler. The handler closure captures
//! `&Cell<u32>`, and a shared reference may go to another context only if its target is `Sync`
//! (`&T: Send` exactly when `T: Sync`). `Cell` is not `Sync`.

use core::cell::Cell;

/// Stands for enabling an interrupt whose handler is `handler`, for as long as `main_loop`
/// runs. The handler runs in another execution context, so it must be `Send`. On the host, that
/// context is a thread; on a Cortex-M, an exception handler.
fn with_interrupt<R>(handler: impl FnOnce() + Send, main_loop: impl FnOnce() -> R) -> R {
    std::thread::scope(|scope| {
        scope.spawn(handler);
        main_loop()
    })
}

fn main() {
    let tick_count = Cell::new(0u32);
    with_interrupt(
        || tick_count.set(tick_count.get() + 1),
        || tick_count.set(tick_count.get() + 100),
    );
    println!("ticks {}", tick_count.get());
}
