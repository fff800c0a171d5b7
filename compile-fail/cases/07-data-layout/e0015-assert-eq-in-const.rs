//! `assert_eq!` in a constant. On failure it formats both values with `Debug`, and formatting
//! cannot run while the compiler evaluates a constant, so it is refused even when it would pass.
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

const _: () = assert_eq!(size_of::<DmaDescriptor>(), 16);

fn main() {
    let end = DmaDescriptor {
        source: 0,
        destination: 0,
        control: 0,
        next: 0,
    };
    println!("{}", end.source + end.destination + end.control + end.next);
}
