//! Fixed: `apply_handshake` changes the settings, so it asks for them by `&mut`, and the borrow
//! checker makes sure nothing else holds a reference to them meanwhile. No `unsafe` is left.

/// UART0's settings, as the start-up code chose them.
struct UartConfig {
    baud: u32,
    stop_bits: u8,
}

/// Switches to the baud rate that the host asked for in the bootloader's handshake.
fn apply_handshake(config: &mut UartConfig, baud: u32) {
    config.baud = baud;
}

fn main() {
    let mut config = UartConfig {
        baud: 9_600,
        stop_bits: 1,
    };
    apply_handshake(&mut config, 115_200);
    assert_eq!(config.baud, 115_200);
    println!(
        "UART0 at {} baud, {} stop bit",
        config.baud, config.stop_bits
    );
}
