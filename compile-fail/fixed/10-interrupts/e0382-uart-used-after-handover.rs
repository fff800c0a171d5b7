//! The fix: after the handover `main` no longer owns the driver, so it borrows it where it now
//! lives, inside a critical section, like the handler does.

use core::cell::RefCell;
use critical_section::Mutex;

/// The UART0 driver: one per chip, not `Copy`.
struct Uart0 {
    sent: usize,
}

impl Uart0 {
    fn write(&mut self, bytes: &[u8]) {
        self.sent += bytes.len();
        println!("uart0 tx: {}", String::from_utf8_lossy(bytes));
    }
}

/// Where `main` leaves the driver for the UART0 handler.
static SHARED_UART: Mutex<RefCell<Option<Uart0>>> = Mutex::new(RefCell::new(None));

/// The UART0 handler: echoes a received byte.
fn uart0(byte: u8) {
    critical_section::with(|cs| {
        if let Some(uart) = SHARED_UART.borrow_ref_mut(cs).as_mut() {
            uart.write(&[byte]);
        }
    });
}

fn main() {
    let mut uart = Uart0 { sent: 0 };
    uart.write(b"boot");
    critical_section::with(|cs| SHARED_UART.replace(cs, Some(uart)));
    uart0(b'p');
    critical_section::with(|cs| {
        let mut shared = SHARED_UART.borrow_ref_mut(cs);
        let uart = shared.as_mut().expect("main handed the UART over");
        uart.write(b"ready");
        println!("{} bytes sent", uart.sent);
    });
}
