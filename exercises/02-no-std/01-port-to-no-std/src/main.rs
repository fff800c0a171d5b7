//! Exercise 2.1: Port it to no_std
//!
//! This code ran on a Linux gateway: it reads the node's network settings from a configuration
//! string, checks that the gateway is on the node's subnet, and builds a status line. It is moving
//! onto the sensor node itself. Someone has started the port: `#![no_std]` and `#![no_main]` are
//! at the top, `fn main` became an `#[entry]` function and `println!` became `hprintln!`.
//! The build still stops at every path that names `std`. Finish the port: make it build for the
//! Cortex-M3 without `std` and without a heap. Change only the lines marked `TODO`.
//!
//! Done when `cargo workbook run port-to-no-std` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint port-to-no-std`
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// ANCHOR: imports
// TODO: the target has no `std`. Where do these three come from in a `#![no_std]` crate?
use std::fmt::Write;
use std::net::{AddrParseError, Ipv4Addr};
use std::string::String;
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
    // TODO: this line is sent over a 64-byte radio frame: it never needs more than 64 bytes.
    let mut status = String::new();
    write!(status, "ip={}/{} gw={} ", config.ip, prefix, config.gateway).unwrap();
    status.push_str(if reachable { "ok" } else { "unreachable" });
    // ANCHOR_END: status

    hprintln!("status: {} ({} bytes)", status, status.len());
    board::exit_success()
}
