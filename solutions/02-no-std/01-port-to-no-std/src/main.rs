//! Exercise 2.1: Port it to no_std (solution)
//!
//! `#![no_std]` links `core` instead of `std`; `#![no_main]` and `#[entry]` make `main` the
//! function that cortex-m-rt's reset handler calls. It never returns: it ends the run with
//! `board::exit_success()`. `std::net` is `core::net`, re-exported. `format!` returns a `String`,
//! which needs a heap: `write!` into a `heapless::String<64>` keeps the status line on the stack
//! instead, in 68 bytes on this target (64 for the text, 4 for its length).
//! `hprintln!` prints over semihosting, where `println!` had standard output.
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// ANCHOR: imports
// `write!` needs `core::fmt::Write` in scope; `core::net` (since Rust 1.77) is what `std::net`
// re-exports.
use core::fmt::Write;
use core::net::{AddrParseError, Ipv4Addr};
use heapless::String;
// ANCHOR_END: imports

/// What the node was configured with, in the form the provisioning tool writes.
const NET_CONFIG: &str = "ip=10.0.0.17 gateway=10.0.0.1 mask=255.255.255.0";

// ANCHOR: parse
/// The node's addresses.
struct NetConfig {
    ip: Ipv4Addr,
    gateway: Ipv4Addr,
    mask: Ipv4Addr,
}

/// Reads `key=address` pairs; a missing key reads as the unspecified address, 0.0.0.0.
fn parse_config(text: &str) -> Result<NetConfig, AddrParseError> {
    let mut config = NetConfig {
        ip: Ipv4Addr::UNSPECIFIED,
        gateway: Ipv4Addr::UNSPECIFIED,
        mask: Ipv4Addr::UNSPECIFIED,
    };
    for pair in text.split_whitespace() {
        match pair.split_once('=') {
            Some(("ip", value)) => config.ip = value.parse()?,
            Some(("gateway", value)) => config.gateway = value.parse()?,
            Some(("mask", value)) => config.mask = value.parse()?,
            _ => {}
        }
    }
    Ok(config)
}

/// Whether `a` and `b` are on the same subnet under `mask`.
fn same_subnet(a: Ipv4Addr, b: Ipv4Addr, mask: Ipv4Addr) -> bool {
    a.to_bits() & mask.to_bits() == b.to_bits() & mask.to_bits()
}
// ANCHOR_END: parse

#[entry]
fn main() -> ! {
    let config = parse_config(NET_CONFIG).unwrap();
    let prefix = config.mask.to_bits().count_ones();
    let reachable = same_subnet(config.ip, config.gateway, config.mask);

    // ANCHOR: status
    // A fixed capacity, on the stack: the line fits a 64-byte radio frame, or the write fails.
    let mut status: String<64> = String::new();
    write!(status, "ip={}/{} gw={} ", config.ip, prefix, config.gateway).unwrap();
    status
        .push_str(if reachable { "ok" } else { "unreachable" })
        .unwrap();
    // ANCHOR_END: status

    hprintln!("status: {} ({} bytes)", status, status.len());
    board::exit_success()
}
