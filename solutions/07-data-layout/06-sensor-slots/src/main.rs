//! Exercise 7.6: A hundred sensor slots (the solution).
//!
//! `Option<u32>` needs a tag beside the number, because every one of the 2^32 values of a `u32`
//! is a reading: four bytes of tag and padding per slot. A reading in millikelvin is never 0, and
//! `NonZeroU32` says so; `Option<NonZeroU32>` then uses 0 for `None`, and a slot is four bytes.
//! Two `const` assertions under the table turn the budget into a condition of the build.
//!
//! Check it: `cargo workbook run sensor-slots` says PASS, or `cargo run` in this folder prints
//! what `exercises/07-data-layout/06-sensor-slots/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint sensor-slots`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::mem::size_of;
use core::num::NonZeroU32;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// ANCHOR: slots
/// A temperature in millikelvin. Nothing is at 0 K, so a reading is never 0.
type Millikelvin = NonZeroU32;

/// Sensors on the bus.
const SENSORS: usize = 100;
/// The RAM the table may take.
const BUDGET: usize = 400;

/// The latest reading of each sensor, or `None` before its first report.
static mut LATEST: [Option<Millikelvin>; SENSORS] = [None; SENSORS];

// The RAM budget rests on the niche: checked when the program compiles.
const _: () = assert!(
    size_of::<Option<Millikelvin>>() == size_of::<u32>(),
    "an empty slot must cost nothing: Option<NonZeroU32> is the size of a u32"
);
const _: () = assert!(
    size_of::<[Option<Millikelvin>; SENSORS]>() <= BUDGET,
    "LATEST must fit its RAM budget"
);
// ANCHOR_END: slots

/// Records a report from sensor `sensor`. A report of 0 mK is a broken sensor: it is dropped.
fn record(sensor: usize, millikelvin: u32) {
    let slot = (&raw mut LATEST).cast::<Option<Millikelvin>>();
    assert!(sensor < SENSORS);
    // SAFETY: the slot is inside the table, and the program is single-threaded.
    unsafe { slot.add(sensor).write(Millikelvin::new(millikelvin)) };
}

/// The latest reading of sensor `sensor`.
fn latest(sensor: usize) -> Option<Millikelvin> {
    let slot = (&raw const LATEST).cast::<Option<Millikelvin>>();
    assert!(sensor < SENSORS);
    // SAFETY: as in `record`.
    unsafe { slot.add(sensor).read() }
}

// ANCHOR: enums
/// A link's state: three values, one byte.
#[allow(dead_code)]
enum LinkState {
    Down,
    Connecting,
    Up,
}

/// A command from the host.
#[allow(dead_code)]
enum Command {
    Reset,
    SetRate(u16),
    Send([u8; 8]),
}
// ANCHOR_END: enums

/// Prints `size_of` of each type, with the type as written.
macro_rules! sizes {
    ($($type:ty),+ $(,)?) => {
        $(hprintln!("size_of::<{}>() = {}", stringify!($type), size_of::<$type>());)+
    };
}

// ANCHOR: main
#[entry]
fn main() -> ! {
    sizes!(
        u32,
        Option<u32>,
        NonZeroU32,
        Option<NonZeroU32>,
        &u32,
        Option<&u32>,
        bool,
        Option<bool>,
        Option<Option<bool>>,
        char,
        Option<char>,
        LinkState,
        Option<LinkState>,
        Command,
        Option<Command>,
    );

    record(7, 296_150);
    record(8, 0);
    hprintln!(
        "sensor 7: {:?}, sensor 8: {:?}, sensor 9: {:?}",
        latest(7),
        latest(8),
        latest(9)
    );

    let table_bytes = size_of::<[Option<Millikelvin>; SENSORS]>();
    let fits = table_bytes <= BUDGET;
    hprintln!(
        "LATEST: {} sensors in {} bytes, {} the budget of {}",
        SENSORS,
        table_bytes,
        if fits { "within" } else { "over" },
        BUDGET
    );
    assert!(
        fits,
        "LATEST takes {table_bytes} bytes, over its budget of {BUDGET}"
    );
    board::exit_success()
}
// ANCHOR_END: main
