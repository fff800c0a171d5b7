//! Flash and RAM a firmware image takes, read from its ELF section headers.
//!
//! Flash holds every allocated section with contents (`.vector_table`, `.text`, `.rodata`, and the
//! initial values of `.data`); RAM holds the allocated sections placed in RAM (`.data`, `.bss`,
//! `.uninit`). The stack is not counted: it is whatever RAM is left.

use crate::{Problem, problem};
use std::{ops::Range, path::Path};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Footprint {
    pub flash: u64,
    pub ram: u64,
}

const SHF_ALLOC: u32 = 0x2;
const SHT_NOBITS: u32 = 8;

/// The footprint of a 32-bit little-endian ELF whose RAM lies in `ram`.
pub fn footprint(elf: &Path, ram: Range<u64>) -> Result<Footprint, Problem> {
    let bytes = std::fs::read(elf).map_err(|e| problem!("cannot read {}: {e}", elf.display()))?;
    footprint_of(&bytes, ram)
        .ok_or_else(|| problem!("{} is not a 32-bit little-endian ELF file", elf.display()))
}

fn footprint_of(bytes: &[u8], ram: Range<u64>) -> Option<Footprint> {
    if bytes.get(..4)? != b"\x7fELF" || *bytes.get(4)? != 1 || *bytes.get(5)? != 1 {
        return None;
    }
    let u16_at = |at: usize| Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?));
    let u32_at = |at: usize| Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    let section_headers = u32_at(0x20)? as usize;
    let entry_size = u16_at(0x2e)? as usize;
    let count = u16_at(0x30)? as usize;
    let mut total = Footprint { flash: 0, ram: 0 };
    for index in 0..count {
        let header = section_headers + index * entry_size;
        let (kind, flags, address, size) = (
            u32_at(header + 4)?,
            u32_at(header + 8)?,
            u32_at(header + 12)?,
            u32_at(header + 20)?,
        );
        if flags & SHF_ALLOC == 0 {
            continue;
        }
        if kind != SHT_NOBITS {
            total.flash += u64::from(size);
        }
        if ram.contains(&u64::from(address)) {
            total.ram += u64::from(size);
        }
    }
    Some(total)
}

/// `3.9 KiB` / `412 B`.
pub fn human(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_what_is_not_a_32_bit_elf() {
        assert_eq!(footprint_of(b"not an elf at all", 0..1), None);
        assert_eq!(footprint_of(b"\x7fELF\x02\x01", 0..1), None);
    }

    #[test]
    fn formats_sizes_for_people() {
        assert_eq!(human(412), "412 B");
        assert_eq!(human(3994), "3.9 KiB");
    }
}
