//! Fixed: the reload value is worked out in the register's own width, a `u32` (SysTick's reload
//! field has 24 bits), and checked against that field's limit instead of wrapping.

const RELOAD_MAX: u32 = 0x00FF_FFFF;

fn main() {
    let reload_per_ms: u32 = 8_000;
    let reload_for_10_ms = reload_per_ms * 10;
    assert!(reload_for_10_ms <= RELOAD_MAX, "the reload field has 24 bits");
    println!("SysTick reload for 10 ms: {reload_for_10_ms}");
}
