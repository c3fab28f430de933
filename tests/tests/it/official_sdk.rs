//! Wire identity with the official Python SDK, for every operation of `spec/`: each operation is
//! called once with our generated client and once with the official one (`tests/oracle/call.py`),
//! with the same arguments, each against its own recording server on 127.0.0.1, and the two
//! requests must agree on method, path (byte for byte), query (as a multiset), the header
//! parameters the page documents, `Content-Type`, `X-Project-Id` and the JSON body (as a value);
//! both must carry exactly the query parameters and body the arguments give (so a field dropped on
//! both sides cannot pass), both signatures must verify, and the official signer must compute ours.
//!
//! Nothing is written per operation:
//! - the arguments come from the spec (`official_sdk/values.rs`): every parameter the caller passes
//!   and every body field, nested objects included, from the page's example request where it has
//!   one that fits the table, else made from the type, range, length and value list;
//! - our request is built by the generated harness `generated/conformance/harness.rs` (written
//!   by `cargo xtask codegen` from the same IR): constructor, chained setters and the body model's
//!   `Deserialize`, then the client method;
//! - `call.py` finds the official request model, body models and client method by reflection.
//!
//! The operations whose requests are expected to differ are listed with the reason in
//! `tests/oracle/README.md` ("Operations the conformance test expects to differ"); the test fails
//! on a difference that is not listed, and on a listed operation that now agrees.
//!
//! Allowed differences, for every operation: the official SDK lower-cases the charset of
//! `application/json;charset=UTF-8` (media types compare case-insensitively), and writes JSON
//! with other spacing and escapes (bodies compare as values).

// Generated (`cargo xtask codegen` formats it): `cargo fmt` must leave it as written.
#[rustfmt::skip]
#[path = "../../../generated/conformance/harness.rs"]
mod harness;
mod values;

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use codegen::ir::{Operation, Service, Version};
use huaweicloud_sdk::mock::MockCloud;
use huaweicloud_sdk::runtime::{Config, Credentials, RetryPolicy};
use huaweicloud_sdk_tests::server::{Reply, Request, Server};
use huaweicloud_sdk_tests::wire::{check_signature, official_signer_verdicts, query_pairs};
use huaweicloud_sdk_tests::{load, oracle, root};
use serde_json::{Value, json};

const AK: &str = "AKOFFICIALSDKTEST";
const SK: &str = "SKOFFICIALSDKTESTSECRET";
const PROJECT: &str = "proj-1";
/// The domain (account) ID of a global service's calls (IAM's), given so that neither side asks
/// IAM for it.
const DOMAIN: &str = "domain-1";
/// The heading of the README section that lists the expected differences.
const KNOWN_HEADING: &str = "## Operations the conformance test expects to differ";
/// The heading of the README section that lists the calls the mock cloud is expected to fail.
const MOCK_HEADING: &str = "## Calls the mock cloud test expects to fail";

/// One operation's call: where it is, and its arguments by wire name.
struct Call<'a> {
    service: &'a Service,
    version: &'a Version,
    op: &'a Operation,
    args: Value,
    /// Whether this is the call that leaves out the operation's optional body.
    without_body: bool,
}

impl Call<'_> {
    /// `ddm v1 ListUsers`, as the README lists it.
    fn key(&self) -> String {
        let variant = if self.without_body { " (without the optional body)" } else { "" };
        format!("{} {} {}{variant}", self.service.name, self.version.name, self.op.wire_name)
    }

    fn oracle_line(&self, endpoint: &str) -> String {
        json!({
            "service": self.service.name,
            "version": self.version.name,
            "operation": self.op.wire_name,
            "endpoint": endpoint,
            "ak": AK,
            "sk": SK,
            "project_id": PROJECT,
            "domain_id": if self.service.global { Some(DOMAIN) } else { None },
            "args": self.args,
        })
        .to_string()
    }

    fn part(&self, name: &str) -> &Value {
        &self.args[name]
    }

    fn body(&self) -> Option<&Value> {
        self.args.get("body")
    }
}

