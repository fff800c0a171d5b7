//! The board and the runner keep their promises: a fault is reported in words (even after the
//! stack overflowed), and a program that never ends is stopped with a clear message.

use std::{path::PathBuf, process::Command};
use workbook::firmware::{self, Ending};

/// Builds one of qemu/board's examples for `target` and returns its ELF.
fn example(name: &str, target: &str, features: &[&str]) -> PathBuf {
    example_linked_by(name, target, features, None)
}

/// The same, linked by `linker` (flip-link) instead of the target's default. The image goes to a
/// target directory of its own, so it never replaces the normally linked one.
fn example_linked_by(name: &str, target: &str, features: &[&str], linker: Option<&str>) -> PathBuf {
    build(
        &["--package", "board", "--example", name],
        target,
        features,
        linker,
    )
    .join("examples")
    .join(name)
}

/// Builds one of the programs under qemu/demos/ (a package of its own) and returns its ELF.
fn demo(package: &str, target: &str, features: &[&str]) -> PathBuf {
    build(&["--package", package], target, features, None).join(package)
}

/// The same in the release profile, for a demo whose figures are those of an optimised build.
fn demo_release(package: &str, target: &str) -> PathBuf {
    let root = workbook::repository_root();
    let target_dir =
        std::env::var_os("CARGO_TARGET_DIR").map_or(root.join("target"), PathBuf::from);
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(&root)
        .args([
            "build",
            "--quiet",
            "--release",
            "--target",
            target,
            "--package",
            package,
        ])
        .status()
        .expect("cargo runs");
    assert!(
        status.success(),
        "building {package} for {target} (release) failed"
    );
    target_dir.join(target).join("release").join(package)
}

/// `cargo build` of what `what` selects; the folder its debug images are in.
fn build(what: &[&str], target: &str, features: &[&str], linker: Option<&str>) -> PathBuf {
    let root = workbook::repository_root();
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    let mut target_dir =
        std::env::var_os("CARGO_TARGET_DIR").map_or(root.join("target"), PathBuf::from);
    if let Some(linker) = linker {
        let variable = format!(
            "CARGO_TARGET_{}_LINKER",
            target.to_uppercase().replace(['-', '.'], "_")
        );
        cargo.env(variable, linker);
        target_dir = target_dir.join(format!("linked-by-{linker}"));
        cargo.env("CARGO_TARGET_DIR", &target_dir);
    }
    cargo
        .current_dir(&root)
        .args(["build", "--quiet", "--target", target])
        .args(what);
    for feature in features {
        cargo.args(["--features", feature]);
    }
    let status = cargo.status().expect("cargo runs");
    assert!(status.success(), "building {what:?} for {target} failed");
    target_dir.join(target).join("debug")
}

/// Runs `elf` under QEMU as `target`'s machine, through the bounded runner.
fn run_on(target: &str, elf: &std::path::Path) -> firmware::Run {
    firmware::run(&workbook::repository_root(), target, elf, false).unwrap()
}

/// `actual` is what the checked-in `file` (from the repository's root) holds, which the book
/// includes; `WORKBOOK_BLESS=1` rewrites the file instead.
fn matches_file(file: &str, actual: &str) {
    let verdict = workbook::verify::judge_against_file(
        &workbook::repository_root(),
        std::path::Path::new(file),
        actual,
        "the run's output",
    );
    assert!(verdict.passed(), "{verdict:?}");
}

#[test]
fn on_the_m3_an_unaligned_ldr_works_and_an_unaligned_ldrd_faults() {
    let elf = demo("unaligned-on-m3-demo", "thumbv7m-none-eabi", &[]);
    let run = run_on("thumbv7m-none-eabi", &elf);
    // The program exits 0 only from its after-fault handler, after the ldrd faulted.
    assert_eq!(run.ending, Ending::Exited(0), "{run:?}");
    assert!(run.stderr.contains("UNALIGNED"), "{run:?}");
    matches_file("qemu/demos/unaligned-on-m3/runs/m3.stdout", &run.stdout);
    matches_file("qemu/demos/unaligned-on-m3/runs/m3.stderr", &run.stderr);
}

