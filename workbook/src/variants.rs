//! The judge, tested both ways: every exercise's known wrong versions must get NOT YET for their
//! reason, and its correct alternatives must pass.
//!
//! An exercise's variants are declared in `variants.toml` beside its solution, each as changes
//! to the solution's sources (or the starter's, with `from = "starter"`): a `find` text that
//! occurs once in a file and its `replace`ment, so that a variant reads as the one slip it is.
//!
//! ```toml
//! [[variant]]
//! name = "second-buffer"
//! what = "builds the body in a second buffer and copies it in"
//! refused = "outside tx_buf"          # a text the judge's message must contain
//! [[variant.change]]
//! file = "src/main.rs"
//! find = "…"
//! replace = "…"
//! ```
//!
//! A variant without `refused` is a correct alternative: it must pass. Besides the declared ones,
//! every exercise gets the generic attacks: printing `expected.out` back, editing
//! `expected.out` or the metadata, changing the folder's cargo config, and (where it has them)
//! weakening its host unit tests.
//!
//! Each variant is written out as a learner's folder under `target/variants/` and judged there
//! the way `cargo workbook run` judges a learner's: first without building (the harness, the
//! forbidden constructs, the workbook's files); what that does not refuse is built, in one
//! workspace of its own with one cargo invocation per target, and run under QEMU.

use crate::{
    Problem,
    catalogue::Exercise,
    firmware,
    judge::{self, Reference},
    machines::Machine,
    problem,
    verify::{self, Progress, Verdict},
};
use serde::Deserialize;
use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
    sync::Mutex,
};

/// The file beside a solution's `Cargo.toml` that declares its exercise's variants.
pub const VARIANTS_FILE: &str = "variants.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct VariantsFile {
    #[serde(default)]
    variant: Vec<Declared>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Declared {
    name: String,
    what: String,
    refused: Option<String>,
    #[serde(default)]
    from: Base,
    change: Vec<Change>,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
enum Base {
    #[default]
    Solution,
    Starter,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Change {
    file: String,
    /// Text that occurs exactly once in the file; without it, `replace` is the whole file.
    find: Option<String>,
    replace: String,
}

/// Seconds a variant may run under QEMU.
const VARIANT_TIME_LIMIT: u32 = 3;

/// What the judge must make of a variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// NOT YET, with a message that contains this text.
    Refused(String),
    /// Judged against the workbook's file, with a line that contains this text.
    Ignored(String),
    /// PASS: a correct alternative.
    Passes,
}

/// One variant, ready to be judged.
#[derive(Debug, Clone)]
pub struct Case {
    pub name: String,
    pub what: String,
    pub expect: Expect,
    /// One of the attacks every exercise gets, rather than one of its own.
    pub generic: bool,
    /// The learner's folder: every file, relative to it.
    files: BTreeMap<PathBuf, Vec<u8>>,
}

/// How a variant fared.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub name: String,
    pub what: String,
    pub expect: Expect,
    pub generic: bool,
    /// `Pass` when the judge did what the variant expects of it.
    pub verdict: Verdict,
}

/// The learner's folder of `exercise` as its starter is, with `src/` (and the files the learner
/// owns) taken from `base`.
fn folder_from(root: &Path, exercise: &Exercise, base: Base) -> BTreeMap<PathBuf, Vec<u8>> {
    let read_all = |folder: &Path| -> BTreeMap<PathBuf, Vec<u8>> {
        crate::starter::files_in(&root.join(folder))
            .into_iter()
            .filter(|p| p.file_name().is_some_and(|n| n != VARIANTS_FILE))
            .filter_map(|p| Some((p.clone(), std::fs::read(root.join(folder).join(&p)).ok()?)))
            .collect()
    };
    let mut files = read_all(&exercise.path);
    if base == Base::Solution {
        let learners = |p: &Path| {
            p.starts_with("src")
                || exercise
                    .meta
                    .learner_files
                    .iter()
                    .any(|f| Path::new(f) == p)
        };
        files.retain(|p, _| !learners(p));
        files.extend(
            read_all(&exercise.solution_path)
                .into_iter()
                .filter(|(p, _)| learners(p)),
        );
    }
    files
}

