//! Counting instructions with SysTick.
//!
//! `qemu/run` starts QEMU with `-icount shift=8`: the virtual clock advances 256 ns for every
//! instruction executed, whatever the host's speed, and SysTick runs from that clock. So a
//! difference of SysTick readings is a count of instructions, the same on every machine and every
//! run. On the `lm3s6965evb` SysTick ticks every 80 ns (its `machine.env` says so, as
//! `SYSTICK_NS`): an instruction is 3.2 ticks, so a count of ticks, off by at most one tick
//! either way, still rounds to the exact count of instructions.
//!
//! QEMU does not model pipelines, caches, branch penalties or flash wait states: these are counts
//! of instructions, not cycles of real silicon. They compare two versions of the same code well;
//! they do not predict a real part's timing.
//!
//! These functions take over SysTick: do not use them in a program whose SysTick interrupt is on.

use cortex_m::peripheral::SYST;

/// SysTick's reload value: the whole 24-bit counter.
const FULL: u32 = 0x00FF_FFFF;

/// `qemu/run`'s `-icount shift`: an instruction takes 2^8 ns of virtual time (the board's test
/// `instructions_are_counted_one_by_one` fails if the two disagree).
const ICOUNT_SHIFT: u32 = 8;

/// SysTick's period on this machine in ns of virtual time, from its `machine.env`.
const SYSTICK_NS: Option<&str> = option_env!("BOARD_SYSTICK_NS");

/// Runs `f` and returns its result with the number of SysTick ticks between a reading just before
/// it and one just after. SysTick counts down from `0xFF_FFFF`; a run longer than that (about
/// 5 million instructions on the `lm3s6965evb`) wraps and is reported wrongly.
// Never inlined: in an optimised build the caller's own arithmetic could otherwise be scheduled
// between the two readings and be counted with `f`.
#[inline(never)]
pub fn ticks<R>(f: impl FnOnce() -> R) -> (R, u32) {
    start();
    let before = SYST::get_current();
    let result = f();
    let after = SYST::get_current();
    (result, elapsed(before, after))
}

/// Runs `f` and returns its result with the number of instructions it executed, the call of `f`
/// included (a few instructions: measure `|| ()` to see how many).
///
/// # Panics
///
/// On a machine whose `machine.env` gives no `SYSTICK_NS`.
pub fn instructions<R>(f: impl FnOnce() -> R) -> (R, u32) {
    // What the two readings cost by themselves, so that only `f`'s instructions remain.
    let ((), readings) = ticks(|| ());
    let (result, ticks) = ticks(f);
    (
        result,
        instructions_in(ticks).saturating_sub(instructions_in(readings)),
    )
}

/// The instructions executed while SysTick counted `ticks`, to the nearest one: for a program
/// that reads the counter itself, between [`ticks`]' readings (in an interrupt handler, say).
///
/// # Panics
///
/// On a machine whose `machine.env` gives no `SYSTICK_NS`.
pub fn instructions_in(ticks: u32) -> u32 {
    let systick_ns: u32 = SYSTICK_NS
        .and_then(|n| n.parse().ok())
        .expect("this machine's machine.env gives no SYSTICK_NS: use board::timing::ticks");
    let instruction_ns = 1u64 << ICOUNT_SHIFT;
    // ticks × (ns per tick) / (ns per instruction), to the nearest instruction.
    ((u64::from(ticks) * u64::from(systick_ns) + instruction_ns / 2) / instruction_ns) as u32
}

/// Ticks from `before` to `after`, two readings of SysTick's counter (`SYST::get_current()`)
/// taken while [`ticks`] runs.
pub fn elapsed(before: u32, after: u32) -> u32 {
    before.wrapping_sub(after) & FULL
}

/// Starts SysTick from the top of its range, clocked by the core, without its interrupt.
fn start() {
    // SAFETY: SysTick's registers are written here only, and this module's documentation tells
    // programs not to use SysTick for anything else while they measure.
    let mut syst = unsafe { cortex_m::Peripherals::steal() }.SYST;
    syst.disable_interrupt();
    syst.set_clock_source(cortex_m::peripheral::syst::SystClkSource::Core);
    syst.set_reload(FULL);
    syst.clear_current();
    syst.enable_counter();
}
