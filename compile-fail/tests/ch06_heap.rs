//! Chapter 6, the heap and allocators: every case fails with the error its name gives,
//! exactly as its `.stderr` says, and every fixed version compiles and runs.

const CHAPTER: &str = "06-heap";

#[test]
fn compile_fail_cases() {
    let t = trybuild::TestCases::new();
    t.compile_fail(format!("cases/{CHAPTER}/*.rs"));
}

#[test]
fn fixed_versions_compile_and_run() {
    let t = trybuild::TestCases::new();
    t.pass(format!("fixed/{CHAPTER}/*.rs"));
}

#[test]
fn every_case_has_its_fix_and_its_one_error() {
    compile_fail::check_chapter(CHAPTER);
}
