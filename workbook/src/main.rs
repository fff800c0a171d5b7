//! `cargo workbook`: the learner's and the instructor's tool.
//!
//! Exit codes: 0 done, 1 a check or an exercise did not pass, 2 the request itself was wrong
//! (an unknown exercise, a bad option).

use clap::{Parser, Subcommand};
use std::{path::Path, process::ExitCode};
use workbook::{
    Problem, atlas,
    catalogue::{Catalogue, Exercise},
    doctor, figures, learner, machines, progress,
    report::{self, bold, dim, green, red, yellow},
    size, starter, trace, verify, watch,
};

#[derive(Parser)]
#[command(
    name = "cargo workbook",
    bin_name = "cargo workbook",
    about = "Trustworthy Embedded Rust: check your setup, see your progress, run exercises under QEMU.",
    after_help = "With no command: check the setup (installing what it can), then the loop: your current exercise, run again under QEMU each time you save it. Keys: h hint, l list, n next exercise, r run again, q quit."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Install missing tools without asking first.
    #[arg(long, global = true)]
    yes: bool,
    /// In the loop, run again when a key is pressed (r or Enter) instead of on every save: for
    /// folders whose changes cannot be watched (WSL's Windows drives, network shares).
    #[arg(long, global = true)]
    manual: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Show the chapters, the exercises and your progress.
    List,
    /// The loop (what `cargo workbook` alone starts), on a given exercise.
    Watch {
        /// The exercise: its name (moved-packet), number (1.2) or folder. Your current one if left out.
        exercise: Option<String>,
    },
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
    /// Put an exercise's starter back, keeping your version as a backup (it says where).
    Reset {
        /// The exercise: its name (moved-packet), number (1.2) or folder.
        exercise: String,
        /// The git commit or branch whose starter to restore [default: the last commit taken
        /// from the workbook's upstream branch, or HEAD without one].
        #[arg(long)]
        from: Option<String>,
    },
    /// Show an exercise's solution, once your version passes.
    Solution {
        /// The exercise: its name (moved-packet), number (1.2) or folder.
        exercise: String,
        /// Show it even though your version has not passed yet.
        #[arg(long)]
        force: bool,
    },
    /// The answer key: what each solution changes in its starter, as a diff (for instructors).
    Answers {
        /// One exercise (moved-packet, 1.2) or one chapter (01-ownership); all when left out.
        only: Option<String>,
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
    /// Explain a compiler error or lint with the atlas's entry: a firmware example, rustc's
    /// output, the bug it prevents in C, and the fix.
    Explain {
        /// The error code (E0382, e0382, 0382) or the lint's name (static_mut_refs).
        code: String,
    },
    /// Check the setup (toolchain, targets, QEMU, mdBook) and say how to fix what is missing.
    Doctor,
    /// Draw the book's struct-layout figures from the `layout …` lines of the expected outputs.
    Figures {
        /// Change nothing: list the figures that are missing or out of date, and fail if any is.
        #[arg(long)]
        check: bool,
    },
    /// Write the book's traceability page: objectives to exercises, exercises to their checks.
    #[command(
        long_about = "Write the book's traceability page, chapters/appendix/traceability.md: \
            each chapter's objectives (the bullets under \"What you will be able to do\" on its \
            first page), the exercises and compile-fail cases that practise each, and the checks \
            that verify each exercise, all read from the tree. Then list the gaps the test suite \
            fails on: an objective that nothing practises and no reason excuses, an exercise or \
            case that practises none, a number that names no objective."
    )]
    Trace {
        /// Change nothing: say whether the page is out of date and list the gaps; fail if the
        /// page is out of date or anything is missing.
        #[arg(long)]
        check: bool,
    },
    /// Write the book's page of every exercise's flash and RAM, release and dev
    /// (chapters/appendix/footprint.md), building what it measures.
    Footprint {
        /// Change nothing: say whether the page is out of date; fail if it is, or if a solution
        /// is over 16 KiB of flash in the release profile.
        #[arg(long)]
        check: bool,
    },
}

