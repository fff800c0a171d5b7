//! The fix: the descriptor stays exactly what the controller reads, and the firmware's own
//! bookkeeping goes beside it, in a struct of its own.
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
    next: u32,
}

/// A transfer as the firmware queues it: the descriptor, and what only the firmware reads.
struct Transfer {
    descriptor: DmaDescriptor,
    priority: u32,
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
    let end = Transfer {
        descriptor: DmaDescriptor {
            source: 0,
            destination: 0,
            control: 0,
            next: 0,
        },
        priority: 0,
    };
    let d = &end.descriptor;
    println!(
        "{}",
        d.source + d.destination + d.control + d.next + end.priority
    );
}
