//! The fix: read the field by value. `header.sequence` in an expression that is not borrowed is
//! a copy, made with loads that need no alignment; the function takes the copy.

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
fn is_next(sequence: u32, last: u32) -> bool {
    u32::from_be(sequence) == last.wrapping_add(1)
}

fn main() {
    let header = WireHeader {
        sync: 0x7E,
        kind: 0x02,
        length: 24u16.to_be(),
        sequence: 1000u32.to_be(),
        crc: 0xBEEFu16.to_be(),
    };
    let in_order = is_next(header.sequence, 999);
    println!(
        "sync {:#04x}, kind {}, next in sequence: {in_order}",
        header.sync, header.kind
    );
    // Where a pointer is needed, `&raw const` makes one without the promise of a reference, and
    // `read_unaligned` reads through it.
    let sequence = &raw const header.sequence;
    // SAFETY: the pointer points into `header`, which is alive; no alignment is assumed.
    assert_eq!(u32::from_be(unsafe { sequence.read_unaligned() }), 1000);
    let _ = (header.length, header.crc);
}