fn main() -> ExitCode {
    die_quietly_on_closed_pipe();
    let cli = Cli::parse();
    let root = workbook::repository_root();
    let result = match cli.command {
        None => start(&root, cli.yes, cli.manual, None),
        Some(Command::Watch { exercise }) => start(&root, cli.yes, cli.manual, exercise.as_deref()),
        Some(Command::List) => list(&root),
        Some(Command::Run { exercise, release }) => run(&root, &exercise, release),
        Some(Command::Hint { exercise }) => hint(&root, &exercise),
        Some(Command::Reset { exercise, from }) => reset(&root, &exercise, from.as_deref()),
        Some(Command::Solution { exercise, force }) => solution(&root, &exercise, force),
        Some(Command::Answers { only }) => answers(&root, only.as_deref()),
        Some(Command::Verify { release, only }) => verify(&root, release, only),
        Some(Command::Size {
            exercise,
            solution,
            release,
            top,
        }) => size_report(&root, &exercise, solution, release, top),
        Some(Command::Explain { code }) => explain(&root, &code),
        Some(Command::Doctor) => Ok(outcome(doctor::doctor(&root, cli.yes, false))),
        Some(Command::Figures { check }) => draw_figures(&root, check),
        Some(Command::Trace { check }) => write_trace(&root, check),
        Some(Command::Footprint { check }) => workbook::footprint::command(&root, check)
            .map(outcome)
            .map_err(Failure::from),
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

/// The learner's start: the setup, then the loop on the current exercise.
fn start(
    root: &Path,
    yes: bool,
    manual: bool,
    exercise: Option<&str>,
) -> Result<ExitCode, Failure> {
    let catalogue = load_catalogue(root)?;
    // A mistyped exercise is said at once, not after the setup check.
    let chosen = exercise
        .map(|name| find(root, &catalogue, name).map(|e| e.id.clone()))
        .transpose()?;
    let ready = doctor::doctor(root, yes, true);
    if !ready {
        println!("\nFix what is missing above, then run `cargo workbook` again.");
        return Ok(ExitCode::FAILURE);
    }
    println!(
        "{}",
        green("Setup: ok (`cargo workbook doctor` shows the details).")
    );
    println!("Read the book alongside: `mdbook serve --open` (at the repository's root).\n");
    let mut progress = progress::load_or_rebuild(root, &catalogue);
    if chosen.is_some() {
        progress.current = chosen;
    }
    watch::watch(root, &catalogue, &mut progress, manual)?;
    Ok(ExitCode::SUCCESS)
}

fn load_catalogue(root: &Path) -> Result<Catalogue, Failure> {
    Ok(Catalogue::load(root)?)
}

fn find<'c>(root: &Path, catalogue: &'c Catalogue, name: &str) -> Result<&'c Exercise, Failure> {
    // A path that exists (`.` in an exercise's folder, `src/main.rs` in it) names the exercise
    // whose folder holds it.
    if let Ok(here) = std::fs::canonicalize(name) {
        let holding = catalogue.exercises().find(|e| {
            root.join(&e.path)
                .canonicalize()
                .is_ok_and(|folder| here.starts_with(folder))
        });
        if let Some(exercise) = holding {
            return Ok(exercise);
        }
    }
    catalogue
        .find(name)
        .map_err(|suggestions| unknown("exercise", name, &suggestions))
}

/// Exercises a command's selection names (see [`Catalogue::select`]), or a usage error.
fn select<'c>(catalogue: &'c Catalogue, text: &str) -> Result<Vec<&'c Exercise>, Failure> {
    catalogue
        .select(text)
        .map_err(|suggestions| unknown("exercise or chapter", text, &suggestions))
}

/// "There is no such exercise" (`what`: the kind of name that was asked for), with the closest.
fn unknown(what: &str, name: &str, suggestions: &[String]) -> Failure {
    let mut message = format!("there is no {what} called '{name}'.");
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
}

