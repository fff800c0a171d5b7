//! The book shows only what is checked: every `{{#include}}` resolves (file and anchor), every
//! internal link and anchor resolves in the HTML that mdBook builds (so it needs mdBook, as
//! tests/browser.rs does), no page leaves raw Markdown in a code block, every page is reachable
//! from SUMMARY.md, every compile-fail case appears on a page with its compiler output and
//! its fix, and the traceability appendix is current and has no gap (every objective practised or
//! its reason given, every exercise and case practising one, every number naming a bullet).

use crate::common;

use std::{
    collections::{BTreeMap, BTreeSet},
    path::{Path, PathBuf},
    sync::OnceLock,
};

fn chapters() -> PathBuf {
    workbook::repository_root().join("chapters")
}

/// Every file under `chapters/` whose name ends in `.{extension}`, sorted.
fn files_under_chapters(extension: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, extension: &str, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, extension, found);
            } else if path.extension().is_some_and(|e| e == extension) {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    walk(&chapters(), extension, &mut found);
    found.sort();
    assert!(!found.is_empty(), "no .{extension} files under chapters/");
    found
}

fn pages() -> Vec<PathBuf> {
    files_under_chapters("md")
}

/// `{{#include path:anchor}}` and friends: (path from the page's folder, optional anchor or line
/// range), read as `cargo workbook explain` reads them.
fn includes(page: &Path) -> Vec<(PathBuf, Option<String>)> {
    let text = std::fs::read_to_string(page).unwrap();
    workbook::atlas::includes(&text)
        .into_iter()
        .map(|(path, selector)| (page.parent().unwrap().join(path), selector))
        .collect()
}

