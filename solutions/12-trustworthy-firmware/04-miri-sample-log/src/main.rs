//! Exercise 12.4: undefined behaviour that passes its tests.
//!
//! `SampleLog` (in src/lib.rs) keeps the last eight ADC samples. It records through a shared
//! reference, the way a C programmer shares a buffer between the code that samples and the code
//! that reports: it casts the `const` away (`as_ptr() as *mut u16`) and writes. Its unit tests
//! pass, this program prints the right samples under QEMU, and the code is undefined behaviour:
//! a shared reference promises the compiler that the bytes behind it do not change.
//!
//! What to do: run the unit tests under Miri (`cargo workbook run miri-sample-log` does; the
//! `// TODO` in src/lib.rs is where), read its report, and change `SampleLog` so that recording
//! through `&self` is allowed by the language rather than hidden from it. Keep `record` taking
//! `&self`: the sampler and the reporter share the log.
//!
//! How to know it worked: the run prints `expected.out`, and the workbook says that the unit
//! tests pass natively and under Miri.
#![no_std]
#![no_main]

use board as _;
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use miri_sample_log::SampleLog;

#[entry]
fn main() -> ! {
    let log = SampleLog::new();
    let sampler = &log;
    let reporter = &log;
    for sample in [2480, 2484, 2479, 2490, 2483, 2481, 2486, 2488, 2477, 2492] {
        sampler.record(sample);
    }
    hprintln!("latest sample: {:?}", reporter.latest());
    for (age, sample) in reporter.oldest_first().enumerate() {
        hprintln!("sample {age}: {sample}");
    }
    board::exit_success()
}
