//! embassy-time's clock, on SysTick: `Timer::after`, `Ticker` and `Instant::now()` under QEMU.
//!
//! embassy-time asks a *time driver* two things: the time now, a count of ticks since the clock
//! started, and to wake a task at a given tick. This module answers both with SysTick, the timer
//! every Cortex-M core has, and registers itself with `embassy_time_driver::time_driver_impl!`,
//! so a program that turns on the board's `embassy-time` feature has nothing to set up.
//!
//! How it works: SysTick interrupts once a millisecond (embassy-time's rate is `tick-hz-1_000`,
//! set by the workspace). Its exception handler adds one to a 64-bit count of ticks, which is
//! the time; 2^64 milliseconds is about 585 million years, so the count never wraps. A task that
//! awaits a timer gives the driver its waker and the tick it is due at; the driver keeps them in
//! embassy-time-queue-utils's queue (its `generic-queue-8` feature: a list of up to eight
//! deadlines and wakers) and keeps the earliest deadline as its *alarm*. When the count reaches
//! the alarm, the handler takes every waker that is due out of the queue, wakes it, and sets
//! the alarm to the next deadline. Every access to the count, the queue and the alarm is inside
//! a `critical_section` (cortex-m's `critical-section-single-core`: interrupts masked), as the
//! exception handler and the tasks share them.
//!
//! The clock starts by itself, the first time embassy-time asks for the time or for a wake: a
//! program calls nothing. Before that it reads 0.
//!
//! Resolution: one tick, 1 ms. `Instant::now()` is the number of whole milliseconds counted so
//! far, so a `Timer::after_millis(n)` started part-way through a millisecond ends between n − 1
//! and n ms later. A critical section that keeps interrupts masked for longer than a
//! millisecond loses ticks (SysTick remembers one pending exception, not how many), and this
//! clock then runs slow. From the tick that wakes a task to the task's next line, an
//! unoptimised build of the executor and this driver takes about 3 300 instructions (0.85 ms
//! under QEMU, below), an optimised one about 600: unoptimised, a task woken at a tick often
//! reads the time as the next one.
//!
//! It owns SysTick: its exception handler is the program's `SysTick` (a program that defines
//! another does not link), and it needs the interrupt on, which [`crate::timing`] turns off.
//! Do not use `board::timing` in a program that uses this driver.
//!
//! Under `qemu/run` (`-icount shift=8`) QEMU's virtual clock advances 256 ns for each
//! instruction executed, and SysTick counts that clock: a millisecond is 3906.25 instructions,
//! whatever the host's speed. So a program's times are the same on every run, and say how many
//! instructions ran, not how long the host took. Between ticks, the executor's `wfe` returns at
//! once under QEMU 7.2 (it does not halt the core, as `wfi` does), so the executor polls again
//! and the instructions it spends waiting make virtual time pass: a wait of one second of
//! virtual time costs about 3.9 million instructions, which QEMU runs in a fraction of a second
//! of the host's time.
//!
//! The feature is only for the `lm3s6965evb`, whose `machine.env` gives SysTick's period
//! (`SYSTICK_NS`); on another machine the build stops with a message saying so.

use core::cell::{Cell, RefCell};
use core::task::Waker;
use cortex_m::peripheral::SYST;
use cortex_m_rt::exception;
use critical_section::{CriticalSection, Mutex};
use embassy_time_driver::{Driver, TICK_HZ};
use embassy_time_queue_utils::Queue;

/// SysTick's period on this machine in ns of virtual time, from its `machine.env`.
const SYSTICK_NS: u32 = match option_env!("BOARD_SYSTICK_NS") {
    Some(text) => match u32::from_str_radix(text, 10) {
        Ok(ns) => ns,
        Err(_) => panic!("machine.env's SYSTICK_NS is not a whole number of ns"),
    },
    None => panic!(
        "board's embassy-time feature needs SysTick's period: this machine's machine.env gives no SYSTICK_NS"
    ),
};

