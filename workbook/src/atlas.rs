//! The atlas of the compiler's refusals (`chapters/appendix/atlas/`): one entry per error code or
//! lint, each a `## E0382: … {#e0382}` section of a page. The book shows the pages; this module
//! finds an entry for `cargo workbook explain` and for the loop, and renders it for a terminal with
//! its `{{#include}}`s filled in from the same files, so the two never differ. It also holds what
//! the suite checks of every entry ([`entry_problems`]) and which codes the workbook shows
//! ([`codes_shown`]).

use crate::{Problem, problem};
use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
};

/// The atlas's folder, from the repository root.
pub const FOLDER: &str = "chapters/appendix/atlas";

/// The bold lead-ins every entry has, in this order.
pub const PARTS: [&str; 5] = [
    "**In firmware.**",
    "**What rustc says.**",
    "**In C.**",
    "**The fix.**",
    "**Taught in**",
];

/// One entry: a level-2 section of an atlas page.
#[derive(Debug, Clone)]
pub struct Entry {
    /// `E0382`, or a lint's name (`static_mut_refs`, `clippy::indexing_slicing`), or a short
    /// name for an error without either (`panic-handler`).
    pub code: String,
    /// The heading's words after the code.
    pub title: String,
    /// The anchor (`e0382`).
    pub id: String,
    /// The page, relative to the repository root.
    pub page: PathBuf,
    /// The section's Markdown below its heading, includes not yet filled in.
    pub body: String,
}

impl Entry {
    /// Where the book shows it: the page's path in the built book, with the anchor.
    pub fn book_path(&self) -> String {
        let page = self
            .page
            .strip_prefix("chapters")
            .unwrap_or(&self.page)
            .with_extension("html");
        format!("{}#{}", page.display(), self.id)
    }
}

/// What names an entry: an error code, a lint, or (for an error with neither) a short name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `E0382`: rustc prints it as `error[E0382]`.
    Code,
    /// `static_mut_refs`, `clippy::indexing_slicing`: rustc and clippy print the name.
    Lint,
    /// `panic-handler`: the error has neither; its message identifies it.
    Named,
}

/// The kind of a name as the atlas spells it.
pub fn kind_of(name: &str) -> Kind {
    let bytes = name.as_bytes();
    if bytes.len() == 5 && bytes[0] == b'E' && bytes[1..].iter().all(u8::is_ascii_digit) {
        Kind::Code
    } else if name.contains('_') || name.contains("::") {
        Kind::Lint
    } else {
        Kind::Named
    }
}

impl Entry {
    /// What names the entry.
    pub fn kind(&self) -> Kind {
        kind_of(&self.code)
    }

    /// The folder of the entry's page, from which its includes and links are relative.
    fn page_dir(&self, root: &Path) -> PathBuf {
        let page = root.join(&self.page);
        page.parent().unwrap_or(root).to_path_buf()
    }

    /// The part that starts with one of [`PARTS`]' lead-ins, up to the next part (empty when
    /// the entry has no such part).
    pub fn part(&self, lead: &str) -> &str {
        let start = self.body.find(lead).unwrap_or(self.body.len());
        let rest = &self.body[start..];
        let end = PARTS
            .iter()
            .filter_map(|p| rest[lead.len().min(rest.len())..].find(p))
            .min()
            .map_or(rest.len(), |e| e + lead.len());
        &rest[..end]
    }

    /// The compiler's checked output that the entry shows: its `.stderr` includes, read.
    pub fn shown_output(&self, root: &Path) -> String {
        let page_dir = self.page_dir(root);
        includes(self.part("**What rustc says.**"))
            .into_iter()
            .filter(|(path, _)| path.ends_with(".stderr"))
            .filter_map(|(path, selector)| {
                included_text(&page_dir.join(&path), selector.as_deref())
            })
            .collect()
    }

