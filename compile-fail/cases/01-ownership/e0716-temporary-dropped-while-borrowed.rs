//! Temporary dropped while borrowed: `receive()` returns a frame that is
//! never stored in a variable, so it is dropped at the end of the `let`
//! statement, and `header` would point into a frame that no longer exists.

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
    let header = receive().header();
    println!("header {header:02x?}");
}