#[test]
fn an_interrupt_pended_in_a_critical_section_waits_for_all_of_it() {
    let elf = demo("interrupt-wait-demo", "thumbv7m-none-eabi", &[]);
    let run = run_on("thumbv7m-none-eabi", &elf);
    assert_eq!(run.ending, Ending::Exited(0), "{run:?}");
    // Each line: the work done inside, and the wait; the wait is the work and a fixed cost.
    let pairs: Vec<(u32, u32)> = run
        .stdout
        .lines()
        .map(|line| {
            let numbers: Vec<u32> = line
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|n| n.parse().ok())
                .collect();
            // (`UART0` is a number too: the first and the last are the two counts.)
            (numbers[0], numbers[numbers.len() - 1])
        })
        .collect();
    assert_eq!(pairs.len(), 3, "{run:?}");
    let fixed: Vec<u32> = pairs
        .iter()
        .map(|(inside, waited)| waited - inside)
        .collect();
    assert!(fixed.windows(2).all(|w| w[0] == w[1]), "{pairs:?}");
    matches_file("qemu/demos/interrupt-wait/runs/dev.stdout", &run.stdout);
}

#[test]
fn painting_sees_only_the_commands_that_ran() {
    // Chapter 12's stack bound: the release build paints each command's stack use. The page
    // shows these figures beside the bound bench/stack-bound computes for the same build.
    let elf = demo_release("stack-bound-demo", "thumbv7m-none-eabi");
    let run = run_on("thumbv7m-none-eabi", &elf);
    assert_eq!(run.ending, Ending::Exited(0), "{run:?}");
    let used: Vec<u32> = run
        .stdout
        .lines()
        .filter_map(|line| line.split_whitespace().nth(2)?.parse().ok())
        .collect();
    // SetRate, ReadSensor, DumpLog: the service command is the deepest.
    assert!(
        used.len() == 3 && used[2] > used[1] && used[1] > used[0],
        "{run:?}"
    );
    matches_file("qemu/demos/stack-bound/runs/release.stdout", &run.stdout);
}

#[test]
fn one_sampling_job_three_ways_reports_the_same_and_waits_differently() {
    // Chapter 13's comparison: the same job as a superloop, in RTIC and on Embassy, built in the
    // release profile as bench/async-compare builds them. Each run is the same every time under
    // QEMU's instruction counting, so each is compared whole with the file its folder keeps.
    let mut reports = Vec::new();
    let mut to_filter = Vec::new();
    for folder in ["job-superloop", "job-rtic", "job-embassy"] {
        let elf = demo_release(&format!("{folder}-demo"), "thumbv7m-none-eabi");
        let run = run_on("thumbv7m-none-eabi", &elf);
        assert_eq!(run.ending, Ending::Exited(0), "{folder}: {run:?}");
        matches_file(
            &format!("qemu/demos/{folder}/runs/release.stdout"),
            &run.stdout,
        );
        let averages: Vec<&str> = run
            .stdout
            .lines()
            .filter(|line| line.starts_with("samples"))
            .collect();
        reports.push(averages.join("\n"));
        let (least, most) = run
            .stdout
            .lines()
            .find_map(|line| line.strip_prefix("timer to filter: "))
            .and_then(|rest| rest.strip_suffix(" instructions"))
            .and_then(|range| range.split_once(" to "))
            .and_then(|(least, most)| Some((least.parse().ok()?, most.parse().ok()?)))
            .unwrap_or_else(|| panic!("{folder} printed no latency to the filter: {run:?}"));
        to_filter.push((least, most));
    }
    // The same job: the same four averages in each.
    assert_eq!(reports[0].lines().count(), 4, "{reports:?}");
    assert!(reports.iter().all(|r| *r == reports[0]), "{reports:?}");
    // What the page says of the latencies: RTIC's task preempts the background, the superloop
    // waits for the block that is running, Embassy's task for up to one more.
    let [superloop, rtic, embassy]: [(u32, u32); 3] = to_filter.try_into().unwrap();
    assert!(
        rtic.1 < superloop.1 && superloop.1 < embassy.1,
        "{superloop:?} {rtic:?} {embassy:?}"
    );
}

