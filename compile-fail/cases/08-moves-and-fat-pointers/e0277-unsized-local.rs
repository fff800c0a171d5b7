//! A local of an unsized type: `[u8]` is "some number of bytes", known only at run time, so
//! the compiler cannot reserve a stack slot for it.

fn main() {
    let uart_buf: [u8; 16] = *b"AT+RST\r\nOK\r\n\0\0\0\0";
    let reply: [u8] = uart_buf[8..12];
    println!("reply: {:?}", &reply);
}
