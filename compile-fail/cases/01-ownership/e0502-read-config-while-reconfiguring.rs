//! Mutable borrow while a shared one lives: `active` borrows the UART
//! configuration to read it, and while that borrow is still in use the
//! configuration is borrowed mutably to change it. Readers and a writer
//! may not overlap.

struct UartConfig {
    baud: u32,
    parity: bool,
}

fn reconfigure(config: &mut UartConfig, baud: u32) {
    config.baud = baud;
    config.parity = true;
}

fn main() {
    let mut uart_config = UartConfig {
        baud: 115_200,
        parity: false,
    };
    let active = &uart_config;
    reconfigure(&mut uart_config, 9_600);
    println!("was {} baud, parity {}", active.baud, active.parity);
}
