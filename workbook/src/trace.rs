//! Traceability, as safety standards ask for it: from each chapter's learning objectives to the
//! exercises and compile-fail cases that practise them, and from each exercise to the checks that
//! verify it.
//!
//! - The objectives are the bullets under "What you will be able to do" on a chapter's first
//!   page (`chapters/NN-topic/index.md`), numbered in order from 1: objective 11.3 is chapter
//!   11's third bullet.
//! - An exercise names the objectives it practises in its metadata (`objectives = [2, 4]`).
//! - A compile-fail case is named in `compile-fail/cases/NN-topic/objectives.toml`
//!   (`"e0382-uart-used-after-handover" = [6]`): the case's own file keeps its lines, which its
//!   `.stderr` snapshot quotes by number.
//! - An objective that nothing can practise (a discussion, or hardware QEMU does not model) is
//!   listed with the reason in `chapters/NN-topic/not-practised.toml` (`5 = "…"`).
//! - An exercise's checks are facts read from its files: the machine and the expected outputs
//!   its solution is compared with, how its starter fails, its host unit tests, the known wrong
//!   versions of `variants.toml`, and what its metadata forbids and requires.
//!
//! `cargo workbook trace` writes it all to [`PAGE`]; the suite fails when that page is out of
//! date, and on every gap ([`practice_gaps`], [`unserved`], [`out_of_range`]).

use crate::{
    Problem,
    catalogue::{Catalogue, Exercise, StarterFailure},
    firmware, problem, variants,
};
use serde::Deserialize;
use std::{
    collections::BTreeMap,
    fmt::Write as _,
    path::{Path, PathBuf},
};

/// The page this module writes, relative to the repository's root.
pub const PAGE: &str = "chapters/appendix/traceability.md";
/// In `compile-fail/cases/NN-topic/`: the objectives each case of that folder practises.
pub const CASE_OBJECTIVES: &str = "objectives.toml";
/// In `chapters/NN-topic/`: the objectives nothing practises, each with the reason.
pub const NOT_PRACTISED: &str = "not-practised.toml";
/// The heading whose bullets are a chapter's objectives.
pub const OBJECTIVES_HEADING: &str = "## What you will be able to do";

/// The objectives on a chapter's first page: the bullets under [`OBJECTIVES_HEADING`], each
/// as one line (a bullet that runs over several lines is one objective), in order.
pub fn objectives(index: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut lines = index
        .lines()
        .skip_while(|l| l.trim_end() != OBJECTIVES_HEADING);
    if lines.next().is_none() {
        return found;
    }
    for line in lines {
        if let Some(bullet) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            found.push(bullet.trim().to_string());
        } else if line.trim().is_empty() {
            continue;
        } else if line.starts_with([' ', '\t'])
            && let Some(open) = found.last_mut()
        {
            open.push(' ');
            open.push_str(line.trim());
        } else {
            // A heading or a paragraph: the list is over.
            break;
        }
    }
    found
}

/// The id mdBook gives a heading: its explicit `{#id}`, or its text in lower case with spaces
/// as `-` and every other character but letters, digits, `_` and `-` left out.
pub fn heading_id(heading: &str) -> String {
    let heading = heading.trim();
    if let Some((_, id)) = heading.rsplit_once("{#")
        && let Some(id) = id.strip_suffix('}')
    {
        return id.trim().to_string();
    }
    heading
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_ascii_lowercase())
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// A chapter's objective text as this page must show it: links relative to the chapter's folder
/// made relative to the appendix (`../NN-topic/…`), and `|` escaped for a table cell.
fn for_the_page(text: &str, chapter_folder: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("](") {
        out.push_str(&rest[..at + 2]);
        rest = &rest[at + 2..];
        let keeps = ["../", "/", "http://", "https://", "mailto:"];
        if rest.starts_with('#') {
            let _ = write!(out, "../{chapter_folder}/index.md");
        } else if !keeps.iter().any(|k| rest.starts_with(k)) {
            let _ = write!(out, "../{chapter_folder}/");
        }
    }
    out.push_str(rest);
    out.replace('|', "\\|")
}

/// What verifies an exercise, read from its files.
#[derive(Debug, Clone)]
pub struct Checks {
    /// The QEMU machine its programs run on.
    pub machine: String,
    /// The exit code its solution must end with.
    pub exit_code: i32,
    /// Whether the solution's standard error is compared with `expected.err`.
    pub expected_err: bool,
    /// Symbols whose sizes in the solution's image are compared with `sizes.expected`.
    pub sizes: Vec<String>,
    pub starter_fails: StarterFailure,
    /// Whether the starter's standard error is compared with `starter.stderr`.
    pub starter_stderr: bool,
    /// Whether the folder has host unit tests (`src/lib.rs`), which the solution must pass.
    pub host_tests: bool,
    /// Known wrong versions that the judge must refuse, and correct alternatives that must pass.
    pub variants: variants::DeclaredCounts,
    /// What the judge refuses in the learner's code (`what` of each `forbids` entry).
    pub forbids: Vec<String>,
    /// What the learner's items must keep: (construct, item).
    pub requires: Vec<(String, String)>,
    /// Files outside `src/` that are the learner's answer, which must set what the solution's set.
    pub learner_files: Vec<String>,
    /// The tools run beyond QEMU: Clippy, Miri, coverage.
    pub checks: Vec<crate::checks::Check>,
    /// Wrong versions of the library that the learner's tests must catch.
    pub mutants: usize,
}

