//! Shared helpers for the workspace tests: paths, loading a spec tree, planning a regeneration.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::sync::Change;
use codegen::{Config, SourceFile};

pub mod oracle;
pub mod server;
pub mod wire;

/// A `std::io::Write` that appends to a shared buffer: the writer of a tracing subscriber a test
/// installs for its own thread, to read what was logged.
#[derive(Clone, Default, Debug)]
pub struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl Captured {
    /// What was written so far, as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)).into_owned()
    }
}

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// `cargo <args>` from the workspace root, where the pinned toolchain applies, building into the
/// workspace's target directory (or `CARGO_TARGET_DIR`) so that the dependencies already built
/// there are reused by crates outside the workspace too.
pub fn cargo(args: &[&str]) -> Command {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from);
    let mut command = Command::new(env!("CARGO"));
    command.current_dir(root()).env("CARGO_TARGET_DIR", target).args(args);
    // `cargo test` describes this package to the test in these variables; ring's build script
    // reruns when they change, which would rebuild ring and all above it here and again in the
    // next outer build.
    for (name, _) in std::env::vars() {
        if ["CARGO_PKG_", "CARGO_MANIFEST_", "CARGO_CRATE_NAME", "CARGO_PRIMARY_PACKAGE"]
            .iter()
            .any(|p| name.starts_with(p))
        {
            command.env_remove(name);
        }
    }
    command
}

/// The Cargo manifest at `rel` (relative to the workspace root), parsed.
pub fn manifest(rel: &str) -> toml::Table {
    let text = std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    text.parse().unwrap_or_else(|e| panic!("{rel} is not TOML: {e}"))
}

/// The `[profile.*]` tables of the workspace manifest, as manifest text: a crate outside the
/// workspace that has them builds its dependencies as the workspace does, and so reuses them.
pub fn workspace_profiles() -> String {
    let profiles = manifest("Cargo.toml").remove("profile").unwrap_or_else(|| toml::Value::Table(toml::Table::new()));
    toml::Table::from_iter([("profile".to_owned(), profiles)]).to_string()
}

/// Reads the spec tree at `rel` (relative to the workspace root), shown as `rel` in diagnostics.
pub fn load(rel: &str) -> Vec<SourceFile> {
    codegen::spec::load::read_dir(&root().join(rel), rel).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
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
