//! A buffer read before it is written on every path: `adc_gain` is declared without a value and
//! filled only when the calibration record's CRC is good. On the other path it holds whatever
//! the stack held before.

struct CalibrationRecord {
    gain: [u16; 4],
    crc_ok: bool,
}

fn read_calibration() -> CalibrationRecord {
    CalibrationRecord {
        gain: [1012, 998, 1003, 1000],
        crc_ok: true,
    }
}

fn main() {
    let record = read_calibration();
    let adc_gain: [u16; 4];
    if record.crc_ok {
        adc_gain = record.gain;
    }
    println!("ADC gain per channel {adc_gain:?}");
}
