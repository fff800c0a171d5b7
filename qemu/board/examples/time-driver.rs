//! The board's time driver keeps embassy-time's promises under QEMU: `Timer::after_millis(n)`
//! moves `Instant::now()` on by exactly n ticks of 1 ms, a second task's timer wakes it at its
//! own deadline meanwhile, and a deadline already past wakes its task at once. Built optimised
//! (workbook/tests/board.rs): unoptimised, the executor takes most of a millisecond from a tick
//! to the task it woke, and the time read after a short wait is now and then one tick later.
#![no_std]
#![no_main]

use board as _;
use core::sync::atomic::{AtomicU32, Ordering};
use cortex_m as _;
use cortex_m_semihosting::hprintln;
use embassy_executor::Spawner;
use embassy_time::{Duration, Instant, Timer};

/// When the LED task's timer fired, in ms since the clock started.
static LED_WOKE_AT_MS: AtomicU32 = AtomicU32::new(0);

#[embassy_executor::task]
async fn led() {
    Timer::after_millis(3).await;
    LED_WOKE_AT_MS.store(Instant::now().as_millis() as u32, Ordering::Relaxed);
}

#[embassy_executor::main]
async fn main(spawner: Spawner) {
    let start = Instant::now();
    hprintln!("the clock starts at {} ms", start.as_millis());
    spawner.spawn(led().unwrap());
    for wait in [1, 10, 500] {
        let before = Instant::now();
        Timer::after_millis(wait).await;
        let waited = Instant::now() - before;
        hprintln!(
            "Timer::after_millis({wait}): Instant::now() moved on {} ms",
            waited.as_millis()
        );
        assert_eq!(waited, Duration::from_millis(wait));
    }
    let led_woke_at = LED_WOKE_AT_MS.load(Ordering::Relaxed);
    hprintln!("meanwhile the LED task's 3 ms timer woke it at {led_woke_at} ms");
    assert_eq!(u64::from(led_woke_at), start.as_millis() + 3);

    // A deadline already past: the timer is pending once, and the driver wakes it at once.
    let before = Instant::now();
    Timer::at(before - Duration::from_millis(5)).await;
    hprintln!(
        "Timer::at 5 ms in the past: ready after {} ms",
        (Instant::now() - before).as_millis()
    );
    assert_eq!(Instant::now(), before);
    board::exit_success();
}
