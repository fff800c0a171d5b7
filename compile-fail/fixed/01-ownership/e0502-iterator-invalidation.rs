//! Fixed modification while iterating: `retain` walks the queue itself and
//! keeps only the frames still waiting for an acknowledgement, so no loop
//! holds a borrow while the queue changes.

use heapless::Vec;

fn main() {
    let mut retransmit_queue: Vec<u8, 8> = Vec::from_slice(&[3, 4, 5, 9]).unwrap();
    let last_acked_id = 5;
    retransmit_queue.retain(|frame_id| *frame_id > last_acked_id);
    println!("still to resend: {retransmit_queue:?}");
}
