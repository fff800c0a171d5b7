//! One run of one exercise as the learner sees it: build it for its machine, show the compiler's
//! errors in the words of the lesson, run it under QEMU, say whether its output is the expected
//! one, show its footprint, and record a pass in the progress file.
//!
//! `cargo workbook run` and the watch loop (`cargo workbook` with no command) both call [`run`].

use crate::{
    Problem,
    catalogue::{Catalogue, Exercise, StarterFailure},
    firmware::{self, Ending},
    judge, machines,
    progress::Progress,
    report::{self, bold, dim, green, red},
    size,
    verify::{self, Verdict},
};
use std::{
    io::{IsTerminal, Write},
    path::Path,
    time::Instant,
};

/// Prints a verdict line (`PASS …`, `NOT YET …`) wrapped to the loop's width, continued lines
/// indented under the verdict's text.
macro_rules! say {
    ($($arg:tt)*) => {
        println!("{}", report::wrap(&format!($($arg)*), report::WIDTH))
    };
}

/// Builds one package in `folder` for `machine`, as `cargo run` there would, and prints the
/// compiler's errors, if any, as rustc renders them.
pub fn build_one(
    root: &Path,
    machine: &machines::Machine,
    folder: &Path,
    package: &str,
    release: bool,
) -> Result<firmware::PackageBuild, Problem> {
    // On a terminal, a line that says what is building, replaced as each crate is done and
    // erased when the build ends, so that what follows starts on a clean line.
    let live = std::io::stdout().is_terminal();
    let status = |text: &str| {
        if live {
            print!("\r\x1b[K{}", dim(text));
            let _ = std::io::stdout().flush();
        }
    };
    status("building…");
    let mut done = 0;
    let build = firmware::build(
        &firmware::build_dir(root, folder),
        &machine.target,
        &[package.to_string()],
        release,
        report::fancy(),
        |name| {
            done += 1;
            if name != "build-script-build" {
                status(&format!("building… {done} crates ready, the last {name}"));
            }
        },
    );
    status("");
    let build = build?;
    let built = build.packages.get(package).cloned().unwrap_or_default();
    for warning in &built.warnings {
        eprint!("{warning}");
    }
    let links = built.errors.iter().any(verify::is_link_error);
    for error in built.errors.iter().filter(|e| !verify::is_link_error(e)) {
        eprint!("{}", error.rendered);
    }
    // The linker's own report is hundreds of lines of object files: its gist instead.
    if links {
        eprint!("{}", verify::link_report(&built));
    }
    Ok(built)
}

/// The ELF of a package that built without errors.
pub fn executable(built: firmware::PackageBuild) -> Result<std::path::PathBuf, Problem> {
    built
        .executable
        .ok_or_else(|| Problem("cargo built no executable for this exercise".into()))
}

