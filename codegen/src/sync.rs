//! Comparing generated files with a crate directory: what `cargo xtask codegen` would change.
//!
//! Only files that carry a generated header (or, for `openapi.json`, the generated first key) are
//! ever updated or deleted; a hand-written file in the way is a conflict, never overwritten. This
//! module reads; xtask writes.

use std::path::Path;

use crate::emit::GeneratedFile;

/// One difference between the generated files and the crate directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The file does not exist yet.
    Create {
        /// Path relative to the crate directory.
        path: String,
        /// New contents.
        contents: String,
    },
    /// The file exists, was generated, and is stale.
    Update {
        /// Path relative to the crate directory.
        path: String,
        /// Current contents.
        old: String,
        /// New contents.
        new: String,
    },
    /// A generated file whose spec no longer exists.
    Delete {
        /// Path relative to the crate directory.
        path: String,
        /// Current contents.
        old: String,
    },
    /// A file without the generated header is where a generated file must go.
    Conflict {
        /// Path relative to the crate directory.
        path: String,
    },
}

impl Change {
    /// The path the change is about.
    pub fn path(&self) -> &str {
        match self {
            Change::Create { path, .. }
            | Change::Update { path, .. }
            | Change::Delete { path, .. }
            | Change::Conflict { path } => path,
        }
    }

    /// One line saying what the change is.
    pub fn summary(&self) -> String {
        match self {
            Change::Create { path, .. } => format!("create  {path}"),
            Change::Update { path, .. } => format!("update  {path}"),
            Change::Delete { path, .. } => format!("delete  {path}"),
            Change::Conflict { path } => {
                format!("refuse  {path}: the file exists without the generated header; move it away")
            }
        }
    }

    /// A unified diff of the change (empty for conflicts).
    pub fn diff(&self) -> String {
        let (old, new) = match self {
            Change::Create { contents, .. } => ("", contents.as_str()),
            Change::Update { old, new, .. } => (old.as_str(), new.as_str()),
            Change::Delete { old, .. } => (old.as_str(), ""),
            Change::Conflict { .. } => return String::new(),
        };
        let path = self.path();
        similar::TextDiff::from_lines(old, new)
            .unified_diff()
            .context_radius(2)
            .header(&format!("a/{path}"), &format!("b/{path}"))
            .to_string()
    }
}

/// The directories and files of a crate that codegen owns (when they carry the header).
const OWNED: &[&str] = &["src", "services", "tests", "conformance", "README.md", "openapi.json"];

/// Whether codegen wrote `contents`: the header line of a Rust or Markdown file, or, as JSON has
/// no comments, the `x-generated` first key of the OpenAPI document.
fn is_generated(contents: &str) -> bool {
    crate::emit::is_generated(contents) || crate::emit::openapi::is_generated(contents)
}

/// Everything that differs between `files` and `crate_dir`, sorted by path.
pub fn plan(crate_dir: &Path, files: &[GeneratedFile]) -> std::io::Result<Vec<Change>> {
    let mut changes = Vec::new();
    for f in files {
        let target = crate_dir.join(&f.path);
        match std::fs::read_to_string(&target) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                changes.push(Change::Create { path: f.path.clone(), contents: f.contents.clone() });
            }
            Err(e) => return Err(std::io::Error::new(e.kind(), format!("{}: {e}", target.display()))),
            Ok(old) => {
                let old = old.replace("\r\n", "\n");
                if old == f.contents {
                    continue;
                }
                if is_generated(&old) {
                    changes.push(Change::Update { path: f.path.clone(), old, new: f.contents.clone() });
                } else {
                    changes.push(Change::Conflict { path: f.path.clone() });
                }
            }
        }
    }
    let mut existing = Vec::new();
    for owned in OWNED {
        collect(crate_dir, &crate_dir.join(owned), &mut existing)?;
    }
    for (path, old) in existing {
        if is_generated(&old) && !files.iter().any(|f| f.path == path) {
            changes.push(Change::Delete { path, old });
        }
    }
    changes.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(changes)
}

