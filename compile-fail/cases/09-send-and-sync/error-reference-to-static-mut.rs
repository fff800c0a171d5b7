//! A reference to a `static mut`. The 2024 edition denies the `static_mut_refs` lint: a
//! `&RX_FRAME` that lives while an interrupt handler writes the frame would be undefined
//! behaviour, and `unsafe` alone does not say how long the reference lives.

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
    // SAFETY: the interrupt is disabled here (on the host, there is none).
    let frame = unsafe { &RX_FRAME };
    println!("rx {:?}", core::str::from_utf8(frame));
}
