//! Fixed return of a reference to a local buffer: the function returns the
//! array itself. The caller receives its own copy (8 bytes), so nothing
//! points into the finished stack frame.

fn to_millivolts(adc_samples: &[u16; 4]) -> [u16; 4] {
    let mut millivolts = [0u16; 4];
    for (mv, raw) in millivolts.iter_mut().zip(adc_samples) {
        *mv = (u32::from(*raw) * 3300 / 4095) as u16;
    }
    millivolts
}

fn main() {
    let adc_samples = [0u16, 1024, 2048, 4095];
    println!("{:?} mV", to_millivolts(&adc_samples));
}
