//! A `Copy` type with a field that is not `Copy`: a report that holds its samples in a
//! `heapless::Vec`. The vector is `Clone`, which copies its elements one by one, but not `Copy`,
//! so the report cannot be `Copy` either.

use heapless::Vec;

#[derive(Clone, Copy)]
struct SensorReport {
    channel: u8,
    samples: Vec<u16, 8>,
}

fn send(report: SensorReport) {
    println!("channel {}: {:?}", report.channel, report.samples);
}

fn main() {
    let mut samples = Vec::new();
    samples.extend_from_slice(&[812, 815, 809]).unwrap();
    let report = SensorReport {
        channel: 3,
        samples,
    };
    send(report);
    println!("kept {} samples", report.samples.len());
}
