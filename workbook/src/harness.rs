//! What of an exercise's source is the learner's and what is the harness's, and what the lesson
//! rules out.
//!
//! A learner's source file is parsed with `syn` and compared with the starter's, item by item
//! (`fn main`, `static EVENT_LOG`, `impl Drop for UartGuard`, …). The items the exercise's
//! metadata lists in `learner-writes` are the learner's; every other item of the starter is the
//! harness and must still be there as the starter has it. Items are compared as token streams
//! with their doc comments taken out, so formatting and comments never matter. `use` items are
//! free (a learner adds and removes imports as the code needs), and so is a new item such as a
//! helper function, which then counts as the learner's own code.
//!
//! The learner's own code (changed and added items) is then searched, token by token (macro
//! bodies included), for the constructs the exercise forbids (`static mut`, `fetch_add`,
//! `#[allow(static_mut_refs)]`, …) and for what no exercise allows: `include_str!` and its
//! kin (the answer file printed back), and printing or exiting where the starter's same item did
//! not (the harness prints what the learner's code computed, and decides how the program ends).

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::ToTokens;
use std::collections::BTreeMap;

/// An item's name as the metadata writes it: `fn main`, `static EVENT_LOG`, `impl Drop for
/// UartGuard`, `mod tests`. `None` for the items a learner may change freely (`use`).
pub fn item_key(item: &syn::Item) -> Option<String> {
    let squash = |tokens: &dyn ToTokens| tokens.to_token_stream().to_string().replace(' ', "");
    Some(match item {
        syn::Item::Use(_) => return None,
        syn::Item::ExternCrate(e) => format!("extern crate {}", e.ident),
        syn::Item::Fn(f) => format!("fn {}", f.sig.ident),
        syn::Item::Static(s) => format!("static {}", s.ident),
        // `const _: () = assert!(…);` items are many: each is known by all of its tokens.
        syn::Item::Const(c) if c.ident == "_" => without_docs(item),
        syn::Item::Const(c) => format!("const {}", c.ident),
        syn::Item::Struct(s) => format!("struct {}", s.ident),
        syn::Item::Enum(e) => format!("enum {}", e.ident),
        syn::Item::Union(u) => format!("union {}", u.ident),
        syn::Item::Type(t) => format!("type {}", t.ident),
        syn::Item::Trait(t) => format!("trait {}", t.ident),
        syn::Item::TraitAlias(t) => format!("trait {}", t.ident),
        syn::Item::Mod(m) => format!("mod {}", m.ident),
        syn::Item::Impl(i) => match &i.trait_ {
            Some((negative, path, _)) => format!(
                "impl {}{} for {}",
                if negative.is_some() { "!" } else { "" },
                squash(path),
                squash(&i.self_ty).trim()
            ),
            None => format!("impl {}", squash(&i.self_ty).trim()),
        },
        syn::Item::Macro(m) => match &m.ident {
            Some(ident) => format!("macro_rules! {ident}"),
            // An unnamed item macro (`const_assert!(…);`) is known by all of its tokens.
            None => format!("{}!({})", squash(&m.mac.path), m.mac.tokens),
        },
        other => format!("item {}", without_docs(other)),
    })
}

/// The item as tokens, its doc comments (and those of everything inside it) left out.
pub fn without_docs(item: &syn::Item) -> String {
    strip_docs(item.to_token_stream()).to_string()
}

/// Doc comments are `#[doc = "…"]` attributes by the time they are tokens: take them out.
fn strip_docs(tokens: TokenStream) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(trees.len());
    let mut i = 0;
    while i < trees.len() {
        let is_doc = |at: usize| match trees.get(at) {
            Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket => g
                .stream()
                .into_iter()
                .next()
                .is_some_and(|t| t.to_string() == "doc"),
            _ => false,
        };
        if let TokenTree::Punct(p) = &trees[i]
            && p.as_char() == '#'
        {
            // `#[doc …]`, or `#![doc …]` at the top of a module.
            let bang = matches!(trees.get(i + 1), Some(TokenTree::Punct(b)) if b.as_char() == '!');
            let at = if bang { i + 2 } else { i + 1 };
            if is_doc(at) {
                i = at + 1;
                continue;
            }
        }
        out.push(match &trees[i] {
            TokenTree::Group(g) => {
                let mut group = proc_macro2::Group::new(g.delimiter(), strip_docs(g.stream()));
                group.set_span(g.span());
                TokenTree::Group(group)
            }
            other => other.clone(),
        });
        i += 1;
    }
    out.into_iter().collect()
}

/// A reason to refuse a learner's version, in one line the learner can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