#[test]
fn panic_semihosting_prints_then_stops_at_a_breakpoint_or_exits() {
    // Without its `exit` feature the handler ends in `bkpt`. No debugger is attached, so the
    // breakpoint escalates to HardFault, which the board reports (exit 1); with cortex-m-rt's
    // own HardFault handler, an endless loop, the run would hang instead.
    for (features, stdout, stderr) in [
        (
            &[][..],
            "qemu/demos/panic-semihosting/runs/default.stdout",
            Some("qemu/demos/panic-semihosting/runs/default.stderr"),
        ),
        (
            &["exit"],
            "qemu/demos/panic-semihosting/runs/exit.stdout",
            None,
        ),
    ] {
        let elf = demo("panic-semihosting-demo", "thumbv7m-none-eabi", features);
        let run = Command::new(workbook::repository_root().join("qemu/run"))
            .args(["thumbv7m-none-eabi"])
            .arg(&elf)
            .env("WORKBOOK_QEMU_TIMEOUT", "5")
            .output()
            .unwrap();
        let said = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
        assert_eq!(run.status.code(), Some(1), "{features:?}: {run:?}");
        matches_file(stdout, &said(&run.stdout));
        match stderr {
            Some(file) => matches_file(file, &said(&run.stderr)),
            None => assert_eq!(said(&run.stderr), "", "{features:?}"),
        }
    }
}

#[test]
fn a_stack_overflow_is_caught_and_reported_on_the_m33() {
    let elf = example("stack-overflow", "thumbv8m.main-none-eabi", &["set-msplim"]);
    let run = run_on("thumbv8m.main-none-eabi", &elf);
    assert_eq!(run.ending, Ending::Exited(1), "{run:?}");
    assert!(run.stdout.contains("descending"), "{run:?}");
    assert!(!run.stdout.contains("unreachable"), "{run:?}");
    assert!(run.stderr.contains("HardFault"), "{run:?}");
    assert!(run.stderr.contains("STKOF"), "{run:?}");
    assert!(run.stderr.contains("faulting pc is unknown"), "{run:?}");
}

#[test]
fn a_stack_overflow_on_the_m3_without_a_guard_goes_unnoticed_and_exits_0() {
    let elf = example("silent-overflow", "thumbv7m-none-eabi", &[]);
    let run = run_on("thumbv7m-none-eabi", &elf);
    assert_eq!(run.ending, Ending::Exited(0), "{run:?}");
    assert_eq!(run.stderr, "", "{run:?}");
    let mut lines = run.stdout.lines();
    // The recursion still computes the right answer...
    let answer = lines.next().unwrap_or_default();
    let (got, right) = answer
        .strip_prefix("the recursion returned ")
        .and_then(|rest| rest.strip_suffix(')'))
        .and_then(|rest| rest.split_once(" (right: "))
        .unwrap_or_else(|| panic!("{run:?}"));
    assert_eq!(got, right, "{run:?}");
    // ...while the words below the stack were overwritten.
    let damage = lines.next().unwrap_or_default();
    let overwritten: usize = damage
        .strip_prefix("SENSOR_LOG: ")
        .and_then(|rest| rest.split_once(" of 256 words overwritten"))
        .and_then(|(count, _)| count.parse().ok())
        .unwrap_or_else(|| panic!("{run:?}"));
    assert!((1..256).contains(&overwritten), "{run:?}");
    // What the book shows of the run: the same every time, under QEMU's instruction counting.
    matches_file("qemu/board/examples/silent-overflow.out", &run.stdout);
}

#[test]
fn a_stack_overflow_is_caught_and_reported_on_the_m0_linked_with_flip_link() {
    let elf = example_linked_by(
        "stack-overflow",
        "thumbv6m-none-eabi",
        &[],
        Some("flip-link"),
    );
    let run = run_on("thumbv6m-none-eabi", &elf);
    assert_eq!(run.ending, Ending::Exited(1), "{run:?}");
    assert!(run.stderr.contains("HardFault"), "{run:?}");
    // The chip's RAM starts at 0x2000_0000 even though flip-link moved the linker's RAM region.
    assert!(
        run.stderr
            .contains("outside RAM (0x20000000..0x20004000): the stack overflowed"),
        "{run:?}"
    );
}

