//! Shared helpers for the workspace tests: paths, loading a spec tree, planning a regeneration.

use std::path::{Path, PathBuf};

use codegen::sync::Change;
use codegen::{Config, SourceFile};

pub mod oracle;
pub mod server;
pub mod wire;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Reads the spec tree at `rel` (relative to the workspace root), shown as `rel` in diagnostics.
pub fn load(rel: &str) -> Vec<SourceFile> {
    codegen::load::read_dir(&root().join(rel), rel).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
}

/// A copy of `file` with other contents.
pub fn with_text(file: &SourceFile, text: String) -> SourceFile {
    SourceFile { text, ..file.clone() }
}

/// Generates from `files` for a crate whose library is `lib_name`.
pub fn generate(files: &[SourceFile], lib_name: &str) -> Result<Vec<codegen::GeneratedFile>, codegen::Diagnostics> {
    codegen::generate(files, &Config { lib_name: lib_name.to_owned() })
}

/// What `cargo xtask codegen` would change in `crate_rel` to match `spec_rel`; never writes.
pub fn plan(spec_rel: &str, crate_rel: &str, lib_name: &str) -> Vec<Change> {
    let files = generate(&load(spec_rel), lib_name).unwrap_or_else(|d| panic!("{spec_rel} does not generate:\n{d}"));
    codegen::sync::plan(&root().join(crate_rel), &files).unwrap_or_else(|e| panic!("reading {crate_rel}: {e}"))
}

/// Panics with every change and its diff when `changes` is not empty.
pub fn assert_fresh(changes: &[Change], command: &str) {
    if changes.is_empty() {
        return;
    }
    let mut report = String::new();
    for c in changes {
        report.push_str(&c.summary());
        report.push('\n');
        report.push_str(&c.diff());
    }
    panic!("generated code is stale; run `{command}`\n{report}");
}

/// The Rust snippets of the workspace README, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
