//! What the book's tests share: building the book with mdBook, and reading the links in it.

use std::{collections::BTreeMap, path::Path, process::Command};

/// `mdbook build` into `folder` (emptied first), every file read back by its path from the book's
/// root with `/` between folders. A missing mdBook, a failed build, or an `ERROR` or `WARN` line
/// in its log (mdBook 0.5.4 logs a missing include as `ERROR` and still exits 0) is an `Err`
/// that says so.
pub fn build_book(folder: &Path) -> Result<BTreeMap<String, Vec<u8>>, String> {
    let _ = std::fs::remove_dir_all(folder);
    let output = Command::new("mdbook")
        .current_dir(workbook::repository_root())
        .arg("build")
        .arg("-d")
        .arg(folder)
        .output()
        .map_err(|e| format!("cannot run mdbook ({e}): `cargo workbook doctor` installs it"))?;
    let log = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!("mdbook build failed:\n{log}"));
    }
    let complaints: Vec<&str> = log
        .lines()
        .filter(|l| {
            let l = l.trim_start();
            l.starts_with("ERROR") || l.starts_with("WARN")
        })
        .collect();
    if !complaints.is_empty() {
        return Err(format!("mdbook build logged:\n{}", complaints.join("\n")));
    }
    fn walk(dir: &Path, root: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, root, files);
            } else {
                let relative = path.strip_prefix(root).unwrap().to_string_lossy();
                files.insert(relative.replace('\\', "/"), std::fs::read(&path).unwrap());
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(folder, folder, &mut files);
    if !files.contains_key("index.html") {
        return Err(format!(
            "mdbook build wrote no index.html into {}",
            folder.display()
        ));
    }
    Ok(files)
}

/// `%20` and the like in a link, decoded.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                i += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}
