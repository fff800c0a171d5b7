//! The emulated board every exercise runs on.
//!
//! Link it (`use board as _;`, or call any function of it) and a program gets: the memory map of
//! its machine on the linker's path, a panic handler that prints the message and exits QEMU with
//! a failure code, a HardFault handler that survives a blown stack and says in words what the
//! fault status registers hold, and a handler for any exception nobody else handles. Programs
//! print with `cortex_m_semihosting::hprintln!` and end with [`exit_success`] or [`exit_failure`].
#![no_std]
#![deny(unsafe_op_in_unsafe_fn)]

#[cfg(not(feature = "plain-faults"))]
pub mod fault;
#[cfg(feature = "plain-faults")]
mod fault_without_formatting;
pub mod figure;
pub mod layout;
pub mod stack;
#[cfg(feature = "embassy-time")]
pub mod time_driver;
pub mod timing;

#[cfg(feature = "panic-handler")]
mod panic;

use cortex_m_semihosting::debug;

/// Ends the program and QEMU with exit code 0.
pub fn exit_success() -> ! {
    exit(debug::EXIT_SUCCESS)
}

/// Ends the program and QEMU with exit code 1.
pub fn exit_failure() -> ! {
    exit(debug::EXIT_FAILURE)
}

fn exit(status: debug::ExitStatus) -> ! {
    debug::exit(status);
    // Only reached when no semihosting host listens (a real board without a debugger).
    loop {
        cortex_m::asm::bkpt();
    }
}
