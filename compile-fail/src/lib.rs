//! Programs the compiler must reject, each next to the fix it must accept, grouped by chapter.
//!
//! `cases/NN-topic/eNNNN-what.rs` is a program with one mistake; its `.stderr` beside it is what
//! rustc says about it, checked by trybuild and included in the book. `fixed/NN-topic/eNNNN-what.rs`
//! is the same program, fixed; trybuild builds and runs it. Regenerate the `.stderr` files with
//! `TRYBUILD=overwrite cargo test -p compile-fail` after changing a case or the pinned toolchain.
//!
//! The cases are host programs: trybuild cannot build for a `thumbv*-none-eabi` target. That loses
//! nothing here, because ownership, borrowing and lifetimes are checked before code generation,
//! the same way for every target. They are still written as firmware: fixed arrays, no heap.
//!
//! Beside the cases, `cases/NN-topic/objectives.toml` names the chapter's objectives that each
//! case practises (kept out of the cases, whose line numbers the `.stderr` files quote). This crate
//! looks only at `.rs` and `.stderr` files; the workbook's suite checks that file
//! (`workbook::trace`).
//!
//! This library holds what is checked of every chapter's folders besides trybuild's own
//! comparison ([`check_chapter`]); `tests/cases.rs` runs trybuild once over every chapter's cases
//! and fixes together (one trybuild project for all: a run per chapter cost a warm `cargo test`
//! 18 s where one costs 5). With the fixes in the same project trybuild builds the cases with
//! `cargo build` rather than `cargo check`, so the lints rustc runs only while generating code
//! (`arithmetic_overflow`, `unconditional_panic`) report, as they do for a learner.

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::path::Path;

/// Checks that the chapter folder `chapter` (for example `"01-ownership"`) is consistent:
///
/// - it has at least one case;
/// - every case in `cases/<chapter>/` has a fixed version in `fixed/<chapter>/`, and the reverse;
/// - every case's file name starts with its error code (`e0382-…`), or with `error-` for an error
///   that has no code (a missing `#[panic_handler]`); its `.stderr` exists, holds that error
///   (`error[E0382]`, or `error:` without a code), exactly one error and no warning;
/// - every `.stderr` belongs to a case.
///
/// # Panics
///
/// If any of these fails, listing every problem at once.
pub fn check_chapter(chapter: &str) {
    let problems = chapter_problems(Path::new(env!("CARGO_MANIFEST_DIR")), chapter);
    if !problems.is_empty() {
        let list: Vec<String> = problems.iter().map(|p| format!("  - {p}")).collect();
        panic!("chapter {chapter}:\n{}", list.join("\n"));
    }
}

/// Something wrong with a chapter's cases and fixes.
#[derive(Debug, PartialEq, Eq)]
pub enum Problem {
    /// A folder could not be read.
    Unreadable { path: String, error: String },
    /// `cases/<chapter>/` holds no case.
    NoCases,
    /// A case has no file of the same name under `fixed/`.
    CaseWithoutFix(String),
    /// A file under `fixed/` has no case of the same name.
    FixWithoutCase(String),
    /// A `.stderr` file has no `.rs` case beside it.
    StderrWithoutCase(String),
    /// A case's file name starts neither with an error code such as `e0382-` nor with `error-`.
    NoCodeInName(String),
    /// A case has no `.stderr` file.
    MissingStderr(String),
    /// A case's `.stderr` does not report the error its name starts with.
    WrongError { case: String, expected: String },
    /// A case's `.stderr` reports more than one error.
    MoreThanOneError { case: String, errors: usize },
    /// A case's `.stderr` holds a warning.
    Warning { case: String, line: String },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Unreadable { path, error } => write!(f, "cannot read {path}: {error}"),
            Problem::NoCases => write!(f, "no case in this chapter"),
            Problem::CaseWithoutFix(case) => write!(f, "{case} has no fixed version"),
            Problem::FixWithoutCase(fix) => write!(f, "fixed/{fix} has no case"),
            Problem::StderrWithoutCase(stderr) => write!(f, "{stderr} belongs to no case"),
            Problem::NoCodeInName(case) => {
                write!(
                    f,
                    "{case} does not start with an error code such as e0382-, or with error- for an error without a code"
                )
            }
            Problem::MissingStderr(case) => write!(
                f,
                "{case} has no .stderr (run TRYBUILD=overwrite cargo test -p compile-fail)"
            ),
            Problem::WrongError { case, expected } if expected.is_empty() => {
                write!(
                    f,
                    "{case}: its .stderr does not report an error without a code"
                )
            }
            Problem::WrongError { case, expected } => {
                write!(f, "{case}: its .stderr does not report error[{expected}]")
            }
            Problem::MoreThanOneError { case, errors } => {
                write!(f, "{case}: its .stderr reports {errors} errors, not one")
            }
            Problem::Warning { case, line } => write!(f, "{case}: its .stderr warns: {line}"),
        }
    }
}

