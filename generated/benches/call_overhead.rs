//! Per-call SDK overhead of DDM `ListUsers` and DWS `ExecuteDatabaseOmUserAction`, the network
//! excluded, measured two ways:
//!
//! - `cpu/*`: the CPU work of one call alone. `fill` is the runtime [`Request`] as the generated
//!   method fills it (path, documented checks, query, JSON body); `sign_and_build` is what
//!   `Client::send` then does to put it on the wire (headers, `X-Sdk-Date`, SDK-HMAC-SHA256
//!   signature, URL, header map, a built `reqwest::Request`), repeated here step for step through
//!   public API because the runtime request's parts are private to the runtime; `decode` turns the
//!   documented response into the response type; `total` is the three in a row. `sign` (the
//!   runtime's signer alone), `sign_prototype` (see `huaweicloud_sdk_benches::hand::prototype`) and `reqwest_build` (what the
//!   plain reqwest baseline builds per call) split `sign_and_build` up.
//! - `instant_server/*`: whole calls, one at a time, to a local server that answers at once over a
//!   kept-alive connection, with the SDK and with plain reqwest sending the same bytes. The server
//!   runs on the client's thread (`Server::start_in`), so a call is the CPU work of both ends and
//!   the loopback, with no wait for another thread; the difference between the SDK and reqwest is
//!   the SDK's overhead as it really runs (tracing spans, retry bookkeeping, response meta and all).
//!
//! `cargo bench -p huaweicloud-sdk-benches --bench call_overhead -- --quick`

use std::hint::black_box;
use std::time::{Duration, Instant, SystemTime};

use criterion::{Criterion, criterion_group, criterion_main};
use huaweicloud_sdk::ddm::v1::{DdmClient, list_users::{ListUsersRequest, ListUsersResponse}};
use huaweicloud_sdk::dws::v2::{DwsClient, types::{DatabaseOmUserActionReq, Operation as OmOperation}, execute_database_om_user_action::{ExecuteDatabaseOmUserActionRequest, ExecuteDatabaseOmUserActionResponse}};
use huaweicloud_sdk::runtime::client::{
    JSON_CONTENT_TYPE, NO_BODY_CONTENT_TYPE, Operation, PathPart, QueryValue as _, Request, sdk_date,
};
use huaweicloud_sdk::runtime::signer;

use huaweicloud_sdk_benches::{self as bench, AK, CLUSTER_ID, INSTANCE_ID, LIMIT, PROJECT_ID, SK};

/// The generated clients' operation statics are private to the SDK; these are their copies.
static LIST_USERS: Operation =
    Operation { name: "ListUsers", method: "GET", path: &[PathPart::Text("/v1/"), PathPart::Param("project_id"), PathPart::Text("/instances/"), PathPart::Param("instance_id"), PathPart::Text("/users")], errors_in_body: None, secret_response: false };
static OM_USER_ACTION: Operation = Operation {
    name: "ExecuteDatabaseOmUserAction",
    method: "POST",
    path: &[PathPart::Text("/v1/"), PathPart::Param("project_id"), PathPart::Text("/clusters/"), PathPart::Param("cluster_id"), PathPart::Text("/db-manager/om-user/action")],
    errors_in_body: None,
    secret_response: false,
};

/// What `Client::send` reads from the config and the endpoint.
struct Wire {
    http: reqwest::Client,
    user_agent: String,
    base: String,
    host: String,
}

/// `DdmClient::list_users` up to the built request: the generated part, verbatim.
fn list_users_fill(request: &ListUsersRequest) -> Request {
    let mut r = Request::new(&LIST_USERS);
    r.path("instance_id", &request.instance_id);
    if let Some(v) = &request.offset {
        r.check_range("offset", *v, 0.0..);
    }
    r.query("offset", &request.offset);
    if let Some(v) = &request.limit {
        r.check_range("limit", *v, 1.0..=128.0);
    }
    r.query("limit", &request.limit);
    r
}

/// `DwsClient::execute_database_om_user_action` up to the built request: the generated part.
fn om_user_action_fill(request: &ExecuteDatabaseOmUserActionRequest) -> Request {
    let mut r = Request::new(&OM_USER_ACTION);
    r.path("cluster_id", &request.cluster_id);
    r.json_body(&request.body, huaweicloud_sdk::runtime::client::JSON_CONTENT_TYPE);
    r
}

