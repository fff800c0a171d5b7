//! Fixed: a `u16` length counts to 65535. The buffer is 302 bytes, against 304 with the default
//! `usize` length on a 32-bit core (308 on this 64-bit host).

static UART_RX: heapless::Vec<u8, 300, u16> = heapless::Vec::new();

fn main() {
    println!("{} bytes free", UART_RX.capacity() - UART_RX.len());
    assert_eq!(size_of::<heapless::Vec<u8, 300, u16>>(), 302);
}
