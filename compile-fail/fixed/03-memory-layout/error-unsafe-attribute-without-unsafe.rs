//! Fixed: `#[unsafe(no_mangle)]`. The `unsafe(...)` is a promise, made where it can be checked in
//! review, that no other symbol in the program is called `uart0_isr` and that whoever calls it by
//! that name calls it with the signature declared here.

use std::sync::atomic::{AtomicU32, Ordering};

static RX_BYTES: AtomicU32 = AtomicU32::new(0);

/// UART0's receive interrupt, named as the C start-up file's vector table names it.
// SAFETY: no other symbol in the program is called `uart0_isr`, and the C vector table calls it
// as `void uart0_isr(void)`, the signature declared here.
#[unsafe(no_mangle)]
pub extern "C" fn uart0_isr() {
    RX_BYTES.fetch_add(1, Ordering::Relaxed);
}

fn main() {
    uart0_isr();
    println!("received {} byte(s)", RX_BYTES.load(Ordering::Relaxed));
}
