//! Fixed assignment while borrowed: `snapshot` copies the value of
//! `tick_count` (a `u32` is `Copy`) instead of borrowing it, so the tick is
//! free to change.

fn main() {
    let mut tick_count: u32 = 41;
    let snapshot = tick_count;
    tick_count += 1;
    println!("snapshot {snapshot}, now {tick_count}");
}