/// Builds and runs the learner's version of `exercise`, prints what happened, and records a pass
/// in `progress` (saved). `Ok(true)` when it passed.
pub fn run(
    root: &Path,
    exercise: &Exercise,
    release: bool,
    progress: &mut Progress,
) -> Result<bool, Problem> {
    // The judge's files are the workbook's, not the learner's working copies.
    let (reference, warning) = judge::Reference::for_learner(root);
    if let Some(warning) = warning {
        println!("{}", dim(&warning));
    }
    let exercise = &reference.exercise(exercise)?;
    let judgement = judge::judge_sources(&reference, exercise, &exercise.path);
    for notice in &judgement.notices {
        println!("{}", dim(notice));
    }
    let machine = machines::find(root, &exercise.meta.machine)?;
    let started = Instant::now();
    let built = build_one(root, &machine, &exercise.path, &exercise.id, release)?;
    if !built.errors.is_empty() {
        let codes: Vec<&str> = built
            .errors
            .iter()
            .filter_map(|e| e.code.as_deref())
            .collect();
        let lesson = match &exercise.meta.starter_fails {
            StarterFailure::CompileError(code) if codes.contains(&code.as_str()) =>
            {
                format!(
                    "{code} is the error this exercise is about: read what the compiler says above, change the code, run again."
                )
            }
            StarterFailure::CompileError(text)
                if built.errors.iter().all(|e| e.message.contains(text.as_str())) =>
            {
                "that error is what this exercise is about: read what the compiler says above, change the code, run again.".to_string()
            }
            StarterFailure::LinkError(text)
                if built.errors.iter().all(|e| e.rendered.contains(text.as_str())) =>
            {
                format!(
                    "the linker says \"{text}\", which is what this exercise is about: the lines above name what is left to change."
                )
            }
            _ => "read the errors from the top: the first one is usually the one to fix, and the others may follow from it.".to_string(),
        };
        if built.errors.iter().all(verify::is_link_error) {
            say!(
                "\n{} it compiles, but does not link yet; {lesson}",
                red("NOT YET")
            );
        } else {
            say!("\n{} it does not compile yet; {lesson}", red("NOT YET"));
        }
        for refusal in &judgement.refusals {
            say!("  {} {}", red("-"), refusal.0);
        }
        let errors: Vec<(Option<&str>, &str)> = built
            .errors
            .iter()
            .map(|e| (e.code.as_deref(), e.message.as_str()))
            .collect();
        if let Some(pointer) = crate::atlas::pointer(root, &errors) {
            say!("{pointer}");
        }
        record(root, exercise, release, false, progress)?;
        return Ok(false);
    }
    let elf = executable(built)?;

    println!("{}", dim("---- program output ----"));
    let result = firmware::run(root, &machine.target, &elf, true)?;
    println!("{}", dim("------------------------"));
    let expected = reference.read_string(&exercise.expected_output_path())?;
    let footprint = size::footprint(&elf, machine.ram.clone()).ok();
    let expected_err = reference
        .read_string(&exercise.path.join("expected.err"))
        .ok();
    let mut verdict = verify::judge_learner_run(
        Ok(result.clone()),
        &expected,
        expected_err.as_deref(),
        exercise,
    );
    match &verdict {
        // The output alone does not pass a version that changed the harness or the lesson's rules.
        Verdict::Pass if !judgement.refusals.is_empty() => say!(
            "{} the output matches {}, but the judge refuses what the version does:",
            red("NOT YET"),
            exercise.expected_output_path().display()
        ),
        Verdict::Pass if result.stdout != expected => say!(
            "{} the output matches {}; some figures differ from the book's, where they may (they depend on how you wrote the code)",
            green("PASS"),
            exercise.expected_output_path().display()
        ),
        Verdict::Pass => say!(
            "{} the output matches {}",
            green("PASS"),
            exercise.expected_output_path().display()
        ),
        Verdict::Fail(why) => match result.ending {
            Ending::NoQemu => say!(
                "{} qemu-system-arm is not installed: `cargo workbook doctor` says how to install it",
                red("NOT RUN")
            ),
            Ending::TimedOut => say!(
                "{} the program did not finish in time (see above)",
                red("NOT YET")
            ),
            Ending::Exited(code) if code == exercise.meta.solution_exit_code => {
                match verify::first_difference(
                    &verify::with_figures_hidden(&expected, &exercise.meta.vary),
                    &verify::with_figures_hidden(&result.stdout, &exercise.meta.vary),
                ) {
                    Some(difference) => say!(
                        "{} it runs, but the output differs from {}: {difference}",
                        red("NOT YET"),
                        exercise.expected_output_path().display(),
                    ),
                    None => say!("{} {why}", red("NOT YET")),
                }
            }
            _ => say!("{} {}", red("NOT YET"), why_it_stopped(exercise, &result)),
        },
    }
    // An exercise with a library has unit tests too: the lesson's logic, checked on the host.
    if firmware::has_host_tests(root, &exercise.path) {
        match crate::checks::host_tests(root, &exercise.path, &exercise.id) {
            Ok(()) => say!(
                "{} the unit tests in src/lib.rs pass on the host",
                green("PASS")
            ),
            Err(output) => {
                println!("{output}");
                say!(
                    "{} the unit tests in src/lib.rs fail on the host (above; run them alone with `cargo test --lib --target host-tuple` in {})",
                    red("NOT YET"),
                    exercise.path.display()
                );
                verdict = Verdict::Fail("host unit tests".into());
            }
        }
    }
    // The checks the exercise asks for beyond the run: Clippy, Miri, coverage.
    if !exercise.meta.checks.is_empty() {
        match crate::checks::run(
            root,
            &exercise.path,
            &exercise.id,
            &machine.target,
            &exercise.meta,
        ) {
            Ok(()) => {
                let names: Vec<String> =
                    exercise.meta.checks.iter().map(|c| c.to_string()).collect();
                say!("{} {} passes", green("PASS"), names.join(", "));
            }
            Err(failure @ crate::checks::Failure::NotRun { .. }) => {
                say!("{} {}", red("NOT RUN"), failure.message());
                verdict = Verdict::Fail("a check could not run".into());
            }
            Err(failure) => {
                let message = failure.message();
                say!("{} {message}", red("NOT YET"));
                // A check that reports lints (Clippy's, by name) points at their entries too.
                let lints: Vec<(Option<&str>, &str)> = message
                    .split(|c: char| c.is_whitespace() || c == ',' || c == '`')
                    .map(|word| word.trim_end_matches(':'))
                    .filter(|word| crate::atlas::kind_of(word) == crate::atlas::Kind::Lint)
                    .map(|word| (Some(word), ""))
                    .collect();
                if let Some(pointer) = crate::atlas::pointer(root, &lints) {
                    say!("{pointer}");
                }
                verdict = Verdict::Fail("a check refuses it".into());
            }
        }
    }
    if !judgement.refusals.is_empty() {
        if verdict.passed() {
            verdict = Verdict::Fail("refused".into());
        } else {
            println!("{}", red("and the judge refuses what the version does:"));
        }
        for refusal in &judgement.refusals {
            say!("  {} {}", red("-"), refusal.0);
        }
        // A reset helps a learner who changed what the lesson rules out, not one who has not
        // changed the starter yet: its refusals are the lesson's subject.
        // Without git (not a clone) there is no starter to reset to.
        if crate::starter::exercise_changed(root, exercise) == Some(true) {
            say!(
                "{}",
                dim(&format!(
                    "(`cargo workbook reset {}` puts the whole starter back and keeps your version in .workbook/backups/)",
                    exercise.id
                ))
            );
        }
    }
    if let Some(f) = footprint {
        println!(
            "{}",
            dim(&format!(
                "flash {} of {}, static RAM {} of {} ({} profile); run {:.2} s, in all {:.2} s",
                size::human(f.flash),
                size::human(machine.flash.end - machine.flash.start),
                size::human(f.ram),
                size::human(machine.ram.end - machine.ram.start),
                if release { "release" } else { "dev" },
                result.elapsed.as_secs_f64(),
                started.elapsed().as_secs_f64()
            ))
        );
    }
    record(root, exercise, release, verdict.passed(), progress)?;
    Ok(verdict.passed())
}

