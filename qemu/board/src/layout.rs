//! Where flash, RAM, the statics and the stack are, from the linker's symbols.
//!
//! cortex-m-rt lays RAM out as `.data`, `.bss`, `.uninit`, then free space, with the stack
//! growing down from the top (`_stack_start`); flip-link puts the stack below the statics
//! instead. The board's build script adds `_flash_start`, `_flash_end`, `_board_ram_start` and
//! `_board_ram_end` from the machine's `memory.x`.

use core::ops::Range;

unsafe extern "C" {
    static _flash_start: u8;
    static _flash_end: u8;
    static _board_ram_start: u8;
    static _board_ram_end: u8;
    static __sdata: u8;
    static __sheap: u8;
    static _stack_start: u8;
}

/// The address of a linker symbol; its value is never read.
macro_rules! address_of {
    ($symbol:ident) => {
        // Taking the address of an extern static reads nothing: no `unsafe` needed (Rust 1.82+).
        &raw const $symbol as usize
    };
}

/// All of flash, as `memory.x` declares it.
pub fn flash() -> Range<usize> {
    address_of!(_flash_start)..address_of!(_flash_end)
}

/// All of the chip's RAM, as the machine's `memory.x` declares it (even when flip-link has moved
/// the linker's RAM region up to make room for the stack below it).
pub fn ram() -> Range<usize> {
    address_of!(_board_ram_start)..address_of!(_board_ram_end)
}

/// The statics that live in RAM: `.data` (initialised), `.bss` (zeroed) and `.uninit`.
pub fn statics() -> Range<usize> {
    address_of!(__sdata)..address_of!(__sheap)
}

/// The initial stack pointer: the stack grows down from here.
pub fn stack_top() -> usize {
    address_of!(_stack_start)
}

// ANCHOR: stack_bottom
/// The lowest address the stack may use. cortex-m-rt puts the stack above the statics, so its
/// bottom is their end; flip-link puts it below them, so its bottom is the start of RAM.
pub fn stack_bottom() -> usize {
    if stack_top() <= statics().start {
        ram().start
    } else {
        statics().end
    }
}
// ANCHOR_END: stack_bottom
