//! Terminal output: a progress bar for long work, tables, and colour only on a terminal.

use crate::size;
use crate::verify::{Progress, Report, Verdict};
use std::io::IsTerminal;

/// Colour and redrawn lines only when stderr is a terminal and NO_COLOR is unset.
pub fn fancy() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

pub fn green(text: &str) -> String {
    paint(text, "32")
}
pub fn red(text: &str) -> String {
    paint(text, "31")
}
pub fn yellow(text: &str) -> String {
    paint(text, "33")
}
pub fn bold(text: &str) -> String {
    paint(text, "1")
}
pub fn dim(text: &str) -> String {
    paint(text, "2")
}

/// Colours by hand, as ANSI's SGR codes: three codes and a reset are all the tool uses, which a
/// terminal library would spell the same way.
fn paint(text: &str, code: &str) -> String {
    if fancy() {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// A bar redrawn in place on a terminal (indicatif's), with the phase, the step just done and an
/// estimate of the time left; one line per phase otherwise (CI logs, `cargo test`).
pub struct ProgressBar {
    bar: Option<indicatif::ProgressBar>,
    phase: String,
}

impl ProgressBar {
    pub fn new() -> ProgressBar {
        let bar = fancy().then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                None,
                indicatif::ProgressDrawTarget::stderr(),
            );
            let style = indicatif::ProgressStyle::with_template(
                // The phase and the step share the room the line has, cut to fit the terminal.
                "[{bar:24}] {pos}/{len} {wide_msg} {eta:>3} left",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("##-");
            bar.set_style(style);
            bar
        });
        ProgressBar {
            bar,
            phase: String::new(),
        }
    }

    /// Clears the bar so that what follows starts on a clean line.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Default for ProgressBar {
    fn default() -> Self {
        ProgressBar::new()
    }
}

impl Progress for ProgressBar {
    fn phase(&mut self, name: &str, total: usize) {
        match &self.bar {
            Some(bar) => {
                self.phase = name.to_string();
                bar.reset();
                bar.set_length(total as u64);
                bar.set_message(format!("{name}: starting"));
            }
            None => eprintln!("{name} ({total})"),
        }
    }

    fn step(&mut self, what: &str) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            bar.set_message(format!("{}: {what}", self.phase));
        }
    }
}

/// The summary table of a verification, then every failure in full.
pub fn print_verification(report: &Report) {
    let rows: Vec<[String; 4]> = report
        .exercises
        .iter()
        .map(|r| {
            let footprint = r.footprint.map_or("-".into(), |f| {
                format!("{} / {}", size::human(f.flash), size::human(f.ram))
            });
            [
                r.exercise.label(),
                cell(
                    &r.solution,
                    if r.starter.is_none() && r.exercise.dev_profile_output() {
                        "runs (output is the dev profile's)"
                    } else {
                        "passes"
                    },
                ),
                r.starter
                    .as_ref()
                    .map_or("not checked (--release)".into(), |v| {
                        cell(v, &format!("fails: {}", r.exercise.meta.starter_fails))
                    }),
                footprint,
            ]
        })
        .collect();
    print_table(&["exercise", "solution", "starter", "flash / RAM"], &rows);
    let failures = report.failures();
    let checks: usize = report
        .exercises
        .iter()
        .map(|r| 1 + r.starter.is_some() as usize)
        .sum();
    let passed_checks: usize = report
        .exercises
        .iter()
        .map(|r| {
            r.solution.passed() as usize + r.starter.as_ref().is_some_and(Verdict::passed) as usize
        })
        .sum();
    println!();
    for failure in &failures {
        println!("{} {failure}\n", red("FAIL"));
    }
    let variants: Vec<&crate::variants::Outcome> =
        report.exercises.iter().flat_map(|r| &r.variants).collect();
    if !variants.is_empty() {
        let count = |generic: bool, alternative: bool| {
            let chosen: Vec<_> = variants
                .iter()
                .filter(|v| v.generic == generic)
                .filter(|v| (v.expect == crate::variants::Expect::Passes) == alternative)
                .collect();
            let held = chosen.iter().filter(|v| v.verdict.passed()).count();
            (held, chosen.len())
        };
        let (own_held, own) = count(false, false);
        let (generic_held, generic) = count(true, false);
        let (alternatives_held, alternatives) = count(false, true);
        let with_own = report
            .exercises
            .iter()
            .filter(|r| {
                r.variants
                    .iter()
                    .any(|v| !v.generic && v.expect != crate::variants::Expect::Passes)
            })
            .count();
        println!(
            "the judge: {own_held} of {own} known wrong versions refused for their reason ({with_own} of {} exercises have some), {generic_held} of {generic} generic attacks refused or ignored, {alternatives_held} of {alternatives} correct alternatives pass",
            report.exercises.len()
        );
    }
    let summary = format!(
        "{} exercises, {passed_checks} of {checks} checks passed, {} problem(s)",
        report.exercises.len(),
        failures.len()
    );
    println!(
        "{}",
        if failures.is_empty() {
            green(&summary)
        } else {
            red(&summary)
        }
    );
}

