//! The built book in a real browser: search finds "critical section", a compile-fail page shows the
//! compiler's output, no code block has a Run button, every figure's text is readable in the light
//! and the dark themes, and two pages are saved as screenshots.
//!
//! The book is built with `mdbook build`, served from memory by a small HTTP server in this test,
//! and read by headless Chromium through its command line only (`--dump-dom`, `--screenshot`): a
//! harness page on the same origin (tests/browser/harness.html) loads the book's pages in iframes,
//! gathers facts as JSON, and the assertions here say what was expected and what was found.
//!
//! Needs Chromium: Debian's `chromium` package, `chromium-browser` or Chrome elsewhere, or the
//! browser's path in `CHROMIUM`. Without one the tests fail and say so, unless
//! `WORKBOOK_SKIP_BROWSER=1`, which skips them loudly. Screenshots go to `target/browser/`.

use crate::common;

use serde_json::Value;
use std::{
    collections::BTreeMap,
    io::{BufRead, BufReader, Read, Write},
    net::{TcpListener, TcpStream},
    path::{Path, PathBuf},
    process::{Command, Stdio},
    sync::{
        Arc, Mutex, OnceLock,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

const HARNESS: &str = include_str!("browser/harness.html");

/// All of mdBook 0.5's themes: `light` and `rust` are light, `coal`, `navy` and `ayu` dark.
const THEMES: [&str; 5] = ["light", "rust", "coal", "navy", "ayu"];

/// WCAG 2's minimum contrast for large text and for the parts of a graphic one needs to read.
const MIN_CONTRAST: f64 = 3.0;

const SEARCH_TERM: &str = "critical section";
const SEARCH_EXPECTS: &str = "/10-interrupts/critical-section-mutex.html";

/// A Chromium that hangs (a page that never finishes loading) must not hang `cargo test`. This is
/// a guard against a hang, not a measure of speed: the harness reads the book's 123 pages in
/// about 20 s on an idle two-core machine and took over 60 s beside a second `cargo test`, so
/// the limit leaves room for a loaded machine.
const CHROMIUM_TIME_LIMIT: Duration = Duration::from_secs(180);

/// A directory under the system's temporary directory, named after this process, removed on drop.
struct ScratchDir(PathBuf);

impl ScratchDir {
    fn new(label: &str) -> ScratchDir {
        let path =
            std::env::temp_dir().join(format!("workbook-browser-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        ScratchDir(path)
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn skip_requested() -> bool {
    std::env::var("WORKBOOK_SKIP_BROWSER").is_ok_and(|v| v == "1")
}

/// The book, built into a scratch directory and read back into memory: the server then needs no
/// directory that must outlive every test of this file.
fn build_book() -> Result<BTreeMap<String, Vec<u8>>, String> {
    common::build_book(&ScratchDir::new("book").0)
}

/// The Content-Type for a file the book contains; anything else is answered 404, so a new kind of
/// file shows up as a failed request rather than as something the browser guesses at.
fn content_type(path: &str) -> Option<&'static str> {
    let extension = path.rsplit_once('.')?.1;
    Some(match extension {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => return None,
    })
}

/// The site: the built book plus the harness's own files under /__harness/.
struct Site {
    files: BTreeMap<String, Vec<u8>>,
    /// Paths a page asked for that the book does not have: a broken image or script.
    not_found: Mutex<Vec<String>>,
    /// The harness's last report of what it is doing.
    progress: Mutex<String>,
}

impl Site {
    /// The files asked for and not found, without the icon Chromium asks every origin for (the
    /// book names its own).
    fn missing(&self) -> Vec<String> {
        let not_found = self.not_found.lock().unwrap_or_else(|e| e.into_inner());
        let mut missing: Vec<String> = not_found
            .iter()
            .filter(|path| path.as_str() != "/favicon.ico")
            .cloned()
            .collect();
        missing.sort();
        missing.dedup();
        missing
    }
}

/// Answers one GET; one request per connection (`Connection: close`) keeps the server trivial.
fn answer(mut stream: TcpStream, site: &Site) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // The headers are read and ignored: nothing in them changes the answer.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let mut words = request_line.split_whitespace();
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or("/"));
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let path = common::percent_decode(path.split('#').next().unwrap_or("/"));
    if path == "/__harness/progress" {
        // The harness says where it is: the last words of a run that had to be stopped.
        let step = common::percent_decode(query);
        *site.progress.lock().unwrap_or_else(|e| e.into_inner()) = step;
        let _ = stream.write_all(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
        return;
    }
    let mut relative = path.trim_start_matches('/').to_string();
    if relative.is_empty() || relative.ends_with('/') {
        relative.push_str("index.html");
    }
    let found = site
        .files
        .get(&relative)
        .zip(content_type(&relative))
        .filter(|_| method == "GET" && !relative.split('/').any(|s| s == ".."));
    let (status, kind, body): (&str, &str, &[u8]) = match found {
        Some((body, kind)) => ("200 OK", kind, body),
        None if method != "GET" => ("405 Method Not Allowed", "text/plain", b"GET only"),
        None => {
            site.not_found
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(path);
            ("404 Not Found", "text/plain", b"not found")
        }
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: max-age=600\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
}

/// Serves `site` on 127.0.0.1 on a port the system picks; returns the base URL. The thread lives
/// as long as the test process.
fn serve(site: Arc<Site>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let site = Arc::clone(&site);
            std::thread::spawn(move || answer(stream, &site));
        }
    });
    format!("http://{address}")
}

/// What a Chromium run printed.
struct ChromiumOutput {
    stdout: String,
    stderr: String,
}

/// Runs Chromium headless with `arguments`, in a fresh profile (no theme or storage left over from
/// another run), killed with everything it started if it outlives `CHROMIUM_TIME_LIMIT`.
fn run_chromium(chromium: &Path, arguments: &[String]) -> Result<ChromiumOutput, String> {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let profile = ScratchDir::new(&format!("profile-{}", RUNS.fetch_add(1, Ordering::Relaxed)));
    let mut command = Command::new(chromium);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--hide-scrollbars",
            // The book must work offline; a request elsewhere (the playground's crate list) fails
            // at once instead of stalling virtual time, which waits for the network.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        ])
        .arg(format!("--user-data-dir={}", profile.0.display()))
        .args(arguments)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        // Its own process group, so that the renderers and helpers can be stopped with it.
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let mut child = command.spawn().map_err(|e| {
        format!(
            "cannot start {} (CHROMIUM={:?}): {e}",
            chromium.display(),
            std::env::var_os("CHROMIUM").unwrap_or_default()
        )
    })?;
    let read_all = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            let _ = pipe.read_to_end(&mut text);
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let stdout = read_all(Box::new(child.stdout.take().unwrap()));
    let stderr = read_all(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break Some(status);
        }
        if started.elapsed() > CHROMIUM_TIME_LIMIT {
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    // Helpers that outlive the browser (a crash handler) would hold the pipes open.
    #[cfg(unix)]
    // SAFETY: kill(2) with the negated id of the process group this test created for Chromium.
    unsafe {
        libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL);
    }
    let _ = child.kill();
    let _ = child.wait();
    let output = ChromiumOutput {
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    };
    match status {
        Some(status) if status.success() => Ok(output),
        Some(status) => Err(format!(
            "{} {} exited with {status}; its stderr:\n{}",
            chromium.display(),
            arguments.join(" "),
            tail(&output.stderr)
        )),
        None => Err(format!(
            "{} {} did not finish in {CHROMIUM_TIME_LIMIT:?} and was stopped; its stderr:\n{}",
            chromium.display(),
            arguments.join(" "),
            tail(&output.stderr)
        )),
    }
}

/// The last lines of Chromium's stderr, without the D-Bus complaints of a machine without a session bus.
fn tail(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .filter(|line| !line.contains("dbus/"))
        .collect();
    lines[lines.len().saturating_sub(40)..].join("\n")
}

/// The first line of every trybuild `.stderr` a page includes, by the page's path in the built book.
fn compiler_output_by_page() -> BTreeMap<String, Vec<String>> {
    let chapters = workbook::repository_root().join("chapters");
    let mut expected = BTreeMap::new();
    fn walk(dir: &Path, chapters: &Path, expected: &mut BTreeMap<String, Vec<String>>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, chapters, expected);
                continue;
            }
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for piece in text.split("{{#include ").skip(1) {
                let included = piece.split("}}").next().unwrap().trim();
                if !included.ends_with(".stderr") {
                    continue;
                }
                let stderr = std::fs::read_to_string(path.parent().unwrap().join(included))
                    .unwrap_or_else(|e| panic!("{} includes {included}: {e}", path.display()));
                let page = path
                    .strip_prefix(chapters)
                    .unwrap()
                    .with_extension("html")
                    .to_string_lossy()
                    .replace('\\', "/");
                expected
                    .entry(page)
                    .or_default()
                    .push(stderr.lines().next().unwrap_or("").trim_end().to_string());
            }
        }
    }
    walk(&chapters, &chapters, &mut expected);
    expected
}

