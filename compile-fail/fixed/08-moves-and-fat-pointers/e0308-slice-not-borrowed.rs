//! Fixed: borrow the bytes where they are. `&[u8]` has a size, two words (an address and a
//! length), and the reply stays in `uart_buf`: nothing is copied.

fn main() {
    let uart_buf: [u8; 16] = *b"AT+RST\r\nOK\r\n\0\0\0\0";
    let reply: &[u8] = &uart_buf[8..12];
    println!("reply: {reply:?}");
}
