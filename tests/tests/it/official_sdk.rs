//! The official Python SDK as a wire oracle: each call is made once with our generated client and
//! once with the official client (`tests/oracle/call.py`), each against its own scripted server
//! answering the documented example (`{}` where the page has none), and the two recorded requests
//! must agree on method, path (byte for byte, so also its encoding), query, JSON body,
//! `Content-Type`, `X-Project-Id` and signed headers, with both signatures valid. Both must also
//! have sent every parameter the call sets, so a field dropped on both sides cannot pass unseen.
//!
//! A call is an operation and its parameters by wire name, `{"path", "query", "body"}`: `call.py`
//! builds the official request models from them, `official_sdk/ours.rs` our typed request.
//!
//! Allowed differences, each asserted where it applies:
//! - the official SDK lower-cases the charset of `application/json;charset=UTF-8`;
//! - it writes JSON with other spacing and escapes non-ASCII characters (bodies compare as values);
//! - without a body, it still sends the operation's body content type (see [`content_type`]).

mod ours;

use std::fmt;
use std::time::Duration;

use huaweicloud_sdk::runtime::{Config, Credentials, RetryPolicy};
use huaweicloud_sdk_tests::oracle;
use huaweicloud_sdk_tests::server::{Reply, Request, Server};
use huaweicloud_sdk_tests::wire::{documented_example_opt, query_pairs, verify_signature, verify_with_official_signer};
use serde_json::{Value, json};

const AK: &str = "AKOFFICIALSDKTEST";
const SK: &str = "SKOFFICIALSDKTESTSECRET";
const PROJECT: &str = "proj-1";

/// An instance ID (and below a user name) that needs percent-encoding as a path segment.
const ODD_ID: &str = "a b/c?d&e=f%g+h~i*j'ä";
const ODD_USER: &str = "root user/ä?x#y%2Fz";
const CLUSTER: &str = "4f6c3a1e-8b2d-4c5e-9a7f-0123456789ab";

/// One call, made the same way with both clients.
#[derive(Debug, Clone)]
struct Call {
    /// The operation's wire name, e.g. `ListUsers`.
    operation: &'static str,
    /// `{"path": {..}, "query": {..}, "body": {..}}` by wire name; a missing key is an empty part.
    args: Value,
    /// The project ID of the credentials (`X-Project-Id`), `None` for credentials without one.
    project_id: Option<&'static str>,
}

impl fmt::Display for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} (project {:?})", self.operation, self.args, self.project_id)
    }
}

fn call(operation: &'static str, args: Value) -> Call {
    Call { operation, args, project_id: Some(PROJECT) }
}

impl Call {
    fn without_project(self) -> Call {
        Call { project_id: None, ..self }
    }

    /// Makes the call with our client against `server`, which answers the documented example.
    async fn send_with_ours(&self, server: &Server) {
        let mut credentials = Credentials::ak_sk(AK, SK);
        if let Some(project_id) = self.project_id {
            credentials = credentials.with_project_id(project_id);
        }
        let config = Config::builder()
            .credentials(credentials)
            .region("cn-north-4")
            .endpoint("ddm", server.url())
            .endpoint("dws", server.url())
            .endpoint("iam", server.url())
            .read_timeout(Duration::from_secs(5))
            .retry_policy(RetryPolicy::disabled())
            .build()
            .expect("config");
        let result = ours::send(&config, self.operation, &self.args).await;
        result.unwrap_or_else(|e| panic!("{self}: our client failed on the documented example: {e}"));
    }

    /// The input line of `call.py` that makes this call against `endpoint`.
    fn oracle_line(&self, endpoint: &str) -> String {
        json!({
            "operation": self.operation,
            "endpoint": endpoint,
            "ak": AK,
            "sk": SK,
            "project_id": self.project_id,
            "args": self.args,
        })
        .to_string()
    }

    /// The query parameters the call sets, as decoded pairs sorted: scalars as text, `true`/`false`,
    /// an array as one pair per element under the repeated key (none for an empty array).
    fn expected_query(&self) -> Vec<(String, String)> {
        let text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_owned);
        let mut pairs: Vec<(String, String)> = self.args["query"]
            .as_object()
            .into_iter()
            .flatten()
            .flat_map(|(k, v)| match v.as_array() {
                Some(items) => items.iter().map(|i| (k.clone(), text(i))).collect::<Vec<_>>(),
                None => vec![(k.clone(), text(v))],
            })
            .collect();
        pairs.sort();
        pairs
    }
}

async fn documented_server(call: &Call) -> Server {
    // Operations whose 200 response has no body, and IAM's page, which prints no example, get `{}`.
    let body = documented_example_opt(call.operation, 200).unwrap_or_else(|| "{}".to_owned());
    Server::start(vec![Reply::json(200, &body)]).await
}

