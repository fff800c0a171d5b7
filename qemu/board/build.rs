//! Put the memory map of the machine that runs this target on the linker's search path.
//!
//! A `memory.x` in a member's own folder is not found when cargo runs from the workspace root,
//! so every exercise gets it from here: cortex-m-rt's `link.x` does `INCLUDE memory.x`.

use std::{env, fs, path::PathBuf};

fn main() {
    let target = env::var("TARGET").expect("cargo sets TARGET for build scripts");
    // ARMv6-M (Cortex-M0) has no configurable fault status registers to decode.
    println!("cargo::rustc-check-cfg=cfg(armv6m)");
    if target.starts_with("thumbv6m") {
        println!("cargo::rustc-cfg=armv6m");
    }
    // Where this package is now, read when the script runs: `env!` would keep the folder the
    // script was compiled in, and a build directory shared by two copies of the workspace reuses
    // the compiled script.
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let machines = PathBuf::from(manifest_dir).join("../machines");
    println!("cargo:rerun-if-changed={}", machines.display());

    let Some(machine) = machine_for(&machines, &target) else {
        // Host builds (clippy on the workspace, docs) link nothing: nothing to do.
        if target.starts_with("thumb") {
            panic!("no machine under qemu/machines/ runs target {target}");
        }
        return;
    };
    // SysTick's period in QEMU's model of this machine, if measured: board::timing needs it.
    let machine_env = fs::read_to_string(machine.join("machine.env")).expect("read machine.env");
    if let Some(systick_ns) = machine_env
        .lines()
        .find_map(|l| l.strip_prefix("SYSTICK_NS="))
    {
        println!("cargo::rustc-env=BOARD_SYSTICK_NS={}", systick_ns.trim());
    }
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let memory = fs::read_to_string(machine.join("memory.x")).expect("read memory.x");
    // The flash and RAM bounds as symbols, for `board::layout`. RAM's are written as numbers, not
    // as ORIGIN(RAM): flip-link moves the RAM region above the stack, and the fault report must
    // still know where the chip's RAM really begins.
    let (ram_origin, ram_length) = region(&memory, "RAM").expect("memory.x declares RAM");
    let symbols = format!(
        "_flash_start = ORIGIN(FLASH);\n_flash_end = ORIGIN(FLASH) + LENGTH(FLASH);\n\
         _board_ram_start = {ram_origin};\n_board_ram_end = {ram_origin} + {ram_length};\n"
    );
    fs::write(out.join("memory.x"), memory + &symbols).expect("write memory.x");
    println!("cargo:rustc-link-search={}", out.display());
    println!(
        "cargo:rerun-if-changed={}",
        machine.join("memory.x").display()
    );
}

/// The ORIGIN and LENGTH of `name` in a `MEMORY` block, as written (`0x20000000`, `16K`).
fn region(memory: &str, name: &str) -> Option<(String, String)> {
    let line = memory
        .lines()
        .find(|l| l.split(':').next().map(str::trim) == Some(name))?;
    let value = |key: &str| {
        let after = line.split(key).nth(1)?.trim_start().strip_prefix('=')?;
        Some(after.split(',').next()?.trim().to_string())
    };
    Some((value("ORIGIN")?, value("LENGTH")?))
}

/// The folder under `qemu/machines/` whose `machine.env` says `TARGET=<target>`.
fn machine_for(machines: &PathBuf, target: &str) -> Option<PathBuf> {
    let wanted = format!("TARGET={target}");
    fs::read_dir(machines)
        .ok()?
        .flatten()
        .map(|entry| entry.path())
        .find(|dir| {
            fs::read_to_string(dir.join("machine.env"))
                .map(|env| env.lines().any(|line| line.trim() == wanted))
                .unwrap_or(false)
        })
}
