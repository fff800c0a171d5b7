//! Exercise 6.2: Fragmentation
//!
//! A batch of eight radio frames arrives; each one is logged as it comes in, and the frames go
//! back to the heap when the gateway acknowledges the batch. Then the node needs 256 bytes in one
//! block for a page of a firmware update. Most of the heap is free by then, and still the
//! allocation fails: the heap map the program prints shows why. Change how the log gets its
//! memory, so that the update chunk fits: `Log`, `new_log` and `log_frame` are yours, `main` is
//! the harness, and the heap map it prints after each step must match.
//!
//! Done when `cargo workbook run fragmentation` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint fragmentation`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

extern crate alloc;

use alloc::{boxed::Box, vec::Vec};
use core::alloc::{GlobalAlloc, Layout};
use core::cell::RefCell;
use core::mem::MaybeUninit;
use cortex_m::interrupt::{self, Mutex};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use embedded_alloc::LlffHeap;

// ANCHOR: region
/// Bytes of RAM given to the heap.
const HEAP_SIZE: usize = 1024;

/// The heap's memory: a static, so the linker reserves it in `.bss`.
#[repr(C, align(8))]
struct HeapMemory([MaybeUninit<u8>; HEAP_SIZE]);

static mut HEAP_MEMORY: HeapMemory = HeapMemory([MaybeUninit::uninit(); HEAP_SIZE]);

#[global_allocator]
static HEAP: MappedHeap = MappedHeap::new();
// ANCHOR_END: region

/// A radio frame as the driver receives it.
type Frame = [u8; 64];

/// Frames in one batch from the gateway.
const BATCH: usize = 8;

/// The update chunk: one page of the new firmware, written to flash in one go.
const UPDATE_CHUNK: usize = 256;

/// What the log keeps of a frame: 32 bytes.
struct Record {
    sequence: u32,
    sensor_id: u16,
    flags: u16,
    readings: [i16; 12],
}

impl Record {
    fn parse(frame: &Frame) -> Record {
        let mut readings = [0; 12];
        for (reading, bytes) in readings.iter_mut().zip(frame[8..].chunks_exact(2)) {
            *reading = i16::from_le_bytes([bytes[0], bytes[1]]);
        }
        Record {
            sequence: u32::from_le_bytes([frame[0], frame[1], frame[2], frame[3]]),
            sensor_id: u16::from_le_bytes([frame[4], frame[5]]),
            flags: u16::from_le_bytes([frame[6], frame[7]]),
            readings,
        }
    }
}

/// The radio driver: a frame arrives in a buffer of its own.
fn receive(sequence: u32) -> Box<Frame> {
    let mut frame = Box::new([0u8; 64]);
    frame[..4].copy_from_slice(&sequence.to_le_bytes());
    frame[4..6].copy_from_slice(&7u16.to_le_bytes());
    for (i, byte) in frame[8..].iter_mut().enumerate() {
        *byte = (sequence as u8).wrapping_mul(31).wrapping_add(i as u8);
    }
    frame
}

// ANCHOR: log
/// The log keeps a pointer to each record; each record gets a block of its own when its frame
/// arrives.
// TODO: the records live as long as the program, the frames for a moment. Where do the records
// end up on the heap, between the frames?
type Log = Vec<Box<Record>>;

/// The log, made at start-up, before the first frame arrives.
fn new_log() -> Log {
    Vec::with_capacity(BATCH)
}

/// Logs the record of a frame that has just arrived.
fn log_frame(log: &mut Log, frame: &Frame) {
    log.push(Box::new(Record::parse(frame))); // TODO
}
// ANCHOR_END: log

// ANCHOR: main
#[entry]
fn main() -> ! {
    // ANCHOR: init
    // SAFETY: called once, before the first allocation; nothing else uses `HEAP_MEMORY`.
    unsafe { HEAP.init((&raw mut HEAP_MEMORY).addr(), HEAP_SIZE) };
    // ANCHOR_END: init
    hprintln!("heap: {HEAP_SIZE} bytes, one character per 32: # in use, . free");

    let mut log = new_log();
    HEAP.show("start-up");

    // A batch of frames arrives; each one is logged as it comes in.
    let frames: [Box<Frame>; BATCH] = core::array::from_fn(|sequence| {
        let frame = receive(sequence as u32);
        log_frame(&mut log, &frame);
        frame
    });
    HEAP.show("batch in");

    // The gateway acknowledges the batch: the frames go back to the heap.
    drop(frames);
    HEAP.show("batch acked");

    let chunk = reserve_update_chunk();
    HEAP.show("update chunk");
    hprintln!(
        "log: {} records, last sequence {}, sensor {}, flags {:#06x}, readings[0] {}",
        log.len(),
        log[BATCH - 1].sequence,
        log[BATCH - 1].sensor_id,
        log[BATCH - 1].flags,
        log[BATCH - 1].readings[0]
    );
    drop(chunk);
    board::exit_success()
}

