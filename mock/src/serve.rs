//! The mock cloud's HTTP side (hyper): accept connections, check each request, pick its answer,
//! record it.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt as _, Full};
use hyper::body::Incoming;
use hyper::header::{HeaderName, HeaderValue};
use hyper_util::rt::TokioIo;
use serde_json::Value;

use super::{AnswerKind, Job, JobEnd, JobScript, Paging, Received, Route, Shared, check};
use huaweicloud_sdk_runtime::waiter::{IdSource, Listed, text_at};

/// An answer decided for one request.
struct Outcome {
    status: u16,
    body: String,
    violation: Option<String>,
    delay: Duration,
    drop: bool,
    /// Headers set after `Content-Type` and `X-Request-Id`, replacing one of the same name.
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl Outcome {
    fn new(status: u16, body: String) -> Self {
        Outcome { status, body, violation: None, delay: Duration::ZERO, drop: false, headers: Vec::new() }
    }

    /// This answer of `route`, with the headers its success response declares when it is a
    /// success, then `scripted` (which replace a declared one of the same name). A declared
    /// `X-Subject-Token` is the mock's own token ([`TOKEN`](super::TOKEN)), which it accepts in
    /// `X-Auth-Token`; any other is `mock-<name in lower case>`. `MockServer::answer` checks a
    /// script's headers and lowering a declared one's name; one that is still not an HTTP header
    /// makes the answer a 500 with a violation.
    fn of(mut self, route: &Route, scripted: Vec<(String, String)>) -> Self {
        let mut headers = Vec::new();
        if (200..300).contains(&self.status) {
            let set = |name: &str| scripted.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
            for name in route.headers.iter().filter(|n| !set(n)) {
                let value = match name.eq_ignore_ascii_case("X-Subject-Token") {
                    true => super::TOKEN.to_owned(),
                    false => format!("mock-{}", name.to_ascii_lowercase()),
                };
                headers.push(((*name).to_owned(), value));
            }
        }
        headers.extend(scripted);
        for (name, value) in headers {
            match header(&name, &value) {
                Ok(pair) => self.headers.push(pair),
                Err(rule) => {
                    let body = serde_json::json!({"error_code": "MOCK.0500", "error_msg": rule});
                    return Outcome { violation: Some(rule), ..Outcome::new(500, body.to_string()) };
                }
            }
        }
        self
    }
}

/// `name: value` as an HTTP header, or why it is not one.
pub(super) fn header(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), String> {
    match (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value)) {
        (Ok(name), Ok(value)) => Ok((name, value)),
        _ => Err(format!("the answer's header {name:?}: {value:?} is not a valid HTTP header")),
    }
}

/// The connection was closed on purpose ([`super::Answer::drop_connection`]).
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by the mock cloud's script")
    }
}

impl std::error::Error for Dropped {}

