//! Every chapter's compile-fail cases fail exactly as their `.stderr` says, every fixed version
//! compiles and runs, and every chapter's folders are consistent (a fix for each case, one error
//! each, named by its code).

#[test]
fn compile_fail_cases() {
    trybuild::TestCases::new().compile_fail("cases/*/*.rs");
}

#[test]
fn fixed_versions_compile_and_run() {
    trybuild::TestCases::new().pass("fixed/*/*.rs");
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
