//! Moving out by index: `pending[0]` names a frame that the `Vec` owns. Taking it by value
//! would leave a hole in the `Vec` that it still counts as a frame, and drop it twice later.

#[derive(Debug)]
struct TxFrame {
    bytes: [u8; 8],
    len: usize,
}

fn main() {
    let mut pending: heapless::Vec<TxFrame, 4> = heapless::Vec::new();
    let frame = TxFrame {
        bytes: [0x7E, 0x01, 0x42, 0x7E, 0, 0, 0, 0],
        len: 4,
    };
    pending.push(frame).expect("room for 4 frames");

    let next = pending[0];
    println!("sending {:02x?}", &next.bytes[..next.len]);
}
