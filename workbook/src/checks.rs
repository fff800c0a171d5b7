//! Checks an exercise asks for beyond its run under QEMU and its host unit tests, named in its
//! metadata as `checks = ["clippy", "miri", "coverage"]`:
//!
//! - **clippy**: Clippy for the exercise's own target, with the lints its `Cargo.toml` denies
//!   (the manifest is the workbook's, so the level of a lint is not the learner's to change);
//! - **miri**: the host unit tests under Miri, on the pinned nightly named in
//!   `.ci/miri-toolchain`; a machine without it gets NOT RUN and how to install it, never a pass;
//! - **coverage**: the host unit tests built with `-C instrument-coverage`; every region of the
//!   library outside its `#[cfg(test)]` module must have run, and every one of the exercise's
//!   `mutants` (a wrong version of the library) must make some test fail.
//!
//! The same function judges a solution, a starter, a variant and a learner's version.

use crate::{
    Problem,
    catalogue::Metadata,
    firmware::{self, CompileError},
    size,
};
use serde::Deserialize;
use std::{
    path::{Path, PathBuf},
    process::Command,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    Clippy,
    Miri,
    Coverage,
}

impl Check {
    /// Its name in metadata (`checks = ["clippy"]`).
    fn name(self) -> &'static str {
        match self {
            Check::Clippy => "clippy",
            Check::Miri => "miri",
            Check::Coverage => "coverage",
        }
    }

    fn from_name(name: &str) -> Option<Check> {
        [Check::Clippy, Check::Miri, Check::Coverage]
            .into_iter()
            .find(|c| c.name() == name)
    }
}

impl std::fmt::Display for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Check::Clippy => "Clippy",
            Check::Miri => "Miri",
            Check::Coverage => "coverage",
        })
    }
}

/// A wrong version of the library that the learner's tests must catch.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mutant {
    pub name: String,
    /// What the wrong version gets wrong, in the learner's words ("the checksum is not checked").
    pub why: String,
    /// Text that occurs once in `src/lib.rs`, and what the wrong version has instead.
    pub find: String,
    pub replace: String,
}

/// Why a version did not pass a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The check ran and refused the version: what it said.
    Refused { check: Check, said: String },
    /// The tool the check needs is missing: what to do.
    NotRun { check: Check, how: String },
}

impl Failure {
    pub fn message(&self) -> String {
        match self {
            Failure::Refused { check, said } => format!("{check} refuses it:\n{said}"),
            Failure::NotRun { check, how } => format!("{check} could not run: {how}"),
        }
    }
}

/// The file that names the nightly toolchain Miri runs on (CI installs the same one).
pub const MIRI_TOOLCHAIN_FILE: &str = ".ci/miri-toolchain";

/// Runs the checks `meta` asks for on the package in `folder` (relative to `root`), in order,
/// and stops at the first that does not pass.
///
/// A verdict is kept in `workbook-checks/` of the build directory (`target/`, or
/// `CARGO_TARGET_DIR`), under everything it depends on: the text of
/// every source file, the manifest's `[lints]`, the checks and mutants asked for, the target,
/// the pinned toolchains, and this module's own code. Verification judges many versions whose
/// sources are the solution's (an edited `expected.out`, say), and the suite judges them all on
/// every run; Miri takes two seconds a version. A changed input is a new key, so a stale verdict
/// is never used. (A version whose manifest differs from the workbook's beyond its name, metadata
/// and lints is refused before it is built, so the rest of the manifest is not in the key.)
pub fn run(
    root: &Path,
    folder: &Path,
    package: &str,
    target: &str,
    meta: &Metadata,
) -> Result<(), Failure> {
    if meta.checks.is_empty() {
        return Ok(());
    }
    let key = verdict_key(root, folder, target, meta);
    let file = verdict_file(root, &key);
    match read_kept(&file, &key) {
        Some(Ok(())) => return Ok(()),
        Some(Err((name, said))) => {
            if let Some(check) = Check::from_name(&name) {
                return Err(Failure::Refused { check, said });
            }
        }
        None => {}
    }
    let verdict = run_uncached(root, folder, package, target, meta);
    match &verdict {
        Ok(()) => keep(&file, &key, &Ok(())),
        Err(Failure::Refused { check, said }) => {
            keep(&file, &key, &Err((check.name().into(), said.clone())))
        }
        // A missing tool is not kept: the learner may install it and run again.
        Err(Failure::NotRun { .. }) => {}
    }
    verdict
}

