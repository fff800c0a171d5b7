//! The learner's progress: which exercises have passed, in `.workbook/progress.toml` (git-ignored).
//!
//! A missing file means a fresh start. A file that cannot be read is moved aside (never deleted)
//! and the learner is told where it went; progress then starts again from what passes.

use crate::{Problem, problem};
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
}

pub fn path(root: &Path) -> PathBuf {
    root.join(".workbook/progress.toml")
}

impl Progress {
    /// The saved progress, and a warning to show if the file had to be set aside.
    pub fn load(root: &Path) -> (Progress, Option<String>) {
        let file = path(root);
        let text = match std::fs::read_to_string(&file) {
            Ok(text) => text,
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
        match toml::from_str(&text) {
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

        let mut progress = Progress::default();
        progress.passed.insert("moved-packet".into());
        progress.save(&root).unwrap();
        assert_eq!(Progress::load(&root).0.passed, progress.passed);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
