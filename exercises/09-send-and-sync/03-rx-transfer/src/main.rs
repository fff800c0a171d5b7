//! Exercise 9.3: Hand the buffer to the handler
//!
//! `main` hands a receive transfer to the UART's interrupt handler through `RX_TRANSFER`, a slot
//! shared with the handler, which stores each byte that arrives; when the frame is complete,
//! `main` takes the transfer back and prints it. Ported from C, the transfer holds its buffer as
//! a raw pointer, and the compiler refuses the slot (E0277). Make `RxTransfer` a type that may
//! move to the handler, without `unsafe impl` and with no `unsafe` left.
//!
//! Change `RxTransfer` and its `impl` only: `main` is the harness, and it checks that the bytes
//! arrived in the buffer it handed over.
//!
//! Done when `cargo workbook run rx-transfer` says PASS, or when `cargo run` in this folder prints
//! what `expected.out` holds and exits 0.
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
    // TODO: a raw pointer says nothing about who may use the buffer, so the compiler assumes
    // the worst. Hold the buffer as a type that says what the transfer has: exclusive access.
    buf: *mut u8,
    received: usize,
}

impl RxTransfer {
    /// A transfer into `buf`, which it has to itself for the rest of the program.
    fn new(buf: &'static mut [u8; FRAME_LEN]) -> RxTransfer {
        // TODO: give the transfer the buffer itself.
        RxTransfer {
            buf: buf.as_mut_ptr(),
            received: 0,
        }
    }

    /// Stores one byte, unless the frame is complete.
    fn store(&mut self, byte: u8) {
        if self.received < FRAME_LEN {
            // TODO: with the buffer's new type, this needs no `unsafe`.
            // SAFETY: `buf` points to `FRAME_LEN` bytes that only this transfer uses, and
            // `received` is below `FRAME_LEN`.
            unsafe { self.buf.add(self.received).write(byte) };
            self.received += 1;
        }
    }

    /// The bytes received so far.
    fn frame(&self) -> &[u8] {
        // TODO: nor does this.
        // SAFETY: the first `received` bytes at `buf` were written by `store`, and nothing
        // writes them while the returned slice borrows `self`.
        unsafe { core::slice::from_raw_parts(self.buf, self.received) }
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
