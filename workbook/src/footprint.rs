//! The flash and static RAM of every exercise, as a page of the book: each solution in the release
//! and the dev profile, beside its starter where the lesson is a saving, and the line every
//! solution must keep to, [`FLASH_LINE`] of flash in the release profile.
//!
//! The images are built as verification builds them ([`crate::verify::build_all`]: one cargo
//! invocation per target, a folder with a cargo config of its own apart) and measured with
//! [`crate::size::footprint`]. `cargo workbook footprint` writes [`PAGE`]; the suite builds and
//! measures again and fails when the page is out of date or a solution is over the line. The
//! figures are kept in `target/workbook-footprint/` under a hash of everything they depend on
//! ([`figures_key`]), so a run on unchanged sources reads them instead of asking cargo 46 times.

use crate::{
    Problem,
    catalogue::{Catalogue, Exercise},
    machines, problem,
    report::{self, bold, dim, green, red},
    size::{self, Footprint},
    verify::{self, Progress},
};
use std::{
    collections::BTreeMap,
    fmt::Write as _,
    path::{Path, PathBuf},
};

/// The page this module writes, relative to the repository's root.
pub const PAGE: &str = "chapters/appendix/footprint.md";

/// Flash every solution must fit in, built with the release profile.
pub const FLASH_LINE: u64 = 16 * 1024;

/// One image's footprint in each profile; `None` where it did not build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Profiles {
    pub release: Option<Footprint>,
    pub dev: Option<Footprint>,
}

/// An exercise's row on the page.
#[derive(Debug, Clone)]
pub struct Row {
    pub exercise: Exercise,
    pub solution: Profiles,
    /// Measured only where the lesson is a saving (its metadata's `saves`).
    pub starter: Option<Profiles>,
}

/// Tells `progress` which profile a phase builds.
struct InProfile<'a> {
    profile: &'static str,
    progress: &'a mut dyn Progress,
}

impl Progress for InProfile<'_> {
    fn phase(&mut self, name: &str, total: usize) {
        self.progress
            .phase(&format!("{} profile: {name}", self.profile), total);
    }

    fn step(&mut self, what: &str) {
        self.progress.step(what);
    }
}

/// Builds every solution, and the starters whose lesson is a saving, in the release and the dev
/// profile, and measures them.
pub fn measure(
    root: &Path,
    catalogue: &Catalogue,
    progress: &mut dyn Progress,
) -> Result<Vec<Row>, Problem> {
    let machines = machines::load_all(root)?;
    let mut wanted = Vec::new();
    let mut ram_of = BTreeMap::new();
    for exercise in catalogue.exercises() {
        let machine = verify::machine_of(exercise, &machines)?;
        let target = machine.target.clone();
        wanted.push((
            target.clone(),
            exercise.solution_path.clone(),
            exercise.solution_package(),
        ));
        if exercise.meta.saves.is_some() {
            wanted.push((target, exercise.path.clone(), exercise.id.clone()));
        }
        // Each image's RAM range, by the package that builds it.
        ram_of.insert(exercise.solution_package(), machine.ram.clone());
        ram_of.insert(exercise.id.clone(), machine.ram.clone());
    }
    // The figures of the same sources, built the same way, are the same: kept under a hash of
    // all they depend on, they spare a warm `cargo test` some 46 cargo invocations that would
    // find every image fresh.
    let kept = kept_file(root);
    let figures = match read_kept(&kept) {
        Some(figures) => figures,
        None => {
            let mut figures: Figures = BTreeMap::new();
            for (profile, release) in [("release", true), ("dev", false)] {
                let mut progress = InProfile {
                    profile,
                    progress: &mut *progress,
                };
                let builds = verify::build_all(root, &wanted, release, &mut progress)?;
                for build in builds.into_values() {
                    for (package, built) in build.packages {
                        if let (Some(elf), true) = (built.executable, built.errors.is_empty())
                            && let Some(ram) = ram_of.get(&package)
                        {
                            let measured = size::footprint(&elf, ram.clone())?;
                            figures.insert((release, package), measured);
                        }
                    }
                }
            }
            // Only a complete measurement is kept: a build that failed for a passing reason (a
            // full disk) must not be remembered.
            if figures.len() == 2 * wanted.len() {
                write_kept(&kept, &figures);
            }
            figures
        }
    };
    let measured = |package: &str| -> Profiles {
        let of = |release: bool| figures.get(&(release, package.to_string())).copied();
        Profiles {
            release: of(true),
            dev: of(false),
        }
    };
    let mut rows = Vec::new();
    for exercise in catalogue.exercises() {
        rows.push(Row {
            exercise: exercise.clone(),
            solution: measured(&exercise.solution_package()),
            starter: exercise
                .meta
                .saves
                .is_some()
                .then(|| measured(&exercise.id)),
        });
    }
    Ok(rows)
}

