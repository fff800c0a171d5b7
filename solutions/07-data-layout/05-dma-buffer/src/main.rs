//! Exercise 7.5: A buffer the DMA controller can use (the solution).
//!
//! `#[repr(align(N))]` raises a type's alignment to `N`: every value of it, in a static, on the
//! stack or in an array, starts at a multiple of `N`. It also rounds the size up to a multiple of
//! `N`, so that each element of an array of them is aligned too. The assertions check both when
//! the program compiles; the program checks the addresses the linker chose.
//!
//! Check it: `cargo workbook run dma-buffer` says PASS, or `cargo run` in this folder prints what
//! `exercises/07-data-layout/05-dma-buffer/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint dma-buffer`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use board::figure::print_layout;
use board::layout_field as field;
use core::mem::{align_of, offset_of, size_of};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// ANCHOR: types
/// One transfer as the DMA controller reads it from RAM. The controller ignores the low four bits
/// of a descriptor's address, so a descriptor must start on a 16-byte boundary.
#[repr(C, align(16))]
struct DmaDescriptor {
    /// Where the controller reads from.
    source: u32,
    /// Where it writes to.
    destination: u32,
    /// How many half-words to move, and flags.
    control: u32,
    /// The next descriptor's address, or 0 at the end of the chain.
    next: u32,
}

/// Samples the DMA controller writes from the ADC. It writes in bursts of 32 bytes, each to a
/// 32-byte boundary, so the buffer must start on one and be made of whole bursts.
#[repr(C, align(32))]
struct SampleBuffer {
    samples: [u16; SAMPLES],
}
// ANCHOR_END: types

/// Samples in one buffer.
const SAMPLES: usize = 50;

// ANCHOR: assertions
const _: () = assert!(
    align_of::<DmaDescriptor>() == 16,
    "the controller fetches descriptors from 16-byte boundaries"
);
const _: () = assert!(
    size_of::<DmaDescriptor>() == 16,
    "a descriptor is four words"
);
const _: () = assert!(
    offset_of!(DmaDescriptor, source) == 0
        && offset_of!(DmaDescriptor, destination) == 4
        && offset_of!(DmaDescriptor, control) == 8,
    "the controller reads source, destination and control from offsets 0, 4 and 8"
);
const _: () = assert!(
    offset_of!(DmaDescriptor, next) == 12,
    "the controller reads the next descriptor's address from offset 12"
);
const _: () = assert!(
    align_of::<SampleBuffer>() == 32,
    "the controller writes 32-byte bursts to 32-byte boundaries"
);
const _: () = assert!(
    size_of::<SampleBuffer>().is_multiple_of(32),
    "a sample buffer is made of whole bursts"
);
// ANCHOR_END: assertions

/// The buffer the ADC's samples land in.
static mut ADC_SAMPLES: SampleBuffer = SampleBuffer {
    samples: [0; SAMPLES],
};

/// A chain of two descriptors: the samples, then the end.
static mut DESCRIPTORS: [DmaDescriptor; 2] = [DmaDescriptor::END, DmaDescriptor::END];

impl DmaDescriptor {
    const END: DmaDescriptor = DmaDescriptor {
        source: 0,
        destination: 0,
        control: 0,
        next: 0,
    };
}

/// The ADC's sample sequencer 0 FIFO on the LM3S6965, which the controller would read from.
const ADC0_SSFIFO0: u32 = 0x4003_8048;

// ANCHOR: main
#[entry]
fn main() -> ! {
    print_layout(
        "DmaDescriptor",
        size_of::<DmaDescriptor>(),
        align_of::<DmaDescriptor>(),
        &[
            field!(DmaDescriptor, source: u32),
            field!(DmaDescriptor, destination: u32),
            field!(DmaDescriptor, control: u32),
            field!(DmaDescriptor, next: u32),
        ],
    );
    print_layout(
        "SampleBuffer",
        size_of::<SampleBuffer>(),
        align_of::<SampleBuffer>(),
        &[field!(SampleBuffer, samples: [u16; SAMPLES])],
    );

    let samples = &raw mut ADC_SAMPLES;
    let descriptors = (&raw mut DESCRIPTORS).cast::<DmaDescriptor>();
    let second = descriptors.wrapping_add(1);
    hprintln!(
        "ADC_SAMPLES starts on a 32-byte boundary: {}",
        (samples as usize).is_multiple_of(32)
    );
    hprintln!(
        "DESCRIPTORS[0] and [1] start on 16-byte boundaries: {}",
        (descriptors as usize).is_multiple_of(16) && (second as usize).is_multiple_of(16)
    );

    // The chain, as the controller would find it: the descriptors hold plain addresses.
    // SAFETY: the program is single-threaded and no reference to DESCRIPTORS exists.
    unsafe {
        descriptors.write(DmaDescriptor {
            source: ADC0_SSFIFO0,
            destination: samples as u32,
            control: SAMPLES as u32,
            next: second as u32,
        });
    }
    // SAFETY: as above; a read by value, through an aligned pointer.
    let first = unsafe { descriptors.read() };
    hprintln!(
        "descriptor 0 moves {} samples into ADC_SAMPLES, then goes on to descriptor 1: {}",
        first.control,
        first.destination == samples as u32 && first.next == second as u32
    );
    board::exit_success()
}
// ANCHOR_END: main
