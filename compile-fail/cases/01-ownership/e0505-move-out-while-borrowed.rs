//! Move out while borrowed: `header` still points into `rx_frame` when the
//! frame is handed back to the driver's pool by value. In C the header
//! pointer would now point into a buffer the driver is free to refill.

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
    let header = &rx_frame.bytes[..2];
    release(rx_frame);
    println!("header {header:02x?}");
}
