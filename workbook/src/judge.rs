//! The judge of a learner's version: what it is judged against, and what it may change.
//!
//! The judge's own inputs (an exercise's `expected.out`, `expected.err`, `sizes.expected`, its
//! metadata, its build files) belong to the workbook: for a learner they are read from the
//! workbook's commit (the same base `reset` restores from, [`crate::starter::starter_commit`]),
//! never from the working tree. A learner who edits one is told so in one line and judged
//! against the workbook's; one who changes how the exercise builds (its `Cargo.toml` beyond the
//! metadata, a cargo config, the board crate, the runner) gets NOT YET with the file named.
//!
//! The learner's files are the sources under `src/`: [`crate::harness`] judges them against the
//! starter's (the harness stays as it is, the lesson's forbidden constructs are refused), and the
//! files an exercise names in `learner-files` (4.3's whole answer is its `.cargo/config.toml`),
//! which must then set what the solution's sets.

use crate::{
    Problem,
    catalogue::{Exercise, parse_metadata},
    harness::{self, Refusal},
    problem,
};
use std::path::{Path, PathBuf};

/// Where the workbook's own files are read from.
#[derive(Debug, Clone)]
pub enum Reference {
    /// The workbook's commit (a learner's clone): what the learner's branch took from upstream.
    Commit { root: PathBuf, commit: String },
    /// The working tree itself: the workbook's own checks of its starters and solutions, or a
    /// learner's copy that is not a git clone.
    Tree { root: PathBuf },
}

impl Reference {
    /// The learner's judge: the workbook's commit, or the working tree when git cannot say what
    /// that is (a copy that is not a clone), with a line that says so.
    pub fn for_learner(root: &Path) -> (Reference, Option<String>) {
        match crate::starter::starter_commit(root) {
            Ok(commit) => {
                let commit = git_out(root, &["rev-parse", "--short", &commit])
                    .map(|s| s.trim().to_string())
                    .unwrap_or(commit);
                (
                    Reference::Commit {
                        root: root.to_path_buf(),
                        commit,
                    },
                    None,
                )
            }
            Err(_) => (
                Reference::Tree {
                    root: root.to_path_buf(),
                },
                Some(
                    "this is not a git clone of the workbook, so the judge reads its expected outputs from your working tree".into(),
                ),
            ),
        }
    }

    pub fn working_tree(root: &Path) -> Reference {
        Reference::Tree {
            root: root.to_path_buf(),
        }
    }

    fn root(&self) -> &Path {
        match self {
            Reference::Commit { root, .. } | Reference::Tree { root } => root,
        }
    }

    /// A file as the workbook has it (`path` relative to the root); `None` when it has none.
    pub fn read(&self, path: &Path) -> Option<Vec<u8>> {
        match self {
            Reference::Tree { root } => std::fs::read(root.join(path)).ok(),
            Reference::Commit { root, commit } => {
                crate::starter::git(root, &["show", &format!("{commit}:./{}", slashed(path))]).ok()
            }
        }
    }

    pub fn read_string(&self, path: &Path) -> Result<String, Problem> {
        let bytes = self
            .read(path)
            .ok_or_else(|| problem!("the workbook has no {}", path.display()))?;
        String::from_utf8(bytes).map_err(|_| problem!("{} is not UTF-8", path.display()))
    }

    /// The files of `folder` (relative to the root), relative to it.
    pub fn files(&self, folder: &Path) -> Vec<PathBuf> {
        match self {
            Reference::Tree { root } => crate::starter::files_in(&root.join(folder)),
            Reference::Commit { root, commit } => git_out(
                root,
                &[
                    "ls-tree",
                    "-r",
                    "--name-only",
                    commit,
                    "--",
                    &format!("{}/", slashed(folder)),
                ],
            )
            .unwrap_or_default()
            .lines()
            .filter_map(|l| {
                Path::new(l)
                    .strip_prefix(folder)
                    .ok()
                    .map(Path::to_path_buf)
            })
            .collect(),
        }
    }

    /// The exercise with its metadata as the workbook has it.
    pub fn exercise(&self, exercise: &Exercise) -> Result<Exercise, Problem> {
        let manifest = exercise.path.join("Cargo.toml");
        let text = self.read_string(&manifest)?;
        let mut judged = exercise.clone();
        judged.meta = parse_metadata(&text, &manifest)?;
        Ok(judged)
    }

