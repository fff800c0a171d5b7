//! The learner's loop, `cargo workbook` with no command: the current exercise runs again whenever
//! one of its files is saved (from any editor), and single keys do the rest.
//!
//! Saves are heard through `notify` (with its mini debouncer): the platform's own events where it
//! has them (inotify, FSEvents, ReadDirectoryChangesW), and notify's polling watcher where it has
//! not: a folder on a Windows drive under WSL, whose changes inotify never sees, and any folder
//! whose events cannot be set up (the loop says so). With `--manual` nothing is watched and a key
//! starts each run, for file systems that neither can follow (some network shares). When stdin is
//! not a terminal (a script, a test) keys are read a line at a time, and the loop ends when stdin
//! does.
//!
//! Keys are read by hand through termios rather than with crossterm: crossterm's raw mode also
//! turns off the terminal's output processing, after which every line that cargo, the compiler
//! and the program print would need a carriage return, and the workbook runs where termios is
//! (Linux, macOS, and Windows through WSL).

use crate::{
    Problem,
    catalogue::{Catalogue, Exercise},
    learner,
    progress::Progress,
    report::{self, bold, dim, green, red, yellow},
    starter,
};
use notify_debouncer_mini::{
    DebounceEventResult, Debouncer, new_debouncer_opt,
    notify::{PollWatcher, RecommendedWatcher, RecursiveMode},
};
use std::{
    io::{BufRead, IsTerminal, Read, Write},
    path::{Path, PathBuf},
    sync::mpsc::{self, Sender},
    time::{Duration, SystemTime},
};

/// How long a change is left to settle before the run starts: an editor may write a file in
/// several steps.
const SETTLE: Duration = Duration::from_millis(30);

/// How often notify's polling watcher looks, where it is the one used.
const POLL: Duration = Duration::from_millis(100);

const KEYS: &str = "h hint · l list · n next exercise · r run again · q quit";

/// Runs the loop until the learner quits. `current` is where to start when progress names none.
pub fn watch(
    root: &Path,
    catalogue: &Catalogue,
    progress: &mut Progress,
    manual: bool,
) -> Result<(), Problem> {
    let mut current = progress
        .current
        .as_deref()
        .and_then(|id| catalogue.exercises().find(|e| e.id == id))
        .or_else(|| learner::next_exercise(catalogue, progress, None))
        .or_else(|| catalogue.exercises().next())
        .ok_or_else(|| Problem("there are no exercises in this repository".into()))?;
    let (send, inputs) = mpsc::channel();
    let _terminal = keys(send.clone());
    // The chapters and the learner's place in them, under the setup report; the first run prints
    // below both, and later runs start on a clean screen.
    list(catalogue, progress, current);
    println!();
    let mut clear = false;
    let mut told_how = false;
    let interactive = std::io::stdout().is_terminal();
    'exercise: loop {
        if progress.current.as_deref() != Some(current.id.as_str()) {
            progress.current = Some(current.id.clone());
            progress.save(root)?;
        }
        let folder = root.join(&current.path);
        // Kept until the loop moves to another exercise: dropping it stops the watching.
        let _watching = if manual {
            None
        } else {
            Some(Watching::start(&folder, send.clone(), &mut told_how))
        };
        let mut seen = Snapshot::take(&folder);
        let mut passed = show_run(root, catalogue, current, progress, interactive && clear)?;
        clear = true;
        footer(catalogue, current, progress, passed, manual);
        loop {
            match inputs.recv() {
                Ok(Input::Key(Key::Quit)) | Err(_) => break 'exercise,
                Ok(Input::Key(Key::Char('h'))) => {
                    println!();
                    learner::print_hint(current);
                    println!("\n{}", dim(KEYS));
                    continue;
                }
                Ok(Input::Key(Key::Char('l'))) => {
                    println!();
                    list(catalogue, progress, current);
                    println!("{}", dim(KEYS));
                    continue;
                }
                Ok(Input::Key(Key::Char('n'))) => {
                    current = learner::next_exercise(catalogue, progress, Some(&current.id))
                        .unwrap_or_else(|| following(catalogue, current));
                    continue 'exercise;
                }
                Ok(Input::Key(Key::Char('r' | '\n'))) => {}
                Ok(Input::Key(Key::Char(other))) => {
                    println!(
                        "{} '{}' is not a key the loop knows: {KEYS}",
                        yellow("?"),
                        other.escape_default()
                    );
                    continue;
                }
                Ok(Input::Saved) => {
                    // An event for a file that is not a source (an editor's swap file), or for a
                    // save of another exercise's folder heard before the move: nothing to run.
                    if manual || Snapshot::take(&folder) == seen {
                        continue;
                    }
                }
            }
            // Run again. Whatever is saved from here on is heard as a new event.
            seen = Snapshot::take(&folder);
            passed = show_run(root, catalogue, current, progress, interactive)?;
            footer(catalogue, current, progress, passed, manual);
        }
    }
    println!(
        "{}",
        dim("Bye. `cargo workbook` picks up where you left off.")
    );
    Ok(())
}

