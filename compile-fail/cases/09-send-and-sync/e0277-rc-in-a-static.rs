//! A reference-counted calibration table in a `static`. `Rc` counts its owners with a plain,
//! non-atomic counter that every clone shares: `Rc` is neither `Send` nor `Sync`.

extern crate alloc;
use alloc::rc::Rc;

/// Coefficients for the ADC, shared by whoever needs them.
struct Calibration {
    offset: i16,
    gain_permille: u16,
}

/// The coefficients that `main` and the ADC's interrupt handler share.
static ADC_CALIBRATION: Option<Rc<Calibration>> = None;

fn main() {
    match &ADC_CALIBRATION {
        Some(calibration) => println!(
            "offset {} gain {}",
            calibration.offset, calibration.gain_permille
        ),
        None => println!("uncalibrated"),
    }
}
