//! Project discovery against local servers: a config with a region and no project ID asks IAM
//! (`GET /v3/projects?name=<region>`) once, then every call of every client uses the found ID in
//! its path and `X-Project-Id`; concurrent first calls share one IAM request; zero or several
//! projects, or a failing IAM call, give an error that says to set `HUAWEICLOUD_SDK_PROJECT_ID`.
//!
//! The cache is process-wide per access key, region and IAM endpoint; every test here starts its
//! own IAM server, so no test sees another's cache entry.

use std::time::Duration;

use huaweicloud_sdk::ddm::v1::{DdmClient, list_users::ListUsersRequest};
use huaweicloud_sdk::dws::v2::{DwsClient, show_database_om_user_status::ShowDatabaseOmUserStatusRequest};
use huaweicloud_sdk::runtime::{Config, ConfigError, Credentials, Error, RetryPolicy};
use huaweicloud_sdk_tests::server::{Reply, Server};
use huaweicloud_sdk_tests::wire::{query_pairs, verify_signature};

const AK: &str = "AKDISCOVERY";
const SK: &str = "SKDISCOVERYSECRET";

fn projects(ids: &[&str]) -> String {
    let list: Vec<String> = ids
        .iter()
        .map(|id| format!(r#"{{"id":"{id}","name":"cn-north-4","domain_id":"d1","enabled":true}}"#))
        .collect();
    format!(r#"{{"projects":[{}],"links":{{"self":"https://iam/v3/projects","next":null}}}}"#, list.join(","))
}

fn config(iam: &Server, service: &Server, credentials: Credentials) -> Config {
    Config::builder()
        .credentials(credentials)
        .region("cn-north-4")
        .endpoint("iam", iam.url())
        .endpoint("ddm", service.url())
        .endpoint("dws", service.url())
        .read_timeout(Duration::from_secs(5))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("config")
}

#[tokio::test]
async fn one_iam_request_then_the_found_id_in_every_path_and_header() {
    let iam = Server::start(vec![Reply::json(200, &projects(&["proj-found"]))]).await;
    let service = Server::start(vec![Reply::json(200, "{}")]).await;
    let config = config(&iam, &service, Credentials::ak_sk(AK, SK));
    let ddm = DdmClient::new(&config);
    for _ in 0..3 {
        ddm.list_users(&ListUsersRequest::new("inst-1")).await.expect("list users");
    }
    // Another client of another service, made from the same config, uses the cache too.
    DwsClient::new(&config)
        .show_database_om_user_status(&ShowDatabaseOmUserStatusRequest::new("4f5ab1a6-0c2d-4a58-9d4b-2f4e7c1d8a90"))
        .await
        .expect("om status");

    let asked = iam.requests();
    assert_eq!(asked.len(), 1, "{asked:#?}");
    assert_eq!((asked[0].method.as_str(), asked[0].path.as_str()), ("GET", "/v3/projects"));
    assert_eq!(query_pairs(&asked[0]), [("name".to_owned(), "cn-north-4".to_owned())]);
    assert_eq!(asked[0].header("X-Project-Id"), None, "no project ID is known yet");
    verify_signature(&asked[0], SK);

    let calls = service.requests();
    assert_eq!(calls.len(), 4);
    assert!(calls[..3].iter().all(|r| r.path == "/v1/proj-found/instances/inst-1/users"), "{calls:#?}");
    assert!(calls[3].path.starts_with("/v1/proj-found/clusters/"), "{:?}", calls[3].path);
    for r in &calls {
        assert_eq!(r.header("X-Project-Id"), Some("proj-found"));
        assert!(verify_signature(r, SK).contains("x-project-id"));
    }
}

#[tokio::test]
async fn concurrent_first_calls_share_one_iam_request() {
    let slow = Reply::json(200, &projects(&["proj-c"])).delay(Duration::from_millis(300));
    let iam = Server::start(vec![slow]).await;
    let service = Server::start(vec![Reply::json(200, "{}")]).await;
    let client = DdmClient::new(&config(&iam, &service, Credentials::ak_sk("AKCONCURRENT", SK)));
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.list_users(&ListUsersRequest::new("i")).await.map(|_| ()) })
        })
        .collect();
    for t in tasks {
        t.await.expect("task").expect("call");
    }
    assert_eq!(iam.requests().len(), 1);
    let calls = service.requests();
    assert_eq!(calls.len(), 8);
    assert!(calls.iter().all(|r| r.header("X-Project-Id") == Some("proj-c")));
}