/// What the loop waits for.
enum Input {
    Key(Key),
    /// A file in the exercise's folder changed (maybe not a source: the loop looks).
    Saved,
}

/// notify's watcher on the exercise's folder, with its debouncer, for as long as it is kept.
enum Watching {
    Events {
        _debouncer: Debouncer<RecommendedWatcher>,
    },
    Polling {
        _debouncer: Debouncer<PollWatcher>,
    },
}

impl Watching {
    /// Watches `folder` with the platform's events, or with notify's polling where those cannot
    /// be had, and says which the first time (`told`) it is not the platform's.
    fn start(folder: &Path, send: Sender<Input>, told: &mut bool) -> Option<Watching> {
        let handler = move |events: DebounceEventResult| {
            if events.is_ok_and(|events| !events.is_empty()) {
                let _ = send.send(Input::Saved);
            }
        };
        let config = notify_debouncer_mini::Config::default()
            .with_timeout(SETTLE)
            .with_notify_config(
                notify_debouncer_mini::notify::Config::default().with_poll_interval(POLL),
            );
        if !on_a_windows_drive_under_wsl(folder) {
            let handler = handler.clone();
            let events = new_debouncer_opt::<_, RecommendedWatcher>(config.clone(), handler)
                .and_then(|mut d| {
                    d.watcher().watch(folder, RecursiveMode::Recursive)?;
                    Ok(d)
                });
            match events {
                Ok(debouncer) => {
                    return Some(Watching::Events {
                        _debouncer: debouncer,
                    });
                }
                Err(error) if !*told => {
                    println!(
                        "{}",
                        dim(&format!(
                            "(the system's file events are not available here ({error}): the loop looks at the files every {} ms instead)",
                            POLL.as_millis()
                        ))
                    );
                    *told = true;
                }
                Err(_) => {}
            }
        }
        let polling = new_debouncer_opt::<_, PollWatcher>(config, handler).and_then(|mut d| {
            d.watcher().watch(folder, RecursiveMode::Recursive)?;
            Ok(d)
        });
        match polling {
            Ok(debouncer) => Some(Watching::Polling {
                _debouncer: debouncer,
            }),
            Err(error) => {
                println!(
                    "{} saves cannot be watched here ({error}): press r to run again, or start the loop with --manual",
                    yellow("?")
                );
                None
            }
        }
    }
}

/// A folder on a Windows drive seen from WSL (`/mnt/c/…`): inotify hears nothing of changes made
/// there from Windows, where the learner's editor runs.
fn on_a_windows_drive_under_wsl(folder: &Path) -> bool {
    let release = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let folder = folder
        .canonicalize()
        .unwrap_or_else(|_| folder.to_path_buf());
    windows_drive_under_wsl(&release, &folder)
}

/// [`on_a_windows_drive_under_wsl`], given the kernel's release string and the folder's path.
fn windows_drive_under_wsl(kernel_release: &str, folder: &Path) -> bool {
    let wsl = kernel_release.to_ascii_lowercase().contains("microsoft");
    let mut parts = folder.components().skip(1);
    let on_mnt = parts.next().is_some_and(|c| c.as_os_str() == "mnt")
        && parts.next().is_some_and(|c| c.as_os_str().len() == 1);
    wsl && on_mnt
}

