//! The setup check: the pinned toolchain with its targets and components, QEMU, mdBook, flip-link,
//! and Chromium for the test suite. It installs what it can (rustup for the toolchain, cargo for
//! mdBook and flip-link, apt-get for QEMU and Chromium on Debian) and otherwise prints the exact
//! command for the learner's system.

use crate::report::{bold, dim, green, red, yellow};
use crate::{Problem, problem};
use std::{
    io::{BufRead, IsTerminal, Write},
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

/// The mdBook the book is built and tested with.
pub const MDBOOK_VERSION: &str = "0.5.4";
/// The flip-link the stack chapter's microbit exercise links with.
pub const FLIP_LINK_VERSION: &str = "0.1.12";
/// The oldest QEMU whose Cortex-M machines the exercises were checked on.
pub const QEMU_MINIMUM: (u32, u32) = (7, 2);

/// What `rust-toolchain.toml` pins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toolchain {
    pub channel: String,
    pub targets: Vec<String>,
    pub components: Vec<String>,
}

impl Toolchain {
    pub fn pinned(root: &Path) -> Result<Toolchain, Problem> {
        let path = root.join("rust-toolchain.toml");
        let text = std::fs::read_to_string(&path)
            .map_err(|e| problem!("cannot read {}: {e}", path.display()))?;
        let table: toml::Table =
            toml::from_str(&text).map_err(|e| problem!("{}: {e}", path.display()))?;
        let toolchain = table
            .get("toolchain")
            .and_then(|t| t.as_table())
            .ok_or_else(|| problem!("{}: no [toolchain]", path.display()))?;
        let strings = |key: &str| -> Vec<String> {
            toolchain
                .get(key)
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        Ok(Toolchain {
            channel: toolchain
                .get("channel")
                .and_then(|c| c.as_str())
                .ok_or_else(|| problem!("{}: no channel", path.display()))?
                .to_string(),
            targets: strings("targets"),
            components: strings("components"),
        })
    }

    /// The rustup command that installs all of it (rustup adds only what is missing).
    pub fn install_command(&self) -> Vec<String> {
        let mut command: Vec<String> = [
            "rustup",
            "toolchain",
            "install",
            &self.channel,
            "--profile",
            "minimal",
        ]
        .map(String::from)
        .to_vec();
        if !self.components.is_empty() {
            command.extend(["--component".into(), self.components.join(",")]);
        }
        if !self.targets.is_empty() {
            command.extend(["--target".into(), self.targets.join(",")]);
        }
        command
    }
}

/// How a missing piece can be installed.
#[derive(Debug, Clone)]
pub enum Fix {
    /// A command we may run ourselves; `ask` when it changes the system or takes long.
    Run { command: Vec<String>, ask: bool },
    /// Only the learner can do it: the words to show.
    Manual(String),
}

#[derive(Debug, Clone)]
pub struct Check {
    pub name: String,
    /// Only the test suite needs it (the book's browser test): a learner can start without it.
    pub tests_only: bool,
    /// What a learner who starts without it will need it for (Miri, for exercise 12.4): said
    /// instead of "only `cargo test` needs it" when the loop starts.
    pub later: Option<String>,
    /// What was found, when it is fine.
    pub found: Result<String, (String, Fix)>,
}

/// Runs every check once, without fixing anything.
pub fn checks(root: &Path) -> Vec<Check> {
    let mut checks = Vec::new();
    match Toolchain::pinned(root) {
        Err(p) => checks.push(Check {
            name: "toolchain".into(),
            tests_only: false,
            later: None,
            found: Err((
                p.0,
                Fix::Manual("restore rust-toolchain.toml from git".into()),
            )),
        }),
        Ok(pinned) => checks.extend(toolchain_checks(root, &pinned)),
    }
    checks.push(qemu_check());
    checks.push(mdbook_check());
    checks.push(flip_link_check());
    checks.push(chromium_check());
    checks.push(miri_check(root));
    checks
}

/// Miri, on the nightly `.ci/miri-toolchain` pins: exercise 12.4 runs its unit tests under it,
/// and the judge says NOT RUN without it. A learner can start without it (it is a second
/// toolchain, several hundred megabytes).
fn miri_check(root: &Path) -> Check {
    let found = match crate::checks::miri_toolchain(root) {
        Err(p) => Err((
            p.0,
            Fix::Manual(format!(
                "restore {} from git",
                crate::checks::MIRI_TOOLCHAIN_FILE
            )),
        )),
        Ok(toolchain) if crate::checks::miri_installed(root) => Ok(format!("on {toolchain}")),
        Ok(toolchain) => Err((
            format!(
                "not installed: exercise 12.4 runs its unit tests under Miri, on {toolchain} \
                 (a second toolchain, several hundred MB)"
            ),
            Fix::Run {
                command: [
                    "rustup",
                    "toolchain",
                    "install",
                    &toolchain,
                    "--profile",
                    "minimal",
                    "--component",
                    "miri,rust-src",
                ]
                .map(String::from)
                .to_vec(),
                ask: true,
            },
        )),
    };
    Check {
        name: "Miri".into(),
        tests_only: true,
        later: Some("exercise 12.4 needs it".into()),
        found,
    }
}

/// The names under which a Chromium or a Chrome is installed (Debian's package is `chromium`).
pub const CHROMIUM_NAMES: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// The browser the suite opens the built book in: `$CHROMIUM`, or one of the usual names on PATH.
/// A `CHROMIUM` that names no file finds nothing.
pub fn find_chromium() -> Option<PathBuf> {
    match std::env::var_os("CHROMIUM").filter(|p| !p.is_empty()) {
        Some(path) => Some(PathBuf::from(path)).filter(|p| p.is_file()),
        None => CHROMIUM_NAMES.iter().find_map(|name| on_path(name)),
    }
}

fn chromium_check() -> Check {
    let found = match (
        find_chromium(),
        std::env::var_os("CHROMIUM").filter(|p| !p.is_empty()),
    ) {
        (Some(path), _) => Ok(path.display().to_string()),
        // Installing a browser would not change what the variable names.
        (None, Some(path)) => Err((
            format!(
                "CHROMIUM is set to {}, which is not a file: only `cargo test` needs a Chromium, \
                 to open the built book in a headless browser",
                PathBuf::from(path).display()
            ),
            Fix::Manual(
                "set CHROMIUM to the path of a Chromium or Chrome, or unset it to use one on PATH"
                    .into(),
            ),
        )),
        (None, None) => Err((
            "not installed: only `cargo test` needs it, to open the built book in a headless \
             browser (or set CHROMIUM to a Chromium or Chrome)"
                .into(),
            system_package_fix(&CHROMIUM_PACKAGE),
        )),
    };
    Check {
        name: "Chromium".into(),
        tests_only: true,
        later: None,
        found,
    }
}

fn flip_link_check() -> Check {
    // flip-link has no --version: it hands every argument to the linker. Being on PATH is enough.
    let found = match on_path("flip-link") {
        Some(path) => Ok(path.display().to_string()),
        None => Err((
            "not installed: the stack chapter links one exercise with it (a few seconds to install)"
                .into(),
            Fix::Run {
                command: [
                    "cargo",
                    "install",
                    "flip-link",
                    "--locked",
                    "--version",
                    FLIP_LINK_VERSION,
                ]
                .map(String::from)
                .to_vec(),
                ask: true,
            },
        )),
    };
    Check {
        name: "flip-link".into(),
        tests_only: false,
        later: None,
        found,
    }
}

/// Where `program` is on PATH, as the shell would find it.
fn on_path(program: &str) -> Option<std::path::PathBuf> {
    let names = if cfg!(windows) {
        vec![format!("{program}.exe")]
    } else {
        vec![program.to_string()]
    };
    std::env::split_paths(&std::env::var_os("PATH")?)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

fn toolchain_checks(root: &Path, pinned: &Toolchain) -> Vec<Check> {
    let fix = Fix::Run {
        command: pinned.install_command(),
        ask: false,
    };
    let rustc = output(root, "rustc", &["--version"]);
    let version_ok = rustc
        .as_deref()
        .is_some_and(|v| v.starts_with(&format!("rustc {} ", pinned.channel)));
    let toolchain = Check {
        name: format!("Rust {}", pinned.channel),
        tests_only: false,
        later: None,
        found: match &rustc {
            Some(v) if version_ok => Ok(v.clone()),
            Some(v) => Err((
                format!(
                    "rustc here is {v}; rust-toolchain.toml pins {}",
                    pinned.channel
                ),
                fix.clone(),
            )),
            None => Err((
                "rustc is not installed (install rustup: https://rustup.rs)".into(),
                fix.clone(),
            )),
        },
    };
    let mut checks = vec![toolchain];
    let Some(sysroot) = output(root, "rustc", &["--print", "sysroot"])
        .map(PathBuf::from)
        .filter(|_| version_ok)
    else {
        return checks;
    };
    let missing_targets: Vec<&String> = pinned
        .targets
        .iter()
        .filter(|t| !sysroot.join("lib/rustlib").join(t).join("lib").is_dir())
        .collect();
    checks.push(Check {
        name: "thumb targets".into(),
        tests_only: false,
        later: None,
        found: if missing_targets.is_empty() {
            Ok(pinned.targets.join(", "))
        } else {
            Err((
                format!(
                    "missing {}",
                    missing_targets
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                fix.clone(),
            ))
        },
    });
    let host = output(root, "rustc", &["--print", "host-tuple"]).unwrap_or_default();
    let component_present = |component: &str| match component {
        "rust-src" => sysroot.join("lib/rustlib/src/rust/library").is_dir(),
        "llvm-tools" => sysroot
            .join("lib/rustlib")
            .join(&host)
            .join("bin")
            .join(format!("llvm-size{}", std::env::consts::EXE_SUFFIX))
            .is_file(),
        "clippy" => sysroot
            .join("bin")
            .join(format!("cargo-clippy{}", std::env::consts::EXE_SUFFIX))
            .is_file(),
        "rustfmt" => sysroot
            .join("bin")
            .join(format!("rustfmt{}", std::env::consts::EXE_SUFFIX))
            .is_file(),
        _ => true,
    };
    let missing_components: Vec<&String> = pinned
        .components
        .iter()
        .filter(|c| !component_present(c))
        .collect();
    checks.push(Check {
        name: "components".into(),
        tests_only: false,
        later: None,
        found: if missing_components.is_empty() {
            Ok(pinned.components.join(", "))
        } else {
            Err((
                format!(
                    "missing {}",
                    missing_components
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                fix,
            ))
        },
    });
    checks
}

fn qemu_check() -> Check {
    let name = "qemu-system-arm".to_string();
    let found = match output(Path::new("."), "qemu-system-arm", &["--version"]) {
        None => Err(("not installed: it runs every exercise".into(), qemu_fix())),
        Some(version) => {
            let first = version.lines().next().unwrap_or_default().to_string();
            match parse_qemu_version(&first) {
                Some(v) if v < QEMU_MINIMUM => Err((
                    format!(
                        "{first}: older than {}.{}, whose Cortex-M machines the exercises were checked on",
                        QEMU_MINIMUM.0, QEMU_MINIMUM.1
                    ),
                    qemu_fix(),
                )),
                _ => Ok(first),
            }
        }
    };
    Check {
        name,
        tests_only: false,
        later: None,
        found,
    }
}

/// `QEMU emulator version 7.2.22 (Debian …)` → (7, 2).
pub fn parse_qemu_version(line: &str) -> Option<(u32, u32)> {
    let version = line.split("version ").nth(1)?.split_whitespace().next()?;
    let mut parts = version.split('.');
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

fn mdbook_check() -> Check {
    let fix = Fix::Run {
        command: [
            "cargo",
            "install",
            "mdbook",
            "--locked",
            "--version",
            MDBOOK_VERSION,
        ]
        .map(String::from)
        .to_vec(),
        ask: true,
    };
    let found = match output(Path::new("."), "mdbook", &["--version"]) {
        None => Err((
            "not installed: it builds and serves the book (about 2 minutes to install)".into(),
            fix,
        )),
        Some(v)
            if v.contains(&format!(
                "v{}",
                MDBOOK_VERSION
                    .rsplit_once('.')
                    .map_or(MDBOOK_VERSION, |(mm, _)| mm)
            )) =>
        {
            Ok(v)
        }
        Some(v) => Err((
            format!("{v}: the book is written for mdBook {MDBOOK_VERSION}"),
            fix,
        )),
    };
    Check {
        name: "mdBook".into(),
        tests_only: false,
        later: None,
        found,
    }
}

/// A program's package on each system the workbook names.
struct Package {
    /// What it is, for the words of a manual fix.
    what: &'static str,
    /// Debian's package; Ubuntu's too, unless `ubuntu` says otherwise.
    apt: &'static str,
    /// Ubuntu's way when apt is not it (its `chromium` package is only a way into snap).
    ubuntu: Option<&'static str>,
    dnf: &'static str,
    pacman: &'static str,
    brew: &'static str,
}

const QEMU_PACKAGE: Package = Package {
    what: "QEMU's Arm system emulator",
    apt: "qemu-system-arm",
    ubuntu: None,
    dnf: "qemu-system-arm",
    pacman: "qemu-system-arm",
    brew: "qemu",
};

const CHROMIUM_PACKAGE: Package = Package {
    what: "Chromium (or Chrome, with CHROMIUM set to its path)",
    apt: "chromium",
    ubuntu: Some("sudo snap install chromium"),
    dnf: "chromium",
    pacman: "chromium",
    brew: "--cask chromium",
};

fn qemu_fix() -> Fix {
    system_package_fix(&QEMU_PACKAGE)
}

/// How to install `package` here: apt-get ourselves on Debian (and Ubuntu) when we may, as root or
/// through sudo without a password; otherwise the command for the learner's system.
fn system_package_fix(package: &Package) -> Fix {
    let by_system = format!(
        "  Debian, Ubuntu:  sudo apt-get install {apt}\n  \
Fedora:          sudo dnf install {dnf}\n  \
Arch:            sudo pacman -S {pacman}\n  \
macOS:           brew install {brew}\n  \
Windows:         wsl --install -d Ubuntu (WSL 2), then the Debian/Ubuntu command inside it (the runner is a POSIX shell script)",
        apt = package.apt,
        dnf = package.dnf,
        pacman = package.pacman,
        brew = package.brew
    );
    if cfg!(target_os = "macos") {
        return Fix::Manual(format!("brew install {}", package.brew));
    }
    let release = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
    let family = release
        .lines()
        .filter_map(|l| l.strip_prefix("ID=").or_else(|| l.strip_prefix("ID_LIKE=")))
        .flat_map(|v| {
            v.trim_matches('"')
                .split(' ')
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>();
    let has = |id: &str| family.iter().any(|f| f == id);
    if let (true, Some(ubuntu)) = (has("ubuntu"), package.ubuntu) {
        return Fix::Manual(ubuntu.into());
    }
    if has("debian") || has("ubuntu") {
        let root = output(Path::new("."), "id", &["-u"]).as_deref() == Some("0");
        let sudo = if root { "" } else { "sudo " };
        let script = format!(
            "{sudo}apt-get update -qq && {sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y {}",
            package.apt
        );
        if root || output(Path::new("."), "sudo", &["-n", "true"]).is_some() {
            return Fix::Run {
                command: vec!["sh".into(), "-c".into(), script],
                ask: true,
            };
        }
        return Fix::Manual(format!("sudo apt-get install {}", package.apt));
    }
    if has("fedora") || has("rhel") {
        return Fix::Manual(format!("sudo dnf install {}", package.dnf));
    }
    if has("arch") {
        return Fix::Manual(format!("sudo pacman -S {}", package.pacman));
    }
    Fix::Manual(format!("install {}:\n{by_system}", package.what))
}

/// The trimmed stdout of a command that succeeded.
fn output(dir: &Path, program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Checks, fixes what it may (asking first where the fix says so, unless `yes`), checks again.
/// Returns whether everything is in place.
///
/// `learning` is the learner's start (`cargo workbook`): it says nothing when all is well, and
/// leaves what only the test suite needs to a one-line note rather than offer to install it.
pub fn doctor(root: &Path, yes: bool, learning: bool) -> bool {
    let first = checks(root);
    let required_ok = |checks: &[Check]| checks.iter().all(|c| c.tests_only || c.found.is_ok());
    if learning && required_ok(&first) {
        for check in first.iter().filter(|c| c.found.is_err()) {
            println!(
                "{}",
                dim(&format!(
                    "({} is not installed: {}; `cargo workbook doctor` installs it)",
                    check.name,
                    check
                        .later
                        .as_deref()
                        .unwrap_or("only `cargo test` needs it")
                ))
            );
        }
        return true;
    }
    println!("{}", bold("Checking the setup"));
    print_checks(&first);
    let mut fixed_any = false;
    let mut attempted: Vec<Vec<String>> = Vec::new();
    for check in &first {
        let Err((_, Fix::Run { command, ask })) = &check.found else {
            continue;
        };
        if learning && check.tests_only {
            continue;
        }
        if attempted.contains(command) {
            continue; // the toolchain, targets and components share one rustup command
        }
        attempted.push(command.clone());
        let shown = shell_line(command);
        if *ask && !yes && !confirm(&format!("Install {} now with `{shown}`?", check.name)) {
            println!("  skipped; to do it yourself: {shown}");
            continue;
        }
        println!("{} {shown}", bold("running:"));
        let status = Command::new(&command[0])
            .args(&command[1..])
            .current_dir(root)
            .status();
        match status {
            Ok(s) if s.success() => fixed_any = true,
            Ok(s) => println!("{} `{shown}` failed ({s})", red("error:")),
            Err(e) => println!("{} cannot run `{shown}`: {e}", red("error:")),
        }
    }
    let last = if fixed_any {
        println!("\n{}", bold("Checking again"));
        let again = checks(root);
        print_checks(&again);
        again
    } else {
        first
    };
    let ok = required_ok(&last);
    let missing_for_tests: Vec<&str> = last
        .iter()
        .filter(|c| c.tests_only && c.found.is_err())
        .map(|c| c.name.as_str())
        .collect();
    if !ok {
        println!(
            "{}",
            red("Something is still missing: the lines marked MISSING say how to fix it.")
        );
    } else if missing_for_tests.is_empty() {
        println!("{}", green("Everything the workbook needs is in place."));
    } else {
        println!(
            "{} {}",
            green("Everything the exercises and the book need is in place."),
            yellow(&format!(
                "The test suite (`cargo test`) also needs {}: see above.",
                missing_for_tests.join(", ")
            ))
        );
    }
    ok
}

fn print_checks(checks: &[Check]) {
    for check in checks {
        match &check.found {
            Ok(found) => println!("  {}      {:<16} {found}", green("ok"), check.name),
            Err((why, fix)) => {
                let mark = if check.tests_only {
                    yellow("MISSING")
                } else {
                    red("MISSING")
                };
                println!("  {mark} {:<16} {why}", check.name);
                match fix {
                    Fix::Run { command, .. } => {
                        println!("          {} {}", yellow("fix:"), shell_line(command))
                    }
                    Fix::Manual(words) => println!("          {} {words}", yellow("fix:")),
                }
            }
        }
    }
}

/// A command as it would be typed in a shell: arguments with spaces or quotes single-quoted.
pub fn shell_line(command: &[String]) -> String {
    let quoted: Vec<String> = command
        .iter()
        .map(|arg| {
            if arg.is_empty() || arg.contains([' ', '\'', '"', '&', '|', ';', '$']) {
                format!("'{}'", arg.replace('\'', "'\\''"))
            } else {
                arg.clone()
            }
        })
        .collect();
    quoted.join(" ")
}

/// Asks on the terminal; anything but yes, or no terminal at all, is no.
fn confirm(question: &str) -> bool {
    if !std::io::stdin().is_terminal() {
        println!("  {question} (not asked: no terminal; pass --yes to allow it)");
        return false;
    }
    print!("  {question} [y/N] ");
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    matches!(answer.trim(), "y" | "Y" | "yes" | "Yes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_pinned_toolchain() {
        let pinned = Toolchain::pinned(&crate::repository_root()).unwrap();
        assert!(
            pinned.channel.split('.').count() == 3,
            "an exact version, not a channel name: {}",
            pinned.channel
        );
        assert!(pinned.targets.contains(&"thumbv6m-none-eabi".to_string()));
        assert!(pinned.components.contains(&"rust-src".to_string()));
        let command = pinned.install_command().join(" ");
        assert!(command.starts_with(&format!("rustup toolchain install {}", pinned.channel)));
        assert!(command.contains("thumbv8m.main-none-eabi"));
    }

    #[test]
    fn fixes_are_shown_as_they_would_be_typed() {
        let apt = [
            "sh",
            "-c",
            "apt-get update && apt-get install -y qemu-system-arm",
        ]
        .map(String::from);
        assert_eq!(
            shell_line(&apt),
            "sh -c 'apt-get update && apt-get install -y qemu-system-arm'"
        );
        assert_eq!(
            shell_line(&["echo".into(), "it's".into()]),
            "echo 'it'\\''s'"
        );
    }

    #[test]
    fn parses_qemu_versions() {
        assert_eq!(
            parse_qemu_version("QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)"),
            Some((7, 2))
        );
        assert_eq!(
            parse_qemu_version("QEMU emulator version 10.0.2"),
            Some((10, 0))
        );
        assert_eq!(parse_qemu_version("something else"), None);
    }
}
