//! The measurement tables of BENCHMARKS.md: generator, generated size, build.

use std::fmt::Write as _;

use super::Results;
use super::report::{mib, secs};
use super::size::Count;

fn per_op_time(d: std::time::Duration, n: usize) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6 / n as f64)
}

fn sum<'a>(counts: impl Iterator<Item = (&'a &'static str, &'a Count)>, keep: impl Fn(&str) -> bool) -> Count {
    counts.filter(|(k, _)| keep(k)).fold(Count::default(), |a, (_, c)| a.plus(*c))
}

/// Generation time and memory per N, and the phases of the profiled run.
pub fn generator(s: &mut String, r: &Results) {
    s.push_str(
        "## Generator\n\n\
         | operations | ours | per op | peak memory | progenitor | per op | peak memory | progenitor / ours (time) |\n\
         |---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for g in &r.generations {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {:.1}x |",
            g.n,
            secs(g.ours.wall),
            per_op_time(g.ours.wall, g.n),
            mib(g.ours.peak_kib),
            secs(g.theirs.wall),
            per_op_time(g.theirs.wall, g.n),
            mib(g.theirs.peak_kib),
            g.theirs.wall.as_secs_f64() / g.ours.wall.as_secs_f64(),
        );
    }
    if let [first, .., last] = r.generations.as_slice() {
        let scale = |a: std::time::Duration, b: std::time::Duration| {
            (b.as_secs_f64() / a.as_secs_f64()).ln() / (last.n as f64 / first.n as f64).ln()
        };
        let _ = writeln!(
            s,
            "\nScaling from {} to {} operations: time grows as N^{:.2} for ours and N^{:.2} for progenitor \
             (1.00 is linear; a fixed start-up cost makes small N look sub-linear).\n",
            first.n,
            last.n,
            scale(first.ours.wall, last.ours.wall),
            scale(first.theirs.wall, last.theirs.wall)
        );
    }
    let (n, phases) = &r.profile;
    if !phases.is_empty() {
        let _ = write!(
            s,
            "Where the time goes: one run of `XTASK_PROFILE=1 target/release/xtask codegen` on {n} operations \
             (`xtask/src/bench/profile.rs`):\n\n| phase | ms |\n|---|---:|\n"
        );
        for (phase, value) in phases {
            let _ = writeln!(s, "| {phase} | {value} |");
        }
        s.push('\n');
    }
}

/// Lines and bytes per operation, ours by kind of file.
pub fn size(s: &mut String, r: &Results) {
    s.push_str(
        "## Generated code\n\n\
         Per operation. \"Library\" is what `cargo build` compiles: every generated `src/` and `services/*/src/` \
         file but the mock routes (`mock.rs`, feature `mock`); the examples test is `tests/examples.rs`.\n\n\
         | operations | ours: library lines | + mock routes | + examples test | library bytes | progenitor lines | progenitor bytes | ours / progenitor (library) | ours / progenitor (with mock) |\n\
         |---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for g in &r.generations {
        let n = g.n as f64;
        let lib = sum(g.our_size.iter(), |k| k != "mock routes" && k != "examples test");
        let mock = sum(g.our_size.iter(), |k| k == "mock routes");
        let test = sum(g.our_size.iter(), |k| k == "examples test");
        let theirs = sum(g.their_size.iter(), |_| true);
        let _ = writeln!(
            s,
            "| {} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.2} | {:.2} |",
            g.n,
            lib.lines as f64 / n,
            mock.lines as f64 / n,
            test.lines as f64 / n,
            lib.bytes as f64 / n,
            theirs.lines as f64 / n,
            theirs.bytes as f64 / n,
            lib.lines as f64 / theirs.lines as f64,
            lib.plus(mock).lines as f64 / theirs.lines as f64,
        );
    }
    if let Some(g) = r.generations.iter().max_by_key(|g| g.n) {
        let n = g.n as f64;
        let _ = write!(
            s,
            "\nBy kind of file, {} operations (documentation lines are `///`, `//!` and `#[doc` lines):\n\n\
             | file kind | lines per op | of which documentation | bytes per op |\n|---|---:|---:|---:|\n",
            g.n
        );
        let rows = g.our_size.iter().map(|(k, c)| (format!("ours: {k}"), *c));
        let rows = rows.chain(g.their_size.iter().map(|(k, c)| (format!("progenitor: {k}"), *c)));
        for (kind, c) in rows {
            let _ = writeln!(
                s,
                "| {kind} | {:.1} | {:.0}% | {:.0} |",
                c.lines as f64 / n,
                100.0 * c.doc_lines as f64 / c.lines.max(1) as f64,
                c.bytes as f64 / n
            );
        }
        s.push('\n');
    }
}

/// The compiler passes of one build of our crate, when the run profiled one.
fn passes(s: &mut String, r: &Results) {
    let (n, passes) = &r.passes;
    if passes.is_empty() {
        return;
    }
    let _ = write!(
        s,
        "Where our build time goes: one more build of the first service crate of our {n}-operation API \
         (100 operations; the others build beside it) with \
         `RUSTC_BOOTSTRAP=1 cargo rustc -p synth-sdk-synth0 --lib -- -Z time-passes` (passes nest: \
         `codegen_crate` holds part of `LLVM_passes`; `total` is the whole compilation):\n\n\
         | pass | seconds | rustc RSS after |\n|---|---:|---:|\n"
    );
    for (pass, secs, rss) in passes {
        let _ = writeln!(s, "| {pass} | {secs} | {rss} |");
    }
    s.push('\n');
}

/// Build time and rustc memory per N.
pub fn build(s: &mut String, r: &Results) {
    s.push_str(
        "## Build of the generated crate\n\n\
         Debug, the generated code alone (its dependencies already built), default features (no mock routes). \
         Ours is the facade crate and one crate per service (100 operations each here), which cargo builds \
         in parallel; progenitor's is one crate.\n\n\
         | operations | ours | peak rustc memory | progenitor | peak rustc memory | ours / progenitor (time) | ours / progenitor (memory) |\n\
         |---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for b in &r.builds {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {:.2} | {:.2} |",
            b.n,
            secs(b.ours.wall),
            mib(b.ours.rustc_kib),
            secs(b.theirs.wall),
            mib(b.theirs.rustc_kib),
            b.ours.wall.as_secs_f64() / b.theirs.wall.as_secs_f64(),
            b.ours.rustc_kib as f64 / b.theirs.rustc_kib.max(1) as f64,
        );
    }
    s.push('\n');
    passes(s, r);
}
