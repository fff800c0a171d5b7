//! Chapter 8, moves, copies and fat pointers: every case fails with the error its name gives,
//! exactly as its `.stderr` says, and every fixed version compiles and runs.

compile_fail::chapter_tests!("08-moves-and-fat-pointers");
