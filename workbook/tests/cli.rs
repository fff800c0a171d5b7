//! `cargo workbook` as a learner meets it: bad input gets a clear message and exit 2, a starter
//! gets "not yet" with the lesson's error, a solved exercise passes and is remembered, a corrupt
//! progress file is set aside and progress rebuilt rather than crashing the tool, the loop re-runs
//! on a save and answers its keys, `reset` keeps a backup, and a solution opens once it is earned.

use std::{
    io::{Read, Write},
    path::{Path, PathBuf},
    process::{Child, Command, Output, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

fn workbook(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_workbook"))
        .args(args)
        .env("WORKBOOK_ROOT", root)
        .env("NO_COLOR", "1")
        .output()
        .expect("the workbook binary runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn real_root() -> PathBuf {
    workbook::repository_root()
}

#[test]
fn an_unknown_exercise_gets_a_suggestion_and_exit_2() {
    let output = workbook(&real_root(), &["hint", "moved-pakcet"]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    let said = text(&output);
    assert!(said.contains("no exercise called 'moved-pakcet'"), "{said}");
    assert!(said.contains("Did you mean 'moved-packet'"), "{said}");
    assert!(!said.contains("panicked"), "{said}");

    let output = workbook(&real_root(), &["run", "no-such-thing-at-all"]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));

    // Only the closest names are suggested, and nothing that is not close: one letter off
    // `latency-budget` is not also `flash-budget`, and `critcal-section` is no exercise's name.
    let said = text(&workbook(&real_root(), &["hint", "latency-buget"]));
    assert!(said.contains("Did you mean 'latency-budget'?"), "{said}");
    let said = text(&workbook(&real_root(), &["hint", "critcal-section"]));
    assert!(!said.contains("Did you mean"), "{said}");
}

#[test]
fn a_hint_is_found_by_name_and_by_number() {
    let by_name = workbook(&real_root(), &["hint", "moved-packet"]);
    let by_number = workbook(&real_root(), &["hint", "1.2"]);
    assert_eq!(by_name.status.code(), Some(0), "{}", text(&by_name));
    assert_eq!(by_name.stdout, by_number.stdout);
    assert!(text(&by_name).contains("Hint for 1.2 moved-packet"));
    // `.` in the exercise's folder names it too, as does a file in it.
    for here in [".", "src/main.rs"] {
        let by_place = Command::new(env!("CARGO_BIN_EXE_workbook"))
            .args(["hint", here])
            .current_dir(real_root().join("exercises/01-ownership/02-moved-packet"))
            .env("WORKBOOK_ROOT", real_root())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(
            by_place.stdout,
            by_name.stdout,
            "{here}: {}",
            text(&by_place)
        );
    }
}

#[test]
fn a_starter_is_not_yet_done_and_names_the_lessons_error() {
    // In a copy: `run` records where the learner is, and this repository's place is not ours.
    let copy = learner_copy("starter-e0382");
    let output = in_copy(&copy)
        .args(["run", "moved-packet"])
        .output()
        .unwrap();
    let said = text(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(said.contains("error[E0382]"), "{said}");
    assert!(said.contains("NOT YET"), "{said}");
    assert!(
        said.contains("E0382 is the error this exercise is about"),
        "{said}"
    );
    // The error it shows has an entry in the atlas, and the learner is told how to read it.
    let words = said.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("The atlas in the book explains E0382: `cargo workbook explain E0382`"),
        "{said}"
    );
    std::fs::remove_dir_all(&copy).unwrap();
}

#[test]
fn explain_prints_an_atlas_entry_whole_and_refuses_an_unknown_code() {
    let output = workbook(&real_root(), &["explain", "e0382"]);
    let said = text(&output);
    assert_eq!(output.status.code(), Some(0), "{said}");
    // The entry's parts, with the checked compiler output and the fix filled in from their files.
    assert!(said.starts_with("E0382: "), "{said}");
    for part in [
        "In firmware.",
        "What rustc says.",
        "In C.",
        "The fix.",
        "Taught in",
    ] {
        assert!(said.contains(part), "no {part}:\n{said}");
    }
    assert!(
        said.contains("error[E0382]: borrow of moved value"),
        "{said}"
    );
    assert!(said.contains("fn send(frame: &TxFrame)"), "{said}");
    assert!(said.contains("chapters/01-ownership/moves.md"), "{said}");
    assert!(!said.contains("{{#include"), "{said}");

    let output = workbook(&real_root(), &["explain", "E0383"]);
    let said = text(&output);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(
        said.contains("the atlas has no entry for 'E0383'"),
        "{said}"
    );
    assert!(said.contains("Did you mean E0382"), "{said}");
    assert!(said.contains("rustc --explain"), "{said}");
    assert!(!said.contains("panicked"), "{said}");
    // A lint is found however it is spelled, and a near miss gets the closest name.
    let output = workbook(&real_root(), &["explain", "indexing-slicing"]);
    assert!(
        text(&output).starts_with("clippy::indexing_slicing: "),
        "{}",
        text(&output)
    );
    let output = workbook(&real_root(), &["explain", "static-mut-ref"]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(
        text(&output).contains("Did you mean static_mut_refs?"),
        "{}",
        text(&output)
    );
}

/// A copy of the repository's sources (not its build output or progress) to play the learner in.
fn learner_copy(name: &str) -> PathBuf {
    // A place of its own for each test, the same on every run, and files copied with their
    // times: cargo then finds the copy's crates built by the last run (a copy at a new path, or
    // with new times, would rebuild the board crate and the exercise every time).
    // Outside the repository: cargo would merge its `.cargo/config.toml` into the copy's.
    let checkout = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        real_root().hash(&mut hasher);
        hasher.finish()
    };
    // In memory where the machine has a tmpfs for it: creating a file there costs a tenth of what
    // it costs on disk, and a copy is 800 files (and a git commit of them).
    let shm = Path::new("/dev/shm");
    let base = if shm.is_dir() && tempfile_works(shm) {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    };
    let copy = base
        .join(format!("workbook-cli-{checkout:016x}"))
        .join(name);
    let _ = std::fs::remove_dir_all(&copy);
    std::fs::create_dir_all(&copy).unwrap();
    for entry in std::fs::read_dir(real_root()).unwrap().flatten() {
        if ["target", ".git", "book", ".workbook"]
            .iter()
            .any(|skip| entry.file_name() == *skip)
        {
            continue;
        }
        let status = Command::new("cp")
            .arg("-R")
            .arg("-p")
            .arg(entry.path())
            .arg(&copy)
            .status()
            .unwrap();
        assert!(status.success());
    }
    // A commit of the starters, as a clone has: `reset` and the rebuilding of progress ask git.
    for args in [
        &["init", "--quiet"][..],
        &["add", "--all"],
        &[
            "-c",
            "user.name=workbook test",
            "-c",
            "user.email=test@example.invalid",
            "commit",
            "--quiet",
            "--no-gpg-sign",
            "--message=starters",
        ],
    ] {
        let status = Command::new("git")
            .args(args)
            .current_dir(&copy)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }
    copy
}

/// Whether a file can be created (and removed) in `dir`.
fn tempfile_works(dir: &Path) -> bool {
    let probe = dir.join(format!("workbook-cli-probe-{}", std::process::id()));
    let works = std::fs::write(&probe, b"").is_ok();
    let _ = std::fs::remove_file(&probe);
    works
}

/// Runs git in a learner's copy, as the test's own user.
fn git_in(copy: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=workbook test",
            "-c",
            "user.email=test@example.invalid",
        ])
        .args(args)
        .current_dir(copy)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// `workbook` in a learner's copy, with the build directory the copies share (their paths change,
/// the crates.io ones do not, so most of it is reused).
fn in_copy(copy: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_workbook"));
    command
        .env("WORKBOOK_ROOT", copy)
        .env("NO_COLOR", "1")
        .env("CARGO_TARGET_DIR", real_root().join("target/cli-test"));
    command
}

const MOVED_PACKET: &str = "exercises/01-ownership/02-moved-packet/src/main.rs";
const MOVED_PACKET_SOLVED: &str = "solutions/01-ownership/02-moved-packet/src/main.rs";

#[test]
fn a_solved_exercise_passes_and_progress_survives_corruption() {
    let copy = learner_copy("solved");
    let starter = std::fs::read(copy.join(MOVED_PACKET)).unwrap();
    std::fs::copy(copy.join(MOVED_PACKET_SOLVED), copy.join(MOVED_PACKET)).unwrap();
    let output = in_copy(&copy)
        .args(["run", "moved-packet"])
        .output()
        .unwrap();
    let said = text(&output);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert!(said.contains("PASS"), "{said}");
    assert!(said.contains("flash"), "{said}");
    let progress = std::fs::read_to_string(copy.join(".workbook/progress.toml")).unwrap();
    assert!(progress.contains("moved-packet"), "{progress}");
    // The loop starts where `run` left the learner: at the next exercise.
    assert!(
        progress.contains("current = \"frame-by-reference\""),
        "{progress}"
    );
    // A run that fails later (the starter's code back, as a learner trying something would
    // have it) leaves the pass recorded.
    std::fs::write(copy.join(MOVED_PACKET), &starter).unwrap();
    let again = in_copy(&copy)
        .args(["run", "moved-packet"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1), "{}", text(&again));
    let progress = std::fs::read_to_string(copy.join(".workbook/progress.toml")).unwrap();
    assert!(progress.contains("moved-packet"), "{progress}");
    std::fs::copy(copy.join(MOVED_PACKET_SOLVED), copy.join(MOVED_PACKET)).unwrap();

    // Corrupt, then missing: each time progress is rebuilt from the exercise that git sees
    // changed, which still passes, and nothing else is built.
    std::fs::write(copy.join(".workbook/progress.toml"), "passed = [\"half").unwrap();
    let output = in_copy(&copy).arg("list").output().unwrap();
    let said = text(&output);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert!(
        said.contains("could not be read") && said.contains("progress.toml.unreadable"),
        "{said}"
    );
    assert!(copy.join(".workbook/progress.toml.unreadable").is_file());
    assert!(
        said.contains("the exercises git sees changed: 1 to build"),
        "{said}"
    );
    assert!(said.contains("done 1.2 moved-packet"), "{said}");
    std::fs::remove_file(copy.join(".workbook/progress.toml")).unwrap();
    let output = in_copy(&copy).arg("list").output().unwrap();
    let said = text(&output);
    assert!(said.contains("done 1.2 moved-packet"), "{said}");
    assert!(!said.contains("done 1.1"), "{said}");
    std::fs::remove_dir_all(&copy).unwrap();
}

#[test]
fn work_the_learner_committed_is_still_the_learners() {
    // A clone's branch follows origin/main, where the starters are; the learner commits a solution.
    let copy = learner_copy("committed");
    git_in(&copy, &["branch", "--move", "--force", "main"]);
    git_in(
        &copy,
        &[
            "remote",
            "add",
            "origin",
            "https://example.invalid/workbook.git",
        ],
    );
    git_in(&copy, &["update-ref", "refs/remotes/origin/main", "HEAD"]);
    git_in(
        &copy,
        &["branch", "--quiet", "--set-upstream-to", "origin/main"],
    );
    std::fs::copy(copy.join(MOVED_PACKET_SOLVED), copy.join(MOVED_PACKET)).unwrap();
    git_in(
        &copy,
        &[
            "commit",
            "--quiet",
            "--no-gpg-sign",
            "--all",
            "--message=solved 1.2",
        ],
    );

    // No progress file: the rebuild still finds 1.2 changed, and passing.
    let output = in_copy(&copy).arg("list").output().unwrap();
    let said = text(&output);
    assert!(
        said.contains("the exercises git sees changed: 1 to build"),
        "{said}"
    );
    assert!(said.contains("done 1.2 moved-packet"), "{said}");

    // And reset takes the starter from where the branch left origin/main, not from HEAD.
    let solved = std::fs::read_to_string(copy.join(MOVED_PACKET)).unwrap();
    let output = in_copy(&copy).args(["reset", "1.2"]).output().unwrap();
    let said = text(&output);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert!(
        said.contains("is the starter again (from git's commit "),
        "{said}"
    );
    assert_ne!(
        std::fs::read_to_string(copy.join(MOVED_PACKET)).unwrap(),
        solved
    );
    std::fs::remove_dir_all(&copy).unwrap();
}

#[test]
fn a_panicking_starter_is_recognised_as_the_lessons_panic() {
    let copy = learner_copy("starter-panic");
    let output = in_copy(&copy).args(["run", "1.3"]).output().unwrap();
    let said = text(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(said.contains("bytes of stack; the budget is 512"), "{said}");
    assert!(
        said.contains("still fails the exercise's own check"),
        "{said}"
    );
    assert!(said.contains("static RAM"), "{said}");
    std::fs::remove_dir_all(&copy).unwrap();
}

#[test]
fn size_lists_sections_in_flash_and_ram_and_the_biggest_symbols() {
    let output = workbook(
        &real_root(),
        &["size", "where-things-live", "--solution", "--top", "40"],
    );
    let said = text(&output);
    assert_eq!(output.status.code(), Some(0), "{said}");
    let section = |name: &str| {
        said.lines()
            .find(|l| l.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no {name} line in:\n{said}"))
            .to_string()
    };
    assert!(section(".vector_table").ends_with("flash"), "{said}");
    assert!(section(".text").ends_with("flash"), "{said}");
    assert!(section(".data").contains("RAM"), "{said}");
    assert!(section(".bss").ends_with("RAM"), "{said}");
    // The program's own main, demangled and without its hash, is among the biggest symbols.
    let main = said
        .lines()
        .find(|l| l.ends_with("where_things_live_solution::__cortex_m_rt_main"))
        .unwrap_or_else(|| panic!("main is not listed:\n{said}"));
    assert!(main.contains("code"), "{main}");
    // Each listed symbol has a size, biggest first.
    let sizes: Vec<u64> = said
        .lines()
        .skip_while(|l| !l.contains("biggest symbols"))
        .skip(1)
        .map_while(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    assert_eq!(sizes.len(), 40, "{said}");
    assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
    // The statics have a table of their own, where the program's initialised static is named
    // with its section.
    let statics: Vec<&str> = said
        .lines()
        .skip_while(|l| !l.contains("biggest statics (RAM)"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(
        statics
            .iter()
            .any(|l| l.contains("static, .data")
                && l.ends_with("where_things_live_solution::BAUD_RATE")),
        "{said}"
    );
    assert!(statics.iter().all(|l| l.contains("static, .")), "{said}");
}

/// The loop as a learner drives it, through pipes: its output so far, and keys a line at a time.
struct Loop {
    child: Child,
    output: Arc<Mutex<String>>,
}

impl Loop {
    fn start(copy: &Path, args: &[&str]) -> Loop {
        let mut child = in_copy(copy)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let output = Arc::new(Mutex::new(String::new()));
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let output = Arc::clone(&output);
            std::thread::spawn(move || {
                let mut stream = stream;
                let mut chunk = [0u8; 4096];
                while let Ok(n @ 1..) = stream.read(&mut chunk) {
                    output
                        .lock()
                        .unwrap()
                        .push_str(&String::from_utf8_lossy(&chunk[..n]));
                }
            });
        }
        Loop { child, output }
    }

    /// Waits until `text` has appeared `count` times in the output, and returns the output.
    fn wait_for(&self, text: &str, count: usize) -> String {
        let deadline = Instant::now() + Duration::from_secs(300);
        loop {
            let said = self.output.lock().unwrap().clone();
            if said.matches(text).count() >= count {
                return said;
            }
            assert!(
                Instant::now() < deadline,
                "waited 300 s for {count} x {text:?}; the loop said:\n{said}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn press(&mut self, key: &str) {
        writeln!(self.child.stdin.as_mut().unwrap(), "{key}").unwrap();
    }
}

#[test]
fn the_loop_runs_again_on_a_save_and_answers_its_keys() {
    let copy = learner_copy("loop");
    std::fs::create_dir_all(copy.join(".workbook")).unwrap();
    std::fs::write(
        copy.join(".workbook/progress.toml"),
        "passed = []\ncurrent = \"moved-packet\"\n",
    )
    .unwrap();
    let mut lp = Loop::start(&copy, &[]);
    let said = lp.wait_for("[watching for saves]", 1);
    assert!(said.contains("Exercise 1.2 moved-packet"), "{said}");
    assert!(
        said.contains("E0382 is the error this exercise is about"),
        "{said}"
    );
    // The chapters and the learner's place in them come first, above the run.
    const LEGEND: &str = "# done  - to do  > this one";
    let list_at = said
        .find(LEGEND)
        .unwrap_or_else(|| panic!("no list:\n{said}"));
    assert!(list_at < said.find("Exercise 1.2").unwrap(), "{said}");
    assert!(
        said.contains("1. Ownership, borrowing and lifetimes"),
        "{said}"
    );

    // A key that shows something does not run the exercise again.
    lp.press("h");
    lp.wait_for("Hint for 1.2 moved-packet", 1);
    lp.press("l");
    lp.wait_for(LEGEND, 2);
    lp.press("x");
    let said_after = lp.wait_for("is not a key the loop knows", 1);
    assert_eq!(said_after.matches("Exercise 1.2").count(), 1, "{said}");

    // A save is seen, run, passes, and the next exercise is offered.
    std::fs::copy(copy.join(MOVED_PACKET_SOLVED), copy.join(MOVED_PACKET)).unwrap();
    let said = lp.wait_for("Press n for the next exercise, 1.3 frame-by-reference", 1);
    assert!(said.contains("PASS the output matches"), "{said}");
    assert!(said.contains("static RAM"), "{said}");
    // The offer of the next exercise fits the loop's 100 columns (its title made it 103).
    for line in said.lines().filter(|l| l.contains("Done!")) {
        let visible = line.split('\x1b').enumerate().map(|(i, piece)| match i {
            0 => piece.chars().count(),
            _ => piece.chars().skip_while(|&c| c != 'm').skip(1).count(),
        });
        assert!(visible.sum::<usize>() <= 100, "over 100 columns: {line}");
    }
    // The list marks the current exercise as done now, not as one still to do.
    lp.press("l");
    let said = lp.wait_for(LEGEND, 3);
    assert!(
        said.contains("1. Ownership, borrowing and lifetimes               -*----"),
        "{said}"
    );

    lp.press("n");
    let said = lp.wait_for("[watching for saves]", 3);
    assert!(said.contains("Exercise 1.3 frame-by-reference"), "{said}");
    lp.press("q");
    let status = lp.child.wait().unwrap();
    assert!(status.success(), "{}", lp.output.lock().unwrap());

    let progress = std::fs::read_to_string(copy.join(".workbook/progress.toml")).unwrap();
    assert!(progress.contains("\"moved-packet\""), "{progress}");
    assert!(
        progress.contains("current = \"frame-by-reference\""),
        "{progress}"
    );
    std::fs::remove_dir_all(&copy).unwrap();
}

#[test]
fn reset_restores_the_starter_and_keeps_the_learners_version() {
    let copy = learner_copy("reset");
    let starter = std::fs::read_to_string(copy.join(MOVED_PACKET)).unwrap();
    let mine = "// my attempt\n";
    std::fs::write(copy.join(MOVED_PACKET), mine).unwrap();
    let extra = copy.join("exercises/01-ownership/02-moved-packet/src/scratch.rs");
    std::fs::write(&extra, "// notes\n").unwrap();

    let output = in_copy(&copy).args(["reset", "1.2"]).output().unwrap();
    let said = text(&output);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert_eq!(
        std::fs::read_to_string(copy.join(MOVED_PACKET)).unwrap(),
        starter
    );
    assert!(!extra.exists(), "{said}");
    let backup = said
        .lines()
        .find_map(|l| l.strip_prefix("Your version, every file of it, is in "))
        .unwrap_or_else(|| panic!("no backup named in:\n{said}"));
    let backup = copy.join(backup);
    assert_eq!(
        std::fs::read_to_string(backup.join("src/main.rs")).unwrap(),
        mine
    );
    assert!(backup.join("src/scratch.rs").is_file(), "{said}");

    // Again: nothing to do, and nothing backed up.
    let output = in_copy(&copy).args(["reset", "1.2"]).output().unwrap();
    assert!(text(&output).contains("already holds the starter"));
    let backups = std::fs::read_dir(copy.join(".workbook/backups/moved-packet"))
        .unwrap()
        .count();
    assert_eq!(backups, 1);

    // Bad input: a clear sentence and a non-zero exit, never a panic.
    for (args, code, says) in [
        (
            &["reset", "moved-pakcet"][..],
            2,
            "Did you mean 'moved-packet'",
        ),
        (
            &["reset", "1.2", "--from", "no-such-branch"],
            1,
            "no commit or branch",
        ),
        (&["solution", "nope-nope"], 2, "no exercise called"),
        (
            &["answers", "99-nothing"],
            2,
            "no exercise or chapter called",
        ),
        (
            &["verify", "--only", "01-ownrship"],
            2,
            "Did you mean '01-ownership'",
        ),
    ] {
        let output = in_copy(&copy).args(args).output().unwrap();
        let said = text(&output);
        assert_eq!(output.status.code(), Some(code), "{args:?}: {said}");
        assert!(said.contains(says), "{args:?}: {said}");
        assert!(!said.contains("panicked"), "{args:?}: {said}");
    }
    std::fs::remove_dir_all(&copy).unwrap();
}

#[test]
fn a_solution_opens_once_its_exercise_passes_or_when_forced() {
    let copy = learner_copy("solution");
    let solution = std::fs::read_to_string(copy.join(MOVED_PACKET_SOLVED)).unwrap();
    let output = in_copy(&copy).args(["solution", "1.2"]).output().unwrap();
    let said = text(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(said.contains("does not pass"), "{said}");
    assert!(!said.contains("fn send(packet: &Packet)"), "{said}");

    let forced = in_copy(&copy)
        .args(["solution", "1.2", "--force"])
        .output()
        .unwrap();
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced));
    assert!(text(&forced).contains(solution.trim_end()));

    std::fs::create_dir_all(copy.join(".workbook")).unwrap();
    std::fs::write(
        copy.join(".workbook/progress.toml"),
        "passed = [\"moved-packet\"]\n",
    )
    .unwrap();
    let earned = in_copy(&copy).args(["solution", "1.2"]).output().unwrap();
    assert_eq!(earned.status.code(), Some(0), "{}", text(&earned));
    assert_eq!(earned.stdout, forced.stdout);
    std::fs::remove_dir_all(&copy).unwrap();
}

#[test]
fn a_refused_version_that_differs_from_the_starter_is_reminded_of_reset() {
    let copy = learner_copy("refused");
    // The solved version, with a function of its own that prints: printing is the harness's.
    let mut solved = std::fs::read_to_string(copy.join(MOVED_PACKET_SOLVED)).unwrap();
    solved.push_str(
        "\n#[allow(dead_code)]\nfn shout() {\n    cortex_m_semihosting::hprintln!(\"PASS\");\n}\n",
    );
    std::fs::write(copy.join(MOVED_PACKET), solved).unwrap();
    let output = in_copy(&copy)
        .args(["run", "moved-packet"])
        .output()
        .unwrap();
    let said = text(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    // Lines wrap at 100 columns: the words, in order.
    let words = said.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("printing belongs to the harness"), "{said}");
    assert!(
        words.contains("`cargo workbook reset moved-packet` puts the whole starter back"),
        "{said}"
    );
    std::fs::remove_dir_all(&copy).unwrap();
}

#[test]
fn the_answer_key_shows_what_each_solution_changes() {
    let output = workbook(&real_root(), &["answers", "01-ownership"]);
    let said = text(&output);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert_eq!(
        said.matches("\n## 1.").count() + usize::from(said.starts_with("## 1.")),
        6,
        "{said}"
    );
    assert!(
        said.contains("+++ solutions/01-ownership/02-moved-packet/src/main.rs"),
        "{said}"
    );
    assert!(said.contains("+fn send(packet: &Packet) {"), "{said}");
    assert!(said.contains("-fn send(packet: Packet) {"), "{said}");
}

#[test]
fn with_manual_a_key_runs_the_exercise_again_and_a_save_does_not() {
    let copy = learner_copy("manual");
    let mut lp = Loop::start(&copy, &["watch", "moved-packet", "--manual"]);
    let said = lp.wait_for("[press r or Enter to run again]", 1);
    assert!(said.contains("Exercise 1.2 moved-packet"), "{said}");
    std::fs::copy(copy.join(MOVED_PACKET_SOLVED), copy.join(MOVED_PACKET)).unwrap();
    // Several of the loop's looks go by: a watching loop would have started a run by now.
    std::thread::sleep(Duration::from_millis(1500));
    let said = lp.output.lock().unwrap().clone();
    assert_eq!(said.matches("Exercise 1.2").count(), 1, "{said}");
    lp.press("r");
    let said = lp.wait_for("[press r or Enter to run again]", 2);
    assert!(said.contains("PASS the output matches"), "{said}");
    lp.press("q");
    assert!(lp.child.wait().unwrap().success());
    std::fs::remove_dir_all(&copy).unwrap();
}

#[test]
fn the_judge_reads_its_files_from_the_workbooks_commit() {
    let copy = learner_copy("judge-files");
    // An unsolved starter, with the answer file and the metadata edited to fit what it does.
    let exercise = copy.join("exercises/01-ownership/01-where-things-live");
    std::fs::write(exercise.join("expected.out"), "").unwrap();
    let manifest = std::fs::read_to_string(exercise.join("Cargo.toml")).unwrap();
    std::fs::write(
        exercise.join("Cargo.toml"),
        manifest.replacen(
            "[package.metadata.workbook]\n",
            "[package.metadata.workbook]\nsolution-exit-code = 1\n",
            1,
        ),
    )
    .unwrap();
    let output = in_copy(&copy)
        .args(["run", "where-things-live"])
        .output()
        .unwrap();
    let said = text(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(said.contains("NOT YET"), "{said}");
    assert!(
        said.contains("expected.out is the workbook's: you changed it, so the judge uses the workbook's (`git checkout "),
        "{said}"
    );
    assert!(
        said.contains("the exercise's metadata is the workbook's"),
        "{said}"
    );

    // A solved exercise, with the runner changed: refused, the file named.
    std::fs::copy(copy.join(MOVED_PACKET_SOLVED), copy.join(MOVED_PACKET)).unwrap();
    let runner = copy.join("qemu/run");
    let script = std::fs::read_to_string(&runner).unwrap();
    std::fs::write(&runner, format!("{script}\n# tuned\n")).unwrap();
    let output = in_copy(&copy)
        .args(["run", "moved-packet"])
        .output()
        .unwrap();
    let said = text(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(
        said.contains("qemu/run is the workbook's and decides how every exercise builds and runs"),
        "{said}"
    );
    // Put back, it passes: nothing else held it back.
    std::fs::write(&runner, script).unwrap();
    let output = in_copy(&copy)
        .args(["run", "moved-packet"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let _ = std::fs::remove_dir_all(&copy);
}