/// The steps of `Client::send` for one attempt, from the filled request's parts to the
/// `reqwest::Request` handed to the connection pool.
fn sign_and_build(
    wire: &Wire,
    op: &Operation,
    path: &str,
    query: &[(String, String)],
    body: Option<&[u8]>,
) -> reqwest::Request {
    let content_type = if body.is_some() { JSON_CONTENT_TYPE } else { NO_BODY_CONTENT_TYPE };
    let headers = vec![
        ("Content-Type".to_owned(), content_type.to_owned()),
        ("User-Agent".to_owned(), wire.user_agent.clone()),
        ("X-Project-Id".to_owned(), PROJECT_ID.to_owned()),
    ];
    let body = body.unwrap_or_default();
    let req = signer::Request { method: op.method, host: &wire.host, path, query, headers: &headers, body };
    let signed = signer::sign(&req, AK, SK, &sdk_date(SystemTime::now()));
    let url = if signed.query.is_empty() {
        format!("{}{path}", wire.base)
    } else {
        format!("{}{path}?{}", wire.base, signed.query)
    };
    let mut map = reqwest::header::HeaderMap::with_capacity(signed.headers.len());
    for (k, v) in &signed.headers {
        let name = reqwest::header::HeaderName::from_bytes(k.as_bytes()).expect("header name");
        map.append(name, reqwest::header::HeaderValue::from_bytes(v.as_bytes()).expect("header value"));
    }
    let method = reqwest::Method::from_bytes(op.method.as_bytes()).expect("method");
    let mut builder = wire.http.request(method, &url).headers(map);
    if !body.is_empty() {
        builder = builder.body(body.to_vec());
    }
    builder.build().expect("request")
}

/// The path `Request::build_path` makes: every placeholder percent-encoded as one segment.
fn list_users_path(request: &ListUsersRequest) -> String {
    format!("/v1/{}/instances/{}/users", signer::encode(PROJECT_ID), signer::encode(&request.instance_id))
}

fn list_users_query(request: &ListUsersRequest) -> Vec<(String, String)> {
    let mut query = Vec::new();
    request.offset.push_pairs("offset", &mut query);
    request.limit.push_pairs("limit", &mut query);
    query
}

fn om_user_action_path(request: &ExecuteDatabaseOmUserActionRequest) -> String {
    format!(
        "/v1/{}/clusters/{}/db-manager/om-user/action",
        signer::encode(PROJECT_ID),
        signer::encode(&request.cluster_id)
    )
}

fn cpu(c: &mut Criterion) {
    // Nothing is sent: the endpoint only has to look like the bench server's.
    let base = "http://127.0.0.1:8080";
    let config = bench::config(base);
    let wire = Wire {
        http: bench::plain_client(),
        user_agent: config.user_agent().to_owned(),
        base: base.to_owned(),
        host: "127.0.0.1:8080".to_owned(),
    };
    let list_users = ListUsersRequest::new(INSTANCE_ID).offset(0).limit(LIMIT);
    let om_user_action =
        ExecuteDatabaseOmUserActionRequest::new(CLUSTER_ID, DatabaseOmUserActionReq::new(OmOperation::AddOmUser));
    let om_body = serde_json::to_vec(&om_user_action.body).expect("body");

    let mut g = c.benchmark_group("cpu");
    g.bench_function("list_users/fill", |b| b.iter(|| list_users_fill(black_box(&list_users))));
    g.bench_function("list_users/sign", |b| {
        let headers = [
            ("Content-Type".to_owned(), NO_BODY_CONTENT_TYPE.to_owned()),
            ("User-Agent".to_owned(), wire.user_agent.clone()),
            ("X-Project-Id".to_owned(), PROJECT_ID.to_owned()),
        ];
        let path = list_users_path(&list_users);
        let query = list_users_query(&list_users);
        let req = signer::Request {
            method: "GET",
            host: &wire.host,
            path: &path,
            query: &query,
            headers: &headers,
            body: &[],
        };
        b.iter(|| signer::sign(black_box(&req), AK, SK, "20240102T030405Z"));
    });
    g.bench_function("list_users/sign_prototype", |b| {
        let date = "20240102T030405Z";
        let headers = [
            ("Content-Type".to_owned(), NO_BODY_CONTENT_TYPE.to_owned()),
            ("User-Agent".to_owned(), wire.user_agent.clone()),
            ("X-Project-Id".to_owned(), PROJECT_ID.to_owned()),
            (signer::DATE_HEADER.to_owned(), date.to_owned()),
            ("Host".to_owned(), wire.host.clone()),
        ];
        let path = list_users_path(&list_users);
        let query = list_users_query(&list_users);
        let req = signer::Request {
            method: "GET",
            host: &wire.host,
            path: &path,
            query: &query,
            headers: &headers,
            body: &[],
        };
        let key = bench::hand::prototype::key(SK);
        let expected = signer::sign(&req, AK, SK, date);
        let authorization = expected.headers.iter().find(|(k, _)| k == "Authorization").map(|(_, v)| v.as_str());
        assert_eq!(authorization, Some(bench::hand::prototype::authorization(&req, AK, &key, date).as_str()), "same signature");
        b.iter(|| bench::hand::prototype::authorization(black_box(&req), AK, &key, date));
    });
    g.bench_function("list_users/reqwest_build", |b| {
        // What the plain reqwest baseline builds per call: its headers were signed once, up front.
        let request =
            sign_and_build(&wire, &LIST_USERS, &list_users_path(&list_users), &list_users_query(&list_users), None);
        let (url, headers) = (request.url().as_str().to_owned(), request.headers().clone());
        b.iter(|| {
            wire.http.request(reqwest::Method::GET, black_box(&url)).headers(headers.clone()).build().expect("request")
        });
    });
    g.bench_function("list_users/sign_and_build", |b| {
        b.iter(|| {
            let request = black_box(&list_users);
            sign_and_build(&wire, &LIST_USERS, &list_users_path(request), &list_users_query(request), None)
        });
    });
    g.bench_function("list_users/decode", |b| {
        b.iter(|| serde_json::from_slice::<ListUsersResponse>(black_box(bench::LIST_USERS_EXAMPLE.as_bytes())))
    });
    g.bench_function("list_users/total", |b| {
        b.iter(|| {
            let request = black_box(&list_users);
            let filled = list_users_fill(request);
            let built = sign_and_build(&wire, &LIST_USERS, &list_users_path(request), &list_users_query(request), None);
            let decoded = serde_json::from_slice::<ListUsersResponse>(bench::LIST_USERS_EXAMPLE.as_bytes());
            (filled, built, decoded)
        });
    });
    g.bench_function("om_user_action/fill", |b| b.iter(|| om_user_action_fill(black_box(&om_user_action))));
    g.bench_function("om_user_action/sign_and_build", |b| {
        b.iter(|| {
            let request = black_box(&om_user_action);
            sign_and_build(&wire, &OM_USER_ACTION, &om_user_action_path(request), &[], Some(&om_body))
        });
    });
    g.bench_function("om_user_action/decode", |b| {
        b.iter(|| {
            serde_json::from_slice::<ExecuteDatabaseOmUserActionResponse>(black_box(
                bench::OM_USER_ACTION_EXAMPLE.as_bytes(),
            ))
        })
    });
    g.bench_function("om_user_action/total", |b| {
        b.iter(|| {
            let request = black_box(&om_user_action);
            let filled = om_user_action_fill(request);
            let built = sign_and_build(&wire, &OM_USER_ACTION, &om_user_action_path(request), &[], Some(&om_body));
            let decoded =
                serde_json::from_slice::<ExecuteDatabaseOmUserActionResponse>(bench::OM_USER_ACTION_EXAMPLE.as_bytes());
            (filled, built, decoded)
        });
    });
    g.finish();
}

