//! Verification of the exercises: every solution passes under QEMU with the expected output,
//! every starter fails in its declared way, and the tree is whole (a solution for every exercise
//! and the reverse, metadata that names a real machine, a target that agrees with the folder).
//!
//! `cargo workbook verify` and `cargo test` (tests/all_exercises.rs) both call [`verify`].

use crate::{
    Problem,
    catalogue::{Catalogue, Exercise, StarterFailure, is_error_code},
    firmware::{self, Build, Ending, Run},
    machines::{self, Machine},
    problem,
    size::{self, Footprint},
};
use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
    sync::Mutex,
};

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Build the solutions with the release profile, for their size, and leave the starters out:
    /// a starter's failure is a lesson about the dev profile that `cargo run` uses (an optimised
    /// build may remove the very copy a lesson is about).
    pub release: bool,
    /// Only exercises whose id contains this text.
    pub only: Option<String>,
}

/// Passed, or failed with a sentence that says what was expected and what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail(String),
}

impl Verdict {
    pub fn passed(&self) -> bool {
        *self == Verdict::Pass
    }
}

#[derive(Debug, Clone)]
pub struct ExerciseReport {
    pub exercise: Exercise,
    pub solution: Verdict,
    /// `None` when starters were not checked (`--release`).
    pub starter: Option<Verdict>,
    /// The solution's footprint, when it built.
    pub footprint: Option<Footprint>,
    /// The exercise's known wrong versions and correct alternatives, as the judge took them
    /// (none with `--release`).
    pub variants: Vec<crate::variants::Outcome>,
}

#[derive(Debug, Default)]
pub struct Report {
    /// Problems with the tree itself: pairing, metadata, missing files.
    pub structure: Vec<String>,
    pub exercises: Vec<ExerciseReport>,
}

impl Report {
    pub fn passed(&self) -> bool {
        self.structure.is_empty()
            && self.exercises.iter().all(|e| {
                e.solution.passed()
                    && e.starter.as_ref().is_none_or(Verdict::passed)
                    && e.variants.iter().all(|v| v.verdict.passed())
            })
    }

    /// Every failure as one paragraph that names the exercise.
    pub fn failures(&self) -> Vec<String> {
        let mut failures = self.structure.clone();
        for report in &self.exercises {
            if let Verdict::Fail(why) = &report.solution {
                failures.push(format!(
                    "{} (solution, {}): {why}",
                    report.exercise.label(),
                    report.exercise.solution_path.display()
                ));
            }
            if let Some(Verdict::Fail(why)) = &report.starter {
                failures.push(format!(
                    "{} (starter, {}): {why}",
                    report.exercise.label(),
                    report.exercise.path.display()
                ));
            }
            for variant in &report.variants {
                if let Verdict::Fail(why) = &variant.verdict {
                    failures.push(format!(
                        "{} (variant {}: {}): {why}",
                        report.exercise.label(),
                        variant.name,
                        variant.what
                    ));
                }
            }
        }
        failures
    }
}

/// What verification tells whoever watches it.
pub trait Progress: Send {
    /// A new phase with `total` steps ahead.
    fn phase(&mut self, name: &str, total: usize);
    /// One step of the phase is done.
    fn step(&mut self, what: &str);
}

/// Runs every check; `Err` only when verification itself cannot proceed (no cargo, no machines).
pub fn verify(
    root: &Path,
    options: &Options,
    progress: &mut dyn Progress,
) -> Result<Report, Problem> {
    let mut report = Report::default();
    let (catalogue, problems) = Catalogue::load_lenient(root);
    report.structure.extend(problems.into_iter().map(|p| p.0));
    report.structure.extend(check_pairing(root, &catalogue));
    let machines = machines::load_all(root)?;

    let selected: Vec<&Exercise> = match &options.only {
        None => catalogue.exercises().collect(),
        Some(only) => catalogue.select(only).unwrap_or_default(),
    };
    let mut runnable = Vec::new();
    for exercise in selected {
        match check_exercise_files(root, exercise, &machines) {
            Ok(machine) => runnable.push((exercise, machine)),
            Err(p) => report.structure.push(p.0),
        }
    }

    let mut wanted = Vec::new();
    for (exercise, machine) in &runnable {
        if !options.release {
            wanted.push((
                machine.target.clone(),
                exercise.path.clone(),
                exercise.id.clone(),
            ));
        }
        // A solution whose folder config is its starter's is built with it, in one invocation.
        let config =
            |folder: &Path| std::fs::read(root.join(folder).join(".cargo/config.toml")).ok();
        let same_config = config(&exercise.path).is_some()
            && config(&exercise.path) == config(&exercise.solution_path)
            && !options.release;
        wanted.push((
            machine.target.clone(),
            if same_config {
                exercise.path.clone()
            } else {
                exercise.solution_path.clone()
            },
            exercise.solution_package(),
        ));
    }
    let builds = build_all(root, &wanted, options.release, progress)?;

    // A solution with a library must also pass its unit tests on the host.
    let with_host_tests: Vec<&Exercise> = runnable
        .iter()
        .map(|(exercise, _)| *exercise)
        .filter(|e| firmware::has_host_tests(root, &e.solution_path))
        .collect();
    let mut host_tests: BTreeMap<String, Result<(), String>> = BTreeMap::new();
    if !with_host_tests.is_empty() {
        progress.phase("running host unit tests", with_host_tests.len());
        for exercise in with_host_tests {
            let package = exercise.solution_package();
            let result = crate::checks::host_tests(root, &exercise.solution_path, &package);
            host_tests.insert(package.clone(), result);
            progress.step(&package);
        }
    }

    // Then the QEMU runs, on every core.
    progress.phase("running under QEMU", runnable.len());
    let progress = Mutex::new(progress);
    let queue = Mutex::new(runnable.iter());
    let results = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().expect("queue").next();
                    let Some((exercise, machine)) = next else {
                        break;
                    };
                    let build = &builds[&machine.target];
                    let mut checked =
                        check_exercise(root, exercise, machine, build, !options.release);
                    if let Some(Err(output)) = host_tests.get(&exercise.solution_package())
                        && checked.solution.passed()
                    {
                        checked.solution = Verdict::Fail(format!(
                            "its host unit tests fail (cargo test --lib --target host-tuple):\n{output}"
                        ));
                    }
                    progress.lock().expect("progress").step(&exercise.id);
                    results.lock().expect("results").push(checked);
                }
            });
        }
    });
    let mut exercises = results.into_inner().expect("results");
    exercises.sort_by_key(|r| r.exercise.number);
    // The judge, tried with each exercise's wrong versions and alternatives.
    if !options.release {
        let progress = progress.into_inner().expect("progress");
        let mut outcomes = crate::variants::check(root, &runnable, progress)?;
        for report in &mut exercises {
            report.variants = outcomes.remove(&report.exercise.id).unwrap_or_default();
        }
    }
    // A starter the learner has worked on is no longer the starter: say so, and how to get it back.
    let changed: Vec<String> = crate::starter::changed_exercises(root, &catalogue)
        .unwrap_or_default()
        .into_iter()
        .map(|e| e.id.clone())
        .collect();
    for report in &mut exercises {
        if let Some(Verdict::Fail(why)) = &mut report.starter
            && changed.contains(&report.exercise.id)
        {
            why.push_str(&format!(
                "\n(git sees this exercise changed: if that is your work, `cargo workbook reset {}` puts the starter back and keeps yours as a backup)",
                report.exercise.id
            ));
        }
    }
    report.exercises = exercises;
    Ok(report)
}