/// One construct an exercise rules out, and why (from `forbids` in its metadata).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Forbidden {
    /// Rust tokens to look for (`static mut`, `fetch_add`, `.clone()`, `unsafe`), or an
    /// attribute `#[allow(lint)]`, which matches an `allow` or `expect` that names the lint.
    pub what: String,
    /// Why the lesson rules it out: the learner reads it.
    pub why: String,
    /// Items of the learner's where it is right (`fn presses` loads the count): it is searched
    /// for everywhere else in the learner's code.
    #[serde(default)]
    pub outside: Vec<String>,
    /// Calls whose arguments it may appear in (`critical_section::with`: the shared static is
    /// read inside the critical section): it is searched for in the rest of the learner's code.
    #[serde(default, rename = "except-inside")]
    pub except_inside: Vec<String>,
}

/// What one of the learner's items must contain, and why (from `requires` in the metadata):
/// `#[repr(C)]` on a struct a C tool reads, where a layout without it could look the same.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Required {
    /// Rust tokens, as for [`Forbidden::what`].
    pub what: String,
    /// The item that must contain them (`struct LogEntry`).
    #[serde(rename = "in")]
    pub item: String,
    /// Why the lesson needs it: the learner reads it.
    pub why: String,
}

/// What no exercise lets the learner's code do: print the answer file back.
const ALWAYS_FORBIDDEN: [(&str, &str); 3] = [
    (
        "include_str!",
        "the program must compute its output, not read a file into it",
    ),
    (
        "include_bytes!",
        "the program must compute its output, not read a file into it",
    ),
    (
        "include!",
        "the exercise's code is written in its own files, not pulled in from elsewhere",
    ),
];

/// Printing and ending the program belong to the harness: the learner's code may use them only
/// where the starter's same item already did.
const HARNESS_ONLY: [(&str, &str); 10] = [
    ("hprintln!", "printing"),
    ("hstdout", "printing"),
    ("hstderr", "printing"),
    ("syscall", "printing"),
    ("hprint!", "printing"),
    ("heprintln!", "printing"),
    ("heprint!", "printing"),
    ("exit_success", "ending the program"),
    ("exit_failure", "ending the program"),
    ("debug::exit", "ending the program"),
];

/// A flattened token: an identifier, a punctuation character, a literal, or a group's edge, with
/// the line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Atom {
    text: String,
    line: usize,
}

fn atoms(tokens: TokenStream, out: &mut Vec<Atom>) {
    let mut trees = tokens.into_iter().peekable();
    while let Some(tree) = trees.next() {
        let line = tree.span().start().line;
        // A lifetime is one token to the reader: `'static mut` is not `static mut`.
        if let TokenTree::Punct(p) = &tree
            && p.as_char() == '\''
            && let Some(TokenTree::Ident(name)) = trees.peek()
        {
            out.push(Atom {
                text: format!("'{name}"),
                line,
            });
            trees.next();
            continue;
        }
        match tree {
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("", ""),
                };
                if !open.is_empty() {
                    out.push(Atom {
                        text: open.into(),
                        line,
                    });
                }
                atoms(g.stream(), out);
                if !close.is_empty() {
                    out.push(Atom {
                        text: close.into(),
                        line: g.span_close().start().line,
                    });
                }
            }
            TokenTree::Ident(i) => out.push(Atom {
                text: i.to_string(),
                line,
            }),
            TokenTree::Punct(p) => out.push(Atom {
                text: p.as_char().to_string(),
                line,
            }),
            TokenTree::Literal(l) => out.push(Atom {
                text: format!("lit:{l}"),
                line,
            }),
        }
    }
}

/// The lines of `code` where `pattern` occurs (`static mut`, `.clone()`, `#[allow(lint)]`).
fn occurrences(pattern: &str, code: &[Atom]) -> Vec<usize> {
    if let Some(lint) = allow_pattern(pattern) {
        return lint_allowed(&lint, code);
    }
    let Ok(tokens) = pattern.parse::<TokenStream>() else {
        return Vec::new();
    };
    let mut wanted = Vec::new();
    atoms(tokens, &mut wanted);
    let wanted: Vec<&str> = wanted.iter().map(|a| a.text.as_str()).collect();
    if wanted.is_empty() || wanted.len() > code.len() {
        return Vec::new();
    }
    (0..=code.len() - wanted.len())
        .filter(|&start| {
            code[start..start + wanted.len()]
                .iter()
                .zip(&wanted)
                .all(|(a, w)| a.text == *w)
        })
        .map(|start| code[start].line)
        .collect()
}

