//! `Vec::try_with_capacity` would make an empty `Vec` with room for `count` elements, or return
//! an error when the heap cannot give it. It exists, but only on nightly Rust.

/// A buffer for `count` samples, or `None` when the heap cannot hold it.
fn sample_buffer(count: usize) -> Option<Vec<u16>> {
    Vec::try_with_capacity(count).ok()
}

fn main() {
    let buffer = sample_buffer(64).expect("the host has 128 bytes to spare");
    println!("room for {} samples", buffer.capacity());
}
