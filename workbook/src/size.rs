//! Flash and RAM a firmware image takes, read from its ELF section headers.
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

const SHF_ALLOC: u32 = 0x2;
const SHT_NOBITS: u32 = 8;

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

/// The entry point and the allocated sections of a 32-bit little-endian ELF file, in the order
/// of its section headers; `None` when `bytes` is not such a file.
pub fn allocated_sections(bytes: &[u8]) -> Option<(u32, Vec<AllocatedSection<'_>>)> {
    if bytes.get(..4)? != b"\x7fELF" || *bytes.get(4)? != 1 || *bytes.get(5)? != 1 {
        return None;
    }
    let u16_at = |at: usize| Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?));
    let u32_at = |at: usize| Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    let section_headers = u32_at(0x20)? as usize;
    let entry_size = u16_at(0x2e)? as usize;
    let count = u16_at(0x30)? as usize;
    let mut sections = Vec::new();
    for index in 0..count {
        let header = section_headers + index * entry_size;
        let (kind, flags, address, offset, size) = (
            u32_at(header + 4)?,
            u32_at(header + 8)?,
            u32_at(header + 12)?,
            u32_at(header + 16)? as usize,
            u32_at(header + 20)?,
        );
        if flags & SHF_ALLOC == 0 {
            continue;
        }
        let contents = match kind {
            SHT_NOBITS => None,
            _ => Some(bytes.get(offset..offset + size as usize)?),
        };
        sections.push(AllocatedSection {
            address,
            size,
            contents,
        });
    }
    Some((u32_at(0x18)?, sections))
}

/// `3.9 KiB` / `412 B`.
pub fn human(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    }
}

/// One section of an image, as `llvm-size -A` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub name: String,
    pub size: u64,
    pub address: u64,
}

/// One symbol with a size, as `llvm-nm --print-size` lists it.
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

fn tool_output(tool: &Path, args: &[&str], elf: &Path) -> Result<String, Problem> {
    let out = Command::new(tool)
        .args(args)
        .arg(elf)
        .output()
        .map_err(|e| problem!("cannot run {}: {e}", tool.display()))?;
    if !out.status.success() {
        return Err(problem!(
            "{} failed on {}: {}",
            tool.display(),
            elf.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The sections that end up on the chip (address not zero, or the vector table at zero), from
/// `llvm-size -A -d`.
pub fn sections(llvm_size: &Path, elf: &Path) -> Result<Vec<Section>, Problem> {
    Ok(parse_sections(&tool_output(llvm_size, &["-A", "-d"], elf)?))
}

fn parse_sections(text: &str) -> Vec<Section> {
    text.lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let (name, size, address) = (words.next()?, words.next()?, words.next()?);
            if !name.starts_with('.') || words.next().is_some() {
                return None;
            }
            Some(Section {
                name: name.to_string(),
                size: size.parse().ok()?,
                address: address.parse().ok()?,
            })
        })
        // Debug information and comments have address 0 and never reach the chip; empty
        // sections other than the statics' say nothing.
        .filter(|s| s.address != 0 || s.name == ".vector_table")
        .filter(|s| s.size != 0 || [".data", ".bss", ".uninit"].contains(&s.name.as_str()))
        .collect()
}

/// Every symbol of `elf` that has a size, smallest first, demangled and without hashes.
pub fn symbols(llvm_nm: &Path, elf: &Path) -> Result<Vec<Symbol>, Problem> {
    let text = tool_output(
        llvm_nm,
        &["--print-size", "--size-sort", "--radix=d", "--demangle"],
        elf,
    )?;
    Ok(parse_symbols(&text))
}

fn parse_symbols(text: &str) -> Vec<Symbol> {
    text.lines()
        .filter_map(|line| {
            let mut words = line.splitn(4, ' ');
            let (address, size, kind, name) =
                (words.next()?, words.next()?, words.next()?, words.next()?);
            let mut kind_chars = kind.chars();
            let (Some(kind), None) = (kind_chars.next(), kind_chars.next()) else {
                return None;
            };
            Some(Symbol {
                address: address.parse().ok()?,
                size: size.parse().ok()?,
                kind,
                name: without_hash(name.trim()).to_string(),
            })
        })
        .collect()
}

/// A legacy-mangled Rust name demangles with its hash: `main::h030bf3583b27c10f`. The hash
/// tells symbols of different builds apart; a reader wants the path.
fn without_hash(name: &str) -> &str {
    match name.rsplit_once("::h") {
        Some((path, hash)) if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => {
            path
        }
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_llvm_size_sections_without_debug_information() {
        let text = "target/x  :\nsection              size        addr\n.vector_table        1024           0\n.text                5232        1024\n.data                   4   536870912\n.debug_info         90000           0\nTotal               96260\n";
        assert_eq!(
            parse_sections(text),
            vec![
                Section {
                    name: ".vector_table".into(),
                    size: 1024,
                    address: 0
                },
                Section {
                    name: ".text".into(),
                    size: 5232,
                    address: 1024
                },
                Section {
                    name: ".data".into(),
                    size: 4,
                    address: 536870912
                },
            ]
        );
    }

    #[test]
    fn reads_llvm_nm_symbols_with_spaces_in_their_names() {
        let text = "00001024 0000000010 T main\n00002000 0000000300 t <u8 as core::fmt::Display>::fmt::h030bf3583b27c10f\n536871000 0000000064 b CRASH_LOG\n";
        let symbols = parse_symbols(text);
        assert_eq!(symbols.len(), 3);
        assert_eq!(symbols[1].name, "<u8 as core::fmt::Display>::fmt");
        assert_eq!(symbols[1].size, 300);
        assert_eq!(symbols[1].kind_in_words(&[]), "code");
        // A zero-initialised letter, in whichever section holds its address.
        let sections = |name: &str| {
            vec![Section {
                name: name.into(),
                size: 1024,
                address: 536870912,
            }]
        };
        assert_eq!(
            symbols[2].kind_in_words(&sections(".uninit")),
            "static, .uninit"
        );
        assert_eq!(symbols[2].kind_in_words(&[]), "static, .bss");
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