fn config(service: &str, url: &str) -> Config {
    Config::builder()
        .credentials(Credentials::ak_sk(AK, SK).with_project_id(PROJECT).with_domain_id(DOMAIN))
        .region("cn-north-4")
        .endpoint(service, url)
        .connect_timeout(Duration::from_secs(2))
        .read_timeout(Duration::from_secs(5))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("config")
}

/// A recording server: every request gets `200 {}` (what comes back does not matter, only what
/// was sent).
async fn recorder() -> Server {
    Server::start(vec![Reply::json(200, "{}")]).await
}

/// The single request `server` recorded, or why there is none or several.
fn recorded(server: &Server, side: &str, outcome: &str) -> Result<Request, String> {
    let mut requests = server.requests();
    match requests.len() {
        1 => Ok(requests.remove(0)),
        0 => Err(format!("{side} sent nothing ({outcome})")),
        n => Err(format!("{side} sent {n} requests")),
    }
}

#[tokio::test]
async fn every_operation_sends_what_the_official_sdk_sends() {
    let started = Instant::now();
    let api = codegen::lower::lower(&load("spec")).unwrap_or_else(|d| panic!("spec/ does not load:\n{d}"));
    let calls: Vec<Call<'_>> = api
        .services
        .iter()
        .flat_map(|s| s.versions.iter().map(move |v| (s, v)))
        .flat_map(|(s, v)| v.operations.iter().map(move |op| (s, v, op)))
        .flat_map(|(service, version, op)| {
            let args = values::args(version, op);
            // An optional body is also left out, as an application may.
            let bare = op.body.as_ref().filter(|b| !b.mandatory).map(|_| {
                let mut bare = args.clone();
                bare.as_object_mut().map(|m| m.remove("body"));
                Call { service, version, op, args: bare, without_body: true }
            });
            std::iter::once(Call { service, version, op, args, without_body: false }).chain(bare)
        })
        .collect();

    // Ours, one call after the other, each against its own recorder.
    let mut ours = Vec::new();
    for call in &calls {
        let server = recorder().await;
        let args = harness::Args {
            path: call.part("path"),
            query: call.part("query"),
            header: call.part("header"),
            body: call.body(),
        };
        let config = config(&call.service.name, &server.url());
        let outcome = harness::call(&config, &call.service.name, &call.version.name, &call.op.wire_name, args)
            .await
            .unwrap_or_else(|| panic!("{}: not in the generated harness (run `cargo xtask codegen`)", call.key()));
        ours.push(recorded(&server, "our client", &format!("{outcome:?}")));
    }

    // Theirs, in one Python process; the recorders are tasks of this test's single-threaded
    // runtime, so the process is waited for on another thread.
    let mut servers = Vec::new();
    for _ in &calls {
        servers.push(recorder().await);
    }
    let lines: Vec<String> = calls.iter().zip(&servers).map(|(c, s)| c.oracle_line(&s.url())).collect();
    let timeout = Duration::from_secs(120);
    let answers = tokio::task::spawn_blocking(move || oracle::run("call.py", &lines, timeout)).await.expect("call.py");
    assert_eq!(answers.len(), calls.len(), "one answer per call: {answers:?}");

    // The official signer on every request of ours that arrived, in one more process.
    let arrived: Vec<Request> = ours.iter().filter_map(|r| r.as_ref().ok().cloned()).collect();
    let mut verdicts = official_signer_verdicts(&arrived, AK, SK).into_iter();

    let mut failures: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for ((call, server), (answer, ours)) in calls.iter().zip(&servers).zip(answers.iter().zip(&ours)) {
        let answer: Value = serde_json::from_str(answer).unwrap_or_else(|e| panic!("call.py answered {answer}: {e}"));
        let mut problems: Vec<String> = answer["unknown"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|u| format!("the official models lack {}", u.as_str().unwrap_or_default()))
            .collect();
        let theirs = recorded(server, "the official SDK", answer["error"].as_str().unwrap_or("it answered ok"));
        if ours.is_ok()
            && let Some(Err(e)) = verdicts.next()
        {
            problems.push(format!("the official signer on ours: {e}"));
        }
        match (ours, theirs) {
            (Ok(ours), Ok(theirs)) => problems.extend(compare(call, ours, &theirs)),
            (Err(e), Ok(_)) => problems.push(e.clone()),
            (Ok(_), Err(e)) => problems.push(e),
            (Err(a), Err(b)) => problems.extend([a.clone(), b]),
        }
        if !problems.is_empty() {
            failures.insert(call.key(), problems);
        }
    }

    let known = known(KNOWN_HEADING);
    let unexpected: Vec<String> = failures
        .iter()
        .filter(|(k, _)| !known.contains_key(*k))
        .map(|(k, p)| format!("{k}:\n    {}", p.join("\n    ")))
        .collect();
    let stale: Vec<&String> = known.keys().filter(|k| !failures.contains_key(*k)).collect();
    eprintln!(
        "official_sdk: {} operations in {:.1?}; {} differ ({} listed in tests/oracle/README.md)",
        calls.len(),
        started.elapsed(),
        failures.len(),
        known.len()
    );
    assert!(
        unexpected.is_empty() && stale.is_empty(),
        "{} operation(s) differ from the official SDK without being listed under \"{KNOWN_HEADING}\" in \
         tests/oracle/README.md:\n{}\n\n{} listed operation(s) now agree (remove them from the list): {stale:?}",
        unexpected.len(),
        unexpected.join("\n"),
        stale.len(),
    );
}

