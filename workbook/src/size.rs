//! Flash and RAM a firmware image takes, and its sections and symbols, read from its ELF file with
//! the `object` crate.
//!
//! Flash holds every allocated section with contents (`.vector_table`, `.text`, `.rodata`, and the
//! initial values of `.data`); RAM holds the allocated sections placed in RAM (`.data`, `.bss`,
//! `.uninit`). The stack is not counted: it is whatever RAM is left.

use crate::{Problem, problem};
use std::{
    ops::Range,
    path::{Path, PathBuf},
    process::Command,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Footprint {
    pub flash: u64,
    pub ram: u64,
}

/// The footprint of a 32-bit little-endian ELF whose RAM lies in `ram`.
pub fn footprint(elf: &Path, ram: Range<u64>) -> Result<Footprint, Problem> {
    let bytes = std::fs::read(elf).map_err(|e| problem!("cannot read {}: {e}", elf.display()))?;
    footprint_of(&bytes, ram)
        .ok_or_else(|| problem!("{} is not a 32-bit little-endian ELF file", elf.display()))
}

fn footprint_of(bytes: &[u8], ram: Range<u64>) -> Option<Footprint> {
    let mut total = Footprint { flash: 0, ram: 0 };
    for section in allocated_sections(bytes)?.1 {
        if section.contents.is_some() {
            total.flash += u64::from(section.size);
        }
        if ram.contains(&u64::from(section.address)) {
            total.ram += u64::from(section.size);
        }
    }
    Some(total)
}

/// A section of an ELF file that is loaded into the target's memory.
pub struct AllocatedSection<'a> {
    pub address: u32,
    pub size: u32,
    /// Its bytes in the file; `None` for a section zeroed at reset (`.bss`, `.uninit`).
    pub contents: Option<&'a [u8]>,
}

/// A 32-bit little-endian ELF file, read with the `object` crate.
type Elf32<'a> = object::read::elf::ElfFile32<'a, object::LittleEndian>;

fn parse(bytes: &[u8]) -> Option<Elf32<'_>> {
    Elf32::parse(bytes).ok()
}

/// The entry point and the allocated sections of a 32-bit little-endian ELF file, in the order
/// of its section headers; `None` when `bytes` is not such a file.
pub fn allocated_sections(bytes: &[u8]) -> Option<(u32, Vec<AllocatedSection<'_>>)> {
    use object::{Object, ObjectSection, SectionFlags, elf};
    let file = parse(bytes)?;
    let mut sections = Vec::new();
    for section in file.sections() {
        let SectionFlags::Elf { sh_flags, sh_type } = section.flags() else {
            continue;
        };
        if !sh_flags.contains(elf::SHF_ALLOC) {
            continue;
        }
        let contents = if sh_type == elf::SHT_NOBITS {
            None
        } else {
            Some(section.data().ok()?)
        };
        sections.push(AllocatedSection {
            address: u32::try_from(section.address()).ok()?,
            size: u32::try_from(section.size()).ok()?,
            contents,
        });
    }
    Some((u32::try_from(file.entry()).ok()?, sections))
}

/// `3.9 KiB` / `412 B`.
pub fn human(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    }
}

/// One section of an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub name: String,
    pub size: u64,
    pub address: u64,
}

/// One symbol of an image, with its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub address: u64,
    pub size: u64,
    /// nm's letter: `T` code, `R` read-only data, `D` initialised data, `B` zeroed data;
    /// lower case for a symbol local to its object.
    pub kind: char,
    /// Demangled: `core::fmt::write`, `checksum::main`.
    pub name: String,
}

impl Symbol {
    /// What nm's letter means, in words, with the section of a static found by its address among
    /// `sections`: nm gives every section that takes no room in the file (`.bss`, but `.uninit`
    /// too) the same letter.
    pub fn kind_in_words(&self, sections: &[Section]) -> String {
        let section = sections
            .iter()
            .find(|s| (s.address..s.address + s.size).contains(&self.address))
            .map(|s| s.name.as_str());
        match (self.kind.to_ascii_uppercase(), section) {
            ('T', _) => "code".into(),
            ('R', _) => "constant".into(),
            ('D' | 'B', Some(section)) => format!("static, {section}"),
            ('D', None) => "static, .data".into(),
            ('B', None) => "static, .bss".into(),
            _ => "other".into(),
        }
    }
}

