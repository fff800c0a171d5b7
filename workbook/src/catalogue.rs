//! The chapters and their exercises, read from the tree: `exercises/NN-topic/NN-name/` with its
//! `[package.metadata.workbook]`, its `expected.out`, and its twin under `solutions/`.
//!
//! The folders are the list: nothing else names the exercises.

use crate::{Problem, problem};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// How an unsolved starter is meant to fail: the lesson's own failure, nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum StarterFailure {
    /// It does not compile, and every error it gives carries this code (`E0382`), or, for errors
    /// that have no code, a message that contains this text.
    CompileError(String),
    /// It compiles, runs, and panics with a message containing this text.
    Panic(String),
    /// It compiles but does not link, and the linker's message contains this text (panic-never's
    /// "panicking branch": the proof that the program cannot panic fails).
    LinkError(String),
    /// It builds, and Clippy (`checks = ["clippy"]`) denies it with exactly these lints, each of
    /// them at least once (`clippy::unwrap_used`, or a rustc lint such as `unsafe_code`).
    Lints(Vec<String>),
    /// Its host unit tests pass natively, and Miri (`checks = ["miri"]`) stops them with a report
    /// that contains this text ("Undefined Behavior").
    Miri(String),
    /// Its host unit tests pass, and the coverage check (`checks = ["coverage"]`) finds code of
    /// the library they never ran; its message contains this text.
    Uncovered(String),
}

impl std::fmt::Display for StarterFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StarterFailure::CompileError(code) if is_error_code(code) => {
                write!(f, "compile error {code}")
            }
            StarterFailure::CompileError(text) => write!(f, "compile error \"{text}\""),
            StarterFailure::Panic(message) => write!(f, "panic \"{message}\""),
            StarterFailure::LinkError(text) => write!(f, "link error \"{text}\""),
            StarterFailure::Lints(lints) => write!(f, "lints {}", lints.join(", ")),
            StarterFailure::Miri(text) => write!(f, "Miri \"{text}\""),
            StarterFailure::Uncovered(text) => write!(f, "coverage \"{text}\""),
        }
    }
}

impl StarterFailure {
    /// How the starter fails, as the answer key says it.
    pub fn sentence(&self) -> String {
        match self {
            StarterFailure::CompileError(code) => format!("The starter does not compile: {code}"),
            StarterFailure::Panic(message) => format!("The starter panics: \"{message}\""),
            StarterFailure::LinkError(text) => format!("The starter does not link: \"{text}\""),
            StarterFailure::Lints(lints) => {
                format!("The starter fails Clippy: {}", lints.join(", "))
            }
            StarterFailure::Miri(text) => {
                format!("The starter's unit tests pass, and Miri reports \"{text}\"")
            }
            StarterFailure::Uncovered(text) => {
                format!("The starter's unit tests pass, and leave code that \"{text}\"")
            }
        }
    }
}

/// Whether `text` is a rustc error code such as `E0382` (rather than part of a message).
pub fn is_error_code(text: &str) -> bool {
    text.len() == 5 && text.starts_with('E') && text[1..].bytes().all(|b| b.is_ascii_digit())
}

