//! Exercise 5.3: The command line
//!
//! The firmware reads commands from a UART, one line at a time, into a 16-byte
//! `heapless::String`. The host sends five lines, and the third one is longer than 16 bytes: the
//! starter stops there. Make `receive` refuse an overlong line as a whole, with
//! `CommandError::TooLong`, and carry on with the next line. Change `impl CommandLine` only:
//! `main` is the harness, and it feeds the five lines to `receive`.
//!
//! Done when `cargo workbook run command-line` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint command-line`
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;
use heapless::String;

/// The longest command line the firmware accepts, in bytes, without its newline.
const LINE_LEN: usize = 16;

/// A command the firmware understands.
enum Command {
    Led(bool),
    SampleEveryMs(u16),
    Status,
}

/// Why a line was refused.
#[derive(Debug)]
enum CommandError {
    TooLong,
    Unknown,
}

/// Parses one complete line, without its newline.
fn parse(line: &str) -> Result<Command, CommandError> {
    match line.split_once(' ') {
        None if line == "STATUS" => Ok(Command::Status),
        Some(("LED", "ON")) => Ok(Command::Led(true)),
        Some(("LED", "OFF")) => Ok(Command::Led(false)),
        Some(("RATE", ms)) => ms
            .parse()
            .map(Command::SampleEveryMs)
            .map_err(|_| CommandError::Unknown),
        _ => Err(CommandError::Unknown),
    }
}

// ANCHOR: receiver
/// Collects the bytes the UART receives into lines.
struct CommandLine {
    /// The line so far. One buffer, reused for every line.
    line: String<LINE_LEN>,
    /// The line has outgrown `line`: ignore the rest of it, up to its newline.
    too_long: bool,
}

impl CommandLine {
    const fn new() -> Self {
        CommandLine {
            line: String::new(),
            too_long: false,
        }
    }

    /// Takes one received byte. At the end of a line, returns the command or why it was refused.
    fn receive(&mut self, byte: u8) -> Option<Result<Command, CommandError>> {
        if byte == b'\n' {
            let result = if self.too_long {
                Err(CommandError::TooLong)
            } else {
                parse(&self.line)
            };
            // Empties the line and keeps its 16 bytes for the next one.
            self.line.clear();
            self.too_long = false;
            return Some(result);
        }
        // TODO: when a byte does not fit, `push` returns `Err(CapacityError)` and leaves the line
        // as it was. Refuse the whole line when its newline arrives; ignore the bytes up to it.
        self.line.push(char::from(byte)).unwrap();
        None
    }
}
// ANCHOR_END: receiver

// ANCHOR: main
#[entry]
fn main() -> ! {
    // What the UART receives: five lines, one of them longer than LINE_LEN.
    let received = b"LED ON\nRATE 250\nRATE 250 AND LED OFF PLEASE\nSTATUS\nLED BLINK\n";
    let mut command_line = CommandLine::new();
    for &byte in received {
        match command_line.receive(byte) {
            Some(Ok(Command::Led(on))) => hprintln!("ok: LED {}", if on { "on" } else { "off" }),
            Some(Ok(Command::SampleEveryMs(ms))) => hprintln!("ok: sample every {ms} ms"),
            Some(Ok(Command::Status)) => hprintln!("ok: status"),
            Some(Err(error)) => hprintln!("refused: {error:?}"),
            None => {}
        }
    }
    hprintln!(
        "every line went through one {}-byte buffer",
        command_line.line.capacity()
    );
    board::exit_success()
}
// ANCHOR_END: main
