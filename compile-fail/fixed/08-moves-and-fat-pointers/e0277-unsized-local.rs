//! Fixed by giving the local a size: an array of four bytes, whose length is part of its type,
//! copied out of `uart_buf`. `try_into` checks the slice's length when it runs, and returns an
//! error if it is not 4.

fn main() {
    let uart_buf: [u8; 16] = *b"AT+RST\r\nOK\r\n\0\0\0\0";
    let reply: [u8; 4] = uart_buf[8..12].try_into().unwrap();
    println!("reply: {reply:?}");
}
