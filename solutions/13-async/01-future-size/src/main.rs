//! Exercise 13.1: a future's size.
//!
//! An `async fn` compiles to a state machine: a value that holds, at each `.await`, every local
//! that lives across it. That value, the future, has a size fixed when it compiles, and a task's
//! future lives in RAM for as long as the task does. `send_report` formats a report into a
//! 256-byte frame, waits for the UART, and sends the frame: the frame lives across the `.await`,
//! so it is part of the future.
//!
//! What to do: change `send_report` (the `// TODO`) so that its future fits the budget of 64
//! bytes, and the report it sends stays the same: no local that is as large as the frame may
//! live across the `.await`.
//!
//! How to know it worked: `cargo workbook run future-size` prints `expected.out`; the size of
//! your future is printed first, and may differ from the one shown where it is within budget.
#![no_std]
#![no_main]

use board as _;
use core::{
    future::Future,
    pin::Pin,
    sync::atomic::{AtomicBool, AtomicU32, Ordering},
    task::{Context, Poll},
};
use cortex_m as _;
use cortex_m_semihosting::hprintln;
use embassy_executor::Spawner;

/// The most RAM a report's future may take.
const FUTURE_BUDGET: usize = 64;

/// Whether the UART said it is ready, and has not been given a frame since.
static UART_READY: AtomicBool = AtomicBool::new(false);
/// How many times the harness's UART said "not ready yet".
static WAITS: AtomicU32 = AtomicU32::new(0);
/// The bytes the harness's UART sent, added up, and how many.
static SENT_SUM: AtomicU32 = AtomicU32::new(0);
static SENT_LEN: AtomicU32 = AtomicU32::new(0);

/// The UART is busy the first time it is asked, and ready the next: a future that is pending
/// once, as a driver's is while the previous frame leaves.
struct UartReady {
    asked: bool,
}

impl Future for UartReady {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.asked {
            UART_READY.store(true, Ordering::Relaxed);
            Poll::Ready(())
        } else {
            self.asked = true;
            WAITS.fetch_add(1, Ordering::Relaxed);
            // A driver would wake the task from its interrupt handler; this one asks again now.
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

/// Waits until the UART can take a frame.
fn uart_ready() -> UartReady {
    UartReady { asked: false }
}

/// Sends `frame` (here: adds it up, as the harness's record of what left).
fn transmit(frame: &[u8]) {
    assert!(
        UART_READY.swap(false, Ordering::Relaxed),
        "a frame was given to the UART before it said it was ready"
    );
    let sum: u32 = frame.iter().map(|&b| u32::from(b)).sum();
    SENT_SUM.fetch_add(sum, Ordering::Relaxed);
    SENT_LEN.fetch_add(frame.len() as u32, Ordering::Relaxed);
}

/// Writes the report of `readings` into `frame`: a line per reading, "channel N: VALUE\n".
/// Returns how many bytes it wrote.
fn format_report(readings: &[u16; 8], frame: &mut [u8; 256]) -> usize {
    let mut len = 0;
    for (channel, &value) in readings.iter().enumerate() {
        let mut line = *b"channel 0: 00000\n";
        line[8] = b'0' + channel as u8;
        let mut rest = value;
        for digit in line[11..16].iter_mut().rev() {
            *digit = b'0' + (rest % 10) as u8;
            rest /= 10;
        }
        frame[len..len + line.len()].copy_from_slice(&line);
        len += line.len();
    }
    len
}

// ANCHOR: send_report
/// Formats the report of `readings` and sends it once the UART is ready.
async fn send_report(readings: &[u16; 8]) {
    uart_ready().await;
    // Nothing below lives across an `.await`: the frame is on the stack, not in the future.
    let mut frame = [0u8; 256];
    let len = format_report(readings, &mut frame);
    transmit(&frame[..len]);
}
// ANCHOR_END: send_report

static READINGS: [u16; 8] = [2480, 2484, 2479, 2490, 12, 0, 65535, 1000];

// ANCHOR: main
#[embassy_executor::main]
async fn main(_spawner: Spawner) {
    let report = send_report(&READINGS);
    let size = core::mem::size_of_val(&report);
    hprintln!("send_report's future: {size} bytes");
    assert!(
        size <= FUTURE_BUDGET,
        "send_report's future takes {size} bytes; the budget is {FUTURE_BUDGET}"
    );
    report.await;
    hprintln!(
        "sent {} bytes adding up to {}, after waiting for the UART {} time(s)",
        SENT_LEN.load(Ordering::Relaxed),
        SENT_SUM.load(Ordering::Relaxed),
        WAITS.load(Ordering::Relaxed)
    );
    board::exit_success();
}
// ANCHOR_END: main
