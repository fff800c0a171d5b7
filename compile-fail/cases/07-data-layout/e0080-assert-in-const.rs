//! The same layout locked with a plain `const` and `assert!`, and the same change that breaks it: somebody added a
//! `priority` word to the DMA descriptor, after `control`, so `next` moved. The assertion holds
//! the offset the controller reads `next` from, and the build fails.
//!
//! Built for the host (x86-64), not the Cortex-M: only `u32` fields, whose size and alignment are
//! 4 on both, so the offsets are the same on both.

use core::mem::offset_of;

/// One transfer as the DMA controller reads it from RAM.
#[repr(C)]
struct DmaDescriptor {
    source: u32,
    destination: u32,
    control: u32,
    priority: u32,
    next: u32,
}

// The controller's manual: `control` at 8, `next` at 12.
const _: () = assert!(
    offset_of!(DmaDescriptor, control) == 8,
    "the controller reads `control` at offset 8"
);
const _: () = assert!(
    offset_of!(DmaDescriptor, next) == 12,
    "the controller reads `next` at offset 12"
);

fn main() {
    let end = DmaDescriptor {
        source: 0,
        destination: 0,
        priority: 0,
        control: 0,
        next: 0,
    };
    println!(
        "{}",
        end.source + end.destination + end.priority + end.control + end.next
    );
}
