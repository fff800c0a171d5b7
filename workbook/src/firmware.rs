//! Building exercises for their target with cargo, and running the images under QEMU through
//! `qemu/run`, the same bounded runner `cargo run` uses.

use crate::{Problem, problem};
use serde::Deserialize;
use std::{
    collections::HashMap,
    io::{BufRead, BufReader, Read, Write},
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::{Duration, Instant},
};

/// One error the compiler gave a package.
#[derive(Debug, Clone)]
pub struct CompileError {
    pub code: Option<String>,
    pub message: String,
    /// As rustc prints it, with the source lines.
    pub rendered: String,
}

/// What cargo made of one package.
#[derive(Debug, Clone, Default)]
pub struct PackageBuild {
    pub executable: Option<PathBuf>,
    pub errors: Vec<CompileError>,
    /// The compiler's warnings, as rustc renders them (cargo replays them when nothing changed).
    pub warnings: Vec<String>,
}

/// The packages of one cargo invocation, by package name.
#[derive(Debug, Default)]
pub struct Build {
    pub packages: HashMap<String, PackageBuild>,
}

/// Where cargo must run to build the package in `folder` (relative to `root`) as `cargo run`
/// there would: in the folder itself when it has a `.cargo/config.toml` of its own (another
/// machine's target, a linker such as flip-link), so that config applies and the package's
/// features are resolved apart from the others; otherwise at the root, with the others.
pub fn build_dir(root: &Path, folder: &Path) -> PathBuf {
    let own = root.join(folder);
    if own.join(".cargo/config.toml").is_file() {
        own
    } else {
        root.to_path_buf()
    }
}

/// Builds `packages` for `target` in one cargo invocation run in `dir` (cargo spreads the work
/// over the cores), going on past packages that fail so that every package gets its verdict.
/// `on_crate` hears the name of each package as its executable is linked or its build fails, and
/// of each dependency as it is ready.
pub fn build(
    dir: &Path,
    target: &str,
    packages: &[String],
    release: bool,
    color: bool,
    on_crate: impl FnMut(&str),
) -> Result<Build, Problem> {
    cargo_json("build", dir, target, packages, release, color, on_crate)
}

/// Lints `packages` for `target` with Clippy (`cargo clippy`, which builds no executables): the
/// lints the crate denies come back as errors, their code the lint's name (`clippy::unwrap_used`).
pub fn clippy(
    dir: &Path,
    target: &str,
    packages: &[String],
    color: bool,
) -> Result<Build, Problem> {
    cargo_json("clippy", dir, target, packages, false, color, |_| {})
}

/// `cargo <subcommand>` (build or clippy) with cargo's JSON messages, read into a [`Build`].
fn cargo_json(
    subcommand: &str,
    dir: &Path,
    target: &str,
    packages: &[String],
    release: bool,
    color: bool,
    mut on_crate: impl FnMut(&str),
) -> Result<Build, Problem> {
    let mut command = Command::new(cargo());
    command
        .current_dir(dir)
        .args([subcommand, "--keep-going", "--target", target]);
    command.arg(if color {
        "--message-format=json-diagnostic-rendered-ansi"
    } else {
        "--message-format=json"
    });
    if release {
        command.arg("--release");
    }
    for package in packages {
        command.args(["--package", package]);
    }
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| problem!("cannot start cargo: {e}"))?;
    let stderr = child.stderr.take().expect("piped");
    let stderr_reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = BufReader::new(stderr).read_to_string(&mut text);
        text
    });

    let mut result = Build::default();
    for line in BufReader::new(child.stdout.take().expect("piped")).lines() {
        let Ok(line) = line else { break };
        let Ok(message) = serde_json::from_str::<CargoMessage>(&line) else {
            continue;
        };
        // A package with a library reports it under the library's name (`-` turned into `_`):
        // its messages belong to the package all the same.
        let name = message.target.as_ref().map(|t| {
            packages
                .iter()
                .find(|p| p.replace('-', "_") == t.name)
                .cloned()
                .unwrap_or_else(|| t.name.clone())
        });
        match message.reason.as_str() {
            "compiler-artifact" => {
                // A package is done with its executable (not with its library, if it has one);
                // a dependency, with its one artifact.
                match (&name, message.executable) {
                    (Some(name), Some(executable)) => {
                        on_crate(name);
                        result.packages.entry(name.clone()).or_default().executable =
                            Some(executable);
                    }
                    (Some(name), None) if !packages.contains(name) => on_crate(name),
                    _ => {}
                }
            }
            "compiler-message" => {
                let (Some(name), Some(diagnostic)) = (name, message.message) else {
                    continue;
                };
                if diagnostic.level == "warning"
                    && !diagnostic.message.ends_with("emitted")
                    && let Some(rendered) = &diagnostic.rendered
                {
                    let package = result.packages.entry(name.clone()).or_default();
                    package.warnings.push(rendered.clone());
                }
                if diagnostic.level == "error" && !diagnostic.message.starts_with("aborting due to")
                {
                    let package = result.packages.entry(name.clone()).or_default();
                    if package.errors.is_empty() {
                        // A package that fails makes no artifact: its first error is its end.
                        on_crate(&name);
                    }
                    package.errors.push(CompileError {
                        code: diagnostic.code.map(|c| c.code),
                        message: diagnostic.message,
                        rendered: diagnostic.rendered.unwrap_or_default(),
                    });
                }
            }
            _ => {}
        }
    }
    let status = child
        .wait()
        .map_err(|e| problem!("cargo did not finish: {e}"))?;
    let cargo_stderr = stderr_reader.join().unwrap_or_default();
    // A failed build must be explained by some package's compile errors; anything else (a broken
    // manifest, a missing target) is cargo's own failure.
    let explained = result.packages.values().any(|p| !p.errors.is_empty());
    if !status.success() && !explained {
        return Err(problem!(
            "cargo {subcommand} failed:\n{}",
            cargo_stderr.trim_end()
        ));
    }
    Ok(result)
}