/// Pages with a figure: an inline `<svg>` with `<text>`, or an `<img>` of an `.svg`.
fn figure_pages(files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    files
        .iter()
        .filter(|(path, _)| path.ends_with(".html") && path.as_str() != "print.html")
        .filter(|(_, body)| {
            let html = String::from_utf8_lossy(body);
            html.contains("<text")
                || html
                    .split("<img ")
                    .skip(1)
                    .any(|img| img.split('>').next().unwrap().contains(".svg\""))
        })
        .map(|(path, _)| path.clone())
        .collect()
}

/// The book built and served, and the browser found: shared by the tests of this file.
struct Session {
    chromium: PathBuf,
    base: String,
    site: Arc<Site>,
    pages: Vec<String>,
    figure_pages: Vec<String>,
    compiler_output: BTreeMap<String, Vec<String>>,
}

/// None when the browser tests are skipped; a setup that failed fails every test with its reason.
fn session() -> Option<&'static Session> {
    static SESSION: OnceLock<Result<Option<Session>, String>> = OnceLock::new();
    match SESSION.get_or_init(start_session) {
        Ok(session) => session.as_ref(),
        Err(problem) => panic!("{problem}"),
    }
}

fn start_session() -> Result<Option<Session>, String> {
    let Some(chromium) = workbook::doctor::find_chromium() else {
        if skip_requested() {
            // Straight to stderr: the test harness captures eprintln!, and a skip must be seen.
            let _ = std::io::stderr().write_all(
                b"\n*** BROWSER TEST SKIPPED (WORKBOOK_SKIP_BROWSER=1): no Chromium found.\n\
                  *** The book's search, compiler output, Run buttons, figures and screenshots \
                  were NOT checked.\n\n",
            );
            return Ok(None);
        }
        return Err("the browser test needs Chromium and found none: install it \
             (`apt-get install chromium` on Debian, `chromium-browser` or Google Chrome elsewhere), \
             or name it with CHROMIUM=<path>, or set WORKBOOK_SKIP_BROWSER=1 to skip this test"
            .to_string());
    };
    let mut files = build_book()?;
    let pages: Vec<String> = files
        .keys()
        .filter(|p| p.ends_with(".html"))
        .cloned()
        .collect();
    let figure_pages = figure_pages(&files);
    let compiler_output = compiler_output_by_page();
    let config = serde_json::json!({
        "search": { "page": "/index.html", "term": SEARCH_TERM },
        "pages": pages,
        "compiler_output": compiler_output,
        "figure_pages": figure_pages,
        "themes": THEMES,
    });
    files.insert("__harness/index.html".into(), HARNESS.as_bytes().to_vec());
    files.insert(
        "__harness/config.json".into(),
        config.to_string().into_bytes(),
    );
    let site = Arc::new(Site {
        files,
        not_found: Mutex::new(Vec::new()),
        progress: Mutex::new(String::new()),
    });
    let base = serve(Arc::clone(&site));
    Ok(Some(Session {
        chromium,
        base,
        site,
        pages,
        figure_pages,
        compiler_output,
    }))
}

