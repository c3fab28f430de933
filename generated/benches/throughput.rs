//! Throughput of DDM `ListUsers` at concurrency 1 and 32 against a local server that answers the
//! documented example at once with keep-alive: the SDK; a hand-written client
//! (`huaweicloud_sdk_benches::hand`: the request built and signed for each call, its
//! `Authorization` the runtime signer's byte for byte, the answer decoded with plain serde), the
//! yardstick of issue 23's per-call goal; plain reqwest sending the same bytes (headers signed
//! once up front, body read and not decoded), the floor; and the official Python SDK.
//!
//! Criterion measures the SDK, the hand-written client and reqwest
//! (`throughput/<client>/<concurrency>`, in calls/s). A ratio run follows: every client makes the
//! same fixed number of calls at each concurrency, several rounds, the three alternating; the
//! medians give the table of calls/s and the ratios SDK/hand-written, SDK/reqwest and SDK/Python. The Python side runs `python_list_users.py` (beside this file)
//! with the repository's `.venv` (made by `.ci/oracle-venv`) and is left out, with a note, without
//! it.
//!
//! The client runs on one thread and the server on another (see `huaweicloud_sdk_benches::client_runtime`);
//! concurrency 32 is 32 tasks sharing one client, each making calls one after the other.
//!
//! `cargo bench -p huaweicloud-sdk-benches --bench throughput -- --quick`; for profiling, see
//! [`profile_calls`].

use std::future::Future;
use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use huaweicloud_sdk::ddm::v1::{DdmClient, list_users::ListUsersRequest};
use tokio::runtime::Runtime;

use huaweicloud_sdk_benches::hand::Hand;
use huaweicloud_sdk_benches::{self as bench, AK, INSTANCE_ID, LIMIT, PROJECT_ID, Precomputed, SK, Server};

const CONCURRENCY: [usize; 2] = [1, 32];
/// Calls per client, concurrency and round of the ratio run, and its rounds.
const RATIO_CALLS: u64 = 4000;
const RATIO_ROUNDS: usize = 5;
/// Calls of the Python SDK per concurrency: it is far slower.
const PYTHON_CALLS: u64 = 1000;

/// The clients under test, sharing one server.
struct Clients {
    rt: Runtime,
    ddm: DdmClient,
    request: ListUsersRequest,
    plain: reqwest::Client,
    precomputed: Arc<Precomputed>,
    hand: Hand,
}

impl Clients {
    fn new(server: &Server) -> Clients {
        let config = bench::config(&server.url());
        Clients {
            rt: bench::client_runtime(),
            ddm: DdmClient::new(&config),
            request: ListUsersRequest::new(INSTANCE_ID).offset(0).limit(LIMIT),
            plain: bench::plain_client(),
            precomputed: Arc::new(Precomputed::list_users(server, config.user_agent())),
            hand: Hand::new(server, config.user_agent()),
        }
    }

    /// Time taken by `calls` SDK calls from `concurrency` tasks.
    fn sdk(&self, calls: u64, concurrency: usize) -> Duration {
        concurrent(&self.rt, calls, concurrency, |left| {
            let (ddm, request) = (self.ddm.clone(), self.request.clone());
            async move {
                while take(&left) {
                    black_box(ddm.list_users(&request).await.expect("sdk ListUsers"));
                }
            }
        })
    }

    /// Time taken by `calls` calls of the hand-written client from `concurrency` tasks.
    fn hand(&self, calls: u64, concurrency: usize) -> Duration {
        concurrent(&self.rt, calls, concurrency, |left| {
            let hand = self.hand.clone();
            async move {
                while take(&left) {
                    black_box(hand.list_users(INSTANCE_ID, 0, LIMIT).await);
                }
            }
        })
    }

    /// Time taken by `calls` plain reqwest calls from `concurrency` tasks.
    fn reqwest(&self, calls: u64, concurrency: usize) -> Duration {
        concurrent(&self.rt, calls, concurrency, |left| {
            let (plain, precomputed) = (self.plain.clone(), self.precomputed.clone());
            async move {
                while take(&left) {
                    black_box(precomputed.send(&plain).await);
                }
            }
        })
    }
}

