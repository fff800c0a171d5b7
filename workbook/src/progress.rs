//! The learner's progress: which exercises have passed, in `.workbook/progress.toml` (git-ignored).
//!
//! The file is a record, not the truth: when it is missing, or cannot be read (it is then moved
//! aside, never deleted, and the learner is told where it went), [`load_or_rebuild`] rebuilds it
//! from the exercises themselves: those git sees changed are built and run, and the ones that pass
//! are done. A fresh clone has changed nothing, so its rebuild is immediate.

use crate::{
    Problem,
    catalogue::Catalogue,
    problem,
    report::{self, yellow},
    starter, verify,
};
use serde::{Deserialize, Serialize};
use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
};

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Progress {
    /// Ids of the exercises that have passed with `cargo workbook run`.
    #[serde(default)]
    pub passed: BTreeSet<String>,
    /// The exercise the watch loop shows (`cargo workbook` with no command).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
}

pub fn path(root: &Path) -> PathBuf {
    root.join(".workbook/progress.toml")
}

impl Progress {
    /// The saved progress, and a warning to show if the file had to be set aside.
    pub fn load(root: &Path) -> (Progress, Option<String>) {
        let file = path(root);
        let bytes = match std::fs::read(&file) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (Progress::default(), None);
            }
            Err(e) => {
                return (
                    Progress::default(),
                    Some(format!(
                        "cannot read {}: {e}; starting without it",
                        file.display()
                    )),
                );
            }
        };
        let parsed = std::str::from_utf8(&bytes)
            .map_err(|e| format!("not UTF-8 text: {e}"))
            .and_then(|text| toml::from_str(text).map_err(|e| e.to_string()));
        match parsed {
            Ok(progress) => (progress, None),
            Err(e) => {
                let aside = file.with_extension("toml.unreadable");
                let moved = std::fs::rename(&file, &aside).is_ok();
                let first_line = e.to_string().lines().next().unwrap_or_default().to_string();
                let warning = if moved {
                    format!(
                        "{} could not be read ({first_line}); it is kept as {} and progress starts again",
                        file.display(),
                        aside.display()
                    )
                } else {
                    format!(
                        "{} could not be read ({first_line}); starting without it",
                        file.display()
                    )
                };
                (Progress::default(), Some(warning))
            }
        }
    }

    pub fn save(&self, root: &Path) -> Result<(), Problem> {
        let file = path(root);
        let dir = file.parent().expect("the file lives in .workbook/");
        std::fs::create_dir_all(dir)
            .map_err(|e| problem!("cannot create {}: {e}", dir.display()))?;
        let text = toml::to_string(self).map_err(|e| problem!("cannot write progress: {e}"))?;
        // Write beside it and rename, so that an interrupted save never leaves half a file.
        let partial = file.with_extension("toml.partial");
        std::fs::write(&partial, text)
            .map_err(|e| problem!("cannot write {}: {e}", partial.display()))?;
        std::fs::rename(&partial, &file)
            .map_err(|e| problem!("cannot write {}: {e}", file.display()))
    }
}

/// The saved progress; when there is none, or it cannot be read, progress rebuilt from the
/// exercises' state and saved. Warnings go to stderr; nothing here fails.
pub fn load_or_rebuild(root: &Path, catalogue: &Catalogue) -> Progress {
    let recorded = path(root).is_file();
    let (progress, warning) = Progress::load(root);
    if let Some(warning) = &warning {
        eprintln!("{} {warning}", yellow("warning:"));
    }
    if recorded && warning.is_none() {
        // Ids of exercises this copy no longer has (renamed, or a hand-edited file) count for nothing.
        let mut progress = progress;
        progress
            .passed
            .retain(|id| catalogue.exercises().any(|e| &e.id == id));
        return progress;
    }
    let mut rebuilt = Progress::default();
    let (candidates, how) = match starter::changed_exercises(root, catalogue) {
        Some(changed) => (changed, "the exercises git sees changed"),
        // Not a git clone (a downloaded archive), and no record: most likely a first start, so
        // building every exercise to find none passing would only make the learner wait.
        None if !recorded => {
            eprintln!(
                "No progress recorded yet ({}): starting from the first exercise.",
                path(root).display()
            );
            (Vec::new(), "")
        }
        None => (
            catalogue.exercises().collect(),
            "every exercise (git cannot tell which you changed)",
        ),
    };
    if !candidates.is_empty() {
        eprintln!(
            "Rebuilding your progress from {how}: {} to build and run.",
            candidates.len()
        );
        let mut bar = report::ProgressBar::new();
        let passed = verify::learner_passes(root, &candidates, &mut bar);
        bar.finish();
        match passed {
            Ok(passed) => rebuilt.passed.extend(passed),
            Err(e) => eprintln!(
                "{} could not rebuild progress ({e}); starting from none",
                yellow("warning:")
            ),
        }
    }
    if let Err(e) = rebuilt.save(root) {
        eprintln!("{} {e}", yellow("warning:"));
    }
    rebuilt
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corrupt_file_is_set_aside_not_lost() {
        let root = std::env::temp_dir().join(format!("workbook-progress-{}", std::process::id()));
        std::fs::create_dir_all(root.join(".workbook")).unwrap();
        std::fs::write(path(&root), "passed = [unterminated").unwrap();
        let (progress, warning) = Progress::load(&root);
        assert!(progress.passed.is_empty());
        assert!(warning.unwrap().contains("progress.toml.unreadable"));
        assert_eq!(
            std::fs::read_to_string(root.join(".workbook/progress.toml.unreadable")).unwrap(),
            "passed = [unterminated"
        );
        // Bytes that are not text at all are set aside the same way.
        std::fs::write(path(&root), b"passed = [\xff\xfe]").unwrap();
        let (progress, warning) = Progress::load(&root);
        assert!(progress.passed.is_empty());
        assert!(warning.unwrap().contains("not UTF-8"));
        assert_eq!(
            std::fs::read(root.join(".workbook/progress.toml.unreadable")).unwrap(),
            b"passed = [\xff\xfe]"
        );

        let mut progress = Progress::default();
        progress.passed.insert("moved-packet".into());
        progress.save(&root).unwrap();
        assert_eq!(Progress::load(&root).0.passed, progress.passed);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
