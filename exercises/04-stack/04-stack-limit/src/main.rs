//! Exercise 4.4: The stack limit register
//!
//! The same parser and the same hostile command, on the `mps2-an505` machine: a Cortex-M33
//! (Armv8-M), which has a register no earlier Cortex-M has: MSPLIM, the lowest address the main
//! stack may reach. Nothing sets it, so the overflow runs into the calibration table unnoticed.
//! Set it in `set_stack_limit`: `main` is the harness, and it reads the register back to check
//! that the limit keeps the stack out of the statics and takes none of the stack's own room.
//!
//! Done when `cargo workbook run stack-limit` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint stack-limit`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::mem::MaybeUninit;
use core::sync::atomic::{AtomicUsize, Ordering};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// ANCHOR: calibration
/// Words in the calibration table. An odd count: with it, the statics end 4 bytes past a
/// multiple of 8 (`main` prints it), which is where the limit register's rounding matters.
const TABLE_WORDS: usize = 513;

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

// ANCHOR: limit
/// Sets the main stack's limit register to the bottom of the stack: a push or a `sub sp` that
/// would take the stack pointer below it is a UsageFault (STKOF), and the write does not happen.
fn set_stack_limit() {
    // TODO: write the bottom of the stack into MSPLIM (`cortex_m::register::msplim`).
    // The register ignores its low three bits.
}
// ANCHOR_END: limit

// ANCHOR: main
#[entry]
fn main() -> ! {
    calibrate();
    board::fault::after_fault(check_calibration);
    let bottom = board::layout::stack_bottom();
    hprintln!(
        "the bottom of the stack is a multiple of 8: {}",
        bottom.is_multiple_of(8)
    );
    set_stack_limit();
    let limit = cortex_m::register::msplim::read() as usize;
    hprintln!(
        "MSPLIM keeps the stack out of the statics: {}",
        limit >= bottom
    );
    assert!(
        limit < bottom + 8,
        "MSPLIM is {limit:#x}, 8 bytes or more above the bottom of the stack ({bottom:#x}): the stack loses room that is its own"
    );
    let mut buffer = [0u8; COMMAND_CAPACITY];
    let command = hostile_command(&mut buffer);
    hprintln!("the host sends a command nested deeper than the stack can hold");
    let parsed = parse_group(command, &mut 0);
    hprintln!("the parser returned {:?}", parsed);
    let damaged = damaged_words();
    assert!(
        damaged == 0,
        "the calibration table was overwritten: {damaged} of {TABLE_WORDS} words changed"
    );
    board::exit_success()
}

/// Runs after the board's fault report, on a fresh stack.
fn check_calibration(fault: &board::fault::Fault) -> ! {
    hprintln!("a fault stopped the parser");
    hprintln!("the stack overflowed: {}", fault.stack_overflowed);
    // SAFETY: reads the fault status, a read-only view of the System Control Block.
    let cfsr = unsafe { (*cortex_m::peripheral::SCB::PTR).cfsr.read() };
    const STKOF: u32 = 1 << 20;
    hprintln!("UsageFault stack overflow (STKOF): {}", cfsr & STKOF != 0);
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