fn apply(
    files: &mut BTreeMap<PathBuf, Vec<u8>>,
    change: &Change,
    label: &str,
) -> Result<(), Problem> {
    let path = PathBuf::from(&change.file);
    match &change.find {
        None => {
            files.insert(path, change.replace.clone().into_bytes());
        }
        Some(find) => {
            let text = files
                .get(&path)
                .and_then(|b| String::from_utf8(b.clone()).ok())
                .ok_or_else(|| {
                    problem!("{label}: changes {}, which it does not have", change.file)
                })?;
            let count = text.matches(find.as_str()).count();
            if count != 1 {
                return Err(problem!(
                    "{label}: the text to find in {} occurs {count} times, not once:\n{find}",
                    change.file
                ));
            }
            files.insert(
                path,
                text.replacen(find.as_str(), &change.replace, 1)
                    .into_bytes(),
            );
        }
    }
    Ok(())
}

/// How many variants an exercise's `variants.toml` declares, of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeclaredCounts {
    /// Known wrong versions: the judge must refuse each (`refused` is set).
    pub refused: usize,
    /// Correct alternatives: each must pass (no `refused`).
    pub passing: usize,
}

/// What `exercise`'s `variants.toml` declares, counted without building anything; nothing when
/// the solution has no such file.
pub fn declared_counts(root: &Path, exercise: &Exercise) -> Result<DeclaredCounts, Problem> {
    let file = root.join(&exercise.solution_path).join(VARIANTS_FILE);
    if !file.is_file() {
        return Ok(DeclaredCounts::default());
    }
    let text = std::fs::read_to_string(&file)
        .map_err(|e| problem!("{}: cannot read: {e}", file.display()))?;
    let declared: VariantsFile =
        toml::from_str(&text).map_err(|e| problem!("{}: {e}", file.display()))?;
    let refused = declared
        .variant
        .iter()
        .filter(|v| v.refused.is_some())
        .count();
    Ok(DeclaredCounts {
        refused,
        passing: declared.variant.len() - refused,
    })
}

/// The variants of `exercise`: its own, from its solution's `variants.toml`, then the generic
/// attacks.
pub fn cases(root: &Path, exercise: &Exercise) -> Result<Vec<Case>, Problem> {
    let mut cases = Vec::new();
    let file = root.join(&exercise.solution_path).join(VARIANTS_FILE);
    if file.is_file() {
        let text = std::fs::read_to_string(&file)
            .map_err(|e| problem!("{}: cannot read: {e}", file.display()))?;
        let declared: VariantsFile =
            toml::from_str(&text).map_err(|e| problem!("{}: {e}", file.display()))?;
        for variant in declared.variant {
            let label = format!("{} variant {}", exercise.label(), variant.name);
            let mut files = folder_from(root, exercise, variant.from);
            for change in &variant.change {
                apply(&mut files, change, &label)?;
            }
            cases.push(Case {
                name: variant.name,
                what: variant.what,
                expect: variant.refused.map_or(Expect::Passes, Expect::Refused),
                generic: false,
                files,
            });
        }
    }
    cases.extend(generic_cases(root, exercise));
    Ok(cases)
}

