//! A function that returns a reference and takes none: `fault_name` returns a `&str`, and the
//! compiler has no parameter to tie its lifetime to, so it asks which lifetime is meant.

fn fault_name(code: u8) -> &str {
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
