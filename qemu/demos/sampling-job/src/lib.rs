//! The job that chapter 13's comparison writes three ways, and what measures it.
//!
//! A sensor is sampled on a timer: SysTick's interrupt comes every 10 000 instructions and its
//! handler reads the ADC ([`read_adc`]). The job is to put each sample through a moving average
//! ([`Filter::add`]) and, every eighth sample, to hand the average to the background, which
//! reports it ([`report`]). The background also checks the calibration table in flash, a block
//! at a time ([`TableCheck::step`]), for ever: it is the work the job has to get past.
//!
//! `qemu/demos/job-superloop`, `job-rtic` and `job-embassy` run this same code; only the wiring
//! differs. What each run measures, and prints at its end:
//!
//! - the latency, in instructions, from the moment the timer's interrupt comes due to the
//!   handler's first line and to the filter's first line. SysTick is the clock: it counts down
//!   from its reload value to zero, where the interrupt comes due and it starts again, so how far
//!   it has counted down is how long ago that was (`board::timing` turns ticks into
//!   instructions, under `qemu/run`'s `-icount`);
//! - the background's progress: blocks of the table checked in the run's 32 sample periods;
//! - the peak stack: the free stack is painted when the run starts and scanned when it ends.
#![no_std]
#![deny(unsafe_op_in_unsafe_fn)]

use core::sync::atomic::{AtomicU32, Ordering::Relaxed};
use cortex_m::peripheral::{SYST, syst::SystClkSource};
use cortex_m_semihosting::hprintln;

/// The samples in a run: after the report of the last one, the run prints what it measured and
/// ends.
pub const SAMPLES: u32 = 32;

/// The filter's window, and how often the job has an average for the background to report.
pub const WINDOW: u32 = 8;

/// SysTick's period, in its ticks of 80 ns: 10 000 instructions of 256 ns under `qemu/run`.
const PERIOD_TICKS: u32 = 32_000;

/// SysTick counts from this value down to zero, then starts again: a period of `PERIOD_TICKS`.
const RELOAD: u32 = PERIOD_TICKS - 1;

/// Samples the handler has read, and samples the filter has taken.
static ARRIVED: AtomicU32 = AtomicU32::new(0);
static FILTERED: AtomicU32 = AtomicU32::new(0);

/// Averages reported so far.
static REPORTED: AtomicU32 = AtomicU32::new(0);

/// Blocks of the table the background has checked, and how many it had when the last sample
/// arrived.
static BLOCKS_CHECKED: AtomicU32 = AtomicU32::new(0);
static BLOCKS_IN_RUN: AtomicU32 = AtomicU32::new(0);

/// The smallest and the largest of the latencies recorded, in SysTick's ticks: they become
/// instructions only when printed, so that no division lies on the path being measured.
struct Range {
    least: AtomicU32,
    most: AtomicU32,
}

impl Range {
    const fn new() -> Self {
        Self {
            least: AtomicU32::new(u32::MAX),
            most: AtomicU32::new(0),
        }
    }

    fn record(&self, ticks: u32) {
        self.least.fetch_min(ticks, Relaxed);
        self.most.fetch_max(ticks, Relaxed);
    }

    fn instructions(&self) -> (u32, u32) {
        let convert = |ticks: &AtomicU32| board::timing::instructions_in(ticks.load(Relaxed));
        (convert(&self.least), convert(&self.most))
    }
}

static TO_HANDLER: Range = Range::new();
static TO_FILTER: Range = Range::new();

/// The ticks from the interrupt to the handler's first line, for the sample the handler read
/// last.
static HANDLER_TICKS: AtomicU32 = AtomicU32::new(0);

/// SysTick's ticks since it last came due.
#[inline(always)]
fn ticks_since_due() -> u32 {
    RELOAD - SYST::get_current()
}

/// Starts a run: paints the free stack, then starts SysTick, whose interrupt brings a sample every
/// 10 000 instructions. Call it once, before anything else; the program's `SysTick` handler
/// reads the sample with [`read_adc`].
pub fn start(mut syst: SYST) {
    paint_stack();
    syst.set_clock_source(SystClkSource::Core);
    syst.set_reload(RELOAD);
    syst.clear_current();
    syst.enable_interrupt();
    syst.enable_counter();
}

/// The ADC's latest conversion: the `SysTick` handler's first call. Notes how long after the
/// interrupt came due it was called.
pub fn read_adc() -> u16 {
    let ticks = ticks_since_due();
    HANDLER_TICKS.store(ticks, Relaxed);
    let sample = ARRIVED.fetch_add(1, Relaxed) + 1;
    if sample == SAMPLES {
        BLOCKS_IN_RUN.store(BLOCKS_CHECKED.load(Relaxed), Relaxed);
    }
    // A reading near the middle of a 12-bit range, with some noise that repeats.
    2040 + (sample * 7 % 17) as u16
}

/// The job's first instructions: records the latencies, and stops the run if a sample arrived
/// before the job had taken the one before it (the handler overwrote it).
fn job_starts() {
    let ticks = ticks_since_due();
    let sample = FILTERED.fetch_add(1, Relaxed) + 1;
    let arrived = ARRIVED.load(Relaxed);
    assert!(
        sample == arrived,
        "sample {sample} was filtered after sample {arrived} had arrived: it waited a whole period"
    );
    if sample <= SAMPLES {
        TO_HANDLER.record(HANDLER_TICKS.load(Relaxed));
        TO_FILTER.record(ticks);
    }
}

