//! Fixed move out while borrowed: the header is copied out of the frame
//! (two bytes, `[u8; 2]` is `Copy`) before the frame goes back to the pool,
//! so nothing points into the released buffer.

struct RxFrame {
    bytes: [u8; 8],
}

fn release(frame: RxFrame) {
    println!("released {} bytes to the pool", frame.bytes.len());
}

fn main() {
    let rx_frame = RxFrame {
        bytes: [0x7E, 0x01, 0x42, 0x00, 0, 0, 0, 0],
    };
    let header = [rx_frame.bytes[0], rx_frame.bytes[1]];
    release(rx_frame);
    println!("header {header:02x?}");
}