/// The harness's facts about the book, gathered once (one Chromium run) for the tests that judge them.
fn verdict() -> Option<(&'static Session, &'static Value)> {
    static VERDICT: OnceLock<Result<Value, String>> = OnceLock::new();
    let session = session()?;
    match VERDICT.get_or_init(|| run_harness(session)) {
        Ok(verdict) => Some((session, verdict)),
        Err(problem) => panic!("{problem}"),
    }
}

fn run_harness(session: &Session) -> Result<Value, String> {
    let started = Instant::now();
    // Virtual time runs the harness's waits at once; the budget only bounds a harness that loops.
    let output = run_chromium(
        &session.chromium,
        &[
            "--virtual-time-budget=120000".into(),
            "--window-size=1280,1000".into(),
            "--dump-dom".into(),
            format!("{}/__harness/index.html?mode=checks", session.base),
        ],
    )
    .map_err(|problem| {
        let progress = session
            .site
            .progress
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        match progress.as_str() {
            "" => problem,
            step => format!("{problem}\nthe harness had got to: {step}"),
        }
    })?;
    eprintln!(
        "browser: the harness read {} pages in {:.1} s",
        session.pages.len(),
        started.elapsed().as_secs_f64()
    );
    let verdict = output
        .stdout
        .split("<pre id=\"verdict\">")
        .nth(1)
        .and_then(|rest| rest.split("</pre>").next())
        .ok_or_else(|| {
            format!(
                "the harness wrote no verdict; its progress and the DOM:\n{}\nChromium's stderr:\n{}",
                tail(&output.stdout),
                tail(&output.stderr)
            )
        })?;
    let verdict: Value = serde_json::from_str(verdict)
        .map_err(|e| format!("the harness's verdict is not JSON ({e}): {verdict}"))?;
    match verdict.get("fatal") {
        Some(fatal) => Err(format!("the harness stopped: {}", text_of(fatal))),
        None => Ok(verdict),
    }
}