/// The workbook's root from `root` or a folder inside it (the variants' workspace under
/// `target/`): the nearest folder that has [`MIRI_TOOLCHAIN_FILE`].
fn workbook_root(root: &Path) -> &Path {
    root.ancestors()
        .find(|a| a.join(MIRI_TOOLCHAIN_FILE).is_file())
        .unwrap_or(root)
}

/// What every kept verdict depends on: the pinned toolchains and the workspace's manifest (its
/// profiles) and lock file.
pub(crate) fn shared_key(root: &Path) -> String {
    let workbook = workbook_root(root);
    [
        "rust-toolchain.toml",
        MIRI_TOOLCHAIN_FILE,
        "Cargo.toml",
        "Cargo.lock",
    ]
    .iter()
    .map(|file| std::fs::read_to_string(workbook.join(file)).unwrap_or_default())
    .collect()
}

/// Everything a verdict depends on, as text.
fn verdict_key(root: &Path, folder: &Path, target: &str, meta: &Metadata) -> String {
    let mut key = format!("{target}\n{:?}\n", meta.checks);
    for mutant in &meta.mutants {
        key.push_str(&format!(
            "{}\n{}\n{}\n",
            mutant.name, mutant.find, mutant.replace
        ));
    }
    key.push_str(&shared_key(root));
    key.push_str(include_str!("checks.rs"));
    let manifest =
        std::fs::read_to_string(root.join(folder).join("Cargo.toml")).unwrap_or_default();
    let lints = toml::from_str::<toml::Table>(&manifest)
        .ok()
        .and_then(|t| t.get("lints").map(|l| l.to_string()))
        .unwrap_or_default();
    key.push_str(&lints);
    push_sources(&mut key, &root.join(folder).join("src"));
    key
}

/// The host unit tests of `package` in `folder` ([`firmware::run_host_tests`]), their verdict
/// kept like the checks' under everything it depends on: the sources, the manifest (its
/// dependencies: loom), the workspace's manifest and lock file, and the toolchain.
pub fn host_tests(root: &Path, folder: &Path, package: &str) -> Result<(), String> {
    let mut key = String::from("host unit tests\n");
    key.push_str(&shared_key(root));
    // The manifest without the package's name (a variant's is renamed) and metadata.
    let manifest =
        std::fs::read_to_string(root.join(folder).join("Cargo.toml")).unwrap_or_default();
    let mut manifest: toml::Table = toml::from_str(&manifest).unwrap_or_default();
    if let Some(package) = manifest.get_mut("package").and_then(|p| p.as_table_mut()) {
        package.remove("name");
        package.remove("metadata");
    }
    key.push_str(&manifest.to_string());
    push_sources(&mut key, &root.join(folder).join("src"));
    let file = verdict_file(root, &key);
    if let Some(kept) = read_kept(&file, &key) {
        return kept.map_err(|(_, output)| output);
    }
    let result = firmware::run_host_tests(root, folder, package);
    keep(
        &file,
        &key,
        &result
            .clone()
            .map_err(|output| ("host-tests".into(), output)),
    );
    result
}

/// Each source file under `src`, by name and text.
pub(crate) fn push_sources(key: &mut String, src: &Path) {
    let mut files = crate::starter::files_in(src);
    files.sort();
    for file in files {
        key.push_str(&format!("\u{0}{}\u{0}", file.display()));
        key.push_str(&std::fs::read_to_string(src.join(&file)).unwrap_or_default());
    }
}

fn verdict_file(root: &Path, key: &str) -> PathBuf {
    build_dir(root)
        .join("workbook-checks")
        .join(format!("{:016x}", firmware::hash_of(key.as_bytes())))
}

/// A kept verdict: `Ok`, or the name of what refused (`miri`, `host-tests`) and what it said.
type Kept = Result<(), (String, String)>;

