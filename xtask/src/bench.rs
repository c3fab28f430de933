//! `cargo xtask bench [--quick]`: generator speed and memory, generated size, and build time and
//! memory of the generated crate, ours against progenitor's on the same synthetic API; written to
//! `BENCHMARKS.md` and printed.
//!
//! Everything lives under `target/bench/`: `n<N>/spec` and `n<N>/crate` from `cargo xtask synth`,
//! `n<N>/openapi.json` from `cargo xtask openapi`, `n<N>/progenitor` from `cargo-progenitor`,
//! one target directory per generator, the logs of every measured command, and the installed
//! tool. Each figure is the median of repeated runs (see [`Plan`]).

mod load;
mod measure;
mod profile;
mod progenitor;
mod real;
mod report;
mod size;
mod tables;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub use profile::Phases;

use measure::Sample;
use size::Count;

/// What one bench run measures.
#[derive(Debug, Clone)]
pub struct Plan {
    /// `--quick`.
    pub quick: bool,
    /// Operation counts whose generation is timed.
    pub generate: Vec<usize>,
    /// Runs per generation figure.
    pub generate_runs: usize,
    /// Operation counts whose generated crate is built.
    pub build: Vec<usize>,
    /// Runs per build figure.
    pub build_runs: usize,
}

impl Plan {
    fn new(quick: bool) -> Plan {
        if quick {
            // A debug build of 1,000 operations takes minutes per generator: not in a quick run.
            Plan { quick, generate: vec![10, 100, 1000], generate_runs: 3, build: vec![100], build_runs: 1 }
        } else {
            Plan { quick, generate: vec![10, 100, 1000, 5000], generate_runs: 5, build: vec![100, 1000], build_runs: 3 }
        }
    }
}

/// The figures of one operation count.
#[derive(Debug)]
pub struct Generation {
    /// Operations.
    pub n: usize,
    /// `xtask codegen`, median.
    pub ours: Sample,
    /// `cargo-progenitor`, median.
    pub theirs: Sample,
    /// Our crate's Rust files by kind.
    pub our_size: BTreeMap<&'static str, Count>,
    /// Progenitor's.
    pub their_size: BTreeMap<&'static str, Count>,
}

/// Debug build of one generated crate alone, its dependencies already built.
#[derive(Debug)]
pub struct Build {
    /// Operations.
    pub n: usize,
    /// Ours, median.
    pub ours: Sample,
    /// Progenitor's, median.
    pub theirs: Sample,
}

/// Everything BENCHMARKS.md reports.
#[derive(Debug)]
pub struct Results {
    /// What was measured.
    pub plan: Plan,
    /// The figures per operation count.
    pub generations: Vec<Generation>,
    /// The build figures.
    pub builds: Vec<Build>,
    /// `XTASK_PROFILE` phases of one generation of the largest count: the count and (phase, value).
    pub profile: (usize, Vec<(String, String)>),
    /// `-Z time-passes` of one build of our crate (full runs): the count and (pass, seconds, RSS after).
    pub passes: (usize, Vec<(String, String, String)>),
    /// The progenitor install, if this run made it.
    pub installed_in: Option<Duration>,
    /// CPU seconds that processes other than the bench used while it ran, when known.
    pub foreign_cpu: Option<f64>,
    /// Wall time of the whole bench.
    pub total: Duration,
}

