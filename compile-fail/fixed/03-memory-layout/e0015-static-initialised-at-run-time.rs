//! Fixed: the static starts from a constant the compiler can compute (a default baud rate, so it
//! lands in `.data`; zero would put it in `.bss`), and `main` stores the switch setting at run
//! time. The initial value could also come from a `const fn`, which the compiler runs while
//! compiling.

use std::sync::atomic::{AtomicU32, Ordering};

/// Reads the baud rate from the DIP switches on the board (fixed here: this runs on the host).
fn read_baud_switch() -> u32 {
    115_200
}

/// The rate to use until the switches have been read.
const DEFAULT_BAUD: u32 = 9_600;

static BAUD_RATE: AtomicU32 = AtomicU32::new(DEFAULT_BAUD);

fn main() {
    BAUD_RATE.store(read_baud_switch(), Ordering::Relaxed);
    println!("UART0 at {} baud", BAUD_RATE.load(Ordering::Relaxed));
}
