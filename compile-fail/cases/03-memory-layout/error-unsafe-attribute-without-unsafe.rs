//! An attribute that was safe to write before the 2024 edition: `#[no_mangle]` exports the
//! function under its bare name, as C code expects, so a vector table written in C or assembly
//! can point at it. Since the 2024 edition the attribute must be wrapped in `unsafe(...)`:
//! a bare symbol name can collide with any other symbol in the program, and the linker then
//! picks one of them without looking at its type.

use std::sync::atomic::{AtomicU32, Ordering};

static RX_BYTES: AtomicU32 = AtomicU32::new(0);

/// UART0's receive interrupt, named as the C start-up file's vector table names it.
#[no_mangle]
pub extern "C" fn uart0_isr() {
    RX_BYTES.fetch_add(1, Ordering::Relaxed);
}

fn main() {
    uart0_isr();
    println!("received {} byte(s)", RX_BYTES.load(Ordering::Relaxed));
}
