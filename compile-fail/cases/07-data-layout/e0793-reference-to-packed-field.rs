//! A reference to a field of a `repr(packed)` struct. The field may sit at any address, and a
//! `&u32` promises an address that is a multiple of 4, so the compiler refuses to make one.

/// A radio frame's header as it travels: ten bytes, no padding.
#[repr(C, packed)]
struct WireHeader {
    sync: u8,
    kind: u8,
    length: u16,
    sequence: u32,
    crc: u16,
}

/// Whether `sequence` follows `last` (big-endian on the wire).
fn is_next(sequence: &u32, last: u32) -> bool {
    u32::from_be(*sequence) == last.wrapping_add(1)
}

fn main() {
    let header = WireHeader {
        sync: 0x7E,
        kind: 0x02,
        length: 24u16.to_be(),
        sequence: 1000u32.to_be(),
        crc: 0xBEEFu16.to_be(),
    };
    let in_order = is_next(&header.sequence, 999);
    println!(
        "sync {:#04x}, kind {}, next in sequence: {in_order}",
        header.sync, header.kind
    );
    let _ = (header.length, header.crc);
}
