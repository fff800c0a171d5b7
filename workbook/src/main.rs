//! `cargo workbook`: the learner's and the instructor's tool.
//!
//! Exit codes: 0 done, 1 a check or an exercise did not pass, 2 the request itself was wrong
//! (an unknown exercise, a bad option).

use clap::{Parser, Subcommand};
use std::{path::Path, process::ExitCode, time::Instant};
use workbook::{
    Problem,
    catalogue::{Catalogue, Exercise, StarterFailure},
    doctor, figures,
    firmware::{self, Ending},
    machines, progress,
    report::{self, bold, dim, green, red, yellow},
    size,
    verify::{self, Verdict},
};

#[derive(Parser)]
#[command(
    name = "cargo workbook",
    bin_name = "cargo workbook",
    about = "Trustworthy Embedded Rust: check your setup, see your progress, run exercises under QEMU.",
    after_help = "With no command: check the setup (installing what it can), then show progress and the next exercise."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Install missing tools without asking first.
    #[arg(long, global = true)]
    yes: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Show the chapters, the exercises and your progress.
    List,
    /// Build an exercise, run it under QEMU, compare its output with what is expected.
    Run {
        /// The exercise: its name (moved-packet), number (1.2) or folder.
        exercise: String,
        /// Build with the release profile (optimised for size, as the book's size figures are).
        #[arg(long)]
        release: bool,
    },
    /// Show an exercise's hint.
    Hint {
        /// The exercise: its name (moved-packet), number (1.2) or folder.
        exercise: String,
    },
    /// Check every exercise: solutions pass under QEMU, starters fail the way they are meant to.
    Verify {
        /// Build with the release profile.
        #[arg(long)]
        release: bool,
        /// Only exercises whose name contains this text, or one chapter by its folder (02-no-std).
        #[arg(long)]
        only: Option<String>,
    },
    /// Show where an exercise's bytes go: its sections in flash and RAM, and its biggest symbols.
    Size {
        /// The exercise: its name (moved-packet), number (1.2) or folder.
        exercise: String,
        /// Measure the solution rather than your version.
        #[arg(long)]
        solution: bool,
        /// Build with the release profile (optimised for size).
        #[arg(long)]
        release: bool,
        /// How many of the biggest symbols to list.
        #[arg(long, default_value_t = 10)]
        top: usize,
    },
    /// Check the setup (toolchain, targets, QEMU, mdBook) and say how to fix what is missing.
    Doctor,
    /// Draw the book's struct-layout figures from the `layout …` lines of the expected outputs.
    Figures {
        /// Change nothing: list the figures that are missing or out of date, and fail if any is.
        #[arg(long)]
        check: bool,
    },
}

fn main() -> ExitCode {
    die_quietly_on_closed_pipe();
    let cli = Cli::parse();
    let root = workbook::repository_root();
    let result = match cli.command {
        None => start(&root, cli.yes),
        Some(Command::List) => list(&root),
        Some(Command::Run { exercise, release }) => run(&root, &exercise, release),
        Some(Command::Hint { exercise }) => hint(&root, &exercise),
        Some(Command::Verify { release, only }) => verify(&root, release, only),
        Some(Command::Size {
            exercise,
            solution,
            release,
            top,
        }) => size_report(&root, &exercise, solution, release, top),
        Some(Command::Doctor) => Ok(outcome(doctor::doctor(&root, cli.yes, false))),
        Some(Command::Figures { check }) => draw_figures(&root, check),
    };
    match result {
        Ok(code) => code,
        Err(Failure::Usage(message)) => {
            eprintln!("{} {message}", red("error:"));
            ExitCode::from(2)
        }
        Err(Failure::Problem(problem)) => {
            eprintln!("{} {problem}", red("error:"));
            ExitCode::FAILURE
        }
    }
}

/// `cargo workbook list | head` should end quietly, as other command-line tools do, not with a
/// panic about a broken pipe (Rust ignores SIGPIPE by default).
fn die_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of one signal, before any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

enum Failure {
    /// The request was wrong: exit 2.
    Usage(String),
    /// Something in the way: exit 1.
    Problem(Problem),
}

impl From<Problem> for Failure {
    fn from(p: Problem) -> Self {
        Failure::Problem(p)
    }
}

