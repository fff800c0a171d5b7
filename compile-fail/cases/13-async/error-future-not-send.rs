//! A task sends the log's lines on UART0 through a hand-written driver, which reaches the data
//! register through a raw pointer, as C would. A raw pointer is neither `Send` nor `Sync`, so
//! neither is the driver, and the task's future holds the driver across its `.await`. An
//! executor that may resume a task on another thread or core requires the whole future to be
//! `Send`.

use core::future::Future;
use core::pin::pin;
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use core::task::{Context, Poll, Waker};

/// UART0's data register (here a static the host can write).
static UART0_DR: AtomicU32 = AtomicU32::new(0);
/// Whether the one handle to UART0 has been taken.
static UART0_TAKEN: AtomicBool = AtomicBool::new(false);

/// The one handle to UART0's registers.
struct Uart0 {
    data: *const AtomicU32,
}

impl Uart0 {
    fn take() -> Option<Uart0> {
        let first = !UART0_TAKEN.swap(true, Ordering::Relaxed);
        first.then(|| Uart0 { data: &UART0_DR })
    }

    fn write(&mut self, line: &str) {
        for byte in line.bytes() {
            // SAFETY: `data` points at the data register, which lives for the whole program.
            unsafe { (*self.data).store(u32::from(byte), Ordering::Relaxed) };
        }
    }
}

/// Waits until the UART's transmit FIFO has room (here: it has at once).
async fn fifo_has_room() {}

/// Sends each line, waiting for room between lines.
async fn send_log(lines: &'static [&'static str]) {
    let mut uart = Uart0::take().expect("UART0 is taken once");
    for line in lines {
        uart.write(line);
        fifo_has_room().await;
    }
}

/// The bound an executor puts on a task it may move between threads or cores at an `.await`.
fn spawn_anywhere<F: Future<Output = ()> + Send + 'static>(task: F) {
    let mut task = pin!(task);
    let mut cx = Context::from_waker(Waker::noop());
    while task.as_mut().poll(&mut cx) == Poll::Pending {}
}

fn main() {
    spawn_anywhere(send_log(&["boot ok\n", "adc ok\n"]));
    println!("last byte sent: {:#04x}", UART0_DR.load(Ordering::Relaxed));
}