/// `cargo xtask bench [--quick]`.
pub fn run(args: &[String], root: &Path) -> Result<(), String> {
    let (quick, real) = match args {
        [] => (false, false),
        [q] if q == "--quick" => (true, false),
        [r] if r == "--real" => (false, true),
        _ => return Err("bench takes [--quick | --real]".to_owned()),
    };
    let start = Instant::now();
    let plan = Plan::new(quick);
    let dir = root.join("target/bench");
    std::fs::create_dir_all(dir.join("logs")).map_err(|e| format!("{}: {e}", dir.display()))?;
    if real {
        // The generator as `cargo xtask codegen` runs it: this very binary (the dev profile, whose
        // generator crates are optimised, see the workspace's Cargo.toml).
        let xtask = std::env::current_exe().map_err(|e| format!("the running xtask: {e}"))?;
        return real::run(root, &xtask, &dir);
    }
    let cpu_start = load::now();
    step("building xtask (release)");
    let xtask = release_xtask(root, &dir)?;
    step("installing progenitor when missing");
    let tool = progenitor::ensure(&dir.join("tools"), &dir.join("logs/install-progenitor.log"))?;
    let mut generations = Vec::new();
    let largest = plan.generate.iter().chain(&plan.build).copied().max().unwrap_or(0);
    let mut counts: Vec<usize> = plan.generate.iter().chain(&plan.build).copied().collect();
    counts.sort_unstable();
    counts.dedup();
    for &n in &counts {
        step(&format!("synth {n} operations, export OpenAPI"));
        prepare(&xtask, &dir, n)?;
        let runs = if plan.generate.contains(&n) { plan.generate_runs } else { 1 };
        step(&format!("generate {n} operations, {runs} runs each"));
        let g = generate(&xtask, &tool, &dir, n, runs)?;
        if plan.generate.contains(&n) {
            println!("{}", report::generation_line(&g));
            generations.push(g);
        }
    }
    step(&format!("profile one generation of {largest} operations"));
    let profile = (largest, profile_run(&xtask, &dir, largest)?);
    let mut builds = Vec::new();
    for (i, &n) in plan.build.iter().enumerate() {
        step(&format!("debug build of the {n}-operation crates, {} runs each", plan.build_runs));
        let b = build(&dir, n, plan.build_runs, i == 0)?;
        println!("{}", report::build_line(&b));
        builds.push(b);
    }
    let mut passes = (0, Vec::new());
    if let (false, Some(&n)) = (plan.quick, plan.build.iter().max()) {
        step(&format!("rustc -Z time-passes on our {n}-operation crate"));
        passes = (n, time_passes(&dir, n)?);
    }
    let results = Results {
        plan,
        generations,
        builds,
        profile,
        passes,
        installed_in: tool.installed_in,
        foreign_cpu: cpu_start.zip(load::now()).map(|(a, b)| load::foreign_seconds(a, b)),
        total: start.elapsed(),
    };
    let path = root.join("BENCHMARKS.md");
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    let text = report::markdown(&results, &report::Machine::describe(root), &old);
    std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("\n{}", report::tables(&results));
    println!("wrote {} in {:.0} s", path.display(), results.total.as_secs_f64());
    Ok(())
}

fn step(what: &str) {
    println!("bench: {what}");
}

/// `cargo build --release -p xtask`, so that the generator is timed as users run it.
fn release_xtask(root: &Path, dir: &Path) -> Result<PathBuf, String> {
    let mut cmd = Command::new("cargo");
    cmd.current_dir(root).args(["build", "--release", "-p", "xtask"]);
    measure::run(&mut cmd, measure::PROCESS, &dir.join("logs/xtask-release.log"))?;
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    // A copy, so that a build of the workspace during the bench cannot swap the generator mid-run.
    let copy = dir.join("bin/xtask");
    std::fs::create_dir_all(dir.join("bin")).map_err(|e| format!("{}: {e}", dir.display()))?;
    std::fs::copy(target.join("release/xtask"), &copy).map_err(|e| format!("{}: {e}", copy.display()))?;
    Ok(copy)
}

/// `target/bench/n<N>`: the synthetic spec, our crate's skeleton and the OpenAPI document.
fn prepare(xtask: &Path, dir: &Path, n: usize) -> Result<(), String> {
    let base = dir.join(format!("n{n}"));
    let log = dir.join(format!("logs/n{n}-prepare.log"));
    let mut synth = Command::new(xtask);
    synth.args(["synth", "--endpoints", &n.to_string(), "--out"]).arg(&base);
    measure::run(&mut synth, measure::PROCESS, &log)?;
    let mut openapi = Command::new(xtask);
    openapi.arg("openapi").arg("--spec").arg(base.join("spec")).arg("--out").arg(base.join("openapi.json"));
    measure::run(&mut openapi, measure::PROCESS, &log)?;
    Ok(())
}

