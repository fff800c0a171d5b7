//! A guard that is both `Copy` and `Drop`: every copy would raise the chip select line again
//! when it goes out of scope, so a copy would release what the original still holds.

#[derive(Clone, Copy)]
struct ChipSelect {
    pin: u8,
}

impl Drop for ChipSelect {
    fn drop(&mut self) {
        println!("CS{} high", self.pin);
    }
}

fn main() {
    let cs = ChipSelect { pin: 4 };
    println!("CS{} low", cs.pin);
}