#[derive(Deserialize)]
struct CargoMessage {
    reason: String,
    target: Option<CargoTarget>,
    executable: Option<PathBuf>,
    message: Option<Diagnostic>,
}

#[derive(Deserialize)]
struct CargoTarget {
    name: String,
}

#[derive(Deserialize)]
struct Diagnostic {
    message: String,
    level: String,
    code: Option<DiagnosticCode>,
    rendered: Option<String>,
}

#[derive(Deserialize)]
struct DiagnosticCode {
    code: String,
}

/// An exercise crate with a `src/lib.rs` keeps the logic of its lesson there (an allocator's
/// arithmetic, say) with unit tests that run on the host: `cargo test --lib` for the machine we
/// run on, whatever target the folder's config names.
pub fn has_host_tests(root: &Path, folder: &Path) -> bool {
    root.join(folder).join("src/lib.rs").is_file()
}

/// Runs the host unit tests of `package` in `folder`; `Err` holds what cargo and the tests said.
pub fn run_host_tests(root: &Path, folder: &Path, package: &str) -> Result<(), String> {
    let out = Command::new(cargo())
        .current_dir(build_dir(root, folder))
        .args(["test", "--quiet", "--lib", "--target", "host-tuple"])
        .args(["--package", package])
        // A failed assertion's message says enough; a backtrace per test would bury it.
        .env("RUST_BACKTRACE", "0")
        .output()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
        .trim_end()
        .to_string())
    }
}

/// The cargo that runs us, if cargo runs us; otherwise the one on PATH.
pub(crate) fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// How a run under QEMU ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The program exited through semihosting with this code (0 success, 1 failure or panic).
    Exited(i32),
    /// The runner stopped it after its time limit.
    TimedOut,
    /// qemu-system-arm is not installed.
    NoQemu,
    /// Killed by a signal, or an exit code the runner does not give for a normal run.
    Abnormal(Option<i32>),
}

