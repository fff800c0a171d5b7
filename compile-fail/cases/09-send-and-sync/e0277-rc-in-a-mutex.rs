//! A slot shared with an interrupt handler, of the right kind, holding the wrong thing.
//! `critical_section::Mutex<T>` is `Sync` only when `T` is `Send`: the handler can take the
//! value out and keep it, so the value really moves to another context. `Rc` cannot.

extern crate alloc;
use alloc::rc::Rc;
use core::cell::RefCell;
use critical_section::Mutex;

/// What the radio's interrupt handler needs to send a frame.
struct RadioConfig {
    channel: u8,
}

/// `main` puts the configuration here; the radio's interrupt handler takes it.
static RADIO_CONFIG: Mutex<RefCell<Option<Rc<RadioConfig>>>> = Mutex::new(RefCell::new(None));

fn main() {
    let config = Rc::new(RadioConfig { channel: 11 });
    let for_the_handler = Rc::clone(&config);
    critical_section::with(|cs| RADIO_CONFIG.borrow(cs).replace(Some(for_the_handler)));
    println!("channel {}", config.channel);
}
