//! How much of the machine other processes used during the bench: the CPU time of the whole
//! system (`/proc/stat`) less that of the bench and every child it waited for (`/proc/self/stat`).

/// Clock ticks per second of `/proc/stat` and `/proc/<pid>/stat` (`USER_HZ`, 100 on Linux).
const TICKS: f64 = 100.0;

/// CPU time used so far, in ticks.
#[derive(Debug, Clone, Copy)]
pub struct Cpu {
    /// Busy time of all cores (everything but idle and iowait).
    system: u64,
    /// This process and its waited-for descendants.
    ours: u64,
}

/// The counters now, when `/proc` has them.
pub fn now() -> Option<Cpu> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let cpu: Vec<u64> = stat.lines().next()?.split_whitespace().skip(1).filter_map(|v| v.parse().ok()).collect();
    // user nice system idle iowait irq softirq steal (guest time is already in user)
    let system = cpu.iter().take(8).enumerate().filter(|(i, _)| *i != 3 && *i != 4).map(|(_, v)| v).sum();
    let me = std::fs::read_to_string("/proc/self/stat").ok()?;
    // After `pid (comm)`: state, ppid, ... with utime, stime, cutime and cstime 11 to 14 places
    // after the state (fields 14 to 17 of the line); some fields before them can be negative.
    let after: Vec<&str> = me[me.rfind(')')? + 1..].split_whitespace().collect();
    let ours = after.get(11..15)?.iter().map(|v| v.parse::<u64>().ok()).sum::<Option<u64>>()?;
    Some(Cpu { system, ours })
}

/// CPU seconds that other processes used between `start` and `end`.
pub fn foreign_seconds(start: Cpu, end: Cpu) -> f64 {
    let system = end.system.saturating_sub(start.system);
    let ours = end.ours.saturating_sub(start.ours);
    system.saturating_sub(ours) as f64 / TICKS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_waited_child_counts_as_the_bench() {
        let start = now().expect("/proc is mounted");
        let status = std::process::Command::new("sh")
            .args(["-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done"])
            .status()
            .expect("sh runs");
        assert!(status.success());
        let end = now().expect("/proc is mounted");
        assert!(end.ours > start.ours, "{start:?} -> {end:?}");
    }
}
