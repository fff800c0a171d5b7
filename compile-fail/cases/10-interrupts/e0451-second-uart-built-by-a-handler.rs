//! The UART0 driver of exercise 10.2 lives in a module of its own, so its field is private: outside
//! the module, `take` is the only way to get a `Uart0`, and it hands one out once. A handler that
//! builds a second `Uart0` for the same peripheral, instead of using the one `main` handed over,
//! does not compile.

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

/// UART0's receive interrupt: it makes a driver of its own.
fn uart0_rx() -> u8 {
    let mut uart = Uart0 { received: 0 };
    uart.read()
}

fn main() {
    let mut uart = Uart0::take().expect("the first take gets the driver");
    println!("main read {}", char::from(uart.read()));
    println!("handler read {}", char::from(uart0_rx()));
}
