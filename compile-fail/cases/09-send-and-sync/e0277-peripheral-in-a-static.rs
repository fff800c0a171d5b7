//! A UART driver in a `static`, so that `main` and the interrupt handlers can all log through
//! it. The driver holds the address of the UART's registers as a raw pointer, which is not
//! `Sync`, so neither is `Uart`, and a `static` must be.

/// UART0 of the LM3S6965: its data register is the first word of its register block.
struct Uart {
    registers: *mut u32,
}

impl Uart {
    /// Where a byte to send is written.
    fn data_register(&self) -> *mut u32 {
        self.registers
    }
}

/// The console, for every context to log through.
static CONSOLE: Uart = Uart {
    registers: 0x4000_C000 as *mut u32,
};

fn main() {
    println!("UART0 data register at {:p}", CONSOLE.data_register());
}