impl Checks {
    /// Reads them for `exercise` from the tree at `root`.
    pub fn read(root: &Path, exercise: &Exercise) -> Result<Checks, Problem> {
        let meta = &exercise.meta;
        Ok(Checks {
            machine: meta.machine.clone(),
            exit_code: meta.solution_exit_code,
            expected_err: root.join(&exercise.path).join("expected.err").is_file(),
            sizes: meta.sizes.clone(),
            starter_fails: meta.starter_fails.clone(),
            starter_stderr: root
                .join(&exercise.path)
                .join(crate::verify::STARTER_STDERR)
                .is_file(),
            host_tests: firmware::has_host_tests(root, &exercise.solution_path),
            variants: variants::declared_counts(root, exercise)?,
            forbids: meta.forbids.iter().map(|f| f.what.clone()).collect(),
            requires: meta
                .requires
                .iter()
                .map(|r| (r.what.clone(), r.item.clone()))
                .collect(),
            learner_files: meta.learner_files.clone(),
            checks: meta.checks.clone(),
            mutants: meta.mutants.len(),
        })
    }

    /// One sentence for each check, in the order the page lists them.
    pub fn sentences(&self, exercise: &Exercise) -> Vec<String> {
        let mut said = Vec::new();
        let mut run = format!(
            "The solution runs under QEMU on `{}`, exits with code {} and prints exactly \
             `expected.out`",
            self.machine, self.exit_code
        );
        if self.expected_err {
            run.push_str("; its standard error is compared with `expected.err`");
        }
        if !self.sizes.is_empty() {
            let _ = write!(
                run,
                "; the {} of {} in its image {} compared with `sizes.expected`",
                if self.sizes.len() == 1 {
                    "size"
                } else {
                    "sizes"
                },
                words(&self.sizes.iter().map(|s| code(s)).collect::<Vec<_>>()),
                if self.sizes.len() == 1 { "is" } else { "are" },
            );
        }
        said.push(run + ".");
        let mut starter = format!("The starter fails with {}", self.starter_fails);
        if self.starter_stderr {
            starter.push_str(match self.starter_fails {
                StarterFailure::CompileError(_) => {
                    ", and its compiler errors are exactly `starter.stderr`"
                }
                StarterFailure::Panic(_) => ", and its panic report is exactly `starter.stderr`",
                StarterFailure::LinkError(_) => {
                    ", and the linker's report of the panicking functions it reaches is exactly `starter.stderr`"
                }
                StarterFailure::Lints(_) => ", and Clippy's report is exactly `starter.stderr`",
                StarterFailure::Miri(_) => {
                    ", and Miri's report (its numbers hidden) is exactly `starter.stderr`"
                }
                StarterFailure::Uncovered(_) => {
                    ", and the list of lines that never ran is exactly `starter.stderr`"
                }
            });
        }
        said.push(starter + ".");
        if self.host_tests {
            said.push(
                "Its host unit tests (`src/lib.rs`) pass for the solution \
                 (`cargo test --lib --target host-tuple` in its folder)."
                    .to_string(),
            );
        }
        for check in &self.checks {
            use crate::checks::Check;
            said.push(match check {
                Check::Clippy => "Clippy, for its target, passes the solution with the lints its \
                                  `Cargo.toml` denies."
                    .to_string(),
                Check::Miri => "Its host unit tests pass under Miri for the solution (the nightly \
                                named in `.ci/miri-toolchain`)."
                    .to_string(),
                Check::Coverage => format!(
                    "Every line of its library ran in the host unit tests (`-C \
                     instrument-coverage`), and the tests fail on each of {}.",
                    count(
                        self.mutants,
                        "wrong version of the library",
                        "wrong versions of the library"
                    )
                ),
            });
        }
        let variants_file = format!(
            "`{}/{}`",
            exercise.solution_path.display(),
            variants::VARIANTS_FILE
        );
        said.push(match (self.variants.refused, self.variants.passing) {
            (0, 0) => "It declares no known wrong versions.".to_string(),
            (refused, passing) => format!(
                "The judge refuses {} and passes {} ({variants_file}).",
                count(refused, "known wrong version", "known wrong versions"),
                count(passing, "correct alternative", "correct alternatives"),
            ),
        });
        if !self.forbids.is_empty() {
            said.push(format!(
                "The judge refuses in the learner's code: {}.",
                words(&self.forbids.iter().map(|f| code(f)).collect::<Vec<_>>())
            ));
        }
        for (what, item) in &self.requires {
            said.push(format!(
                "The judge requires {} in the learner's {}.",
                code(what),
                code(item)
            ));
        }
        for file in &self.learner_files {
            said.push(format!(
                "The learner's {} must set exactly what the solution's sets.",
                code(file)
            ));
        }
        said
    }
}

