//! Fixed two mutable borrows: `split_at_mut` cuts `uart_buf` into two
//! halves that do not overlap, and each half may have its own writer.

fn main() {
    let mut uart_buf = [0u8; 8];
    let (command, terminator) = uart_buf.split_at_mut(4);
    command[..3].copy_from_slice(b"AT+");
    terminator[3] = b'\n';
    println!("uart_buf {uart_buf:02x?}");
}