/// Each image's footprint, by (release, package).
type Figures = BTreeMap<(bool, String), Footprint>;

/// Everything the figures depend on, as text: every file of the exercises, the solutions and
/// the board crate and machines (`qemu/`), the workspace's manifest, lock file (which fixes the
/// registry's crates), cargo config and pinned toolchain, the environment that changes how cargo
/// builds, the registry's path (the images hold it), and this code.
fn figures_key(root: &Path) -> String {
    let mut key = String::new();
    for folder in ["exercises", "solutions", "qemu"] {
        key.push_str(&format!("\0{folder}\0"));
        crate::checks::push_sources(&mut key, &root.join(folder));
    }
    // The manifest, lock file and toolchains, as every kept verdict depends on them.
    key.push_str(&crate::checks::shared_key(root));
    key.push_str(&std::fs::read_to_string(root.join(".cargo/config.toml")).unwrap_or_default());
    let mut environment: Vec<(String, String)> = std::env::vars()
        .filter(|(name, _)| {
            [
                "CARGO_PROFILE_",
                "CARGO_BUILD_",
                "CARGO_TARGET_",
                "CARGO_ENCODED_RUSTFLAGS",
            ]
            .iter()
            .any(|prefix| name.starts_with(prefix))
                || ["RUSTFLAGS", "RUSTUP_TOOLCHAIN", "RUSTC", "RUSTC_WRAPPER"]
                    .contains(&name.as_str())
        })
        .collect();
    environment.sort();
    key.push_str(&format!("\0{environment:?}\0{}\0", registry()));
    for code in [
        include_str!("footprint.rs"),
        include_str!("verify.rs"),
        include_str!("firmware.rs"),
        include_str!("size.rs"),
    ] {
        key.push_str(code);
    }
    key
}

fn kept_file(root: &Path) -> PathBuf {
    crate::checks::build_dir(root)
        .join("workbook-footprint")
        .join(format!(
            "{:016x}",
            crate::firmware::hash_of(figures_key(root).as_bytes())
        ))
}

/// The kept figures: one line per image, `release|dev package flash ram`.
fn read_kept(file: &Path) -> Option<Figures> {
    let text = std::fs::read_to_string(file).ok()?;
    let mut figures = BTreeMap::new();
    for line in text.lines() {
        let mut words = line.split(' ');
        let release = match words.next()? {
            "release" => true,
            "dev" => false,
            _ => return None,
        };
        let package = words.next()?.to_string();
        let flash = words.next()?.parse().ok()?;
        let ram = words.next()?.parse().ok()?;
        figures.insert((release, package), Footprint { flash, ram });
    }
    (!figures.is_empty()).then_some(figures)
}

fn write_kept(file: &Path, figures: &Figures) {
    let text: String = figures
        .iter()
        .map(|((release, package), f)| {
            let profile = if *release { "release" } else { "dev" };
            format!("{profile} {package} {} {}\n", f.flash, f.ram)
        })
        .collect();
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir).and_then(|_| std::fs::write(file, text));
    }
}

/// What is wrong with the figures, one sentence each: a solution over [`FLASH_LINE`] in the
/// release profile, or an image that did not build.
pub fn problems(rows: &[Row]) -> Vec<String> {
    let mut found = Vec::new();
    for row in rows {
        let label = row.exercise.label();
        let images = std::iter::once(("solution", &row.solution)).chain(
            row.starter
                .as_ref()
                .map(|starter| ("starter (its lesson is a saving)", starter)),
        );
        for (what, profiles) in images {
            for (profile, footprint) in [("release", profiles.release), ("dev", profiles.dev)] {
                if footprint.is_none() {
                    found.push(format!(
                        "{label}: the {what} did not build in the {profile} profile \
                         (`cargo workbook verify --only {}` says why)",
                        row.exercise.id
                    ));
                }
            }
        }
        if let Some(release) = row.solution.release
            && release.flash > FLASH_LINE
        {
            found.push(format!(
                "{label}: the solution takes {} bytes of flash in the release profile, {} over \
                 the line of {} (`cargo workbook size {} --solution --release` lists its biggest \
                 symbols)",
                release.flash,
                release.flash - FLASH_LINE,
                FLASH_LINE,
                row.exercise.id
            ));
        }
    }
    found
}

