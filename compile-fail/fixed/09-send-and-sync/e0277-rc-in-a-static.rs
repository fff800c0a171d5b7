//! Fixed calibration table: no `Rc`. A `static` lives for the whole program, so nobody has to
//! count its owners: every context borrows it as a `&'static Calibration`, which is `Send`
//! because `Calibration` is `Sync`, as its two integer fields are.

/// Coefficients for the ADC, shared by whoever needs them.
struct Calibration {
    offset: i16,
    gain_permille: u16,
}

/// The coefficients that `main` and the ADC's interrupt handler share.
static ADC_CALIBRATION: Calibration = Calibration {
    offset: -12,
    gain_permille: 1003,
};

fn main() {
    let calibration: &'static Calibration = &ADC_CALIBRATION;
    println!(
        "offset {} gain {}",
        calibration.offset, calibration.gain_permille
    );
}