/// Builds `(target, folder, package)` triples, merged by target: one cargo invocation per target
/// builds every package for it, except those whose folder has a cargo config of its own (another
/// machine, flip-link), each of which is built in its folder.
pub(crate) fn build_all(
    root: &Path,
    wanted: &[(String, PathBuf, String)],
    release: bool,
    progress: &mut dyn Progress,
) -> Result<BTreeMap<String, Build>, Problem> {
    let mut by_build: BTreeMap<(String, PathBuf), Vec<String>> = BTreeMap::new();
    for (target, folder, package) in wanted {
        by_build
            .entry((target.clone(), firmware::build_dir(root, folder)))
            .or_default()
            .push(package.clone());
    }
    let mut builds: BTreeMap<String, Build> = BTreeMap::new();
    for ((target, dir), packages) in &by_build {
        let place = match dir.strip_prefix(root) {
            Ok(folder) if !folder.as_os_str().is_empty() => format!(" in {}", folder.display()),
            _ => String::new(),
        };
        progress.phase(
            &format!(
                "building {} for {target}{place}",
                match packages.len() {
                    1 => "1 package".to_string(),
                    n => format!("{n} packages"),
                }
            ),
            packages.len(),
        );
        let build = firmware::build(dir, target, packages, release, false, |name| {
            if packages.iter().any(|p| p == name) {
                progress.step(name);
            }
        })?;
        builds
            .entry(target.clone())
            .or_default()
            .packages
            .extend(build.packages);
    }
    Ok(builds)
}

/// Which of the learner's versions of `exercises` pass now (dev profile, as `cargo workbook run`
/// builds them): their output is the expected one, and their host unit tests, if any, pass.
/// This is how progress is rebuilt when its file is missing or unreadable.
pub fn learner_passes(
    root: &Path,
    exercises: &[&Exercise],
    progress: &mut dyn Progress,
) -> Result<Vec<String>, Problem> {
    let machines = machines::load_all(root)?;
    let (reference, _) = crate::judge::Reference::for_learner(root);
    // Judged by the workbook's metadata and files, as `cargo workbook run` judges them.
    let judged: Vec<Exercise> = exercises
        .iter()
        .filter_map(|e| reference.exercise(e).ok())
        .collect();
    let runnable: Vec<(&Exercise, &Machine)> = judged
        .iter()
        .filter_map(|e| Some((e, machines.iter().find(|m| m.name == e.meta.machine)?)))
        .collect();
    let wanted: Vec<_> = runnable
        .iter()
        .map(|(e, m)| (m.target.clone(), e.path.clone(), e.id.clone()))
        .collect();
    let builds = build_all(root, &wanted, false, progress)?;
    progress.phase("running under QEMU", runnable.len());
    let mut passed = Vec::new();
    for (exercise, machine) in runnable {
        let elf = builds
            .get(&machine.target)
            .and_then(|b| b.packages.get(&exercise.id))
            .filter(|p| p.errors.is_empty())
            .and_then(|p| p.executable.clone());
        let expected = reference.read_string(&exercise.expected_output_path());
        let refused = !crate::judge::judge_sources(&reference, exercise, &exercise.path)
            .refusals
            .is_empty();
        let passes = match (elf, expected) {
            _ if refused => false,
            (Some(elf), Ok(expected)) => {
                let run = firmware::run(root, &machine.target, &elf, false);
                let expected_err = reference
                    .read_string(&exercise.path.join("expected.err"))
                    .ok();
                judge_learner_run(run, &expected, expected_err.as_deref(), exercise).passed()
                    && (!firmware::has_host_tests(root, &exercise.path)
                        || crate::checks::host_tests(root, &exercise.path, &exercise.id).is_ok())
                    && crate::checks::run(
                        root,
                        &exercise.path,
                        &exercise.id,
                        &machine.target,
                        &exercise.meta,
                    )
                    .is_ok()
            }
            _ => false,
        };
        if passes {
            passed.push(exercise.id.clone());
        }
        progress.step(&exercise.id);
    }
    Ok(passed)
}

/// Every exercise has a solution named after it, and every solution folder an exercise folder.
fn check_pairing(root: &Path, catalogue: &Catalogue) -> Vec<String> {
    let mut problems = Vec::new();
    let manifest_of = |folder: &Path| -> Option<toml::Table> {
        toml::from_str(&std::fs::read_to_string(root.join(folder).join("Cargo.toml")).ok()?).ok()
    };
    // Every kind of dependency table a manifest can have, for the host or a target.
    let dependencies = |table: &toml::Table| -> BTreeMap<String, toml::Value> {
        let kinds = ["dependencies", "dev-dependencies", "build-dependencies"];
        let mut found = BTreeMap::new();
        let mut collect = |prefix: &str, table: &toml::Table| {
            for kind in kinds {
                for (name, spec) in table
                    .get(kind)
                    .and_then(|d| d.as_table())
                    .into_iter()
                    .flatten()
                {
                    found.insert(format!("{prefix}{kind}.{name}"), spec.clone());
                }
            }
        };
        collect("", table);
        for (cfg, target) in table
            .get("target")
            .and_then(|t| t.as_table())
            .into_iter()
            .flatten()
        {
            if let Some(target) = target.as_table() {
                collect(&format!("target.{cfg}."), target);
            }
        }
        found
    };
    for exercise in catalogue.exercises() {
        let manifest = root.join(&exercise.solution_path).join("Cargo.toml");
        let solution = manifest_of(&exercise.solution_path);
        let name = solution
            .as_ref()
            .and_then(|table| Some(table.get("package")?.get("name")?.as_str()?.to_string()));
        // The learner writes the solution's code into the starter's crate: it must build there.
        if let (Some(solution), Some(starter)) = (&solution, manifest_of(&exercise.path)) {
            let (needed, present) = (dependencies(solution), dependencies(&starter));
            for (dependency, spec) in &needed {
                if present.get(dependency) != Some(spec) {
                    problems.push(format!(
                        "{}: the solution's Cargo.toml has {dependency} = {spec}, which the \
                         starter's does not: a learner's version written like the solution \
                         would not build",
                        exercise.label()
                    ));
                }
            }
        }
        match name {
            None => problems.push(format!(
                "{}: has no solution (expected a package in {})",
                exercise.label(),
                manifest.display()
            )),
            Some(name) if name != exercise.solution_package() => problems.push(format!(
                "{}: the solution's package is \"{name}\"; it must be \"{}\"",
                manifest.display(),
                exercise.solution_package()
            )),
            Some(_) => {}
        }
    }
    // Folders, not loaded exercises: an exercise whose metadata is broken is reported once, above.
    let folders = |tree: &str| -> Vec<PathBuf> {
        let Ok(chapters) = std::fs::read_dir(root.join(tree)) else {
            return Vec::new();
        };
        chapters
            .flatten()
            .filter(|c| c.path().is_dir())
            .flat_map(|c| std::fs::read_dir(c.path()).into_iter().flatten().flatten())
            .filter(|e| e.path().is_dir())
            .filter_map(|e| {
                e.path()
                    .strip_prefix(root.join(tree))
                    .ok()
                    .map(Path::to_path_buf)
            })
            .collect()
    };
    for folder in folders("solutions") {
        if !root.join("exercises").join(&folder).is_dir() {
            problems.push(format!(
                "solutions/{}: a solution without an exercise (no exercises/{})",
                folder.display(),
                folder.display()
            ));
        }
    }
    problems
}

