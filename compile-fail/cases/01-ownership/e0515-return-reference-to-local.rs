//! Returning a reference to a local buffer: `millivolts` lives in this
//! function's stack frame, which is gone when the function returns. In C
//! this is returning the address of a local array.

fn to_millivolts(adc_samples: &[u16; 4]) -> &[u16] {
    let mut millivolts = [0u16; 4];
    for (mv, raw) in millivolts.iter_mut().zip(adc_samples) {
        *mv = (u32::from(*raw) * 3300 / 4095) as u16;
    }
    &millivolts
}

fn main() {
    let adc_samples = [0u16, 1024, 2048, 4095];
    println!("{:?} mV", to_millivolts(&adc_samples));
}
