//! A counter of UART receive errors in a `static mut`, incremented without `unsafe`. Every
//! access to a `static mut` is `unsafe`: the compiler cannot know which contexts touch it, or
//! when.

/// Framing and overrun errors seen by the UART's interrupt handler.
static mut RX_ERRORS: u32 = 0;

/// The UART's interrupt handler, when the status register reports an error.
fn uart0_error() {
    RX_ERRORS += 1;
}

fn main() {
    uart0_error();
    // SAFETY: no interrupt handler runs in this program; `main` is the only context.
    let errors = unsafe { RX_ERRORS };
    println!("rx errors {errors}");
}
