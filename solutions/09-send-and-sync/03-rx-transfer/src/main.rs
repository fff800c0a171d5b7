//! Exercise 9.3: Hand the buffer to the handler (the solution).
//!
//! `critical_section::Mutex<T>` is `Sync` only if `T` is `Send`, because whoever holds the lock
//! can take the value out: the slot moves the transfer between contexts. A raw pointer is not
//! `Send`, so a struct holding one is not either. A `&'static mut [u8; 8]` is `Send` (a `u8` is),
//! and it says what the transfer has: the only access to the buffer, for the whole program. With
//! it, `RxTransfer` is `Send` by itself, and both `unsafe` blocks are gone.
//!
//! Check it: `cargo workbook run rx-transfer` says PASS, or `cargo run` in this folder prints what
//! `exercises/09-send-and-sync/03-rx-transfer/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint rx-transfer`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::cell::RefCell;
use cortex_m::peripheral::SCB;
use cortex_m_rt::{entry, exception};
use cortex_m_semihosting::hprintln;
use critical_section::Mutex;

/// The bytes in a frame.
const FRAME_LEN: usize = 8;

// ANCHOR: transfer
/// A receive transfer in progress: where the bytes go, and how many have arrived.
struct RxTransfer {
    buf: &'static mut [u8; FRAME_LEN],
    received: usize,
}

impl RxTransfer {
    /// A transfer into `buf`, which it has to itself for the rest of the program.
    fn new(buf: &'static mut [u8; FRAME_LEN]) -> RxTransfer {
        RxTransfer { buf, received: 0 }
    }

    /// Stores one byte, unless the frame is complete.
    fn store(&mut self, byte: u8) {
        if self.received < FRAME_LEN {
            self.buf[self.received] = byte;
            self.received += 1;
        }
    }

    /// The bytes received so far.
    fn frame(&self) -> &[u8] {
        &self.buf[..self.received]
    }
}
// ANCHOR_END: transfer

// ANCHOR: slot
/// The transfer the receive interrupt is working on: `main` puts it in, the handler fills it,
/// and `main` takes it out again.
static RX_TRANSFER: Mutex<RefCell<Option<RxTransfer>>> = Mutex::new(RefCell::new(None));
// ANCHOR_END: slot

/// What arrives on the line, one byte per interrupt: a modem command.
const LINE: &[u8; FRAME_LEN] = b"AT+CSQ\r\n";

// ANCHOR: handler
/// The UART's receive interrupt (SysTick stands in for it): stores the byte that arrived.
#[exception]
fn SysTick() {
    static mut NEXT: usize = 0;
    let byte = LINE[*NEXT % FRAME_LEN];
    *NEXT += 1;
    critical_section::with(|cs| {
        if let Some(transfer) = RX_TRANSFER.borrow_ref_mut(cs).as_mut() {
            transfer.store(byte);
        }
    });
}
// ANCHOR_END: handler

/// Raises the receive interrupt; the barriers make it run before this function returns.
fn byte_received() {
    SCB::set_pendst();
    cortex_m::asm::dsb();
    cortex_m::asm::isb();
}

// ANCHOR: main
#[entry]
fn main() -> ! {
    // The receive buffer, in `.bss`, handed out as `&'static mut` exactly once.
    let buf: &'static mut [u8; FRAME_LEN] =
        cortex_m::singleton!(: [u8; FRAME_LEN] = [0; FRAME_LEN]).expect("main runs once");
    let buf_at = buf.as_ptr_range();
    let transfer = RxTransfer::new(buf);
    critical_section::with(|cs| RX_TRANSFER.borrow(cs).replace(Some(transfer)));

    for _ in 0..FRAME_LEN {
        byte_received();
    }

    let transfer = critical_section::with(|cs| RX_TRANSFER.borrow(cs).take())
        .expect("the handler keeps the transfer until main takes it");
    // The lesson: the handler filled the buffer `main` handed over, not a copy of it.
    assert!(
        buf_at.contains(&transfer.frame().as_ptr()),
        "the bytes were stored outside the buffer main handed over: the transfer must hold the buffer itself"
    );
    hprintln!(
        "received {} bytes: {}",
        transfer.received,
        transfer.frame().escape_ascii()
    );
    board::exit_success()
}
// ANCHOR_END: main
