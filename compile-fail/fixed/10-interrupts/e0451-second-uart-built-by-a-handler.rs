//! Fixed: `main` hands its driver over through `SHARED_UART`, and the handler borrows that one,
//! inside a critical section. There is still one `Uart0`, and the handler reads where `main` left
//! off.

use core::cell::RefCell;
use critical_section::Mutex;

mod uart0 {
    use std::sync::atomic::{AtomicBool, Ordering};

    /// The driver of UART0: it owns the peripheral, and there is one.
    pub struct Uart0 {
        received: usize,
    }

    impl Uart0 {
        /// The driver, the first time; `None` after that.
        pub fn take() -> Option<Uart0> {
            static TAKEN: AtomicBool = AtomicBool::new(false);
            let taken = TAKEN.swap(true, Ordering::Relaxed);
            (!taken).then_some(Uart0 { received: 0 })
        }

        /// The byte in the receive register (a script stands in for the wire).
        pub fn read(&mut self) -> u8 {
            let byte = b"ping"[self.received % 4];
            self.received += 1;
            byte
        }
    }
}
use uart0::Uart0;

/// Where `main` leaves the driver for the UART0 handler.
static SHARED_UART: Mutex<RefCell<Option<Uart0>>> = Mutex::new(RefCell::new(None));

/// UART0's receive interrupt: it uses the driver `main` handed over, if there is one yet.
fn uart0_rx() -> Option<u8> {
    critical_section::with(|cs| SHARED_UART.borrow_ref_mut(cs).as_mut().map(Uart0::read))
}

fn main() {
    let mut uart = Uart0::take().expect("the first take gets the driver");
    println!("main read {}", char::from(uart.read()));
    critical_section::with(|cs| SHARED_UART.replace(cs, Some(uart)));
    let byte = uart0_rx().expect("main handed the driver over");
    assert_eq!(byte, b'i', "the handler goes on where main left off");
    println!("handler read {}", char::from(byte));
}
