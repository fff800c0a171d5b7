//! On the `lm3s6965evb` nothing stops a stack overflow: a recursion that needs about 512 bytes
//! more stack than there is writes over the last static below the stack, returns the right
//! answer, and the program ends normally, with exit status 0.
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::mem::MaybeUninit;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

const LOG_WORDS: usize = 256;
const PATTERN: u32 = 0x5E45_0000;

/// cortex-m-rt puts `.uninit` after `.bss`: this log is the last static, right below the stack.
#[unsafe(link_section = ".uninit.SENSOR_LOG")]
static mut SENSOR_LOG: MaybeUninit<[u32; LOG_WORDS]> = MaybeUninit::uninit();

fn log_word(index: usize) -> *mut u32 {
    (&raw mut SENSOR_LOG).cast::<u32>().wrapping_add(index)
}

// ANCHOR: experiment
#[inline(never)]
fn sum_down(depth: u32) -> u32 {
    let frame = core::hint::black_box([depth as u8; 64]);
    if depth == 0 {
        return 0;
    }
    sum_down(depth - 1) + u32::from(frame[1] & 1)
}

#[entry]
fn main() -> ! {
    for index in 0..LOG_WORDS {
        // SAFETY: the word is inside SENSOR_LOG, and nothing holds a reference to it.
        unsafe { log_word(index).write_volatile(PATTERN + index as u32) };
    }
    // What one level costs, measured; then a depth that overshoots the stack by about 512 bytes.
    let (_, ten_levels) = board::stack::measure(|| sum_down(10));
    let (_, twenty_levels) = board::stack::measure(|| sum_down(20));
    let per_level = (twenty_levels - ten_levels) / 10;
    let free = board::stack::pointer() - board::layout::stack_bottom();
    let depth = ((free + 512) / per_level) as u32;

    let sum = sum_down(depth);
    let overwritten = (0..LOG_WORDS)
        // SAFETY: as above.
        .filter(|&index| unsafe { log_word(index).read_volatile() } != PATTERN + index as u32)
        .count();
    hprintln!(
        "the recursion returned {} (right: {})",
        sum,
        depth.div_ceil(2)
    );
    hprintln!(
        "SENSOR_LOG: {} of {} words overwritten",
        overwritten,
        LOG_WORDS
    );
    board::exit_success()
}
// ANCHOR_END: experiment