/// The machine among `machines` that an exercise's metadata names.
pub(crate) fn machine_of<'m>(
    exercise: &Exercise,
    machines: &'m [Machine],
) -> Result<&'m Machine, Problem> {
    machines
        .iter()
        .find(|m| m.name == exercise.meta.machine)
        .ok_or_else(|| {
            problem!(
                "{}: machine '{}' is not under qemu/machines/",
                exercise.label(),
                exercise.meta.machine
            )
        })
}

/// The files an exercise needs, its machine, and a folder configuration that builds for it.
fn check_exercise_files(
    root: &Path,
    exercise: &Exercise,
    machines: &[Machine],
) -> Result<Machine, Problem> {
    let label = exercise.label();
    let machine = machine_of(exercise, machines)?;
    if !root.join(exercise.expected_output_path()).is_file() {
        return Err(problem!(
            "{label}: no expected output ({})",
            exercise.expected_output_path().display()
        ));
    }
    if exercise.meta.hint.trim().is_empty() {
        return Err(problem!("{label}: the hint is empty"));
    }
    let expected =
        std::fs::read_to_string(root.join(exercise.expected_output_path())).unwrap_or_default();
    for template in &exercise.meta.vary {
        if with_figures_hidden(&expected, std::slice::from_ref(template)) == expected {
            return Err(problem!(
                "{label}: vary template \"{template}\" matches nothing in expected.out (it needs a {{n}} where a number is)"
            ));
        }
    }
    // What `learner-writes` names must be there to be written.
    let keys: Vec<String> = ["src/main.rs", "src/lib.rs"]
        .iter()
        .filter_map(|f| std::fs::read_to_string(root.join(&exercise.path).join(f)).ok())
        .filter_map(|source| crate::harness::keys_of(&source))
        .flatten()
        .collect();
    for named in &exercise.meta.learner_writes {
        let a_file = named.starts_with("src/") && root.join(&exercise.path).join(named).is_file();
        if !(named == "*" || named == "#![attributes]" || a_file || keys.contains(named)) {
            return Err(problem!(
                "{label}: learner-writes names \"{named}\", which is no item of the starter (items are named like `fn main`, `static LOG`, `impl Drop for Guard`)"
            ));
        }
    }
    // A check on an item the learner does not write would never run.
    let meta = &exercise.meta;
    let checked_items = (meta.requires.iter().map(|r| (&r.item, "requires"))).chain(
        meta.forbids
            .iter()
            .flat_map(|f| f.outside.iter().map(|i| (i, "forbids … outside"))),
    );
    for (item, option) in checked_items {
        if !meta.learner_writes.contains(item) {
            return Err(problem!(
                "{label}: {option} names \"{item}\", which learner-writes does not list"
            ));
        }
    }
    // A starter failure or a mutant that names a check the exercise does not run would never
    // be seen; Miri and coverage run the host unit tests of a library.
    use crate::checks::Check;
    let needed = match &meta.starter_fails {
        StarterFailure::Lints(_) => Some(Check::Clippy),
        StarterFailure::Miri(_) => Some(Check::Miri),
        StarterFailure::Uncovered(_) => Some(Check::Coverage),
        _ => None,
    };
    let needed = needed
        .into_iter()
        .chain((!meta.mutants.is_empty()).then_some(Check::Coverage));
    for check in needed {
        if !meta.checks.contains(&check) {
            return Err(problem!(
                "{label}: the metadata relies on the {check} check, which `checks` does not list"
            ));
        }
    }
    let host_checks = meta
        .checks
        .iter()
        .find(|c| matches!(c, Check::Miri | Check::Coverage));
    if let Some(check) = host_checks
        && !root.join(&exercise.path).join("src/lib.rs").is_file()
    {
        return Err(problem!(
            "{label}: the {check} check runs the host unit tests of src/lib.rs, which it has not"
        ));
    }
    for folder in [&exercise.path, &exercise.solution_path] {
        let configured = configured_target(root, folder);
        if configured.as_deref() != Some(machine.target.as_str()) {
            return Err(problem!(
                "{label}: runs on {} ({}), but `cargo run` in {} would build for {}: set [build] target in a .cargo/config.toml there",
                machine.name,
                machine.target,
                folder.display(),
                configured.unwrap_or_else(|| "the host".into())
            ));
        }
    }
    Ok(machine.clone())
}

/// The `[build] target` cargo would use when run inside `folder` (the nearest config that sets one).
fn configured_target(root: &Path, folder: &Path) -> Option<String> {
    let mut dir: PathBuf = root.join(folder);
    loop {
        if let Ok(text) = std::fs::read_to_string(dir.join(".cargo/config.toml")) {
            let config: toml::Table = toml::from_str(&text).ok()?;
            if let Some(target) = config
                .get("build")
                .and_then(|b| b.get("target"))
                .and_then(|t| t.as_str())
            {
                return Some(target.to_string());
            }
        }
        if dir == root || !dir.pop() {
            return None;
        }
    }
}

