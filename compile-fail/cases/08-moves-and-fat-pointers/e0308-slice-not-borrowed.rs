//! The unsized local with the `help:` applied: the type is now a reference, `&[u8]`, but the
//! value on the right is still the bytes themselves, a `[u8]`.

fn main() {
    let uart_buf: [u8; 16] = *b"AT+RST\r\nOK\r\n\0\0\0\0";
    let reply: &[u8] = uart_buf[8..12];
    println!("reply: {reply:?}");
}
