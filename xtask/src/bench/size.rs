//! Size of a generated crate: lines and bytes of its Rust files, by kind of file.

use std::collections::BTreeMap;
use std::path::Path;

/// Lines and bytes of a set of files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    /// Lines (newline characters).
    pub lines: u64,
    /// Lines that are documentation (`///`, `//!` or `#[doc`), a part of `lines`.
    pub doc_lines: u64,
    /// Bytes.
    pub bytes: u64,
}

impl Count {
    fn add(&mut self, text: &str) {
        self.lines += text.lines().count() as u64;
        self.doc_lines += text
            .lines()
            .map(str::trim_start)
            .filter(|l| l.starts_with("///") || l.starts_with("//!") || l.starts_with("#[doc"))
            .count() as u64;
        self.bytes += text.len() as u64;
    }

    /// The sum of two counts.
    pub fn plus(self, other: Count) -> Count {
        Count {
            lines: self.lines + other.lines,
            doc_lines: self.doc_lines + other.doc_lines,
            bytes: self.bytes + other.bytes,
        }
    }
}

/// The Rust files of a crate by kind: `kind(path)` names the kind of each file below `src/`,
/// `services/` (our service crates) and `tests/` (paths relative to the crate, with `/`).
pub fn by_kind(crate_dir: &Path, kind: impl Fn(&str) -> &'static str) -> Result<BTreeMap<&'static str, Count>, String> {
    let mut out = BTreeMap::new();
    for top in ["src", "services", "tests"] {
        let mut files = Vec::new();
        walk(&crate_dir.join(top), top, &mut files)?;
        for (rel, text) in files {
            out.entry(kind(&rel)).or_insert_with(Count::default).add(&text);
        }
    }
    Ok(out)
}

/// The `.rs` files below `dir` (none when it does not exist), each with its path as `rel/...`.
fn walk(dir: &Path, rel: &str, out: &mut Vec<(String, String)>) -> Result<(), String> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let below = path.strip_prefix(dir).unwrap_or(path).components();
        let below: Vec<_> = below.map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        out.push((format!("{rel}/{}", below.join("/")), text));
    }
    Ok(())
}

/// The kinds of file of a crate written by `cargo xtask codegen`: the facade's `src/`, the
/// service crates' `services/<service>/src/`, and `tests/`.
pub fn our_kind(rel: &str) -> &'static str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let in_version = rel.starts_with("services/") && rel.matches('/').count() == 4;
    let in_types = rel.starts_with("services/") && rel.matches('/').count() == 5 && rel.contains("/types/");
    match (rel.starts_with("tests/"), name) {
        (true, _) => "examples test",
        (false, "mock.rs") => "mock routes",
        (false, "client.rs") => "clients",
        (false, "mod.rs" | "lib.rs") => "modules",
        (false, _) if in_version => "operations",
        (false, _) if in_types => "types",
        _ => "other",
    }
}

/// Everything progenitor writes is one kind: it writes `src/lib.rs` only.
pub fn their_kind(_rel: &str) -> &'static str {
    "lib.rs"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_files_are_sorted_into_kinds() {
        assert_eq!(our_kind("services/synth0/src/v1/list_instances.rs"), "operations");
        assert_eq!(our_kind("services/synth0/src/v1/types/list_instances.rs"), "types");
        assert_eq!(our_kind("services/synth0/src/v1/types/shared.rs"), "types");
        assert_eq!(our_kind("services/synth0/src/v1/types/mod.rs"), "modules");
        assert_eq!(our_kind("services/synth0/src/v1/mock.rs"), "mock routes");
        assert_eq!(our_kind("src/mock.rs"), "mock routes");
        assert_eq!(our_kind("services/synth0/src/v1/client.rs"), "clients");
        assert_eq!(our_kind("services/synth0/src/v1/mod.rs"), "modules");
        assert_eq!(our_kind("services/synth0/src/lib.rs"), "modules");
        assert_eq!(our_kind("src/lib.rs"), "modules");
        assert_eq!(our_kind("tests/examples.rs"), "examples test");
    }

    #[test]
    fn doc_lines_are_counted_apart() {
        let mut c = Count::default();
        c.add("/// doc\n//! inner\nfn f() {}\n");
        assert_eq!((c.lines, c.doc_lines, c.bytes), (3, 2, 28));
    }
}
