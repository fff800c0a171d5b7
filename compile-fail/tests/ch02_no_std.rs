//! Chapter 2, `no_std`: every case fails with the error its name gives,
//! exactly as its `.stderr` says, and every fixed version compiles and runs.

compile_fail::chapter_tests!("02-no-std");
