//! The book's footprint page (chapters/appendix/footprint.md) is what `cargo workbook footprint`
//! writes now, and every solution fits in 16 KiB of flash in the release profile. Both profiles
//! are built as `cargo workbook verify` builds them; on sources unchanged since the last
//! measurement the figures kept under their hash are read instead (`footprint::measure`).

use workbook::{footprint, report};

#[test]
fn the_footprint_page_is_current_and_every_solution_fits_the_line() {
    let root = workbook::repository_root();
    let mut bar = report::ProgressBar::new();
    let (rows, wanted) =
        footprint::measure_and_draw(&root, &mut bar).unwrap_or_else(|p| panic!("{p}"));
    let problems = footprint::problems(&rows);
    assert!(
        problems.is_empty(),
        "{} problem(s) with the exercises' footprints:\n{}",
        problems.len(),
        problems.join("\n")
    );
    let current = footprint::current_page(&root);
    let written_with = footprint::registry_of_page(&current);
    let here = footprint::registry();
    if written_with.is_some_and(|registry| registry != here) {
        // The images hold the registry's path in their panic messages: another path, other
        // figures, by a few bytes. The line above is checked all the same.
        eprintln!(
            "{} was written with Cargo's registry at {}, and it is at {here} here: its figures \
             are not compared",
            footprint::PAGE,
            written_with.unwrap_or_default()
        );
        return;
    }
    let stale = footprint::stale_sections(&root, &wanted);
    assert!(
        stale.is_empty(),
        "{} is out of date in: {}\n`cargo workbook footprint` builds the exercises and writes it \
         again; change the exercises, never that file",
        footprint::PAGE,
        stale.join("; ")
    );
}