/// `code` with the arguments of every call to `call` (`critical_section::with`) left out, from
/// the opening parenthesis to its match.
fn without_arguments_of(call: &str, code: Vec<Atom>) -> Vec<Atom> {
    let Ok(tokens) = call.parse::<TokenStream>() else {
        return code;
    };
    let mut wanted = Vec::new();
    atoms(tokens, &mut wanted);
    let wanted: Vec<&str> = wanted.iter().map(|a| a.text.as_str()).collect();
    let mut kept = Vec::with_capacity(code.len());
    let mut at = 0;
    while at < code.len() {
        let end = at + wanted.len();
        let is_call = end < code.len()
            && code[end].text == "("
            && code[at..end].iter().zip(&wanted).all(|(a, w)| a.text == *w);
        if !is_call {
            kept.push(code[at].clone());
            at += 1;
            continue;
        }
        // Past the name and its parenthesised arguments.
        let mut depth = 0usize;
        at = end;
        while at < code.len() {
            match code[at].text.as_str() {
                "(" | "[" | "{" => depth += 1,
                ")" | "]" | "}" => depth -= 1,
                _ => {}
            }
            at += 1;
            if depth == 0 {
                break;
            }
        }
    }
    kept
}

/// `#[allow(static_mut_refs)]` → `static_mut_refs`.
fn allow_pattern(pattern: &str) -> Option<String> {
    let inner = pattern.strip_prefix("#[allow(")?.strip_suffix(")]")?;
    Some(inner.trim().to_string())
}

/// Lines of `#[allow(…)]`, `#![allow(…)]` or `#[expect(…)]` attributes that name `lint` (its
/// last path segment: `clippy::unwrap_used` names `unwrap_used`).
fn lint_allowed(lint: &str, code: &[Atom]) -> Vec<usize> {
    let last = lint.rsplit("::").next().unwrap_or(lint);
    let mut found = Vec::new();
    for (i, atom) in code.iter().enumerate() {
        if atom.text != "#" {
            continue;
        }
        let mut at = i + 1;
        if code.get(at).is_some_and(|a| a.text == "!") {
            at += 1;
        }
        if code.get(at).is_none_or(|a| a.text != "[") {
            continue;
        }
        let Some(kind) = code.get(at + 1) else {
            continue;
        };
        if kind.text != "allow" && kind.text != "expect" && kind.text != "cfg_attr" {
            continue;
        }
        // Up to the attribute's closing bracket; in a `cfg_attr`, after an `allow` or `expect`.
        let mut depth = 0;
        let mut allowing = kind.text != "cfg_attr";
        for a in &code[at..] {
            match a.text.as_str() {
                "[" | "(" | "{" => depth += 1,
                "]" | ")" | "}" => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                "allow" | "expect" => allowing = true,
                text if text == last && allowing => {
                    found.push(atom.line);
                    break;
                }
                _ => {}
            }
        }
    }
    found
}

/// The learner's version of one file, judged against the starter's.
pub struct FileJudgement {
    /// Parts of the harness the learner changed or removed, and what the lesson rules out.
    pub refusals: Vec<Refusal>,
    /// The keys of the items that are the learner's own (changed, added, or listed).
    pub learner_items: Vec<String>,
}

/// Compares the learner's `learner` source of `file` (`src/main.rs`) with the starter's.
/// `learner_writes` lists what is the learner's (`fn split_frame`, or the file's path, or `*`,
/// for all of it); `forbidden` what the lesson rules out.
pub fn judge_file(
    file: &str,
    starter: &str,
    learner: &str,
    learner_writes: &[String],
    forbidden: &[Forbidden],
    allowed: &[String],
) -> FileJudgement {
    judge_file_using(
        file,
        starter,
        learner,
        learner_writes,
        forbidden,
        &[],
        allowed,
        &[],
    )
}

