//! A wire header whose size is locked with `assert_eq_size!`, and a change that breaks it: a
//! clean-up dropped `packed` from the `repr`. Under `repr(C)` the header gets two bytes of padding
//! at its end, to keep its size a multiple of its new alignment, 4, and no longer matches the ten
//! bytes on the wire. `assert_eq_size!` is a `transmute` between the two types that is never run,
//! so the compiler reports it as E0512.
//!
//! Built for the host (x86-64), not the Cortex-M: fixed-width integers only, which have the same
//! size and alignment on both.

use static_assertions::assert_eq_size;

/// A radio frame's header as it travels: ten bytes, big-endian.
#[repr(C)]
#[derive(Clone, Copy)]
struct WireHeader {
    sync: u8,
    kind: u8,
    length: u16,
    sequence: u32,
    crc: u16,
}

assert_eq_size!(WireHeader, [u8; 10]);

fn main() {
    let bytes = [0x7E, 0x02, 0x00, 0x18, 0x00, 0x00, 0x03, 0xE8, 0xBE, 0xEF];
    // SAFETY: the array holds the bytes of one header (as the assertion checks), any bytes are
    // a valid header, and `read_unaligned` asks for no alignment.
    let header = unsafe { bytes.as_ptr().cast::<WireHeader>().read_unaligned() };
    let length = header.length;
    println!(
        "sync {:#04x}, kind {}, length {}",
        header.sync,
        header.kind,
        u16::from_be(length)
    );
    let _ = (header.sequence, header.crc);
}
