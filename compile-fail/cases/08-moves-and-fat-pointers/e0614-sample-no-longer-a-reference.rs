//! A dereference left behind by a refactor. `to_millivolts` took `&u16`; a `u16` is two bytes, so
//! it now takes the sample itself, by copy, and the body still reads through `*sample`. `*` follows
//! a pointer, and a `u16` is not one.

/// An ADC sample (12 bits, 3.3 V full scale) in millivolts.
fn to_millivolts(sample: u16) -> u32 {
    u32::from(*sample) * 3300 / 4095
}

fn main() {
    let adc_samples: [u16; 4] = [2480, 2484, 4095, 0];
    for &sample in &adc_samples {
        println!("{sample} -> {} mV", to_millivolts(sample));
    }
}