#[test]
fn a_program_can_run_its_own_code_after_the_fault_report() {
    let elf = example("after-fault", "thumbv8m.main-none-eabi", &["set-msplim"]);
    let run = run_on("thumbv8m.main-none-eabi", &elf);
    assert_eq!(run.ending, Ending::Exited(0), "{run:?}");
    assert!(run.stderr.contains("STKOF"), "{run:?}");
    assert_eq!(
        run.stdout, "after the fault: stack overflowed = true\n",
        "{run:?}"
    );
}

#[test]
fn an_undefined_instruction_is_decoded_on_the_m3() {
    let elf = example("undefined-instruction", "thumbv7m-none-eabi", &[]);
    let run = run_on("thumbv7m-none-eabi", &elf);
    assert_eq!(run.ending, Ending::Exited(1), "{run:?}");
    assert!(run.stderr.contains("FORCED"), "{run:?}");
    assert!(run.stderr.contains("UNDEFINSTR"), "{run:?}");
    // The fault happens near the top of the stack: the report must read the pc from the frame
    // before its own locals overwrite it. A pc that is not in flash was read from garbage.
    let pc = run
        .stderr
        .split("pc = 0x")
        .nth(1)
        .and_then(|rest| u32::from_str_radix(&rest[..8], 16).ok())
        .expect("the report gives the faulting pc");
    assert!(pc < 0x0004_0000, "pc {pc:#x} is not in flash: {run:?}");
    assert!(
        run.stderr
            .contains("the faulting instruction is at pc = 0x"),
        "{run:?}"
    );
}

#[test]
fn a_hang_is_stopped_with_a_message() {
    let elf = example("hang", "thumbv7m-none-eabi", &[]);
    let run = Command::new(workbook::repository_root().join("qemu/run"))
        .args(["thumbv7m-none-eabi"])
        .arg(&elf)
        .env("WORKBOOK_QEMU_TIMEOUT", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(124), "{stderr}");
    assert!(stderr.contains("timed out after 1 s"), "{stderr}");
    assert!(
        !stderr.contains("terminating on signal"),
        "QEMU's own noise is filtered: {stderr}"
    );
}

