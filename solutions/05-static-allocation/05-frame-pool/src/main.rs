//! Exercise 5.5: The frame pool (the solution).
//!
//! A `heapless::pool::boxed::Box` gives its block back to the pool when it is dropped. After a
//! batch is processed, `pending.clear()` drops the four boxes, so the pool has four free blocks
//! for the next batch. The `Vec` itself keeps its room for four boxes.
//!
//! Check it: `cargo workbook run frame-pool` says PASS, or `cargo run` in this folder prints what
//! `exercises/05-static-allocation/05-frame-pool/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint frame-pool`
#![no_std]
#![no_main]

use core::mem::size_of;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use heapless::box_pool;
use heapless::pool::boxed::{Box, BoxBlock};

/// The bytes of one radio frame.
const FRAME_LEN: usize = 64;

/// How many frames the pool can hold at once, and how many make a batch.
const BLOCKS: usize = 4;

// ANCHOR: pool
type Frame = [u8; FRAME_LEN];

// A pool of frame-sized blocks: `RxFrames.alloc(frame)` moves a frame into a free block and
// returns a `Box<RxFrames>` that points to it, or hands the frame back if no block is free.
box_pool!(RxFrames: Frame);

/// Gives the pool its blocks. They live in `.bss`; the pool only links them into a free list.
fn give_blocks_to_pool() {
    let blocks: &'static mut [BoxBlock<Frame>; BLOCKS] =
        cortex_m::singleton!(: [BoxBlock<Frame>; BLOCKS] = [const { BoxBlock::new() }; BLOCKS])
            .expect("called once");
    for block in blocks {
        RxFrames.manage(block);
    }
}
// ANCHOR_END: pool

/// What the radio would receive: frame `sequence`, filled with a pattern of its own.
fn radio_frame(sequence: u8) -> Frame {
    core::array::from_fn(|index| (index as u8).wrapping_add(sequence))
}

// ANCHOR: main
#[entry]
fn main() -> ! {
    give_blocks_to_pool();
    hprintln!(
        "{BLOCKS} blocks of {} bytes; a Box<RxFrames> is {} bytes",
        size_of::<BoxBlock<Frame>>(),
        size_of::<Box<RxFrames>>()
    );

    let mut pending: heapless::Vec<Box<RxFrames>, BLOCKS> = heapless::Vec::new();
    for batch in 0..3u8 {
        for sequence in batch * 4..batch * 4 + 4 {
            let Ok(frame) = RxFrames.alloc(radio_frame(sequence)) else {
                panic!("the frame pool is empty: frame {sequence} lost");
            };
            pending.push(frame).expect("one pending frame per block");
        }
        let checksum: u32 = pending
            .iter()
            .flat_map(|frame| frame.iter())
            .map(|&b| u32::from(b))
            .sum();
        hprintln!(
            "batch {batch}: {} frames, checksum {checksum:#06x}",
            pending.len()
        );
        finish_batch(&mut pending);
    }

    // Every block is back in the pool: it hands out all of them again, and not one more.
    let mut again: heapless::Vec<Box<RxFrames>, BLOCKS> = heapless::Vec::new();
    while let Ok(frame) = RxFrames.alloc([0; FRAME_LEN]) {
        if again.push(frame).is_err() {
            break;
        }
    }
    let back = again.len();
    hprintln!("after the last batch: {back} of {BLOCKS} blocks back in the pool");
    assert!(
        back == BLOCKS,
        "{} blocks never came back to the pool: their boxes were not dropped",
        BLOCKS - back
    );
    board::exit_success()
}
// ANCHOR_END: main

// ANCHOR: finish
/// Called when a batch is processed: its frames are no longer needed.
fn finish_batch(pending: &mut heapless::Vec<Box<RxFrames>, BLOCKS>) {
    // Drops the four boxes, which gives their blocks back to the pool.
    pending.clear();
}
// ANCHOR_END: finish