    /// How to get the workbook's version of `path` back, for a message.
    pub fn restore_hint(&self, path: &Path) -> String {
        match self {
            Reference::Commit { commit, .. } => {
                format!("`git checkout {commit} -- {}` puts it back", slashed(path))
            }
            Reference::Tree { .. } => "`cargo workbook reset` puts the starter back".into(),
        }
    }
}

fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// `git` in `root`, its output as text; `None` when git cannot answer.
fn git_out(root: &Path, args: &[&str]) -> Option<String> {
    crate::starter::git(root, args)
        .ok()
        .map(|out| String::from_utf8_lossy(&out).into_owned())
}

/// What the judge found before building: lines to show, and reasons the version cannot pass.
#[derive(Debug, Default, Clone)]
pub struct Judgement {
    /// A workbook file the learner edited, which the judge does not use (one line each).
    pub notices: Vec<String>,
    pub refusals: Vec<Refusal>,
}

/// Files the judge only reads (it compares with them); a learner's edit of one is ignored.
const ANSWER_FILES: [&str; 4] = [
    "expected.out",
    "expected.err",
    "sizes.expected",
    crate::verify::STARTER_STDERR,
];

/// Files of the whole workspace that decide how every exercise builds and runs.
const SHARED_BUILD_FILES: [&str; 6] = [
    "Cargo.toml",
    ".cargo",
    "exercises/.cargo",
    // A chapter's folder is above every exercise in it: a config there applies to them all.
    "exercises/*/.cargo",
    "rust-toolchain.toml",
    "qemu",
];

/// Judges the learner's version of `exercise`, whose files are in `folder` (relative to the
/// root: the exercise's own folder, or a copy of it), without building it.
pub fn judge_sources(reference: &Reference, exercise: &Exercise, folder: &Path) -> Judgement {
    let mut judgement = Judgement::default();
    let root = reference.root();
    let meta = &exercise.meta;
    let workbook_files = reference.files(&exercise.path);
    let is_source = |p: &Path| p.starts_with("src") && p.extension().is_some_and(|x| x == "rs");
    let is_learners = |p: &Path| meta.learner_files.iter().any(|f| Path::new(f) == p);

    for file in &workbook_files {
        if is_source(file) || is_learners(file) {
            continue;
        }
        let theirs = reference.read(&exercise.path.join(file));
        let mine = std::fs::read(root.join(folder).join(file)).ok();
        if mine == theirs {
            continue;
        }
        let shown = exercise.path.join(file);
        let name = file.to_string_lossy();
        if ANSWER_FILES.iter().any(|a| Path::new(a) == file) {
            judgement.notices.push(format!(
                "{} is the workbook's: you changed it, so the judge uses the workbook's ({})",
                shown.display(),
                reference.restore_hint(&shown)
            ));
        } else if name == "Cargo.toml"
            && same_apart_from_metadata(mine.as_deref(), theirs.as_deref())
        {
            judgement.notices.push(format!(
                "{}: the exercise's metadata is the workbook's, so the judge uses the workbook's ({})",
                shown.display(),
                reference.restore_hint(&shown)
            ));
        } else {
            judgement.refusals.push(Refusal(format!(
                "{} is the workbook's and decides how the exercise builds, and yours differs ({})",
                shown.display(),
                reference.restore_hint(&shown)
            )));
        }
    }
    // New build files change the build as much as changed ones.
    for file in crate::starter::files_in(&root.join(folder)) {
        if workbook_files.contains(&file) || is_learners(&file) {
            continue;
        }
        let name = file.to_string_lossy();
        let builds = file.starts_with(".cargo")
            || name == "build.rs"
            || file.extension().is_some_and(|x| x == "x" || x == "toml");
        if builds {
            judgement.refusals.push(Refusal(format!(
                "{}: a file the workbook does not have, which changes how the exercise builds: remove it",
                exercise.path.join(&file).display()
            )));
        }
    }
    if let Reference::Commit { commit, .. } = reference {
        for changed in changed_shared_files(root, commit) {
            judgement.refusals.push(Refusal(format!(
                "{changed} is the workbook's and decides how every exercise builds and runs, and yours differs ({})",
                reference.restore_hint(Path::new(&changed))
            )));
        }
    }

    let code = judge_code(reference, exercise, folder);
    judgement.refusals.extend(code.refusals);
    judgement
}

