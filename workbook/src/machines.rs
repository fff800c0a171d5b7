//! The emulated machines, read from `qemu/machines/<name>/` (`machine.env` and `memory.x`): the
//! same files the runner and the board's build script read.

use crate::{Problem, problem};
use std::{ops::Range, path::Path};

#[derive(Debug, Clone)]
pub struct Machine {
    pub name: String,
    pub target: String,
    pub description: String,
    /// Flash and RAM as `memory.x` declares them.
    pub flash: Range<u64>,
    pub ram: Range<u64>,
}

/// Every machine under `qemu/machines/`, sorted by name.
pub fn load_all(root: &Path) -> Result<Vec<Machine>, Problem> {
    let dir = root.join("qemu/machines");
    let entries =
        std::fs::read_dir(&dir).map_err(|e| problem!("cannot read {}: {e}", dir.display()))?;
    let mut machines = Vec::new();
    for entry in entries.flatten() {
        if entry.path().join("machine.env").is_file() {
            machines.push(load(&entry.path())?);
        }
    }
    machines.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(machines)
}

/// The machine called `name`.
pub fn find(root: &Path, name: &str) -> Result<Machine, Problem> {
    let machines = load_all(root)?;
    let names: Vec<String> = machines.iter().map(|m| m.name.clone()).collect();
    machines
        .into_iter()
        .find(|m| m.name == name)
        .ok_or_else(|| {
            problem!(
                "no machine called '{name}' under qemu/machines/ (there are: {})",
                names.join(", ")
            )
        })
}

fn load(dir: &Path) -> Result<Machine, Problem> {
    let name = dir
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let env_path = dir.join("machine.env");
    let env = std::fs::read_to_string(&env_path)
        .map_err(|e| problem!("cannot read {}: {e}", env_path.display()))?;
    let value = |key: &str| {
        env.lines()
            .filter_map(|line| line.trim().strip_prefix(key)?.strip_prefix('='))
            .map(|v| v.trim().trim_matches('"').to_string())
            .next()
            .ok_or_else(|| problem!("{} does not set {key}", env_path.display()))
    };
    let memory_path = dir.join("memory.x");
    let memory = std::fs::read_to_string(&memory_path)
        .map_err(|e| problem!("cannot read {}: {e}", memory_path.display()))?;
    Ok(Machine {
        target: value("TARGET")?,
        description: value("DESCRIPTION").unwrap_or_default(),
        flash: region(&memory, "FLASH")
            .ok_or_else(|| problem!("{} has no FLASH region", memory_path.display()))?,
        ram: region(&memory, "RAM")
            .ok_or_else(|| problem!("{} has no RAM region", memory_path.display()))?,
        name,
    })
}

/// A region of a `memory.x` `MEMORY` block: `RAM : ORIGIN = 0x20000000, LENGTH = 64K`.
fn region(memory_x: &str, name: &str) -> Option<Range<u64>> {
    let line = memory_x
        .lines()
        .find(|l| l.trim_start().split([' ', ':', '(']).next() == Some(name))?;
    let origin = number(line.split("ORIGIN").nth(1)?)?;
    let length = number(line.split("LENGTH").nth(1)?)?;
    Some(origin..origin + length)
}

/// `= 0x20000000,` or `= 64K`: a linker-script number with its optional K or M suffix.
fn number(text: &str) -> Option<u64> {
    let text = text.trim_start_matches([' ', '=']);
    let text = text.split([',', ';', ' ', '}']).next()?.trim();
    let (digits, scale) = match text.chars().last()? {
        'K' | 'k' => (&text[..text.len() - 1], 1024),
        'M' | 'm' => (&text[..text.len() - 1], 1024 * 1024),
        _ => (text, 1),
    };
    let value = match digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        Some(hex) => u64::from_str_radix(hex, 16).ok()?,
        None => digits.parse().ok()?,
    };
    Some(value * scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_region_lengths_in_every_unit() {
        let memory = "MEMORY\n{\n  FLASH : ORIGIN = 0x00000000, LENGTH = 256K\n  RAM   : ORIGIN = 0x20000000, LENGTH = 0x4000\n}\n";
        assert_eq!(region(memory, "FLASH"), Some(0..256 * 1024));
        assert_eq!(region(memory, "RAM"), Some(0x2000_0000..0x2000_4000));
        assert_eq!(region(memory, "CCMRAM"), None);
    }

    #[test]
    fn the_repository_machines_load() {
        let machines = load_all(&crate::repository_root()).unwrap();
        let names: Vec<&str> = machines.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["lm3s6965evb", "microbit", "mps2-an505"]);
        let m3 = &machines[0];
        assert_eq!(m3.target, "thumbv7m-none-eabi");
        assert_eq!(
            (m3.flash.end - m3.flash.start, m3.ram.end - m3.ram.start),
            (256 * 1024, 64 * 1024)
        );
    }
}
