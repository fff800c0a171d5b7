//! The workbook's tool: it knows the exercises, the machines they run on, how to build them for
//! their target, how to run them under QEMU and what counts as passing.
//!
//! `cargo workbook` (the binary in `main.rs`) is the learner's and the instructor's front end;
//! `cargo test` reaches the same code through `tests/`, so the suite checks exactly what the
//! learner's tool does.
#![deny(unsafe_op_in_unsafe_fn)]

pub mod atlas;
pub mod catalogue;
pub mod checks;
pub mod doctor;
pub mod figures;
pub mod firmware;
pub mod footprint;
pub mod harness;
pub mod judge;
pub mod learner;
pub mod machines;
pub mod progress;
pub mod report;
pub mod size;
pub mod starter;
pub mod trace;
pub mod variants;
pub mod verify;
pub mod watch;

use std::path::PathBuf;

/// The repository the tool works on: `WORKBOOK_ROOT` if set (tests use copies), otherwise the
/// checkout this binary was built from.
pub fn repository_root() -> PathBuf {
    match std::env::var_os("WORKBOOK_ROOT") {
        Some(root) => PathBuf::from(root),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("the workbook crate lives one level below the repository root")
            .to_path_buf(),
    }
}

/// A problem worth a clear sentence to the user rather than a panic trace.
#[derive(Debug)]
pub struct Problem(pub String);

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Problem {}

/// Shorthand for `Err(Problem(format!(...)))`.
#[macro_export]
macro_rules! problem {
    ($($arg:tt)*) => {
        $crate::Problem(format!($($arg)*))
    };
}