fn text_of(value: &Value) -> &str {
    value.as_str().unwrap_or("")
}

#[test]
fn search_finds_critical_section() {
    let Some((session, verdict)) = verdict() else {
        return;
    };
    let search = &verdict["search"];
    let results = search["results"].as_array().cloned().unwrap_or_default();
    let listing = results
        .iter()
        .map(|r| format!("  {} ({})", text_of(&r["href"]), text_of(&r["text"])))
        .collect::<Vec<_>>()
        .join("\n");
    if let Some(missing) = search["missing"].as_str() {
        panic!("expected the book's search UI, found {missing} (is [output.html.search] enabled?)");
    }
    assert!(
        search["index_requested"].as_bool() == Some(true),
        "opening the search box should have added the search index's script (searchindex-*.js)"
    );
    assert!(
        search["shown"].as_bool() == Some(true) && !results.is_empty(),
        "typing \"{SEARCH_TERM}\" into the book's search box showed no results; its header says {:?} \
         (files the book asked for and lacks: {:?})",
        text_of(&search["header"]),
        session.site.missing()
    );
    assert!(
        results
            .iter()
            .any(|r| text_of(&r["href"]) == SEARCH_EXPECTS),
        "searching \"{SEARCH_TERM}\": expected a result linking to {SEARCH_EXPECTS}, found:\n{listing}"
    );
    eprintln!("search: \"{SEARCH_TERM}\": {}", text_of(&search["header"]));
}

#[test]
fn compile_fail_pages_show_the_compiler_output() {
    let Some((session, verdict)) = verdict() else {
        return;
    };
    assert!(
        session
            .compiler_output
            .get("01-ownership/borrowing.html")
            .is_some_and(|lines| lines.iter().any(|l| l.starts_with("error[E0499]"))),
        "expected chapters/01-ownership/borrowing.md to include the E0499 case's .stderr"
    );
    let mut problems = Vec::new();
    let mut shown = 0;
    for page in verdict["pages"].as_array().unwrap() {
        for expected in page["compiler_output"].as_array().unwrap() {
            let (line, page) = (text_of(&expected["line"]), text_of(&page["page"]));
            if expected["in_code_block"].as_bool() != Some(true) {
                problems.push(format!(
                    "{page}: expected a code block with the line {line:?}; none has it"
                ));
            } else if expected["visible"].as_bool() != Some(true) {
                problems.push(format!(
                    "{page}: the code block with {line:?} is not visible (hidden, or in a closed <details>)"
                ));
            } else if line.starts_with("error[E0") && expected["block_has_error_code"] != true {
                problems.push(format!(
                    "{page}: the block with {line:?} lost its error code"
                ));
            } else {
                shown += 1;
            }
        }
    }
    let expected: usize = session.compiler_output.values().map(Vec::len).sum();
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    assert_eq!(
        shown, expected,
        "every included .stderr should have been looked for on its page"
    );
    eprintln!(
        "compiler output: {shown} .stderr files shown on {} pages",
        session.compiler_output.len()
    );
}