/// The ns in one tick of embassy-time.
const TICK_NS: u32 = (1_000_000_000 / TICK_HZ) as u32;

/// SysTick counts down from this value to 0, then interrupts and starts again: one tick is
/// `RELOAD + 1` periods of its clock (12 500 of 80 ns on the `lm3s6965evb`).
const RELOAD: u32 = TICK_NS / SYSTICK_NS - 1;

const _: () = assert!(
    TICK_NS.is_multiple_of(SYSTICK_NS) && RELOAD <= 0x00FF_FFFF,
    "a tick must be a whole number of SysTick periods that fits its 24-bit counter"
);

// ANCHOR: state
/// The clock's state, which the `SysTick` exception and the tasks share.
struct SysTickDriver {
    /// Whether SysTick has been set up and started.
    started: Mutex<Cell<bool>>,
    /// Ticks since the clock started: the time, in embassy-time's ticks.
    ticks: Mutex<Cell<u64>>,
    /// The tick at which the earliest waker in `queue` is due; `u64::MAX` when none is.
    alarm: Mutex<Cell<u64>>,
    /// The deadlines and the wakers to wake at them.
    queue: Mutex<RefCell<Queue>>,
}

embassy_time_driver::time_driver_impl!(static DRIVER: SysTickDriver = SysTickDriver {
    started: Mutex::new(Cell::new(false)),
    ticks: Mutex::new(Cell::new(0)),
    alarm: Mutex::new(Cell::new(u64::MAX)),
    queue: Mutex::new(RefCell::new(Queue::new())),
});
// ANCHOR_END: state

// ANCHOR: driver
impl Driver for SysTickDriver {
    fn now(&self) -> u64 {
        critical_section::with(|cs| {
            self.start(cs);
            self.ticks.borrow(cs).get()
        })
    }

    fn schedule_wake(&self, at: u64, waker: &Waker) {
        critical_section::with(|cs| {
            self.start(cs);
            let mut queue = self.queue.borrow_ref_mut(cs);
            // `true` when the queue changed: a new waker, or an earlier deadline for one it had.
            if queue.schedule_wake(at, waker) {
                // Wakes at once what is already due (a deadline in the past), and says when
                // the next one is.
                let now = self.ticks.borrow(cs).get();
                self.alarm.borrow(cs).set(queue.next_expiration(now));
            }
        })
    }
}
// ANCHOR_END: driver

// ANCHOR: tick
/// Once a tick: the time moves on, and the wakers that are due are woken.
#[exception]
fn SysTick() {
    critical_section::with(|cs| {
        let now = DRIVER.ticks.borrow(cs).get() + 1;
        DRIVER.ticks.borrow(cs).set(now);
        if now >= DRIVER.alarm.borrow(cs).get() {
            let next = DRIVER.queue.borrow_ref_mut(cs).next_expiration(now);
            DRIVER.alarm.borrow(cs).set(next);
        }
    });
}
// ANCHOR_END: tick

// ANCHOR: start
impl SysTickDriver {
    /// Starts SysTick, the first time it is called: an exception every tick, from the core's
    /// clock.
    fn start(&self, cs: CriticalSection) {
        if self.started.borrow(cs).replace(true) {
            return;
        }
        // SysTick's control register: count, interrupt at 0, from the core's clock.
        const ENABLE: u32 = 1 << 0;
        const TICKINT: u32 = 1 << 1;
        const CLKSOURCE: u32 = 1 << 2;
        // SAFETY: SysTick's registers are always there on a Cortex-M. This driver is their
        // only user (the module's documentation says so), and `started` makes this the only
        // time it writes them, inside a critical section. (Not `Peripherals::steal`, which
        // would make the program's own `Peripherals::take()` return `None`.)
        unsafe {
            let syst = &*SYST::PTR;
            syst.rvr.write(RELOAD);
            syst.cvr.write(0);
            syst.csr.write(CLKSOURCE | TICKINT | ENABLE);
        }
    }
}
// ANCHOR_END: start
