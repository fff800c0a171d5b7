//! The learner's loop, `cargo workbook` with no command: the current exercise runs again whenever
//! one of its files is saved (from any editor: the loop looks at the files' modification times, so
//! it needs nothing from the editor or the operating system), and single keys do the rest.
//!
//! With `--manual` nothing is watched and a key starts each run: for file systems whose changes a
//! process cannot see promptly (WSL's Windows mounts, network shares). When stdin is not a terminal
//! (a script, a test) keys are read a line at a time, and the loop ends when stdin does.

use crate::{
    Problem,
    catalogue::{Catalogue, Exercise},
    learner,
    progress::Progress,
    report::{bold, dim, green, red, yellow},
    starter,
};
use std::{
    io::{BufRead, IsTerminal, Read, Write},
    path::{Path, PathBuf},
    sync::mpsc::{self, Receiver, RecvTimeoutError},
    time::{Duration, SystemTime},
};

/// How often the files are looked at: well under what a person notices after saving.
const POLL: Duration = Duration::from_millis(100);

/// How long a change is left to settle before the run starts.
const SETTLE: Duration = Duration::from_millis(30);

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
    let (keys, _terminal) = keys();
    // The chapters and the learner's place in them, under the setup report; the first run prints
    // below both, and later runs start on a clean screen.
    list(catalogue, progress, current);
    println!();
    let mut clear = false;
    let interactive = std::io::stdout().is_terminal();
    'exercise: loop {
        if progress.current.as_deref() != Some(current.id.as_str()) {
            progress.current = Some(current.id.clone());
            progress.save(root)?;
        }
        let mut seen = Snapshot::take(&root.join(&current.path));
        let mut passed = show_run(root, catalogue, current, progress, interactive && clear)?;
        clear = true;
        footer(catalogue, current, progress, passed, manual);
        loop {
            match keys.recv_timeout(POLL) {
                Ok(Key::Quit) | Err(RecvTimeoutError::Disconnected) => break 'exercise,
                Ok(Key::Char('h')) => {
                    println!();
                    learner::print_hint(current);
                    println!("\n{}", dim(KEYS));
                    continue;
                }
                Ok(Key::Char('l')) => {
                    println!();
                    list(catalogue, progress, current);
                    println!("{}", dim(KEYS));
                    continue;
                }
                Ok(Key::Char('n')) => {
                    current = learner::next_exercise(catalogue, progress, Some(&current.id))
                        .unwrap_or_else(|| following(catalogue, current));
                    continue 'exercise;
                }
                Ok(Key::Char('r' | '\n')) => {}
                Ok(Key::Char(other)) => {
                    println!(
                        "{} '{}' is not a key the loop knows: {KEYS}",
                        yellow("?"),
                        other.escape_default()
                    );
                    continue;
                }
                Err(RecvTimeoutError::Timeout) => {
                    if manual {
                        continue;
                    }
                    let now = Snapshot::take(&root.join(&current.path));
                    if now == seen {
                        continue;
                    }
                    // An editor may write a file in several steps: let it finish.
                    std::thread::sleep(SETTLE);
                }
            }
            // Run again. Whatever is saved from here on is seen by the next look.
            seen = Snapshot::take(&root.join(&current.path));
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
                "{} Press n for the next exercise, {} {}, or keep improving this one.",
                green("Done!"),
                next.label(),
                bold(&next.meta.title)
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
fn keys() -> (Receiver<Key>, Option<Terminal>) {
    let (send, receive) = mpsc::channel();
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
                if send.send(key).is_err() {
                    break;
                }
            }
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
                if send.send(key).is_err() {
                    return;
                }
            }
            let _ = send.send(Key::Quit);
        });
    }
    (receive, terminal)
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
