//! BENCHMARKS.md and the lines printed while the bench runs.
//!
//! The file is rewritten whole on every run up to its "Runtime (criterion)" section, which the
//! criterion benches fill in: that section and every one after it (written by hand, or by
//! `--real`) are kept as they are.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use super::size::Count;
use super::{Build, Generation, Results};

/// The title of the section this bench does not write.
const RUNTIME_HEADING: &str = "## Runtime (criterion)";

/// What the numbers were measured on.
#[derive(Debug)]
pub struct Machine {
    /// CPU model from /proc/cpuinfo.
    pub cpu: String,
    /// `nproc`.
    pub cores: String,
    /// MemTotal from /proc/meminfo.
    pub memory: String,
    /// `rustc --version` in the workspace.
    pub rustc: String,
    /// `uname -sr`.
    pub os: String,
    /// `date -u`.
    pub date: String,
    /// The commit of the work tree, `+ changes` when it has uncommitted ones.
    pub commit: String,
}

impl Machine {
    /// The machine the bench runs on; unknown figures say so.
    pub fn describe(root: &Path) -> Machine {
        let cmd = |program: &str, args: &[&str]| {
            Command::new(program)
                .args(args)
                .current_dir(root)
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
                .unwrap_or_else(|| "unknown".to_owned())
        };
        let proc_field = |file: &str, key: &str| {
            std::fs::read_to_string(file)
                .ok()
                .and_then(|t| {
                    t.lines()
                        .find(|l| l.starts_with(key))
                        .and_then(|l| l.split_once(':'))
                        .map(|(_, v)| v.trim().to_owned())
                })
                .unwrap_or_else(|| "unknown".to_owned())
        };
        let memory = proc_field("/proc/meminfo", "MemTotal");
        let memory = memory
            .trim_end_matches("kB")
            .trim()
            .parse::<f64>()
            .map(|kib| format!("{:.1} GiB", kib / 1024.0 / 1024.0))
            .unwrap_or(memory);
        Machine {
            cpu: proc_field("/proc/cpuinfo", "model name"),
            cores: cmd("nproc", &[]),
            memory,
            rustc: cmd("rustc", &["--version"]),
            os: cmd("uname", &["-sr"]),
            date: cmd("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
            commit: match (cmd("git", &["rev-parse", "--short", "HEAD"]), cmd("git", &["status", "--porcelain"])) {
                (head, changes) if changes.is_empty() || changes == "unknown" => head,
                (head, _) => format!("{head} + uncommitted changes"),
            },
        }
    }
}

/// A duration as BENCHMARKS.md prints it: `190 ms`, `7.05 s`.
pub(super) fn secs(d: std::time::Duration) -> String {
    let s = d.as_secs_f64();
    if s < 1.0 { format!("{:.0} ms", s * 1e3) } else { format!("{s:.2} s") }
}

/// KiB as BENCHMARKS.md prints memory: `569 MiB`.
pub(super) fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

/// Where the section that starts with `heading` lies in `text`: from the heading to the next
/// `## ` heading (its newline excluded) or the end.
pub(super) fn section_span(text: &str, heading: &str) -> Option<std::ops::Range<usize>> {
    let start = text.find(heading)?;
    let after = start + heading.len();
    let end = text[after..].find("\n## ").map_or(text.len(), |i| after + i + 1);
    Some(start..end)
}

fn per_op(c: Count, n: usize) -> f64 {
    c.lines as f64 / n as f64
}

fn total(sizes: &std::collections::BTreeMap<&'static str, Count>, skip: &[&str]) -> Count {
    sizes.iter().filter(|(k, _)| !skip.contains(k)).fold(Count::default(), |a, (_, c)| a.plus(*c))
}

/// Our library code: every kind but the mock routes (behind the `mock` feature) and the test.
const NOT_LIBRARY: &[&str] = &["mock routes", "examples test"];

/// One line per operation count, printed as the bench goes.
pub fn generation_line(g: &Generation) -> String {
    format!(
        "  generate {:>5} ops: ours {} ({}), progenitor {} ({}); lines/op ours {:.0} (+{:.0} mock, +{:.0} test), progenitor {:.0}",
        g.n,
        secs(g.ours.wall),
        mib(g.ours.peak_kib),
        secs(g.theirs.wall),
        mib(g.theirs.peak_kib),
        per_op(total(&g.our_size, NOT_LIBRARY), g.n),
        per_op(g.our_size.get("mock routes").copied().unwrap_or_default(), g.n),
        per_op(g.our_size.get("examples test").copied().unwrap_or_default(), g.n),
        per_op(total(&g.their_size, &[]), g.n),
    )
}

/// One line per built operation count.
pub fn build_line(b: &Build) -> String {
    format!(
        "  build {:>5} ops: ours {} (rustc {}), progenitor {} (rustc {})",
        b.n,
        secs(b.ours.wall),
        mib(b.ours.rustc_kib),
        secs(b.theirs.wall),
        mib(b.theirs.rustc_kib)
    )
}

/// The targets of issue 6 that this bench measures, with the figures: (target, measured, met),
/// `met` unknown when the run did not measure it.
fn targets(r: &Results) -> Vec<(String, String, Option<bool>)> {
    let mut out = Vec::new();
    if let Some(g) = r.generations.iter().find(|g| g.n == 1000) {
        let (o, t) = (g.ours.wall.as_secs_f64(), g.theirs.wall.as_secs_f64());
        out.push(("generation of 1,000 operations under 1 s".to_owned(), secs(g.ours.wall), Some(o < 1.0)));
        out.push((
            "generation at least 3x faster than progenitor (1,000 operations)".to_owned(),
            format!("{:.1}x ({} vs {})", t / o, secs(g.ours.wall), secs(g.theirs.wall)),
            Some(t / o >= 3.0),
        ));
        let ours = per_op(total(&g.our_size, NOT_LIBRARY), g.n);
        let with_mock = per_op(total(&g.our_size, &["examples test"]), g.n);
        let theirs = per_op(total(&g.their_size, &[]), g.n);
        out.push((
            "lines per operation at most half of progenitor's".to_owned(),
            format!(
                "{:.2} of theirs ({ours:.0} vs {theirs:.0}); {:.2} with the mock routes ({with_mock:.0})",
                ours / theirs,
                with_mock / theirs
            ),
            Some(ours / theirs <= 0.5),
        ));
    }
    let build_time = "build of the 1,000-operation crate at most 1/3 of progenitor's".to_owned();
    let build_memory = "peak rustc memory of that build under 1 GiB".to_owned();
    if let Some(b) = r.builds.iter().find(|b| b.n == 1000) {
        let (o, t) = (b.ours.wall.as_secs_f64(), b.theirs.wall.as_secs_f64());
        out.push((
            build_time,
            format!("{:.2} of theirs ({} vs {})", o / t, secs(b.ours.wall), secs(b.theirs.wall)),
            Some(o / t <= 1.0 / 3.0),
        ));
        out.push((
            build_memory,
            format!("{} (progenitor {})", mib(b.ours.rustc_kib), mib(b.theirs.rustc_kib)),
            Some(b.ours.rustc_kib < 1024 * 1024),
        ));
    } else {
        let why = "not measured: this run builds no 1,000-operation crate (`--quick`)".to_owned();
        out.push((build_time, why.clone(), None));
        out.push((build_memory, why, None));
    }
    out
}

/// The whole of BENCHMARKS.md; `old` is the previous file, whose runtime section is kept.
pub fn markdown(r: &Results, m: &Machine, old: &str) -> String {
    let mut s = String::new();
    let command = if r.plan.quick { "cargo xtask bench --quick" } else { "cargo xtask bench" };
    let _ = write!(
        s,
        "# Benchmarks\n\n\
         Written by `{command}` (`xtask/src/bench.rs`) on {date}, in {total:.0} s. Run it again after a change \
         to the generator or the runtime and compare; the section \"Runtime (criterion)\" is kept as it is.\n\n\
         ## Machine\n\n\
         | | |\n|---|---|\n| CPU | {cpu} |\n| cores (`nproc`) | {cores} |\n| memory | {memory} |\n| OS | {os} |\n| rustc | {rustc} |\n| work tree | {commit} |\n\n",
        date = m.date,
        total = r.total.as_secs_f64(),
        cpu = m.cpu,
        cores = m.cores,
        memory = m.memory,
        os = m.os,
        rustc = m.rustc,
        commit = m.commit,
    );
    let capacity = r.total.as_secs_f64() * std::thread::available_parallelism().map_or(1.0, |n| n.get() as f64);
    match r.foreign_cpu {
        Some(secs) if secs > 0.05 * capacity => {
            let _ = writeln!(
                s,
                "**Other processes competed for the cores:** they used {secs:.0} CPU-seconds, {:.0}% of the \
                 machine during this run, so the times may be high.\n",
                100.0 * secs / capacity
            );
        }
        Some(secs) => {
            let _ = writeln!(
                s,
                "The machine was otherwise idle: other processes used {secs:.0} CPU-seconds ({:.1}% of it) \
                 during the run.\n",
                100.0 * secs / capacity
            );
        }
        None => {}
    }
    method(&mut s, r);
    s.push_str(&tables(r));
    s.push_str(&kept_tail(old));
    s
}

/// What a run keeps of the previous file: everything from its runtime section on (the criterion
/// figures, the sections written by hand after them, `--real`'s section); without one, the
/// placeholder and `--real`'s section.
fn kept_tail(old: &str) -> String {
    match old.find(&format!("\n{RUNTIME_HEADING}\n")) {
        Some(start) => format!("{}\n", old[start + 1..].trim_end()),
        None => format!("{}{}", runtime_section(old), super::real::kept_section(old)),
    }
}

/// The measured part of BENCHMARKS.md, also printed at the end of a run: the targets, then the
/// generator, size and build tables.
pub fn tables(r: &Results) -> String {
    let mut s = String::from("## Targets of issue 6\n\n| target | measured | |\n|---|---|---|\n");
    for (target, measured, met) in targets(r) {
        let verdict = match met {
            Some(true) => "met",
            Some(false) => "**missed**",
            None => "",
        };
        let _ = writeln!(s, "| {target} | {measured} | {verdict} |");
    }
    s.push('\n');
    super::tables::generator(&mut s, r);
    super::tables::size(&mut s, r);
    super::tables::build(&mut s, r);
    s
}

fn method(s: &mut String, r: &Results) {
    let p = &r.plan;
    let installed = match r.installed_in {
        Some(d) => format!(" (installed by this run in {})", secs(d)),
        None => String::new(),
    };
    let _ = write!(
        s,
        "## Method\n\n\
         - API: `cargo xtask synth --endpoints N` (services `synth0`, `synth1`, ..., 50 operations per version module, \
         two versions per service; per resource a paginated listing, a create with a nested body, a show, an update \
         and a delete, each with documented error bodies and examples), exported with `cargo xtask openapi` for \
         progenitor. The document is given to progenitor unchanged: it accepts it as it is.\n\
         - Generation: median of {gr} run(s) per N of `xtask codegen --spec .. --out ..` (the release build, copied to `target/bench/bin`) (read, validate, \
         emit and write every file, `openapi.json` included) and of `cargo-progenitor progenitor -i openapi.json -o .. \
         {opts}` (cargo-progenitor {version}{installed}), each into an emptied directory. Peak memory: the child's \
         `VmHWM` in `/proc/<pid>/status`, sampled every millisecond.\n\
         - Size: lines and bytes of the `.rs` files the generator writes, documentation included; ours by kind of \
         file. The mock routes compile only with the `mock` feature, and the examples test only under `cargo test`.\n\
         - Build: median of {br} run(s) per N of `cargo clean -p <crate> [-p <service crate>...]` then `cargo build --lib` (debug, default \
         features, each crate's own `[workspace]` and default profile, one `CARGO_TARGET_DIR` per generator under \
         `target/bench/`), the dependencies built beforehand. Time is cargo's wall time; memory is the largest `VmHWM` \
         of the `rustc` processes below cargo, sampled every 20 ms.\n\
         - Operation counts: generation {gen:?}, build {build:?}.\n\n",
        gr = p.generate_runs,
        br = p.build_runs,
        opts = super::progenitor::OPTIONS.join(" "),
        version = super::progenitor::VERSION,
        gen = p.generate,
        build = p.build,
    );
}

/// The kept runtime section of `old`, or the placeholder.
fn runtime_section(old: &str) -> String {
    if let Some(span) = section_span(old, RUNTIME_HEADING) {
        let mut kept = old[span].trim_end().to_owned();
        kept.push('\n');
        return kept;
    }
    format!(
        "{RUNTIME_HEADING}\n\n\
         Not written by `cargo xtask bench`: these figures come from the criterion benches, \
         `cargo bench -p huaweicloud-sdk` (`generated/benches/`: `call_overhead`, `decode`, `throughput`), \
         and are filled in here by hand. Per-call overhead, decoding of a 1,000-account ListUsers response, \
         and throughput at concurrency 1 and 32 against plain reqwest and the official Python SDK.\n\n\
         _Not measured yet._\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runtime_section_of_the_old_file_is_kept() {
        let old = "# Benchmarks\n\n## Build\n\nold\n\n## Runtime (criterion)\n\nfilled in\n\n## Later\n\nx\n";
        assert_eq!(runtime_section(old), "## Runtime (criterion)\n\nfilled in\n");
        assert!(runtime_section("# Benchmarks\n").contains("cargo bench -p huaweicloud-sdk"));
    }

    #[test]
    fn every_section_from_the_runtime_one_on_survives_a_run() {
        let old = "# Benchmarks\n\n## Build\n\nold\n\n## Runtime (criterion)\n\nfilled in\n\n## By hand\n\nx\n\n\
                   ## The real spec (`cargo xtask bench --real`)\n\nreal\n\n## Earlier\n\ny\n";
        let kept = kept_tail(old);
        assert!(kept.starts_with("## Runtime (criterion)\n\nfilled in"), "{kept}");
        assert!(kept.contains("## By hand\n\nx") && kept.contains("real\n\n## Earlier\n\ny\n"), "{kept}");
        assert!(!kept.contains("## Build"), "{kept}");
        let fresh = kept_tail("# Benchmarks\n\n## Build\n");
        assert!(fresh.starts_with(RUNTIME_HEADING) && fresh.contains("_Not measured yet._"), "{fresh}");
    }
}
