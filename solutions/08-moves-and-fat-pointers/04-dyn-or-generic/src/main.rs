//! Exercise 8.4: dyn or generic (the solution).
//!
//! Three sensor types give three copies of `average::<S>`, each calling its type's `read`
//! directly; `average_dyn` is one copy that calls `read` through the vtable. The generic copies
//! execute fewer instructions per call: a few per reading in this unoptimised build, and far
//! more once the optimiser inlines `read` (`cargo workbook run dyn-or-generic --release`).
//!
//! Check it: `cargo workbook run dyn-or-generic` says PASS, or `cargo run` in this folder prints
//! what `exercises/08-moves-and-fat-pointers/04-dyn-or-generic/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint dyn-or-generic`
#![no_std]
#![no_main]

use core::hint::black_box;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

/// Which of the two ways of writing `average`.
#[derive(Debug, PartialEq)]
enum Dispatch {
    Generic,
    Dyn,
    /// The starter's answer, before you have read the measurements (a solved program never
    /// uses it).
    #[allow(dead_code)]
    Unanswered,
}

// ANCHOR: answers
/// How many copies of the averaging code does the generic version put in flash?
const GENERIC_COPIES: usize = 3;
/// How many copies does the `dyn` version put in flash?
const DYN_COPIES: usize = 1;
/// Which executes fewer instructions per call in this build, `Dispatch::Generic` or
/// `Dispatch::Dyn`?
const FEWER_INSTRUCTIONS: Dispatch = Dispatch::Generic;
// ANCHOR_END: answers

// ANCHOR: sensors
/// Something that gives a reading.
trait Sensor {
    fn read(&mut self) -> i32;
}

/// An NTC thermistor behind the ADC: a raw count and a calibration offset.
struct Thermistor {
    raw: u16,
    offset: i16,
}

/// A three-axis accelerometer that reports the largest axis.
struct Accelerometer {
    axes: [i32; 3],
}

/// A pressure sensor whose reading drifts by one each time it is read.
struct Barometer {
    pascals: i32,
}

impl Sensor for Thermistor {
    fn read(&mut self) -> i32 {
        i32::from(self.raw) + i32::from(self.offset)
    }
}

impl Sensor for Accelerometer {
    fn read(&mut self) -> i32 {
        self.axes[0].max(self.axes[1]).max(self.axes[2])
    }
}

impl Sensor for Barometer {
    fn read(&mut self) -> i32 {
        self.pascals += 1;
        self.pascals
    }
}
// ANCHOR_END: sensors

// ANCHOR: average
/// The mean of `SAMPLES` readings. Generic: the compiler writes one copy per sensor type, and
/// each copy calls its type's `read` directly.
fn average<S: Sensor>(sensor: &mut S) -> i32 {
    let mut sum = 0;
    for _ in 0..SAMPLES {
        sum += sensor.read();
    }
    sum / SAMPLES
}

/// The same, through a trait object: one copy for every sensor type, and each `read` is an
/// indirect call through the vtable.
fn average_dyn(sensor: &mut dyn Sensor) -> i32 {
    let mut sum = 0;
    for _ in 0..SAMPLES {
        sum += sensor.read();
    }
    sum / SAMPLES
}
// ANCHOR_END: average

/// Readings per average.
const SAMPLES: i32 = 8;

// ANCHOR: copies
/// How many different addresses `functions` holds: different code, each taking its own flash.
fn distinct(functions: &[usize]) -> usize {
    functions
        .iter()
        .enumerate()
        .filter(|&(index, address)| !functions[..index].contains(address))
        .count()
}
// ANCHOR_END: copies

/// Measures one call each way on `sensor` and prints the counts; returns (generic, dyn).
fn compare<S: Sensor>(name: &str, sensor: &mut S) -> (u32, u32) {
    // `black_box` hides the sensor's type and address from the optimiser, so that an optimised
    // build cannot replace the indirect calls with direct ones.
    let (mean, generic) = board::timing::instructions(|| average(black_box(&mut *sensor)));
    let (mean_dyn, dynamic) =
        board::timing::instructions(|| average_dyn(black_box(&mut *sensor as &mut dyn Sensor)));
    hprintln!("  {name:<14} {generic:>5} {dynamic:>5}   mean {mean}, {mean_dyn}");
    (generic, dynamic)
}

#[entry]
fn main() -> ! {
    let mut thermistor = Thermistor {
        raw: 2048,
        offset: -12,
    };
    let mut accelerometer = Accelerometer {
        axes: [3, -9, 1002],
    };
    let mut barometer = Barometer { pascals: 101_325 };

    // ANCHOR: measure
    let generic_copies = distinct(&[
        average::<Thermistor> as fn(&mut Thermistor) -> i32 as usize,
        average::<Accelerometer> as fn(&mut Accelerometer) -> i32 as usize,
        average::<Barometer> as fn(&mut Barometer) -> i32 as usize,
    ]);
    // The same function whichever sensor it is given: it has one address.
    let dyn_copies = distinct(&[average_dyn as fn(&mut dyn Sensor) -> i32 as usize]);
    hprintln!("copies in flash: average::<S> {generic_copies}, average_dyn {dyn_copies}");

    hprintln!("instructions per call ({SAMPLES} readings): generic, dyn");
    let counts = [
        compare("Thermistor", &mut thermistor),
        compare("Accelerometer", &mut accelerometer),
        compare("Barometer", &mut barometer),
    ];
    // ANCHOR_END: measure

    // ANCHOR: check
    let fewer = if counts.iter().all(|(generic, dynamic)| generic < dynamic) {
        Dispatch::Generic
    } else if counts.iter().all(|(generic, dynamic)| dynamic < generic) {
        Dispatch::Dyn
    } else {
        panic!("neither way is faster for every sensor in this build");
    };
    let right =
        GENERIC_COPIES == generic_copies && DYN_COPIES == dyn_copies && FEWER_INSTRUCTIONS == fewer;
    hprintln!(
        "GENERIC_COPIES = {GENERIC_COPIES}, DYN_COPIES = {DYN_COPIES}, \
         FEWER_INSTRUCTIONS = Dispatch::{FEWER_INSTRUCTIONS:?}: {}",
        if right { "right" } else { "not all right" }
    );
    assert!(
        GENERIC_COPIES == generic_copies,
        "GENERIC_COPIES = {GENERIC_COPIES} is not what the measurements say"
    );
    assert!(
        DYN_COPIES == dyn_copies,
        "DYN_COPIES = {DYN_COPIES} is not what the measurements say"
    );
    assert!(
        FEWER_INSTRUCTIONS == fewer,
        "FEWER_INSTRUCTIONS = Dispatch::{FEWER_INSTRUCTIONS:?} is not what the measurements say"
    );
    // ANCHOR_END: check

    board::exit_success()
}