fn generic_cases(root: &Path, exercise: &Exercise) -> Vec<Case> {
    let mut cases = Vec::new();
    let solution = folder_from(root, exercise, Base::Solution);
    let text = |files: &BTreeMap<PathBuf, Vec<u8>>, p: &str| {
        files
            .get(Path::new(p))
            .map(|b| String::from_utf8_lossy(b).into_owned())
    };
    let case = |name: &str, what: &str, expect: Expect, files| Case {
        name: name.into(),
        what: what.into(),
        expect,
        generic: true,
        files,
    };

    // The answer file printed back, from the first function the learner writes (or a new one).
    let print = "cortex_m_semihosting::hprintln!(\"{}\", include_str!(\"../expected.out\"));";
    let mut printing = solution.clone();
    if let Some(main) = text(&solution, "src/main.rs") {
        let function = exercise
            .meta
            .learner_writes
            .iter()
            .find_map(|w| w.strip_prefix("fn "))
            .or(exercise
                .meta
                .learner_writes
                .iter()
                .any(|w| w == "*")
                .then_some("main"));
        let body = function.and_then(|f| {
            let at = main.find(&format!("fn {f}("))?;
            Some(at + main[at..].find('{')? + 1)
        });
        let changed = match body {
            Some(at) => format!("{}\n    {print}\n{}", &main[..at], &main[at..]),
            None => format!("{main}\nfn print_the_answer() {{\n    {print}\n}}\n"),
        };
        printing.insert("src/main.rs".into(), changed.into_bytes());
        cases.push(case(
            "prints-expected-out",
            "prints expected.out back instead of computing it",
            Expect::Refused("`include_str!`".into()),
            printing,
        ));
        // The same from the harness's `main`, and the program ended there.
        if let Some(at) = main
            .find("fn main(")
            .and_then(|at| Some(at + main[at..].find('{')? + 1))
        {
            let mut from_main = solution.clone();
            from_main.insert(
                "src/main.rs".into(),
                format!(
                    "{}\n    {print}\n    board::exit_success();\n{}",
                    &main[..at],
                    &main[at..]
                )
                .into_bytes(),
            );
            cases.push(case(
                "prints-expected-out-from-main",
                "prints expected.out back from main and ends the program there",
                Expect::Refused("`include_str!`".into()),
                from_main,
            ));
        }
    }

    // Names the harness calls, replaced by the learner's own, and a module the judge never reads.
    let starter_main = text(&folder_from(root, exercise, Base::Starter), "src/main.rs");
    if let (Some(main), Some(starter_main)) = (text(&solution, "src/main.rs"), starter_main) {
        // What the starter's code (not its comments) calls.
        let harness: String = starter_main
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect();
        let before_entry = |item: &str| match main.find("\n#[entry]") {
            Some(at) => format!("{}\n{item}\n{}", &main[..at], &main[at..]),
            None => format!("{main}\n{item}\n"),
        };
        let mut shadowing = Vec::new();
        if harness.contains("board::") && !main.contains("mod board") {
            shadowing.push((
                "shadows-board",
                "replaces the board crate the harness measures with by a module of its own",
                "mod board {\n    pub use ::board::*;\n}",
                "`board`: the harness uses this name",
            ));
        }
        if harness.contains("assert!(") {
            shadowing.push((
                "shadows-assert",
                "defines an assert! that checks nothing, before the harness's checks",
                "macro_rules! assert {\n    ($($checked:tt)*) => {};\n}",
                "`assert`: the harness uses this name",
            ));
        }
        shadowing.push((
            "module-from-elsewhere",
            "reads a module from a file outside src/, which the judge would not see",
            "#[path = \"../elsewhere.rs\"]\nmod elsewhere;",
            "`#[path]`",
        ));
        for (name, what, item, refused) in shadowing {
            let mut files = solution.clone();
            files.insert("src/main.rs".into(), before_entry(item).into_bytes());
            if name == "module-from-elsewhere" {
                files.insert(
                    "elsewhere.rs".into(),
                    b"pub fn sum() -> u32 { 0 }\n".to_vec(),
                );
            }
            cases.push(case(name, what, Expect::Refused(refused.into()), files));
        }
    }

    // On a solved version, so that nothing but the edit is judged.
    let mut answer = solution.clone();
    answer.insert(
        "expected.out".into(),
        b"whatever the program prints\n".to_vec(),
    );
    cases.push(case(
        "edits-expected-out",
        "edits expected.out, which the judge must not read",
        Expect::Ignored("expected.out is the workbook's".into()),
        answer,
    ));

    if let Some(manifest) = text(&solution, "Cargo.toml") {
        let edited = match manifest.find("\nsolution-exit-code = ") {
            Some(at) => {
                let end = at + 1 + manifest[at + 1..].find('\n').unwrap_or(0);
                format!(
                    "{}\nsolution-exit-code = 101{}",
                    &manifest[..at],
                    &manifest[end..]
                )
            }
            None => manifest.replacen(
                "[package.metadata.workbook]\n",
                "[package.metadata.workbook]\nsolution-exit-code = 101\n",
                1,
            ),
        };
        let mut metadata = solution.clone();
        metadata.insert("Cargo.toml".into(), edited.into_bytes());
        cases.push(case(
            "edits-metadata",
            "declares in the metadata that failing is passing",
            Expect::Ignored("metadata is the workbook's".into()),
            metadata,
        ));
    }

    let config = ".cargo/config.toml";
    let mut configured = solution.clone();
    let settings = match text(&solution, config) {
        Some(existing) => format!("{existing}\n[profile.dev]\nopt-level = \"s\"\n"),
        None => "[profile.dev]\nopt-level = \"s\"\n".to_string(),
    };
    configured.insert(config.into(), settings.into_bytes());
    cases.push(case(
        "changes-folder-config",
        "optimises the dev build in the folder's cargo config",
        Expect::Refused(config.into()),
        configured,
    ));

    // Host unit tests are the workbook's, unless writing them is the exercise (12.5, where the
    // coverage check and the mutants judge them, and the declared variants weaken them).
    let tests_are_the_learners = exercise
        .meta
        .learner_writes
        .iter()
        .any(|w| w == "mod tests");
    if let Some(lib) = text(&solution, "src/lib.rs")
        .filter(|l| l.contains("#[test]"))
        .filter(|_| !tests_are_the_learners)
    {
        let mut weakened = solution.clone();
        weakened.insert(
            "src/lib.rs".into(),
            lib.replacen("#[test]", "#[test]\n    #[ignore]", 1)
                .into_bytes(),
        );
        cases.push(case(
            "weakens-host-tests",
            "switches off one of the host unit tests",
            Expect::Refused("`mod tests`".into()),
            weakened,
        ));
    }
    cases
}

