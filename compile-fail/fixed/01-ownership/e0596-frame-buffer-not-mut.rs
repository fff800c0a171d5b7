//! Fixed: `frame_buffer` is declared `let mut`, so its owner may lend it for writing.

/// Sets the first and the last byte of a row of a monochrome display.
fn draw_border(frame: &mut [u8; 16]) {
    frame[0] = 0xFF;
    frame[15] = 0xFF;
}

fn main() {
    let mut frame_buffer = [0u8; 16];
    draw_border(&mut frame_buffer);
    println!("frame {frame_buffer:02x?}");
}