fn only_request(server: &Server, what: &str) -> Request {
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{what}: exactly one request expected: {requests:#?}");
    requests.into_iter().next().expect("one request")
}

/// Makes every call with our client, then with the official SDK in one Python process, and
/// compares the requests pairwise; finally has the official signer re-sign ours.
async fn assert_same_requests_as_the_official_sdk(calls: &[Call]) {
    let mut ours = Vec::new();
    for call in calls {
        let server = documented_server(call).await;
        call.send_with_ours(&server).await;
        ours.push(only_request(&server, &format!("{call} with our client")));
    }

    let mut servers = Vec::new();
    for call in calls {
        servers.push(documented_server(call).await);
    }
    let lines: Vec<String> = calls.iter().zip(&servers).map(|(call, s)| call.oracle_line(&s.url())).collect();
    // The servers are tasks of this test's single-threaded runtime: block elsewhere so they serve.
    let answers = tokio::task::spawn_blocking(move || oracle::run("call.py", &lines, Duration::from_secs(60)))
        .await
        .expect("the call.py task");
    assert_eq!(answers.len(), calls.len(), "one answer per call: {answers:?}");

    for (((call, server), answer), ours) in calls.iter().zip(&servers).zip(&answers).zip(&ours) {
        // The SDK's answer (it may raise on any reply) only matters when it sent nothing.
        let theirs = only_request(server, &format!("{call} with the official SDK, which answered {answer}"));
        assert_same_request(call, ours, &theirs);
    }
    verify_with_official_signer(&ours, AK, SK);
}

fn assert_same_request(call: &Call, ours: &Request, theirs: &Request) {
    assert_eq!(ours.method, theirs.method, "{call}: method");
    assert_eq!(ours.path, theirs.path, "{call}: path, byte for byte");
    let sorted = |req: &Request| {
        let mut pairs = query_pairs(req);
        pairs.sort();
        pairs
    };
    assert_eq!(sorted(ours), call.expected_query(), "{call}: our query parameters");
    assert_eq!(sorted(theirs), call.expected_query(), "{call}: the official query parameters");
    assert_eq!(ours.query, theirs.query, "{call}: raw query string (both send the canonical, sorted one)");
    assert_eq!(json_body(call, ours), call.args.get("body").cloned(), "{call}: our JSON body");
    assert_eq!(json_body(call, theirs), call.args.get("body").cloned(), "{call}: the official JSON body");
    let (ours_type, theirs_type) = content_type(call, ours, theirs);
    assert_eq!(ours_type, theirs_type, "{call}: Content-Type");
    assert_eq!(ours.header("X-Project-Id"), call.project_id, "{call}: our X-Project-Id");
    assert_eq!(theirs.header("X-Project-Id"), call.project_id, "{call}: the official X-Project-Id");
    // Each signature must verify against what arrived, over the same header names.
    assert_eq!(verify_signature(ours, SK), verify_signature(theirs, SK), "{call}: SignedHeaders");
}

/// Both `Content-Type` headers, normalised by the allowed differences.
///
/// The Python SDK lowercases the documented `application/json;charset=UTF-8`
/// (`http_utils.select_header_content_type`); media types and charset names are case-insensitive.
/// It also sends an operation's body content type when the optional body is left out (only
/// `UpdateDdmUser` has one), where ours sends the `application/json` of every bodiless request
/// (`runtime::client::NO_BODY_CONTENT_TYPE`): a `Content-Type` describes content, and there is
/// none. That case is pinned to exactly these two values.
fn content_type(call: &Call, ours: &Request, theirs: &Request) -> (Option<String>, Option<String>) {
    let lower = |req: &Request| req.header("Content-Type").map(str::to_ascii_lowercase);
    if call.operation == "UpdateDdmUser" && call.args.get("body").is_none() {
        assert_eq!(ours.header("Content-Type"), Some("application/json"), "{call}: our Content-Type");
        assert_eq!(theirs.header("Content-Type"), Some("application/json;charset=utf-8"), "{call}: theirs");
        return (None, None);
    }
    (lower(ours), lower(theirs))
}

/// The body parsed as JSON, so that the official SDK's `json.dumps` spacing and escaping do not
/// matter; `None` when there is no body.
fn json_body(call: &Call, req: &Request) -> Option<Value> {
    (!req.body.is_empty()).then(|| {
        serde_json::from_slice(&req.body)
            .unwrap_or_else(|e| panic!("{call}: body is not JSON ({e}): {:?}", String::from_utf8_lossy(&req.body)))
    })
}

/// The path parameters of the DDM operations on one account.
fn account(instance_id: &str, username: &str) -> Value {
    json!({ "instance_id": instance_id, "username": username })
}

/// Every basic permission, in documented order, and one the documentation does not list (sent
/// verbatim by our `Unknown` variant).
fn every_authority() -> Value {
    json!(["CREATE", "DROP", "ALTER", "INDEX", "INSERT", "DELETE", "UPDATE", "SELECT", "SUPER"])
}

/// Text that JSON writers escape differently: quotes, backslash, slash, control and non-ASCII.
const TRICKY_TEXT: &str = "Äccount \"ops\" \\ / <b>&amp;</b>\ttab é 中文 😀";

#[tokio::test]
async fn list_users_sends_what_the_official_sdk_sends() {
    let list = |id: &str, query: Value| call("ListUsers", json!({ "path": { "instance_id": id }, "query": query }));
    assert_same_requests_as_the_official_sdk(&[
        list("inst-1", json!({})),
        list("inst-1", json!({ "offset": 0, "limit": 5 })),
        list("inst-1", json!({ "offset": 10 })),
        list("inst-1", json!({ "limit": 128 })),
        list("inst 1", json!({ "offset": 2, "limit": 3 })),
        list(ODD_ID, json!({ "offset": 1 })),
    ])
    .await;
}

#[tokio::test]
async fn create_users_sends_what_the_official_sdk_sends() {
    let create = |id: &str, body: Value| call("CreateUsers", json!({ "path": { "instance_id": id }, "body": body }));
    let full = json!({
        "name": "ddmtest", "password": "Example@123", "base_authority": every_authority(),
        "description": TRICKY_TEXT, "databases": [{ "name": "zhxtest" }, { "name": "db_2" }],
    });
    let minimal = json!({ "name": "reader", "password": "Example@456", "base_authority": ["SELECT"] });
    assert_same_requests_as_the_official_sdk(&[
        create("inst-1", json!({ "users": [full, minimal] })),
        create("inst-1", json!({ "users": [{ "name": "n", "password": "p", "base_authority": [], "databases": [] }] })),
        create(ODD_ID, json!({ "users": [] })),
    ])
    .await;
}

#[tokio::test]
async fn delete_user_sends_what_the_official_sdk_sends() {
    assert_same_requests_as_the_official_sdk(&[
        call("DeleteUser", json!({ "path": account("inst-1", "ddmtest") })),
        call("DeleteUser", json!({ "path": account(ODD_ID, ODD_USER) })),
    ])
    .await;
}

#[tokio::test]
async fn update_user_sends_what_the_official_sdk_sends() {
    let update = |path: Value, user: Value| call("UpdateUser", json!({ "path": path, "body": { "user": user } }));
    let full = json!({
        "base_authority": every_authority(), "description": TRICKY_TEXT,
        "databases": [{ "name": "zhxtest" }, {}],
    });
    assert_same_requests_as_the_official_sdk(&[
        update(account("inst-1", "ddmtest"), full),
        update(account("inst-1", "ddmtest"), json!({ "base_authority": ["SELECT"] })),
        update(account(ODD_ID, ODD_USER), json!({})),
    ])
    .await;
}

#[tokio::test]
async fn reset_user_password_sends_what_the_official_sdk_sends() {
    let reset = |path: Value, password: &str| {
        call("ResetUserPassword", json!({ "path": path, "body": { "password": password } }))
    };
    assert_same_requests_as_the_official_sdk(&[
        reset(account("inst-1", "ddmtest"), "Example@123"),
        reset(account(ODD_ID, ODD_USER), "~!@#%^*-_+? \"\\ä"),
    ])
    .await;
}

#[tokio::test]
async fn list_ddm_users_sends_what_the_official_sdk_sends() {
    let list = |id: &str, query: Value| call("ListDdmUsers", json!({ "path": { "instance_id": id }, "query": query }));
    assert_same_requests_as_the_official_sdk(&[
        list("inst-1", json!({})),
        list("inst-1", json!({ "offset": 0, "limit": 128 })),
        list("inst-1", json!({ "limit": 1 })),
        list(ODD_ID, json!({ "offset": 7 })),
    ])
    .await;
}

#[tokio::test]
async fn create_ddm_user_sends_what_the_official_sdk_sends() {
    let create = |id: &str, body: Value| call("CreateDdmUser", json!({ "path": { "instance_id": id }, "body": body }));
    // At the documented limits: 32-character name and password, 256-character description.
    let full = json!({
        "name": "a".repeat(32), "password": "Example@".repeat(4), "base_authority": every_authority(),
        "description": "é".repeat(256), "password_lifetime": 65535,
        "databases": [{ "name": "zhxtest" }, { "name": TRICKY_TEXT }],
    });
    assert_same_requests_as_the_official_sdk(&[
        create("inst-1", full),
        create("inst-1", json!({ "name": "reader", "password": "Example@123", "base_authority": ["SELECT"] })),
        create(
            ODD_ID,
            json!({
                "name": "r", "password": "Example@1", "base_authority": [], "description": "",
                "password_lifetime": 0, "databases": [],
            }),
        ),
    ])
    .await;
}

#[tokio::test]
async fn delete_ddm_user_sends_what_the_official_sdk_sends() {
    assert_same_requests_as_the_official_sdk(&[
        call("DeleteDdmUser", json!({ "path": account("inst-1", "ddmtest") })),
        call("DeleteDdmUser", json!({ "path": account(ODD_ID, ODD_USER) })),
    ])
    .await;
}

#[tokio::test]
async fn update_ddm_user_sends_what_the_official_sdk_sends() {
    let full = json!({
        "base_authority": every_authority(), "description": TRICKY_TEXT, "password_lifetime": 65535,
        "databases": [{ "name": "zhxtest" }, {}],
    });
    assert_same_requests_as_the_official_sdk(&[
        call("UpdateDdmUser", json!({ "path": account("inst-1", "ddmtest"), "body": full })),
        call("UpdateDdmUser", json!({ "path": account("inst-1", "ddmtest"), "body": { "password_lifetime": 0 } })),
        call("UpdateDdmUser", json!({ "path": account(ODD_ID, ODD_USER), "body": {} })),
        // The body is optional: none at all.
        call("UpdateDdmUser", json!({ "path": account(ODD_ID, ODD_USER) })),
    ])
    .await;
}

#[tokio::test]
async fn reset_ddm_user_password_sends_what_the_official_sdk_sends() {
    let reset = |path: Value, password: &str| {
        call("ResetDdmUserPassword", json!({ "path": path, "body": { "password": password } }))
    };
    assert_same_requests_as_the_official_sdk(&[
        reset(account("inst-1", "ddmtest"), "Example@123"),
        reset(account(ODD_ID, ODD_USER), "~!@#%^*-_+? \"\\ä"),
    ])
    .await;
}

#[tokio::test]
async fn om_user_action_sends_what_the_official_sdk_sends() {
    let action = |cluster_id: &str, operation: &str| {
        let args = json!({ "path": { "cluster_id": cluster_id }, "body": { "operation": operation } });
        call("ExecuteDatabaseOmUserAction", args)
    };
    assert_same_requests_as_the_official_sdk(&[
        action(CLUSTER, "addOmUser"),
        action(CLUSTER, "deleteOmUser"),
        action(CLUSTER, "increaseOmUserPeriod"),
        // Not documented: our `Operation::Unknown` sends it verbatim, as the SDK sends any string.
        action(CLUSTER, "resetOmUser"),
        action("cluster 1/x", "addOmUser"),
    ])
    .await;
}

#[tokio::test]
async fn om_user_status_sends_what_the_official_sdk_sends() {
    // The cluster ID must be 36 characters long (checked by ours before sending).
    let odd_cluster = format!("{:-<36}", "cluster 1/x?y#z%ä+");
    let status = |cluster_id: &str| call("ShowDatabaseOmUserStatus", json!({ "path": { "cluster_id": cluster_id } }));
    assert_same_requests_as_the_official_sdk(&[status(CLUSTER), status(&odd_cluster)]).await;
}

/// An `Array of strings` query parameter: the official SDK repeats the key for each element
/// (`node_ids=a&node_ids=b`, never comma-joined, even where its client declares `csv`) and sends
/// nothing for an empty list.
#[tokio::test]
async fn list_cluster_nodes_sends_array_query_parameters_as_the_official_sdk_does() {
    let list = |query: Value| call("ListClusterNodes", json!({ "path": { "cluster_id": CLUSTER }, "query": query }));
    assert_same_requests_as_the_official_sdk(&[
        list(json!({ "node_ids": ["n-1", "n-2"] })),
        list(json!({ "node_ids": ["one"], "offset": 0, "limit": 10 })),
        list(json!({ "node_ids": ["a b", "c,d", "ä&x=y", "n-1", "n-1"] })),
        list(json!({ "node_ids": [] })),
        list(json!({})),
    ])
    .await;
}

#[tokio::test]
async fn keystone_list_projects_sends_what_the_official_sdk_sends() {
    let list = |query: Value| call("KeystoneListProjects", json!({ "query": query }));
    let every = json!({
        "domain_id": "d78cbac186b744899480f25bd022f468", "name": "cn-north-4",
        "parent_id": "parent/1 ä", "enabled": true, "is_domain": false, "page": 1, "per_page": 5000,
    });
    assert_same_requests_as_the_official_sdk(&[
        list(json!({})),
        // What the official SDKs send to discover a region's project ID.
        list(json!({ "name": "cn-north-4" })).without_project(),
        list(every),
        list(json!({ "enabled": false, "is_domain": true, "page": 2, "per_page": 1 })),
        list(json!({ "name": "my project/ä&x=y+z?#%", "parent_id": "" })).without_project(),
    ])
    .await;
}