#[derive(Debug, Clone)]
pub struct Run {
    pub ending: Ending,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

/// Runs `elf` under QEMU with `qemu/run`. With `echo`, the program's output also goes to our
/// stdout and stderr as it comes.
pub fn run(root: &Path, target: &str, elf: &Path, echo: bool) -> Result<Run, Problem> {
    run_within(root, target, elf, echo, None)
}

/// [`run_within`] for verification, which runs the same images again and again: a run that ended
/// by itself is kept under everything it depends on, and an image whose kept run matches is not
/// run again. Under `qemu/run`'s `-icount` the virtual clock counts instructions, so a program
/// that ends by itself prints the same bytes and ends the same way on every run (chapter 13
/// checked its timers five runs out of five): what is kept is what the next run would say. The
/// key holds what QEMU loads of the image (its allocated sections and entry point, not its debug
/// information), the target, the time limit, `qemu/run` and every machine's `machine.env`, and
/// QEMU's version. A run that timed out or could not start is never kept.
pub fn run_kept(root: &Path, target: &str, elf: &Path, limit: Option<u32>) -> Result<Run, Problem> {
    let Some(key) = run_key(root, target, elf, limit) else {
        return run_within(root, target, elf, false, limit);
    };
    let file = kept_runs_dir(root).join(format!("{:016x}", hash_of(key.as_bytes())));
    if let Some(run) = read_kept_run(&file, &key) {
        return Ok(run);
    }
    let run = run_within(root, target, elf, false, limit)?;
    if let Ending::Exited(code) = run.ending {
        let body = format!(
            "{key}\u{0}\n{code}\n{}\n{}{}",
            run.stdout.len(),
            run.stdout,
            run.stderr
        );
        // A run that cannot be kept is run again next time: nothing else to do.
        let _ =
            std::fs::create_dir_all(kept_runs_dir(root)).and_then(|_| std::fs::write(&file, body));
    }
    Ok(run)
}

fn kept_runs_dir(root: &Path) -> PathBuf {
    crate::checks::build_dir(root).join("workbook-runs")
}

/// The name under which a kept run or a kept verdict is filed: a hash of its key.
pub(crate) fn hash_of(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// Everything a run of `elf` depends on, as text; `None` when the image cannot be read.
fn run_key(root: &Path, target: &str, elf: &Path, limit: Option<u32>) -> Option<String> {
    static QEMU_VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let qemu = QEMU_VERSION.get_or_init(|| {
        Command::new("qemu-system-arm")
            .arg("--version")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default()
    });
    if qemu.is_empty() {
        return None;
    }
    let image = loaded_image(&std::fs::read(elf).ok()?)?;
    let mut key = format!(
        "a run under qemu/run\n{target}\n{limit:?}\n{qemu}\nimage {:016x} {}\n",
        hash_of(&image),
        image.len()
    );
    key.push_str(&std::fs::read_to_string(root.join("qemu/run")).ok()?);
    let mut machines: Vec<PathBuf> = std::fs::read_dir(root.join("qemu/machines"))
        .ok()?
        .flatten()
        .map(|e| e.path().join("machine.env"))
        .collect();
    machines.sort();
    for machine in machines {
        key.push_str(&std::fs::read_to_string(machine).unwrap_or_default());
    }
    Some(key)
}

/// What QEMU loads of a 32-bit little-endian ELF: its entry point, then each allocated section's
/// address, size and (unless it is zeroed at reset) bytes.
fn loaded_image(bytes: &[u8]) -> Option<Vec<u8>> {
    let (entry, sections) = crate::size::allocated_sections(bytes)?;
    let mut image = entry.to_le_bytes().to_vec();
    for section in sections {
        image.extend_from_slice(&section.address.to_le_bytes());
        image.extend_from_slice(&section.size.to_le_bytes());
        image.extend_from_slice(section.contents.unwrap_or_default());
    }
    Some(image)
}

/// The run kept in `file` under `key`: the key, the exit code, the length of stdout, then stdout
/// and stderr.
fn read_kept_run(file: &Path, key: &str) -> Option<Run> {
    let text = std::fs::read_to_string(file).ok()?;
    let rest = text.strip_prefix(key)?.strip_prefix("\u{0}\n")?;
    let (code, rest) = rest.split_once('\n')?;
    let (length, rest) = rest.split_once('\n')?;
    let length: usize = length.parse().ok()?;
    Some(Run {
        ending: Ending::Exited(code.parse().ok()?),
        stdout: rest.get(..length)?.to_string(),
        stderr: rest.get(length..)?.to_string(),
        elapsed: Duration::ZERO,
    })
}

/// [`run`], stopped after `limit` seconds rather than the runner's own limit.
pub fn run_within(
    root: &Path,
    target: &str,
    elf: &Path,
    echo: bool,
    limit: Option<u32>,
) -> Result<Run, Problem> {
    let started = Instant::now();
    let mut command = Command::new(root.join("qemu/run"));
    if let Some(limit) = limit {
        command.env("WORKBOOK_QEMU_TIMEOUT", limit.to_string());
    }
    let mut child = command
        .arg(target)
        .arg(elf)
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| problem!("cannot start qemu/run: {e}"))?;
    let out = child.stdout.take().expect("piped");
    let err = child.stderr.take().expect("piped");
    let (stdout, stderr) = read_both(out, err, echo);
    let status = child
        .wait()
        .map_err(|e| problem!("qemu/run did not finish: {e}"))?;
    let ending = match status.code() {
        Some(code @ (0 | 1)) => Ending::Exited(code),
        Some(124) => Ending::TimedOut,
        Some(127) => Ending::NoQemu,
        other => Ending::Abnormal(other),
    };
    Ok(Run {
        ending,
        stdout,
        stderr,
        elapsed: started.elapsed(),
    })
}

/// Reads the program's stdout and stderr to their ends, and, with `echo`, shows each piece on
/// ours as it comes. On Unix one thread waits on both with `poll`, so that what is shown keeps
/// the order in which the program wrote it: a panic is never shown above a line printed before
/// it, as two threads, each copying one stream, can show it.
#[cfg(unix)]
fn read_both(
    mut out: std::process::ChildStdout,
    mut err: std::process::ChildStderr,
    echo: bool,
) -> (String, String) {
    use std::os::fd::AsRawFd;
    let mut kept = [Vec::new(), Vec::new()];
    let mut open = [true, true];
    let mut chunk = [0u8; 4096];
    while open.iter().any(|o| *o) {
        let mut fds = [out.as_raw_fd(), err.as_raw_fd()].map(|fd| libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        });
        for (fd, open) in fds.iter_mut().zip(open) {
            if !open {
                // poll ignores a negative descriptor.
                fd.fd = -1;
            }
        }
        // SAFETY: `fds` is an array of two initialised `pollfd`s that lives across the call.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) };
        if ready < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            break;
        }
        for (stream, fd) in fds.iter().enumerate() {
            if !open[stream] || fd.revents == 0 {
                continue;
            }
            let read = match stream {
                0 => out.read(&mut chunk),
                _ => err.read(&mut chunk),
            };
            let n = match read {
                Ok(0) | Err(_) => {
                    open[stream] = false;
                    continue;
                }
                Ok(n) => n,
            };
            kept[stream].extend_from_slice(&chunk[..n]);
            if echo {
                let _ = match stream {
                    0 => std::io::stdout()
                        .write_all(&chunk[..n])
                        .and_then(|()| std::io::stdout().flush()),
                    _ => std::io::stderr().write_all(&chunk[..n]),
                };
            }
        }
    }
    let [out, err] = kept.map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
    (out, err)
}

