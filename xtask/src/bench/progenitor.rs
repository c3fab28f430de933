//! The peer: oxidecomputer's progenitor, run as `cargo-progenitor` on the OpenAPI export of the
//! same synthetic specs, installed from crates.io under `target/bench/tools` when missing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The version the bench installs and reports, pinned so that figures stay comparable.
pub const VERSION: &str = "0.15.1";
/// The package name of the crate progenitor generates.
pub const PACKAGE: &str = "synth-progenitor";
/// The options given to progenitor besides input and output: its defaults, written out.
pub const OPTIONS: &[&str] = &["--interface", "positional", "--tags", "merged", "--include-client", "false"];

/// The installed tool.
#[derive(Debug)]
pub struct Tool {
    /// Path of the `cargo-progenitor` binary.
    pub bin: PathBuf,
    /// How long the install took, when this run installed it.
    pub installed_in: Option<Duration>,
}

/// `cargo install cargo-progenitor --version VERSION --locked --root <root>` unless that version
/// is already there.
pub fn ensure(root: &Path, log: &Path) -> Result<Tool, String> {
    let bin = root.join("bin/cargo-progenitor");
    let installed = Command::new("cargo")
        .args(["install", "--list", "--root"])
        .arg(root)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains(&format!("cargo-progenitor v{VERSION}:")))
        .unwrap_or(false);
    if installed && bin.is_file() {
        return Ok(Tool { bin, installed_in: None });
    }
    println!("installing cargo-progenitor {VERSION} into {} (a few minutes)", root.display());
    let start = Instant::now();
    let mut cmd = Command::new("cargo");
    cmd.args(["install", "cargo-progenitor", "--version", VERSION, "--locked", "--root"]).arg(root);
    super::measure::run(&mut cmd, super::measure::PROCESS, log).map_err(|e| format!("installing progenitor: {e}"))?;
    Ok(Tool { bin, installed_in: Some(start.elapsed()) })
}

/// The command that generates the crate `out` from the OpenAPI document `input`.
pub fn command(tool: &Tool, input: &Path, out: &Path) -> Command {
    let mut cmd = Command::new(&tool.bin);
    cmd.arg("progenitor").arg("-i").arg(input).arg("-o").arg(out);
    cmd.args(["-n", PACKAGE, "-v", "0.1.0"]).args(OPTIONS);
    cmd
}

/// Makes the generated crate build on its own: progenitor writes a bare `[package]`, and the
/// crate lives below this repository, whose workspace would otherwise claim it.
pub fn detach(out: &Path) -> Result<(), String> {
    let manifest = out.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    let parsed: toml::Table = text.parse().map_err(|e| format!("{}: {e}", manifest.display()))?;
    if !parsed.contains_key("workspace") {
        std::fs::write(&manifest, format!("{text}\n[workspace]\n"))
            .map_err(|e| format!("{}: {e}", manifest.display()))?;
    }
    Ok(())
}
