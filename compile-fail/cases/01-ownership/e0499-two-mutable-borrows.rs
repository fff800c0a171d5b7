//! Two mutable borrows of one buffer: `command` and `terminator` both
//! have write access to all of `uart_buf` at the same time. Rust allows one
//! writer at a time, so it rejects the second `&mut` while the first is in use.

fn main() {
    let mut uart_buf = [0u8; 8];
    let command = &mut uart_buf;
    let terminator = &mut uart_buf;
    command[..3].copy_from_slice(b"AT+");
    terminator[7] = b'\n';
    println!("uart_buf {uart_buf:02x?}");
}
