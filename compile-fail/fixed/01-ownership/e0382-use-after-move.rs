//! Fixed use after move: `send` only reads the frame, so it borrows it
//! (`&TxFrame`) instead of taking ownership, and `main` still owns
//! `tx_frame` when it logs it.

struct TxFrame {
    bytes: [u8; 8],
    len: usize,
}

fn send(frame: &TxFrame) {
    println!("sent {:02x?}", &frame.bytes[..frame.len]);
}

fn main() {
    let tx_frame = TxFrame {
        bytes: [0x7E, 0x01, 0x42, 0x7E, 0, 0, 0, 0],
        len: 4,
    };
    send(&tx_frame);
    println!("logged a {}-byte frame", tx_frame.len);
}
