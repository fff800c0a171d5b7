//! Fixed: the full case is handled. Here the refused reading is counted, so the log says how many
//! readings it lost instead of losing them silently.
#![deny(unused_must_use)]

fn main() {
    let mut readings: heapless::Vec<u16, 4> = heapless::Vec::new();
    let mut lost = 0;
    for reading in [512, 515, 519, 524, 530] {
        if let Err(refused) = readings.push(reading) {
            println!("log full: lost reading {refused}");
            lost += 1;
        }
    }
    println!("{readings:?}, {lost} lost");
    assert_eq!(lost, 1);
}