/// Removes what a generator wrote, so that every timed run writes the whole crate.
fn clear(paths: &[PathBuf]) -> Result<(), String> {
    for p in paths {
        let r = if p.is_dir() { std::fs::remove_dir_all(p) } else { std::fs::remove_file(p) };
        match r {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(format!("{}: {e}", p.display())),
            _ => {}
        }
    }
    Ok(())
}

/// `runs` timed generations by each generator, alternating, from an empty output each time (ours
/// without its memo of formatted files).
fn generate(xtask: &Path, tool: &progenitor::Tool, dir: &Path, n: usize, runs: usize) -> Result<Generation, String> {
    let base = dir.join(format!("n{n}"));
    let ours_out = base.join("crate");
    let theirs_out = base.join("progenitor");
    let ours_written: Vec<PathBuf> =
        ["src", "tests", "README.md", "openapi.json"].iter().map(|p| ours_out.join(p)).collect();
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for run in 0..runs {
        clear(&ours_written)?;
        let mut cmd = Command::new(xtask);
        // Without the memo of formatted files: every file formatted, as progenitor does.
        cmd.arg("codegen").arg("--no-cache").arg("--spec").arg(base.join("spec")).arg("--out").arg(&ours_out);
        ours.push(measure::run(&mut cmd, measure::PROCESS, &dir.join(format!("logs/n{n}-codegen-{run}.log")))?);
        clear(std::slice::from_ref(&theirs_out))?;
        let mut cmd = progenitor::command(tool, &base.join("openapi.json"), &theirs_out);
        theirs.push(measure::run(&mut cmd, measure::PROCESS, &dir.join(format!("logs/n{n}-progenitor-{run}.log")))?);
    }
    progenitor::detach(&theirs_out)?;
    Ok(Generation {
        n,
        ours: measure::median(&ours),
        theirs: measure::median(&theirs),
        our_size: size::by_kind(&ours_out, size::our_kind)?,
        their_size: size::by_kind(&theirs_out, size::their_kind)?,
    })
}

/// One more generation of `n` with `XTASK_PROFILE` set; its phase table.
fn profile_run(xtask: &Path, dir: &Path, n: usize) -> Result<Vec<(String, String)>, String> {
    let base = dir.join(format!("n{n}"));
    let out = base.join("crate");
    clear(&["src", "tests", "README.md", "openapi.json"].map(|p| out.join(p)))?;
    let log = dir.join(format!("logs/n{n}-profile.log"));
    let mut cmd = Command::new(xtask);
    cmd.env(profile::ENV, "1")
        .arg("codegen")
        .arg("--no-cache")
        .arg("--spec")
        .arg(base.join("spec"))
        .arg("--out")
        .arg(&out);
    measure::run(&mut cmd, measure::PROCESS, &log)?;
    let text = std::fs::read_to_string(&log).map_err(|e| format!("{}: {e}", log.display()))?;
    Ok(text
        .lines()
        .filter_map(|l| l.strip_prefix(profile::MARKER))
        .skip(1)
        .filter_map(|l| l.split_once(" | "))
        .map(|(a, b)| (a.trim_start().to_owned(), b.trim().to_owned()))
        .collect())
}

