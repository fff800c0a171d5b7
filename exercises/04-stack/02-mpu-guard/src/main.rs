//! Exercise 4.2: A guard below the stack
//!
//! The host sends `parse_group` a command nested deeper than the stack can hold. The parser's
//! frames run past the bottom of the stack into the calibration table, the last of the statics,
//! and on the `lm3s6965evb` nothing stops them: the parser returns, and only the program's own
//! check finds the damage. Put a no-access MPU region at the bottom of the stack, so that the
//! overflow faults before it reaches the table. Write `guard_the_stack`: `main` and
//! `check_calibration` are the harness, and the board's fault report on stderr must match
//! `expected.err`, its addresses aside.
//!
//! Done when `cargo workbook run mpu-guard` says PASS, or when `cargo run` in this folder prints
//! what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint mpu-guard`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::mem::MaybeUninit;
use core::sync::atomic::{AtomicUsize, Ordering};
use cortex_m::peripheral::MPU;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// ANCHOR: calibration
/// Words in the calibration table.
const TABLE_WORDS: usize = 512;

/// The calibration table, computed once at start-up. `.uninit` is the last of the statics
/// (cortex-m-rt puts it after `.bss`), so this table sits right below the stack: it is the first
/// thing a stack overflow reaches.
#[unsafe(link_section = ".uninit.CALIBRATION")]
static mut CALIBRATION: MaybeUninit<[u32; TABLE_WORDS]> = MaybeUninit::uninit();
// ANCHOR_END: calibration

/// The coefficient for one ADC code (a made-up curve).
fn coefficient(index: usize) -> u32 {
    (index as u32).wrapping_mul(2_654_435_761) ^ 0x0BAD_CAFE
}

/// One word of the table. The table is only ever used through raw pointers, one word at a time:
/// no reference to it lives while the stack might be writing over it.
fn table_word(index: usize) -> *mut u32 {
    assert!(index < TABLE_WORDS);
    (&raw mut CALIBRATION).cast::<u32>().wrapping_add(index)
}

/// Computes the calibration table.
fn calibrate() {
    for index in 0..TABLE_WORDS {
        // SAFETY: the word is inside the table, and the program is single-threaded.
        unsafe { table_word(index).write_volatile(coefficient(index)) };
    }
}

/// How many words of the table no longer hold their coefficient.
fn damaged_words() -> usize {
    (0..TABLE_WORDS)
        // SAFETY: the word is inside the table, which `calibrate` wrote first.
        .filter(|&index| unsafe { table_word(index).read_volatile() } != coefficient(index))
        .count()
}

// ANCHOR: guard
/// The size of the guard region. The MPU wants a power of two, at least 32 bytes, and a base
/// aligned to the size. It must be at least as large as the largest stack frame, or a frame
/// could reach past it without touching it.
const GUARD_BYTES: usize = 256;

/// Makes the `GUARD_BYTES` at the bottom of the stack a no-access region, and turns the MPU on.
fn guard_the_stack(mpu: &mut MPU) {
    // TODO: the region's base: the lowest multiple of GUARD_BYTES at or above
    //       `board::layout::stack_bottom()`.
    // TODO: region 0 at that base (MPU_RBAR), no access, execute never, GUARD_BYTES long
    //       (MPU_RASR), then the MPU on, with the default memory map for the rest (MPU_CTRL).
    // TODO: a `dsb` and an `isb`, so that the instructions after this see the new map.
    let _ = (mpu, GUARD_BYTES);
}
// ANCHOR_END: guard

// ANCHOR: main
#[entry]
fn main() -> ! {
    calibrate();
    let mut buffer = [0u8; COMMAND_CAPACITY];
    let command = hostile_command(&mut buffer);

    // First without a guard: the overflow runs into the table, and nothing notices.
    let parsed = parse_group(command, &mut 0);
    hprintln!("without a guard: the parser returned {:?}", parsed);
    hprintln!(
        "without a guard: calibration damaged: {}",
        damaged_words() > 0
    );
    calibrate();

    // Then the same command with the guard in place.
    board::fault::after_fault(check_calibration);
    let mut peripherals = cortex_m::Peripherals::take().expect("taken once");
    guard_the_stack(&mut peripherals.MPU);
    let parsed = parse_group(command, &mut 0);
    hprintln!("with the guard: the parser returned {:?}", parsed);
    let damaged = damaged_words();
    assert!(
        damaged == 0,
        "the calibration table was overwritten: {damaged} of {TABLE_WORDS} words changed"
    );
    board::exit_success()
}

