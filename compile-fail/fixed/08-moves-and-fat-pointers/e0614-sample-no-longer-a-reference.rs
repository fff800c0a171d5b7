//! Fixed: the sample is the value, so it is used as it is; the `*` went with the `&`.

/// An ADC sample (12 bits, 3.3 V full scale) in millivolts.
fn to_millivolts(sample: u16) -> u32 {
    u32::from(sample) * 3300 / 4095
}

fn main() {
    let adc_samples: [u16; 4] = [2480, 2484, 4095, 0];
    for &sample in &adc_samples {
        println!("{sample} -> {} mV", to_millivolts(sample));
    }
    assert_eq!(to_millivolts(4095), 3300);
}
