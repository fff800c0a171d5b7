//! Fixed: the newest sample is the last one, asked for by name, and `last` returns an `Option`
//! that says what happens when there is none, instead of an index that can be one too far.

fn main() {
    let samples: [u16; 8] = [512, 515, 509, 511, 518, 520, 517, 513];
    match samples.last() {
        Some(newest) => println!("newest sample: {newest}"),
        None => println!("no samples yet"),
    }
}