    /// The message of the first error the entry shows (`` `#[panic_handler]` function required,
    /// but not found``): how the loop recognises an error that has no code.
    pub fn first_error(&self, root: &Path) -> Option<String> {
        self.shown_output(root)
            .lines()
            .find_map(|l| {
                l.strip_prefix("error: ")
                    .or_else(|| l.strip_prefix("error["))
            })
            .map(|m| {
                m.split_once("]: ")
                    .map_or(m, |(_, rest)| rest)
                    .trim()
                    .to_string()
            })
    }
}

/// Every entry of every atlas page, pages in the order of their file names (the index page has
/// none).
pub fn entries(root: &Path) -> Result<Vec<Entry>, Problem> {
    let folder = root.join(FOLDER);
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(|e| problem!("cannot read {}: {e}", folder.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    pages.sort();
    let mut found = Vec::new();
    for page in pages {
        let text = std::fs::read_to_string(&page)
            .map_err(|e| problem!("cannot read {}: {e}", page.display()))?;
        let relative = page.strip_prefix(root).unwrap_or(&page).to_path_buf();
        for section in text.split("\n## ").skip(1) {
            let (heading, body) = section.split_once('\n').unwrap_or((section, ""));
            let Some((code, rest)) = heading.split_once(": ") else {
                continue;
            };
            let (title, id) = match rest.rsplit_once(" {#") {
                Some((title, id)) => (title, id.trim_end().trim_end_matches('}')),
                None => (rest, ""),
            };
            // The notes block closes the page; it is not part of the last entry.
            let body = body
                .split("<details>\n<summary>Speaker notes</summary>")
                .next()
                .unwrap_or(body);
            found.push(Entry {
                code: code.trim().to_string(),
                title: title.trim().to_string(),
                id: id.to_string(),
                page: relative.clone(),
                body: body.trim_end().to_string(),
            });
        }
    }
    Ok(found)
}

/// The line the loop adds under a failed build: which of the codes it showed have an entry, and
/// the command that prints one. `None` when none has (or the atlas cannot be read: the line is
/// a pointer, not part of the verdict).
///
/// `errors` are the build's errors as (code, message): an error with a code is found by it, one
/// without by its message, which must be the first error an entry without a code shows.
pub fn pointer(root: &Path, errors: &[(Option<&str>, &str)]) -> Option<String> {
    let entries = entries(root).ok()?;
    let uncoded: Vec<(&Entry, String)> = entries
        .iter()
        .filter(|e| e.kind() == Kind::Named)
        .filter_map(|e| Some((e, e.first_error(root)?)))
        .collect();
    let mut known: Vec<&str> = Vec::new();
    for (code, message) in errors {
        let entry = match code {
            Some(code) => find(&entries, code),
            None => uncoded
                .iter()
                .find(|(_, first)| first == message.trim())
                .map(|(e, _)| *e),
        };
        if let Some(entry) = entry
            && !known.contains(&entry.code.as_str())
        {
            known.push(&entry.code);
        }
    }
    match known.as_slice() {
        [] => None,
        [one] => Some(format!(
            "The atlas in the book explains {one}: `cargo workbook explain {one}`."
        )),
        [rest @ .., last] => Some(format!(
            "`cargo workbook explain <code>` shows the book's atlas entry for {} and {last}.",
            rest.join(", ")
        )),
    }
}

/// A name as [`find`] compares it: lower case, `-` as `_`, without `clippy::`.
fn plain_name(name: &str) -> String {
    name.trim()
        .to_ascii_lowercase()
        .trim_start_matches("clippy::")
        .replace('-', "_")
}

/// The codes closest to what the learner typed, for a name [`find`] did not find: one edit away
/// (or one per four letters of a lint's name), nearest in number first for error codes (E0383
/// suggests E0382 and E0384 before E0283), at most three.
pub fn closest<'a>(entries: &'a [Entry], typed: &str) -> Vec<&'a str> {
    let typed = plain_name(typed);
    let number = |c: &str| c.trim_start_matches(['e', 'E']).parse::<i64>().ok();
    let mut close: Vec<&str> = entries
        .iter()
        .map(|e| e.code.as_str())
        .filter(|c| strsim::damerau_levenshtein(&plain_name(c), &typed) <= (typed.len() / 4).max(1))
        .collect();
    close.sort_by_key(|c| match (number(c), number(&typed)) {
        (Some(a), Some(b)) => (a - b).abs(),
        _ => 0,
    });
    close.truncate(3);
    close
}