/// [`judge_file`], where the learner's items must also contain what `required` names, and the
/// learner's code may name the harness's statics in `uses`.
#[allow(clippy::too_many_arguments)]
pub fn judge_file_using(
    file: &str,
    starter: &str,
    learner: &str,
    learner_writes: &[String],
    forbidden: &[Forbidden],
    required: &[Required],
    allowed: &[String],
    uses: &[String],
) -> FileJudgement {
    let mut refusals = Vec::new();
    let learner_tree = match syn::parse_file(learner) {
        Ok(tree) => tree,
        // The compiler says it better; nothing more is judged until it parses.
        Err(_) => {
            return FileJudgement {
                refusals,
                learner_items: Vec::new(),
            };
        }
    };
    let whole_file = learner_writes.iter().any(|w| w == "*" || w == file);
    let starter_tree = syn::parse_file(starter).ok();
    let starter_items: BTreeMap<String, &syn::Item> = starter_tree
        .iter()
        .flat_map(|t| t.items.iter())
        .filter_map(|item| Some((item_key(item)?, item)))
        .collect();
    // Items are paired by name and content, so that two with one name (a second `impl SampleLog`)
    // are both seen: each of the starter's is matched with an unchanged one of the learner's.
    let starter_list: Vec<(String, &syn::Item)> = starter_tree
        .iter()
        .flat_map(|t| t.items.iter())
        .filter_map(|item| Some((item_key(item)?, item)))
        .collect();
    let learner_list: Vec<(String, &syn::Item)> = learner_tree
        .items
        .iter()
        .filter_map(|item| Some((item_key(item)?, item)))
        .collect();
    let mut unchanged = vec![false; learner_list.len()];
    let mut kept = vec![false; starter_list.len()];
    for (s, (key, item)) in starter_list.iter().enumerate() {
        let tokens = without_docs(item);
        if let Some(l) = learner_list
            .iter()
            .enumerate()
            .position(|(l, (k, mine))| !unchanged[l] && k == key && without_docs(mine) == tokens)
        {
            unchanged[l] = true;
            kept[s] = true;
        }
    }

    // The harness: every item of the starter that is not the learner's, unchanged.
    if !whole_file {
        let crate_attributes = |tree: &syn::File| {
            tree.attrs
                .iter()
                .filter(|a| !a.path().is_ident("doc"))
                .map(|a| a.to_token_stream().to_string())
                .collect::<Vec<_>>()
        };
        if let Some(starter_tree) = &starter_tree
            && crate_attributes(starter_tree) != crate_attributes(&learner_tree)
            && !learner_writes.iter().any(|w| w == "#![attributes]")
        {
            refusals.push(Refusal(format!(
                "{file}: the crate's attributes at its top (`#![…]`) are part of the harness, and yours differ from the workbook's"
            )));
        }
        for (s, (key, _)) in starter_list.iter().enumerate() {
            if kept[s] || learner_writes.contains(key) {
                continue;
            }
            if learner_list.iter().any(|(k, _)| k == key) {
                refusals.push(Refusal(format!(
                    "{file}: `{key}` is part of the harness, and yours differs from the workbook's (change only what the TODOs mark)"
                )));
            } else {
                refusals.push(Refusal(format!(
                    "{file}: `{key}` is part of the harness, and your version has no `{key}`"
                )));
            }
        }
    }

    // The learner's own code: what is listed, changed, or new.
    let own: Vec<(String, Option<&syn::Item>, &syn::Item)> = learner_list
        .iter()
        .enumerate()
        .filter(|(l, (key, _))| whole_file || learner_writes.contains(key) || !unchanged[*l])
        .map(|(_, (key, item))| (key.clone(), starter_items.get(key).copied(), *item))
        .collect();
    let mut own_atoms = Vec::new();
    // Imports are free, but what a learner's import brings in (a renamed function) is searched.
    let imports = |tree: &syn::File| -> Vec<String> {
        tree.items
            .iter()
            .filter(|i| matches!(i, syn::Item::Use(_)))
            .map(without_docs)
            .collect()
    };
    let starter_imports = starter_tree.as_ref().map(imports).unwrap_or_default();
    let mut added_imports = Vec::new();
    for item in &learner_tree.items {
        if matches!(item, syn::Item::Use(_)) && !starter_imports.contains(&without_docs(item)) {
            atoms(item.to_token_stream(), &mut added_imports);
        }
    }
    own_atoms.extend(added_imports.iter().cloned());
    if whole_file {
        for attr in &learner_tree.attrs {
            atoms(attr.to_token_stream(), &mut own_atoms);
        }
    }
    let mut starter_atoms_of = Vec::new();
    for (key, starter_item, item) in &own {
        let mut mine = Vec::new();
        atoms(item.to_token_stream(), &mut mine);
        own_atoms.extend(mine.iter().cloned());
        let mut theirs = Vec::new();
        if whole_file {
            if let Some(tree) = &starter_tree {
                atoms(tree.to_token_stream(), &mut theirs);
            }
        } else if let Some(starter_item) = starter_item {
            atoms(starter_item.to_token_stream(), &mut theirs);
        }
        starter_atoms_of.push((key.clone(), (mine, theirs)));
    }

    let mut say = |pattern: &str, lines: Vec<usize>, why: &str| {
        if let Some(line) = lines.first() {
            refusals.push(Refusal(format!("{file}:{line}: `{pattern}`: {why}")));
        }
    };
    for forbid in forbidden {
        let lines = if forbid.outside.is_empty() && forbid.except_inside.is_empty() {
            occurrences(&forbid.what, &own_atoms)
        } else {
            // The same search, over the learner's code but the items and the calls where it is
            // right.
            let mut searched = added_imports.clone();
            for (key, (mine, _)) in &starter_atoms_of {
                if !forbid.outside.contains(key) {
                    searched.extend(mine.iter().cloned());
                }
            }
            for call in &forbid.except_inside {
                searched = without_arguments_of(call, searched);
            }
            occurrences(&forbid.what, &searched)
        };
        say(&forbid.what, lines, &forbid.why);
    }
    for require in required {
        let Some((_, item)) = learner_list.iter().find(|(k, _)| *k == require.item) else {
            continue;
        };
        let mut inside = Vec::new();
        atoms(item.to_token_stream(), &mut inside);
        if occurrences(&require.what, &inside).is_empty() {
            let line = inside.first().map_or(0, |a| a.line);
            say(
                &require.what,
                vec![line],
                &format!("`{}` needs it: {}", require.item, require.why),
            );
        }
    }
    for (pattern, why) in ALWAYS_FORBIDDEN {
        say(pattern, occurrences(pattern, &own_atoms), why);
    }
    // A module read from a file of the learner's choosing is code the judge never sees.
    let path_attributes: Vec<usize> = own_atoms
        .windows(4)
        .filter(|w| w[0].text == "#" && w[1].text == "[" && w[2].text == "path" && w[3].text == "=")
        .map(|w| w[0].line)
        .collect();
    say(
        "#[path]",
        path_attributes,
        "a module of yours lives under src/, where the judge reads it",
    );
    // A name of the learner's that the harness also uses (a crate, a macro) would replace what
    // the harness calls: `mod board { … }`, `macro_rules! assert`, `use … as board`.
    if let Some(tree) = &starter_tree {
        let mut harness = Vec::new();
        atoms(tree.to_token_stream(), &mut harness);
        let mut used: Vec<&str> = Vec::new();
        for (i, atom) in harness.iter().enumerate() {
            let next = |k: usize| harness.get(i + k).map(|a| a.text.as_str());
            let after_path = i > 0 && harness[i - 1].text == ":";
            if next(1) == Some(":") && next(2) == Some(":") && !after_path {
                used.push(&atom.text);
            }
            if next(1) == Some("!") && atom.text != "macro_rules" {
                used.push(&atom.text);
            }
        }
        let mut named: Vec<(String, usize)> = Vec::new();
        for (key, _, item) in &own {
            let new = !starter_list.iter().any(|(k, _)| k == key);
            let name = key.rsplit(' ').next().unwrap_or_default();
            if new && key.split(' ').count() == 2 && !key.starts_with("impl") {
                let line = item
                    .to_token_stream()
                    .into_iter()
                    .next()
                    .map_or(0, |t| t.span().start().line);
                named.push((name.to_string(), line));
            }
        }
        for pair in added_imports.windows(2) {
            if pair[0].text == "as" {
                named.push((pair[1].text.clone(), pair[1].line));
            }
        }
        for (name, line) in named {
            if used.contains(&name.as_str()) || name == "core" || name == "std" {
                say(
                    &name,
                    vec![line],
                    "the harness uses this name, and a definition of yours would take its place",
                );
            }
        }
    }
    // The harness's own statics (what it records to check the learner's code) are not the
    // learner's to touch, unless the starter's code for the learner already uses them.
    if !whole_file {
        let mut starter_own = Vec::new();
        for (key, item) in &starter_items {
            if learner_writes.contains(key) {
                atoms(item.to_token_stream(), &mut starter_own);
            }
        }
        for (key, item) in &starter_items {
            let syn::Item::Static(record) = item else {
                continue;
            };
            let name = record.ident.to_string();
            if learner_writes.contains(key)
                || uses.contains(&name)
                || starter_own.iter().any(|a| a.text == name)
            {
                continue;
            }
            say(
                &name,
                occurrences(&name, &own_atoms),
                "the harness keeps this static to check your code: your code may not touch it",
            );
        }
    }
    // Printing or ending the program under another name (`use … hprintln as say;`).
    for (pattern, what) in HARNESS_ONLY {
        let name = pattern
            .trim_end_matches('!')
            .rsplit("::")
            .next()
            .unwrap_or(pattern);
        if allowed.iter().any(|a| a == pattern) {
            continue;
        }
        let renamed: Vec<usize> = added_imports
            .windows(2)
            .filter(|pair| pair[0].text == name && pair[1].text == "as")
            .map(|pair| pair[0].line)
            .collect();
        say(
            &format!("{name} as"),
            renamed,
            &format!("{what} belongs to the harness, under any name"),
        );
    }
    for (key, (mine, theirs)) in &starter_atoms_of {
        for (pattern, what) in HARNESS_ONLY {
            if occurrences(pattern, theirs).is_empty() && !allowed.iter().any(|a| a == pattern) {
                say(
                    pattern,
                    occurrences(pattern, mine),
                    &if theirs.is_empty() {
                        format!(
                            "{what} belongs to the harness, and `{key}` is code of your own: your code computes, the harness prints and decides how the program ends"
                        )
                    } else {
                        format!(
                            "{what} belongs to the harness, and the workbook's `{key}` has none: your code computes, the harness prints and decides how the program ends"
                        )
                    },
                );
            }
        }
    }
    FileJudgement {
        refusals,
        learner_items: own.into_iter().map(|(key, _, _)| key).collect(),
    }
}

