//! The fix: one type for each request. `WireHeader` is packed, ten bytes with an alignment of 1;
//! `RxFrame` holds it, then the payload, and is aligned to 32. An aligned struct may hold a packed
//! one, and the header's bytes still have no gaps.
//!
//! Built for the host (x86-64), not the Cortex-M: fixed-width integers only, which have the same
//! size and alignment on both.

use core::mem::offset_of;

/// A radio frame's header as it travels: ten bytes, big-endian.
#[repr(C, packed)]
struct WireHeader {
    sync: u8,
    kind: u8,
    length: u16,
    sequence: u32,
    crc: u16,
}

/// A received frame as the DMA controller writes it: the wire header, then the payload.
#[repr(C, align(32))]
struct RxFrame {
    header: WireHeader,
    payload: [u8; 22],
}

const _: () = assert!(size_of::<RxFrame>() == 32, "a frame is one 32-byte burst");
const _: () = assert!(offset_of!(RxFrame, payload) == 10, "payload at 10");

fn main() {
    let frame = RxFrame {
        header: WireHeader {
            sync: 0x7E,
            kind: 0x02,
            length: 22u16.to_be(),
            sequence: 1000u32.to_be(),
            crc: 0xBEEFu16.to_be(),
        },
        payload: [0; 22],
    };
    assert_eq!((&raw const frame).addr() % 32, 0);
    // A packed field is read by value, as on the packed-struct page.
    let sequence = frame.header.sequence;
    println!(
        "frame: {} bytes, aligned to {}, sequence {}",
        size_of::<RxFrame>(),
        align_of::<RxFrame>(),
        u32::from_be(sequence)
    );
    let header = &frame.header;
    let _ = (header.sync, header.kind, header.length, header.crc);
    let _ = frame.payload;
}
