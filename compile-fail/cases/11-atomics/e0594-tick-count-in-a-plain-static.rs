//! Assigning to a plain `static`: the SysTick handler counts ticks in `TICK_COUNT`, but a
//! `static` without `mut` is immutable for the whole program, which is what lets every context
//! read it without a lock.

/// Milliseconds since reset, counted by the SysTick handler.
static TICK_COUNT: u32 = 0;

/// The SysTick handler, called once per millisecond.
fn systick() {
    TICK_COUNT += 1;
}

fn main() {
    for _ in 0..3 {
        systick();
    }
    println!("ticks {TICK_COUNT}");
}