/// The item keys of a source file, in order (`None` when it does not parse).
pub fn keys_of(source: &str) -> Option<Vec<String>> {
    let tree = syn::parse_file(source).ok()?;
    Some(tree.items.iter().filter_map(item_key).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const STARTER: &str = r#"
#![no_std]
//! The exercise.
use cortex_m_semihosting::hprintln;

/// Writes the frame.
fn split_frame(tx_buf: &mut [u8]) -> usize {
    // TODO
    0
}

#[entry]
fn main() -> ! {
    let n = split_frame(&mut [0; 16]);
    hprintln!("{}", n);
    board::exit_success()
}
"#;

    fn writes(keys: &[&str]) -> Vec<String> {
        keys.iter().map(|k| k.to_string()).collect()
    }

    /// The starter's `split_frame` is the learner's, everything else the harness.
    fn judge_split_frame(starter: &str, learner: &str, forbids: &[Forbidden]) -> FileJudgement {
        judge_file(
            "src/main.rs",
            starter,
            learner,
            &writes(&["fn split_frame"]),
            forbids,
            &[],
        )
    }

    #[test]
    fn comments_and_formatting_do_not_count_but_a_changed_harness_does() {
        let reformatted = STARTER
            .replace("/// Writes the frame.", "/// Writes it.\n// a note")
            .replace(
                "let n = split_frame(&mut [0; 16]);",
                "let n =\n  split_frame( &mut [0;16] ) ; // why",
            );
        let judged = judge_split_frame(STARTER, &reformatted, &[]);
        assert!(judged.refusals.is_empty(), "{:?}", judged.refusals);

        let changed = STARTER.replace("[0; 16]", "[0; 32]");
        let judged = judge_split_frame(STARTER, &changed, &[]);
        assert_eq!(judged.refusals.len(), 1, "{:?}", judged.refusals);
        assert!(
            judged.refusals[0]
                .0
                .contains("`fn main` is part of the harness")
        );

        let removed = STARTER.replace("#![no_std]", "");
        let judged = judge_split_frame(STARTER, &removed, &[]);
        assert!(
            judged.refusals[0].0.contains("crate's attributes"),
            "{:?}",
            judged.refusals
        );
    }

    #[test]
    fn the_learners_code_is_searched_for_what_the_lesson_forbids() {
        let forbids = [
            Forbidden {
                what: "static mut".into(),
                why: "a static mut is what this lesson replaces".into(),
                ..Default::default()
            },
            Forbidden {
                what: "#[allow(static_mut_refs)]".into(),
                why: "the lint is the lesson".into(),
                ..Default::default()
            },
        ];
        let learner = STARTER.replace(
            "    // TODO\n    0",
            "    static mut COPY: [u8; 16] = [0; 16];\n    #[allow(dead_code, static_mut_refs)]\n    let x = 1;\n    x",
        );
        let judged = judge_split_frame(STARTER, &learner, &forbids);
        let said: Vec<&str> = judged.refusals.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(
            said[0].starts_with("src/main.rs:8: `static mut`"),
            "{said:?}"
        );
        assert!(
            said[1].starts_with("src/main.rs:9: `#[allow(static_mut_refs)]`"),
            "{said:?}"
        );
        // The harness's own uses do not count: only the learner's code is searched.
        let harmless = [Forbidden {
            what: "exit_success".into(),
            why: "x".into(),
            ..Default::default()
        }];
        assert!(
            judge_split_frame(STARTER, STARTER, &harmless)
                .refusals
                .is_empty()
        );
    }

    #[test]
    fn printing_the_answer_file_or_printing_from_the_learners_code_is_refused() {
        let gaming = STARTER.replace(
            "    // TODO\n    0",
            "    hprintln!(\"{}\", include_str!(\"../expected.out\"));\n    board::exit_success()",
        );
        let judged = judge_split_frame(STARTER, &gaming, &[]);
        let said = judged
            .refusals
            .iter()
            .map(|r| r.0.clone())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(said.contains("`include_str!`"), "{said}");
        assert!(
            said.contains("`hprintln!`: printing belongs to the harness"),
            "{said}"
        );
        assert!(
            said.contains("`exit_success`: ending the program"),
            "{said}"
        );
        // A helper the learner adds is the learner's code too.
        let helper = format!("{STARTER}\nfn cheat() {{ hprintln!(\"frame\"); }}\n");
        let judged = judge_split_frame(STARTER, &helper, &[]);
        assert!(
            judged.refusals[0]
                .0
                .contains("`fn cheat` is code of your own"),
            "{:?}",
            judged.refusals
        );
        // Inside a macro the learner defines, too.
        let hidden = format!("{STARTER}\nmacro_rules! say {{ () => {{ hprintln!(\"x\") }} }}\n");
        let judged = judge_split_frame(STARTER, &hidden, &[]);
        assert!(!judged.refusals.is_empty());
    }

    #[test]
    fn the_harness_statics_are_not_the_learners() {
        let starter = format!("{STARTER}\nstatic WROTE_AT: AtomicUsize = AtomicUsize::new(0);\n");
        let faked = starter.replace(
            "    // TODO\n    0",
            "    WROTE_AT.store(tx_buf.as_ptr() as usize, Ordering::Relaxed);\n    0",
        );
        let judged = judge_split_frame(&starter, &faked, &[]);
        assert_eq!(judged.refusals.len(), 1, "{:?}", judged.refusals);
        assert!(
            judged.refusals[0]
                .0
                .contains("`WROTE_AT`: the harness keeps this static"),
            "{:?}",
            judged.refusals
        );
    }

    #[test]
    fn a_lifetime_is_not_a_keyword_and_an_import_is_searched() {
        let forbids = [
            Forbidden {
                what: "static mut".into(),
                why: "no".into(),
                ..Default::default()
            },
            Forbidden {
                what: "critical_section".into(),
                why: "the harness's".into(),
                ..Default::default()
            },
        ];
        let lifetime = STARTER.replace(
            "fn split_frame(tx_buf: &mut [u8]) -> usize {",
            "fn split_frame(tx_buf: &'static mut [u8]) -> usize {",
        );
        let judged = judge_split_frame(STARTER, &lifetime, &forbids);
        assert!(judged.refusals.is_empty(), "{:?}", judged.refusals);
        let renamed = STARTER.replace(
            "use cortex_m_semihosting::hprintln;",
            "use cortex_m_semihosting::hprintln;\nuse critical_section::with as w;",
        );
        let judged = judge_split_frame(STARTER, &renamed, &forbids);
        assert!(
            judged.refusals[0].0.contains("`critical_section`"),
            "{:?}",
            judged.refusals
        );
        let say = STARTER.replace(
            "use cortex_m_semihosting::hprintln;",
            "use cortex_m_semihosting::hprintln;\nuse cortex_m_semihosting::hprintln as say;",
        );
        let judged = judge_split_frame(STARTER, &say, &[]);
        assert!(
            judged.refusals[0]
                .0
                .contains("`hprintln as`: printing belongs to the harness, under any name"),
            "{:?}",
            judged.refusals
        );
    }

    #[test]
    fn a_second_block_with_one_name_is_seen_and_a_borrowed_name_is_refused() {
        let starter = format!(
            "{STARTER}\nstruct Log;\nimpl Log {{\n    fn len(&self) -> usize {{ 0 }}\n}}\n"
        );
        let judge = |learner: &str| {
            judge_file(
                "src/main.rs",
                &starter,
                learner,
                &writes(&["fn split_frame"]),
                &[Forbidden {
                    what: "unsafe".into(),
                    why: "no".into(),
                    ..Default::default()
                }],
                &[],
            )
            .refusals
            .into_iter()
            .map(|r| r.0)
            .collect::<Vec<_>>()
        };
        // A helper impl of the learner's beside the harness's, before or after it.
        let helper = "impl Log {\n    fn push(&mut self) {}\n}\n";
        assert!(judge(&format!("{starter}{helper}")).is_empty());
        assert!(
            judge(&starter.replace("struct Log;", &format!("struct Log;\n{helper}"))).is_empty()
        );
        // …and searched like the rest of the learner's code.
        let hidden = "impl Log {\n    fn push(&mut self) { unsafe {} }\n}\n";
        assert!(judge(&format!("{starter}{hidden}"))[0].contains("`unsafe`"));
        // Names the harness calls cannot be replaced.
        let shadow = format!("{starter}\nmod board {{ pub use ::board::*; }}\n");
        assert!(
            judge(&shadow)[0].contains("`board`: the harness uses this name"),
            "{:?}",
            judge(&shadow)
        );
        let quiet = format!("{starter}\nmacro_rules! hprintln {{ ($($t:tt)*) => {{}}; }}\n");
        assert!(
            judge(&quiet)
                .iter()
                .any(|r| r.contains("`hprintln`: the harness uses this name"))
        );
        let path = format!("{starter}\n#[path = \"../x.rs\"]\nmod x;\n");
        assert!(judge(&path).iter().any(|r| r.contains("`#[path]`")));
    }

    #[test]
    fn a_forbid_can_spare_the_arguments_of_a_call() {
        let code = |text: &str| {
            let mut out = Vec::new();
            atoms(text.parse::<TokenStream>().unwrap(), &mut out);
            out
        };
        let inside =
            code("let f = critical_section::with(|_| unsafe { (&raw const X).read() }); f");
        let spared = without_arguments_of("critical_section::with", inside);
        assert!(occurrences("X", &spared).is_empty());
        assert!(!occurrences("f", &spared).is_empty());
        let after =
            code("critical_section::with(|_| unsafe { N = 0 }); unsafe { (&raw const X).read() }");
        let spared = without_arguments_of("critical_section::with", after);
        assert_eq!(occurrences("X", &spared).len(), 1);
        assert!(occurrences("N", &spared).is_empty());
    }

    #[test]
    fn a_forbid_can_spare_an_item_and_an_item_can_be_required_to_hold_a_construct() {
        let starter = format!(
            "{STARTER}\nstruct Entry {{\n    a: u8,\n}}\nfn count() -> u32 {{\n    0\n}}\n"
        );
        let forbids = [Forbidden {
            what: ".load".into(),
            why: "two steps".into(),
            outside: vec!["fn count".into()],
            ..Default::default()
        }];
        let required = [Required {
            what: "#[repr(C)]".into(),
            item: "struct Entry".into(),
            why: "a C tool reads it".into(),
        }];
        let judge = |learner: &str| {
            judge_file_using(
                "src/main.rs",
                &starter,
                learner,
                &writes(&["fn split_frame", "fn count", "struct Entry"]),
                &forbids,
                &required,
                &[],
                &[],
            )
            .refusals
            .into_iter()
            .map(|r| r.0)
            .collect::<Vec<_>>()
        };
        let right = starter
            .replace("struct Entry {", "#[repr(C)]\nstruct Entry {")
            .replace(
                "fn count() -> u32 {\n    0",
                "fn count() -> u32 {\n    C.load(R)",
            );
        assert!(judge(&right).is_empty(), "{:?}", judge(&right));
        // The same load anywhere else, under another name, is found.
        let aliased = right.replace("    // TODO\n    0", "    let c = &C;\n    c.load(R)");
        let refused = judge(&aliased);
        assert!(
            refused.len() == 1 && refused[0].contains("`.load`: two steps"),
            "{refused:?}"
        );
        // Without the attribute the struct is refused, by name and reason.
        let plain = right.replace("#[repr(C)]\n", "");
        let refused = judge(&plain);
        assert!(
            refused.len() == 1
                && refused[0].contains("`#[repr(C)]`: `struct Entry` needs it: a C tool reads it"),
            "{refused:?}"
        );
    }

    #[test]
    fn an_allow_inside_cfg_attr_is_an_allow() {
        let forbids = [Forbidden {
            what: "#[allow(static_mut_refs)]".into(),
            why: "the lint is the lesson".into(),
            ..Default::default()
        }];
        let learner = STARTER.replace(
            "fn split_frame(",
            "#[cfg_attr(all(), allow(static_mut_refs))]\nfn split_frame(",
        );
        let judged = judge_split_frame(STARTER, &learner, &forbids);
        assert_eq!(judged.refusals.len(), 1, "{:?}", judged.refusals);
        // A cfg_attr that allows nothing is not one.
        let other = STARTER.replace(
            "fn split_frame(",
            "#[cfg_attr(all(), inline)]\nfn split_frame(",
        );
        assert!(
            judge_split_frame(STARTER, &other, &forbids)
                .refusals
                .is_empty()
        );
    }

    #[test]
    fn items_are_named_as_the_metadata_writes_them() {
        let keys = keys_of(
            "use a::b;\nstatic mut LOG: u8 = 0;\nimpl Drop for UartGuard<'_> { fn drop(&mut self) {} }\nimpl Frame {}\nunsafe impl Send for Rx {}\nmod tests {}\nconst_assert!(1 == 1);\n",
        )
        .unwrap();
        assert_eq!(
            keys,
            [
                "static LOG",
                "impl Drop for UartGuard<'_>",
                "impl Frame",
                "impl Send for Rx",
                "mod tests",
                "const_assert!(1 == 1)"
            ]
        );
    }
}