/// Writes `files` as the folder `dir`, touching only what differs (so cargo rebuilds only what
/// changed) and removing what is not among them.
fn write_folder(dir: &Path, files: &BTreeMap<PathBuf, Vec<u8>>) -> Result<(), Problem> {
    for present in crate::starter::files_in(dir) {
        if !files.contains_key(&present) {
            let _ = std::fs::remove_file(dir.join(&present));
        }
    }
    for (path, bytes) in files {
        write_if_changed(&dir.join(path), bytes)?;
    }
    Ok(())
}

fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), Problem> {
    if std::fs::read(path).ok().as_deref() == Some(bytes) {
        return Ok(());
    }
    std::fs::create_dir_all(path.parent().expect("a file has a folder"))
        .and_then(|()| std::fs::write(path, bytes))
        .map_err(|e| problem!("cannot write {}: {e}", path.display()))
}

/// The workspace the variants are built in: the root's settings and dependencies, its own
/// members, the root's `target/` (so that dependencies built for the exercises are reused).
fn write_workspace(root: &Path, dir: &Path, members: &[String]) -> Result<(), Problem> {
    let manifest_path = root.join("Cargo.toml");
    let mut manifest: toml::Table = std::fs::read_to_string(&manifest_path)
        .ok()
        .and_then(|t| toml::from_str(&t).ok())
        .ok_or_else(|| problem!("cannot read {}", manifest_path.display()))?;
    let workspace = manifest
        .get_mut("workspace")
        .and_then(|w| w.as_table_mut())
        .ok_or_else(|| problem!("{} has no [workspace]", manifest_path.display()))?;
    workspace.remove("default-members");
    workspace.insert(
        "members".into(),
        toml::Value::Array(members.iter().cloned().map(toml::Value::String).collect()),
    );
    if let Some(dependencies) = workspace
        .get_mut("dependencies")
        .and_then(|d| d.as_table_mut())
    {
        for (_, spec) in dependencies.iter_mut() {
            if let Some(path) = spec.get_mut("path")
                && let Some(relative) = path.as_str()
            {
                *path = toml::Value::String(root.join(relative).to_string_lossy().into_owned());
            }
        }
    }
    let text = format!(
        "# Written by the workbook's verification: its exercises' known wrong versions and correct\n# alternatives, each a learner's folder (workbook/src/variants.rs).\n{}",
        toml::to_string(&manifest).map_err(|e| problem!("{e}"))?
    );
    write_if_changed(&dir.join("Cargo.toml"), text.as_bytes())?;
    // The root's lock, every time: a run over fewer exercises prunes the variants' lock, and
    // what it pruned would be resolved afresh (to newer versions) by the next run.
    let lock = std::fs::read(root.join("Cargo.lock")).unwrap_or_default();
    write_if_changed(&dir.join("Cargo.lock"), &lock)?;
    // The exercises' cargo config (their target), with the root's `target/` for the build.
    let mut config: toml::Table =
        std::fs::read_to_string(root.join("exercises/.cargo/config.toml"))
            .ok()
            .and_then(|t| toml::from_str(&t).ok())
            .unwrap_or_default();
    let build = config
        .entry("build")
        .or_insert_with(|| toml::Value::Table(toml::Table::new()));
    if let Some(build) = build.as_table_mut() {
        build.insert(
            "target-dir".into(),
            toml::Value::String(root.join("target").to_string_lossy().into_owned()),
        );
    }
    let config = toml::to_string(&config).map_err(|e| problem!("{e}"))?;
    write_if_changed(&dir.join(".cargo/config.toml"), config.as_bytes())
}