/// Accepts connections until the task is aborted, which closes the connections it accepted too
/// (they are its tasks: a kept-alive connection does not outlive a dropped mock).
/// `only`: the service whose routes this listener answers (its endpoint), or every route.
pub(super) async fn run(listener: tokio::net::TcpListener, shared: Arc<Shared>, only: Option<&'static str>) {
    let mut connections = tokio::task::JoinSet::new();
    loop {
        let accepted = listener.accept().await;
        // Finished connections leave the set as new ones come.
        while connections.try_join_next().is_some() {}
        let Ok((stream, _)) = accepted else {
            // Out of file descriptors, say: wait rather than spin.
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            continue;
        };
        let shared = Arc::clone(&shared);
        connections.spawn(async move {
            let service = hyper::service::service_fn(move |req| handle(Arc::clone(&shared), only, req));
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

async fn handle(
    shared: Arc<Shared>,
    only: Option<&'static str>,
    req: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, Dropped> {
    let (parts, body) = req.into_parts();
    let body: Bytes = match body.collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => return Err(Dropped),
    };
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(k, v)| (k.as_str().to_ascii_lowercase(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    let method = parts.method.as_str().to_owned();
    let path = parts.uri.path().to_owned();
    let query = parts.uri.query().map(str::to_owned);
    let metadata = shared.lock().metadata.as_mut().and_then(|m| m.answer(&method, &path, &headers));
    let (operation, outcome) = match metadata {
        Some((name, status, body)) => (Some(name), Outcome::new(status, body)),
        None => decide(&shared, only, &method, &path, query.as_deref(), &headers, &body),
    };
    if let Some(rule) = &outcome.violation {
        tracing::warn!(
            operation,
            method,
            path,
            status = outcome.status,
            rule = rule.as_str(),
            "mock cloud: request breaks the spec"
        );
    }
    let number = {
        let mut state = shared.lock();
        state.received.push(Received {
            operation,
            method,
            path,
            query,
            headers,
            body: body.to_vec(),
            violation: outcome.violation.clone(),
            status: if outcome.drop { 0 } else { outcome.status },
        });
        state.received.len()
    };
    if !outcome.delay.is_zero() {
        tokio::time::sleep(outcome.delay).await;
    }
    if outcome.drop {
        return Err(Dropped);
    }
    let mut response = hyper::Response::builder()
        .status(outcome.status)
        .header("Content-Type", "application/json")
        .header("X-Request-Id", format!("mock-request-{number}"));
    if let Some(rule) = &outcome.violation {
        // Header values cannot hold line breaks; the full text is in the log and in `requests()`.
        let first = rule.lines().next().unwrap_or_default();
        response = response.header("X-Mock-Violation", first.replace(|c: char| c.is_control(), " "));
    }
    let mut response = response.body(Full::new(Bytes::from(outcome.body))).map_err(|_| Dropped)?;
    // They replace a header of the same name (`X-Request-Id` too).
    for (name, value) in outcome.headers {
        response.headers_mut().insert(name, value);
    }
    Ok(response)
}

/// Checks the request and picks its answer.
fn decide(
    shared: &Shared,
    only: Option<&'static str>,
    method: &str,
    path: &str,
    query: Option<&str>,
    headers: &[(String, String)],
    body: &[u8],
) -> (Option<&'static str>, Outcome) {
    let mut candidates = check::routes(&shared.routes, method, path);
    candidates.retain(|(r, _)| only.is_none_or(|s| s == r.service));
    let Some((first, _)) = candidates.first() else {
        let mut o = Outcome::new(
            404,
            r#"{"error_code":"APIGW.0101","error_msg":"The API does not exist or has not been published in the environment"}"#
                .to_owned(),
        );
        o.violation = Some(format!("no documented operation is {method} {path}"));
        return (None, o);
    };
    let pairs = check::query_pairs(query);
    let temporary = shared.lock().metadata.as_ref().and_then(|m| m.check(method, path, &pairs, headers, body));
    if let Err(problem) = temporary.unwrap_or_else(|| check::auth(method, path, &pairs, headers, body)) {
        let body = serde_json::json!({
            "error_code": "APIGW.0301",
            // The whole problem: for a signature, the canonical request the mock signed (secret
            // headers redacted), to compare with the caller's.
            "error_msg": format!("Incorrect IAM authentication information: {problem}"),
        });
        let mut o = Outcome::new(401, body.to_string());
        o.violation = Some(problem);
        return (Some(first.operation.name), o);
    }
    // The first operation of this method and path whose tables the request fits; when none
    // does, the first one's broken rule.
    let mut first_broken = None;
    let mut fits = None;
    for (r, values) in &candidates {
        match check::request(r, values, &pairs, headers, body) {
            Ok(()) => {
                fits = Some(*r);
                break;
            }
            Err(rule) => {
                first_broken.get_or_insert(rule);
            }
        }
    }
    let (route, verdict) = match (fits, first_broken) {
        (Some(r), _) => (r, Ok(())),
        (None, rule) => (*first, Err(rule.unwrap_or_default())),
    };
    let name = route.operation.name;
    if let Err(rule) = verdict {
        let mut o = match route.responses.iter().find(|(s, _)| *s == 400) {
            Some((_, example)) if !example.is_empty() => Outcome::new(400, (*example).to_owned()),
            _ => Outcome::new(400, serde_json::json!({"error_code": "MOCK.0400", "error_msg": rule}).to_string()),
        };
        o.violation = Some(rule);
        return (Some(name), o);
    }
    let (scripted, items) = {
        let mut state = shared.lock();
        let scripted = super::next_script(&mut state.answers, route);
        let items = super::Target::of(route).iter().find_map(|t| state.items.get(t)).cloned();
        (scripted, items)
    };
    if let Some(answer) = scripted {
        let mut o = match answer.kind {
            AnswerKind::Json(status, body) => Outcome::new(status, body),
            AnswerKind::Documented(status) => Outcome::new(status, documented(route, status).to_owned()),
            AnswerKind::Drop => Outcome { drop: true, ..Outcome::new(0, String::new()) },
        }
        .of(route, answer.headers);
        o.delay = answer.delay;
        if o.body.is_empty() && !o.drop {
            o.body = "{}".to_owned();
        }
        started(shared, route, o.status, &o.body, &given(&candidates, route, &pairs));
        return (Some(name), o);
    }
    let success = route.responses.iter().map(|(s, _)| *s).find(|s| (200..300).contains(s)).unwrap_or(200);
    let example = documented(route, success);
    let jobs = {
        let mut state = shared.lock();
        let key = (route.service, route.version, name);
        let jobs: Vec<Job> = state.jobs.get_mut(&key).map_or_else(Vec::new, |jobs| {
            for job in jobs.iter_mut() {
                job.polls = job.polls.saturating_add(1);
            }
            let polled = jobs.clone();
            // The end is answered once; later polls get the documented example again. A listing
            // keeps listing a job that ended but is not gone (with its end state), since its
            // polls are every call of the listing, another wait's included.
            jobs.retain(|j| j.polls <= j.script.running || (j.waiter.listed.is_some() && !is_gone(j)));
            polled
        });
        if state.jobs.get(&key).is_some_and(Vec::is_empty) {
            state.jobs.remove(&key);
        }
        jobs
    };
    match (jobs.first().and_then(|j| j.waiter.listed), jobs.first()) {
        (Some(listed), _) => {
            return (Some(name), listing(route, &jobs, listed, success, example).of(route, Vec::new()));
        }
        (None, Some(job)) => return (Some(name), poll(route, job.clone(), success, example).of(route, Vec::new())),
        (None, None) => {}
    }
    // A listing no test gave items to pages through its example's own items: its markers and
    // totals then agree with its pages, so that `_all` ends (the example's own next marker would
    // name a page that is the same again).
    let items = match (route.paging, items) {
        (Some(paging), None) => example_items(&paging, example),
        (_, items) => items,
    };
    let body = match (route.paging, items) {
        (Some(paging), Some(items)) if paging.in_body => page(&paging, example, &items, &body_pairs(body)),
        (Some(paging), Some(items)) => page(&paging, example, &items, &pairs),
        _ if example.is_empty() => "{}".to_owned(),
        _ => example.to_owned(),
    };
    started(shared, route, success, &body, &given(&candidates, route, &pairs));
    (Some(name), Outcome::new(success, body).of(route, Vec::new()))
}

/// The request's path values of `route` and its query pairs: where a listed job's ID is taken
/// from when its waiter reads it from the request.
fn given(
    candidates: &[(&Route, Vec<(String, String)>)],
    route: &Route,
    query: &[(String, String)],
) -> Vec<(String, String)> {
    let path = candidates.iter().find(|(r, _)| std::ptr::eq(*r, route)).map(|(_, v)| v.as_slice()).unwrap_or_default();
    path.iter().chain(query).cloned().collect()
}

/// A successful call of an operation whose spec declares a waiter starts a job on its polling
/// operation: the next script of [`MockServer::play_job`](super::MockServer::play_job), else
/// success after two running polls.
fn started(shared: &Shared, route: &Route, status: u16, body: &str, given: &[(String, String)]) {
    let Some(waiter) = route.waiter.filter(|_| (200..300).contains(&status)) else { return };
    // A listing finds the job by its ID: the one the start answered with, or the one it was
    // asked about.
    let id = waiter.listed.and_then(|l| match l.id {
        IdSource::Response(path) => text_at(&serde_json::from_str::<Value>(body).ok()?, path),
        IdSource::Request(name) => given.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()),
    });
    let mut state = shared.lock();
    let script = super::next_script(&mut state.job_scripts, route).unwrap_or(JobScript::succeeds_after(2));
    let jobs = state.jobs.entry((route.service, route.version, waiter.poll)).or_default();
    // A listing lists every job started, each under its ID (a job started again under the same
    // ID starts over); a poll of one job answers about the last one started.
    match waiter.listed {
        Some(_) => jobs.retain(|j| j.id != id),
        None => jobs.clear(),
    }
    jobs.push(Job { waiter, script, polls: 0, id });
}

/// The answer to the `job.polls`-th poll of a job: the polling operation's example with the
/// waiter's status (and progress, code, message) set, or 404 when the job is gone.
fn poll(route: &Route, job: Job, success: u16, example: &str) -> Outcome {
    let running = job.polls <= job.script.running;
    // A deletion's waiter (`gone: done`) with no done word is done when its poll answers 404.
    if !running && is_gone(&job) {
        return match route.responses.iter().find(|(s, _)| *s == 404) {
            Some((_, example)) if !example.is_empty() => Outcome::new(404, (*example).to_owned()),
            _ => {
                Outcome::new(404, r#"{"error_code":"MOCK.0404","error_msg":"the job is gone, as scripted"}"#.to_owned())
            }
        };
    }
    let mut body = example_object(example);
    job_state(&mut body, &job);
    Outcome::new(success, Value::Object(body).to_string())
}

/// The answer of a poll that lists jobs: the example page with the jobs as its items (each the
/// example's first item with the job's ID and state), a job that has ended as gone left out.
fn listing(route: &Route, jobs: &[Job], listed: Listed, success: u16, example: &str) -> Outcome {
    let mut body = example_object(example);
    let path = listed.items.join(".");
    let items =
        listed.items.split_first().and_then(|(top, rest)| rest.iter().try_fold(body.get(*top)?, |v, k| v.get(k)));
    let template = match items.and_then(|items| items.get(0)) {
        Some(Value::Object(first)) => first.clone(),
        _ => serde_json::Map::new(),
    };
    let items: Vec<Value> = jobs
        .iter()
        .filter(|job| !(job.polls > job.script.running && is_gone(job)))
        .map(|job| {
            let mut item = template.clone();
            set_path(&mut item, &listed.key.join("."), job.id.clone().map(Value::from));
            job_state(&mut item, job);
            Value::Object(item)
        })
        .collect();
    let count = items.len();
    set_path(&mut body, &path, Some(Value::Array(items)));
    if let Some(total) = route.paging.and_then(|p| p.total) {
        set_path(&mut body, total, Some(Value::from(count)));
    }
    Outcome::new(success, Value::Object(body).to_string())
}

/// Whether a job's end is that it is gone (a 404, or no longer listed): scripted so, or a
/// deletion's waiter (`gone: done`) with no done word.
fn is_gone(job: &Job) -> bool {
    match job.script.end {
        JobEnd::Gone => true,
        JobEnd::Success => job.waiter.gone_is_done && job.waiter.success.is_empty(),
        JobEnd::Failure | JobEnd::Never => false,
    }
}

/// Sets the job's status (and progress, code, message) at its waiter's paths in `body` (the
/// poll's answer, or the listed item).
fn job_state(body: &mut serde_json::Map<String, Value>, job: &Job) {
    let w = job.waiter;
    let running = job.polls <= job.script.running;
    let (status, progress) = match (running, job.script.end) {
        (false, JobEnd::Success) => (w.success.first().copied().unwrap_or("SUCCESS"), 100),
        (false, JobEnd::Failure) => (w.failure.first().copied().unwrap_or("FAILED"), 100),
        _ => {
            let percent = job.polls.saturating_mul(100) / job.script.running.saturating_add(1).max(1);
            (w.pending.first().copied().unwrap_or("RUNNING"), percent.min(99))
        }
    };
    // The empty word is the status absent.
    set_path(body, &w.status.join("."), (!status.is_empty()).then(|| Value::from(status)));
    if let Some(p) = w.progress {
        set_path(body, &p.join("."), Some(Value::from(format!("{progress}%"))));
    }
    let failed = !running && job.script.end == JobEnd::Failure;
    if let Some(p) = w.error_code {
        set_path(body, &p.join("."), failed.then(|| Value::from("MOCK.0001")));
    }
    if let Some(p) = w.error_message {
        set_path(body, &p.join("."), failed.then(|| Value::from("the job failed, as scripted")));
    }
}

/// The first documented example of `status`, empty when there is none.
fn documented(route: &Route, status: u16) -> &'static str {
    route.responses.iter().find(|(s, _)| *s == status).map_or("", |(_, e)| e)
}

/// The top-level fields of a JSON object request body as name and value pairs (a string as it is,
/// another value as JSON), where a listing whose cursor is in its body has its cursor and size;
/// none for a body that is not an object (checked against the request table before this).
fn body_pairs(body: &[u8]) -> Vec<(String, String)> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => map
            .into_iter()
            .map(|(k, v)| match v {
                Value::String(s) => (k, s),
                v => (k, v.to_string()),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// One page of `items` for the request's cursor and size (`query`: the query's pairs, or the
/// body's for a listing that pages in its body), in the documented example's shape.
fn page(paging: &Paging, example: &str, items: &[Value], query: &[(String, String)]) -> String {
    let number = |name: Option<&str>| {
        name.and_then(|n| query.iter().find(|(k, _)| k == n)).and_then(|(_, v)| v.parse::<i64>().ok())
    };
    let size = number(paging.size).or(paging.default_size).unwrap_or(10).max(1);
    let marker = query.iter().find(|(k, _)| k == paging.cursor).map(|(_, v)| v.as_str());
    let start = match (paging.next, paging.item_marker, paging.by_page, number(Some(paging.cursor))) {
        // The mock's own markers are positions; another marker starts nowhere (an empty page).
        (Some(_), _, _, _) => marker.map_or(Some(0), |m| m.parse::<i64>().ok()).unwrap_or(i64::MAX),
        (None, Some(field), _, _) => match marker {
            None => 0,
            Some(m) => items
                .iter()
                .position(|i| match i.get(field) {
                    Some(Value::String(s)) => s == m,
                    Some(v) => v.as_i64().is_some_and(|n| m.parse::<i64>().ok() == Some(n)),
                    None => false,
                })
                .map_or(i64::MAX, |p| i64::try_from(p).unwrap_or(i64::MAX).saturating_add(1)),
        },
        (None, None, false, cursor) => cursor.unwrap_or(0),
        (None, None, true, cursor) => (cursor.unwrap_or(paging.first_page) - paging.first_page).saturating_mul(size),
    };
    let start = usize::try_from(start.max(0)).unwrap_or(usize::MAX).min(items.len());
    let end = start.saturating_add(usize::try_from(size).unwrap_or(usize::MAX)).min(items.len());
    let page = Value::Array(items[start..end].to_vec());
    // A listing whose body is the array (no total or next marker beside it).
    if paging.items.is_empty() {
        return page.to_string();
    }
    let mut body = example_object(example);
    body.insert(paging.items.to_owned(), page);
    if let Some(total) = paging.total {
        set_path(&mut body, total, Some(Value::from(items.len())));
    }
    if let Some(path) = paging.next {
        set_path(&mut body, path, (end < items.len()).then(|| Value::from(end.to_string())));
    }
    Value::Object(body).to_string()
}

/// The items of a listing's example: its items field's array, or the example itself when the
/// body is the array; `None` when the example has none.
fn example_items(paging: &Paging, example: &str) -> Option<Vec<Value>> {
    let value = serde_json::from_str::<Value>(example).ok()?;
    let items = if paging.items.is_empty() { value } else { value.get(paging.items)?.clone() };
    match items {
        Value::Array(items) => Some(items),
        _ => None,
    }
}

/// A documented example as a JSON object to change (an example that is none is an empty object).
fn example_object(example: &str) -> serde_json::Map<String, Value> {
    match serde_json::from_str::<Value>(example) {
        Ok(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    }
}

/// Sets the field at the dotted `path` of `body` to `value` (objects made on the way), or removes
/// it when `value` is `None`.
fn set_path(body: &mut serde_json::Map<String, Value>, path: &str, value: Option<Value>) {
    let (first, rest) = path.split_once('.').map_or((path, None), |(a, b)| (a, Some(b)));
    match (rest, value) {
        (None, Some(v)) => {
            body.insert(first.to_owned(), v);
        }
        (None, None) => {
            body.remove(first);
        }
        (Some(rest), value) => {
            let inner = body.entry(first.to_owned()).or_insert_with(|| Value::Object(serde_json::Map::new()));
            if !inner.is_object() {
                *inner = Value::Object(serde_json::Map::new());
            }
            if let Value::Object(map) = inner {
                set_path(map, rest, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use huaweicloud_sdk_runtime::client::{Operation, PathPart};

    static OP: Operation = Operation {
        name: "ShowToken",
        method: "GET",
        path: &[PathPart::Text("/v3/auth/tokens")],
        errors_in_body: None,
        secret_response: false,
    };
    static ROUTE: Route = Route {
        service: "iam",
        version: "v3",
        operation: &OP,
        params: &[],
        body: None,
        body_mandatory: false,
        responses: &[(200, ""), (404, "")],
        headers: &["X-Subject-Token"],
        paging: None,
        waiter: None,
    };

    fn headers(status: u16, scripted: &[(&str, &str)]) -> Vec<(String, String)> {
        let scripted = scripted.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect();
        let o = Outcome::new(status, String::new()).of(&ROUTE, scripted);
        o.headers.iter().map(|(n, v)| (n.to_string(), v.to_str().unwrap_or_default().to_owned())).collect()
    }

    #[test]
    fn a_success_carries_the_declared_headers_and_an_error_only_the_scripted_ones() {
        // Header names as HTTP holds them, in lower case.
        let placeholder = ("x-subject-token".to_owned(), crate::TOKEN.to_owned());
        assert_eq!(headers(200, &[]), std::slice::from_ref(&placeholder));
        assert_eq!(headers(201, &[("x-subject-token", "t")]), [("x-subject-token".to_owned(), "t".to_owned())]);
        assert_eq!(headers(200, &[("X-Other", "o")]), [placeholder, ("x-other".to_owned(), "o".to_owned())]);
        assert_eq!(headers(404, &[]), []);
        assert_eq!(headers(404, &[("X-Other", "o")]), [("x-other".to_owned(), "o".to_owned())]);
        // A header that is not one (a route built by hand) makes the answer a 500 that says why.
        let o = Outcome::new(200, String::new()).of(&ROUTE, vec![("X Bad".to_owned(), "v".to_owned())]);
        assert_eq!((o.status, o.headers.len()), (500, 0));
        assert!(o.violation.is_some_and(|v| v.contains("is not a valid HTTP header")));
    }

    #[test]
    fn a_listing_s_example_gives_its_items_and_pages_through_them() {
        let paging = Paging {
            by_page: false,
            first_page: 0,
            cursor: "marker",
            size: Some("limit"),
            in_body: false,
            default_size: None,
            items: "vpcs",
            total: None,
            next: Some("page_info.next_marker"),
            item_marker: None,
        };
        let example = r#"{"vpcs": [{"id": "a"}, {"id": "b"}], "page_info": {"next_marker": "b"}}"#;
        let items = example_items(&paging, example).expect("the example's items");
        assert_eq!(items, [serde_json::json!({"id": "a"}), serde_json::json!({"id": "b"})]);
        // One at a time: the first page names the next position, the last none (the example's
        // own `b` would name the same page again).
        let query = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
        };
        let first: Value =
            serde_json::from_str(&page(&paging, example, &items, &query(&[("limit", "1")]))).expect("JSON");
        assert_eq!(first["vpcs"], serde_json::json!([{"id": "a"}]));
        assert_eq!(first["page_info"]["next_marker"], "1");
        let last: Value =
            serde_json::from_str(&page(&paging, example, &items, &query(&[("limit", "1"), ("marker", "1")])))
                .expect("JSON");
        assert_eq!(last["vpcs"], serde_json::json!([{"id": "b"}]));
        assert_eq!(last["page_info"].get("next_marker"), None);
        // A body that is the array; no items where the example has none, or not an array.
        let whole = Paging { items: "", next: None, ..paging };
        assert_eq!(example_items(&whole, r#"[{"id": "a"}]"#).map(|i| i.len()), Some(1));
        for example in ["", "{}", r#"{"vpcs": {}}"#, "not JSON"] {
            assert_eq!(example_items(&paging, example), None, "{example}");
        }
    }
}