/// The page, in Markdown. `manifest` is the root's `Cargo.toml`, whose `[profile.*]` tables the
/// introduction quotes; `registry`, where Cargo keeps the dependencies' sources ([`registry`]).
pub fn page(catalogue: &Catalogue, rows: &[Row], manifest: &str, registry: &str) -> String {
    let mut out = String::new();
    out.push_str(TITLE);
    out.push_str(
        &INTRODUCTION
            .replace("{release}", &profile_settings(manifest, "release"))
            .replace("{dev}", &profile_settings(manifest, "dev"))
            .replace("{registry}", registry),
    );
    out.push_str(&the_line(rows));
    for chapter in &catalogue.chapters {
        let chapter_rows: Vec<&Row> = rows
            .iter()
            .filter(|r| r.exercise.chapter_folder == chapter.folder)
            .collect();
        if chapter_rows.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "\n## {}. {} {{#chapter-{}}}\n",
            chapter.number, chapter.title, chapter.number
        );
        out.push_str(
            "| Exercise | Machine | Flash, release | RAM, release | Flash, dev | RAM, dev |\n\
             |---|---|--:|--:|--:|--:|\n",
        );
        for row in chapter_rows {
            let exercise = &row.exercise;
            let (c, x) = exercise.number;
            let cell = |solution: Option<Footprint>,
                        starter: Option<Option<Footprint>>,
                        of: fn(Footprint) -> u64| {
                let figure =
                    |f: Option<Footprint>| f.map_or("did not build".into(), |f| of(f).to_string());
                match starter {
                    Some(starter) => {
                        format!("{}&nbsp;→&nbsp;{}", figure(starter), figure(solution))
                    }
                    None => figure(solution),
                }
            };
            let starter = row.starter;
            let flash = |f: Footprint| f.flash;
            let ram = |f: Footprint| f.ram;
            let _ = writeln!(
                out,
                "| [{c}.{x}&nbsp;{}](traceability.md#{}){} | {} | {} | {} | {} | {} |",
                exercise.id,
                exercise.id,
                exercise
                    .meta
                    .saves
                    .map_or(String::new(), |saves| format!(" (saves {saves})")),
                exercise.meta.machine,
                cell(row.solution.release, starter.map(|s| s.release), flash),
                cell(row.solution.release, starter.map(|s| s.release), ram),
                cell(row.solution.dev, starter.map(|s| s.dev), flash),
                cell(row.solution.dev, starter.map(|s| s.dev), ram),
            );
        }
    }
    out.push_str(SPEAKER_NOTES);
    out
}