#[test]
fn the_runner_refuses_an_unknown_target_and_a_missing_image() {
    let runner = workbook::repository_root().join("qemu/run");
    let unknown = Command::new(&runner)
        .args(["riscv32imac-unknown-none-elf", "/dev/null"])
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no machine under qemu/machines/"));
    let missing = Command::new(&runner)
        .args(["thumbv7m-none-eabi", "/nonexistent/firmware.elf"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn instructions_are_counted_one_by_one() {
    // board::timing turns SysTick ticks into instructions with qemu/run's `-icount shift`: if the
    // two disagree, or QEMU's SysTick changes its rate, 100 NOPs stop counting as 100.
    let elf = example("count-instructions", "thumbv7m-none-eabi", &[]);
    let run = run_on("thumbv7m-none-eabi", &elf);
    assert_eq!(run.ending, Ending::Exited(0), "{run:?}");
    assert_eq!(
        run.stdout,
        "100 nops: 100 instructions; 1000 nops: 1000 instructions\n".repeat(2),
        "{run:?}"
    );
}

/// Chapter 12's claims that panic-freedom is proven only by the build its exercise configures:
/// 12.1's solution, which links in its folder's dev profile (optimised, no debug assertions), does
/// not link unoptimised, nor with debug assertions on.
#[test]
fn a_panic_free_program_links_only_optimised_and_without_debug_assertions() {
    let root = workbook::repository_root();
    let folder = root.join("solutions/12-trustworthy-firmware/01-panic-free-parser");
    let build_dir = std::env::var_os("CARGO_TARGET_DIR").map_or(root.join("target"), PathBuf::from);
    for (setting, dir) in [
        ("profile.dev.opt-level=0", "unoptimised"),
        ("profile.dev.debug-assertions=true", "debug-assertions"),
    ] {
        let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .current_dir(&folder)
            .args(["build", "--quiet", "--config", setting])
            .env("CARGO_TARGET_DIR", build_dir.join(dir))
            .output()
            .expect("cargo runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success()
                && stderr.contains("your program contains at least one panicking branch"),
            "12.1's solution built with {setting} was expected not to link, for panic-never's reason; cargo said:\n{stderr}"
        );
    }
}

/// Chapter 12's overflow page: exercise 12.6's starter, built in the release profile (overflow
/// checks off), does not panic; its timeouts started near the wrap fire at once. The page includes
/// the output.
#[test]
fn the_wrapping_ticks_starter_fires_at_once_in_a_release_build() {
    let elf = demo_release("wrapping-ticks", "thumbv7m-none-eabi");
    let run = run_on("thumbv7m-none-eabi", &elf);
    assert_eq!(run.ending, Ending::Exited(0), "{run:?}");
    matches_file(
        "chapters/12-trustworthy-firmware/wrapping-ticks-release.out",
        &run.stdout,
    );
}

/// One of qemu/board's examples built optimised (release profile), for `target`.
fn example_release(name: &str, target: &str, features: &[&str]) -> PathBuf {
    let root = workbook::repository_root();
    let target_dir =
        std::env::var_os("CARGO_TARGET_DIR").map_or(root.join("target"), PathBuf::from);
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cargo.current_dir(&root).args([
        "build",
        "--quiet",
        "--release",
        "--target",
        target,
        "--package",
        "board",
        "--example",
        name,
    ]);
    for feature in features {
        cargo.args(["--features", feature]);
    }
    let status = cargo.status().expect("cargo runs");
    assert!(
        status.success(),
        "building example {name} for {target} (release) failed"
    );
    target_dir
        .join(target)
        .join("release")
        .join("examples")
        .join(name)
}

/// Chapter 13's time driver (the board's `embassy-time` feature): under QEMU's instruction
/// clock, a timer of n ms moves `Instant::now()` on by exactly n ms, a second task's timer wakes
/// it at its own deadline meanwhile, and a deadline already past wakes its task at once. The
/// time page includes the output.
#[test]
fn the_time_driver_wakes_each_timer_at_its_tick() {
    let elf = example_release("time-driver", "thumbv7m-none-eabi", &["embassy-time"]);
    let run = run_on("thumbv7m-none-eabi", &elf);
    assert_eq!(run.ending, Ending::Exited(0), "{run:?}");
    matches_file("qemu/board/examples/time-driver.out", &run.stdout);
}

/// Chapter 10's receive queue in a `static mut` at the top of `#[entry] fn main`: cortex-m-rt
/// turns it into a `&'static mut`, which the program uses with no `unsafe`; and the C habit,
/// `unsafe { &mut RX_QUEUE }` (its `habit` feature), is refused with E0596, as the page shows.
#[test]
fn a_static_mut_in_entry_is_a_static_mut_reference_and_the_c_habit_is_refused() {
    let elf = demo("entry-static-mut-demo", "thumbv7m-none-eabi", &[]);
    let run = run_on("thumbv7m-none-eabi", &elf);
    assert_eq!(run.ending, Ending::Exited(0), "{run:?}");
    matches_file("qemu/demos/entry-static-mut/runs/dev.stdout", &run.stdout);

    let root = workbook::repository_root();
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(&root)
        .args([
            "build",
            "--quiet",
            "--color",
            "never",
            "--target",
            "thumbv7m-none-eabi",
            "--package",
            "entry-static-mut-demo",
            "--features",
            "habit",
        ])
        .output()
        .expect("cargo runs");
    assert!(!out.status.success(), "the habit compiled");
    // What rustc said, without cargo's own last line ("could not compile …").
    let said: String = String::from_utf8_lossy(&out.stderr)
        .split_inclusive('\n')
        .take_while(|line| !line.starts_with("error: could not compile"))
        .collect();
    matches_file("qemu/demos/entry-static-mut/runs/habit.stderr", &said);
}
