//! Exercise 4.1: The high-water mark (the solution).
//!
//! `paint_free_stack` fills the free stack with `PAINT`, stopping `MARGIN` bytes below its own
//! frame; `high_water_mark` walks up from the bottom to the first word the parser changed. The
//! difference between a parse four levels deep and one eight levels deep is the cost of four
//! levels.
//!
//! Check it: `cargo workbook run high-water-mark` says PASS, or `cargo run` in this folder
//! prints what `exercises/04-stack/01-high-water-mark/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint high-water-mark`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// ANCHOR: paint
/// The word the free stack is painted with (cortex-m-rt's `paint-stack` feature uses the same).
const PAINT: u32 = 0xCCCC_CCCC;

/// Bytes left unpainted below the painter's own stack pointer: room for the frames of the
/// functions it calls while it paints (`write_volatile` is a real call in a debug build).
const MARGIN: usize = 256;

/// Fills the free stack with `PAINT`: every word from the end of the statics up to `MARGIN`
/// bytes below the current stack pointer.
#[inline(never)]
fn paint_free_stack() {
    let top = board::stack::pointer() - MARGIN;
    let mut word = board::layout::statics().end as *mut u32;
    while (word as usize) < top {
        // SAFETY: the words between the statics and the stack pointer belong to no live
        // variable: they are free stack, and `MARGIN` keeps this loop's own calls out of reach.
        unsafe { word.write_volatile(PAINT) };
        word = word.wrapping_add(1);
    }
}

/// How many bytes of stack were used since the last paint: from the top of the stack down to
/// the lowest word that no longer holds `PAINT`.
fn high_water_mark() -> usize {
    let top = board::layout::stack_top();
    let mut word = board::layout::statics().end as *const u32;
    // SAFETY: reads RAM between the end of the statics and the top of the stack, word-aligned.
    while (word as usize) < top && unsafe { word.read_volatile() } == PAINT {
        word = word.wrapping_add(1);
    }
    top - word as usize
}
// ANCHOR_END: paint

// ANCHOR: parser
/// Why the parser rejected a command.
#[derive(Debug)]
enum ParseError {
    UnexpectedEnd,
    UnexpectedByte,
}

/// Parses one group: `(`, then digits, spaces and nested groups, then `)`. Returns the sum of
/// its digits. It calls itself once for every nested group.
fn parse_group(command: &[u8], at: &mut usize) -> Result<u32, ParseError> {
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
// ANCHOR_END: parser

/// Two commands from the host, nested 4 and 8 levels deep.
const SHALLOW: &str = "(1 (2 (3 (4))))";
const DEEP: &str = "(1 (2 (3 (4 (5 (6 (7 (8))))))))";

// ANCHOR: main
#[entry]
fn main() -> ! {
    paint_free_stack();
    let shallow_sum = parse_group(SHALLOW.as_bytes(), &mut 0).expect("a well-formed command");
    let shallow_used = high_water_mark();
    let shallow_checked = at_the_edge_of_the_paint(shallow_used);

    paint_free_stack();
    let deep_sum = parse_group(DEEP.as_bytes(), &mut 0).expect("a well-formed command");
    let deep_used = high_water_mark();
    let deep_checked = at_the_edge_of_the_paint(deep_used);

    hprintln!("{} sums to {}", SHALLOW, shallow_sum);
    hprintln!("{} sums to {}", DEEP, deep_sum);
    // Both runs share everything but the four extra levels: the difference is their cost.
    let per_level = deep_used.saturating_sub(shallow_used) / 4;
    assert!(
        per_level > 0,
        "no stack use measured: paint the free stack, then scan it for the lowest changed word"
    );
    assert!(
        shallow_checked && deep_checked,
        "a mark that is not where the paint ends: paint from the end of the statics, and scan up from there"
    );
    hprintln!("each level of nesting costs {} bytes of stack", per_level);
    board::exit_success()
}
// ANCHOR_END: main

/// The harness's own look at the stack after a measurement: the free stack is painted from the
/// end of the statics up, and `used` bytes below the top of the stack is the first word that no
/// longer holds `PAINT`, with a painted word right below it.
fn at_the_edge_of_the_paint(used: usize) -> bool {
    let bottom = board::layout::statics().end;
    let top = board::layout::stack_top();
    let Some(mark) = top.checked_sub(used) else {
        return false;
    };
    if used == 0 || !mark.is_multiple_of(4) || mark < bottom + 4 {
        return false;
    }
    // SAFETY: three word-aligned reads of RAM between the end of the statics and the top of the
    // stack: free stack, or what is left of the parser's frames.
    unsafe {
        (bottom as *const u32).read_volatile() == PAINT
            && ((mark - 4) as *const u32).read_volatile() == PAINT
            && (mark as *const u32).read_volatile() != PAINT
    }
}
