//! A SysTick reload value worked out in a `u16`: 8 000 timer ticks per millisecond, times ten,
//! does not fit. The compiler knows both numbers, so the `arithmetic_overflow` lint, denied by
//! default, refuses the multiplication. It is found while code is generated, so `cargo build`
//! reports it and `cargo check` (and an editor that runs it) does not.

fn main() {
    let reload_per_ms: u16 = 8_000;
    let reload_for_10_ms = reload_per_ms * 10;
    println!("SysTick reload for 10 ms: {reload_for_10_ms}");
}
