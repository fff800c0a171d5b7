//! Fixed DMA descriptor: it holds the buffer as a `&mut [u8]` instead of a raw pointer. A
//! `&mut [u8]` is `Send` (because `u8` is), so `DmaRx` is `Send` too, with no `unsafe` at all,
//! and the borrow checker now sees that `main` cannot touch `rx_frame` while the handler has it.

/// Where the DMA channel writes a received frame.
struct DmaRx<'buf> {
    buf: &'buf mut [u8],
}

impl DmaRx<'_> {
    /// What the handler does when the transfer completes: marks the frame as received.
    fn complete(self, fill: u8) {
        self.buf.fill(fill);
    }
}

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
    let mut rx_frame = [0u8; 4];
    let rx = DmaRx { buf: &mut rx_frame };
    with_interrupt(move || rx.complete(0xA5), || ());
    println!("rx_frame {rx_frame:02x?}");
}