/// Judges the learner's code in `folder` against the starter's: the harness kept, nothing the
/// lesson forbids, and the build files that are the learner's answer set as the solution's.
/// (The reference solution is held to the same, in verification.)
pub fn judge_code(reference: &Reference, exercise: &Exercise, folder: &Path) -> Judgement {
    let mut judgement = Judgement::default();
    let root = reference.root();
    let meta = &exercise.meta;
    let workbook_files = reference.files(&exercise.path);
    let is_source = |p: &Path| p.starts_with("src") && p.extension().is_some_and(|x| x == "rs");
    // The learner's sources, against the starter's.
    let mut sources: Vec<PathBuf> = crate::starter::files_in(&root.join(folder).join("src"))
        .into_iter()
        .map(|p| Path::new("src").join(p))
        .filter(|p| is_source(p))
        .collect();
    for file in workbook_files.iter().filter(|f| is_source(f)) {
        if !sources.contains(file) {
            judgement.refusals.push(Refusal(format!(
                "{}: the workbook's file is gone from your version ({})",
                exercise.path.join(file).display(),
                reference.restore_hint(&exercise.path.join(file))
            )));
        }
    }
    sources.sort();
    for file in &sources {
        let Ok(mine) = std::fs::read_to_string(root.join(folder).join(file)) else {
            continue;
        };
        let starter = reference
            .read(&exercise.path.join(file))
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default();
        let judged = harness::judge_file_using(
            &exercise.path.join(file).to_string_lossy(),
            &starter,
            &mine,
            &meta.learner_writes,
            &meta.forbids,
            &meta.requires,
            &meta.allows,
            &meta.learner_uses,
        );
        judgement.refusals.extend(judged.refusals);
    }

    // A build file that is the learner's answer must set what the solution's sets.
    for file in &meta.learner_files {
        let solution = reference
            .read(&exercise.solution_path.join(file))
            .and_then(|b| String::from_utf8(b).ok());
        let mine = std::fs::read_to_string(root.join(folder).join(file)).ok();
        if let Some(why) = toml_difference(mine.as_deref(), solution.as_deref()) {
            judgement.refusals.push(Refusal(format!(
                "{}: {why}",
                exercise.path.join(file).display()
            )));
        }
    }
    judgement
}

/// Two manifests that differ, if at all, only in `[package.metadata]`.
fn same_apart_from_metadata(mine: Option<&[u8]>, theirs: Option<&[u8]>) -> bool {
    let parse = |bytes: Option<&[u8]>| -> Option<toml::Table> {
        let mut table: toml::Table = toml::from_str(std::str::from_utf8(bytes?).ok()?).ok()?;
        if let Some(package) = table.get_mut("package").and_then(|p| p.as_table_mut()) {
            package.remove("metadata");
        }
        Some(table)
    };
    matches!((parse(mine), parse(theirs)), (Some(a), Some(b)) if a == b)
}

/// `None` when `mine` sets every key `wanted` sets, to the same value, and nothing else;
/// otherwise the first difference in words.
fn toml_difference(mine: Option<&str>, wanted: Option<&str>) -> Option<String> {
    let wanted: toml::Table = toml::from_str(wanted?).ok()?;
    let Some(mine) = mine else {
        return Some("the file is missing, and it is your answer".into());
    };
    let mut mine: toml::Table = match toml::from_str(mine) {
        Ok(table) => table,
        Err(e) => return Some(format!("not valid TOML: {e}")),
    };
    linker_flag_as_linker(&mut mine);
    let (mine, wanted) = (flatten(&mine), flatten(&wanted));
    for (key, value) in &wanted {
        match mine.iter().find(|(k, _)| k == key) {
            None => return Some(format!("nothing sets `{key}`, which the lesson needs")),
            Some((_, v)) if v != value => {
                return Some(format!(
                    "`{key}` is {v}, which is not what the lesson needs"
                ));
            }
            Some(_) => {}
        }
    }
    mine.iter()
        .find(|(k, _)| !wanted.iter().any(|(w, _)| w == k))
        .map(|(key, _)| format!("`{key}` is set, which the lesson does not ask for"))
}