fn check_exercise(
    root: &Path,
    exercise: &Exercise,
    machine: &Machine,
    build: &Build,
    with_starter: bool,
) -> ExerciseReport {
    let expected =
        std::fs::read_to_string(root.join(exercise.expected_output_path())).unwrap_or_default();
    let solution_build = build
        .packages
        .get(&exercise.solution_package())
        .cloned()
        .unwrap_or_default();
    let (solution, footprint) = match (&solution_build.executable, solution_build.errors.first()) {
        (_, Some(error)) => (
            Verdict::Fail(format!("does not compile:\n{}", error.rendered.trim_end())),
            None,
        ),
        (None, None) => (
            Verdict::Fail("cargo built no executable for it".into()),
            None,
        ),
        (Some(elf), None) => {
            let footprint = size::footprint(elf, machine.ram.clone()).ok();
            let run = firmware::run_kept(root, &machine.target, elf, None);
            let release = !with_starter;
            let stderr = run.as_ref().map(|r| r.stderr.clone()).unwrap_or_default();
            let verdict = if release && exercise.dev_profile_output() {
                judge_exit_only(run, exercise.meta.solution_exit_code)
            } else {
                judge_solution(run, &expected, exercise.meta.solution_exit_code)
            };
            let verdict = match verdict {
                Verdict::Pass if !release => judge_expected_stderr(root, exercise, &stderr),
                other => other,
            };
            let verdict = match verdict {
                Verdict::Pass if !release && !exercise.meta.sizes.is_empty() => {
                    judge_sizes(root, exercise, elf)
                }
                other => other,
            };
            // The reference solution is a learner's version too: the judge must pass it.
            let verdict = match verdict {
                Verdict::Pass => judge_solution_code(root, exercise),
                other => other,
            };
            let verdict = match verdict {
                Verdict::Pass if !release => match crate::checks::run(
                    root,
                    &exercise.solution_path,
                    &exercise.solution_package(),
                    &machine.target,
                    &exercise.meta,
                ) {
                    Ok(()) => Verdict::Pass,
                    Err(failure) => Verdict::Fail(failure.message()),
                },
                other => other,
            };
            (verdict, footprint)
        }
    };
    let starter = with_starter.then(|| check_starter(root, exercise, machine, build));
    ExerciseReport {
        exercise: exercise.clone(),
        solution,
        starter,
        footprint,
        variants: Vec::new(),
    }
}

fn check_starter(root: &Path, exercise: &Exercise, machine: &Machine, build: &Build) -> Verdict {
    let starter_build = build
        .packages
        .get(&exercise.id)
        .cloned()
        .unwrap_or_default();
    match &exercise.meta.starter_fails {
        StarterFailure::CompileError(code) => match judge_compile_failure(
            &starter_build,
            code,
            // A starter.stderr pins every error: the declared one need only be among them.
            !root.join(exercise.path.join(STARTER_STDERR)).is_file(),
        ) {
            Verdict::Pass => judge_starter_stderr(
                root,
                exercise,
                &rendered_errors(&starter_build),
                "it fails as declared, but its errors",
            ),
            failed => failed,
        },
        StarterFailure::LinkError(text) => match judge_link_failure(&starter_build, text) {
            Verdict::Pass => judge_starter_stderr(
                root,
                exercise,
                &link_report(&starter_build),
                "it fails to link as declared, but the linker's report",
            ),
            failed => failed,
        },
        StarterFailure::Lints(_) | StarterFailure::Miri(_) | StarterFailure::Uncovered(_) => {
            judge_starter_check(root, exercise, machine, &starter_build)
        }
        StarterFailure::Panic(message) => {
            match (&starter_build.executable, starter_build.errors.first()) {
                (_, Some(error)) => Verdict::Fail(format!(
                    "is meant to compile and then panic with \"{message}\", but it does not compile:\n{}",
                    error.rendered.trim_end()
                )),
                (None, None) => Verdict::Fail("cargo built no executable for it".into()),
                (Some(elf), None) => {
                    let run = firmware::run_kept(root, &machine.target, elf, None);
                    let stderr = run.as_ref().map(|r| r.stderr.clone()).unwrap_or_default();
                    match judge_panic(run, message) {
                        Verdict::Pass => judge_starter_stderr(
                            root,
                            exercise,
                            &stderr,
                            "it panics as declared, but its report",
                        ),
                        failed => failed,
                    }
                }
            }
        }
    }
}

/// The starter builds but does not link, and the linker says the declared text.
fn judge_link_failure(build: &firmware::PackageBuild, text: &str) -> Verdict {
    if build.errors.is_empty() {
        return Verdict::Fail(format!(
            "is meant to fail to link with \"{text}\", but it links"
        ));
    }
    match build
        .errors
        .iter()
        .find(|e| !(is_link_error(e) && e.rendered.contains(text)))
    {
        None => Verdict::Pass,
        Some(other) => Verdict::Fail(format!(
            "is meant to fail to link with \"{text}\" only, but the compiler says:\n{}",
            other.rendered.trim_end()
        )),
    }
}

/// What a failed link says, in the lines that do not change from one machine or build to the
/// next: the linker's error, and the panicking functions the program still reaches.
pub fn link_report(build: &firmware::PackageBuild) -> String {
    let mut report = String::new();
    for error in build.errors.iter().filter(|e| is_link_error(e)) {
        let message = error.message.split(':').next().unwrap_or(&error.message);
        report.push_str(&format!("error: {message}\n"));
        for line in error.rendered.lines() {
            if let Some(at) = line.find("error(") {
                report.push_str(&format!("  = note: rust-lld: {}\n", &line[at..]));
            }
        }
        let panics = firmware::reachable_panics(&error.rendered);
        if !panics.is_empty() {
            report.push_str(
                "the panicking functions the program still reaches, each with its first caller:\n",
            );
            for line in panics {
                report.push_str(&format!("  {line}\n"));
            }
        }
    }
    report
}

/// Whether a build error is the linker's (rustc reports it as "linking with `…` failed").
pub fn is_link_error(error: &firmware::CompileError) -> bool {
    error.message.starts_with("linking with")
}

/// The starter builds, runs as far as it runs, and fails the check its `starter-fails` names,
/// for the declared reason: exactly the declared lints, or Miri's or the coverage check's text.
fn judge_starter_check(
    root: &Path,
    exercise: &Exercise,
    machine: &Machine,
    build: &firmware::PackageBuild,
) -> Verdict {
    use crate::checks::{self, Failure};
    if let Some(error) = build.errors.first() {
        return Verdict::Fail(format!(
            "is meant to build and fail {}, but it does not compile:\n{}",
            exercise.meta.starter_fails,
            error.rendered.trim_end()
        ));
    }
    if let StarterFailure::Lints(lints) = &exercise.meta.starter_fails {
        let errors =
            match checks::clippy_errors(root, &exercise.path, &exercise.id, &machine.target) {
                Ok(errors) => errors,
                Err(failure) => return Verdict::Fail(failure.message()),
            };
        let found = checks::lint_names(&errors);
        let mut wanted = lints.clone();
        let mut seen = found.clone();
        wanted.sort();
        seen.sort();
        return if wanted == seen && errors.iter().all(|e| e.code.is_some()) {
            let rendered: String = errors.iter().map(|e| e.rendered.as_str()).collect();
            judge_starter_stderr(
                root,
                exercise,
                &rendered,
                "Clippy refuses it as declared, but what it says",
            )
        } else {
            Verdict::Fail(format!(
                "is meant to be refused by exactly the lints {}, but Clippy says: {}\n{}",
                lints.join(", "),
                if found.is_empty() {
                    "nothing".into()
                } else {
                    found.join(", ")
                },
                checks::describe_lints(&errors)
            ))
        };
    }
    let text = match &exercise.meta.starter_fails {
        StarterFailure::Miri(text) | StarterFailure::Uncovered(text) => text,
        _ => unreachable!("only the checks' own failures come here"),
    };
    if firmware::has_host_tests(root, &exercise.path)
        && let Err(output) = crate::checks::host_tests(root, &exercise.path, &exercise.id)
    {
        return Verdict::Fail(format!(
            "is meant to pass its unit tests and fail {}, but the unit tests fail:\n{output}",
            exercise.meta.starter_fails
        ));
    }
    match checks::run(
        root,
        &exercise.path,
        &exercise.id,
        &machine.target,
        &exercise.meta,
    ) {
        Err(Failure::Refused { said, .. }) if said.contains(text.as_str()) => judge_starter_stderr(
            root,
            exercise,
            &checks::report_for_the_book(&said),
            "it fails the check as declared, but what the check says",
        ),
        Err(failure) => Verdict::Fail(format!(
            "is meant to fail {}, but: {}",
            exercise.meta.starter_fails,
            failure.message()
        )),
        Ok(()) => Verdict::Fail(format!(
            "is meant to fail {}, but it passes every check",
            exercise.meta.starter_fails
        )),
    }
}