#[test]
fn no_page_has_a_run_button() {
    let Some((session, verdict)) = verdict() else {
        return;
    };
    let pages = verdict["pages"].as_array().unwrap();
    assert_eq!(
        pages.len(),
        session.pages.len(),
        "the harness should have read every page"
    );
    let mut problems = Vec::new();
    let mut rust_blocks = 0;
    let mut pages_with_rust = 0;
    for page in pages {
        let name = text_of(&page["page"]);
        let count = |key: &str| page[key].as_u64().unwrap_or(0);
        if count("play_buttons") > 0 || count("playgrounds") > 0 {
            problems.push(format!(
                "{name}: expected no Run button, found {} .play-button and {} pre.playground",
                count("play_buttons"),
                count("playgrounds")
            ));
        }
        rust_blocks += count("rust_blocks");
        pages_with_rust += usize::from(count("rust_blocks") > 0);
    }
    assert!(
        rust_blocks > 0,
        "no Rust code block on any page: the check for Run buttons would pass for nothing"
    );
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    eprintln!(
        "run buttons: none on {} pages, {rust_blocks} Rust code blocks on {pages_with_rust} of them",
        pages.len()
    );
}

#[test]
fn figures_are_readable_in_every_theme() {
    let Some((session, verdict)) = verdict() else {
        return;
    };
    assert!(
        !session.figure_pages.is_empty(),
        "no page of the built book has a figure"
    );
    let entries = verdict["figures"].as_array().unwrap();
    assert_eq!(
        entries.len(),
        session.figure_pages.len() * THEMES.len(),
        "every figure page should have been read in every theme"
    );
    let mut problems = Vec::new();
    // (ratio, one line per text) and, per figure and theme, (texts below the minimum, texts).
    let mut poor: Vec<(f64, (String, String, String), String)> = Vec::new();
    let mut by_figure: BTreeMap<(String, String, String), (usize, usize)> = BTreeMap::new();
    let mut measured = 0;
    let mut lowest = (f64::INFINITY, String::new());
    for entry in entries {
        let (page, theme) = (text_of(&entry["page"]), text_of(&entry["theme"]));
        if entry["applied"] != true {
            problems.push(format!(
                "{page}: the theme {theme} was chosen (the first in localStorage before the page \
                 loaded, the others with the page's theme buttons) but the page did not apply it"
            ));
            continue;
        }
        // The same in every theme: reported once, from the first.
        if theme == THEMES[0] && entry["stray_count"].as_u64().unwrap_or(0) > 0 {
            problems.push(format!(
                "{page}: expected every figure text inside an <svg>, found {} <text> elements \
                 outside one, shown as plain paragraphs ({}): a blank line inside an included \
                 SVG ends Markdown's HTML block and breaks the figure",
                entry["stray_count"],
                entry["stray"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| format!("{:?}", text_of(t)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let texts = entry["texts"].as_array().unwrap();
        if texts.is_empty() && theme == THEMES[0] && entry["stray_count"] == 0 {
            problems.push(format!(
                "{page}: expected a figure with text (an inline <svg> or an <img> of an .svg), \
                 found no SVG text to measure"
            ));
        }
        for text in texts {
            measured += 1;
            let figure = text_of(&text["figure"]);
            let ratio = text["ratio"].as_f64().unwrap_or(0.0);
            let key = (page.to_string(), figure.to_string(), theme.to_string());
            let tally = by_figure.entry(key.clone()).or_default();
            tally.1 += 1;
            if ratio < lowest.0 {
                lowest = (
                    ratio,
                    format!(
                        "{:?} in {figure} on {page}, {theme}",
                        text_of(&text["text"])
                    ),
                );
            }
            if ratio >= MIN_CONTRAST {
                continue;
            }
            tally.0 += 1;
            let notes = text["notes"]
                .as_array()
                .filter(|n| !n.is_empty())
                .map(|n| format!(" (notes: {n:?})"))
                .unwrap_or_default();
            poor.push((
                ratio,
                key,
                format!(
                    "  {ratio:>5.2}  {page} {theme:<5} {figure}: {:?} is {} on {}{notes}",
                    text_of(&text["text"]),
                    text_of(&text["fg"]),
                    text_of(&text["bg"]),
                ),
            ));
        }
    }
    if !poor.is_empty() {
        poor.sort_by(|a, b| a.0.total_cmp(&b.0));
        // The worst three of each figure in each theme, so one bad figure does not hide the others.
        let mut shown: BTreeMap<&(String, String, String), usize> = BTreeMap::new();
        let worst: Vec<&str> = poor
            .iter()
            .filter(|(_, key, _)| {
                let count = shown.entry(key).or_default();
                *count += 1;
                *count <= 3
            })
            .map(|(_, _, line)| line.as_str())
            .collect();
        let summary: Vec<String> = by_figure
            .iter()
            .filter(|(_, (low, _))| *low > 0)
            .map(|((page, figure, theme), (low, all))| {
                format!("  {page} {figure} in {theme}: {low} of {all} texts")
            })
            .collect();
        problems.push(format!(
            "expected every figure text at a contrast of {MIN_CONTRAST}:1 or more against what is \
             under it; {} of {measured} are below, in\n{}\nthe worst (ratio, page, theme, figure: \
             text, colour on background):\n{}",
            poor.len(),
            summary.join("\n"),
            worst.join("\n")
        ));
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    eprintln!(
        "figures: {measured} texts on {} pages in {} themes, all at {MIN_CONTRAST}:1 or more; \
         the lowest {:.2}: {}",
        session.figure_pages.len(),
        THEMES.len(),
        lowest.0,
        lowest.1
    );
}

#[test]
fn the_book_asks_for_no_missing_file() {
    // After the harness has read every page.
    let Some((session, _)) = verdict() else {
        return;
    };
    let missing = session.site.missing();
    assert!(
        missing.is_empty(),
        "the pages asked for files the built book does not have:\n{}",
        missing.join("\n")
    );
}

/// Width and height from a PNG's IHDR chunk, or None if `bytes` is not a PNG.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let signature = b"\x89PNG\r\n\x1a\n";
    if bytes.len() < 24 || &bytes[..8] != signature || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    Some((number(16), number(20)))
}

#[test]
fn screenshots_of_two_pages() {
    let Some(session) = session() else { return };
    // target/browser/, beside cargo's target/tmp (CARGO_TARGET_DIR's when set).
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("browser");
    std::fs::create_dir_all(&folder).unwrap();
    let shots = [
        (
            "lost-update-light.png",
            "theme=light&page=10-interrupts/lost-update.html&focus=svg",
        ),
        (
            "borrowing-navy.png",
            "theme=navy&page=01-ownership/borrowing.html&focus=pre&containing=error%5BE0499%5D",
        ),
    ];
    for (name, query) in shots {
        let file = folder.join(name);
        let _ = std::fs::remove_file(&file);
        run_chromium(
            &session.chromium,
            &[
                "--virtual-time-budget=10000".into(),
                "--window-size=1280,1000".into(),
                format!("--screenshot={}", file.display()),
                format!("{}/__harness/index.html?mode=show&{query}", session.base),
            ],
        )
        .unwrap_or_else(|problem| panic!("{problem}"));
        let bytes = std::fs::read(&file)
            .unwrap_or_else(|e| panic!("expected a screenshot at {}: {e}", file.display()));
        assert_eq!(
            png_size(&bytes),
            Some((1280, 1000)),
            "{}: expected a 1280x1000 PNG",
            file.display()
        );
        // A blank or error page compresses to a few kilobytes; a page of text and a figure does not.
        assert!(
            bytes.len() > 30_000,
            "{}: only {} bytes, expected a page with text on it (files the book lacks: {:?})",
            file.display(),
            bytes.len(),
            session.site.missing()
        );
        eprintln!("screenshot: {} ({} KB)", file.display(), bytes.len() / 1024);
    }
}
