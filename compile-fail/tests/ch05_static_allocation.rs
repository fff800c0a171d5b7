//! Chapter 5, static allocation and fixed-capacity collections: every case fails with the error its name gives,
//! exactly as its `.stderr` says, and every fixed version compiles and runs.

compile_fail::chapter_tests!("05-static-allocation");
