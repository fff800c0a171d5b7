//! A static's initial value is part of the program image: for a `.data` static the linker stores
//! it in flash, and the reset handler copies it into RAM before `main`. So the compiler must
//! compute it while compiling. Rust runs no code before `main` to initialise statics, unlike C++'s
//! constructors of globals, and a call to an ordinary function is refused.

use std::sync::atomic::{AtomicU32, Ordering};

/// Reads the baud rate from the DIP switches on the board (fixed here: this runs on the host).
fn read_baud_switch() -> u32 {
    115_200
}

static BAUD_RATE: AtomicU32 = AtomicU32::new(read_baud_switch());

fn main() {
    println!("UART0 at {} baud", BAUD_RATE.load(Ordering::Relaxed));
}