/// The section on [`FLASH_LINE`]: which solutions keep to it, and the largest.
fn the_line(rows: &[Row]) -> String {
    let mut out = format!("\n## The {} KiB line\n\n", FLASH_LINE / 1024);
    let measured: Vec<(&Row, Footprint)> = rows
        .iter()
        .filter_map(|r| Some((r, r.solution.release?)))
        .collect();
    let over: Vec<&(&Row, Footprint)> = measured
        .iter()
        .filter(|(_, f)| f.flash > FLASH_LINE)
        .collect();
    let largest = measured
        .iter()
        .max_by_key(|(r, f)| (f.flash, std::cmp::Reverse(r.exercise.number)));
    if over.is_empty() {
        let _ = write!(
            out,
            "Every solution fits in {} KiB ({FLASH_LINE} bytes) of flash in the release profile: \
             {} of {}",
            FLASH_LINE / 1024,
            measured.len(),
            rows.len()
        );
    } else {
        let _ = write!(
            out,
            "{} of {} solutions fit in {} KiB ({FLASH_LINE} bytes) of flash in the release \
             profile; over the line, and the suite fails until they are not: {}",
            measured.len() - over.len(),
            rows.len(),
            FLASH_LINE / 1024,
            over.iter()
                .map(|(r, f)| format!("{} ({} bytes)", r.exercise.label(), f.flash))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if let Some((row, footprint)) = largest {
        let _ = write!(
            out,
            ". The largest is {}, at {} bytes",
            row.exercise.label(),
            footprint.flash
        );
    }
    out.push_str(".\n");
    out.push_str(LINE_EXPLAINED);
    out
}

/// A profile's settings as the manifest's `[profile.<name>]` has them, in the order of their
/// names (`lto = true`, `opt-level = "z"`), its per-package overrides left out; `Cargo's
/// defaults` for a profile it does not set.
fn profile_settings(manifest: &str, name: &str) -> String {
    let table: toml::Table = toml::from_str(manifest).unwrap_or_default();
    let settings: Vec<String> = table
        .get("profile")
        .and_then(|p| p.get(name))
        .and_then(|p| p.as_table())
        .into_iter()
        .flatten()
        .filter(|(key, _)| *key != "package" && *key != "build-override")
        .map(|(key, value)| format!("`{key} = {value}`"))
        .collect();
    if settings.is_empty() {
        "Cargo's defaults".into()
    } else {
        let mut words = settings.join(", ");
        if let Some(at) = words.rfind(", ") {
            words.replace_range(at..at + 2, " and ");
        }
        words
    }
}

/// Builds and measures every image, then draws the page: the rows, and the page as it must be.
pub fn measure_and_draw(
    root: &Path,
    progress: &mut dyn Progress,
) -> Result<(Vec<Row>, String), Problem> {
    let catalogue = Catalogue::load(root)?;
    let manifest = std::fs::read_to_string(root.join("Cargo.toml"))
        .map_err(|e| problem!("cannot read Cargo.toml: {e}"))?;
    let rows = measure(root, &catalogue, progress)?;
    let page = page(&catalogue, &rows, &manifest, &registry());
    Ok((rows, page))
}

/// Where Cargo keeps the sources of the dependencies (`/root/.cargo/registry`): `$CARGO_HOME`'s
/// `registry`, or `~/.cargo/registry` without one.
pub fn registry() -> String {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .unwrap_or_default();
    home.join("registry").display().to_string()
}

/// The registry the page in the tree was written with, as its introduction says.
pub fn registry_of_page(page: &str) -> Option<&str> {
    let after = page.split_once("under Cargo's registry, which was\n  `")?.1;
    Some(after.split_once('`')?.0)
}

/// The sections in which the page in the tree differs from `wanted`; empty when it is current.
pub fn stale_sections(root: &Path, wanted: &str) -> Vec<String> {
    crate::trace::stale_sections(&current_page(root), wanted)
}

/// `cargo workbook footprint`: builds and measures, then writes the page (or, with `check`, only
/// says whether it is out of date), and lists the problems; `Ok(true)` when there are none.
pub fn command(root: &Path, check: bool) -> Result<bool, Problem> {
    let mut bar = report::ProgressBar::new();
    let measured = measure_and_draw(root, &mut bar);
    bar.finish();
    let (rows, wanted) = measured?;
    let stale = stale_sections(root, &wanted);
    if check {
        if !stale.is_empty() {
            println!("{} {PAGE}, in: {}", red("out of date:"), stale.join("; "));
        }
        let current = current_page(root);
        if let Some(written_with) = registry_of_page(&current)
            && written_with != registry()
        {
            println!(
                "  (it was written with Cargo's registry at {written_with}, and it is at {} here: \
                 figures differ by a few bytes for that alone, and the suite does not compare them)",
                registry()
            );
        }
    } else if !stale.is_empty() {
        std::fs::write(page_path(root), &wanted)
            .map_err(|e| problem!("cannot write {PAGE}: {e}"))?;
        println!("{} {PAGE} (changed: {})", green("wrote"), stale.join("; "));
    }
    let problems = problems(&rows);
    for problem in &problems {
        println!("{} {problem}", red("problem:"));
    }
    let largest = rows
        .iter()
        .filter_map(|r| r.solution.release)
        .map(|f| f.flash)
        .max()
        .unwrap_or(0);
    println!(
        "{} solutions measured, the largest {} of flash in the release profile (the line is {}); {}",
        rows.len(),
        bold(&size::human(largest)),
        size::human(FLASH_LINE),
        match (stale.is_empty(), check) {
            (true, _) => "the page is up to date".to_string(),
            (false, true) =>
                "the page is out of date (`cargo workbook footprint` rewrites it)".to_string(),
            (false, false) => format!("the page is rewritten {}", dim(&format!("({PAGE})"))),
        }
    );
    Ok(problems.is_empty() && (stale.is_empty() || !check))
}

/// The page as it is in the tree at `root` (empty when there is none).
pub fn current_page(root: &Path) -> String {
    std::fs::read_to_string(page_path(root)).unwrap_or_default()
}

/// Where the page goes under `root`.
pub fn page_path(root: &Path) -> PathBuf {
    root.join(PAGE)
}

const TITLE: &str = "# Flash and RAM of every exercise\n\n";

const INTRODUCTION: &str = r#"What each exercise's solution takes of the chip, built as the book's size figures are built,
and, where the lesson is to save bytes, what its starter took. Nothing on this page is typed by
hand: `cargo workbook footprint` builds every image and writes it, and the test suite builds and
measures again and fails when the page no longer matches.

## What is counted

- **Flash** is every section the chip is programmed with: the vector table, the code
  (`.text`), the constants (`.rodata`) and the initial values of `.data`.
- **RAM** is the statics: `.data`, `.bss` and `.uninit`. A heap is a static array, so its whole
  size counts; the stack does not (it is whatever RAM is left, and
  [chapter 4](../04-stack/index.md) measures it).
- Both are read from the sections of the ELF file with the `object` crate, as
  `cargo workbook size <exercise> --solution --release` reads them (it also lists the biggest
  symbols).
- **Release** is the profile the book's size figures use. The workspace's `Cargo.toml` sets it:
  {release}.
- **Dev** is the profile `cargo run` and the judge build: {dev} (no optimisation, debug
  assertions and overflow checks on).
- Figures are bytes. The builds are deterministic: the same sources give the same figures on
  every run, which is how the suite can compare them with this page.
- One thing outside the sources counts: an image holds the path of the source file of each
  dependency whose panic messages it keeps, and that path is under Cargo's registry, which was
  `{registry}` when this page was written. Where the registry's path is longer or shorter, flash is
  a few bytes more or less for each such dependency, and the suite compares the figures only
  where the path is the same.
- Each image is built as `cargo workbook verify` builds it: one cargo invocation per target for
  the exercises without a cargo config of their own, and one per folder for those with one.
- Where an exercise's lesson is to save flash or static RAM (its metadata says `saves = "flash"`
  or `saves = "static RAM"`), the row names what it saves and its cells read
  *starter&nbsp;→&nbsp;solution*. A lesson that saves stack, or the bytes of a local table, does
  not show in these figures: its own page measures what it saves. The dev columns are the ones a
  lesson is judged in. In the release profile the optimiser removes a static that the program
  only measures and never reads or writes, and, where it can tell that a starter's budget check
  fails, all the code after the panic: the release figures of such a starter are those of a
  program cut short.
"#;

const LINE_EXPLAINED: &str = r#"
A Cortex-M part with 16 KiB of flash is a small one today, and every exercise is a program of a
page or two, so none needs more: a solution over the line has picked up code its lesson does not
need. The usual cause is formatting: `{:?}` on a string escapes every character, with core's
Unicode tables, and `unwrap` on a `Result` formats its error with `Debug`. 2.4's solution was
over the line while it printed a `heapless::String` with `{:?}` rather than `"{}"`, and 6.2's
while it called `unwrap` on `core::str::from_utf8`. `cargo workbook size <exercise> --solution
--release` lists the biggest symbols, and the suite fails on a solution over the line.
"#;

const SPEAKER_NOTES: &str = r#"
<details>
<summary>Speaker notes</summary>

- Not a page to teach from, but one to answer "how big is it, really?" with. Put a release
  figure beside its dev figure when a learner first meets the dev build's size: the difference
  is the optimiser, not the language.
- The arrows are the lessons about bytes, measured: each starter's figure is what the
  exercise's panic complains about, and the solution's is what fixing it saves.
- The page is generated (`cargo workbook footprint`): change the exercise, never this file.

</details>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_says_which_registry_it_was_written_with() {
        let catalogue = Catalogue { chapters: vec![] };
        let page = page(&catalogue, &[], "", "/home/ada/.cargo/registry");
        assert_eq!(registry_of_page(&page), Some("/home/ada/.cargo/registry"));
        assert!(page.contains("Cargo's defaults"), "{page}");
        assert_eq!(registry_of_page("# Another page\n"), None);
    }

    #[test]
    fn profiles_are_quoted_from_the_manifest() {
        let manifest = "[profile.release]\nopt-level = \"z\"\nlto = true\n\
                        [profile.dev.package.launcher]\ndebug = false\n";
        assert_eq!(
            profile_settings(manifest, "release"),
            "`lto = true` and `opt-level = \"z\"`"
        );
        assert_eq!(profile_settings(manifest, "dev"), "Cargo's defaults");
    }
}
