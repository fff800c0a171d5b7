//! Chapter 10, interrupts and critical sections: every case fails with the error its name gives,
//! exactly as its `.stderr` says, and every fixed version compiles and runs.

compile_fail::chapter_tests!("10-interrupts");