/// `text` as inline code, with enough backticks around it.
fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// "a", "a and b", "a, b and c".
fn words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// One exercise, as the trace sees it.
#[derive(Debug, Clone)]
pub struct ExerciseTrace {
    pub exercise: Exercise,
    /// Where the book sets it, as a link from the appendix (`../01-ownership/moves.md#…`).
    pub page: Option<String>,
    pub checks: Checks,
}

/// One compile-fail case of a chapter.
#[derive(Debug, Clone)]
pub struct CaseTrace {
    /// The file's stem: `e0382-use-after-move`.
    pub name: String,
    /// As its folder's [`CASE_OBJECTIVES`] lists them; `None` when it is not listed there.
    pub objectives: Option<Vec<u32>>,
    /// The page that shows it, as a link from the appendix.
    pub page: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ChapterTrace {
    pub number: u32,
    pub folder: String,
    pub title: String,
    /// The bullets of its first page, objective 1 first.
    pub objectives: Vec<String>,
    /// From its [`NOT_PRACTISED`]: objective number, and why nothing practises it.
    pub not_practised: BTreeMap<u32, String>,
    pub exercises: Vec<ExerciseTrace>,
    pub cases: Vec<CaseTrace>,
}

impl ChapterTrace {
    /// The exercises and the cases that practise objective `n`.
    pub fn practising(&self, n: u32) -> (Vec<&ExerciseTrace>, Vec<&CaseTrace>) {
        let exercises = self
            .exercises
            .iter()
            .filter(|e| e.exercise.meta.objectives.contains(&n))
            .collect();
        let cases = self
            .cases
            .iter()
            .filter(|c| c.objectives.as_ref().is_some_and(|o| o.contains(&n)))
            .collect();
        (exercises, cases)
    }

    fn index_page(&self) -> String {
        format!("chapters/{}/index.md", self.folder)
    }
}

/// Every chapter's objectives, exercises and cases, and what did not fit anywhere.
#[derive(Debug, Clone)]
pub struct Trace {
    pub chapters: Vec<ChapterTrace>,
    /// Entries that name nothing: a case in an `objectives.toml` that is no case of its folder,
    /// a folder of cases whose chapter does not exist. Each says what to fix.
    pub loose_ends: Vec<String>,
}

/// Reads the trace of every chapter from the tree at `root`. `Err` for a file it cannot read
/// or understand; what it reads but finds wrong is left to [`practice_gaps`], [`unserved`] and
/// [`out_of_range`].
pub fn read(root: &Path, catalogue: &Catalogue) -> Result<Trace, Problem> {
    let mut chapters = Vec::new();
    let mut loose_ends = Vec::new();
    let cases_root = root.join("compile-fail/cases");
    for chapter in &catalogue.chapters {
        let folder = root.join("chapters").join(&chapter.folder);
        let index = std::fs::read_to_string(folder.join("index.md")).unwrap_or_default();
        let pages = pages_of(&folder)?;
        let not_practised = read_not_practised(&folder.join(NOT_PRACTISED))?;
        let mut exercises = Vec::new();
        for exercise in &chapter.exercises {
            let heading = format!("Exercise {}.{}:", exercise.number.0, exercise.number.1);
            let page = pages.iter().find_map(|(name, text)| {
                let line = text.lines().find(|l| {
                    let title = l.trim_start_matches('#');
                    title.len() < l.len() && title.trim_start().starts_with(&heading)
                })?;
                let id = heading_id(line.trim_start_matches('#'));
                Some(format!("../{}/{name}#{id}", chapter.folder))
            });
            exercises.push(ExerciseTrace {
                exercise: exercise.clone(),
                page,
                checks: Checks::read(root, exercise)?,
            });
        }
        let cases_folder = cases_root.join(&chapter.folder);
        let listed = read_case_objectives(&cases_folder.join(CASE_OBJECTIVES))?;
        let names = case_names(&cases_folder)?;
        for name in listed.keys().filter(|n| !names.contains(n)) {
            loose_ends.push(format!(
                "compile-fail/cases/{}/{CASE_OBJECTIVES} lists \"{name}\", which is no case of \
                 that folder (no {name}.rs there): remove the line or correct the name",
                chapter.folder
            ));
        }
        let cases = names
            .into_iter()
            .map(|name| {
                let shown = format!("compile-fail/cases/{}/{name}.rs", chapter.folder);
                let page = pages
                    .iter()
                    .find(|(_, text)| text.contains(&shown))
                    .map(|(page, _)| format!("../{}/{page}", chapter.folder));
                CaseTrace {
                    objectives: listed.get(&name).cloned(),
                    name,
                    page,
                }
            })
            .collect();
        chapters.push(ChapterTrace {
            number: chapter.number,
            folder: chapter.folder.clone(),
            title: chapter.title.clone(),
            objectives: objectives(&index),
            not_practised,
            exercises,
            cases,
        });
    }
    if let Ok(entries) = std::fs::read_dir(&cases_root) {
        let mut orphans: Vec<String> = entries
            .flatten()
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| !catalogue.chapters.iter().any(|c| &c.folder == name))
            .collect();
        orphans.sort();
        for name in orphans {
            loose_ends.push(format!(
                "compile-fail/cases/{name} belongs to no chapter (there is no chapters/{name}/ \
                 or exercises/{name}/): name the folder after its chapter's"
            ));
        }
    }
    Ok(Trace {
        chapters,
        loose_ends,
    })
}

