//! Fixed frame read: `&raw const` takes the address of the `static mut` without creating a
//! reference, and `read` copies the frame out through it. Nothing refers to `RX_FRAME` after
//! that line, so the handler may write the next frame at any time.

/// Written by the UART's receive interrupt, one frame at a time.
static mut RX_FRAME: [u8; 4] = [0; 4];

/// The UART's receive interrupt: a frame arrived.
fn uart0_rx(frame: [u8; 4]) {
    // SAFETY: this handler is the only context that writes `RX_FRAME`, and `main` reads it
    // only while the interrupt is disabled.
    unsafe { RX_FRAME = frame };
}

fn main() {
    uart0_rx(*b"PING");
    // SAFETY: the interrupt is disabled here (on the host, there is none), and the pointer
    // comes from a static, so it is aligned and valid.
    let frame = unsafe { (&raw const RX_FRAME).read() };
    println!("rx {:?}", core::str::from_utf8(&frame));
}