/// `[package.metadata.workbook]` of an exercise's `Cargo.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Metadata {
    pub title: String,
    pub machine: String,
    pub minutes: u32,
    /// The learning objectives of its chapter that it practises: the numbers of the bullets under
    /// "What you will be able to do" on the chapter's first page, counted from 1 (`[2, 4]` in
    /// chapter 1 practises objectives 1.2 and 1.4). `cargo workbook trace` draws the book's
    /// traceability page from them, and the suite wants every exercise to name at least one.
    #[serde(default)]
    pub objectives: Vec<u32>,
    pub starter_fails: StarterFailure,
    pub hint: String,
    /// The exit code the solution ends with: 0 unless the lesson is a program that ends in failure
    /// (a panic handler that exits non-zero).
    #[serde(default)]
    pub solution_exit_code: i32,
    /// Functions or statics whose sizes in the solution's image the suite checks against the
    /// exercise's `sizes.expected` (dev profile), by the last part of their path (`average`
    /// matches `dyn_or_generic::average` and its every copy).
    #[serde(default)]
    pub sizes: Vec<String>,
    /// `"dev"` when the expected output holds figures of the dev profile (stack bytes, instruction
    /// counts) that an optimised build changes: `verify --release` then checks only that the
    /// solution runs to its exit code.
    #[serde(default)]
    pub output_profile: Option<String>,
    /// Figures in the expected output that depend on how the learner wrote the code (instruction
    /// counts of their function): templates such as `"record_frame: {n} instructions"`, in which
    /// `{n}` stands for any whole number. A learner's version passes with other numbers there;
    /// the reference solution must still print exactly `expected.out`, which the book shows.
    #[serde(default)]
    pub vary: Vec<String>,
    /// What of the sources is the learner's: items of the starter by name (`fn split_frame`,
    /// `static EVENT_LOG`, `impl Drop for UartGuard`), a whole file (`src/lib.rs`), or `*` for
    /// every source. Every other item of the starter is the harness, which the learner's version
    /// must keep as it is (see [`crate::harness`]).
    pub learner_writes: Vec<String>,
    /// Constructs the lesson rules out, found in the learner's code and refused with the reason.
    #[serde(default)]
    pub forbids: Vec<crate::harness::Forbidden>,
    /// What one of the learner's items must contain (`#[repr(C)]` on 7.1's struct), and why.
    #[serde(default)]
    pub requires: Vec<crate::harness::Required>,
    /// What the harness otherwise keeps to itself (`hprintln!`, `exit_failure`) and this
    /// exercise's lesson is about writing: a panic handler that reports and ends the run.
    #[serde(default)]
    pub allows: Vec<String>,
    /// Statics of the harness that the learner's code may name (a slot it hands a driver
    /// through); the others are the harness's records, which the learner's code may not touch.
    #[serde(default)]
    pub learner_uses: Vec<String>,
    /// Checks beyond the run under QEMU (and the host unit tests), in this order: Clippy for the
    /// exercise's target, Miri on the host unit tests, the coverage of the host unit tests.
    #[serde(default)]
    pub checks: Vec<crate::checks::Check>,
    /// Wrong versions of the library's code that the learner's unit tests must catch (a test
    /// that runs a line but checks nothing about it does not test it): with `checks =
    /// ["coverage"]`, each is applied to `src/lib.rs` and the tests must fail.
    #[serde(default)]
    pub mutants: Vec<crate::checks::Mutant>,
    /// Files outside `src/` that are the learner's answer (4.3's `.cargo/config.toml`): the
    /// learner's must then set what the solution's sets.
    #[serde(default)]
    pub learner_files: Vec<String>,
    /// What the lesson saves, where that is bytes of the image (`"flash"` or `"static RAM"`; a
    /// stack budget does not count): `cargo workbook footprint` measures the starter as well, and
    /// the book's footprint page shows its figures beside the solution's.
    #[serde(default)]
    pub saves: Option<Saving>,
}

/// The part of the chip's memory a lesson saves bytes of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Saving {
    #[serde(rename = "flash")]
    Flash,
    #[serde(rename = "static RAM")]
    StaticRam,
}

impl std::fmt::Display for Saving {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Saving::Flash => "flash",
            Saving::StaticRam => "static RAM",
        })
    }
}

#[derive(Debug, Clone)]
pub struct Exercise {
    /// The folder's name without its number: `moved-packet`. Also the starter's package name.
    pub id: String,
    /// `1.2`: chapter and position, as the book numbers them.
    pub number: (u32, u32),
    pub chapter_folder: String,
    /// `exercises/01-ownership/02-moved-packet`, relative to the repository root.
    pub path: PathBuf,
    pub solution_path: PathBuf,
    pub meta: Metadata,
}