/// The `.md` files of a chapter's folder, by name, with their text.
fn pages_of(folder: &Path) -> Result<Vec<(String, String)>, Problem> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Ok(Vec::new());
    };
    let mut pages = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| problem!("{}: cannot read: {e}", path.display()))?;
            pages.push((entry.file_name().to_string_lossy().into_owned(), text));
        }
    }
    pages.sort();
    Ok(pages)
}

/// The stems of the `.rs` files in a folder of compile-fail cases, sorted; none without one.
fn case_names(folder: &Path) -> Result<Vec<String>, Problem> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Ok(Vec::new());
    };
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_string()))
        .collect();
    names.sort();
    Ok(names)
}

fn read_toml<T: serde::de::DeserializeOwned + Default>(file: &Path) -> Result<T, Problem> {
    if !file.is_file() {
        return Ok(T::default());
    }
    let text = std::fs::read_to_string(file)
        .map_err(|e| problem!("{}: cannot read: {e}", file.display()))?;
    toml::from_str(&text).map_err(|e| problem!("{}: {e}", file.display()))
}

/// A folder's [`CASE_OBJECTIVES`]: case name to objective numbers.
fn read_case_objectives(file: &Path) -> Result<BTreeMap<String, Vec<u32>>, Problem> {
    read_toml(file)
}

/// A chapter's [`NOT_PRACTISED`]: objective number to reason.
fn read_not_practised(file: &Path) -> Result<BTreeMap<u32, String>, Problem> {
    #[derive(Deserialize, Default)]
    #[serde(transparent)]
    struct Reasons(BTreeMap<String, String>);
    let Reasons(reasons) = read_toml(file)?;
    reasons
        .into_iter()
        .map(|(key, reason)| {
            let n = key.parse().map_err(|_| {
                problem!(
                    "{}: `{key}` is not an objective's number: each line is `N = \"why nothing \
                     practises objective N\"`",
                    file.display()
                )
            })?;
            if reason.trim().is_empty() {
                return Err(problem!(
                    "{}: objective {key} has no reason: say why nothing practises it",
                    file.display()
                ));
            }
            Ok((n, reason))
        })
        .collect()
}

/// The start of an objective, to name it in a message.
fn opening(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 8 {
        words.join(" ")
    } else {
        format!("{} …", words[..8].join(" "))
    }
}

/// Objectives of chapters with exercises that nothing practises and no reason excuses, and
/// reasons given for objectives that something practises after all.
pub fn practice_gaps(trace: &Trace) -> Vec<String> {
    let mut gaps = Vec::new();
    for chapter in trace.chapters.iter().filter(|c| !c.exercises.is_empty()) {
        if chapter.objectives.is_empty() {
            gaps.push(format!(
                "{} has no objectives: its exercises need them as bullets under \"{}\"",
                chapter.index_page(),
                OBJECTIVES_HEADING.trim_start_matches("## ")
            ));
        }
        for (i, text) in chapter.objectives.iter().enumerate() {
            let n = i as u32 + 1;
            let (exercises, cases) = chapter.practising(n);
            let practised = !exercises.is_empty() || !cases.is_empty();
            match (practised, chapter.not_practised.get(&n)) {
                (false, None) => gaps.push(format!(
                    "objective {c}.{n} (\"{}\") is practised by no exercise or compile-fail case: \
                     add {n} to the `objectives` of the exercise of chapter {c} that practises it \
                     ([package.metadata.workbook] in exercises/{f}/*/Cargo.toml) or of a case in \
                     compile-fail/cases/{f}/{CASE_OBJECTIVES}; if nothing can, say why in \
                     chapters/{f}/{NOT_PRACTISED} (`{n} = \"…\"`)",
                    opening(text),
                    c = chapter.number,
                    f = chapter.folder,
                )),
                (true, Some(_)) => {
                    let mut by: Vec<String> = exercises
                        .iter()
                        .map(|e| format!("exercise {}", e.exercise.label()))
                        .collect();
                    by.extend(cases.iter().map(|c| format!("case {}", c.name)));
                    gaps.push(format!(
                        "objective {}.{n} is listed in chapters/{}/{NOT_PRACTISED} as practised \
                         by nothing, but {} practise{} it: remove it from that file",
                        chapter.number,
                        chapter.folder,
                        words(&by),
                        if by.len() == 1 { "s" } else { "" }
                    ));
                }
                _ => {}
            }
        }
    }
    gaps
}

