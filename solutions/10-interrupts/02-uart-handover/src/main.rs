//! Exercise 10.2: The UART handover (the solution).
//!
//! The UART0 handler moves the driver out of the shared `Mutex<RefCell<Option<Uart0>>>` the
//! first time it runs, into a `static mut` of its own that cortex-m-rt hands it as a `&mut`.
//! From then on the handler owns the driver: no other context can reach it, so the handler
//! needs no critical section to use it.
//!
//! Check it: `cargo workbook run uart-handover` says PASS, or `cargo run` in this folder prints
//! what `exercises/10-interrupts/02-uart-handover/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint uart-handover`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::cell::RefCell;
use core::sync::atomic::{AtomicU32, Ordering::Relaxed};
use cortex_m::peripheral::NVIC;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use critical_section::Mutex;
use lm3s6965::{Interrupt, interrupt};

// ANCHOR: driver
/// The driver of UART0, standing in for a HAL's: it owns the peripheral, and there is one.
/// Its wire is semihosting, and the bytes it receives come from a script. It lives in a module of
/// its own so that its field is private: outside it, `take` is the only way to get a `Uart0`.
mod uart0 {
    use core::sync::atomic::{AtomicBool, Ordering::Relaxed};
    use cortex_m_semihosting::hprintln;

    pub struct Uart0 {
        received: usize,
    }

    impl Uart0 {
        /// The driver, the first time; `None` after that.
        pub fn take() -> Option<Uart0> {
            static TAKEN: AtomicBool = AtomicBool::new(false);
            let taken = TAKEN.swap(true, Relaxed);
            (!taken).then_some(Uart0 { received: 0 })
        }

        /// The byte in the receive register.
        pub fn read(&mut self) -> u8 {
            let byte = b"ping"[self.received % 4];
            self.received += 1;
            byte
        }

        /// Sends `bytes`.
        pub fn write(&mut self, bytes: &[u8]) {
            hprintln!("uart0 tx: {}", core::str::from_utf8(bytes).unwrap_or("?"));
        }
    }
}
use uart0::Uart0;
// ANCHOR_END: driver

// ANCHOR: shared
/// Where `main` leaves the driver for the UART0 handler.
static SHARED_UART: Mutex<RefCell<Option<Uart0>>> = Mutex::new(RefCell::new(None));

/// The times the UART0 handler ran.
static ANSWERED: AtomicU32 = AtomicU32::new(0);
// ANCHOR_END: shared

// ANCHOR: handler
/// A byte arrived: send it back.
#[interrupt]
fn UART0() {
    // Local to this handler: cortex-m-rt turns it into a `&mut Option<Uart0>` that only this
    // handler has, which is sound because a handler cannot interrupt itself.
    static mut UART: Option<Uart0> = None;
    let uart = UART.get_or_insert_with(|| {
        critical_section::with(|cs| SHARED_UART.take(cs))
            .expect("no UART in SHARED_UART: main left it there before enabling UART0, so an earlier run of this handler took it out")
    });

    let byte = uart.read();
    uart.write(&[byte]);
    ANSWERED.store(ANSWERED.load(Relaxed) + 1, Relaxed);
}
// ANCHOR_END: handler

// ANCHOR: main
#[entry]
fn main() -> ! {
    let mut uart = Uart0::take().expect("main takes the UART once");
    uart.write(b"boot: echo ready");
    // From here on the handler owns the driver; `main` cannot use `uart` any more.
    critical_section::with(|cs| SHARED_UART.replace(cs, Some(uart)));

    // SAFETY: unmasking an interrupt can break a critical section that relies on it staying
    // masked; this program has none.
    unsafe { NVIC::unmask(Interrupt::UART0) };
    for _ in 0..4 {
        byte_arrives();
    }
    hprintln!("UART0 answered {} bytes", ANSWERED.load(Relaxed));
    board::exit_success()
}
// ANCHOR_END: main

// ANCHOR: pend
/// What the UART does when a byte comes in: it raises UART0. The barriers make the interrupt
/// run before this function returns.
fn byte_arrives() {
    NVIC::pend(Interrupt::UART0);
    cortex_m::asm::dsb();
    cortex_m::asm::isb();
}
// ANCHOR_END: pend