impl Exercise {
    pub fn label(&self) -> String {
        format!("{}.{} {}", self.number.0, self.number.1, self.id)
    }
    /// The solution's package name.
    pub fn solution_package(&self) -> String {
        format!("{}-solution", self.id)
    }
    pub fn expected_output_path(&self) -> PathBuf {
        self.path.join("expected.out")
    }
    /// Whether its expected output holds figures of the dev profile that `--release` changes.
    pub fn dev_profile_output(&self) -> bool {
        self.meta.output_profile.as_deref() == Some("dev")
    }
    /// Where the sizes of the symbols named in `sizes` are checked.
    pub fn sizes_path(&self) -> PathBuf {
        self.path.join("sizes.expected")
    }
    /// Whether `--only text` selects it: by its id or by its chapter's folder (`02-no-std`).
    pub fn matches(&self, text: &str) -> bool {
        self.id.contains(text) || self.chapter_folder == text
    }
}

#[derive(Debug, Clone)]
pub struct Chapter {
    pub number: u32,
    /// `01-ownership`: the same name under `chapters/`, `exercises/` and `solutions/`.
    pub folder: String,
    pub title: String,
    pub exercises: Vec<Exercise>,
}

#[derive(Debug, Clone)]
pub struct Catalogue {
    pub chapters: Vec<Chapter>,
}

impl Catalogue {
    /// Reads the chapters (every `chapters/NN-*/index.md`) and their exercises. Fails on the first
    /// exercise it cannot understand; [`crate::verify`] reports every structural problem instead.
    pub fn load(root: &Path) -> Result<Catalogue, Problem> {
        let (catalogue, problems) = Catalogue::load_lenient(root);
        match problems.into_iter().next() {
            Some(first) => Err(first),
            None => Ok(catalogue),
        }
    }

    /// Reads what it can and lists what it could not.
    pub fn load_lenient(root: &Path) -> (Catalogue, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut chapters = Vec::new();
        // A chapter is a numbered folder under chapters/ or exercises/ (an exercise folder
        // without its page must not vanish from the list).
        let mut folders = numbered_folders(&root.join("chapters"));
        folders.extend(numbered_folders(&root.join("exercises")));
        folders.sort();
        folders.dedup();
        for (number, folder) in folders {
            let title = chapter_title(&root.join("chapters").join(&folder).join("index.md"))
                .unwrap_or_else(|| folder.clone());
            let mut exercises = Vec::new();
            for (position, name) in numbered_folders(&root.join("exercises").join(&folder)) {
                match load_exercise(root, &folder, number, position, &name) {
                    Ok(exercise) => exercises.push(exercise),
                    Err(p) => problems.push(p),
                }
            }
            chapters.push(Chapter {
                number,
                folder,
                title,
                exercises,
            });
        }
        (Catalogue { chapters }, problems)
    }

    pub fn exercises(&self) -> impl Iterator<Item = &Exercise> {
        self.chapters.iter().flat_map(|c| c.exercises.iter())
    }

    /// What a command's selection names: one exercise by any name [`find`](Self::find) knows,
    /// else every exercise of a chapter (`01-ownership`) or whose id contains the text. `Err`, with
    /// the closest ids, when that is nothing.
    pub fn select(&self, text: &str) -> Result<Vec<&Exercise>, Vec<String>> {
        match self.find(text) {
            Ok(exercise) => Ok(vec![exercise]),
            Err(suggestions) => {
                let chosen: Vec<&Exercise> = self
                    .exercises()
                    .filter(|e| !text.is_empty() && e.matches(text))
                    .collect();
                if !chosen.is_empty() {
                    return Ok(chosen);
                }
                let mut suggestions = suggestions;
                suggestions.extend(
                    self.chapters
                        .iter()
                        .filter(|c| {
                            strsim::damerau_levenshtein(text, &c.folder)
                                <= (c.folder.chars().count() / 4).max(1)
                        })
                        .map(|c| c.folder.clone()),
                );
                Err(suggestions)
            }
        }
    }