/// A moving average over the last [`WINDOW`] samples: the job.
pub struct Filter {
    window: [u16; WINDOW as usize],
    sum: u32,
    count: u32,
}

impl Filter {
    pub const fn new() -> Self {
        Self {
            window: [0; WINDOW as usize],
            sum: 0,
            count: 0,
        }
    }

    // ANCHOR: add
    /// Takes `sample` into the average; every [`WINDOW`]th sample, returns the average of the
    /// last [`WINDOW`].
    pub fn add(&mut self, sample: u16) -> Option<u16> {
        job_starts();
        let slot = &mut self.window[(self.count % WINDOW) as usize];
        self.sum = self.sum - u32::from(*slot) + u32::from(sample);
        *slot = sample;
        self.count += 1;
        self.count
            .is_multiple_of(WINDOW)
            .then_some((self.sum / WINDOW) as u16)
    }
    // ANCHOR_END: add
}

impl Default for Filter {
    fn default() -> Self {
        Self::new()
    }
}

/// Reports an average, as the background does: a line of text, several hundred instructions of
/// formatting. After the last one, prints what the run measured and ends it.
pub fn report(average: u16) {
    let reported = REPORTED.fetch_add(1, Relaxed) + 1;
    hprintln!(
        "samples {:>2} to {:>2}: average {}",
        (reported - 1) * WINDOW + 1,
        reported * WINDOW,
        average
    );
    if reported == SAMPLES / WINDOW {
        finish();
    }
}

fn finish() -> ! {
    // Scanned first, so that the stack this function's own printing takes is not counted.
    let peak_stack = peak_stack();
    hprintln!(
        "{SAMPLES} samples, one every {} instructions",
        board::timing::instructions_in(PERIOD_TICKS)
    );
    for (what, range) in [("handler", &TO_HANDLER), ("filter", &TO_FILTER)] {
        let (least, most) = range.instructions();
        hprintln!("timer to {what}: {least} to {most} instructions");
    }
    hprintln!(
        "background: {} blocks of {BLOCK} bytes checked in {SAMPLES} sample periods",
        BLOCKS_IN_RUN.load(Relaxed)
    );
    hprintln!("peak stack: {peak_stack} bytes");
    board::exit_success()
}

/// Bytes of the calibration table checked in one step.
const BLOCK: usize = 16;

/// A calibration table in flash, which the background checks against the CRC it was built with.
static CALIBRATION: [u8; 512] = calibration_table();

const fn calibration_table() -> [u8; 512] {
    let mut table = [0; 512];
    let mut at = 0;
    while at < table.len() {
        table[at] = (at * 31 % 251) as u8;
        at += 1;
    }
    table
}

/// CRC-32 (the reflected polynomial of Ethernet and zip), bit by bit: slow on purpose.
const fn crc32_update(mut crc: u32, bytes: &[u8]) -> u32 {
    let mut at = 0;
    while at < bytes.len() {
        crc ^= bytes[at] as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
            bit += 1;
        }
        at += 1;
    }
    crc
}

/// The table's CRC, computed when the program is built.
const CALIBRATION_CRC: u32 = crc32_update(!0, &calibration_table());

/// The background: checks the calibration table a block at a time, round and round.
pub struct TableCheck {
    crc: u32,
    block: usize,
}

impl TableCheck {
    pub const fn new() -> Self {
        Self { crc: !0, block: 0 }
    }

    /// Checks the next block (some 800 instructions); after the last, compares the CRC with the
    /// table's and starts again.
    pub fn step(&mut self) {
        let start = self.block * BLOCK;
        self.crc = crc32_update(self.crc, &CALIBRATION[start..start + BLOCK]);
        self.block += 1;
        if self.block * BLOCK == CALIBRATION.len() {
            assert!(
                self.crc == CALIBRATION_CRC,
                "the calibration table is corrupt"
            );
            *self = Self::new();
        }
        BLOCKS_CHECKED.fetch_add(1, Relaxed);
    }
}

impl Default for TableCheck {
    fn default() -> Self {
        Self::new()
    }
}

/// The word the free stack is painted with.
const PAINT: u32 = 0x5AFE_57AC;

/// Paints the stack between its bottom and this function's own frame. Writes through a volatile
/// pointer in a loop that calls nothing, so no frame lands in the area while it is painted.
#[inline(never)]
fn paint_stack() {
    let top = board::stack::pointer();
    let mut word = board::layout::stack_bottom();
    while word < top {
        // SAFETY: the words between the bottom of the stack and the stack pointer belong to no
        // live frame, and this loop pushes none there.
        unsafe { (word as *mut u32).write_volatile(PAINT) };
        word += 4;
    }
}

/// Bytes from the top of the stack down to the lowest word that is no longer paint.
fn peak_stack() -> usize {
    let top = board::stack::pointer();
    let mut word = board::layout::stack_bottom();
    // SAFETY: reads words of RAM between the bottom of the stack and the stack pointer.
    while word < top && unsafe { (word as *const u32).read_volatile() } == PAINT {
        word += 4;
    }
    board::layout::stack_top() - word
}
