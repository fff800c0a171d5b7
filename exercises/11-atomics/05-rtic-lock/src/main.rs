//! Exercise 11.5: A lock that RTIC checks
//!
//! An RTIC application: two interrupt handlers at different priorities count the frames they
//! receive in one shared resource, and `idle` prints the total. Whoever wrote it marked the
//! resource `#[lock_free]` to save the cost of a lock, and RTIC refuses to build it. Share the
//! resource the way RTIC allows.
//!
//! Done when `cargo workbook run rtic-lock` says PASS, or when `cargo run` in this folder prints
//! what `expected.out` holds and exits 0.
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
        // TODO: count the frame and pend GPIOA inside a lock, and say so.
        *cx.shared.frames += 1;
        rtic::pend(Interrupt::GPIOA); // a frame on the other port, at priority 2
        let frames = *cx.shared.frames;
        hprintln!("uart0: frame {frames} counted, GPIOA pended inside the lock");
        hprintln!("uart0: lock released");
    }

    /// A frame on the port behind GPIOA, at priority 2.
    #[task(binds = GPIOA, priority = 2, shared = [frames])]
    fn gpioa(cx: gpioa::Context) {
        // TODO: through a lock too.
        *cx.shared.frames += 1;
        let frames = *cx.shared.frames;
        hprintln!("gpioa: frame {frames} counted");
    }

    #[idle(shared = [frames])]
    fn idle(cx: idle::Context) -> ! {
        let frames = *cx.shared.frames; // TODO
        hprintln!("idle: {frames} frames in all");
        board::exit_success()
    }
}
// ANCHOR_END: app
