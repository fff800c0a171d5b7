//! A receive buffer in a `static RefCell`. `RefCell` checks its borrows at run time with a
//! counter that is not updated atomically, so two contexts that borrow at once could both pass
//! the check: `RefCell` is not `Sync`, and a `static` must be.

use core::cell::RefCell;

/// Filled by the UART's receive interrupt, emptied by `main`.
static UART_RX_BUF: RefCell<[u8; 16]> = RefCell::new([0; 16]);

/// The UART's receive interrupt: stores the byte that arrived.
fn uart0_rx(index: usize, byte: u8) {
    UART_RX_BUF.borrow_mut()[index] = byte;
}

fn main() {
    uart0_rx(0, b'A');
    println!("rx {:?}", &UART_RX_BUF.borrow()[..1]);
}