/// `rustflags = ["-C", "linker=flip-link"]` in a `[target.…]` table says what `linker =
/// "flip-link"` says: rewritten so, when those are its only flags and the table sets no linker.
fn linker_flag_as_linker(config: &mut toml::Table) {
    let Some(targets) = config.get_mut("target").and_then(|t| t.as_table_mut()) else {
        return;
    };
    for table in targets.iter_mut().filter_map(|(_, t)| t.as_table_mut()) {
        let flags: Option<Vec<String>> = match table.get("rustflags") {
            Some(toml::Value::String(text)) => {
                Some(text.split_whitespace().map(str::to_string).collect())
            }
            Some(toml::Value::Array(items)) => items
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => None,
        };
        let linker = match flags.as_deref() {
            Some([c, flag]) if c == "-C" => flag.strip_prefix("linker="),
            Some([flag]) => flag.strip_prefix("-Clinker="),
            _ => None,
        };
        if let Some(linker) = linker.filter(|_| !table.contains_key("linker")) {
            let linker = toml::Value::String(linker.to_string());
            table.remove("rustflags");
            table.insert("linker".into(), linker);
        }
    }
}

fn flatten(table: &toml::Table) -> Vec<(String, String)> {
    fn walk(prefix: &str, value: &toml::Value, out: &mut Vec<(String, String)>) {
        match value {
            toml::Value::Table(table) => {
                for (key, value) in table {
                    let key = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    walk(&key, value, out);
                }
            }
            other => out.push((prefix.to_string(), other.to_string())),
        }
    }
    let mut out = Vec::new();
    walk("", &toml::Value::Table(table.clone()), &mut out);
    out
}

/// The workspace's shared build files that differ from the workbook's commit (changed, or new and
/// untracked).
fn changed_shared_files(root: &Path, commit: &str) -> Vec<String> {
    let mut args = vec!["diff", "--name-only", commit, "--"];
    args.extend(SHARED_BUILD_FILES);
    let mut changed: Vec<String> = git_out(root, &args)
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect();
    let mut untracked = vec!["ls-files", "--others", "--exclude-standard", "--"];
    untracked.extend(SHARED_BUILD_FILES);
    changed.extend(
        git_out(root, &untracked)
            .unwrap_or_default()
            .lines()
            .map(str::to_string),
    );
    changed.sort();
    changed.dedup();
    // A manifest or config whose settings are the same (a comment added) changes nothing.
    changed.retain(|file| {
        if !file.ends_with(".toml") {
            return true;
        }
        let parse = |text: Option<String>| -> Option<toml::Table> { toml::from_str(&text?).ok() };
        let mine = parse(std::fs::read_to_string(root.join(file)).ok());
        let theirs = parse(git_out(root, &["show", &format!("{commit}:./{file}")]));
        mine.is_none() || mine != theirs
    });
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_learners_config_must_set_what_the_solution_sets_and_nothing_else() {
        let wanted = "[build]\ntarget = \"thumbv6m-none-eabi\"\n[target.thumbv6m-none-eabi]\nlinker = \"flip-link\"\n";
        assert_eq!(toml_difference(Some(wanted), Some(wanted)), None);
        let reformatted = "# mine\n[target.thumbv6m-none-eabi]\nlinker = 'flip-link'\n[build]\ntarget = \"thumbv6m-none-eabi\"\n";
        assert_eq!(toml_difference(Some(reformatted), Some(wanted)), None);
        let missing = "[build]\ntarget = \"thumbv6m-none-eabi\"\n";
        assert!(
            toml_difference(Some(missing), Some(wanted))
                .unwrap()
                .contains("linker")
        );
        let extra = format!("{wanted}[profile.dev]\nopt-level = 3\n");
        assert!(
            toml_difference(Some(&extra), Some(wanted))
                .unwrap()
                .contains("profile.dev.opt-level")
        );
    }

    #[test]
    fn only_the_metadata_of_a_manifest_may_differ_without_changing_the_build() {
        let base = "[package]\nname = \"x\"\n[dependencies]\nboard = 1\n[package.metadata.workbook]\nminutes = 5\n";
        let meta = base.replace("minutes = 5", "minutes = 9\nsolution-exit-code = 1");
        assert!(same_apart_from_metadata(
            Some(meta.as_bytes()),
            Some(base.as_bytes())
        ));
        let deps = base.replace("board = 1", "board = 1\nheapless = 1");
        assert!(!same_apart_from_metadata(
            Some(deps.as_bytes()),
            Some(base.as_bytes())
        ));
    }
}