/// The exercise's manifest with the package called `member`, its binary too, and its library
/// (if it has one) still called as the learner's code names it.
fn renamed_manifest(text: &str, id: &str, member: &str, library: bool) -> Result<String, Problem> {
    let mut manifest: toml::Table =
        toml::from_str(text).map_err(|e| problem!("{id}'s Cargo.toml: {e}"))?;
    let set = |table: &mut toml::Table, key: &str, value: &str| {
        table.insert(key.into(), toml::Value::String(value.into()));
    };
    if let Some(package) = manifest.get_mut("package").and_then(|p| p.as_table_mut()) {
        set(package, "name", member);
    }
    if let Some(bins) = manifest.get_mut("bin").and_then(|b| b.as_array_mut()) {
        for bin in bins.iter_mut().filter_map(|b| b.as_table_mut()) {
            if bin.get("name").and_then(|n| n.as_str()) == Some(id) {
                set(bin, "name", member);
            }
        }
    }
    if library {
        let lib = manifest
            .entry("lib")
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        if let Some(lib) = lib.as_table_mut()
            && !lib.contains_key("name")
        {
            set(lib, "name", &id.replace('-', "_"));
        }
    }
    toml::to_string(&manifest).map_err(|e| problem!("{e}"))
}

/// What judging an exercise's variants without building them found.
struct Looked {
    written: Vec<String>,
    outcomes: Vec<(String, Outcome)>,
    /// The variants the look did not refuse: to be built and run.
    to_run: Vec<(Exercise, Machine, Case, String)>,
}

