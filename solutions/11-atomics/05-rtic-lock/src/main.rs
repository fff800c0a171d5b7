//! Exercise 11.5: A lock that RTIC checks (the solution).
//!
//! `frames` is an ordinary shared resource: each task reaches it through `lock`. In `uart0`, at
//! priority 1, the lock raises the core's priority to 2 (through BASEPRI) for the closure, so
//! GPIOA, pended inside it (by the harness's `uart0_counted`), runs only when the closure ends.
//! In `gpioa`, at the highest priority that uses `frames`, the lock raises nothing that matters:
//! no task that shares `frames` can preempt it anyway. Interrupts above priority 2, had there been any, are never held back.
//!
//! Check it: `cargo workbook run rtic-lock` says PASS, or `cargo run` in this folder prints what
//! `exercises/11-atomics/05-rtic-lock/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint rtic-lock`
#![no_std]
#![no_main]

// The board's panic handler, fault handler and exit functions; RTIC brings none of them.
use board as _;
use core::sync::atomic::{AtomicU32, Ordering};
use cortex_m::interrupt::InterruptNumber;
use cortex_m::peripheral::scb::VectActive;
use cortex_m::peripheral::{NVIC, SCB};
use cortex_m_semihosting::hprintln;
use lm3s6965::Interrupt;

// ANCHOR: app
#[rtic::app(device = lm3s6965)]
mod app {
    use lm3s6965::Interrupt;

    #[shared]
    struct Shared {
        /// Frames received, counted by both interrupt handlers.
        frames: u32,
    }

    #[local]
    struct Local {}

    #[init]
    fn init(_: init::Context) -> (Shared, Local) {
        rtic::pend(Interrupt::UART0); // a frame arrives as soon as interrupts are on
        (Shared { frames: 0 }, Local {})
    }

    /// A frame on UART0, at priority 1.
    #[task(binds = UART0, priority = 1, shared = [frames])]
    fn uart0(mut cx: uart0::Context) {
        cx.shared.frames.lock(|frames| {
            *frames += 1;
            super::uart0_counted(*frames);
        });
        super::uart0_released();
    }

    /// A frame on the port behind GPIOA, at priority 2.
    #[task(binds = GPIOA, priority = 2, shared = [frames])]
    fn gpioa(mut cx: gpioa::Context) {
        cx.shared.frames.lock(|frames| {
            *frames += 1;
            super::gpioa_counted(*frames);
        });
    }

    #[idle(shared = [frames])]
    fn idle(mut cx: idle::Context) -> ! {
        let frames = cx.shared.frames.lock(|frames| *frames);
        super::idle_counted(frames)
    }
}
// ANCHOR_END: app

/// The frames the tasks have reported counting: the harness's own record.
static REPORTED: AtomicU32 = AtomicU32::new(0);

// ANCHOR: harness
/// `uart0` calls this inside its lock, with the count it has just made. A frame arrives on the
/// other port, GPIOA is pended, and GPIOA's task must wait: the lock holds it off.
fn uart0_counted(frames: u32) {
    check_task(Interrupt::UART0, "uart0_counted");
    check_count(frames);
    NVIC::pend(Interrupt::GPIOA); // a frame on the other port, at priority 2
    cortex_m::asm::dsb();
    cortex_m::asm::isb();
    assert!(
        NVIC::is_pending(Interrupt::GPIOA),
        "GPIOA's task ran inside uart0_counted: nothing held it off, so uart0 did not count inside a lock"
    );
    hprintln!("uart0: frame {frames} counted, GPIOA pended inside the lock");
}

/// `uart0` calls this after its lock: GPIOA's task ran as soon as the lock ended.
fn uart0_released() {
    check_task(Interrupt::UART0, "uart0_released");
    let reported = REPORTED.load(Ordering::Relaxed);
    assert!(
        reported == 2,
        "{reported} frames reported when uart0's lock ended: GPIOA's task, at a higher priority, should have run and counted its frame"
    );
    hprintln!("uart0: lock released");
}

/// `gpioa` calls this inside its lock, with the count it has just made.
fn gpioa_counted(frames: u32) {
    check_task(Interrupt::GPIOA, "gpioa_counted");
    check_count(frames);
    hprintln!("gpioa: frame {frames} counted");
}

/// `idle` calls this with the count it read: prints it, and ends the program.
fn idle_counted(frames: u32) -> ! {
    assert!(
        SCB::vect_active() == VectActive::ThreadMode,
        "idle_counted was called from a task, not from idle"
    );
    let reported = REPORTED.load(Ordering::Relaxed);
    assert!(
        frames == reported,
        "idle read {frames} frames, but the tasks counted {reported}"
    );
    hprintln!("idle: {frames} frames in all");
    board::exit_success()
}
// ANCHOR_END: harness

/// Stops the program unless `frames` is one more than the count reported before.
fn check_count(frames: u32) {
    let wanted = REPORTED.fetch_add(1, Ordering::Relaxed) + 1;
    assert!(
        frames == wanted,
        "a task reported {frames} frames where {wanted} have arrived"
    );
}

/// Stops the program unless `task`'s interrupt is the one running.
fn check_task(task: Interrupt, function: &str) {
    let running = SCB::vect_active();
    assert!(
        running
            == VectActive::Interrupt {
                irqn: task.number() as u8
            },
        "{function} was called from {running:?}, not from its task"
    );
}