/// `runs` debug builds of each generated crate of `n` operations, the crate alone: the first
/// build of the bench (`warm`) brings the dependencies up to date untimed, then each timed run
/// is `cargo clean -p <crate>` and `cargo build --lib`.
fn build(dir: &Path, n: usize, runs: usize, warm: bool) -> Result<Build, String> {
    let base = dir.join(format!("n{n}"));
    let crates = [
        ("ours", base.join("crate"), crate::synth::PACKAGE, dir.join("target-ours")),
        ("progenitor", base.join("progenitor"), progenitor::PACKAGE, dir.join("target-progenitor")),
    ];
    let cargo = |manifest_dir: &Path, target: &Path, args: &[&str]| {
        let mut cmd = Command::new("cargo");
        cmd.current_dir(manifest_dir).env("CARGO_TARGET_DIR", target).args(args);
        cmd
    };
    if warm {
        for (name, krate, _, target) in &crates {
            let log = dir.join(format!("logs/n{n}-{name}-deps.log"));
            measure::run(&mut cargo(krate, target, &["build", "--lib"]), measure::BUILD, &log)?;
        }
    }
    let mut samples: [Vec<Sample>; 2] = [Vec::new(), Vec::new()];
    for run in 0..runs {
        for (i, (name, krate, package, target)) in crates.iter().enumerate() {
            let log = dir.join(format!("logs/n{n}-{name}-build-{run}.log"));
            // Ours is a facade and one crate per service: all of them are the generated code.
            let mut clean = vec!["clean".to_owned(), "-p".to_owned(), (*package).to_owned()];
            for p in service_packages(krate, package)? {
                clean.extend(["-p".to_owned(), p]);
            }
            let clean: Vec<&str> = clean.iter().map(String::as_str).collect();
            measure::run(&mut cargo(krate, target, &clean), measure::PROCESS, &log)?;
            samples[i].push(measure::run(&mut cargo(krate, target, &["build", "--lib"]), measure::BUILD, &log)?);
        }
    }
    Ok(Build { n, ours: measure::median(&samples[0]), theirs: measure::median(&samples[1]) })
}

/// The packages of the service crates under `crate_dir/services/` (none for progenitor's crate):
/// `<package>-<service>`, as codegen names them.
fn service_packages(crate_dir: &Path, package: &str) -> Result<Vec<String>, String> {
    let dir = crate_dir.join("services");
    let Ok(entries) = std::fs::read_dir(&dir) else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for e in entries {
        let path = e.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.join("Cargo.toml").is_file() {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            out.push(format!("{package}-{name}"));
        }
    }
    out.sort();
    Ok(out)
}

/// The compiler passes that make up the build time, in the order they run.
const PASSES: &[&str] = &[
    "macro_expand_crate",
    "resolve_crate",
    "type_check_crate",
    "MIR_borrow_checking",
    "generate_crate_metadata",
    "monomorphization_collector_graph_walk",
    "codegen_crate",
    "LLVM_passes",
    "link",
    "total",
];

/// One more build of our crate of `n` operations with `-Z time-passes` (allowed on a stable
/// compiler by `RUSTC_BOOTSTRAP=1`, for this profile only): the time and memory of [`PASSES`].
fn time_passes(dir: &Path, n: usize) -> Result<Vec<(String, String, String)>, String> {
    let krate = dir.join(format!("n{n}/crate"));
    let log = dir.join(format!("logs/n{n}-ours-time-passes.log"));
    // The first service crate: each holds the operations of one service (100 of the synthetic
    // API), and they build side by side.
    let package = format!("{}-synth0", crate::synth::PACKAGE);
    let mut clean = Command::new("cargo");
    clean.current_dir(&krate).env("CARGO_TARGET_DIR", dir.join("target-ours"));
    measure::run(clean.args(["clean", "-p", &package]), measure::PROCESS, &log)?;
    let mut cmd = Command::new("cargo");
    cmd.current_dir(&krate).env("CARGO_TARGET_DIR", dir.join("target-ours")).env("RUSTC_BOOTSTRAP", "1");
    measure::run(cmd.args(["rustc", "-p", &package, "--lib", "--", "-Z", "time-passes"]), measure::BUILD, &log)?;
    let text = std::fs::read_to_string(&log).map_err(|e| format!("{}: {e}", log.display()))?;
    // `time:  51.272; rss: 2951MB -> 3777MB ( +826MB)\ttype_check_crate`
    let mut out = Vec::new();
    for pass in PASSES {
        let line = text.lines().find(|l| l.starts_with("time:") && l.split_whitespace().last() == Some(*pass));
        if let Some(l) = line {
            let secs = l.trim_start_matches("time:").split(';').next().unwrap_or("").trim().to_owned();
            let rss = l.split("-> ").nth(1).and_then(|r| r.split_whitespace().next()).unwrap_or("").to_owned();
            out.push(((*pass).to_owned(), secs, rss));
        }
    }
    Ok(out)
}