/// Writes out `exercise`'s variants as learners' folders and judges each without building it.
fn look_at(
    root: &Path,
    dir: &Path,
    reference: &Reference,
    exercise: &Exercise,
    machine: &Machine,
) -> Result<Looked, Problem> {
    let mut looked = Looked {
        written: Vec::new(),
        outcomes: Vec::new(),
        to_run: Vec::new(),
    };
    for case in cases(root, exercise)? {
        let member = format!("{}--{}", exercise.id, case.name);
        looked.written.push(member.clone());
        let folder = dir.join(&member);
        write_folder(&folder, &case.files)?;
        let relative = folder.strip_prefix(root).unwrap_or(&folder).to_path_buf();
        let judged = judge::judge_sources(reference, exercise, &relative);
        let outcome = |verdict| Outcome {
            name: case.name.clone(),
            what: case.what.clone(),
            expect: case.expect.clone(),
            generic: case.generic,
            verdict,
        };
        let refusals: Vec<String> = judged.refusals.iter().map(|r| r.0.clone()).collect();
        let verdict = match &case.expect {
            Expect::Ignored(text) => Some(
                if judged.notices.iter().any(|n| n.contains(text.as_str())) && refusals.is_empty() {
                    Verdict::Pass
                } else {
                    Verdict::Fail(format!(
                        "the judge was to ignore the change with a line that says \"{text}\"; it said {:?} and refused {:?}",
                        judged.notices, refusals
                    ))
                },
            ),
            _ if !refusals.is_empty() => Some(expected_refusal(&case.expect, &refusals.join("\n"))),
            _ => None,
        };
        match verdict {
            Some(verdict) => looked
                .outcomes
                .push((exercise.id.clone(), outcome(verdict))),
            None => {
                // The package gets a name of its own in the variants' workspace.
                let manifest = folder.join("Cargo.toml");
                let renamed = renamed_manifest(
                    &std::fs::read_to_string(&manifest).unwrap_or_default(),
                    &exercise.id,
                    &member,
                    folder.join("src/lib.rs").is_file(),
                )?;
                write_if_changed(&manifest, renamed.as_bytes())?;
                looked
                    .to_run
                    .push((exercise.clone(), machine.clone(), case, member));
            }
        }
    }
    Ok(looked)
}

/// Judges every variant of `exercises` and says, for each, whether the judge did what it expects.
pub fn check(
    root: &Path,
    exercises: &[(&Exercise, Machine)],
    progress: &mut dyn Progress,
) -> Result<BTreeMap<String, Vec<Outcome>>, Problem> {
    let dir = root.join("target/variants");
    let reference = Reference::working_tree(root);
    let mut outcomes: BTreeMap<String, Vec<Outcome>> = BTreeMap::new();
    let mut to_run = Vec::new();
    let mut members = Vec::new();
    let mut problems = Vec::new();
    let mut written = std::collections::BTreeSet::new();
    // Each exercise's variants are written out and judged without building, on every core.
    progress.phase(
        "judging the variants without building them",
        exercises.len(),
    );
    let progress = Mutex::new(progress);
    let queue = Mutex::new(exercises.iter());
    let looked = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().expect("queue").next();
                    let Some((exercise, machine)) = next else {
                        break;
                    };
                    let result = look_at(root, &dir, &reference, exercise, machine);
                    progress.lock().expect("progress").step(&exercise.id);
                    looked
                        .lock()
                        .expect("looked")
                        .push((exercise.number, result));
                }
            });
        }
    });
    let progress = progress.into_inner().expect("progress");
    let mut looked = looked.into_inner().expect("looked");
    looked.sort_by_key(|(number, _)| *number);
    for (_, result) in looked {
        match result {
            Ok(seen) => {
                written.extend(seen.written);
                for (id, outcome) in seen.outcomes {
                    outcomes.entry(id).or_default().push(outcome);
                }
                members.extend(seen.to_run.iter().map(|(_, _, _, member)| member.clone()));
                to_run.extend(seen.to_run);
            }
            Err(p) => problems.push(p.0),
        }
    }
    if !problems.is_empty() {
        return Err(Problem(problems.join("\n")));
    }
    // Folders of this selection's variants that are gone go too.
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = exercises
                .iter()
                .any(|(e, _)| name.starts_with(&format!("{}--", e.id)));
            if entry.path().is_dir() && ours && !written.contains(&name) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    if to_run.is_empty() {
        return Ok(outcomes);
    }
    members.sort();
    write_workspace(root, &dir, &members)?;
    // Variants of one exercise with the same folder config are built in one cargo invocation,
    // in the folder of the first of them (cargo's start-up is most of a warm build's time).
    let mut first_with: BTreeMap<(String, Option<Vec<u8>>), PathBuf> = BTreeMap::new();
    let wanted: Vec<(String, PathBuf, String)> = to_run
        .iter()
        .map(|(exercise, machine, _, member)| {
            let config = std::fs::read(dir.join(member).join(".cargo/config.toml")).ok();
            let folder = first_with
                .entry((exercise.id.clone(), config))
                .or_insert_with(|| PathBuf::from(member))
                .clone();
            (machine.target.clone(), folder, member.clone())
        })
        .collect();
    let builds = verify::build_all(&dir, &wanted, false, progress)?;

    progress.phase("running the variants that build", to_run.len());
    let progress = Mutex::new(progress);
    let queue = Mutex::new(to_run.iter());
    let results = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().expect("queue").next();
                    let Some((exercise, machine, case, member)) = next else {
                        break;
                    };
                    let built = builds
                        .get(&machine.target)
                        .and_then(|b| b.packages.get(member))
                        .cloned()
                        .unwrap_or_default();
                    let said = run_one(root, &dir, exercise, machine, member, &built);
                    let verdict = match (&case.expect, said) {
                        (Expect::Passes, Ok(())) => Verdict::Pass,
                        (Expect::Passes, Err(why)) => Verdict::Fail(format!(
                            "a correct alternative, but the judge says NOT YET: {why}"
                        )),
                        (expect, Err(why)) => expected_refusal(expect, &why),
                        (_, Ok(())) => {
                            Verdict::Fail("a wrong version, but the judge says PASS".into())
                        }
                    };
                    progress.lock().expect("progress").step(member);
                    results.lock().expect("results").push((
                        exercise.id.clone(),
                        Outcome {
                            name: case.name.clone(),
                            what: case.what.clone(),
                            expect: case.expect.clone(),
                            generic: case.generic,
                            verdict,
                        },
                    ));
                }
            });
        }
    });
    for (id, outcome) in results.into_inner().expect("results") {
        outcomes.entry(id).or_default().push(outcome);
    }
    Ok(outcomes)
}

