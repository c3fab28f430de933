//! 2,000 calls at once in a process limited to 1,024 open files, against the mock cloud with
//! dropped connections, 503s and slow answers mixed in: every call ends, none with "Too many open
//! files", because the SDK caps its connections per host (64 by default) and calls wait for one.
//!
//! A test binary of its own, not a module of `it`: it lowers the process's open-file limit, which
//! would starve the tests running beside it in that binary. It prints the figures BENCHMARKS.md
//! records ("Load with faults under a file-descriptor limit"): calls completed, errors by kind,
//! peak open descriptors and peak resident memory.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use huaweicloud_sdk::ddm::v1::{DdmClient, list_users::ListUsersRequest};
use huaweicloud_sdk::mock::{Answer, MockCloud};
use huaweicloud_sdk::runtime::Error;

const CALLS: usize = 2_000;
const OPEN_FILES: u64 = 1_024;

/// Open file descriptors of this process (sockets included), from /proc (Linux).
fn open_descriptors() -> Option<usize> {
    Some(std::fs::read_dir("/proc/self/fd").ok()?.count())
}

/// The peak resident set size of this process, from /proc (Linux), in KiB.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[tokio::test]
async fn two_thousand_calls_at_once_under_a_limit_of_1024_open_files_all_end() {
    let (_, hard) = rlimit::Resource::NOFILE.get().expect("reading the open-file limit");
    rlimit::Resource::NOFILE.set(OPEN_FILES.min(hard), hard).expect("lowering the open-file limit");

    let cloud = MockCloud::start().await.expect("mock cloud");
    // Enough answers for every attempt: 1 in 100 dropped, 1 in 100 a 503, 1 in 20 late by 200 ms.
    for i in 0..CALLS * 3 {
        let answer = match i % 100 {
            0 => Answer::drop_connection(),
            50 => Answer::json(503, r#"{"errCode":"DBS.000503","externalMessage":"Service unavailable."}"#),
            n if n % 20 == 5 => Answer::documented(200).delay(Duration::from_millis(200)),
            _ => Answer::documented(200),
        };
        cloud.answer("ListUsers", answer).expect("ListUsers is served");
    }
    let client = DdmClient::new(cloud.config());

    // Samples the open descriptors while the calls run.
    let peak_fds = Arc::new(AtomicUsize::new(0));
    let running = Arc::new(AtomicBool::new(true));
    let sampler = {
        let (peak_fds, running) = (Arc::clone(&peak_fds), Arc::clone(&running));
        tokio::spawn(async move {
            while running.load(Ordering::Relaxed) {
                if let Some(n) = open_descriptors() {
                    peak_fds.fetch_max(n, Ordering::Relaxed);
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
    };

    let started = Instant::now();
    let mut calls = tokio::task::JoinSet::new();
    for i in 0..CALLS {
        let client = client.clone();
        calls.spawn(async move { client.list_users(&ListUsersRequest::new(format!("inst-{i}"))).await });
    }
    let (mut ok, mut service, mut transport, mut timeout, mut other) = (0, 0, 0, 0, Vec::new());
    let all = async {
        while let Some(done) = calls.join_next().await {
            match done.expect("no call panics") {
                Ok(_) => ok += 1,
                Err(Error::Service { .. }) => service += 1,
                Err(e @ Error::Transport { .. }) => {
                    assert!(!e.to_string().contains("Too many open files"), "{e}");
                    transport += 1;
                }
                Err(Error::Timeout { .. }) => timeout += 1,
                Err(e) => other.push(e.to_string()),
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(300), all).await.expect("no call hangs");
    let elapsed = started.elapsed();
    running.store(false, Ordering::Relaxed);
    sampler.await.expect("sampler");

    let peak_fds = peak_fds.load(Ordering::Relaxed);
    println!(
        "{CALLS} calls at once, open-file limit {OPEN_FILES}: {ok} ok, {service} service errors, {transport} \
         transport errors, {timeout} timeouts, {} other; peak open descriptors {peak_fds}; peak RSS {} MiB; {:.1} s",
        other.len(),
        peak_rss_kib().unwrap_or(0) / 1024,
        elapsed.as_secs_f64()
    );
    assert!(other.is_empty(), "unexpected errors: {other:?}");
    assert_eq!(ok + service + transport + timeout, CALLS, "every call ends exactly once");
    assert_eq!(timeout, 0, "calls wait for a connection within their bounds");
    // A call fails only when all three attempts hit faults, which 50 answers apart never line up
    // for more than a handful.
    assert!(ok >= CALLS - 20, "{ok} successes");
    assert!(peak_fds < OPEN_FILES as usize / 2, "{peak_fds} descriptors open at the peak");
}