/// What a code looks like as an anchor: lower case, `::` as `-`.
pub fn id_of(code: &str) -> String {
    code.to_ascii_lowercase().replace("::", "-")
}

/// The entry for what the learner typed: `E0382`, `e0382`, `0382` or `382`; a lint's name with
/// `_` or `-`, with or without `clippy::`.
pub fn find<'a>(entries: &'a [Entry], typed: &str) -> Option<&'a Entry> {
    let typed = typed.trim();
    let digits = typed.trim_start_matches(['E', 'e']);
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) && digits.len() <= 4 {
        let code = format!("E{digits:0>4}");
        return entries.iter().find(|e| e.code == code);
    }
    let wanted = plain_name(typed);
    entries.iter().find(|e| plain_name(&e.code) == wanted)
}

/// The `{{#include path:selector}}` directives of a page's text: (path as written, selector).
pub fn includes(text: &str) -> Vec<(String, Option<String>)> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{#") {
        let after = &rest[start + 3..];
        let Some(end) = after.find("}}") else { break };
        let directive = after[..end].trim();
        rest = &after[end..];
        let Some(argument) = ["include ", "rustdoc_include "]
            .iter()
            .find_map(|d| directive.strip_prefix(d))
        else {
            continue;
        };
        let mut parts = argument.trim().splitn(2, ':');
        let path = parts.next().unwrap_or_default().to_string();
        found.push((path, parts.next().map(String::from)));
    }
    found
}

/// The lines an include selects, as mdBook selects them: the whole file, an anchor's lines
/// (without the lines of any anchor markers inside it), or a line range (`3`, `3:`, `:10`,
/// `3:10`, counted from 1).
pub fn included_text(path: &Path, selector: Option<&str>) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let lines: Vec<&str> = text.lines().collect();
    let keep = |lines: &[&str]| -> String {
        lines
            .iter()
            .filter(|l| !l.contains("ANCHOR: ") && !l.contains("ANCHOR_END: "))
            .map(|l| format!("{l}\n"))
            .collect()
    };
    let Some(selector) = selector else {
        return Some(keep(&lines));
    };
    if selector.starts_with(|c: char| c.is_ascii_digit() || c == ':') {
        let number = |s: &str| s.parse::<usize>().ok();
        let (from, to) = match selector.split_once(':') {
            None => (number(selector)?, number(selector)?),
            Some((from, to)) => (number(from).unwrap_or(1), number(to).unwrap_or(lines.len())),
        };
        return Some(keep(lines.get(from.checked_sub(1)?..to.min(lines.len()))?));
    }
    let start = lines
        .iter()
        .position(|l| l.trim_end().ends_with(&format!("ANCHOR: {selector}")))?;
    let end = lines
        .iter()
        .position(|l| l.trim_end().ends_with(&format!("ANCHOR_END: {selector}")))?;
    Some(keep(lines.get(start + 1..end)?))
}

