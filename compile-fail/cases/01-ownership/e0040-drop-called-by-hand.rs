//! Calling `Drop::drop` by hand: the guard's clock would go off at that call, and again when
//! the guard goes out of scope at the closing brace. Rust allows only the second.

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
    clock.drop();
    println!("main goes on with the UART off");
}
