//! `cargo workbook` as a learner meets it: bad input gets a clear message and exit 2, a starter
//! gets "not yet" with the lesson's error, a solved exercise passes and is remembered, and a
//! corrupt progress file is set aside rather than crashing the tool.

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
};

fn workbook(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_workbook"))
        .args(args)
        .env("WORKBOOK_ROOT", root)
        .env("NO_COLOR", "1")
        .output()
        .expect("the workbook binary runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn real_root() -> PathBuf {
    workbook::repository_root()
}

#[test]
fn an_unknown_exercise_gets_a_suggestion_and_exit_2() {
    let output = workbook(&real_root(), &["hint", "moved-pakcet"]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    let said = text(&output);
    assert!(said.contains("no exercise called 'moved-pakcet'"), "{said}");
    assert!(said.contains("Did you mean 'moved-packet'"), "{said}");
    assert!(!said.contains("panicked"), "{said}");

    let output = workbook(&real_root(), &["run", "no-such-thing-at-all"]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
}

#[test]
fn a_hint_is_found_by_name_and_by_number() {
    let by_name = workbook(&real_root(), &["hint", "moved-packet"]);
    let by_number = workbook(&real_root(), &["hint", "1.2"]);
    assert_eq!(by_name.status.code(), Some(0), "{}", text(&by_name));
    assert_eq!(by_name.stdout, by_number.stdout);
    assert!(text(&by_name).contains("Hint for 1.2 moved-packet"));
}

#[test]
fn a_starter_is_not_yet_done_and_names_the_lessons_error() {
    let output = workbook(&real_root(), &["run", "moved-packet"]);
    let said = text(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(said.contains("error[E0382]"), "{said}");
    assert!(said.contains("NOT YET"), "{said}");
    assert!(
        said.contains("E0382 is the error this exercise is about"),
        "{said}"
    );
}

/// A copy of the repository's sources (not its build output or progress) to play the learner in.
fn learner_copy(name: &str) -> PathBuf {
    let copy = std::env::temp_dir().join(format!("workbook-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    std::fs::create_dir_all(&copy).unwrap();
    for entry in std::fs::read_dir(real_root()).unwrap().flatten() {
        if ["target", ".git", "book", ".workbook"]
            .iter()
            .any(|skip| entry.file_name() == *skip)
        {
            continue;
        }
        let status = Command::new("cp")
            .arg("-R")
            .arg(entry.path())
            .arg(&copy)
            .status()
            .unwrap();
        assert!(status.success());
    }
    copy
}

#[test]
fn a_solved_exercise_passes_and_progress_survives_corruption() {
    let copy = learner_copy("solved");
    let exercise = copy.join("exercises/01-ownership/02-moved-packet/src/main.rs");
    std::fs::copy(
        copy.join("solutions/01-ownership/02-moved-packet/src/main.rs"),
        &exercise,
    )
    .unwrap();

    // Its own build directory, kept between runs: the copy's path changes, the crates.io ones do not.
    let output = Command::new(env!("CARGO_BIN_EXE_workbook"))
        .args(["run", "moved-packet"])
        .env("WORKBOOK_ROOT", &copy)
        .env("NO_COLOR", "1")
        .env("CARGO_TARGET_DIR", real_root().join("target/cli-test"))
        .output()
        .unwrap();
    let said = text(&output);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert!(said.contains("PASS"), "{said}");
    assert!(said.contains("flash"), "{said}");
    let progress = std::fs::read_to_string(copy.join(".workbook/progress.toml")).unwrap();
    assert!(progress.contains("moved-packet"), "{progress}");

    std::fs::write(copy.join(".workbook/progress.toml"), "passed = [\"half").unwrap();
    let output = workbook(&copy, &["list"]);
    let said = text(&output);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert!(
        said.contains("could not be read") && said.contains("progress.toml.unreadable"),
        "{said}"
    );
    assert!(copy.join(".workbook/progress.toml.unreadable").is_file());
    std::fs::remove_dir_all(&copy).unwrap();
}

#[test]
fn a_panicking_starter_is_recognised_as_the_lessons_panic() {
    let output = workbook(&real_root(), &["run", "1.3"]);
    let said = text(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(said.contains("bytes of stack; the budget is 512"), "{said}");
    assert!(
        said.contains("panics the way the unsolved exercise does"),
        "{said}"
    );
    assert!(said.contains("static RAM"), "{said}");
}

#[test]
fn size_lists_sections_in_flash_and_ram_and_the_biggest_symbols() {
    let output = workbook(
        &real_root(),
        &["size", "where-things-live", "--solution", "--top", "40"],
    );
    let said = text(&output);
    assert_eq!(output.status.code(), Some(0), "{said}");
    let section = |name: &str| {
        said.lines()
            .find(|l| l.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no {name} line in:\n{said}"))
            .to_string()
    };
    assert!(section(".vector_table").ends_with("flash"), "{said}");
    assert!(section(".text").ends_with("flash"), "{said}");
    assert!(section(".data").contains("RAM"), "{said}");
    assert!(section(".bss").ends_with("RAM"), "{said}");
    // The program's own main, demangled and without its hash, is among the biggest symbols.
    let main = said
        .lines()
        .find(|l| l.ends_with("where_things_live_solution::__cortex_m_rt_main"))
        .unwrap_or_else(|| panic!("main is not listed:\n{said}"));
    assert!(main.contains("code"), "{main}");
    // Each listed symbol has a size, biggest first.
    let sizes: Vec<u64> = said
        .lines()
        .skip_while(|l| !l.contains("biggest symbols"))
        .skip(1)
        .map_while(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    assert_eq!(sizes.len(), 40, "{said}");
    assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
}
