//! The newest of eight ADC samples read as `samples[8]`, the C habit of an off-by-one that reads
//! the word after the buffer. The index is a constant, so the `unconditional_panic` lint, denied
//! by default, refuses it: the program could only panic there. Like `arithmetic_overflow`, it is
//! found while code is generated, by `cargo build` and not by `cargo check`.

fn main() {
    let samples: [u16; 8] = [512, 515, 509, 511, 518, 520, 517, 513];
    let newest = samples[8];
    println!("newest sample: {newest}");
}
