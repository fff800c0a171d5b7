//! The starters as git has them: which exercises the learner has changed, putting a starter back
//! (the learner's version kept as a backup first), and the solutions beside the starters.
//!
//! The starter of an exercise is what the workbook's commit holds in `exercises/…`: a fresh clone
//! is all starters, and `git` tells us, without building anything, which ones the learner touched.
//! That commit is the last one the learner took from the workbook's own branch (the merge base
//! with the branch's upstream), so work the learner committed is still the learner's; without an
//! upstream it is `HEAD`.

use crate::{
    Problem,
    catalogue::{Catalogue, Exercise},
    problem,
};
use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
    process::Command,
};

/// Runs git in `root`; its stdout, or a sentence saying why not.
pub(crate) fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>, Problem> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|e| problem!("cannot run git ({e}): is it installed?"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(problem!(
            "`git {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

fn nul_separated(bytes: &[u8]) -> Vec<PathBuf> {
    bytes
        .split(|b| *b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| PathBuf::from(String::from_utf8_lossy(p).into_owned()))
        .collect()
}

/// The commit that holds the starters: where the learner's branch left its upstream (a clone's
/// `origin/main`), so that the learner's own commits count as changes; `HEAD` when the branch has
/// no upstream. An error only when git cannot be run here or this is not a repository.
pub fn starter_commit(root: &Path) -> Result<String, Problem> {
    git(root, &["rev-parse", "--verify", "--quiet", "HEAD"]).map_err(|e| {
        problem!(
            "git cannot say what the starters are here ({e}): reset needs the git clone of the \
             workbook"
        )
    })?;
    Ok(git(root, &["merge-base", "HEAD", "@{upstream}"])
        .map(|out| String::from_utf8_lossy(&out).trim().to_string())
        .unwrap_or_else(|_| "HEAD".to_string()))
}

/// The exercises whose folders differ from the starters' commit (changed, deleted or new files,
/// committed or not), in book order; `None` when git cannot tell (no git, or not a clone).
pub fn changed_exercises<'c>(root: &Path, catalogue: &'c Catalogue) -> Option<Vec<&'c Exercise>> {
    let paths = changed_paths(root, Path::new("exercises"))?;
    Some(
        catalogue
            .exercises()
            .filter(|e| paths.iter().any(|p| p.starts_with(&e.path)))
            .collect(),
    )
}

/// Whether `exercise`'s folder differs from the starters' commit; `None` when git cannot tell.
pub fn exercise_changed(root: &Path, exercise: &Exercise) -> Option<bool> {
    Some(!changed_paths(root, &exercise.path)?.is_empty())
}

/// The files under `under` (from the root) that differ from the starters' commit: changed,
/// deleted or new, committed or not.
fn changed_paths(root: &Path, under: &Path) -> Option<Vec<PathBuf>> {
    let base = starter_commit(root).ok()?;
    let under = under.to_string_lossy().replace('\\', "/");
    let mut listed = git(
        root,
        &[
            "diff",
            "--name-only",
            "-z",
            "--no-renames",
            &base,
            "--",
            &under,
        ],
    )
    .ok()?;
    listed.push(0);
    listed.extend(
        git(
            root,
            &[
                "ls-files",
                "-z",
                "--others",
                "--exclude-standard",
                "--",
                &under,
            ],
        )
        .ok()?,
    );
    Some(nul_separated(&listed))
}

/// Every file under `folder` (relative to it), build output and git's own files left out.
pub(crate) fn files_in(folder: &Path) -> Vec<PathBuf> {
    fn walk(base: &Path, dir: &Path, found: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_name() == "target" || entry.file_name() == ".git" {
                continue;
            }
            if path.is_dir() {
                walk(base, &path, found);
            } else if let Ok(relative) = path.strip_prefix(base) {
                found.push(relative.to_path_buf());
            }
        }
    }
    let mut found = Vec::new();
    walk(folder, folder, &mut found);
    found.sort();
    found
}

/// What `reset` did.
#[derive(Debug)]
pub enum Reset {
    /// The folder already held the starter, byte for byte: nothing was touched.
    AlreadyTheStarter,
    Done {
        /// Where the learner's whole folder was copied before anything changed.
        backup: PathBuf,
        /// Files put back as the starter has them (relative to the exercise's folder).
        restored: Vec<PathBuf>,
        /// Files the starter does not have, removed (they are in the backup).
        removed: Vec<PathBuf>,
    },
}

