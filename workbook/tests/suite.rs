//! The workbook's integration tests, as one test binary. Cargo runs test binaries one after
//! another; in one binary the tests share its threads, so the longest (every exercise verified
//! under QEMU) runs beside the browser's page loads and the command line's runs, which mostly
//! wait, instead of after them. libtest starts tests in the order of their names: `all_exercises`
//! is named to come first, so that the longest test does not start last.
//!
//! `cargo test -p workbook --test suite <module>::` runs one file's tests (`board::`, `book::`,
//! `browser::`, `cli::`, `footprint::`, `all_exercises::`).

mod all_exercises;
mod board;
mod book;
mod browser;
mod cli;
mod common;
mod footprint;
