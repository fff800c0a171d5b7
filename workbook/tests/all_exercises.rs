//! Every exercise, checked both ways under QEMU: the solution passes with the expected output, the
//! starter fails in its declared way. The same check as `cargo workbook verify`.

use workbook::{catalogue::Catalogue, report, verify};

#[test]
fn every_solution_passes_and_every_starter_fails_as_declared() {
    let root = workbook::repository_root();
    let on_disk = Catalogue::load(&root)
        .expect("the catalogue loads")
        .exercises()
        .count();
    assert!(on_disk > 0, "no exercises found under exercises/");

    let mut bar = report::ProgressBar::new();
    let report =
        verify::verify(&root, &verify::Options::default(), &mut bar).expect("verification runs");
    report::print_verification(&report);
    assert_eq!(
        report.exercises.len(),
        on_disk,
        "every exercise on disk was checked"
    );
    assert!(report.passed(), "\n{}", report.failures().join("\n\n"));
}