/// An entry as the terminal shows it: the heading, the parts with their includes filled in, code
/// indented under its part, links as the pages' paths in `chapters/`.
pub fn render(root: &Path, entry: &Entry) -> String {
    let page_dir = entry.page_dir(root);
    let page_dir = page_dir.as_path();
    let mut out = format!(
        "{}: {}\n(the book's atlas of the compiler's refusals: {})\n",
        entry.code,
        entry.title,
        entry.book_path()
    );
    let mut in_code = false;
    for line in entry.body.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            match includes(trimmed).first() {
                Some((path, selector)) if trimmed.starts_with("{{#") => {
                    let shown = included_text(&page_dir.join(path), selector.as_deref())
                        .unwrap_or_else(|| format!("(missing: {path})\n"));
                    for code_line in shown.lines() {
                        out.push_str(&format!("    {code_line}\n").replace("    \n", "\n"));
                    }
                }
                _ => out.push_str(&format!("    {line}\n")),
            }
            continue;
        }
        match trimmed {
            "<details>" | "</details>" => {}
            _ if trimmed.starts_with("<summary>") => {
                let summary = trimmed
                    .trim_start_matches("<summary>")
                    .trim_end_matches("</summary>");
                out.push_str(&format!("{summary}:\n"));
            }
            _ => {
                let line = match line.strip_prefix("**").and_then(|l| l.split_once("**")) {
                    Some((lead, rest)) => format!("{}{rest}", crate::report::bold(lead)),
                    None => line.to_string(),
                };
                out.push_str(&plain_links(&line, page_dir, root));
                out.push('\n');
            }
        }
    }
    let mut tidy = String::new();
    for line in out.lines() {
        if line.is_empty() && tidy.ends_with("\n\n") {
            continue;
        }
        tidy.push_str(line);
        tidy.push('\n');
    }
    tidy
}

/// `[words](../../01-ownership/moves.md#x)` as `words (chapters/01-ownership/moves.md)`.
fn plain_links(line: &str, page_dir: &Path, root: &Path) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](").map(|c| open + c) else {
            break;
        };
        let Some(end) = rest[close..].find(')').map(|e| close + e) else {
            break;
        };
        let words = &rest[open + 1..close];
        let target = &rest[close + 2..end];
        out.push_str(&rest[..open]);
        if target.starts_with("http") {
            out.push_str(&format!("{words} ({target})"));
        } else {
            let file = target.split('#').next().unwrap_or(target);
            let path = normalise(&page_dir.join(file));
            let shown = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .display()
                .to_string();
            out.push_str(&format!("{words} ({shown})"));
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// `a/b/../c` as `a/c`, without touching the file system.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// What is wrong with the entries: each must have its five parts in order, an id made from its
/// code, a rustc output that shows that code, a fix from a file the tests build, and a link to a
/// chapter; no two entries may share a code.
pub fn entry_problems(root: &Path, entries: &[Entry]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for entry in entries {
        let name = format!("{} ({})", entry.code, entry.page.display());
        if !seen.insert(entry.code.clone()) {
            problems.push(format!("{name}: a second entry for the same code"));
        }
        if entry.id != id_of(&entry.code) {
            problems.push(format!(
                "{name}: its heading should end with {{#{}}}",
                id_of(&entry.code)
            ));
        }
        let mut at = 0;
        for part in PARTS {
            match entry.body[at..].find(part) {
                Some(found) => at += found + part.len(),
                None => problems.push(format!(
                    "{name}: no {part} after the parts before it ({})",
                    PARTS.join(", ")
                )),
            }
        }
        let page_dir = entry.page_dir(root);
        let shown_output = entry.shown_output(root);
        // A code shows as `[E0382]`; a lint by its name, as rustc or clippy spell it (`_`, or
        // `-` in `-D unsafe-code`, with or without `clippy::`); an error without either, by an
        // error line.
        let code_shown = match entry.kind() {
            Kind::Code => shown_output.contains(&format!("[{}]", entry.code)),
            Kind::Lint => {
                let name = entry.code.trim_start_matches("clippy::");
                shown_output.contains(name) || shown_output.contains(&name.replace('_', "-"))
            }
            Kind::Named => shown_output.contains("error"),
        };
        if !code_shown {
            problems.push(format!(
                "{name}: What rustc says includes no checked .stderr that shows [{}]",
                entry.code
            ));
        }
        let fixes: Vec<(String, Option<String>)> = includes(entry.part("**The fix.**"));
        let built = ["compile-fail/fixed/", "solutions/", "qemu/demos/"];
        let fix_built = fixes.iter().any(|(path, selector)| {
            let full = normalise(&page_dir.join(path));
            let relative = full.strip_prefix(root).unwrap_or(&full);
            built.iter().any(|b| relative.starts_with(b))
                && included_text(&full, selector.as_deref()).is_some()
        });
        if !fix_built {
            problems.push(format!(
                "{name}: The fix includes no file the tests build (under {})",
                built.join(", ")
            ));
        }
        let taught = entry.part("**Taught in**");
        let links_a_chapter = taught.split("](").skip(1).any(|target| {
            let target = target.split([')', '#']).next().unwrap_or_default();
            let file = normalise(&page_dir.join(target));
            let relative = file.strip_prefix(root.join("chapters")).ok();
            target.ends_with(".md")
                && file.is_file()
                && relative.is_some_and(|r| !r.starts_with("appendix"))
        });
        if !links_a_chapter {
            problems.push(format!(
                "{name}: Taught in links to no chapter page that exists"
            ));
        }
    }
    problems
}

/// Every error code the workbook shows a learner: in the compile-fail cases' and the starters'
/// checked outputs, the demos' checked runs, and the chapters' text (`E0382` written on a page).
/// Each with where it was seen first.
pub fn codes_shown(root: &Path) -> Vec<(String, PathBuf)> {
    let mut files: Vec<PathBuf> = Vec::new();
    for folder in ["compile-fail/cases", "exercises", "qemu/demos", "chapters"] {
        let base = root.join(folder);
        files.extend(
            crate::starter::files_in(&base)
                .into_iter()
                .map(|file| base.join(file))
                .filter(|path| !path.starts_with(root.join(FOLDER)))
                .filter(|path| path.extension().is_some_and(|x| x == "stderr" || x == "md")),
        );
    }
    files.sort();
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        for code in error_codes(&text) {
            if !found.iter().any(|(c, _)| *c == code) {
                let relative = file.strip_prefix(root).unwrap_or(&file).to_path_buf();
                found.push((code, relative));
            }
        }
    }
    found.sort();
    found
}