/// Records a dev-profile run in the progress file: a pass marks the exercise done, a failure (the
/// learner broke it again, or reset it) undoes that. A release run records nothing: exercises are
/// judged as `cargo run` builds them, and the optimiser may remove exactly what a lesson is about
/// (the copy of exercise 1.3, for one), so a release run may pass an unsolved starter.
fn record(
    root: &Path,
    exercise: &Exercise,
    release: bool,
    passed: bool,
    progress: &mut Progress,
) -> Result<(), Problem> {
    if release {
        println!(
            "{}",
            dim(
                "(a release build: not recorded in your progress, which counts dev-profile runs, as `cargo run` builds them)"
            )
        );
        return Ok(());
    }
    // A pass is kept: a later run that fails (the learner trying something after passing, or
    // opening a done exercise in the loop) does not make the exercise not done again. Only
    // `reset`, which puts the starter back, takes it away.
    if passed && progress.passed.insert(exercise.id.clone()) {
        progress.save(root)?;
    }
    Ok(())
}

/// The first exercise after `current`, in book order, that has not passed; else the first one
/// anywhere that has not; `None` when all have.
pub fn next_exercise<'c>(
    catalogue: &'c Catalogue,
    progress: &Progress,
    current: Option<&str>,
) -> Option<&'c Exercise> {
    let all: Vec<&Exercise> = catalogue.exercises().collect();
    let start = current
        .and_then(|id| all.iter().position(|e| e.id == id))
        .map_or(0, |i| i + 1);
    all[start..]
        .iter()
        .chain(all[..start].iter())
        .find(|e| !progress.passed.contains(&e.id))
        .copied()
}

/// The exercise's hint, under a line that names it.
pub fn print_hint(exercise: &Exercise) {
    println!(
        "{} {}\n",
        bold(&format!("Hint for {}:", exercise.label())),
        exercise.meta.title
    );
    println!("{}", exercise.meta.hint.trim_end());
}

/// A failed run in words: the lesson's own panic, another panic, a fault.
fn why_it_stopped(exercise: &Exercise, result: &firmware::Run) -> String {
    let lesson = match &exercise.meta.starter_fails {
        StarterFailure::Panic(message) => Some(message.as_str()),
        _ => None,
    };
    if result.stderr.contains("panicked at") {
        match lesson {
            Some(message) if result.stderr.contains(message) => {
                "it still fails the exercise's own check (the panic above, as the unsolved version does): the header of src/main.rs says what the check wants.".into()
            }
            _ => "it panicked: the message above says where and why.".into(),
        }
    } else if result.stderr.contains("HardFault") {
        "the processor faulted: the report above says which fault and where.".into()
    } else {
        "it stopped with a failure (see above).".into()
    }
}