/// Builds' and runs' judgement of one variant that passed the judge's look at its sources:
/// `Err` with the judge's message when it does not pass.
fn run_one(
    root: &Path,
    dir: &Path,
    exercise: &Exercise,
    machine: &Machine,
    member: &str,
    built: &firmware::PackageBuild,
) -> Result<(), String> {
    if let Some(error) = built.errors.first() {
        return Err(format!("it does not compile: {}", error.rendered));
    }
    let elf = built
        .executable
        .clone()
        .ok_or("cargo built no executable for it")?;
    // The workbook's files, as the judge reads them for a learner.
    let reference = Reference::working_tree(root);
    let expected = reference
        .read_string(&exercise.expected_output_path())
        .map_err(|p| p.0)?;
    let expected_err = reference
        .read_string(&exercise.path.join("expected.err"))
        .ok();
    // A wrong version that never ends is stopped sooner than a learner's run would be: every
    // exercise ends in well under a second.
    let run = firmware::run_kept(root, &machine.target, &elf, Some(VARIANT_TIME_LIMIT));
    if let Verdict::Fail(why) =
        verify::judge_learner_run(run, &expected, expected_err.as_deref(), exercise)
    {
        return Err(why);
    }
    if firmware::has_host_tests(dir, Path::new(member)) {
        crate::checks::host_tests(dir, Path::new(member), member)?;
    }
    crate::checks::run(
        dir,
        Path::new(member),
        member,
        &machine.target,
        &exercise.meta,
    )
    .map_err(|failure| failure.message())
}

fn expected_refusal(expect: &Expect, said: &str) -> Verdict {
    match expect {
        Expect::Refused(text) if said.contains(text.as_str()) => Verdict::Pass,
        Expect::Refused(text) => Verdict::Fail(format!(
            "refused, but not for its reason (a message with \"{text}\"): {said}"
        )),
        Expect::Passes => Verdict::Fail(format!(
            "a correct alternative, but the judge refuses it: {said}"
        )),
        Expect::Ignored(text) => Verdict::Fail(format!(
            "the judge was to ignore the change (\"{text}\"), but it refuses it: {said}"
        )),
    }
}