/// The same, elsewhere: a thread for each stream.
#[cfg(not(unix))]
fn read_both(
    out: std::process::ChildStdout,
    err: std::process::ChildStderr,
    echo: bool,
) -> (String, String) {
    let out_reader = std::thread::spawn(move || copy_and_keep(out, echo.then(std::io::stdout)));
    let err_reader = std::thread::spawn(move || copy_and_keep(err, echo.then(std::io::stderr)));
    (
        out_reader.join().unwrap_or_default(),
        err_reader.join().unwrap_or_default(),
    )
}

#[cfg(not(unix))]
fn copy_and_keep(mut from: impl Read, mut to: Option<impl Write>) -> String {
    let mut kept = Vec::new();
    let mut chunk = [0u8; 4096];
    while let Ok(n) = from.read(&mut chunk) {
        if n == 0 {
            break;
        }
        kept.extend_from_slice(&chunk[..n]);
        if let Some(to) = to.as_mut() {
            let _ = to.write_all(&chunk[..n]);
            let _ = to.flush();
        }
    }
    String::from_utf8_lossy(&kept).into_owned()
}

/// The panicking functions a failed link still reaches, each with the first function of the
/// program on the way to it, from the linker's `--why-live` report (12.1's cargo config asks for
/// it): `parse_frame: core::panicking::panic_bounds_check (an index out of bounds)`.
pub fn reachable_panics(rendered: &str) -> Vec<String> {
    let symbol = |line: &str| -> Option<String> {
        let inside = line.trim_end().strip_suffix(')')?;
        let name = &inside[inside.rfind(":(")? + 2..];
        // Without the hash the compiler appends: `::h0123456789abcdef`.
        let name = match name.rsplit_once("::h") {
            Some((path, hash))
                if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) =>
            {
                path
            }
            _ => name,
        };
        Some(name.to_string())
    };
    let mut chains: Vec<Vec<String>> = Vec::new();
    for line in rendered.lines() {
        let line = line.trim_start();
        if line.starts_with("live symbol:") {
            chains.push(symbol(line).into_iter().collect());
        } else if line.starts_with(">>> referenced by:")
            && let (Some(chain), Some(name)) = (chains.last_mut(), symbol(line))
        {
            chain.push(name);
        }
    }
    let mut found: Vec<String> = Vec::new();
    for chain in chains {
        let Some(at) = chain.iter().position(|s| !s.starts_with("core::")) else {
            continue;
        };
        if at == 0 {
            continue;
        }
        let caller = chain[at].rsplit("::").next().unwrap_or(&chain[at]);
        let line = format!(
            "{caller}: {} ({})",
            chain[at - 1],
            panic_kind(&chain[at - 1])
        );
        if !found.contains(&line) {
            found.push(line);
        }
    }
    found
}

