//! Fixed: `drop(clock)` (the prelude's `core::mem::drop`) takes the guard by value, so it is
//! dropped there, once, and the name `clock` can no longer be used.

struct UartClock {
    uart: u8,
}

impl Drop for UartClock {
    fn drop(&mut self) {
        println!("UART{} clock off", self.uart);
    }
}

fn main() {
    let clock = UartClock { uart: 0 };
    println!("UART{} clock on", clock.uart);
    drop(clock);
    println!("main goes on with the UART off");
}
