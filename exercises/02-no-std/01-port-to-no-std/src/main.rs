//! Exercise 2.1: Port it to no_std
//!
//! This program ran on a Linux gateway: it reads the node's network settings from a configuration
//! string, checks that the gateway is on the node's subnet, and prints a status line. It is an
//! ordinary program for a PC, and it is moving onto the sensor node itself: a Cortex-M3 with no
//! operating system and no heap. For the thumb target it does not build at all, because that
//! target has no `std`. Port it:
//!
//! - make the crate `#![no_std]` and `#![no_main]`, and make `main` cortex-m-rt's `#[entry]`
//!   function, which never returns: like every exercise's, it ends the run with
//!   `board::exit_success()`;
//! - replace each `std` item at a `TODO` with one that needs neither an operating system nor a
//!   heap. Leave the parsing and the subnet check as they are.
//!
//! Done when `cargo workbook run port-to-no-std` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint port-to-no-std`

// ANCHOR: imports
// TODO: the attributes of a crate with no `std`, and no start-up code of `std`'s to call `main`.

// TODO: where do these two come from in a `#![no_std]` crate?
use std::net::{AddrParseError, Ipv4Addr};
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

// ANCHOR: main
// TODO: on the node, nothing calls a `main` like this one, and nothing waits for it to return.
fn main() {
    let config = parse_config(NET_CONFIG).unwrap();
    let prefix = config.mask.to_bits().count_ones();
    let reachable = same_subnet(config.ip, config.gateway, config.mask);

    // TODO: this line is sent over a 64-byte radio frame: it never needs more than 64 bytes.
    let mut status = format!("ip={}/{} gw={} ", config.ip, prefix, config.gateway);
    status.push_str(if reachable { "ok" } else { "unreachable" });

    // TODO: there is no standard output on the node.
    println!("status: {} ({} bytes)", status, status.len());
}
// ANCHOR_END: main
