//! Modifying a collection while iterating over it: `remove` shifts the later
//! frames down while the loop still walks the old slots. In C that loop
//! skips the frame after each removed one and reads past the new end.

use heapless::Vec;

fn main() {
    let mut retransmit_queue: Vec<u8, 8> = Vec::from_slice(&[3, 4, 5, 9]).unwrap();
    let last_acked_id = 5;
    for (slot, frame_id) in retransmit_queue.iter().enumerate() {
        if *frame_id <= last_acked_id {
            retransmit_queue.remove(slot);
        }
    }
    println!("still to resend: {retransmit_queue:?}");
}
