//! A sum with no type to sum into. `sum` can produce any type that implements `Sum<u32>`, and
//! nothing in `average_reading` says which one `total` is. heapless's `String::new()` with no
//! capacity stops with this error first, because its length type is unknown too.

use heapless::Vec;

/// The average of the readings in a log of any capacity.
fn average_reading<const N: usize>(log: &Vec<u16, N>) -> Option<u32> {
    let count = u32::try_from(log.len()).ok().filter(|&count| count > 0)?;
    let total = log.iter().map(|&reading| u32::from(reading)).sum();
    Some(total / count)
}

fn main() {
    let mut battery_log: Vec<u16, 8> = Vec::new();
    for millivolts in [3310, 3305, 3298, 3301] {
        battery_log.push(millivolts).unwrap();
    }
    println!("average {:?} mV", average_reading(&battery_log));
}