/// Runs `concurrency` tasks made by `worker` until they have made `calls` calls in all; the time
/// from the first spawn to the last task's end.
fn concurrent<W, F>(rt: &Runtime, calls: u64, concurrency: usize, worker: W) -> Duration
where
    W: Fn(Arc<AtomicU64>) -> F,
    F: Future<Output = ()> + Send + 'static,
{
    rt.block_on(async {
        let left = Arc::new(AtomicU64::new(calls));
        let start = Instant::now();
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..concurrency {
            tasks.spawn(worker(left.clone()));
        }
        while let Some(done) = tasks.join_next().await {
            done.expect("bench task");
        }
        start.elapsed()
    })
}

/// Takes one call from the shared budget; false once it is spent.
fn take(left: &AtomicU64) -> bool {
    left.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1)).is_ok()
}

fn criterion_runs(c: &mut Criterion, clients: &Clients) {
    let mut g = c.benchmark_group("throughput");
    g.throughput(Throughput::Elements(1));
    for concurrency in CONCURRENCY {
        g.bench_function(BenchmarkId::new("sdk", concurrency), |b| {
            b.iter_custom(|iters| clients.sdk(iters, concurrency));
        });
        g.bench_function(BenchmarkId::new("hand", concurrency), |b| {
            b.iter_custom(|iters| clients.hand(iters, concurrency));
        });
        g.bench_function(BenchmarkId::new("reqwest", concurrency), |b| {
            b.iter_custom(|iters| clients.reqwest(iters, concurrency));
        });
    }
    g.finish();
}

/// Calls per second of the three clients at one concurrency.
#[derive(Debug)]
struct Row {
    concurrency: usize,
    sdk: f64,
    hand: f64,
    reqwest: f64,
    python: Option<f64>,
}

/// The median of `RATIO_ROUNDS` rounds of `RATIO_CALLS` calls, the three clients alternating.
fn ratio_run(clients: &Clients, python: Option<&[(usize, f64)]>) -> Vec<Row> {
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let rate = |d: Duration| RATIO_CALLS as f64 / d.as_secs_f64();
    CONCURRENCY
        .iter()
        .map(|&concurrency| {
            let (mut sdk, mut hand, mut reqwest) = (Vec::new(), Vec::new(), Vec::new());
            for _ in 0..RATIO_ROUNDS {
                sdk.push(rate(clients.sdk(RATIO_CALLS, concurrency)));
                hand.push(rate(clients.hand(RATIO_CALLS, concurrency)));
                reqwest.push(rate(clients.reqwest(RATIO_CALLS, concurrency)));
            }
            let python = python.and_then(|p| p.iter().find(|(c, _)| *c == concurrency).map(|(_, r)| *r));
            Row { concurrency, sdk: median(sdk), hand: median(hand), reqwest: median(reqwest), python }
        })
        .collect()
}

/// Calls per second of the official Python SDK at each concurrency, or why there are none.
fn python(server: &Server) -> Result<Vec<(usize, f64)>, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let interpreter = root.join(".venv/bin/python");
    if !interpreter.exists() {
        return Err(format!("{} not found; run .ci/oracle-venv to create it", interpreter.display()));
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("python_list_users.py");
    let output = Command::new(&interpreter)
        .arg(&script)
        .args(["--endpoint", &server.url(), "--ak", AK, "--sk", SK, "--project-id", PROJECT_ID])
        .args(["--instance-id", INSTANCE_ID, "--limit", &LIMIT.to_string()])
        .args(["--calls", &PYTHON_CALLS.to_string(), "--concurrency"])
        .args(CONCURRENCY.map(|c| c.to_string()))
        .output()
        .map_err(|e| format!("cannot run {}: {e}", interpreter.display()))?;
    if !output.status.success() {
        return Err(format!("the Python driver failed: {}", String::from_utf8_lossy(&output.stderr).trim()));
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            let v: serde_json::Value =
                serde_json::from_str(line).map_err(|e| format!("bad driver line {line:?}: {e}"))?;
            match (v["concurrency"].as_u64(), v["calls_per_s"].as_f64()) {
                (Some(c), Some(r)) => Ok((c as usize, r)),
                _ => Err(format!("bad driver line {line:?}")),
            }
        })
        .collect()
}

