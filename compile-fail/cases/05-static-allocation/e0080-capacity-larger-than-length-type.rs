//! heapless 0.9 lets a `Vec` keep its length in a `u8` (the third generic argument), which saves
//! bytes. A `u8` counts to 255 at most, so a capacity of 300 cannot work, and `Vec::new` says so
//! while the program compiles.

static UART_RX: heapless::Vec<u8, 300, u8> = heapless::Vec::new();

fn main() {
    println!("{} bytes free", UART_RX.capacity() - UART_RX.len());
}