/// Times `iters` sequential calls of `call` on `rt`.
fn sequential<F: Future>(rt: &tokio::runtime::Runtime, iters: u64, call: impl Fn() -> F) -> Duration {
    rt.block_on(async {
        let start = Instant::now();
        for _ in 0..iters {
            black_box(call().await);
        }
        start.elapsed()
    })
}

fn instant_server(c: &mut Criterion) {
    let rt = bench::client_runtime();
    let server = bench::Server::start_in(&rt);
    let config = bench::config(&server.url());
    let ddm = DdmClient::new(&config);
    let dws = DwsClient::new(&config);
    let plain = bench::plain_client();
    let list_users = ListUsersRequest::new(INSTANCE_ID).offset(0).limit(LIMIT);
    let om_user_action =
        ExecuteDatabaseOmUserActionRequest::new(CLUSTER_ID, DatabaseOmUserActionReq::new(OmOperation::AddOmUser));
    let plain_list_users = bench::Precomputed::list_users(&server, config.user_agent());
    let plain_om_user_action = bench::Precomputed::om_user_action(&server, config.user_agent());
    // Open the kept-alive connections before anything is timed.
    sequential(&rt, 10, || async { ddm.list_users(&list_users).await.expect("sdk ListUsers") });
    sequential(&rt, 10, || async { dws.execute_database_om_user_action(&om_user_action).await.expect("sdk OM") });
    sequential(&rt, 10, || plain_list_users.send(&plain));

    let mut g = c.benchmark_group("instant_server");
    g.bench_function("list_users/sdk", |b| {
        b.iter_custom(|iters| {
            sequential(&rt, iters, || async { ddm.list_users(&list_users).await.expect("sdk ListUsers") })
        });
    });
    g.bench_function("list_users/reqwest", |b| {
        b.iter_custom(|iters| sequential(&rt, iters, || plain_list_users.send(&plain)));
    });
    g.bench_function("om_user_action/sdk", |b| {
        b.iter_custom(|iters| {
            sequential(&rt, iters, || async {
                dws.execute_database_om_user_action(&om_user_action).await.expect("sdk ExecuteDatabaseOmUserAction")
            })
        });
    });
    g.bench_function("om_user_action/reqwest", |b| {
        b.iter_custom(|iters| sequential(&rt, iters, || plain_om_user_action.send(&plain)));
    });
    g.finish();
}

fn criterion() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3)).sample_size(30)
}

criterion_group! { name = benches; config = criterion(); targets = cpu, instant_server }
criterion_main!(benches);
