//! A function written for every buffer length, called without saying which. `rx_buffer` makes a
//! zeroed receive buffer of `N` bytes; nothing at the call says what `N` is, and the compiler
//! does not guess a size. heapless's `String::new()` with no capacity gives this error too.

/// A zeroed receive buffer of `N` bytes for the UART's DMA channel.
fn rx_buffer<const N: usize>() -> [u8; N] {
    [0; N]
}

fn main() {
    let uart_buf = rx_buffer();
    println!("{} bytes ready for the UART", uart_buf.len());
}
