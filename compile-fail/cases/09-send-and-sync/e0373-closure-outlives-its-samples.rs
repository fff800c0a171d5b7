//! A closure that may outlive the function that made it: `std::thread::spawn` runs it in
//! another context, for as long as it likes, so it must own what it uses. This one borrows
//! `adc_samples`, a parameter of `start_averaging`, whose frame is gone once it returns.

use std::thread;

/// Starts averaging the samples in another context and returns at once.
fn start_averaging(adc_samples: [u16; 4]) -> thread::JoinHandle<u32> {
    thread::spawn(|| {
        let sum: u32 = adc_samples.iter().map(|&s| u32::from(s)).sum();
        sum / 4
    })
}

fn main() {
    let average = start_averaging([512, 515, 509, 511]);
    println!("average {}", average.join().expect("the averaging ran"));
}
