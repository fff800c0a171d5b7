//! A "read-only" configuration patched in place. `apply_handshake` is given the UART's settings
//! by shared reference, and writes a new baud rate into them through a pointer cast from that
//! reference, the way C code casts away `const`. A shared reference promises that the bytes
//! behind it do not change while it lives, so the write is undefined behaviour, and the
//! `invalid_reference_casting` lint, denied by default, refuses it.

/// UART0's settings, as the start-up code chose them.
struct UartConfig {
    baud: u32,
    stop_bits: u8,
}

/// Switches to the baud rate that the host asked for in the bootloader's handshake.
fn apply_handshake(config: &UartConfig, baud: u32) {
    let baud_field = &config.baud as *const u32 as *mut u32;
    // SAFETY: nothing else reads the settings during the handshake (which is not what counts).
    unsafe { *baud_field = baud };
}

fn main() {
    let config = UartConfig {
        baud: 9_600,
        stop_bits: 1,
    };
    apply_handshake(&config, 115_200);
    println!(
        "UART0 at {} baud, {} stop bit",
        config.baud, config.stop_bits
    );
}