/// `cargo workbook explain E0382`: the atlas's entry, as the book shows it.
fn explain(root: &Path, code: &str) -> Result<ExitCode, Failure> {
    let entries = atlas::entries(root)?;
    if let Some(entry) = atlas::find(&entries, code) {
        print!("{}", atlas::render(root, entry));
        return Ok(ExitCode::SUCCESS);
    }
    let close = atlas::closest(&entries, code);
    let mut message = format!("the atlas has no entry for '{code}'.");
    if !close.is_empty() {
        message.push_str(&format!(" Did you mean {}?", close.join(" or ")));
    }
    message.push_str(&format!(
        "\nIt has {} entries, listed in {}/index.md.\n`rustc --explain <code>` has the \
         compiler's own text for every error code.",
        entries.len(),
        atlas::FOLDER
    ));
    Err(Failure::Usage(message))
}

fn list(root: &Path) -> Result<ExitCode, Failure> {
    let catalogue = load_catalogue(root)?;
    let progress = progress::load_or_rebuild(root, &catalogue);
    let next = learner::next_exercise(&catalogue, &progress, None);
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

fn write_trace(root: &Path, check: bool) -> Result<ExitCode, Failure> {
    let catalogue = load_catalogue(root)?;
    let traced = trace::read(root, &catalogue)?;
    let wanted = trace::page(&traced);
    let stale = trace::stale_sections(&trace::current_page(root), &wanted);
    let mut gaps = trace::practice_gaps(&traced);
    gaps.extend(trace::unserved(&traced));
    gaps.extend(trace::out_of_range(&traced));
    if check {
        if !stale.is_empty() {
            println!(
                "{} {}, in: {}",
                red("out of date:"),
                trace::PAGE,
                stale.join("; ")
            );
        }
    } else if !stale.is_empty() {
        std::fs::write(trace::page_path(root), &wanted)
            .map_err(|e| Problem(format!("cannot write {}: {e}", trace::PAGE)))?;
        println!(
            "{} {} (changed: {})",
            green("wrote"),
            trace::PAGE,
            stale.join("; ")
        );
    }
    for gap in &gaps {
        println!("{} {gap}", red("gap:"));
    }
    let objectives: usize = traced.chapters.iter().map(|c| c.objectives.len()).sum();
    let cases: usize = traced.chapters.iter().map(|c| c.cases.len()).sum();
    println!(
        "{objectives} objectives, {} exercises, {cases} compile-fail cases; {}, {} gap{}{}",
        catalogue.exercises().count(),
        match (stale.is_empty(), check) {
            (true, _) => "the page is up to date",
            (false, true) => "the page is out of date (`cargo workbook trace` rewrites it)",
            (false, false) => "the page is rewritten",
        },
        gaps.len(),
        if gaps.len() == 1 { "" } else { "s" },
        if gaps.is_empty() {
            ""
        } else {
            " (each says what to change)"
        }
    );
    Ok(outcome(gaps.is_empty() && (stale.is_empty() || !check)))
}

fn hint(root: &Path, name: &str) -> Result<ExitCode, Failure> {
    let catalogue = load_catalogue(root)?;
    learner::print_hint(find(root, &catalogue, name)?);
    Ok(ExitCode::SUCCESS)
}

fn size_report(
    root: &Path,
    name: &str,
    solution: bool,
    release: bool,
    top: usize,
) -> Result<ExitCode, Failure> {
    let catalogue = load_catalogue(root)?;
    let exercise = find(root, &catalogue, name)?;
    let machine = machines::find(root, &exercise.meta.machine)?;
    let (folder, package) = if solution {
        (&exercise.solution_path, exercise.solution_package())
    } else {
        (&exercise.path, exercise.id.clone())
    };
    let built = learner::build_one(root, &machine, folder, &package, release)?;
    if !built.errors.is_empty() {
        println!(
            "\n{} {} does not compile, so it has no size yet (the errors are above)",
            red("NO IMAGE"),
            folder.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    let elf = learner::executable(built)?;
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

    let sections = size::sections(&elf)?;
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

    let mut symbols = size::symbols(&elf)?;
    symbols.reverse();
    let biggest: Vec<_> = symbols.iter().take(top).collect();
    print_symbols(
        &format!("the {} biggest symbols", biggest.len()),
        &biggest,
        &sections,
    );
    // The statics apart: in a program with a heap of code they never make the list above, and
    // they are where a task pool, a queue or a buffer takes its RAM.
    let statics: Vec<_> = symbols
        .iter()
        .filter(|s| s.size > 0 && machine.ram.contains(&s.address))
        .take(top)
        .collect();
    if !statics.is_empty() {
        print_symbols(
            &format!("the {} biggest statics (RAM)", statics.len()),
            &statics,
            &sections,
        );
    }
    println!(
        "\n{}",
        dim(&format!(
            "read from {}'s section headers and symbol table (the toolchain's `llvm-size -A` and `llvm-nm --print-size --demangle` say the same)",
            elf.display()
        ))
    );
    Ok(ExitCode::SUCCESS)
}

/// A table of symbols under its title, for `size`.
fn print_symbols(title: &str, symbols: &[&size::Symbol], sections: &[size::Section]) {
    println!(
        "\n{}",
        bold(&format!("{:>8}  {:<15}  {title}", "bytes", "what"))
    );
    for symbol in symbols {
        println!(
            "{:>8}  {:<15}  {}",
            symbol.size,
            symbol.kind_in_words(sections),
            symbol.name
        );
    }
}

fn run(root: &Path, name: &str, release: bool) -> Result<ExitCode, Failure> {
    let catalogue = load_catalogue(root)?;
    let exercise = find(root, &catalogue, name)?;
    let mut progress = progress::load_or_rebuild(root, &catalogue);
    println!(
        "{}",
        report::wrap(
            &format!(
                "{} {}  {}",
                bold(&exercise.label()),
                exercise.meta.title,
                dim(&format!(
                    "({}, on {})",
                    exercise.path.display(),
                    exercise.meta.machine
                ))
            ),
            report::WIDTH
        )
    );
    let passed = learner::run(root, exercise, release, &mut progress)?;
    // The loop (`cargo workbook`) starts where the learner is: this exercise, or after it passes,
    // the next one.
    let next = learner::next_exercise(&catalogue, &progress, Some(&exercise.id));
    if !release {
        let here = match (passed, next) {
            (true, Some(next)) => next.id.clone(),
            _ => exercise.id.clone(),
        };
        if progress.current.as_deref() != Some(here.as_str()) {
            progress.current = Some(here);
            progress.save(root)?;
        }
    }
    if passed {
        if release {
            // Not recorded, so not a reason to move on: the dev build is the one that counts.
            return Ok(ExitCode::SUCCESS);
        }
        match next {
            Some(next) => println!(
                "Next: {} {}  ->  cargo workbook run {}",
                next.label(),
                next.meta.title,
                next.id
            ),
            None => println!("{}", green("Every exercise passes. Well done.")),
        }
        Ok(ExitCode::SUCCESS)
    } else {
        println!("Stuck? cargo workbook hint {}", exercise.id);
        Ok(ExitCode::FAILURE)
    }
}

fn reset(root: &Path, name: &str, from: Option<&str>) -> Result<ExitCode, Failure> {
    let catalogue = load_catalogue(root)?;
    let exercise = find(root, &catalogue, name)?;
    // What to give git, and how to name it: a commit by seven hex digits, not forty.
    let (from, label) = match from {
        Some(from) => (from.to_string(), from.to_string()),
        None => {
            let commit = starter::starter_commit(root)?;
            let label = match commit.get(..7) {
                Some(short) if commit.len() == 40 => format!("commit {short}"),
                _ => commit.clone(),
            };
            (commit, label)
        }
    };
    match starter::reset(root, exercise, &from)? {
        starter::Reset::AlreadyTheStarter => println!(
            "{} already holds the starter as git's {label} has it: nothing changed, nothing backed up.",
            exercise.path.display()
        ),
        starter::Reset::Done {
            backup,
            restored,
            removed,
        } => {
            println!(
                "{} {} is the starter again (from git's {label}).",
                green("Reset:"),
                exercise.path.display()
            );
            for path in &restored {
                println!("  restored  {}", path.display());
            }
            for path in &removed {
                println!("  removed   {}  (not in the starter)", path.display());
            }
            println!(
                "Your version, every file of it, is in {}\n  (compare: git diff --no-index {} {})",
                bold(&backup.display().to_string()),
                backup.display(),
                exercise.path.display()
            );
            let mut progress = progress::load_or_rebuild(root, &catalogue);
            if progress.passed.remove(&exercise.id) {
                progress.save(root)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn solution(root: &Path, name: &str, force: bool) -> Result<ExitCode, Failure> {
    let catalogue = load_catalogue(root)?;
    let exercise = find(root, &catalogue, name)?;
    let progress = progress::load_or_rebuild(root, &catalogue);
    if !force && !progress.passed.contains(&exercise.id) {
        eprintln!(
            "{} {} does not pass (its last run did not, or it has not run yet), so its solution \
             stays closed: solve it first (`cargo workbook run {id}`), try \
             `cargo workbook hint {id}`, or open it anyway with \
             `cargo workbook solution {id} --force`.",
            red("error:"),
            exercise.label(),
            id = exercise.id,
        );
        return Ok(ExitCode::FAILURE);
    }
    for path in starter::sources(root, &exercise.solution_path) {
        let file = exercise.solution_path.join(&path);
        let text = std::fs::read_to_string(root.join(&file))
            .map_err(|e| Problem(format!("cannot read {}: {e}", file.display())))?;
        println!("{}\n", bold(&format!("==> {} <==", file.display())));
        println!("{}\n", text.trim_end());
    }
    println!(
        "{}",
        dim(&format!(
            "What solving it changes: cargo workbook answers {}",
            exercise.id
        ))
    );
    Ok(ExitCode::SUCCESS)
}

/// The instructor's answer key: for each exercise, the diff from its starter to its solution.
fn answers(root: &Path, only: Option<&str>) -> Result<ExitCode, Failure> {
    let catalogue = load_catalogue(root)?;
    let chosen: Vec<&Exercise> = match only {
        Some(only) => select(&catalogue, only)?,
        None => catalogue.exercises().collect(),
    };
    for exercise in chosen {
        println!(
            "{} {}",
            bold(&format!("## {}", exercise.label())),
            exercise.meta.title
        );
        println!(
            "{}\n",
            dim(&format!(
                "the starter fails with: {}",
                exercise.meta.starter_fails
            ))
        );
        for line in starter::starter_to_solution(root, exercise).lines() {
            let shown = if line.starts_with("+++") || line.starts_with("---") {
                bold(line)
            } else if line.starts_with('+') {
                green(line)
            } else if line.starts_with('-') {
                red(line)
            } else if line.starts_with("@@") {
                dim(line)
            } else {
                line.to_string()
            };
            println!("{shown}");
        }
        println!();
    }
    Ok(ExitCode::SUCCESS)
}

fn verify(root: &Path, release: bool, only: Option<String>) -> Result<ExitCode, Failure> {
    if let Some(only) = &only {
        // A misspelt selection is a mistake to say, not "0 of 0 checks passed".
        select(&Catalogue::load_lenient(root).0, only)?;
    }
    let options = verify::Options { release, only };
    let mut bar = report::ProgressBar::new();
    let result = verify::verify(root, &options, &mut bar);
    bar.finish();
    let report = result?;
    report::print_verification(&report);
    Ok(outcome(report.passed()))
}
