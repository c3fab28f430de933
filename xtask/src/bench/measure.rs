//! Wall time and peak memory of a child process and its descendants, without dependencies.
//!
//! Peak memory is the `VmHWM` (high-water mark of the resident set) of `/proc/<pid>/status`,
//! sampled while the process runs: a high-water mark only grows, so a sample misses at most what
//! the process gained in its last interval before exiting. The wall time is taken by a thread that
//! waits for the child, so it does not depend on the sampling interval.

use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// One run of a measured command.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// Wall time from spawn to exit.
    pub wall: Duration,
    /// Peak resident memory of the child itself, KiB.
    pub peak_kib: u64,
    /// Peak resident memory of the largest `rustc` among its descendants, KiB (0 when none ran).
    pub rustc_kib: u64,
}

/// How a command is watched.
#[derive(Debug, Clone, Copy)]
pub struct Watch {
    /// Time between two samples.
    pub interval: Duration,
    /// Whether to follow descendants (a cargo build and its rustc children) or the child alone.
    pub descendants: bool,
}

/// A short process: its own memory, sampled every millisecond.
pub const PROCESS: Watch = Watch { interval: Duration::from_millis(1), descendants: false };
/// A build: every descendant, sampled every 20 ms.
pub const BUILD: Watch = Watch { interval: Duration::from_millis(20), descendants: true };

/// Runs `cmd` (stdout and stderr to `log`) and measures it; a failure returns the log's end.
pub fn run(cmd: &mut Command, watch: Watch, log: &std::path::Path) -> Result<Sample, String> {
    let out = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let err = out.try_clone().map_err(|e| format!("{}: {e}", log.display()))?;
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .map_err(|e| format!("cannot start {:?}: {e}", cmd.get_program()))?;
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    let waiter = std::thread::spawn(move || {
        let status = child.wait();
        let _ = tx.send(Instant::now());
        status
    });
    let mut peaks: BTreeMap<u32, (String, u64)> = BTreeMap::new();
    let end = loop {
        let pids = if watch.descendants { descendants(pid) } else { vec![pid] };
        for p in pids {
            if let Some((name, hwm)) = status(p) {
                record(&mut peaks, p, name, hwm);
            }
        }
        match rx.recv_timeout(watch.interval) {
            Ok(end) => break end,
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break Instant::now(),
        }
    };
    let status = waiter.join().map_err(|_| "the waiting thread panicked".to_owned())?;
    let status = status.map_err(|e| format!("waiting for {:?}: {e}", cmd.get_program()))?;
    if !status.success() {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(30).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!("{cmd:?} failed ({status}); end of {}:\n{}", log.display(), tail.join("\n")));
    }
    let peak_kib = peaks.get(&pid).map_or(0, |p| p.1);
    let rustc_kib = peaks.values().filter(|(name, _)| name == "rustc").map(|p| p.1).max().unwrap_or(0);
    Ok(Sample { wall: end - start, peak_kib, rustc_kib })
}

/// Keeps the largest `VmHWM` seen of process `pid` under its latest name: a process first seen
/// between cargo's fork and its exec is named `cargo` until it becomes `rustc`, whose memory
/// would otherwise be counted as cargo's; what was seen before the exec is the fork's, not rustc's.
fn record(peaks: &mut BTreeMap<u32, (String, u64)>, pid: u32, name: String, hwm: u64) {
    let e = peaks.entry(pid).or_insert((String::new(), 0));
    if e.0 == name {
        e.1 = e.1.max(hwm);
    } else {
        // An exec: the high-water mark starts again with the new program.
        *e = (name, hwm);
    }
}

/// The command name and `VmHWM` (KiB) of a live process.
fn status(pid: u32) -> Option<(String, u64)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |key: &str| text.lines().find_map(|l| l.strip_prefix(key)).map(str::trim);
    let name = field("Name:")?.to_owned();
    let hwm = field("VmHWM:")?.trim_end_matches("kB").trim().parse().ok()?;
    Some((name, hwm))
}

/// `root` and every live process below it, from the parent links in `/proc/*/stat`.
fn descendants(root: u32) -> Vec<u32> {
    let mut children: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for e in entries.flatten() {
            let Some(pid) = e.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { continue };
            // `pid (comm) state ppid ...`: the command name may hold spaces and parentheses.
            let Some(rest) = stat.rfind(')').map(|i| &stat[i + 1..]) else { continue };
            if let Some(ppid) = rest.split_whitespace().nth(1).and_then(|p| p.parse().ok()) {
                children.entry(ppid).or_default().push(pid);
            }
        }
    }
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        out.extend(children.get(&out[i]).into_iter().flatten());
        i += 1;
    }
    out
}

/// The median of `samples` by wall time and, separately, by each memory figure.
pub fn median(samples: &[Sample]) -> Sample {
    fn mid<T: Copy + Ord>(mut v: Vec<T>) -> T {
        v.sort();
        v[v.len() / 2]
    }
    assert!(!samples.is_empty(), "a median needs at least one sample");
    Sample {
        wall: mid(samples.iter().map(|s| s.wall).collect()),
        peak_kib: mid(samples.iter().map(|s| s.peak_kib).collect()),
        rustc_kib: mid(samples.iter().map(|s| s.rustc_kib).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_child_is_timed_and_its_memory_seen() {
        let log = tempfile::NamedTempFile::new().expect("a temporary file");
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "sleep 0.2"]);
        let s = run(&mut cmd, PROCESS, log.path()).expect("sh runs");
        assert!(s.wall >= Duration::from_millis(200), "{s:?}");
        assert!(s.peak_kib > 0, "{s:?}");
    }

    #[test]
    fn a_process_is_counted_under_the_name_it_ends_with() {
        let mut peaks = BTreeMap::new();
        record(&mut peaks, 7, "cargo".to_owned(), 65_000);
        record(&mut peaks, 7, "rustc".to_owned(), 500_000);
        record(&mut peaks, 7, "rustc".to_owned(), 400_000);
        assert_eq!(peaks.get(&7), Some(&("rustc".to_owned(), 500_000)));
        // A rustc smaller than the cargo it was forked from (a `-vV` probe) is its own size.
        record(&mut peaks, 8, "cargo".to_owned(), 65_000);
        record(&mut peaks, 8, "rustc".to_owned(), 20_000);
        assert_eq!(peaks.get(&8), Some(&("rustc".to_owned(), 20_000)));
    }

    #[test]
    fn median_takes_the_middle_of_each_figure() {
        let s = |ms, kib| Sample { wall: Duration::from_millis(ms), peak_kib: kib, rustc_kib: 0 };
        let m = median(&[s(30, 1), s(10, 3), s(20, 2)]);
        assert_eq!((m.wall, m.peak_kib), (Duration::from_millis(20), 2));
    }
}
