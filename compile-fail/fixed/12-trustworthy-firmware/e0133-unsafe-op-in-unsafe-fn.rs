//! Fixed: the write is in an `unsafe` block of its own, and its `SAFETY:` comment says which of
//! the function's preconditions make it sound. The `# Safety` section is what callers promise;
//! the comment is where the body uses that promise.
#![deny(unsafe_op_in_unsafe_fn)]

/// Writes `value` to the 32-bit register at `register`.
///
/// # Safety
///
/// `register` must be the address of an aligned, writable register (or word of memory) that no
/// other code writes meanwhile.
unsafe fn write_register(register: *mut u32, value: u32) {
    // SAFETY: the caller promises that `register` is aligned, writable and written by no one else.
    unsafe { register.write_volatile(value) };
}

fn main() {
    // On the host there is no UART: a word on the stack stands in for UART0's control register.
    let mut uart0_ctl = 0u32;
    // SAFETY: `uart0_ctl` is an aligned word that nothing else uses.
    unsafe { write_register(&raw mut uart0_ctl, 0x301) };
    assert_eq!(uart0_ctl, 0x301);
    println!("UART0 CTL {uart0_ctl:#05x}");
}