/// Puts the starter of `exercise`, as commit `from` has it, back in its folder. Before changing
/// anything it copies the learner's folder to `.workbook/backups/<id>/<time>/`.
pub fn reset(root: &Path, exercise: &Exercise, from: &str) -> Result<Reset, Problem> {
    let folder = root.join(&exercise.path);
    if git(
        root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{from}^{{commit}}"),
        ],
    )
    .is_err()
    {
        return Err(problem!(
            "git knows no commit or branch called '{from}' here, so it has no starter to restore \
             (reset needs the git clone of the workbook; `git log --oneline` lists its commits)"
        ));
    }
    let spec = format!("{}/", exercise.path.display());
    let tracked = nul_separated(&git(
        root,
        &["ls-tree", "-r", "-z", "--name-only", from, "--", &spec],
    )?);
    if tracked.is_empty() {
        return Err(problem!(
            "git has no files in {} at {from}, so there is no starter to restore",
            exercise.path.display()
        ));
    }
    let mut starter = Vec::new();
    for path in &tracked {
        let relative = path
            .strip_prefix(&exercise.path)
            .map_err(|_| problem!("git listed {} outside the exercise", path.display()))?;
        let bytes = git(root, &["show", &format!("{from}:./{}", path.display())])?;
        starter.push((relative.to_path_buf(), bytes));
    }
    let present = files_in(&folder);
    let restored: Vec<PathBuf> = starter
        .iter()
        .filter(|(path, bytes)| std::fs::read(folder.join(path)).ok().as_ref() != Some(bytes))
        .map(|(path, _)| path.clone())
        .collect();
    let starter_paths: BTreeSet<&PathBuf> = starter.iter().map(|(p, _)| p).collect();
    let removed: Vec<PathBuf> = present
        .iter()
        .filter(|p| !starter_paths.contains(p))
        .cloned()
        .collect();
    if restored.is_empty() && removed.is_empty() {
        return Ok(Reset::AlreadyTheStarter);
    }

    let backup = backup_dir(root, &exercise.id);
    for path in &present {
        let to = backup.join(path);
        std::fs::create_dir_all(to.parent().expect("a file has a folder"))
            .and_then(|()| std::fs::copy(folder.join(path), &to).map(drop))
            .map_err(|e| {
                problem!(
                    "cannot back up {} to {}: {e}; nothing was changed",
                    path.display(),
                    to.display()
                )
            })?;
    }
    for (path, bytes) in &starter {
        if restored.contains(path) {
            let to = folder.join(path);
            std::fs::create_dir_all(to.parent().expect("a file has a folder"))
                .and_then(|()| std::fs::write(&to, bytes))
                .map_err(|e| {
                    problem!(
                        "cannot restore {}: {e} (your version is in {})",
                        to.display(),
                        backup.display()
                    )
                })?;
        }
    }
    for path in &removed {
        std::fs::remove_file(folder.join(path)).map_err(|e| {
            problem!(
                "cannot remove {}: {e} (your version is in {})",
                path.display(),
                backup.display()
            )
        })?;
        // Folders the starter does not have go too, once empty.
        let mut dir = folder.join(path);
        while dir.pop() && dir != folder && std::fs::remove_dir(&dir).is_ok() {}
    }
    Ok(Reset::Done {
        backup: backup.strip_prefix(root).unwrap_or(&backup).to_path_buf(),
        restored,
        removed,
    })
}

/// `.workbook/backups/<id>/<UTC time>`, with a suffix if that one exists already.
fn backup_dir(root: &Path, id: &str) -> PathBuf {
    let stamp = utc_stamp(std::time::SystemTime::now());
    let base = root.join(".workbook/backups").join(id);
    let mut dir = base.join(&stamp);
    let mut n = 2;
    while dir.exists() {
        dir = base.join(format!("{stamp}-{n}"));
        n += 1;
    }
    dir
}

/// `2026-11-21T19-40-03Z`: sortable, and valid in a file name on every system.
fn utc_stamp(time: std::time::SystemTime) -> String {
    let secs = time
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Days since 1970-01-01 to a civil date (the algorithm of Howard Hinnant's `civil_from_days`).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}-{:02}-{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The files of an exercise's folder that make up the program a learner edits, relative to the
/// folder, in order: its `src/`, and the build's own settings where the folder has them (a
/// `.cargo/config.toml` choosing the linker is the whole answer of exercise 4.3). `Cargo.toml`
/// is left out: a solution's differs only in the package's name and the exercise's metadata
/// (verification checks that its dependencies are the starter's).
pub fn sources(root: &Path, folder: &Path) -> Vec<PathBuf> {
    files_in(&root.join(folder))
        .into_iter()
        .filter(|p| {
            p.starts_with("src")
                || p == Path::new(".cargo/config.toml")
                || p == Path::new("build.rs")
                || p.extension().is_some_and(|x| x == "x")
        })
        .collect()
}

/// The unified diff from the starter's sources to the solution's: what solving it changes.
pub fn starter_to_solution(root: &Path, exercise: &Exercise) -> String {
    let mut paths: BTreeSet<PathBuf> = sources(root, &exercise.path).into_iter().collect();
    paths.extend(sources(root, &exercise.solution_path));
    let mut diff = String::new();
    for path in paths {
        let read = |folder: &Path| {
            std::fs::read_to_string(root.join(folder).join(&path)).unwrap_or_default()
        };
        let (old, new) = (read(&exercise.path), read(&exercise.solution_path));
        if old == new {
            continue;
        }
        let names = (
            exercise.path.join(&path).display().to_string(),
            exercise.solution_path.join(&path).display().to_string(),
        );
        diff.push_str(
            &similar::TextDiff::from_lines(&old, &new)
                .unified_diff()
                .context_radius(3)
                .header(&names.0, &names.1)
                .to_string(),
        );
    }
    diff
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_utc_calendar_times() {
        let at = |secs| utc_stamp(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs));
        assert_eq!(at(0), "1970-01-01T00-00-00Z");
        assert_eq!(at(951_782_400), "2000-02-29T00-00-00Z");
        assert_eq!(at(1_795_289_245), "2026-11-21T19-27-25Z");
    }
}