/// The problems of the chapter folder `chapter` under `root` (the crate's folder).
pub fn chapter_problems(root: &Path, chapter: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let cases_dir = root.join("cases").join(chapter);
    let fixed_dir = root.join("fixed").join(chapter);
    let cases = file_names(&cases_dir, "rs", &mut problems);
    let fixes = file_names(&fixed_dir, "rs", &mut problems);
    let stderrs = file_names(&cases_dir, "stderr", &mut problems);

    if cases.is_empty() {
        problems.push(Problem::NoCases);
    }
    for case in cases.difference(&fixes) {
        problems.push(Problem::CaseWithoutFix(format!("{case}.rs")));
    }
    for fix in fixes.difference(&cases) {
        problems.push(Problem::FixWithoutCase(format!("{fix}.rs")));
    }
    for stderr in stderrs.difference(&cases) {
        problems.push(Problem::StderrWithoutCase(format!("{stderr}.stderr")));
    }
    for case in &cases {
        let Some(code) = error_code(case) else {
            problems.push(Problem::NoCodeInName(format!("{case}.rs")));
            continue;
        };
        match fs::read_to_string(cases_dir.join(format!("{case}.stderr"))) {
            Ok(stderr) => problems.extend(stderr_problems(&format!("{case}.rs"), &code, &stderr)),
            Err(_) => problems.push(Problem::MissingStderr(format!("{case}.rs"))),
        }
    }
    problems
}

/// The error code a case's file stem starts with: `e0382-use-after-move` gives `E0382`;
/// `error-missing-panic-handler` gives the empty string, for an error that has no code.
pub fn error_code(stem: &str) -> Option<String> {
    let (code, what) = stem.split_once('-')?;
    if code == "error" {
        return (!what.is_empty()).then(String::new);
    }
    let digits = code.strip_prefix('e')?;
    let well_formed = digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit());
    (well_formed && !what.is_empty()).then(|| format!("E{digits}"))
}

/// What is wrong with `stderr`, the normalised compiler output of `case`, which should report
/// exactly one error, `error[code]` (or `error:` when `code` is empty), and nothing else.
fn stderr_problems(case: &str, code: &str, stderr: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let errors = stderr.lines().filter(|l| l.starts_with("error")).count();
    let wanted = if code.is_empty() {
        "error: ".to_owned()
    } else {
        format!("error[{code}]")
    };
    if !stderr.lines().any(|l| l.starts_with(&wanted)) {
        problems.push(Problem::WrongError {
            case: case.to_owned(),
            expected: code.to_owned(),
        });
    }
    if errors > 1 {
        problems.push(Problem::MoreThanOneError {
            case: case.to_owned(),
            errors,
        });
    }
    for line in stderr.lines().filter(|l| l.starts_with("warning")) {
        problems.push(Problem::Warning {
            case: case.to_owned(),
            line: line.to_owned(),
        });
    }
    problems
}