fn outcome(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The learner's start: the setup, then where they are.
fn start(root: &Path, yes: bool) -> Result<ExitCode, Failure> {
    let ready = doctor::doctor(root, yes, true);
    if !ready {
        println!("\nFix what is missing above, then run `cargo workbook` again.");
        return Ok(ExitCode::FAILURE);
    }
    println!(
        "{}",
        green("Setup: ok (`cargo workbook doctor` shows the details).")
    );
    println!();
    list(root)?;
    println!("\nRead the book alongside: `mdbook serve --open` (at the repository's root).");
    Ok(ExitCode::SUCCESS)
}

fn load_catalogue(root: &Path) -> Result<Catalogue, Failure> {
    Ok(Catalogue::load(root)?)
}

fn find<'c>(catalogue: &'c Catalogue, name: &str) -> Result<&'c Exercise, Failure> {
    catalogue.find(name).map_err(|suggestions| {
        let mut message = format!("there is no exercise called '{name}'.");
        if !suggestions.is_empty() {
            message.push_str(&format!(
                " Did you mean {}?",
                suggestions
                    .iter()
                    .map(|s| format!("'{s}'"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ));
        }
        message.push_str("\n`cargo workbook list` shows them all.");
        Failure::Usage(message)
    })
}

fn load_progress(root: &Path) -> progress::Progress {
    let (progress, warning) = progress::Progress::load(root);
    if let Some(warning) = warning {
        eprintln!("{} {warning}", yellow("warning:"));
    }
    progress
}

fn list(root: &Path) -> Result<ExitCode, Failure> {
    let catalogue = load_catalogue(root)?;
    let progress = load_progress(root);
    let next = catalogue
        .exercises()
        .find(|e| !progress.passed.contains(&e.id));
    for chapter in &catalogue.chapters {
        let total = chapter.exercises.len();
        let done = chapter
            .exercises
            .iter()
            .filter(|e| progress.passed.contains(&e.id))
            .count();
        // A chapter without exercises yet is planned: the book has its page, the tree its folder.
        let status = match (done * 10).checked_div(total) {
            None => dim("planned"),
            Some(filled) => format!(
                "[{}{}] {done}/{total}",
                "#".repeat(filled),
                "-".repeat(10 - filled)
            ),
        };
        println!(
            "{} {:<48} {status}",
            bold(&format!("{:>2}.", chapter.number)),
            chapter.title
        );
        for exercise in &chapter.exercises {
            let mark = if progress.passed.contains(&exercise.id) {
                green("done")
            } else if next.is_some_and(|n| n.id == exercise.id) {
                yellow("next")
            } else {
                "    ".into()
            };
            println!(
                "    {mark} {:<28} {} ({} min)",
                exercise.label(),
                exercise.meta.title,
                exercise.meta.minutes
            );
        }
    }
    match next {
        Some(exercise) => println!(
            "\nNext: {} {}, in {}\n  cargo workbook run {}",
            exercise.label(),
            bold(&exercise.meta.title),
            exercise.path.display(),
            exercise.id
        ),
        None => println!(
            "\n{}",
            green("Every exercise written so far passes. Well done.")
        ),
    }
    Ok(ExitCode::SUCCESS)
}

fn draw_figures(root: &Path, check: bool) -> Result<ExitCode, Failure> {
    let figures = figures::figures(root)?;
    let stale = figures::stale(root, &figures);
    if check {
        for path in &stale {
            println!("{} {}", red("out of date:"), path.display());
        }
        println!(
            "{} figures, {} out of date{}",
            figures.len(),
            stale.len(),
            if stale.is_empty() {
                ""
            } else {
                " (`cargo workbook figures` redraws them)"
            }
        );
        return Ok(if stale.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    for figure in figures.iter().filter(|f| stale.contains(&f.path)) {
        std::fs::write(root.join(&figure.path), figures::svg(&figure.layout))
            .map_err(|e| Problem(format!("cannot write {}: {e}", figure.path.display())))?;
        println!(
            "{} {}  {}",
            green("drew"),
            figure.path.display(),
            dim(&format!("(from {})", figure.source.display()))
        );
    }
    println!("{} figures, {} redrawn", figures.len(), stale.len());
    Ok(ExitCode::SUCCESS)
}

fn hint(root: &Path, name: &str) -> Result<ExitCode, Failure> {
    let catalogue = load_catalogue(root)?;
    let exercise = find(&catalogue, name)?;
    println!(
        "{} {}\n",
        bold(&format!("Hint for {}:", exercise.label())),
        exercise.meta.title
    );
    println!("{}", exercise.meta.hint.trim_end());
    Ok(ExitCode::SUCCESS)
}

/// Builds one package in `folder` for `machine`, as `cargo run` there would, and prints the
/// compiler's errors, if any, as rustc renders them.
fn build_one(
    root: &Path,
    machine: &machines::Machine,
    folder: &Path,
    package: &str,
    release: bool,
) -> Result<firmware::PackageBuild, Failure> {
    let build = firmware::build(
        &firmware::build_dir(root, folder),
        &machine.target,
        &[package.to_string()],
        release,
        report::fancy(),
        |_| {},
    )?;
    let built = build.packages.get(package).cloned().unwrap_or_default();
    for error in &built.errors {
        eprint!("{}", error.rendered);
    }
    Ok(built)
}

/// The ELF of a package that built without errors.
fn executable(built: firmware::PackageBuild) -> Result<std::path::PathBuf, Failure> {
    built.executable.ok_or_else(|| {
        Failure::Problem(Problem(
            "cargo built no executable for this exercise".into(),
        ))
    })
}

fn size_report(
    root: &Path,
    name: &str,
    solution: bool,
    release: bool,
    top: usize,
) -> Result<ExitCode, Failure> {
    let catalogue = load_catalogue(root)?;
    let exercise = find(&catalogue, name)?;
    let machine = machines::find(root, &exercise.meta.machine)?;
    let (folder, package) = if solution {
        (&exercise.solution_path, exercise.solution_package())
    } else {
        (&exercise.path, exercise.id.clone())
    };
    let llvm_size = size::llvm_tool(root, "llvm-size")?;
    let llvm_nm = size::llvm_tool(root, "llvm-nm")?;
    let built = build_one(root, &machine, folder, &package, release)?;
    if !built.errors.is_empty() {
        println!(
            "\n{} {} does not compile, so it has no size yet (the errors are above)",
            red("NO IMAGE"),
            folder.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    let elf = executable(built)?;
    let profile = if release { "release" } else { "dev" };
    println!(
        "{} {}  {}",
        bold(&exercise.label()),
        exercise.meta.title,
        dim(&format!(
            "({}, {profile} profile, {})",
            folder.display(),
            machine.name
        ))
    );

    let sections = size::sections(&llvm_size, &elf)?;
    let place = |address: u64| {
        if machine.flash.contains(&address) {
            "flash"
        } else if machine.ram.contains(&address) {
            "RAM"
        } else {
            "elsewhere"
        }
    };
    println!(
        "\n{}",
        bold(&format!(
            "{:<16} {:>12} {:>8}  {}",
            "section", "address", "bytes", "in"
        ))
    );
    for section in &sections {
        let mut where_ = place(section.address).to_string();
        if section.name == ".data" {
            where_.push_str(" (its initial values take as many bytes of flash)");
        }
        if section.name == ".uninit" {
            where_.push_str(" (never initialised at reset)");
        }
        println!(
            "{:<16} {:>#12x} {:>8}  {}",
            section.name, section.address, section.size, where_
        );
    }
    let footprint = size::footprint(&elf, machine.ram.clone())?;
    println!(
        "flash used: {} of {}; RAM used by statics: {} of {} (the stack has the rest)",
        size::human(footprint.flash),
        size::human(machine.flash.end - machine.flash.start),
        size::human(footprint.ram),
        size::human(machine.ram.end - machine.ram.start)
    );

    let symbols = size::biggest_symbols(&llvm_nm, &elf, top)?;
    println!(
        "\n{}",
        bold(&format!(
            "{:>8}  {:<14}  the {} biggest symbols",
            "bytes",
            "what",
            symbols.len()
        ))
    );
    for symbol in &symbols {
        println!(
            "{:>8}  {:<14}  {}",
            symbol.size,
            symbol.kind_in_words(),
            symbol.name
        );
    }
    println!(
        "\n{}",
        dim(&format!(
            "from: {} -A -d {elf}\n      {} --print-size --size-sort --radix=d --demangle {elf}",
            llvm_size.display(),
            llvm_nm.display(),
            elf = elf.display()
        ))
    );
    Ok(ExitCode::SUCCESS)
}

fn run(root: &Path, name: &str, release: bool) -> Result<ExitCode, Failure> {
    let catalogue = load_catalogue(root)?;
    let exercise = find(&catalogue, name)?;
    let machine = machines::find(root, &exercise.meta.machine)?;
    let started = Instant::now();
    println!(
        "{} {}  {}",
        bold(&exercise.label()),
        exercise.meta.title,
        dim(&format!(
            "({}, on {})",
            exercise.path.display(),
            machine.name
        ))
    );

    let built = build_one(root, &machine, &exercise.path, &exercise.id, release)?;
    if !built.errors.is_empty() {
        let codes: Vec<&str> = built
            .errors
            .iter()
            .filter_map(|e| e.code.as_deref())
            .collect();
        let lesson = match &exercise.meta.starter_fails {
            StarterFailure::CompileError(code)
                if codes.iter().all(|c| c == code) && !codes.is_empty() =>
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
            _ => "read the first error above: it names the line and usually the fix.".to_string(),
        };
        println!("\n{} it does not compile yet; {lesson}", red("NOT YET"));
        println!("Stuck? cargo workbook hint {}", exercise.id);
        return Ok(ExitCode::FAILURE);
    }
    let elf = executable(built)?;

    println!("{}", dim("---- program output ----"));
    let result = firmware::run(root, &machine.target, &elf, true)?;
    println!("{}", dim("------------------------"));
    let expected =
        std::fs::read_to_string(root.join(exercise.expected_output_path())).map_err(|e| {
            Problem(format!(
                "cannot read {}: {e}",
                exercise.expected_output_path().display()
            ))
        })?;
    let footprint = size::footprint(&elf, machine.ram.clone()).ok();
    let verdict = verify::judge_solution(
        Ok(result.clone()),
        &expected,
        exercise.meta.solution_exit_code,
    );
    match &verdict {
        Verdict::Pass => println!(
            "{} the output matches {}",
            green("PASS"),
            exercise.expected_output_path().display()
        ),
        Verdict::Fail(_) => match result.ending {
            Ending::NoQemu => println!(
                "{} qemu-system-arm is not installed: `cargo workbook doctor` says how to install it",
                red("NOT RUN")
            ),
            Ending::TimedOut => println!(
                "{} the program did not finish in time (see above)",
                red("NOT YET")
            ),
            Ending::Exited(code) if code == exercise.meta.solution_exit_code => println!(
                "{} it runs, but the output differs from {}: {}",
                red("NOT YET"),
                exercise.expected_output_path().display(),
                verify::first_difference(&expected, &result.stdout).unwrap_or_default()
            ),
            _ => println!("{} {}", red("NOT YET"), why_it_stopped(exercise, &result)),
        },
    }
    // An exercise with a library has unit tests too: the lesson's logic, checked on the host.
    let mut verdict = verdict;
    if firmware::has_host_tests(root, &exercise.path) {
        match firmware::run_host_tests(root, &exercise.path, &exercise.id) {
            Ok(()) => println!(
                "{} the unit tests in src/lib.rs pass on the host",
                green("PASS")
            ),
            Err(output) => {
                println!("{output}");
                println!(
                    "{} the unit tests in src/lib.rs fail on the host (above; run them alone with `cargo test --lib --target host-tuple` in {})",
                    red("NOT YET"),
                    exercise.path.display()
                );
                verdict = Verdict::Fail("host unit tests".into());
            }
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

    let mut progress = load_progress(root);
    if verdict.passed() {
        progress.passed.insert(exercise.id.clone());
        progress.save(root)?;
        match catalogue
            .exercises()
            .find(|e| !progress.passed.contains(&e.id))
        {
            Some(next) => println!(
                "Next: {} {}  ->  cargo workbook run {}",
                next.label(),
                next.meta.title,
                next.id
            ),
            None => println!("{}", green("That was the last exercise written so far.")),
        }
        Ok(ExitCode::SUCCESS)
    } else {
        println!("Stuck? cargo workbook hint {}", exercise.id);
        Ok(ExitCode::FAILURE)
    }
}

/// A failed run in words: the lesson's own panic, another panic, a fault.
fn why_it_stopped(exercise: &Exercise, result: &firmware::Run) -> String {
    let lesson = match &exercise.meta.starter_fails {
        StarterFailure::Panic(message) => Some(message.as_str()),
        StarterFailure::CompileError(_) => None,
    };
    if result.stderr.contains("panicked at") {
        match lesson {
            Some(message) if result.stderr.contains(message) => {
                "it panics the way the unsolved exercise does: the header of src/main.rs says what to change.".into()
            }
            _ => "it panicked: the message above says where and why.".into(),
        }
    } else if result.stderr.contains("HardFault") {
        "the processor faulted: the report above says which fault and where.".into()
    } else {
        "it stopped with a failure (see above).".into()
    }
}

fn verify(root: &Path, release: bool, only: Option<String>) -> Result<ExitCode, Failure> {
    let options = verify::Options { release, only };
    let mut bar = report::ProgressBar::new();
    let result = verify::verify(root, &options, &mut bar);
    bar.finish();
    let report = result?;
    report::print_verification(&report);
    Ok(outcome(report.passed()))
}
