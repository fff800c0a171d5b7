//! Chapter 6, the heap and allocators: every case fails with the error its name gives,
//! exactly as its `.stderr` says, and every fixed version compiles and runs.

compile_fail::chapter_tests!("06-heap");
