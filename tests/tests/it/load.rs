//! Load with faults mixed in: 10,000 ListUsers calls at concurrency 64 against the mock cloud,
//! which drops 1% of connections and answers 1% with 503. Every call ends, in success or a typed
//! error; none hangs; the counts add up; memory does not grow with the number of calls beyond what
//! the mock itself records. The calls run in a process of their own (this test binary started
//! again for this test alone), so that the memory of the suite's other tests, which run beside
//! it in threads, is not counted as the client's.

use std::sync::Arc;
use std::time::Duration;

use huaweicloud_sdk::ddm::v1::{DdmClient, list_users::ListUsersRequest};
use huaweicloud_sdk::mock::{Answer, MockCloud};
use huaweicloud_sdk::runtime::Error;
use tokio::sync::Semaphore;

const CALLS: usize = 10_000;
const CONCURRENCY: usize = 64;

/// The resident set size of this process, from /proc (Linux), in KiB.
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Set in the process that runs the calls.
const ALONE: &str = "HUAWEICLOUD_SDK_TEST_LOAD_ALONE";

#[test]
fn ten_thousand_calls_with_faults_all_end_and_add_up() {
    if std::env::var_os(ALONE).is_some() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
        return runtime.block_on(calls());
    }
    let exe = std::env::current_exe().expect("the test binary's path");
    let name = "load::ten_thousand_calls_with_faults_all_end_and_add_up";
    // Its output goes to files (a pipe could fill while the child is waited for), and it is
    // killed after 10 minutes: the calls' own bound covers the calls, not the start.
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = |n: &str| std::fs::File::create(dir.path().join(n)).expect("an output file");
    let mut child = std::process::Command::new(exe)
        .args([name, "--exact", "--test-threads=1", "--nocapture"])
        .env(ALONE, "1")
        .stdout(file("stdout"))
        .stderr(file("stderr"))
        .spawn()
        .expect("the test binary starts again");
    let deadline = std::time::Instant::now() + Duration::from_secs(600);
    let status = loop {
        match child.try_wait().expect("the child is waited for") {
            Some(status) => break Some(status),
            None if std::time::Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    };
    let read = |n: &str| std::fs::read_to_string(dir.path().join(n)).unwrap_or_default();
    let (stdout, stderr) = (read("stdout"), read("stderr"));
    let status = status.unwrap_or_else(|| panic!("the calls did not end in 10 minutes:\n{stdout}\n{stderr}"));
    assert!(status.success(), "the calls failed ({status}):\n{stdout}\n{stderr}");
    // The filter matched this test (a renamed module would run nothing and pass).
    assert!(stdout.contains("test result: ok. 1 passed"), "the calls did not run:\n{stdout}\n{stderr}");
}

async fn calls() {
    let cloud = MockCloud::start().await.expect("mock cloud");
    // Enough scripted answers for every attempt, retries included: 1 in 100 dropped, 1 in 100 a 503.
    for i in 0..CALLS * 2 {
        let answer = match i % 100 {
            0 => Answer::drop_connection(),
            50 => Answer::json(503, r#"{"errCode":"DBS.000503","externalMessage":"Service unavailable."}"#),
            _ => Answer::documented(200),
        };
        cloud.answer("ListUsers", answer).expect("ListUsers is served");
    }
    let client = DdmClient::new(cloud.config());
    let before = rss_kib();
    let gate = Arc::new(Semaphore::new(CONCURRENCY));
    let mut tasks = Vec::with_capacity(CALLS);
    for i in 0..CALLS {
        let client = client.clone();
        let gate = Arc::clone(&gate);
        tasks.push(tokio::spawn(async move {
            let _permit = gate.acquire_owned().await.expect("semaphore open");
            client.list_users(&ListUsersRequest::new(format!("inst-{i}"))).await
        }));
    }
    let (mut ok, mut service, mut transport, mut other) = (0, 0, 0, Vec::new());
    let all = async {
        for t in tasks {
            match t.await.expect("no task panics") {
                Ok(r) => {
                    assert!(r.meta().attempts() >= 1);
                    ok += 1;
                }
                Err(Error::Service { .. }) => service += 1,
                Err(Error::Transport { .. }) => transport += 1,
                Err(e) => other.push(e.to_string()),
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(300), all).await.expect("no call hangs");
    assert!(other.is_empty(), "unexpected errors: {other:?}");
    assert_eq!(ok + service + transport, CALLS, "every call ends exactly once");
    // Three attempts per call: a call fails only if all three hit faults, which this pattern
    // (faults 50 answers apart) never lines up for more than a handful.
    assert!(ok >= CALLS - 50, "{ok} successes, {service} service errors, {transport} transport errors");
    let received = cloud.requests_of("ListUsers");
    assert!(received.len() >= CALLS && received.len() <= CALLS * 3, "{} requests", received.len());
    assert!(received.iter().all(|r| r.violation.is_none()), "every request follows the spec");
    if let (Some(before), Some(after)) = (before, rss_kib()) {
        // The mock keeps every request (about 1 KiB each); the client itself must not grow.
        let growth_mib = after.saturating_sub(before) / 1024;
        assert!(growth_mib < 128, "resident memory grew by {growth_mib} MiB over {CALLS} calls");
    }
}