/// The path of an LLVM tool from the toolchain's `llvm-tools` component (`llvm-size`,
/// `llvm-nm`): it lives in the sysroot, not on PATH.
pub fn llvm_tool(root: &Path, name: &str) -> Result<PathBuf, Problem> {
    let rustc = |args: &[&str]| {
        Command::new("rustc")
            .args(args)
            .current_dir(root)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
    };
    let sysroot = rustc(&["--print", "sysroot"])
        .ok_or_else(|| problem!("cannot ask rustc for its sysroot: is Rust installed?"))?;
    let host = host_triple(root)?;
    let tool = Path::new(sysroot.trim())
        .join("lib/rustlib")
        .join(host.trim())
        .join("bin")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    if tool.is_file() {
        Ok(tool)
    } else {
        Err(problem!(
            "{name} is missing ({} does not exist): `cargo workbook doctor` installs the llvm-tools component",
            tool.display()
        ))
    }
}

/// The triple of the machine we run on (`x86_64-unknown-linux-gnu`), as rustc names it.
pub fn host_triple(root: &Path) -> Result<String, Problem> {
    Command::new("rustc")
        .arg("-vV")
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .find_map(|l| l.strip_prefix("host: ").map(|h| h.trim().to_string()))
        })
        .ok_or_else(|| problem!("cannot ask rustc for its host: is Rust installed?"))
}

/// The sections that end up on the chip (address not zero, or the vector table at zero), in the
/// order of the file's section headers.
pub fn sections(elf: &Path) -> Result<Vec<Section>, Problem> {
    use object::{Object, ObjectSection};
    let bytes = std::fs::read(elf).map_err(|e| problem!("cannot read {}: {e}", elf.display()))?;
    let file = parse(&bytes)
        .ok_or_else(|| problem!("{} is not a 32-bit little-endian ELF file", elf.display()))?;
    Ok(file
        .sections()
        .filter_map(|s| {
            Some(Section {
                name: s.name().ok()?.to_string(),
                size: s.size(),
                address: s.address(),
            })
        })
        .filter(|s| s.name.starts_with('.'))
        // Debug information and comments have address 0 and never reach the chip; empty
        // sections other than the statics' say nothing.
        .filter(|s| s.address != 0 || s.name == ".vector_table")
        .filter(|s| s.size != 0 || [".data", ".bss", ".uninit"].contains(&s.name.as_str()))
        .collect())
}

/// Every symbol of `elf` that is defined in a section, smallest first, with Rust's names
/// demangled and without their hashes.
pub fn symbols(elf: &Path) -> Result<Vec<Symbol>, Problem> {
    use object::{Object, ObjectSection, ObjectSymbol, SectionKind, SymbolKind};
    let bytes = std::fs::read(elf).map_err(|e| problem!("cannot read {}: {e}", elf.display()))?;
    let file = parse(&bytes)
        .ok_or_else(|| problem!("{} is not a 32-bit little-endian ELF file", elf.display()))?;
    let mut symbols: Vec<Symbol> = file
        .symbols()
        .filter(|s| !matches!(s.kind(), SymbolKind::Section | SymbolKind::File))
        // The assembler's own labels (`.Lanon.…`) name no item of the program.
        .filter(|s| !s.name().is_ok_and(|n| n.starts_with(".L")))
        .filter_map(|symbol| {
            let section = file.section_by_index(symbol.section_index()?).ok()?;
            // nm's letters: what kind of section the symbol is in.
            let letter = match section.kind() {
                SectionKind::Text => 'T',
                SectionKind::ReadOnlyData | SectionKind::ReadOnlyString => 'R',
                SectionKind::Data => 'D',
                SectionKind::UninitializedData => 'B',
                _ => '?',
            };
            let name = symbol.name().ok()?;
            Some(Symbol {
                address: symbol.address(),
                size: symbol.size(),
                kind: if symbol.is_local() {
                    letter.to_ascii_lowercase()
                } else {
                    letter
                },
                // `{:#}` leaves the hash out: `main::h030bf3583b27c10f` is `main`.
                name: format!("{:#}", rustc_demangle::demangle(name)),
            })
        })
        .collect();
    symbols.sort_by(|a, b| a.size.cmp(&b.size).then_with(|| a.name.cmp(&b.name)));
    Ok(symbols)
}

