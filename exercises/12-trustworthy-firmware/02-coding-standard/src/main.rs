//! Exercise 12.2: a coding standard that the compiler's linter enforces.
//!
//! A battery monitor averages the ADC's last eight samples and turns the average into
//! millivolts. The program runs and prints the right figures for the samples below, and a C
//! reviewer might pass it. The project's coding standard does not: its rules are the Clippy
//! lints in this exercise's `Cargo.toml`, and `cargo clippy` refuses the code with four of them.
//!
//! What to do: change `average_millivolts` and `channel_gain` (the `// TODO`s) until `cargo
//! clippy` in this folder is clean. Fix the code, not the rules: an `#[allow]` or `#[expect]`
//! does not pass. Where an operation could overflow or a value not fit, decide what the
//! firmware does then (the header of each function says it).
//!
//! How to know it worked: `cargo workbook run coding-standard` prints `expected.out` and says
//! that Clippy passes.
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

/// The ADC's full scale: 12 bits.
const ADC_FULL_SCALE: u32 = 4095;
/// The reference voltage, in millivolts.
const REFERENCE_MV: u32 = 3300;

/// Full scale times 1.0 in 1/256ths: what the product of a reading, the reference and the gain is
/// divided by (a constant, not zero).
const MILLIVOLT_DIVISOR: u64 = ADC_FULL_SCALE as u64 * 256;

// ANCHOR: average
/// The average of `samples` (rounded down to a whole ADC count) in millivolts, after the
/// channel's `gain` in 1/256ths (256 is 1.0), rounded down: `None` for no samples. A result too large for a `u16` is `u16::MAX`: the monitor reports
/// "at least this much".
pub fn average_millivolts(samples: &[u16], gain: u16) -> Option<u16> {
    // TODO: the project's rules refuse every line below but the first.
    if samples.is_empty() {
        return None;
    }
    let count = u32::try_from(samples.len()).unwrap();
    let mut total: u32 = 0;
    for i in 0..samples.len() {
        total += samples[i] as u32;
    }
    let average = total / count;
    let millivolts = average as u64 * REFERENCE_MV as u64 * gain as u64 / MILLIVOLT_DIVISOR;
    Some(millivolts as u16)
}
// ANCHOR_END: average

// ANCHOR: gain
/// The gain of ADC channel `channel` from the calibration table; 1.0 (256) for a channel the
/// table does not have.
pub fn channel_gain(table: &[u16], channel: usize) -> u16 {
    // TODO: a C programmer's bounds check; the rules want one the compiler sees.
    if channel < table.len() {
        table[channel]
    } else {
        256
    }
}
// ANCHOR_END: gain

/// Calibration gains measured at the factory, in 1/256ths.
static GAINS: [u16; 3] = [256, 261, 250];

#[entry]
fn main() -> ! {
    let battery = [2480u16, 2484, 2479, 2490, 2483, 2481, 2486, 2488];
    let solar = [4095u16; 8];
    for (name, channel, samples) in [
        ("battery", 0, &battery[..]),
        ("solar", 1, &solar[..]),
        ("spare", 7, &battery[..0]),
    ] {
        let gain = channel_gain(&GAINS, channel);
        match average_millivolts(samples, gain) {
            Some(mv) => hprintln!("{name} (channel {channel}, gain {gain}/256): {mv} mV"),
            None => hprintln!("{name} (channel {channel}, gain {gain}/256): no samples"),
        }
    }
    // The monitor's alarm path: a gain from a corrupted table.
    let mv = average_millivolts(&solar, u16::MAX);
    hprintln!("solar with a corrupt gain of 65535/256: {mv:?} mV");
    board::exit_success()
}