/// The verdict kept in `file` under `key`: the key, a line `ok` or `refused <name>`, then what
/// was said.
fn read_kept(file: &Path, key: &str) -> Option<Kept> {
    let text = std::fs::read_to_string(file).ok()?;
    let rest = text.strip_prefix(key)?.strip_prefix("\u{0}\n")?;
    let (head, said) = rest.split_once('\n').unwrap_or((rest, ""));
    match head.strip_prefix("refused ") {
        None if head == "ok" => Some(Ok(())),
        None => None,
        Some(name) => Some(Err((name.to_string(), said.to_string()))),
    }
}

fn keep(file: &Path, key: &str, verdict: &Kept) {
    let body = match verdict {
        Ok(()) => "ok\n".to_string(),
        Err((name, said)) => format!("refused {name}\n{said}"),
    };
    // A verdict that cannot be kept is computed again next time: nothing else to do.
    let _ = std::fs::create_dir_all(file.parent().expect("a parent"))
        .and_then(|_| std::fs::write(file, format!("{key}\u{0}\n{body}")));
}

fn run_uncached(
    root: &Path,
    folder: &Path,
    package: &str,
    target: &str,
    meta: &Metadata,
) -> Result<(), Failure> {
    for check in &meta.checks {
        match check {
            Check::Clippy => {
                let errors = clippy_errors(root, folder, package, target)?;
                if !errors.is_empty() {
                    return Err(Failure::Refused {
                        check: Check::Clippy,
                        said: describe_lints(&errors),
                    });
                }
            }
            Check::Miri => miri(root, folder, package)?,
            Check::Coverage => {
                coverage(root, folder, package)?;
                mutants(root, folder, package, &meta.mutants)?;
            }
        }
    }
    Ok(())
}

/// The errors Clippy gives the package for its target: the lints its manifest denies.
pub fn clippy_errors(
    root: &Path,
    folder: &Path,
    package: &str,
    target: &str,
) -> Result<Vec<CompileError>, Failure> {
    let dir = firmware::build_dir(root, folder);
    let build = firmware::clippy(&dir, target, &[package.to_string()], false).map_err(|p| {
        Failure::NotRun {
            check: Check::Clippy,
            how: format!(
                "{}\n(`rustup component add clippy` installs Clippy; the workbook's toolchain file asks for it)",
                p.0
            ),
        }
    })?;
    Ok(build
        .packages
        .get(package)
        .map(|p| p.errors.clone())
        .unwrap_or_default())
}

/// One line per lint (its name and how often), then what Clippy said of the first of each.
pub fn describe_lints(errors: &[CompileError]) -> String {
    let mut names: Vec<(String, usize)> = Vec::new();
    for error in errors {
        let name = error.code.clone().unwrap_or_else(|| error.message.clone());
        match names.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => names.push((name, 1)),
        }
    }
    let mut text: String = names
        .iter()
        .map(|(name, count)| format!("  {name}: {count}\n"))
        .collect();
    for (name, _) in &names {
        if let Some(first) = errors
            .iter()
            .find(|e| e.code.as_deref().unwrap_or(&e.message) == name)
        {
            text.push_str(&first.rendered);
        }
    }
    text.trim_end().to_string()
}

