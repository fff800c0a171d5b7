//! Exercise 11.5: A lock that RTIC checks (the solution).
//!
//! `frames` is an ordinary shared resource: each task reaches it through `lock`. In `uart0`, at
//! priority 1, the lock raises the core's priority to 2 (through BASEPRI) for the closure, so
//! GPIOA, pended inside it, runs only when the closure ends. In `gpioa`, at the highest priority
//! that uses `frames`, the lock raises nothing that matters: no task that shares `frames` can
//! preempt it anyway. Interrupts above priority 2, had there been any, are never held back.
//!
//! Check it: `cargo workbook run rtic-lock` says PASS, or `cargo run` in this folder prints what
//! `exercises/11-atomics/05-rtic-lock/expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint rtic-lock`
#![no_std]
#![no_main]

// The board's panic handler, fault handler and exit functions; RTIC brings none of them.
use board as _;

// ANCHOR: app
#[rtic::app(device = lm3s6965)]
mod app {
    use cortex_m_semihosting::hprintln;
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
            rtic::pend(Interrupt::GPIOA); // a frame on the other port, at priority 2
            hprintln!("uart0: frame {frames} counted, GPIOA pended inside the lock");
        });
        hprintln!("uart0: lock released");
    }

    /// A frame on the port behind GPIOA, at priority 2.
    #[task(binds = GPIOA, priority = 2, shared = [frames])]
    fn gpioa(mut cx: gpioa::Context) {
        cx.shared.frames.lock(|frames| {
            *frames += 1;
            hprintln!("gpioa: frame {frames} counted");
        });
    }

    #[idle(shared = [frames])]
    fn idle(mut cx: idle::Context) -> ! {
        let frames = cx.shared.frames.lock(|frames| *frames);
        hprintln!("idle: {frames} frames in all");
        board::exit_success()
    }
}
// ANCHOR_END: app