    /// Finds an exercise by id (`moved-packet`), number (`1.2`), folder (`02-moved-packet`) or
    /// path (`exercises/01-ownership/02-moved-packet`). Otherwise suggests the nearest ids.
    pub fn find(&self, name: &str) -> Result<&Exercise, Vec<String>> {
        let wanted = name.trim_end_matches('/');
        let found = self.exercises().find(|e| {
            e.id == wanted
                || format!("{}.{}", e.number.0, e.number.1) == wanted
                || e.path.file_name().is_some_and(|f| f == wanted)
                || e.path == Path::new(wanted)
                || Path::new(wanted).ends_with(&e.path)
        });
        found.ok_or_else(|| {
            // A name is compared with each id, and with each number (`12` is close to `1.2`), by
            // edits (a letter added, dropped, changed, or two swapped). An id is suggested only
            // within one edit for every four of its letters, a number within one edit, and only
            // the closest of those: a typo of `latency-budget` is not also told about
            // `flash-budget`.
            let typed = wanted.replace('_', "-");
            let mut scored: Vec<(usize, &str)> = self
                .exercises()
                .filter_map(|e| {
                    let number = format!("{}.{}", e.number.0, e.number.1);
                    let by_id = strsim::damerau_levenshtein(&typed, &e.id);
                    let by_number = strsim::damerau_levenshtein(wanted, &number).min(
                        strsim::damerau_levenshtein(wanted, &number.replace('.', "")),
                    );
                    let close = [
                        (by_id <= (e.id.chars().count() / 4).max(1)).then_some(by_id),
                        (by_number <= 1).then_some(by_number),
                    ];
                    close
                        .into_iter()
                        .flatten()
                        .min()
                        .map(|edits| (edits, e.id.as_str()))
                })
                .collect();
            let closest = scored.iter().map(|(edits, _)| *edits).min();
            scored.retain(|(edits, _)| Some(*edits) == closest);
            scored
                .into_iter()
                .take(3)
                .map(|(_, id)| id.to_string())
                .collect()
        })
    }
}

/// `NN-name` folders inside `dir`, by number.
fn numbered_folders(dir: &Path) -> Vec<(u32, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut folders: Vec<(u32, String)> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (digits, _) = name.split_once('-')?;
            Some((digits.parse().ok()?, name))
        })
        .collect();
    folders.sort();
    folders
}

/// The first `# ` heading of a page, without any leading "Chapter N:" numbering.
fn chapter_title(index: &Path) -> Option<String> {
    let text = std::fs::read_to_string(index).ok()?;
    let heading = text.lines().find_map(|l| l.strip_prefix("# "))?.trim();
    Some(heading.to_string())
}

#[derive(Deserialize)]
struct Manifest {
    package: Package,
}
#[derive(Deserialize)]
struct Package {
    name: String,
    metadata: Option<PackageMetadata>,
}
#[derive(Deserialize)]
struct PackageMetadata {
    workbook: Option<Metadata>,
}

/// The `[package.metadata.workbook]` of a manifest's text (`path` names it in messages).
pub fn parse_metadata(manifest: &str, path: &Path) -> Result<Metadata, Problem> {
    let parsed: Manifest =
        toml::from_str(manifest).map_err(|e| problem!("{}: {e}", path.display()))?;
    parsed
        .package
        .metadata
        .and_then(|m| m.workbook)
        .ok_or_else(|| problem!("{}: no [package.metadata.workbook] table", path.display()))
}

fn load_exercise(
    root: &Path,
    chapter: &str,
    chapter_number: u32,
    position: u32,
    folder: &str,
) -> Result<Exercise, Problem> {
    let path = Path::new("exercises").join(chapter).join(folder);
    let solution_path = Path::new("solutions").join(chapter).join(folder);
    let manifest_path = root.join(&path).join("Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path)
        .map_err(|e| problem!("{}: cannot read: {e}", manifest_path.display()))?;

    let parsed: Manifest =
        toml::from_str(&manifest).map_err(|e| problem!("{}: {e}", manifest_path.display()))?;
    let id = folder
        .split_once('-')
        .map(|(_, rest)| rest)
        .unwrap_or(folder)
        .to_string();
    if parsed.package.name != id {
        return Err(problem!(
            "{}: the package is called '{}' but the folder says '{id}': they must match",
            manifest_path.display(),
            parsed.package.name
        ));
    }
    let meta = parsed
        .package
        .metadata
        .and_then(|m| m.workbook)
        .ok_or_else(|| {
            problem!(
                "{}: no [package.metadata.workbook] table",
                manifest_path.display()
            )
        })?;
    Ok(Exercise {
        id,
        number: (chapter_number, position),
        chapter_folder: chapter.to_string(),
        path,
        solution_path,
        meta,
    })
}