async fn discovery_error(iam_reply: Reply, access_key: &str) -> (String, usize) {
    let iam = Server::start(vec![iam_reply]).await;
    let service = Server::start(vec![Reply::json(200, "{}")]).await;
    let client = DdmClient::new(&config(&iam, &service, Credentials::ak_sk(access_key, SK)));
    let e = client.list_users(&ListUsersRequest::new("i")).await.expect_err("no single project");
    assert!(matches!(e, Error::Config(ConfigError::ProjectDiscovery { .. })), "{e:?}");
    (e.to_string(), service.requests().len())
}

#[tokio::test]
async fn zero_or_several_projects_say_to_set_the_project_id() {
    let (text, sent) = discovery_error(Reply::json(200, &projects(&[])), "AKZERO").await;
    assert!(text.contains("IAM lists no project named cn-north-4"), "{text}");
    assert!(text.contains("HUAWEICLOUD_SDK_PROJECT_ID"), "{text}");
    assert_eq!(sent, 0, "nothing is sent to the service");

    let (text, sent) = discovery_error(Reply::json(200, &projects(&["p1", "p2"])), "AKSEVERAL").await;
    assert!(text.contains("IAM lists 2 projects named cn-north-4: p1, p2"), "{text}");
    assert!(text.contains("HUAWEICLOUD_SDK_PROJECT_ID"), "{text}");
    assert_eq!(sent, 0);
}

#[tokio::test]
async fn a_failed_iam_call_is_reported_and_asked_again_next_time() {
    let denied = Reply::json(401, r#"{"error":{"code":401,"message":"The request you have made requires authentication.","title":"Unauthorized"}}"#)
        .header("X-Request-Id", "iam-req-1");
    let iam = Server::start(vec![denied, Reply::json(200, &projects(&["proj-later"]))]).await;
    let service = Server::start(vec![Reply::json(200, "{}")]).await;
    let client = DdmClient::new(&config(&iam, &service, Credentials::ak_sk("AKRETRYLATER", SK)));
    let e = client.list_users(&ListUsersRequest::new("i")).await.expect_err("IAM said 401");
    let text = e.to_string();
    assert!(text.contains("401") && text.contains("requires authentication"), "{text}");
    assert!(text.contains("HUAWEICLOUD_SDK_PROJECT_ID") && !text.contains(SK), "{text}");
    client.list_users(&ListUsersRequest::new("i")).await.expect("second call discovers");
    assert_eq!(iam.requests().len(), 2, "a failure is not cached");
    assert_eq!(service.requests()[0].path, "/v1/proj-later/instances/i/users");
}

#[tokio::test]
async fn a_configured_project_id_means_no_iam_request() {
    let iam = Server::start(vec![Reply::json(200, &projects(&["unused"]))]).await;
    let service = Server::start(vec![Reply::json(200, "{}")]).await;
    let client = DdmClient::new(&config(&iam, &service, Credentials::ak_sk(AK, SK).with_project_id("given")));
    client.list_users(&ListUsersRequest::new("i")).await.expect("call");
    assert_eq!(iam.requests().len(), 0);
    assert_eq!(service.requests()[0].header("X-Project-Id"), Some("given"));
}

#[tokio::test]
async fn the_credentials_iam_endpoint_wins_over_the_config() {
    let unused = Server::start(vec![Reply::json(200, &projects(&["wrong"]))]).await;
    let iam = Server::start(vec![Reply::json(200, &projects(&["right"]))]).await;
    let service = Server::start(vec![Reply::json(200, "{}")]).await;
    let credentials = Credentials::ak_sk("AKIAMENDPOINT", SK).with_iam_endpoint(iam.url());
    let client = DdmClient::new(&config(&unused, &service, credentials));
    client.list_users(&ListUsersRequest::new("i")).await.expect("call");
    assert_eq!((unused.requests().len(), iam.requests().len()), (0, 1));
    assert_eq!(service.requests()[0].header("X-Project-Id"), Some("right"));
}
