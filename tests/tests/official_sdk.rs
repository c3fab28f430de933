//! The official Python SDK as a wire oracle: each call is made once with our generated client and
//! once with the official client (`tests/oracle/call.py`), each against its own scripted server
//! answering the documented example, and the two recorded requests must agree on method, path
//! (byte for byte, so also its encoding), query, JSON body, `Content-Type`, `X-Project-Id` and
//! signed headers, with both signatures valid.

use std::time::Duration;

use huaweicloud_sdk::ddm::v1::{DdmClient, ListUsersRequest};
use huaweicloud_sdk::dws::v2::{DatabaseOmUserActionReq, DwsClient, ExecuteDatabaseOmUserActionRequest, Operation};
use huaweicloud_sdk::runtime::{Config, Credentials, RetryPolicy};
use huaweicloud_sdk_tests::oracle;
use huaweicloud_sdk_tests::server::{Reply, Request, Server};
use huaweicloud_sdk_tests::wire::{documented_example, query_pairs, verify_signature, verify_with_official_signer};

const AK: &str = "AKOFFICIALSDKTEST";
const SK: &str = "SKOFFICIALSDKTESTSECRET";
const PROJECT: &str = "proj-1";

/// One call, made the same way with both clients.
#[derive(Debug, Clone, Copy)]
enum Call {
    ListUsers { instance_id: &'static str, offset: Option<i32>, limit: Option<i32> },
    OmUserAction { cluster_id: &'static str, operation: &'static str },
}

impl Call {
    fn wire_name(self) -> &'static str {
        match self {
            Call::ListUsers { .. } => "ListUsers",
            Call::OmUserAction { .. } => "ExecuteDatabaseOmUserAction",
        }
    }

    /// Makes the call with our client against `server`, which answers the documented example.
    async fn send_with_ours(self, server: &Server) {
        let config = Config::builder()
            .credentials(Credentials::ak_sk(AK, SK).with_project_id(PROJECT))
            .region("cn-north-4")
            .endpoint("ddm", server.url())
            .endpoint("dws", server.url())
            .read_timeout(Duration::from_secs(5))
            .retry_policy(RetryPolicy::disabled())
            .build()
            .expect("config");
        let result = match self {
            Call::ListUsers { instance_id, offset, limit } => {
                let mut request = ListUsersRequest::new(instance_id);
                if let Some(offset) = offset {
                    request = request.offset(offset);
                }
                if let Some(limit) = limit {
                    request = request.limit(limit);
                }
                DdmClient::new(&config).list_users(&request).await.map(drop).map_err(|e| e.to_string())
            }
            Call::OmUserAction { cluster_id, operation } => {
                let body = DatabaseOmUserActionReq::new(Operation::from_wire(operation));
                let request = ExecuteDatabaseOmUserActionRequest::new(cluster_id, body);
                let response = DwsClient::new(&config).execute_database_om_user_action(&request).await;
                response.map(drop).map_err(|e| e.to_string())
            }
        };
        result.unwrap_or_else(|e| panic!("{self:?}: our client failed on the documented example: {e}"));
    }

    /// The input line of `call.py` that makes this call against `endpoint`.
    fn oracle_line(self, endpoint: &str) -> String {
        let args = match self {
            Call::ListUsers { instance_id, offset, limit } => {
                serde_json::json!({ "instance_id": instance_id, "offset": offset, "limit": limit })
            }
            Call::OmUserAction { cluster_id, operation } => {
                serde_json::json!({ "cluster_id": cluster_id, "operation": operation })
            }
        };
        serde_json::json!({
            "operation": self.wire_name(),
            "endpoint": endpoint,
            "ak": AK,
            "sk": SK,
            "project_id": PROJECT,
            "args": args,
        })
        .to_string()
    }
}

async fn documented_server(call: Call) -> Server {
    Server::start(vec![Reply::json(200, &documented_example(call.wire_name(), 200))]).await
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
    for &call in calls {
        let server = documented_server(call).await;
        call.send_with_ours(&server).await;
        ours.push(only_request(&server, &format!("{call:?} with our client")));
    }

    let mut servers = Vec::new();
    for &call in calls {
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
        let theirs = only_request(server, &format!("{call:?} with the official SDK, which answered {answer}"));
        assert_same_request(&format!("{call:?}"), ours, &theirs);
    }
    verify_with_official_signer(&ours, AK, SK);
}

fn assert_same_request(call: &str, ours: &Request, theirs: &Request) {
    assert_eq!(ours.method, theirs.method, "{call}: method");
    assert_eq!(ours.path, theirs.path, "{call}: path, byte for byte");
    let sorted = |req: &Request| {
        let mut pairs = query_pairs(req);
        pairs.sort();
        pairs
    };
    assert_eq!(sorted(ours), sorted(theirs), "{call}: decoded query parameters");
    assert_eq!(ours.query, theirs.query, "{call}: raw query string (both send the canonical, sorted one)");
    assert_eq!(json_body(call, ours), json_body(call, theirs), "{call}: JSON body");
    // The Python SDK lowercases the documented `application/json;charset=UTF-8`
    // (`http_utils.select_header_content_type`); media types and charset names are case-insensitive.
    let content_type = |req: &Request| req.header("Content-Type").map(str::to_ascii_lowercase);
    assert_eq!(content_type(ours), content_type(theirs), "{call}: Content-Type");
    assert_eq!(ours.header("X-Project-Id"), Some(PROJECT), "{call}: our X-Project-Id");
    assert_eq!(theirs.header("X-Project-Id"), Some(PROJECT), "{call}: the official X-Project-Id");
    // Each signature must verify against what arrived, over the same header names.
    assert_eq!(verify_signature(ours, SK), verify_signature(theirs, SK), "{call}: SignedHeaders");
}

/// The body parsed as JSON, so that the official SDK's `json.dumps` spacing does not matter;
/// `None` when there is no body.
fn json_body(call: &str, req: &Request) -> Option<serde_json::Value> {
    (!req.body.is_empty()).then(|| {
        serde_json::from_slice(&req.body)
            .unwrap_or_else(|e| panic!("{call}: body is not JSON ({e}): {:?}", String::from_utf8_lossy(&req.body)))
    })
}

#[tokio::test]
async fn list_users_sends_what_the_official_sdk_sends() {
    assert_same_requests_as_the_official_sdk(&[
        Call::ListUsers { instance_id: "inst-1", offset: None, limit: None },
        Call::ListUsers { instance_id: "inst-1", offset: Some(0), limit: Some(5) },
        Call::ListUsers { instance_id: "inst-1", offset: Some(10), limit: None },
        Call::ListUsers { instance_id: "inst-1", offset: None, limit: Some(128) },
        Call::ListUsers { instance_id: "inst 1", offset: Some(2), limit: Some(3) },
        Call::ListUsers { instance_id: "a b/c?d&e=f%g+h~i*j'ä", offset: Some(1), limit: None },
    ])
    .await;
}

#[tokio::test]
async fn om_user_action_sends_what_the_official_sdk_sends() {
    let cluster = "4f6c3a1e-8b2d-4c5e-9a7f-0123456789ab";
    assert_same_requests_as_the_official_sdk(&[
        Call::OmUserAction { cluster_id: cluster, operation: "addOmUser" },
        Call::OmUserAction { cluster_id: cluster, operation: "deleteOmUser" },
        Call::OmUserAction { cluster_id: cluster, operation: "increaseOmUserPeriod" },
        Call::OmUserAction { cluster_id: "cluster 1/x", operation: "addOmUser" },
    ])
    .await;
}