/// The lint names among `errors`, each once, in the order first seen.
pub fn lint_names(errors: &[CompileError]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in errors.iter().filter_map(|e| e.code.clone()) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// The nightly toolchain Miri runs on, from [`MIRI_TOOLCHAIN_FILE`].
/// (`root` may be a folder inside the workbook, such as the variants' workspace under `target/`.)
pub fn miri_toolchain(root: &Path) -> Result<String, Problem> {
    std::fs::read_to_string(workbook_root(root).join(MIRI_TOOLCHAIN_FILE))
        .map(|t| t.trim().to_string())
        .map_err(|e| crate::problem!("cannot read {MIRI_TOOLCHAIN_FILE}: {e}"))
}

/// `rustup run <toolchain> cargo …`, with nothing of the cargo that runs us in its environment.
fn nightly_cargo(toolchain: &str) -> Command {
    let mut command = Command::new("rustup");
    command.args(["run", toolchain, "cargo"]);
    for var in [
        "CARGO",
        "RUSTC",
        "RUSTDOC",
        "RUSTUP_TOOLCHAIN",
        "RUSTC_WRAPPER",
    ] {
        command.env_remove(var);
    }
    command
}

/// Whether Miri is installed on the pinned nightly.
pub fn miri_installed(root: &Path) -> bool {
    let Ok(toolchain) = miri_toolchain(root) else {
        return false;
    };
    nightly_cargo(&toolchain)
        .args(["miri", "--version"])
        .current_dir(root)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn miri(root: &Path, folder: &Path, package: &str) -> Result<(), Failure> {
    let toolchain = miri_toolchain(root).map_err(|p| Failure::NotRun {
        check: Check::Miri,
        how: p.0,
    })?;
    if !miri_installed(root) {
        return Err(Failure::NotRun {
            check: Check::Miri,
            how: format!(
                "Miri is not installed on {toolchain}: `cargo workbook doctor` installs it (or `rustup toolchain install {toolchain} --component miri,rust-src`)"
            ),
        });
    }
    let host = size::host_triple(root).map_err(|p| Failure::NotRun {
        check: Check::Miri,
        how: p.0,
    })?;
    let out = nightly_cargo(&toolchain)
        .current_dir(firmware::build_dir(root, folder))
        // `--target host-tuple` does not build Miri's sysroot on this nightly: the triple does.
        .args(["miri", "test", "--quiet", "--lib", "--target", &host])
        .args(["--package", package])
        .env("RUST_BACKTRACE", "0")
        .output()
        .map_err(|e| Failure::NotRun {
            check: Check::Miri,
            how: format!("cannot start rustup: {e}"),
        })?;
    if out.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Miri's report starts at its first error; what came before is cargo's progress.
    let report = match stderr.find("error: Undefined Behavior") {
        Some(at) => stderr[at..].to_string(),
        None => format!("{stdout}{stderr}"),
    };
    Err(Failure::Refused {
        check: Check::Miri,
        said: shortened(&report, 40),
    })
}

/// A check's report as a page shows it, without what changes from run to run: Miri's numbers
/// for pointer tags (`<140244>`) and allocations (`alloc44078`), and everything from the line
/// that names the test's thread on (which test fails first is the scheduler's choice).
pub fn report_for_the_book(said: &str) -> String {
    let mut out = String::new();
    for line in said.lines() {
        if line.contains("= note: this is on thread") {
            break;
        }
        out.push_str(&numbered_names_hidden(line));
        out.push('\n');
    }
    out
}

/// `<140244>` as `<TAG>` and `alloc44078` as `ALLOC`.
fn numbered_names_hidden(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while !rest.is_empty() {
        let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
        if let Some(after) = rest.strip_prefix('<')
            && digits(after) > 0
            && after[digits(after)..].starts_with('>')
        {
            out.push_str("<TAG>");
            rest = &after[digits(after) + 1..];
        } else if let Some(after) = rest.strip_prefix("alloc")
            && digits(after) > 0
        {
            out.push_str("ALLOC");
            rest = &after[digits(after)..];
        } else {
            let c = rest.chars().next().expect("not empty");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The first `lines` lines of `text`, with a line that says how many more there were.
fn shortened(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.trim_end().lines().collect();
    if all.len() <= lines {
        return all.join("\n");
    }
    format!(
        "{}\n… ({} more lines)",
        all[..lines].join("\n"),
        all.len() - lines
    )
}

/// Cargo's build directory for the workbook at `root`: `CARGO_TARGET_DIR` when it is set (a copy
/// of the workbook that shares another's builds), else `target/`.
pub(crate) fn build_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}

/// Where the coverage build keeps its files, apart from the normal builds.
fn coverage_dir(root: &Path) -> PathBuf {
    build_dir(root).join("coverage")
}

/// Builds the host unit tests of `package` with `-C instrument-coverage`; the test executable.
fn instrumented_tests(root: &Path, folder: &Path, package: &str) -> Result<PathBuf, Failure> {
    let refused = |said: String| Failure::Refused {
        check: Check::Coverage,
        said,
    };
    let host = size::host_triple(root).map_err(|p| refused(p.0))?;
    let out = Command::new(firmware::cargo())
        .current_dir(firmware::build_dir(root, folder))
        .args(["test", "--no-run", "--lib", "--message-format=json"])
        .args(["--target", &host, "--package", package])
        .env("RUSTFLAGS", "-C instrument-coverage")
        .env("CARGO_TARGET_DIR", coverage_dir(root).join("build"))
        .output()
        .map_err(|e| refused(format!("cannot start cargo: {e}")))?;
    let executable = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["profile"]["test"] == true)
        .find_map(|m| m["executable"].as_str().map(PathBuf::from));
    match executable {
        Some(executable) if out.status.success() => Ok(executable),
        _ => Err(refused(format!(
            "its unit tests do not build:\n{}",
            shortened(&String::from_utf8_lossy(&out.stderr), 40)
        ))),
    }
}

/// Runs the instrumented unit tests, then asks llvm-cov which regions of `src/lib.rs` (outside
/// its `#[cfg(test)]` module) never ran.
fn coverage(root: &Path, folder: &Path, package: &str) -> Result<(), Failure> {
    let refused = |said: String| Failure::Refused {
        check: Check::Coverage,
        said,
    };
    let not_run = |p: Problem| Failure::NotRun {
        check: Check::Coverage,
        how: p.0,
    };
    let profdata = size::llvm_tool(root, "llvm-profdata").map_err(not_run)?;
    let llvm_cov = size::llvm_tool(root, "llvm-cov").map_err(not_run)?;
    let tests = instrumented_tests(root, folder, package)?;
    let profiles = coverage_dir(root).join("profiles").join(package);
    let _ = std::fs::remove_dir_all(&profiles);
    std::fs::create_dir_all(&profiles).map_err(|e| refused(e.to_string()))?;
    let ran = Command::new(&tests)
        .arg("--quiet")
        .env("LLVM_PROFILE_FILE", profiles.join("tests-%p.profraw"))
        .env("RUST_BACKTRACE", "0")
        .output()
        .map_err(|e| refused(format!("cannot run the unit tests: {e}")))?;
    if !ran.status.success() {
        return Err(refused(format!(
            "its unit tests fail:\n{}",
            shortened(&String::from_utf8_lossy(&ran.stdout), 40)
        )));
    }
    let raw: Vec<PathBuf> = std::fs::read_dir(&profiles)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    let merged = profiles.join("tests.profdata");
    let status = Command::new(&profdata)
        .args(["merge", "-sparse", "-o"])
        .arg(&merged)
        .args(&raw)
        .status()
        .map_err(|e| refused(format!("cannot run llvm-profdata: {e}")))?;
    if !status.success() {
        return Err(refused("llvm-profdata could not merge the profiles".into()));
    }
    let library = root.join(folder).join("src/lib.rs");
    let export = Command::new(&llvm_cov)
        .args(["export", "--format=text", "--instr-profile"])
        .arg(&merged)
        .arg(&tests)
        .output()
        .map_err(|e| refused(format!("cannot run llvm-cov: {e}")))?;
    let json: serde_json::Value = serde_json::from_slice(&export.stdout)
        .map_err(|e| refused(format!("llvm-cov export gave no JSON: {e}")))?;
    let source = std::fs::read_to_string(&library).unwrap_or_default();
    let unreached = unreached_lines(&json, &library, &source);
    if unreached.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = unreached
        .iter()
        .map(|&line| {
            let text = source.lines().nth(line as usize - 1).unwrap_or("").trim();
            format!("  src/lib.rs:{line} never ran: {text}")
        })
        .collect();
    Err(refused(format!(
        "{} line{} of the library never ran in the unit tests:\n{}",
        lines.len(),
        if lines.len() == 1 { "" } else { "s" },
        lines.join("\n")
    )))
}

/// The lines of `library` where a code region with a count of 0 starts, above its `#[cfg(test)]`
/// module, from `llvm-cov export`'s JSON (`regions`: line start, column start, line end, column
/// end, count, file id, expanded file id, kind; kind 0 is code).
fn unreached_lines(json: &serde_json::Value, library: &Path, source: &str) -> Vec<u64> {
    let tests_start = source
        .lines()
        .position(|l| l.trim() == "#[cfg(test)]")
        .map_or(u64::MAX, |i| i as u64 + 1);
    let regions = code_regions(json, library);
    // A generic or inlined function has a record per copy: a region counts as run if any copy
    // ran it.
    let ran: Vec<u64> = regions
        .iter()
        .filter(|&&(_, count)| count > 0)
        .map(|&(line, _)| line)
        .collect();
    let mut lines: Vec<u64> = regions
        .iter()
        .filter(|&&(line, count)| count == 0 && line < tests_start && !ran.contains(&line))
        .map(|&(line, _)| line)
        .collect();
    lines.sort();
    lines.dedup();
    lines
}

/// The code regions of `library` in every function record: (line they start on, count).
fn code_regions(json: &serde_json::Value, library: &Path) -> Vec<(u64, u64)> {
    let same_file = |name: &str| {
        Path::new(name).canonicalize().ok() == library.canonicalize().ok()
            || Path::new(name) == library
    };
    let mut regions = Vec::new();
    for data in json["data"].as_array().into_iter().flatten() {
        for function in data["functions"].as_array().into_iter().flatten() {
            let files: Vec<&str> = function["filenames"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|f| f.as_str())
                .collect();
            for region in function["regions"].as_array().into_iter().flatten() {
                let r: Vec<u64> = region
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_u64())
                    .collect();
                if let [line, _, _, _, count, file, _, 0] = r[..]
                    && files.get(file as usize).is_some_and(|f| same_file(f))
                {
                    regions.push((line, count));
                }
            }
        }
    }
    regions
}

/// Each mutant of the library, with the learner's tests, in a crate of its own: some test must
/// fail.
fn mutants(root: &Path, folder: &Path, package: &str, mutants: &[Mutant]) -> Result<(), Failure> {
    if mutants.is_empty() {
        return Ok(());
    }
    let refused = |said: String| Failure::Refused {
        check: Check::Coverage,
        said,
    };
    let library = std::fs::read_to_string(root.join(folder).join("src/lib.rs"))
        .map_err(|e| refused(format!("cannot read src/lib.rs: {e}")))?;
    let lib_name = library_name(root, folder, package);
    let host = size::host_triple(root).map_err(|p| refused(p.0))?;
    let mut survivors = Vec::new();
    for mutant in mutants {
        if library.matches(mutant.find.as_str()).count() != 1 {
            return Err(refused(format!(
                "the library's code is not the workbook's where the wrong version \"{}\" changes it: `cargo workbook reset` puts it back",
                mutant.name
            )));
        }
        let dir = coverage_dir(root)
            .join("mutants")
            .join(format!("{package}--{}", mutant.name));
        let write = |path: PathBuf, text: String| {
            std::fs::create_dir_all(path.parent().expect("a parent")).and_then(|_| {
                if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
                    Ok(())
                } else {
                    std::fs::write(&path, text)
                }
            })
        };
        let manifest = format!(
            "# A wrong version of {package}'s library, which its unit tests must catch.\n[package]\nname = \"{package}-mutant-{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[lib]\nname = \"{lib_name}\"\npath = \"src/lib.rs\"\n\n[workspace]\n",
            mutant.name
        );
        write(dir.join("Cargo.toml"), manifest)
            .and_then(|_| {
                write(
                    dir.join("src/lib.rs"),
                    library.replacen(&mutant.find, &mutant.replace, 1),
                )
            })
            .map_err(|e| refused(format!("cannot write {}: {e}", dir.display())))?;
        let out = Command::new(firmware::cargo())
            .current_dir(&dir)
            .args(["test", "--quiet", "--offline", "--lib", "--target", &host])
            .env("CARGO_TARGET_DIR", coverage_dir(root).join("mutants-build"))
            .env("RUST_BACKTRACE", "0")
            .output()
            .map_err(|e| refused(format!("cannot start cargo: {e}")))?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.success() {
            survivors.push(mutant);
        } else if stderr.contains("could not compile") {
            return Err(refused(format!(
                "the unit tests do not build against the wrong version \"{}\":\n{}",
                mutant.name,
                shortened(&stderr, 30)
            )));
        }
    }
    if survivors.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = survivors.iter().map(|m| format!("  - {}", m.why)).collect();
    Err(refused(format!(
        "every line ran, but your tests still pass when the library is wrong in {} way{}:\n{}\na test that runs a line without checking what it did does not test it: assert on the result",
        survivors.len(),
        if survivors.len() == 1 { "" } else { "s" },
        list.join("\n")
    )))
}

/// The name of the package's library (`[lib] name`, else the package's with `_` for `-`).
fn library_name(root: &Path, folder: &Path, package: &str) -> String {
    std::fs::read_to_string(root.join(folder).join("Cargo.toml"))
        .ok()
        .and_then(|text| toml::from_str::<toml::Table>(&text).ok())
        .and_then(|t| t.get("lib")?.get("name")?.as_str().map(str::to_string))
        .unwrap_or_else(|| package.replace('-', "_"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_that_never_ran_are_found_above_the_tests_only() {
        let library = Path::new("/nowhere/src/lib.rs");
        let source = "fn a() {}\nfn b() {}\nfn c() {}\n#[cfg(test)]\nmod tests {\nfn t() {}\n}\n";
        let json = serde_json::json!({ "data": [{ "functions": [
            { "filenames": ["/nowhere/src/lib.rs"], "regions": [
                [1, 1, 1, 10, 3, 0, 0, 0],
                [2, 1, 2, 10, 0, 0, 0, 0],
                [3, 1, 3, 10, 0, 0, 0, 0],
                [6, 1, 6, 10, 0, 0, 0, 0],
            ]},
            // Another copy of the function on line 3 ran it.
            { "filenames": ["/nowhere/src/lib.rs"], "regions": [[3, 1, 3, 10, 1, 0, 0, 0]] },
            // A gap region (kind 3) with no count is no code.
            { "filenames": ["/nowhere/src/lib.rs"], "regions": [[1, 5, 1, 6, 0, 0, 0, 3]] },
        ]}]});
        assert_eq!(unreached_lines(&json, library, source), vec![2]);
    }

    #[test]
    fn miris_numbers_and_the_thread_are_left_out_of_the_books_report() {
        let said = "error: Undefined Behavior: a write using <140244> at alloc44078[0x0]\n  --> src/lib.rs:38:18\n   = note: this is on thread `tests::keeps_th`\n   0: SampleLog::record\n";
        assert_eq!(
            report_for_the_book(said),
            "error: Undefined Behavior: a write using <TAG> at ALLOC[0x0]\n  --> src/lib.rs:38:18\n"
        );
        assert_eq!(
            numbered_names_hidden("a <b> <12 allocator"),
            "a <b> <12 allocator"
        );
    }

    #[test]
    fn a_kept_verdict_is_read_back_only_under_its_own_key() {
        let dir = std::env::temp_dir().join(format!("workbook-verdict-{}", std::process::id()));
        let file = dir.join("v");
        let refused: Kept = Err((
            "miri".into(),
            "error: Undefined Behavior\n  --> src/lib.rs:1".into(),
        ));
        keep(&file, "the key", &refused);
        assert_eq!(read_kept(&file, "the key"), Some(refused));
        assert_eq!(read_kept(&file, "another key"), None);
        keep(&file, "the key", &Ok(()));
        assert_eq!(read_kept(&file, "the key"), Some(Ok(())));
        assert_eq!(
            Check::from_name(Check::Coverage.name()),
            Some(Check::Coverage)
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn lint_names_are_listed_once_each_in_order() {
        let error = |code: &str| CompileError {
            code: Some(code.into()),
            message: "m".into(),
            rendered: format!("error: {code}\n"),
        };
        let errors = [
            error("clippy::unwrap_used"),
            error("clippy::indexing_slicing"),
            error("clippy::unwrap_used"),
        ];
        assert_eq!(
            lint_names(&errors),
            vec!["clippy::unwrap_used", "clippy::indexing_slicing"]
        );
        let described = describe_lints(&errors);
        assert!(described.starts_with("  clippy::unwrap_used: 2\n  clippy::indexing_slicing: 1\n"));
    }
}
