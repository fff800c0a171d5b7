//! Borrowing mutably what is not declared mutable: `draw_border` needs a `&mut` to the frame
//! buffer, and `frame_buffer` is declared with `let`, so nothing may write to it.

/// Sets the first and the last byte of a row of a monochrome display.
fn draw_border(frame: &mut [u8; 16]) {
    frame[0] = 0xFF;
    frame[15] = 0xFF;
}

fn main() {
    let frame_buffer = [0u8; 16];
    draw_border(&mut frame_buffer);
    println!("frame {frame_buffer:02x?}");
}
