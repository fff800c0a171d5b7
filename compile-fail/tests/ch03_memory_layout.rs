//! Chapter 3, memory layout, sections and the linker: every case fails with the error its name gives,
//! exactly as its `.stderr` says, and every fixed version compiles and runs.

compile_fail::chapter_tests!("03-memory-layout");
