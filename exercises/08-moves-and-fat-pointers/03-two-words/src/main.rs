//! Exercise 8.3: Two words
//!
//! The program measures pointers to sized and unsized values on the Cortex-M3 and takes two of
//! them apart. Read what it prints, then answer the three questions in the constants marked
//! `TODO`, in bytes, as numbers (arithmetic is fine; `size_of` would answer for you). The three
//! constants are yours; everything else is the harness, and `main` compares your answers with
//! what it measures. A wrong answer stops the program.
//!
//! Done when `cargo workbook run two-words` says PASS, or when `cargo run` in this folder prints
//! what `expected.out` holds and exits 0.
//!
//! Stuck? `cargo workbook hint two-words`
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]

use core::mem::{align_of_val, size_of, size_of_val};
use cortex_m_rt::entry;
use cortex_m_semihosting::hprintln;

// ANCHOR: answers
// TODO: answer from what the program prints, in bytes.
/// How many bytes does `sensors`, an array of four `&dyn Sensor`, take?
const SENSOR_TABLE_BYTES: usize = 0;
/// How many bytes does a `&[&dyn Sensor]` that points at all of `sensors` take?
const SENSOR_SLICE_BYTES: usize = 0;
/// How many bytes does a `&&dyn Sensor` take, such as the one `sensors.iter()` gives for each
/// element?
const ELEMENT_REF_BYTES: usize = 0;
// ANCHOR_END: answers

// ANCHOR: sensors
/// Something that gives a reading.
trait Sensor {
    fn read(&self) -> i32;
}

/// An NTC thermistor behind the ADC: a raw count and a calibration offset.
struct Thermistor {
    raw: u16,
    offset: i16,
}

/// A three-axis accelerometer: one reading per axis.
struct Accelerometer {
    axes: [i32; 3],
}

impl Sensor for Thermistor {
    fn read(&self) -> i32 {
        i32::from(self.raw) + i32::from(self.offset)
    }
}

impl Sensor for Accelerometer {
    fn read(&self) -> i32 {
        self.axes.iter().map(|a| a.abs()).sum()
    }
}

// ANCHOR_END: sensors

// ANCHOR: size
/// Prints the size of `T` in bytes and in words.
fn size<T>(name: &str) {
    let bytes = size_of::<T>();
    let words = bytes / size_of::<usize>();
    let plural = if words == 1 { "" } else { "s" };
    hprintln!("  {name:<16} {bytes} bytes = {words} word{plural}");
}
// ANCHOR_END: size

// ANCHOR: words
/// The two words of a fat pointer, in the order the compiler stores them. That order is not
/// part of the language's guarantees: the program checks which word is which.
fn words_of<T: ?Sized>(pointer: &T) -> [usize; 2] {
    const { assert!(size_of::<&T>() == size_of::<[usize; 2]>()) };
    // SAFETY: `&T` is two words here (checked above), and any two words are a valid `[usize; 2]`.
    // Reading a pointer's bits as integers creates no pointer, so nothing can be misused.
    unsafe { core::mem::transmute_copy::<&T, [usize; 2]>(&pointer) }
}

/// The word of `words` that is not `data`: the length or the vtable's address.
fn other_word(words: [usize; 2], data: usize) -> usize {
    match words {
        [first, second] if first == data => second,
        [first, second] if second == data => first,
        _ => panic!("neither word of the pointer is its data address"),
    }
}

/// Where `address` lies.
fn region(address: usize) -> &'static str {
    if board::layout::flash().contains(&address) {
        "flash"
    } else if board::layout::ram().contains(&address) {
        "RAM"
    } else {
        "neither"
    }
}
// ANCHOR_END: words

#[entry]
fn main() -> ! {
    // ANCHOR: table_of_sensors
    let board_temperature = Thermistor {
        raw: 2048,
        offset: -12,
    };
    let battery_temperature = Thermistor {
        raw: 1990,
        offset: 7,
    };
    let motion = Accelerometer {
        axes: [3, -9, 1002],
    };
    let tilt = Accelerometer { axes: [0, 0, 0] };
    // Every sensor on the board: values of two types behind one pointer type.
    let sensors: [&dyn Sensor; 4] = [&board_temperature, &battery_temperature, &motion, &tilt];
    // ANCHOR_END: table_of_sensors

    // ANCHOR: table
    hprintln!(
        "size_of on the Cortex-M3 (a word is {} bytes):",
        size_of::<usize>()
    );
    size::<&u32>("&u32");
    size::<&[u8; 64]>("&[u8; 64]");
    size::<&[u8]>("&[u8]");
    size::<&str>("&str");
    size::<&dyn Sensor>("&dyn Sensor");
    size::<&mut dyn Sensor>("&mut dyn Sensor");
    size::<*const [u8]>("*const [u8]");
    // ANCHOR_END: table

    // ANCHOR: slice
    let uart_buf: [u8; 16] = *b"AT+RST\r\nOK\r\n\0\0\0\0";
    let reply: &[u8] = &uart_buf[8..12];
    let data = reply.as_ptr().addr();
    hprintln!(
        "&uart_buf[8..12]: data word = uart_buf's address + {}, other word = {}, size_of_val = {}",
        data - uart_buf.as_ptr().addr(),
        other_word(words_of(reply), data),
        size_of_val(reply)
    );
    let banner: &str = "sensor hub v2";
    let data = banner.as_ptr().addr();
    hprintln!(
        "\"sensor hub v2\": data word points into {}, other word = {}",
        region(data),
        other_word(words_of(banner), data)
    );
    // ANCHOR_END: slice

    // ANCHOR: dyn
    for (index, sensor) in sensors.iter().enumerate() {
        let data = (*sensor as *const dyn Sensor).cast::<u8>().addr();
        let vtable = other_word(words_of(*sensor), data);
        let first = sensors
            .iter()
            .position(|other| words_of(*other).contains(&vtable))
            .expect("a sensor's vtable word is one of its own words");
        hprintln!(
            "sensors[{index}]: data in {}, vtable in {} (first used by sensors[{first}]), \
             size {}, align {}, read {}",
            region(data),
            region(vtable),
            size_of_val(*sensor),
            align_of_val(*sensor),
            sensor.read()
        );
    }
    // ANCHOR_END: dyn

    // ANCHOR: check
    let answers = [
        (
            "SENSOR_TABLE_BYTES",
            SENSOR_TABLE_BYTES,
            size_of_val(&sensors),
        ),
        (
            "SENSOR_SLICE_BYTES",
            SENSOR_SLICE_BYTES,
            size_of::<&[&dyn Sensor]>(),
        ),
        (
            "ELEMENT_REF_BYTES",
            ELEMENT_REF_BYTES,
            size_of::<&&dyn Sensor>(),
        ),
    ];
    for (name, answer, measured) in answers {
        let right = answer == measured;
        hprintln!(
            "{name} = {answer}: {}",
            if right { "right" } else { "wrong" }
        );
        assert!(
            right,
            "{name} = {answer} is not what the table says: look again"
        );
    }
    // ANCHOR_END: check

    board::exit_success()
}