/// The solution exits with `exit_code` (0 for most) and prints exactly the expected output.
pub fn judge_solution(run: Result<Run, Problem>, expected: &str, exit_code: i32) -> Verdict {
    let run = match run {
        Ok(run) => run,
        Err(p) => return Verdict::Fail(p.0),
    };
    match run.ending {
        Ending::Exited(code) if code == exit_code => {
            match first_difference(expected, &run.stdout) {
                None => Verdict::Pass,
                Some(difference) => Verdict::Fail(format!(
                    "its output differs from expected.out: {difference}"
                )),
            }
        }
        other => Verdict::Fail(format!(
            "expected exit {exit_code} with the expected output; {}",
            describe_ending(other, &run)
        )),
    }
}

/// A learner's version: as [`judge_solution`], except that the numbers the exercise's `vary`
/// templates mark may differ from the reference solution's.
pub fn judge_learner(run: Result<Run, Problem>, expected: &str, exercise: &Exercise) -> Verdict {
    let vary = &exercise.meta.vary;
    let run = run.map(|mut run| {
        run.stdout = with_figures_hidden(&run.stdout, vary);
        run
    });
    judge_solution(
        run,
        &with_figures_hidden(expected, vary),
        exercise.meta.solution_exit_code,
    )
}

/// A learner's version, with everything the judge checks of a run: the output as
/// [`judge_learner`] takes it, and, where the exercise has an `expected.err`, the report on stderr
/// (a fault report: which fault, and why), with the addresses in it masked, since they move with
/// the learner's code. `expected_err` is the workbook's file.
pub fn judge_learner_run(
    run: Result<Run, Problem>,
    expected: &str,
    expected_err: Option<&str>,
    exercise: &Exercise,
) -> Verdict {
    let stderr = run.as_ref().map(|r| r.stderr.clone()).unwrap_or_default();
    match judge_learner(run, expected, exercise) {
        Verdict::Pass => match expected_err {
            Some(wanted) => match first_difference(
                &with_addresses_masked(wanted),
                &with_addresses_masked(&normalize_paths(&stderr)),
            ) {
                None => Verdict::Pass,
                Some(difference) => Verdict::Fail(format!(
                    "its report on stderr is not what expected.err holds (addresses aside): {difference}"
                )),
            },
            None => Verdict::Pass,
        },
        failed => failed,
    }
}

/// Hexadecimal numbers written as `0x…` replaced by `0x…`, except the fault status registers'
/// values (`HFSR = `, `CFSR = `), which say which fault it was.
pub fn with_addresses_masked(text: &str) -> String {
    text.lines()
        .map(|line| {
            if line.contains("FSR = ") {
                return format!("{line}\n");
            }
            let mut out = String::new();
            let mut rest = line;
            while let Some(at) = rest.find("0x") {
                out.push_str(&rest[..at]);
                let digits = rest[at + 2..]
                    .bytes()
                    .take_while(u8::is_ascii_hexdigit)
                    .count();
                out.push_str(if digits > 0 { "0x…" } else { "0x" });
                rest = &rest[at + 2 + digits..];
            }
            out.push_str(rest);
            out.push('\n');
            out
        })
        .collect()
}

/// `text` with every match of each template replaced by the template itself (`{n}` and all).
/// A placeholder may bound its figure: `{n<=512}`, `{n>=1}`, `{n:100..=300}`; a figure out of
/// its bounds is left as it is, so the line differs from the expected one, which shows the bound.
pub fn with_figures_hidden(text: &str, templates: &[String]) -> String {
    let mut text = text.to_string();
    for template in templates {
        let (parts, bounds) = split_template(template);
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        let mut hidden = String::new();
        let mut rest = text.as_str();
        while let Some((start, end, figures)) = find_template(rest, &parts) {
            hidden.push_str(&rest[..start]);
            let within = figures
                .iter()
                .zip(&bounds)
                .all(|(figure, (low, high))| low <= figure && figure <= high);
            hidden.push_str(if within { template } else { &rest[start..end] });
            rest = &rest[end..];
        }
        hidden.push_str(rest);
        text = hidden;
    }
    text
}

/// A template's literal parts, and the bounds of each placeholder between them.
fn split_template(template: &str) -> (Vec<String>, Vec<(u64, u64)>) {
    let mut parts = Vec::new();
    let mut bounds = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find("{n") {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let spec = &rest[open + 2..close];
        let bound = if spec.is_empty() {
            Some((0, u64::MAX))
        } else if let Some(high) = spec.strip_prefix("<=") {
            high.trim().parse().ok().map(|h| (0, h))
        } else if let Some(low) = spec.strip_prefix(">=") {
            low.trim().parse().ok().map(|l| (l, u64::MAX))
        } else if let Some((low, high)) = spec.strip_prefix(':').and_then(|r| r.split_once("..=")) {
            low.trim().parse().ok().zip(high.trim().parse().ok())
        } else {
            None
        };
        let Some(bound) = bound else {
            break;
        };
        parts.push(rest[..open].to_string());
        bounds.push(bound);
        rest = &rest[close + 1..];
    }
    parts.push(rest.to_string());
    (parts, bounds)
}

/// The first place in `text` where the literal `parts` follow each other with a whole number
/// between each two, and those numbers.
fn find_template(text: &str, parts: &[&str]) -> Option<(usize, usize, Vec<u64>)> {
    let (first, others) = parts.split_first()?;
    if others.is_empty() {
        return None; // no `{n}`: nothing varies
    }
    (0..=text.len())
        .filter(|&start| text.is_char_boundary(start) && text[start..].starts_with(first))
        .find_map(|start| {
            let mut at = start + first.len();
            let mut figures = Vec::new();
            for part in others {
                let digits = text[at..].bytes().take_while(u8::is_ascii_digit).count();
                if digits == 0 || !text[at + digits..].starts_with(part) {
                    return None;
                }
                figures.push(text[at..at + digits].parse().unwrap_or(u64::MAX));
                at += digits + part.len();
            }
            Some((start, at, figures))
        })
}

