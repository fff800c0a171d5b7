//! Fixed: `remove(0)` takes the frame out of the `Vec`, which shifts the others down and
//! shortens itself by one. The frame now has one owner, `next`, and the `Vec` no longer counts it.
//! (`pop` takes the last one, `swap_remove` any one without shifting; `&pending[0]` only looks.)

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

    let next = pending.remove(0);
    println!("sending {:02x?}", &next.bytes[..next.len]);
    assert!(pending.is_empty());
}
