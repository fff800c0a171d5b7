//! A trait with a generic method used as `dyn`: a vtable has one slot per method, and a
//! generic method is a family of methods, one per type it is called with.

trait Display {
    fn show<T: Into<u32>>(&mut self, value: T);
}

struct SevenSegment {
    digits: [u8; 4],
}

impl Display for SevenSegment {
    fn show<T: Into<u32>>(&mut self, value: T) {
        let mut value = value.into();
        for digit in self.digits.iter_mut().rev() {
            *digit = (value % 10) as u8;
            value /= 10;
        }
    }
}

/// Shows a reading on whichever display the board has, chosen at run time.
fn show_reading(display: &mut dyn Display, reading: u16) {
    display.show(reading);
}

fn main() {
    let mut display = SevenSegment { digits: [0; 4] };
    display.show(1013u16);
    println!("{:?}", display.digits);
}
