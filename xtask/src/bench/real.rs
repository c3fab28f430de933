//! `cargo xtask bench --real`: the cost of the real spec tree (`spec/`, every operation the crate
//! has), not a synthetic one, written to the section [`HEADING`] of `BENCHMARKS.md` (a full
//! `cargo xtask bench` keeps that section as it is).
//!
//! Under `target/bench/real/`: a copy of `spec/` and the whole crate `cargo xtask codegen --out`
//! writes from it (the facade with one feature per service, the runtime by path), built with its
//! own target directory. Measured:
//! - generation: median of 5 runs of the release `xtask codegen` into an emptied directory;
//! - clean build: `cargo build --all-features` of the facade after `cargo clean -p` of the facade
//!   and every service crate, the dependencies (runtime included) built beforehand, untimed;
//!   median of 3; peak memory is the largest `rustc`'s `VmHWM`;
//! - one spec file changed: a word added to the description of one DWS operation, regenerated
//!   (timed apart), then `cargo build --all-features`; the crates cargo compiled are listed from
//!   its log.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::measure::{self, Sample};
use super::report::{mib, secs, section_span};

/// The section's heading in `BENCHMARKS.md`.
pub const HEADING: &str = "## The real spec (`cargo xtask bench --real`)";

/// The DWS spec file whose description the rebuild step changes.
const CHANGED: &str = "dws/v2/show_database_om_user_status.yaml";

/// What `--real` measured.
#[derive(Debug)]
struct Figures {
    operations: usize,
    generation: Sample,
    clean: Sample,
    regenerate: Sample,
    rebuild: Sample,
    rebuilt: Vec<String>,
}

/// Runs the measurement and rewrites the section of `BENCHMARKS.md`.
pub fn run(root: &Path, xtask: &Path, dir: &Path) -> Result<(), String> {
    let base = dir.join("real");
    let spec = base.join("spec");
    let krate = base.join("crate");
    let target = base.join("target");
    let logs = dir.join("logs");
    super::clear(std::slice::from_ref(&spec))?;
    copy_tree(&root.join("spec"), &spec)?;
    let operations = count_operations(&spec)?;
    super::step(&format!("generate the {operations} operations of spec/, 5 runs"));
    let mut runs = Vec::new();
    for run in 0..5 {
        super::clear(std::slice::from_ref(&krate))?;
        let mut cmd = Command::new(xtask);
        cmd.arg("codegen").arg("--spec").arg(&spec).arg("--out").arg(&krate);
        runs.push(measure::run(&mut cmd, measure::PROCESS, &logs.join(format!("real-codegen-{run}.log")))?);
    }
    let generation = measure::median(&runs);
    let packages = super::service_packages(&krate, "huaweicloud-sdk")?;
    let cargo = |args: &[&str]| {
        let mut cmd = Command::new("cargo");
        cmd.current_dir(&krate).env("CARGO_TARGET_DIR", &target).args(args);
        cmd
    };
    super::step("build the dependencies (untimed)");
    measure::run(&mut cargo(&["build", "--all-features"]), measure::BUILD, &logs.join("real-warm.log"))?;
    super::step("clean debug build of the facade and its service crates, 3 runs");
    let mut clean_args = vec!["clean", "-p", "huaweicloud-sdk"];
    for p in &packages {
        clean_args.extend(["-p", p.as_str()]);
    }
    let mut builds = Vec::new();
    for run in 0..3 {
        measure::run(&mut cargo(&clean_args), measure::PROCESS, &logs.join("real-clean.log"))?;
        let log = logs.join(format!("real-build-{run}.log"));
        builds.push(measure::run(&mut cargo(&["build", "--all-features"]), measure::BUILD, &log)?);
    }
    let clean = measure::median(&builds);
    super::step(&format!("change {CHANGED}, regenerate, rebuild"));
    let changed = spec.join(CHANGED);
    let text = std::fs::read_to_string(&changed).map_err(|e| format!("{}: {e}", changed.display()))?;
    let edited = text.replacen("\ndescription: ", "\ndescription: (bench edit) ", 1);
    if edited == text {
        return Err(format!("{}: no top-level `description:` to change", changed.display()));
    }
    std::fs::write(&changed, edited).map_err(|e| format!("{}: {e}", changed.display()))?;
    let mut cmd = Command::new(xtask);
    cmd.arg("codegen").arg("--spec").arg(&spec).arg("--out").arg(&krate);
    let regenerate = measure::run(&mut cmd, measure::PROCESS, &logs.join("real-regenerate.log"))?;
    let log = logs.join("real-rebuild.log");
    let rebuild = measure::run(&mut cargo(&["build", "--all-features"]), measure::BUILD, &log)?;
    let rebuilt = compiled(&log)?;
    let figures = Figures { operations, generation, clean, regenerate, rebuild, rebuilt };
    let section = section(&figures, root);
    print!("{section}");
    let path = root.join("BENCHMARKS.md");
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    std::fs::write(&path, replace_section(&old, &section)).map_err(|e| format!("{}: {e}", path.display()))
}