/// The public types that `changes` would take away from the crate, each by its path
/// (`ddm::v1::types::GetUsersListdatabase`): declared in a file the change updates or deletes and
/// in no generated file of the same module. A page added later must not rename a type that
/// programs already name (spec/README.md, "Names"); `cargo xtask codegen` refuses such a change
/// unless told it is meant (`--allow-breaking`).
pub fn removed_types(changes: &[Change], files: &[GeneratedFile]) -> Vec<String> {
    let new: std::collections::BTreeSet<String> =
        files.iter().flat_map(|f| public_types(&f.path, &f.contents)).collect();
    let mut removed: Vec<String> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Update { path, old, .. } | Change::Delete { path, old } => Some(public_types(path, old)),
            Change::Create { .. } | Change::Conflict { .. } => None,
        })
        .flatten()
        .filter(|t| !new.contains(t))
        .collect();
    removed.sort();
    removed.dedup();
    removed
}

/// The public types a generated file of a version module declares, by path: an operation's file
/// (`services/ddm/src/v1/list_users.rs`: `ddm::v1::list_users::ListUsersRequest`), a `types/`
/// file (`ddm::v1::types::...`) or the client (`ddm::v1::DdmClient`); none for other files.
fn public_types(path: &str, text: &str) -> Vec<String> {
    let parts: Vec<&str> = path.split('/').collect();
    let (service, version, module) = match parts.as_slice() {
        ["services", service, "src", version, file] => {
            let stem = file.trim_end_matches(".rs");
            match stem {
                "mod" | "mock" => return Vec::new(),
                "client" => (*service, *version, None),
                op => (*service, *version, Some(op.to_owned())),
            }
        }
        ["services", service, "src", version, "types", file] if *file != "mod.rs" => {
            (*service, *version, Some("types".to_owned()))
        }
        _ => return Vec::new(),
    };
    text.lines()
        .filter_map(|l| l.strip_prefix("pub struct ").or_else(|| l.strip_prefix("pub enum ")))
        .filter_map(|rest| rest.split(|c: char| !(c.is_alphanumeric() || c == '_')).next())
        .map(|name| match &module {
            Some(m) => format!("{service}::{version}::{m}::{name}"),
            None => format!("{service}::{version}::{name}"),
        })
        .collect()
}

/// The files at or below `p` (none when it does not exist), sorted, each with its path relative
/// to `root` and its text.
fn collect(root: &Path, p: &Path, out: &mut Vec<(String, String)>) -> std::io::Result<()> {
    if !p.exists() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(p).follow_links(true).sort_by_file_name() {
        // walkdir's message names the path; keep it rather than the bare io::Error.
        let entry = entry.map_err(|e| {
            std::io::Error::new(e.io_error().map_or(std::io::ErrorKind::Other, std::io::Error::kind), e.to_string())
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        // Binary or unreadable-as-text files are not generated; leave them alone.
        if let Ok(text) = std::fs::read_to_string(entry.path()) {
            out.push((rel, text.replace("\r\n", "\n")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_type_that_disappears_from_its_module_is_reported_one_that_moves_file_is_not() {
        let f = |path: &str, contents: &str| GeneratedFile { path: path.to_owned(), contents: contents.to_owned() };
        let changes = vec![
            Change::Update {
                path: "services/ddm/src/v1/list_users.rs".to_owned(),
                old: "pub struct ListUsersRequest {\npub struct ListUsersResponse {\n".to_owned(),
                new: String::new(),
            },
            Change::Update {
                path: "services/ddm/src/v1/types/list_users.rs".to_owned(),
                old: "pub struct Account {\npub enum Mode {\n".to_owned(),
                new: String::new(),
            },
            Change::Delete { path: "services/ddm/src/v1/mock.rs".to_owned(), old: "pub struct Hidden {\n".to_owned() },
        ];
        let files = vec![
            f("services/ddm/src/v1/list_users.rs", "pub struct ListUsersRequest {\n"),
            // `Account` moved to the shared file: the same path, not removed.
            f("services/ddm/src/v1/types/shared.rs", "pub struct Account {\n"),
            f("services/ddm/src/v1/types/list_users.rs", "pub enum ListUsersMode {\n"),
        ];
        assert_eq!(removed_types(&changes, &files), ["ddm::v1::list_users::ListUsersResponse", "ddm::v1::types::Mode"]);
    }
}
