//! A full `Vec` refuses the element and returns it in `Err`. Ignoring that `Result` is only a
//! warning in Rust (`unused_must_use`); firmware that denies the lint makes it an error, so a
//! reading can no longer vanish without anyone deciding that it may.
#![deny(unused_must_use)]

fn main() {
    let mut readings: heapless::Vec<u16, 4> = heapless::Vec::new();
    for reading in [512, 515, 519, 524, 530] {
        readings.push(reading);
    }
    println!("{readings:?}");
}
