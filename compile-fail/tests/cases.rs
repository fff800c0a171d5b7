//! Every chapter's compile-fail cases fail exactly as their `.stderr` says, every fixed version
//! compiles and runs, and every chapter's folders are consistent (a fix for each case, one error
//! each, named by its code).

/// One trybuild project for the cases and their fixes. With a `pass` test in it, trybuild
/// builds every case with `cargo build`, not `cargo check`: the lints that rustc runs only while
/// it generates code (`arithmetic_overflow`, `unconditional_panic`) then report, as they do for a
/// learner's `cargo build`.
#[test]
fn cases_fail_as_their_stderr_says_and_fixes_compile_and_run() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("cases/*/*.rs");
    cases.pass("fixed/*/*.rs");
}

#[test]
fn every_case_has_its_fix_and_its_one_error() {
    let cases = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
    let mut chapters: Vec<String> = std::fs::read_dir(&cases)
        .expect("compile-fail/cases is readable")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    chapters.sort();
    assert!(
        !chapters.is_empty(),
        "no chapter folders under {}",
        cases.display()
    );
    for chapter in chapters {
        compile_fail::check_chapter(&chapter);
    }
}

/// What chapter 12 and the atlas say of `arithmetic_overflow` and `unconditional_panic`: they
/// report only while code is generated, so `cargo check` (metadata only) passes the same cases
/// that `cargo build` refuses, above.
#[test]
fn codegen_lints_are_not_reported_by_a_check() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::env::temp_dir().join("compile-fail-check-only");
    for case in [
        "error-systick-reload-overflows",
        "error-index-past-the-last-sample",
    ] {
        let source = folder.join(format!("cases/12-trustworthy-firmware/{case}.rs"));
        let checked = std::process::Command::new("rustc")
            .current_dir(folder)
            .args([
                "--edition",
                "2024",
                "--crate-type",
                "bin",
                "--emit=metadata",
                "--out-dir",
            ])
            .arg(&out)
            .arg(&source)
            .output()
            .expect("rustc runs");
        assert!(
            checked.status.success(),
            "{case}: a check (--emit=metadata) reported it:\n{}",
            String::from_utf8_lossy(&checked.stderr)
        );
    }
}
