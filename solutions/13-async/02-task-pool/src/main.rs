//! Exercise 13.2: tasks are statics.
//!
//! An Embassy task is an `async fn` marked `#[embassy_executor::task]`. The macro puts the task's
//! future in a `static` pool with room for `pool_size` of them (1 unless the attribute says
//! more): the RAM for every copy that can run at once is reserved when the program links, and
//! nothing is allocated when a task starts. Calling the task function takes a free slot, or
//! returns `Err(SpawnError::Busy)` when there is none: an error the caller sees and handles, not
//! a crash and not a heap running out.
//!
//! This node has three sensors fitted, on channels 0, 1 and 2, and `main` spawns one `sensor`
//! task for each. A fourth channel has no sensor fitted: `main` tries it too, and that spawn
//! must be refused.
//!
//! What to do: change `sensor` (the `// TODO`) so that the three fitted sensors run at the same
//! time, with no slot in RAM for a sensor that is not fitted.
//!
//! How to know it worked: `cargo workbook run task-pool` prints `expected.out`: the fourth spawn
//! is refused with the executor's error, the three sensors' totals are right, and the bytes of
//! statics are printed (yours may differ from those shown, within budget).
#![no_std]
#![no_main]

use board as _;
use core::{
    future::Future,
    pin::Pin,
    sync::atomic::{AtomicU32, Ordering},
    task::{Context, Poll},
};
use cortex_m as _;
use cortex_m_semihosting::hprintln;
use embassy_executor::Spawner;

/// The channels with a sensor fitted.
const FITTED: usize = 3;
/// How many samples each sensor task takes.
const SAMPLES: usize = 4;
/// The most RAM the program's statics may take, in bytes.
const STATICS_BUDGET: usize = 1024;

/// Each channel's samples, added up, and how many.
static TOTALS: [AtomicU32; FITTED] = [const { AtomicU32::new(0) }; FITTED];
static COUNTS: [AtomicU32; FITTED] = [const { AtomicU32::new(0) }; FITTED];
/// How many sensor tasks have finished.
static FINISHED: AtomicU32 = AtomicU32::new(0);

/// An analogue-to-digital conversion: pending once, as a driver's is while the converter works,
/// then ready with the channel's next sample.
struct Conversion {
    channel: usize,
    started: bool,
}

impl Future for Conversion {
    type Output = u16;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u16> {
        if self.started {
            let taken = COUNTS[self.channel].load(Ordering::Relaxed);
            Poll::Ready(1000 * (self.channel as u16 + 1) + taken as u16)
        } else {
            self.started = true;
            // A driver would wake the task from the converter's interrupt; this one asks again now.
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

/// Converts one sample on `channel`.
fn convert(channel: usize) -> Conversion {
    assert!(channel < FITTED, "channel {channel} has no sensor fitted");
    Conversion {
        channel,
        started: false,
    }
}

/// Records one sample of `channel`.
fn record(channel: usize, sample: u16) {
    TOTALS[channel].fetch_add(u32::from(sample), Ordering::Relaxed);
    COUNTS[channel].fetch_add(1, Ordering::Relaxed);
}

// ANCHOR: sensor
/// Takes `SAMPLES` samples on `channel`, one conversion at a time.
#[embassy_executor::task(pool_size = 3)]
async fn sensor(channel: usize) {
    for _ in 0..SAMPLES {
        let sample = convert(channel).await;
        record(channel, sample);
    }
    FINISHED.fetch_add(1, Ordering::Relaxed);
}
// ANCHOR_END: sensor

// ANCHOR: main
#[embassy_executor::main]
async fn main(spawner: Spawner) {
    for channel in 0..FITTED {
        match sensor(channel) {
            Ok(task) => spawner.spawn(task),
            Err(error) => panic!("the sensor on channel {channel} was not spawned: {error}"),
        }
    }
    // Channel 3 has no sensor fitted: its task must find no slot.
    match sensor(FITTED) {
        Ok(task) => {
            spawner.spawn(task);
            panic!(
                "a task for channel {FITTED}, which has no sensor, found a free slot: RAM is kept for it from reset"
            );
        }
        Err(error) => hprintln!("channel {FITTED}: {error}"),
    }
    // The three run while this task waits its turn.
    while FINISHED.load(Ordering::Relaxed) < FITTED as u32 {
        embassy_futures::yield_now().await;
    }
    for channel in 0..FITTED {
        hprintln!(
            "channel {channel}: {} samples adding up to {}",
            COUNTS[channel].load(Ordering::Relaxed),
            TOTALS[channel].load(Ordering::Relaxed)
        );
    }
    let statics = board::layout::statics().len();
    hprintln!("statics: {statics} bytes");
    assert!(
        statics <= STATICS_BUDGET,
        "the statics take {statics} bytes; the budget is {STATICS_BUDGET}"
    );
    board::exit_success();
}
// ANCHOR_END: main