/// Item 5 of the conformance work: the mock cloud serves every operation (a request with every
/// field set passes its checks and our client decodes the answer), and every documented example
/// request that agrees with its table passes the mock cloud's checks as printed.
#[tokio::test]
async fn the_mock_cloud_serves_every_operation_and_accepts_every_example_request() {
    let api = codegen::lower::lower(&load("spec")).unwrap_or_else(|d| panic!("spec/ does not load:\n{d}"));
    let cloud = MockCloud::start().await.expect("mock cloud");
    let (mut failures, mut sent) = (BTreeMap::new(), 0);
    for s in &api.services {
        for v in &s.versions {
            for op in &v.operations {
                let mut all = vec![("every field set".to_owned(), values::args(v, op))];
                all.extend(
                    values::example_args(v, op).into_iter().map(|a| (format!("example request {}", a["example"]), a)),
                );
                for (what, a) in all {
                    let args = harness::Args {
                        path: &a["path"],
                        query: &a["query"],
                        header: &a["header"],
                        body: a.get("body"),
                    };
                    let before = cloud.requests().len();
                    let outcome = harness::call(cloud.config(), &s.name, &v.name, &op.wire_name, args)
                        .await
                        .unwrap_or_else(|| panic!("{}: not in the generated harness", op.wire_name));
                    // A global service's first call asks IAM for the domain first (the mock's
                    // credentials name none): that request is discovery's, not the operation's.
                    let received: Vec<_> = cloud.requests().split_off(before);
                    let received: Vec<_> = received
                        .into_iter()
                        .filter(|r| {
                            r.operation != Some("KeystoneListAuthDomains") || op.wire_name == "KeystoneListAuthDomains"
                        })
                        .collect();
                    let violation = received.first().and_then(|r| r.violation.clone());
                    sent += 1;
                    if received.len() != 1 || outcome.is_err() || violation.is_some() {
                        failures.insert(
                            format!("{} {} {} ({what})", s.name, v.name, op.wire_name),
                            format!(
                                "{} request(s), our client: {outcome:?}, the mock cloud: {violation:?}",
                                received.len()
                            ),
                        );
                    }
                }
            }
        }
    }
    let known = known(MOCK_HEADING);
    let unexpected: Vec<String> =
        failures.iter().filter(|(k, _)| !known.contains_key(*k)).map(|(k, p)| format!("{k}: {p}")).collect();
    let stale: Vec<&String> = known.keys().filter(|k| !failures.contains_key(*k)).collect();
    eprintln!("mock cloud: {sent} calls, {} failed ({} listed in tests/oracle/README.md)", failures.len(), known.len());
    assert!(
        unexpected.is_empty() && stale.is_empty(),
        "{} call(s) to the mock cloud failed without being listed under \"{MOCK_HEADING}\" in \
         tests/oracle/README.md:\n{}\n\n{} listed call(s) now pass (remove them from the list): {stale:?}",
        unexpected.len(),
        unexpected.join("\n"),
        stale.len(),
    );
}

