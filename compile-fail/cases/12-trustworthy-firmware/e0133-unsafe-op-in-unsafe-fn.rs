//! An `unsafe fn` that writes a register through the pointer it is given, with no `unsafe` block
//! inside. The `unsafe` on the signature is a contract for the callers, not a licence for the
//! body: since the 2024 edition the `unsafe_op_in_unsafe_fn` lint warns about an unsafe operation
//! outside an `unsafe` block, and this workspace denies it, as this case does.
#![deny(unsafe_op_in_unsafe_fn)]

/// Writes `value` to the 32-bit register at `register`.
///
/// # Safety
///
/// `register` must be the address of an aligned, writable register (or word of memory) that no
/// other code writes meanwhile.
unsafe fn write_register(register: *mut u32, value: u32) {
    register.write_volatile(value);
}

fn main() {
    // On the host there is no UART: a word on the stack stands in for UART0's control register.
    let mut uart0_ctl = 0u32;
    // SAFETY: `uart0_ctl` is an aligned word that nothing else uses.
    unsafe { write_register(&raw mut uart0_ctl, 0x301) };
    println!("UART0 CTL {uart0_ctl:#05x}");
}
