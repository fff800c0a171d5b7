//! Fixed: borrow the bytes instead. `&[u8]` has a size, two words (an address and a length),
//! and the reply stays where it is, in `uart_buf`.

fn main() {
    let uart_buf: [u8; 16] = *b"AT+RST\r\nOK\r\n\0\0\0\0";
    let reply: &[u8] = &uart_buf[8..12];
    println!("reply: {reply:?}");
}
