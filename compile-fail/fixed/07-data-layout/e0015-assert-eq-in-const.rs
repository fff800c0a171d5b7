//! The fix: `assert!` with a comparison, and a message that is a plain string: a constant may
//! panic, but only with a message that needs no formatting.
//!
//! Built for the host (x86-64), not the Cortex-M: `u32` fields only, whose size and alignment are
//! 4 on both.

use core::mem::size_of;

/// One transfer as the DMA controller reads it from RAM.
#[repr(C)]
struct DmaDescriptor {
    source: u32,
    destination: u32,
    control: u32,
    next: u32,
}

const _: () = assert!(
    size_of::<DmaDescriptor>() == 16,
    "a descriptor is four words"
);

fn main() {
    let end = DmaDescriptor {
        source: 0,
        destination: 0,
        control: 0,
        next: 0,
    };
    println!("{}", end.source + end.destination + end.control + end.next);
}