/// Exercises and compile-fail cases that practise no objective, and entries that name nothing.
pub fn unserved(trace: &Trace) -> Vec<String> {
    let mut found = Vec::new();
    for chapter in &trace.chapters {
        let range = match chapter.objectives.len() {
            0 => format!("{} lists none yet", chapter.index_page()),
            n => format!("1 to {n}, the bullets of {}", chapter.index_page()),
        };
        for e in &chapter.exercises {
            if e.exercise.meta.objectives.is_empty() {
                found.push(format!(
                    "exercise {} practises no objective: add `objectives = [n, …]` to \
                     [package.metadata.workbook] in {}/Cargo.toml, with the numbers of the \
                     objectives it practises ({range})",
                    e.exercise.label(),
                    e.exercise.path.display()
                ));
            }
        }
        for case in &chapter.cases {
            if case.objectives.as_ref().is_none_or(|o| o.is_empty()) {
                found.push(format!(
                    "compile-fail case {}/{} practises no objective: add `\"{}\" = [n, …]` to \
                     compile-fail/cases/{}/{CASE_OBJECTIVES}, with the numbers of the objectives \
                     it practises ({range})",
                    chapter.folder, case.name, case.name, chapter.folder
                ));
            }
        }
    }
    found.extend(trace.loose_ends.iter().cloned());
    found
}

/// Objective numbers that name no bullet of their chapter.
pub fn out_of_range(trace: &Trace) -> Vec<String> {
    let mut found = Vec::new();
    for chapter in &trace.chapters {
        let count = chapter.objectives.len() as u32;
        let bad = |n: u32| n == 0 || n > count;
        let has = format!("{} has {count} (numbered from 1)", chapter.index_page());
        for e in &chapter.exercises {
            for n in e.exercise.meta.objectives.iter().filter(|n| bad(**n)) {
                found.push(format!(
                    "exercise {} names objective {n}, but {has}: correct `objectives` in {}/Cargo.toml",
                    e.exercise.label(),
                    e.exercise.path.display()
                ));
            }
        }
        for case in &chapter.cases {
            for n in case.objectives.iter().flatten().filter(|n| bad(**n)) {
                found.push(format!(
                    "compile-fail case {}/{} names objective {n}, but {has}: correct its line in \
                     compile-fail/cases/{}/{CASE_OBJECTIVES}",
                    chapter.folder, case.name, chapter.folder
                ));
            }
        }
        for n in chapter.not_practised.keys().filter(|n| bad(**n)) {
            found.push(format!(
                "chapters/{}/{NOT_PRACTISED} gives a reason for objective {n}, but {has}: \
                 correct or remove that line",
                chapter.folder
            ));
        }
    }
    found
}