/// A firmware image small enough to write by hand, for the tests here and in `firmware`.
#[cfg(test)]
pub(crate) mod fixture {
    /// A 32-bit little-endian ARM executable with entry point 0x401 and four sections after the
    /// null one: `.text` (allocated, 4 bytes at 0x400), `.bss` (allocated, zeroed, 8 bytes at
    /// 0x2000_0000), `.debug_info` (not allocated, 4 bytes) and the section names.
    pub(crate) fn test_elf(text: [u8; 4], debug: [u8; 4]) -> Vec<u8> {
        let names = b"\0.text\0.bss\0.debug_info\0.shstrtab\0";
        let mut bytes = vec![0u8; 0x34];
        bytes[..7].copy_from_slice(b"\x7fELF\x01\x01\x01");
        bytes[0x10..0x12].copy_from_slice(&2u16.to_le_bytes()); // an executable
        bytes[0x12..0x14].copy_from_slice(&40u16.to_le_bytes()); // for ARM
        bytes[0x14..0x18].copy_from_slice(&1u32.to_le_bytes());
        bytes[0x18..0x1c].copy_from_slice(&0x401u32.to_le_bytes());
        bytes[0x28..0x2a].copy_from_slice(&0x34u16.to_le_bytes());
        let contents = bytes.len();
        bytes.extend_from_slice(&text);
        bytes.extend_from_slice(&debug);
        bytes.extend_from_slice(names);
        let headers = bytes.len();
        bytes[0x20..0x24].copy_from_slice(&(headers as u32).to_le_bytes());
        bytes[0x2e..0x30].copy_from_slice(&40u16.to_le_bytes());
        bytes[0x30..0x32].copy_from_slice(&5u16.to_le_bytes());
        bytes[0x32..0x34].copy_from_slice(&4u16.to_le_bytes());
        // (name, type, flags, address, offset, size) of each section header.
        let sections = [
            (0u32, 0u32, 0u32, 0u32, 0usize, 0u32),
            (1, 1, 0x6, 0x400, contents, 4),
            (7, 8, 0x3, 0x2000_0000, contents + 4, 8),
            (12, 1, 0, 0, contents + 4, 4),
            (24, 3, 0, 0, contents + 8, names.len() as u32),
        ];
        for (name, kind, flags, address, offset, size) in sections {
            let mut header = vec![0u8; 40];
            header[0..4].copy_from_slice(&name.to_le_bytes());
            header[4..8].copy_from_slice(&kind.to_le_bytes());
            header[8..12].copy_from_slice(&flags.to_le_bytes());
            header[12..16].copy_from_slice(&address.to_le_bytes());
            header[16..20].copy_from_slice(&(offset as u32).to_le_bytes());
            header[20..24].copy_from_slice(&size.to_le_bytes());
            bytes.extend_from_slice(&header);
        }
        bytes
    }
}
#[cfg(test)]
pub(crate) use fixture::test_elf;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_sections_that_reach_the_chip_and_what_they_take() {
        let bytes = test_elf([1, 2, 3, 4], [9, 9, 9, 9]);
        let file = std::env::temp_dir().join(format!("workbook-size-{}.elf", std::process::id()));
        std::fs::write(&file, &bytes).unwrap();
        let sections = sections(&file).unwrap();
        std::fs::remove_file(&file).unwrap();
        // The debug information and the section names have address 0: not on the chip.
        assert_eq!(
            sections,
            vec![
                Section {
                    name: ".text".into(),
                    size: 4,
                    address: 0x400
                },
                Section {
                    name: ".bss".into(),
                    size: 8,
                    address: 0x2000_0000
                },
            ]
        );
        // Flash: the code; RAM: the zeroed statics, which take no flash.
        assert_eq!(
            footprint_of(&bytes, 0x2000_0000..0x2001_0000),
            Some(Footprint { flash: 4, ram: 8 })
        );
    }

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