/// A buffer for one page of the firmware update.
fn reserve_update_chunk() -> Vec<u8> {
    let mut chunk = Vec::new();
    if chunk.try_reserve_exact(UPDATE_CHUNK).is_err() {
        panic!(
            "no free block of {UPDATE_CHUNK} bytes for the update chunk, though {} bytes are \
             free (the largest block is {})",
            HEAP.free(),
            HEAP.largest_free_block()
        );
    }
    chunk
}
// ANCHOR_END: main

// ---- The heap map: LlffHeap, plus a list of the blocks in use, to draw ----

/// Blocks the map can follow at once.
const MAX_BLOCKS: usize = 32;

/// Where each block in use starts, and its length; `None` for a free slot in the list.
type BlockList = [Option<(usize, usize)>; MAX_BLOCKS];

/// `LlffHeap`, and where each block it has handed out starts and how long it is.
struct MappedHeap {
    heap: LlffHeap,
    blocks: Mutex<RefCell<BlockList>>,
}

impl MappedHeap {
    const fn new() -> Self {
        MappedHeap {
            heap: LlffHeap::empty(),
            blocks: Mutex::new(RefCell::new([None; MAX_BLOCKS])),
        }
    }

    /// Gives the heap its memory.
    ///
    /// # Safety
    ///
    /// As for `LlffHeap::init`: once, before the first allocation, with memory nothing else uses.
    unsafe fn init(&self, start: usize, size: usize) {
        // SAFETY: the caller keeps `LlffHeap::init`'s promises.
        unsafe { self.heap.init(start, size) }
    }

    fn free(&self) -> usize {
        self.heap.free()
    }

    /// The blocks in use, in address order.
    fn sorted_blocks(&self) -> ([(usize, usize); MAX_BLOCKS], usize) {
        let mut sorted = [(0, 0); MAX_BLOCKS];
        let mut count = 0;
        interrupt::free(|cs| {
            for block in self.blocks.borrow(cs).borrow().iter().flatten() {
                sorted[count] = *block;
                count += 1;
            }
        });
        sorted[..count].sort_unstable();
        (sorted, count)
    }

    /// The largest gap between the blocks in use (or after the last one).
    fn largest_free_block(&self) -> usize {
        let (blocks, count) = self.sorted_blocks();
        let heap_end = (&raw const HEAP_MEMORY).addr() + HEAP_SIZE;
        let mut largest = 0;
        let mut end_of_previous = (&raw const HEAP_MEMORY).addr();
        for &(address, size) in blocks[..count].iter().chain(&[(heap_end, 0)]) {
            largest = largest.max(address - end_of_previous);
            end_of_previous = address + size;
        }
        largest
    }

    /// Prints one line: a character per 32 bytes, then what is free and the largest free block.
    fn show(&self, label: &str) {
        let start = (&raw const HEAP_MEMORY).addr();
        let (blocks, count) = self.sorted_blocks();
        let mut map = [b'.'; HEAP_SIZE / 32];
        for &(address, size) in &blocks[..count] {
            let first = (address - start) / 32;
            let last = (address - start + size - 1) / 32;
            map[first..=last].fill(b'#');
        }
        hprintln!(
            "{label:<13}{}  free {:>4}, largest block {:>4}",
            // The map is ASCII. `unwrap` would bring `Utf8Error`'s `Debug` for a case that
            // cannot happen: 1.5 KiB of flash in the release build.
            core::str::from_utf8(&map).unwrap_or("?"),
            self.free(),
            self.largest_free_block()
        );
    }
}

// SAFETY: `alloc` and `dealloc` pass every call on to `LlffHeap` unchanged; the list of blocks
// beside it is only bookkeeping, behind a critical section, and never panics.
unsafe impl GlobalAlloc for MappedHeap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller keeps `GlobalAlloc::alloc`'s promises, which we pass on.
        let block = unsafe { self.heap.alloc(layout) };
        if !block.is_null() {
            interrupt::free(|cs| {
                let mut blocks = self.blocks.borrow(cs).borrow_mut();
                if let Some(slot) = blocks.iter_mut().find(|slot| slot.is_none()) {
                    *slot = Some((block.addr(), layout.size()));
                }
            });
        }
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        interrupt::free(|cs| {
            let mut blocks = self.blocks.borrow(cs).borrow_mut();
            if let Some(slot) = blocks
                .iter_mut()
                .find(|slot| slot.is_some_and(|(address, _)| address == block.addr()))
            {
                *slot = None;
            }
        });
        // SAFETY: the caller keeps `GlobalAlloc::dealloc`'s promises, which we pass on.
        unsafe { self.heap.dealloc(block, layout) }
    }
}