/// The page, in Markdown.
pub fn page(trace: &Trace) -> String {
    let mut out = String::new();
    out.push_str(INTRODUCTION);
    for chapter in &trace.chapters {
        let _ = writeln!(
            out,
            "\n## {}. {} {{#chapter-{}}}\n",
            chapter.number, chapter.title, chapter.number
        );
        if chapter.objectives.is_empty() {
            let _ = writeln!(
                out,
                "[The chapter](../{}/index.md) lists no objectives yet.",
                chapter.folder
            );
        } else {
            let _ = writeln!(
                out,
                "The objectives of [the chapter](../{}/index.md), and what practises each:\n",
                chapter.folder
            );
            out.push_str("| | Objective | Exercises | Compile-fail cases |\n|---|---|---|---|\n");
            for (i, text) in chapter.objectives.iter().enumerate() {
                let n = i as u32 + 1;
                let (exercises, cases) = chapter.practising(n);
                let mut exercise_cell = exercises
                    .iter()
                    .map(|e| {
                        let (c, x) = e.exercise.number;
                        format!("[{c}.{x}&nbsp;{}](#{})", e.exercise.id, e.exercise.id)
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                if exercises.is_empty()
                    && cases.is_empty()
                    && let Some(reason) = chapter.not_practised.get(&n)
                {
                    exercise_cell = format!("None: {}", for_the_page(reason, &chapter.folder));
                }
                let case_cell = cases
                    .iter()
                    .map(|c| match &c.page {
                        Some(page) => format!("[`{}`]({page})", c.name),
                        None => format!("`{}`", c.name),
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                let _ = writeln!(
                    out,
                    "| {}.{n} | {} | {exercise_cell} | {case_cell} |",
                    chapter.number,
                    for_the_page(text, &chapter.folder)
                );
            }
        }
        if chapter.exercises.is_empty() {
            out.push_str("\nIt has no exercises yet.\n");
        }
        for e in &chapter.exercises {
            let exercise = &e.exercise;
            let (c, x) = exercise.number;
            let _ = writeln!(
                out,
                "\n### {c}.{x} {} {{#{}}}\n",
                exercise.meta.title, exercise.id
            );
            let place = match &e.page {
                Some(page) => format!("`{}` ([the exercise]({page}))", exercise.path.display()),
                None => format!("`{}`", exercise.path.display()),
            };
            let practises: Vec<String> = exercise
                .meta
                .objectives
                .iter()
                .map(|n| format!("{c}.{n}"))
                .collect();
            let _ = writeln!(
                out,
                "{place} practises {}. Its checks:\n",
                match practises.len() {
                    0 => "no objective yet".to_string(),
                    1 => format!("objective {}", practises[0]),
                    _ => format!("objectives {}", words(&practises)),
                }
            );
            for sentence in e.checks.sentences(exercise) {
                let _ = writeln!(out, "- {sentence}");
            }
        }
    }
    out.push_str(SPEAKER_NOTES);
    out
}

/// The sections (`## ` headings) in which `current`, the page as it is, differs from `wanted`,
/// the page as [`page`] writes it now; empty when the two are the same.
pub fn stale_sections(current: &str, wanted: &str) -> Vec<String> {
    fn sections(text: &str) -> Vec<(String, String)> {
        let mut found: Vec<(String, String)> = vec![("(the introduction)".into(), String::new())];
        for line in text.lines() {
            if let Some(heading) = line.strip_prefix("## ") {
                let heading = heading.split(" {#").next().unwrap_or(heading);
                found.push((heading.to_string(), String::new()));
            }
            let body = &mut found.last_mut().expect("one section at least").1;
            body.push_str(line);
            body.push('\n');
        }
        found
    }
    if current == wanted {
        return Vec::new();
    }
    if current.is_empty() {
        return vec!["the whole page, which is not there yet".into()];
    }
    let current = sections(current);
    let wanted = sections(wanted);
    let mut stale: Vec<String> = wanted
        .iter()
        .filter(|section| !current.contains(section))
        .map(|(heading, _)| heading.clone())
        .collect();
    stale.extend(
        current
            .iter()
            .filter(|(heading, _)| !wanted.iter().any(|(h, _)| h == heading))
            .map(|(heading, _)| format!("{heading} (no longer there)")),
    );
    if stale.is_empty() {
        // Same sections, in another order, or a difference in line endings.
        stale.push("the order of its sections or its line endings".into());
    }
    stale
}

/// The page as it is in the tree at `root` (empty when there is none).
pub fn current_page(root: &Path) -> String {
    std::fs::read_to_string(root.join(PAGE)).unwrap_or_default()
}

/// Where the page goes under `root`.
pub fn page_path(root: &Path) -> PathBuf {
    root.join(PAGE)
}

const INTRODUCTION: &str = r#"# Traceability: objectives, exercises and checks

Every chapter opens with what you will be able to do at its end. This page takes each of those
objectives to the exercises and compile-fail cases that practise it, and each exercise to the
checks that `cargo test` runs on it. Nothing on it is typed by hand: a command writes it from
the files the checks read, and the test suite fails when it no longer matches them.

## Why trace

Standards for safety-related software ask for a link between requirements and verification that
can be followed both ways: DO-178C for airborne software (its trace data, section 11.21),
ISO 26262 for road vehicles (part 8, clause 6, on safety requirements) and IEC 61508 for
electrical, electronic and programmable safety systems in general (part 3). Followed forwards,
from each requirement to the tests that verify it, the link shows that none is left unverified;
followed backwards, from each test to its requirement, that no test is there for nothing. The
standards themselves are sold rather than published, and this page quotes none of them. A gap is
better written down with its reason than left for a reviewer to find: the safety plan of
Ferrocene's certified `core` library, for instance, asks for full statement coverage by tests and
has the few lines that automatic tests cannot reach annotated with an explanation
([Ferrocene's certified core library: project setup](https://public-docs.ferrocene.dev/main/certification/core/safety-plan/project-setup.html)).

This workbook is not developed under any of those standards. It borrows the discipline because
a course faces the same two questions: is every objective practised, and does every exercise earn
its place? Here the objectives play the requirements, and the exercises and compile-fail cases
play the tests. An objective that nothing here can practise (a discussion, or hardware that QEMU
does not model) says so in its row, with the reason.

## How it is made

- Objective *c.n* is the *n*-th bullet under "What you will be able to do" on the first page of
  chapter *c*, copied here as that page has it.
- An exercise names the objectives it practises in its `Cargo.toml`, as `objectives = [2, 4]` in
  `[package.metadata.workbook]`.
- A compile-fail case is named in `compile-fail/cases/<chapter>/objectives.toml`
  (`"e0382-use-after-move" = [2]`), so that the case's own lines, which its `.stderr` snapshot
  quotes by number, stay as they are.
- An objective that nothing practises is listed with its reason in
  `chapters/<chapter>/not-practised.toml` (`5 = "…"`).
- The checks listed for each exercise are read from its files: the metadata, the expected
  outputs beside the starter, `starter.stderr`, `src/lib.rs`, and the solution's `variants.toml`.

After changing any of these, write the page again:

```sh
cargo workbook trace
```

It rewrites this page and lists any gap. `cargo workbook trace --check` changes nothing: it says
which sections of the page are out of date and what is missing, and fails if anything is.

`cargo test` fails when this page is out of date; when an objective of a chapter with exercises
is practised by nothing and has no reason listed; when an exercise or a compile-fail case
practises no objective; and when a number names no bullet of its chapter.

Besides the checks listed for it, every exercise gets the same few more. Its solution is judged
as a learner's version would be (the harness kept as the starter has it, nothing the exercise
forbids), and the judge is tried with the generic attacks CONTRIBUTING.md lists, such as printing
`expected.out` back or editing the files it judges by. Every compile-fail case must fail with
exactly the one error its `.stderr` holds (trybuild compares them), and its fixed version in
`compile-fail/fixed/` must compile and run.
"#;

const SPEAKER_NOTES: &str = r#"
<details>
<summary>Speaker notes</summary>

- Not a page to teach from. It is for whoever plans a course from the workbook or reviews it:
  to cut a workshop down to some objectives, read the table of each chapter for the exercises to
  keep; to judge an exercise, read what verifies it.
- The rows that say "None" are objectives taught by discussion only. Give them their minutes in
  the room: no exercise will.
- The page is generated (`cargo workbook trace`): correct the metadata or the chapter's page,
  never this file.

</details>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = "# Chapter\n\nIntro.\n\n## What you will be able to do\n\n\
        - Say where a `static` lives.\n\
        - Fix E0499 and\n  E0502, and cut a buffer in two with\n  `split_at_mut`.\n\
        - Read the [vector table](../appendix/glossary.md#vector-table) and [moves](moves.md).\n\
        \n## Exercises\n\n- Not an objective.\n";

    #[test]
    fn the_objectives_are_the_bullets_under_their_heading_one_line_each() {
        assert_eq!(
            objectives(INDEX),
            [
                "Say where a `static` lives.",
                "Fix E0499 and E0502, and cut a buffer in two with `split_at_mut`.",
                "Read the [vector table](../appendix/glossary.md#vector-table) and [moves](moves.md).",
            ]
        );
        assert!(objectives("# Chapter\n\n- A bullet, but no heading.\n").is_empty());
        let then_a_paragraph =
            "## What you will be able to do\n\n- One.\nA paragraph.\n- Not one.\n";
        assert_eq!(objectives(then_a_paragraph), ["One."]);
    }

    #[test]
    fn a_heading_gets_the_id_mdbook_gives_it() {
        assert_eq!(
            heading_id(" Exercise 4.5: The interrupt's share"),
            "exercise-45-the-interrupts-share"
        );
        assert_eq!(
            heading_id("Exercise 2.1: Port it to no_std"),
            "exercise-21-port-it-to-no_std"
        );
        assert_eq!(
            heading_id("Exercise 8.2: Borrow, don't clone"),
            "exercise-82-borrow-dont-clone"
        );
        assert_eq!(heading_id("Static mut {#static-mut}"), "static-mut");
    }

    #[test]
    fn links_of_a_chapter_page_are_made_to_work_from_the_appendix() {
        assert_eq!(
            for_the_page(
                "[a](../appendix/glossary.md#a), [b](moves.md), [c](#top), [d](https://x.org) a|b",
                "01-ownership"
            ),
            "[a](../appendix/glossary.md#a), [b](../01-ownership/moves.md), \
             [c](../01-ownership/index.md#top), [d](https://x.org) a\\|b"
        );
    }

    #[test]
    fn lists_read_as_words() {
        assert_eq!(words(&[]), "");
        assert_eq!(words(&["a".into()]), "a");
        assert_eq!(words(&["a".into(), "b".into(), "c".into()]), "a, b and c");
        assert_eq!(code("a`b"), "`` a`b ``");
    }

    #[test]
    fn a_stale_page_names_the_sections_that_differ() {
        let wanted = "# T\n\nintro\n\n## 1. One\n\na\n\n## 2. Two\n\nb\n";
        assert!(stale_sections(wanted, wanted).is_empty());
        assert_eq!(
            stale_sections("# T\n\nintro\n\n## 1. One\n\nA\n\n## 2. Two\n\nb\n", wanted),
            ["1. One"]
        );
        assert_eq!(
            stale_sections("# T\n\nintro\n\n## 1. One\n\na\n\n## 3. Three\n", wanted),
            ["2. Two", "3. Three (no longer there)"]
        );
        assert_eq!(
            stale_sections(
                "# T\n\nintro\n\n## 1. One {#one}\n\na\n",
                "# T\n\nintro\n\n## 1. One {#one}\n\nb\n"
            ),
            ["1. One"]
        );
        assert_eq!(
            stale_sections("", wanted),
            ["the whole page, which is not there yet"]
        );
    }

    /// A tree with one chapter, two exercises and two compile-fail cases.
    struct Tree(PathBuf);

    impl Tree {
        fn new(name: &str) -> Tree {
            let root =
                std::env::temp_dir().join(format!("workbook-trace-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&root);
            let tree = Tree(root);
            tree.write("chapters/01-ownership/index.md", INDEX);
            tree.write(
                "chapters/01-ownership/moves.md",
                "# Moves\n\n{{#include ../../compile-fail/cases/01-ownership/e0382-use-after-move.rs}}\n\n## Exercise 1.1: The moved packet\n",
            );
            tree.exercise("01-moved-packet", "[1]");
            tree.exercise("02-split-frame", "[2]");
            tree.write(
                "compile-fail/cases/01-ownership/e0382-use-after-move.rs",
                "",
            );
            tree.write("compile-fail/cases/01-ownership/e0499-two-borrows.rs", "");
            tree.write(
                "compile-fail/cases/01-ownership/objectives.toml",
                "\"e0382-use-after-move\" = [1]\n\"e0499-two-borrows\" = [2]\n",
            );
            tree
        }

        fn write(&self, path: &str, text: &str) {
            let path = self.0.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }

        fn exercise(&self, folder: &str, objectives: &str) {
            let name = folder.split_once('-').unwrap().1;
            self.write(
                &format!("exercises/01-ownership/{folder}/Cargo.toml"),
                &format!(
                    "[package]\nname = \"{name}\"\n\n[package.metadata.workbook]\n\
                     title = \"T\"\nmachine = \"lm3s6965evb\"\nminutes = 5\nhint = \"h\"\n\
                     learner-writes = []\nobjectives = {objectives}\n\
                     starter-fails = {{ compile-error = \"E0382\" }}\n\
                     forbids = [{{ what = \".clone()\", why = \"lend it\" }}]\n"
                ),
            );
        }

        fn trace(&self) -> Trace {
            let catalogue = Catalogue::load(&self.0).unwrap();
            read(&self.0, &catalogue).unwrap()
        }
    }

    impl Drop for Tree {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn a_complete_trace_has_no_gaps_and_its_page_links_what_it_found() {
        let tree = Tree::new("complete");
        let trace = tree.trace();
        tree.write(
            "chapters/01-ownership/not-practised.toml",
            "3 = \"A discussion: nothing to run.\"\n",
        );
        let trace_with_reason = tree.trace();
        assert!(
            !practice_gaps(&trace).is_empty(),
            "objective 3 is practised by nothing"
        );
        assert!(practice_gaps(&trace_with_reason).is_empty());
        assert!(unserved(&trace).is_empty());
        assert!(out_of_range(&trace).is_empty());

        let page = page(&trace_with_reason);
        for text in [
            "| 1.1 | Say where a `static` lives. | [1.1&nbsp;moved-packet](#moved-packet) | [`e0382-use-after-move`](../01-ownership/moves.md) |",
            "| 1.3 | Read the [vector table](../appendix/glossary.md#vector-table) and [moves](../01-ownership/moves.md). | None: A discussion: nothing to run. |  |",
            "`exercises/01-ownership/01-moved-packet` ([the exercise](../01-ownership/moves.md#exercise-11-the-moved-packet)) practises objective 1.1.",
            "- The starter fails with compile error E0382.",
            "- The judge refuses in the learner's code: `.clone()`.",
            "- It declares no known wrong versions.",
        ] {
            assert!(page.contains(text), "the page lacks {text}:\n{page}");
        }
        assert!(page.trim_end().ends_with("</details>"));
    }

    #[test]
    fn every_gap_is_found_and_says_what_to_fix() {
        let tree = Tree::new("gaps");
        tree.exercise("02-split-frame", "[]");
        tree.exercise("03-dangling", "[0, 9]");
        tree.write(
            "compile-fail/cases/01-ownership/objectives.toml",
            "\"e0382-use-after-move\" = [1]\n\"e0597-renamed\" = [3]\n",
        );
        tree.write(
            "chapters/01-ownership/not-practised.toml",
            "1 = \"why\"\n7 = \"why\"\n",
        );
        tree.write("compile-fail/cases/99-nowhere/e0000-x.rs", "");
        let trace = tree.trace();

        let gaps = practice_gaps(&trace);
        assert_eq!(gaps.len(), 3, "{gaps:#?}");
        assert!(gaps[0].contains("listed in chapters/01-ownership/not-practised.toml"));
        assert!(
            gaps[0].contains("exercise 1.1 moved-packet and case e0382-use-after-move practise it")
        );
        assert!(gaps[1].starts_with("objective 1.2 (\"Fix E0499 and E0502, and cut a buffer …\")"));
        assert!(gaps[1].contains("exercises/01-ownership/*/Cargo.toml"));
        assert!(gaps[2].starts_with("objective 1.3 "));

        let unserved = unserved(&trace);
        assert_eq!(unserved.len(), 4, "{unserved:#?}");
        assert!(unserved[0].starts_with("exercise 1.2 split-frame practises no objective"));
        assert!(unserved[0].contains("1 to 3, the bullets of chapters/01-ownership/index.md"));
        assert!(unserved[1].contains("`\"e0499-two-borrows\" = [n, …]`"));
        assert!(unserved[2].contains("\"e0597-renamed\", which is no case"));
        assert!(unserved[3].starts_with("compile-fail/cases/99-nowhere belongs to no chapter"));

        let out = out_of_range(&trace);
        assert_eq!(out.len(), 3, "{out:#?}");
        assert!(out[0].starts_with("exercise 1.3 dangling names objective 0"));
        assert!(out[1].contains("objective 9, but chapters/01-ownership/index.md has 3"));
        assert!(out[2].contains("gives a reason for objective 7"));
    }

    #[test]
    fn a_reason_must_name_an_objective_by_number_and_give_a_reason() {
        let tree = Tree::new("reasons");
        tree.write(
            "chapters/01-ownership/not-practised.toml",
            "five = \"why\"\n",
        );
        let catalogue = Catalogue::load(&tree.0).unwrap();
        let error = read(&tree.0, &catalogue).unwrap_err();
        assert!(
            error.0.contains("`five` is not an objective's number"),
            "{error}"
        );
        tree.write("chapters/01-ownership/not-practised.toml", "3 = \" \"\n");
        let error = read(&tree.0, &catalogue).unwrap_err();
        assert!(error.0.contains("objective 3 has no reason"), "{error}");
    }
}
