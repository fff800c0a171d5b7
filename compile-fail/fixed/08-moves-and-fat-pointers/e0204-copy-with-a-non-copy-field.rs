//! Fixed: the report is `Clone` only, and nobody needs a second one: `send` borrows it, and
//! `main` keeps the only copy. Where a second report is really needed, `.clone()` says so.

use heapless::Vec;

#[derive(Clone)]
struct SensorReport {
    channel: u8,
    samples: Vec<u16, 8>,
}

fn send(report: &SensorReport) {
    println!("channel {}: {:?}", report.channel, report.samples);
}

fn main() {
    let mut samples = Vec::new();
    samples.extend_from_slice(&[812, 815, 809]).unwrap();
    let report = SensorReport {
        channel: 3,
        samples,
    };
    send(&report);
    println!("kept {} samples", report.samples.len());
}