/// Runs after the board's fault report, on a fresh stack.
fn check_calibration(fault: &board::fault::Fault) -> ! {
    hprintln!("with the guard: a fault stopped the parser");
    hprintln!("the stack overflowed: {}", fault.stack_overflowed);
    // SAFETY: reads the MemManage fault status, a read-only view of the System Control Block.
    let cfsr = unsafe { (*cortex_m::peripheral::SCB::PTR).cfsr.read() };
    const DACCVIOL: u32 = 1 << 1;
    const MSTKERR: u32 = 1 << 4;
    hprintln!("MemManage data access violation: {}", cfsr & DACCVIOL != 0);
    hprintln!(
        "MemManage while stacking the exception frame: {}",
        cfsr & MSTKERR != 0
    );
    // SAFETY: reads the MemManage fault address register, as the line above.
    let mmfar = unsafe { (*cortex_m::peripheral::SCB::PTR).mmfar.read() } as usize;
    const MMARVALID: u32 = 1 << 7;
    let guard = board::layout::stack_bottom().next_multiple_of(GUARD_BYTES);
    let in_guard = cfsr & MMARVALID != 0 && (guard..guard + GUARD_BYTES).contains(&mmfar);
    hprintln!("the refused address lies in the guard: {}", in_guard);
    hprintln!("calibration damaged: {}", damaged_words() > 0);
    board::exit_success()
}
// ANCHOR_END: main

// ---- The parser (as in exercise 4.1) and the hostile host ----

#[derive(Debug)]
enum ParseError {
    UnexpectedEnd,
    UnexpectedByte,
}

fn parse_group(command: &[u8], at: &mut usize) -> Result<u32, ParseError> {
    note_stack_depth();
    match command.get(*at) {
        Some(b'(') => *at += 1,
        Some(_) => return Err(ParseError::UnexpectedByte),
        None => return Err(ParseError::UnexpectedEnd),
    }
    let mut sum = 0;
    loop {
        match command.get(*at) {
            Some(b')') => {
                *at += 1;
                return Ok(sum);
            }
            Some(b'(') => sum += parse_group(command, at)?,
            Some(&digit @ b'0'..=b'9') => {
                sum += u32::from(digit - b'0');
                *at += 1;
            }
            Some(b' ') => *at += 1,
            Some(_) => return Err(ParseError::UnexpectedByte),
            None => return Err(ParseError::UnexpectedEnd),
        }
    }
}

/// The lowest stack pointer `parse_group` has seen.
static DEEPEST: AtomicUsize = AtomicUsize::new(usize::MAX);

fn note_stack_depth() {
    let sp = board::stack::pointer();
    if sp < DEEPEST.load(Ordering::Relaxed) {
        DEEPEST.store(sp, Ordering::Relaxed);
    }
}

/// How far past the bottom of the stack the hostile command reaches.
const OVERSHOOT: usize = 1024;
const COMMAND_CAPACITY: usize = 4096;

/// Writes a command nested so deep that parsing it needs `OVERSHOOT` bytes more stack than are
/// free below this point, and returns it.
fn hostile_command(buffer: &mut [u8; COMMAND_CAPACITY]) -> &[u8] {
    let deepest_sp = |command: &[u8]| {
        DEEPEST.store(usize::MAX, Ordering::Relaxed);
        let _ = parse_group(command, &mut 0);
        DEEPEST.load(Ordering::Relaxed)
    };
    let per_level = deepest_sp(b"(1)") - deepest_sp(b"((1))");
    let free = board::stack::pointer() - board::layout::stack_bottom();
    let depth = (free + OVERSHOOT) / per_level;
    assert!(
        2 * depth < COMMAND_CAPACITY,
        "{depth} levels do not fit the buffer"
    );
    buffer[..depth].fill(b'(');
    buffer[depth] = b'1';
    buffer[depth + 1..=2 * depth].fill(b')');
    &buffer[..=2 * depth]
}
