//! Fault handlers for a program built without `core::fmt` (one that proves, with panic-never,
//! that it cannot panic): each prints a fixed line with `write_all` and ends the run.

use cortex_m_rt::{ExceptionFrame, exception};
use cortex_m_semihosting::hio;

fn report(line: &[u8]) -> ! {
    if let Ok(mut err) = hio::hstderr() {
        let _ = err.write_all(line);
    }
    crate::exit_failure()
}

#[exception]
unsafe fn HardFault(_frame: &ExceptionFrame) -> ! {
    report(b"HardFault (the board's fault report is off in this program)\n")
}

#[exception]
unsafe fn DefaultHandler(_irqn: i16) {
    report(b"unhandled exception or interrupt\n")
}