/// When the exercise has an `expected.err`, the solution's report on stderr (a fault report, say)
/// is exactly that. Only the reference solution is held to it: its addresses are its own.
fn judge_expected_stderr(root: &Path, exercise: &Exercise, stderr: &str) -> Verdict {
    let file = exercise.path.join("expected.err");
    if !root.join(&file).is_file() {
        return Verdict::Pass;
    }
    judge_against_file(root, &file, &normalize_paths(stderr), "its stderr")
}

/// The solution's code, judged as a learner's: it keeps the starter's harness and uses nothing
/// the exercise forbids.
fn judge_solution_code(root: &Path, exercise: &Exercise) -> Verdict {
    let judged = crate::judge::judge_code(
        &crate::judge::Reference::working_tree(root),
        exercise,
        &exercise.solution_path,
    );
    if judged.refusals.is_empty() {
        return Verdict::Pass;
    }
    Verdict::Fail(format!(
        "the judge would refuse it as a learner's version:\n{}",
        judged
            .refusals
            .iter()
            .map(|r| format!("  - {}", r.0))
            .collect::<Vec<_>>()
            .join("\n")
    ))
}

/// `actual` is exactly what the checked-in `file` (relative to `root`) holds; with
/// `WORKBOOK_BLESS` set, the file is rewritten with it instead.
pub fn judge_against_file(root: &Path, file: &Path, actual: &str, what: &str) -> Verdict {
    let path = root.join(file);
    if std::env::var_os("WORKBOOK_BLESS").is_some() {
        return match std::fs::write(&path, actual) {
            Ok(()) => Verdict::Pass,
            Err(e) => Verdict::Fail(format!("cannot write {}: {e}", path.display())),
        };
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    match first_difference(&expected, actual) {
        None => Verdict::Pass,
        Some(difference) => Verdict::Fail(format!(
            "{what}: not what {} holds (WORKBOOK_BLESS=1 rewrites it): {difference}",
            file.display()
        )),
    }
}

/// For `verify --release` of an exercise whose output is the dev profile's: it still runs to its
/// exit code.
fn judge_exit_only(run: Result<Run, Problem>, exit_code: i32) -> Verdict {
    match run {
        Err(p) => Verdict::Fail(p.0),
        Ok(run) if run.ending == Ending::Exited(exit_code) => Verdict::Pass,
        Ok(run) => Verdict::Fail(format!(
            "expected exit {exit_code}; {}",
            describe_ending(run.ending, &run)
        )),
    }
}

/// The sizes of the symbols the metadata names, one line each, as `sizes.expected` holds them.
pub fn symbol_sizes(exercise: &Exercise, elf: &Path) -> Result<String, Problem> {
    let mut lines: Vec<String> = size::symbols(elf)?
        .into_iter()
        .filter_map(|symbol| {
            // The crate's name differs between starter and solution: keep the function's.
            let last = symbol.name.rsplit("::").next().unwrap_or(&symbol.name);
            exercise
                .meta
                .sizes
                .iter()
                .any(|wanted| wanted == last)
                .then(|| format!("{last:<24} {:>6} bytes", symbol.size))
        })
        .collect();
    lines.sort();
    Ok(lines.iter().map(|l| format!("{l}\n")).collect())
}

/// The symbols named in the metadata have the sizes `sizes.expected` says (`WORKBOOK_BLESS=1`
/// rewrites the file).
fn judge_sizes(root: &Path, exercise: &Exercise, elf: &Path) -> Verdict {
    match symbol_sizes(exercise, elf) {
        Ok(actual) => judge_against_file(
            root,
            &exercise.sizes_path(),
            &actual,
            &format!("the sizes of {}", exercise.meta.sizes.join(", ")),
        ),
        Err(p) => Verdict::Fail(p.0),
    }
}

/// The starter fails to compile with the declared error (its code, or for an error without a
/// code the declared text); with `only`, every error is that one.
fn judge_compile_failure(build: &firmware::PackageBuild, code: &str, only: bool) -> Verdict {
    if build.errors.is_empty() {
        return Verdict::Fail(format!(
            "is meant to fail to compile with {code}, but it compiles"
        ));
    }
    // A code (`E0382`, or a lint's name such as `unsafe_code`), or a message's text.
    let declared = |e: &&firmware::CompileError| {
        e.code.as_deref() == Some(code) || (!is_error_code(code) && e.message.contains(code))
    };
    if !only {
        return match build.errors.iter().find(declared) {
            Some(_) => Verdict::Pass,
            None => Verdict::Fail(format!(
                "is meant to fail with {code} among its errors, but the compiler says:\n{}",
                build.errors[0].rendered.trim_end()
            )),
        };
    }
    let others: Vec<&firmware::CompileError> =
        build.errors.iter().filter(|e| !declared(e)).collect();
    match others.first() {
        None => Verdict::Pass,
        Some(other) => Verdict::Fail(format!(
            "is meant to fail with {code} only, but the compiler also says {}: {}\n{}",
            other.code.as_deref().unwrap_or("(an error without a code)"),
            other.message,
            other.rendered.trim_end()
        )),
    }
}

/// The file beside a starter that holds what it says on stderr as the book shows it: its
/// compiler errors, or the report of its panic. It is optional: create it (empty) to have it
/// checked, then run verification with `WORKBOOK_BLESS=1` to fill it.
pub const STARTER_STDERR: &str = "starter.stderr";

/// A starter's errors, as rustc renders them, with the paths that differ between machines written
/// as `$RUST` (the toolchain's own sources) and `$CARGO_REGISTRY` (the crates' sources, under
/// Cargo's home).
pub fn rendered_errors(build: &firmware::PackageBuild) -> String {
    build
        .errors
        .iter()
        .map(|e| normalize_paths(&e.rendered))
        .collect()
}

fn normalize_paths(text: &str) -> String {
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let mut line = line.to_string();
        for (marker, name) in [
            ("/lib/rustlib/src/rust/", "$RUST/"),
            ("/rustc/", "$RUST/"),
            ("/registry/src/", "$CARGO_REGISTRY/"),
        ] {
            let Some(at) = line.find(marker) else {
                continue;
            };
            let start = line[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
            let mut end = at + marker.len();
            if marker != "/lib/rustlib/src/rust/" {
                // `/rustc/<commit>/library/…`, `/registry/src/index.crates.io-<hash>/<crate>/…`:
                // the commit and the index's hash go too.
                end += line[end..].find('/').map_or(0, |i| i + 1);
            }
            line.replace_range(start..end, name);
        }
        out.push_str(&line);
    }
    out
}

/// When the starter has a `starter.stderr`, what it says on stderr must be exactly that file's
/// text, toolchain paths written as `$RUST`: its compiler errors, or the report of its panic.
fn judge_starter_stderr(root: &Path, exercise: &Exercise, stderr: &str, what: &str) -> Verdict {
    let file = exercise.path.join(STARTER_STDERR);
    if !root.join(&file).is_file() {
        return Verdict::Pass;
    }
    judge_against_file(root, &file, &normalize_paths(stderr), what)
}

/// The starter panics with the declared message (the board's panic handler exits with 1).
pub fn judge_panic(run: Result<Run, Problem>, message: &str) -> Verdict {
    let run = match run {
        Ok(run) => run,
        Err(p) => return Verdict::Fail(p.0),
    };
    let panicked = run.stderr.contains("panicked at");
    match run.ending {
        Ending::Exited(1) if panicked && run.stderr.contains(message) => Verdict::Pass,
        Ending::Exited(1) if panicked => Verdict::Fail(format!(
            "is meant to panic with \"{message}\", but it panicked with:\n{}",
            run.stderr.trim_end()
        )),
        other => Verdict::Fail(format!(
            "is meant to panic with \"{message}\"; {}",
            describe_ending(other, &run)
        )),
    }
}

fn describe_ending(ending: Ending, run: &Run) -> String {
    let stderr = run.stderr.trim_end();
    let said = if stderr.is_empty() {
        String::new()
    } else {
        format!("; it said on stderr:\n{stderr}")
    };
    match ending {
        Ending::Exited(0) => format!(
            "instead it exited 0 (it passes) and printed:\n{}",
            run.stdout.trim_end()
        ),
        Ending::Exited(code) => format!("instead it exited {code}{said}"),
        Ending::TimedOut => format!("instead it timed out{said}"),
        Ending::NoQemu => "qemu-system-arm is not installed: run `cargo workbook doctor`".into(),
        Ending::Abnormal(code) => {
            format!("instead the runner ended abnormally (exit code {code:?}){said}")
        }
    }
}

/// `None` when equal; otherwise where they part, in words.
pub fn first_difference(expected: &str, actual: &str) -> Option<String> {
    if expected == actual {
        return None;
    }
    let mut expected_lines = expected.lines();
    let mut actual_lines = actual.lines();
    for line in 1.. {
        match (expected_lines.next(), actual_lines.next()) {
            (Some(e), Some(a)) if e == a => continue,
            (Some(e), Some(a)) => {
                return Some(format!(
                    "line {line}: expected\n    {e}\n  but got\n    {a}"
                ));
            }
            (Some(e), None) => {
                return Some(format!(
                    "line {line}: expected\n    {e}\n  but the output ended"
                ));
            }
            (None, Some(a)) => {
                return Some(format!(
                    "line {line}: the expected output ended, but got\n    {a}"
                ));
            }
            (None, None) => break,
        }
    }
    Some("they differ only in the final newline or in line endings".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varying_figures_are_hidden_and_nothing_else() {
        let vary = [
            "1000 + {n} events expected, {n} logged".to_string(),
            "record_frame: {n} instructions".to_string(),
        ];
        let hide = |text: &str| with_figures_hidden(text, &vary);
        assert_eq!(
            hide("critical section: 1000 + 41 events expected, 1041 logged, 0 lost"),
            "critical section: 1000 + {n} events expected, {n} logged, 0 lost"
        );
        assert_eq!(
            hide("critical section: 1000 + 36 events expected, 1036 logged, 0 lost"),
            hide("critical section: 1000 + 41 events expected, 1041 logged, 0 lost")
        );
        // What the lesson is about stays exact.
        assert_ne!(
            hide("critical section: 1000 + 36 events expected, 1030 logged, 6 lost"),
            hide("critical section: 1000 + 41 events expected, 1041 logged, 0 lost")
        );
        assert_eq!(
            hide("record_frame: 189 instructions\n"),
            "record_frame: {n} instructions\n"
        );
        // A number is needed where `{n}` is.
        assert_eq!(
            hide("record_frame: many instructions"),
            "record_frame: many instructions"
        );
        // A bounded figure is hidden only within its bounds.
        let bounded = ["stack: {n<=512} bytes, {n:2..=4} frames".to_string()];
        let hide = |text: &str| with_figures_hidden(text, &bounded);
        assert_eq!(hide("stack: 500 bytes, 3 frames"), bounded[0]);
        assert_eq!(hide("stack: 512 bytes, 2 frames"), bounded[0]);
        assert_eq!(
            hide("stack: 513 bytes, 3 frames"),
            "stack: 513 bytes, 3 frames"
        );
        assert_eq!(hide("stack: 5 bytes, 5 frames"), "stack: 5 bytes, 5 frames");
        let at_least = ["{n>=1} events".to_string()];
        assert_eq!(with_figures_hidden("0 events", &at_least), "0 events");
        assert_eq!(with_figures_hidden("7 events", &at_least), "{n>=1} events");
    }

    #[test]
    fn a_fault_report_is_compared_without_its_addresses() {
        let report =
            "  HFSR = 0x40000000\n  MMFAR = 0x200009f0\n  the stack pointer was 0x200009d8\n";
        let masked = with_addresses_masked(report);
        assert_eq!(
            masked,
            "  HFSR = 0x40000000\n  MMFAR = 0x…\n  the stack pointer was 0x…\n"
        );
        assert_eq!(
            masked,
            with_addresses_masked(&report.replace("0x200009f0", "0x20000a10"))
        );
        assert_ne!(
            masked,
            with_addresses_masked(&report.replace("0x40000000", "0x00000000"))
        );
    }

    #[test]
    fn a_learners_fault_report_must_be_the_expected_one_addresses_aside() {
        let exercise = Exercise {
            id: "mpu-guard".into(),
            number: (4, 2),
            chapter_folder: "04-stack".into(),
            path: "exercises/04-stack/02-mpu-guard".into(),
            solution_path: "solutions/04-stack/02-mpu-guard".into(),
            meta: crate::catalogue::parse_metadata(
                "[package]\nname = \"mpu-guard\"\n[package.metadata.workbook]\ntitle = \"t\"\nmachine = \"m\"\nminutes = 5\nstarter-fails = { panic = \"p\" }\nhint = \"h\"\nlearner-writes = []\nsolution-exit-code = 1\n",
                Path::new("Cargo.toml"),
            )
            .unwrap(),
        };
        let wanted = "HardFault\n  CFSR = 0x00000092\n  MMFAR = 0x200009f0\n";
        let ran = |stderr: &str| run(Ending::Exited(1), "ok\n", stderr);
        let judge = |stderr: &str| judge_learner_run(ran(stderr), "ok\n", Some(wanted), &exercise);
        assert_eq!(judge(wanted), Verdict::Pass);
        assert_eq!(
            judge(&wanted.replace("0x200009f0", "0x20000a00")),
            Verdict::Pass
        );
        // Another fault, or a report printed by hand without one, is not the lesson's.
        assert!(!judge(&wanted.replace("0x00000092", "0x00000082")).passed());
        assert!(!judge("").passed());
    }

    #[test]
    fn toolchain_paths_in_compiler_output_do_not_depend_on_the_machine() {
        let rendered = "note: found an item that was configured out\n  --> /root/.rustup/toolchains/1.95.0-x86_64-unknown-linux-gnu/lib/rustlib/src/rust/library/alloc/src/lib.rs:254:1\n  --> /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/ops.rs:3:1\n";
        assert_eq!(
            normalize_paths(rendered),
            "note: found an item that was configured out\n  --> $RUST/library/alloc/src/lib.rs:254:1\n  --> $RUST/library/core/src/ops.rs:3:1\n"
        );
    }

    #[test]
    fn crate_sources_in_a_panic_report_do_not_depend_on_cargo_home() {
        let report = "panicked at /home/ada/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/embassy-sync-0.8.0/src/blocking_mutex/raw.rs:120:13:\n";
        assert_eq!(
            normalize_paths(report),
            "panicked at $CARGO_REGISTRY/embassy-sync-0.8.0/src/blocking_mutex/raw.rs:120:13:\n"
        );
    }
    use std::time::Duration;

    fn run(ending: Ending, stdout: &str, stderr: &str) -> Result<Run, Problem> {
        Ok(Run {
            ending,
            stdout: stdout.into(),
            stderr: stderr.into(),
            elapsed: Duration::ZERO,
        })
    }

    #[test]
    fn a_solution_passes_only_with_exit_0_and_the_exact_output() {
        assert_eq!(
            judge_solution(run(Ending::Exited(0), "a\nb\n", ""), "a\nb\n", 0),
            Verdict::Pass
        );
        assert!(!judge_solution(run(Ending::Exited(0), "a\nc\n", ""), "a\nb\n", 0).passed());
        assert!(!judge_solution(run(Ending::Exited(0), "a\nb", ""), "a\nb\n", 0).passed());
        assert!(
            !judge_solution(
                run(Ending::Exited(1), "a\nb\n", "panicked at x"),
                "a\nb\n",
                0
            )
            .passed()
        );
        assert!(!judge_solution(run(Ending::TimedOut, "a\nb\n", ""), "a\nb\n", 0).passed());
    }

    #[test]
    fn a_solution_meant_to_fail_must_end_with_its_own_code() {
        let ends = |code| {
            run(
                Ending::Exited(code),
                "report\n",
                "panicked at src/main.rs:9:5",
            )
        };
        assert_eq!(judge_solution(ends(1), "report\n", 1), Verdict::Pass);
        assert!(!judge_solution(ends(0), "report\n", 1).passed());
        assert!(!judge_solution(ends(1), "other\n", 1).passed());
    }

    #[test]
    fn a_starter_must_panic_with_its_own_message() {
        let said = "panicked at src/main.rs:3:5:\nchecksum used 1100 bytes of stack";
        assert_eq!(
            judge_panic(run(Ending::Exited(1), "", said), "bytes of stack"),
            Verdict::Pass
        );
        assert!(!judge_panic(run(Ending::Exited(1), "", said), "clock is still on").passed());
        assert!(!judge_panic(run(Ending::Exited(0), "all good\n", ""), "bytes of stack").passed());
        assert!(
            !judge_panic(
                run(Ending::Exited(1), "", "HardFault: bytes of stack"),
                "bytes of stack"
            )
            .passed()
        );
        assert!(!judge_panic(run(Ending::TimedOut, "", ""), "bytes of stack").passed());
    }

    #[test]
    fn a_starter_must_fail_with_its_own_error_code_only() {
        let error = |code: &str| firmware::CompileError {
            code: Some(code.into()),
            message: "m".into(),
            rendered: "r".into(),
        };
        let build = |errors| firmware::PackageBuild {
            executable: None,
            errors,
            warnings: Vec::new(),
        };
        assert_eq!(
            judge_compile_failure(&build(vec![error("E0382")]), "E0382", true),
            Verdict::Pass
        );
        assert!(
            !judge_compile_failure(&build(vec![error("E0382"), error("E0425")]), "E0382", true)
                .passed()
        );
        assert!(!judge_compile_failure(&build(vec![error("E0499")]), "E0382", true).passed());
        let uncoded = |message: &str| firmware::CompileError {
            code: None,
            message: message.into(),
            rendered: "r".into(),
        };
        let missing = "`#[panic_handler]` function required, but not found";
        assert_eq!(
            judge_compile_failure(&build(vec![uncoded(missing)]), "function required", true),
            Verdict::Pass
        );
        assert!(
            !judge_compile_failure(
                &build(vec![uncoded(missing), uncoded("linking failed")]),
                "function required",
                true
            )
            .passed()
        );
        assert!(
            !judge_compile_failure(&build(vec![error("E0463")]), "function required", true)
                .passed()
        );
        assert!(!judge_compile_failure(&build(vec![]), "E0382", true).passed());
        // With a starter.stderr pinning every error, the declared one need only be among them.
        assert!(
            judge_compile_failure(
                &build(vec![error("E0463"), uncoded("prelude")]),
                "E0463",
                false
            )
            .passed()
        );
        assert!(!judge_compile_failure(&build(vec![error("E0425")]), "E0463", false).passed());
    }

    #[test]
    fn pairing_finds_missing_misnamed_and_orphan_solutions() {
        let root = std::env::temp_dir().join(format!("workbook-pairing-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let package = |dir: &str, name: &str, metadata: bool| {
            std::fs::create_dir_all(root.join(dir)).unwrap();
            let mut manifest = format!("[package]\nname = \"{name}\"\n");
            if metadata {
                manifest.push_str("[package.metadata.workbook]\ntitle = \"t\"\nmachine = \"m\"\nminutes = 5\nstarter-fails = { panic = \"p\" }\nhint = \"h\"\nlearner-writes = []\n");
            }
            std::fs::write(root.join(dir).join("Cargo.toml"), manifest).unwrap();
        };
        package("exercises/01-topic/01-first", "first", true);
        package("solutions/01-topic/01-first", "first-solved", false);
        package("exercises/01-topic/02-second", "second", true);
        package("solutions/01-topic/03-orphan", "orphan-solution", false);
        let (catalogue, problems) = Catalogue::load_lenient(&root);
        assert!(problems.is_empty(), "{problems:?}");
        let found = check_pairing(&root, &catalogue).join("\n");
        assert!(found.contains("must be \"first-solution\""), "{found}");
        assert!(found.contains("1.2 second: has no solution"), "{found}");
        assert!(
            found.contains("solutions/01-topic/03-orphan: a solution without an exercise"),
            "{found}"
        );
        assert_eq!(found.lines().count(), 3, "{found}");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn differences_are_located() {
        assert_eq!(first_difference("a\n", "a\n"), None);
        assert!(
            first_difference("a\nb\n", "a\nc\n")
                .unwrap()
                .starts_with("line 2")
        );
        assert!(
            first_difference("a\n", "a")
                .unwrap()
                .contains("final newline")
        );
    }
}
