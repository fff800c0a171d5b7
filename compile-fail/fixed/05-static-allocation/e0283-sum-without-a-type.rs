//! Fixed: `total` is a `u32`, so `sum` adds into a `u32`. (Eight 16-bit readings cannot overflow
//! it.)

use heapless::Vec;

/// The average of the readings in a log of any capacity.
fn average_reading<const N: usize>(log: &Vec<u16, N>) -> Option<u32> {
    let count = u32::try_from(log.len()).ok().filter(|&count| count > 0)?;
    let total: u32 = log.iter().map(|&reading| u32::from(reading)).sum();
    Some(total / count)
}

fn main() {
    let mut battery_log: Vec<u16, 8> = Vec::new();
    for millivolts in [3310, 3305, 3298, 3301] {
        battery_log.push(millivolts).unwrap();
    }
    assert_eq!(average_reading(&battery_log), Some(3303));
    assert_eq!(average_reading(&Vec::<u16, 8>::new()), None);
    println!("average {:?} mV", average_reading(&battery_log));
}
