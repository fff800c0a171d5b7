//! The `layout …` line a program prints about one of its types: its size, its alignment and the
//! bytes of each field, measured on the target. `cargo workbook figures` draws the book's picture
//! of the type from that line in the exercise's `expected.out`.

use cortex_m_semihosting::{hprint, hprintln};

// ANCHOR: print-layout
/// A field's name and its bytes, `start..end`, measured by `offset_of!` and `size_of`:
/// `layout_field!(LogEntry, timestamp: u32)`.
#[macro_export]
macro_rules! layout_field {
    ($type:ty, $field:ident: $field_type:ty) => {
        (
            stringify!($field),
            ::core::mem::offset_of!($type, $field),
            ::core::mem::offset_of!($type, $field) + ::core::mem::size_of::<$field_type>(),
        )
    };
}

/// Prints a type's size, alignment and fields as one `layout …` line, the line the book's
/// picture of the type is drawn from.
pub fn print_layout(name: &str, size: usize, align: usize, fields: &[(&str, usize, usize)]) {
    hprint!("layout {}: {} bytes, align {}:", name, size, align);
    for (index, (field, start, end)) in fields.iter().enumerate() {
        let separator = if index == 0 { "" } else { "," };
        hprint!("{} {} {}..{}", separator, field, start, end);
    }
    hprintln!();
}
// ANCHOR_END: print-layout