/// The exercise after `current` in book order, wrapping round.
fn following<'c>(catalogue: &'c Catalogue, current: &Exercise) -> &'c Exercise {
    let all: Vec<&Exercise> = catalogue.exercises().collect();
    let at = all.iter().position(|e| e.id == current.id).unwrap_or(0);
    all[(at + 1) % all.len()]
}

fn show_run(
    root: &Path,
    catalogue: &Catalogue,
    exercise: &Exercise,
    progress: &mut Progress,
    clear: bool,
) -> Result<bool, Problem> {
    if clear {
        // Each run starts on a clean screen; what was on it stays in the terminal's scrollback.
        print!("\x1b[2J\x1b[H");
    }
    let done = progress.passed.len();
    let total = catalogue.exercises().count();
    println!(
        "{} {}  {}",
        bold(&format!("Exercise {}", exercise.label())),
        exercise.meta.title,
        dim(&format!("({done}/{total} done)"))
    );
    println!(
        "{}",
        dim(&format!(
            "edit {}/src/ · runs on {} · about {} min",
            exercise.path.display(),
            exercise.meta.machine,
            exercise.meta.minutes
        ))
    );
    let _ = std::io::stdout().flush();
    // A run that cannot even start (a deleted manifest, a broken Cargo.toml) is the learner's to
    // fix in the editor: say what is wrong and keep watching.
    match learner::run(root, exercise, false, progress) {
        Ok(passed) => Ok(passed),
        Err(problem) => {
            println!("{} {problem}", red("NOT YET"));
            Ok(false)
        }
    }
}

fn footer(
    catalogue: &Catalogue,
    exercise: &Exercise,
    progress: &Progress,
    passed: bool,
    manual: bool,
) {
    println!();
    if passed {
        match learner::next_exercise(catalogue, progress, Some(&exercise.id)) {
            Some(next) => println!(
                "{}",
                report::wrap(
                    &format!(
                        "{} Press n for the next exercise, {} {}, or keep improving this one.",
                        green("Done!"),
                        next.label(),
                        bold(&next.meta.title)
                    ),
                    report::WIDTH
                )
            ),
            None => println!(
                "{}",
                green("Done! Every exercise passes: the whole workbook is yours.")
            ),
        }
    }
    let how = if manual {
        "press r or Enter to run again"
    } else {
        "watching for saves"
    };
    println!("{}", dim(&format!("[{how}]  {KEYS}")));
    let _ = std::io::stdout().flush();
}

/// The chapters, compactly, with the current exercise marked.
fn list(catalogue: &Catalogue, progress: &Progress, current: &Exercise) {
    for chapter in &catalogue.chapters {
        let marks: String = chapter
            .exercises
            .iter()
            .map(|e| {
                match (e.id == current.id, progress.passed.contains(&e.id)) {
                    (true, false) => '>',
                    // The current one, already done: a finished chapter must not look unfinished.
                    (true, true) => '*',
                    (false, true) => '#',
                    (false, false) => '-',
                }
            })
            .collect();
        println!("{:>3}. {:<48} {marks}", chapter.number, chapter.title);
    }
    println!(
        "{}",
        dim(
            "# done  - to do  > this one  * this one, done   (`cargo workbook list` names them all)"
        )
    );
}

/// What the loop hears from the keyboard.
#[derive(Debug, PartialEq, Eq)]
enum Key {
    Char(char),
    Quit,
}

/// Keys as they are pressed on a terminal (no Enter needed); a line at a time otherwise. The
/// returned guard puts the terminal back as it was when it is dropped.
fn keys(send: Sender<Input>) -> Option<Terminal> {
    let terminal = Terminal::single_keys();
    if terminal.is_some() {
        std::thread::spawn(move || {
            let mut byte = [0u8; 1];
            let mut stdin = std::io::stdin();
            while let Ok(1) = stdin.read(&mut byte) {
                let key = match byte[0] {
                    // Ctrl-C and Ctrl-D: the terminal sends them to us as bytes now.
                    3 | 4 | b'q' | b'Q' => Key::Quit,
                    b'\r' | b'\n' => Key::Char('\n'),
                    b => Key::Char(char::from(b).to_ascii_lowercase()),
                };
                if send.send(Input::Key(key)).is_err() {
                    return;
                }
            }
            let _ = send.send(Input::Key(Key::Quit));
        });
    } else {
        std::thread::spawn(move || {
            for line in std::io::stdin().lock().lines() {
                let Ok(line) = line else { break };
                let key = match line.trim().chars().next() {
                    None => Key::Char('\n'),
                    Some('q' | 'Q') => Key::Quit,
                    Some(c) => Key::Char(c.to_ascii_lowercase()),
                };
                if send.send(Input::Key(key)).is_err() {
                    return;
                }
            }
            let _ = send.send(Input::Key(Key::Quit));
        });
    }
    terminal
}

