//! Fixed driver: `Uart` promises with `unsafe impl Send` that moving it to another context is
//! sound. It promises nothing about sharing: `Uart` is still not `Sync`, so a `&Uart` never
//! reaches two contexts at once, whatever methods it has.

/// UART0 of the LM3S6965: it owns the peripheral, and one is made, at start-up.
struct Uart {
    data_register: *mut u32,
}

// SAFETY: a `Uart` is the only way to reach UART0's registers: one is made, and it cannot be
// cloned. Moving it to another context moves that sole access with it, and nothing about the
// registers depends on which context uses them.
unsafe impl Send for Uart {}

impl Uart {
    /// Sends `byte`.
    fn write_byte(&mut self, byte: u8) {
        // SAFETY: `data_register` is the address of the data register, and `&mut self` says
        // that no other code is using this `Uart`, the only one there is.
        unsafe { self.data_register.write_volatile(u32::from(byte)) };
    }
}

/// Stands for enabling an interrupt whose handler is `handler`, for as long as `main_loop`
/// runs. The handler runs in another execution context, so it must be `Send`. On the host, that
/// context is a thread; on a Cortex-M, an exception handler.
fn with_interrupt<R>(handler: impl FnOnce() + Send, main_loop: impl FnOnce() -> R) -> R {
    std::thread::scope(|scope| {
        scope.spawn(handler);
        main_loop()
    })
}

/// On the host there is no UART at `0x4000_C000`: a word of memory stands in for its data
/// register.
static mut DATA_REGISTER: u32 = 0;

fn main() {
    let mut uart = Uart {
        data_register: &raw mut DATA_REGISTER,
    };
    with_interrupt(move || uart.write_byte(b'!'), || ());
    // SAFETY: the handler has returned, and nothing else writes the register.
    let sent = unsafe { DATA_REGISTER };
    println!("UART0 sent {sent:#04x}");
}
