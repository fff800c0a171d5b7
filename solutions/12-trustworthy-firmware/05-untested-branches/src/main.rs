//! Exercise 12.5: what the tests did not run.
//!
//! The debouncer in src/lib.rs turns a bouncing button into presses, long presses and releases.
//! This program feeds it a recorded trace and prints what it reports; the output is right. Its
//! unit tests (`mod tests` in src/lib.rs) pass too, and run a fraction of it: the coverage
//! report that `cargo workbook run untested-branches` prints lists the lines they never ran.
//!
//! What to do: write unit tests in `mod tests` (the `// TODO`) until every line of the
//! debouncer has run, and make each test check what the debouncer did (which event, at which
//! sample). The debouncer itself is the workbook's: change the tests, not the code.
//!
//! How to know it worked: the workbook says that coverage passes. It also runs your tests
//! against wrong versions of the debouncer (a bounce that ends the press, a release never
//! reported, a long press reported again and again), and each must make a test fail.
#![no_std]
#![no_main]

use board as _;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use untested_branches::Debouncer;

/// The button's level, one sample per millisecond, as a run of (level, samples): a bouncy press,
/// a long hold, a bouncy release, a short press.
const TRACE: [(bool, usize); 9] = [
    (false, 5),
    (true, 1),
    (false, 1),
    (true, 150),
    (false, 1),
    (true, 1),
    (false, 10),
    (true, 4),
    (false, 5),
];

#[entry]
fn main() -> ! {
    let mut button = Debouncer::new();
    let mut tick = 0;
    for (level, samples) in TRACE {
        for _ in 0..samples {
            if let Some(event) = button.sample(level) {
                hprintln!("{tick} ms: {event:?}");
            }
            tick += 1;
        }
    }
    board::exit_success()
}
