//! Fixed error counter: the write is in an `unsafe` block, and its `SAFETY:` comment says
//! which contexts use the `static mut` and why they cannot overlap.

/// Framing and overrun errors seen by the UART's interrupt handler.
static mut RX_ERRORS: u32 = 0;

/// The UART's interrupt handler, when the status register reports an error.
fn uart0_error() {
    // SAFETY: only this handler writes `RX_ERRORS`, and `main` reads it only while the UART's
    // interrupt is disabled, so no read overlaps this read-modify-write.
    unsafe { RX_ERRORS += 1 };
}

fn main() {
    uart0_error();
    // SAFETY: no interrupt handler runs in this program; `main` is the only context.
    let errors = unsafe { RX_ERRORS };
    println!("rx errors {errors}");
}
