//! Advice written for heapless 0.7 or 0.8 names `HistoryBuffer`. heapless 0.9 renamed it.

use heapless::HistoryBuffer;

fn main() {
    let mut temperatures: HistoryBuffer<i16, 4> = HistoryBuffer::new();
    for reading in [211, 214, 220, 226, 231] {
        temperatures.write(reading);
    }
    println!("{:?}", temperatures.as_slice());
}