fn section(f: &Figures, root: &Path) -> String {
    let m = super::report::Machine::describe(root);
    let rebuilt = if f.rebuilt.is_empty() { "nothing".to_owned() } else { f.rebuilt.join(", ") };
    format!(
        "{HEADING}\n\n\
         Written by `cargo xtask bench --real` on {date} at {commit}, on {cores} cores (`xtask/src/bench/real.rs` says \
         how; the machine as above). The {ops} operations of `spec/` (the targets are those of issue 16):\n\n\
         | | measured | target |\n|---|---:|---|\n\
         | `cargo xtask codegen` (release), median of 5 | {gen} | under 0.5 s |\n\
         | clean debug build of `huaweicloud-sdk --all-features`, dependencies built, median of 3 | {clean} | under 60 s |\n\
         | peak `rustc` memory of that build | {mem} | under 1 GiB |\n\
         | regenerate after changing `{CHANGED}` | {regen} | |\n\
         | rebuild after that change | {rebuild} | under 15 s, that service only |\n\
         | crates the rebuild compiled | {rebuilt} | |\n",
        date = m.date,
        commit = m.commit,
        cores = m.cores,
        ops = f.operations,
        gen = secs(f.generation.wall),
        clean = secs(f.clean.wall),
        mem = mib(f.clean.rustc_kib),
        regen = secs(f.regenerate.wall),
        rebuild = secs(f.rebuild.wall),
    )
}

/// `old` with its section [`HEADING`] replaced by `section` (appended when there is none).
pub fn replace_section(old: &str, section: &str) -> String {
    let Some(span) = section_span(old, HEADING) else {
        return format!("{}\n\n{section}", old.trim_end());
    };
    let rest = if span.end < old.len() { format!("\n{}", &old[span.end..]) } else { String::new() };
    format!("{}{section}{rest}", &old[..span.start])
}

/// The section [`HEADING`] of `old`, for a full bench run to keep; empty when there is none.
pub fn kept_section(old: &str) -> String {
    section_span(old, HEADING).map_or_else(String::new, |span| format!("\n{}\n", old[span].trim_end()))
}

/// The packages cargo's log says it compiled (`Compiling <name> v<version>`).
fn compiled(log: &Path) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(log).map_err(|e| format!("{}: {e}", log.display()))?;
    Ok(text
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("Compiling "))
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_owned)
        .collect())
}

/// The operation files of a spec tree, as the loader reads them.
fn count_operations(spec: &Path) -> Result<usize, String> {
    let files = codegen::spec::load::read_dir(spec, "spec").map_err(|e| format!("{}: {e}", spec.display()))?;
    Ok(files.iter().filter(|f| !f.rel.ends_with("/service.yaml")).count())
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.map_err(|e| format!("{}: {e}", from.display()))?;
        let rel = entry.path().strip_prefix(from).map_err(|e| e.to_string())?;
        let dest: PathBuf = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).map_err(|e| format!("{}: {e}", dest.display()))?;
        } else {
            std::fs::copy(entry.path(), &dest).map_err(|e| format!("{}: {e}", dest.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_section_is_replaced_in_place_or_appended() {
        let new = format!("{HEADING}\n\nnew\n");
        let old = format!("# B\n\n## A\n\na\n\n{HEADING}\n\nold\n\n## C\n\nc\n");
        assert_eq!(replace_section(&old, &new), format!("# B\n\n## A\n\na\n\n{HEADING}\n\nnew\n\n## C\n\nc\n"));
        assert_eq!(replace_section("# B\n", &new), format!("# B\n\n{HEADING}\n\nnew\n"));
        assert_eq!(kept_section(&old), format!("\n{HEADING}\n\nold\n"));
        assert_eq!(kept_section("# B\n"), "");
    }
}
