//! A second panic handler. A program has exactly one `#[panic_handler]`: one that halts was
//! already there when a second, which reports before halting, was pasted in. The same error
//! names a crate instead of a line when the first handler comes from a crate the program links
//! (`panic-halt`, `panic-semihosting`, the workbook's board crate with its default features).

#![no_std]
#![no_main]

use core::panic::PanicInfo;
use core::sync::atomic::{AtomicU32, Ordering};

/// How many times the firmware panicked, for a debugger to read.
static PANIC_COUNT: AtomicU32 = AtomicU32::new(0);

/// Stops the core on any panic.
#[panic_handler]
fn halt_on_panic(_info: &PanicInfo) -> ! {
    loop {
        core::hint::spin_loop();
    }
}

/// Counts the panic, then stops the core.
#[panic_handler]
fn count_and_halt(_info: &PanicInfo) -> ! {
    PANIC_COUNT.fetch_add(1, Ordering::Relaxed);
    loop {
        core::hint::spin_loop();
    }
}
