//! Fixed mutable borrow while a shared one lives: the old configuration is
//! read and logged first, so the shared borrow has ended before
//! `reconfigure` borrows it mutably.

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
    println!("was {} baud, parity {}", active.baud, active.parity);
    reconfigure(&mut uart_config, 9_600);
    println!(
        "now {} baud, parity {}",
        uart_config.baud, uart_config.parity
    );
}
