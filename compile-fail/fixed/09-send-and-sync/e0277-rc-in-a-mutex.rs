//! Fixed configuration slot: `main` moves the configuration itself into the slot, and the
//! radio's interrupt handler will own it. A `RadioConfig` is `Send`, so the static is `Sync`.

use core::cell::RefCell;
use critical_section::Mutex;

/// What the radio's interrupt handler needs to send a frame.
struct RadioConfig {
    channel: u8,
}

/// `main` puts the configuration here; the radio's interrupt handler takes it.
static RADIO_CONFIG: Mutex<RefCell<Option<RadioConfig>>> = Mutex::new(RefCell::new(None));

fn main() {
    let config = RadioConfig { channel: 11 };
    critical_section::with(|cs| RADIO_CONFIG.borrow(cs).replace(Some(config)));
    // `config` has moved: from here on, `main` reaches it only through the slot.
    let channel = critical_section::with(|cs| {
        RADIO_CONFIG
            .borrow_ref(cs)
            .as_ref()
            .map(|config| config.channel)
    });
    println!("channel {channel:?}");
}
