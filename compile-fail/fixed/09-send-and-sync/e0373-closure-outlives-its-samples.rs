//! Fixed: a `move` closure takes its own copy of `adc_samples` (8 bytes, `[u16; 4]` is `Copy`)
//! into the other context, so nothing it uses lives in `start_averaging`'s frame.

use std::thread;

/// Starts averaging the samples in another context and returns at once.
fn start_averaging(adc_samples: [u16; 4]) -> thread::JoinHandle<u32> {
    thread::spawn(move || {
        let sum: u32 = adc_samples.iter().map(|&s| u32::from(s)).sum();
        sum / 4
    })
}

fn main() {
    let average = start_averaging([512, 515, 509, 511]);
    println!("average {}", average.join().expect("the averaging ran"));
}
