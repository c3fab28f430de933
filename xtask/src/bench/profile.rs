//! `XTASK_PROFILE=1 cargo xtask codegen ...`: the time of each phase of a generation and the
//! process's peak memory, printed to stderr; `cargo xtask bench` records it for BENCHMARKS.md.

use std::time::{Duration, Instant};

/// The environment variable that turns the profile on.
pub const ENV: &str = "XTASK_PROFILE";
/// The line the report starts with, so that the bench can find it in a log.
pub const MARKER: &str = "profile:";

/// Phase timings of one `codegen` run; every method does nothing unless [`ENV`] is set.
#[derive(Debug)]
pub struct Phases {
    on: bool,
    last: Instant,
    phases: Vec<(String, Duration)>,
}

impl Phases {
    /// Starts the clock when [`ENV`] is set.
    pub fn from_env() -> Phases {
        Phases { on: std::env::var_os(ENV).is_some(), last: Instant::now(), phases: Vec::new() }
    }

    /// Ends the phase `name` that started at the previous call.
    pub fn end(&mut self, name: &str) {
        if self.on {
            let now = Instant::now();
            self.phases.push((name.to_owned(), now - self.last));
            self.last = now;
        }
    }

    /// Times the OpenAPI export alone (emit renders it too), outside the phase chain.
    pub fn openapi_share(&mut self, api: &codegen::ir::Api) {
        if self.on {
            let start = Instant::now();
            std::hint::black_box(codegen::emit::openapi::render(api));
            self.phases.push(("  of which the OpenAPI export (timed again)".to_owned(), start.elapsed()));
            self.last = Instant::now();
        }
    }

    /// Prints the phases and the peak memory (`VmHWM`) to stderr.
    pub fn report(&self) {
        if !self.on {
            return;
        }
        let hwm = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|t| t.lines().find_map(|l| l.strip_prefix("VmHWM:")).map(|v| v.trim().to_owned()))
            .unwrap_or_else(|| "unknown".to_owned());
        eprintln!("{MARKER} phase | ms");
        for (name, d) in &self.phases {
            eprintln!("{MARKER} {name} | {:.1}", d.as_secs_f64() * 1e3);
        }
        eprintln!("{MARKER} peak memory (VmHWM) | {hwm}");
    }
}
