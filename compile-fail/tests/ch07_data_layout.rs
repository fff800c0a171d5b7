//! Chapter 7, data layout and alignment: every case fails with the error its name gives,
//! exactly as its `.stderr` says, and every fixed version compiles and runs.

compile_fail::chapter_tests!("07-data-layout");
