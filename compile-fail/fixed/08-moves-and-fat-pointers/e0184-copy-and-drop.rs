//! Fixed: the guard is neither `Copy` nor `Clone`. There is one of it, so the line goes high
//! exactly once, when its one owner is dropped.

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