fn print_table(rows: &[Row], python_note: Option<&str>) {
    let ratio = |a: f64, b: Option<f64>| b.map_or_else(|| "n/a".to_owned(), |b| format!("{:.2}", a / b));
    let calls = |r: Option<f64>| r.map_or_else(|| "n/a".to_owned(), |r| format!("{r:.0}"));
    println!();
    println!(
        "ListUsers calls/s, median of {RATIO_ROUNDS} rounds of {RATIO_CALLS} calls (Python: {PYTHON_CALLS} calls)"
    );
    println!();
    println!(
        "| concurrency | SDK | hand-written | plain reqwest | Python SDK | SDK/hand-written | SDK/reqwest | SDK/Python |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        println!(
            "| {} | {:.0} | {:.0} | {:.0} | {} | {} | {} | {} |",
            r.concurrency,
            r.sdk,
            r.hand,
            r.reqwest,
            calls(r.python),
            ratio(r.sdk, Some(r.hand)),
            ratio(r.sdk, Some(r.reqwest)),
            ratio(r.sdk, r.python)
        );
    }
    if let Some(note) = python_note {
        println!();
        println!("note: the Python SDK was not measured: {note}");
    }
}

/// `BENCH_PROFILE_CALLS=<sdk|hand|reqwest>:<calls>[:<concurrency>]`: makes exactly that many calls and
/// exits, for a profiler or an allocation counter (`perf record`, `heaptrack`) to divide by.
fn profile_calls(spec: &str) {
    let parts: Vec<&str> = spec.split(':').collect();
    let number = |i: usize, default: u64| parts.get(i).map_or(Ok(default), |p| p.parse::<u64>());
    let (Ok(calls), Ok(concurrency)) = (number(1, 10_000), number(2, 32)) else {
        panic!("BENCH_PROFILE_CALLS must be <sdk|hand|reqwest>:<calls>[:<concurrency>], got {spec:?}")
    };
    let server = Server::start();
    let clients = Clients::new(&server);
    let concurrency = concurrency as usize;
    let took = match parts[0] {
        "sdk" => clients.sdk(calls, concurrency),
        "hand" => clients.hand(calls, concurrency),
        "reqwest" => clients.reqwest(calls, concurrency),
        other => panic!("BENCH_PROFILE_CALLS: unknown client {other:?}, expected sdk, hand or reqwest"),
    };
    println!("{calls} {} calls at concurrency {concurrency} in {took:?}", parts[0]);
}

fn main() {
    if let Ok(spec) = std::env::var("BENCH_PROFILE_CALLS") {
        return profile_calls(&spec);
    }
    let args: Vec<String> = std::env::args().collect();
    // The ratio run belongs to a benchmark run, not to `--test`, `--list` or `--profile-time`.
    let benchmarking = args.iter().any(|a| a == "--bench")
        && !args.iter().any(|a| a == "--test" || a == "--list" || a.starts_with("--profile-time"));
    let server = Server::start();
    let clients = Clients::new(&server);
    // Open the kept-alive connections before anything is timed.
    clients.sdk(64, 32);
    clients.hand(64, 32);
    clients.reqwest(64, 32);

    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20)
        .configure_from_args();
    criterion_runs(&mut c, &clients);
    c.final_summary();
    if !benchmarking {
        return;
    }
    let python = python(&server);
    let rows = ratio_run(&clients, python.as_deref().ok());
    print_table(&rows, python.as_ref().err().map(String::as_str));
}
