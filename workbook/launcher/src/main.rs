//! What `cargo workbook` runs (the alias in `.cargo/config.toml`): it builds the workbook tool,
//! then runs it with the same arguments and ends with its exit code.
//!
//! The alias runs this crate with `cargo run --quiet`, which shows nothing while it builds. This
//! crate has no dependencies and builds in about a second; the tool has some fifty, and on a
//! fresh clone takes a minute or more, which a learner would watch as a blank terminal. So this
//! launcher builds the tool itself, with Cargo's messages in JSON, and shows a line of progress
//! (crates built out of those the tool needs, and an estimate of the time left) only when there
//! is something to build: a later start, with nothing to build, prints nothing.
//!
//! The tool is built from the workspace's root, whatever folder the learner is in, so that an
//! exercise's own `.cargo/config.toml` (a thumb target, optimised dependencies) never reaches it.

use std::{
    collections::{BTreeMap, BTreeSet},
    io::{BufRead, BufReader, IsTerminal, Write},
    path::{Path, PathBuf},
    process::{Command, ExitCode, Stdio},
    time::Instant,
};

/// The workspace's root: this crate lives in `workbook/launcher/`.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("workbook/launcher is two folders below the root")
        .to_path_buf()
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn main() -> ExitCode {
    let root = root();
    match build_tool(&root) {
        Ok(tool) => hand_over(&tool),
        Err(message) => {
            eprintln!("cargo workbook: {message}");
            ExitCode::from(1)
        }
    }
}

/// Runs the tool with our arguments, in our folder, and ends as it ends.
fn hand_over(tool: &Path) -> ExitCode {
    let mut command = Command::new(tool);
    command.args(std::env::args_os().skip(1));
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // The tool takes this process's place: the terminal, signals and exit code are its.
        let error = command.exec();
        eprintln!("cargo workbook: cannot start {}: {error}", tool.display());
        ExitCode::from(1)
    }
    #[cfg(not(unix))]
    match command.status() {
        Ok(status) => ExitCode::from(status.code().unwrap_or(1).clamp(0, 255) as u8),
        Err(error) => {
            eprintln!("cargo workbook: cannot start {}: {error}", tool.display());
            ExitCode::from(1)
        }
    }
}

/// Builds the tool (`cargo build --package workbook`) and returns its executable, showing
/// progress on the terminal while crates compile.
fn build_tool(root: &Path) -> Result<PathBuf, String> {
    let mut child = Command::new(cargo())
        .current_dir(root)
        .args([
            "build",
            "--target",
            "host-tuple",
            "--package",
            "workbook",
            "--bin",
            "workbook",
            "--message-format=json-render-diagnostics",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    let live = std::io::stderr().is_terminal();
    let started = Instant::now();
    // Cargo's own lines, but for those that repeat on every start: downloads, a wait for the
    // build directory's lock, errors and warnings get through; `Compiling`, `Finished` and the
    // like do not (the progress line below says the same, once).
    let stderr = child.stderr.take().expect("piped");
    let passer = std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            let word = line.split_whitespace().next().unwrap_or_default();
            if ["Compiling", "Finished", "Fresh", "Checking", "Running"].contains(&word) {
                continue;
            }
            eprintln!("\r\x1b[K{line}");
        }
    });
    // A start that has something to build says so within a second, before the first crate is
    // done; one with nothing to build is over by then (a tenth of a second here).
    use std::sync::{Arc, atomic::AtomicBool, atomic::Ordering::Relaxed};
    let finished = Arc::new(AtomicBool::new(false));
    let announced = Arc::new(AtomicBool::new(false));
    let (finished_by_now, announcing) = (finished.clone(), announced.clone());
    // On a fresh clone there is no tool yet: say so at once.
    let wait = if tool_built_before(root) { 300 } else { 0 };
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(wait));
        if live && !finished_by_now.load(Relaxed) {
            announcing.store(true, Relaxed);
            eprint!("building the workbook tool (the first start only)…");
            let _ = std::io::stderr().flush();
        }
    });
    let mut progress = Progress {
        root: root.to_path_buf(),
        live,
        started,
        needed: None,
        done: BTreeSet::new(),
        compiled: 0,
        shown: false,
    };
    let mut tool = None;
    let stdout = child.stdout.take().expect("piped");
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        if !line.contains("\"reason\":\"compiler-artifact\"") {
            continue;
        }
        let package = field(&line, "\"name\":\"").unwrap_or_default();
        let fresh = line.contains("\"fresh\":true");
        if package == "workbook" && line.contains("\"kind\":[\"bin\"]") {
            tool = field(&line, "\"executable\":\"").map(PathBuf::from);
        }
        progress.artifact(&package, fresh);
    }
    finished.store(true, Relaxed);
    progress.finish();
    if announced.load(Relaxed) && !progress.shown {
        // Announced, and then nothing compiled after all (a slow check of a fresh build).
        eprint!("\r\x1b[K");
    }
    let _ = passer.join();
    let status = child
        .wait()
        .map_err(|e| format!("cargo did not finish: {e}"))?;
    if !status.success() {
        return Err("building the workbook tool failed (the errors are above)".into());
    }
    tool.ok_or_else(|| "cargo built the workbook tool but did not say where".into())
}

