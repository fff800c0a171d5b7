//! Exercise 13.4: cooperative means cooperative.
//!
//! Embassy's executor runs one task at a time on the core, and a task runs until it awaits
//! something that is not ready: nothing preempts it, there is no time slice. That is what makes
//! its tasks cheap (no stack each, no context switch), and it is a promise every task keeps for
//! the others. Here the `heartbeat` task feeds the watchdog each time it runs, and the watchdog
//! resets the node when more than two blocks of the `checksum` task's work pass without a feed.
//!
//! What to do: change `checksum` (the `// TODO`) so that the watchdog is fed in time, and the
//! checksum stays the same.
//!
//! How to know it worked: `cargo workbook run cooperative` prints `expected.out`: no block is
//! checked more than two blocks after the watchdog was fed, the heartbeat ran while the checksum
//! did, and the checksum is right. The counts may differ from those shown, within the watchdog's
//! limit.
#![no_std]
#![no_main]

use board as _;
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use cortex_m::peripheral::SYST;
use cortex_m_semihosting::hprintln;
use embassy_executor::Spawner;

/// The blocks of the firmware image the checksum covers, and their size.
const BLOCKS: usize = 8;
const BLOCK_SIZE: usize = 128;

/// How many times the heartbeat task has fed the watchdog.
static HEARTBEATS: AtomicU32 = AtomicU32::new(0);
/// How many blocks have been checked since the watchdog was last fed.
static UNFED: AtomicU32 = AtomicU32::new(0);
/// The watchdog resets the node when more blocks than this pass without a feed.
const WATCHDOG_BLOCKS: u32 = 2;
/// Bytes put through the CRC since the last block was checked: the work the check counts.
static WORKED: AtomicU32 = AtomicU32::new(0);
/// Whether the checksum task has finished.
static DONE: AtomicBool = AtomicBool::new(false);
/// SysTick's reading when the watchdog was last fed (at start-up, then by the heartbeat).
static FED_AT: AtomicU32 = AtomicU32::new(0);
/// The watchdog's limit in SysTick ticks: the time of `WATCHDOG_BLOCKS` blocks of work and a
/// half, measured at start-up, so that work the block count does not see is timed all the same.
static LIMIT: AtomicU32 = AtomicU32::new(0);

/// The `index`th block of the image: bytes made up from their position.
fn block(index: usize) -> [u8; BLOCK_SIZE] {
    core::array::from_fn(|i| ((index * BLOCK_SIZE + i) * 7 % 251) as u8)
}

/// Adds `bytes` to a CRC-32 (the polynomial of Ethernet and zlib), bit by bit: slow on purpose,
/// as real work between two awaits often is.
fn crc32_update(crc: u32, bytes: &[u8]) -> u32 {
    WORKED.fetch_add(bytes.len() as u32, Ordering::Relaxed);
    crc32_bits(crc, bytes)
}

/// The CRC itself, uncounted: the watchdog's clock is calibrated with it.
fn crc32_bits(mut crc: u32, bytes: &[u8]) -> u32 {
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    crc
}

/// The watchdog's check, after each block: it must have been fed in the last `WATCHDOG_BLOCKS`.
fn block_checked(index: usize) {
    let worked = WORKED.swap(0, Ordering::Relaxed);
    assert!(
        worked == BLOCK_SIZE as u32,
        "block {index} was checked after {worked} bytes of CRC work, not its {BLOCK_SIZE}: the watchdog counts blocks of work, so each check follows its block's CRC"
    );
    let unfed = UNFED.fetch_add(1, Ordering::Relaxed) + 1;
    hprintln!("block {index} checked, {unfed} block(s) since the watchdog was fed");
    assert!(
        unfed <= WATCHDOG_BLOCKS,
        "the watchdog was not fed for {unfed} blocks, up to block {index}, and resets the node after {WATCHDOG_BLOCKS}: the checksum task kept the core"
    );
    // The watchdog also has a clock: SysTick, counting the instructions QEMU executes.
    let since = board::timing::elapsed(FED_AT.load(Ordering::Relaxed), SYST::get_current());
    let limit = LIMIT.load(Ordering::Relaxed);
    assert!(
        since <= limit,
        "the watchdog was not fed for {} instructions, up to block {index}, and resets the node after {} (the work of {WATCHDOG_BLOCKS} blocks and a half): the checksum task kept the core while it worked",
        board::timing::instructions_in(since),
        board::timing::instructions_in(limit)
    );
}

// ANCHOR: checksum
/// Checks every block of the image and returns its CRC-32.
async fn checksum() -> u32 {
    let mut crc = !0;
    for index in 0..BLOCKS {
        crc = crc32_update(crc, &block(index));
        block_checked(index);
    }
    // TODO: the watchdog must be fed at least once in every two blocks.
    !crc
}
// ANCHOR_END: checksum

// ANCHOR: tasks
/// Feeds the watchdog each time the executor runs it, until the checksum is done.
#[embassy_executor::task]
async fn heartbeat() {
    while !DONE.load(Ordering::Relaxed) {
        UNFED.store(0, Ordering::Relaxed);
        FED_AT.store(SYST::get_current(), Ordering::Relaxed);
        HEARTBEATS.fetch_add(1, Ordering::Relaxed);
        embassy_futures::yield_now().await;
    }
}

#[embassy_executor::main]
async fn main(spawner: Spawner) {
    // Start SysTick, and time one block's work (making the block, then its CRC) to set the limit.
    let (_, block_ticks) = board::timing::ticks(|| crc32_bits(!0, &block(0)));
    LIMIT.store(
        block_ticks * (2 * WATCHDOG_BLOCKS + 1) / 2,
        Ordering::Relaxed,
    );
    FED_AT.store(SYST::get_current(), Ordering::Relaxed);
    spawner.spawn(heartbeat().unwrap());
    let crc = checksum().await;
    DONE.store(true, Ordering::Relaxed);
    hprintln!(
        "the image's CRC-32 is {crc:#010x}; meanwhile the heartbeat fed the watchdog {} times",
        HEARTBEATS.load(Ordering::Relaxed)
    );
    board::exit_success();
}
// ANCHOR_END: tasks