/// Item 5: the generated examples test (`generated/tests/examples.rs`) has a test for every
/// documented example body of every operation, except the `mismatch` ones, which its doc comment
/// names with their reason; an example it cannot check (a response without a documented body, a
/// request example of an operation without a body) is a failure too.
#[test]
fn the_examples_test_covers_every_documented_example() {
    let api = codegen::lower::lower(&load("spec")).unwrap_or_else(|d| panic!("spec/ does not load:\n{d}"));
    let path = root().join("generated/tests/examples.rs");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut problems = Vec::new();
    let mut check = |name: String, e: &codegen::ir::Example, checkable: bool| {
        let tested = text.contains(&format!("fn {name}()"));
        let listed = text.contains(&format!("//! - `{name}` ("));
        match &e.mismatch {
            None if !checkable && (tested || !listed) => {
                problems.push(format!("{name}: no table to check it against, and not listed as skipped"));
            }
            None if checkable && !tested => problems.push(format!("{name}: no test")),
            Some(reason) => {
                let first = reason.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
                if tested || !listed || !text.contains(&first) {
                    problems.push(format!("{name}: a mismatch ({reason}) must be skipped and listed with its reason"));
                }
            }
            None => {}
        }
    };
    let mut count = 0;
    for s in &api.services {
        for v in &s.versions {
            for op in &v.operations {
                let prefix = format!("{}_{}_{}", s.name, v.name, op.names.module.name());
                for r in &op.responses {
                    for (i, e) in r.examples.iter().enumerate() {
                        count += 1;
                        check(format!("{prefix}_status_{}_example_{}", r.status, i + 1), e, r.body.is_some());
                    }
                }
                for (i, e) in op.example_requests.iter().enumerate() {
                    if let Some(b) = &e.body {
                        count += 1;
                        check(format!("{prefix}_request_example_{}", i + 1), b, op.body.is_some());
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} of {count} documented examples:\n{}", problems.len(), problems.join("\n"));
}

/// What differs between our request and the official one, and what both dropped.
fn compare(call: &Call<'_>, ours: &Request, theirs: &Request) -> Vec<String> {
    let out = std::cell::RefCell::new(Vec::new());
    let same = |what: &str, a: String, b: String| {
        if a != b {
            out.borrow_mut().push(format!("{what}: ours {a}, theirs {b}"));
        }
    };
    same("method", ours.method.clone(), theirs.method.clone());
    same("path", ours.path.clone(), theirs.path.clone());
    let sorted = |req: &Request| {
        let mut pairs = query_pairs(req);
        pairs.sort();
        pairs
    };
    same("query", format!("{:?}", sorted(ours)), format!("{:?}", sorted(theirs)));
    for name in values::documented_headers(call.op) {
        if call.without_body && name.eq_ignore_ascii_case("content-type") {
            continue; // pinned below
        }
        let (a, b) = (ours.header(&name), theirs.header(&name));
        let (a, b) = if name.eq_ignore_ascii_case("content-type") {
            (a.map(str::to_ascii_lowercase), b.map(str::to_ascii_lowercase))
        } else {
            (a.map(str::to_owned), b.map(str::to_owned))
        };
        same(&format!("header {name}"), format!("{a:?}"), format!("{b:?}"));
        if let Some(given) = call.part("header").get(&name) {
            let given = given.as_str().map_or_else(|| given.to_string(), str::to_owned);
            if ours.header(&name) != Some(given.as_str()) {
                out.borrow_mut()
                    .push(format!("our header {name} is {:?}, the arguments' {given:?}", ours.header(&name)));
            }
        }
    }
    let content_type = |req: &Request| req.header("Content-Type").map(str::to_ascii_lowercase);
    if call.without_body {
        // The official SDK sends the body's content type without a body; ours sends the
        // `application/json` of every bodiless request (`runtime::client::NO_BODY_CONTENT_TYPE`):
        // a Content-Type describes content, and there is none. Both pinned.
        let body_type = call
            .op
            .body
            .as_ref()
            .map_or("application/json;charset=utf-8".to_owned(), |b| b.content_type.to_ascii_lowercase());
        let pinned = (Some("application/json".to_owned()), Some(body_type));
        let sent = (ours.header("Content-Type").map(str::to_owned), content_type(theirs));
        if sent != pinned {
            out.borrow_mut().push(format!("Content-Type without a body: (ours, theirs) {sent:?}, pinned {pinned:?}"));
        }
    } else {
        same("Content-Type", format!("{:?}", content_type(ours)), format!("{:?}", content_type(theirs)));
    }
    let mut out = out.into_inner();
    // A global service's calls name the domain (GlobalCredentials), the others the project.
    let (scope, id, other) = if call.service.global {
        ("X-Domain-Id", DOMAIN, "X-Project-Id")
    } else {
        ("X-Project-Id", PROJECT, "X-Domain-Id")
    };
    for req in [ours, theirs] {
        if req.header(scope) != Some(id) || req.header(other).is_some() {
            out.push(format!("{scope} {:?}, {other} {:?}", req.header(scope), req.header(other)));
        }
    }
    let (a, b) = (json_body(ours), json_body(theirs));
    if a != b {
        out.push(format!("body: ours {a}, theirs {b}"));
    }
    // Both sides must have sent what the arguments give, so that a field both dropped shows.
    let keys = |req: &Request| query_pairs(req).into_iter().map(|(k, _)| k).collect::<BTreeSet<_>>();
    let given: BTreeSet<String> =
        call.part("query").as_object().into_iter().flatten().map(|(k, _)| k.clone()).collect();
    if keys(ours) != given {
        out.push(format!("our query has the parameters {:?}, the arguments {given:?}", keys(ours)));
    }
    let expected = call.body().map_or_else(|| "none".to_owned(), |b| normal(b.clone()).to_string());
    if a != expected {
        out.push(format!("our body {a} is not the arguments' {expected}"));
    }
    match (check_signature(ours, SK), check_signature(theirs, SK)) {
        (Ok(a), Ok(b)) if a == b => {}
        (a, b) => out.push(format!("signatures: ours {a:?}, theirs {b:?}")),
    }
    out
}

/// The body as compact JSON text of its value (`none` without a body), or what it is when not JSON.
fn json_body(req: &Request) -> String {
    if req.body.is_empty() {
        return "none".to_owned();
    }
    serde_json::from_slice::<Value>(&req.body)
        .map_or_else(|e| format!("not JSON ({e}): {}", String::from_utf8_lossy(&req.body)), |v| normal(v).to_string())
}

/// `value` with every whole float written as an integer: JSON has one number type, and `110.0`
/// (an `f64` field of ours) and `110` (Python's `int`) are the same number.
fn normal(value: Value) -> Value {
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15 => Value::from(f as i64),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(normal).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, normal(v))).collect()),
        other => other,
    }
}

/// The entries of the README's section `heading` (subsections included), one line each
/// (`` - `ddm v1 ListUsers`: reason ``), with their reasons.
fn known(heading: &str) -> BTreeMap<String, String> {
    let path = root().join("tests/oracle/README.md");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let section = text.split_once(heading).map(|(_, rest)| rest).unwrap_or_else(|| {
        panic!("{}: no section \"{heading}\"", path.display());
    });
    let section = section.split("\n## ").next().unwrap_or_default();
    let mut out = BTreeMap::new();
    for line in section.lines() {
        let Some(rest) = line.strip_prefix("- `") else { continue };
        let (key, reason) = rest.split_once("`:").unwrap_or_else(|| panic!("README: no `operation`: reason in {line}"));
        assert!(!reason.trim().is_empty(), "README: {key} is listed without a reason");
        let previous = out.insert(key.to_owned(), reason.trim().to_owned());
        assert!(previous.is_none(), "README: {key} is listed twice");
    }
    out
}
