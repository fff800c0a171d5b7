//! Fixed receive buffer: the `RefCell` inside a `critical_section::Mutex`. The mutex makes the
//! static `Sync`; the `RefCell` still checks that each critical section borrows it once.

use core::cell::RefCell;
use critical_section::Mutex;

/// Filled by the UART's receive interrupt, emptied by `main`.
static UART_RX_BUF: Mutex<RefCell<[u8; 16]>> = Mutex::new(RefCell::new([0; 16]));

/// The UART's receive interrupt: stores the byte that arrived.
fn uart0_rx(index: usize, byte: u8) {
    critical_section::with(|cs| UART_RX_BUF.borrow_ref_mut(cs)[index] = byte);
}

fn main() {
    uart0_rx(0, b'A');
    let first = critical_section::with(|cs| UART_RX_BUF.borrow_ref(cs)[0]);
    println!("rx {:?}", [first]);
}