/// Whether a workbook tool has been built here before, for any host (`target/<host>/debug/`).
fn tool_built_before(root: &Path) -> bool {
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let tool = format!("workbook{}", std::env::consts::EXE_SUFFIX);
    std::fs::read_dir(target).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.path().join("debug").join(&tool).is_file())
    })
}

/// The value of the first `"key":"…"` string field in a line of Cargo's JSON (names and paths
/// here have no quotes; a backslash is taken as an escape).
fn field(line: &str, key: &str) -> Option<String> {
    let start = line.find(key)? + key.len();
    let mut value = String::new();
    let mut chars = line[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(value),
            '\\' => value.push(chars.next()?),
            c => value.push(c),
        }
    }
    None
}

/// How many packages the tool's build has: the packages `workbook` depends on, normal and build
/// dependencies, from `cargo metadata` (offline, from the lock file). `None` when it cannot say.
fn crates_needed(root: &Path) -> Option<usize> {
    let out = Command::new(cargo())
        .current_dir(root)
        .args(["metadata", "--format-version", "1", "--offline"])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    // The resolve graph, read without a JSON library: each node's id and its dependencies' ids.
    let resolve = &text[text.find("\"resolve\":")?..];
    let mut graph: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for node in resolve.split("{\"id\":\"").skip(1) {
        let id = node[..node.find('"')?].to_string();
        let deps = match node.find("\"dependencies\":[") {
            Some(at) => {
                let list = &node[at + "\"dependencies\":[".len()..];
                let list = &list[..list.find(']')?];
                list.split(',')
                    .map(|d| d.trim_matches('"').to_string())
                    .filter(|d| !d.is_empty())
                    .collect()
            }
            None => Vec::new(),
        };
        graph.insert(id, deps);
    }
    let start = graph
        .keys()
        .find(|id| id.contains("/workbook#") || id.ends_with("/workbook"))?;
    let mut seen = BTreeSet::new();
    let mut todo = vec![start.clone()];
    while let Some(id) = todo.pop() {
        if seen.insert(id.clone()) {
            todo.extend(graph.get(&id).into_iter().flatten().cloned());
        }
    }
    Some(seen.len())
}

/// The line of progress, on stderr, shown only while something compiles on a terminal.
struct Progress {
    root: PathBuf,
    live: bool,
    started: Instant,
    /// How many crates the build has, once something compiles.
    needed: Option<usize>,
    done: BTreeSet<String>,
    compiled: usize,
    shown: bool,
}

impl Progress {
    fn artifact(&mut self, package: &str, fresh: bool) {
        self.done.insert(package.to_string());
        if fresh {
            return;
        }
        self.compiled += 1;
        if self.compiled == 1 {
            // Asked only when something compiles: a start with nothing to build stays quick.
            self.needed = crates_needed(&self.root);
        }
        if !self.live {
            if !self.shown {
                eprintln!("cargo workbook: building the workbook tool…");
                self.shown = true;
            }
            return;
        }
        let elapsed = self.started.elapsed().as_secs_f64();
        let line = match self.needed {
            Some(needed) => {
                let done = self.done.len().min(needed);
                let left = if self.compiled >= 3 && done < needed {
                    let per_crate = elapsed / self.compiled as f64;
                    format!(", about {:.0} s left", per_crate * (needed - done) as f64)
                } else {
                    String::new()
                };
                format!(
                    "building the workbook tool: {done} of about {needed} crates{left} (the first start only)"
                )
            }
            None => format!(
                "building the workbook tool: {} crates (the first start only)",
                self.done.len()
            ),
        };
        eprint!("\r\x1b[K{line}");
        let _ = std::io::stderr().flush();
        self.shown = true;
    }

    fn finish(&mut self) {
        if self.live && self.shown {
            eprintln!(
                "\r\x1b[Kbuilt the workbook tool in {:.0} s",
                self.started.elapsed().as_secs_f64()
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn reads_a_field_of_cargos_json_with_escapes() {
        let line = r#"{"reason":"compiler-artifact","target":{"name":"workbook","kind":["bin"]},"executable":"C:\\work\\target\\workbook.exe","fresh":true}"#;
        assert_eq!(field(line, "\"name\":\"").as_deref(), Some("workbook"));
        assert_eq!(
            field(line, "\"executable\":\"").as_deref(),
            Some(r"C:\work\target\workbook.exe")
        );
        assert_eq!(field(line, "\"missing\":\""), None);
        assert_eq!(field(r#"{"name":"cut off"#, "\"name\":\""), None);
    }
}
