//! Chapter 13's sampling job in RTIC 2: the timer's interrupt runs the job as a hardware task, at
//! priority 1; `idle`, at priority 0, reports the averages the job leaves in a shared resource
//! and does the background check. The job preempts the background wherever it is.
//!
//! The job itself (the ADC, the filter, the report, the table check) is `sampling-job`'s, the
//! same in `job-superloop` and `job-embassy`; only the wiring is this program's.
//! `bench/async-compare` measures the three; `workbook/tests/board.rs` compares what this one
//! prints with `runs/release.stdout`.
#![no_std]
#![no_main]

// The board's panic handler, fault handler and exit functions; RTIC brings none of them.
use board as _;

// ANCHOR: app
#[rtic::app(device = lm3s6965)]
mod app {
    use sampling_job::{Filter, TableCheck};

    #[shared]
    struct Shared {
        /// An average the job has computed, until idle reports it.
        average: Option<u16>,
    }

    #[local]
    struct Local {
        filter: Filter,
        table_check: TableCheck,
    }

    #[init]
    fn init(cx: init::Context) -> (Shared, Local) {
        sampling_job::start(cx.core.SYST);
        let local = Local {
            filter: Filter::new(),
            table_check: TableCheck::new(),
        };
        (Shared { average: None }, local)
    }

    /// The timer: a sample is ready, and the job runs here.
    #[task(binds = SysTick, priority = 1, local = [filter], shared = [average])]
    fn sample(mut cx: sample::Context) {
        let sample = sampling_job::read_adc();
        if let Some(average) = cx.local.filter.add(sample) {
            cx.shared.average.lock(|slot| *slot = Some(average));
        }
    }

    /// The background, whenever no task runs.
    #[idle(local = [table_check], shared = [average])]
    fn idle(mut cx: idle::Context) -> ! {
        loop {
            if let Some(average) = cx.shared.average.lock(|slot| slot.take()) {
                sampling_job::report(average);
            }
            cx.local.table_check.step();
        }
    }
}
// ANCHOR_END: app
