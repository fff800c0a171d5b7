//! Fixed console: `Uart` promises with `unsafe impl Sync` that sharing it is sound. The promise
//! covers every method that takes `&self`, today's and tomorrow's, which is why the compiler
//! makes the programmer write `unsafe` to give it.

/// UART0 of the LM3S6965: its data register is the first word of its register block.
struct Uart {
    registers: *mut u32,
}

// SAFETY: through a `&Uart` one can only read the register block's address, which never
// changes. Writing to a register takes an `unsafe` dereference of that address, and the code
// that does it answers for it.
unsafe impl Sync for Uart {}

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
