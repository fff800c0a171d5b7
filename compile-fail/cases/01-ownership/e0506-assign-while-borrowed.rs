//! Assigning to a value while it is borrowed: `snapshot` is a reference to
//! `tick_count`, not a copy of it, so the tick cannot change while the
//! snapshot is still in use.

fn main() {
    let mut tick_count: u32 = 41;
    let snapshot = &tick_count;
    tick_count += 1;
    println!("snapshot {snapshot}, now {tick_count}");
}