#[test]
fn every_include_resolves_to_a_file_and_its_anchor() {
    let mut problems = Vec::new();
    for page in pages() {
        for (path, selector) in includes(&page) {
            let Ok(text) = std::fs::read_to_string(&path) else {
                problems.push(format!(
                    "{}: includes {}, which does not exist",
                    page.display(),
                    path.display()
                ));
                continue;
            };
            // A selector is an anchor name, or a line range such as 3:10 (digits).
            if let Some(anchor) = selector.filter(|s| !s.starts_with(|c: char| c.is_ascii_digit()))
            {
                // Whole names: `main` is not found in `ANCHOR: main_loop`.
                let marks = |mark: &str| {
                    text.lines()
                        .any(|l| l.trim_end().ends_with(&format!("{mark}: {anchor}")))
                };
                if !(marks("ANCHOR") && marks("ANCHOR_END")) {
                    problems.push(format!("{}: includes anchor '{anchor}' of {}, which has no ANCHOR/ANCHOR_END pair of that name", page.display(), path.display()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// Relative links `](target.md#anchor)` outside code blocks.
fn links(page: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(page).unwrap();
    let mut found = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if in_code {
            continue;
        }
        for piece in line.split("](").skip(1) {
            let target = piece
                .split(')')
                .next()
                .unwrap()
                .split_whitespace()
                .next()
                .unwrap_or("");
            if !target.contains("://") && !target.starts_with("mailto:") && !target.is_empty() {
                found.push(target.to_string());
            }
        }
    }
    found
}

/// The book as `mdbook build` writes it, in `target/tmp/book/` (kept after the run, to look at).
struct BuiltBook {
    folder: PathBuf,
    /// Every file of the build, by its path from the book's root, with `/` between folders.
    files: BTreeSet<String>,
    /// The text of every HTML page, by the same path.
    pages: BTreeMap<String, String>,
}

/// Builds the book with the mdBook the suite needs anyway (tests/browser.rs uses it too); a
/// missing mdBook, a failed build or an `ERROR`/`WARN` in its log fails the test that asked.
fn build_book() -> BuiltBook {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("book");
    let files = common::build_book(&folder).unwrap_or_else(|e| {
        panic!("{e}\n(the book's links are checked in the HTML that mdBook builds)")
    });
    let pages = files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path.clone(), String::from_utf8_lossy(bytes).into_owned()))
        .collect();
    BuiltBook {
        folder,
        files: files.into_keys().collect(),
        pages,
    }
}

/// The values of every `name="…"` attribute in `html`, entities decoded (`xlink:href` counts as
/// `href`).
fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let pattern = format!("{name}=\"");
    html.match_indices(pattern.as_str())
        .filter(|(at, _)| {
            html[..*at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_whitespace() || c == ':')
        })
        .filter_map(|(at, _)| {
            let value = &html[at + pattern.len()..];
            Some(decode_entities(&value[..value.find('"')?]))
        })
        .collect()
}

fn decode_entities(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// `target` (a link's path, without its fragment) as a path from the book's root, seen from the
/// page at `page`; None when it climbs out of the book.
fn resolve(page: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = if target.is_empty() {
        return Some(page.to_string());
    } else if target.starts_with('/') {
        Vec::new()
    } else {
        page.split('/').collect::<Vec<_>>()[..page.matches('/').count()].to_vec()
    };
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    let path = parts.join("/");
    Some(if path.is_empty() || target.ends_with('/') {
        format!("{path}/index.html")
            .trim_start_matches('/')
            .to_string()
    } else {
        path
    })
}

/// Names a built page by the source it came from, where there is one.
fn source_of(page: &str) -> String {
    let source = page.trim_end_matches(".html").to_string() + ".md";
    if chapters().join(&source).is_file() {
        format!("chapters/{source} ({page})")
    } else {
        page.to_string()
    }
}

/// The book, built once for the tests that read its HTML.
fn built_book() -> &'static BuiltBook {
    static BOOK: OnceLock<BuiltBook> = OnceLock::new();
    BOOK.get_or_init(build_book)
}

/// Links and anchors are checked in the HTML that mdBook builds, not in the Markdown: a heading
/// that does not render as a heading (swallowed by a code block that Markdown around an
/// `{{#include}}` left open) has no id in the built page, however right its source looks.
#[test]
fn every_internal_link_and_anchor_resolves() {
    let book = built_book();
    let ids: BTreeMap<&str, BTreeSet<String>> = book
        .pages
        .iter()
        .map(|(page, html)| {
            (
                page.as_str(),
                attribute_values(html, "id").into_iter().collect(),
            )
        })
        .collect();
    let mut problems = Vec::new();
    let mut links = 0;
    for (page, html) in &book.pages {
        for link in [
            attribute_values(html, "href"),
            attribute_values(html, "src"),
        ]
        .concat()
        {
            let is_external = link.starts_with("//")
                || link
                    .split_once(':')
                    .is_some_and(|(scheme, _)| !scheme.contains(['/', '#', '?', '.']));
            if is_external {
                continue;
            }
            links += 1;
            let (target, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let target = common::percent_decode(target.split('?').next().unwrap());
            let Some(file) = resolve(page, &target).filter(|f| book.files.contains(f)) else {
                problems.push(format!(
                    "{}: links to {link}, which the built book does not have",
                    source_of(page)
                ));
                continue;
            };
            let fragment = common::percent_decode(fragment);
            if !fragment.is_empty()
                && let Some(ids) = ids.get(file.as_str())
                && !ids.contains(&fragment)
            {
                problems.push(format!(
                    "{}: links to {link}, but the built {file} has no element with id \"{fragment}\" \
                     (a heading that did not render as one?)",
                    source_of(page)
                ));
            }
        }
    }
    assert!(
        links > 1000,
        "only {links} internal links in the built book: is it the book?"
    );
    assert!(
        problems.is_empty(),
        "(the built book is in {})\n{}",
        book.folder.display(),
        problems.join("\n")
    );
}

/// A Markdown fence that shows as text inside a code block means the Markdown around it did not
/// render: typically an `{{#include}}` in a list item, whose included lines are not indented.
#[test]
fn no_code_block_of_the_built_book_shows_raw_markdown() {
    let book = built_book();
    let mut problems = Vec::new();
    for (page, html) in book.pages.iter().filter(|(p, _)| *p != "print.html") {
        for block in html.split("<pre><code").skip(1) {
            let code = block.split("</code></pre>").next().unwrap_or("");
            let code = code.split_once('>').map_or("", |(_, c)| c);
            let mut text = String::new();
            let mut in_tag = false;
            for c in code.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' if in_tag => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            if let Some(line) = decode_entities(&text)
                .lines()
                .find(|l| l.trim_start().starts_with("```"))
            {
                problems.push(format!(
                    "{}: a code block shows the Markdown line \"{}\": the Markdown before it did not render",
                    source_of(page),
                    line.trim()
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "(the built book is in {})\n{}",
        book.folder.display(),
        problems.join("\n")
    );
}

#[test]
fn every_page_is_reachable_from_the_summary() {
    let summary = std::fs::read_to_string(chapters().join("SUMMARY.md")).unwrap();
    let listed: BTreeSet<String> = links(&chapters().join("SUMMARY.md")).into_iter().collect();
    let mut problems: Vec<String> = Vec::new();
    for page in pages() {
        let relative = page
            .strip_prefix(chapters())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if relative != "SUMMARY.md" && !listed.contains(&relative) {
            problems.push(format!("{relative} is not in SUMMARY.md"));
        }
    }
    for chapter in [
        "01-ownership",
        "02-no-std",
        "11-atomics",
        "appendix/workshop-guide.md",
        "appendix/glossary.md",
        "appendix/troubleshooting.md",
    ] {
        if !summary.contains(chapter) {
            problems.push(format!("SUMMARY.md lacks {chapter}"));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// A figure follows the theme's text colour (`currentColor`) only when its SVG is in the page
/// itself: included with `{{#include}}`, not shown with `![…](….svg)`, which makes it an image with
/// black text on a dark theme. Inline, a blank line would end Markdown's HTML block half-way
/// through the figure and print the rest of it as text. (tests/browser.rs checks the contrast.)
#[test]
fn every_figure_is_inline_and_whole() {
    let mut problems = Vec::new();
    let all_pages: Vec<(PathBuf, String)> = pages()
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    let figures = files_under_chapters("svg");
    for figure in &figures {
        let name = figure.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(figure).unwrap();
        if let Some(n) = text.lines().position(|l| l.trim().is_empty()) {
            problems.push(format!(
                "{}: blank line {} ends the figure early when it is included inline",
                figure.display(),
                n + 1
            ));
        }
        let included = all_pages.iter().any(|(page, page_text)| {
            page.parent() == figure.parent()
                && page_text.contains(&format!("{{{{#include {name}}}}}"))
        });
        if !included {
            problems.push(format!(
                "{} is not included inline by a page beside it ({{{{#include {name}}}}})",
                figure.display()
            ));
        }
        for (page, page_text) in &all_pages {
            if page_text.contains(&format!("]({name})")) {
                problems.push(format!(
                    "{} shows {name} as an image: its text cannot follow the theme's colour",
                    page.display()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn the_answer_key_includes_every_solution() {
    let key = chapters().join("appendix/answer-key.md");
    let text = std::fs::read_to_string(&key).unwrap();
    let included: BTreeSet<PathBuf> = includes(&key)
        .into_iter()
        .map(|(path, _)| path.canonicalize().unwrap_or(path))
        .collect();
    let root = workbook::repository_root();
    let catalogue = workbook::catalogue::Catalogue::load(&root).unwrap();
    let mut missing = Vec::new();
    for exercise in catalogue.exercises() {
        for source in workbook::starter::sources(&root, &exercise.solution_path) {
            let file = root.join(&exercise.solution_path).join(&source);
            // Every file of `src/`; a build setting (a `.cargo/config.toml` choosing the linker)
            // where the solution's differs from the starter's: the same machine twice says nothing.
            let same_as_starter = !source.starts_with("src")
                && std::fs::read(&file).ok()
                    == std::fs::read(root.join(&exercise.path).join(&source)).ok();
            if !same_as_starter && !included.contains(&file.canonicalize().unwrap()) {
                missing.push(format!("{} is not in the answer key", file.display()));
            }
        }
        // The way the starter fails, as its metadata declares it (which verification checks).
        let says = exercise.meta.starter_fails.sentence();
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("`{}` ([the exercise]", exercise.id)));
        match line {
            Some(line) if line.replace('"', "").contains(&says.replace('"', "")) => {}
            Some(line) => missing.push(format!(
                "the answer key says of {}: {line}\n  but its metadata declares: {says}",
                exercise.id
            )),
            None => missing.push(format!(
                "the answer key has no line `{}` ([the exercise](…)) …",
                exercise.id
            )),
        }
    }
    assert!(missing.is_empty(), "\n{}", missing.join("\n"));
}

#[test]
fn every_page_has_speaker_notes() {
    let missing: Vec<String> = pages()
        .into_iter()
        .filter(|page| !page.ends_with("SUMMARY.md"))
        .filter(|page| {
            // The notes close the page: nothing but their own block after their summary.
            let text = std::fs::read_to_string(page).unwrap();
            let Some((_, notes)) = text.rsplit_once("<details>\n<summary>Speaker notes</summary>")
            else {
                return true;
            };
            !notes.trim_end().ends_with("</details>") || notes.contains("<details>")
        })
        .map(|page| {
            format!(
                "{} has no speaker notes at its end (a <details> block whose summary is \
                 \"Speaker notes\", last on the page)",
                page.display()
            )
        })
        .collect();
    assert!(missing.is_empty(), "\n{}", missing.join("\n"));
}

#[test]
fn every_compile_fail_case_is_shown_with_its_output_and_its_fix() {
    let root = workbook::repository_root();
    let included: BTreeSet<PathBuf> = pages()
        .iter()
        .flat_map(|page| includes(page))
        .filter_map(|(path, _)| path.canonicalize().ok())
        .collect();
    let mut problems = Vec::new();
    let mut cases = 0;
    for chapter in std::fs::read_dir(root.join("compile-fail/cases"))
        .unwrap()
        .flatten()
    {
        for case in std::fs::read_dir(chapter.path()).unwrap().flatten() {
            let path = case.path();
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            cases += 1;
            let fixed = root
                .join("compile-fail/fixed")
                .join(chapter.file_name())
                .join(case.file_name());
            for shown in [path.clone(), path.with_extension("stderr"), fixed] {
                if !shown.canonicalize().is_ok_and(|p| included.contains(&p)) {
                    problems.push(format!(
                        "no page includes {}",
                        shown.strip_prefix(&root).unwrap_or(&shown).display()
                    ));
                }
            }
        }
    }
    assert!(cases > 0, "no compile-fail cases found");
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The cells of a Markdown table's row, trimmed.
fn table_cells(line: &str) -> Vec<&str> {
    line.trim()
        .trim_matches('|')
        .split('|')
        .map(str::trim)
        .collect()
}

/// The `| Segment | Minutes |` table of a chapter's first page: its rows' minutes and its total.
fn minutes_table(index: &Path) -> Option<(Vec<u32>, u32)> {
    let text = std::fs::read_to_string(index).ok()?;
    let mut rows = Vec::new();
    let mut total = None;
    let mut in_table = false;
    for line in text.lines() {
        let cells = table_cells(line);
        if cells.first() == Some(&"Segment") && cells.get(1) == Some(&"Minutes") {
            in_table = true;
            continue;
        }
        if !in_table || !line.trim_start().starts_with('|') {
            if in_table && !rows.is_empty() {
                break;
            }
            continue;
        }
        let minutes = cells.get(1).map(|c| c.trim_matches('*'));
        match (
            cells.first().map(|c| c.trim_matches('*')),
            minutes.and_then(|m| m.parse::<u32>().ok()),
        ) {
            (Some("Total"), Some(m)) => total = Some(m),
            (_, Some(m)) => rows.push(m),
            _ => {}
        }
    }
    Some((rows, total?))
}

#[test]
fn every_written_chapter_gives_its_minutes_and_they_add_up() {
    let catalogue = workbook::catalogue::Catalogue::load(&workbook::repository_root()).unwrap();
    let mut problems = Vec::new();
    for chapter in catalogue
        .chapters
        .iter()
        .filter(|c| !c.exercises.is_empty())
    {
        let index = chapters().join(&chapter.folder).join("index.md");
        match minutes_table(&index) {
            None => problems.push(format!(
                "{}: no `| Segment | Minutes |` table with a **Total** row",
                index.display()
            )),
            Some((rows, total)) if rows.iter().sum::<u32>() != total => problems.push(format!(
                "{}: the segments add up to {} minutes, the total says {total}",
                index.display(),
                rows.iter().sum::<u32>()
            )),
            Some((_, total)) => {
                let exercises: u32 = chapter.exercises.iter().map(|e| e.meta.minutes).sum();
                if total < exercises {
                    problems.push(format!(
                        "{}: {total} minutes in all, but its exercises alone take {exercises}",
                        index.display()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn every_exercise_is_shown_in_its_chapter() {
    let root = workbook::repository_root();
    let catalogue = workbook::catalogue::Catalogue::load(&root).unwrap();
    let mut problems = Vec::new();
    for chapter in &catalogue.chapters {
        let folder = chapters().join(&chapter.folder);
        let included: Vec<PathBuf> = pages()
            .into_iter()
            .filter(|p| p.starts_with(&folder))
            .flat_map(|p| includes(&p))
            .filter_map(|(path, _)| path.canonicalize().ok())
            .collect();
        for exercise in &chapter.exercises {
            let starter = root.join(&exercise.path).canonicalize().unwrap();
            if !included.iter().any(|p| p.starts_with(&starter)) {
                problems.push(format!(
                    "{}: no page of chapters/{} includes anything from {}",
                    exercise.label(),
                    chapter.folder,
                    exercise.path.display()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// One day's agenda in the workshop guide: its rows (start time in minutes, duration, block) and
/// the first line of text after the table, which says when the day ends and how long it teaches.
struct Agenda {
    rows: Vec<(u32, u32, String)>,
    summary: String,
}

/// `HH:MM` as minutes after midnight.
fn clock(text: &str) -> Option<u32> {
    let (h, m) = text.split_once(':')?;
    Some(h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?)
}

fn agendas(guide: &str) -> Vec<Agenda> {
    let lines: Vec<&str> = guide.lines().collect();
    let mut agendas = Vec::new();
    let mut current: Vec<(u32, u32, String)> = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let cells = table_cells(line);
        let start = cells.first().and_then(|c| clock(c));
        match (start, cells.get(1).and_then(|m| m.parse::<u32>().ok())) {
            (Some(start), Some(minutes)) if line.trim_start().starts_with('|') => {
                current.push((start, minutes, cells.get(2).unwrap_or(&"").to_string()));
            }
            _ if !current.is_empty() => agendas.push(Agenda {
                rows: std::mem::take(&mut current),
                summary: lines[n..]
                    .iter()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or(&"")
                    .to_string(),
            }),
            _ => {}
        }
    }
    if !current.is_empty() {
        agendas.push(Agenda {
            rows: current,
            summary: String::new(),
        });
    }
    agendas
}

/// The end time and the teaching minutes an agenda's summary line states:
/// `**Ends at 17:20.** Teaching time: 425 minutes (…)`.
fn agenda_summary(summary: &str) -> Option<(u32, u32)> {
    let end = clock(summary.split("Ends at ").nth(1)?.get(..5)?)?;
    let teaching = summary
        .split("Teaching time: ")
        .nth(1)?
        .split(" minutes")
        .next()?
        .parse()
        .ok()?;
    Some((end, teaching))
}

fn hh_mm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[test]
fn the_workshop_agendas_follow_the_chapters_minutes_and_their_clock() {
    let root = workbook::repository_root();
    let catalogue = workbook::catalogue::Catalogue::load(&root).unwrap();
    let guide_path = chapters().join("appendix/workshop-guide.md");
    let guide = std::fs::read_to_string(&guide_path).unwrap();
    let agendas = agendas(&guide);
    assert!(
        !agendas.is_empty(),
        "no agenda table in {}",
        guide_path.display()
    );
    let mut problems = Vec::new();
    let mut scheduled = BTreeSet::new();
    for Agenda { rows, summary } in &agendas {
        for pair in rows.windows(2) {
            let ((start, minutes, block), (next, _, _)) = (&pair[0], &pair[1]);
            if start + minutes != *next {
                problems.push(format!(
                    "'{block}' starts at {} and lasts {minutes} minutes, but the next block starts at {}",
                    hh_mm(*start),
                    hh_mm(*next)
                ));
            }
        }
        // Every block teaches but lunch and the breaks.
        let (first, last) = (&rows[0], &rows[rows.len() - 1]);
        let end = last.0 + last.1;
        let teaching: u32 = rows
            .iter()
            .filter(|(_, _, block)| !block.starts_with("Lunch") && !block.starts_with("Break"))
            .map(|(_, minutes, _)| minutes)
            .sum();
        match agenda_summary(summary) {
            None => problems.push(format!(
                "the agenda that starts at {} with '{}' is not followed by \
                 `**Ends at HH:MM.** Teaching time: N minutes (lunch and breaks not counted).`; \
                 it ends at {} after {teaching} minutes of teaching",
                hh_mm(first.0),
                first.2,
                hh_mm(end)
            )),
            Some((said_end, said_teaching)) if (said_end, said_teaching) != (end, teaching) => {
                problems.push(format!(
                    "the agenda that starts at {} with '{}' says it ends at {} after {said_teaching} \
                     minutes of teaching; its rows end at {} after {teaching}",
                    hh_mm(first.0),
                    first.2,
                    hh_mm(said_end),
                    hh_mm(end)
                ))
            }
            Some(_) => {}
        }
        for (_, minutes, block) in rows {
            for chapter in &catalogue.chapters {
                if !block.contains(&format!("../{}/index.md", chapter.folder)) {
                    continue;
                }
                scheduled.insert(chapter.folder.clone());
                let index = chapters().join(&chapter.folder).join("index.md");
                if let Some((_, total)) = minutes_table(&index)
                    && total != *minutes
                {
                    problems.push(format!(
                        "the agenda gives {} {minutes} minutes; its first page says {total}",
                        chapter.folder
                    ));
                }
            }
        }
    }
    for chapter in catalogue
        .chapters
        .iter()
        .filter(|c| !c.exercises.is_empty())
    {
        if !scheduled.contains(&chapter.folder) {
            problems.push(format!(
                "{} has exercises but no row in an agenda of the workshop guide",
                chapter.folder
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn every_layout_figure_is_drawn_from_the_output_it_shows() {
    let root = workbook::repository_root();
    let figures = workbook::figures::figures(&root).unwrap_or_else(|p| panic!("{}", p.0));
    let stale = workbook::figures::stale(&root, &figures);
    assert!(
        stale.is_empty(),
        "missing or out of date (the `layout …` lines of an expected.out changed); \
         `cargo workbook figures` redraws them:\n{}",
        stale
            .iter()
            .map(|p| format!("  {}", p.display()))
            .collect::<Vec<_>>()
            .join("\n")
    );
    // A figure nobody draws any more is a leftover.
    let drawn: BTreeSet<PathBuf> = figures.iter().map(|f| root.join(&f.path)).collect();
    for page in pages() {
        let folder = page.parent().unwrap();
        for entry in std::fs::read_dir(folder).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("layout-") && name.ends_with(".svg") {
                assert!(
                    drawn.contains(&entry.path()),
                    "{} is drawn from no `layout …` line of an expected.out",
                    entry.path().display()
                );
            }
        }
    }
}

/// A page may teach with a solution's code, but not show a learner the answer to an exercise
/// before they have tried it: where the lines a page includes from `solutions/` differ from the
/// starter's same lines, they must sit in a collapsed `<details>` block. (The answer key is all
/// answers, folded one by one, and is checked by `the_answer_key_includes_every_solution`.)
#[test]
fn a_page_shows_a_solutions_answer_only_folded_away() {
    let root = workbook::repository_root();
    let solutions = root.join("solutions").canonicalize().unwrap();
    let mut problems = Vec::new();
    for page in pages() {
        if page.ends_with("appendix/answer-key.md") {
            continue;
        }
        let text = std::fs::read_to_string(&page).unwrap();
        let mut rest = text.as_str();
        let mut offset = 0;
        for (path, selector) in includes(&page) {
            // Where this include stands in the page: after the ones before it.
            let at = offset + rest.find("{{#").unwrap_or(0);
            offset = at + 3;
            rest = &text[offset..];
            let Ok(path) = path.canonicalize() else {
                continue;
            };
            let Ok(relative) = path.strip_prefix(&solutions) else {
                continue;
            };
            let starter = root.join("exercises").join(relative);
            let shown = workbook::atlas::included_text(&path, selector.as_deref());
            if shown.is_some()
                && shown == workbook::atlas::included_text(&starter, selector.as_deref())
            {
                continue; // the same lines as the starter's: no answer in them
            }
            let before = &text[..at];
            let folded = before.matches("<details>").count() > before.matches("</details>").count();
            if !folded {
                problems.push(format!(
                    "{}: includes solutions/{}{} outside a <details> block, and those lines \
                     differ from the starter's: they give the exercise's answer away",
                    page.strip_prefix(chapters()).unwrap().display(),
                    relative.display(),
                    selector.map(|s| format!(":{s}")).unwrap_or_default()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The pictures of the memory map write the default machine's addresses and sizes by hand: they
/// must be those of its `memory.x`. Every `0xhhhh_hhhh` in a figure's text is a region's start or
/// end, and every `(NK)` a region's length.
#[test]
fn every_memory_map_figure_agrees_with_the_machines_memory_x() {
    let memory_x = std::fs::read_to_string(
        workbook::repository_root().join("qemu/machines/lm3s6965evb/memory.x"),
    )
    .unwrap();
    let mut addresses = BTreeSet::new();
    let mut lengths = BTreeSet::new();
    for line in memory_x.lines().filter(|l| l.contains("ORIGIN")) {
        let field = |name: &str| {
            let value = line
                .split(name)
                .nth(1)
                .unwrap()
                .trim_start_matches([' ', '=']);
            value.split([',', ' ']).next().unwrap().to_string()
        };
        let origin = u64::from_str_radix(field("ORIGIN").trim_start_matches("0x"), 16).unwrap();
        let length = field("LENGTH");
        let kib: u64 = length.trim_end_matches('K').parse().unwrap();
        for address in [origin, origin + kib * 1024] {
            addresses.insert(format!("0x{:04x}_{:04x}", address >> 16, address & 0xffff));
        }
        lengths.insert(format!("({length})"));
    }
    assert_eq!(addresses.len(), 4, "two regions in {memory_x}");
    let mut problems = Vec::new();
    let mut checked = 0;
    for figure in files_under_chapters("svg") {
        let svg = std::fs::read_to_string(&figure).unwrap();
        let text: String = svg
            .split("<text")
            .skip(1)
            .filter_map(|t| Some(t.split_once('>')?.1.split("</text>").next()?.to_string()))
            .collect::<Vec<_>>()
            .join(" ");
        let words = text.split(|c: char| c.is_whitespace() || c == ',');
        for word in words {
            let is_address =
                word.len() == 11 && word.starts_with("0x") && word.as_bytes()[6] == b'_';
            let is_length = word.starts_with('(') && word.ends_with("K)");
            if !(is_address || is_length) {
                continue;
            }
            checked += 1;
            if !addresses.contains(word) && !lengths.contains(word) {
                problems.push(format!(
                    "{}: says {word}, which is no start, end or length of the regions in \
                     qemu/machines/lm3s6965evb/memory.x ({addresses:?}, {lengths:?})",
                    figure.display()
                ));
            }
        }
    }
    assert!(
        checked >= 12,
        "only {checked} addresses and sizes found in the figures"
    );
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The traceability of the tree at hand (chapters/appendix/traceability.md is drawn from it).
fn trace() -> workbook::trace::Trace {
    let root = workbook::repository_root();
    let catalogue = workbook::catalogue::Catalogue::load(&root).unwrap_or_else(|p| panic!("{p}"));
    workbook::trace::read(&root, &catalogue).unwrap_or_else(|p| panic!("{p}"))
}

fn no_lines(lines: Vec<String>, what: &str) {
    assert!(
        lines.is_empty(),
        "{what} ({} of them; `cargo workbook trace --check` lists the same):\n{}",
        lines.len(),
        lines
            .iter()
            .map(|l| format!("  - {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_traceability_page_is_current() {
    let root = workbook::repository_root();
    let wanted = workbook::trace::page(&trace());
    let stale = workbook::trace::stale_sections(&workbook::trace::current_page(&root), &wanted);
    assert!(
        stale.is_empty(),
        "{} is out of date in: {}\n`cargo workbook trace` writes it again from the tree; \
         correct the metadata or the chapter's page, never that file",
        workbook::trace::PAGE,
        stale.join("; ")
    );
}

#[test]
fn every_objective_is_practised_or_says_why_not() {
    no_lines(
        workbook::trace::practice_gaps(&trace()),
        "objectives that nothing practises, or that are said to be practised by nothing",
    );
}

#[test]
fn every_exercise_and_compile_fail_case_practises_an_objective() {
    no_lines(
        workbook::trace::unserved(&trace()),
        "exercises and compile-fail cases that practise no objective",
    );
}

#[test]
fn every_objective_number_names_a_bullet_of_its_chapter() {
    no_lines(
        workbook::trace::out_of_range(&trace()),
        "objective numbers that name no bullet of their chapter",
    );
}

/// Every entry of the atlas of the compiler's refusals has its five parts in order, an anchor
/// made from its code, rustc's checked output showing that code, a fix from a file the tests
/// build, and a link to the chapter that teaches it; and the terminal shows each one whole.
#[test]
fn every_atlas_entry_has_its_parts_and_renders() {
    let root = workbook::repository_root();
    let entries = workbook::atlas::entries(&root).unwrap();
    let mut problems = workbook::atlas::entry_problems(&root, &entries);
    for entry in &entries {
        // The loop finds the entry from what a failed build reports: a code or a lint's name, or,
        // for an error with neither, the message of the first error the entry shows.
        let first = entry.first_error(&root).unwrap_or_default();
        let uncoded = entry.kind() == workbook::atlas::Kind::Named;
        let reported = (
            if uncoded {
                None
            } else {
                Some(entry.code.as_str())
            },
            first.as_str(),
        );
        let pointer = workbook::atlas::pointer(&root, &[reported]).unwrap_or_default();
        if !pointer.contains(&format!(" {}", entry.code)) {
            problems.push(format!(
                "{}: a build reporting ({:?}, \"{first}\") is not pointed to it: {pointer:?}",
                entry.code, reported.0
            ));
        }
        let shown = workbook::atlas::render(&root, entry);
        if shown.contains("(missing: ") || shown.contains("{{#") || shown.contains("](") {
            problems.push(format!(
                "{}: `cargo workbook explain` leaves an include or a link unresolved:\n{shown}",
                entry.code
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    // The index's table lists every entry.
    let index =
        std::fs::read_to_string(root.join(workbook::atlas::FOLDER).join("index.md")).unwrap();
    let unlisted: Vec<&str> = entries
        .iter()
        .filter(|e| !index.contains(&format!("#{})", e.id)))
        .map(|e| e.code.as_str())
        .collect();
    assert!(
        unlisted.is_empty(),
        "the atlas's index lists no link to {unlisted:?}"
    );
}

/// Every error code the workbook shows (a compile-fail case's or a starter's checked output, a
/// demo's checked run, a page's text) has an entry in the atlas, which has at least 35.
#[test]
fn every_error_code_shown_has_an_atlas_entry() {
    let root = workbook::repository_root();
    let entries = workbook::atlas::entries(&root).unwrap();
    let missing: Vec<String> = workbook::atlas::codes_shown(&root)
        .into_iter()
        .filter(|(code, _)| workbook::atlas::find(&entries, code).is_none())
        .map(|(code, seen)| format!("{code} (shown in {})", seen.display()))
        .collect();
    assert!(
        missing.is_empty(),
        "no atlas entry (chapters/appendix/atlas/) for:\n{}",
        missing.join("\n")
    );
    assert!(
        entries.len() >= 35,
        "the atlas has {} entries; it should cover at least 35 codes and lints",
        entries.len()
    );
}
