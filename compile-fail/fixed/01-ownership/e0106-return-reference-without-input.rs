//! Fixed: the names are string literals, which live in flash for the whole run of the
//! program, so the function says it returns a `&'static str`.

fn fault_name(code: u8) -> &'static str {
    match code {
        0x01 => "overcurrent",
        0x02 => "undervoltage",
        0x03 => "overtemperature",
        _ => "unknown",
    }
}

fn main() {
    for code in [0x02, 0x7F] {
        println!("fault {code:#04x}: {}", fault_name(code));
    }
}