/// A terminal switched to single keys without echo; restored when dropped (on quitting, and on a
/// panic's unwinding too).
struct Terminal {
    #[cfg(unix)]
    saved: libc::termios,
}

impl Terminal {
    #[cfg(unix)]
    fn single_keys() -> Option<Terminal> {
        if !std::io::stdin().is_terminal() {
            return None;
        }
        // SAFETY: termios is plain data; tcgetattr fills it in or fails, and we use it only if it
        // succeeded.
        let mut saved: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: fd 0 is our stdin, a terminal (checked above); `saved` is a valid termios.
        if unsafe { libc::tcgetattr(0, &mut saved) } != 0 {
            return None;
        }
        let mut raw = saved;
        raw.c_lflag &= !(libc::ICANON | libc::ECHO | libc::ISIG);
        raw.c_cc[libc::VMIN] = 1;
        raw.c_cc[libc::VTIME] = 0;
        // SAFETY: as above; `raw` is a copy of a valid termios with three flags cleared.
        if unsafe { libc::tcsetattr(0, libc::TCSANOW, &raw) } != 0 {
            return None;
        }
        Some(Terminal { saved })
    }

    /// Elsewhere a key is a line: the loop still works, with Enter after each key.
    #[cfg(not(unix))]
    fn single_keys() -> Option<Terminal> {
        None
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        #[cfg(unix)]
        // SAFETY: restores the settings tcgetattr gave us for the same terminal.
        unsafe {
            libc::tcsetattr(0, libc::TCSANOW, &self.saved);
        }
    }
}

/// The exercise's source files with their modification times and lengths: a save changes one.
#[derive(Debug, PartialEq, Eq)]
struct Snapshot(Vec<(PathBuf, Option<SystemTime>, u64)>);

impl Snapshot {
    fn take(folder: &Path) -> Snapshot {
        Snapshot(
            starter::files_in(folder)
                .into_iter()
                .filter(|p| is_source(p))
                .map(|p| {
                    let meta = std::fs::metadata(folder.join(&p)).ok();
                    let modified = meta.as_ref().and_then(|m| m.modified().ok());
                    (p, modified, meta.map_or(0, |m| m.len()))
                })
                .collect(),
        )
    }
}

/// Sources and manifests, not an editor's swap, backup or lock files.
fn is_source(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    !name.starts_with(".#") && !name.starts_with('#') && matches!(extension, "rs" | "toml" | "x")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_windows_drive_under_wsl_is_polled_and_nothing_else_is() {
        let wsl = "5.15.167.4-microsoft-standard-WSL2";
        let linux = "6.1.0-28-amd64";
        let drive = Path::new("/mnt/c/Users/ada/workbook/exercises/01-ownership/02-moved-packet");
        let home = Path::new("/home/ada/workbook/exercises/01-ownership/02-moved-packet");
        assert!(windows_drive_under_wsl(wsl, drive));
        assert!(!windows_drive_under_wsl(wsl, home));
        assert!(!windows_drive_under_wsl(linux, drive));
        assert!(!windows_drive_under_wsl(
            wsl,
            Path::new("/mnt/data/workbook")
        ));
    }

    #[test]
    fn editor_droppings_are_not_sources() {
        for name in [
            "src/main.rs",
            "Cargo.toml",
            ".cargo/config.toml",
            "memory.x",
        ] {
            assert!(is_source(Path::new(name)), "{name}");
        }
        for name in [
            "src/main.rs~",
            "src/.main.rs.swp",
            "src/.#main.rs",
            "src/#main.rs#",
            "src/4913",
            "expected.out",
        ] {
            assert!(!is_source(Path::new(name)), "{name}");
        }
    }
}
