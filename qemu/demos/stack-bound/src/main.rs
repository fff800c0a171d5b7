//! A sensor node's command handler, measured by painting and bounded from its frames.
//!
//! `handle_command` runs one command from the host. A test session sends `SetRate` and
//! `ReadSensor`; `DumpLog` is a service command that a test session easily forgets. The program
//! paints the stack around each command (`board::stack::measure`) and prints what each one
//! used. `bench/stack-bound` builds the same program with the frame sizes recorded and adds them
//! up along the call graph, for `handle_command` and for the `SysTick` handler, which never runs
//! here and so is never painted.
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::hint::black_box;
use core::sync::atomic::{AtomicU32, Ordering::Relaxed};
use cortex_m_rt::{entry, exception};
use cortex_m_semihosting::hprintln;

// ANCHOR: commands
/// What the host can ask for.
#[derive(Clone, Copy)]
enum Command {
    /// Set the sampling rate, in Hz.
    SetRate(u32),
    /// Take a burst of samples and return their median.
    ReadSensor,
    /// Write every log entry out as a line of text, and return a checksum of what was sent.
    DumpLog,
}

/// Runs one command; returns what the host gets back.
#[inline(never)]
fn handle_command(command: Command) -> u32 {
    match command {
        Command::SetRate(hz) => set_rate(hz),
        Command::ReadSensor => read_sensor(),
        Command::DumpLog => dump_log(),
    }
}
// ANCHOR_END: commands

static SAMPLE_RATE_HZ: AtomicU32 = AtomicU32::new(100);
static ADC_READING: AtomicU32 = AtomicU32::new(2048);

#[inline(never)]
fn set_rate(hz: u32) -> u32 {
    SAMPLE_RATE_HZ.store(hz.clamp(1, 1000), Relaxed);
    SAMPLE_RATE_HZ.load(Relaxed)
}

/// Sixteen readings of the ADC, sorted in place; the middle one.
#[inline(never)]
fn read_sensor() -> u32 {
    let mut samples = [0u16; 16];
    for (i, sample) in samples.iter_mut().enumerate() {
        *sample = (ADC_READING.load(Relaxed) as u16).wrapping_add(black_box(i as u16 * 7) % 13);
    }
    sort(&mut samples);
    u32::from(samples[8])
}

/// Insertion sort: no recursion, no allocation.
#[inline(never)]
fn sort(samples: &mut [u16; 16]) {
    for i in 1..samples.len() {
        let mut j = i;
        while j > 0 && samples[j - 1] > samples[j] {
            samples.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The log: time stamp and reading of the last entries.
static LOG: [(u32, u16); 4] = [(1_000, 2041), (2_000, 2050), (3_000, 2047), (4_000, 2055)];

/// Each entry as a line of text in a 128-byte buffer on the stack, then sent.
#[inline(never)]
fn dump_log() -> u32 {
    let mut checksum = 0;
    for &(time_ms, reading) in black_box(&LOG) {
        let mut line = [0u8; 128];
        let length = format_entry(&mut line, time_ms, reading);
        checksum = send_line(&line[..length.min(line.len())], checksum);
    }
    checksum
}

/// Writes `time_ms=reading` as decimal digits; returns the length. Every index is checked
/// with `get_mut` or a loop condition, so no panicking branch is left (a panic would bring the
/// whole of `core::fmt` into this call graph).
#[inline(never)]
fn format_entry(line: &mut [u8; 128], time_ms: u32, reading: u16) -> usize {
    let at = write_decimal(line, 0, time_ms);
    if let Some(byte) = line.get_mut(at) {
        *byte = b'=';
    }
    write_decimal(line, at + 1, u32::from(reading))
}

#[inline(never)]
fn write_decimal(line: &mut [u8; 128], at: usize, value: u32) -> usize {
    let mut digits = [0u8; 10];
    let mut count = 0;
    let mut rest = value;
    while count < digits.len() {
        digits[count] = b'0' + (rest % 10) as u8;
        count += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for (offset, digit) in digits[..count].iter().rev().enumerate() {
        if let Some(byte) = line.get_mut(at + offset) {
            *byte = *digit;
        }
    }
    at + count
}

/// Stands in for the UART: folds the line into a checksum.
#[inline(never)]
fn send_line(line: &[u8], checksum: u32) -> u32 {
    line.iter()
        .fold(checksum, |sum, &byte| sum.rotate_left(5) ^ u32::from(byte))
}

// ANCHOR: systick
/// The periodic sample. Nothing starts SysTick in this program, so it never runs and painting
/// never sees its stack; a bound must count it anyway.
#[exception]
fn SysTick() {
    ADC_READING.store(read_sensor(), Relaxed);
}
// ANCHOR_END: systick

// ANCHOR: main
#[entry]
fn main() -> ! {
    for (name, command) in [
        ("SetRate", Command::SetRate(250)),
        ("ReadSensor", Command::ReadSensor),
        ("DumpLog", Command::DumpLog),
    ] {
        let (_, used) = board::stack::measure(|| handle_command(black_box(command)));
        hprintln!("handle_command({}) used {} bytes of stack", name, used);
    }
    board::exit_success()
}
// ANCHOR_END: main
