//! Fixed: the method the vtable needs takes one concrete type, `u32`. The generic
//! convenience stays, marked `where Self: Sized`: callable on a known type, left out of the
//! vtable, and written once on top of `show_u32`.

trait Display {
    fn show_u32(&mut self, value: u32);

    fn show<T: Into<u32>>(&mut self, value: T)
    where
        Self: Sized,
    {
        self.show_u32(value.into());
    }
}

struct SevenSegment {
    digits: [u8; 4],
}

impl Display for SevenSegment {
    fn show_u32(&mut self, mut value: u32) {
        for digit in self.digits.iter_mut().rev() {
            *digit = (value % 10) as u8;
            value /= 10;
        }
    }
}

fn show_reading(display: &mut dyn Display, reading: u16) {
    display.show_u32(reading.into());
}

fn main() {
    let mut display = SevenSegment { digits: [0; 4] };
    show_reading(&mut display, 1013);
    display.show(7u8);
    println!("{:?}", display.digits);
}
