//! Exercise 7.3: The wire header (the solution).
//!
//! Reading a field of a `repr(packed)` struct by value copies it out with unaligned loads, so it
//! is allowed; taking a reference to it is not (E0793), and `hprintln!` takes references to its
//! arguments. So the header is decoded once, field by field and by value, into an ordinary
//! struct with the bytes in the processor's order, and the rest of the firmware uses that.
//!
//! Check it: `cargo workbook run wire-header` says PASS, or `cargo run` in this folder prints
//! what `exercises/07-data-layout/03-wire-header/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint wire-header`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use board::figure::print_layout;
use board::layout_field as field;
use core::mem::{align_of, size_of};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use static_assertions::{assert_eq_size, const_assert_eq};

// ANCHOR: wire
/// The header every radio frame starts with, exactly as it travels: ten bytes, no padding,
/// multi-byte fields big-endian.
#[repr(C, packed)]
#[derive(Clone, Copy)]
struct WireHeader {
    sync: u8,
    kind: u8,
    length: u16,
    sequence: u32,
    crc: u16,
}

// Ten bytes on the wire, and no alignment: it can start at any address of a receive buffer.
assert_eq_size!(WireHeader, [u8; 10]);
const_assert_eq!(align_of::<WireHeader>(), 1);

impl WireHeader {
    /// The header at the start of `bytes`.
    fn from_bytes(bytes: &[u8; size_of::<WireHeader>()]) -> WireHeader {
        // SAFETY: the array holds exactly the bytes of one `WireHeader`, every bit pattern is a
        // valid `WireHeader` (it is only integers), and `read_unaligned` asks for no alignment.
        unsafe { bytes.as_ptr().cast::<WireHeader>().read_unaligned() }
    }
}
// ANCHOR_END: wire

// ANCHOR: header
/// The header as the firmware works with it: native byte order, normal alignment, the layout the
/// compiler chooses. Only `WireHeader` has to match the wire.
#[derive(Clone, Copy)]
struct Header {
    kind: u8,
    length: u16,
    sequence: u32,
    crc: u16,
}

impl From<WireHeader> for Header {
    fn from(wire: WireHeader) -> Header {
        // Each `wire.field` here is a copy of the field (a read by value), never a reference.
        Header {
            kind: wire.kind,
            length: u16::from_be(wire.length),
            sequence: u32::from_be(wire.sequence),
            crc: u16::from_be(wire.crc),
        }
    }
}

/// Logs a header that came off the radio.
fn log_header(wire: WireHeader) {
    let header = Header::from(wire);
    hprintln!(
        "kind {:#04x}, length {}, sequence {}, crc {:#06x}",
        header.kind,
        header.length,
        header.sequence,
        header.crc
    );
}
// ANCHOR_END: header

/// A receive buffer, word-aligned as a DMA controller would fill it.
#[repr(C, align(4))]
struct RxBuffer([u8; 16]);

/// One frame as the radio delivered it: a link-layer length byte, then the header.
static RX_BUF: RxBuffer = RxBuffer([
    0x0B, // link layer: 11 bytes follow
    0x7E, 0x02, 0x00, 0x18, 0x00, 0x00, 0x03, 0xE8, 0xBE, 0xEF, // the header
    0x00, 0x00, 0x00, 0x00, 0x00,
]);

// ANCHOR: main
#[entry]
fn main() -> ! {
    print_layout(
        "WireHeader",
        size_of::<WireHeader>(),
        align_of::<WireHeader>(),
        &[
            field!(WireHeader, sync: u8),
            field!(WireHeader, kind: u8),
            field!(WireHeader, length: u16),
            field!(WireHeader, sequence: u32),
            field!(WireHeader, crc: u16),
        ],
    );
    print_layout(
        "Header",
        size_of::<Header>(),
        align_of::<Header>(),
        &[
            field!(Header, kind: u8),
            field!(Header, length: u16),
            field!(Header, sequence: u32),
            field!(Header, crc: u16),
        ],
    );

    let bytes: &[u8; 10] = RX_BUF.0[1..11].try_into().expect("ten bytes");
    hprintln!(
        "the header starts at an odd address: {}",
        bytes.as_ptr() as usize % 2 == 1
    );
    let wire = WireHeader::from_bytes(bytes);
    log_header(wire);

    // The check: `Header::from` gives what the bytes say, each field big-endian.
    let header = Header::from(wire);
    let decoded = (header.kind, header.length, header.sequence, header.crc);
    let on_the_wire = (
        bytes[1],
        u16::from_be_bytes([bytes[2], bytes[3]]),
        u32::from_be_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]),
        u16::from_be_bytes([bytes[8], bytes[9]]),
    );
    assert!(
        decoded == on_the_wire,
        "Header::from gives {decoded:x?}, and the bytes say {on_the_wire:x?}: decode each field in the processor's byte order"
    );
    board::exit_success()
}
// ANCHOR_END: main
