//! Use after move: `send` takes the frame by value, so `tx_frame` moves into
//! it and `main` no longer owns it. Logging the frame afterwards is the C bug
//! of reading a buffer you have already handed to the driver.

struct TxFrame {
    bytes: [u8; 8],
    len: usize,
}

fn send(frame: TxFrame) {
    println!("sent {:02x?}", &frame.bytes[..frame.len]);
}

fn main() {
    let tx_frame = TxFrame {
        bytes: [0x7E, 0x01, 0x42, 0x7E, 0, 0, 0, 0],
        len: 4,
    };
    send(tx_frame);
    println!("logged a {}-byte frame", tx_frame.len);
}
