//! The book shows only what is checked: every `{{#include}}` resolves (file and anchor), every
//! internal link and anchor resolves, every page is reachable from SUMMARY.md, and every
//! compile-fail case appears on a page with its compiler output and its fix.

use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
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

/// `{{#include path:anchor}}` and friends: (page, path, optional anchor or line range).
fn includes(page: &Path) -> Vec<(PathBuf, Option<String>)> {
    let text = std::fs::read_to_string(page).unwrap();
    let mut found = Vec::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find("{{#") {
        let after = &rest[start + 3..];
        let end = after.find("}}").expect("an unclosed {{# in a page");
        let directive = after[..end].trim();
        rest = &after[end..];
        let Some(argument) = ["include ", "rustdoc_include "]
            .iter()
            .find_map(|d| directive.strip_prefix(d))
        else {
            continue;
        };
        let mut parts = argument.trim().splitn(2, ':');
        let path = page.parent().unwrap().join(parts.next().unwrap());
        found.push((path, parts.next().map(String::from)));
    }
    found
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
                let opens = text.contains(&format!("ANCHOR: {anchor}"));
                let closes = text.contains(&format!("ANCHOR_END: {anchor}"));
                if !(opens && closes) {
                    problems.push(format!("{}: includes anchor '{anchor}' of {}, which has no ANCHOR/ANCHOR_END pair of that name", page.display(), path.display()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// mdBook's heading ids: lower case, spaces to dashes, punctuation dropped.
fn heading_id(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_ascii_lowercase())
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// The anchors a page offers: its headings' ids and any explicit `id="…"`.
fn anchors(page: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(page).unwrap();
    let mut ids = BTreeSet::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if in_code {
            continue;
        }
        if let Some(heading) = line
            .strip_prefix('#')
            .map(|h| h.trim_start_matches('#').trim())
        {
            match heading.rsplit_once("{#") {
                Some((_, explicit)) => {
                    ids.insert(explicit.trim_end_matches('}').trim().to_string())
                }
                None => ids.insert(heading_id(heading)),
            };
        }
        for piece in line.split("id=\"").skip(1) {
            ids.insert(piece.split('"').next().unwrap().to_string());
        }
    }
    ids
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

#[test]
fn every_internal_link_and_anchor_resolves() {
    let mut problems = Vec::new();
    for page in pages() {
        for link in links(&page) {
            let (file, fragment) = link
                .split_once('#')
                .map_or((link.as_str(), None), |(f, a)| (f, Some(a)));
            let target = if file.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(file)
            };
            if !target.exists() {
                problems.push(format!(
                    "{}: links to {link}, which does not exist",
                    page.display()
                ));
                continue;
            }
            if let Some(fragment) = fragment
                && target.extension().is_some_and(|e| e == "md")
                && !anchors(&target).contains(fragment)
            {
                problems.push(format!(
                    "{}: links to {link}, but that page has no anchor '{fragment}'",
                    page.display()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
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
            if !included.contains(&file.canonicalize().unwrap()) {
                missing.push(format!("{} is not in the answer key", file.display()));
            }
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
            !std::fs::read_to_string(page)
                .unwrap()
                .contains("<details>\n<summary>Speaker notes</summary>")
        })
        .map(|page| format!("{} has no speaker notes", page.display()))
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

#[test]
fn heading_ids_follow_mdbook() {
    assert_eq!(
        heading_id("Copy, move, and a 1 KiB array"),
        "copy-move-and-a-1-kib-array"
    );
    assert_eq!(heading_id("`Send` and `Sync`"), "send-and-sync");
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

/// The rows of the workshop guide's agenda tables: start time in minutes, duration, block.
fn agenda_rows(guide: &str) -> Vec<Vec<(u32, u32, String)>> {
    let mut tables = Vec::new();
    let mut current: Vec<(u32, u32, String)> = Vec::new();
    for line in guide.lines() {
        let cells = table_cells(line);
        let start = cells.first().and_then(|c| {
            let (h, m) = c.split_once(':')?;
            Some(h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?)
        });
        match (start, cells.get(1).and_then(|m| m.parse::<u32>().ok())) {
            (Some(start), Some(minutes)) if line.trim_start().starts_with('|') => {
                current.push((start, minutes, cells.get(2).unwrap_or(&"").to_string()));
            }
            _ if !current.is_empty() => tables.push(std::mem::take(&mut current)),
            _ => {}
        }
    }
    if !current.is_empty() {
        tables.push(current);
    }
    tables
}

#[test]
fn the_workshop_agendas_follow_the_chapters_minutes_and_their_clock() {
    let root = workbook::repository_root();
    let catalogue = workbook::catalogue::Catalogue::load(&root).unwrap();
    let guide_path = chapters().join("appendix/workshop-guide.md");
    let guide = std::fs::read_to_string(&guide_path).unwrap();
    let tables = agenda_rows(&guide);
    assert!(
        !tables.is_empty(),
        "no agenda table in {}",
        guide_path.display()
    );
    let mut problems = Vec::new();
    let mut scheduled = BTreeSet::new();
    for table in &tables {
        for pair in table.windows(2) {
            let ((start, minutes, block), (next, _, _)) = (&pair[0], &pair[1]);
            if start + minutes != *next {
                problems.push(format!(
                    "'{block}' starts at {:02}:{:02} and lasts {minutes} minutes, but the next block starts at {:02}:{:02}",
                    start / 60,
                    start % 60,
                    next / 60,
                    next % 60
                ));
            }
        }
        for (_, minutes, block) in table {
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