/// The error codes (`E` and four digits, as a word) in a text.
pub fn error_codes(text: &str) -> BTreeSet<String> {
    let bytes = text.as_bytes();
    let mut codes = BTreeSet::new();
    for (i, _) in text.match_indices('E') {
        let word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let digits = bytes.get(i + 1..i + 5);
        let word_end = bytes.get(i + 5).is_none_or(|b| !b.is_ascii_alphanumeric());
        if word_start && word_end && digits.is_some_and(|d| d.iter().all(u8::is_ascii_digit)) {
            codes.insert(text[i..i + 5].to_string());
        }
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(code: &str) -> Entry {
        Entry {
            code: code.into(),
            title: String::new(),
            id: id_of(code),
            page: PathBuf::from("chapters/appendix/atlas/x.md"),
            body: String::new(),
        }
    }

    #[test]
    fn codes_are_found_however_they_are_typed() {
        let all = [
            entry("E0382"),
            entry("static_mut_refs"),
            entry("clippy::indexing_slicing"),
        ];
        for typed in ["E0382", "e0382", "0382", "382", " E0382 "] {
            assert_eq!(find(&all, typed).map(|e| e.code.as_str()), Some("E0382"));
        }
        assert_eq!(
            find(&all, "static-mut-refs").map(|e| e.code.as_str()),
            Some("static_mut_refs")
        );
        assert_eq!(
            find(&all, "indexing_slicing").map(|e| e.code.as_str()),
            Some("clippy::indexing_slicing")
        );
        assert!(find(&all, "E0499").is_none());
        assert!(find(&all, "E12345").is_none());
    }

    #[test]
    fn error_codes_are_whole_words() {
        let text = "error[E0382]: moved; see E0499, not XE0123 or E01234 or E012.";
        assert_eq!(
            error_codes(text).into_iter().collect::<Vec<_>>(),
            ["E0382", "E0499"]
        );
    }

    #[test]
    fn links_become_paths_in_the_repository() {
        let root = Path::new("/r");
        let page_dir = Path::new("/r/chapters/appendix/atlas");
        assert_eq!(
            plain_links(
                "**Taught in** [Moves](../../01-ownership/moves.md#use) and [x](https://a.b/c).",
                page_dir,
                root
            ),
            "**Taught in** Moves (chapters/01-ownership/moves.md) and x (https://a.b/c)."
        );
    }
}
