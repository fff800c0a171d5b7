//! Fixed temporary dropped while borrowed: the received frame is stored in
//! `rx_frame`, so it lives until the end of `main` and `header` can point
//! into it.

struct RxFrame {
    bytes: [u8; 8],
}

impl RxFrame {
    fn header(&self) -> &[u8] {
        &self.bytes[..2]
    }
}

fn receive() -> RxFrame {
    RxFrame {
        bytes: [0x7E, 0x01, 0x42, 0x00, 0, 0, 0, 0],
    }
}

fn main() {
    let rx_frame = receive();
    let header = rx_frame.header();
    println!("header {header:02x?}");
}
