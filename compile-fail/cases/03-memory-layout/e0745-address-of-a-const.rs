//! A `const` is a value, not a place: it has no address of its own. `&raw const` asks for the
//! address of a place, and a `const`'s name is an expression that makes a fresh temporary each
//! time it is used, with no address worth handing out.

/// The first entries of the CRC-32 table, as a `const`.
const CRC_TABLE: [u32; 4] = [0x0000_0000, 0x7707_3096, 0xEE0E_612C, 0x9909_51BA];

fn main() {
    let table = &raw const CRC_TABLE;
    // SAFETY: `table` points at four initialised words (if it could be made at all).
    let second = unsafe { (*table)[1] };
    println!("table at {table:p}, second entry {second:#010x}");
}