/// The stems of the files in `dir` whose extension is `extension`.
fn file_names(dir: &Path, extension: &str, problems: &mut Vec<Problem>) -> BTreeSet<String> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            problems.push(Problem::Unreadable {
                path: dir.display().to_string(),
                error: error.to_string(),
            });
            return BTreeSet::new();
        }
    };
    entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == extension))
        .filter_map(|path| Some(path.file_stem()?.to_str()?.to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_code_comes_from_the_file_name() {
        assert_eq!(error_code("e0382-use-after-move").as_deref(), Some("E0382"));
        assert_eq!(error_code("use-after-move"), None);
        assert_eq!(error_code("e382-use-after-move"), None);
        assert_eq!(error_code("e0382"), None);
        assert_eq!(error_code("e0382-"), None);
        assert_eq!(error_code("error-no-panic-handler").as_deref(), Some(""));
        assert_eq!(error_code("error-"), None);
    }

    #[test]
    fn an_uncoded_case_wants_one_error_without_a_code() {
        let missing = "error: `#[panic_handler]` function required, but not found\n";
        assert_eq!(stderr_problems("case.rs", "", missing), vec![]);
        assert_eq!(
            stderr_problems("case.rs", "", ONE_E0382),
            vec![Problem::WrongError {
                case: "case.rs".into(),
                expected: String::new()
            }]
        );
    }

    const ONE_E0382: &str = "error[E0382]: borrow of moved value: `tx_frame`\n  --> x.rs:3:5\n";

    #[test]
    fn one_matching_error_is_fine() {
        assert_eq!(stderr_problems("case.rs", "E0382", ONE_E0382), vec![]);
    }

    #[test]
    fn another_code_a_second_error_and_a_warning_are_reported() {
        let stderr = format!("warning: unused variable: `tick_count`\n{ONE_E0382}error: oops\n");
        assert_eq!(
            stderr_problems("case.rs", "E0499", &stderr),
            vec![
                Problem::WrongError {
                    case: "case.rs".into(),
                    expected: "E0499".into()
                },
                Problem::MoreThanOneError {
                    case: "case.rs".into(),
                    errors: 2
                },
                Problem::Warning {
                    case: "case.rs".into(),
                    line: "warning: unused variable: `tick_count`".into()
                },
            ]
        );
    }

    #[test]
    fn unmatched_cases_fixes_and_stderrs_are_reported() {
        let root = std::env::temp_dir().join(format!("compile-fail-check-{}", std::process::id()));
        let cases = root.join("cases/99-demo");
        let fixed = root.join("fixed/99-demo");
        fs::create_dir_all(&cases).unwrap();
        fs::create_dir_all(&fixed).unwrap();
        fs::write(cases.join("e0382-use-after-move.rs"), "").unwrap();
        fs::write(cases.join("e0382-use-after-move.stderr"), ONE_E0382).unwrap();
        fs::write(cases.join("e0499-renamed.stderr"), "").unwrap();
        fs::write(cases.join("moved-value.rs"), "").unwrap();
        fs::write(fixed.join("e0382-use-after-move.rs"), "").unwrap();
        fs::write(fixed.join("e0505-orphan.rs"), "").unwrap();

        let problems = chapter_problems(&root, "99-demo");
        fs::remove_dir_all(&root).unwrap();
        assert_eq!(
            problems,
            vec![
                Problem::CaseWithoutFix("moved-value.rs".into()),
                Problem::FixWithoutCase("e0505-orphan.rs".into()),
                Problem::StderrWithoutCase("e0499-renamed.stderr".into()),
                Problem::NoCodeInName("moved-value.rs".into()),
            ]
        );
    }

    #[test]
    fn a_missing_chapter_is_reported() {
        let problems = chapter_problems(Path::new(env!("CARGO_MANIFEST_DIR")), "00-missing");
        assert!(problems.contains(&Problem::NoCases));
        assert!(matches!(problems[0], Problem::Unreadable { .. }));
    }
}
