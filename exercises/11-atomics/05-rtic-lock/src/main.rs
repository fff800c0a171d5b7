//! Exercise 11.5: A lock that RTIC checks
//!
//! An RTIC application: two interrupt handlers at different priorities count the frames they
//! receive in one shared resource, and `idle` reports the total. Whoever wrote it marked the
//! resource `#[lock_free]` to save the cost of a lock, and RTIC refuses to build it. Share the
//! resource the way RTIC allows.
//!
//! Change `mod app` only. The functions below it are the harness: the tasks report to them, and
//! they print. `uart0_counted` pends GPIOA and checks that its task waits (the lock holds it
//! off), `uart0_released` that it has run by then, and each checks that it is called from its
//! task with the count so far.
//!
//! Done when `cargo workbook run rtic-lock` says PASS, or when `cargo run` in this folder prints
//! what `expected.out` holds and exits 0.
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
        // TODO: may a resource that tasks of different priorities share be lock-free?
        #[lock_free]
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
    fn uart0(cx: uart0::Context) {
        // TODO: count the frame and report it inside a lock, and report the release after it.
        *cx.shared.frames += 1;
        super::uart0_counted(*cx.shared.frames);
        super::uart0_released();
    }

    /// A frame on the port behind GPIOA, at priority 2.
    #[task(binds = GPIOA, priority = 2, shared = [frames])]
    fn gpioa(cx: gpioa::Context) {
        // TODO: through a lock too.
        *cx.shared.frames += 1;
        super::gpioa_counted(*cx.shared.frames);
    }

    #[idle(shared = [frames])]
    fn idle(cx: idle::Context) -> ! {
        let frames = *cx.shared.frames; // TODO
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
