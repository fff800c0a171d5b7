//! Fixed: in heapless 0.9 the type is `HistoryBuf` (module `history_buf`). `write` never fails:
//! once the buffer is full, each write overwrites the oldest value.

use heapless::HistoryBuf;

fn main() {
    let mut temperatures: HistoryBuf<i16, 4> = HistoryBuf::new();
    for reading in [211, 214, 220, 226, 231] {
        temperatures.write(reading);
    }
    let oldest_first: Vec<i16> = temperatures.oldest_ordered().copied().collect();
    println!("oldest first: {oldest_first:?}, newest: {:?}", temperatures.recent());
    assert_eq!(oldest_first, [214, 220, 226, 231]);
}