/// What a panicking function of `core` is called for, in words.
fn panic_kind(name: &str) -> &'static str {
    const KINDS: [(&str, &str); 12] = [
        ("add_overflow", "an addition that can overflow"),
        ("sub_overflow", "a subtraction that can overflow"),
        ("mul_overflow", "a multiplication that can overflow"),
        ("div_by_zero", "a division by zero"),
        ("rem_by_zero", "a remainder by zero"),
        ("div_overflow", "a division that can overflow"),
        ("shl_overflow", "a shift by too many bits"),
        ("shr_overflow", "a shift by too many bits"),
        ("panic_bounds_check", "an index out of bounds"),
        ("index", "a slice range out of bounds"),
        ("unwrap_failed", "an `unwrap` or `expect`"),
        ("expect_failed", "an `unwrap` or `expect`"),
    ];
    KINDS.iter().find(|(part, _)| name.contains(part)).map_or(
        "a panic: `panic!`, `assert!`, or one of the checks above",
        |(_, kind)| kind,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::size::test_elf as elf;

    #[test]
    fn a_kept_run_depends_on_what_qemu_loads_and_not_on_debug_information() {
        let image = loaded_image(&elf([1, 2, 3, 4], [9, 9, 9, 9])).expect("an ELF");
        // Another build's debug information, the same code: the same image.
        assert_eq!(
            loaded_image(&elf([1, 2, 3, 4], [7, 7, 7, 7])),
            Some(image.clone())
        );
        // One byte of code changed: another image.
        assert_ne!(
            loaded_image(&elf([1, 2, 3, 5], [9, 9, 9, 9])),
            Some(image.clone())
        );
        // The entry point, and the zeroed section's place and size, are in it too.
        assert_eq!(&image[..4], &0x401u32.to_le_bytes());
        assert!(
            image
                .windows(8)
                .any(|w| w[..4] == 0x2000_0000u32.to_le_bytes() && w[4..] == 8u32.to_le_bytes())
        );
        assert_eq!(loaded_image(b"not an ELF at all"), None);
    }

    #[test]
    fn a_kept_run_reads_back_as_it_was_and_only_under_its_own_key() {
        let dir = std::env::temp_dir().join(format!("workbook-kept-run-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("run");
        let stdout = "sent 136 bytes\nwith a second line\n";
        let stderr = "panicked at src/main.rs:3:5:\nthe budget is 64\n";
        std::fs::write(
            &file,
            format!("the key\u{0}\n1\n{}\n{stdout}{stderr}", stdout.len()),
        )
        .unwrap();
        let run = read_kept_run(&file, "the key").expect("kept");
        assert_eq!(run.ending, Ending::Exited(1));
        assert_eq!((run.stdout.as_str(), run.stderr.as_str()), (stdout, stderr));
        assert!(read_kept_run(&file, "another key").is_none());
        assert!(read_kept_run(&file, "the ke").is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_linkers_report_names_each_panic_and_its_first_caller_in_the_program() {
        let report = "\
error: linking with `rust-lld` failed: exit status: 1
  = note:  \"rust-lld\" \"-flavor\" \"gnu\"
  = note: some arguments are omitted. use `--verbose` to show all linker arguments
  = note: rust-lld: error: undefined symbol:
          live symbol: /x/libcore.rlib(core.o):(core::panicking::panic_const::panic_const_add_overflow)
          >>> referenced by: /x/app.o:(app::parse_frame::h0123456789abcdef)
          >>> referenced by: /x/app.o:(main)
          live symbol: /x/libcore.rlib(core.o):(core::panicking::panic_fmt)
          >>> referenced by: /x/libcore.rlib(core.o):(core::panicking::panic_bounds_check)
          >>> referenced by: /x/app.o:(app::parse_frame::h0123456789abcdef)
";
        assert_eq!(
            reachable_panics(report),
            vec![
                "parse_frame: core::panicking::panic_const::panic_const_add_overflow (an addition that can overflow)",
                "parse_frame: core::panicking::panic_bounds_check (an index out of bounds)",
            ]
        );
    }
}
