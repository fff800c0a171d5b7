//! Exercise 5.1: The name table
//!
//! The board keeps the names of its 100 sensors in RAM, and 1600 bytes is what it can spare for
//! them. The program first prints what each fixed-capacity candidate costs on this target, then
//! builds the table with the `SensorName` type chosen below and checks it against the budget.
//! Choose a type that fits. A name is at most 15 bytes, and the 16-byte name must still be
//! refused. Change `SensorName` only: `main` is the harness, and it measures the table.
//!
//! Done when `cargo workbook run name-table` says PASS, or when `cargo run` in this folder
//! prints what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint name-table`
#![no_std]
#![no_main]

use core::fmt::Write;
use core::mem::{align_of, size_of};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// ANCHOR: sizes
/// Prints what one value of `T` takes: its size and its alignment, in bytes.
fn cost<T>(name: &str) {
    hprintln!("  {name:<32} {:>4} {:>5}", size_of::<T>(), align_of::<T>());
}

/// Where the elements of a `heapless::Vec` start, counted from the first byte of the `Vec`.
fn elements_offset<T, const N: usize, L: heapless::LenType>(vec: &heapless::Vec<T, N, L>) -> usize {
    vec.as_ptr().addr() - (&raw const *vec).addr()
}

fn print_costs() {
    hprintln!("  {:<32} {:>4} {:>5}", "type", "size", "align");
    cost::<[u16; 8]>("[u16; 8]");
    cost::<heapless::Vec<u16, 8>>("heapless::Vec<u16, 8>");
    cost::<heapless::Vec<u16, 8, u8>>("heapless::Vec<u16, 8, u8>");
    cost::<arrayvec::ArrayVec<u16, 8>>("arrayvec::ArrayVec<u16, 8>");
    cost::<heapless::Vec<u32, 8>>("heapless::Vec<u32, 8>");
    cost::<heapless::Vec<u32, 8, u8>>("heapless::Vec<u32, 8, u8>");
    cost::<heapless::Deque<u16, 8>>("heapless::Deque<u16, 8>");
    cost::<heapless::HistoryBuf<u16, 8>>("heapless::HistoryBuf<u16, 8>");
    cost::<heapless::spsc::Queue<u16, 8>>("heapless::spsc::Queue<u16, 8>");
    cost::<[u8; 15]>("[u8; 15]");
    cost::<heapless::String<15>>("heapless::String<15>");
    cost::<heapless::String<15, u8>>("heapless::String<15, u8>");
    cost::<arrayvec::ArrayString<15>>("arrayvec::ArrayString<15>");

    let usize_len: heapless::Vec<u16, 8> = heapless::Vec::new();
    let u8_len: heapless::Vec<u16, 8, u8> = heapless::Vec::new();
    hprintln!(
        "heapless::Vec<u16, 8>: elements at byte {}; with a u8 length, at byte {}",
        elements_offset(&usize_len),
        elements_offset(&u8_len)
    );
    let queue: heapless::spsc::Queue<u16, 8> = heapless::spsc::Queue::new();
    hprintln!(
        "heapless::spsc::Queue<u16, 8>: capacity() is {}",
        queue.capacity()
    );
}
// ANCHOR_END: sizes

// ANCHOR: choice
/// A sensor's name as the configuration tool sends it: at most 15 bytes of UTF-8.
// TODO: 100 of these must fit in NAME_TABLE_BUDGET. The table printed first says which do.
type SensorName = arrayvec::ArrayString<15>;
// ANCHOR_END: choice

/// How many sensors the board has a name for.
const SENSORS: usize = 100;

/// Bytes of RAM the board can give the name table.
const NAME_TABLE_BUDGET: usize = 1600;

// ANCHOR: sensor_name
/// The name the configuration tool gives sensor `index`.
fn sensor_name(index: usize) -> SensorName {
    const KINDS: [&str; 4] = ["temp", "flow", "level", "valve"];
    let mut name = SensorName::default();
    write!(name, "tank-{:02}-{}", index / 4, KINDS[index % 4]).expect("a name fits 15 bytes");
    name
}
// ANCHOR_END: sensor_name

#[entry]
fn main() -> ! {
    hprintln!("What each candidate costs on thumbv7m-none-eabi, in bytes:");
    print_costs();

    // ANCHOR: budget
    let names: [SensorName; SENSORS] = core::array::from_fn(sensor_name);
    let table_size = size_of::<[SensorName; SENSORS]>();
    hprintln!(
        "SensorName: {} bytes; {SENSORS} names: {table_size} bytes",
        size_of::<SensorName>()
    );
    assert!(
        table_size <= NAME_TABLE_BUDGET,
        "the name table takes {table_size} bytes; the budget is {NAME_TABLE_BUDGET}"
    );
    hprintln!("within the budget of {NAME_TABLE_BUDGET} bytes");
    // ANCHOR_END: budget

    let rejected = SensorName::try_from("tank-07-pressure").is_err();
    hprintln!("first {}, last {}", names[0], names[SENSORS - 1]);
    hprintln!("a 16-byte name is refused: {rejected}");
    board::exit_success()
}
