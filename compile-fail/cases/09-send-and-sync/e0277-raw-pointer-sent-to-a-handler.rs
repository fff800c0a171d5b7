//! A DMA receive descriptor handed to the interrupt handler that completes the transfer.
//! `DmaRx` holds a raw pointer, and raw pointers are neither `Send` nor `Sync`, so `DmaRx` is
//! not `Send` either: an auto trait holds for a struct only if it holds for every field.

/// Where the DMA channel writes a received frame.
struct DmaRx {
    buf: *mut u8,
    len: usize,
}

impl DmaRx {
    /// What the handler does when the transfer completes: marks the frame as received.
    fn complete(self, fill: u8) {
        for offset in 0..self.len {
            // SAFETY: `buf` points to `len` bytes that nothing else uses meanwhile.
            unsafe { self.buf.add(offset).write(fill) };
        }
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
    let rx = DmaRx {
        buf: rx_frame.as_mut_ptr(),
        len: rx_frame.len(),
    };
    with_interrupt(move || rx.complete(0xA5), || ());
    println!("rx_frame {rx_frame:02x?}");
}
