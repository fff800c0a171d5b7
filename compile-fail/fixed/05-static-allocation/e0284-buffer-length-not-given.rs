//! Fixed: the buffer's type says its length, so `N` is 64. For heapless,
//! `let mut status: heapless::String<64> = heapless::String::new();` says the capacity the same
//! way.

/// A zeroed receive buffer of `N` bytes for the UART's DMA channel.
fn rx_buffer<const N: usize>() -> [u8; N] {
    [0; N]
}

fn main() {
    let uart_buf: [u8; 64] = rx_buffer();
    assert_eq!(uart_buf.len(), 64);
    let mut status: heapless::String<64> = heapless::String::new();
    status.push_str("rx ready").unwrap();
    println!("{} bytes ready for the UART; {status}", uart_buf.len());
}
