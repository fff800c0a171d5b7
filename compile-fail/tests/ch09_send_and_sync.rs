//! Chapter 9, `Send` and `Sync`: every case fails with the error its name gives, exactly as its
//! `.stderr` says, and every fixed version compiles and runs.

compile_fail::chapter_tests!("09-send-and-sync");
