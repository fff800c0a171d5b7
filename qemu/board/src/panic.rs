//! The panic handler: the message and where it came from, on the host's stderr, then exit 1.
//!
//! Exercises that teach writing a panic handler turn this off with `default-features = false`.

use core::panic::PanicInfo;
use cortex_m_semihosting::heprintln;

#[panic_handler]
fn on_panic(info: &PanicInfo) -> ! {
    cortex_m::interrupt::disable();
    match info.location() {
        Some(place) => heprintln!(
            "panicked at {}:{}:{}:\n{}",
            place.file(),
            place.line(),
            place.column(),
            info.message()
        ),
        None => heprintln!("panicked:\n{}", info.message()),
    }
    crate::exit_failure()
}