fn cell(verdict: &Verdict, pass_text: &str) -> String {
    match verdict {
        Verdict::Pass => format!("ok, {pass_text}"),
        Verdict::Fail(_) => "FAIL (below)".into(),
    }
}

/// A plain table, columns padded to their widest cell.
pub fn print_table<const N: usize>(header: &[&str; N], rows: &[[String; N]]) {
    let mut widths = header.map(|h| h.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(header.to_vec());
    line(
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect(),
    );
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}

/// The width the loop and the commands lay their lines out for: a terminal of 100 columns shows
/// every line whole.
pub const WIDTH: usize = 100;

/// The first line of `text` wrapped at spaces to lines of at most `width` visible columns (colour
/// codes take none), each line after the first indented by four spaces. A word longer than a line
/// (a path) is left whole on a line of its own. The lines after the first are left as they are:
/// they are a compiler's or a tool's report, laid out by their author.
pub fn wrap(text: &str, width: usize) -> String {
    let visible = |word: &str| {
        let mut count = 0;
        let mut in_escape = false;
        for c in word.chars() {
            match (in_escape, c) {
                (false, '\x1b') => in_escape = true,
                (true, 'm') => in_escape = false,
                (true, _) => {}
                (false, _) => count += 1,
            }
        }
        count
    };
    const INDENT: &str = "    ";
    let mut out = String::new();
    // Blank lines before the verdict stay as they are.
    let blank = text.len() - text.trim_start_matches('\n').len();
    out.push_str(&text[..blank]);
    let text = &text[blank..];
    let (first, rest) = match text.split_once('\n') {
        Some((first, rest)) => (first, Some(rest)),
        None => (text, None),
    };
    {
        let paragraph = first;
        let mut column = 0;
        for word in paragraph.split(' ') {
            let w = visible(word);
            if column > 0 && column + 1 + w > width {
                out.push('\n');
                out.push_str(INDENT);
                column = INDENT.len();
            } else if column > 0 {
                out.push(' ');
                column += 1;
            }
            out.push_str(word);
            column += w;
        }
    }
    if let Some(rest) = rest {
        out.push('\n');
        out.push_str(rest);
    }
    out
}

#[cfg(test)]
mod wrap_tests {
    use super::wrap;

    #[test]
    fn a_long_verdict_fits_the_width_and_a_report_below_it_is_left_alone() {
        let verdict = format!(
            "\x1b[32mPASS\x1b[0m the output matches exercises/13-async/04-cooperative/expected.out; {}",
            "some figures differ from the book's, which is allowed where they depend on how you wrote it"
        );
        let text = format!(
            "{verdict}\n   |     let x = a_very_long_line_of_a_compiler_report_that_must_not_be_broken_anywhere_at_all();"
        );
        let wrapped = wrap(&text, 60);
        let lines: Vec<&str> = wrapped.lines().collect();
        assert!(lines.len() > 3, "{wrapped}");
        // Every line of the verdict fits: the colour codes count for nothing.
        let verdict_lines = &lines[..lines.len() - 1];
        for line in verdict_lines {
            let shown = line.replace("\x1b[32m", "").replace("\x1b[0m", "");
            let long_word = !shown.trim().contains(' ');
            assert!(shown.chars().count() <= 60 || long_word, "{line:?}");
        }
        assert!(
            verdict_lines[1..].iter().all(|l| l.starts_with("    ")),
            "{wrapped}"
        );
        // The same words, in the same order.
        let words = |t: &str| t.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(words(&wrapped), words(&text));
        // The report below the verdict is whole.
        assert!(lines.last().unwrap().ends_with("at_all();"), "{wrapped}");
        assert_eq!(wrap("short", 60), "short");
    }
}
