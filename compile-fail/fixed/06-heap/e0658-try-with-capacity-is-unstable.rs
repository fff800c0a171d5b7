//! Fixed with stable Rust: an empty `Vec` allocates nothing, and `try_reserve_exact` asks the
//! heap for the room, returning an error instead of calling the allocation error handler.

/// A buffer for `count` samples, or `None` when the heap cannot hold it.
fn sample_buffer(count: usize) -> Option<Vec<u16>> {
    let mut buffer = Vec::new();
    buffer.try_reserve_exact(count).ok()?;
    Some(buffer)
}

fn main() {
    let buffer = sample_buffer(64).expect("the host has 128 bytes to spare");
    assert!(buffer.capacity() >= 64);
    // More than the address space: the allocator is never even asked.
    assert!(sample_buffer(usize::MAX / 2).is_none());
    println!("room for {} samples", buffer.capacity());
}
