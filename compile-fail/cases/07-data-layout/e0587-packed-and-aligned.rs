//! `packed` and `align` on one type. The DMA controller writes each received radio frame, 32
//! bytes, in one burst to a 32-byte boundary, and the frame starts with the wire header's ten
//! bytes, with no gaps. One `repr` cannot ask for both: `packed` lowers the type's alignment to 1
//! and `align(32)` raises it to 32.
//!
//! Built for the host (x86-64), not the Cortex-M: fixed-width integers only, which have the same
//! size and alignment on both.

/// A received frame as the DMA controller writes it: the wire header, then the payload.
#[repr(C, packed, align(32))]
struct RxFrame {
    sync: u8,
    kind: u8,
    length: u16,
    sequence: u32,
    crc: u16,
    payload: [u8; 22],
}

fn main() {
    println!(
        "frame: {} bytes, aligned to {}",
        size_of::<RxFrame>(),
        align_of::<RxFrame>()
    );
}
